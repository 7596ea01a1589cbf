//! Turning a chosen step set into a path: the default order (each target
//! entry's prerequisites just before it) and the reasons of every step.

use crate::catalog::Catalog;
use crate::results::Reason;

use super::closure::{Local, LocalEntry};
use super::{Entry, requirement_text};

/// A valid order of the chosen local steps: an iterative depth-first
/// post-order from the entries in the order given, visiting each step's
/// prerequisites in declared order (the level below first), so that each
/// entry's prerequisites come just before it.
pub(crate) fn default_order(local: &Local, chosen: &[u32]) -> Vec<u32> {
    let n = local.len();
    let mut in_set = vec![false; n];
    for &x in chosen {
        in_set[x as usize] = true;
    }
    let mut visited = vec![false; n];
    let mut out = Vec::with_capacity(chosen.len());
    let mut stack: Vec<(u32, usize)> = Vec::new();
    let mut roots: Vec<u32> = Vec::new();
    for e in &local.entries {
        match *e {
            LocalEntry::Met => {}
            LocalEntry::Step(x) => roots.push(x),
            LocalEntry::Group(g) => roots.extend(local.groups[g as usize].members.iter().copied()),
        }
    }
    // Anything not reached from the entries (cannot happen for a minimal
    // set) still comes out, in topological order.
    roots.extend_from_slice(chosen);
    for r in roots {
        if !in_set[r as usize] || visited[r as usize] {
            continue;
        }
        visited[r as usize] = true;
        stack.push((r, 0));
        while let Some(top) = stack.last_mut() {
            let (x, i) = *top;
            let pre = local.prereqs.row(x as usize);
            if i < pre.len() {
                top.1 += 1;
                let p = pre[i];
                if in_set[p as usize] && !visited[p as usize] {
                    visited[p as usize] = true;
                    stack.push((p, 0));
                }
            } else {
                out.push(x);
                stack.pop();
            }
        }
    }
    out
}

/// The reasons of each chosen step (indexed by local step; empty for steps
/// not chosen), each list sorted and without repeats.
pub(crate) fn reasons(
    cat: &Catalog,
    local: &Local,
    chosen: &[u32],
    entries: &[Entry<'_>],
    target_ids: &[&str],
) -> Vec<Vec<Reason>> {
    let n = local.len();
    let mut in_set = vec![false; n];
    for &x in chosen {
        in_set[x as usize] = true;
    }
    let mut out: Vec<Vec<Reason>> = vec![Vec::new(); n];
    for (e, le) in entries.iter().zip(&local.entries) {
        let members: &[u32] = match le {
            LocalEntry::Met => &[],
            LocalEntry::Step(x) => std::slice::from_ref(x),
            LocalEntry::Group(g) => &local.groups[*g as usize].members,
        };
        if !members.iter().any(|&x| in_set[x as usize]) {
            continue;
        }
        let reason = Reason::Role {
            role: target_ids.get(e.target).copied().unwrap_or("").to_string(),
            entry: requirement_text(cat, e.req),
        };
        for &x in members {
            if in_set[x as usize] {
                out[x as usize].push(reason.clone());
            }
        }
    }
    let g = cat.step_graph();
    for &y in chosen {
        let (s, l) = g.skill_level(local.steps[y as usize]);
        for &p in local.prereqs.row(y as usize) {
            if in_set[p as usize] {
                out[p as usize].push(Reason::Prerequisite {
                    skill: cat.skill_id(s).to_string(),
                    level: l,
                });
            }
        }
    }
    for r in &mut out {
        r.sort();
        r.dedup();
    }
    out
}
