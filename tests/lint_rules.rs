//! Lint rule fixtures: every folder `testdata/lint/<case>/` is a small
//! module (its own `buf.yaml`, usually enabling just the rule under test)
//! with hits and near-misses. The real binary lints it (`protogate lint .
//! --error-format json` inside the folder, plus the arguments listed one per
//! line in an optional `args` file) and the findings, exit code and stderr
//! are pinned in `findings.snap` beside the protos. Adding a case is adding
//! a folder; `insta::glob!` reports every failing case, not only the first.
//!
//! Folder names: `<rule_id_in_lower_case>` or `<rule_id>__<variant>` for a
//! rule's cases, `<topic>__<variant>` for behaviour that is not one rule
//! (see `TOPICS`). An invariant test checks that every implemented rule has a
//! folder and that every folder names a real rule or topic.

mod common;

use std::path::Path;

use protogate::check::registry::LintRuleId;

/// Case-folder prefixes that are not rule IDs.
const TOPICS: &[&str] = &[
    "comment_ignores",
    "ignore",
    "ignore_only",
    "options",
    "policy",
    "selection",
];

#[test]
fn lint_rule_fixtures() {
    insta::glob!("../testdata/lint", "*/buf.yaml", |config| {
        let case = config.parent().unwrap();
        common::pin(
            case,
            common::render(case, case, &["lint", ".", "--error-format", "json"]),
        );
    });
}

#[test]
fn every_rule_has_a_fixture_folder_and_every_folder_names_a_rule() {
    common::check_folders(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/lint"),
        "buf.yaml",
        |id| LintRuleId::from_id(id).is_some(),
        TOPICS,
        protogate::lint::rules::all().map(|r| r.id.as_str()),
    );
}
