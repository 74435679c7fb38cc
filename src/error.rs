//! The error type of the engine: "could not run". Findings are data, not errors.

use std::{fmt, io, path::PathBuf};

/// Result alias used across the engine.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why an operation could not run. The CLI prints `Failure: {self}` and exits 1.
#[derive(Debug)]
pub enum Error {
    /// A plain message, printed as is.
    Msg(String),
    /// An I/O failure on a path.
    Io { path: PathBuf, source: io::Error },
    /// A configuration problem at a known position (1-based line and column).
    Config {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// A feature that exists in the CLI but is not built yet.
    NotImplemented(String),
}

impl Error {
    pub fn msg(message: impl Into<String>) -> Self {
        Error::Msg(message.into())
    }

    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn not_implemented(what: impl Into<String>) -> Self {
        Error::NotImplemented(what.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Msg(m) => f.write_str(m),
            Error::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            Error::Config {
                file,
                line,
                column,
                message,
            } => write!(f, "{file}:{line}:{column}: {message}"),
            Error::NotImplemented(what) => write!(f, "{what} is not implemented yet"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
