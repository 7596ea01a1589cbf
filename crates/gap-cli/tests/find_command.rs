//! `skillgap find`: roles and skills by name, exact matches first, typos,
//! JSON, limits, and usage errors.

mod common;

use common::run;

#[test]
fn finds_roles_with_typos() {
    let r = run(&["find", "machine lerning engineer", "--limit", "3"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("score  id"), "{}", r.stdout);
    assert!(
        lines[1..4].iter().any(|l| l.contains("ml-engineer")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("3 roles;"), "{}", r.stdout);
}

#[test]
fn exact_match_first_in_json() {
    let v = run(&["find", "python", "--skills", "--format", "json"]).json();
    let rows = v.as_array().expect("a list");
    assert!(rows.len() <= 10 && !rows.is_empty());
    assert_eq!(rows[0]["id"], "python");
    assert_eq!(rows[0]["score"], 1.0);
    assert!(rows[1..].iter().all(|f| f["score"].as_f64().unwrap() < 1.0));
    let v = run(&["--format", "json", "find", "engineer", "--limit", "2"]).json();
    assert_eq!(v.as_array().map(Vec::len), Some(2));
}

#[test]
fn nothing_found_and_bad_arguments() {
    let r = run(&["find", "  "]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("no role matches"), "{}", r.stdout);
    assert_eq!(
        run(&["find", "x", "--limit", "0", "--format", "json"]).json(),
        serde_json::json!([])
    );
    assert_eq!(run(&["find", "x", "--limit", "-1"]).code, 2);
    assert_eq!(run(&["find"]).code, 2);
    assert_eq!(run(&["find", "x", "--format", "dot"]).code, 2);
}

#[test]
fn unknown_role_suggests_by_name() {
    let r = run(&["gap", "Machine Learning Engineer"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("did you mean ml-engineer"),
        "{}",
        r.stderr
    );
}
