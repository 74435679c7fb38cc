//! Command-line definition (clap derive). Flag names follow buf's.

use clap::{Args, Parser, Subcommand};

/// Schema governance and code generation for Protocol Buffers:
/// buf-compatible build, lint and breaking checks, in one offline binary.
#[derive(Debug, Parser)]
#[command(name = "protogate", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 clean, 100 findings (or compile errors), 1 any other failure, 2 usage errors."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build .proto files into an image (a FileDescriptorSet with buf's metadata).
    Build(BuildArgs),
    /// List the .proto files of the input.
    LsFiles(LsFilesArgs),
    /// Run lint rules over the input.
    Lint(LintArgs),
    /// Check the input for breaking changes against a baseline.
    Breaking(BreakingArgs),
    /// Explain a lint or breaking rule: what it checks, why, an example and how to fix it.
    Explain(ExplainArgs),
    /// Format .proto files exactly as `buf format` does (stdout, -d diff, -w in place, -o).
    Format(FormatArgs),
    /// Generate a Rust crate (prost messages, tonic clients and servers).
    Generate(GenerateArgs),
    /// Work with configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// List lint rules.
    LsLintRules(LsRulesArgs),
    /// List breaking rules.
    LsBreakingRules(LsRulesArgs),
    /// Write a default buf.yaml (v2: STANDARD lint, FILE breaking); never overwrites.
    Init(InitArgs),
}

/// Flags every command that reads an input shares.
#[derive(Debug, Args, Clone, Default)]
pub struct InputArgs {
    /// The input: a directory, a .proto file, or an image (.binpb, .bin, .json, - for stdin),
    /// with options as `path#key=value,...`.
    #[arg(default_value = ".")]
    pub input: String,
    /// The buf.yaml file or data (YAML or JSON) to use for configuration.
    #[arg(long, value_name = "FILE|DATA")]
    pub config: Option<String>,
    /// Limit to specific files or directories (repeatable; the union is taken).
    #[arg(long, value_name = "PATH")]
    pub path: Vec<String>,
    /// Exclude specific files or directories (repeatable).
    #[arg(long = "exclude-path", value_name = "PATH")]
    pub exclude_path: Vec<String>,
    /// Do not follow symlinks (accepted for compatibility; protogate follows none but the input's own).
    #[arg(long = "disable-symlinks", hide = true)]
    pub disable_symlinks: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output location: a .binpb/.bin file, a .json file, or - for stdout. Default: discard.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<String>,
    /// Exclude imported files from the image.
    #[arg(long)]
    pub exclude_imports: bool,
    /// Exclude source code info.
    #[arg(long)]
    pub exclude_source_info: bool,
    /// Write a plain google.protobuf.FileDescriptorSet (no buf metadata).
    #[arg(long)]
    pub as_file_descriptor_set: bool,
    /// Format of compile errors (printed to stderr, as buf does).
    #[arg(long, default_value = "text", value_name = "FORMAT")]
    pub error_format: String,
}

#[derive(Debug, Args)]
pub struct LsFilesArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format: text, json or import.
    #[arg(long, default_value = "text")]
    pub format: String,
    /// Include imported files.
    #[arg(long)]
    pub include_imports: bool,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format: text, json, msvs, junit, github-actions, gitlab-code-quality, config-ignore-yaml, sarif.
    /// Repeatable; `FORMAT=FILE` writes that report to FILE (atomically) instead of stdout,
    /// e.g. `--error-format text --error-format sarif=lint.sarif`.
    #[arg(long, default_value = "text", value_name = "FORMAT[=FILE]", action = clap::ArgAction::Append)]
    pub error_format: Vec<String>,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Without a template: the crate directory to write (created if missing).
    /// With a template (buf.gen.yaml): the base directory of the plugins'
    /// `out:` directories (default: the current directory).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<String>,
    /// The buf.gen.yaml file or data (YAML or JSON) that lists the plugins to run.
    /// Default: buf.gen.yaml in the current directory, if there is one and no
    /// crate flag is given.
    #[arg(long, value_name = "FILE|DATA")]
    pub template: Option<String>,
    /// Crate name (default: from the output directory's name).
    #[arg(long)]
    pub crate_name: Option<String>,
    /// Crate version.
    #[arg(long, default_value = "0.1.0")]
    pub crate_version: String,
    /// Crate description.
    #[arg(long, default_value = "Protocol Buffers types and gRPC services.")]
    pub description: String,
    /// Crate license (SPDX expression).
    #[arg(long, default_value = "Apache-2.0")]
    pub license: String,
    /// Crate repository URL.
    #[arg(long)]
    pub repository: Option<String>,
    /// A directory whose Cargo.toml.j2 / README.md.j2 replace the built-in templates.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<String>,
    /// Write nothing: compare with the crate on disk, print a diff and exit 100 if stale.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    /// The input: a directory or a .proto file (default: the current directory).
    pub input: Option<String>,
    /// The buf.yaml file or data (YAML or JSON) to use for configuration.
    #[arg(long, value_name = "FILE|DATA")]
    pub config: Option<String>,
    /// Limit to specific files or directories (repeatable; the union is taken).
    #[arg(long, value_name = "PATH")]
    pub path: Vec<String>,
    /// Exclude specific files or directories (repeatable).
    #[arg(long = "exclude-path", value_name = "PATH")]
    pub exclude_path: Vec<String>,
    /// Do not follow symlinks (accepted for compatibility).
    #[arg(long = "disable-symlinks", hide = true)]
    pub disable_symlinks: bool,
    /// Print a unified diff of each file that would change instead of the formatted content.
    #[arg(short, long)]
    pub diff: bool,
    /// Rewrite files in place (atomically; only files that change are written).
    #[arg(short, long)]
    pub write: bool,
    /// Write the result to this .proto file (for a single-file input) or directory
    /// (created if missing) instead of stdout.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<String>,
    /// Exit with code 100 when any file is not formatted.
    #[arg(long)]
    pub exit_code: bool,
    /// Format of syntax errors (printed to stderr): text, json, msvs, junit,
    /// github-actions, gitlab-code-quality, sarif.
    #[arg(long, default_value = "text", value_name = "FORMAT")]
    pub error_format: String,
    /// Read one .proto file from stdin and report it under this path; the result goes to stdout.
    #[arg(long, value_name = "PATH")]
    pub stdin_filepath: Option<String>,
    /// Self-check of the lossless parser: print each file's tree back unformatted and
    /// report the files that do not reproduce their source byte for byte (exit 1 if any).
    #[arg(long, hide = true)]
    pub roundtrip_check: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule ID (e.g. FIELD_LOWER_SNAKE_CASE or FIELD_SAME_TYPE).
    pub rule: String,
}

#[derive(Debug, Args)]
pub struct BreakingArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The baseline to compare against (same syntax as the input).
    #[arg(long, value_name = "INPUT")]
    pub against: Option<String>,
    /// The buf.yaml file or data for the baseline.
    #[arg(long, value_name = "FILE|DATA")]
    pub against_config: Option<String>,
    /// Output format (as for lint; config-ignore-yaml is rejected). Repeatable;
    /// `FORMAT=FILE` writes that report to FILE instead of stdout.
    #[arg(long, default_value = "text", value_name = "FORMAT[=FILE]", action = clap::ArgAction::Append)]
    pub error_format: Vec<String>,
    /// Do not check imported files.
    #[arg(long)]
    pub exclude_imports: bool,
    /// Only check files of the baseline that are also in the input.
    #[arg(long)]
    pub limit_to_input_files: bool,
}

#[derive(Debug, Args)]
pub struct LsRulesArgs {
    /// Config version whose rules to list (v1beta1, v1, v2); default: the configured one, else v1.
    #[arg(long)]
    pub version: Option<String>,
    /// Only the rules the configuration selects.
    #[arg(long)]
    pub configured_only: bool,
    /// Include deprecated rules.
    #[arg(long)]
    pub include_deprecated: bool,
    /// text or json.
    #[arg(long, default_value = "text")]
    pub format: String,
    /// The buf.yaml file or data to use.
    #[arg(long)]
    pub config: Option<String>,
    /// Module path (v2 workspaces).
    #[arg(long)]
    pub module_path: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The directory to write buf.yaml to.
    #[arg(short, long, default_value = ".")]
    pub output: String,
}
