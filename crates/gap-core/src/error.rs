//! The one error type of gap-core, [`Error`], and the catalog [`Problem`]s that
//! validation collects.
//!
//! Every variant carries what a person needs to fix the input: the offending
//! id, the cycle, the file with line and column, or the path inside the
//! document (`skills[3] (pytorch).requires[1]`).

use std::fmt;

/// Result alias used throughout gap-core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in gap-core.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The catalog text is not valid JSON or TOML, or does not have the shape of a
    /// catalog (wrong type, unknown field, missing field).
    #[error("{source_name}: {}{message}", location_prefix(*line, *column, path))]
    Parse {
        /// The file name, or `<json>` / `<toml>` for text given directly.
        source_name: String,
        /// 1-based line of the problem (0 when unknown).
        line: usize,
        /// 1-based column of the problem (0 when unknown).
        column: usize,
        /// Path inside the document, e.g. `skills[3].hours` (empty when unknown).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The catalog parsed but is not valid: every problem found, not only the first.
    #[error("{0}")]
    Invalid(InvalidCatalog),
    /// A skill id that the catalog does not define.
    #[error("unknown skill `{id}`{}", suggest_suffix(suggestions))]
    UnknownSkill {
        /// The id asked for.
        id: String,
        /// The closest existing ids (may be empty).
        suggestions: Vec<String>,
    },
    /// A name that is not a skill id but the name or an alias of one or
    /// more skills (`sklearn` for `scikit-learn`): given where an id is
    /// needed (a profile's key), or naming several skills where one is
    /// resolved ([`Catalog::resolve_skill`](crate::Catalog::resolve_skill)).
    #[error("{}", skill_name_text(name, candidates))]
    SkillName {
        /// The name as given.
        name: String,
        /// The ids of the skills it names, in catalog order (one or more).
        candidates: Vec<String>,
    },
    /// A role id that the catalog does not define.
    #[error("unknown role `{id}`{}", suggest_suffix(suggestions))]
    UnknownRole {
        /// The id asked for.
        id: String,
        /// The closest existing ids (may be empty).
        suggestions: Vec<String>,
    },
    /// A profile level out of range for its skill, or a malformed profile entry.
    #[error("profile: {message}")]
    Profile {
        /// The skill id concerned.
        skill: String,
        /// The level given.
        level: i64,
        /// What is wrong.
        message: String,
    },
    /// The target cannot be met (for example because of `avoid`).
    #[error("cannot reach {target}: requirement `{requirement}` cannot be met ({reason})")]
    Infeasible {
        /// The role id (or ids) that cannot be reached.
        target: String,
        /// The requirement that cannot be met, e.g. `python@2` or `any_of[aws, gcp]`.
        requirement: String,
        /// Why, e.g. `python is avoided`.
        reason: String,
    },
    /// An argument out of its domain (a negative budget, zero hours per week …).
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// A taxonomy file being imported (ESCO, O*NET, Metacademy) is malformed:
    /// a missing column, a CSV syntax error, a value that does not parse.
    #[error("{path}{}: {message}", line_suffix(*line))]
    Import {
        /// The file concerned.
        path: String,
        /// 1-based line of the problem (0 when it concerns the whole file).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// The query's cancellation check ([`Cancel`](crate::Cancel)) asked it
    /// to stop (in Python: Ctrl-C).
    #[error("the query was cancelled")]
    Cancelled,
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A batch query's error about one of its profiles (SPEC 6: batch
    /// errors name the offending profile's index), shown as `profile 3: `
    /// then the profile's own error, which is `source` (one level: never
    /// itself `InProfile`).
    #[error("profile {index}: {}", in_profile_text(source))]
    InProfile {
        /// The 0-based index of the profile in the batch.
        index: usize,
        /// The error about that profile.
        source: Box<Error>,
    },
}

/// The error about one profile of a batch, without a second `profile:`.
fn in_profile_text(e: &Error) -> String {
    match e {
        Error::Profile { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

impl Error {
    /// `self` as the error of profile `index` of a batch
    /// ([`Error::InProfile`]); an error that already names its profile is
    /// returned as it is.
    pub fn in_profile(self, index: usize) -> Error {
        match self {
            Error::InProfile { .. } => self,
            other => Error::InProfile {
                index,
                source: Box::new(other),
            },
        }
    }

    /// The first cycle among the problems, if this is a catalog with a cycle.
    pub fn cycle(&self) -> Option<&[String]> {
        match self {
            Error::Invalid(inv) => inv.problems.iter().find_map(|p| match p {
                Problem::Cycle { cycle } => Some(cycle.as_slice()),
                _ => None,
            }),
            _ => None,
        }
    }

    /// The problems of an invalid catalog (empty for other errors).
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Invalid(inv) => &inv.problems,
            _ => &[],
        }
    }

    pub(crate) fn io(path: impl fmt::Display, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_string(),
            source,
        }
    }
}

fn location_prefix(line: usize, column: usize, path: &str) -> String {
    let mut s = String::new();
    if line > 0 {
        s.push_str(&format!("line {line}, column {column}: "));
    }
    if !path.is_empty() {
        s.push_str(&format!("at {path}: "));
    }
    s
}

fn line_suffix(line: u64) -> String {
    if line > 0 {
        format!(", line {line}")
    } else {
        String::new()
    }
}

fn skill_name_text(name: &str, candidates: &[String]) -> String {
    let ids = candidates
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if candidates.len() == 1 {
        format!(
            "`{name}` is not a skill id but a name or alias of {ids}: use the id, or make the \
             profile with the catalog's `profile(...)`, which resolves names and aliases"
        )
    } else {
        format!(
            "`{name}` names {} skills: {ids}; use one of their ids",
            candidates.len()
        )
    }
}

fn suggest_suffix(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", suggestions.join(", "))
    }
}

/// All the problems of one invalid catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidCatalog {
    /// Every problem found, in document order (cycles last).
    pub problems: Vec<Problem>,
}

impl fmt::Display for InvalidCatalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "invalid catalog: {n} problem{}",
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  - {p}")?;
        }
        Ok(())
    }
}

/// One problem found while validating a catalog. `at` is the place in the
/// document, e.g. `skills[3] (pytorch).requires[1].any_of[0]`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// `format` is present and not `skillgap/1`.
    #[error("format: unsupported format `{found}` (expected `skillgap/1`)")]
    Format {
        /// The value found.
        found: String,
    },
    /// A skill or role id that does not match `[a-z0-9][a-z0-9_.+-]*`.
    #[error("{at}: bad id `{id}` (ids match [a-z0-9][a-z0-9_.+-]*)")]
    BadId {
        /// The id.
        id: String,
        /// Where.
        at: String,
    },
    /// An alias that is empty or only spaces (it could never find its skill).
    #[error("{at}: empty alias of `{skill}` (an alias is another name to find the skill by)")]
    BadAlias {
        /// The skill whose alias it is.
        skill: String,
        /// Where.
        at: String,
    },
    /// Two skills with the same id.
    #[error("{at}: duplicate skill id `{id}` (first defined at {first})")]
    DuplicateSkill {
        /// The id.
        id: String,
        /// Where the second definition is.
        at: String,
        /// Where the first definition is.
        first: String,
    },
    /// Two roles with the same id.
    #[error("{at}: duplicate role id `{id}` (first defined at {first})")]
    DuplicateRole {
        /// The id.
        id: String,
        /// Where the second definition is.
        at: String,
        /// Where the first definition is.
        first: String,
    },
    /// A reference that is not `id` or `id@L` with L >= 1.
    #[error("{at}: bad reference `{reference}`: {reason}")]
    BadReference {
        /// The reference text.
        reference: String,
        /// Where.
        at: String,
        /// What is wrong.
        reason: String,
    },
    /// A reference to a skill the catalog does not define.
    #[error("{at}: unknown skill `{id}`")]
    UnknownSkill {
        /// The missing skill id.
        id: String,
        /// Where it is referenced.
        at: String,
    },
    /// A reference above the referenced skill's highest level.
    #[error("{at}: `{reference}` asks for level {level} but `{skill}` has {max} level(s)")]
    LevelOutOfRange {
        /// The reference text.
        reference: String,
        /// The skill.
        skill: String,
        /// The level asked.
        level: u32,
        /// The skill's highest level.
        max: u32,
        /// Where.
        at: String,
    },
    /// Hours that are negative, NaN or infinite, or an empty hours list.
    #[error("{at}: bad hours: {reason}")]
    BadHours {
        /// The skill.
        skill: String,
        /// Where.
        at: String,
        /// What is wrong.
        reason: String,
    },
    /// A `level_requires` key that is not a level from 2 to the highest.
    #[error("{at}: bad level_requires key `{key}`: {reason}")]
    BadLevelKey {
        /// The skill.
        skill: String,
        /// The key.
        key: String,
        /// Where.
        at: String,
        /// What is wrong.
        reason: String,
    },
    /// An `any_of` group without members, or with a count outside 1..=members.
    #[error("{at}: bad group: {reason}")]
    BadGroup {
        /// Where.
        at: String,
        /// What is wrong.
        reason: String,
    },
    /// The same entry twice in one role (or one group, or one requirement list).
    #[error("{at}: duplicate entry `{entry}` (also at {first})")]
    DuplicateEntry {
        /// The entry.
        entry: String,
        /// Where the second occurrence is.
        at: String,
        /// Where the first occurrence is.
        first: String,
    },
    /// A transfer discount outside [0, 1] (or NaN).
    #[error("{at}: discount {discount} is outside [0, 1]")]
    BadDiscount {
        /// The value.
        discount: f64,
        /// Where.
        at: String,
    },
    /// A cycle in the step dependency graph.
    #[error("cycle in prerequisites: {}", cycle_text(cycle))]
    Cycle {
        /// The skill ids along the cycle, in requires order, one per step,
        /// without repeating the first.
        cycle: Vec<String>,
    },
}

fn cycle_text(cycle: &[String]) -> String {
    let mut s = cycle.join(" -> ");
    if let Some(first) = cycle.first() {
        s.push_str(" -> ");
        s.push_str(first);
    }
    s
}
