//! `Catalog.design_programme`: converts the arguments, runs the core's
//! programme design interruptibly without the GIL, and hands the result
//! (steps as `Step` objects, names next to ids) to the pure-Python
//! `skillgap._programme.Programme`.

use std::sync::Arc;

use gap_core::{Catalog, Limits, Mode};
use pyo3::prelude::*;

use crate::convert::{extract_profiles, extract_targets};
use crate::errors::GapError;
use crate::interrupt;
use crate::path::PyStep;

/// The programme for `profiles`, `roles` and `hours` as a
/// `skillgap._programme.Programme`.
#[allow(clippy::too_many_arguments)]
pub fn design_programme<'py>(
    py: Python<'py>,
    cat: &Arc<Catalog>,
    profiles: &Bound<'py, PyAny>,
    roles: &Bound<'py, PyAny>,
    hours: f64,
    mode: &str,
    limits: Limits,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let profiles = extract_profiles(profiles)?;
    let roles = extract_targets(roles)?;
    let mode: Mode = mode.parse().map_err(GapError::from)?;
    let p = interrupt::run_progress(py, limits, progress, |l| {
        cat.design_programme_with(&profiles, &roles, hours, mode, l)
    })?;
    let skill_name = |id: &str| {
        cat.skill_index(id)
            .map(|ix| cat.skills()[ix.ix()].name.clone())
            .unwrap_or_default()
    };
    let role_name = |id: &str| {
        cat.role_index(id)
            .map(|r| cat.roles()[r.ix()].name.clone())
            .unwrap_or_default()
    };
    let step_names: Vec<String> = p.steps.iter().map(|s| skill_name(&s.skill)).collect();
    let role_names: Vec<String> = p.roles.iter().map(|r| role_name(r)).collect();
    let steps: Vec<Py<PyStep>> = p
        .steps
        .iter()
        .map(|s| Py::new(py, PyStep(s.clone())))
        .collect::<PyResult<_>>()?;
    let mode = if p.mode == Mode::All { "all" } else { "any" };
    let fields = (
        (
            steps,
            step_names,
            p.hours,
            p.ready,
            p.ready_before,
            p.optimal,
            p.upper_bound,
        ),
        (
            p.roles.clone(),
            role_names,
            mode,
            p.max_hours,
            p.ready_for.clone(),
            p.made_ready.clone(),
            p.per_role.clone(),
        ),
    );
    py.import("skillgap._programme")?
        .getattr("make")?
        .call1((fields,))
}
