//! The `protogate` binary: parses flags, calls the library, prints, and maps
//! results to exit codes. No logic lives here.
//!
//! Exit codes: 0 clean; 100 findings (compile errors included); 1 any other
//! failure (`Failure: ...` on stderr); 2 usage errors (clap).

mod cli;

/// The compile allocates and frees millions of small objects on two
/// threads; jemalloc cuts wall time on googleapis by about a fifth against
/// glibc's allocator (farm-bench A/B, 5 runs: wall 0.78x, peak RSS +8%).
/// mimalloc was tried too: less user time but more system time and RSS.
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use std::{
    io::{self, Write},
    process::ExitCode,
};

use clap::Parser;
use cli::{
    BreakingArgs, BuildArgs, Cli, Command, ConfigCommand, InputArgs, LintArgs, LsFilesArgs,
    LsRulesArgs,
};
use protogate::{
    Error, Finding,
    check::finding::sort_and_dedup,
    check::{
        list_rules::{ListRulesOptions, list_rules},
        registry::{CheckKind, render_rules_json, render_rules_text},
    },
    input::{
        image::WriteOptions,
        load::{self, LoadOptions, LoadOutcome},
    },
    report::{self, ErrorFormat},
};

/// Exit code when findings were reported.
const EXIT_FINDINGS: u8 = 100;

/// How a command ended.
enum Outcome {
    Clean,
    Findings,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(EXIT_FINDINGS),
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Error(e)) => {
            let _ = writeln!(io::stderr().lock(), "Failure: {e}");
            ExitCode::from(1)
        }
    }
}

/// A failure of the binary: an engine error, or the reader went away.
enum Failure {
    Error(Error),
    BrokenPipe,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Error(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Error(Error::io("<output>", e))
        }
    }
}

type Run = Result<Outcome, Failure>;

fn run(cli: Cli) -> Run {
    match cli.command {
        Command::Build(args) => build(args),
        Command::LsFiles(args) => ls_files(args),
        Command::Lint(args) => lint(args),
        Command::Breaking(args) => breaking(args),
        Command::Explain(args) => {
            let text = protogate::check::explain::explain(&args.rule)?;
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(Outcome::Clean)
        }
        Command::Format(args) => format(args),
        Command::Generate(args) => generate(args),
        Command::Config(ConfigCommand::Init(args)) => {
            protogate::workspace::init::init(std::path::Path::new(&args.output))?;
            Ok(Outcome::Clean)
        }
        Command::Config(ConfigCommand::LsLintRules(args)) => ls_rules(CheckKind::Lint, args),
        Command::Config(ConfigCommand::LsBreakingRules(args)) => {
            ls_rules(CheckKind::Breaking, args)
        }
    }
}

fn load_options(args: &InputArgs) -> LoadOptions {
    LoadOptions {
        input: args.input.clone(),
        config: args.config.clone(),
        paths: args.path.clone(),
        exclude_paths: args.exclude_path.clone(),
    }
}

/// Parses `--error-format`; `config-ignore-yaml` only where `lint` is true.
fn parse_format(s: &str, lint: bool) -> Result<ErrorFormat, Failure> {
    match s.parse::<ErrorFormat>() {
        Ok(ErrorFormat::ConfigIgnoreYaml) if !lint => {
            Err(Error::msg(format!("--error-format: invalid format: \"{s}\"")).into())
        }
        Ok(f) => Ok(f),
        Err(e) => Err(Error::msg(format!("--error-format: {e}")).into()),
    }
}

/// Prints findings (sorted, de-duplicated) to `out`.
fn print_findings(format: ErrorFormat, mut findings: Vec<Finding>, out: &mut dyn Write) -> Run {
    sort_and_dedup(&mut findings);
    report::write_report(format, &findings, out)?;
    out.flush()?;
    Ok(if findings.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

fn format(args: cli::FormatArgs) -> Run {
    use protogate::format::{self, FormatOptions};
    let error_format = parse_format(&args.error_format, false)?;
    let opts = FormatOptions {
        input: args.input,
        config: args.config,
        paths: args.path,
        exclude_paths: args.exclude_path,
        diff: args.diff,
        write: args.write,
        output: args.output,
        exit_code: args.exit_code,
        stdin_filepath: args.stdin_filepath,
    };
    if args.roundtrip_check {
        let rt = format::roundtrip_check(&opts)?;
        let mut out = io::stdout().lock();
        for (path, why) in &rt.differing {
            writeln!(out, "{path}: {why}")?;
        }
        writeln!(
            out,
            "roundtrip: {} files printed back byte for byte, {} differ, {} do not parse",
            rt.identical,
            rt.differing.len(),
            rt.errors.len()
        )?;
        out.flush()?;
        if !rt.errors.is_empty() {
            print_findings(error_format, rt.errors, &mut io::stderr().lock())?;
        }
        return if rt.differing.is_empty() {
            Ok(Outcome::Clean)
        } else {
            Err(Error::msg("some files did not print back byte for byte").into())
        };
    }
    let run = format::run(&opts)?;
    let mut out = io::stdout().lock();
    if opts.diff {
        let ts = format::diff_timestamp();
        for f in run.files.iter().filter(|f| f.changed()) {
            let d = format::unified_diff(&f.file.external, &f.original, &f.formatted, &ts);
            out.write_all(d.as_bytes())?;
        }
    }
    let mut write_errors = Vec::new();
    if opts.write {
        write_errors = format::write_in_place(&run);
    }
    match opts.output.as_deref() {
        Some(dest) if dest != "-" => {
            let dest = std::path::Path::new(dest);
            if dest.extension().is_some_and(|e| e == "proto") {
                match run.files.as_slice() {
                    [] => {}
                    [one] => {
                        protogate::input::output::write_atomic(dest, one.formatted.as_bytes())?
                    }
                    _ => {
                        return Err(Error::msg(format!(
                            "--output {} is a .proto file but the input has {} files; use a directory",
                            dest.display(),
                            run.files.len()
                        ))
                        .into());
                    }
                }
            } else {
                format::write_tree(&run, dest)?;
            }
        }
        _ if !opts.diff && !opts.write => {
            for f in &run.files {
                out.write_all(f.formatted.as_bytes())?;
            }
        }
        _ => {}
    }
    out.flush()?;
    drop(out);
    let syntax_errors = !run.errors.is_empty();
    if syntax_errors || !write_errors.is_empty() {
        let mut all = run.errors.clone();
        all.extend(write_errors.iter().cloned());
        print_findings(error_format, all, &mut io::stderr().lock())?;
    }
    if !write_errors.is_empty() {
        return Err(Error::msg(format!(
            "{} file(s) could not be written",
            write_errors.len()
        ))
        .into());
    }
    if syntax_errors || (opts.exit_code && run.any_changed()) {
        return Ok(Outcome::Findings);
    }
    Ok(Outcome::Clean)
}

fn build(args: BuildArgs) -> Run {
    // config-ignore-yaml is lint's alone (buf rejects it elsewhere).
    let format = parse_format(&args.error_format, false)?;
    let output = args
        .output
        .as_deref()
        .map(protogate::input::output::OutputTarget::parse)
        .transpose()?;
    let loaded = match load::load(&load_options(&args.input))? {
        LoadOutcome::Failed(findings) => {
            // buf prints build errors on stderr.
            return print_findings(format, findings, &mut io::stderr().lock());
        }
        LoadOutcome::Ok(l) => l,
    };
    let image = loaded.to_image();
    let opts = WriteOptions {
        exclude_imports: args.exclude_imports,
        exclude_source_info: args.exclude_source_info,
        as_file_descriptor_set: args.as_file_descriptor_set,
    };
    if let Some(target) = output {
        let timer = protogate::timing::Timer::start("build");
        target.write_image(&image, opts)?;
        timer.stage("write");
    }
    // The process ends here: skip freeing the schema piece by piece.
    std::mem::forget(image);
    std::mem::forget(loaded);
    Ok(Outcome::Clean)
}

fn ls_files(args: LsFilesArgs) -> Run {
    let format = args.format.as_str();
    if !matches!(format, "text" | "json" | "import") {
        return Err(Error::msg(format!("--format: invalid format: \"{format}\"")).into());
    }
    let listing =
        protogate::input::list::list_files(&load_options(&args.input), args.include_imports)?;
    let mut out = io::stdout().lock();
    match listing {
        protogate::input::list::Listing::Failed(findings) => {
            print_findings(ErrorFormat::Text, findings, &mut out)
        }
        protogate::input::list::Listing::Files(files) => {
            for f in files {
                match format {
                    "text" => writeln!(out, "{}", f.path)?,
                    "import" => writeln!(out, "{}", f.import_path)?,
                    _ => writeln!(out, "{}", f.to_json())?,
                }
            }
            out.flush()?;
            Ok(Outcome::Clean)
        }
    }
}

fn ls_rules(kind: CheckKind, args: LsRulesArgs) -> Run {
    let json = match args.format.as_str() {
        "text" => false,
        "json" => true,
        f => return Err(Error::msg(format!("--format: invalid format: \"{f}\"")).into()),
    };
    let rows = list_rules(&ListRulesOptions {
        kind,
        version: args.version,
        configured_only: args.configured_only,
        include_deprecated: args.include_deprecated,
        config: args.config,
        module_path: args.module_path,
    })?;
    let text = if json {
        render_rules_json(&rows)
    } else {
        render_rules_text(&rows)
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Clean)
}

/// One report destination: a format, and a file (`None`: stdout).
struct ReportTarget {
    format: ErrorFormat,
    file: Option<std::path::PathBuf>,
}

/// Parses repeated `--error-format FORMAT[=FILE]`; at most one report goes
/// to stdout.
fn parse_targets(values: &[String], lint: bool) -> Result<Vec<ReportTarget>, Failure> {
    let mut targets = Vec::new();
    for v in values {
        let (format, file) = match v.split_once('=') {
            Some((f, file)) if !file.is_empty() => (f, Some(std::path::PathBuf::from(file))),
            Some((f, _)) => {
                return Err(Error::msg(format!(
                    "--error-format {f}=: the file name after '=' is empty"
                ))
                .into());
            }
            None => (v.as_str(), None),
        };
        targets.push(ReportTarget {
            format: parse_format(format, lint)?,
            file,
        });
    }
    if targets.iter().filter(|t| t.file.is_none()).count() > 1 {
        return Err(Error::msg(
            "--error-format: only one report can go to stdout; write the others to files with FORMAT=FILE",
        )
        .into());
    }
    Ok(targets)
}

/// Writes findings (sorted, de-duplicated) to every target: stdout, or a
/// file written atomically.
fn report_all(targets: &[ReportTarget], mut findings: Vec<Finding>) -> Run {
    sort_and_dedup(&mut findings);
    for t in targets {
        match &t.file {
            None => {
                let mut out = io::stdout().lock();
                report::write_report(t.format, &findings, &mut out)?;
                out.flush()?;
            }
            Some(path) => {
                let mut bytes = Vec::new();
                report::write_report(t.format, &findings, &mut bytes)?;
                protogate::input::output::write_atomic(path, &bytes)?;
            }
        }
    }
    Ok(if findings.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

fn lint(args: LintArgs) -> Run {
    let targets = parse_targets(&args.error_format, true)?;
    match load::load(&load_options(&args.input))? {
        LoadOutcome::Failed(findings) => report_all(&targets, findings),
        LoadOutcome::Ok(loaded) => {
            let (findings, warnings) =
                protogate::lint::lint(&loaded, args.input.config.as_deref())?;
            let mut err = io::stderr().lock();
            for w in &warnings {
                let _ = writeln!(err, "WARN\t{w}");
            }
            drop(err);
            let outcome = report_all(&targets, findings);
            // The process ends here: skip freeing the schema piece by piece.
            std::mem::forget(loaded);
            outcome
        }
    }
}

/// `generate --check`: the diffs on stdout; findings (exit 100) when
/// anything is stale.
fn print_check(check: &protogate::generate::Check) -> Run {
    let mut stdout = io::stdout().lock();
    for d in &check.diffs {
        stdout.write_all(d.as_bytes())?;
    }
    stdout.flush()?;
    Ok(if check.diffs.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// The generation template of this run: `--template` (a file or inline
/// data), else `buf.gen.yaml` in the current directory unless crate flags
/// ask for a crate.
fn generation_template(
    args: &cli::GenerateArgs,
) -> std::result::Result<Option<protogate::generate::template::Template>, Error> {
    use protogate::generate::template;
    let (text, display) = match &args.template {
        Some(t) => {
            let path = std::path::Path::new(t);
            if path.is_file() {
                (
                    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?,
                    t.clone(),
                )
            } else if t.ends_with(".yaml") || t.ends_with(".yml") || t.ends_with(".json") {
                return Err(Error::msg(format!("{t}: no such file")));
            } else {
                (t.clone(), "--template".to_string())
            }
        }
        None => {
            let crate_flags =
                args.crate_name.is_some() || args.repository.is_some() || args.templates.is_some();
            let default = std::path::Path::new("buf.gen.yaml");
            if crate_flags || !default.is_file() {
                return Ok(None);
            }
            (
                std::fs::read_to_string(default).map_err(|e| Error::io(default, e))?,
                "buf.gen.yaml".to_string(),
            )
        }
    };
    template::parse(&text, &display).map(Some)
}

/// `generate` with a template: every plugin over each input.
fn generate_with_template(
    args: &cli::GenerateArgs,
    template: &protogate::generate::template::Template,
) -> Run {
    let base = std::path::PathBuf::from(args.output.as_deref().unwrap_or("."));
    // The command-line input wins; else the template's inputs; else ".".
    let inputs: Vec<String> = if args.input.input != "." || template.inputs.is_empty() {
        vec![args.input.input.clone()]
    } else {
        template.inputs.clone()
    };
    let mut all = protogate::generate::plugins::Outputs::new();
    for input in inputs {
        let mut opts = load_options(&args.input);
        opts.input = input;
        let loaded = match load::load(&opts)? {
            LoadOutcome::Failed(findings) => {
                return print_findings(ErrorFormat::Text, findings, &mut io::stdout().lock());
            }
            LoadOutcome::Ok(l) => l,
        };
        let image = loaded.to_image();
        for (out, files) in protogate::generate::plugins::run(template, &image)? {
            all.entry(out).or_default().extend(files);
        }
    }
    if args.check {
        return print_check(&protogate::generate::check_outputs(&base, &all));
    }
    protogate::generate::write_outputs(&base, &all)?;
    Ok(Outcome::Clean)
}

fn generate(args: cli::GenerateArgs) -> Run {
    if let Some(template) = generation_template(&args)? {
        return generate_with_template(&args, &template);
    }
    let Some(output) = args.output.clone() else {
        return Err(Error::msg(
            "generate: give -o DIR to generate a crate, or a buf.gen.yaml (in the current \
             directory, or with --template) to run its plugins",
        )
        .into());
    };
    let out = std::path::PathBuf::from(&output);
    let name = args.crate_name.clone().unwrap_or_else(|| {
        let dir = protogate::input::absolute(&out);
        let hint = dir.file_name().map(|n| n.to_string_lossy().into_owned());
        protogate::generate::default_crate_name(&hint.unwrap_or_default())
    });
    let loaded = match load::load(&load_options(&args.input))? {
        LoadOutcome::Failed(findings) => {
            return print_findings(ErrorFormat::Text, findings, &mut io::stdout().lock());
        }
        LoadOutcome::Ok(l) => l,
    };
    let opts = protogate::generate::CrateOptions {
        name,
        version: args.crate_version,
        description: args.description,
        license: args.license,
        repository: args.repository,
        templates: args.templates.map(std::path::PathBuf::from),
    };
    let generated = protogate::generate::generate(&loaded, &opts)?;
    if args.check {
        return print_check(&protogate::generate::check(&out, &generated));
    }
    protogate::generate::write(&out, &generated)?;
    Ok(Outcome::Clean)
}

fn breaking(args: BreakingArgs) -> Run {
    let targets = parse_targets(&args.error_format, false)?;
    let Some(against) = args.against.clone() else {
        return Err(Error::msg("Must set --against or --against-registry").into());
    };
    let against_opts = LoadOptions {
        input: against,
        config: args.against_config.clone(),
        paths: Vec::new(),
        exclude_paths: Vec::new(),
    };
    // Both sides load at once: each has sequential stretches the other fills.
    let (current, previous) = rayon::join(
        || load::load(&load_options(&args.input)),
        || load::load(&against_opts),
    );
    let (current, previous) = (current?, previous?);
    let (current, previous) = match (current, previous) {
        (LoadOutcome::Ok(c), LoadOutcome::Ok(p)) => (c, p),
        (c, p) => {
            // Compile errors of either side are reported as findings.
            let mut findings = Vec::new();
            for side in [c, p] {
                if let LoadOutcome::Failed(f) = side {
                    findings.extend(f);
                }
            }
            return report_all(&targets, findings);
        }
    };
    let opts = protogate::breaking::Options {
        exclude_imports: args.exclude_imports,
        limit_to_input_files: args.limit_to_input_files,
        config: args.input.config.clone(),
    };
    let (findings, warnings) = protogate::breaking::breaking(&current, &previous, &opts)?;
    let mut err = io::stderr().lock();
    for w in &warnings {
        let _ = writeln!(err, "WARN\t{w}");
    }
    drop(err);
    let outcome = report_all(&targets, findings);
    // The process ends here: skip freeing both schemas piece by piece.
    std::mem::forget(current);
    std::mem::forget(previous);
    outcome
}
