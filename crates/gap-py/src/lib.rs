//! Python bindings of gap-core: the native module `skillgap._core`.
//!
//! Thin by design: each module converts arguments, calls the core (with the
//! GIL released for anything heavy) and maps errors. `errors` maps
//! `gap_core::Error` to the exception classes of `skillgap/_errors.py`;
//! `convert` turns Python values into core values; `catalog`, `model`,
//! `path` and `results` hold the classes (`dicts` their `to_dict`); `notebook` calls the Python-side
//! views (HTML, pandas, networkx).

use pyo3::prelude::*;

mod catalog;
mod cohort;
mod convert;
mod dicts;
mod errors;
mod guard;
mod interrupt;
mod macros;
mod market;
mod model;
mod notebook;
mod path;
mod pickle;
mod posting;
mod programme;
mod rank_many;
mod results;
mod strings;
mod view;

pub use catalog::PyCatalog;
pub use errors::GapError;

/// The native module `skillgap._core` (import `skillgap` instead).
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<catalog::PyCatalog>()?;
    m.add_class::<view::PyCatalogSequence>()?;
    m.add_class::<model::PySkill>()?;
    m.add_class::<model::PyRole>()?;
    m.add_class::<model::PyProfile>()?;
    m.add_class::<path::PyPath>()?;
    m.add_class::<path::PyStep>()?;
    m.add_class::<path::PyReason>()?;
    m.add_class::<path::PyMilestone>()?;
    m.add_class::<path::PySchedule>()?;
    m.add_class::<path::PyWeek>()?;
    m.add_class::<path::PyScheduledStep>()?;
    m.add_class::<results::PyGap>()?;
    m.add_class::<results::PyMissing>()?;
    m.add_class::<results::PyRanking>()?;
    m.add_class::<results::PyRankEntry>()?;
    m.add_class::<results::PyNextStep>()?;
    m.add_class::<results::PyTextMatch>()?;
    m.add_class::<posting::PyPosting>()?;
    m.add_class::<posting::PyEvidence>()?;
    m.add_function(wrap_pyfunction!(format_hours, m)?)?;
    m.add_function(wrap_pyfunction!(_after_fork, m)?)?;
    m.add_function(wrap_pyfunction!(set_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(get_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(_profiles_from_rows, m)?)?;
    m.add_function(wrap_pyfunction!(guard::_panic_for_test, m)?)?;
    Ok(())
}

/// Hours as a short number for people, the same text as the ``skillgap``
/// command shows: rounded to the hundredth (ties to even), no trailing zeros,
/// never ``-0``: ``format_hours(52.5) == "52.5"``, ``format_hours(1/3) ==
/// "0.33"``.
#[gap_py_guard::guarded]
#[pyfunction]
#[pyo3(signature = (hours, /))]
fn format_hours(hours: f64) -> String {
    gap_core::format_hours(hours)
}

/// Tells the core that this process is the child of a ``fork``, so batch
/// queries build a new thread pool instead of waiting for the parent's
/// threads (which the child does not have). ``skillgap`` registers it with
/// ``os.register_at_fork(after_in_child=...)``; not for direct use.
#[gap_py_guard::guarded]
#[pyfunction]
fn _after_fork() {
    gap_core::after_fork();
}

/// Sets how many threads batch queries (``hours_matrix``, ``rank_roles``
/// over many, ``cohort``, ...) use in this process; ``0`` goes back to the
/// default (``RAYON_NUM_THREADS``, else the number of CPUs). A Dask worker
/// with T threads wants T (``skillgap.dask`` sets it on each worker). Takes
/// effect at the next batch call.
#[pyfunction]
#[pyo3(signature = (n, /))]
fn set_num_threads(n: &Bound<'_, PyAny>) -> PyResult<()> {
    let n = crate::convert::count_arg(n, "n")?;
    if n > 4096 {
        return Err(crate::errors::invalid_argument(format!(
            "set_num_threads: {n} threads (at most 4096; 0 for the default)"
        )));
    }
    gap_core::set_num_threads(n as usize);
    Ok(())
}

/// The number of threads the next batch query runs on in this process.
#[pyfunction]
fn get_num_threads(py: Python<'_>) -> usize {
    py.detach(gap_core::num_threads)
}

/// Profiles from the columns of a long table, coded (``sg.profiles_from_frame``
/// factorizes the person and skill columns first): ``n`` persons, the
/// person and skill codes and the int levels as native-endian int64 bytes
/// (``ndarray.tobytes()``: no Python object per row), and the distinct
/// skill ids.
#[gap_py_guard::guarded]
#[pyfunction]
fn _profiles_from_rows(
    py: Python<'_>,
    n: usize,
    persons: &[u8],
    codes: &[u8],
    names: Vec<String>,
    levels: &[u8],
) -> PyResult<Vec<model::PyProfile>> {
    let ints = |b: &[u8]| -> Vec<i64> {
        b.chunks_exact(8)
            .map(|c| i64::from_ne_bytes(c.try_into().unwrap_or([0; 8])))
            .collect()
    };
    let index = |b: &[u8]| -> PyResult<Vec<usize>> {
        ints(b)
            .into_iter()
            .map(|v| {
                usize::try_from(v)
                    .map_err(|_| crate::errors::invalid_argument(format!("negative code {v}")))
            })
            .collect()
    };
    let (persons, codes, levels) = (index(persons)?, index(codes)?, ints(levels));
    let ps = py
        .detach(|| gap_core::Profile::from_coded_rows(n, &persons, &codes, &names, &levels))
        .map_err(GapError)?;
    Ok(ps.into_iter().map(model::PyProfile).collect())
}
