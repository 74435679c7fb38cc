//! `github-actions`: GitHub Actions `::error` workflow commands.
//!
//! Like buf, nothing is escaped: paths and messages are printed as they are.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{display_path, push_origin_suffix, write_lines};
use crate::Finding;

/// Writes one `::error file=…,line=…,col=…,endLine=…,endColumn=…::message`
/// line per finding.
pub(super) fn write(findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    write_lines(findings, out, line)
}

/// Position parts are printed only when known (non-zero), and none of them
/// without a start line.
fn line(finding: &Finding) -> String {
    let span = finding.span;
    let mut buf = format!("::error file={}", display_path(finding));
    if span.start_line > 0 {
        let _ = write!(buf, ",line={}", span.start_line);
        if span.start_column > 0 {
            let _ = write!(buf, ",col={}", span.start_column);
        }
        if span.end_line > 0 {
            let _ = write!(buf, ",endLine={}", span.end_line);
            if span.end_column > 0 {
                let _ = write!(buf, ",endColumn={}", span.end_column);
            }
        }
    }
    buf.push_str("::");
    buf.push_str(&finding.message);
    push_origin_suffix(&mut buf, finding);
    buf
}
