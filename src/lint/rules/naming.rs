//! Naming rules: the casing of every name, and required prefixes/suffixes.

use crate::{
    gostr::quote as q,
    lint::{
        Env, Sink,
        case::{lower_snake_case, pascal_case, upper_snake_case},
        walk::{Enum, EnumValue, Field, Message, Method, Oneof, Service},
    },
    schema::SchemaFile,
};

lint_rules! {
    /// Checks that enum names are PascalCase.
    ///
    /// ## Why
    /// Every protobuf code generator turns enum names into type names; a
    /// consistent PascalCase name gives the same, idiomatic type in every
    /// language and matches the protobuf style guide.
    ///
    /// ## Example
    /// ```proto
    /// enum order_state { ... }   // flagged: should be OrderState
    /// ```
    ///
    /// ## Fix
    /// Rename the enum to the suggested PascalCase name (a breaking change
    /// for generated code, not for the wire format).
    EnumPascalCase => Enum(enum_pascal_case),

    /// Checks that enum value names are UPPER_SNAKE_CASE.
    ///
    /// ## Why
    /// Enum values are constants in most generated languages; the protobuf
    /// style guide names them in UPPER_SNAKE_CASE, and the JSON form of an
    /// enum is its value name, so a consistent spelling matters to clients.
    ///
    /// ## Example
    /// ```proto
    /// enum Color { COLOR_UNSPECIFIED = 0; colorRed = 1; }   // flagged: COLOR_RED
    /// ```
    ///
    /// ## Fix
    /// Rename the value to the suggested name. The number stays, so the
    /// wire format is unaffected; JSON clients see the new name.
    EnumValueUpperSnakeCase => EnumValue(enum_value_upper_snake_case),

    /// Checks that enum value names start with the enum's name in
    /// UPPER_SNAKE_CASE followed by `_`.
    ///
    /// ## Why
    /// Enum values are scoped like their enum's siblings (C++ semantics), so
    /// two enums of a package cannot both have a value `UNKNOWN`. Prefixing
    /// every value with its enum's name avoids those collisions for good.
    ///
    /// ## Example
    /// ```proto
    /// enum Color { COLOR_UNSPECIFIED = 0; RED = 1; }   // flagged: COLOR_RED
    /// ```
    ///
    /// ## Fix
    /// Rename the value to `<ENUM_NAME>_<VALUE>`.
    EnumValuePrefix => EnumValue(enum_value_prefix),

    /// Checks that enum values numbered zero end with a suffix
    /// (`_UNSPECIFIED` unless `enum_zero_value_suffix` says otherwise).
    ///
    /// ## Why
    /// Zero is what a reader sees when the field was never set. Naming it
    /// `..._UNSPECIFIED` keeps "not set" apart from every meaningful value.
    ///
    /// ## Example
    /// ```proto
    /// enum Color { COLOR_RED = 0; }   // flagged: COLOR_UNSPECIFIED = 0
    /// ```
    ///
    /// ## Fix
    /// Add a `<ENUM>_UNSPECIFIED = 0` value and renumber the meaningful
    /// value, or rename the zero value if it already means "unset".
    EnumZeroValueSuffix => EnumValue(enum_zero_value_suffix),

    /// Checks that field names (extensions included) are lower_snake_case.
    ///
    /// ## Why
    /// Generators derive accessor names and the JSON name from the field
    /// name; lower_snake_case gives idiomatic names in every language and
    /// the expected lowerCamelCase JSON name.
    ///
    /// ## Example
    /// ```proto
    /// message User { string userName = 1; }   // flagged: user_name
    /// ```
    ///
    /// ## Fix
    /// Rename the field; add `json_name` with the old JSON name if JSON
    /// clients depend on it.
    FieldLowerSnakeCase => Field(field_lower_snake_case),

    /// Checks that no field is named `descriptor` in any capitalization,
    /// with any leading or trailing underscores (v1beta1 only).
    ///
    /// ## Why
    /// Some generators (Java, notably) add a `getDescriptor()` accessor to
    /// every message; a field of that name clashes with it.
    ///
    /// ## Example
    /// ```proto
    /// message Doc { string Descriptor = 1; }   // flagged
    /// ```
    ///
    /// ## Fix
    /// Pick another name, such as `descriptor_text`.
    FieldNoDescriptor => Field(field_no_descriptor),

    /// Checks that file names are lower_snake_case.
    ///
    /// ## Why
    /// File names become import paths and, in several languages, generated
    /// file or module names. lower_snake_case is portable across file
    /// systems and matches the protobuf style guide.
    ///
    /// ## Example
    /// `acme/v1/UserService.proto` is flagged; use `user_service.proto`.
    ///
    /// ## Fix
    /// Rename the file and update every `import` of it.
    FileLowerSnakeCase => File(file_lower_snake_case),

    /// Checks that message names are PascalCase (map entries excepted).
    ///
    /// ## Why
    /// Messages become types in every generated language; PascalCase is the
    /// protobuf style and gives idiomatic type names.
    ///
    /// ## Example
    /// ```proto
    /// message user_profile {}   // flagged: UserProfile
    /// ```
    ///
    /// ## Fix
    /// Rename the message and every reference to it.
    MessagePascalCase => Message(message_pascal_case),

    /// Checks that oneof names are lower_snake_case (the oneof synthesized
    /// for a proto3 `optional` field excepted).
    ///
    /// ## Why
    /// Oneof names become accessor and enum-case names in generated code;
    /// lower_snake_case gives idiomatic names everywhere.
    ///
    /// ## Example
    /// ```proto
    /// oneof paymentMethod { ... }   // flagged: payment_method
    /// ```
    ///
    /// ## Fix
    /// Rename the oneof.
    OneofLowerSnakeCase => Oneof(oneof_lower_snake_case),

    /// Checks that every component of the package name is lower_snake_case.
    ///
    /// ## Why
    /// Packages become namespaces, modules and directories in generated
    /// code; lower-case dot-separated components work on every platform.
    ///
    /// ## Example
    /// ```proto
    /// package Acme.UserService.v1;   // flagged: acme.user_service.v1
    /// ```
    ///
    /// ## Fix
    /// Rename the package (and move the files to match the new directory).
    PackageLowerSnakeCase => File(package_lower_snake_case),

    /// Checks that RPC names are PascalCase.
    ///
    /// ## Why
    /// RPC names become method names in every generated client and server,
    /// and appear in the HTTP/2 path; PascalCase is the protobuf style.
    ///
    /// ## Example
    /// ```proto
    /// rpc get_user(GetUserRequest) returns (GetUserResponse);   // flagged: GetUser
    /// ```
    ///
    /// ## Fix
    /// Rename the RPC (a breaking change for clients: the path changes).
    RpcPascalCase => Method(rpc_pascal_case),

    /// Checks that service names are PascalCase.
    ///
    /// ## Why
    /// Service names become client and server type names and part of every
    /// RPC's path; PascalCase is the protobuf style.
    ///
    /// ## Example
    /// ```proto
    /// service user_service {}   // flagged: UserService
    /// ```
    ///
    /// ## Fix
    /// Rename the service.
    ServicePascalCase => Service(service_pascal_case),

    /// Checks that service names end with a suffix (`Service` unless
    /// `service_suffix` says otherwise).
    ///
    /// ## Why
    /// A common suffix makes services easy to tell apart from messages in
    /// code and in generated type names (`UserService` next to `User`).
    ///
    /// ## Example
    /// ```proto
    /// service Users {}   // flagged: UsersService
    /// ```
    ///
    /// ## Fix
    /// Rename the service, or set `service_suffix` to your convention.
    ServiceSuffix => Service(service_suffix),
}

const NAME: &[i32] = &[1];

/// Reports `name` at the element's name unless it equals `convert(name)`:
/// `{what} name "x" should be {style}, such as "y".`
fn casing(
    sink: &mut Sink,
    (file, path): (&SchemaFile, &[i32]),
    what: &str,
    style: &str,
    name: &str,
    convert: fn(&str) -> String,
) {
    let want = convert(name);
    if name != want {
        sink.at_child(
            file,
            path,
            NAME,
            format!(
                "{what} name {} should be {style}, such as {}.",
                q(name),
                q(&want)
            ),
        );
    }
}

fn enum_pascal_case(_: &Env, e: &Enum, sink: &mut Sink) {
    casing(
        sink,
        (e.file, &e.path),
        "Enum",
        "PascalCase",
        e.desc.name(),
        pascal_case,
    );
}

fn enum_value_upper_snake_case(_: &Env, v: &EnumValue, sink: &mut Sink) {
    casing(
        sink,
        (v.file, &v.path),
        "Enum value",
        "UPPER_SNAKE_CASE",
        v.desc.name(),
        upper_snake_case,
    );
}

fn enum_value_prefix(_: &Env, v: &EnumValue, sink: &mut Sink) {
    let name = v.desc.name();
    let prefix = format!("{}_", upper_snake_case(v.parent.desc.name()));
    if !name.starts_with(&prefix) {
        sink.at_child(
            v.file,
            &v.path,
            NAME,
            format!(
                "Enum value name {} should be prefixed with {}.",
                q(name),
                q(&prefix)
            ),
        );
    }
}

fn enum_zero_value_suffix(env: &Env, v: &EnumValue, sink: &mut Sink) {
    let name = v.desc.name();
    let suffix = &env.options.enum_zero_value_suffix;
    if v.desc.number() == 0 && !name.ends_with(suffix.as_str()) {
        sink.at_child(
            v.file,
            &v.path,
            NAME,
            format!(
                "Enum zero value name {} should be suffixed with {}.",
                q(name),
                q(suffix)
            ),
        );
    }
}

fn field_lower_snake_case(_: &Env, f: &Field, sink: &mut Sink) {
    if f.in_map_entry() {
        return;
    }
    casing(
        sink,
        (f.file, &f.path),
        "Field",
        "lower_snake_case",
        f.desc.name(),
        lower_snake_case,
    );
}

fn field_no_descriptor(_: &Env, f: &Field, sink: &mut Sink) {
    let name = f.desc.name();
    if name.trim_matches('_').eq_ignore_ascii_case("descriptor") {
        sink.at_child(
            f.file,
            &f.path,
            NAME,
            format!(
                "Field name {} cannot be any capitalization of \"descriptor\" with any number of prefix or suffix underscores.",
                q(name)
            ),
        );
    }
}

fn file_lower_snake_case(_: &Env, file: &SchemaFile, sink: &mut Sink) {
    let base = file.name.rsplit('/').next().unwrap_or(file.name);
    let (stem, ext) = match base.rfind('.') {
        Some(i) => (&base[..i], &base[i..]),
        None => (base, ""),
    };
    let want = lower_snake_case(stem);
    if stem != want {
        sink.file_level(
            file,
            format!(
                "Filename {} should be lower_snake_case{ext}, such as \"{want}{ext}\".",
                q(base)
            ),
        );
    }
}

fn message_pascal_case(_: &Env, m: &Message, sink: &mut Sink) {
    if m.is_map_entry() {
        return;
    }
    casing(
        sink,
        (m.file, &m.path),
        "Message",
        "PascalCase",
        m.desc.name(),
        pascal_case,
    );
}

fn oneof_lower_snake_case(_: &Env, o: &Oneof, sink: &mut Sink) {
    if o.is_synthetic() {
        return;
    }
    casing(
        sink,
        (o.file, &o.path),
        "Oneof",
        "lower_snake_case",
        o.desc.name(),
        lower_snake_case,
    );
}

fn package_lower_snake_case(_: &Env, file: &SchemaFile, sink: &mut Sink) {
    let Some(package) = file.desc.package.as_deref() else {
        return;
    };
    let want: Vec<String> = package.split('.').map(lower_snake_case).collect();
    let want = want.join(".");
    if package != want {
        sink.at(
            file,
            vec![2],
            format!(
                "Package name {} should be lower_snake.case, such as {}.",
                q(package),
                q(&want)
            ),
        );
    }
}

fn rpc_pascal_case(_: &Env, m: &Method, sink: &mut Sink) {
    casing(
        sink,
        (m.file, &m.path),
        "RPC",
        "PascalCase",
        m.desc.name(),
        pascal_case,
    );
}

fn service_pascal_case(_: &Env, s: &Service, sink: &mut Sink) {
    casing(
        sink,
        (s.file, &s.path),
        "Service",
        "PascalCase",
        s.desc.name(),
        pascal_case,
    );
}

fn service_suffix(env: &Env, s: &Service, sink: &mut Sink) {
    let name = s.desc.name();
    let suffix = &env.options.service_suffix;
    if !name.ends_with(suffix.as_str()) {
        sink.at_child(
            s.file,
            &s.path,
            NAME,
            format!(
                "Service name {} should be suffixed with {}.",
                q(name),
                q(suffix)
            ),
        );
    }
}
