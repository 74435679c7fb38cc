//! Workspaces as buf reads them: `buf.yaml` (v1beta1, v1, v2) and
//! `buf.work.yaml`, discovery upwards from the input, modules, roots,
//! excludes/includes, and file selection (`--path`, `--exclude-path`).
//!
//! [`config`](mod@config) parses the files (strictly, with line/column of
//! every problem); [`discover`](mod@discover) finds the workspace of an
//! input and lists its `.proto` files. The usual sequence is
//! [`discover()`] (or [`discover_proto_file`]) then [`list_files`], with the
//! same [`DiscoverOptions`].

use std::path::PathBuf;

pub mod config;
pub mod discover;
pub mod init;
mod paths;

pub use config::{
    BufWorkYaml, BufYaml, ModuleConfig, PolicyFile, parse_buf_work_yaml, parse_buf_yaml,
    parse_policy_file,
};
pub use discover::{
    DiscoverOptions, NO_TARGET_FILES, discover, discover_in, discover_proto_file,
    discover_proto_file_in, discover_tree, list_files,
};

/// Configuration file version. buf 1.75 requires `version` in every
/// `buf.yaml` (`"version" is not set. Please add "version: v2"`); a
/// directory without any `buf.yaml` gets v1 defaults.
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
/// (inline `--config` data has positions too; line/column 0 only for values
/// that came from no file).
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
    /// Normalized, sorted, as written (relative to the buf.yaml dir).
    pub ignore: Vec<String>,
    pub ignore_only: Vec<(Located<String>, Vec<String>)>,
}

/// A v2 `plugins:` entry (check plugins; protogate does not run them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginRef {
    /// The plugin: a path, a name on `$PATH`, a `.wasm` file or a remote reference.
    pub plugin: String,
    /// Arguments after the plugin when `plugin:` is a list.
    pub args: Vec<String>,
    /// `options:` in file order.
    pub options: Vec<(String, serde_json::Value)>,
}

/// One module of a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// The module directory as an external path prefix: relative to the cwd
    /// the way the user addressed the input (`.`, `proto`, `../../previous/x`),
    /// or absolute if the user gave an absolute path (relative to the
    /// tree root for fetched trees, see [`discover_tree`]).
    pub dir: PathBuf,
    /// The module directory relative to the workspace root, as the
    /// configuration spells it (`.`, `proto`); used in buf's messages.
    pub dir_path: String,
    /// The module directory on disk (absolute, lexically cleaned).
    pub fs_dir: PathBuf,
    /// Include roots relative to `dir` (v1beta1 `build.roots`; else `["."]`).
    pub roots: Vec<String>,
    /// The external prefix of each root, parallel to `roots`: buf prints a
    /// file as its root's directory (relative to the current directory)
    /// joined with its import path (`../acme/a.proto` from inside a root).
    pub root_dirs: Vec<PathBuf>,
    /// Directories excluded, relative to `dir`.
    pub excludes: Vec<String>,
    /// v2 `includes`, relative to `dir` (empty = everything).
    pub includes: Vec<String>,
    pub version: ConfigVersion,
    pub name: Option<String>,
    pub lint: CheckConfig,
    pub breaking: CheckConfig,
    pub policies: Vec<PolicyRef>,
    /// v2 check plugins (shared by every module of the `buf.yaml`).
    pub plugins: Vec<PluginRef>,
    /// The config file this module's settings came from, absolute (None =
    /// v1 defaults or inline `--config`). Local policy files are relative
    /// to its directory.
    pub config_file: Option<PathBuf>,
    /// How to name the configuration in messages (`buf.yaml`,
    /// `proto/buf.yaml`, `--config`); empty for defaults.
    pub config_name: String,
    /// Whether the module's files are targets (linted/checked). In a
    /// workspace every module is a target when the input is the workspace
    /// root; modules outside the input only provide imports.
    pub is_target: bool,
    /// `--path` filters for this module: import paths (relative to a root)
    /// of files or directories; empty = every file. For a `.proto` file
    /// input, that file.
    pub target_paths: Vec<String>,
    /// `--exclude-path` filters for this module, like `target_paths`.
    pub target_exclude_paths: Vec<String>,
}

impl Module {
    /// buf's description of a local module, used in its messages:
    /// `path: "proto"`, with `includes:` / `excludes:` when set.
    pub fn description(&self) -> String {
        let mut description = format!("path: {}", paths::quote(&self.dir_path));
        let join = |p: &String| paths::quote(&paths::join(&self.dir_path, p));
        let mut push = |label: &str, items: &[String]| match items {
            [] => {}
            [one] => description.push_str(&format!(", {label}: {}", join(one))),
            many => {
                let quoted: Vec<String> = many.iter().map(join).collect();
                description.push_str(&format!(", {label}: [{}]", quoted.join(", ")));
            }
        };
        push("includes", &self.includes);
        if self.roots.len() == 1 && self.roots[0] == "." {
            push("excludes", &self.excludes);
        }
        description
    }

    /// The file of a local policy of this module (relative to the
    /// directory of its `buf.yaml`).
    pub fn policy_path(&self, policy: &PolicyRef) -> Option<PathBuf> {
        let config = self.config_file.as_ref()?;
        Some(config.parent()?.join(&policy.policy))
    }
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
    /// Path as printed, as buf prints it: the external directory of its
    /// root (see [`Module::root_dirs`]) joined with `name`, normalized
    /// (`proto/a.proto`, `../vendor/x.proto`, `root/a.proto`).
    pub external: String,
    /// Where to read it from (absolute).
    pub fs_path: PathBuf,
    /// Whether findings are reported for it (module is a target and the file
    /// passes `--path` / `--exclude-path`).
    pub is_target: bool,
}

/// A resolved workspace: its modules in order (v2: sorted by directory;
/// `buf.work.yaml`: sorted directories).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    pub modules: Vec<Module>,
    /// The controlling `buf.yaml` / `buf.work.yaml`, if any (absolute).
    pub config_file: Option<PathBuf>,
}

#[cfg(test)]
mod conformance_tests;
#[cfg(test)]
mod fixture_tests;
