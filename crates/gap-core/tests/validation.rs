//! One test per kind of invalid catalog, asserting the exact problem; parse
//! errors with line, column and path; round trips through JSON and TOML; and a
//! very long prerequisite chain (no recursion).

use gap_core::format::{CatalogDef, FileFormat};
use gap_core::{Catalog, Error, Problem};

fn problems(json: &str) -> Vec<Problem> {
    match Catalog::from_json(json) {
        Err(Error::Invalid(inv)) => inv.problems,
        Err(other) => panic!("expected an invalid catalog, got {other}"),
        Ok(_) => panic!("expected an invalid catalog, got a valid one"),
    }
}

fn one_problem(json: &str) -> Problem {
    let mut p = problems(json);
    assert_eq!(p.len(), 1, "expected exactly one problem, got {p:#?}");
    p.remove(0)
}

const PY: &str = r#"{"id": "python", "name": "Python", "hours": [40, 80]}"#;

fn with_skills(skills: &[&str]) -> String {
    format!(r#"{{"skills": [{}], "roles": []}}"#, skills.join(","))
}

#[test]
fn unsupported_format() {
    assert_eq!(
        one_problem(r#"{"format": "skillgap/2", "skills": []}"#),
        Problem::Format {
            found: "skillgap/2".into()
        }
    );
}

#[test]
fn bad_skill_id() {
    let p = one_problem(&with_skills(&[
        r#"{"id": "Python", "name": "P", "hours": 1}"#,
    ]));
    assert_eq!(
        p,
        Problem::BadId {
            id: "Python".into(),
            at: "skills[0] (Python)".into()
        }
    );
}

#[test]
fn duplicate_skill_id() {
    let p = one_problem(&with_skills(&[PY, PY]));
    assert_eq!(
        p,
        Problem::DuplicateSkill {
            id: "python".into(),
            at: "skills[1] (python)".into(),
            first: "skills[0] (python)".into()
        }
    );
}

#[test]
fn duplicate_role_id() {
    let json = format!(
        r#"{{"skills": [{PY}], "roles": [{{"id": "a", "name": "A"}}, {{"id": "a", "name": "A2"}}]}}"#
    );
    assert_eq!(
        one_problem(&json),
        Problem::DuplicateRole {
            id: "a".into(),
            at: "roles[1] (a)".into(),
            first: "roles[0] (a)".into()
        }
    );
}

#[test]
fn unknown_reference_says_where() {
    let p = one_problem(&with_skills(&[
        PY,
        r#"{"id": "pandas", "name": "pandas", "hours": 10, "requires": ["python", "numpy"]}"#,
    ]));
    assert_eq!(
        p,
        Problem::UnknownSkill {
            id: "numpy".into(),
            at: "skills[1] (pandas).requires[1]".into()
        }
    );
}

#[test]
fn unknown_reference_in_role_group() {
    let json = format!(
        r#"{{"skills": [{PY}], "roles": [{{"id": "r", "name": "R", "requires": [{{"any_of": ["python", "rust"]}}]}}]}}"#
    );
    assert_eq!(
        one_problem(&json),
        Problem::UnknownSkill {
            id: "rust".into(),
            at: "roles[0] (r).requires[0].any_of[1]".into()
        }
    );
}

#[test]
fn level_out_of_range() {
    let p = one_problem(&with_skills(&[
        PY,
        r#"{"id": "ml", "name": "ML", "hours": 10, "requires": ["python@3"]}"#,
    ]));
    assert_eq!(
        p,
        Problem::LevelOutOfRange {
            reference: "python@3".into(),
            skill: "python".into(),
            level: 3,
            max: 2,
            at: "skills[1] (ml).requires[0]".into()
        }
    );
}

#[test]
fn level_zero_reference() {
    let p = one_problem(&with_skills(&[
        PY,
        r#"{"id": "ml", "name": "ML", "hours": 10, "requires": ["python@0"]}"#,
    ]));
    assert!(
        matches!(&p, Problem::BadReference { reference, at, .. } if reference == "python@0" && at == "skills[1] (ml).requires[0]"),
        "{p:?}"
    );
}

#[test]
fn negative_hours() {
    let p = one_problem(&with_skills(&[
        r#"{"id": "a", "name": "A", "hours": [10, -5]}"#,
    ]));
    assert!(
        matches!(&p, Problem::BadHours { skill, at, reason } if skill == "a" && at == "skills[0] (a).hours[1]" && reason.contains("negative")),
        "{p:?}"
    );
}

#[test]
fn nan_and_infinite_hours_from_toml() {
    let toml = r#"
[[skills]]
id = "a"
name = "A"
hours = nan

[[skills]]
id = "b"
name = "B"
hours = [1.0, inf]
"#;
    let err = Catalog::from_toml(toml).unwrap_err();
    let p = err.problems();
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(
        matches!(&p[0], Problem::BadHours { skill, reason, .. } if skill == "a" && reason.contains("NaN"))
    );
    assert!(
        matches!(&p[1], Problem::BadHours { skill, at, reason } if skill == "b" && at == "skills[1] (b).hours[1]" && reason.contains("infinite"))
    );
}

#[test]
fn empty_hours_list() {
    let p = one_problem(&with_skills(&[r#"{"id": "a", "name": "A", "hours": []}"#]));
    assert!(
        matches!(&p, Problem::BadHours { skill, .. } if skill == "a"),
        "{p:?}"
    );
}

#[test]
fn empty_group() {
    let p = one_problem(&with_skills(&[
        PY,
        r#"{"id": "a", "name": "A", "hours": 1, "requires": [{"any_of": []}]}"#,
    ]));
    assert_eq!(
        p,
        Problem::BadGroup {
            at: "skills[1] (a).requires[0]".into(),
            reason: "any_of has no members".into()
        }
    );
}

#[test]
fn group_count_out_of_range() {
    for count in ["0", "3", "-1"] {
        let s = format!(
            r#"{{"id": "a", "name": "A", "hours": 1, "requires": [{{"any_of": ["python", "b"], "count": {count}}}]}}"#
        );
        let p = one_problem(&with_skills(&[
            PY,
            r#"{"id": "b", "name": "B", "hours": 1}"#,
            &s,
        ]));
        assert_eq!(
            p,
            Problem::BadGroup {
                at: "skills[2] (a).requires[0]".into(),
                reason: format!("count {count} is outside 1..=2")
            }
        );
    }
}

#[test]
fn bad_level_requires_keys() {
    let ps = problems(&with_skills(&[
        r#"{"id": "b", "name": "B", "hours": 1}"#,
        r#"{"id": "a", "name": "A", "hours": [1, 2], "level_requires": {"1": ["b"], "3": ["b"], "x": ["b"]}}"#,
    ]));
    assert_eq!(ps.len(), 3, "{ps:?}");
    let keys: Vec<&str> = ps
        .iter()
        .map(|p| match p {
            Problem::BadLevelKey { key, .. } => key.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(keys, ["1", "3", "x"]);
}

#[test]
fn discount_outside_unit_interval() {
    let json = format!(
        r#"{{"skills": [{PY}, {{"id": "r", "name": "R", "hours": 5}}], "transfers": [{{"from": "r", "to": "python", "discount": 1.5}}]}}"#
    );
    assert_eq!(
        one_problem(&json),
        Problem::BadDiscount {
            discount: 1.5,
            at: "transfers[0].discount".into()
        }
    );
}

#[test]
fn duplicate_entry_in_role() {
    let json = format!(
        r#"{{"skills": [{PY}], "roles": [{{"id": "r", "name": "R", "requires": ["python"], "optional": ["python"]}}]}}"#
    );
    assert_eq!(
        one_problem(&json),
        Problem::DuplicateEntry {
            entry: "python".into(),
            at: "roles[0] (r).optional[0]".into(),
            first: "roles[0] (r).requires[0]".into()
        }
    );
}

#[test]
fn cycle_listed_in_requires_order() {
    let err = Catalog::from_json(&with_skills(&[
        r#"{"id": "a", "name": "A", "hours": 1, "requires": ["b"]}"#,
        r#"{"id": "b", "name": "B", "hours": 1, "requires": ["c"]}"#,
        r#"{"id": "c", "name": "C", "hours": 1, "requires": ["a"]}"#,
        r#"{"id": "d", "name": "D", "hours": 1, "requires": ["a"]}"#,
    ]))
    .unwrap_err();
    let cycle = err.cycle().expect("a cycle").to_vec();
    assert_eq!(cycle.len(), 3);
    // Any rotation of a -> b -> c.
    let start = cycle.iter().position(|s| s == "a").unwrap();
    let rotated: Vec<&str> = (0..3).map(|i| cycle[(start + i) % 3].as_str()).collect();
    assert_eq!(rotated, ["a", "b", "c"]);
    assert!(err.to_string().contains("-> "), "{err}");
}

#[test]
fn cycle_through_two_levels_of_one_skill() {
    // a@2 needs b, b needs a@1 is fine; b needing a@2 closes a cycle a(2) -> b -> a(2).
    let err = Catalog::from_json(&with_skills(&[
        r#"{"id": "a", "name": "A", "hours": [1, 1], "level_requires": {"2": ["b"]}}"#,
        r#"{"id": "b", "name": "B", "hours": 1, "requires": ["a@2"]}"#,
    ]))
    .unwrap_err();
    let mut cycle = err.cycle().expect("a cycle").to_vec();
    cycle.sort();
    assert_eq!(cycle, ["a", "b"]);
    // A self-requirement is a cycle of one.
    let err = Catalog::from_json(&with_skills(&[
        r#"{"id": "a", "name": "A", "hours": 1, "requires": ["a"]}"#,
    ]))
    .unwrap_err();
    assert_eq!(err.cycle().unwrap(), ["a"]);
}

#[test]
fn every_problem_reported_at_once() {
    let json = r#"{"skills": [
        {"id": "Bad", "name": "x", "hours": 1},
        {"id": "a", "name": "A", "hours": -1, "requires": ["nope", "a@9"]}
      ],
      "roles": [{"id": "r", "name": "R", "requires": [{"any_of": ["a"], "count": 2}]}],
      "transfers": [{"from": "a", "to": "zzz", "discount": -0.1}]}"#;
    let ps = problems(json);
    assert!(ps.len() >= 6, "{ps:#?}");
}

#[test]
fn syntax_error_has_line_and_column() {
    let err = Catalog::from_json("{\n  \"skills\": [\n    {\"id\": \"a\",, }\n  ]\n}").unwrap_err();
    match err {
        Error::Parse { line, column, .. } => {
            assert_eq!(line, 3);
            assert!(column > 0);
        }
        other => panic!("{other}"),
    }
    let err = Catalog::from_toml("[[skills]]\nid = \"a\"\nname = \n").unwrap_err();
    assert!(matches!(err, Error::Parse { line: 3, .. }), "{err}");
}

#[test]
fn unknown_field_rejected_with_path() {
    let err = Catalog::from_json(
        r#"{"skills": [{"id": "a", "name": "A", "hours": 1, "prerequisites": ["b"]}]}"#,
    )
    .unwrap_err();
    match &err {
        Error::Parse { path, message, .. } => {
            assert_eq!(path, "skills[0].prerequisites");
            assert!(message.contains("prerequisites"), "{message}");
        }
        other => panic!("{other}"),
    }
    let err = Catalog::from_toml("colour = 1\n").unwrap_err();
    assert!(err.to_string().contains("colour"), "{err}");
}

#[test]
fn wrong_types_rejected_with_path() {
    let err = Catalog::from_json(r#"{"skills": [{"id": "a", "name": "A", "hours": "ten"}]}"#)
        .unwrap_err();
    assert!(
        matches!(&err, Error::Parse { path, .. } if path == "skills[0].hours"),
        "{err}"
    );
    let err = Catalog::from_json(
        r#"{"skills": [{"id": "a", "name": "A", "hours": 1, "requires": [3]}]}"#,
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Parse { path, .. } if path.starts_with("skills[0].requires")),
        "{err}"
    );
}

const FULL: &str = r#"{
  "format": "skillgap/1",
  "name": "AI engineering",
  "skills": [
    {"id": "python", "name": "Python", "category": "programming", "description": "The language.",
     "source": "authored", "hours": [40, 80, 120], "aliases": ["python3"], "resources": ["docs.python.org"],
     "level_requires": {"3": ["testing"]}},
    {"id": "testing", "name": "Testing", "hours": 20, "requires": ["python"]},
    {"id": "linear-algebra", "name": "Linear algebra", "hours": 60},
    {"id": "calculus", "name": "Calculus", "hours": 60},
    {"id": "tensorflow", "name": "TensorFlow", "hours": 60, "requires": ["python@2"]},
    {"id": "pytorch", "name": "PyTorch", "hours": 60,
     "requires": ["python@2", {"any_of": ["linear-algebra", "calculus"], "count": 1}]},
    {"id": "aws", "name": "AWS", "hours": 40}, {"id": "gcp", "name": "GCP", "hours": 40},
    {"id": "docker", "name": "Docker", "hours": 20}, {"id": "kubernetes", "name": "Kubernetes", "hours": 40, "requires": ["docker"]}
  ],
  "roles": [
    {"id": "ml-engineer", "name": "Machine Learning Engineer", "family": "ml",
     "requires": ["python@2", "docker", {"any_of": ["aws", "gcp"]}, {"any_of": ["pytorch", "tensorflow", "calculus"], "count": 2}],
     "optional": ["kubernetes"]}
  ],
  "transfers": [{"from": "tensorflow", "to": "pytorch", "discount": 0.5}]
}"#;

#[test]
fn json_round_trip() {
    let a = Catalog::from_json(FULL).unwrap();
    let b = Catalog::from_json(&a.to_json()).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.to_def(), b.to_def());
    assert!(a.to_json().contains("\"format\": \"skillgap/1\""));
}

#[test]
fn toml_round_trip() {
    let a = Catalog::from_json(FULL).unwrap();
    let toml = a.to_toml().unwrap();
    let b = Catalog::from_toml(&toml).unwrap();
    assert_eq!(a, b);
    // And through files, format from the extension.
    let dir = std::env::temp_dir().join(format!("gap-core-rt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for ext in ["json", "toml"] {
        let path = dir.join(format!("cat.{ext}"));
        a.save(&path).unwrap();
        assert_eq!(Catalog::load(&path).unwrap(), a);
    }
    assert!(Catalog::load(dir.join("cat.yaml")).is_err());
    assert!(matches!(
        Catalog::load(dir.join("missing.json")),
        Err(Error::Io { .. })
    ));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn format_may_be_omitted_and_is_written() {
    let def = CatalogDef::parse(r#"{"skills": []}"#, FileFormat::Json, "x").unwrap();
    assert_eq!(def.format, "skillgap/1");
    let cat = Catalog::from_def(&def).unwrap();
    assert!(cat.to_toml().unwrap().contains("format = \"skillgap/1\""));
}

#[test]
fn long_chain_validates_without_recursion() {
    let n = 200_000;
    let mut json = String::with_capacity(n * 64);
    json.push_str(r#"{"skills": ["#);
    for i in 0..n {
        if i > 0 {
            json.push(',');
        }
        if i == 0 {
            json.push_str(r#"{"id": "s0", "name": "S0", "hours": 1}"#);
        } else {
            json.push_str(&format!(
                r#"{{"id": "s{i}", "name": "S{i}", "hours": 1, "requires": ["s{}"]}}"#,
                i - 1
            ));
        }
    }
    json.push_str(&format!(
        r#"], "roles": [{{"id": "top", "name": "Top", "requires": ["s{}"]}}]}}"#,
        n - 1
    ));
    let cat = Catalog::from_json(&json).unwrap();
    assert_eq!(cat.step_graph().len(), n);
    assert_eq!(cat.step_graph().topo()[0].0, 0);
    // Close the chain into a cycle: reported, not a stack overflow.
    let cyclic = json.replacen(
        r#"{"id": "s0", "name": "S0", "hours": 1}"#,
        &format!(
            r#"{{"id": "s0", "name": "S0", "hours": 1, "requires": ["s{}"]}}"#,
            n - 1
        ),
        1,
    );
    let err = Catalog::from_json(&cyclic).unwrap_err();
    assert_eq!(err.cycle().unwrap().len(), n);
}

#[test]
fn profiles_are_checked_against_the_catalog() {
    let cat = Catalog::from_json(FULL).unwrap();
    let p = gap_core::Profile::from_refs(["python@3", "docker"]).unwrap();
    let levels = cat.resolve_profile(&p).unwrap();
    assert_eq!(levels[cat.skill_index("python").unwrap().ix()], 3);
    let too_high = gap_core::Profile::from_refs(["docker@2"]).unwrap();
    assert!(matches!(
        cat.resolve_profile(&too_high),
        Err(Error::Profile { .. })
    ));
    let unknown = gap_core::Profile::from_refs(["pyhton"]).unwrap();
    match cat.resolve_profile(&unknown) {
        Err(Error::UnknownSkill { id, suggestions }) => {
            assert_eq!(id, "pyhton");
            assert_eq!(suggestions[0], "python");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn with_roles_rejects_existing_ids_and_checks_references() {
    use gap_core::format::{ReqDef, RoleDef};
    let cat = Catalog::from_json(FULL).unwrap();
    let dup = RoleDef {
        id: "ml-engineer".into(),
        name: "x".into(),
        ..Default::default()
    };
    assert!(matches!(cat.with_roles(vec![dup]), Err(Error::Invalid(_))));
    let bad = RoleDef {
        id: "x".into(),
        name: "x".into(),
        requires: vec![ReqDef::from("nope")],
        ..Default::default()
    };
    assert!(matches!(cat.with_roles(vec![bad]), Err(Error::Invalid(_))));
    let ok = RoleDef {
        id: "x".into(),
        name: "x".into(),
        requires: vec![ReqDef::from("docker")],
        ..Default::default()
    };
    let cat2 = cat.with_roles(vec![ok]).unwrap();
    assert_eq!(cat2.roles().len(), 2);
    assert_eq!(cat.roles().len(), 1);
}

#[test]
fn catalog_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Catalog>();
}

#[test]
fn a_catalog_is_an_object() {
    for text in ["[]", "  \n [[], []]", "3", "\"skills\""] {
        match Catalog::from_json(text) {
            Err(Error::Parse { line, message, .. }) => {
                assert!(line >= 1);
                assert!(message.contains("JSON object"), "{message}");
            }
            other => panic!("{text:?}: {other:?}"),
        }
    }
    assert!(matches!(Catalog::from_json(""), Err(Error::Parse { .. })));
    assert!(Catalog::from_json(" {} ").is_ok());
}

#[test]
fn hours_survive_a_json_round_trip_bit_for_bit() {
    // serde_json's default float parser is not correctly rounded; this value
    // came back as 1.847968570883769e18 before `float_roundtrip`.
    for h in [
        1.847_968_570_883_769_3e18,
        0.1,
        1e-300,
        123_456.789_012_345_67,
    ] {
        let json = format!(r#"{{"skills": [{{"id": "a", "name": "A", "hours": [{h:e}, {h}]}}]}}"#);
        let a = Catalog::from_json(&json).unwrap();
        let b = Catalog::from_json(&a.to_json()).unwrap();
        assert_eq!(a, b, "{h}");
        assert_eq!(b.skills()[0].hours, vec![h, h]);
    }
}
