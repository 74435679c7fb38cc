//! `protogate format`: prints `.proto` files exactly as `buf format` does,
//! from the lossless tree of [`crate::syntax`].
//!
//! Files are read and formatted in parallel; a file that does not parse is
//! reported (path, line, column) and left untouched while the others are
//! still processed. Writes are atomic and only touch files that change.

mod printer;

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::input::{InputFormat, InputRef};
use crate::syntax::{self, SyntaxError};
use crate::workspace::{self, DiscoverOptions};
use crate::{Error, Finding, Result, Span};

/// Formats one file's source text.
pub fn format_source(src: &str) -> std::result::Result<String, SyntaxError> {
    let parsed = syntax::parse(src)?;
    let mut p = printer::Printer::new(&parsed.lexed);
    p.write_file(&parsed);
    Ok(p.finish())
}

/// What `protogate format` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct FormatOptions {
    pub input: Option<String>,
    pub config: Option<String>,
    pub paths: Vec<String>,
    pub exclude_paths: Vec<String>,
    pub diff: bool,
    pub write: bool,
    /// `-o`: a file (for a `.proto` input) or a directory; `-` is stdout.
    pub output: Option<String>,
    pub exit_code: bool,
    /// Read one file from stdin, reporting it under this path.
    pub stdin_filepath: Option<String>,
}

/// One file to format.
#[derive(Debug, Clone)]
pub struct FormatFile {
    /// The path as printed (relative to the working directory).
    pub external: String,
    /// The path inside its module (where `-o DIR` writes it).
    pub name: String,
    /// Where it is read from and `-w` writes to; `None` for stdin.
    pub fs_path: Option<PathBuf>,
}

/// The result for one file.
#[derive(Debug)]
pub struct Formatted {
    pub file: FormatFile,
    pub original: String,
    pub formatted: String,
}

impl Formatted {
    pub fn changed(&self) -> bool {
        self.original != self.formatted
    }
}

/// Everything a run produced: the formatted files, and the files that
/// could not be read or parsed (as `COMPILE` findings).
#[derive(Debug, Default)]
pub struct FormatRun {
    pub files: Vec<Formatted>,
    pub errors: Vec<Finding>,
}

impl FormatRun {
    pub fn any_changed(&self) -> bool {
        self.files.iter().any(Formatted::changed)
    }
}

fn flag_conflicts(opts: &FormatOptions) -> Result<()> {
    if opts.write && opts.output.as_deref().is_some_and(|o| o != "-") {
        return Err(Error::msg("cannot use --output when using --write"));
    }
    if opts.stdin_filepath.is_some() {
        let bad = [
            (opts.input.is_some(), "an input"),
            (opts.write, "--write"),
            (opts.output.as_deref().is_some_and(|o| o != "-"), "--output"),
            (!opts.paths.is_empty(), "--path"),
            (!opts.exclude_paths.is_empty(), "--exclude-path"),
            (opts.config.is_some(), "--config"),
        ];
        if let Some((_, what)) = bad.iter().find(|(b, _)| *b) {
            return Err(Error::msg(format!(
                "--stdin-filepath cannot be used with {what}"
            )));
        }
    }
    Ok(())
}

/// The `.proto` files the options select (a directory's workspace targets,
/// or one file).
pub fn select_files(opts: &FormatOptions) -> Result<Vec<FormatFile>> {
    if let Some(p) = &opts.stdin_filepath {
        return Ok(vec![FormatFile {
            external: p.clone(),
            name: p.clone(),
            fs_path: None,
        }]);
    }
    let raw = opts.input.clone().unwrap_or_else(|| ".".into());
    let input = InputRef::parse(&raw)?;
    let dopts = DiscoverOptions {
        config_override: opts.config.clone(),
        paths: opts.paths.clone(),
        exclude_paths: opts.exclude_paths.clone(),
    };
    let mut files: Vec<FormatFile> = match input.format {
        InputFormat::Dir => {
            let ws = workspace::discover(Path::new(&input.path), &dopts)?;
            workspace::list_files(&ws, &dopts)?
                .into_iter()
                .filter(|f| f.is_target)
                .map(|f| FormatFile {
                    external: f.external,
                    name: f.name,
                    fs_path: Some(f.fs_path),
                })
                .collect()
        }
        InputFormat::ProtoFile => {
            if !Path::new(&input.path).is_file() {
                return Err(Error::msg(format!("{}: no such file", input.path)));
            }
            let (ws, target) = workspace::discover_proto_file(Path::new(&input.path), &dopts)?;
            workspace::list_files(&ws, &dopts)?
                .into_iter()
                .filter(|f| f.name == target)
                .map(|f| FormatFile {
                    external: f.external,
                    name: f.name,
                    fs_path: Some(f.fs_path),
                })
                .collect()
        }
        other => {
            return Err(Error::msg(format!(
                "format reads directories and .proto files; {} inputs are not supported",
                other.as_str()
            )));
        }
    };
    if files.is_empty() {
        return Err(Error::msg(crate::input::load::NO_FILES_TARGETED));
    }
    files.sort_by(|a, b| a.external.cmp(&b.external));
    Ok(files)
}

fn error_finding(path: &str, line: usize, column: usize, message: String) -> Finding {
    let (l, c) = (line as u32, column as u32);
    Finding::new("COMPILE", message).at(path, path, Span::new(l, c, l, c))
}

fn read_file(file: &FormatFile) -> std::result::Result<String, Finding> {
    let bytes = match &file.fs_path {
        Some(p) => std::fs::read(p)
            .map_err(|e| error_finding(&file.external, 0, 0, format!("cannot read file: {e}")))?,
        None => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map_err(|e| {
                error_finding(&file.external, 0, 0, format!("cannot read stdin: {e}"))
            })?;
            buf
        }
    };
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        let col = offset
            - bytes[..offset]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        error_finding(&file.external, line, col, "file is not valid UTF-8".into())
    })
}

/// Formats the selected files (in parallel). Writes nothing.
pub fn format_files(files: Vec<FormatFile>) -> FormatRun {
    let results: Vec<std::result::Result<Formatted, Finding>> = files
        .into_par_iter()
        .map(|file| {
            let original = read_file(&file)?;
            match format_source(&original) {
                Ok(formatted) => Ok(Formatted {
                    file,
                    original,
                    formatted,
                }),
                Err(e) => Err(error_finding(&file.external, e.line, e.column, e.message)),
            }
        })
        .collect();
    let mut run = FormatRun::default();
    for r in results {
        match r {
            Ok(f) => run.files.push(f),
            Err(e) => run.errors.push(e),
        }
    }
    run
}

/// Runs the command's selection and formatting; the caller prints.
pub fn run(opts: &FormatOptions) -> Result<FormatRun> {
    flag_conflicts(opts)?;
    let files = select_files(opts)?;
    Ok(format_files(files))
}

/// `diff -u` output for one changed file, with buf's header lines.
pub fn unified_diff(path: &str, old: &str, new: &str, timestamp: &str) -> String {
    // buf runs GNU `diff -u`; patience diffing picks the same hunks on all
    // but a few files (where both are correct, aligned differently).
    let algo = similar::Algorithm::Patience;
    let diff = similar::TextDiff::configure()
        .algorithm(algo)
        .diff_lines(old, new);
    let mut out = format!(
        "diff -u {path}.orig {path}\n--- {path}.orig\t{timestamp}\n+++ {path}\t{timestamp}\n"
    );
    for hunk in diff
        .unified_diff()
        .context_radius(3)
        .missing_newline_hint(true)
        .iter_hunks()
    {
        out.push_str(&hunk.to_string());
    }
    out
}

/// Now, as `diff -u` prints it (UTC): `2026-11-24 00:41:17.846119856 +0000`.
pub fn diff_timestamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs() as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}.{:09} +0000",
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        now.subsec_nanos()
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Writes the changed files in place (atomically, keeping permissions).
/// Returns the errors of files that could not be written.
pub fn write_in_place(run: &FormatRun) -> Vec<Finding> {
    run.files
        .par_iter()
        .filter(|f| f.changed())
        .filter_map(|f| {
            let path = f.file.fs_path.as_ref()?;
            crate::input::output::write_atomic_keep_mode(path, f.formatted.as_bytes())
                .err()
                .map(|e| error_finding(&f.file.external, 0, 0, format!("not rewritten: {e}")))
        })
        .collect()
}

/// The lossless-tree self-check: how many files print back byte for byte.
#[derive(Debug, Default)]
pub struct RoundTrip {
    pub identical: usize,
    /// Files whose print-back differs from the source (a bug), with the reason.
    pub differing: Vec<(String, String)>,
    /// Files that do not parse (or cannot be read).
    pub errors: Vec<Finding>,
}

/// Parses each selected file and prints its tree back unformatted.
pub fn roundtrip_check(opts: &FormatOptions) -> Result<RoundTrip> {
    flag_conflicts(opts)?;
    let files = select_files(opts)?;
    let results: Vec<std::result::Result<Option<(String, String)>, Finding>> = files
        .par_iter()
        .map(|file| {
            let src = read_file(file)?;
            let parsed = syntax::parse(&src)
                .map_err(|e| error_finding(&file.external, e.line, e.column, e.message))?;
            Ok(match syntax::print_back(&parsed) {
                Ok(back) if back == src => None,
                Ok(_) => Some((file.external.clone(), "printed back differently".into())),
                Err(e) => Some((file.external.clone(), e)),
            })
        })
        .collect();
    let mut rt = RoundTrip::default();
    for r in results {
        match r {
            Ok(None) => rt.identical += 1,
            Ok(Some(d)) => rt.differing.push(d),
            Err(e) => rt.errors.push(e),
        }
    }
    Ok(rt)
}

/// Writes every formatted file under `dir` at its module path.
pub fn write_tree(run: &FormatRun, dir: &Path) -> Result<()> {
    for f in &run.files {
        let dest = dir.join(&f.file.name);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        crate::input::output::write_atomic(&dest, f.formatted.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_781), (2026, 11, 24));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn diff_has_bufs_headers() {
        let d = unified_diff("a/x.proto", "a\nb\n", "a\nc\n", "T");
        assert_eq!(
            d,
            "diff -u a/x.proto.orig a/x.proto\n--- a/x.proto.orig\tT\n+++ a/x.proto\tT\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
        );
    }
}
