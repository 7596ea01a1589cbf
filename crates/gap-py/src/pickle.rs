//! Compact pickles across processes. A catalog that has crossed a process
//! boundary (it was pickled or unpickled in this process) is *shared*: it is
//! entered in a process-wide weak registry under its content hash
//! (`gap_core::ContentHash`), and the results computed in it (`Path`,
//! `Schedule`, `Gap`) pickle the hash (64 hex digits) instead of a copy of
//! the catalog. Unpickling a result looks the hash up: in the process that
//! sent the catalog (it pickled it), or any process that unpickled it, the
//! catalog is there. Elsewhere, the embedded catalog is rebuilt by itself;
//! any other catalog gives a `CatalogError` that names the hash and how to
//! fix it (unpickle or load the catalog first, or pickle it together with
//! the results). A catalog never pickled keeps the old, self-contained
//! pickles (the catalog stored once per pickle).
//!
//! Unpickling a catalog whose hash this process already holds returns the
//! catalog it holds (no second copy, no rebuild).
//!
//! An unpickled result is checked against its catalog ([`Fits`]: the core's
//! `Catalog::check_*`): tampered or mismatched bytes are a `CatalogError`
//! at unpickling, not a failure far from the cause (issue 17).

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use gap_core::ContentHash;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyWeakrefMethods, PyWeakrefReference};

use crate::catalog::PyCatalog;
use crate::errors::catalog_error;

/// Shared catalogs by content hash (weak: the registry keeps none alive).
static REGISTRY: Mutex<BTreeMap<ContentHash, Py<PyWeakrefReference>>> = Mutex::new(BTreeMap::new());

/// Enters `cat` in the registry under `hash` (its content hash) and marks it
/// shared. Entries of catalogs that are gone are dropped on the way.
pub fn register(cat: &Bound<'_, PyCatalog>, hash: ContentHash) -> PyResult<()> {
    let weak = PyWeakrefReference::new(cat)?.unbind();
    let mut reg = REGISTRY.lock().unwrap_or_else(PoisonError::into_inner);
    let py = cat.py();
    reg.retain(|_, w| w.bind(py).upgrade().is_some());
    reg.insert(hash, weak);
    let _ = cat.get().shared.set(hash);
    Ok(())
}

/// The live shared catalog with content hash `hash`, if this process holds one.
pub fn lookup<'py>(py: Python<'py>, hash: &ContentHash) -> Option<Bound<'py, PyCatalog>> {
    let reg = REGISTRY.lock().unwrap_or_else(PoisonError::into_inner);
    let obj = reg.get(hash)?.bind(py).upgrade()?;
    obj.cast_into::<PyCatalog>().ok()
}

/// What a result's pickle stores for its catalog: the hash (a `str`) when
/// the catalog is shared, else the catalog itself.
pub fn catalog_arg<'py>(py: Python<'py>, cat: &Py<PyCatalog>) -> Bound<'py, PyAny> {
    match cat.get().shared.get() {
        Some(hash) => PyString::new(py, &hash.to_string()).into_any(),
        None => cat.bind(py).clone().into_any(),
    }
}

/// The catalog a result's pickle stored ([`catalog_arg`]): the catalog, or
/// the one this process holds under the hash.
pub fn catalog_from_arg(arg: &Bound<'_, PyAny>) -> PyResult<Py<PyCatalog>> {
    if let Ok(cat) = arg.cast::<PyCatalog>() {
        return Ok(cat.clone().unbind());
    }
    let py = arg.py();
    let hex: String = arg.extract()?;
    let hash: ContentHash = hex.parse().map_err(crate::errors::GapError)?;
    if let Some(cat) = lookup(py, &hash) {
        return Ok(cat.unbind());
    }
    let default = crate::catalog::default_core(py);
    if default.content_hash() == hash {
        let cat = Bound::new(py, PyCatalog::shared(default))?;
        register(&cat, hash)?;
        return Ok(cat.unbind());
    }
    Err(catalog_error(
        py,
        format!(
            "this pickle refers to catalog {hash} by content hash, and this process holds \
             no catalog with that hash: results of a catalog that was pickled store only its \
             hash. Unpickle or load that catalog in this process first (and keep a reference \
             to it), or pickle the catalog together with the results, e.g. \
             pickle.dumps((catalog, results))"
        ),
    ))
}

/// A result that an unpickled catalog can check (the core's
/// `Catalog::check_*`).
pub trait Fits {
    /// Whether `self` can belong to `cat`.
    fn fits(&self, cat: &gap_core::Catalog) -> gap_core::Result<()>;
}

impl Fits for gap_core::Gap {
    fn fits(&self, cat: &gap_core::Catalog) -> gap_core::Result<()> {
        cat.check_gap(self)
    }
}

impl Fits for gap_core::Schedule {
    fn fits(&self, cat: &gap_core::Catalog) -> gap_core::Result<()> {
        cat.check_schedule(self)
    }
}

/// `value` checked against `cat`: a `CatalogError` naming what does not fit.
pub fn check<T: Fits>(py: Python<'_>, value: &T, cat: &Py<PyCatalog>) -> PyResult<()> {
    value
        .fits(&cat.get().inner)
        .map_err(|e| catalog_error(py, e.to_string()))
}
