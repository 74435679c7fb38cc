//! `ls-files`: the files of an input, as buf lists them.

use std::path::Path;

use super::{
    InputFormat, InputRef,
    load::{self, LoadOptions, LoadOutcome, Loaded, NO_FILES_TARGETED},
};
use crate::{
    Error, Finding, Result,
    workspace::{self, DiscoverOptions},
};

/// One listed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedFile {
    /// As printed (external path; for imports and images, the import path).
    pub path: String,
    pub import_path: String,
    pub is_import: bool,
    /// Read from a local directory or file (buf leaves the JSON `path`
    /// empty for git, archive and image inputs).
    pub local: bool,
}

impl ListedFile {
    /// buf's `--format json` line (keys in buf's order).
    pub fn to_json(&self) -> String {
        use crate::gostr::json_string as j;
        format!(
            "{{\"path\":{},\"import_path\":{},\"module\":\"\",\"commit\":\"\",\"is_import\":{}}}",
            j(if self.local { &self.path } else { "" }),
            j(&self.import_path),
            self.is_import
        )
    }
}

/// The listing, or the compile errors that prevented it (`--include-imports`).
#[derive(Debug)]
pub enum Listing {
    Files(Vec<ListedFile>),
    Failed(Vec<Finding>),
}

/// Lists the target files of the input; with `include_imports`, compiles
/// and adds every imported file.
pub fn list_files(opts: &LoadOptions, include_imports: bool) -> Result<Listing> {
    let input = InputRef::parse(&opts.input)?;
    let mut files = if input.format == InputFormat::Dir && !include_imports {
        // No compile needed: the workspace's targets.
        let dopts = DiscoverOptions {
            config_override: opts.config.clone(),
            paths: opts.paths.clone(),
            exclude_paths: opts.exclude_paths.clone(),
        };
        let ws = workspace::discover(Path::new(&input.path), &dopts)?;
        let files: Vec<ListedFile> = workspace::list_files(&ws, &dopts)?
            .into_iter()
            .filter(|f| f.is_target)
            .map(|f| ListedFile {
                path: f.external,
                import_path: f.name,
                is_import: false,
                local: true,
            })
            .collect();
        if files.is_empty() {
            return Err(Error::msg(NO_FILES_TARGETED));
        }
        files
    } else {
        let local = matches!(input.format, InputFormat::Dir | InputFormat::ProtoFile);
        match load::load(opts)? {
            LoadOutcome::Failed(f) => return Ok(Listing::Failed(f)),
            LoadOutcome::Ok(Loaded::Sources { compiled, .. }) => compiled
                .files
                .iter()
                .filter(|f| include_imports || f.is_target)
                .map(|f| ListedFile {
                    path: if f.is_target || !f.is_bundled {
                        f.external.clone()
                    } else {
                        f.name.clone()
                    },
                    import_path: f.name.clone(),
                    is_import: !f.is_target,
                    local,
                })
                .collect(),
            LoadOutcome::Ok(Loaded::Image(img)) => img
                .files
                .iter()
                .filter(|f| include_imports || !f.is_import)
                .map(|f| ListedFile {
                    path: f.name.clone(),
                    import_path: f.name.clone(),
                    is_import: f.is_import,
                    local: false,
                })
                .collect(),
        }
    };
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Listing::Files(files))
}
