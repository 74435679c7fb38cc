//! Source locations inside message-literal option values, as buf records them.
//!
//! buf 1.75 (protocompile's IR compiler) walks the interpreted option value
//! and records locations as follows (determined by experiment with `buf
//! build`, see the tests):
//!
//! - An option whose last name component is a *singular message* field
//!   (`option (google.api.http) = { ... };`, `option (a).b = { ... };`,
//!   `[(fopt) = { ... }]`) gets one location at its field path whose span runs
//!   from the start of the option name to the closing `}` of the value: no
//!   `option` keyword, no `;`, and no comments.
//! - Inside the literal, a singular message field (`child { ... }`) gets no
//!   location of its own; its fields are recorded under its field number.
//! - Every other field (scalars, enums, and every repeated field, including
//!   repeated messages and maps, whose contents get nothing) gets a location
//!   spanning `key: value` / `key { ... }` / `[ext.name]: value`, without a
//!   trailing `,` or `;`. A repeated field's path ends in an index that counts
//!   the *expressions* that set it in the same message value: `r: [1, 2]` is
//!   one location (index `k`), the next `r: 3` is `k + 1`; `r: []` records
//!   nothing and counts nothing. The count is shared with top-level options
//!   naming the same field (`option (a).r = 1;` after `option (a) = {r: 0}`
//!   is index 1).
//! - A `google.protobuf.Any` written with a type URL
//!   (`[type.googleapis.com/pkg.T] { ... }`) records nothing inside.
//! - Repeated message options (`option (google.api.resource_definition) =
//!   {...};`) are single locations over the whole statement, with comments,
//!   like scalar options; nothing is recorded inside them.
//!
//! Spans use protox-parse's encoding: 0-based line, 0-based byte column,
//! three elements when the span is on one line, four otherwise.

use std::collections::HashMap;

use prost_reflect::{Cardinality, DescriptorPool, Kind, MessageDescriptor};
use prost_types::source_code_info::Location;

use crate::compile::position::LineIndex;

/// What buf records for one message-valued option.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Aggregate {
    /// Span of the option from the start of its name to the end of its value.
    pub span: Vec<i32>,
    /// Locations of the fields set inside the literal (full paths).
    pub children: Vec<Location>,
}

/// Where to put the locations and how to resolve names.
pub(super) struct Target<'a> {
    pub pool: &'a DescriptorPool,
    /// Scope for resolving extension names (`[foo.bar]` keys).
    pub scope: &'a str,
    /// Path of the element's options message (e.g. `[4, 0, 7]`).
    pub options_path: &'a [i32],
    /// Field path of the option within its options message (e.g. `[72295728]`).
    pub suffix: &'a [i32],
}

/// Locations for an option whose value is a message literal of type
/// `message`. `option_span` is protox's span of the option (the whole
/// statement, or `name = value` inside `[...]`). `seen` counts the values
/// already given to each repeated field path (relative to the options
/// message); it is only updated when the whole literal could be read.
///
/// Returns `None` on anything unexpected (malformed text, unknown fields).
pub(super) fn aggregate_locations(
    text: &str,
    lines: &LineIndex,
    option_span: &[i32],
    message: &MessageDescriptor,
    target: &Target<'_>,
    seen: &mut HashMap<Vec<i32>, i32>,
) -> Option<Aggregate> {
    let start = offset_of(text, lines, option_span)?;
    let mut p = Parser {
        lex: Lexer {
            bytes: text.as_bytes(),
            pos: start,
        },
        peeked: None,
        target,
        seen: seen.clone(),
        out: Vec::new(),
        lines,
    };
    // `option` keyword (statements only), then the name up to `=`.
    let mut tok = p.next()?;
    if tok.kind == Tok::Ident && &text[tok.start..tok.end] == "option" {
        tok = p.next()?;
    }
    let name_start = tok.start;
    loop {
        match tok.kind {
            Tok::Ident | Tok::Punct(b'(' | b')' | b'.') => {}
            Tok::Punct(b'=') if tok.start > name_start => break,
            _ => return None,
        }
        tok = p.next()?;
    }
    let open = p.next()?;
    let close = match open.kind {
        Tok::Punct(b'{') => b'}',
        Tok::Punct(b'<') => b'>',
        _ => return None,
    };
    let mut path = target.suffix.to_vec();
    let end = p.message(close, Some(message), &mut path)?;
    let span = p.span(name_start, end);
    *seen = p.seen;
    Some(Aggregate {
        span,
        children: p.out,
    })
}

/// Byte offset of the start of a protox span.
fn offset_of(text: &str, lines: &LineIndex, span: &[i32]) -> Option<usize> {
    let (&line, &col) = (span.first()?, span.get(1)?);
    let (line, col) = (usize::try_from(line).ok()?, usize::try_from(col).ok()?);
    let l = lines.line(text, line);
    let base = (l.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    let offset = base.checked_add(col)?;
    (offset <= text.len() && lines.line_col(offset) == (line, col)).then_some(offset)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Ident,
    Number,
    Str,
    Punct(u8),
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Tok,
    start: usize,
    end: usize,
}

/// The .proto lexer, enough for option values: identifiers, numbers,
/// strings (with escapes), punctuation; skips whitespace and `//`, `/* */`
/// comments. `None` at end of input or on a malformed token.
struct Lexer<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Lexer<'_> {
    fn next(&mut self) -> Option<Token> {
        let b = self.bytes;
        // Past the end after a malformed token (an escape at end of input).
        self.pos = self.pos.min(b.len());
        loop {
            while self.pos < b.len() && b[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            if b[self.pos..].starts_with(b"//") {
                while self.pos < b.len() && b[self.pos] != b'\n' {
                    self.pos += 1;
                }
            } else if b[self.pos..].starts_with(b"/*") {
                let rest = &b[self.pos + 2..];
                let end = rest.windows(2).position(|w| w == b"*/")?;
                self.pos += 2 + end + 2;
            } else {
                break;
            }
        }
        let start = self.pos;
        let c = *b.get(start)?;
        let kind = if c.is_ascii_alphabetic() || c == b'_' {
            self.pos += 1;
            while b
                .get(self.pos)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
            {
                self.pos += 1;
            }
            Tok::Ident
        } else if c.is_ascii_digit()
            || (c == b'.' && b.get(start + 1).is_some_and(u8::is_ascii_digit))
        {
            self.pos += 1;
            while let Some(&c) = b.get(self.pos) {
                let exponent_sign = (c == b'+' || c == b'-')
                    && matches!(b[self.pos - 1], b'e' | b'E')
                    && !(b[start..].starts_with(b"0x") || b[start..].starts_with(b"0X"));
                if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || exponent_sign {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            Tok::Number
        } else if c == b'"' || c == b'\'' {
            self.pos += 1;
            loop {
                match *b.get(self.pos)? {
                    b'\\' => self.pos += 2,
                    b'\n' => return None,
                    q if q == c => {
                        self.pos += 1;
                        break;
                    }
                    _ => self.pos += 1,
                }
            }
            Tok::Str
        } else {
            self.pos += 1;
            Tok::Punct(c)
        };
        (self.pos <= b.len()).then_some(Token {
            kind,
            start,
            end: self.pos,
        })
    }
}

struct Parser<'a> {
    lex: Lexer<'a>,
    peeked: Option<Token>,
    target: &'a Target<'a>,
    seen: HashMap<Vec<i32>, i32>,
    out: Vec<Location>,
    lines: &'a LineIndex,
}

/// A field named by a key of the literal.
struct Field {
    number: u32,
    kind: Kind,
    is_list: bool,
}

impl Parser<'_> {
    fn next(&mut self) -> Option<Token> {
        match self.peeked.take() {
            Some(t) => Some(t),
            None => self.lex.next(),
        }
    }

    fn peek(&mut self) -> Option<Token> {
        if self.peeked.is_none() {
            self.peeked = self.lex.next();
        }
        self.peeked
    }

    fn text(&self, t: Token) -> &str {
        std::str::from_utf8(&self.lex.bytes[t.start..t.end]).unwrap_or("")
    }

    fn span(&self, start: usize, end: usize) -> Vec<i32> {
        let (sl, sc) = self.lines.line_col(start);
        let (el, ec) = self.lines.line_col(end);
        if sl == el {
            vec![sl as i32, sc as i32, ec as i32]
        } else {
            vec![sl as i32, sc as i32, el as i32, ec as i32]
        }
    }

    /// Reads the fields of a message literal up to and including `close`;
    /// returns the end offset. `message` is `None` when the contents are
    /// only skipped (inside repeated values and expanded `Any`s).
    fn message(
        &mut self,
        close: u8,
        message: Option<&MessageDescriptor>,
        path: &mut Vec<i32>,
    ) -> Option<usize> {
        let first_out = self.out.len();
        let is_any = message.is_some_and(|m| m.full_name() == "google.protobuf.Any");
        let mut expanded_any = false;
        loop {
            let tok = self.next()?;
            match tok.kind {
                Tok::Punct(c) if c == close => {
                    if expanded_any {
                        // buf records nothing inside `[type.url/T] { ... }`.
                        self.out.truncate(first_out);
                    }
                    return Some(tok.end);
                }
                Tok::Ident => {
                    let name = self.text(tok).to_string();
                    let field = message.map(|m| self.field(m, &name)).map(|f| f.ok_or(()));
                    let field = match field {
                        Some(Ok(f)) => Some(f),
                        Some(Err(())) => return None,
                        None => None,
                    };
                    self.field_value(tok.start, field, path)?;
                }
                Tok::Punct(b'[') => {
                    let mut name = String::new();
                    loop {
                        let t = self.next()?;
                        match t.kind {
                            Tok::Punct(b']') => break,
                            Tok::Ident | Tok::Punct(b'.' | b'/') => name.push_str(self.text(t)),
                            _ => return None,
                        }
                    }
                    let field = if message.is_none() {
                        None
                    } else if name.contains('/') {
                        if !is_any {
                            return None;
                        }
                        expanded_any = true;
                        None
                    } else {
                        Some(self.extension(message?, &name)?)
                    };
                    self.field_value(tok.start, field, path)?;
                }
                _ => return None,
            }
            if let Some(Token {
                kind: Tok::Punct(b',' | b';'),
                ..
            }) = self.peek()
            {
                self.next();
            }
        }
    }

    fn field(&self, message: &MessageDescriptor, name: &str) -> Option<Field> {
        let f = message.get_field_by_name(name).or_else(|| {
            // protoc names a group field by its type name.
            message
                .fields()
                .find(|f| f.is_group() && matches!(f.kind(), Kind::Message(m) if m.name() == name))
        })?;
        Some(Field {
            number: f.number(),
            kind: f.kind(),
            // Maps are repeated message fields here (`is_list` excludes them).
            is_list: f.cardinality() == Cardinality::Repeated,
        })
    }

    fn extension(&self, message: &MessageDescriptor, name: &str) -> Option<Field> {
        let ext = super::resolve_extension(self.target.pool, self.target.scope, name)?;
        if ext.containing_message().full_name() != message.full_name() {
            return None;
        }
        Some(Field {
            number: ext.number(),
            kind: ext.kind(),
            is_list: ext.cardinality() == Cardinality::Repeated,
        })
    }

    /// Reads `[:] value` after a key that starts at `key_start` and records
    /// its location. `field` is `None` when only skipping.
    fn field_value(
        &mut self,
        key_start: usize,
        field: Option<Field>,
        path: &mut Vec<i32>,
    ) -> Option<()> {
        let mut tok = self.next()?;
        let colon = tok.kind == Tok::Punct(b':');
        if colon {
            tok = self.next()?;
        }
        let Some(field) = field else {
            self.value(tok, colon, path)?;
            return Some(());
        };
        path.push(field.number as i32);
        let result = match (&field.kind, field.is_list) {
            (Kind::Message(m), false) => {
                // A singular message: no location of its own, its fields
                // are recorded under it.
                match tok.kind {
                    Tok::Punct(b'{') => self.message(b'}', Some(m), path).map(drop),
                    Tok::Punct(b'<') => self.message(b'>', Some(m), path).map(drop),
                    _ => None,
                }
            }
            _ => {
                let (end, values) = self.value(tok, colon, path)?;
                if values > 1 && !field.is_list {
                    path.pop();
                    return None;
                }
                if values > 0 {
                    let span = self.span(key_start, end);
                    let mut full = self.target.options_path.to_vec();
                    full.extend_from_slice(path);
                    if field.is_list {
                        let n = self.seen.entry(path.clone()).or_insert(0);
                        full.push(*n);
                        *n += 1;
                    }
                    self.out.push(Location {
                        path: full,
                        span,
                        ..Default::default()
                    });
                }
                Some(())
            }
        };
        path.pop();
        result
    }

    /// Reads one value starting at `tok`: a scalar (adjacent strings
    /// concatenate, `-` before numbers and identifiers), a message literal,
    /// or a list. Returns the end offset and how many values it holds (`[]`
    /// holds none). Contents of messages are skipped.
    fn value(&mut self, tok: Token, colon: bool, path: &mut Vec<i32>) -> Option<(usize, usize)> {
        match tok.kind {
            Tok::Punct(b'{') => Some((self.message(b'}', None, path)?, 1)),
            Tok::Punct(b'<') => Some((self.message(b'>', None, path)?, 1)),
            Tok::Punct(b'[') => {
                let mut n = 0;
                let mut t = self.next()?;
                if t.kind == Tok::Punct(b']') {
                    return Some((t.end, 0));
                }
                loop {
                    self.value(t, true, path)?;
                    n += 1;
                    let sep = self.next()?;
                    match sep.kind {
                        Tok::Punct(b']') => return Some((sep.end, n)),
                        Tok::Punct(b',') => t = self.next()?,
                        _ => return None,
                    }
                }
            }
            _ if !colon => None,
            Tok::Punct(b'-') => {
                let t = self.next()?;
                matches!(t.kind, Tok::Number | Tok::Ident).then_some((t.end, 1))
            }
            Tok::Number | Tok::Ident => Some((tok.end, 1)),
            Tok::Str => {
                let mut end = tok.end;
                while let Some(t) = self.peek()
                    && t.kind == Tok::Str
                {
                    self.next();
                    end = t.end;
                }
                Some((end, 1))
            }
            Tok::Punct(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::compile::{CompiledFile, Outcome, Source, compile};

    type Expected<'a> = (&'a [i32], &'a [i32], Option<&'a str>);

    fn compile_one(text: &str) -> (CompiledFile, DescriptorPool) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.proto");
        std::fs::write(&path, text).unwrap();
        let source = Source {
            name: "a.proto".into(),
            external: "a.proto".into(),
            module_path: "a.proto".into(),
            fs_path: Some(path),
            is_target: true,
        };
        let sources = BTreeMap::from([(source.name.clone(), source.clone())]);
        match compile(&[source], &sources).unwrap() {
            Outcome::Ok(c) => (c.file("a.proto").unwrap().clone(), c.pools[0].clone()),
            Outcome::Failed(f) => panic!("{f:?}"),
        }
    }

    /// Compares the locations under `prefixes` (in file order) with buf's.
    fn check(text: &str, prefixes: &[&[i32]], expected: &[Expected<'_>]) {
        let (file, _) = compile_one(text);
        let info = file.source_info();
        let got: Vec<Expected<'_>> = info
            .location
            .iter()
            .filter(|l| prefixes.iter().any(|p| l.path.starts_with(p)))
            .inspect(|l| assert_eq!(l.trailing_comments, None, "{l:?}"))
            .inspect(|l| assert!(l.leading_detached_comments.is_empty(), "{l:?}"))
            .map(|l| (&l.path[..], &l.span[..], l.leading_comments.as_deref()))
            .collect();
        assert_eq!(got, expected);
    }

    /// Scalars, lists, separators, comments, `< >`, adjacent strings,
    /// extensions, `Any`, maps, option paths into messages, counters shared
    /// with top-level options, compact options.
    const FIXTURE: &str = r#"syntax = "proto2";
package t;
import "google/protobuf/descriptor.proto";
import "google/protobuf/any.proto";

message Inner {
  optional string s = 1;
  repeated int32 r = 2;
  optional Inner child = 3;
  repeated Inner kids = 4;
  optional Color c = 5;
  extensions 100 to 200;
  optional google.protobuf.Any any = 8;
  map<string, Inner> m = 9;
  optional double d = 10;
  optional bytes b = 11;
  optional bool flag = 12;
  optional sint64 neg = 13;
}
enum Color { RED = 0; BLUE = 1; }
extend Inner { optional int32 ext1 = 100; optional Inner ext2 = 101; repeated int32 ext3 = 102; }

extend google.protobuf.MessageOptions {
  optional Inner opt = 50000;
  repeated Inner ropt = 50001;
  optional Inner opt2 = 50002;
  optional Inner opt3 = 50003;
}
extend google.protobuf.FieldOptions {
  optional Inner fopt = 50000;
}
extend google.protobuf.EnumValueOptions {
  optional Inner evopt = 50000;
}

message M1 {
  // leading comment
  option (opt) = {
    s: "a",
    r: 1;
    r: [3, 4] ,
    child { s: "x" ; }
    kids { s: "k0" } kids: { s: "k1" }
    kids: [{s: "k2"}, {s: "k3"}]
    c: BLUE
    r: []
    d: -1.5e3
    b: "a" 'b'
       "c"
    flag: true
    neg: -5
  }; // trailing comment
  option (opt2) = {
    child: < r: 5 >
    // comment before
    s: "b" // trailing
    /* block */ r: 1
    [t.ext1]: 5, [t.ext2] { s: "e" }
    [ t.ext3 ]: [1, 2]
    [t.ext3]: 3
    any { [type.googleapis.com/t.Inner] { s: "in any" } }
    m { key: "a" value { s: "v" } }
    m: [{ key: "b" }]
  };
  option (opt3).child = { s: "q" };
  option (opt3).child.child = { r: 9 };
  option (opt3).r = 7;
  option (opt3).child.r = 7;
  option (opt3).child.kids = { s: "q" };
  optional int32 f = 1 [(fopt) = { s: "x" r: 1 }, (fopt).r = 2];
}
message M2 {
  option (opt) = {};
  option (opt).child = {};
  option (opt).kids = {};
  option (opt).r = 1;
}
message M3 {
  option (opt) = {r: 0};
  option (opt).r = 1;
  option (opt).r = 2;
}
enum E { Z = 0 [(evopt) = { s: "q" }, (evopt).child.s = "r"]; }
"#;

    /// Pinned from `buf build` (1.75).
    const FIXTURE_LOCATIONS: &[Expected<'_>] = &[
        (&[4, 1, 7], &[37, 2, 51, 4], None),
        (&[4, 1, 7, 50000], &[37, 9, 51, 3], None),
        (&[4, 1, 7, 50000, 1], &[38, 4, 10], None),
        (&[4, 1, 7, 50000, 2, 0], &[39, 4, 8], None),
        (&[4, 1, 7, 50000, 2, 1], &[40, 4, 13], None),
        (&[4, 1, 7, 50000, 3, 1], &[41, 12, 18], None),
        (&[4, 1, 7, 50000, 4, 0], &[42, 4, 20], None),
        (&[4, 1, 7, 50000, 4, 1], &[42, 21, 38], None),
        (&[4, 1, 7, 50000, 4, 2], &[43, 4, 32], None),
        (&[4, 1, 7, 50000, 5], &[44, 4, 11], None),
        (&[4, 1, 7, 50000, 10], &[46, 4, 13], None),
        (&[4, 1, 7, 50000, 11], &[47, 4, 48, 10], None),
        (&[4, 1, 7, 50000, 12], &[49, 4, 14], None),
        (&[4, 1, 7, 50000, 13], &[50, 4, 11], None),
        (&[4, 1, 7], &[52, 2, 63, 4], None),
        (&[4, 1, 7, 50002], &[52, 9, 63, 3], None),
        (&[4, 1, 7, 50002, 3, 2, 0], &[53, 13, 17], None),
        (&[4, 1, 7, 50002, 1], &[55, 4, 10], None),
        (&[4, 1, 7, 50002, 2, 0], &[56, 16, 20], None),
        (&[4, 1, 7, 50002, 100], &[57, 4, 15], None),
        (&[4, 1, 7, 50002, 101, 1], &[57, 28, 34], None),
        (&[4, 1, 7, 50002, 102, 0], &[58, 4, 22], None),
        (&[4, 1, 7, 50002, 102, 1], &[59, 4, 15], None),
        (&[4, 1, 7, 50002, 9, 0], &[61, 4, 35], None),
        (&[4, 1, 7, 50002, 9, 1], &[62, 4, 21], None),
        (&[4, 1, 7], &[64, 2, 35], None),
        (&[4, 1, 7, 50003, 3], &[64, 9, 34], None),
        (&[4, 1, 7, 50003, 3, 1], &[64, 26, 32], None),
        (&[4, 1, 7], &[65, 2, 39], None),
        (&[4, 1, 7, 50003, 3, 3], &[65, 9, 38], None),
        (&[4, 1, 7, 50003, 3, 3, 2, 0], &[65, 32, 36], None),
        (&[4, 1, 7], &[66, 2, 22], None),
        (&[4, 1, 7, 50003, 2, 0], &[66, 2, 22], None),
        (&[4, 1, 7], &[67, 2, 28], None),
        (&[4, 1, 7, 50003, 3, 2, 0], &[67, 2, 28], None),
        (&[4, 1, 7], &[68, 2, 40], None),
        (&[4, 1, 7, 50003, 3, 4, 0], &[68, 2, 40], None),
        (&[4, 1, 2, 0, 8], &[69, 23, 63], None),
        (&[4, 1, 2, 0, 8, 50000], &[69, 24, 48], None),
        (&[4, 1, 2, 0, 8, 50000, 1], &[69, 35, 41], None),
        (&[4, 1, 2, 0, 8, 50000, 2, 0], &[69, 42, 46], None),
        (&[4, 1, 2, 0, 8, 50000, 2, 1], &[69, 50, 62], None),
        (&[4, 2, 7], &[72, 2, 20], None),
        (&[4, 2, 7, 50000], &[72, 9, 19], None),
        (&[4, 2, 7], &[73, 2, 26], None),
        (&[4, 2, 7, 50000, 3], &[73, 9, 25], None),
        (&[4, 2, 7], &[74, 2, 25], None),
        (&[4, 2, 7, 50000, 4, 0], &[74, 2, 25], None),
        (&[4, 2, 7], &[75, 2, 21], None),
        (&[4, 2, 7, 50000, 2, 0], &[75, 2, 21], None),
        (&[4, 3, 7], &[78, 2, 24], None),
        (&[4, 3, 7, 50000], &[78, 9, 23], None),
        (&[4, 3, 7, 50000, 2, 0], &[78, 18, 22], None),
        (&[4, 3, 7], &[79, 2, 21], None),
        (&[4, 3, 7, 50000, 2, 1], &[79, 2, 21], None),
        (&[4, 3, 7], &[80, 2, 21], None),
        (&[4, 3, 7, 50000, 2, 2], &[80, 2, 21], None),
        (&[5, 1, 2, 0, 3], &[82, 15, 60], None),
        (&[5, 1, 2, 0, 3, 50000], &[82, 16, 36], None),
        (&[5, 1, 2, 0, 3, 50000, 1], &[82, 28, 34], None),
        (&[5, 1, 2, 0, 3, 50000, 3, 1], &[82, 38, 59], None),
    ];

    #[test]
    fn message_literals_as_buf_records_them() {
        check(
            FIXTURE,
            &[
                &[4, 1, 7],
                &[4, 1, 2, 0, 8],
                &[4, 2, 7],
                &[4, 3, 7],
                &[5, 1, 2, 0, 3],
            ],
            FIXTURE_LOCATIONS,
        );
    }

    /// `Any` written out and expanded, special floats and negative hex,
    /// repeated message options (whole statement, comments kept), a method
    /// option whose comments buf drops.
    const FIXTURE_ANY: &str = r#"syntax = "proto2";
package t;
import "google/protobuf/descriptor.proto";
import "google/protobuf/any.proto";
message Inner {
  optional string s = 1;
  repeated int32 r = 2;
  optional Inner child = 3;
  repeated google.protobuf.Any anys = 4;
  optional google.protobuf.Any any = 5;
  optional float f = 6;
}
extend google.protobuf.MessageOptions {
  optional Inner opt = 50000;
  optional google.protobuf.Any aopt = 50001;
  repeated Inner ropt = 50002;
}
extend google.protobuf.MethodOptions {
  optional Inner mopt = 50000;
}
message M1 {
  option (opt) = {
    any { type_url: "type.googleapis.com/t.Inner" value: "" }
    anys { [type.googleapis.com/t.Inner] { s: "in any" } }
    f: inf r: -0x10 child { child { s: "deep" } }
  };
  option (aopt) = { [type.googleapis.com/t.Inner] { s: "top" } };
  // lead
  option (ropt) = { s: "a" };
  option (ropt) = {
    r: 1
  };
}
service S {
  // Method.
  rpc M(M1) returns (M1) {
    // Leading.
    option (mopt) = {
      s: "/v1/{name=x/*}:m"
      child { r: [1, 2] }
    }; // Trailing.
  }
}
"#;

    /// Pinned from `buf build` (1.75).
    const FIXTURE_ANY_LOCATIONS: &[Expected<'_>] = &[
        (&[4, 1, 7], &[21, 2, 25, 4], None),
        (&[4, 1, 7, 50000], &[21, 9, 25, 3], None),
        (&[4, 1, 7, 50000, 5, 1], &[22, 10, 49], None),
        (&[4, 1, 7, 50000, 5, 2], &[22, 50, 59], None),
        (&[4, 1, 7, 50000, 4, 0], &[23, 4, 58], None),
        (&[4, 1, 7, 50000, 6], &[24, 4, 10], None),
        (&[4, 1, 7, 50000, 2, 0], &[24, 11, 19], None),
        (&[4, 1, 7, 50000, 3, 3, 1], &[24, 36, 45], None),
        (&[4, 1, 7], &[26, 2, 65], None),
        (&[4, 1, 7, 50001], &[26, 9, 64], None),
        (&[4, 1, 7], &[28, 2, 29], None),
        (&[4, 1, 7, 50002, 0], &[28, 2, 29], Some(" lead\n")),
        (&[4, 1, 7], &[29, 2, 31, 4], None),
        (&[4, 1, 7, 50002, 1], &[29, 2, 31, 4], None),
        (&[6, 0, 2, 0, 4], &[37, 4, 40, 6], None),
        (&[6, 0, 2, 0, 4, 50000], &[37, 11, 40, 5], None),
        (&[6, 0, 2, 0, 4, 50000, 1], &[38, 6, 27], None),
        (&[6, 0, 2, 0, 4, 50000, 3, 2, 0], &[39, 14, 23], None),
    ];

    #[test]
    fn any_repeated_and_method_options() {
        check(
            FIXTURE_ANY,
            &[&[4, 1, 7], &[6, 0, 2, 0, 4]],
            FIXTURE_ANY_LOCATIONS,
        );
    }

    #[test]
    fn malformed_or_unknown_input_yields_nothing() {
        let (file, pool) = compile_one(FIXTURE_ANY);
        let inner = pool.get_message_by_name("t.Inner").unwrap();
        let target = Target {
            pool: &pool,
            scope: "t",
            options_path: &[4, 0, 7],
            suffix: &[50000],
        };
        let run = |text: &str| {
            let lines = LineIndex::new(text);
            let mut seen = HashMap::new();
            let r = aggregate_locations(text, &lines, &[0, 0, 1], &inner, &target, &mut seen);
            (r, seen)
        };
        for text in [
            "",
            "option",
            "option (opt) =",
            "option (opt) = {",
            "option (opt) = { s: \"unterminated }",
            "option (opt) = { s: \"a\" /* unterminated }",
            "option (opt) = { nope: 1 }",
            "option (opt) = { s: }",
            "option (opt) = { s 1 }",
            "option (opt) = { r: [1, 2 }",
            "option (opt) = { r: [1, 2] r: 3 child: 4 }",
            "option (opt) = { [t.nope]: 1 }",
            "option (opt) = { [type.googleapis.com/t.Inner] { s: \"x\" } }",
            "option (opt) = { s: \"a\" \\",
            "option (opt) = { s: \"a\" \"b\\",
            "option (opt) = { s: \"a\" \"b\\\"",
            "option (opt) = { child [ ] }",
            "option (opt) = 5;",
            "option (opt) = { # x }",
            "option (opt) = { r: 1 r: [2, 3] r: \"x\" \u{e9} }",
        ] {
            let (r, seen) = run(text);
            assert_eq!(r, None, "{text:?}");
            assert!(seen.is_empty(), "{text:?}");
        }
        // A span past the end of the text.
        let lines = LineIndex::new("x");
        let mut seen = HashMap::new();
        let r = aggregate_locations("x", &lines, &[3, 9, 10], &inner, &target, &mut seen);
        assert_eq!(r, None);
        // A valid literal updates the counters.
        let (r, seen) = run("option (opt) = { r: 1 r: [2, 3] child { r: 4 } }");
        let r = r.unwrap();
        assert_eq!(r.span, vec![0, 7, 48]);
        let paths: Vec<_> = r
            .children
            .iter()
            .map(|l| (l.path.clone(), l.span.clone()))
            .collect();
        assert_eq!(
            paths,
            vec![
                (vec![4, 0, 7, 50000, 2, 0], vec![0, 17, 21]),
                (vec![4, 0, 7, 50000, 2, 1], vec![0, 22, 31]),
                (vec![4, 0, 7, 50000, 3, 2, 0], vec![0, 40, 44]),
            ]
        );
        assert_eq!(seen.get(&vec![50000, 2]), Some(&2));
        assert_eq!(seen.get(&vec![50000, 3, 2]), Some(&1));
        drop(file);
    }

    #[test]
    fn lexer_tokens() {
        let text = "a_1 1.5e-3 0x1F -2 'x\\'y' \"z\" /* c */ // d\n .5 [";
        let mut lex = Lexer {
            bytes: text.as_bytes(),
            pos: 0,
        };
        let mut got = Vec::new();
        while let Some(t) = lex.next() {
            got.push((t.kind, &text[t.start..t.end]));
        }
        assert_eq!(
            got,
            vec![
                (Tok::Ident, "a_1"),
                (Tok::Number, "1.5e-3"),
                (Tok::Number, "0x1F"),
                (Tok::Punct(b'-'), "-"),
                (Tok::Number, "2"),
                (Tok::Str, "'x\\'y'"),
                (Tok::Str, "\"z\""),
                (Tok::Number, ".5"),
                (Tok::Punct(b'['), "["),
            ]
        );
    }
}
