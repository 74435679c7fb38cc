//! Reports: one module per `--error-format`.
