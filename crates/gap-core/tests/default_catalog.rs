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
