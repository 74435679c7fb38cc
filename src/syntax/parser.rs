//! A recursive-descent parser from tokens to [`super::ast`]. It accepts the
//! grammar protoc accepts (proto2, proto3, editions), keeping every token;
//! semantic checks (field numbers, names, types) are the compiler's job.

use super::SyntaxError;
use super::ast::*;
use super::lexer::{Lexed, Tok, TokenKind};

pub struct Parser<'l, 'a> {
    lx: &'l Lexed<'a>,
    pos: usize,
}

type PResult<T> = Result<T, SyntaxError>;

const LABELS: [&str; 3] = ["optional", "required", "repeated"];

impl<'l, 'a> Parser<'l, 'a> {
    pub fn new(lx: &'l Lexed<'a>) -> Self {
        Parser { lx, pos: 0 }
    }

    fn peek_n(&self, n: usize) -> Tok {
        let i = (self.pos + n).min(self.lx.tokens.len() - 1);
        self.lx.tokens[i]
    }

    fn peek(&self) -> Tok {
        self.peek_n(0)
    }

    fn kind_n(&self, n: usize) -> TokenKind {
        self.lx.token_kind(self.peek_n(n))
    }

    fn text_n(&self, n: usize) -> &'a str {
        self.lx.text(self.peek_n(n))
    }

    fn is_punct_n(&self, n: usize, c: u8) -> bool {
        self.kind_n(n) == TokenKind::Punct(c)
    }

    fn is_punct(&self, c: u8) -> bool {
        self.is_punct_n(0, c)
    }

    fn is_ident_n(&self, n: usize) -> bool {
        self.kind_n(n) == TokenKind::Ident
    }

    fn is_word(&self, n: usize, word: &str) -> bool {
        self.is_ident_n(n) && self.text_n(n) == word
    }

    fn bump(&mut self) -> Tok {
        let t = self.peek();
        if self.pos < self.lx.tokens.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn error(&self, expected: &str) -> SyntaxError {
        let tok = self.peek();
        let found = match self.lx.token_kind(tok) {
            TokenKind::Eof => "end of file".to_string(),
            _ => format!("{:?}", self.lx.text(tok)),
        };
        let start = self.lx.items[tok as usize].start as usize;
        SyntaxError::at(
            self.lx.src,
            start,
            format!("syntax error: expecting {expected}, found {found}"),
        )
    }

    fn expect_punct(&mut self, c: u8) -> PResult<Tok> {
        if self.is_punct(c) {
            Ok(self.bump())
        } else {
            Err(self.error(&format!("'{}'", c as char)))
        }
    }

    fn expect_ident(&mut self) -> PResult<Tok> {
        if self.is_ident_n(0) {
            Ok(self.bump())
        } else {
            Err(self.error("an identifier"))
        }
    }

    fn expect_word(&mut self, word: &str) -> PResult<Tok> {
        if self.is_word(0, word) {
            Ok(self.bump())
        } else {
            Err(self.error(&format!("\"{word}\"")))
        }
    }

    fn expect_kind(&mut self, kind: TokenKind, what: &str) -> PResult<Tok> {
        if self.kind_n(0) == kind {
            Ok(self.bump())
        } else {
            Err(self.error(what))
        }
    }

    pub fn parse_file(&mut self) -> PResult<File> {
        let mut decls = Vec::new();
        if self.at_syntax() {
            decls.push(self.parse_syntax()?);
        }
        while self.kind_n(0) != TokenKind::Eof {
            decls.push(self.parse_file_decl()?);
        }
        Ok(File {
            decls,
            eof: self.peek(),
        })
    }

    fn at_syntax(&self) -> bool {
        (self.is_word(0, "syntax") || self.is_word(0, "edition")) && self.is_punct_n(1, b'=')
    }

    /// `syntax = "proto3";` or `edition = "2023";`.
    fn parse_syntax(&mut self) -> PResult<Decl> {
        let edition = self.is_word(0, "edition");
        let keyword = self.bump();
        let equals = self.bump();
        let value = self.parse_strings()?;
        let semi = self.expect_punct(b';')?;
        Ok(Decl::Syntax {
            keyword,
            equals,
            value,
            semi,
            edition,
        })
    }

    fn parse_strings(&mut self) -> PResult<Value> {
        let first = self.expect_kind(TokenKind::String, "a string literal")?;
        let mut all = vec![first];
        while self.kind_n(0) == TokenKind::String {
            all.push(self.bump());
        }
        Ok(if all.len() == 1 {
            Value::Scalar(first)
        } else {
            Value::Strings(all)
        })
    }

    fn parse_file_decl(&mut self) -> PResult<Decl> {
        if self.is_punct(b';') {
            return Ok(Decl::Empty(self.bump()));
        }
        if self.at_syntax() {
            // Out of place (protoc rejects it); the formatter moves it to the top.
            return self.parse_syntax();
        }
        if self.is_word(0, "import") {
            let keyword = self.bump();
            let modifier = if self.is_word(0, "public")
                || self.is_word(0, "weak")
                || self.is_word(0, "option")
            {
                Some(self.bump())
            } else {
                None
            };
            let path = self.parse_strings()?;
            let semi = self.expect_punct(b';')?;
            return Ok(Decl::Import {
                keyword,
                modifier,
                path,
                semi,
            });
        }
        if self.is_word(0, "package") {
            let keyword = self.bump();
            let name = self.parse_type_name()?;
            let semi = self.expect_punct(b';')?;
            return Ok(Decl::Package {
                keyword,
                name,
                semi,
            });
        }
        if self.is_word(0, "option") {
            return Ok(Decl::Option(self.parse_option_decl()?));
        }
        if self.is_word(0, "service") {
            let keyword = self.bump();
            let name = self.expect_ident()?;
            let body = self.parse_body(BodyKind::Service)?;
            return Ok(Decl::Service {
                keyword,
                name,
                body,
            });
        }
        if self.is_word(0, "extend") {
            return self.parse_extend();
        }
        if let Some(d) = self.try_message_or_enum()? {
            return Ok(d);
        }
        Err(self.error("a top-level declaration"))
    }

    /// `[export|local] message|enum Name { ... }`.
    fn try_message_or_enum(&mut self) -> PResult<Option<Decl>> {
        let vis = (self.is_word(0, "export") || self.is_word(0, "local"))
            && (self.is_word(1, "message") || self.is_word(1, "enum"))
            && self.is_ident_n(2);
        let off = usize::from(vis);
        let is_message = self.is_word(off, "message");
        let is_enum = self.is_word(off, "enum");
        if !(is_message || is_enum) || !self.is_ident_n(off + 1) || !self.is_punct_n(off + 2, b'{')
        {
            return Ok(None);
        }
        let visibility = vis.then(|| self.bump());
        let keyword = self.bump();
        let name = self.bump();
        Ok(Some(if is_message {
            let body = self.parse_body(BodyKind::Message)?;
            Decl::Message {
                visibility,
                keyword,
                name,
                body,
            }
        } else {
            let body = self.parse_body(BodyKind::Enum)?;
            Decl::Enum {
                visibility,
                keyword,
                name,
                body,
            }
        }))
    }

    fn parse_extend(&mut self) -> PResult<Decl> {
        let keyword = self.bump();
        let extendee = self.parse_type_name()?;
        let body = self.parse_body(BodyKind::Extend)?;
        Ok(Decl::Extend {
            keyword,
            extendee,
            body,
        })
    }

    fn parse_type_name(&mut self) -> PResult<TypeName> {
        let leading_dot = if self.is_punct(b'.') {
            Some(self.bump())
        } else {
            None
        };
        let mut parts = vec![self.expect_ident()?];
        let mut dots = Vec::new();
        while self.is_punct(b'.') && self.is_ident_n(1) {
            dots.push(self.bump());
            parts.push(self.bump());
        }
        Ok(TypeName {
            leading_dot,
            parts,
            dots,
        })
    }

    fn parse_option_decl(&mut self) -> PResult<OptionDecl> {
        let keyword = self.bump();
        let name = self.parse_option_name()?;
        let equals = self.expect_punct(b'=')?;
        let value = self.parse_option_value()?;
        let semi = self.expect_punct(b';')?;
        Ok(OptionDecl {
            keyword: Some(keyword),
            name,
            equals,
            value,
            semi: Some(semi),
        })
    }

    fn parse_option_name(&mut self) -> PResult<OptionName> {
        let mut parts = vec![self.parse_option_name_part()?];
        let mut dots = Vec::new();
        while self.is_punct(b'.') {
            dots.push(self.bump());
            parts.push(self.parse_option_name_part()?);
        }
        Ok(OptionName { parts, dots })
    }

    fn parse_option_name_part(&mut self) -> PResult<FieldRef> {
        if self.is_punct(b'(') {
            let open = self.bump();
            let name = self.parse_type_name()?;
            let close = self.expect_punct(b')')?;
            Ok(FieldRef {
                open: Some(open),
                url_prefix: None,
                name,
                close: Some(close),
            })
        } else {
            let ident = self.expect_ident()?;
            Ok(FieldRef {
                open: None,
                url_prefix: None,
                name: TypeName {
                    leading_dot: None,
                    parts: vec![ident],
                    dots: Vec::new(),
                },
                close: None,
            })
        }
    }

    /// A value after `=` in an option: scalar, signed number, strings,
    /// identifier or `{ message literal }`.
    fn parse_option_value(&mut self) -> PResult<Value> {
        if self.is_punct(b'{') {
            return Ok(Value::Message(self.parse_message_literal()?));
        }
        self.parse_scalar_value()
    }

    fn parse_scalar_value(&mut self) -> PResult<Value> {
        match self.kind_n(0) {
            TokenKind::String => self.parse_strings(),
            TokenKind::Int | TokenKind::Float => Ok(Value::Scalar(self.bump())),
            TokenKind::Punct(b'-' | b'+') => {
                let sign = self.bump();
                match self.kind_n(0) {
                    TokenKind::Int | TokenKind::Float | TokenKind::Ident => Ok(Value::Signed {
                        sign,
                        value: self.bump(),
                    }),
                    _ => Err(self.error("a number")),
                }
            }
            TokenKind::Ident | TokenKind::Punct(b'.') => {
                let name = self.parse_type_name()?;
                if name.leading_dot.is_none() && name.parts.len() == 1 {
                    Ok(Value::Scalar(name.parts[0]))
                } else {
                    Ok(Value::Name(name))
                }
            }
            _ => Err(self.error("a value")),
        }
    }

    fn parse_message_literal(&mut self) -> PResult<MessageLiteral> {
        let open = self.bump();
        let close_char = if self.lx.text(open) == "<" {
            b'>'
        } else {
            b'}'
        };
        let mut fields = Vec::new();
        let mut seps = Vec::new();
        while !self.is_punct(close_char) {
            if self.kind_n(0) == TokenKind::Eof {
                return Err(self.error(&format!("'{}'", close_char as char)));
            }
            fields.push(self.parse_message_field()?);
            seps.push(if self.is_punct(b',') || self.is_punct(b';') {
                Some(self.bump())
            } else {
                None
            });
        }
        let close = self.bump();
        Ok(MessageLiteral {
            open,
            fields,
            seps,
            close,
        })
    }

    fn parse_message_field(&mut self) -> PResult<MessageField> {
        let name = if self.is_punct(b'[') {
            let open = self.bump();
            let first = self.parse_type_name()?;
            let (url_prefix, name) = if self.is_punct(b'/') {
                let slash = self.bump();
                (Some((first, slash)), self.parse_type_name()?)
            } else {
                (None, first)
            };
            let close = self.expect_punct(b']')?;
            FieldRef {
                open: Some(open),
                url_prefix,
                name,
                close: Some(close),
            }
        } else {
            let ident = self.expect_ident()?;
            FieldRef {
                open: None,
                url_prefix: None,
                name: TypeName {
                    leading_dot: None,
                    parts: vec![ident],
                    dots: Vec::new(),
                },
                close: None,
            }
        };
        let colon = if self.is_punct(b':') {
            Some(self.bump())
        } else {
            None
        };
        let value = if self.is_punct(b'{') || self.is_punct(b'<') {
            Value::Message(self.parse_message_literal()?)
        } else if self.is_punct(b'[') {
            Value::Array(self.parse_array_literal()?)
        } else if colon.is_some() {
            self.parse_scalar_value()?
        } else {
            return Err(self.error("':'"));
        };
        Ok(MessageField { name, colon, value })
    }

    fn parse_array_literal(&mut self) -> PResult<ArrayLiteral> {
        let open = self.bump();
        let mut elems = Vec::new();
        let mut commas = Vec::new();
        if !self.is_punct(b']') {
            loop {
                let v = if self.is_punct(b'{') || self.is_punct(b'<') {
                    Value::Message(self.parse_message_literal()?)
                } else if self.is_punct(b'[') {
                    // Not valid protobuf text format, but buf formats it.
                    Value::Array(self.parse_array_literal()?)
                } else {
                    self.parse_scalar_value()?
                };
                elems.push(v);
                if self.is_punct(b',') {
                    commas.push(self.bump());
                } else {
                    break;
                }
            }
        }
        let close = self.expect_punct(b']')?;
        Ok(ArrayLiteral {
            open,
            elems,
            commas,
            close,
        })
    }

    fn parse_compact_options(&mut self) -> PResult<Option<CompactOptions>> {
        if !self.is_punct(b'[') {
            return Ok(None);
        }
        let open = self.bump();
        let mut options = Vec::new();
        let mut commas = Vec::new();
        // `[]` is accepted (and kept) as buf does; protoc rejects it later.
        while !self.is_punct(b']') {
            let name = self.parse_option_name()?;
            let equals = self.expect_punct(b'=')?;
            let value = self.parse_option_value()?;
            options.push(OptionDecl {
                keyword: None,
                name,
                equals,
                value,
                semi: None,
            });
            if self.is_punct(b',') && !self.is_punct_n(1, b']') {
                commas.push(self.bump());
            } else {
                break;
            }
        }
        let close = self.expect_punct(b']')?;
        Ok(Some(CompactOptions {
            open,
            options,
            commas,
            close,
        }))
    }

    fn parse_body(&mut self, kind: BodyKind) -> PResult<Body> {
        let open = self.expect_punct(b'{')?;
        let mut decls = Vec::new();
        while !self.is_punct(b'}') {
            if self.kind_n(0) == TokenKind::Eof {
                return Err(self.error("'}'"));
            }
            decls.push(self.parse_body_decl(kind)?);
        }
        let close = self.bump();
        Ok(Body { open, decls, close })
    }

    fn parse_body_decl(&mut self, kind: BodyKind) -> PResult<Decl> {
        if self.is_punct(b';') {
            return Ok(Decl::Empty(self.bump()));
        }
        if self.is_word(0, "option") {
            return Ok(Decl::Option(self.parse_option_decl()?));
        }
        match kind {
            BodyKind::Service => {
                if self.is_word(0, "rpc") {
                    return self.parse_rpc();
                }
                Err(self.error("\"rpc\" or \"option\""))
            }
            BodyKind::Rpc => Err(self.error("\"option\"")),
            BodyKind::Enum => {
                if self.is_word(0, "reserved") && !self.is_punct_n(1, b'=') {
                    return self.parse_reserved();
                }
                let name = self.expect_ident()?;
                let equals = self.expect_punct(b'=')?;
                let number = match self.kind_n(0) {
                    TokenKind::Punct(b'-') => {
                        let sign = self.bump();
                        let value = self.expect_kind(TokenKind::Int, "an integer")?;
                        Value::Signed { sign, value }
                    }
                    _ => Value::Scalar(self.expect_kind(TokenKind::Int, "an integer")?),
                };
                let options = self.parse_compact_options()?;
                let semi = self.expect_punct(b';')?;
                Ok(Decl::EnumValue {
                    name,
                    equals,
                    number,
                    options,
                    semi,
                })
            }
            BodyKind::Message | BodyKind::Extend | BodyKind::Oneof => {
                if kind == BodyKind::Message {
                    if let Some(d) = self.try_message_or_enum()? {
                        return Ok(d);
                    }
                    if self.is_word(0, "extend") && !self.is_punct_n(2, b'=') {
                        return self.parse_extend();
                    }
                    if self.is_word(0, "oneof") && self.is_ident_n(1) && self.is_punct_n(2, b'{') {
                        let keyword = self.bump();
                        let name = self.bump();
                        let body = self.parse_body(BodyKind::Oneof)?;
                        return Ok(Decl::Oneof {
                            keyword,
                            name,
                            body,
                        });
                    }
                    if self.is_word(0, "reserved") && !self.is_punct_n(2, b'=') {
                        return self.parse_reserved();
                    }
                    if self.is_word(0, "extensions") && !self.is_punct_n(2, b'=') {
                        return self.parse_extensions();
                    }
                }
                self.parse_field(kind)
            }
        }
    }

    fn parse_field(&mut self, _kind: BodyKind) -> PResult<Decl> {
        let label = if LABELS.contains(&self.text_n(0))
            && self.is_ident_n(0)
            && (self.is_ident_n(1) || self.is_punct_n(1, b'.'))
            && !self.is_punct_n(2, b'=')
        {
            Some(self.bump())
        } else {
            None
        };
        if self.is_word(0, "group") && self.is_ident_n(1) && self.is_punct_n(2, b'=') {
            let keyword = self.bump();
            let name = self.bump();
            let equals = self.bump();
            let tag = self.expect_kind(TokenKind::Int, "a field number")?;
            let options = self.parse_compact_options()?;
            let body = self.parse_body(BodyKind::Message)?;
            return Ok(Decl::Group {
                label,
                keyword,
                name,
                equals,
                tag,
                options,
                body,
            });
        }
        if label.is_none() && self.is_word(0, "map") && self.is_punct_n(1, b'<') {
            let keyword = self.bump();
            let open = self.bump();
            let key = self.expect_ident()?;
            let comma = self.expect_punct(b',')?;
            let value = self.parse_type_name()?;
            let close = self.expect_punct(b'>')?;
            let name = self.expect_ident()?;
            let equals = self.expect_punct(b'=')?;
            let tag = self.expect_kind(TokenKind::Int, "a field number")?;
            let options = self.parse_compact_options()?;
            let semi = self.expect_punct(b';')?;
            return Ok(Decl::Map {
                ty: MapType {
                    keyword,
                    open,
                    key,
                    comma,
                    value,
                    close,
                },
                name,
                equals,
                tag,
                options,
                semi,
            });
        }
        let ty = self.parse_type_name()?;
        let name = self.expect_ident()?;
        let equals = self.expect_punct(b'=')?;
        let tag = self.expect_kind(TokenKind::Int, "a field number")?;
        let options = self.parse_compact_options()?;
        let semi = self.expect_punct(b';')?;
        Ok(Decl::Field(Field {
            label,
            ty,
            name,
            equals,
            tag,
            options,
            semi,
        }))
    }

    fn parse_int_value(&mut self) -> PResult<Value> {
        if self.is_punct(b'-') {
            let sign = self.bump();
            let value = self.expect_kind(TokenKind::Int, "an integer")?;
            return Ok(Value::Signed { sign, value });
        }
        Ok(Value::Scalar(
            self.expect_kind(TokenKind::Int, "an integer")?,
        ))
    }

    fn parse_range(&mut self) -> PResult<Range> {
        let start = self.parse_int_value()?;
        if self.is_word(0, "to") {
            let to = self.bump();
            let end = if self.is_word(0, "max") {
                Value::Scalar(self.bump())
            } else {
                self.parse_int_value()?
            };
            return Ok(Range {
                start,
                to: Some(to),
                end: Some(end),
            });
        }
        Ok(Range {
            start,
            to: None,
            end: None,
        })
    }

    fn parse_extensions(&mut self) -> PResult<Decl> {
        let keyword = self.bump();
        let mut ranges = vec![self.parse_range()?];
        let mut commas = Vec::new();
        while self.is_punct(b',') {
            commas.push(self.bump());
            ranges.push(self.parse_range()?);
        }
        let options = self.parse_compact_options()?;
        let semi = self.expect_punct(b';')?;
        Ok(Decl::Extensions {
            keyword,
            ranges,
            commas,
            options,
            semi,
        })
    }

    fn parse_reserved(&mut self) -> PResult<Decl> {
        let keyword = self.bump();
        let mut elems = Vec::new();
        let mut commas = Vec::new();
        loop {
            let elem = match self.kind_n(0) {
                TokenKind::String | TokenKind::Ident => Reserved::Name(self.bump()),
                _ => Reserved::Range(self.parse_range()?),
            };
            elems.push(elem);
            if self.is_punct(b',') {
                commas.push(self.bump());
            } else {
                break;
            }
        }
        let semi = self.expect_punct(b';')?;
        Ok(Decl::Reserved {
            keyword,
            elems,
            commas,
            semi,
        })
    }

    fn parse_rpc_type(&mut self) -> PResult<RpcType> {
        let open = self.expect_punct(b'(')?;
        let stream = if self.is_word(0, "stream") && !self.is_punct_n(1, b')') {
            Some(self.bump())
        } else {
            None
        };
        let ty = self.parse_type_name()?;
        let close = self.expect_punct(b')')?;
        Ok(RpcType {
            open,
            stream,
            ty,
            close,
        })
    }

    fn parse_rpc(&mut self) -> PResult<Decl> {
        let keyword = self.bump();
        let name = self.expect_ident()?;
        let input = self.parse_rpc_type()?;
        let returns = self.expect_word("returns")?;
        let output = self.parse_rpc_type()?;
        let (body, semi) = if self.is_punct(b'{') {
            (Some(self.parse_body(BodyKind::Rpc)?), None)
        } else {
            (None, Some(self.expect_punct(b';')?))
        };
        Ok(Decl::Rpc {
            keyword,
            name,
            input,
            returns,
            output,
            body,
            semi,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Message,
    Enum,
    Service,
    Rpc,
    Extend,
    Oneof,
}
