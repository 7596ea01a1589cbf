//! Alternative optima: every minimal optimal step set of a local problem
//! (for next steps, SPEC 4), found by the branch-and-bound of
//! [`super::branch_bound`] run to the end instead of stopping at the first
//! optimum, and [`minimalize`], which drops the steps a solution does not
//! need.

use super::branch_bound::{Eval, Hardened, Search, Work, greedy, list};
use super::closure::{Local, LocalEntry};
use super::definitely_less;
use super::meter::Meter;
use crate::error::Result;

/// Nodes the enumeration of alternative optima may take at most.
const ENUMERATION_NODES: u64 = 50_000;

/// Nodes each forced search of the fallback of `optimal_steps` may take at
/// most (a hard problem has one such search per step valid at the start).
pub(crate) const FORCED_NODES: u64 = 2_000;

/// What [`enumerate_optimal`] finds.
pub(crate) struct Optima {
    /// Minimal optimal solutions (of the best cost found), each ascending.
    pub sets: Vec<Vec<u32>>,
    /// Whether the search finished (then `sets` are all of them).
    pub complete: bool,
    /// The best solution found (minimalized) and its cost.
    pub best: (Vec<u32>, f64),
}

/// Every minimal optimal solution found within [`ENUMERATION_NODES`] and half
/// of the nodes the meter has left: step sets of optimal cost from which no step can be dropped,
/// each ascending; and whether the search finished (then they are all of
/// them). A problem not finished within a few nodes is hardened first (a
/// better incumbent, the Lagrangian bound, reduced-cost fixing that keeps
/// ties), as in the branch-and-bound.
pub(crate) fn enumerate_optimal(local: &Local, meter: &mut Meter<'_>) -> Result<Optima> {
    let n = local.len();
    let mut s = Search::new(local);
    let root = s.root();
    let top = root.clone();
    let Some(mut greedy_node) = greedy(&mut s, root.clone()) else {
        return Ok(Optima {
            sets: Vec::new(),
            complete: true,
            best: (Vec::new(), f64::INFINITY),
        });
    };
    // At most half of what is left, so that the fallback of `optimal_steps`
    // keeps the other half.
    let mut budget = meter.left().div_ceil(2).min(ENUMERATION_NODES);
    let mut complete = true;
    let mut ub = greedy_node.cost;
    let mut found: Vec<(f64, Vec<u32>)> = Vec::new();
    let mut stack: Vec<Work> = vec![Work::Node(root, f64::NEG_INFINITY)];
    let mut hard = Hardened {
        global_lb: f64::NEG_INFINITY,
        excluded: Vec::new(),
    };
    let mut explored = 0u64;
    loop {
        if explored == s.lazy_nodes && !stack.is_empty() {
            // A hard problem: a better incumbent, the Lagrangian bound and
            // fixing that keeps every step of a solution as cheap as it.
            let (b, h) = s.harden(&top, greedy_node, meter, true)?;
            greedy_node = b;
            hard = h;
            if definitely_less(greedy_node.cost, ub) {
                ub = greedy_node.cost;
                found.retain(|(c, _)| !definitely_less(ub, *c));
            }
        }
        explored += 1;
        let bound = ub;
        let Some((mut node, plb)) = s.next_node(&mut stack, |lb| !definitely_less(bound, lb))
        else {
            break;
        };
        if definitely_less(ub, plb) || definitely_less(ub, hard.global_lb) || !hard.admit(&mut node)
        {
            continue;
        }
        if budget == 0 || !meter.node()? {
            complete = false;
            break;
        }
        budget -= 1;
        match s.eval(&mut node) {
            Eval::Infeasible => {}
            Eval::Leaf => {
                if definitely_less(node.cost, ub) {
                    ub = node.cost;
                    found.retain(|(c, _)| !definitely_less(ub, *c));
                    s.refix(&top, ub, true, &mut hard);
                }
                if !definitely_less(ub, node.cost) {
                    let set = list(&node, n);
                    if minimalize(local, set.clone()) == set {
                        found.push((node.cost, set));
                    }
                }
            }
            Eval::Branch { lb, need, cands } => {
                if !definitely_less(ub, lb) {
                    stack.push(Work::kids(node, lb, need, cands));
                }
            }
        }
    }
    let best = match found.first() {
        Some((cost, set)) if !definitely_less(greedy_node.cost, *cost) => (set.clone(), *cost),
        _ => (minimalize(local, list(&greedy_node, n)), greedy_node.cost),
    };
    if found.is_empty() {
        // Budget too small to reach a leaf: the greedy solution, minimalized.
        return Ok(Optima {
            sets: vec![best.0.clone()],
            complete: false,
            best,
        });
    }
    Ok(Optima {
        sets: found.into_iter().map(|(_, set)| set).collect(),
        complete,
        best,
    })
}

/// Drops steps that the rest of the set does not need (dependents first, so
/// one pass suffices): the result is a solution from which no step can be
/// dropped. Input and output ascending.
pub(crate) fn minimalize(local: &Local, chosen: Vec<u32>) -> Vec<u32> {
    let n = local.len();
    let mut in_set = vec![false; n];
    for &x in &chosen {
        in_set[x as usize] = true;
    }
    let mut users = vec![0u32; n];
    for e in &local.entries {
        if let LocalEntry::Step(x) = *e {
            users[x as usize] += 1;
        }
    }
    for &y in &chosen {
        for &p in local.plain.row(y as usize) {
            users[p as usize] += 1;
        }
    }
    let mut sat: Vec<u32> = local
        .groups
        .iter()
        .map(|g| g.members.iter().filter(|&&m| in_set[m as usize]).count() as u32)
        .collect();
    for &x in chosen.iter().rev() {
        if users[x as usize] > 0 {
            continue;
        }
        let needed = local.member_of[x as usize].iter().any(|&gid| {
            let g = &local.groups[gid as usize];
            let active = g.owner.is_none_or(|o| in_set[o as usize]);
            active && sat[gid as usize] <= g.need
        });
        if needed {
            continue;
        }
        in_set[x as usize] = false;
        for &p in local.plain.row(x as usize) {
            users[p as usize] -= 1;
        }
        for &gid in &local.member_of[x as usize] {
            sat[gid as usize] -= 1;
        }
    }
    chosen.into_iter().filter(|&x| in_set[x as usize]).collect()
}
