//! `skillgap market` and `path --mode K` on the small hand-made catalog
//! (tests/data/small.json). From an empty profile: "SQL and pandas" needs
//! sql 30 + python 40 + pandas 20 = 90 h, "Git and Docker" 10 + 15 = 25 h,
//! "Statistics" 50 h; so the curve is 25, 75 (the last two), 165.

mod common;

use common::{data, run_with, small};

const POSTINGS: &str = "We use SQL and pandas.\n---\nGit and Docker, daily.\n---\nStatistics!\n";

fn market(args: &[&str], stdin: &str) -> common::Run {
    let cat = data("small.json");
    let mut all = vec!["--catalog", cat.as_str(), "market"];
    all.extend_from_slice(args);
    run_with(&all, Some(stdin))
}

#[test]
fn curve_demand_and_plan_in_json() {
    let r = market(&["-", "--format", "json", "--k", "2"], POSTINGS);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    let ids: Vec<&str> = v["postings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["role"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["posting-1", "posting-2", "posting-3"]);
    let hours: Vec<f64> = v["curve"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["hours"].as_f64().unwrap())
        .collect();
    assert_eq!(hours, [25.0, 75.0, 165.0]);
    assert_eq!(
        v["curve"][1]["targets"],
        serde_json::json!(["posting-2", "posting-3"])
    );
    assert_eq!(v["curve"][1]["optimal"], true);
    assert_eq!(v["plan"]["k"], 2);
    assert_eq!(v["plan"]["path"]["total_hours"].as_f64(), Some(75.0));
    assert!(
        v["plan"]["schedule"]["weeks"]
            .as_array()
            .is_some_and(|w| !w.is_empty())
    );
    let demand = v["demand"].as_array().unwrap();
    assert_eq!(demand.len(), 5);
    assert!(
        demand
            .iter()
            .all(|d| d["essential"] == 1 && d["optional"] == 0)
    );
}

#[test]
fn tables_and_the_weekly_plan() {
    let r = market(
        &["-", "--k", "3", "--hours-per-week", "20", "--have", "git"],
        POSTINGS,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for want in [
        "3 postings",
        "Readiness curve",
        "What the postings ask for",
        "plan for k = 3",
        "week",
    ] {
        assert!(r.stdout.contains(want), "{want} missing:\n{}", r.stdout);
    }
    // Names (first lines) stand next to ids.
    assert!(
        r.stdout.contains("Git and Docker, daily. (posting-2)"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_file_gives_the_role_its_name() {
    let r = small(&["market", &data("posting.txt"), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["postings"][0]["role"]["id"], "posting");
}

#[test]
fn bad_postings_and_k_are_named() {
    let r = market(&["-"], "SQL\n---\n   \n---\nGit\n");
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("posting `posting-2`") && r.stderr.contains("empty"),
        "{}",
        r.stderr
    );
    let r = market(&["-"], "SQL\n---\nnothing we know\n");
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("posting `posting-2`")
            && r.stderr.contains("no skill of the catalog was found"),
        "{}",
        r.stderr
    );
    let r = market(&["-", "--k", "4"], POSTINGS);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("from 1 to 3"), "{}", r.stderr);
}

#[test]
fn path_mode_k() {
    let r = small(&[
        "path",
        "data-analyst",
        "ml-engineer",
        "data-scientist",
        "--mode",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["total_hours"].as_f64(), Some(170.0));
    assert_eq!(
        v["targets"],
        serde_json::json!(["data-analyst", "data-scientist"])
    );
    let r = small(&["path", "data-analyst", "--mode", "0"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = small(&["path", "data-analyst", "--mode", "2"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("from 1 to 1"), "{}", r.stderr);
}
