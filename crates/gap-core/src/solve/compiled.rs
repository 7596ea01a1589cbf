//! A catalog role's local problem compiled once, independent of any
//! profile, for the batch queries: every step its entries can pull in over
//! every requirement (the empty-profile problem), in topological order,
//! with each step's needs in declared order. A profile's local problem
//! ([`Local`]) is then derived by one walk over the compiled steps (skipping
//! known steps and met requirements) instead of a walk over the catalog's
//! step graph with a map of the whole graph per query.
//!
//! The derived problem is the one [`Local::build`] gives for the role's
//! entries from the same profile without caps or preferences (the batch
//! queries' context), field for field: the same steps (the steps reached
//! from a profile are those of the empty-profile problem reached without
//! crossing known steps or met requirements), in the same order (ascending
//! topological rank), with the same prerequisites and groups in the same
//! order (steps in order, needs in declared order, then the entries).

use std::ops::ControlFlow;

use super::closure::{Group, Local, LocalEntry, NeedOf, walk_needs};
use crate::catalog::Catalog;
use crate::csr::Csr;
use crate::model::{Requirement, StepIx};
use std::sync::OnceLock;

/// Sentinel for "not in the problem".
const NONE: u32 = u32::MAX;

/// One need of a compiled step or entry.
#[derive(Debug, Clone, Copy)]
pub(super) enum Need {
    /// A compiled step (the level below, or a plain reference).
    Step(u32),
    /// A compiled group (index into [`RoleProblem::groups`]).
    Group(u32),
}

/// A compiled `any_of` group: how many of its members it needs, and the
/// members as compiled steps in declared order.
#[derive(Debug, Clone)]
pub(super) struct CGroup {
    pub(super) count: u32,
    pub(super) members: Vec<u32>,
}

/// A role's compiled, profile-independent problem (see the module
/// documentation).
#[derive(Debug, Clone)]
pub(crate) struct RoleProblem {
    /// Compiled step -> global step, in ascending topological rank.
    steps: Vec<StepIx>,
    /// Skill and level of each compiled step.
    pub(super) skill: Vec<u32>,
    pub(super) level: Vec<u32>,
    /// Each step's needs: the level below first, then its requirements in
    /// declared order.
    pub(super) needs: Csr<Need>,
    pub(super) groups: Vec<CGroup>,
    /// The role's entries, in order.
    pub(super) entries: Vec<Need>,
    /// The *group region*: the skills of the steps that the members of the
    /// groups reach over every requirement (members included), each with
    /// the highest level the region holds, ascending by skill.
    pub(super) region_skills: Vec<(u32, u32)>,
    /// The transfers with a discount onto a skill of the group region.
    pub(super) region_transfers: Vec<u32>,
    /// Each step's hours before transfers.
    pub(super) raw: Vec<f64>,
    /// Whether a transfer with a discount goes onto the step's skill (its
    /// hours then depend on the profile).
    pub(super) priced: Vec<bool>,
}

/// The compiled problems of a catalog's roles, each built when first asked
/// for ([`Catalog::role_problem`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Problems(OnceLock<Box<[OnceLock<RoleProblem>]>>);

impl Catalog {
    /// The compiled problem of catalog role `ri` (built on first use, then
    /// kept with the catalog).
    pub(crate) fn role_problem(&self, ri: usize) -> &RoleProblem {
        let all = self
            .role_problems
            .0
            .get_or_init(|| (0..self.roles().len()).map(|_| OnceLock::new()).collect());
        all[ri].get_or_init(|| RoleProblem::build(self, ri))
    }
}

/// Reusable space for deriving local problems.
#[derive(Debug, Default)]
pub(crate) struct DeriveScratch {
    /// Compiled step -> local step (NONE: not in the problem).
    map: Vec<u32>,
    stack: Vec<u32>,
    /// The compiled steps of the problem last derived, ascending (local
    /// step i is `order[i]`).
    pub(super) order: Vec<u32>,
}

impl RoleProblem {
    /// Compiles catalog role `ri` (linear in the size of its empty-profile
    /// problem, plus one map of the step graph).
    pub fn build(cat: &Catalog, ri: usize) -> RoleProblem {
        let g = cat.step_graph();
        let role = &cat.roles()[ri];
        let mut map = vec![NONE; g.len()];
        let mut order: Vec<StepIx> = Vec::new();
        let push = |st: StepIx, map: &mut Vec<u32>, order: &mut Vec<StepIx>| {
            if map[st.ix()] == NONE {
                map[st.ix()] = 0;
                order.push(st);
            }
        };
        for req in &role.requires {
            for m in req.members() {
                push(cat.step(m.skill, m.level), &mut map, &mut order);
            }
        }
        let _ = walk_needs::<()>(cat, &mut order, |need, order| {
            match need {
                NeedOf::Below(st) => push(st, &mut map, order),
                NeedOf::Req(req) => {
                    for m in req.members() {
                        push(cat.step(m.skill, m.level), &mut map, order);
                    }
                }
            }
            ControlFlow::Continue(())
        });
        order.sort_unstable_by_key(|st| g.topo_rank[st.ix()]);
        for (i, st) in order.iter().enumerate() {
            map[st.ix()] = i as u32;
        }
        let mut groups: Vec<CGroup> = Vec::new();
        let need_of = |req: &Requirement, groups: &mut Vec<CGroup>| match req {
            Requirement::Skill(nd) => Need::Step(map[cat.step(nd.skill, nd.level).ix()]),
            Requirement::AnyOf { members, count } => {
                groups.push(CGroup {
                    count: *count,
                    members: members
                        .iter()
                        .map(|m| map[cat.step(m.skill, m.level).ix()])
                        .collect(),
                });
                Need::Group(groups.len() as u32 - 1)
            }
        };
        let mut needs = Csr::with_capacity(order.len(), 2 * order.len());
        let (mut skill, mut level) = (Vec::new(), Vec::new());
        for &st in &order {
            let (s, l) = g.skill_level(st);
            skill.push(s.0);
            level.push(l);
            if l > 1 {
                needs.push(Need::Step(map[cat.step(s, l - 1).ix()]));
            }
            for req in cat.skills()[s.ix()].requirements(l) {
                needs.push(need_of(req, &mut groups));
            }
            needs.end_row();
        }
        let entries = role
            .requires
            .iter()
            .map(|req| need_of(req, &mut groups))
            .collect();
        let (region_skills, region_transfers) = region(cat, &skill, &level, &needs, &groups);
        let raw = order
            .iter()
            .map(|&st| {
                let (s, l) = g.skill_level(st);
                cat.skills()[s.ix()].hours[l as usize - 1]
            })
            .collect();
        let priced = order
            .iter()
            .map(|&st| {
                let (s, _) = g.skill_level(st);
                cat.transfers_to(s).any(|t| t.discount > 0.0)
            })
            .collect();
        RoleProblem {
            steps: order,
            skill,
            level,
            needs,
            groups,
            entries,
            region_skills,
            region_transfers,
            raw,
            priced,
        }
    }

    /// The hours of compiled step `x` after the transfers `priced_by`
    /// fires (exactly [`Catalog::step_hours`]).
    #[inline]
    pub(super) fn price(&self, cat: &Catalog, x: u32, priced_by: &[u32]) -> f64 {
        let x = x as usize;
        if self.priced[x] {
            cat.step_hours(
                crate::model::SkillIx(self.skill[x]),
                self.level[x],
                priced_by,
            )
        } else {
            self.raw[x]
        }
    }

    /// Whether compiled step `x` is known at `start`.
    #[inline]
    pub(super) fn known(&self, start: &[u32], x: u32) -> bool {
        start
            .get(self.skill[x as usize] as usize)
            .copied()
            .unwrap_or(0)
            >= self.level[x as usize]
    }

    /// How many members of compiled group `gi` are known at `start`.
    pub(super) fn known_members(&self, start: &[u32], gi: u32) -> u32 {
        let gr = &self.groups[gi as usize];
        gr.members.iter().filter(|&&m| self.known(start, m)).count() as u32
    }

    /// The local problem of the role from `start` (no caps, no
    /// preferences, priced by `start`): what [`Local::build`] gives.
    pub fn local(&self, cat: &Catalog, start: &[u32], sc: &mut DeriveScratch) -> Local {
        self.local_for(cat, start, start, &self.entries, sc)
    }

    /// The local problem of `entries` (compiled needs of this problem)
    /// from `start`, its steps priced by the transfers `priced_by` fires:
    /// what [`Local::build`] gives for a context without caps or
    /// preferences.
    pub(super) fn local_for(
        &self,
        cat: &Catalog,
        start: &[u32],
        priced_by: &[u32],
        entries: &[Need],
        sc: &mut DeriveScratch,
    ) -> Local {
        let n_all = self.steps.len();
        // The map of the last problem holds only its steps: clear those.
        if sc.map.len() == n_all {
            for &x in &sc.order {
                sc.map[x as usize] = NONE;
            }
        } else {
            sc.map.clear();
            sc.map.resize(n_all, NONE);
        }
        sc.stack.clear();
        sc.order.clear();
        // The steps reached: 0 marks "reached" until numbered.
        let reach = |need: Need, sc: &mut DeriveScratch| match need {
            Need::Step(x) => {
                if !self.known(start, x) && sc.map[x as usize] == NONE {
                    sc.map[x as usize] = 0;
                    sc.stack.push(x);
                    sc.order.push(x);
                }
            }
            Need::Group(gi) => {
                let gr = &self.groups[gi as usize];
                if self.known_members(start, gi) >= gr.count {
                    return;
                }
                for &m in &gr.members {
                    if !self.known(start, m) && sc.map[m as usize] == NONE {
                        sc.map[m as usize] = 0;
                        sc.stack.push(m);
                        sc.order.push(m);
                    }
                }
            }
        };
        for &e in entries {
            reach(e, sc);
        }
        while let Some(x) = sc.stack.pop() {
            for &need in self.needs.row(x as usize) {
                reach(need, sc);
            }
        }
        sc.order.sort_unstable();
        for (i, &x) in sc.order.iter().enumerate() {
            sc.map[x as usize] = i as u32;
        }
        let order = &sc.order;
        let n = order.len();
        let map = &sc.map;
        let mut plain = Csr::with_capacity(n, 2 * n);
        let mut prereqs = Csr::with_capacity(n, 2 * n);
        let mut groups_of = vec![Vec::new(); n];
        let mut groups: Vec<Group> = Vec::new();
        let mut member_of = vec![Vec::new(); n];
        let mut cost = Vec::with_capacity(n);
        let mut skill = Vec::with_capacity(n);
        let mut new_group = |owner: Option<u32>, gi: u32, member_of: &mut Vec<Vec<u32>>| {
            let gr = &self.groups[gi as usize];
            let known = self.known_members(start, gi);
            if known >= gr.count {
                return None;
            }
            let id = groups.len() as u32;
            let locals: Vec<u32> = gr
                .members
                .iter()
                .filter(|&&m| !self.known(start, m))
                .map(|&m| map[m as usize])
                .collect();
            for &m in &locals {
                member_of[m as usize].push(id);
            }
            groups.push(Group {
                owner,
                members: locals,
                need: gr.count - known,
            });
            Some(id)
        };
        for (i, &x) in order.iter().enumerate() {
            let s = self.skill[x as usize];
            cost.push(self.price(cat, x, priced_by));
            skill.push(s);
            for &need in self.needs.row(x as usize) {
                match need {
                    Need::Step(y) => {
                        if !self.known(start, y) {
                            plain.push(map[y as usize]);
                            prereqs.push(map[y as usize]);
                        }
                    }
                    Need::Group(gi) => {
                        if let Some(id) = new_group(Some(i as u32), gi, &mut member_of) {
                            groups_of[i].push(id);
                            let gr = &self.groups[gi as usize];
                            for &m in &gr.members {
                                if !self.known(start, m) {
                                    prereqs.push(map[m as usize]);
                                }
                            }
                        }
                    }
                }
            }
            plain.end_row();
            prereqs.end_row();
        }
        let mut local_entries = Vec::with_capacity(entries.len());
        for &e in entries {
            local_entries.push(match e {
                Need::Step(x) if self.known(start, x) => LocalEntry::Met,
                Need::Step(x) => LocalEntry::Step(map[x as usize]),
                Need::Group(gi) => match new_group(None, gi, &mut member_of) {
                    Some(id) => LocalEntry::Group(id),
                    None => LocalEntry::Met,
                },
            });
        }
        Local::assemble(Local {
            steps: order.iter().map(|&x| self.steps[x as usize]).collect(),
            cost,
            skill,
            plain,
            prereqs,
            groups_of,
            groups,
            member_of,
            capped: vec![false; n],
            possible: Vec::new(),
            entries: local_entries,
            base: Vec::new(),
        })
    }
}

/// The group region of a compiled problem (see
/// [`RoleProblem::region_skills`]) and the transfers onto it.
fn region(
    cat: &Catalog,
    skill: &[u32],
    level: &[u32],
    needs: &Csr<Need>,
    groups: &[CGroup],
) -> (Vec<(u32, u32)>, Vec<u32>) {
    let mut seen = vec![false; skill.len()];
    let mut stack: Vec<u32> = Vec::new();
    let mut mark = |x: u32, stack: &mut Vec<u32>| {
        if !seen[x as usize] {
            seen[x as usize] = true;
            stack.push(x);
        }
    };
    for g in groups {
        for &m in &g.members {
            mark(m, &mut stack);
        }
    }
    let mut high: Vec<(u32, u32)> = Vec::new();
    while let Some(x) = stack.pop() {
        high.push((skill[x as usize], level[x as usize]));
        for &need in needs.row(x as usize) {
            match need {
                Need::Step(y) => mark(y, &mut stack),
                Need::Group(gi) => {
                    for &m in &groups[gi as usize].members {
                        mark(m, &mut stack);
                    }
                }
            }
        }
    }
    // Highest level per skill: sort by skill, then level descending.
    high.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    high.dedup_by_key(|p| p.0);
    let transfers = cat
        .transfers()
        .iter()
        .enumerate()
        .filter(|(_, t)| t.discount > 0.0 && high.binary_search_by_key(&t.to.0, |p| p.0).is_ok())
        .map(|(i, _)| i as u32)
        .collect();
    (high, transfers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::{Ctx, entries_of};

    /// The derived problem is [`Local::build`]'s, field for field, for
    /// every role of the embedded catalog from many profiles.
    #[test]
    fn derived_problems_equal_built_ones() {
        let cat = Catalog::default();
        let n = cat.skills().len();
        let mut sc = DeriveScratch::default();
        let mut next = crate::solve::xorshift(0x9e37_79b9_7f4a_7c15);
        for ri in 0..cat.roles().len() {
            let problem = RoleProblem::build(&cat, ri);
            let role = &cat.roles()[ri];
            let ids = [role.id.as_str()];
            for _ in 0..60 {
                let mut start = vec![0u32; n];
                for _ in 0..next(25) {
                    // Mostly skills of the role's problem, some others.
                    let s = if next(4) == 0 {
                        next(n as u64) as usize
                    } else {
                        problem.skill[next(problem.skill.len() as u64) as usize] as usize
                    };
                    start[s] = next(u64::from(cat.skills()[s].levels()) + 1) as u32;
                }
                let ctx = Ctx::new(&cat, &start, &ids);
                let built = Local::build(&ctx, &entries_of(0, role));
                let derived = problem.local(&cat, &start, &mut sc);
                assert_eq!(format!("{built:?}"), format!("{derived:?}"), "role {ri}");
            }
        }
    }
}
