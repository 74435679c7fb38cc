//! Editions files (`edition = "2023";`) through protox-parse, which only
//! knows proto2 and proto3.
//!
//! An editions file is *lowered* to text protox-parse accepts, with every
//! byte offset kept wherever possible, then the parsed descriptor is raised
//! back to what buf builds for the file:
//!
//! * `edition = "2023"` (or `"2024"`) is read as `syntax = "proto3"` (unlabeled fields,
//!   no `optional`/`required`/groups: the grammar of editions is proto3's
//!   there). The two tokens change length, so spans on those lines are
//!   mapped back ([`Lowering::map_info`]); the statement keeps path `[12]`,
//!   as in buf's images, and the descriptor gets `syntax = "editions"` and
//!   its `edition`.
//! * `[default = ...]` (allowed in editions, refused by a proto3 parse) is
//!   blanked out of the text; its value is converted as protox-parse
//!   converts a proto2 default, and put back with its source location.
//! * What editions forbid and a proto3 parse would accept or word
//!   differently (`optional`/`required` labels, `group`, `packed`) is found
//!   on our own syntax tree first and reported as buf 1.75 reports it.
//!
//! Linking goes through prost-reflect, which has no editions either: the
//! linker sees the file as proto2 (the most permissive syntax: explicit
//! presence, defaults, closed enums allowed); the features that give the
//! file its real semantics are resolved by `crate::schema::features`.

use prost_types::{FileDescriptorProto, SourceCodeInfo, source_code_info::Location};

use super::position::LineIndex;
use crate::syntax::{self, ast, lexer::TokenKind};

/// `google.protobuf.Edition` numbers of the editions buf 1.75 accepts.
pub const EDITION_2023: i32 = 1000;
pub const EDITION_2024: i32 = 1001;

/// A problem found while lowering: a byte range of the original text and
/// buf's message.
#[derive(Debug, Clone)]
pub struct LowerError {
    pub range: std::ops::Range<usize>,
    pub message: String,
}

/// A `default` option taken out of the text.
#[derive(Debug, Clone)]
struct Default_ {
    /// Byte offset of the field's name (to find the field after the parse).
    name_at: usize,
    /// Byte range of the value (one or more tokens).
    value: std::ops::Range<usize>,
}

/// A replacement that changes length.
#[derive(Debug, Clone)]
struct Edit {
    orig_start: usize,
    orig_len: usize,
    new_len: usize,
}

/// An editions file made readable for protox-parse.
#[derive(Debug)]
pub struct Lowering {
    /// What protox-parse reads.
    pub text: String,
    /// The `google.protobuf.Edition` number.
    pub edition: i32,
    edits: Vec<Edit>,
    defaults: Vec<Default_>,
    /// Edition 2024 `export`/`local` (blanked out of the text): the byte
    /// offset of the message or enum name, and `google.protobuf.SymbolVisibility`.
    visibility: Vec<(usize, i32)>,
}

/// `SymbolVisibility` values.
pub const VISIBILITY_LOCAL: i32 = 1;
pub const VISIBILITY_EXPORT: i32 = 2;

/// What [`lower`] made of a file.
#[derive(Debug)]
pub enum Lowered {
    /// Not an editions file (or one our parser cannot read: protox-parse
    /// then reports the syntax error on the original text).
    No,
    Yes(Box<Lowering>),
    /// An editions file with errors buf reports before anything else.
    Errors(Vec<LowerError>),
}

/// Lowers `text` if it is an editions file.
pub fn lower(text: &str) -> Lowered {
    // Cheap test first: most files are not editions files.
    if !starts_with_edition(text) {
        return Lowered::No;
    }
    let Ok(parsed) = syntax::parse(text) else {
        return Lowered::No;
    };
    let lx = &parsed.lexed;
    let base = if lx.bom { 3 } else { 0 };
    let range = |tok: u32| {
        let it = lx.items[tok as usize];
        it.start as usize + base..it.end as usize + base
    };
    let Some(ast::Decl::Syntax {
        keyword,
        value,
        edition: true,
        ..
    }) = parsed.file.decls.first()
    else {
        return Lowered::No;
    };
    // buf accepts one string literal, "2023" or "2024".
    let string = match value {
        ast::Value::Scalar(t) if lx.token_kind(*t) == TokenKind::String => *t,
        ast::Value::Strings(ts) if !ts.is_empty() => {
            return Lowered::Errors(vec![LowerError {
                range: range(ts[0]),
                message: "unrecognized `edition` declaration value".to_string(),
            }]);
        }
        _ => return Lowered::No,
    };
    let first = range(string);
    let literal = lx.text(string);
    let edition = match &literal[1..literal.len().saturating_sub(1)] {
        "2023" => EDITION_2023,
        "2024" => EDITION_2024,
        _ => {
            return Lowered::Errors(vec![LowerError {
                range: first,
                message: "unrecognized `edition` declaration value".to_string(),
            }]);
        }
    };

    let mut scan = Scan {
        lx,
        base,
        edition,
        errors: Vec::new(),
        defaults: Vec::new(),
        blanks: Vec::new(),
        visibility: Vec::new(),
    };
    for d in &parsed.file.decls[1..] {
        scan.decl(d, Target::File);
    }
    if !scan.errors.is_empty() {
        let mut errors = scan.errors;
        errors.sort_by_key(|e| e.range.start);
        return Lowered::Errors(errors);
    }

    // `edition` → `syntax`, the first string → `"proto3"`, the others
    // blanked; then the defaults blanked.
    let kw = range(*keyword);
    let mut out = String::with_capacity(text.len() + 2);
    out.push_str(&text[..kw.start]);
    out.push_str("syntax");
    out.push_str(&text[kw.end..first.start]);
    out.push_str("\"proto3\"");
    let edits = vec![
        Edit {
            orig_start: kw.start,
            orig_len: kw.len(),
            new_len: 6,
        },
        Edit {
            orig_start: first.start,
            orig_len: first.len(),
            new_len: 8,
        },
    ];
    let mut blanks = scan.blanks;
    blanks.sort_by_key(|r| r.start);
    // Blanks all lie after the first string.
    let mut at = first.end;
    for b in blanks {
        if b.start < at {
            continue;
        }
        out.push_str(&text[at..b.start]);
        for c in text[b.clone()].chars() {
            match c {
                '\n' | '\r' => out.push(c),
                // One space per byte keeps every offset.
                _ => out.extend(std::iter::repeat_n(' ', c.len_utf8())),
            }
        }
        at = b.end;
    }
    out.push_str(&text[at..]);
    Lowered::Yes(Box::new(Lowering {
        text: out,
        edition,
        edits,
        defaults: scan.defaults,
        visibility: scan.visibility,
    }))
}

/// The kinds of element a feature may be set on (`FieldOptions.targets` of
/// the features); `Other` is what buf does not check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    File,
    Message,
    Field,
    Oneof,
    Enum,
    EnumValue,
    Other,
}

/// The targets of a feature of `google.protobuf.FeatureSet` (`ext` `None`)
/// or of the language features bundled with buf (`pb.cpp`, `pb.java`,
/// `pb.go`), as their definitions declare them.
fn feature_targets(ext: Option<&str>, name: &str) -> Option<&'static [Target]> {
    use Target::*;
    Some(match (ext, name) {
        (
            None,
            "field_presence" | "repeated_field_encoding" | "utf8_validation" | "message_encoding",
        ) => &[Field, File],
        (None, "enum_type") => &[Enum, File],
        (None, "json_format") => &[Message, Enum, File],
        (None, "enforce_naming_style") => &[File, Message, Field, Oneof, Enum, EnumValue],
        (None, "default_symbol_visibility") => &[File],
        (None, "enforce_proto_limits") => &[Enum, Message, Field, Oneof],
        (Some("pb.cpp"), "legacy_closed_enum" | "string_type" | "repeated_type") => &[Field, File],
        (Some("pb.cpp"), "enum_name_uses_string_view") => &[Enum, File],
        (Some("pb.java"), "legacy_closed_enum" | "utf8_validation") => &[Field, File],
        (Some("pb.java"), "large_enum") => &[Enum, File],
        (Some("pb.java"), "use_old_outer_classname_default") => &[File],
        (Some("pb.java"), "nest_in_file_class") => &[Message, Enum],
        (Some("pb.go"), "legacy_unmarshal_json_enum") => &[Enum, File],
        (Some("pb.go"), "api_level" | "optimize_mode") => &[Message, File],
        (Some("pb.go"), "strip_enum_prefix") => &[Enum, EnumValue, File],
        _ => return None,
    })
}

/// Whether the first token of the file (after a byte-order mark,
/// whitespace and comments) is `edition`.
fn starts_with_edition(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = if text.starts_with('\u{feff}') { 3 } else { 0 };
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes[i..].starts_with(b"//") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if bytes[i..].starts_with(b"/*") {
            match text[i + 2..].find("*/") {
                Some(end) => i += 2 + end + 2,
                None => return false,
            }
        } else {
            break;
        }
    }
    let rest = &bytes[i..];
    rest.starts_with(b"edition")
        && rest
            .get(7)
            .is_none_or(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
}

/// Walks the tree for what a proto3 parse would get wrong.
struct Scan<'s, 'a> {
    lx: &'s syntax::lexer::Lexed<'a>,
    base: usize,
    edition: i32,
    errors: Vec<LowerError>,
    defaults: Vec<Default_>,
    blanks: Vec<std::ops::Range<usize>>,
    visibility: Vec<(usize, i32)>,
}

impl Scan<'_, '_> {
    fn range(&self, tok: u32) -> std::ops::Range<usize> {
        let it = self.lx.items[tok as usize];
        it.start as usize + self.base..it.end as usize + self.base
    }

    fn error(&mut self, tok: u32, message: String) {
        let range = self.range(tok);
        self.errors.push(LowerError { range, message });
    }

    fn body(&mut self, body: &ast::Body, target: Target) {
        for d in &body.decls {
            self.decl(d, target);
        }
    }

    fn decl(&mut self, d: &ast::Decl, target: Target) {
        match d {
            ast::Decl::Option(o) => self.feature_target(o, target),
            ast::Decl::Message {
                visibility,
                name,
                body,
                ..
            } => {
                self.visibility(*visibility, *name);
                self.body(body, Target::Message);
            }
            ast::Decl::Enum {
                visibility,
                name,
                body,
                ..
            } => {
                self.visibility(*visibility, *name);
                self.body(body, Target::Enum);
            }
            ast::Decl::Oneof { body, .. } => self.body(body, Target::Oneof),
            // Fields of an `extend` block; buf checks no feature targets
            // of services, methods and extension ranges.
            ast::Decl::Extend { body, .. } => self.body(body, Target::Other),
            ast::Decl::Service { .. } => {}
            ast::Decl::Group { keyword, body, .. } => {
                self.error(*keyword, "group syntax is not supported".to_string());
                self.body(body, Target::Message);
            }
            ast::Decl::Field(f) => {
                if let Some(label) = f.label {
                    let text = self.lx.text(label);
                    if text == "optional" || text == "required" {
                        self.error(label, format!("unexpected `{text}`"));
                    }
                }
                if let Some(opts) = &f.options {
                    self.compact(opts, Some(f.name), Target::Field);
                }
            }
            ast::Decl::Map { options, .. } => {
                if let Some(opts) = options {
                    self.compact(opts, None, Target::Field);
                }
            }
            ast::Decl::EnumValue { options, .. } => {
                if let Some(opts) = options {
                    self.compact(opts, None, Target::EnumValue);
                }
            }
            ast::Decl::Extensions { options, .. } => {
                if let Some(opts) = options {
                    self.compact(opts, None, Target::Other);
                }
            }
            _ => {}
        }
    }

    /// `export`/`local` before a message or enum: edition 2024 only; the
    /// keyword is blanked out and remembered by the name it goes with.
    fn visibility(&mut self, keyword: Option<u32>, name: u32) {
        let Some(kw) = keyword else { return };
        let text = self.lx.text(kw);
        if self.edition < EDITION_2024 {
            self.error(kw, format!("`{text}` is not supported in Edition 2023"));
            return;
        }
        let value = if text == "local" {
            VISIBILITY_LOCAL
        } else {
            VISIBILITY_EXPORT
        };
        let range = self.range(kw);
        self.blanks.push(range);
        self.visibility.push((self.range(name).start, value));
    }

    /// `option features.X = ...` (or `features.(pb.cpp).X`, or a message
    /// literal `features = { X: ... }`) on an element the feature does not
    /// apply to: buf's "unsupported option target" at the feature's name.
    fn feature_target(&mut self, o: &ast::OptionDecl, target: Target) {
        if target == Target::Other {
            return;
        }
        let parts = &o.name.parts;
        let Some(first) = parts.first() else { return };
        if first.open.is_some()
            || first.name.parts.len() != 1
            || self.lx.text(first.name.parts[0]) != "features"
        {
            return;
        }
        let lx = self.lx;
        // (language feature extension, name token) of each feature set.
        let mut set: Vec<(Option<String>, u32)> = Vec::new();
        match parts.as_slice() {
            [_, p] if p.open.is_none() && p.name.parts.len() == 1 => {
                set.push((None, p.name.parts[0]))
            }
            [_, ext, p] if ext.open.is_some() && p.open.is_none() && p.name.parts.len() == 1 => {
                let ext_name: Vec<&str> = ext.name.parts.iter().map(|t| lx.text(*t)).collect();
                set.push((Some(ext_name.join(".")), p.name.parts[0]));
            }
            [_] => {
                if let ast::Value::Message(lit) = &o.value {
                    for f in &lit.fields {
                        if f.name.open.is_none() && f.name.name.parts.len() == 1 {
                            set.push((None, f.name.name.parts[0]));
                        }
                    }
                }
            }
            _ => {}
        }
        for (ext, tok) in set {
            let name = lx.text(tok);
            if let Some(allowed) = feature_targets(ext.as_deref(), name)
                && !allowed.contains(&target)
            {
                self.error(tok, format!("unsupported option target for `{name}`"));
            }
        }
    }

    /// Field options: `packed` is refused; `default` (fields only) is
    /// blanked out and remembered.
    fn compact(&mut self, opts: &ast::CompactOptions, field_name: Option<u32>, target: Target) {
        for o in &opts.options {
            self.feature_target(o, target);
        }
        let simple = |o: &ast::OptionDecl| -> Option<&str> {
            match o.name.parts.as_slice() {
                [p] if p.open.is_none() && p.name.parts.len() == 1 => {
                    Some(self.lx.text(p.name.parts[0]))
                }
                _ => None,
            }
        };
        let n = opts.options.len();
        for (i, o) in opts.options.iter().enumerate() {
            match simple(o) {
                Some("packed") => {
                    let tok = o.name.parts[0].name.parts[0];
                    let which = if self.edition == EDITION_2024 {
                        "2024"
                    } else {
                        "2023"
                    };
                    self.error(tok, format!("`packed` is not supported in Edition {which}"));
                }
                Some("default") if field_name.is_some() => {
                    let mut toks = Vec::new();
                    syntax::visit::value(&o.value, &mut toks);
                    let (Some(&first), Some(&last)) = (toks.first(), toks.last()) else {
                        continue;
                    };
                    self.defaults.push(Default_ {
                        name_at: self.range(field_name.unwrap_or(first)).start,
                        value: self.range(first).start..self.range(last).end,
                    });
                    // The option with the comma that separates it from the
                    // next (or previous) one; the brackets too when it is
                    // the only option.
                    let start_tok = o.name.parts[0].name.parts[0];
                    let (from, to) = if n == 1 {
                        (opts.open, opts.close)
                    } else if i + 1 < n {
                        (start_tok, opts.commas[i])
                    } else {
                        (opts.commas[i - 1], last)
                    };
                    self.blanks.push(self.range(from).start..self.range(to).end);
                }
                _ => {}
            }
        }
    }
}

impl Lowering {
    /// Maps a byte offset of the lowered text to the original text.
    pub fn to_original(&self, lowered: usize) -> usize {
        let mut shift: isize = 0; // original - lowered
        for e in &self.edits {
            let low_start = (e.orig_start as isize - shift) as usize;
            if lowered < low_start {
                break;
            }
            if lowered < low_start + e.new_len {
                return e.orig_start + (lowered - low_start).min(e.orig_len.saturating_sub(1));
            }
            shift += e.orig_len as isize - e.new_len as isize;
        }
        (lowered as isize + shift).max(0) as usize
    }

    /// Maps the spans of protox-parse's source info (0-based lines, byte
    /// columns of the lowered text) to the original text. Only the lines of
    /// the edition statement differ.
    pub fn map_info(&self, info: &mut SourceCodeInfo, original: &str, lines: &LineIndex) {
        let lowered_lines = LineIndex::new(&self.text);
        let edit_lines: Vec<i32> = self
            .edits
            .iter()
            .map(|e| lines.line_col(e.orig_start).0 as i32)
            .collect();
        let map = |line: i32, col: i32| -> (i32, i32) {
            if !edit_lines.contains(&line) {
                return (line, col);
            }
            let start = lowered_lines.line_start(line.max(0) as usize);
            let orig = self.to_original(start + col.max(0) as usize);
            let (l, c) = lines.line_col(orig.min(original.len()));
            (l as i32, c as i32)
        };
        for loc in &mut info.location {
            match *loc.span {
                [l, c, ec] => {
                    let (_, c2) = map(l, c);
                    let (_, ec2) = map(l, ec);
                    loc.span = vec![l, c2, ec2];
                }
                [l, c, el, ec] => {
                    let (_, c2) = map(l, c);
                    let (_, ec2) = map(el, ec);
                    loc.span = vec![l, c2, el, ec2];
                }
                _ => {}
            }
        }
    }

    /// The visibility of messages and enums (`export`/`local`), by element
    /// path (`[4, 0]`, `[4, 0, 4, 1]`, ...), found by their name's location.
    /// prost-types has no `visibility` field: the image encoder adds it.
    pub fn visibility(&self, info: &SourceCodeInfo, lines: &LineIndex) -> Vec<(Vec<i32>, i32)> {
        self.visibility
            .iter()
            .filter_map(|&(name_at, value)| {
                let (nl, nc) = lines.line_col(name_at);
                info.location
                    .iter()
                    .find(|l| {
                        l.path.len() >= 3
                            && l.path.last() == Some(&1)
                            && matches!(l.path[l.path.len() - 3], 3 | 4 | 5)
                            && l.span.first() == Some(&(nl as i32))
                            && l.span.get(1) == Some(&(nc as i32))
                    })
                    .map(|l| (l.path[..l.path.len() - 1].to_vec(), value))
            })
            .collect()
    }

    /// Raises the parsed descriptor to an editions descriptor: syntax and
    /// the defaults taken out of the text. Returns errors for defaults that
    /// do not convert (byte ranges of the original text).
    pub fn raise(
        &self,
        proto: &mut FileDescriptorProto,
        info: &mut SourceCodeInfo,
        original: &str,
        lines: &LineIndex,
    ) -> Vec<LowerError> {
        proto.syntax = Some("editions".to_string());
        for m in &mut proto.message_type {
            copy_map_features(m);
        }
        let mut errors = Vec::new();
        for d in &self.defaults {
            let (nl, nc) = lines.line_col(d.name_at);
            let Some(field_path) = info
                .location
                .iter()
                .find(|l| {
                    l.path.last() == Some(&1)
                        && super::is_field_path(&l.path[..l.path.len() - 1])
                        && l.span.first() == Some(&(nl as i32))
                        && l.span.get(1) == Some(&(nc as i32))
                })
                .map(|l| l.path[..l.path.len() - 1].to_vec())
            else {
                continue;
            };
            let Some(field) = field_at(proto, &field_path) else {
                continue;
            };
            let value_text = &original[d.value.clone()];
            match convert_default(field, value_text) {
                Ok(v) => field.default_value = Some(v),
                Err(message) => {
                    errors.push(LowerError {
                        range: d.value.clone(),
                        message,
                    });
                    continue;
                }
            }
            let (sl, sc) = lines.line_col(d.value.start);
            let (el, ec) = lines.line_col(d.value.end);
            let span = if sl == el {
                vec![sl as i32, sc as i32, ec as i32]
            } else {
                vec![sl as i32, sc as i32, el as i32, ec as i32]
            };
            let mut path = field_path;
            path.push(7);
            info.location.push(Location {
                path,
                span,
                ..Default::default()
            });
        }
        errors
    }
}

/// The `features` options of a map field apply to the key and value fields
/// of its entry; buf writes them there too (the whole `features` message,
/// no other option). Options are still uninterpreted here.
fn copy_map_features(m: &mut prost_types::DescriptorProto) {
    for k in 0..m.nested_type.len() {
        let entry = &m.nested_type[k];
        if !entry.options.as_ref().is_some_and(|o| o.map_entry()) {
            continue;
        }
        let name = entry.name().to_string();
        let Some(field) = m.field.iter().find(|f| {
            f.label() == prost_types::field_descriptor_proto::Label::Repeated
                && f.type_name().rsplit('.').next() == Some(name.as_str())
        }) else {
            continue;
        };
        let features: Vec<prost_types::UninterpretedOption> = field
            .options
            .iter()
            .flat_map(|o| &o.uninterpreted_option)
            .filter(|u| {
                u.name
                    .first()
                    .is_some_and(|p| !p.is_extension && p.name_part == "features")
            })
            .cloned()
            .collect();
        if features.is_empty() {
            continue;
        }
        for f in &mut m.nested_type[k].field {
            f.options
                .get_or_insert_with(Default::default)
                .uninterpreted_option
                .extend(features.iter().cloned());
        }
    }
    for n in &mut m.nested_type {
        copy_map_features(n);
    }
}

/// The field at a source path (`[4, i, (3, j)*, 2|6, k]` or `[7, k]`).
fn field_at<'a>(
    file: &'a mut FileDescriptorProto,
    path: &[i32],
) -> Option<&'a mut prost_types::FieldDescriptorProto> {
    let idx = |v: i32| usize::try_from(v).ok();
    match path {
        [7, k] => file.extension.get_mut(idx(*k)?),
        [4, i, rest @ ..] => {
            let mut msg = file.message_type.get_mut(idx(*i)?)?;
            let mut rest = rest;
            loop {
                match rest {
                    [3, j, more @ ..] => {
                        msg = msg.nested_type.get_mut(idx(*j)?)?;
                        rest = more;
                    }
                    [2, k] => return msg.field.get_mut(idx(*k)?),
                    [6, k] => return msg.extension.get_mut(idx(*k)?),
                    _ => return None,
                }
            }
        }
        _ => None,
    }
}

/// The `default_value` of a field as protox-parse writes it for proto2: the
/// value is parsed in a one-field proto2 file of the same type.
fn convert_default(
    field: &prost_types::FieldDescriptorProto,
    value: &str,
) -> Result<String, String> {
    use prost_types::field_descriptor_proto::Type;
    // Scalars by their keyword (`TYPE_INT32` → `int32`); named types (enums)
    // keep their default as an identifier, whatever the type is called.
    let ty = match field.r#type() {
        _ if field.r#type.is_none() || field.type_name.is_some() => "T".to_string(),
        Type::Group | Type::Message | Type::Enum => "T".to_string(),
        t => t
            .as_str_name()
            .trim_start_matches("TYPE_")
            .to_ascii_lowercase(),
    };
    let src =
        format!("syntax = \"proto2\"; message M {{ optional {ty} f = 1 [default = {value}]; }}");
    match protox_parse::parse("default.proto", &src) {
        Ok(p) => p
            .message_type
            .first()
            .and_then(|m| m.field.first())
            .and_then(|f| f.default_value.clone())
            .ok_or_else(|| "invalid default value".to_string()),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowered(text: &str) -> Lowering {
        match lower(text) {
            Lowered::Yes(l) => *l,
            other => panic!("not lowered: {other:?}"),
        }
    }

    #[test]
    fn only_editions_files_are_lowered() {
        assert!(matches!(lower("syntax = \"proto3\";\n"), Lowered::No));
        assert!(matches!(
            lower("// edition = \"2023\";\nsyntax = \"proto2\";\n"),
            Lowered::No
        ));
        assert!(matches!(lower("editions = 1;"), Lowered::No));
        let l = lowered("/* c */ edition = \"2024\";\n");
        assert_eq!(l.edition, EDITION_2024);
    }

    #[test]
    fn the_statement_reads_as_proto3_and_offsets_map_back() {
        let text = "edition = \"2023\"; package a;\nmessage M {}\n";
        let l = lowered(text);
        assert_eq!(l.text, "syntax = \"proto3\"; package a;\nmessage M {}\n");
        // `package` starts at 18 in the original, 19 in the lowered text.
        assert_eq!(l.to_original(19), 18);
        // Inside the replaced string: offsets into the original token,
        // clamped to it.
        assert_eq!(l.to_original(9), 10);
        assert_eq!(l.to_original(10), 11);
        assert_eq!(l.to_original(16), 15);
        // The `;` after it.
        assert_eq!(l.to_original(17), 16);
        // Later lines are untouched.
        assert_eq!(l.to_original(l.text.len()), text.len());
    }

    #[test]
    fn defaults_are_blanked_with_their_separator() {
        let text = "edition = \"2023\";\nmessage M {\n  int32 a = 1 [default = 5];\n  int32 b = 2 [json_name = \"x\", default = -1];\n  int32 c = 3 [default = 7, deprecated = true];\n}\n";
        let l = lowered(text);
        let lines: Vec<&str> = l.text.lines().collect();
        assert_eq!(lines[2], "  int32 a = 1              ;");
        assert_eq!(lines[3], "  int32 b = 2 [json_name = \"x\"              ];");
        assert_eq!(lines[4], "  int32 c = 3 [             deprecated = true];");
        assert_eq!(l.defaults.len(), 3);
        // Every line keeps its length (so every offset after the first line).
        for (a, b) in text.lines().zip(l.text.lines()).skip(1) {
            assert_eq!(a.len(), b.len());
        }
    }

    #[test]
    fn forbidden_syntax_is_reported_in_order() {
        let text = "edition = \"2023\";\nmessage M {\n  repeated int32 a = 1 [packed = true];\n  optional int32 b = 2;\n}\n";
        let Lowered::Errors(errors) = lower(text) else {
            panic!("expected errors")
        };
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`packed` is not supported in Edition 2023",
                "unexpected `optional`"
            ]
        );
        assert_eq!(&text[errors[1].range.clone()], "optional");
    }

    #[test]
    fn feature_targets_follow_the_feature_definitions() {
        let text = "edition = \"2023\";\noption features.utf8_validation = NONE;\nmessage M {\n  option features.utf8_validation = NONE;\n  option features.json_format = ALLOW;\n}\n";
        let Lowered::Errors(errors) = lower(text) else {
            panic!("expected errors")
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].message,
            "unsupported option target for `utf8_validation`"
        );
        assert_eq!(&text[errors[0].range.clone()], "utf8_validation");
        assert!(errors[0].range.start > text.find("message").unwrap());
    }
}
