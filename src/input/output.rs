//! Writing outputs atomically: a temporary file in the destination's
//! directory, then a rename. Nothing is left half-written.

use std::{
    io::Write,
    path::{Path, PathBuf},
};

use super::image::{Image, WriteOptions};
use crate::{Error, Result};

/// Where `build -o` writes, and in which encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputTarget {
    Stdout,
    File { path: PathBuf, json: bool },
}

impl OutputTarget {
    /// Parses `-o`: `-`, `x.binpb`, `x.bin`, `x.json`, optionally `#format=binpb|json`.
    /// The destination directory must exist (checked now, before any work).
    pub fn parse(raw: &str) -> Result<Self> {
        let (path, opts) = match raw.split_once('#') {
            Some((p, o)) => (p, Some(o)),
            None => (raw, None),
        };
        let mut format = None;
        if let Some(opts) = opts {
            for kv in opts.split(',').filter(|s| !s.is_empty()) {
                match kv.split_once('=') {
                    Some(("format", v @ ("binpb" | "bin" | "json"))) => {
                        format = Some(v.to_string())
                    }
                    Some(("format", v)) => {
                        return Err(Error::msg(format!(
                            "-o {raw}: unsupported output format \"{v}\" (binpb or json)"
                        )));
                    }
                    _ => return Err(Error::msg(format!("-o {raw}: unknown option \"{kv}\""))),
                }
            }
        }
        if path == "-" && format.as_deref() != Some("json") {
            return Ok(OutputTarget::Stdout);
        }
        if path == "/dev/null" {
            return Ok(OutputTarget::File {
                path: PathBuf::from(path),
                json: false,
            });
        }
        let json = match format.as_deref() {
            Some("json") => true,
            Some(_) => false,
            None => {
                if path.ends_with(".json") {
                    true
                } else if path.ends_with(".binpb") || path.ends_with(".bin") {
                    false
                } else if [".txtpb", ".yaml", ".yml"]
                    .iter()
                    .any(|e| path.ends_with(e))
                {
                    return Err(Error::not_implemented(format!(
                        "writing images as {}",
                        path.rsplit('.').next().unwrap_or("")
                    )));
                } else if [".gz", ".zst"].iter().any(|e| path.ends_with(e)) {
                    return Err(Error::not_implemented("writing compressed images"));
                } else {
                    false
                }
            }
        };
        let path = PathBuf::from(path);
        let dir = parent_dir(&path);
        if !dir.is_dir() {
            return Err(Error::msg(format!(
                "-o {}: directory {} does not exist",
                path.display(),
                dir.display()
            )));
        }
        if path.is_dir() {
            return Err(Error::msg(format!("-o {}: is a directory", path.display())));
        }
        Ok(OutputTarget::File { path, json })
    }

    /// Writes the image.
    pub fn write_image(&self, image: &Image, opts: WriteOptions) -> Result<()> {
        match self {
            OutputTarget::Stdout => {
                let bytes = image.encode(opts);
                let mut out = std::io::stdout().lock();
                out.write_all(&bytes)
                    .and_then(|_| out.flush())
                    .map_err(|e| Error::io("<stdout>", e))
            }
            OutputTarget::File { path, json } => {
                let bytes = if *json {
                    image.to_json(opts)?.into_bytes()
                } else {
                    image.encode(opts)
                };
                write_atomic(path, &bytes)
            }
        }
    }
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` to `path` through a temporary file and a rename, so the
/// destination is either the old file or the complete new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    // Character devices and the like (e.g. /dev/null) are written directly.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        return std::fs::write(path, bytes).map_err(|e| Error::io(path, e));
    }
    let dir = parent_dir(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.protogate-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        f.write_all(bytes).map_err(|e| Error::io(&tmp, e))?;
        f.sync_all().map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// [`write_atomic`] for a file that already exists: the replacement keeps
/// the original's permissions, and a read-only file is refused.
pub fn write_atomic_keep_mode(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let perms = std::fs::metadata(path)?.permissions();
    if perms.readonly() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    let dir = parent_dir(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.protogate-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::set_permissions(&tmp, perms)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_targets() {
        assert_eq!(OutputTarget::parse("-").unwrap(), OutputTarget::Stdout);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.json");
        assert_eq!(
            OutputTarget::parse(p.to_str().unwrap()).unwrap(),
            OutputTarget::File {
                path: p,
                json: true
            }
        );
        assert!(OutputTarget::parse("/definitely/missing/dir/x.binpb").is_err());
        assert!(OutputTarget::parse("x.binpb#format=yaml").is_err());
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.binpb");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
