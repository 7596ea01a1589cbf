//! Error mapping: every [`gap_core::Error`] variant to the exception classes
//! of SPEC 5, which live in `skillgap/_errors.py` (several have two bases,
//! which `create_exception!` cannot express). The classes are imported once
//! and cached in a [`PyOnceLock`]; each exception is raised with structured
//! attributes (`.cycle`, `.id`, `.suggestions` …).

use gap_core::Error as CoreError;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

/// A gap-core error on its way to Python (the orphan rule forbids
/// `From<gap_core::Error> for PyErr` directly).
#[derive(Debug)]
pub struct GapError(pub CoreError);

impl From<CoreError> for GapError {
    fn from(e: CoreError) -> Self {
        GapError(e)
    }
}

/// The exception classes of `skillgap._errors`.
struct Classes {
    catalog: Py<PyType>,
    cycle: Py<PyType>,
    profile: Py<PyType>,
    unknown_skill: Py<PyType>,
    unknown_role: Py<PyType>,
    infeasible: Py<PyType>,
    invalid_argument: Py<PyType>,
    problem: Py<PyType>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get_or_try_init(py, || {
        let m = py.import("skillgap._errors")?;
        let get = |name: &str| -> PyResult<Py<PyType>> {
            Ok(m.getattr(name)?.cast_into::<PyType>()?.unbind())
        };
        Ok(Classes {
            catalog: get("CatalogError")?,
            cycle: get("CycleError")?,
            profile: get("ProfileError")?,
            unknown_skill: get("UnknownSkillError")?,
            unknown_role: get("UnknownRoleError")?,
            infeasible: get("InfeasibleError")?,
            invalid_argument: get("InvalidArgumentError")?,
            problem: get("Problem")?,
        })
    })
}

/// Instantiates `cls(message, **kwargs)` as a `PyErr`.
fn raise(
    py: Python<'_>,
    cls: &Py<PyType>,
    message: String,
    kwargs: &[(&str, Bound<'_, PyAny>)],
) -> PyResult<PyErr> {
    let kw = PyDict::new(py);
    for (k, v) in kwargs {
        kw.set_item(*k, v)?;
    }
    let value = cls.bind(py).call((message,), Some(&kw))?;
    Ok(PyErr::from_value(value))
}

fn to_pyerr(py: Python<'_>, err: CoreError) -> PyResult<PyErr> {
    let message = err.to_string();
    match err {
        // A batch's error about one profile: the class and fields of the
        // profile's own error, the message and `profile_index` naming it.
        CoreError::InProfile { index, source } => {
            let e = to_pyerr_as(py, *source, message)?;
            e.value(py).setattr("profile_index", index)?;
            Ok(e)
        }
        other => to_pyerr_as(py, other, message),
    }
}

/// The exception of `err` with `message`.
fn to_pyerr_as(py: Python<'_>, err: CoreError, message: String) -> PyResult<PyErr> {
    let c = classes(py)?;
    match err {
        CoreError::Parse {
            source_name,
            line,
            column,
            path,
            ..
        } => raise(
            py,
            &c.catalog,
            message,
            &[
                ("source", source_name.into_pyobject(py)?.into_any()),
                ("line", line.into_pyobject(py)?.into_any()),
                ("column", column.into_pyobject(py)?.into_any()),
                ("path", path.into_pyobject(py)?.into_any()),
            ],
        ),
        CoreError::Invalid(ref inv) => {
            let problems = inv
                .problems
                .iter()
                .map(|p| problem(py, &c.problem, p))
                .collect::<PyResult<Vec<_>>>()?
                .into_pyobject(py)?
                .into_any();
            match err.cycle() {
                Some(cycle) => {
                    let cycle = cycle.to_vec().into_pyobject(py)?.into_any();
                    raise(
                        py,
                        &c.cycle,
                        message,
                        &[("cycle", cycle), ("problems", problems)],
                    )
                }
                None => raise(py, &c.catalog, message, &[("problems", problems)]),
            }
        }
        CoreError::UnknownSkill { id, suggestions } => raise(
            py,
            &c.unknown_skill,
            message,
            &[
                ("id", id.into_pyobject(py)?.into_any()),
                ("suggestions", suggestions.into_pyobject(py)?.into_any()),
            ],
        ),
        // A name or alias where an id is needed, or a name of several
        // skills: still an unknown id (a `KeyError`), the skills it names
        // as the suggestions and `candidates`.
        CoreError::SkillName { name, candidates } => raise(
            py,
            &c.unknown_skill,
            message,
            &[
                ("id", name.into_pyobject(py)?.into_any()),
                (
                    "suggestions",
                    candidates.clone().into_pyobject(py)?.into_any(),
                ),
                ("candidates", candidates.into_pyobject(py)?.into_any()),
            ],
        ),
        CoreError::UnknownRole { id, suggestions } => raise(
            py,
            &c.unknown_role,
            message,
            &[
                ("id", id.into_pyobject(py)?.into_any()),
                ("suggestions", suggestions.into_pyobject(py)?.into_any()),
            ],
        ),
        CoreError::Profile { skill, level, .. } => raise(
            py,
            &c.profile,
            message,
            &[
                ("skill", skill.into_pyobject(py)?.into_any()),
                ("level", level.into_pyobject(py)?.into_any()),
            ],
        ),
        CoreError::Infeasible {
            target,
            requirement,
            reason,
        } => raise(
            py,
            &c.infeasible,
            message,
            &[
                ("target", target.into_pyobject(py)?.into_any()),
                ("requirement", requirement.into_pyobject(py)?.into_any()),
                ("reason", reason.into_pyobject(py)?.into_any()),
            ],
        ),
        CoreError::Import { path, line, .. } => raise(
            py,
            &c.catalog,
            message,
            &[
                ("source", path.into_pyobject(py)?.into_any()),
                ("line", line.into_pyobject(py)?.into_any()),
            ],
        ),
        CoreError::InvalidArgument(_) => raise(py, &c.invalid_argument, message, &[]),
        CoreError::Io { path, source } => Ok(io_error(py, &path, &source)),
        // The cancellation check is wired to signals: Ctrl-C.
        CoreError::Cancelled => Ok(pyo3::exceptions::PyKeyboardInterrupt::new_err(message)),
        // A variant added to the core later: still a skillgap error.
        other => raise(py, &c.catalog, other.to_string(), &[]),
    }
}

/// A `skillgap.Problem` (kind, place, id, message) of a core problem.
fn problem<'py>(
    py: Python<'py>,
    cls: &Py<PyType>,
    p: &gap_core::Problem,
) -> PyResult<Bound<'py, PyAny>> {
    let kw = PyDict::new(py);
    kw.set_item("place", p.place())?;
    kw.set_item("id", p.id())?;
    kw.set_item("kind", p.kind())?;
    cls.bind(py).call((p.message(),), Some(&kw))
}

/// An `OSError` (the errno picks the subclass, e.g. `FileNotFoundError`) with
/// the file name set.
fn io_error(py: Python<'_>, path: &str, source: &std::io::Error) -> PyErr {
    // Errors made by the core (no OS code) still pick the right subclass.
    let errno = source.raw_os_error().unwrap_or(match source.kind() {
        std::io::ErrorKind::NotFound => 2,
        std::io::ErrorKind::PermissionDenied => 13,
        std::io::ErrorKind::AlreadyExists => 17,
        std::io::ErrorKind::IsADirectory => 21,
        std::io::ErrorKind::NotADirectory => 20,
        _ => 0,
    });
    let built = py
        .import("builtins")
        .and_then(|b| b.getattr("OSError"))
        .and_then(|cls| {
            if errno != 0 {
                cls.call1((errno, source.to_string(), path))
            } else {
                cls.call1((format!("{path}: {source}"),))
            }
        });
    match built {
        Ok(v) => PyErr::from_value(v),
        Err(e) => e,
    }
}

impl From<GapError> for PyErr {
    fn from(e: GapError) -> PyErr {
        Python::attach(|py| to_pyerr(py, e.0).unwrap_or_else(|inner| inner))
    }
}

/// An `InvalidArgumentError` (a `ValueError`) from the binding itself.
pub fn invalid_argument(message: impl Into<String>) -> PyErr {
    GapError(CoreError::InvalidArgument(message.into())).into()
}

/// A `CatalogError` for a malformed value built in Python (e.g. a `Role`
/// requirement dict with an unknown key).
pub fn catalog_error(py: Python<'_>, message: String) -> PyErr {
    match classes(py) {
        Ok(c) => raise(py, &c.catalog, message, &[]).unwrap_or_else(|e| e),
        Err(e) => e,
    }
}

/// A `ProfileError` from the binding: a level too large to be a level.
pub fn profile_error(py: Python<'_>, skill: &str, level: &Bound<'_, PyAny>) -> PyErr {
    let message = format!("profile: `{skill}` at level {level}: not a valid level");
    let build = || -> PyResult<PyErr> {
        let c = classes(py)?;
        let skill = skill.into_pyobject(py)?.into_any();
        raise(
            py,
            &c.profile,
            message,
            &[("skill", skill), ("level", level.clone())],
        )
    };
    build().unwrap_or_else(|e| e)
}

/// A `TypeError` with a message.
pub fn type_error(message: impl Into<String>) -> PyErr {
    PyTypeError::new_err(message.into())
}

/// A plain `ValueError` with a message.
pub fn value_error(message: impl Into<String>) -> PyErr {
    PyValueError::new_err(message.into())
}

/// An internal error that should not happen (never a panic).
pub fn internal(message: impl Into<String>) -> PyErr {
    PyRuntimeError::new_err(message.into())
}

/// A plain `SkillgapError` (the base class) with a message: for internal
/// errors, see `guard::bug`.
pub fn skillgap_error(py: Python<'_>, message: String) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let cls = py
            .import("skillgap._errors")?
            .getattr("SkillgapError")?
            .cast_into::<PyType>()?;
        Ok(PyErr::from_value(cls.call1((message.clone(),))?))
    };
    build().unwrap_or_else(|_| PyRuntimeError::new_err(message.clone()))
}

/// `from_dict`'s error when the dict cannot become JSON text: nesting past
/// Python's recursion limit (`RecursionError`) or a circular reference
/// (json's `ValueError`) is a `CatalogError` saying so (SPEC 5); other
/// errors (a value JSON cannot hold: `TypeError`) stay as they are.
pub fn dict_dump_error(py: Python<'_>, e: PyErr) -> PyErr {
    if e.is_instance_of::<pyo3::exceptions::PyRecursionError>(py) {
        catalog_error(
            py,
            "catalog dict: nested too deeply (past Python's recursion limit); a catalog is a few levels deep".into(),
        )
    } else if e.is_instance_of::<PyValueError>(py) {
        catalog_error(
            py,
            format!(
                "catalog dict: {} (a dict or list that contains itself)",
                e.value(py)
            ),
        )
    } else {
        e
    }
}
