//! Inputs, with buf's `path#key=value,...` syntax: a directory, a single
//! `.proto` file, an image (`.binpb`, `.bin`, `.json`, `-` for stdin), a
//! local git repository (`.git#branch=main`) or an archive (`.tar`,
//! `.tar.gz`, `.tgz`, `.tar.zst`, `.zip`).

pub mod archive;
pub mod git;
pub mod image;
pub mod list;
pub mod load;
pub mod output;

use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// What kind of input a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Dir,
    ProtoFile,
    Binpb,
    Json,
    Txtpb,
    Yaml,
    Git,
    Tar,
    Zip,
    Module,
}

impl InputFormat {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "dir" => InputFormat::Dir,
            "protofile" => InputFormat::ProtoFile,
            "binpb" | "bin" => InputFormat::Binpb,
            "json" => InputFormat::Json,
            "txtpb" => InputFormat::Txtpb,
            "yaml" => InputFormat::Yaml,
            "git" => InputFormat::Git,
            "tar" => InputFormat::Tar,
            "zip" => InputFormat::Zip,
            "mod" => InputFormat::Module,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Dir => "dir",
            InputFormat::ProtoFile => "protofile",
            InputFormat::Binpb => "binpb",
            InputFormat::Json => "json",
            InputFormat::Txtpb => "txtpb",
            InputFormat::Yaml => "yaml",
            InputFormat::Git => "git",
            InputFormat::Tar => "tar",
            InputFormat::Zip => "zip",
            InputFormat::Module => "mod",
        }
    }

    pub fn is_image(self) -> bool {
        matches!(
            self,
            InputFormat::Binpb | InputFormat::Json | InputFormat::Txtpb | InputFormat::Yaml
        )
    }
}

/// Compression of an image file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// A parsed input reference: `path#key=value,...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputRef {
    /// The path as the user wrote it (`-` is stdin).
    pub path: String,
    pub format: InputFormat,
    pub compression: Compression,
    /// Other options (`subdir`, `branch`, `include_package_files`, ...), in order.
    pub options: Vec<(String, String)>,
}

const KNOWN_OPTIONS: &[&str] = &[
    "format",
    "compression",
    "subdir",
    "strip_components",
    "branch",
    "tag",
    "commit",
    "ref",
    "depth",
    "recurse_submodules",
    "include_package_files",
    "merge_base",
];

impl InputRef {
    /// Parses `path#key=value,...`, inferring the format from the path.
    pub fn parse(raw: &str) -> Result<Self> {
        let (path, opts) = match raw.split_once('#') {
            Some((p, o)) => (p, Some(o)),
            None => (raw, None),
        };
        let path = if path.is_empty() { "." } else { path };
        let mut options = Vec::new();
        let mut format = None;
        let mut compression = None;
        if let Some(opts) = opts {
            for kv in opts.split(',').filter(|s| !s.is_empty()) {
                let Some((k, v)) = kv.split_once('=') else {
                    return Err(Error::msg(format!(
                        "{raw}: invalid input option \"{kv}\": expected key=value"
                    )));
                };
                if v.is_empty() {
                    // buf's message for `branch=`, `subdir=`, ...
                    return Err(Error::msg(format!("invalid options: \"{kv}\"")));
                }
                if !KNOWN_OPTIONS.contains(&k) {
                    return Err(Error::msg(format!("{raw}: unknown input option \"{k}\"")));
                }
                match k {
                    "format" => {
                        format =
                            Some(InputFormat::parse(v).ok_or_else(|| {
                                Error::msg(format!("{raw}: unknown format \"{v}\""))
                            })?)
                    }
                    "compression" => {
                        compression = Some(match v {
                            "none" => Compression::None,
                            "gzip" => Compression::Gzip,
                            "zstd" => Compression::Zstd,
                            _ => {
                                return Err(Error::msg(format!(
                                    "{raw}: unknown compression \"{v}\""
                                )));
                            }
                        })
                    }
                    _ => options.push((k.to_string(), v.to_string())),
                }
            }
        }
        let (inferred, inferred_compression) = infer_format(path);
        Ok(InputRef {
            path: path.to_string(),
            format: format.unwrap_or(inferred),
            compression: compression.unwrap_or(inferred_compression),
            options,
        })
    }

    pub fn option(&self, key: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn infer_format(path: &str) -> (InputFormat, Compression) {
    if path == "-" {
        return (InputFormat::Binpb, Compression::None);
    }
    let (base, compression) = if let Some(b) = path.strip_suffix(".gz") {
        (b, Compression::Gzip)
    } else if let Some(b) = path.strip_suffix(".zst") {
        (b, Compression::Zstd)
    } else {
        (path, Compression::None)
    };
    // `.git` names a repository even though it is a directory.
    if path.trim_end_matches('/').ends_with(".git") {
        return (InputFormat::Git, Compression::None);
    }
    if Path::new(path).is_dir() {
        return (InputFormat::Dir, Compression::None);
    }
    let ext = |e: &str| base.ends_with(e);
    let f = if ext(".proto") {
        InputFormat::ProtoFile
    } else if ext(".git") {
        InputFormat::Git
    } else if ext(".tar") || path.ends_with(".tgz") {
        return (
            InputFormat::Tar,
            if path.ends_with(".tgz") {
                Compression::Gzip
            } else {
                compression
            },
        );
    } else if ext(".zip") {
        InputFormat::Zip
    } else if ext(".binpb") || ext(".bin") {
        InputFormat::Binpb
    } else if ext(".json") {
        InputFormat::Json
    } else if ext(".txtpb") {
        InputFormat::Txtpb
    } else if ext(".yaml") || ext(".yml") {
        InputFormat::Yaml
    } else {
        InputFormat::Dir
    };
    (f, compression)
}

/// A path for messages: relative to the current directory when it lies
/// below it, else as given.
pub fn display_path(path: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf));
    rel.unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// Absolute form of a user path, for reading only (printed paths keep the
/// user's spelling).
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_options_and_infers_formats() {
        let r = InputRef::parse("x/image.binpb").unwrap();
        assert_eq!(r.format, InputFormat::Binpb);
        let r = InputRef::parse("img.json#format=binpb").unwrap();
        assert_eq!(r.format, InputFormat::Binpb);
        let r = InputRef::parse(".git#branch=main,subdir=proto").unwrap();
        assert_eq!(r.format, InputFormat::Git);
        assert_eq!(r.option("branch"), Some("main"));
        assert_eq!(r.option("subdir"), Some("proto"));
        let r = InputRef::parse("a.tar.gz#strip_components=1").unwrap();
        assert_eq!(
            (r.format, r.compression),
            (InputFormat::Tar, Compression::Gzip)
        );
        let r = InputRef::parse("-").unwrap();
        assert_eq!(r.format, InputFormat::Binpb);
        assert_eq!(
            InputRef::parse("nonexistent_dir").unwrap().format,
            InputFormat::Dir
        );
        assert!(InputRef::parse("x#bogus=1").is_err());
        assert!(InputRef::parse("x#format").is_err());
        assert!(InputRef::parse("x#format=nope").is_err());
    }
}
