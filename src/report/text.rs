//! `text`: `path:line:col:message`, buf's default format.

use std::io::{self, Write};

use super::{at_least_1, display_path, message_or_rule, push_origin_suffix, write_lines};
use crate::Finding;

/// Writes one `path:line:col:message` line per finding.
pub(super) fn write(findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    write_lines(findings, out, line)
}

/// One finding as buf's text format prints it (no newline). Also the failure
/// message of the `junit` format.
///
/// `<input>` stands for a finding without a file; unknown positions print as 1.
pub(super) fn line(finding: &Finding) -> String {
    let mut buf = format!(
        "{}:{}:{}:{}",
        display_path(finding),
        at_least_1(finding.span.start_line),
        at_least_1(finding.span.start_column),
        message_or_rule(finding),
    );
    push_origin_suffix(&mut buf, finding);
    buf
}
