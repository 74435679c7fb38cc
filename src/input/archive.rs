//! Archive inputs: `.tar`, `.tar.gz` / `.tgz`, `.tar.zst` and `.zip`.
//!
//! The archive is extracted into a scratch directory (see
//! [`super::load::scratch_dir`]) and then read like a fetched tree: buf's
//! options `strip_components=N` (drop the first N path components; entries
//! with no more than N components are skipped, as buf does) and `subdir=`
//! (the input directory inside the tree) apply.
//!
//! Only regular files are extracted, and only those a workspace can need
//! (see [`is_workspace_file`]). Entry names are cleaned (`./a/../b` → `b`);
//! an entry that is absolute or climbs out of the archive fails the input.
//! Symbolic links, hard links and devices are skipped, so nothing can point
//! outside the scratch directory.

use std::{
    fs,
    io::{self, Read},
    path::Path,
};

use super::{Compression, InputFormat, InputRef};
use crate::{Error, Result};

/// Options that only make sense for git inputs.
pub(crate) const GIT_OPTIONS: &[&str] = &[
    "branch",
    "tag",
    "commit",
    "ref",
    "depth",
    "recurse_submodules",
    "merge_base",
];

/// Options that only make sense for archives.
pub(crate) const ARCHIVE_OPTIONS: &[&str] = &["strip_components"];

/// Extracts the archive `input` (as the user typed it: `raw`) into `dest`
/// and returns the input directory inside it (`subdir=`, default `"."`).
pub fn extract(input: &InputRef, raw: &str, dest: &Path) -> Result<String> {
    if input
        .options
        .iter()
        .any(|(k, _)| GIT_OPTIONS.contains(&k.as_str()))
    {
        return Err(Error::msg(format!(
            "invalid options for input {} for format {}: git options set",
            crate::gostr::quote(raw),
            crate::gostr::quote(input.format.as_str())
        )));
    }
    let strip = match input.option("strip_components") {
        None => 0,
        Some(v) => v.parse::<usize>().map_err(|_| {
            Error::msg(format!(
                "could not parse strip_components value {}",
                crate::gostr::quote(v)
            ))
        })?,
    };
    let subdir = check_subdir(input)?;
    let file = fs::File::open(&input.path).map_err(|e| Error::io(&input.path, e))?;
    let corrupt = |what: &str, e: &dyn std::fmt::Display| {
        Error::msg(format!("could not read {what} archive {}: {e}", input.path))
    };
    let mut sink = Sink {
        dest,
        strip,
        archive: &input.path,
    };
    match input.format {
        InputFormat::Zip => {
            if input.compression != Compression::None {
                return Err(Error::msg("cannot specify compression type for zip files"));
            }
            let mut zip =
                zip::ZipArchive::new(io::BufReader::new(file)).map_err(|e| corrupt("zip", &e))?;
            for i in 0..zip.len() {
                let mut entry = zip.by_index(i).map_err(|e| corrupt("zip", &e))?;
                if !entry.is_file() || entry.is_symlink() {
                    continue;
                }
                let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
                sink.add(&name, &mut entry).map_err(|e| match e {
                    SinkError::Read(e) => corrupt("zip", &e),
                    SinkError::Other(e) => e,
                })?;
            }
        }
        _ => {
            let reader: Box<dyn Read> = match input.compression {
                Compression::None => Box::new(io::BufReader::new(file)),
                Compression::Gzip => {
                    Box::new(flate2::read::MultiGzDecoder::new(io::BufReader::new(file)))
                }
                Compression::Zstd => Box::new(
                    ruzstd::decoding::StreamingDecoder::new(io::BufReader::new(file))
                        .map_err(|e| corrupt("zstd-compressed tar", &e))?,
                ),
            };
            let what = match input.compression {
                Compression::None => "tar",
                Compression::Gzip => "gzip-compressed tar",
                Compression::Zstd => "zstd-compressed tar",
            };
            let mut tar = tar::Archive::new(reader);
            let mut entries = 0usize;
            for entry in tar.entries().map_err(|e| corrupt(what, &e))? {
                let mut entry = entry.map_err(|e| corrupt(what, &e))?;
                entries += 1;
                let kind = entry.header().entry_type();
                // Regular files only (GNU sparse and contiguous files are
                // regular files too); links, directories and devices are
                // skipped.
                if !(kind.is_file() || kind.is_contiguous() || kind.is_gnu_sparse()) {
                    continue;
                }
                let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
                sink.add(&name, &mut entry).map_err(|e| match e {
                    SinkError::Read(e) => corrupt(what, &e),
                    SinkError::Other(e) => e,
                })?;
            }
            // A file too short for one header block reads as an empty
            // archive; a real empty tar is at least 1024 bytes of zeros.
            if entries == 0 {
                let len = fs::metadata(&input.path).map(|m| m.len()).unwrap_or(0);
                if input.compression == Compression::None && len < 1024 {
                    return Err(corrupt(what, &"unexpected end of file"));
                }
            }
        }
    }
    Ok(subdir)
}

enum SinkError {
    /// Reading the archive failed (corrupt data).
    Read(io::Error),
    Other(Error),
}

/// Writes archive entries below `dest`.
struct Sink<'a> {
    dest: &'a Path,
    strip: usize,
    archive: &'a str,
}

impl Sink<'_> {
    fn add(&mut self, name: &str, data: &mut dyn Read) -> Result<(), SinkError> {
        let cleaned = match safe_relative(name) {
            Ok(Some(p)) => p,
            Ok(None) => return Ok(()),
            Err(why) => {
                return Err(SinkError::Other(Error::msg(format!(
                    "archive {}: entry {} {why}",
                    self.archive,
                    crate::gostr::quote(name)
                ))));
            }
        };
        let parts: Vec<&str> = cleaned.split('/').collect();
        if parts.len() <= self.strip {
            return Ok(());
        }
        let rel = parts[self.strip..].join("/");
        if !is_workspace_file(&rel) {
            return Ok(());
        }
        let mut bytes = Vec::new();
        data.read_to_end(&mut bytes).map_err(SinkError::Read)?;
        write_tree_file(self.dest, &rel, &bytes).map_err(SinkError::Other)
    }
}

/// Validates `subdir=` before anything is read, with buf's messages
/// (discovery validates it again).
pub(crate) fn check_subdir(input: &InputRef) -> Result<String> {
    let subdir = input.option("subdir").unwrap_or(".");
    if subdir.starts_with('/') || subdir.starts_with('\\') {
        return Err(Error::msg(format!("{subdir}: expected to be relative")));
    }
    if safe_relative(subdir).is_err() {
        return Err(Error::msg(format!(
            "{subdir}: is outside the context directory"
        )));
    }
    Ok(subdir.to_string())
}

/// Cleans an entry name of an archive or a git tree into a relative
/// `/`-separated path: `.` and empty components dropped, `..` resolved.
/// `Ok(None)` for a name that names the root itself; `Err` (the reason)
/// for an absolute name or one that climbs out of the tree.
pub(crate) fn safe_relative(name: &str) -> Result<Option<String>, &'static str> {
    if name.starts_with('/') || name.starts_with('\\') {
        return Err("is an absolute path");
    }
    if name.contains('\0') {
        return Err("contains a NUL byte");
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in name.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("points outside the archive");
                }
            }
            // A drive prefix or a backslash would be read as a path
            // separator on Windows.
            p if p.contains('\\') || (cfg!(windows) && p.contains(':')) => {
                return Err("has a component that is not portable");
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return Ok(None);
    }
    Ok(Some(parts.join("/")))
}

/// Whether a file of a fetched tree can matter to a workspace: `.proto`
/// files, configuration (`buf.yaml`, `buf.work.yaml`, legacy `buf.mod` /
/// `buf.work`, `buf.lock`) and YAML files (local policy files).
pub(crate) fn is_workspace_file(rel: &str) -> bool {
    let base = rel.rsplit('/').next().unwrap_or(rel);
    base.ends_with(".proto")
        || base.ends_with(".yaml")
        || base.ends_with(".yml")
        || matches!(base, "buf.mod" | "buf.work" | "buf.lock")
}

/// Writes `bytes` at the cleaned relative path `rel` below `root`.
pub(crate) fn write_tree_file(root: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    // Never follow a link into the tree (there are none: only regular
    // files are written), and never write through one.
    if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(Error::msg(format!(
            "{rel}: not a regular file in the fetched tree"
        )));
    }
    fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_entry_names() {
        assert_eq!(safe_relative("./a/b.proto"), Ok(Some("a/b.proto".into())));
        assert_eq!(safe_relative("a//./c/../b"), Ok(Some("a/b".into())));
        assert_eq!(safe_relative("./"), Ok(None));
        assert!(safe_relative("../x").is_err());
        assert!(safe_relative("a/../../x").is_err());
        assert!(safe_relative("/etc/passwd").is_err());
        assert!(safe_relative("a\\..\\x").is_err());
    }

    #[test]
    fn keeps_workspace_files_only() {
        assert!(is_workspace_file("a/b.proto"));
        assert!(is_workspace_file("buf.yaml"));
        assert!(is_workspace_file("x/buf.work"));
        assert!(is_workspace_file("policies/p.yml"));
        assert!(!is_workspace_file("README.md"));
        assert!(!is_workspace_file("a.proto.bak"));
    }
}
