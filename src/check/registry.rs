//! Rule registry (lint and breaking): IDs, categories per config version,
//! deprecations. Filled in by the registry work.
