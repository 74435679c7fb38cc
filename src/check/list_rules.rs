//! `config ls-lint-rules` / `config ls-breaking-rules`: every rule of a
//! config version, or the rules a configuration selects, as buf lists them.

use std::path::Path;

use super::registry::{self, CheckKind, RuleRow};
use crate::{
    Error, Result,
    workspace::{self, ConfigVersion, DiscoverOptions},
};

/// What to list.
#[derive(Debug, Clone)]
pub struct ListRulesOptions {
    pub kind: CheckKind,
    /// `--version`: v1beta1, v1 or v2.
    pub version: Option<String>,
    pub configured_only: bool,
    pub include_deprecated: bool,
    /// `--config` (only with `configured_only`).
    pub config: Option<String>,
    /// `--module-path` (only with `configured_only`).
    pub module_path: Option<String>,
}

fn parse_version(v: &str) -> Result<ConfigVersion> {
    match v {
        "v1beta1" => Ok(ConfigVersion::V1Beta1),
        "v1" => Ok(ConfigVersion::V1),
        "v2" => Ok(ConfigVersion::V2),
        _ => Err(Error::msg(format!(
            "--version: unknown config version \"{v}\": must be one of v1beta1, v1, v2"
        ))),
    }
}

/// The rows to print.
pub fn list_rules(opts: &ListRulesOptions) -> Result<Vec<RuleRow>> {
    if !opts.configured_only {
        if opts.config.is_some() {
            return Err(Error::msg("--config requires --configured-only"));
        }
        if opts.module_path.is_some() {
            return Err(Error::msg("--module-path requires --configured-only"));
        }
        let version = match &opts.version {
            Some(v) => parse_version(v)?,
            None => match std::fs::read_to_string("buf.yaml") {
                Ok(text) => workspace::parse_buf_yaml(&text, "buf.yaml")?.version,
                Err(_) => ConfigVersion::V2,
            },
        };
        return Ok(registry::rule_rows(
            opts.kind,
            version,
            opts.include_deprecated,
        ));
    }
    if opts.version.is_some() {
        return Err(Error::msg(
            "--version cannot be set if --configured-only is set",
        ));
    }
    let dopts = DiscoverOptions {
        config_override: opts.config.clone(),
        ..Default::default()
    };
    let ws = workspace::discover(Path::new("."), &dopts)?;
    let module = match &opts.module_path {
        Some(p) => ws
            .modules
            .iter()
            .find(|m| m.dir_path == p.trim_end_matches('/'))
            .ok_or_else(|| Error::msg(format!("no module found for --module-path \"{p}\"")))?,
        None => {
            let targets: Vec<_> = ws.modules.iter().filter(|m| m.is_target).collect();
            match targets.as_slice() {
                [m] => *m,
                _ => {
                    return Err(Error::msg(
                        "the workspace has more than one module: set --module-path",
                    ));
                }
            }
        }
    };
    let cfg = match opts.kind {
        CheckKind::Lint => &module.lint,
        CheckKind::Breaking => &module.breaking,
    };
    let file = module
        .config_file
        .as_deref()
        .map(crate::input::display_path);
    let sel = registry::select(opts.kind, module.version, cfg, file.as_deref())?;
    Ok(registry::rule_rows(opts.kind, module.version, false)
        .into_iter()
        .filter(|r| sel.rules.iter().any(|id| id.as_str() == r.id))
        .collect())
}
