//! `protogate format` against buf 1.75.
//!
//! Every folder `testdata/format/<case>/` holds an `input.proto` and the
//! `expected.proto` that `buf format input.proto` printed for it (buf is the
//! oracle; regenerate with `cd testdata/format/<case> && buf format
//! input.proto > expected.proto`). The cases are discovered, not listed:
//! adding a folder adds a case. Folders whose name starts with `_` are
//! skipped; `_known_diffs/<case>/` holds inputs where protogate still prints
//! something else than buf (`protogate.proto` / `protogate.stderr` record
//! what it printed when the case was written).
//!
//! The second half runs the binary's flags (`-d`, `--exit-code`, `-w`, `-o`,
//! `--stdin-filepath`) and its handling of broken files in temporary
//! directories.

use std::{
    io::Write,
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
    time::{Duration, SystemTime},
};

use protogate::format::format_source;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_protogate")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/format")
}

/// The case folders under `dir`, sorted; folders starting with `_` or `.`
/// are not cases.
fn cases_in(dir: &Path) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("testdata/format")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !name.starts_with('_') && !name.starts_with('.')
        })
        .collect();
    cases.sort();
    cases
}

fn cases() -> Vec<PathBuf> {
    let cases = cases_in(&fixtures());
    assert!(cases.len() >= 40, "only {} format cases", cases.len());
    cases
}

fn name(case: &Path) -> String {
    case.file_name().unwrap().to_string_lossy().into_owned()
}

fn read(path: &Path) -> String {
    String::from_utf8(std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A short unified diff of `want` (buf) against `got` (protogate), with line
/// ends made visible.
fn show_diff(want: &str, got: &str) -> String {
    let visible = |s: &str| s.replace('\r', "\\r").replace('\t', "\\t");
    similar::TextDiff::from_lines(&visible(want), &visible(got))
        .unified_diff()
        .header("expected.proto (buf)", "protogate")
        .to_string()
}

/// Checks `check` on every case and reports all failures at once.
fn for_each_case(what: &str, check: impl Fn(&Path) -> Option<String>) {
    let failures: Vec<String> = cases().iter().filter_map(|c| check(c)).collect();
    assert!(
        failures.is_empty(),
        "{what}: {} case(s) failed\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Runs protogate in `dir` with `args` and `stdin`.
fn run_with_stdin(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run protogate");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().expect("wait for protogate")
}

fn run(dir: &Path, args: &[&str]) -> Output {
    run_with_stdin(dir, args, None)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// The `input.proto` / `expected.proto` of one case.
fn case_files(case: &str) -> (String, String) {
    let dir = fixtures().join(case);
    (
        read(&dir.join("input.proto")),
        read(&dir.join("expected.proto")),
    )
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

// ------------------------------------------------------------ fixtures

#[test]
fn fixture_folders_hold_input_and_expected() {
    let mut problems = Vec::new();
    let known = fixtures().join("_known_diffs");
    for case in cases().iter().chain(cases_in(&known).iter()) {
        for file in ["input.proto", "expected.proto"] {
            if !case.join(file).is_file() {
                problems.push(format!("{}: no {file}", case.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn format_source_matches_buf() {
    for_each_case("format_source(input.proto) == expected.proto", |case| {
        let input = read(&case.join("input.proto"));
        let want = read(&case.join("expected.proto"));
        match format_source(&input) {
            Ok(got) if got == want => None,
            Ok(got) => Some(format!("{}:\n{}", name(case), show_diff(&want, &got))),
            Err(e) => Some(format!("{}: syntax error: {e:?}", name(case))),
        }
    });
}

#[test]
fn format_source_is_idempotent_on_expected() {
    for_each_case("format_source(expected.proto) == expected.proto", |case| {
        let want = read(&case.join("expected.proto"));
        match format_source(&want) {
            Ok(got) if got == want => None,
            Ok(got) => Some(format!("{}:\n{}", name(case), show_diff(&want, &got))),
            Err(e) => Some(format!("{}: syntax error: {e:?}", name(case))),
        }
    });
}

#[test]
fn binary_matches_buf_on_every_case() {
    for_each_case("protogate format input.proto", |case| {
        let want = read(&case.join("expected.proto"));
        let o = run(case, &["format", "input.proto"]);
        if code(&o) != 0 || !o.stderr.is_empty() {
            return Some(format!(
                "{}: exit {}, stderr: {}",
                name(case),
                code(&o),
                stderr(&o)
            ));
        }
        let got = stdout(&o);
        (got != want).then(|| format!("{}:\n{}", name(case), show_diff(&want, &got)))
    });
}

// ------------------------------------------------------------ -d, --exit-code

#[test]
fn diff_with_exit_code_on_unformatted_file_exits_100() {
    let (input, expected) = case_files("weird_spacing");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.proto");
    write(&path, &input);
    let o = run(dir.path(), &["format", "-d", "--exit-code", "input.proto"]);
    assert_eq!(code(&o), 100, "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "diff -u input.proto.orig input.proto");
    assert!(lines[1].starts_with("--- input.proto.orig\t"), "{out}");
    assert!(lines[2].starts_with("+++ input.proto\t"), "{out}");
    assert!(lines[3].starts_with("@@ -1,"), "{out}");
    // Every removed line is from the input, every added line from the output.
    for l in &lines[4..] {
        if let Some(old) = l.strip_prefix('-') {
            assert!(input.lines().any(|i| i == old), "{l:?} not in input");
        } else if let Some(new) = l.strip_prefix('+') {
            assert!(expected.lines().any(|e| e == new), "{l:?} not in output");
        }
    }
    // -d never writes.
    assert_eq!(read(&path), input);
}

#[test]
fn exit_code_on_formatted_file_exits_0_with_empty_diff() {
    let (_, expected) = case_files("nesting");
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.proto"), &expected);
    let o = run(dir.path(), &["format", "-d", "--exit-code", "a.proto"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(o.stdout.is_empty() && o.stderr.is_empty(), "{}", stdout(&o));
    // Without -d the file is printed, still exit 0.
    let o = run(dir.path(), &["format", "--exit-code", "a.proto"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), expected);
}

// ------------------------------------------------------------ -w, -o

#[test]
fn write_rewrites_only_changed_files() {
    let (input, expected) = case_files("fields_proto2");
    let (_, clean) = case_files("enum_values");
    let dir = tempfile::tempdir().unwrap();
    let changed = dir.path().join("changed.proto");
    let untouched = dir.path().join("sub/clean.proto");
    write(&changed, &input);
    write(&untouched, &clean);
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for p in [&changed, &untouched] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    let o = run(dir.path(), &["format", "-w"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(o.stdout.is_empty() && o.stderr.is_empty(), "{}", stdout(&o));
    assert_eq!(read(&changed), expected);
    assert_ne!(mtime(&changed), old, "the changed file was not rewritten");
    assert_eq!(read(&untouched), clean);
    assert_eq!(mtime(&untouched), old, "a formatted file was rewritten");
    // Nothing is left beside the files (no temporary files).
    let mut names: Vec<_> = walk(dir.path());
    names.sort();
    assert_eq!(names, ["changed.proto", "sub/clean.proto"]);
    // A second run changes nothing; with --exit-code it is clean.
    let o = run(dir.path(), &["format", "-w", "--exit-code"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn write_with_exit_code_exits_100_when_it_changed_files() {
    let (input, expected) = case_files("blank_lines");
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.proto"), &input);
    let o = run(dir.path(), &["format", "-w", "--exit-code"]);
    assert_eq!(code(&o), 100, "{}", stderr(&o));
    assert_eq!(read(&dir.path().join("a.proto")), expected);
}

/// The files under `root`, as `/`-separated relative paths.
fn walk(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out
}

#[test]
fn output_dir_receives_the_formatted_tree() {
    let (input_a, expected_a) = case_files("compact_options");
    let (input_b, expected_b) = case_files("comments_trailing");
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("src/sub/a.proto"), &input_a);
    write(&dir.path().join("src/b.proto"), &input_b);
    let o = run(dir.path(), &["format", "src", "-o", "out"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(o.stdout.is_empty() && o.stderr.is_empty(), "{}", stdout(&o));
    let mut files = walk(&dir.path().join("out"));
    files.sort();
    assert_eq!(files, ["b.proto", "sub/a.proto"]);
    assert_eq!(read(&dir.path().join("out/sub/a.proto")), expected_a);
    assert_eq!(read(&dir.path().join("out/b.proto")), expected_b);
    // The sources are untouched.
    assert_eq!(read(&dir.path().join("src/sub/a.proto")), input_a);
    assert_eq!(read(&dir.path().join("src/b.proto")), input_b);
}

#[test]
fn write_with_output_fails() {
    let (input, _) = case_files("nesting");
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.proto"), &input);
    let o = run(dir.path(), &["format", "-w", "-o", "out"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o)
            .lines()
            .any(|l| l == "Failure: cannot use --output when using --write"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
    assert_eq!(read(&dir.path().join("a.proto")), input);
    assert!(!dir.path().join("out").exists());
}

// ------------------------------------------------------------ broken files

const BAD: &str = "syntax = \"proto3\";\nmessage Broken {\n  int32 a = ;\n}\n";

#[test]
fn syntax_error_among_good_files_still_formats_the_others() {
    let (input_a, expected_a) = case_files("weird_spacing");
    let (input_c, expected_c) = case_files("rpc_streaming");
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.proto"), &input_a);
    write(&dir.path().join("b_bad.proto"), BAD);
    write(&dir.path().join("c.proto"), &input_c);
    let o = run(dir.path(), &["format"]);
    assert_eq!(code(&o), 100, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.lines().any(|l| l.starts_with("b_bad.proto:3:13:")),
        "{err}"
    );
    assert!(
        !err.contains("a.proto:") && !err.contains("c.proto:"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(stdout(&o), format!("{expected_a}{expected_c}"));
}

#[test]
fn write_leaves_a_file_with_a_syntax_error_untouched() {
    let (input_a, expected_a) = case_files("weird_spacing");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("b_bad.proto");
    write(&dir.path().join("a.proto"), &input_a);
    write(&bad, BAD);
    let o = run(dir.path(), &["format", "-w"]);
    assert_eq!(code(&o), 100, "{}", stderr(&o));
    assert!(
        stderr(&o)
            .lines()
            .any(|l| l.starts_with("b_bad.proto:3:13:")),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty(), "{}", stdout(&o));
    assert_eq!(read(&dir.path().join("a.proto")), expected_a);
    assert_eq!(std::fs::read(&bad).unwrap(), BAD.as_bytes());
}

#[test]
fn non_utf8_and_binary_files_fail_with_one_line_each() {
    let (input, expected) = case_files("fields_proto3");
    let latin1: &[u8] = b"syntax = \"proto3\";\n// caf\xe9\nmessage M {}\n";
    let binary: Vec<u8> = (0u8..=255).cycle().take(600).collect();
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("good.proto"), &input);
    write(&dir.path().join("latin1.proto"), latin1);
    write(&dir.path().join("x.proto"), &binary);

    // Each alone: one clear line on stderr, exit 100, nothing on stdout.
    for file in ["latin1.proto", "x.proto"] {
        let o = run(dir.path(), &["format", file]);
        let err = stderr(&o);
        assert_eq!(code(&o), 100, "{file}: {err}");
        assert!(o.stdout.is_empty(), "{file}: {}", stdout(&o));
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "{file}: {err}");
        assert!(lines[0].starts_with(&format!("{file}:")), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // The non-UTF-8 file names the line and column of the bad byte.
    let o = run(dir.path(), &["format", "latin1.proto"]);
    assert!(
        stderr(&o).starts_with("latin1.proto:2:7:"),
        "{}",
        stderr(&o)
    );

    // Together with a good file: two lines, the good file still formatted,
    // and -w touches neither broken file.
    let o = run(dir.path(), &["format"]);
    assert_eq!(code(&o), 100, "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 2, "{}", stderr(&o));
    assert_eq!(stdout(&o), expected);
    let o = run(dir.path(), &["format", "-w"]);
    assert_eq!(code(&o), 100, "{}", stderr(&o));
    assert_eq!(read(&dir.path().join("good.proto")), expected);
    assert_eq!(
        std::fs::read(dir.path().join("latin1.proto")).unwrap(),
        latin1
    );
    assert_eq!(std::fs::read(dir.path().join("x.proto")).unwrap(), binary);
}

// ------------------------------------------------------------ stdin

#[test]
fn stdin_filepath_reads_stdin() {
    let (input, expected) = case_files("header_order");
    let dir = tempfile::tempdir().unwrap();
    let args = ["format", "--stdin-filepath", "a.proto"];
    let o = run_with_stdin(dir.path(), &args, Some(input.as_bytes()));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    assert_eq!(stdout(&o), expected);
    assert!(walk(dir.path()).is_empty(), "stdin mode wrote files");

    // With -d --exit-code the diff is labelled with the given path.
    let o = run_with_stdin(
        dir.path(),
        &[
            "format",
            "--stdin-filepath",
            "x/a.proto",
            "-d",
            "--exit-code",
        ],
        Some(input.as_bytes()),
    );
    assert_eq!(code(&o), 100, "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().next(),
        Some("diff -u x/a.proto.orig x/a.proto")
    );

    // A syntax error is reported under the given path.
    let o = run_with_stdin(dir.path(), &args, Some(BAD.as_bytes()));
    assert_eq!(code(&o), 100);
    assert!(stderr(&o).starts_with("a.proto:3:13:"), "{}", stderr(&o));
}

#[test]
fn write_refuses_a_read_only_file_and_keeps_it() {
    let (input, expected) = case_files("weird_spacing");
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro.proto");
    let ok = dir.path().join("ok.proto");
    write(&ro, &input);
    write(&ok, &input);
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ro, perms).unwrap();
    let o = run(dir.path(), &["format", "-w"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ro.proto:1:1:not rewritten: the file is read-only"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&ro), input);
    assert_eq!(read(&ok), expected);
}

#[test]
fn a_missing_proto_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["format", "nope.proto"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stderr(&o), "Failure: nope.proto: no such file\n");
}

/// Deliberately unlike buf 1.75, which drops a comment written before a
/// message-literal separator together with the separator.
#[test]
fn a_comment_before_a_dropped_separator_is_kept() {
    let src =
        "syntax = \"proto3\";\noption (t) = {\n  a: \"x\" /* before */ , // after\n  b: 2\n};\n";
    let out = protogate::format::format_source(src).unwrap();
    assert_eq!(
        out,
        "syntax = \"proto3\";\n\noption (t) = {\n  a: \"x\" /* before */ // after\n  b: 2\n};\n"
    );
}

/// Each known difference still differs; when one starts matching buf, this
/// fails so that the case moves up to `testdata/format/` and gets pinned.
#[test]
fn known_differences_still_differ() {
    let known = cases_in(&fixtures().join("_known_diffs"));
    assert!(!known.is_empty());
    for case in known {
        let input = read(&case.join("input.proto"));
        let expected = read(&case.join("expected.proto"));
        let got = protogate::format::format_source(&input).unwrap_or_default();
        assert_ne!(
            got,
            expected,
            "{} now matches buf: move it to testdata/format/",
            name(&case)
        );
    }
}

/// Deliberately unlike buf 1.75: two spellings of one repeated option keep
/// their order (buf sorts `(nums)` before `(p.nums)`, swapping the values).
#[test]
fn one_option_under_two_spellings_keeps_its_order() {
    let src = "syntax = \"proto3\";\npackage p;\noption (p.nums) = 1;\noption java_package = \"x\";\noption (nums) = 2;\n";
    let out = protogate::format::format_source(src).unwrap();
    assert_eq!(
        out,
        "syntax = \"proto3\";\npackage p;\n\noption java_package = \"x\";\noption (p.nums) = 1;\noption (nums) = 2;\n"
    );
}
