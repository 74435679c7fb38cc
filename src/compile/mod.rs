//! Compile: read and parse `.proto` files in parallel (protox-parse), resolve
//! imports across the module roots and the bundled well-known types, check
//! for cycles and duplicate symbols, then link into a prost-reflect pool.
//!
//! Problems in the user's sources are *findings* of type `COMPILE` (buf
//! prints them as findings and exits 100); only "could not run" conditions
//! (I/O, an editions file) are [`Error`]s.

mod defaults;
pub mod editions;
pub mod features;
pub mod json_names;
pub mod link;
mod options;
pub mod position;
mod symbols;
mod unused;
pub mod wkt;

use std::{
    collections::{BTreeMap, BTreeSet, HashMap},
    sync::Arc,
};

use prost_reflect::DescriptorPool;
use prost_types::FileDescriptorProto;
use rayon::prelude::*;

use crate::{Error, Finding, Result, Span, workspace::SourceFile};
use position::LineIndex;

/// The rule ID of compile errors.
pub const COMPILE: &str = "COMPILE";

/// A source file known to the compiler: from the workspace, or bundled.
#[derive(Debug, Clone)]
pub struct Source {
    /// Import path (`acme/v1/a.proto`).
    pub name: String,
    /// Path as printed in findings.
    pub external: String,
    /// Path relative to its module.
    pub module_path: String,
    /// Where it is read from; `None` for bundled files.
    pub fs_path: Option<std::path::PathBuf>,
    /// Whether it was asked for (a target) as opposed to only imported.
    pub is_target: bool,
}

impl Source {
    pub fn from_workspace(f: &SourceFile) -> Self {
        Source {
            name: f.name.clone(),
            external: f.external.clone(),
            module_path: f.module_path.clone(),
            fs_path: Some(f.fs_path.clone()),
            is_target: f.is_target,
        }
    }
}

/// One compiled file.
#[derive(Debug, Clone)]
pub struct CompiledFile {
    pub name: String,
    pub external: String,
    pub module_path: String,
    /// A target of this run (not only an import).
    pub is_target: bool,
    /// Bundled well-known type (not from the workspace).
    pub is_bundled: bool,
    pub text: Arc<str>,
    pub lines: LineIndex,
    /// The parsed descriptor (as protox-parse produced it: options
    /// uninterpreted, type names as written), without its source info.
    pub parsed: FileDescriptorProto,
    /// Source locations and comments, kept outside any descriptor pool,
    /// encoded (a `SourceCodeInfo` message): the decoded form of a large
    /// schema would dominate memory. After a successful compile, spans are
    /// 0-based lines and 0-based *display* columns (tab stops of 4, wide
    /// characters 2), as buf records them in images.
    pub source_info_bytes: Vec<u8>,
    /// `syntax` statement absent in the source.
    pub syntax_unspecified: bool,
    /// The `google.protobuf.Edition` of an editions file (`parsed.syntax`
    /// is then `"editions"`; the linker sees the file as proto2).
    pub edition: Option<i32>,
    /// Edition 2024 `export`/`local` of messages and enums, by element path
    /// (`google.protobuf.SymbolVisibility`; prost-types cannot hold it).
    pub visibility: Vec<(Vec<i32>, i32)>,
    /// Indexes of imports that nothing in the file uses.
    pub unused_dependency: Vec<i32>,
    /// proto2 fields whose default JSON name clashes with another's: the
    /// linked descriptor holds a placeholder for them (see [`json_names`]).
    pub json_masked: Vec<json_names::Masked>,
}

impl CompiledFile {
    /// Span of a source-info path in this file, converted to display columns.
    ///
    /// Valid once the compile succeeded (source info is then in display
    /// columns already).
    pub fn span_of(&self, path: &[i32]) -> Option<Span> {
        let info = self.source_info();
        let loc = info.location.iter().find(|l| l.path == path)?;
        Some(LineIndex::byte_span(&loc.span))
    }

    /// Span of a source-info path for a compile error: byte columns, as buf
    /// (valid while the compile runs, before spans become display columns).
    pub fn compile_span_of(&self, path: &[i32]) -> Option<Span> {
        let info = self.source_info();
        let loc = info.location.iter().find(|l| l.path == path)?;
        Some(LineIndex::byte_span(&loc.span))
    }

    /// The descriptor handed to the linker: an editions file is linked as
    /// proto2 (prost-reflect has no editions; see [`editions`]).
    pub fn link_proto(&self) -> FileDescriptorProto {
        let mut p = self.parsed.clone();
        if self.edition.is_some() {
            p.syntax = Some("proto2".to_string());
        }
        p
    }

    /// The decoded source info.
    pub fn source_info(&self) -> prost_types::SourceCodeInfo {
        use prost::Message;
        prost_types::SourceCodeInfo::decode(self.source_info_bytes.as_slice()).unwrap_or_default()
    }
}

/// The result of a successful compile: files in dependency order, linked.
#[derive(Debug)]
pub struct Compiled {
    /// Every file that was compiled, dependencies before dependents.
    pub files: Vec<CompiledFile>,
    /// Linked pools (options interpreted, names resolved): one, or one per
    /// link chunk for a large schema (see [`link`]).
    pub pools: Vec<DescriptorPool>,
    /// `home[i]`: the pool holding `files[i]` with its dependencies.
    pub home: Vec<usize>,
}

impl Compiled {
    /// The pool that holds `files[index]` and everything it imports.
    pub fn pool_of(&self, index: usize) -> &DescriptorPool {
        &self.pools[self.home[index]]
    }

    pub fn file(&self, name: &str) -> Option<&CompiledFile> {
        self.files.iter().find(|f| f.name == name)
    }
}

/// What a compile produced: a linked schema or the compile errors.
#[derive(Debug)]
pub enum Outcome {
    Ok(Compiled),
    Failed(Vec<Finding>),
}

/// Compiles `targets` and everything they import. `sources` are all files of
/// the workspace by import path (targets included); imports not found there
/// are looked up among the bundled well-known types.
pub fn compile(targets: &[Source], sources: &BTreeMap<String, Source>) -> Result<Outcome> {
    let timer = crate::timing::Timer::start("compile");
    let mut parsed: HashMap<String, Parsed> = HashMap::new();
    let mut findings = Vec::new();
    let mut wave: Vec<Source> = Vec::new();
    let mut queued: BTreeSet<String> = BTreeSet::new();
    for t in targets {
        if queued.insert(t.name.clone()) {
            wave.push(t.clone());
        }
    }

    // Parse in waves: every wave in parallel, the next wave is the imports
    // not seen yet.
    while !wave.is_empty() {
        let results: Vec<Result<Parsed>> = wave.par_iter().map(parse_source).collect();
        let mut next = Vec::new();
        for r in results {
            let p = r?;
            findings.extend(p.errors.iter().cloned());
            for (i, dep) in p.file.parsed.dependency.iter().enumerate() {
                if queued.contains(dep) {
                    continue;
                }
                if let Some(src) = sources.get(dep) {
                    queued.insert(dep.clone());
                    next.push(Source {
                        is_target: false,
                        ..src.clone()
                    });
                } else if let Some(src) = wkt::source(dep) {
                    queued.insert(dep.clone());
                    next.push(src);
                } else {
                    findings.push(p.finding_at(&[3, i as i32], "imported file does not exist"));
                }
            }
            parsed.insert(p.file.name.clone(), p);
        }
        wave = next;
    }
    if !findings.is_empty() {
        return Ok(Outcome::Failed(findings));
    }

    timer.stage("parse");
    // Dependency order (deterministic: targets sorted by name, imports in
    // statement order), with cycle detection.
    let order = match topo_order(targets, &parsed) {
        Ok(order) => order,
        Err(cycle) => return Ok(Outcome::Failed(vec![*cycle])),
    };
    let mut files: Vec<CompiledFile> = order
        .into_iter()
        .map(|name| parsed.remove(&name).expect("ordered file was parsed").file)
        .collect();

    timer.stage("order");

    let ext_dups = symbols::duplicate_extension_numbers(&files);
    timer.stage("extensions");
    if !ext_dups.is_empty() {
        return Ok(Outcome::Failed(ext_dups));
    }
    for f in files.iter_mut().filter(|f| !f.is_bundled) {
        f.json_masked = json_names::mask_proto2_clashes(&mut f.parsed);
    }
    let (linked, dups) = rayon::join(
        || link::link(&files),
        || symbols::top_level_duplicates(&files),
    );
    let linked = match linked {
        Ok(l) => l,
        Err(link::LinkError::Panicked(msg)) => {
            return Err(Error::msg(format!(
                "internal error: the linker (prost-reflect) panicked on this schema: {msg}; \
                 please report the input"
            )));
        }
        Err(link::LinkError::Invalid(err)) => {
            // prost-reflect reports a duplicate at its second declaration;
            // buf reports it once, at the first. Only then is the
            // whole-schema symbol table worth building.
            let text = err.to_string();
            if text.ends_with("is defined twice") || text.contains("is already defined in file") {
                let dups = symbols::duplicate_symbols(&files);
                if !dups.is_empty() {
                    return Ok(Outcome::Failed(dups));
                }
            }
            return Ok(Outcome::Failed(vec![link_error_finding(&err, &files)]));
        }
    };
    // Top-level collisions across link chunks (within one chunk
    // prost-reflect has already refused them).
    if !dups.is_empty() {
        return Ok(Outcome::Failed(dups));
    }
    timer.stage("link");
    let open_enums: Vec<Finding> = files
        .iter()
        .zip(&linked.home)
        .filter(|(f, _)| f.edition.is_some())
        .flat_map(|(f, &home)| open_enum_first_values(f, &linked.pools[home]))
        .collect();
    if !open_enums.is_empty() {
        return Ok(Outcome::Failed(open_enums));
    }
    for f in files.iter_mut().filter(|f| !f.json_masked.is_empty()) {
        json_names::clear(&mut f.parsed, &f.json_masked);
    }
    files
        .par_iter_mut()
        .zip(&linked.home)
        .filter(|(f, _)| !f.is_bundled)
        .for_each(|(f, &home)| {
            use prost::Message;
            let pool = &linked.pools[home];
            // Decoded one file at a time: only a few are alive at once.
            let mut info = f.source_info();
            let option_files =
                options::rewrite_option_paths(&f.parsed, &mut info, pool, &f.text, &f.lines);
            f.unused_dependency = unused::unused_dependencies(pool, &f.name, &option_files);
            fix_json_name_locations(&mut info);
            fix_default_locations(&mut info, &f.text, &f.lines);
            fix_group_type_locations(&mut info);
            fix_same_line_trailing_comments(&mut info, &f.text, &f.lines);
            drop_same_line_block_leading_comments(&mut info, &f.text, &f.lines);
            // From here on, spans are in display columns, as buf's images
            // and lint/breaking findings have them.
            position::to_display_columns(&mut info, &f.text, &f.lines);
            f.source_info_bytes = info.encode_to_vec();
        });
    timer.stage("options");
    Ok(Outcome::Ok(Compiled {
        files,
        pools: linked.pools,
        home: linked.home,
    }))
}

/// Open enums of an editions file whose first value is not zero (proto3
/// enums are checked by the linker; editions files are linked as proto2).
fn open_enum_first_values(f: &CompiledFile, pool: &DescriptorPool) -> Vec<Finding> {
    let Some(fd) = pool.get_file_by_name(&f.name) else {
        return Vec::new();
    };
    let mut index = features::FeatureIndex::from_encoded(&fd.encode_to_vec());
    index.edition = f.edition.unwrap_or(features::EDITION_2023);
    let mut out = Vec::new();
    let mut check = |e: &prost_types::EnumDescriptorProto, path: Vec<i32>| {
        let first = e.value.first().map_or(0, |v| v.number());
        if first != 0 && index.resolve(&path, None).enum_type == features::ENUM_OPEN {
            let mut at = path;
            at.extend([2, 0, 2]);
            let span = f.compile_span_of(&at).unwrap_or(Span::new(1, 1, 1, 1));
            out.push(
                Finding::new(COMPILE, "first value of open enum must be zero").at(
                    &f.external,
                    &f.module_path,
                    span,
                ),
            );
        }
    };
    fn walk(
        messages: &[prost_types::DescriptorProto],
        path: &mut Vec<i32>,
        field: i32,
        check: &mut dyn FnMut(&prost_types::EnumDescriptorProto, Vec<i32>),
    ) {
        for (i, m) in messages.iter().enumerate() {
            path.extend([field, i as i32]);
            for (j, e) in m.enum_type.iter().enumerate() {
                let mut p = path.clone();
                p.extend([4, j as i32]);
                check(e, p);
            }
            walk(&m.nested_type, path, 3, check);
            path.truncate(path.len() - 2);
        }
    }
    for (i, e) in f.parsed.enum_type.iter().enumerate() {
        check(e, vec![5, i as i32]);
    }
    walk(&f.parsed.message_type, &mut Vec::new(), 4, &mut check);
    out
}

/// A parsed file, or its parse error as a finding.
struct Parsed {
    file: CompiledFile,
    errors: Vec<Finding>,
}

impl Parsed {
    fn finding_at(&self, path: &[i32], message: &str) -> Finding {
        let span = self
            .file
            .compile_span_of(path)
            .unwrap_or(Span::new(1, 1, 1, 1));
        Finding::new(COMPILE, message).at(&self.file.external, &self.file.module_path, span)
    }
}

/// The source path of the first extension range declared in a proto3 file
/// (buf refuses them; protox-parse accepts them).
fn proto3_extension_range(file: &FileDescriptorProto) -> Option<Vec<i32>> {
    fn walk(
        messages: &[prost_types::DescriptorProto],
        path: &mut Vec<i32>,
        field: i32,
    ) -> Option<Vec<i32>> {
        for (i, m) in messages.iter().enumerate() {
            path.extend([field, i as i32]);
            if !m.extension_range.is_empty() {
                let mut p = path.clone();
                p.extend([5, 0]);
                return Some(p);
            }
            if let Some(p) = walk(&m.nested_type, path, 3) {
                return Some(p);
            }
            path.truncate(path.len() - 2);
        }
        None
    }
    if file.syntax.as_deref() != Some("proto3") {
        return None;
    }
    walk(&file.message_type, &mut Vec::new(), 4)
}

fn parse_source(src: &Source) -> Result<Parsed> {
    let Some(path) = &src.fs_path else {
        return bundled_source(src);
    };
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text: Arc<str> = match String::from_utf8(bytes) {
        Ok(s) => Arc::from(s),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let lines = LineIndex::new(&text);
            let (l, _) = lines.line_col(offset);
            return Err(Error::msg(format!(
                "{}:{}: file is not valid UTF-8",
                src.external,
                l + 1
            )));
        }
    };
    let lines = LineIndex::new(&text);
    let lowered = editions::lower(&text);
    let mut file = CompiledFile {
        name: src.name.clone(),
        external: src.external.clone(),
        module_path: src.module_path.clone(),
        is_target: src.is_target,
        is_bundled: false,
        syntax_unspecified: false,
        edition: None,
        visibility: Vec::new(),
        unused_dependency: Vec::new(),
        json_masked: Vec::new(),
        parsed: FileDescriptorProto::default(),
        source_info_bytes: Vec::new(),
        lines,
        text,
    };
    let error_at = |file: &CompiledFile, range: std::ops::Range<usize>, message: String| {
        let span = file.lines.byte_span_of_range(&file.text, range);
        Finding::new(COMPILE, message).at(&file.external, &file.module_path, span)
    };
    let lowering = match lowered {
        editions::Lowered::No => None,
        editions::Lowered::Yes(l) => Some(l),
        editions::Lowered::Errors(errors) => {
            let errors = errors
                .into_iter()
                .map(|e| error_at(&file, e.range, e.message))
                .collect();
            return Ok(Parsed { file, errors });
        }
    };
    let parse_text: &str = lowering.as_ref().map_or(&file.text, |l| l.text.as_str());
    match protox_parse::parse(&src.name, parse_text) {
        Ok(mut proto) => {
            let mut info = proto.source_code_info.take().unwrap_or_default();
            let mut errors = Vec::new();
            if let Some(l) = &lowering {
                l.map_info(&mut info, &file.text, &file.lines);
                for e in l.raise(&mut proto, &mut info, &file.text, &file.lines) {
                    errors.push(error_at(&file, e.range, e.message));
                }
                file.edition = Some(l.edition);
                file.visibility = l.visibility(&info, &file.lines);
            }
            // protox-parse leaves `syntax` empty for `syntax = "proto2";`
            // too: the statement's location (path [12]) tells them apart.
            file.syntax_unspecified =
                proto.syntax.is_none() && !info.location.iter().any(|l| l.path == [12]);
            sort_locations(&mut info);
            file.parsed = proto;
            defaults::normalize(&mut file.parsed);
            mark_empty_method_bodies(&mut file, &info);
            file.source_info_bytes = prost::Message::encode_to_vec(&info);
            let mut parsed = Parsed { file, errors };
            if let Some(path) = proto3_extension_range(&parsed.file.parsed) {
                let finding = parsed.finding_at(&path, "extension range in \"proto3\"");
                parsed.errors.push(finding);
            }
            Ok(parsed)
        }
        Err(err) => {
            let span = err
                .span()
                .map(|r| match &lowering {
                    Some(l) => l.to_original(r.start)..l.to_original(r.end),
                    None => r,
                })
                .map(|r| file.lines.byte_span_of_range(&file.text, r))
                .unwrap_or(Span::new(1, 1, 1, 1));
            let finding =
                Finding::new(COMPILE, err.to_string()).at(&file.external, &file.module_path, span);
            Ok(Parsed {
                file,
                errors: vec![finding],
            })
        }
    }
}

/// Puts source locations in buf's order: the file's own location first,
/// then by the raw span array compared element by element (so a one-line
/// label or type sorts before its one-line field, while a field spanning
/// lines sorts before its type), then by path.
pub(crate) fn sort_locations(info: &mut prost_types::SourceCodeInfo) {
    info.location.sort_by(|a, b| {
        (!a.path.is_empty(), &a.span, &a.path).cmp(&(!b.path.is_empty(), &b.span, &b.path))
    });
}

/// `string a = 1; // note`: buf records a trailing `//` comment that starts
/// on the element's last line without its final newline (protoc and
/// protox-parse keep it). Spans are still in byte columns here.
fn fix_same_line_trailing_comments(
    info: &mut prost_types::SourceCodeInfo,
    text: &str,
    lines: &LineIndex,
) {
    for loc in &mut info.location {
        let Some(t) = loc.trailing_comments.as_mut() else {
            continue;
        };
        if !t.ends_with('\n') {
            continue;
        }
        let (el, ec) = match *loc.span {
            [l, _, ec] => (l, ec),
            [_, _, el, ec] => (el, ec),
            _ => continue,
        };
        let line = lines.line(text, el.max(0) as usize);
        let rest = line.get(ec.max(0) as usize..).unwrap_or("");
        if rest.trim_start_matches([' ', '\t']).starts_with("//") {
            t.pop();
        }
    }
}

/// `[default = 5]`: buf's location for the default (path `[field.., 7]`)
/// spans `default = 5`; protox-parse's only the value. Spans are in byte
/// columns here.
fn fix_default_locations(info: &mut prost_types::SourceCodeInfo, text: &str, lines: &LineIndex) {
    for loc in &mut info.location {
        let Some((&7, field)) = loc.path.split_last() else {
            continue;
        };
        if !is_field_path(field) || loc.span.len() < 3 {
            continue;
        }
        let line = lines.line(text, loc.span[0].max(0) as usize);
        let before = line.get(..loc.span[1].max(0) as usize).unwrap_or("");
        let Some(rest) = before.trim_end().strip_suffix('=') else {
            continue;
        };
        if let Some(start) = rest.trim_end().strip_suffix("default") {
            loc.span[1] = start.len() as i32;
        }
    }
}

/// A `group` field: buf records the `group` keyword as the field's type
/// name (`[field.., 6]`) and no type location; protox-parse records the
/// keyword as the type (`[.., 5]`) and the group's name as the type name.
fn fix_group_type_locations(info: &mut prost_types::SourceCodeInfo) {
    use std::collections::HashSet;
    let with_type: HashSet<Vec<i32>> = info
        .location
        .iter()
        .filter_map(|l| {
            let (&last, field) = l.path.split_last()?;
            (last == 5 && is_field_path(field)).then(|| field.to_vec())
        })
        .collect();
    let groups: HashSet<Vec<i32>> = info
        .location
        .iter()
        .filter_map(|l| {
            let (&last, field) = l.path.split_last()?;
            (last == 6 && with_type.contains(field)).then(|| field.to_vec())
        })
        .collect();
    if groups.is_empty() {
        return;
    }
    info.location
        .retain(|l| !matches!(l.path.split_last(), Some((&6, field)) if groups.contains(field)));
    for l in &mut info.location {
        if let Some((&5, field)) = l.path.split_last()
            && groups.contains(field)
        {
            *l.path.last_mut().expect("non-empty path") = 6;
        }
    }
}

/// `/* c */ message A {}`: buf attaches a leading comment only when exactly
/// one newline separates it from the element's first token, so a block
/// comment ending on that token's line leaves the element without a leading
/// comment (protoc and protox-parse attach it), nor detached comments
/// before it (the chain of comments ends on the token's line). Spans are in
/// byte columns.
fn drop_same_line_block_leading_comments(
    info: &mut prost_types::SourceCodeInfo,
    text: &str,
    lines: &LineIndex,
) {
    for loc in &mut info.location {
        if loc.leading_comments.is_none() {
            continue;
        }
        let (Some(&sl), Some(&sc)) = (loc.span.first(), loc.span.get(1)) else {
            continue;
        };
        let line = lines.line(text, sl.max(0) as usize);
        let before = line.get(..sc.max(0) as usize).unwrap_or("");
        if before.trim_end().ends_with("*/") {
            loc.leading_comments = None;
            loc.leading_detached_comments.clear();
        }
    }
}

/// Whether `path` names a field or extension (`[.., 2|6, j]` under a
/// message, or `[7, j]` in the file).
pub(crate) fn is_field_path(path: &[i32]) -> bool {
    match path {
        [7, _] => true,
        [.., k, _] if path.len() >= 4 && (*k == 2 || *k == 6) => {
            // The prefix must be a message: [4, i, (3, j)*].
            let prefix = &path[..path.len() - 2];
            prefix[0] == 4
                && prefix.len().is_multiple_of(2)
                && prefix[2..].chunks(2).all(|c| c[0] == 3)
        }
        _ => false,
    }
}

/// `[json_name = "x"]`: buf records one location for the whole pseudo-option
/// (protox-parse adds a second one for its value) and no options-list
/// location when pseudo-options (`json_name`, `default`) were the only
/// entries of the list.
fn fix_json_name_locations(info: &mut prost_types::SourceCodeInfo) {
    use std::collections::HashSet;
    let locs = &mut info.location;
    // Fields with a pseudo-option: `json_name` (10) or `default` (7).
    let json_fields: HashSet<Vec<i32>> = locs
        .iter()
        .filter_map(|l| {
            let (&last, field) = l.path.split_last()?;
            ((last == 10 || last == 7) && is_field_path(field)).then(|| field.to_vec())
        })
        .collect();
    if json_fields.is_empty() {
        return;
    }
    // Fields whose options list holds a real option: [field.., 8, n, ..].
    let mut with_options: HashSet<Vec<i32>> = HashSet::new();
    for l in locs.iter() {
        for cut in 2..l.path.len().saturating_sub(1) {
            if l.path[cut] == 8 && is_field_path(&l.path[..cut]) {
                with_options.insert(l.path[..cut].to_vec());
            }
        }
    }
    let mut seen_json: HashSet<Vec<i32>> = HashSet::new();
    locs.retain(|l| {
        let Some((&last, field)) = l.path.split_last() else {
            return true;
        };
        if !json_fields.contains(field) {
            return true;
        }
        match last {
            10 => seen_json.insert(field.to_vec()),
            8 => with_options.contains(field),
            _ => true,
        }
    });
}

/// `rpc A(B) returns (C) {}`: protoc and buf record an empty (present)
/// `MethodOptions` for a method with a body; protox-parse records none.
fn mark_empty_method_bodies(f: &mut CompiledFile, info: &prost_types::SourceCodeInfo) {
    let mut bodies = Vec::new();
    for (si, s) in f.parsed.service.iter().enumerate() {
        for (mi, m) in s.method.iter().enumerate() {
            if m.options.is_none() {
                let path = [6, si as i32, 2, mi as i32];
                if let Some(loc) = info.location.iter().find(|l| l.path == path) {
                    let (el, ec) = match *loc.span {
                        [_, _, ec] => (loc.span[0], ec),
                        [_, _, el, ec] => (el, ec),
                        _ => continue,
                    };
                    let line = f.lines.line(&f.text, el.max(0) as usize);
                    let end = (ec.max(1) as usize).min(line.len());
                    if line.as_bytes().get(end.wrapping_sub(1)) == Some(&b'}') {
                        bodies.push((si, mi));
                    }
                }
            }
        }
    }
    for (si, mi) in bodies {
        f.parsed.service[si].method[mi].options = Some(Default::default());
    }
}

/// A bundled well-known file: buf's own descriptor, nothing to parse.
fn bundled_source(src: &Source) -> Result<Parsed> {
    let b = wkt::get(&src.name)
        .ok_or_else(|| Error::msg(format!("internal: {} is not bundled", src.name)))?;
    Ok(Parsed {
        file: CompiledFile {
            name: src.name.clone(),
            external: src.external.clone(),
            module_path: src.module_path.clone(),
            is_target: src.is_target,
            is_bundled: true,
            text: Arc::from(""),
            lines: LineIndex::default(),
            parsed: FileDescriptorProto {
                source_code_info: None,
                ..b.proto.clone()
            },
            source_info_bytes: b
                .proto
                .source_code_info
                .as_ref()
                .map(prost::Message::encode_to_vec)
                .unwrap_or_default(),
            syntax_unspecified: false,
            edition: None,
            visibility: Vec::new(),
            unused_dependency: Vec::new(),
            json_masked: Vec::new(),
        },
        errors: Vec::new(),
    })
}

fn topo_order(
    targets: &[Source],
    parsed: &HashMap<String, Parsed>,
) -> std::result::Result<Vec<String>, Box<Finding>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Visiting,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = HashMap::new();
    let mut order = Vec::with_capacity(parsed.len());
    let mut roots: Vec<&str> = targets.iter().map(|t| t.name.as_str()).collect();
    roots.sort_unstable();
    roots.dedup();

    // Iterative DFS; the stack holds (file, next import index).
    for root in roots {
        if marks.contains_key(root) {
            continue;
        }
        let mut stack: Vec<(&str, usize)> = vec![(root, 0)];
        marks.insert(root, Mark::Visiting);
        while let Some((name, idx)) = stack.last_mut() {
            let p = &parsed[*name];
            if let Some(dep) = p.file.parsed.dependency.get(*idx) {
                let import_index = *idx;
                *idx += 1;
                match marks.get(dep.as_str()) {
                    Some(Mark::Done) => {}
                    Some(Mark::Visiting) => {
                        // buf reports the cycle where it entered it: in the
                        // first file of the cycle, at its import of the next.
                        let start = stack.iter().position(|(n, _)| *n == dep).unwrap_or(0);
                        let first = stack[start].0;
                        let next = stack.get(start + 1).map(|(n, _)| *n).unwrap_or(dep);
                        let f = &parsed[first];
                        let index = if start + 1 < stack.len() {
                            f.file
                                .parsed
                                .dependency
                                .iter()
                                .position(|d| d == next)
                                .unwrap_or(0)
                        } else {
                            import_index
                        };
                        let _ = p;
                        return Err(Box::new(f.finding_at(
                            &[3, index as i32],
                            &format!("detected cyclic import while importing \"{next}\""),
                        )));
                    }
                    None => {
                        marks.insert(dep, Mark::Visiting);
                        stack.push((dep, 0));
                    }
                }
            } else {
                marks.insert(name, Mark::Done);
                order.push(name.to_string());
                stack.pop();
            }
        }
    }
    Ok(order)
}

/// Maps a prost-reflect link error to a finding at the element it names.
fn link_error_finding(err: &prost_reflect::DescriptorError, files: &[CompiledFile]) -> Finding {
    let file = err
        .file()
        .and_then(|name| files.iter().find(|f| f.name == name));
    let message = link_message(err);
    match file {
        Some(f) => {
            let span = err
                .path()
                .and_then(|p| f.compile_span_of(p))
                .or_else(|| match (err.line(), err.column()) {
                    (Some(l), Some(c)) => {
                        let (l, c) = (l as u32 + 1, c as u32 + 1);
                        Some(Span::new(l, c, l, c))
                    }
                    _ => None,
                })
                .unwrap_or(Span::new(1, 1, 1, 1));
            Finding::new(COMPILE, message).at(&f.external, &f.module_path, span)
        }
        None => Finding::new(COMPILE, message),
    }
}

/// buf-style wording for the common link errors; prost-reflect's otherwise.
fn link_message(err: &prost_reflect::DescriptorError) -> String {
    let text = err.to_string();
    let quoted = |prefix: &str, suffix: &str| {
        text.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(suffix))
            .map(str::to_string)
    };
    if let Some(name) = quoted("name '", "' is not defined") {
        return format!("cannot find `{name}` in this scope");
    }
    if let Some(name) = quoted("option field '", "' is not defined") {
        return format!("cannot find `{name}` in this scope");
    }
    if let Some(n) = quoted("field number '", "' is already used") {
        return format!("field number `{n}` used more than once");
    }
    if let Some(n) = quoted("enum number '", "' has already been used") {
        return format!("enum value `{n}` used more than once");
    }
    if text.starts_with("camel-case name of field") || text.starts_with("a field with JSON name") {
        return "message fields have the same JSON name".to_string();
    }
    if text == "the first value for proto3 enums must be 0" {
        return "first value of open enum must be zero".to_string();
    }
    text
}
