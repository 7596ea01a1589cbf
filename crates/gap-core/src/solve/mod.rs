//! The solver behind the queries of SPEC 4: shortest learning paths.
//!
//! A query is turned into a *local problem* ([`closure::Local`]): the steps the
//! targets can pull in, numbered densely in topological order, with their
//! hours after transfers (from the starting profile only), their plain
//! prerequisites and their `any_of` groups still unmet at the start. A set of
//! unknown steps is a solution when every step's requirements are met by the
//! start and the set, and every target entry is met; the step graph is acyclic,
//! so such a set always has a valid order ([`order`]).
//!
//! - Without groups in play the answer is the unique minimal closure of the
//!   entries over prerequisites ([`closure`]), linear in its size.
//! - With groups, [`branch_bound`] searches exactly, within a node budget.
//! - [`index`] holds the per-catalog precomputation that makes ranking all
//!   roles fast; [`batch`] the reuse of answers across the profiles of a
//!   batch for roles with groups, [`split`] a role's answer as its
//!   forced base plus a group part shared by many profiles, and [`steps`]
//!   the step sets of that split (single paths and cohorts).

mod assign;
pub(crate) mod batch;
pub(crate) mod branch_bound;
pub(crate) mod closure;
pub(crate) mod compiled;
mod delta;
pub(crate) mod index;
pub(crate) mod kofn;
pub(crate) mod meter;
pub(crate) mod optima;
pub(crate) mod order;
mod parts;
pub(crate) mod prefer;
pub(crate) mod split;
pub(crate) mod steps;
pub(crate) mod sum;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::model::{Requirement, SkillIx, StepIx};
use std::collections::BTreeMap;

pub(crate) use meter::Meter;

/// The default search-node budget of the branch-and-bound.
pub const DEFAULT_BUDGET: u64 = 1_000_000;

/// Relative tolerance under which two costs are equal (SPEC 4).
pub(crate) const REL_TOL: f64 = 1e-9;

/// True when `a` is smaller than `b` by more than the relative tolerance.
pub(crate) fn definitely_less(a: f64, b: f64) -> bool {
    if b == f64::INFINITY {
        return a < b;
    }
    a < b && (b - a) > REL_TOL * a.abs().max(b.abs())
}

/// One essential entry of a target, tagged with the target's position.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    /// Index of the target (into the query's list of role ids).
    pub target: usize,
    /// The requirement.
    pub req: &'a Requirement,
}

/// The essential entries of one role, tagged with its position `target`.
pub(crate) fn entries_of(target: usize, role: &crate::model::Role) -> Vec<Entry<'_>> {
    role.requires
        .iter()
        .map(|req: &Requirement| Entry { target, req })
        .collect()
}

/// An optimized step set for a list of entries.
#[derive(Debug)]
pub(crate) struct Solved {
    /// The local problem the steps index into.
    pub local: closure::Local,
    /// The chosen local steps, ascending (a topological order).
    pub chosen: Vec<u32>,
    /// The chosen local steps in the default path order.
    pub order: Vec<u32>,
    /// Their total hours.
    pub cost: f64,
    /// Whether the cost is proven minimal.
    pub optimal: bool,
    /// A proven lower bound on the minimal cost.
    pub lower_bound: f64,
}

/// What a query solves against: the catalog, the dense starting levels, the
/// levels each skill may reach and the levels whose transfers price steps.
pub(crate) struct Ctx<'a> {
    pub cat: &'a Catalog,
    pub start: &'a [u32],
    /// `cap[s]`: skill s may be learned up to this level (empty slice: no
    /// caps). `avoid` is a cap of 0; the milestone order caps every skill
    /// at its level at the end of the path.
    pub cap: &'a [u32],
    /// The levels whose transfers discount steps (SPEC 4: the starting
    /// profile of the query, which is `start` except in the milestone
    /// order, where `start` moves along the path).
    pub priced_by: &'a [u32],
    /// The role id of each target (for errors and reasons).
    pub target_ids: &'a [&'a str],
    /// `prefer[s]`: skill s is preferred among alternatives (empty slice:
    /// no preferences; see [`prefer`]).
    pub prefer: &'a [bool],
}

impl<'a> Ctx<'a> {
    /// A context without caps, priced by `start`.
    pub fn new(cat: &'a Catalog, start: &'a [u32], target_ids: &'a [&'a str]) -> Self {
        Ctx {
            cat,
            start,
            cap: &[],
            priced_by: start,
            target_ids,
            prefer: &[],
        }
    }

    /// Whether level `level` of skill `s` is above its cap.
    pub fn capped(&self, s: SkillIx, level: u32) -> bool {
        self.cap.get(s.ix()).is_some_and(|&c| level > c)
    }

    /// Whether a step is known at the start.
    pub fn known(&self, step: StepIx) -> bool {
        let (s, l) = self.cat.step_graph().skill_level(step);
        self.start[s.ix()] >= l
    }
}

/// Solves the entries exactly (within the meter's budget): the cheapest
/// set of steps meeting every entry. An entry that cannot be met (because of
/// a cap such as `avoid`) is an [`Error::Infeasible`] naming it; a raised
/// cancellation check is [`Error::Cancelled`].
pub(crate) fn solve(ctx: &Ctx<'_>, entries: &[Entry<'_>], meter: &mut Meter<'_>) -> Result<Solved> {
    let (local, chosen, optimal, bound) = optimum(ctx, entries, meter)?;
    let order = order::default_order(&local, &chosen);
    // Correctly rounded (so independent of the order): equal to the path's
    // total and the ranking's hours.
    let cost = sum::exact_sum(chosen.iter().map(|&x| local.cost[x as usize]));
    let lower_bound = if optimal { cost } else { bound.min(cost) };
    Ok(Solved {
        local,
        chosen,
        order,
        cost,
        optimal,
        lower_bound,
    })
}

/// The local problem, its chosen (minimal) step set, whether that is proven
/// optimal and the search's lower bound.
fn optimum(
    ctx: &Ctx<'_>,
    entries: &[Entry<'_>],
    meter: &mut Meter<'_>,
) -> Result<(closure::Local, Vec<u32>, bool, f64)> {
    meter.check()?;
    let local = closure::Local::build(ctx, entries);
    optimum_of(ctx, entries, local, meter)
}

/// The cost, `optimal` flag and lower bound of [`solve`], without the path
/// order, for a local problem already built for `ctx` and `entries` (the
/// batch queries' cells, on compiled role problems).
pub(crate) fn solve_hours_of(
    ctx: &Ctx<'_>,
    entries: &[Entry<'_>],
    local: closure::Local,
    meter: &mut Meter<'_>,
) -> Result<(f64, bool, f64)> {
    meter.check()?;
    let (local, chosen, optimal, bound) = optimum_of(ctx, entries, local, meter)?;
    let cost = sum::exact_sum(chosen.iter().map(|&x| local.cost[x as usize]));
    let lower_bound = if optimal { cost } else { bound.min(cost) };
    Ok((cost, optimal, lower_bound))
}

/// [`optimum`] for a local problem already built (also the batch queries'
/// group parts, [`split`]).
pub(crate) fn optimum_of(
    ctx: &Ctx<'_>,
    entries: &[Entry<'_>],
    local: closure::Local,
    meter: &mut Meter<'_>,
) -> Result<(closure::Local, Vec<u32>, bool, f64)> {
    local.check_feasible(ctx, entries)?;
    if local.groups.is_empty() {
        // No choice to make: the closure of the entries is the unique minimal
        // solution.
        let chosen = local.base.clone();
        return Ok((local, chosen, true, f64::NEG_INFINITY));
    }
    let out = branch_bound::optimize(&local, meter)?;
    if out.cost == f64::INFINITY {
        // Cannot happen after `check_feasible`; reported rather than panicking.
        return Err(Error::Infeasible {
            target: ctx.target_ids.join(", "),
            requirement: String::new(),
            reason: "no combination of steps meets the requirements".to_string(),
        });
    }
    let chosen = optima::minimalize(&local, out.chosen);
    Ok((local, chosen, out.optimal, out.lower_bound))
}

/// The steps that belong to some minimal optimal step set for the entries
/// (a shortest solution from which no step can be dropped), as global steps,
/// ascending. Complete for the steps valid at the start; other steps are
/// listed when met on the way.
///
/// Alternative optima are enumerated by the branch-and-bound. When there are
/// too many (ties multiply them: the enumeration gets half of the nodes left),
/// each step valid at the start that is not yet listed is checked by one
/// search (of at most [`optima::FORCED_NODES`] nodes) that forces it in: it belongs to a minimal optimal set iff the
/// forced optimum equals the optimum (a step of positive hours in an optimal
/// set cannot be dropped; for a zero-hour step the forced solution, made
/// minimal, must keep it). All of it draws on the one meter; once it is
/// spent, the steps found so far are the answer.
pub(crate) fn optimal_steps(
    ctx: &Ctx<'_>,
    entries: &[Entry<'_>],
    meter: &mut Meter<'_>,
) -> Result<Vec<StepIx>> {
    meter.check()?;
    let local = closure::Local::build(ctx, entries);
    local.check_feasible(ctx, entries)?;
    if local.groups.is_empty() {
        return Ok(local
            .base
            .iter()
            .map(|&x| local.steps[x as usize])
            .collect());
    }
    let mut in_some = vec![false; local.len()];
    if settled_by_one_optimum(&local, meter, &mut in_some)? {
        return Ok(marked_steps(&local, &in_some));
    }
    let optima::Optima {
        sets,
        complete,
        best: (best_set, best_cost),
    } = optima::enumerate_optimal(&local, meter)?;
    for set in &sets {
        for &x in set {
            in_some[x as usize] = true;
        }
    }
    if !complete {
        // The enumeration's best solution (hardened like the
        // branch-and-bound's) stands for the optimum.
        for &x in &best_set {
            in_some[x as usize] = true;
        }
        interchangeable(&local, &mut in_some);
        for x in 0..local.len() as u32 {
            let xi = x as usize;
            if in_some[xi] || !valid_now(&local, xi) {
                continue;
            }
            if meter.spent_out() {
                break;
            }
            // Each forced search takes a bounded share of the meter, so that
            // a hard problem with many such steps still answers in seconds.
            let mut share = meter.share(optima::FORCED_NODES);
            let forced = branch_bound::optimize_forced(&local, &mut share, &[x]);
            meter.settle(&share);
            let forced = forced?;
            if forced.cost.is_finite() && !definitely_less(best_cost, forced.cost) {
                let set = optima::minimalize(&local, forced.chosen);
                if set.contains(&x) {
                    for &y in &set {
                        in_some[y as usize] = true;
                    }
                }
            }
        }
    }
    Ok(marked_steps(&local, &in_some))
}

/// The global steps of the marked local ones, ascending.
fn marked_steps(local: &closure::Local, in_some: &[bool]) -> Vec<StepIx> {
    (0..local.len())
        .filter(|&i| in_some[i])
        .map(|i| local.steps[i])
        .collect()
}

/// The shortcut of [`optimal_steps`] for large groups: one search (of at
/// most [`optima::FORCED_NODES`] nodes), and when it proves its optimum, the
/// steps of that optimum made minimal and every step [`interchangeable`]
/// with one of them are marked; then each class of free members (the same
/// groups, see [`free_steps`]) is settled by a binary search over its costs.
/// When every step valid at the start is then settled, the answer is
/// complete without enumerating the optima (which ties multiply: 8,000 of
/// 16,000 members have up to C(16000, 8000) of them) or forcing each step
/// in turn. Returns whether it did.
fn settled_by_one_optimum(
    local: &closure::Local,
    meter: &mut Meter<'_>,
    in_some: &mut [bool],
) -> Result<bool> {
    let free = free_steps(local);
    let mut mandatory = vec![false; local.len()];
    for &b in &local.base {
        mandatory[b as usize] = true;
    }
    if !free.contains(&true)
        || (0..local.len()).any(|i| !free[i] && !mandatory[i] && valid_now(local, i))
    {
        // A step valid at the start that no class settles and no optimum
        // must contain (a shared prerequisite of members, as in hard
        // instances): the enumeration decides it; no search spent here.
        return Ok(false);
    }
    let mut share = meter.share(optima::FORCED_NODES);
    let out = branch_bound::optimize(local, &mut share);
    meter.settle(&share);
    let out = out?;
    if !out.optimal || !out.cost.is_finite() {
        return Ok(false);
    }
    for x in optima::minimalize(local, out.chosen) {
        in_some[x as usize] = true;
    }
    interchangeable(local, in_some);
    if (0..local.len()).any(|i| !in_some[i] && !free[i] && valid_now(local, i)) {
        return Ok(false);
    }
    // Free steps by their groups: within one such class, belonging to some
    // minimal optimal set is closed downwards in cost (swap a dearer member
    // of an optimal set for a cheaper one outside it: the cost cannot drop,
    // so the two cost the same and the swapped set is optimal and minimal,
    // as in [`interchangeable`]). One binary search over a class's costs,
    // with one forced search per probe, settles every member of it.
    let mut classes: BTreeMap<Vec<u32>, Vec<u32>> = BTreeMap::new();
    for i in (0..local.len()).filter(|&i| free[i]) {
        let mut groups = local.member_of[i].clone();
        groups.sort_unstable();
        classes.entry(groups).or_default().push(i as u32);
    }
    for members in classes.values_mut() {
        let cost = |x: &u32| local.cost[*x as usize];
        members.sort_by(|a, b| cost(a).total_cmp(&cost(b)).then(a.cmp(b)));
        // The dearest member already known to be in: every cheaper one is.
        let known = members.iter().rposition(|&x| in_some[x as usize]);
        let mut lo = known.map_or(0, |k| k + 1);
        let mut hi = members.len();
        // Invariant: members[..lo] are in some minimal optimal set; none of
        // members[hi..] is (or the meter could not show it).
        while lo < hi {
            if meter.spent_out() {
                return Ok(false);
            }
            let mid = lo + (hi - lo) / 2;
            let x = members[mid];
            let mut share = meter.share(optima::FORCED_NODES);
            let forced = branch_bound::optimize_forced(local, &mut share, &[x]);
            meter.settle(&share);
            let forced = forced?;
            let ties = forced.cost.is_finite() && !definitely_less(out.cost, forced.cost);
            if !ties && !forced.optimal {
                // Not shown either way within its share: enumerate instead.
                return Ok(false);
            }
            let set = ties
                .then(|| optima::minimalize(local, forced.chosen))
                .filter(|set| set.contains(&x));
            if ties && set.is_none() {
                // An optimum with x, but x is droppable from it (x costs
                // nothing): another minimal optimal set may still hold x.
                return Ok(false);
            }
            match set {
                Some(set) => {
                    for y in set {
                        in_some[y as usize] = true;
                    }
                    // Members of x's cost before it are in too.
                    lo = mid + 1;
                }
                None => {
                    // Proven dearer with x: members of x's cost after it
                    // are out too.
                    let c = local.cost[x as usize];
                    hi = members[..mid]
                        .iter()
                        .rposition(|y| local.cost[*y as usize] != c)
                        .map_or(0, |k| k + 1)
                        .max(lo);
                }
            }
        }
        for &x in &members[..lo] {
            in_some[x as usize] = true;
        }
    }
    Ok(true)
}

/// A step valid at the start of the local problem: no requirement of its
/// own, and possible.
fn valid_now(local: &closure::Local, i: usize) -> bool {
    local.plain.row(i).is_empty() && local.groups_of[i].is_empty() && local.possible[i]
}

/// The steps [`interchangeable`] may swap: valid at the start, a member of
/// some group, needed by no step or plain entry, not capped.
fn free_steps(local: &closure::Local) -> Vec<bool> {
    let n = local.len();
    let mut needed = vec![false; n];
    for i in 0..n {
        for &p in local.plain.row(i) {
            needed[p as usize] = true;
        }
    }
    for &b in &local.base {
        needed[b as usize] = true;
    }
    (0..n)
        .map(|i| {
            !needed[i] && !local.capped[i] && valid_now(local, i) && !local.member_of[i].is_empty()
        })
        .collect()
}

/// Marks the steps that can stand in for a marked one: a step `x` with no
/// requirements of its own (valid at the start), that no other step needs as
/// a plain prerequisite and no plain entry names, which is a member of
/// exactly the same groups as a marked step `y` of the same kind and costs
/// exactly the same, belongs to some minimal optimal set whenever `y` does
/// (swap `y` for `x` in that set: every group keeps its count, the cost is
/// unchanged, and a step droppable after the swap would have been droppable
/// before it). This settles the members of a large group of equals at once,
/// where one forced search per member would be quadratic.
fn interchangeable(local: &closure::Local, in_some: &mut [bool]) {
    let n = local.len();
    let free_steps = free_steps(local);
    let free = |i: usize| free_steps[i];
    let key = |i: usize| {
        let mut groups = local.member_of[i].clone();
        groups.sort_unstable();
        (groups, local.cost[i].to_bits())
    };
    let templates: std::collections::HashSet<(Vec<u32>, u64)> =
        (0..n).filter(|&i| in_some[i] && free(i)).map(key).collect();
    if templates.is_empty() {
        return;
    }
    for (i, mark) in in_some.iter_mut().enumerate() {
        if !*mark && free(i) && templates.contains(&key(i)) {
            *mark = true;
        }
    }
}

/// Members of a group named in full in [`requirement_text`]; a longer group
/// names these and says how many more, so that a reason stays small however
/// large the group (each chosen member carries the text).
const GROUP_TEXT_MEMBERS: usize = 12;

/// A requirement as written in a catalog: `python@2`, `any_of[aws, gcp]` or
/// `2 of [a, b, c]` (groups of more than 12 members: the first 12 and
/// `… +N more`).
pub(crate) fn requirement_text(cat: &Catalog, req: &Requirement) -> String {
    match req {
        Requirement::Skill(n) => cat.need_text(n),
        Requirement::AnyOf { members, count } => {
            let mut list: Vec<String> = members
                .iter()
                .take(GROUP_TEXT_MEMBERS)
                .map(|m| cat.need_text(m))
                .collect();
            if members.len() > GROUP_TEXT_MEMBERS {
                list.push(format!("… +{} more", members.len() - GROUP_TEXT_MEMBERS));
            }
            if *count == 1 {
                format!("any_of[{}]", list.join(", "))
            } else {
                format!("{count} of [{}]", list.join(", "))
            }
        }
    }
}

/// A step as a reference (`python@2`).
pub(crate) fn step_text(cat: &Catalog, step: StepIx) -> String {
    let (s, l) = cat.step_graph().skill_level(step);
    crate::reference::format_reference(cat.skill_id(s), l)
}

/// Resolves `avoid` ids to level caps (0 for an avoided skill; empty when
/// nothing is avoided).
pub(crate) fn resolve_avoid(cat: &Catalog, avoid: &[String]) -> Result<Vec<u32>> {
    if avoid.is_empty() {
        return Ok(Vec::new());
    }
    let mut caps: Vec<u32> = cat.skills().iter().map(|s| s.levels()).collect();
    for id in avoid {
        caps[cat.skill_index(id)?.ix()] = 0;
    }
    Ok(caps)
}

/// The error for a query without targets.
pub(crate) fn no_targets() -> Error {
    Error::InvalidArgument("at least one target role is needed".to_string())
}

/// A small deterministic generator for tests (xorshift64 from `state`,
/// which must not be 0): `next(n)` draws below `n`.
#[cfg(test)]
pub(crate) fn xorshift(mut state: u64) -> impl FnMut(u64) -> u64 {
    move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    }
}
