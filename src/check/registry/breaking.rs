//! The breaking rule table: every breaking rule of buf 1.75 and its
//! categories in each config version.
//!
//! Version notes: FIELD_WIRE_COMPATIBLE_TYPE and
//! FIELD_WIRE_JSON_COMPATIBLE_TYPE start in v1; EXTENSION_NO_DELETE,
//! FIELD_SAME_DEFAULT, PACKAGE_EXTENSION_NO_DELETE and the CSR category are
//! v2 only; FIELD_SAME_CARDINALITY and FIELD_SAME_TYPE are WIRE/WIRE_JSON
//! rules only in v1beta1; FILE_SAME_PACKAGE is only FILE in v1beta1. The
//! deprecated FIELD_SAME_CTYPE, FIELD_SAME_LABEL,
//! FILE_SAME_JAVA_STRING_CHECK_UTF8 and FILE_SAME_PHP_GENERIC_SERVICES are
//! unknown IDs in v2. There are no deprecated breaking categories.

category_table! {
    /// A breaking category ID (`use: [FILE]`).
    enum BreakingCategory in Breaking, table BREAKING_CATEGORIES;
    Csr = "CSR" {
        purpose: "Changes that break Confluent Schema Registry compatibility.",
    },
    File = "FILE" {
        purpose: "Changes that break generated source code, file by file (the strictest).",
    },
    Package = "PACKAGE" {
        purpose: "Changes that break generated source code, package by package.",
    },
    Wire = "WIRE" {
        purpose: "Changes that break the binary wire encoding.",
    },
    WireJson = "WIRE_JSON" {
        purpose: "Changes that break the binary wire encoding or the JSON encoding.",
    },
}

rule_table! {
    /// A breaking rule ID. Its doc is the rule's purpose.
    enum BreakingRuleId in Breaking with BreakingCategory, table BREAKING_RULES;
    EnumNoDelete = "ENUM_NO_DELETE" {
        purpose: "Verifies that no enum is removed from a file.",
        v1beta1: [* File],
        v1: [* File],
        v2: [* Csr, File],
    },
    EnumSameJsonFormat = "ENUM_SAME_JSON_FORMAT" {
        purpose: "Verifies that enums keep their JSON format support.",
        v1beta1: [* File, Package, WireJson],
        v1: [* File, Package, WireJson],
        v2: [* Csr, File, Package, WireJson],
    },
    EnumSameType = "ENUM_SAME_TYPE" {
        purpose: "Verifies that enums stay open or closed as they were.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    EnumValueNoDelete = "ENUM_VALUE_NO_DELETE" {
        purpose: "Verifies that no value is removed from an enum.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* Csr, File, Package],
    },
    EnumValueNoDeleteUnlessNameReserved = "ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED" {
        purpose: "Verifies that no value is removed from an enum without reserving its name.",
        v1beta1: [WireJson],
        v1: [WireJson],
        v2: [Csr, WireJson],
    },
    EnumValueNoDeleteUnlessNumberReserved = "ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED" {
        purpose: "Verifies that no value is removed from an enum without reserving its number.",
        v1beta1: [WireJson, Wire],
        v1: [WireJson, Wire],
        v2: [Csr, WireJson, Wire],
    },
    EnumValueSameName = "ENUM_VALUE_SAME_NAME" {
        purpose: "Verifies that enum values keep their names.",
        v1beta1: [* File, Package, WireJson],
        v1: [* File, Package, WireJson],
        v2: [* Csr, File, Package, WireJson],
    },
    ExtensionMessageNoDelete = "EXTENSION_MESSAGE_NO_DELETE" {
        purpose: "Verifies that no extension range is removed from a message.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* Csr, File, Package],
    },
    ExtensionNoDelete = "EXTENSION_NO_DELETE" {
        purpose: "Verifies that no extension is removed from a file.",
        v1beta1: [-],
        v1: [-],
        v2: [* File],
    },
    FieldNoDelete = "FIELD_NO_DELETE" {
        purpose: "Verifies that no field is removed from a message.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* Csr, File, Package],
    },
    FieldNoDeleteUnlessNameReserved = "FIELD_NO_DELETE_UNLESS_NAME_RESERVED" {
        purpose: "Verifies that no field is removed from a message without reserving its name.",
        v1beta1: [WireJson],
        v1: [WireJson],
        v2: [Csr, WireJson],
    },
    FieldNoDeleteUnlessNumberReserved = "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED" {
        purpose: "Verifies that no field is removed from a message without reserving its number.",
        v1beta1: [WireJson, Wire],
        v1: [WireJson, Wire],
        v2: [Csr, WireJson, Wire],
    },
    FieldSameCardinality = "FIELD_SAME_CARDINALITY" {
        purpose: "Verifies that fields keep their cardinality.",
        v1beta1: [* File, Package, WireJson, Wire],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FieldSameCppStringType = "FIELD_SAME_CPP_STRING_TYPE" {
        purpose: "Verifies that fields keep their C++ string type (the ctype option or the (pb.cpp).string_type feature).",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FieldSameCtype = "FIELD_SAME_CTYPE" {
        purpose: "Verifies that fields keep their ctype option.",
        v1beta1: [],
        v1: [],
        v2: [-],
        replaced_by: [FieldSameCppStringType],
    },
    FieldSameDefault = "FIELD_SAME_DEFAULT" {
        purpose: "Verifies that fields with an explicit default keep the same default value.",
        v1beta1: [-],
        v1: [-],
        v2: [* Csr, File, Package, WireJson, Wire],
    },
    FieldSameJavaUtf8Validation = "FIELD_SAME_JAVA_UTF8_VALIDATION" {
        purpose: "Verifies that fields keep their Java UTF-8 validation (the java_string_check_utf8 option or the (pb.java).utf8_validation feature).",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FieldSameJsonName = "FIELD_SAME_JSON_NAME" {
        purpose: "Verifies that fields keep their JSON name.",
        v1beta1: [* File, Package, WireJson],
        v1: [* File, Package, WireJson],
        v2: [* Csr, File, Package, WireJson],
    },
    FieldSameJstype = "FIELD_SAME_JSTYPE" {
        purpose: "Verifies that fields keep their jstype option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FieldSameLabel = "FIELD_SAME_LABEL" {
        purpose: "Verifies that fields keep their label.",
        v1beta1: [],
        v1: [],
        v2: [-],
        replaced_by: [
            FieldSameCardinality,
            FieldWireCompatibleCardinality,
            FieldWireJsonCompatibleCardinality,
        ],
    },
    FieldSameName = "FIELD_SAME_NAME" {
        purpose: "Verifies that fields keep their names.",
        v1beta1: [* File, Package, WireJson],
        v1: [* File, Package, WireJson],
        v2: [* Csr, File, Package, WireJson],
    },
    FieldSameOneof = "FIELD_SAME_ONEOF" {
        purpose: "Verifies that fields stay in the same oneof, or out of any.",
        v1beta1: [* File, Package, WireJson, Wire],
        v1: [* File, Package, WireJson, Wire],
        v2: [* Csr, File, Package, WireJson, Wire],
    },
    FieldSameType = "FIELD_SAME_TYPE" {
        purpose: "Verifies that fields keep their type.",
        v1beta1: [* File, Package, WireJson, Wire],
        v1: [* File, Package],
        v2: [* Csr, File, Package],
    },
    FieldSameUtf8Validation = "FIELD_SAME_UTF8_VALIDATION" {
        purpose: "Verifies that string fields keep their UTF-8 validation mode.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FieldWireCompatibleCardinality = "FIELD_WIRE_COMPATIBLE_CARDINALITY" {
        purpose: "Verifies that field cardinality changes stay compatible on the binary wire format.",
        v1beta1: [Wire],
        v1: [Wire],
        v2: [Wire],
    },
    FieldWireCompatibleType = "FIELD_WIRE_COMPATIBLE_TYPE" {
        purpose: "Verifies that field type changes stay compatible on the binary wire format.",
        v1beta1: [-],
        v1: [Wire],
        v2: [Wire],
    },
    FieldWireJsonCompatibleCardinality = "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY" {
        purpose: "Verifies that field cardinality changes stay compatible on the binary and JSON formats.",
        v1beta1: [WireJson],
        v1: [WireJson],
        v2: [Csr, WireJson],
    },
    FieldWireJsonCompatibleType = "FIELD_WIRE_JSON_COMPATIBLE_TYPE" {
        purpose: "Verifies that field type changes stay compatible on the binary and JSON formats.",
        v1beta1: [-],
        v1: [WireJson],
        v2: [Csr, WireJson],
    },
    FileNoDelete = "FILE_NO_DELETE" {
        purpose: "Verifies that no file is removed.",
        v1beta1: [* File],
        v1: [* File],
        v2: [* Csr, File],
    },
    FileSameCcEnableArenas = "FILE_SAME_CC_ENABLE_ARENAS" {
        purpose: "Verifies that files keep their cc_enable_arenas option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSameCcGenericServices = "FILE_SAME_CC_GENERIC_SERVICES" {
        purpose: "Verifies that files keep their cc_generic_services option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSameCsharpNamespace = "FILE_SAME_CSHARP_NAMESPACE" {
        purpose: "Verifies that files keep their csharp_namespace option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSameGoPackage = "FILE_SAME_GO_PACKAGE" {
        purpose: "Verifies that files keep their go_package option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSameJavaGenericServices = "FILE_SAME_JAVA_GENERIC_SERVICES" {
        purpose: "Verifies that files keep their java_generic_services option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSameJavaMultipleFiles = "FILE_SAME_JAVA_MULTIPLE_FILES" {
        purpose: "Verifies that files keep their java_multiple_files option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSameJavaOuterClassname = "FILE_SAME_JAVA_OUTER_CLASSNAME" {
        purpose: "Verifies that files keep their java_outer_classname option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSameJavaPackage = "FILE_SAME_JAVA_PACKAGE" {
        purpose: "Verifies that files keep their java_package option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSameJavaStringCheckUtf8 = "FILE_SAME_JAVA_STRING_CHECK_UTF8" {
        purpose: "Verifies that files keep their java_string_check_utf8 option.",
        v1beta1: [],
        v1: [],
        v2: [-],
        replaced_by: [FieldSameJavaUtf8Validation],
    },
    FileSameObjcClassPrefix = "FILE_SAME_OBJC_CLASS_PREFIX" {
        purpose: "Verifies that files keep their objc_class_prefix option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSameOptimizeFor = "FILE_SAME_OPTIMIZE_FOR" {
        purpose: "Verifies that files keep their optimize_for option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSamePackage = "FILE_SAME_PACKAGE" {
        purpose: "Verifies that files keep their package.",
        v1beta1: [* File],
        v1: [* File, Package, WireJson, Wire],
        v2: [* Csr, File, Package, WireJson, Wire],
    },
    FileSamePhpClassPrefix = "FILE_SAME_PHP_CLASS_PREFIX" {
        purpose: "Verifies that files keep their php_class_prefix option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSamePhpGenericServices = "FILE_SAME_PHP_GENERIC_SERVICES" {
        purpose: "Verifies that files keep their php_generic_services option.",
        v1beta1: [],
        v1: [],
        v2: [-],
        replaced_by: [],
    },
    FileSamePhpMetadataNamespace = "FILE_SAME_PHP_METADATA_NAMESPACE" {
        purpose: "Verifies that files keep their php_metadata_namespace option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSamePhpNamespace = "FILE_SAME_PHP_NAMESPACE" {
        purpose: "Verifies that files keep their php_namespace option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSamePyGenericServices = "FILE_SAME_PY_GENERIC_SERVICES" {
        purpose: "Verifies that files keep their py_generic_services option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSameRubyPackage = "FILE_SAME_RUBY_PACKAGE" {
        purpose: "Verifies that files keep their ruby_package option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSameSwiftPrefix = "FILE_SAME_SWIFT_PREFIX" {
        purpose: "Verifies that files keep their swift_prefix option.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    FileSameSyntax = "FILE_SAME_SYNTAX" {
        purpose: "Verifies that files keep their syntax.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* Csr, File, Package],
    },
    MessageNoDelete = "MESSAGE_NO_DELETE" {
        purpose: "Verifies that no message is removed from a file.",
        v1beta1: [* File],
        v1: [* File],
        v2: [* Csr, File],
    },
    MessageNoRemoveStandardDescriptorAccessor = "MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR" {
        purpose: "Verifies that no message turns no_standard_descriptor_accessor on after it was off or unset.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* Csr, File, Package],
    },
    MessageSameJsonFormat = "MESSAGE_SAME_JSON_FORMAT" {
        purpose: "Verifies that messages keep their JSON format support.",
        v1beta1: [* File, Package, WireJson],
        v1: [* File, Package, WireJson],
        v2: [* Csr, File, Package, WireJson],
    },
    MessageSameMessageSetWireFormat = "MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT" {
        purpose: "Verifies that messages keep their message_set_wire_format option.",
        v1beta1: [],
        v1: [],
        v2: [],
        replaced_by: [],
    },
    MessageSameRequiredFields = "MESSAGE_SAME_REQUIRED_FIELDS" {
        purpose: "Verifies that messages neither gain nor lose required fields.",
        v1beta1: [* File, Package, WireJson, Wire],
        v1: [* File, Package, WireJson, Wire],
        v2: [* Csr, File, Package, WireJson, Wire],
    },
    OneofNoDelete = "ONEOF_NO_DELETE" {
        purpose: "Verifies that no oneof is removed from a message.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* Csr, File, Package],
    },
    PackageEnumNoDelete = "PACKAGE_ENUM_NO_DELETE" {
        purpose: "Verifies that no enum is removed from a package.",
        v1beta1: [Package],
        v1: [Package],
        v2: [Package],
    },
    PackageExtensionNoDelete = "PACKAGE_EXTENSION_NO_DELETE" {
        purpose: "Verifies that no extension is removed from a package.",
        v1beta1: [-],
        v1: [-],
        v2: [Package],
    },
    PackageMessageNoDelete = "PACKAGE_MESSAGE_NO_DELETE" {
        purpose: "Verifies that no message is removed from a package.",
        v1beta1: [Package],
        v1: [Package],
        v2: [Package],
    },
    PackageNoDelete = "PACKAGE_NO_DELETE" {
        purpose: "Verifies that no package is removed.",
        v1beta1: [Package],
        v1: [Package],
        v2: [Package],
    },
    PackageServiceNoDelete = "PACKAGE_SERVICE_NO_DELETE" {
        purpose: "Verifies that no service is removed from a package.",
        v1beta1: [Package],
        v1: [Package],
        v2: [Package],
    },
    ReservedEnumNoDelete = "RESERVED_ENUM_NO_DELETE" {
        purpose: "Verifies that no reserved range or name is removed from an enum.",
        v1beta1: [* File, Package, WireJson, Wire],
        v1: [* File, Package, WireJson, Wire],
        v2: [* Csr, File, Package, WireJson, Wire],
    },
    ReservedMessageNoDelete = "RESERVED_MESSAGE_NO_DELETE" {
        purpose: "Verifies that no reserved range or name is removed from a message.",
        v1beta1: [* File, Package, WireJson, Wire],
        v1: [* File, Package, WireJson, Wire],
        v2: [* Csr, File, Package, WireJson, Wire],
    },
    RpcNoDelete = "RPC_NO_DELETE" {
        purpose: "Verifies that no RPC is removed from a service.",
        v1beta1: [* File, Package],
        v1: [* File, Package],
        v2: [* File, Package],
    },
    RpcSameClientStreaming = "RPC_SAME_CLIENT_STREAMING" {
        purpose: "Verifies that RPCs keep their client streaming setting.",
        v1beta1: [* File, Package, WireJson, Wire],
        v1: [* File, Package, WireJson, Wire],
        v2: [* Csr, File, Package, WireJson, Wire],
    },
    RpcSameIdempotencyLevel = "RPC_SAME_IDEMPOTENCY_LEVEL" {
        purpose: "Verifies that RPCs keep their idempotency_level option.",
        v1beta1: [* File, Package, WireJson, Wire],
        v1: [* File, Package, WireJson, Wire],
        v2: [* Csr, File, Package, WireJson, Wire],
    },
    RpcSameRequestType = "RPC_SAME_REQUEST_TYPE" {
        purpose: "Verifies that RPCs keep their request type.",
        v1beta1: [* File, Package, WireJson, Wire],
        v1: [* File, Package, WireJson, Wire],
        v2: [* Csr, File, Package, WireJson, Wire],
    },
    RpcSameResponseType = "RPC_SAME_RESPONSE_TYPE" {
        purpose: "Verifies that RPCs keep their response type.",
        v1beta1: [* File, Package, WireJson, Wire],
        v1: [* File, Package, WireJson, Wire],
        v2: [* Csr, File, Package, WireJson, Wire],
    },
    RpcSameServerStreaming = "RPC_SAME_SERVER_STREAMING" {
        purpose: "Verifies that RPCs keep their server streaming setting.",
        v1beta1: [* File, Package, WireJson, Wire],
        v1: [* File, Package, WireJson, Wire],
        v2: [* Csr, File, Package, WireJson, Wire],
    },
    ServiceNoDelete = "SERVICE_NO_DELETE" {
        purpose: "Verifies that no service is removed from a file.",
        v1beta1: [* File],
        v1: [* File],
        v2: [* File],
    },
}
