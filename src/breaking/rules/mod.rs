//! The breaking rules, one file per family. A rule is a row of a family's
//! `breaking_rules!` table: its typed ID, its documentation (doc comment: what
//! it checks, then `## Why`, `## Example`, `## Fix`, printed by
//! `protogate explain`) and the function that checks one pair (see
//! [`Check`]).
//!
//! Adding a rule touches three places: its row and function here, its row
//! in the registry (`check/registry/breaking.rs`), and its fixture folder
//! `testdata/breaking/<rule_id>/{previous,current}/`.

use super::Check;
use crate::check::registry::BreakingRuleId;

/// One implemented breaking rule.
pub type Rule = crate::check::rule::Rule<BreakingRuleId, Check>;

/// Declares a family's rules: `/// docs` then `ID => Kind(function),`.
macro_rules! breaking_rules {
    ($($t:tt)*) => {
        use $crate::breaking::Check;
        $crate::check::rule::rule_table!($crate::check::registry::BreakingRuleId, Check; $($t)*);
    };
}

mod enums;
mod fields;
mod files;
mod messages;
mod services;

const FAMILIES: &[&[Rule]] = &[
    enums::RULES,
    fields::RULES,
    files::RULES,
    messages::RULES,
    services::RULES,
];

/// Every implemented rule.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.iter().flat_map(|f| f.iter())
}

/// `path` extended by `sub`, if the file has a source location there (an
/// option or a feature set on the element).
pub(super) fn located(
    file: &crate::schema::SchemaFile,
    path: &[i32],
    sub: &[i32],
) -> Option<Vec<i32>> {
    let mut p = path.to_vec();
    p.extend_from_slice(sub);
    file.source.get(&p).is_some().then_some(p)
}

/// The first of `subs` under `path` that has a source location, else `path`
/// itself: where buf reports a property (the option that sets it, else the
/// element).
pub(super) fn first_located(
    file: &crate::schema::SchemaFile,
    path: &[i32],
    subs: &[&[i32]],
) -> Vec<i32> {
    subs.iter()
        .find_map(|sub| located(file, path, sub))
        .unwrap_or_else(|| path.to_vec())
}

/// The implementation of a rule, if it has one (deprecated rules are
/// replaced before running; those without a replacement never run).
pub fn rule(id: BreakingRuleId) -> Option<&'static Rule> {
    all().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_rule_is_implemented_once() {
        for id in BreakingRuleId::ALL {
            let n = all().filter(|r| r.id == *id).count();
            let deprecated = crate::check::registry::RuleId::Breaking(*id).is_deprecated();
            assert!(
                n == 1 || (n == 0 && deprecated),
                "{} has {n} implementations",
                id.as_str()
            );
        }
    }

    #[test]
    fn every_rule_documents_why_example_and_fix() {
        crate::check::rule::assert_documented(all().map(|r| (r.id.as_str(), r.doc)));
    }
}
