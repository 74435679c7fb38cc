//! Images: buf's `Image` format, wire-compatible with `FileDescriptorSet`
//! (field 1 = files), each file optionally carrying buf's extension (field
//! 8042: is_import, is_syntax_unspecified, unused_dependency).
//!
//! Files are kept as their encoded bytes so that options with custom
//! extensions survive untouched (prost-types would drop them).

use prost::Message;
use prost_reflect::{DescriptorPool, DynamicMessage, MessageDescriptor, SerializeOptions};
use prost_types::FileDescriptorProto;

use crate::{Error, Result};

/// Field number of buf's `ImageFileExtension` in `ImageFile`.
const BUF_EXTENSION: u32 = 8042;
/// Field number of `source_code_info` in `FileDescriptorProto`.
const SOURCE_CODE_INFO: u32 = 9;

/// One file of an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFile {
    pub name: String,
    /// Encoded `FileDescriptorProto`, without buf's extension.
    pub bytes: Vec<u8>,
    pub is_import: bool,
    pub syntax_unspecified: bool,
    pub unused_dependency: Vec<i32>,
}

/// An image: files in dependency order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Image {
    pub files: Vec<ImageFile>,
}

/// How to write an image.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    pub exclude_imports: bool,
    pub exclude_source_info: bool,
    /// Plain `FileDescriptorSet`: no buf extension.
    pub as_file_descriptor_set: bool,
}

impl Image {
    /// Decodes a binary image (or a plain `FileDescriptorSet`).
    pub fn decode(bytes: &[u8]) -> Result<Image> {
        let bad = |what: &str| Error::msg(format!("could not decode image: {what}"));
        let mut files = Vec::new();
        for field in Fields::new(bytes) {
            let field = field.map_err(bad)?;
            if field.number != 1 {
                continue;
            }
            let Value::Bytes(file_bytes) = field.value else {
                return Err(bad("field 1 is not a message"));
            };
            files.push(decode_file(file_bytes).map_err(|e| bad(&e))?);
        }
        if files.is_empty() && !bytes.is_empty() {
            return Err(bad("no files in the descriptor set"));
        }
        Ok(Image { files })
    }

    /// Decodes a JSON image (protojson of buf's `Image`, as `buf build -o x.json` writes).
    pub fn from_json(text: &str) -> Result<Image> {
        let pool = image_pool()?;
        let desc = image_descriptor(&pool)?;
        let mut de = serde_json::Deserializer::from_str(text);
        let msg = DynamicMessage::deserialize_with_options(
            desc,
            &mut de,
            &prost_reflect::DeserializeOptions::new().deny_unknown_fields(false),
        )
        .map_err(|e| Error::msg(format!("could not decode JSON image: {e}")))?;
        Image::decode(&msg.encode_to_vec())
    }

    /// Encodes the image in binary form.
    pub fn encode(&self, opts: WriteOptions) -> Vec<u8> {
        let mut out = Vec::new();
        for f in &self.files {
            if opts.exclude_imports && f.is_import {
                continue;
            }
            let mut file = Vec::with_capacity(f.bytes.len() + 8);
            if opts.exclude_source_info {
                strip_field(&f.bytes, SOURCE_CODE_INFO, &mut file);
            } else {
                file.extend_from_slice(&f.bytes);
            }
            if !opts.as_file_descriptor_set {
                // buf always sets both flags (proto2 presence), false included.
                let mut ext = Vec::new();
                put_key(&mut ext, 1, 0);
                put_varint(&mut ext, u64::from(f.is_import));
                put_key(&mut ext, 3, 0);
                put_varint(&mut ext, u64::from(f.syntax_unspecified));
                for d in &f.unused_dependency {
                    put_key(&mut ext, 4, 0);
                    put_varint(&mut ext, *d as i64 as u64);
                }
                put_key(&mut file, BUF_EXTENSION, 2);
                put_varint(&mut file, ext.len() as u64);
                file.extend_from_slice(&ext);
            }
            put_key(&mut out, 1, 2);
            put_varint(&mut out, file.len() as u64);
            out.extend_from_slice(&file);
        }
        out
    }

    /// Encodes the image as protojson, the way `buf build -o image.json` does.
    pub fn to_json(&self, opts: WriteOptions) -> Result<String> {
        let timer = crate::timing::Timer::start("json");
        let bytes = self.encode(opts);
        // Option extensions print by name when their definitions are known:
        // link the image's own files into the pool beside the Image type. If
        // the image's files clash with descriptor.proto, they cannot use
        // custom options, and the plain pool prints everything.
        let pool = self
            .link()
            .ok()
            .and_then(|mut pool| add_image_types(&mut pool).ok().map(|_| pool));
        let pool = match pool {
            Some(p) => p,
            None => image_pool()?,
        };
        let desc = image_descriptor(&pool)?;
        timer.stage("pool");
        let msg = DynamicMessage::decode(desc, bytes.as_slice())
            .map_err(|e| Error::msg(format!("could not encode JSON image: {e}")))?;
        timer.stage("decode");
        let mut out = Vec::with_capacity(bytes.len() * 4);
        let mut ser = serde_json::Serializer::new(&mut out);
        msg.serialize_with_options(&mut ser, &SerializeOptions::new())
            .map_err(|e| Error::msg(format!("could not encode JSON image: {e}")))?;
        timer.stage("serialize");
        String::from_utf8(out).map_err(|e| Error::msg(e.to_string()))
    }

    /// Links the image's files into a descriptor pool.
    pub fn link(&self) -> Result<DescriptorPool> {
        // prost-reflect knows proto2 and proto3 only (and panics on other
        // values while reporting them): editions files are linked as proto2,
        // as the compiler links them; anything else is refused first.
        let mut lowered = self.clone();
        for (file, proto) in lowered.files.iter_mut().zip(self.file_descriptor_protos()?) {
            match proto.syntax() {
                "" | "proto2" | "proto3" => {}
                "editions" => file.bytes = replace_string_at(&file.bytes, &[12], "proto2"),
                other => {
                    return Err(Error::msg(format!(
                        "image file {}: syntax {} is not supported (proto2, proto3 and editions are)",
                        proto.name(),
                        crate::gostr::quote(other)
                    )));
                }
            }
        }
        // One batch: adding files one by one costs time quadratic in the
        // number of files. Source info is not needed to link.
        let set = lowered.encode(WriteOptions {
            exclude_imports: false,
            exclude_source_info: true,
            as_file_descriptor_set: true,
        });
        let pool = crate::compile::link::catch_panic(move || {
            let mut pool = DescriptorPool::new();
            pool.decode_file_descriptor_set(set.as_slice())
                .map(|_| pool)
        })
        .map_err(|msg| Error::msg(format!("internal error: linking the image panicked: {msg}")))?
        .map_err(|e| Error::msg(format!("image does not link: {e}")))?;
        Ok(pool)
    }

    /// Files as prost-types descriptors (custom options are dropped there).
    pub fn file_descriptor_protos(&self) -> Result<Vec<FileDescriptorProto>> {
        self.files
            .iter()
            .map(|f| {
                FileDescriptorProto::decode(f.bytes.as_slice())
                    .map_err(|e| Error::msg(format!("image file {}: {e}", f.name)))
            })
            .collect()
    }
}

fn decode_file(bytes: &[u8]) -> std::result::Result<ImageFile, String> {
    let mut name = None;
    let mut out = Vec::with_capacity(bytes.len());
    let mut is_import = false;
    let mut syntax_unspecified = false;
    let mut unused_dependency = Vec::new();
    for field in Fields::new(bytes) {
        let field = field.map_err(|e| e.to_string())?;
        match (field.number, &field.value) {
            (1, Value::Bytes(b)) => {
                name = Some(
                    String::from_utf8(b.to_vec())
                        .map_err(|_| "file name is not UTF-8".to_string())?,
                );
                out.extend_from_slice(field.raw);
            }
            (BUF_EXTENSION, Value::Bytes(ext)) => {
                for f in Fields::new(ext) {
                    let f = f.map_err(|e| e.to_string())?;
                    match (f.number, f.value) {
                        (1, Value::Varint(v)) => is_import = v != 0,
                        (3, Value::Varint(v)) => syntax_unspecified = v != 0,
                        (4, Value::Varint(v)) => unused_dependency.push(v as i32),
                        (4, Value::Bytes(packed)) => {
                            let mut p = packed;
                            while !p.is_empty() {
                                let (v, n) = read_varint(p).ok_or("bad packed varint")?;
                                unused_dependency.push(v as i32);
                                p = &p[n..];
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => out.extend_from_slice(field.raw),
        }
    }
    // Validate that what we keep is a FileDescriptorProto.
    FileDescriptorProto::decode(out.as_slice()).map_err(|e| e.to_string())?;
    Ok(ImageFile {
        name: name.ok_or("a file has no name")?,
        bytes: out,
        is_import,
        syntax_unspecified,
        unused_dependency,
    })
}

/// buf's image types, written for protogate (wire- and JSON-compatible with
/// buf's `buf.alpha.image.v1`; a package of our own so that no user schema
/// can clash with it).
const IMAGE_PROTO: &str = r#"syntax = "proto2";
package protogate.internal.image.v1;
import "google/protobuf/descriptor.proto";
message Image { repeated ImageFile file = 1; }
message ImageFile {
  optional string name = 1;
  optional string package = 2;
  repeated string dependency = 3;
  repeated int32 public_dependency = 10;
  repeated int32 weak_dependency = 11;
  repeated google.protobuf.DescriptorProto message_type = 4;
  repeated google.protobuf.EnumDescriptorProto enum_type = 5;
  repeated google.protobuf.ServiceDescriptorProto service = 6;
  repeated google.protobuf.FieldDescriptorProto extension = 7;
  optional google.protobuf.FileOptions options = 8;
  optional google.protobuf.SourceCodeInfo source_code_info = 9;
  optional string syntax = 12;
  optional google.protobuf.Edition edition = 14;
  optional ImageFileExtension buf_extension = 8042;
}
message ImageFileExtension {
  optional bool is_import = 1;
  optional ModuleInfo module_info = 2;
  optional bool is_syntax_unspecified = 3;
  repeated int32 unused_dependency = 4;
}
message ModuleInfo {
  optional ModuleName name = 1;
  optional string commit = 2;
}
message ModuleName {
  optional string remote = 1;
  optional string owner = 2;
  optional string repository = 3;
}
"#;

const IMAGE_MESSAGE: &str = "protogate.internal.image.v1.Image";

fn image_pool() -> Result<DescriptorPool> {
    let mut pool = DescriptorPool::new();
    add_image_types(&mut pool)?;
    Ok(pool)
}

fn add_image_types(pool: &mut DescriptorPool) -> Result<()> {
    let internal = |e: &dyn std::fmt::Display| Error::msg(format!("internal: image types: {e}"));
    if pool
        .get_file_by_name("google/protobuf/descriptor.proto")
        .is_none()
    {
        let b = crate::compile::wkt::get("google/protobuf/descriptor.proto")
            .ok_or_else(|| internal(&"descriptor.proto missing"))?;
        pool.decode_file_descriptor_proto(b.bytes.as_slice())
            .map_err(|e| internal(&e))?;
    }
    if pool.get_message_by_name(IMAGE_MESSAGE).is_none() {
        let fd = protox_parse::parse("protogate/internal/image.proto", IMAGE_PROTO)
            .map_err(|e| internal(&e))?;
        pool.add_file_descriptor_proto(fd)
            .map_err(|e| internal(&e))?;
    }
    Ok(())
}

fn image_descriptor(pool: &DescriptorPool) -> Result<MessageDescriptor> {
    pool.get_message_by_name(IMAGE_MESSAGE)
        .ok_or_else(|| Error::msg("internal: image type missing"))
}

// --- a minimal protobuf wire scanner -------------------------------------

pub(crate) enum Value<'a> {
    Varint(u64),
    Fixed64,
    Bytes(&'a [u8]),
    Fixed32,
}

pub(crate) struct Field<'a> {
    pub(crate) number: u32,
    pub(crate) value: Value<'a>,
    /// The whole field, key included.
    pub(crate) raw: &'a [u8],
}

pub(crate) struct Fields<'a> {
    rest: &'a [u8],
    failed: bool,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Fields {
            rest: bytes,
            failed: false,
        }
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = std::result::Result<Field<'a>, &'static str>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() || self.failed {
            return None;
        }
        let res = (|| {
            let all = self.rest;
            let (key, n) = read_varint(all).ok_or("truncated field key")?;
            let number = (key >> 3) as u32;
            if number == 0 {
                return Err("invalid field number 0");
            }
            let mut pos = n;
            let value = match key & 7 {
                0 => {
                    let (v, n) = read_varint(&all[pos..]).ok_or("truncated varint")?;
                    pos += n;
                    Value::Varint(v)
                }
                1 => {
                    pos += 8;
                    Value::Fixed64
                }
                2 => {
                    let (len, n) = read_varint(&all[pos..]).ok_or("truncated length")?;
                    pos += n;
                    let len = usize::try_from(len).map_err(|_| "length too large")?;
                    let end = pos.checked_add(len).ok_or("length too large")?;
                    let b = all.get(pos..end).ok_or("truncated bytes")?;
                    pos = end;
                    Value::Bytes(b)
                }
                5 => {
                    pos += 4;
                    Value::Fixed32
                }
                _ => return Err("unsupported wire type"),
            };
            if pos > all.len() {
                return Err("truncated field");
            }
            self.rest = &all[pos..];
            Ok(Field {
                number,
                value,
                raw: &all[..pos],
            })
        })();
        if res.is_err() {
            self.failed = true;
        }
        Some(res)
    }
}

fn read_varint(b: &[u8]) -> Option<(u64, usize)> {
    let mut v: u64 = 0;
    for (i, &byte) in b.iter().enumerate().take(10) {
        v |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub(crate) fn put_key(out: &mut Vec<u8>, number: u32, wire_type: u32) {
    put_varint(out, u64::from((number << 3) | wire_type));
}

/// Adds an empty `options` (field 4) to the given methods (`(service index,
/// method index)`) of an encoded `FileDescriptorProto` that lack one: buf
/// records `rpc A(B) returns (C) {}` with an empty, present `MethodOptions`.
pub(crate) fn add_empty_method_options(file: &[u8], methods: &[(usize, usize)]) -> Vec<u8> {
    if methods.is_empty() {
        return file.to_vec();
    }
    let mut out = Vec::with_capacity(file.len() + 2 * methods.len());
    let mut service_index = 0;
    for f in Fields::new(file).flatten() {
        match (f.number, &f.value) {
            (6, Value::Bytes(service)) => {
                let si = service_index;
                service_index += 1;
                if !methods.iter().any(|(s, _)| *s == si) {
                    out.extend_from_slice(f.raw);
                    continue;
                }
                let mut svc = Vec::with_capacity(service.len() + 8);
                let mut method_index = 0;
                for m in Fields::new(service).flatten() {
                    match (m.number, &m.value) {
                        (2, Value::Bytes(method)) => {
                            let mi = method_index;
                            method_index += 1;
                            let has_options = Fields::new(method).flatten().any(|x| x.number == 4);
                            if methods.contains(&(si, mi)) && !has_options {
                                let mut body = method.to_vec();
                                put_key(&mut body, 4, 2);
                                put_varint(&mut body, 0);
                                put_key(&mut svc, 2, 2);
                                put_varint(&mut svc, body.len() as u64);
                                svc.extend_from_slice(&body);
                            } else {
                                svc.extend_from_slice(m.raw);
                            }
                        }
                        _ => svc.extend_from_slice(m.raw),
                    }
                }
                put_key(&mut out, 6, 2);
                put_varint(&mut out, svc.len() as u64);
                out.extend_from_slice(&svc);
            }
            _ => out.extend_from_slice(f.raw),
        }
    }
    out
}

/// Replaces the string at `path` in an encoded message: `path` is pairs of
/// (field number, index among that field's occurrences) down to a
/// submessage, then the number of the string field to set there (appended
/// in field-number order if absent).
pub(crate) fn replace_string_at(bytes: &[u8], path: &[i32], value: &str) -> Vec<u8> {
    match path {
        [] => bytes.to_vec(),
        [last] => {
            let number = *last as u32;
            let mut out = Vec::with_capacity(bytes.len() + value.len());
            let mut done = false;
            for f in Fields::new(bytes).flatten() {
                if f.number == number && !done {
                    put_key(&mut out, number, 2);
                    put_varint(&mut out, value.len() as u64);
                    out.extend_from_slice(value.as_bytes());
                    done = true;
                } else {
                    out.extend_from_slice(f.raw);
                }
            }
            if done {
                out
            } else {
                insert_field_in_order(bytes, number, value.as_bytes())
            }
        }
        [field, index, rest @ ..] => {
            let number = *field as u32;
            let mut out = Vec::with_capacity(bytes.len() + value.len());
            let mut seen = 0;
            for f in Fields::new(bytes).flatten() {
                if f.number == number
                    && let Value::Bytes(inner) = f.value
                {
                    let at = seen;
                    seen += 1;
                    if at == *index {
                        let inner = replace_string_at(inner, rest, value);
                        put_key(&mut out, number, 2);
                        put_varint(&mut out, inner.len() as u64);
                        out.extend_from_slice(&inner);
                        continue;
                    }
                }
                out.extend_from_slice(f.raw);
            }
            out
        }
    }
}

/// Inserts an encoded length-delimited field before the first top-level
/// field with a larger number, so a file encodes in field-number order as
/// buf (Go) writes it.
pub(crate) fn insert_field_in_order(bytes: &[u8], number: u32, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + payload.len() + 8);
    let mut inserted = false;
    for f in Fields::new(bytes).flatten() {
        if !inserted && f.number > number {
            put_key(&mut out, number, 2);
            put_varint(&mut out, payload.len() as u64);
            out.extend_from_slice(payload);
            inserted = true;
        }
        out.extend_from_slice(f.raw);
    }
    if !inserted {
        put_key(&mut out, number, 2);
        put_varint(&mut out, payload.len() as u64);
        out.extend_from_slice(payload);
    }
    out
}

/// Inserts a varint field before the first top-level field with a larger
/// number (as [`insert_field_in_order`]).
pub(crate) fn insert_varint_in_order(bytes: &[u8], number: u32, value: u64) -> Vec<u8> {
    let mut field = Vec::with_capacity(12);
    put_key(&mut field, number, 0);
    put_varint(&mut field, value);
    let mut out = Vec::with_capacity(bytes.len() + field.len());
    let mut inserted = false;
    for f in Fields::new(bytes).flatten() {
        if !inserted && f.number > number {
            out.extend_from_slice(&field);
            inserted = true;
        }
        out.extend_from_slice(f.raw);
    }
    if !inserted {
        out.extend_from_slice(&field);
    }
    out
}

/// Inserts a varint field into the submessage at `path` (pairs of field
/// number and index among that field's occurrences), in field-number
/// order; at the top level when `path` is empty.
pub(crate) fn insert_varint_at(bytes: &[u8], path: &[i32], number: u32, value: u64) -> Vec<u8> {
    let [field, index, rest @ ..] = path else {
        return insert_varint_in_order(bytes, number, value);
    };
    let mut out = Vec::with_capacity(bytes.len() + 12);
    let mut seen = 0;
    for f in Fields::new(bytes).flatten() {
        if f.number == *field as u32
            && let Value::Bytes(inner) = f.value
        {
            let at = seen;
            seen += 1;
            if at == *index {
                let inner = insert_varint_at(inner, rest, number, value);
                put_key(&mut out, f.number, 2);
                put_varint(&mut out, inner.len() as u64);
                out.extend_from_slice(&inner);
                continue;
            }
        }
        out.extend_from_slice(f.raw);
    }
    out
}

fn strip_field(bytes: &[u8], number: u32, out: &mut Vec<u8>) {
    for f in Fields::new(bytes).flatten() {
        if f.number != number {
            out.extend_from_slice(f.raw);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> Vec<u8> {
        FileDescriptorProto {
            name: Some(name.into()),
            package: Some("p".into()),
            source_code_info: Some(Default::default()),
            ..Default::default()
        }
        .encode_to_vec()
    }

    #[test]
    fn round_trips_with_extension() {
        let img = Image {
            files: vec![
                ImageFile {
                    name: "b.proto".into(),
                    bytes: file("b.proto"),
                    is_import: true,
                    syntax_unspecified: true,
                    unused_dependency: vec![0],
                },
                ImageFile {
                    name: "a.proto".into(),
                    bytes: file("a.proto"),
                    is_import: false,
                    syntax_unspecified: false,
                    unused_dependency: vec![],
                },
            ],
        };
        let bytes = img.encode(WriteOptions::default());
        assert_eq!(Image::decode(&bytes).unwrap(), img);
        // As a plain FileDescriptorSet, prost reads it.
        let fds = prost_types::FileDescriptorSet::decode(
            img.encode(WriteOptions {
                as_file_descriptor_set: true,
                exclude_imports: true,
                exclude_source_info: true,
            })
            .as_slice(),
        )
        .unwrap();
        assert_eq!(fds.file.len(), 1);
        assert_eq!(fds.file[0].name(), "a.proto");
        assert!(fds.file[0].source_code_info.is_none());
    }

    #[test]
    fn json_round_trip() {
        let img = Image {
            files: vec![ImageFile {
                name: "a.proto".into(),
                bytes: file("a.proto"),
                is_import: true,
                syntax_unspecified: false,
                unused_dependency: vec![],
            }],
        };
        let json = img.to_json(WriteOptions::default()).unwrap();
        assert!(
            json.contains("\"bufExtension\":{\"isImport\":true,\"isSyntaxUnspecified\":false}"),
            "{json}"
        );
        assert!(Image::from_json(&json).unwrap().files[0].is_import);
    }

    #[test]
    fn rejects_garbage() {
        assert!(Image::decode(b"\xff\xff\xff").is_err());
        assert!(Image::decode(b"hello world, not an image").is_err());
        assert!(Image::from_json("{not json").is_err());
    }
}
