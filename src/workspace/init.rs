//! `config init`: writes the default `buf.yaml` (v2), as `buf config init` does.

use std::path::Path;

use crate::{Error, Result};

/// The file `buf config init` writes (buf 1.75).
pub const DEFAULT_BUF_YAML: &str = "# For details on buf.yaml configuration, visit https://buf.build/docs/configuration/v2/buf-yaml
version: v2
lint:
  use:
    - STANDARD
breaking:
  use:
    - FILE
";

/// Writes `buf.yaml` into `dir`, refusing to overwrite an existing one.
/// Returns the path written.
pub fn init(dir: &Path) -> Result<std::path::PathBuf> {
    if !dir.is_dir() {
        return Err(Error::msg(format!(
            "directory {} does not exist",
            dir.display()
        )));
    }
    let path = dir.join("buf.yaml");
    if path.exists() {
        return Err(Error::msg(format!(
            "buf.yaml already exists in directory {}, will not overwrite",
            dir.display()
        )));
    }
    crate::input::output::write_atomic(&path, DEFAULT_BUF_YAML.as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_once_and_parses() {
        let dir = tempfile::tempdir().unwrap();
        let path = init(dir.path()).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, DEFAULT_BUF_YAML);
        assert!(crate::workspace::parse_buf_yaml(&text, "buf.yaml").is_ok());
        let err = init(dir.path()).unwrap_err().to_string();
        assert!(err.contains("already exists"), "{err}");
    }
}
