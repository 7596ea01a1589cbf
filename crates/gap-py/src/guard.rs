//! The panic guard behind `#[gap_py_guard::guarded]` (SPEC 6: no Rust panic
//! reaches Python as `PanicException`, on any path).
//!
//! Every `#[pymethods]` block and `#[pyfunction]` of this crate carries
//! `#[guarded]`, which runs each body through [`call`]: a panic (a bug,
//! never an expected outcome) becomes `skillgap.SkillgapError` with a
//! bug-report hint, which `except Exception` catches. Queries that run on a
//! worker thread (`interrupt::run`) catch their panics at the join the same
//! way.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::prelude::*;

/// Where to report a bug.
pub const REPORT: &str =
    "this is a bug in skillgap: please report it with the input that caused it";

/// Runs `body`; a panic in it becomes a `SkillgapError` naming the panic's
/// message and asking for a bug report.
pub fn call<T, E: From<PyErr>>(
    body: AssertUnwindSafe<impl FnOnce() -> Result<T, E>>,
) -> Result<T, E> {
    match catch_unwind(body) {
        Ok(out) => out,
        Err(payload) => Err(E::from(panic_error(payload.as_ref()))),
    }
}

/// The text of a panic payload (`&str` or `String`; else a placeholder).
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// The `SkillgapError` for a caught panic.
pub fn panic_error(payload: &(dyn Any + Send)) -> PyErr {
    bug(format!("internal error: {}", panic_message(payload)))
}

/// A `SkillgapError` for something that should not happen, with
/// [`REPORT`] appended.
pub fn bug(message: String) -> PyErr {
    Python::attach(|py| crate::errors::skillgap_error(py, format!("{message} ({REPORT})")))
}

/// Panics on purpose, for the test that no panic reaches Python as
/// `PanicException` (``skillgap._core._panic_for_test()`` raises
/// `SkillgapError`). Not for use.
#[gap_py_guard::guarded]
#[pyfunction]
pub fn _panic_for_test() {
    panic!("a deliberate panic (test hook)");
}

/// Loads numpy's C API the fallible way before an array is made: rust-numpy
/// panics when its capsule cannot be loaded (numpy missing or broken, or a
/// `KeyboardInterrupt` arriving during the first import); here that is the
/// Python exception it is (`ImportError`, `KeyboardInterrupt` …).
pub fn numpy_ready(py: Python<'_>) -> PyResult<()> {
    let numpy = py.import("numpy")?;
    let version: String = numpy.getattr("__version__")?.extract()?;
    let core = if version.starts_with('1') {
        "numpy.core.multiarray"
    } else {
        "numpy._core.multiarray"
    };
    py.import(core)?.getattr("_ARRAY_API")?;
    Ok(())
}
