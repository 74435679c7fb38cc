//! Every token of the tree in source order.

use super::ast::*;
use super::lexer::Tok;

/// The tokens of a file in tree order, ending with the end-of-file token.
pub fn tokens_in_order(file: &File) -> Vec<Tok> {
    let mut out = Vec::new();
    for d in &file.decls {
        decl(d, &mut out);
    }
    out.push(file.eof);
    out
}

fn opt(t: &Option<Tok>, out: &mut Vec<Tok>) {
    if let Some(t) = t {
        out.push(*t);
    }
}

pub(crate) fn type_name(n: &TypeName, out: &mut Vec<Tok>) {
    opt(&n.leading_dot, out);
    for (i, p) in n.parts.iter().enumerate() {
        if i > 0 {
            out.push(n.dots[i - 1]);
        }
        out.push(*p);
    }
}

fn field_ref(r: &FieldRef, out: &mut Vec<Tok>) {
    opt(&r.open, out);
    if let Some((prefix, slash)) = &r.url_prefix {
        type_name(prefix, out);
        out.push(*slash);
    }
    type_name(&r.name, out);
    opt(&r.close, out);
}

fn option_name(n: &OptionName, out: &mut Vec<Tok>) {
    for (i, p) in n.parts.iter().enumerate() {
        if i > 0 {
            out.push(n.dots[i - 1]);
        }
        field_ref(p, out);
    }
}

fn option(o: &OptionDecl, out: &mut Vec<Tok>) {
    opt(&o.keyword, out);
    option_name(&o.name, out);
    out.push(o.equals);
    value(&o.value, out);
    opt(&o.semi, out);
}

fn compact(c: &Option<CompactOptions>, out: &mut Vec<Tok>) {
    if let Some(c) = c {
        out.push(c.open);
        for (i, o) in c.options.iter().enumerate() {
            if i > 0 {
                out.push(c.commas[i - 1]);
            }
            option(o, out);
        }
        out.push(c.close);
    }
}

pub(crate) fn value(v: &Value, out: &mut Vec<Tok>) {
    match v {
        Value::Scalar(t) => out.push(*t),
        Value::Signed { sign, value } => {
            out.push(*sign);
            out.push(*value);
        }
        Value::Strings(ts) => out.extend(ts),
        Value::Name(n) => type_name(n, out),
        Value::Message(m) => {
            out.push(m.open);
            for (f, sep) in m.fields.iter().zip(&m.seps) {
                field_tokens(f, out);
                opt(sep, out);
            }
            out.push(m.close);
        }
        Value::Array(a) => {
            out.push(a.open);
            for (i, e) in a.elems.iter().enumerate() {
                if i > 0 {
                    out.push(a.commas[i - 1]);
                }
                value(e, out);
            }
            out.push(a.close);
        }
    }
}

/// The tokens of one message-literal field: name, `:`, value.
pub(crate) fn field_tokens(f: &MessageField, out: &mut Vec<Tok>) {
    field_ref(&f.name, out);
    opt(&f.colon, out);
    value(&f.value, out);
}

fn body(b: &Body, out: &mut Vec<Tok>) {
    out.push(b.open);
    for d in &b.decls {
        decl(d, out);
    }
    out.push(b.close);
}

fn range(r: &Range, out: &mut Vec<Tok>) {
    value(&r.start, out);
    opt(&r.to, out);
    if let Some(e) = &r.end {
        value(e, out);
    }
}

fn rpc_type(r: &RpcType, out: &mut Vec<Tok>) {
    out.push(r.open);
    opt(&r.stream, out);
    type_name(&r.ty, out);
    out.push(r.close);
}

fn decl(d: &Decl, out: &mut Vec<Tok>) {
    match d {
        Decl::Syntax {
            keyword,
            equals,
            value: v,
            semi,
            ..
        } => {
            out.push(*keyword);
            out.push(*equals);
            value(v, out);
            out.push(*semi);
        }
        Decl::Package {
            keyword,
            name,
            semi,
        } => {
            out.push(*keyword);
            type_name(name, out);
            out.push(*semi);
        }
        Decl::Import {
            keyword,
            modifier,
            path,
            semi,
        } => {
            out.push(*keyword);
            opt(modifier, out);
            value(path, out);
            out.push(*semi);
        }
        Decl::Option(o) => option(o, out),
        Decl::Message {
            visibility,
            keyword,
            name,
            body: b,
        }
        | Decl::Enum {
            visibility,
            keyword,
            name,
            body: b,
        } => {
            opt(visibility, out);
            out.push(*keyword);
            out.push(*name);
            body(b, out);
        }
        Decl::Service {
            keyword,
            name,
            body: b,
        }
        | Decl::Oneof {
            keyword,
            name,
            body: b,
        } => {
            out.push(*keyword);
            out.push(*name);
            body(b, out);
        }
        Decl::Extend {
            keyword,
            extendee,
            body: b,
        } => {
            out.push(*keyword);
            type_name(extendee, out);
            body(b, out);
        }
        Decl::Field(f) => {
            opt(&f.label, out);
            type_name(&f.ty, out);
            out.push(f.name);
            out.push(f.equals);
            out.push(f.tag);
            compact(&f.options, out);
            out.push(f.semi);
        }
        Decl::Map {
            ty,
            name,
            equals,
            tag,
            options,
            semi,
        } => {
            out.push(ty.keyword);
            out.push(ty.open);
            out.push(ty.key);
            out.push(ty.comma);
            type_name(&ty.value, out);
            out.push(ty.close);
            out.push(*name);
            out.push(*equals);
            out.push(*tag);
            compact(options, out);
            out.push(*semi);
        }
        Decl::Group {
            label,
            keyword,
            name,
            equals,
            tag,
            options,
            body: b,
        } => {
            opt(label, out);
            out.push(*keyword);
            out.push(*name);
            out.push(*equals);
            out.push(*tag);
            compact(options, out);
            body(b, out);
        }
        Decl::Extensions {
            keyword,
            ranges,
            commas,
            options,
            semi,
        } => {
            out.push(*keyword);
            for (i, r) in ranges.iter().enumerate() {
                if i > 0 {
                    out.push(commas[i - 1]);
                }
                range(r, out);
            }
            compact(options, out);
            out.push(*semi);
        }
        Decl::Reserved {
            keyword,
            elems,
            commas,
            semi,
        } => {
            out.push(*keyword);
            for (i, e) in elems.iter().enumerate() {
                if i > 0 {
                    out.push(commas[i - 1]);
                }
                match e {
                    Reserved::Range(r) => range(r, out),
                    Reserved::Name(t) => out.push(*t),
                }
            }
            out.push(*semi);
        }
        Decl::EnumValue {
            name,
            equals,
            number,
            options,
            semi,
        } => {
            out.push(*name);
            out.push(*equals);
            value(number, out);
            compact(options, out);
            out.push(*semi);
        }
        Decl::Rpc {
            keyword,
            name,
            input,
            returns,
            output,
            body: b,
            semi,
        } => {
            out.push(*keyword);
            out.push(*name);
            rpc_type(input, out);
            out.push(*returns);
            rpc_type(output, out);
            if let Some(b) = b {
                body(b, out);
            }
            opt(semi, out);
        }
        Decl::Empty(t) => out.push(*t),
    }
}

/// The tokens that end a declaration (`;`, a body's `}`) or separate list
/// elements (`,` of arrays and options, `,`/`;` of message literals).
pub(crate) fn boundaries(file: &File, out: &mut Vec<Tok>) {
    for d in &file.decls {
        decl_boundaries(d, out);
    }
}

fn value_boundaries(v: &Value, out: &mut Vec<Tok>) {
    match v {
        Value::Message(m) => {
            for (f, sep) in m.fields.iter().zip(&m.seps) {
                value_boundaries(&f.value, out);
                opt(sep, out);
            }
        }
        Value::Array(a) => {
            out.extend(&a.commas);
            for e in &a.elems {
                value_boundaries(e, out);
            }
        }
        _ => {}
    }
}

fn compact_boundaries(c: &Option<CompactOptions>, out: &mut Vec<Tok>) {
    if let Some(c) = c {
        out.extend(&c.commas);
        for o in &c.options {
            value_boundaries(&o.value, out);
        }
    }
}

fn body_boundaries(b: &Body, out: &mut Vec<Tok>) {
    for d in &b.decls {
        decl_boundaries(d, out);
    }
    out.push(b.close);
}

fn decl_boundaries(d: &Decl, out: &mut Vec<Tok>) {
    match d {
        Decl::Syntax { semi, .. }
        | Decl::Package { semi, .. }
        | Decl::Import { semi, .. }
        | Decl::Reserved { semi, .. } => out.push(*semi),
        Decl::Option(o) => {
            value_boundaries(&o.value, out);
            opt(&o.semi, out);
        }
        Decl::Message { body, .. }
        | Decl::Enum { body, .. }
        | Decl::Service { body, .. }
        | Decl::Oneof { body, .. }
        | Decl::Extend { body, .. } => body_boundaries(body, out),
        Decl::Field(f) => {
            compact_boundaries(&f.options, out);
            out.push(f.semi);
        }
        Decl::Map { options, semi, .. }
        | Decl::Extensions { options, semi, .. }
        | Decl::EnumValue { options, semi, .. } => {
            compact_boundaries(options, out);
            out.push(*semi);
        }
        Decl::Group { options, body, .. } => {
            compact_boundaries(options, out);
            body_boundaries(body, out);
        }
        Decl::Rpc { body, semi, .. } => {
            if let Some(b) = body {
                body_boundaries(b, out);
            }
            opt(semi, out);
        }
        Decl::Empty(t) => out.push(*t),
    }
}
