//! The pairing index of one side (previous or current): every element of
//! the files taking part, by the key buf pairs it with (files by path;
//! messages, enums and services by fully-qualified name; extensions by
//! extendee and number; packages by name). Built once per side per run.

use std::collections::{BTreeMap, BTreeSet};

use prost_types::{DescriptorProto, EnumDescriptorProto, FieldDescriptorProto};

use crate::{
    lint::walk::{self, Enum, Message, Service, qualify},
    schema::SchemaFile,
};

/// A field or an extension, as breaking rules see it.
#[derive(Debug)]
pub struct FieldView<'a> {
    pub file: &'a SchemaFile<'a>,
    pub desc: &'a FieldDescriptorProto,
    pub path: Vec<i32>,
    /// The message declaring the field (`None` for an extension).
    pub message: Option<&'a Message<'a>>,
    /// The extension's fully-qualified name (without a leading dot), for
    /// an extension.
    pub extension: Option<String>,
}

impl FieldView<'_> {
    pub fn is_extension(&self) -> bool {
        self.extension.is_some()
    }

    /// A field of a synthesized map entry message.
    pub fn in_map_entry(&self) -> bool {
        self.message.is_some_and(Message::is_map_entry)
    }

    /// buf's description of the field: `Field "1" with name "id" on message
    /// "Pet"` (short message name), or `Extension "10" with name "a.ext" on
    /// message "a.Foo"` (full names).
    pub fn describe(&self) -> String {
        use crate::gostr::quote as q;
        match &self.extension {
            Some(full) => format!(
                "Extension \"{}\" with name {} on message {}",
                self.desc.number(),
                q(full),
                q(walk::trim_dot(self.desc.extendee()))
            ),
            None => format!(
                "Field \"{}\" with name {} on message {}",
                self.desc.number(),
                q(self.desc.name()),
                q(self.message.map_or("", |m| m.desc.name()))
            ),
        }
    }

    /// [`describe`](Self::describe) without the ` with name ...` part:
    /// `Field "1" on message "Pet"`.
    pub fn describe_short(&self) -> String {
        use crate::gostr::quote as q;
        match &self.extension {
            Some(_) => format!(
                "Extension \"{}\" on message {}",
                self.desc.number(),
                q(walk::trim_dot(self.desc.extendee()))
            ),
            None => format!(
                "Field \"{}\" on message {}",
                self.desc.number(),
                q(self.message.map_or("", |m| m.desc.name()))
            ),
        }
    }
}

/// One side's elements.
#[derive(Debug, Default)]
pub struct Index<'a> {
    /// Files taking part, by import path.
    pub files: BTreeMap<&'a str, &'a SchemaFile<'a>>,
    /// Package → its files (files without a package under `""`).
    pub packages: BTreeMap<&'a str, Vec<&'a SchemaFile<'a>>>,
    /// Messages (nested ones included, map entries too) by full name.
    pub messages: BTreeMap<String, Message<'a>>,
    pub enums: BTreeMap<String, Enum<'a>>,
    pub services: BTreeMap<String, Service<'a>>,
    /// Extensions by (extendee full name without dot, number).
    pub extensions: BTreeMap<(String, i32), FieldView<'a>>,
    /// Enums of the side's files that do not take part (imports left out by
    /// `--exclude-imports`): field types still refer to them.
    pub other_enums: BTreeMap<String, &'a EnumDescriptorProto>,
}

impl<'a> Index<'a> {
    /// Indexes `files`.
    pub fn new(files: &[&'a SchemaFile<'a>]) -> Self {
        let mut index = Index::default();
        for &file in files {
            index.files.insert(file.name, file);
            index.packages.entry(file.package()).or_default().push(file);
            let desc = &*file.desc;
            let package = desc.package();
            for (i, m) in desc.message_type.iter().enumerate() {
                index.add_message(file, m, vec![4, i as i32], qualify(package, m.name()));
            }
            for (i, e) in desc.enum_type.iter().enumerate() {
                let full_name = qualify(package, e.name());
                index.enums.insert(
                    full_name.clone(),
                    Enum {
                        file,
                        desc: e,
                        path: vec![5, i as i32],
                        full_name,
                    },
                );
            }
            for (i, s) in desc.service.iter().enumerate() {
                let full_name = qualify(package, s.name());
                index.services.insert(
                    full_name.clone(),
                    Service {
                        file,
                        desc: s,
                        path: vec![6, i as i32],
                        full_name,
                    },
                );
            }
            for (i, f) in desc.extension.iter().enumerate() {
                index.add_extension(file, f, vec![7, i as i32], package);
            }
        }
        index
    }

    fn add_message(
        &mut self,
        file: &'a SchemaFile<'a>,
        desc: &'a DescriptorProto,
        path: Vec<i32>,
        full_name: String,
    ) {
        for (i, nested) in desc.nested_type.iter().enumerate() {
            let mut p = path.clone();
            p.extend([3, i as i32]);
            self.add_message(file, nested, p, qualify(&full_name, nested.name()));
        }
        for (i, e) in desc.enum_type.iter().enumerate() {
            let mut p = path.clone();
            p.extend([4, i as i32]);
            let name = qualify(&full_name, e.name());
            self.enums.insert(
                name.clone(),
                Enum {
                    file,
                    desc: e,
                    path: p,
                    full_name: name,
                },
            );
        }
        for (i, f) in desc.extension.iter().enumerate() {
            let mut p = path.clone();
            p.extend([6, i as i32]);
            self.add_extension(file, f, p, &full_name);
        }
        self.messages.insert(
            full_name.clone(),
            Message {
                file,
                desc,
                path,
                full_name,
            },
        );
    }

    fn add_extension(
        &mut self,
        file: &'a SchemaFile<'a>,
        desc: &'a FieldDescriptorProto,
        path: Vec<i32>,
        scope: &str,
    ) {
        let key = (walk::trim_dot(desc.extendee()).to_owned(), desc.number());
        self.extensions.insert(
            key,
            FieldView {
                file,
                desc,
                path,
                message: None,
                extension: Some(qualify(scope, desc.name())),
            },
        );
    }

    /// Adds the enums of files that do not take part, for [`Self::enum_type`].
    pub fn with_other_files(mut self, files: &[&'a SchemaFile<'a>]) -> Self {
        fn walk<'a>(
            out: &mut BTreeMap<String, &'a EnumDescriptorProto>,
            scope: &str,
            messages: &'a [DescriptorProto],
            enums: &'a [EnumDescriptorProto],
        ) {
            for e in enums {
                out.insert(qualify(scope, e.name()), e);
            }
            for m in messages {
                let name = qualify(scope, m.name());
                walk(out, &name, &m.nested_type, &m.enum_type);
            }
        }
        for f in files {
            walk(
                &mut self.other_enums,
                f.package(),
                &f.desc.message_type,
                &f.desc.enum_type,
            );
        }
        self
    }

    /// The enum with this full name (no leading dot), whether or not its
    /// file takes part.
    pub fn enum_type(&self, full_name: &str) -> Option<&'a EnumDescriptorProto> {
        self.enums
            .get(full_name)
            .map(|e| e.desc)
            .or_else(|| self.other_enums.get(full_name).copied())
    }

    /// The package names present.
    pub fn package_names(&self) -> BTreeSet<&'a str> {
        self.packages.keys().copied().collect()
    }
}

/// The name of an element relative to its file's package (`Outer.Inner`),
/// as buf prints deleted elements.
pub fn nested_name<'n>(file: &SchemaFile, full_name: &'n str) -> &'n str {
    let package = file.package();
    if package.is_empty() {
        return full_name;
    }
    full_name
        .strip_prefix(package)
        .and_then(|r| r.strip_prefix('.'))
        .unwrap_or(full_name)
}
