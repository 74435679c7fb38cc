//! What the rule-fixture harnesses (`lint_rules.rs`, `breaking_rules.rs`)
//! share: running a case with the real binary and rendering its output,
//! pinning it beside the case, and the folder-naming invariant.

use std::{
    collections::BTreeSet,
    path::Path,
    process::{Command, Stdio},
};

/// Runs `protogate <args>` in `cwd`, with the extra arguments listed one per
/// line in `case/args` if present, and renders exit code, stderr and the
/// JSON findings as `path:line:col-line:col TYPE message` lines.
pub fn render(case: &Path, cwd: &Path, args: &[&str]) -> String {
    let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    if let Ok(extra) = std::fs::read_to_string(case.join("args")) {
        args.extend(
            extra
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned),
        );
    }
    let out = Command::new(env!("CARGO_BIN_EXE_protogate"))
        .args(&args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run protogate");
    let mut text = format!(
        "args: {}\nexit: {}\n",
        args[1..].join(" "),
        out.status.code().unwrap_or(-1)
    );
    for line in String::from_utf8_lossy(&out.stderr).lines() {
        text.push_str(&format!("stderr: {line}\n"));
    }
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            text.push_str(&format!("stdout: {line}\n"));
            continue;
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

/// Pins `output` as `findings.snap` in the case folder.
pub fn pin(case: &Path, output: String) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(case);
    settings.remove_snapshot_suffix();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!("findings", output));
}

/// Checks the folder naming of `dir`: each folder is `<rule_id>` or
/// `<rule_id>__<variant>` (lower case) or `<topic>__<variant>`, holds
/// `marker`, and every rule in `rules` has at least one folder.
pub fn check_folders(
    dir: &Path,
    marker: &str,
    is_rule: impl Fn(&str) -> bool,
    topics: &[&str],
    rules: impl Iterator<Item = &'static str>,
) {
    let folders: BTreeSet<String> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut problems = Vec::new();
    for folder in &folders {
        let prefix = folder.split("__").next().unwrap_or(folder);
        if !(is_rule(&prefix.to_uppercase()) || topics.contains(&prefix)) {
            problems.push(format!("{folder}: names no rule or topic"));
        }
        if !dir.join(folder).join(marker).is_file() {
            problems.push(format!("{folder}: has no {marker}"));
        }
    }
    for id in rules {
        let id = id.to_lowercase();
        if !folders
            .iter()
            .any(|f| f == &id || f.starts_with(&format!("{id}__")))
        {
            problems.push(format!("{}: no fixture folder {id}", id.to_uppercase()));
        }
    }
    assert!(
        problems.is_empty(),
        "in {}:\n{}",
        dir.display(),
        problems.join("\n")
    );
}
