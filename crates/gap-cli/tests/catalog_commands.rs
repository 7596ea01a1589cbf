//! The command on catalogs: `validate`, `skills`, argument and input errors,
//! exit codes, and output that survives a closed pipe.

mod common;

use std::process::{Command, Stdio};

use common::{data, run, small};

#[test]
fn validate_ok() {
    let r = run(&["validate", &data("small.json")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("valid (10 skills, 3 roles, 1 transfer, 11 steps)"),
        "{}",
        r.stdout
    );
    let r = small(&["validate", "--format", "json"]);
    assert_eq!(r.code, 0);
    let v = r.json();
    assert_eq!(v["valid"], true);
    assert_eq!(v["skills"], 10);
}

#[test]
fn embedded_catalog_validates() {
    let r = run(&["validate"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("the embedded catalog: valid ("),
        "{}",
        r.stdout
    );
    let v = run(&["skills", "--format", "json"]).json();
    assert!(v.as_array().unwrap().iter().any(|s| s["id"] == "python"));
}

#[test]
fn validate_names_the_cycle() {
    let r = run(&["validate", &data("cycle.json")]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr
            .contains("cycle in prerequisites: a -> b -> c -> a"),
        "{}",
        r.stderr
    );

    let r = run(&["validate", &data("cycle.json"), "--format", "json"]);
    assert_eq!(r.code, 1);
    let v = r.json();
    assert_eq!(v["valid"], false);
    assert_eq!(v["cycle"], serde_json::json!(["a", "b", "c"]));

    // Any command on a catalog with a cycle fails the same way.
    let r = run(&["--catalog", &data("cycle.json"), "skills"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("a -> b -> c -> a"), "{}", r.stderr);
}

#[test]
fn validate_prints_every_problem() {
    let r = run(&["validate", &data("invalid.json")]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("4 problems"), "{}", r.stderr);
    for needle in [
        "-1 is negative",
        "bad id `Bad Id`",
        "unknown skill `nope`",
        "duplicate entry `a`",
    ] {
        assert!(
            r.stderr.contains(needle),
            "{needle} missing from:\n{}",
            r.stderr
        );
    }
    let v = run(&["validate", &data("invalid.json"), "--format", "json"]).json();
    assert_eq!(v["problems"].as_array().map(Vec::len), Some(4));
}

#[test]
fn validate_missing_and_malformed_files() {
    let r = run(&["validate", "/nonexistent/catalog.json"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("/nonexistent/catalog.json"),
        "{}",
        r.stderr
    );

    let dir = std::env::temp_dir().join(format!("skillgap-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        "{\"skills\": [\n  {\"id\": \"a\", \"name\": \"A\", \"hours\": 1, \"colour\": 2}\n]}",
    )
    .unwrap();
    let r = run(&["validate", bad.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("line 2"), "{}", r.stderr);
    assert!(r.stderr.contains("colour"), "{}", r.stderr);

    let txt = dir.join("catalog.txt");
    std::fs::write(&txt, "{}").unwrap();
    let r = run(&["validate", txt.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(".json or .toml"), "{}", r.stderr);
}

#[test]
fn skills_table_and_filter() {
    let r = small(&["skills"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("id "));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("python ") && l.ends_with("40 + 80"))
    );

    let r = small(&["skills", "--category", "cloud"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("aws") && r.stdout.contains("gcp"));
    assert!(!r.stdout.contains("python"));
    assert!(r.stdout.contains("2 skills"));
}

#[test]
fn skills_json_and_graphs() {
    let v = small(&["skills", "--format", "json", "--category", "ml"]).json();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    assert_eq!(arr[1]["id"], "pytorch");
    assert_eq!(
        arr[1]["requires"],
        serde_json::json!(["python@2", "statistics"])
    );
    assert_eq!(arr[1]["total_hours"], 60.0);

    let dot = small(&["skills", "--format", "dot"]);
    assert_eq!(dot.code, 0);
    assert!(dot.stdout.starts_with("digraph"));
    assert!(
        dot.stdout.contains("s0 -> s9 [label=\"@2\"];"),
        "{}",
        dot.stdout
    );
    let mm = small(&["skills", "--format", "mermaid"]);
    assert!(mm.stdout.starts_with("flowchart LR"));
}

#[test]
fn unknown_category_suggests() {
    let r = small(&["skills", "--category", "clod"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("did you mean cloud"), "{}", r.stderr);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["path"],
        &["schedule", "ml-engineer"],
        &["schedule", "ml-engineer", "--hours-per-week", "0"],
        &["path", "x", "--hours-per-week", "-3"],
        &["path", "x", "--mode", "some"],
        &["gap", "x", "--have", "python@0"],
        &["gap", "x", "--have", "Python"],
        &["rank", "--top", "many"],
        &["skills", "--format", "yaml"],
    ] {
        let r = small(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("error"), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty());
    }
    let r = small(&["gap", "x", "--format", "dot"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("does not apply to `gap` (use table or json)"),
        "{}",
        r.stderr
    );
    let r = small(&["skills", "--format", "dot", "--category", "ml"]);
    assert_eq!(r.code, 2);
}

#[test]
fn help_and_version() {
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    for cmd in [
        "roles", "skills", "gap", "path", "rank", "next", "schedule", "validate", "match", "import",
    ] {
        assert!(r.stdout.contains(cmd), "{cmd} missing from help");
    }
    let r = run(&["--version"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("skillgap "));
}

#[test]
fn bad_profile_files() {
    let dir = std::env::temp_dir().join(format!("skillgap-cli-p-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let neg = dir.join("neg.json");
    std::fs::write(&neg, r#"{"python": -1}"#).unwrap();
    let r = small(&["gap", "data-analyst", "--profile", neg.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("neg.json") && r.stderr.contains("levels are 0 or more"),
        "{}",
        r.stderr
    );

    let list = dir.join("list.json");
    std::fs::write(&list, r#"["python"]"#).unwrap();
    let r = small(&["gap", "data-analyst", "--profile", list.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("not a profile"), "{}", r.stderr);

    let r = small(&["gap", "data-analyst", "--profile", "/nonexistent/p.toml"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("/nonexistent/p.toml"), "{}", r.stderr);
}

#[test]
fn closed_stdout_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_skillgap"))
        .args([
            "--catalog",
            &data("small.json"),
            "skills",
            "--format",
            "dot",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

/// Issue 17, finding 8: a write error (`/dev/full`: no space left) is
/// reported once, with exit code 1, not once per flush.
#[test]
fn full_disk_is_reported_once() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not a Linux-like system
    };
    let out = Command::new(env!("CARGO_BIN_EXE_skillgap"))
        .args(["skills", "--format", "json"])
        .stdout(Stdio::from(full))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.matches("writing the output failed").count(),
        1,
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
