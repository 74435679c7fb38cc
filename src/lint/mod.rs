//! Lint: buf's lint rules over one [`Schema`].
//!
//! [`prepare`] resolves, for every target module, the passes to run: the
//! module's own rule selection (unknown IDs, deprecations and empty sets
//! fail exactly as in buf) and one pass per v2 policy. [`run`] then walks
//! every target file once per pass ([`walk::Plan`]) and runs the
//! whole-module rules; ignores (`ignore`, `ignore_only`, `// buf:lint:ignore`)
//! are applied once, after the rules, in [`apply_ignores`].

use std::collections::HashSet;

use rayon::prelude::*;

use crate::{
    Result,
    check::{
        finding::{Finding, Span, sort_and_dedup},
        ignore,
        pass::{Pass, Prepared, prepare},
        registry::{CheckKind, LintRuleId, RuleId},
    },
    input::load::Loaded,
    schema::{Schema, SchemaFile},
    workspace::{CheckConfig, ConfigVersion},
};

pub mod case;
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
    let options = LintOptions::from_config(&p.config);
    let env = Env {
        options: &options,
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
                if p.config.allow_comment_ignores
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
    let mut prepared = prepare(CheckKind::Lint, loaded, config)?;
    let protovalidate = RuleId::Lint(LintRuleId::Protovalidate);
    if prepared
        .passes
        .iter()
        .any(|p| p.selection.contains(protovalidate))
    {
        prepared.warnings.push(format!(
            "Rule {protovalidate} is selected but protogate does not check it yet: its findings are missing from this run."
        ));
    }
    let timer = crate::timing::Timer::start("lint");
    let schema = Schema::of(loaded);
    timer.stage("schema");
    Ok((run(&schema, &prepared), prepared.warnings))
}
