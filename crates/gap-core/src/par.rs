//! Parallel iteration for the batch queries ([`Catalog::hours_matrix`],
//! [`Catalog::rank_roles`]): a rayon pool that gap-core owns (never rayon's
//! global one) with the `parallel` feature (the default), plain serial
//! iterators without it. Call sites wrap the parallel part in
//! [`install`] and, inside it, import `crate::par::prelude::*` and write
//! `xs.par_iter().map(..)`, `.map_init(..)` or `xs.par_chunks_mut(n)`
//! either way.
//!
//! **Fork safety.** A pool's threads do not survive `fork`: a child that
//! handed work to the parent's pool would wait forever. The pool remembers
//! the process that built it; in any other process (a fork child) it is
//! forgotten, never touched (its locks may be held by threads that no
//! longer exist), and a fresh one is built on the next batch call.
//! [`after_fork`] says the same thing explicitly (the Python package calls
//! it from `os.register_at_fork`); after it, a child whose pool slot was
//! locked at the fork runs serially.
//!
//! The pool starts on the first batch call, never at load. Its size is
//! [`set_num_threads`] when set, else rayon's default: `RAYON_NUM_THREADS`,
//! else the number of CPUs. A Dask worker with T threads sets T, so its
//! batch queries use the cores the worker was given, not every core.
//!
//! [`Catalog::hours_matrix`]: crate::Catalog::hours_matrix
//! [`Catalog::rank_roles`]: crate::Catalog::rank_roles

#[cfg(feature = "parallel")]
pub(crate) use pool::install;
#[cfg(feature = "parallel")]
pub use pool::{after_fork, num_threads, set_num_threads};

/// Runs `f` (serially: there is no pool without the `parallel` feature).
#[cfg(not(feature = "parallel"))]
pub(crate) fn install<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    f()
}

/// Tells the core this process is a fork child (nothing to forget without
/// the `parallel` feature).
#[cfg(not(feature = "parallel"))]
pub fn after_fork() {}

/// Without the `parallel` feature batch queries run serially: nothing to set.
#[cfg(not(feature = "parallel"))]
pub fn set_num_threads(_n: usize) {}

/// Without the `parallel` feature batch queries run on the calling thread: 1.
#[cfg(not(feature = "parallel"))]
pub fn num_threads() -> usize {
    1
}

/// The pool gap-core owns, and what happens to it across `fork`.
#[cfg(feature = "parallel")]
mod pool {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex, PoisonError, TryLockError};

    /// A pool and the process that built it.
    struct Owned {
        pid: u32,
        pool: Arc<rayon::ThreadPool>,
        /// The [`WANTED`] size it was built for.
        wanted: usize,
    }

    /// The pool size asked for with [`set_num_threads`]; 0: rayon's default.
    static WANTED: AtomicUsize = AtomicUsize::new(0);

    /// Sets the number of threads of the batch queries' pool (0: rayon's
    /// default, `RAYON_NUM_THREADS` or the number of CPUs). The next batch
    /// call builds a pool of that size; calls already running finish on the
    /// old pool, whose threads end with it.
    pub fn set_num_threads(n: usize) {
        WANTED.store(n, Ordering::Release);
    }

    /// The number of threads the next batch call runs on (1 when it runs
    /// serially).
    pub fn num_threads() -> usize {
        current().map_or(1, |p| p.current_num_threads())
    }

    /// The pool, built on first use.
    static POOL: Mutex<Option<Owned>> = Mutex::new(None);

    /// Set in a fork child whose pool slot was locked at the fork: the lock
    /// never comes free, so every batch call runs serially.
    static SERIAL: AtomicBool = AtomicBool::new(false);

    /// Runs `f` on gap-core's pool, so the `par_iter`s inside it run on
    /// that pool; serially when there is none (it could not be built, or
    /// [`SERIAL`] is set).
    pub(crate) fn install<R: Send>(f: impl FnOnce() -> R + Send) -> R {
        match current() {
            Some(pool) => pool.install(f),
            None => f(),
        }
    }

    /// This process's pool: the one it built, or a new one.
    fn current() -> Option<Arc<rayon::ThreadPool>> {
        if SERIAL.load(Ordering::Acquire) {
            return None;
        }
        let pid = std::process::id();
        let wanted = WANTED.load(Ordering::Acquire);
        let mut slot = POOL.lock().unwrap_or_else(PoisonError::into_inner);
        match slot.as_ref() {
            Some(owned) if owned.pid == pid && owned.wanted == wanted => {
                return Some(owned.pool.clone());
            }
            // Another size: dropped here; its threads end once the calls
            // still running on it (each holds an `Arc`) are done.
            Some(owned) if owned.pid == pid => *slot = None,
            Some(_) => forget(slot.take()),
            None => {}
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(wanted)
            .thread_name(|i| format!("skillgap-{i}"))
            .build()
            .ok()
            .map(Arc::new)?;
        *slot = Some(Owned {
            pid,
            pool: pool.clone(),
            wanted,
        });
        Some(pool)
    }

    /// Leaks a pool inherited from the parent process: dropping it would
    /// wake its (nonexistent) threads through locks they may hold.
    fn forget(inherited: Option<Owned>) {
        std::mem::forget(inherited);
    }

    /// Tells the core that this process is the child of a `fork` (call it
    /// in the child only, e.g. from Python's
    /// `os.register_at_fork(after_in_child=...)`): the parent's pool is
    /// forgotten and the next batch call builds a new one. The core also
    /// notices a fork by itself (the pool remembers its process id); this
    /// call additionally covers a fork made while another thread was
    /// picking the pool, whose lock then never comes free: the child runs
    /// batch queries serially.
    pub fn after_fork() {
        let mut slot = match POOL.try_lock() {
            Ok(slot) => slot,
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
            Err(TryLockError::WouldBlock) => {
                SERIAL.store(true, Ordering::Release);
                return;
            }
        };
        let pid = std::process::id();
        if slot.as_ref().is_some_and(|owned| owned.pid != pid) {
            forget(slot.take());
        }
    }
}

/// What the call sites import: rayon's prelude, or its serial stand-in.
pub(crate) mod prelude {
    #[cfg(feature = "parallel")]
    pub(crate) use rayon::prelude::*;

    #[cfg(not(feature = "parallel"))]
    pub(crate) use super::serial::{MapInit, ParChunksMut, ParIter};
}

/// The serial stand-ins for the few rayon methods the queries use.
#[cfg(not(feature = "parallel"))]
mod serial {
    /// `par_iter()` on a slice or `Vec`: its ordinary iterator.
    pub(crate) trait ParIter<'a> {
        /// The element reference.
        type Item: 'a;
        /// The iterator.
        type Iter: Iterator<Item = Self::Item>;
        /// Iterates serially.
        fn par_iter(&'a self) -> Self::Iter;
    }

    impl<'a, T: 'a> ParIter<'a> for [T] {
        type Item = &'a T;
        type Iter = std::slice::Iter<'a, T>;
        fn par_iter(&'a self) -> Self::Iter {
            self.iter()
        }
    }

    /// rayon's `map_init`: one state, made once, for every item.
    pub(crate) trait MapInit: Iterator + Sized {
        /// Maps each item with `f`, given the state `init` made.
        fn map_init<S, R>(
            self,
            init: impl Fn() -> S,
            mut f: impl FnMut(&mut S, Self::Item) -> R,
        ) -> impl Iterator<Item = R> {
            let mut state = init();
            self.map(move |x| f(&mut state, x))
        }
    }

    impl<I: Iterator> MapInit for I {}

    /// `par_chunks_mut(n)` on a slice: its ordinary `chunks_mut`.
    pub(crate) trait ParChunksMut<T> {
        /// Chunks of `n`, serially.
        fn par_chunks_mut(&mut self, n: usize) -> std::slice::ChunksMut<'_, T>;
    }

    impl<T> ParChunksMut<T> for [T] {
        fn par_chunks_mut(&mut self, n: usize) -> std::slice::ChunksMut<'_, T> {
            self.chunks_mut(n)
        }
    }
}

#[cfg(all(test, feature = "parallel"))]
mod tests {
    #[test]
    fn pool_size_follows_set_num_threads() {
        super::set_num_threads(1);
        assert_eq!(super::num_threads(), 1);
        super::set_num_threads(3);
        assert_eq!(super::num_threads(), 3);
        super::set_num_threads(0);
        assert!(super::num_threads() >= 1);
    }
}
