//! Query results other than paths: `Gap` (with `Missing` entries),
//! `Ranking` (a sequence of `RankEntry` rows), `NextStep` and `TextMatch`.

use gap_core::{Gap, Missing, NextStep, RankEntry, TextMatch};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::catalog::PyCatalog;
use crate::convert::{Repr, ReprF, ReprList, list_iter, py_bool, seq_item, wrap_all};
use crate::macros::{catalog_data_class, data_class};
use crate::notebook::call;

/// How far a profile is from a role: ``role``, ``ready`` (job-ready now),
/// ``missing`` (each unmet essential entry), ``optional_missing`` (unmet
/// optional references), ``hours`` (cost of the shortest path), ``optimal``
/// and ``coverage`` (satisfied entries / all entries); ``catalog``, the
/// catalog it was computed in (its views show names next to ids).
#[pyclass(frozen, module = "skillgap", name = "Gap")]
pub struct PyGap(pub Gap, pub Py<PyCatalog>);

catalog_data_class!(PyGap, Gap, {
    /// The gap as a plain dict: role, ready, missing (dicts), optional_missing,
    /// hours, optimal, coverage.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::dicts::gap(py, &self.0)
    }

    /// The role id.
    #[getter]
    fn role(&self) -> &str {
        &self.0.role
    }

    /// Whether the profile is job-ready for the role now.
    #[getter]
    fn ready(&self) -> bool {
        self.0.ready
    }

    /// The unmet essential entries.
    #[getter]
    fn missing(&self) -> Vec<PyMissing> {
        wrap_all(&self.0.missing, PyMissing)
    }

    /// The unmet optional references, as written.
    #[getter]
    fn optional_missing(&self) -> Vec<String> {
        self.0.optional_missing.clone()
    }

    /// Hours of the shortest learning path to the role.
    #[getter]
    fn hours(&self) -> f64 {
        self.0.hours
    }

    /// Whether ``hours`` is proven minimal.
    #[getter]
    fn optimal(&self) -> bool {
        self.0.optimal
    }

    /// Satisfied entries / all entries (essential references and groups count
    /// 1 each, optional references 1 each; 1.0 for a role without entries).
    #[getter]
    fn coverage(&self) -> f64 {
        self.0.coverage
    }

    /// One row per unmet entry (essential, then optional) as a pandas
    /// DataFrame (needs pandas).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        call(slf.py(), "gap_frame", slf.as_any())
    }

    /// An HTML summary and table of what is missing, for Jupyter.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        call(slf.py(), "gap_html", slf.as_any())?.extract()
    }

    fn __repr__(&self) -> String {
        format!(
            "Gap({}, ready={}, missing={}, hours={}, coverage={})",
            Repr(&self.0.role),
            py_bool(self.0.ready),
            self.0.missing.len(),
            ReprF(self.0.hours),
            ReprF(self.0.coverage)
        )
    }
});

/// An unmet essential entry of a role. ``kind`` is ``"skill"`` (``skill``,
/// ``current`` and ``needed`` levels) or ``"group"`` (``members``, ``count``
/// needed, ``satisfied`` and ``more`` still needed); ``entry`` is the entry as
/// written. Fields of the other kind are None.
#[pyclass(frozen, module = "skillgap", name = "Missing")]
pub struct PyMissing(pub Missing);

data_class!(PyMissing, Missing, {
    /// The entry as a plain dict: kind, entry, skill, current, needed,
    /// members, count, satisfied, more (None where they do not apply).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::dicts::missing(py, &self.0)
    }

    /// ``"skill"`` or ``"group"``.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind()
    }

    /// The entry as written (``"python@2"``, ``"any_of[aws, gcp]"``).
    #[getter]
    fn entry(&self) -> &str {
        self.0.entry()
    }

    /// The skill id (kind "skill").
    #[getter]
    fn skill(&self) -> Option<&str> {
        self.0.skill()
    }

    /// The profile's level of the skill (kind "skill").
    #[getter]
    fn current(&self) -> Option<u32> {
        self.0.current()
    }

    /// The level needed (kind "skill").
    #[getter]
    fn needed(&self) -> Option<u32> {
        self.0.needed()
    }

    /// The member references (kind "group").
    #[getter]
    fn members(&self) -> Option<Vec<String>> {
        self.0.members().map(<[String]>::to_vec)
    }

    /// How many members are needed (kind "group").
    #[getter]
    fn count(&self) -> Option<u32> {
        self.0.count()
    }

    /// How many members are met (kind "group").
    #[getter]
    fn satisfied(&self) -> Option<u32> {
        self.0.satisfied()
    }

    /// How many more members are needed (kind "group").
    #[getter]
    fn more(&self) -> Option<u32> {
        self.0.more()
    }

    fn __repr__(&self) -> String {
        match &self.0 {
            Missing::Skill {
                entry,
                current,
                needed,
                ..
            } => format!(
                "Missing({}, current={current}, needed={needed})",
                Repr(entry)
            ),
            Missing::Group { entry, more, .. } => format!("Missing({}, more={more})", Repr(entry)),
            other => format!("Missing({})", Repr(other.entry())),
        }
    }
});

/// The rows of a ranking and the role name of each (None for a role the
/// catalog does not define): names travel with the rows, so a ranking
/// pickles without its catalog.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Ranked {
    /// The rows, in rank order.
    pub rows: Vec<RankEntry>,
    /// The role name of each row.
    pub names: Vec<Option<String>>,
}

impl Ranked {
    /// The rows with their role names from `cat`.
    pub fn new(cat: &gap_core::Catalog, rows: Vec<RankEntry>) -> Self {
        let names = rows
            .iter()
            .map(|r| cat.role_name(&r.role).map(str::to_string))
            .collect();
        Ranked { rows, names }
    }
}

/// Roles ranked for a profile: a sequence of ``RankEntry`` rows sorted by
/// hours ascending, then coverage descending, then role id (or by fit).
/// ``names`` holds the role name of each row.
#[pyclass(frozen, module = "skillgap", name = "Ranking", sequence)]
pub struct PyRanking(pub Ranked);

data_class!(PyRanking, Ranked, {
    /// The ranking as a plain dict: ``{"rows": [row dicts]}``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::dicts::ranking(py, &self.0.rows)
    }

    /// The rows, as a list.
    #[getter]
    fn rows(&self) -> Vec<PyRankEntry> {
        wrap_all(&self.0.rows, PyRankEntry)
    }

    /// The role name of each row, in rank order (None for a role the catalog
    /// does not define, e.g. one read from a posting).
    #[getter]
    fn names(&self) -> Vec<Option<String>> {
        self.0.names.clone()
    }

    /// The rows as columns: a dict of lists keyed role, name, hours,
    /// coverage, ready, optimal, progress, fit (what ``to_pandas`` builds
    /// its frame from).
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let rows = &self.0.rows;
        let d = PyDict::new(py);
        d.set_item(
            "role",
            rows.iter().map(|r| r.role.as_str()).collect::<Vec<_>>(),
        )?;
        d.set_item("name", &self.0.names)?;
        d.set_item("hours", rows.iter().map(|r| r.hours).collect::<Vec<_>>())?;
        d.set_item(
            "coverage",
            rows.iter().map(|r| r.coverage).collect::<Vec<_>>(),
        )?;
        d.set_item("ready", rows.iter().map(|r| r.ready).collect::<Vec<_>>())?;
        d.set_item(
            "optimal",
            rows.iter().map(|r| r.optimal).collect::<Vec<_>>(),
        )?;
        d.set_item(
            "progress",
            rows.iter().map(|r| r.progress).collect::<Vec<_>>(),
        )?;
        d.set_item("fit", rows.iter().map(|r| r.fit).collect::<Vec<_>>())?;
        Ok(d)
    }

    /// The rows as a pandas DataFrame: role, name, hours, coverage, ready,
    /// optimal, progress, fit (needs pandas).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        call(slf.py(), "ranking_frame", slf.as_any())
    }

    /// An HTML table of the ranking, for Jupyter.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        call(slf.py(), "ranking_html", slf.as_any())?.extract()
    }

    fn __len__(&self) -> usize {
        self.0.rows.len()
    }

    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        index: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        seq_item(py, &self.0.rows, PyRankEntry, index, "ranking")
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        list_iter(py, self.rows()?)
    }

    fn __repr__(&self) -> String {
        let head: Vec<String> = self
            .0
            .rows
            .iter()
            .take(3)
            .map(|r| format!("{} {} h", r.role, ReprF(r.hours)))
            .collect();
        format!(
            "Ranking({} roles: {}{})",
            self.0.rows.len(),
            head.join(", "),
            if self.0.rows.len() > 3 { ", …" } else { "" }
        )
    }
});

/// One row of a ranking: ``role``, ``hours`` (shortest path), ``coverage``,
/// ``ready``, ``optimal``, ``progress`` and ``fit``.
#[pyclass(frozen, module = "skillgap", name = "RankEntry")]
pub struct PyRankEntry(pub RankEntry);

data_class!(PyRankEntry, RankEntry, {
    /// The row as a plain dict: role, hours, coverage, ready, optimal.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::dicts::rank_entry(py, &self.0)
    }

    /// The role id.
    #[getter]
    fn role(&self) -> &str {
        &self.0.role
    }

    /// Hours of the shortest path.
    #[getter]
    fn hours(&self) -> f64 {
        self.0.hours
    }

    /// Coverage, as in ``Gap``.
    #[getter]
    fn coverage(&self) -> f64 {
        self.0.coverage
    }

    /// Job-ready now.
    #[getter]
    fn ready(&self) -> bool {
        self.0.ready
    }

    /// Whether ``hours`` is proven minimal.
    #[getter]
    fn optimal(&self) -> bool {
        self.0.optimal
    }

    /// The share of the role's hours (from scratch) the profile already
    /// has; counts partly met levels.
    #[getter]
    fn progress(&self) -> f64 {
        self.0.progress
    }

    /// The share of hours in common between what the profile knows and what
    /// the role needs (0 for a role without essential entries).
    #[getter]
    fn fit(&self) -> f64 {
        self.0.fit
    }

    fn __repr__(&self) -> String {
        format!(
            "RankEntry({}, hours={}, coverage={}, ready={}, optimal={}, progress={}, fit={})",
            Repr(&self.0.role),
            ReprF(self.0.hours),
            ReprF(self.0.coverage),
            py_bool(self.0.ready),
            py_bool(self.0.optimal),
            ReprF(self.0.progress),
            ReprF(self.0.fit)
        )
    }
});

/// A step that can be taken now: ``skill``, ``level``, ``hours`` (after
/// transfers) and ``targets`` (the targets for which it lies on a minimal
/// optimal step set; empty without targets).
#[pyclass(frozen, module = "skillgap", name = "NextStep")]
pub struct PyNextStep(pub NextStep);

data_class!(PyNextStep, NextStep, {
    /// The step as a plain dict: skill, level, hours, targets.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::dicts::next_step(py, &self.0)
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

    /// Hours after transfers.
    #[getter]
    fn hours(&self) -> f64 {
        self.0.hours
    }

    /// The targets this step helps (empty without targets).
    #[getter]
    fn targets(&self) -> Vec<String> {
        self.0.targets.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "NextStep({}, level={}, hours={}, targets={})",
            Repr(&self.0.skill),
            self.0.level,
            ReprF(self.0.hours),
            ReprList(&self.0.targets)
        )
    }
});

/// A catalog skill found in text: ``skill`` (id), ``text`` (as it appears),
/// ``start`` and ``end`` (Python ``str`` indices: ``text[m.start:m.end] ==
/// m.text``).
#[pyclass(frozen, module = "skillgap", name = "TextMatch")]
pub struct PyTextMatch(pub TextMatch);

data_class!(PyTextMatch, TextMatch, {
    /// The match as a plain dict: skill, text, start, end.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::dicts::text_match(py, &self.0)
    }

    /// The skill id.
    #[getter]
    fn skill(&self) -> &str {
        &self.0.skill
    }

    /// The matched text, as it appears.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    /// Start index in the text (a Python ``str`` index).
    #[getter]
    fn start(&self) -> usize {
        self.0.start
    }

    /// End index in the text (exclusive).
    #[getter]
    fn end(&self) -> usize {
        self.0.end
    }

    fn __repr__(&self) -> String {
        format!(
            "TextMatch({}, text={}, start={}, end={})",
            Repr(&self.0.skill),
            Repr(&self.0.text),
            self.0.start,
            self.0.end
        )
    }
});
