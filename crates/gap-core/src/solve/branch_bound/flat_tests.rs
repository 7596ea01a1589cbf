//! Tests of the flat incumbent search ([`super::flat`]) against the generic
//! completion and the brute-force oracle of [`super::oracle_tests`]: on
//! small catalogs of the hard family's shape (groups of members over shared
//! plain bases, some bases known, a plain base entry now and then), the flat
//! model engages, its value of every set of shared steps equals the greedy
//! completion's cost, and a search that turns hard at once answers the
//! brute-force optimum, or flags its answer with an honest bound, for
//! budgets from 1 to the default.

use super::oracle_tests::{brute, is_solution};
use super::*;
use crate::Limits;
use crate::catalog::Catalog;
use crate::model::Requirement;
use crate::solve::{Ctx, DEFAULT_BUDGET, Entry};

/// A flat instance: `bases` plain bases, groups of `size` members (count 1)
/// each requiring one or two bases; a profile knowing some bases.
fn flat_instance(seed: u64) -> (Catalog, Vec<u32>) {
    let (bases, groups, size) = (3 + (seed % 4) as usize, 2 + (seed / 4 % 3) as usize, 3);
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let mut skills = Vec::new();
    for b in 0..bases {
        skills.push(serde_json::json!({"id": format!("b{b}"), "name": "b", "hours": 5 + next(40)}));
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
        reqs.push(serde_json::json!({"any_of": mem}));
    }
    if next(3) == 0 {
        reqs.push(serde_json::json!(format!("b{}", next(bases as u64))));
    }
    let json = serde_json::json!({"skills": skills, "roles": [{"id": "r", "name": "r", "requires": reqs}]});
    let cat = match Catalog::from_json(&json.to_string()) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    let mut start = vec![0u32; cat.skills().len()];
    for (i, sk) in cat.skills().iter().enumerate() {
        if sk.id.starts_with('b') && seed.rotate_left(i as u32 * 5) % 5 == 0 {
            start[i] = 1;
        }
    }
    (cat, start)
}

fn local_of(cat: &Catalog, start: &[u32]) -> Local {
    let role = &cat.roles()[0];
    let entries: Vec<Entry<'_>> = role
        .requires
        .iter()
        .map(|req: &Requirement| Entry { target: 0, req })
        .collect();
    let ids = ["r"];
    Local::build(&Ctx::new(cat, start, &ids), &entries)
}

/// The flat model engages on these instances, and its value of every set
/// of shared steps is the greedy completion's cost (both infeasible
/// together).
#[test]
fn flat_values_equal_the_completions() {
    let mut engaged = 0;
    for seed in 0..300 {
        let (cat, start) = flat_instance(seed);
        let local = local_of(&cat, &start);
        let mut s = Search::new(&local);
        let mut top = s.root();
        if !matches!(s.eval(&mut top), Eval::Branch { .. }) {
            continue;
        }
        let Some(flat) = s.flat(&top) else {
            continue;
        };
        engaged += 1;
        let n = flat.shared.len();
        for mask in 0..1u64 << n.min(10) {
            let v = flat.value(mask);
            let done = s.complete(&top, &flat.shared, &flat.on(mask));
            match done {
                Some(node) => assert!(
                    (node.cost - v).abs() <= 1e-9,
                    "seed {seed} mask {mask:b}: {} vs {v}",
                    node.cost
                ),
                None => assert!(v.is_infinite(), "seed {seed} mask {mask:b}: {v}"),
            }
        }
    }
    assert!(engaged >= 150, "flat model engaged on {engaged} instances");
}

/// A search that turns hard at once (LP, flat incumbent search, shared-step
/// search) answers the brute-force optimum, or flags its answer with an
/// honest bound, for budgets from 1 to the default.
#[test]
fn flat_searches_match_brute_force() {
    let mut checked = 0;
    for seed in 0..300 {
        let (cat, start) = flat_instance(seed);
        let local = local_of(&cat, &start);
        if local.len() > 18 {
            continue;
        }
        let opt = brute(&local, 0, 0);
        for budget in [1u64, 2, 5, 40, 300, DEFAULT_BUDGET] {
            let limits = Limits::default().with_budget(budget);
            let Ok(out) = search_with(&local, &mut Meter::new(&limits), &[], false, 1) else {
                panic!("no cancel check")
            };
            if opt.is_infinite() {
                assert!(out.cost.is_infinite(), "seed {seed}");
                continue;
            }
            assert!(
                out.lower_bound <= opt + 1e-9 && opt <= out.cost + 1e-9,
                "seed {seed} budget {budget}: bound {} optimum {opt} answer {}",
                out.lower_bound,
                out.cost
            );
            assert!(is_solution(
                &local,
                out.chosen.iter().fold(0, |m, &x| m | 1 << x)
            ));
            if out.optimal {
                assert!(
                    (out.cost - opt).abs() <= 1e-9,
                    "seed {seed}: {} vs {opt}",
                    out.cost
                );
                assert!(out.lower_bound == out.cost);
            }
            if budget == DEFAULT_BUDGET {
                assert!(
                    out.optimal,
                    "seed {seed}: not proven with the default budget"
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 250, "{checked}");
}
