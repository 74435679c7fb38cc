//! fields rules (being written).

breaking_rules! {}
