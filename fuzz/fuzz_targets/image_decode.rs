//! Fuzz target: reading images, binary (`Image::decode`) and JSON
//! (`Image::from_json`), from arbitrary bytes, as `protogate` does for an
//! `image.binpb` / `image.json` / `-#format=...` input.
//!
//! Every input goes through both decoders (JSON only when it is UTF-8).
//! Checked, besides "no panic":
//! - a decoded image survives `encode` + `decode` unchanged (the buf
//!   extension moved to the end is the only change encode makes);
//! - every `WriteOptions` combination of a decoded image decodes again;
//! - `link`, `file_descriptor_protos` and `to_json` do not panic (they may
//!   fail: a decoded image need not be a valid schema).
#![no_main]

use libfuzzer_sys::fuzz_target;
use protogate::input::image::{Image, WriteOptions};

fn exercise(image: &Image) {
    let bytes = image.encode(WriteOptions::default());
    let back = Image::decode(&bytes).expect("re-encoded image decodes");
    assert_eq!(&back, image, "image changed in an encode/decode round trip");
    for i in 1..8 {
        let opts = WriteOptions {
            exclude_imports: i & 1 != 0,
            exclude_source_info: i & 2 != 0,
            as_file_descriptor_set: i & 4 != 0,
        };
        let bytes = image.encode(opts);
        if let Err(e) = Image::decode(&bytes) {
            panic!("encoded image does not decode ({opts:?}): {e}");
        }
    }
    let _ = image.link();
    let _ = image.file_descriptor_protos();
    if let Ok(json) = image.to_json(WriteOptions::default()) {
        let _ = Image::from_json(&json);
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(image) = Image::decode(data) {
        exercise(&image);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(image) = Image::from_json(text) {
            exercise(&image);
        }
    }
});
