//! `msvs`: Visual Studio's `path(line,col) : error TYPE : message`.

use std::io::{self, Write};

use super::{at_least_1, display_path, message_or_rule, push_origin_suffix, write_lines};
use crate::Finding;

/// Writes one `path(line,col) : error TYPE : message` line per finding.
pub(super) fn write(findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    write_lines(findings, out, line)
}

fn line(finding: &Finding) -> String {
    let rule = if finding.rule.is_empty() {
        "FAILURE"
    } else {
        &finding.rule
    };
    let mut buf = format!(
        "{}({},{}) : error {} : {}",
        display_path(finding),
        at_least_1(finding.span.start_line),
        at_least_1(finding.span.start_column),
        rule,
        message_or_rule(finding),
    );
    push_origin_suffix(&mut buf, finding);
    buf
}
