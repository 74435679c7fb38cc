//! The syntax tree over the lexed tokens. Nodes hold token indices only
//! (`Tok`); text, comments and whitespace are read from [`super::Lexed`].
//! Every token of the file belongs to exactly one node, in source order, so
//! the tree prints back to the input byte for byte ([`super::print_back`]).

use super::lexer::Tok;

#[derive(Debug, Clone)]
pub struct File {
    pub decls: Vec<Decl>,
    pub eof: Tok,
}

/// A dotted name: `foo`, `.foo.Bar`, `google.protobuf.Empty`.
#[derive(Debug, Clone)]
pub struct TypeName {
    pub leading_dot: Option<Tok>,
    pub parts: Vec<Tok>,
    /// One fewer than `parts`.
    pub dots: Vec<Tok>,
}

/// One part of an option name or a message-literal field name:
/// `foo`, `(foo.bar)`, `[foo.bar]`, `[type.googleapis.com/foo.Bar]`.
#[derive(Debug, Clone)]
pub struct FieldRef {
    pub open: Option<Tok>,
    /// `type.googleapis.com` and `/` of an `Any` type URL.
    pub url_prefix: Option<(TypeName, Tok)>,
    pub name: TypeName,
    pub close: Option<Tok>,
}

#[derive(Debug, Clone)]
pub struct OptionName {
    pub parts: Vec<FieldRef>,
    pub dots: Vec<Tok>,
}

/// `option name = value;` (or, inside `[...]`, `name = value`).
#[derive(Debug, Clone)]
pub struct OptionDecl {
    pub keyword: Option<Tok>,
    pub name: OptionName,
    pub equals: Tok,
    pub value: Value,
    pub semi: Option<Tok>,
}

#[derive(Debug, Clone)]
pub struct CompactOptions {
    pub open: Tok,
    pub options: Vec<OptionDecl>,
    pub commas: Vec<Tok>,
    pub close: Tok,
}

#[derive(Debug, Clone)]
pub enum Value {
    /// One token: identifier, number or string.
    Scalar(Tok),
    /// `-5`, `-inf`, `+1.5`.
    Signed {
        sign: Tok,
        value: Tok,
    },
    /// Adjacent string literals (two or more).
    Strings(Vec<Tok>),
    /// A dotted identifier used as a value.
    Name(TypeName),
    Message(MessageLiteral),
    Array(ArrayLiteral),
}

#[derive(Debug, Clone)]
pub struct MessageLiteral {
    /// `{` or `<`.
    pub open: Tok,
    pub fields: Vec<MessageField>,
    /// The optional `,` or `;` after each field.
    pub seps: Vec<Option<Tok>>,
    pub close: Tok,
}

#[derive(Debug, Clone)]
pub struct MessageField {
    pub name: FieldRef,
    pub colon: Option<Tok>,
    pub value: Value,
}

#[derive(Debug, Clone)]
pub struct ArrayLiteral {
    pub open: Tok,
    pub elems: Vec<Value>,
    pub commas: Vec<Tok>,
    pub close: Tok,
}

/// A `{ ... }` body with its declarations.
#[derive(Debug, Clone)]
pub struct Body {
    pub open: Tok,
    pub decls: Vec<Decl>,
    pub close: Tok,
}

/// `5`, `-5`, `5 to 10`, `5 to max`.
#[derive(Debug, Clone)]
pub struct Range {
    pub start: Value,
    pub to: Option<Tok>,
    /// The end value, or `max` as a scalar.
    pub end: Option<Value>,
}

#[derive(Debug, Clone)]
pub enum Reserved {
    Range(Range),
    /// A string literal name, or an identifier (editions).
    Name(Tok),
}

#[derive(Debug, Clone)]
pub struct RpcType {
    pub open: Tok,
    pub stream: Option<Tok>,
    pub ty: TypeName,
    pub close: Tok,
}

#[derive(Debug, Clone)]
pub struct MapType {
    pub keyword: Tok,
    pub open: Tok,
    pub key: Tok,
    pub comma: Tok,
    pub value: TypeName,
    pub close: Tok,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: Option<Tok>,
    pub ty: TypeName,
    pub name: Tok,
    pub equals: Tok,
    pub tag: Tok,
    pub options: Option<CompactOptions>,
    pub semi: Tok,
}

#[derive(Debug, Clone)]
pub enum Decl {
    /// `syntax = "proto3";` (`edition = "2023";` when `edition` is set).
    Syntax {
        keyword: Tok,
        equals: Tok,
        value: Value,
        semi: Tok,
        edition: bool,
    },
    Package {
        keyword: Tok,
        name: TypeName,
        semi: Tok,
    },
    Import {
        keyword: Tok,
        modifier: Option<Tok>,
        path: Value,
        semi: Tok,
    },
    Option(OptionDecl),
    Message {
        visibility: Option<Tok>,
        keyword: Tok,
        name: Tok,
        body: Body,
    },
    Enum {
        visibility: Option<Tok>,
        keyword: Tok,
        name: Tok,
        body: Body,
    },
    Service {
        keyword: Tok,
        name: Tok,
        body: Body,
    },
    Extend {
        keyword: Tok,
        extendee: TypeName,
        body: Body,
    },
    Field(Field),
    Map {
        ty: MapType,
        name: Tok,
        equals: Tok,
        tag: Tok,
        options: Option<CompactOptions>,
        semi: Tok,
    },
    Group {
        label: Option<Tok>,
        keyword: Tok,
        name: Tok,
        equals: Tok,
        tag: Tok,
        options: Option<CompactOptions>,
        body: Body,
    },
    Oneof {
        keyword: Tok,
        name: Tok,
        body: Body,
    },
    Extensions {
        keyword: Tok,
        ranges: Vec<Range>,
        commas: Vec<Tok>,
        options: Option<CompactOptions>,
        semi: Tok,
    },
    Reserved {
        keyword: Tok,
        elems: Vec<Reserved>,
        commas: Vec<Tok>,
        semi: Tok,
    },
    EnumValue {
        name: Tok,
        equals: Tok,
        number: Value,
        options: Option<CompactOptions>,
        semi: Tok,
    },
    Rpc {
        keyword: Tok,
        name: Tok,
        input: RpcType,
        returns: Tok,
        output: RpcType,
        /// `{ ... }`, or `None` with `semi` set.
        body: Option<Body>,
        semi: Option<Tok>,
    },
    /// A lone `;`.
    Empty(Tok),
}
