//! The case conversions buf's naming rules compare names with.
//!
//! Delimiters are `.`, `-`, `_`, space, tab, CR and LF. PascalCase keeps
//! capitals that are already there (`FOOBar` stays), snake_case never starts
//! a word at a digit (`v1beta1` stays, `PascalCase1` → `pascal_case1`).
//!
//! These mirror buf's Go code (`stringutil`) closely enough to agree on
//! non-ASCII text too, which file names can hold (FILE_LOWER_SNAKE_CASE):
//! "upper"/"lower" are the Unicode categories Lu/Ll (Go's `unicode.IsUpper`
//! and `IsLower`), case mapping is Go's simple per-character mapping (`İ` →
//! `i`, no final-sigma rule), and snake_case looks at the single *byte*
//! after and before a character, read as a Latin-1 character, exactly as
//! Go's `rune(s[i+1])` and `rune(s[i-1])` do. Identifiers are ASCII, where
//! none of this makes a difference.

/// Whether `c` separates words.
pub fn is_delimiter(c: char) -> bool {
    matches!(c, '.' | '-' | '_' | ' ' | '\t' | '\r' | '\n')
}

/// `foo_bar` → `FooBar`, `fooBar` → `FooBar`, `FOOBar` → `FOOBar`.
pub fn pascal_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut upper_next = true;
    for c in s.trim().chars() {
        if is_delimiter(c) {
            upper_next = true;
        } else if upper_next || is_upper(c) {
            out.push(to_upper(c));
            upper_next = false;
        } else {
            out.push(to_lower(c));
        }
    }
    out
}

/// `FooBar` → `foo_bar`, `JSONPascal` → `json_pascal`.
pub fn lower_snake_case(s: &str) -> String {
    snake_case(s).chars().map(to_lower).collect()
}

/// `FooBar` → `FOO_BAR`, `FAIL_TWOOTHEr` → `FAIL_TWOOTH_ER`.
pub fn upper_snake_case(s: &str) -> String {
    snake_case(s).chars().map(to_upper).collect()
}

/// buf's `toSnakeCase` (without the new-word-on-digits option): an
/// upper-case character starts a word (gets a `_` before it) unless the
/// output already ends in `_`, when the byte after it is neither upper-case,
/// nor a digit, nor a delimiter, or when the byte before it is lower-case.
fn snake_case(s: &str) -> String {
    let s = s.trim_matches(is_delimiter);
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 4);
    for (i, c) in s.char_indices() {
        let c = if is_delimiter(c) { '_' } else { c };
        if i == 0 {
            out.push(c);
            continue;
        }
        if is_upper(c) && !out.ends_with('_') {
            let next_starts_lower = i + 1 < bytes.len() && {
                let n = char::from(bytes[i + 1]);
                !(is_upper(n) || n.is_ascii_digit() || is_delimiter(n))
            };
            let prev_lower = is_lower(char::from(bytes[i - 1]));
            if next_starts_lower || prev_lower {
                out.push('_');
                out.push(c);
                continue;
            }
        }
        if !(c == '_' && out.ends_with('_')) {
            out.push(c);
        }
    }
    out
}

/// Go's `unicode.IsUpper`: category Lu. Rust's `is_uppercase` also accepts
/// the Other_Uppercase characters (Roman numerals, circled and squared
/// letters), which are Nl/So.
fn is_upper(c: char) -> bool {
    c.is_uppercase()
        && !matches!(c,
            '\u{2160}'..='\u{216F}'
            | '\u{24B6}'..='\u{24CF}'
            | '\u{1F130}'..='\u{1F149}'
            | '\u{1F150}'..='\u{1F169}'
            | '\u{1F170}'..='\u{1F189}')
}

/// Go's `unicode.IsLower` (category Ll), for the Latin-1 characters that
/// single bytes read as (the only place it is asked).
fn is_lower(c: char) -> bool {
    debug_assert!(u32::from(c) <= 0xFF);
    matches!(c, 'a'..='z' | '\u{B5}' | '\u{DF}'..='\u{F6}' | '\u{F8}'..='\u{FF}')
}

/// Go's `unicode.ToLower`: the simple mapping. The full mapping differs only
/// for `İ` (U+0130), which is `i` + U+0307 there.
fn to_lower(c: char) -> char {
    if c == '\u{130}' {
        return 'i';
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Go's `unicode.ToUpper`: the simple mapping; characters whose full
/// mapping has several characters (`ß` → `SS`) are mostly left alone by it.
fn to_upper(c: char) -> char {
    let mut it = c.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal() {
        for (input, want) in [
            ("FOOBar", "FOOBar"),
            ("fooBar", "FooBar"),
            ("Fail_four", "FailFour"),
            ("PASCAL_case", "PASCALCase"),
            ("FailAPI_", "FailAPI"),
            ("foo_bar", "FooBar"),
            ("_foo", "Foo"),
            ("foo.bar-baz qux", "FooBarBazQux"),
        ] {
            assert_eq!(pascal_case(input), want, "{input}");
        }
    }

    #[test]
    fn snake() {
        for (input, want) in [
            ("JSONPascal", "json_pascal"),
            ("FooJSON1Pascal", "foo_json1_pascal"),
            ("oneTwo", "one_two"),
            ("v1beta1", "v1beta1"),
            ("PascalCase1", "pascal_case1"),
            ("ab_c_", "ab_c"),
            ("__a__b__", "a_b"),
            ("foo_bar", "foo_bar"),
            ("Foo", "foo"),
        ] {
            assert_eq!(lower_snake_case(input), want, "{input}");
        }
        assert_eq!(upper_snake_case("FAIL_TWOOTHEr"), "FAIL_TWOOTH_ER");
        assert_eq!(upper_snake_case("FooBar"), "FOO_BAR");
    }

    /// What buf 1.75 suggests for non-ASCII file names (FILE_LOWER_SNAKE_CASE,
    /// fixture `file_lower_snake_case__unicode`): Go looks at single bytes
    /// around an upper-case character, knows only Lu/Ll as upper/lower, and
    /// maps case per character with the simple mapping.
    #[test]
    fn snake_non_ascii_like_go() {
        for (input, want) in [
            // The byte after É is a continuation byte (U+0089): a new word.
            ("ÀÉ", "à_é"),
            // The byte after T is 0xC3 (`Ã`, upper): no new word; the byte
            // before it is 0xA9 (`©`, not lower).
            ("éTé", "été"),
            ("ABé", "abé"),
            ("ABσ", "abσ"),
            // The byte before À is 0xB5 (`µ`, lower): a new word.
            ("µÀb", "µ_àb"),
            // `ª` is Lo for Go (Rust: lowercase): no new word.
            ("ªB", "ªb"),
            // Roman numerals and circled letters are not Lu for Go.
            ("aⅡ", "aⅱ"),
            ("aⒶ", "aⓐ"),
            ("Ⓐb", "ⓐb"),
            // Simple case mapping: İ → i (not i + U+0307), no final sigma.
            ("İstanbul", "istanbul"),
            ("ΣΑΣ", "σ_α_σ"),
            ("ǅemo", "ǆemo"),
            ("日本Go", "日本_go"),
            ("日本GO", "日本go"),
            ("ÀbcDef", "àbc_def"),
            ("straße", "straße"),
        ] {
            assert_eq!(lower_snake_case(input), want, "{input}");
        }
    }
}
