//! The lint rules, one file per family. A rule is a row of a family's
//! `lint_rules!` table: its typed ID, its documentation (the doc comment on
//! the row: the first paragraph says what it checks, then `Why`, `Example`
//! and `Fix` sections that `protogate explain` prints) and the function
//! that checks one element (see [`Check`]).
//!
//! Adding a rule touches three places: its row and function here, its row
//! in the registry (`check/registry/lint.rs`), and its fixture folder
//! `testdata/lint/<rule_id>/`.

use super::Check;
use crate::check::registry::LintRuleId;

/// One implemented lint rule.
pub type Rule = crate::check::rule::Rule<LintRuleId, Check>;

/// Declares a family's rules: `/// docs` then `ID => Kind(function),`.
macro_rules! lint_rules {
    ($($t:tt)*) => {
        use $crate::lint::Check;
        $crate::check::rule::rule_table!($crate::check::registry::LintRuleId, Check; $($t)*);
    };
}

mod comments;
mod enums;
mod fields;
mod files;
mod naming;
pub(crate) mod packages;
mod services;

/// Every family's table.
const FAMILIES: &[&[Rule]] = &[
    comments::RULES,
    enums::RULES,
    fields::RULES,
    files::RULES,
    naming::RULES,
    packages::RULES,
    services::RULES,
];

/// Every implemented rule.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.iter().flat_map(|f| f.iter())
}

/// The implementation of a rule, if it has one (PROTOVALIDATE has none yet;
/// deprecated rules with no replacement never run).
pub fn rule(id: LintRuleId) -> Option<&'static Rule> {
    all().find(|r| r.id == id)
}

/// Rules of the registry that protogate does not implement, with why.
pub const NOT_IMPLEMENTED: &[(LintRuleId, &str)] = &[(
    LintRuleId::Protovalidate,
    "needs a CEL implementation; tracked separately",
)];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_rule_is_implemented_once() {
        for id in LintRuleId::ALL {
            let n = all().filter(|r| r.id == *id).count();
            let deprecated = crate::check::registry::RuleId::Lint(*id).is_deprecated();
            let excused = NOT_IMPLEMENTED.iter().any(|(x, _)| x == id) || deprecated;
            assert!(
                n == 1 || (n == 0 && excused),
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
