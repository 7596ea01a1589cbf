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
