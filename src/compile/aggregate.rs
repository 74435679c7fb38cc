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

use prost_reflect::{DescriptorPool, Kind, MessageDescriptor};
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
            is_list: f.is_list(),
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
            is_list: ext.is_list(),
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
    fn value(
        &mut self,
        tok: Token,
        colon: bool,
        path: &mut Vec<i32>,
    ) -> Option<(usize, usize)> {
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
