//! The case conversions buf's naming rules compare names with.
//!
//! Delimiters are `.`, `-`, `_`, space, tab, CR and LF. PascalCase keeps
//! capitals that are already there (`FOOBar` stays), snake_case never starts
//! a word at a digit (`v1beta1` stays, `PascalCase1` → `pascal_case1`).

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
        } else if upper_next || c.is_uppercase() {
            out.extend(c.to_uppercase());
            upper_next = false;
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// `FooBar` → `foo_bar`, `JSONPascal` → `json_pascal`.
pub fn lower_snake_case(s: &str) -> String {
    snake_case(s).to_lowercase()
}

/// `FooBar` → `FOO_BAR`, `FAIL_TWOOTHEr` → `FAIL_TWOOTH_ER`.
pub fn upper_snake_case(s: &str) -> String {
    snake_case(s).to_uppercase()
}

fn snake_case(s: &str) -> String {
    let s = s.trim_matches(is_delimiter);
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if is_delimiter(c) {
            if !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        if i > 0 && c.is_uppercase() && !out.ends_with('_') {
            let next_starts_lower = chars
                .get(i + 1)
                .is_some_and(|&n| !(n.is_uppercase() || n.is_ascii_digit() || is_delimiter(n)));
            let prev_lower = chars[i - 1].is_lowercase();
            if next_starts_lower || prev_lower {
                out.push('_');
            }
        }
        out.push(c);
    }
    out
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
}
