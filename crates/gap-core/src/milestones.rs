//! Milestones along a learning path (SPEC 4): which catalog roles become
//! job-ready at which step, and the `order="milestones"` reordering of a path
//! so that cheap stepping-stone roles come first.
//!
//! Both walk a path with a [`RoleWatch`]: every role's essential entries are
//! indexed by the skills they name, and a step only re-checks the entries
//! that name its skill, so a walk costs O(entries of the catalog + entries
//! touched by the steps) rather than O(roles × steps).

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::model::{Requirement, SkillIx};
use crate::results::{LearningPath, Milestone, Step};

/// Roles of a catalog watched while levels rise: which are job-ready.
///
/// Each essential entry keeps the number of its members met, so raising a
/// skill costs time in the number of members naming that skill, however
/// large the groups (a 200,000-member group is not re-counted per step).
pub(crate) struct RoleWatch {
    /// The role of each entry.
    entry_role: Vec<u32>,
    /// CSR index: the (entry, member level) pairs of the members that name
    /// skill s are `by_skill[first[s]..first[s + 1]]`.
    first: Vec<u32>,
    by_skill: Vec<(u32, u32)>,
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
        // (skill, entry, member level), one per member.
        let mut pairs: Vec<(u32, u32, u32)> = Vec::new();
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
                pairs.extend(members.iter().map(|n| (n.skill.0, e, n.level)));
            }
        }
        let mut first = vec![0u32; n_skills + 1];
        for &(s, _, _) in &pairs {
            first[s as usize + 1] += 1;
        }
        for i in 0..n_skills {
            first[i + 1] += first[i];
        }
        let mut fill = first.clone();
        let mut by_skill = vec![(0u32, 0u32); pairs.len()];
        for &(s, e, l) in &pairs {
            by_skill[fill[s as usize] as usize] = (e, l);
            fill[s as usize] += 1;
        }
        RoleWatch {
            entry_role,
            first,
            by_skill,
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
        let range = self.first[s] as usize..self.first[s + 1] as usize;
        for &(e, member_level) in &self.by_skill[range] {
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

    /// The stepping-stone roles reached along a path (SPEC 4, "Milestones"):
    /// every role of the catalog that is not job-ready at `path.start` and
    /// becomes job-ready after some step, with the 0-based index of that step
    /// and the cumulative hours up to and including it; in path order, and by
    /// role id at the same step. `week` is `None` (see
    /// [`schedule`](Catalog::schedule)).
    ///
    /// # Errors
    /// The start profile's errors ([`Error::UnknownSkill`], [`Error::Profile`]),
    /// [`Error::UnknownSkill`] for a step naming an unknown skill, and
    /// [`Error::InvalidArgument`] for a step that is not valid at its place or
    /// has negative or non-finite hours.
    ///
    /// Complexity: O(E + T + m log m) for E essential role entries in the
    /// catalog, T entries naming the path's skills, m milestones.
    ///
    /// ```
    /// use gap_core::{Catalog, LearningPath, Profile, Step};
    /// let cat = Catalog::from_json(r#"{
    ///   "skills": [{"id": "sql", "name": "SQL", "hours": 30},
    ///              {"id": "python", "name": "Python", "hours": 40}],
    ///   "roles": [{"id": "analyst", "name": "Analyst", "requires": ["sql"]},
    ///             {"id": "ds", "name": "Data scientist", "requires": ["sql", "python"]}]}"#)?;
    /// let step = |s: &str, h: f64| Step { skill: s.into(), level: 1, hours: h, reasons: vec![] };
    /// let path = LearningPath { steps: vec![step("sql", 30.0), step("python", 40.0)],
    ///     total_hours: 70.0, optimal: true, lower_bound: 70.0,
    ///     targets: vec!["ds".into()], start: Profile::new() };
    /// let m = cat.milestones(&path)?;
    /// assert_eq!((m[0].role.as_str(), m[0].step_index, m[0].hours), ("analyst", 0, 30.0));
    /// assert_eq!((m[1].role.as_str(), m[1].step_index, m[1].hours), ("ds", 1, 70.0));
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn milestones(&self, path: &LearningPath) -> Result<Vec<Milestone>> {
        let start = self.resolve_profile(&path.start)?;
        let steps = self.resolve_steps(&start, &path.steps)?;
        let mut watch = RoleWatch::new(self, start);
        let mut out = Vec::new();
        let hours = path.cumulative_hours();
        let mut newly = Vec::new();
        for (i, &(s, l)) in steps.iter().enumerate() {
            newly.clear();
            watch.apply(s, l, &mut newly);
            newly.sort_unstable_by(|&a, &b| {
                self.roles()[a as usize]
                    .id
                    .cmp(&self.roles()[b as usize].id)
            });
            out.extend(newly.iter().map(|&r| Milestone {
                role: self.roles()[r as usize].id.clone(),
                step_index: i,
                hours: hours[i],
                week: None,
            }));
        }
        Ok(out)
    }
}

/// Search nodes allowed for one role's cheapest completing subset (see
/// [`order_for_milestones`]). Without any_of groups in play the search has
/// one node.
const SEARCH_BUDGET: u64 = 20_000;

/// Costs within this relative tolerance are equal (SPEC 4).
fn lt(a: f64, b: f64) -> bool {
    a < b - 1e-9 * b.abs().max(a.abs())
}

/// Reorders a valid path (`steps`, valid in order from `start`) for
/// `order="milestones"` (SPEC 4): repeatedly take the role, not yet job-ready,
/// that the remaining steps can complete with the fewest hours (ties by role
/// id), place the steps it still needs, and finally the remaining steps in
/// input order. The result is a permutation of `steps`, valid step by step.
///
/// **The cheapest completing subset.** For role r, levels P (start plus the
/// steps placed so far) and the remaining steps R, it is the cheapest X ⊆ R
/// that can be learned in some valid order from P and makes r job-ready.
/// Since the steps of one skill in R are its levels P\[s\]+1 ..= E\[s\] (E =
/// levels at the end of the path), X is given by target levels
/// P <= t <= E, and X can be ordered validly iff every step of X has its
/// requirements satisfied by t (then the step graph's order works, the
/// catalog being acyclic). Without groups, t is forced (the closure of the
/// role's needs). With any_of groups the search is an exact depth-first
/// branch-and-bound: take the first unsatisfied group, either raise its first
/// available member (with its forced closure) or forbid it (cap the skill
/// below that level); bound by the hours so far plus the cheapest own hours of
/// the members still needed. It is exact within [`SEARCH_BUDGET`] nodes per
/// role (the first branch explored always yields a feasible subset, so a
/// bigger search degrades to the best subset found, never to none). Because
/// hours are non-negative and the input order proves every candidate
/// completable, the first role reached in the output is reached no later
/// (in hours) than in the input order.
///
/// Placed steps keep their input order where it is valid: each time, the
/// first step of X (in input order) that is valid now is placed.
///
/// Steps that do not resolve against the catalog, or an input that is not
/// valid, are returned unchanged (the engine only passes valid paths).
// Called by the path engine for `Order::Milestones` (merged separately).
pub(crate) fn order_for_milestones(cat: &Catalog, start: &[u32], steps: Vec<Step>) -> Vec<Step> {
    match plan(cat, start, &steps) {
        Some(order) => {
            let mut slots: Vec<Option<Step>> = steps.into_iter().map(Some).collect();
            order.iter().filter_map(|&i| slots[i].take()).collect()
        }
        None => steps,
    }
}

/// The milestone order as input indices, or `None` when the input does not
/// resolve or is not valid.
fn plan(cat: &Catalog, start: &[u32], steps: &[Step]) -> Option<Vec<usize>> {
    if start.len() != cat.skills().len() {
        return None;
    }
    let mut resolved = Vec::with_capacity(steps.len());
    {
        let mut levels = start.to_vec();
        for st in steps {
            let s = cat.skill_index(&st.skill).ok()?;
            if !step_valid(cat, &levels, s, st.level) {
                return None;
            }
            levels[s.ix()] = st.level;
            resolved.push((s, st.level));
        }
    }
    let graph = cat.step_graph();
    // Hours and input position of every step of the path, by StepIx.
    let mut hours = vec![0.0f64; graph.len()];
    let mut pos = vec![u32::MAX; graph.len()];
    for (i, &(s, l)) in resolved.iter().enumerate() {
        let ix = graph.step(s, l).ix();
        hours[ix] = steps[i].hours;
        pos[ix] = i as u32;
    }

    // The candidates: the roles the whole path makes job-ready.
    let mut end_watch = RoleWatch::new(cat, start.to_vec());
    let mut candidates = Vec::new();
    for &(s, l) in &resolved {
        end_watch.apply(s, l, &mut candidates);
    }
    let end_levels = end_watch.levels().to_vec();
    candidates
        .sort_unstable_by(|&a, &b| cat.roles()[a as usize].id.cmp(&cat.roles()[b as usize].id));

    let mut watch = RoleWatch::new(cat, start.to_vec());
    let mut search = Search::new(cat, &hours, start.to_vec(), end_levels);
    // Skills whose level rose in the last placement.
    let mut touched_list: Vec<usize> = Vec::new();
    // Per candidate: the last search result (None = must be recomputed).
    let mut cache: Vec<Option<Found>> = vec![None; candidates.len()];
    let mut alive = vec![true; candidates.len()];
    let mut placed = vec![false; steps.len()];
    let mut order = Vec::with_capacity(steps.len());
    let mut touched = vec![false; cat.skills().len()];
    let mut newly = Vec::new();
    loop {
        let mut best: Option<(usize, f64)> = None;
        for (c, &r) in candidates.iter().enumerate() {
            if !alive[c] {
                continue;
            }
            if cache[c].is_none() {
                cache[c] = Some(search.cheapest(r as usize));
            }
            let Some(found) = &cache[c] else { continue };
            let Some(cost) = found.cost else {
                continue;
            };
            if best.is_none_or(|(_, b)| lt(cost, b)) {
                best = Some((c, cost));
            }
        }
        let Some((c, _)) = best else { break };
        let Some(found) = cache[c].take() else { break };
        // Place X: the first valid step in input order, repeatedly.
        let mut todo: Vec<u32> = Vec::new();
        for &(s, to) in &found.raise {
            let from = watch.levels()[s.ix()];
            todo.extend((from + 1..=to).map(|l| pos[graph.step(s, l).ix()]));
        }
        todo.sort_unstable();
        if todo.iter().any(|&p| p == u32::MAX || placed[p as usize]) {
            return None;
        }
        while !todo.is_empty() {
            let Some(k) = todo.iter().position(|&p| {
                let (s, l) = resolved[p as usize];
                step_valid(cat, watch.levels(), s, l)
            }) else {
                return None; // cannot happen: X is orderable
            };
            let p = todo.remove(k) as usize;
            let (s, l) = resolved[p];
            watch.apply(s, l, &mut newly);
            search.level[s.ix()] = l;
            touched[s.ix()] = true;
            touched_list.push(s.ix());
            placed[p] = true;
            order.push(p);
        }
        // Roles now job-ready are done; searches that read a raised skill
        // are stale.
        for (c2, &r) in candidates.iter().enumerate() {
            if !alive[c2] {
                continue;
            }
            if watch.ready(r as usize) {
                alive[c2] = false;
                cache[c2] = None;
            } else if cache[c2]
                .as_ref()
                .is_some_and(|f| f.read.iter().any(|&s| touched[s as usize]))
            {
                cache[c2] = None;
            }
        }
        if watch.ready(candidates[c] as usize) {
            alive[c] = false;
        } else {
            return None; // cannot happen: X completes the role
        }
        for s in touched_list.drain(..) {
            touched[s] = false;
        }
    }
    order.extend((0..steps.len()).filter(|&i| !placed[i]));
    Some(order)
}

/// The result of one role's search.
#[derive(Debug, Clone)]
struct Found {
    /// The cheapest cost, or `None` when the remaining steps cannot complete
    /// the role.
    cost: Option<f64>,
    /// The target level of each skill raised.
    raise: Vec<(SkillIx, u32)>,
    /// The skills whose levels the search looked at (sorted, distinct): the
    /// result stays right while none of them changes.
    read: Vec<u32>,
}

/// What the search undoes on backtracking.
#[derive(Debug, Clone, Copy)]
enum Undo {
    Level(u32, u32),
    Cap(u32, u32),
}

/// One open decision of the depth-first search: raise `member` or forbid it.
struct Frame {
    member: (SkillIx, u32),
    /// Undo-log length, pending-groups length and cost before the decision.
    undo: usize,
    pending: usize,
    cost: f64,
    /// 0: raise next; 1: forbid next; 2: exhausted.
    next: u8,
}

/// The cheapest-completing-subset search (see [`order_for_milestones`]).
struct Search<'a> {
    cat: &'a Catalog,
    /// Hours of each step of the path, by StepIx.
    hours: &'a [f64],
    /// Working levels: between searches, the levels so far (start plus
    /// placed steps).
    level: Vec<u32>,
    /// Working caps: between searches, the levels at the end of the path
    /// (the most the remaining steps can give).
    cap: Vec<u32>,
    undo: Vec<Undo>,
    pending: Vec<&'a Requirement>,
    read: Vec<u32>,
    cost: f64,
}

impl<'a> Search<'a> {
    fn new(cat: &'a Catalog, hours: &'a [f64], base: Vec<u32>, end: Vec<u32>) -> Self {
        Search {
            cat,
            hours,
            level: base,
            cap: end,
            undo: Vec::new(),
            pending: Vec::new(),
            read: Vec::new(),
            cost: 0.0,
        }
    }

    fn rollback(&mut self, to: usize) {
        while self.undo.len() > to {
            match self.undo.pop() {
                Some(Undo::Level(s, old)) => self.level[s as usize] = old,
                Some(Undo::Cap(s, old)) => self.cap[s as usize] = old,
                None => break,
            }
        }
    }

    /// Raises `skill` to at least `level` with everything that forces;
    /// false when a cap forbids it.
    fn raise(&mut self, skill: SkillIx, level: u32, work: &mut Vec<(SkillIx, u32)>) -> bool {
        let cat = self.cat;
        work.clear();
        work.push((skill, level));
        while let Some((s, l)) = work.pop() {
            let si = s.ix();
            self.read.push(s.0);
            let cur = self.level[si];
            if cur >= l {
                continue;
            }
            if l > self.cap[si] {
                return false;
            }
            let sk = &cat.skills()[si];
            for lv in cur + 1..=l {
                self.cost += self.hours[cat.step(s, lv).ix()];
                for req in sk.requirements(lv) {
                    match req {
                        Requirement::Skill(n) => work.push((n.skill, n.level)),
                        Requirement::AnyOf { .. } => self.pending.push(req),
                    }
                }
            }
            self.undo.push(Undo::Level(s.0, cur));
            self.level[si] = l;
        }
        true
    }

    /// The first pending group not satisfied by the working levels.
    fn open_group(&mut self) -> Option<&'a Requirement> {
        for &g in &self.pending {
            for m in g.members() {
                self.read.push(m.skill.0);
            }
            if !g.satisfied_by(&self.level) {
                return Some(g);
            }
        }
        None
    }

    /// The cheapest completing subset for role `r` from `base`.
    fn cheapest(&mut self, r: usize) -> Found {
        let cat = self.cat;
        let role = &cat.roles()[r];
        self.undo.clear();
        self.pending.clear();
        self.read.clear();
        self.cost = 0.0;
        let mut work = Vec::new();
        let mut best: Option<(f64, Vec<(SkillIx, u32)>)> = None;
        let mut feasible = true;
        for req in &role.requires {
            match req {
                Requirement::Skill(n) => {
                    if !self.raise(n.skill, n.level, &mut work) {
                        feasible = false;
                        break;
                    }
                }
                Requirement::AnyOf { .. } => self.pending.push(req),
            }
        }
        let mut stack: Vec<Frame> = Vec::new();
        let mut nodes: u64 = 0;
        // `enter` is true when the working state is a new node to expand.
        let mut enter = feasible;
        loop {
            if enter {
                nodes += 1;
                match self.open_group() {
                    None => {
                        if best.as_ref().is_none_or(|(b, _)| lt(self.cost, *b)) {
                            let raise = self.raised();
                            best = Some((self.cost, raise));
                        }
                    }
                    Some(g) => {
                        if let Some(member) = self.branch_member(g, best.as_ref().map(|b| b.0)) {
                            stack.push(Frame {
                                member,
                                undo: self.undo.len(),
                                pending: self.pending.len(),
                                cost: self.cost,
                                next: 0,
                            });
                        }
                    }
                }
            }
            enter = false;
            // Take the next alternative of the deepest open decision.
            let Some(f) = stack.last_mut() else { break };
            if best.is_some() && nodes >= SEARCH_BUDGET {
                break;
            }
            let (member, undo, pending, cost, next) = (f.member, f.undo, f.pending, f.cost, f.next);
            f.next += 1;
            self.rollback(undo);
            self.pending.truncate(pending);
            self.cost = cost;
            match next {
                0 => enter = self.raise(member.0, member.1, &mut work),
                1 => {
                    let s = member.0.ix();
                    let capped = member.1 - 1;
                    if capped < self.cap[s] {
                        self.undo.push(Undo::Cap(member.0.0, self.cap[s]));
                        self.cap[s] = capped;
                    }
                    enter = self.level[s] <= self.cap[s];
                }
                _ => {
                    stack.pop();
                }
            }
        }
        self.rollback(0);
        self.pending.clear();
        let mut read = std::mem::take(&mut self.read);
        read.sort_unstable();
        read.dedup();
        match best {
            Some((cost, raise)) => Found {
                cost: Some(cost),
                raise,
                read,
            },
            None => Found {
                cost: None,
                raise: Vec::new(),
                read,
            },
        }
    }

    /// The member of open group `g` to branch on, or `None` when the node can
    /// be pruned (too few members left, or the bound reaches `best`).
    fn branch_member(&mut self, g: &Requirement, best: Option<f64>) -> Option<(SkillIx, u32)> {
        let Requirement::AnyOf { members, count } = g else {
            return None;
        };
        let have = members
            .iter()
            .filter(|n| n.satisfied_by(&self.level))
            .count();
        let need = (*count as usize).saturating_sub(have);
        // Available members with their own hours (a lower bound on raising them).
        let mut own: Vec<f64> = Vec::new();
        let mut first = None;
        for n in members {
            let s = n.skill.ix();
            if self.level[s] >= n.level || n.level > self.cap[s] {
                continue;
            }
            first.get_or_insert((n.skill, n.level));
            own.push(
                (self.level[s] + 1..=n.level)
                    .map(|l| self.hours[self.cat.step(n.skill, l).ix()])
                    .sum(),
            );
        }
        if own.len() < need {
            return None;
        }
        own.sort_unstable_by(f64::total_cmp);
        let bound = self.cost + own.iter().take(need).sum::<f64>();
        if best.is_some_and(|b| !lt(bound, b)) {
            return None;
        }
        first
    }

    /// The skills raised by the working state, with their target levels.
    fn raised(&self) -> Vec<(SkillIx, u32)> {
        let mut out: Vec<(SkillIx, u32)> = self
            .undo
            .iter()
            .filter_map(|u| match *u {
                Undo::Level(s, _) => Some(SkillIx(s)),
                Undo::Cap(..) => None,
            })
            .map(|s| (s, self.level[s.ix()]))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;
    use proptest::prelude::*;
    use serde_json::json;

    fn step(cat: &Catalog, start: &[u32], skill: &str, level: u32) -> Step {
        let s = cat.skill_index(skill).expect("known skill");
        Step {
            skill: skill.into(),
            level,
            hours: cat.step_hours(s, level, start),
            reasons: Vec::new(),
        }
    }

    fn path(cat: &Catalog, start: &Profile, steps: &[(&str, u32)]) -> LearningPath {
        let levels = cat.resolve_profile(start).expect("valid profile");
        let steps: Vec<Step> = steps
            .iter()
            .map(|&(s, l)| step(cat, &levels, s, l))
            .collect();
        let total = steps.iter().map(|s| s.hours).sum();
        LearningPath {
            steps,
            total_hours: total,
            optimal: true,
            lower_bound: total,
            targets: Vec::new(),
            start: start.clone(),
        }
    }

    fn data_catalog() -> Catalog {
        Catalog::from_json(
            &json!({
                "skills": [
                    {"id": "python", "name": "Python", "hours": [40, 60]},
                    {"id": "sql", "name": "SQL", "hours": 30},
                    {"id": "stats", "name": "Statistics", "hours": 50},
                    {"id": "pandas", "name": "pandas", "hours": 20, "requires": ["python"]},
                    {"id": "ml", "name": "ML", "hours": 80, "requires": ["python@2", "stats"]},
                    {"id": "aws", "name": "AWS", "hours": 25},
                    {"id": "gcp", "name": "GCP", "hours": 15}
                ],
                "roles": [
                    {"id": "analyst", "name": "Analyst", "requires": ["sql", "pandas"]},
                    {"id": "bi", "name": "BI", "requires": ["sql"]},
                    {"id": "anyone", "name": "No entries"},
                    {"id": "mle", "name": "MLE", "requires": ["ml", {"any_of": ["aws", "gcp"]}]},
                    {"id": "cloud", "name": "Cloud", "requires": [{"any_of": ["aws", "gcp"]}]},
                    {"id": "scientist", "name": "Scientist", "requires": ["ml", "sql"]}
                ]
            })
            .to_string(),
        )
        .expect("valid catalog")
    }

    #[test]
    fn milestones_in_path_order_then_role_id() {
        let cat = data_catalog();
        let p = path(
            &cat,
            &Profile::new(),
            &[
                ("python", 1),
                ("pandas", 1),
                ("sql", 1),
                ("python", 2),
                ("stats", 1),
                ("ml", 1),
                ("gcp", 1),
            ],
        );
        let m = cat.milestones(&p).expect("valid path");
        let got: Vec<(&str, usize, f64)> = m
            .iter()
            .map(|m| (m.role.as_str(), m.step_index, m.hours))
            .collect();
        assert_eq!(
            got,
            vec![
                ("analyst", 2, 90.0),
                ("bi", 2, 90.0),
                ("scientist", 5, 280.0),
                ("cloud", 6, 295.0),
                ("mle", 6, 295.0),
            ]
        );
        assert!(m.iter().all(|m| m.week.is_none()));
    }

    #[test]
    fn roles_ready_at_start_are_not_milestones() {
        let cat = data_catalog();
        let start = Profile::from_refs(["sql", "aws"]).expect("refs");
        let p = path(&cat, &start, &[("python", 1), ("pandas", 1)]);
        let m = cat.milestones(&p).expect("valid path");
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].role.as_str(), m[0].step_index), ("analyst", 1));
        // An empty path has no milestones.
        assert!(
            cat.milestones(&path(&cat, &start, &[]))
                .expect("ok")
                .is_empty()
        );
    }

    #[test]
    fn invalid_paths_are_errors() {
        let cat = data_catalog();
        let mut p = path(&cat, &Profile::new(), &[("python", 1)]);
        p.steps[0].level = 2;
        assert!(
            matches!(cat.milestones(&p), Err(Error::InvalidArgument(m)) if m.contains("step 0"))
        );
        let mut p = path(&cat, &Profile::new(), &[("python", 1)]);
        p.steps[0].skill = "pyhton".into();
        assert!(matches!(
            cat.milestones(&p),
            Err(Error::UnknownSkill { .. })
        ));
        let p = LearningPath {
            steps: vec![step(&cat, &[0; 7], "pandas", 1)],
            ..path(&cat, &Profile::new(), &[])
        };
        assert!(
            matches!(cat.milestones(&p), Err(Error::InvalidArgument(m)) if m.contains("prerequisites"))
        );
        let mut p = path(&cat, &Profile::new(), &[("sql", 1)]);
        p.steps[0].hours = f64::NAN;
        assert!(matches!(cat.milestones(&p), Err(Error::InvalidArgument(_))));
        let mut p = path(&cat, &Profile::new(), &[]);
        p.start = Profile::from_refs(["nope"]).expect("refs");
        assert!(matches!(
            cat.milestones(&p),
            Err(Error::UnknownSkill { .. })
        ));
    }

    fn ids(steps: &[Step]) -> Vec<String> {
        steps
            .iter()
            .map(|s| format!("{}@{}", s.skill, s.level))
            .collect()
    }

    #[test]
    fn milestone_order_puts_cheap_roles_first() {
        let cat = data_catalog();
        let p = path(
            &cat,
            &Profile::new(),
            &[
                ("python", 1),
                ("python", 2),
                ("stats", 1),
                ("ml", 1),
                ("aws", 1),
                ("pandas", 1),
                ("sql", 1),
            ],
        );
        let start = vec![0; 7];
        let out = order_for_milestones(&cat, &start, p.steps.clone());
        // aws (25 h) makes `cloud` ready first; then bi (sql, 30 h); then the
        // analyst (pandas 20 h, python@1 40 h); then the rest.
        assert_eq!(
            ids(&out),
            vec![
                "aws@1", "sql@1", "python@1", "pandas@1", "python@2", "stats@1", "ml@1"
            ]
        );
    }

    #[test]
    fn milestone_order_uses_the_cheapest_group_member_in_the_path() {
        let cat = data_catalog();
        // Both aws and gcp are in the path: gcp (15 h) completes `cloud` first;
        // then sql (30 h) for `bi`; aws completes nothing and comes last.
        let p = path(&cat, &Profile::new(), &[("aws", 1), ("sql", 1), ("gcp", 1)]);
        let out = order_for_milestones(&cat, &[0; 7], p.steps);
        assert_eq!(ids(&out), vec!["gcp@1", "sql@1", "aws@1"]);
    }

    #[test]
    fn milestone_order_leaves_invalid_input_alone() {
        let cat = data_catalog();
        let bad = vec![step(&cat, &[0; 7], "pandas", 1)];
        assert_eq!(order_for_milestones(&cat, &[0; 7], bad.clone()), bad);
        let empty: Vec<Step> = Vec::new();
        assert!(order_for_milestones(&cat, &[0; 7], empty).is_empty());
    }

    #[test]
    fn milestone_order_with_groups_in_skill_prerequisites() {
        // deploy needs any_of[docker, k8s]; k8s needs docker@... no: k8s is
        // standalone and cheap, docker expensive. The path learned docker
        // for `ops` (which needs docker), and k8s for `deploy`.
        let cat = Catalog::from_json(
            &json!({
                "skills": [
                    {"id": "docker", "name": "Docker", "hours": 50},
                    {"id": "k8s", "name": "Kubernetes", "hours": 10},
                    {"id": "deploy", "name": "Deploy", "hours": 5,
                     "requires": [{"any_of": ["docker", "k8s"]}]}
                ],
                "roles": [
                    {"id": "ops", "name": "Ops", "requires": ["docker", "deploy"]},
                    {"id": "release", "name": "Release", "requires": ["deploy"]}
                ]
            })
            .to_string(),
        )
        .expect("valid");
        let p = path(
            &cat,
            &Profile::new(),
            &[("docker", 1), ("deploy", 1), ("k8s", 1)],
        );
        let out = order_for_milestones(&cat, &[0; 3], p.steps);
        // `release` is reached with k8s + deploy (15 h), not docker + deploy;
        // deploy is placed after k8s even though it comes before it in the input.
        assert_eq!(ids(&out), vec!["k8s@1", "deploy@1", "docker@1"]);
    }

    /// A tiny deterministic generator for random catalogs and paths.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            if n == 0 { 0 } else { self.next() % n }
        }
        fn pick(&mut self, n: usize, k: usize) -> Vec<usize> {
            let mut v: Vec<usize> = (0..n).collect();
            for i in 0..n {
                let j = i + self.below((n - i) as u64) as usize;
                v.swap(i, j);
            }
            v.truncate(k);
            v
        }
    }

    /// A random catalog (skills require only earlier skills, so it is
    /// acyclic; groups in skills and roles), a start profile and a random
    /// valid path of up to `max_steps` steps.
    fn random_case(seed: u64, max_steps: usize) -> Option<(Catalog, Vec<u32>, Vec<Step>)> {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let n = 3 + rng.below(6) as usize;
        let mut levels = Vec::new();
        let mut skills = Vec::new();
        let reference = |rng: &mut Rng, levels: &[u64], j: usize| {
            let l = 1 + rng.below(levels[j]);
            if l == 1 {
                format!("s{j}")
            } else {
                format!("s{j}@{l}")
            }
        };
        for i in 0..n {
            let lv = 1 + rng.below(2);
            levels.push(lv);
            let hours: Vec<u64> = (0..lv).map(|_| rng.below(8)).collect();
            let mut requires = Vec::new();
            if i > 0 {
                let k = rng.below(3) as usize;
                for j in rng.pick(i, k.min(i)) {
                    requires.push(json!(reference(&mut rng, &levels, j)));
                }
                if i >= 2 && rng.below(2) == 0 {
                    let m = 2 + rng.below((i - 1) as u64) as usize;
                    let members: Vec<String> = rng
                        .pick(i, m.min(i))
                        .into_iter()
                        .map(|j| reference(&mut rng, &levels, j))
                        .collect();
                    let count = 1 + rng.below(members.len() as u64 - 1);
                    requires.push(json!({"any_of": members, "count": count}));
                }
            }
            skills.push(json!({"id": format!("s{i}"), "name": format!("S{i}"),
                               "hours": hours, "requires": requires}));
        }
        let mut roles = Vec::new();
        for r in 0..1 + rng.below(6) {
            let mut requires = Vec::new();
            let k = rng.below(3) as usize;
            for j in rng.pick(n, k) {
                requires.push(json!(reference(&mut rng, &levels, j)));
            }
            if rng.below(2) == 0 {
                let m = 2 + rng.below(2) as usize;
                let members: Vec<String> = rng
                    .pick(n, m)
                    .into_iter()
                    .map(|j| reference(&mut rng, &levels, j))
                    .collect();
                let count = 1 + rng.below(members.len() as u64);
                requires.push(json!({"any_of": members, "count": count}));
            }
            roles.push(json!({"id": format!("r{r}"), "name": "R", "requires": requires}));
        }
        let cat =
            Catalog::from_json(&json!({"skills": skills, "roles": roles}).to_string()).ok()?;
        let mut start: Vec<u32> = levels
            .iter()
            .map(|&l| {
                if rng.below(4) == 0 {
                    rng.below(l + 1) as u32
                } else {
                    0
                }
            })
            .collect();
        let begin = start.clone();
        let mut steps = Vec::new();
        for _ in 0..max_steps {
            let valid: Vec<(SkillIx, u32)> = (0..n)
                .map(|s| (SkillIx(s as u32), start[s] + 1))
                .filter(|&(s, l)| step_valid(&cat, &start, s, l))
                .collect();
            if valid.is_empty() {
                break;
            }
            let (s, l) = valid[rng.below(valid.len() as u64) as usize];
            steps.push(Step {
                skill: cat.skill_id(s).to_string(),
                level: l,
                hours: cat.step_hours(s, l, &begin),
                reasons: Vec::new(),
            });
            start[s.ix()] = l;
        }
        Some((cat, begin, steps))
    }

    /// Hours at which the first milestone is reached, if any.
    fn first_milestone(cat: &Catalog, start: &[u32], steps: &[Step]) -> Option<f64> {
        let mut w = RoleWatch::new(cat, start.to_vec());
        let mut newly = Vec::new();
        let mut h = 0.0;
        for st in steps {
            h += st.hours;
            let s = cat.skill_index(&st.skill).ok()?;
            w.apply(s, st.level, &mut newly);
            if !newly.is_empty() {
                return Some(h);
            }
        }
        None
    }

    /// Brute force: the cheapest subset of the path's steps that can be
    /// learned in some valid order from the start and makes some role that is
    /// not ready at the start job-ready.
    fn brute_first(cat: &Catalog, start: &[u32], steps: &[Step]) -> Option<f64> {
        let resolved: Vec<(SkillIx, u32)> = steps
            .iter()
            .map(|s| (cat.skill_index(&s.skill).expect("known"), s.level))
            .collect();
        let not_ready: Vec<usize> = (0..cat.roles().len())
            .filter(|&r| {
                !cat.roles()[r]
                    .requires
                    .iter()
                    .all(|q| q.satisfied_by(start))
            })
            .collect();
        let mut best: Option<f64> = None;
        for mask in 1u32..(1 << steps.len()) {
            let mut levels = start.to_vec();
            let mut left: Vec<usize> = (0..steps.len()).filter(|i| mask >> i & 1 == 1).collect();
            loop {
                let before = left.len();
                left.retain(|&i| {
                    let (s, l) = resolved[i];
                    if step_valid(cat, &levels, s, l) {
                        levels[s.ix()] = l;
                        false
                    } else {
                        true
                    }
                });
                if left.is_empty() || left.len() == before {
                    break;
                }
            }
            if !left.is_empty() {
                continue;
            }
            let ready = not_ready.iter().any(|&r| {
                cat.roles()[r]
                    .requires
                    .iter()
                    .all(|q| q.satisfied_by(&levels))
            });
            if ready {
                let cost: f64 = (0..steps.len())
                    .filter(|i| mask >> i & 1 == 1)
                    .map(|i| steps[i].hours)
                    .sum();
                if best.is_none_or(|b| cost < b) {
                    best = Some(cost);
                }
            }
        }
        best
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]

        #[test]
        fn milestone_order_is_a_valid_permutation_reaching_the_first_role_earliest(seed in any::<u64>()) {
            let Some((cat, start, steps)) = random_case(seed, 11) else {
                return Ok(());
            };
            let out = order_for_milestones(&cat, &start, steps.clone());
            // A permutation…
            let mut a = ids(&steps);
            let mut b = ids(&out);
            a.sort();
            b.sort();
            prop_assert_eq!(a, b);
            // …valid step by step…
            prop_assert!(cat.resolve_steps(&start, &out).is_ok());
            // …reaching the first milestone no later than the input, and as
            // early as any valid order of these steps allows.
            let before = first_milestone(&cat, &start, &steps);
            let after = first_milestone(&cat, &start, &out);
            prop_assert_eq!(before.is_some(), after.is_some());
            if let (Some(x), Some(y)) = (before, after) {
                prop_assert!(y <= x + 1e-9, "first milestone at {} h, input reached one at {} h", y, x);
                let brute = brute_first(&cat, &start, &steps).expect("a milestone exists");
                prop_assert!((y - brute).abs() <= 1e-9, "first milestone at {} h, brute force {} h", y, brute);
            }
            // Every milestone of the input is a milestone of the output.
            let p = |steps: Vec<Step>| LearningPath {
                steps, total_hours: 0.0, optimal: true, lower_bound: 0.0,
                targets: vec![], start: Profile::new(),
            };
            let mut m1: Vec<String> = walk_roles(&cat, &start, &p(steps).steps);
            let mut m2: Vec<String> = walk_roles(&cat, &start, &p(out).steps);
            m1.sort();
            m2.sort();
            prop_assert_eq!(m1, m2);
        }
    }

    fn walk_roles(cat: &Catalog, start: &[u32], steps: &[Step]) -> Vec<String> {
        let mut w = RoleWatch::new(cat, start.to_vec());
        let mut newly = Vec::new();
        for st in steps {
            let s = cat.skill_index(&st.skill).expect("known");
            w.apply(s, st.level, &mut newly);
        }
        newly
            .iter()
            .map(|&r| cat.roles()[r as usize].id.clone())
            .collect()
    }

    #[test]
    fn role_watch_agrees_with_full_recheck() {
        for seed in 0..300u64 {
            let Some((cat, start, steps)) = random_case(seed, 12) else {
                continue;
            };
            let mut w = RoleWatch::new(&cat, start.clone());
            let mut levels = start.clone();
            let mut newly = Vec::new();
            for st in &steps {
                let s = cat.skill_index(&st.skill).expect("known");
                w.apply(s, st.level, &mut newly);
                levels[s.ix()] = st.level;
                for (r, role) in cat.roles().iter().enumerate() {
                    let ready = role.requires.iter().all(|q| q.satisfied_by(&levels));
                    assert_eq!(w.ready(r), ready, "seed {seed}, role {}", role.id);
                }
            }
        }
    }
}

#[cfg(test)]
mod scale {
    use super::*;
    use crate::profile::Profile;

    /// A long valid path on `synthetic(14000, 3000)`: everything ten roles
    /// need (every group member), in topological order. Run with
    /// `cargo test --release -p gap-core --lib scale -- --ignored --nocapture`.
    #[test]
    #[ignore = "large; run in release to see the cost at ESCO scale"]
    fn synthetic_scale_smoke() {
        let t0 = std::time::Instant::now();
        let cat = crate::synthetic(14_000, 3_000, 7, 0.05).expect("synthetic");
        eprintln!("catalog {:?}", t0.elapsed());
        let g = cat.step_graph();
        let mut need = vec![false; g.len()];
        let mut stack = Vec::new();
        for role in &cat.roles()[..10] {
            for req in &role.requires {
                for m in req.members() {
                    stack.push(cat.step(m.skill, m.level));
                }
            }
        }
        while let Some(s) = stack.pop() {
            if !std::mem::replace(&mut need[s.ix()], true) {
                stack.extend(g.prerequisites(s));
            }
        }
        let empty = vec![0u32; cat.skills().len()];
        let steps: Vec<Step> = g
            .topo
            .iter()
            .filter(|s| need[s.ix()])
            .map(|&s| {
                let (sk, l) = g.skill_level(s);
                Step {
                    skill: cat.skill_id(sk).to_string(),
                    level: l,
                    hours: cat.step_hours(sk, l, &empty),
                    reasons: Vec::new(),
                }
            })
            .collect();
        let total = steps.iter().map(|s| s.hours).sum();
        let path = LearningPath {
            steps,
            total_hours: total,
            optimal: true,
            lower_bound: total,
            targets: Vec::new(),
            start: Profile::new(),
        };
        let t0 = std::time::Instant::now();
        let m = cat.milestones(&path).expect("valid");
        eprintln!(
            "{} steps, {} milestones in {:?}",
            path.steps.len(),
            m.len(),
            t0.elapsed()
        );
        let t0 = std::time::Instant::now();
        let out = order_for_milestones(&cat, &empty, path.steps.clone());
        eprintln!("order_for_milestones {:?}", t0.elapsed());
        assert_eq!(out.len(), path.steps.len());
        assert!(cat.resolve_steps(&empty, &out).is_ok());
        let p2 = LearningPath {
            steps: out,
            ..path.clone()
        };
        let m2 = cat.milestones(&p2).expect("valid");
        assert_eq!(m.len(), m2.len());
        eprintln!(
            "first milestone: input {:?} h, reordered {:?} h",
            m.first().map(|m| m.hours),
            m2.first().map(|m| m.hours)
        );
        let t0 = std::time::Instant::now();
        let s = cat.schedule(&p2, 10.0).expect("ok");
        eprintln!("schedule: {} weeks in {:?}", s.total_weeks, t0.elapsed());
    }
}
