//! `gitlab-code-quality`: a GitLab Code Quality report, one JSON array on one
//! line.
//!
//! Each issue's `fingerprint` is the lowercase hex of the 64-byte SHAKE-256
//! digest of the same issue serialized without the fingerprint, as buf
//! computes it. Positions are the raw values (zero, i.e. unknown, omitted).

use std::io::{self, Write};

use shake::{ExtendableOutput, Shake256, Update, XofReader};

use super::json::GoObject;
use super::to_hex;
use crate::Finding;

/// Length of buf's SHAKE-256 digests, in bytes.
const DIGEST_LEN: usize = 64;

/// Writes the report: a JSON array of issues, then a newline.
pub(super) fn write(findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    let mut buf = String::from("[");
    for (i, finding) in findings.iter().enumerate() {
        if i > 0 {
            buf.push(',');
        }
        let fingerprint = fingerprint(&issue(finding, ""));
        buf.push_str(&issue(finding, &fingerprint));
    }
    buf.push_str("]\n");
    out.write_all(buf.as_bytes())
}

/// One issue; `fingerprint` is omitted when empty.
fn issue(finding: &Finding, fingerprint: &str) -> String {
    let span = finding.span;
    let mut obj = GoObject::new();
    obj.string("description", &finding.message);
    obj.string("check_name", &finding.rule);
    obj.string("fingerprint", fingerprint);
    let mut location = GoObject::new();
    location.string("path", finding.path.as_deref().unwrap_or(""));
    let mut positions = GoObject::new();
    positions.raw("begin", &position(span.start_line, span.start_column));
    positions.raw("end", &position(span.end_line, span.end_column));
    location.raw("positions", &positions.finish());
    obj.raw("location", &location.finish());
    obj.string("severity", "minor");
    obj.finish()
}

fn position(line: u32, column: u32) -> String {
    let mut obj = GoObject::new();
    obj.int("line", line);
    obj.int("column", column);
    obj.finish()
}

/// Lowercase hex of the 64-byte SHAKE-256 digest of `content`.
fn fingerprint(content: &str) -> String {
    let mut hasher = Shake256::default();
    hasher.update(content.as_bytes());
    let mut digest = [0u8; DIGEST_LEN];
    hasher.finalize_xof().read(&mut digest);
    to_hex(&digest)
}
