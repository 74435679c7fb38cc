//! services rules (being written).

lint_rules! {}
