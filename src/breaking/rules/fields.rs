//! Field rules: deleted fields, and every property of a field paired by
//! number (name, JSON name, type, cardinality, oneof, default, language
//! options), plus the required fields of a message.
//!
//! Semantics come from the resolved features of each field
//! ([`SchemaFile::field_features`]): the syntax's defaults in proto2 and
//! proto3 files (explicit presence and `utf8_validation = NONE` in proto2;
//! implicit presence unless `optional` and `VERIFY` in proto3), and what
//! the `features` options say in editions files (presence, delimited
//! encoding, UTF-8 validation, the C++ and Java string features).

use prost_types::{
    DescriptorProto, FieldDescriptorProto,
    field_descriptor_proto::{Label, Type},
    field_options::{CType, JsType},
};

use crate::{
    breaking::{Env, FieldView, Hit, Index, Pair, Place, Sink},
    gostr::quote as q,
    lint::walk::{Message, trim_dot},
    schema::{SchemaFile, features},
};

breaking_rules! {
    /// Checks that no field of a message is deleted: every field number of
    /// a message present in both versions must still be declared.
    ///
    /// ## Why
    /// Generated code loses the field's accessors, so every caller using
    /// them stops compiling. Worse, the number becomes free again: a later
    /// field reusing it reads old data with a different meaning.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Pet { string id = 1; string name = 2; }
    /// // after: flagged, field "2" with name "name" was deleted
    /// message Pet { string id = 1; }
    /// ```
    ///
    /// ## Fix
    /// Keep the field (mark it `[deprecated = true]` if it should no longer
    /// be used). When the deletion is intended and only the wire format
    /// matters, use FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED and reserve the
    /// number.
    FieldNoDelete => Message(field_no_delete),

    /// Checks that a field deleted from a message has its name reserved
    /// (`reserved "name";`).
    ///
    /// ## Why
    /// The JSON encoding identifies fields by name. If the name becomes
    /// free, a new field may take it and JSON written by old clients would
    /// be read into the wrong field.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Pet { string id = 1; string name = 2; }
    /// // after: flagged, the name "name" is not reserved
    /// message Pet { string id = 1; reserved 2; }
    /// ```
    ///
    /// ## Fix
    /// Add `reserved "name";` to the message.
    FieldNoDeleteUnlessNameReserved => Message(field_no_delete_unless_name_reserved),

    /// Checks that a field deleted from a message has its number reserved
    /// (`reserved 2;`).
    ///
    /// ## Why
    /// The binary encoding identifies fields by number. A later field that
    /// reuses a freed number decodes data written for the old field,
    /// silently corrupting it.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Pet { string id = 1; string name = 2; }
    /// // after: flagged, the number 2 is not reserved
    /// message Pet { string id = 1; }
    /// ```
    ///
    /// ## Fix
    /// Add `reserved 2;` (and usually `reserved "name";`) to the message.
    FieldNoDeleteUnlessNumberReserved => Message(field_no_delete_unless_number_reserved),

    /// Checks that fields keep their cardinality: `optional with explicit
    /// presence`, `optional with implicit presence`, `required`, `repeated`
    /// or `map`. Fields of map entries are not checked.
    ///
    /// ## Why
    /// The cardinality shapes the generated API: a repeated field is a
    /// list, a map is a dictionary, and explicit presence adds `has`
    /// accessors. Changing it breaks the code that uses the field.
    ///
    /// ## Example
    /// ```proto
    /// // before (proto3)
    /// message Pet { optional string name = 1; }
    /// // after: flagged, explicit presence became implicit presence
    /// message Pet { string name = 1; }
    /// ```
    ///
    /// ## Fix
    /// Restore the previous label, or add a new field with the new
    /// cardinality and deprecate the old one.
    FieldSameCardinality => Field(field_same_cardinality),

    /// Checks that string and bytes fields keep their C++ string type
    /// (the `ctype` option: `STRING` by default, `CORD`, `STRING_PIECE`).
    /// Moving from `STRING_PIECE` to `STRING` is allowed. Fields of map
    /// entries are not checked.
    ///
    /// ## Why
    /// The C++ string type decides the type of the generated accessors;
    /// changing it breaks C++ code that uses them.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Doc { string body = 1; }
    /// // after: flagged, from "STRING" to "CORD"
    /// message Doc { string body = 1 [ctype = CORD]; }
    /// ```
    ///
    /// ## Fix
    /// Restore the previous `ctype` option.
    FieldSameCppStringType => Field(field_same_cpp_string_type),

    /// Checks that scalar, non-repeated fields keep their default value
    /// (the `default` option in proto2, else the zero value; an enum's
    /// default is its first value). Pairs where both defaults are the
    /// zero value are not compared; numbers compare by value across types.
    ///
    /// ## Why
    /// A reader that finds no value on the wire uses its own default. If
    /// writer and reader disagree on it, an unset field means different
    /// things to each of them.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Query { optional int32 limit = 1 [default = 10]; }
    /// // after: flagged, from 10 to 20
    /// message Query { optional int32 limit = 1 [default = 20]; }
    /// ```
    ///
    /// ## Fix
    /// Restore the previous default; to change the behaviour, add a new
    /// field.
    FieldSameDefault => Field(field_same_default),

    /// Checks that string fields keep their Java UTF-8 validation
    /// (`VERIFY` with the `java_string_check_utf8` file option or in
    /// proto3, else `NONE`).
    ///
    /// ## Why
    /// With validation, the generated Java code rejects malformed strings
    /// that it used to accept (or the reverse), changing behaviour at run
    /// time for existing data.
    ///
    /// ## Example
    /// ```proto
    /// // before (proto2)
    /// message Doc { optional string body = 1; }
    /// // after: flagged, from "NONE" to "VERIFY"
    /// option java_string_check_utf8 = true;
    /// message Doc { optional string body = 1; }
    /// ```
    ///
    /// ## Fix
    /// Restore the previous `java_string_check_utf8` option.
    FieldSameJavaUtf8Validation => Field(field_same_java_utf8_validation),

    /// Checks that fields keep their JSON name: the `json_name` option, or
    /// the lowerCamelCase name derived from the field name (so renaming a
    /// field changes it too). Extensions are not checked.
    ///
    /// ## Why
    /// The JSON encoding uses the JSON name as the object key; JSON written
    /// with the old key is no longer understood.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Pet { string pet_id = 1; }
    /// // after: flagged, from "petId" to "id"
    /// message Pet { string pet_id = 1 [json_name = "id"]; }
    /// ```
    ///
    /// ## Fix
    /// Restore the previous name, or set `json_name` to the previous JSON
    /// name.
    FieldSameJsonName => Field(field_same_json_name),

    /// Checks that 64-bit integer fields keep their `jstype` option
    /// (`JS_NORMAL` when unset).
    ///
    /// ## Why
    /// `jstype` decides whether generated JavaScript represents the value
    /// as a number or a string; changing it breaks JavaScript callers.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Pet { int64 id = 1; }
    /// // after: flagged, from "JS_NORMAL" to "JS_STRING"
    /// message Pet { int64 id = 1 [jstype = JS_STRING]; }
    /// ```
    ///
    /// ## Fix
    /// Restore the previous `jstype` option.
    FieldSameJstype => Field(field_same_jstype),

    /// Checks that fields keep their name (extensions: their fully
    /// qualified name).
    ///
    /// ## Why
    /// Generated code names its accessors after the field; renaming a field
    /// breaks every caller. The JSON and text formats use the name too.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Pet { string id = 1; }
    /// // after: flagged, from "id" to "pet_id"
    /// message Pet { string pet_id = 1; }
    /// ```
    ///
    /// ## Fix
    /// Restore the previous name; to rename, add a new field and deprecate
    /// the old one.
    FieldSameName => Field(field_same_name),

    /// Checks that fields stay in the same oneof, or outside of any
    /// (the oneof synthesized for a proto3 `optional` field counts as no
    /// oneof). Extensions are not checked.
    ///
    /// ## Why
    /// Moving a field into or out of a oneof changes the generated API and
    /// the semantics: setting a oneof member clears the others, so data
    /// that used to coexist is now lost.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Pet { string name = 1; oneof kind { bool cat = 2; } }
    /// // after: flagged, field "1" moved from outside to inside a oneof
    /// message Pet { oneof kind { string name = 1; bool cat = 2; } }
    /// ```
    ///
    /// ## Fix
    /// Move the field back; add a new field for the new layout.
    FieldSameOneof => Field(field_same_oneof),

    /// Checks that fields keep their type: the same scalar type, or the
    /// same fully-qualified message or enum type.
    ///
    /// ## Why
    /// The type decides the generated accessors and, for most changes, the
    /// wire encoding: old data no longer decodes, or decodes wrongly.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Pet { int32 age = 1; }
    /// // after: flagged, from "int32" to "int64"
    /// message Pet { int64 age = 1; }
    /// ```
    ///
    /// ## Fix
    /// Restore the previous type; add a new field with the new type.
    FieldSameType => Field(field_same_type),

    /// Checks that string fields keep their UTF-8 validation (`VERIFY` in
    /// proto3, `NONE` in proto2), e.g. when a file moves between syntaxes.
    ///
    /// ## Why
    /// Parsers that verify UTF-8 reject strings that the others accept, so
    /// data that used to parse may now fail.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// syntax = "proto2";
    /// message Doc { optional string body = 1; }
    /// // after: flagged, from NONE to VERIFY
    /// syntax = "proto3";
    /// message Doc { optional string body = 1; }
    /// ```
    ///
    /// ## Fix
    /// Keep the file's syntax, or use `bytes` for data that may not be
    /// valid UTF-8.
    FieldSameUtf8Validation => Field(field_same_utf8_validation),

    /// Checks that cardinality changes keep the binary encoding compatible:
    /// both kinds of `optional` are interchangeable, `repeated` and `map`
    /// too, `required` is alone. Fields of map entries are not checked.
    ///
    /// ## Why
    /// A singular field and a repeated one are encoded differently (packed
    /// scalars, several occurrences); readers with the other cardinality
    /// lose values.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Pet { string tag = 1; }
    /// // after: flagged, from "optional with implicit presence" to "repeated"
    /// message Pet { repeated string tag = 1; }
    /// ```
    ///
    /// ## Fix
    /// Restore the previous cardinality; add a new field instead.
    FieldWireCompatibleCardinality => Field(field_wire_compatible_cardinality),

    /// Checks that type changes keep the binary encoding compatible: only
    /// types of the same wire family may replace each other (int32, int64,
    /// uint32, uint64 and bool; sint32 and sint64; fixed32 and sfixed32;
    /// fixed64 and sfixed64), string may become bytes, and an enum may be
    /// replaced by an enum with the same short name and a superset of its
    /// values.
    ///
    /// ## Why
    /// Values written with one type must decode with the other; outside
    /// these families they do not decode, or decode to different numbers.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Pet { int32 age = 1; }
    /// // after: flagged, "int32" and "sint32" use different encodings
    /// message Pet { sint32 age = 1; }
    /// ```
    ///
    /// ## Fix
    /// Restore the previous type, or pick a wire-compatible one.
    FieldWireCompatibleType => Field(field_wire_compatible_type),

    /// Checks that cardinality changes keep the binary and JSON encodings
    /// compatible: both kinds of `optional` are interchangeable; `required`,
    /// `repeated` and `map` must stay as they are. Fields of map entries are
    /// not checked.
    ///
    /// ## Why
    /// Besides the binary encoding, JSON writes a repeated field as an
    /// array and a map as an object, so these cannot replace each other.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Pet { repeated Tag tags = 1; }
    /// // after: flagged, from "repeated" to "map"
    /// message Pet { map<string, Tag> tags = 1; }
    /// ```
    ///
    /// ## Fix
    /// Restore the previous cardinality; add a new field instead.
    FieldWireJsonCompatibleCardinality => Field(field_wire_json_compatible_cardinality),

    /// Checks that type changes keep the binary and JSON encodings
    /// compatible: only int32 and uint32, int64 and uint64, fixed32 and
    /// sfixed32, fixed64 and sfixed64 may replace each other, and an enum
    /// may be replaced by an enum with the same short name and a superset
    /// of its values.
    ///
    /// ## Why
    /// JSON writes 64-bit integers as strings, bools as `true`/`false`,
    /// bytes as base64: types that share a binary encoding may still
    /// differ in JSON.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Pet { int32 age = 1; }
    /// // after: flagged, JSON writes int64 as a string
    /// message Pet { int64 age = 1; }
    /// ```
    ///
    /// ## Fix
    /// Restore the previous type, or pick a compatible one.
    FieldWireJsonCompatibleType => Field(field_wire_json_compatible_type),

    /// Checks that a message neither loses nor gains `required` fields
    /// (a required field made optional counts as lost, an optional field
    /// made required as gained).
    ///
    /// ## Why
    /// Parsers reject a message that lacks a required field. A side that
    /// does not know the new required field never sends it, and a side
    /// that still expects a removed one rejects what it receives.
    ///
    /// ## Example
    /// ```proto
    /// // before (proto2)
    /// message Pet { required string id = 1; }
    /// // after: flagged, required field "1" deleted
    /// message Pet { optional string id = 1; }
    /// ```
    ///
    /// ## Fix
    /// Keep the set of required fields as it was.
    MessageSameRequiredFields => Message(message_same_required_fields),
}

// ---------------------------------------------------------------------------
// Deletions and required fields (per pair of messages).

fn field_no_delete(_: &Env, pair: &Pair<Message>, sink: &mut Sink) {
    check_deleted(pair, sink, Reservation::None);
}

fn field_no_delete_unless_name_reserved(_: &Env, pair: &Pair<Message>, sink: &mut Sink) {
    check_deleted(pair, sink, Reservation::Name);
}

fn field_no_delete_unless_number_reserved(_: &Env, pair: &Pair<Message>, sink: &mut Sink) {
    check_deleted(pair, sink, Reservation::Number);
}

/// What makes a deletion acceptable.
#[derive(Clone, Copy)]
enum Reservation {
    None,
    Name,
    Number,
}

fn check_deleted(pair: &Pair<Message>, sink: &mut Sink, reservation: Reservation) {
    let (prev, cur) = (pair.previous, pair.current);
    for (i, pf) in prev.desc.field.iter().enumerate() {
        if cur.desc.field.iter().any(|f| f.number == pf.number) {
            continue;
        }
        let suffix = match reservation {
            Reservation::None => String::new(),
            Reservation::Number => {
                if number_reserved(cur.desc, pf.number()) {
                    continue;
                }
                format!(" without reserving the number \"{}\"", pf.number())
            }
            Reservation::Name => {
                if cur.desc.reserved_name.iter().any(|n| n == pf.name()) {
                    continue;
                }
                format!(" without reserving the name {}", q(pf.name()))
            }
        };
        let view = message_field(prev, i);
        let description = view.describe();
        // "Field ..." → "field ..."
        let description = match description.strip_prefix('F') {
            Some(rest) => format!("f{rest}"),
            None => description,
        };
        sink.at(
            prev.file,
            cur.file,
            cur.path.clone(),
            format!("Previously present {description} was deleted{suffix}."),
        );
    }
}

/// Whether `number` is in a reserved range of the message (end exclusive).
fn number_reserved(desc: &DescriptorProto, number: i32) -> bool {
    desc.reserved_range
        .iter()
        .any(|r| r.start() <= number && number < r.end())
}

/// A view of field `k` of message `m` (for descriptions).
fn message_field<'a>(m: &'a Message<'a>, k: usize) -> FieldView<'a> {
    let mut path = m.path.clone();
    path.extend([2, k as i32]);
    FieldView {
        file: m.file,
        desc: &m.desc.field[k],
        path,
        message: Some(m),
        extension: None,
    }
}

const REQUIRED_TAIL: &str = "Required fields must always be sent, so if one side does not know \
                             about the required field, this will result in a breakage.";

fn message_same_required_fields(_: &Env, pair: &Pair<Message>, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    // buf reads the `required` label only: a field made required with
    // `features.field_presence = LEGACY_REQUIRED` (editions) does not count,
    // so moving a required field from proto2 to editions reports it as
    // deleted. Kept for compatibility with buf's findings.
    let required = |m: &Message| -> Vec<(usize, i32)> {
        m.desc
            .field
            .iter()
            .enumerate()
            .filter(|(_, f)| f.label() == Label::Required)
            .map(|(k, f)| (k, f.number()))
            .collect()
    };
    let (before, after) = (required(prev), required(cur));
    for &(_, number) in &before {
        if !after.iter().any(|&(_, n)| n == number) {
            sink.at(
                prev.file,
                cur.file,
                cur.path.clone(),
                format!(
                    "Message {} had required field \"{number}\" deleted. {REQUIRED_TAIL}",
                    q(prev.desc.name())
                ),
            );
        }
    }
    for &(k, number) in &after {
        if !before.iter().any(|&(_, n)| n == number) {
            let mut path = cur.path.clone();
            path.extend([2, k as i32]);
            // buf attaches no baseline location to an added field, so only
            // the current file counts for ignores.
            sink.hits.push(Hit {
                rule: sink.rule,
                place: Place::At {
                    file: cur.file.index,
                    path,
                },
                against: None,
                message: format!(
                    "Message {} had required field \"{number}\" added. {REQUIRED_TAIL}",
                    q(cur.desc.name())
                ),
            });
        }
    }
}

// ---------------------------------------------------------------------------
// Helpers for field pairs.

/// `path` extended by `sub` when the current file records a location there
/// (the option is set), else `path` (the field declaration).
fn option_or_field(file: &SchemaFile, path: &[i32], sub: &[i32]) -> Vec<i32> {
    super::first_located(file, path, &[sub])
}

/// Reports at `path` of the current field's file.
fn report(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink, path: Vec<i32>, message: String) {
    let path = map_entry_fallback(env, pair.current, path);
    sink.at(pair.previous.file, pair.current.file, path, message);
}

/// Fields of a synthesized map entry have no source location: buf reports
/// them at the type of the map field (`map<string, int32>`).
fn map_entry_fallback(env: &Env, field: &FieldView, path: Vec<i32>) -> Vec<i32> {
    let Some(entry) = field.message.filter(|m| m.is_map_entry()) else {
        return path;
    };
    if field.file.source.get(&path).is_some() {
        return path;
    }
    let Some(parent) = entry
        .full_name
        .rsplit_once('.')
        .and_then(|(parent, _)| env.current.messages.get(parent))
    else {
        return path;
    };
    let map_field = parent.desc.field.iter().position(|f| {
        f.label() == Label::Repeated
            && f.r#type() == Type::Message
            && trim_dot(f.type_name()) == entry.full_name
    });
    match map_field {
        Some(k) => {
            let mut p = parent.path.clone();
            p.extend([2, k as i32, 6]);
            p
        }
        None => path,
    }
}

/// The resolved features of a field.
fn features_of(field: &FieldView) -> features::Resolved {
    field.file.field_features(&field.path, field.desc)
}

/// protoreflect's kind of a field: the descriptor type, except that a
/// message field with delimited encoding (editions) is a group.
fn kind(field: &FieldView) -> Type {
    let t = field.desc.r#type();
    if t == Type::Message
        && field.file.is_editions()
        && features_of(field).message_encoding == features::MESSAGE_DELIMITED
    {
        Type::Group
    } else {
        t
    }
}

/// buf's name of a field's kind (`"int32"`, `"message"`, `"group"`...): a
/// group outside proto2 is a `"message (delimited encoding)"`.
fn kind_label(field: &FieldView) -> &'static str {
    let t = kind(field);
    if t == Type::Group && field.file.edition() != features::EDITION_PROTO2 {
        "message (delimited encoding)"
    } else {
        kind_name(t)
    }
}

/// protoreflect's name of a kind (`"int32"`, `"message"`, `"group"`...).
fn kind_name(t: Type) -> &'static str {
    match t {
        Type::Double => "double",
        Type::Float => "float",
        Type::Int64 => "int64",
        Type::Uint64 => "uint64",
        Type::Int32 => "int32",
        Type::Fixed64 => "fixed64",
        Type::Fixed32 => "fixed32",
        Type::Bool => "bool",
        Type::String => "string",
        Type::Group => "group",
        Type::Message => "message",
        Type::Bytes => "bytes",
        Type::Uint32 => "uint32",
        Type::Enum => "enum",
        Type::Sfixed32 => "sfixed32",
        Type::Sfixed64 => "sfixed64",
        Type::Sint32 => "sint32",
        Type::Sint64 => "sint64",
    }
}

fn is_named(t: Type) -> bool {
    matches!(t, Type::Message | Type::Enum | Type::Group)
}

/// Where a type is written: the type name for named types, else the
/// scalar type keyword.
fn type_path(field: &FieldView) -> Vec<i32> {
    let mut p = field.path.clone();
    p.push(if is_named(kind(field)) { 6 } else { 5 });
    p
}

fn type_name_path(field: &FieldView) -> Vec<i32> {
    let mut p = field.path.clone();
    p.push(6);
    p
}

/// Both fields belong to synthesized map entries.
fn both_in_map_entries(pair: &Pair<FieldView>) -> bool {
    pair.previous.in_map_entry() && pair.current.in_map_entry()
}

/// buf's cardinality of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cardinality {
    Explicit,
    Implicit,
    Required,
    Repeated,
    Map,
}

impl Cardinality {
    fn name(self) -> &'static str {
        match self {
            Cardinality::Explicit => "optional with explicit presence",
            Cardinality::Implicit => "optional with implicit presence",
            Cardinality::Required => "required",
            Cardinality::Repeated => "repeated",
            Cardinality::Map => "map",
        }
    }

    fn wire_group(self) -> u8 {
        match self {
            Cardinality::Explicit | Cardinality::Implicit => 1,
            Cardinality::Required => 2,
            Cardinality::Repeated | Cardinality::Map => 3,
        }
    }

    fn wire_json_group(self) -> u8 {
        match self {
            Cardinality::Map => 4,
            c => c.wire_group(),
        }
    }
}

fn cardinality(index: &Index, field: &FieldView) -> Cardinality {
    let d = field.desc;
    match d.label() {
        Label::Repeated => {
            let map = d.r#type() == Type::Message
                && index
                    .messages
                    .get(trim_dot(d.type_name()))
                    .is_some_and(Message::is_map_entry);
            if map {
                Cardinality::Map
            } else {
                Cardinality::Repeated
            }
        }
        Label::Required => Cardinality::Required,
        Label::Optional => {
            let presence = features_of(field).field_presence;
            if presence == features::PRESENCE_LEGACY_REQUIRED && field.file.is_editions() {
                return Cardinality::Required;
            }
            let explicit = field.is_extension()
                || presence != features::PRESENCE_IMPLICIT
                || matches!(d.r#type(), Type::Message | Type::Group)
                || d.oneof_index.is_some();
            if explicit {
                Cardinality::Explicit
            } else {
                Cardinality::Implicit
            }
        }
    }
}

fn check_cardinality(
    env: &Env,
    pair: &Pair<FieldView>,
    sink: &mut Sink,
    group: fn(Cardinality) -> u8,
) {
    if both_in_map_entries(pair) {
        return;
    }
    let before = cardinality(env.previous, pair.previous);
    let after = cardinality(env.current, pair.current);
    if group(before) != group(after) {
        report(
            env,
            pair,
            sink,
            pair.current.path.clone(),
            format!(
                "{} changed cardinality from {} to {}.",
                pair.current.describe(),
                q(before.name()),
                q(after.name())
            ),
        );
    }
}

// ---------------------------------------------------------------------------
// Field pair rules.

fn field_same_cardinality(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    check_cardinality(env, pair, sink, |c| c as u8);
}

fn field_wire_compatible_cardinality(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    check_cardinality(env, pair, sink, Cardinality::wire_group);
}

fn field_wire_json_compatible_cardinality(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    check_cardinality(env, pair, sink, Cardinality::wire_json_group);
}

fn field_same_name(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    let name = |f: &FieldView| -> String {
        match &f.extension {
            Some(full) => full.clone(),
            None => f.desc.name().to_owned(),
        }
    };
    let (before, after) = (name(pair.previous), name(pair.current));
    if before != after {
        let mut path = pair.current.path.clone();
        path.push(1);
        report(
            env,
            pair,
            sink,
            path,
            format!(
                "{} changed name from {} to {}.",
                pair.current.describe_short(),
                q(&before),
                q(&after)
            ),
        );
    }
}

/// The effective JSON name: the descriptor's `json_name`, else protoc's
/// default (underscores dropped, the next letter upper-cased).
fn json_name(desc: &FieldDescriptorProto) -> String {
    desc.json_name
        .clone()
        .unwrap_or_else(|| crate::compile::json_names::default_json_name(desc.name()))
}

fn field_same_json_name(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    if pair.previous.is_extension() {
        return;
    }
    let (before, after) = (json_name(pair.previous.desc), json_name(pair.current.desc));
    if before != after {
        let cur = pair.current;
        report(
            env,
            pair,
            sink,
            option_or_field(cur.file, &cur.path, &[10]),
            format!(
                "{} changed option \"json_name\" from {} to {}.",
                cur.describe(),
                q(&before),
                q(&after)
            ),
        );
    }
}

fn field_same_oneof(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    if pair.previous.is_extension() {
        return;
    }
    let (before, after) = (oneof_name(pair.previous), oneof_name(pair.current));
    let cur = pair.current;
    let message = match (before, after) {
        (None, None) => return,
        (Some(b), Some(a)) if b == a => return,
        (Some(b), Some(a)) => format!(
            // buf's template really has a stray `q` here.
            "{}q moved from oneof {} to oneof {}.",
            cur.describe(),
            q(b),
            q(a)
        ),
        (Some(_), None) => format!("{} moved from inside to outside a oneof.", cur.describe()),
        (None, Some(_)) => format!("{} moved from outside to inside a oneof.", cur.describe()),
    };
    report(env, pair, sink, cur.path.clone(), message);
}

/// The name of the (non-synthetic) oneof holding a field.
fn oneof_name<'a>(field: &FieldView<'a>) -> Option<&'a str> {
    if field.desc.proto3_optional() {
        return None;
    }
    let k = usize::try_from(field.desc.oneof_index?).ok()?;
    let message = field.message?;
    message.desc.oneof_decl.get(k).map(|o| o.name())
}

fn field_same_type(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    let (before, after) = (kind(pair.previous), kind(pair.current));
    if before != after {
        changed_type(env, pair, sink, "");
    } else if is_named(after) && pair.previous.desc.type_name() != pair.current.desc.type_name() {
        changed_type_name(env, pair, sink);
    }
}

/// `... changed type from "int32" to "int64".` at the current type.
fn changed_type(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink, extra: &str) {
    let cur = pair.current;
    report(
        env,
        pair,
        sink,
        type_path(cur),
        format!(
            "{} changed type from {} to {}.{extra}",
            cur.describe(),
            q(kind_label(pair.previous)),
            q(kind_label(cur))
        ),
    );
}

/// `... changed type from "a.Foo" to "a.Bar".` at the current type name.
fn changed_type_name(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    let cur = pair.current;
    report(
        env,
        pair,
        sink,
        type_name_path(cur),
        format!(
            "{} changed type from {} to {}.",
            cur.describe(),
            q(trim_dot(pair.previous.desc.type_name())),
            q(trim_dot(cur.desc.type_name()))
        ),
    );
}

/// Binary-compatible type families.
fn wire_group(t: Type) -> u8 {
    match t {
        Type::Int32 | Type::Int64 | Type::Uint32 | Type::Uint64 | Type::Bool => 1,
        Type::Sint32 | Type::Sint64 => 2,
        Type::String => 3,
        Type::Bytes => 4,
        Type::Fixed32 | Type::Sfixed32 => 5,
        Type::Fixed64 | Type::Sfixed64 => 6,
        Type::Double => 7,
        Type::Float => 8,
        Type::Group => 9,
        Type::Message => 10,
        Type::Enum => 11,
    }
}

/// Binary- and JSON-compatible type families.
fn wire_json_group(t: Type) -> u8 {
    match t {
        Type::Int32 | Type::Uint32 => 1,
        Type::Int64 | Type::Uint64 => 2,
        Type::Fixed32 | Type::Sfixed32 => 3,
        Type::Fixed64 | Type::Sfixed64 => 4,
        Type::Bool => 5,
        Type::Sint32 => 6,
        Type::Sint64 => 7,
        Type::String => 8,
        Type::Bytes => 9,
        Type::Double => 10,
        Type::Float => 11,
        Type::Group => 12,
        Type::Message => 13,
        Type::Enum => 14,
    }
}

const WIRE_RULES: &str = " See https://developers.google.com/protocol-buffers/docs/proto3#updating for wire compatibility rules.";

fn field_wire_compatible_type(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    let (before, after) = (kind(pair.previous), kind(pair.current));
    if wire_group(before) != wire_group(after) {
        match (before, after) {
            (Type::String, Type::Bytes) => {}
            (Type::Bytes, Type::String) => changed_type(
                env,
                pair,
                sink,
                &format!(
                    "{WIRE_RULES} Note that while string and bytes are compatible if the data is \
                     valid UTF-8, there is no way to enforce that a bytes field is UTF-8, so these \
                     fields may be incompatible."
                ),
            ),
            _ => changed_type(env, pair, sink, WIRE_RULES),
        }
        return;
    }
    check_named_compatible(env, pair, sink, after);
}

fn field_wire_json_compatible_type(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    let (before, after) = (kind(pair.previous), kind(pair.current));
    if wire_json_group(before) != wire_json_group(after) {
        changed_type(
            env,
            pair,
            sink,
            " See https://developers.google.com/protocol-buffers/docs/proto3#updating for wire \
             compatibility rules and https://developers.google.com/protocol-buffers/docs/proto3#json \
             for JSON compatibility rules.",
        );
        return;
    }
    check_named_compatible(env, pair, sink, after);
}

/// Same compatibility family, named types: messages and groups must keep
/// their type; an enum may change to one with the same short name whose
/// values include all the previous ones (same names, same numbers).
fn check_named_compatible(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink, t: Type) {
    let (before, after) = (
        pair.previous.desc.type_name(),
        pair.current.desc.type_name(),
    );
    if before == after {
        return;
    }
    match t {
        Type::Message | Type::Group => changed_type_name(env, pair, sink),
        Type::Enum => {
            let (Some(old), Some(new)) = (
                env.previous.enum_type(trim_dot(before)),
                env.current.enum_type(trim_dot(after)),
            ) else {
                // An enum the schema does not have (an image without its
                // imports): only the short names can be compared.
                if short_name(before) != short_name(after) {
                    changed_type_name(env, pair, sink);
                }
                return;
            };
            let superset = old.value.iter().all(|ov| {
                new.value
                    .iter()
                    .any(|nv| nv.name() == ov.name() && nv.number() == ov.number())
            });
            if old.name() != new.name() || !superset {
                changed_type_name(env, pair, sink);
            }
        }
        _ => {}
    }
}

/// `.a.B.C` → `C`.
fn short_name(type_name: &str) -> &str {
    type_name.rsplit('.').next().unwrap_or(type_name)
}

fn is_64bit_integer(t: Type) -> bool {
    matches!(
        t,
        Type::Int64 | Type::Sint64 | Type::Uint64 | Type::Fixed64 | Type::Sfixed64
    )
}

fn field_same_jstype(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    if !is_64bit_integer(kind(pair.previous)) || !is_64bit_integer(kind(pair.current)) {
        return;
    }
    let jstype =
        |d: &FieldDescriptorProto| d.options.as_ref().map_or(JsType::JsNormal, |o| o.jstype());
    let (before, after) = (jstype(pair.previous.desc), jstype(pair.current.desc));
    if before != after {
        let cur = pair.current;
        report(
            env,
            pair,
            sink,
            option_or_field(cur.file, &cur.path, &[8, 6]),
            format!(
                "{} changed option \"jstype\" from {} to {}.",
                cur.describe(),
                q(before.as_str_name()),
                q(after.as_str_name())
            ),
        );
    }
}

fn is_string_or_bytes(t: Type) -> bool {
    matches!(t, Type::String | Type::Bytes)
}

/// The C++ string type of a string/bytes field and whether it is a
/// `STRING_PIECE`: before edition 2024 the `ctype` option when set, else
/// the resolved `pb.cpp` `string_type` feature (`STRING` outside editions).
fn cpp_string_type(field: &FieldView) -> (i32, bool) {
    if field.file.edition() < features::EDITION_2024
        && let Some(ctype) = field
            .desc
            .options
            .as_ref()
            .and_then(|o| o.ctype.map(|_| o.ctype()))
    {
        return match ctype {
            CType::Cord => (features::CPP_STRING_CORD, false),
            CType::StringPiece => (features::CPP_STRING_STRING, true),
            CType::String => (features::CPP_STRING_STRING, false),
        };
    }
    (features_of(field).cpp_string_type, false)
}

fn cpp_string_type_name((t, piece): (i32, bool)) -> &'static str {
    match (t, piece) {
        (_, true) => "STRING_PIECE",
        (features::CPP_STRING_VIEW, _) => "VIEW",
        (features::CPP_STRING_CORD, _) => "CORD",
        (features::CPP_STRING_STRING, _) => "STRING",
        _ => "STRING_TYPE_UNKNOWN",
    }
}

/// Where a feature of a field is set: `[8 (options), 21 (features), ...]`.
const FIELD_FEATURES: [i32; 2] = [8, 21];

fn field_same_cpp_string_type(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    if both_in_map_entries(pair) {
        return;
    }
    if !is_string_or_bytes(kind(pair.previous)) || !is_string_or_bytes(kind(pair.current)) {
        return;
    }
    let (before, after) = (
        cpp_string_type(pair.previous),
        cpp_string_type(pair.current),
    );
    // STRING_PIECE to STRING is allowed.
    if before == after || (before.1 && after == (features::CPP_STRING_STRING, false)) {
        return;
    }
    let cur = pair.current;
    let [o, f] = FIELD_FEATURES;
    report(
        env,
        pair,
        sink,
        super::first_located(cur.file, &cur.path, &[&[8, 1], &[o, f, 1000, 2]]),
        format!(
            "{} changed C++ string type from {} to {}.",
            cur.describe(),
            q(cpp_string_type_name(before)),
            q(cpp_string_type_name(after))
        ),
    );
}

fn utf8_name(v: i32) -> &'static str {
    match v {
        features::UTF8_VERIFY => "VERIFY",
        features::UTF8_NONE => "NONE",
        _ => "UTF8_VALIDATION_UNKNOWN",
    }
}

fn field_same_utf8_validation(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    if kind(pair.previous) != Type::String || kind(pair.current) != Type::String {
        return;
    }
    let (before, after) = (
        features_of(pair.previous).utf8_validation,
        features_of(pair.current).utf8_validation,
    );
    if before != after {
        let cur = pair.current;
        let [o, f] = FIELD_FEATURES;
        report(
            env,
            pair,
            sink,
            super::first_located(cur.file, &cur.path, &[&[o, f, 4]]),
            format!(
                "{} changed UTF8 validation from {} to {}.",
                cur.describe(),
                utf8_name(before),
                utf8_name(after)
            ),
        );
    }
}

/// The Java UTF-8 validation of a string field: `VERIFY` when the file sets
/// `java_string_check_utf8 = true` (outside editions, or when the option is
/// set), or an editions field resolves `pb.java` `utf8_validation` to
/// `VERIFY`; else the field's standard `utf8_validation`.
fn java_utf8_validation(field: &FieldView) -> i32 {
    let resolved = features_of(field);
    let check = field
        .file
        .desc
        .options
        .as_ref()
        .and_then(|o| o.java_string_check_utf8);
    if !field.file.is_editions() || check.is_some() {
        return if check == Some(true) {
            features::UTF8_VERIFY
        } else {
            resolved.utf8_validation
        };
    }
    if resolved.java_utf8_validation == features::JAVA_UTF8_VERIFY {
        features::UTF8_VERIFY
    } else {
        resolved.utf8_validation
    }
}

fn field_same_java_utf8_validation(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    if kind(pair.previous) != Type::String || kind(pair.current) != Type::String {
        return;
    }
    let (before, after) = (
        java_utf8_validation(pair.previous),
        java_utf8_validation(pair.current),
    );
    if before != after {
        let cur = pair.current;
        // The file option when the current file sets it, else the field's
        // `pb.java` feature, else the field.
        let path = if cur.file.source.get(&[8, 27]).is_some() {
            vec![8, 27]
        } else {
            let [o, f] = FIELD_FEATURES;
            super::first_located(cur.file, &cur.path, &[&[o, f, 1001, 2]])
        };
        report(
            env,
            pair,
            sink,
            path,
            format!(
                "{} changed Java string UTF8 validation from {} to {}.",
                cur.describe(),
                q(utf8_name(before)),
                q(utf8_name(after))
            ),
        );
    }
}

// ---------------------------------------------------------------------------
// FIELD_SAME_DEFAULT

/// A default value as buf compares it.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    /// Strings and bytes (compared as byte strings).
    Str(Vec<u8>),
    Bool(bool),
    /// Every integer type and enums.
    Int(i128),
    F32(f32),
    F64(f64),
}

impl Value {
    fn is_zero(&self) -> bool {
        match self {
            Value::Str(s) => s.is_empty(),
            Value::Bool(b) => !b,
            Value::Int(i) => *i == 0,
            Value::F32(f) => f.to_bits() == 0,
            Value::F64(f) => f.to_bits() == 0,
        }
    }

    /// As a number for cross-type comparison: `Err(())` for NaN.
    fn number(&self) -> Option<Result<Num, ()>> {
        Some(match *self {
            Value::Str(_) => return None,
            Value::Bool(b) => Ok(Num::Int(i128::from(b))),
            Value::Int(i) => Ok(Num::Int(i)),
            Value::F32(f) if f.is_nan() => Err(()),
            Value::F64(f) if f.is_nan() => Err(()),
            Value::F32(f) => Ok(Num::Float(f64::from(f))),
            Value::F64(f) => Ok(Num::Float(f)),
        })
    }
}

#[derive(Debug, Clone, Copy)]
enum Num {
    Int(i128),
    Float(f64),
}

fn num_eq(a: Num, b: Num) -> bool {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => x == y,
        (Num::Float(x), Num::Float(y)) => x == y,
        (Num::Int(i), Num::Float(f)) | (Num::Float(f), Num::Int(i)) => {
            f.is_finite() && f.fract() == 0.0 && f.abs() < 1e38 && f as i128 == i
        }
    }
}

fn defaults_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Str(_), _) | (_, Value::Str(_)) => false,
        (Value::F32(x), Value::F64(y)) | (Value::F64(y), Value::F32(x)) => {
            (x.is_nan() && y.is_nan()) || *x == *y as f32
        }
        _ => match (a.number(), b.number()) {
            (Some(Err(())), Some(Err(()))) => true,
            (Some(Ok(x)), Some(Ok(y))) => num_eq(x, y),
            _ => false,
        },
    }
}

/// A field's default: the value to compare and its text.
struct FieldDefault {
    value: Value,
    text: String,
}

fn can_have_default(desc: &FieldDescriptorProto) -> bool {
    desc.label() != Label::Repeated && !matches!(desc.r#type(), Type::Message | Type::Group)
}

/// A field's default; `None` for an enum outside the files taking part
/// (its values are unknown).
fn field_default(index: &Index, desc: &FieldDescriptorProto) -> Option<FieldDefault> {
    let raw = desc.default_value.as_deref();
    let t = desc.r#type();
    let int = |v: Option<i128>| {
        let v = v.unwrap_or(0);
        FieldDefault {
            value: Value::Int(v),
            text: v.to_string(),
        }
    };
    Some(match t {
        Type::String => {
            let s = raw.unwrap_or("");
            FieldDefault {
                value: Value::Str(s.as_bytes().to_vec()),
                text: q(s),
            }
        }
        Type::Bytes => {
            let bytes = raw.map(unescape_bytes).unwrap_or_default();
            let hex: Vec<String> = bytes.iter().map(|b| format!("0x{b:X}")).collect();
            FieldDefault {
                text: format!("[{}]", hex.join(",")),
                value: Value::Str(bytes),
            }
        }
        Type::Bool => {
            let b = raw == Some("true");
            FieldDefault {
                value: Value::Bool(b),
                text: b.to_string(),
            }
        }
        Type::Float => {
            let f = raw.map_or(0.0, parse_f32);
            FieldDefault {
                value: Value::F32(f),
                text: go_float(f64::from(f), true),
            }
        }
        Type::Double => {
            let f = raw.map_or(0.0, parse_f64);
            FieldDefault {
                value: Value::F64(f),
                text: go_float(f, false),
            }
        }
        Type::Enum => enum_default(index, desc, raw)?,
        Type::Int32
        | Type::Sint32
        | Type::Sfixed32
        | Type::Int64
        | Type::Sint64
        | Type::Sfixed64
        | Type::Uint32
        | Type::Fixed32
        | Type::Uint64
        | Type::Fixed64 => int(raw.and_then(|s| s.trim().parse::<i128>().ok())),
        Type::Message | Type::Group => int(None),
    })
}

/// An enum default: the named value, else the enum's first value; printed
/// `Enum.VALUE`.
fn enum_default(
    index: &Index,
    desc: &FieldDescriptorProto,
    raw: Option<&str>,
) -> Option<FieldDefault> {
    let e = index.enum_type(trim_dot(desc.type_name()))?;
    let number = match raw {
        Some(name) => e
            .value
            .iter()
            .find(|v| v.name() == name)
            .map(|v| v.number()),
        None => e.value.first().map(|v| v.number()),
    }
    .unwrap_or(0);
    let text = match e.value.iter().find(|v| v.number() == number) {
        Some(v) => format!("{}.{}", e.name(), v.name()),
        None => format!("{}.{number}(?)", e.name()),
    };
    Some(FieldDefault {
        value: Value::Int(i128::from(number)),
        text,
    })
}

fn field_same_default(env: &Env, pair: &Pair<FieldView>, sink: &mut Sink) {
    if !can_have_default(pair.previous.desc) || !can_have_default(pair.current.desc) {
        return;
    }
    let (Some(before), Some(after)) = (
        field_default(env.previous, pair.previous.desc),
        field_default(env.current, pair.current.desc),
    ) else {
        return;
    };
    if before.value.is_zero() && after.value.is_zero() {
        return;
    }
    if defaults_equal(&before.value, &after.value) {
        return;
    }
    let cur = pair.current;
    report(
        env,
        pair,
        sink,
        option_or_field(cur.file, &cur.path, &[7]),
        format!(
            "{} changed default value from {} to {}.",
            cur.describe(),
            before.text,
            after.text
        ),
    );
}

fn parse_f64(s: &str) -> f64 {
    match s.trim() {
        "inf" | "+inf" | "infinity" => f64::INFINITY,
        "-inf" | "-infinity" => f64::NEG_INFINITY,
        "nan" | "-nan" => f64::NAN,
        t => t.parse().unwrap_or(0.0),
    }
}

fn parse_f32(s: &str) -> f32 {
    match s.trim() {
        "inf" | "+inf" | "infinity" => f32::INFINITY,
        "-inf" | "-infinity" => f32::NEG_INFINITY,
        "nan" | "-nan" => f32::NAN,
        t => t.parse().unwrap_or(0.0),
    }
}

/// Decodes the C-escaped text of a bytes default.
fn unescape_bytes(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 == b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        i += 1;
        let c = b[i];
        i += 1;
        match c {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'a' => out.push(0x07),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'v' => out.push(0x0b),
            b'0'..=b'7' => {
                let mut v = u32::from(c - b'0');
                for _ in 0..2 {
                    match b.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            b'x' | b'X' => {
                let mut v = 0u32;
                let mut n = 0;
                while n < 2 {
                    match b.get(i).and_then(|&d| (d as char).to_digit(16)) {
                        Some(d) => {
                            v = v * 16 + d;
                            i += 1;
                            n += 1;
                        }
                        None => break,
                    }
                }
                out.push(v as u8);
            }
            other => out.push(other),
        }
    }
    out
}

/// Formats a float like Go's `%v`: the shortest round-trip digits, in
/// exponent form below 1e-4 or from 1e6 (`1e+06`, `0.0001`, `1.5e-05`),
/// `+Inf`, `-Inf`, `NaN`.
fn go_float(v: f64, is32: bool) -> String {
    if v.is_nan() {
        return "NaN".to_owned();
    }
    if v.is_infinite() {
        return if v > 0.0 { "+Inf" } else { "-Inf" }.to_owned();
    }
    // Shortest round-trip digits, in scientific notation: "-1.25e-7".
    let sci = if is32 {
        format!("{:e}", v as f32)
    } else {
        format!("{v:e}")
    };
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (neg, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if !(-4..6).contains(&exp) {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    } else if exp < 0 {
        out.push_str("0.");
        for _ in 0..(-exp - 1) {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let point = exp as usize + 1;
        if digits.len() <= point {
            out.push_str(&digits);
            for _ in digits.len()..point {
                out.push('0');
            }
        } else {
            out.push_str(&digits[..point]);
            out.push('.');
            out.push_str(&digits[point..]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_float_matches_fmt_v() {
        assert_eq!(go_float(0.0, false), "0");
        assert_eq!(go_float(-0.0, false), "-0");
        assert_eq!(go_float(1.5, false), "1.5");
        assert_eq!(go_float(123456.0, false), "123456");
        assert_eq!(go_float(1234567.0, false), "1.234567e+06");
        assert_eq!(go_float(1e6, false), "1e+06");
        assert_eq!(go_float(0.0001, false), "0.0001");
        assert_eq!(go_float(0.00001, false), "1e-05");
        assert_eq!(go_float(1e100, false), "1e+100");
        assert_eq!(go_float(f64::from(0.1f32), true), "0.1");
        assert_eq!(go_float(f64::INFINITY, false), "+Inf");
        assert_eq!(go_float(f64::NAN, true), "NaN");
    }

    #[test]
    fn bytes_defaults_unescape() {
        assert_eq!(
            unescape_bytes(r"ab\001\x7f\n\\"),
            b"ab\x01\x7f\n\\".to_vec()
        );
    }

    #[test]
    fn defaults_compare_across_types() {
        assert!(defaults_equal(&Value::Int(1), &Value::Bool(true)));
        assert!(defaults_equal(&Value::F32(0.1), &Value::F64(0.1)));
        assert!(defaults_equal(&Value::F64(f64::NAN), &Value::F32(f32::NAN)));
        assert!(defaults_equal(&Value::Int(3), &Value::F64(3.0)));
        assert!(!defaults_equal(&Value::Int(3), &Value::F64(3.5)));
        assert!(!defaults_equal(&Value::Str(b"1".to_vec()), &Value::Int(1)));
    }
}
