//! Breaking: buf's breaking rules over a previous and a current [`Schema`].
//!
//! The **input's** configuration decides (one pass per target module, plus
//! its policies, see [`crate::check::pass`]); modules are paired with the
//! baseline's by position. For each pair, one [`Index`] per side is built
//! once; rules receive a pair of elements (files by path; messages, enums,
//! services by full name; fields by number inside a paired message;
//! extensions by extendee and number; RPCs by name inside a paired service)
//! or, for deletions, the whole two indexes ([`Check::Whole`]). Findings
//! point at the current side; ignores (`ignore`, `ignore_only`,
//! `ignore_unstable_packages`) match the current **or** the baseline file
//! and are applied once, after the rules.

use std::collections::BTreeSet;

use crate::{
    Result,
    check::{
        finding::{Finding, Span, sort_and_dedup},
        ignore,
        pass::{Pass, prepare},
        registry::{BreakingRuleId, CheckKind, RuleId},
    },
    error::Error,
    input::load::Loaded,
    lint::walk::{Enum, Message, Method, Service},
    schema::{Schema, SchemaFile},
    workspace::ConfigVersion,
};

pub mod index;
pub mod rules;

pub use index::{FieldView, Index};

/// A previous element and the current element paired with it.
#[derive(Debug)]
pub struct Pair<'p, T> {
    pub previous: &'p T,
    pub current: &'p T,
}

/// What a rule sees besides its pair: both indexes and the config version.
pub struct Env<'a> {
    pub previous: &'a Index<'a>,
    pub current: &'a Index<'a>,
    pub version: ConfigVersion,
}

/// How a rule is run.
pub enum Check {
    /// Once, with both indexes (deletions across files and packages).
    Whole(fn(&Env, &mut Sink)),
    File(fn(&Env, &Pair<SchemaFile>, &mut Sink)),
    Message(fn(&Env, &Pair<Message>, &mut Sink)),
    /// Fields of paired messages (paired by number) and extensions (paired
    /// by extendee and number).
    Field(fn(&Env, &Pair<FieldView>, &mut Sink)),
    Enum(fn(&Env, &Pair<Enum>, &mut Sink)),
    Service(fn(&Env, &Pair<Service>, &mut Sink)),
    Method(fn(&Env, &Pair<Method>, &mut Sink)),
}

/// Where a hit points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// At a source path of a current file.
    At { file: usize, path: Vec<i32> },
    /// On a current file as a whole (printed at 1:1).
    File { file: usize },
    /// No file (e.g. a deleted file or package).
    Nowhere,
}

/// A rule's raw finding, before ignores and positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub rule: BreakingRuleId,
    pub place: Place,
    /// The baseline file of the element (index into the previous schema),
    /// for ignores.
    pub against: Option<usize>,
    pub message: String,
}

/// Where rules put their findings.
#[derive(Debug)]
pub struct Sink {
    pub(crate) rule: BreakingRuleId,
    pub(crate) hits: Vec<Hit>,
}

impl Sink {
    fn new() -> Self {
        Sink {
            rule: BreakingRuleId::ALL[0],
            hits: Vec::new(),
        }
    }

    fn push(&mut self, place: Place, against: Option<&SchemaFile>, message: String) {
        self.hits.push(Hit {
            rule: self.rule,
            place,
            against: against.map(|f| f.index),
            message,
        });
    }

    /// Reports at `path` in the current file.
    pub fn at(
        &mut self,
        against: &SchemaFile,
        current: &SchemaFile,
        path: Vec<i32>,
        message: String,
    ) {
        self.push(
            Place::At {
                file: current.index,
                path,
            },
            Some(against),
            message,
        );
    }

    /// Reports on the current file as a whole.
    pub fn on_file(&mut self, against: &SchemaFile, current: &SchemaFile, message: String) {
        self.push(
            Place::File {
                file: current.index,
            },
            Some(against),
            message,
        );
    }

    /// Reports without a file (the element's file is gone).
    pub fn nowhere(&mut self, against: &SchemaFile, message: String) {
        self.push(Place::Nowhere, Some(against), message);
    }
}

/// How to run a breaking check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only target files take part (no imports).
    pub exclude_imports: bool,
    /// Only baseline files that are also in the input take part.
    pub limit_to_input_files: bool,
    /// `--config` of the input (image inputs read it, else the cwd's buf.yaml).
    pub config: Option<String>,
}

/// Runs the breaking check of `current` against `previous`. Returns the
/// findings (sorted, de-duplicated) and buf's warnings.
pub fn breaking(
    current: &Loaded,
    previous: &Loaded,
    opts: &Options,
) -> Result<(Vec<Finding>, Vec<String>)> {
    let prepared = prepare(CheckKind::Breaking, current, opts.config.as_deref())?;
    let timer = crate::timing::Timer::start("breaking");
    let (cur, prev) = rayon::join(|| Schema::of(current), || Schema::of(previous));
    timer.stage("schema");
    let cur_modules = target_modules(current);
    let prev_modules = target_modules(previous);
    let mut findings = Vec::new();
    for p in &prepared.passes {
        let Some(k) = cur_modules.iter().position(|&m| m == p.module) else {
            continue;
        };
        let Some(&prev_module) = prev_modules.get(k) else {
            if prev_modules.is_empty() {
                return Err(Error::msg("the baseline has no module to compare with"));
            }
            continue;
        };
        let all = Filter::default();
        let cur_files = participants(&cur, p.module, opts.exclude_imports, &all);
        let names: BTreeSet<&str> = cur_files.iter().map(|f| f.name).collect();
        // `--path` / `--exclude-path` restrict the baseline's targets too.
        let filter = Filter {
            only: opts.limit_to_input_files.then_some(&names),
            ..target_filter(current, p.module)
        };
        let prev_files = participants(&prev, prev_module, opts.exclude_imports, &filter);
        let (prev_others, cur_others) = (others(&prev, &prev_files), others(&cur, &cur_files));
        let (pi, ci) = rayon::join(
            || Index::new(&prev_files).with_other_files(&prev_others),
            || Index::new(&cur_files).with_other_files(&cur_others),
        );
        timer.stage("index");
        let hits = run_pass(&pi, &ci, p);
        timer.stage("rules");
        findings.extend(apply_ignores(&prev, &cur, p, hits));
    }
    sort_and_dedup(&mut findings);
    Ok((findings, prepared.warnings))
}

/// The target modules of an input, in workspace order (an image: one).
fn target_modules(loaded: &Loaded) -> Vec<usize> {
    match loaded {
        Loaded::Sources { workspace, .. } => workspace
            .modules
            .iter()
            .enumerate()
            .filter(|(_, m)| m.is_target)
            .map(|(i, _)| i)
            .collect(),
        Loaded::Image(_) => vec![0],
    }
}

/// Which files of a side may take part.
#[derive(Default)]
struct Filter<'n> {
    /// Only files with these names (`--limit-to-input-files`).
    only: Option<&'n BTreeSet<&'n str>>,
    /// Targets must lie under one of these import paths (empty: any).
    paths: Vec<String>,
    /// Targets must not lie under these import paths.
    exclude: Vec<String>,
}

/// The `--path` / `--exclude-path` filters of the input's module.
fn target_filter(loaded: &Loaded, module: usize) -> Filter<'static> {
    match loaded {
        Loaded::Sources { workspace, .. } => workspace
            .modules
            .get(module)
            .map(|m| Filter {
                only: None,
                paths: m.target_paths.clone(),
                exclude: m.target_exclude_paths.clone(),
            })
            .unwrap_or_default(),
        Loaded::Image(_) => Filter::default(),
    }
}

/// The files of one side taking part for `module`: its target files (as
/// `filter` allows) plus, unless `exclude_imports`, everything they import
/// (transitively).
fn participants<'s>(
    schema: &'s Schema<'s>,
    module: usize,
    exclude_imports: bool,
    filter: &Filter,
) -> Vec<&'s SchemaFile<'s>> {
    let by_name: std::collections::HashMap<&str, usize> =
        schema.files.iter().map(|f| (f.name, f.index)).collect();
    let mut take = vec![false; schema.files.len()];
    let mut stack: Vec<usize> = schema
        .files
        .iter()
        .filter(|f| f.is_target && f.module == module)
        .filter(|f| filter.paths.is_empty() || ignore::any_covers(&filter.paths, f.name))
        .filter(|f| !ignore::any_covers(&filter.exclude, f.name))
        .map(|f| f.index)
        .collect();
    for &i in &stack {
        take[i] = true;
    }
    if !exclude_imports {
        while let Some(i) = stack.pop() {
            for dep in &schema.files[i].desc.dependency {
                if let Some(&d) = by_name.get(dep.as_str())
                    && !take[d]
                {
                    take[d] = true;
                    stack.push(d);
                }
            }
        }
    }
    schema
        .files
        .iter()
        .filter(|f| take[f.index] && filter.only.is_none_or(|names| names.contains(f.name)))
        .collect()
}

/// The files of a schema not in `taking` (their enums stay reachable).
fn others<'s>(schema: &'s Schema<'s>, taking: &[&SchemaFile]) -> Vec<&'s SchemaFile<'s>> {
    let taking: BTreeSet<usize> = taking.iter().map(|f| f.index).collect();
    schema
        .files
        .iter()
        .filter(|f| !taking.contains(&f.index))
        .collect()
}

/// Runs one pass's rules over the two indexes; raw hits.
pub fn run_pass(previous: &Index, current: &Index, p: &Pass) -> Vec<Hit> {
    let env = Env {
        previous,
        current,
        version: p.version,
    };
    let selected: Vec<&rules::Rule> = p
        .selection
        .rules
        .iter()
        .filter_map(|id| match *id {
            RuleId::Breaking(id) => rules::rule(id),
            RuleId::Lint(_) => None,
        })
        .collect();
    let mut sink = Sink::new();
    macro_rules! each {
        ($kind:ident, $pair:expr) => {
            for r in &selected {
                if let Check::$kind(f) = r.check {
                    sink.rule = r.id;
                    f(&env, $pair, &mut sink);
                }
            }
        };
    }
    for r in &selected {
        if let Check::Whole(f) = r.check {
            sink.rule = r.id;
            f(&env, &mut sink);
        }
    }
    for (name, prev) in &previous.files {
        if let Some(cur) = current.files.get(name) {
            each!(
                File,
                &Pair {
                    previous: *prev,
                    current: *cur
                }
            );
        }
    }
    for (name, prev) in &previous.messages {
        let Some(cur) = current.messages.get(name) else {
            continue;
        };
        each!(
            Message,
            &Pair {
                previous: prev,
                current: cur
            }
        );
        for (i, pf) in prev.desc.field.iter().enumerate() {
            let Some((j, cf)) = cur
                .desc
                .field
                .iter()
                .enumerate()
                .find(|(_, f)| f.number == pf.number)
            else {
                continue;
            };
            let pv = field_view(prev, i, pf);
            let cv = field_view(cur, j, cf);
            each!(
                Field,
                &Pair {
                    previous: &pv,
                    current: &cv
                }
            );
        }
    }
    for (key, prev) in &previous.extensions {
        if let Some(cur) = current.extensions.get(key) {
            each!(
                Field,
                &Pair {
                    previous: prev,
                    current: cur
                }
            );
        }
    }
    for (name, prev) in &previous.enums {
        if let Some(cur) = current.enums.get(name) {
            each!(
                Enum,
                &Pair {
                    previous: prev,
                    current: cur
                }
            );
        }
    }
    for (name, prev) in &previous.services {
        let Some(cur) = current.services.get(name) else {
            continue;
        };
        each!(
            Service,
            &Pair {
                previous: prev,
                current: cur
            }
        );
        for (i, pm) in prev.desc.method.iter().enumerate() {
            let Some((j, cm)) = cur
                .desc
                .method
                .iter()
                .enumerate()
                .find(|(_, m)| m.name == pm.name)
            else {
                continue;
            };
            let method = |s: &'_ Service<'_>, k: usize, m| {
                let mut path = s.path.clone();
                path.extend([2, k as i32]);
                (path, m)
            };
            let (pp, pd) = method(prev, i, pm);
            let (cp, cd) = method(cur, j, cm);
            let pm = Method {
                file: prev.file,
                desc: pd,
                path: pp,
                service: prev,
            };
            let cm = Method {
                file: cur.file,
                desc: cd,
                path: cp,
                service: cur,
            };
            each!(
                Method,
                &Pair {
                    previous: &pm,
                    current: &cm
                }
            );
        }
    }
    sink.hits
}

/// The view of field `k` of message `m`.
fn field_view<'a>(
    m: &'a Message<'a>,
    k: usize,
    desc: &'a prost_types::FieldDescriptorProto,
) -> FieldView<'a> {
    let mut path = m.path.clone();
    path.extend([2, k as i32]);
    FieldView {
        file: m.file,
        desc,
        path,
        message: Some(m),
        extension: None,
    }
}

/// The span of a finding on a file without a location.
const FILE_LEVEL: Span = Span {
    start_line: 1,
    start_column: 1,
    end_line: 1,
    end_column: 1,
};

/// Drops ignored hits and turns the rest into findings.
pub fn apply_ignores(
    previous: &Schema,
    current: &Schema,
    p: &Pass,
    hits: Vec<Hit>,
) -> Vec<Finding> {
    let unstable = |f: &SchemaFile| crate::lint::rules::packages::is_unstable_package(f.package());
    hits.into_iter()
        .filter_map(|hit| {
            let id = RuleId::Breaking(hit.rule);
            let only = p.selection.ignore_only_paths(id);
            let cur_file = match &hit.place {
                Place::At { file, .. } | Place::File { file } => Some(&current.files[*file]),
                Place::Nowhere => None,
            };
            let against = hit.against.map(|i| &previous.files[i]);
            for f in cur_file.iter().chain(against.iter()) {
                if ignore::any_covers(&p.ignore, f.module_path)
                    || ignore::any_covers(only, f.module_path)
                    || (p.config.ignore_unstable_packages && unstable(f))
                {
                    return None;
                }
            }
            let mut finding = Finding::new(hit.rule.as_str(), hit.message);
            if let Some(file) = cur_file {
                let span = match &hit.place {
                    Place::At { path, .. } => file.source.span(path).unwrap_or(FILE_LEVEL),
                    _ => FILE_LEVEL,
                };
                finding = finding.at(file.external, file.module_path, span);
            }
            finding.policy = p.policy.clone();
            Some(finding)
        })
        .collect()
}
