//! A fast incumbent search for *flat* hard problems: every open group needs
//! one more member, and a candidate's closure is its private steps plus some
//! of at most 64 *shared* steps (steps in the candidates' closures of two or
//! more groups), with no group of its own. The hard family has this
//! shape: members over 30 costly common bases.
//!
//! There, the greedy completion for a set `S` of shared steps (each group
//! takes its cheapest candidate whose shared steps lie in `S`) costs
//! `sum_{b in S} c_b + sum_g min {c_m : mask_m within S}`, which a bit mask
//! evaluates in a few hundred word operations, about a hundred times faster
//! than a completion over the step graph ([`Search::complete`]). An iterated
//! local search (flips, swaps, deterministic kicks of three flips) over `S`
//! then reaches near-optimal incumbents within milliseconds. It is only a
//! guide: the set it picks is completed by [`Search::complete`] into a real
//! solution, whose cost is what counts. [`FLAT_EVALS_PER_NODE`] evaluations
//! take one node of the meter, so the budget bounds it and it is
//! deterministic.

use super::{Node, Search};
use crate::error::Result;
use crate::solve::definitely_less;
use crate::solve::meter::Meter;

/// Mask evaluations per node of the meter (one node is about one greedy
/// completion, which costs about as much).
pub(super) const FLAT_EVALS_PER_NODE: u32 = 64;

/// Kicks of the iterated local search at most.
const KICKS: usize = 400;

/// Kicks in a row without improvement after which the search stops.
const STALE_KICKS: usize = 80;

/// The flat model of a problem at its top node.
pub(super) struct Flat {
    /// The cost of the top node's steps.
    base: f64,
    /// The shared steps, one per bit.
    pub(super) shared: Vec<u32>,
    cost: Vec<f64>,
    /// Per open group, its candidates: (cost beyond the shared steps, mask of
    /// the shared steps the candidate's closure holds), cheapest first.
    groups: Vec<Vec<(f64, u64)>>,
}

impl Flat {
    /// The greedy completion's cost for the shared steps `s` (infinite when a
    /// group has no candidate within `s`).
    pub(super) fn value(&self, s: u64) -> f64 {
        let mut sum = self.base;
        let mut bits = s;
        while bits != 0 {
            let b = bits.trailing_zeros();
            sum += self.cost[b as usize];
            bits &= bits - 1;
        }
        for g in &self.groups {
            match g.iter().find(|&&(_, m)| m & !s == 0) {
                Some(&(c, _)) => sum += c,
                None => return f64::INFINITY,
            }
        }
        sum
    }

    /// The shared steps of `node` as a mask.
    pub(super) fn mask_of(&self, node: &Node) -> u64 {
        self.mask(|x| node.chosen.get(x))
    }

    /// The mask of the shared steps `on` says are in.
    pub(super) fn mask(&self, on: impl Fn(u32) -> bool) -> u64 {
        self.shared
            .iter()
            .enumerate()
            .filter(|&(_, &x)| on(x))
            .fold(0, |m, (b, _)| m | 1 << b)
    }

    /// The shared steps of a mask, as [`Search::complete`] takes them.
    pub(super) fn on(&self, s: u64) -> Vec<bool> {
        (0..self.shared.len()).map(|b| s >> b & 1 == 1).collect()
    }
}

/// Counts mask evaluations against a meter.
struct Evals<'m, 'a> {
    meter: &'m mut Meter<'a>,
    count: u32,
    spent: bool,
}

impl Evals<'_, '_> {
    /// Takes one evaluation: false once the meter is spent.
    fn take(&mut self) -> Result<bool> {
        if self.spent {
            return Ok(false);
        }
        self.count += 1;
        if self.count == FLAT_EVALS_PER_NODE {
            self.count = 0;
            if !self.meter.node()? {
                self.spent = true;
                return Ok(false);
            }
        }
        Ok(true)
    }
}

impl Search<'_> {
    /// The flat model of the problem at `top`, or None when it is not flat.
    pub(super) fn flat(&mut self, top: &Node) -> Option<Flat> {
        let l = self.local;
        let mut node = top.clone();
        node.active
            .retain(|&g| self.satisfied(top, g) < l.groups[g as usize].need);
        // Each open group's candidates and their closures.
        let mut cands: Vec<Vec<(u32, u32)>> = Vec::with_capacity(node.active.len());
        self.arena.clear();
        for &gid in &node.active {
            let g = &l.groups[gid as usize];
            if g.need - self.satisfied(top, gid) != 1 {
                return None;
            }
            let mut cs = Vec::with_capacity(g.members.len());
            for &m in &g.members {
                if let Some(c) = self.inc(top, m) {
                    cs.push((c.from, c.to));
                }
            }
            if cs.is_empty() {
                return None;
            }
            cands.push(cs);
        }
        // Steps in the closures of two or more groups; no closure step may
        // bring a group of its own.
        let mut count = vec![0u32; l.len()];
        for cs in &cands {
            let e = self.next_epoch();
            for &(from, to) in cs {
                for &x in &self.arena[from as usize..to as usize] {
                    if !l.groups_of[x as usize].is_empty() {
                        return None;
                    }
                    if self.stamp[x as usize] != e {
                        self.stamp[x as usize] = e;
                        count[x as usize] += 1;
                    }
                }
            }
        }
        let shared: Vec<u32> = (0..l.len() as u32)
            .filter(|&x| count[x as usize] >= 2)
            .collect();
        if shared.is_empty() || shared.len() > 64 {
            return None;
        }
        let mut bit = vec![u8::MAX; l.len()];
        for (b, &x) in shared.iter().enumerate() {
            bit[x as usize] = b as u8;
        }
        let groups = cands
            .iter()
            .map(|cs| {
                let mut g: Vec<(f64, u64)> = cs
                    .iter()
                    .map(|&(from, to)| {
                        let mut c = 0.0;
                        let mut mask = 0u64;
                        for &x in &self.arena[from as usize..to as usize] {
                            match bit[x as usize] {
                                u8::MAX => c += l.cost[x as usize],
                                b => mask |= 1 << b,
                            }
                        }
                        (c, mask)
                    })
                    .collect();
                g.sort_by(|a, b| a.0.total_cmp(&b.0));
                g
            })
            .collect();
        self.arena.clear();
        let cost = shared.iter().map(|&x| l.cost[x as usize]).collect();
        Some(Flat {
            base: top.cost,
            shared,
            cost,
            groups,
        })
    }

    /// Improves `best` with the iterated local search over the flat model's
    /// shared steps from each of `starts` (masks), until the incumbent
    /// reaches `floor` or the meter is spent; the set found is completed
    /// into a real solution.
    pub(super) fn improve_flat(
        &mut self,
        top: &Node,
        best: Node,
        flat: &Flat,
        starts: &[u64],
        floor: f64,
        meter: &mut Meter<'_>,
    ) -> Result<Node> {
        let mut evals = Evals {
            meter,
            count: 0,
            spent: false,
        };
        let mut best_s = flat.mask_of(&best);
        let mut best_v = flat.value(best_s);
        let mut seen = Vec::new();
        for &s in starts {
            if !definitely_less(floor, best_v.min(best.cost)) {
                break;
            }
            if seen.contains(&s) {
                continue;
            }
            seen.push(s);
            let (s, v) = descend(flat, s, &mut evals)?;
            if definitely_less(v, best_v) {
                (best_s, best_v) = (s, v);
            }
        }
        let n = flat.shared.len() as u64;
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut stale = 0;
        for _ in 0..KICKS {
            if evals.spent || stale >= STALE_KICKS || !definitely_less(floor, best_v.min(best.cost))
            {
                break;
            }
            stale += 1;
            let mut s = best_s;
            for _ in 0..3 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s ^= 1 << (state % n);
            }
            let (s, v) = descend(flat, s, &mut evals)?;
            if definitely_less(v, best_v) {
                (best_s, best_v) = (s, v);
                stale = 0;
            }
        }
        if !definitely_less(best_v, best.cost) {
            return Ok(best);
        }
        match self.complete(top, &flat.shared, &flat.on(best_s)) {
            Some(node) if definitely_less(node.cost, best.cost) => Ok(node),
            _ => Ok(best),
        }
    }
}

/// A first-improvement descent from `s` over flips, then swaps (one shared
/// step in, one out); returns the local optimum and its value.
fn descend(flat: &Flat, mut s: u64, evals: &mut Evals<'_, '_>) -> Result<(u64, f64)> {
    let n = flat.shared.len();
    let mut v = flat.value(s);
    let mut improved = true;
    while improved {
        improved = false;
        'moves: for swap in [false, true] {
            for j in 0..n {
                for k in 0..n {
                    let (in_j, in_k) = (s >> j & 1 == 1, s >> k & 1 == 1);
                    if (j == k) == swap || (swap && (in_j || !in_k)) {
                        continue;
                    }
                    if !evals.take()? {
                        return Ok((s, v));
                    }
                    let t = s ^ (1 << j) ^ if j == k { 0 } else { 1 << k };
                    let w = flat.value(t);
                    if definitely_less(w, v) {
                        (s, v) = (t, w);
                        improved = true;
                        break 'moves;
                    }
                }
            }
        }
    }
    Ok((s, v))
}
