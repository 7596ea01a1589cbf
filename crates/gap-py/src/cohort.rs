//! `Catalog.cohort`: converts the arguments, runs the core's cohort
//! interruptibly without the GIL, and hands the rows (with names) to the
//! pure-Python tables of `skillgap._cohort`.

use std::sync::Arc;

use gap_core::{Catalog, Limits};
use pyo3::prelude::*;

use crate::convert::{extract_optional_targets, extract_profiles};
use crate::interrupt;

/// Role rows: role, name, ready share, median hours, p90 hours, optimal.
type RoleRow = (String, String, f64, f64, f64, bool);
/// Skill rows: skill, name, pairs, hours.
type SkillRow = (String, String, u64, f64);

/// The cohort of `profiles` against `roles` as a `skillgap._cohort.Cohort`.
pub fn cohort<'py>(
    py: Python<'py>,
    cat: &Arc<Catalog>,
    profiles: &Bound<'py, PyAny>,
    roles: Option<&Bound<'py, PyAny>>,
    limits: Limits,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let profiles = extract_profiles(profiles)?;
    let roles = extract_optional_targets(roles)?;
    let c = interrupt::run_progress(py, limits, progress, |l| {
        cat.cohort_with(&profiles, roles.as_deref(), l)
    })?;
    let role_name = |id: &str| {
        cat.role_index(id)
            .map(|r| cat.roles()[r.ix()].name.clone())
            .unwrap_or_default()
    };
    let role_rows: Vec<RoleRow> = c
        .roles
        .iter()
        .map(|r| {
            (
                r.role.clone(),
                role_name(&r.role),
                r.ready_share,
                r.median_hours,
                r.p90_hours,
                r.optimal,
            )
        })
        .collect();
    let skill_rows: Vec<SkillRow> = c
        .skills
        .iter()
        .map(|s| {
            let name = cat
                .skill_index(&s.skill)
                .map(|ix| cat.skills()[ix.ix()].name.clone())
                .unwrap_or_default();
            (s.skill.clone(), name, s.pairs, s.hours)
        })
        .collect();
    py.import("skillgap._cohort")?
        .getattr("make")?
        .call1(((role_rows, skill_rows, c.profiles),))
}
