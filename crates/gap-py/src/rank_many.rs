//! `Catalog.rank_many`: converts the arguments, runs the core's
//! [`Catalog::rank_many`] once for the whole batch (interruptibly, without
//! the GIL) and hands the rows back as columns: numpy arrays for the
//! numbers and flags, lists of (shared) strings for the ids and names.

use std::collections::HashMap;
use std::sync::Arc;

use gap_core::{Catalog, Limits, RankBy, RankOptions};
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::convert::{extract_optional_targets, extract_profiles, top_arg};
use crate::errors::GapError;
use crate::interrupt;

/// The rankings of `profiles` as one dict of columns (see the method's doc
/// in `catalog.rs`).
#[allow(clippy::too_many_arguments)]
pub fn rank_many<'py>(
    py: Python<'py>,
    cat: &Arc<Catalog>,
    profiles: &Bound<'py, PyAny>,
    roles: Option<&Bound<'py, PyAny>>,
    by: &str,
    top: Option<&Bound<'py, PyAny>>,
    limits: Limits,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let by: RankBy = by.parse().map_err(GapError::from)?;
    let mut opts = RankOptions::default().with_by(by);
    opts.top = top_arg(top)?;
    let profiles = extract_profiles(profiles)?;
    let roles = extract_optional_targets(roles)?;
    let all = interrupt::run_progress(py, limits, progress, |l| {
        cat.rank_many(
            &profiles,
            roles.as_deref(),
            &opts.clone().with_limits(l.clone()),
        )
    })?;
    let n: usize = all.iter().map(Vec::len).sum();
    let mut profile = Vec::with_capacity(n);
    let mut rank = Vec::with_capacity(n);
    let (mut hours, mut coverage, mut prog, mut fit) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut ready, mut optimal) = (Vec::with_capacity(n), Vec::with_capacity(n));
    // One Python string per distinct role id and name, shared by its rows.
    let mut interned: HashMap<&str, (Bound<'py, PyString>, Bound<'py, PyAny>)> = HashMap::new();
    let mut role = Vec::with_capacity(n);
    let mut name = Vec::with_capacity(n);
    for (i, rows) in all.iter().enumerate() {
        let i = i64::try_from(i).unwrap_or(i64::MAX);
        for (r, row) in rows.iter().enumerate() {
            profile.push(i);
            rank.push(i64::try_from(r + 1).unwrap_or(i64::MAX));
            hours.push(row.hours);
            coverage.push(row.coverage);
            prog.push(row.progress);
            fit.push(row.fit);
            ready.push(row.ready);
            optimal.push(row.optimal);
            let (id, label) = match interned.get(row.role.as_str()) {
                Some(pair) => pair.clone(),
                None => {
                    let id = PyString::new(py, &row.role);
                    let label = match cat.role_name(&row.role) {
                        Some(s) => PyString::new(py, s).into_any(),
                        None => py.None().into_bound(py),
                    };
                    interned.insert(row.role.as_str(), (id.clone(), label.clone()));
                    (id, label)
                }
            };
            role.push(id);
            name.push(label);
        }
    }
    crate::guard::numpy_ready(py)?;
    let d = PyDict::new(py);
    d.set_item("profile", PyArray1::from_vec(py, profile))?;
    d.set_item("rank", PyArray1::from_vec(py, rank))?;
    d.set_item("role", PyList::new(py, role)?)?;
    d.set_item("name", PyList::new(py, name)?)?;
    d.set_item("hours", PyArray1::from_vec(py, hours))?;
    d.set_item("coverage", PyArray1::from_vec(py, coverage))?;
    d.set_item("ready", PyArray1::from_vec(py, ready))?;
    d.set_item("optimal", PyArray1::from_vec(py, optimal))?;
    d.set_item("progress", PyArray1::from_vec(py, prog))?;
    d.set_item("fit", PyArray1::from_vec(py, fit))?;
    Ok(d)
}
