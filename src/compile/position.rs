//! Source positions: the one place where byte columns become display columns.
//!
//! protox-parse records spans as (0-based line, 0-based byte column). buf
//! prints 1-based *display* columns: a tab advances to the next multiple of 4,
//! East-Asian wide characters and emoji count 2, combining marks count 0.

use unicode_width::UnicodeWidthChar;

use crate::Span;

/// Tab stop used by buf 1.75 when it computes columns.
const TAB_STOP: u32 = 4;

/// Byte offsets of line starts of one source file.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| (i + 1) as u32),
        );
        LineIndex { starts }
    }

    /// The text of 0-based `line`, without its line terminator.
    pub fn line<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let Some(&start) = self.starts.get(line) else {
            return "";
        };
        let end = self
            .starts
            .get(line + 1)
            .map(|&e| e as usize)
            .unwrap_or(text.len());
        let s = text.get(start as usize..end).unwrap_or("");
        s.trim_end_matches(['\n', '\r'])
    }

    /// Byte offset of the start of 0-based `line` (the end of the text past
    /// the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line)
            .or(self.starts.last())
            .map_or(0, |&s| s as usize)
    }

    /// 0-based (line, byte column) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = match self.starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        (line, offset - self.starts[line] as usize)
    }

    /// 1-based display column of 0-based `byte_col` on 0-based `line`.
    pub fn display_column(&self, text: &str, line: usize, byte_col: usize) -> u32 {
        display_column(self.line(text, line), byte_col)
    }

    /// Converts a protox span (`[line, col, end_col]` or
    /// `[line, col, end_line, end_col]`, 0-based, byte columns) into a
    /// 1-based display-column [`Span`].
    pub fn span(&self, text: &str, raw: &[i32]) -> Span {
        let (sl, sc, el, ec) = match *raw {
            [l, c, ec] => (l, c, l, ec),
            [l, c, el, ec] => (l, c, el, ec),
            _ => return Span::NONE,
        };
        let (sl, sc, el, ec) = (
            sl.max(0) as usize,
            sc.max(0) as usize,
            el.max(0) as usize,
            ec.max(0) as usize,
        );
        Span::new(
            sl as u32 + 1,
            self.display_column(text, sl, sc),
            el as u32 + 1,
            self.display_column(text, el, ec),
        )
    }

    /// Converts a protox span into a 1-based span in **byte** columns: buf
    /// 1.75 reports compile errors this way (a tab or a CJK character before
    /// the error counts its bytes), unlike lint and breaking findings.
    pub fn byte_span(raw: &[i32]) -> Span {
        let (sl, sc, el, ec) = match *raw {
            [l, c, ec] => (l, c, l, ec),
            [l, c, el, ec] => (l, c, el, ec),
            _ => return Span::NONE,
        };
        let p = |v: i32| v.max(0) as u32 + 1;
        Span::new(p(sl), p(sc), p(el), p(ec))
    }

    /// Span of a byte range, in byte columns (for compile errors).
    pub fn byte_span_of_range(&self, text: &str, range: std::ops::Range<usize>) -> Span {
        let (sl, sc) = self.line_col(range.start.min(text.len()));
        let (el, ec) = self.line_col(range.end.min(text.len()));
        Span::new(sl as u32 + 1, sc as u32 + 1, el as u32 + 1, ec as u32 + 1)
    }

    /// Span of a byte range.
    pub fn span_of_range(&self, text: &str, range: std::ops::Range<usize>) -> Span {
        let (sl, sc) = self.line_col(range.start.min(text.len()));
        let (el, ec) = self.line_col(range.end.min(text.len()));
        Span::new(
            sl as u32 + 1,
            self.display_column(text, sl, sc),
            el as u32 + 1,
            self.display_column(text, el, ec),
        )
    }
}

/// Rewrites every span of `info` from byte columns to display columns
/// (still 0-based). Lines that are plain ASCII without tabs are unchanged,
/// so a typical file costs one scan of its text.
pub fn to_display_columns(info: &mut prost_types::SourceCodeInfo, text: &str, lines: &LineIndex) {
    if text.bytes().all(|b| b.is_ascii() && b != b'\t') {
        return;
    }
    let convert = |line: i32, col: i32| -> i32 {
        if line < 0 || col <= 0 {
            return col;
        }
        let l = lines.line(text, line as usize);
        if l.bytes().all(|b| b.is_ascii() && b != b'\t') {
            return col;
        }
        display_column(l, col as usize) as i32 - 1
    };
    for loc in &mut info.location {
        match loc.span.len() {
            3 => {
                let line = loc.span[0];
                loc.span[1] = convert(line, loc.span[1]);
                loc.span[2] = convert(line, loc.span[2]);
            }
            4 => {
                loc.span[1] = convert(loc.span[0], loc.span[1]);
                loc.span[3] = convert(loc.span[2], loc.span[3]);
            }
            _ => {}
        }
    }
}

/// 1-based display column of byte offset `byte_col` within `line`.
pub fn display_column(line: &str, byte_col: usize) -> u32 {
    let mut col: u32 = 0;
    for (i, ch) in line.char_indices() {
        if i >= byte_col {
            break;
        }
        col = match ch {
            '\t' => (col / TAB_STOP + 1) * TAB_STOP,
            _ => col + ch.width().unwrap_or(1) as u32,
        };
    }
    // A column past the end of the line (e.g. an end column after the last
    // character) counts the missing bytes as narrow characters.
    if byte_col > line.len() {
        col += (byte_col - line.len()) as u32;
    }
    col + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_advance_to_multiples_of_four() {
        assert_eq!(display_column("\tstring fooBar", 1), 5);
        assert_eq!(display_column("\tstring fooBar", 8), 12);
        assert_eq!(display_column("ab\tc", 3), 5);
        assert_eq!(display_column("abcd\tc", 5), 9);
    }

    #[test]
    fn wide_and_combining_characters() {
        // `/* 中 */ string eE`: the CJK character counts 2.
        let line = "/* 中 */ string eE";
        let byte = line.find("eE").unwrap();
        assert_eq!(display_column(line, byte), 17);
        // A combining acute accent counts 0.
        let line = "e\u{301}x";
        assert_eq!(display_column(line, line.find('x').unwrap()), 2);
        // Emoji count 2.
        let line = "😀x";
        assert_eq!(display_column(line, line.find('x').unwrap()), 3);
    }

    #[test]
    fn span_conversion() {
        let text = "syntax = \"proto3\";\n\tmessage A {}\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.span(text, &[1, 9, 10]), Span::new(2, 13, 2, 14));
        assert_eq!(idx.line_col(20), (1, 1));
        assert_eq!(idx.span_of_range(text, 20..27), Span::new(2, 5, 2, 12));
    }
}
