//! The rule registry: every lint and breaking rule buf 1.75 knows, as data.
//!
//! One table per family (the `lint` and `breaking` submodules) holds one row
//! per rule: its string ID (written only there, in the whole crate), its
//! one-line purpose, for each config version (`v1beta1`, `v1`, `v2`) whether
//! the rule exists, its categories and whether it is a *default* rule (run
//! when `use` is empty), and, for deprecated rules, the rules that replace
//! it. The tables generate the typed IDs [`LintRuleId`] and
//! [`BreakingRuleId`] (wrapped by [`RuleId`]) and the category enums
//! [`LintCategory`] and [`BreakingCategory`] (wrapped by [`Category`]), so no
//! other code writes a rule ID string.
//!
//! On top of the tables:
//! * [`select()`] / [`select_with`] turn a `lint:`/`breaking:` config block into
//!   the rules to run, exactly as buf does (defaults, category expansion per
//!   version, deprecated IDs, unknown IDs, empty results, `ignore_only`);
//! * [`all_rules`], [`categories`], [`default_rules`], [`expand`] answer
//!   questions about one family in one config version;
//! * [`rule_rows`], [`render_rules_json`] and [`render_rules_text`] produce
//!   what `config ls-lint-rules` / `config ls-breaking-rules` print.

use std::fmt;
use std::str::FromStr;

use crate::workspace::ConfigVersion;

#[macro_use]
mod macros;
mod breaking;
mod lint;
mod listing;
mod select;
#[cfg(test)]
mod tests;

pub use breaking::{BreakingCategory, BreakingRuleId};
pub use lint::{LintCategory, LintRuleId};
pub use listing::{RuleRow, render_rules_json, render_rules_text, rule_rows};
pub use select::{SelectOptions, Selection, select, select_with};

/// The two rule families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckKind {
    /// `buf lint` rules.
    Lint,
    /// `buf breaking` rules.
    Breaking,
}

impl CheckKind {
    /// `"lint"` or `"breaking"`, as buf names the rule type in messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            CheckKind::Lint => "lint",
            CheckKind::Breaking => "breaking",
        }
    }

    /// The rule table of this family, in ID order, every config version.
    pub fn table(self) -> &'static [RuleDef] {
        match self {
            CheckKind::Lint => lint::LINT_RULES,
            CheckKind::Breaking => breaking::BREAKING_RULES,
        }
    }

    /// The category table of this family, in ID order, every config version.
    pub fn category_table(self) -> &'static [CategoryDef] {
        match self {
            CheckKind::Lint => lint::LINT_CATEGORIES,
            CheckKind::Breaking => breaking::BREAKING_CATEGORIES,
        }
    }
}

impl fmt::Display for CheckKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Position of a config version in the per-version arrays of the tables.
const fn version_index(version: ConfigVersion) -> usize {
    match version {
        ConfigVersion::V1Beta1 => 0,
        ConfigVersion::V1 => 1,
        ConfigVersion::V2 => 2,
    }
}

/// A rule of either family. Ordered by its string ID, as buf sorts rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleId {
    Lint(LintRuleId),
    Breaking(BreakingRuleId),
}

impl RuleId {
    /// The rule's ID as written in `buf.yaml` and printed in findings.
    pub const fn as_str(self) -> &'static str {
        match self {
            RuleId::Lint(id) => id.as_str(),
            RuleId::Breaking(id) => id.as_str(),
        }
    }

    /// The family the rule belongs to.
    pub const fn kind(self) -> CheckKind {
        match self {
            RuleId::Lint(_) => CheckKind::Lint,
            RuleId::Breaking(_) => CheckKind::Breaking,
        }
    }

    /// The rule's registry row.
    pub fn def(self) -> &'static RuleDef {
        match self {
            RuleId::Lint(id) => id.def(),
            RuleId::Breaking(id) => id.def(),
        }
    }

    /// Looks an ID up in one family (case-sensitive), in any config version.
    pub fn parse(kind: CheckKind, id: &str) -> Option<RuleId> {
        match kind {
            CheckKind::Lint => LintRuleId::from_id(id).map(RuleId::Lint),
            CheckKind::Breaking => BreakingRuleId::from_id(id).map(RuleId::Breaking),
        }
    }

    /// The lint rule, if this is one.
    pub const fn as_lint(self) -> Option<LintRuleId> {
        match self {
            RuleId::Lint(id) => Some(id),
            RuleId::Breaking(_) => None,
        }
    }

    /// The breaking rule, if this is one.
    pub const fn as_breaking(self) -> Option<BreakingRuleId> {
        match self {
            RuleId::Breaking(id) => Some(id),
            RuleId::Lint(_) => None,
        }
    }

    /// The one-line purpose listed by `config ls-lint-rules`.
    pub fn purpose(self) -> &'static str {
        self.def().purpose
    }

    /// Whether the rule is deprecated (it then never runs itself).
    pub fn is_deprecated(self) -> bool {
        self.def().is_deprecated()
    }

    /// The rules a deprecated rule stands for (possibly none); empty for a
    /// rule that is not deprecated.
    pub fn replacements(self) -> &'static [RuleId] {
        self.def().replacements()
    }

    /// Whether the rule exists in config files of `version`.
    pub fn exists_in(self, version: ConfigVersion) -> bool {
        self.def().in_version(version).is_some()
    }

    /// The rule's categories in `version`, in buf's order (empty when the
    /// rule does not exist there).
    pub fn categories(self, version: ConfigVersion) -> &'static [Category] {
        self.def()
            .in_version(version)
            .map_or(&[], |entry| entry.categories)
    }

    /// Whether the rule runs when `use` is empty in a `version` config.
    pub fn is_default(self, version: ConfigVersion) -> bool {
        is_default(self, version)
    }
}

impl PartialOrd for RuleId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for RuleId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<LintRuleId> for RuleId {
    fn from(id: LintRuleId) -> Self {
        RuleId::Lint(id)
    }
}

impl From<BreakingRuleId> for RuleId {
    fn from(id: BreakingRuleId) -> Self {
        RuleId::Breaking(id)
    }
}

/// The error of parsing an unknown rule or category ID. Its text is buf's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId(pub String);

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is not a known rule or category ID",
            go_quote(&self.0)
        )
    }
}

impl std::error::Error for UnknownId {}

impl FromStr for RuleId {
    type Err = UnknownId;

    /// Parses a rule ID of either family (IDs never collide across families).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::parse(CheckKind::Lint, s)
            .or_else(|| RuleId::parse(CheckKind::Breaking, s))
            .ok_or_else(|| UnknownId(s.to_owned()))
    }
}

/// A category of either family. Ordered by its string ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    Lint(LintCategory),
    Breaking(BreakingCategory),
}

impl Category {
    /// The category's ID as written in `buf.yaml`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Lint(c) => c.as_str(),
            Category::Breaking(c) => c.as_str(),
        }
    }

    /// The family the category belongs to.
    pub const fn kind(self) -> CheckKind {
        match self {
            Category::Lint(_) => CheckKind::Lint,
            Category::Breaking(_) => CheckKind::Breaking,
        }
    }

    /// The category's registry row.
    pub fn def(self) -> &'static CategoryDef {
        match self {
            Category::Lint(c) => c.def(),
            Category::Breaking(c) => c.def(),
        }
    }

    /// Looks a category ID up in one family (case-sensitive).
    pub fn parse(kind: CheckKind, id: &str) -> Option<Category> {
        match kind {
            CheckKind::Lint => LintCategory::from_id(id).map(Category::Lint),
            CheckKind::Breaking => BreakingCategory::from_id(id).map(Category::Breaking),
        }
    }

    /// What the category is for.
    pub fn purpose(self) -> &'static str {
        self.def().purpose
    }

    /// Whether the category is deprecated.
    pub fn is_deprecated(self) -> bool {
        self.def().replaced_by.is_some()
    }

    /// The category a deprecated category was renamed to.
    pub fn replacement(self) -> Option<Category> {
        self.def().replaced_by
    }

    /// Whether any rule of `version` belongs to this category (only then is
    /// the ID accepted in a `version` config).
    pub fn exists_in(self, version: ConfigVersion) -> bool {
        self.kind()
            .table()
            .iter()
            .any(|rule| rule.categories(version).contains(&self))
    }
}

impl PartialOrd for Category {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Category {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = UnknownId;

    /// Parses a category ID of either family (IDs never collide).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Category::parse(CheckKind::Lint, s)
            .or_else(|| Category::parse(CheckKind::Breaking, s))
            .ok_or_else(|| UnknownId(s.to_owned()))
    }
}

/// How a rule appears in configs of one version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionEntry {
    /// Run when `use` is empty (★ in the spec tables).
    pub default: bool,
    /// Categories in buf's order (the order `ls-*-rules` prints them).
    pub categories: &'static [Category],
}

/// One row of a rule table.
#[derive(Debug)]
pub struct RuleDef {
    pub id: RuleId,
    /// One line, for `config ls-lint-rules` / `ls-breaking-rules`.
    pub purpose: &'static str,
    /// Indexed by config version: v1beta1, v1, v2. `None`: the ID is unknown
    /// in that version.
    versions: [Option<VersionEntry>; 3],
    /// `Some` for deprecated rules: the rules that replace them.
    replaced_by: Option<&'static [RuleId]>,
}

impl RuleDef {
    /// The rule's entry for `version`, `None` if it does not exist there.
    pub fn in_version(&self, version: ConfigVersion) -> Option<&VersionEntry> {
        self.versions[version_index(version)].as_ref()
    }

    /// Categories in `version` (empty when absent).
    pub fn categories(&self, version: ConfigVersion) -> &'static [Category] {
        self.versions[version_index(version)].map_or(&[], |entry| entry.categories)
    }

    /// Whether the rule is deprecated.
    pub fn is_deprecated(&self) -> bool {
        self.replaced_by.is_some()
    }

    /// The replacements of a deprecated rule (empty otherwise, or when the
    /// deprecated rule maps to nothing).
    pub fn replacements(&self) -> &'static [RuleId] {
        self.replaced_by.unwrap_or(&[])
    }
}

/// One row of a category table.
#[derive(Debug)]
pub struct CategoryDef {
    pub id: Category,
    /// What the category is for.
    pub purpose: &'static str,
    /// `Some` for a deprecated category: the category it was renamed to.
    pub replaced_by: Option<Category>,
}

/// A rule as it exists in one config version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: RuleId,
    /// In buf's order, deprecated categories (DEFAULT, STYLE_DEFAULT) included.
    pub categories: &'static [Category],
    pub default: bool,
    pub deprecated: bool,
    pub replacements: &'static [RuleId],
    pub purpose: &'static str,
}

/// Every rule of `kind` that exists in `version` (deprecated ones included),
/// in ID order.
pub fn all_rules(kind: CheckKind, version: ConfigVersion) -> Vec<RuleInfo> {
    kind.table()
        .iter()
        .filter_map(|rule| {
            rule.in_version(version).map(|entry| RuleInfo {
                id: rule.id,
                categories: entry.categories,
                default: entry.default,
                deprecated: rule.is_deprecated(),
                replacements: rule.replacements(),
                purpose: rule.purpose,
            })
        })
        .collect()
}

/// The categories of `kind` accepted in a `version` config (deprecated ones
/// included), in ID order.
pub fn categories(kind: CheckKind, version: ConfigVersion) -> Vec<&'static CategoryDef> {
    kind.category_table()
        .iter()
        .filter(|category| category.id.exists_in(version))
        .collect()
}

/// Whether `id` runs when `use` is empty in a `version` config.
pub fn is_default(id: RuleId, version: ConfigVersion) -> bool {
    id.def()
        .in_version(version)
        .is_some_and(|entry| entry.default)
}

/// The rules that run when `use` is empty, in ID order.
pub fn default_rules(kind: CheckKind, version: ConfigVersion) -> Vec<RuleId> {
    kind.table()
        .iter()
        .filter(|rule| rule.in_version(version).is_some_and(|entry| entry.default))
        .map(|rule| rule.id)
        .collect()
}

/// The rules of `category` in `version`, in ID order (empty when the
/// category does not exist there).
pub fn expand(category: Category, version: ConfigVersion) -> Vec<RuleId> {
    category
        .kind()
        .table()
        .iter()
        .filter(|rule| rule.categories(version).contains(&category))
        .map(|rule| rule.id)
        .collect()
}

/// What a config ID names in one family and version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigId {
    Rule(RuleId),
    Category(Category),
}

/// Resolves an ID from `use`, `except` or an `ignore_only` key as buf does:
/// a rule existing in `version`, else a category with at least one rule in
/// `version`, else `None` (unknown). Case-sensitive.
pub fn lookup(kind: CheckKind, version: ConfigVersion, id: &str) -> Option<ConfigId> {
    if let Some(rule) = RuleId::parse(kind, id).filter(|rule| rule.exists_in(version)) {
        return Some(ConfigId::Rule(rule));
    }
    Category::parse(kind, id)
        .filter(|category| category.exists_in(version))
        .map(ConfigId::Category)
}

pub(crate) use crate::gostr::quote as go_quote;
