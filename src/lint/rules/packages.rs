//! Package rules: that files declare a package, where a package's files
//! live, that they agree on their language-specific file options, the
//! version suffix of a package name, and what packages may import.
//!
//! Also home of the package-version grammar ([`package_version`]) that
//! breaking's `ignore_unstable_packages` reads as well.

use std::{
    collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque},
    fmt,
};

use prost_types::FileOptions;

use crate::{
    gostr::quote as q,
    lint::{Env, Sink},
    schema::SchemaFile,
};

lint_rules! {
    /// Checks that all files of one directory declare the same package (a
    /// file without a package counts as the empty package).
    ///
    /// ## Why
    /// Most code generators turn a directory into one output package or
    /// module. When a directory mixes protobuf packages, the generated code
    /// either clashes or ends up split in ways nobody expects, and readers
    /// can no longer tell a file's package from where it sits.
    ///
    /// ## Example
    /// ```proto
    /// // billing/invoice.proto
    /// package acme.billing.v1;
    /// // billing/refund.proto
    /// package acme.refunds.v1;   // both files flagged
    /// ```
    ///
    /// ## Fix
    /// Move the files so that each directory holds a single package,
    /// ideally the directory named after the package
    /// (`acme/billing/v1/`, see `PACKAGE_DIRECTORY_MATCH`).
    DirectorySamePackage => Module(directory_same_package),

    /// Checks that every file declares a `package`.
    ///
    /// ## Why
    /// Without a package every message, enum and service lands in the one
    /// global namespace shared with every other unpackaged file, where
    /// names collide as soon as two schemas are used together. Generators
    /// also fall back to awkward defaults for the output location.
    ///
    /// ## Example
    /// ```proto
    /// syntax = "proto3";
    /// message User {}   // file flagged: no package statement
    /// ```
    ///
    /// ## Fix
    /// Add a versioned package that matches the file's directory, such as
    /// `package acme.user.v1;` for `acme/user/v1/user.proto`.
    PackageDefined => File(package_defined),

    /// Checks that a file's directory, relative to the module root, is its
    /// package with `.` replaced by `/` (files without a package are
    /// skipped).
    ///
    /// ## Why
    /// When the layout mirrors the packages, import paths are predictable,
    /// two packages cannot end up sharing a directory, and generators that
    /// derive output paths from the directory and from the package agree
    /// with each other.
    ///
    /// ## Example
    /// ```proto
    /// // proto/user.proto
    /// package acme.user.v1;   // flagged: expected directory acme/user/v1
    /// ```
    ///
    /// ## Fix
    /// Move the file to the directory named after its package (and update
    /// the imports of it), or change the package to match the directory.
    PackageDirectoryMatch => File(package_directory_match),

    /// Checks that all files of one package (the empty package included)
    /// are in the same directory.
    ///
    /// ## Why
    /// Generators for Go and several other languages map one directory to
    /// one output package; a protobuf package spread over directories is
    /// generated into several output packages that cannot see each other's
    /// unexported parts and are hard to find.
    ///
    /// ## Example
    /// ```proto
    /// // acme/user/v1/user.proto and legacy/user_extra.proto both say:
    /// package acme.user.v1;   // both files flagged
    /// ```
    ///
    /// ## Fix
    /// Move every file of the package into one directory, the one named
    /// after the package.
    PackageSameDirectory => Module(package_same_directory),

    /// Checks that all files of one package set the same
    /// `csharp_namespace` option (or all leave it unset).
    ///
    /// ## Why
    /// A package is generated as one unit; if its files disagree on the C#
    /// namespace, its types are scattered over several namespaces and
    /// references between them break or need extra `using` directives.
    ///
    /// ## Example
    /// ```proto
    /// // a.proto
    /// package acme.user.v1;
    /// option csharp_namespace = "Acme.User.V1";
    /// // b.proto
    /// package acme.user.v1;   // both files flagged: b.proto has no value
    /// ```
    ///
    /// ## Fix
    /// Give every file of the package the same value, or remove the option
    /// from all of them (managed mode can set it at generation time).
    PackageSameCsharpNamespace => Module(package_same_csharp_namespace),

    /// Checks that all files of one package set the same `go_package`
    /// option (or all leave it unset).
    ///
    /// ## Why
    /// protoc-gen-go generates one Go package per protobuf package only when
    /// the files agree; different `go_package` values split the package
    /// over several Go import paths, which fails to compile as soon as the
    /// files reference each other.
    ///
    /// ## Example
    /// ```proto
    /// // a.proto
    /// option go_package = "example.com/gen/userv1";
    /// // b.proto, same package
    /// option go_package = "example.com/gen/user";   // both files flagged
    /// ```
    ///
    /// ## Fix
    /// Use one `go_package` value for the whole package, or drop the option
    /// everywhere and let managed mode set it.
    PackageSameGoPackage => Module(package_same_go_package),

    /// Checks that all files of one package set the same
    /// `java_multiple_files` option (or all leave it unset; unset is not
    /// the same as `false` here).
    ///
    /// ## Why
    /// The option decides whether a file's types are generated as top-level
    /// Java classes or nested in an outer class; mixing the two within one
    /// package gives its users two different shapes of generated API.
    ///
    /// ## Example
    /// ```proto
    /// // a.proto
    /// option java_multiple_files = true;
    /// // b.proto, same package
    /// option java_multiple_files = false;   // both files flagged
    /// ```
    ///
    /// ## Fix
    /// Set the same value in every file of the package (usually `true`), or
    /// remove it from all of them.
    PackageSameJavaMultipleFiles => Module(package_same_java_multiple_files),

    /// Checks that all files of one package set the same `java_package`
    /// option (or all leave it unset).
    ///
    /// ## Why
    /// One protobuf package should become one Java package; different
    /// values scatter its classes and make imports between the generated
    /// files fragile.
    ///
    /// ## Example
    /// ```proto
    /// // a.proto
    /// option java_package = "com.acme.user.v1";
    /// // b.proto, same package
    /// option java_package = "com.acme.users";   // both files flagged
    /// ```
    ///
    /// ## Fix
    /// Use one value in every file of the package, or remove the option
    /// everywhere.
    PackageSameJavaPackage => Module(package_same_java_package),

    /// Checks that all files of one package set the same `php_namespace`
    /// option (or all leave it unset).
    ///
    /// ## Why
    /// The namespace decides where the generated PHP classes live; a
    /// package whose files disagree is split over several namespaces and
    /// its classes no longer autoload from one place.
    ///
    /// ## Example
    /// ```proto
    /// // a.proto
    /// option php_namespace = "Acme\\User\\V1";
    /// // b.proto, same package: no php_namespace   (both files flagged)
    /// ```
    ///
    /// ## Fix
    /// Use one value in every file of the package, or remove the option
    /// everywhere.
    PackageSamePhpNamespace => Module(package_same_php_namespace),

    /// Checks that all files of one package set the same `ruby_package`
    /// option (or all leave it unset).
    ///
    /// ## Why
    /// The option names the Ruby module the generated classes are defined
    /// in; files of one package that disagree put its types into different
    /// modules.
    ///
    /// ## Example
    /// ```proto
    /// // a.proto
    /// option ruby_package = "Acme::User::V1";
    /// // b.proto, same package
    /// option ruby_package = "Acme::Users";   // both files flagged
    /// ```
    ///
    /// ## Fix
    /// Use one value in every file of the package, or remove the option
    /// everywhere.
    PackageSameRubyPackage => Module(package_same_ruby_package),

    /// Checks that all files of one package set the same `swift_prefix`
    /// option (or all leave it unset).
    ///
    /// ## Why
    /// Swift has no namespaces, so the prefix is part of every generated
    /// type name; types of one package with different prefixes look like
    /// they belong to unrelated APIs.
    ///
    /// ## Example
    /// ```proto
    /// // a.proto
    /// option swift_prefix = "AU";
    /// // b.proto, same package
    /// option swift_prefix = "ACU";   // both files flagged
    /// ```
    ///
    /// ## Fix
    /// Use one value in every file of the package, or remove the option
    /// everywhere.
    PackageSameSwiftPrefix => Module(package_same_swift_prefix),

    /// Checks that the last component of the package is a version: `v`
    /// and a major version of at least 1, optionally followed by `alpha`
    /// or `beta` (with an optional `p<patch>` before and minor number
    /// after, as in `v1p1beta2`) or by `test` and any text. The package
    /// needs at least two components; files without a package are skipped.
    ///
    /// ## Why
    /// A version in the package lets a new, incompatible revision of an API
    /// live next to the old one (`acme.user.v2` beside `acme.user.v1`)
    /// instead of breaking every client in place, and tells readers how
    /// stable an API is meant to be.
    ///
    /// ## Example
    /// ```proto
    /// package acme.user;        // flagged: acme.user.v1
    /// package acme.user.v0;     // flagged: versions start at 1
    /// package acme.user.v1beta1;   // fine
    /// ```
    ///
    /// ## Fix
    /// Append a version component (`.v1` for a first version) and move the
    /// files to the matching directory.
    PackageVersionSuffix => File(package_version_suffix),

    /// Checks that packages do not import each other in a cycle
    /// (`a` imports `b`, which imports `a`, possibly through other
    /// packages). Every import that starts such a cycle is flagged, with the
    /// cycle as seen from the importing package.
    ///
    /// ## Why
    /// Files cannot import each other in a cycle, but packages can, and
    /// many languages then fail: Go rejects import cycles between the
    /// generated packages outright, and elsewhere the packages can no
    /// longer be built, versioned or released separately.
    ///
    /// ## Example
    /// ```proto
    /// // acme/order/v1/order.proto
    /// package acme.order.v1;
    /// import "acme/user/v1/user.proto";   // flagged if acme.user.v1 imports acme.order.v1
    /// ```
    ///
    /// ## Fix
    /// Move the types both packages need into a third package that both
    /// import, or merge the two packages.
    PackageNoImportCycle => Module(package_no_import_cycle),

    /// Checks that files in a stable versioned package (such as `acme.v1`)
    /// do not import files of the module in an unstable one (`alpha`,
    /// `beta` or `test` versions such as `acme.v1beta1`). Packages without a
    /// version are not looked at.
    ///
    /// ## Why
    /// Unstable packages may change incompatibly at any time; a stable API
    /// that depends on one inherits those changes and silently stops being
    /// stable.
    ///
    /// ## Example
    /// ```proto
    /// package acme.user.v1;
    /// import "acme/user/v1beta1/draft.proto";   // flagged
    /// ```
    ///
    /// ## Fix
    /// Promote what is needed into a stable package first, or keep the
    /// dependent API unstable until its dependencies are stable.
    StablePackageNoImportUnstable => Module(stable_package_no_import_unstable),
}

/// Source path of the package statement.
const PACKAGE: &[i32] = &[2];
/// `FileDescriptorProto.dependency`.
const DEPENDENCY: i32 = 3;
/// `FileDescriptorProto.options`.
const OPTIONS: i32 = 8;

/// Reports at `path` when the file has a location for it, else on the file
/// as a whole (buf attaches no location to a missing package statement or
/// file option, and such findings cannot be silenced by a comment).
fn report(sink: &mut Sink, file: &SchemaFile, path: Vec<i32>, message: String) {
    if file.source.get(&path).is_some() {
        sink.at(file, path, message);
    } else {
        sink.file_level(file, message);
    }
}

/// The directory of an import path (`.` for the root), as buf computes it.
fn dir(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[..i],
        None => ".",
    }
}

/// The module's target files grouped by `key`, in a stable order.
fn group_by<'a, 'f>(
    env: &'f Env<'a>,
    key: impl Fn(&'f SchemaFile<'a>) -> &'f str,
) -> BTreeMap<&'f str, Vec<&'f SchemaFile<'a>>> {
    let mut groups: BTreeMap<&str, Vec<&SchemaFile>> = BTreeMap::new();
    for &file in env.targets {
        groups.entry(key(file)).or_default().push(file);
    }
    groups
}

fn directory_same_package(env: &Env, sink: &mut Sink) {
    // Directories are taken from import paths (what buf calls a file's
    // path): for v1beta1 roots those are relative to the root.
    for (dir, files) in group_by(env, |f| dir(f.name)) {
        let mut packages: BTreeSet<&str> = files.iter().map(|f| f.package()).collect();
        if packages.len() < 2 {
            continue;
        }
        let unpackaged = packages.remove("");
        let several = packages.len() > 1;
        let joined = packages.into_iter().collect::<Vec<_>>().join(",");
        let prefix = match (unpackaged, several) {
            (false, _) => format!("Multiple packages {}", q(&joined)),
            (true, true) => format!("Multiple packages {} and file with no package", q(&joined)),
            (true, false) => format!("Package {} and file with no package", q(&joined)),
        };
        let message = format!("{prefix} detected within directory {}.", q(dir));
        for file in files {
            report(sink, file, PACKAGE.to_vec(), message.clone());
        }
    }
}

fn package_defined(_: &Env, file: &SchemaFile, sink: &mut Sink) {
    if file.package().is_empty() {
        sink.file_level(file, "Files must have a package defined.".to_owned());
    }
}

fn package_directory_match(_: &Env, file: &SchemaFile, sink: &mut Sink) {
    let package = file.package();
    if package.is_empty() {
        return;
    }
    let want = package.replace('.', "/");
    let got = dir(file.name);
    if got != want {
        report(
            sink,
            file,
            PACKAGE.to_vec(),
            format!(
                "Files with package {} must be within a directory \"{want}\" relative to root but were in directory \"{got}\".",
                q(package)
            ),
        );
    }
}

fn package_same_directory(env: &Env, sink: &mut Sink) {
    for (package, files) in group_by(env, |f| f.package()) {
        let dirs: BTreeSet<&str> = files.iter().map(|f| dir(f.name)).collect();
        if dirs.len() < 2 {
            continue;
        }
        let joined = dirs.into_iter().collect::<Vec<_>>().join(",");
        let message = format!(
            "Multiple directories {} contain files with package {}.",
            q(&joined),
            q(package)
        );
        for file in files {
            report(sink, file, PACKAGE.to_vec(), message.clone());
        }
    }
}

/// One of the file options that all files of a package must agree on.
struct SameOption {
    /// Its name as printed.
    name: &'static str,
    /// Its field number in `FileOptions`.
    number: i32,
    /// Its value as buf compares it (`""` when unset).
    value: fn(&FileOptions) -> String,
}

fn package_same_option(env: &Env, sink: &mut Sink, option: &SameOption) {
    for (package, files) in group_by(env, |f| f.package()) {
        let mut values: BTreeSet<String> = files
            .iter()
            .map(|f| {
                f.desc
                    .options
                    .as_ref()
                    .map(option.value)
                    .unwrap_or_default()
            })
            .collect();
        if values.len() < 2 {
            continue;
        }
        let unset = values.remove("");
        let joined = values.into_iter().collect::<Vec<_>>().join(",");
        let message = if unset {
            format!(
                "Files in package {} have both values {} and no value for option {} and all values must be equal.",
                q(package),
                q(&joined),
                q(option.name)
            )
        } else {
            format!(
                "Files in package {} have multiple values {} for option {} and all values must be equal.",
                q(package),
                q(&joined),
                q(option.name)
            )
        };
        for file in files {
            report(sink, file, vec![OPTIONS, option.number], message.clone());
        }
    }
}

fn package_same_csharp_namespace(env: &Env, sink: &mut Sink) {
    let option = SameOption {
        name: "csharp_namespace",
        number: 37,
        value: |o| o.csharp_namespace().to_owned(),
    };
    package_same_option(env, sink, &option);
}

fn package_same_go_package(env: &Env, sink: &mut Sink) {
    let option = SameOption {
        name: "go_package",
        number: 11,
        value: |o| o.go_package().to_owned(),
    };
    package_same_option(env, sink, &option);
}

fn package_same_java_multiple_files(env: &Env, sink: &mut Sink) {
    let option = SameOption {
        name: "java_multiple_files",
        number: 10,
        // Unset is its own value here, not `false`.
        value: |o| {
            o.java_multiple_files
                .map(|b| b.to_string())
                .unwrap_or_default()
        },
    };
    package_same_option(env, sink, &option);
}

fn package_same_java_package(env: &Env, sink: &mut Sink) {
    let option = SameOption {
        name: "java_package",
        number: 1,
        value: |o| o.java_package().to_owned(),
    };
    package_same_option(env, sink, &option);
}

fn package_same_php_namespace(env: &Env, sink: &mut Sink) {
    let option = SameOption {
        name: "php_namespace",
        number: 41,
        value: |o| o.php_namespace().to_owned(),
    };
    package_same_option(env, sink, &option);
}

fn package_same_ruby_package(env: &Env, sink: &mut Sink) {
    let option = SameOption {
        name: "ruby_package",
        number: 45,
        value: |o| o.ruby_package().to_owned(),
    };
    package_same_option(env, sink, &option);
}

fn package_same_swift_prefix(env: &Env, sink: &mut Sink) {
    let option = SameOption {
        name: "swift_prefix",
        number: 39,
        value: |o| o.swift_prefix().to_owned(),
    };
    package_same_option(env, sink, &option);
}

fn package_version_suffix(_: &Env, file: &SchemaFile, sink: &mut Sink) {
    let package = file.package();
    if package.is_empty() || package_version(package).is_some() {
        return;
    }
    report(
        sink,
        file,
        PACKAGE.to_vec(),
        format!(
            "Package name {} should be suffixed with a correctly formed version, such as {}.",
            q(package),
            q(&format!("{package}.v1"))
        ),
    );
}

/// An import of a file: the importing file and the index of the import in
/// its `dependency` list.
type Import<'f, 'a> = (&'f SchemaFile<'a>, usize);

fn package_no_import_cycle(env: &Env, sink: &mut Sink) {
    let by_name: HashMap<&str, &SchemaFile> =
        env.schema.files.iter().map(|f| (f.name, f)).collect();
    // buf checks the module's image: its target files and everything they
    // import, directly or not (other files of the workspace are not in it).
    let mut in_image = vec![false; env.schema.files.len()];
    let mut stack: Vec<&SchemaFile> = env.targets.to_vec();
    while let Some(file) = stack.pop() {
        if std::mem::replace(&mut in_image[file.index], true) {
            continue;
        }
        for dep in &file.desc.dependency {
            if let Some(&imported) = by_name.get(dep.as_str())
                && !in_image[imported.index]
            {
                stack.push(imported);
            }
        }
    }
    // Package → directly imported package → the imports that make the edge.
    // Unpackaged files take part as the package "", which no cycle uses.
    let mut graph: BTreeMap<&str, BTreeMap<&str, Vec<Import>>> = BTreeMap::new();
    for file in env.schema.files.iter().filter(|f| in_image[f.index]) {
        let package = file.package();
        let edges = graph.entry(package).or_default();
        for (i, dep) in file.desc.dependency.iter().enumerate() {
            if let Some(imported) = by_name.get(dep.as_str())
                && imported.package() != package
            {
                edges.entry(imported.package()).or_default().push((file, i));
            }
        }
    }
    let mut importers: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (&from, edges) in &graph {
        for &to in edges.keys() {
            importers.entry(to).or_default().push(from);
        }
    }
    let targets: HashSet<usize> = env.targets.iter().map(|f| f.index).collect();
    for (&package, edges) in &graph {
        if package.is_empty() {
            continue;
        }
        let reaches = reaching(package, &importers);
        for (&imported, imports) in edges {
            if imported.is_empty() {
                continue;
            }
            let mut path = vec![package];
            let mut on_path = HashSet::from([package]);
            if !find_cycle(imported, &graph, &reaches, &mut on_path, &mut path) {
                continue;
            }
            let message = format!("Package import cycle: {}", path.join(" -> "));
            for &(file, i) in imports {
                if targets.contains(&file.index) {
                    report(sink, file, vec![DEPENDENCY, i as i32], message.clone());
                }
            }
        }
    }
}

/// The packages from which `package` can be reached by imports (itself
/// included).
fn reaching<'p>(package: &'p str, importers: &BTreeMap<&'p str, Vec<&'p str>>) -> HashSet<&'p str> {
    let mut seen = HashSet::from([package]);
    let mut queue = VecDeque::from([package]);
    while let Some(p) = queue.pop_front() {
        for &from in importers.get(p).into_iter().flatten() {
            if seen.insert(from) {
                queue.push_back(from);
            }
        }
    }
    seen
}

/// Depth-first search from `package` back to `path[0]` over packages not yet
/// on `path`, imported packages visited in name order; on success `path`
/// holds the cycle, both ends included. This is buf's search (which visits
/// in Go map order, so it may report another of several cycles), pruned to
/// packages from which the start can be reached at all, which never changes
/// the cycle found.
fn find_cycle<'p>(
    package: &'p str,
    graph: &BTreeMap<&'p str, BTreeMap<&'p str, Vec<Import>>>,
    reaches: &HashSet<&'p str>,
    on_path: &mut HashSet<&'p str>,
    path: &mut Vec<&'p str>,
) -> bool {
    path.push(package);
    if package == path[0] {
        return true;
    }
    if on_path.contains(package) || !reaches.contains(package) {
        path.pop();
        return false;
    }
    on_path.insert(package);
    for &next in graph
        .get(package)
        .into_iter()
        .flat_map(|edges| edges.keys())
    {
        if !next.is_empty() && find_cycle(next, graph, reaches, on_path, path) {
            return true;
        }
    }
    on_path.remove(package);
    path.pop();
    false
}

fn stable_package_no_import_unstable(env: &Env, sink: &mut Sink) {
    // Only imports of other target files of the module are looked at.
    let by_name: HashMap<&str, &SchemaFile> = env.targets.iter().map(|f| (f.name, *f)).collect();
    for &file in env.targets {
        let package = file.package();
        if !package_version(package).is_some_and(|v| v.is_stable()) {
            continue;
        }
        for (i, dep) in file.desc.dependency.iter().enumerate() {
            let Some(imported) = by_name.get(dep.as_str()) else {
                continue;
            };
            if is_unstable_package(imported.package()) {
                report(
                    sink,
                    file,
                    vec![DEPENDENCY, i as i32],
                    format!(
                        "This file is in stable package {}, so it should not depend on {} from unstable package {}.",
                        q(package),
                        q(dep),
                        q(imported.package())
                    ),
                );
            }
        }
    }
}

/// How stable a package version says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stability {
    Stable,
    Alpha,
    Beta,
    Test,
}

impl Stability {
    fn as_str(self) -> &'static str {
        match self {
            Stability::Stable => "",
            Stability::Alpha => "alpha",
            Stability::Beta => "beta",
            Stability::Test => "test",
        }
    }
}

/// The version in the last component of a package name (`v1`, `v2beta1`,
/// `v1p1alpha`, `v1testfoo`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PackageVersion {
    pub major: i32,
    pub stability: Stability,
    /// The number after `alpha`/`beta` (0 when absent).
    pub minor: i32,
    /// The number after `p`, before `alpha`/`beta` (0 when absent).
    pub patch: i32,
    /// The text after `test`.
    pub suffix: String,
}

impl PackageVersion {
    /// Neither alpha, beta nor test.
    pub(crate) fn is_stable(&self) -> bool {
        self.stability == Stability::Stable
    }
}

impl fmt::Display for PackageVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}", self.major)?;
        if self.patch > 0 {
            write!(f, "p{}", self.patch)?;
        }
        f.write_str(self.stability.as_str())?;
        if self.minor > 0 {
            write!(f, "{}", self.minor)?;
        }
        f.write_str(&self.suffix)
    }
}

/// The version of a package, when its last component is one and it has at
/// least two components (buf's grammar, `PACKAGE_VERSION_SUFFIX`).
pub(crate) fn package_version(package: &str) -> Option<PackageVersion> {
    let (_, last) = package.rsplit_once('.')?;
    version_component(last)
}

/// Whether a package is versioned but not stable: what breaking's
/// `ignore_unstable_packages` skips and what stable packages must not import.
pub(crate) fn is_unstable_package(package: &str) -> bool {
    package_version(package).is_some_and(|v| !v.is_stable())
}

fn version_component(component: &str) -> Option<PackageVersion> {
    let version = component.strip_prefix('v').filter(|v| !v.is_empty())?;
    let make = |major, stability, minor, patch, suffix: &str| PackageVersion {
        major,
        stability,
        minor,
        patch,
        suffix: suffix.to_owned(),
    };
    if let Some((major, suffix)) = version.split_once("test") {
        return Some(make(number(major, 1)?, Stability::Test, 0, 0, suffix));
    }
    let stability = match (version.contains("alpha"), version.contains("beta")) {
        (false, false) => return Some(make(number(version, 1)?, Stability::Stable, 0, 0, "")),
        (true, false) => Stability::Alpha,
        (false, true) => Stability::Beta,
        (true, true) => return None,
    };
    let (before, after) = version.split_once(stability.as_str())?;
    let minor = if after.is_empty() {
        0
    } else {
        number(after, 1)?
    };
    let (major, patch) = match before.split_once('p') {
        Some((major, patch)) => (number(major, 1)?, number(patch, 1)?),
        None => (number(before, 1)?, 0),
    };
    Some(make(major, stability, minor, patch, ""))
}

/// A decimal int32 of at least `min`, parsed like Go's
/// `strconv.ParseInt(s, 10, 32)` (an optional sign, then digits).
fn number(s: &str, min: i32) -> Option<i32> {
    s.parse::<i32>().ok().filter(|&n| n >= min)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stability(package: &str) -> Option<Stability> {
        package_version(package).map(|v| v.stability)
    }

    #[test]
    fn valid_versions() {
        for (package, want) in [
            ("acme.v1", Stability::Stable),
            ("acme.user.v2", Stability::Stable),
            ("acme.v10", Stability::Stable),
            ("acme.v1alpha", Stability::Alpha),
            ("acme.v1alpha1", Stability::Alpha),
            ("acme.v1beta", Stability::Beta),
            ("acme.v3beta12", Stability::Beta),
            ("acme.v1p1alpha", Stability::Alpha),
            ("acme.v1p2beta3", Stability::Beta),
            ("acme.v1test", Stability::Test),
            ("acme.v1testfoo", Stability::Test),
            // `test` is looked for first, anywhere after the `v`.
            ("acme.v1testalphabeta", Stability::Test),
            // Go's ParseInt: a sign and leading zeros are accepted.
            ("acme.v01", Stability::Stable),
            ("acme.v+1", Stability::Stable),
            ("acme.v2147483647", Stability::Stable),
        ] {
            assert_eq!(stability(package), Some(want), "{package}");
        }
    }

    #[test]
    fn invalid_versions() {
        for package in [
            "",
            "v1",
            "acme",
            "acme.",
            "acme.v",
            "acme.V1",
            "acme.1",
            "acme.version1",
            "acme.v0",
            "acme.v-1",
            "acme.v2147483648",
            "acme.v1.internal",
            "acme.valpha",
            "acme.v1alpha0",
            "acme.v1alphabeta",
            "acme.v1betaalpha",
            "acme.v1alpha1beta",
            "acme.v1p0beta",
            "acme.vp1beta",
            "acme.v1pbeta",
            "acme.v1p1",
            "acme.v1beta1p1",
            "acme.v1alpha_1",
            "acme.vtest",
            "acme.v0test",
            "acme.v1alphatest",
            "acme.v1_test",
            "acme.v1 ",
        ] {
            assert_eq!(package_version(package), None, "{package}");
        }
    }

    #[test]
    fn parts_and_display() {
        let v = package_version("acme.v1p2beta3").unwrap();
        assert_eq!(
            (v.major, v.patch, v.minor, v.stability),
            (1, 2, 3, Stability::Beta)
        );
        assert_eq!(v.to_string(), "v1p2beta3");
        let v = package_version("acme.v4testfoo").unwrap();
        assert_eq!((v.major, v.suffix.as_str()), (4, "foo"));
        assert_eq!(v.to_string(), "v4testfoo");
        assert_eq!(
            package_version("acme.v1alpha").unwrap().to_string(),
            "v1alpha"
        );
    }

    #[test]
    fn stability_helpers() {
        assert!(package_version("acme.v1").unwrap().is_stable());
        assert!(!is_unstable_package("acme.v1"));
        assert!(is_unstable_package("acme.v1beta1"));
        assert!(is_unstable_package("acme.v1test"));
        // Unversioned packages are neither stable nor unstable.
        assert!(!is_unstable_package("acme"));
        assert!(!is_unstable_package("acme.user"));
    }
}
