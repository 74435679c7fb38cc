//! `protogate explain RULE_ID`: a lint or breaking rule's documentation,
//! from its doc comment.

use crate::{
    Result,
    check::registry::{self, CheckKind, RuleId},
    error::Error,
    workspace::ConfigVersion,
};

/// The documentation of a rule: its ID, kind, categories per config
/// version, then its doc comment (what it checks, why, an example, the fix).
pub fn explain(id: &str) -> Result<String> {
    let (kind, rule_id) = match RuleId::parse(CheckKind::Lint, id) {
        Some(r) => (CheckKind::Lint, r),
        None => match RuleId::parse(CheckKind::Breaking, id) {
            Some(r) => (CheckKind::Breaking, r),
            None => {
                return Err(Error::msg(format!(
                    "{} is not a known rule ID",
                    crate::gostr::quote(id)
                )));
            }
        },
    };
    let mut out = format!("# {id} ({} rule)\n\n", kind.as_str());
    for version in [ConfigVersion::V1Beta1, ConfigVersion::V1, ConfigVersion::V2] {
        let row = registry::rule_rows(kind, version, true)
            .into_iter()
            .find(|r| r.id == id);
        let cats = match &row {
            None => "not available".to_owned(),
            Some(r) if r.categories.is_empty() => "no category (opt-in)".to_owned(),
            Some(r) => r.categories.join(", "),
        };
        let default = row.as_ref().is_some_and(|r| r.default);
        out.push_str(&format!(
            "{}: {cats}{}\n",
            version.as_str(),
            if default { " (default)" } else { "" }
        ));
    }
    if rule_id.is_deprecated() {
        let repl: Vec<&str> = rule_id.replacements().iter().map(|r| r.as_str()).collect();
        out.push_str(&format!(
            "\nDeprecated; replaced by {}.\n",
            if repl.is_empty() {
                "nothing".to_owned()
            } else {
                repl.join(", ")
            }
        ));
    }
    let doc = match rule_id {
        RuleId::Lint(l) => crate::lint::rules::rule(l).map(|r| r.doc),
        RuleId::Breaking(b) => crate::breaking::rules::rule(b).map(|r| r.doc),
    };
    match doc {
        Some(doc) => {
            out.push('\n');
            for line in doc.lines() {
                out.push_str(line.strip_prefix(' ').unwrap_or(line));
                out.push('\n');
            }
        }
        None => {
            if let RuleId::Lint(l) = rule_id
                && let Some((_, why)) = crate::lint::rules::NOT_IMPLEMENTED
                    .iter()
                    .find(|(r, _)| *r == l)
            {
                out.push_str(&format!("\nNot checked by protogate yet: {why}.\n"));
            }
        }
    }
    Ok(out)
}
