//! Learning paths and what hangs off them: `Path` (with lazy milestones,
//! schedules, DOT / Mermaid / pandas views), `Step`, `Reason`, `Milestone`,
//! `Schedule`, `Week` and `ScheduledStep`.

use std::sync::OnceLock;

use gap_core::{LearningPath, Milestone, Reason, Schedule, ScheduledStep, Step, Week};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyType};

use crate::catalog::PyCatalog;
use crate::convert::{
    Repr, ReprF, ReprList, from_bytes, list_iter, py_bool, seq_item, to_bytes, wrap_all,
};
use crate::errors::GapError;
use crate::macros::{catalog_data_class, data_class};
use crate::model::PyProfile;
use crate::notebook::call;

/// A learning path: steps in a valid order, after which the starting profile
/// is job-ready for the targets.
///
/// ``steps`` (each ``Step``: skill, level, hours after transfers, reasons),
/// ``total_hours``, ``optimal`` (proven minimal), ``lower_bound`` (equal to
/// ``total_hours`` when optimal), ``targets`` (the role ids it was computed
/// for; with ``mode="any"`` the one that won), ``start`` (the starting
/// profile), ``milestones`` (stepping-stone roles, computed when first asked
/// for) and ``schedule(hours_per_week)``. A path is a sequence of its steps.
#[pyclass(frozen, module = "skillgap", name = "Path")]
pub struct PyPath {
    /// The catalog the path was computed in.
    pub cat: Py<PyCatalog>,
    /// The core path.
    pub path: LearningPath,
    /// Milestones, computed when first asked for.
    pub milestones: OnceLock<Vec<Milestone>>,
}

/// What `Path.__reduce__` returns: `Path._from_parts` and its arguments.
type PathReduce<'py> = (Bound<'py, PyAny>, (Bound<'py, PyAny>, Bound<'py, PyBytes>));

impl PyPath {
    /// A path of `cat`.
    pub fn new(cat: Py<PyCatalog>, path: LearningPath) -> Self {
        PyPath {
            cat,
            path,
            milestones: OnceLock::new(),
        }
    }

    fn milestone_list(&self, py: Python<'_>) -> PyResult<&[Milestone]> {
        if let Some(m) = self.milestones.get() {
            return Ok(m);
        }
        let cat = self.cat.get().inner.clone();
        let path = &self.path;
        let computed = py.detach(|| cat.milestones(path)).map_err(GapError)?;
        Ok(self.milestones.get_or_init(|| computed))
    }
}

#[gap_py_guard::guarded]
#[pymethods]
impl PyPath {
    /// The steps, in order.
    #[getter]
    fn steps(&self) -> Vec<PyStep> {
        wrap_all(&self.path.steps, PyStep)
    }

    /// Total hours (after transfers).
    #[getter]
    fn total_hours(&self) -> f64 {
        self.path.total_hours
    }

    /// Whether the cost is proven minimal.
    #[getter]
    fn optimal(&self) -> bool {
        self.path.optimal
    }

    /// The running total of hours after each step, correctly rounded (the
    /// last equals ``total_hours``; milestones carry the same numbers).
    fn cumulative_hours(&self) -> Vec<f64> {
        self.path.cumulative_hours()
    }

    /// A proven lower bound on the minimal cost (= total_hours when optimal).
    #[getter]
    fn lower_bound(&self) -> f64 {
        self.path.lower_bound
    }

    /// The role ids the path was computed for (mode "any": the one that won).
    #[getter]
    fn targets(&self) -> Vec<String> {
        self.path.targets.clone()
    }

    /// The starting profile.
    #[getter]
    fn start(&self) -> PyProfile {
        PyProfile(self.path.start.clone())
    }

    /// The catalog the path belongs to.
    #[getter]
    fn catalog(&self, py: Python<'_>) -> Py<PyCatalog> {
        self.cat.clone_ref(py)
    }

    /// Every role of the catalog that becomes job-ready along the path (not
    /// ready at the start), in path order: role, step_index (0-based, the step
    /// after which it is ready) and cumulative hours. Computed when first
    /// asked for, then kept.
    #[getter]
    fn milestones(&self, py: Python<'_>) -> PyResult<Vec<PyMilestone>> {
        Ok(wrap_all(self.milestone_list(py)?, PyMilestone))
    }

    /// The path split into weeks of ``hours_per_week`` hours, in path order (a
    /// step split across weeks where it does not fit), with the milestones and
    /// the week each is reached. ``hours_per_week`` must be positive.
    fn schedule(&self, py: Python<'_>, hours_per_week: f64) -> PyResult<PySchedule> {
        let cat = self.cat.get().inner.clone();
        let path = &self.path;
        let s = py
            .detach(|| cat.schedule(path, hours_per_week))
            .map_err(GapError)?;
        Ok(PySchedule(s, self.cat.clone_ref(py)))
    }

    /// The path as a plain dict: targets, steps (dicts), total_hours,
    /// optimal, lower_bound, start (the starting profile as a dict). The
    /// milestones are not included (they are computed on demand: see
    /// ``milestones``).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::dicts::path(py, &self.path)
    }

    /// The path as a Graphviz DOT digraph (a box per step, arrows from each
    /// step to the steps and target roles that need it; names next to ids).
    fn to_dot(&self) -> String {
        self.cat.get().inner.path_to_dot(&self.path)
    }

    /// The path as a Mermaid flowchart (names next to ids).
    fn to_mermaid(&self) -> String {
        self.cat.get().inner.path_to_mermaid(&self.path)
    }

    /// The subgraph of the catalog's step graph (``Catalog.to_networkx``)
    /// on this path's steps, as a ``networkx.DiGraph``: a node
    /// ``(skill, level)`` per step with the catalog's attributes, ``hours``
    /// replaced by the step's hours in the path (after transfers) and
    /// ``index`` its 0-based position; the edges among them, prerequisite to
    /// dependent. Needs networkx.
    fn to_networkx<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        call(slf.py(), "path_networkx", slf.as_any())
    }

    /// The steps as a pandas DataFrame: step, skill, name, level, hours,
    /// cumulative_hours, reasons (sentences with names, see
    /// ``Reason.describe``) (needs pandas: ``pip install skillgap[pandas]``).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        call(slf.py(), "path_frame", slf.as_any())
    }

    /// An HTML table of the steps, for Jupyter.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        call(slf.py(), "path_html", slf.as_any())?.extract()
    }

    fn __len__(&self) -> usize {
        self.path.steps.len()
    }

    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        index: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        seq_item(py, &self.path.steps, PyStep, index, "path")
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        list_iter(py, self.steps()?)
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.path == other.path
    }

    fn __repr__(&self) -> String {
        format!(
            "Path(targets={}, steps={}, total_hours={}, optimal={})",
            ReprList(&self.path.targets),
            self.path.steps.len(),
            ReprF(self.path.total_hours),
            py_bool(self.path.optimal)
        )
    }

    /// Rebuilds a path from its catalog (or the catalog's content hash)
    /// and the bytes of `__reduce__`.
    #[classmethod]
    fn _from_parts(
        _cls: &Bound<'_, PyType>,
        catalog: &Bound<'_, PyAny>,
        data: &[u8],
    ) -> PyResult<Self> {
        let catalog = crate::pickle::catalog_from_arg(catalog)?;
        let path: gap_core::LearningPath = from_bytes(data)?;
        if let Err(e) = catalog.get().inner.check_path(&path) {
            return Err(crate::errors::catalog_error(_cls.py(), e.to_string()));
        }
        Ok(PyPath::new(catalog, path))
    }

    /// Pickle support: the catalog (stored once per pickle), or only its
    /// content hash once the catalog is shared (see `Catalog.content_hash`),
    /// and compact bytes.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<PathReduce<'py>> {
        let py = slf.py();
        let me = slf.get();
        Ok((
            slf.get_type().getattr("_from_parts")?,
            (
                crate::pickle::catalog_arg(py, &me.cat),
                to_bytes(py, &me.path)?,
            ),
        ))
    }
}

/// One step of a path: learning one level of one skill. ``skill``,
/// ``level``, ``hours`` (after transfers) and ``reasons`` (why it is there).
#[pyclass(frozen, module = "skillgap", name = "Step")]
pub struct PyStep(pub Step);

data_class!(PyStep, Step, {
    /// The step as a plain dict: skill, level, hours, reasons (dicts).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::dicts::step(py, &self.0)
    }

    /// The skill id.
    #[getter]
    fn skill(&self) -> &str {
        &self.0.skill
    }

    /// The level learned.
    #[getter]
    fn level(&self) -> u32 {
        self.0.level
    }

    /// Hours after transfers.
    #[getter]
    fn hours(&self) -> f64 {
        self.0.hours
    }

    /// Why the step is there (at least one reason).
    #[getter]
    fn reasons(&self) -> Vec<PyReason> {
        wrap_all(&self.0.reasons, PyReason)
    }

    /// The step as a reference, e.g. ``"python@2"``.
    #[getter]
    fn reference(&self) -> String {
        gap_core::reference::format_reference(&self.0.skill, self.0.level)
    }

    fn __repr__(&self) -> String {
        format!(
            "Step({}, level={}, hours={}, reasons={})",
            Repr(&self.0.skill),
            self.0.level,
            ReprF(self.0.hours),
            ReprList(
                &self
                    .0
                    .reasons
                    .iter()
                    .map(Reason::to_string)
                    .collect::<Vec<_>>()
            )
        )
    }
});

/// Why a step is in a path: ``kind`` is ``"role"`` (``role`` and the
/// ``entry`` that asks for it) or ``"prerequisite"`` (the ``skill`` and
/// ``level`` of the step that needs it). ``str(reason)`` reads as a sentence.
#[pyclass(frozen, module = "skillgap", name = "Reason")]
pub struct PyReason(pub Reason);

data_class!(PyReason, Reason, {
    /// The reason as a plain dict: kind, role, entry, skill, level (None where
    /// they do not apply).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::dicts::reason(py, &self.0)
    }

    /// ``"role"`` or ``"prerequisite"``.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind()
    }

    /// The role id (kind "role"), else None.
    #[getter]
    fn role(&self) -> Option<&str> {
        self.0.role()
    }

    /// The role entry as written, e.g. ``"python@2"`` or ``"any_of[aws, gcp]"``
    /// (kind "role"), else None.
    #[getter]
    fn entry(&self) -> Option<&str> {
        self.0.entry()
    }

    /// The skill of the step that needs this one (kind "prerequisite"), else None.
    #[getter]
    fn skill(&self) -> Option<&str> {
        self.0.skill()
    }

    /// The level of the step that needs this one (kind "prerequisite"), else None.
    #[getter]
    fn level(&self) -> Option<u32> {
        self.0.level()
    }

    /// The sentence of gap-core's ``Display``, e.g. ``role ml-engineer
    /// requires python@2``.
    fn __str__(&self) -> String {
        self.0.to_string()
    }

    /// The sentence with names next to ids, as the views show it, e.g.
    /// ``role Machine Learning Engineer (ml-engineer) requires Python
    /// (python@2)`` (ids ``catalog`` does not know are shown as they are).
    #[pyo3(signature = (catalog, /))]
    fn describe(&self, catalog: PyRef<'_, PyCatalog>) -> String {
        self.0.describe(&catalog.inner)
    }

    fn __repr__(&self) -> String {
        format!("Reason({})", Repr(&self.0.to_string()))
    }
});

/// A stepping-stone role reached along a path: ``role``, ``step_index``
/// (0-based index of the step after which it is job-ready), ``hours``
/// (cumulative, that step included) and, in a schedule, ``week``.
#[pyclass(frozen, module = "skillgap", name = "Milestone")]
pub struct PyMilestone(pub Milestone);

data_class!(PyMilestone, Milestone, {
    /// The milestone as a plain dict: role, step_index, hours, week.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::dicts::milestone(py, &self.0)
    }

    /// The role id.
    #[getter]
    fn role(&self) -> &str {
        &self.0.role
    }

    /// 0-based index of the step after which the role is job-ready.
    #[getter]
    fn step_index(&self) -> usize {
        self.0.step_index
    }

    /// Cumulative hours up to and including that step.
    #[getter]
    fn hours(&self) -> f64 {
        self.0.hours
    }

    /// The week in which that step ends (schedules only, else None).
    #[getter]
    fn week(&self) -> Option<u32> {
        self.0.week
    }

    fn __repr__(&self) -> String {
        let week = self
            .0
            .week
            .map(|w| format!(", week={w}"))
            .unwrap_or_default();
        format!(
            "Milestone({}, step_index={}, hours={}{week})",
            Repr(&self.0.role),
            self.0.step_index,
            ReprF(self.0.hours)
        )
    }
});

/// A path split into weeks: ``hours_per_week``, ``weeks`` (each a ``Week``),
/// ``total_weeks``, ``milestones`` (with the week each is reached) and
/// ``catalog`` (the path's catalog: its views show names next to ids).
#[pyclass(frozen, module = "skillgap", name = "Schedule")]
pub struct PySchedule(pub Schedule, pub Py<PyCatalog>);

catalog_data_class!(PySchedule, Schedule, {
    /// The schedule as a plain dict: hours_per_week, total_weeks, weeks,
    /// milestones (nested dicts).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::dicts::schedule(py, &self.0)
    }

    /// Hours per week.
    #[getter]
    fn hours_per_week(&self) -> f64 {
        self.0.hours_per_week
    }

    /// The weeks, from week 1.
    #[getter]
    fn weeks(&self) -> Vec<PyWeek> {
        wrap_all(&self.0.weeks, PyWeek)
    }

    /// max(1, ceil(total hours / hours_per_week)) for a non-empty path, 0 for
    /// an empty one.
    #[getter]
    fn total_weeks(&self) -> u32 {
        self.0.total_weeks
    }

    /// Milestones with the week in which each is reached.
    #[getter]
    fn milestones(&self) -> Vec<PyMilestone> {
        wrap_all(&self.0.milestones, PyMilestone)
    }

    /// One row per (week, step part) as a pandas DataFrame: week,
    /// step_index, skill, name, level, hours, completes (needs pandas).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        call(slf.py(), "schedule_frame", slf.as_any())
    }

    /// An HTML table of the weeks, for Jupyter.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        call(slf.py(), "schedule_html", slf.as_any())?.extract()
    }

    fn __len__(&self) -> usize {
        self.0.weeks.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Schedule(hours_per_week={}, total_weeks={}, milestones={})",
            ReprF(self.0.hours_per_week),
            self.0.total_weeks,
            self.0.milestones.len()
        )
    }
});

/// One week of a schedule: ``week`` (from 1), ``items`` (the parts of steps
/// learned that week, in path order) and ``hours``.
#[pyclass(frozen, module = "skillgap", name = "Week")]
pub struct PyWeek(pub Week);

data_class!(PyWeek, Week, {
    /// The week as a plain dict: week, hours, items (dicts).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::dicts::week(py, &self.0)
    }

    /// Week number, from 1.
    #[getter]
    fn week(&self) -> u32 {
        self.0.week
    }

    /// The (parts of) steps learned this week.
    #[getter]
    fn items(&self) -> Vec<PyScheduledStep> {
        wrap_all(&self.0.items, PyScheduledStep)
    }

    /// Hours this week.
    #[getter]
    fn hours(&self) -> f64 {
        self.0.hours
    }

    fn __repr__(&self) -> String {
        format!(
            "Week({}, hours={}, items={})",
            self.0.week,
            ReprF(self.0.hours),
            self.0.items.len()
        )
    }
});

/// A part of one step placed in one week: ``step_index``, ``skill``,
/// ``level``, ``hours`` spent this week and ``completes`` (finished this week).
#[pyclass(frozen, module = "skillgap", name = "ScheduledStep")]
pub struct PyScheduledStep(pub ScheduledStep);

data_class!(PyScheduledStep, ScheduledStep, {
    /// The part of a step as a plain dict: step_index, skill, level, hours,
    /// completes.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::dicts::scheduled_step(py, &self.0)
    }

    /// Index of the step in the path.
    #[getter]
    fn step_index(&self) -> usize {
        self.0.step_index
    }

    /// The skill id.
    #[getter]
    fn skill(&self) -> &str {
        &self.0.skill
    }

    /// The level.
    #[getter]
    fn level(&self) -> u32 {
        self.0.level
    }

    /// Hours of this step spent in this week.
    #[getter]
    fn hours(&self) -> f64 {
        self.0.hours
    }

    /// Whether the step is finished in this week.
    #[getter]
    fn completes(&self) -> bool {
        self.0.completes
    }

    /// Whether this is the whole step (not split across weeks).
    #[getter]
    fn whole(&self) -> bool {
        self.0.whole
    }

    /// The step as a reference, e.g. ``"python@2"``.
    #[getter]
    fn reference(&self) -> String {
        gap_core::reference::format_reference(&self.0.skill, self.0.level)
    }

    fn __repr__(&self) -> String {
        format!(
            "ScheduledStep({}, {}, level={}, hours={}, completes={})",
            self.0.step_index,
            Repr(&self.0.skill),
            self.0.level,
            ReprF(self.0.hours),
            py_bool(self.0.completes)
        )
    }
});
