//! Ignores, applied once after the rules ran: config `ignore` paths,
//! `ignore_only` paths per rule, and `// buf:lint:ignore RULE` comments.

/// Whether the module-relative `path` equals `prefix` or lies under it,
/// component-wise (`a/b` covers `a/b/c.proto`, not `a/bc.proto`; `.` covers
/// everything).
pub fn path_covered(path: &str, prefix: &str) -> bool {
    if prefix == "." {
        return true;
    }
    match path.strip_prefix(prefix) {
        Some("") => true,
        Some(rest) => rest.starts_with('/'),
        None => false,
    }
}

/// Whether any of `prefixes` covers `path` (see [`path_covered`]).
pub fn any_covers(prefixes: &[String], path: &str) -> bool {
    prefixes.iter().any(|p| path_covered(path, p))
}

/// Whether a leading comment silences `rule_id`: one of its lines, trimmed,
/// starts with `buf:lint:ignore ` followed by the ID (a plain prefix test,
/// as buf: `buf:lint:ignore FOOX` also silences `FOO`).
pub fn comment_ignores(comment: &str, rule_id: &str) -> bool {
    comment.lines().any(|line| {
        line.trim()
            .strip_prefix("buf:lint:ignore ")
            .is_some_and(|rest| rest.starts_with(rule_id))
    })
}

/// Whether a comment line is an ignore directive (such lines never count as
/// documentation for the COMMENT_* rules).
pub fn is_ignore_directive(line: &str) -> bool {
    line.trim().starts_with("buf:lint:ignore")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_by_component() {
        assert!(path_covered("a/b/c.proto", "a/b"));
        assert!(path_covered("a/b", "a/b"));
        assert!(!path_covered("a/bc.proto", "a/b"));
        assert!(path_covered("x.proto", "."));
        assert!(!path_covered("a.proto", "a"));
    }

    #[test]
    fn comment_ignores_are_prefix_tests_on_trimmed_lines() {
        assert!(comment_ignores(
            " buf:lint:ignore FIELD_LOWER_SNAKE_CASE\n",
            "FIELD_LOWER_SNAKE_CASE"
        ));
        assert!(comment_ignores(
            "first\n  buf:lint:ignore FIELD_LOWER_SNAKE_CASEX because\n",
            "FIELD_LOWER_SNAKE_CASE"
        ));
        assert!(!comment_ignores(
            " buf:lint:ignore  FIELD_LOWER_SNAKE_CASE\n",
            "FIELD_LOWER_SNAKE_CASE"
        ));
        assert!(!comment_ignores(
            " buf:lint:ignore field_lower_snake_case\n",
            "FIELD_LOWER_SNAKE_CASE"
        ));
        assert!(!comment_ignores(
            " buf:lint:ignore BASIC\n",
            "FIELD_LOWER_SNAKE_CASE"
        ));
    }
}
