//! Workspace discovery and file listing, following buf's `buffetch`,
//! `buftarget` and `bufworkspace` packages.
//!
//! 1. From the input directory, search upwards (to the file-system root, or
//!    to the root of a fetched tree) for a *controlling* directory: a v2
//!    `buf.yaml` whose modules equal, contain or lie inside the input, or a
//!    `buf.work.yaml` listing (a parent of) the input. `--config` disables
//!    the search.
//! 2. The workspace root (the "bucket") is that directory; without one it is
//!    the current directory for a local relative input, else the input
//!    directory itself.
//! 3. Modules come from the v2 `buf.yaml`, the `buf.work.yaml` directories,
//!    or — the fallback — a v1 `buf.yaml` found between the input and the
//!    bucket root, a workspace or v1 module found from a `--path`, or the
//!    input directory with its own `buf.yaml` (v1 defaults without one).
//! 4. Modules inside the input are targets; `--path` / `--exclude-path`
//!    narrow the targets per module.
//!
//! Printed paths are "external": relative to the current directory the way
//! the user addressed the input (absolute for an absolute input), or
//! relative to the root of a fetched tree.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::config::{
    BufWorkYaml, BufYaml, ModuleConfig, default_module_config, parse_buf_work_yaml, parse_buf_yaml,
};
use super::paths::{
    clean_abs, contains, dir, equals_or_contains, go_list, is_local, join, join_abs, normalize,
    normalize_and_validate, quote, rel_abs,
};
use super::{ConfigVersion, Module, SourceFile, Workspace};
use crate::Error;

/// buf's message when nothing is left to check.
pub const NO_TARGET_FILES: &str = "no .proto files were targeted. This can occur if no .proto files are found in your input, --path points to files that do not exist, or --exclude-path excludes all files.";

/// Options of discovery, as given on the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscoverOptions {
    /// `--config`: a file path when it ends in `.yaml`, `.yml` or `.json`
    /// (buf's rule), else inline YAML/JSON. Replaces the configuration and
    /// disables the upward search.
    pub config_override: Option<String>,
    /// `--path` values as the user typed them (relative to the current
    /// directory, like the input).
    pub paths: Vec<String>,
    /// `--exclude-path` values as the user typed them.
    pub exclude_paths: Vec<String>,
}

/// Discovers the workspace for a directory input (relative to the process
/// current directory, or absolute).
pub fn discover(input: &Path, opts: &DiscoverOptions) -> Result<Workspace, Error> {
    discover_in(&working_dir()?, input, opts)
}

/// [`discover`] with an explicit current directory (absolute).
pub fn discover_in(cwd: &Path, input: &Path, opts: &DiscoverOptions) -> Result<Workspace, Error> {
    let input = path_str(input)?;
    let request = os_request(cwd, input, opts, None)?;
    resolve(request, opts)
}

/// For a single `.proto` file input: the workspace of the module containing
/// it, with that file the only target. Returns the workspace and the
/// target's import path (relative to its module root).
pub fn discover_proto_file(
    file: &Path,
    opts: &DiscoverOptions,
) -> Result<(Workspace, String), Error> {
    discover_proto_file_in(&working_dir()?, file, opts)
}

/// [`discover_proto_file`] with an explicit current directory (absolute).
pub fn discover_proto_file_in(
    cwd: &Path,
    file: &Path,
    opts: &DiscoverOptions,
) -> Result<(Workspace, String), Error> {
    if !opts.paths.is_empty() {
        return Err(Error::msg(
            "--path is not valid for use with .proto file references",
        ));
    }
    if !opts.exclude_paths.is_empty() {
        return Err(Error::msg(
            "--exclude-path is not valid for use with .proto file references",
        ));
    }
    let file = path_str(file)?;
    let file_abs = clean_abs(&cwd.join(file));
    let request = os_request(cwd, &dir(&normalize(file)), opts, Some(file_abs))?;
    let ws = resolve(request, opts)?;
    let target = ws
        .modules
        .iter()
        .find(|m| m.is_target)
        .and_then(|m| m.target_paths.first().cloned())
        .unwrap_or_default();
    Ok((ws, target))
}

/// Discovers the workspace of a fetched tree (a git checkout or an
/// extracted archive at `root`), with `subdir` the input directory inside
/// it (`"."` for the root). The upward search stops at `root`; `--path`
/// values are relative to `subdir`; printed paths are relative to `root`
/// (as buf prints them: `v2_workspace/proto/a.proto` for
/// `x.tar#subdir=v2_workspace`).
pub fn discover_tree(
    root: &Path,
    subdir: &str,
    opts: &DiscoverOptions,
) -> Result<Workspace, Error> {
    let root = if root.is_absolute() {
        clean_abs(root)
    } else {
        clean_abs(&working_dir()?.join(root))
    };
    let subdir = normalize_and_validate(subdir).map_err(Error::msg)?;
    let map = |p: &String| -> Result<PathBuf, Error> {
        let rel = normalize_and_validate(p).map_err(Error::msg)?;
        Ok(join_abs(&root, &join(&subdir, &rel)))
    };
    let request = Request {
        input_abs: join_abs(&root, &subdir),
        search_top: root.clone(),
        fallback_root: root.clone(),
        input_display: subdir.clone(),
        targets: opts.paths.iter().map(map).collect::<Result<_, _>>()?,
        excludes: opts
            .exclude_paths
            .iter()
            .map(map)
            .collect::<Result<_, _>>()?,
        proto_file: None,
        style: Style::Tree,
        cwd: root.clone(),
    };
    resolve(request, opts)
}

/// Every `.proto` file of every module: roots walked (symlinks followed,
/// hidden directories included, as buf does), includes/excludes applied,
/// ordered by module then import path, with `is_target` set from the
/// module and the `--path` / `--exclude-path` filters resolved by
/// discovery (`opts` must be the options given to discovery).
pub fn list_files(ws: &Workspace, opts: &DiscoverOptions) -> Result<Vec<SourceFile>, Error> {
    // The filters were resolved per module by discovery; `opts` is accepted
    // so call sites pass the same options to both steps.
    let _ = opts;
    let mut files = Vec::new();
    let mut empty_module: Option<usize> = None;
    for (index, module) in ws.modules.iter().enumerate() {
        let mut module_files: Vec<SourceFile> = Vec::new();
        for (root_index, root) in module.roots.iter().enumerate() {
            let root_dir = join_abs(&module.fs_dir, root);
            let root_external = module
                .root_dirs
                .get(root_index)
                .cloned()
                .unwrap_or_else(|| module.dir.join(root));
            let mut found = Vec::new();
            walk_proto_files(&root_dir, &mut found)?;
            for (name, fs_path) in found {
                let module_path = join(root, &name);
                if !module.includes.is_empty()
                    && !module
                        .includes
                        .iter()
                        .any(|inc| equals_or_contains(inc, &module_path))
                {
                    continue;
                }
                if module
                    .excludes
                    .iter()
                    .any(|ex| equals_or_contains(ex, &module_path))
                {
                    continue;
                }
                let is_target = module.is_target
                    && (module.target_paths.is_empty()
                        || module
                            .target_paths
                            .iter()
                            .any(|t| equals_or_contains(t, &name)))
                    && !module
                        .target_exclude_paths
                        .iter()
                        .any(|t| equals_or_contains(t, &name));
                module_files.push(SourceFile {
                    module: index,
                    external: external_path(&root_external, &name),
                    name,
                    module_path,
                    fs_path,
                    is_target,
                });
            }
        }
        module_files.sort_by(|a, b| a.name.cmp(&b.name).then(a.module_path.cmp(&b.module_path)));
        for pair in module_files.windows(2) {
            if pair[0].name == pair[1].name {
                let locations: Vec<String> = module_files
                    .iter()
                    .filter(|f| f.name == pair[0].name)
                    .map(|f| f.external.clone())
                    .collect();
                return Err(Error::msg(format!(
                    "{} exists in multiple locations: {}",
                    pair[0].name,
                    locations.join(" ")
                )));
            }
        }
        if module_files.is_empty() && empty_module.is_none() {
            empty_module = Some(index);
        }
        files.extend(module_files);
    }
    // The same import path in two modules.
    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for file in &files {
        by_name
            .entry(file.name.as_str())
            .or_default()
            .push(file.module);
    }
    if let Some((name, modules)) = by_name.iter().find(|(_, m)| m.len() > 1) {
        let mut descriptions: Vec<String> = modules
            .iter()
            .filter_map(|&m| ws.modules.get(m).map(Module::description))
            .collect();
        descriptions.sort();
        return Err(Error::msg(format!(
            "{name} is contained in multiple modules:\n  {}",
            descriptions.join("\n  ")
        )));
    }
    if let Some(index) = empty_module
        && let Some(module) = ws.modules.get(index)
    {
        return Err(Error::msg(format!(
            "Module \"{}\" had no .proto files",
            module.description()
        )));
    }
    if !files.iter().any(|f| f.is_target) {
        return Err(Error::msg(NO_TARGET_FILES));
    }
    Ok(files)
}

// ---------------------------------------------------------------------------
// Requests

/// How external (printed) paths are formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// Relative to the current directory (relative input).
    Relative,
    /// Absolute (absolute input).
    Absolute,
    /// Relative to the workspace root (fetched trees).
    Tree,
}

/// Everything discovery needs, in absolute, lexically cleaned paths.
struct Request {
    /// The input directory.
    input_abs: PathBuf,
    /// The upward search for a controlling workspace stops here.
    search_top: PathBuf,
    /// The workspace root when nothing controls the input.
    fallback_root: PathBuf,
    /// The input as typed, for `stat` errors.
    input_display: String,
    targets: Vec<PathBuf>,
    excludes: Vec<PathBuf>,
    /// A single `.proto` file input.
    proto_file: Option<PathBuf>,
    style: Style,
    cwd: PathBuf,
}

fn os_request(
    cwd: &Path,
    input: &str,
    opts: &DiscoverOptions,
    proto_file: Option<PathBuf>,
) -> Result<Request, Error> {
    let input = if input.is_empty() { "." } else { input };
    let cwd = clean_abs(cwd);
    let absolute = Path::new(input).is_absolute();
    let input_abs = clean_abs(&cwd.join(input));
    let fallback_root = if !absolute && is_local(input) {
        cwd.clone()
    } else {
        input_abs.clone()
    };
    let abs = |p: &String| clean_abs(&cwd.join(p));
    let mut targets: Vec<PathBuf> = opts.paths.iter().map(abs).collect();
    if let Some(file) = &proto_file {
        targets = vec![file.clone()];
    }
    Ok(Request {
        search_top: root_of(&input_abs),
        fallback_root,
        input_abs,
        input_display: input.to_string(),
        targets,
        excludes: opts.exclude_paths.iter().map(abs).collect(),
        proto_file,
        style: if absolute {
            Style::Absolute
        } else {
            Style::Relative
        },
        cwd,
    })
}

/// The file-system root above `path`.
fn root_of(path: &Path) -> PathBuf {
    path.ancestors()
        .last()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("/"))
}

/// The current directory; like Go's `os.Getwd`, `$PWD` is preferred when it
/// names the same directory, so paths through symlinks print as typed.
fn working_dir() -> Result<PathBuf, Error> {
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    if let Some(pwd) = std::env::var_os("PWD").map(PathBuf::from)
        && pwd.is_absolute()
        && same_dir(&pwd, &cwd)
    {
        return Ok(clean_abs(&pwd));
    }
    Ok(cwd)
}

#[cfg(unix)]
fn same_dir(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_dir(a: &Path, b: &Path) -> bool {
    a == b
}

fn path_str(path: &Path) -> Result<&str, Error> {
    path.to_str()
        .ok_or_else(|| Error::msg(format!("{}: path is not valid UTF-8", path.display())))
}

// ---------------------------------------------------------------------------
// Resolution

/// A controlling workspace found by the upward search.
struct Controlling {
    dir: PathBuf,
    config_file: PathBuf,
    kind: ControllingKind,
}

enum ControllingKind {
    V2(BufYaml),
    Work(BufWorkYaml),
}

/// The configuration source of a set of modules.
struct Source<'a> {
    config_file: Option<PathBuf>,
    config_name: String,
    yaml: &'a BufYaml,
}

/// Per-request state: config display and a cache of parsed `buf.yaml`s.
struct Resolver {
    request: Request,
    cache: BTreeMap<PathBuf, Option<(BufYaml, PathBuf)>>,
}

/// Module targeting (buf's `moduleTargeting`).
#[derive(Debug, Default)]
struct Targeting {
    is_target: bool,
    paths: Vec<String>,
    exclude_paths: Vec<String>,
}

fn resolve(request: Request, opts: &DiscoverOptions) -> Result<Workspace, Error> {
    let override_yaml = match &opts.config_override {
        Some(value) if !value.is_empty() => {
            let base = match request.style {
                Style::Tree => working_dir()?,
                _ => request.cwd.clone(),
            };
            Some(read_override(value, &base)?)
        }
        _ => None,
    };
    let mut resolver = Resolver {
        request,
        cache: BTreeMap::new(),
    };
    let controlling = if override_yaml.is_none() {
        resolver.search_controlling()?
    } else {
        None
    };
    let req = &resolver.request;
    let (root, targets, excludes) = match &controlling {
        Some(c) => {
            let map = |p: &PathBuf| -> Result<String, Error> {
                normalize_and_validate(&rel_abs(&c.dir, p)).map_err(Error::msg)
            };
            let targets = req.targets.iter().map(map).collect::<Result<Vec<_>, _>>()?;
            let excludes = req
                .excludes
                .iter()
                .map(map)
                .collect::<Result<Vec<_>, _>>()?;
            (c.dir.clone(), targets, excludes)
        }
        None => {
            let root = req.fallback_root.clone();
            if root != req.cwd && req.style != Style::Tree {
                match fs::metadata(&root) {
                    Ok(meta) if meta.is_dir() => {}
                    Ok(_) => {
                        return Err(Error::msg(format!(
                            "stat {}: not a directory",
                            req.input_display
                        )));
                    }
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        return Err(Error::msg(format!(
                            "stat {}: no such file or directory",
                            req.input_display
                        )));
                    }
                    Err(e) => return Err(Error::io(&root, e)),
                }
            }
            let map = |p: &PathBuf| rel_abs(&root, p);
            let targets = req.targets.iter().map(map).collect();
            let excludes = req.excludes.iter().map(map).collect();
            (root, targets, excludes)
        }
    };
    let sub = rel_abs(&root, &req.input_abs);
    let proto_file = req.proto_file.as_ref().map(|f| rel_abs(&root, f));
    validate_targeting(&sub, &targets, &excludes, proto_file.is_some())?;
    let mut bucket = Bucket {
        root,
        sub,
        targets,
        excludes,
        proto_file,
    };

    let (modules, config_file) = if let Some((yaml, name, file)) = override_yaml {
        let source = Source {
            config_file: file,
            config_name: name,
            yaml: &yaml,
        };
        let modules = match yaml.version {
            ConfigVersion::V2 => resolver.v2_modules(&bucket, &source)?,
            _ => {
                let dirs = vec![bucket.sub.clone()];
                resolver.v1_modules(&bucket, &dirs, Some(&source))?
            }
        };
        (modules, None)
    } else if let Some(c) = controlling {
        let modules = match &c.kind {
            ControllingKind::V2(yaml) => {
                let source = Source {
                    config_file: Some(c.config_file.clone()),
                    config_name: resolver.display(&c.config_file),
                    yaml,
                };
                resolver.v2_modules(&bucket, &source)?
            }
            ControllingKind::Work(work) => resolver.v1_modules(&bucket, &work.directories, None)?,
        };
        (modules, Some(c.config_file))
    } else {
        resolver.fallback_modules(&mut bucket)?
    };
    Ok(Workspace {
        modules,
        config_file,
    })
}

/// The workspace root and the input, targets and excludes relative to it.
struct Bucket {
    root: PathBuf,
    sub: String,
    targets: Vec<String>,
    excludes: Vec<String>,
    proto_file: Option<String>,
}

/// buf's `validateBucketTargeting`: user errors in `--path` /
/// `--exclude-path`.
fn validate_targeting(
    sub: &str,
    targets: &[String],
    excludes: &[String],
    proto_file: bool,
) -> Result<(), Error> {
    if !proto_file {
        for target in targets {
            if target == sub {
                return Err(Error::msg(
                    "given input is equal to a value of --path, this has no effect and is disallowed",
                ));
            }
            for exclude in excludes {
                if target == exclude {
                    return Err(Error::msg(format!(
                        "cannot set the same path for both --path and --exclude-path: \"{target}\""
                    )));
                }
                if equals_or_contains(exclude, target) {
                    return Err(Error::msg(format!(
                        "excluded path \"{exclude}\" contains targeted path \"{target}\", which means all paths in \"{target}\" will be excluded"
                    )));
                }
            }
        }
    }
    for exclude in excludes {
        if exclude == sub {
            return Err(Error::msg(format!(
                "given input \"{sub}\" is equal to a value of --exclude-path \"{exclude}\", this would exclude everything"
            )));
        }
    }
    Ok(())
}

/// Reads `--config`: a file (relative to `base`) when it ends in `.json`,
/// `.yaml` or `.yml`, else the data itself. Returns the parsed file, its
/// display name and, for a file, its path.
fn read_override(value: &str, base: &Path) -> Result<(BufYaml, String, Option<PathBuf>), Error> {
    let ext = Path::new(value)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    if matches!(ext, "json" | "yaml" | "yml") {
        let path = clean_abs(&base.join(value));
        let data = fs::read(&path).map_err(|e| {
            let reason = if e.kind() == io::ErrorKind::NotFound {
                "no such file or directory".to_string()
            } else {
                e.to_string()
            };
            Error::msg(format!("could not read file: open {value}: {reason}"))
        })?;
        let text = utf8(data, value)?;
        let yaml = parse_buf_yaml(&text, value)?;
        Ok((yaml, value.to_string(), Some(path)))
    } else {
        Ok((
            parse_buf_yaml(value, "--config")?,
            "--config".to_string(),
            None,
        ))
    }
}

fn utf8(data: Vec<u8>, display: &str) -> Result<String, Error> {
    String::from_utf8(data).map_err(|_| Error::Config {
        file: display.to_string(),
        line: 1,
        column: 1,
        message: "file is not valid UTF-8".to_string(),
    })
}

/// Reads the first existing file among `names` in `dir`; `None` when none
/// exists (a directory of that name does not count).
fn read_config_text(dir: &Path, names: &[&str]) -> Result<Option<(PathBuf, Vec<u8>)>, Error> {
    for name in names {
        let path = dir.join(name);
        match fs::read(&path) {
            Ok(data) => return Ok(Some((path, data))),
            Err(e)
                if e.kind() == io::ErrorKind::NotFound
                    || e.kind() == io::ErrorKind::IsADirectory
                    || e.kind() == io::ErrorKind::NotADirectory =>
            {
                continue;
            }
            Err(e) => {
                if path.is_dir() {
                    continue;
                }
                return Err(Error::io(path, e));
            }
        }
    }
    Ok(None)
}

impl Resolver {
    /// How a config file is named in messages.
    fn display(&self, path: &Path) -> String {
        rel_abs(&self.request.cwd, path)
    }

    /// The external form of an absolute directory.
    fn external_dir(&self, _bucket_root: &Path, dir: &Path) -> PathBuf {
        match self.request.style {
            Style::Relative => PathBuf::from(rel_abs(&self.request.cwd, dir)),
            Style::Absolute => dir.to_path_buf(),
            // buf prints a fetched tree's files relative to the tree root
            // (the request's cwd), not to the workspace found inside it.
            Style::Tree => PathBuf::from(rel_abs(&self.request.cwd, dir)),
        }
    }

    /// The parsed `buf.yaml` (or `buf.mod`) of a directory and its path,
    /// cached (the upward searches read the same files more than once).
    fn buf_yaml(&mut self, dir: &Path) -> Result<Option<(BufYaml, PathBuf)>, Error> {
        if let Some(cached) = self.cache.get(dir) {
            return Ok(cached.clone());
        }
        let parsed = match read_config_text(dir, &["buf.yaml", "buf.mod"])? {
            Some((path, data)) => {
                let display = self.display(&path);
                let text = utf8(data, &display)?;
                Some((parse_buf_yaml(&text, &display)?, path))
            }
            None => None,
        };
        self.cache.insert(dir.to_path_buf(), parsed.clone());
        Ok(parsed)
    }

    fn buf_work_yaml(&self, dir: &Path) -> Result<Option<(BufWorkYaml, PathBuf)>, Error> {
        match read_config_text(dir, &["buf.work.yaml", "buf.work"])? {
            Some((path, data)) => {
                let display = self.display(&path);
                let text = utf8(data, &display)?;
                Ok(Some((parse_buf_work_yaml(&text, &display)?, path)))
            }
            None => Ok(None),
        }
    }

    /// buf's `terminateAtControllingWorkspace` for one directory.
    fn controlling_at(&mut self, dir: &Path, input: &Path) -> Result<Option<Controlling>, Error> {
        let work = self.buf_work_yaml(dir)?;
        let yaml = self.buf_yaml(dir)?;
        if work.is_some() && yaml.is_some() {
            return Err(Error::msg(format!(
                "cannot have a buf.work.yaml and buf.yaml in the same directory {}",
                quote(&self.display(dir))
            )));
        }
        let rel_input = rel_abs(dir, input);
        if let Some((yaml, file)) = yaml
            && yaml.version == ConfigVersion::V2
        {
            let controls = dir == input
                || yaml.modules.iter().any(|m| {
                    equals_or_contains(&m.dir_path, &rel_input)
                        || equals_or_contains(&rel_input, &m.dir_path)
                });
            if controls {
                return Ok(Some(Controlling {
                    dir: dir.to_path_buf(),
                    config_file: file,
                    kind: ControllingKind::V2(yaml),
                }));
            }
        }
        if let Some((work, file)) = work {
            let controls = dir == input
                || work
                    .directories
                    .iter()
                    .any(|d| equals_or_contains(d, &rel_input));
            if controls {
                return Ok(Some(Controlling {
                    dir: dir.to_path_buf(),
                    config_file: file,
                    kind: ControllingKind::Work(work),
                }));
            }
        }
        Ok(None)
    }

    /// The upward search from the input directory.
    fn search_controlling(&mut self) -> Result<Option<Controlling>, Error> {
        let input = self.request.input_abs.clone();
        let top = self.request.search_top.clone();
        let mut cur = input.clone();
        loop {
            if let Some(found) = self.controlling_at(&cur, &input)? {
                return Ok(Some(found));
            }
            if cur == top {
                return Ok(None);
            }
            match cur.parent() {
                Some(parent) if cur.starts_with(&top) => cur = parent.to_path_buf(),
                _ => return Ok(None),
            }
        }
    }

    /// buf's `checkForControllingWorkspaceOrV1Module`: walks from `path` up
    /// to the bucket root. Returns the directory (bucket-relative) and what
    /// was found there.
    fn workspace_or_v1_module(
        &mut self,
        root: &Path,
        path: &str,
        ignore_workspaces: bool,
    ) -> Result<Option<(String, Found)>, Error> {
        let path = normalize(path);
        let path_abs = join_abs(root, &path);
        let mut v1_module: Option<(String, BufYaml, PathBuf)> = None;
        let mut cur = path.clone();
        loop {
            let cur_abs = join_abs(root, &cur);
            if !ignore_workspaces && let Some(c) = self.controlling_at(&cur_abs, &path_abs)? {
                return Ok(Some((cur, Found::Workspace(c))));
            }
            if let Some((yaml, file)) = self.buf_yaml(&cur_abs)?
                && yaml.version == ConfigVersion::V1
            {
                if let Some((found, _, _)) = &v1_module {
                    return Err(Error::msg(format!(
                        "nested modules {} and {} are not allowed",
                        quote(found),
                        quote(&cur)
                    )));
                }
                v1_module = Some((cur.clone(), yaml, file));
            }
            if cur == "." || cur == ".." || cur.starts_with("../") || cur.starts_with('/') {
                break;
            }
            cur = dir(&cur);
        }
        Ok(v1_module.map(|(dir, _, _)| (dir, Found::V1Module)))
    }

    /// buf's `fallbackWorkspaceTargeting`.
    fn fallback_modules(
        &mut self,
        bucket: &mut Bucket,
    ) -> Result<(Vec<Module>, Option<PathBuf>), Error> {
        let root = bucket.root.clone();
        let mut v1_dirs: Vec<String> = Vec::new();
        if let Some((dir, _)) = self.workspace_or_v1_module(&root, &bucket.sub.clone(), true)? {
            v1_dirs.push(dir);
        } else if bucket.proto_file.is_none() {
            let mut work: Option<(String, BufWorkYaml, PathBuf)> = None;
            let mut v2: Option<(String, BufYaml, PathBuf)> = None;
            for target in bucket.targets.clone() {
                // buf reads the bucket along the way, which fails for a path
                // outside it.
                normalize_and_validate(&target).map_err(Error::msg)?;
                let Some((dir, found)) = self.workspace_or_v1_module(&root, &target, false)? else {
                    continue;
                };
                match found {
                    Found::Workspace(c) => {
                        let previous = work.as_ref().map(|w| &w.0).or(v2.as_ref().map(|v| &v.0));
                        if let Some(previous) = previous
                            && *previous != dir
                        {
                            return Err(Error::msg(format!(
                                "different controlling workspaces found: {}, {}",
                                quote(previous),
                                quote(&dir)
                            )));
                        }
                        match c.kind {
                            ControllingKind::Work(w) => work = Some((dir, w, c.config_file)),
                            ControllingKind::V2(y) => v2 = Some((dir, y, c.config_file)),
                        }
                    }
                    Found::V1Module => v1_dirs.push(dir),
                }
            }
            if work.is_some() && v2.is_some() {
                return Err(Error::msg("multiple workspaces found"));
            }
            let workspace_dir = work.as_ref().map(|w| &w.0).or(v2.as_ref().map(|v| &v.0));
            if let Some(dir) = workspace_dir
                && !v1_dirs.is_empty()
            {
                return Err(Error::msg(format!(
                    "found a workspace {} that does not contain all found modules: {}",
                    quote(dir),
                    go_list(&v1_dirs)
                )));
            }
            if let Some((_, yaml, file)) = v2 {
                // Module paths of a v2 buf.yaml are relative to its
                // directory, which buf treats as relative to the bucket.
                let source = Source {
                    config_name: self.display(&file),
                    config_file: Some(file.clone()),
                    yaml: &yaml,
                };
                let modules = self.v2_modules(bucket, &source)?;
                return Ok((modules, Some(file)));
            }
            if let Some((_, w, file)) = work {
                let modules = self.v1_modules(bucket, &w.directories, None)?;
                return Ok((modules, Some(file)));
            }
        }
        if v1_dirs.is_empty() {
            v1_dirs.push(bucket.sub.clone());
        }
        let modules = self.v1_modules(bucket, &v1_dirs, None)?;
        Ok((modules, None))
    }

    /// buf's `v1WorkspaceTargeting`: one module per directory, each with its
    /// own v1beta1/v1 `buf.yaml` (or the override, or v1 defaults).
    fn v1_modules(
        &mut self,
        bucket: &Bucket,
        dirs: &[String],
        override_source: Option<&Source<'_>>,
    ) -> Result<Vec<Module>, Error> {
        let mut modules = Vec::with_capacity(dirs.len());
        let mut any_tentative = false;
        let mut any_target = false;
        for dir_path in dirs {
            let fs_dir = join_abs(&bucket.root, dir_path);
            let (config, version, config_file, config_name) = match override_source {
                Some(source) => {
                    let config = source
                        .yaml
                        .modules
                        .first()
                        .cloned()
                        .unwrap_or_else(default_module_config);
                    (
                        config,
                        source.yaml.version,
                        source.config_file.clone(),
                        source.config_name.clone(),
                    )
                }
                None => match self.buf_yaml(&fs_dir)? {
                    Some((yaml, file)) => {
                        if yaml.version == ConfigVersion::V2 {
                            return Err(Error::msg(format!(
                                "buf.yaml at {dir_path} did not have version v1beta1 or v1"
                            )));
                        }
                        let config = yaml
                            .modules
                            .first()
                            .cloned()
                            .unwrap_or_else(default_module_config);
                        let name = self.display(&file);
                        (config, yaml.version, Some(file), name)
                    }
                    None => (
                        default_module_config(),
                        ConfigVersion::V1,
                        None,
                        String::new(),
                    ),
                },
            };
            let tentative =
                bucket.proto_file.is_some() || equals_or_contains(&bucket.sub, dir_path);
            any_tentative |= tentative;
            let targeting = module_targeting(dir_path, &config.roots, bucket, tentative)?;
            any_target |= targeting.is_target;
            modules.push(self.module(
                bucket,
                dir_path,
                fs_dir,
                config,
                version,
                (config_file, config_name),
                (Vec::new(), Vec::new()),
                targeting,
            ));
        }
        if !any_tentative {
            return Err(check_for_overlap(bucket, dirs));
        }
        if !any_target {
            return Err(Error::msg(NO_TARGET_FILES));
        }
        Ok(modules)
    }

    /// buf's `v2WorkspaceTargeting`.
    fn v2_modules(&mut self, bucket: &Bucket, source: &Source<'_>) -> Result<Vec<Module>, Error> {
        let yaml = source.yaml;
        let mut modules = Vec::with_capacity(yaml.modules.len());
        let mut any_tentative = false;
        let mut any_target = false;
        let dirs: Vec<String> = yaml.modules.iter().map(|m| m.dir_path.clone()).collect();
        for config in &yaml.modules {
            let dir_path = config.dir_path.clone();
            let fs_dir = join_abs(&bucket.root, &dir_path);
            let tentative =
                bucket.proto_file.is_some() || equals_or_contains(&bucket.sub, &dir_path);
            any_tentative |= tentative;
            let targeting = module_targeting(&dir_path, &config.roots, bucket, tentative)?;
            any_target |= targeting.is_target;
            modules.push(self.module(
                bucket,
                &dir_path,
                fs_dir,
                config.clone(),
                ConfigVersion::V2,
                (source.config_file.clone(), source.config_name.clone()),
                (yaml.policies.clone(), yaml.plugins.clone()),
                targeting,
            ));
        }
        if !any_tentative {
            return Err(check_for_overlap(bucket, &dirs));
        }
        if !any_target {
            return Err(Error::msg(NO_TARGET_FILES));
        }
        let mut seen: Vec<String> = Vec::new();
        for module in &modules {
            let description = module.description();
            if seen.contains(&description) {
                return Err(Error::msg(format!(
                    "multiple module configs found with the same description: {description}"
                )));
            }
            seen.push(description);
        }
        Ok(modules)
    }

    #[allow(clippy::too_many_arguments)]
    fn module(
        &self,
        bucket: &Bucket,
        dir_path: &str,
        fs_dir: PathBuf,
        config: ModuleConfig,
        version: ConfigVersion,
        (config_file, config_name): (Option<PathBuf>, String),
        (policies, plugins): (Vec<super::PolicyRef>, Vec<super::PluginRef>),
        targeting: Targeting,
    ) -> Module {
        let root_dirs = config
            .roots
            .iter()
            .map(|r| self.external_dir(&bucket.root, &join_abs(&fs_dir, r)))
            .collect();
        Module {
            dir: self.external_dir(&bucket.root, &fs_dir),
            root_dirs,
            dir_path: dir_path.to_string(),
            fs_dir,
            roots: config.roots,
            excludes: config.excludes,
            includes: config.includes,
            version,
            name: config.name,
            lint: config.lint,
            breaking: config.breaking,
            policies,
            plugins,
            config_file,
            config_name,
            is_target: targeting.is_target,
            target_paths: targeting.paths,
            target_exclude_paths: targeting.exclude_paths,
        }
    }
}

/// What [`Resolver::workspace_or_v1_module`] found.
enum Found {
    Workspace(Controlling),
    V1Module,
}

/// buf's `checkForOverlap`: the input lies inside a module (a user error,
/// or nothing to build when the input is empty), or contains none.
fn check_for_overlap(bucket: &Bucket, module_dirs: &[String]) -> Error {
    for module_dir in module_dirs {
        if contains(module_dir, &bucket.sub) {
            if !has_any_file(&join_abs(&bucket.root, &bucket.sub)) {
                return Error::msg(NO_TARGET_FILES);
            }
            return Error::msg(format!(
                "failed to build input {} because it is contained by module at path {} specified in your configuration, you must provide the workspace or module as the input, and filter to this path using --path",
                quote(&bucket.sub),
                quote(module_dir)
            ));
        }
    }
    Error::msg(format!(
        "input {} did not contain modules found in workspace {}",
        quote(&bucket.sub),
        go_list(module_dirs)
    ))
}

/// buf's `newModuleTargeting`.
fn module_targeting(
    module_dir: &str,
    roots: &[String],
    bucket: &Bucket,
    tentative: bool,
) -> Result<Targeting, Error> {
    if !tentative {
        return Ok(Targeting::default());
    }
    if let Some(file) = &bucket.proto_file {
        if !contains(module_dir, file) {
            return Ok(Targeting::default());
        }
        let rel = strip_prefix(module_dir, file);
        return Ok(Targeting {
            is_target: true,
            paths: vec![apply_roots(roots, &rel)?],
            exclude_paths: Vec::new(),
        });
    }
    let mut targeting = Targeting {
        is_target: bucket.targets.is_empty(),
        ..Targeting::default()
    };
    for target in &bucket.targets {
        if target == module_dir {
            return Err(Error::msg(format!(
                "module {} was specified with --path, specify this module path directly as an input",
                quote(target)
            )));
        }
        if contains(module_dir, target) {
            targeting.is_target = true;
            targeting.paths.push(strip_prefix(module_dir, target));
        }
    }
    if targeting.is_target {
        for exclude in &bucket.excludes {
            if exclude == module_dir {
                return Err(Error::msg(format!(
                    "module {} was specified with --exclude-path, this flag cannot be used to specify module directories",
                    quote(exclude)
                )));
            }
            if contains(module_dir, exclude) {
                targeting
                    .exclude_paths
                    .push(strip_prefix(module_dir, exclude));
            }
        }
    }
    targeting.paths = targeting
        .paths
        .iter()
        .map(|p| apply_roots(roots, p))
        .collect::<Result<_, _>>()?;
    targeting.exclude_paths = targeting
        .exclude_paths
        .iter()
        .map(|p| apply_roots(roots, p))
        .collect::<Result<_, _>>()?;
    Ok(targeting)
}

/// `path` relative to `dir`, which contains it.
fn strip_prefix(dir: &str, path: &str) -> String {
    if dir == "." {
        path.to_string()
    } else {
        path.strip_prefix(dir)
            .and_then(|rest| rest.strip_prefix('/'))
            .map(str::to_string)
            .unwrap_or_else(|| ".".to_string())
    }
}

/// buf's `applyRootsToTargetPath`: a module-relative path made relative to
/// the one root that contains it.
fn apply_roots(roots: &[String], path: &str) -> Result<String, Error> {
    let matching: Vec<&String> = roots.iter().filter(|r| contains(r, path)).collect();
    match matching.as_slice() {
        [root] => Ok(normalize(&strip_prefix(root, path))),
        [] => Err(Error::msg(format!(
            "path {} is not contained within any of roots {} - note that specified paths cannot be roots, but must be contained within roots",
            quote(path),
            human_list(roots)
        ))),
        _ => Err(Error::msg(format!(
            "{} is contained in multiple roots {}",
            quote(path),
            human_list(roots)
        ))),
    }
}

/// `"a"`, `"a" and "b"`, `"a", "b", and "c"`.
fn human_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

fn external_path(module_dir: &Path, module_path: &str) -> String {
    let dir = module_dir.to_string_lossy();
    normalize(&join(&dir, module_path))
}

// ---------------------------------------------------------------------------
// File-system walking

/// Collects every regular `.proto` file under `dir` as (path relative to
/// `dir`, file-system path). Symlinks are followed (a link back to a
/// directory being walked is skipped); dangling links are skipped; a missing
/// `dir` yields nothing.
fn walk_proto_files(dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<(), Error> {
    let mut stack = Vec::new();
    match fs::canonicalize(dir) {
        Ok(real) => stack.push(real),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    }
    walk_dir(dir, "", &mut stack, out)
}

fn walk_dir(
    dir: &Path,
    rel: &str,
    stack: &mut Vec<PathBuf>,
    out: &mut Vec<(String, PathBuf)>,
) -> Result<(), Error> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut children = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        children.push(entry.file_name());
    }
    children.sort();
    for name in children {
        let path = dir.join(&name);
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            // A dangling symlink.
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io(&path, e)),
        };
        if meta.is_dir() {
            let Some(name) = name.to_str() else {
                // Nothing under a non-UTF-8 directory can be imported; buf
                // would still see its files, so say so rather than skip.
                if has_proto_file(&path) {
                    return Err(Error::msg(format!(
                        "{}: path is not valid UTF-8",
                        path.display()
                    )));
                }
                continue;
            };
            let real = fs::canonicalize(&path).map_err(|e| Error::io(&path, e))?;
            if stack.contains(&real) {
                continue;
            }
            stack.push(real);
            let child_rel = if rel.is_empty() {
                name.to_string()
            } else {
                format!("{rel}/{name}")
            };
            walk_dir(&path, &child_rel, stack, out)?;
            stack.pop();
        } else if meta.is_file() {
            let Some(name) = name.to_str() else {
                if name.as_encoded_bytes().ends_with(b".proto") {
                    return Err(Error::msg(format!(
                        "{}: file name is not valid UTF-8",
                        path.display()
                    )));
                }
                continue;
            };
            if name.ends_with(".proto") {
                let file_rel = if rel.is_empty() {
                    name.to_string()
                } else {
                    format!("{rel}/{name}")
                };
                out.push((file_rel, path));
            }
        }
    }
    Ok(())
}

/// Whether a non-UTF-8 directory holds `.proto` files (best effort).
fn has_proto_file(dir: &Path) -> bool {
    let mut found = Vec::new();
    walk_proto_files_lossy(dir, &mut found, 0);
    !found.is_empty()
}

fn walk_proto_files_lossy(dir: &Path, found: &mut Vec<PathBuf>, depth: usize) {
    if depth > 64 || !found.is_empty() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk_proto_files_lossy(&path, found, depth + 1);
        } else if entry.file_name().as_encoded_bytes().ends_with(b".proto") {
            found.push(path);
        }
    }
}

/// buf's `storage.IsEmpty`: whether any regular file exists under `dir`.
fn has_any_file(dir: &Path) -> bool {
    fn walk(dir: &Path, depth: usize) -> bool {
        if depth > 256 {
            return false;
        }
        let Ok(entries) = fs::read_dir(dir) else {
            return false;
        };
        entries.flatten().any(|entry| {
            let path = entry.path();
            match fs::metadata(&path) {
                Ok(meta) if meta.is_file() => true,
                Ok(meta) if meta.is_dir() => walk(&path, depth + 1),
                _ => false,
            }
        })
    }
    walk(dir, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn walking_follows_symlinks_without_looping() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        let proto = "syntax = \"proto3\";\n";
        for dir in ["m/a", "m/.hidden", "ext"] {
            fs::create_dir_all(root.join(dir)).expect("mkdir");
        }
        for file in [
            "m/a/x.proto",
            "m/.hidden/h.proto",
            "ext/e.proto",
            "m/a/NOT.PROTO",
        ] {
            fs::write(root.join(file), proto).expect("write");
        }
        symlink("..", root.join("m/a/up")).expect("symlink");
        symlink(".", root.join("m/self")).expect("symlink");
        symlink("../ext", root.join("m/linked")).expect("symlink");
        symlink("nowhere.proto", root.join("m/dangling.proto")).expect("symlink");
        symlink("a/x.proto", root.join("m/alias.proto")).expect("symlink");
        let mut found = Vec::new();
        walk_proto_files(&root.join("m"), &mut found).expect("walked");
        let mut names: Vec<String> = found.into_iter().map(|(n, _)| n).collect();
        names.sort();
        assert_eq!(
            names,
            vec![
                ".hidden/h.proto",
                "a/x.proto",
                "alias.proto",
                "linked/e.proto"
            ]
        );
        let mut none = Vec::new();
        walk_proto_files(&root.join("missing"), &mut none).expect("missing is empty");
        assert!(none.is_empty());
    }

    #[test]
    fn human_lists() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(human_list(&v(&["a"])), "\"a\"");
        assert_eq!(human_list(&v(&["a", "b"])), "\"a\" and \"b\"");
        assert_eq!(human_list(&v(&["a", "b", "c"])), "\"a\", \"b\", and \"c\"");
    }
}

#[cfg(test)]
mod config_conflict_tests {
    use super::*;

    #[test]
    fn buf_yaml_and_buf_work_yaml_in_one_directory() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        fs::write(root.join("buf.yaml"), "version: v1\n").expect("write");
        fs::write(
            root.join("buf.work.yaml"),
            "version: v1\ndirectories: [a]\n",
        )
        .expect("write");
        fs::create_dir_all(root.join("a")).expect("mkdir");
        fs::write(root.join("a/a.proto"), "syntax = \"proto3\";\n").expect("write");
        let err =
            discover_in(root, Path::new("a"), &DiscoverOptions::default()).expect_err("conflict");
        assert_eq!(
            err.to_string(),
            "cannot have a buf.work.yaml and buf.yaml in the same directory \".\""
        );
    }

    #[test]
    fn a_buf_yaml_without_version_is_rejected_like_buf_does() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        fs::write(root.join("buf.yaml"), "lint:\n  use: [MINIMAL]\n").expect("write");
        fs::write(root.join("a.proto"), "syntax = \"proto3\";\n").expect("write");
        let err =
            discover_in(root, Path::new("."), &DiscoverOptions::default()).expect_err("no version");
        assert_eq!(
            err.to_string(),
            "buf.yaml:1:1: \"version\" is not set. Please add \"version: v2\""
        );
    }
}
