//! The lossless lexer: every token and comment of a `.proto` file, in order,
//! with the whitespace between them recoverable from the offsets.
//!
//! Comments are attributed to tokens the way protoc and buf do it: a comment
//! that starts on the line of the previous token and is followed by a line
//! break is that token's *trailing* comment; every other comment *leads* the
//! next token (the end of file counts as a token, so comments at the end of a
//! file lead it). Only the first comment after a token can trail it. A block
//! comment that starts after a token but ends on the line of the next token
//! leads the next token.

use super::SyntaxError;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Ident,
    Int,
    Float,
    String,
    /// One of `;,.:=-+(){}[]<>/`.
    Punct(u8),
    /// The end of the file (a zero-length token).
    Eof,
}

/// What an item of the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Token(TokenKind),
    LineComment,
    BlockComment,
}

/// A token or a comment: its kind and byte range in the source.
#[derive(Debug, Clone, Copy)]
pub struct Item {
    pub kind: ItemKind,
    pub start: u32,
    pub end: u32,
}

/// An index into [`Lexed::items`] that names a token (never a comment).
pub type Tok = u32;

/// The comments attributed to one token: ranges of `Lexed::comment_list`
/// (which lists every comment in source order, so a token's trailing
/// comments are immediately followed by the next token's leading ones).
#[derive(Debug, Clone, Copy, Default)]
struct Attribution {
    lead_start: u32,
    lead_len: u32,
    trail_start: u32,
    trail_len: u32,
}

/// A lexed file: the items, and the comments attributed to each token.
#[derive(Debug)]
pub struct Lexed<'a> {
    /// The source without a leading byte-order mark.
    pub src: &'a str,
    /// The byte-order mark, if the file had one.
    pub bom: bool,
    pub items: Vec<Item>,
    /// Item indices of the tokens only (the parser's stream), ending with EOF.
    pub tokens: Vec<Tok>,
    /// Comment item indices grouped by the token they lead.
    comment_list: Vec<u32>,
    /// Per item (meaningful for tokens only).
    attribution: Vec<Attribution>,
}

impl<'a> Lexed<'a> {
    /// The text of an item.
    pub fn text(&self, item: u32) -> &'a str {
        let it = self.items[item as usize];
        &self.src[it.start as usize..it.end as usize]
    }

    pub fn kind(&self, item: u32) -> ItemKind {
        self.items[item as usize].kind
    }

    pub fn token_kind(&self, tok: Tok) -> TokenKind {
        match self.items[tok as usize].kind {
            ItemKind::Token(k) => k,
            _ => TokenKind::Eof,
        }
    }

    /// The whitespace between the previous item (token or comment) and this one.
    pub fn leading_ws(&self, item: u32) -> &'a str {
        let start = self.items[item as usize].start as usize;
        let prev_end = if item == 0 {
            0
        } else {
            self.items[item as usize - 1].end as usize
        };
        &self.src[prev_end..start]
    }

    /// The comments that lead a token (item indices).
    pub fn leading_comments(&self, tok: Tok) -> &[u32] {
        let a = self.attribution[tok as usize];
        &self.comment_list[a.lead_start as usize..(a.lead_start + a.lead_len) as usize]
    }

    /// The comments that trail a token (on its line, after it).
    pub fn trailing_comments(&self, tok: Tok) -> &[u32] {
        let a = self.attribution[tok as usize];
        &self.comment_list[a.trail_start as usize..(a.trail_start + a.trail_len) as usize]
    }

    /// The token after `tok` (the end-of-file token for the last one).
    pub fn next_token(&self, tok: Tok) -> Tok {
        ((tok + 1) as usize..self.items.len())
            .find(|&i| matches!(self.items[i].kind, ItemKind::Token(_)))
            .map_or(tok, |i| i as u32)
    }

    /// Makes the comments leading the token after `tok` trail `tok`
    /// instead, when they are all on `tok`'s line and `tok` has no trailing
    /// comment yet. Used for the end of a declaration or list element:
    /// `a = 1; /* x */ b = 2;` keeps `/* x */` with `a`.
    pub fn attach_same_line_comments(&mut self, tok: Tok) {
        let next = self.next_token(tok);
        let a = self.attribution[tok as usize];
        let n = self.attribution[next as usize];
        if a.trail_len > 0 || n.lead_len == 0 || next == tok {
            return;
        }
        // Every gap from `tok` to `next` must be free of line breaks.
        if (tok + 1..=next).any(|i| self.leading_ws(i).contains('\n')) {
            return;
        }
        debug_assert_eq!(a.trail_start, n.lead_start);
        self.attribution[tok as usize].trail_len = n.lead_len;
        self.attribution[next as usize].lead_start += n.lead_len;
        self.attribution[next as usize].lead_len = 0;
    }

    /// 1-based line and byte column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.src[..offset.min(self.src.len())];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let col = before
            .rfind('\n')
            .map_or(before.len(), |i| before.len() - i - 1)
            + 1;
        (line, col)
    }
}

struct Pending {
    item: u32,
    block: bool,
}

/// Lexes a whole file. The error names the first offending offset.
pub fn lex(src: &str) -> Result<Lexed<'_>, SyntaxError> {
    let (src, bom) = match src.strip_prefix('\u{feff}') {
        Some(rest) => (rest, true),
        None => (src, false),
    };
    let mut lx = Lexer {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        items: Vec::with_capacity(src.len() / 4),
        tokens: Vec::with_capacity(src.len() / 5),
        comment_list: Vec::new(),
        attribution: Vec::new(),
        pending: Vec::new(),
        prev_tok: None,
        prev_line: 0,
        cur_line: 0,
        maybe_donate: 0,
    };
    lx.run()?;
    Ok(Lexed {
        src,
        bom,
        items: lx.items,
        tokens: lx.tokens,
        comment_list: lx.comment_list,
        attribution: lx.attribution,
    })
}

struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    items: Vec<Item>,
    tokens: Vec<Tok>,
    comment_list: Vec<u32>,
    attribution: Vec<Attribution>,
    pending: Vec<Pending>,
    prev_tok: Option<Tok>,
    prev_line: u32,
    cur_line: u32,
    maybe_donate: u32,
}

impl Lexer<'_> {
    fn err(&self, offset: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError::at(self.src, offset, message)
    }

    fn newline(&mut self) {
        self.cur_line += 1;
        if self.maybe_donate > 0 && self.pending.first().is_some_and(|c| c.block) {
            self.maybe_donate += 1;
        }
    }

    fn push(&mut self, kind: ItemKind, start: usize) -> u32 {
        let idx = self.items.len() as u32;
        self.items.push(Item {
            kind,
            start: start as u32,
            end: self.pos as u32,
        });
        self.attribution.push(Attribution::default());
        idx
    }

    fn add_comment(&mut self, block: bool, start: usize, start_line: u32) {
        if self.pending.is_empty() && start_line == self.prev_line && self.prev_tok.is_some() {
            self.maybe_donate += 1;
        }
        let kind = if block {
            ItemKind::BlockComment
        } else {
            ItemKind::LineComment
        };
        let item = self.push(kind, start);
        self.pending.push(Pending { item, block });
    }

    fn add_token(&mut self, kind: TokenKind, start: usize) {
        let tok = self.push(ItemKind::Token(kind), start);
        let comments = std::mem::take(&mut self.pending);
        let maybe_donate = std::mem::replace(&mut self.maybe_donate, 0);
        let mut first_leading = 0;
        if let Some(prev) = self.prev_tok
            && !comments.is_empty()
        {
            let mut cur = self.cur_line;
            if cur == self.prev_line && kind == TokenKind::Eof {
                cur += 1;
            }
            if cur > self.prev_line
                && maybe_donate > 0
                && (!comments[0].block || comments.len() > 1 || maybe_donate > 1)
            {
                // The first comment trails the previous token, and so does
                // every further comment before the first line break.
                first_leading = 1;
                while first_leading < comments.len() {
                    let item = comments[first_leading].item as usize;
                    let prev_end = self.items[item - 1].end as usize;
                    let start = self.items[item].start as usize;
                    if self.src[prev_end..start].contains('\n') {
                        break;
                    }
                    first_leading += 1;
                }
                let a = &mut self.attribution[prev as usize];
                a.trail_start = self.comment_list.len() as u32;
                a.trail_len = first_leading as u32;
                self.comment_list
                    .extend(comments[..first_leading].iter().map(|c| c.item));
            }
        }
        let start = self.comment_list.len() as u32;
        self.comment_list
            .extend(comments[first_leading..].iter().map(|c| c.item));
        let a = &mut self.attribution[tok as usize];
        a.lead_start = start;
        a.lead_len = (comments.len() - first_leading) as u32;
        a.trail_start = self.comment_list.len() as u32;
        self.tokens.push(tok);
        self.prev_tok = Some(tok);
        self.prev_line = self.cur_line;
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        loop {
            let start = self.pos;
            let Some(&c) = self.bytes.get(self.pos) else {
                self.add_token(TokenKind::Eof, start);
                return Ok(());
            };
            match c {
                b'\n' => {
                    self.pos += 1;
                    self.newline();
                }
                b' ' | b'\t' | b'\r' | 0x0b | 0x0c => self.pos += 1,
                b'.' if self.bytes.get(self.pos + 1).is_some_and(u8::is_ascii_digit) => {
                    self.pos += 1;
                    self.read_number();
                    self.add_token(TokenKind::Float, start);
                }
                b'_' | b'a'..=b'z' | b'A'..=b'Z' => {
                    while self
                        .bytes
                        .get(self.pos)
                        .is_some_and(|&b| b == b'_' || b.is_ascii_alphanumeric())
                    {
                        self.pos += 1;
                    }
                    self.add_token(TokenKind::Ident, start);
                }
                b'0'..=b'9' => {
                    self.read_number();
                    let text = &self.src[start..self.pos];
                    let hex = text.starts_with("0x") || text.starts_with("0X");
                    let kind = if !hex && text.contains(['.', 'e', 'E']) {
                        TokenKind::Float
                    } else {
                        TokenKind::Int
                    };
                    self.add_token(kind, start);
                }
                b'"' | b'\'' => {
                    self.read_string(c)?;
                    self.add_token(TokenKind::String, start);
                }
                b'/' if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    let start_line = self.cur_line;
                    self.pos += 2;
                    while let Some(&b) = self.bytes.get(self.pos) {
                        match b {
                            b'\n' => break,
                            0 => return Err(self.err(self.pos, "invalid control character")),
                            _ => self.pos += 1,
                        }
                    }
                    self.add_comment(false, start, start_line);
                }
                b'/' if self.bytes.get(self.pos + 1) == Some(&b'*') => {
                    let start_line = self.cur_line;
                    self.pos += 2;
                    loop {
                        match self.bytes.get(self.pos) {
                            None => {
                                return Err(self
                                    .err(start, "block comment never terminates, unexpected EOF"));
                            }
                            Some(0) => {
                                return Err(self.err(self.pos, "invalid control character"));
                            }
                            Some(b'\n') => {
                                self.pos += 1;
                                self.newline();
                            }
                            Some(b'*') if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                                self.pos += 2;
                                break;
                            }
                            Some(_) => self.pos += 1,
                        }
                    }
                    self.add_comment(true, start, start_line);
                }
                b';' | b',' | b'.' | b':' | b'=' | b'-' | b'+' | b'(' | b')' | b'{' | b'}'
                | b'[' | b']' | b'<' | b'>' | b'/' => {
                    self.pos += 1;
                    self.add_token(TokenKind::Punct(c), start);
                }
                c if c < 32 || c == 127 => {
                    return Err(self.err(start, "invalid control character"));
                }
                _ => {
                    let ch = self.src[start..].chars().next().unwrap_or('?');
                    return Err(self.err(start, format!("invalid character {ch:?}")));
                }
            }
        }
    }

    /// Numbers as protoc scans them: digits, letters, `.` and `_`, and a sign
    /// right after an exponent marker.
    fn read_number(&mut self) {
        let mut allow_sign = false;
        while let Some(&b) = self.bytes.get(self.pos) {
            let ok = match b {
                b'-' | b'+' => allow_sign,
                b'.' | b'_' => true,
                _ => b.is_ascii_alphanumeric(),
            };
            if !ok {
                break;
            }
            allow_sign = b == b'e' || b == b'E';
            self.pos += 1;
        }
    }

    fn read_string(&mut self, quote: u8) -> Result<(), SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.bytes.get(self.pos) {
                None => return Err(self.err(start, "unexpected EOF in string literal")),
                Some(b'\n') => {
                    return Err(self.err(
                        start,
                        "encountered end-of-line before end of string literal",
                    ));
                }
                Some(0) => {
                    return Err(self.err(
                        self.pos,
                        "null character ('\\0') not allowed in string literal",
                    ));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    match self.bytes.get(self.pos) {
                        None => return Err(self.err(start, "unexpected EOF in string literal")),
                        Some(b'\n') => {
                            return Err(self.err(
                                start,
                                "encountered end-of-line before end of string literal",
                            ));
                        }
                        Some(_) => {
                            let ch_len = self.src[self.pos..]
                                .chars()
                                .next()
                                .map_or(1, char::len_utf8);
                            self.pos += ch_len;
                        }
                    }
                }
                Some(&b) if b == quote => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(_) => {
                    let ch_len = self.src[self.pos..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                    self.pos += ch_len;
                }
            }
        }
    }
}
