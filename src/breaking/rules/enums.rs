//! Enum rules: open/closed and JSON semantics, deleted and renamed values,
//! reservations.

use std::collections::BTreeMap;

use prost_types::EnumValueDescriptorProto;

use super::messages::{
    ENUM_MAX, Range, at_if_located, check_ranges, check_reserved_names, json_format_name,
};
use crate::{
    breaking::{Env, Pair, Sink},
    gostr::quote as q,
    lint::walk::Enum,
    schema::features,
};

breaking_rules! {
    /// Checks that an enum stays open or stays closed. Enums of proto2 files
    /// are closed (unknown numbers are kept as unknown fields), enums of
    /// proto3 files are open (unknown numbers are kept in the field).
    ///
    /// ## Why
    /// The two kinds treat a number the reader does not know differently,
    /// and generated code differs too (some languages give open enums an
    /// extra "unrecognized" case). Moving an enum between proto2 and proto3
    /// changes what existing readers do with new values.
    ///
    /// ## Example
    /// ```proto
    /// // before: syntax = "proto3";
    /// enum Color { COLOR_UNSPECIFIED = 0; }
    /// // after: syntax = "proto2"; flagged, changed from open to closed
    /// enum Color { COLOR_UNSPECIFIED = 0; }
    /// ```
    ///
    /// ## Fix
    /// Keep the enum in a file of the same syntax as before.
    EnumSameType => Enum(enum_same_type),

    /// Checks that an enum that fully supported JSON keeps doing so: its
    /// JSON format (`ALLOW` in proto3, `LEGACY_BEST_EFFORT` in proto2) may
    /// not go from `ALLOW` to anything else.
    ///
    /// ## Why
    /// JSON clients rely on the enum's values being mapped strictly to and
    /// from their names. Under `LEGACY_BEST_EFFORT` that is no longer
    /// guaranteed, so JSON produced or accepted by one side may not be
    /// understood by the other.
    ///
    /// ## Example
    /// ```proto
    /// // before: syntax = "proto3";
    /// enum Color { COLOR_UNSPECIFIED = 0; }
    /// // after: syntax = "proto2"; flagged, ALLOW to LEGACY_BEST_EFFORT
    /// enum Color { COLOR_UNSPECIFIED = 0; }
    /// ```
    ///
    /// ## Fix
    /// Keep the enum in a proto3 file.
    EnumSameJsonFormat => Enum(enum_same_json_format),

    /// Checks that no enum value is deleted: every number an enum had must
    /// still have a value.
    ///
    /// ## Why
    /// Code referring to the value no longer compiles, and data written with
    /// the number is no longer understood by new readers (JSON readers
    /// reject its name outright).
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// enum Color { COLOR_UNSPECIFIED = 0; COLOR_RED = 1; }
    /// // after: flagged, value "1" was deleted
    /// enum Color { COLOR_UNSPECIFIED = 0; }
    /// ```
    ///
    /// ## Fix
    /// Keep the value, marked `[deprecated = true]` if it should no longer
    /// be used.
    EnumValueNoDelete => Enum(enum_value_no_delete),

    /// Checks that an enum value is deleted only if its number is reserved
    /// in the enum at the same time.
    ///
    /// ## Why
    /// A reserved number can never be reused for a value with another
    /// meaning; without the reservation a later value could take the number
    /// and old data would silently change meaning.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// enum Color { COLOR_UNSPECIFIED = 0; COLOR_RED = 1; }
    /// // after: flagged, number 1 is not reserved
    /// enum Color { COLOR_UNSPECIFIED = 0; }
    /// // not flagged
    /// enum Color { COLOR_UNSPECIFIED = 0; reserved 1; }
    /// ```
    ///
    /// ## Fix
    /// Add `reserved <number>;` to the enum.
    EnumValueNoDeleteUnlessNumberReserved => Enum(enum_value_no_delete_unless_number_reserved),

    /// Checks that an enum value is deleted only if its name (every name the
    /// number had, with aliases) is reserved in the enum at the same time.
    ///
    /// ## Why
    /// JSON and text formats carry enum values by name. Reserving the name
    /// keeps it from being reused for another number, which would make old
    /// JSON documents decode to the wrong value.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// enum Color { COLOR_UNSPECIFIED = 0; COLOR_RED = 1; }
    /// // after: flagged, "COLOR_RED" is not reserved
    /// enum Color { COLOR_UNSPECIFIED = 0; }
    /// // not flagged
    /// enum Color { COLOR_UNSPECIFIED = 0; reserved "COLOR_RED"; }
    /// ```
    ///
    /// ## Fix
    /// Add `reserved "<NAME>";` to the enum for every deleted name.
    EnumValueNoDeleteUnlessNameReserved => Enum(enum_value_no_delete_unless_name_reserved),

    /// Checks that the values of a number keep their names: every name a
    /// number had before must still be one of its names now (so adding an
    /// alias is fine, renaming or dropping an alias is not).
    ///
    /// ## Why
    /// JSON and text formats write enum values by name, and generated code
    /// names constants after them. A rename breaks every JSON document and
    /// every line of code using the old name, even though the wire format
    /// is unchanged.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// enum Color { COLOR_UNSPECIFIED = 0; COLOR_RED = 1; }
    /// // after: flagged, "COLOR_RED" to "COLOR_CRIMSON"
    /// enum Color { COLOR_UNSPECIFIED = 0; COLOR_CRIMSON = 1; }
    /// ```
    ///
    /// ## Fix
    /// Keep the old name. To introduce a new one, add it as an alias
    /// (`option allow_alias = true;`) next to the old one.
    EnumValueSameName => Enum(enum_value_same_name),

    /// Checks that every reserved number and name of an enum stays
    /// reserved: each previous reserved range must still be covered by the
    /// union of the current reserved ranges, and each previous reserved name
    /// must still be listed.
    ///
    /// ## Why
    /// Reservations keep numbers and names of deleted values from being
    /// reused with another meaning. Dropping one makes such a reuse possible,
    /// and old data would then decode to the wrong value.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// enum Color { COLOR_UNSPECIFIED = 0; reserved 2 to 4; reserved "COLOR_RED"; }
    /// // after: flagged twice ([4] and "COLOR_RED" were removed)
    /// enum Color { COLOR_UNSPECIFIED = 0; reserved 2, 3; }
    /// ```
    ///
    /// ## Fix
    /// Put the reservations back; ranges may be split or merged as long as
    /// the same numbers stay reserved.
    ReservedEnumNoDelete => Enum(reserved_enum_no_delete),
}

/// Whether an enum is closed: its resolved `enum_type` feature (proto2
/// enums are closed, proto3 enums open).
fn is_closed(e: &Enum) -> bool {
    e.file.features_at(&e.path, None).enum_type == features::ENUM_CLOSED
}

fn enum_same_type(_: &Env, pair: &Pair<Enum>, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    let (before, now) = (is_closed(prev), is_closed(cur));
    if before != now {
        let kind = |closed| if closed { "closed" } else { "open" };
        // The `enum_type` feature (options 3, features 7, field 2).
        let at = super::first_located(cur.file, &cur.path, &[&[3, 7, 2]]);
        sink.at(
            prev.file,
            cur.file,
            at,
            format!(
                "Enum {} changed from {} to {}.",
                q(cur.desc.name()),
                kind(before),
                kind(now)
            ),
        );
    }
}

fn enum_same_json_format(_: &Env, pair: &Pair<Enum>, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    let json = |e: &Enum| e.file.features_at(&e.path, None).json_format;
    let (before, now) = (json(prev), json(cur));
    if before == features::JSON_ALLOW && now != features::JSON_ALLOW {
        let at = super::first_located(cur.file, &cur.path, &[&[3, 7, 6]]);
        sink.at(
            prev.file,
            cur.file,
            at,
            format!(
                "Enum {} JSON format support changed from {} to {}.",
                q(cur.desc.name()),
                json_format_name(before),
                json_format_name(now)
            ),
        );
    }
}

/// An enum's values by number, then by name (with their index).
fn by_number<'e>(
    e: &'e Enum,
) -> BTreeMap<i32, BTreeMap<&'e str, (usize, &'e EnumValueDescriptorProto)>> {
    let mut map: BTreeMap<i32, BTreeMap<&str, _>> = BTreeMap::new();
    for (i, v) in e.desc.value.iter().enumerate() {
        map.entry(v.number()).or_default().insert(v.name(), (i, v));
    }
    map
}

/// Enum reserved ranges (already inclusive).
fn reserved_ranges(e: &Enum) -> Vec<Range> {
    e.desc
        .reserved_range
        .iter()
        .map(|r| (i64::from(r.start()), i64::from(r.end())))
        .collect()
}

/// When a deleted value is allowed.
#[derive(Clone, Copy)]
enum Unless {
    Never,
    NumberReserved,
    NameReserved,
}

fn value_no_delete(pair: &Pair<Enum>, sink: &mut Sink, unless: Unless) {
    let (prev, cur) = (pair.previous, pair.current);
    let now = by_number(cur);
    for (number, names) in by_number(prev) {
        if now.contains_key(&number) {
            continue;
        }
        let suffix = match unless {
            Unless::Never => String::new(),
            Unless::NumberReserved => {
                let n = i64::from(number);
                if reserved_ranges(cur).iter().any(|&(s, e)| s <= n && n <= e) {
                    continue;
                }
                format!(" without reserving the number \"{number}\"")
            }
            Unless::NameReserved => {
                if names
                    .keys()
                    .all(|n| cur.desc.reserved_name.iter().any(|r| r == n))
                {
                    continue;
                }
                let s = if names.len() > 1 { "s" } else { "" };
                let quoted: Vec<String> = names.keys().map(|n| q(n)).collect();
                format!(" without reserving the name{s} {}", quoted.join(", "))
            }
        };
        sink.at(
            prev.file,
            cur.file,
            cur.path.clone(),
            format!(
                "Previously present enum value \"{number}\" on enum {} was deleted{suffix}.",
                q(cur.desc.name())
            ),
        );
    }
}

fn enum_value_no_delete(_: &Env, pair: &Pair<Enum>, sink: &mut Sink) {
    value_no_delete(pair, sink, Unless::Never);
}

fn enum_value_no_delete_unless_number_reserved(_: &Env, pair: &Pair<Enum>, sink: &mut Sink) {
    value_no_delete(pair, sink, Unless::NumberReserved);
}

fn enum_value_no_delete_unless_name_reserved(_: &Env, pair: &Pair<Enum>, sink: &mut Sink) {
    value_no_delete(pair, sink, Unless::NameReserved);
}

fn enum_value_same_name(_: &Env, pair: &Pair<Enum>, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    let now = by_number(cur);
    for (number, before) in by_number(prev) {
        let Some(names) = now.get(&number) else {
            continue;
        };
        if before.keys().all(|n| names.contains_key(n)) {
            continue;
        }
        let list = |m: &BTreeMap<&str, _>| m.keys().map(|n| q(n)).collect::<Vec<_>>().join(", ");
        let s = if before.len() > 1 && names.len() > 1 {
            "s"
        } else {
            ""
        };
        let message = format!(
            "Enum value \"{number}\" on enum {} changed name{s} from {} to {}.",
            q(cur.desc.name()),
            list(&before),
            list(names)
        );
        let number_at = |e: &Enum, k: usize| {
            let mut path = e.path.clone();
            path.extend([2, k as i32, 2]);
            path
        };
        for (name, &(k, _)) in names {
            // Only a value that existed before has a baseline location.
            let previous_path = before.get(name).map(|&(j, _)| number_at(prev, j));
            at_if_located(
                sink,
                (prev.file, previous_path.as_deref()),
                cur.file,
                number_at(cur, k),
                message.clone(),
            );
        }
    }
}

fn reserved_enum_no_delete(_: &Env, pair: &Pair<Enum>, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    check_ranges(
        sink,
        prev.file,
        cur.file,
        &cur.path,
        "reserved",
        "enum",
        cur.desc.name(),
        &reserved_ranges(prev),
        &reserved_ranges(cur),
        (ENUM_MAX, ENUM_MAX),
    );
    check_reserved_names(
        sink,
        prev.file,
        cur.file,
        &cur.path,
        "enum",
        cur.desc.name(),
        &prev.desc.reserved_name,
        &cur.desc.reserved_name,
    );
}
