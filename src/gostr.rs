//! Strings formatted the way Go formats them, where buf's output must be
//! matched byte for byte: `%q` quoting and `encoding/json` string literals.

use std::fmt::Write as _;

/// Quotes `s` like Go's `%q` (`strconv.Quote`), for error messages that must
/// match buf's.
pub fn quote(s: &str) -> String {
    let mut quoted = String::with_capacity(s.len() + 2);
    quoted.push('"');
    for c in s.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\u{7}' => quoted.push_str("\\a"),
            '\u{8}' => quoted.push_str("\\b"),
            '\u{c}' => quoted.push_str("\\f"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            '\u{b}' => quoted.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(quoted, "\\x{:02x}", c as u32);
            }
            c if !go_is_print(c) => {
                if (c as u32) < 0x10000 {
                    let _ = write!(quoted, "\\u{:04x}", c as u32);
                } else {
                    let _ = write!(quoted, "\\U{:08x}", c as u32);
                }
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// An approximation of Go's `strconv.IsPrint` for the characters a flag value
/// can plausibly contain: controls, separators other than the ASCII space and
/// the common invisible format characters are not printable.
fn go_is_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(
            c,
            '\u{ad}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{fffe}'
                | '\u{ffff}'
        ))
}

/// Appends `s` as a JSON string literal escaped exactly like Go's
/// `encoding/json` with HTML escaping on (its default): `"` and `\` escaped,
/// `\b \f \n \r \t` short, other control characters as `\u00xx`, `<` `>` `&`
/// as `\u003c` `\u003e` `\u0026`, U+2028 and U+2029 as `\u2028` `\u2029`;
/// everything else, non-ASCII included, raw.
pub fn push_json_string(buf: &mut String, s: &str) {
    buf.push('"');
    for c in s.chars() {
        match c {
            '"' => buf.push_str("\\\""),
            '\\' => buf.push_str("\\\\"),
            '\u{8}' => buf.push_str("\\b"),
            '\u{c}' => buf.push_str("\\f"),
            '\n' => buf.push_str("\\n"),
            '\r' => buf.push_str("\\r"),
            '\t' => buf.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(buf, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(buf, "\\u{:04x}", c as u32);
            }
            c => buf.push(c),
        }
    }
    buf.push('"');
}

/// [`push_json_string`] into a new string.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_json_string(&mut out, s);
    out
}
