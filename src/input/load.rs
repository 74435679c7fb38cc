//! Resolving an input to compiled sources or an image.

use std::{
    collections::BTreeMap,
    io::Read,
    path::{Path, PathBuf},
};

use super::{Compression, InputFormat, InputRef, image::Image};
use crate::{
    Error, Finding, Result,
    compile::{self, Compiled, Outcome, Source},
    workspace::{self, DiscoverOptions, SourceFile, Workspace},
};

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The input reference as the user typed it (`.`, `proto`, `image.binpb#format=binpb`, `-`).
    pub input: String,
    /// `--config`: a path or inline YAML/JSON.
    pub config: Option<String>,
    pub paths: Vec<String>,
    pub exclude_paths: Vec<String>,
}

/// A loaded input.
#[derive(Debug)]
pub enum Loaded {
    /// Sources compiled from a directory or a `.proto` file.
    Sources {
        workspace: Workspace,
        files: Vec<SourceFile>,
        compiled: Compiled,
    },
    /// A prebuilt image.
    Image(Image),
}

/// A load either succeeds or stops at compile errors (findings).
#[derive(Debug)]
pub enum LoadOutcome {
    Ok(Loaded),
    Failed(Vec<Finding>),
}

/// Resolves and loads an input.
pub fn load(opts: &LoadOptions) -> Result<LoadOutcome> {
    let input = InputRef::parse(&opts.input)?;
    let dopts = DiscoverOptions {
        config_override: opts.config.clone(),
        paths: opts.paths.clone(),
        exclude_paths: opts.exclude_paths.clone(),
    };
    match input.format {
        InputFormat::Dir => {
            let timer = crate::timing::Timer::start("load");
            let ws = workspace::discover(Path::new(&input.path), &dopts)?;
            timer.stage("discover");
            let files = workspace::list_files(&ws, &dopts)?;
            timer.stage("list_files");
            compile_workspace(ws, files)
        }
        InputFormat::ProtoFile => {
            let (ws, target) = workspace::discover_proto_file(Path::new(&input.path), &dopts)?;
            let include_package = input.option("include_package_files") == Some("true");
            let mut files = workspace::list_files(&ws, &dopts)?;
            if !include_package {
                for f in &mut files {
                    f.is_target = f.name == target;
                }
                return compile_workspace(ws, files);
            }
            // Target every file of the target's package: compile the
            // target first to learn its package.
            for f in &mut files {
                f.is_target = f.name == target;
            }
            let package = match compile_workspace(ws.clone(), files.clone())? {
                LoadOutcome::Ok(Loaded::Sources { compiled, .. }) => compiled
                    .file(&target)
                    .map(|f| f.parsed.package().to_string())
                    .unwrap_or_default(),
                other => return Ok(other),
            };
            let packages = package_of_files(&files)?;
            for f in &mut files {
                f.is_target = packages.get(&f.name).is_some_and(|p| *p == package);
            }
            compile_workspace(ws, files)
        }
        f if f.is_image() => {
            let image = read_image(&input)?;
            Ok(LoadOutcome::Ok(Loaded::Image(filter_image(
                image,
                &opts.paths,
                &opts.exclude_paths,
            ))))
        }
        InputFormat::Git | InputFormat::Tar | InputFormat::Zip => {
            // The revision or archive is written into a scratch directory,
            // then read like a directory whose upward search stops at its
            // root; printed paths are relative to that root.
            let timer = crate::timing::Timer::start("load");
            let root = scratch_dir()?;
            let subdir = if input.format == InputFormat::Git {
                super::git::fetch(&input, &opts.input, &root)?
            } else {
                super::archive::extract(&input, &opts.input, &root)?
            };
            timer.stage("fetch");
            let ws = workspace::discover_tree(&root, &subdir, &dopts)?;
            let files = workspace::list_files(&ws, &dopts)?;
            timer.stage("discover");
            compile_workspace(ws, files)
        }
        _ => Err(Error::msg(format!(
            "input \"{}\": buf registry modules need the network; protogate works offline on local inputs",
            opts.input
        ))),
    }
}

/// A new scratch directory for a fetched tree (a git revision or an
/// extracted archive). It must outlive the [`Loaded`] value (local policy
/// files are read from it when checks run), and the binary does not drop
/// what it loaded, so the directories are removed when the process exits.
///
/// On Linux the directory goes to the memory-backed `/dev/shm` when it is
/// there and writable (unless `TMPDIR` is set): writing googleapis' 4,800
/// baseline files to a disk-backed `/tmp` took 1.1 s of a 3.7 s breaking
/// run, to `/dev/shm` 0.15 s. The files are the input's sources only
/// (tens of MB for the largest schemas) and are removed at exit.
pub(crate) fn scratch_dir() -> Result<PathBuf> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("protogate-input-");
    let shm = std::path::Path::new("/dev/shm");
    let dir = if cfg!(target_os = "linux") && std::env::var_os("TMPDIR").is_none() && shm.is_dir() {
        builder.tempdir_in(shm).or_else(|_| builder.tempdir())
    } else {
        builder.tempdir()
    };
    let dir = dir.map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let path = dir.path().to_path_buf();
    scratch::keep_until_exit(dir);
    Ok(path)
}

mod scratch {
    //! Scratch directories removed at process exit (C `atexit`), whether
    //! `main` returns or calls `std::process::exit`.

    use std::sync::{Mutex, Once};

    static DIRS: Mutex<Vec<tempfile::TempDir>> = Mutex::new(Vec::new());
    static REGISTER: Once = Once::new();

    pub(super) fn keep_until_exit(dir: tempfile::TempDir) {
        REGISTER.call_once(register);
        match DIRS.lock() {
            Ok(mut dirs) => dirs.push(dir),
            Err(poisoned) => poisoned.into_inner().push(dir),
        }
    }

    extern "C" fn remove_all() {
        // Dropping a TempDir removes it; errors are ignored at exit.
        let dirs = match DIRS.lock() {
            Ok(mut dirs) => std::mem::take(&mut *dirs),
            Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
        };
        drop(dirs);
    }

    #[cfg(any(unix, windows))]
    fn register() {
        unsafe extern "C" {
            fn atexit(callback: extern "C" fn()) -> std::ffi::c_int;
        }
        // SAFETY: `atexit` is the C standard library's; `remove_all` is a
        // plain `extern "C" fn()` that does not unwind (a poisoned lock is
        // handled, and removal errors are ignored by `TempDir`'s drop).
        unsafe {
            atexit(remove_all);
        }
    }

    #[cfg(not(any(unix, windows)))]
    fn register() {
        let _ = remove_all;
    }
}

/// Cheap package scan (parse only) of workspace files.
fn package_of_files(files: &[SourceFile]) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for f in files {
        let text = std::fs::read_to_string(&f.fs_path).map_err(|e| Error::io(&f.fs_path, e))?;
        if let Ok(fd) = protox_parse::parse(&f.name, &text) {
            out.insert(f.name.clone(), fd.package().to_string());
        }
    }
    Ok(out)
}

fn compile_workspace(workspace: Workspace, files: Vec<SourceFile>) -> Result<LoadOutcome> {
    let mut sources: BTreeMap<String, Source> = BTreeMap::new();
    for f in &files {
        if let Some(prev) = sources.get(&f.name) {
            return Err(Error::msg(format!(
                "{} is contained in multiple roots or modules: {} and {}",
                f.name, prev.external, f.external
            )));
        }
        sources.insert(f.name.clone(), Source::from_workspace(f));
    }
    let targets: Vec<Source> = files
        .iter()
        .filter(|f| f.is_target)
        .map(Source::from_workspace)
        .collect();
    if targets.is_empty() {
        return Err(Error::msg(NO_FILES_TARGETED));
    }
    match compile::compile(&targets, &sources)? {
        Outcome::Ok(compiled) => Ok(LoadOutcome::Ok(Loaded::Sources {
            workspace,
            files,
            compiled,
        })),
        Outcome::Failed(findings) => Ok(LoadOutcome::Failed(findings)),
    }
}

/// buf's message when nothing is left to check.
pub const NO_FILES_TARGETED: &str = "no .proto files were targeted. This can occur if no .proto files are found in your input, --path points to files that do not exist, or --exclude-path excludes all files.";

fn read_image(input: &InputRef) -> Result<Image> {
    let bytes = if input.path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("<stdin>", e))?;
        buf
    } else {
        std::fs::read(&input.path).map_err(|e| Error::io(&input.path, e))?
    };
    if input.compression != Compression::None {
        return Err(Error::not_implemented(format!(
            "compressed images (input \"{}\")",
            input.path
        )));
    }
    let what = |e: Error| Error::msg(format!("{}: {e}", input.path));
    match input.format {
        InputFormat::Binpb => Image::decode(&bytes).map_err(what),
        InputFormat::Json => {
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::msg(format!("{}: JSON image is not UTF-8", input.path)))?;
            Image::from_json(&text).map_err(what)
        }
        other => Err(Error::not_implemented(format!("{} images", other.as_str()))),
    }
}

/// Applies `--path` / `--exclude-path` to an image: files outside become
/// imports (kept, since targets may need them).
fn filter_image(mut image: Image, paths: &[String], excludes: &[String]) -> Image {
    let under = |name: &str, p: &str| {
        let p = p.trim_end_matches('/');
        name == p || name.strip_prefix(p).is_some_and(|r| r.starts_with('/'))
    };
    if paths.is_empty() && excludes.is_empty() {
        return image;
    }
    for f in &mut image.files {
        let selected = (paths.is_empty() || paths.iter().any(|p| under(&f.name, p)))
            && !excludes.iter().any(|p| under(&f.name, p));
        if !selected {
            f.is_import = true;
        }
    }
    image
}

impl Loaded {
    /// The image of this input: compiled files in dependency order.
    pub fn to_image(&self) -> Image {
        match self {
            Loaded::Image(img) => img.clone(),
            Loaded::Sources { compiled, .. } => image_of(compiled),
        }
    }
}

/// Builds an image from a compile: the linked descriptors from the pool
/// (options interpreted), with each file's source info attached again;
/// bundled well-known files exactly as buf encodes them.
pub fn image_of(compiled: &Compiled) -> Image {
    use super::image::ImageFile;
    let timer = crate::timing::Timer::start("image");
    use rayon::prelude::*;
    let files: Vec<ImageFile> = compiled
        .files
        .par_iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let bytes = if f.is_bundled {
                crate::compile::wkt::get(&f.name)?.bytes.clone()
            } else {
                let fd = compiled.pool_of(i).get_file_by_name(&f.name)?;
                let empty_options: Vec<(usize, usize)> = f
                    .parsed
                    .service
                    .iter()
                    .enumerate()
                    .flat_map(|(si, s)| {
                        s.method.iter().enumerate().filter_map(move |(mi, m)| {
                            m.options
                                .as_ref()
                                .is_some_and(|o| *o == Default::default())
                                .then_some((si, mi))
                        })
                    })
                    .collect();
                let mut bytes =
                    super::image::add_empty_method_options(&fd.encode_to_vec(), &empty_options);
                // proto2 fields linked with a placeholder JSON name.
                for m in &f.json_masked {
                    let mut path = m.path.clone();
                    path.push(10);
                    bytes = super::image::replace_string_at(&bytes, &path, &m.json_name);
                }
                // An editions file was linked as proto2: its syntax (12)
                // and edition (14) as buf writes them.
                if let Some(edition) = f.edition {
                    bytes = super::image::replace_string_at(&bytes, &[12], "editions");
                    bytes = super::image::insert_varint_in_order(&bytes, 14, edition as u64);
                }
                // `visibility`: DescriptorProto field 11, EnumDescriptorProto 6.
                for (path, value) in &f.visibility {
                    let is_enum = matches!(path.get(path.len().wrapping_sub(2)), Some(4 | 5))
                        && !(path.len() == 2 && path[0] == 4);
                    let number = if is_enum { 6 } else { 11 };
                    bytes = super::image::insert_varint_at(&bytes, path, number, *value as u64);
                }
                // field 9: source_code_info, in field-number order.
                super::image::insert_field_in_order(&bytes, 9, &f.source_info_bytes)
            };
            Some(ImageFile {
                name: f.name.clone(),
                bytes,
                is_import: !f.is_target,
                syntax_unspecified: f.syntax_unspecified,
                unused_dependency: f.unused_dependency.clone(),
            })
        })
        .collect();
    timer.stage("assemble");
    Image { files }
}
