//! Property tests of the engine against a brute-force oracle.
//!
//! Random small catalogs (at most 6 skills, 3 levels, at most 14 steps;
//! random `requires`, `level_requires`, `any_of` groups with counts and
//! transfers; acyclic by construction: a skill only requires skills listed
//! before it), random profiles, targets, modes and `avoid`. The oracle
//! enumerates every subset of unknown steps, keeps the feasible ones and takes
//! the cheapest; it is written plainly from SPEC 4 and shares no code with the
//! solver beyond the compiled catalog's requirement lists.

use gap_core::format::{CatalogDef, GroupDef, Hours, ReqDef, RoleDef, SkillDef, TransferDef};
use gap_core::{
    Catalog, Error, LearningPath, Mode, PathOptions, Profile, RankBy, RankOptions, Requirement,
    SkillIx, Target,
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
    fn chance(&mut self, num: u64, den: u64) -> bool {
        self.below(den) < num
    }
}

fn reference(id: &str, level: u32) -> String {
    if level == 1 {
        id.to_string()
    } else {
        format!("{id}@{level}")
    }
}

/// A random reference to one of the skills `0..upto`.
fn random_ref(rng: &mut Rng, levels: &[u32], upto: usize) -> String {
    let j = rng.below(upto as u64) as usize;
    let l = 1 + rng.below(u64::from(levels[j])) as u32;
    reference(&format!("s{j}"), l)
}

/// A random requirement list over skills `0..upto` (no repeated entry).
fn random_reqs(
    rng: &mut Rng,
    levels: &[u32],
    upto: usize,
    max: u64,
    group_pct: u64,
) -> Vec<ReqDef> {
    let mut out: Vec<ReqDef> = Vec::new();
    if upto == 0 {
        return out;
    }
    let k = rng.below(max + 1);
    for _ in 0..k {
        let req = if upto >= 2 && rng.chance(group_pct, 100) {
            let size = 2 + rng.below(2) as usize;
            let mut members: Vec<String> = Vec::new();
            for _ in 0..size * 3 {
                if members.len() == size {
                    break;
                }
                let r = random_ref(rng, levels, upto);
                if !members.contains(&r) {
                    members.push(r);
                }
            }
            if members.len() < 2 {
                continue;
            }
            let span = if rng.chance(2, 3) {
                1
            } else {
                members.len() as u64
            };
            let count = 1 + rng.below(span) as i64;
            ReqDef::Group(GroupDef {
                any_of: members,
                count,
            })
        } else {
            ReqDef::Ref(random_ref(rng, levels, upto))
        };
        if !out.iter().any(|o| entry_key(o) == entry_key(&req)) {
            out.push(req);
        }
    }
    out
}

/// Entries that validation treats as the same (groups: members in any order).
fn entry_key(r: &ReqDef) -> String {
    match r {
        ReqDef::Ref(s) => s.clone(),
        ReqDef::Group(g) => {
            let mut m = g.any_of.clone();
            m.sort();
            format!("{}:{}", g.count, m.join(","))
        }
    }
}

#[derive(Debug, Clone)]
struct Case {
    def: CatalogDef,
    profile: Profile,
    targets: Vec<String>,
    mode: Mode,
    avoid: Vec<String>,
}

fn random_case(seed: u64) -> Case {
    let mut rng = Rng(seed);
    let n = 2 + rng.below(5) as usize;
    let mut levels: Vec<u32> = (0..n).map(|_| 1 + rng.below(3) as u32).collect();
    while levels.iter().sum::<u32>() > 14 {
        let i = (0..n).max_by_key(|&i| (levels[i], i)).unwrap_or(0);
        levels[i] -= 1;
    }
    let mut skills = Vec::new();
    for i in 0..n {
        let hours: Vec<f64> = (0..levels[i])
            .map(|_| match rng.below(6) {
                0 => 0.0,
                1 => 0.5 + rng.below(10) as f64,
                _ => 1.0 + rng.below(20) as f64,
            })
            .collect();
        let mut level_requires = std::collections::BTreeMap::new();
        for l in 2..=levels[i] {
            let reqs = random_reqs(&mut rng, &levels, i, 1, 35);
            if !reqs.is_empty() {
                level_requires.insert(l.to_string(), reqs);
            }
        }
        skills.push(SkillDef {
            id: format!("s{i}"),
            name: format!("Skill {i}"),
            hours: Hours::Levels(hours),
            requires: random_reqs(&mut rng, &levels, i, 2, 35),
            level_requires,
            ..SkillDef::default()
        });
    }
    let n_roles = 1 + rng.below(3) as usize;
    let mut roles = Vec::new();
    for r in 0..n_roles {
        let mut requires = random_reqs(&mut rng, &levels, n, 3, 45);
        if requires.is_empty() {
            requires.push(ReqDef::Ref(random_ref(&mut rng, &levels, n)));
        }
        let mut optional = Vec::new();
        for _ in 0..rng.below(2) {
            let o = random_ref(&mut rng, &levels, n);
            if !requires.iter().any(|q| q.to_string() == o) && !optional.contains(&o) {
                optional.push(o);
            }
        }
        roles.push(RoleDef {
            id: format!("r{r}"),
            name: format!("Role {r}"),
            requires,
            optional,
            ..RoleDef::default()
        });
    }
    let mut transfers = Vec::new();
    for _ in 0..rng.below(3) {
        let from = rng.below(n as u64) as usize;
        let to = rng.below(n as u64) as usize;
        if from == to {
            continue;
        }
        let from_level = 1 + rng.below(u64::from(levels[from])) as u32;
        transfers.push(TransferDef {
            from: reference(&format!("s{from}"), from_level),
            to: format!("s{to}"),
            discount: [0.0, 0.25, 0.5, 1.0][rng.below(4) as usize],
        });
    }
    let mut profile = Profile::new();
    for (i, &lv) in levels.iter().enumerate() {
        if rng.chance(1, 2) {
            profile.set(format!("s{i}"), rng.below(u64::from(lv) + 1) as u32);
        }
    }
    let mut targets = vec![format!("r{}", rng.below(n_roles as u64))];
    if n_roles > 1 && rng.chance(1, 2) {
        let t = format!("r{}", rng.below(n_roles as u64));
        if !targets.contains(&t) {
            targets.push(t);
        }
    }
    let mode = if rng.chance(1, 2) {
        Mode::All
    } else {
        Mode::Any
    };
    let mut avoid = Vec::new();
    if rng.chance(1, 3) {
        avoid.push(format!("s{}", rng.below(n as u64)));
    }
    Case {
        def: CatalogDef {
            skills,
            roles,
            transfers,
            format: gap_core::format::FORMAT.to_string(),
            name: String::new(),
        },
        profile,
        targets,
        mode,
        avoid,
    }
}

/// The brute-force oracle for one catalog and starting profile.
struct Oracle<'a> {
    cat: &'a Catalog,
    def: &'a CatalogDef,
    start: Vec<u32>,
    /// Unknown steps as (skill, level).
    unknown: Vec<(usize, u32)>,
}

impl<'a> Oracle<'a> {
    fn new(cat: &'a Catalog, def: &'a CatalogDef, profile: &Profile) -> Self {
        let start: Vec<u32> = def.skills.iter().map(|s| profile.level(&s.id)).collect();
        let mut unknown = Vec::new();
        for (i, s) in def.skills.iter().enumerate() {
            for l in start[i] + 1..=s.hours.as_slice().len() as u32 {
                unknown.push((i, l));
            }
        }
        Oracle {
            cat,
            def,
            start,
            unknown,
        }
    }

    /// Hours of a step after transfers, from the definition.
    fn hours(&self, s: usize, l: u32) -> f64 {
        let h = self.def.skills[s].hours.as_slice()[l as usize - 1];
        let mut d: f64 = 0.0;
        for t in &self.def.transfers {
            if t.to == self.def.skills[s].id {
                let (id, lv) = match t.from.split_once('@') {
                    Some((id, lv)) => (id, lv.parse::<u32>().unwrap_or(1)),
                    None => (t.from.as_str(), 1),
                };
                let k: usize = id[1..].parse().unwrap_or(0);
                if self.start[k] >= lv {
                    d = d.max(t.discount);
                }
            }
        }
        h * (1.0 - d)
    }

    /// The levels after learning the steps of `mask`, or None when the set
    /// breaks a level chain or a step's requirements.
    fn levels_if_valid(&self, mask: u32, avoid: &[bool]) -> Option<Vec<u32>> {
        let mut levels = self.start.clone();
        let has = |s: usize, l: u32| {
            l <= self.start[s]
                || self
                    .unknown
                    .iter()
                    .enumerate()
                    .any(|(b, &(t, m))| mask >> b & 1 == 1 && t == s && m == l)
        };
        for (b, &(s, l)) in self.unknown.iter().enumerate() {
            if mask >> b & 1 == 1 {
                if avoid.get(s).copied().unwrap_or(false) {
                    return None;
                }
                levels[s] = levels[s].max(l);
            }
        }
        for (b, &(s, l)) in self.unknown.iter().enumerate() {
            if mask >> b & 1 == 1 {
                if l > 1 && !has(s, l - 1) {
                    return None;
                }
                let skill = &self.cat.skills()[s];
                if !skill
                    .requirements(l)
                    .iter()
                    .all(|r| r.satisfied_by(&levels))
                {
                    return None;
                }
            }
        }
        Some(levels)
    }

    fn cost(&self, mask: u32) -> f64 {
        self.unknown
            .iter()
            .enumerate()
            .filter(|(b, _)| mask >> b & 1 == 1)
            .map(|(_, &(s, l))| self.hours(s, l))
            .sum()
    }

    /// Feasible masks for the requirement lists (all must hold).
    fn feasible(&self, reqs: &[&[Requirement]], avoid: &[bool]) -> Vec<u32> {
        let mut out = Vec::new();
        for mask in 0..(1u32 << self.unknown.len()) {
            if let Some(levels) = self.levels_if_valid(mask, avoid) {
                if reqs
                    .iter()
                    .all(|rs| rs.iter().all(|r| r.satisfied_by(&levels)))
                {
                    out.push(mask);
                }
            }
        }
        out
    }

    fn min_cost(&self, reqs: &[&[Requirement]], avoid: &[bool]) -> Option<f64> {
        self.feasible(reqs, avoid)
            .into_iter()
            .map(|m| self.cost(m))
            .fold(None, |a: Option<f64>, c| Some(a.map_or(c, |a| a.min(c))))
    }

    /// Steps (skill, level) of some optimal feasible set from which no step
    /// can be dropped.
    fn minimal_optimal_steps(&self, reqs: &[&[Requirement]]) -> Vec<(usize, u32)> {
        let feas = self.feasible(reqs, &[]);
        let Some(best) = feas.iter().map(|&m| self.cost(m)).reduce(f64::min) else {
            return Vec::new();
        };
        let is_feasible = |m: u32| feas.binary_search(&m).is_ok();
        let mut steps = Vec::new();
        for &m in &feas {
            if !close(self.cost(m), best) {
                continue;
            }
            let irreducible =
                (0..self.unknown.len()).all(|b| m >> b & 1 == 0 || !is_feasible(m & !(1 << b)));
            if irreducible {
                for (b, &st) in self.unknown.iter().enumerate() {
                    if m >> b & 1 == 1 && !steps.contains(&st) {
                        steps.push(st);
                    }
                }
            }
        }
        steps.sort();
        steps
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Replays a path from the start: every step valid at its place, hours as
/// the oracle says, total the sum; returns the final levels.
fn replay(cat: &Catalog, oracle: &Oracle<'_>, path: &LearningPath) -> Result<Vec<u32>, String> {
    let mut levels = oracle.start.clone();
    let mut total = 0.0;
    for (k, st) in path.steps.iter().enumerate() {
        let s = cat.skill_index(&st.skill).map_err(|e| e.to_string())?;
        if levels[s.ix()] + 1 != st.level {
            return Err(format!(
                "step {k} {}@{}: level {} before",
                st.skill,
                st.level,
                levels[s.ix()]
            ));
        }
        if !cat.skills()[s.ix()]
            .requirements(st.level)
            .iter()
            .all(|r| r.satisfied_by(&levels))
        {
            return Err(format!(
                "step {k} {}@{}: requirements unmet",
                st.skill, st.level
            ));
        }
        if !close(st.hours, oracle.hours(s.ix(), st.level)) {
            return Err(format!(
                "step {k}: hours {} vs {}",
                st.hours,
                oracle.hours(s.ix(), st.level)
            ));
        }
        if st.reasons.is_empty() {
            return Err(format!("step {k}: no reason"));
        }
        levels[s.ix()] = st.level;
        total += st.hours;
    }
    if !close(total, path.total_hours) {
        return Err(format!("total {} vs sum {total}", path.total_hours));
    }
    Ok(levels)
}

fn role_reqs<'c>(cat: &'c Catalog, id: &str) -> &'c [Requirement] {
    cat.role(id).map(|r| r.requires.as_slice()).unwrap_or(&[])
}

fn check_case(seed: u64) -> Result<(), TestCaseError> {
    let case = random_case(seed);
    let cat = match Catalog::from_def(&case.def) {
        Ok(c) => c,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "generated catalog invalid: {e}"
            )));
        }
    };
    let json = cat.to_json();
    let oracle = Oracle::new(&cat, &case.def, &case.profile);
    let avoid: Vec<bool> = case
        .def
        .skills
        .iter()
        .map(|s| case.avoid.contains(&s.id))
        .collect();
    let targets: Vec<Target> = case
        .targets
        .iter()
        .map(|t| Target::from(t.as_str()))
        .collect();
    // Oracle optimum.
    let per_target: Vec<Option<f64>> = case
        .targets
        .iter()
        .map(|t| oracle.min_cost(&[role_reqs(&cat, t)], &avoid))
        .collect();
    let (expected, ready_for): (Option<f64>, Vec<String>) = match case.mode {
        Mode::All => {
            let reqs: Vec<&[Requirement]> =
                case.targets.iter().map(|t| role_reqs(&cat, t)).collect();
            (oracle.min_cost(&reqs, &avoid), case.targets.clone())
        }
        Mode::Any => {
            let mut best: Option<(f64, usize)> = None;
            for (i, c) in per_target.iter().enumerate() {
                if let Some(c) = *c {
                    if best.is_none_or(|(b, _)| c < b && !close(c, b)) {
                        best = Some((c, i));
                    }
                }
            }
            (best.map(|b| b.0), Vec::new())
        }
        other => panic!("mode {other:?} not generated"),
    };
    let opts = {
        let mut o = PathOptions::default();
        o.mode = case.mode;
        o.avoid = case.avoid.clone();
        o
    };
    let got = cat.learning_path(&case.profile, &targets, &opts);
    let again = cat.learning_path(&case.profile, &targets, &opts);
    match (&got, &again) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, b, "not deterministic"),
        (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
        _ => prop_assert!(false, "not deterministic"),
    }
    match (expected, got) {
        (None, Err(Error::Infeasible { requirement, .. })) => {
            prop_assert!(!requirement.is_empty(), "infeasible without requirement");
        }
        (None, other) => prop_assert!(false, "oracle infeasible, got {:?}\n{}", other, json),
        (Some(e), Err(err)) => prop_assert!(false, "oracle {e}, got error {err}\n{json}"),
        (Some(e), Ok(path)) => {
            let levels = replay(&cat, &oracle, &path)
                .map_err(|m| TestCaseError::fail(format!("{m}\n{json}\n{path:?}")))?;
            prop_assert!(path.optimal, "not optimal on a tiny case\n{}", json);
            prop_assert!(
                close(path.total_hours, e),
                "cost {} vs oracle {}\n{}\n{:?}",
                path.total_hours,
                e,
                json,
                path
            );
            prop_assert!(path.lower_bound <= path.total_hours + 1e-9);
            let ready: Vec<String> = if case.mode == Mode::All {
                ready_for
            } else {
                path.targets.clone()
            };
            if case.mode == Mode::Any {
                prop_assert_eq!(path.targets.len(), 1);
                let i = case
                    .targets
                    .iter()
                    .position(|t| *t == path.targets[0])
                    .unwrap_or(usize::MAX);
                prop_assert!(
                    per_target
                        .get(i)
                        .copied()
                        .flatten()
                        .is_some_and(|c| close(c, e)),
                    "winner not cheapest"
                );
            } else {
                prop_assert_eq!(&path.targets, &case.targets);
            }
            for t in &ready {
                prop_assert!(
                    role_reqs(&cat, t).iter().all(|r| r.satisfied_by(&levels)),
                    "not ready for {}",
                    t
                );
            }
            for st in &path.steps {
                prop_assert!(!case.avoid.contains(&st.skill), "avoided skill learned");
            }
            // The milestone order keeps the same steps, in a valid order.
            let mo = opts.clone().with_order(gap_core::Order::Milestones);
            let m = cat
                .learning_path(&case.profile, &targets, &mo)
                .map_err(|x| TestCaseError::fail(x.to_string()))?;
            replay(&cat, &oracle, &m)
                .map_err(|x| TestCaseError::fail(format!("milestones order: {x}\n{json}")))?;
            let key = |p: &LearningPath| {
                let mut v: Vec<(String, u32)> =
                    p.steps.iter().map(|s| (s.skill.clone(), s.level)).collect();
                v.sort();
                v
            };
            prop_assert_eq!(key(&m), key(&path));
            prop_assert_eq!(m.total_hours, path.total_hours);
            // Small budgets: still a valid path, with an admissible bound.
            for budget in [0u64, 1, 2, 5] {
                let o = opts.clone().with_budget(budget);
                let p = cat
                    .learning_path(&case.profile, &targets, &o)
                    .map_err(|x| TestCaseError::fail(x.to_string()))?;
                replay(&cat, &oracle, &p)
                    .map_err(|m| TestCaseError::fail(format!("budget {budget}: {m}\n{json}")))?;
                prop_assert!(
                    p.lower_bound <= e + 1e-9 * e.max(1.0),
                    "budget {}: lower bound {} above optimum {}\n{}",
                    budget,
                    p.lower_bound,
                    e,
                    json
                );
                prop_assert!(p.total_hours + 1e-9 * e.max(1.0) >= e);
                if p.optimal {
                    prop_assert!(close(p.total_hours, e));
                }
            }
        }
    }
    // Per role: gap, rank and matrix agree with the oracle (no avoid).
    let ranking = cat
        .rank_roles(&case.profile, None)
        .map_err(|x| TestCaseError::fail(x.to_string()))?;
    let matrix = cat
        .hours_matrix(std::slice::from_ref(&case.profile), None)
        .map_err(|x| TestCaseError::fail(x.to_string()))?;
    for (ri, role) in cat.roles().iter().enumerate() {
        let e = oracle
            .min_cost(&[&role.requires], &[])
            .ok_or_else(|| TestCaseError::fail("role infeasible without avoid"))?;
        let gap = cat
            .gap(&case.profile, &Target::from(role.id.as_str()))
            .map_err(|x| TestCaseError::fail(x.to_string()))?;
        prop_assert!(
            close(gap.hours, e),
            "gap {} hours {} vs {}\n{}",
            role.id,
            gap.hours,
            e,
            json
        );
        prop_assert!(gap.optimal);
        prop_assert_eq!(
            gap.ready,
            role.requires.iter().all(|r| r.satisfied_by(&oracle.start))
        );
        let row = ranking
            .iter()
            .find(|r| r.role == role.id)
            .ok_or_else(|| TestCaseError::fail("role missing in ranking"))?;
        prop_assert!(
            close(row.hours, e),
            "rank {} hours {} vs {}\n{}",
            role.id,
            row.hours,
            e,
            json
        );
        prop_assert_eq!(row.coverage, gap.coverage);
        prop_assert!(close(matrix[ri], e));
        // next_steps with this target against the oracle.
        let next = cat
            .next_steps(&case.profile, Some(&[Target::from(role.id.as_str())]))
            .map_err(|x| TestCaseError::fail(x.to_string()))?;
        let mut got: Vec<(usize, u32)> = next
            .iter()
            .map(|s| {
                (
                    cat.skill_index(&s.skill)
                        .map(SkillIx::ix)
                        .unwrap_or(usize::MAX),
                    s.level,
                )
            })
            .collect();
        got.sort();
        let expect: Vec<(usize, u32)> = oracle
            .minimal_optimal_steps(&[&role.requires])
            .into_iter()
            .filter(|&(s, l)| {
                oracle.start[s] + 1 == l
                    && cat.skills()[s]
                        .requirements(l)
                        .iter()
                        .all(|r| r.satisfied_by(&oracle.start))
            })
            .collect();
        prop_assert_eq!(got, expect, "next_steps for {}\n{}", role.id, json);
    }
    for w in ranking.windows(2) {
        prop_assert!(w[0].hours <= w[1].hours + 1e-9 * w[1].hours.max(1.0));
    }
    // Progress and fit (SPEC 4) from brute-force hours: role hours from the
    // empty profile, hours from the profile, and the profile's own hours.
    let empty = Oracle::new(&cat, &case.def, &Profile::new());
    let mine: f64 = case
        .def
        .skills
        .iter()
        .enumerate()
        .map(|(i, sk)| {
            sk.hours.as_slice()[..oracle.start[i] as usize]
                .iter()
                .sum::<f64>()
        })
        .sum();
    for row in &ranking {
        let role = cat
            .roles()
            .iter()
            .find(|r| r.id == row.role)
            .ok_or_else(|| TestCaseError::fail("row of an unknown role"))?;
        let full = empty
            .min_cost(&[&role.requires], &[])
            .ok_or_else(|| TestCaseError::fail("role infeasible from scratch"))?;
        let hours = oracle
            .min_cost(&[&role.requires], &[])
            .ok_or_else(|| TestCaseError::fail("role infeasible"))?;
        prop_assert!(close(
            cat.role_hours(&Target::from(role.id.as_str()))
                .unwrap_or(f64::NAN),
            full
        ));
        let saved = (full - hours).max(0.0);
        let progress = if full > 0.0 { saved / full } else { 1.0 };
        let denom = mine + full - saved;
        let fit = if denom > 0.0 {
            (saved / denom).min(1.0)
        } else {
            0.0
        };
        prop_assert!(
            (row.progress - progress).abs() <= 1e-9 && (row.fit - fit).abs() <= 1e-9,
            "{}: progress {} vs {}, fit {} vs {}\n{}",
            row.role,
            row.progress,
            progress,
            row.fit,
            fit,
            json
        );
        if role.requires.is_empty() {
            prop_assert_eq!(row.fit, 0.0);
        }
    }
    // `top` is the same as slicing, by hours and by fit; fit is descending.
    for by in [RankBy::Hours, RankBy::Fit] {
        let all = cat
            .rank_roles_with(&case.profile, None, &RankOptions::default().with_by(by))
            .map_err(|x| TestCaseError::fail(x.to_string()))?;
        if by == RankBy::Fit {
            for w in all.windows(2) {
                prop_assert!(w[0].fit >= w[1].fit);
            }
        }
        for k in 1..=all.len() {
            let top = cat
                .rank_roles_with(
                    &case.profile,
                    None,
                    &RankOptions::default().with_by(by).with_top(k),
                )
                .map_err(|x| TestCaseError::fail(x.to_string()))?;
            prop_assert_eq!(&top[..], &all[..k]);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// The engine matches the brute-force oracle on random small catalogs.
    #[test]
    fn engine_matches_oracle(seed in any::<u64>()) {
        check_case(seed)?;
    }
}

/// On larger synthetic catalogs without groups, the ranking index (sparse
/// updates of precomputed closures) agrees bit for bit with the solver behind
/// `gap` and `learning_path`, for random profiles with transfers in play.
fn check_index_vs_solver(seed: u64) -> Result<(), TestCaseError> {
    let cat = gap_core::synthetic::synthetic(400, 40, seed, 0.0)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut rng = Rng(seed ^ 0xABCD);
    let mut profiles = vec![Profile::new()];
    for _ in 0..4 {
        let mut p = Profile::new();
        for _ in 0..rng.below(60) {
            let s = &cat.skills()[rng.below(cat.skills().len() as u64) as usize];
            p.set(s.id.clone(), 1 + rng.below(u64::from(s.levels())) as u32);
        }
        // Make transfers fire.
        for t in cat.transfers().iter().take(rng.below(4) as usize) {
            p.set(cat.skills()[t.from.skill.ix()].id.clone(), t.from.level);
        }
        profiles.push(p);
    }
    let matrix = cat
        .hours_matrix(&profiles, None)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    for (pi, p) in profiles.iter().enumerate() {
        let rank = cat
            .rank_roles(p, None)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (ri, role) in cat.roles().iter().enumerate() {
            let gap = cat
                .gap(p, &Target::from(role.id.as_str()))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let row = rank
                .iter()
                .find(|r| r.role == role.id)
                .ok_or_else(|| TestCaseError::fail("missing"))?;
            prop_assert_eq!(
                row.hours,
                gap.hours,
                "seed {} profile {} role {}",
                seed,
                pi,
                role.id
            );
            prop_assert_eq!((row.coverage, row.ready), (gap.coverage, gap.ready));
            prop_assert_eq!(matrix[pi * cat.roles().len() + ri], gap.hours);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The ranking index agrees with the solver on synthetic catalogs.
    #[test]
    fn index_matches_solver(seed in any::<u64>()) {
        check_index_vs_solver(seed)?;
    }
}

/// Fixed seeds (fast to re-run when debugging a failure).
#[test]
fn fixed_seeds() {
    for seed in 0..200u64 {
        if let Err(e) = check_case(seed) {
            panic!("seed {seed}: {e}");
        }
    }
}

#[test]
#[ignore]
fn stats() {
    let (mut groups, mut infeasible, mut any, mut avoid, mut multi_unknown) = (0, 0, 0, 0, 0);
    for seed in 0..600u64 {
        let case = random_case(seed);
        let Ok(cat) = Catalog::from_def(&case.def) else {
            continue;
        };
        let targets: Vec<Target> = case
            .targets
            .iter()
            .map(|t| Target::from(t.as_str()))
            .collect();
        let opts = {
            let mut o = PathOptions::default();
            o.mode = case.mode;
            o.avoid = case.avoid.clone();
            o
        };
        if cat.roles().iter().any(|r| r.has_groups())
            || cat
                .skills()
                .iter()
                .any(|s| s.level_reqs.iter().flatten().any(|r| r.is_group()))
        {
            groups += 1;
        }
        if matches!(
            cat.learning_path(&case.profile, &targets, &opts),
            Err(Error::Infeasible { .. })
        ) {
            infeasible += 1;
        }
        if case.mode == Mode::Any {
            any += 1;
        }
        if !case.avoid.is_empty() {
            avoid += 1;
        }
        let o = Oracle::new(&cat, &case.def, &case.profile);
        if o.unknown.len() >= 8 {
            multi_unknown += 1;
        }
    }
    println!(
        "groups {groups} infeasible {infeasible} any {any} avoid {avoid} >=8 unknown {multi_unknown}"
    );
}

/// A long run over consecutive seeds (`GAP_SEEDS`, default 20,000):
/// `cargo test --release --test solver_props many_seeds -- --ignored`.
#[test]
#[ignore]
fn many_seeds() {
    let n: u64 = std::env::var("GAP_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    for seed in 1_000_000..1_000_000 + n {
        if let Err(e) = check_case(seed) {
            panic!("seed {seed}: {e}");
        }
    }
}
