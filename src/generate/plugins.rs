//! Running a `buf.gen.yaml`: each plugin in order, over the input's image.
//!
//! * The community Rust generators run built in: `prost` writes
//!   `<package>.rs` per package (with the `module` insertion point), `tonic`
//!   writes `<package>.tonic.rs` and inserts its `include!` into the
//!   package's `.rs` file, as `protoc-gen-prost`/`protoc-gen-tonic` do,
//!   honouring their options.
//! * Any other `local:` plugin is run over the protoc plugin protocol: a
//!   `CodeGeneratorRequest` on stdin (the raw descriptors, editions fields
//!   and options kept), a `CodeGeneratorResponse` on stdout, with insertion
//!   points and continuation files applied as protoc applies them.
//! * Remote and `protoc_builtin` plugins need what protogate does not use
//!   (the network, protoc) and are refused with a clear message.

use std::{
    cell::RefCell,
    collections::{BTreeMap, BTreeSet},
    io::Write,
    process::{Command, Stdio},
    rc::Rc,
};

use prost::Message;
use prost_types::FileDescriptorProto;

use super::template::{Builtin, Plugin, Source, Template};
use crate::{Result, error::Error, input::image::Image};

/// Generated files per output directory (as written in the template).
pub type Outputs = BTreeMap<String, BTreeMap<String, String>>;

/// Runs every plugin of `template` over `image`.
pub fn run(template: &Template, image: &Image) -> Result<Outputs> {
    let mut outputs: Outputs = BTreeMap::new();
    let protos: Vec<FileDescriptorProto> = image.file_descriptor_protos()?;
    for plugin in &template.plugins {
        let targets = targets(image, plugin);
        if targets.is_empty() {
            continue;
        }
        let groups: Vec<Vec<&str>> = if plugin.strategy_all {
            vec![targets.clone()]
        } else {
            let mut by_dir: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for t in &targets {
                let dir = t.rfind('/').map_or("", |i| &t[..i]);
                by_dir.entry(dir).or_default().push(t);
            }
            by_dir.into_values().collect()
        };
        let out = outputs.entry(plugin.out.clone()).or_default();
        for group in groups {
            let files = match &plugin.source {
                Source::Builtin(b) => builtin(*b, plugin, image, &protos, &group)?,
                Source::Local(cmd) => local(cmd, plugin, image, &protos, &group)?,
                Source::Remote(name) => {
                    return Err(Error::msg(format!(
                        "plugin {name}: remote plugins run on the Buf Schema Registry and need the \
                         network; use a `local:` plugin, or one of the community Rust generators \
                         (neoeinstein-prost, neoeinstein-tonic), which protogate runs built in"
                    )));
                }
                Source::ProtocBuiltin(name) => {
                    return Err(Error::msg(format!(
                        "plugin protoc_builtin {name}: protoc's built-in generators need protoc, \
                         which protogate does not use; install protoc-gen-{name} as a `local:` plugin"
                    )));
                }
            };
            apply(out, files, &plugin.name)?;
        }
    }
    Ok(outputs)
}

/// The files a plugin generates for: the input's targets, plus imports
/// with `include_imports` (well-known types only with `include_wkt`).
fn targets<'i>(image: &'i Image, plugin: &Plugin) -> Vec<&'i str> {
    image
        .files
        .iter()
        .filter(|f| {
            !f.is_import
                || (plugin.include_imports
                    && (plugin.include_wkt || !f.name.starts_with("google/protobuf/")))
        })
        .map(|f| f.name.as_str())
        .collect()
}

/// One file of a plugin's response.
struct OutFile {
    name: String,
    insertion_point: String,
    content: String,
    /// For an insertion: the whole file to write when no earlier plugin
    /// wrote the target (built-in steps only; protoc fails there).
    fallback: Option<String>,
}

/// Applies a response to the output directory: new files, continuation
/// files (no name: appended to the previous one) and insertions.
fn apply(out: &mut BTreeMap<String, String>, files: Vec<OutFile>, plugin: &str) -> Result<()> {
    let mut last: Option<String> = None;
    for f in files {
        let name = if f.name.is_empty() {
            last.clone().ok_or_else(|| {
                Error::msg(format!(
                    "plugin {plugin}: the first file of its response has no name"
                ))
            })?
        } else {
            check_relative(&f.name, plugin)?;
            f.name.clone()
        };
        if !f.insertion_point.is_empty() {
            if !out.contains_key(&name)
                && let Some(whole) = f.fallback
            {
                out.insert(name.clone(), whole);
                last = Some(name);
                continue;
            }
            let Some(target) = out.get_mut(&name) else {
                return Err(Error::msg(format!(
                    "plugin {plugin}: tried to insert into file {name:?}, which no earlier plugin \
                     wrote to this output directory"
                )));
            };
            insert(target, &f.insertion_point, &f.content)
                .map_err(|e| Error::msg(format!("plugin {plugin}: {name}: {e}")))?;
        } else if f.name.is_empty() {
            out.entry(name.clone()).or_default().push_str(&f.content);
        } else {
            out.insert(name.clone(), f.content);
        }
        last = Some(name);
    }
    Ok(())
}

/// A response file name must stay inside the output directory.
fn check_relative(name: &str, plugin: &str) -> Result<()> {
    let bad = name.starts_with('/')
        || name.contains('\\')
        || name.split('/').any(|c| c == ".." || c.is_empty());
    if bad {
        return Err(Error::msg(format!(
            "plugin {plugin}: refuses to write {name:?}: file names must be relative paths \
             inside the output directory"
        )));
    }
    Ok(())
}

/// Inserts `content` before the line holding `@@protoc_insertion_point(NAME)`,
/// each line indented like it (protoc's rule).
fn insert(target: &mut String, point: &str, content: &str) -> std::result::Result<(), String> {
    let marker = format!("@@protoc_insertion_point({point})");
    let Some(at) = target.find(&marker) else {
        return Err(format!("no insertion point {point:?}"));
    };
    let line_start = target[..at].rfind('\n').map_or(0, |i| i + 1);
    let indent: String = target[line_start..at]
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    let mut text = String::new();
    for line in content.split_inclusive('\n') {
        if line != "\n" {
            text.push_str(&indent);
        }
        text.push_str(line);
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    target.insert_str(line_start, &text);
    Ok(())
}

// ---------------------------------------------------------------------------
// Built-in generators.

/// `key` / `key=value` options; `\,` is an escaped comma (protoc joins
/// options with `,`).
fn parse_opts(opt: &[String]) -> Vec<(String, Option<String>)> {
    opt.iter()
        .map(|o| {
            let o = o.replace("\\,", ",");
            match o.split_once('=') {
                Some((k, v)) => (k.trim().to_string(), Some(v.to_string())),
                None => (o.trim().to_string(), None),
            }
        })
        .collect()
}

fn flag(plugin: &str, key: &str, v: &Option<String>) -> Result<bool> {
    match v.as_deref() {
        None | Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some(other) => Err(Error::msg(format!(
            "plugin {plugin}: option {key}: expected true or false, got {other:?}"
        ))),
    }
}

/// `proto_path=value` of a two-part option (`extern_path=.a=::b`).
fn pair(plugin: &str, key: &str, v: &Option<String>) -> Result<(String, String)> {
    v.as_deref()
        .and_then(|v| v.split_once('='))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .ok_or_else(|| {
            Error::msg(format!(
                "plugin {plugin}: option {key} needs the form {key}=<proto_path>=<value>"
            ))
        })
}

fn value(plugin: &str, key: &str, v: &Option<String>) -> Result<String> {
    v.clone().ok_or_else(|| {
        Error::msg(format!(
            "plugin {plugin}: option {key} needs a value ({key}=...)"
        ))
    })
}

/// Settings shared by the prost and tonic steps, applied to prost-build.
fn prost_config(plugin: &Plugin, tonic: bool) -> Result<(prost_build::Config, TonicOpts)> {
    let name = plugin.name.as_str();
    let mut config = prost_build::Config::new();
    let mut t = TonicOpts {
        client: true,
        server: true,
        transport: true,
        include: true,
        compile_wkt: false,
    };
    for (k, v) in parse_opts(&plugin.opt) {
        match k.as_str() {
            "compile_well_known_types" => {
                if flag(name, &k, &v)? {
                    config.compile_well_known_types();
                    t.compile_wkt = true;
                }
            }
            "extern_path" => {
                let (p, r) = pair(name, &k, &v)?;
                config.extern_path(p, r);
            }
            "disable_comments" if !tonic => {
                config.disable_comments([value(name, &k, &v)?]);
            }
            "bytes" if !tonic => {
                config.bytes([value(name, &k, &v)?]);
            }
            "btree_map" if !tonic => {
                config.btree_map([value(name, &k, &v)?]);
            }
            "boxed" if !tonic => {
                config.boxed(value(name, &k, &v)?);
            }
            "type_attribute" if !tonic => {
                let (p, a) = pair(name, &k, &v)?;
                config.type_attribute(p, a);
            }
            "field_attribute" if !tonic => {
                let (p, a) = pair(name, &k, &v)?;
                config.field_attribute(p, a);
            }
            "message_attribute" if !tonic => {
                let (p, a) = pair(name, &k, &v)?;
                config.message_attribute(p, a);
            }
            "enum_attribute" if !tonic => {
                let (p, a) = pair(name, &k, &v)?;
                config.enum_attribute(p, a);
            }
            "retain_enum_prefix" if !tonic => {
                if flag(name, &k, &v)? {
                    config.retain_enum_prefix();
                }
            }
            "enable_type_names" if !tonic => {
                if flag(name, &k, &v)? {
                    config.enable_type_names();
                }
            }
            "no_client" if tonic => t.client = !flag(name, &k, &v)?,
            "no_server" if tonic => t.server = !flag(name, &k, &v)?,
            "no_transport" if tonic => t.transport = !flag(name, &k, &v)?,
            "no_include" if tonic => t.include = !flag(name, &k, &v)?,
            "file_descriptor_set" | "include_file" | "default_package_filename" => {
                return Err(Error::NotImplemented(format!(
                    "option {k} of the built-in {name} plugin"
                )));
            }
            _ => {
                return Err(Error::msg(format!(
                    "plugin {name}: unknown option {k:?} (see `protogate generate --help` and the \
                     README for the options of the built-in Rust generators)"
                )));
            }
        }
    }
    Ok((config, t))
}

struct TonicOpts {
    client: bool,
    server: bool,
    transport: bool,
    include: bool,
    compile_wkt: bool,
}

/// Service code per package, captured from tonic's service generator.
#[derive(Clone, Default)]
struct Captured(Rc<RefCell<BTreeMap<String, String>>>);

struct Capture {
    inner: Box<dyn prost_build::ServiceGenerator>,
    sink: Captured,
}

impl prost_build::ServiceGenerator for Capture {
    fn generate(&mut self, service: prost_build::Service, _buf: &mut String) {
        let package = service.package.clone();
        let mut code = String::new();
        self.inner.generate(service, &mut code);
        self.sink
            .0
            .borrow_mut()
            .entry(package)
            .or_default()
            .push_str(&code);
    }
}

fn builtin(
    which: Builtin,
    plugin: &Plugin,
    image: &Image,
    protos: &[FileDescriptorProto],
    group: &[&str],
) -> Result<Vec<OutFile>> {
    let name = &plugin.name;
    if matches!(which, Builtin::ProstCrate | Builtin::ProstSerde) {
        return Err(Error::NotImplemented(format!(
            "the built-in {name} plugin (for a whole crate use `protogate generate -o DIR` \
             without a template)"
        )));
    }
    let tonic = which == Builtin::Tonic;
    let (mut config, t) = prost_config(plugin, tonic)?;
    let captured = Captured::default();
    if tonic {
        let inner = tonic_prost_build::configure()
            .build_client(t.client)
            .build_server(t.server)
            .build_transport(t.transport)
            .compile_well_known_types(t.compile_wkt)
            .service_generator();
        config.service_generator(Box::new(Capture {
            inner,
            sink: captured.clone(),
        }));
    }
    // prost-build needs every type the files use: the group and the files
    // it imports, transitively; only the group's packages are written.
    let by_name: BTreeMap<&str, &FileDescriptorProto> =
        protos.iter().map(|p| (p.name(), p)).collect();
    let mut wanted: BTreeSet<&str> = BTreeSet::new();
    let mut stack: Vec<&str> = group.to_vec();
    while let Some(n) = stack.pop() {
        if wanted.insert(n)
            && let Some(p) = by_name.get(n)
        {
            stack.extend(p.dependency.iter().map(String::as_str));
        }
    }
    let group_packages: BTreeSet<String> = group
        .iter()
        .filter_map(|n| by_name.get(n))
        .map(|p| p.package().to_string())
        .collect();
    let mut files: Vec<FileDescriptorProto> = protos
        .iter()
        .filter(|p| wanted.contains(p.name()))
        .cloned()
        .collect();
    if files.iter().any(|f| f.syntax() == "editions") {
        super::lower_editions_in(&mut files, image);
    }
    let requests: Vec<(prost_build::Module, FileDescriptorProto)> = files
        .into_iter()
        .map(|f| {
            (
                prost_build::Module::from_protobuf_package_name(f.package()),
                f,
            )
        })
        .collect();
    let packages: BTreeMap<prost_build::Module, String> = requests
        .iter()
        .map(|(m, f)| (m.clone(), f.package().to_string()))
        .collect();
    let modules = crate::compile::link::catch_panic(move || config.generate(requests))
        .map_err(|p| Error::msg(format!("plugin {name}: code generation panicked: {p}")))?
        .map_err(|e| Error::msg(format!("plugin {name}: {e}")))?;
    let file_of = |package: &str| {
        if package.is_empty() {
            "_.rs".to_string()
        } else {
            format!("{package}.rs")
        }
    };
    let mut out = Vec::new();
    if !tonic {
        for (module, code) in modules {
            let package = packages.get(&module).cloned().unwrap_or_default();
            if !group_packages.contains(&package) {
                continue;
            }
            out.push(OutFile {
                name: file_of(&package),
                insertion_point: String::new(),
                content: format!("// @generated\n{code}// @@protoc_insertion_point(module)\n"),
                fallback: None,
            });
        }
        return Ok(out);
    }
    let services = std::mem::take(&mut *captured.0.borrow_mut());
    for (package, code) in services {
        if code.is_empty() || !group_packages.contains(&package) {
            continue;
        }
        let tonic_file = if package.is_empty() {
            "_.tonic.rs".to_string()
        } else {
            format!("{package}.tonic.rs")
        };
        if t.include {
            // A package with services but no messages gets no file from
            // prost (prost-build skips empty modules; the real plugins then
            // fail on the insertion): write the file the include needs.
            let include = format!("include!(\"{tonic_file}\");\n");
            out.push(OutFile {
                name: file_of(&package),
                insertion_point: "module".to_string(),
                fallback: Some(format!(
                    "// @generated\n{include}// @@protoc_insertion_point(module)\n"
                )),
                content: include,
            });
        }
        out.push(OutFile {
            name: tonic_file,
            insertion_point: String::new(),
            content: format!("// @generated\n{code}"),
            fallback: None,
        });
    }
    Ok(out)
}

/// `group` and every file it imports, transitively.
fn closure<'a>(protos: &'a [FileDescriptorProto], group: &[&'a str]) -> BTreeSet<&'a str> {
    let by_name: BTreeMap<&str, &FileDescriptorProto> =
        protos.iter().map(|p| (p.name(), p)).collect();
    let mut out: BTreeSet<&str> = BTreeSet::new();
    let mut stack: Vec<&str> = group.to_vec();
    while let Some(n) = stack.pop() {
        if out.insert(n)
            && let Some(p) = by_name.get(n)
        {
            stack.extend(p.dependency.iter().map(String::as_str));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Local protoc plugins.

use crate::input::image::{put_key, put_varint};

fn put_bytes(out: &mut Vec<u8>, number: u32, bytes: &[u8]) {
    put_key(out, number, 2);
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// The encoded `CodeGeneratorRequest`: the raw file descriptors (every
/// option and editions field as the image holds them), dependencies first.
pub fn request(
    image: &Image,
    protos: &[FileDescriptorProto],
    group: &[&str],
    parameter: &str,
) -> Vec<u8> {
    let mut out = Vec::new();
    for name in group {
        put_bytes(&mut out, 1, name.as_bytes());
    }
    if !parameter.is_empty() {
        put_bytes(&mut out, 2, parameter.as_bytes());
    }
    // compiler_version: what buf 1.75 reports (protoc 5.29.x-compatible).
    let mut version = Vec::new();
    for (n, v) in [(1u32, 5u64), (2, 29), (3, 3)] {
        put_key(&mut version, n, 0);
        put_varint(&mut version, v);
    }
    put_bytes(&mut version, 4, b"buf");
    put_bytes(&mut out, 3, &version);
    // The files to generate and everything they import, in dependency
    // order (the image's order), as protoc sends them.
    let needed = closure(protos, group);
    for f in image
        .files
        .iter()
        .filter(|f| needed.contains(f.name.as_str()))
    {
        put_bytes(&mut out, 15, &f.bytes);
    }
    out
}

fn local(
    cmd: &[String],
    plugin: &Plugin,
    image: &Image,
    protos: &[FileDescriptorProto],
    group: &[&str],
) -> Result<Vec<OutFile>> {
    let name = &plugin.name;
    let req = request(image, protos, group, &plugin.opt.join(","));
    let mut child = Command::new(&cmd[0])
        .args(&cmd[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::msg(format!(
                "plugin {name}: {} not found on PATH (install it, or give its path in `local:`)",
                cmd[0]
            )),
            _ => Error::msg(format!("plugin {name}: could not start {}: {e}", cmd[0])),
        })?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| Error::msg("plugin stdin"))?;
    // Write on a thread: a plugin may start answering before it has read
    // the whole request.
    let writer = std::thread::spawn(move || {
        let r = stdin.write_all(&req);
        drop(stdin);
        r
    });
    let output = child
        .wait_with_output()
        .map_err(|e| Error::msg(format!("plugin {name}: {e}")))?;
    let _ = writer.join();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Error::msg(format!(
            "plugin {name} failed ({}){}{}",
            output.status,
            if stderr.trim().is_empty() { "" } else { ": " },
            stderr.trim()
        )));
    }
    let response = prost_types::compiler::CodeGeneratorResponse::decode(output.stdout.as_slice())
        .map_err(|e| {
        Error::msg(format!(
            "plugin {name}: its response is not a CodeGeneratorResponse: {e}"
        ))
    })?;
    if let Some(err) = response.error.filter(|e| !e.is_empty()) {
        return Err(Error::msg(format!("plugin {name}: {err}")));
    }
    let editions = protos
        .iter()
        .any(|f| group.contains(&f.name()) && f.syntax() == "editions");
    // FEATURE_SUPPORTS_EDITIONS = 2.
    if editions && response.supported_features.unwrap_or(0) & 2 == 0 {
        return Err(Error::msg(format!(
            "plugin {name} does not support editions, and the files it generates for use them"
        )));
    }
    Ok(response
        .file
        .into_iter()
        .map(|f| OutFile {
            name: f.name.unwrap_or_default(),
            insertion_point: f.insertion_point.unwrap_or_default(),
            content: f.content.unwrap_or_default(),
            fallback: None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertion_goes_before_the_marker_line_with_its_indent() {
        let mut t = "a\n  // @@protoc_insertion_point(x)\nb\n".to_string();
        insert(&mut t, "x", "one\ntwo").unwrap();
        assert_eq!(t, "a\n  one\n  two\n  // @@protoc_insertion_point(x)\nb\n");
        assert!(insert(&mut t, "y", "z").is_err());
    }

    #[test]
    fn a_builtin_insertion_creates_its_target_when_missing() {
        let mut out = BTreeMap::new();
        let file = |fallback: Option<&str>| OutFile {
            name: "a.rs".into(),
            insertion_point: "module".into(),
            content: "x\n".into(),
            fallback: fallback.map(str::to_string),
        };
        // A plugin's own insertion into a missing file fails, as in protoc.
        assert!(apply(&mut out, vec![file(None)], "p").is_err());
        apply(&mut out, vec![file(Some("whole\n"))], "p").unwrap();
        assert_eq!(out["a.rs"], "whole\n");
        // Once the file exists, the insertion goes in.
        out.insert(
            "a.rs".into(),
            "// @@protoc_insertion_point(module)\n".into(),
        );
        apply(&mut out, vec![file(Some("whole\n"))], "p").unwrap();
        assert_eq!(out["a.rs"], "x\n// @@protoc_insertion_point(module)\n");
    }

    #[test]
    fn names_must_stay_inside_the_output() {
        for bad in ["/etc/x", "../x", "a/../../x", "a//b"] {
            assert!(check_relative(bad, "p").is_err(), "{bad}");
        }
        assert!(check_relative("a/b.rs", "p").is_ok());
    }

    #[test]
    fn options_unescape_commas() {
        let o = parse_opts(&[
            "type_attribute=.a.B=#[derive(Eq\\, Hash)]".into(),
            "bytes=.".into(),
            "no_server".into(),
        ]);
        assert_eq!(
            o[0],
            (
                "type_attribute".into(),
                Some(".a.B=#[derive(Eq, Hash)]".into())
            )
        );
        assert_eq!(o[2], ("no_server".into(), None));
    }
}
