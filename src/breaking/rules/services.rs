//! services rules (being written).

breaking_rules! {}
