//! Text the user gave that is not valid Unicode (a Python str with a lone
//! surrogate such as ``"\ud800"``): the error of SPEC 5's class for where it
//! came from, never Python's `UnicodeEncodeError`.

use pyo3::prelude::*;
use pyo3::types::PyString;

/// The text of an id the user gave, for lookups: a str that is not valid
/// Unicode (a lone surrogate such as ``"\ud800"``) names no skill or role,
/// so it is that lookup's error (`UnknownSkillError` / `UnknownRoleError`,
/// SPEC 5), not Python's `UnicodeEncodeError`.
pub fn id_text(s: &Bound<'_, PyString>, role: bool) -> PyResult<String> {
    match s.to_str() {
        Ok(t) => Ok(t.to_string()),
        Err(_) => {
            let id = s.to_string_lossy().into_owned();
            let suggestions = Vec::new();
            Err(crate::errors::GapError(if role {
                gap_core::Error::UnknownRole { id, suggestions }
            } else {
                gap_core::Error::UnknownSkill { id, suggestions }
            })
            .into())
        }
    }
}

/// Catalog text the user gave (JSON, TOML, a reference inside a role): a
/// lone surrogate makes it invalid, a `CatalogError` (SPEC 5).
pub fn catalog_text(s: &Bound<'_, PyString>, what: &str) -> PyResult<String> {
    match s.to_str() {
        Ok(t) => Ok(t.to_string()),
        Err(_) => Err(crate::errors::catalog_error(
            s.py(),
            format!(
                "{what} is not valid Unicode (a lone surrogate?): {}",
                s.to_string_lossy()
            ),
        )),
    }
}
