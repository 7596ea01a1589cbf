//! Employers differ: `mode=k` of `learning_path`, `Catalog.readiness_curve`
//! and `Catalog.demand`. Converts the arguments, runs the core (the curve
//! interruptibly without the GIL) and hands the rows, names next to ids, to
//! the pure-Python tables of `skillgap._market`.

use std::sync::Arc;

use gap_core::{Catalog, Limits, Mode, Target};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::catalog::PyCatalog;
use crate::convert::{as_int, extract_profile, extract_targets, type_name};
use crate::errors::{GapError, invalid_argument, type_error};
use crate::interrupt;
use crate::path::PyPath;

/// `mode=`: `"all"`, `"any"` or an int k (numpy ints too) for k of n.
pub fn extract_mode(obj: &Bound<'_, PyAny>) -> PyResult<Mode> {
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_str()?;
        if s == "all" || s == "any" {
            return Ok(s.parse::<Mode>().map_err(GapError)?);
        }
        return Err(invalid_argument(format!(
            "mode must be \"all\", \"any\" or an int k (k of n targets), got {s:?}"
        )));
    }
    let bad = || {
        type_error(format!(
            "mode must be \"all\", \"any\" or an int k, got {}",
            type_name(obj)
        ))
    };
    if obj.is_instance_of::<pyo3::types::PyBool>() {
        return Err(bad());
    }
    let Some(int) = as_int(obj)? else {
        return Err(bad());
    };
    match int.extract::<u64>() {
        Ok(k) => Ok(Mode::AtLeast(usize::try_from(k).unwrap_or(usize::MAX))),
        Err(_) => Err(invalid_argument(format!(
            "k must be from 1 to the number of distinct targets, got {int}"
        ))),
    }
}

/// The display name of each target (the `Role`'s own, or the catalog's).
fn target_names(cat: &Catalog, targets: &[Target]) -> Vec<(String, String)> {
    targets
        .iter()
        .map(|t| match t {
            Target::Id(id) => (
                id.clone(),
                cat.role_name(id).unwrap_or_default().to_string(),
            ),
            Target::Role(r) => (r.id.clone(), r.name.clone()),
            _ => (String::new(), String::new()),
        })
        .collect()
}

/// A curve row for Python: k, hours, optimal, lower bound, targets, path.
type CurveRow = (usize, f64, bool, f64, Vec<String>, Py<PyPath>);

/// `Catalog.readiness_curve` as a `skillgap._market.ReadinessCurve`.
pub fn readiness_curve<'py>(
    slf: &Bound<'py, PyCatalog>,
    profile: &Bound<'py, PyAny>,
    roles: &Bound<'py, PyAny>,
    limits: Limits,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = slf.py();
    let profile = extract_profile(profile)?;
    let targets = extract_targets(roles)?;
    let cat: Arc<Catalog> = slf.get().inner.clone();
    let curve = interrupt::run_progress(py, limits, progress, |l| {
        cat.readiness_curve(&profile, &targets, l)
    })?;
    let mut rows: Vec<CurveRow> = Vec::with_capacity(curve.len());
    for p in curve {
        let path = Py::new(py, PyPath::new(slf.clone().unbind(), p.path))?;
        rows.push((p.k, p.hours, p.optimal, p.lower_bound, p.targets, path));
    }
    py.import("skillgap._market")?
        .getattr("make_curve")?
        .call1((rows, target_names(&cat, &targets)))
}

/// `Catalog.demand` as a `skillgap._market.DemandTable`.
pub fn demand<'py>(
    slf: &Bound<'py, PyCatalog>,
    roles: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = slf.py();
    let targets = extract_targets(roles)?;
    let cat: Arc<Catalog> = slf.get().inner.clone();
    let rows = py.detach(|| cat.demand(&targets)).map_err(GapError)?;
    let rows: Vec<(String, String, u32, u32, u32)> = rows
        .into_iter()
        .map(|r| (r.skill, r.name, r.essential, r.alternative, r.optional))
        .collect();
    py.import("skillgap._market")?
        .getattr("make_demand")?
        .call1((rows,))
}
