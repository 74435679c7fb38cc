//! Integration tests: the real `protogate` binary on the repository's own
//! fixtures (`testdata/`). Expected outputs were checked against buf 1.75
//! by hand (same paths, positions and exit codes) and are pinned here.

use std::{
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
};

use prost::Message;
use protogate::input::image::Image;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_protogate")
}

fn testdata(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(rel)
}

/// Runs protogate in `dir` with `args`.
fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run protogate")
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

// ---------------------------------------------------------------- build

#[test]
fn build_chat_writes_an_image_with_imports_marked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chat.binpb");
    let o = run(&testdata("chat"), &["build", "-o", out.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(o.stdout.is_empty() && o.stderr.is_empty());
    let img = Image::decode(&std::fs::read(&out).unwrap()).unwrap();
    let names: Vec<_> = img
        .files
        .iter()
        .map(|f| (f.name.as_str(), f.is_import))
        .collect();
    assert_eq!(
        names,
        [
            ("google/protobuf/timestamp.proto", true),
            ("chat/v1/chat.proto", false)
        ]
    );
    // A plain FileDescriptorSet reader (prost-types) reads it too.
    let fds =
        prost_types::FileDescriptorSet::decode(std::fs::read(&out).unwrap().as_slice()).unwrap();
    let chat = &fds.file[1];
    let svc = &chat.service[0];
    let kinds: Vec<_> = svc
        .method
        .iter()
        .map(|m| (m.name(), m.client_streaming(), m.server_streaming()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("SendMessage", false, false),
            ("Subscribe", false, true),
            ("UploadHistory", true, false),
            ("Converse", true, true),
        ]
    );
    assert_eq!(
        chat.message_type[0].field[4].type_name(),
        ".google.protobuf.Timestamp"
    );
    assert!(
        chat.source_code_info
            .as_ref()
            .is_some_and(|s| !s.location.is_empty())
    );
}

#[test]
fn build_flags_shape_the_image() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chat.binpb");
    let o = run(
        &testdata("chat"),
        &[
            "build",
            "-o",
            out.to_str().unwrap(),
            "--exclude-imports",
            "--exclude-source-info",
            "--as-file-descriptor-set",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let bytes = std::fs::read(&out).unwrap();
    let fds = prost_types::FileDescriptorSet::decode(bytes.as_slice()).unwrap();
    assert_eq!(fds.file.len(), 1);
    assert_eq!(fds.file[0].name(), "chat/v1/chat.proto");
    assert!(fds.file[0].source_code_info.is_none());
    // No buf extension (field 8042) in a plain FileDescriptorSet.
    let img = Image::decode(&bytes).unwrap();
    assert!(!img.files[0].is_import);
}

#[test]
fn build_to_stdout_and_json() {
    let o = run(&testdata("chat"), &["build", "-o", "-"]);
    assert_eq!(code(&o), 0);
    let img = Image::decode(&o.stdout).unwrap();
    assert_eq!(img.files.len(), 2);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chat.json");
    let o = run(&testdata("chat"), &["build", "-o", out.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(json["file"][1]["name"], "chat/v1/chat.proto");
    assert_eq!(json["file"][0]["bufExtension"]["isImport"], true);
    // The JSON image reads back as an input.
    let o = run(&testdata("chat"), &["ls-files", out.to_str().unwrap()]);
    assert_eq!(stdout(&o), "chat/v1/chat.proto\n");
}

#[test]
fn build_image_input_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("a.binpb");
    let second = dir.path().join("b.binpb");
    assert_eq!(
        code(&run(
            &testdata("chat"),
            &["build", "-o", first.to_str().unwrap()]
        )),
        0
    );
    let o = run(
        dir.path(),
        &[
            "build",
            first.to_str().unwrap(),
            "-o",
            second.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
}

#[test]
fn build_output_directory_must_exist_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing/dir/x.binpb");
    let o = run(&testdata("chat"), &["build", "-o", out.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).starts_with("Failure: -o "), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn build_compile_errors_go_to_stderr_with_exit_100() {
    let o = run(&testdata("compile/syntax_error"), &["build"]);
    assert_eq!(code(&o), 100);
    assert!(o.stdout.is_empty());
    insta::assert_snapshot!(stderr(&o), @"order.proto:7:3:expected ';' or '[', but found 'int64'");
}

#[test]
fn build_rejects_an_image_that_is_not_a_descriptor_set() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.binpb");
    std::fs::write(&bad, b"this is not a protobuf message at all").unwrap();
    let o = run(dir.path(), &["build", "bad.binpb"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).starts_with("Failure: bad.binpb: could not decode image"),
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------- compile errors

/// Every compile fixture, through `lint --error-format json`: buf 1.75 prints
/// the same paths, lines and columns (messages differ where noted).
#[test]
fn compile_errors_as_findings() {
    let mut all = String::new();
    for case in [
        "columns",
        "dup_field_number",
        "duplicate_symbol",
        "import_cycle",
        "missing_import",
        "proto3_extensions",
        "syntax_error",
        "unknown_type",
    ] {
        let o = run(
            &testdata(&format!("compile/{case}")),
            &["lint", "--error-format", "json"],
        );
        assert_eq!(code(&o), 100, "{case}: {}", stderr(&o));
        all.push_str(&format!("# {case}\n{}", stdout(&o)));
    }
    insta::assert_snapshot!(all);
}

#[test]
fn compile_errors_in_text_format() {
    let o = run(&testdata("compile/missing_import"), &["lint"]);
    assert_eq!(code(&o), 100);
    assert_eq!(
        stdout(&o),
        "holder.proto:5:1:imported file does not exist\n"
    );
}

/// Builds `testdata/<case>` with `--exclude-imports` and compares the image
/// byte for byte with `buf.binpb` there (written by
/// `buf build --exclude-imports -o buf.binpb`, buf 1.75).
fn assert_builds_as_buf(case: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.binpb");
    let o = run(
        &testdata(case),
        &["build", "--exclude-imports", "-o", out.to_str().unwrap()],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let expected = std::fs::read(testdata(case).join("buf.binpb")).unwrap();
    assert!(
        std::fs::read(&out).unwrap() == expected,
        "{case}: image differs from buf's"
    );
}

/// An editions file (features at every level, defaults, delimited and
/// closed types, a language feature, map features copied to the entry)
/// builds to the image buf 1.75 writes, byte for byte.
#[test]
fn editions_build_as_buf_builds_them() {
    assert_builds_as_buf("compile/editions");
}

/// Edition 2024's `export`/`local` become the descriptors' `visibility`,
/// as buf writes it.
#[test]
fn edition_2024_visibility_as_buf_writes_it() {
    assert_builds_as_buf("compile/editions_2024");
}

/// What editions forbid is reported as buf reports it, every error of the
/// file at once.
#[test]
fn editions_errors_as_buf_reports_them() {
    let o = run(&testdata("compile/editions_errors"), &["build"]);
    assert_eq!(code(&o), 100);
    assert_eq!(
        stderr(&o),
        "a.proto:6:3:unexpected `optional`\n\
         a.proto:7:3:unexpected `required`\n\
         a.proto:8:12:group syntax is not supported\n\
         a.proto:11:25:`packed` is not supported in Edition 2023\n\
         b.proto:1:11:unrecognized `edition` declaration value\n\
         c.proto:5:1:`export` is not supported in Edition 2023\n"
    );
    let o = run(&testdata("compile/editions_open_enum"), &["build"]);
    assert_eq!(code(&o), 100);
    assert_eq!(
        stderr(&o),
        "c.proto:6:14:first value of open enum must be zero\n\
         c.proto:16:18:first value of open enum must be zero\n"
    );
}

#[test]
fn non_utf8_file_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bin.proto"),
        b"syntax = \"proto3\";\n\xff\xfe\n",
    )
    .unwrap();
    let o = run(dir.path(), &["build"]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stderr(&o),
        "Failure: bin.proto:2: file is not valid UTF-8\n"
    );
}

// ------------------------------------------------------------- ls-files

#[test]
fn ls_files_formats() {
    let dir = testdata("chat");
    assert_eq!(stdout(&run(&dir, &["ls-files"])), "chat/v1/chat.proto\n");
    assert_eq!(
        stdout(&run(&dir, &["ls-files", "--include-imports"])),
        "chat/v1/chat.proto\ngoogle/protobuf/timestamp.proto\n"
    );
    assert_eq!(
        stdout(&run(&dir, &["ls-files", "--format", "json"])),
        // buf's key order (checked with buf 1.75).
        "{\"path\":\"chat/v1/chat.proto\",\"import_path\":\"chat/v1/chat.proto\",\"module\":\"\",\"commit\":\"\",\"is_import\":false}\n"
    );
    // From the parent directory, paths are relative to the cwd.
    let o = run(&testdata(""), &["ls-files", "chat", "--format", "import"]);
    assert_eq!(stdout(&o), "chat/v1/chat.proto\n");
    let o = run(&testdata(""), &["ls-files", "chat"]);
    assert_eq!(stdout(&o), "chat/chat/v1/chat.proto\n");
}

#[test]
fn empty_directory_has_no_proto_files() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["build"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).starts_with("Failure: "), "{}", stderr(&o));
}

// ---------------------------------------------------------- lint/breaking

#[test]
fn lint_validates_rule_ids_with_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("buf.yaml"),
        "version: v2\nlint:\n  use:\n    - STANDARD\n    - NOT_A_RULE\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.proto"),
        "syntax = \"proto3\";\npackage a;\n",
    )
    .unwrap();
    let o = run(dir.path(), &["lint"]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stderr(&o),
        "Failure: buf.yaml:5:7: \"NOT_A_RULE\" is not a known rule or category ID\n"
    );
}

#[test]
fn chat_is_unbroken_against_itself_and_formatted() {
    // Against itself, the chat module has nothing breaking.
    let o = run(&testdata("chat"), &["breaking", "--against", "."]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    // It is written as buf format prints it.
    let o = run(&testdata("chat"), &["format", "-d", "--exit-code"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(stdout(&o), "");
    // generate needs an output directory or a buf.gen.yaml.
    let o = run(&testdata("chat"), &["generate"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("give -o DIR to generate a crate, or a buf.gen.yaml"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn breaking_needs_against_and_rejects_config_ignore_yaml() {
    let o = run(&testdata("chat"), &["breaking"]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stderr(&o),
        "Failure: Must set --against or --against-registry\n"
    );
    let o = run(
        &testdata("chat"),
        &[
            "breaking",
            "--against",
            ".",
            "--error-format",
            "config-ignore-yaml",
        ],
    );
    assert_eq!(code(&o), 1);
    assert_eq!(
        stderr(&o),
        "Failure: --error-format: invalid format: \"config-ignore-yaml\"\n"
    );
}

#[test]
fn breaking_reports_compile_errors_of_the_baseline() {
    let o = run(
        &testdata("chat"),
        &[
            "breaking",
            "--against",
            "../compile/syntax_error",
            "--error-format",
            "json",
        ],
    );
    assert_eq!(code(&o), 100);
    assert_eq!(
        stdout(&o),
        "{\"path\":\"../compile/syntax_error/order.proto\",\"start_line\":7,\"start_column\":3,\"end_line\":7,\"end_column\":8,\"type\":\"COMPILE\",\"message\":\"expected ';' or '[', but found 'int64'\"}\n"
    );
}

// ----------------------------------------------------------- exit codes

#[test]
fn usage_errors_exit_2_and_bad_formats_exit_1() {
    let o = run(&testdata("chat"), &["build", "--no-such-flag"]);
    assert_eq!(code(&o), 2);
    let o = run(&testdata("chat"), &["lint", "--error-format", "gcc"]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stderr(&o),
        "Failure: --error-format: invalid format: \"gcc\"\n"
    );
}

#[test]
fn bad_config_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("buf.yaml"),
        "version: v2\nlint:\n  usee: [STANDARD]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.proto"), "syntax = \"proto3\";\n").unwrap();
    let o = run(dir.path(), &["build"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.starts_with("Failure: buf.yaml:3:3: "), "{err}");
    assert!(err.contains("usee"), "{err}");
}

#[test]
fn closed_pipe_ends_quietly() {
    // Enough files that the listing overflows the pipe buffer.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        std::fs::write(
            dir.path()
                .join(format!("file_with_a_long_name_number_{i:05}.proto")),
            "syntax = \"proto3\";\n",
        )
        .unwrap();
    }
    let mut child = Command::new(bin())
        .arg("ls-files")
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The JSON image of fixtures that exercise options (custom, aggregate,
/// repeated, json_name), public and unused imports, comments, tabs and wide
/// characters. `scripts/compare-build.sh testdata/build/options` shows it is
/// identical to buf 1.75's image, descriptor and source info.
#[test]
fn build_image_snapshot_options() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("img.json");
    let o = run(
        &testdata("build/options"),
        &["build", "-o", out.to_str().unwrap()],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    // Only the workspace's own files: the bundled ones are buf's bytes.
    let files: Vec<_> = json["file"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["name"].as_str().is_some_and(|n| n.starts_with("acme/")))
        .cloned()
        .collect();
    insta::assert_json_snapshot!(files);
}

/// A large schema is linked in parallel chunks; a duplicate top-level symbol
/// in files that land in different chunks is still reported once, at its
/// first declaration, as buf does.
#[test]
fn duplicate_symbol_across_link_chunks() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        std::fs::write(
            dir.path().join(format!("f{i:03}.proto")),
            format!("syntax = \"proto3\";\npackage big;\nmessage M{i} {{ string s = 1; }}\n"),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("f000.proto"),
        "syntax = \"proto3\";\npackage big;\nmessage Dup { string s = 1; }\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("f399.proto"),
        "syntax = \"proto3\";\npackage big;\nmessage Dup { string s = 1; }\n",
    )
    .unwrap();
    let o = run(dir.path(), &["build"]);
    assert_eq!(code(&o), 100, "{}", stderr(&o));
    assert_eq!(stderr(&o), "f000.proto:3:9:`Dup` declared multiple times\n");
    // And a clean large schema builds.
    std::fs::write(
        dir.path().join("f399.proto"),
        "syntax = \"proto3\";\npackage big;\nimport \"f000.proto\";\nmessage Other { Dup d = 1; }\n",
    )
    .unwrap();
    let o = run(dir.path(), &["build", "-o", "-"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(Image::decode(&o.stdout).unwrap().files.len(), 400);
}

/// Inputs the fuzzer found (`fuzz/regressions/compile/`): schemas whose names
/// clash with descriptor.proto or with buf's image types must still build
/// to a JSON image.
#[test]
fn fuzz_regressions_build_to_json() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/compile");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let work = tempfile::tempdir().unwrap();
        std::fs::copy(&path, work.path().join("a.proto")).unwrap();
        let o = run(work.path(), &["build", "-o", "out.json"]);
        assert!(
            matches!(code(&o), 0 | 100),
            "{}: {}",
            path.display(),
            stderr(&o)
        );
        if code(&o) == 0 {
            let json: serde_json::Value =
                serde_json::from_slice(&std::fs::read(work.path().join("out.json")).unwrap())
                    .unwrap();
            assert_eq!(json["file"][0]["name"], "a.proto", "{}", path.display());
        }
        n += 1;
    }
    assert!(n >= 3);
}

/// Images the fuzzer found (`fuzz/regressions/image_decode/`): files with a
/// syntax prost-reflect does not know must give a clear error, not a panic.
#[test]
fn fuzz_regressions_images_fail_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/image_decode");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let input = format!("{}#format=binpb", path.display());
        for out in ["out.json", "out.binpb"] {
            let work = tempfile::tempdir().unwrap();
            let o = run(work.path(), &["build", &input, "-o", out]);
            assert!(
                matches!(code(&o), 0 | 1),
                "{}: {}",
                path.display(),
                stderr(&o)
            );
            assert!(
                !stderr(&o).contains("panicked"),
                "{}: {}",
                path.display(),
                stderr(&o)
            );
        }
        n += 1;
    }
    assert!(n >= 3);
}

// ---------------------------------------------------------------- lint

/// A module with one finding of each of two rules.
fn lint_module() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("buf.yaml"),
        "version: v2\nlint:\n  use:\n    - FIELD_LOWER_SNAKE_CASE\n    - MESSAGE_PASCAL_CASE\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.proto"),
        "syntax = \"proto3\";\npackage a;\nmessage bad_name {\n  string fooBar = 1;\n}\n",
    )
    .unwrap();
    dir
}

#[test]
fn lint_chat_is_clean() {
    let o = run(&testdata("chat"), &["lint"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn lint_writes_several_reports_in_one_run() {
    let dir = lint_module();
    let o = run(
        dir.path(),
        &[
            "lint",
            "--error-format",
            "text",
            "--error-format",
            "json=lint.json",
            "--error-format",
            "sarif=reports.sarif",
        ],
    );
    assert_eq!(code(&o), 100, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "a.proto:3:9:Message name \"bad_name\" should be PascalCase, such as \"BadName\".\n\
         a.proto:4:10:Field name \"fooBar\" should be lower_snake_case, such as \"foo_bar\".\n"
    );
    let json = std::fs::read_to_string(dir.path().join("lint.json")).unwrap();
    assert_eq!(json.lines().count(), 2);
    assert!(json.contains("\"type\":\"FIELD_LOWER_SNAKE_CASE\""));
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("reports.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);

    // Only one report may go to stdout; nothing is written then.
    let o = run(
        dir.path(),
        &["lint", "--error-format", "text", "--error-format", "json"],
    );
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("only one report can go to stdout"),
        "{}",
        stderr(&o)
    );
    // Every report to a file: stdout stays empty, the exit code still says findings.
    let o = run(dir.path(), &["lint", "--error-format", "msvs=out.txt"]);
    assert_eq!(code(&o), 100);
    assert_eq!(stdout(&o), "");
    assert!(
        std::fs::read_to_string(dir.path().join("out.txt"))
            .unwrap()
            .contains(": error MESSAGE_PASCAL_CASE :")
    );
}

#[test]
fn lint_image_input_uses_config_flag() {
    let dir = lint_module();
    let o = run(dir.path(), &["build", "-o", "img.binpb"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(
        dir.path(),
        &[
            "lint",
            "img.binpb",
            "--config",
            r#"{"version":"v2","lint":{"use":["MESSAGE_PASCAL_CASE"]}}"#,
        ],
    );
    assert_eq!(code(&o), 100, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "a.proto:3:9:Message name \"bad_name\" should be PascalCase, such as \"BadName\".\n"
    );
    // Without --config, the buf.yaml of the current directory applies.
    let o = run(dir.path(), &["lint", "img.binpb"]);
    assert_eq!(code(&o), 100);
    assert_eq!(stdout(&o).lines().count(), 2);
}

#[test]
fn lint_missing_policy_file_is_a_clear_failure() {
    let dir = lint_module();
    std::fs::write(
        dir.path().join("buf.yaml"),
        "version: v2\npolicies:\n  - policy: missing.yaml\n",
    )
    .unwrap();
    let o = run(dir.path(), &["lint"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).starts_with("Failure: could not read local policy config \"missing.yaml\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn lint_warns_that_protovalidate_is_not_checked() {
    let dir = lint_module();
    std::fs::write(
        dir.path().join("buf.yaml"),
        "version: v2\nlint:\n  use: [PROTOVALIDATE]\n",
    )
    .unwrap();
    let o = run(dir.path(), &["lint"]);
    assert_eq!(code(&o), 0);
    assert!(
        stderr(&o).contains("PROTOVALIDATE is selected but protogate does not check it yet"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn explain_prints_a_rules_documentation() {
    let o = run(&testdata("chat"), &["explain", "FIELD_LOWER_SNAKE_CASE"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("# FIELD_LOWER_SNAKE_CASE (lint rule)\n\nv1beta1: "),
        "{text}"
    );
    assert!(
        text.contains("v2: BASIC, DEFAULT, STANDARD (default)"),
        "{text}"
    );
    for section in ["## Why", "## Example", "## Fix"] {
        assert!(text.contains(section), "{text}");
    }
    let o = run(&testdata("chat"), &["explain", "NOT_A_RULE"]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stderr(&o),
        "Failure: \"NOT_A_RULE\" is not a known rule ID\n"
    );
}
