//! protogate: schema governance and code generation for Protocol Buffers.
//!
//! The library does all the work; the `protogate` binary only parses flags,
//! prints and maps results to exit codes (see `DESIGN.md` in the shared folder).

pub mod breaking;
pub mod check;
pub mod compile;
pub mod error;
pub mod format;
pub mod generate;
pub mod gostr;
pub mod input;
pub mod lint;
pub mod report;
pub mod schema;
pub mod syntax;
pub mod timing;
pub mod workspace;

pub use check::finding::{Finding, Span};
pub use error::{Error, Result};
