//! enums rules (being written).

lint_rules! {}
