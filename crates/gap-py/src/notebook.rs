//! The notebook views (HTML tables, pandas frames, networkx graphs) live in
//! Python, in `skillgap/_notebook.py`, where pandas and networkx are imported
//! lazily; this module calls into it.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;

static NOTEBOOK: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// Calls `skillgap._notebook.<function>(obj)`.
pub fn call<'py>(
    py: Python<'py>,
    function: &str,
    obj: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let m = NOTEBOOK.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("skillgap._notebook")?.unbind())
    })?;
    m.bind(py).getattr(function)?.call1((obj,))
}
