//! files rules (being written).

breaking_rules! {}
