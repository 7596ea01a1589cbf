//! The search over shared steps, for hard problems (see [`super::improve`]
//! for what a shared step is): where groups compete for costly common
//! prerequisites, deciding those prerequisites first splits the problem
//! into nearly independent groups, and the LP relaxation, re-fitted at each
//! node from its parent's multipliers, bounds it tightly.
//!
//! A node includes or forbids shared steps; its bound is the Lagrangian
//! bound of [`super::lagrange`] for its fixings (never above its cheapest
//! solution). It branches on the undecided shared step whose averaged
//! relaxation value is the most fractional, the likelier side first; once
//! every shared step is decided, the member search of
//! [`super::run::sub_search`] finishes the node exactly. Depth-first, each
//! node takes [`NODE_COST`] nodes of the meter; when the meter is spent, the
//! smallest bound of the open nodes is the search's lower bound.

use std::rc::Rc;

use super::lagrange::Lagrange;
use super::run::{Run, sub_search};
use super::{Node, Search};
use crate::error::Result;
use crate::solve::definitely_less;
use crate::solve::meter::Meter;

/// Subgradient steps per node (warm-started from the parent's multipliers).
const NODE_ITERATIONS: usize = 120;

/// Meter nodes a node of this search takes: its re-fit costs about as much
/// as that many evaluations of the member search, so that a budget buys
/// about the same time in both.
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
        let mut stack: Vec<(Node, Rc<Lagrange>, f64)> =
            vec![(first, Rc::new(root_lag), run.hard.global_lb)];
        let mut open = f64::INFINITY;
        let mut taken = 0;
        while let Some((mut node, parent, plb)) = stack.pop() {
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
                stack.push((node, parent, plb));
                break;
            }
            let (lag, lb) = Lagrange::refit(
                self.local,
                &groups,
                &node,
                run.ub(),
                &parent,
                NODE_ITERATIONS,
            );
            let lb = lb.max(plb);
            if !definitely_less(lb, run.ub()) {
                continue;
            }
            let pick = shared
                .iter()
                .copied()
                .filter(|&x| !node.chosen.get(x) && !node.forbidden.get(x))
                .min_by(|&a, &b| {
                    let fa = (lag.xavg[a as usize] - 0.5).abs();
                    let fb = (lag.xavg[b as usize] - 0.5).abs();
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
            let include_first = lag.xavg[h as usize] >= 0.5;
            let lag = Rc::new(lag);
            let mut without = node.clone();
            without.forbidden.set(h);
            let mut with = node;
            let with_ok = self.include(&mut with, h);
            let mut kids = Vec::with_capacity(2);
            kids.push((without, Rc::clone(&lag), lb));
            if with_ok {
                kids.push((with, Rc::clone(&lag), lb));
            }
            if !include_first {
                kids.reverse();
            }
            // The last pushed is explored first.
            stack.extend(kids);
        }
        let ub = run.ub();
        for (_, _, plb) in &stack {
            if definitely_less(*plb, ub) {
                open = open.min(*plb);
            }
        }
        Ok(Some(open))
    }
}
