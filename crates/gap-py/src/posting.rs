//! `Posting` and `Evidence`: a job posting read into a role
//! (`Catalog.read_posting`), offsets in Python `str` indices.

use gap_core::{Evidence, Posting};
use pyo3::prelude::*;
use pyo3::types::{PySlice, PyString};
use serde::{Deserialize, Serialize};

use crate::convert::{Repr, char_offsets, to_plain};
use crate::macros::data_class;
use crate::model::PyRole;
use crate::notebook::call;

/// A posting read into a role, with the posting's text (what `Posting`
/// pickles).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostingData {
    /// The role and the evidence (offsets in `str` indices).
    pub posting: Posting,
    /// The posting's text.
    pub text: String,
}

impl PostingData {
    /// From the core's result on `rust_text` (byte offsets) to `str`
    /// indices; with `replaced` (lone surrogates in the caller's string),
    /// each span's text is taken from the caller's own string `s`.
    pub fn new(
        mut posting: Posting,
        rust_text: String,
        s: &Bound<'_, PyString>,
        replaced: bool,
    ) -> PyResult<Self> {
        let bytes: Vec<usize> = posting
            .evidence
            .iter()
            .flat_map(|e| [e.start, e.end])
            .collect();
        let chars = char_offsets(&rust_text, &bytes);
        for (i, e) in posting.evidence.iter_mut().enumerate() {
            e.start = chars[2 * i];
            e.end = chars[2 * i + 1];
            if replaced {
                let slice = PySlice::new(s.py(), e.start as isize, e.end as isize, 1);
                e.text = s.get_item(slice)?.str()?.to_string_lossy().into_owned();
            }
        }
        Ok(PostingData {
            posting,
            text: rust_text,
        })
    }
}

/// A job posting read into a role (``Catalog.read_posting``): ``role`` (a
/// ``Role``), ``evidence`` (``Evidence`` rows in text order) and ``text``.
/// ``to_pandas()`` gives the evidence as a DataFrame; in Jupyter the posting
/// shows with the evidence spans highlighted.
#[pyclass(frozen, module = "skillgap", name = "Posting")]
pub struct PyPosting(pub PostingData);

data_class!(PyPosting, PostingData, {
    /// The role as the employer wrote it.
    #[getter]
    fn role(&self) -> PyRole {
        PyRole(self.0.posting.role.clone())
    }

    /// Every decision with the span of text that caused it, in text order.
    #[getter]
    fn evidence(&self) -> Vec<PyEvidence> {
        self.0
            .posting
            .evidence
            .iter()
            .cloned()
            .map(PyEvidence)
            .collect()
    }

    /// The posting's text.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    /// A plain dict: ``role`` (as ``Role.to_dict()``), ``evidence`` (a list
    /// of dicts) and ``text``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_plain(
            py,
            &serde_json::json!({
                "role": &self.0.posting.role,
                "evidence": &self.0.posting.evidence,
                "text": &self.0.text,
            }),
        )
    }

    /// The evidence as a pandas DataFrame: kind, skill, start, end, text,
    /// detail (needs pandas).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        call(slf.py(), "posting_frame", slf.as_any())
    }

    /// The posting's text with the evidence spans highlighted, and the role.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        call(slf.py(), "posting_html", slf.as_any())?.extract()
    }

    fn __repr__(&self) -> String {
        let r = &self.0.posting.role;
        format!(
            "Posting({}, requires={}, optional={}, evidence={})",
            Repr(&r.id),
            r.requires.len(),
            r.optional.len(),
            self.0.posting.evidence.len()
        )
    }
});

/// One decision of ``read_posting``: ``kind`` (``"match"``,
/// ``"optional"``, ``"alternative"``, ``"level"`` or ``"essential"``), the
/// ``skill`` (id) it is about, the span ``start``/``end`` (``str`` indices:
/// ``posting.text[e.start:e.end] == e.text``) and ``detail`` in words.
#[pyclass(frozen, module = "skillgap", name = "Evidence")]
pub struct PyEvidence(pub Evidence);

data_class!(PyEvidence, Evidence, {
    /// What was decided: match, optional, alternative, level, essential.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }

    /// The skill id.
    #[getter]
    fn skill(&self) -> &str {
        &self.0.skill
    }

    /// Start of the span (a ``str`` index).
    #[getter]
    fn start(&self) -> usize {
        self.0.start
    }

    /// End of the span (exclusive).
    #[getter]
    fn end(&self) -> usize {
        self.0.end
    }

    /// The span's text.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    /// The decision in words.
    #[getter]
    fn detail(&self) -> &str {
        &self.0.detail
    }

    /// A plain dict: kind, skill, start, end, text, detail.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_plain(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "Evidence({}, skill={}, text={}, start={}, end={})",
            Repr(self.0.kind.as_str()),
            Repr(&self.0.skill),
            Repr(&self.0.text),
            self.0.start,
            self.0.end
        )
    }
});
