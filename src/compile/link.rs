//! Linking into prost-reflect pools, in parallel.
//!
//! prost-reflect links sequentially. For a large schema the files are split
//! into one contiguous chunk of the dependency order per thread, and each
//! chunk is linked with its dependency closure in a pool of its own (shared
//! dependencies are linked once per chunk that needs them). Symbols that
//! could collide *across* chunks are the top-level ones (packages, top-level
//! messages, enums and their values, services, extensions); those are
//! checked in one pass over all files, so the result is the same as one big
//! link. Any error falls back to a single sequential link, which reports it
//! exactly as before.

use std::{cell::Cell, panic::AssertUnwindSafe, sync::Once};

use prost_reflect::{DescriptorError, DescriptorPool};
use prost_types::FileDescriptorProto;
use rayon::prelude::*;

use super::CompiledFile;

/// Below this many files a single pool is faster than splitting.
const PARALLEL_THRESHOLD: usize = 256;

/// Why a link did not produce pools.
#[derive(Debug)]
pub enum LinkError {
    /// The schema is invalid.
    Invalid(DescriptorError),
    /// prost-reflect panicked (a bug there, found by fuzzing); the message.
    Panicked(String),
}

thread_local! {
    static LINKING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` (a call into prost-reflect), turning a panic inside it into
/// `Err(message)` without the default panic message on stderr. prost-reflect
/// 0.16 panics on some invalid inputs (found by fuzzing); protogate must
/// report an error instead.
pub fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !LINKING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = LINKING.with(|l| l.replace(true));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    LINKING.with(|l| l.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

/// Runs prost-reflect's link, a panic inside it becoming an error.
fn guarded_link(protos: Vec<FileDescriptorProto>) -> Result<DescriptorPool, LinkError> {
    match catch_panic(move || {
        let mut pool = DescriptorPool::new();
        pool.add_file_descriptor_protos(protos).map(|_| pool)
    }) {
        Ok(Ok(pool)) => Ok(pool),
        Ok(Err(e)) => Err(LinkError::Invalid(e)),
        Err(msg) => Err(LinkError::Panicked(msg)),
    }
}

/// The descriptors of `files` for the linker. When an editions file is
/// among them, the bundled descriptor.proto comes first if no file imports
/// it: prost-reflect interprets options against the pool's
/// `google.protobuf.*Options`, and falls back to a built-in copy that
/// predates editions (its `FeatureSet` enums number differently, e.g.
/// `utf8_validation = NONE` would be encoded as 1 instead of 3).
fn link_protos<'f>(files: impl Iterator<Item = &'f CompiledFile>) -> Vec<FileDescriptorProto> {
    const DESCRIPTOR: &str = "google/protobuf/descriptor.proto";
    let mut editions = false;
    let mut has_descriptor = false;
    let mut protos: Vec<FileDescriptorProto> = files
        .map(|f| {
            editions |= f.edition.is_some();
            has_descriptor |= f.name == DESCRIPTOR;
            f.link_proto()
        })
        .collect();
    if editions
        && !has_descriptor
        && let Some(b) = super::wkt::get(DESCRIPTOR)
    {
        protos.insert(
            0,
            FileDescriptorProto {
                source_code_info: None,
                ..b.proto.clone()
            },
        );
    }
    protos
}

/// Linked pools and, for every file, the pool that holds it.
#[derive(Debug)]
pub struct Linked {
    pub pools: Vec<DescriptorPool>,
    /// `home[i]`: index into `pools` for `files[i]`.
    pub home: Vec<usize>,
}

/// Links `files` (in dependency order).
pub(super) fn link(files: &[CompiledFile]) -> Result<Linked, LinkError> {
    let threads = rayon::current_num_threads();
    if files.len() < PARALLEL_THRESHOLD || threads < 2 {
        return single(files);
    }
    let chunks = split(files, threads);
    let index: std::collections::HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.name.as_str(), i))
        .collect();
    let results: Vec<Result<DescriptorPool, LinkError>> = chunks
        .par_iter()
        .map(|range| {
            // The chunk and its dependency closure, in dependency order.
            let mut member = vec![false; files.len()];
            let mut stack: Vec<usize> = range.clone().collect();
            while let Some(i) = stack.pop() {
                if member[i] {
                    continue;
                }
                member[i] = true;
                for dep in &files[i].parsed.dependency {
                    if let Some(&d) = index.get(dep.as_str())
                        && !member[d]
                    {
                        stack.push(d);
                    }
                }
            }
            let protos = link_protos(
                files
                    .iter()
                    .zip(&member)
                    .filter(|(_, m)| **m)
                    .map(|(f, _)| f),
            );
            let n = protos.len();
            let timer = crate::timing::Timer::start("link");
            let pool = guarded_link(protos);
            timer.stage(&format!(
                "chunk {}..{} ({n} files with dependencies)",
                range.start, range.end
            ));
            pool
        })
        .collect();
    let mut pools = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(p) => pools.push(p),
            // Report the error exactly as one sequential link would.
            Err(_) => return single(files),
        }
    }
    let mut home = vec![0; files.len()];
    for (c, range) in chunks.iter().enumerate() {
        for i in range.clone() {
            home[i] = c;
        }
    }
    Ok(Linked { pools, home })
}

fn single(files: &[CompiledFile]) -> Result<Linked, LinkError> {
    let pool = guarded_link(link_protos(files.iter()))?;
    Ok(Linked {
        pools: vec![pool],
        home: vec![0; files.len()],
    })
}

/// Splits the dependency order into `n` contiguous chunks of about equal
/// source size.
fn split(files: &[CompiledFile], n: usize) -> Vec<std::ops::Range<usize>> {
    let weight = |f: &CompiledFile| f.text.len().max(1);
    let total: usize = files.iter().map(weight).sum();
    let per = total.div_ceil(n);
    let mut chunks = Vec::with_capacity(n);
    let (mut start, mut acc) = (0, 0);
    for (i, f) in files.iter().enumerate() {
        acc += weight(f);
        if acc >= per && chunks.len() + 1 < n {
            chunks.push(start..i + 1);
            start = i + 1;
            acc = 0;
        }
    }
    if start < files.len() {
        chunks.push(start..files.len());
    }
    chunks
}
