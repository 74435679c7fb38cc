//! The schema every check reads: one entry per file of an input (compiled
//! sources or an image), with its linked descriptor (names resolved, standard
//! options interpreted), its source locations and comments, and which module
//! and run it belongs to. Built once per input; lint and breaking both read it.

use std::borrow::Cow;

use prost::Message;
use prost_types::FileDescriptorProto;
use rayon::prelude::*;

mod source;

pub use crate::compile::features;

pub use source::{LazySource, SourceIndex};

use crate::{
    compile::Compiled,
    input::{image::Image, load::Loaded},
    workspace::SourceFile,
};

/// One file of the schema.
#[derive(Debug)]
pub struct SchemaFile<'a> {
    /// Position in [`Schema::files`].
    pub index: usize,
    /// Import path (`acme/v1/a.proto`).
    pub name: &'a str,
    /// Path as printed (relative to the cwd as the user addressed the input).
    pub external: &'a str,
    /// Path relative to its module root (what `ignore` paths match): the
    /// import path, also for v1beta1 `roots` (checked against buf).
    pub module_path: &'a str,
    /// Index of its module in the workspace (0 for an image).
    pub module: usize,
    /// Whether checks report on it (a target of this run, not an import).
    pub is_target: bool,
    pub desc: Cow<'a, FileDescriptorProto>,
    /// Source locations and comments (empty for imports and for images
    /// built without source info).
    pub source: LazySource<'a>,
    /// No `syntax` statement in the source.
    pub syntax_unspecified: bool,
    /// Indexes (into `desc.dependency`) of imports nothing in the file uses.
    pub unused_dependency: &'a [i32],
    /// The features set in an editions file (`None` for proto2 and proto3).
    pub features: Option<Box<features::FeatureIndex>>,
}

impl SchemaFile<'_> {
    /// The file's edition: `EDITION_PROTO2` (also for a file without
    /// syntax), `EDITION_PROTO3`, or the edition of an editions file.
    pub fn edition(&self) -> i32 {
        match (&self.features, self.desc.syntax()) {
            (Some(f), _) => f.edition,
            (None, "proto3") => features::EDITION_PROTO3,
            _ => features::EDITION_PROTO2,
        }
    }

    pub fn is_editions(&self) -> bool {
        self.features.is_some()
    }

    /// The resolved features of the element at `path` (see
    /// [`features::FeatureIndex::resolve`]); for proto2 and proto3 files the
    /// syntax's defaults.
    pub fn features_at(&self, path: &[i32], via: Option<&[i32]>) -> features::Resolved {
        match &self.features {
            Some(f) => f.resolve(path, via),
            None => features::Resolved::defaults(self.edition()),
        }
    }

    /// The resolved features of the field at `path`. Besides the enclosing
    /// messages, its oneof counts as a parent, and the fields of a map
    /// entry inherit from the map field (as protoc resolves them).
    pub fn field_features(
        &self,
        path: &[i32],
        field: &prost_types::FieldDescriptorProto,
    ) -> features::Resolved {
        let Some(index) = &self.features else {
            return features::Resolved::defaults(self.edition());
        };
        let mut chain: Vec<Vec<i32>> = Vec::with_capacity(path.len() / 2 + 2);
        let mut message: Option<&prost_types::DescriptorProto> = None;
        for n in 1..=path.len() / 2 {
            let p = &path[..2 * n];
            let is_last = 2 * n == path.len();
            if !is_last {
                let parent = message;
                message = match (parent, p[p.len() - 2]) {
                    (None, 4) => self.desc.message_type.get(p[p.len() - 1] as usize),
                    (Some(m), 3) => m.nested_type.get(p[p.len() - 1] as usize),
                    _ => None,
                };
                // A map entry: the map field of the parent comes first.
                if let (Some(parent), Some(entry)) = (parent, message)
                    && entry.options.as_ref().is_some_and(|o| o.map_entry())
                    && let Some(k) = parent
                        .field
                        .iter()
                        .position(|f| f.type_name().rsplit('.').next() == Some(entry.name()))
                {
                    let mut field_path = p[..p.len() - 2].to_vec();
                    field_path.extend([2, k as i32]);
                    chain.push(field_path);
                }
            } else if let Some(o) = field.oneof_index
                && !field.proto3_optional()
                && p.len() >= 4
            {
                let mut oneof = p[..p.len() - 2].to_vec();
                oneof.extend([8, o]);
                chain.push(oneof);
            }
            chain.push(p.to_vec());
        }
        let chain: Vec<&[i32]> = chain.iter().map(Vec::as_slice).collect();
        index.resolve_chain(&chain)
    }

    /// Whether a field is required: `required` in proto2, the
    /// `LEGACY_REQUIRED` presence in editions.
    pub fn field_is_required(
        &self,
        path: &[i32],
        field: &prost_types::FieldDescriptorProto,
    ) -> bool {
        use prost_types::field_descriptor_proto::Label;
        field.label() == Label::Required
            || (self.is_editions()
                && field.label() != Label::Repeated
                && self.field_features(path, field).field_presence
                    == features::PRESENCE_LEGACY_REQUIRED)
    }

    /// The features set on the element at `path` itself, in an editions
    /// file.
    pub fn own_features(&self, path: &[i32]) -> Option<&features::FeatureSet> {
        self.features.as_ref()?.own(path)
    }

    /// The file's package (`""` when it has none).
    pub fn package(&self) -> &str {
        self.desc.package.as_deref().unwrap_or("")
    }

    /// The module-relative directory of the file (`.` for the module root).
    pub fn module_dir(&self) -> &str {
        match self.module_path.rfind('/') {
            Some(i) => &self.module_path[..i],
            None => ".",
        }
    }
}

/// All files of an input, dependencies before dependents.
#[derive(Debug)]
pub struct Schema<'a> {
    pub files: Vec<SchemaFile<'a>>,
}

impl<'a> Schema<'a> {
    /// The schema of a loaded input.
    pub fn of(loaded: &'a Loaded) -> Schema<'a> {
        match loaded {
            Loaded::Sources {
                files, compiled, ..
            } => Self::of_sources(files, compiled),
            Loaded::Image(image) => Self::of_image(image),
        }
    }

    /// The schema of compiled sources. Source info is decoded for target
    /// files only: no check reports on an import.
    pub fn of_sources(sources: &'a [SourceFile], compiled: &'a Compiled) -> Schema<'a> {
        let module_of: std::collections::HashMap<&str, usize> = sources
            .iter()
            .map(|s| (s.name.as_str(), s.module))
            .collect();
        // The linked descriptors, by pool and name (borrowed from the pools).
        let linked: Vec<std::collections::HashMap<&str, &FileDescriptorProto>> = compiled
            .pools
            .iter()
            .map(|pool| {
                pool.file_descriptor_protos()
                    .map(|fd| (fd.name(), fd))
                    .collect()
            })
            .collect();
        let files = compiled
            .files
            .par_iter()
            .enumerate()
            .map(|(index, f)| {
                let mut desc = match linked[compiled.home[index]].get(f.name.as_str()) {
                    Some(fd) => Cow::Borrowed(*fd),
                    None => Cow::Owned(f.parsed.clone()),
                };
                // An editions file was linked as proto2; its features are
                // read from the pool's encoding (options kept whole).
                let features = f.edition.map(|edition| {
                    let encoded = compiled
                        .pool_of(index)
                        .get_file_by_name(&f.name)
                        .map(|fd| fd.encode_to_vec())
                        .unwrap_or_default();
                    let mut index = features::FeatureIndex::from_encoded(&encoded);
                    index.edition = edition;
                    desc.to_mut().syntax = Some("editions".to_string());
                    Box::new(index)
                });
                if !f.json_masked.is_empty() {
                    crate::compile::json_names::restore(desc.to_mut(), &f.json_masked);
                }
                let source = if f.is_target {
                    LazySource::encoded(&f.source_info_bytes)
                } else {
                    LazySource::default()
                };
                SchemaFile {
                    index,
                    name: &f.name,
                    external: &f.external,
                    // buf matches ignores and prints config-ignore-yaml
                    // paths relative to the root (v1beta1 `roots`), i.e.
                    // by import path.
                    module_path: &f.name,
                    module: module_of
                        .get(f.name.as_str())
                        .copied()
                        .unwrap_or(usize::MAX),
                    is_target: f.is_target,
                    desc,
                    source,
                    syntax_unspecified: f.syntax_unspecified,
                    unused_dependency: &f.unused_dependency,
                    features,
                }
            })
            .collect();
        Schema { files }
    }

    /// The schema of an image: every file decoded; files not marked as
    /// imports are the targets, all in module 0, printed by their name.
    pub fn of_image(image: &'a Image) -> Schema<'a> {
        let files = image
            .files
            .par_iter()
            .enumerate()
            .map(|(index, f)| {
                let mut desc = FileDescriptorProto::decode(f.bytes.as_slice()).unwrap_or_default();
                let source = match desc.source_code_info.take() {
                    Some(info) if !f.is_import => LazySource::decoded(info),
                    _ => LazySource::default(),
                };
                let features = (desc.syntax() == "editions")
                    .then(|| Box::new(features::FeatureIndex::from_encoded(&f.bytes)));
                SchemaFile {
                    index,
                    name: &f.name,
                    external: &f.name,
                    module_path: &f.name,
                    module: 0,
                    is_target: !f.is_import,
                    desc: Cow::Owned(desc),
                    source,
                    syntax_unspecified: f.syntax_unspecified,
                    unused_dependency: &f.unused_dependency,
                    features,
                }
            })
            .collect();
        Schema { files }
    }

    /// The file with this import path.
    pub fn file(&self, name: &str) -> Option<&SchemaFile<'a>> {
        self.files.iter().find(|f| f.name == name)
    }
}
