//! The result types of the queries (SPEC 4): learning paths and their steps,
//! gaps, rankings, next steps, schedules, milestones and text matches. Plain
//! data with public fields, `serde`-serializable, so every front end (Python,
//! the command) shows the same thing. The queries' inputs live in
//! [`crate::query::options`].

use serde::{Deserialize, Serialize};

use crate::profile::Profile;

/// Why a step is in a path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Reason {
    /// A target role's essential entry (`entry` as written, e.g. `python@2`
    /// or `any_of[aws, gcp]`).
    Role {
        /// The role id.
        role: String,
        /// The entry.
        entry: String,
    },
    /// A prerequisite of another step of the path.
    Prerequisite {
        /// The skill of the step that needs it.
        skill: String,
        /// The level of the step that needs it.
        level: u32,
    },
}

/// One step of a path: learning one level of one skill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// The skill id.
    pub skill: String,
    /// The level learned.
    pub level: u32,
    /// Hours after transfers.
    pub hours: f64,
    /// Why the step is there (at least one).
    pub reasons: Vec<Reason>,
}

/// A learning path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearningPath {
    /// Steps in a valid order.
    pub steps: Vec<Step>,
    /// Sum of the steps' hours.
    pub total_hours: f64,
    /// Whether the cost is proven minimal.
    pub optimal: bool,
    /// A proven lower bound on the minimal cost (= total_hours when optimal).
    pub lower_bound: f64,
    /// The role ids the path was computed for (mode any: the one that won).
    pub targets: Vec<String>,
    /// The starting profile.
    pub start: Profile,
}

/// A stepping-stone role reached along a path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    /// The role id.
    pub role: String,
    /// 0-based index of the step after which the role is job-ready.
    pub step_index: usize,
    /// Cumulative hours up to and including that step.
    pub hours: f64,
    /// The week in which that step ends (schedules only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub week: Option<u32>,
}

/// A slice of one step placed in one week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduledStep {
    /// Index of the step in the path.
    pub step_index: usize,
    /// The skill id.
    pub skill: String,
    /// The level.
    pub level: u32,
    /// Hours of this step spent in this week.
    pub hours: f64,
    /// Whether the step is finished in this week.
    pub completes: bool,
}

/// One week of a schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Week {
    /// Week number, from 1.
    pub week: u32,
    /// The (parts of) steps learned this week, in path order.
    pub items: Vec<ScheduledStep>,
    /// Hours this week.
    pub hours: f64,
}

/// A path split into weeks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    /// Hours per week.
    pub hours_per_week: f64,
    /// The weeks.
    pub weeks: Vec<Week>,
    /// max(1, ceil(total / hours_per_week)) for a non-empty path, 0 for an empty one.
    pub total_weeks: u32,
    /// Milestones with their week.
    pub milestones: Vec<Milestone>,
}

/// An unmet essential entry of a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Missing {
    /// A reference not met.
    Skill {
        /// The entry as written.
        entry: String,
        /// The skill id.
        skill: String,
        /// The profile's level.
        current: u32,
        /// The level needed.
        needed: u32,
    },
    /// A group with too few members met.
    Group {
        /// The entry as written.
        entry: String,
        /// The member references.
        members: Vec<String>,
        /// How many are needed.
        count: u32,
        /// How many are met.
        satisfied: u32,
        /// How many more are needed.
        more: u32,
    },
}

/// How far a profile is from a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    /// The role id.
    pub role: String,
    /// Job-ready now.
    pub ready: bool,
    /// Unmet essential entries.
    pub missing: Vec<Missing>,
    /// Unmet optional references (as written).
    pub optional_missing: Vec<String>,
    /// Cost of the shortest path.
    pub hours: f64,
    /// Whether `hours` is proven minimal.
    pub optimal: bool,
    /// Satisfied entries / all entries (1.0 without entries).
    pub coverage: f64,
}

/// One row of a ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankEntry {
    /// The role id.
    pub role: String,
    /// Hours of the shortest path.
    pub hours: f64,
    /// Coverage as in [`Gap`].
    pub coverage: f64,
    /// Job-ready now.
    pub ready: bool,
    /// Whether `hours` is proven minimal.
    pub optimal: bool,
    /// The share of the role's hours (from the empty profile) the profile
    /// already has: saved / role_hours (1.0 when role_hours is 0), where
    /// saved = max(0, role_hours − hours). Counts partly met levels.
    #[serde(default)]
    pub progress: f64,
    /// The share of hours in common between what the profile knows and what
    /// the role needs: saved / (profile_hours + role_hours − saved), in
    /// [0, 1] (0 when that is 0, so a role without essential entries has fit
    /// 0).
    #[serde(default)]
    pub fit: f64,
}

/// A step that can be taken now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextStep {
    /// The skill id.
    pub skill: String,
    /// The level.
    pub level: u32,
    /// Hours after transfers.
    pub hours: f64,
    /// The targets for which the step is on a minimal optimal step set
    /// (empty without targets).
    pub targets: Vec<String>,
}

/// A skill found in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextMatch {
    /// The skill id.
    pub skill: String,
    /// The text matched, as it appears.
    pub text: String,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end (exclusive).
    pub end: usize,
}
