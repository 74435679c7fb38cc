//! `config-ignore-yaml` (lint only): a v1 `buf.yaml` snippet whose
//! `ignore_only` silences every finding, as buf prints it.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use crate::Finding;

/// Writes the snippet: rule IDs sorted, each with its sorted, distinct
/// module-relative paths. Findings without a file or without a rule ID are
/// skipped; when none remain nothing is written.
pub(super) fn write(findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    let mut paths_by_rule: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for finding in findings {
        let Some(path) = finding.module_path.as_deref().or(finding.path.as_deref()) else {
            continue;
        };
        if finding.rule.is_empty() {
            continue;
        }
        paths_by_rule.entry(&finding.rule).or_default().insert(path);
    }
    if paths_by_rule.is_empty() {
        return Ok(());
    }
    let mut buf = String::from("version: v1\nlint:\n  ignore_only:\n");
    for (rule, paths) in &paths_by_rule {
        buf.push_str("    ");
        buf.push_str(rule);
        buf.push_str(":\n");
        for path in paths {
            buf.push_str("      - ");
            buf.push_str(path);
            buf.push('\n');
        }
    }
    out.write_all(buf.as_bytes())
}
