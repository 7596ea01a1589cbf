//! ESCO importer: the committed fixture (CRLF, quoted newlines, gzip, a cycle,
//! a self-loop, duplicate relations, unknown ids) and, when present, the real
//! ESCO v1.1.1 release (`SKILLGAP_DATA` or `../../../shared/data`).

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use gap_core::import::{EscoOptions, EscoPrerequisites, ProgressCallback};
use gap_core::{Catalog, Error, Requirement};

mod common;

use common::real_data;

fn fixture() -> PathBuf {
    common::fixture("esco")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("skillgap-esco-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

const DATA_ANALYST: &str = "d3edb8f8-3a06-47a0-8fb9-9b212c006aa2";
const DATA_SCIENTIST: &str = "258e46f9-0075-4a2e-adae-1ff0477e0f30";
const STATISTICS: &str = "7ee4c2ea-b349-4bd2-81a3-ec31475d4833";
const NORMALISE: &str = "07889c08-7220-47c8-96f7-6068fbea00dc";
const CLEANSING: &str = "50b100ea-74fd-4706-99db-3e4ca55e51b8";
const USE_DATABASES: &str = "4463a721-69f3-413d-8321-43e3af13a4f1";
const RDF_QL: &str = "99207709-d076-4cce-ba38-e90d3bb28806";
const QUERY_LANGUAGES: &str = "9cf681c7-89ec-470c-b651-7fe03786f586";

fn requires(cat: &Catalog, id: &str) -> Vec<String> {
    let s = cat.skill(id).expect("skill");
    s.requirements(1)
        .iter()
        .map(|r| match r {
            Requirement::Skill(n) => cat.skill_id(n.skill).to_string(),
            other => panic!("unexpected group {other:?}"),
        })
        .collect()
}

#[test]
fn fixture_counts_names_and_sources() {
    let imp = Catalog::from_esco(&fixture(), &EscoOptions::default()).expect("import");
    let cat = &imp.catalog;
    assert_eq!(cat.skills().len(), 21);
    assert_eq!(cat.roles().len(), 2);
    let stats = cat.skill(STATISTICS).expect("statistics");
    assert_eq!(stats.name, "statistics");
    assert_eq!(
        stats.source.as_deref(),
        Some("http://data.europa.eu/esco/skill/7ee4c2ea-b349-4bd2-81a3-ec31475d4833")
    );
    assert_eq!(stats.category.as_deref(), Some("knowledge"));
    assert_eq!(stats.hours, vec![10.0]);
    // altLabels are newline-separated inside one quoted field; the name itself is not an alias.
    let cleansing = cat.skill(CLEANSING).expect("cleansing");
    assert_eq!(cleansing.hours, vec![20.0]);
    assert!(
        cleansing
            .aliases
            .contains(&"undertake data cleansing".to_string())
    );
    assert!(!cleansing.aliases.contains(&cleansing.name));
    assert!(
        cleansing
            .aliases
            .iter()
            .all(|a| !a.contains('\n') && !a.contains('\r'))
    );
    let role = cat.role(DATA_SCIENTIST).expect("role");
    assert_eq!(role.name, "data scientist");
    assert_eq!(role.family.as_deref(), Some("2511"));
    assert!(
        role.description
            .as_deref()
            .unwrap_or("")
            .starts_with("Data scientists")
    );
}

#[test]
fn fixture_role_requirements_keep_essential_over_optional() {
    let imp = Catalog::from_esco(&fixture(), &EscoOptions::default()).expect("import");
    let cat = &imp.catalog;
    let analyst = cat.role(DATA_ANALYST).expect("analyst");
    // 10 essential rows and 4 optional rows, plus an optional repeat of an
    // essential skill (kept essential) and a row naming an unknown skill.
    assert_eq!(analyst.requires.len(), 10);
    assert_eq!(analyst.optional.len(), 4);
    let stats = cat.skill_index(STATISTICS).expect("ix");
    assert!(
        analyst
            .requires
            .iter()
            .any(|r| matches!(r, Requirement::Skill(n) if n.skill == stats))
    );
    assert!(analyst.optional.iter().all(|n| n.skill != stats));
    assert!(
        imp.warnings
            .iter()
            .any(|w| w.contains("both essential and optional")
                && w.contains(DATA_ANALYST)
                && w.contains(STATISTICS))
    );
    assert!(
        imp.warnings
            .iter()
            .any(|w| w.contains("occupation/00000000-0000-0000-0000-000000000000"))
    );
    assert!(
        imp.warnings
            .iter()
            .any(|w| w.contains("skill/00000000-0000-0000-0000-000000000000"))
    );
}

#[test]
fn fixture_prerequisites_cycles_and_self_loops_are_warnings() {
    let imp =
        Catalog::from_esco(&fixture(), &EscoOptions::default()).expect("a cycle is not an error");
    let cat = &imp.catalog;
    // Cycle normalise -> cleansing -> use databases -> normalise: the
    // lexicographically last edge (by id) is 50b100ea… -> 4463a721…
    assert_eq!(requires(cat, NORMALISE), vec![CLEANSING]);
    assert_eq!(requires(cat, CLEANSING), Vec::<String>::new());
    assert_eq!(requires(cat, USE_DATABASES), vec![NORMALISE]);
    // The self-loop is dropped (and its relation to an unknown skill skipped).
    assert_eq!(requires(cat, STATISTICS), Vec::<String>::new());
    // RDF -> query languages appears optional, optional again, then essential: merged, essential wins.
    assert_eq!(requires(cat, RDF_QL), vec![QUERY_LANGUAGES]);
    let cycle: Vec<&String> = imp
        .warnings
        .iter()
        .filter(|w| w.contains("prerequisite cycle"))
        .collect();
    assert_eq!(cycle.len(), 1, "{:?}", imp.warnings);
    assert!(cycle[0].contains(&format!(
        "dropped `{CLEANSING}` (perform data cleansing) requires `{USE_DATABASES}`"
    )));
    assert_eq!(
        imp.warnings
            .iter()
            .filter(|w| w.contains("its own prerequisite") && w.contains(STATISTICS))
            .count(),
        1
    );
    assert_eq!(
        imp.warnings
            .iter()
            .filter(|w| w.contains("duplicate relation"))
            .count(),
        2
    );
    assert!(
        imp.warnings
            .iter()
            .any(|w| w.contains("skill/00000000-0000-0000-0000-000000000001"))
    );
    assert_eq!(imp.warnings.len(), 8, "{:#?}", imp.warnings);
    // The step graph of the result is acyclic and has every skill.
    assert_eq!(cat.step_graph().topo().len(), 21);
}

#[test]
fn fixture_prerequisite_options() {
    let all = Catalog::from_esco(
        &fixture(),
        &EscoOptions {
            prerequisites: EscoPrerequisites::All,
            ..EscoOptions::default()
        },
    )
    .expect("import");
    assert_eq!(requires(&all.catalog, RDF_QL), vec![QUERY_LANGUAGES]);
    let none = Catalog::from_esco(
        &fixture(),
        &EscoOptions {
            prerequisites: "none".parse().expect("none"),
            ..EscoOptions::default()
        },
    )
    .expect("import");
    assert!(
        none.catalog
            .skills()
            .iter()
            .all(|s| s.requirements(1).is_empty())
    );
    assert!(
        none.warnings
            .iter()
            .all(|w| !w.contains("skillSkillRelations"))
    );
    assert!("some".parse::<EscoPrerequisites>().is_err());
}

#[test]
fn fixture_hours_option() {
    let imp = Catalog::from_esco(
        &fixture(),
        &EscoOptions {
            hours: Some(7.5),
            ..EscoOptions::default()
        },
    )
    .expect("import");
    assert!(imp.catalog.skills().iter().all(|s| s.hours == vec![7.5]));
    for bad in [-1.0, f64::NAN, f64::INFINITY] {
        let err = Catalog::from_esco(
            &fixture(),
            &EscoOptions {
                hours: Some(bad),
                ..EscoOptions::default()
            },
        )
        .expect_err("bad hours");
        assert!(matches!(err, Error::InvalidArgument(_)), "{err}");
    }
}

#[test]
fn plain_and_gzipped_files_give_the_same_catalog() {
    let dir = temp_dir("plain");
    for f in [
        "occupations_en.csv",
        "occupationSkillRelations.csv",
        "skillSkillRelations.csv",
    ] {
        // Gzip the ones that are plain in the fixture…
        let data = std::fs::read(fixture().join(f)).expect("read");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, &data).expect("gz");
        std::fs::write(dir.join(format!("{f}.gz")), gz.finish().expect("gz")).expect("write");
    }
    // …and un-gzip the gzipped one.
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(
        std::fs::File::open(fixture().join("skills_en.csv.gz")).expect("open"),
    )
    .read_to_end(&mut text)
    .expect("gunzip");
    std::fs::write(dir.join("skills_en.csv"), text).expect("write");
    let a = Catalog::from_esco(&fixture(), &EscoOptions::default()).expect("fixture");
    let b = Catalog::from_esco(&dir, &EscoOptions::default()).expect("converted");
    assert_eq!(a.catalog, b.catalog);
    assert_eq!(a.warnings.len(), b.warnings.len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn same_input_same_output() {
    let a = Catalog::from_esco(&fixture(), &EscoOptions::default()).expect("a");
    let b = Catalog::from_esco(&fixture(), &EscoOptions::default()).expect("b");
    assert_eq!(a.catalog, b.catalog);
    assert_eq!(a.catalog.to_json(), b.catalog.to_json());
    assert_eq!(a.warnings, b.warnings);
}

#[test]
fn missing_file_and_missing_column_are_errors_with_the_path() {
    let dir = temp_dir("broken");
    let err = Catalog::from_esco(&dir, &EscoOptions::default()).expect_err("empty dir");
    assert!(matches!(err, Error::Io { .. }), "{err}");
    assert!(err.to_string().contains("skills_en.csv"), "{err}");
    for f in [
        "occupations_en.csv",
        "occupationSkillRelations.csv",
        "skillSkillRelations.csv",
    ] {
        std::fs::copy(fixture().join(f), dir.join(f)).expect("copy");
    }
    std::fs::write(
        dir.join("skills_en.csv"),
        "conceptType,conceptUri,skillType\r\nx,y,z\r\n",
    )
    .expect("write");
    let err = Catalog::from_esco(&dir, &EscoOptions::default()).expect_err("no preferredLabel");
    match &err {
        Error::Import {
            path,
            line,
            message,
        } => {
            assert!(path.ends_with("skills_en.csv"), "{path}");
            assert_eq!(*line, 1);
            assert!(message.contains("preferredLabel"), "{message}");
        }
        other => panic!("expected Error::Import, got {other}"),
    }
    // Broken CSV: an unterminated quote gives an error or a skipped row, never a panic.
    std::fs::write(
        dir.join("skills_en.csv"),
        "conceptUri,preferredLabel\r\nhttp://x/skill/a,\"open\r\nhttp://x/skill/b,b\r\n",
    )
    .expect("write");
    let _ = Catalog::from_esco(&dir, &EscoOptions::default());
    // Rows with a different number of fields are a CSV error with the line.
    std::fs::write(
        dir.join("skills_en.csv"),
        "conceptUri,preferredLabel\r\nhttp://x/skill/a,A\r\nhttp://x/skill/b,B,extra\r\n",
    )
    .expect("write");
    match Catalog::from_esco(&dir, &EscoOptions::default()) {
        Err(Error::Import { line, .. }) => assert_eq!(line, 3),
        other => panic!("expected Error::Import, got {other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn progress_is_reported_per_stage() {
    let seen: Arc<Mutex<Vec<(String, u64, u64)>>> = Arc::default();
    let sink = Arc::clone(&seen);
    let opts = EscoOptions {
        progress: Some(ProgressCallback::new(move |p| {
            sink.lock()
                .expect("lock")
                .push((p.stage.to_string(), p.done, p.total));
        })),
        ..EscoOptions::default()
    };
    Catalog::from_esco(&fixture(), &opts).expect("import");
    let seen = seen.lock().expect("lock");
    let mut last: HashMap<&str, (u64, u64)> = HashMap::new();
    for (stage, done, total) in seen.iter() {
        last.insert(stage, (*done, *total));
    }
    for stage in [
        "skills",
        "occupations",
        "relations",
        "prerequisites",
        "validate",
    ] {
        let (done, total) = last
            .get(stage)
            .copied()
            .unwrap_or_else(|| panic!("no {stage} in {seen:?}"));
        assert_eq!(done, total, "{stage} finishes complete");
    }
    // File stages count bytes on disk (the gzipped size for skills).
    let gz = std::fs::metadata(fixture().join("skills_en.csv.gz"))
        .expect("meta")
        .len();
    assert_eq!(last["skills"].1, gz);
}

#[test]
fn real_esco_counts_requirements_and_self_loop() {
    let Some(dir) = real_data("esco-v1.1.1") else {
        return;
    };
    let imp = Catalog::from_esco(&dir, &EscoOptions::default()).expect("import ESCO");
    let cat = &imp.catalog;
    assert_eq!(cat.skills().len(), 13_896);
    assert_eq!(cat.roles().len(), 3_007);
    // 123,855 relations, 67 of them to an occupation that is not defined.
    let entries: usize = cat
        .roles()
        .iter()
        .map(|r| r.requires.len() + r.optional.len())
        .sum();
    assert_eq!(entries, 123_855 - 67);
    assert!(imp.warnings.iter().any(|w| w.contains("67 rows")));
    // The README's counts for data scientist.
    let ds = cat.role(DATA_SCIENTIST).expect("data scientist");
    assert_eq!(ds.name, "data scientist");
    assert_eq!((ds.requires.len(), ds.optional.len()), (54, 21));
    // Essential skill-skill relations: 191 rows, all between known skills, acyclic.
    let prereqs: usize = cat.skills().iter().map(|s| s.requirements(1).len()).sum();
    assert_eq!(prereqs, 191);
    let knowledge = cat
        .skills()
        .iter()
        .filter(|s| s.category.as_deref() == Some("knowledge"))
        .count();
    assert_eq!(knowledge, 3_059);
    assert!(cat.skills().iter().all(|s| s.hours
        == vec![if s.category.as_deref() == Some("knowledge") {
            10.0
        } else {
            20.0
        }]));

    // With every relation, the one self-loop becomes a warning, not an error.
    let all = Catalog::from_esco(
        &dir,
        &EscoOptions {
            prerequisites: EscoPrerequisites::All,
            ..EscoOptions::default()
        },
    )
    .expect("import ESCO with all relations");
    let self_loops: Vec<&String> = all
        .warnings
        .iter()
        .filter(|w| w.contains("its own prerequisite"))
        .collect();
    assert_eq!(self_loops.len(), 1);
    assert!(self_loops[0].contains("c7708533-9467-4bea-afb9-f9b40a76c84a"));
    let prereqs: usize = all
        .catalog
        .skills()
        .iter()
        .map(|s| s.requirements(1).len())
        .sum();
    assert_eq!(prereqs, 5_899 - 1);
}
