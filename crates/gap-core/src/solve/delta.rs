//! A role's split ([`super::split`]) for a profile, derived from the empty
//! profile's instead of walked: work proportional to what the profile
//! changes in the role's base, not to the base (a ranking splits every
//! touched role with groups, whose bases hold hundreds of steps on big
//! catalogs, for profiles that know one or two of them).
//!
//! From the empty profile the base B0 is the closure of the role's plain
//! entries over plain prerequisites. From a profile P the base is the part
//! of B0 that is still needed: a step of B0 is in it iff it is not known and
//! it is a plain entry or a step in it needs it (the walk from the entries
//! stops exactly there). So the steps that drop out are the known steps of
//! B0 and, propagated as in Kahn's algorithm, every step all of whose
//! parents in B0 dropped out (the ranking index does the same for roles
//! without groups, [`super::index`]). The base's hours are B0's exact sum
//! less the steps that dropped out, repriced where P fires a transfer; its
//! levels per skill are B0's, recomputed on the skills that lost a step; and
//! the obligations are the groups of the entries and of the steps left that
//! P and the base leave unmet. Each is what the walk gives, so the cell is
//! the same to the last bit (checked against the walk by
//! `split_matches_the_walk`).

use super::batch::TRANSFER;
use super::compiled::{Need, RoleProblem};
use super::split::SplitScratch;
use super::sum::ExactSum;
use crate::catalog::Catalog;
use crate::csr::Csr;

/// "Not a step" (an entry owns the group).
const ENTRY: u32 = u32::MAX;

/// The first index at or after `from` where `before` is false, in a slice
/// along which `before` turns from true to false once: an exponential then
/// a binary search, cheap when the answer is near `from` (merging a short
/// ascending list into a long one).
pub(super) fn gallop<T>(xs: &[T], from: usize, before: impl Fn(&T) -> bool) -> usize {
    let n = xs.len();
    if from >= n || !before(&xs[from]) {
        return from.min(n);
    }
    let (mut lo, mut step) = (from, 1);
    loop {
        let hi = lo + step;
        if hi >= n || !before(&xs[hi]) {
            let hi = hi.min(n);
            return lo + 1 + xs[lo + 1..hi].partition_point(&before);
        }
        lo = hi;
        step *= 2;
    }
}

/// The base of a role from the empty profile, indexed for [`RoleProblem::split_from`].
#[derive(Debug, Clone, Default)]
pub(crate) struct EmptyBase {
    /// Per compiled step: how many times B0's steps and the role's entries
    /// need it plainly (0: not in B0).
    parents: Vec<u32>,
    /// B0's hours before transfers, exact.
    hours: ExactSum,
    /// B0's highest level per skill, ascending by skill.
    raise: Vec<(u32, u32)>,
    /// B0's steps by skill: (skill, range in `on_skill`), ascending by skill.
    by_skill: Vec<(u32, u32, u32)>,
    on_skill: Vec<u32>,
    /// The groups of B0's steps and of the entries: (group, owner (a
    /// compiled step, or [`ENTRY`]), unmet from the empty profile and B0),
    /// ascending by group.
    owned: Vec<(u32, u32, bool)>,
    /// Row per compiled step: the indices in `owned` of the groups it is a
    /// member of.
    member_of: Csr<u32>,
    /// The members of owned groups as (skill, level, step), ascending.
    members: Vec<(u32, u32, u32)>,
}

impl EmptyBase {
    /// Indexes the base of `p` from the empty profile.
    pub fn build(p: &RoleProblem) -> EmptyBase {
        let n = p.skill.len();
        let mut parents = vec![0u32; n];
        let mut stack: Vec<u32> = Vec::new();
        let mut owned: Vec<(u32, u32)> = Vec::new();
        // A need of `owner` (a step, or ENTRY): a plain one counts a parent
        // and joins B0, a group is owned.
        let mut visit = |need: Need, owner: u32, stack: &mut Vec<u32>| match need {
            Need::Step(y) => {
                parents[y as usize] += 1;
                if parents[y as usize] == 1 {
                    stack.push(y);
                }
            }
            Need::Group(g) => owned.push((g, owner)),
        };
        for &e in &p.entries {
            visit(e, ENTRY, &mut stack);
        }
        while let Some(x) = stack.pop() {
            for &need in p.needs.row(x as usize) {
                visit(need, x, &mut stack);
            }
        }
        owned.sort_unstable();
        // Whether each owned group is open from the empty profile (its
        // members in B0 count), and who is a member of which.
        let owned: Vec<(u32, u32, bool)> = owned
            .into_iter()
            .map(|(g, owner)| {
                let gr = &p.groups[g as usize];
                let met = gr
                    .members
                    .iter()
                    .filter(|&&m| parents[m as usize] > 0)
                    .count() as u32;
                (g, owner, met < gr.count)
            })
            .collect();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut members: Vec<(u32, u32, u32)> = Vec::new();
        for (i, &(g, _, _)) in owned.iter().enumerate() {
            for &m in &p.groups[g as usize].members {
                pairs.push((m, i as u32));
                members.push((p.skill[m as usize], p.level[m as usize], m));
            }
        }
        members.sort_unstable();
        members.dedup();
        let member_of = Csr::from_pairs(n, &pairs);
        let mut hours = ExactSum::new();
        let mut steps: Vec<(u32, u32, u32)> = Vec::new();
        for x in 0..n as u32 {
            if parents[x as usize] > 0 {
                hours.add(p.raw[x as usize]);
                steps.push((p.skill[x as usize], p.level[x as usize], x));
            }
        }
        steps.sort_unstable();
        let mut by_skill: Vec<(u32, u32, u32)> = Vec::new();
        let mut raise: Vec<(u32, u32)> = Vec::new();
        let on_skill: Vec<u32> = steps.iter().map(|s| s.2).collect();
        for (i, &(s, l, _)) in steps.iter().enumerate() {
            match by_skill.last_mut() {
                Some(last) if last.0 == s => {
                    last.2 = i as u32 + 1;
                    if let Some(r) = raise.last_mut() {
                        r.1 = r.1.max(l);
                    }
                }
                _ => {
                    by_skill.push((s, i as u32, i as u32 + 1));
                    raise.push((s, l));
                }
            }
        }
        EmptyBase {
            parents,
            hours,
            raise,
            by_skill,
            on_skill,
            owned,
            member_of,
            members,
        }
    }

    /// The base of the cell last split into `sc` from this base
    /// ([`RoleProblem::split_from`]): B0's compiled steps not dropped, by
    /// skill.
    pub(super) fn derived_base<'a>(
        &'a self,
        sc: &'a SplitScratch,
    ) -> impl Iterator<Item = u32> + 'a {
        let epoch = sc.epoch();
        self.on_skill
            .iter()
            .copied()
            .filter(move |&x| sc.stamp[x as usize] != epoch)
    }

    /// B0's steps on skill `s`.
    fn on(&self, s: u32) -> &[u32] {
        match self.by_skill.binary_search_by_key(&s, |b| b.0) {
            Ok(i) => {
                let (_, from, to) = self.by_skill[i];
                &self.on_skill[from as usize..to as usize]
            }
            Err(_) => &[],
        }
    }
}

impl RoleProblem {
    /// [`split`](RoleProblem::split) of the cell from `start`, whose key
    /// for the role in the batch's [`GroupIndex`](super::batch::GroupIndex)
    /// is `touch` (every known skill with a step in the role's problem, and
    /// every transfer P fires onto one), derived from `eb`, the role's base
    /// from the empty profile: the same base hours, levels, obligations and
    /// (when `keyed`) group key.
    pub fn split_from(
        &self,
        cat: &Catalog,
        start: &[u32],
        touch: &[u64],
        eb: &EmptyBase,
        keyed: bool,
        sc: &mut SplitScratch,
    ) {
        let epoch = sc.begin(self.skill.len(), cat.skills().len());
        if sc.open.len() < eb.owned.len() {
            sc.open.resize(eb.owned.len(), 0);
        }
        sc.base.copy_from(&eb.hours);
        let level_of = |s: u32| start.get(s as usize).copied().unwrap_or(0);
        // Drop the known steps of B0, then what only they needed; an owned
        // group with a member dropped or known is recounted.
        let SplitScratch {
            stamp,
            count,
            stack,
            base,
            dirty,
            open: recount,
            ..
        } = sc;
        let mark = |x: u32, recount: &mut Vec<u32>| {
            for &i in eb.member_of.row(x as usize) {
                recount[i as usize] = epoch;
            }
        };
        let mut drop =
            |x: u32, stamp: &mut Vec<u32>, stack: &mut Vec<u32>, recount: &mut Vec<u32>| {
                stamp[x as usize] = epoch;
                stack.push(x);
                base.add(-self.raw[x as usize]);
                mark(x, recount);
            };
        // The key's skills ascend, as do B0's and the members': merged.
        let (mut at, mut member) = (0, 0);
        for &item in touch {
            if item & TRANSFER != 0 {
                continue;
            }
            let s = (item >> 32) as u32;
            let known = level_of(s);
            member = gallop(&eb.members, member, |m| m.0 < s);
            for &(_, l, m) in eb.members[member..].iter().take_while(|m| m.0 == s) {
                if l > known {
                    break;
                }
                mark(m, recount);
            }
            at = gallop(&eb.by_skill, at, |b| b.0 < s);
            let Some(&(_, lo, hi)) = eb.by_skill.get(at).filter(|b| b.0 == s) else {
                continue;
            };
            dirty.push(s);
            for &x in &eb.on_skill[lo as usize..hi as usize] {
                if self.level[x as usize] <= known {
                    drop(x, stamp, stack, recount);
                }
            }
        }
        while let Some(x) = stack.pop() {
            for &need in self.needs.row(x as usize) {
                let Need::Step(y) = need else { continue };
                let yi = y as usize;
                if eb.parents[yi] == 0 || stamp[yi] == epoch {
                    continue;
                }
                let c = &mut count[yi];
                if c.0 != epoch {
                    *c = (epoch, eb.parents[yi]);
                }
                c.1 -= 1;
                if c.1 == 0 {
                    dirty.push(self.skill[yi]);
                    drop(y, stamp, stack, recount);
                }
            }
        }
        // Reprice what is left on the skills the fired transfers discount,
        // each once (its hours take the largest discount that fires).
        let repriced = &mut sc.repriced;
        repriced.clear();
        repriced.extend(
            touch
                .iter()
                .filter(|&&item| item & TRANSFER != 0)
                .map(|&item| cat.transfers()[(item & !TRANSFER) as usize].to.0),
        );
        repriced.sort_unstable();
        repriced.dedup();
        for &to in repriced.iter() {
            for &x in eb.on(to) {
                if sc.stamp[x as usize] != epoch && self.priced[x as usize] {
                    sc.base.add(self.price(cat, x, start));
                    sc.base.add(-self.raw[x as usize]);
                }
            }
        }
        // The levels: B0's, recomputed on the skills that lost a step (B0
        // holds the levels of a skill in ascending order).
        for &(s, l) in &eb.raise {
            sc.raise[s as usize] = l;
            sc.raised.push(s);
        }
        sc.dirty.sort_unstable();
        sc.dirty.dedup();
        for i in 0..sc.dirty.len() {
            let s = sc.dirty[i];
            let high = eb
                .on(s)
                .iter()
                .rev()
                .find(|&&x| sc.stamp[x as usize] != epoch)
                .map_or(0, |&x| self.level[x as usize]);
            sc.raise[s as usize] = high;
        }
        // The obligations: groups of the entries and of the steps left
        // that P and the base leave unmet (recounted where a member was
        // dropped or is known, else as from the empty profile).
        sc.obligations.clear();
        for (i, &(g, owner, open)) in eb.owned.iter().enumerate() {
            if owner != ENTRY && sc.stamp[owner as usize] == epoch {
                continue;
            }
            let open = if sc.open[i] == epoch {
                let gr = &self.groups[g as usize];
                let met = gr
                    .members
                    .iter()
                    .filter(|&&m| {
                        let mi = m as usize;
                        (eb.parents[mi] > 0 && sc.stamp[mi] != epoch) || self.known(start, m)
                    })
                    .count() as u32;
                met < gr.count
            } else {
                open
            };
            if open {
                sc.obligations.push(g);
            }
        }
        sc.key.clear();
        if keyed {
            self.fill_key(cat, start, sc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SkillIx;
    use crate::solve::batch::{GroupIndex, KeyScratch};

    #[test]
    fn gallop_finds_the_first_index_not_before() {
        let xs: Vec<u32> = (0..100).map(|i| i * 2).collect();
        for from in 0..=101 {
            for v in 0..210 {
                let want = xs.partition_point(|&x| x < v).max(from.min(xs.len()));
                assert_eq!(gallop(&xs, from, |&x| x < v), want, "{from} {v}");
            }
        }
    }

    /// On random catalogs with many groups, transfers and profiles that
    /// know parts of the roles' bases (and transfers' sources), the derived
    /// split equals the walked one: the same base hours to the bit, levels,
    /// obligations and group key, for every role.
    #[test]
    fn split_matches_the_walk() {
        let mut next = crate::solve::xorshift(0x9E37_79B9_7F4A_7C15);
        let (mut dropped, mut repriced) = (0, 0);
        for seed in 0..6 {
            let cat = crate::synthetic::synthetic(400, 20, seed, 0.3).expect("synthetic");
            let n_skills = cat.skills().len();
            let gi = GroupIndex::build(&cat, &vec![true; cat.roles().len()]);
            let problems: Vec<(RoleProblem, EmptyBase)> = (0..cat.roles().len())
                .map(|ri| {
                    let p = RoleProblem::build(&cat, ri);
                    let eb = EmptyBase::build(&p);
                    (p, eb)
                })
                .collect();
            let (mut walk, mut derived) = (SplitScratch::default(), SplitScratch::default());
            let mut ks = KeyScratch::default();
            for _ in 0..30 {
                let mut start = vec![0u32; n_skills];
                for _ in 0..next(40) {
                    let s = next(n_skills as u64) as usize;
                    start[s] = 1 + next(cat.skills()[s].hours.len() as u64) as u32;
                }
                if next(2) == 0 && !cat.transfers().is_empty() {
                    let t = &cat.transfers()[next(cat.transfers().len() as u64) as usize];
                    let s = t.from.skill.ix();
                    start[s] = start[s].max(t.from.level);
                }
                let known: Vec<SkillIx> = (0..n_skills as u32)
                    .filter(|&s| start[s as usize] > 0)
                    .map(SkillIx)
                    .collect();
                gi.keys(&cat, &start, &known, &mut ks);
                for (ri, (p, eb)) in problems.iter().enumerate() {
                    p.split(&cat, &start, true, &mut walk);
                    p.split_from(&cat, &start, ks.key(ri), eb, true, &mut derived);
                    let ctx = format!("seed {seed}, role {ri}");
                    assert_eq!(
                        walk.base.value().to_bits(),
                        derived.base.value().to_bits(),
                        "{ctx}"
                    );
                    assert_eq!(walk.obligations, derived.obligations, "{ctx}");
                    assert_eq!(walk.key, derived.key, "{ctx}");
                    for s in 0..n_skills {
                        let level = |sc: &SplitScratch| sc.raise.get(s).copied().unwrap_or(0);
                        assert_eq!(level(&walk), level(&derived), "{ctx}, skill {s}");
                    }
                    dropped += usize::from(derived.base != eb.hours);
                    repriced += usize::from(!derived.repriced.is_empty());
                }
            }
        }
        // The cases that matter were met.
        assert!(dropped > 100 && repriced > 20, "{dropped} {repriced}");
    }
}
