//! The order of `rank_roles` (SPEC 4) against an independent sort of its
//! own rows: by hours ascending, coverage descending, role id; or by fit
//! descending, hours ascending, role id. Catalogs with many ties (few
//! distinct hours and coverages), a caller's roles whose ids fall between
//! the catalog's, and a role named twice; `top=k` is the first k rows.

use gap_core::{Catalog, Profile, RankBy, RankEntry, RankOptions, Target};
use proptest::prelude::*;

fn xorshift(mut s: u64) -> impl FnMut(u64) -> u64 {
    s |= 1;
    move |n| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s % n.max(1)
    }
}

/// A catalog of 8 skills (10 or 20 h) and `roles` roles, each requiring 1
/// to 3 skills and naming up to 2 other optional ones; ids `r00`, `r02`,
/// ... (even numbers, so that a caller's `r01` falls between).
fn catalog(next: &mut impl FnMut(u64) -> u64, roles: usize) -> Catalog {
    let skills: Vec<String> = (0..8)
        .map(|i| {
            format!(
                r#"{{"id": "s{i}", "name": "S{i}", "hours": {}}}"#,
                10 * (1 + next(2))
            )
        })
        .collect();
    let pick = |next: &mut dyn FnMut(u64) -> u64, n: u64| -> Vec<String> {
        let mut v: Vec<String> = (0..n).map(|_| format!("\"s{}\"", next(8))).collect();
        v.sort();
        v.dedup();
        v
    };
    let roles: Vec<String> = (0..roles)
        .map(|i| {
            let (n_req, n_opt) = (1 + next(3), next(3));
            let req = pick(&mut *next, n_req);
            let mut opt = pick(&mut *next, n_opt);
            opt.retain(|o| !req.contains(o));
            format!(
                r#"{{"id": "r{:02}", "name": "R{i}", "requires": [{}], "optional": [{}]}}"#,
                2 * i,
                req.join(", "),
                opt.join(", ")
            )
        })
        .collect();
    let json = format!(
        r#"{{"skills": [{}], "roles": [{}]}}"#,
        skills.join(", "),
        roles.join(", ")
    );
    Catalog::from_json(&json).expect("catalog")
}

/// Whether `rows` are in ranking order, checked against the rows' own
/// fields (an independent comparator: integer hours, so no tolerance).
fn check_order(rows: &[RankEntry], by: RankBy) -> Result<(), TestCaseError> {
    let key = |e: &RankEntry| match by {
        RankBy::Fit => (-e.fit, e.hours, e.role.clone()),
        _ => (e.hours, -e.coverage, e.role.clone()),
    };
    let mut sorted: Vec<(f64, f64, String)> = rows.iter().map(key).collect();
    sorted.sort_by(|a, b| {
        a.0.partial_cmp(&b.0)
            .expect("no NaN")
            .then(a.1.partial_cmp(&b.1).expect("no NaN"))
            .then_with(|| a.2.cmp(&b.2))
    });
    let got: Vec<(f64, f64, String)> = rows.iter().map(key).collect();
    prop_assert_eq!(got, sorted);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn rankings_sort_by_their_own_fields(seed in any::<u64>()) {
        let mut next = xorshift(seed);
        let n_roles = 2 + next(30) as usize;
        let cat = catalog(&mut next, n_roles);
        let mut profile = Profile::new();
        for _ in 0..next(5) {
            profile.set(format!("s{}", next(8)), 1);
        }
        // Every catalog role, one named twice, and a few of the caller's
        // (copies of catalog roles under ids between and around theirs).
        let mut targets: Vec<Target> = cat.roles().iter().map(|r| Target::from(r.id.as_str())).collect();
        targets.push(Target::from(cat.roles()[next(n_roles as u64) as usize].id.as_str()));
        for k in 0..next(4) {
            let mut mine = cat.role_def(gap_core::RoleIx(next(n_roles as u64) as u32));
            mine.id = match k % 3 {
                0 => format!("r{:02}", 2 * next(n_roles as u64) + 1),
                1 => "a-first".to_string(),
                _ => "z-last".to_string(),
            };
            targets.push(Target::Role(mine));
        }
        for by in [RankBy::Hours, RankBy::Fit] {
            for roles in [None, Some(&targets[..])] {
                let opts = RankOptions::default().with_by(by);
                let all = cat.rank_roles_with(&profile, roles, &opts).expect("ranking");
                prop_assert_eq!(all.len(), roles.map_or(n_roles, <[Target]>::len));
                check_order(&all, by)?;
                for k in [1, 2, 5, all.len()] {
                    let top = cat
                        .rank_roles_with(&profile, roles, &opts.clone().with_top(k))
                        .expect("ranking");
                    prop_assert_eq!(&top[..], &all[..k.min(all.len())]);
                }
            }
        }
    }
}
