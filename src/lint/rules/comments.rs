//! comments rules (being written).

lint_rules! {}
