//! Unused imports, as buf records them in an image
//! (`ImageFileExtension.unused_dependency`): an import is used when the file
//! refers to a type or an option extension defined in it, or in a file it
//! re-exports through `import public`. Public imports are never unused.

use std::collections::HashSet;

use prost_reflect::{DescriptorPool, FileDescriptor, Kind, MessageDescriptor};

/// Indexes (into `dependency`) of the imports `file` does not use.
/// `option_files` are the files defining the option extensions it uses.
pub(super) fn unused_dependencies(
    pool: &DescriptorPool,
    name: &str,
    option_files: &[String],
) -> Vec<i32> {
    let Some(file) = pool.get_file_by_name(name) else {
        return Vec::new();
    };
    let mut used: HashSet<String> = option_files.iter().cloned().collect();
    let mut mark = |f: FileDescriptor| {
        used.insert(f.name().to_string());
    };
    fn fields_of(m: &MessageDescriptor, mark: &mut dyn FnMut(FileDescriptor)) {
        for f in m.fields() {
            match f.kind() {
                Kind::Message(t) => mark(t.parent_file()),
                Kind::Enum(t) => mark(t.parent_file()),
                _ => {}
            }
        }
        for x in m.extensions() {
            mark(x.containing_message().parent_file());
            match x.kind() {
                Kind::Message(t) => mark(t.parent_file()),
                Kind::Enum(t) => mark(t.parent_file()),
                _ => {}
            }
        }
        for n in m.child_messages() {
            fields_of(&n, mark);
        }
    }
    for m in file.messages() {
        fields_of(&m, &mut mark);
    }
    for x in file.extensions() {
        if x.parent_message().is_none() {
            mark(x.containing_message().parent_file());
            match x.kind() {
                Kind::Message(t) => mark(t.parent_file()),
                Kind::Enum(t) => mark(t.parent_file()),
                _ => {}
            }
        }
    }
    for s in file.services() {
        for m in s.methods() {
            mark(m.input().parent_file());
            mark(m.output().parent_file());
        }
    }
    // A dependency counts as used when it, or a file it publicly re-exports
    // (transitively), defines something used.
    fn provides(dep: &FileDescriptor, used: &HashSet<String>, depth: usize) -> bool {
        if used.contains(dep.name()) {
            return true;
        }
        depth < 64
            && dep
                .public_dependencies()
                .any(|p| provides(&p, used, depth + 1))
    }
    // A public import is never unused: it re-exports for the importers.
    let public: HashSet<String> = file
        .public_dependencies()
        .map(|d| d.name().to_string())
        .collect();
    file.dependencies()
        .enumerate()
        .filter(|(_, dep)| !public.contains(dep.name()) && !provides(dep, &used, 0))
        .map(|(i, _)| i as i32)
        .collect()
}
