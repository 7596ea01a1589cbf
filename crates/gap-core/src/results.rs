//! The result types of the queries (SPEC 4): learning paths and their steps,
//! gaps, rankings, next steps, schedules, milestones and text matches. Plain
//! data with public fields, `serde`-serializable, so every front end (Python,
//! the command) shows the same thing. The queries' inputs live in
//! [`crate::query::options`].

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::profile::Profile;
use crate::reference::format_reference;
use crate::solve::sum::ExactSum;

/// Why a step is in a path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
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

impl Reason {
    /// `"role"` or `"prerequisite"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::Role { .. } => "role",
            Reason::Prerequisite { .. } => "prerequisite",
        }
    }

    /// The role id of a role entry, else None.
    pub fn role(&self) -> Option<&str> {
        match self {
            Reason::Role { role, .. } => Some(role),
            Reason::Prerequisite { .. } => None,
        }
    }

    /// The role entry as written (`python@2`, `any_of[aws, gcp]`), else None.
    pub fn entry(&self) -> Option<&str> {
        match self {
            Reason::Role { entry, .. } => Some(entry),
            Reason::Prerequisite { .. } => None,
        }
    }

    /// The skill of the step that needs this one, else None.
    pub fn skill(&self) -> Option<&str> {
        match self {
            Reason::Prerequisite { skill, .. } => Some(skill),
            Reason::Role { .. } => None,
        }
    }

    /// The level of the step that needs this one, else None.
    pub fn level(&self) -> Option<u32> {
        match self {
            Reason::Prerequisite { level, .. } => Some(*level),
            Reason::Role { .. } => None,
        }
    }
}

impl fmt::Display for Reason {
    /// The reason as a short sentence, the one every face shows:
    /// `role ml-engineer requires python@2` or `prerequisite of pytorch@2`
    /// (ids, and a reference without `@1` for level 1).
    ///
    /// ```
    /// use gap_core::Reason;
    /// let r = Reason::Role { role: "ml-engineer".into(), entry: "any_of[aws, gcp]".into() };
    /// assert_eq!(r.to_string(), "role ml-engineer requires any_of[aws, gcp]");
    /// let p = Reason::Prerequisite { skill: "pytorch".into(), level: 1 };
    /// assert_eq!(p.to_string(), "prerequisite of pytorch");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Role { role, entry } => write!(f, "role {role} requires {entry}"),
            Reason::Prerequisite { skill, level } => {
                write!(f, "prerequisite of {}", format_reference(skill, *level))
            }
        }
    }
}

/// One step of a path: learning one level of one skill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
#[non_exhaustive]
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

impl Step {
    /// Learning `level` of `skill` for `hours` (after transfers), without
    /// reasons (see [`with_reasons`](Step::with_reasons)): for a path made by
    /// hand, to ask for its milestones or schedule.
    ///
    /// ```
    /// use gap_core::Step;
    /// let s = Step::new("python", 2, 80.0);
    /// assert_eq!((s.skill.as_str(), s.level, s.hours), ("python", 2, 80.0));
    /// ```
    pub fn new(skill: impl Into<String>, level: u32, hours: f64) -> Self {
        Step {
            skill: skill.into(),
            level,
            hours,
            reasons: Vec::new(),
        }
    }

    /// This step with these reasons.
    #[must_use]
    pub fn with_reasons(mut self, reasons: Vec<Reason>) -> Self {
        self.reasons = reasons;
        self
    }
}

impl LearningPath {
    /// A path of `steps` from `start`, e.g. one planned by hand: its
    /// `total_hours` is the exact sum of the steps' hours; nothing is proven
    /// about it (`optimal` false, `lower_bound` 0, no `targets`) until
    /// [`with_bound`](LearningPath::with_bound) or
    /// [`with_targets`](LearningPath::with_targets) say otherwise.
    ///
    /// ```
    /// use gap_core::{LearningPath, Profile, Step};
    /// let p = LearningPath::new(vec![Step::new("sql", 1, 30.0), Step::new("python", 1, 40.0)], Profile::new());
    /// assert_eq!((p.total_hours, p.optimal), (70.0, false));
    /// ```
    pub fn new(steps: Vec<Step>, start: Profile) -> Self {
        let total_hours = crate::solve::sum::exact_sum(steps.iter().map(|s| s.hours));
        LearningPath {
            steps,
            total_hours,
            optimal: false,
            lower_bound: 0.0,
            targets: Vec::new(),
            start,
        }
    }

    /// This path with whether its cost is proven minimal and a lower bound
    /// (clamped to the total; equal to it when `optimal`).
    #[must_use]
    pub fn with_bound(mut self, optimal: bool, lower_bound: f64) -> Self {
        self.optimal = optimal;
        self.lower_bound = if optimal {
            self.total_hours
        } else {
            lower_bound.min(self.total_hours)
        };
        self
    }

    /// This path with the role ids it was computed for.
    #[must_use]
    pub fn with_targets<S: Into<String>>(mut self, targets: impl IntoIterator<Item = S>) -> Self {
        self.targets = targets.into_iter().map(Into::into).collect();
        self
    }

    /// The running total of hours: element `i` is the hours of steps `0..=i`,
    /// each a correctly rounded sum (as `total_hours` is), so the last element
    /// of a path from [`Catalog::learning_path`](crate::Catalog::learning_path)
    /// equals `total_hours` to the bit, and a milestone's `hours` is the
    /// element of its step. Empty for an empty path. Should the exact sum
    /// overflow, or a step's hours not be finite, the plain running sum is
    /// given instead (`inf` or `NaN`, as that sum says).
    ///
    /// Complexity: O(steps × p), p the (small) number of partials of an
    /// exact sum.
    ///
    /// ```
    /// use gap_core::{LearningPath, Profile, Step};
    /// let step = |h: f64| Step::new("s", 1, h);
    /// let path = LearningPath::new(vec![step(0.1), step(0.2), step(0.3)], Profile::new());
    /// // A naive running sum ends at 0.6000000000000001.
    /// assert_eq!(path.cumulative_hours(), [0.1, 0.30000000000000004, 0.6]);
    /// ```
    pub fn cumulative_hours(&self) -> Vec<f64> {
        let mut exact = ExactSum::new();
        let mut plain = 0.0;
        self.steps
            .iter()
            .map(|s| {
                plain += s.hours;
                if !plain.is_finite() {
                    return plain;
                }
                exact.add(s.hours);
                let v = exact.value();
                if v.is_finite() { v } else { plain }
            })
            .collect()
    }
}

/// A stepping-stone role reached along a path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
#[non_exhaustive]
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
    /// Whether this is the whole step, not split across weeks (decided by
    /// [`Catalog::schedule`](crate::Catalog::schedule); data written before
    /// the field existed reads as `false`, and a [`Schedule`] read without
    /// it works it out from its items).
    #[serde(default)]
    pub whole: bool,
}

/// One week of a schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
#[non_exhaustive]
pub struct Schedule {
    /// Hours per week.
    pub hours_per_week: f64,
    /// The weeks.
    #[serde(deserialize_with = "weeks_with_whole")]
    pub weeks: Vec<Week>,
    /// max(1, ceil(total / hours_per_week)) for a non-empty path, 0 for an empty one.
    pub total_weeks: u32,
    /// Milestones with their week.
    pub milestones: Vec<Milestone>,
}

/// Reads the weeks of a schedule; when no item says it is `whole` (data from
/// before the field), an item is whole when it is its step's only slice,
/// which is what [`Catalog::schedule`](crate::Catalog::schedule) decides.
fn weeks_with_whole<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Week>, D::Error> {
    let mut weeks = Vec::<Week>::deserialize(d)?;
    let items = || weeks.iter().flat_map(|w| &w.items);
    if !items().any(|it| it.whole) {
        let mut slices = std::collections::HashMap::new();
        for it in items() {
            *slices.entry(it.step_index).or_insert(0usize) += 1;
        }
        for it in weeks.iter_mut().flat_map(|w| &mut w.items) {
            it.whole = slices.get(&it.step_index) == Some(&1);
        }
    }
    Ok(weeks)
}

/// An unmet essential entry of a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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

impl Missing {
    /// `"skill"` or `"group"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Missing::Skill { .. } => "skill",
            Missing::Group { .. } => "group",
        }
    }

    /// The entry as written (`python@2`, `any_of[aws, gcp]`).
    pub fn entry(&self) -> &str {
        match self {
            Missing::Skill { entry, .. } | Missing::Group { entry, .. } => entry,
        }
    }

    /// The skill id of a reference, else None.
    pub fn skill(&self) -> Option<&str> {
        match self {
            Missing::Skill { skill, .. } => Some(skill),
            Missing::Group { .. } => None,
        }
    }

    /// The profile's level of a reference's skill, else None.
    pub fn current(&self) -> Option<u32> {
        match self {
            Missing::Skill { current, .. } => Some(*current),
            Missing::Group { .. } => None,
        }
    }

    /// The level a reference needs, else None.
    pub fn needed(&self) -> Option<u32> {
        match self {
            Missing::Skill { needed, .. } => Some(*needed),
            Missing::Group { .. } => None,
        }
    }

    /// A group's member references, else None.
    pub fn members(&self) -> Option<&[String]> {
        match self {
            Missing::Group { members, .. } => Some(members),
            Missing::Skill { .. } => None,
        }
    }

    /// How many members a group needs, else None.
    pub fn count(&self) -> Option<u32> {
        match self {
            Missing::Group { count, .. } => Some(*count),
            Missing::Skill { .. } => None,
        }
    }

    /// How many members of a group are met, else None.
    pub fn satisfied(&self) -> Option<u32> {
        match self {
            Missing::Group { satisfied, .. } => Some(*satisfied),
            Missing::Skill { .. } => None,
        }
    }

    /// How many more members a group needs, else None.
    pub fn more(&self) -> Option<u32> {
        match self {
            Missing::Group { more, .. } => Some(*more),
            Missing::Skill { .. } => None,
        }
    }
}

/// How far a profile is from a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_as_one_sentence() {
        let role = Reason::Role {
            role: "dev".into(),
            entry: "python@2".into(),
        };
        assert_eq!(role.to_string(), "role dev requires python@2");
        let pre = |level| Reason::Prerequisite {
            skill: "python".into(),
            level,
        };
        assert_eq!(pre(2).to_string(), "prerequisite of python@2");
        assert_eq!(pre(1).to_string(), "prerequisite of python");
    }

    /// A path learning s0, s1 … with `hours` (role r_i requires s_i).
    fn path_of(hours: &[f64]) -> LearningPath {
        crate::schedule::tests::case(hours).1
    }

    #[test]
    fn cumulative_hours_are_exact_prefix_sums() {
        assert!(path_of(&[]).cumulative_hours().is_empty());
        let p = path_of(&[0.1; 10]);
        let c = p.cumulative_hours();
        assert_eq!(c.len(), 10);
        // A naive running sum ends at 0.9999999999999999.
        assert_eq!(c[9], 1.0);
        assert_eq!(c.last().copied(), Some(p.total_hours));
        for (k, &v) in c.iter().enumerate() {
            assert_eq!(v, crate::solve::sum::exact_sum(vec![0.1; k + 1]));
        }
        let p = path_of(&[1e16, 1.0, 1.0]);
        assert_eq!(p.cumulative_hours(), [1e16, 1e16, 1e16 + 2.0]);
        // Beyond what an exact sum holds: the plain sum, never a panic.
        let c = path_of(&[f64::MAX, f64::MAX, 1.0]).cumulative_hours();
        assert_eq!(c[0], f64::MAX);
        assert!(c[1].is_infinite() && c[2].is_infinite());
        assert!(path_of(&[1.0, f64::NAN]).cumulative_hours()[1].is_nan());
    }

    #[test]
    fn milestone_hours_are_the_running_sums() {
        // Each role r_i is reached at step i: its hours are the exact running
        // sum (naively 0.1 + 0.2 + 0.3 is 0.6000000000000001).
        let (cat, path) = crate::schedule::tests::case(&[0.1, 0.2, 0.3, 0.1]);
        let m: Vec<f64> = cat
            .milestones(&path)
            .unwrap()
            .iter()
            .map(|m| m.hours)
            .collect();
        assert_eq!(m, path.cumulative_hours());
        assert_eq!(m[2], 0.6);
        assert_eq!(m[3], path.total_hours);
    }
}
