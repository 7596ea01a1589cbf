//! A role's group part ([`super::split`]) in independent components, and
//! the reuse of the empty profile's components: what keeps a ranking fast
//! when a profile changes one corner of a role's choices.
//!
//! **Components.** The group part's problem is the closure of its
//! obligations (unmet groups) from P'' ([`super::split`]). Two obligations
//! whose closures share a step are in one component; closures of different
//! components share no step, and every need of a step of a closure is in
//! that closure (or known). So a solution restricted to a component meets
//! its obligations, solutions of the components together form a solution,
//! and the optimum is the sum of the components' optima. Each component is
//! solved on its own problem ([`RoleProblem::local_for`] of its
//! obligations): without a search when its choices are few
//! ([`super::assign`]), else by the branch-and-bound, each with the default
//! budget.
//!
//! **Reuse.** The empty profile's components are solved once per role
//! ([`EmptyPart`]), each kept with what the derivation of its problem
//! looked at (its steps, their needs, the members of their groups; of a
//! group met from P'', only the known members) and the transfers onto its
//! steps. A component *fits* a profile when its obligations are all
//! obligations of the profile, every step it looked at is known (to P'')
//! exactly as it was, and no transfer onto it fires: its derivation from
//! the profile then takes the same decisions in the same order, so it is
//! the same problem with the same answer. The profile's other obligations
//! (the *rest*) are partitioned into components in one pass; a rest
//! closure that reaches a step of a fitted component merges that component
//! into the rest (it is then no longer independent). Only the rest is
//! derived and solved.
//!
//! The answer is a function of the profile alone (which components fit,
//! and the rest, are), so it is the same whichever thread or batch asks.
//! On `synthetic(14000, 3000, 1)`, a 20-skill profile leaves 800 of the 949
//! components of the 186 touched roles whose whole group part changed as
//! they were.

use super::assign;
use super::batch::TRANSFER;
use super::closure::Local;
use super::compiled::{Need, RoleProblem};
use super::delta::{EmptyBase, gallop};
use super::meter::Meter;
use super::split::{GroupPart, SplitScratch};
use super::{Ctx, optimum_of};
use crate::catalog::Catalog;
use crate::error::Result;
use crate::query::options::Limits;

/// "In no component".
const NONE: u32 = u32::MAX;

/// One component of a role's group part from the empty profile, with what
/// its derivation depends on.
#[derive(Debug, Clone)]
struct Component {
    /// Its obligations (compiled groups), ascending.
    obligations: Box<[u32]>,
    /// The `from` of every transfer with a discount onto one of its steps.
    transfers: Box<[crate::model::Need]>,
    /// Its answer.
    part: GroupPart,
}

/// The group part of a role from the empty profile, by component, and the
/// role's base from the empty profile (to derive other profiles' splits,
/// [`super::delta`]).
#[derive(Debug, Clone)]
pub(crate) struct EmptyPart {
    /// The base from the empty profile.
    pub base: EmptyBase,
    components: Box<[Component]>,
    /// Per compiled step: the component whose problem holds it, or NONE.
    comp_of_step: Box<[u32]>,
    /// Per compiled group: the component it is an obligation of, or NONE.
    comp_of_group: Box<[u32]>,
    /// Each compiled step the derivation of a component looked at, as
    /// (skill, level, known to the empty profile plus its base,
    /// component), ascending: by skill, so that a cell checks only the
    /// skills it changes.
    looked: Box<[(u32, u32, bool, u32)]>,
}

/// Reusable space for the components of a cell (part of a
/// [`SplitScratch`]).
#[derive(Debug, Default)]
pub(crate) struct PartScratch {
    /// Per empty component: whether it fits the cell.
    fitted: Vec<bool>,
    /// Per compiled step: (epoch, label of the closure that reached it).
    reached: Vec<(u32, u32)>,
    epoch: u32,
    /// The obligations of the rest, in the order labelled, and the
    /// union-find over their labels.
    rest: Vec<u32>,
    parent: Vec<u32>,
    stack: Vec<u32>,
    /// The rest's components: (root label, obligation), sorted.
    grouped: Vec<(u32, u32)>,
    entries: Vec<Need>,
    /// The skills a cell changes, ascending.
    changed: Vec<u32>,
}

impl PartScratch {
    fn begin(&mut self, n_steps: usize) -> u32 {
        if self.reached.len() < n_steps {
            self.reached.resize(n_steps, (0, 0));
        }
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.reached.iter_mut().for_each(|r| r.0 = 0);
            self.epoch = 1;
        }
        self.rest.clear();
        self.parent.clear();
        self.stack.clear();
        self.grouped.clear();
        self.epoch
    }
}

impl EmptyPart {
    /// The answers of the components marked in `fitted`.
    fn fitted<'a>(&'a self, fitted: &'a [bool]) -> impl Iterator<Item = &'a GroupPart> + 'a {
        self.components
            .iter()
            .zip(fitted)
            .filter(|(_, fits)| **fits)
            .map(|(c, _)| &c.part)
    }
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let p = parent[x as usize];
        parent[x as usize] = parent[p as usize];
        x = p;
    }
    x
}

impl RoleProblem {
    /// P'' on the group region into `sc.p2`: the derivation from the
    /// obligations reads levels there and nowhere else (the region holds
    /// every step the groups' members reach), and nothing else reads `p2`
    /// (the search has no entries to check), so the other skills may hold
    /// what an earlier cell left.
    fn set_p2(&self, cat: &Catalog, start: &[u32], sc: &mut SplitScratch) {
        sc.p2.resize(cat.skills().len(), 0);
        for &(s, _) in &self.region_skills {
            let s = s as usize;
            sc.p2[s] = start.get(s).copied().unwrap_or(0).max(sc.raise[s]);
        }
    }

    /// Whether the group `g` is unmet from `p2`.
    fn open(&self, p2: &[u32], g: u32) -> bool {
        self.known_members(p2, g) < self.groups[g as usize].count
    }

    /// Partitions the obligations of the cell last split into `sc` (from
    /// `start`, `sc.p2` set) that no fitted component of `empty` covers
    /// into components, merging into them the fitted components their
    /// closures reach: `sc.parts.grouped` holds (component, obligation)
    /// pairs, sorted.
    fn partition_rest(&self, empty: Option<&EmptyPart>, sc: &mut SplitScratch) {
        let epoch = sc.parts.begin(self.skill.len());
        let SplitScratch {
            obligations,
            p2,
            parts,
            ..
        } = sc;
        for &g in obligations.iter() {
            let covered = empty.is_some_and(|e| {
                let c = e.comp_of_group[g as usize];
                c != NONE && parts.fitted[c as usize]
            });
            if !covered {
                parts.rest.push(g);
            }
        }
        let mut i = 0;
        while i < parts.rest.len() {
            let label = i as u32;
            parts.parent.push(label);
            let g = parts.rest[i];
            i += 1;
            // The closure of obligation g: its unknown members, and every
            // unknown need of theirs (groups: while unmet).
            let PartScratch {
                fitted,
                reached,
                rest,
                parent,
                stack,
                ..
            } = parts;
            let mut visit = |x: u32, stack: &mut Vec<u32>, rest: &mut Vec<u32>| {
                let r = &mut reached[x as usize];
                if r.0 == epoch {
                    let (a, b) = (find(parent, label), find(parent, r.1));
                    if a != b {
                        // The smaller label as root: deterministic.
                        parent[a.max(b) as usize] = a.min(b);
                    }
                    return;
                }
                *r = (epoch, label);
                stack.push(x);
                if let Some(e) = empty {
                    let c = e.comp_of_step[x as usize];
                    if c != NONE && fitted[c as usize] {
                        // A fitted component reached: it joins the rest.
                        fitted[c as usize] = false;
                        rest.extend(e.components[c as usize].obligations.iter());
                    }
                }
            };
            for &m in &self.groups[g as usize].members {
                if !self.known(p2, m) {
                    visit(m, stack, rest);
                }
            }
            while let Some(x) = stack.pop() {
                for &need in self.needs.row(x as usize) {
                    match need {
                        Need::Step(y) => {
                            if !self.known(p2, y) {
                                visit(y, stack, rest);
                            }
                        }
                        Need::Group(h) => {
                            if self.open(p2, h) {
                                for &m in &self.groups[h as usize].members {
                                    if !self.known(p2, m) {
                                        visit(m, stack, rest);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for (label, &g) in parts.rest.iter().enumerate() {
            let root = find(&mut parts.parent, label as u32);
            parts.grouped.push((root, g));
        }
        parts.grouped.sort_unstable();
    }

    /// Solves one component: the problem of `obligations` from `sc.p2`,
    /// priced by `start`, without a search when its choices are few, else
    /// by the branch-and-bound with the default budget (and the
    /// cancellation check of `limits`). Leaves the problem's compiled
    /// steps in `sc.derive.order`.
    fn solve_component(
        &self,
        cat: &Catalog,
        start: &[u32],
        obligations: &[Need],
        limits: &Limits,
        sc: &mut SplitScratch,
    ) -> Result<GroupPart> {
        let local = self.local_for(cat, &sc.p2, start, obligations, &mut sc.derive);
        if let Some(mut chosen) = assign::optimum(&local, &mut sc.assign) {
            // An optimum without zero-hour steps is minimal (dropping a
            // step would make it cheaper); a zero-hour one may hold a step
            // nothing needs, which a path does not take.
            if chosen.iter().any(|&x| local.cost[x as usize] == 0.0) {
                chosen.sort_unstable();
                chosen = super::optima::minimalize(&local, chosen);
            }
            return Ok(self.part_of(&local, &chosen, true, &sc.derive.order));
        }
        let ctx = Ctx {
            priced_by: start,
            ..Ctx::new(cat, &sc.p2, &[])
        };
        let default = Limits {
            budget: None,
            cancel: limits.cancel.clone(),
            progress: None,
        };
        let mut meter = Meter::cell(&default);
        meter.check()?;
        let out = optimum_of(&ctx, &[], local, &mut meter);
        sc.nodes += meter.spent();
        let (local, chosen, optimal, _) = out?;
        Ok(self.part_of(&local, &chosen, optimal, &sc.derive.order))
    }

    /// The group part of the local steps `chosen` of `local`, whose local
    /// step i is compiled step `order[i]`.
    fn part_of(&self, local: &Local, chosen: &[u32], optimal: bool, order: &[u32]) -> GroupPart {
        GroupPart {
            costs: chosen.iter().map(|&x| local.cost[x as usize]).collect(),
            steps: chosen.iter().map(|&x| order[x as usize]).collect(),
            optimal,
        }
    }

    /// Marks which components of `empty` fit the cell last split into `sc`
    /// from `start` by [`split_from`](RoleProblem::split_from) with the key
    /// `touch` (see the module documentation); true when they cover every
    /// obligation of the cell (the group part is then theirs).
    ///
    /// A step's knownness from P'' differs from the empty profile's only
    /// on a skill P knows (a skill of the key) or whose base level changed
    /// (a skill the split marked dirty), so only the looked-at steps on
    /// those skills are checked.
    pub fn fit_components(
        &self,
        empty: &EmptyPart,
        start: &[u32],
        touch: &[u64],
        sc: &mut SplitScratch,
    ) -> bool {
        let SplitScratch {
            obligations,
            raise,
            dirty,
            parts,
            ..
        } = sc;
        parts.fitted.clear();
        parts.fitted.resize(empty.components.len(), true);
        let changed = &mut parts.changed;
        changed.clear();
        changed.extend(
            touch
                .iter()
                .filter(|&&item| item & TRANSFER == 0)
                .map(|&item| (item >> 32) as u32)
                .chain(dirty.iter().copied()),
        );
        changed.sort_unstable();
        changed.dedup();
        let mut at = 0;
        for &s in changed.iter() {
            let p = start
                .get(s as usize)
                .copied()
                .unwrap_or(0)
                .max(raise[s as usize]);
            at = gallop(&empty.looked, at, |e| e.0 < s);
            for &(_, l, known, c) in empty.looked[at..].iter().take_while(|e| e.0 == s) {
                if (p >= l) != known {
                    parts.fitted[c as usize] = false;
                }
            }
        }
        let mut covered = 0;
        for (c, fits) in empty.components.iter().zip(parts.fitted.iter_mut()) {
            *fits = *fits
                && c.obligations
                    .iter()
                    .all(|g| obligations.binary_search(g).is_ok())
                && !c.transfers.iter().any(|t| t.satisfied_by(start));
            if *fits {
                covered += c.obligations.len();
            }
        }
        covered == obligations.len()
    }

    /// Adds the hours of the fitted components (after
    /// [`fit_components`](RoleProblem::fit_components)) to the base in
    /// `sc`: the cell's hours, and whether they are proven minimal.
    pub fn add_fitted(empty: &EmptyPart, sc: &mut SplitScratch) -> (f64, bool) {
        let mut optimal = true;
        for part in empty.fitted(&sc.parts.fitted) {
            for &h in part.costs.iter() {
                sc.base.add(h);
            }
            optimal &= part.optimal;
        }
        (sc.base.value(), optimal)
    }

    /// The group part of the cell last split into `sc` from `start`, after
    /// [`fit_components`](RoleProblem::fit_components) (when `empty` is
    /// given): the fitted components' answers plus the rest solved by
    /// component (within the default budget and the cancellation check of
    /// `limits`).
    pub fn group_part(
        &self,
        cat: &Catalog,
        start: &[u32],
        empty: Option<&EmptyPart>,
        limits: &Limits,
        sc: &mut SplitScratch,
    ) -> Result<GroupPart> {
        let (mut costs, mut steps) = (Vec::new(), Vec::new());
        let mut optimal = true;
        let mut add = |part: &GroupPart| {
            costs.extend(part.costs.iter());
            steps.extend(part.steps.iter());
            optimal &= part.optimal;
        };
        self.solve_rest(cat, start, empty, limits, sc, |_, part| add(part))?;
        for part in empty.into_iter().flat_map(|e| e.fitted(&sc.parts.fitted)) {
            add(part);
        }
        Ok(GroupPart {
            costs: costs.into(),
            steps: steps.into(),
            optimal,
        })
    }

    /// Partitions and solves the rest of the cell last split into `sc`,
    /// each component's obligations and answer given to `each` (its
    /// problem's steps in `sc.derive.order`).
    fn solve_rest(
        &self,
        cat: &Catalog,
        start: &[u32],
        empty: Option<&EmptyPart>,
        limits: &Limits,
        sc: &mut SplitScratch,
        mut each: impl FnMut(&mut SplitScratch, &GroupPart),
    ) -> Result<()> {
        if empty.is_none() {
            sc.parts.fitted.clear();
        }
        self.set_p2(cat, start, sc);
        self.partition_rest(empty, sc);
        let mut at = 0;
        while at < sc.parts.grouped.len() {
            let root = sc.parts.grouped[at].0;
            let mut entries = std::mem::take(&mut sc.parts.entries);
            entries.clear();
            while at < sc.parts.grouped.len() && sc.parts.grouped[at].0 == root {
                entries.push(Need::Group(sc.parts.grouped[at].1));
                at += 1;
            }
            let part = self.solve_component(cat, start, &entries, limits, sc);
            sc.parts.entries = entries;
            each(sc, &part?);
        }
        Ok(())
    }

    /// The group part from the empty profile by component, and what each
    /// depends on (within the default budget and the cancellation check of
    /// `limits`).
    pub fn empty_part(&self, cat: &Catalog, limits: &Limits) -> Result<EmptyPart> {
        let mut sc = SplitScratch::default();
        let empty = vec![0u32; cat.skills().len()];
        self.split(cat, &empty, false, &mut sc);
        let mut comp_of_step = vec![NONE; self.skill.len()];
        let mut comp_of_group = vec![NONE; self.groups.len()];
        let mut components: Vec<Component> = Vec::new();
        let mut looked_all: Vec<(u32, u32, bool, u32)> = Vec::new();
        self.solve_rest(cat, &empty, None, limits, &mut sc, |sc, part| {
            let c = components.len() as u32;
            let obligations: Box<[u32]> = sc
                .parts
                .entries
                .iter()
                .filter_map(|e| match *e {
                    Need::Group(g) => Some(g),
                    Need::Step(_) => None,
                })
                .collect();
            for &g in obligations.iter() {
                comp_of_group[g as usize] = c;
            }
            for &x in &sc.derive.order {
                comp_of_step[x as usize] = c;
            }
            let (looked, transfers) = self.looked(cat, &obligations, sc);
            looked_all.extend(looked.iter().map(|&(s, l, known)| (s, l, known, c)));
            components.push(Component {
                obligations,
                transfers,
                part: part.clone(),
            });
        })?;
        Ok(EmptyPart {
            base: EmptyBase::build(self),
            components: components.into(),
            comp_of_step: comp_of_step.into(),
            comp_of_group: comp_of_group.into(),
            looked: {
                looked_all.sort_unstable();
                looked_all.into()
            },
        })
    }

    /// What the derivation of the problem of `obligations` (just derived:
    /// its steps in `sc.derive.order`, from `sc.p2`) looked at, and the
    /// `from` of the transfers onto its steps.
    #[allow(clippy::type_complexity)]
    fn looked(
        &self,
        cat: &Catalog,
        obligations: &[u32],
        sc: &SplitScratch,
    ) -> (Vec<(u32, u32, bool)>, Box<[crate::model::Need]>) {
        let p2 = &sc.p2;
        let mut seen = vec![false; self.skill.len()];
        let mut looked: Vec<(u32, u32, bool)> = Vec::new();
        let mut look = |x: u32, looked: &mut Vec<(u32, u32, bool)>| {
            if !std::mem::replace(&mut seen[x as usize], true) {
                let x_ = x as usize;
                looked.push((self.skill[x_], self.level[x_], self.known(p2, x)));
            }
        };
        let mut look_need = |need: Need, looked: &mut Vec<(u32, u32, bool)>| match need {
            Need::Step(y) => look(y, looked),
            Need::Group(g) => {
                // A met group stays met while its known members stay
                // known, whatever its other members become.
                let met = !self.open(p2, g);
                for &m in &self.groups[g as usize].members {
                    if !met || self.known(p2, m) {
                        look(m, looked);
                    }
                }
            }
        };
        for &g in obligations {
            look_need(Need::Group(g), &mut looked);
        }
        let mut priced: Vec<u32> = Vec::new();
        for &x in &sc.derive.order {
            look_need(Need::Step(x), &mut looked);
            for &need in self.needs.row(x as usize) {
                look_need(need, &mut looked);
            }
            if self.priced[x as usize] {
                priced.push(self.skill[x as usize]);
            }
        }
        priced.sort_unstable();
        priced.dedup();
        let mut transfers = Vec::new();
        for &s in &priced {
            transfers.extend(
                cat.transfers_to(crate::model::SkillIx(s))
                    .filter(|t| t.discount > 0.0)
                    .map(|t| t.from),
            );
        }
        (looked, transfers.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SkillIx;
    use crate::solve::batch::{GroupIndex, KeyScratch};
    use crate::solve::split::add_part;

    /// The group part of the cell split into `sc`, solved as one problem
    /// by the branch-and-bound (what the batch did before components), its
    /// hours added to the base.
    fn whole(p: &RoleProblem, cat: &Catalog, start: &[u32], sc: &mut SplitScratch) -> (f64, bool) {
        p.set_p2(cat, start, sc);
        let entries: Vec<Need> = sc.obligations.iter().map(|&g| Need::Group(g)).collect();
        let local = p.local_for(cat, &sc.p2, start, &entries, &mut sc.derive);
        let ctx = Ctx {
            priced_by: start,
            ..Ctx::new(cat, &sc.p2, &[])
        };
        let limits = Limits::default();
        let mut meter = Meter::cell(&limits);
        let (local, chosen, optimal, _) = optimum_of(&ctx, &[], local, &mut meter).expect("whole");
        for &x in &chosen {
            sc.base.add(local.cost[x as usize]);
        }
        (sc.base.value(), optimal)
    }

    /// On random catalogs with many groups and transfers, the cell's hours
    /// from the empty profile's fitted components plus the rest solved by
    /// component are the hours of the group part solved as one problem,
    /// to the bit, for every role and profile; profiles where some
    /// components fit and others do not, and where the rest reaches a
    /// fitted component (which must then join it), are met.
    #[test]
    fn components_give_the_whole_optimum() {
        let mut next = crate::solve::xorshift(0x2545_F491_4F6C_DD1D);
        let (mut partial, mut merged, mut compared) = (0, 0, 0);
        for seed in 0..6 {
            let cat = crate::synthetic::synthetic(300, 12, seed, 0.25).expect("synthetic");
            let n_skills = cat.skills().len();
            let limits = Limits::default();
            let gi = GroupIndex::build(&cat, &vec![true; cat.roles().len()]);
            let mut ks = KeyScratch::default();
            let problems: Vec<(RoleProblem, EmptyPart)> = (0..cat.roles().len())
                .map(|ri| {
                    let p = RoleProblem::build(&cat, ri);
                    let e = p.empty_part(&cat, &limits).expect("empty part");
                    (p, e)
                })
                .collect();
            let (mut sc, mut oracle) = (SplitScratch::default(), SplitScratch::default());
            for _ in 0..30 {
                let mut start = vec![0u32; n_skills];
                for _ in 0..1 + next(12) {
                    let s = next(n_skills as u64) as usize;
                    start[s] = 1 + next(cat.skills()[s].hours.len() as u64) as u32;
                }
                let known: Vec<SkillIx> = (0..n_skills as u32)
                    .filter(|&s| start[s as usize] > 0)
                    .map(SkillIx)
                    .collect();
                gi.keys(&cat, &start, &known, &mut ks);
                for (ri, (p, e)) in problems.iter().enumerate() {
                    let key = ks.key(ri);
                    p.split_from(&cat, &start, key, &e.base, false, &mut sc);
                    let (hours, optimal) = if p.fit_components(e, &start, key, &mut sc) {
                        RoleProblem::add_fitted(e, &mut sc)
                    } else {
                        let before = sc.parts.fitted.iter().filter(|&&f| f).count();
                        let part = p
                            .group_part(&cat, &start, Some(e), &limits, &mut sc)
                            .expect("part");
                        let after = sc.parts.fitted.iter().filter(|&&f| f).count();
                        partial += usize::from(after > 0);
                        merged += usize::from(after < before);
                        (add_part(&mut sc.base, &part), part.optimal)
                    };
                    p.split(&cat, &start, false, &mut oracle);
                    let (want, proven) = whole(p, &cat, &start, &mut oracle);
                    if optimal && proven {
                        compared += 1;
                        assert_eq!(
                            hours.to_bits(),
                            want.to_bits(),
                            "seed {seed}, role {ri}: {hours} vs {want}"
                        );
                    }
                }
            }
        }
        eprintln!("{compared} {partial} {merged}");
        assert!(
            compared > 1000 && partial > 50 && merged > 5,
            "{compared} {partial} {merged}"
        );
    }
}
