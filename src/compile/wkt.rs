//! The well-known types, bundled so that nothing outside the binary is needed.
//! Sources as buf 1.75 bundles them (protobuf's own files, BSD-3-Clause,
//! copyright Google; license text in each file's header).

use super::Source;

macro_rules! bundled {
    ($($name:literal),* $(,)?) => {
        const FILES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("wkt/", $name))),)*
        ];
    };
}

bundled!(
    "google/protobuf/any.proto",
    "google/protobuf/api.proto",
    "google/protobuf/compiler/plugin.proto",
    "google/protobuf/cpp_features.proto",
    "google/protobuf/descriptor.proto",
    "google/protobuf/duration.proto",
    "google/protobuf/empty.proto",
    "google/protobuf/field_mask.proto",
    "google/protobuf/go_features.proto",
    "google/protobuf/java_features.proto",
    "google/protobuf/source_context.proto",
    "google/protobuf/struct.proto",
    "google/protobuf/timestamp.proto",
    "google/protobuf/type.proto",
    "google/protobuf/wrappers.proto",
);

/// The bundled source text of `name`, if it is a well-known file.
pub fn text(name: &str) -> Option<&'static str> {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Every bundled file name.
pub fn names() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(n, _)| *n)
}

/// A [`Source`] for a bundled file (never a target).
pub fn source(name: &str) -> Option<Source> {
    text(name)?;
    Some(Source {
        name: name.to_string(),
        external: name.to_string(),
        module_path: name.to_string(),
        fs_path: None,
        is_target: false,
    })
}
