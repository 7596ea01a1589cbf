//! Property tests of `design_programme` against a brute-force oracle.
//!
//! Random small catalogs (up to 12 skills, one to three levels, at most
//! about 5,000 level vectors; random `requires`, `level_requires` and
//! `any_of` groups with counts; acyclic by construction: a skill only
//! requires skills listed before it), 1 to 3 roles with groups, 1 to 20
//! random profiles, random hours and modes. The oracle enumerates every
//! level vector, keeps those whose steps are all learnable within the vector
//! (SPEC 4: every step's requirements met within the set) and within the
//! hours, and takes the most profiles ready, then the fewest hours; it is
//! written plainly from SPEC 4 and shares no code with the search.

use gap_core::{Catalog, Limits, Mode, Profile, Target};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A tiny deterministic generator (splitmix64).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    fn chance(&mut self, num: u64, den: u64) -> bool {
        self.below(den) < num
    }
}

fn reference(j: usize, level: u32) -> String {
    if level == 1 {
        format!("s{j}")
    } else {
        format!("s{j}@{level}")
    }
}

/// Random requirements over skills `0..upto`, without repeated entries.
fn random_reqs(rng: &mut Rng, levels: &[u32], upto: usize, max: u64, group_pct: u64) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    let mut used: Vec<usize> = Vec::new();
    if upto == 0 {
        return out;
    }
    for _ in 0..=rng.below(max) {
        if upto >= 3 && rng.chance(group_pct, 100) {
            let size = 2 + rng.below(2) as usize;
            let mut members: Vec<usize> = Vec::new();
            for _ in 0..size * 4 {
                let j = rng.below(upto as u64) as usize;
                if members.len() < size && !members.contains(&j) && !used.contains(&j) {
                    members.push(j);
                }
            }
            if members.len() < 2 {
                continue;
            }
            used.extend(&members);
            let count = if rng.chance(3, 4) { 1 } else { 2 };
            let refs: Vec<String> = members
                .iter()
                .map(|&j| reference(j, 1 + rng.below(u64::from(levels[j])) as u32))
                .collect();
            out.push(json!({"any_of": refs, "count": count}));
        } else {
            let j = rng.below(upto as u64) as usize;
            if used.contains(&j) {
                continue;
            }
            used.push(j);
            out.push(json!(reference(
                j,
                1 + rng.below(u64::from(levels[j])) as u32
            )));
        }
    }
    out
}

struct Case {
    cat: Catalog,
    profiles: Vec<Profile>,
    roles: Vec<String>,
    hours: f64,
    mode: Mode,
}

fn random_case(seed: u64) -> Case {
    let mut rng = Rng(seed);
    let n = 3 + rng.below(10) as usize;
    let mut levels: Vec<u32> = (0..n)
        .map(|_| if rng.chance(1, 4) { 2 } else { 1 })
        .collect();
    while levels.iter().map(|&l| u64::from(l) + 1).product::<u64>() > 5000 {
        let i = (0..n).rev().find(|&i| levels[i] > 1).unwrap_or(0);
        if levels[i] > 1 {
            levels[i] -= 1;
        } else {
            levels.pop();
        }
    }
    let n = levels.len();
    let mut skills = Vec::new();
    for i in 0..n {
        let hours: Vec<f64> = (0..levels[i])
            .map(|_| {
                if rng.chance(1, 8) {
                    0.0
                } else {
                    1.0 + rng.below(20) as f64
                }
            })
            .collect();
        let mut skill = json!({
            "id": format!("s{i}"), "name": format!("Skill {i}"), "hours": hours,
            "requires": random_reqs(&mut rng, &levels, i, 1, 30),
        });
        if levels[i] == 2 && rng.chance(1, 3) {
            let r = random_reqs(&mut rng, &levels, i, 0, 30);
            if !r.is_empty() {
                skill["level_requires"] = json!({"2": r});
            }
        }
        skills.push(skill);
    }
    let n_roles = 1 + rng.below(3) as usize;
    let roles: Vec<Value> = (0..n_roles)
        .map(|r| {
            json!({"id": format!("r{r}"), "name": format!("Role {r}"),
                   "requires": random_reqs(&mut rng, &levels, n, 3, 45)})
        })
        .collect();
    let cat = Catalog::from_json(&json!({"skills": skills, "roles": roles}).to_string())
        .expect("generated catalogs are valid");
    let n_profiles = 1 + rng.below(20) as usize;
    let profiles = (0..n_profiles)
        .map(|_| {
            let mut p = Profile::new();
            for (i, &lv) in levels.iter().enumerate() {
                if rng.chance(2, 5) {
                    p.set(format!("s{i}"), 1 + rng.below(u64::from(lv)) as u32);
                }
            }
            p
        })
        .collect();
    let mut role_ids: Vec<String> = (0..n_roles).map(|r| format!("r{r}")).collect();
    role_ids.truncate(1 + rng.below(n_roles as u64) as usize);
    let hours = rng.below(60) as f64;
    let mode = if rng.chance(1, 2) {
        Mode::Any
    } else {
        Mode::All
    };
    Case {
        cat,
        profiles,
        roles: role_ids,
        hours,
        mode,
    }
}

fn dense(cat: &Catalog, p: &Profile) -> Vec<u32> {
    let mut v = vec![0; cat.skills().len()];
    for (id, &l) in p.iter() {
        v[cat
            .skill_index(id)
            .expect("valid in the generated case")
            .ix()] = l;
    }
    v
}

/// Profiles ready once `taught` levels are added.
fn ready_count(cat: &Catalog, c: &Case, taught: &[u32]) -> usize {
    c.profiles
        .iter()
        .filter(|p| {
            let after: Vec<u32> = dense(cat, p)
                .iter()
                .zip(taught)
                .map(|(a, b)| *a.max(b))
                .collect();
            let ok = c.roles.iter().map(|r| {
                cat.role(r)
                    .expect("valid in the generated case")
                    .requires
                    .iter()
                    .all(|q| q.satisfied_by(&after))
            });
            let ok: Vec<bool> = ok.collect();
            if c.mode == Mode::All {
                ok.iter().all(|&b| b)
            } else {
                ok.iter().any(|&b| b)
            }
        })
        .count()
}

/// The oracle: (most profiles ready, fewest hours among those).
fn oracle(c: &Case) -> (usize, f64) {
    let cat = &c.cat;
    let maxes: Vec<u32> = cat.skills().iter().map(|s| s.levels()).collect();
    let mut v = vec![0u32; maxes.len()];
    let mut best = (0usize, f64::INFINITY);
    loop {
        let closed = cat.skills().iter().enumerate().all(|(s, sk)| {
            (1..=v[s]).all(|l| sk.requirements(l).iter().all(|q| q.satisfied_by(&v)))
        });
        if closed {
            let cost: f64 = cat
                .skills()
                .iter()
                .enumerate()
                .map(|(s, sk)| sk.hours_to(v[s]))
                .sum();
            if cost <= c.hours + 1e-9 {
                let r = ready_count(cat, c, &v);
                if r > best.0 || (r == best.0 && cost < best.1 - 1e-9) {
                    best = (r, cost);
                }
            }
        }
        // Next vector.
        let mut i = 0;
        while i < v.len() && v[i] == maxes[i] {
            v[i] = 0;
            i += 1;
        }
        if i == v.len() {
            return best;
        }
        v[i] += 1;
    }
}

/// The steps replay from the empty profile (each valid at its place), sum to
/// the reported hours within the limit, and make the reported profiles ready.
fn check_programme(c: &Case, p: &gap_core::Programme) -> Result<(), TestCaseError> {
    let cat = &c.cat;
    let mut lv = vec![0u32; cat.skills().len()];
    let mut sum = 0.0;
    for st in &p.steps {
        let s = cat
            .skill_index(&st.skill)
            .expect("valid in the generated case");
        let sk = &cat.skills()[s.ix()];
        prop_assert_eq!(
            lv[s.ix()] + 1,
            st.level,
            "{} learned out of order",
            st.skill
        );
        prop_assert!(
            sk.requirements(st.level)
                .iter()
                .all(|q| q.satisfied_by(&lv))
        );
        prop_assert_eq!(st.hours, sk.hours[st.level as usize - 1]);
        prop_assert!(!st.reasons.is_empty());
        lv[s.ix()] = st.level;
        sum += st.hours;
    }
    prop_assert!((sum - p.hours).abs() <= 1e-9 * sum.max(1.0));
    prop_assert!(p.hours <= c.hours * (1.0 + 1e-9));
    prop_assert_eq!(ready_count(cat, c, &lv), p.ready);
    prop_assert!(p.ready <= p.upper_bound && p.ready >= p.ready_before);
    prop_assert_eq!(p.ready_for.len(), c.profiles.len());
    Ok(())
}

fn targets(c: &Case) -> Vec<Target> {
    c.roles.iter().map(|r| Target::from(r.as_str())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn exact_programmes_match_the_oracle(seed in any::<u64>()) {
        let c = random_case(seed);
        let p = c.cat.design_programme(&c.profiles, &targets(&c), c.hours, c.mode).expect("valid in the generated case");
        check_programme(&c, &p)?;
        let (ready, hours) = oracle(&c);
        prop_assert!(p.optimal, "small cases are proven within the default budget");
        prop_assert_eq!(p.ready, ready);
        prop_assert_eq!(p.upper_bound, ready);
        prop_assert!((p.hours - hours).abs() <= 1e-9 * hours.max(1.0), "{} vs oracle {}", p.hours, hours);
        // Deterministic.
        let again = c.cat.design_programme(&c.profiles, &targets(&c), c.hours, c.mode).expect("valid in the generated case");
        prop_assert_eq!(again, p);
    }

    #[test]
    fn budgeted_programmes_are_flagged_and_bounded(seed in any::<u64>(), budget in 0u64..6) {
        let c = random_case(seed);
        let limits = Limits::default().with_budget(budget);
        let p = c.cat.design_programme_with(&c.profiles, &targets(&c), c.hours, c.mode, &limits).expect("valid in the generated case");
        check_programme(&c, &p)?;
        let (ready, _) = oracle(&c);
        prop_assert!(p.ready <= ready);
        prop_assert!(ready <= p.upper_bound, "oracle {} above the bound {}", ready, p.upper_bound);
        if p.optimal {
            prop_assert_eq!(p.ready, ready);
        }
        // Never worse than a role's own programme that fits.
        let opts = gap_core::PathOptions::default().with_mode(c.mode);
        let singles: Vec<Vec<String>> = if c.mode == Mode::All {
            vec![c.roles.clone()]
        } else {
            c.roles.iter().map(|r| vec![r.clone()]).collect()
        };
        for roles in singles {
            let t: Vec<Target> = roles.iter().map(|r| Target::from(r.as_str())).collect();
            let path = c.cat.learning_path(&Profile::new(), &t, &opts).expect("valid in the generated case");
            if path.total_hours <= c.hours {
                let mut lv = vec![0u32; c.cat.skills().len()];
                for st in &path.steps {
                    lv[c.cat.skill_index(&st.skill).expect("valid in the generated case").ix()] = st.level;
                }
                prop_assert!(p.ready >= ready_count(&c.cat, &c, &lv));
            }
        }
    }
}

#[test]
fn empty_cohorts_and_bad_hours() {
    let cat = Catalog::default();
    let roles = [Target::from(cat.roles()[0].id.as_str())];
    let p = cat
        .design_programme(&[], &roles, 100.0, Mode::Any)
        .expect("valid in the generated case");
    assert_eq!((p.ready, p.ready_before, p.upper_bound), (0, 0, 0));
    assert!(p.steps.is_empty() && p.optimal);
    for h in [-1.0, f64::NAN, f64::INFINITY] {
        let e = cat.design_programme(&[], &roles, h, Mode::Any).unwrap_err();
        assert!(matches!(e, gap_core::Error::InvalidArgument(_)), "{e}");
    }
    let bad = [
        Profile::new(),
        Profile::from_refs(["no-such-skill"]).expect("valid in the generated case"),
    ];
    let e = cat
        .design_programme(&bad, &roles, 10.0, Mode::Any)
        .unwrap_err();
    assert!(e.to_string().starts_with("profile 1:"), "{e}");
    let e = cat
        .design_programme(&bad[..1], &[Target::from("no-such-role")], 10.0, Mode::Any)
        .unwrap_err();
    assert!(matches!(e, gap_core::Error::UnknownRole { .. }), "{e}");
}
