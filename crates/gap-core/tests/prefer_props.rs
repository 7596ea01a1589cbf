//! `PathOptions::prefer` against a brute-force oracle, and on the embedded
//! catalog (a learner who wants Docker, not Podman).
//!
//! Random small catalogs (at most 8 skills of 1–2 levels, acyclic by
//! construction: a skill only requires skills listed before it), with
//! `any_of` groups (counts 1–2) in skill requirements and roles, random
//! profiles and random preferred skills. The oracle enumerates every subset
//! of unknown steps and keeps those that meet the documented rule (written
//! here from the documentation of `PathOptions::with_prefer`, sharing no
//! code with the solver):
//! - every step's requirements hold in the start plus the set, the levels
//!   below included;
//! - every group that must hold (the target's essential groups, and the
//!   prerequisite groups of steps in the set) and is unmet at the start, with
//!   at least as many unknown preferred members as it still needs, holds
//!   counting only members known at the start and preferred members;
//! - a target's essential group unmet at the start with fewer unknown
//!   preferred members than it needs (but at least one) contains all of them.

use gap_core::{Catalog, Error, PathOptions, Profile, Requirement, Target};
use proptest::prelude::*;

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
}

struct Case {
    cat: Catalog,
    levels: Vec<u32>,
    start: Vec<u32>,
    prefer: Vec<usize>,
}

fn sid(i: usize) -> String {
    format!("s{i}")
}

fn reference(i: usize, level: u32) -> String {
    if level == 1 {
        format!("\"{}\"", sid(i))
    } else {
        format!("\"{}@{level}\"", sid(i))
    }
}

/// A random entry over skills `0..upto`: a reference or a group.
fn entry(rng: &mut Rng, levels: &[u32], upto: usize, used: &mut Vec<usize>) -> Option<String> {
    let free: Vec<usize> = (0..upto).filter(|i| !used.contains(i)).collect();
    if free.is_empty() {
        return None;
    }
    if free.len() >= 2 && rng.below(3) > 0 {
        let size = 2 + rng.below((free.len() as u64 - 1).min(3)) as usize;
        let mut members = Vec::new();
        let mut pool = free.clone();
        for _ in 0..size.min(pool.len()) {
            let k = rng.below(pool.len() as u64) as usize;
            members.push(pool.remove(k));
        }
        used.extend(&members);
        let count = 1 + rng.below(members.len().min(2) as u64) as usize;
        let refs: Vec<String> = members
            .iter()
            .map(|&m| reference(m, 1 + rng.below(levels[m] as u64) as u32))
            .collect();
        Some(format!(
            "{{\"any_of\": [{}], \"count\": {count}}}",
            refs.join(", ")
        ))
    } else {
        let m = free[rng.below(free.len() as u64) as usize];
        used.push(m);
        Some(reference(m, 1 + rng.below(levels[m] as u64) as u32))
    }
}

fn random_case(seed: u64) -> Case {
    let mut rng = Rng(seed);
    let n = 4 + rng.below(5) as usize;
    let levels: Vec<u32> = (0..n).map(|_| 1 + rng.below(2) as u32).collect();
    let mut skills = Vec::new();
    for i in 0..n {
        let hours: Vec<String> = (0..levels[i])
            .map(|_| (1 + rng.below(20)).to_string())
            .collect();
        let mut used = Vec::new();
        let mut reqs = Vec::new();
        for _ in 0..rng.below(3) {
            if i > 0 {
                if let Some(e) = entry(&mut rng, &levels, i, &mut used) {
                    reqs.push(e);
                }
            }
        }
        skills.push(format!(
            "{{\"id\": \"{}\", \"name\": \"S{i}\", \"hours\": [{}], \"requires\": [{}]}}",
            sid(i),
            hours.join(", "),
            reqs.join(", ")
        ));
    }
    let mut used = Vec::new();
    let mut entries = Vec::new();
    for _ in 0..1 + rng.below(3) {
        if let Some(e) = entry(&mut rng, &levels, n, &mut used) {
            entries.push(e);
        }
    }
    let json = format!(
        "{{\"skills\": [{}], \"roles\": [{{\"id\": \"r\", \"name\": \"R\", \"requires\": [{}]}}]}}",
        skills.join(", "),
        entries.join(", ")
    );
    let cat = Catalog::from_json(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
    let start: Vec<u32> = levels
        .iter()
        .map(|&l| {
            if rng.below(4) == 0 {
                rng.below(l as u64 + 1) as u32
            } else {
                0
            }
        })
        .collect();
    let prefer: Vec<usize> = (0..n).filter(|_| rng.below(3) == 0).collect();
    Case {
        cat,
        levels,
        start,
        prefer,
    }
}

/// Whether `req` holds in `have`, counting only the members `counts` keeps.
fn holds(req: &Requirement, have: &[u32], counts: impl Fn(usize, u32) -> bool) -> bool {
    match req {
        Requirement::Skill(n) => have[n.skill.ix()] >= n.level,
        Requirement::AnyOf { members, count } => {
            members
                .iter()
                .filter(|m| have[m.skill.ix()] >= m.level && counts(m.skill.ix(), m.level))
                .count()
                >= *count as usize
        }
    }
}

/// The oracle's rule for one group that must hold.
fn group_ok(case: &Case, req: &Requirement, have: &[u32], entry: bool) -> bool {
    let Requirement::AnyOf { members, count } = req else {
        return holds(req, have, |_, _| true);
    };
    let known_at = |s: usize, l: u32| case.start[s] >= l;
    let known = members
        .iter()
        .filter(|m| known_at(m.skill.ix(), m.level))
        .count();
    let pref: Vec<_> = members
        .iter()
        .filter(|m| !known_at(m.skill.ix(), m.level) && case.prefer.contains(&m.skill.ix()))
        .collect();
    let count = *count as usize;
    if known >= count || pref.is_empty() {
        return holds(req, have, |_, _| true);
    }
    if pref.len() >= count - known {
        return holds(req, have, |s, l| known_at(s, l) || case.prefer.contains(&s));
    }
    if entry {
        return pref.iter().all(|m| have[m.skill.ix()] >= m.level) && holds(req, have, |_, _| true);
    }
    holds(req, have, |_, _| true)
}

/// The cheapest step set under the rule (None: infeasible), by enumeration.
fn oracle(case: &Case) -> Option<f64> {
    let cat = &case.cat;
    let steps: Vec<(usize, u32)> = (0..case.levels.len())
        .flat_map(|s| (case.start[s] + 1..=case.levels[s]).map(move |l| (s, l)))
        .collect();
    let role = cat.role("r").expect("role");
    let mut best: Option<f64> = None;
    for mask in 0u32..(1 << steps.len()) {
        let mut have = case.start.clone();
        let mut cost = 0.0;
        for (k, &(s, l)) in steps.iter().enumerate() {
            if mask & (1 << k) != 0 {
                have[s] = have[s].max(l);
                cost += cat.skills()[s].hours[l as usize - 1];
            }
        }
        // Levels chain: a level in the set needs the one below.
        let chained = steps.iter().enumerate().all(|(k, &(s, l))| {
            mask & (1 << k) == 0 || l == 1 || case.start[s] >= l - 1 || {
                let below = steps.iter().position(|&x| x == (s, l - 1));
                below.is_some_and(|b| mask & (1 << b) != 0)
            }
        });
        if !chained {
            continue;
        }
        let prereqs_ok = steps.iter().enumerate().all(|(k, &(s, l))| {
            mask & (1 << k) == 0
                || cat.skills()[s]
                    .requirements(l)
                    .iter()
                    .all(|r| group_ok(case, r, &have, false))
        });
        let role_ok = role.requires.iter().all(|r| group_ok(case, r, &have, true));
        if prereqs_ok && role_ok && best.is_none_or(|b| cost < b) {
            best = Some(cost);
        }
    }
    best
}

/// Checks one case; true when the preferences changed the hours.
fn check(seed: u64) -> Result<bool, TestCaseError> {
    let case = random_case(seed);
    let mut profile = Profile::new();
    for (s, &l) in case.start.iter().enumerate() {
        if l > 0 {
            profile.set(sid(s), l);
        }
    }
    let opts = PathOptions::default().with_prefer(case.prefer.iter().map(|&s| sid(s)));
    let got = case
        .cat
        .learning_path(&profile, &[Target::from("r")], &opts);
    let want = oracle(&case);
    let free = case
        .cat
        .learning_path(&profile, &[Target::from("r")], &PathOptions::default())
        .map(|p| p.total_hours)
        .ok();
    let changed = want.is_some() && free.is_some() && want != free;
    match (got, want) {
        (Ok(p), Some(w)) => {
            prop_assert!(p.optimal, "seed {seed}: not optimal");
            prop_assert!(
                (p.total_hours - w).abs() < 1e-9,
                "seed {seed}: got {} want {w}, prefer {:?}, start {:?}",
                p.total_hours,
                case.prefer,
                case.start
            );
            // The steps themselves meet the rule, in a valid order.
            let mut have = case.start.clone();
            for st in &p.steps {
                let s = case.cat.skill_index(&st.skill).expect("skill").ix();
                prop_assert_eq!(have[s] + 1, st.level, "seed {}: level order", seed);
                let ok = case.cat.skills()[s]
                    .requirements(st.level)
                    .iter()
                    .all(|r| group_ok(&case, r, &have, false));
                prop_assert!(ok, "seed {seed}: step {}@{} not valid", st.skill, st.level);
                have[s] = st.level;
            }
            let role = case.cat.role("r").expect("role");
            prop_assert!(
                role.requires
                    .iter()
                    .all(|r| group_ok(&case, r, &have, true))
            );
        }
        (Err(Error::Infeasible { .. }), None) => {}
        (got, want) => {
            return Err(TestCaseError::fail(format!(
                "seed {seed}: solver {got:?}, oracle {want:?}"
            )));
        }
    }
    Ok(changed)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn prefer_matches_the_oracle(seed in any::<u64>()) {
        check(seed)?;
    }
}

#[test]
fn prefer_fixed_seeds() {
    let mut changed = 0;
    for seed in 0..300 {
        changed += usize::from(check(seed).unwrap_or_else(|e| panic!("{e}")));
    }
    // The preferences matter in a good share of the cases.
    assert!(changed >= 20, "{changed} of 300 cases changed");
}

fn skills_of(cat: &Catalog, profile: &Profile, role: &str, opts: &PathOptions) -> Vec<String> {
    let p = cat
        .learning_path(profile, &[Target::from(role)], opts)
        .unwrap_or_else(|e| panic!("{role}: {e}"));
    assert!(p.optimal, "{role}");
    p.steps.iter().map(|s| s.skill.clone()).collect()
}

#[test]
fn a_learner_who_wants_podman_or_docker_gets_it() {
    let cat = Catalog::default();
    let none = Profile::new();
    for role in [
        "mlops-engineer",
        "ml-engineer",
        "ai-engineer",
        "data-engineer",
    ] {
        for (want, other) in [("docker", "podman"), ("podman", "docker")] {
            let steps = skills_of(
                &cat,
                &none,
                role,
                &PathOptions::default().with_prefer([want]),
            );
            assert!(
                steps.iter().any(|s| s == want),
                "{role}: {want} not in {steps:?}"
            );
            assert!(
                !steps.iter().any(|s| s == other),
                "{role}: {other} in {steps:?}"
            );
        }
    }
}

#[test]
fn known_members_win_over_preferences() {
    let cat = Catalog::default();
    let knows_podman = Profile::from_refs(["podman@2"]).unwrap();
    let opts = PathOptions::default().with_prefer(["docker"]);
    let steps = skills_of(&cat, &knows_podman, "mlops-engineer", &opts);
    assert!(
        !steps.iter().any(|s| s == "docker" || s == "podman"),
        "{steps:?}"
    );
}

#[test]
fn preferring_costs_at_least_the_unrestricted_optimum() {
    let cat = Catalog::default();
    let none = Profile::new();
    for role in cat.roles() {
        let free = cat
            .learning_path(
                &none,
                &[Target::from(role.id.as_str())],
                &PathOptions::default(),
            )
            .unwrap();
        for pick in [
            "podman", "gcp", "looker", "prefect", "wandb", "jax", "chromadb",
        ] {
            let opts = PathOptions::default().with_prefer([pick]);
            let p = cat
                .learning_path(&none, &[Target::from(role.id.as_str())], &opts)
                .unwrap();
            assert!(p.optimal);
            assert!(
                p.total_hours >= free.total_hours - 1e-9,
                "{} {pick}",
                role.id
            );
        }
    }
}

#[test]
fn prefer_errors_name_the_skill() {
    let cat = Catalog::default();
    let none = Profile::new();
    let t = [Target::from("ml-engineer")];
    let e = cat
        .learning_path(&none, &t, &PathOptions::default().with_prefer(["dockr"]))
        .unwrap_err();
    assert!(matches!(e, Error::UnknownSkill { .. }), "{e:?}");
    assert!(e.to_string().contains("dockr"));
    let e = cat
        .learning_path(
            &none,
            &t,
            &PathOptions::default()
                .with_prefer(["docker"])
                .with_avoid(["docker"]),
        )
        .unwrap_err();
    assert!(
        matches!(e, Error::InvalidArgument(ref m) if m.contains("docker")),
        "{e:?}"
    );
}

#[test]
fn a_count_two_group_takes_the_preferred_member_and_chooses_the_rest() {
    let cat = Catalog::from_json(
        r#"{"skills": [
            {"id": "a", "name": "A", "hours": 1},
            {"id": "b", "name": "B", "hours": 2},
            {"id": "c", "name": "C", "hours": 30},
            {"id": "d", "name": "D", "hours": 40}],
          "roles": [{"id": "r", "name": "R", "requires": [{"any_of": ["a", "b", "c", "d"], "count": 2}]}]}"#,
    )
    .unwrap();
    let steps = skills_of(
        &cat,
        &Profile::new(),
        "r",
        &PathOptions::default().with_prefer(["d"]),
    );
    let mut sorted = steps.clone();
    sorted.sort();
    assert_eq!(sorted, ["a", "d"]);
    let both = skills_of(
        &cat,
        &Profile::new(),
        "r",
        &PathOptions::default().with_prefer(["c", "d"]),
    );
    let mut sorted = both.clone();
    sorted.sort();
    assert_eq!(sorted, ["c", "d"]);
}
