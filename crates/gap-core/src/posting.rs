//! Reading a job posting into a role as the employer wrote it (SPEC 4,
//! "Reading a posting"): sentences, optional cues and headings, alternatives,
//! years to levels and the collapse rules, each decision kept with the text
//! that caused it ([`Evidence`]). [`Catalog::role_from_text`] is the role of
//! [`Catalog::read_posting`].
//!
//! The cues, the year phrases and the alternative separators are read here
//! (`posting/cues`); the skills come from the default matcher
//! ([`Catalog::match_text`]).

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::format::{GroupDef, ReqDef, RoleDef};

mod cues;
mod rules;

/// What a piece of [`Evidence`] decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EvidenceKind {
    /// A skill was found in the text (the span is the match).
    Match,
    /// A skill was made optional by a cue in its sentence or by a heading
    /// (the span is the cue).
    Optional,
    /// A skill became a member of an `any_of` group with the other skills of
    /// the span (the span runs from the first member to the last).
    Alternative,
    /// A skill's level was raised from a number of years (the span is the
    /// year phrase).
    Level,
    /// A collapse rule: a skill also required as essential is essential,
    /// leaves its group, or is the last member of a group (the span is the
    /// essential mention).
    Essential,
}

impl EvidenceKind {
    /// The kind as written in tables and JSON: `match`, `optional`,
    /// `alternative`, `level`, `essential`.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Match => "match",
            EvidenceKind::Optional => "optional",
            EvidenceKind::Alternative => "alternative",
            EvidenceKind::Level => "level",
            EvidenceKind::Essential => "essential",
        }
    }
}

/// One decision of [`Catalog::read_posting`] with the text that caused it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Evidence {
    /// What was decided.
    pub kind: EvidenceKind,
    /// The skill (id) the decision is about.
    pub skill: String,
    /// Byte offset of the span's start in the posting.
    pub start: usize,
    /// Byte offset of the span's end (exclusive).
    pub end: usize,
    /// The span's text: `&posting[start..end]`.
    pub text: String,
    /// The decision in words, e.g. `optional: cue "nice to have" in its
    /// sentence` or `level 2 from "4+ years"`.
    pub detail: String,
}

/// A posting read into a role: the role and the evidence of each decision,
/// in text order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Posting {
    /// The role as the employer wrote it.
    pub role: RoleDef,
    /// Every decision with its span, ordered by start (then as decided).
    pub evidence: Vec<Evidence>,
}

impl Catalog {
    /// Reads a job posting into a role as the employer wrote it (SPEC 4,
    /// "Reading a posting"), with the evidence of each decision.
    ///
    /// - Skills are found with the default matcher
    ///   ([`match_text`](Catalog::match_text)).
    /// - Sentences end at `.`, `;`, `!`, `?` and line breaks, except inside a
    ///   matched name (`Node.js`).
    /// - A sentence with a skill and an optional cue ("nice to have",
    ///   "nice-to-have", "preferred", "a plus", "bonus", "desirable",
    ///   "optional", "not required"; case-insensitive whole words) makes its
    ///   skills optional. A line with an optional cue and no skill (a heading
    ///   such as "Nice to have:") makes the following lines optional until a
    ///   line with a requirement cue ("requirements", "required", "must have",
    ///   "must-have", "qualifications", "what you bring", "you have") and no
    ///   skill. A line with both kinds of cue and no skill opens the optional
    ///   scope.
    /// - Two or more skills of one sentence separated only by whitespace,
    ///   commas, "or", "/", "and/or", "either", "one of", with at least one
    ///   "or" or "/", become one `any_of` group (count 1, members in text
    ///   order). An optional group gives each member as an optional
    ///   reference (optional references have no groups).
    /// - "N years", "N+ years", "N-M years" (or "year") in a sentence raise
    ///   each of its skills to level 1 for N <= 1, 2 for 2..=4, 3 for N >= 5,
    ///   capped at the skill's highest level.
    /// - Collapse: a skill both essential and optional is essential (a member
    ///   of an essential group counts as essential here); an essential skill
    ///   leaves every group it is in, and a group left with one member becomes
    ///   that essential reference (repeated until nothing changes); identical
    ///   groups are one; every reference of a skill has the highest level of
    ///   its mentions. Without cues, every skill is an essential level-1
    ///   reference, in order of first appearance.
    ///
    /// Offsets in the evidence are byte offsets into `text`. `name` defaults
    /// to `"Role from text"`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the posting `id` when the text is
    /// empty (or only whitespace) or no skill of the catalog is found in it,
    /// or when `id` is not a valid id (`[a-z0-9][a-z0-9_.+-]*`).
    ///
    /// Complexity: linear in the text (one matcher pass, one cue pass, one
    /// pass over sentences), plus sorting the matches.
    ///
    /// ```
    /// use gap_core::Catalog;
    /// let cat = Catalog::from_json(r#"{"skills": [
    ///   {"id": "python", "name": "Python", "hours": [40, 80, 160]},
    ///   {"id": "pytorch", "name": "PyTorch", "hours": 40},
    ///   {"id": "tensorflow", "name": "TensorFlow", "hours": 40},
    ///   {"id": "onnx", "name": "ONNX", "hours": 20}]}"#)?;
    /// let p = cat.read_posting(
    ///     "4+ years of Python. PyTorch or TensorFlow.\nNice to have: ONNX.",
    ///     "job", None)?;
    /// let reqs: Vec<String> = p.role.requires.iter().map(|r| r.to_string()).collect();
    /// assert_eq!(reqs, ["python@2", "any_of[pytorch, tensorflow]"]);
    /// assert_eq!(p.role.optional, ["onnx"]);
    /// assert!(p.evidence.iter().any(|e| e.text == "4+ years"));
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn read_posting(&self, text: &str, id: &str, name: Option<&str>) -> Result<Posting> {
        if !crate::reference::is_valid_id(id) {
            return Err(Error::InvalidArgument(format!(
                "`{id}` is not a valid role id (ids match [a-z0-9][a-z0-9_.+-]*)"
            )));
        }
        if text.trim().is_empty() {
            return Err(Error::InvalidArgument(format!(
                "posting `{id}` is empty: there is no text to read"
            )));
        }
        let matches = self.matcher().find(text, false);
        if matches.is_empty() {
            return Err(Error::InvalidArgument(format!(
                "posting `{id}`: no skill of the catalog was found in its text"
            )));
        }
        let read = rules::read(self, text, &matches);
        let role = RoleDef {
            id: id.to_string(),
            name: name.unwrap_or("Role from text").to_string(),
            requires: read
                .requires
                .into_iter()
                .map(|r| match r {
                    rules::Req::One(s) => ReqDef::Ref(s),
                    rules::Req::AnyOf(members) => ReqDef::Group(GroupDef {
                        any_of: members,
                        count: 1,
                    }),
                })
                .collect(),
            optional: read.optional,
            ..RoleDef::default()
        };
        Ok(Posting {
            role,
            evidence: read.evidence,
        })
    }

    /// Makes a role from a job posting: the role of
    /// [`read_posting`](Catalog::read_posting) (without the evidence).
    ///
    /// The result is a definition: use it as a query target
    /// ([`Target::Role`](crate::Target::Role)) or add it with
    /// [`with_roles`](Catalog::with_roles).
    ///
    /// # Errors
    /// As [`read_posting`](Catalog::read_posting): an invalid `id`, an empty
    /// posting or one without a skill of the catalog.
    ///
    /// ```
    /// use gap_core::Catalog;
    /// let cat = Catalog::from_json(r#"{"skills": [
    ///   {"id": "python", "name": "Python", "hours": 40},
    ///   {"id": "sql", "name": "SQL", "hours": 20}]}"#)?;
    /// let role = cat.role_from_text("SQL and Python; more sql", "posting", None)?;
    /// assert_eq!(role.requires, vec!["sql".into(), "python".into()]);
    /// assert_eq!(role.name, "Role from text");
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn role_from_text(&self, text: &str, id: &str, name: Option<&str>) -> Result<RoleDef> {
        self.read_posting(text, id, name).map(|p| p.role)
    }
}

#[cfg(test)]
mod tests;
