//! Python bindings of gap-core (work in progress).
use pyo3::prelude::*;

/// The native module `skillgap._core`.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
