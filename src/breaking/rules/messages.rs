//! Message rules: reserved and extension ranges, oneofs, message options and
//! the JSON format a message supports. The range coverage helpers are shared
//! with the enum rules.

use std::collections::BTreeSet;

use crate::{
    breaking::{Env, Hit, Pair, Place, Sink},
    gostr::quote as q,
    lint::walk::{Message, trim_dot},
    schema::{SchemaFile, features},
};

breaking_rules! {
    /// Checks that every reserved number and name of a message stays
    /// reserved: each previous reserved range must still be covered by the
    /// union of the current reserved ranges, and each previous reserved name
    /// must still be listed.
    ///
    /// ## Why
    /// A reservation records that a number or name was used once and must
    /// never be given to a new field. Dropping it lets someone reuse the
    /// number for a field of another type, and old data or old clients then
    /// decode garbage.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Pet { reserved 2 to 5; reserved "color"; }
    /// // after: flagged twice ([4,5] and "color" were removed)
    /// message Pet { reserved 2, 3; }
    /// ```
    ///
    /// ## Fix
    /// Put the reservations back. Ranges may be split or merged freely as
    /// long as the same numbers stay reserved.
    ReservedMessageNoDelete => Message(reserved_message_no_delete),

    /// Checks that the extension ranges of a message keep covering every
    /// number they covered before.
    ///
    /// ## Why
    /// Extensions declared elsewhere (possibly in code you do not see) use
    /// numbers from these ranges. Shrinking a range makes those extensions
    /// invalid, so they stop compiling or are read as unknown fields.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Options { extensions 100 to 199; }
    /// // after: flagged, [150,199] were removed
    /// message Options { extensions 100 to 149; }
    /// ```
    ///
    /// ## Fix
    /// Restore the previous extension ranges; ranges may only grow.
    ExtensionMessageNoDelete => Message(extension_message_no_delete),

    /// Checks that no oneof of a message is deleted (oneofs are matched by
    /// name; the oneofs synthesized for proto3 `optional` fields are not
    /// considered).
    ///
    /// ## Why
    /// Generated code exposes each oneof (a case enum, a `has`/`clear`
    /// accessor, a sealed type...). Deleting or renaming the oneof removes
    /// that API, and code using it no longer compiles; JSON and wire
    /// semantics of "only one member is set" are lost as well.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// message Pet { oneof id { string name = 1; int64 number = 2; } }
    /// // after: flagged, oneof "id" was deleted
    /// message Pet { string name = 1; int64 number = 2; }
    /// ```
    ///
    /// ## Fix
    /// Keep the oneof with its name. If it must go, deprecate its fields
    /// first and remove it in a new major version of the package.
    OneofNoDelete => Message(oneof_no_delete),

    /// Checks that the message option `no_standard_descriptor_accessor` is
    /// not turned on where it was off.
    ///
    /// ## Why
    /// With the option on, generated code (Java, C++) no longer has the
    /// standard `descriptor()` accessor, so code calling it stops
    /// compiling.
    ///
    /// ## Example
    /// ```proto
    /// message Pet {
    ///   option no_standard_descriptor_accessor = true;   // flagged: was false
    /// }
    /// ```
    ///
    /// ## Fix
    /// Remove the option or set it back to `false`.
    MessageNoRemoveStandardDescriptorAccessor => Message(message_no_remove_standard_descriptor_accessor),

    /// Checks that a message that fully supported JSON keeps doing so: its
    /// JSON format (`ALLOW` in proto3, `LEGACY_BEST_EFFORT` in proto2) may
    /// not go from `ALLOW` to anything else.
    ///
    /// ## Why
    /// Under `LEGACY_BEST_EFFORT` conflicting JSON names are tolerated and
    /// JSON output is no longer guaranteed to round-trip, so clients relying
    /// on the JSON form of the message may break. Moving a proto3 file to
    /// proto2 does exactly that.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// syntax = "proto3";
    /// message Pet { string name = 1; }
    /// // after: flagged, ALLOW to LEGACY_BEST_EFFORT
    /// syntax = "proto2";
    /// message Pet { optional string name = 1; }
    /// ```
    ///
    /// ## Fix
    /// Keep the file in proto3 (or otherwise keep JSON support at `ALLOW`).
    MessageSameJsonFormat => Message(message_same_json_format),
}

/// The largest field number of a message.
const MESSAGE_MAX: i64 = 536_870_911;
/// The largest field number of a message using the message-set wire format.
const MESSAGE_SET_MAX: i64 = 2_147_483_646;
/// The largest enum number.
pub(super) const ENUM_MAX: i64 = 2_147_483_647;

/// The source path buf reports a message at: its declaration, or for a
/// synthesized map entry the type of the map field that produced it.
fn message_location(env: &Env, m: &Message) -> Vec<i32> {
    if m.is_map_entry()
        && let Some((parent_name, _)) = m.full_name.rsplit_once('.')
        && let Some(parent) = env.current.messages.get(parent_name)
        && let Some(k) = parent.desc.field.iter().position(|f| {
            f.r#type() == prost_types::field_descriptor_proto::Type::Message
                && f.label() == prost_types::field_descriptor_proto::Label::Repeated
                && trim_dot(f.type_name()) == m.full_name
        })
    {
        let mut path = parent.path.clone();
        path.extend([2, k as i32, 6]);
        return path;
    }
    m.path.clone()
}

/// Reports at `path` in the current file, like [`Sink::at`], with the
/// baseline file only when the previous element has a location at
/// `previous_path` (buf drops the baseline side when an option was unset
/// before, so only the current file counts for ignores).
pub(super) fn at_if_located(
    sink: &mut Sink,
    (previous, previous_path): (&SchemaFile, Option<&[i32]>),
    current: &SchemaFile,
    path: Vec<i32>,
    message: String,
) {
    let against = previous_path
        .is_some_and(|p| previous.source.get(p).is_some())
        .then_some(previous.index);
    sink.hits.push(Hit {
        rule: sink.rule,
        place: Place::At {
            file: current.index,
            path,
        },
        against,
        message,
    });
}

/// Whether the message uses the message-set wire format.
fn message_set(m: &Message) -> bool {
    m.desc
        .options
        .as_ref()
        .and_then(|o| o.message_set_wire_format)
        .unwrap_or(false)
}

fn message_max(m: &Message) -> i64 {
    if message_set(m) {
        MESSAGE_SET_MAX
    } else {
        MESSAGE_MAX
    }
}

/// An inclusive range of numbers.
pub(super) type Range = (i64, i64);

/// buf's text of a range: `[5]`, `[1,max]`, `[10,20]`.
pub(super) fn range_text((start, end): Range, max: i64) -> String {
    if start == end {
        format!("[{start}]")
    } else if end == max {
        format!("[{start},max]")
    } else {
        format!("[{start},{end}]")
    }
}

/// Sorts the ranges and merges overlapping or adjacent ones.
fn collapse(ranges: &[Range]) -> Vec<Range> {
    let mut sorted = ranges.to_vec();
    sorted.sort();
    let mut out: Vec<Range> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.0 <= last.1 + 1 => last.1 = last.1.max(r.1),
            _ => out.push(r),
        }
    }
    out
}

/// The parts of `[start, end]` not covered by the collapsed ranges.
fn missing((start, end): Range, collapsed: &[Range]) -> Vec<Range> {
    let mut out = Vec::new();
    let mut next = start;
    for &(s, e) in collapsed {
        if e < next {
            continue;
        }
        if s > end {
            break;
        }
        if s > next {
            out.push((next, s - 1));
        }
        next = e + 1;
        if next > end {
            return out;
        }
    }
    out.push((next, end));
    out
}

/// Reports every previous range not covered by the current ranges:
/// `Previously present <kind> range "[a,b]" on <element> "<name>" is
/// missing values: [..], [..] were removed.` `max` is the largest number
/// of the previous element (for the range text) and of the current one
/// (for the missing parts).
#[allow(clippy::too_many_arguments)]
pub(super) fn check_ranges(
    sink: &mut Sink,
    against: &SchemaFile,
    current: &SchemaFile,
    path: &[i32],
    kind: &str,
    element: &str,
    name: &str,
    previous: &[Range],
    ranges: &[Range],
    (previous_max, max): (i64, i64),
) {
    if previous.is_empty() {
        return;
    }
    let collapsed = collapse(ranges);
    for &r in previous {
        let gone = missing(r, &collapsed);
        if gone.is_empty() {
            continue;
        }
        let removed: Vec<String> = gone.iter().map(|&g| range_text(g, max)).collect();
        sink.at(
            against,
            current,
            path.to_vec(),
            format!(
                "Previously present {kind} range {} on {element} {} is missing values: {} were removed.",
                q(&range_text(r, previous_max)),
                q(name),
                removed.join(", ")
            ),
        );
    }
}

/// Message reserved ranges, made inclusive.
fn reserved_ranges(m: &Message) -> Vec<Range> {
    m.desc
        .reserved_range
        .iter()
        .map(|r| (i64::from(r.start()), i64::from(r.end()) - 1))
        .collect()
}

/// Message extension ranges, made inclusive.
fn extension_ranges(m: &Message) -> Vec<Range> {
    m.desc
        .extension_range
        .iter()
        .map(|r| (i64::from(r.start()), i64::from(r.end()) - 1))
        .collect()
}

/// Reports every previous reserved name missing now.
#[allow(clippy::too_many_arguments)]
pub(super) fn check_reserved_names(
    sink: &mut Sink,
    against: &SchemaFile,
    current: &SchemaFile,
    path: &[i32],
    element: &str,
    name: &str,
    previous: &[String],
    names: &[String],
) {
    let now: BTreeSet<&str> = names.iter().map(String::as_str).collect();
    let before: BTreeSet<&str> = previous.iter().map(String::as_str).collect();
    for gone in before.difference(&now) {
        sink.at(
            against,
            current,
            path.to_vec(),
            format!(
                "Previously present reserved name {} on {element} {} was deleted.",
                q(gone),
                q(name)
            ),
        );
    }
}

fn reserved_message_no_delete(env: &Env, pair: &Pair<Message>, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    let path = message_location(env, cur);
    check_ranges(
        sink,
        prev.file,
        cur.file,
        &path,
        "reserved",
        "message",
        cur.desc.name(),
        &reserved_ranges(prev),
        &reserved_ranges(cur),
        (message_max(prev), message_max(cur)),
    );
    check_reserved_names(
        sink,
        prev.file,
        cur.file,
        &path,
        "message",
        cur.desc.name(),
        &prev.desc.reserved_name,
        &cur.desc.reserved_name,
    );
}

fn extension_message_no_delete(env: &Env, pair: &Pair<Message>, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    check_ranges(
        sink,
        prev.file,
        cur.file,
        &message_location(env, cur),
        "extension",
        "message",
        cur.desc.name(),
        &extension_ranges(prev),
        &extension_ranges(cur),
        (message_max(prev), message_max(cur)),
    );
}

/// The names of a message's oneofs, without the synthetic ones of proto3
/// `optional` fields.
fn real_oneofs<'m>(m: &'m Message) -> impl Iterator<Item = &'m str> {
    m.desc.oneof_decl.iter().enumerate().filter_map(|(i, o)| {
        let mut members = m
            .desc
            .field
            .iter()
            .filter(|f| f.oneof_index == Some(i as i32));
        let synthetic =
            matches!((members.next(), members.next()), (Some(f), None) if f.proto3_optional());
        (!synthetic).then(|| o.name())
    })
}

fn oneof_no_delete(env: &Env, pair: &Pair<Message>, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    let now: BTreeSet<&str> = cur.desc.oneof_decl.iter().map(|o| o.name()).collect();
    let gone: BTreeSet<&str> = real_oneofs(prev).filter(|n| !now.contains(n)).collect();
    for name in gone {
        sink.at(
            prev.file,
            cur.file,
            message_location(env, cur),
            format!(
                "Previously present oneof {} on message {} was deleted.",
                q(name),
                q(cur.desc.name())
            ),
        );
    }
}

fn no_standard_descriptor_accessor(m: &Message) -> bool {
    m.desc
        .options
        .as_ref()
        .and_then(|o| o.no_standard_descriptor_accessor)
        .unwrap_or(false)
}

fn message_no_remove_standard_descriptor_accessor(_: &Env, pair: &Pair<Message>, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    if !no_standard_descriptor_accessor(prev) && no_standard_descriptor_accessor(cur) {
        let option = |m: &Message| {
            let mut path = m.path.clone();
            path.extend([7, 2]);
            path
        };
        at_if_located(
            sink,
            (prev.file, Some(&option(prev))),
            cur.file,
            option(cur),
            "Message option \"no_standard_descriptor_accessor\" changed from \"false\" to \"true\"."
                .to_owned(),
        );
    }
}

/// The name of a resolved `json_format` feature.
pub(super) fn json_format_name(v: i32) -> &'static str {
    match v {
        features::JSON_ALLOW => "ALLOW",
        features::JSON_LEGACY_BEST_EFFORT => "LEGACY_BEST_EFFORT",
        _ => "JSON_FORMAT_UNKNOWN",
    }
}

fn message_same_json_format(env: &Env, pair: &Pair<Message>, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    let json = |m: &Message| m.file.features_at(&m.path, None).json_format;
    let (before, now) = (json(prev), json(cur));
    if before == features::JSON_ALLOW && now != features::JSON_ALLOW {
        // The `json_format` feature (options 7, features 12, field 6).
        let at = super::located(cur.file, &cur.path, &[7, 12, 6])
            .unwrap_or_else(|| message_location(env, cur));
        sink.at(
            prev.file,
            cur.file,
            at,
            format!(
                "Message {} JSON format support changed from {} to {}.",
                q(cur.desc.name()),
                json_format_name(before),
                json_format_name(now)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_parts_of_a_range() {
        let c = collapse(&[(5, 9), (1, 2), (3, 3), (20, 30)]);
        assert_eq!(c, vec![(1, 3), (5, 9), (20, 30)]);
        assert_eq!(missing((1, 10), &c), vec![(4, 4), (10, 10)]);
        assert_eq!(missing((1, 40), &c), vec![(4, 4), (10, 19), (31, 40)]);
        assert_eq!(missing((5, 9), &c), vec![]);
        assert_eq!(missing((40, 50), &c), vec![(40, 50)]);
        assert_eq!(missing((0, 0), &c), vec![(0, 0)]);
        assert_eq!(missing((1, 5), &[]), vec![(1, 5)]);
        assert_eq!(range_text((1, MESSAGE_MAX), MESSAGE_MAX), "[1,max]");
        assert_eq!(range_text((7, 7), MESSAGE_MAX), "[7]");
    }
}
