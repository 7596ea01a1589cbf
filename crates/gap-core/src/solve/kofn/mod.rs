//! k of n targets (SPEC 4): the cheapest set of steps after which a profile
//! is job-ready for at least k of n target roles.
//!
//! The cost of making a *set* S of targets ready, c(S), is what the one
//! solver ([`solve`]) gives for their entries together; it grows with S (a
//! plan for S is a plan for every subset), so the optimum for k is the
//! cheapest c(S) over sets of exactly k targets. [`KOfN`] searches those
//! sets exactly by branch-and-bound:
//!
//! - sets are enumerated once each, as increasing sequences over the
//!   targets sorted by their own hours (cheapest first), depth first, the
//!   cheapest child first, iteratively (an explicit stack);
//! - the incumbent comes from a greedy chain (repeatedly add the target of
//!   least joint cost) that gives a plan for every k at once, and from every
//!   set evaluated on the way (a set whose plan happens to make more targets
//!   ready is a plan for those counts too);
//! - a node I (r targets still to add, from the candidates U after its last
//!   one) is cut when an admissible bound reaches the incumbent. The bounds
//!   over the *must* steps of each target (its plain closure, in every
//!   solution) come first, as they need no solver call: the *shared-cost*
//!   bound ([`bound`]: a step that d of the candidates need is paid once by
//!   at most min(d, r) of the chosen ones) and the *Lagrangian* bound
//!   ([`lagrange`]: the lower convex hull, at r, of the cheapest must
//!   steps of I plus r candidates, by a few minimum cuts, warm-started from
//!   the parent's multiplier). Only a node that survives them is evaluated
//!   (one solver call for c(I), [`eval`]) and cut on c(I)'s lower bound;
//!   its children are pushed unevaluated, with its bound.
//!
//! Every expansion of a node and every evaluation of a new set draws one node
//! from the query's [`Meter`] (its inner solves draw their own); once the
//! budget is spent the best plan found is returned with `optimal = false` and
//! a lower bound taken over the unexplored nodes. Sets are cached, so the
//! readiness curve reuses the work of smaller k.

mod bound;
mod cut;
mod eval;
mod lagrange;

use std::collections::HashMap;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::model::Role;

use super::{Ctx, Entry, Meter, Solved, definitely_less, entries_of, solve};

/// What the solver gave for one set of targets.
#[derive(Debug, Clone, Copy)]
struct Eval {
    /// Hours of the plan found.
    cost: f64,
    /// A proven lower bound on c(set).
    lb: f64,
    /// How many of all the targets are job-ready after that plan.
    ready: usize,
}

/// A plan: a set of targets (ascending indices), its hours and, when the
/// solver ran for it, its solved steps (sets without groups in play are
/// evaluated as unions of closures and solved once chosen).
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    /// The targets whose entries were solved together, ascending.
    pub set: Vec<u32>,
    /// Its hours.
    pub cost: f64,
    /// The solved steps, when known.
    solved: Option<Rc<Solved>>,
}

/// The answer for one k.
#[derive(Debug, Clone)]
pub(crate) struct Best {
    /// The cheapest plan found.
    pub plan: Plan,
    /// Its solved steps.
    pub solved: Rc<Solved>,
    /// Whether its cost is proven minimal.
    pub optimal: bool,
    /// A proven lower bound on the minimum (<= the plan's cost).
    pub lower_bound: f64,
}

/// A node of the search: a set given as positions into the candidates.
struct Node {
    set: Vec<u32>,
    /// A lower bound on every completion of the set to k targets.
    lb: f64,
    /// The multiplier of the parent's Lagrangian bound (0: none).
    lambda: f64,
}

/// The k-of-n search over one query's targets (see the module docs).
pub(crate) struct KOfN<'q> {
    ctx: &'q Ctx<'q>,
    roles: &'q [&'q Role],
    /// Sets evaluated so far (ascending target indices); None: infeasible.
    cache: HashMap<Vec<u32>, Option<Eval>>,
    /// `plans[c]`: the cheapest evaluated plan ready for at least c targets.
    plans: Vec<Option<Plan>>,
    /// Feasible targets, cheapest alone first (ties: order given).
    cand: Vec<u32>,
    /// The first error of an infeasible target (reported when fewer than
    /// k targets are feasible).
    first_err: Option<Error>,
    /// Per target: the steps every solution contains, as ids into `weight`.
    must: Vec<Vec<u32>>,
    /// Hours of each such step.
    weight: Vec<f64>,
    /// The global step of each such step.
    step_of: Vec<crate::model::StepIx>,
    /// Per target: no any_of group in play, so that its closure is its only
    /// solution and a set of such targets costs the union of closures.
    flat: Vec<bool>,
    /// Scratch marks over `weight` (a generation per use).
    mark: Vec<u32>,
    generation: u32,
    /// Scratch levels (the start, restored after each use).
    levels: Vec<u32>,
    greedy_len: usize,
}

impl<'q> KOfN<'q> {
    /// Solves every target alone (cached) and orders the candidates.
    /// Errors: [`Error::Cancelled`]; other solver errors make a target
    /// infeasible.
    pub fn new(ctx: &'q Ctx<'q>, roles: &'q [&'q Role], meter: &mut Meter<'_>) -> Result<Self> {
        let n = roles.len();
        let mut me = KOfN {
            ctx,
            roles,
            cache: HashMap::new(),
            plans: vec![None; n + 1],
            cand: Vec::new(),
            first_err: None,
            must: vec![Vec::new(); n],
            weight: Vec::new(),
            step_of: Vec::new(),
            flat: vec![false; n],
            mark: Vec::new(),
            generation: 0,
            levels: ctx.start.to_vec(),
            greedy_len: 0,
        };
        let mut ids: HashMap<u32, u32> = HashMap::new();
        let mut singles: Vec<(f64, u32)> = Vec::new();
        for t in 0..n as u32 {
            match me.solve_set(&[t], meter) {
                Ok(Some((e, solved))) => {
                    let local = &solved.local;
                    me.must[t as usize] = local
                        .base
                        .iter()
                        .map(|&x| {
                            let next = ids.len() as u32;
                            let id = *ids.entry(local.steps[x as usize].0).or_insert(next);
                            if id == next {
                                me.weight.push(local.cost[x as usize]);
                                me.step_of.push(local.steps[x as usize]);
                            }
                            id
                        })
                        .collect();
                    me.flat[t as usize] = local.groups.is_empty();
                    me.record(&[t], e, Some(solved));
                    singles.push((e.cost, t));
                }
                Ok(None) => {}
                Err(e) => return Err(e),
            }
        }
        me.mark = vec![0; me.weight.len()];
        me.eval(&[], meter)?;
        singles.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        me.cand = singles.into_iter().map(|(_, t)| t).collect();
        Ok(me)
    }

    /// Number of targets that can be made ready at all.
    pub fn feasible(&self) -> usize {
        self.cand.len()
    }

    /// The error to report when fewer than k targets are feasible.
    pub fn infeasible_error(&mut self) -> Error {
        self.first_err.take().unwrap_or_else(super::no_targets)
    }

    /// Extends the greedy chain until it is ready for `k` targets (or every
    /// candidate is in it): each time the candidate of least joint cost
    /// joins (ties: the cheaper alone). Draws no nodes (bounded: at most
    /// n² evaluations); polls cancellation.
    fn greedy(&mut self, k: usize, meter: &mut Meter<'_>) -> Result<()> {
        let mut chain: Vec<u32> = self.cand[..self.greedy_len].to_vec();
        chain.sort_unstable();
        let mut ready = self
            .cache
            .get(&chain)
            .copied()
            .flatten()
            .map_or(0, |e| e.ready);
        while ready < k && self.greedy_len < self.cand.len() {
            let mut pick: Option<(f64, usize, usize)> = None;
            for p in self.greedy_len..self.cand.len() {
                let mut set = chain.clone();
                set.push(self.cand[p]);
                set.sort_unstable();
                if let Some(e) = self.eval(&set, meter)? {
                    if pick.is_none_or(|(c, _, _)| definitely_less(e.cost, c)) {
                        pick = Some((e.cost, p, e.ready));
                    }
                }
            }
            let Some((_, p, r)) = pick else { break };
            self.cand[self.greedy_len..=p].rotate_right(1);
            chain.push(self.cand[self.greedy_len]);
            chain.sort_unstable();
            self.greedy_len += 1;
            ready = r;
        }
        // The rotation kept the rest sorted by their own hours; the first
        // `greedy_len` candidates are the chain in the order it grew.
        Ok(())
    }

    /// The exact answer for `k` (1 <= k <= feasible), within the meter.
    pub fn best(&mut self, k: usize, meter: &mut Meter<'_>) -> Result<Best> {
        self.greedy(k, meter)?;
        let order: Vec<u32> = {
            // Search over the candidates by their own hours.
            let mut c = self.cand.clone();
            let cost = |t: &u32| {
                self.cache
                    .get(std::slice::from_ref(t))
                    .copied()
                    .flatten()
                    .map(|e| e.cost)
            };
            c.sort_by(|a, b| {
                cost(a)
                    .unwrap_or(f64::INFINITY)
                    .total_cmp(&cost(b).unwrap_or(f64::INFINITY))
                    .then(a.cmp(b))
            });
            c
        };
        let mut floor = f64::INFINITY;
        let mut stack = vec![Node {
            set: Vec::new(),
            lb: 0.0,
            lambda: 0.0,
        }];
        while let Some(node) = stack.pop() {
            if !definitely_less(node.lb, self.incumbent(k)) {
                continue;
            }
            let m = node.set.len();
            let from = node.set.last().map_or(0, |&p| p as usize + 1);
            let r = k - m.min(k);
            if order.len() - from < r {
                continue;
            }
            // The bounds over must steps first: they need no solver call.
            let mut lb = node.lb.max(self.shared_bound(&order, &node.set, from, r));
            let mut lambda = node.lambda;
            if r > 0 && definitely_less(lb, self.incumbent(k)) {
                let stop = self.incumbent(k);
                let (l, at) = self.lagrange_bound(&order, &node.set, from, r, stop, lambda);
                lb = lb.max(l);
                lambda = at;
            }
            if !definitely_less(lb, self.incumbent(k)) {
                continue;
            }
            let targets = sorted_targets(&order, &node.set);
            // A new set and an expansion each take a node of the budget.
            let spent = (!self.cache.contains_key(&targets) && !meter.node()?)
                || (r > 0 && !meter.node()?);
            if spent {
                floor = floor.min(lb);
                for n in &stack {
                    floor = floor.min(n.lb);
                }
                break;
            }
            let Some(e) = self.eval(&targets, meter)? else {
                continue;
            };
            if e.ready >= k {
                // A plan for k already (recorded); supersets cost no less.
                if definitely_less(e.lb, self.incumbent(k)) {
                    floor = floor.min(e.lb);
                }
                continue;
            }
            let lb = lb.max(e.lb);
            if r == 0 || !definitely_less(lb, self.incumbent(k)) {
                continue;
            }
            // Children: one more candidate after the last, leaving room
            // for the r - 1 others; each is evaluated when popped, the
            // cheapest alone (first in `order`) first. A child already
            // evaluated carries its bound.
            for p in (from..=order.len() - r).rev() {
                let mut set = targets.clone();
                set.push(order[p]);
                set.sort_unstable();
                let klb = match self.cache.get(&set) {
                    Some(None) => continue,
                    Some(Some(c)) => lb.max(c.lb),
                    None => lb,
                };
                let mut set = node.set.clone();
                set.push(p as u32);
                stack.push(Node {
                    set,
                    lb: klb,
                    lambda,
                });
            }
        }
        let Some(plan) = self.plans[k].clone() else {
            return Err(self.infeasible_error());
        };
        let solved = match &plan.solved {
            Some(s) => s.clone(),
            None => {
                let entries: Vec<Entry<'q>> = plan
                    .set
                    .iter()
                    .flat_map(|&t| entries_of(t as usize, self.roles[t as usize]))
                    .collect();
                Rc::new(solve(self.ctx, &entries, meter)?)
            }
        };
        let cost = plan.cost;
        let lower_bound = floor.min(cost);
        Ok(Best {
            plan,
            solved,
            optimal: !definitely_less(lower_bound, cost),
            lower_bound,
        })
    }

    /// Hours of the best plan known for k (infinite when none).
    fn incumbent(&self, k: usize) -> f64 {
        self.plans[k].as_ref().map_or(f64::INFINITY, |p| p.cost)
    }
}

/// The targets (indices into `roles`) job-ready after the solved steps.
pub(crate) fn ready_targets(ctx: &Ctx<'_>, roles: &[&Role], solved: &Solved) -> Vec<usize> {
    let g = ctx.cat.step_graph();
    let mut levels = ctx.start.to_vec();
    for &x in &solved.chosen {
        let (s, l) = g.skill_level(solved.local.steps[x as usize]);
        levels[s.ix()] = levels[s.ix()].max(l);
    }
    (0..roles.len())
        .filter(|&i| roles[i].requires.iter().all(|q| q.satisfied_by(&levels)))
        .collect()
}

/// The error for a k outside 1..=n.
pub(crate) fn check_k(k: usize, n: usize) -> Result<()> {
    if k == 0 || k > n {
        return Err(Error::InvalidArgument(format!(
            "k must be from 1 to {n} (the number of distinct targets), got {k}"
        )));
    }
    Ok(())
}

/// The target indices of a node's positions, ascending.
fn sorted_targets(order: &[u32], positions: &[u32]) -> Vec<u32> {
    let mut t: Vec<u32> = positions.iter().map(|&p| order[p as usize]).collect();
    t.sort_unstable();
    t
}
