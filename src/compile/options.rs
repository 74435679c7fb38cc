//! Source locations of options, as protoc and buf record them.
//!
//! protox-parse records every option at `<element options>.uninterpreted_option[i]`
//! (field 999). Once options are interpreted, protoc and buf point those
//! locations at the option's own field path instead: `option java_package`
//! on a file is `[8, 1]`, `(google.api.field_behavior) = REQUIRED` on the
//! third field of a message is `[4, m, 2, 2, 8, 1052, k]` (`k` counting the
//! values of that repeated option). This module rewrites the paths once,
//! after linking, in one pass over each file's locations, and adds the
//! locations buf records inside message-literal values (`aggregate`).

use std::collections::HashMap;

use prost_reflect::{DescriptorPool, Kind, MessageDescriptor};
use prost_types::{
    DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FileDescriptorProto,
    SourceCodeInfo, UninterpretedOption,
};

use super::position::LineIndex;

// Declared here so that `compile/mod.rs` needs no change; a child of this module.
#[path = "aggregate.rs"]
mod aggregate;

/// Field number of `uninterpreted_option` in every `*Options` message.
const UNINTERPRETED: i32 = 999;

/// Options of one element, found in the parsed descriptor.
struct Element<'a> {
    /// Path of the element's options field (e.g. `[4, 0, 7]`).
    options_path: Vec<i32>,
    options_type: &'static str,
    /// Scope for resolving extension names (package or message full name).
    scope: String,
    uninterpreted: &'a [UninterpretedOption],
}

/// Rewrites option locations of `file` in `info`. Unresolvable names keep
/// their original path (the link step has already reported real errors).
/// Options set to a message literal also get locations for the fields inside
/// the literal (see [`aggregate`]), read from the file's `text`.
/// Returns the files that define the option extensions the file uses.
pub(super) fn rewrite_option_paths(
    file: &FileDescriptorProto,
    info: &mut SourceCodeInfo,
    pool: &DescriptorPool,
    text: &str,
    lines: &LineIndex,
) -> Vec<String> {
    let mut used_files = Vec::new();
    let mut elements = Vec::new();
    collect(file, &mut elements);
    if elements.is_empty() {
        return used_files;
    }
    let mut rewrites: HashMap<Vec<i32>, Vec<i32>> = HashMap::new();
    // protox's spans of the uninterpreted options (read only when some option
    // is a message literal), then, for message-valued options, buf's span of
    // the option (`new_spans`) and the locations inside the literal (`extra`).
    let mut aggregate_spans: HashMap<Vec<i32>, Vec<i32>> = HashMap::new();
    if elements
        .iter()
        .any(|el| el.uninterpreted.iter().any(|o| o.aggregate_value.is_some()))
    {
        for loc in &info.location {
            let n = loc.path.len();
            if n >= 2 && loc.path[n - 2] == UNINTERPRETED {
                aggregate_spans.insert(loc.path.clone(), loc.span.clone());
            }
        }
    }
    let mut new_spans: HashMap<Vec<i32>, Vec<i32>> = HashMap::new();
    let mut extra = Vec::new();
    let fallback = DescriptorPool::global();
    for el in &elements {
        let Some(options_desc) = pool
            .get_message_by_name(el.options_type)
            .or_else(|| fallback.get_message_by_name(el.options_type))
        else {
            continue;
        };
        // Occurrences of each resolved path, for repeated fields.
        let mut seen: HashMap<Vec<i32>, i32> = HashMap::new();
        for (i, opt) in el.uninterpreted.iter().enumerate() {
            let Some((mut suffix, repeated, kind)) =
                resolve(pool, &options_desc, &el.scope, opt, &mut used_files)
            else {
                continue;
            };
            let mut from = el.options_path.clone();
            from.extend([UNINTERPRETED, i as i32]);
            if repeated {
                let n = seen.entry(suffix.clone()).or_insert(0);
                suffix.push(*n);
                *n += 1;
            } else if let (Some(_), Kind::Message(message), Some(span)) =
                (&opt.aggregate_value, &kind, aggregate_spans.get(&from))
            {
                let target = aggregate::Target {
                    pool,
                    scope: &el.scope,
                    options_path: &el.options_path,
                    suffix: &suffix,
                };
                if let Some(agg) =
                    aggregate::aggregate_locations(text, lines, span, message, &target, &mut seen)
                {
                    new_spans.insert(from.clone(), agg.span);
                    extra.extend(agg.children);
                }
            }
            let mut to = el.options_path.clone();
            to.extend(suffix);
            rewrites.insert(from, to);
        }
    }
    if rewrites.is_empty() {
        return used_files;
    }
    for loc in &mut info.location {
        // The uninterpreted index is the element right after a 999.
        let Some(pos) = loc
            .path
            .iter()
            .enumerate()
            .rev()
            .find(|&(i, &p)| p == UNINTERPRETED && i > 0 && i + 1 < loc.path.len())
            .map(|(i, _)| i)
        else {
            continue;
        };
        if let Some(to) = rewrites.get(&loc.path[..pos + 2]) {
            if pos + 2 == loc.path.len()
                && let Some(span) = new_spans.get(&loc.path)
            {
                // buf records a message-valued option from its name to the
                // end of its value, without comments.
                loc.span = span.clone();
                loc.leading_comments = None;
                loc.trailing_comments = None;
                loc.leading_detached_comments.clear();
            }
            let mut path = to.clone();
            path.extend_from_slice(&loc.path[pos + 2..]);
            loc.path = path;
        }
    }
    if !new_spans.is_empty() {
        info.location.extend(extra);
        super::sort_locations(info);
    }
    used_files
}

/// Field-number path of an option name within its options message, whether
/// the last field is repeated, and its type.
fn resolve(
    pool: &DescriptorPool,
    options: &MessageDescriptor,
    scope: &str,
    opt: &UninterpretedOption,
    used_files: &mut Vec<String>,
) -> Option<(Vec<i32>, bool, Kind)> {
    let mut path = Vec::with_capacity(opt.name.len());
    let mut msg = options.clone();
    let mut repeated = false;
    let mut last_kind = None;
    let last = opt.name.len().checked_sub(1)?;
    for (i, part) in opt.name.iter().enumerate() {
        let (number, kind, is_list) = if part.is_extension {
            let ext = resolve_extension(pool, scope, &part.name_part)?;
            let file = ext.parent_file();
            if !used_files.iter().any(|f| f == file.name()) {
                used_files.push(file.name().to_string());
            }
            (ext.number(), ext.kind(), ext.is_list())
        } else {
            let field = msg.get_field_by_name(&part.name_part)?;
            (field.number(), field.kind(), field.is_list())
        };
        path.push(number as i32);
        if i == last {
            repeated = is_list;
            last_kind = Some(kind);
        } else {
            match kind {
                Kind::Message(m) => msg = m,
                _ => return None,
            }
        }
    }
    Some((path, repeated, last_kind?))
}

/// Resolves an extension name the way protoc resolves option names: a
/// leading dot is absolute; otherwise try the scope, then each enclosing scope.
pub(super) fn resolve_extension(
    pool: &DescriptorPool,
    scope: &str,
    name: &str,
) -> Option<prost_reflect::ExtensionDescriptor> {
    if let Some(abs) = name.strip_prefix('.') {
        return pool.get_extension_by_name(abs);
    }
    let mut scope = scope;
    loop {
        let candidate = if scope.is_empty() {
            name.to_string()
        } else {
            format!("{scope}.{name}")
        };
        if let Some(ext) = pool.get_extension_by_name(&candidate) {
            return Some(ext);
        }
        if scope.is_empty() {
            return None;
        }
        scope = scope.rsplit_once('.').map(|(s, _)| s).unwrap_or("");
    }
}

fn join(scope: &str, name: &str) -> String {
    if scope.is_empty() {
        name.to_string()
    } else {
        format!("{scope}.{name}")
    }
}

fn with(path: &[i32], tail: &[i32]) -> Vec<i32> {
    let mut v = path.to_vec();
    v.extend_from_slice(tail);
    v
}

fn push<'a>(
    out: &mut Vec<Element<'a>>,
    options_path: Vec<i32>,
    options_type: &'static str,
    scope: &str,
    uninterpreted: Option<&'a Vec<UninterpretedOption>>,
) {
    if let Some(u) = uninterpreted
        && !u.is_empty()
    {
        out.push(Element {
            options_path,
            options_type,
            scope: scope.to_string(),
            uninterpreted: u,
        });
    }
}

fn collect<'a>(file: &'a FileDescriptorProto, out: &mut Vec<Element<'a>>) {
    let pkg = file.package();
    push(
        out,
        vec![8],
        "google.protobuf.FileOptions",
        pkg,
        file.options.as_ref().map(|o| &o.uninterpreted_option),
    );
    for (i, m) in file.message_type.iter().enumerate() {
        message(m, &[4, i as i32], pkg, out);
    }
    for (i, e) in file.enum_type.iter().enumerate() {
        enumeration(e, &[5, i as i32], pkg, out);
    }
    for (i, f) in file.extension.iter().enumerate() {
        field(f, &[7, i as i32], pkg, out);
    }
    for (i, s) in file.service.iter().enumerate() {
        let path = [6, i as i32];
        let name = join(pkg, s.name());
        push(
            out,
            with(&path, &[3]),
            "google.protobuf.ServiceOptions",
            &name,
            s.options.as_ref().map(|o| &o.uninterpreted_option),
        );
        for (j, m) in s.method.iter().enumerate() {
            push(
                out,
                with(&path, &[2, j as i32, 4]),
                "google.protobuf.MethodOptions",
                &name,
                m.options.as_ref().map(|o| &o.uninterpreted_option),
            );
        }
    }
}

fn message<'a>(m: &'a DescriptorProto, path: &[i32], scope: &str, out: &mut Vec<Element<'a>>) {
    let name = join(scope, m.name());
    push(
        out,
        with(path, &[7]),
        "google.protobuf.MessageOptions",
        &name,
        m.options.as_ref().map(|o| &o.uninterpreted_option),
    );
    for (i, f) in m.field.iter().enumerate() {
        field(f, &with(path, &[2, i as i32]), &name, out);
    }
    for (i, f) in m.extension.iter().enumerate() {
        field(f, &with(path, &[6, i as i32]), &name, out);
    }
    for (i, n) in m.nested_type.iter().enumerate() {
        message(n, &with(path, &[3, i as i32]), &name, out);
    }
    for (i, e) in m.enum_type.iter().enumerate() {
        enumeration(e, &with(path, &[4, i as i32]), &name, out);
    }
    for (i, o) in m.oneof_decl.iter().enumerate() {
        push(
            out,
            with(path, &[8, i as i32, 2]),
            "google.protobuf.OneofOptions",
            &name,
            o.options.as_ref().map(|o| &o.uninterpreted_option),
        );
    }
    for (i, r) in m.extension_range.iter().enumerate() {
        push(
            out,
            with(path, &[5, i as i32, 3]),
            "google.protobuf.ExtensionRangeOptions",
            &name,
            r.options.as_ref().map(|o| &o.uninterpreted_option),
        );
    }
}

fn field<'a>(f: &'a FieldDescriptorProto, path: &[i32], scope: &str, out: &mut Vec<Element<'a>>) {
    push(
        out,
        with(path, &[8]),
        "google.protobuf.FieldOptions",
        scope,
        f.options.as_ref().map(|o| &o.uninterpreted_option),
    );
}

fn enumeration<'a>(
    e: &'a EnumDescriptorProto,
    path: &[i32],
    scope: &str,
    out: &mut Vec<Element<'a>>,
) {
    let name = join(scope, e.name());
    push(
        out,
        with(path, &[3]),
        "google.protobuf.EnumOptions",
        &name,
        e.options.as_ref().map(|o| &o.uninterpreted_option),
    );
    for (i, v) in e.value.iter().enumerate() {
        push(
            out,
            with(path, &[2, i as i32, 3]),
            "google.protobuf.EnumValueOptions",
            &name,
            v.options.as_ref().map(|o| &o.uninterpreted_option),
        );
    }
}
