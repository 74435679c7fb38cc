//! The layout engine of `protogate format`: prints a [`Parsed`] file the way
//! `buf format` does. It walks the tree once, deciding per node whether its
//! comments go on their own lines (a node that starts a line), inline
//! (`/* ... */` inside a line) or at the end of a line, and keeps blank lines
//! where the source had them (never two in a row, never after `{`).
//!
//! Indentation follows brackets: an opening bracket left open at the end of
//! a line indents the following lines one level, a closing one outdents.

use std::collections::HashMap;

use crate::syntax::Parsed;
use crate::syntax::ast::*;
use crate::syntax::lexer::{Lexed, Tok, TokenKind};

/// A node of the tree as the printer sees it: a single token (terminal) or
/// a composite whose tokens carry their own comments.
#[derive(Clone, Copy)]
enum N<'t> {
    T(Tok),
    /// A token printed as other text (`<` `>` of message literals as `{` `}`).
    As(Tok, &'static str),
    Name(&'t TypeName),
    Val(&'t Value),
    OptName(&'t OptionName),
    Compact(&'t CompactOptions),
    Range(&'t Range),
    MapTy(&'t MapType),
    Rpc(&'t RpcType),
    FRef(&'t FieldRef),
    Field(&'t MessageField),
    Decl(&'t Decl),
}

fn name_node(n: &TypeName) -> N<'_> {
    if n.leading_dot.is_none() && n.parts.len() == 1 {
        N::T(n.parts[0])
    } else {
        N::Name(n)
    }
}

fn val(v: &Value) -> N<'_> {
    match v {
        Value::Scalar(t) => N::T(*t),
        Value::Name(n) => name_node(n),
        _ => N::Val(v),
    }
}

fn first_of_name(n: &TypeName) -> Tok {
    n.leading_dot.unwrap_or(n.parts[0])
}

fn first_of_value(v: &Value) -> Tok {
    match v {
        Value::Scalar(t) => *t,
        Value::Signed { sign, .. } => *sign,
        Value::Strings(ts) => ts[0],
        Value::Name(n) => first_of_name(n),
        Value::Message(m) => m.open,
        Value::Array(a) => a.open,
    }
}

fn last_of_value(v: &Value) -> Tok {
    match v {
        Value::Scalar(t) => *t,
        Value::Signed { value, .. } => *value,
        Value::Strings(ts) => ts[ts.len() - 1],
        Value::Name(n) => n.parts[n.parts.len() - 1],
        Value::Message(m) => m.close,
        Value::Array(a) => a.close,
    }
}

fn first_of_ref(r: &FieldRef) -> Tok {
    r.open.unwrap_or_else(|| first_of_name(&r.name))
}

fn last_of_ref(r: &FieldRef) -> Tok {
    r.close.unwrap_or(r.name.parts[r.name.parts.len() - 1])
}

/// The first and last token of a declaration.
pub(crate) fn decl_bounds(d: &Decl) -> (Tok, Tok) {
    match d {
        Decl::Syntax { keyword, semi, .. }
        | Decl::Package { keyword, semi, .. }
        | Decl::Import { keyword, semi, .. }
        | Decl::Extensions { keyword, semi, .. }
        | Decl::Reserved { keyword, semi, .. } => (*keyword, *semi),
        Decl::Option(o) => (
            o.keyword.unwrap_or_else(|| first_of_ref(&o.name.parts[0])),
            o.semi.unwrap_or_else(|| last_of_value(&o.value)),
        ),
        Decl::Message {
            visibility,
            keyword,
            body,
            ..
        }
        | Decl::Enum {
            visibility,
            keyword,
            body,
            ..
        } => (visibility.unwrap_or(*keyword), body.close),
        Decl::Service { keyword, body, .. }
        | Decl::Oneof { keyword, body, .. }
        | Decl::Extend { keyword, body, .. } => (*keyword, body.close),
        Decl::Field(f) => (f.label.unwrap_or_else(|| first_of_name(&f.ty)), f.semi),
        Decl::Map { ty, semi, .. } => (ty.keyword, *semi),
        Decl::Group {
            label,
            keyword,
            body,
            ..
        } => (label.unwrap_or(*keyword), body.close),
        Decl::EnumValue { name, semi, .. } => (*name, *semi),
        Decl::Rpc {
            keyword,
            body,
            semi,
            ..
        } => (
            *keyword,
            body.as_ref()
                .map_or_else(|| semi.unwrap_or(*keyword), |b| b.close),
        ),
        Decl::Empty(t) => (*t, *t),
    }
}

impl N<'_> {
    fn is_terminal(&self) -> bool {
        matches!(self, N::T(_) | N::As(..))
    }

    fn first(&self) -> Tok {
        match *self {
            N::T(t) | N::As(t, _) => t,
            N::Name(n) => first_of_name(n),
            N::Val(v) => first_of_value(v),
            N::OptName(n) => first_of_ref(&n.parts[0]),
            N::Compact(c) => c.open,
            N::Range(r) => first_of_value(&r.start),
            N::MapTy(m) => m.keyword,
            N::Rpc(r) => r.open,
            N::FRef(r) => first_of_ref(r),
            N::Field(f) => first_of_ref(&f.name),
            N::Decl(d) => decl_bounds(d).0,
        }
    }

    fn last(&self) -> Tok {
        match *self {
            N::T(t) | N::As(t, _) => t,
            N::Name(n) => n.parts[n.parts.len() - 1],
            N::Val(v) => last_of_value(v),
            N::OptName(n) => last_of_ref(&n.parts[n.parts.len() - 1]),
            N::Compact(c) => c.close,
            N::Range(r) => r.end.as_ref().map_or_else(
                || r.to.unwrap_or_else(|| last_of_value(&r.start)),
                last_of_value,
            ),
            N::MapTy(m) => m.close,
            N::Rpc(r) => r.close,
            N::FRef(r) => last_of_ref(r),
            N::Field(f) => last_of_value(&f.value),
            N::Decl(d) => decl_bounds(d).1,
        }
    }

    fn key(&self) -> (Tok, Tok) {
        (self.first(), self.last())
    }

    fn text<'a>(&self, lx: &Lexed<'a>) -> &'a str {
        match *self {
            N::As(_, s) => s,
            N::T(t) => lx.text(t),
            _ => "",
        }
    }
}

pub(crate) struct Printer<'l, 'a> {
    lx: &'l Lexed<'a>,
    out: String,
    indent: usize,
    last: char,
    prev_set: bool,
    prev_open: bool,
    pending_space: bool,
    in_compact_options: bool,
    in_rpc_type: bool,
    /// The next terminal written keeps a trailing `//` comment as one.
    keep_line: bool,
    /// Writing an rpc's request type (its `)` keeps a `//` comment).
    rpc_input: bool,
    /// Inside a dotted name: comments keep the source's spacing.
    inherit_spacing: bool,
    pending_indent: i32,
    inline: bool,
    /// Trailing comments moved from a dropped separator to a value.
    overrides: HashMap<(Tok, Tok), Vec<u32>>,
    /// Leading comments (with blank-line flags) and the blank line before
    /// the token, for header declarations whose detached comments stay in
    /// place while the declarations are sorted.
    lead_override: HashMap<Tok, (Vec<(u32, bool)>, bool)>,
}

fn newlines(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'\n').count()
}

impl<'l, 'a> Printer<'l, 'a> {
    pub(crate) fn new(lx: &'l Lexed<'a>) -> Self {
        Printer {
            lx,
            out: String::with_capacity(lx.src.len() + lx.src.len() / 8),
            indent: 0,
            last: '\0',
            prev_set: false,
            prev_open: false,
            pending_space: false,
            in_compact_options: false,
            in_rpc_type: false,
            keep_line: false,
            rpc_input: false,
            inherit_spacing: false,
            pending_indent: 0,
            inline: false,
            overrides: HashMap::new(),
            lead_override: HashMap::new(),
        }
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }

    // ---- comment lookups -------------------------------------------------

    fn leading(&self, n: N<'_>) -> &'l [u32] {
        self.lx.leading_comments(n.first())
    }

    fn trailing(&self, n: N<'_>) -> Vec<u32> {
        match self.overrides.get(&n.key()) {
            Some(o) => o.clone(),
            None => self.lx.trailing_comments(n.last()).to_vec(),
        }
    }

    fn leading_ws(&self, n: N<'_>) -> &'a str {
        self.lx.leading_ws(n.first())
    }

    fn has_comment(&self, n: N<'_>) -> bool {
        !self.leading(n).is_empty() || !self.trailing(n).is_empty()
    }

    fn set_prev(&mut self, n: N<'_>) {
        self.prev_set = true;
        self.prev_open = n.is_terminal() && matches!(n.text(self.lx), "{" | "[" | "<");
    }

    // ---- output primitives ----------------------------------------------

    fn p(&mut self, elem: &str) {
        if !elem.trim().is_empty() {
            self.write_indent(None);
            self.write_str(elem);
        }
        self.write_str("\n");
        if self.pending_indent > 0 {
            self.indent += 1;
        } else if self.pending_indent < 0 {
            self.indent = self.indent.saturating_sub(1);
        }
        self.pending_indent = 0;
    }

    fn space(&mut self) {
        self.pending_space = true;
    }

    fn write_indent(&mut self, next: Option<N<'_>>) {
        if self.last != '\n' {
            return;
        }
        let mut indent = self.indent;
        if let Some(n) = next
            && n.is_terminal()
            && indent > 0
            && matches!(n.text(self.lx), "}" | "]" | ")" | ">")
        {
            indent -= 1;
        }
        for _ in 0..indent {
            self.out.push_str("  ");
        }
    }

    fn write_str(&mut self, elem: &str) {
        if self.pending_space {
            self.pending_space = false;
            let first = elem.chars().next().unwrap_or('\u{fffd}');
            let (prev_block, next_block): (&str, &str) = if self.inline {
                ("\0 \t\n<[{(", "\n;,)]}>")
            } else {
                ("\0 \t\n", "\n;,")
            };
            if !prev_block.contains(self.last) && !next_block.contains(first) {
                self.out.push(' ');
            }
        }
        if let Some(c) = elem.chars().next_back() {
            self.last = c;
            self.out.push_str(elem);
        }
    }

    // ---- comments ----------------------------------------------------------

    fn write_multiline_comments(&mut self, comments: &[u32], force_compact: bool) {
        let entries: Vec<(u32, bool)> = comments
            .iter()
            .map(|&c| (c, newlines(self.lx.leading_ws(c)) > 1))
            .collect();
        self.write_multiline_entries(&entries, force_compact);
    }

    /// Comments on their own lines; `(comment, blank line before it)`.
    fn write_multiline_entries(&mut self, entries: &[(u32, bool)], force_compact: bool) {
        let mut compact = force_compact || self.prev_open || self.last == '\0';
        for &(c, blank) in entries {
            if !compact && blank {
                self.p("");
            }
            compact = false;
            self.write_comment(self.lx.text(c));
            self.write_str("\n");
        }
    }

    /// The comments before a token with their blank-line flags, as moved
    /// by the header sort (see [`Self::move_detached_comments`]).
    fn lead_entries(&self, tok: Tok) -> Vec<(u32, bool)> {
        match self.lead_override.get(&tok) {
            Some((entries, _)) => entries.clone(),
            None => self
                .lx
                .leading_comments(tok)
                .iter()
                .map(|&c| (c, newlines(self.lx.leading_ws(c)) > 1))
                .collect(),
        }
    }

    /// Whether a blank line comes right before the token (after its comments).
    fn blank_before_token(&self, tok: Tok) -> bool {
        match self.lead_override.get(&tok) {
            Some((_, blank)) => *blank,
            None => newlines(self.lx.leading_ws(tok)) > 1,
        }
    }

    /// A comment as it is printed inside a line: `// x` becomes `/* x */`
    /// (a `*/` in it escaped), a block comment's lines are joined.
    fn inline_text(&self, c: u32) -> String {
        let text = self.lx.text(c);
        match text.strip_prefix("//") {
            // `*/` would end the comment early and `/*` inside one is
            // rejected by protoc-compatible parsers: both are broken up.
            Some(after) => format!(
                "/* {} */",
                after.trim().replace("*/", "* /").replace("/*", "/ *")
            ),
            None => text
                .split('\n')
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// Comments trailing a token inside a line: a space before each (none
    /// right after an opening bracket, which gets one after them instead).
    fn write_inline_comments(&mut self, comments: &[u32]) {
        let after_open = matches!(self.last, '(' | '[' | '{' | '<');
        for (i, &c) in comments.iter().enumerate() {
            if i > 0 || !after_open {
                self.space();
            }
            self.write_str(&self.inline_text(c));
        }
        if after_open && !comments.is_empty() {
            self.space();
        }
    }

    /// Comments before a token inside a line: `a /* c */ b`. A space before
    /// them (inside a dotted name and right after the `(` of an rpc type:
    /// as in the source); after them a space where the token has one anyway
    /// or where the source had one.
    fn write_leading_inline(&mut self, n: N<'_>, leading: &[u32]) {
        if leading.is_empty() {
            return;
        }
        // The gap the token would have had without comments comes after them.
        let had_space = self.pending_space;
        let rpc_open = self.in_rpc_type && self.last == '(';
        let inherit = self.inherit_spacing || rpc_open;
        for (i, &c) in leading.iter().enumerate() {
            if i == 0 && inherit {
                if !self.lx.leading_ws(c).is_empty() && !rpc_open {
                    self.space();
                } else if !self.lx.leading_ws(c).is_empty() {
                    self.pending_space = false;
                    self.out.push(' ');
                    self.last = ' ';
                }
            } else {
                self.space();
            }
            self.write_str(&self.inline_text(c));
        }
        if had_space || !self.leading_ws(n).is_empty() {
            self.space();
        }
    }

    fn write_trailing_end_comments(&mut self, comments: &[u32]) {
        for (i, &c) in comments.iter().enumerate() {
            if i > 0 && self.lx.kind(comments[i - 1]) == crate::syntax::ItemKind::LineComment {
                // Only moved comments can follow a `//` one: on its own line.
                self.p("");
            } else if i > 0 || !self.lx.leading_ws(c).is_empty() {
                self.space();
            }
            self.write_comment(self.lx.text(c));
        }
        self.p("");
    }

    fn write_comment(&mut self, text: &str) {
        let text = text.trim_end_matches([' ', '\t']);
        if !(text.starts_with("/*") && text.contains('\n')) {
            self.write_indent(None);
            self.write_str(text.trim_matches([' ', '\t']));
            return;
        }
        let lines: Vec<&str> = text.split('\n').collect();
        let last_trimmed = lines[lines.len() - 1].trim_start_matches([' ', '\t']);
        let standalone_close = last_trimmed.trim_end_matches([' ', '\t']) == "*/";
        let mut min_indent: Option<usize> = None;
        let mut prefix: Option<u8> = None;
        let mut prefix_set = false;
        for line in &lines[1..] {
            let trimmed = line.trim_start_matches([' ', '\t']);
            if trimmed.is_empty() || trimmed == "*/" {
                continue;
            }
            let ind = visual_indent(line);
            min_indent = Some(min_indent.map_or(ind, |m: usize| m.min(ind)));
            let ch = trimmed.as_bytes()[0];
            if is_comment_prefix(ch) {
                if !prefix_set {
                    prefix = Some(ch);
                    prefix_set = true;
                } else if prefix != Some(ch) {
                    prefix = None;
                }
            } else {
                prefix = None;
            }
        }
        let min_indent = min_indent.unwrap_or(0);
        self.write_indent(None);
        self.write_str(lines[0].trim_end_matches([' ', '\t']));
        let end = if standalone_close {
            lines.len() - 1
        } else {
            lines.len()
        };
        let mut pending_newlines = 0;
        for line in &lines[1..end] {
            pending_newlines += 1;
            let trimmed = line.trim_start_matches([' ', '\t']);
            if trimmed.is_empty() {
                continue;
            }
            let content = if prefix.is_some() {
                format!(" {}", trimmed.trim_end_matches([' ', '\t']))
            } else {
                let l = unindent(line, min_indent);
                let l = l.trim_end_matches([' ', '\t']);
                if l.is_empty() {
                    continue;
                }
                format!("   {l}")
            };
            self.comment_lines(pending_newlines, &content);
            pending_newlines = 0;
        }
        if standalone_close {
            pending_newlines += 1;
            let close = if prefix == Some(b'*') { " */" } else { "*/" };
            self.comment_lines(pending_newlines, close);
        }
    }

    /// `n` line breaks, then `content` at the current indentation.
    fn comment_lines(&mut self, n: usize, content: &str) {
        for _ in 0..n {
            self.p("");
        }
        self.write_indent(None);
        self.write_str(content);
    }

    fn leading_blank_line(&self, n: N<'_>) -> bool {
        self.lead_entries(n.first()).iter().any(|&(_, b)| b) || self.blank_before_token(n.first())
    }

    // ---- node writers --------------------------------------------------------

    fn write_start(&mut self, n: N<'_>, ignore_ws: bool) {
        self.write_start_maybe_compact(n, false, ignore_ws);
    }

    /// What comes before a node that starts a line: its leading comments,
    /// each on its own line, and the blank lines the source had around them
    /// (none right after an opening bracket or at the start of the file).
    fn write_line_start_comments(&mut self, tok: Tok, force_compact: bool, ignore_ws: bool) {
        let blank = !ignore_ws && self.blank_before_token(tok);
        let compact = force_compact || self.prev_open || self.last == '\0';
        let leading = self.lead_entries(tok);
        if !leading.is_empty() {
            self.write_multiline_entries(&leading, force_compact);
            if !force_compact && blank {
                self.p("");
            }
        } else if !compact && blank {
            self.p("");
        }
    }

    fn write_start_maybe_compact(&mut self, n: N<'_>, force_compact: bool, ignore_ws: bool) {
        self.write_line_start_comments(n.first(), force_compact, ignore_ws);
        let keep = std::mem::take(&mut self.keep_line);
        self.write_indent(Some(n));
        self.write_node(n);
        let t = self.trailing(n);
        self.write_trailing_inline(&t, keep);
        self.set_prev(n);
    }

    fn write_inline(&mut self, n: N<'_>) {
        let keep = std::mem::take(&mut self.keep_line);
        self.inline = true;
        if !n.is_terminal() {
            self.write_node(n);
            self.inline = false;
            return;
        }
        let leading = self.leading(n);
        self.write_leading_inline(n, leading);
        self.write_node(n);
        let t = self.trailing(n);
        self.write_trailing_inline(&t, keep);
        self.set_prev(n);
        self.inline = false;
    }

    /// [`Self::write_inline`] where a trailing `//` comment stays one: the
    /// line breaks after it and the declaration continues on the next line
    /// (after `=`, a label, an rpc's request type, a value in a `[...]`
    /// list), as buf 1.75 prints it.
    fn write_inline_keep(&mut self, n: N<'_>) {
        self.keep_line = true;
        self.write_inline(n);
        self.keep_line = false;
    }

    fn write_trailing_inline(&mut self, t: &[u32], keep: bool) {
        if t.is_empty() {
            return;
        }
        let is_line = |c: &u32| self.lx.kind(*c) == crate::syntax::ItemKind::LineComment;
        if !(keep && t.iter().any(is_line)) {
            self.write_inline_comments(t);
            return;
        }
        for &c in t {
            // A space even right after `<` or `(`.
            self.pending_space = false;
            if !matches!(self.last, ' ' | '\n' | '\0') {
                self.out.push(' ');
            }
            self.write_str(self.lx.text(c).trim_end_matches([' ', '\t']));
        }
        if t.last().is_some_and(is_line) {
            // The declaration goes on at its own indentation: a bracket
            // opened on this line does not indent the continuation.
            let pending = std::mem::take(&mut self.pending_indent);
            self.p("");
            self.pending_indent = pending;
            self.write_indent(None);
        }
    }

    fn write_line_end(&mut self, n: N<'_>) {
        if !n.is_terminal() {
            self.write_node(n);
            if self.last != '\n' {
                self.p("");
            }
            return;
        }
        let leading = self.leading(n);
        self.write_leading_inline(n, leading);
        self.write_node(n);
        self.space();
        let trailing = self.trailing(n);
        self.write_trailing_end_comments(&trailing);
        self.set_prev(n);
    }

    fn write_body_end(&mut self, n: N<'_>, leading_endline: bool) {
        self.write_close(n, leading_endline, CloseKind::End);
    }

    fn write_body_end_inline(&mut self, n: N<'_>, leading_inline: bool) {
        self.write_close(n, leading_inline, CloseKind::Inline);
    }

    /// A closing token (or a line's last element): its leading comments
    /// inline (`leading_inline`, e.g. `{}`) or each on its own line above
    /// it; then its trailing comments ending the line (`End`) or inline,
    /// for a `]` or `}` that more of the line follows (`Inline`).
    fn write_close(&mut self, n: N<'_>, leading_inline: bool, kind: CloseKind) {
        if !n.is_terminal() {
            self.write_node(n);
            if matches!(kind, CloseKind::End) && self.last != '\n' {
                self.p("");
            }
            return;
        }
        let leading = self.leading(n);
        if leading_inline {
            self.write_leading_inline(n, leading);
        } else {
            self.write_multiline_comments(leading, false);
            self.write_indent(Some(n));
        }
        self.write_node(n);
        let trailing = self.trailing(n);
        match kind {
            CloseKind::End => self.write_trailing_end_comments(&trailing),
            CloseKind::Inline => self.write_inline_comments(&trailing),
        }
        self.set_prev(n);
    }

    fn write_line_element(&mut self, n: N<'_>) {
        self.write_body_end(n, false);
    }

    fn write_open_brace_prefix(&mut self, open: N<'_>) {
        let leading = self.leading(open);
        self.write_leading_inline(open, leading);
        self.write_node(open);
        let t = self.trailing(open);
        if t.is_empty() {
            self.p("");
        } else {
            self.write_trailing_end_comments(&t);
        }
        self.set_prev(open);
    }

    fn write_open_brace_prefix_for_array(&mut self, open: N<'_>) {
        let leading = self.leading(open);
        if !leading.is_empty() {
            self.write_multiline_comments(leading, false);
        }
        self.write_indent(Some(open));
        self.write_node(open);
        let t = self.trailing(open);
        if t.is_empty() {
            self.p("");
        } else {
            self.write_trailing_end_comments(&t);
        }
        self.set_prev(open);
    }

    fn has_interior_comments(&self, nodes: &[N<'_>]) -> bool {
        let n = nodes.len();
        nodes.iter().enumerate().any(|(i, &node)| {
            (i > 0 && !self.leading(node).is_empty())
                || (i + 1 < n && !self.trailing(node).is_empty())
        })
    }

    /// `{ elements }` of a type (message, enum, ...), or of a value
    /// (`inline_close`: `[...]` options, arrays, message literals).
    fn write_body(
        &mut self,
        open: N<'_>,
        close: N<'_>,
        elements: Option<&mut dyn FnMut(&mut Self)>,
        open_for_array: bool,
        close_kind: CloseKind,
    ) {
        let write_close = |p: &mut Self, leading: bool| match close_kind {
            CloseKind::End => p.write_body_end(close, leading),
            CloseKind::Inline => p.write_body_end_inline(close, leading),
        };
        if elements.is_none() && !self.has_interior_comments(&[open, close]) {
            self.write_inline(open);
            write_close(self, true);
            return;
        }
        if open_for_array {
            self.write_open_brace_prefix_for_array(open);
        } else {
            self.write_open_brace_prefix(open);
        }
        if let Some(f) = elements {
            f(self);
        }
        write_close(self, false);
    }

    fn write_decls_body(&mut self, body: &Body) {
        let mut elements = |p: &mut Self| {
            for d in &body.decls {
                p.write_decl(d);
            }
        };
        let bare_semis = body.decls.iter().all(|d| {
            matches!(d, Decl::Empty(t) if self.lx.leading_comments(*t).is_empty()
                && self.lx.trailing_comments(*t).is_empty())
        });
        let elements: Option<&mut dyn FnMut(&mut Self)> = if bare_semis {
            None
        } else {
            Some(&mut elements)
        };
        self.write_body(
            N::T(body.open),
            N::T(body.close),
            elements,
            false,
            CloseKind::End,
        );
    }

    fn write_node(&mut self, n: N<'_>) {
        match n {
            N::T(_) | N::As(..) => {
                let text = n.text(self.lx);
                if let TokenKind::Punct(_) = self.lx.token_kind(n.first()) {
                    match text {
                        "{" | "[" | "(" | "<" => self.pending_indent += 1,
                        "}" | "]" | ")" | ">" => self.pending_indent -= 1,
                        _ => {}
                    }
                }
                self.write_str(text);
            }
            N::Name(name) => {
                // Inside a dotted name, comments keep the source's spacing.
                let outer = self.inherit_spacing;
                if let Some(d) = name.leading_dot {
                    self.write_inline(N::T(d));
                    self.inherit_spacing = true;
                }
                for (i, &part) in name.parts.iter().enumerate() {
                    if i > 0 {
                        self.write_inline(N::T(name.dots[i - 1]));
                    }
                    self.write_inline(N::T(part));
                    self.inherit_spacing = true;
                }
                self.inherit_spacing = outer;
            }
            N::Val(v) => match v {
                Value::Scalar(_) | Value::Name(_) => self.write_node(val(v)),
                Value::Signed { sign, value } => {
                    self.write_inline_keep(N::T(*sign));
                    self.write_inline(N::T(*value));
                }
                Value::Strings(ts) => self.write_compound_strings(ts, true, false),
                Value::Message(m) => self.write_message_literal(m),
                Value::Array(a) => self.write_array_literal(a),
            },
            N::OptName(name) => self.write_option_name(name),
            N::Compact(c) => self.write_compact_options(c),
            N::Range(r) => self.write_range(r),
            N::MapTy(m) => {
                self.write_start(N::T(m.keyword), false);
                self.write_inline_keep(N::T(m.open));
                self.write_inline(N::T(m.key));
                self.write_inline(N::T(m.comma));
                self.space();
                self.write_inline(name_node(&m.value));
                self.write_inline(N::T(m.close));
            }
            N::Rpc(r) => {
                self.in_rpc_type = true;
                self.write_inline(N::T(r.open));
                if let Some(s) = r.stream {
                    self.write_inline(N::T(s));
                    self.space();
                }
                self.write_inline(name_node(&r.ty));
                self.in_rpc_type = false;
                let keep = std::mem::take(&mut self.rpc_input);
                self.keep_line = keep;
                self.write_inline(N::T(r.close));
            }
            N::FRef(r) => {
                if let Some(o) = r.open {
                    self.write_inline(N::T(o));
                }
                if let Some((prefix, slash)) = &r.url_prefix {
                    self.write_inline(name_node(prefix));
                    self.write_inline(N::T(*slash));
                }
                self.write_inline(name_node(&r.name));
                if let Some(c) = r.close {
                    self.write_inline(N::T(c));
                }
            }
            N::Field(f) => self.write_message_field(f),
            N::Decl(d) => self.write_decl(d),
        }
    }

    fn write_compound_strings(&mut self, ts: &[Tok], needs_indent: bool, trailing_punct: bool) {
        let trimmed = self.out.trim_end_matches(' ').len();
        if self.out[..trimmed].ends_with('\n') {
            // Already on a new line (after a kept `//` comment).
            self.out.truncate(trimmed);
            self.last = '\n';
        } else {
            self.p("");
        }
        if needs_indent {
            self.indent += 1;
        }
        for (i, &t) in ts.iter().enumerate() {
            if trailing_punct && i == ts.len() - 1 {
                self.write_start(N::T(t), false);
                break;
            }
            self.write_line_element(N::T(t));
        }
        if needs_indent {
            self.indent = self.indent.saturating_sub(1);
        }
    }

    fn write_option_name(&mut self, name: &OptionName) {
        for (i, part) in name.parts.iter().enumerate() {
            if self.in_compact_options && i == 0 {
                if let Some(open) = part.open {
                    self.write_node(N::T(open));
                    let t = self.trailing(N::T(open));
                    if !t.is_empty() {
                        self.write_inline_comments(&t);
                    }
                    self.write_inline(name_node(&part.name));
                } else {
                    let n = name_node(&part.name);
                    self.write_node(n);
                    let t = self.trailing(n);
                    if !t.is_empty() {
                        self.write_inline_comments(&t);
                    }
                }
                if let Some(c) = part.close {
                    self.write_inline(N::T(c));
                }
                continue;
            }
            let outer = self.inherit_spacing;
            if i > 0 {
                self.inherit_spacing = true;
                self.write_inline(N::T(name.dots[i - 1]));
            }
            self.write_node(N::FRef(part));
            self.inherit_spacing = outer;
        }
    }

    fn write_option_prefix(&mut self, o: &OptionDecl) {
        if let Some(k) = o.keyword {
            self.write_start(N::T(k), false);
            self.space();
            self.write_node(N::OptName(&o.name));
        } else {
            // Like a line start, but the name writer prints the trailing
            // comments of its parts itself.
            let n = N::OptName(&o.name);
            self.write_line_start_comments(n.first(), false, false);
            self.write_indent(Some(n));
            self.write_node(n);
            self.set_prev(n);
        }
        self.space();
        self.write_inline_keep(N::T(o.equals));
        self.space();
    }

    fn write_option(&mut self, o: &OptionDecl) {
        self.write_option_prefix(o);
        if let Some(semi) = o.semi {
            if let Value::Strings(ts) = &o.value {
                self.write_compound_strings(ts, true, true);
                self.write_line_end(N::T(semi));
                return;
            }
            self.write_inline(val(&o.value));
            self.write_line_end(N::T(semi));
            return;
        }
        if let Value::Strings(ts) = &o.value {
            self.write_compound_strings(ts, true, true);
            return;
        }
        self.write_inline_keep(val(&o.value));
    }

    fn write_file_option(&mut self, o: &OptionDecl, force_compact: bool, first: bool) {
        let k = o.keyword.expect("file options have a keyword");
        let no_leading = self.leading(N::T(k)).is_empty();
        self.write_start_maybe_compact(N::T(k), force_compact, first && no_leading);
        self.space();
        self.write_node(N::OptName(&o.name));
        self.space();
        self.write_inline_keep(N::T(o.equals));
        let semi = N::T(o.semi.expect("file options end with ';'"));
        if let Value::Strings(ts) = &o.value {
            self.write_compound_strings(ts, true, true);
            self.write_line_end(semi);
            return;
        }
        self.space();
        self.write_inline(val(&o.value));
        self.write_line_end(semi);
    }

    fn write_compact_options(&mut self, c: &CompactOptions) {
        self.in_compact_options = true;
        if c.options.len() == 1
            && !self.has_interior_comments(&[N::T(c.open), N::OptName(&c.options[0].name)])
        {
            let o = &c.options[0];
            self.write_inline(N::T(c.open));
            self.write_inline(N::OptName(&o.name));
            self.space();
            self.write_inline(N::T(o.equals));
            if let Value::Strings(ts) = &o.value {
                self.write_compound_strings(ts, false, true);
                self.write_inline(N::T(c.close));
                self.in_compact_options = false;
                return;
            }
            self.space();
            self.write_inline(val(&o.value));
            self.write_inline(N::T(c.close));
            self.in_compact_options = false;
            return;
        }
        let mut elements = |p: &mut Self| {
            let n = c.options.len();
            for (i, o) in c.options.iter().enumerate() {
                if i == n - 1 {
                    p.write_option_prefix(o);
                    p.write_line_end(val(&o.value));
                    return;
                }
                p.write_option(o);
                p.write_line_end(N::T(c.commas[i]));
            }
        };
        let elements: Option<&mut dyn FnMut(&mut Self)> = if c.options.is_empty() {
            None
        } else {
            Some(&mut elements)
        };
        self.write_body(
            N::T(c.open),
            N::T(c.close),
            elements,
            false,
            CloseKind::Inline,
        );
        self.in_compact_options = false;
    }

    fn message_children<'t>(m: &'t MessageLiteral) -> Vec<N<'t>> {
        let mut out = vec![N::T(m.open)];
        for (f, sep) in m.fields.iter().zip(&m.seps) {
            out.push(N::Field(f));
            if let Some(s) = sep {
                out.push(N::T(*s));
            }
        }
        out.push(N::T(m.close));
        out
    }

    fn open_close(m: &MessageLiteral, lx: &Lexed<'_>) -> (N<'static>, N<'static>) {
        let open = if lx.text(m.open) == "<" {
            N::As(m.open, "{")
        } else {
            N::T(m.open)
        };
        let close = if lx.text(m.close) == ">" {
            N::As(m.close, "}")
        } else {
            N::T(m.close)
        };
        (open, close)
    }

    /// The message literal's own trailing comment moves to its close brace
    /// when that has none.
    fn carry_literal_trailing(&mut self, whole: (Tok, Tok), close: N<'_>) {
        if let Some(c) = self.overrides.get(&whole).cloned()
            && !c.is_empty()
            && self.trailing(close).is_empty()
        {
            self.overrides.insert(close.key(), c);
        }
    }

    /// A dropped `,`/`;` separator's trailing comment moves to the value.
    fn carry_separator_comment(&mut self, sep: Option<Tok>, value: &Value) {
        let Some(sep) = sep else { return };
        // buf 1.75 drops the comments *before* a dropped separator with it;
        // protogate keeps every comment: they follow the value too.
        let mut moved = self.lx.leading_comments(sep).to_vec();
        moved.extend_from_slice(self.lx.trailing_comments(sep));
        if moved.is_empty() {
            return;
        }
        // The comments go after the value's last token (for `{...}` and
        // `[...]` the literal as a whole, whose close bracket takes them).
        let key = match value {
            Value::Message(m) => (m.open, m.close),
            Value::Array(a) => (a.open, a.close),
            _ => (last_of_value(value), last_of_value(value)),
        };
        let mut all = match self.overrides.get(&key) {
            Some(o) => o.clone(),
            None => self.lx.trailing_comments(key.1).to_vec(),
        };
        if matches!(value, Value::Message(_) | Value::Array(_)) && !all.is_empty() {
            return;
        }
        all.extend(moved);
        self.overrides.insert(key, all);
    }

    /// Whether a comment sits anywhere inside `{ ... }` (which then
    /// cannot be printed on one line).
    fn literal_has_comments(&self, m: &MessageLiteral) -> bool {
        let mut toks = Vec::new();
        for (f, sep) in m.fields.iter().zip(&m.seps) {
            crate::syntax::visit::field_tokens(f, &mut toks);
            if let Some(s) = sep {
                toks.push(*s);
            }
        }
        !self.lx.trailing_comments(m.open).is_empty()
            || !self.lx.leading_comments(m.close).is_empty()
            || toks.iter().any(|&t| {
                !self.lx.leading_comments(t).is_empty() || !self.lx.trailing_comments(t).is_empty()
            })
    }

    fn maybe_write_compact_message_literal(&mut self, m: &MessageLiteral, in_array: bool) -> bool {
        let nested = m.fields.iter().any(|f| {
            matches!(
                f.value,
                Value::Message(_) | Value::Array(_) | Value::Strings(_)
            )
        });
        if m.fields.len() > 1
            || nested
            || self.has_interior_comments(&Self::message_children(m))
            || self.literal_has_comments(m)
        {
            return false;
        }
        let (open, close) = Self::open_close(m, self.lx);
        self.carry_literal_trailing((m.open, m.close), close);
        if in_array {
            self.write_indent(Some(open));
        }
        self.write_inline(open);
        if let Some(f) = m.fields.first() {
            self.write_inline(N::FRef(&f.name));
            match f.colon {
                Some(c) => self.write_inline(N::T(c)),
                None => self.write_str(":"),
            }
            self.space();
            self.carry_separator_comment(m.seps[0], &f.value);
            self.write_inline(val(&f.value));
        }
        self.write_inline(close);
        true
    }

    fn write_message_elements(&mut self, m: &MessageLiteral) {
        for (f, sep) in m.fields.iter().zip(&m.seps) {
            self.carry_separator_comment(*sep, &f.value);
            self.write_message_field(f);
        }
    }

    fn write_message_literal(&mut self, m: &MessageLiteral) {
        if self.maybe_write_compact_message_literal(m, false) {
            return;
        }
        let (open, close) = Self::open_close(m, self.lx);
        self.carry_literal_trailing((m.open, m.close), close);
        let mut elements = |p: &mut Self| p.write_message_elements(m);
        let elements: Option<&mut dyn FnMut(&mut Self)> = if m.fields.is_empty() {
            None
        } else {
            Some(&mut elements)
        };
        self.write_body(open, close, elements, false, CloseKind::Inline);
    }

    fn write_message_literal_for_array(&mut self, m: &MessageLiteral, last: bool) {
        if self.maybe_write_compact_message_literal(m, true) {
            return;
        }
        let (open, close) = Self::open_close(m, self.lx);
        self.carry_literal_trailing((m.open, m.close), close);
        let mut elements = |p: &mut Self| p.write_message_elements(m);
        let elements: Option<&mut dyn FnMut(&mut Self)> = if m.fields.is_empty() {
            None
        } else {
            Some(&mut elements)
        };
        let kind = if last {
            CloseKind::End
        } else {
            CloseKind::Inline
        };
        self.write_body(open, close, elements, true, kind);
    }

    fn write_message_field(&mut self, f: &MessageField) {
        let r = &f.name;
        if let (Some(open), Some(close)) = (r.open, r.close)
            && self.bracket_name_has_comments(r, open, close)
        {
            self.write_broken_bracket_name(r, open, close);
        } else if let Some(open) = r.open {
            self.write_start(N::T(open), false);
            if let Some((prefix, slash)) = &r.url_prefix {
                self.write_inline(name_node(prefix));
                self.write_inline(N::T(*slash));
            }
            self.write_inline(name_node(&r.name));
            if let Some(c) = r.close {
                self.write_inline(N::T(c));
            }
        } else {
            self.write_start(name_node(&r.name), false);
        }
        if self.out.ends_with("*/") {
            self.space();
        }
        match f.colon {
            Some(c) => self.write_inline(N::T(c)),
            None => self.write_str(":"),
        }
        self.space();
        if let Value::Strings(ts) = &f.value {
            self.write_compound_strings(ts, true, false);
            return;
        }
        self.write_line_end(val(&f.value));
    }

    fn bracket_name_has_comments(&self, r: &FieldRef, open: Tok, close: Tok) -> bool {
        let mut toks = Vec::new();
        if let Some((prefix, slash)) = &r.url_prefix {
            crate::syntax::visit::type_name(prefix, &mut toks);
            toks.push(*slash);
        }
        crate::syntax::visit::type_name(&r.name, &mut toks);
        !self.lx.trailing_comments(open).is_empty()
            || !self.lx.leading_comments(close).is_empty()
            || toks.iter().any(|&t| {
                !self.lx.leading_comments(t).is_empty() || !self.lx.trailing_comments(t).is_empty()
            })
    }

    /// `[ext.name]` with comments inside: the brackets on their own lines,
    /// the comments and the name indented between them.
    fn write_broken_bracket_name(&mut self, r: &FieldRef, open: Tok, close: Tok) {
        self.write_line_start_comments(open, false, false);
        self.write_indent(Some(N::T(open)));
        self.write_node(N::T(open));
        let t = self.lx.trailing_comments(open).to_vec();
        if t.is_empty() {
            self.p("");
        } else {
            self.write_trailing_end_comments(&t);
        }
        self.set_prev(N::T(open));
        let mut toks = Vec::new();
        if let Some((prefix, slash)) = &r.url_prefix {
            crate::syntax::visit::type_name(prefix, &mut toks);
            toks.push(*slash);
        }
        crate::syntax::visit::type_name(&r.name, &mut toks);
        let first = toks[0];
        self.write_multiline_comments(self.lx.leading_comments(first), false);
        self.write_indent(None);
        self.write_node(N::T(first));
        let mut last = first;
        for &t in &toks[1..] {
            let c = self.lx.trailing_comments(last).to_vec();
            if !c.is_empty() {
                self.write_inline_comments(&c);
            }
            let leading = self.lx.leading_comments(t);
            self.write_leading_inline(N::T(t), leading);
            self.write_node(N::T(t));
            last = t;
        }
        let c = self.lx.trailing_comments(last).to_vec();
        if c.is_empty() {
            self.p("");
        } else {
            self.write_trailing_end_comments(&c);
        }
        self.write_multiline_comments(self.lx.leading_comments(close), false);
        self.write_indent(Some(N::T(close)));
        self.write_node(N::T(close));
        let c = self.lx.trailing_comments(close).to_vec();
        if !c.is_empty() {
            self.write_inline_comments(&c);
        }
        self.set_prev(N::T(close));
    }

    fn write_array_literal(&mut self, a: &ArrayLiteral) {
        let close = N::T(a.close);
        self.carry_literal_trailing((a.open, a.close), close);
        let mut children = vec![N::T(a.open)];
        for (i, e) in a.elems.iter().enumerate() {
            if i > 0 {
                children.push(N::T(a.commas[i - 1]));
            }
            children.push(val(e));
        }
        children.push(close);
        let nested = a
            .elems
            .iter()
            .any(|e| matches!(e, Value::Message(_) | Value::Array(_)));
        if a.elems.len() == 1 && !self.has_interior_comments(&children) && !nested {
            self.write_inline(N::T(a.open));
            self.write_inline(val(&a.elems[0]));
            self.write_inline(close);
            return;
        }
        let mut elements = |p: &mut Self| {
            let n = a.elems.len();
            for (i, e) in a.elems.iter().enumerate() {
                let last = i == n - 1;
                match e {
                    Value::Strings(ts) => {
                        for (j, &t) in ts.iter().enumerate() {
                            if !last && j == ts.len() - 1 {
                                p.write_start(N::T(t), false);
                                break;
                            }
                            p.write_line_element(N::T(t));
                        }
                    }
                    Value::Signed { sign, value } => {
                        p.write_start(N::T(*sign), false);
                        if last {
                            p.write_line_end(N::T(*value));
                        } else {
                            p.write_inline(N::T(*value));
                        }
                    }
                    Value::Array(inner) => {
                        p.write_indent(None);
                        p.write_array_literal(inner);
                        if last && p.last != '\n' {
                            p.p("");
                        }
                    }
                    Value::Message(m) => {
                        p.write_message_literal_for_array(m, last);
                        if last && p.last != '\n' {
                            p.p("");
                        }
                    }
                    _ => {
                        if last {
                            p.write_line_element(val(e));
                            return;
                        }
                        p.write_start(val(e), false);
                        p.write_line_end(N::T(a.commas[i]));
                        continue;
                    }
                }
                if !last {
                    p.write_line_end(N::T(a.commas[i]));
                }
            }
        };
        let elements: Option<&mut dyn FnMut(&mut Self)> = if a.elems.is_empty() {
            None
        } else {
            Some(&mut elements)
        };
        self.write_body(N::T(a.open), close, elements, false, CloseKind::Inline);
    }

    fn write_range(&mut self, r: &Range) {
        self.write_inline(val(&r.start));
        if let Some(to) = r.to {
            self.space();
            self.write_inline(N::T(to));
        }
        if let Some(end) = &r.end {
            self.space();
            self.write_inline(val(end));
        }
    }

    fn write_type_name_start(&mut self, n: &TypeName) {
        if let Some(d) = n.leading_dot {
            self.write_start(N::T(d), false);
        }
        for (i, &part) in n.parts.iter().enumerate() {
            if i == 0 && n.leading_dot.is_none() {
                self.write_start(N::T(part), false);
                continue;
            }
            if i > 0 {
                self.write_inline(N::T(n.dots[i - 1]));
            }
            self.write_inline(N::T(part));
        }
    }

    fn write_options_then(&mut self, options: &Option<CompactOptions>) {
        if let Some(c) = options {
            self.space();
            self.write_node(N::Compact(c));
        }
    }

    fn write_decl(&mut self, d: &Decl) {
        match d {
            Decl::Syntax { .. } => {}
            Decl::Empty(t) => {
                // The `;` goes; its comments stay, each on its own line.
                let mut comments = self.lx.leading_comments(*t).to_vec();
                comments.extend(self.lx.trailing_comments(*t));
                if !comments.is_empty() {
                    if self.last != '\n' && self.last != '\0' {
                        self.p("");
                    }
                    self.write_multiline_comments(&comments, false);
                }
            }
            Decl::Package {
                keyword,
                name,
                semi,
            } => self.write_package(*keyword, name, *semi, false),
            Decl::Import { .. } => self.write_import(d, false, false),
            Decl::Option(o) => self.write_option(o),
            Decl::Message {
                visibility,
                keyword,
                name,
                body,
            }
            | Decl::Enum {
                visibility,
                keyword,
                name,
                body,
            } => {
                if let Some(v) = visibility {
                    self.write_start(N::T(*v), false);
                    self.space();
                    self.write_inline(N::T(*keyword));
                } else {
                    self.write_start(N::T(*keyword), false);
                }
                self.space();
                self.write_inline(N::T(*name));
                self.space();
                self.write_decls_body(body);
            }
            Decl::Service {
                keyword,
                name,
                body,
            }
            | Decl::Oneof {
                keyword,
                name,
                body,
            } => {
                self.write_start(N::T(*keyword), false);
                self.space();
                self.write_inline(N::T(*name));
                self.space();
                self.write_decls_body(body);
            }
            Decl::Extend {
                keyword,
                extendee,
                body,
            } => {
                self.write_start(N::T(*keyword), false);
                self.space();
                self.write_inline(name_node(extendee));
                self.space();
                self.write_decls_body(body);
            }
            Decl::Field(f) => {
                if let Some(label) = f.label {
                    self.keep_line = true;
                    self.write_start(N::T(label), false);
                    self.space();
                    self.write_inline(name_node(&f.ty));
                } else {
                    self.write_type_name_start(&f.ty);
                }
                self.space();
                self.write_inline(N::T(f.name));
                self.space();
                self.write_inline_keep(N::T(f.equals));
                self.space();
                self.write_inline(N::T(f.tag));
                self.write_options_then(&f.options);
                self.write_line_end(N::T(f.semi));
            }
            Decl::Map {
                ty,
                name,
                equals,
                tag,
                options,
                semi,
            } => {
                self.write_node(N::MapTy(ty));
                self.space();
                self.write_inline(N::T(*name));
                self.space();
                self.write_inline_keep(N::T(*equals));
                self.space();
                self.write_inline(N::T(*tag));
                self.write_options_then(options);
                self.write_line_end(N::T(*semi));
            }
            Decl::Group {
                label,
                keyword,
                name,
                equals,
                tag,
                options,
                body,
            } => {
                if let Some(label) = label {
                    self.keep_line = true;
                    self.write_start(N::T(*label), false);
                    self.space();
                    self.write_inline(N::T(*keyword));
                } else {
                    self.write_start(N::T(*keyword), false);
                }
                self.space();
                self.write_inline(N::T(*name));
                self.space();
                self.write_inline_keep(N::T(*equals));
                self.space();
                self.write_inline(N::T(*tag));
                self.write_options_then(options);
                self.space();
                self.write_decls_body(body);
            }
            Decl::Extensions {
                keyword,
                ranges,
                commas,
                options,
                semi,
            } => {
                self.write_start(N::T(*keyword), false);
                self.space();
                for (i, r) in ranges.iter().enumerate() {
                    if i > 0 {
                        self.write_inline(N::T(commas[i - 1]));
                        self.space();
                    }
                    self.write_node(N::Range(r));
                }
                self.write_options_then(options);
                self.write_line_end(N::T(*semi));
            }
            Decl::Reserved {
                keyword,
                elems,
                commas,
                semi,
            } => {
                self.write_start(N::T(*keyword), false);
                self.space();
                for (i, e) in elems.iter().enumerate() {
                    if i > 0 {
                        self.write_inline(N::T(commas[i - 1]));
                        self.space();
                    }
                    match e {
                        Reserved::Range(r) => self.write_inline(N::Range(r)),
                        Reserved::Name(t) => self.write_inline(N::T(*t)),
                    }
                }
                self.write_line_end(N::T(*semi));
            }
            Decl::EnumValue {
                name,
                equals,
                number,
                options,
                semi,
            } => {
                self.write_start(N::T(*name), false);
                self.space();
                self.write_inline_keep(N::T(*equals));
                self.space();
                self.write_inline(val(number));
                self.write_options_then(options);
                self.write_line_end(N::T(*semi));
            }
            Decl::Rpc {
                keyword,
                name,
                input,
                returns,
                output,
                body,
                semi,
            } => {
                self.write_start(N::T(*keyword), false);
                self.space();
                self.write_inline(N::T(*name));
                self.rpc_input = true;
                self.write_inline(N::Rpc(input));
                self.space();
                self.write_inline(N::T(*returns));
                self.space();
                self.write_inline(N::Rpc(output));
                match body {
                    None => {
                        self.write_line_end(N::T(semi.expect("an rpc without body ends with ';'")))
                    }
                    Some(b) => {
                        self.space();
                        self.write_decls_body(b);
                    }
                }
            }
        }
    }

    fn write_package(&mut self, keyword: Tok, name: &TypeName, semi: Tok, first: bool) {
        let no_leading = self.leading(N::T(keyword)).is_empty();
        self.write_start(N::T(keyword), first && no_leading);
        self.space();
        self.write_inline(name_node(name));
        self.write_line_end(N::T(semi));
    }

    fn import_has_comment(&self, d: &Decl) -> bool {
        let Decl::Import {
            keyword,
            modifier,
            path,
            semi,
        } = d
        else {
            return false;
        };
        self.has_comment(N::Decl(d))
            || self.has_comment(N::T(*keyword))
            || self.has_comment(val(path))
            || self.has_comment(N::T(*semi))
            || modifier.is_some_and(|m| self.has_comment(N::T(m)))
    }

    fn write_import(&mut self, d: &Decl, force_compact: bool, first: bool) {
        let Decl::Import {
            keyword,
            modifier,
            path,
            semi,
        } = d
        else {
            return;
        };
        let ignore = first && !self.import_has_comment(d);
        self.write_start_maybe_compact(N::T(*keyword), force_compact, ignore);
        self.space();
        if let Some(m) = modifier {
            self.write_inline(N::T(*m));
            self.space();
        }
        self.write_inline(val(path));
        self.write_line_end(N::T(*semi));
    }

    // ---- the file --------------------------------------------------------------

    pub(crate) fn write_file(&mut self, parsed: &Parsed<'_>) {
        let file = &parsed.file;
        self.write_file_header(file);
        self.write_file_types(file);
        let eof_comments = self.lx.leading_comments(file.eof);
        if file.decls.is_empty() && !eof_comments.is_empty() {
            // A file of comments only starts with an empty line (buf 1.75).
            self.write_str("\n");
            self.write_multiline_comments(eof_comments, true);
        } else {
            self.write_multiline_comments(eof_comments, false);
        }
        if self.last != '\0' && self.last != '\n' {
            self.p("");
        }
    }

    fn import_sort_key(&self, d: &Decl) -> (bool, String) {
        match d {
            Decl::Import { modifier, path, .. } => {
                let is_option = modifier.is_some_and(|m| self.lx.text(m) == "option");
                let text = match path {
                    Value::Scalar(t) => self.lx.text(*t).to_string(),
                    _ => String::new(),
                };
                (is_option, text)
            }
            _ => (false, String::new()),
        }
    }

    /// Plain options before extensions (`(name)`), then by the name as
    /// written in the source.
    fn option_sort_key(&self, o: &OptionDecl) -> (bool, String) {
        let n = N::OptName(&o.name);
        let start = self.lx.items[n.first() as usize].start as usize;
        let end = self.lx.items[n.last() as usize].end as usize;
        (
            o.name.parts[0].open.is_some(),
            self.lx.src[start..end].to_string(),
        )
    }

    /// Options that may set the same field (the same name up to how it is
    /// qualified, `(p.nums)` and `(nums)`) keep their source order among
    /// the places the sort gave them: for a repeated option, the order of
    /// the values is meaning. buf 1.75 swaps them.
    fn keep_same_option_order(&self, options: &[&OptionDecl], order: &mut [usize]) {
        let key = |o: &OptionDecl| -> Vec<&str> {
            o.name
                .parts
                .iter()
                .map(|p| self.lx.text(p.name.parts[p.name.parts.len() - 1]))
                .collect()
        };
        let keys: Vec<Vec<&str>> = options.iter().map(|o| key(o)).collect();
        let mut done = vec![false; order.len()];
        for i in 0..order.len() {
            if done[i] {
                continue;
            }
            let slots: Vec<usize> = (i..order.len())
                .filter(|&j| keys[order[j]] == keys[order[i]])
                .collect();
            let mut members: Vec<usize> = slots.iter().map(|&j| order[j]).collect();
            members.sort_unstable();
            for (&slot, &m) in slots.iter().zip(&members) {
                order[slot] = m;
                done[slot] = true;
            }
        }
    }

    /// Sorting imports (or options) moves each with the comments right
    /// above it; comments separated from it by a blank line are *detached*:
    /// they stay where they were, printed before the first declaration that
    /// lands at or after their place. `firsts` are the declarations' first
    /// tokens in source order, `order` the printing order.
    fn move_detached_comments(&mut self, firsts: &[Tok], order: &[usize]) {
        let split: Vec<(Vec<(u32, bool)>, Vec<(u32, bool)>, bool)> = firsts
            .iter()
            .map(|&tok| {
                let entries = self.lead_entries(tok);
                let token_blank = self.blank_before_token(tok);
                let cut = if token_blank {
                    entries.len()
                } else {
                    (1..entries.len())
                        .rev()
                        .find(|&i| entries[i].1)
                        .unwrap_or(0)
                };
                let attached = entries[cut..].to_vec();
                let mut detached = entries;
                detached.truncate(cut);
                (detached, attached, token_blank)
            })
            .collect();
        let mut emitted = 0usize;
        for &src in order {
            let mut entries: Vec<(u32, bool)> = Vec::new();
            while emitted <= src {
                entries.extend(split[emitted].0.iter().copied());
                emitted += 1;
            }
            let had_detached = !entries.is_empty();
            let (_, attached, own_blank) = &split[src];
            let mut attached = attached.clone();
            if had_detached && let Some(first) = attached.first_mut() {
                first.1 = true;
            }
            let token_blank = if attached.is_empty() {
                had_detached || *own_blank
            } else {
                *own_blank
            };
            entries.extend(attached);
            self.lead_override
                .insert(firsts[src], (entries, token_blank));
        }
    }

    fn write_file_header(&mut self, file: &File) {
        let mut syntax = None;
        let mut package = None;
        let mut imports: Vec<&Decl> = Vec::new();
        let mut options: Vec<&OptionDecl> = Vec::new();
        for d in &file.decls {
            match d {
                Decl::Syntax { .. } => syntax = Some(d),
                Decl::Package { .. } => package = Some(d),
                Decl::Import { .. } => imports.push(d),
                Decl::Option(o) => options.push(o),
                _ => {}
            }
        }
        if syntax.is_none() && package.is_none() && imports.is_empty() && options.is_empty() {
            return;
        }
        let mut first = true;
        if let Some(Decl::Syntax {
            keyword,
            equals,
            value,
            semi,
            ..
        }) = syntax
        {
            let no_leading = self.leading(N::T(*keyword)).is_empty();
            self.write_start(N::T(*keyword), no_leading);
            self.space();
            self.write_inline(N::T(*equals));
            self.space();
            self.write_inline(val(value));
            self.write_line_end(N::T(*semi));
            first = false;
        }
        if let Some(Decl::Package {
            keyword,
            name,
            semi,
        }) = package
        {
            self.write_package(*keyword, name, *semi, first);
            first = false;
        }
        let keys: Vec<(bool, String)> = imports.iter().map(|d| self.import_sort_key(d)).collect();
        let mut order: Vec<usize> = (0..imports.len()).collect();
        order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        let firsts: Vec<Tok> = imports.iter().map(|d| decl_bounds(d).0).collect();
        self.move_detached_comments(&firsts, &order);
        for (i, &idx) in order.iter().enumerate() {
            let d = imports[idx];
            if i == 0 && self.prev_set && !self.leading_blank_line(N::Decl(d)) {
                self.p("");
            }
            self.write_import(d, i > 0, first);
            first = false;
        }
        let okeys: Vec<(bool, String)> = options.iter().map(|o| self.option_sort_key(o)).collect();
        let mut order: Vec<usize> = (0..options.len()).collect();
        order.sort_by(|&a, &b| okeys[a].cmp(&okeys[b]));
        self.keep_same_option_order(&options, &mut order);
        let firsts: Vec<Tok> = options.iter().map(|o| o.keyword.unwrap_or(0)).collect();
        self.move_detached_comments(&firsts, &order);
        for (i, &idx) in order.iter().enumerate() {
            let o = options[idx];
            if i == 0 && self.prev_set && !self.leading_blank_line(N::T(o.keyword.unwrap_or(0))) {
                self.p("");
            }
            self.write_file_option(o, i > 0, first);
            first = false;
        }
    }

    fn write_file_types(&mut self, file: &File) {
        // Right after `syntax` a blank line always; after a package,
        // imports or options only where the source had one.
        let has_header = file.decls.iter().any(|d| {
            matches!(
                d,
                Decl::Package { .. } | Decl::Import { .. } | Decl::Option(_)
            )
        });
        let decls = file
            .decls
            .iter()
            .filter(|d| !matches!(d, Decl::Syntax { .. }));
        let mut printed_body = false;
        for d in decls {
            match d {
                Decl::Package { .. } | Decl::Option(_) | Decl::Import { .. } => continue,
                Decl::Empty(t)
                    if self.lx.leading_comments(*t).is_empty()
                        && self.lx.trailing_comments(*t).is_empty() =>
                {
                    continue;
                }
                _ => {}
            }
            let n = N::Decl(d);
            // A blank line after the header; otherwise only where the
            // source had one (kept by the comment and start writers).
            let want_newline = self.prev_set && !printed_body && !has_header;
            printed_body = true;
            if want_newline && !self.leading_blank_line(n) {
                self.p("");
            }
            self.write_decl(d);
        }
    }
}

#[derive(Clone, Copy)]
enum CloseKind {
    End,
    Inline,
}

/// Punctuation that can prefix every line of a block comment (`*`, `|`, ...).
fn is_comment_prefix(ch: u8) -> bool {
    (b'!'..=b'~').contains(&ch) && !ch.is_ascii_alphanumeric()
}

/// The visual indentation of a line: tabs advance to 8-column stops.
fn visual_indent(line: &str) -> usize {
    let mut indent = 0;
    for c in line.chars() {
        match c {
            ' ' => indent += 1,
            '\t' => indent += 8 - indent % 8,
            _ => return indent,
        }
    }
    indent
}

/// Removes `n` visual columns of leading whitespace.
fn unindent(line: &str, n: usize) -> String {
    let mut pos = 0;
    for (i, c) in line.char_indices() {
        if pos == n {
            return line[i..].to_string();
        }
        if pos > n {
            return format!("{}{}", " ".repeat(pos - n), &line[i..]);
        }
        match c {
            ' ' => pos += 1,
            '\t' => pos += 8 - pos % 8,
            _ => return line[i..].to_string(),
        }
    }
    String::new()
}
