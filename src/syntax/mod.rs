//! The lossless lexer and syntax tree for `.proto` files: every token,
//! comment and blank line is kept, so a file prints back byte for byte
//! ([`print_back`]) and can be re-laid out ([`crate::format`]) or edited.

pub mod ast;
pub mod lexer;
pub mod parser;
pub(crate) mod visit;

pub use lexer::{ItemKind, Lexed, Tok, TokenKind};
pub use visit::tokens_in_order;

/// A lexing or parsing error, with its 1-based line and byte column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl SyntaxError {
    pub(crate) fn at(src: &str, offset: usize, message: impl Into<String>) -> Self {
        let before = &src[..offset.min(src.len())];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_text = src[line_start..].split('\n').next().unwrap_or("");
        let column =
            crate::compile::position::display_column(line_text, offset - line_start) as usize;
        SyntaxError {
            line,
            column,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// A parsed file: the tokens with their comments, and the tree over them.
#[derive(Debug)]
pub struct Parsed<'a> {
    pub lexed: Lexed<'a>,
    pub file: ast::File,
}

/// Lexes and parses a file.
pub fn parse(src: &str) -> Result<Parsed<'_>, SyntaxError> {
    let mut lexed = lexer::lex(src)?;
    let file = parser::Parser::new(&lexed).parse_file()?;
    // Comments after the end of a declaration or list element, on its line,
    // belong to it even when the next one starts on the same line.
    let mut ends = Vec::new();
    visit::boundaries(&file, &mut ends);
    for tok in ends {
        let next = lexed.next_token(tok);
        if lexed.token_kind(next) == TokenKind::Eof || lexed.text(next) == "}" {
            continue;
        }
        lexed.attach_same_line_comments(tok);
    }
    Ok(Parsed { lexed, file })
}

/// Prints the tree back: each token of the tree in order, preceded by the
/// whitespace and comments before it. Equals the input byte for byte; an
/// error names a token the tree skipped or visited out of order (a bug).
pub fn print_back(parsed: &Parsed<'_>) -> Result<String, String> {
    let lx = &parsed.lexed;
    let mut out = String::with_capacity(lx.src.len() + 3);
    if lx.bom {
        out.push('\u{feff}');
    }
    let mut next_item = 0u32;
    for tok in tokens_in_order(&parsed.file) {
        if tok < next_item {
            return Err(format!("token {tok} visited out of order"));
        }
        // The whitespace and comments between the last token and this one.
        while next_item < tok {
            if matches!(lx.kind(next_item), ItemKind::Token(_)) {
                return Err(format!(
                    "token {next_item} ({:?}) is not in the tree",
                    lx.text(next_item)
                ));
            }
            out.push_str(lx.leading_ws(next_item));
            out.push_str(lx.text(next_item));
            next_item += 1;
        }
        out.push_str(lx.leading_ws(tok));
        out.push_str(lx.text(tok));
        next_item = tok + 1;
    }
    if next_item as usize != lx.items.len() {
        return Err("the tree ends before the end of file".into());
    }
    Ok(out)
}
