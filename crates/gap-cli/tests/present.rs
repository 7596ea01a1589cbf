//! The command shows what gap-core presents: reason sentences (with names
//! next to ids), hours, the
//! schedule's whole steps, profile files merged with `--have`, and a role
//! given twice counted once.

mod common;

use common::{data, small};

#[test]
fn reasons_are_the_core_sentences() {
    let r = small(&["path", "data-analyst"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = small(&["path", "data-analyst", "--format", "json"]).json();
    let cat = gap_core::Catalog::from_json(&std::fs::read_to_string(data("small.json")).unwrap())
        .unwrap();
    for step in v["steps"].as_array().unwrap() {
        for reason in step["reasons"].as_array().unwrap() {
            let reason: gap_core::Reason = serde_json::from_value(reason.clone()).unwrap();
            assert!(
                r.stdout.contains(&reason.describe(&cat)),
                "{reason}\n{}",
                r.stdout
            );
        }
    }
    assert!(
        r.stdout
            .contains("role Data Analyst (data-analyst) requires pandas"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("prerequisite of pandas"), "{}", r.stdout);
}

#[test]
fn a_role_given_twice_counts_once() {
    let once = small(&["path", "data-analyst", "--format", "json"]).json();
    let twice = small(&["path", "data-analyst", "data-analyst", "--format", "json"]).json();
    assert_eq!(twice, once);
    assert_eq!(twice["targets"], serde_json::json!(["data-analyst"]));
    let r = small(&["path", "data-analyst", "data-analyst"]);
    assert!(
        r.stdout
            .starts_with("Path to Data Analyst (data-analyst): 90 h"),
        "{}",
        r.stdout
    );
}

#[test]
fn profile_file_merged_with_have_at_the_higher_level() {
    // profile.toml: python 1, git 1. --have python@2 raises it; --have git
    // (level 1) keeps it; the file's python 1 does not lower --have's 2.
    let v = small(&[
        "path",
        "data-analyst",
        "--profile",
        &data("profile.toml"),
        "--have",
        "python@2,git",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["start"], serde_json::json!({"git": 1, "python": 2}));

    let dir = std::env::temp_dir().join(format!("skillgap-cli-present-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"python\": 2,\n \"sql\": \"one\"}").unwrap();
    let r = small(&["gap", "data-analyst", "--profile", bad.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("bad.json: line 2, column ")
            && r.stderr.contains("at sql: not a profile"),
        "{}",
        r.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn schedule_shows_whole_steps_and_parts() {
    // data-analyst from nothing: sql 30, python 40, pandas 20 at 50 h a
    // week: some steps whole, one split.
    let r = small(&["schedule", "data-analyst", "--hours-per-week", "50"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = small(&[
        "schedule",
        "data-analyst",
        "--hours-per-week",
        "50",
        "--format",
        "json",
    ])
    .json();
    let cat = gap_core::Catalog::from_json(&std::fs::read_to_string(data("small.json")).unwrap())
        .unwrap();
    let items: Vec<&serde_json::Value> = v["schedule"]["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["items"].as_array().unwrap())
        .collect();
    assert!(items.iter().all(|it| it["whole"].is_boolean()));
    assert!(items.iter().any(|it| it["whole"] == false));
    assert!(r.stdout.contains(" of 40 h"), "{}", r.stdout);
    let whole: Vec<_> = items.iter().filter(|it| it["whole"] == true).collect();
    assert!(!whole.is_empty());
    for it in whole {
        let h = gap_core::format_hours(it["hours"].as_f64().unwrap());
        let skill = it["skill"].as_str().unwrap();
        let label = cat.reference_label(skill, it["level"].as_u64().unwrap() as u32);
        assert!(r.stdout.contains(&format!("{label} {h} h")), "{}", r.stdout);
    }
}
