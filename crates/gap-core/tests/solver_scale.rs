//! The default search budget proves optimality where SPEC 4 says it must:
//! every role of the embedded catalog, and targets with up to 30 unmet groups
//! in play in `synthetic` catalogs (checked on results, not timed).

use gap_core::synthetic::groups_in_play;
use gap_core::{Catalog, Mode, PathOptions, Profile, Target};

#[test]
fn every_default_role_is_proven_optimal() {
    let cat = Catalog::default();
    let profiles = [
        Profile::new(),
        Profile::from_iter(cat.skills().iter().step_by(7).map(|s| (s.id.clone(), 1u32))),
        Profile::from_iter(
            cat.skills()
                .iter()
                .step_by(3)
                .map(|s| (s.id.clone(), s.levels())),
        ),
    ];
    for p in &profiles {
        for r in cat.roles() {
            let t = [Target::from(r.id.as_str())];
            let path = cat.learning_path(p, &t, &PathOptions::default());
            assert!(matches!(&path, Ok(x) if x.optimal), "{}: {path:?}", r.id);
        }
        let all: Vec<Target> = cat
            .roles()
            .iter()
            .map(|r| Target::from(r.id.as_str()))
            .collect();
        for mode in [Mode::All, Mode::Any] {
            let o = {
                let mut o = PathOptions::default();
                o.mode = mode;
                o
            };
            let path = cat.learning_path(p, &all, &o);
            assert!(
                matches!(&path, Ok(x) if x.optimal),
                "all roles {mode:?}: {path:?}"
            );
        }
    }
}

#[test]
fn synthetic_targets_with_up_to_30_groups_are_proven_optimal() {
    let Ok(cat) = gap_core::synthetic::synthetic(14000, 120, 0, 0.05) else {
        panic!("synthetic")
    };
    let mut checked = 0;
    for r in cat.roles() {
        let g = groups_in_play(&cat, &[], r);
        if g == 0 || g > 30 {
            continue;
        }
        let path = cat.learning_path(
            &Profile::new(),
            &[Target::from(r.id.as_str())],
            &PathOptions::default(),
        );
        assert!(
            matches!(&path, Ok(x) if x.optimal && x.lower_bound == x.total_hours),
            "{} ({g} groups)",
            r.id
        );
        checked += 1;
    }
    assert!(checked >= 80, "only {checked} roles checked");
}
