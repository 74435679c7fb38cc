//! packages rules (being written).

lint_rules! {}
