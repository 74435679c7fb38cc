//! enums rules (being written).

breaking_rules! {}
