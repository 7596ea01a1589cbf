//! Metacademy importer: the committed fixtures (a `graph_data.json` subset and a
//! `content/` subset with a shortcut, a hyphen-spelled tag, a missing estimate,
//! a self-loop and a cycle) and, when present, the real Metacademy data. The
//! cost of a concept's prerequisite closure is checked against a computation
//! straight from the JSON, through the step graph and through `learning_path`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use gap_core::import::MetacademyOptions;
use gap_core::{Catalog, Error, PathOptions, Profile, Requirement, StepIx, Target};

mod common;

use common::real_data;

fn fixture() -> PathBuf {
    common::fixture("metacademy")
}

/// Concepts (tag -> learn_time) and prerequisites (tag -> prerequisite tags)
/// read straight from a graph_data.json, independently of the importer.
struct Json {
    hours: BTreeMap<String, f64>,
    prereqs: BTreeMap<String, BTreeSet<String>>,
}

fn read_json(path: &Path) -> Json {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json");
    let mut tag_of: HashMap<String, String> = HashMap::new();
    let mut hours = BTreeMap::new();
    for r in v.as_array().expect("array") {
        if r["model"] == "graph.concept" {
            let tag = r["fields"]["tag"].as_str().expect("tag").to_string();
            tag_of.insert(r["pk"].as_str().expect("pk").to_string(), tag.clone());
            hours.insert(tag, r["fields"]["learn_time"].as_f64().expect("learn_time"));
        }
    }
    let mut prereqs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in v.as_array().expect("array") {
        if r["model"] == "graph.dependency" {
            let s = &tag_of[r["fields"]["source"].as_str().expect("source")];
            let t = &tag_of[r["fields"]["target"].as_str().expect("target")];
            prereqs.entry(t.clone()).or_default().insert(s.clone());
        }
    }
    Json { hours, prereqs }
}

impl Json {
    /// The concept and everything it transitively depends on.
    fn closure(&self, tag: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![tag.to_string()];
        while let Some(t) = stack.pop() {
            if seen.insert(t.clone()) {
                stack.extend(self.prereqs.get(&t).into_iter().flatten().cloned());
            }
        }
        seen
    }
}

/// The skills in a skill's closure through the catalog's step graph.
fn step_closure(cat: &Catalog, id: &str) -> BTreeSet<String> {
    let g = cat.step_graph();
    let start = cat.step(cat.skill_index(id).expect("skill"), 1);
    let mut seen: BTreeSet<StepIx> = BTreeSet::new();
    let mut stack = vec![start];
    while let Some(s) = stack.pop() {
        if seen.insert(s) {
            stack.extend(g.prerequisites(s));
        }
    }
    seen.into_iter()
        .map(|s| cat.skill_id(g.skill_level(s).0).to_string())
        .collect()
}

fn check_closures(cat: &Catalog, json: &Json, all_paths: bool) {
    let mut checked = 0;
    for (n, tag) in json.hours.keys().enumerate() {
        let expected = json.closure(tag);
        let expected_hours: f64 = expected.iter().map(|t| json.hours[t]).sum();
        let got = step_closure(cat, tag);
        assert_eq!(got, expected, "closure of {tag}");
        let got_hours: f64 = got
            .iter()
            .map(|t| cat.skill(t).expect("skill").hours[0])
            .sum();
        assert!(
            (got_hours - expected_hours).abs() < 1e-9,
            "{tag}: {got_hours} vs {expected_hours}"
        );
        // The engine's shortest path to the concept's role learns exactly the closure
        // (no groups here, so the closure is the only way).
        if all_paths || n % 25 == 0 {
            let path = cat
                .learning_path(
                    &Profile::default(),
                    &[Target::Id(tag.clone())],
                    &PathOptions::default(),
                )
                .expect("learning path");
            assert!(path.optimal);
            assert!(
                (path.total_hours - expected_hours).abs() <= 1e-9 * expected_hours.max(1.0),
                "{tag}: path {} vs {expected_hours}",
                path.total_hours
            );
            let learned: BTreeSet<String> = path.steps.iter().map(|s| s.skill.clone()).collect();
            assert_eq!(learned, expected, "path of {tag}");
            checked += 1;
        }
    }
    assert!(checked > 0);
}

#[test]
fn json_fixture_skills_roles_and_closure_costs() {
    let path = fixture().join("graph_data.json");
    let imp = Catalog::from_metacademy(&path, &MetacademyOptions::default()).expect("import");
    let cat = &imp.catalog;
    assert_eq!(imp.warnings, Vec::<String>::new());
    let json = read_json(&path);
    assert_eq!(cat.skills().len(), json.hours.len());
    assert_eq!(cat.roles().len(), json.hours.len());
    let lr = cat
        .skill("logistic_regression")
        .expect("logistic regression");
    assert_eq!(lr.name, "logistic regression");
    assert_eq!(lr.hours, vec![json.hours["logistic_regression"]]);
    assert_eq!(
        lr.source.as_deref(),
        Some("https://metacademy.org/graphs/concepts/logistic_regression")
    );
    assert_eq!(lr.category.as_deref(), Some("Machine Learning"));
    assert!(lr.description.is_some());
    // One role per concept, with the same id, requiring it.
    let role = cat.role("logistic_regression").expect("role");
    assert_eq!(role.requires.len(), 1);
    assert!(
        matches!(&role.requires[0], Requirement::Skill(n) if cat.skill_id(n.skill) == "logistic_regression" && n.level == 1)
    );
    check_closures(cat, &json, true);
}

#[test]
fn a_directory_holding_graph_data_json_uses_the_json() {
    let from_dir =
        Catalog::from_metacademy(&fixture(), &MetacademyOptions::default()).expect("dir");
    let from_file = Catalog::from_metacademy(
        &fixture().join("graph_data.json"),
        &MetacademyOptions::default(),
    )
    .expect("file");
    assert_eq!(from_dir.catalog, from_file.catalog);
}

#[test]
fn content_fixture_shortcuts_spelling_estimates_and_cycles() {
    let imp = Catalog::from_metacademy(&fixture().join("content"), &MetacademyOptions::default())
        .expect("a cycle is not an error");
    let cat = &imp.catalog;
    // 11 concepts, one shortcut node; roles for concepts only.
    assert_eq!(cat.skills().len(), 12);
    assert_eq!(cat.roles().len(), 11);
    assert!(cat.role("determinant.shortcut").is_err());
    let sc = cat.skill("determinant.shortcut").expect("shortcut");
    assert_eq!(sc.name, "determinant (shortcut)");
    assert!((sc.hours[0] - 0.720552853491).abs() < 1e-12);
    // `shortcut: 1` on a concept with a shortcut: any_of[full, shortcut].
    let df = cat.skill("differential_forms").expect("differential forms");
    let groups: Vec<Vec<&str>> = df
        .requirements(1)
        .iter()
        .filter_map(|r| match r {
            Requirement::AnyOf { members, count } => {
                assert_eq!(*count, 1);
                Some(members.iter().map(|n| cat.skill_id(n.skill)).collect())
            }
            Requirement::Skill(_) => None,
        })
        .collect();
    assert_eq!(groups, vec![vec!["determinant", "determinant.shortcut"]]);
    // `shortcut: 1` on concepts without a shortcut: plain prerequisites.
    let det: BTreeSet<&str> = cat
        .skill("determinant")
        .expect("determinant")
        .requirements(1)
        .iter()
        .map(|r| match r {
            Requirement::Skill(n) => cat.skill_id(n.skill),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        det,
        BTreeSet::from([
            "vectors",
            "matrix_multiplication",
            "matrix_inverse",
            "matrix_transpose",
            "gaussian_elimination"
        ])
    );
    // `dot-product` is read as `dot_product`.
    assert_eq!(
        step_closure(cat, "matrix_multiplication"),
        BTreeSet::from([
            "matrix_multiplication".into(),
            "dot_product".into(),
            "vectors".into()
        ])
    );
    // The missing estimate gets the median of the ten others, in one warning.
    let median_warnings: Vec<&String> = imp
        .warnings
        .iter()
        .filter(|w| w.contains("median"))
        .collect();
    assert_eq!(median_warnings.len(), 1);
    assert!(median_warnings[0].contains("matrix_transpose"));
    let mut est: Vec<f64> =
        std::fs::read_to_string(fixture().join("content/time_estimates/concepts.txt"))
            .expect("estimates")
            .lines()
            .map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .expect("hours")
                    .parse()
                    .expect("number")
            })
            .collect();
    est.sort_by(f64::total_cmp);
    assert_eq!(est.len(), 10);
    let median = (est[4] + est[5]) / 2.0;
    assert_eq!(
        cat.skill("matrix_transpose").expect("mt").hours,
        vec![median]
    );
    // The self-loop and the cycle become warnings; the cycle's lexicographically
    // last edge (vector_fields -> functions_of_several_variables) is dropped.
    assert!(
        imp.warnings
            .iter()
            .any(|w| w.contains("`vectors` is listed as its own prerequisite"))
    );
    let cycles: Vec<&String> = imp
        .warnings
        .iter()
        .filter(|w| w.contains("prerequisite cycle"))
        .collect();
    assert_eq!(cycles.len(), 1, "{:?}", imp.warnings);
    assert!(
        cycles[0].contains("dropped `vector_fields` requires `functions_of_several_variables`"),
        "{}",
        cycles[0]
    );
    assert!(step_closure(cat, "functions_of_several_variables").contains("differential_forms"));
    assert!(!step_closure(cat, "vector_fields").contains("functions_of_several_variables"));
    assert_eq!(imp.warnings.len(), 3, "{:#?}", imp.warnings);
    // The cheapest way to differential forms takes the shortcut.
    let path = cat
        .learning_path(
            &Profile::default(),
            &[Target::Id("differential_forms".into())],
            &PathOptions::default(),
        )
        .expect("path");
    assert!(path.optimal);
    let learned: BTreeSet<&str> = path.steps.iter().map(|s| s.skill.as_str()).collect();
    assert!(
        learned.contains("determinant.shortcut") && !learned.contains("determinant"),
        "{learned:?}"
    );
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    let err = Catalog::from_metacademy(
        Path::new("/nonexistent/metacademy"),
        &MetacademyOptions::default(),
    )
    .expect_err("missing");
    assert!(matches!(err, Error::Io { .. }), "{err}");
    let dir = std::env::temp_dir().join(format!("skillgap-metacademy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("graph_data.json");
    std::fs::write(
        &file,
        "[{\"model\": \"graph.concept\",\n \"pk\": 1, \"fields\": {\"tag\": }}]",
    )
    .expect("write");
    match Catalog::from_metacademy(&file, &MetacademyOptions::default()) {
        Err(Error::Import { path, line, .. }) => {
            assert!(path.ends_with("graph_data.json"));
            assert_eq!(line, 2);
        }
        other => panic!("expected Error::Import, got {other:?}"),
    }
    // A concept without a usable estimate, a dependency on an unknown pk, a self-loop.
    std::fs::write(
        &file,
        r#"[{"model": "graph.concept", "pk": "a", "fields": {"tag": "a", "title": "A", "learn_time": 2.0}},
            {"model": "graph.concept", "pk": "b", "fields": {"tag": "b", "title": "B", "learn_time": null}},
            {"model": "graph.concept", "pk": "c", "fields": {"tag": "c", "title": "C", "learn_time": 4.0}},
            {"model": "graph.dependency", "pk": "ab", "fields": {"source": "a", "target": "b"}},
            {"model": "graph.dependency", "pk": "zb", "fields": {"source": "z", "target": "b"}},
            {"model": "graph.dependency", "pk": "cc", "fields": {"source": "c", "target": "c"}}]"#,
    )
    .expect("write");
    let imp = Catalog::from_metacademy(&file, &MetacademyOptions::default()).expect("import");
    assert_eq!(imp.catalog.skill("b").expect("b").hours, vec![3.0]);
    assert_eq!(imp.warnings.len(), 3, "{:#?}", imp.warnings);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn real_metacademy_json_closure_costs() {
    let Some(dir) = real_data("metacademy") else {
        return;
    };
    let path = dir.join("graph_data.json");
    let imp = Catalog::from_metacademy(&path, &MetacademyOptions::default()).expect("import");
    assert_eq!(imp.warnings, Vec::<String>::new());
    let cat = &imp.catalog;
    assert_eq!((cat.skills().len(), cat.roles().len()), (487, 487));
    let json = read_json(&path);
    let total: f64 = cat.skills().iter().map(|s| s.hours[0]).sum();
    assert!((total - 688.6).abs() < 0.05, "{total}");
    let deps: usize = cat.skills().iter().map(|s| s.requirements(1).len()).sum();
    assert_eq!(deps, 1_208);
    check_closures(cat, &json, false);
}

#[test]
fn real_metacademy_content() {
    let Some(dir) = real_data("metacademy/content") else {
        return;
    };
    let imp = Catalog::from_metacademy(&dir, &MetacademyOptions::default()).expect("import");
    let cat = &imp.catalog;
    // 392 concepts and 6 shortcuts.
    assert_eq!((cat.skills().len(), cat.roles().len()), (398, 392));
    assert!(imp.warnings.iter().all(|w| !w.contains("cycle")));
    assert!(
        imp.warnings
            .iter()
            .any(|w| w.contains("110 concepts have no time estimate"))
    );
    let groups = cat
        .skills()
        .iter()
        .flat_map(|s| s.requirements(1))
        .filter(|r| r.is_group())
        .count();
    assert!(groups > 0);
    assert!(cat.skills().iter().all(|s| s.hours[0] > 0.0));
}
