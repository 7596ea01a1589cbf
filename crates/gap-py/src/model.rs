//! The model classes: `Skill` (a catalog skill, read-only), `Role`
//! (constructible in Python, a query target) and `Profile` (what a person
//! knows; mapping-like, immutable).

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use gap_core::Profile;
use gap_core::format::{Hours, ReqDef, RoleDef, SkillDef};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyType};

use crate::convert::{
    ReprF, extract_profile, extract_req, extract_strings, iter_arg, list_iter, req_to_py,
    role_def_from_dict, to_plain,
};
use crate::errors::{GapError, type_error};
use crate::macros::data_class;
use crate::path::PyPath;

fn hash_of<T: serde::Serialize>(v: &T) -> u64 {
    let mut h = DefaultHasher::new();
    serde_json::to_vec(v).unwrap_or_default().hash(&mut h);
    h.finish()
}

fn py_repr(obj: &Bound<'_, PyAny>) -> String {
    obj.repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| "?".to_string())
}

/// Python's repr of a `str`.
fn str_repr(py: Python<'_>, s: &str) -> String {
    py_repr(PyString::new(py, s).as_any())
}

fn opt_repr(py: Python<'_>, v: &Option<String>) -> String {
    match v {
        Some(s) => str_repr(py, s),
        None => "None".to_string(),
    }
}

/// Requirement entries as a Python list (references as str, groups as dicts).
fn reqs_to_list<'py>(py: Python<'py>, reqs: &[ReqDef]) -> PyResult<Bound<'py, PyList>> {
    let items = reqs
        .iter()
        .map(|r| req_to_py(py, r))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// A skill of a catalog: id, name, optional category / description / source,
/// aliases (used to find it in text), resources, hours per level and its
/// prerequisites. Get one with ``cat.skill(id)`` or ``cat.skills``.
#[pyclass(frozen, module = "skillgap", name = "Skill")]
pub struct PySkill(pub SkillDef);

data_class!(PySkill, SkillDef, {
    /// The skill id.
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }

    /// The display name.
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }

    /// The category, or None.
    #[getter]
    fn category(&self) -> Option<&str> {
        self.0.category.as_deref()
    }

    /// The description, or None.
    #[getter]
    fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// Where the skill comes from (a taxonomy URI or a citation), or None.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.0.source.as_deref()
    }

    /// Strings used to find the skill in text.
    #[getter]
    fn aliases(&self) -> Vec<String> {
        self.0.aliases.clone()
    }

    /// Learning resources (URLs or titles).
    #[getter]
    fn resources(&self) -> Vec<String> {
        self.0.resources.clone()
    }

    /// Hours of each level (index 0 = level 1), each the extra effort over
    /// the level below.
    #[getter]
    fn hours(&self) -> Vec<f64> {
        self.0.hours.as_slice().to_vec()
    }

    /// The number of levels.
    #[getter]
    fn levels(&self) -> usize {
        self.0.hours.as_slice().len()
    }

    /// What must be satisfied before level 1: references (str) and groups
    /// (``{"any_of": [...], "count": k}``).
    #[getter]
    fn requires<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        reqs_to_list(py, &self.0.requires)
    }

    /// Extra requirements of levels 2 and up, by level (int keys).
    #[getter]
    fn level_requires<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let by_level: BTreeMap<u64, _> = self
            .0
            .level_requires
            .iter()
            .map(|(k, v)| (k.parse::<u64>().unwrap_or(0), v))
            .collect();
        for (k, v) in by_level {
            d.set_item(k, reqs_to_list(py, v)?)?;
        }
        Ok(d)
    }

    /// The skill as a dict with the keys of a catalog file and the types
    /// of the attributes: ``hours`` always a list (one level too) and
    /// ``level_requires`` keyed by int levels (the files write ``"2"``;
    /// ``Catalog.from_dict`` takes either).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = to_plain(py, &self.0)?;
        crate::dicts::skill_python_types(&d)?;
        Ok(d)
    }

    fn __hash__(&self) -> u64 {
        hash_of(&self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let hours = match &self.0.hours {
            Hours::One(h) => ReprF(*h).to_string(),
            Hours::Levels(v) => format!(
                "[{}]",
                v.iter()
                    .map(|h| ReprF(*h).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        format!(
            "Skill(id={}, name={}, hours={hours})",
            str_repr(py, &self.0.id),
            str_repr(py, &self.0.name),
        )
    }
});

/// A job role: what is essential to be job-ready (``requires``: references
/// like ``"python@2"`` and groups ``{"any_of": [...], "count": k}``) and what
/// raises the match (``optional`` references).
///
/// ``Role(id, name, *, requires=[...], optional=[...], family=None,
/// description=None, source=None)`` builds one in Python; it is checked
/// against a catalog when used (``cat.with_roles`` or a query), where an
/// unknown skill is a ``CatalogError``.
#[pyclass(frozen, module = "skillgap", name = "Role")]
pub struct PyRole(pub RoleDef);

data_class!(PyRole, RoleDef, {
    #[new]
    #[pyo3(signature = (id, name, *, requires = None, optional = None, family = None, description = None, source = None))]
    fn new(
        id: String,
        name: String,
        requires: Option<&Bound<'_, PyAny>>,
        optional: Option<&Bound<'_, PyAny>>,
        family: Option<String>,
        description: Option<String>,
        source: Option<String>,
    ) -> PyResult<Self> {
        let requires = match requires {
            None => Vec::new(),
            Some(r) => iter_arg(r, "requires: expected a list of entries")?
                .map(|x| extract_req(&x?))
                .collect::<PyResult<_>>()?,
        };
        let optional = match optional {
            None => Vec::new(),
            Some(o) => {
                if o.is_instance_of::<PyString>() {
                    return Err(type_error(
                        "optional: expected a list of references, not a str",
                    ));
                }
                extract_strings(o, "optional")?
            }
        };
        Ok(PyRole(RoleDef {
            id,
            name,
            family,
            description,
            source,
            requires,
            optional,
        }))
    }

    /// A role from a dict shaped like a role of a catalog file.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, d: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PyRole(role_def_from_dict(d)?))
    }

    /// The role id.
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }

    /// The display name.
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }

    /// The family (e.g. "data", "ml"), or None.
    #[getter]
    fn family(&self) -> Option<&str> {
        self.0.family.as_deref()
    }

    /// The description, or None.
    #[getter]
    fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// Where the role comes from, or None.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.0.source.as_deref()
    }

    /// Essential entries: references (str) and groups (dict).
    #[getter]
    fn requires<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        reqs_to_list(py, &self.0.requires)
    }

    /// Optional references.
    #[getter]
    fn optional(&self) -> Vec<String> {
        self.0.optional.clone()
    }

    /// The role as a dict, as written in a catalog file.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_plain(py, &self.0)
    }

    fn __hash__(&self) -> u64 {
        hash_of(&self.0)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let py = slf.py();
        let r = &slf.get().0;
        let req = Self::requires(slf.get(), py)?;
        let mut s = format!(
            "Role({}, {}, requires={}",
            str_repr(py, &r.id),
            str_repr(py, &r.name),
            py_repr(req.as_any()),
        );
        if !r.optional.is_empty() {
            s.push_str(&format!(
                ", optional={}",
                py_repr(PyList::new(py, &r.optional)?.as_any())
            ));
        }
        if r.family.is_some() {
            s.push_str(&format!(", family={}", opt_repr(py, &r.family)));
        }
        s.push(')');
        Ok(s)
    }
});

/// What a person knows: skill id -> level (0 or absent = unknown).
///
/// ``Profile({"python": 2, "sql": 1})`` or ``Profile.from_refs(["python@2",
/// "sql"])``. Immutable and mapping-like (``p["python"]``, ``"sql" in p``,
/// ``len(p)``, iteration over ids, ``keys`` / ``values`` / ``items`` /
/// ``get``). A profile is plain data, checked against a catalog when a query
/// uses it (an unknown skill is an ``UnknownSkillError``, a level above the
/// skill's highest a ``ProfileError``). A negative level is a
/// ``ProfileError`` at once. Wherever a profile is taken, a plain dict works
/// too.
#[pyclass(frozen, module = "skillgap", name = "Profile", mapping)]
pub struct PyProfile(pub Profile);

data_class!(PyProfile, Profile, {
    #[new]
    #[pyo3(signature = (levels = None))]
    fn new(levels: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        match levels {
            None => Ok(PyProfile(Profile::new())),
            Some(l) => Ok(PyProfile(extract_profile(l)?)),
        }
    }

    /// A profile from references like ``"python@2"`` and ``"sql"`` (level 1):
    /// a list of them, or one comma-separated string as the command line's
    /// ``--have`` takes (``"python@2, sql, pandas"``; spaces around each
    /// reference are ignored). The same skill twice keeps the higher level.
    /// A malformed reference (an empty one too) is a ``ProfileError``.
    #[classmethod]
    fn from_refs(_cls: &Bound<'_, PyType>, refs: &Bound<'_, PyAny>) -> PyResult<Self> {
        let refs: Vec<String> = match refs.cast::<PyString>() {
            Ok(s) => s.to_str()?.split(',').map(str::to_string).collect(),
            Err(_) => extract_strings(refs, "refs")?,
        };
        Ok(PyProfile(Profile::from_refs(refs).map_err(GapError)?))
    }

    /// A profile from JSON text: an object from skill id to level,
    /// ``'{"python": 2, "sql": 1}'``. Text that is not such an object is a
    /// ``CatalogError`` with ``line``, ``column`` and ``path`` (the skill id);
    /// a negative level a ``ProfileError``.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: &str) -> PyResult<Self> {
        Ok(PyProfile(Profile::from_json(text).map_err(GapError)?))
    }

    /// A profile from TOML text: a table from skill id to level,
    /// ``"python = 2"``; errors as for ``from_json``.
    #[classmethod]
    fn from_toml(_cls: &Bound<'_, PyType>, text: &str) -> PyResult<Self> {
        Ok(PyProfile(Profile::from_toml(text).map_err(GapError)?))
    }

    /// Reads a profile file, TOML for a ``.toml`` name and JSON otherwise
    /// (as ``skillgap --profile FILE`` does). A missing file is a
    /// ``FileNotFoundError``; errors name the file.
    #[classmethod]
    fn load(_cls: &Bound<'_, PyType>, py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let p = py.detach(|| Profile::load(&path)).map_err(GapError)?;
        Ok(PyProfile(p))
    }

    /// A new profile with each skill at the higher of its levels here and in
    /// ``other`` (a Profile or a mapping of id -> level).
    #[pyo3(signature = (other, /))]
    fn merge_max(&self, other: &Bound<'_, PyAny>) -> PyResult<PyProfile> {
        let other = extract_profile(other)?;
        let mut p = self.0.clone();
        p.merge_max(&other);
        Ok(PyProfile(p))
    }

    /// The level of a skill, 0 when unknown.
    fn level(&self, skill: &str) -> u32 {
        self.0.level(skill)
    }

    /// The level of a skill, or ``default`` when the profile does not name it.
    #[pyo3(signature = (skill, default = None))]
    fn get<'py>(
        &self,
        py: Python<'py>,
        skill: &str,
        default: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        match self.0.as_map().get(skill) {
            Some(l) => Ok(l.into_pyobject(py)?.into_any()),
            None => Ok(default.unwrap_or_else(|| py.None().into_bound(py))),
        }
    }

    /// The skill ids, sorted.
    fn keys(&self) -> Vec<String> {
        self.0.as_map().keys().cloned().collect()
    }

    /// The levels, in the order of ``keys()``.
    fn values(&self) -> Vec<u32> {
        self.0.as_map().values().copied().collect()
    }

    /// (skill id, level) pairs, sorted by id.
    fn items(&self) -> Vec<(String, u32)> {
        self.0
            .as_map()
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    }

    /// The names ``Catalog.profile`` mapped to skill ids (name as given ->
    /// id), for the keys that were not ids; empty for a profile made
    /// otherwise. A report, not part of the profile: not compared, pickled
    /// or saved.
    #[getter]
    fn resolved(&self) -> BTreeMap<String, String> {
        self.0.resolved().clone()
    }

    /// The profile as a plain dict.
    fn to_dict(&self) -> BTreeMap<String, u32> {
        self.0.as_map().clone()
    }

    /// The profile after learning the given steps (a new Profile): a
    /// ``Path`` (all its steps) or any iterable of ``Step`` objects, so
    /// ``p.apply(path.steps[:3])`` applies the first three steps of a path.
    /// Each step raises its skill to the step's level (never lowers it).
    fn apply(&self, steps: &Bound<'_, PyAny>) -> PyResult<PyProfile> {
        if let Ok(path) = steps.cast::<PyPath>() {
            return Ok(PyProfile(self.0.after(&path.get().path)));
        }
        let mut p = self.0.clone();
        let it = steps.try_iter().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "apply() takes a Path or an iterable of Step objects, not {}",
                steps
                    .get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?;
        for (i, item) in it.enumerate() {
            let item = item?;
            let step = item.cast::<crate::path::PyStep>().map_err(|_| {
                pyo3::exceptions::PyTypeError::new_err(format!(
                    "apply(): item {i} is a {}, not a Step",
                    item.get_type()
                        .name()
                        .map(|n| n.to_string())
                        .unwrap_or_default()
                ))
            })?;
            let s = &step.get().0;
            p.raise(s.skill.as_str(), s.level);
        }
        Ok(PyProfile(p))
    }

    /// A new profile with the given levels (a Profile or a mapping of id ->
    /// level) merged in: each skill at the higher of its two levels, or with
    /// ``set=True`` at the level given (0 removes it).
    #[pyo3(signature = (levels, /, *, set = false))]
    fn with_levels(&self, levels: &Bound<'_, PyAny>, set: bool) -> PyResult<PyProfile> {
        let other = extract_profile(levels)?;
        let mut pairs: Vec<(String, u32)> =
            other.iter().map(|(id, &l)| (id.to_string(), l)).collect();
        // A profile drops level 0; `set` still takes it (it removes the skill).
        if set && let Ok(map) = levels.cast::<pyo3::types::PyMapping>() {
            for k in map.keys()?.iter() {
                let id: String = k.extract()?;
                if other.level(&id) == 0 {
                    pairs.push((id, 0));
                }
            }
        }
        Ok(PyProfile(self.0.with_levels(
            pairs.iter().map(|(id, l)| (id.as_str(), l)),
            set,
        )))
    }

    /// ``profile | other``: ``merge_max`` (each skill at the higher level).
    fn __or__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        if other.cast::<PyProfile>().is_err() && other.cast::<pyo3::types::PyMapping>().is_err() {
            return Ok(py.NotImplemented());
        }
        let mut p = self.0.clone();
        p.merge_max(&extract_profile(other)?);
        Ok(PyProfile(p).into_pyobject(py)?.into_any().unbind())
    }

    /// ``other | profile``: the same merge (each skill at the higher level).
    fn __ror__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        self.__or__(other)
    }

    /// Writes the profile to a file that ``Profile.load`` reads back: TOML
    /// for a ``.toml`` name, JSON otherwise (the command line's ``--profile``
    /// formats).
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        py.detach(|| self.0.save(&path)).map_err(GapError)?;
        Ok(())
    }

    /// The profile as JSON text (``from_json`` reads it back).
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The profile as TOML text (``from_toml`` reads it back).
    fn to_toml(&self) -> String {
        self.0.to_toml()
    }

    fn __getitem__(&self, skill: &Bound<'_, PyAny>) -> PyResult<u32> {
        let key: Option<&u32> = skill
            .cast::<PyString>()
            .ok()
            .and_then(|s| s.to_str().ok().and_then(|s| self.0.as_map().get(s)));
        match key {
            Some(l) => Ok(*l),
            None => Err(pyo3::exceptions::PyKeyError::new_err(
                skill.clone().unbind(),
            )),
        }
    }

    fn __contains__(&self, skill: &Bound<'_, PyAny>) -> bool {
        skill
            .cast::<PyString>()
            .ok()
            .and_then(|s| s.to_str().ok().map(|s| self.0.as_map().contains_key(s)))
            .unwrap_or(false)
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        list_iter(py, self.0.as_map().keys())
    }

    fn __hash__(&self) -> u64 {
        hash_of(&self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let d = self.to_dict()?.into_pyobject(py)?;
        Ok(format!("Profile({})", py_repr(d.as_any())))
    }
});
