//! Breaking rule fixtures: every folder `testdata/breaking/<case>/` holds a
//! module twice, `previous/` and `current/` (each with its own `buf.yaml`;
//! the current one decides, usually enabling just the rule under test), with
//! changes that break and near-misses that do not. The real binary runs
//! `protogate breaking . --against ../previous --error-format json` inside
//! `current/` (plus the arguments listed one per line in an optional `args`
//! file in the case folder) and the findings, exit code and stderr are
//! pinned in `findings.snap` in the case folder. Adding a case is adding a
//! folder; `insta::glob!` reports every failing case, not only the first.
//!
//! Folder names as for lint (`<rule_id>[__variant]` or `<topic>__variant`);
//! an invariant test checks every implemented rule has a folder.

mod common;

use std::path::Path;

use protogate::check::registry::BreakingRuleId;

/// Case-folder prefixes that are not rule IDs.
const TOPICS: &[&str] = &[
    "ignore",
    "ignore_only",
    "imports",
    "options",
    "policy",
    "selection",
];

#[test]
fn breaking_rule_fixtures() {
    insta::glob!("../testdata/breaking", "*/current/buf.yaml", |config| {
        let current = config.parent().unwrap();
        let case = current.parent().unwrap();
        let args = [
            "breaking",
            ".",
            "--against",
            "../previous",
            "--error-format",
            "json",
        ];
        common::pin(case, common::render(case, current, &args));
    });
}

#[test]
fn every_rule_has_a_fixture_folder_and_every_folder_names_a_rule() {
    common::check_folders(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/breaking"),
        "current/buf.yaml",
        |id| BreakingRuleId::from_id(id).is_some(),
        TOPICS,
        protogate::breaking::rules::all().map(|r| r.id.as_str()),
    );
}
