//! `Catalog`: an immutable, validated skills catalog shared through an `Arc`
//! — loading and saving, accessors, and every query. Arguments are converted
//! first, then the core runs with the GIL released (`py.detach`).

use std::path::PathBuf;
use std::sync::Arc;

use gap_core::format::RoleDef;
use gap_core::{Catalog, RoleIx, SkillIx};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString, PyType};

use crate::convert::{dumps, from_bytes, role_def_from_dict, to_plain, type_name};
use crate::errors::{GapError, type_error};
use crate::model::{PyRole, PySkill};
use crate::notebook::call;

/// A validated skills catalog: skills with levels and prerequisites, roles,
/// and transfers. Immutable (``with_roles`` returns a new one); safe to share
/// between threads; pickles compactly.
///
/// Build one with ``Catalog.default()``, ``Catalog.load(path)``,
/// ``Catalog.from_json(text)``, ``Catalog.from_dict(d)``,
/// ``Catalog.synthetic(...)`` or an importer. ``len(cat)`` is the number of
/// skills and ``skill_id in cat`` tests a skill id.
#[pyclass(frozen, module = "skillgap", name = "Catalog")]
pub struct PyCatalog {
    /// The shared core catalog.
    pub inner: Arc<Catalog>,
}

impl PyCatalog {
    /// Wraps a core catalog.
    pub fn wrap(cat: Catalog) -> Self {
        PyCatalog {
            inner: Arc::new(cat),
        }
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

#[pymethods]
impl PyCatalog {
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
    fn from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, text: &str) -> PyResult<Self> {
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
    fn from_toml(_cls: &Bound<'_, PyType>, py: Python<'_>, text: &str) -> PyResult<Self> {
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
        let text = dumps(d)?;
        let cat = d
            .py()
            .detach(|| Catalog::from_json(&text))
            .map_err(GapError)?;
        Ok(Self::wrap(cat))
    }

    /// The catalog as a dict (the JSON file's structure).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_plain(py, &self.inner.to_def())
    }

    /// The catalog's display name ("" when none).
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// All skills, in catalog order.
    #[getter]
    fn skills(&self) -> Vec<PySkill> {
        (0..self.inner.skills().len())
            .map(|i| PySkill(self.inner.skill_def(SkillIx(i as u32))))
            .collect()
    }

    /// All roles, in catalog order.
    #[getter]
    fn roles(&self) -> Vec<PyRole> {
        (0..self.inner.roles().len())
            .map(|i| PyRole(self.inner.role_def(RoleIx(i as u32))))
            .collect()
    }

    /// The skill ids, in catalog order.
    #[getter]
    fn skill_ids(&self) -> Vec<String> {
        self.inner.skills().iter().map(|s| s.id.clone()).collect()
    }

    /// The role ids, in catalog order.
    #[getter]
    fn role_ids(&self) -> Vec<String> {
        self.inner.roles().iter().map(|r| r.id.clone()).collect()
    }

    /// The transfers, as dicts ``{"from": ref, "to": id, "discount": d}``.
    #[getter]
    fn transfers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_plain(py, &self.inner.to_def().transfers)
    }

    /// A skill by id (``UnknownSkillError`` with suggestions when unknown).
    fn skill(&self, id: &str) -> PyResult<PySkill> {
        let ix = self.inner.skill_index(id).map_err(GapError)?;
        Ok(PySkill(self.inner.skill_def(ix)))
    }

    /// A role by id (``UnknownRoleError`` with suggestions when unknown).
    fn role(&self, id: &str) -> PyResult<PyRole> {
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

    /// The catalog as a Graphviz DOT digraph: a box per skill, an arrow from
    /// each prerequisite to the skill that needs it (dashed within an
    /// ``any_of`` group) and, with ``roles=True``, an ellipse per role.
    #[pyo3(signature = (roles = true))]
    fn to_dot(&self, roles: bool) -> String {
        self.inner.to_dot(roles)
    }

    /// The skill prerequisite graph as a ``networkx.DiGraph``: a node per
    /// skill (attributes name, category, hours, levels), an edge from each
    /// prerequisite to the skill that needs it (attributes level, min_level,
    /// group); with ``roles=True`` also a node ``"role:<id>"`` per role (kind
    /// "role") with an edge from each skill it requires. Needs networkx
    /// (``pip install skillgap[networkx]``).
    #[pyo3(signature = (roles = false))]
    fn to_networkx<'py>(slf: &Bound<'py, Self>, roles: bool) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let m = py.import("skillgap._notebook")?;
        m.getattr("catalog_networkx")?.call1((slf, roles))
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
            "Catalog(name={:?}, skills={}, roles={})",
            self.inner.name(),
            self.inner.skills().len(),
            self.inner.roles().len()
        )
    }

    /// Rebuilds a catalog from the bytes of ``__reduce__`` (compact JSON).
    #[classmethod]
    fn _from_bytes(_cls: &Bound<'_, PyType>, py: Python<'_>, data: &[u8]) -> PyResult<Self> {
        let def: gap_core::format::CatalogDef = from_bytes(data)?;
        let cat = py.detach(|| Catalog::from_def(&def)).map_err(GapError)?;
        Ok(Self::wrap(cat))
    }

    /// Pickle support: the class and the catalog as compact JSON bytes.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let py = slf.py();
        let cat = slf.get().inner.clone();
        let data = py
            .detach(|| serde_json::to_vec(&cat.to_def()))
            .map_err(|e| crate::errors::internal(e.to_string()))?;
        Ok((
            slf.get_type().getattr("_from_bytes")?,
            (PyBytes::new(py, &data),),
        ))
    }
}
