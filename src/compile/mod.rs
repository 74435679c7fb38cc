//! Compile: parse in parallel, link, diagnostics.
