//! Fuzz target: the parse + compile path, as `protogate build` runs it.
//!
//! Input: up to three `.proto` files. The input is split at the first two
//! separator bytes: `0x00` starts a file that is a *target*, `0x01` one that
//! is only importable (not a target). The first file, `a.proto`, is always a
//! target; the next ones are `b.proto` and `c.proto`, so that
//! `import "b.proto";` and cycles between the three resolve. Everything after
//! the second separator (further separators included) belongs to `c.proto`.
//! The bundled well-known types (`google/protobuf/*.proto`) import as usual.
//!
//! `compile::compile` reads sources from disk only (`Source::fs_path`), so
//! each input is written to a per-process directory under the temp dir. The
//! raw bytes are written as they are: invalid UTF-8 is part of the input
//! space.
//!
//! Checked, besides "no panic" (arithmetic overflow included when built with
//! `-a`/debug assertions):
//! - every finding is a `COMPILE` finding, and one with a path has a span
//!   whose lines and columns are all >= 1;
//! - on success, every source location has a 3- or 4-element span of
//!   non-negative values and every unused-dependency index is in range
//!   (after option-path rewriting);
//! - the image (`input::load::image_of`) has one file per compiled file,
//!   links on its own, and survives `Image::encode` + `Image::decode`
//!   unchanged; every `WriteOptions` combination decodes; the JSON form
//!   (`to_json` + `from_json`) keeps the file names;
//! - `compile` returns no `internal` error (a prost-reflect panic that
//!   `compile::link` caught comes back as one).
#![no_main]

use std::{
    collections::BTreeMap,
    path::PathBuf,
    sync::OnceLock,
};

use libfuzzer_sys::fuzz_target;
use protogate::{
    compile::{self, COMPILE, Outcome, Source},
    input::{
        image::{Image, WriteOptions},
        load::image_of,
    },
};

const NAMES: [&str; 3] = ["a.proto", "b.proto", "c.proto"];

/// One directory per fuzzing process (libFuzzer's `-jobs`/`-fork` start
/// several processes; each has its own).
fn work_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("protogate-fuzz-compile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create fuzz work dir");
        dir
    })
}

/// Splits the input into (contents, is_target) for up to three files.
fn split(data: &[u8]) -> Vec<(&[u8], bool)> {
    let mut files = Vec::with_capacity(3);
    let mut start = 0;
    let mut target = true;
    for (i, &b) in data.iter().enumerate() {
        if files.len() == 2 {
            break;
        }
        if b == 0 || b == 1 {
            files.push((&data[start..i], target));
            start = i + 1;
            target = b == 0;
        }
    }
    files.push((&data[start..], target));
    files
}

fn check_span(what: &str, f: &protogate::Finding) {
    let s = f.span;
    assert!(
        s.start_line >= 1 && s.start_column >= 1 && s.end_line >= 1 && s.end_column >= 1,
        "{what} finding with a path has a span below 1: {f:?}"
    );
}

fn encode_options() -> [WriteOptions; 8] {
    let mut all = [WriteOptions::default(); 8];
    for (i, o) in all.iter_mut().enumerate() {
        o.exclude_imports = i & 1 != 0;
        o.exclude_source_info = i & 2 != 0;
        o.as_file_descriptor_set = i & 4 != 0;
    }
    all
}

fuzz_target!(|data: &[u8]| {
    let dir = work_dir();
    let files = split(data);
    let mut sources = BTreeMap::new();
    let mut targets = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        let path = dir.join(name);
        let Some((text, is_target)) = files.get(i) else {
            let _ = std::fs::remove_file(&path);
            continue;
        };
        std::fs::write(&path, text).expect("write fuzz input file");
        let src = Source {
            name: name.to_string(),
            external: name.to_string(),
            module_path: name.to_string(),
            fs_path: Some(path),
            is_target: *is_target,
        };
        if *is_target {
            targets.push(src.clone());
        }
        sources.insert(name.to_string(), src);
    }

    let outcome = match compile::compile(&targets, &sources) {
        Ok(o) => o,
        // "Could not run" errors: a file that is not UTF-8, an editions file.
        // An internal error (e.g. a panic of the linker, caught and turned
        // into an error by `compile::link`) is a bug all the same.
        Err(e) => {
            let m = e.to_string();
            assert!(!m.contains("internal"), "compile returned an internal error: {m}");
            return;
        }
    };
    let compiled = match outcome {
        Outcome::Failed(findings) => {
            assert!(!findings.is_empty(), "compile failed without findings");
            for f in &findings {
                assert_eq!(f.rule, COMPILE, "unexpected rule in {f:?}");
                if f.path.is_some() {
                    check_span("COMPILE", f);
                }
            }
            let mut findings = findings;
            protogate::check::finding::sort_and_dedup(&mut findings);
            return;
        }
        Outcome::Ok(c) => c,
    };

    // Source info after option-path rewriting.
    for f in compiled.files.iter().filter(|f| !f.is_bundled) {
        let info = f.source_info();
        for (i, loc) in info.location.iter().enumerate() {
            assert!(
                matches!(loc.span.len(), 3 | 4) && loc.span.iter().all(|v| *v >= 0),
                "{}: bad span {:?} at path {:?}",
                f.name,
                loc.span,
                loc.path
            );
            // Each call decodes the file's source info: sample a few.
            if i < 8 {
                let _ = f.span_of(&loc.path);
                let _ = f.compile_span_of(&loc.path);
            }
        }
        for d in &f.unused_dependency {
            assert!(
                usize::try_from(*d).is_ok_and(|d| d < f.parsed.dependency.len()),
                "{}: unused dependency index {d} out of range",
                f.name
            );
        }
    }

    // The image and its encodings.
    let image = image_of(&compiled);
    assert_eq!(
        image.files.len(),
        compiled.files.len(),
        "image_of dropped files"
    );
    if let Err(e) = image.link() {
        panic!("image of a successful compile does not link: {e}");
    }
    image
        .file_descriptor_protos()
        .expect("image files decode as FileDescriptorProto");
    for opts in encode_options() {
        let bytes = image.encode(opts);
        match Image::decode(&bytes) {
            Ok(back) => {
                if !opts.exclude_imports && !opts.exclude_source_info && !opts.as_file_descriptor_set {
                    assert_eq!(back, image, "image changed in an encode/decode round trip");
                }
            }
            // Even an encoding with every file excluded (empty) decodes.
            Err(e) => panic!("encoded image does not decode ({opts:?}): {e}"),
        }
    }
    match image.to_json(WriteOptions::default()) {
        Ok(json) => match Image::from_json(&json) {
            Ok(back) => {
                let names = |i: &Image| i.files.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
                assert_eq!(names(&back), names(&image), "JSON round trip changed the files");
            }
            Err(e) => panic!("JSON image does not decode: {e}\n{json}"),
        },
        Err(e) => panic!("image does not encode as JSON: {e}"),
    }
});
