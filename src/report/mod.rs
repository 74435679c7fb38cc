//! Reports: one module per `--error-format`.
//!
//! Every format except `sarif` reproduces what buf 1.75 prints byte for byte
//! (see §7 of the conformance spec); `sarif` is protogate's own. Findings are
//! expected to be sorted and de-duplicated already
//! ([`crate::check::finding::sort_and_dedup`]); no format reorders them except
//! where buf itself does (`junit` groups by path, `config-ignore-yaml` sorts).

mod config_ignore_yaml;
mod github_actions;
mod gitlab;
mod json;
mod junit;
mod msvs;
mod sarif;
mod text;

#[cfg(test)]
mod tests;

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use crate::Finding;

/// An `--error-format` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorFormat {
    /// `path:line:col:message`, buf's default.
    Text,
    /// One compact JSON object a line, as buf prints it.
    Json,
    /// Visual Studio style: `path(line,col) : error TYPE : message`.
    Msvs,
    /// JUnit XML, one test suite per file.
    Junit,
    /// GitHub Actions workflow commands (`::error file=…::message`).
    GithubActions,
    /// A GitLab Code Quality report (one JSON array).
    GitlabCodeQuality,
    /// A v1 `buf.yaml` snippet that ignores every finding (lint only).
    ConfigIgnoreYaml,
    /// SARIF 2.1.0 (not in buf).
    Sarif,
}

impl ErrorFormat {
    /// Every format, in the order they are listed in help output.
    pub const ALL: &'static [ErrorFormat] = &[
        ErrorFormat::Text,
        ErrorFormat::Json,
        ErrorFormat::Msvs,
        ErrorFormat::Junit,
        ErrorFormat::GithubActions,
        ErrorFormat::GitlabCodeQuality,
        ErrorFormat::ConfigIgnoreYaml,
        ErrorFormat::Sarif,
    ];

    /// The flag value naming this format (`"github-actions"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorFormat::Text => "text",
            ErrorFormat::Json => "json",
            ErrorFormat::Msvs => "msvs",
            ErrorFormat::Junit => "junit",
            ErrorFormat::GithubActions => "github-actions",
            ErrorFormat::GitlabCodeQuality => "gitlab-code-quality",
            ErrorFormat::ConfigIgnoreYaml => "config-ignore-yaml",
            ErrorFormat::Sarif => "sarif",
        }
    }
}

impl fmt::Display for ErrorFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ErrorFormat {
    type Err = String;

    /// Parses a flag value exactly as buf does: case-sensitive, no aliases
    /// (`gcc` is rejected by buf 1.75). The error reads `invalid format: "gcc"`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ErrorFormat::ALL
            .iter()
            .copied()
            .find(|format| format.as_str() == s)
            .ok_or_else(|| format!("invalid format: {}", crate::gostr::quote(s)))
    }
}

/// Writes `findings` to `out` in `format`.
///
/// Findings must already be sorted and de-duplicated. When the format is
/// [`ErrorFormat::ConfigIgnoreYaml`] and every finding is a compile error (rule
/// `COMPILE`), they are printed as [`ErrorFormat::Text`], as buf does.
///
/// With no findings, the line-based formats and `config-ignore-yaml` write
/// nothing, `junit` writes an empty `<testsuites>`, `gitlab-code-quality` an
/// empty array and `sarif` a log with no results (buf itself prints nothing at
/// all when there are no findings; whether to call this then is the caller's
/// choice).
pub fn write_report(
    format: ErrorFormat,
    findings: &[Finding],
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ErrorFormat::Text => text::write(findings, out),
        ErrorFormat::Json => json::write(findings, out),
        ErrorFormat::Msvs => msvs::write(findings, out),
        ErrorFormat::Junit => junit::write(findings, out),
        ErrorFormat::GithubActions => github_actions::write(findings, out),
        ErrorFormat::GitlabCodeQuality => gitlab::write(findings, out),
        ErrorFormat::ConfigIgnoreYaml if findings.iter().all(|f| f.rule == "COMPILE") => {
            text::write(findings, out)
        }
        ErrorFormat::ConfigIgnoreYaml => config_ignore_yaml::write(findings, out),
        ErrorFormat::Sarif => sarif::write(findings, out),
    }
}

/// What buf prints in place of a path for a finding without a file.
const NO_FILE: &str = "<input>";

/// The path as printed by the text-like formats: the external path, or
/// `<input>` for a finding without a file.
fn display_path(finding: &Finding) -> &str {
    finding.path.as_deref().unwrap_or(NO_FILE)
}

/// buf prints unknown (zero) lines and columns as 1 in most formats.
fn at_least_1(value: u32) -> u32 {
    value.max(1)
}

/// The message, falling back to the rule ID, then to `FAILURE` (buf's
/// fallbacks for the text and msvs formats).
fn message_or_rule(finding: &Finding) -> &str {
    if !finding.message.is_empty() {
        &finding.message
    } else if !finding.rule.is_empty() {
        &finding.rule
    } else {
        "FAILURE"
    }
}

/// Appends ` (plugin, policy)`, ` (plugin)` or ` (policy)` when the finding
/// came from a check plugin or a policy; nothing otherwise.
fn push_origin_suffix(buf: &mut String, finding: &Finding) {
    let plugin = finding.plugin.as_deref().unwrap_or("");
    let policy = finding.policy.as_deref().unwrap_or("");
    if plugin.is_empty() && policy.is_empty() {
        return;
    }
    buf.push_str(" (");
    buf.push_str(plugin);
    if !plugin.is_empty() && !policy.is_empty() {
        buf.push_str(", ");
    }
    buf.push_str(policy);
    buf.push(')');
}

/// Writes each line produced by `line` followed by a newline.
fn write_lines(
    findings: &[Finding],
    out: &mut dyn Write,
    line: fn(&Finding) -> String,
) -> io::Result<()> {
    for finding in findings {
        let mut buf = line(finding);
        buf.push('\n');
        out.write_all(buf.as_bytes())?;
    }
    Ok(())
}

/// Lowercase hexadecimal of `bytes`.
fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut hex = String::with_capacity(2 * bytes.len());
    for byte in bytes {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}
