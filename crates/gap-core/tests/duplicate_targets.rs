//! A target role given twice counts once (the first occurrence kept), in
//! every query that takes several targets, so every face agrees.

use gap_core::{Catalog, Mode, PathOptions, Profile, Target};

const CAT: &str = r#"{
  "skills": [
    {"id": "python", "name": "Python", "hours": [40, 80]},
    {"id": "sql", "name": "SQL", "hours": 30},
    {"id": "aws", "name": "AWS", "hours": 30},
    {"id": "gcp", "name": "GCP", "hours": 35}
  ],
  "roles": [
    {"id": "analyst", "name": "Analyst", "requires": ["python@2", "sql"]},
    {"id": "ops", "name": "Ops", "requires": [{"any_of": ["aws", "gcp"]}, "sql"]}
  ]
}"#;

fn ids(ids: &[&str]) -> Vec<Target> {
    ids.iter().map(|&i| Target::from(i)).collect()
}

// Options set field by field: a struct literal stops compiling once
// `PathOptions` is `#[non_exhaustive]` (as on main).
#[allow(clippy::field_reassign_with_default)]
#[test]
fn a_path_to_the_same_role_twice_is_the_path_to_it_once() {
    let cat = Catalog::from_json(CAT).unwrap();
    let p = Profile::from_refs(["python"]).unwrap();
    for mode in [Mode::All, Mode::Any] {
        let mut opts = PathOptions::default();
        opts.mode = mode;
        let once = cat.learning_path(&p, &ids(&["analyst"]), &opts).unwrap();
        let twice = cat
            .learning_path(&p, &ids(&["analyst", "analyst"]), &opts)
            .unwrap();
        assert_eq!(twice, once);
        assert_eq!(twice.targets, ["analyst"]);
    }
    let opts = PathOptions::default();
    let path = cat
        .learning_path(&p, &ids(&["ops", "analyst", "ops"]), &opts)
        .unwrap();
    assert_eq!(path.targets, ["ops", "analyst"]);
    assert_eq!(
        path,
        cat.learning_path(&p, &ids(&["ops", "analyst"]), &opts)
            .unwrap()
    );
}

#[test]
fn next_steps_name_each_target_once() {
    let cat = Catalog::from_json(CAT).unwrap();
    let p = Profile::new();
    let twice = cat
        .next_steps(&p, Some(&ids(&["ops", "ops", "analyst"])))
        .unwrap();
    let once = cat.next_steps(&p, Some(&ids(&["ops", "analyst"]))).unwrap();
    assert_eq!(twice, once);
    assert!(twice.iter().any(|s| s.targets.len() == 2));
}
