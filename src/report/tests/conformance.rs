//! Byte-for-byte comparison with buf 1.75's recorded outputs in the shared
//! conformance kit (`../shared/conformance/expected`, or the directory named by
//! `PROTOGATE_CONFORMANCE_DIR`).
//!
//! For every recorded case run with an `--error-format` other than `json` (or
//! the default text format), the case run with the same directory and
//! arguments but `--error-format json` gives buf's findings; they are rebuilt
//! into [`Finding`]s and written in the case's format, which must equal buf's
//! stdout exactly. Each recorded raw JSON line is also rebuilt and re-printed.
//! The tests skip, with a note, when the kit is absent.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::render;
use crate::check::finding::sort_and_dedup;
use crate::report::ErrorFormat;
use crate::{Finding, Span};

/// The kit's `expected/` directory, if present.
fn expected_dir() -> Option<PathBuf> {
    let root = std::env::var_os("PROTOGATE_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance"));
    let expected = root.join("expected");
    if expected.is_dir() {
        Some(expected)
    } else {
        eprintln!(
            "note: {} not found; skipping the comparison with buf's outputs",
            expected.display()
        );
        None
    }
}

/// One recorded case.
struct Case {
    name: String,
    cwd: String,
    args: Vec<String>,
    exit_code: i64,
    /// buf's stdout: `stdout`, or the raw lines joined.
    stdout: Option<String>,
    /// buf's raw stdout lines, when recorded.
    lines: Option<Vec<String>>,
    stderr: String,
}

fn load_cases(expected: &Path) -> Vec<Case> {
    let mut files = Vec::new();
    for group in std::fs::read_dir(expected)
        .expect("read expected/")
        .flatten()
    {
        if let Ok(entries) = std::fs::read_dir(group.path()) {
            files.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "json")),
            );
        }
    }
    files.sort();
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("read case");
            let case: Value = serde_json::from_str(&text).expect("case is JSON");
            let strings = |v: &Value| -> Option<Vec<String>> {
                v.as_array().map(|a| {
                    a.iter()
                        .map(|s| s.as_str().unwrap_or_default().to_owned())
                        .collect()
                })
            };
            let lines = strings(&case["stdout_lines"]);
            let stdout = case["stdout"].as_str().map(str::to_owned).or_else(|| {
                lines
                    .as_ref()
                    .map(|lines| lines.iter().map(|line| format!("{line}\n")).collect())
            });
            Case {
                name: format!(
                    "{}/{}",
                    case["group"].as_str().unwrap_or_default(),
                    case["name"].as_str().unwrap_or_default()
                ),
                cwd: case["cwd"].as_str().unwrap_or_default().to_owned(),
                args: strings(&case["args"]).unwrap_or_default(),
                exit_code: case["exit_code"].as_i64().unwrap_or(-1),
                stdout,
                lines,
                stderr: case["stderr"].as_str().unwrap_or_default().to_owned(),
            }
        })
        .collect()
}

/// The case's `--error-format` value (`text` when absent) and its arguments
/// with that value replaced by `json`.
fn format_and_json_args(args: &[String]) -> (String, Vec<String>) {
    let mut json_args = args.to_vec();
    match args.iter().position(|a| a == "--error-format") {
        Some(i) if i + 1 < args.len() => {
            json_args[i + 1] = "json".to_owned();
            (args[i + 1].clone(), json_args)
        }
        _ => {
            json_args.extend(["--error-format".to_owned(), "json".to_owned()]);
            ("text".to_owned(), json_args)
        }
    }
}

/// Rebuilds a finding from one of buf's JSON lines. buf prints unknown
/// positions as 1, so positions are taken as printed, except that a finding
/// without a path (file-less) has no position at all.
fn finding_from_json(line: &str) -> Option<Finding> {
    let value: Value = serde_json::from_str(line).ok()?;
    let object = value.as_object()?;
    let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_owned);
    let number = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(0)
    };
    let mut finding = Finding::new(text("type")?, text("message").unwrap_or_default());
    if let Some(path) = text("path") {
        let span = Span::new(
            number("start_line"),
            number("start_column"),
            number("end_line"),
            number("end_column"),
        );
        finding = finding.at(path.clone(), path, span);
    }
    finding.plugin = text("plugin");
    finding.policy = text("policy");
    Some(finding)
}

/// A short description of where two outputs first differ.
fn first_difference(expected: &str, actual: &str) -> String {
    let (mut e, mut a) = (expected.lines(), actual.lines());
    for n in 1.. {
        match (e.next(), a.next()) {
            (None, None) => return "outputs differ only in line endings".to_owned(),
            (x, y) if x == y => continue,
            (x, y) => return format!("line {n}:\n    buf:  {x:?}\n    ours: {y:?}"),
        }
    }
    unreachable!()
}

#[test]
fn matches_recorded_buf_outputs() {
    let Some(expected) = expected_dir() else {
        return;
    };
    let cases = load_cases(&expected);
    let json_cases: HashMap<(&str, &[String]), &Case> = cases
        .iter()
        .filter(|c| c.lines.is_some() || c.stdout.is_some())
        .map(|c| ((c.cwd.as_str(), c.args.as_slice()), c))
        .collect();

    let (mut matched, mut rejected) = (0, 0);
    let mut failures = String::new();
    for case in &cases {
        let (format_name, json_args) = format_and_json_args(&case.args);
        if format_name == "json" {
            continue;
        }
        let format = match format_name.parse::<ErrorFormat>() {
            Ok(format) => format,
            Err(err) => {
                // buf rejects it too, with the same message.
                let message = format!("Failure: --error-format: {err}");
                if case.exit_code == 1 && case.stderr.contains(&message) {
                    rejected += 1;
                } else {
                    let _ = writeln!(
                        failures,
                        "{}: we reject {format_name:?} ({err}), buf did not",
                        case.name
                    );
                }
                continue;
            }
        };
        let Some(stdout) = case.stdout.as_deref() else {
            continue;
        };
        if case.exit_code != 100 {
            continue; // a usage error (e.g. config-ignore-yaml for breaking): the CLI's business
        }
        let Some(json_case) = json_cases.get(&(case.cwd.as_str(), json_args.as_slice())) else {
            continue;
        };
        let Some(json_stdout) = json_case.stdout.as_deref() else {
            continue;
        };
        let findings: Vec<Finding> = json_stdout.lines().filter_map(finding_from_json).collect();
        let mut sorted = findings.clone();
        sort_and_dedup(&mut sorted);
        if sorted != findings {
            let _ = writeln!(
                failures,
                "{}: buf's order differs from sort_and_dedup's",
                case.name
            );
        }
        let actual = render(format, &findings);
        if actual == stdout {
            matched += 1;
        } else {
            let _ = writeln!(
                failures,
                "{} ({format}): {}",
                case.name,
                first_difference(stdout, &actual)
            );
        }
    }
    eprintln!(
        "buf comparison: {matched} outputs matched byte for byte, {rejected} rejected formats matched buf's error"
    );
    assert!(
        failures.is_empty(),
        "outputs differ from buf's:\n{failures}"
    );
    assert!(
        matched >= 40,
        "expected at least 40 comparable cases, found {matched}"
    );
}

#[test]
fn json_lines_round_trip_recorded_buf_lines() {
    let Some(expected) = expected_dir() else {
        return;
    };
    let (mut matched, mut failures) = (0, String::new());
    for case in load_cases(&expected) {
        for line in case.lines.iter().flatten() {
            let Some(finding) = finding_from_json(line) else {
                continue;
            };
            let actual = render(ErrorFormat::Json, &[finding]);
            if actual == format!("{line}\n") {
                matched += 1;
            } else {
                let _ = writeln!(
                    failures,
                    "{}:\n    buf:  {line}\n    ours: {}",
                    case.name,
                    actual.trim_end()
                );
            }
        }
    }
    eprintln!("buf comparison: {matched} raw JSON lines re-printed byte for byte");
    assert!(
        failures.is_empty(),
        "JSON lines differ from buf's:\n{failures}"
    );
}
