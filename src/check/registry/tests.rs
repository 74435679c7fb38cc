//! Tests of the registry: table invariants, every category expansion and
//! default set per version (snapshots), and selection as buf does it.

use std::fmt::Write as _;

use super::*;
use crate::workspace::{CheckConfig, Located};

const VERSIONS: [ConfigVersion; 3] = [ConfigVersion::V1Beta1, ConfigVersion::V1, ConfigVersion::V2];
const KINDS: [CheckKind; 2] = [CheckKind::Lint, CheckKind::Breaking];

fn ids(rules: &[RuleId]) -> Vec<&'static str> {
    rules.iter().map(|rule| rule.as_str()).collect()
}

fn located(ids: &[&str]) -> Vec<Located<String>> {
    ids.iter()
        .map(|id| Located::new((*id).to_owned()))
        .collect()
}

fn config(use_ids: &[&str], except_ids: &[&str]) -> CheckConfig {
    CheckConfig {
        use_ids: located(use_ids),
        except_ids: located(except_ids),
        ..CheckConfig::default()
    }
}

fn error_text(result: Result<Selection, crate::Error>) -> String {
    match result {
        Ok(selection) => panic!("expected an error, got {selection:?}"),
        Err(err) => err.to_string(),
    }
}

// ---------------------------------------------------------------- tables

#[test]
fn tables_are_in_id_order_and_indexed_by_discriminant() {
    for kind in KINDS {
        let table = kind.table();
        assert!(
            table
                .windows(2)
                .all(|w| w[0].id.as_str() < w[1].id.as_str()),
            "{kind} rules"
        );
        for rule in table {
            assert!(std::ptr::eq(rule.id.def(), rule), "{} row index", rule.id);
            assert_eq!(RuleId::parse(kind, rule.id.as_str()), Some(rule.id));
            assert_eq!(rule.id.as_str().parse::<RuleId>(), Ok(rule.id));
        }
        let categories = kind.category_table();
        assert!(
            categories
                .windows(2)
                .all(|w| w[0].id.as_str() < w[1].id.as_str())
        );
        for category in categories {
            assert!(std::ptr::eq(category.id.def(), category));
            assert_eq!(category.id.as_str().parse::<Category>(), Ok(category.id));
        }
    }
    assert_eq!(LintRuleId::ALL.len(), 47);
    assert_eq!(BreakingRuleId::ALL.len(), 69);
}

#[test]
fn ids_are_unique_across_rules_and_categories_of_both_families() {
    let mut all: Vec<&str> = KINDS
        .iter()
        .flat_map(|kind| {
            let rules = kind.table().iter().map(|rule| rule.id.as_str());
            rules.chain(kind.category_table().iter().map(|c| c.id.as_str()))
        })
        .collect();
    let count = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), count);
}

#[test]
fn ids_are_case_sensitive() {
    assert_eq!(
        RuleId::parse(CheckKind::Lint, "field_lower_snake_case"),
        None
    );
    assert_eq!(Category::parse(CheckKind::Lint, "standard"), None);
    assert!("Standard".parse::<Category>().is_err());
    let err = "nope".parse::<RuleId>().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#""nope" is not a known rule or category ID"#
    );
}

#[test]
fn deprecated_rules_have_no_categories_and_valid_replacements() {
    for kind in KINDS {
        for rule in kind.table() {
            for version in VERSIONS {
                let Some(entry) = rule.in_version(version) else {
                    continue;
                };
                if rule.is_deprecated() {
                    assert!(entry.categories.is_empty() && !entry.default, "{}", rule.id);
                    for replacement in rule.replacements() {
                        assert!(!replacement.is_deprecated());
                        assert!(replacement.exists_in(version), "{} {version:?}", rule.id);
                        assert_eq!(replacement.kind(), kind);
                    }
                }
                for category in entry.categories {
                    assert_eq!(category.kind(), kind);
                }
            }
            assert!(
                VERSIONS.iter().any(|v| rule.in_version(*v).is_some()),
                "{}",
                rule.id
            );
        }
    }
}

#[test]
fn default_rules_are_standard_for_lint_and_file_for_breaking() {
    for version in VERSIONS {
        let standard = Category::Lint(LintCategory::Standard);
        assert_eq!(
            default_rules(CheckKind::Lint, version),
            expand(standard, version)
        );
        let file = Category::Breaking(BreakingCategory::File);
        assert_eq!(
            default_rules(CheckKind::Breaking, version),
            expand(file, version)
        );
        // The deprecated names expand exactly like their replacements.
        let default = Category::Lint(LintCategory::Default);
        assert_eq!(expand(default, version), expand(standard, version));
    }
    let style_default = Category::Lint(LintCategory::StyleDefault);
    let style_standard = Category::Lint(LintCategory::StyleStandard);
    assert_eq!(
        expand(style_default, ConfigVersion::V1Beta1),
        expand(style_standard, ConfigVersion::V1Beta1)
    );
}

#[test]
fn categories_per_version() {
    let names = |kind, version| -> Vec<&str> {
        categories(kind, version)
            .iter()
            .map(|c| c.id.as_str())
            .collect()
    };
    assert_eq!(
        names(CheckKind::Lint, ConfigVersion::V1Beta1),
        [
            "BASIC",
            "COMMENTS",
            "DEFAULT",
            "FILE_LAYOUT",
            "MINIMAL",
            "OTHER",
            "PACKAGE_AFFINITY",
            "SENSIBLE",
            "STANDARD",
            "STYLE_BASIC",
            "STYLE_DEFAULT",
            "STYLE_STANDARD",
            "UNARY_RPC"
        ]
    );
    let v1_lint = [
        "BASIC",
        "COMMENTS",
        "DEFAULT",
        "MINIMAL",
        "STANDARD",
        "UNARY_RPC",
    ];
    assert_eq!(names(CheckKind::Lint, ConfigVersion::V1), v1_lint);
    assert_eq!(names(CheckKind::Lint, ConfigVersion::V2), v1_lint);
    let v1_breaking = ["FILE", "PACKAGE", "WIRE", "WIRE_JSON"];
    assert_eq!(
        names(CheckKind::Breaking, ConfigVersion::V1Beta1),
        v1_breaking
    );
    assert_eq!(names(CheckKind::Breaking, ConfigVersion::V1), v1_breaking);
    assert_eq!(
        names(CheckKind::Breaking, ConfigVersion::V2),
        ["CSR", "FILE", "PACKAGE", "WIRE", "WIRE_JSON"]
    );
}

#[test]
fn version_specific_rules() {
    use ConfigVersion::{V1, V1Beta1, V2};
    let exists = |id: &str, version| id.parse::<RuleId>().is_ok_and(|r| r.exists_in(version));
    let table = [
        ("FIELD_NO_DESCRIPTOR", [true, false, false]),
        ("IMPORT_USED", [false, true, true]),
        ("SYNTAX_SPECIFIED", [false, true, true]),
        ("PROTOVALIDATE", [false, true, true]),
        ("PACKAGE_NO_IMPORT_CYCLE", [false, true, true]),
        ("FIELD_NOT_REQUIRED", [false, false, true]),
        ("STABLE_PACKAGE_NO_IMPORT_UNSTABLE", [false, false, true]),
        ("IMPORT_NO_WEAK", [true, true, true]),
        ("FIELD_WIRE_COMPATIBLE_TYPE", [false, true, true]),
        ("FIELD_WIRE_JSON_COMPATIBLE_TYPE", [false, true, true]),
        ("FIELD_SAME_DEFAULT", [false, false, true]),
        ("EXTENSION_NO_DELETE", [false, false, true]),
        ("PACKAGE_EXTENSION_NO_DELETE", [false, false, true]),
        ("FIELD_SAME_CTYPE", [true, true, false]),
        ("FIELD_SAME_LABEL", [true, true, false]),
        ("FILE_SAME_JAVA_STRING_CHECK_UTF8", [true, true, false]),
        ("FILE_SAME_PHP_GENERIC_SERVICES", [true, true, false]),
        ("MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT", [true, true, true]),
    ];
    for (id, expected) in table {
        assert_eq!(
            [exists(id, V1Beta1), exists(id, V1), exists(id, V2)],
            expected,
            "{id}"
        );
    }
    let cycle = RuleId::Lint(LintRuleId::PackageNoImportCycle);
    assert!(cycle.categories(V1).is_empty() && !cycle.is_default(V1));
    assert!(cycle.is_default(V2));
}

/// The whole registry per family and version: every rule with its
/// categories (★ = default, † = deprecated → replacements), then every
/// category's expansion and the default set.
fn registry_dump(kind: CheckKind, version: ConfigVersion) -> String {
    let mut out = String::new();
    for rule in all_rules(kind, version) {
        let star = if rule.default { "★ " } else { "" };
        let cats: Vec<&str> = rule.categories.iter().map(|c| c.as_str()).collect();
        let _ = write!(out, "{} {star}[{}]", rule.id, cats.join(", "));
        if rule.deprecated {
            let _ = write!(out, " † → [{}]", ids(rule.replacements).join(", "));
        }
        out.push('\n');
    }
    out.push('\n');
    for category in categories(kind, version) {
        let rules = expand(category.id, version);
        let _ = writeln!(
            out,
            "{} ({}): {}",
            category.id,
            rules.len(),
            ids(&rules).join(" ")
        );
    }
    let defaults = default_rules(kind, version);
    let _ = writeln!(
        out,
        "\ndefault ({}): {}",
        defaults.len(),
        ids(&defaults).join(" ")
    );
    out
}

#[test]
fn registry_snapshots() {
    for kind in KINDS {
        for version in VERSIONS {
            let name = format!("{}_{}", kind.as_str(), version.as_str());
            insta::assert_snapshot!(name, registry_dump(kind, version));
        }
    }
}

// ---------------------------------------------------------------- listing

#[test]
fn listing_order_and_shape() {
    let rows = rule_rows(CheckKind::Lint, ConfigVersion::V1, false);
    let first: Vec<&str> = rows.iter().take(5).map(|row| row.id).collect();
    assert_eq!(
        first,
        [
            "DIRECTORY_SAME_PACKAGE",
            "PACKAGE_DEFINED",
            "PACKAGE_DIRECTORY_MATCH",
            "PACKAGE_SAME_DIRECTORY",
            "ENUM_FIRST_VALUE_ZERO"
        ]
    );
    assert_eq!(rows[0].categories, ["MINIMAL", "BASIC", "STANDARD"]);
    assert!(rows.iter().all(|row| !row.deprecated));
    let with_deprecated = rule_rows(CheckKind::Lint, ConfigVersion::V1, true);
    assert_eq!(
        with_deprecated[0].categories,
        ["MINIMAL", "BASIC", "DEFAULT", "STANDARD"]
    );
    let last = with_deprecated.last().map(|row| row.id);
    assert_eq!(last, Some("PACKAGE_NO_IMPORT_CYCLE"));

    let breaking = rule_rows(CheckKind::Breaking, ConfigVersion::V2, true);
    let json = render_rules_json(&breaking);
    let ctype = json
        .lines()
        .find(|line| line.contains("\"FIELD_SAME_DEFAULT\""));
    assert!(ctype.is_some_and(|line| line.starts_with(
        r#"{"id":"FIELD_SAME_DEFAULT","categories":["CSR","FILE","PACKAGE","WIRE_JSON","WIRE"],"default":true,"purpose":"#
    )));
    assert!(json.lines().last().is_some_and(|line| {
        line.ends_with(r#""plugin":"","deprecated":true,"replacements":null}"#)
    }));
    let v1 = render_rules_json(&rule_rows(CheckKind::Breaking, ConfigVersion::V1, true));
    assert!(v1.contains(r#""deprecated":true,"replacements":["FIELD_SAME_CPP_STRING_TYPE"]}"#));

    let text = render_rules_text(&rows);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("ID                                CATEGORIES                DEFAULT  PURPOSE")
    );
    assert!(lines.next().is_some_and(|line| line.starts_with(
        "DIRECTORY_SAME_PACKAGE            MINIMAL, BASIC, STANDARD  *        Verifies"
    )));
    assert_eq!(render_rules_text(&[]), "");
}

// ---------------------------------------------------------------- selection

#[test]
fn empty_use_selects_the_default_rules() {
    for kind in KINDS {
        for version in VERSIONS {
            let selection = select(kind, version, &config(&[], &[]), None).unwrap();
            assert_eq!(selection.rules, default_rules(kind, version));
            assert!(selection.warnings.is_empty());
            // Empty strings are dropped before the emptiness test.
            let blank = select(kind, version, &config(&[""], &[]), None).unwrap();
            assert_eq!(blank.rules, selection.rules);
        }
    }
    let v1 = select(CheckKind::Lint, ConfigVersion::V1, &config(&[], &[]), None).unwrap();
    assert_eq!(v1.rules.len(), 33);
    assert!(!v1.contains(RuleId::Lint(LintRuleId::PackageNoImportCycle)));
    let v2 = select(
        CheckKind::Breaking,
        ConfigVersion::V2,
        &config(&[], &[]),
        None,
    )
    .unwrap();
    assert!(v2.contains(RuleId::Breaking(BreakingRuleId::FieldSameDefault)));
    let v1 = select(
        CheckKind::Breaking,
        ConfigVersion::V1,
        &config(&[], &[]),
        None,
    )
    .unwrap();
    assert!(!v1.contains(RuleId::Breaking(BreakingRuleId::FieldSameDefault)));
}

#[test]
fn categories_expand_and_except_subtracts() {
    let cfg = config(&["MINIMAL", "FIELD_LOWER_SNAKE_CASE"], &["PACKAGE_DEFINED"]);
    let selection = select(CheckKind::Lint, ConfigVersion::V2, &cfg, None).unwrap();
    assert_eq!(
        ids(&selection.rules),
        [
            "DIRECTORY_SAME_PACKAGE",
            "FIELD_LOWER_SNAKE_CASE",
            "PACKAGE_DIRECTORY_MATCH",
            "PACKAGE_NO_IMPORT_CYCLE",
            "PACKAGE_SAME_DIRECTORY"
        ]
    );
    let cfg = config(&["MINIMAL"], &[]);
    let v1beta1 = select(CheckKind::Lint, ConfigVersion::V1Beta1, &cfg, None).unwrap();
    assert_eq!(v1beta1.rules.len(), 14);
    let cfg = config(&["WIRE"], &["WIRE_JSON"]);
    let wire = select(CheckKind::Breaking, ConfigVersion::V1, &cfg, None).unwrap();
    assert_eq!(
        ids(&wire.rules),
        [
            "FIELD_WIRE_COMPATIBLE_CARDINALITY",
            "FIELD_WIRE_COMPATIBLE_TYPE"
        ]
    );
}

#[test]
fn deprecated_rules_are_replaced_with_buf_warnings() {
    let cfg = config(&["FIELD_SAME_CTYPE"], &[]);
    let selection = select(CheckKind::Breaking, ConfigVersion::V1, &cfg, None).unwrap();
    assert_eq!(ids(&selection.rules), ["FIELD_SAME_CPP_STRING_TYPE"]);
    assert_eq!(
        selection.warnings,
        [
            "Rule FIELD_SAME_CTYPE referenced in your buf.yaml is deprecated. It has been replaced \
          by rule FIELD_SAME_CPP_STRING_TYPE.\n\tAs with all buf changes, this change is \
          backwards-compatible: FIELD_SAME_CTYPE will continue to work.\n\tWe recommend \
          replacing FIELD_SAME_CTYPE in your buf.yaml, but no action is immediately necessary."
        ]
    );

    let cfg = config(&["FIELD_SAME_LABEL"], &[]);
    let label = select(CheckKind::Breaking, ConfigVersion::V1Beta1, &cfg, None).unwrap();
    assert_eq!(
        ids(&label.rules),
        [
            "FIELD_SAME_CARDINALITY",
            "FIELD_WIRE_COMPATIBLE_CARDINALITY",
            "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY"
        ]
    );
    assert!(label.warnings[0].starts_with(
        "Rule FIELD_SAME_LABEL referenced in your buf.yaml is deprecated. It has been replaced \
         by rules FIELD_SAME_CARDINALITY, FIELD_WIRE_COMPATIBLE_CARDINALITY, \
         FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY.\n\t"
    ));

    // A deprecated rule without replacement maps to nothing, warning without
    // a "replaced by" sentence; deprecated IDs in except count too.
    let cfg = config(&["IMPORT_NO_WEAK", "MINIMAL"], &[]);
    let selection = select(CheckKind::Lint, ConfigVersion::V2, &cfg, None).unwrap();
    let minimal = expand(Category::Lint(LintCategory::Minimal), ConfigVersion::V2);
    assert_eq!(selection.rules, minimal);
    assert_eq!(selection.warnings.len(), 1);
    let cfg = config(
        &["MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT", "WIRE"],
        &["FILE_SAME_PHP_GENERIC_SERVICES"],
    );
    let selection = select(CheckKind::Breaking, ConfigVersion::V1, &cfg, None).unwrap();
    assert_eq!(selection.rules.len(), 14);
    assert_eq!(
        selection.warnings,
        [
            "Rule FILE_SAME_PHP_GENERIC_SERVICES referenced in your buf.yaml is deprecated.\n\tAs \
             with all buf changes, this change is backwards-compatible: \
             FILE_SAME_PHP_GENERIC_SERVICES will continue to work.\n\tWe recommend replacing \
             FILE_SAME_PHP_GENERIC_SERVICES in your buf.yaml, but no action is immediately \
             necessary.",
            "Rule MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT referenced in your buf.yaml is \
             deprecated.\n\tAs with all buf changes, this change is backwards-compatible: \
             MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT will continue to work.\n\tWe recommend \
             replacing MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT in your buf.yaml, but no action is \
             immediately necessary."
        ]
    );
}

#[test]
fn deprecated_categories_warn_with_the_default_paragraph() {
    let cfg = config(&["DEFAULT"], &[]);
    let selection = select(CheckKind::Lint, ConfigVersion::V1, &cfg, None).unwrap();
    assert_eq!(
        selection.rules,
        default_rules(CheckKind::Lint, ConfigVersion::V1)
    );
    let expected = "Category DEFAULT referenced in your buf.yaml is deprecated. It has been \
replaced by category STANDARD.

\tThe concept of a default rule has been introduced. A default rule is a rule that will be run
\tif no rules are explicitly configured in your buf.yaml. Run buf config ls-lint-rules or
\tbuf config ls-breaking-rules to see which rules are defaults. With this introduction, having a category
\talso named DEFAULT is confusing, as while it happens that all the rules in the DEFAULT category
\tare also default rules, the name has become overloaded.

\tAs with all buf changes, this change is backwards-compatible: DEFAULT will continue to work.
\tWe recommend replacing DEFAULT in your buf.yaml, but no action is immediately necessary.";
    assert_eq!(selection.warnings, [expected]);

    let cfg = config(&["STYLE_DEFAULT", "IMPORT_NO_WEAK"], &[]);
    let options = SelectOptions {
        config_name: "policy.yaml",
        ..SelectOptions::default()
    };
    let style = select_with(CheckKind::Lint, ConfigVersion::V1Beta1, &cfg, &options).unwrap();
    assert_eq!(style.rules.len(), 16);
    assert_eq!(style.warnings.len(), 2);
    assert!(style.warnings[0].starts_with("Rule IMPORT_NO_WEAK referenced in your policy.yaml"));
    assert!(style.warnings[1].starts_with(
        "Category STYLE_DEFAULT referenced in your policy.yaml is deprecated. It has been \
         replaced by category STYLE_STANDARD.\n\tAs with"
    ));
}

#[test]
fn unknown_ids_are_errors() {
    // The first unknown ID in sorted order is reported, without position as Msg.
    let cfg = config(&["NOPE", "ZZZ", "AAA", "MINIMAL"], &[]);
    let err = select(CheckKind::Lint, ConfigVersion::V1, &cfg, None).unwrap_err();
    assert!(matches!(&err, crate::Error::Msg(_)));
    assert_eq!(
        err.to_string(),
        r#""AAA" is not a known rule or category ID"#
    );

    // With a position: a config error at the key.
    let mut cfg = config(&["MINIMAL"], &[]);
    cfg.except_ids = vec![Located {
        value: "standard".to_owned(),
        line: 4,
        column: 13,
    }];
    let err = select(
        CheckKind::Lint,
        ConfigVersion::V2,
        &cfg,
        Some("proto/buf.yaml"),
    )
    .unwrap_err();
    match err {
        crate::Error::Config {
            file,
            line,
            column,
            message,
        } => {
            assert_eq!((file.as_str(), line, column), ("proto/buf.yaml", 4, 13));
            assert_eq!(message, r#""standard" is not a known rule or category ID"#);
        }
        other => panic!("unexpected {other:?}"),
    }
    let err = select(CheckKind::Lint, ConfigVersion::V2, &cfg, None).unwrap_err();
    assert!(err.to_string().starts_with("buf.yaml:4:13: "));

    let unknown = |kind, version, id: &str| {
        let text = error_text(select(kind, version, &config(&[id], &[]), None));
        assert_eq!(text, format!("\"{id}\" is not a known rule or category ID"));
    };
    // Families do not share IDs; version-specific IDs are unknown elsewhere.
    unknown(CheckKind::Breaking, ConfigVersion::V1, "MINIMAL");
    unknown(CheckKind::Lint, ConfigVersion::V1, "FILE");
    unknown(CheckKind::Lint, ConfigVersion::V1, "STYLE_DEFAULT");
    unknown(CheckKind::Lint, ConfigVersion::V1, "FIELD_NO_DESCRIPTOR");
    unknown(CheckKind::Lint, ConfigVersion::V1Beta1, "IMPORT_USED");
    unknown(CheckKind::Breaking, ConfigVersion::V2, "FIELD_SAME_LABEL");
    unknown(CheckKind::Breaking, ConfigVersion::V1, "CSR");
    unknown(CheckKind::Lint, ConfigVersion::V1, "field_lower_snake_case");

    // ignore_only keys are validated too.
    let mut cfg = config(&["MINIMAL"], &[]);
    cfg.ignore_only = vec![(Located::new("NOPE".to_owned()), vec!["a".to_owned()])];
    let text = error_text(select(CheckKind::Lint, ConfigVersion::V2, &cfg, None));
    assert_eq!(text, r#""NOPE" is not a known rule or category ID"#);

    // An unknown ID is reported before the result is found empty.
    let cfg = config(&["IMPORT_NO_WEAK"], &["NOPE"]);
    let text = error_text(select(CheckKind::Lint, ConfigVersion::V2, &cfg, None));
    assert_eq!(text, r#""NOPE" is not a known rule or category ID"#);
}

#[test]
fn empty_results_are_errors() {
    let expected = "it looks like you have found a bug in buf. Please file an issue at \
                    https://github.com/bufbuild/buf/issues and provide the command you ran, as \
                    well as the following message: resultRules was empty";
    let cases = [
        (CheckKind::Lint, config(&["IMPORT_NO_WEAK"], &[])),
        (
            CheckKind::Lint,
            config(&["ENUM_PASCAL_CASE"], &["ENUM_PASCAL_CASE"]),
        ),
        (CheckKind::Lint, config(&[], &["STANDARD"])),
        (CheckKind::Lint, config(&["DEFAULT"], &["STANDARD"])),
        (
            CheckKind::Breaking,
            config(&["FIELD_SAME_LABEL"], &["FIELD_SAME_LABEL"]),
        ),
    ];
    for (kind, cfg) in cases {
        assert_eq!(
            error_text(select(kind, ConfigVersion::V1, &cfg, None)),
            expected
        );
    }
}

#[test]
fn ignore_only_expands_keys_and_normalizes_paths() {
    let mut cfg = config(&["FIELD_LOWER_SNAKE_CASE"], &[]);
    cfg.ignore_only = vec![
        (
            Located::new("UNARY_RPC".to_owned()),
            vec!["b/c.proto".to_owned(), "./a/".to_owned()],
        ),
        (
            Located::new("RPC_NO_CLIENT_STREAMING".to_owned()),
            vec!["a".to_owned(), String::new()],
        ),
    ];
    let selection = select(CheckKind::Lint, ConfigVersion::V1, &cfg, None).unwrap();
    assert_eq!(
        selection.ignore_only,
        [
            (
                RuleId::Lint(LintRuleId::RpcNoClientStreaming),
                vec!["a".to_owned(), "b/c.proto".to_owned()]
            ),
            (
                RuleId::Lint(LintRuleId::RpcNoServerStreaming),
                vec!["a".to_owned(), "b/c.proto".to_owned()]
            ),
        ]
    );
    let rule = RuleId::Lint(LintRuleId::RpcNoServerStreaming);
    assert_eq!(selection.ignore_only_paths(rule), ["a", "b/c.proto"]);
    assert!(
        selection
            .ignore_only_paths(RuleId::Lint(LintRuleId::CommentEnum))
            .is_empty()
    );

    // Deprecated keys move their paths to the replacements, with a warning.
    let mut cfg = config(&[], &[]);
    cfg.ignore_only = vec![(
        Located::new("FIELD_SAME_CTYPE".to_owned()),
        vec!["x".to_owned()],
    )];
    let selection = select(CheckKind::Breaking, ConfigVersion::V1, &cfg, None).unwrap();
    let cpp = RuleId::Breaking(BreakingRuleId::FieldSameCppStringType);
    assert_eq!(selection.ignore_only, [(cpp, vec!["x".to_owned()])]);
    assert_eq!(selection.warnings.len(), 1);

    // "." is refused (after the rules are resolved).
    let mut cfg = config(&["MINIMAL"], &[]);
    cfg.ignore_only = vec![(Located::new("MINIMAL".to_owned()), vec!["a/..".to_owned()])];
    let text = error_text(select(CheckKind::Lint, ConfigVersion::V1, &cfg, None));
    assert_eq!(text, r#"cannot specify "." as an ignore path"#);
}

#[test]
fn disable_builtin_selects_nothing() {
    let mut cfg = config(&["NOPE", "DEFAULT"], &[]);
    cfg.disable_builtin = true;
    let selection = select(CheckKind::Lint, ConfigVersion::V2, &cfg, None).unwrap();
    assert!(selection.rules.is_empty());
    assert_eq!(
        selection.warnings,
        ["No lint rules are configured in buf.yaml."]
    );
    let options = SelectOptions {
        has_policies: true,
        ..SelectOptions::default()
    };
    let quiet = select_with(CheckKind::Breaking, ConfigVersion::V2, &cfg, &options).unwrap();
    assert!(quiet.rules.is_empty() && quiet.warnings.is_empty());
}

#[test]
fn go_quote_matches_go() {
    assert_eq!(go_quote("A\"b\\c\n\t\u{1}é"), "\"A\\\"b\\\\c\\n\\t\\x01é\"");
}
