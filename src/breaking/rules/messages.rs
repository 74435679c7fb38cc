//! messages rules (being written).

breaking_rules! {}
