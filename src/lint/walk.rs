//! The one lint walker: visits every element of a file once and hands it to
//! the rules of its kind. Rules never walk the tree themselves.
//!
//! Source paths follow `descriptor.proto` field numbers (file: package 2,
//! dependency 3, message_type 4, enum_type 5, service 6, extension 7,
//! options 8, syntax 12; message: field 2, nested_type 3, enum_type 4,
//! extension 6, options 7, oneof_decl 8; enum: value 2, options 3; service:
//! method 2). Every element carries its path, so a rule reports at
//! `[path.., 1]` (the name) or `path` (the whole declaration).

use prost_types::{
    DescriptorProto, EnumDescriptorProto, EnumValueDescriptorProto, FieldDescriptorProto,
    MethodDescriptorProto, OneofDescriptorProto, ServiceDescriptorProto,
    field_descriptor_proto::Type,
};

use super::{Check, Env, Sink};
use crate::{check::registry::LintRuleId, schema::SchemaFile};

/// A message (nested ones included).
#[derive(Debug)]
pub struct Message<'a> {
    pub file: &'a SchemaFile<'a>,
    pub desc: &'a DescriptorProto,
    pub path: Vec<i32>,
    /// Fully-qualified name without a leading dot.
    pub full_name: String,
}

impl Message<'_> {
    /// A synthesized `map<K, V>` entry message.
    pub fn is_map_entry(&self) -> bool {
        is_map_entry(self.desc)
    }
}

fn is_map_entry(desc: &DescriptorProto) -> bool {
    desc.options
        .as_ref()
        .and_then(|o| o.map_entry)
        .unwrap_or(false)
}

/// A field of a message, or an extension (declared at file level or in a
/// message).
#[derive(Debug)]
pub struct Field<'a> {
    pub file: &'a SchemaFile<'a>,
    pub desc: &'a FieldDescriptorProto,
    pub path: Vec<i32>,
    /// The message declaring it (for an extension: the message whose body
    /// holds the `extend` block, if any).
    pub message: Option<&'a Message<'a>>,
    pub is_extension: bool,
}

impl Field<'_> {
    /// A field of a synthesized map entry message.
    pub fn in_map_entry(&self) -> bool {
        !self.is_extension && self.message.is_some_and(Message::is_map_entry)
    }

    /// A proto2 group field (its comments belong to the group's message).
    pub fn is_group(&self) -> bool {
        self.desc.r#type() == Type::Group
    }

    /// `required` cardinality.
    pub fn is_required(&self) -> bool {
        self.file.field_is_required(&self.path, self.desc)
    }
}

/// A oneof of a message.
#[derive(Debug)]
pub struct Oneof<'a> {
    pub file: &'a SchemaFile<'a>,
    pub desc: &'a OneofDescriptorProto,
    pub path: Vec<i32>,
    pub message: &'a Message<'a>,
    /// Index in the message's `oneof_decl`.
    pub index: i32,
}

impl Oneof<'_> {
    /// The oneof the compiler synthesizes for a proto3 `optional` field.
    pub fn is_synthetic(&self) -> bool {
        let mut members = self
            .message
            .desc
            .field
            .iter()
            .filter(|f| f.oneof_index == Some(self.index));
        matches!((members.next(), members.next()), (Some(f), None) if f.proto3_optional())
    }
}

/// An enum (nested ones included).
#[derive(Debug)]
pub struct Enum<'a> {
    pub file: &'a SchemaFile<'a>,
    pub desc: &'a EnumDescriptorProto,
    pub path: Vec<i32>,
    /// Fully-qualified name without a leading dot.
    pub full_name: String,
}

/// A value of an enum.
#[derive(Debug)]
pub struct EnumValue<'a> {
    pub file: &'a SchemaFile<'a>,
    pub desc: &'a EnumValueDescriptorProto,
    pub path: Vec<i32>,
    pub parent: &'a Enum<'a>,
    /// Index in the enum's values.
    pub index: usize,
}

/// A service.
#[derive(Debug)]
pub struct Service<'a> {
    pub file: &'a SchemaFile<'a>,
    pub desc: &'a ServiceDescriptorProto,
    pub path: Vec<i32>,
    /// Fully-qualified name without a leading dot.
    pub full_name: String,
}

/// An RPC of a service.
#[derive(Debug)]
pub struct Method<'a> {
    pub file: &'a SchemaFile<'a>,
    pub desc: &'a MethodDescriptorProto,
    pub path: Vec<i32>,
    pub service: &'a Service<'a>,
}

impl Method<'_> {
    /// The request type's full name, without a leading dot.
    pub fn input_type(&self) -> &str {
        trim_dot(self.desc.input_type())
    }

    /// The response type's full name, without a leading dot.
    pub fn output_type(&self) -> &str {
        trim_dot(self.desc.output_type())
    }

    /// Fully-qualified name without a leading dot.
    pub fn full_name(&self) -> String {
        format!("{}.{}", self.service.full_name, self.desc.name())
    }
}

/// `.a.B` → `a.B`.
pub fn trim_dot(name: &str) -> &str {
    name.strip_prefix('.').unwrap_or(name)
}

/// `scope.name`, or `name` in the empty scope.
pub(crate) fn qualify(scope: &str, name: &str) -> String {
    if scope.is_empty() {
        name.to_owned()
    } else {
        format!("{scope}.{name}")
    }
}

fn child(path: &[i32], field: i32, index: usize) -> Vec<i32> {
    let mut p = Vec::with_capacity(path.len() + 2);
    p.extend_from_slice(path);
    p.push(field);
    p.push(index as i32);
    p
}

/// Rule functions, one type per element kind.
type FileFn = fn(&Env, &SchemaFile, &mut Sink);
type MessageFn = fn(&Env, &Message, &mut Sink);
type FieldFn = fn(&Env, &Field, &mut Sink);
type OneofFn = fn(&Env, &Oneof, &mut Sink);
type EnumFn = fn(&Env, &Enum, &mut Sink);
type EnumValueFn = fn(&Env, &EnumValue, &mut Sink);
type ServiceFn = fn(&Env, &Service, &mut Sink);
type MethodFn = fn(&Env, &Method, &mut Sink);

/// The selected per-element rules, grouped by the element kind they check.
#[derive(Default)]
pub struct Plan {
    pub file: Vec<(LintRuleId, FileFn)>,
    pub message: Vec<(LintRuleId, MessageFn)>,
    pub field: Vec<(LintRuleId, FieldFn)>,
    pub oneof: Vec<(LintRuleId, OneofFn)>,
    pub enum_: Vec<(LintRuleId, EnumFn)>,
    pub enum_value: Vec<(LintRuleId, EnumValueFn)>,
    pub service: Vec<(LintRuleId, ServiceFn)>,
    pub method: Vec<(LintRuleId, MethodFn)>,
}

impl Plan {
    /// Adds a rule to the list of its element kind; returns `false` for a
    /// whole-module rule (run separately).
    pub fn add(&mut self, id: LintRuleId, check: &Check) -> bool {
        match *check {
            Check::File(f) => self.file.push((id, f)),
            Check::Message(f) => self.message.push((id, f)),
            Check::Field(f) => self.field.push((id, f)),
            Check::Oneof(f) => self.oneof.push((id, f)),
            Check::Enum(f) => self.enum_.push((id, f)),
            Check::EnumValue(f) => self.enum_value.push((id, f)),
            Check::Service(f) => self.service.push((id, f)),
            Check::Method(f) => self.method.push((id, f)),
            Check::Module(_) => return false,
        }
        true
    }

    fn needs_messages(&self) -> bool {
        !(self.message.is_empty() && self.field.is_empty() && self.oneof.is_empty())
            || self.needs_enums()
    }

    fn needs_enums(&self) -> bool {
        !(self.enum_.is_empty() && self.enum_value.is_empty())
    }

    /// Runs every rule of the plan over one file.
    pub fn walk(&self, env: &Env, file: &SchemaFile, sink: &mut Sink) {
        for (id, f) in &self.file {
            sink.rule = *id;
            f(env, file, sink);
        }
        let desc = &*file.desc;
        let package = desc.package();
        if self.needs_messages() || !self.field.is_empty() {
            for (i, m) in desc.message_type.iter().enumerate() {
                self.walk_message(
                    env,
                    file,
                    m,
                    child(&[], 4, i),
                    qualify(package, m.name()),
                    sink,
                );
            }
        }
        if self.needs_enums() {
            for (i, e) in desc.enum_type.iter().enumerate() {
                self.walk_enum(
                    env,
                    file,
                    e,
                    child(&[], 5, i),
                    qualify(package, e.name()),
                    sink,
                );
            }
        }
        if !self.field.is_empty() {
            for (i, f) in desc.extension.iter().enumerate() {
                let field = Field {
                    file,
                    desc: f,
                    path: child(&[], 7, i),
                    message: None,
                    is_extension: true,
                };
                self.visit_field(env, &field, sink);
            }
        }
        if !(self.service.is_empty() && self.method.is_empty()) {
            for (i, s) in desc.service.iter().enumerate() {
                let service = Service {
                    file,
                    desc: s,
                    path: child(&[], 6, i),
                    full_name: qualify(package, s.name()),
                };
                for (id, f) in &self.service {
                    sink.rule = *id;
                    f(env, &service, sink);
                }
                for (j, m) in s.method.iter().enumerate() {
                    let method = Method {
                        file,
                        desc: m,
                        path: child(&service.path, 2, j),
                        service: &service,
                    };
                    for (id, f) in &self.method {
                        sink.rule = *id;
                        f(env, &method, sink);
                    }
                }
            }
        }
    }

    fn visit_field(&self, env: &Env, field: &Field, sink: &mut Sink) {
        for (id, f) in &self.field {
            sink.rule = *id;
            f(env, field, sink);
        }
    }

    fn walk_message(
        &self,
        env: &Env,
        file: &SchemaFile,
        desc: &DescriptorProto,
        path: Vec<i32>,
        full_name: String,
        sink: &mut Sink,
    ) {
        let message = Message {
            file,
            desc,
            path,
            full_name,
        };
        for (id, f) in &self.message {
            sink.rule = *id;
            f(env, &message, sink);
        }
        for (i, fd) in desc.field.iter().enumerate() {
            let field = Field {
                file,
                desc: fd,
                path: child(&message.path, 2, i),
                message: Some(&message),
                is_extension: false,
            };
            self.visit_field(env, &field, sink);
        }
        for (i, fd) in desc.extension.iter().enumerate() {
            let field = Field {
                file,
                desc: fd,
                path: child(&message.path, 6, i),
                message: Some(&message),
                is_extension: true,
            };
            self.visit_field(env, &field, sink);
        }
        if !self.oneof.is_empty() {
            for (i, o) in desc.oneof_decl.iter().enumerate() {
                let oneof = Oneof {
                    file,
                    desc: o,
                    path: child(&message.path, 8, i),
                    message: &message,
                    index: i as i32,
                };
                for (id, f) in &self.oneof {
                    sink.rule = *id;
                    f(env, &oneof, sink);
                }
            }
        }
        for (i, nested) in desc.nested_type.iter().enumerate() {
            self.walk_message(
                env,
                file,
                nested,
                child(&message.path, 3, i),
                qualify(&message.full_name, nested.name()),
                sink,
            );
        }
        if self.needs_enums() {
            for (i, e) in desc.enum_type.iter().enumerate() {
                self.walk_enum(
                    env,
                    file,
                    e,
                    child(&message.path, 4, i),
                    qualify(&message.full_name, e.name()),
                    sink,
                );
            }
        }
    }

    fn walk_enum(
        &self,
        env: &Env,
        file: &SchemaFile,
        desc: &EnumDescriptorProto,
        path: Vec<i32>,
        full_name: String,
        sink: &mut Sink,
    ) {
        let e = Enum {
            file,
            desc,
            path,
            full_name,
        };
        for (id, f) in &self.enum_ {
            sink.rule = *id;
            f(env, &e, sink);
        }
        if !self.enum_value.is_empty() {
            for (i, v) in desc.value.iter().enumerate() {
                let value = EnumValue {
                    file,
                    desc: v,
                    path: child(&e.path, 2, i),
                    parent: &e,
                    index: i,
                };
                for (id, f) in &self.enum_value {
                    sink.rule = *id;
                    f(env, &value, sink);
                }
            }
        }
    }
}

/// Whether a message descriptor is a map entry (for rules that look at
/// field types).
pub fn message_is_map_entry(desc: &DescriptorProto) -> bool {
    is_map_entry(desc)
}
