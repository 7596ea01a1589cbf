//! O*NET importer: the committed fixture (tab-separated, one file gzipped, a
//! name clash between a skill and a knowledge element, an unknown occupation)
//! and, when present, the real O*NET 29.2 files.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use gap_core::import::{OnetOptions, OnetTechnologies, TechnologyGranularity, onet_level, slug};
use gap_core::{Catalog, Error, Requirement};

mod common;

use common::real_data;

fn fixture() -> PathBuf {
    common::fixture("onet")
}

/// A role's essential entries as `id@level` text, sorted.
fn requires(cat: &Catalog, role: &str) -> Vec<String> {
    let mut v: Vec<String> = cat
        .role(role)
        .expect("role")
        .requires
        .iter()
        .map(|r| match r {
            Requirement::Skill(n) => format!("{}@{}", cat.skill_id(n.skill), n.level),
            other => panic!("unexpected group {other:?}"),
        })
        .collect();
    v.sort();
    v
}

fn optional(cat: &Catalog, role: &str) -> Vec<String> {
    let mut v: Vec<String> = cat
        .role(role)
        .expect("role")
        .optional
        .iter()
        .map(|n| cat.skill_id(n.skill).to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn fixture_roles_skills_and_levels() {
    let imp = Catalog::from_onet(&fixture(), &OnetOptions::default()).expect("import");
    let cat = &imp.catalog;
    let roles: Vec<&str> = cat.roles().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(roles, ["15-1221.00", "15-1299.08", "15-2051.00"]);
    assert_eq!(cat.role("15-2051.00").expect("ds").name, "Data Scientists");
    // Six elements (Mathematics is both a skill and a knowledge area) and ten hot technologies.
    let elements: Vec<&str> = cat.skills()[..6].iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        elements,
        [
            "reading-comprehension",
            "mathematics",
            "critical-thinking",
            "programming",
            "computers-and-electronics",
            "mathematics-knowledge"
        ]
    );
    assert_eq!(cat.skills().len(), 16);
    let math = cat.skill("mathematics").expect("math");
    assert_eq!(math.category.as_deref(), Some("skill"));
    assert_eq!(math.source.as_deref(), Some("O*NET 2.A.1.e"));
    assert_eq!(math.hours, vec![20.0, 40.0, 80.0]);
    assert!(
        math.description
            .as_deref()
            .unwrap_or("")
            .contains("mathematics")
    );
    assert_eq!(
        cat.skill("mathematics-knowledge")
            .expect("mk")
            .category
            .as_deref(),
        Some("knowledge")
    );
    // IM >= 3 at the level mapped from LV.
    assert_eq!(
        requires(cat, "15-1221.00"),
        [
            "computers-and-electronics@3",
            "critical-thinking@2",
            "mathematics-knowledge@3",
            "mathematics@2",
            "programming@2",
            "reading-comprehension@2"
        ]
    );
    // Mathematics knowledge has IM 2.91 here: not required.
    assert_eq!(
        requires(cat, "15-1299.08"),
        [
            "computers-and-electronics@3",
            "critical-thinking@2",
            "mathematics@2",
            "programming@2",
            "reading-comprehension@2"
        ]
    );
    // No ratings for Data Scientists: technologies only.
    assert!(requires(cat, "15-2051.00").is_empty());
    assert_eq!(
        optional(cat, "15-2051.00"),
        [
            "alteryx-software",
            "amazon-elastic-compute-cloud-ec2",
            "amazon-redshift",
            "amazon-simple-storage-service-s3"
        ]
    );
    let tech = cat.skill("amazon-redshift").expect("tech");
    assert_eq!(
        tech.category.as_deref(),
        Some("Data base user interface and query software")
    );
    assert_eq!(tech.hours, vec![20.0]);
    // The unknown occupation's ratings are skipped with one warning; the
    // occupation left without requirements is named in another.
    assert_eq!(imp.warnings.len(), 2, "{:?}", imp.warnings);
    assert!(imp.warnings[0].contains("99-9999.00") && imp.warnings[0].contains("2 row(s)"));
    let empty: Vec<&str> = cat
        .roles()
        .iter()
        .filter(|r| r.requires.is_empty())
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(empty, ["15-2051.00"]);
    assert!(
        imp.warnings[1].starts_with("1 role(s) have no essential requirements")
            && imp.warnings[1].ends_with(": 15-2051.00"),
        "{}",
        imp.warnings[1]
    );
}

#[test]
fn fixture_options() {
    let strict = Catalog::from_onet(
        &fixture(),
        &OnetOptions {
            min_importance: 3.5,
            technologies: OnetTechnologies::None,
            level_hours: [1.0, 2.0, 3.0],
            ..OnetOptions::default()
        },
    )
    .expect("import");
    assert_eq!(
        requires(&strict.catalog, "15-1299.08"),
        [
            "computers-and-electronics@3",
            "critical-thinking@2",
            "programming@2",
            "reading-comprehension@2"
        ]
    );
    assert_eq!(strict.catalog.skills().len(), 6);
    assert_eq!(
        strict.catalog.skill("programming").expect("p").hours,
        vec![1.0, 2.0, 3.0]
    );

    let all = Catalog::from_onet(
        &fixture(),
        &OnetOptions {
            technologies: OnetTechnologies::All,
            ..OnetOptions::default()
        },
    )
    .expect("import");
    assert_eq!(all.catalog.skills().len(), 6 + 16);
    assert!(all.catalog.contains_skill("3m-post-it-app"));
    let demand = Catalog::from_onet(
        &fixture(),
        &OnetOptions {
            technologies: "in-demand".parse().expect("in-demand"),
            ..OnetOptions::default()
        },
    )
    .expect("import");
    let techs: BTreeSet<&str> = demand.catalog.skills()[6..]
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        techs,
        BTreeSet::from([
            "amazon-web-services-aws-software",
            "chatbot-software",
            "firewall-software",
            "numpy"
        ])
    );
    let commodity = Catalog::from_onet(
        &fixture(),
        &OnetOptions {
            technology_granularity: TechnologyGranularity::Commodity,
            ..OnetOptions::default()
        },
    )
    .expect("import");
    assert_eq!(
        optional(&commodity.catalog, "15-2051.00"),
        [
            "business-intelligence-and-data-analysis-software",
            "data-base-user-interface-and-query-software",
            "storage-networking-software"
        ]
    );
    for bad in [
        OnetOptions {
            min_importance: f64::NAN,
            ..OnetOptions::default()
        },
        OnetOptions {
            level_hours: [1.0, -1.0, 1.0],
            ..OnetOptions::default()
        },
    ] {
        assert!(matches!(
            Catalog::from_onet(&fixture(), &bad),
            Err(Error::InvalidArgument(_))
        ));
    }
}

#[test]
fn level_mapping_is_the_documented_one() {
    assert_eq!(onet_level(0.0), 1);
    assert_eq!(onet_level(2.9), 1);
    assert_eq!(onet_level(3.0), 2);
    assert_eq!(onet_level(4.99), 2);
    assert_eq!(onet_level(5.0), 3);
    assert_eq!(onet_level(7.0), 3);
}

#[test]
fn missing_occupation_file_is_an_io_error() {
    let err = Catalog::from_onet(Path::new("/nonexistent/onet"), &OnetOptions::default())
        .expect_err("missing");
    assert!(matches!(err, Error::Io { .. }));
    assert!(err.to_string().contains("Occupation Data.txt"), "{err}");
}

/// Reads a gzipped or plain O*NET table straight from disk: rows as column-name maps.
fn read_tsv(dir: &Path, name: &str) -> Vec<BTreeMap<String, String>> {
    let plain = dir.join(name);
    let reader: Box<dyn BufRead> = if plain.is_file() {
        Box::new(BufReader::new(std::fs::File::open(plain).expect("open")))
    } else {
        let f = std::fs::File::open(dir.join(format!("{name}.gz"))).expect("open gz");
        Box::new(BufReader::new(flate2::read::GzDecoder::new(f)))
    };
    let mut lines = reader.lines().map(|l| l.expect("line"));
    let header: Vec<String> = lines
        .next()
        .expect("header")
        .split('\t')
        .map(str::to_string)
        .collect();
    lines
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(l.split('\t').map(str::to_string))
                .collect()
        })
        .collect()
}

#[test]
fn real_onet_counts_and_a_known_occupation() {
    let Some(dir) = real_data("onet-29.2") else {
        return;
    };
    let imp = Catalog::from_onet(&dir, &OnetOptions::default()).expect("import O*NET");
    let cat = &imp.catalog;
    assert_eq!(cat.roles().len(), 1_016);
    // 35 skill elements + 33 knowledge elements + the distinct hot technologies.
    let tech_rows = read_tsv(&dir, "Technology Skills.txt");
    let hot: BTreeSet<&str> = tech_rows
        .iter()
        .filter(|r| r["Hot Technology"] == "Y")
        .map(|r| r["Example"].as_str())
        .collect();
    assert_eq!(cat.skills().len(), 35 + 33 + hot.len());
    assert!(cat.contains_skill("critical-thinking") && cat.contains_skill("mathematics-knowledge"));
    // Every id is lowercase and unique (validation would fail otherwise).
    assert!(cat.skills().iter().all(|s| s.id == s.id.to_lowercase()));
    // One warning: the occupations without ratings (or none above the
    // importance threshold), counted and the first ones named.
    let empty = cat.roles().iter().filter(|r| r.requires.is_empty()).count();
    assert!(empty > 100, "{empty}");
    assert_eq!(imp.warnings.len(), 1, "{:?}", imp.warnings);
    assert!(
        imp.warnings[0].starts_with(&format!("{empty} role(s) have no essential requirements"))
            && imp.warnings[0].ends_with(&format!(" and {} more", empty - 5)),
        "{}",
        imp.warnings[0]
    );

    // Computer and Information Research Scientists: recompute the expected
    // requirements straight from the files.
    let code = "15-1221.00";
    let mut expected = Vec::new();
    for file in ["Skills.txt", "Knowledge.txt"] {
        let rows = read_tsv(&dir, file);
        let mut im: BTreeMap<String, f64> = BTreeMap::new();
        let mut lv: BTreeMap<String, f64> = BTreeMap::new();
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        for r in rows.iter().filter(|r| r["O*NET-SOC Code"] == code) {
            let v: f64 = r["Data Value"].parse().expect("number");
            names.insert(r["Element ID"].clone(), r["Element Name"].clone());
            match r["Scale ID"].as_str() {
                "IM" => im.insert(r["Element ID"].clone(), v),
                "LV" => lv.insert(r["Element ID"].clone(), v),
                _ => None,
            };
        }
        for (elem, importance) in im {
            if importance >= 3.0 {
                let mut id = slug(&names[&elem]);
                if file == "Knowledge.txt" && id == "mathematics" {
                    id.push_str("-knowledge");
                }
                let level = if lv[&elem] < 3.0 {
                    1
                } else if lv[&elem] < 5.0 {
                    2
                } else {
                    3
                };
                expected.push(format!("{id}@{level}"));
            }
        }
    }
    expected.sort();
    assert!(!expected.is_empty());
    assert_eq!(requires(cat, code), expected);
    let hot_for_role: BTreeSet<String> = tech_rows
        .iter()
        .filter(|r| r["O*NET-SOC Code"] == code && r["Hot Technology"] == "Y")
        .map(|r| slug(&r["Example"]))
        .collect();
    assert_eq!(
        optional(cat, code).into_iter().collect::<BTreeSet<_>>(),
        hot_for_role
    );
    // 137 occupations have no ratings.
    let unrated = cat.roles().iter().filter(|r| r.requires.is_empty()).count();
    assert!(unrated >= 137, "{unrated}");
}
