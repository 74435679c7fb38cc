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

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use protogate::check::registry::LintRuleId;

/// Case-folder prefixes that are not rule IDs.
const TOPICS: &[&str] = &["comment_ignores", "ignore", "ignore_only", "options", "policy", "selection"];

fn lint_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/lint")
}

/// Runs the case and renders what it printed.
fn render(dir: &Path) -> String {
    let mut args: Vec<String> = vec!["lint".into(), ".".into(), "--error-format".into(), "json".into()];
    if let Ok(extra) = std::fs::read_to_string(dir.join("args")) {
        args.extend(extra.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned));
    }
    let out = Command::new(env!("CARGO_BIN_EXE_protogate"))
        .args(&args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run protogate");
    let mut text = format!("args: {}\nexit: {}\n", args[1..].join(" "), out.status.code().unwrap_or(-1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in stderr.lines() {
        text.push_str(&format!("stderr: {line}\n"));
    }
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(_) => {
                text.push_str(&format!("stdout: {line}\n"));
                continue;
            }
        };
        let n = |k: &str| v.get(k).and_then(|x| x.as_u64()).unwrap_or(0);
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
        text.push_str(&format!(
            "{}:{}:{}-{}:{} {} {}",
            s("path"),
            n("start_line"),
            n("start_column"),
            n("end_line"),
            n("end_column"),
            s("type"),
            s("message")
        ));
        if let Some(p) = v.get("policy").and_then(|x| x.as_str()) {
            text.push_str(&format!(" (policy {p})"));
        }
        text.push('\n');
    }
    text
}

#[test]
fn lint_rule_fixtures() {
    insta::glob!("../testdata/lint", "*/buf.yaml", |config| {
        let dir = config.parent().unwrap();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(dir);
        settings.remove_snapshot_suffix();
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!("findings", render(dir)));
    });
}

#[test]
fn every_rule_has_a_fixture_folder_and_every_folder_names_a_rule() {
    let folders: BTreeSet<String> = std::fs::read_dir(lint_dir())
        .expect("testdata/lint")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut problems = Vec::new();
    for folder in &folders {
        let prefix = folder.split("__").next().unwrap_or(folder);
        let is_rule = LintRuleId::from_id(&prefix.to_uppercase()).is_some();
        if !(is_rule || TOPICS.contains(&prefix)) {
            problems.push(format!("testdata/lint/{folder}: names no lint rule or topic"));
        }
        if !lint_dir().join(folder).join("buf.yaml").is_file() {
            problems.push(format!("testdata/lint/{folder}: has no buf.yaml"));
        }
    }
    for rule in protogate::lint::rules::all() {
        let id = rule.id.as_str().to_lowercase();
        if !folders.iter().any(|f| f == &id || f.starts_with(&format!("{id}__"))) {
            problems.push(format!("{}: no folder testdata/lint/{id}", rule.id.as_str()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
