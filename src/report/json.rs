//! `json`: one compact object a line, as buf's `encoding/json` output.
//!
//! Keys in buf's order (`path, start_line, start_column, end_line, end_column,
//! type, message, plugin, policy`), empty values omitted, positions forced to at
//! least 1, strings escaped as Go escapes them (see [`push_go_string`]).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{at_least_1, write_lines};
use crate::Finding;

/// Writes one JSON object per finding, one per line.
pub(super) fn write(findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    write_lines(findings, out, line)
}

fn line(finding: &Finding) -> String {
    let span = finding.span;
    let mut obj = GoObject::new();
    obj.string("path", finding.path.as_deref().unwrap_or(""));
    obj.int("start_line", at_least_1(span.start_line));
    obj.int("start_column", at_least_1(span.start_column));
    obj.int("end_line", at_least_1(span.end_line));
    obj.int("end_column", at_least_1(span.end_column));
    obj.string("type", &finding.rule);
    obj.string("message", &finding.message);
    obj.string("plugin", finding.plugin.as_deref().unwrap_or(""));
    obj.string("policy", finding.policy.as_deref().unwrap_or(""));
    obj.finish()
}

/// A JSON object written the way Go's `encoding/json` marshals a struct whose
/// fields are all tagged `omitempty`: fields in insertion order, empty strings
/// and zeros left out.
pub(super) struct GoObject {
    buf: String,
    empty: bool,
}

impl GoObject {
    pub(super) fn new() -> Self {
        GoObject {
            buf: String::from("{"),
            empty: true,
        }
    }

    fn key(&mut self, key: &str) {
        if !self.empty {
            self.buf.push(',');
        }
        self.empty = false;
        push_go_string(&mut self.buf, key);
        self.buf.push(':');
    }

    /// Adds `"key":"value"` unless `value` is empty.
    pub(super) fn string(&mut self, key: &str, value: &str) {
        if !value.is_empty() {
            self.key(key);
            push_go_string(&mut self.buf, value);
        }
    }

    /// Adds `"key":value` unless `value` is zero.
    pub(super) fn int(&mut self, key: &str, value: u32) {
        if value != 0 {
            self.key(key);
            let _ = write!(self.buf, "{value}");
        }
    }

    /// Adds `"key":<raw>` (a nested object or array already serialized).
    pub(super) fn raw(&mut self, key: &str, raw: &str) {
        self.key(key);
        self.buf.push_str(raw);
    }

    /// Closes the object and returns its text.
    pub(super) fn finish(mut self) -> String {
        self.buf.push('}');
        self.buf
    }
}

pub(super) use crate::gostr::push_json_string as push_go_string;
