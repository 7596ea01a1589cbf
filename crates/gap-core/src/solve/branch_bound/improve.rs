//! Incumbent improvement before branching on hard instances: a local search
//! over the *shared* steps (steps that the candidates of two or more groups
//! can pull in, such as a costly prerequisite common to many alternatives).
//!
//! A state decides which shared steps are in; the rest of it is the greedy
//! completion with the other shared steps forbidden, so each group takes its
//! cheapest candidate given what is shared. A move flips one shared step;
//! the first improving move is taken, until no flip improves or the meter is
//! spent (each completion takes one node); then swaps (one shared step in,
//! one out). Descents start from the incumbent, from the Lagrangian
//! relaxation's choice and from all shared steps, and a few kicks restart
//! from the best. Deterministic: moves are tried in ascending order, kicks
//! come from a fixed xorshift sequence.

use super::{Node, Search};
use crate::error::Result;
use crate::solve::definitely_less;
use crate::solve::meter::Meter;

/// Shared steps considered at most (those in the most groups first).
const MAX_SHARED: usize = 64;

impl Search<'_> {
    /// The free steps at `root` that candidates of at least two groups can
    /// pull in, ascending.
    pub(super) fn shared_steps(&mut self, root: &Node) -> Vec<u32> {
        let l = self.local;
        let n = l.len();
        let mut count = vec![0u32; n];
        for (gid, g) in l.groups.iter().enumerate() {
            if self.canon[gid] != gid as u32 {
                continue;
            }
            let e = self.next_epoch();
            self.queue.clear();
            for &m in &g.members {
                if self.stamp[m as usize] != e {
                    self.stamp[m as usize] = e;
                    self.queue.push(m);
                }
            }
            let mut i = 0;
            while i < self.queue.len() {
                let x = self.queue[i];
                i += 1;
                count[x as usize] += 1;
                for &p in l.plain.row(x as usize) {
                    if self.stamp[p as usize] != e {
                        self.stamp[p as usize] = e;
                        self.queue.push(p);
                    }
                }
            }
        }
        let mut shared: Vec<u32> = (0..n as u32)
            .filter(|&x| count[x as usize] >= 2 && !root.chosen.get(x) && !root.forbidden.get(x))
            .collect();
        if shared.len() > MAX_SHARED {
            shared.sort_by_key(|&x| (std::cmp::Reverse(count[x as usize]), x));
            shared.truncate(MAX_SHARED);
            shared.sort_unstable();
        }
        shared
    }

    /// The greedy completion of `root` with exactly the shared steps `on`
    /// (a mask over `shared`) allowed and included.
    pub(super) fn complete(&mut self, root: &Node, shared: &[u32], on: &[bool]) -> Option<Node> {
        let mut node = root.clone();
        for (&x, &o) in shared.iter().zip(on) {
            if o && !self.include(&mut node, x) {
                return None;
            }
        }
        for (&x, &o) in shared.iter().zip(on) {
            if !o && !node.chosen.get(x) {
                node.forbidden.set(x);
            }
        }
        self.quick(node)
    }

    /// A greedy completion without bounds: each unmet group in turn takes
    /// its cheapest candidates (closure cost beyond the chosen steps), groups
    /// the new steps bring in joining the queue. None when a group runs out
    /// of candidates.
    fn quick(&mut self, mut node: Node) -> Option<Node> {
        let l = self.local;
        let mut i = 0;
        while i < node.active.len() {
            let gid = node.active[i];
            i += 1;
            let g = &l.groups[gid as usize];
            while self.satisfied(&node, gid) < g.need {
                let mut pick: Option<(f64, u32)> = None;
                for &m in &g.members {
                    if node.chosen.get(m) {
                        continue;
                    }
                    let mark = self.arena.len();
                    if let Some(c) = self.inc(&node, m) {
                        if pick.is_none_or(|(best, _)| c.inc < best) {
                            pick = Some((c.inc, m));
                        }
                    }
                    self.arena.truncate(mark);
                }
                let (_, m) = pick?;
                if !self.include(&mut node, m) {
                    return None;
                }
            }
        }
        Some(node)
    }

    /// Improves `best` (a solution under `root`) by flipping shared steps:
    /// local descents from the LP relaxation's point rounded (`lp_x`, when
    /// solved), from `best`, from the steps the Lagrangian relaxation
    /// takes (`rc < 0`), and from every shared step, then a few
    /// deterministic kicks (three flips) from the best local optimum.
    pub(super) fn improve(
        &mut self,
        root: &Node,
        best: Node,
        rc: &[f64],
        lp_x: Option<&[f64]>,
        floor: f64,
        outer: &mut Meter<'_>,
    ) -> Result<Node> {
        // With the exact LP, its search finds better incumbents sooner than
        // long local searches do.
        let cap = if lp_x.is_some() {
            MAX_EVALS_WITH_LP
        } else {
            MAX_EVALS
        };
        let shared = self.shared_steps(root);
        if shared.is_empty() {
            return Ok(best);
        }
        let mut starts: Vec<Vec<bool>> = Vec::with_capacity(5);
        if let Some(x) = lp_x {
            // The LP relaxation rounded (at one half, and up).
            starts.push(shared.iter().map(|&i| x[i as usize] >= 0.5).collect());
            starts.push(shared.iter().map(|&i| x[i as usize] > 1e-6).collect());
        }
        starts.push(shared.iter().map(|&x| best.chosen.get(x)).collect());
        starts.push(shared.iter().map(|&x| rc[x as usize] < 0.0).collect());
        starts.push(vec![true; shared.len()]);
        let mut meter = outer.share(cap);
        let res = self.improve_within(root, best, starts, floor, &shared, &mut meter);
        outer.settle(&meter);
        res
    }

    /// Descents from each of `starts` (masks over `shared`), then kicks,
    /// until the incumbent reaches `floor` (a lower bound) or the meter is
    /// spent.
    fn improve_within(
        &mut self,
        root: &Node,
        mut best: Node,
        starts: Vec<Vec<bool>>,
        floor: f64,
        shared: &[u32],
        meter: &mut Meter<'_>,
    ) -> Result<Node> {
        let shared = shared.to_vec();
        let mut best_on: Vec<bool> = shared.iter().map(|&x| best.chosen.get(x)).collect();
        for on in starts {
            if !definitely_less(floor, best.cost) {
                return Ok(best);
            }
            let Some((node, on)) = self.descend(root, &shared, on, meter)? else {
                continue;
            };
            if definitely_less(node.cost, best.cost) {
                best = node;
                best_on = on;
            }
        }
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        for _ in 0..KICKS {
            if meter.spent_out() || !definitely_less(floor, best.cost) {
                break;
            }
            let mut on = best_on.clone();
            for _ in 0..3 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let k = (state % shared.len() as u64) as usize;
                on[k] = !on[k];
            }
            if let Some((node, on)) = self.descend(root, &shared, on, meter)? {
                if definitely_less(node.cost, best.cost) {
                    best = node;
                    best_on = on;
                }
            }
        }
        Ok(best)
    }

    /// A local descent from the shared steps `on`: first-improvement over
    /// flips, then swaps; None when `on` has no completion.
    fn descend(
        &mut self,
        root: &Node,
        shared: &[u32],
        mut on: Vec<bool>,
        meter: &mut Meter<'_>,
    ) -> Result<Option<(Node, Vec<bool>)>> {
        if !meter.node()? {
            return Ok(None);
        }
        let Some(mut best) = self.complete(root, shared, &on) else {
            return Ok(None);
        };
        let h = shared.len();
        let mut improved = true;
        while improved {
            improved = false;
            'moves: for swap in [false, true] {
                for j in 0..h {
                    for k in 0..h {
                        if (j == k) == swap || (swap && (on[j] || !on[k])) {
                            continue;
                        }
                        if !meter.node()? {
                            return Ok(Some((best, on)));
                        }
                        on[j] = !on[j];
                        if j != k {
                            on[k] = !on[k];
                        }
                        match self.complete(root, shared, &on) {
                            Some(node) if definitely_less(node.cost, best.cost) => {
                                best = node;
                                improved = true;
                                break 'moves;
                            }
                            _ => {
                                on[j] = !on[j];
                                if j != k {
                                    on[k] = !on[k];
                                }
                            }
                        }
                    }
                }
            }
        }
        Ok(Some((best, on)))
    }
}

/// Kicks of the iterated local search.
const KICKS: usize = 100;

/// Completions the whole improvement may evaluate (each takes a node).
const MAX_EVALS: u64 = 20_000;

/// Completions the improvement may evaluate when the exact LP is there.
const MAX_EVALS_WITH_LP: u64 = 2_000;

/// What a search learns when it turns out hard (see [`Search::harden`]).
pub(in crate::solve) struct Hardened {
    /// A lower bound on every solution.
    pub(in crate::solve) global_lb: f64,
    /// Steps no solution cheaper than the incumbent contains (with `ties`:
    /// no solution as cheap).
    pub(in crate::solve) excluded: Vec<u32>,
}

impl Search<'_> {
    /// Called once a search has not finished within
    /// [`LAZY_NODES`](super::LAZY_NODES): improves the incumbent `best`
    /// ([`improve`](Search::improve)), fits the Lagrangian bound against its
    /// cost (used by [`eval`](Search::eval) from then on) and fixes steps by
    /// reduced costs. `ties`: keep the steps of solutions as cheap as the
    /// incumbent (to enumerate alternative optima).
    pub(in crate::solve) fn harden(
        &mut self,
        top: &Node,
        best: Node,
        meter: &mut Meter<'_>,
        ties: bool,
    ) -> Result<(Node, Hardened)> {
        let groups = self.rep_groups();
        self.lp = super::lp::LpModel::root(self.local, &groups, &self.canon, top, meter)?;
        // The subgradient ascent aims at the exact LP value when it is known
        // (its multipliers then approach the LP's duals), else at the
        // incumbent's cost.
        let target = self
            .lp
            .as_ref()
            .map_or(best.cost, |(_, root)| root.value.min(best.cost));
        let (lag, lag_lb) = super::lagrange::Lagrange::fit(self.local, groups, top, target, meter)?;
        let lp_x = self.lp.as_ref().map(|(_, root)| root.x.clone());
        let floor = self
            .lp
            .as_ref()
            .map_or(lag_lb, |(_, root)| root.bound.max(lag_lb));
        let best = self.improve(
            top,
            best,
            lag.reduced_costs(),
            lp_x.as_deref(),
            floor,
            meter,
        )?;
        let excluded = lag.excluded(top, best.cost, ties);
        let global_lb = floor;
        self.lag = Some(lag);
        Ok((
            best,
            Hardened {
                global_lb,
                excluded,
            },
        ))
    }

    /// Recomputes the fixed steps after the incumbent improved to `ub`.
    pub(in crate::solve) fn refix(&self, top: &Node, ub: f64, ties: bool, hard: &mut Hardened) {
        if let Some(lag) = &self.lag {
            hard.excluded = lag.excluded(top, ub, ties);
        }
    }
}

impl Hardened {
    /// Applies the fixing to a node: false when the node holds an excluded
    /// step (nothing under it can beat the incumbent), else forbids them.
    pub(in crate::solve) fn admit(&self, node: &mut Node) -> bool {
        if self.excluded.iter().any(|&x| node.chosen.get(x)) {
            return false;
        }
        for &x in &self.excluded {
            node.forbidden.set(x);
        }
        true
    }
}
