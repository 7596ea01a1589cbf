//! `skillgap import` on the importers' small fixtures (crates/gap-core/tests/
//! fixtures): the catalog is written and loads back, warnings go to stderr,
//! and wrong options or paths are reported.

mod common;

use std::path::PathBuf;

use common::run;

fn fixture(name: &str) -> String {
    let p: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "gap-core",
        "tests",
        "fixtures",
        name,
    ]
    .iter()
    .collect();
    p.display().to_string()
}

fn out_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("skillgap-import-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn import_esco_writes_a_valid_catalog() {
    let out = out_dir("esco").join("esco.json");
    let o = out.to_str().unwrap();
    let r = run(&["import", "esco", &fixture("esco"), "-o", o]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with(&format!("wrote {o}: ")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("warnings on stderr"), "{}", r.stdout);
    // the fixture has a prerequisite cycle, dropped and reported
    assert!(
        r.stderr
            .lines()
            .any(|l| l.starts_with("warning:") && l.contains("cycle")),
        "{}",
        r.stderr
    );
    let v = run(&["validate", o]);
    assert_eq!(v.code, 0, "{}", v.stderr);
    let roles = run(&["--catalog", o, "roles", "--format", "json"]).json();
    assert!(!roles.as_array().unwrap().is_empty());

    // with no prerequisites there is nothing to repair in skillSkillRelations
    let r = run(&[
        "import",
        "esco",
        &fixture("esco"),
        "-o",
        o,
        "--prerequisites",
        "none",
        "--hours",
        "5",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("skillSkillRelations"), "{}", r.stderr);
    let skills = run(&["--catalog", o, "skills", "--format", "json"]).json();
    assert!(
        skills
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["total_hours"] == 5.0)
    );
}

#[test]
fn import_onet_and_metacademy() {
    let d = out_dir("other");
    let onet = d.join("onet.toml");
    let r = run(&[
        "import",
        "onet",
        &fixture("onet"),
        "-o",
        onet.to_str().unwrap(),
        "--min-importance",
        "3.5",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(run(&["validate", onet.to_str().unwrap()]).code, 0);

    let meta = d.join("meta.json");
    let r = run(&[
        "import",
        "metacademy",
        &fixture("metacademy"),
        "-o",
        meta.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(run(&["validate", meta.to_str().unwrap()]).code, 0);
}

#[test]
fn import_errors() {
    let d = out_dir("err");
    let o = d.join("x.json");
    let o = o.to_str().unwrap();
    // an output format that does not exist
    let r = run(&[
        "import",
        "esco",
        &fixture("esco"),
        "-o",
        d.join("x.csv").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains(".json or .toml"), "{}", r.stderr);
    // an option of another source
    let r = run(&["import", "onet", &fixture("onet"), "-o", o, "--hours", "3"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("import esco"), "{}", r.stderr);
    // a missing folder
    let r = run(&["import", "esco", "/nonexistent/esco", "-o", o]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("/nonexistent/esco"), "{}", r.stderr);
    // the wrong kind of folder: the importer names the missing file
    let r = run(&["import", "esco", &fixture("onet"), "-o", o]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("error:"), "{}", r.stderr);
    assert!(!std::path::Path::new(o).exists());
}
