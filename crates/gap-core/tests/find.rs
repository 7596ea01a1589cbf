//! Finding by name (SPEC 4): exact matches first at 1.0, typos found in the
//! first three, deterministic order, and unknown-id errors that suggest by
//! name — on the default catalog, the ESCO fixture and (ignored by default,
//! `cargo test --release --test find -- --ignored`) the real ESCO v1.1.1.

use gap_core::import::EscoOptions;
use gap_core::{Catalog, Error, Found};

mod common;

const DATA_SCIENTIST: &str = "258e46f9-0075-4a2e-adae-1ff0477e0f30";
const CLEANSING: &str = "50b100ea-74fd-4706-99db-3e4ca55e51b8";

fn ids(found: &[Found]) -> Vec<&str> {
    found.iter().map(|f| f.id.as_str()).collect()
}

fn role_suggestions(cat: &Catalog, id: &str) -> Vec<String> {
    match cat.role(id) {
        Err(Error::UnknownRole { suggestions, .. }) => suggestions,
        other => panic!("{other:?}"),
    }
}

#[test]
fn exact_matches_score_one_and_come_first() {
    let cat = Catalog::default();
    for role in cat.roles() {
        for q in [
            role.id.clone(),
            role.name.to_uppercase(),
            format!("  {}\t", role.name),
        ] {
            let found = cat.find_roles(&q, 5);
            assert_eq!(found[0].id, role.id, "{q}");
            assert_eq!(found[0].score, 1.0, "{q}");
            assert_eq!(found[0].name, role.name);
            assert!(found[1..].iter().all(|f| f.score < 1.0), "{q}: {found:?}");
        }
    }
    for skill in cat.skills() {
        for q in std::iter::once(&skill.name).chain(&skill.aliases) {
            let found = cat.find_skills(q, 50);
            let at = found.iter().position(|f| f.id == skill.id).expect("found");
            assert_eq!(found[at].score, 1.0, "{q}");
            assert!(found[..at].iter().all(|f| f.score == 1.0), "{q}: {found:?}");
        }
    }
}

#[test]
fn typos_are_found_in_the_first_three() {
    let cat = Catalog::default();
    for (q, id) in [
        ("machine lerning engineer", "ml-engineer"),
        ("machine learnig enginer", "ml-engineer"),
        ("data analsyt", "data-analyst"),
        ("reserch engineer", "research-engineer"),
    ] {
        let found = cat.find_roles(q, 3);
        assert!(ids(&found).contains(&id), "{q}: {found:?}");
        assert!(found.iter().all(|f| f.score > 0.0 && f.score < 1.0));
    }
    for (q, id) in [
        ("pyhton", "python"),
        ("kubernets", "kubernetes"),
        ("dokcer", "docker"),
    ] {
        let found = cat.find_skills(q, 3);
        assert!(ids(&found).contains(&id), "{q}: {found:?}");
    }
    // One or two typos in every name of the catalog.
    for role in cat.roles() {
        let name: Vec<char> = role.name.chars().collect();
        let one: String = name
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != 2)
            .map(|(_, c)| c)
            .collect();
        let mut two = name.clone();
        let last = two.len() - 2;
        two.swap(last, last + 1);
        two.remove(1);
        for q in [one, two.into_iter().collect()] {
            let found = cat.find_roles(&q, 3);
            assert!(ids(&found).contains(&role.id.as_str()), "{q}: {found:?}");
        }
    }
}

#[test]
fn words_prefixes_order_and_limits() {
    let cat = Catalog::default();
    let found = cat.find_roles("engineer", 100);
    assert!(found.len() > 3, "{found:?}");
    assert!(
        found
            .iter()
            .all(|f| f.name.to_lowercase().contains("engineer") || f.id.contains("engineer")),
        "{found:?}"
    );
    for w in found.windows(2) {
        assert!(w[0].score > w[1].score || (w[0].score == w[1].score && w[0].id < w[1].id));
    }
    assert_eq!(cat.find_roles("engineer", 2), found[..2]);
    assert!(cat.find_roles("engineer", 0).is_empty());
    assert!(cat.find_roles("", 10).is_empty());
    assert!(cat.find_skills(" \t\n", 10).is_empty());
    assert!(cat.find_skills("qqqqzzzz", 10).is_empty());
    assert!(!cat.find_skills("kube", 5).is_empty());
    // Deterministic: the same answer from a fresh catalog.
    assert_eq!(Catalog::default().find_roles("engineer", 100), found);
}

#[test]
fn hostile_queries_are_quick() {
    let cat = Catalog::default();
    let long = "a".repeat(1 << 20);
    assert!(cat.find_skills(&long, 10).is_empty());
    let words = "python data engineer ".repeat(50_000);
    let found = cat.find_roles(&words, 10);
    assert!(found.iter().all(|f| f.score > 0.0 && f.score < 1.0));
    assert!(cat.find_skills("İ\u{0}\u{fffd}🦀 ß", 10).len() <= 10);
    assert!(
        matches!(cat.role(&long), Err(Error::UnknownRole { ref suggestions, .. }) if suggestions.is_empty())
    );
}

#[test]
fn unknown_ids_suggest_by_name() {
    let cat = Catalog::default();
    let mle = cat.role("ml-engineer").expect("role").name.clone();
    assert_eq!(role_suggestions(&cat, &mle)[0], "ml-engineer");
    assert!(role_suggestions(&cat, "ml-engneer").contains(&"ml-engineer".to_string()));
    match cat.skill("Python") {
        Err(Error::UnknownSkill { suggestions, .. }) => assert_eq!(suggestions[0], "python"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn esco_fixture() {
    let imp =
        Catalog::from_esco(&common::fixture("esco"), &EscoOptions::default()).expect("import");
    let cat = &imp.catalog;
    assert_eq!(role_suggestions(cat, "data scientist")[0], DATA_SCIENTIST);
    let found = cat.find_roles("Data Scientist", 10);
    assert_eq!(
        (found[0].id.as_str(), found[0].score),
        (DATA_SCIENTIST, 1.0)
    );
    assert!(ids(&cat.find_roles("data scientst", 3)).contains(&DATA_SCIENTIST));
    // By alias.
    let found = cat.find_skills("undertake data cleansing", 3);
    assert_eq!((found[0].id.as_str(), found[0].score), (CLEANSING, 1.0));
    match cat.skill("undertake data cleansing") {
        Err(Error::UnknownSkill { suggestions, .. }) => assert_eq!(suggestions[0], CLEANSING),
        other => panic!("{other:?}"),
    }
}

#[test]
#[ignore = "imports the real ESCO v1.1.1; run with --release -- --ignored"]
fn real_esco() {
    let Some(dir) = common::real_data("esco-v1.1.1") else {
        return;
    };
    let imp = Catalog::from_esco(&dir, &EscoOptions::default()).expect("import ESCO");
    let cat = &imp.catalog;
    let t = std::time::Instant::now();
    assert_eq!(role_suggestions(cat, "data scientist")[0], DATA_SCIENTIST);
    println!("first unknown role (index built): {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let found = cat.find_roles("data scientist", 10);
    println!("find_roles: {:?} {found:?}", t.elapsed());
    assert_eq!(
        (found[0].id.as_str(), found[0].score),
        (DATA_SCIENTIST, 1.0)
    );
    let t = std::time::Instant::now();
    let found = cat.find_roles("dat scientst", 3);
    println!("find_roles typo: {:?} {found:?}", t.elapsed());
    assert!(ids(&found).contains(&DATA_SCIENTIST));
    let t = std::time::Instant::now();
    let found = cat.find_skills("pyhton", 5);
    println!(
        "find_skills first (index built): {:?} {found:?}",
        t.elapsed()
    );
    assert!(
        found
            .iter()
            .any(|f| f.name.to_lowercase().starts_with("python"))
    );
    for q in [
        "data",
        "manage",
        "machine lerning",
        "softwre developer",
        "use databases",
    ] {
        let t = std::time::Instant::now();
        let r = cat.find_roles(q, 10);
        let s = cat.find_skills(q, 10);
        println!(
            "{q:?}: roles+skills {:?}; {:?} / {:?}",
            t.elapsed(),
            r.first(),
            s.first()
        );
    }
}
