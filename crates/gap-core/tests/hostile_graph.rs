//! Graphs of 200,000 skills (a chain, a chain of levels, fan-ins through a
//! skill, a role and a group, a cycle) through validation and every query, on
//! a 256 KiB stack so that any recursion over the graph would overflow and
//! abort the run.

mod common;

use std::collections::BTreeMap;

use gap_core::format::{CatalogDef, Hours, ReqDef, SkillDef};
use gap_core::{Catalog, Order, PathOptions, Profile, Target};

use common::hostile::*;

const BIG: usize = 200_000;

fn chain_def(n: usize) -> CatalogDef {
    let skills = (0..n)
        .map(|i| {
            let prev = if i == 0 {
                vec![]
            } else {
                vec![format!("k{}", i - 1)]
            };
            SkillDef {
                requires: prev.into_iter().map(ReqDef::Ref).collect(),
                ..skill(&format!("k{i}"), 1.0, &[])
            }
        })
        .collect();
    def(
        skills,
        vec![
            role("top", vec![ReqDef::Ref(format!("k{}", n - 1))]),
            role("mid", vec![ReqDef::Ref(format!("k{}", n / 2))]),
        ],
    )
}

/// Runs every query on a big catalog towards `targets`, and checks the path.
fn exercise_big(cat: &Catalog, targets: &[Target], expect_steps: usize) {
    let me = Profile::new();

    for order in [Order::Default, Order::Milestones] {
        let opts = {
            let mut o = PathOptions::default();
            o.order = order;
            o
        };
        let p = match cat.learning_path(&me, targets, &opts) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(p.steps.len(), expect_steps);
        if order == Order::Default {
            check_path(cat, &p);
        }
        let Ok(m) = cat.milestones(&p) else { panic!() };
        assert!(!m.is_empty());
    }
    for t in targets {
        match cat.gap(&me, t) {
            Ok(g) => assert!(!g.ready),
            Err(e) => panic!("{e}"),
        }
    }
    match cat.rank_roles(&me, None) {
        Ok(r) => assert_eq!(r.len(), cat.roles().len()),
        Err(e) => panic!("{e}"),
    }
    match cat.hours_matrix(&[me.clone(), me.clone()], None) {
        Ok(m) => assert_eq!(m.len(), 2 * cat.roles().len()),
        Err(e) => panic!("{e}"),
    }
    match cat.next_steps(&me, Some(targets)) {
        Ok(n) => assert!(!n.is_empty()),
        Err(e) => panic!("{e}"),
    }
    match cat.next_steps(&me, None) {
        Ok(n) => assert!(!n.is_empty()),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn chain_of_200k_on_a_small_stack() {
    on_stack(SMALL_STACK, || {
        let d = chain_def(BIG);
        let cat = match Catalog::from_def(&d) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(cat.step_graph().topo().len(), BIG);
        exercise_big(&cat, &[Target::from("top")], BIG);
        // Through text and back.
        let back = Catalog::from_json(&cat.to_json());
        assert!(back.is_ok_and(|b| b == cat));
    });
}

#[test]
fn chain_of_200k_levels_on_a_small_stack() {
    on_stack(SMALL_STACK, || {
        // One skill with 200,000 levels, each level also needing the level
        // below of a second long skill.
        let mut a = skill("a", 1.0, &[]);
        a.hours = Hours::Levels(vec![1.0; BIG]);
        let mut b = skill("b", 1.0, &["a"]);
        b.hours = Hours::Levels(vec![1.0; BIG]);
        b.level_requires = (2..=BIG)
            .map(|l| (l.to_string(), vec![ReqDef::Ref(format!("a@{l}"))]))
            .collect::<BTreeMap<_, _>>();
        let d = def(
            vec![a, b],
            vec![
                role("top", vec![ReqDef::Ref(format!("b@{BIG}"))]),
                role("mid", vec![ReqDef::Ref(format!("a@{}", BIG / 2))]),
            ],
        );
        let cat = match Catalog::from_def(&d) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        exercise_big(&cat, &[Target::from("top")], 2 * BIG);
    });
}

#[test]
fn fan_in_of_200k_on_a_small_stack() {
    on_stack(SMALL_STACK, || {
        let ids: Vec<String> = (0..BIG).map(|i| format!("k{i}")).collect();
        let mut skills: Vec<SkillDef> = ids.iter().map(|id| skill(id, 1.0, &[])).collect();
        // One skill requiring all of them; one role requiring all of them.
        let mut top = skill("top", 1.0, &[]);
        top.requires = ids.iter().map(|id| ReqDef::Ref(id.clone())).collect();
        skills.push(top);
        let d = def(
            skills,
            vec![
                role("via-skill", vec!["top".into()]),
                role(
                    "wide",
                    ids.iter().map(|id| ReqDef::Ref(id.clone())).collect(),
                ),
                role("one", vec!["k0".into()]),
            ],
        );
        let t = std::time::Instant::now();
        let cat = match Catalog::from_def(&d) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        assert!(
            t.elapsed().as_secs() < 20,
            "validating a 200,000-wide fan-in took {:?}",
            t.elapsed()
        );
        exercise_big(&cat, &[Target::from("via-skill")], BIG + 1);
        exercise_big(&cat, &[Target::from("wide")], BIG);
        // The same entry twice in a wide role is still found.
        let mut d2 = d.clone();
        d2.roles[1].requires.push(ReqDef::Ref("k7".into()));
        let Err(e) = Catalog::from_def(&d2) else {
            panic!("duplicate entry missed")
        };
        assert!(e.to_string().contains("duplicate entry `k7`"), "{e}");
    });
}

/// 200,000 skills and groups over all of them: pick one (through a skill),
/// pick all, and (`with_half`) pick half.
fn group_fan_in_catalog(with_half: bool) -> Catalog {
    let ids: Vec<String> = (0..BIG).map(|i| format!("k{i}")).collect();
    let mut skills: Vec<SkillDef> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| skill(id, 1.0 + (i % 7) as f64, &[]))
        .collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut top = skill("top", 1.0, &[]);
    top.requires = vec![group(&refs, 1)];
    skills.push(top);
    let mut roles = vec![
        role("any", vec!["top".into()]),
        role("all", vec![group(&refs, BIG as i64)]),
    ];
    if with_half {
        roles.push(role("half", vec![group(&refs, (BIG / 2) as i64)]));
    }
    let d = def(skills, roles);
    match Catalog::from_def(&d) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    }
}

fn group_paths(cat: &Catalog, roles: &[(&str, usize)]) {
    let me = Profile::new();
    for &(id, steps) in roles {
        for budget in [Some(0), Some(1), None] {
            let opts = {
                let mut o = PathOptions::default();
                o.limits.budget = budget;
                o
            };
            match cat.learning_path(&me, &[Target::from(id)], &opts) {
                Ok(p) => {
                    assert_eq!(p.steps.len(), steps, "{id}");
                    check_path(cat, &p);
                }
                Err(e) => panic!("{id}: {e}"),
            }
        }
    }
}

#[test]
fn group_fan_in_of_200k_on_a_small_stack() {
    on_stack(SMALL_STACK, || {
        let cat = group_fan_in_catalog(false);
        group_paths(&cat, &[("any", 2)]);
        let me = Profile::new();
        for id in ["any", "all"] {
            match cat.gap(&me, &Target::from(id)) {
                Ok(g) => assert!(!g.ready),
                Err(e) => panic!("{e}"),
            }
        }
        assert!(cat.rank_roles(&me, None).is_ok_and(|r| r.len() == 2));
        assert!(cat.next_steps(&me, None).is_ok());
        assert!(cat.next_steps(&me, Some(&[Target::from("all")])).is_ok());
    });
}

/// The path that takes all 200,000 members of one group.
#[test]
fn group_path_of_200k_members_on_a_small_stack() {
    on_stack(SMALL_STACK, || {
        let cat = group_fan_in_catalog(false);
        group_paths(&cat, &[("all", BIG)]);
    });
}

/// Any query on a group that needs 100,000 of its 200,000 members.
#[test]
fn group_of_200k_needing_half_on_a_small_stack() {
    on_stack(SMALL_STACK, || {
        let cat = group_fan_in_catalog(true);
        let me = Profile::new();
        let t = [Target::from("half")];
        assert!(cat.gap(&me, &t[0]).is_ok());
        assert!(cat.rank_roles(&me, Some(&t)).is_ok());
        let opts = {
            let mut o = PathOptions::default();
            o.limits.budget = Some(0);
            o
        };
        assert!(
            cat.learning_path(&me, &t, &opts)
                .is_ok_and(|p| p.steps.len() == BIG / 2)
        );
    });
}

#[test]
fn cycle_of_200k_on_a_small_stack() {
    on_stack(SMALL_STACK, || {
        let mut d = chain_def(BIG);
        d.skills[0].requires = vec![ReqDef::Ref(format!("k{}", BIG - 1))];
        let Err(e) = Catalog::from_def(&d) else {
            panic!("a cycle was accepted")
        };
        let Some(cycle) = e.cycle() else {
            panic!("{e}")
        };
        assert_eq!(cycle.len(), BIG);
        // A cycle through two levels of one skill, at the end of a long chain.
        let mut d = chain_def(BIG);
        let last = d.skills.len() - 1;
        d.skills[last].hours = Hours::Levels(vec![1.0, 1.0]);
        d.skills[0].requires = vec![ReqDef::Ref(format!("k{last}@2"))];
        let Err(e) = Catalog::from_def(&d) else {
            panic!("a cycle was accepted")
        };
        assert!(e.cycle().is_some_and(|c| c.len() == BIG + 1), "{e}");
    });
}
