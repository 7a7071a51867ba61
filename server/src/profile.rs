//! CPU sampling for benchmarks (feature `profile`): with `PRATICA_PROFILE=<file>` the server
//! samples every thread 997 times a second and, when it shuts down, writes the samples there as
//! folded stacks (`thread;outer;…;inner count`), the input of flame-graph tools and of
//! `bench/profile`'s summary. It uses a timer signal, so it works where `perf` cannot.
use std::{fmt::Write as _, path::PathBuf};

pub struct Sampling {
    guard: pprof::ProfilerGuard<'static>,
    file: PathBuf,
}

/// Starts sampling when `PRATICA_PROFILE` names a file.
pub fn start() -> Option<Sampling> {
    let file = PathBuf::from(std::env::var_os("PRATICA_PROFILE")?);
    match pprof::ProfilerGuardBuilder::default()
        .frequency(997)
        .blocklist(&["libc", "libgcc", "pthread", "vdso"])
        .build()
    {
        Ok(guard) => Some(Sampling { guard, file }),
        Err(err) => {
            tracing::warn!(error = %err, "could not start CPU sampling");
            None
        }
    }
}

impl Sampling {
    /// Writes what was sampled as folded stacks.
    pub fn finish(self) {
        let report = match self.guard.report().build() {
            Ok(report) => report,
            Err(err) => {
                tracing::warn!(error = %err, "could not build the CPU profile");
                return;
            }
        };
        let mut out = String::new();
        for (frames, count) in &report.data {
            out.push_str(&frames.thread_name_or_id());
            for frame in frames.frames.iter().rev() {
                for symbol in frame.iter().rev() {
                    let _ = write!(out, ";{symbol}");
                }
            }
            let _ = writeln!(out, " {count}");
        }
        if let Err(err) = std::fs::write(&self.file, out) {
            tracing::warn!(error = %err, "could not write the CPU profile");
        }
    }
}
