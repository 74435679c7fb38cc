//! Git and archive inputs, with the real binary on throwaway repositories
//! and archives made in temporary directories. Printed paths were checked
//! against buf 1.75 (`buf ls-files` on the same inputs): relative to the
//! root of the fetched tree.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
};

use prost::Message;

const A_PROTO: &str = "syntax = \"proto3\";\npackage acme.v1;\nmessage A { string name = 1; }\n";
const OLD_PROTO: &str = "syntax = \"proto3\";\npackage acme.v1;\nmessage Old {}\n";
const BUF_YAML: &str = "version: v2\nmodules:\n  - path: proto\n";

/// Runs protogate in `dir`, with scratch directories under `tmp`.
fn protogate(dir: &Path, tmp: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_protogate"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TMPDIR", tmp)
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

/// `git` with no global or system configuration and a fixed identity.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
            "-c",
            "core.autocrlf=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .env("GIT_AUTHOR_DATE", "2020-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2020-01-01T00:00:00Z")
        .stdin(Stdio::null())
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A repository: commit "base" (tag v1, branch base) with a.proto and
/// old.proto, then "head" on main without old.proto. Returns the full
/// hashes of base and head.
fn make_repo(dir: &Path) -> (String, String) {
    git(dir, &["init", "-q"]);
    git(dir, &["symbolic-ref", "HEAD", "refs/heads/main"]);
    write(dir, "buf.yaml", BUF_YAML);
    write(dir, "proto/acme/v1/a.proto", A_PROTO);
    write(dir, "proto/acme/v1/old.proto", OLD_PROTO);
    write(dir, "README.md", "not part of the workspace\n");
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "base"]);
    git(dir, &["tag", "v1"]);
    git(dir, &["branch", "base"]);
    let base = git(dir, &["rev-parse", "HEAD"]);
    git(dir, &["rm", "-q", "proto/acme/v1/old.proto"]);
    git(dir, &["commit", "-q", "-m", "head"]);
    let head = git(dir, &["rev-parse", "HEAD"]);
    (base, head)
}

/// What must not change in a repository that protogate reads: the work
/// tree status, HEAD, the refs, and every file below `.git` (path, size,
/// modification time).
fn snapshot(dir: &Path) -> String {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap()).collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let meta = e.metadata().unwrap();
            if meta.is_dir() {
                walk(&e.path(), out);
            } else {
                out.push(format!(
                    "{} {} {:?}",
                    e.path().display(),
                    meta.len(),
                    meta.modified().ok()
                ));
            }
        }
    }
    // `--no-optional-locks`: a plain `git status` may refresh the index.
    let status = git(dir, &["--no-optional-locks", "status", "--porcelain"]);
    let mut files = Vec::new();
    walk(&dir.join(".git"), &mut files);
    format!(
        "status:\n{status}\nHEAD: {}\nrefs:\n{}\nfiles:\n{}",
        git(dir, &["rev-parse", "HEAD"]),
        git(dir, &["for-each-ref"]),
        files.join("\n")
    )
}

fn assert_lists(o: &Output, expected: &[&str]) {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    let want: String = expected.iter().map(|l| format!("{l}\n")).collect();
    assert_eq!(stdout(o), want, "stderr: {}", stderr(o));
}

fn assert_fails(o: &Output, needle: &str) {
    assert_eq!(o.status.code(), Some(1), "stdout: {}", stdout(o));
    assert!(stdout(o).is_empty(), "stdout: {}", stdout(o));
    let err = stderr(o);
    assert!(err.starts_with("Failure: "), "stderr: {err}");
    assert!(err.contains(needle), "expected {needle:?} in: {err}");
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).unwrap().next().is_none()
}

#[test]
fn git_revisions_are_read_without_touching_the_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    fs::create_dir(&repo).unwrap();
    let (base, head) = make_repo(&repo);
    let before = snapshot(&repo);
    let both = ["proto/acme/v1/a.proto", "proto/acme/v1/old.proto"];
    let short = &base[..7];
    let inputs = [
        ".git#branch=base".to_string(),
        ".git#tag=v1".to_string(),
        ".git#ref=HEAD~1".to_string(),
        ".git#ref=HEAD~1,depth=2".to_string(),
        format!(".git#ref={short}"),
        ".git#ref=base".to_string(),
        ".git#ref=v1".to_string(),
        format!(".git#commit={base}"),
        ".git#branch=main,ref=HEAD~1".to_string(),
    ];
    for input in &inputs {
        let o = protogate(&repo, scratch.path(), &["ls-files", input]);
        assert_lists(&o, &both);
        let line = format!("protogate: {input} is commit {base}");
        assert!(stderr(&o).starts_with(&line), "{input}: {}", stderr(&o));
        assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    }
    // No option: HEAD.
    let o = protogate(&repo, scratch.path(), &["ls-files", ".git"]);
    assert_lists(&o, &["proto/acme/v1/a.proto"]);
    assert_eq!(stderr(&o), format!("protogate: .git is commit {head}\n"));
    // From elsewhere, with the path to the repository.
    let o = protogate(
        tmp.path(),
        scratch.path(),
        &["ls-files", "repo/.git#tag=v1"],
    );
    assert_lists(&o, &both);
    // A work tree named with format=git.
    let o = protogate(
        tmp.path(),
        scratch.path(),
        &["ls-files", "repo#format=git,ref=HEAD~1"],
    );
    assert_lists(&o, &both);
    // subdir: the input directory inside the tree; paths stay relative to
    // the tree root, as buf prints them.
    let o = protogate(
        &repo,
        scratch.path(),
        &["ls-files", ".git#branch=base,subdir=proto"],
    );
    assert_lists(&o, &both);
    // A build of a revision: the image holds the revision's files.
    let out = scratch.path().join("out.binpb");
    let o = protogate(
        &repo,
        tmp.path(),
        &["build", ".git#tag=v1", "-o", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let set = prost_types::FileDescriptorSet::decode(fs::read(&out).unwrap().as_slice()).unwrap();
    let names: Vec<&str> = set.file.iter().map(|f| f.name()).collect();
    assert_eq!(names, ["acme/v1/a.proto", "acme/v1/old.proto"]);
    fs::remove_file(&out).unwrap();

    assert_eq!(snapshot(&repo), before, "the repository changed");
    assert!(
        is_empty_dir(scratch.path()),
        "scratch directories left behind"
    );
}

#[test]
fn git_branch_falls_back_to_the_remote_tracking_branch() {
    let tmp = tempfile::tempdir().unwrap();
    let origin = tmp.path().join("origin");
    fs::create_dir(&origin).unwrap();
    let (base, _) = make_repo(&origin);
    let url = format!("file://{}", origin.display());
    git(tmp.path(), &["clone", "-q", &url, "clone"]);
    let clone = tmp.path().join("clone");
    // The clone has refs/remotes/origin/base but no local branch base
    // (what CI checkouts look like).
    let o = protogate(&clone, tmp.path(), &["ls-files", ".git#branch=base"]);
    assert_lists(&o, &["proto/acme/v1/a.proto", "proto/acme/v1/old.proto"]);
    assert_eq!(
        stderr(&o),
        format!(
            "protogate: .git#branch=base is commit {base} (refs/remotes/origin/base; there is no local branch base)\n"
        )
    );
    // origin/base names it directly, as in buf.
    let o = protogate(&clone, tmp.path(), &["ls-files", ".git#branch=origin/base"]);
    assert_lists(&o, &["proto/acme/v1/a.proto", "proto/acme/v1/old.proto"]);
}

#[test]
fn git_merge_base_compares_against_the_fork_point() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    let (_, head) = make_repo(repo);
    // feature forks from main's head and adds new.proto; main then moves
    // on and adds other.proto.
    git(repo, &["checkout", "-q", "-b", "feature"]);
    write(
        repo,
        "proto/acme/v1/new.proto",
        "syntax = \"proto3\";\npackage acme.v1;\n",
    );
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "feature"]);
    git(repo, &["checkout", "-q", "main"]);
    write(
        repo,
        "proto/acme/v1/other.proto",
        "syntax = \"proto3\";\npackage acme.v1;\n",
    );
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "main moves on"]);
    git(repo, &["checkout", "-q", "feature"]);
    let before = snapshot(repo);
    let scratch = tempfile::tempdir().unwrap();
    let o = protogate(repo, scratch.path(), &["ls-files", ".git#merge_base=main"]);
    assert_lists(&o, &["proto/acme/v1/a.proto"]);
    assert_eq!(
        stderr(&o),
        format!("protogate: .git#merge_base=main is commit {head} (merge base of HEAD and main)\n")
    );
    // Not combinable with another revision.
    let o = protogate(
        repo,
        scratch.path(),
        &["ls-files", ".git#merge_base=main,branch=base"],
    );
    assert_fails(&o, "cannot specify \"merge_base\"");
    assert_eq!(snapshot(repo), before);
    assert!(is_empty_dir(scratch.path()));
}

#[test]
fn git_shallow_clone_names_the_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let origin = tmp.path().join("origin");
    fs::create_dir(&origin).unwrap();
    let (_, head) = make_repo(&origin);
    let url = format!("file://{}", origin.display());
    git(
        tmp.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    let shallow = tmp.path().join("shallow");
    let before = snapshot(&shallow);
    let o = protogate(&shallow, tmp.path(), &["ls-files", ".git#ref=HEAD~1"]);
    assert_fails(&o, "revision \"HEAD~1\" not found");
    let err = stderr(&o);
    assert!(err.contains("shallow clone"), "{err}");
    assert!(err.contains("git fetch --unshallow"), "{err}");
    assert!(err.contains("fetch-depth: 0"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // The tag was not fetched either.
    let o = protogate(&shallow, tmp.path(), &["ls-files", ".git#tag=v1"]);
    assert_fails(&o, "tag \"v1\" not found");
    assert!(stderr(&o).contains("git fetch --unshallow"));
    // What the clone has still works.
    let o = protogate(&shallow, tmp.path(), &["ls-files", ".git#branch=main"]);
    assert_lists(&o, &["proto/acme/v1/a.proto"]);
    assert!(stderr(&o).contains(&head));
    assert_eq!(snapshot(&shallow), before);
}

#[test]
fn git_failures_are_one_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    fs::create_dir(&repo).unwrap();
    make_repo(&repo);
    let before = snapshot(&repo);
    let run = |args: &[&str]| protogate(&repo, tmp.path(), args);

    // A missing revision.
    let o = run(&["ls-files", ".git#ref=nope"]);
    assert_fails(&o, "revision \"nope\" not found in the repository");
    assert_eq!(stderr(&o).lines().count(), 1);
    // A missing branch: buf's message.
    let o = run(&["ls-files", ".git#branch=nope"]);
    assert_fails(&o, "fatal: couldn't find remote ref nope");
    // branch= takes a ref name, as in buf; short hashes are refused too.
    let o = run(&["ls-files", ".git#branch=main~1"]);
    assert_fails(&o, "not a ref name");
    let o = run(&["ls-files", ".git#ref=HEAD~5"]);
    assert_fails(&o, "not found");
    // Values that git could read as options are refused before git runs.
    let marker = tmp.path().join("marker");
    let bad = format!(".git#ref=--output={}", marker.display());
    for input in [
        bad.as_str(),
        ".git#branch=-x",
        ".git#tag=--upload-pack=touch",
        ".git#subdir=-x",
        ".git#merge_base=-x",
    ] {
        let o = run(&["ls-files", input]);
        assert_fails(&o, "may not start with \"-\"");
    }
    assert!(!marker.exists());
    // Options buf rejects, with buf's messages.
    let o = run(&["ls-files", ".git#tag=v1,branch=base"]);
    assert_fails(
        &o,
        "must specify only one of \"branch\", \"commit\", or \"tag\"",
    );
    let o = run(&["ls-files", ".git#ref=HEAD,tag=v1"]);
    assert_fails(&o, "cannot specify \"commit\" or \"tag\" with \"ref\"");
    let o = run(&["ls-files", ".git#depth=0"]);
    assert_fails(&o, "\"depth\" must be >0 if specified");
    let o = run(&["ls-files", ".git#ref=HEAD~1,strip_components=1"]);
    assert_fails(&o, "archive options set");
    let o = run(&["ls-files", ".git#ref=HEAD~1,subdir=../x"]);
    assert_fails(&o, "../x: is outside the context directory");
    // Remote repositories need the network.
    for url in [
        "https://github.com/acme/protos.git#branch=main",
        "ssh://git@github.com/acme/protos.git",
        "git@github.com:acme/protos.git",
    ] {
        let o = run(&["ls-files", url]);
        assert_fails(&o, "protogate reads local git repositories only");
    }
    assert_eq!(snapshot(&repo), before);

    // Not a repository: an empty `.git` directory, and no `.git` at all.
    let not_repo = tmp.path().join("plain");
    fs::create_dir_all(not_repo.join(".git")).unwrap();
    let o = protogate(&not_repo, tmp.path(), &["ls-files", ".git#branch=main"]);
    assert_fails(&o, ".git is not a git repository");
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    let o = protogate(&not_repo, tmp.path(), &["ls-files", "nope/.git"]);
    assert_fails(&o, "nope/.git does not exist");
    // A subdirectory of the repository has no `.git` of its own.
    let o = protogate(&repo.join("proto"), tmp.path(), &["ls-files", ".git"]);
    assert_fails(&o, "run from the repository's top level");
}

#[test]
fn git_without_git_installed() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join(".git")).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_protogate"))
        .args(["ls-files", ".git#branch=main"])
        .current_dir(tmp.path())
        .env("PATH", tmp.path())
        .env("TMPDIR", tmp.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_fails(&o, "git executable, which was not found on PATH");
}

// ---------------------------------------------------------------------------
// Archives

/// The base tree of [`make_repo`] under a top-level `base/` directory.
const TREE: &[(&str, &str)] = &[
    ("base/buf.yaml", BUF_YAML),
    ("base/proto/acme/v1/a.proto", A_PROTO),
    ("base/proto/acme/v1/old.proto", OLD_PROTO),
    ("base/README.md", "ignored\n"),
];

fn tar_bytes(extra: impl FnOnce(&mut tar::Builder<Vec<u8>>)) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, text) in TREE {
        let mut h = tar::Header::new_gnu();
        h.set_size(text.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, name, text.as_bytes()).unwrap();
    }
    extra(&mut b);
    b.into_inner().unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn zip_bytes() -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.add_directory("base/", opts).unwrap();
    for (name, text) in TREE {
        w.start_file(*name, opts).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn archives_dir() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let scratch = tmp.path().join("scratch");
    fs::create_dir(&scratch).unwrap();
    let tar = tar_bytes(|_| {});
    fs::write(tmp.path().join("base.tar"), &tar).unwrap();
    fs::write(tmp.path().join("base.tar.gz"), gzip(&tar)).unwrap();
    fs::write(tmp.path().join("base.tgz"), gzip(&tar)).unwrap();
    fs::write(tmp.path().join("base.zip"), zip_bytes()).unwrap();
    (tmp, scratch)
}

#[test]
fn archives_list_like_buf() {
    let (tmp, scratch) = archives_dir();
    let dir = tmp.path();
    let stripped = ["proto/acme/v1/a.proto", "proto/acme/v1/old.proto"];
    let unstripped = ["base/proto/acme/v1/a.proto", "base/proto/acme/v1/old.proto"];
    for archive in ["base.tar", "base.tar.gz", "base.tgz", "base.zip"] {
        let run = |opts: &str| protogate(dir, &scratch, &["ls-files", &format!("{archive}{opts}")]);
        assert_lists(&run("#strip_components=1"), &stripped);
        assert_lists(&run("#strip_components=1,subdir=proto"), &stripped);
        // No buf.yaml at the root: the root is a v1 module of its own.
        assert_lists(&run(""), &unstripped);
        // subdir finds base/buf.yaml; paths stay relative to the archive root.
        assert_lists(&run("#subdir=base"), &unstripped);
        // Entries with no more components than stripped are dropped, as in buf.
        assert_lists(&run("#strip_components=4"), &["a.proto", "old.proto"]);
        assert_fails(&run("#strip_components=5"), "had no .proto files");
        assert_fails(
            &run("#strip_components=x"),
            "could not parse strip_components value \"x\"",
        );
        assert_fails(&run("#branch=main"), "git options set");
    }
    let o = protogate(dir, &scratch, &["ls-files", "base.tar#compression=gzip"]);
    assert_fails(&o, "could not read gzip-compressed tar archive base.tar");
    let o = protogate(dir, &scratch, &["ls-files", "base.zip#compression=gzip"]);
    assert_fails(&o, "cannot specify compression type for zip files");
    // A build from an archive: same files as from the directory.
    let out = dir.join("out.binpb");
    let o = protogate(
        dir,
        &scratch,
        &[
            "build",
            "base.tar.gz#strip_components=1",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let set = prost_types::FileDescriptorSet::decode(fs::read(&out).unwrap().as_slice()).unwrap();
    let names: Vec<&str> = set.file.iter().map(|f| f.name()).collect();
    assert_eq!(names, ["acme/v1/a.proto", "acme/v1/old.proto"]);
    assert!(is_empty_dir(&scratch), "scratch directories left behind");
}

#[test]
fn broken_and_hostile_archives_fail_clearly() {
    let (tmp, scratch) = archives_dir();
    let dir = tmp.path();
    // Truncated and garbage archives.
    let gz = fs::read(dir.join("base.tar.gz")).unwrap();
    fs::write(dir.join("cut.tar.gz"), &gz[..gz.len() / 2]).unwrap();
    fs::write(dir.join("junk.zip"), b"this is not a zip file").unwrap();
    fs::write(dir.join("junk.tar"), b"short").unwrap();
    for (input, needle) in [
        (
            "cut.tar.gz",
            "could not read gzip-compressed tar archive cut.tar.gz",
        ),
        ("junk.zip", "could not read zip archive junk.zip"),
        ("junk.tar", "could not read tar archive junk.tar"),
        ("missing.tar.gz", "missing.tar.gz"),
    ] {
        let o = protogate(dir, &scratch, &["ls-files", input]);
        assert_fails(&o, needle);
        assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    }
    // An entry that climbs out of the archive fails the input.
    let evil = tar_bytes(|b| {
        let text = b"syntax = \"proto3\";\n";
        let mut h = tar::Header::new_old();
        let name = b"../evil.proto";
        h.as_old_mut().name[..name.len()].copy_from_slice(name);
        h.set_size(text.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        h.set_cksum();
        b.append(&h, &text[..]).unwrap();
    });
    fs::write(dir.join("evil.tar"), evil).unwrap();
    let o = protogate(dir, &scratch, &["ls-files", "evil.tar"]);
    assert_fails(&o, "entry \"../evil.proto\" points outside the archive");
    assert!(!dir.join("evil.proto").exists());
    assert!(!scratch.join("evil.proto").exists());
    // Symbolic links are not followed: a link to a file outside is skipped.
    fs::write(dir.join("secret.proto"), "syntax = \"proto3\";\n").unwrap();
    let linked = tar_bytes(|b| {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Symlink);
        h.set_size(0);
        h.set_mode(0o777);
        b.append_link(
            &mut h,
            "base/proto/acme/v1/link.proto",
            dir.join("secret.proto"),
        )
        .unwrap();
    });
    fs::write(dir.join("linked.tar"), linked).unwrap();
    let o = protogate(
        dir,
        &scratch,
        &["ls-files", "linked.tar#strip_components=1"],
    );
    assert_lists(&o, &["proto/acme/v1/a.proto", "proto/acme/v1/old.proto"]);
    assert!(is_empty_dir(&scratch), "scratch directories left behind");
}

#[test]
fn breaking_against_git_refs() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    let (base, head) = make_repo(repo);
    // The work tree changes a field's type: breaking against HEAD.
    write(
        repo,
        "proto/acme/v1/a.proto",
        "syntax = \"proto3\";\npackage acme.v1;\nmessage A { int64 name = 1; }\n",
    );
    let before = snapshot(repo);
    let scratch = tempfile::tempdir().unwrap();
    let o = protogate(
        repo,
        scratch.path(),
        &["breaking", "--against", ".git#branch=main"],
    );
    assert_eq!(o.status.code(), Some(100), "stderr: {}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "proto/acme/v1/a.proto:3:13:Field \"1\" with name \"name\" on message \"A\" changed type from \"string\" to \"int64\".\n"
    );
    assert_eq!(
        stderr(&o),
        format!("protogate: .git#branch=main is commit {head}\n")
    );
    // Against the base (tag v1, HEAD~1): old.proto was deleted since.
    for against in [
        ".git#tag=v1",
        ".git#ref=HEAD~1",
        ".git#branch=base,subdir=proto",
    ] {
        let o = protogate(
            repo,
            scratch.path(),
            &["breaking", "--against", against, "--error-format", "json"],
        );
        assert_eq!(o.status.code(), Some(100), "{against}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(
            out.contains("\"type\":\"FILE_NO_DELETE\",\"message\":\"Previously present file \\\"acme/v1/old.proto\\\" was deleted.\""),
            "{against}: {out}"
        );
        assert!(
            out.contains("\"type\":\"FIELD_SAME_TYPE\""),
            "{against}: {out}"
        );
        assert!(
            stderr(&o).contains(&format!("is commit {base}")),
            "{against}: {}",
            stderr(&o)
        );
    }
    // Against itself (HEAD with the change committed): nothing breaks.
    git(repo, &["commit", "-q", "-am", "int64"]);
    let o = protogate(
        repo,
        scratch.path(),
        &["breaking", "--against", ".git#branch=main"],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(is_empty_dir(scratch.path()));
    // The commit above is the only change to the repository.
    assert_ne!(snapshot(repo), before);
}
