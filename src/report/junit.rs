//! `junit`: JUnit XML as buf writes it with Go's `encoding/xml` encoder
//! (two-space indent, one `<testsuite>` per path in first-seen order, a
//! trailing newline).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{display_path, text};
use crate::Finding;

/// Writes the `<testsuites>` document.
pub(super) fn write(findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    let suites = group_by_path(findings);
    let mut buf = String::from("<testsuites>");
    for (path, cases) in &suites {
        let name = path.strip_suffix(".proto").unwrap_or(path);
        let count = cases.len();
        buf.push_str("\n  <testsuite name=\"");
        push_xml_escaped(&mut buf, name);
        let _ = write!(
            buf,
            "\" tests=\"{count}\" failures=\"{count}\" errors=\"0\">"
        );
        for finding in cases {
            push_testcase(&mut buf, finding);
        }
        buf.push_str("\n  </testsuite>");
    }
    if !suites.is_empty() {
        buf.push('\n');
    }
    buf.push_str("</testsuites>\n");
    out.write_all(buf.as_bytes())
}

/// Findings grouped by printed path (`<input>` for file-less ones), groups in
/// the order their first finding appears.
fn group_by_path(findings: &[Finding]) -> Vec<(&str, Vec<&Finding>)> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for finding in findings {
        let path = display_path(finding);
        let i = *index.entry(path).or_insert_with(|| {
            groups.push((path, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(finding);
    }
    groups
}

/// `<testcase name="TYPE_line_col">` (or `TYPE_line` without a column, `TYPE`
/// without a position) holding one `<failure>` whose message is the text-format
/// line.
fn push_testcase(buf: &mut String, finding: &Finding) {
    let span = finding.span;
    let mut name = finding.rule.clone();
    if span.start_column != 0 {
        let _ = write!(name, "_{}_{}", span.start_line, span.start_column);
    } else if span.start_line != 0 {
        let _ = write!(name, "_{}", span.start_line);
    }
    buf.push_str("\n    <testcase name=\"");
    push_xml_escaped(buf, &name);
    buf.push_str("\">\n      <failure message=\"");
    push_xml_escaped(buf, &text::line(finding));
    buf.push_str("\" type=\"");
    push_xml_escaped(buf, &finding.rule);
    buf.push_str("\"></failure>\n    </testcase>");
}

/// Escapes an attribute value as Go's `xml.EscapeString` does: `"` `'` `&` `<`
/// `>` as `&#34;` `&#39;` `&amp;` `&lt;` `&gt;`, tab, newline and carriage
/// return as `&#x9;` `&#xA;` `&#xD;`, and characters XML cannot hold as U+FFFD.
fn push_xml_escaped(buf: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '"' => buf.push_str("&#34;"),
            '\'' => buf.push_str("&#39;"),
            '&' => buf.push_str("&amp;"),
            '<' => buf.push_str("&lt;"),
            '>' => buf.push_str("&gt;"),
            '\t' => buf.push_str("&#x9;"),
            '\n' => buf.push_str("&#xA;"),
            '\r' => buf.push_str("&#xD;"),
            c if is_xml_char(c) => buf.push(c),
            _ => buf.push('\u{fffd}'),
        }
    }
}

/// The XML 1.0 `Char` production (tab, newline and carriage return are
/// handled before this is asked).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}')
}
