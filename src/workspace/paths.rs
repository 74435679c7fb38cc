//! Lexical path helpers with the semantics of buf's `normalpath` package.
//!
//! Paths inside a workspace are `/`-separated, cleaned strings relative to
//! some root (`.` for the root itself). Nothing here touches the file
//! system: `..` is resolved lexically, exactly as Go's `filepath.Clean` and
//! `filepath.Rel` do, so a path through a symlink is kept as the user spelled
//! it.

use std::path::{Component, Path, PathBuf};

/// Go's `filepath.Clean` followed by `filepath.ToSlash`: collapses repeated
/// separators, drops `.` components, resolves `..` against preceding
/// components where possible. `""` and `"."` become `"."`.
pub(crate) fn normalize(path: &str) -> String {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if matches!(out.last(), Some(last) if *last != "..") {
                    out.pop();
                } else if !absolute {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    let joined = out.join("/");
    match (absolute, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// buf's `NormalizeAndValidate`: the normalized path, or buf's error text
/// (`"<path>: is outside the context directory"`) for a path that is
/// absolute or climbs out of its root.
pub(crate) fn normalize_and_validate(path: &str) -> Result<String, String> {
    let normalized = normalize(path);
    if normalized.starts_with('/') {
        return Err(format!("{path}: expected to be relative"));
    }
    if normalized == ".." || normalized.starts_with("../") {
        return Err(format!("{path}: is outside the context directory"));
    }
    Ok(normalized)
}

/// Go's `filepath.Dir` on a normalized path (`"a/b"` → `"a"`, `"a"` → `"."`).
pub(crate) fn dir(path: &str) -> String {
    match path.rfind('/') {
        Some(0) => "/".to_string(),
        Some(i) => normalize(&path[..i]),
        None => ".".to_string(),
    }
}

/// Joins two normalized relative paths and normalizes the result.
pub(crate) fn join(a: &str, b: &str) -> String {
    if a == "." || a.is_empty() {
        return normalize(b);
    }
    normalize(&format!("{a}/{b}"))
}

/// Whether `value` equals `path` or is one of its ancestor directories
/// (`"."` contains everything). Both must be normalized relative paths.
pub(crate) fn equals_or_contains(value: &str, path: &str) -> bool {
    if value == "." {
        return true;
    }
    let mut cur = path.to_string();
    loop {
        if cur == value {
            return true;
        }
        if cur == "." || cur == "/" || cur == ".." || cur.ends_with("/..") {
            return false;
        }
        cur = dir(&cur);
    }
}

/// Whether `dir_path` strictly contains `path`.
pub(crate) fn contains(dir_path: &str, path: &str) -> bool {
    dir_path != path && equals_or_contains(dir_path, &dir(path))
}

/// Lexically cleans an absolute path (resolves `.` and `..` without touching
/// the file system).
pub(crate) fn clean_abs(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Prefix(p) => out.push(p.as_os_str()),
            Component::RootDir => out.push(Component::RootDir.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                // Popping at the root is a no-op, as in Go.
                out.pop();
            }
            Component::Normal(n) => out.push(n),
        }
    }
    out
}

/// Go's `filepath.Rel` on two cleaned absolute paths: the `/`-separated
/// relative path from `base` to `target` (`"."` when equal, `".."`
/// components when `target` is not below `base`).
pub(crate) fn rel_abs(base: &Path, target: &Path) -> String {
    let base: Vec<_> = base.components().collect();
    let target: Vec<_> = target.components().collect();
    let common = base
        .iter()
        .zip(target.iter())
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = Vec::new();
    for _ in common..base.len() {
        parts.push("..".to_string());
    }
    for component in &target[common..] {
        parts.push(component.as_os_str().to_string_lossy().into_owned());
    }
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// Joins a normalized relative path onto an absolute directory.
pub(crate) fn join_abs(base: &Path, rel: &str) -> PathBuf {
    if rel == "." {
        return base.to_path_buf();
    }
    clean_abs(&base.join(rel))
}

/// Go's `filepath.IsLocal` for a `/`-separated path: relative, not empty,
/// and not escaping its directory once cleaned.
pub(crate) fn is_local(path: &str) -> bool {
    if path.is_empty() || path.starts_with('/') {
        return false;
    }
    let normalized = normalize(path);
    normalized != ".." && !normalized.starts_with("../")
}

pub(crate) use crate::gostr::quote;

/// Go's `%v` of a `[]string`: `[a b c]`.
pub(crate) fn go_list(items: &[String]) -> String {
    format!("[{}]", items.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_like_go_clean() {
        assert_eq!(normalize(""), ".");
        assert_eq!(normalize("./"), ".");
        assert_eq!(normalize("a//b/./c/"), "a/b/c");
        assert_eq!(normalize("a/../.."), "..");
        assert_eq!(normalize("../a/../b"), "../b");
        assert_eq!(normalize("/../a"), "/a");
        assert_eq!(normalize("./proto/"), "proto");
    }

    #[test]
    fn validate_rejects_escaping_paths() {
        assert_eq!(normalize_and_validate("a/./b").as_deref(), Ok("a/b"));
        assert_eq!(
            normalize_and_validate("../x"),
            Err("../x: is outside the context directory".to_string())
        );
        assert!(normalize_and_validate("/abs").is_err());
    }

    #[test]
    fn containment() {
        assert!(equals_or_contains(".", "a/b"));
        assert!(equals_or_contains("a", "a"));
        assert!(equals_or_contains("a", "a/b/c.proto"));
        assert!(!equals_or_contains("a", "ab/c.proto"));
        assert!(!equals_or_contains("a/b", "a"));
        assert!(!equals_or_contains("a", "../a"));
        assert!(contains(".", "a"));
        assert!(!contains(".", "."));
        assert!(!contains("a", "a"));
        assert!(contains("a", "a/b"));
    }

    #[test]
    fn relative_paths() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(rel_abs(&p("/a/b"), &p("/a/b")), ".");
        assert_eq!(rel_abs(&p("/a/b"), &p("/a/b/c/d")), "c/d");
        assert_eq!(rel_abs(&p("/a/b/c"), &p("/a/x")), "../../x");
        assert_eq!(rel_abs(&p("/"), &p("/a")), "a");
        assert_eq!(clean_abs(&p("/a/b/../../../c/./d")), p("/c/d"));
        assert!(is_local("a/../b"));
        assert!(!is_local("a/../../b"));
        assert!(is_local("."));
    }

    #[test]
    fn quoting() {
        assert_eq!(quote("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
        assert_eq!(go_list(&["a".into(), "b".into()]), "[a b]");
    }
}
