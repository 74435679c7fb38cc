//! `buf.gen.yaml` (v1 and v2), read as buf reads it: the plugins to run,
//! where each writes, its options, and (v2) the inputs. Decoding is strict:
//! an unknown key or a bad value is an error at its line and column.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::{
    error::Error,
    gostr::quote,
    workspace::config::{Ctx, Pos, pos},
};

/// A parsed generation template.
#[derive(Debug, Clone)]
pub struct Template {
    /// `v1` or `v2`.
    pub version: String,
    pub plugins: Vec<Plugin>,
    /// v2 `inputs:` as buf input strings (`proto`, `x.binpb`, `.git#branch=main`).
    pub inputs: Vec<String>,
    /// v2 `clean: true`: delete each plugin's output directory first.
    pub clean: bool,
}

/// Where a plugin comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Built into protogate (the community Rust generators).
    Builtin(Builtin),
    /// A program run over the protoc plugin protocol: command and arguments.
    Local(Vec<String>),
    /// A plugin on the Buf Schema Registry (needs the network).
    Remote(String),
    /// `protoc_builtin: java` (needs protoc).
    ProtocBuiltin(String),
}

/// The community Rust generators protogate runs itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// `neoeinstein-prost` / `protoc-gen-prost`: `<package>.rs` per package.
    Prost,
    /// `neoeinstein-tonic` / `protoc-gen-tonic`: `<package>.tonic.rs`.
    Tonic,
    /// `neoeinstein-prost-crate` / `protoc-gen-prost-crate`.
    ProstCrate,
    /// `neoeinstein-prost-serde` / `protoc-gen-prost-serde`.
    ProstSerde,
}

impl Builtin {
    /// The built-in generator a plugin name stands for: a local
    /// `protoc-gen-X` (or v1 `name: X`), or a remote
    /// `buf.build/community/neoeinstein-X[:version]`.
    pub fn of_name(name: &str) -> Option<Builtin> {
        let base = name.rsplit('/').next().unwrap_or(name);
        let base = base.split(':').next().unwrap_or(base);
        let short = base
            .strip_prefix("protoc-gen-")
            .or_else(|| base.strip_prefix("neoeinstein-"))
            .unwrap_or(base);
        let remote_ok = !name.contains('/') || name.starts_with("buf.build/community/neoeinstein-");
        if !remote_ok {
            return None;
        }
        match short {
            "prost" => Some(Builtin::Prost),
            "tonic" => Some(Builtin::Tonic),
            "prost-crate" => Some(Builtin::ProstCrate),
            "prost-serde" => Some(Builtin::ProstSerde),
            _ => None,
        }
    }
}

/// One plugin step.
#[derive(Debug, Clone)]
pub struct Plugin {
    pub source: Source,
    /// The name as written (for messages).
    pub name: String,
    /// Output directory (relative to the base output directory).
    pub out: String,
    /// Options, each `key` or `key=value` (joined with `,` for a protoc
    /// plugin's `parameter`).
    pub opt: Vec<String>,
    /// `all`: one invocation for every file; `directory` (buf's default):
    /// one per directory of files.
    pub strategy_all: bool,
    pub include_imports: bool,
    pub include_wkt: bool,
    /// Where the plugin is declared in the template.
    pub pos: Pos,
}

/// Reads a template: `text` is the file's contents (YAML or JSON),
/// `display` names it in errors.
pub fn parse(text: &str, display: &str) -> Result<Template, Error> {
    let ctx = Ctx::new(display);
    let head: RawVersion = ctx.decode(text)?;
    let Some(version) = head.version.filter(|v| !v.value.is_empty()) else {
        return Err(ctx.at(
            (1, 1),
            "\"version\" is not set. Please add \"version: v2\"".to_string(),
        ));
    };
    match version.value.as_str() {
        "v1beta1" | "v1" => {
            let raw: RawV1 = ctx.decode(text)?;
            check_managed(&ctx, raw.managed.as_ref())?;
            let mut plugins = Vec::new();
            for p in raw.plugins.unwrap_or_default() {
                plugins.push(plugin_v1(&ctx, p)?);
            }
            if plugins.is_empty() {
                return Err(ctx.at(pos(&version), "no plugins set".to_string()));
            }
            Ok(Template {
                version: version.value.clone(),
                plugins,
                inputs: Vec::new(),
                clean: false,
            })
        }
        "v2" => {
            let raw: RawV2 = ctx.decode(text)?;
            check_managed(&ctx, raw.managed.as_ref())?;
            let mut plugins = Vec::new();
            for p in raw.plugins.unwrap_or_default() {
                plugins.push(plugin_v2(&ctx, p)?);
            }
            if plugins.is_empty() {
                return Err(ctx.at(pos(&version), "no plugins set".to_string()));
            }
            let mut inputs = Vec::new();
            for i in raw.inputs.unwrap_or_default() {
                inputs.push(input_v2(&ctx, i)?);
            }
            Ok(Template {
                version: "v2".to_string(),
                plugins,
                inputs,
                clean: raw.clean.is_some_and(|c| c.value),
            })
        }
        other => Err(ctx.at(
            pos(&version),
            format!("unknown file version: {}", quote(other)),
        )),
    }
}

fn check_managed(ctx: &Ctx, managed: Option<&RawManaged>) -> Result<(), Error> {
    match managed.and_then(|m| m.enabled.as_ref()) {
        Some(e) if e.value => Err(ctx.at(
            pos(e),
            "managed mode is not supported yet (it rewrites file options such as \
             go_package for other languages' plugins); remove `managed` or set \
             `enabled: false`"
                .to_string(),
        )),
        _ => Ok(()),
    }
}

fn strategy(ctx: &Ctx, s: Option<&Spanned<String>>) -> Result<bool, Error> {
    match s.map(|s| (s.value.as_str(), s)) {
        None | Some(("directory", _)) => Ok(false),
        Some(("all", _)) => Ok(true),
        Some((other, s)) => Err(ctx.at(
            pos(s),
            format!(
                "unknown strategy {}: expected directory or all",
                quote(other)
            ),
        )),
    }
}

fn opts(o: Option<StrOrList>) -> Vec<String> {
    match o {
        None => Vec::new(),
        Some(StrOrList::One(s)) => s
            .split(',')
            .map(str::to_string)
            .filter(|s| !s.is_empty())
            .collect(),
        Some(StrOrList::Many(v)) => v,
    }
}

fn words(o: StrOrList) -> Vec<String> {
    match o {
        StrOrList::One(s) => vec![s],
        StrOrList::Many(v) => v,
    }
}

fn plugin_v1(ctx: &Ctx, p: RawPluginV1) -> Result<Plugin, Error> {
    let at = pos(&p.out);
    let (name, source) = match (p.plugin, p.name, p.remote) {
        (Some(n), None, None) if n.value.contains('/') => {
            (n.value.clone(), remote_source(&n.value))
        }
        (Some(n), None, None) | (None, Some(n), None) => {
            let program = format!("protoc-gen-{}", n.value);
            let source = match (Builtin::of_name(&program), p.path) {
                (_, Some(path)) => Source::Local(words(path)),
                (Some(b), None) => Source::Builtin(b),
                (None, None) => Source::Local(vec![program]),
            };
            (n.value.clone(), source)
        }
        (None, None, Some(r)) => (r.value.clone(), remote_source(&r.value)),
        (None, None, None) => {
            return Err(ctx.at(
                at,
                "a plugin needs one of `plugin`, `name` or `remote`".to_string(),
            ));
        }
        _ => {
            return Err(ctx.at(
                at,
                "a plugin takes only one of `plugin`, `name` and `remote`".to_string(),
            ));
        }
    };
    Plugin::new(ctx, source, name, &p.out, p.opt, p.strategy.as_ref())
}

impl Plugin {
    /// A plugin step from what v1 and v2 share (`out`, `opt`, `strategy`).
    fn new(
        ctx: &Ctx,
        source: Source,
        name: String,
        out: &Spanned<String>,
        opt: Option<StrOrList>,
        strategy_name: Option<&Spanned<String>>,
    ) -> Result<Plugin, Error> {
        Ok(Plugin {
            source,
            name,
            out: out.value.clone(),
            opt: opts(opt),
            strategy_all: strategy(ctx, strategy_name)?,
            include_imports: false,
            include_wkt: false,
            pos: pos(out),
        })
    }
}

fn remote_source(name: &str) -> Source {
    match Builtin::of_name(name) {
        Some(b) => Source::Builtin(b),
        None => Source::Remote(name.to_string()),
    }
}

fn plugin_v2(ctx: &Ctx, p: RawPluginV2) -> Result<Plugin, Error> {
    let at = pos(&p.out);
    let (name, source) = match (p.remote, p.local, p.protoc_builtin) {
        (Some(r), None, None) => (r.value.clone(), remote_source(&r.value)),
        (None, Some(l), None) => {
            let cmd = words(l);
            let Some(program) = cmd.first().cloned() else {
                return Err(ctx.at(at, "`local` is empty".to_string()));
            };
            let source = match Builtin::of_name(&program) {
                Some(b) if cmd.len() == 1 && program.starts_with("protoc-gen-") => {
                    Source::Builtin(b)
                }
                _ => Source::Local(cmd),
            };
            (program, source)
        }
        (None, None, Some(b)) => (b.value.clone(), Source::ProtocBuiltin(b.value.clone())),
        (None, None, None) => {
            return Err(ctx.at(
                at,
                "a plugin needs one of `remote`, `local` or `protoc_builtin`".to_string(),
            ));
        }
        _ => {
            return Err(ctx.at(
                at,
                "a plugin takes only one of `remote`, `local` and `protoc_builtin`".to_string(),
            ));
        }
    };
    let mut plugin = Plugin::new(ctx, source, name, &p.out, p.opt, p.strategy.as_ref())?;
    plugin.include_imports = p.include_imports.is_some_and(|b| b.value);
    plugin.include_wkt = p.include_wkt.is_some_and(|b| b.value);
    Ok(plugin)
}

/// A v2 input as a buf input string.
fn input_v2(ctx: &Ctx, i: RawInput) -> Result<String, Error> {
    let mut params: Vec<String> = Vec::new();
    let mut push = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            params.push(format!("{k}={v}"));
        }
    };
    push("branch", &i.branch);
    push("tag", &i.tag);
    push("ref", &i.r#ref);
    push("subdir", &i.subdir);
    push(
        "strip_components",
        &i.strip_components.map(|n| n.to_string()),
    );
    if i.paths.is_some() || i.exclude_paths.is_some() || i.types.is_some() {
        return Err(ctx.at(
            (1, 1),
            "inputs: `paths`, `exclude_paths` and `types` are not supported yet; \
             give --path/--exclude-path on the command line"
                .to_string(),
        ));
    }
    let base = match (
        i.directory,
        i.proto_file,
        i.binary_image,
        i.json_image,
        i.git_repo,
        i.tarball,
        i.zip_archive,
        i.module,
    ) {
        (Some(d), None, None, None, None, None, None, None) => d,
        (None, Some(f), None, None, None, None, None, None) => f,
        (None, None, Some(f), None, None, None, None, None) => format!("{f}#format=binpb"),
        (None, None, None, Some(f), None, None, None, None) => format!("{f}#format=json"),
        (None, None, None, None, Some(g), None, None, None) => {
            if g.contains("://") {
                return Err(ctx.at(
                    (1, 1),
                    format!(
                        "inputs: git_repo {} needs the network; give a local repository path",
                        quote(&g)
                    ),
                ));
            }
            let mut s = g;
            if !s.ends_with(".git") {
                s.push_str("#format=git");
            }
            s
        }
        (None, None, None, None, None, Some(t), None, None) => t,
        (None, None, None, None, None, None, Some(z), None) => z,
        (None, None, None, None, None, None, None, Some(m)) => {
            return Err(ctx.at(
                (1, 1),
                format!(
                    "inputs: module {} needs the Buf Schema Registry (network)",
                    quote(&m)
                ),
            ));
        }
        _ => {
            return Err(ctx.at(
                (1, 1),
                "inputs: each input takes exactly one of directory, proto_file, binary_image, \
                 json_image, git_repo, tarball, zip_archive, module"
                    .to_string(),
            ));
        }
    };
    if params.is_empty() {
        Ok(base)
    } else if base.contains('#') {
        Ok(format!("{base},{}", params.join(",")))
    } else {
        Ok(format!("{base}#{}", params.join(",")))
    }
}

// ---------------------------------------------------------------------------
// Raw shapes.

#[derive(Deserialize)]
struct RawVersion {
    version: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum StrOrList {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct RawManaged {
    enabled: Option<Spanned<bool>>,
    #[serde(flatten)]
    _rest: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawV1 {
    #[serde(rename = "version")]
    _version: Option<Spanned<String>>,
    plugins: Option<Vec<RawPluginV1>>,
    managed: Option<RawManaged>,
    #[serde(rename = "types")]
    _types: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPluginV1 {
    plugin: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    remote: Option<Spanned<String>>,
    out: Spanned<String>,
    opt: Option<StrOrList>,
    path: Option<StrOrList>,
    strategy: Option<Spanned<String>>,
    #[serde(rename = "revision")]
    _revision: Option<serde::de::IgnoredAny>,
    #[serde(rename = "protoc_path")]
    _protoc_path: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawV2 {
    #[serde(rename = "version")]
    _version: Option<Spanned<String>>,
    clean: Option<Spanned<bool>>,
    plugins: Option<Vec<RawPluginV2>>,
    managed: Option<RawManaged>,
    inputs: Option<Vec<RawInput>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPluginV2 {
    remote: Option<Spanned<String>>,
    local: Option<StrOrList>,
    protoc_builtin: Option<Spanned<String>>,
    out: Spanned<String>,
    opt: Option<StrOrList>,
    include_imports: Option<Spanned<bool>>,
    include_wkt: Option<Spanned<bool>>,
    strategy: Option<Spanned<String>>,
    #[serde(rename = "revision")]
    _revision: Option<serde::de::IgnoredAny>,
    #[serde(rename = "protoc_path")]
    _protoc_path: Option<serde::de::IgnoredAny>,
    #[serde(rename = "types")]
    _types: Option<serde::de::IgnoredAny>,
    #[serde(rename = "exclude_types")]
    _exclude_types: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInput {
    directory: Option<String>,
    proto_file: Option<String>,
    binary_image: Option<String>,
    json_image: Option<String>,
    git_repo: Option<String>,
    tarball: Option<String>,
    zip_archive: Option<String>,
    module: Option<String>,
    branch: Option<String>,
    tag: Option<String>,
    #[serde(rename = "ref")]
    r#ref: Option<String>,
    subdir: Option<String>,
    #[serde(rename = "depth")]
    _depth: Option<serde::de::IgnoredAny>,
    strip_components: Option<u32>,
    #[serde(rename = "compression")]
    _compression: Option<serde::de::IgnoredAny>,
    #[serde(rename = "recurse_submodules")]
    _recurse_submodules: Option<serde::de::IgnoredAny>,
    #[serde(rename = "include_package_files")]
    _include_package_files: Option<serde::de::IgnoredAny>,
    paths: Option<serde::de::IgnoredAny>,
    exclude_paths: Option<serde::de::IgnoredAny>,
    types: Option<serde::de::IgnoredAny>,
    #[serde(rename = "exclude_types")]
    _exclude_types: Option<serde::de::IgnoredAny>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_plugins_map_to_builtins_locals_and_remotes() {
        let t = parse(
            "version: v1\nplugins:\n  - plugin: prost\n    out: gen\n    opt: bytes=.,compile_well_known_types\n  - name: tonic\n    out: gen\n  - plugin: buf.build/community/neoeinstein-prost:v0.4.0\n    out: gen2\n  - plugin: go\n    out: gengo\n    opt: [paths=source_relative]\n  - plugin: buf.build/protocolbuffers/go\n    out: x\n    strategy: all\n",
            "buf.gen.yaml",
        )
        .unwrap();
        let sources: Vec<&Source> = t.plugins.iter().map(|p| &p.source).collect();
        assert_eq!(
            sources,
            [
                &Source::Builtin(Builtin::Prost),
                &Source::Builtin(Builtin::Tonic),
                &Source::Builtin(Builtin::Prost),
                &Source::Local(vec!["protoc-gen-go".into()]),
                &Source::Remote("buf.build/protocolbuffers/go".into()),
            ]
        );
        assert_eq!(t.plugins[0].opt, ["bytes=.", "compile_well_known_types"]);
        assert_eq!(t.plugins[3].opt, ["paths=source_relative"]);
        assert!(t.plugins[4].strategy_all && !t.plugins[0].strategy_all);
    }

    #[test]
    fn v2_plugins_and_inputs() {
        let t = parse(
            "version: v2\nclean: true\nplugins:\n  - local: protoc-gen-prost\n    out: src/gen\n  - local: [python3, plug.py]\n    out: out\n    include_imports: true\n  - remote: buf.build/community/neoeinstein-tonic\n    out: src/gen\ninputs:\n  - directory: proto\n  - git_repo: .\n    branch: main\n    subdir: proto\n",
            "buf.gen.yaml",
        )
        .unwrap();
        assert!(t.clean);
        assert_eq!(t.plugins[0].source, Source::Builtin(Builtin::Prost));
        assert_eq!(
            t.plugins[1].source,
            Source::Local(vec!["python3".into(), "plug.py".into()])
        );
        assert!(t.plugins[1].include_imports);
        assert_eq!(t.plugins[2].source, Source::Builtin(Builtin::Tonic));
        assert_eq!(t.inputs, ["proto", ".#format=git,branch=main,subdir=proto"]);
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = parse(
            "version: v2\nplugins:\n  - local: x\n    outt: gen\n",
            "buf.gen.yaml",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("buf.gen.yaml:"), "{e}");
        assert!(e.to_string().contains("outt"), "{e}");
        let e = parse("version: v3\n", "buf.gen.yaml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "buf.gen.yaml:1:10: unknown file version: \"v3\""
        );
        let e = parse(
            "version: v2\nmanaged:\n  enabled: true\nplugins:\n  - local: x\n    out: y\n",
            "g.yaml",
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("g.yaml:3:12: managed mode is not supported yet"),
            "{e}"
        );
        let e = parse(
            "version: v2\nplugins:\n  - local: x\n    out: y\n    strategy: some\n",
            "g.yaml",
        )
        .unwrap_err();
        assert!(e.to_string().contains("unknown strategy \"some\""), "{e}");
    }
}
