//! The search over shared steps, for hard problems (see [`super::improve`]
//! for what a shared step is): where groups compete for costly common
//! prerequisites, deciding those prerequisites first splits the problem
//! into nearly independent groups, and the LP relaxation bounds it tightly.
//!
//! A node includes or forbids shared steps. Its bound is the exact LP
//! relaxation of [`super::lp`], re-solved from its parent's optimal basis
//! with the branched step fixed (admissible, see there), and at least the
//! Lagrangian bound of the root multipliers; where the LP fails, the
//! Lagrangian bound of [`super::lagrange`] re-fitted from the parent's
//! multipliers stands in. At every LP node the LP point rounded at one half
//! and completed greedily is a candidate incumbent. The search branches on
//! the undecided shared step whose relaxation value is the most fractional,
//! the likelier side first; once every shared step is decided, the member
//! search of [`super::run::sub_search`] finishes the node exactly.
//! Depth-first, each node takes [`NODE_COST`] nodes of the meter; when the
//! meter is spent, the smallest bound of the open nodes is the search's
//! lower bound.

use std::rc::Rc;

use super::lagrange::Lagrange;
use super::lp::LpNode;
use super::run::{Run, sub_search};
use super::{Node, Search};
use crate::error::Result;
use crate::solve::definitely_less;
use crate::solve::meter::Meter;

/// Subgradient steps per node (warm-started from the parent's multipliers).
const NODE_ITERATIONS: usize = 120;

/// Meter nodes a node of this search takes: its LP re-solve (or re-fit)
/// costs about as much as that many evaluations of the member search, so
/// that a budget buys about the same time in both.
const NODE_COST: u32 = 32;

/// Nodes of this search at most; beyond them the member search goes on
/// (with the better incumbent and bounds), as it always would have.
const MAX_NODES: u32 = 2_000;

impl Search<'_> {
    /// Searches `top` by shared steps after [`harden`](Search::harden)
    /// (which fitted `self.lag`), improving `run.best`. Returns None when
    /// there is nothing to do here (no shared step, or no fitted bound) or
    /// it stopped after [`MAX_NODES`], else the smallest bound of the nodes
    /// left open when the meter ran out (infinite: `run.best` is optimal).
    pub(super) fn shared_search(
        &mut self,
        top: &Node,
        run: &mut Run,
        meter: &mut Meter<'_>,
    ) -> Result<Option<f64>> {
        let shared = self.shared_steps(top);
        let Some(root_lag) = self.lag.clone() else {
            return Ok(None);
        };
        if shared.is_empty() {
            return Ok(None);
        }
        let groups = self.rep_groups();
        let mut first = top.clone();
        if !run.hard.admit(&mut first) {
            return Ok(Some(f64::INFINITY));
        }
        let lp_root = self.lp.as_ref().map(|(_, root)| Rc::new(root.clone()));
        let mut stack: Vec<Pending> = vec![Pending {
            node: first,
            lag: Rc::new(root_lag),
            lp: lp_root.map(|r| (r, None)),
            lb: run.hard.global_lb,
        }];
        let mut open = f64::INFINITY;
        let mut taken = 0;
        while let Some(Pending {
            mut node,
            lag: parent,
            lp,
            lb: plb,
        }) = stack.pop()
        {
            if taken == MAX_NODES {
                return Ok(None);
            }
            taken += 1;
            if !definitely_less(plb, run.ub()) || !run.hard.admit(&mut node) {
                continue;
            }
            let mut paid = true;
            for _ in 0..NODE_COST {
                paid = paid && meter.node()?;
            }
            if !paid {
                stack.push(Pending {
                    node,
                    lag: parent,
                    lp,
                    lb: plb,
                });
                break;
            }
            // The exact LP from the parent's basis; the Lagrangian bound
            // re-fitted from the parent's multipliers where there is none.
            let node_lp = match (lp, &self.lp) {
                (Some((p, None)), _) => Some(p),
                (Some((p, Some((h, on)))), Some((model, _))) => {
                    model.child(&p, h, on, meter)?.map(Rc::new)
                }
                _ => None,
            };
            let (lag, mut lb) = match &node_lp {
                Some(l) => {
                    let lb = l.bound.max(parent.bound(&node));
                    (parent, lb)
                }
                None => {
                    let (lag, lb) = Lagrange::refit(
                        self.local,
                        &groups,
                        &node,
                        run.ub(),
                        &parent,
                        NODE_ITERATIONS,
                        meter,
                    )?;
                    (Rc::new(lag), lb)
                }
            };
            lb = lb.max(plb);
            if !definitely_less(lb, run.ub()) {
                continue;
            }
            let frac = |x: u32| match &node_lp {
                Some(l) => l.x[x as usize],
                None => lag.xavg[x as usize],
            };
            if node_lp.is_some() {
                // The LP point rounded and completed: an incumbent.
                let on: Vec<bool> = shared
                    .iter()
                    .map(|&x| node.chosen.get(x) || (!node.forbidden.get(x) && frac(x) >= 0.5))
                    .collect();
                if let Some(sol) = self.complete(&node, &shared, &on) {
                    if definitely_less(sol.cost, run.ub()) {
                        run.best = sol;
                        self.refix(top, run.ub(), false, &mut run.hard);
                        if !definitely_less(lb, run.ub()) {
                            continue;
                        }
                    }
                }
            }
            let pick = shared
                .iter()
                .copied()
                .filter(|&x| !node.chosen.get(x) && !node.forbidden.get(x))
                .min_by(|&a, &b| {
                    let fa = (frac(a) - 0.5).abs();
                    let fb = (frac(b) - 0.5).abs();
                    fa.total_cmp(&fb).then(a.cmp(&b))
                });
            let Some(h) = pick else {
                // Every shared step decided: finish the node exactly.
                let left = sub_search(self, top, node, lb, run, meter)?;
                open = open.min(left);
                if meter.spent_out() {
                    break;
                }
                continue;
            };
            let include_first = frac(h) >= 0.5;
            let mut without = node.clone();
            without.forbidden.set(h);
            let mut with = node;
            let with_ok = self.include(&mut with, h);
            let mut kids = Vec::with_capacity(2);
            kids.push(Pending {
                node: without,
                lag: Rc::clone(&lag),
                lp: node_lp.as_ref().map(|l| (Rc::clone(l), Some((h, false)))),
                lb,
            });
            if with_ok {
                kids.push(Pending {
                    node: with,
                    lag: Rc::clone(&lag),
                    lp: node_lp.as_ref().map(|l| (Rc::clone(l), Some((h, true)))),
                    lb,
                });
            }
            if !include_first {
                kids.reverse();
            }
            // The last pushed is explored first.
            stack.extend(kids);
        }
        let ub = run.ub();
        for p in &stack {
            if definitely_less(p.lb, ub) {
                open = open.min(p.lb);
            }
        }
        Ok(Some(open))
    }
}

/// A parent's LP and the step to fix in it (None: the LP of the node itself).
type LpFrom = (Rc<LpNode>, Option<(u32, bool)>);

/// A node of the shared-step search waiting on the stack.
struct Pending {
    node: Node,
    /// The parent's Lagrangian multipliers.
    lag: Rc<Lagrange>,
    /// The parent's LP and the step to fix in it (None: the LP of the node
    /// itself); None when there is no LP.
    lp: Option<LpFrom>,
    /// The parent's bound.
    lb: f64,
}
