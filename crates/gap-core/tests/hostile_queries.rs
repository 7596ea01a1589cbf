//! Queries with bad arguments, on the embedded catalog: unknown skills and
//! roles, bad levels, empty, duplicate and made-up targets, avoiding
//! everything, budgets of 0 to 2 search nodes, schedules with bad hours per
//! week, hand-made invalid paths, absurd synthetic sizes, empty matrices, and
//! `with_roles` with bad roles.

mod common;

use gap_core::format::RoleDef;
use gap_core::{
    Catalog, Error, LearningPath, Mode, PathOptions, Profile, Step, Target, synthetic::synthetic,
};

use common::hostile::*;

/// An unknown-skill error for `id` (in a batch, inside the error that names
/// the profile).
fn is_unknown_skill(e: &Error, id: &str) -> bool {
    match e {
        Error::InProfile { source, .. } => is_unknown_skill(source, id),
        // A name or alias of a skill given as an id (`PYTHON`) says so.
        _ => {
            matches!(e, Error::UnknownSkill { id: i, .. } | Error::SkillName { name: i, .. } if i == id)
        }
    }
}

#[test]
fn profiles_with_unknown_skills_and_bad_levels() {
    let cat = default_cat();
    let t = [Target::from("data-analyst")];
    let opts = PathOptions::default();
    // Unknown ids: with suggestions where one is close.
    let p = Profile::new().with("pyhton", 1);
    let Err(e) = cat.learning_path(&p, &t, &opts) else {
        panic!()
    };
    match &e {
        Error::UnknownSkill { id, suggestions } => {
            assert_eq!(id, "pyhton");
            assert!(suggestions.iter().any(|s| s == "python"), "{suggestions:?}");
        }
        other => panic!("{other}"),
    }
    for id in [
        "",
        "PYTHON",
        "日本語",
        "x".repeat(100_000).as_str(),
        "\u{0}",
    ] {
        let p = Profile::new().with(id, 1);
        for e in [
            cat.learning_path(&p, &t, &opts).err(),
            cat.gap(&p, &t[0]).err(),
            cat.rank_roles(&p, None).err(),
            cat.next_steps(&p, None).err(),
            cat.hours_matrix(std::slice::from_ref(&p), None).err(),
        ] {
            let Some(e) = e else {
                panic!("an unknown skill was accepted")
            };
            assert!(is_unknown_skill(&e, id), "{e}");
        }
    }
    // Levels above the highest, and u32::MAX.
    for level in [4, 1000, u32::MAX] {
        let p = Profile::new().with("python", level);
        for e in [
            cat.learning_path(&p, &t, &opts).err(),
            cat.gap(&p, &t[0]).err(),
            cat.rank_roles(&p, None).err(),
            cat.next_steps(&p, Some(&t)).err(),
        ] {
            assert!(
                matches!(e, Some(Error::Profile { ref skill, .. }) if skill == "python"),
                "{e:?}"
            );
        }
    }
    // Signed levels.
    for level in [-1, i64::MIN, i64::from(u32::MAX) + 1, i64::MAX] {
        match Profile::from_signed([("python", level)]) {
            Err(Error::Profile {
                skill,
                level: l,
                message,
            }) => {
                assert_eq!((skill.as_str(), l), ("python", level));
                let why = if level < 0 {
                    "0 or more"
                } else {
                    "at most 4294967295"
                };
                assert!(message.contains(why), "{message}");
            }
            other => panic!("{level}: {other:?}"),
        }
    }
    assert!(Profile::from_signed([("python", 0)]).is_ok_and(|p| p.is_empty()));
    for r in [
        "",
        "@",
        "python@0",
        "python@-1",
        "python@4294967296",
        "Python",
        "a b",
    ] {
        assert!(
            matches!(Profile::from_refs([r]), Err(Error::Profile { .. })),
            "{r:?}"
        );
    }
}

#[test]
fn targets_empty_duplicate_unknown_and_made_up() {
    let cat = default_cat();
    let me = Profile::new();
    let opts = PathOptions::default();
    // No targets: a clear argument error, in every mode.
    for mode in [Mode::All, Mode::Any] {
        let o = {
            let mut o = PathOptions::default();
            o.mode = mode;
            o
        };
        assert!(matches!(
            cat.learning_path(&me, &[], &o),
            Err(Error::InvalidArgument(_))
        ));
    }
    // The same target twice is the same as once.
    let one = cat.learning_path(&me, &[Target::from("ml-engineer")], &opts);
    let twice = cat.learning_path(
        &me,
        &[Target::from("ml-engineer"), Target::from("ml-engineer")],
        &opts,
    );
    match (one, twice) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.steps, b.steps);
            assert_eq!(a.total_hours, b.total_hours);
            check_path(&cat, &b);
        }
        other => panic!("{other:?}"),
    }
    // A thousand copies of one target, in both modes: the same path.
    for mode in [Mode::All, Mode::Any] {
        let o = {
            let mut o = PathOptions::default();
            o.mode = mode;
            o
        };
        let many = vec![Target::from("ml-engineer"); 1000];
        let (Ok(a), Ok(b)) = (
            cat.learning_path(&me, &many, &o),
            cat.learning_path(&me, &many[..1], &o),
        ) else {
            panic!("{mode:?}")
        };
        assert_eq!(a.total_hours, b.total_hours, "{mode:?}");
        assert_eq!(a.steps.len(), b.steps.len(), "{mode:?}");
        assert!(cat.next_steps(&me, Some(&many)).is_ok());
        assert!(
            cat.rank_roles(&me, Some(&many))
                .is_ok_and(|r| r.len() == 1000)
        );
    }
    // Unknown role ids, with suggestions.
    let Err(Error::UnknownRole { id, suggestions }) =
        cat.learning_path(&me, &[Target::from("ml-engineeer")], &opts)
    else {
        panic!()
    };
    assert_eq!(id, "ml-engineeer");
    assert!(
        suggestions.iter().any(|s| s == "ml-engineer"),
        "{suggestions:?}"
    );
    for id in ["", "ML-ENGINEER", "x".repeat(100_000).as_str()] {
        for e in [
            cat.learning_path(&me, &[Target::from(id)], &opts).err(),
            cat.gap(&me, &Target::from(id)).err(),
            cat.rank_roles(&me, Some(&[Target::from(id)])).err(),
            cat.next_steps(&me, Some(&[Target::from(id)])).err(),
            cat.hours_matrix(std::slice::from_ref(&me), Some(&[Target::from(id)]))
                .err(),
        ] {
            assert!(matches!(e, Some(Error::UnknownRole { .. })), "{e:?}");
        }
    }
    // Made-up roles: bad id, unknown skills, bad groups, levels out of range.
    let bad_roles = [
        role("Bad Id", vec!["python".into()]),
        role("", vec![]),
        role("ok", vec!["no-such-skill".into()]),
        role("ok", vec!["python@4".into()]),
        role("ok", vec!["python@4294967296".into()]),
        role("ok", vec![group(&["python", "sql"], 0)]),
        role("ok", vec![group(&["python", "sql"], 3)]),
        role("ok", vec![group(&[], 1)]),
        role("ok", vec![group(&["python", "python"], 1)]),
        role("ok", vec!["python".into(), "python".into()]),
        RoleDef {
            optional: vec!["nope".into()],
            ..role("ok", vec![])
        },
        // A made-up role whose id is one of the catalog's.
        role("ml-engineer", vec!["python".into()]),
    ];
    for r in bad_roles {
        let t = Target::Role(r.clone());
        for e in [
            cat.learning_path(&me, std::slice::from_ref(&t), &opts)
                .err(),
            cat.gap(&me, &t).err(),
            cat.rank_roles(&me, Some(std::slice::from_ref(&t))).err(),
            cat.next_steps(&me, Some(std::slice::from_ref(&t))).err(),
        ] {
            let Some(e) = e else {
                panic!("made-up role {r:?} was accepted")
            };
            assert!(matches!(e, Error::Invalid(_)), "{r:?}: {e}");
            assert_located(&e);
        }
    }
    // The catalog's own role passed back as a definition is that role.
    let Ok(ix) = cat.role_index("ml-engineer") else {
        panic!()
    };
    let own = Target::Role(cat.role_def(ix));
    let by_id = Target::from("ml-engineer");
    assert_eq!(
        cat.learning_path(&me, std::slice::from_ref(&own), &opts)
            .ok(),
        cat.learning_path(&me, std::slice::from_ref(&by_id), &opts)
            .ok()
    );
    assert_eq!(cat.gap(&me, &own).ok(), cat.gap(&me, &by_id).ok());
    // An empty made-up role: job-ready already, an empty path.
    let t = Target::Role(role("empty", vec![]));
    let Ok(p) = cat.learning_path(&me, std::slice::from_ref(&t), &opts) else {
        panic!()
    };
    assert!(p.steps.is_empty());
    assert_eq!(p.total_hours, 0.0);
    let Ok(g) = cat.gap(&me, &t) else { panic!() };
    assert!(g.ready);
    assert_eq!(g.coverage, 1.0);
}

#[test]
fn avoid_everything_nothing_and_unknown() {
    let cat = default_cat();
    let me = Profile::new();
    let all: Vec<String> = cat.skills().iter().map(|s| s.id.clone()).collect();
    let roles: Vec<Target> = cat
        .roles()
        .iter()
        .map(|r| Target::from(r.id.as_str()))
        .collect();
    for mode in [Mode::All, Mode::Any] {
        let opts = {
            let mut o = PathOptions::default();
            o.mode = mode;
            o.avoid = all.clone();
            o
        };
        for t in &roles {
            let e = cat.learning_path(&me, std::slice::from_ref(t), &opts);
            assert!(matches!(e, Err(Error::Infeasible { .. })), "{e:?}");
        }
        let e = cat.learning_path(&me, &roles, &opts);
        assert!(matches!(e, Err(Error::Infeasible { .. })), "{e:?}");
        // Avoiding everything is fine when nothing is needed.
        let empty = Target::Role(role("empty", vec![]));
        assert!(
            cat.learning_path(&me, &[empty], &opts)
                .is_ok_and(|p| p.steps.is_empty())
        );
    }
    // Avoid lists with unknown ids, duplicates, and avoiding what is known.
    for avoid in [
        vec!["nope".to_string()],
        vec![String::new()],
        vec!["PYTHON".into()],
    ] {
        let opts = {
            let mut o = PathOptions::default();
            o.avoid = avoid.clone();
            o
        };
        let Err(e) = cat.learning_path(&me, &roles[..1], &opts) else {
            panic!("{avoid:?}")
        };
        assert!(is_unknown_skill(&e, &avoid[0]), "{e}");
    }
    let opts = {
        let mut o = PathOptions::default();
        o.avoid = vec!["python".into(); 1000];
        o
    };
    let known: Profile = cat.skills().iter().map(|s| (s.id.clone(), 1u32)).collect();
    // Python@1 is known: a role is reachable without python@2 and above,
    // or infeasible because a step it needs is a python level (avoided).
    let (mut reached, mut blocked) = (0, 0);
    for t in &roles {
        match cat.learning_path(&known, std::slice::from_ref(t), &opts) {
            Ok(p) => {
                check_path(&cat, &p);
                assert!(p.steps.iter().all(|s| s.skill != "python"), "{t:?}");
                reached += 1;
            }
            Err(Error::Infeasible { reason, .. }) => {
                assert!(
                    reason.contains("`python@") && reason.contains("is avoided"),
                    "{t:?}: {reason}"
                );
                blocked += 1;
            }
            Err(e) => panic!("{e}"),
        }
    }
    assert!(
        reached > 0 && blocked > 0,
        "{reached} reached, {blocked} blocked"
    );
}

/// Budgets of 0 and 1 search nodes: a path whose `optimal` and `lower_bound`
/// tell the truth, compared with the default budget's proven optimum.
#[test]
fn tiny_budgets_are_honest() {
    let cat = default_cat();
    let profiles = [
        Profile::new(),
        Profile::from_refs(["python@2", "sql", "statistics"]).unwrap_or_default(),
    ];
    let mut targets: Vec<Vec<Target>> = cat
        .roles()
        .iter()
        .map(|r| vec![Target::from(r.id.as_str())])
        .collect();
    targets.push(
        cat.roles()
            .iter()
            .take(4)
            .map(|r| Target::from(r.id.as_str()))
            .collect(),
    );
    for me in &profiles {
        for t in &targets {
            let Ok(best) = cat.learning_path(me, t, &PathOptions::default()) else {
                panic!("{t:?}")
            };
            assert!(best.optimal, "the default budget proves {t:?}");
            for budget in [0, 1, 2] {
                let opts = {
                    let mut o = PathOptions::default();
                    o.limits.budget = Some(budget);
                    o
                };
                let Ok(p) = cat.learning_path(me, t, &opts) else {
                    panic!("budget {budget} {t:?}")
                };
                check_path(&cat, &p);
                let tol = 1e-9 * best.total_hours.max(1.0);
                assert!(p.total_hours >= best.total_hours - tol, "beats the optimum");
                assert!(
                    p.lower_bound <= best.total_hours + tol,
                    "bound above the optimum"
                );
                if p.optimal {
                    assert!((p.total_hours - best.total_hours).abs() <= tol);
                }
            }
        }
    }
}

#[test]
fn schedules_with_bad_hours_per_week() {
    let cat = default_cat();
    let Ok(p) = cat.learning_path(
        &Profile::new(),
        &[Target::from("ml-engineer")],
        &PathOptions::default(),
    ) else {
        panic!()
    };
    for hpw in [
        0.0,
        -0.0,
        -1.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1e-300,
        f64::MIN_POSITIVE,
        5e-324,
    ] {
        let r = cat.schedule(&p, hpw);
        assert!(matches!(r, Err(Error::InvalidArgument(_))), "{hpw}: {r:?}");
    }
    for hpw in [1e300, f64::MAX, 1e-2, 1.0, 40.0] {
        match cat.schedule(&p, hpw) {
            Ok(s) => {
                assert!(s.total_weeks >= 1);
                assert_eq!(s.weeks.len(), s.total_weeks as usize);
            }
            Err(e) => panic!("{hpw}: {e}"),
        }
    }
    // An empty path: zero weeks.
    let empty = LearningPath::new(vec![], Profile::new()).with_bound(true, 0.0);
    assert!(cat.schedule(&empty, 10.0).is_ok_and(|s| s.total_weeks == 0));
    assert!(cat.milestones(&empty).is_ok_and(|m| m.is_empty()));
}

fn step(skill: &str, level: u32, hours: f64) -> Step {
    Step::new(skill, level, hours)
}

fn path_of(steps: Vec<Step>, start: Profile) -> LearningPath {
    // The naive total, as a caller might write it (hostile hours included).
    let naive = steps.iter().map(|s| s.hours).sum();
    let mut p = LearningPath::new(steps, start).with_targets(["made-up"]);
    p.total_hours = naive;
    p
}

/// Paths made by hand that no engine would return.
#[test]
fn milestones_and_schedules_of_invalid_paths() {
    let cat = default_cat();
    let bad_paths = [
        path_of(vec![step("nope", 1, 1.0)], Profile::new()),
        path_of(vec![step("", 1, 1.0)], Profile::new()),
        path_of(vec![step("python", 0, 1.0)], Profile::new()),
        path_of(vec![step("python", 2, 1.0)], Profile::new()),
        path_of(vec![step("python", 4, 1.0)], Profile::new()),
        path_of(vec![step("python", u32::MAX, 1.0)], Profile::new()),
        path_of(
            vec![step("python", 1, 1.0), step("python", 1, 1.0)],
            Profile::new(),
        ),
        path_of(vec![step("python", 1, f64::NAN)], Profile::new()),
        path_of(vec![step("python", 1, -1.0)], Profile::new()),
        path_of(vec![step("python", 1, f64::INFINITY)], Profile::new()),
        path_of(vec![step("python", 1, 1.0)], Profile::new().with("nope", 1)),
        path_of(
            vec![step("python", 1, 1.0)],
            Profile::new().with("python", 9),
        ),
        path_of(
            vec![step("python", 1, 1.0)],
            Profile::new().with("python", 1),
        ),
        // pytorch's prerequisites are not met.
        path_of(vec![step("pytorch", 1, 1.0)], Profile::new()),
    ];
    for p in &bad_paths {
        let m = cat.milestones(p);
        assert!(m.is_err(), "{:?} gave milestones {m:?}", p.steps);
        for hpw in [10.0, 1e-300, f64::NAN] {
            assert!(cat.schedule(p, hpw).is_err(), "{:?}", p.steps);
        }
    }
    // A valid hand-made path with zero-hour and huge steps.
    let ok = path_of(
        vec![
            step("linear-algebra", 1, 0.0),
            step("linear-algebra", 2, 1e300),
            step("linear-algebra", 3, 0.0),
        ],
        Profile::new(),
    );
    assert!(cat.milestones(&ok).is_ok());
    assert!(matches!(
        cat.schedule(&ok, 1.0),
        Err(Error::InvalidArgument(_))
    ));
    assert!(cat.schedule(&ok, 1e300).is_ok_and(|s| s.total_weeks == 1));
}

#[test]
fn synthetic_with_absurd_arguments() {
    let t = std::time::Instant::now();
    for (n, r, f) in [
        (usize::MAX, 10, 0.1),
        (10, usize::MAX, 0.1),
        (usize::MAX, usize::MAX, 0.1),
        (10, 10, f64::NAN),
        (10, 10, -1.0),
        (10, 10, 2.0),
        (10, 10, f64::INFINITY),
        (10, 10, f64::NEG_INFINITY),
        (10, 10, -0.000_001),
        (10, 10, 1.000_001),
    ] {
        let e = synthetic(n, r, 0, f);
        assert!(
            matches!(e, Err(Error::InvalidArgument(_))),
            "({n}, {r}, {f})"
        );
        let e = Catalog::synthetic(n, r, u64::MAX, f);
        assert!(
            matches!(e, Err(Error::InvalidArgument(_))),
            "({n}, {r}, {f})"
        );
    }
    assert!(t.elapsed().as_secs() < 5, "absurd sizes must fail fast");
    // Degenerate sizes are valid catalogs.
    for (n, r, f) in [
        (0, 0, 0.0),
        (0, 5, 1.0),
        (1, 0, 0.5),
        (1, 1, 1.0),
        (2, 3, -0.0),
    ] {
        match synthetic(n, r, u64::MAX, f) {
            Ok(cat) => {
                assert_eq!((cat.skills().len(), cat.roles().len()), (n, r));
                exercise(&cat);
            }
            Err(e) => panic!("({n}, {r}, {f}): {e}"),
        }
    }
}

#[test]
fn matrices_and_rankings_of_nothing() {
    let cat = default_cat();
    let me = Profile::new();
    assert!(cat.hours_matrix(&[], None).is_ok_and(|m| m.is_empty()));
    assert!(cat.hours_matrix(&[], Some(&[])).is_ok_and(|m| m.is_empty()));
    assert!(
        cat.hours_matrix(std::slice::from_ref(&me), Some(&[]))
            .is_ok_and(|m| m.is_empty())
    );
    assert!(cat.rank_roles(&me, Some(&[])).is_ok_and(|r| r.is_empty()));
    // No targets to move towards: no step is on a path to one.
    assert!(cat.next_steps(&me, Some(&[])).is_ok_and(|s| s.is_empty()));
    // A catalog with nothing in it.
    let Some(empty) = json_result("{}") else {
        panic!()
    };
    exercise(&empty);
    assert!(
        empty
            .hours_matrix(&[me.clone(), me.clone()], None)
            .is_ok_and(|m| m.is_empty())
    );
    assert!(empty.rank_roles(&me, None).is_ok_and(|r| r.is_empty()));
    assert!(empty.next_steps(&me, None).is_ok_and(|r| r.is_empty()));
    #[cfg(feature = "text")]
    assert!(empty.match_text("python").is_empty());
    // A thousand profiles, some bad: the first bad one is the error.
    let mut many = vec![me.clone(); 1000];
    assert!(
        cat.hours_matrix(&many, None)
            .is_ok_and(|m| m.len() == 1000 * cat.roles().len())
    );
    many[500] = Profile::new().with("nope", 1);
    match cat.hours_matrix(&many, None) {
        Err(Error::InProfile { index: 500, source }) => assert!(is_unknown_skill(&source, "nope")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn with_roles_hostile() {
    let cat = default_cat();
    for roles in [
        vec![role("ml-engineer", vec![])],
        vec![role("new", vec![]), role("new", vec![])],
        vec![role("Bad", vec![])],
        vec![role("new", vec!["nope".into()])],
        vec![role("new", vec![group(&[], 1)])],
    ] {
        let Err(e) = cat.with_roles(roles.clone()) else {
            panic!("{roles:?}")
        };
        assert!(matches!(e, Error::Invalid(_)), "{e}");
    }
    assert!(cat.with_roles(vec![]).is_ok_and(|c| c == cat));
}

/// Issue 17, finding 7 (permissive parsing): a mode is spelt exactly:
/// `"all"`, `"any"` or a plain number, never with spaces, a sign or a
/// leading zero.
#[test]
fn modes_are_parsed_strictly() {
    assert_eq!("3".parse::<Mode>().ok(), Some(Mode::AtLeast(3)));
    assert_eq!("0".parse::<Mode>().ok(), Some(Mode::AtLeast(0)));
    for bad in [
        " any", "any ", "All", " 3", "3 ", "+3", "03", "-1", "", "3.0", "٣",
    ] {
        assert!(
            matches!(
                bad.parse::<Mode>(),
                Err(gap_core::Error::InvalidArgument(_))
            ),
            "{bad:?}"
        );
    }
}

/// Issue 17 finding 2: `next_steps` towards a target needing half of a
/// large group of equal members lists every member (each belongs to some
/// minimal optimal set), and a member that costs more than the others does
/// not appear; interchangeable members are settled without one forced
/// search each (the time is measured in `python/tests/test_robust.py`).
#[test]
fn next_steps_with_a_large_group_of_equals() {
    let n = 2_000;
    let mut skills: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id": "s{i}", "name": "s{i}", "hours": 1}}"#))
        .collect();
    skills.push(r#"{"id": "dear", "name": "dear", "hours": 5}"#.to_string());
    let mut members: Vec<String> = (0..n).map(|i| format!(r#""s{i}""#)).collect();
    members.push(r#""dear""#.to_string());
    let json = format!(
        r#"{{"skills": [{}], "roles": [{{"id": "r", "name": "R", "requires": [{{"any_of": [{}], "count": {}}}]}}]}}"#,
        skills.join(","),
        members.join(","),
        n / 2
    );
    let cat = Catalog::from_json(&json).unwrap();
    let steps = cat
        .next_steps(&Profile::new(), Some(&[Target::from("r")]))
        .unwrap();
    assert_eq!(steps.len(), n);
    assert!(steps.iter().all(|s| s.skill != "dear" && s.hours == 1.0));
}
