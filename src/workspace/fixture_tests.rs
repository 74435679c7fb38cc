//! Discovery over the fixtures in `testdata/workspace/<case>/`.
//!
//! Each scenario pins what `buf ls-files` (buf 1.75.0) printed for the same
//! directory and arguments (the target files, or the failure), plus an insta
//! snapshot of the resolved modules and files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{DiscoverOptions, Workspace, discover_in, discover_proto_file_in, list_files};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/workspace")
}

struct Scenario<'a> {
    /// Directory to run in, relative to `testdata/workspace`.
    cwd: &'a str,
    input: &'a str,
    paths: &'a [&'a str],
    exclude_paths: &'a [&'a str],
    config: Option<&'a str>,
}

impl<'a> Scenario<'a> {
    fn new(cwd: &'a str, input: &'a str) -> Self {
        Scenario {
            cwd,
            input,
            paths: &[],
            exclude_paths: &[],
            config: None,
        }
    }

    fn opts(&self) -> DiscoverOptions {
        DiscoverOptions {
            config_override: self.config.map(str::to_string),
            paths: self.paths.iter().map(|s| s.to_string()).collect(),
            exclude_paths: self.exclude_paths.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Runs discovery and listing: the target files' external paths (what
    /// `buf ls-files` prints) and a full rendering for the snapshot.
    fn run(&self) -> (Result<Vec<String>, String>, String) {
        let cwd = fixtures().join(self.cwd);
        let opts = self.opts();
        let discovered = if self.input.ends_with(".proto") {
            discover_proto_file_in(&cwd, Path::new(self.input), &opts)
                .map(|(ws, target)| (ws, Some(target)))
        } else {
            discover_in(&cwd, Path::new(self.input), &opts).map(|ws| (ws, None))
        };
        let (ws, target) = match discovered {
            Ok(found) => found,
            Err(e) => return (Err(e.to_string()), format!("error: {e}\n")),
        };
        let mut out = render_workspace(&ws);
        if let Some(target) = target {
            let _ = writeln!(out, "proto file target: {target}");
        }
        match list_files(&ws, &opts) {
            Ok(files) => {
                out.push_str("files:\n");
                for f in &files {
                    let _ = writeln!(
                        out,
                        "  [{}] {} (name {}, module path {}){}",
                        f.module,
                        f.external,
                        f.name,
                        f.module_path,
                        if f.is_target { " target" } else { "" }
                    );
                }
                let targets = files
                    .iter()
                    .filter(|f| f.is_target)
                    .map(|f| f.external.clone())
                    .collect();
                (Ok(targets), out)
            }
            Err(e) => {
                let _ = writeln!(out, "error: {e}");
                (Err(e.to_string()), out)
            }
        }
    }
}

fn render_workspace(ws: &Workspace) -> String {
    let mut out = String::new();
    for (i, m) in ws.modules.iter().enumerate() {
        let _ = writeln!(
            out,
            "module {i}: dir {:?} (dir_path {:?}) {} config {:?}{}",
            m.dir,
            m.dir_path,
            m.version.as_str(),
            m.config_name,
            if m.is_target { " target" } else { "" }
        );
        if m.roots != ["."] {
            let _ = writeln!(out, "  roots {:?} at {:?}", m.roots, m.root_dirs);
        }
        if !m.includes.is_empty() {
            let _ = writeln!(out, "  includes {:?}", m.includes);
        }
        if !m.excludes.is_empty() {
            let _ = writeln!(out, "  excludes {:?}", m.excludes);
        }
        if !m.target_paths.is_empty() || !m.target_exclude_paths.is_empty() {
            let _ = writeln!(
                out,
                "  --path {:?} --exclude-path {:?}",
                m.target_paths, m.target_exclude_paths
            );
        }
        for (label, c) in [("lint", &m.lint), ("breaking", &m.breaking)] {
            let ids = |v: &[super::Located<String>]| -> Vec<String> {
                v.iter()
                    .map(|l| format!("{}@{}:{}", l.value, l.line, l.column))
                    .collect()
            };
            let only: Vec<String> = c
                .ignore_only
                .iter()
                .map(|(k, v)| format!("{}@{}:{}={:?}", k.value, k.line, k.column, v))
                .collect();
            let _ = writeln!(
                out,
                "  {label}: use {:?} except {:?} ignore {:?} ignore_only {:?} comment_ignores {}",
                ids(&c.use_ids),
                ids(&c.except_ids),
                c.ignore,
                only,
                c.allow_comment_ignores
            );
        }
    }
    out
}

/// Asserts the targets buf listed and snapshots the details.
fn check(name: &str, scenario: Scenario<'_>, buf: Result<&[&str], &str>) {
    let (result, rendered) = scenario.run();
    match (&result, buf) {
        (Ok(targets), Ok(want)) => assert_eq!(targets, want, "{name}: targets differ from buf"),
        (Err(e), Err(want)) => assert!(
            e.contains(want),
            "{name}: error {e:?} does not contain buf's {want:?}"
        ),
        (got, want) => panic!("{name}: got {got:?}, buf gave {want:?}"),
    }
    insta::assert_snapshot!(name, rendered);
}

#[test]
fn v1beta1_roots() {
    check(
        "v1beta1_roots",
        Scenario::new("v1beta1_roots", "."),
        Ok(&[
            "proto/acme/a.proto",
            "proto/acme/old.proto",
            "vendor/dep/dep.proto",
        ]),
    );
    check(
        "v1beta1_roots__path",
        Scenario {
            paths: &["proto/acme/a.proto"],
            ..Scenario::new("v1beta1_roots", ".")
        },
        Ok(&["proto/acme/a.proto"]),
    );
    check(
        "v1beta1_roots__path_outside_roots",
        Scenario {
            paths: &["acme/a.proto"],
            ..Scenario::new("v1beta1_roots", ".")
        },
        Err(
            "path \"acme/a.proto\" is not contained within any of roots \"proto\" and \"vendor\" - note that specified paths cannot be roots, but must be contained within roots",
        ),
    );
    check(
        "v1beta1_roots__from_inside_a_root",
        Scenario::new("v1beta1_roots/proto/acme", "../.."),
        Ok(&[
            "../acme/a.proto",
            "../acme/old.proto",
            "../../vendor/dep/dep.proto",
        ]),
    );
}

#[test]
fn v1_excludes() {
    check(
        "v1_excludes",
        Scenario::new("v1_excludes", "."),
        Ok(&[".hidden/h.proto", "a/a.proto"]),
    );
}

#[test]
fn v2_workspace() {
    let all: &[&str] = &[
        "lib/keep/k.proto",
        "proto/acme/v1/a.proto",
        "proto/acme/v1/legacy.proto",
    ];
    check("v2_workspace", Scenario::new("v2_workspace", "."), Ok(all));
    check(
        "v2_workspace__module_input",
        Scenario::new("v2_workspace", "proto"),
        Ok(&["proto/acme/v1/a.proto", "proto/acme/v1/legacy.proto"]),
    );
    check(
        "v2_workspace__includes",
        Scenario::new("v2_workspace", "lib"),
        Ok(&["lib/keep/k.proto"]),
    );
    check(
        "v2_workspace__from_module_dir",
        Scenario::new("v2_workspace/proto", "."),
        Ok(&["acme/v1/a.proto", "acme/v1/legacy.proto"]),
    );
    check(
        "v2_workspace__path",
        Scenario {
            paths: &["proto/acme"],
            ..Scenario::new("v2_workspace", ".")
        },
        Ok(&["proto/acme/v1/a.proto", "proto/acme/v1/legacy.proto"]),
    );
    check(
        "v2_workspace__exclude_path",
        Scenario {
            exclude_paths: &["proto/acme/v1/legacy.proto"],
            ..Scenario::new("v2_workspace", ".")
        },
        Ok(&["lib/keep/k.proto", "proto/acme/v1/a.proto"]),
    );
    check(
        "v2_workspace__input_inside_module",
        Scenario::new("v2_workspace", "proto/acme"),
        Err(
            "failed to build input \"proto/acme\" because it is contained by module at path \"proto\" specified in your configuration, you must provide the workspace or module as the input, and filter to this path using --path",
        ),
    );
    check(
        "v2_workspace__config_v1",
        Scenario {
            config: Some(r#"{"version":"v1"}"#),
            ..Scenario::new("v2_workspace", ".")
        },
        Ok(&[
            "lib/drop/d.proto",
            "lib/keep/k.proto",
            "proto/acme/v1/a.proto",
            "proto/acme/v1/legacy.proto",
            "proto/vendor/v.proto",
        ]),
    );
    check(
        "v2_workspace__config_v2_module",
        Scenario {
            config: Some(r#"{"version":"v2","modules":[{"path":"lib"}]}"#),
            ..Scenario::new("v2_workspace", ".")
        },
        Ok(&["lib/drop/d.proto", "lib/keep/k.proto"]),
    );
}

#[test]
fn v2_workspace_path_errors() {
    // buf's user errors for --path / --exclude-path.
    let cases: &[(&[&str], &[&str], &str)] = &[
        (
            &["proto"],
            &[],
            "module \"proto\" was specified with --path, specify this module path directly as an input",
        ),
        (
            &[],
            &["proto"],
            "module \"proto\" was specified with --exclude-path, this flag cannot be used to specify module directories",
        ),
        (&["../x"], &[], "../x: is outside the context directory"),
        (
            &["."],
            &[],
            "given input is equal to a value of --path, this has no effect and is disallowed",
        ),
        (
            &[],
            &["."],
            "given input \".\" is equal to a value of --exclude-path \".\", this would exclude everything",
        ),
        (
            &["proto/acme"],
            &["proto/acme"],
            "cannot set the same path for both --path and --exclude-path: \"proto/acme\"",
        ),
        (
            &["proto/acme/v1"],
            &["proto/acme"],
            "excluded path \"proto/acme\" contains targeted path \"proto/acme/v1\", which means all paths in \"proto/acme/v1\" will be excluded",
        ),
        (&["nonexistent"], &[], super::NO_TARGET_FILES),
        // A module is targeted, but no file matches (buf's lint and build
        // fail this way; its ls-files prints nothing).
        (&["proto/nonexistent.proto"], &[], super::NO_TARGET_FILES),
        (&["lib/drop/d.proto"], &[], super::NO_TARGET_FILES),
    ];
    for (paths, excludes, want) in cases {
        let scenario = Scenario {
            paths,
            exclude_paths: excludes,
            ..Scenario::new("v2_workspace", ".")
        };
        match scenario.run().0 {
            Err(e) => assert_eq!(&e, want, "--path {paths:?} --exclude-path {excludes:?}"),
            Ok(t) => panic!("--path {paths:?} --exclude-path {excludes:?}: got {t:?}"),
        }
    }
}

#[test]
fn buf_work_yaml() {
    check(
        "buf_work",
        Scenario::new("buf_work", "."),
        Ok(&["a/pa/a.proto", "b/pb/b.proto"]),
    );
    check(
        "buf_work__module_input",
        Scenario::new("buf_work", "a"),
        Ok(&["a/pa/a.proto"]),
    );
    check(
        "buf_work__from_module_dir",
        Scenario::new("buf_work/a", "."),
        Ok(&["pa/a.proto"]),
    );
    check(
        "buf_work__unlisted_dir",
        Scenario::new("buf_work", "other"),
        Ok(&["other/o.proto"]),
    );
}

#[test]
fn nested_v1_module_is_ignored_from_inside() {
    check(
        "nested_v1__subdir_input",
        Scenario::new("nested_v1", "sub"),
        Err(
            "failed to build input \"sub\" because it is contained by module at path \".\" specified in your configuration, you must provide the workspace or module as the input, and filter to this path using --path",
        ),
    );
    check(
        "nested_v1__from_subdir",
        Scenario::new("nested_v1/sub", "."),
        Ok(&["deep/a.proto"]),
    );
    check(
        "nested_v1__parent_input",
        Scenario::new("nested_v1/sub/deep", ".."),
        Ok(&["../deep/a.proto"]),
    );
    check(
        "nested_v1__parent_input_cancelling",
        Scenario::new("nested_v1/sub/deep", "../deep"),
        Ok(&["a.proto"]),
    );
}

#[test]
fn bad_configs() {
    check(
        "bad_yaml",
        Scenario::new("bad_yaml", "."),
        Err("buf.yaml:3:"),
    );
    check(
        "unknown_key",
        Scenario::new("unknown_key", "."),
        Err("buf.yaml:5:3: unknown field `enum_zero_value_sufix`"),
    );
    check(
        "bad_yaml__from_above",
        Scenario::new(".", "bad_yaml"),
        Err("bad_yaml/buf.yaml:3:"),
    );
}

#[test]
fn no_config() {
    check(
        "no_config",
        Scenario::new("no_config", "."),
        Ok(&["Top.proto", "acme/zoo/animal.proto"]),
    );
    check(
        "no_config__proto_file",
        Scenario::new("no_config", "acme/zoo/animal.proto"),
        Ok(&["acme/zoo/animal.proto"]),
    );
    check(
        "no_config__subdir",
        Scenario::new("no_config", "acme"),
        Ok(&["acme/zoo/animal.proto"]),
    );
    check(
        "no_config__missing_dir",
        Scenario::new("no_config", "../no_config/missing"),
        Err("stat ../no_config/missing: no such file or directory"),
    );
}

#[test]
fn proto_file_in_a_workspace() {
    check(
        "v2_workspace__proto_file",
        Scenario::new("v2_workspace", "proto/acme/v1/a.proto"),
        Ok(&["proto/acme/v1/a.proto"]),
    );
    let scenario = Scenario {
        paths: &["x"],
        ..Scenario::new("v2_workspace", "proto/acme/v1/a.proto")
    };
    assert_eq!(
        scenario.run().0,
        Err("--path is not valid for use with .proto file references".to_string())
    );
}

#[test]
fn absolute_input_prints_absolute_paths() {
    let dir = fixtures().join("v1_excludes");
    let (result, _) = Scenario::new(".", dir.to_str().unwrap_or(".")).run();
    let targets = result.expect("discovered");
    assert_eq!(targets.len(), 2);
    assert!(
        targets.iter().all(|t| Path::new(t).is_absolute()),
        "{targets:?}"
    );
    assert!(
        targets[1].ends_with("/v1_excludes/a/a.proto"),
        "{targets:?}"
    );
}

#[test]
fn modules_found_from_paths() {
    // No configuration at the input: buf looks for a module or workspace
    // above each --path.
    check(
        "path_finds_v1_module",
        Scenario {
            paths: &["nested_v1/sub/deep/a.proto"],
            ..Scenario::new(".", ".")
        },
        Ok(&["nested_v1/sub/deep/a.proto"]),
    );
    let mixed = Scenario {
        paths: &["nested_v1/top.proto", "v2_workspace/proto/acme/v1/a.proto"],
        ..Scenario::new(".", ".")
    };
    assert_eq!(
        mixed.run().0,
        Err(
            "found a workspace \"v2_workspace\" that does not contain all found modules: [nested_v1]"
                .to_string()
        )
    );
    // buf then reads the v2 module paths relative to the input, so nothing
    // is targeted.
    let v2 = Scenario {
        paths: &["v2_workspace/proto/acme/v1/a.proto"],
        ..Scenario::new(".", ".")
    };
    assert_eq!(v2.run().0, Err(super::NO_TARGET_FILES.to_string()));
}

#[test]
fn fetched_trees_print_tree_relative_paths() {
    let root = fixtures();
    let externals = |ws: &Workspace, opts: &DiscoverOptions| -> Vec<String> {
        list_files(ws, opts)
            .expect("listed")
            .into_iter()
            .filter(|f| f.is_target)
            .map(|f| f.external)
            .collect()
    };
    let opts = DiscoverOptions::default();
    // The workspace is found below the tree root; paths are relative to
    // the tree root, as buf prints them (`buf ls-files 'ws.tar#subdir=v2_workspace'`).
    let ws = super::discover_tree(&root, "v2_workspace", &opts).expect("discovered");
    assert_eq!(
        externals(&ws, &opts),
        vec![
            "v2_workspace/lib/keep/k.proto",
            "v2_workspace/proto/acme/v1/a.proto",
            "v2_workspace/proto/acme/v1/legacy.proto"
        ]
    );
    // --path is relative to the subdir.
    let opts = DiscoverOptions {
        paths: vec!["acme/v1/a.proto".to_string()],
        ..DiscoverOptions::default()
    };
    let ws = super::discover_tree(&root.join("v2_workspace"), "proto", &opts).expect("discovered");
    assert_eq!(externals(&ws, &opts), vec!["proto/acme/v1/a.proto"]);
    // The search stops at the tree root: a module inside a v1 module of the
    // tree is its own module.
    let opts = DiscoverOptions::default();
    let ws = super::discover_tree(&root.join("nested_v1/sub"), ".", &opts).expect("discovered");
    assert_eq!(externals(&ws, &opts), vec!["deep/a.proto"]);
    assert!(super::discover_tree(&root, "../x", &opts).is_err());
}

#[test]
fn proto_file_modules() {
    let cwd = fixtures();
    let opts = DiscoverOptions::default();
    // (file, buf's printed path, import path of the target)
    let cases = [
        (
            "buf_work/a/pa/a.proto",
            "buf_work/a/pa/a.proto",
            "pa/a.proto",
        ),
        // The v1 buf.yaml above the file makes the module.
        (
            "nested_v1/sub/deep/a.proto",
            "nested_v1/sub/deep/a.proto",
            "sub/deep/a.proto",
        ),
        // A v1beta1 buf.yaml above is not looked for: the file's directory
        // is the module.
        (
            "v1beta1_roots/proto/acme/a.proto",
            "v1beta1_roots/proto/acme/a.proto",
            "a.proto",
        ),
    ];
    for (file, external, name) in cases {
        let (ws, target) = discover_proto_file_in(&cwd, Path::new(file), &opts).expect(file);
        assert_eq!(target, name, "{file}");
        let files = list_files(&ws, &opts).expect(file);
        let targets: Vec<_> = files.iter().filter(|f| f.is_target).collect();
        assert_eq!(targets.len(), 1, "{file}");
        assert_eq!(targets[0].external, external, "{file}");
        assert_eq!(targets[0].name, name, "{file}");
    }
}

#[test]
fn config_override_is_rooted_like_the_bucket() {
    // A v2 --config describes modules relative to the bucket (the current
    // directory for a local input), so a subdirectory input lies inside
    // module ".".
    let v2 = Scenario {
        config: Some(r#"{"version":"v2"}"#),
        ..Scenario::new("no_config", "acme")
    };
    assert_eq!(
        v2.run().0,
        Err("failed to build input \"acme\" because it is contained by module at path \".\" specified in your configuration, you must provide the workspace or module as the input, and filter to this path using --path".to_string())
    );
    // A v1 --config configures the input directory itself.
    let v1 = Scenario {
        config: Some(r#"{"version":"v1"}"#),
        ..Scenario::new("no_config", "acme")
    };
    assert_eq!(v1.run().0, Ok(vec!["acme/zoo/animal.proto".to_string()]));
    let outside = Scenario {
        config: Some("version: v2"),
        ..Scenario::new("no_config", "../no_config")
    };
    assert_eq!(
        outside.run().0,
        Ok(vec![
            "Top.proto".to_string(),
            "acme/zoo/animal.proto".to_string()
        ])
    );
    let missing = Scenario {
        config: Some("missing.yaml"),
        ..Scenario::new("no_config", ".")
    };
    assert_eq!(
        missing.run().0,
        Err("could not read file: open missing.yaml: no such file or directory".to_string())
    );
}
