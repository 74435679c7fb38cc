//! An implemented rule: its typed ID, its documentation and the function
//! that checks one element or pair. Lint and breaking declare their rule
//! families with [`rule_table!`], one table per family file.

/// One implemented rule of a family whose IDs are `Id` and whose check
/// kinds are `C`.
pub struct Rule<Id: 'static, C: 'static> {
    pub id: Id,
    /// The rule's documentation, Markdown, from its doc comment: what it
    /// checks, then `## Why`, `## Example` and `## Fix`.
    pub doc: &'static str,
    pub check: C,
}

/// Declares a family's rules: `/// docs` then `ID => Kind(function),`,
/// into a `RULES` static of `Rule<$Id, $Check>`.
macro_rules! rule_table {
    ($Id:path, $Check:ident; $( $(#[doc = $doc:literal])* $id:ident => $kind:ident($f:path), )*) => {
        pub(super) static RULES: &[$crate::check::rule::Rule<$Id, $Check>] = &[$(
            $crate::check::rule::Rule {
                id: <$Id>::$id,
                doc: concat!($($doc, "\n"),*),
                check: $Check::$kind($f),
            },
        )*];
    };
}
pub(crate) use rule_table;

/// Test helper: every rule's doc has the sections `explain` prints.
#[cfg(test)]
pub fn assert_documented<'r>(rules: impl Iterator<Item = (&'static str, &'r str)>) {
    for (id, doc) in rules {
        for section in ["## Why", "## Example", "## Fix"] {
            assert!(
                doc.contains(section),
                "{id} lacks a `{section}` section in its doc comment"
            );
        }
    }
}
