//! proto2 lets two fields of a message share a *default* JSON name (`foo_bar`
//! and `fooBar` are both `fooBar`); buf (like protoc) accepts that and only
//! refuses clashes in proto3 or involving a custom `json_name`. prost-reflect
//! refuses every clash. So before linking, each such proto2 field gets a
//! unique placeholder `json_name`, and the real (default) name is put back
//! wherever the linked descriptor is read: image bytes and the schema.

use std::collections::HashMap;

use prost_types::{DescriptorProto, FileDescriptorProto};

/// A field whose `json_name` was replaced by a placeholder for linking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masked {
    /// Source path of the field (`[4, i, (3, j)*, 2, k]`).
    pub path: Vec<i32>,
    /// Its real JSON name (the default one).
    pub json_name: String,
}

/// protoc's default JSON name: underscores dropped, the letter after one
/// upper-cased.
pub fn default_json_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Masks the default-JSON-name clashes of a proto2 file (see the module
/// doc) and returns what was masked. proto3 and editions files are left
/// alone: there a clash is an error.
pub fn mask_proto2_clashes(file: &mut FileDescriptorProto) -> Vec<Masked> {
    if !matches!(file.syntax.as_deref(), None | Some("") | Some("proto2")) {
        return Vec::new();
    }
    let mut masked = Vec::new();
    for (i, m) in file.message_type.iter_mut().enumerate() {
        mask_message(m, &mut vec![4, i as i32], &mut masked);
    }
    masked
}

fn mask_message(m: &mut DescriptorProto, path: &mut Vec<i32>, masked: &mut Vec<Masked>) {
    // Effective name -> whether the field holding it has a custom json_name.
    let mut seen: HashMap<String, bool> = HashMap::new();
    for (k, f) in m.field.iter_mut().enumerate() {
        let default = default_json_name(f.name());
        let custom = f.json_name.is_some();
        let effective = f.json_name.clone().unwrap_or_else(|| default.clone());
        match seen.get(&effective) {
            Some(false) if !custom => {
                // A clash of two default names: allowed in proto2.
                f.json_name = Some(format!("{default}\u{1}{k}"));
                let mut p = path.clone();
                p.extend([2, k as i32]);
                masked.push(Masked {
                    path: p,
                    json_name: default,
                });
            }
            _ => {
                seen.entry(effective).or_insert(custom);
            }
        }
    }
    for (j, nested) in m.nested_type.iter_mut().enumerate() {
        path.extend([3, j as i32]);
        mask_message(nested, path, masked);
        path.truncate(path.len() - 2);
    }
}

/// Puts the real JSON names back into a linked descriptor.
pub fn restore(file: &mut FileDescriptorProto, masked: &[Masked]) {
    for m in masked {
        if let Some(field) = field_at(file, &m.path) {
            field.json_name = Some(m.json_name.clone());
        }
    }
}

/// Takes the placeholders out of a parsed (unlinked) descriptor again: a
/// field without a custom `json_name` has none there.
pub fn clear(file: &mut FileDescriptorProto, masked: &[Masked]) {
    for m in masked {
        if let Some(field) = field_at(file, &m.path) {
            field.json_name = None;
        }
    }
}

fn field_at<'a>(
    file: &'a mut FileDescriptorProto,
    path: &[i32],
) -> Option<&'a mut prost_types::FieldDescriptorProto> {
    let [4, i, rest @ ..] = path else { return None };
    let mut msg = file.message_type.get_mut(*i as usize)?;
    let mut rest = rest;
    loop {
        match rest {
            [3, j, tail @ ..] => {
                msg = msg.nested_type.get_mut(*j as usize)?;
                rest = tail;
            }
            [2, k] => return msg.field.get_mut(*k as usize),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost_types::FieldDescriptorProto;

    fn field(name: &str, json: Option<&str>) -> FieldDescriptorProto {
        FieldDescriptorProto {
            name: Some(name.into()),
            json_name: json.map(str::to_owned),
            ..Default::default()
        }
    }

    #[test]
    fn masks_default_clashes_in_proto2_only() {
        let msg = DescriptorProto {
            name: Some("M".into()),
            field: vec![
                field("foo_bar", None),
                field("fooBar", None),
                field("baz", Some("custom")),
                field("custom", None),
            ],
            nested_type: vec![DescriptorProto {
                name: Some("N".into()),
                field: vec![field("a_b", None), field("aB", None)],
                ..Default::default()
            }],
            ..Default::default()
        };
        let mut file = FileDescriptorProto {
            message_type: vec![msg],
            ..Default::default()
        };
        let masked = mask_proto2_clashes(&mut file.clone());
        assert_eq!(
            masked,
            [
                Masked {
                    path: vec![4, 0, 2, 1],
                    json_name: "fooBar".into()
                },
                Masked {
                    path: vec![4, 0, 3, 0, 2, 1],
                    json_name: "aB".into()
                },
            ]
        );
        let original = file.clone();
        let masked = mask_proto2_clashes(&mut file);
        assert_ne!(file, original);
        restore(&mut file, &masked);
        // The masked fields get their default name back (as the linker
        // would have filled it in).
        assert_eq!(
            file.message_type[0].field[1].json_name.as_deref(),
            Some("fooBar")
        );
        assert_eq!(
            file.message_type[0].nested_type[0].field[1]
                .json_name
                .as_deref(),
            Some("aB")
        );
        // A custom name clashing with a default name stays: that is an error.
        file.syntax = Some("proto3".into());
        assert!(mask_proto2_clashes(&mut file.clone()).is_empty());
    }

    #[test]
    fn default_names() {
        assert_eq!(default_json_name("foo_bar_baz"), "fooBarBaz");
        assert_eq!(default_json_name("fooBar"), "fooBar");
        assert_eq!(default_json_name("a__b"), "aB");
    }
}
