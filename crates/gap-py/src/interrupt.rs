//! Running a core query without the GIL and interruptibly (SPEC 6: Ctrl-C
//! raises `KeyboardInterrupt` within half a second).
//!
//! The query runs on a scoped worker thread with a [`Cancel`] flag in its
//! [`Limits`]; the calling thread waits without the GIL and, every 50 ms,
//! takes the GIL to run Python's signal handlers (only the main thread can).
//! When a handler raises (Ctrl-C: `KeyboardInterrupt`), the flag goes up,
//! the query stops at its next poll and the handler's exception is raised.
//! The worker is joined before returning, so nothing outlives the call
//! (fork stays safe), and a panic in it becomes an internal error, never a
//! `PanicException`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::Duration;

use gap_core::{Cancel, Error as CoreError, Limits, Progress};
use pyo3::prelude::*;

use crate::errors::GapError;

/// How often the waiting thread runs Python's signal handlers.
const POLL: Duration = Duration::from_millis(50);

/// Runs `query` with `limits` plus a cancellation flag wired to Python's
/// signal handlers; see the module documentation.
pub fn run<T: Send>(
    py: Python<'_>,
    limits: Limits,
    query: impl FnOnce(&Limits) -> Result<T, CoreError> + Send,
) -> PyResult<T> {
    run_progress(py, limits, None, query)
}

/// [`run`], reporting progress: `progress` (a Python callable, e.g. from
/// `skillgap._progress.reporter`) is called with `(done, total)` from the
/// waiting thread (with the GIL) whenever the batch query's count moved,
/// and once more at the end.
pub fn run_progress<T: Send>(
    py: Python<'_>,
    limits: Limits,
    progress: Option<&Bound<'_, PyAny>>,
    query: impl FnOnce(&Limits) -> Result<T, CoreError> + Send,
) -> PyResult<T> {
    let flag = Arc::new(AtomicBool::new(false));
    let counter = Progress::default();
    let mut limits = limits.with_cancel(Cancel::from_flag(flag.clone()));
    let report: Option<Py<PyAny>> = progress.map(|p| p.clone().unbind());
    if report.is_some() {
        limits = limits.with_progress(counter.clone());
    }
    let mut last = (u64::MAX, u64::MAX);
    let mut raised: Option<PyErr> = None;
    let joined = py.detach(|| {
        std::thread::scope(|scope| {
            let (done, wait) = channel::<()>();
            let worker = scope.spawn(move || {
                let out = query(&limits);
                let _ = done.send(());
                out
            });
            loop {
                match wait.recv_timeout(POLL) {
                    Ok(()) | Err(RecvTimeoutError::Disconnected) => break,
                    Err(RecvTimeoutError::Timeout) => {
                        if raised.is_none() {
                            let now = counter.get();
                            let polled = Python::attach(|py| {
                                py.check_signals()?;
                                match &report {
                                    Some(cb) if now != last => cb.call1(py, now).map(|_| ()),
                                    _ => Ok(()),
                                }
                            });
                            last = now;
                            if let Err(e) = polled {
                                raised = Some(e);
                                flag.store(true, Ordering::Relaxed);
                            }
                        }
                    }
                }
            }
            worker.join()
        })
    });
    if let Some(e) = raised {
        return Err(e);
    }
    match joined {
        Ok(Ok(out)) => {
            if let Some(cb) = &report {
                cb.call1(py, counter.get())?;
            }
            Ok(out)
        }
        Ok(Err(e)) => Err(GapError(e).into()),
        Err(payload) => Err(crate::guard::panic_error(payload.as_ref())),
    }
}
