//! The exact LP relaxation of a local problem, solved by the pure-Rust
//! simplex of `microlp`, for the nodes of hard searches (those the cheap
//! bounds of [`super::bound`] and the Lagrangian bound of [`super::lagrange`]
//! leave open).
//!
//! The model (the same relaxation as [`super::lagrange`]'s): a variable
//! `x_i` in `[0, 1]` per local step, minimise `sum cost_i x_i` subject to
//! `x_p >= x_i` for every plain prerequisite `p` of `i`, and
//! `sum_{m in g} x_m >= need_g * x_owner` for every representative group `g`
//! of a step (`>= need_g` for a group of a target entry); a node's chosen
//! steps are fixed to 1 and its forbidden (and impossible) steps to 0. A
//! child re-solves from its parent's optimal basis after
//! `Solution::fix_var` (dual simplex: a few pivots).
//!
//! **Admissibility under floating point.** The simplex reports the value of a
//! point that meets every row within `1e-7` and whose reduced costs are
//! optimal within the solver's tolerance, so the reported value may exceed
//! the exact LP minimum by a tiny amount. The bound takes off a margin far
//! above that error ([`MARGIN`] times the sum of the step costs); when every
//! cost is an integer (checked exactly, so every solution's cost is an exact
//! integer in `f64`), the bound is rounded up to the next integer, which
//! makes it exact again. Where the solver errs, reports no solution,
//! panics (caught) or runs past [`TIME_GUARD`], the node simply gets no LP
//! bound (the caller keeps the Lagrangian one): a failure never produces a
//! bound, and an "infeasible" answer never prunes.
//!
//! **Cancellation.** Every solve runs in slices of [`SLICE`]: microlp stops
//! a call at its time limit with a resumable outcome, and between slices the
//! query's cancellation check is polled, so a Ctrl-C during a long solve
//! stops it within a slice ([`Error::Cancelled`](crate::Error::Cancelled),
//! never a bound). The check is also polled after every solve. A slice is
//! far longer than the solves of the hard family (milliseconds), so
//! resumptions happen only on very large or very slow runs (microlp resumes
//! from the basis it stopped at, restarting its phases, which reaches the
//! same optimal value).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use microlp::{ComparisonOp, OptimizationDirection, Problem, Solution, SolveOutcome, Variable};

use super::Node;
use crate::error::Result;
use crate::solve::closure::{Local, LocalEntry};
use crate::solve::meter::Meter;

/// Relative safety margin of the bound, per hour of the local problem's
/// total cost (several orders above the simplex's optimality error).
const MARGIN: f64 = 1e-7;

/// Local problems beyond this many steps get no LP (its solves would cost
/// more than the node evaluations they save).
pub(super) const MAX_STEPS: usize = 20_000;

/// A guard against a pathological solve (the LPs here take milliseconds): a
/// call still running after this gives no bound instead of a hang.
const TIME_GUARD: Duration = Duration::from_secs(5);

/// The longest a solve runs between two polls of the cancellation check.
const SLICE: Duration = Duration::from_millis(250);

/// The model of a local problem: its variables and how its values become
/// admissible bounds.
pub(super) struct LpModel {
    vars: Vec<Variable>,
    /// The absolute margin taken off every value.
    margin: f64,
    /// Every step cost is an exact integer (bounds are rounded up).
    integral: bool,
}

/// The relaxation solved at one node.
#[derive(Clone)]
pub(super) struct LpNode {
    sol: Solution,
    /// The value the solver reports (not admissible as it stands).
    pub(super) value: f64,
    /// The admissible lower bound on every solution of the node.
    pub(super) bound: f64,
    /// The relaxation's optimal point, per local step.
    pub(super) x: Vec<f64>,
}

/// Runs a microlp call (whose time limit is [`SLICE`]), resuming it while
/// it stops at its time limit, for at most [`TIME_GUARD`] in all, and polls
/// `meter`'s cancellation check after each slice. An error, a missing
/// solution, a panic or the guard's expiry gives `Ok(None)`; a raised check
/// gives [`Error::Cancelled`](crate::Error::Cancelled).
fn guarded(
    f: impl FnOnce() -> std::result::Result<SolveOutcome, microlp::Error>,
    meter: &Meter<'_>,
) -> Result<Option<Solution>> {
    let started = Instant::now();
    let mut outcome = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(outcome)) => outcome,
        _ => return meter.check().map(|()| None),
    };
    loop {
        meter.check()?;
        if outcome.is_optimal() {
            return Ok(outcome.into_solution().ok());
        }
        if !matches!(outcome, SolveOutcome::Interrupted(_)) || started.elapsed() >= TIME_GUARD {
            return Ok(None);
        }
        outcome = match catch_unwind(AssertUnwindSafe(move || outcome.resume())) {
            Ok(Ok(next)) => next,
            _ => return meter.check().map(|()| None),
        };
    }
}

impl LpModel {
    /// The relaxation of `local` at `node` (`groups`: the representative
    /// groups), or None when the problem is too large or the solver fails;
    /// [`Error::Cancelled`](crate::Error::Cancelled) when `meter`'s check
    /// says stop.
    pub(super) fn root(
        local: &Local,
        groups: &[u32],
        canon: &[u32],
        node: &Node,
        meter: &Meter<'_>,
    ) -> Result<Option<(LpModel, LpNode)>> {
        let n = local.len();
        if n == 0 || n > MAX_STEPS {
            return Ok(None);
        }
        let mut p = Problem::new(OptimizationDirection::Minimize);
        p.set_time_limit(SLICE);
        let vars: Vec<Variable> = (0..n)
            .map(|i| {
                let range = if node.chosen.get(i as u32) {
                    (1.0, 1.0)
                } else if node.forbidden.get(i as u32) {
                    (0.0, 0.0)
                } else {
                    (0.0, 1.0)
                };
                p.add_var(local.cost[i], range)
            })
            .collect();
        // Prerequisite rows; those of a group's private members are summed
        // per group and prerequisite (see `private_groups`).
        let private = private_groups(local, canon);
        let mut pooled: Vec<(u32, u32, u32)> = Vec::new();
        for i in 0..n {
            for &q in local.plain.row(i) {
                match private[i] {
                    Some(g) => pooled.push((g, q, i as u32)),
                    None => p.add_constraint(
                        [(vars[q as usize], 1.0), (vars[i], -1.0)],
                        ComparisonOp::Ge,
                        0.0,
                    ),
                }
            }
        }
        pooled.sort_unstable();
        for run in pooled.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            let mut row: Vec<(Variable, f64)> = Vec::with_capacity(run.len() + 1);
            row.push((vars[run[0].1 as usize], 1.0));
            row.extend(run.iter().map(|&(_, _, i)| (vars[i as usize], -1.0)));
            p.add_constraint(row.as_slice(), ComparisonOp::Ge, 0.0);
        }
        for &gid in groups {
            let g = &local.groups[gid as usize];
            let need = f64::from(g.need);
            // A member listed twice counts twice towards the group (as in
            // the search's count): one term with coefficient 2.
            let mut members = g.members.clone();
            members.sort_unstable();
            let mut row: Vec<(Variable, f64)> = Vec::with_capacity(members.len() + 1);
            for m in members {
                match row.last_mut() {
                    Some((v, c)) if v.idx() == m as usize => *c += 1.0,
                    _ => row.push((vars[m as usize], 1.0)),
                }
            }
            match g.owner {
                Some(o) => {
                    if row.iter().any(|(v, _)| v.idx() == o as usize) {
                        // Never in a valid catalog (a step is not its own
                        // alternative); leave the row out (a relaxation).
                        continue;
                    }
                    row.push((vars[o as usize], -need));
                    p.add_constraint(row.as_slice(), ComparisonOp::Ge, 0.0);
                }
                None => p.add_constraint(row.as_slice(), ComparisonOp::Ge, need),
            }
        }
        let total: f64 = local.cost.iter().map(|c| c.abs()).sum();
        let integral = local
            .cost
            .iter()
            .all(|&c| c.fract() == 0.0 && c.abs() < 2f64.powi(40))
            && total < 2f64.powi(50);
        let model = LpModel {
            vars,
            margin: MARGIN * (1.0 + total),
            integral,
        };
        let Some(sol) = guarded(|| p.solve(), meter)? else {
            return Ok(None);
        };
        let node = model.node(sol);
        Ok(Some((model, node)))
    }

    fn node(&self, sol: Solution) -> LpNode {
        let x = self.vars.iter().map(|&v| sol.var_value(v)).collect();
        let value = sol.objective();
        let low = value - self.margin;
        let bound = if self.integral { low.ceil() } else { low };
        LpNode {
            sol,
            value,
            bound,
            x,
        }
    }

    /// The relaxation of a child of `parent`: step `step` fixed to 1 (`on`)
    /// or 0, re-solved from the parent's basis; None when the solver fails,
    /// [`Error::Cancelled`](crate::Error::Cancelled) when `meter`'s check
    /// says stop.
    pub(super) fn child(
        &self,
        parent: &LpNode,
        step: u32,
        on: bool,
        meter: &Meter<'_>,
    ) -> Result<Option<LpNode>> {
        let Some(&var) = self.vars.get(step as usize) else {
            return Ok(None);
        };
        let sol = parent.sol.clone();
        let sol = guarded(move || sol.fix_var(var, if on { 1.0 } else { 0.0 }), meter)?;
        Ok(sol.map(|sol| self.node(sol)))
    }
}

/// The *private* members of groups: a step that is a member of one group
/// only (up to duplicate targets: `canon` maps each group to its
/// representative), listed once in it, of need 1, that no step requires
/// and no target names. A solution with two private members of one group
/// stays a solution without either (nothing else needs it), at no more
/// cost, so some optimal solution of every node holds at most one of them
/// beyond the node's chosen steps, and its prerequisites `q` satisfy
/// `sum of x_m over the group's private members m requiring q <= x_q`:
/// one row per group and prerequisite, tighter than (and implying) the
/// members' own rows `x_m <= x_q`. Fixings that break it (two such members
/// chosen) make the relaxation infeasible, which gives no bound at all.
fn private_groups(local: &Local, canon: &[u32]) -> Vec<Option<u32>> {
    let n = local.len();
    let mut required = vec![false; n];
    for i in 0..n {
        for &q in local.plain.row(i) {
            required[q as usize] = true;
        }
    }
    for e in &local.entries {
        if let LocalEntry::Step(x) = *e {
            required[x as usize] = true;
        }
    }
    (0..n)
        .map(|m| {
            let groups = &local.member_of[m];
            let &first = groups.first()?;
            let g = canon[first as usize];
            let group = &local.groups[g as usize];
            let once = group.members.iter().filter(|&&x| x as usize == m).count() == 1;
            let one_group = groups.iter().all(|&h| canon[h as usize] == g);
            (group.need == 1 && once && one_group && !required[m] && local.cost[m] >= 0.0)
                .then_some(g)
        })
        .collect()
}
