//! Hand-written checks of the queries of SPEC 4: orders, reasons, `avoid`
//! errors, modes, transfers, gap, ranking, next steps, and a 200,000-step
//! prerequisite chain.

use gap_core::format::{CatalogDef, Hours, ReqDef, RoleDef, SkillDef};
use gap_core::{Catalog, Error, LearningPath, Missing, Mode, PathOptions, Profile, Reason, Target};

const AI: &str = r#"{
  "skills": [
    {"id": "python", "name": "Python", "hours": [40, 80, 120]},
    {"id": "sql", "name": "SQL", "hours": 30},
    {"id": "linear-algebra", "name": "Linear algebra", "hours": 20},
    {"id": "calculus", "name": "Calculus", "hours": 25},
    {"id": "statistics", "name": "Statistics", "hours": 30},
    {"id": "pandas", "name": "pandas", "hours": 30, "requires": ["python@2"]},
    {"id": "tensorflow", "name": "TensorFlow", "hours": 60, "requires": ["python@2"]},
    {"id": "pytorch", "name": "PyTorch", "hours": 60,
     "requires": ["python@2", {"any_of": ["linear-algebra", "calculus"]}]},
    {"id": "linux", "name": "Linux", "hours": 10},
    {"id": "docker", "name": "Docker", "hours": 20, "requires": ["linux"]},
    {"id": "kubernetes", "name": "Kubernetes", "hours": 40, "requires": ["docker"]},
    {"id": "aws", "name": "AWS", "hours": 30, "requires": ["linux"]},
    {"id": "gcp", "name": "GCP", "hours": 35, "requires": ["linux"]},
    {"id": "azure", "name": "Azure", "hours": 40}
  ],
  "roles": [
    {"id": "analyst", "name": "Data Analyst", "requires": ["python@2", "sql"], "optional": ["pandas"]},
    {"id": "ml-engineer", "name": "ML Engineer",
     "requires": ["python@2", "docker", {"any_of": ["aws", "gcp", "azure"]}], "optional": ["kubernetes"]},
    {"id": "researcher", "name": "Researcher",
     "requires": ["pytorch", {"any_of": ["linear-algebra", "calculus", "statistics"], "count": 2}]},
    {"id": "aws-ops", "name": "AWS ops", "requires": [{"any_of": ["aws", "gcp"]}, "sql"]},
    {"id": "gcp-ops", "name": "GCP ops", "requires": [{"any_of": ["gcp", "azure"]}, "sql"]},
    {"id": "empty", "name": "Nothing needed"}
  ],
  "transfers": [{"from": "tensorflow", "to": "pytorch", "discount": 0.5}]
}"#;

fn cat() -> Catalog {
    match Catalog::from_json(AI) {
        Ok(c) => c,
        Err(e) => panic!("test catalog: {e}"),
    }
}

fn path(cat: &Catalog, profile: &[&str], targets: &[&str], opts: &PathOptions) -> LearningPath {
    let p = Profile::from_refs(profile).unwrap_or_default();
    let t: Vec<Target> = targets.iter().map(|&t| Target::from(t)).collect();
    match cat.learning_path(&p, &t, opts) {
        Ok(p) => p,
        Err(e) => panic!("learning_path {targets:?}: {e}"),
    }
}

fn steps(p: &LearningPath) -> Vec<String> {
    p.steps
        .iter()
        .map(|s| {
            if s.level == 1 {
                s.skill.clone()
            } else {
                format!("{}@{}", s.skill, s.level)
            }
        })
        .collect()
}

fn role(role: &str, entry: &str) -> Reason {
    Reason::Role {
        role: role.into(),
        entry: entry.into(),
    }
}

fn pre(skill: &str, level: u32) -> Reason {
    Reason::Prerequisite {
        skill: skill.into(),
        level,
    }
}

#[test]
fn order_keeps_prerequisites_before_their_entry() {
    let c = cat();
    let p = path(&c, &[], &["analyst"], &PathOptions::default());
    assert_eq!(steps(&p), ["python", "python@2", "sql"]);
    assert_eq!(p.total_hours, 150.0);
    assert!(p.optimal);
    assert_eq!(p.lower_bound, p.total_hours);
    assert_eq!(p.targets, ["analyst"]);
    assert_eq!(p.steps[0].reasons, [pre("python", 2)]);
    assert_eq!(p.steps[1].reasons, [role("analyst", "python@2")]);
    assert_eq!(p.steps[2].reasons, [role("analyst", "sql")]);
}

#[test]
fn groups_pick_the_cheapest_member_given_shared_prerequisites() {
    let c = cat();
    let p = path(&c, &["python@2"], &["ml-engineer"], &PathOptions::default());
    // docker needs linux (10); aws then costs 30 more, gcp 35, azure 40.
    assert_eq!(steps(&p), ["linux", "docker", "aws"]);
    assert_eq!(p.total_hours, 60.0);
    let linux = &p.steps[0];
    assert_eq!(linux.reasons, [pre("aws", 1), pre("docker", 1)]);
    assert_eq!(
        p.steps[2].reasons,
        [role("ml-engineer", "any_of[aws, gcp, azure]")]
    );
    // Without the shared linux, azure (40) beats aws (30 + 10)? No: 40 = 40,
    // the tie keeps one of them; knowing docker already removes the sharing.
    let q = path(
        &c,
        &["python@2", "docker"],
        &["ml-engineer"],
        &PathOptions::default(),
    );
    assert_eq!(q.total_hours, 40.0);
    assert!(q.optimal);
}

#[test]
fn count_groups_and_role_entry_text() {
    let c = cat();
    let p = path(&c, &["python@2"], &["researcher"], &PathOptions::default());
    // pytorch needs one of la/calculus; the role needs two of la/calculus/statistics:
    // la (20) + calculus (25) serve both, cheaper than la + statistics (50).
    assert_eq!(p.total_hours, 60.0 + 20.0 + 25.0);
    assert!(p.optimal);
    let la = p
        .steps
        .iter()
        .find(|s| s.skill == "linear-algebra")
        .map(|s| s.reasons.clone());
    assert_eq!(
        la,
        Some(vec![
            role("researcher", "2 of [linear-algebra, calculus, statistics]"),
            pre("pytorch", 1)
        ])
    );
}

#[test]
fn avoid_names_the_requirement_that_cannot_be_met() {
    let c = cat();
    let t = [Target::from("ml-engineer")];
    let p = Profile::new();
    let avoid = |ids: &[&str]| {
        let mut o = PathOptions::default();
        o.avoid = ids.iter().map(|s| s.to_string()).collect();
        o
    };
    match c.learning_path(&p, &t, &avoid(&["docker"])) {
        Err(Error::Infeasible {
            target,
            requirement,
            reason,
        }) => {
            assert_eq!(target, "ml-engineer");
            assert_eq!(requirement, "docker");
            assert_eq!(reason, "`docker` is avoided");
        }
        other => panic!("expected infeasible, got {other:?}"),
    }
    match c.learning_path(&p, &t, &avoid(&["linux"])) {
        Err(Error::Infeasible {
            requirement,
            reason,
            ..
        }) => {
            assert_eq!(requirement, "docker");
            assert_eq!(reason, "`docker` needs `linux`, which is avoided");
        }
        other => panic!("expected infeasible, got {other:?}"),
    }
    match c.learning_path(
        &Profile::from_refs(["docker"]).unwrap_or_default(),
        &t,
        &avoid(&["aws", "gcp", "azure"]),
    ) {
        Err(Error::Infeasible {
            requirement,
            reason,
            ..
        }) => {
            assert_eq!(requirement, "any_of[aws, gcp, azure]");
            assert!(reason.contains("`aws` is avoided"), "{reason}");
        }
        other => panic!("expected infeasible, got {other:?}"),
    }
    // Avoiding one cloud picks another.
    let q = path(&c, &["python@2"], &["ml-engineer"], &avoid(&["aws"]));
    assert_eq!(steps(&q), ["linux", "docker", "gcp"]);
    // A known avoided skill is fine: avoid means "never learn".
    let q = path(
        &c,
        &["python@2", "linux"],
        &["ml-engineer"],
        &avoid(&["linux"]),
    );
    assert_eq!(steps(&q), ["docker", "aws"]);
    assert!(matches!(
        c.learning_path(&p, &t, &avoid(&["dockr"])),
        Err(Error::UnknownSkill { id, .. }) if id == "dockr"
    ));
}

#[test]
fn mode_all_shares_choices_and_mode_any_takes_the_cheapest() {
    let c = cat();
    let all = path(
        &c,
        &["sql"],
        &["aws-ops", "gcp-ops"],
        &PathOptions::default(),
    );
    let a = path(&c, &["sql"], &["aws-ops"], &PathOptions::default());
    let b = path(&c, &["sql"], &["gcp-ops"], &PathOptions::default());
    // Separately: aws (linux + aws = 40) and azure (40); jointly gcp + linux (45).
    assert_eq!((a.total_hours, b.total_hours), (40.0, 40.0));
    assert_eq!(all.total_hours, 45.0);
    assert!(all.total_hours < a.total_hours + b.total_hours);
    assert_eq!(steps(&all), ["linux", "gcp"]);
    assert_eq!(all.targets, ["aws-ops", "gcp-ops"]);
    assert_eq!(
        all.steps[1].reasons,
        [
            role("aws-ops", "any_of[aws, gcp]"),
            role("gcp-ops", "any_of[gcp, azure]")
        ]
    );

    let any = {
        let mut o = PathOptions::default();
        o.mode = Mode::Any;
        o
    };
    let p = path(&c, &[], &["ml-engineer", "analyst"], &any);
    assert_eq!(p.targets, ["analyst"]);
    assert_eq!(p.total_hours, 150.0);
    // Ties go to the first given.
    let p = path(&c, &["sql"], &["gcp-ops", "aws-ops"], &any);
    assert_eq!(p.targets, ["gcp-ops"]);
    // An infeasible target loses; all infeasible is an error.
    let avoid_sql = {
        let mut o = PathOptions::default();
        o.mode = Mode::Any;
        o.avoid = vec!["sql".into()];
        o
    };
    let p = path(&c, &[], &["analyst", "ml-engineer"], &avoid_sql);
    assert_eq!(p.targets, ["ml-engineer"]);
    assert!(matches!(
        c.learning_path(
            &Profile::new(),
            &[Target::from("analyst"), Target::from("aws-ops")],
            &avoid_sql
        ),
        Err(Error::Infeasible { .. })
    ));
}

#[test]
fn transfers_come_from_the_start_only_and_profiles_are_taken_as_given() {
    let c = cat();
    let custom = RoleDef {
        id: "torch".into(),
        name: "Torch user".into(),
        requires: vec![ReqDef::from("pytorch")],
        ..RoleDef::default()
    };
    let t = [Target::Role(custom.clone())];
    let known_tf = Profile::from_refs(["python@2", "tensorflow", "calculus"]).unwrap_or_default();
    let p = c.learning_path(&known_tf, &t, &PathOptions::default()).ok();
    assert_eq!(p.map(|p| p.total_hours), Some(30.0));
    // Learning tensorflow on the way gives no discount.
    let custom2 = RoleDef {
        requires: vec![ReqDef::from("pytorch"), ReqDef::from("tensorflow")],
        ..custom
    };
    let p = c
        .learning_path(
            &Profile::from_refs(["python@2", "calculus"]).unwrap_or_default(),
            &[Target::Role(custom2)],
            &PathOptions::default(),
        )
        .ok();
    assert_eq!(p.map(|p| p.total_hours), Some(120.0));
    // Knowing pandas does not imply python.
    let p = path(&c, &["pandas"], &["analyst"], &PathOptions::default());
    assert_eq!(steps(&p), ["python", "python@2", "sql"]);
}

#[test]
fn empty_role_and_errors() {
    let c = cat();
    let p = path(&c, &[], &["empty"], &PathOptions::default());
    assert!(p.steps.is_empty());
    assert_eq!((p.total_hours, p.optimal, p.lower_bound), (0.0, true, 0.0));
    assert!(matches!(
        c.learning_path(&Profile::new(), &[], &PathOptions::default()),
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(
        c.learning_path(
            &Profile::new(),
            &[Target::from("nope")],
            &PathOptions::default()
        ),
        Err(Error::UnknownRole { .. })
    ));
    assert!(matches!(
        c.learning_path(
            &Profile::from_refs(["python@4"]).unwrap_or_default(),
            &[Target::from("analyst")],
            &PathOptions::default()
        ),
        Err(Error::Profile { .. })
    ));
}

#[test]
fn gap_reports_entries_coverage_and_hours() {
    let c = cat();
    let g = c.gap(
        &Profile::from_refs(["python", "gcp"]).unwrap_or_default(),
        &Target::from("ml-engineer"),
    );
    let Ok(g) = g else { panic!("gap failed") };
    assert!(!g.ready);
    assert_eq!(
        g.missing,
        [
            Missing::Skill {
                entry: "python@2".into(),
                skill: "python".into(),
                current: 1,
                needed: 2
            },
            Missing::Skill {
                entry: "docker".into(),
                skill: "docker".into(),
                current: 0,
                needed: 1
            },
        ]
    );
    assert_eq!(g.optional_missing, ["kubernetes"]);
    assert_eq!(g.coverage, 1.0 / 4.0);
    assert_eq!(g.hours, 80.0 + 10.0 + 20.0);
    assert!(g.optimal);
    let g = c.gap(
        &Profile::from_refs(["linear-algebra"]).unwrap_or_default(),
        &Target::from("researcher"),
    );
    let Ok(g) = g else { panic!("gap failed") };
    assert!(matches!(
        &g.missing[1],
        Missing::Group {
            count: 2,
            satisfied: 1,
            more: 1,
            ..
        }
    ));
    let g = c.gap(&Profile::new(), &Target::from("empty"));
    assert!(
        matches!(g, Ok(Gap { ready: true, coverage, hours, .. }) if coverage == 1.0 && hours == 0.0)
    );
}

use gap_core::Gap;

#[test]
fn rank_sorts_by_hours_then_coverage_then_id() {
    let c = cat();
    let prof = Profile::from_refs(["python@2", "sql"]).unwrap_or_default();
    let Ok(r) = c.rank_roles(&prof, None) else {
        panic!("rank failed")
    };
    let ids: Vec<&str> = r.iter().map(|e| e.role.as_str()).collect();
    // analyst and empty: 0 hours; analyst has coverage 2/3, empty 1.0.
    assert_eq!(&ids[..2], ["empty", "analyst"]);
    assert!(r[0].ready && r[1].ready);
    assert_eq!((r[1].hours, r[1].coverage), (0.0, 2.0 / 3.0));
    // aws-ops and gcp-ops: both 40 hours and coverage 1/2: by id.
    let pos = |id: &str| ids.iter().position(|&x| x == id).unwrap_or(usize::MAX);
    assert!(pos("aws-ops") + 1 == pos("gcp-ops"));
    for w in r.windows(2) {
        assert!(w[0].hours <= w[1].hours);
    }
    // Agrees with gap, and with a subset in the order given by the ranking.
    for e in &r {
        let g = c.gap(&prof, &Target::from(e.role.as_str())).ok();
        assert_eq!(
            g.map(|g| (g.hours, g.coverage, g.ready)),
            Some((e.hours, e.coverage, e.ready))
        );
    }
    let Ok(sub) = c.rank_roles(
        &prof,
        Some(&[Target::from("researcher"), Target::from("analyst")]),
    ) else {
        panic!()
    };
    assert_eq!(
        sub.iter().map(|e| e.role.as_str()).collect::<Vec<_>>(),
        ["analyst", "researcher"]
    );
    // The matrix has a row per profile in the catalog's role order.
    let profiles = [Profile::new(), prof.clone()];
    let Ok(m) = c.hours_matrix(&profiles, None) else {
        panic!()
    };
    assert_eq!(m.len(), 2 * c.roles().len());
    for (i, p) in profiles.iter().enumerate() {
        for (j, ro) in c.roles().iter().enumerate() {
            let g = c
                .gap(p, &Target::from(ro.id.as_str()))
                .map(|g| g.hours)
                .ok();
            assert_eq!(Some(m[i * c.roles().len() + j]), g);
        }
    }
    // A bad profile's error names its index in the batch.
    match c.hours_matrix(
        &[
            Profile::new(),
            Profile::from_refs(["nope"]).unwrap_or_default(),
        ],
        None,
    ) {
        Err(Error::InProfile { index: 1, source }) => {
            assert!(matches!(*source, Error::UnknownSkill { .. }), "{source}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn next_steps_with_and_without_targets() {
    let c = cat();
    let Ok(all) = c.next_steps(&Profile::new(), None) else {
        panic!()
    };
    let got: Vec<(&str, f64)> = all.iter().map(|s| (s.skill.as_str(), s.hours)).collect();
    assert_eq!(
        got,
        [
            ("linux", 10.0),
            ("linear-algebra", 20.0),
            ("calculus", 25.0),
            ("sql", 30.0),
            ("statistics", 30.0),
            ("azure", 40.0),
            ("python", 40.0)
        ]
    );
    let t = [
        Target::from("aws-ops"),
        Target::from("gcp-ops"),
        Target::from("analyst"),
    ];
    // Two optimal choices for one target: both are listed.
    let tie = RoleDef {
        id: "tie".into(),
        name: "Tie".into(),
        requires: vec![ReqDef::Group(gap_core::format::GroupDef {
            any_of: vec!["statistics".into(), "aws".into(), "gcp".into()],
            count: 1,
        })],
        ..RoleDef::default()
    };
    let Ok(n) = c.next_steps(
        &Profile::from_refs(["linux"]).unwrap_or_default(),
        Some(&[Target::Role(tie)]),
    ) else {
        panic!()
    };
    assert_eq!(
        n.iter().map(|s| s.skill.as_str()).collect::<Vec<_>>(),
        ["aws", "statistics"]
    );
    let Ok(n) = c.next_steps(&Profile::new(), Some(&t)) else {
        panic!()
    };
    let got: Vec<(&str, Vec<String>)> = n
        .iter()
        .map(|s| (s.skill.as_str(), s.targets.clone()))
        .collect();
    // sql serves all three; linux only aws-ops (linux + aws = 40; for gcp-ops
    // linux + gcp = 45 loses to azure = 40); python the analyst.
    assert_eq!(
        got,
        [
            (
                "sql",
                vec!["aws-ops".to_string(), "gcp-ops".into(), "analyst".into()]
            ),
            ("linux", vec!["aws-ops".to_string()]),
            ("azure", vec!["gcp-ops".to_string()]),
            ("python", vec!["analyst".to_string()]),
        ]
    );
}

#[test]
fn long_chain_does_not_recurse() {
    let n = 200_000usize;
    let skills: Vec<SkillDef> = (0..n)
        .map(|i| SkillDef {
            id: format!("k{i}"),
            name: format!("K{i}"),
            hours: Hours::One(1.0),
            requires: if i == 0 {
                vec![]
            } else {
                vec![ReqDef::Ref(format!("k{}", i - 1))]
            },
            ..SkillDef::default()
        })
        .collect();
    let def = CatalogDef {
        format: gap_core::format::FORMAT.to_string(),
        name: "chain".into(),
        skills,
        roles: vec![RoleDef {
            id: "top".into(),
            name: "Top".into(),
            requires: vec![ReqDef::Ref(format!("k{}", n - 1))],
            ..RoleDef::default()
        }],
        transfers: vec![],
    };
    let Ok(c) = Catalog::from_def(&def) else {
        panic!("chain catalog")
    };
    let p = path(&c, &[], &["top"], &PathOptions::default());
    assert_eq!(p.steps.len(), n);
    assert_eq!(p.total_hours, n as f64);
    assert_eq!(p.steps[0].skill, "k0");
    assert_eq!(p.steps[n - 1].skill, format!("k{}", n - 1));
    let half = Profile::from_refs([format!("k{}", n / 2)]).unwrap_or_default();
    let Ok(r) = c.rank_roles(&half, None) else {
        panic!()
    };
    // Knowing k[n/2] (as given) cuts the chain below it.
    assert_eq!(r[0].hours, (n - n / 2 - 1) as f64);
    let Ok(g) = c.gap(&half, &Target::from("top")) else {
        panic!()
    };
    assert_eq!(g.hours, r[0].hours);
    let Ok(ns) = c.next_steps(&half, Some(&[Target::from("top")])) else {
        panic!()
    };
    assert_eq!(ns.len(), 1);
    assert_eq!(ns[0].skill, format!("k{}", n / 2 + 1));
}

#[test]
fn next_steps_with_exponentially_many_optima() {
    // 20 groups of two equally cheap members: 2^20 optimal step sets, too
    // many to enumerate; every member is still on some optimal set.
    let mut skills = Vec::new();
    let mut requires = Vec::new();
    for i in 0..20 {
        for side in ["a", "b"] {
            skills.push(SkillDef {
                id: format!("{side}{i}"),
                name: format!("{side}{i}"),
                hours: Hours::One(10.0),
                ..SkillDef::default()
            });
        }
        requires.push(ReqDef::Group(gap_core::format::GroupDef {
            any_of: vec![format!("a{i}"), format!("b{i}")],
            count: 1,
        }));
    }
    // One more member that is never optimal.
    skills.push(SkillDef {
        id: "c0".into(),
        name: "c0".into(),
        hours: Hours::One(11.0),
        ..SkillDef::default()
    });
    if let Some(ReqDef::Group(g)) = requires.first_mut() {
        g.any_of.push("c0".into());
    }
    let def = CatalogDef {
        format: gap_core::format::FORMAT.to_string(),
        name: "ties".into(),
        skills,
        roles: vec![RoleDef {
            id: "ties".into(),
            name: "Ties".into(),
            requires,
            ..RoleDef::default()
        }],
        transfers: vec![],
    };
    let Ok(c) = Catalog::from_def(&def) else {
        panic!("ties catalog")
    };
    let p = path(&c, &[], &["ties"], &PathOptions::default());
    assert!(p.optimal);
    assert_eq!(p.total_hours, 200.0);
    let Ok(n) = c.next_steps(&Profile::new(), Some(&[Target::from("ties")])) else {
        panic!()
    };
    let mut got: Vec<&str> = n.iter().map(|s| s.skill.as_str()).collect();
    got.sort_unstable();
    let mut want: Vec<String> = (0..20)
        .flat_map(|i| [format!("a{i}"), format!("b{i}")])
        .collect();
    want.sort_unstable();
    assert_eq!(got, want);
}

#[test]
fn small_budget_reports_a_bound_and_the_default_proves_the_optimum() {
    let c = Catalog::from_json(
        r#"{
      "skills": [{"id": "x", "name": "X", "hours": 5}, {"id": "y", "name": "Y", "hours": 6},
                 {"id": "z", "name": "Z", "hours": 5}],
      "roles": [{"id": "r", "name": "R", "requires": [{"any_of": ["x", "y"]}, {"any_of": ["y", "z"]}]}]
    }"#,
    );
    let Ok(c) = c else { panic!("catalog") };
    let t = [Target::from("r")];
    let tight = {
        let mut o = PathOptions::default();
        o.limits.budget = Some(1);
        o
    };
    let Ok(p) = c.learning_path(&Profile::new(), &t, &tight) else {
        panic!()
    };
    // Greedy takes x then z (10 h); the optimum is y alone (6 h).
    assert!(!p.optimal);
    assert_eq!(p.total_hours, 10.0);
    assert_eq!(p.lower_bound, 6.0);
    let p = path(&c, &[], &["r"], &PathOptions::default());
    assert!(p.optimal);
    assert_eq!(steps(&p), ["y"]);
    assert_eq!(
        p.steps[0].reasons,
        [role("r", "any_of[x, y]"), role("r", "any_of[y, z]")]
    );
    assert!(
        matches!(c.gap(&Profile::new(), &t[0]), Ok(Gap { hours, optimal: true, .. }) if hours == 6.0)
    );
}

#[test]
fn infeasible_messages_read_well() {
    let c = cat();
    let avoid = |ids: &[&str]| {
        let mut o = PathOptions::default();
        o.avoid = ids.iter().map(|s| s.to_string()).collect();
        o
    };
    let show = |profile: &[&str], role: &str, a: &[&str]| match c.learning_path(
        &Profile::from_refs(profile).unwrap_or_default(),
        &[Target::from(role)],
        &avoid(a),
    ) {
        Err(e) => e.to_string(),
        Ok(_) => "feasible".into(),
    };
    assert_eq!(
        show(&[], "ml-engineer", &["linux", "azure"]),
        "cannot reach ml-engineer: requirement `docker` cannot be met (`docker` needs `linux`, which is avoided)"
    );
    assert_eq!(
        show(&["docker"], "ml-engineer", &["linux", "azure"]),
        "cannot reach ml-engineer: requirement `any_of[aws, gcp, azure]` cannot be met \
         (1 more member(s) needed but only 0 can be learned: `aws` needs `linux`, which is avoided; \
         `gcp` needs `linux`, which is avoided; `azure` is avoided)"
    );
    assert_eq!(
        show(&["python@2"], "researcher", &["linear-algebra", "calculus"]),
        "cannot reach researcher: requirement `pytorch` cannot be met \
         (`pytorch` needs 1 more of [`linear-algebra`, `calculus`], but only 0 of them can be learned)"
    );
}
