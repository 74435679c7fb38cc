//! Source locations of one file, looked up by source path.

use prost_types::{SourceCodeInfo, source_code_info::Location};

use crate::check::finding::Span;

/// A file's source locations, sorted by path for lookups (the first
/// location recorded for a path wins, as in the descriptor).
#[derive(Debug, Default)]
pub struct SourceIndex {
    locations: Vec<Location>,
    /// Indexes into `locations`, sorted by path (stable).
    by_path: Vec<u32>,
}

impl SourceIndex {
    pub fn new(info: SourceCodeInfo) -> Self {
        let locations = info.location;
        let mut by_path: Vec<u32> = (0..locations.len() as u32).collect();
        by_path.sort_by(|&a, &b| locations[a as usize].path.cmp(&locations[b as usize].path));
        SourceIndex { locations, by_path }
    }

    /// Whether the file has any source info.
    pub fn is_empty(&self) -> bool {
        self.locations.is_empty()
    }

    /// The location recorded for `path`, if any.
    pub fn get(&self, path: &[i32]) -> Option<&Location> {
        let at = self
            .by_path
            .partition_point(|&i| self.locations[i as usize].path.as_slice() < path);
        let &i = self.by_path.get(at)?;
        let loc = &self.locations[i as usize];
        (loc.path == path).then_some(loc)
    }

    /// The 1-based span (display columns) recorded for `path`.
    pub fn span(&self, path: &[i32]) -> Option<Span> {
        let loc = self.get(path)?;
        let (sl, sc, el, ec) = match *loc.span.as_slice() {
            [l, c, ec] => (l, c, l, ec),
            [l, c, el, ec] => (l, c, el, ec),
            _ => return None,
        };
        let p = |v: i32| v.max(0) as u32 + 1;
        Some(Span::new(p(sl), p(sc), p(el), p(ec)))
    }

    /// The leading comment recorded for `path` (without comment markers).
    pub fn leading_comment(&self, path: &[i32]) -> Option<&str> {
        self.get(path)?.leading_comments.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(path: &[i32], span: &[i32], leading: Option<&str>) -> Location {
        Location {
            path: path.to_vec(),
            span: span.to_vec(),
            leading_comments: leading.map(str::to_owned),
            ..Default::default()
        }
    }

    #[test]
    fn looks_up_by_path_first_wins() {
        let index = SourceIndex::new(SourceCodeInfo {
            location: vec![
                loc(&[], &[0, 0, 9, 1], None),
                loc(&[4, 0], &[2, 0, 5, 1], Some(" doc\n")),
                loc(&[4, 0, 1], &[2, 8, 11], None),
                loc(&[7], &[6, 0, 7, 1], None),
                loc(&[7], &[8, 0, 9, 1], None),
            ],
        });
        assert_eq!(index.span(&[4, 0, 1]), Some(Span::new(3, 9, 3, 12)));
        assert_eq!(index.span(&[4, 0]), Some(Span::new(3, 1, 6, 2)));
        assert_eq!(index.leading_comment(&[4, 0]), Some(" doc\n"));
        assert_eq!(index.span(&[7]), Some(Span::new(7, 1, 8, 2)));
        assert_eq!(index.span(&[4, 1]), None);
        assert_eq!(index.span(&[4]), None);
    }
}

/// A file's source locations, decoded on first use: most files of a large
/// schema never need theirs (breaking reads only the current side's, and
/// only where a finding is reported).
#[derive(Debug, Default)]
pub struct LazySource<'a> {
    encoded: &'a [u8],
    index: std::sync::OnceLock<SourceIndex>,
}

impl<'a> LazySource<'a> {
    /// From an encoded `SourceCodeInfo`.
    pub fn encoded(bytes: &'a [u8]) -> Self {
        LazySource {
            encoded: bytes,
            index: std::sync::OnceLock::new(),
        }
    }

    /// From decoded source info.
    pub fn decoded(info: SourceCodeInfo) -> Self {
        let index = std::sync::OnceLock::new();
        let _ = index.set(SourceIndex::new(info));
        LazySource {
            encoded: &[],
            index,
        }
    }

    fn index(&self) -> &SourceIndex {
        self.index.get_or_init(|| {
            use prost::Message;
            SourceIndex::new(SourceCodeInfo::decode(self.encoded).unwrap_or_default())
        })
    }

    /// Whether the file has any source info.
    pub fn is_empty(&self) -> bool {
        self.index().is_empty()
    }

    /// The location recorded for `path`, if any.
    pub fn get(&self, path: &[i32]) -> Option<&Location> {
        self.index().get(path)
    }

    /// The 1-based span (display columns) recorded for `path`.
    pub fn span(&self, path: &[i32]) -> Option<Span> {
        self.index().span(path)
    }

    /// The leading comment recorded for `path` (without comment markers).
    pub fn leading_comment(&self, path: &[i32]) -> Option<&str> {
        self.index().leading_comment(path)
    }
}
