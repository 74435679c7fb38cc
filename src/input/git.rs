//! Git inputs: `.git#branch=main`, `path/to/repo/.git#ref=HEAD~1`, ...
//!
//! buf clones the repository into a temporary directory. protogate reads
//! the revision straight from the user's repository instead, with no clone,
//! no checkout and nothing written to the repository or its configuration:
//!
//! 1. the revision is resolved (`git rev-parse --verify`, or the refs that
//!    `git fetch <name>` would match for `branch=` / `tag=` / `commit=`);
//! 2. its tree is listed (`git ls-tree -r -z`), keeping the files a
//!    workspace can need (`.proto`, `buf.yaml`, `buf.work.yaml`, YAML policy
//!    files);
//! 3. those blobs are read through one `git cat-file --batch` process and
//!    written into a scratch directory, which is then discovered and
//!    compiled like a directory (see [`super::load`]).
//!
//! Revisions, as buf resolves them:
//!
//! * `branch=`, `tag=`, `commit=`: a ref name matched the way `git fetch`
//!   matches a remote ref (`<name>`, `refs/<name>`, `refs/tags/<name>`,
//!   `refs/heads/<name>`, `refs/remotes/<name>`, `refs/remotes/<name>/HEAD`,
//!   in that order), or a full commit hash; short hashes and expressions
//!   such as `main~1` are refused, as in buf. Beyond buf, a `branch=` that
//!   exists only as `refs/remotes/origin/<name>` (CI checkouts) is found.
//! * `ref=`: any revision git resolves (`HEAD~1`, a short hash, a branch,
//!   tag or remote-tracking name). With `branch=`, `HEAD` in it means that
//!   branch (`branch=main,ref=HEAD~1`).
//! * `merge_base=<rev>` (protogate only): the merge base of `HEAD` and
//!   `<rev>`, i.e. what a pull request changes.
//! * nothing: `HEAD`.
//!
//! `depth=` is validated and ignored (nothing is fetched). Remote URLs need
//! the network and are refused: protogate reads local repositories only.

use std::{
    io::{self, BufRead, BufReader, Read, Write},
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
};

use super::{
    InputRef,
    archive::{ARCHIVE_OPTIONS, check_subdir, is_workspace_file, safe_relative},
};
use crate::{Error, Result, gostr::quote};

/// Reads the revision of the git input `input` (typed as `raw`) into
/// `dest`; returns the input directory inside it (`subdir=`, default `.`).
pub fn fetch(input: &InputRef, raw: &str, dest: &Path) -> Result<String> {
    let want = parse_options(input, raw)?;
    let subdir = check_subdir(input)?;
    let timer = crate::timing::Timer::start("git");
    let repo = Repo::open(&input.path, raw)?;
    let (commit, detail) = repo.resolve(&want)?;
    timer.stage("resolve");
    let mut err = io::stderr().lock();
    let _ = match detail {
        Some(d) => writeln!(err, "protogate: {raw} is commit {commit} ({d})"),
        None => writeln!(err, "protogate: {raw} is commit {commit}"),
    };
    drop(err);
    let recurse = input.option("recurse_submodules") == Some("true");
    repo.read_tree(&commit, dest, recurse)?;
    timer.stage("read_tree");
    Ok(subdir)
}

/// Which revision the options ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Want {
    Head,
    /// `branch=`, `tag=` or `commit=` (the key, the value).
    Named(&'static str, String),
    /// `ref=`, optionally relative to `branch=`.
    Rev {
        rev: String,
        branch: Option<String>,
    },
    MergeBase(String),
}

/// Validates the options of a git input, before any git call.
fn parse_options(input: &InputRef, raw: &str) -> Result<Want> {
    if input
        .options
        .iter()
        .any(|(k, _)| ARCHIVE_OPTIONS.contains(&k.as_str()))
    {
        return Err(Error::msg(format!(
            "invalid options for input {} for format \"git\": archive options set",
            quote(raw)
        )));
    }
    let branch = input.option("branch");
    let tag = input.option("tag");
    let commit = input.option("commit");
    let reference = input.option("ref");
    let merge_base = input.option("merge_base");
    if [branch, tag, commit].iter().filter(|v| v.is_some()).count() > 1 {
        return Err(Error::msg(
            "must specify only one of \"branch\", \"commit\", or \"tag\"",
        ));
    }
    if reference.is_some() && (tag.is_some() || commit.is_some()) {
        return Err(Error::msg(
            "cannot specify \"commit\" or \"tag\" with \"ref\"",
        ));
    }
    if merge_base.is_some()
        && (branch.is_some() || tag.is_some() || commit.is_some() || reference.is_some())
    {
        return Err(Error::msg(
            "cannot specify \"merge_base\" with \"branch\", \"commit\", \"tag\" or \"ref\"",
        ));
    }
    for (key, value) in &input.options {
        if !matches!(
            key.as_str(),
            "branch" | "tag" | "commit" | "ref" | "merge_base" | "subdir"
        ) {
            continue;
        }
        if value.is_empty() {
            return Err(Error::msg(format!("invalid options: \"{key}=\"")));
        }
        if value.starts_with('-') {
            return Err(Error::msg(format!(
                "invalid {key} {}: a git input option may not start with \"-\"",
                quote(value)
            )));
        }
        if value.contains(['\0', '\n', '\r']) {
            return Err(Error::msg(format!(
                "invalid {key} {}: control characters are not allowed",
                quote(value)
            )));
        }
    }
    if let Some(depth) = input.option("depth") {
        match depth.parse::<u32>() {
            Ok(0) => return Err(Error::msg("\"depth\" must be >0 if specified")),
            Ok(_) => {}
            Err(_) => {
                return Err(Error::msg(format!(
                    "could not parse \"depth\" value {}",
                    quote(depth)
                )));
            }
        }
    }
    if let Some(v) = input.option("recurse_submodules")
        && !matches!(v, "true" | "false")
    {
        return Err(Error::msg(format!(
            "could not parse \"recurse_submodules\" value {}",
            quote(v)
        )));
    }
    Ok(if let Some(m) = merge_base {
        Want::MergeBase(m.to_string())
    } else if let Some(r) = reference {
        Want::Rev {
            rev: r.to_string(),
            branch: branch.map(str::to_string),
        }
    } else if let Some(b) = branch {
        Want::Named("branch", b.to_string())
    } else if let Some(t) = tag {
        Want::Named("tag", t.to_string())
    } else if let Some(c) = commit {
        Want::Named("commit", c.to_string())
    } else {
        Want::Head
    })
}

/// A local repository, addressed with `git --git-dir`.
struct Repo {
    git_dir: PathBuf,
    /// The path as the user typed it.
    display: String,
    /// `file://` + the absolute path: how buf names the repository.
    url: String,
    shallow: bool,
}

/// Whether `path` names a repository that needs the network.
fn is_remote(path: &str) -> bool {
    const SCHEMES: &[&str] = &[
        "http://",
        "https://",
        "ssh://",
        "git://",
        "git+ssh://",
        "ssh+git://",
    ];
    if SCHEMES.iter().any(|s| path.starts_with(s)) {
        return true;
    }
    // scp-like `user@host:path` or `host:path` (git's rule: a colon before
    // the first slash), but not a Windows drive (`C:\...`).
    match path.find(':') {
        Some(i) => !path[..i].contains('/') && (i != 1 || !cfg!(windows)),
        None => false,
    }
}

impl Repo {
    fn open(path: &str, raw: &str) -> Result<Repo> {
        let local = match path.strip_prefix("file://") {
            // file:///abs/path (or file://localhost/abs/path)
            Some(rest) => rest.strip_prefix("localhost").unwrap_or(rest),
            None if is_remote(path) => {
                return Err(Error::msg(format!(
                    "{raw}: protogate reads local git repositories only (no network access); \
                     clone the repository and use path/to/clone/.git#... as the input"
                )));
            }
            None => path,
        };
        let abs = lexical_clean(&super::absolute(Path::new(local)));
        let url = format!("file://{}", abs.display());
        if !abs.exists() {
            let hint = if Path::new(local).file_name().is_some_and(|n| n == ".git") {
                " (\".git\" names the repository of the current directory: run from the \
                 repository's top level, or give the path to its .git directory)"
            } else {
                ""
            };
            return Err(Error::msg(format!("{raw}: {local} does not exist{hint}")));
        }
        // A work tree (format=git on its directory) or the git directory itself.
        let git_dir = if abs.join(".git").exists() {
            abs.join(".git")
        } else {
            abs
        };
        let mut repo = Repo {
            git_dir,
            display: local.to_string(),
            url,
            shallow: false,
        };
        let out = repo.run(&["rev-parse", "--is-shallow-repository"])?;
        if !out.status.success() {
            return Err(Error::msg(format!(
                "{raw}: {} is not a git repository{}",
                repo.display,
                git_says(&out)
            )));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        repo.shallow = text.trim() == "true" || repo.git_dir.join("shallow").is_file();
        Ok(repo)
    }

    /// `git` with settings that keep it from changing the repository or
    /// being redirected by the environment.
    fn command(&self) -> Command {
        let mut cmd = Command::new("git");
        // Variables that could point git at another repository, object
        // store, configuration or index, or change what it reads.
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("GIT_") && key != "GIT_EXEC_PATH" {
                cmd.env_remove(key);
            }
        }
        cmd.env("GIT_TERMINAL_PROMPT", "0")
            // Read the objects as they are: no replacement refs, no
            // on-demand download of missing objects of a partial clone.
            .env("GIT_NO_REPLACE_OBJECTS", "1")
            .env("GIT_NO_LAZY_FETCH", "1")
            .env("GIT_OPTIONAL_LOCKS", "0")
            .env("LC_ALL", "C")
            .arg("--no-pager")
            .args(["-c", "core.fsmonitor=false"])
            .args(["-c", "core.useReplaceRefs=false"])
            .args(["-c", "gc.auto=0"])
            .args(["-c", "maintenance.auto=false"])
            .arg(format!("--git-dir={}", self.git_dir.display()))
            .stdin(Stdio::null());
        cmd
    }

    fn run(&self, args: &[&str]) -> Result<Output> {
        self.command().args(args).output().map_err(git_spawn_error)
    }

    /// `rev-parse --verify` of `rev^{commit}`: the full hash, or None.
    fn rev_parse(&self, rev: &str) -> Result<Option<String>> {
        let spec = format!("{rev}^{{commit}}");
        let out = self.run(&["rev-parse", "--verify", "-q", "--end-of-options", &spec])?;
        let sha = String::from_utf8_lossy(&out.stdout).trim().to_string();
        Ok((out.status.success() && !sha.is_empty()).then_some(sha))
    }

    /// The commit the options name, and a note for the message.
    fn resolve(&self, want: &Want) -> Result<(String, Option<String>)> {
        match want {
            Want::Head => match self.rev_parse("HEAD")? {
                Some(sha) => Ok((sha, None)),
                None => Err(self.missing("HEAD", "HEAD (the repository has no commits?)")),
            },
            Want::Named(key, name) => self.resolve_named(key, name),
            Want::Rev { rev, branch } => {
                let mut spec = rev.clone();
                let mut detail = None;
                if let Some(b) = branch {
                    let (sha, _) = self.resolve_named("branch", b)?;
                    // `HEAD` is the branch's tip, as in buf's clone.
                    if let Some(rest) = rev.strip_prefix("HEAD")
                        && (rest.is_empty() || rest.starts_with(['~', '^']))
                    {
                        spec = format!("{sha}{rest}");
                        detail = Some(format!("{rev} on branch {b}"));
                    }
                }
                match self.rev_parse(&spec)? {
                    Some(sha) => Ok((sha, detail)),
                    None => Err(self.missing(rev, &format!("revision {}", quote(rev)))),
                }
            }
            Want::MergeBase(other) => {
                let head = self
                    .rev_parse("HEAD")?
                    .ok_or_else(|| self.missing("HEAD", "HEAD"))?;
                let theirs = self
                    .rev_parse(other)?
                    .ok_or_else(|| self.missing(other, &format!("revision {}", quote(other))))?;
                let out = self.run(&["merge-base", &head, &theirs])?;
                let sha = String::from_utf8_lossy(&out.stdout).trim().to_string();
                if !out.status.success() || sha.is_empty() {
                    let mut msg = format!(
                        "{}: HEAD and {} have no common ancestor",
                        self.display,
                        quote(other)
                    );
                    if self.shallow {
                        msg.push_str(&shallow_hint());
                    }
                    return Err(Error::msg(msg));
                }
                Ok((sha, Some(format!("merge base of HEAD and {other}"))))
            }
        }
    }

    /// `branch=` / `tag=` / `commit=`: what `git fetch origin <name>`
    /// fetches from this repository (a ref, or a full hash).
    fn resolve_named(&self, key: &str, name: &str) -> Result<(String, Option<String>)> {
        if is_full_hash(name) {
            return match self.rev_parse(name)? {
                Some(sha) => Ok((sha, None)),
                None => Err(self.not_found_remote_ref(key, name)),
            };
        }
        if !is_ref_name(name) {
            return Err(Error::msg(format!(
                "invalid {key} {}: not a ref name (use ref= for revisions such as HEAD~1 or a short commit hash)",
                quote(name)
            )));
        }
        if name == "HEAD" {
            return match self.rev_parse("HEAD")? {
                Some(sha) => Ok((sha, None)),
                None => Err(self.not_found_remote_ref(key, name)),
            };
        }
        // git's ref_rev_parse_rules, as `git fetch` matches a remote ref.
        let mut candidates = vec![
            format!("refs/{name}"),
            format!("refs/tags/{name}"),
            format!("refs/heads/{name}"),
            format!("refs/remotes/{name}"),
            format!("refs/remotes/{name}/HEAD"),
        ];
        if name.starts_with("refs/") {
            candidates.insert(0, name.to_string());
        }
        // Beyond buf: a branch that CI checked out only as a remote-tracking ref.
        let fallback = format!("refs/remotes/origin/{name}");
        if key == "branch" {
            candidates.push(fallback.clone());
        }
        let mut args = vec!["for-each-ref", "--format=%(refname)"];
        args.extend(candidates.iter().map(String::as_str));
        let out = self.run(&args)?;
        if !out.status.success() {
            return Err(Error::msg(format!(
                "{}: could not list refs{}",
                self.display,
                git_says(&out)
            )));
        }
        let listed = String::from_utf8_lossy(&out.stdout);
        let found: Vec<&str> = listed.lines().collect();
        let Some(refname) = candidates.iter().find(|c| found.contains(&c.as_str())) else {
            return Err(self.not_found_remote_ref(key, name));
        };
        match self.rev_parse(refname)? {
            Some(sha) => Ok((
                sha,
                (*refname == fallback)
                    .then(|| format!("{refname}; there is no local branch {name}")),
            )),
            None => Err(Error::msg(format!(
                "{}: {refname} does not point to a commit",
                self.display
            ))),
        }
    }

    /// buf's message for a branch, tag or commit that is not there.
    fn not_found_remote_ref(&self, key: &str, name: &str) -> Error {
        if self.shallow {
            return self.missing(name, &format!("{key} {}", quote(name)));
        }
        Error::msg(format!(
            "could not clone {}: exit status 128\nfatal: couldn't find remote ref {name}\n",
            self.url
        ))
    }

    fn missing(&self, _rev: &str, what: &str) -> Error {
        let mut msg = format!("{}: {what} not found in the repository", self.display);
        if self.shallow {
            msg.push_str(&shallow_hint());
        }
        Error::msg(msg)
    }

    /// Writes the workspace files of `commit`'s tree below `dest`.
    fn read_tree(&self, commit: &str, dest: &Path, recurse_submodules: bool) -> Result<()> {
        let out = self.run(&["ls-tree", "-r", "-z", "--full-tree", commit])?;
        if !out.status.success() {
            return Err(Error::msg(format!(
                "{}: could not list the files of commit {commit}{}",
                self.display,
                git_says(&out)
            )));
        }
        let mut blobs: Vec<(String, String)> = Vec::new();
        let mut submodules: Vec<String> = Vec::new();
        for entry in out.stdout.split(|&b| b == 0).filter(|e| !e.is_empty()) {
            // `<mode> SP <type> SP <object> TAB <path>`
            let Some(tab) = entry.iter().position(|&b| b == b'\t') else {
                continue;
            };
            let meta = String::from_utf8_lossy(&entry[..tab]);
            let Ok(path) = std::str::from_utf8(&entry[tab + 1..]) else {
                continue; // not a name protobuf can import
            };
            let mut fields = meta.split(' ');
            let (Some(mode), Some(kind), Some(oid)) = (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            match (kind, mode) {
                // Regular files; symbolic links (120000) are not followed.
                ("blob", "100644" | "100755") => {}
                ("commit", _) => {
                    submodules.push(path.to_string());
                    continue;
                }
                _ => continue,
            }
            let Ok(Some(rel)) = safe_relative(path) else {
                return Err(Error::msg(format!(
                    "{}: commit {commit} has a file outside its tree: {}",
                    self.display,
                    quote(path)
                )));
            };
            if is_workspace_file(&rel) {
                blobs.push((oid.to_string(), rel));
            }
        }
        if recurse_submodules && !submodules.is_empty() {
            return Err(Error::msg(format!(
                "{}: recurse_submodules=true: protogate does not read submodules ({})",
                self.display,
                submodules.join(", ")
            )));
        }
        self.cat_files(&blobs, dest)
    }

    /// Reads `blobs` (object, path) with one `git cat-file --batch` and
    /// writes them below `dest`.
    fn cat_files(&self, blobs: &[(String, String)], dest: &Path) -> Result<()> {
        if blobs.is_empty() {
            return Ok(());
        }
        let mut child = self
            .command()
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(git_spawn_error)?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::msg("git cat-file: no pipes"));
        };
        // Requests are written by a thread while this one reads the answers,
        // so neither side waits on the other's full pipe.
        let result = std::thread::scope(|scope| {
            let writer = scope.spawn(move || -> io::Result<()> {
                let mut w = io::BufWriter::new(stdin);
                for (oid, _) in blobs {
                    writeln!(w, "{oid}")?;
                }
                w.flush()
                // Dropping stdin ends cat-file once it has answered.
            });
            let read = self.read_batch(stdout, blobs, dest);
            if read.is_err() {
                // Unblocks the writer (broken pipe) before it is joined.
                let _ = child.kill();
            }
            let _ = writer.join();
            read
        });
        let out = child
            .wait_with_output()
            .map_err(|e| Error::msg(format!("git cat-file: {e}")))?;
        result?;
        if !out.status.success() {
            return Err(Error::msg(format!(
                "{}: git cat-file failed{}",
                self.display,
                git_says(&out)
            )));
        }
        Ok(())
    }

    /// Reads the answers of `git cat-file --batch` to `blobs`, in order,
    /// and writes each below `dest`.
    fn read_batch(
        &self,
        stdout: std::process::ChildStdout,
        blobs: &[(String, String)],
        dest: &Path,
    ) -> Result<()> {
        let mut stdout = BufReader::with_capacity(1 << 16, stdout);
        let broken = |e: io::Error| Error::msg(format!("git cat-file: {e}"));
        let mut header = String::new();
        let mut files: Vec<(&str, Vec<u8>)> = Vec::with_capacity(blobs.len());
        for (oid, rel) in blobs {
            header.clear();
            stdout.read_line(&mut header).map_err(broken)?;
            // `<oid> <type> <size>`, or `<oid> missing`
            let mut fields = header.split_whitespace();
            let (_, kind, size) = (fields.next(), fields.next(), fields.next());
            if kind == Some("missing") || kind.is_none() {
                return Err(Error::msg(format!(
                    "{}: object {oid} ({rel}) is missing from the repository (a partial clone? \
                     protogate does not download objects; fetch them first)",
                    self.display
                )));
            }
            let size: usize = size
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| Error::msg(format!("git cat-file: unexpected answer {header:?}")))?;
            let mut bytes = vec![0; size + 1];
            stdout.read_exact(&mut bytes).map_err(broken)?;
            bytes.truncate(size);
            files.push((rel, bytes));
        }
        write_fresh_tree(dest, &files)
    }
}

/// Writes the blobs of a tree into the fresh directory `dest`: directories
/// once each, then the files in parallel (ls-tree paths are unique and
/// nothing else is in `dest`, so no file can be a link).
fn write_fresh_tree(dest: &Path, files: &[(&str, Vec<u8>)]) -> Result<()> {
    use rayon::prelude::*;
    let dirs: std::collections::BTreeSet<&Path> = files
        .iter()
        .filter_map(|(rel, _)| Path::new(rel).parent())
        .collect();
    for dir in dirs {
        let dir = dest.join(dir);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    }
    files.par_iter().try_for_each(|(rel, bytes)| {
        let path = dest.join(rel);
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    })
}

fn shallow_hint() -> String {
    "; the repository is a shallow clone, so older commits and other branches or tags may not \
     have been fetched: run `git fetch --unshallow` (and fetch the branch or tag if the clone \
     lacks it), or in GitHub Actions set `fetch-depth: 0` on actions/checkout"
        .to_string()
}

/// The first line of git's stderr, as `: <line>`.
fn git_says(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr);
    match err.lines().map(str::trim).find(|l| !l.is_empty()) {
        Some(line) => format!(" ({line})"),
        None => String::new(),
    }
}

fn git_spawn_error(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::NotFound {
        Error::msg("git inputs need the git executable, which was not found on PATH")
    } else {
        Error::msg(format!("could not run git: {e}"))
    }
}

/// Resolves `.` and `..` lexically, as Go's `filepath.Clean`.
fn lexical_clean(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn is_full_hash(s: &str) -> bool {
    (s.len() == 40 || s.len() == 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `git check-ref-format --allow-onelevel`, as a fetch refspec source.
fn is_ref_name(s: &str) -> bool {
    if s.is_empty()
        || s == "@"
        || s.ends_with('/')
        || s.ends_with('.')
        || s.contains("..")
        || s.contains("@{")
        || s.contains("//")
        || s.starts_with('/')
    {
        return false;
    }
    if s.bytes().any(|b| {
        b < 0x20 || b == 0x7f || matches!(b, b' ' | b'~' | b'^' | b':' | b'?' | b'*' | b'[' | b'\\')
    }) {
        return false;
    }
    s.split('/')
        .all(|c| !c.is_empty() && !c.starts_with('.') && !c.ends_with(".lock"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn want(s: &str) -> Result<Want> {
        let input = InputRef::parse(s)?;
        parse_options(&input, s)
    }

    #[test]
    fn options() {
        assert_eq!(want(".git").unwrap(), Want::Head);
        assert_eq!(
            want(".git#branch=main").unwrap(),
            Want::Named("branch", "main".into())
        );
        assert_eq!(
            want(".git#ref=HEAD~1,depth=2").unwrap(),
            Want::Rev {
                rev: "HEAD~1".into(),
                branch: None
            }
        );
        let e = |s: &str| want(s).unwrap_err().to_string();
        assert_eq!(
            e(".git#tag=v1,branch=base"),
            "must specify only one of \"branch\", \"commit\", or \"tag\""
        );
        assert_eq!(
            e(".git#ref=HEAD,tag=v1"),
            "cannot specify \"commit\" or \"tag\" with \"ref\""
        );
        assert!(e(".git#ref=-x").contains("may not start with"));
        assert!(e(".git#branch=--upload-pack=x").contains("may not start with"));
        assert!(e(".git#subdir=-x").contains("may not start with"));
        assert_eq!(e(".git#depth=0"), "\"depth\" must be >0 if specified");
        assert!(e(".git#merge_base=main,ref=x").contains("merge_base"));
        assert!(e(".git#strip_components=1").contains("archive options set"));
    }

    #[test]
    fn remote_and_ref_names() {
        assert!(is_remote("https://github.com/a/b.git"));
        assert!(is_remote("git@github.com:a/b.git"));
        assert!(is_remote("ssh://git@host/a.git"));
        assert!(!is_remote(".git"));
        assert!(!is_remote("../repo/.git"));
        assert!(!is_remote("a/b:c/.git"));
        assert!(is_ref_name("main"));
        assert!(is_ref_name("feature/x"));
        assert!(is_ref_name("refs/heads/main"));
        assert!(!is_ref_name("main~1"));
        assert!(!is_ref_name("a..b"));
        assert!(!is_ref_name("x.lock"));
        assert!(is_full_hash("68a5bdae51276d71a95031e382c25cf812207cc0"));
        assert!(!is_full_hash("68a5bda"));
    }
}
