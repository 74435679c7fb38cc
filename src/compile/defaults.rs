//! Float and double default values written as buf writes them in
//! descriptors: Go's `strconv.FormatFloat(v, 'g', -1, 64)` (a float default
//! is first rounded to 32 bits), so `[default = 2000000]` is `2e+06` and a
//! float `0.0001` is `9.999999747378752e-05`. protox-parse keeps the text.

use prost_types::{
    DescriptorProto, FieldDescriptorProto, FileDescriptorProto, field_descriptor_proto::Type,
};

/// Rewrites the float/double defaults of every field and extension.
pub fn normalize(file: &mut FileDescriptorProto) {
    file.extension.iter_mut().for_each(normalize_field);
    file.message_type.iter_mut().for_each(normalize_message);
}

fn normalize_message(m: &mut DescriptorProto) {
    m.field.iter_mut().for_each(normalize_field);
    m.extension.iter_mut().for_each(normalize_field);
    m.nested_type.iter_mut().for_each(normalize_message);
}

fn normalize_field(f: &mut FieldDescriptorProto) {
    let float = match f.r#type() {
        Type::Float => true,
        Type::Double => false,
        _ => return,
    };
    let Some(text) = f.default_value.as_deref() else {
        return;
    };
    let Ok(v) = text.parse::<f64>() else { return };
    if !v.is_finite() {
        return;
    }
    let v = if float { f64::from(v as f32) } else { v };
    f.default_value = Some(go_format_g(v));
}

/// Go's `strconv.FormatFloat(v, 'g', -1, 64)` for a finite `v`.
pub fn go_format_g(v: f64) -> String {
    if v == 0.0 {
        return if v.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    // Shortest round-trip digits, in scientific form: `d.ddde[-]x`.
    let sci = format!("{v:e}");
    let (mantissa, exp) = sci.split_once('e').expect("scientific notation");
    let exp: i32 = exp.parse().expect("exponent");
    if !(-4..6).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exp.abs())
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_go() {
        for (v, want) in [
            (2e6, "2e+06"),
            (2e-5, "2e-05"),
            (1234567.0, "1.234567e+06"),
            (f64::from(0.0001f32), "9.999999747378752e-05"),
            (1e300, "1e+300"),
            (100000.0, "100000"),
            (0.0001, "0.0001"),
            (-1.5, "-1.5"),
            (3.25, "3.25"),
            (0.0, "0"),
        ] {
            assert_eq!(go_format_g(v), want, "{v}");
        }
    }
}
