//! `Catalog::cohort` against per-pair `learning_path` calls on the embedded
//! catalog (SPEC 4, "Cohorts").

use std::collections::BTreeMap;

use gap_core::{Catalog, PathOptions, Profile, Target};

/// A few dozen deterministic profiles over the catalog's skills.
fn profiles(cat: &Catalog, n: usize) -> Vec<Profile> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..n)
        .map(|_| {
            let k = 1 + next() % 12;
            (0..k)
                .map(|_| {
                    let s = &cat.skills()[(next() % cat.skills().len() as u64) as usize];
                    (s.id.clone(), 1 + (next() % u64::from(s.levels())) as u32)
                })
                .collect()
        })
        .collect()
}

/// numpy's default (linear) percentile, written out again.
fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let rank = p / 100.0 * (v.len() - 1) as f64;
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    v[lo] * (1.0 - (rank - lo as f64)) + v[hi] * (rank - lo as f64)
}

#[test]
fn cohort_tables_match_per_pair_paths() {
    let cat = Catalog::default();
    let people = profiles(&cat, 40);
    let roles: Vec<Target> = [
        "ml-engineer",
        "data-analyst",
        "mlops-engineer",
        "ai-engineer",
    ]
    .into_iter()
    .map(Target::from)
    .collect();
    let Ok(c) = cat.cohort(&people, Some(&roles)) else {
        panic!("cohort")
    };
    assert_eq!(c.profiles, people.len());
    let mut pairs: BTreeMap<String, (u64, f64)> = BTreeMap::new();
    for (j, t) in roles.iter().enumerate() {
        let paths: Vec<_> = people
            .iter()
            .map(|p| {
                cat.learning_path(p, std::slice::from_ref(t), &PathOptions::default())
                    .unwrap_or_else(|e| panic!("{e}"))
            })
            .collect();
        let row = &c.roles[j];
        let Target::Id(id) = t else { panic!() };
        assert_eq!(&row.role, id);
        let ready = paths.iter().filter(|p| p.steps.is_empty()).count();
        assert_eq!(row.ready_share, ready as f64 / people.len() as f64);
        let hours: Vec<f64> = paths.iter().map(|p| p.total_hours).collect();
        assert!((row.median_hours - percentile(hours.clone(), 50.0)).abs() < 1e-9);
        assert!((row.p90_hours - percentile(hours, 90.0)).abs() < 1e-9);
        assert!(row.optimal);
        for p in &paths {
            let mut mine: BTreeMap<&str, f64> = BTreeMap::new();
            for s in &p.steps {
                *mine.entry(s.skill.as_str()).or_default() += s.hours;
            }
            for (skill, h) in mine {
                let e = pairs.entry(skill.to_string()).or_default();
                e.0 += 1;
                e.1 += h;
            }
        }
    }
    assert_eq!(c.skills.len(), pairs.len());
    for s in &c.skills {
        let (n, h) = pairs[&s.skill];
        assert_eq!(s.pairs, n, "{}", s.skill);
        assert!((s.hours - h).abs() <= 1e-9 * h.max(1.0), "{}", s.skill);
    }
    for w in c.skills.windows(2) {
        assert!(w[0].pairs > w[1].pairs || (w[0].pairs == w[1].pairs && w[0].hours >= w[1].hours));
    }
}

#[test]
fn empty_cohort_and_bad_input() {
    let cat = Catalog::default();
    let Ok(c) = cat.cohort(&[], None) else {
        panic!()
    };
    assert_eq!(c.roles.len(), cat.roles().len());
    assert!(
        c.roles
            .iter()
            .all(|r| r.ready_share == 0.0 && r.median_hours.is_nan())
    );
    assert!(c.skills.is_empty());
    let bad: Profile = [("pyhton".to_string(), 1)].into_iter().collect();
    assert!(cat.cohort(&[Profile::new(), bad], None).is_err());
    assert!(
        cat.cohort(&[Profile::new()], Some(&[Target::from("nope")]))
            .is_err()
    );
}
