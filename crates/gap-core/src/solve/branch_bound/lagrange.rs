//! A Lagrangian lower bound from the LP relaxation of a local problem, for
//! the nodes where the cheap bounds of [`super::bound`] leave a gap.
//!
//! The relaxation: a variable `x_i` in `[0, 1]` per local step, minimise
//! `sum cost_i x_i` subject to
//! - `x_p >= x_i` for every plain prerequisite `p` of a step `i`;
//! - `sum_{m in g} x_m >= need_g * x_owner` for every group `g` of a step
//!   (`>= need_g` for a group of a target entry);
//! - chosen steps fixed to 1, forbidden (and impossible) steps to 0.
//!
//! Every solution's indicator vector satisfies it. Every constraint is
//! moved into the objective with a multiplier `>= 0`: for *any*
//! multipliers, the minimum of the resulting function over the box is a
//! lower bound on every solution of a node, and it is computed exactly from
//! the steps' reduced costs (`constant + sum_i min(rc_i * lo_i, rc_i * hi_i)`),
//! so the bound's validity never depends on how good the multipliers are.
//! They are found once per search by subgradient ascent (Polyak steps
//! towards the incumbent's cost), deterministic; the reduced costs are then
//! reused at every node in O(steps). The ascent counts each iteration on
//! the query's meter ([`Meter::tick`]), which polls the cancellation check.

use super::Node;
use crate::error::Result;
use crate::solve::closure::Local;
use crate::solve::meter::Meter;

/// Subgradient iterations at most.
const ITERATIONS: usize = 600;

/// Relative safety margin taken off every bound (float summation error is
/// far below it; it keeps the bound admissible under rounding).
const MARGIN: f64 = 1e-11;

/// Reduced costs under the best multipliers found.
#[derive(Debug, Clone)]
pub(super) struct Lagrange {
    /// Reduced cost of each local step.
    rc: Vec<f64>,
    /// The multipliers' constant term (target groups' `need * u`).
    constant: f64,
    /// The multipliers: per representative group, per plain edge.
    pub(super) u: Vec<f64>,
    pub(super) w: Vec<f64>,
    /// The relaxation's steps averaged over the ascent (a fractional
    /// solution estimate, for branching).
    pub(super) xavg: Vec<f64>,
}

/// The dualized constraints of a local problem, flattened.
struct Model<'a> {
    local: &'a Local,
    /// The representative groups (duplicates dropped).
    groups: &'a [u32],
}

impl Model<'_> {
    /// Reduced costs and the constant term for multipliers `u` (per
    /// representative group) and `w` (per plain edge, in row order).
    fn reduced(&self, u: &[f64], w: &[f64], rc: &mut [f64]) -> f64 {
        let l = self.local;
        rc.copy_from_slice(&l.cost);
        let mut k = 0;
        for i in 0..l.len() {
            for &p in l.plain.row(i) {
                rc[i] += w[k];
                rc[p as usize] -= w[k];
                k += 1;
            }
        }
        let mut constant = 0.0;
        for (gi, &gid) in self.groups.iter().enumerate() {
            let g = &l.groups[gid as usize];
            let ug = u[gi];
            if ug == 0.0 {
                continue;
            }
            for &m in &g.members {
                rc[m as usize] -= ug;
            }
            match g.owner {
                Some(o) => rc[o as usize] += f64::from(g.need) * ug,
                None => constant += f64::from(g.need) * ug,
            }
        }
        constant
    }
}

/// The box minimum for reduced costs `rc`, with `lo`/`hi` from the node:
/// `x = 1` when chosen, `0` when forbidden, else by the sign of `rc`.
fn box_min(constant: f64, rc: &[f64], node: &Node, x: Option<&mut Vec<f64>>) -> f64 {
    let mut sum = constant;
    let mut mag = constant.abs();
    let mut xs = x;
    for (i, &r) in rc.iter().enumerate() {
        let v = if node.chosen.get(i as u32) {
            1.0
        } else if node.forbidden.get(i as u32) || r >= 0.0 {
            0.0
        } else {
            1.0
        };
        if v == 1.0 {
            sum += r;
            mag += r.abs();
        }
        if let Some(x) = xs.as_deref_mut() {
            x[i] = v;
        }
    }
    sum - MARGIN * mag
}

impl Lagrange {
    /// Multipliers for the problem at `root` by subgradient ascent towards
    /// `target` (the incumbent's cost); `groups` are the representative
    /// groups. Returns the multipliers' reduced costs and the root bound;
    /// [`Error::Cancelled`](crate::Error::Cancelled) when `meter`'s check
    /// says stop.
    pub(super) fn fit(
        local: &Local,
        groups: Vec<u32>,
        root: &Node,
        target: f64,
        meter: &mut Meter<'_>,
    ) -> Result<(Self, f64)> {
        Self::ascend(local, &groups, root, target, None, ITERATIONS, 1.0, meter)
    }

    /// Multipliers for `node`, warm-started from `from` (a parent's) with at
    /// most `iterations` steps.
    pub(super) fn refit(
        local: &Local,
        groups: &[u32],
        node: &Node,
        target: f64,
        from: &Lagrange,
        iterations: usize,
        meter: &mut Meter<'_>,
    ) -> Result<(Self, f64)> {
        Self::ascend(
            local,
            groups,
            node,
            target,
            Some(from),
            iterations,
            0.5,
            meter,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn ascend(
        local: &Local,
        groups: &[u32],
        root: &Node,
        target: f64,
        from: Option<&Lagrange>,
        iterations: usize,
        mut theta: f64,
        meter: &mut Meter<'_>,
    ) -> Result<(Self, f64)> {
        let model = Model { local, groups };
        let n = local.len();
        let edges: usize = (0..n).map(|i| local.plain.row(i).len()).sum();
        let (mut u, mut w) = match from {
            Some(f) => (f.u.clone(), f.w.clone()),
            None => {
                // A start that already pays each group its cheapest member.
                let u = model
                    .groups
                    .iter()
                    .map(|&gid| {
                        let v = local.groups[gid as usize]
                            .members
                            .iter()
                            .filter(|&&m| !root.forbidden.get(m))
                            .map(|&m| local.cost[m as usize])
                            .fold(f64::INFINITY, f64::min);
                        if v.is_finite() { v } else { 0.0 }
                    })
                    .collect();
                (u, vec![0.0; edges])
            }
        };
        let mut rc = vec![0.0; n];
        let mut x = vec![0.0; n];
        let mut xsum = vec![0.0; n];
        let mut rounds = 0.0;
        let mut best_u = u.clone();
        let mut best_w = w.clone();
        let mut best = f64::NEG_INFINITY;
        let mut stall = 0;
        let mut su = vec![0.0; u.len()];
        let mut sw = vec![0.0; w.len()];
        for _ in 0..iterations.max(1) {
            meter.tick()?;
            let constant = model.reduced(&u, &w, &mut rc);
            let val = box_min(constant, &rc, root, Some(&mut x));
            for (a, &v) in xsum.iter_mut().zip(&x) {
                *a += v;
            }
            rounds += 1.0;
            if val > best {
                best = val;
                best_u.copy_from_slice(&u);
                best_w.copy_from_slice(&w);
                stall = 0;
            } else {
                stall += 1;
                if stall >= 20 {
                    theta /= 2.0;
                    stall = 0;
                }
            }
            if !crate::solve::definitely_less(best, target) || theta < 1e-4 {
                break;
            }
            // Subgradient of the dualized constraints `A x >= b`: b - A x.
            let mut norm = 0.0;
            let mut k = 0;
            for i in 0..n {
                for &p in local.plain.row(i) {
                    let s = x[i] - x[p as usize];
                    // A multiplier at 0 with a negative slope stays at 0.
                    sw[k] = if w[k] <= 0.0 && s < 0.0 { 0.0 } else { s };
                    norm += sw[k] * sw[k];
                    k += 1;
                }
            }
            for (gi, &gid) in model.groups.iter().enumerate() {
                let g = &local.groups[gid as usize];
                let owner = g.owner.map_or(1.0, |o| x[o as usize]);
                let have: f64 = g.members.iter().map(|&m| x[m as usize]).sum();
                let s = f64::from(g.need) * owner - have;
                su[gi] = if u[gi] <= 0.0 && s < 0.0 { 0.0 } else { s };
                norm += su[gi] * su[gi];
            }
            if norm == 0.0 {
                // x is feasible for the relaxation: the bound is its value.
                break;
            }
            let step = theta * (target - val).max(0.0) / norm;
            for (v, s) in u.iter_mut().zip(&su) {
                *v = (*v + step * s).max(0.0);
            }
            for (v, s) in w.iter_mut().zip(&sw) {
                *v = (*v + step * s).max(0.0);
            }
        }
        let constant = model.reduced(&best_u, &best_w, &mut rc);
        let xavg = xsum.iter().map(|&a| a / rounds).collect();
        let lag = Lagrange {
            rc,
            constant,
            u: best_u,
            w: best_w,
            xavg,
        };
        let bound = lag.bound(root);
        Ok((lag, bound))
    }

    /// The reduced cost of each local step.
    pub(super) fn reduced_costs(&self) -> &[f64] {
        &self.rc
    }

    /// The bound at a node: the box minimum under the fitted multipliers
    /// (admissible for every solution containing the node's chosen steps and
    /// none of its forbidden ones).
    pub(super) fn bound(&self, node: &Node) -> f64 {
        box_min(self.constant, &self.rc, node, None)
    }

    /// Steps that no solution cheaper than `ub` can contain (reduced-cost
    /// fixing): free steps whose inclusion lifts the bound at `node` to `ub`
    /// (with `ties`: above `ub`, so solutions as cheap as `ub` keep them).
    pub(super) fn excluded(&self, node: &Node, ub: f64, ties: bool) -> Vec<u32> {
        let lb = self.bound(node);
        (0..self.rc.len() as u32)
            .filter(|&i| {
                let r = self.rc[i as usize];
                let with = lb + r * (1.0 - MARGIN);
                !node.chosen.get(i)
                    && !node.forbidden.get(i)
                    && r > 0.0
                    && if ties {
                        crate::solve::definitely_less(ub, with)
                    } else {
                        !crate::solve::definitely_less(with, ub)
                    }
            })
            .collect()
    }
}
