//! The local problem of a query: the steps the entries can pull in (stopping
//! at steps known at the start), numbered densely in topological order, with
//! hours after transfers, plain prerequisites, the `any_of` groups still unmet
//! at the start, and which steps `avoid` makes impossible. Built iteratively
//! (no recursion), linear in the size of what it reaches.

use std::ops::ControlFlow;

use crate::catalog::Catalog;
use crate::csr::Csr;
use crate::error::{Error, Result};
use crate::model::{Requirement, StepIx};

use super::{Ctx, Entry, requirement_text, step_text};

/// Sentinel for "not a local step".
const NONE: u32 = u32::MAX;

/// One thing a step needs (SPEC 3.2): the level below, or a requirement
/// (a reference or an any_of group) of its level.
pub(crate) enum NeedOf<'a> {
    /// The step of the level below.
    Below(StepIx),
    /// A requirement of the step's level.
    Req(&'a Requirement),
}

/// The closure of needs: walks breadth-first over the steps in `order`,
/// which `visit` extends with what each step's needs pull in (it decides
/// which steps count as new), until no step is added or `visit` breaks.
/// Iterative, so a 200,000-step chain cannot overflow the stack. The one
/// walk behind the solver's local problems and the ranking index.
pub(crate) fn walk_needs<'c, B>(
    cat: &'c Catalog,
    order: &mut Vec<StepIx>,
    mut visit: impl FnMut(NeedOf<'c>, &mut Vec<StepIx>) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let g = cat.step_graph();
    let mut i = 0;
    while i < order.len() {
        let (s, l) = g.skill_level(order[i]);
        if l > 1 {
            visit(NeedOf::Below(cat.step(s, l - 1)), order)?;
        }
        for req in cat.skills()[s.ix()].requirements(l) {
            visit(NeedOf::Req(req), order)?;
        }
        i += 1;
    }
    ControlFlow::Continue(())
}

/// An `any_of` group still unmet at the start.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    /// The local step that has the group (None: a target entry).
    pub owner: Option<u32>,
    /// The members not met at the start that the path may choose (only the
    /// preferred ones when preferences restrict the group), as local steps,
    /// in declared order.
    pub members: Vec<u32>,
    /// How many of `members` are still needed (>= 1).
    pub need: u32,
}

/// What a target entry needs, in local terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LocalEntry {
    /// Met at the start.
    Met,
    /// One local step.
    Step(u32),
    /// One group (index into [`Local::groups`]).
    Group(u32),
}

/// The local problem: see the module documentation.
#[derive(Debug)]
pub(crate) struct Local {
    /// Local step -> global step, in ascending topological rank.
    pub steps: Vec<StepIx>,
    /// Hours after transfers of each local step.
    pub cost: Vec<f64>,
    /// The skill (index) of each local step.
    pub skill: Vec<u32>,
    /// Plain prerequisites not known at the start (level below first).
    pub plain: Csr<u32>,
    /// All prerequisites that can matter (plain ones and members of groups
    /// unmet at the start), in declared order, level below first.
    pub prereqs: Csr<u32>,
    /// The groups each local step has.
    pub groups_of: Vec<Vec<u32>>,
    /// All groups (of local steps and of target entries).
    pub groups: Vec<Group>,
    /// The groups each local step is a member of.
    pub member_of: Vec<Vec<u32>>,
    /// The step is above its skill's cap (`avoid`, or the end of the path in
    /// the milestone order).
    pub capped: Vec<bool>,
    /// The step can be learned at all (not capped, and its requirements can
    /// be met without capped steps).
    pub possible: Vec<bool>,
    /// The entries, in the order given.
    pub entries: Vec<LocalEntry>,
    /// The plain closure of the entries' plain references (the steps every
    /// solution contains), ascending.
    pub base: Vec<u32>,
}

impl Local {
    /// Number of local steps.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Builds the local problem of `entries` for `ctx`.
    pub fn build(ctx: &Ctx<'_>, entries: &[Entry<'_>]) -> Local {
        let cat = ctx.cat;
        let g = cat.step_graph();
        let start = ctx.start;
        let mut map: Vec<u32> = vec![NONE; g.len()];
        let mut order: Vec<StepIx> = Vec::new();
        {
            let push = |st: StepIx, map: &mut Vec<u32>, order: &mut Vec<StepIx>| {
                if !ctx.known(st) && map[st.ix()] == NONE {
                    map[st.ix()] = order.len() as u32;
                    order.push(st);
                }
            };
            let visit_req = |req: &Requirement, map: &mut Vec<u32>, order: &mut Vec<StepIx>| {
                if req.satisfied_by(start) {
                    return;
                }
                for m in ctx.choosable(req) {
                    if !m.satisfied_by(start) {
                        push(cat.step(m.skill, m.level), map, order);
                    }
                }
            };
            for e in entries {
                visit_req(e.req, &mut map, &mut order);
            }
            let _ = walk_needs::<()>(cat, &mut order, |need, order| {
                match need {
                    NeedOf::Below(st) => push(st, &mut map, order),
                    NeedOf::Req(req) => visit_req(req, &mut map, order),
                }
                ControlFlow::Continue(())
            });
        }
        order.sort_unstable_by_key(|st| g.topo_rank[st.ix()]);
        for (i, st) in order.iter().enumerate() {
            map[st.ix()] = i as u32;
        }
        let n = order.len();
        let local_of = |st: StepIx| map[st.ix()];
        let mut plain = Csr::with_capacity(n, 2 * n);
        let mut prereqs = Csr::with_capacity(n, 2 * n);
        let mut groups_of = vec![Vec::new(); n];
        let mut groups: Vec<Group> = Vec::new();
        let mut member_of = vec![Vec::new(); n];
        let mut cost = Vec::with_capacity(n);
        let mut skill = Vec::with_capacity(n);
        let mut capped = Vec::with_capacity(n);
        let new_group = |owner: Option<u32>,
                         req: &Requirement,
                         groups: &mut Vec<Group>,
                         member_of: &mut Vec<Vec<u32>>|
         -> Option<u32> {
            let Requirement::AnyOf { members, count } = req else {
                return None;
            };
            let known = members.iter().filter(|m| m.satisfied_by(start)).count() as u32;
            if known >= *count {
                return None;
            }
            let id = groups.len() as u32;
            let locals: Vec<u32> = ctx
                .choosable(req)
                .filter(|m| !m.satisfied_by(start))
                .map(|m| local_of(cat.step(m.skill, m.level)))
                .collect();
            for &m in &locals {
                member_of[m as usize].push(id);
            }
            groups.push(Group {
                owner,
                members: locals,
                need: count - known,
            });
            Some(id)
        };
        for (i, &st) in order.iter().enumerate() {
            let (s, l) = g.skill_level(st);
            cost.push(cat.step_hours(s, l, ctx.priced_by));
            skill.push(s.0);
            capped.push(ctx.capped(s, l));
            if l > 1 {
                let below = cat.step(s, l - 1);
                if !ctx.known(below) {
                    plain.push(local_of(below));
                    prereqs.push(local_of(below));
                }
            }
            for req in cat.skills()[s.ix()].requirements(l) {
                match req {
                    Requirement::Skill(nd) => {
                        if !nd.satisfied_by(start) {
                            let x = local_of(cat.step(nd.skill, nd.level));
                            plain.push(x);
                            prereqs.push(x);
                        }
                    }
                    Requirement::AnyOf { .. } => {
                        if let Some(id) =
                            new_group(Some(i as u32), req, &mut groups, &mut member_of)
                        {
                            groups_of[i].push(id);
                            for &m in &groups[id as usize].members {
                                prereqs.push(m);
                            }
                        }
                    }
                }
            }
            plain.end_row();
            prereqs.end_row();
        }
        let mut local_entries = Vec::with_capacity(entries.len());
        for e in entries {
            local_entries.push(match e.req {
                Requirement::Skill(nd) => {
                    if nd.satisfied_by(start) {
                        LocalEntry::Met
                    } else {
                        LocalEntry::Step(local_of(cat.step(nd.skill, nd.level)))
                    }
                }
                Requirement::AnyOf { .. } => {
                    match new_group(None, e.req, &mut groups, &mut member_of) {
                        Some(id) => LocalEntry::Group(id),
                        None => LocalEntry::Met,
                    }
                }
            });
        }
        Local::assemble(Local {
            steps: order,
            cost,
            skill,
            plain,
            prereqs,
            groups_of,
            groups,
            member_of,
            capped,
            possible: Vec::new(),
            entries: local_entries,
            base: Vec::new(),
        })
    }

    /// Fills in `possible` and `base` of a local problem whose other fields
    /// are set (shared by [`Local::build`] and the batch queries' compiled
    /// role problems, so both give the same problem).
    pub(crate) fn assemble(mut local: Local) -> Local {
        let n = local.len();
        let (plain, groups_of, groups, capped) =
            (&local.plain, &local.groups_of, &local.groups, &local.capped);
        // Possible steps, prerequisites first (ascending topological rank).
        let mut possible = vec![false; n];
        for i in 0..n {
            possible[i] = !capped[i]
                && plain.row(i).iter().all(|&p| possible[p as usize])
                && groups_of[i].iter().all(|&gid| {
                    let gr = &groups[gid as usize];
                    gr.members.iter().filter(|&&m| possible[m as usize]).count() as u32 >= gr.need
                });
        }
        // The plain closure of the plain entries.
        let mut in_base = vec![false; n];
        let mut stack: Vec<u32> = Vec::new();
        for e in &local.entries {
            if let LocalEntry::Step(x) = *e {
                if !in_base[x as usize] {
                    in_base[x as usize] = true;
                    stack.push(x);
                }
            }
        }
        while let Some(x) = stack.pop() {
            for &p in plain.row(x as usize) {
                if !in_base[p as usize] {
                    in_base[p as usize] = true;
                    stack.push(p);
                }
            }
        }
        local.base = (0..n as u32).filter(|&i| in_base[i as usize]).collect();
        local.possible = possible;
        local
    }

    /// Whether a group can still get enough possible members.
    fn group_possible(&self, gid: u32) -> bool {
        let g = &self.groups[gid as usize];
        g.members
            .iter()
            .filter(|&&m| self.possible[m as usize])
            .count() as u32
            >= g.need
    }

    /// An [`Error::Infeasible`] for the first entry that cannot be met.
    pub fn check_feasible(&self, ctx: &Ctx<'_>, entries: &[Entry<'_>]) -> Result<()> {
        for (e, le) in entries.iter().zip(&self.entries) {
            let reason = match *le {
                LocalEntry::Met => None,
                LocalEntry::Step(x) => (!self.possible[x as usize]).then(|| self.why(ctx, x)),
                LocalEntry::Group(gid) => {
                    (!self.group_possible(gid)).then(|| self.why_group(ctx, gid))
                }
            };
            if let Some(reason) = reason {
                return Err(Error::Infeasible {
                    target: ctx
                        .target_ids
                        .get(e.target)
                        .copied()
                        .unwrap_or("")
                        .to_string(),
                    requirement: requirement_text(ctx.cat, e.req),
                    reason,
                });
            }
        }
        Ok(())
    }

    /// Why an impossible step cannot be learned: follows the first blocked
    /// prerequisite down to a capped (avoided) step or a blocked group.
    fn why(&self, ctx: &Ctx<'_>, x: u32) -> String {
        let mut chain = vec![x];
        let mut cur = x;
        let name = |i: u32| format!("`{}`", step_text(ctx.cat, self.steps[i as usize]));
        let text = |c: &[u32], last: String| -> String {
            let mut s = name(c[0]);
            for (k, &i) in c.iter().enumerate().skip(1) {
                s.push_str(if k == 1 { " needs " } else { ", which needs " });
                s.push_str(&name(i));
            }
            if c.len() == 1 {
                format!("{s} {last}")
            } else {
                format!("{s}, which {last}")
            }
        };
        loop {
            if self.capped[cur as usize] {
                let s = crate::model::SkillIx(self.skill[cur as usize]);
                let why = if ctx.cap.get(s.ix()) == Some(&0) {
                    "is avoided"
                } else {
                    "is above its level cap"
                };
                return text(&chain, why.to_string());
            }
            if let Some(&p) = self
                .plain
                .row(cur as usize)
                .iter()
                .find(|&&p| !self.possible[p as usize])
            {
                chain.push(p);
                cur = p;
                continue;
            }
            if let Some(&gid) = self.groups_of[cur as usize]
                .iter()
                .find(|&&gid| !self.group_possible(gid))
            {
                return text(&chain, format!("needs {}", self.group_brief(ctx, gid)));
            }
            // Cannot happen: an impossible step has a blocked requirement.
            return text(&chain, "cannot be learned".to_string());
        }
    }

    /// A short description of a blocked group.
    fn group_brief(&self, ctx: &Ctx<'_>, gid: u32) -> String {
        let g = &self.groups[gid as usize];
        let ok = g
            .members
            .iter()
            .filter(|&&m| self.possible[m as usize])
            .count();
        let texts: Vec<String> = g
            .members
            .iter()
            .map(|&m| format!("`{}`", step_text(ctx.cat, self.steps[m as usize])))
            .collect();
        format!(
            "{} more of [{}], but only {ok} of them can be learned",
            g.need,
            texts.join(", ")
        )
    }

    /// Why a target group cannot be met.
    fn why_group(&self, ctx: &Ctx<'_>, gid: u32) -> String {
        let g = &self.groups[gid as usize];
        let blocked: Vec<String> = g
            .members
            .iter()
            .filter(|&&m| !self.possible[m as usize])
            .map(|&m| self.why(ctx, m))
            .collect();
        format!(
            "{} more member(s) needed but only {} can be learned: {}",
            g.need,
            g.members.len() - blocked.len(),
            blocked.join("; ")
        )
    }
}
