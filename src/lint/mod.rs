//! Lint: buf's lint rules over one [`Schema`].
//!
//! [`prepare`] resolves, for every target module, the passes to run: the
//! module's own rule selection (unknown IDs, deprecations and empty sets
//! fail exactly as in buf) and one pass per v2 policy. [`run`] then walks
//! every target file once per pass ([`walk::Plan`]) and runs the
//! whole-module rules; ignores (`ignore`, `ignore_only`, `// buf:lint:ignore`)
//! are applied once, after the rules, in [`apply_ignores`].

use std::{collections::HashSet, path::Path};

use rayon::prelude::*;

use crate::{
    Result,
    check::{
        finding::{Finding, Span, sort_and_dedup},
        ignore,
        registry::{self, CheckKind, LintRuleId, RuleId, Selection},
    },
    error::Error,
    input::load::Loaded,
    schema::{Schema, SchemaFile},
    workspace::{CheckConfig, ConfigVersion, Module},
};

pub mod case;
pub mod explain;
pub mod rules;
pub mod walk;

pub use rules::{Rule, rule};

/// The lint options of one pass (`buf.yaml` `lint:` keys that are not rule
/// selection), with buf's defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintOptions {
    pub enum_zero_value_suffix: String,
    pub service_suffix: String,
    pub rpc_allow_same_request_response: bool,
    pub rpc_allow_google_protobuf_empty_requests: bool,
    pub rpc_allow_google_protobuf_empty_responses: bool,
}

impl LintOptions {
    pub fn from_config(cfg: &CheckConfig) -> Self {
        let or = |v: &Option<String>, d: &str| match v.as_deref() {
            None | Some("") => d.to_owned(),
            Some(s) => s.to_owned(),
        };
        LintOptions {
            enum_zero_value_suffix: or(&cfg.enum_zero_value_suffix, "_UNSPECIFIED"),
            service_suffix: or(&cfg.service_suffix, "Service"),
            rpc_allow_same_request_response: cfg.rpc_allow_same_request_response,
            rpc_allow_google_protobuf_empty_requests: cfg.rpc_allow_google_protobuf_empty_requests,
            rpc_allow_google_protobuf_empty_responses: cfg
                .rpc_allow_google_protobuf_empty_responses,
        }
    }
}

impl Default for LintOptions {
    fn default() -> Self {
        Self::from_config(&CheckConfig::default())
    }
}

/// What a rule sees besides its element: the pass's options, the whole
/// schema (imports included) and the target files of the module.
pub struct Env<'a> {
    pub options: &'a LintOptions,
    pub schema: &'a Schema<'a>,
    /// The module's target files, in schema order.
    pub targets: &'a [&'a SchemaFile<'a>],
    pub version: ConfigVersion,
}

/// How a rule is run: on each element of one kind, or once per module.
pub enum Check {
    File(fn(&Env, &SchemaFile, &mut Sink)),
    Message(fn(&Env, &walk::Message, &mut Sink)),
    Field(fn(&Env, &walk::Field, &mut Sink)),
    Oneof(fn(&Env, &walk::Oneof, &mut Sink)),
    Enum(fn(&Env, &walk::Enum, &mut Sink)),
    EnumValue(fn(&Env, &walk::EnumValue, &mut Sink)),
    Service(fn(&Env, &walk::Service, &mut Sink)),
    Method(fn(&Env, &walk::Method, &mut Sink)),
    /// Cross-file rules: all of [`Env::targets`] at once.
    Module(fn(&Env, &mut Sink)),
}

/// A rule's raw finding, before ignores and positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub rule: LintRuleId,
    /// Index of the file in [`Schema::files`].
    pub file: usize,
    /// Source path of the location (its span is printed; its leading
    /// comments and those of its ancestors are read by comment ignores).
    /// `None`: a file-level finding (printed at 1:1, never comment-ignored).
    pub path: Option<Vec<i32>>,
    pub message: String,
}

/// Where rules put their findings.
#[derive(Debug)]
pub struct Sink {
    pub(crate) rule: LintRuleId,
    pub(crate) hits: Vec<Hit>,
}

impl Sink {
    fn new() -> Self {
        Sink {
            rule: LintRuleId::ALL[0],
            hits: Vec::new(),
        }
    }

    /// Reports at the location of `path` in `file`.
    pub fn at(&mut self, file: &SchemaFile, path: Vec<i32>, message: String) {
        self.hits.push(Hit {
            rule: self.rule,
            file: file.index,
            path: Some(path),
            message,
        });
    }

    /// Reports at `path` followed by `tail` (e.g. `&[1]` for the name).
    pub fn at_child(&mut self, file: &SchemaFile, path: &[i32], tail: &[i32], message: String) {
        let mut p = Vec::with_capacity(path.len() + tail.len());
        p.extend_from_slice(path);
        p.extend_from_slice(tail);
        self.at(file, p, message);
    }

    /// Reports on the file as a whole (no position).
    pub fn file_level(&mut self, file: &SchemaFile, message: String) {
        self.hits.push(Hit {
            rule: self.rule,
            file: file.index,
            path: None,
            message,
        });
    }
}

/// One lint pass: a module's own rules or one of its policies.
#[derive(Debug, Clone)]
pub struct Pass {
    /// Index of the module in the workspace (0 for an image).
    pub module: usize,
    pub version: ConfigVersion,
    pub selection: Selection,
    pub options: LintOptions,
    /// Module-relative paths ignored for every rule.
    pub ignore: Vec<String>,
    pub allow_comment_ignores: bool,
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

/// Resolves the lint passes of every target module. For an image input the
/// configuration comes from `config` (`--config`) or, as in buf, from the
/// `buf.yaml` of the current directory (v1 defaults without one).
pub fn prepare(loaded: &Loaded, config: Option<&str>) -> Result<Prepared> {
    let mut out = Prepared::default();
    match loaded {
        Loaded::Sources { workspace, .. } => {
            for (i, m) in workspace.modules.iter().enumerate() {
                if !m.is_target {
                    continue;
                }
                prepare_module(i, m, &mut out)?;
            }
        }
        Loaded::Image(_) => {
            let opts = crate::workspace::DiscoverOptions {
                config_override: config.map(str::to_owned),
                ..Default::default()
            };
            let ws = crate::workspace::discover(Path::new("."), &opts)?;
            if let Some(m) = ws.modules.iter().find(|m| m.dir_path == ".").or(ws.modules.first()) {
                prepare_module(0, m, &mut out)?;
            }
        }
    }
    let protovalidate = RuleId::Lint(LintRuleId::Protovalidate);
    if out.passes.iter().any(|p| p.selection.contains(protovalidate)) {
        out.warnings.push(format!(
            "Rule {} is selected but protogate does not check it yet: its findings are missing from this run.",
            protovalidate
        ));
    }
    Ok(out)
}

fn pass(
    module: usize,
    version: ConfigVersion,
    selection: Selection,
    cfg: &CheckConfig,
    ignore: Vec<String>,
    policy: Option<String>,
) -> Pass {
    Pass {
        module,
        version,
        selection,
        options: LintOptions::from_config(cfg),
        ignore,
        allow_comment_ignores: cfg.allow_comment_ignores,
        policy,
    }
}

fn prepare_module(index: usize, m: &Module, out: &mut Prepared) -> Result<()> {
    if m.lint.ignore.iter().any(|p| p == ".") {
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
    out.passes.push(pass(index, m.version, sel, &m.lint, m.lint.ignore.clone(), None));
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
        let mut cfg = parsed.lint;
        // The policies entry's own ignores apply to this pass.
        let to_module = |p: &String| module_relative(&m.dir_path, p);
        cfg.ignore.extend(policy.ignore.iter().filter_map(to_module));
        for (key, paths) in &policy.ignore_only {
            cfg.ignore_only.push((key.clone(), paths.iter().filter_map(to_module).collect()));
        }
        let name = Path::new(&policy.policy)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| policy.policy.clone());
        let sel = registry::select_with(
            CheckKind::Lint,
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
        let ignore = cfg.ignore.clone();
        out.passes.push(pass(index, ConfigVersion::V2, sel, &cfg, ignore, Some(policy.policy.clone())));
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

/// Runs every pass over the schema; findings sorted and de-duplicated.
pub fn run(schema: &Schema, prepared: &Prepared) -> Vec<Finding> {
    let mut findings = Vec::new();
    for p in &prepared.passes {
        let timer = crate::timing::Timer::start("lint");
        let targets: Vec<&SchemaFile> = schema
            .files
            .iter()
            .filter(|f| f.is_target && f.module == p.module)
            .collect();
        let hits = run_pass(schema, &targets, p);
        timer.stage("rules");
        findings.extend(apply_ignores(schema, p, hits));
        timer.stage("ignores");
    }
    sort_and_dedup(&mut findings);
    findings
}

/// Runs one pass's rules; raw hits, before ignores.
pub fn run_pass(schema: &Schema, targets: &[&SchemaFile], p: &Pass) -> Vec<Hit> {
    let env = Env {
        options: &p.options,
        schema,
        targets,
        version: p.version,
    };
    let mut plan = walk::Plan::default();
    let mut module_rules = Vec::new();
    for id in &p.selection.rules {
        let RuleId::Lint(id) = *id else { continue };
        if let Some(r) = rule(id)
            && !plan.add(id, &r.check)
            && let Check::Module(f) = r.check
        {
            module_rules.push((id, f));
        }
    }
    let mut hits: Vec<Hit> = targets
        .par_iter()
        .flat_map_iter(|file| {
            let mut sink = Sink::new();
            plan.walk(&env, file, &mut sink);
            sink.hits
        })
        .collect();
    let mut sink = Sink::new();
    for (id, f) in module_rules {
        sink.rule = id;
        f(&env, &mut sink);
    }
    hits.extend(sink.hits);
    hits
}

/// The span of a lint finding on a file without a location.
const FILE_LEVEL: Span = Span {
    start_line: 1,
    start_column: 1,
    end_line: 1,
    end_column: 1,
};

/// Drops ignored hits and turns the rest into findings: config `ignore` and
/// `ignore_only` paths, then `// buf:lint:ignore` comments on the element
/// or any enclosing declaration when the pass allows them.
pub fn apply_ignores(schema: &Schema, p: &Pass, hits: Vec<Hit>) -> Vec<Finding> {
    let mut seen_rules = HashSet::new();
    hits.into_iter()
        .filter_map(|hit| {
            let file = &schema.files[hit.file];
            let id = RuleId::Lint(hit.rule);
            seen_rules.insert(hit.rule);
            if ignore::any_covers(&p.ignore, file.module_path)
                || ignore::any_covers(p.selection.ignore_only_paths(id), file.module_path)
            {
                return None;
            }
            // buf prints a finding with a file but no location at 1:1-1:1
            // in every format (junit `RULE_1_1`, github-actions `line=1,...`).
            let mut span = FILE_LEVEL;
            if let Some(path) = &hit.path {
                if p.allow_comment_ignores
                    && (1..=path.len()).any(|n| {
                        file.source
                            .leading_comment(&path[..n])
                            .is_some_and(|c| ignore::comment_ignores(c, hit.rule.as_str()))
                    })
                {
                    return None;
                }
                span = file.source.span(path).unwrap_or(FILE_LEVEL);
            }
            let mut f = Finding::new(hit.rule.as_str(), hit.message).at(
                file.external,
                file.module_path,
                span,
            );
            f.policy = p.policy.clone();
            Some(f)
        })
        .collect()
}

/// Lints a loaded input: prepares the passes and runs them. Warnings are
/// returned with the findings for the caller to print.
pub fn lint(loaded: &Loaded, config: Option<&str>) -> Result<(Vec<Finding>, Vec<String>)> {
    let prepared = prepare(loaded, config)?;
    let timer = crate::timing::Timer::start("lint");
    let schema = Schema::of(loaded);
    timer.stage("schema");
    Ok((run(&schema, &prepared), prepared.warnings))
}
