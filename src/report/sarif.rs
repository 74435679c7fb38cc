//! `sarif`: a SARIF 2.1.0 log (not a buf format), for GitHub code scanning and
//! other SARIF consumers.
//!
//! One run; `tool.driver.rules` lists the distinct rule IDs in sorted order and
//! every result points at its rule by `ruleId` and `ruleIndex`. Results keep
//! the input order. Each result carries a `partialFingerprints` entry
//! `protogate/v1` that hashes rule, path, message and origin but not the
//! position, so an alert survives lines moving; a `:N` suffix numbers results
//! that would otherwise share a fingerprint. The output is pretty-printed JSON
//! with a trailing newline, and depends only on the findings.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};

use serde::Serialize;
use sha3::{Digest, Sha3_256};

use super::{message_or_rule, push_origin_suffix, to_hex};
use crate::Finding;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const VERSION: &str = "2.1.0";
const TOOL_NAME: &str = "protogate";
/// Key of the position-independent fingerprint in `partialFingerprints`.
const FINGERPRINT_KEY: &str = "protogate/v1";

/// Writes the SARIF log.
pub(super) fn write(findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    let mut buf = serde_json::to_vec_pretty(&log(findings)).map_err(io::Error::other)?;
    buf.push(b'\n');
    out.write_all(&buf)
}

fn log(findings: &[Finding]) -> Log<'_> {
    let rule_ids: BTreeSet<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    let rules: Vec<Rule<'_>> = rule_ids.into_iter().map(|id| Rule { id }).collect();
    let rule_index: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, rule)| (rule.id, i))
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let results = findings
        .iter()
        .map(|finding| {
            let hash = fingerprint_hash(finding);
            let occurrence = seen.entry(hash.clone()).or_insert(0);
            *occurrence += 1;
            let mut message = message_or_rule(finding).to_owned();
            push_origin_suffix(&mut message, finding);
            SarifResult {
                rule_id: &finding.rule,
                rule_index: rule_index.get(finding.rule.as_str()).copied().unwrap_or(0),
                level: "error",
                message: Message { text: message },
                locations: location(finding).into_iter().collect(),
                partial_fingerprints: BTreeMap::from([(
                    FINGERPRINT_KEY,
                    format!("{hash}:{occurrence}"),
                )]),
            }
        })
        .collect();
    Log {
        schema: SCHEMA,
        version: VERSION,
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: TOOL_NAME,
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: information_uri(),
                    rules,
                },
            },
            results,
        }],
    }
}

/// The project's address from the package metadata (`repository`, else
/// `homepage`); none while the manifest names neither.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}

/// The location of a finding with a file; the region only when the start line
/// is known.
fn location(finding: &Finding) -> Option<Location> {
    let path = finding.path.as_deref()?;
    let span = finding.span;
    let region = (span.start_line > 0).then_some(Region {
        start_line: span.start_line,
        start_column: span.start_column,
        end_line: span.end_line,
        end_column: span.end_column,
    });
    Some(Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: path_to_uri(path),
            },
            region,
        },
    })
}

/// Hex SHA3-256 of rule, path, message, plugin and policy (NUL separated);
/// deliberately not the position.
fn fingerprint_hash(finding: &Finding) -> String {
    let mut hasher = Sha3_256::new();
    for part in [
        finding.rule.as_str(),
        finding.path.as_deref().unwrap_or(""),
        finding.message.as_str(),
        finding.plugin.as_deref().unwrap_or(""),
        finding.policy.as_deref().unwrap_or(""),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    to_hex(&hasher.finalize())
}

/// A path as a URI reference: relative paths stay relative, absolute ones get
/// `file://`; every byte but unreserved characters and `/` is percent-encoded
/// (so `:` in a first segment cannot read as a scheme).
fn path_to_uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    if path.starts_with('/') {
        uri.push_str("file://");
    }
    for &byte in path.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(char::from(byte));
        } else {
            uri.push('%');
            uri.push_str(&to_hex(&[byte]).to_ascii_uppercase());
        }
    }
    uri
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
struct Run<'a> {
    tool: Tool<'a>,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
struct Rule<'a> {
    id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "is_zero")]
    start_column: u32,
    #[serde(skip_serializing_if = "is_zero")]
    end_line: u32,
    #[serde(skip_serializing_if = "is_zero")]
    end_column: u32,
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}
