//! The embedded default catalog: valid, as large and as varied as promised, and
//! every role reachable from an empty profile.

use std::collections::BTreeSet;

use gap_core::{Catalog, Requirement};

#[test]
fn embedded_catalog_is_valid_and_complete() {
    let cat = Catalog::default();
    assert!(cat.skills().len() >= 150, "{} skills", cat.skills().len());
    let categories: BTreeSet<&str> = cat
        .skills()
        .iter()
        .filter_map(|s| s.category.as_deref())
        .collect();
    assert!(categories.len() >= 10, "{categories:?}");
    for id in [
        "data-analyst",
        "analytics-engineer",
        "data-scientist",
        "junior-data-scientist",
        "data-engineer",
        "ml-engineer",
        "mlops-engineer",
        "ml-platform-engineer",
        "ai-engineer",
        "research-engineer",
        "applied-scientist",
        "junior-ml-engineer",
    ] {
        let role = cat.role(id).unwrap_or_else(|e| panic!("{e}"));
        assert!(!role.requires.is_empty(), "{id} has no essential entries");
    }
    assert!(cat.roles().len() >= 12);
    // Levels, alternatives and transfers are all in use.
    assert!(cat.skills().iter().any(|s| s.levels() >= 3));
    assert!(
        cat.roles()
            .iter()
            .any(|r| r.requires.iter().any(Requirement::is_group))
    );
    assert!(cat.skills().iter().any(|s| {
        s.level_reqs
            .iter()
            .flatten()
            .any(|r| matches!(r, Requirement::AnyOf { .. }))
    }));
    assert!(cat.transfers().len() >= 10);
    // Every skill is a valid id with a name and positive hours.
    for s in cat.skills() {
        assert!(!s.name.is_empty(), "{}", s.id);
        assert!(s.hours.iter().all(|h| *h > 0.0), "{}", s.id);
    }
}

#[test]
fn every_role_reachable_from_an_empty_profile() {
    // Acyclic (validated) and every reference resolves, so each requirement can
    // be learned: walk the steps in topological order, learning each step whose
    // requirements hold, until nothing changes; every role must end job-ready.
    let cat = Catalog::default();
    let g = cat.step_graph();
    let mut levels = vec![0u32; cat.skills().len()];
    for &step in g.topo() {
        let (s, l) = g.skill_level(step);
        let skill = &cat.skills()[s.ix()];
        if levels[s.ix()] == l - 1
            && skill
                .requirements(l)
                .iter()
                .all(|r| r.satisfied_by(&levels))
        {
            levels[s.ix()] = l;
        }
    }
    for r in cat.roles() {
        assert!(
            r.requires.iter().all(|q| q.satisfied_by(&levels)),
            "role {} is not reachable",
            r.id
        );
    }
}

#[test]
fn embedded_catalog_round_trips() {
    let cat = Catalog::default();
    assert_eq!(Catalog::from_json(&cat.to_json()).unwrap(), cat);
    assert_eq!(Catalog::from_toml(&cat.to_toml().unwrap()).unwrap(), cat);
}

/// `crates/gap-core/data/role_hours.tsv`: the pinned role totals.
const ROLE_HOURS: &str = include_str!("../data/role_hours.tsv");

/// The pinned table as the library computes it now: role id, name, family,
/// essential entries, optional entries, hours from an empty profile.
fn role_hours_table(cat: &Catalog) -> String {
    let mut rows: Vec<(f64, String)> = cat
        .roles()
        .iter()
        .map(|r| {
            let (h, optimal) = cat
                .role_hours_proven(&gap_core::Target::from(r.id.as_str()))
                .unwrap_or_else(|e| panic!("{}: {e}", r.id));
            assert!(optimal, "{} not proven optimal", r.id);
            let line = format!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                r.id,
                r.name,
                r.family.as_deref().unwrap_or(""),
                r.requires.len(),
                r.optional.len(),
                gap_core::format_hours(h)
            );
            (h, line)
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let mut out = String::from("role\tname\tfamily\tessential\toptional\thours\n");
    for (_, line) in rows {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn every_role_total_is_pinned() {
    // Set SKILLGAP_BLESS=1 to rewrite the table after a deliberate change of
    // the data, then run `python3 scripts/catalog-tables.py` for the READMEs.
    let now = role_hours_table(&Catalog::default());
    if std::env::var_os("SKILLGAP_BLESS").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/role_hours.tsv");
        std::fs::write(path, &now).expect("write role_hours.tsv");
        return;
    }
    assert_eq!(
        now, ROLE_HOURS,
        "role totals changed: review, then SKILLGAP_BLESS=1 cargo test -p gap-core --test default_catalog"
    );
}

/// The markdown table the READMEs show, rendered from the pinned table.
fn readme_table(tsv: &str) -> String {
    let mut out = String::from(
        "| role id | name | family | essential / optional entries | hours from zero |\n|---|---|---|---|---|\n",
    );
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} / {} | {} |\n",
            f[0], f[1], f[2], f[3], f[4], f[5]
        ));
    }
    out
}

#[test]
fn readme_tables_match_the_pinned_totals() {
    let want = readme_table(ROLE_HOURS);
    for (name, text) in [
        ("README.md", include_str!("../../../README.md")),
        (
            "crates/gap-core/data/README.md",
            include_str!("../data/README.md"),
        ),
    ] {
        let begin = "<!-- role-hours:begin (generated by scripts/catalog-tables.py) -->\n";
        let end = "<!-- role-hours:end -->";
        let a = text
            .find(begin)
            .unwrap_or_else(|| panic!("{name}: no role-hours block"));
        let b = text[a..]
            .find(end)
            .unwrap_or_else(|| panic!("{name}: unterminated block"))
            + a;
        assert_eq!(
            &text[a + begin.len()..b],
            want,
            "{name}: run python3 scripts/catalog-tables.py"
        );
    }
}

#[test]
fn mainstream_tools_cost_no_more_than_niche_alternatives() {
    // (mainstream, niche alternatives): O*NET 29.2 Technology Skills flags
    // and posting frequency (crates/gap-core/data/README.md, finding 1).
    let cat = Catalog::default();
    let pairs: [(&str, &[&str]); 7] = [
        ("docker", &["podman"]),
        ("airflow", &["dagster", "prefect"]),
        ("mlflow", &["wandb"]),
        ("power-bi", &["looker"]),
        ("tableau", &["looker"]),
        ("pgvector", &["chromadb", "weaviate", "qdrant", "milvus"]),
        ("pytorch", &["jax"]),
    ];
    for (main, niche) in pairs {
        let m = cat.skill(main).unwrap();
        for n in niche {
            let n = cat.skill(n).unwrap();
            assert_eq!(m.levels(), n.levels(), "{main} / {}", n.id);
            for (l, (hm, hn)) in m.hours.iter().zip(&n.hours).enumerate() {
                assert!(hm <= hn, "{main}@{} costs {hm} h, {}: {hn} h", l + 1, n.id);
            }
        }
    }
    // From an empty profile no role's shortest path takes a niche tool.
    let niche = [
        "podman", "dagster", "prefect", "wandb", "looker", "chromadb", "weaviate", "qdrant",
        "milvus", "jax",
    ];
    for r in cat.roles() {
        let p = cat
            .learning_path(
                &gap_core::Profile::new(),
                &[gap_core::Target::from(r.id.as_str())],
                &gap_core::PathOptions::default(),
            )
            .unwrap();
        for s in &p.steps {
            assert!(
                !niche.contains(&s.skill.as_str()),
                "{} takes {}",
                r.id,
                s.skill
            );
        }
    }
}

#[test]
fn every_role_has_a_source_and_every_skill_is_reached() {
    let cat = Catalog::default();
    assert!(cat.roles().len() >= 22);
    for r in cat.roles() {
        let src = r
            .source
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no source", r.id));
        let soc = src
            .strip_prefix("O*NET-SOC ")
            .unwrap_or_else(|| panic!("{}: {src}", r.id));
        let code: Vec<char> = soc.chars().take(10).collect();
        assert!(
            code.len() == 10
                && code[2] == '-'
                && code[7] == '.'
                && code
                    .iter()
                    .enumerate()
                    .all(|(i, c)| i == 2 || i == 7 || c.is_ascii_digit()),
            "{}: {src}",
            r.id
        );
        assert!(
            src.contains("; http://data.europa.eu/esco/occupation/"),
            "{}: {src}",
            r.id
        );
    }
    for s in cat.skills() {
        if let Some(src) = &s.source {
            assert!(
                src.starts_with("http://data.europa.eu/esco/skill/")
                    || src.starts_with("O*NET-SOC "),
                "{}: {src}",
                s.id
            );
        }
    }
    // Every skill is some role's entry or a prerequisite of one (no orphan
    // such as `rnns` was).
    let mut used = BTreeSet::new();
    let mut stack: Vec<usize> = Vec::new();
    let push = |ix: usize, used: &mut BTreeSet<usize>, stack: &mut Vec<usize>| {
        if used.insert(ix) {
            stack.push(ix);
        }
    };
    for r in cat.roles() {
        for req in &r.requires {
            for m in req.members() {
                push(m.skill.ix(), &mut used, &mut stack);
            }
        }
        for n in &r.optional {
            push(n.skill.ix(), &mut used, &mut stack);
        }
    }
    while let Some(s) = stack.pop() {
        let skill = &cat.skills()[s];
        for l in 1..=skill.levels() {
            for req in skill.requirements(l) {
                for m in req.members() {
                    push(m.skill.ix(), &mut used, &mut stack);
                }
            }
        }
    }
    let orphans: Vec<&str> = cat
        .skills()
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .map(|(_, s)| s.id.as_str())
        .collect();
    assert!(orphans.is_empty(), "reached by no role: {orphans:?}");
}
