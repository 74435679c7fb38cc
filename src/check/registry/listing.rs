//! What `config ls-lint-rules` / `config ls-breaking-rules` print: the rows
//! in buf's print order, as JSON lines or as buf's aligned text table.

use std::cmp::Ordering;

use super::{BreakingCategory, Category, CheckKind, LintCategory, RuleInfo, all_rules};
use crate::workspace::ConfigVersion;

/// One printed rule, with the fields of buf's JSON output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRow {
    pub id: &'static str,
    /// In buf's order; deprecated categories only when listing deprecated rules.
    pub categories: Vec<&'static str>,
    pub default: bool,
    pub purpose: &'static str,
    pub deprecated: bool,
    /// The replacements of a deprecated rule; `None` (JSON `null`) when
    /// there are none.
    pub replacements: Option<Vec<&'static str>>,
}

/// The rules of `kind` in `version` as buf lists them: default rules first,
/// then grouped by category (MINIMAL, BASIC, STANDARD, … / FILE, PACKAGE,
/// WIRE_JSON, WIRE), then by ID. Without `include_deprecated`, deprecated
/// rules and deprecated categories (DEFAULT, STYLE_DEFAULT) are left out.
pub fn rule_rows(
    kind: CheckKind,
    version: ConfigVersion,
    include_deprecated: bool,
) -> Vec<RuleRow> {
    let mut rules: Vec<RuleInfo> = all_rules(kind, version)
        .into_iter()
        .filter(|rule| include_deprecated || !rule.deprecated)
        .collect();
    rules.sort_by(print_order);
    rules
        .into_iter()
        .map(|rule| RuleRow {
            id: rule.id.as_str(),
            categories: rule
                .categories
                .iter()
                .filter(|category| include_deprecated || !category.is_deprecated())
                .map(|category| category.as_str())
                .collect(),
            default: rule.default,
            purpose: rule.purpose,
            deprecated: rule.deprecated,
            replacements: (!rule.replacements.is_empty())
                .then(|| rule.replacements.iter().map(|id| id.as_str()).collect()),
        })
        .collect()
}

/// buf's `--format json`: one object per line, fields in buf's order
/// (`plugin` is always empty: every rule is built in).
pub fn render_rules_json(rows: &[RuleRow]) -> String {
    let mut out = String::new();
    for row in rows {
        let categories: Vec<String> = row.categories.iter().map(|c| json_string(c)).collect();
        let replacements = row.replacements.as_ref().map_or_else(
            || "null".to_owned(),
            |ids| {
                let ids: Vec<String> = ids.iter().map(|id| json_string(id)).collect();
                format!("[{}]", ids.join(","))
            },
        );
        out.push_str(&format!(
            "{{\"id\":{},\"categories\":[{}],\"default\":{},\"purpose\":{},\"plugin\":\"\",\
             \"deprecated\":{},\"replacements\":{}}}\n",
            json_string(row.id),
            categories.join(","),
            row.default,
            json_string(row.purpose),
            row.deprecated,
            replacements,
        ));
    }
    out
}

/// buf's text table: `ID`, `CATEGORIES`, `DEFAULT` (`*` for default rules)
/// and `PURPOSE` columns, each padded to its widest cell plus two spaces
/// (Go's `tabwriter`); nothing at all when there are no rows.
pub fn render_rules_text(rows: &[RuleRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    const DEFAULT_WIDTH: usize = "DEFAULT".len();
    let mut lines: Vec<[String; 4]> = vec![[
        "ID".to_owned(),
        "CATEGORIES".to_owned(),
        "DEFAULT".to_owned(),
        "PURPOSE".to_owned(),
    ]];
    for row in rows {
        let marker = if row.default { "*" } else { "" };
        lines.push([
            row.id.to_owned(),
            row.categories.join(", "),
            format!("{marker:<DEFAULT_WIDTH$}"),
            row.purpose.to_owned(),
        ]);
    }
    let mut widths = [0usize; 3];
    for line in &lines {
        for (width, cell) in widths.iter_mut().zip(line.iter()) {
            *width = (*width).max(cell.chars().count() + 2);
        }
    }
    let mut out = String::new();
    for line in &lines {
        for (width, cell) in widths.iter().zip(line.iter()) {
            out.push_str(cell);
            out.extend(std::iter::repeat_n(' ', width - cell.chars().count()));
        }
        out.push_str(&line[3]);
        out.push('\n');
    }
    out
}

/// buf's listing order (its `cloneAndSortRulesForPrint`): default rules
/// first; then rules with categories before rules without; then by the first
/// category in print priority; then by all categories joined; then by ID.
/// Categories here include deprecated ones, as in buf.
fn print_order(one: &RuleInfo, two: &RuleInfo) -> Ordering {
    two.default.cmp(&one.default).then_with(|| {
        let sorted = |rule: &RuleInfo| {
            let mut categories = rule.categories.to_vec();
            categories.sort_by(|a, b| category_print_order(*a, *b));
            categories
        };
        let (one_categories, two_categories) = (sorted(one), sorted(two));
        let first = match (one_categories.first(), two_categories.first()) {
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(a), Some(b)) => category_print_order(*a, *b),
            (None, None) => Ordering::Equal,
        };
        let joined = |categories: &[Category]| {
            categories
                .iter()
                .map(|category| category.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        first
            .then_with(|| joined(&one_categories).cmp(&joined(&two_categories)))
            .then_with(|| one.id.as_str().cmp(two.id.as_str()))
    })
}

/// Top-level categories first, by buf's print priority; then the others by ID.
fn category_print_order(one: Category, two: Category) -> Ordering {
    match (print_priority(one), print_priority(two)) {
        (Some(a), Some(b)) => a.cmp(&b).then_with(|| one.as_str().cmp(two.as_str())),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => one.as_str().cmp(two.as_str()),
    }
}

/// buf's print priority of its top-level categories.
fn print_priority(category: Category) -> Option<u8> {
    match category {
        Category::Lint(LintCategory::Minimal) => Some(1),
        Category::Lint(LintCategory::Basic) => Some(2),
        Category::Lint(LintCategory::Standard) => Some(3),
        Category::Lint(LintCategory::Default) => Some(4),
        Category::Lint(LintCategory::Comments) => Some(5),
        Category::Lint(LintCategory::UnaryRpc) => Some(6),
        Category::Lint(LintCategory::Other) => Some(7),
        Category::Breaking(BreakingCategory::File) => Some(1),
        Category::Breaking(BreakingCategory::Package) => Some(2),
        Category::Breaking(BreakingCategory::WireJson) => Some(3),
        Category::Breaking(BreakingCategory::Wire) => Some(4),
        _ => None,
    }
}

use crate::gostr::json_string;
