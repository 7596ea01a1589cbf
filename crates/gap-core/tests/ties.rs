//! Among equally short paths, the alternative a catalog lists first wins: the
//! choice is deterministic and follows the catalog author's order (PyTorch
//! before JAX), not ids or indices.

use gap_core::{Catalog, PathOptions, Profile, Target};

fn chosen(cat: &Catalog, profile: &Profile, role: &str) -> Vec<String> {
    let path = cat
        .learning_path(profile, &[Target::from(role)], &PathOptions::default())
        .expect("a path");
    assert!(path.optimal);
    path.steps.iter().map(|s| s.skill.clone()).collect()
}

#[test]
fn equal_cost_alternatives_follow_declared_order() {
    // `zeta` is declared first in the group but is last by id and by index.
    let cat = Catalog::from_json(
        r#"{"skills": [
            {"id": "alpha", "name": "Alpha", "hours": 10},
            {"id": "mid", "name": "Mid", "hours": 10},
            {"id": "zeta", "name": "Zeta", "hours": 10}],
          "roles": [
            {"id": "r", "name": "R", "requires": [{"any_of": ["zeta", "alpha", "mid"]}]},
            {"id": "k", "name": "K", "requires": [{"any_of": ["mid", "zeta", "alpha"], "count": 2}]}]}"#,
    )
    .unwrap();
    assert_eq!(chosen(&cat, &Profile::new(), "r"), ["zeta"]);
    let mut two = chosen(&cat, &Profile::new(), "k");
    two.sort();
    assert_eq!(two, ["mid", "zeta"]);
}

#[test]
fn embedded_ml_engineer_takes_the_mainstream_alternatives() {
    let cat = Catalog::default();
    let me = Profile::from_refs(["python@2", "sql", "git", "statistics"]).unwrap();
    let steps = chosen(&cat, &me, "ml-engineer");
    for mainstream in ["pytorch", "docker", "aws"] {
        assert!(
            steps.iter().any(|s| s == mainstream),
            "{mainstream} not in {steps:?}"
        );
    }
    for other in ["jax", "podman", "azure"] {
        assert!(!steps.iter().any(|s| s == other), "{other} in {steps:?}");
    }
}

#[test]
fn modes_and_orders_parse_from_their_names() {
    use gap_core::{Error, Mode, Order};
    assert_eq!("all".parse::<Mode>().unwrap(), Mode::All);
    assert_eq!("any".parse::<Mode>().unwrap(), Mode::Any);
    assert_eq!("milestones".parse::<Order>().unwrap(), Order::Milestones);
    assert_eq!("default".parse::<Order>().unwrap(), Order::Default);
    assert!(
        matches!("ALL".parse::<Mode>(), Err(Error::InvalidArgument(m)) if m.contains("\"all\", \"any\" or a number"))
    );
    assert!(matches!(
        "fast".parse::<Order>(),
        Err(Error::InvalidArgument(_))
    ));
}
