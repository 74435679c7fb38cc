//! Protobuf editions features: what a file's syntax or edition, and the
//! `features` options of each element, make of it (presence, open or closed
//! enums, UTF-8 validation, JSON support, delimited encoding, the C++, Java
//! and Go language features).
//!
//! prost-types has no editions fields (`FileDescriptorProto.edition`, the
//! `features` option on every options message) and drops them when it
//! decodes. They are read here from the encoded descriptor instead (the
//! pool's encoding keeps every option's bytes; an image file is kept
//! encoded), once per editions file: an index from element path to the
//! features set on that element. Resolution walks the path from the file
//! down, starting from the edition's defaults, as protoc resolves features.

use std::collections::HashMap;

use crate::input::image::{Fields, Value};

/// `google.protobuf.Edition` values that matter here.
pub const EDITION_PROTO2: i32 = 998;
pub const EDITION_PROTO3: i32 = 999;
pub const EDITION_2023: i32 = 1000;
pub const EDITION_2024: i32 = 1001;

/// `google.protobuf.FeatureSet` as set on one element (unset fields are
/// `None`), with the language features of `pb.cpp`, `pb.java` and `pb.go`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct FeatureSet {
    #[prost(int32, optional, tag = "1")]
    pub field_presence: Option<i32>,
    #[prost(int32, optional, tag = "2")]
    pub enum_type: Option<i32>,
    #[prost(int32, optional, tag = "3")]
    pub repeated_field_encoding: Option<i32>,
    #[prost(int32, optional, tag = "4")]
    pub utf8_validation: Option<i32>,
    #[prost(int32, optional, tag = "5")]
    pub message_encoding: Option<i32>,
    #[prost(int32, optional, tag = "6")]
    pub json_format: Option<i32>,
    #[prost(int32, optional, tag = "7")]
    pub enforce_naming_style: Option<i32>,
    #[prost(int32, optional, tag = "8")]
    pub default_symbol_visibility: Option<i32>,
    #[prost(message, optional, tag = "1000")]
    pub cpp: Option<CppFeatures>,
    #[prost(message, optional, tag = "1001")]
    pub java: Option<JavaFeatures>,
    #[prost(message, optional, tag = "1002")]
    pub go: Option<GoFeatures>,
}

/// `pb.CppFeatures`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct CppFeatures {
    #[prost(bool, optional, tag = "1")]
    pub legacy_closed_enum: Option<bool>,
    #[prost(int32, optional, tag = "2")]
    pub string_type: Option<i32>,
}

/// `pb.JavaFeatures`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct JavaFeatures {
    #[prost(bool, optional, tag = "1")]
    pub legacy_closed_enum: Option<bool>,
    #[prost(int32, optional, tag = "2")]
    pub utf8_validation: Option<i32>,
}

/// `pb.GoFeatures`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GoFeatures {
    #[prost(bool, optional, tag = "1")]
    pub legacy_unmarshal_json_enum: Option<bool>,
    #[prost(int32, optional, tag = "2")]
    pub api_level: Option<i32>,
}

// Enum values of `google.protobuf.FeatureSet` and the language features.
pub const PRESENCE_EXPLICIT: i32 = 1;
pub const PRESENCE_IMPLICIT: i32 = 2;
pub const PRESENCE_LEGACY_REQUIRED: i32 = 3;
pub const ENUM_OPEN: i32 = 1;
pub const ENUM_CLOSED: i32 = 2;
pub const REPEATED_PACKED: i32 = 1;
pub const REPEATED_EXPANDED: i32 = 2;
pub const UTF8_VERIFY: i32 = 2;
pub const UTF8_NONE: i32 = 3;
pub const MESSAGE_LENGTH_PREFIXED: i32 = 1;
pub const MESSAGE_DELIMITED: i32 = 2;
pub const JSON_ALLOW: i32 = 1;
pub const JSON_LEGACY_BEST_EFFORT: i32 = 2;
pub const CPP_STRING_VIEW: i32 = 1;
pub const CPP_STRING_CORD: i32 = 2;
pub const CPP_STRING_STRING: i32 = 3;
pub const JAVA_UTF8_DEFAULT: i32 = 1;
pub const JAVA_UTF8_VERIFY: i32 = 2;

/// Fully resolved features of one element: every value set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub field_presence: i32,
    pub enum_type: i32,
    pub repeated_field_encoding: i32,
    pub utf8_validation: i32,
    pub message_encoding: i32,
    pub json_format: i32,
    pub cpp_string_type: i32,
    pub java_utf8_validation: i32,
}

impl Resolved {
    /// The defaults of an edition (`EDITION_PROTO2`/`EDITION_PROTO3` for
    /// the two syntaxes), from the `edition_defaults` of descriptor.proto
    /// and the language feature files bundled with buf 1.75.
    pub fn defaults(edition: i32) -> Resolved {
        let proto2 = edition < EDITION_PROTO3;
        Resolved {
            field_presence: if edition == EDITION_PROTO3 {
                PRESENCE_IMPLICIT
            } else {
                PRESENCE_EXPLICIT
            },
            enum_type: if proto2 { ENUM_CLOSED } else { ENUM_OPEN },
            repeated_field_encoding: if proto2 {
                REPEATED_EXPANDED
            } else {
                REPEATED_PACKED
            },
            utf8_validation: if proto2 { UTF8_NONE } else { UTF8_VERIFY },
            message_encoding: MESSAGE_LENGTH_PREFIXED,
            json_format: if proto2 {
                JSON_LEGACY_BEST_EFFORT
            } else {
                JSON_ALLOW
            },
            cpp_string_type: if edition >= EDITION_2024 {
                CPP_STRING_VIEW
            } else {
                CPP_STRING_STRING
            },
            java_utf8_validation: JAVA_UTF8_DEFAULT,
        }
    }

    fn apply(&mut self, set: &FeatureSet) {
        let put = |slot: &mut i32, v: Option<i32>| {
            if let Some(v) = v.filter(|v| *v != 0) {
                *slot = v;
            }
        };
        put(&mut self.field_presence, set.field_presence);
        put(&mut self.enum_type, set.enum_type);
        put(
            &mut self.repeated_field_encoding,
            set.repeated_field_encoding,
        );
        put(&mut self.utf8_validation, set.utf8_validation);
        put(&mut self.message_encoding, set.message_encoding);
        put(&mut self.json_format, set.json_format);
        if let Some(cpp) = &set.cpp {
            put(&mut self.cpp_string_type, cpp.string_type);
        }
        if let Some(java) = &set.java {
            put(&mut self.java_utf8_validation, java.utf8_validation);
        }
    }
}

/// The features set explicitly in one editions file, by element path
/// (`[]` for the file, `[4, 0]` for its first message, `[4, 0, 2, 1]` for a
/// field of it, `[4, 0, 8, 0]` for a oneof, ...).
#[derive(Debug, Clone, Default)]
pub struct FeatureIndex {
    pub edition: i32,
    sets: HashMap<Vec<i32>, FeatureSet>,
}

impl FeatureIndex {
    /// Reads the `edition` and every `features` option of an encoded
    /// `FileDescriptorProto`.
    pub fn from_encoded(file: &[u8]) -> FeatureIndex {
        let mut index = FeatureIndex::default();
        let mut path = Vec::new();
        for f in Fields::new(file).flatten() {
            match (f.number, f.value) {
                (14, Value::Varint(v)) => index.edition = v as i32,
                (8, Value::Bytes(b)) => index.options(&path, b, 50),
                _ => {}
            }
        }
        // Elements, each with its index among its siblings.
        let mut counts = [0i32; 8];
        for f in Fields::new(file).flatten() {
            let Value::Bytes(b) = f.value else { continue };
            let kind = match f.number {
                4 => Kind::Message,
                5 => Kind::Enum,
                6 => Kind::Service,
                7 => Kind::Field,
                _ => continue,
            };
            let i = counts[f.number as usize];
            counts[f.number as usize] += 1;
            path.clear();
            path.extend([f.number as i32, i]);
            index.element(kind, &mut path, b);
        }
        index
    }

    /// Reads the `features` field (number `features`, which differs per
    /// options message) of an encoded options message.
    fn options(&mut self, path: &[i32], options: &[u8], features: u32) {
        for f in Fields::new(options).flatten() {
            if let (n, Value::Bytes(b)) = (f.number, f.value)
                && n == features
            {
                use prost::Message;
                if let Ok(set) = FeatureSet::decode(b) {
                    self.sets
                        .entry(path.to_vec())
                        .and_modify(|s| s.merge(b).unwrap_or(()))
                        .or_insert(set);
                }
            }
        }
    }

    fn element(&mut self, kind: Kind, path: &mut Vec<i32>, bytes: &[u8]) {
        // (options field number, number of `features` in the options,
        // children: (field number, kind)).
        let (options, features, children): (u32, u32, &[(u32, Kind)]) = match kind {
            Kind::Message => (
                7,
                12,
                &[
                    (2, Kind::Field),
                    (3, Kind::Message),
                    (4, Kind::Enum),
                    (6, Kind::Field),
                    (8, Kind::Oneof),
                ],
            ),
            Kind::Field => (8, 21, &[]),
            Kind::Oneof => (2, 1, &[]),
            Kind::Enum => (3, 7, &[(2, Kind::EnumValue)]),
            Kind::EnumValue => (3, 2, &[]),
            Kind::Service => (3, 34, &[(2, Kind::Method)]),
            Kind::Method => (4, 35, &[]),
        };
        let mut counts = [0i32; 9];
        for f in Fields::new(bytes).flatten() {
            let Value::Bytes(b) = f.value else { continue };
            if f.number == options {
                self.options(path, b, features);
                continue;
            }
            let Some(&(_, child)) = children.iter().find(|(n, _)| *n == f.number) else {
                continue;
            };
            let i = counts[f.number as usize];
            counts[f.number as usize] += 1;
            path.extend([f.number as i32, i]);
            self.element(child, path, b);
            path.truncate(path.len() - 2);
        }
    }

    /// Resolves the features of the element at `path`: the edition's
    /// defaults, then what the file and each enclosing element set. `via`
    /// is an extra parent between the element and its enclosing element
    /// (the oneof of a field).
    pub fn resolve(&self, path: &[i32], via: Option<&[i32]>) -> Resolved {
        let mut chain: Vec<&[i32]> = (1..=path.len() / 2).map(|n| &path[..2 * n]).collect();
        if let Some(via) = via {
            chain.insert(chain.len().saturating_sub(1), via);
        }
        self.resolve_chain(&chain)
    }

    /// Resolves along an explicit chain of element paths, outermost first
    /// (the file's own features come before them).
    pub fn resolve_chain(&self, chain: &[&[i32]]) -> Resolved {
        let mut r = Resolved::defaults(self.edition);
        if let Some(s) = self.sets.get(&[][..]) {
            r.apply(s);
        }
        for p in chain {
            if let Some(s) = self.sets.get(*p) {
                r.apply(s);
            }
        }
        r
    }

    /// The features set on the element itself (not inherited).
    pub fn own(&self, path: &[i32]) -> Option<&FeatureSet> {
        self.sets.get(path)
    }
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Message,
    Field,
    Oneof,
    Enum,
    EnumValue,
    Service,
    Method,
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;

    fn enc(set: &FeatureSet) -> Vec<u8> {
        set.encode_to_vec()
    }

    /// An encoded file: edition 2023, file features IMPLICIT, one message
    /// with JSON LEGACY_BEST_EFFORT whose second field is EXPLICIT and sits
    /// in a oneof that sets UTF-8 NONE.
    fn file() -> Vec<u8> {
        use crate::input::image::insert_field_in_order as put;
        let features = |n: u32, set: FeatureSet| put(&[], n, &enc(&set));
        let field0 = put(&[], 1, b"a");
        let field1 = put(
            &put(&[], 1, b"b"),
            8,
            &features(
                21,
                FeatureSet {
                    field_presence: Some(PRESENCE_EXPLICIT),
                    ..Default::default()
                },
            ),
        );
        let oneof = put(
            &put(&[], 1, b"o"),
            2,
            &features(
                1,
                FeatureSet {
                    utf8_validation: Some(UTF8_NONE),
                    ..Default::default()
                },
            ),
        );
        let mut msg = put(&[], 1, b"M");
        msg = put(&msg, 2, &field0);
        msg = put(&msg, 2, &field1);
        msg = put(
            &msg,
            7,
            &features(
                12,
                FeatureSet {
                    json_format: Some(JSON_LEGACY_BEST_EFFORT),
                    ..Default::default()
                },
            ),
        );
        msg = put(&msg, 8, &oneof);
        let mut file = put(&[], 1, b"a.proto");
        file = put(&file, 4, &msg);
        file = put(
            &file,
            8,
            &features(
                50,
                FeatureSet {
                    field_presence: Some(PRESENCE_IMPLICIT),
                    ..Default::default()
                },
            ),
        );
        crate::input::image::insert_varint_in_order(&file, 14, EDITION_2023 as u64)
    }

    #[test]
    fn resolves_down_the_path() {
        let index = FeatureIndex::from_encoded(&file());
        assert_eq!(index.edition, EDITION_2023);
        let a = index.resolve(&[4, 0, 2, 0], None);
        assert_eq!(a.field_presence, PRESENCE_IMPLICIT);
        assert_eq!(a.json_format, JSON_LEGACY_BEST_EFFORT);
        assert_eq!(a.utf8_validation, UTF8_VERIFY);
        let b = index.resolve(&[4, 0, 2, 1], Some(&[4, 0, 8, 0]));
        assert_eq!(b.field_presence, PRESENCE_EXPLICIT);
        assert_eq!(b.utf8_validation, UTF8_NONE);
        assert_eq!(index.resolve(&[], None).enum_type, ENUM_OPEN);
    }

    #[test]
    fn syntax_defaults() {
        let p2 = Resolved::defaults(EDITION_PROTO2);
        assert_eq!(p2.enum_type, ENUM_CLOSED);
        assert_eq!(p2.utf8_validation, UTF8_NONE);
        let p3 = Resolved::defaults(EDITION_PROTO3);
        assert_eq!(p3.field_presence, PRESENCE_IMPLICIT);
        assert_eq!(p3.json_format, JSON_ALLOW);
        assert_eq!(
            Resolved::defaults(EDITION_2024).cpp_string_type,
            CPP_STRING_VIEW
        );
    }
}
