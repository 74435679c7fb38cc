//! Reading `buf.yaml` (v1beta1, v1, v2), `buf.work.yaml` and policy files
//! the way buf reads them: strict (unknown keys, wrong types and bad values
//! are errors), with the position of the offending key or value.
//!
//! Parsing happens in two passes, as in buf: a lenient pass reads only
//! `version`, then the document is decoded strictly into the shape of that
//! version. Validation then follows buf's `bufconfig` package (paths are
//! normalized and checked, v2 paths are made module-relative, module-level
//! `lint`/`breaking` blocks replace the top-level ones). Rule IDs are not
//! validated here: they are kept with their position ([`Located`]) for the
//! check registry.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_saphyr::{MessageFormatter, Spanned, UserMessageFormatter};

use super::paths::{
    contains, equals_or_contains, go_list, normalize, normalize_and_validate, quote,
};
use super::{CheckConfig, ConfigVersion, Located, PluginRef, PolicyRef};
use crate::Error;

/// A parsed `buf.yaml` (or legacy `buf.mod`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BufYaml {
    pub version: ConfigVersion,
    /// The modules, sorted by directory (stable, as buf does). v1beta1 and v1
    /// files have exactly one module, at `"."`.
    pub modules: Vec<ModuleConfig>,
    /// v2 `policies:`, shared by every module.
    pub policies: Vec<PolicyRef>,
    /// v2 `plugins:`, shared by every module.
    pub plugins: Vec<PluginRef>,
    /// `deps:` as written (BSR references; not resolved by protogate).
    pub deps: Vec<String>,
}

/// One module of a `buf.yaml`, with paths resolved as buf resolves them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleConfig {
    /// Directory relative to the `buf.yaml` directory, normalized (`"."`).
    pub dir_path: String,
    pub name: Option<String>,
    /// Include roots relative to `dir_path`, sorted (`["."]` unless v1beta1
    /// `build.roots`).
    pub roots: Vec<String>,
    /// Excluded directories relative to `dir_path`, sorted.
    pub excludes: Vec<String>,
    /// v2 `includes` relative to `dir_path`, sorted (empty = everything).
    pub includes: Vec<String>,
    pub lint: CheckConfig,
    pub breaking: CheckConfig,
}

/// A parsed `buf.work.yaml` (or legacy `buf.work`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BufWorkYaml {
    /// Module directories relative to the file's directory, normalized and
    /// sorted (buf builds the modules in this order).
    pub directories: Vec<String>,
}

/// A parsed local policy file (`version: v2` with `lint`, `breaking`,
/// `plugins`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyFile {
    pub name: Option<String>,
    pub lint: CheckConfig,
    pub breaking: CheckConfig,
    pub plugins: Vec<PluginRef>,
}

// ---------------------------------------------------------------------------
// Entry points

/// Parses a `buf.yaml`. `display` names the file in errors (`buf.yaml`,
/// `proto/buf.yaml`, `--config`); a name ending in `buf.mod` only accepts
/// v1beta1 and v1, as buf does.
pub fn parse_buf_yaml(text: &str, display: &str) -> Result<BufYaml, Error> {
    let ctx = Ctx::new(display);
    let version = read_version(&ctx, text, "v2")?;
    if display.ends_with("buf.mod") && version.value == ConfigVersion::V2 {
        return Err(ctx.at(
            version.pos,
            "v2 is not supported for buf.mod files".to_string(),
        ));
    }
    match version.value {
        ConfigVersion::V1Beta1 | ConfigVersion::V1 => {
            let raw: RawV1 = ctx.decode(text)?;
            convert_v1(&ctx, version.value, raw)
        }
        ConfigVersion::V2 => {
            let raw: RawV2 = ctx.decode(text)?;
            convert_v2(&ctx, raw)
        }
    }
}

/// Parses a `buf.work.yaml` (only `version: v1` exists).
pub fn parse_buf_work_yaml(text: &str, display: &str) -> Result<BufWorkYaml, Error> {
    let ctx = Ctx::new(display);
    let version = read_version(&ctx, text, "v1")?;
    if version.value != ConfigVersion::V1 {
        let base = display.rsplit('/').next().unwrap_or(display);
        return Err(ctx.at(
            version.pos,
            format!(
                "{} is not supported for {base} files",
                version.value.as_str()
            ),
        ));
    }
    let raw: RawWork = ctx.decode(text)?;
    let dirs = raw.directories.unwrap_or_default();
    if dirs.is_empty() {
        return Err(ctx.at(version.pos, "directories is empty".to_string()));
    }
    let mut seen: Vec<(String, &Spanned<String>)> = Vec::new();
    for dir in &dirs {
        let normalized = normalize_and_validate(&dir.value).map_err(|e| {
            ctx.at(
                pos(dir),
                format!("directory {} is invalid: {e}", quote(&dir.value)),
            )
        })?;
        if seen.iter().any(|(n, _)| *n == normalized) {
            return Err(ctx.at(
                pos(dir),
                format!("directory {} is listed more than once", quote(&dir.value)),
            ));
        }
        if normalized == "." {
            return Err(ctx.at(
                pos(dir),
                "directory \".\" is listed, it is not valid to have \".\" as a workspace directory, as this is no different than not having a workspace at all, see https://buf.build/docs/reference/workspaces/#directories for more details".to_string(),
            ));
        }
        seen.push((normalized, dir));
    }
    seen.sort_by(|a, b| a.0.cmp(&b.0));
    for i in 0..seen.len() {
        for j in i + 1..seen.len() {
            let (left, left_raw) = &seen[i];
            let (right, right_raw) = &seen[j];
            let (outer, inner) = if contains(left, right) {
                (left_raw, right_raw)
            } else if contains(right, left) {
                (right_raw, left_raw)
            } else {
                continue;
            };
            return Err(ctx.at(
                pos(inner),
                format!(
                    "directory {} contains directory {}",
                    quote(&outer.value),
                    quote(&inner.value)
                ),
            ));
        }
    }
    Ok(BufWorkYaml {
        directories: seen.into_iter().map(|(n, _)| n).collect(),
    })
}

/// Parses a local policy file (`buf.policy.yaml` and friends).
pub fn parse_policy_file(text: &str, display: &str) -> Result<PolicyFile, Error> {
    let ctx = Ctx::new(display);
    let version = read_version(&ctx, text, "v2")?;
    if version.value != ConfigVersion::V2 {
        return Err(ctx.at(
            version.pos,
            format!("{} is not supported", version.value.as_str()),
        ));
    }
    let raw: RawPolicyFile = ctx.decode(text)?;
    let lint = RawCheck::from_policy_lint(raw.lint.unwrap_or_default());
    let breaking = RawCheck::from_policy_breaking(raw.breaking.unwrap_or_default());
    let mut plugins = Vec::new();
    for plugin in raw.plugins.unwrap_or_default() {
        plugins.push(convert_plugin(&ctx, plugin)?);
    }
    Ok(PolicyFile {
        name: raw.name.map(|n| n.value).filter(|n| !n.is_empty()),
        lint: check_config(&ctx, &lint, "lint", ".", false)?,
        breaking: check_config(&ctx, &breaking, "breaking", ".", false)?,
        plugins,
    })
}

/// The configuration buf uses when a module has no `buf.yaml`: v1 defaults.
pub fn default_module_config() -> ModuleConfig {
    ModuleConfig {
        dir_path: ".".to_string(),
        name: None,
        roots: vec![".".to_string()],
        excludes: Vec::new(),
        includes: Vec::new(),
        lint: CheckConfig::default(),
        breaking: CheckConfig::default(),
    }
}

// ---------------------------------------------------------------------------
// Error context and decoding

pub(crate) type Pos = (usize, usize);

pub(crate) fn pos<T>(s: &Spanned<T>) -> Pos {
    let loc = s.referenced;
    (
        usize::try_from(loc.line()).unwrap_or(usize::MAX),
        usize::try_from(loc.column()).unwrap_or(usize::MAX),
    )
}

fn located(s: &Spanned<String>) -> Located<String> {
    let (line, column) = pos(s);
    Located {
        value: s.value.clone(),
        line,
        column,
    }
}

/// Names the file being decoded and builds positioned errors.
pub(crate) struct Ctx {
    file: String,
}

impl Ctx {
    pub(crate) fn new(file: &str) -> Self {
        Ctx {
            file: file.to_string(),
        }
    }

    /// An error at a position; unknown positions (0) point at the start of
    /// the file, which is where a missing key would have to go.
    pub(crate) fn at(&self, (line, column): Pos, message: String) -> Error {
        Error::Config {
            file: self.file.clone(),
            line: line.max(1),
            column: column.max(1),
            message,
        }
    }

    /// Decodes `text` (YAML, or JSON which is read as YAML) into `T`.
    pub(crate) fn decode<'de, T: Deserialize<'de>>(&self, text: &'de str) -> Result<T, Error> {
        serde_saphyr::from_str::<T>(text).map_err(|e| self.yaml_error(&e))
    }

    fn yaml_error(&self, e: &serde_saphyr::Error) -> Error {
        let inner = e.without_snippet();
        let message = UserMessageFormatter.format_message(inner);
        let message: String = message
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        // The parser speaks of YAML events; say what the file should hold.
        let message = match message.as_str() {
            "expected sequence start" => "expected a list".to_string(),
            "expected mapping start" => "expected a mapping".to_string(),
            "expected string scalar" => "expected a string".to_string(),
            _ => message,
        };
        let (line, column) = e
            .location()
            .map(|l| {
                (
                    usize::try_from(l.line()).unwrap_or(usize::MAX),
                    usize::try_from(l.column()).unwrap_or(usize::MAX),
                )
            })
            .unwrap_or((1, 1));
        self.at((line, column), message)
    }
}

struct VersionAt {
    value: ConfigVersion,
    pos: Pos,
}

/// The lenient first pass: only `version`, which is required.
fn read_version(ctx: &Ctx, text: &str, suggested: &str) -> Result<VersionAt, Error> {
    let raw: RawVersion = ctx.decode(text)?;
    let Some(version) = raw.version.filter(|v| !v.value.is_empty()) else {
        return Err(ctx.at(
            (1, 1),
            format!("\"version\" is not set. Please add \"version: {suggested}\""),
        ));
    };
    let value = match version.value.as_str() {
        "v1beta1" => ConfigVersion::V1Beta1,
        "v1" => ConfigVersion::V1,
        "v2" => ConfigVersion::V2,
        other => {
            return Err(ctx.at(
                pos(&version),
                format!("unknown file version: {}", quote(other)),
            ));
        }
    };
    Ok(VersionAt {
        value,
        pos: pos(&version),
    })
}

// ---------------------------------------------------------------------------
// Raw (external) shapes, decoded strictly. Every field is optional so that a
// YAML null reads as "not set", as with Go's yaml.v3.

type S<T> = Spanned<T>;
type Strings = Option<Vec<S<String>>>;
type IgnoreOnly = Option<OrderedMap<S<String>, Option<Vec<S<String>>>>>;

#[derive(Deserialize)]
struct RawVersion {
    version: Option<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawV1 {
    #[allow(dead_code)]
    version: Option<S<String>>,
    name: Option<S<String>>,
    deps: Strings,
    build: Option<RawBuild>,
    lint: Option<RawLintV1>,
    breaking: Option<RawBreaking>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawBuild {
    roots: Option<S<Vec<S<String>>>>,
    excludes: Strings,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLintV1 {
    #[serde(rename = "use")]
    use_: Strings,
    except: Strings,
    ignore: Strings,
    ignore_only: IgnoreOnly,
    enum_zero_value_suffix: Option<String>,
    rpc_allow_same_request_response: Option<bool>,
    rpc_allow_google_protobuf_empty_requests: Option<bool>,
    rpc_allow_google_protobuf_empty_responses: Option<bool>,
    service_suffix: Option<String>,
    allow_comment_ignores: Option<bool>,
    disable_builtin: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLintV2 {
    #[serde(rename = "use")]
    use_: Strings,
    except: Strings,
    ignore: Strings,
    ignore_only: IgnoreOnly,
    enum_zero_value_suffix: Option<String>,
    rpc_allow_same_request_response: Option<bool>,
    rpc_allow_google_protobuf_empty_requests: Option<bool>,
    rpc_allow_google_protobuf_empty_responses: Option<bool>,
    service_suffix: Option<String>,
    disallow_comment_ignores: Option<bool>,
    disable_builtin: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawBreaking {
    #[serde(rename = "use")]
    use_: Strings,
    except: Strings,
    ignore: Strings,
    ignore_only: IgnoreOnly,
    ignore_unstable_packages: Option<bool>,
    disable_builtin: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawV2 {
    #[allow(dead_code)]
    version: Option<S<String>>,
    name: Option<S<String>>,
    modules: Option<Vec<S<RawModuleV2>>>,
    deps: Strings,
    lint: Option<RawLintV2>,
    breaking: Option<RawBreaking>,
    plugins: Option<Vec<S<RawPlugin>>>,
    policies: Option<Vec<S<RawPolicy>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModuleV2 {
    path: Option<S<String>>,
    name: Option<S<String>>,
    includes: Strings,
    excludes: Strings,
    lint: Option<RawLintV2>,
    breaking: Option<RawBreaking>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlugin {
    plugin: Option<S<PluginPath>>,
    options: Option<OrderedMap<S<String>, serde_json::Value>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PluginPath {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    policy: Option<S<String>>,
    ignore: Strings,
    ignore_only: IgnoreOnly,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWork {
    #[allow(dead_code)]
    version: Option<S<String>>,
    directories: Strings,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicyFile {
    #[allow(dead_code)]
    version: Option<S<String>>,
    name: Option<S<String>>,
    lint: Option<RawPolicyLint>,
    breaking: Option<RawPolicyBreaking>,
    plugins: Option<Vec<S<RawPlugin>>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPolicyLint {
    #[serde(rename = "use")]
    use_: Strings,
    except: Strings,
    enum_zero_value_suffix: Option<String>,
    rpc_allow_same_request_response: Option<bool>,
    rpc_allow_google_protobuf_empty_requests: Option<bool>,
    rpc_allow_google_protobuf_empty_responses: Option<bool>,
    service_suffix: Option<String>,
    disable_builtin: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPolicyBreaking {
    #[serde(rename = "use")]
    use_: Strings,
    except: Strings,
    ignore_unstable_packages: Option<bool>,
    disable_builtin: Option<bool>,
}

/// A YAML mapping kept in document order (keys may carry their position).
struct OrderedMap<K, V>(Vec<(K, V)>);

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for MapVisitor<K, V> {
            type Value = OrderedMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OrderedMap(entries))
            }
        }
        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

// ---------------------------------------------------------------------------
// The common shape of a lint or breaking block.

#[derive(Default)]
struct RawCheck {
    use_: Vec<S<String>>,
    except: Vec<S<String>>,
    ignore: Vec<S<String>>,
    ignore_only: Vec<(S<String>, Vec<S<String>>)>,
    enum_zero_value_suffix: String,
    rpc_allow_same_request_response: bool,
    rpc_allow_google_protobuf_empty_requests: bool,
    rpc_allow_google_protobuf_empty_responses: bool,
    service_suffix: String,
    /// v1: `allow_comment_ignores`; v2: `disallow_comment_ignores`.
    comment_ignores_flag: bool,
    allow_comment_ignores: bool,
    ignore_unstable_packages: bool,
    disable_builtin: bool,
}

fn ignore_only_entries(raw: IgnoreOnly) -> Vec<(S<String>, Vec<S<String>>)> {
    raw.map(|m| {
        m.0.into_iter()
            .map(|(k, v)| (k, v.unwrap_or_default()))
            .collect()
    })
    .unwrap_or_default()
}

/// The fields every lint block shares (v1, v2 and policy files), read from
/// any of their raw forms; the callers add what differs.
macro_rules! lint_fields {
    ($raw:expr) => {
        RawCheck {
            use_: $raw.use_.unwrap_or_default(),
            except: $raw.except.unwrap_or_default(),
            enum_zero_value_suffix: $raw.enum_zero_value_suffix.unwrap_or_default(),
            rpc_allow_same_request_response: $raw.rpc_allow_same_request_response.unwrap_or(false),
            rpc_allow_google_protobuf_empty_requests: $raw
                .rpc_allow_google_protobuf_empty_requests
                .unwrap_or(false),
            rpc_allow_google_protobuf_empty_responses: $raw
                .rpc_allow_google_protobuf_empty_responses
                .unwrap_or(false),
            service_suffix: $raw.service_suffix.unwrap_or_default(),
            disable_builtin: $raw.disable_builtin.unwrap_or(false),
            ..RawCheck::default()
        }
    };
}

impl RawCheck {
    fn from_lint_v1(mut raw: RawLintV1) -> Self {
        let allow = raw.allow_comment_ignores.unwrap_or(false);
        RawCheck {
            ignore: raw.ignore.take().unwrap_or_default(),
            ignore_only: ignore_only_entries(raw.ignore_only.take()),
            comment_ignores_flag: allow,
            allow_comment_ignores: allow,
            ..lint_fields!(raw)
        }
    }

    fn from_lint_v2(mut raw: RawLintV2) -> Self {
        let disallow = raw.disallow_comment_ignores.unwrap_or(false);
        RawCheck {
            ignore: raw.ignore.take().unwrap_or_default(),
            ignore_only: ignore_only_entries(raw.ignore_only.take()),
            comment_ignores_flag: disallow,
            allow_comment_ignores: !disallow,
            ..lint_fields!(raw)
        }
    }

    fn from_breaking(raw: RawBreaking) -> Self {
        RawCheck {
            use_: raw.use_.unwrap_or_default(),
            except: raw.except.unwrap_or_default(),
            ignore: raw.ignore.unwrap_or_default(),
            ignore_only: ignore_only_entries(raw.ignore_only),
            ignore_unstable_packages: raw.ignore_unstable_packages.unwrap_or(false),
            disable_builtin: raw.disable_builtin.unwrap_or(false),
            ..RawCheck::default()
        }
    }

    fn from_policy_lint(raw: RawPolicyLint) -> Self {
        RawCheck {
            allow_comment_ignores: true,
            ..lint_fields!(raw)
        }
    }

    fn from_policy_breaking(raw: RawPolicyBreaking) -> Self {
        RawCheck {
            use_: raw.use_.unwrap_or_default(),
            except: raw.except.unwrap_or_default(),
            ignore_unstable_packages: raw.ignore_unstable_packages.unwrap_or(false),
            disable_builtin: raw.disable_builtin.unwrap_or(false),
            ..RawCheck::default()
        }
    }

    /// buf's `isEmpty`: an empty module-level block does not replace the
    /// top-level one.
    fn is_empty(&self) -> bool {
        self.use_.is_empty()
            && self.except.is_empty()
            && self.ignore.is_empty()
            && self.ignore_only.is_empty()
            && self.enum_zero_value_suffix.is_empty()
            && !self.rpc_allow_same_request_response
            && !self.rpc_allow_google_protobuf_empty_requests
            && !self.rpc_allow_google_protobuf_empty_responses
            && self.service_suffix.is_empty()
            && !self.comment_ignores_flag
            && !self.ignore_unstable_packages
            && !self.disable_builtin
    }
}

/// Builds the resolved [`CheckConfig`] of one module from a raw block, as
/// buf's `getLintConfigForExternalLint*` / `getBreakingConfigForExternalBreaking`:
/// an ignore equal to the module directory disables the check type; other
/// ignore paths are made relative to the module (dropped when outside it,
/// unless `require_contained`, then an error).
fn check_config(
    ctx: &Ctx,
    raw: &RawCheck,
    field: &str,
    module_dir: &str,
    require_contained: bool,
) -> Result<CheckConfig, Error> {
    let mut config = CheckConfig {
        enum_zero_value_suffix: Some(raw.enum_zero_value_suffix.clone()).filter(|s| !s.is_empty()),
        service_suffix: Some(raw.service_suffix.clone()).filter(|s| !s.is_empty()),
        rpc_allow_same_request_response: raw.rpc_allow_same_request_response,
        rpc_allow_google_protobuf_empty_requests: raw.rpc_allow_google_protobuf_empty_requests,
        rpc_allow_google_protobuf_empty_responses: raw.rpc_allow_google_protobuf_empty_responses,
        allow_comment_ignores: raw.allow_comment_ignores,
        ignore_unstable_packages: raw.ignore_unstable_packages,
        ..CheckConfig::default()
    };
    let ignore_field = format!("{field}.ignore");
    for ignore in &raw.ignore {
        let normalized = normalize_and_validate(&ignore.value)
            .map_err(|e| ctx.at(pos(ignore), format!("{ignore_field}: invalid path: {e}")))?;
        if normalized == module_dir {
            // buf's "disabled" check config: nothing else is kept.
            config.ignore = vec![".".to_string()];
            return Ok(config);
        }
    }
    let ignore = module_relative(
        ctx,
        &raw.ignore,
        &ignore_field,
        module_dir,
        require_contained,
    )?;
    let only_field = format!("{field}.ignore_only");
    let mut ignore_only = Vec::new();
    for (key, paths) in &raw.ignore_only {
        let rel = module_relative(ctx, paths, &only_field, module_dir, require_contained)?;
        if !rel.is_empty() {
            ignore_only.push((located(key), rel));
        }
    }
    config.use_ids = unique_sorted_ids(&raw.use_);
    config.except_ids = unique_sorted_ids(&raw.except);
    config.ignore = check_paths(ctx, unique_sorted_paths(ignore), "ignore")?;
    for (key, paths) in ignore_only {
        let paths = check_paths(ctx, unique_sorted_paths(paths), "ignore_only path")?;
        config.ignore_only.push((key, paths));
    }
    config.disable_builtin = raw.disable_builtin;
    Ok(config)
}

/// Normalizes paths written relative to the config file's directory and makes
/// them relative to `module_dir`.
fn module_relative(
    ctx: &Ctx,
    paths: &[S<String>],
    field: &str,
    module_dir: &str,
    require_contained: bool,
) -> Result<Vec<(String, Pos)>, Error> {
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        let normalized = normalize_and_validate(&path.value)
            .map_err(|e| ctx.at(pos(path), format!("{field}: invalid path: {e}")))?;
        if !equals_or_contains(module_dir, &normalized) {
            if !require_contained {
                continue;
            }
            return Err(ctx.at(
                pos(path),
                format!(
                    "{field}: path {} is not contained within module directory {}",
                    quote(&normalized),
                    quote(module_dir)
                ),
            ));
        }
        out.push((strip_dir(module_dir, &normalized), pos(path)));
    }
    Ok(out)
}

/// `normalized` relative to `dir`, which must equal or contain it.
fn strip_dir(dir: &str, normalized: &str) -> String {
    if dir == "." {
        normalized.to_string()
    } else if dir == normalized {
        ".".to_string()
    } else {
        normalized[dir.len() + 1..].to_string()
    }
}

fn unique_sorted_ids(ids: &[S<String>]) -> Vec<Located<String>> {
    let mut out: Vec<Located<String>> = ids.iter().map(located).collect();
    // Stable: the first occurrence of a duplicate keeps its position.
    out.sort_by(|a, b| a.value.cmp(&b.value));
    out.dedup_by(|later, earlier| later.value == earlier.value);
    out
}

fn unique_sorted_paths(mut paths: Vec<(String, Pos)>) -> Vec<(String, Pos)> {
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    paths.dedup_by(|later, earlier| later.0 == earlier.0);
    paths
}

/// buf's `normalizeAndCheckPaths`: normalized, validated, sorted, with no
/// duplicates and no path inside another.
fn check_paths(ctx: &Ctx, paths: Vec<(String, Pos)>, name: &str) -> Result<Vec<String>, Error> {
    let mut out: Vec<(String, Pos)> = Vec::with_capacity(paths.len());
    for (path, at) in paths {
        if path.is_empty() {
            return Err(ctx.at(at, format!("{name} contained an empty path")));
        }
        let normalized = normalize_and_validate(&path).map_err(|e| ctx.at(at, e))?;
        out.push((normalized, at));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    for i in 0..out.len() {
        for j in i + 1..out.len() {
            let (a, a_at) = &out[i];
            let (b, b_at) = &out[j];
            if a == b {
                return Err(ctx.at(*b_at, format!("duplicate {name} {}", quote(a))));
            }
            if equals_or_contains(b, a) {
                return Err(ctx.at(
                    *a_at,
                    format!(
                        "{name} {} is within {name} {} which is not allowed",
                        quote(a),
                        quote(b)
                    ),
                ));
            }
            if equals_or_contains(a, b) {
                return Err(ctx.at(
                    *b_at,
                    format!(
                        "{name} {} is within {name} {} which is not allowed",
                        quote(b),
                        quote(a)
                    ),
                ));
            }
        }
    }
    Ok(out.into_iter().map(|(p, _)| p).collect())
}

fn strings_with_pos(items: &[S<String>]) -> Vec<(String, Pos)> {
    items.iter().map(|s| (s.value.clone(), pos(s))).collect()
}

/// buf's `ParseFullName`: `registry/owner/name`.
fn check_module_name(ctx: &Ctx, name: &Option<S<String>>) -> Result<Option<String>, Error> {
    let Some(name) = name.as_ref().filter(|n| !n.value.is_empty()) else {
        return Ok(None);
    };
    let parts: Vec<&str> = name.value.split('/').collect();
    if parts.len() != 3 {
        return Err(ctx.at(
            pos(name),
            format!(
                "could not parse full name {}: must be in the form registry/owner/name",
                quote(&name.value)
            ),
        ));
    }
    let what = ["registry", "owner", "name"];
    for (part, what) in parts.iter().zip(what) {
        if part.is_empty() {
            return Err(ctx.at(
                pos(name),
                format!(
                    "could not parse full name {}: {what} is empty",
                    quote(&name.value)
                ),
            ));
        }
    }
    Ok(Some(name.value.clone()))
}

/// buf's `getRootToExcludes`: roots (default `.`) and the excludes, which
/// are written relative to the module directory and must lie in a root.
/// Returns the sorted roots and the sorted excludes (module-relative).
fn roots_and_excludes(
    ctx: &Ctx,
    roots: Vec<(String, Pos)>,
    excludes: Vec<(String, Pos)>,
) -> Result<(Vec<String>, Vec<String>), Error> {
    let roots = if roots.is_empty() {
        vec![".".to_string()]
    } else {
        check_paths(ctx, roots, "root")?
    };
    if excludes.is_empty() {
        return Ok((roots, Vec::new()));
    }
    let positions: Vec<(String, Pos)> =
        excludes.iter().map(|(p, at)| (normalize(p), *at)).collect();
    let at_of = |p: &str| {
        positions
            .iter()
            .find(|(q, _)| q == p)
            .map(|(_, at)| *at)
            .unwrap_or((1, 1))
    };
    let excludes = check_paths(ctx, excludes, "exclude")?;
    for exclude in &excludes {
        if exclude.ends_with(".proto") {
            return Err(ctx.at(
                at_of(exclude),
                format!(
                    "excludes can only be directories but file {} discovered",
                    quote(exclude)
                ),
            ));
        }
        if roots.contains(exclude) {
            return Err(ctx.at(
                at_of(exclude),
                format!(
                    "{} is both a root and exclude, which means the entire root is excluded, which is not valid",
                    quote(exclude)
                ),
            ));
        }
    }
    for exclude in &excludes {
        let matching = roots
            .iter()
            .filter(|r| equals_or_contains(r, exclude))
            .count();
        if matching == 0 {
            return Err(ctx.at(
                at_of(exclude),
                format!(
                    "exclude {} is not contained in any root, which is not valid",
                    quote(exclude)
                ),
            ));
        }
    }
    Ok((roots, excludes))
}

// ---------------------------------------------------------------------------
// Version-specific conversion

fn convert_v1(ctx: &Ctx, version: ConfigVersion, raw: RawV1) -> Result<BufYaml, Error> {
    let build = raw.build.unwrap_or_default();
    let roots: Vec<(String, Pos)> = build
        .roots
        .as_ref()
        .map(|r| strings_with_pos(&r.value))
        .unwrap_or_default();
    if version == ConfigVersion::V1
        && let Some(raw_roots) = &build.roots
        && !raw_roots.value.is_empty()
    {
        let listed: Vec<String> = raw_roots.value.iter().map(|r| r.value.clone()).collect();
        return Err(ctx.at(
            pos(raw_roots),
            format!(
                "build.roots cannot be set on version v1: {}",
                go_list(&listed)
            ),
        ));
    }
    let name = check_module_name(ctx, &raw.name)?;
    let excludes = strings_with_pos(&build.excludes.unwrap_or_default());
    let (roots, excludes) = roots_and_excludes(ctx, roots, excludes)?;
    let lint = RawCheck::from_lint_v1(raw.lint.unwrap_or_default());
    let breaking = RawCheck::from_breaking(raw.breaking.unwrap_or_default());
    let module = ModuleConfig {
        dir_path: ".".to_string(),
        name,
        roots,
        excludes,
        includes: Vec::new(),
        lint: check_config(ctx, &lint, "lint", ".", true)?,
        breaking: check_config(ctx, &breaking, "breaking", ".", true)?,
    };
    Ok(BufYaml {
        version,
        modules: vec![module],
        policies: Vec::new(),
        plugins: Vec::new(),
        deps: raw
            .deps
            .unwrap_or_default()
            .into_iter()
            .map(|d| d.value)
            .collect(),
    })
}

fn convert_v2(ctx: &Ctx, raw: RawV2) -> Result<BufYaml, Error> {
    let top_lint = RawCheck::from_lint_v2(raw.lint.unwrap_or_default());
    let top_breaking = RawCheck::from_breaking(raw.breaking.unwrap_or_default());
    let raw_modules = raw.modules.unwrap_or_default();
    let mut modules = Vec::with_capacity(raw_modules.len().max(1));
    if raw_modules.is_empty() {
        modules.push(convert_module_v2(
            ctx,
            None,
            check_module_name(ctx, &raw.name)?,
            Vec::new(),
            Vec::new(),
            None,
            None,
            &top_lint,
            &top_breaking,
            (1, 1),
        )?);
    } else {
        if let Some(name) = raw.name.as_ref().filter(|n| !n.value.is_empty()) {
            return Err(ctx.at(
                pos(name),
                "top-level name key cannot be specified if modules are specified, you must specify the name on each individual module, the top-level name key is only for the default case where you have one module at path \".\".".to_string(),
            ));
        }
        for module in raw_modules {
            let at = pos(&module);
            let module = module.value;
            let name = check_module_name(ctx, &module.name)?;
            modules.push(convert_module_v2(
                ctx,
                module.path,
                name,
                module.includes.unwrap_or_default(),
                module.excludes.unwrap_or_default(),
                module.lint.map(RawCheck::from_lint_v2),
                module.breaking.map(RawCheck::from_breaking),
                &top_lint,
                &top_breaking,
                at,
            )?);
        }
    }
    // The top-level blocks are validated on their own too.
    if !top_lint.is_empty() {
        check_config(ctx, &top_lint, "lint", ".", false)?;
    }
    if !top_breaking.is_empty() {
        check_config(ctx, &top_breaking, "breaking", ".", false)?;
    }
    let mut plugins = Vec::new();
    for plugin in raw.plugins.unwrap_or_default() {
        plugins.push(convert_plugin(ctx, plugin)?);
    }
    let mut policies = Vec::new();
    for policy in raw.policies.unwrap_or_default() {
        policies.push(convert_policy(ctx, policy)?);
    }
    // Module names must be unique.
    for (i, a) in modules.iter().enumerate() {
        let Some(a_name) = &a.name else { continue };
        if let Some(b) = modules[i + 1..]
            .iter()
            .find(|b| b.name.as_ref() == Some(a_name))
        {
            let b_name = b.name.clone().unwrap_or_default();
            return Err(ctx.at(
                (1, 1),
                format!(
                    "duplicate full names in input: {}, {}",
                    quote(a_name),
                    quote(&b_name)
                ),
            ));
        }
    }
    modules.sort_by(|a, b| a.dir_path.cmp(&b.dir_path));
    Ok(BufYaml {
        version: ConfigVersion::V2,
        modules,
        policies,
        plugins,
        deps: raw
            .deps
            .unwrap_or_default()
            .into_iter()
            .map(|d| d.value)
            .collect(),
    })
}

#[allow(clippy::too_many_arguments)]
fn convert_module_v2(
    ctx: &Ctx,
    path: Option<S<String>>,
    name: Option<String>,
    includes: Vec<S<String>>,
    excludes: Vec<S<String>>,
    lint: Option<RawCheck>,
    breaking: Option<RawCheck>,
    top_lint: &RawCheck,
    top_breaking: &RawCheck,
    at: Pos,
) -> Result<ModuleConfig, Error> {
    let (path_value, path_at) = match &path {
        Some(p) if !p.value.is_empty() => (p.value.as_str(), pos(p)),
        Some(p) => (".", pos(p)),
        None => (".", at),
    };
    let dir = normalize_and_validate(path_value)
        .map_err(|e| ctx.at(path_at, format!("invalid module path: {e}")))?;

    let normal_includes = check_paths(ctx, strings_with_pos(&includes), "include")?;
    let include_at = |p: &str| {
        includes
            .iter()
            .find(|s| normalize(&s.value) == p)
            .map(pos)
            .unwrap_or(at)
    };
    let mut rel_includes = Vec::with_capacity(normal_includes.len());
    for include in &normal_includes {
        let at = include_at(include);
        if *include == dir {
            return Err(ctx.at(
                at,
                format!(
                    "include path {} is equal to module directory {}",
                    quote(include),
                    quote(&dir)
                ),
            ));
        }
        if !equals_or_contains(&dir, include) {
            return Err(ctx.at(
                at,
                format!(
                    "include path {} does not reside within module directory {}",
                    quote(include),
                    quote(&dir)
                ),
            ));
        }
        if include.ends_with(".proto") {
            return Err(ctx.at(
                at,
                format!(
                    "includes can only be directories but file {} discovered",
                    quote(include)
                ),
            ));
        }
        rel_includes.push(strip_dir(&dir, include));
    }

    let mut rel_excludes = Vec::with_capacity(excludes.len());
    for exclude in &excludes {
        let at = pos(exclude);
        let normal = normalize_and_validate(&exclude.value)
            .map_err(|e| ctx.at(at, format!("invalid exclude path: {e}")))?;
        if normal == dir {
            return Err(ctx.at(
                at,
                format!(
                    "exclude path {} is equal to module directory {}",
                    quote(&normal),
                    quote(&dir)
                ),
            ));
        }
        if !equals_or_contains(&dir, &normal) {
            return Err(ctx.at(
                at,
                format!(
                    "exclude path {} does not reside within module directory {}",
                    quote(&normal),
                    quote(&dir)
                ),
            ));
        }
        if !normal_includes.is_empty() {
            let mut found = false;
            for include in &normal_includes {
                if *include == normal {
                    return Err(ctx.at(
                        at,
                        format!(
                            "{} is both an include path and an exclude path",
                            quote(&normal)
                        ),
                    ));
                }
                if contains(&normal, include) {
                    return Err(ctx.at(
                        at,
                        format!(
                            "{} (an include path) is a subdirectory of {} (an exclude path)",
                            quote(include),
                            quote(&normal)
                        ),
                    ));
                }
                if contains(include, &normal) {
                    found = true;
                }
            }
            if !found {
                return Err(ctx.at(
                    at,
                    format!(
                        "include paths are specified but {} is not contained within any of them",
                        quote(&normal)
                    ),
                ));
            }
        }
        rel_excludes.push((strip_dir(&dir, &normal), at));
    }
    let (roots, excludes) = roots_and_excludes(ctx, Vec::new(), rel_excludes)?;

    let lint = match lint.filter(|l| !l.is_empty()) {
        Some(own) => check_config(ctx, &own, "lint", &dir, true)?,
        None => check_config(ctx, top_lint, "lint", &dir, false)?,
    };
    let breaking = match breaking.filter(|b| !b.is_empty()) {
        Some(own) => check_config(ctx, &own, "breaking", &dir, true)?,
        None => check_config(ctx, top_breaking, "breaking", &dir, false)?,
    };
    let mut includes = rel_includes;
    includes.sort();
    includes.dedup();
    Ok(ModuleConfig {
        dir_path: dir,
        name,
        roots,
        excludes,
        includes,
        lint,
        breaking,
    })
}

fn convert_plugin(ctx: &Ctx, raw: S<RawPlugin>) -> Result<PluginRef, Error> {
    let at = pos(&raw);
    let raw = raw.value;
    let mut options = Vec::new();
    for (key, value) in raw.options.map(|m| m.0).unwrap_or_default() {
        if key.value.is_empty() {
            return Err(ctx.at(pos(&key), "must specify option key".to_string()));
        }
        if value.is_null() {
            return Err(ctx.at(pos(&key), "must specify option value".to_string()));
        }
        options.push((key.value, value));
    }
    let (path, path_at) = match raw.plugin {
        Some(p) => {
            let at = pos(&p);
            match p.value {
                PluginPath::One(s) if s.is_empty() => (Vec::new(), at),
                PluginPath::One(s) => (vec![s], at),
                PluginPath::Many(v) => (v, at),
            }
        }
        None => (Vec::new(), at),
    };
    let mut path = path.into_iter();
    let Some(plugin) = path.next() else {
        return Err(ctx.at(path_at, "must specify a path to the plugin".to_string()));
    };
    Ok(PluginRef {
        plugin,
        args: path.collect(),
        options,
    })
}

fn convert_policy(ctx: &Ctx, raw: S<RawPolicy>) -> Result<PolicyRef, Error> {
    let at = pos(&raw);
    let raw = raw.value;
    let Some(policy) = raw.policy.filter(|p| !p.value.is_empty()) else {
        return Err(ctx.at(at, "must specify a name to the policy".to_string()));
    };
    let ignore = strings_with_pos(&raw.ignore.unwrap_or_default());
    let ignore = check_paths(ctx, unique_sorted_paths(ignore), "ignore")?;
    let mut ignore_only = Vec::new();
    for (key, paths) in ignore_only_entries(raw.ignore_only) {
        let paths = check_paths(
            ctx,
            unique_sorted_paths(strings_with_pos(&paths)),
            "ignore_only path",
        )?;
        ignore_only.push((located(&key), paths));
    }
    Ok(PolicyRef {
        policy: policy.value,
        ignore,
        ignore_only,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match parse_buf_yaml(text, "buf.yaml") {
            Ok(parsed) => panic!("expected an error, got {parsed:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn missing_version_is_an_error() {
        assert_eq!(
            err("lint:\n  use: [MINIMAL]\n"),
            "buf.yaml:1:1: \"version\" is not set. Please add \"version: v2\""
        );
        assert_eq!(
            err(""),
            "buf.yaml:1:1: \"version\" is not set. Please add \"version: v2\""
        );
    }

    #[test]
    fn unknown_version() {
        assert_eq!(
            err("version: v3\n"),
            "buf.yaml:1:10: unknown file version: \"v3\""
        );
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let e = err("version: v1\nlint:\n  use: [A]\n  foo: 1\n");
        assert!(e.starts_with("buf.yaml:4:3: "), "{e}");
        assert!(e.contains("foo"), "{e}");
    }

    #[test]
    fn broken_yaml_names_line_and_column() {
        let e = err("version: v2\nlint:\n  use: [STANDARD\n");
        assert!(e.starts_with("buf.yaml:3:"), "{e}");
    }

    #[test]
    fn wrong_type() {
        assert_eq!(
            err("version: v2\nlint:\n  use: 3\n"),
            "buf.yaml:3:8: expected a list"
        );
        assert_eq!(
            err("version: v2\nlint: [a]\n"),
            "buf.yaml:2:7: expected a mapping"
        );
    }

    #[test]
    fn v1_rejects_roots() {
        assert_eq!(
            err("version: v1\nbuild:\n  roots: [a, b]\n"),
            "buf.yaml:3:10: build.roots cannot be set on version v1: [a b]"
        );
    }

    #[test]
    fn v1_excludes_must_be_directories() {
        assert_eq!(
            err("version: v1\nbuild:\n  excludes: [a/b.proto]\n"),
            "buf.yaml:3:14: excludes can only be directories but file \"a/b.proto\" discovered"
        );
    }

    #[test]
    fn v1beta1_roots_and_excludes() {
        let parsed = parse_buf_yaml(
            "version: v1beta1\nbuild:\n  roots: [b, a/]\n  excludes: [a/x]\n",
            "buf.yaml",
        )
        .unwrap();
        let module = &parsed.modules[0];
        assert_eq!(module.roots, vec!["a", "b"]);
        assert_eq!(module.excludes, vec!["a/x"]);
        assert_eq!(
            err("version: v1beta1\nbuild:\n  roots: [a]\n  excludes: [b/x]\n"),
            "buf.yaml:4:14: exclude \"b/x\" is not contained in any root, which is not valid"
        );
    }

    #[test]
    fn rule_ids_keep_positions() {
        let parsed = parse_buf_yaml(
            "version: v2\nlint:\n  use:\n    - STANDARD\n    - NOT_A_RULE\n  ignore_only:\n    FOO: [a.proto]\n",
            "buf.yaml",
        )
        .unwrap();
        let lint = &parsed.modules[0].lint;
        assert_eq!(lint.use_ids[0].value, "NOT_A_RULE");
        assert_eq!((lint.use_ids[0].line, lint.use_ids[0].column), (5, 7));
        assert_eq!(
            (lint.ignore_only[0].0.line, lint.ignore_only[0].0.column),
            (7, 5)
        );
        assert!(lint.allow_comment_ignores);
    }

    #[test]
    fn v2_module_ignores() {
        let text = "version: v2\nmodules:\n  - path: proto\n    excludes: [proto/vendor]\n  - path: other\nlint:\n  ignore:\n    - proto/a/b.proto\n    - outside.proto\n  ignore_only:\n    X: [proto/a]\n    Y: [other/z]\n";
        let parsed = parse_buf_yaml(text, "buf.yaml").unwrap();
        let dirs: Vec<_> = parsed.modules.iter().map(|m| m.dir_path.as_str()).collect();
        assert_eq!(dirs, vec!["other", "proto"]);
        let proto = &parsed.modules[1];
        assert_eq!(proto.excludes, vec!["vendor"]);
        assert_eq!(proto.lint.ignore, vec!["a/b.proto"]);
        assert_eq!(proto.lint.ignore_only.len(), 1);
        assert_eq!(proto.lint.ignore_only[0].1, vec!["a"]);
        let other = &parsed.modules[0];
        assert!(other.lint.ignore.is_empty());
        assert_eq!(other.lint.ignore_only[0].1, vec!["z"]);
    }

    #[test]
    fn v2_module_level_ignore_outside_module_is_an_error() {
        let text = "version: v2\nmodules:\n  - path: proto\n    lint:\n      ignore: [x]\n";
        assert_eq!(
            err(text),
            "buf.yaml:5:16: lint.ignore: path \"x\" is not contained within module directory \"proto\""
        );
    }

    #[test]
    fn v2_module_level_block_replaces_top_level() {
        let text = "version: v2\nmodules:\n  - path: a\n    lint:\n      use: [MINIMAL]\n  - path: b\nlint:\n  use: [STANDARD]\n  disallow_comment_ignores: true\n";
        let parsed = parse_buf_yaml(text, "buf.yaml").unwrap();
        assert_eq!(parsed.modules[0].lint.use_ids[0].value, "MINIMAL");
        assert!(parsed.modules[0].lint.allow_comment_ignores);
        assert_eq!(parsed.modules[1].lint.use_ids[0].value, "STANDARD");
        assert!(!parsed.modules[1].lint.allow_comment_ignores);
    }

    #[test]
    fn ignore_equal_to_module_disables() {
        let parsed = parse_buf_yaml(
            "version: v1\nlint:\n  use: [X]\n  ignore: [.]\n",
            "buf.yaml",
        )
        .unwrap();
        assert_eq!(parsed.modules[0].lint.ignore, vec!["."]);
        assert!(parsed.modules[0].lint.use_ids.is_empty());
    }

    #[test]
    fn nested_ignores_are_errors() {
        assert_eq!(
            err("version: v1\nlint:\n  ignore: [a, a/b]\n"),
            "buf.yaml:3:15: ignore \"a/b\" is within ignore \"a\" which is not allowed"
        );
    }

    #[test]
    fn inline_json_is_accepted() {
        let parsed = parse_buf_yaml(
            r#"{"version":"v2","modules":[{"path":"proto"}],"breaking":{"use":["FILE"],"ignore_only":{"WIRE":["proto/acme"]}}}"#,
            "--config",
        )
        .unwrap();
        assert_eq!(parsed.modules[0].dir_path, "proto");
        assert_eq!(parsed.modules[0].breaking.ignore_only[0].1, vec!["acme"]);
        assert_eq!(parsed.modules[0].breaking.use_ids[0].column, 65);
    }

    #[test]
    fn buf_work_yaml() {
        let parsed = parse_buf_work_yaml(
            "version: v1\ndirectories:\n  - proto\n  - a/b/\n",
            "buf.work.yaml",
        )
        .unwrap();
        assert_eq!(parsed.directories, vec!["a/b", "proto"]);
        let e = parse_buf_work_yaml("version: v1\ndirectories: [a, a/b]\n", "buf.work.yaml")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "buf.work.yaml:2:18: directory \"a\" contains directory \"a/b\""
        );
        let e = parse_buf_work_yaml("version: v1\ndirectories: [.]\n", "buf.work.yaml")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("buf.work.yaml:2:15: directory \".\" is listed"),
            "{e}"
        );
        let e = parse_buf_work_yaml("version: v2\n", "buf.work.yaml")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "buf.work.yaml:1:10: v2 is not supported for buf.work.yaml files"
        );
    }

    #[test]
    fn policies_and_plugins() {
        let text = "version: v2\nplugins:\n  - plugin: [buf-plugin-x, --flag]\n    options:\n      a: [1]\npolicies:\n  - policy: p.yaml\n    ignore: [b/, a]\n    ignore_only:\n      X: [c]\n";
        let parsed = parse_buf_yaml(text, "buf.yaml").unwrap();
        assert_eq!(parsed.plugins[0].plugin, "buf-plugin-x");
        assert_eq!(parsed.plugins[0].args, vec!["--flag"]);
        assert_eq!(parsed.policies[0].ignore, vec!["a", "b"]);
        let e = err("version: v2\nplugins:\n  - options: {a: 1}\n");
        assert!(e.ends_with("must specify a path to the plugin"), "{e}");
    }

    #[test]
    fn policy_file() {
        let parsed = parse_policy_file(
            "version: v2\nlint:\n  use: [PACKAGE_DEFINED]\nbreaking:\n  disable_builtin: true\n",
            "policy.yaml",
        )
        .unwrap();
        assert_eq!(parsed.lint.use_ids[0].value, "PACKAGE_DEFINED");
        assert!(parsed.breaking.disable_builtin);
        assert!(parse_policy_file("version: v2\nlint:\n  ignore: [a]\n", "p.yaml").is_err());
    }

    #[test]
    fn module_name_validation() {
        assert_eq!(
            err("version: v1\nname: foo/bar\n"),
            "buf.yaml:2:7: could not parse full name \"foo/bar\": must be in the form registry/owner/name"
        );
        assert!(parse_buf_yaml("version: v1\nname: buf.build/a/b\n", "buf.yaml").is_ok());
    }
}
