//! Replaying steps on levels: whether a step is valid (SPEC 4, "Valid
//! step"), checking a whole path step by step, and watching which roles
//! become job-ready as levels rise. Milestones, the milestone order and next
//! steps all check paths here.
//!
//! [`RoleWatch`] indexes every role's essential entries by the skills they
//! name, so a step only re-checks the entries that name its skill, and a
//! walk costs O(entries of the catalog + entries touched by the steps)
//! rather than O(roles × steps).

use crate::catalog::Catalog;
use crate::csr::Csr;
use crate::error::{Error, Result};
use crate::model::{Requirement, SkillIx};
use crate::results::Step;

/// Roles of a catalog watched while levels rise: which are job-ready.
///
/// Each essential entry keeps the number of its members met, so raising a
/// skill costs time in the number of members naming that skill, however
/// large the groups (a 200,000-member group is not re-counted per step).
pub(crate) struct RoleWatch {
    /// The role of each entry.
    entry_role: Vec<u32>,
    /// Row s: the (entry, member level) pairs of the members that name
    /// skill s.
    by_skill: Csr<(u32, u32)>,
    /// Members of each entry met at the current levels.
    met: Vec<u32>,
    /// Members each entry needs (1 for a reference, `count` for a group).
    need: Vec<u32>,
    /// The number of unsatisfied entries of each role (0 = job-ready).
    unmet: Vec<u32>,
    /// The current levels, by skill.
    levels: Vec<u32>,
}

impl RoleWatch {
    /// Indexes the catalog's roles and evaluates them at `start` (dense levels).
    pub(crate) fn new(cat: &Catalog, start: Vec<u32>) -> Self {
        let n_skills = cat.skills().len();
        let mut entry_role = Vec::new();
        // (skill, (entry, member level)), one per member.
        let mut pairs: Vec<(u32, (u32, u32))> = Vec::new();
        let mut unmet = vec![0u32; cat.roles().len()];
        let mut met = Vec::new();
        let mut need = Vec::new();
        for (r, role) in cat.roles().iter().enumerate() {
            for req in &role.requires {
                let e = entry_role.len() as u32;
                entry_role.push(r as u32);
                let members = req.members();
                let k = match req {
                    Requirement::Skill(_) => 1,
                    Requirement::AnyOf { count, .. } => *count,
                };
                let m = members.iter().filter(|n| n.satisfied_by(&start)).count() as u32;
                met.push(m);
                need.push(k);
                if m < k {
                    unmet[r] += 1;
                }
                pairs.extend(members.iter().map(|n| (n.skill.0, (e, n.level))));
            }
        }
        RoleWatch {
            entry_role,
            by_skill: Csr::from_pairs(n_skills, &pairs),
            met,
            need,
            unmet,
            levels: start,
        }
    }

    /// Whether role `r` is job-ready at the current levels.
    pub(crate) fn ready(&self, r: usize) -> bool {
        self.unmet[r] == 0
    }

    /// The current levels.
    pub(crate) fn levels(&self) -> &[u32] {
        &self.levels
    }

    /// Raises `skill` to `level` and appends to `newly` the roles that become
    /// job-ready (in entry order; callers sort).
    pub(crate) fn apply(&mut self, skill: SkillIx, level: u32, newly: &mut Vec<u32>) {
        let s = skill.ix();
        let old = self.levels[s];
        if old >= level {
            return;
        }
        self.levels[s] = level;
        for &(e, member_level) in self.by_skill.row(s) {
            if member_level <= old || member_level > level {
                continue;
            }
            let e = e as usize;
            self.met[e] += 1;
            if self.met[e] == self.need[e] {
                let r = self.entry_role[e] as usize;
                self.unmet[r] -= 1;
                if self.unmet[r] == 0 {
                    newly.push(r as u32);
                }
            }
        }
    }
}

/// Whether step (`skill`, `level`) is valid for `levels` (SPEC 4).
pub(crate) fn step_valid(cat: &Catalog, levels: &[u32], skill: SkillIx, level: u32) -> bool {
    let sk = &cat.skills()[skill.ix()];
    level >= 1
        && level <= sk.levels()
        && levels[skill.ix()] == level - 1
        && sk
            .requirements(level)
            .iter()
            .all(|r| r.satisfied_by(levels))
}

impl Catalog {
    /// Resolves a path's steps against the catalog and checks that each is
    /// valid at its place, starting from `start` (dense levels).
    pub(crate) fn resolve_steps(
        &self,
        start: &[u32],
        steps: &[Step],
    ) -> Result<Vec<(SkillIx, u32)>> {
        let mut levels = start.to_vec();
        let mut out = Vec::with_capacity(steps.len());
        for (i, st) in steps.iter().enumerate() {
            let s = self.skill_index(&st.skill)?;
            if !(st.hours.is_finite() && st.hours >= 0.0) {
                return Err(Error::InvalidArgument(format!(
                    "step {i} (`{}@{}`) has hours {} (hours are finite and >= 0)",
                    st.skill, st.level, st.hours
                )));
            }
            if !step_valid(self, &levels, s, st.level) {
                let max = self.skills()[s.ix()].levels();
                let why = if st.level == 0 || st.level > max {
                    format!("`{}` has levels 1 to {max}", st.skill)
                } else if levels[s.ix()] != st.level - 1 {
                    format!(
                        "the learner is at level {} of `{}` there",
                        levels[s.ix()],
                        st.skill
                    )
                } else {
                    "its prerequisites are not met there".to_string()
                };
                return Err(Error::InvalidArgument(format!(
                    "step {i} (`{}@{}`) is not valid at its place in the path: {why}",
                    st.skill, st.level
                )));
            }
            levels[s.ix()] = st.level;
            out.push((s, st.level));
        }
        Ok(out)
    }
}
