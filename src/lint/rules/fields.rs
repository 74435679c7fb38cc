//! Field rules: field properties beyond their names.

use crate::{
    gostr::quote as q,
    lint::{Env, Sink, walk::Field},
};

lint_rules! {
    /// Checks that no field is `required` (proto2 `required`, or in
    /// editions `features.field_presence = LEGACY_REQUIRED`).
    ///
    /// ## Why
    /// A required field can never be removed or made optional again: every
    /// reader that still has the old schema rejects messages without it.
    /// Protobuf's own guidance is to not use required fields, and proto3
    /// dropped them for that reason.
    ///
    /// ## Example
    /// ```proto
    /// message Order {
    ///   required string id = 1;   // flagged
    /// }
    /// ```
    ///
    /// ## Fix
    /// Make the field `optional` and validate its presence in application
    /// code (or with protovalidate's `required` rule). Mind that changing a
    /// deployed field from required is itself a compatibility step: roll
    /// out readers before writers stop setting it.
    FieldNotRequired => Field(field_not_required),
}

fn field_not_required(_: &Env, f: &Field, sink: &mut Sink) {
    // `required` label, or `features.field_presence = LEGACY_REQUIRED`.
    if f.is_required() {
        sink.at_child(
            f.file,
            &f.path,
            &[1],
            format!("Field named {} should not be required.", q(f.desc.name())),
        );
    }
}
