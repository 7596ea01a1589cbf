//! The compiled model: skills, roles, requirements and transfers with ids
//! interned to dense indices, so that algorithms work on integers.

use std::fmt;

/// Dense index of a skill in its catalog (catalog order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SkillIx(pub u32);

/// Dense index of a role in its catalog (catalog order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleIx(pub u32);

/// Dense index of a step (one level of one skill); the steps of a skill are
/// consecutive, level 1 first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StepIx(pub u32);

impl SkillIx {
    /// As a `usize` for indexing.
    #[inline]
    pub fn ix(self) -> usize {
        self.0 as usize
    }
}
impl RoleIx {
    /// As a `usize` for indexing.
    #[inline]
    pub fn ix(self) -> usize {
        self.0 as usize
    }
}
impl StepIx {
    /// As a `usize` for indexing.
    #[inline]
    pub fn ix(self) -> usize {
        self.0 as usize
    }
}

/// A resolved reference: a skill at a minimum level (>= 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Need {
    /// The skill.
    pub skill: SkillIx,
    /// The minimum level.
    pub level: u32,
}

impl Need {
    /// Satisfied when the profile knows the skill at `level` or above.
    #[inline]
    pub fn satisfied_by(&self, levels: &[u32]) -> bool {
        levels.get(self.skill.ix()).copied().unwrap_or(0) >= self.level
    }
}

/// One requirement: a reference, or `count` of a group of references.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Requirement {
    /// One skill at a minimum level.
    Skill(Need),
    /// At least `count` of `members`.
    AnyOf {
        /// The alternatives, in catalog order.
        members: Vec<Need>,
        /// How many are needed (1 <= count <= members.len()).
        count: u32,
    },
}

impl Requirement {
    /// Whether the requirement holds for dense profile levels.
    pub fn satisfied_by(&self, levels: &[u32]) -> bool {
        match self {
            Requirement::Skill(n) => n.satisfied_by(levels),
            Requirement::AnyOf { members, count } => {
                members.iter().filter(|n| n.satisfied_by(levels)).count() >= *count as usize
            }
        }
    }

    /// The references the requirement names (one for a plain reference).
    pub fn members(&self) -> &[Need] {
        match self {
            Requirement::Skill(n) => std::slice::from_ref(n),
            Requirement::AnyOf { members, .. } => members,
        }
    }

    /// True for an `any_of` group.
    pub fn is_group(&self) -> bool {
        matches!(self, Requirement::AnyOf { .. })
    }
}

/// A validated skill.
#[derive(Debug, Clone, PartialEq)]
pub struct Skill {
    /// The id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Category, if given.
    pub category: Option<String>,
    /// Description, if given.
    pub description: Option<String>,
    /// Source (taxonomy URI or citation), if given.
    pub source: Option<String>,
    /// Strings used to find the skill in text.
    pub aliases: Vec<String>,
    /// Learning resources.
    pub resources: Vec<String>,
    /// Hours of each level (index 0 = level 1), each finite and >= 0.
    pub hours: Vec<f64>,
    /// Requirements of each level: index 0 is `requires` (for level 1), index
    /// L-1 is `level_requires[L]`. Same length as `hours`.
    pub level_reqs: Vec<Vec<Requirement>>,
}

impl Skill {
    /// The number of levels (>= 1).
    pub fn levels(&self) -> u32 {
        self.hours.len() as u32
    }

    /// The requirements of `level` beyond level-1 of the same skill
    /// (`requires` for level 1); empty for a level out of range.
    pub fn requirements(&self, level: u32) -> &[Requirement] {
        level
            .checked_sub(1)
            .and_then(|i| self.level_reqs.get(i as usize))
            .map_or(&[], |v| v.as_slice())
    }

    /// Total hours of all levels up to `level` (correctly rounded, as a
    /// path's `total_hours` is).
    pub fn hours_to(&self, level: u32) -> f64 {
        crate::solve::sum::exact_sum(self.hours.iter().take(level as usize).copied())
    }
}

/// A validated role.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// The id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Family, if given.
    pub family: Option<String>,
    /// Description, if given.
    pub description: Option<String>,
    /// Source, if given.
    pub source: Option<String>,
    /// Essential requirements.
    pub requires: Vec<Requirement>,
    /// Optional references.
    pub optional: Vec<Need>,
}

impl Role {
    /// Whether the role has any `any_of` group among its essential entries.
    pub fn has_groups(&self) -> bool {
        self.requires.iter().any(Requirement::is_group)
    }
}

/// A validated transfer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transfer {
    /// Must be satisfied by the starting profile.
    pub from: Need,
    /// The skill made cheaper.
    pub to: SkillIx,
    /// Fraction saved, in [0, 1].
    pub discount: f64,
}

impl fmt::Display for SkillIx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "skill#{}", self.0)
    }
}
