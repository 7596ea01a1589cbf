//! Batch queries on catalogs with many `any_of` groups: `hours_matrix` and
//! `rank_roles` reuse the empty-profile answer of a role the profile does
//! not touch, and one answer per distinct key within a batch. Checked
//! against a brute-force oracle (tiny catalogs) and, cell by cell, against
//! one `learning_path` call per (profile, role) with the same limits
//! (larger catalogs with many groups, small budgets included); `top=k` is
//! the full ranking sliced.

use gap_core::{
    Catalog, Limits, PathOptions, Profile, RankBy, RankOptions, Requirement, SkillIx, Target,
};
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

fn fail(e: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}

/// `n` random profiles of `cat` knowing up to `max_skills` skills each,
/// with repeats (so that a batch meets the same key several times), the
/// empty profile, and profiles that fire transfers.
fn profiles(cat: &Catalog, rng: &mut Rng, n: usize, max_skills: u64) -> Vec<Profile> {
    let mut out: Vec<Profile> = vec![Profile::new()];
    while out.len() < n {
        if out.len() > 2 && rng.below(4) == 0 {
            let again = out[rng.below(out.len() as u64) as usize].clone();
            out.push(again);
            continue;
        }
        let mut p = Profile::new();
        for _ in 0..rng.below(max_skills + 1) {
            let s = &cat.skills()[rng.below(cat.skills().len() as u64) as usize];
            p.set(s.id.clone(), 1 + rng.below(u64::from(s.levels())) as u32);
        }
        if !cat.transfers().is_empty() && rng.below(3) == 0 {
            let t = &cat.transfers()[rng.below(cat.transfers().len() as u64) as usize];
            p.set(cat.skills()[t.from.skill.ix()].id.clone(), t.from.level);
        }
        out.push(p);
    }
    out
}

/// Every cell of `hours_matrix` within `limits` is the hours of one
/// `learning_path` call with the same limits, bit for bit, and every row of
/// `rank_roles` has that path's hours and `optimal` flag.
fn check_cells(cat: &Catalog, profiles: &[Profile], limits: &Limits) -> Result<(), TestCaseError> {
    let m = cat
        .hours_matrix_with(profiles, None, limits)
        .map_err(fail)?;
    let opts = PathOptions::default().with_limits(limits.clone());
    let rank_opts = RankOptions::default().with_limits(limits.clone());
    for (pi, p) in profiles.iter().enumerate() {
        let ranking = cat.rank_roles_with(p, None, &rank_opts).map_err(fail)?;
        let start = cat.resolve_profile(p).map_err(fail)?;
        for (ri, role) in cat.roles().iter().enumerate() {
            let path = cat
                .learning_path(p, &[Target::from(role.id.as_str())], &opts)
                .map_err(fail)?;
            prop_assert_eq!(
                m.get(pi, ri),
                Some(path.total_hours),
                "profile {} role {} budget {:?}",
                pi,
                &role.id,
                limits.budget
            );
            let row = ranking
                .iter()
                .find(|r| r.role == role.id)
                .ok_or_else(|| fail("role missing from the ranking"))?;
            prop_assert_eq!(
                (row.hours, row.optimal),
                (path.total_hours, path.optimal),
                "profile {} role {}",
                pi,
                &role.id
            );
            // Coverage and readiness: the entries the profile meets (an
            // `any_of` entry when enough of its members are met).
            let ess = role
                .requires
                .iter()
                .filter(|q| q.satisfied_by(&start))
                .count();
            let opt = role
                .optional
                .iter()
                .filter(|n| n.satisfied_by(&start))
                .count();
            let total = role.requires.len() + role.optional.len();
            let coverage = if total == 0 {
                1.0
            } else {
                (ess + opt) as f64 / total as f64
            };
            prop_assert_eq!(
                (row.coverage, row.ready),
                (coverage, ess == role.requires.len()),
                "profile {} role {}",
                pi,
                &role.id
            );
        }
    }
    Ok(())
}

/// `top=k` equals the full ranking sliced, by hours and by fit.
fn check_top(cat: &Catalog, p: &Profile) -> Result<(), TestCaseError> {
    for by in [RankBy::Hours, RankBy::Fit] {
        let opts = RankOptions::default().with_by(by);
        let all = cat.rank_roles_with(p, None, &opts).map_err(fail)?;
        for k in [1, 2, 3, 5, 8, all.len()] {
            let k = k.clamp(1, all.len().max(1));
            let top = cat
                .rank_roles_with(p, None, &opts.clone().with_top(k))
                .map_err(fail)?;
            prop_assert_eq!(&top[..], &all[..k.min(all.len())], "by {:?} top {}", by, k);
        }
    }
    Ok(())
}

/// numpy's default (linear) percentile of unsorted values.
fn percentile(mut v: Vec<f64>, q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let rank = q * (v.len() - 1) as f64;
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    v[lo] + (v[hi] - v[lo]) * (rank - lo as f64)
}

/// `cohort` within `limits` is what one `learning_path` per (profile,
/// role) with the same limits gives: per role the ready share, the median
/// and 90th percentile of the paths' hours and whether all are proven; per
/// skill the pairs whose path learns it and those steps' hours. A caller's
/// role (solved per cell) goes along with the catalog roles.
fn check_cohort(cat: &Catalog, people: &[Profile], limits: &Limits) -> Result<(), TestCaseError> {
    use std::collections::BTreeMap;
    let mut targets: Vec<Target> = cat
        .roles()
        .iter()
        .map(|r| Target::from(r.id.as_str()))
        .collect();
    if !cat.roles().is_empty() {
        let mut mine = cat.role_def(gap_core::RoleIx(0));
        mine.id = "callers-role".to_string();
        targets.push(Target::Role(mine));
    }
    let c = cat
        .cohort_with(people, Some(&targets), limits)
        .map_err(fail)?;
    let opts = PathOptions::default().with_limits(limits.clone());
    let mut pairs: BTreeMap<String, (u64, f64)> = BTreeMap::new();
    for (j, t) in targets.iter().enumerate() {
        let mut hours = Vec::new();
        let (mut ready, mut optimal) = (0usize, true);
        for p in people {
            let path = cat
                .learning_path(p, std::slice::from_ref(t), &opts)
                .map_err(fail)?;
            hours.push(path.total_hours);
            ready += usize::from(path.steps.is_empty());
            optimal &= path.optimal;
            let mut mine: BTreeMap<&str, f64> = BTreeMap::new();
            for st in &path.steps {
                *mine.entry(st.skill.as_str()).or_default() += st.hours;
            }
            for (skill, h) in mine {
                let e = pairs.entry(skill.to_string()).or_default();
                e.0 += 1;
                e.1 += h;
            }
        }
        let row = &c.roles[j];
        prop_assert_eq!(row.ready_share, ready as f64 / people.len() as f64);
        prop_assert_eq!(row.median_hours, percentile(hours.clone(), 0.5));
        prop_assert_eq!(row.p90_hours, percentile(hours, 0.9));
        prop_assert_eq!(row.optimal, optimal, "role {}", &row.role);
    }
    prop_assert_eq!(c.skills.len(), pairs.len());
    for s in &c.skills {
        let (n, h) = pairs[&s.skill];
        prop_assert_eq!(s.pairs, n, "{}", &s.skill);
        prop_assert!((s.hours - h).abs() <= 1e-9 * h.max(1.0), "{}", &s.skill);
    }
    Ok(())
}

fn check_synthetic(seed: u64) -> Result<(), TestCaseError> {
    let mut rng = Rng(seed);
    let skills = 60 + rng.below(90) as usize;
    let fraction = [0.2, 0.35, 0.5][rng.below(3) as usize];
    let cat = gap_core::synthetic::synthetic(skills, 10, seed, fraction).map_err(fail)?;
    let batch = profiles(&cat, &mut rng, 14, 12);
    check_cells(&cat, &batch, &Limits::default())?;
    // Budgets that stop some searches: the reused empty-profile answers
    // must still be what a search with that budget gives.
    for budget in [1, 4, 40] {
        check_cells(&cat, &batch, &Limits::default().with_budget(budget))?;
    }
    for limits in [Limits::default(), Limits::default().with_budget(4)] {
        check_cohort(&cat, &batch, &limits)?;
    }
    for p in batch.iter().take(4) {
        check_top(&cat, p)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// `hours_matrix` and `rank_roles` agree cell by cell with one
    /// `learning_path` per cell on synthetic catalogs with many groups.
    #[test]
    fn batch_cells_match_single_paths(seed in any::<u64>()) {
        check_synthetic(seed)?;
    }
}

/// The brute-force optimum for the entries `reqs` from `start`: every
/// subset of unknown steps, the valid ones (each step's level below and
/// requirements met by the start and the subset), the cheapest (hours
/// after transfers triggered by the start).
fn oracle(cat: &Catalog, start: &[u32], reqs: &[Requirement]) -> Option<f64> {
    let mut unknown: Vec<(usize, u32)> = Vec::new();
    for (s, sk) in cat.skills().iter().enumerate() {
        for l in start[s] + 1..=sk.levels() {
            unknown.push((s, l));
        }
    }
    let price = |s: usize, l: u32| {
        let d = cat
            .transfers()
            .iter()
            .filter(|t| t.to == SkillIx(s as u32) && t.from.satisfied_by(start))
            .map(|t| t.discount)
            .fold(0.0, f64::max);
        cat.skills()[s].hours[l as usize - 1] * (1.0 - d)
    };
    let mut best: Option<f64> = None;
    'mask: for mask in 0u32..(1 << unknown.len()) {
        let mut levels = start.to_vec();
        for (i, &(s, l)) in unknown.iter().enumerate() {
            if mask >> i & 1 == 1 {
                levels[s] = levels[s].max(l);
            }
        }
        let mut cost = 0.0;
        for (i, &(s, l)) in unknown.iter().enumerate() {
            if mask >> i & 1 == 0 {
                continue;
            }
            // Levels form a prefix: level l needs level l-1 in the set.
            if l > start[s] + 1 && mask >> (i - 1) & 1 == 0 {
                continue 'mask;
            }
            if !cat.skills()[s]
                .requirements(l)
                .iter()
                .all(|r| r.satisfied_by(&levels))
            {
                continue 'mask;
            }
            cost += price(s, l);
        }
        if reqs.iter().all(|r| r.satisfied_by(&levels)) && best.is_none_or(|b| cost < b) {
            best = Some(cost);
        }
    }
    best
}

fn check_oracle(seed: u64) -> Result<(), TestCaseError> {
    let mut rng = Rng(seed ^ 0x5EED);
    let skills = 5 + rng.below(4) as usize;
    let cat = gap_core::synthetic::synthetic(skills, 6, seed, 0.5).map_err(fail)?;
    let steps: u32 = cat.skills().iter().map(|s| s.levels()).sum();
    if steps > 14 {
        return Ok(());
    }
    let batch = profiles(&cat, &mut rng, 12, 4);
    let m = cat.hours_matrix(&batch, None).map_err(fail)?;
    for (pi, p) in batch.iter().enumerate() {
        let start = cat.resolve_profile(p).map_err(fail)?;
        let ranking = cat.rank_roles(p, None).map_err(fail)?;
        for (ri, role) in cat.roles().iter().enumerate() {
            let e = oracle(&cat, &start, &role.requires).ok_or_else(|| fail("infeasible"))?;
            let got = m.get(pi, ri).ok_or_else(|| fail("no cell"))?;
            prop_assert!(
                (got - e).abs() <= 1e-9 * e.abs().max(1.0),
                "profile {} role {}: {} vs oracle {}",
                pi,
                &role.id,
                got,
                e
            );
            let row = ranking
                .iter()
                .find(|r| r.role == role.id)
                .ok_or_else(|| fail("role missing"))?;
            prop_assert!(row.optimal);
            prop_assert_eq!(row.hours, got);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Batch answers equal the brute-force optimum on tiny grouped catalogs.
    #[test]
    fn batch_cells_match_the_oracle(seed in any::<u64>()) {
        check_oracle(seed)?;
    }
}

/// The embedded catalog: a batch of random profiles gives, cell by cell,
/// the hours of one `learning_path` per cell (no hours pinned: the data
/// changes).
#[test]
fn embedded_batch_matches_paths() {
    let cat = Catalog::default();
    let mut rng = Rng(13);
    let batch = profiles(&cat, &mut rng, 40, 8);
    if let Err(e) = check_cells(&cat, &batch, &Limits::default()) {
        panic!("{e}");
    }
    for p in batch.iter().take(6) {
        if let Err(e) = check_top(&cat, p) {
            panic!("{e}");
        }
    }
    if let Err(e) = check_cohort(&cat, &batch, &Limits::default()) {
        panic!("{e}");
    }
}

/// A random catalog whose roles' groups form components that share
/// prerequisites and members (the batch's group parts are split into
/// components and small ones solved by trying every choice): base skills
/// (some with two levels), members needing bases (some through a nested
/// group), roles with several groups over one pool of members (so the
/// same member is in two groups of a role), counts above 1, plain entries
/// on bases (met by the forced part), and transfers onto members and
/// bases.
fn shared_groups_catalog(seed: u64) -> Result<Catalog, TestCaseError> {
    let mut rng = Rng(seed ^ 0xC0DE);
    let n_bases = 3 + rng.below(5) as usize;
    let n_members = 4 + rng.below(9) as usize;
    let mut skills = Vec::new();
    let mut two_levels = Vec::new();
    for b in 0..n_bases {
        two_levels.push(rng.below(3) == 0);
        let hours = if two_levels[b] {
            format!("[{}, {}]", 5 + rng.below(40), 5 + rng.below(40))
        } else {
            format!("{}", 5 + rng.below(60))
        };
        skills.push(format!(
            r#"{{"id": "b{b}", "name": "B{b}", "hours": {hours}}}"#
        ));
    }
    for m in 0..n_members {
        let mut req: Vec<String> = Vec::new();
        for _ in 0..rng.below(3) {
            let b = rng.below(n_bases as u64);
            let at = if two_levels[b as usize] && rng.below(2) == 0 {
                "@2"
            } else {
                ""
            };
            let r = format!("\"b{b}{at}\"");
            if !req.contains(&r) {
                req.push(r);
            }
        }
        if rng.below(4) == 0 {
            let (x, y) = (rng.below(n_bases as u64), rng.below(n_bases as u64));
            if x != y {
                req.push(format!(r#"{{"any_of": ["b{x}", "b{y}"]}}"#));
            }
        }
        skills.push(format!(
            r#"{{"id": "m{m}", "name": "M{m}", "hours": {}, "requires": [{}]}}"#,
            1 + rng.below(30),
            req.join(", ")
        ));
    }
    let mut roles = Vec::new();
    for r in 0..4 {
        let mut req: Vec<String> = Vec::new();
        let mut seen: Vec<(Vec<u64>, u64)> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let size = 2 + rng.below(3) as usize;
            let mut mem: Vec<u64> = Vec::new();
            while mem.len() < size.min(n_members) {
                let m = rng.below(n_members as u64);
                if !mem.contains(&m) {
                    mem.push(m);
                }
            }
            let count = 1 + rng.below(2).min(mem.len() as u64 - 1);
            let mut set = mem.clone();
            set.sort_unstable();
            if seen.contains(&(set.clone(), count)) {
                continue;
            }
            seen.push((set, count));
            let list: Vec<String> = mem.iter().map(|m| format!("\"m{m}\"")).collect();
            req.push(format!(
                r#"{{"any_of": [{}], "count": {count}}}"#,
                list.join(", ")
            ));
        }
        if rng.below(2) == 0 {
            req.push(format!("\"b{}\"", rng.below(n_bases as u64)));
        }
        roles.push(format!(
            r#"{{"id": "r{r}", "name": "R{r}", "requires": [{}]}}"#,
            req.join(", ")
        ));
    }
    let mut transfers = Vec::new();
    for _ in 0..rng.below(4) {
        let from = rng.below((n_bases + n_members) as u64) as usize;
        let to = rng.below((n_bases + n_members) as u64) as usize;
        let id = |i: usize| {
            if i < n_bases {
                format!("b{i}")
            } else {
                format!("m{}", i - n_bases)
            }
        };
        if from != to {
            transfers.push(format!(
                r#"{{"from": "{}", "to": "{}", "discount": {}}}"#,
                id(from),
                id(to),
                [0.25, 0.5, 0.3][rng.below(3) as usize]
            ));
        }
    }
    let json = format!(
        r#"{{"skills": [{}], "roles": [{}], "transfers": [{}]}}"#,
        skills.join(", "),
        roles.join(", "),
        transfers.join(", ")
    );
    Catalog::from_json(&json).map_err(|e| fail(format!("{e}\n{json}")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Group parts made of components that share prerequisites and
    /// members, counts above 1 and transfers: every cell of the batch
    /// queries (default and small budgets) is one `learning_path`'s hours
    /// and `optimal` flag, and `top=k` is the full ranking sliced.
    #[test]
    fn shared_components_match_single_paths(seed in any::<u64>()) {
        let cat = shared_groups_catalog(seed)?;
        let mut rng = Rng(seed);
        let batch = profiles(&cat, &mut rng, 16, 5);
        for budget in [None, Some(1), Some(3), Some(20)] {
            let limits = match budget {
                Some(b) => Limits::default().with_budget(b),
                None => Limits::default(),
            };
            check_cells(&cat, &batch, &limits)?;
        }
        for p in batch.iter().take(3) {
            check_top(&cat, p)?;
        }
    }
}
