//! The prerequisite graph an importer builds ([`Reqs`]): tidying each node's
//! requirements, the deterministic cycle breaker ([`break_cycles`]) and the
//! warnings that report the edges it dropped.

use std::collections::HashSet;

/// A prerequisite edge dropped to break a cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DroppedEdge {
    /// The node that required `to`.
    pub from: u32,
    /// The node it required.
    pub to: u32,
    /// The cycle found, in requires order (`cycle[i]` requires `cycle[i+1]`,
    /// the last requires the first); `[from]` for a self-loop.
    pub cycle: Vec<u32>,
}

/// Prerequisites of node `u`: `reqs[u]` is a list of requirements, each a list
/// of alternative nodes (one member = a plain prerequisite, several = any one
/// of them).
pub(crate) type Reqs = Vec<Vec<Vec<u32>>>;

/// Makes the prerequisite graph acyclic, deterministically: Kahn's algorithm
/// places nodes prerequisites-first; whenever it is stuck, a cycle is found by
/// walking from the unplaced node with the smallest key along the unplaced
/// prerequisite with the smallest key, and the cycle's edge with the
/// lexicographically last `(key[from], key[to])` is dropped (a self-loop is a
/// cycle of one edge). Repeats until every node is placed. Iterative; the
/// result depends only on the keys and edges, not on the node order.
///
/// Complexity: O((V + E) log E + C·V) for C cycles.
pub(crate) fn break_cycles(keys: &[&str], reqs: &mut Reqs) -> Vec<DroppedEdge> {
    let n = reqs.len();
    // Distinct edges u -> v (u needs v).
    let mut out: Vec<Vec<u32>> = reqs
        .iter()
        .map(|rs| {
            let mut v: Vec<u32> = rs.iter().flatten().copied().collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let mut rank: Vec<u32> = (0..n as u32).collect();
    {
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by(|&a, &b| keys[a as usize].cmp(keys[b as usize]).then(a.cmp(&b)));
        for (r, &u) in order.iter().enumerate() {
            rank[u as usize] = r as u32;
        }
        // Sort successors by key for deterministic walks.
        for o in &mut out {
            o.sort_unstable_by_key(|&v| rank[v as usize]);
        }
    }
    let mut by_rank: Vec<u32> = vec![0; n];
    for (u, &r) in rank.iter().enumerate() {
        by_rank[r as usize] = u as u32;
    }
    let mut incoming: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (u, o) in out.iter().enumerate() {
        for &v in o {
            incoming[v as usize].push(u as u32);
        }
    }
    let mut waiting: Vec<u32> = out.iter().map(|o| o.len() as u32).collect();
    let mut placed = vec![false; n];
    let mut n_placed = 0usize;
    let mut dead: HashSet<(u32, u32)> = HashSet::new();
    let mut dropped = Vec::new();
    let mut queue: std::collections::VecDeque<u32> = (0..n as u32)
        .filter(|&u| waiting[u as usize] == 0)
        .collect();
    let mut seen_stamp: Vec<u32> = vec![0; n];
    let mut stamp = 0u32;
    let mut scan = 0usize; // position in by_rank: every node before it is placed
    loop {
        while let Some(v) = queue.pop_front() {
            placed[v as usize] = true;
            n_placed += 1;
            for &d in &incoming[v as usize] {
                if !dead.contains(&(d, v)) {
                    let w = &mut waiting[d as usize];
                    *w -= 1;
                    if *w == 0 {
                        queue.push_back(d);
                    }
                }
            }
        }
        if n_placed == n {
            break;
        }
        while placed[by_rank[scan] as usize] {
            scan += 1;
        }
        // Walk along unplaced prerequisites until a node repeats.
        stamp += 1;
        let mut walk: Vec<u32> = Vec::new();
        let mut cur = by_rank[scan];
        let cycle: Vec<u32> = loop {
            if seen_stamp[cur as usize] == stamp {
                let from = walk.iter().position(|&x| x == cur).unwrap_or(0);
                break walk.split_off(from);
            }
            seen_stamp[cur as usize] = stamp;
            walk.push(cur);
            // An unplaced node always has a live edge to an unplaced node.
            let next = out[cur as usize]
                .iter()
                .copied()
                .find(|&v| !placed[v as usize] && !dead.contains(&(cur, v)));
            match next {
                Some(v) => cur = v,
                None => break Vec::new(),
            }
        };
        if cycle.is_empty() {
            // Unreachable by construction; stop rather than loop.
            break;
        }
        let k = cycle.len();
        let (from, to) = (0..k)
            .map(|i| (cycle[i], cycle[(i + 1) % k]))
            .max_by(|a, b| {
                (keys[a.0 as usize], keys[a.1 as usize])
                    .cmp(&(keys[b.0 as usize], keys[b.1 as usize]))
            })
            .unwrap_or((cycle[0], cycle[0]));
        dead.insert((from, to));
        let w = &mut waiting[from as usize];
        *w -= 1;
        if *w == 0 {
            queue.push_back(from);
        }
        dropped.push(DroppedEdge { from, to, cycle });
    }
    for d in &dropped {
        let rs = &mut reqs[d.from as usize];
        for r in rs.iter_mut() {
            r.retain(|&m| m != d.to);
        }
        rs.retain(|r| !r.is_empty());
    }
    dropped
}

/// Tidies one node's requirements: members sorted and deduplicated, the same
/// requirement kept once (first place), and a group dropped when one of its
/// members is also a plain requirement (the plain one implies it).
pub(crate) fn tidy_requirements(reqs: &mut Vec<Vec<u32>>) {
    let mut seen: HashSet<Vec<u32>> = HashSet::new();
    let plain: HashSet<u32> = reqs.iter().filter(|r| r.len() == 1).map(|r| r[0]).collect();
    reqs.retain_mut(|r| {
        let mut key = r.clone();
        key.sort_unstable();
        key.dedup();
        if key.len() > 1 && key.iter().any(|m| plain.contains(m)) {
            return false;
        }
        // Keep the written order of the alternatives, without repeats.
        let mut kept = HashSet::new();
        r.retain(|m| kept.insert(*m));
        !r.is_empty() && seen.insert(key)
    });
}

/// The cycle as text for a warning: `a -> b -> a`.
pub(crate) fn cycle_text(cycle: &[u32], label: impl Fn(u32) -> String) -> String {
    let mut s: Vec<String> = cycle.iter().map(|&u| label(u)).collect();
    if let Some(&first) = cycle.first() {
        s.push(label(first));
    }
    s.join(" -> ")
}

/// A warning for each edge dropped to break a cycle, e.g. `{file}: skill `a`
/// is listed as its own prerequisite; that relation is dropped` or `{file}:
/// prerequisite cycle `a` -> `b` -> `a`; dropped `a` requires `b``: `noun`
/// names a node, `edge` an edge, `label` shows a node.
pub(crate) fn cycle_warnings(
    file: &str,
    noun: &str,
    edge: &str,
    dropped: &[DroppedEdge],
    label: impl Fn(u32) -> String,
    warnings: &mut Vec<String>,
) {
    for d in dropped {
        if d.from == d.to {
            warnings.push(format!(
                "{file}: {noun} {} is listed as its own prerequisite; that {edge} is dropped",
                label(d.from)
            ));
        } else {
            warnings.push(format!(
                "{file}: prerequisite cycle {}; dropped {} requires {}",
                cycle_text(&d.cycle, &label),
                label(d.from),
                label(d.to)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edges(reqs: &Reqs) -> Vec<(u32, u32)> {
        let mut v = Vec::new();
        for (u, rs) in reqs.iter().enumerate() {
            for r in rs {
                for &m in r {
                    v.push((u as u32, m));
                }
            }
        }
        v
    }

    #[test]
    fn breaks_self_loop_and_cycles() {
        // a -> b -> c -> a, d -> d, e -> a
        let keys = ["a", "b", "c", "d", "e"];
        let mut reqs: Reqs = vec![
            vec![vec![1]],
            vec![vec![2]],
            vec![vec![0]],
            vec![vec![3]],
            vec![vec![0]],
        ];
        let dropped = break_cycles(&keys, &mut reqs);
        assert_eq!(dropped.len(), 2);
        // The walk starts at `a`: cycle a, b, c; the last edge by key is c -> a.
        assert_eq!(dropped[0].cycle, vec![0, 1, 2]);
        assert_eq!((dropped[0].from, dropped[0].to), (2, 0));
        assert_eq!((dropped[1].from, dropped[1].to), (3, 3));
        assert_eq!(edges(&reqs), vec![(0, 1), (1, 2), (4, 0)]);
    }

    #[test]
    fn independent_of_node_order() {
        // Same graph, nodes listed in reverse: the same edge (by key) goes.
        let keys = ["c", "b", "a"];
        let mut reqs: Reqs = vec![vec![vec![2]], vec![vec![0]], vec![vec![1]]];
        let dropped = break_cycles(&keys, &mut reqs);
        assert_eq!(dropped.len(), 1);
        assert_eq!(
            (keys[dropped[0].from as usize], keys[dropped[0].to as usize]),
            ("c", "a")
        );
    }

    #[test]
    fn group_member_on_a_cycle_is_removed_from_the_group() {
        // a needs any_of[b, c]; b needs a.
        let keys = ["a", "b", "c"];
        let mut reqs: Reqs = vec![vec![vec![1, 2]], vec![vec![0]], vec![]];
        let dropped = break_cycles(&keys, &mut reqs);
        assert_eq!(dropped.len(), 1);
        assert_eq!((dropped[0].from, dropped[0].to), (1, 0));
        assert_eq!(reqs, vec![vec![vec![1, 2]], vec![], vec![]]);
    }

    #[test]
    fn long_chain_cycle_does_not_recurse() {
        let n = 200_000u32;
        let keys: Vec<String> = (0..n).map(|i| format!("{i:07}")).collect();
        let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let mut reqs: Reqs = (0..n).map(|i| vec![vec![(i + 1) % n]]).collect();
        let dropped = break_cycles(&key_refs, &mut reqs);
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].cycle.len(), n as usize);
        assert_eq!((dropped[0].from, dropped[0].to), (n - 1, 0));
    }

    #[test]
    fn tidy() {
        let mut r = vec![
            vec![1],
            vec![2, 1],
            vec![3, 4],
            vec![4, 3],
            vec![1],
            vec![5, 5],
        ];
        tidy_requirements(&mut r);
        assert_eq!(r, vec![vec![1], vec![3, 4], vec![5]]);
    }

    fn acyclic(reqs: &Reqs) -> bool {
        let n = reqs.len();
        let out: Vec<HashSet<u32>> = reqs
            .iter()
            .map(|rs| rs.iter().flatten().copied().collect())
            .collect();
        let mut waiting: Vec<usize> = out.iter().map(HashSet::len).collect();
        let mut queue: Vec<usize> = (0..n).filter(|&u| waiting[u] == 0).collect();
        let mut placed = 0;
        while let Some(v) = queue.pop() {
            placed += 1;
            for (u, o) in out.iter().enumerate() {
                if o.contains(&(v as u32)) {
                    waiting[u] -= 1;
                    if waiting[u] == 0 {
                        queue.push(u);
                    }
                }
            }
        }
        placed == n
    }

    proptest::proptest! {
        #[test]
        fn breaking_cycles_gives_a_dag_independent_of_node_order(
            n in 1usize..24,
            raw in proptest::collection::vec((0u32..24, proptest::collection::vec(0u32..24, 1..3)), 0..60),
            rot in 0usize..24,
        ) {
            let keys: Vec<String> = (0..n).map(|i| format!("k{i:02}")).collect();
            let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let mut reqs: Reqs = vec![Vec::new(); n];
            for (u, alts) in &raw {
                let alts: Vec<u32> = alts.iter().map(|a| a % n as u32).collect();
                reqs[(*u as usize) % n].push(alts);
            }
            let before: HashSet<(u32, u32)> = edges(&reqs).into_iter().collect();
            let mut a = reqs.clone();
            let dropped = break_cycles(&key_refs, &mut a);
            proptest::prop_assert!(acyclic(&a));
            for d in &dropped {
                proptest::prop_assert!(before.contains(&(d.from, d.to)));
                proptest::prop_assert!(d.cycle.contains(&d.from) && d.cycle.contains(&d.to));
            }
            let after: HashSet<(u32, u32)> = edges(&a).into_iter().collect();
            let removed: HashSet<(u32, u32)> = dropped.iter().map(|d| (d.from, d.to)).collect();
            proptest::prop_assert_eq!(&after, &before.difference(&removed).copied().collect());
            // The same graph with its nodes rotated drops the same edges (by key).
            let r = rot % n;
            let perm = |u: u32| ((u as usize + r) % n) as u32;
            let mut keys2 = vec![String::new(); n];
            for u in 0..n {
                keys2[perm(u as u32) as usize] = keys[u].clone();
            }
            let key_refs2: Vec<&str> = keys2.iter().map(String::as_str).collect();
            let mut b: Reqs = vec![Vec::new(); n];
            for (u, rs) in reqs.iter().enumerate() {
                b[perm(u as u32) as usize] = rs.iter().map(|alts| alts.iter().map(|&m| perm(m)).collect()).collect();
            }
            let dropped2 = break_cycles(&key_refs2, &mut b);
            let by_key = |d: &DroppedEdge, k: &[&str]| (k[d.from as usize].to_string(), k[d.to as usize].to_string());
            let x: Vec<_> = dropped.iter().map(|d| by_key(d, &key_refs)).collect();
            let y: Vec<_> = dropped2.iter().map(|d| by_key(d, &key_refs2)).collect();
            proptest::prop_assert_eq!(x, y);
        }
    }
}
