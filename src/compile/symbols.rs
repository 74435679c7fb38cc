//! Duplicate-symbol check over all files of a compile, reported once at the
//! first declaration (as buf does), before linking.

use std::collections::HashMap;

use prost_types::{DescriptorProto, EnumDescriptorProto, FieldDescriptorProto};

use super::{COMPILE, CompiledFile};
use crate::Finding;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Package,
    Other,
}

struct Decl {
    file: usize,
    /// Source-info path of the declaration's name.
    name_path: Vec<i32>,
    kind: Kind,
}

struct Table<'a> {
    files: &'a [CompiledFile],
    seen: HashMap<String, Decl>,
    findings: Vec<Finding>,
    reported: std::collections::HashSet<String>,
}

impl Table<'_> {
    fn declare(
        &mut self,
        full_name: String,
        simple: &str,
        file: usize,
        name_path: Vec<i32>,
        kind: Kind,
    ) {
        match self.seen.get(&full_name) {
            None => {
                self.seen.insert(
                    full_name,
                    Decl {
                        file,
                        name_path,
                        kind,
                    },
                );
            }
            Some(prev) if prev.kind == Kind::Package && kind == Kind::Package => {}
            Some(prev) => {
                if !self.reported.insert(full_name.clone()) {
                    return;
                }
                let f = &self.files[prev.file];
                let span = f
                    .compile_span_of(&prev.name_path)
                    .unwrap_or(crate::Span::new(1, 1, 1, 1));
                self.findings.push(
                    Finding::new(COMPILE, format!("`{simple}` declared multiple times")).at(
                        &f.external,
                        &f.module_path,
                        span,
                    ),
                );
            }
        }
    }
}

fn join(scope: &str, name: &str) -> String {
    if scope.is_empty() {
        name.to_string()
    } else {
        format!("{scope}.{name}")
    }
}

/// Returns one finding per symbol declared more than once, over every
/// symbol of every file.
pub(super) fn duplicate_symbols(files: &[CompiledFile]) -> Vec<Finding> {
    check(files, false)
}

/// The same over top-level symbols only (packages, top-level messages,
/// enums and their values, extensions, services): the only ones that can
/// collide across files.
pub(super) fn top_level_duplicates(files: &[CompiledFile]) -> Vec<Finding> {
    check(files, true)
}

fn check(files: &[CompiledFile], top_level_only: bool) -> Vec<Finding> {
    let mut t = Table {
        files,
        seen: HashMap::new(),
        findings: Vec::new(),
        reported: Default::default(),
    };
    for (fi, f) in files.iter().enumerate() {
        let p = &f.parsed;
        let pkg = p.package();
        if !pkg.is_empty() {
            let mut scope = String::new();
            for part in pkg.split('.') {
                scope = join(&scope, part);
                t.declare(scope.clone(), part, fi, vec![2], Kind::Package);
            }
        }
        for (i, m) in p.message_type.iter().enumerate() {
            if top_level_only {
                t.declare(
                    join(pkg, m.name()),
                    m.name(),
                    fi,
                    vec![4, i as i32, 1],
                    Kind::Other,
                );
            } else {
                message(&mut t, fi, pkg, m, vec![4, i as i32]);
            }
        }
        for (i, e) in p.enum_type.iter().enumerate() {
            enumeration(&mut t, fi, pkg, e, vec![5, i as i32]);
        }
        for (i, x) in p.extension.iter().enumerate() {
            field(&mut t, fi, pkg, x, vec![7, i as i32]);
        }
        for (i, s) in p.service.iter().enumerate() {
            let name = join(pkg, s.name());
            let path = vec![6, i as i32];
            t.declare(name.clone(), s.name(), fi, with(&path, &[1]), Kind::Other);
            if top_level_only {
                continue;
            }
            for (j, m) in s.method.iter().enumerate() {
                t.declare(
                    join(&name, m.name()),
                    m.name(),
                    fi,
                    with(&path, &[2, j as i32, 1]),
                    Kind::Other,
                );
            }
        }
    }
    t.findings
}

fn with(path: &[i32], tail: &[i32]) -> Vec<i32> {
    let mut v = path.to_vec();
    v.extend_from_slice(tail);
    v
}

fn message(t: &mut Table<'_>, fi: usize, scope: &str, m: &DescriptorProto, path: Vec<i32>) {
    let name = join(scope, m.name());
    t.declare(name.clone(), m.name(), fi, with(&path, &[1]), Kind::Other);
    for (i, f) in m.field.iter().enumerate() {
        field(t, fi, &name, f, with(&path, &[2, i as i32]));
    }
    for (i, o) in m.oneof_decl.iter().enumerate() {
        t.declare(
            join(&name, o.name()),
            o.name(),
            fi,
            with(&path, &[8, i as i32, 1]),
            Kind::Other,
        );
    }
    for (i, n) in m.nested_type.iter().enumerate() {
        message(t, fi, &name, n, with(&path, &[3, i as i32]));
    }
    for (i, e) in m.enum_type.iter().enumerate() {
        enumeration(t, fi, &name, e, with(&path, &[4, i as i32]));
    }
    for (i, x) in m.extension.iter().enumerate() {
        field(t, fi, &name, x, with(&path, &[6, i as i32]));
    }
}

fn field(t: &mut Table<'_>, fi: usize, scope: &str, f: &FieldDescriptorProto, path: Vec<i32>) {
    t.declare(
        join(scope, f.name()),
        f.name(),
        fi,
        with(&path, &[1]),
        Kind::Other,
    );
}

fn enumeration(t: &mut Table<'_>, fi: usize, scope: &str, e: &EnumDescriptorProto, path: Vec<i32>) {
    let name = join(scope, e.name());
    t.declare(name, e.name(), fi, with(&path, &[1]), Kind::Other);
    // Enum values are siblings of their enum (C++ scoping rules).
    for (i, v) in e.value.iter().enumerate() {
        t.declare(
            join(scope, v.name()),
            v.name(),
            fi,
            with(&path, &[2, i as i32, 1]),
            Kind::Other,
        );
    }
}

/// Extensions that reuse a number of the same extendee, anywhere in the
/// schema: buf reports `field number `N` used more than once` at the later
/// one. Checked before linking, because prost-reflect can panic on such a
/// schema when an option uses those extensions. Extendee names are resolved
/// against the schema's message names, innermost scope first.
pub(super) fn duplicate_extension_numbers(files: &[CompiledFile]) -> Vec<Finding> {
    use std::collections::HashSet;
    // (file index, scope, extension, path of the extension)
    let mut exts: Vec<(usize, String, &FieldDescriptorProto, Vec<i32>)> = Vec::new();
    let mut messages: HashSet<String> = HashSet::new();
    fn walk<'a>(
        fi: usize,
        m: &'a DescriptorProto,
        path: Vec<i32>,
        scope: &str,
        messages: &mut HashSet<String>,
        exts: &mut Vec<(usize, String, &'a FieldDescriptorProto, Vec<i32>)>,
    ) {
        let name = join(scope, m.name());
        for (i, x) in m.extension.iter().enumerate() {
            exts.push((fi, name.clone(), x, with(&path, &[6, i as i32])));
        }
        for (i, n) in m.nested_type.iter().enumerate() {
            walk(fi, n, with(&path, &[3, i as i32]), &name, messages, exts);
        }
        messages.insert(name);
    }
    for (fi, f) in files.iter().enumerate() {
        let p = &f.parsed;
        for (i, x) in p.extension.iter().enumerate() {
            exts.push((fi, p.package().to_string(), x, vec![7, i as i32]));
        }
        for (i, m) in p.message_type.iter().enumerate() {
            walk(
                fi,
                m,
                vec![4, i as i32],
                p.package(),
                &mut messages,
                &mut exts,
            );
        }
    }
    let resolve = |scope: &str, name: &str| -> String {
        if let Some(abs) = name.strip_prefix('.') {
            return abs.to_string();
        }
        let mut scope = scope;
        loop {
            let candidate = join(scope, name);
            if messages.contains(&candidate) || scope.is_empty() {
                return candidate;
            }
            scope = scope.rsplit_once('.').map(|(s, _)| s).unwrap_or("");
        }
    };
    let mut seen: HashMap<(String, i32), ()> = HashMap::new();
    let mut findings = Vec::new();
    for (fi, scope, x, path) in exts {
        let key = (resolve(&scope, x.extendee()), x.number());
        if seen.insert(key, ()).is_some() {
            let f = &files[fi];
            let span = f
                .compile_span_of(&with(&path, &[3]))
                .unwrap_or(crate::Span::new(1, 1, 1, 1));
            findings.push(
                Finding::new(
                    COMPILE,
                    format!("field number `{}` used more than once", x.number()),
                )
                .at(&f.external, &f.module_path, span),
            );
        }
    }
    findings
}
