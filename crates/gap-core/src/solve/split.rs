//! A role's answer split into its forced part and its group part, for the
//! batch queries (`hours_matrix`, rankings): what makes a batch with groups
//! nearly as fast as one without.
//!
//! From a profile P, every solution of a role's problem contains the
//! *base*: the closure of the role's unmet plain entries over unmet plain
//! prerequisites (the `base` of [`super::closure::Local`]). The rest of a
//! solution only has to meet the *obligations*: the role's group entries
//! and the groups of base steps that P and the base together leave unmet.
//! So with P'' = P plus the base (each skill at the higher of the two
//! levels), priced by the transfers P fires,
//!
//! ```text
//! optimum(P) = hours(base) + optimum of the obligations from P''
//! ```
//!
//! and a solution is the base plus a solution of the obligations (both
//! directions hold step by step: a base step's plain needs are in P or the
//! base, its groups are obligations, and nothing else needs more). The
//! second term is a function of the *group key*: the obligations, the
//! levels of P'' on the role's group region (the skills the groups'
//! members reach over every requirement, capped at the highest level the
//! region holds) and the transfers P fires onto that region. Profiles that
//! differ only on plain chains of a role share one search (a batch keeps
//! group parts by key). The batch derives each cell's split from the empty
//! profile's ([`super::delta`]: work proportional to what the profile
//! changes in the base); the walk here computes the empty profile's, and is
//! the oracle of the derivation's tests.
//!
//! Most profiles of a ranking change nothing the group part depends on,
//! though they touch the region, or change one of its independent
//! components only: the empty profile's group part is kept by component
//! with what each component's derivation looked at
//! ([`super::parts::EmptyPart`]), and a cell reuses every component it
//! agrees with and solves only the rest (on `synthetic(14000, 3000, 1)`,
//! 412 of the 598 roles a 20-skill profile touches reuse all of them, and
//! the other 186 reuse 800 of their 949 components).
//!
//! The hours are the correctly rounded sum of the base's and the group
//! part's step hours together (so the total of the same step set as a
//! `learning_path` is the same to the last bit). A component with few
//! choices is solved without a search ([`super::assign`]: most of the
//! embedded catalog's), the others by the branch-and-bound. The split
//! answers a cell only when the group part is proven optimal; otherwise the
//! batch falls back to the whole problem, as [`super::batch`] solves it.

use super::DEFAULT_BUDGET;
use super::assign::AssignScratch;
use super::batch::TRANSFER;
use super::compiled::{DeriveScratch, Need, RoleProblem};
use super::parts::PartScratch;
use super::sum::ExactSum;
use crate::catalog::Catalog;
use crate::query::options::Limits;

/// A key item for an obligation (the compiled group's index in the low bits).
const OBLIGATION: u64 = 1 << 62;

/// Reusable space for splitting cells (one per thread).
#[derive(Debug, Default)]
pub(crate) struct SplitScratch {
    /// Per compiled step: the epoch in which it joined the base.
    pub(super) stamp: Vec<u32>,
    epoch: u32,
    pub(super) stack: Vec<u32>,
    /// Groups met on the way (candidate obligations), compiled indices.
    cand: Vec<u32>,
    /// The obligations, ascending.
    pub obligations: Vec<u32>,
    /// Per catalog skill: the highest level the base holds (0 elsewhere).
    pub(super) raise: Vec<u32>,
    /// The skills with a non-zero `raise`.
    pub(super) raised: Vec<u32>,
    /// The exact hours of the base.
    pub base: ExactSum,
    /// The group key of the last cell split.
    pub key: Vec<u64>,
    /// P'' (dense), built when the group part is solved.
    pub(super) p2: Vec<u32>,
    /// Per compiled step: (epoch, parents in the base not yet dropped), for
    /// [`RoleProblem::split_from`].
    pub(super) count: Vec<(u32, u32)>,
    /// Skills that lost a base step, and skills repriced by a transfer.
    pub(super) dirty: Vec<u32>,
    pub(super) repriced: Vec<u32>,
    /// Per owned group of a derived split ([`super::delta`]): the epoch in
    /// which it must be recounted.
    pub(super) open: Vec<u32>,
    pub(super) derive: DeriveScratch,
    pub(super) assign: AssignScratch,
    pub(super) parts: PartScratch,
    /// Search nodes the group part of the last split took.
    pub(super) nodes: u64,
}

impl SplitScratch {
    /// The epoch of the last split begun.
    pub(super) fn epoch(&self) -> u32 {
        self.epoch
    }

    /// Starts a split of a problem of `n` compiled steps on a catalog of
    /// `n_skills` skills: a fresh epoch, no levels raised, an empty base.
    pub(super) fn begin(&mut self, n: usize, n_skills: usize) -> u32 {
        if self.stamp.len() < n {
            self.stamp.resize(n, 0);
            self.count.resize(n, (0, 0));
        }
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.count.iter_mut().for_each(|c| c.0 = 0);
            self.open.iter_mut().for_each(|s| *s = 0);
            self.epoch = 1;
        }
        if self.raise.len() < n_skills {
            self.raise.resize(n_skills, 0);
        }
        for &s in &self.raised {
            self.raise[s as usize] = 0;
        }
        self.raised.clear();
        self.stack.clear();
        self.dirty.clear();
        self.base.clear();
        self.nodes = 0;
        self.epoch
    }
}

/// The group part of a role's answer for one group key: the hours of the
/// chosen steps (to add to a base exactly) and whether they are proven
/// minimal.
#[derive(Debug, Clone)]
pub(crate) struct GroupPart {
    /// Hours of each chosen step of the group part.
    pub costs: Box<[f64]>,
    /// The chosen steps (compiled), in the order of `costs`.
    pub steps: Box<[u32]>,
    /// Whether the group part is proven optimal.
    pub optimal: bool,
}

/// A cell's hours: its `base` plus `part`, correctly rounded.
pub(crate) fn add_part(base: &mut ExactSum, part: &GroupPart) -> f64 {
    for &c in part.costs.iter() {
        base.add(c);
    }
    base.value()
}

/// Whether the split may answer within `limits`: its group parts are
/// solved with the default budget, and a cell of another budget is what a
/// search of the whole problem with that budget gives.
pub(crate) fn applies(limits: &Limits) -> bool {
    limits.budget.is_none_or(|b| b == DEFAULT_BUDGET)
}

impl RoleProblem {
    /// Splits the role's cell for `start`: the base hours into `sc.base`,
    /// the obligations into `sc.obligations` and, when `keyed` (a batch
    /// that keeps group parts by key), the group key into `sc.key`.
    pub fn split(&self, cat: &Catalog, start: &[u32], keyed: bool, sc: &mut SplitScratch) {
        let epoch = sc.begin(self.skill.len(), cat.skills().len());
        sc.cand.clear();
        let visit = |x: u32, sc: &mut SplitScratch| {
            if sc.stamp[x as usize] != epoch && !self.known(start, x) {
                sc.stamp[x as usize] = epoch;
                sc.stack.push(x);
            }
        };
        for &e in &self.entries {
            match e {
                Need::Step(x) => visit(x, sc),
                Need::Group(g) => sc.cand.push(g),
            }
        }
        while let Some(x) = sc.stack.pop() {
            let (s, l) = (self.skill[x as usize], self.level[x as usize]);
            sc.base.add(self.price(cat, x, start));
            let r = &mut sc.raise[s as usize];
            if *r == 0 {
                sc.raised.push(s);
            }
            *r = (*r).max(l);
            for &need in self.needs.row(x as usize) {
                match need {
                    Need::Step(y) => visit(y, sc),
                    Need::Group(g) => sc.cand.push(g),
                }
            }
        }
        // The obligations: candidate groups that P'' leaves unmet.
        sc.obligations.clear();
        for &g in &sc.cand {
            let gr = &self.groups[g as usize];
            let met = gr
                .members
                .iter()
                .filter(|&&m| sc.stamp[m as usize] == epoch || self.known(start, m))
                .count() as u32;
            if met < gr.count {
                sc.obligations.push(g);
            }
        }
        sc.obligations.sort_unstable();
        sc.key.clear();
        if keyed {
            self.fill_key(cat, start, sc);
        }
    }

    /// The base of the cell last split into `sc` by the walk
    /// ([`split`](RoleProblem::split)): its compiled steps, ascending.
    pub(super) fn walked_base<'a>(&self, sc: &'a SplitScratch) -> impl Iterator<Item = u32> + 'a {
        let epoch = sc.epoch;
        (0..self.skill.len() as u32).filter(move |&x| sc.stamp[x as usize] == epoch)
    }

    /// The group key of the cell split into `sc` from `start` (whose
    /// obligations and levels it holds) into `sc.key`.
    pub(super) fn fill_key(&self, cat: &Catalog, start: &[u32], sc: &mut SplitScratch) {
        sc.key.clear();
        sc.key
            .extend(sc.obligations.iter().map(|&g| OBLIGATION | u64::from(g)));
        for &(s, high) in &self.region_skills {
            let level = start
                .get(s as usize)
                .copied()
                .unwrap_or(0)
                .max(sc.raise[s as usize])
                .min(high);
            if level > 0 {
                sc.key.push((u64::from(s) << 32) | u64::from(level));
            }
        }
        for &t in &self.region_transfers {
            if cat.transfers()[t as usize].from.satisfied_by(start) {
                sc.key.push(TRANSFER | u64::from(t));
            }
        }
    }

    /// Solves the group part of the cell last split into `sc` (within the
    /// default budget and the cancellation check of `limits`), component
    /// by component ([`super::parts`]).
    #[cfg(test)]
    pub fn solve_group_part(
        &self,
        cat: &Catalog,
        start: &[u32],
        limits: &Limits,
        sc: &mut SplitScratch,
    ) -> crate::error::Result<GroupPart> {
        self.group_part(cat, start, None, limits, sc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PathOptions, Profile, Target};

    /// A role needing `w` (which needs `z`), `b` (which needs `a`), `t`
    /// (whose level 1 needs any of `u`, `v`) and any of `x`, `y` (`x` needs
    /// `c`, `y` needs `a`): a profile that only shortens plain chains keeps
    /// the group key; one that changes what the members can build on, or
    /// which groups are open, does not. Every split cell is the path's
    /// hours.
    #[test]
    fn plain_chains_share_a_group_key() {
        let cat = Catalog::from_json(
            r#"{
              "skills": [
                {"id": "z", "name": "Z", "hours": 8},
                {"id": "w", "name": "W", "hours": 5, "requires": ["z"]},
                {"id": "a", "name": "A", "hours": [10, 4]},
                {"id": "b", "name": "B", "hours": 20, "requires": ["a"]},
                {"id": "c", "name": "C", "hours": 3},
                {"id": "u", "name": "U", "hours": 6},
                {"id": "v", "name": "V", "hours": 9},
                {"id": "t", "name": "T", "hours": 2, "requires": [{"any_of": ["u", "v"]}]},
                {"id": "x", "name": "X", "hours": 15, "requires": ["c"]},
                {"id": "y", "name": "Y", "hours": 7, "requires": ["a"]}
              ],
              "roles": [{"id": "r", "name": "R",
                         "requires": ["w", "b", "t", {"any_of": ["x", "y"]}]}]
            }"#,
        )
        .expect("catalog");
        let problem = RoleProblem::build(&cat, 0);
        let mut sc = SplitScratch::default();
        let key_of = |refs: &[&str], sc: &mut SplitScratch| {
            let p = Profile::from_refs(refs.iter().copied()).expect("profile");
            let start = cat.resolve_profile(&p).expect("start");
            problem.split(&cat, &start, true, sc);
            let part = problem
                .solve_group_part(&cat, &start, &Limits::default(), sc)
                .expect("group part");
            let hours = add_part(&mut sc.base, &part);
            let path = cat
                .learning_path(&p, &[Target::from("r")], &PathOptions::default())
                .expect("path");
            assert_eq!(hours, path.total_hours, "{refs:?}");
            assert!(part.optimal);
            sc.key.clone()
        };
        let empty = key_of(&[], &mut sc);
        // Plain chains outside the region, and `a` (which the base holds
        // anyway, above it at level 2).
        for refs in [&["z"][..], &["w"], &["w", "z"], &["a"], &["a@2"]] {
            assert_eq!(key_of(refs, &mut sc), empty, "{refs:?}");
        }
        // `b` known: the base no longer holds `a`, which `y` needs.
        assert_ne!(key_of(&["b"], &mut sc), empty);
        // `c` known: cheaper `x`.
        assert_eq!(key_of(&["c"], &mut sc).len(), empty.len() + 1);
        // Knowing `t` closes its group.
        assert_ne!(key_of(&["t"], &mut sc), empty);
        // Knowing a member meets the entry group.
        assert_ne!(key_of(&["x"], &mut sc), empty);
    }
}
