//! files rules (being written).

lint_rules! {}
