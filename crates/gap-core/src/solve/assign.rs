//! Exact optima of small group problems without a search, for the batch
//! queries' group parts ([`super::split`]): the problem split into
//! independent components, each solved by trying every choice of its
//! groups' members.
//!
//! **Components.** Two local steps are connected when one is a
//! prerequisite (plain or a group member) of the other; an entry group
//! connects its members. Every requirement of a step lies in the step's
//! component, so a solution restricted to one component meets that
//! component's entries, and solutions of the components together form a
//! solution: the optimum is the sum of the components' optima (they share
//! no step, so no hours are counted twice).
//!
//! **Choices.** An *assignment* picks, for every group of a component,
//! `need` of its members. Its *induced set* is the closure of the
//! component's entry groups when each group met on the way contributes its
//! picked members and each step its plain prerequisites: a solution.
//! Conversely, for any solution S pick for each group `need` members in S
//! (any for a group whose owner is not in S): the induced set is a subset
//! of S (S is closed under the same rules). With hours never negative, the
//! cheapest induced set over all assignments is an optimum. A component is
//! enumerated only when its assignments are few ([`LIMIT`]); otherwise the
//! caller searches.

use super::closure::{Local, LocalEntry};
use super::sum::ExactSum;

/// Most assignments tried per component (a larger component is left to
/// the search).
pub(crate) const LIMIT: u64 = 64;

/// Reusable space (one per thread).
#[derive(Debug, Default)]
pub(crate) struct AssignScratch {
    parent: Vec<u32>,
    /// Per group: its component's representative.
    comp_of_group: Vec<u32>,
    /// Per group: index of its first combination in `combos`, and count.
    combo_at: Vec<(u32, u32)>,
    /// Flattened combinations: `need` members each.
    combos: Vec<u32>,
    /// Per group: the digit of the current assignment.
    digit: Vec<u32>,
    stamp: Vec<u32>,
    epoch: u32,
    stack: Vec<u32>,
    sum: ExactSum,
    /// Groups of the current component, and its entry groups.
    members: Vec<u32>,
    entries: Vec<u32>,
    best_digits: Vec<u32>,
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let p = parent[x as usize];
        parent[x as usize] = parent[p as usize];
        x = p;
    }
    x
}

fn union(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The smaller index as root: deterministic.
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi as usize] = lo;
    }
}

/// Number of `k`-subsets of `n` items, saturating above [`LIMIT`].
fn choose(n: u64, k: u64) -> u64 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    let mut c: u64 = 1;
    for i in 0..k {
        c = c * (n - i) / (i + 1);
        if c > LIMIT {
            return LIMIT + 1;
        }
    }
    c
}

/// Appends every `k`-subset of `items` (lexicographic) to `out`.
fn combinations(items: &[u32], k: usize, out: &mut Vec<u32>) {
    let n = items.len();
    let mut ix: Vec<usize> = (0..k).collect();
    loop {
        out.extend(ix.iter().map(|&i| items[i]));
        // Advance the rightmost index that can move.
        let Some(pos) = (0..k).rev().find(|&p| ix[p] < n - k + p) else {
            return;
        };
        ix[pos] += 1;
        for q in pos + 1..k {
            ix[q] = ix[q - 1] + 1;
        }
    }
}

/// The steps of an optimal solution of `local` (whose entries are groups
/// or met, no steps capped) when every component has at most [`LIMIT`]
/// assignments: local step indices, ascending. `None` when a component is
/// too large (or the problem is not of that shape): the caller searches.
pub(crate) fn optimum(local: &Local, sc: &mut AssignScratch) -> Option<Vec<u32>> {
    let n = local.len();
    if local
        .entries
        .iter()
        .any(|e| matches!(e, LocalEntry::Step(_)))
        || local.capped.iter().any(|&c| c)
    {
        return None;
    }
    let ng = local.groups.len();
    for g in &local.groups {
        if g.need == 0 || g.members.len() < g.need as usize {
            return None;
        }
    }
    sc.parent.clear();
    sc.parent.extend(0..n as u32);
    for x in 0..n {
        for &p in local.prereqs.row(x) {
            union(&mut sc.parent, x as u32, p);
        }
    }
    for g in &local.groups {
        for &m in &g.members[1..] {
            union(&mut sc.parent, g.members[0], m);
        }
    }
    // Per group: its component, and its combinations; per component, the
    // product of the groups' combination counts (bounded).
    sc.comp_of_group.clear();
    sc.combo_at.clear();
    sc.combos.clear();
    let mut product: Vec<(u32, u64)> = Vec::new();
    for g in &local.groups {
        let c = find(&mut sc.parent, g.members[0]);
        sc.comp_of_group.push(c);
        let k = choose(g.members.len() as u64, u64::from(g.need));
        let slot = match product.iter_mut().find(|p| p.0 == c) {
            Some(p) => p,
            None => {
                product.push((c, 1));
                product.last_mut()?
            }
        };
        slot.1 = slot.1.saturating_mul(k);
        if slot.1 > LIMIT {
            return None;
        }
        let at = sc.combos.len() as u32;
        combinations(&g.members, g.need as usize, &mut sc.combos);
        let count = (sc.combos.len() as u32 - at) / g.need.max(1);
        sc.combo_at.push((at, count));
    }
    if sc.stamp.len() < n {
        sc.stamp.resize(n, 0);
    }
    sc.digit.clear();
    sc.digit.resize(ng, 0);
    let mut chosen: Vec<u32> = Vec::new();
    for &(c, _) in &product {
        // The component's groups and entry groups.
        sc.members.clear();
        sc.members
            .extend((0..ng as u32).filter(|&g| sc.comp_of_group[g as usize] == c));
        sc.entries.clear();
        for e in &local.entries {
            if let LocalEntry::Group(g) = *e {
                if sc.comp_of_group[g as usize] == c && !sc.entries.contains(&g) {
                    sc.entries.push(g);
                }
            }
        }
        if sc.entries.is_empty() {
            continue;
        }
        for &g in &sc.members {
            sc.digit[g as usize] = 0;
        }
        let mut best: Option<f64> = None;
        loop {
            let cost = induced(local, sc, None);
            if best.is_none_or(|b| cost < b) {
                best = Some(cost);
                sc.best_digits.clear();
                let digits: Vec<u32> = sc.members.iter().map(|&g| sc.digit[g as usize]).collect();
                sc.best_digits.extend(digits);
            }
            // Next assignment (mixed radix over the component's groups).
            let mut advanced = false;
            for i in 0..sc.members.len() {
                let g = sc.members[i] as usize;
                sc.digit[g] += 1;
                if sc.digit[g] < sc.combo_at[g].1 {
                    advanced = true;
                    break;
                }
                sc.digit[g] = 0;
            }
            if !advanced {
                break;
            }
        }
        for i in 0..sc.members.len() {
            let g = sc.members[i] as usize;
            sc.digit[g] = sc.best_digits[i];
        }
        induced(local, sc, Some(&mut chosen));
    }
    chosen.sort_unstable();
    Some(chosen)
}

/// The hours of the set induced by the current assignment (`sc.digit`)
/// from the current component's entry groups, its steps pushed to `out`
/// when given.
fn induced(local: &Local, sc: &mut AssignScratch, mut out: Option<&mut Vec<u32>>) -> f64 {
    sc.epoch = sc.epoch.wrapping_add(1);
    if sc.epoch == 0 {
        sc.stamp.iter_mut().for_each(|s| *s = 0);
        sc.epoch = 1;
    }
    let epoch = sc.epoch;
    sc.stack.clear();
    sc.sum.clear();
    let AssignScratch {
        stamp,
        stack,
        combo_at,
        combos,
        digit,
        entries,
        sum,
        ..
    } = sc;
    let pick = |g: u32, stamp: &mut Vec<u32>, stack: &mut Vec<u32>| {
        let need = local.groups[g as usize].need as usize;
        let (at, _) = combo_at[g as usize];
        let from = at as usize + digit[g as usize] as usize * need;
        for &m in &combos[from..from + need] {
            if stamp[m as usize] != epoch {
                stamp[m as usize] = epoch;
                stack.push(m);
            }
        }
    };
    for &g in entries.iter() {
        pick(g, stamp, stack);
    }
    while let Some(x) = stack.pop() {
        sum.add(local.cost[x as usize]);
        if let Some(out) = out.as_deref_mut() {
            out.push(x);
        }
        for &p in local.plain.row(x as usize) {
            if stamp[p as usize] != epoch {
                stamp[p as usize] = epoch;
                stack.push(p);
            }
        }
        for &g in &local.groups_of[x as usize] {
            pick(g, stamp, stack);
        }
    }
    sum.value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations_are_every_subset_in_order() {
        let mut out = Vec::new();
        combinations(&[5, 6, 7, 8], 2, &mut out);
        assert_eq!(out, [5, 6, 5, 7, 5, 8, 6, 7, 6, 8, 7, 8]);
        assert_eq!(choose(4, 2), 6);
        assert_eq!(choose(40, 20), LIMIT + 1);
        out.clear();
        combinations(&[1, 2], 2, &mut out);
        assert_eq!(out, [1, 2]);
    }
}
