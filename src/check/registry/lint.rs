//! The lint rule table: every lint rule of buf 1.75 and its categories in
//! each config version.
//!
//! Version notes: v1beta1 has its own extra categories (FILE_LAYOUT,
//! PACKAGE_AFFINITY, SENSIBLE, STYLE_BASIC, STYLE_DEFAULT, STYLE_STANDARD,
//! OTHER) and the rule FIELD_NO_DESCRIPTOR; IMPORT_USED, SYNTAX_SPECIFIED,
//! PROTOVALIDATE and PACKAGE_NO_IMPORT_CYCLE start in v1 (the last one
//! without a category until v2); FIELD_NOT_REQUIRED and
//! STABLE_PACKAGE_NO_IMPORT_UNSTABLE are v2 only. DEFAULT and STYLE_DEFAULT
//! are deprecated names of STANDARD and STYLE_STANDARD; rules still list
//! them, so they keep expanding to the same rules.

category_table! {
    /// A lint category ID (`use: [STANDARD]`).
    enum LintCategory in Lint, table LINT_CATEGORIES;
    Basic = "BASIC" {
        purpose: "The basic lint rules: MINIMAL plus naming and hygiene rules.",
    },
    Comments = "COMMENTS" {
        purpose: "Rules requiring documentation comments on every element.",
    },
    Default = "DEFAULT" {
        purpose: "The former name of STANDARD.",
        replaced_by: Standard,
    },
    FileLayout = "FILE_LAYOUT" {
        purpose: "Rules about how files are laid out in directories.",
    },
    Minimal = "MINIMAL" {
        purpose: "The smallest set of lint rules worth enforcing.",
    },
    Other = "OTHER" {
        purpose: "Lint rules that fit no other v1beta1 category.",
    },
    PackageAffinity = "PACKAGE_AFFINITY" {
        purpose: "Rules requiring the files of a package to agree on language options.",
    },
    Sensible = "SENSIBLE" {
        purpose: "Rules against constructs that are rarely a good idea.",
    },
    Standard = "STANDARD" {
        purpose: "The standard lint rules: BASIC plus the remaining style rules.",
    },
    StyleBasic = "STYLE_BASIC" {
        purpose: "The basic naming style rules.",
    },
    StyleDefault = "STYLE_DEFAULT" {
        purpose: "The former name of STYLE_STANDARD.",
        replaced_by: StyleStandard,
    },
    StyleStandard = "STYLE_STANDARD" {
        purpose: "The standard naming style rules.",
    },
    UnaryRpc = "UNARY_RPC" {
        purpose: "Rules forbidding streaming RPCs.",
    },
}

rule_table! {
    /// A lint rule ID. Its doc is the rule's purpose.
    enum LintRuleId in Lint with LintCategory, table LINT_RULES;
    CommentEnum = "COMMENT_ENUM" {
        purpose: "Verifies that every enum has a non-empty leading comment.",
        v1beta1: [Comments],
        v1: [Comments],
        v2: [Comments],
    },
    CommentEnumValue = "COMMENT_ENUM_VALUE" {
        purpose: "Verifies that every enum value has a non-empty leading comment.",
        v1beta1: [Comments],
        v1: [Comments],
        v2: [Comments],
    },
    CommentField = "COMMENT_FIELD" {
        purpose: "Verifies that every field has a non-empty leading comment.",
        v1beta1: [Comments],
        v1: [Comments],
        v2: [Comments],
    },
    CommentMessage = "COMMENT_MESSAGE" {
        purpose: "Verifies that every message has a non-empty leading comment.",
        v1beta1: [Comments],
        v1: [Comments],
        v2: [Comments],
    },
    CommentOneof = "COMMENT_ONEOF" {
        purpose: "Verifies that every oneof has a non-empty leading comment.",
        v1beta1: [Comments],
        v1: [Comments],
        v2: [Comments],
    },
    CommentRpc = "COMMENT_RPC" {
        purpose: "Verifies that every RPC has a non-empty leading comment.",
        v1beta1: [Comments],
        v1: [Comments],
        v2: [Comments],
    },
    CommentService = "COMMENT_SERVICE" {
        purpose: "Verifies that every service has a non-empty leading comment.",
        v1beta1: [Comments],
        v1: [Comments],
        v2: [Comments],
    },
    DirectorySamePackage = "DIRECTORY_SAME_PACKAGE" {
        purpose: "Verifies that the files of one directory all declare the same package.",
        v1beta1: [* Minimal, Basic, Default, Standard, FileLayout],
        v1: [* Minimal, Basic, Default, Standard],
        v2: [* Minimal, Basic, Default, Standard],
    },
    EnumFirstValueZero = "ENUM_FIRST_VALUE_ZERO" {
        purpose: "Verifies that the first value of every enum is numbered 0.",
        v1beta1: [Other],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    EnumNoAllowAlias = "ENUM_NO_ALLOW_ALIAS" {
        purpose: "Verifies that no enum sets the allow_alias option.",
        v1beta1: [* Minimal, Basic, Default, Standard, Sensible],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    EnumPascalCase = "ENUM_PASCAL_CASE" {
        purpose: "Verifies that enum names are PascalCase.",
        v1beta1: [* Basic, Default, Standard, StyleBasic, StyleDefault, StyleStandard],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    EnumValuePrefix = "ENUM_VALUE_PREFIX" {
        purpose: "Verifies that enum value names start with their enum's name in UPPER_SNAKE_CASE.",
        v1beta1: [* Default, Standard, StyleDefault, StyleStandard],
        v1: [* Default, Standard],
        v2: [* Default, Standard],
    },
    EnumValueUpperSnakeCase = "ENUM_VALUE_UPPER_SNAKE_CASE" {
        purpose: "Verifies that enum value names are UPPER_SNAKE_CASE.",
        v1beta1: [* Basic, Default, Standard, StyleBasic, StyleDefault, StyleStandard],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    EnumZeroValueSuffix = "ENUM_ZERO_VALUE_SUFFIX" {
        purpose: "Verifies that the zero value of every enum ends with one suffix (configurable, \"_UNSPECIFIED\" unless set).",
        v1beta1: [* Default, Standard, StyleDefault, StyleStandard],
        v1: [* Default, Standard],
        v2: [* Default, Standard],
    },
    FieldLowerSnakeCase = "FIELD_LOWER_SNAKE_CASE" {
        purpose: "Verifies that field names are lower_snake_case.",
        v1beta1: [* Basic, Default, Standard, StyleBasic, StyleDefault, StyleStandard],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    FieldNotRequired = "FIELD_NOT_REQUIRED" {
        purpose: "Verifies that no field is declared required.",
        v1beta1: [-],
        v1: [-],
        v2: [* Basic, Default, Standard],
    },
    FieldNoDescriptor = "FIELD_NO_DESCRIPTOR" {
        purpose: "Verifies that no field is named \"descriptor\" in any capitalization, with or without leading or trailing underscores.",
        v1beta1: [* Minimal, Basic, Default, Standard, Sensible],
        v1: [-],
        v2: [-],
    },
    FileLowerSnakeCase = "FILE_LOWER_SNAKE_CASE" {
        purpose: "Verifies that file names are lower_snake_case.",
        v1beta1: [* Default, Standard, StyleDefault, StyleStandard],
        v1: [* Default, Standard],
        v2: [* Default, Standard],
    },
    ImportNoPublic = "IMPORT_NO_PUBLIC" {
        purpose: "Verifies that no import is public.",
        v1beta1: [* Minimal, Basic, Default, Standard, Sensible],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    ImportNoWeak = "IMPORT_NO_WEAK" {
        purpose: "Verifies that no import is weak.",
        v1beta1: [],
        v1: [],
        v2: [],
        replaced_by: [],
    },
    ImportUsed = "IMPORT_USED" {
        purpose: "Verifies that every import is used.",
        v1beta1: [-],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    MessagePascalCase = "MESSAGE_PASCAL_CASE" {
        purpose: "Verifies that message names are PascalCase.",
        v1beta1: [* Basic, Default, Standard, StyleBasic, StyleDefault, StyleStandard],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    OneofLowerSnakeCase = "ONEOF_LOWER_SNAKE_CASE" {
        purpose: "Verifies that oneof names are lower_snake_case.",
        v1beta1: [* Basic, Default, Standard, StyleBasic, StyleDefault, StyleStandard],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    PackageDefined = "PACKAGE_DEFINED" {
        purpose: "Verifies that every file declares a package.",
        v1beta1: [* Minimal, Basic, Default, Standard, Sensible],
        v1: [* Minimal, Basic, Default, Standard],
        v2: [* Minimal, Basic, Default, Standard],
    },
    PackageDirectoryMatch = "PACKAGE_DIRECTORY_MATCH" {
        purpose: "Verifies that every file lives in the directory its package names.",
        v1beta1: [* Minimal, Basic, Default, Standard, FileLayout],
        v1: [* Minimal, Basic, Default, Standard],
        v2: [* Minimal, Basic, Default, Standard],
    },
    PackageLowerSnakeCase = "PACKAGE_LOWER_SNAKE_CASE" {
        purpose: "Verifies that package names are lower_snake.case.",
        v1beta1: [* Basic, Default, Standard, StyleBasic, StyleDefault, StyleStandard],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    PackageNoImportCycle = "PACKAGE_NO_IMPORT_CYCLE" {
        purpose: "Verifies that no packages import each other in a cycle.",
        v1beta1: [-],
        v1: [],
        v2: [* Minimal, Basic, Default, Standard],
    },
    PackageSameCsharpNamespace = "PACKAGE_SAME_CSHARP_NAMESPACE" {
        purpose: "Verifies that all files of a package agree on the csharp_namespace option.",
        v1beta1: [* Minimal, Basic, Default, Standard, PackageAffinity],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    PackageSameDirectory = "PACKAGE_SAME_DIRECTORY" {
        purpose: "Verifies that all files of a package live in one directory.",
        v1beta1: [* Minimal, Basic, Default, Standard, FileLayout],
        v1: [* Minimal, Basic, Default, Standard],
        v2: [* Minimal, Basic, Default, Standard],
    },
    PackageSameGoPackage = "PACKAGE_SAME_GO_PACKAGE" {
        purpose: "Verifies that all files of a package agree on the go_package option.",
        v1beta1: [* Minimal, Basic, Default, Standard, PackageAffinity],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    PackageSameJavaMultipleFiles = "PACKAGE_SAME_JAVA_MULTIPLE_FILES" {
        purpose: "Verifies that all files of a package agree on the java_multiple_files option.",
        v1beta1: [* Minimal, Basic, Default, Standard, PackageAffinity],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    PackageSameJavaPackage = "PACKAGE_SAME_JAVA_PACKAGE" {
        purpose: "Verifies that all files of a package agree on the java_package option.",
        v1beta1: [* Minimal, Basic, Default, Standard, PackageAffinity],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    PackageSamePhpNamespace = "PACKAGE_SAME_PHP_NAMESPACE" {
        purpose: "Verifies that all files of a package agree on the php_namespace option.",
        v1beta1: [* Minimal, Basic, Default, Standard, PackageAffinity],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    PackageSameRubyPackage = "PACKAGE_SAME_RUBY_PACKAGE" {
        purpose: "Verifies that all files of a package agree on the ruby_package option.",
        v1beta1: [* Minimal, Basic, Default, Standard, PackageAffinity],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    PackageSameSwiftPrefix = "PACKAGE_SAME_SWIFT_PREFIX" {
        purpose: "Verifies that all files of a package agree on the swift_prefix option.",
        v1beta1: [* Minimal, Basic, Default, Standard, PackageAffinity],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    PackageVersionSuffix = "PACKAGE_VERSION_SUFFIX" {
        purpose: "Verifies that the last package component is a version: v1, v1test..., v1alpha1, v1beta1, v1p1alpha1 or v1p1beta1 (any numbers from 1 up).",
        v1beta1: [* Default, Standard, StyleDefault, StyleStandard],
        v1: [* Default, Standard],
        v2: [* Default, Standard],
    },
    Protovalidate = "PROTOVALIDATE" {
        purpose: "Verifies that protovalidate constraints are well-formed and their CEL expressions compile.",
        v1beta1: [-],
        v1: [* Default, Standard],
        v2: [* Default, Standard],
    },
    RpcNoClientStreaming = "RPC_NO_CLIENT_STREAMING" {
        purpose: "Verifies that no RPC streams its requests.",
        v1beta1: [UnaryRpc],
        v1: [UnaryRpc],
        v2: [UnaryRpc],
    },
    RpcNoServerStreaming = "RPC_NO_SERVER_STREAMING" {
        purpose: "Verifies that no RPC streams its responses.",
        v1beta1: [UnaryRpc],
        v1: [UnaryRpc],
        v2: [UnaryRpc],
    },
    RpcPascalCase = "RPC_PASCAL_CASE" {
        purpose: "Verifies that RPC names are PascalCase.",
        v1beta1: [* Basic, Default, Standard, StyleBasic, StyleDefault, StyleStandard],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    RpcRequestResponseUnique = "RPC_REQUEST_RESPONSE_UNIQUE" {
        purpose: "Verifies that each request or response type serves a single RPC (configurable).",
        v1beta1: [* Default, Standard, StyleDefault, StyleStandard],
        v1: [* Default, Standard],
        v2: [* Default, Standard],
    },
    RpcRequestStandardName = "RPC_REQUEST_STANDARD_NAME" {
        purpose: "Verifies that request types are named FooRequest or ServiceFooRequest for an RPC Foo (configurable).",
        v1beta1: [* Default, Standard, StyleDefault, StyleStandard],
        v1: [* Default, Standard],
        v2: [* Default, Standard],
    },
    RpcResponseStandardName = "RPC_RESPONSE_STANDARD_NAME" {
        purpose: "Verifies that response types are named FooResponse or ServiceFooResponse for an RPC Foo (configurable).",
        v1beta1: [* Default, Standard, StyleDefault, StyleStandard],
        v1: [* Default, Standard],
        v2: [* Default, Standard],
    },
    ServicePascalCase = "SERVICE_PASCAL_CASE" {
        purpose: "Verifies that service names are PascalCase.",
        v1beta1: [* Basic, Default, Standard, StyleBasic, StyleDefault, StyleStandard],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
    ServiceSuffix = "SERVICE_SUFFIX" {
        purpose: "Verifies that service names end with one suffix (configurable, \"Service\" unless set).",
        v1beta1: [* Default, Standard, StyleDefault, StyleStandard],
        v1: [* Default, Standard],
        v2: [* Default, Standard],
    },
    StablePackageNoImportUnstable = "STABLE_PACKAGE_NO_IMPORT_UNSTABLE" {
        purpose: "Verifies that files in stable versioned packages import no package with an unstable version.",
        v1beta1: [-],
        v1: [-],
        v2: [],
    },
    SyntaxSpecified = "SYNTAX_SPECIFIED" {
        purpose: "Verifies that every file declares its syntax.",
        v1beta1: [-],
        v1: [* Basic, Default, Standard],
        v2: [* Basic, Default, Standard],
    },
}
