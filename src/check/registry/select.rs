//! Rule selection: from a `lint:` / `breaking:` block to the rules that run,
//! step for step as buf 1.75 does it (SPEC §3.1).
//!
//! 1. With `disable_builtin`, no built-in rule runs and nothing is validated.
//! 2. `use` is de-duplicated and sorted (empty strings dropped); empty means
//!    the default rules of the config version.
//! 3. Every ID of `use`, then `except`, then the `ignore_only` keys must be a
//!    rule or a category of that version; the first unknown one (in sorted
//!    order for `use`/`except`, file order for `ignore_only`) is the error.
//!    Categories expand to their rules in that version.
//! 4. Deprecated rules are replaced by their replacements (maybe none).
//! 5. The result is `use − except`; empty is an error.
//! 6. `ignore_only` paths are normalized; `.` is an error.
//!
//! Deprecated IDs referenced anywhere yield buf's warnings, which only
//! matter when selection succeeds.

use std::collections::{BTreeMap, BTreeSet};

use super::{Category, CheckKind, ConfigId, RuleId, default_rules, expand, go_quote, lookup};
use crate::Error;
use crate::workspace::{CheckConfig, ConfigVersion, Located};

/// buf's (internal-error) text when `use − except` leaves no rule.
const RESULT_RULES_EMPTY: &str = "it looks like you have found a bug in buf. Please file an issue \
at https://github.com/bufbuild/buf/issues and provide the command you ran, as well as the \
following message: resultRules was empty";

/// The paragraph buf adds to the warning about the deprecated DEFAULT
/// category; `{}` is the config name.
const DEFAULT_CALLOUT: &str = "\n\n\tThe concept of a default rule has been introduced. A default \
rule is a rule that will be run\n\tif no rules are explicitly configured in your {}. Run buf config \
ls-lint-rules or\n\tbuf config ls-breaking-rules to see which rules are defaults. With this \
introduction, having a category\n\talso named DEFAULT is confusing, as while it happens that all \
the rules in the DEFAULT category\n\tare also default rules, the name has become overloaded.\n";

/// The rules one config block selects.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The rules to run, sorted by ID, no deprecated rule among them.
    pub rules: Vec<RuleId>,
    /// buf's warnings, in buf's order, each one log message **without** the
    /// `WARN\t` prefix (the CLI prints `WARN\t{warning}` on stderr). A
    /// message may span several lines (continuation lines start with a tab).
    pub warnings: Vec<String>,
    /// `ignore_only` resolved to rules (categories expanded, deprecated keys
    /// replaced), sorted by rule ID; each rule's module-relative paths are
    /// normalized, de-duplicated and sorted. Rules need not be selected.
    pub ignore_only: Vec<(RuleId, Vec<String>)>,
}

impl Selection {
    /// Whether `rule` is selected.
    pub fn contains(&self, rule: RuleId) -> bool {
        self.rules.binary_search(&rule).is_ok()
    }

    /// The `ignore_only` paths of `rule` (empty when it has none).
    pub fn ignore_only_paths(&self, rule: RuleId) -> &[String] {
        self.ignore_only
            .binary_search_by(|(id, _)| id.cmp(&rule))
            .map_or(&[], |index| self.ignore_only[index].1.as_slice())
    }
}

/// Where the config block came from, for errors and warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SelectOptions<'a> {
    /// The file named in errors that carry a position; `buf.yaml` when `None`.
    pub config_file: Option<&'a str>,
    /// The name buf uses in warnings: `buf.yaml` for a module's own config
    /// (even when it came from `--config`), the policy's name for a policy.
    pub config_name: &'a str,
    /// Whether policies are configured: buf then does not warn that no
    /// rules are configured when `disable_builtin` is set.
    pub has_policies: bool,
}

impl Default for SelectOptions<'_> {
    fn default() -> Self {
        SelectOptions {
            config_file: None,
            config_name: "buf.yaml",
            has_policies: false,
        }
    }
}

/// Selects the rules of a module's own config block (warnings name
/// `buf.yaml`, no policies). See [`select_with`].
pub fn select(
    kind: CheckKind,
    version: ConfigVersion,
    cfg: &CheckConfig,
    config_file: Option<&str>,
) -> Result<Selection, Error> {
    select_with(
        kind,
        version,
        cfg,
        &SelectOptions {
            config_file,
            ..SelectOptions::default()
        },
    )
}

/// Selects the rules `cfg` (`use`, `except`, `ignore_only`,
/// `disable_builtin`) configures for `kind` in a `version` config.
///
/// Errors: an unknown rule or category ID (`"X" is not a known rule or
/// category ID`, as [`Error::Config`] when the key's position is known,
/// else [`Error::Msg`]); an empty result (buf's `resultRules was empty`
/// text); an invalid `ignore_only` path.
pub fn select_with(
    kind: CheckKind,
    version: ConfigVersion,
    cfg: &CheckConfig,
    options: &SelectOptions<'_>,
) -> Result<Selection, Error> {
    if cfg.disable_builtin {
        // buf has no built-in rule to check the IDs against, so it accepts
        // anything and runs nothing (check plugins are not supported).
        let mut warnings = Vec::new();
        if !options.has_policies {
            warnings.push(format!(
                "No {} rules are configured in {}.",
                kind.as_str(),
                options.config_name
            ));
        }
        return Ok(Selection {
            warnings,
            ..Selection::default()
        });
    }

    let ignore_only_keys = cfg.ignore_only.iter().map(|(key, _)| key);
    let referenced = cfg
        .use_ids
        .iter()
        .chain(&cfg.except_ids)
        .chain(ignore_only_keys);
    let warnings = deprecation_warnings(kind, version, referenced, options.config_name);

    let use_rules = if sorted_ids(&cfg.use_ids).is_empty() {
        default_rules(kind, version).into_iter().collect()
    } else {
        resolve_all(kind, version, &cfg.use_ids, options)?
    };
    let except_rules = resolve_all(kind, version, &cfg.except_ids, options)?;
    let mut ignore_only: BTreeMap<RuleId, BTreeSet<&str>> = BTreeMap::new();
    for (key, paths) in &cfg.ignore_only {
        if key.value.is_empty() {
            continue;
        }
        for rule in undeprecate(resolve(kind, version, key, options)?) {
            ignore_only
                .entry(rule)
                .or_default()
                .extend(paths.iter().map(String::as_str));
        }
    }

    let use_rules = undeprecate(use_rules);
    let except_rules = undeprecate(except_rules);
    let rules: Vec<RuleId> = use_rules.difference(&except_rules).copied().collect();
    if rules.is_empty() {
        return Err(Error::msg(RESULT_RULES_EMPTY));
    }

    let ignore_only = ignore_only
        .into_iter()
        .map(|(rule, paths)| Ok((rule, normalize_ignore_paths(paths)?)))
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Selection {
        rules,
        warnings,
        ignore_only,
    })
}

/// The non-empty IDs of a list, de-duplicated and sorted as buf sorts them.
fn sorted_ids(ids: &[Located<String>]) -> BTreeSet<&str> {
    ids.iter()
        .map(|id| id.value.as_str())
        .filter(|id| !id.is_empty())
        .collect()
}

/// Resolves every ID of a list in sorted order; the first unknown one fails.
fn resolve_all(
    kind: CheckKind,
    version: ConfigVersion,
    ids: &[Located<String>],
    options: &SelectOptions<'_>,
) -> Result<BTreeSet<RuleId>, Error> {
    let mut rules = BTreeSet::new();
    for id in sorted_ids(ids) {
        // The first occurrence carries the position reported for the ID.
        let located = ids.iter().find(|located| located.value == id);
        match (lookup(kind, version, id), located) {
            (Some(found), _) => rules.extend(rules_of(found, version)),
            (None, Some(located)) => return Err(unknown_id(located, options)),
            (None, None) => return Err(unknown_id(&Located::new(id.to_owned()), options)),
        }
    }
    Ok(rules)
}

/// Resolves one ID to its rules (deprecated rules not yet replaced).
fn resolve(
    kind: CheckKind,
    version: ConfigVersion,
    id: &Located<String>,
    options: &SelectOptions<'_>,
) -> Result<Vec<RuleId>, Error> {
    lookup(kind, version, &id.value)
        .map(|found| rules_of(found, version))
        .ok_or_else(|| unknown_id(id, options))
}

fn rules_of(id: ConfigId, version: ConfigVersion) -> Vec<RuleId> {
    match id {
        ConfigId::Rule(rule) => vec![rule],
        ConfigId::Category(category) => expand(category, version),
    }
}

/// Replaces every deprecated rule by its replacements.
fn undeprecate(rules: impl IntoIterator<Item = RuleId>) -> BTreeSet<RuleId> {
    rules
        .into_iter()
        .flat_map(|rule| {
            if rule.is_deprecated() {
                rule.replacements().to_vec()
            } else {
                vec![rule]
            }
        })
        .collect()
}

fn unknown_id(id: &Located<String>, options: &SelectOptions<'_>) -> Error {
    let message = format!("{} is not a known rule or category ID", go_quote(&id.value));
    if id.line == 0 {
        Error::Msg(message)
    } else {
        Error::Config {
            file: options.config_file.unwrap_or("buf.yaml").to_owned(),
            line: id.line,
            column: id.column,
            message,
        }
    }
}

/// buf's warnings for the deprecated rule and category IDs referenced in
/// `use`, `except` or `ignore_only`: rules first, then categories, each
/// sorted by ID.
fn deprecation_warnings<'a>(
    kind: CheckKind,
    version: ConfigVersion,
    referenced: impl Iterator<Item = &'a Located<String>>,
    config_name: &str,
) -> Vec<String> {
    let mut rules: BTreeMap<RuleId, BTreeSet<RuleId>> = BTreeMap::new();
    let mut categories: BTreeMap<Category, BTreeSet<Category>> = BTreeMap::new();
    for id in referenced {
        if let Some(rule) = RuleId::parse(kind, &id.value)
            .filter(|rule| rule.exists_in(version) && rule.is_deprecated())
        {
            rules
                .entry(rule)
                .or_default()
                .extend(rule.replacements().iter().copied());
        }
        if let Some(category) = Category::parse(kind, &id.value)
            .filter(|category| category.exists_in(version) && category.is_deprecated())
        {
            categories
                .entry(category)
                .or_default()
                .extend(category.replacement());
        }
    }
    let rule_warnings = rules.iter().map(|(rule, replacements)| {
        let replacements: Vec<&str> = replacements.iter().map(|id| id.as_str()).collect();
        deprecation_warning(("Rule", "rules"), rule.as_str(), &replacements, config_name)
    });
    let category_warnings = categories.iter().map(|(category, replacements)| {
        let replacements: Vec<&str> = replacements.iter().map(|id| id.as_str()).collect();
        deprecation_warning(
            ("Category", "categories"),
            category.as_str(),
            &replacements,
            config_name,
        )
    });
    rule_warnings.chain(category_warnings).collect()
}

/// One deprecation warning, worded as buf words it.
fn deprecation_warning(
    (type_name, plural): (&str, &str),
    id: &str,
    replacements: &[&str],
    config_name: &str,
) -> String {
    let replaced = match replacements {
        [] => String::new(),
        [one] => format!(
            " It has been replaced by {} {one}.",
            type_name.to_lowercase()
        ),
        many => format!(" It has been replaced by {plural} {}.", many.join(", ")),
    };
    let callout = if id == "DEFAULT" {
        DEFAULT_CALLOUT.replace("{}", config_name)
    } else {
        String::new()
    };
    format!(
        "{type_name} {id} referenced in your {config_name} is deprecated.{replaced}{callout}\n\
         \tAs with all buf changes, this change is backwards-compatible: {id} will continue to work.\n\
         \tWe recommend replacing {id} in your {config_name}, but no action is immediately necessary."
    )
}

/// Normalizes `ignore_only` paths as buf does (clean, relative, inside the
/// module, not the module itself); empty entries are dropped.
fn normalize_ignore_paths(paths: BTreeSet<&str>) -> Result<Vec<String>, Error> {
    let mut normalized = BTreeSet::new();
    for path in paths.into_iter().filter(|path| !path.is_empty()) {
        let clean = clean_path(path);
        if clean.starts_with('/') {
            return Err(Error::msg(format!(
                "invalid path: {path}: expected to be relative"
            )));
        }
        if clean == ".." || clean.starts_with("../") {
            return Err(Error::msg(format!(
                "invalid path: {path}: is outside the context directory"
            )));
        }
        if clean == "." {
            return Err(Error::msg(format!(
                "cannot specify {} as an ignore path",
                go_quote(".")
            )));
        }
        normalized.insert(clean);
    }
    Ok(normalized.into_iter().collect())
}

/// Go's `path.Clean`: drops `.` and empty components, resolves `..`.
fn clean_path(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." => {
                    parts.pop();
                }
                _ if absolute => {}
                _ => parts.push(".."),
            },
            part => parts.push(part),
        }
    }
    let joined = parts.join("/");
    match (absolute, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}
