//! What lint and breaking share: findings, rule metadata, ignores.

pub mod explain;
pub mod finding;
pub mod ignore;
pub mod list_rules;
pub mod pass;
pub mod registry;
pub mod rule;
