//! File and package rules: deleted files, packages and top-level or nested
//! elements (per file and per package), and file-level properties (package,
//! syntax, the language options of `FileOptions`).
//!
//! Deleted elements are named by their *nested name* (`Outer.Inner`, for an
//! extension its declaring scope plus its name: `Outer.ext`) and reported at
//! the nearest enclosing message that still exists in the current file (for
//! package messages: anywhere in the package), else on the current file as
//! a whole; when the file itself is gone, without a file.

use std::collections::{BTreeMap, BTreeSet};

use prost_types::{DescriptorProto, FileOptions, file_options::OptimizeMode};

use crate::{
    breaking::{Env, Pair, Sink},
    gostr::quote as q,
    schema::SchemaFile,
};

breaking_rules! {
    /// Checks that no file of the baseline is missing from the input (files
    /// are paired by their path inside the module, imported files included
    /// unless `--exclude-imports` is given).
    ///
    /// ## Why
    /// Deleting a file deletes everything it declares, and breaks every
    /// file that imports it, in this module or in a dependent one. The
    /// generated code of most languages is also laid out per file, so even
    /// moving the declarations elsewhere changes import paths for users.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: acme/user/v1/user.proto and acme/user/v1/legacy.proto
    /// // input:    acme/user/v1/user.proto only
    /// // flagged: Previously present file "acme/user/v1/legacy.proto" was deleted.
    /// ```
    ///
    /// ## Fix
    /// Keep the file (deprecate its contents instead), or, if the deletion
    /// is intended, release it as a new major version of the package.
    FileNoDelete => Whole(file_no_delete),

    /// Checks that a file keeps its `package`.
    ///
    /// ## Why
    /// The package is part of the fully-qualified name of every message,
    /// enum and service of the file: changing it renames all of them, which
    /// breaks generated code, `Any` type URLs, gRPC method paths and every
    /// reference from other files.
    ///
    /// ## Example
    /// ```proto
    /// // baseline
    /// package acme.user.v1;
    /// // input: flagged, File package changed from "acme.user.v1" to "acme.users.v1".
    /// package acme.users.v1;
    /// ```
    ///
    /// ## Fix
    /// Restore the previous package; to move definitions to a new package,
    /// add new files there and keep the old ones until clients migrated.
    FileSamePackage => File(file_same_package),

    /// Checks that a file keeps its syntax: `proto2` (also when no syntax
    /// is given), `proto3` or `editions` (every edition counts as the same).
    ///
    /// ## Why
    /// Syntax decides field presence, default values, enum openness and
    /// UTF-8 validation of strings, so the same declarations behave
    /// differently on the wire, in JSON and in generated code after a
    /// change of syntax.
    ///
    /// ## Example
    /// ```proto
    /// // baseline
    /// syntax = "proto2";
    /// // input: flagged, File syntax changed from "proto2" to "proto3".
    /// syntax = "proto3";
    /// ```
    ///
    /// ## Fix
    /// Keep the previous syntax. Migrating to editions with features that
    /// reproduce the old behaviour is a change this rule reports too, so
    /// do it together with a new major version, or ignore the rule for it.
    FileSameSyntax => File(file_same_syntax),

    /// Checks that a file keeps the effective value of the
    /// `cc_enable_arenas` option (`true` when unset).
    ///
    /// ## Why
    /// The option changes the C++ generated code and how messages are
    /// allocated; C++ code written against one setting may no longer
    /// compile or behave the same with the other.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: no option (true)
    /// option cc_enable_arenas = false;   // flagged: changed from "true" to "false"
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSameCcEnableArenas => File(file_same_cc_enable_arenas),

    /// Checks that a file keeps the effective value of the
    /// `cc_generic_services` option (`false` when unset).
    ///
    /// ## Why
    /// The option decides whether C++ service stubs are generated; turning
    /// it off removes classes C++ users may depend on, turning it on adds
    /// generated code that can clash with other plugins' output.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: option cc_generic_services = true;
    /// // input: option removed (false), flagged.
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSameCcGenericServices => File(file_same_cc_generic_services),

    /// Checks that a file keeps its `csharp_namespace` option (unset counts
    /// as `""`).
    ///
    /// ## Why
    /// The namespace of the generated C# types changes with it, so every C#
    /// file using them stops compiling.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: option csharp_namespace = "Acme.User.V1";
    /// option csharp_namespace = "Acme.Users.V1";   // flagged
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSameCsharpNamespace => File(file_same_csharp_namespace),

    /// Checks that a file keeps its `go_package` option (unset counts as
    /// `""`).
    ///
    /// ## Why
    /// It is the import path and package name of the generated Go code:
    /// changing it moves the code, so every Go import of it breaks.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: option go_package = "example.com/acme/user/v1;userv1";
    /// option go_package = "example.com/acme/users/v1;usersv1";   // flagged
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSameGoPackage => File(file_same_go_package),

    /// Checks that a file keeps the effective value of the
    /// `java_generic_services` option (`false` when unset).
    ///
    /// ## Why
    /// The option decides whether Java service stubs are generated; Java
    /// code using the old stubs breaks when they disappear or change.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: option java_generic_services = true;
    /// option java_generic_services = false;   // flagged
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSameJavaGenericServices => File(file_same_java_generic_services),

    /// Checks that a file keeps the effective value of the
    /// `java_multiple_files` option (`false` when unset).
    ///
    /// ## Why
    /// It decides whether Java types are nested in one outer class or each
    /// get their own file: their fully-qualified Java names change, and so
    /// does every Java import of them.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: option java_multiple_files = true;
    /// option java_multiple_files = false;   // flagged
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSameJavaMultipleFiles => File(file_same_java_multiple_files),

    /// Checks that a file keeps its `java_outer_classname` option (unset
    /// counts as `""`).
    ///
    /// ## Why
    /// The outer class name is part of the Java name of everything the file
    /// generates (or at least of its descriptor holder), so Java code
    /// referring to it stops compiling.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: option java_outer_classname = "UserProto";
    /// option java_outer_classname = "UsersProto";   // flagged
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSameJavaOuterClassname => File(file_same_java_outer_classname),

    /// Checks that a file keeps its `java_package` option (unset counts as
    /// `""`).
    ///
    /// ## Why
    /// It is the Java package of the generated classes; changing it moves
    /// them, so every Java import of them breaks.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: option java_package = "com.acme.user.v1";
    /// option java_package = "com.acme.users.v1";   // flagged
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSameJavaPackage => File(file_same_java_package),

    /// Checks that a file keeps its `objc_class_prefix` option (unset
    /// counts as `""`).
    ///
    /// ## Why
    /// The prefix is part of every generated Objective-C class name, so
    /// changing it renames all of them.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: option objc_class_prefix = "AUX";
    /// option objc_class_prefix = "ACU";   // flagged
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSameObjcClassPrefix => File(file_same_objc_class_prefix),

    /// Checks that a file keeps the effective value of the `optimize_for`
    /// option (`SPEED` when unset).
    ///
    /// ## Why
    /// `LITE_RUNTIME` generates code against a different runtime library
    /// with a smaller API (no descriptors, no reflection), and `CODE_SIZE`
    /// changes the generated classes too: code relying on the old variant
    /// may no longer compile or link.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: no option (SPEED)
    /// option optimize_for = LITE_RUNTIME;   // flagged: changed from "SPEED" to "LITE_RUNTIME"
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSameOptimizeFor => File(file_same_optimize_for),

    /// Checks that a file keeps its `php_class_prefix` option (unset counts
    /// as `""`).
    ///
    /// ## Why
    /// The prefix is part of every generated PHP class name, so changing it
    /// renames all of them.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: option php_class_prefix = "Acme";
    /// option php_class_prefix = "Acm";   // flagged
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSamePhpClassPrefix => File(file_same_php_class_prefix),

    /// Checks that a file keeps its `php_metadata_namespace` option (unset
    /// counts as `""`).
    ///
    /// ## Why
    /// It is the namespace of the generated PHP metadata classes that
    /// register the file's descriptors; code and autoloaders referring to
    /// them break when it moves.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: option php_metadata_namespace = "Acme\\User\\V1\\Meta";
    /// option php_metadata_namespace = "Acme\\Meta";   // flagged
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSamePhpMetadataNamespace => File(file_same_php_metadata_namespace),

    /// Checks that a file keeps its `php_namespace` option (unset counts as
    /// `""`).
    ///
    /// ## Why
    /// It is the namespace of the generated PHP classes; changing it moves
    /// them, so every `use` of them breaks.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: option php_namespace = "Acme\\User\\V1";
    /// option php_namespace = "Acme\\Users\\V1";   // flagged
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSamePhpNamespace => File(file_same_php_namespace),

    /// Checks that a file keeps the effective value of the
    /// `py_generic_services` option (`false` when unset).
    ///
    /// ## Why
    /// The option decides whether Python service stubs are generated;
    /// Python code using them breaks when they disappear or change.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: option py_generic_services = true;
    /// // input: option removed (false), flagged.
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSamePyGenericServices => File(file_same_py_generic_services),

    /// Checks that a file keeps its `ruby_package` option (unset counts as
    /// `""`).
    ///
    /// ## Why
    /// It is the Ruby module of the generated classes; changing it renames
    /// them for every Ruby user.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: option ruby_package = "Acme::User::V1";
    /// option ruby_package = "Acme::Users::V1";   // flagged
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSameRubyPackage => File(file_same_ruby_package),

    /// Checks that a file keeps its `swift_prefix` option (unset counts as
    /// `""`).
    ///
    /// ## Why
    /// The prefix is part of every generated Swift type name, so changing
    /// it renames all of them.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: option swift_prefix = "AU";
    /// option swift_prefix = "ACU";   // flagged
    /// ```
    ///
    /// ## Fix
    /// Restore the previous value.
    FileSameSwiftPrefix => File(file_same_swift_prefix),

    /// Checks that no package of the baseline is gone: at least one file
    /// still declares it (files without a `package` form the package `""`).
    ///
    /// ## Why
    /// Removing a package removes every definition in it, breaking all
    /// generated code and every client that uses any of its types or
    /// services.
    ///
    /// ## Example
    /// ```proto
    /// // baseline: files in acme.user.v1 and acme.billing.v1
    /// // input:    files in acme.user.v1 only
    /// // flagged: Previously present package "acme.billing.v1" was deleted.
    /// ```
    ///
    /// ## Fix
    /// Keep the package (deprecate its contents instead), or release the
    /// removal as a new major version.
    PackageNoDelete => Whole(package_no_delete),

    /// Checks that every message of a package (by nested name, e.g.
    /// `Outer.Inner`) still exists somewhere in the same package; moving a
    /// message between files of the package is fine. Only packages that
    /// still declare at least one message are checked (as in buf).
    ///
    /// ## Why
    /// A deleted message breaks generated code using it, every field of
    /// that type, and `Any` values carrying it.
    ///
    /// ## Example
    /// ```proto
    /// // baseline
    /// message User { message Address {} }
    /// // input: flagged, Previously present message "User.Address" was deleted from package "acme.user.v1".
    /// message User {}
    /// ```
    ///
    /// ## Fix
    /// Restore the message (mark it `deprecated` instead of deleting it).
    PackageMessageNoDelete => Whole(package_message_no_delete),

    /// Checks that every enum of a package (by nested name) still exists
    /// somewhere in the same package. Only packages that still declare at
    /// least one enum are checked (as in buf).
    ///
    /// ## Why
    /// A deleted enum breaks generated code using it and every field of
    /// that type.
    ///
    /// ## Example
    /// ```proto
    /// // baseline
    /// message User { enum Kind { KIND_UNSPECIFIED = 0; } }
    /// enum Role { ROLE_UNSPECIFIED = 0; }
    /// // input: Kind gone, flagged: Previously present enum "User.Kind" was deleted from package "acme.user.v1".
    /// ```
    ///
    /// ## Fix
    /// Restore the enum (mark it `deprecated` instead of deleting it).
    PackageEnumNoDelete => Whole(package_enum_no_delete),

    /// Checks that every extension of a package (by nested name: the
    /// declaring scope plus the extension's name) still exists somewhere
    /// in the same package. Only packages that still declare at least one
    /// extension are checked (as in buf).
    ///
    /// ## Why
    /// Readers that no longer know the extension keep its data as unknown
    /// fields; code reading or writing it through the generated accessors
    /// stops compiling, and custom options defined by it stop resolving.
    ///
    /// ## Example
    /// ```proto
    /// // baseline
    /// extend google.protobuf.FieldOptions { string label = 50001; string unit = 50002; }
    /// // input: unit gone, flagged: Previously present extension "unit" was deleted from package "acme.user.v1".
    /// ```
    ///
    /// ## Fix
    /// Restore the extension (mark it `deprecated` instead of deleting
    /// it).
    PackageExtensionNoDelete => Whole(package_extension_no_delete),

    /// Checks that every service of a package still exists somewhere in
    /// the same package (of every package that still has a file).
    ///
    /// ## Why
    /// Clients calling a deleted service get `UNIMPLEMENTED`, and the
    /// generated client and server code for it disappears.
    ///
    /// ## Example
    /// ```proto
    /// // baseline
    /// service UserService {}
    /// service AdminService {}
    /// // input: AdminService gone, flagged: Previously present service "AdminService" was deleted from package "acme.user.v1".
    /// ```
    ///
    /// ## Fix
    /// Restore the service (deprecate it instead of deleting it).
    PackageServiceNoDelete => Whole(package_service_no_delete),

    /// Checks that every message a file declared (by nested name, e.g.
    /// `Outer.Inner`, map entries included) is still declared in the same
    /// file. Moving a message to another file is reported too.
    ///
    /// ## Why
    /// Generated code is laid out per file: a deleted or moved message
    /// disappears from the code users import, and deleting it also breaks
    /// every field of that type and `Any` values carrying it.
    ///
    /// ## Example
    /// ```proto
    /// // baseline
    /// message User { message Address {} }
    /// // input: flagged at User, Previously present message "User.Address" was deleted from file.
    /// message User {}
    /// ```
    ///
    /// ## Fix
    /// Restore the message in its file (mark it `deprecated` instead of
    /// deleting it).
    MessageNoDelete => File(message_no_delete),

    /// Checks that every enum a file declared (by nested name) is still
    /// declared in the same file. Moving an enum to another file is
    /// reported too.
    ///
    /// ## Why
    /// Generated code is laid out per file: a deleted or moved enum
    /// disappears from the code users import, and deleting it also breaks
    /// every field of that type.
    ///
    /// ## Example
    /// ```proto
    /// // baseline
    /// enum Role { ROLE_UNSPECIFIED = 0; }
    /// // input: Role gone, the file is flagged:
    /// // Previously present enum "Role" was deleted from file.
    /// ```
    ///
    /// ## Fix
    /// Restore the enum in its file (mark it `deprecated` instead of
    /// deleting it).
    EnumNoDelete => File(enum_no_delete),

    /// Checks that every extension a file declared (by nested name: the
    /// declaring scope plus its name, e.g. `User.nickname`) is still
    /// declared in the same file.
    ///
    /// ## Why
    /// Code using the extension's generated accessors stops compiling,
    /// custom options defined by it stop resolving, and readers keep its
    /// data only as unknown fields.
    ///
    /// ## Example
    /// ```proto
    /// // baseline
    /// extend google.protobuf.MessageOptions { string table = 50001; }
    /// // input: extension gone, the file is flagged:
    /// // Previously present extension "table" was deleted from file.
    /// ```
    ///
    /// ## Fix
    /// Restore the extension in its file (mark it `deprecated` instead of
    /// deleting it).
    ExtensionNoDelete => File(extension_no_delete),

    /// Checks that every service a file declared is still declared in the
    /// same file.
    ///
    /// ## Why
    /// Clients calling a deleted service get `UNIMPLEMENTED`, and generated
    /// client and server code is laid out per file, so even a moved
    /// service changes what users import.
    ///
    /// ## Example
    /// ```proto
    /// // baseline
    /// service AdminService { rpc Ban(BanRequest) returns (BanResponse); }
    /// // input: service gone, the file is flagged:
    /// // Previously present service "AdminService" was deleted from file.
    /// ```
    ///
    /// ## Fix
    /// Restore the service in its file (deprecate it instead of deleting
    /// it).
    ServiceNoDelete => File(service_no_delete),
}

/// The elements of some files by nested name (relative to the package).
#[derive(Default)]
struct Elements<'a> {
    /// Messages (nested ones and map entries included): declaring file and
    /// source path.
    messages: BTreeMap<String, (&'a SchemaFile<'a>, Vec<i32>)>,
    enums: BTreeMap<String, &'a SchemaFile<'a>>,
    /// Extensions by declaring scope + name (`Outer.ext`, or `ext`).
    extensions: BTreeMap<String, &'a SchemaFile<'a>>,
    services: BTreeMap<String, &'a SchemaFile<'a>>,
}

impl<'a> Elements<'a> {
    fn of(files: &[&'a SchemaFile<'a>]) -> Self {
        let mut out = Elements::default();
        for &file in files {
            let desc = &*file.desc;
            for (i, m) in desc.message_type.iter().enumerate() {
                out.add_message(file, m, "", vec![4, i as i32]);
            }
            for e in &desc.enum_type {
                out.enums.insert(e.name().to_owned(), file);
            }
            for x in &desc.extension {
                out.extensions.insert(x.name().to_owned(), file);
            }
            for s in &desc.service {
                out.services.insert(s.name().to_owned(), file);
            }
        }
        out
    }

    fn add_message(
        &mut self,
        file: &'a SchemaFile<'a>,
        m: &DescriptorProto,
        scope: &str,
        path: Vec<i32>,
    ) {
        let name = nest(scope, m.name());
        for (i, n) in m.nested_type.iter().enumerate() {
            let mut p = path.clone();
            p.extend([3, i as i32]);
            self.add_message(file, n, &name, p);
        }
        for e in &m.enum_type {
            self.enums.insert(nest(&name, e.name()), file);
        }
        for x in &m.extension {
            self.extensions.insert(nest(&name, x.name()), file);
        }
        self.messages.insert(name, (file, path));
    }
}

fn nest(scope: &str, name: &str) -> String {
    if scope.is_empty() {
        name.to_owned()
    } else {
        format!("{scope}.{name}")
    }
}

/// The nearest message enclosing the element `nested` that exists in
/// `messages` (`A.B.C` looks for `A.B`, then `A`).
fn enclosing<'m, 'a>(
    messages: &'m BTreeMap<String, (&'a SchemaFile<'a>, Vec<i32>)>,
    nested: &str,
) -> Option<&'m (&'a SchemaFile<'a>, Vec<i32>)> {
    let mut scope = nested;
    while let Some(i) = scope.rfind('.') {
        scope = &scope[..i];
        if let Some(found) = messages.get(scope) {
            return Some(found);
        }
    }
    None
}

/// Reports a deleted element at its nearest surviving enclosing message in
/// `messages` (which lie in `current` or, for package rules, anywhere in the
/// package), else on `current` as a whole.
fn report_deleted(
    sink: &mut Sink,
    against: &SchemaFile,
    current: &SchemaFile,
    messages: &BTreeMap<String, (&SchemaFile, Vec<i32>)>,
    nested: &str,
    message: String,
) {
    match enclosing(messages, nested) {
        Some((file, path)) => sink.at(against, file, path.clone(), message),
        None => sink.on_file(against, current, message),
    }
}

// ---------------------------------------------------------------- deletions

fn file_no_delete(env: &Env, sink: &mut Sink) {
    for (name, prev) in &env.previous.files {
        if !env.current.files.contains_key(name) {
            sink.nowhere(
                prev,
                format!("Previously present file {} was deleted.", q(name)),
            );
        }
    }
}

fn package_no_delete(env: &Env, sink: &mut Sink) {
    for (package, files) in &env.previous.packages {
        if env.current.packages.contains_key(package) {
            continue;
        }
        // The baseline file named for ignores: the first by path.
        if let Some(first) = files.iter().min_by_key(|f| f.name) {
            sink.nowhere(
                first,
                format!("Previously present package {} was deleted.", q(package)),
            );
        }
    }
}

/// The kinds of elements the package rules look for.
#[derive(Clone, Copy)]
enum Kind {
    Message,
    Enum,
    Extension,
    Service,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Message => "message",
            Kind::Enum => "enum",
            Kind::Extension => "extension",
            Kind::Service => "service",
        }
    }

    /// The elements of this kind: nested name → declaring file.
    fn of<'e, 'a>(self, e: &'e Elements<'a>) -> Vec<(&'e str, &'a SchemaFile<'a>)> {
        match self {
            Kind::Message => e
                .messages
                .iter()
                .map(|(n, (f, _))| (n.as_str(), *f))
                .collect(),
            Kind::Enum => e.enums.iter().map(|(n, f)| (n.as_str(), *f)).collect(),
            Kind::Extension => e.extensions.iter().map(|(n, f)| (n.as_str(), *f)).collect(),
            Kind::Service => e.services.iter().map(|(n, f)| (n.as_str(), *f)).collect(),
        }
    }
}

/// An element of `kind` present in a package before and missing from it
/// now. Packages gone entirely are PACKAGE_NO_DELETE's; as in buf, packages
/// that no longer declare any message (enum, extension) are skipped by the
/// message (enum, extension) rule, while the service rule checks every
/// package that still has a file.
fn package_element_no_delete(env: &Env, sink: &mut Sink, kind: Kind) {
    for (package, prev_files) in &env.previous.packages {
        let Some(cur_files) = env.current.packages.get(package) else {
            continue;
        };
        let prev = Elements::of(prev_files);
        let cur = Elements::of(cur_files);
        let current: BTreeSet<&str> = kind.of(&cur).into_iter().map(|(n, _)| n).collect();
        if current.is_empty() && !matches!(kind, Kind::Service) {
            continue;
        }
        for (name, prev_file) in kind.of(&prev) {
            if current.contains(name) {
                continue;
            }
            let message = format!(
                "Previously present {} {} was deleted from package {}.",
                kind.word(),
                q(name),
                q(package)
            );
            let Some(&cur_file) = env.current.files.get(prev_file.name) else {
                sink.nowhere(prev_file, message);
                continue;
            };
            match kind {
                Kind::Service => sink.on_file(prev_file, cur_file, message),
                // A message is placed at its enclosing message anywhere in
                // the package, other elements only within the same file.
                Kind::Message => {
                    report_deleted(sink, prev_file, cur_file, &cur.messages, name, message)
                }
                Kind::Enum | Kind::Extension => {
                    let own = Elements::of(&[cur_file]);
                    report_deleted(sink, prev_file, cur_file, &own.messages, name, message);
                }
            }
        }
    }
}

fn package_message_no_delete(env: &Env, sink: &mut Sink) {
    package_element_no_delete(env, sink, Kind::Message);
}

fn package_enum_no_delete(env: &Env, sink: &mut Sink) {
    package_element_no_delete(env, sink, Kind::Enum);
}

fn package_extension_no_delete(env: &Env, sink: &mut Sink) {
    package_element_no_delete(env, sink, Kind::Extension);
}

fn package_service_no_delete(env: &Env, sink: &mut Sink) {
    package_element_no_delete(env, sink, Kind::Service);
}

/// An element of `kind` declared by the previous file and not by the
/// current one.
fn file_element_no_delete(pair: &Pair<SchemaFile>, sink: &mut Sink, kind: Kind) {
    let prev = Elements::of(&[pair.previous]);
    let cur = Elements::of(&[pair.current]);
    let current: BTreeSet<&str> = kind.of(&cur).into_iter().map(|(n, _)| n).collect();
    for (name, _) in kind.of(&prev) {
        if current.contains(name) {
            continue;
        }
        let message = format!(
            "Previously present {} {} was deleted from file.",
            kind.word(),
            q(name)
        );
        match kind {
            Kind::Service => sink.on_file(pair.previous, pair.current, message),
            _ => report_deleted(
                sink,
                pair.previous,
                pair.current,
                &cur.messages,
                name,
                message,
            ),
        }
    }
}

fn message_no_delete(_: &Env, pair: &Pair<SchemaFile>, sink: &mut Sink) {
    file_element_no_delete(pair, sink, Kind::Message);
}

fn enum_no_delete(_: &Env, pair: &Pair<SchemaFile>, sink: &mut Sink) {
    file_element_no_delete(pair, sink, Kind::Enum);
}

fn extension_no_delete(_: &Env, pair: &Pair<SchemaFile>, sink: &mut Sink) {
    file_element_no_delete(pair, sink, Kind::Extension);
}

fn service_no_delete(_: &Env, pair: &Pair<SchemaFile>, sink: &mut Sink) {
    file_element_no_delete(pair, sink, Kind::Service);
}

// ---------------------------------------------------------- file properties

/// `FileDescriptorProto` field numbers of the statements reported at.
const PACKAGE: i32 = 2;
const OPTIONS: i32 = 8;
const SYNTAX: i32 = 12;
const EDITION: i32 = 14;

/// Reports `File <what> changed from %q to %q.` at `path` of the current
/// file (on the file as a whole when the statement is absent) when the
/// values differ.
fn same_value(
    pair: &Pair<SchemaFile>,
    sink: &mut Sink,
    path: Vec<i32>,
    what: &str,
    previous: &str,
    current: &str,
) {
    if previous != current {
        sink.at(
            pair.previous,
            pair.current,
            path,
            format!(
                "File {what} changed from {} to {}.",
                q(previous),
                q(current)
            ),
        );
    }
}

fn file_same_package(_: &Env, pair: &Pair<SchemaFile>, sink: &mut Sink) {
    same_value(
        pair,
        sink,
        vec![PACKAGE],
        "package",
        pair.previous.package(),
        pair.current.package(),
    );
}

/// `proto2` (also when unspecified), `proto3` or `editions`.
fn syntax(file: &SchemaFile) -> &'static str {
    match file.desc.syntax() {
        "proto3" => "proto3",
        "editions" => "editions",
        _ => "proto2",
    }
}

fn file_same_syntax(_: &Env, pair: &Pair<SchemaFile>, sink: &mut Sink) {
    let cur = pair.current;
    // An `edition` statement is recorded under `edition` by some compilers.
    let path = if cur.source.get(&[SYNTAX]).is_none() && cur.source.get(&[EDITION]).is_some() {
        vec![EDITION]
    } else {
        vec![SYNTAX]
    };
    same_value(
        pair,
        sink,
        path,
        "syntax",
        syntax(pair.previous),
        syntax(cur),
    );
}

fn options<'f>(file: &'f SchemaFile) -> std::borrow::Cow<'f, FileOptions> {
    match &file.desc.options {
        Some(o) => std::borrow::Cow::Borrowed(o),
        None => std::borrow::Cow::Owned(FileOptions::default()),
    }
}

/// A file option compared by its effective value as text.
fn same_option(
    pair: &Pair<SchemaFile>,
    sink: &mut Sink,
    number: i32,
    name: &str,
    value: fn(&FileOptions) -> String,
) {
    let previous = value(&options(pair.previous));
    let current = value(&options(pair.current));
    same_value(
        pair,
        sink,
        vec![OPTIONS, number],
        &format!("option {}", q(name)),
        &previous,
        &current,
    );
}

/// Declares the rule function of a file option: its FileOptions field
/// number, proto name and effective value.
macro_rules! option_rules {
    ($($f:ident: $number:literal $name:literal $value:expr;)*) => {$(
        fn $f(_: &Env, pair: &Pair<SchemaFile>, sink: &mut Sink) {
            same_option(pair, sink, $number, $name, $value);
        }
    )*};
}

option_rules! {
    file_same_java_package: 1 "java_package" |o| o.java_package().to_owned();
    file_same_java_outer_classname: 8 "java_outer_classname" |o| o.java_outer_classname().to_owned();
    file_same_optimize_for: 9 "optimize_for" |o| optimize_for(o).to_owned();
    file_same_java_multiple_files: 10 "java_multiple_files" |o| o.java_multiple_files.unwrap_or(false).to_string();
    file_same_go_package: 11 "go_package" |o| o.go_package().to_owned();
    file_same_cc_generic_services: 16 "cc_generic_services" |o| o.cc_generic_services.unwrap_or(false).to_string();
    file_same_java_generic_services: 17 "java_generic_services" |o| o.java_generic_services.unwrap_or(false).to_string();
    file_same_py_generic_services: 18 "py_generic_services" |o| o.py_generic_services.unwrap_or(false).to_string();
    file_same_cc_enable_arenas: 31 "cc_enable_arenas" |o| o.cc_enable_arenas.unwrap_or(true).to_string();
    file_same_objc_class_prefix: 36 "objc_class_prefix" |o| o.objc_class_prefix().to_owned();
    file_same_csharp_namespace: 37 "csharp_namespace" |o| o.csharp_namespace().to_owned();
    file_same_swift_prefix: 39 "swift_prefix" |o| o.swift_prefix().to_owned();
    file_same_php_class_prefix: 40 "php_class_prefix" |o| o.php_class_prefix().to_owned();
    file_same_php_namespace: 41 "php_namespace" |o| o.php_namespace().to_owned();
    file_same_php_metadata_namespace: 44 "php_metadata_namespace" |o| o.php_metadata_namespace().to_owned();
    file_same_ruby_package: 45 "ruby_package" |o| o.ruby_package().to_owned();
}

/// The enum name of the effective `optimize_for` (`SPEED` when unset).
fn optimize_for(o: &FileOptions) -> &'static str {
    match o.optimize_for.map(OptimizeMode::try_from) {
        Some(Ok(OptimizeMode::CodeSize)) => "CODE_SIZE",
        Some(Ok(OptimizeMode::LiteRuntime)) => "LITE_RUNTIME",
        _ => "SPEED",
    }
}
