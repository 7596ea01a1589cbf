//! Exact branch-and-bound over the `any_of` groups of a local problem.
//!
//! A search node holds the chosen steps (always closed under plain
//! prerequisites), the forbidden steps (impossible ones, and members excluded
//! by earlier branching) and the groups still open. Evaluating a node forces
//! groups with exactly as many candidates as they need, then computes an
//! admissible lower bound: the cost so far plus the largest of
//! - the best single-group bound (a group needing r more members costs at
//!   least its r-th cheapest candidate closure, and at least the r cheapest
//!   candidates' own steps),
//! - a greedy packing of groups whose candidate closures are pairwise disjoint,
//! - a cost-sharing bound: each step's hours split evenly among the open
//!   groups whose candidates can pull it in, summed over the groups.
//!
//! Branching takes the open group with the largest bound and its candidates
//! by increasing closure cost: child i includes candidate i and forbids
//! candidates 0..i, so the children partition the solutions. Depth-first, the
//! first dive is the greedy solution. The budget counts evaluated nodes; when
//! it runs out the best solution so far is returned with the smallest bound of
//! the open nodes. Everything iterates by index: the result is deterministic.
//!
//! Identical groups (duplicate targets) share one representative, so a
//! node costs the same however often a target is repeated. A search not
//! finished within [`LAZY_NODES`] nodes is *hard* (easy ones never pay for
//! this): it solves the exact LP relaxation ([`lp`], microlp), improves its
//! incumbent by a local search over shared steps started from the LP's point
//! rounded ([`improve`]),
//! fits a Lagrangian bound ([`lagrange`]) that then
//! bounds every node, forbids the steps whose reduced cost shows that no
//! cheaper solution contains them, and branches on shared steps with the
//! exact LP re-solved at every node ([`shared`]).
//!
//! Every loop that can run long polls the query's cancellation check through
//! its [`Meter`]: the member and shared-step searches per node, the local
//! searches per completion, the subgradient ascent per iteration, and each
//! LP solve in slices (see [`lp`]); a cancelled search returns
//! [`Error::Cancelled`](crate::Error::Cancelled), never an answer.

mod bound;
mod improve;
mod lagrange;
mod lp;
mod run;
mod shared;

use super::closure::{Local, LocalEntry};
use super::meter::Meter;
use crate::error::Result;
pub(super) use improve::Hardened;
use lagrange::Lagrange;
use run::search;
#[cfg(test)]
pub(super) use run::search_with;

/// Nodes a search explores before it invests in a better incumbent
/// ([`improve`]) and the Lagrangian bound ([`lagrange`]): easy problems are
/// proven within them and never pay for either.
pub(super) const LAZY_NODES: u64 = 200;

/// A fixed-size bit set.
#[derive(Debug, Clone)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Self {
        Bits(vec![0; n.div_ceil(64)])
    }
    #[inline]
    fn get(&self, i: u32) -> bool {
        self.0[(i / 64) as usize] >> (i % 64) & 1 == 1
    }
    #[inline]
    fn set(&mut self, i: u32) {
        self.0[(i / 64) as usize] |= 1 << (i % 64);
    }
}

/// A search node.
#[derive(Debug, Clone)]
pub(super) struct Node {
    chosen: Bits,
    forbidden: Bits,
    pub(super) cost: f64,
    /// Groups that apply (of targets and chosen steps) and may be unmet.
    active: Vec<u32>,
}

/// The result of an optimization.
#[derive(Debug)]
pub(crate) struct Outcome {
    /// Chosen local steps, ascending.
    pub chosen: Vec<u32>,
    /// Their cost.
    pub cost: f64,
    /// Proven optimal.
    pub optimal: bool,
    /// Proven lower bound on the optimum.
    pub lower_bound: f64,
}

/// A candidate member of an open group.
#[derive(Debug, Clone, Copy)]
struct Cand {
    member: u32,
    /// Cost of the member's closure beyond the chosen steps.
    inc: f64,
    /// The closure's steps, a range of the arena.
    from: u32,
    to: u32,
}

/// An open group at a node.
struct Open {
    need: u32,
    cands: Vec<Cand>,
    bound: f64,
}

pub(super) enum Eval {
    Infeasible,
    Leaf,
    Branch { lb: f64, need: u32, cands: Vec<u32> },
}

/// Scratch space of a search.
pub(super) struct Search<'a> {
    local: &'a Local,
    stamp: Vec<u32>,
    epoch: u32,
    arena: Vec<u32>,
    queue: Vec<u32>,
    share: Vec<u32>,
    /// The representative of each group: identical groups (the same
    /// entry of duplicate targets) share one, so a node's cost does not grow
    /// with repeated targets.
    canon: Vec<u32>,
    /// The Lagrangian bound, once fitted.
    lag: Option<Lagrange>,
    /// The exact LP relaxation and its solution at the top node, once a
    /// search turns out hard (None when the solver failed).
    lp: Option<(lp::LpModel, lp::LpNode)>,
    /// Test switch: bound by the cost so far only (a plain exhaustive search).
    weak_bound: bool,
    /// Nodes before a search counts as hard ([`LAZY_NODES`]; tests lower it
    /// to run the hard-instance machinery on small problems).
    pub(super) lazy_nodes: u64,
}

impl<'a> Search<'a> {
    pub(super) fn new(local: &'a Local) -> Self {
        let n = local.len();
        Search {
            local,
            stamp: vec![0; n],
            epoch: 0,
            arena: Vec::new(),
            queue: Vec::new(),
            share: vec![0; n],
            canon: canonical_groups(local),
            lag: None,
            lp: None,
            weak_bound: false,
            lazy_nodes: LAZY_NODES,
        }
    }

    fn next_epoch(&mut self) -> u32 {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.epoch = 1;
        }
        self.epoch
    }

    pub(super) fn root(&self) -> Node {
        let l = self.local;
        let n = l.len();
        let mut chosen = Bits::new(n);
        let mut forbidden = Bits::new(n);
        let mut cost = 0.0;
        let mut active = Vec::new();
        for i in 0..n as u32 {
            if !l.possible[i as usize] {
                forbidden.set(i);
            }
        }
        for &x in &l.base {
            chosen.set(x);
            cost += l.cost[x as usize];
            active.extend(
                l.groups_of[x as usize]
                    .iter()
                    .map(|&g| self.canon[g as usize]),
            );
        }
        for e in &l.entries {
            if let LocalEntry::Group(g) = *e {
                active.push(self.canon[g as usize]);
            }
        }
        active.sort_unstable();
        active.dedup();
        Node {
            chosen,
            forbidden,
            cost,
            active,
        }
    }

    /// The closure of `m` beyond the chosen steps, appended to the arena;
    /// None when it needs a forbidden step.
    fn inc(&mut self, node: &Node, m: u32) -> Option<Cand> {
        let e = self.next_epoch();
        let from = self.arena.len() as u32;
        self.queue.clear();
        self.queue.push(m);
        self.stamp[m as usize] = e;
        let mut inc = 0.0;
        let mut i = 0;
        while i < self.queue.len() {
            let x = self.queue[i];
            i += 1;
            if node.forbidden.get(x) {
                self.arena.truncate(from as usize);
                return None;
            }
            inc += self.local.cost[x as usize];
            self.arena.push(x);
            for &p in self.local.plain.row(x as usize) {
                if !node.chosen.get(p) && self.stamp[p as usize] != e {
                    self.stamp[p as usize] = e;
                    self.queue.push(p);
                }
            }
        }
        Some(Cand {
            member: m,
            inc,
            from,
            to: self.arena.len() as u32,
        })
    }

    /// Adds the closure of `m` to the node; false if it needs a forbidden step.
    fn include(&mut self, node: &mut Node, m: u32) -> bool {
        if node.chosen.get(m) {
            return true;
        }
        let mark = self.arena.len();
        let Some(c) = self.inc(node, m) else {
            return false;
        };
        for k in c.from..c.to {
            let x = self.arena[k as usize];
            node.chosen.set(x);
            node.cost += self.local.cost[x as usize];
            node.active.extend(
                self.local.groups_of[x as usize]
                    .iter()
                    .map(|&g| self.canon[g as usize]),
            );
        }
        self.arena.truncate(mark);
        true
    }

    fn satisfied(&self, node: &Node, gid: u32) -> u32 {
        self.local.groups[gid as usize]
            .members
            .iter()
            .filter(|&&m| node.chosen.get(m))
            .count() as u32
    }

    /// Evaluates a node (forcing groups without choice first).
    pub(super) fn eval(&mut self, node: &mut Node) -> Eval {
        let l = self.local;
        'again: loop {
            self.arena.clear();
            let active = std::mem::take(&mut node.active);
            let mut still = Vec::with_capacity(active.len());
            for gid in active {
                if self.satisfied(node, gid) < l.groups[gid as usize].need {
                    still.push(gid);
                }
            }
            still.sort_unstable();
            still.dedup();
            node.active = still;
            let mut open: Vec<Open> = Vec::with_capacity(node.active.len());
            for gi in 0..node.active.len() {
                let gid = node.active[gi];
                let g = &l.groups[gid as usize];
                let r = g.need - self.satisfied(node, gid);
                let mut cands = Vec::with_capacity(g.members.len());
                for &m in &g.members {
                    if node.chosen.get(m) {
                        continue;
                    }
                    if let Some(c) = self.inc(node, m) {
                        cands.push(c);
                    }
                }
                if (cands.len() as u32) < r {
                    return Eval::Infeasible;
                }
                if cands.len() as u32 == r {
                    for c in &cands {
                        if !self.include(node, c.member) {
                            return Eval::Infeasible;
                        }
                    }
                    continue 'again;
                }
                // Stable: among equally cheap members the one declared first
                // comes first, so ties between optima go to the alternative the
                // catalog lists first (PyTorch before JAX).
                cands.sort_by(|a, b| a.inc.total_cmp(&b.inc));
                open.push(Open {
                    need: r,
                    cands,
                    bound: 0.0,
                });
            }
            if open.is_empty() {
                return Eval::Leaf;
            }
            let mut lb = node.cost + self.bound(&mut open);
            if let Some(lag) = &self.lag {
                lb = lb.max(lag.bound(node));
            }
            let lb = if self.weak_bound { node.cost } else { lb };
            let mut best = 0;
            for (i, o) in open.iter().enumerate() {
                if o.bound > open[best].bound {
                    best = i;
                }
            }
            let o = &open[best];
            return Eval::Branch {
                lb,
                need: o.need,
                cands: o.cands.iter().map(|c| c.member).collect(),
            };
        }
    }

    /// The next node of the depth-first search. A branched node's children
    /// are made one at a time from a `Kids` entry (child i takes candidate i
    /// and forbids candidates 0..i, which the entry's base node already
    /// forbids), so a group with 100,000 candidates never holds 100,000
    /// nodes; `keep(lb)` says whether nodes under that bound are still worth
    /// making.
    pub(super) fn next_node(
        &mut self,
        stack: &mut Vec<Work>,
        keep: impl Fn(f64) -> bool,
    ) -> Option<(Node, f64)> {
        loop {
            match stack.pop()? {
                Work::Node(node, lb) => return Some((node, lb)),
                Work::Kids {
                    mut base,
                    lb,
                    cands,
                    next,
                    last,
                } => {
                    if next > last || !keep(lb) {
                        continue;
                    }
                    let m = cands[next];
                    let mut child = base.clone();
                    let ok = self.include(&mut child, m);
                    if next < last {
                        base.forbidden.set(m);
                        stack.push(Work::Kids {
                            base,
                            lb,
                            cands,
                            next: next + 1,
                            last,
                        });
                    }
                    if ok {
                        return Some((child, lb));
                    }
                }
            }
        }
    }
}

/// A pending piece of the depth-first search.
pub(super) enum Work {
    /// A node to evaluate, with its parent's lower bound.
    Node(Node, f64),
    /// Children `next..=last` of a branched node still to be made; `base` is
    /// the node with candidates `0..next` forbidden.
    Kids {
        base: Node,
        lb: f64,
        cands: Vec<u32>,
        next: usize,
        last: usize,
    },
}

impl Work {
    /// The children of a branched node (need `need` more of `cands`).
    pub(super) fn kids(node: Node, lb: f64, need: u32, cands: Vec<u32>) -> Self {
        let last = cands
            .len()
            .saturating_sub(need as usize)
            .min(cands.len().saturating_sub(1));
        Work::Kids {
            base: node,
            lb,
            cands,
            next: 0,
            last,
        }
    }

    /// The lower bound that nodes of this work inherit.
    fn lb(&self) -> f64 {
        match self {
            Work::Node(_, lb) | Work::Kids { lb, .. } => *lb,
        }
    }
}

/// The representative of each group of `local`: the first of the groups
/// with the same owner, members and need.
fn canonical_groups(local: &Local) -> Vec<u32> {
    let mut first: std::collections::HashMap<(Option<u32>, u32, &[u32]), u32> =
        std::collections::HashMap::new();
    (0..local.groups.len() as u32)
        .map(|gid| {
            let g = &local.groups[gid as usize];
            *first
                .entry((g.owner, g.need, g.members.as_slice()))
                .or_insert(gid)
        })
        .collect()
}

impl Search<'_> {
    /// The representative groups, ascending.
    fn rep_groups(&self) -> Vec<u32> {
        (0..self.canon.len() as u32)
            .filter(|&g| self.canon[g as usize] == g)
            .collect()
    }
}

pub(super) fn list(node: &Node, n: usize) -> Vec<u32> {
    (0..n as u32).filter(|&i| node.chosen.get(i)).collect()
}

/// Greedy completion: repeatedly include the cheapest candidates the
/// branching group still needs (all of them at once, so a group needing
/// 100,000 members costs one evaluation, not 100,000).
pub(super) fn greedy(s: &mut Search<'_>, mut node: Node) -> Option<Node> {
    loop {
        match s.eval(&mut node) {
            Eval::Infeasible => return None,
            Eval::Leaf => return Some(node),
            Eval::Branch { cands, need, .. } => {
                for &m in cands.iter().take(need.max(1) as usize) {
                    if !node.chosen.get(m) && !s.include(&mut node, m) {
                        return None;
                    }
                }
            }
        }
    }
}

/// The cheapest solution of a feasible local problem, proven optimal within
/// the nodes the meter has left. Returns an empty infeasible outcome (cost
/// infinite) only if the problem has no solution.
pub(crate) fn optimize(local: &Local, meter: &mut Meter<'_>) -> Result<Outcome> {
    optimize_forced(local, meter, &[])
}

/// As [`optimize`], among the solutions that contain the `forced` steps.
pub(crate) fn optimize_forced(
    local: &Local,
    meter: &mut Meter<'_>,
    forced: &[u32],
) -> Result<Outcome> {
    search(local, meter, forced, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;
    use crate::model::Requirement;
    use crate::solve::definitely_less;
    use crate::solve::{Ctx, Entry};

    /// On synthetic catalogs with many groups, the bounded search finds the
    /// same optimum as a search bounded by the cost so far only (whose
    /// pruning is trivially admissible): the lower bounds never cut off the
    /// optimum. Instances far beyond the brute-force oracle's reach.
    #[test]
    fn bounds_never_cut_the_optimum() {
        let mut compared = 0;
        for seed in 0..6 {
            let Ok(cat) = crate::synthetic::synthetic(90, 12, seed, 0.3) else {
                panic!("synthetic")
            };
            let start = vec![0u32; cat.skills().len()];
            for role in cat.roles() {
                let entries: Vec<Entry<'_>> = role
                    .requires
                    .iter()
                    .map(|req: &Requirement| Entry { target: 0, req })
                    .collect();
                let ids = [role.id.as_str()];
                let ctx = Ctx::new(&cat, &start, &ids);
                let local = Local::build(&ctx, &entries);
                let (l1, l3) = (
                    Limits::default().with_budget(1_000_000),
                    Limits::default().with_budget(3_000_000),
                );
                let Ok(strong) = optimize(&local, &mut Meter::new(&l1)) else {
                    panic!("no cancel check")
                };
                let Ok(weak) = search(&local, &mut Meter::new(&l3), &[], true) else {
                    panic!("no cancel check")
                };
                if !weak.optimal {
                    continue;
                }
                assert!(strong.optimal, "{}", role.id);
                assert!(
                    !definitely_less(strong.cost, weak.cost)
                        && !definitely_less(weak.cost, strong.cost),
                    "{}: {} vs {}",
                    role.id,
                    strong.cost,
                    weak.cost
                );
                compared += 1;
            }
        }
        assert!(compared >= 20, "only {compared} roles compared");
    }
}

#[cfg(test)]
mod oracle_tests;

#[cfg(test)]
mod lp_tests;

#[cfg(test)]
mod cancel_tests;
