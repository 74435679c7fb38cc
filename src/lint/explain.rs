//! `protogate explain RULE_ID`: a rule's documentation, from its doc comment.

use crate::{
    Result,
    check::registry::{self, CheckKind, RuleId},
    error::Error,
};

/// The documentation of a lint rule: its ID, categories per config version,
/// then its doc comment (what it checks, why, an example, how to fix it).
pub fn explain(id: &str) -> Result<String> {
    let Some(RuleId::Lint(lint_id)) = RuleId::parse(CheckKind::Lint, id) else {
        if RuleId::parse(CheckKind::Breaking, id).is_some() {
            return Err(Error::msg(format!(
                "{} is a breaking rule; explain covers lint rules so far",
                crate::gostr::quote(id)
            )));
        }
        return Err(Error::msg(format!(
            "{} is not a known rule ID",
            crate::gostr::quote(id)
        )));
    };
    let rule_id = RuleId::Lint(lint_id);
    let mut out = format!("# {id}\n\n");
    for version in [
        crate::workspace::ConfigVersion::V1Beta1,
        crate::workspace::ConfigVersion::V1,
        crate::workspace::ConfigVersion::V2,
    ] {
        let row = registry::rule_rows(CheckKind::Lint, version, true)
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
            if repl.is_empty() { "nothing".to_owned() } else { repl.join(", ") }
        ));
    }
    match super::rule(lint_id) {
        Some(rule) => {
            out.push('\n');
            for line in rule.doc.lines() {
                out.push_str(line.strip_prefix(' ').unwrap_or(line));
                out.push('\n');
            }
        }
        None => {
            if let Some((_, why)) =
                super::rules::NOT_IMPLEMENTED.iter().find(|(r, _)| *r == lint_id)
            {
                out.push_str(&format!("\nNot checked by protogate yet: {why}.\n"));
            }
        }
    }
    Ok(out)
}
