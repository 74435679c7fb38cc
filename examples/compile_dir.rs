//! Compiles every .proto file under a directory (one root, no config) and
//! prints stage timings: `cargo run --release --example compile_dir -- DIR`.
use std::{collections::BTreeMap, path::Path, time::Instant};

use protogate::compile::{self, Outcome, Source};

fn walk(root: &Path, dir: &Path, out: &mut Vec<Source>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, out);
        } else if p.extension().is_some_and(|x| x == "proto") {
            let name = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            out.push(Source {
                name: name.clone(),
                external: name.clone(),
                module_path: name,
                fs_path: Some(p),
                is_target: true,
            });
        }
    }
}

fn main() {
    let root = std::env::args().nth(1).expect("DIR");
    let t = Instant::now();
    let mut files = Vec::new();
    walk(Path::new(&root), Path::new(&root), &mut files);
    let sources: BTreeMap<_, _> = files.iter().map(|s| (s.name.clone(), s.clone())).collect();
    eprintln!("walk: {:?} ({} files)", t.elapsed(), files.len());
    let t = Instant::now();
    match compile::compile(&files, &sources).unwrap() {
        Outcome::Ok(c) => {
            eprintln!("compile: {:?} ({} files)", t.elapsed(), c.files.len());
            if let Some(out) = std::env::args().nth(2) {
                let t = Instant::now();
                let img = protogate::input::load::image_of(&c);
                let bytes = img.encode(Default::default());
                std::fs::write(out, bytes).unwrap();
                eprintln!("image: {:?}", t.elapsed());
            }
        }
        Outcome::Failed(f) => eprintln!(
            "compile failed: {:?} {:#?}",
            t.elapsed(),
            &f[..f.len().min(5)]
        ),
    }
}
