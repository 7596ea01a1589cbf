//! `Catalog`: an immutable, validated skills catalog shared through an `Arc`
//! — loading and saving, accessors, and every query. Arguments are converted
//! first, then the core runs with the GIL released (`py.detach`).

use std::path::PathBuf;
use std::sync::Arc;

use gap_core::Catalog;
use gap_core::format::RoleDef;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PySlice, PyString, PyType};

use crate::convert::{
    Repr, char_offsets, count_arg, dumps, extract_optional_targets, extract_profile,
    extract_profiles, extract_strings, extract_target, extract_targets, from_bytes,
    role_def_from_dict, text_for_core, to_plain, top_arg, type_name,
};
use crate::errors::{GapError, invalid_argument, type_error};
use crate::interrupt;
use crate::model::{PyProfile, PyRole, PySkill};
use crate::notebook::call;
use crate::path::PyPath;
use crate::posting::{PostingData, PyPosting};
use crate::results::{PyGap, PyNextStep, PyRanking, PyTextMatch};
use crate::view::{Kind, PyCatalogSequence};
use gap_core::import::{EscoOptions, EscoPrerequisites, MetacademyOptions, OnetOptions};
use gap_core::{Limits, Mode, Order, PathOptions, RankBy, RankOptions, import::Imported};
use numpy::{PyArray1, PyArray2, PyArrayMethods};
use pyo3::sync::PyOnceLock;

/// A validated skills catalog: skills with levels and prerequisites, roles,
/// and transfers. Immutable (``with_roles`` returns a new one); safe to share
/// between threads; pickles compactly.
///
/// Build one with ``Catalog.default()``, ``Catalog.load(path)``,
/// ``Catalog.from_json(text)``, ``Catalog.from_dict(d)``,
/// ``Catalog.synthetic(...)`` or an importer. ``len(cat)`` is the number of
/// skills and ``skill_id in cat`` tests a skill id.
#[pyclass(frozen, weakref, module = "skillgap", name = "Catalog")]
pub struct PyCatalog {
    /// The shared core catalog.
    pub inner: Arc<Catalog>,
    /// The lazy views `skills`, `roles`, `skill_ids` and `role_ids`, each
    /// made when first asked for, then kept (`cat.skills is cat.skills`).
    views: Views,
    /// Its content hash once it has been pickled or unpickled in this
    /// process (then results pickle the hash, see `crate::pickle`).
    pub shared: std::sync::OnceLock<gap_core::ContentHash>,
}

/// The sequence views of a catalog.
struct Views {
    skills: PyOnceLock<Py<PyCatalogSequence>>,
    roles: PyOnceLock<Py<PyCatalogSequence>>,
    skill_ids: PyOnceLock<Py<PyCatalogSequence>>,
    role_ids: PyOnceLock<Py<PyCatalogSequence>>,
}

impl PyCatalog {
    /// Wraps an imported catalog, reporting its warnings with
    /// `warnings.warn(..., skillgap.TaxonomyWarning)`.
    fn imported(py: Python<'_>, imported: Imported) -> PyResult<Self> {
        if !imported.warnings.is_empty() {
            let warn = py.import("warnings")?.getattr("warn")?;
            let category = py.import("skillgap._errors")?.getattr("TaxonomyWarning")?;
            for w in &imported.warnings {
                warn.call1((w.as_str(), &category, 1))?;
            }
        }
        Ok(Self::wrap(imported.catalog))
    }

    /// Wraps a core catalog.
    pub fn wrap(cat: Catalog) -> Self {
        Self::shared(Arc::new(cat))
    }

    /// Wraps a shared core catalog.
    pub fn shared(inner: Arc<Catalog>) -> Self {
        PyCatalog {
            inner,
            views: Views {
                skills: PyOnceLock::new(),
                roles: PyOnceLock::new(),
                skill_ids: PyOnceLock::new(),
                role_ids: PyOnceLock::new(),
            },
            shared: std::sync::OnceLock::new(),
        }
    }

    /// The view of `kind` kept in `cell`, made the first time.
    fn view(
        &self,
        py: Python<'_>,
        cell: &PyOnceLock<Py<PyCatalogSequence>>,
        kind: Kind,
    ) -> PyResult<Py<PyCatalogSequence>> {
        let v = cell.get_or_try_init(py, || {
            Py::new(py, PyCatalogSequence::new(self.inner.clone(), kind))
        })?;
        Ok(v.clone_ref(py))
    }
}

fn role_defs(roles: &Bound<'_, PyAny>) -> PyResult<Vec<RoleDef>> {
    if roles.cast::<PyRole>().is_ok() {
        return Ok(vec![roles.cast::<PyRole>()?.get().0.clone()]);
    }
    let iter = roles.try_iter().map_err(|_| {
        type_error(format!(
            "expected a list of Role objects, got {}",
            type_name(roles)
        ))
    })?;
    iter.map(|r| {
        let r = r?;
        if let Ok(role) = r.cast::<PyRole>() {
            Ok(role.get().0.clone())
        } else if r.cast::<PyDict>().is_ok() {
            role_def_from_dict(&r)
        } else {
            Err(type_error(format!(
                "expected Role objects, got {}",
                type_name(&r)
            )))
        }
    })
    .collect()
}

static DEFAULT: PyOnceLock<Arc<Catalog>> = PyOnceLock::new();

#[gap_py_guard::guarded]
#[pymethods]
impl PyCatalog {
    /// The embedded AI-engineering catalog (213 skills, 22 roles from Data
    /// Analyst to Research Scientist, AI Product Manager and AI Governance
    /// Specialist). Parsed once, then shared.
    #[classmethod]
    fn default(_cls: &Bound<'_, PyType>, py: Python<'_>) -> Self {
        Self::shared(default_core(py))
    }

    /// A seeded synthetic catalog of ``n_skills`` skills and ``n_roles`` roles
    /// (with about ``any_of_fraction`` of requirements as ``any_of`` groups):
    /// the same arguments give the same catalog on every machine.
    #[classmethod]
    #[pyo3(signature = (n_skills, n_roles, *, seed = 0, any_of_fraction = 0.05))]
    fn synthetic(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        n_skills: &Bound<'_, PyAny>,
        n_roles: &Bound<'_, PyAny>,
        seed: i128,
        any_of_fraction: f64,
    ) -> PyResult<Self> {
        let n_skills = usize::try_from(count_arg(n_skills, "n_skills")?).unwrap_or(usize::MAX);
        let n_roles = usize::try_from(count_arg(n_roles, "n_roles")?).unwrap_or(usize::MAX);
        let seed = u64::try_from(seed).map_err(|_| {
            invalid_argument(format!(
                "seed must be an int from 0 to {}, got {seed}",
                u64::MAX
            ))
        })?;
        let cat = py
            .detach(|| Catalog::synthetic(n_skills, n_roles, seed, any_of_fraction))
            .map_err(GapError)?;
        Ok(Self::wrap(cat))
    }

    /// How far ``profile`` (a ``Profile`` or a dict) is from ``role`` (a role
    /// id or a ``Role``): readiness, the unmet entries, the hours of the
    /// shortest path and the coverage. ``budget``: search nodes for the
    /// exact solver (None: the default); ``gap.optimal`` says whether the
    /// hours are proven. Runs without the GIL; Ctrl-C interrupts it.
    #[pyo3(signature = (profile, role, *, budget = None))]
    fn gap(
        slf: &Bound<'_, Self>,
        profile: &Bound<'_, PyAny>,
        role: &Bound<'_, PyAny>,
        budget: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyGap> {
        let py = slf.py();
        let profile = extract_profile(profile)?;
        let target = extract_target(role)?;
        let limits = limits(budget)?;
        let cat = slf.get().inner.clone();
        let g = interrupt::run(py, limits, |l| cat.gap_with(&profile, &target, l))?;
        Ok(PyGap(g, slf.clone().unbind()))
    }

    /// The shortest learning path (fewest hours) from ``profile`` to job-ready
    /// for ``role_or_roles`` (a role id, a ``Role``, or a list of them).
    ///
    /// ``mode="all"``: one path ready for every target (jointly minimal);
    /// ``mode="any"``: the cheapest of them; ``mode=k`` (an int): ready for
    /// at least k of the distinct targets at minimum total hours
    /// (``path.targets``: every target ready after the path; a k outside
    /// 1..n is a ``ValueError``). ``avoid``: skill ids never to
    /// learn (``InfeasibleError`` when that makes the target unreachable).
    /// ``order="milestones"`` orders the same steps so stepping-stone roles
    /// come as early as possible. ``budget``: search nodes for the exact
    /// solver for the whole query (None: the default); the result says
    /// ``optimal`` or not and gives a ``lower_bound``. ``prefer``: skill ids
    /// to choose among alternatives, even at extra hours (in every any_of
    /// group not yet met by the profile, preferred members are taken when
    /// they can meet it; a profile's known members still win); the result is
    /// the optimum under that restriction. Runs without the GIL; Ctrl-C
    /// interrupts it (``KeyboardInterrupt``).
    #[pyo3(
        signature = (profile, role_or_roles, *, mode = None, avoid = None, order = "default", budget = None, prefer = None),
        text_signature = "(self, profile, role_or_roles, *, mode='all', avoid=(), order='default', budget=None, prefer=())"
    )]
    #[allow(clippy::too_many_arguments)]
    fn learning_path(
        slf: &Bound<'_, Self>,
        profile: &Bound<'_, PyAny>,
        role_or_roles: &Bound<'_, PyAny>,
        mode: Option<&Bound<'_, PyAny>>,
        avoid: Option<&Bound<'_, PyAny>>,
        order: &str,
        budget: Option<&Bound<'_, PyAny>>,
        prefer: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyPath> {
        let py = slf.py();
        let profile = extract_profile(profile)?;
        let targets = extract_targets(role_or_roles)?;
        let mode: Mode = match mode {
            Some(m) if !m.is_none() => crate::market::extract_mode(m)?,
            _ => Mode::All,
        };
        let order: Order = order.parse().map_err(GapError::from)?;
        let avoid = match avoid {
            Some(a) => extract_strings(a, "avoid")?,
            None => Vec::new(),
        };
        let prefer = match prefer {
            Some(a) => extract_strings(a, "prefer")?,
            None => Vec::new(),
        };
        let limits = limits(budget)?;
        let opts = PathOptions::default()
            .with_mode(mode)
            .with_avoid(avoid)
            .with_prefer(prefer)
            .with_order(order);
        let cat = slf.get().inner.clone();
        let path = interrupt::run(py, limits, |l| {
            let opts = opts.with_limits(l.clone());
            cat.learning_path(&profile, &targets, &opts)
        })?;
        Ok(PyPath::new(slf.clone().unbind(), path))
    }

    /// Every role (or the given ``roles``: ids or ``Role`` objects) with its
    /// hours, coverage, readiness, progress and fit for ``profile``.
    /// ``by="hours"``: sorted by hours, then coverage descending, then role
    /// id; ``by="fit"``: by fit descending, then hours, then role id.
    /// ``top``: only the first rows of that order. ``budget``: search nodes
    /// for each role that needs the exact solver (None: the default). Runs
    /// without the GIL; Ctrl-C interrupts it.
    #[pyo3(signature = (profile, roles = None, *, by = "hours", top = None, budget = None))]
    #[allow(clippy::too_many_arguments)]
    fn rank_roles(
        &self,
        py: Python<'_>,
        profile: &Bound<'_, PyAny>,
        roles: Option<&Bound<'_, PyAny>>,
        by: &str,
        top: Option<&Bound<'_, PyAny>>,
        budget: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyRanking> {
        let by: RankBy = by.parse().map_err(GapError::from)?;
        let top = top_arg(top)?;
        let mut rank = RankOptions::default().with_by(by);
        rank.top = top;
        let profile = extract_profile(profile)?;
        let roles = extract_optional_targets(roles)?;
        let limits = limits(budget)?;
        let cat = self.inner.clone();
        let rows = interrupt::run(py, limits, |l| {
            cat.rank_roles_with(
                &profile,
                roles.as_deref(),
                &rank.clone().with_limits(l.clone()),
            )
        })?;
        Ok(PyRanking(crate::results::Ranked::new(&self.inner, rows)))
    }

    /// ``rank_roles`` for many ``profiles`` in one call: the rankings of
    /// every profile (each exactly ``rank_roles(profile, roles, by=by,
    /// top=top, budget=budget)``), computed in parallel in the core without
    /// the GIL, as one dict of columns, a row per (profile, ranked role):
    /// ``profile`` (the profile's index in ``profiles``, numpy int64),
    /// ``rank`` (1 = best, int64), ``role`` and ``name`` (lists of str;
    /// name None for a role the catalog does not define), ``hours``,
    /// ``coverage``, ``progress``, ``fit`` (float64) and ``ready``,
    /// ``optimal`` (bool). ``pandas.DataFrame(cols)`` makes it a table.
    /// Errors name the offending profile's index; Ctrl-C interrupts it.
    #[pyo3(signature = (profiles, roles = None, *, by = "hours", top = None, budget = None, progress = None))]
    #[allow(clippy::too_many_arguments)]
    fn rank_many<'py>(
        &self,
        py: Python<'py>,
        profiles: &Bound<'py, PyAny>,
        roles: Option<&Bound<'py, PyAny>>,
        by: &str,
        top: Option<&Bound<'py, PyAny>>,
        budget: Option<&Bound<'py, PyAny>>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let report = reporter(py, progress)?;
        crate::rank_many::rank_many(
            py,
            &self.inner,
            profiles,
            roles,
            by,
            top,
            limits(budget)?,
            report.as_ref(),
        )
    }

    /// For each k = 1..n (n distinct ``roles``: ids or ``Role`` objects, e.g.
    /// read from n job postings), the fewest hours to be job-ready for at
    /// least k of them: rows ``k``, ``hours``, ``optimal``, ``lower_bound``,
    /// ``targets`` (ready after the path) and ``path``; the hours never
    /// decrease with k. A ``ReadinessCurve``: iterable, ``to_pandas()``,
    /// ``plot()``. ``budget``: search nodes for each k; ``progress``: True
    /// or a callable ``(done, total)`` over the k. Without the GIL; Ctrl-C
    /// interrupts it.
    #[pyo3(signature = (profile, roles, *, budget = None, progress = None))]
    fn readiness_curve<'py>(
        slf: &Bound<'py, Self>,
        profile: &Bound<'py, PyAny>,
        roles: &Bound<'py, PyAny>,
        budget: Option<&Bound<'py, PyAny>>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let report = reporter(slf.py(), progress)?;
        crate::market::readiness_curve(slf, profile, roles, limits(budget)?, report.as_ref())
    }

    /// Which skills ``roles`` (ids or ``Role`` objects) ask for, and how
    /// often: rows ``skill``, ``name``, ``essential``, ``alternative`` (in an
    /// essential any_of group), ``optional`` (numbers of roles), most asked
    /// for first. A ``DemandTable``: iterable, ``to_pandas()``.
    #[pyo3(signature = (roles, /))]
    fn demand<'py>(
        slf: &Bound<'py, Self>,
        roles: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::market::demand(slf, roles)
    }

    /// The hours of the shortest path to ``role`` (an id or a ``Role``) from
    /// the empty profile; cached per catalog role.
    #[pyo3(signature = (role, /))]
    fn role_hours(&self, py: Python<'_>, role: &Bound<'_, PyAny>) -> PyResult<f64> {
        let target = extract_target(role)?;
        let cat = self.inner.clone();
        interrupt::run(py, Limits::default(), |_| cat.role_hours(&target))
    }

    /// Hours of the shortest path for every (profile, role) pair, as a numpy
    /// float64 array with a row per profile and a column per role (in the
    /// order of ``roles``, default ``cat.roles``). Computed in parallel in
    /// the core with the GIL released; Ctrl-C interrupts it. ``budget``:
    /// search nodes for each cell that needs the exact solver.
    #[pyo3(signature = (profiles, roles = None, *, budget = None, progress = None))]
    fn hours_matrix<'py>(
        &self,
        py: Python<'py>,
        profiles: &Bound<'py, PyAny>,
        roles: Option<&Bound<'py, PyAny>>,
        budget: Option<&Bound<'py, PyAny>>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyArray2<f64>>> {
        let report = reporter(py, progress)?;
        let profiles = extract_profiles(profiles)?;
        let roles = extract_optional_targets(roles)?;
        let cols = roles.as_ref().map_or(self.inner.roles().len(), |r| r.len());
        let rows = profiles.len();
        let limits = limits(budget)?;
        let cat = self.inner.clone();
        let m = interrupt::run_progress(py, limits, report.as_ref(), |l| {
            cat.hours_matrix_with(&profiles, roles.as_deref(), l)
        })?;
        if (m.rows, m.cols) != (rows, cols) || m.data.len() != rows * cols {
            return Err(crate::errors::internal(format!(
                "hours_matrix: expected {rows} x {cols} values, got {} x {}",
                m.rows, m.cols
            )));
        }
        crate::guard::numpy_ready(py)?;
        PyArray1::from_vec(py, m.into_data()).reshape([rows, cols])
    }

    /// The steps ``profile`` can take now, cheapest first; with ``targets``
    /// (role ids or ``Role`` objects), only the steps on a minimal shortest
    /// path to some target, those helping most targets first. ``budget``:
    /// search nodes for the whole query (alternative optima of every
    /// target). Runs without the GIL; Ctrl-C interrupts it.
    #[pyo3(signature = (profile, targets = None, *, budget = None))]
    fn next_steps(
        &self,
        py: Python<'_>,
        profile: &Bound<'_, PyAny>,
        targets: Option<&Bound<'_, PyAny>>,
        budget: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<PyNextStep>> {
        let profile = extract_profile(profile)?;
        let targets = extract_optional_targets(targets)?;
        let limits = limits(budget)?;
        let cat = self.inner.clone();
        let steps = interrupt::run(py, limits, |l| {
            cat.next_steps_with(&profile, targets.as_deref(), l)
        })?;
        Ok(steps.into_iter().map(PyNextStep).collect())
    }

    /// A cohort of ``profiles`` against ``roles`` (default: every role):
    /// ``.roles`` rows (role, name, ready_share, median_hours, p90_hours,
    /// optimal) and ``.skills`` rows (skill, name, pairs, hours: how many
    /// (profile, role) shortest paths learn the skill, and those hours),
    /// each iterable with ``to_pandas()``. In parallel, without the GIL;
    /// Ctrl-C interrupts it. ``budget``: search nodes for each path.
    #[pyo3(signature = (profiles, roles = None, *, budget = None, progress = None))]
    fn cohort<'py>(
        &self,
        py: Python<'py>,
        profiles: &Bound<'py, PyAny>,
        roles: Option<&Bound<'py, PyAny>>,
        budget: Option<&Bound<'py, PyAny>>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let report = reporter(py, progress)?;
        crate::cohort::cohort(
            py,
            &self.inner,
            profiles,
            roles,
            limits(budget)?,
            report.as_ref(),
        )
    }

    /// The programme of at most ``hours`` catalog hours (steps learnable
    /// from nothing) that makes the most ``profiles`` job-ready for at
    /// least one of ``roles`` (``mode="any"``) or for all of them
    /// (``mode="all"``); ties go to fewer hours. ``.steps`` (a valid
    /// teaching order), ``.hours``, ``.ready``, ``.ready_before``,
    /// ``.optimal``, ``.upper_bound``, ``.ready_for`` (per profile, the
    /// roles it is ready for after), ``to_pandas()``. Exact within
    /// ``budget`` search nodes, else ``optimal`` is False. Without the GIL;
    /// Ctrl-C interrupts it.
    #[pyo3(signature = (profiles, roles, hours, *, mode = "any", budget = None, progress = None))]
    #[allow(clippy::too_many_arguments)]
    fn design_programme<'py>(
        &self,
        py: Python<'py>,
        profiles: &Bound<'py, PyAny>,
        roles: &Bound<'py, PyAny>,
        hours: f64,
        mode: &str,
        budget: Option<&Bound<'py, PyAny>>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let report = reporter(py, progress)?;
        crate::programme::design_programme(
            py,
            &self.inner,
            profiles,
            roles,
            hours,
            mode,
            limits(budget)?,
            report.as_ref(),
        )
    }

    /// A catalog from the ESCO CSV files in ``dir`` (occupations -> roles,
    /// skills -> skills with id = the UUID ending the conceptUri, source =
    /// the conceptUri, name = preferredLabel, aliases from altLabels).
    /// ``prerequisites``: ``"essential"``, ``"all"`` or ``"none"`` of the
    /// skill-skill relations; ``hours``: None for a default per skill type
    /// (20 for skill/competence, 10 for knowledge) or one number for every
    /// skill. What was repaired on the way (merged duplicates, dropped
    /// self-loops and cycles) is reported with ``warnings.warn``
    /// (``skillgap.TaxonomyWarning``), never raised.
    #[classmethod]
    #[pyo3(signature = (dir, *, prerequisites = "essential", hours = None))]
    fn from_esco(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        dir: PathBuf,
        prerequisites: &str,
        hours: Option<f64>,
    ) -> PyResult<Self> {
        let opts = EscoOptions {
            prerequisites: prerequisites
                .parse::<EscoPrerequisites>()
                .map_err(GapError)?,
            hours,
            progress: None,
        };
        let imported = py
            .detach(|| Catalog::from_esco(&dir, &opts))
            .map_err(GapError)?;
        Self::imported(py, imported)
    }

    /// A catalog from the O*NET database text files in ``dir``: occupations
    /// -> roles (skills with importance >= ``min_importance`` essential, at
    /// the skill level mapped from O*NET's level scale), ids lowercased;
    /// repairs are reported with ``warnings.warn``.
    #[classmethod]
    #[pyo3(signature = (dir, *, min_importance = 3.0))]
    fn from_onet(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        dir: PathBuf,
        min_importance: f64,
    ) -> PyResult<Self> {
        let opts = OnetOptions {
            min_importance,
            ..OnetOptions::default()
        };
        let imported = py
            .detach(|| Catalog::from_onet(&dir, &opts))
            .map_err(GapError)?;
        Self::imported(py, imported)
    }

    /// A catalog from Metacademy (``graph_data.json`` or the ``content/``
    /// folder): concepts -> skills (id = tag, hours = learn_time) and one role
    /// per concept (same id) requiring it. A concept without an estimate
    /// gets the median estimate, reported with ``warnings.warn``.
    #[classmethod]
    fn from_metacademy(_cls: &Bound<'_, PyType>, py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let opts = MetacademyOptions::default();
        let imported = py
            .detach(|| Catalog::from_metacademy(&path, &opts))
            .map_err(GapError)?;
        Self::imported(py, imported)
    }

    /// The catalog skills found in ``text`` (a job posting). With
    /// ``literal=True``: by id, name and aliases, case-insensitive, whole
    /// words only, leftmost-longest, no overlaps. By default also word forms
    /// (Snowball stems: "deploying models"), word order of two- or three-word
    /// names ("monitor models" for "model monitoring"), generic one-word
    /// aliases only where their skill is found otherwise too, and short names
    /// written with capitals ("R", "Go") only in that case. ``start`` /
    /// ``end`` are ``str`` indices: ``text[m.start:m.end] == m.text``.
    #[pyo3(signature = (text, *, literal = false))]
    fn match_text(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        literal: bool,
    ) -> PyResult<Vec<PyTextMatch>> {
        let Ok(s) = text.cast::<PyString>() else {
            return Err(type_error(format!(
                "text must be a str, got {}",
                type_name(text)
            )));
        };
        let (rust_text, replaced) = text_for_core(s)?;
        let cat = self.inner.clone();
        let found = py.detach(|| {
            if literal {
                cat.match_text_literal(&rust_text)
            } else {
                cat.match_text(&rust_text)
            }
        });
        let bytes: Vec<usize> = found.iter().flat_map(|m| [m.start, m.end]).collect();
        let chars = char_offsets(&rust_text, &bytes);
        let mut out = Vec::with_capacity(found.len());
        for (i, mut m) in found.into_iter().enumerate() {
            m.start = chars[2 * i];
            m.end = chars[2 * i + 1];
            if replaced {
                // The text had lone surrogates: take the match from the
                // caller's own string.
                let slice = PySlice::new(py, m.start as isize, m.end as isize, 1);
                m.text = s.get_item(slice)?.str()?.to_string_lossy().into_owned();
            }
            out.push(PyTextMatch(m));
        }
        Ok(out)
    }

    /// A job posting read into a role as the employer wrote it (SPEC 4):
    /// sentences; optional cues ("nice to have", "preferred", "a plus", ...)
    /// and headings ("Nice to have:" until a "Requirements" line);
    /// alternatives ("PyTorch or TensorFlow", "AWS/GCP") as any_of groups;
    /// "N+ years" as levels; then the collapse rules. Returns a ``Posting``
    /// with ``.role`` and ``.evidence`` (the text span of each decision).
    /// An empty posting, or one without a skill of the catalog, is a
    /// ``ValueError`` naming the posting ``id``.
    #[pyo3(signature = (text, *, id = "posting", name = None))]
    fn read_posting(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        id: &str,
        name: Option<&str>,
    ) -> PyResult<PyPosting> {
        let Ok(s) = text.cast::<PyString>() else {
            return Err(type_error(format!(
                "text must be a str, got {}",
                type_name(text)
            )));
        };
        let (rust_text, replaced) = text_for_core(s)?;
        let cat = self.inner.clone();
        let posting = py
            .detach(|| cat.read_posting(&rust_text, id, name))
            .map_err(GapError)?;
        Ok(PyPosting(PostingData::new(
            posting, rust_text, s, replaced,
        )?))
    }

    /// A ``Role`` made from a job posting: ``read_posting(text, id,
    /// name).role``. Use it as a query target or add it with
    /// ``with_roles``.
    #[pyo3(signature = (text, *, id = "posting", name = None))]
    fn role_from_text(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        id: &str,
        name: Option<&str>,
    ) -> PyResult<PyRole> {
        let Ok(s) = text.cast::<PyString>() else {
            return Err(type_error(format!(
                "text must be a str, got {}",
                type_name(text)
            )));
        };
        let (rust_text, _) = text_for_core(s)?;
        let cat = self.inner.clone();
        let def = py
            .detach(|| cat.role_from_text(&rust_text, id, name))
            .map_err(GapError)?;
        Ok(PyRole(def))
    }

    /// A ``Profile`` from what a person calls their skills: a dict (or
    /// ``Profile``) whose keys are skill ids, names or aliases in any case
    /// (``{"sklearn": 1, "Python": 2}``), each level an int (0 = unknown).
    /// A key that is not an id is mapped to the skill whose id, name or
    /// alias it equals case-insensitively; the mapping is reported in the
    /// profile's ``resolved`` (``{"sklearn": "scikit-learn", "Python":
    /// "python"}``). The same skill under two names keeps the higher level.
    /// The profile is checked against the catalog now.
    ///
    /// Raises ``UnknownSkillError`` for a name no skill has (with
    /// ``suggestions``) or one that several skills share (``candidates``),
    /// ``ProfileError`` for a level out of range.
    #[pyo3(signature = (levels, /))]
    fn profile(&self, py: Python<'_>, levels: &Bound<'_, PyAny>) -> PyResult<PyProfile> {
        let pairs = crate::convert::extract_levels(levels)?;
        let cat = self.inner.clone();
        let p = py.detach(|| cat.profile(pairs)).map_err(GapError)?;
        Ok(PyProfile(p))
    }

    /// Loads a ``.json`` or ``.toml`` catalog file (format from the
    /// extension). A missing file is a ``FileNotFoundError``, a bad one a
    /// ``CatalogError`` (with ``source``, ``line``, ``column`` and ``path``).
    #[classmethod]
    fn load(_cls: &Bound<'_, PyType>, py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let cat = py.detach(|| Catalog::load(&path)).map_err(GapError)?;
        Ok(Self::wrap(cat))
    }

    /// Saves to a ``.json`` or ``.toml`` file (format from the extension).
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let cat = self.inner.clone();
        py.detach(|| cat.save(&path)).map_err(GapError)?;
        Ok(())
    }

    /// A catalog from JSON text.
    #[classmethod]
    fn from_json(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Self> {
        let text = &crate::strings::catalog_text(text, "the catalog text")?;
        let cat = py.detach(|| Catalog::from_json(text)).map_err(GapError)?;
        Ok(Self::wrap(cat))
    }

    /// The catalog as pretty JSON (``format`` always written).
    fn to_json(&self, py: Python<'_>) -> String {
        let cat = self.inner.clone();
        py.detach(|| cat.to_json())
    }

    /// A catalog from TOML text (same structure as JSON).
    #[classmethod]
    fn from_toml(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Self> {
        let text = &crate::strings::catalog_text(text, "the catalog text")?;
        let cat = py.detach(|| Catalog::from_toml(text)).map_err(GapError)?;
        Ok(Self::wrap(cat))
    }

    /// The catalog as TOML text.
    fn to_toml(&self, py: Python<'_>) -> PyResult<String> {
        let cat = self.inner.clone();
        Ok(py.detach(|| cat.to_toml()).map_err(GapError)?)
    }

    /// A catalog from a dict shaped like the JSON file (values JSON cannot
    /// hold are a ``TypeError``).
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, d: &Bound<'_, PyAny>) -> PyResult<Self> {
        if d.cast::<PyDict>().is_err() {
            return Err(type_error(format!("expected a dict, got {}", type_name(d))));
        }
        let text = dumps(d).map_err(|e| crate::errors::dict_dump_error(d.py(), e))?;
        let cat = d
            .py()
            .detach(|| {
                // Errors name the path in the dict (`skills[3].hours`), not
                // a line and column of the JSON text made from it.
                let def = gap_core::format::from_generated_json_str(&text, "<dict>")?;
                Catalog::from_def(&def)
            })
            .map_err(GapError)?;
        Ok(Self::wrap(cat))
    }

    /// The catalog as a dict (the JSON file's structure), each skill as
    /// ``Skill.to_dict`` gives it: ``hours`` always a list and
    /// ``level_requires`` keyed by int levels. ``from_dict`` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = to_plain(py, &self.inner.to_def())?;
        if let Some(skills) = d.cast::<PyDict>()?.get_item("skills")? {
            for skill in skills.try_iter()? {
                crate::dicts::skill_python_types(&skill?)?;
            }
        }
        Ok(d)
    }

    /// The catalog's display name ("" when none).
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// All skills, in catalog order: a lazy read-only sequence
    /// (``CatalogSequence``), the same object on every access.
    #[getter]
    fn skills(&self, py: Python<'_>) -> PyResult<Py<PyCatalogSequence>> {
        self.view(py, &self.views.skills, Kind::Skills)
    }

    /// All roles, in catalog order: a lazy read-only sequence.
    #[getter]
    fn roles(&self, py: Python<'_>) -> PyResult<Py<PyCatalogSequence>> {
        self.view(py, &self.views.roles, Kind::Roles)
    }

    /// The skill ids, in catalog order: a lazy read-only sequence.
    #[getter]
    fn skill_ids(&self, py: Python<'_>) -> PyResult<Py<PyCatalogSequence>> {
        self.view(py, &self.views.skill_ids, Kind::SkillIds)
    }

    /// The role ids, in catalog order: a lazy read-only sequence.
    #[getter]
    fn role_ids(&self, py: Python<'_>) -> PyResult<Py<PyCatalogSequence>> {
        self.view(py, &self.views.role_ids, Kind::RoleIds)
    }

    /// The transfers, as dicts ``{"from": ref, "to": id, "discount": d}``.
    #[getter]
    fn transfers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_plain(py, &self.inner.to_def().transfers)
    }

    /// A skill by id (``UnknownSkillError`` with suggestions when unknown).
    fn skill(&self, id: &Bound<'_, PyString>) -> PyResult<PySkill> {
        let id = &crate::strings::id_text(id, false)?;
        let ix = self.inner.skill_index(id).map_err(GapError)?;
        Ok(PySkill(self.inner.skill_def(ix)))
    }

    /// A role by id (``UnknownRoleError`` with suggestions when unknown).
    fn role(&self, id: &Bound<'_, PyString>) -> PyResult<PyRole> {
        let id = &crate::strings::id_text(id, true)?;
        let ix = self.inner.role_index(id).map_err(GapError)?;
        Ok(PyRole(self.inner.role_def(ix)))
    }

    /// A new catalog with more roles (``Role`` objects or role dicts). A role
    /// referencing an unknown skill, or whose id is already a role, is a
    /// ``CatalogError``.
    fn with_roles(&self, py: Python<'_>, roles: &Bound<'_, PyAny>) -> PyResult<Self> {
        let defs = role_defs(roles)?;
        let cat = self.inner.clone();
        let new = py.detach(|| cat.with_roles(defs)).map_err(GapError)?;
        Ok(Self::wrap(new))
    }

    /// The prerequisite graph as Graphviz DOT: a rounded box per skill
    /// (name and hours), a diamond per ``any_of`` group fed by its members
    /// (dashed), a filled box per role; arrows point from what is learned
    /// first to what needs it.
    fn to_dot(&self) -> String {
        self.inner.to_dot()
    }

    /// The same graph as ``to_dot`` as a Mermaid flowchart.
    fn to_mermaid(&self) -> String {
        self.inner.to_mermaid()
    }

    /// The step graph as a ``networkx.DiGraph``, acyclic: a node
    /// ``(skill, level)`` per level of each skill (attributes kind "step",
    /// skill, level, name, category, hours of that level), an edge from each
    /// prerequisite step to the step that needs it (the level below, each
    /// reference, each ``any_of`` member), as in ``step_edges()``; with
    /// ``roles=True`` also a node ``"role:<id>"`` per role (kind "role",
    /// name, family) with an edge from each step it requires (attributes
    /// min_level, optional, group). Needs networkx (``pip install
    /// skillgap[networkx]``).
    #[pyo3(signature = (*, roles = false))]
    fn to_networkx<'py>(slf: &Bound<'py, Self>, roles: bool) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let m = py.import("skillgap._notebook")?;
        m.getattr("catalog_networkx")?.call1((slf, roles))
    }

    /// The catalog as two pandas DataFrames, ``skills, roles =
    /// cat.to_pandas()`` (also ``.skills`` / ``.roles``): a row per skill (id,
    /// name, category, levels, hours per level, total_hours, aliases,
    /// requires) and per role (id, name, family, requires, optional), in
    /// catalog order. Needs pandas (imported only here).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let m = py.import("skillgap._notebook")?;
        m.getattr("catalog_frames")?.call1((slf,))
    }

    /// The step graph's edges, ``((skill, level), (skill, level))`` from the
    /// prerequisite step to the step that needs it (the level below, each
    /// reference, each ``any_of`` member); one per pair; acyclic.
    fn step_edges(&self) -> Vec<(gap_core::StepRef<'_>, gap_core::StepRef<'_>)> {
        self.inner.step_edges()
    }

    /// The name of a skill id, None when the catalog has no such skill.
    #[pyo3(signature = (id, /))]
    fn skill_name(&self, id: &str) -> Option<&str> {
        self.inner.skill_name(id)
    }

    /// The name of a role id, None when the catalog has no such role.
    #[pyo3(signature = (id, /))]
    fn role_name(&self, id: &str) -> Option<&str> {
        self.inner.role_name(id)
    }

    /// A skill or reference for people, name next to id: ``"python@2"`` ->
    /// ``"Python (python@2)"`` (as it is when not a known skill's).
    #[pyo3(signature = (reference, /))]
    fn skill_label(&self, reference: &str) -> String {
        self.inner.entry_label(reference)
    }

    /// A role for people: ``"Machine Learning Engineer (ml-engineer)"`` (the
    /// id alone when the catalog does not define it).
    #[pyo3(signature = (id, /))]
    fn role_label(&self, id: &str) -> String {
        self.inner.role_label(id)
    }

    /// A role entry as written (``"python@2"``, ``"any_of[aws, gcp]"``) for
    /// people: ``"Python (python@2)"``, ``"one of AWS (aws), GCP (gcp)"``.
    #[pyo3(signature = (entry, /))]
    fn entry_label(&self, entry: &str) -> String {
        self.inner.entry_label(entry)
    }

    /// The skill-level prerequisite edges: ``(prerequisite, skill, attrs)``
    /// tuples with attrs ``level`` (of the skill), ``min_level`` (of the
    /// prerequisite) and ``group`` (the any_of entry, or None).
    fn skill_edges<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Vec<(String, String, Bound<'py, PyDict>)>> {
        self.inner
            .skill_edges()
            .into_iter()
            .map(|e| {
                let d = PyDict::new(py);
                d.set_item("level", e.level)?;
                d.set_item("min_level", e.min_level)?;
                d.set_item("group", e.group)?;
                Ok((e.from, e.to, d))
            })
            .collect()
    }

    /// The roles whose id or name matches ``query``, best first, at most
    /// ``limit`` (an int, numpy ints too) of them, as ``(id, name, score)``
    /// tuples. An exact case-insensitive id or name match scores 1.0 and
    /// comes first; other matches (words, word beginnings, one or two typos)
    /// score in (0, 1); ties go by id. An empty query finds nothing.
    #[pyo3(signature = (query, limit = None), text_signature = "(self, query, limit=10)")]
    fn find_roles(
        &self,
        py: Python<'_>,
        query: &Bound<'_, PyAny>,
        limit: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<(String, String, f64)>> {
        self.find(py, query, limit, Catalog::find_roles)
    }

    /// The skills whose id, name or an alias matches ``query``, best first,
    /// at most ``limit`` of them, as ``(id, name, score)`` tuples; scored and
    /// ordered as ``find_roles``.
    #[pyo3(signature = (query, limit = None), text_signature = "(self, query, limit=10)")]
    fn find_skills(
        &self,
        py: Python<'_>,
        query: &Bound<'_, PyAny>,
        limit: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<(String, String, f64)>> {
        self.find(py, query, limit, Catalog::find_skills)
    }

    /// An HTML summary of the catalog, for Jupyter.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        call(slf.py(), "catalog_html", slf.as_any())?.extract()
    }

    fn __len__(&self) -> usize {
        self.inner.skills().len()
    }

    fn __contains__(&self, id: &Bound<'_, PyAny>) -> bool {
        id.cast::<PyString>()
            .ok()
            .and_then(|s| s.to_str().ok().map(|s| self.inner.contains_skill(s)))
            .unwrap_or(false)
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner) || *self.inner == *other.inner
    }

    fn __hash__(&self) -> PyResult<isize> {
        Err(type_error("unhashable type: 'Catalog'"))
    }

    fn __repr__(&self) -> String {
        format!(
            "Catalog(name={}, skills={}, roles={})",
            Repr(self.inner.name()),
            self.inner.skills().len(),
            self.inner.roles().len()
        )
    }

    /// A catalog is immutable: a copy is the catalog itself.
    fn __copy__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// A catalog is immutable: a deep copy is the catalog itself.
    fn __deepcopy__(slf: Py<Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf
    }

    /// Rebuilds a catalog from the bytes of ``__reduce__`` (its canonical
    /// compact JSON). When this process already holds a catalog with the
    /// same content hash, that catalog is returned (no rebuild, no copy).
    /// The catalog is then shared: results computed in it pickle its hash.
    #[classmethod]
    fn _from_bytes(_cls: &Bound<'_, PyType>, py: Python<'_>, data: &[u8]) -> PyResult<Py<Self>> {
        let hash = py.detach(|| gap_core::ContentHash::of(data));
        if let Some(cat) = crate::pickle::lookup(py, &hash) {
            return Ok(cat.unbind());
        }
        let def: gap_core::format::CatalogDef = from_bytes(data)?;
        let (cat, hash) = py
            .detach(|| {
                Catalog::from_def(&def).map(|c| {
                    let h = c.content_hash();
                    (c, h)
                })
            })
            .map_err(GapError)?;
        let cat = Bound::new(py, Self::wrap(cat))?;
        crate::pickle::register(&cat, hash)?;
        Ok(cat.unbind())
    }

    /// Pickle support: the class and the catalog's canonical bytes (compact
    /// JSON). The catalog becomes shared (see ``content_hash``).
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let py = slf.py();
        let cat = slf.get().inner.clone();
        let (data, hash) = py.detach(|| cat.canonical_form());
        crate::pickle::register(slf, hash)?;
        Ok((
            slf.get_type().getattr("_from_bytes")?,
            (PyBytes::new(py, &data),),
        ))
    }

    /// The catalog's content hash: 64 hex digits of the BLAKE3 hash of its
    /// canonical JSON, equal for equal catalogs in every process and on
    /// every platform. Once a catalog has been pickled or unpickled in a
    /// process, the paths, schedules and gaps computed in it pickle this
    /// hash instead of a copy of the catalog (the receiving process must
    /// hold the catalog; see docs/scale.md).
    #[getter]
    fn content_hash(&self, py: Python<'_>) -> String {
        let cat = self.inner.clone();
        py.detach(|| cat.content_hash()).to_string()
    }
}

/// Query limits from a ``budget=`` argument (None: the library's default).
fn limits(budget: Option<&Bound<'_, PyAny>>) -> PyResult<Limits> {
    let mut l = Limits::default();
    if let Some(b) = budget {
        if !b.is_none() {
            l.budget = Some(count_arg(b, "budget")?);
        }
    }
    Ok(l)
}

impl PyCatalog {
    /// `find_roles` / `find_skills`: converts the query and the limit (10
    /// when None), searches without the GIL.
    fn find(
        &self,
        py: Python<'_>,
        query: &Bound<'_, PyAny>,
        limit: Option<&Bound<'_, PyAny>>,
        search: fn(&Catalog, &str, usize) -> Vec<gap_core::Found>,
    ) -> PyResult<Vec<(String, String, f64)>> {
        let Ok(q) = query.cast::<PyString>() else {
            return Err(type_error(format!(
                "query must be a str, got {}",
                type_name(query)
            )));
        };
        let (q, _) = text_for_core(q)?;
        let limit = match limit {
            Some(l) if !l.is_none() => index_arg(l, "limit")?,
            _ => 10,
        };
        let cat = self.inner.clone();
        let found = py.detach(|| search(&cat, &q, limit));
        Ok(found.into_iter().map(|f| (f.id, f.name, f.score)).collect())
    }
}

/// A count argument given as any integer (a Python int or a numpy
/// integer: anything with `__index__` but a bool), capped at `usize::MAX`.
fn index_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<usize> {
    let is_int = !obj.is_instance_of::<pyo3::types::PyBool>()
        && (obj.is_instance_of::<pyo3::types::PyInt>() || obj.hasattr("__index__")?);
    if !is_int {
        return Err(type_error(format!(
            "{name} must be an int, got {}",
            type_name(obj)
        )));
    }
    let value = obj.call_method0("__index__")?;
    if value.lt(0)? {
        return Err(invalid_argument(format!(
            "{name} must be an int of 0 or more, got {obj}"
        )));
    }
    Ok(value
        .extract::<u64>()
        .map_or(usize::MAX, |v| usize::try_from(v).unwrap_or(usize::MAX)))
}

/// What a batch call reports progress to, from its ``progress=`` argument
/// (see ``skillgap._progress``): None for none.
fn reporter<'py>(
    py: Python<'py>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let Some(p) = progress else {
        return Ok(None);
    };
    let r = py
        .import("skillgap._progress")?
        .getattr("reporter")?
        .call1((p,))?;
    Ok((!r.is_none()).then_some(r))
}

/// The embedded catalog, parsed once per process, then shared.
pub fn default_core(py: Python<'_>) -> Arc<Catalog> {
    DEFAULT
        .get_or_init(py, || py.detach(|| Arc::new(Catalog::default())))
        .clone()
}
