//! Workspaces as buf reads them: `buf.yaml` (v1beta1, v1, v2) and
//! `buf.work.yaml`, discovery upwards from the input, modules, roots,
//! excludes/includes, and file selection (`--path`, `--exclude-path`).

use std::path::PathBuf;

/// Configuration file version. A `buf.yaml` without `version` is v1beta1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConfigVersion {
    V1Beta1,
    V1,
    V2,
}

impl ConfigVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            ConfigVersion::V1Beta1 => "v1beta1",
            ConfigVersion::V1 => "v1",
            ConfigVersion::V2 => "v2",
        }
    }
}

/// A value read from a config file, with the 1-based position it came from
/// (line/column 0 when it came from defaults or inline `--config` JSON
/// without positions).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Located<T> {
    pub value: T,
    pub line: usize,
    pub column: usize,
}

impl<T> Located<T> {
    pub fn new(value: T) -> Self {
        Located {
            value,
            line: 0,
            column: 0,
        }
    }
}

/// The `lint:` or `breaking:` block of one module, resolved for that module
/// (v2 module-level blocks replace the top-level one; v2 paths are already
/// made module-relative). Rule IDs are kept as written: the check registry
/// validates and expands them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckConfig {
    pub use_ids: Vec<Located<String>>,
    pub except_ids: Vec<Located<String>>,
    /// Module-relative paths; `"."` means the whole module.
    pub ignore: Vec<String>,
    /// Rule or category ID → module-relative paths, in file order.
    pub ignore_only: Vec<(Located<String>, Vec<String>)>,
    pub disable_builtin: bool,
    // lint options
    pub enum_zero_value_suffix: Option<String>,
    pub service_suffix: Option<String>,
    pub rpc_allow_same_request_response: bool,
    pub rpc_allow_google_protobuf_empty_requests: bool,
    pub rpc_allow_google_protobuf_empty_responses: bool,
    /// Effective: v1/v1beta1 `allow_comment_ignores`, v2 `!disallow_comment_ignores`.
    pub allow_comment_ignores: bool,
    // breaking options
    pub ignore_unstable_packages: bool,
}

/// A v2 `policies:` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRef {
    /// As written (a local file path relative to the buf.yaml dir, or a remote name).
    pub policy: String,
    pub ignore: Vec<String>,
    pub ignore_only: Vec<(Located<String>, Vec<String>)>,
}

/// One module of a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// The module directory as an external path prefix: relative to the cwd
    /// the way the user addressed the input (`.`, `proto`, `../../previous/x`),
    /// or absolute if the user gave an absolute path.
    pub dir: PathBuf,
    /// Include roots relative to `dir` (v1beta1 `build.roots`; else `["."]`).
    pub roots: Vec<String>,
    /// Directories excluded, relative to `dir`.
    pub excludes: Vec<String>,
    /// v2 `includes`, relative to `dir` (empty = everything).
    pub includes: Vec<String>,
    pub version: ConfigVersion,
    pub name: Option<String>,
    pub lint: CheckConfig,
    pub breaking: CheckConfig,
    pub policies: Vec<PolicyRef>,
    /// The config file this module's settings came from (None = defaults or `--config`).
    pub config_file: Option<PathBuf>,
    /// Whether the module's files are targets (linted/checked). In a
    /// workspace every module is a target when the input is the workspace
    /// root; modules outside the input only provide imports.
    pub is_target: bool,
}

/// A `.proto` file of the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Index into `Workspace::modules`.
    pub module: usize,
    /// Import path: relative to its root, `/`-separated (`acme/v1/a.proto`).
    pub name: String,
    /// Path relative to the module dir (`root/acme/v1/a.proto` for v1beta1
    /// roots; equal to `name` otherwise).
    pub module_path: String,
    /// Path as printed (module `dir` joined with `module_path`, normalized).
    pub external: String,
    /// Where to read it from.
    pub fs_path: PathBuf,
    /// Whether findings are reported for it (module is a target and the file
    /// passes `--path` / `--exclude-path`).
    pub is_target: bool,
}

/// A resolved workspace: its modules in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    pub modules: Vec<Module>,
    /// The controlling `buf.yaml` / `buf.work.yaml`, if any.
    pub config_file: Option<PathBuf>,
}
