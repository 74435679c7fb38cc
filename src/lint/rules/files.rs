//! File rules: the imports of a file and its `syntax` statement.

use crate::{
    gostr::quote as q,
    lint::{Env, Sink},
    schema::SchemaFile,
};

lint_rules! {
    /// Checks that no import is `import public`.
    ///
    /// ## Why
    /// A public import re-exports another file's definitions, so files that
    /// import this one silently depend on a file they never name. Several
    /// generators (Go among them) do not support public imports properly,
    /// and the hidden dependency makes moving definitions around risky.
    ///
    /// ## Example
    /// ```proto
    /// import public "acme/common/v1/money.proto";   // flagged
    /// ```
    ///
    /// ## Fix
    /// Make it a plain `import`, and add a direct import of that file to
    /// every file that uses its definitions.
    ImportNoPublic => File(import_no_public),

    /// Checks that every import is used: something in the file refers to a
    /// definition (or custom option) of the imported file.
    ///
    /// ## Why
    /// An unused import still makes the file depend on the other one: it
    /// slows builds, adds dependencies to the generated code (an unused
    /// import in Go is even an extra package dependency), and hides which
    /// files really belong together.
    ///
    /// ## Example
    /// ```proto
    /// import "google/protobuf/timestamp.proto";   // flagged if no field uses Timestamp
    /// message User { string name = 1; }
    /// ```
    ///
    /// ## Fix
    /// Delete the import.
    ImportUsed => File(import_used),

    /// Checks that every file has a `syntax` (or `edition`) statement.
    ///
    /// ## Why
    /// A file without one is proto2, which is rarely what the author meant:
    /// proto2 and proto3 differ in field presence, defaults and enum
    /// semantics, and a reader cannot tell which applies without knowing the
    /// default. Saying it explicitly removes the guesswork.
    ///
    /// ## Example
    /// ```proto
    /// package acme.user.v1;   // file flagged: no syntax statement
    /// message User {}
    /// ```
    ///
    /// ## Fix
    /// Add `syntax = "proto3";` (or `syntax = "proto2";` to keep today's
    /// meaning) as the file's first statement.
    SyntaxSpecified => File(syntax_specified),
}

/// `FileDescriptorProto.dependency`.
const DEPENDENCY: i32 = 3;
/// Source path of the `syntax` statement.
const SYNTAX: &[i32] = &[12];

/// Reports at import `index` of `file` (on the file as a whole when the
/// import has no location, as buf does).
fn at_import(sink: &mut Sink, file: &SchemaFile, index: i32, message: String) {
    let path = vec![DEPENDENCY, index];
    if file.source.get(&path).is_some() {
        sink.at(file, path, message);
    } else {
        sink.file_level(file, message);
    }
}

/// The import path of dependency `index`, if the index is valid.
fn import<'f>(file: &'f SchemaFile, index: i32) -> Option<&'f str> {
    let i = usize::try_from(index).ok()?;
    file.desc.dependency.get(i).map(String::as_str)
}

fn import_no_public(_: &Env, file: &SchemaFile, sink: &mut Sink) {
    for &i in &file.desc.public_dependency {
        if let Some(name) = import(file, i) {
            at_import(
                sink,
                file,
                i,
                format!("Import {} must not be public.", q(name)),
            );
        }
    }
}

fn import_used(_: &Env, file: &SchemaFile, sink: &mut Sink) {
    for &i in file.unused_dependency {
        if let Some(name) = import(file, i) {
            at_import(sink, file, i, format!("Import {} is unused.", q(name)));
        }
    }
}

fn syntax_specified(_: &Env, file: &SchemaFile, sink: &mut Sink) {
    // The parser leaves `syntax` empty for an explicit `syntax = "proto2";`
    // just as for no statement at all; the statement's own location tells
    // the two apart.
    if file.syntax_unspecified && file.source.get(SYNTAX).is_none() {
        sink.file_level(
            file,
            "Files must have a syntax explicitly specified. If no syntax is specified, the file defaults to \"proto2\"."
                .to_owned(),
        );
    }
}
