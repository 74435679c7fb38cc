//! Check passes: for every target module, the rules its configuration
//! selects (one pass) plus one pass per v2 policy, each with its own
//! ignores. Shared by lint and breaking; only the config block differs.

use std::path::Path;

use crate::{
    Result,
    check::registry::{self, CheckKind, Selection},
    error::Error,
    input::load::Loaded,
    workspace::{CheckConfig, ConfigVersion, Module},
};

/// One pass: a module's own rules or one of its policies.
#[derive(Debug, Clone)]
pub struct Pass {
    /// Index of the module in the workspace (0 for an image).
    pub module: usize,
    pub version: ConfigVersion,
    pub selection: Selection,
    /// The effective `lint:` / `breaking:` block (options, ignores).
    pub config: CheckConfig,
    /// Module-relative paths ignored for every rule.
    pub ignore: Vec<String>,
    /// The policy this pass runs (its name is printed with each finding).
    pub policy: Option<String>,
}

/// The passes of every target module, and the warnings to print.
#[derive(Debug, Default)]
pub struct Prepared {
    pub passes: Vec<Pass>,
    /// buf's warnings (deprecated IDs, no rules configured), without the
    /// `WARN\t` prefix.
    pub warnings: Vec<String>,
}

/// Resolves the passes of every target module of `loaded`. For an image
/// input the configuration comes from `config` (`--config`) or, as in buf,
/// from the `buf.yaml` of the current directory (v1 defaults without one).
pub fn prepare(kind: CheckKind, loaded: &Loaded, config: Option<&str>) -> Result<Prepared> {
    let mut out = Prepared::default();
    match loaded {
        Loaded::Sources { workspace, .. } => {
            for (i, m) in workspace.modules.iter().enumerate() {
                if m.is_target {
                    prepare_module(kind, i, m, &mut out)?;
                }
            }
        }
        Loaded::Image(_) => {
            let opts = crate::workspace::DiscoverOptions {
                config_override: config.map(str::to_owned),
                ..Default::default()
            };
            let ws = crate::workspace::discover(Path::new("."), &opts)?;
            if let Some(m) = ws
                .modules
                .iter()
                .find(|m| m.dir_path == ".")
                .or(ws.modules.first())
            {
                prepare_module(kind, 0, m, &mut out)?;
            }
        }
    }
    Ok(out)
}

fn block(kind: CheckKind, m: &Module) -> &CheckConfig {
    match kind {
        CheckKind::Lint => &m.lint,
        CheckKind::Breaking => &m.breaking,
    }
}

/// The passes of one module: its own rules, then its policies.
pub fn prepare_module(kind: CheckKind, index: usize, m: &Module, out: &mut Prepared) -> Result<()> {
    let own = block(kind, m);
    if own.ignore.iter().any(|p| p == ".") {
        // The whole module is ignored: buf does not even resolve its rules.
        return Ok(());
    }
    // Errors name the file, or `--config` for inline configuration data.
    let file = match m.config_file.as_deref() {
        Some(f) => Some(crate::input::display_path(f)),
        None if m.config_name == "--config" => Some(m.config_name.clone()),
        None => None,
    };
    let sel = registry::select_with(
        kind,
        m.version,
        own,
        &registry::SelectOptions {
            config_file: file.as_deref(),
            config_name: &m.config_name,
            has_policies: !m.policies.is_empty(),
        },
    )?;
    out.warnings.extend(sel.warnings.iter().cloned());
    out.passes.push(Pass {
        module: index,
        version: m.version,
        selection: sel,
        config: own.clone(),
        ignore: own.ignore.clone(),
        policy: None,
    });
    for policy in &m.policies {
        let Some(path) = m.policy_path(policy) else {
            return Err(Error::msg(format!(
                "policy {:?}: only local policy files are supported",
                policy.policy
            )));
        };
        let display = crate::input::display_path(&path);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Error::msg(format!(
                "could not read local policy config {}: {display}: {e}",
                crate::gostr::quote(&policy.policy)
            ))
        })?;
        let parsed = crate::workspace::parse_policy_file(&text, &display)?;
        let mut cfg = match kind {
            CheckKind::Lint => parsed.lint,
            CheckKind::Breaking => parsed.breaking,
        };
        // The policies entry's own ignores apply to this pass.
        let to_module = |p: &String| module_relative(&m.dir_path, p);
        cfg.ignore
            .extend(policy.ignore.iter().filter_map(to_module));
        for (key, paths) in &policy.ignore_only {
            cfg.ignore_only
                .push((key.clone(), paths.iter().filter_map(to_module).collect()));
        }
        let name = Path::new(&policy.policy)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| policy.policy.clone());
        let sel = registry::select_with(
            kind,
            ConfigVersion::V2,
            &cfg,
            &registry::SelectOptions {
                config_file: Some(&display),
                config_name: &name,
                has_policies: false,
            },
        )?;
        out.warnings.extend(sel.warnings.iter().cloned());
        if cfg.ignore.iter().any(|p| p == ".") {
            continue;
        }
        out.passes.push(Pass {
            module: index,
            version: ConfigVersion::V2,
            selection: sel,
            ignore: cfg.ignore.clone(),
            config: cfg,
            policy: Some(policy.policy.clone()),
        });
    }
    Ok(())
}

/// A path relative to the `buf.yaml` directory, made relative to the module
/// directory `dir` (`None` when it lies outside the module).
fn module_relative(dir: &str, path: &String) -> Option<String> {
    if dir == "." {
        return Some(path.clone());
    }
    if path == dir {
        return Some(".".to_owned());
    }
    path.strip_prefix(dir)
        .and_then(|rest| rest.strip_prefix('/'))
        .map(str::to_owned)
}
