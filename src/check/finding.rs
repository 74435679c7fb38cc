//! `Finding`: one problem at one place, the unit every report prints.

use std::cmp::Ordering;

/// A 1-based source range in display columns. Zero means "unknown" (a file-less
/// finding has an all-zero span).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Span {
    pub const NONE: Span = Span {
        start_line: 0,
        start_column: 0,
        end_line: 0,
        end_column: 0,
    };

    pub fn new(start_line: u32, start_column: u32, end_line: u32, end_column: u32) -> Self {
        Span {
            start_line,
            start_column,
            end_line,
            end_column,
        }
    }

    pub fn is_none(&self) -> bool {
        *self == Span::NONE
    }
}

/// One finding: a lint or breaking rule violation, or a compile error (`COMPILE`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    /// Rule ID as printed in `type` (`COMPILE` for compile errors).
    pub rule: String,
    /// External path as printed (relative to the cwd as the user typed the
    /// input); `None` for a finding without a file (e.g. a deleted file).
    pub path: Option<String>,
    /// Path relative to the module root (what `ignore` and
    /// `config-ignore-yaml` use). `None` when there is no file.
    pub module_path: Option<String>,
    /// Position, 1-based display columns; all zero when unknown.
    pub span: Span,
    pub message: String,
    /// Check plugin that produced it, if any.
    pub plugin: Option<String>,
    /// Policy file name that produced it, if any.
    pub policy: Option<String>,
}

impl Finding {
    pub fn new(rule: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.into(),
            path: None,
            module_path: None,
            span: Span::NONE,
            message: message.into(),
            plugin: None,
            policy: None,
        }
    }

    pub fn at(
        mut self,
        path: impl Into<String>,
        module_path: impl Into<String>,
        span: Span,
    ) -> Self {
        self.path = Some(path.into());
        self.module_path = Some(module_path.into());
        self.span = span;
        self
    }

    /// buf's output order: path (file-less first), start line, start column,
    /// rule ID, message, end line, end column; then plugin and policy.
    pub fn output_cmp(&self, other: &Self) -> Ordering {
        let p = |f: &Finding| f.path.as_deref().unwrap_or("").to_owned();
        p(self)
            .cmp(&p(other))
            .then(self.span.start_line.cmp(&other.span.start_line))
            .then(self.span.start_column.cmp(&other.span.start_column))
            .then_with(|| self.rule.cmp(&other.rule))
            .then_with(|| self.message.cmp(&other.message))
            .then(self.span.end_line.cmp(&other.span.end_line))
            .then(self.span.end_column.cmp(&other.span.end_column))
            .then_with(|| self.plugin.cmp(&other.plugin))
            .then_with(|| self.policy.cmp(&other.policy))
    }
}

/// Sorts findings in output order and removes exact duplicates. Done once,
/// before any report is written.
pub fn sort_and_dedup(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| a.output_cmp(b));
    findings.dedup_by(|a, b| {
        a.rule == b.rule
            && a.path == b.path
            && a.span == b.span
            && a.message == b.message
            && a.plugin == b.plugin
            && a.policy == b.policy
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_fileless_first_then_rule_before_end() {
        let mut v = vec![
            Finding::new("B", "m").at("a.proto", "a.proto", Span::new(1, 1, 1, 5)),
            Finding::new("A", "m").at("a.proto", "a.proto", Span::new(1, 1, 2, 1)),
            Finding::new("Z", "m"),
            Finding::new("A", "m").at("a.proto", "a.proto", Span::new(1, 1, 2, 1)),
        ];
        sort_and_dedup(&mut v);
        let rules: Vec<_> = v.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["Z", "A", "B"]);
    }
}
