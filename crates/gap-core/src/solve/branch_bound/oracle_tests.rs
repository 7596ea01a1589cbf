//! Property tests of the hard-instance machinery against a brute-force
//! oracle over the local problem: the Lagrangian bound never exceeds the
//! cheapest solution of a node, and the search (with its improvement and
//! reduced-cost fixing) finds the brute-force optimum, or flags its answer
//! with an honest lower bound.

use proptest::prelude::*;

use super::lagrange::Lagrange;
use super::*;
use crate::Limits;
use crate::catalog::Catalog;
use crate::model::Requirement;
use crate::solve::{Ctx, Entry, definitely_less};

/// A small catalog in the shape of the hard instances: `bases` costly
/// shared prerequisites, `groups` any_of groups of `size` members that need
/// one or two bases each; one base has a group of its own (nesting), and
/// the role also needs one base outright half of the time.
pub(super) fn small_hard(seed: u64, bases: usize, groups: usize, size: usize) -> Catalog {
    let mut next = crate::solve::xorshift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut skills = Vec::new();
    for b in 0..bases {
        let mut s = serde_json::json!({"id": format!("b{b}"), "name": "b", "hours": 5 + next(40)});
        if b == 0 && bases > 2 {
            s["requires"] = serde_json::json!([{"any_of": ["b1", "b2"]}]);
        }
        skills.push(s);
    }
    let mut reqs = Vec::new();
    for g in 0..groups {
        let mut mem = Vec::new();
        for j in 0..size {
            let id = format!("g{g}m{j}");
            let a = next(bases as u64);
            let b = next(bases as u64);
            let mut r = vec![format!("b{a}")];
            if b != a && next(2) == 0 {
                r.push(format!("b{b}"));
            }
            skills.push(
                serde_json::json!({"id": id, "name": "m", "hours": 1 + next(12), "requires": r}),
            );
            mem.push(id);
        }
        let count = if size > 2 && next(4) == 0 { 2 } else { 1 };
        reqs.push(serde_json::json!({"any_of": mem, "count": count}));
    }
    if next(2) == 0 {
        reqs.push(serde_json::json!(format!("b{}", next(bases as u64))));
    }
    let cat = serde_json::json!({"skills": skills, "roles": [{"id": "r", "name": "r", "requires": reqs}]});
    match Catalog::from_json(&cat.to_string()) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    }
}

/// Whether the local steps in `mask` form a solution.
pub(super) fn is_solution(l: &Local, mask: u64) -> bool {
    let has = |x: u32| mask >> x & 1 == 1;
    for i in 0..l.len() as u32 {
        if !has(i) {
            continue;
        }
        if !l.possible[i as usize] || l.plain.row(i as usize).iter().any(|&p| !has(p)) {
            return false;
        }
    }
    l.groups.iter().all(|g| {
        !g.owner.is_none_or(has) || g.members.iter().filter(|&&m| has(m)).count() as u32 >= g.need
    }) && l.entries.iter().all(|e| match *e {
        LocalEntry::Step(x) => has(x),
        _ => true,
    })
}

fn cost_of(l: &Local, mask: u64) -> f64 {
    (0..l.len())
        .filter(|&i| mask >> i & 1 == 1)
        .map(|i| l.cost[i])
        .sum()
}

/// The cheapest solution containing `chosen` and avoiding `forbidden`.
pub(super) fn brute(l: &Local, chosen: u64, forbidden: u64) -> f64 {
    (0..1u64 << l.len())
        .filter(|&m| m & chosen == chosen && m & forbidden == 0 && is_solution(l, m))
        .map(|m| cost_of(l, m))
        .fold(f64::INFINITY, f64::min)
}

/// The local problem of the catalog's first role (named `id` in messages)
/// from the levels `start`.
pub(super) fn role_local(cat: &Catalog, start: &[u32], id: &str) -> Local {
    let entries: Vec<Entry<'_>> = cat.roles()[0]
        .requires
        .iter()
        .map(|req: &Requirement| Entry { target: 0, req })
        .collect();
    Local::build(&Ctx::new(cat, start, &[id]), &entries)
}

fn check(seed: u64) -> Result<(), TestCaseError> {
    let (bases, groups, size) = (3 + (seed % 3) as usize, 2 + (seed / 3 % 3) as usize, 3);
    let cat = small_hard(seed, bases, groups, size);
    let start = vec![0u32; cat.skills().len()];
    let local = role_local(&cat, &start, "r");
    prop_assume!(local.len() <= 18);
    let opt = brute(&local, 0, 0);
    prop_assume!(opt.is_finite());
    let mut s = Search::new(&local);
    let root = s.root();
    for target in [opt, opt * 1.5, opt * 3.0] {
        let free = Limits::default();
        let Ok((lag, lb)) = Lagrange::fit(
            &local,
            s.rep_groups(),
            &root,
            target,
            &mut Meter::new(&free),
        ) else {
            return Err(TestCaseError::fail("cancelled"));
        };
        prop_assert!(lb <= opt + 1e-9, "root bound {lb} > optimum {opt}");
        // Random nodes: some steps included (with their closures), some forbidden.
        for k in 0..8u64 {
            let mut node = root.clone();
            let (mut chosen, mut forbidden) = (0u64, 0u64);
            for x in 0..local.len() as u32 {
                let r = (seed ^ (k * 0x9E37)).rotate_left(x * 7) % 5;
                if r == 0 {
                    if !s.include(&mut node, x) {
                        break;
                    }
                } else if r == 1 && !node.chosen.get(x) {
                    node.forbidden.set(x);
                }
            }
            for x in 0..local.len() as u32 {
                if node.chosen.get(x) {
                    chosen |= 1 << x;
                } else if node.forbidden.get(x) {
                    forbidden |= 1 << x;
                }
            }
            let best = brute(&local, chosen, forbidden);
            let b = lag.bound(&node);
            prop_assert!(b <= best + 1e-9, "node bound {b} > node optimum {best}");
            // Reduced-cost fixing never removes a solution cheaper than the target.
            for x in lag.excluded(&node, target, false) {
                let with = brute(&local, chosen | 1 << x, forbidden);
                prop_assert!(
                    !definitely_less(with, target),
                    "excluded {x}: {with} < {target}"
                );
            }
            for x in lag.excluded(&node, target, true) {
                let with = brute(&local, chosen | 1 << x, forbidden);
                prop_assert!(
                    definitely_less(target, with),
                    "excluded {x}: {with} <= {target}"
                );
            }
        }
    }
    for budget in [1u64, 3, 40, 1_000_000] {
        let limits = Limits::default().with_budget(budget);
        let Ok(out) = optimize(&local, &mut Meter::new(&limits)) else {
            return Err(TestCaseError::fail("cancelled"));
        };
        prop_assert!(out.lower_bound <= opt + 1e-9 && opt <= out.cost + 1e-9);
        prop_assert!(is_solution(
            &local,
            out.chosen.iter().fold(0, |m, &x| m | 1 << x)
        ));
        if out.optimal {
            prop_assert!((out.cost - opt).abs() <= 1e-9, "{} vs {opt}", out.cost);
        }
        if budget == 1_000_000 {
            prop_assert!(out.optimal);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn lagrangian_bound_and_search_match_brute_force(seed in any::<u64>()) {
        check(seed)?;
    }
}

/// The hard instances' machinery engages (more than `LAZY_NODES` nodes) on
/// a mid-size instance, and still agrees with the plain search.
#[test]
fn improvement_and_lagrangian_agree_with_plain_search() {
    for seed in 0..4 {
        let cat = small_hard(seed, 6, 7, 4);
        let start = vec![0u32; cat.skills().len()];
        let role = &cat.roles()[0];
        let entries: Vec<Entry<'_>> = role
            .requires
            .iter()
            .map(|req: &Requirement| Entry { target: 0, req })
            .collect();
        let ids = ["r"];
        let ctx = Ctx::new(&cat, &start, &ids);
        let local = Local::build(&ctx, &entries);
        let limits = Limits::default();
        let (Ok(fast), Ok(plain)) = (
            optimize(&local, &mut Meter::new(&limits)),
            search(&local, &mut Meter::new(&limits), &[], true),
        ) else {
            panic!("no cancel check")
        };
        assert!(fast.optimal && plain.optimal, "seed {seed}");
        assert!(
            (fast.cost - plain.cost).abs() <= 1e-9,
            "seed {seed}: {} vs {}",
            fast.cost,
            plain.cost
        );
    }
}

/// Repeated targets share their groups: the search explores the same nodes
/// and finds the same optimum with one copy of a role or a hundred.
#[test]
fn duplicate_targets_cost_the_same_nodes() {
    for seed in 0..3 {
        let cat = small_hard(seed, 6, 7, 4);
        let start = vec![0u32; cat.skills().len()];
        let role = &cat.roles()[0];
        let ids = ["r"; 100];
        let ctx = Ctx::new(&cat, &start, &ids);
        let mut spent = Vec::new();
        for copies in [1, 100] {
            let entries: Vec<Entry<'_>> = (0..copies)
                .flat_map(|t| {
                    role.requires
                        .iter()
                        .map(move |req| Entry { target: t, req })
                })
                .collect();
            let local = Local::build(&ctx, &entries);
            let limits = Limits::default();
            let mut meter = Meter::new(&limits);
            let Ok(out) = optimize(&local, &mut meter) else {
                panic!("no cancel check")
            };
            spent.push((meter.spent(), out.cost, out.optimal));
        }
        assert_eq!(spent[0].0, spent[1].0, "seed {seed}: nodes");
        assert!(
            (spent[0].1 - spent[1].1).abs() <= 1e-9 && spent[1].2,
            "seed {seed}"
        );
    }
}
