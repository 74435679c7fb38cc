//! Inputs: directory, .proto file, image.
