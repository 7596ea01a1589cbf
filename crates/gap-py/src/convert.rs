//! Conversions between Python values and gap-core values: profiles (a
//! `Profile` or any mapping of skill id -> level), query targets (a role id or
//! a `Role`), requirement entries (`"python@2"` or `{"any_of": [...],
//! "count": k}`), serde data to plain Python objects, compact pickle bytes,
//! text offsets (UTF-8 bytes to Python `str` indices) and lists of core values
//! as Python sequences (wrapping, indexing, iteration).

use gap_core::format::{GroupDef, ReqDef};
use gap_core::{Profile, Target};
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBytes, PyCFunction, PyDict, PyInt, PyIterator, PyList, PyMapping, PyString, PyTuple,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::errors::{
    GapError, catalog_error, invalid_argument, profile_error, type_error, value_error,
};
use crate::model::{PyProfile, PyRole};
use crate::strings::{catalog_text, id_text};

/// The Python type name of a value, for error messages.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string())
}

/// A profile from a `Profile` or a mapping of skill id (str) -> level (an
/// int or a numpy integer).
/// Negative or absurd levels are a `ProfileError`; wrong types a `TypeError`.
pub fn extract_profile(obj: &Bound<'_, PyAny>) -> PyResult<Profile> {
    if let Ok(p) = obj.cast::<PyProfile>() {
        return Ok(p.get().0.clone());
    }
    Ok(Profile::from_signed(extract_levels(obj)?).map_err(GapError)?)
}

/// The (key, level) pairs of a mapping of skill -> level: keys `str`,
/// levels ints (numpy ints too, `bool` refused) as [`extract_profile`]
/// takes them; a `Profile` gives its own.
pub fn extract_levels(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(String, i64)>> {
    if let Ok(p) = obj.cast::<PyProfile>() {
        let p = &p.get().0;
        let known = p.iter().map(|(id, &l)| (id.to_string(), i64::from(l)));
        let zeros = p.zero_ids().map(|id| (id.to_string(), 0));
        return Ok(known.chain(zeros).collect());
    }
    let py = obj.py();
    let Ok(map) = obj.cast::<PyMapping>() else {
        return Err(type_error(format!(
            "expected a Profile or a dict of skill id -> level, got {}",
            type_name(obj)
        )));
    };
    let mut pairs: Vec<(String, i64)> = Vec::new();
    for item in map.items()?.iter() {
        let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
        let Ok(id) = k.cast::<PyString>() else {
            return Err(type_error(format!(
                "profile keys are skill ids (str), got {}",
                type_name(&k)
            )));
        };
        let id = id_text(id, false)?;
        // `True` is an int to Python but never a level (issue 12).
        let int = if v.is_instance_of::<pyo3::types::PyBool>() {
            None
        } else {
            as_int(&v)?
        };
        let Some(int) = int else {
            return Err(type_error(format!(
                "profile level of `{id}` must be an int, got {}",
                type_name(&v)
            )));
        };
        let level: i64 = match int.extract() {
            Ok(l) => l,
            Err(_) => return Err(profile_error(py, &id, &v)),
        };
        if level > i64::from(u32::MAX) {
            return Err(profile_error(py, &id, &v));
        }
        pairs.push((id, level));
    }
    Ok(pairs)
}

/// A list of profiles from an iterable of profiles.
pub fn extract_profiles(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Profile>> {
    iter_arg(obj, "expected a sequence of profiles")?
        .map(|p| extract_profile(&p?))
        .collect()
}

static OPERATOR_INDEX: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A value as a Python int by `operator.index` (SPEC 6: numpy integers are
/// accepted wherever an int is): an int itself (`bool` included, as Python
/// has it), a numpy integer or anything else with `__index__`; `None` for
/// a value without one (a float, a str, `numpy.bool_`).
pub fn as_int<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyInt>>> {
    if let Ok(i) = obj.cast::<PyInt>() {
        return Ok(Some(i.clone()));
    }
    let py = obj.py();
    match OPERATOR_INDEX
        .import(py, "operator", "index")?
        .call1((obj,))
    {
        Ok(i) => Ok(Some(i.cast_into::<PyInt>()?)),
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A ranking's `top=` argument: `None` (or absent) for every row, else a
/// count of at least 1 (see [`count_arg`]).
pub fn top_arg(top: Option<&Bound<'_, PyAny>>) -> PyResult<Option<usize>> {
    match top {
        Some(t) if !t.is_none() => {
            let k = count_arg(t, "top")?;
            if k == 0 {
                return Err(crate::errors::invalid_argument("top must be at least 1"));
            }
            Ok(Some(usize::try_from(k).unwrap_or(usize::MAX)))
        }
        _ => Ok(None),
    }
}

/// A non-negative int argument (an int or a numpy integer, see [`as_int`];
/// `TypeError` for a non-int, an `InvalidArgumentError` for a negative or
/// absurdly large one).
pub fn count_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<u64> {
    let Some(int) = as_int(obj)? else {
        return Err(type_error(format!(
            "{name} must be an int, got {}",
            type_name(obj)
        )));
    };
    match int.extract::<u64>() {
        Ok(v) => Ok(v),
        Err(_) => Err(invalid_argument(format!(
            "{name} must be an int from 0 to {}, got {obj}",
            u64::MAX
        ))),
    }
}

/// One query target: a role id (str) or a `Role`.
pub fn extract_target(obj: &Bound<'_, PyAny>) -> PyResult<Target> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Target::Id(id_text(s, true)?));
    }
    if let Ok(r) = obj.cast::<PyRole>() {
        return Ok(Target::Role(r.get().0.clone()));
    }
    Err(type_error(format!(
        "expected a role id (str) or a Role, got {}",
        type_name(obj)
    )))
}

/// Optional targets (`roles=None` / `targets=None`): None for a missing or
/// `None` argument, else as [`extract_targets`].
pub fn extract_optional_targets(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<Target>>> {
    match obj {
        Some(o) if !o.is_none() => Ok(Some(extract_targets(o)?)),
        _ => Ok(None),
    }
}

/// One or several targets: a role id, a `Role`, or an iterable of them.
pub fn extract_targets(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Target>> {
    if obj.is_instance_of::<PyString>() || obj.cast::<PyRole>().is_ok() {
        return Ok(vec![extract_target(obj)?]);
    }
    let iter = obj.try_iter().map_err(|_| {
        type_error(format!(
            "expected a role id (str), a Role or a list of them, got {}",
            type_name(obj)
        ))
    })?;
    iter.map(|t| extract_target(&t?)).collect()
}

/// Strings from one str or an iterable of str (`what` names them in errors).
pub fn extract_strings(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<String>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(vec![catalog_text(s, "a reference")?]);
    }
    let iter = obj.try_iter().map_err(|_| {
        type_error(format!(
            "{what}: expected a str or a list of str, got {}",
            type_name(obj)
        ))
    })?;
    iter.map(|x| {
        let x = x?;
        match x.cast::<PyString>() {
            Ok(s) => Ok(catalog_text(s, "a reference")?),
            Err(_) => Err(type_error(format!(
                "{what}: expected str items, got {}",
                type_name(&x)
            ))),
        }
    })
    .collect()
}

/// A requirement entry: `"python@2"` or `{"any_of": [...], "count": k}`.
pub fn extract_req(obj: &Bound<'_, PyAny>) -> PyResult<ReqDef> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(ReqDef::Ref(catalog_text(s, "a reference")?));
    }
    let py = obj.py();
    let Ok(map) = obj.cast::<PyMapping>() else {
        return Err(type_error(format!(
            "a requirement is a reference like \"python@2\" or a dict {{\"any_of\": [...], \"count\": k}}, got {}",
            type_name(obj)
        )));
    };
    let mut any_of = None;
    let mut count = 1i64;
    for item in map.items()?.iter() {
        let (k, v): (String, Bound<'_, PyAny>) = item.extract()?;
        match k.as_str() {
            "any_of" => {
                if v.is_instance_of::<PyString>() {
                    return Err(type_error(
                        "`any_of` must be a list of references, not a str",
                    ));
                }
                any_of = Some(extract_strings(&v, "any_of")?);
            }
            "count" => {
                let Some(int) = as_int(&v)? else {
                    return Err(type_error(format!(
                        "`count` must be an int, got {}",
                        type_name(&v)
                    )));
                };
                // Out of i64: certainly out of range; said with the number
                // as written (not a clamped one).
                count = match int.extract() {
                    Ok(c) => c,
                    Err(_) => {
                        return Err(catalog_error(
                            py,
                            format!(
                                "group `count` {} is out of range (a count is between 1 and the number of alternatives)",
                                int.str()?
                            ),
                        ));
                    }
                };
            }
            other => {
                return Err(catalog_error(
                    py,
                    format!("unknown key `{other}` in a group (expected `any_of` and `count`)"),
                ));
            }
        }
    }
    let Some(any_of) = any_of else {
        return Err(catalog_error(
            py,
            "a group needs an `any_of` list".to_string(),
        ));
    };
    Ok(ReqDef::Group(GroupDef { any_of, count }))
}

/// A role definition from a dict shaped like a role of a catalog file
/// (a malformed one is a `CatalogError`).
pub fn role_def_from_dict(d: &Bound<'_, PyAny>) -> PyResult<gap_core::format::RoleDef> {
    let text = dumps(d)?;
    serde_json::from_str(&text).map_err(|e| {
        GapError(gap_core::Error::Parse {
            source_name: "<role>".into(),
            line: 0,
            column: 0,
            path: String::new(),
            message: e.to_string(),
        })
        .into()
    })
}

/// A requirement entry as Python data (str or dict).
pub fn req_to_py<'py>(py: Python<'py>, r: &ReqDef) -> PyResult<Bound<'py, PyAny>> {
    match r {
        ReqDef::Ref(s) => Ok(PyString::new(py, s).into_any()),
        ReqDef::Group(g) => {
            let d = PyDict::new(py);
            d.set_item("any_of", PyList::new(py, &g.any_of)?)?;
            d.set_item("count", g.count)?;
            Ok(d.into_any())
        }
    }
}

static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static JSON_DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Serde data as plain Python objects (dicts, lists, str, numbers).
pub fn to_plain<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|e| value_error(e.to_string()))?;
    JSON_LOADS.import(py, "json", "loads")?.call1((text,))
}

static JSON_DEFAULT: PyOnceLock<Py<PyCFunction>> = PyOnceLock::new();

/// Plain Python data as JSON text (`TypeError` for values JSON cannot
/// hold). numpy integers (anything `operator.index` takes) are written as
/// ints, so a catalog dict built from a DataFrame reads as one of ints.
pub fn dumps(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = obj.py();
    let default = JSON_DEFAULT.get_or_try_init(py, || {
        PyCFunction::new_closure(
            py,
            None,
            None,
            |args: &Bound<'_, PyTuple>, _kw| -> PyResult<Py<PyAny>> {
                let value = args.get_item(0)?;
                match as_int(&value)? {
                    Some(i) => Ok(i.into_any().unbind()),
                    None => Err(type_error(format!(
                        "Object of type {} is not JSON serializable",
                        type_name(&value)
                    ))),
                }
            },
        )
        .map(Bound::unbind)
    })?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("default", default.bind(py))?;
    JSON_DUMPS
        .import(py, "json", "dumps")?
        .call((obj,), Some(&kwargs))?
        .extract()
}

/// Compact pickle bytes of serde data.
pub fn to_bytes<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyBytes>> {
    let v = serde_json::to_vec(value).map_err(|e| value_error(e.to_string()))?;
    Ok(PyBytes::new(py, &v))
}

/// Serde data back from [`to_bytes`].
pub fn from_bytes<T: DeserializeOwned>(data: &[u8]) -> PyResult<T> {
    serde_json::from_slice(data).map_err(|e| value_error(format!("bad pickle data: {e}")))
}

/// The `__reduce__` value `(type(obj)._from_bytes, (data,))`.
pub fn reduce<'py>(
    obj: &Bound<'py, PyAny>,
    data: Bound<'py, PyBytes>,
) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
    Ok((obj.get_type().getattr("_from_bytes")?, (data,)))
}

/// Maps UTF-8 byte offsets of `text` to code point offsets (Python `str`
/// indices). An offset inside a character maps to that character's start;
/// an offset past the end maps to the length.
pub fn char_offsets(text: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..byte_offsets.len()).collect();
    order.sort_by_key(|&i| byte_offsets[i]);
    let mut out = vec![0usize; byte_offsets.len()];
    let mut chars = text.char_indices().peekable();
    let mut count = 0usize;
    for i in order {
        let target = byte_offsets[i];
        while let Some(&(b, c)) = chars.peek() {
            if b + c.len_utf8() <= target {
                chars.next();
                count += 1;
            } else {
                break;
            }
        }
        out[i] = count;
    }
    out
}

/// The text of a Python `str` for the core. Strings with lone surrogates
/// (not valid Unicode text) have each surrogate replaced by U+FFFD, one code
/// point for one, so code point offsets stay the same. Returns the text and
/// whether it was replaced.
pub fn text_for_core(s: &Bound<'_, PyString>) -> PyResult<(String, bool)> {
    if let Ok(t) = s.to_str() {
        return Ok((t.to_string(), false));
    }
    let raw = s.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
    let raw = raw.cast::<PyBytes>()?.as_bytes();
    let text = raw
        .chunks_exact(4)
        .map(|c| {
            char::from_u32(u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect();
    Ok((text, true))
}

/// Displays a string as Python's `repr` does (quotes and escapes).
pub struct Repr<'a>(pub &'a str);

impl std::fmt::Display for Repr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        let q = if self.0.contains('\'') && !self.0.contains('"') {
            '"'
        } else {
            '\''
        };
        f.write_char(q)?;
        for c in self.0.chars() {
            match c {
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c if c == q => {
                    f.write_char('\\')?;
                    f.write_char(c)?;
                }
                c if (c as u32) < 0x20 || c as u32 == 0x7f => write!(f, "\\x{:02x}", c as u32)?,
                c => f.write_char(c)?,
            }
        }
        f.write_char(q)
    }
}

/// Displays a list of strings as Python's `repr` does.
pub struct ReprList<'a>(pub &'a [String]);

impl std::fmt::Display for ReprList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[")?;
        for (i, s) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", Repr(s))?;
        }
        f.write_str("]")
    }
}

/// Displays a float as Python's `repr` does for ordinary values (`40.0`,
/// `12.5`, `inf`, `nan`).
pub struct ReprF(pub f64);

impl std::fmt::Display for ReprF {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        if v.is_nan() {
            f.write_str("nan")
        } else if v.is_infinite() {
            f.write_str(if v > 0.0 { "inf" } else { "-inf" })
        } else {
            write!(f, "{v:?}")
        }
    }
}

/// `True` / `False`.
pub fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// Core values wrapped in their Python class, e.g. `wrap_all(&path.steps, PyStep)`.
pub fn wrap_all<C: Clone, P>(items: &[C], wrap: fn(C) -> P) -> Vec<P> {
    items.iter().cloned().map(wrap).collect()
}

/// `seq[index]` of a binding sequence over `items`: an int (negative counts
/// from the end) gives the wrapped item or `IndexError("{what} index out of
/// range")`; anything else (a slice) indexes a list of all the wrapped items.
pub fn seq_item<'py, C: Clone, P: IntoPyObject<'py>>(
    py: Python<'py>,
    items: &[C],
    wrap: fn(C) -> P,
    index: &Bound<'py, PyAny>,
    what: &str,
) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(i) = index.extract::<isize>() {
        let n = items.len() as isize;
        let j = if i < 0 { i + n } else { i };
        if (0..n).contains(&j) {
            return wrap(items[j as usize].clone()).into_bound_py_any(py);
        }
        return Err(pyo3::exceptions::PyIndexError::new_err(format!(
            "{what} index out of range"
        )));
    }
    PyList::new(py, wrap_all(items, wrap))?
        .as_any()
        .get_item(index)
}

/// An iterator over a Python list of `items` (what `__iter__` returns).
pub fn list_iter<'py, T, I>(py: Python<'py>, items: I) -> PyResult<Bound<'py, PyAny>>
where
    T: IntoPyObject<'py>,
    I: IntoIterator<Item = T>,
    I::IntoIter: ExactSizeIterator,
{
    Ok(PyList::new(py, items)?.as_any().try_iter()?.into_any())
}

/// An iterable argument that must not be a `str` or a mapping (which would
/// iterate as characters or keys); otherwise `TypeError("{what}, got
/// <type>")`.
pub fn iter_arg<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Bound<'py, PyIterator>> {
    let wrong = || type_error(format!("{what}, got {}", type_name(obj)));
    if obj.is_instance_of::<PyString>() || obj.cast::<PyMapping>().is_ok() {
        return Err(wrong());
    }
    obj.try_iter().map_err(|_| wrong())
}

#[cfg(test)]
mod tests {
    use super::char_offsets;

    #[test]
    fn python_reprs() {
        use super::{Repr, ReprF, ReprList};
        assert_eq!(Repr("ab").to_string(), "'ab'");
        assert_eq!(Repr("it's").to_string(), "\"it's\"");
        assert_eq!(Repr("a'\"\\\n").to_string(), "'a\\'\"\\\\\\n'");
        assert_eq!(
            ReprList(&["a".into(), "b".into()]).to_string(),
            "['a', 'b']"
        );
        assert_eq!(ReprF(40.0).to_string(), "40.0");
        assert_eq!(ReprF(12.5).to_string(), "12.5");
    }

    #[test]
    fn byte_to_char_offsets() {
        let t = "é a😀b";
        // bytes: é=0..2, ' '=2, a=3, 😀=4..8, b=8
        assert_eq!(
            char_offsets(t, &[0, 2, 3, 4, 8, 9, 100, 5]),
            vec![0, 1, 2, 3, 4, 5, 5, 3]
        );
        assert_eq!(char_offsets("", &[0]), vec![0]);
    }
}
