//! What lint and breaking share: findings, rule metadata, ignores.

pub mod rule;
pub mod finding;
pub mod list_rules;
pub mod registry;
pub mod ignore;
pub mod pass;
pub mod explain;
