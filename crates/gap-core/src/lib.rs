//! # gap-core
//!
//! Skills as a prerequisite graph: how far a person is from a job role and the
//! cheapest way to close the gap.
//!
//! - [`format`](mod@format): the `skillgap/1` catalog file (JSON, TOML) as plain serde data.
//! - [`Catalog`]: a validated, immutable catalog with ids interned to dense
//!   indices ([`SkillIx`], [`RoleIx`], [`StepIx`]) and the step graph in petgraph
//!   ([`graph`]); [`Catalog::default`] is the embedded AI-engineering catalog.
//! - [`Profile`]: what a person knows.
//! - Queries on a catalog (SPEC 4): [`Catalog::learning_path`] (exact shortest
//!   paths: closure without groups, branch-and-bound with groups),
//!   [`Catalog::gap`], [`Catalog::rank_roles`] (by hours or by fit, with
//!   progress), [`Catalog::hours_matrix`], [`Catalog::cohort`],
//!   [`Catalog::next_steps`], [`Catalog::milestones`], [`Catalog::schedule`],
//!   [`Catalog::match_text`], [`Catalog::read_posting`] and
//!   [`Catalog::role_from_text`];
//!   [`Catalog::find_roles`] and [`Catalog::find_skills`] find entries by name.
//! - Every query takes [`Limits`] (the `_with` methods, or
//!   [`PathOptions::limits`]): one search-node budget for the whole query and
//!   a [`Cancel`] check; results say `optimal` and carry a lower bound.
//! - [`import`]: ESCO, O*NET and Metacademy; [`synthetic::synthetic`]: seeded
//!   test catalogs. `ARCHITECTURE.md` gives the layers.
//! - [`Error`]: the one error type; invalid catalogs list every [`Problem`].
//!
//! ```
//! use gap_core::{Catalog, PathOptions, Profile, Target};
//! let cat = Catalog::from_json(r#"{
//!   "skills": [{"id": "python", "name": "Python", "hours": [40, 80]},
//!              {"id": "sql", "name": "SQL", "hours": 30},
//!              {"id": "pandas", "name": "pandas", "hours": 20, "requires": ["python@2"]}],
//!   "roles": [{"id": "analyst", "name": "Analyst", "requires": ["pandas", "sql"]}]}"#)?;
//! let me = Profile::from_refs(["python"])?;
//! let path = cat.learning_path(&me, &[Target::from("analyst")], &PathOptions::default())?;
//! assert_eq!(path.total_hours, 80.0 + 20.0 + 30.0);
//! assert!(path.optimal);
//! # Ok::<(), gap_core::Error>(())
//! ```

mod alloc;
mod catalog;
mod content_hash;
mod csr;
mod decompile;
mod error;
mod export;
mod find;
pub mod format;
pub mod graph;
#[cfg(feature = "import")]
pub mod import;
mod milestones;
mod model;
mod par;
mod problem_parts;
mod profile;
mod query;
pub mod reference;
mod replay;
mod resolve;
mod results;
mod schedule;
mod solve;
pub mod suggest;
pub mod synthetic;
#[cfg(feature = "text")]
mod text;
mod unpickle;
mod validate;

// How numbers read to people: one formatter for every face.
mod present;
pub use present::format_hours;

pub use catalog::{Catalog, DEFAULT_CATALOG_JSON};
pub use content_hash::ContentHash;
pub use decompile::{SkillEdge, StepRef};
pub use error::{Error, InvalidCatalog, Problem, Result};
pub use find::Found;
pub use model::{Need, Requirement, Role, RoleIx, Skill, SkillIx, StepIx, Transfer};
pub use par::{after_fork, num_threads, set_num_threads};
pub use profile::Profile;
pub use query::Programme;
pub use query::options::{
    Cancel, Limits, Mode, Order, PathOptions, Progress, RankBy, RankOptions, Target,
};
pub use query::{Cohort, CohortRole, CohortSkill, HoursMatrix};
pub use query::{CurvePoint, DemandRow, split_postings};
pub use results::{
    Gap, LearningPath, Milestone, Missing, NextStep, RankEntry, Reason, Schedule, ScheduledStep,
    Step, TextMatch, Week,
};
pub use solve::DEFAULT_BUDGET;

// Reading a job posting into a role, with evidence (feature `text`).
#[cfg(feature = "text")]
mod posting;
#[cfg(feature = "text")]
pub use posting::{Evidence, EvidenceKind, Posting};

/// The README's Rust examples, run as doc tests so they never rot.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
