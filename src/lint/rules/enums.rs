//! Enum rules: the shape of an enum's values beyond their names.

use crate::{
    gostr::quote as q,
    lint::{Env, Sink, walk::Enum},
};

lint_rules! {
    /// Checks that the first value declared in an enum has the number 0.
    ///
    /// ## Why
    /// A field that was never set reads as the enum's zero value, and
    /// proto3 (and open enums in general) need the first value to be that
    /// zero. Declaring zero first keeps the default obvious to readers and
    /// keeps proto2 and editions enums portable to proto3 semantics.
    ///
    /// ## Example
    /// ```proto
    /// enum Priority {
    ///   PRIORITY_LOW = 1;   // flagged: the first value should be 0
    ///   PRIORITY_UNSPECIFIED = 0;
    /// }
    /// ```
    ///
    /// ## Fix
    /// Declare the zero value first, adding a `<ENUM>_UNSPECIFIED = 0`
    /// value if the enum has none.
    EnumFirstValueZero => Enum(enum_first_value_zero),

    /// Checks that no enum sets `option allow_alias = true`.
    ///
    /// ## Why
    /// Aliases give one number several names. Only one of them survives a
    /// round trip through JSON or text format, and renaming or removing an
    /// alias later silently changes what clients see.
    ///
    /// ## Example
    /// ```proto
    /// enum Size {
    ///   option allow_alias = true;   // flagged
    ///   SIZE_UNSPECIFIED = 0;
    ///   SIZE_LARGE = 1;
    ///   SIZE_BIG = 1;
    /// }
    /// ```
    ///
    /// ## Fix
    /// Keep one name per number (mark the others `deprecated` and give them
    /// their own numbers if clients still send them) and drop the option.
    EnumNoAllowAlias => Enum(enum_no_allow_alias),
}

fn enum_first_value_zero(_: &Env, e: &Enum, sink: &mut Sink) {
    let Some(first) = e.desc.value.first() else {
        return;
    };
    if first.number() != 0 {
        // The value's number: [enum.., value 2, index 0, number 2].
        sink.at_child(
            e.file,
            &e.path,
            &[2, 0, 2],
            format!(
                "First enum value {} should have a numeric value of 0",
                q(first.name())
            ),
        );
    }
}

fn enum_no_allow_alias(_: &Env, e: &Enum, sink: &mut Sink) {
    if e.desc.options.as_ref().and_then(|o| o.allow_alias) == Some(true) {
        // The option statement: [enum.., options 3, allow_alias 2].
        sink.at_child(
            e.file,
            &e.path,
            &[3, 2],
            format!(
                "Enum option \"allow_alias\" on enum {} must be false.",
                q(e.desc.name())
            ),
        );
    }
}
