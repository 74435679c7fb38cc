//! Stage timings on stderr when `PROTOGATE_TIMINGS=1`, for measuring each
//! stage of the pipeline without a profiler. Costs one env lookup otherwise.

use std::{cell::Cell, sync::OnceLock, time::Instant};

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("PROTOGATE_TIMINGS").is_some_and(|v| v != "0"))
}

/// Prints the time since the previous stage, prefixed by the timer's name.
pub struct Timer {
    name: &'static str,
    last: Cell<Instant>,
}

impl Timer {
    pub fn start(name: &'static str) -> Self {
        Timer {
            name,
            last: Cell::new(Instant::now()),
        }
    }

    pub fn stage(&self, stage: &str) {
        if enabled() {
            let now = Instant::now();
            eprintln!(
                "timing: {}.{stage}: {:.1} ms",
                self.name,
                (now - self.last.get()).as_secs_f64() * 1000.0
            );
            self.last.set(now);
        }
    }
}
