//! The macros that turn a registry table into typed IDs and static rows.
//!
//! A rule row reads
//!
//! ```text
//! EnumPascalCase = "ENUM_PASCAL_CASE" {
//!     purpose: "One line.",
//!     v1beta1: [* Basic, Default, Standard, StyleBasic],   // ★ default, categories
//!     v1: [Comments],                                      // exists, not default
//!     v2: [-],                                             // unknown ID in v2
//!     replaced_by: [OtherRule],                            // only for deprecated rules
//! },
//! ```
//!
//! Rows must be in ID order (a test checks it): the enum discriminant is
//! the row index, and derived `Ord` is then ID order.

/// One per-version cell of a rule row: `-` (absent), `[cats]` or `[* cats]`.
macro_rules! version_entry {
    ($Kind:ident $Cat:ident; -) => {
        None
    };
    ($Kind:ident $Cat:ident; * $($c:ident),* $(,)?) => {
        Some($crate::check::registry::VersionEntry {
            default: true,
            categories: &[$($crate::check::registry::Category::$Kind($Cat::$c)),*],
        })
    };
    ($Kind:ident $Cat:ident; $($c:ident),* $(,)?) => {
        Some($crate::check::registry::VersionEntry {
            default: false,
            categories: &[$($crate::check::registry::Category::$Kind($Cat::$c)),*],
        })
    };
}

/// Generates a rule ID enum, its string conversions and its static table.
macro_rules! rule_table {
    (@replaced $Kind:ident $Id:ident) => {
        None
    };
    (@replaced $Kind:ident $Id:ident [$($Repl:ident),*]) => {
        Some(&[$($crate::check::registry::RuleId::$Kind($Id::$Repl)),*])
    };
    (
        $(#[$meta:meta])*
        enum $Id:ident in $Kind:ident with $Cat:ident, table $TABLE:ident;
        $(
            $Variant:ident = $id:literal {
                purpose: $purpose:literal,
                v1beta1: [$($v0:tt)*],
                v1: [$($v1:tt)*],
                v2: [$($v2:tt)*],
                $(replaced_by: [$($Repl:ident),* $(,)?],)?
            },
        )*
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $Id {
            $(
                #[doc = $purpose]
                $Variant,
            )*
        }

        impl $Id {
            /// Every rule of the family (all versions, deprecated included), in ID order.
            pub const ALL: &'static [$Id] = &[$($Id::$Variant),*];

            /// The rule's ID as written in `buf.yaml` and printed in findings.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($Id::$Variant => $id,)*
                }
            }

            /// Looks a rule ID up (case-sensitive, any config version).
            pub fn from_id(id: &str) -> Option<Self> {
                match id {
                    $($id => Some($Id::$Variant),)*
                    _ => None,
                }
            }

            /// The rule's registry row.
            pub fn def(self) -> &'static $crate::check::registry::RuleDef {
                &$TABLE[self as usize]
            }
        }

        impl std::fmt::Display for $Id {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $Id {
            type Err = $crate::check::registry::UnknownId;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_id(s).ok_or_else(|| $crate::check::registry::UnknownId(s.to_owned()))
            }
        }

        /// The rows, indexed by the enum discriminant.
        pub(super) static $TABLE: &[$crate::check::registry::RuleDef] = &[
            $(
                $crate::check::registry::RuleDef {
                    id: $crate::check::registry::RuleId::$Kind($Id::$Variant),
                    purpose: $purpose,
                    versions: [
                        version_entry!($Kind $Cat; $($v0)*),
                        version_entry!($Kind $Cat; $($v1)*),
                        version_entry!($Kind $Cat; $($v2)*),
                    ],
                    replaced_by: rule_table!(@replaced $Kind $Id $([$($Repl),*])?),
                },
            )*
        ];
    };
}

/// Generates a category enum, its string conversions and its static table.
macro_rules! category_table {
    (@replaced $Kind:ident $Cat:ident) => {
        None
    };
    (@replaced $Kind:ident $Cat:ident $Repl:ident) => {
        Some($crate::check::registry::Category::$Kind($Cat::$Repl))
    };
    (
        $(#[$meta:meta])*
        enum $Cat:ident in $Kind:ident, table $TABLE:ident;
        $(
            $Variant:ident = $id:literal {
                purpose: $purpose:literal,
                $(replaced_by: $Repl:ident,)?
            },
        )*
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $Cat {
            $(
                #[doc = $purpose]
                $Variant,
            )*
        }

        impl $Cat {
            /// Every category of the family (all versions), in ID order.
            pub const ALL: &'static [$Cat] = &[$($Cat::$Variant),*];

            /// The category's ID as written in `buf.yaml`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($Cat::$Variant => $id,)*
                }
            }

            /// Looks a category ID up (case-sensitive, any config version).
            pub fn from_id(id: &str) -> Option<Self> {
                match id {
                    $($id => Some($Cat::$Variant),)*
                    _ => None,
                }
            }

            /// The category's registry row.
            pub fn def(self) -> &'static $crate::check::registry::CategoryDef {
                &$TABLE[self as usize]
            }
        }

        impl std::fmt::Display for $Cat {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $Cat {
            type Err = $crate::check::registry::UnknownId;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_id(s).ok_or_else(|| $crate::check::registry::UnknownId(s.to_owned()))
            }
        }

        impl From<$Cat> for $crate::check::registry::Category {
            fn from(category: $Cat) -> Self {
                $crate::check::registry::Category::$Kind(category)
            }
        }

        /// The rows, indexed by the enum discriminant.
        pub(super) static $TABLE: &[$crate::check::registry::CategoryDef] = &[
            $(
                $crate::check::registry::CategoryDef {
                    id: $crate::check::registry::Category::$Kind($Cat::$Variant),
                    purpose: $purpose,
                    replaced_by: category_table!(@replaced $Kind $Cat $($Repl)?),
                },
            )*
        ];
    };
}
