//! fields rules (being written).

lint_rules! {}
