//! Comment rules: every declaration of a kind carries a leading comment
//! that documents it.

use crate::{
    check::ignore::is_ignore_directive,
    gostr::quote as q,
    lint::{
        Env, Sink,
        walk::{Enum, EnumValue, Field, Message, Method, Oneof, Service},
    },
    schema::SchemaFile,
};

lint_rules! {
    /// Checks that every enum has a leading comment with some text in it
    /// (lines that are `buf:lint:ignore` directives do not count).
    ///
    /// ## Why
    /// The leading comment of an enum is copied into the generated code and
    /// into API references; an enum without one leaves readers guessing what
    /// it classifies and when each value applies.
    ///
    /// ## Example
    /// ```proto
    /// enum Status { ... }   // flagged: no comment above it
    /// ```
    ///
    /// ## Fix
    /// Write a `//` comment on the line(s) directly above `enum` (no blank
    /// line in between) describing what the enum stands for.
    CommentEnum => Enum(comment_enum),

    /// Checks that every enum value has a leading comment with some text in
    /// it (lines that are `buf:lint:ignore` directives do not count).
    ///
    /// ## Why
    /// Value names rarely say everything: when a value applies, what a
    /// client must do with it, whether it is deprecated. The comment ends up
    /// next to the constant in every generated language.
    ///
    /// ## Example
    /// ```proto
    /// enum Status {
    ///   // Not set.
    ///   STATUS_UNSPECIFIED = 0;
    ///   STATUS_ACTIVE = 1;   // flagged: only a trailing comment
    /// }
    /// ```
    ///
    /// ## Fix
    /// Move or add the description to the line(s) directly above the value.
    CommentEnumValue => EnumValue(comment_enum_value),

    /// Checks that every field (extensions included) has a leading comment
    /// with some text in it. Fields of map entries and group fields are not
    /// checked: they have no comment of their own.
    ///
    /// ## Why
    /// Fields are what clients fill in and read; a comment saying what a
    /// field holds, its units and its constraints is the documentation most
    /// readers of an API look for first.
    ///
    /// ## Example
    /// ```proto
    /// message Order {
    ///   string id = 1;   // flagged: the trailing comment does not count
    /// }
    /// ```
    ///
    /// ## Fix
    /// Write a `//` comment on the line(s) directly above the field.
    CommentField => Field(comment_field),

    /// Checks that every message has a leading comment with some text in it
    /// (synthesized map entries are not checked).
    ///
    /// ## Why
    /// A message is a type of the API; its leading comment becomes the type
    /// documentation in generated code and in API references.
    ///
    /// ## Example
    /// ```proto
    /// // buf:lint:ignore MESSAGE_PASCAL_CASE
    /// message order_item {}   // flagged: an ignore directive is not documentation
    /// ```
    ///
    /// ## Fix
    /// Add a line of description to the comment directly above `message`.
    CommentMessage => Message(comment_message),

    /// Checks that every oneof has a leading comment with some text in it
    /// (the oneof synthesized for a proto3 `optional` field is not checked).
    ///
    /// ## Why
    /// A oneof says "exactly one of these"; the comment is the place to say
    /// why the choices exclude each other and what leaving them all unset
    /// means.
    ///
    /// ## Example
    /// ```proto
    /// oneof payment { ... }   // flagged: no comment above it
    /// ```
    ///
    /// ## Fix
    /// Write a `//` comment on the line(s) directly above `oneof`.
    CommentOneof => Oneof(comment_oneof),

    /// Checks that every RPC has a leading comment with some text in it.
    ///
    /// ## Why
    /// RPCs are the operations of an API; their comments become the method
    /// documentation of every generated client and server, where callers
    /// look for behaviour, errors and side effects.
    ///
    /// ## Example
    /// ```proto
    /// service OrderService {
    ///   rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);   // flagged
    /// }
    /// ```
    ///
    /// ## Fix
    /// Write a `//` comment on the line(s) directly above `rpc`.
    CommentRpc => Method(comment_rpc),

    /// Checks that every service has a leading comment with some text in it.
    ///
    /// ## Why
    /// The service comment is the entry point of an API's documentation:
    /// what the service is for and how its RPCs fit together.
    ///
    /// ## Example
    /// ```proto
    /// //
    /// service OrderService { ... }   // flagged: the comment is blank
    /// ```
    ///
    /// ## Fix
    /// Write a description in the comment directly above `service`.
    CommentService => Service(comment_service),
}

/// Reports `kind name` at the declaration `path` unless its leading comment
/// has a line with text that is not an ignore directive. Elements without a
/// recorded location (synthesized ones, files without source info) are not
/// checked.
fn require_comment(file: &SchemaFile, path: &[i32], kind: &str, name: &str, sink: &mut Sink) {
    let Some(location) = file.source.get(path) else {
        return;
    };
    let documented = location.leading_comments.as_deref().is_some_and(|c| {
        c.split('\n')
            .map(str::trim)
            .any(|line| !line.is_empty() && !is_ignore_directive(line))
    });
    if !documented {
        sink.at(
            file,
            path.to_vec(),
            format!(
                "{kind} {} should have a non-empty comment for documentation.",
                q(name)
            ),
        );
    }
}

fn comment_enum(_: &Env, e: &Enum, sink: &mut Sink) {
    require_comment(e.file, &e.path, "Enum", e.desc.name(), sink);
}

fn comment_enum_value(_: &Env, v: &EnumValue, sink: &mut Sink) {
    require_comment(v.file, &v.path, "Enum value", v.desc.name(), sink);
}

fn comment_field(_: &Env, f: &Field, sink: &mut Sink) {
    if f.in_map_entry() || f.is_group() {
        return;
    }
    require_comment(f.file, &f.path, "Field", f.desc.name(), sink);
}

fn comment_message(_: &Env, m: &Message, sink: &mut Sink) {
    if m.is_map_entry() {
        return;
    }
    require_comment(m.file, &m.path, "Message", m.desc.name(), sink);
}

fn comment_oneof(_: &Env, o: &Oneof, sink: &mut Sink) {
    if o.is_synthetic() {
        return;
    }
    require_comment(o.file, &o.path, "Oneof", o.desc.name(), sink);
}

fn comment_rpc(_: &Env, m: &Method, sink: &mut Sink) {
    require_comment(m.file, &m.path, "RPC", m.desc.name(), sink);
}

fn comment_service(_: &Env, s: &Service, sink: &mut Sink) {
    require_comment(s.file, &s.path, "Service", s.desc.name(), sink);
}
