//! Checks discovery against buf's recorded behaviour in the shared
//! conformance kit (`../shared/conformance`). Skipped when the kit is absent.
//!
//! * Every `buf.yaml`, `buf.work.yaml` and policy file of the kit parses,
//!   except those whose case buf rejected while decoding.
//! * Every recorded lint/breaking case is discovered in a scratch layout
//!   like the kit's: buf's failures in discovery fail here too, and every
//!   path buf printed is the external path of a listed file.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::{DiscoverOptions, discover_in, discover_proto_file_in, list_files};

fn kit() -> Option<PathBuf> {
    let kit = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    kit.join("cases.tsv").is_file().then_some(kit)
}

fn config_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            config_files(&path, out);
        } else if let Some(name) = path.file_name().and_then(|n| n.to_str())
            && (name == "buf.yaml"
                || name == "buf.work.yaml"
                || name.ends_with("policy.yaml")
                || (name.contains("policy") && name.ends_with(".yaml")))
        {
            out.push(path);
        }
    }
}

/// Splits a `cases.tsv` argument list like a shell (single quotes only).
fn shell_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                in_word = true;
            }
            ' ' if !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

struct Case {
    group: String,
    name: String,
    cwd: String,
    args: Vec<String>,
}

fn cases(kit: &Path) -> Vec<Case> {
    let text = fs::read_to_string(kit.join("cases.tsv")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            (cols.len() >= 4).then(|| Case {
                group: cols[0].to_string(),
                name: cols[1].to_string(),
                cwd: cols[2].to_string(),
                args: shell_words(cols[3]),
            })
        })
        .collect()
}

struct Expected {
    exit_code: i64,
    stderr: String,
    paths: BTreeSet<String>,
}

fn expected(kit: &Path, case: &Case) -> Option<Expected> {
    let path = kit
        .join("expected")
        .join(&case.group)
        .join(format!("{}.json", case.name));
    let value: serde_json::Value = serde_json::from_str(&fs::read_to_string(path).ok()?).ok()?;
    let paths = value["annotations"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x["path"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Some(Expected {
        exit_code: value["exit_code"].as_i64().unwrap_or(-1),
        stderr: value["stderr"].as_str().unwrap_or("").to_string(),
        paths,
    })
}

/// The kit's scratch layout: `lint/`, `breaking/` and `fixtures/` side by
/// side (symlinked, read only), with `fixtures/inputs/gitrepo` standing for
/// the work tree `setup.sh` would build (the `head` sources).
fn scratch(kit: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        let root = dir.path();
        symlink(kit.join("buf-testdata/lint"), root.join("lint")).expect("symlink");
        symlink(kit.join("buf-testdata/breaking"), root.join("breaking")).expect("symlink");
        let fixtures = kit.join("fixtures");
        fs::create_dir_all(root.join("fixtures/inputs")).expect("mkdir");
        for entry in fs::read_dir(&fixtures).expect("fixtures").flatten() {
            if entry.file_name() != "inputs" {
                symlink(entry.path(), root.join("fixtures").join(entry.file_name()))
                    .expect("symlink");
            }
        }
        let inputs = fixtures.join("inputs");
        symlink(inputs.join("src"), root.join("fixtures/inputs/src")).expect("symlink");
        symlink(
            inputs.join("src/head"),
            root.join("fixtures/inputs/gitrepo"),
        )
        .expect("symlink");
    }
    dir
}

#[derive(Default)]
struct Args {
    input: String,
    against: Option<String>,
    opts: DiscoverOptions,
    against_opts: DiscoverOptions,
}

fn parse_args(args: &[String]) -> Args {
    let mut out = Args::default();
    let mut positional = Vec::new();
    let mut i = 1;
    while i < args.len() {
        let arg = &args[i];
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match arg.as_str() {
            "--path" => out.opts.paths.push(value),
            "--exclude-path" => out.opts.exclude_paths.push(value),
            "--config" => out.opts.config_override = Some(value),
            "--against" => out.against = Some(value),
            "--against-config" => out.against_opts.config_override = Some(value),
            "--error-format" => {}
            "--exclude-imports" => {
                i += 1;
                continue;
            }
            _ => {
                positional.push(arg.clone());
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    out.input = positional
        .first()
        .cloned()
        .unwrap_or_else(|| ".".to_string());
    out
}

/// A directory input (not git, archive or image).
fn is_dir_input(cwd: &Path, input: &str) -> bool {
    !input.contains('#')
        && !input.contains(".git")
        && !input.ends_with(".binpb")
        && !input.ends_with(".json")
        && !input.ends_with(".tar.gz")
        && !input.ends_with(".zip")
        && (cwd.join(input).is_dir() || !cwd.join(input).exists())
}

/// Discovers and lists an input; `Ok` holds the external paths of the
/// target files.
fn run(cwd: &Path, input: &str, opts: &DiscoverOptions) -> Result<BTreeSet<String>, String> {
    let ws = if input.ends_with(".proto") && cwd.join(input).is_file() {
        discover_proto_file_in(cwd, Path::new(input), opts).map(|(ws, _)| ws)
    } else {
        discover_in(cwd, Path::new(input), opts)
    }
    .map_err(|e| e.to_string())?;
    let files = list_files(&ws, opts).map_err(|e| e.to_string())?;
    Ok(files
        .into_iter()
        .filter(|f| f.is_target)
        .map(|f| f.external)
        .collect())
}

#[test]
fn every_config_file_of_the_kit_parses_as_buf_parsed_it() {
    let Some(kit) = kit() else {
        eprintln!("conformance kit not found; skipped");
        return;
    };
    // Directories whose config buf rejected while decoding.
    let mut failing: BTreeSet<PathBuf> = BTreeSet::new();
    for case in cases(&kit) {
        if let Some(exp) = expected(&kit, &case)
            && exp.exit_code == 1
            && exp.stderr.contains("decode ")
        {
            let base = if case.cwd.starts_with("fixtures/") {
                kit.clone()
            } else {
                kit.join("buf-testdata")
            };
            failing.insert(base.join(&case.cwd));
        }
    }
    assert!(!failing.is_empty(), "the kit records a bad buf.yaml");
    let mut files = Vec::new();
    config_files(&kit.join("buf-testdata"), &mut files);
    config_files(&kit.join("fixtures"), &mut files);
    assert!(files.len() > 100, "found {} config files", files.len());
    let mut problems = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("read");
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let result = if name == "buf.work.yaml" {
            super::parse_buf_work_yaml(&text, name).map(|_| ())
        } else if name == "buf.yaml" {
            super::parse_buf_yaml(&text, name).map(|_| ())
        } else {
            super::parse_policy_file(&text, name).map(|_| ())
        };
        let should_fail = file.parent().is_some_and(|d| failing.contains(d)) && name == "buf.yaml";
        match (result, should_fail) {
            (Ok(()), false) | (Err(_), true) => {}
            (Ok(()), true) => problems.push(format!("{}: parsed, buf rejected it", file.display())),
            (Err(e), false) => problems.push(format!("{}: {e}", file.display())),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn discovery_matches_the_recorded_cases() {
    let Some(kit) = kit() else {
        eprintln!("conformance kit not found; skipped");
        return;
    };
    let skipped = fs::read_to_string(kit.join("skipped.tsv")).unwrap_or_default();
    let scratch = scratch(&kit);
    let root = scratch.path();
    let mut problems = Vec::new();
    let mut checked = 0;
    for case in cases(&kit) {
        if skipped.contains(&format!("{}\t{}", case.group, case.name)) {
            continue;
        }
        let Some(exp) = expected(&kit, &case) else {
            continue;
        };
        let cwd = root.join(&case.cwd);
        let args = parse_args(&case.args);
        if !is_dir_input(&cwd, &args.input) && !args.input.ends_with(".proto") {
            continue;
        }
        checked += 1;
        let label = format!("{}/{}", case.group, case.name);
        let discovery_failure = exp.exit_code == 1
            && (exp.stderr.contains("decode ")
                || exp.stderr.contains("contained by module")
                || exp.stderr.contains("had no .proto files")
                || exp.stderr.contains("no .proto files were targeted"));
        let mut printable = BTreeSet::new();
        let mut errors = Vec::new();
        match run(&cwd, &args.input, &args.opts) {
            Ok(paths) => printable.extend(paths),
            Err(e) => errors.push(e),
        }
        if let Some(against) = &args.against
            && is_dir_input(&cwd, against)
        {
            match run(&cwd, against, &args.against_opts) {
                Ok(paths) => printable.extend(paths),
                Err(e) => errors.push(format!("against: {e}")),
            }
        }
        if exp.exit_code != 1 {
            problems.extend(errors.iter().map(|e| format!("{label}: {e}")));
        } else if discovery_failure {
            let want = exp.stderr.trim().trim_start_matches("Failure: ");
            match errors.first() {
                None => problems.push(format!("{label}: discovered, buf failed: {want}")),
                Some(e) => {
                    let e = e.trim_start_matches("against: ");
                    if !want.starts_with("decode ") && want != e {
                        problems.push(format!("{label}: message {e:?}, buf said {want:?}"));
                    }
                }
            }
        }
        if exp.exit_code != 1 {
            for path in &exp.paths {
                if !printable.contains(path) {
                    problems.push(format!("{label}: buf printed {path:?}, not a target file"));
                }
            }
        }
    }
    eprintln!("checked {checked} cases");
    assert!(checked > 100, "checked only {checked} cases");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
