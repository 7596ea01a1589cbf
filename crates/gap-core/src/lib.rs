//! # gap-core
//!
//! Skills as a prerequisite graph: how far a person is from a job role and the
//! cheapest way to close the gap.
//!
//! - [`format`]: the `skillgap/1` catalog file (JSON, TOML) as plain serde data.
//! - [`Catalog`]: a validated, immutable catalog with ids interned to dense
//!   indices ([`SkillIx`], [`RoleIx`], [`StepIx`]) and the step graph in petgraph.
//! - [`Profile`]: what a person knows.
//! - [`Error`]: the one error type; invalid catalogs list every [`Problem`].
//!
//! ```
//! use gap_core::{Catalog, Profile};
//! let cat = Catalog::from_json(r#"{"skills": [{"id": "sql", "name": "SQL", "hours": 30}],
//!                                  "roles": [{"id": "analyst", "name": "Analyst", "requires": ["sql"]}]}"#)?;
//! let levels = cat.resolve_profile(&Profile::from_refs(["sql"])?)?;
//! assert_eq!(levels, vec![1]);
//! # Ok::<(), gap_core::Error>(())
//! ```

mod catalog;
mod error;
mod export;
pub mod format;
pub mod graph;
pub mod import;
mod milestones;
mod model;
mod profile;
mod query;
mod reference;
mod results;
mod schedule;
mod solve;
mod suggest;
pub mod synthetic;
mod text;
mod validate;

pub use catalog::{Catalog, DEFAULT_CATALOG_JSON};
pub use error::{Error, InvalidCatalog, Problem, Result};
pub use export::SkillEdge;
pub use import::Imported;
pub use model::{Need, Requirement, Role, RoleIx, Skill, SkillIx, StepIx, Transfer};
pub use profile::Profile;
pub use reference::{RefText, format_reference, is_valid_id, parse_reference};
pub use results::{
    Gap, LearningPath, Milestone, Missing, Mode, NextStep, Order, PathOptions, RankEntry, Reason,
    Schedule, ScheduledStep, Step, Target, TextMatch, Week,
};
pub use solve::DEFAULT_BUDGET;
pub use suggest::suggest;
pub use synthetic::synthetic;
