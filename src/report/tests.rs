//! Fixture tests for every format (insta snapshots under `snapshots/`), unit
//! tests of the escaping rules, and the comparison with buf's recorded outputs
//! (`conformance`).

mod conformance;

use super::*;
use crate::check::finding::sort_and_dedup;
use crate::{Finding, Span};

/// Writes `findings` in `format` and returns the output as text.
fn render(format: ErrorFormat, findings: &[Finding]) -> String {
    let mut out = Vec::new();
    write_report(format, findings, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("reports are UTF-8")
}

/// One finding of every shape the formats treat differently: without a file,
/// file-level (1:1), escaping-heavy messages, non-ASCII, a policy, a plugin
/// and a policy, several paths (one printed with a directory prefix the module
/// path lacks), a line without a column, a file without a position, an empty
/// message.
fn fixture() -> Vec<Finding> {
    let mut findings = vec![
        Finding::new(
            "FILE_NO_DELETE",
            r#"Previously present file "gone.proto" was deleted."#,
        ),
        Finding::new(
            "PACKAGE_NO_DELETE",
            r#"Previously present package "x.v1" was deleted."#,
        ),
        Finding::new(
            "DIRECTORY_SAME_PACKAGE",
            r#"Package "a" and file with no package detected within directory "."."#,
        )
        .at("a.proto", "a.proto", Span::new(1, 1, 1, 1)),
        Finding::new(
            "FIELD_LOWER_SNAKE_CASE",
            r#"Field name "m<T>" & 'x' should be lower_snake_case, such as "m_t"."#,
        )
        .at("a.proto", "a.proto", Span::new(3, 1, 3, 11)),
        Finding::new(
            "MESSAGE_PASCAL_CASE",
            r#"Message name "bar" should be PascalCase, such as "Bar"."#,
        )
        .at("a.proto", "a.proto", Span::new(9, 9, 9, 12))
        .with_policy("policy.yaml"),
        Finding::new(
            "ENUM_PASCAL_CASE",
            r#"Enum name "baz" should be PascalCase, such as "Baz"."#,
        )
        .at("a.proto", "a.proto", Span::new(13, 6, 13, 9))
        .with_plugin("buf-plugin-suffix")
        .with_policy("policy.yaml"),
        Finding::new(
            "COMMENT_MESSAGE",
            "Message \"Grüße\" (中文 😀) needs a comment:\n\tsee\u{2028}here\u{2029}\u{1}\u{7f}.",
        )
        .at(
            "proto/dir/b c.proto",
            "dir/b c.proto",
            Span::new(12, 19, 14, 2),
        ),
        Finding::new("COMPILE", "syntax error: unexpected end of input").at(
            "proto/dir/b c.proto",
            "dir/b c.proto",
            Span::new(20, 0, 0, 0),
        ),
        Finding::new("COMPILE", "").at("z.proto", "z.proto", Span::NONE),
    ];
    sort_and_dedup(&mut findings);
    findings
}

trait FindingExt {
    fn with_plugin(self, plugin: &str) -> Self;
    fn with_policy(self, policy: &str) -> Self;
}

impl FindingExt for Finding {
    fn with_plugin(mut self, plugin: &str) -> Self {
        self.plugin = Some(plugin.to_owned());
        self
    }

    fn with_policy(mut self, policy: &str) -> Self {
        self.policy = Some(policy.to_owned());
        self
    }
}

#[test]
fn snapshots_of_every_format() {
    let findings = fixture();
    for &format in ErrorFormat::ALL {
        let mut out = render(format, &findings);
        if format == ErrorFormat::Sarif {
            // Keep the snapshot independent of the crate version.
            let version = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
            out = out.replace(&version, "\"version\": \"[version]\"");
        }
        insta::assert_snapshot!(format.as_str(), out);
    }
}

#[test]
fn every_format_name_round_trips() {
    for &format in ErrorFormat::ALL {
        assert_eq!(format.as_str().parse::<ErrorFormat>(), Ok(format));
        assert_eq!(format.to_string(), format.as_str());
    }
    assert_eq!(ErrorFormat::ALL.len(), 8);
}

#[test]
fn unknown_formats_are_rejected_like_buf() {
    assert_eq!(
        "gcc".parse::<ErrorFormat>(),
        Err(r#"invalid format: "gcc""#.to_owned())
    );
    assert_eq!(
        "JSON".parse::<ErrorFormat>(),
        Err(r#"invalid format: "JSON""#.to_owned())
    );
    assert_eq!(
        "".parse::<ErrorFormat>(),
        Err(r#"invalid format: """#.to_owned())
    );
    assert_eq!(
        "a\"b\\c\td\u{1}\u{85}é\u{2028}".parse::<ErrorFormat>(),
        Err(r#"invalid format: "a\"b\\c\td\x01\u0085é\u2028""#.to_owned())
    );
}

#[test]
fn line_formats_end_every_line_with_a_newline() {
    let findings = fixture();
    for format in [
        ErrorFormat::Text,
        ErrorFormat::Json,
        ErrorFormat::Msvs,
        ErrorFormat::GithubActions,
    ] {
        let out = render(format, &findings);
        assert!(out.ends_with('\n'), "{format}");
        // The one finding whose message holds a newline gives one extra line,
        // except in json, which escapes it.
        let extra = usize::from(format != ErrorFormat::Json);
        assert_eq!(
            out.matches('\n').count(),
            findings.len() + extra,
            "{format}"
        );
    }
    for format in [
        ErrorFormat::Junit,
        ErrorFormat::GitlabCodeQuality,
        ErrorFormat::Sarif,
    ] {
        let out = render(format, &findings);
        assert!(out.ends_with('\n') && !out.ends_with("\n\n"), "{format}");
    }
}

#[test]
fn no_findings() {
    for format in [
        ErrorFormat::Text,
        ErrorFormat::Json,
        ErrorFormat::Msvs,
        ErrorFormat::GithubActions,
        ErrorFormat::ConfigIgnoreYaml,
    ] {
        assert_eq!(render(format, &[]), "", "{format}");
    }
    assert_eq!(
        render(ErrorFormat::Junit, &[]),
        "<testsuites></testsuites>\n"
    );
    assert_eq!(render(ErrorFormat::GitlabCodeQuality, &[]), "[]\n");
    let sarif: serde_json::Value = serde_json::from_str(&render(ErrorFormat::Sarif, &[])).unwrap();
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(
        sarif["runs"][0]["tool"]["driver"]["rules"],
        serde_json::json!([])
    );
}

#[test]
fn config_ignore_yaml_prints_compile_errors_as_text() {
    let findings = [Finding::new("COMPILE", "imported file does not exist").at(
        "a.proto",
        "a.proto",
        Span::new(5, 1, 5, 36),
    )];
    assert_eq!(
        render(ErrorFormat::ConfigIgnoreYaml, &findings),
        "a.proto:5:1:imported file does not exist\n"
    );
}

#[test]
fn config_ignore_yaml_uses_module_paths_sorted_and_distinct() {
    let findings = [
        Finding::new("B_RULE", "m").at("proto/z.proto", "z.proto", Span::new(1, 1, 1, 1)),
        Finding::new("A_RULE", "m").at("proto/z.proto", "z.proto", Span::new(2, 1, 2, 1)),
        Finding::new("A_RULE", "n").at("proto/z.proto", "z.proto", Span::new(3, 1, 3, 1)),
        Finding::new("A_RULE", "m").at("proto/a.proto", "a.proto", Span::new(2, 1, 2, 1)),
        Finding::new("FILE_NO_DELETE", "file-less findings are left out"),
    ];
    assert_eq!(
        render(ErrorFormat::ConfigIgnoreYaml, &findings),
        "version: v1\nlint:\n  ignore_only:\n    A_RULE:\n      - a.proto\n      - z.proto\n    B_RULE:\n      - z.proto\n"
    );
    assert_eq!(render(ErrorFormat::ConfigIgnoreYaml, &findings[4..]), "");
}

#[test]
fn json_escapes_like_go() {
    let mut buf = String::new();
    json::push_go_string(
        &mut buf,
        "<a href=\"x\">&</a> \\ \u{8}\u{c}\n\r\t\u{0}\u{1f}\u{7f} é中😀 \u{2028}\u{2029}",
    );
    assert_eq!(
        buf,
        r#""\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e \\ \b\f\n\r\t\u0000\u001f"#.to_owned()
            + "\u{7f} é中😀 \\u2028\\u2029\""
    );
}

#[test]
fn json_omits_empty_fields_and_forces_positions_to_one() {
    let findings = [
        Finding::new(
            "FILE_NO_DELETE",
            r#"Previously present file "a/a.proto" was deleted."#,
        ),
        Finding::new("X", "").at("a.proto", "a.proto", Span::new(2, 0, 0, 0)),
    ];
    assert_eq!(
        render(ErrorFormat::Json, &findings),
        concat!(
            r#"{"start_line":1,"start_column":1,"end_line":1,"end_column":1,"type":"FILE_NO_DELETE","message":"Previously present file \"a/a.proto\" was deleted."}"#,
            "\n",
            r#"{"path":"a.proto","start_line":2,"start_column":1,"end_line":1,"end_column":1,"type":"X"}"#,
            "\n",
        )
    );
}

#[test]
fn github_actions_prints_only_known_positions() {
    let at = |span| Finding::new("R", "m").at("a.proto", "a.proto", span);
    let cases = [
        (Span::NONE, "::error file=a.proto::m\n"),
        (Span::new(3, 0, 0, 0), "::error file=a.proto,line=3::m\n"),
        (
            Span::new(3, 2, 4, 0),
            "::error file=a.proto,line=3,col=2,endLine=4::m\n",
        ),
        (Span::new(0, 2, 4, 5), "::error file=a.proto::m\n"),
        (
            Span::new(3, 2, 4, 5),
            "::error file=a.proto,line=3,col=2,endLine=4,endColumn=5::m\n",
        ),
    ];
    for (span, expected) in cases {
        assert_eq!(
            render(ErrorFormat::GithubActions, &[at(span)]),
            expected,
            "{span:?}"
        );
    }
}

#[test]
fn junit_names_testcases_by_known_position_and_escapes_like_go() {
    let findings = [
        Finding::new("R", "m").at("a.proto", "a.proto", Span::new(3, 0, 0, 0)),
        Finding::new("R", "it's \"<&>\"\t\n\r\u{1}\u{fffe}").at(
            "a.proto",
            "a.proto",
            Span::new(3, 4, 0, 0),
        ),
        Finding::new("R", "m").at("b.proto.proto", "b.proto.proto", Span::NONE),
    ];
    let out = render(ErrorFormat::Junit, &findings);
    assert!(out.contains(r#"<testcase name="R_3">"#), "{out}");
    assert!(out.contains(r#"<testcase name="R_3_4">"#), "{out}");
    assert!(out.contains(r#"<testcase name="R">"#), "{out}");
    assert!(
        out.contains(r#"<testsuite name="b.proto" tests="1""#),
        "{out}"
    );
    assert!(
        out.contains(
            r#"message="a.proto:3:4:it&#39;s &#34;&lt;&amp;&gt;&#34;&#x9;&#xA;&#xD;"#
                .to_owned()
                .as_str()
        ),
        "{out}"
    );
    assert!(out.contains("&#xD;\u{fffd}\u{fffd}\" type=\"R\""), "{out}");
}

#[test]
fn junit_groups_paths_in_first_seen_order() {
    let findings = [
        Finding::new("R", "1").at("b.proto", "b.proto", Span::new(1, 1, 1, 1)),
        Finding::new("R", "2").at("a.proto", "a.proto", Span::new(1, 1, 1, 1)),
        Finding::new("R", "3").at("b.proto", "b.proto", Span::new(2, 1, 2, 1)),
    ];
    let out = render(ErrorFormat::Junit, &findings);
    let b = out.find(r#"<testsuite name="b" tests="2" failures="2" errors="0">"#);
    let a = out.find(r#"<testsuite name="a" tests="1" failures="1" errors="0">"#);
    assert!(matches!((b, a), (Some(b), Some(a)) if b < a), "{out}");
}

/// Pinned from buf 1.75's `breaking_file_no_delete` and
/// `breaking_enum_no_delete` gitlab-code-quality outputs, so the fingerprint
/// algorithm is checked even without the conformance kit.
#[test]
fn gitlab_fingerprints_match_buf() {
    let findings = [
        Finding::new(
            "FILE_NO_DELETE",
            r#"Previously present file "a/a.proto" was deleted."#,
        ),
        Finding::new(
            "ENUM_NO_DELETE",
            r#"Previously present enum "Two" was deleted from file."#,
        )
        .at("1.proto", "1.proto", Span::new(1, 1, 1, 1)),
    ];
    assert_eq!(
        render(ErrorFormat::GitlabCodeQuality, &findings),
        concat!(
            r#"[{"description":"Previously present file \"a/a.proto\" was deleted.","check_name":"FILE_NO_DELETE","#,
            r#""fingerprint":"a0b094c3806887ffe03d0c8ddeb2b6f9811ea10d38159cb94714b4414241eb77f4af31192c052f3fc7bdc8a20259abb6510e5b6a6cd4a4ff5bd107eeefc5332c","#,
            r#""location":{"positions":{"begin":{},"end":{}}},"severity":"minor"},"#,
            r#"{"description":"Previously present enum \"Two\" was deleted from file.","check_name":"ENUM_NO_DELETE","#,
            r#""fingerprint":"73972e383471a31b6469e62df2d5e9b45f1536c935c81d661c65271f92f62a7508a5590284a29c6b6cefcbd27cee15c145c26c8eaa281d2567573c8f4b43f418","#,
            r#""location":{"path":"1.proto","positions":{"begin":{"line":1,"column":1},"end":{"line":1,"column":1}}},"severity":"minor"}]"#,
            "\n",
        )
    );
}

/// Pinned from buf 1.75's `lint_policy_ignores2` outputs (policy suffix).
#[test]
fn policy_suffix_matches_buf() {
    let findings = [Finding::new(
        "ENUM_PASCAL_CASE",
        r#"Enum name "baz" should be PascalCase, such as "Baz"."#,
    )
    .at(
        "buf/bar/bar.proto",
        "buf/bar/bar.proto",
        Span::new(13, 6, 13, 9),
    )
    .with_policy("policy.yaml")];
    let expected = [
        (
            ErrorFormat::Text,
            "buf/bar/bar.proto:13:6:Enum name \"baz\" should be PascalCase, such as \"Baz\". (policy.yaml)\n",
        ),
        (
            ErrorFormat::Msvs,
            "buf/bar/bar.proto(13,6) : error ENUM_PASCAL_CASE : Enum name \"baz\" should be PascalCase, such as \"Baz\". (policy.yaml)\n",
        ),
        (
            ErrorFormat::GithubActions,
            "::error file=buf/bar/bar.proto,line=13,col=6,endLine=13,endColumn=9::Enum name \"baz\" should be PascalCase, such as \"Baz\". (policy.yaml)\n",
        ),
        (
            ErrorFormat::Json,
            "{\"path\":\"buf/bar/bar.proto\",\"start_line\":13,\"start_column\":6,\"end_line\":13,\"end_column\":9,\"type\":\"ENUM_PASCAL_CASE\",\"message\":\"Enum name \\\"baz\\\" should be PascalCase, such as \\\"Baz\\\".\",\"policy\":\"policy.yaml\"}\n",
        ),
    ];
    for (format, line) in expected {
        assert_eq!(render(format, &findings), line, "{format}");
    }
}

#[test]
fn sarif_structure() {
    let findings = fixture();
    let log: serde_json::Value =
        serde_json::from_str(&render(ErrorFormat::Sarif, &findings)).unwrap();
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "protogate");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules: Vec<&str> = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let mut sorted: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(rules, sorted);

    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(&findings) {
        assert_eq!(result["ruleId"], finding.rule.as_str());
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index], finding.rule);
        assert_eq!(result["level"], "error");
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let fingerprint = result["partialFingerprints"]["protogate/v1"]
            .as_str()
            .unwrap();
        assert!(fingerprint.ends_with(":1"), "{fingerprint}");
        match &finding.path {
            None => assert!(result.get("locations").is_none()),
            Some(_) => {
                let physical = &result["locations"][0]["physicalLocation"];
                let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
                assert!(uri.bytes().all(|b| b.is_ascii_graphic()), "{uri}");
                let region = &physical["region"];
                if finding.span.start_line == 0 {
                    assert!(region.is_null());
                } else {
                    assert_eq!(region["startLine"], finding.span.start_line);
                    for (key, value) in [
                        ("startColumn", finding.span.start_column),
                        ("endLine", finding.span.end_line),
                        ("endColumn", finding.span.end_column),
                    ] {
                        if value == 0 {
                            assert!(region.get(key).is_none(), "{key}");
                        } else {
                            assert_eq!(region[key], value, "{key}");
                        }
                    }
                }
            }
        }
    }
    // The message suffix names plugin and policy, as in the text format.
    assert!(results.iter().any(|r| {
        r["message"]["text"]
            .as_str()
            .unwrap()
            .ends_with(" (buf-plugin-suffix, policy.yaml)")
    }));
}

#[test]
fn sarif_uris_are_percent_encoded() {
    let uri = |path: &str| {
        let findings = [Finding::new("R", "m").at(path, path, Span::new(1, 1, 1, 1))];
        let log: serde_json::Value =
            serde_json::from_str(&render(ErrorFormat::Sarif, &findings)).unwrap();
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(uri("proto/a_b-c.v1~/x.proto"), "proto/a_b-c.v1~/x.proto");
    assert_eq!(uri("dir/b c.proto"), "dir/b%20c.proto");
    assert_eq!(uri("c:a#b?%.proto"), "c%3Aa%23b%3F%25.proto");
    assert_eq!(uri("grüße.proto"), "gr%C3%BC%C3%9Fe.proto");
    assert_eq!(uri("/abs/x.proto"), "file:///abs/x.proto");
}

#[test]
fn sarif_fingerprints_ignore_positions_and_number_repeats() {
    let fingerprints = |findings: &[Finding]| -> Vec<String> {
        let log: serde_json::Value =
            serde_json::from_str(&render(ErrorFormat::Sarif, findings)).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["protogate/v1"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    };
    let at = |line, message: &str| {
        Finding::new("R", message).at("a.proto", "a.proto", Span::new(line, 1, line, 5))
    };
    let before = fingerprints(&[at(3, "m"), at(7, "m"), at(9, "other")]);
    let after = fingerprints(&[at(13, "m"), at(17, "m"), at(19, "other")]);
    assert_eq!(before, after);
    let (hash, occurrence) = before[0].split_once(':').unwrap();
    assert_eq!((hash.len(), occurrence), (64, "1"));
    assert_eq!(before[1], format!("{hash}:2"));
    assert!(!before[2].starts_with(hash));
    // Another path, rule or policy is another fingerprint.
    let moved =
        fingerprints(&[Finding::new("R", "m").at("b.proto", "b.proto", Span::new(3, 1, 3, 5))]);
    assert_ne!(moved[0], before[0]);
}

#[test]
fn sarif_is_deterministic() {
    let findings = fixture();
    assert_eq!(
        render(ErrorFormat::Sarif, &findings),
        render(ErrorFormat::Sarif, &findings)
    );
}
