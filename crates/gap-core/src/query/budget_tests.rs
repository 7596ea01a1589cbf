//! One budget per query: on a catalog whose optimum takes many search nodes
//! to prove, a query given `budget = N` explores at most N nodes in total,
//! in every mode (all, any, the milestone order, next steps, gap), still
//! returns a valid path with an admissible lower bound, and stops with
//! [`Error::Cancelled`] when its cancellation check says so.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde_json::json;

use crate::error::Error;
use crate::profile::Profile;
use crate::query::options::{Cancel, Limits, Mode, Order, PathOptions, RankOptions, Target};
use crate::results::LearningPath;
use crate::solve::Meter;
use crate::{Catalog, DEFAULT_BUDGET};

/// `roles` roles, each needing `groups` any_of groups of 10 members; the
/// members share 12 costly prerequisites (two each), so that which members
/// to take is a hard covering problem (the shape of SPEC 7's hard instance).
fn hard_catalog(groups: usize, roles: usize) -> Catalog {
    let mut skills = Vec::new();
    for p in 0..12 {
        skills.push(json!({"id": format!("p{p}"), "name": format!("P{p}"), "hours": 20 + 3 * p}));
    }
    for g in 0..groups * roles {
        for j in 0..10 {
            let a = (g * 7 + j * 3) % 12;
            let b = (g * 5 + j * 11 + 1) % 12;
            let mut req = vec![format!("p{a}")];
            if b != a {
                req.push(format!("p{b}"));
            }
            skills.push(
                json!({"id": format!("m{g}-{j}"), "name": format!("M{g} {j}"),
                               "hours": 1 + (g * 13 + j * 7) % 9, "requires": req}),
            );
        }
    }
    let roles: Vec<_> = (0..roles)
        .map(|r| {
            let requires: Vec<_> = (r * groups..(r + 1) * groups)
                .map(
                    |g| json!({"any_of": (0..10).map(|j| format!("m{g}-{j}")).collect::<Vec<_>>()}),
                )
                .collect();
            json!({"id": format!("hard{r}"), "name": format!("Hard {r}"), "requires": requires})
        })
        .collect();
    match Catalog::from_json(&json!({"skills": skills, "roles": roles}).to_string()) {
        Ok(c) => c,
        Err(e) => panic!("hard catalog: {e}"),
    }
}

fn targets(ids: &[&str]) -> Vec<Target> {
    ids.iter().map(|&id| Target::from(id)).collect()
}

/// The path is valid from the empty profile and makes it job-ready for
/// `role`, and its bound is below its cost.
fn check_path(cat: &Catalog, path: &LearningPath, role: &str) {
    let start = vec![0u32; cat.skills().len()];
    let Ok(steps) = cat.resolve_steps(&start, &path.steps) else {
        panic!("invalid path")
    };
    let mut levels = start;
    for (s, l) in steps {
        levels[s.ix()] = l;
    }
    let Ok(ri) = cat.role_index(role) else {
        panic!("role")
    };
    assert!(
        cat.roles()[ri.ix()]
            .requires
            .iter()
            .all(|r| r.satisfied_by(&levels))
    );
    assert!(path.lower_bound <= path.total_hours);
}

#[test]
fn a_query_explores_at_most_its_budget_in_every_mode() {
    let cat = hard_catalog(16, 2);
    let me = Profile::new();
    // The default budget proves the optimum, with many nodes.
    let full = Limits::default();
    let mut m = Meter::new(&full);
    let all = PathOptions::default();
    let Ok(best) = cat.learning_path_metered(&me, &targets(&["hard0"]), &all, &mut m) else {
        panic!("path")
    };
    assert!(best.optimal);
    assert!(m.spent() > 60, "not hard enough: {} nodes", m.spent());
    assert!(m.spent() < DEFAULT_BUDGET);

    let modes = [
        (Mode::All, Order::Default, vec!["hard0", "hard1"]),
        (Mode::Any, Order::Default, vec!["hard0", "hard1"]),
        (Mode::All, Order::Milestones, vec!["hard0"]),
        (Mode::Any, Order::Milestones, vec!["hard1", "hard0"]),
    ];
    for n in [0u64, 1, 7, 50] {
        for (mode, order, ids) in &modes {
            let opts = PathOptions::default()
                .with_mode(*mode)
                .with_order(*order)
                .with_budget(n);
            let mut m = Meter::new(&opts.limits);
            let Ok(p) = cat.learning_path_metered(&me, &targets(ids), &opts, &mut m) else {
                panic!("path")
            };
            assert!(m.spent() <= n, "{mode:?} {order:?}: {} > {n}", m.spent());
            assert!(!p.optimal, "{mode:?} {order:?} proven with {n} nodes");
            for t in &p.targets {
                check_path(&cat, &p, t);
            }
            if *mode == Mode::All && ids.len() == 1 {
                assert!(p.lower_bound <= best.total_hours + 1e-9);
            }
        }
        let limits = Limits::default().with_budget(n);
        let mut m = Meter::new(&limits);
        let next = cat.next_steps_metered(&me, Some(&targets(&["hard0", "hard1"])), &mut m);
        assert!(next.is_ok_and(|v| !v.is_empty()));
        assert!(m.spent() <= n, "next steps: {} > {n}", m.spent());
        let g = cat.gap_with(&me, &Target::from("hard0"), &limits);
        assert!(g.is_ok_and(|g| !g.optimal && g.hours >= best.total_hours - 1e-9));
    }
}

#[test]
fn budgets_reach_gap_rank_and_matrix() {
    let cat = hard_catalog(8, 2);
    let me = Profile::new();
    let tight = Limits::default().with_budget(3);
    let Ok(rank) = cat.rank_roles_with(
        &me,
        None,
        &RankOptions::default().with_limits(tight.clone()),
    ) else {
        panic!("rank")
    };
    assert!(rank.iter().all(|r| !r.optimal));
    let Ok(rank) = cat.rank_roles_with(&me, None, &RankOptions::default()) else {
        panic!("rank")
    };
    assert!(rank.iter().all(|r| r.optimal));
    let Ok(m) = cat.hours_matrix_with(std::slice::from_ref(&me), None, &tight) else {
        panic!("matrix")
    };
    // Each cell within the tight budget: no better than the proven optimum.
    for (j, r) in cat.roles().iter().enumerate() {
        let Ok(g) = cat.gap(&me, &Target::from(r.id.as_str())) else {
            panic!("gap")
        };
        assert!(m.get(0, j).is_some_and(|h| h >= g.hours - 1e-9));
    }
}

#[test]
fn a_cancelled_query_stops_with_cancelled() {
    let cat = hard_catalog(8, 2);
    let me = Profile::new();
    let flag = Arc::new(AtomicBool::new(true));
    let cancel = Cancel::from_flag(flag.clone());
    let limits = Limits::default().with_cancel(cancel.clone());
    let opts = PathOptions::default().with_cancel(cancel);
    let t = targets(&["hard0", "hard1"]);
    assert!(matches!(
        cat.learning_path(&me, &t, &opts),
        Err(Error::Cancelled)
    ));
    let any = opts.clone().with_mode(Mode::Any);
    assert!(matches!(
        cat.learning_path(&me, &t, &any),
        Err(Error::Cancelled)
    ));
    assert!(matches!(
        cat.gap_with(&me, &t[0], &limits),
        Err(Error::Cancelled)
    ));
    assert!(matches!(
        cat.next_steps_with(&me, Some(&t), &limits),
        Err(Error::Cancelled)
    ));
    assert!(matches!(
        cat.rank_roles_with(
            &me,
            None,
            &RankOptions::default().with_limits(limits.clone())
        ),
        Err(Error::Cancelled)
    ));
    assert!(matches!(
        cat.hours_matrix_with(&[me.clone(), me.clone()], None, &limits),
        Err(Error::Cancelled)
    ));
    // Lowered flag: the same queries answer.
    flag.store(false, Ordering::Relaxed);
    assert!(cat.learning_path(&me, &t, &opts).is_ok());
}

#[test]
fn a_check_raised_mid_search_stops_it_within_one_poll() {
    // Hundreds of nodes to prove the optimum, even with the LP bound.
    let cat = hard_catalog(60, 2);
    let me = Profile::new();
    let polls = Arc::new(AtomicU64::new(0));
    let seen = polls.clone();
    // Says stop at its second poll (the first is when the search starts),
    // long before the search ends.
    let cancel = Cancel::new(move || seen.fetch_add(1, Ordering::Relaxed) >= 1);
    let opts = PathOptions::default().with_cancel(cancel);
    let r = cat.learning_path(&me, &targets(&["hard0"]), &opts);
    assert!(matches!(r, Err(Error::Cancelled)));
    assert_eq!(polls.load(Ordering::Relaxed), 2);
}
