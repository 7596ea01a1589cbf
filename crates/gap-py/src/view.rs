//! `CatalogSequence`: the lazy, read-only sequence behind `cat.skills`,
//! `cat.roles`, `cat.skill_ids` and `cat.role_ids`. It holds the shared core
//! catalog and makes an item only when it is asked for, so `cat.skills[i]` in
//! a loop is O(1) per access (a list rebuilt on every attribute access made
//! it quadratic). Each catalog keeps one view of each kind: `cat.skills is
//! cat.skills`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use gap_core::{Catalog, RoleIx, SkillIx};
use pyo3::IntoPyObjectExt;
use pyo3::exceptions::{PyIndexError, PyStopIteration};
use pyo3::prelude::*;
use pyo3::types::{PyList, PySlice, PyString, PyTuple};

use crate::catalog::PyCatalog;
use crate::convert::type_name;
use crate::errors::type_error;
use crate::model::{PyRole, PySkill};

/// What `CatalogSequence.__reduce__` returns: `getattr` and its arguments.
type ViewReduce<'py> = (Bound<'py, PyAny>, (Py<PyCatalog>, &'static str));

/// What a view lists.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// `Skill` objects.
    Skills,
    /// `Role` objects.
    Roles,
    /// Skill ids.
    SkillIds,
    /// Role ids.
    RoleIds,
}

/// A read-only sequence of a catalog's skills, roles or their ids, in
/// catalog order, made lazily: ``len``, indexing (negative too), slices (a
/// list), iteration, ``in`` and ``==`` with lists and tuples (item by item).
/// ``list(view)`` copies it.
#[pyclass(frozen, module = "skillgap", name = "CatalogSequence", sequence)]
pub struct PyCatalogSequence {
    cat: Arc<Catalog>,
    kind: Kind,
}

impl PyCatalogSequence {
    /// A view of `kind` over `cat`.
    pub fn new(cat: Arc<Catalog>, kind: Kind) -> Self {
        PyCatalogSequence { cat, kind }
    }

    fn len(&self) -> usize {
        match self.kind {
            Kind::Skills | Kind::SkillIds => self.cat.skills().len(),
            Kind::Roles | Kind::RoleIds => self.cat.roles().len(),
        }
    }

    /// The item at `i` (< len).
    fn item<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyAny>> {
        match self.kind {
            Kind::Skills => PySkill(self.cat.skill_def(SkillIx(i as u32))).into_bound_py_any(py),
            Kind::Roles => PyRole(self.cat.role_def(RoleIx(i as u32))).into_bound_py_any(py),
            Kind::SkillIds => self.cat.skills()[i].id.as_str().into_bound_py_any(py),
            Kind::RoleIds => self.cat.roles()[i].id.as_str().into_bound_py_any(py),
        }
    }

    /// The index of the item with id `id`, if any (no suggestions computed).
    fn position(&self, id: &str) -> Option<usize> {
        match self.kind {
            Kind::Skills | Kind::SkillIds if self.cat.contains_skill(id) => {
                self.cat.skill_index(id).ok().map(|ix| ix.0 as usize)
            }
            Kind::Roles | Kind::RoleIds if self.cat.contains_role(id) => {
                self.cat.role_index(id).ok().map(|ix| ix.0 as usize)
            }
            _ => None,
        }
    }
}

#[gap_py_guard::guarded]
#[pymethods]
impl PyCatalogSequence {
    fn __len__(&self) -> usize {
        self.len()
    }

    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        index: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let n = self.len();
        if let Ok(slice) = index.cast::<PySlice>() {
            let ix = slice.indices(n as isize)?;
            let mut out = Vec::with_capacity(ix.slicelength);
            let mut i = ix.start;
            for _ in 0..ix.slicelength {
                out.push(self.item(py, i as usize)?);
                i += ix.step;
            }
            return Ok(PyList::new(py, out)?.into_any());
        }
        let Ok(i) = index.extract::<isize>() else {
            return Err(type_error(format!(
                "indices must be integers or slices, not {}",
                type_name(index)
            )));
        };
        let j = if i < 0 { i + n as isize } else { i };
        if !(0..n as isize).contains(&j) {
            return Err(PyIndexError::new_err("catalog sequence index out of range"));
        }
        self.item(py, j as usize)
    }

    fn __iter__(slf: Py<Self>) -> SequenceIter {
        SequenceIter {
            view: slf,
            next: AtomicUsize::new(0),
        }
    }

    fn __contains__(&self, item: &Bound<'_, PyAny>) -> PyResult<bool> {
        match self.kind {
            Kind::SkillIds | Kind::RoleIds => Ok(item
                .cast::<PyString>()
                .ok()
                .and_then(|s| s.to_str().ok().and_then(|s| self.position(s)))
                .is_some()),
            Kind::Skills => Ok(match item.cast::<PySkill>() {
                Ok(s) => self
                    .position(&s.get().0.id)
                    .is_some_and(|i| self.cat.skill_def(SkillIx(i as u32)) == s.get().0),
                Err(_) => false,
            }),
            Kind::Roles => Ok(match item.cast::<PyRole>() {
                Ok(r) => self
                    .position(&r.get().0.id)
                    .is_some_and(|i| self.cat.role_def(RoleIx(i as u32)) == r.get().0),
                Err(_) => false,
            }),
        }
    }

    /// The index of ``item`` (``ValueError`` when absent, or outside
    /// ``start:stop``).
    #[pyo3(signature = (item, start = 0, stop = None, /))]
    fn index(&self, item: &Bound<'_, PyAny>, start: isize, stop: Option<isize>) -> PyResult<usize> {
        let n = self.len() as isize;
        let clamp = |i: isize| if i < 0 { (i + n).max(0) } else { i.min(n) };
        let (start, stop) = (clamp(start), clamp(stop.unwrap_or(n)));
        let id = match self.kind {
            Kind::SkillIds | Kind::RoleIds => item
                .cast::<PyString>()
                .ok()
                .and_then(|s| s.to_str().ok().map(str::to_string)),
            Kind::Skills => item.cast::<PySkill>().ok().map(|s| s.get().0.id.clone()),
            Kind::Roles => item.cast::<PyRole>().ok().map(|r| r.get().0.id.clone()),
        };
        let found = match id {
            Some(id) if self.__contains__(item)? => self.position(&id),
            _ => None,
        };
        match found {
            Some(i) if (start..stop).contains(&(i as isize)) => Ok(i),
            _ => Err(pyo3::exceptions::PyValueError::new_err(format!(
                "{} is not in the sequence",
                item.repr()?
            ))),
        }
    }

    /// How many times ``item`` occurs (0 or 1: ids are unique).
    #[pyo3(signature = (item, /))]
    fn count(&self, item: &Bound<'_, PyAny>) -> PyResult<usize> {
        Ok(usize::from(self.__contains__(item)?))
    }

    /// Equal to another view of the same items, or to a list or tuple with
    /// equal items in the same order.
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Ok(o) = other.cast::<PyCatalogSequence>() {
            let o = o.get();
            if o.kind == self.kind && (Arc::ptr_eq(&o.cat, &self.cat) || *o.cat == *self.cat) {
                return true.into_py_any(py);
            }
        } else if !(other.cast::<PyList>().is_ok() || other.cast::<PyTuple>().is_ok()) {
            return Ok(py.NotImplemented());
        }
        if other.len()? != self.len() {
            return false.into_py_any(py);
        }
        for (i, theirs) in other.try_iter()?.enumerate() {
            if !self.item(py, i)?.eq(theirs?)? {
                return false.into_py_any(py);
            }
        }
        true.into_py_any(py)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let items = PyList::new(slf.py(), slf.try_iter()?.collect::<PyResult<Vec<_>>>()?)?;
        Ok(items.repr()?.to_string())
    }

    /// Pickle support: ``getattr(catalog, name)`` of a catalog sharing the
    /// same core catalog (the catalog pickles compactly).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<ViewReduce<'py>> {
        let name = match self.kind {
            Kind::Skills => "skills",
            Kind::Roles => "roles",
            Kind::SkillIds => "skill_ids",
            Kind::RoleIds => "role_ids",
        };
        let cat = Py::new(py, PyCatalog::shared(self.cat.clone()))?;
        Ok((py.import("builtins")?.getattr("getattr")?, (cat, name)))
    }
}

/// The iterator of a `CatalogSequence`.
#[pyclass(frozen, module = "skillgap", name = "CatalogSequenceIterator")]
pub struct SequenceIter {
    view: Py<PyCatalogSequence>,
    next: AtomicUsize,
}

#[gap_py_guard::guarded]
#[pymethods]
impl SequenceIter {
    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let view = self.view.get();
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        if i >= view.len() {
            self.next.store(view.len(), Ordering::Relaxed);
            return Err(PyStopIteration::new_err(()));
        }
        view.item(py, i)
    }
}
