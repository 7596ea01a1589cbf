//! Progress reporting for the importers: the public [`Progress`] report and
//! [`ProgressCallback`], and the rate-limited [`Reporter`] each stage drives.

use std::fmt;
use std::sync::Arc;

/// One progress report: `done` out of `total` units of the current `stage`
/// (bytes of the file on disk while reading a file, items otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// What is being done, e.g. `"skills"`, `"relations"`, `"validate"`.
    pub stage: &'static str,
    /// Units done so far.
    pub done: u64,
    /// Units in this stage (0 when unknown).
    pub total: u64,
}

/// A progress callback that a command can drive a progress bar from. Cheap to
/// clone; called from the importing thread only.
///
/// ```
/// use gap_core::import::{EscoOptions, ProgressCallback};
/// let opts = EscoOptions {
///     progress: Some(ProgressCallback::new(|p| eprintln!("{} {}/{}", p.stage, p.done, p.total))),
///     ..EscoOptions::default()
/// };
/// # let _ = opts;
/// ```
#[derive(Clone)]
pub struct ProgressCallback(Arc<dyn Fn(Progress) + Send + Sync>);

impl ProgressCallback {
    /// Wraps a closure.
    pub fn new(f: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        ProgressCallback(Arc::new(f))
    }

    /// Calls the closure.
    pub fn call(&self, p: Progress) {
        (self.0)(p)
    }
}

impl fmt::Debug for ProgressCallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ProgressCallback(..)")
    }
}

/// Reports progress of one stage, rate-limited to about 200 calls per stage.
pub(crate) struct Reporter<'a> {
    cb: Option<&'a ProgressCallback>,
    stage: &'static str,
    total: u64,
    step: u64,
    next: u64,
}

impl<'a> Reporter<'a> {
    pub(crate) fn new(cb: Option<&'a ProgressCallback>, stage: &'static str, total: u64) -> Self {
        let r = Reporter {
            cb,
            stage,
            total,
            step: (total / 200).max(1),
            next: 0,
        };
        r.emit(0);
        r
    }

    fn emit(&self, done: u64) {
        if let Some(cb) = self.cb {
            cb.call(Progress {
                stage: self.stage,
                done,
                total: self.total,
            });
        }
    }

    /// Reports `done` if it moved far enough since the last report.
    #[inline]
    pub(crate) fn update(&mut self, done: u64) {
        if self.cb.is_some() && done >= self.next {
            self.next = done.saturating_add(self.step);
            self.emit(done);
        }
    }

    /// Reports the stage as complete.
    pub(crate) fn finish(self) {
        self.emit(self.total);
    }
}
