//! Lint. This slice validates each target module's rule selection (unknown
//! IDs, deprecations, empty sets) exactly as buf does; the rules themselves
//! arrive with the lint work.

use crate::{
    Result,
    check::registry::{self, CheckKind, Selection},
    input::load::Loaded,
};

/// The rule selection of every target module, and the warnings to print.
#[derive(Debug, Default)]
pub struct Prepared {
    /// `(module index, selection)` for every target module.
    pub modules: Vec<(usize, Selection)>,
    /// buf's warnings (deprecated IDs, no rules configured), without the `WARN\t` prefix.
    pub warnings: Vec<String>,
}

/// Resolves the lint rule selection of every target module.
pub fn prepare(loaded: &Loaded) -> Result<Prepared> {
    let mut out = Prepared::default();
    if let Loaded::Sources { workspace, .. } = loaded {
        for (i, m) in workspace.modules.iter().enumerate() {
            if !m.is_target || m.lint.ignore.iter().any(|p| p == ".") {
                continue;
            }
            let file = m.config_file.as_deref().map(crate::input::display_path);
            let sel = registry::select_with(
                CheckKind::Lint,
                m.version,
                &m.lint,
                &registry::SelectOptions {
                    config_file: file.as_deref(),
                    config_name: &m.config_name,
                    has_policies: !m.policies.is_empty(),
                },
            )?;
            out.warnings.extend(sel.warnings.iter().cloned());
            out.modules.push((i, sel));
        }
    }
    Ok(out)
}
