//! k of n targets and the readiness curve (SPEC 4) against a brute-force
//! oracle: on small random catalogs (any_of groups with counts, level
//! requirements, transfers) and 2 to 6 target roles, the oracle enumerates
//! every set of unknown steps, keeps the valid ones, counts the targets each
//! makes job-ready and takes the cheapest per count. It shares nothing with
//! the solver beyond the compiled requirement lists.

use gap_core::format::{CatalogDef, GroupDef, Hours, ReqDef, RoleDef, SkillDef, TransferDef};
use gap_core::{Catalog, Error, LearningPath, Limits, Mode, PathOptions, Profile, Target};

/// splitmix64.
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

fn reference(id: usize, level: u32) -> String {
    if level == 1 {
        format!("s{id}")
    } else {
        format!("s{id}@{level}")
    }
}

/// Requirements over skills `0..upto`: references and any_of groups.
fn reqs(rng: &mut Rng, levels: &[u32], upto: usize, max: u64) -> Vec<ReqDef> {
    let mut out: Vec<ReqDef> = Vec::new();
    if upto == 0 {
        return out;
    }
    let mut used: Vec<usize> = Vec::new();
    for _ in 0..rng.below(max + 1) {
        let pick = |rng: &mut Rng| {
            let j = rng.below(upto as u64) as usize;
            (j, 1 + rng.below(u64::from(levels[j])) as u32)
        };
        if upto >= 2 && rng.below(100) < 40 {
            let (a, la) = pick(rng);
            let (b, lb) = pick(rng);
            if a == b || used.contains(&a) || used.contains(&b) {
                continue;
            }
            used.extend([a, b]);
            let count = if rng.below(4) == 0 { 2 } else { 1 };
            out.push(ReqDef::Group(GroupDef {
                any_of: vec![reference(a, la), reference(b, lb)],
                count,
            }));
        } else {
            let (a, la) = pick(rng);
            if used.contains(&a) {
                continue;
            }
            used.push(a);
            out.push(ReqDef::Ref(reference(a, la)));
        }
    }
    out
}

struct Case {
    cat: Catalog,
    profile: Profile,
    targets: Vec<String>,
    start: Vec<u32>,
    def: CatalogDef,
}

fn case(seed: u64) -> Option<Case> {
    let mut rng = Rng(seed);
    let n = 3 + rng.below(4) as usize;
    let mut levels: Vec<u32> = (0..n).map(|_| 1 + rng.below(2) as u32).collect();
    while levels.iter().sum::<u32>() > 11 {
        let i = (0..n).max_by_key(|&i| (levels[i], i))?;
        levels[i] -= 1;
    }
    let mut skills = Vec::new();
    for i in 0..n {
        let hours: Vec<f64> = (0..levels[i])
            .map(|_| match rng.below(7) {
                0 => 0.0,
                _ => 1.0 + rng.below(12) as f64,
            })
            .collect();
        let mut level_requires = std::collections::BTreeMap::new();
        if levels[i] == 2 {
            let r = reqs(&mut rng, &levels, i, 1);
            if !r.is_empty() {
                level_requires.insert("2".to_string(), r);
            }
        }
        skills.push(SkillDef {
            id: format!("s{i}"),
            name: format!("Skill {i}"),
            hours: Hours::Levels(hours),
            requires: reqs(&mut rng, &levels, i, 2),
            level_requires,
            ..SkillDef::default()
        });
    }
    let n_roles = 2 + rng.below(5) as usize;
    let mut roles = Vec::new();
    for r in 0..n_roles {
        let mut requires = reqs(&mut rng, &levels, n, 3);
        if requires.is_empty() {
            let j = rng.below(n as u64) as usize;
            requires.push(ReqDef::Ref(reference(j, 1)));
        }
        roles.push(RoleDef {
            id: format!("r{r}"),
            name: format!("Role {r}"),
            requires,
            ..RoleDef::default()
        });
    }
    let mut transfers = Vec::new();
    if rng.below(2) == 0 {
        let (a, b) = (rng.below(n as u64) as usize, rng.below(n as u64) as usize);
        if a != b {
            transfers.push(TransferDef {
                from: reference(a, 1),
                to: format!("s{b}"),
                discount: 0.5,
            });
        }
    }
    let mut profile = Profile::new();
    let mut start = vec![0; n];
    for i in 0..n {
        if rng.below(3) == 0 {
            start[i] = rng.below(u64::from(levels[i]) + 1) as u32;
            profile.set(format!("s{i}"), start[i]);
        }
    }
    let mut targets: Vec<String> = (0..n_roles).map(|r| format!("r{r}")).collect();
    if rng.below(3) == 0 {
        targets.push("r0".to_string()); // a duplicate counts once
    }
    let def = CatalogDef {
        skills,
        roles,
        transfers,
        format: gap_core::format::FORMAT.to_string(),
        name: String::new(),
    };
    let cat = Catalog::from_def(&def).ok()?;
    Some(Case {
        cat,
        profile,
        targets,
        start,
        def,
    })
}

/// Unknown steps (skill, level) and their hours after transfers.
fn unknown(c: &Case) -> Vec<(usize, u32, f64)> {
    let mut out = Vec::new();
    for (i, s) in c.def.skills.iter().enumerate() {
        for l in c.start[i] + 1..=s.hours.as_slice().len() as u32 {
            let h = s.hours.as_slice()[l as usize - 1];
            let mut d: f64 = 0.0;
            for t in &c.def.transfers {
                let from: usize = t.from[1..].parse().unwrap_or(0);
                if t.to == s.id && c.start[from] >= 1 {
                    d = d.max(t.discount);
                }
            }
            out.push((i, l, h * (1.0 - d)));
        }
    }
    out
}

/// Levels after the steps of `mask`, when the set is learnable.
fn valid(c: &Case, steps: &[(usize, u32, f64)], mask: u32) -> Option<Vec<u32>> {
    let mut levels = c.start.clone();
    for (b, &(s, l, _)) in steps.iter().enumerate() {
        if mask >> b & 1 == 1 {
            levels[s] = levels[s].max(l);
        }
    }
    for (b, &(s, l, _)) in steps.iter().enumerate() {
        if mask >> b & 1 == 1 {
            let below_ok = l == 1
                || l - 1 <= c.start[s]
                || steps
                    .iter()
                    .enumerate()
                    .any(|(o, &(t, m, _))| mask >> o & 1 == 1 && t == s && m == l - 1);
            let reqs_ok = c.cat.skills()[s]
                .requirements(l)
                .iter()
                .all(|r| r.satisfied_by(&levels));
            if !below_ok || !reqs_ok {
                return None;
            }
        }
    }
    Some(levels)
}

fn ready(c: &Case, ids: &[String], levels: &[u32]) -> Vec<String> {
    ids.iter()
        .filter(|id| {
            c.cat
                .role(id)
                .is_ok_and(|r| r.requires.iter().all(|q| q.satisfied_by(levels)))
        })
        .cloned()
        .collect()
}

/// `best[k]`: the fewest hours for at least k ready targets.
fn oracle(c: &Case, ids: &[String]) -> Vec<f64> {
    let steps = unknown(c);
    let mut best = vec![f64::INFINITY; ids.len() + 1];
    for mask in 0..(1u32 << steps.len()) {
        if let Some(levels) = valid(c, &steps, mask) {
            let cost: f64 = steps
                .iter()
                .enumerate()
                .filter(|(b, _)| mask >> b & 1 == 1)
                .map(|(_, s)| s.2)
                .sum();
            let n = ready(c, ids, &levels).len();
            for b in best.iter_mut().take(n + 1) {
                *b = b.min(cost);
            }
        }
    }
    best
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Replays a path step by step; the targets it makes ready.
fn replay(c: &Case, ids: &[String], path: &LearningPath) -> Result<Vec<String>, String> {
    let mut levels = c.start.clone();
    for st in &path.steps {
        let s: usize = st.skill[1..].parse().map_err(|_| st.skill.clone())?;
        if levels[s] + 1 != st.level {
            return Err(format!("{}@{} skips a level", st.skill, st.level));
        }
        if !c.cat.skills()[s]
            .requirements(st.level)
            .iter()
            .all(|r| r.satisfied_by(&levels))
        {
            return Err(format!("{}@{} is not valid yet", st.skill, st.level));
        }
        levels[s] = st.level;
    }
    Ok(ready(c, ids, &levels))
}

fn distinct(targets: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in targets {
        if !out.contains(t) {
            out.push(t.clone());
        }
    }
    out
}

fn check(seed: u64) -> Result<bool, String> {
    let Some(c) = case(seed) else {
        return Ok(false);
    };
    let ids = distinct(&c.targets);
    let n = ids.len();
    let want = oracle(&c, &ids);
    let targets: Vec<Target> = c.targets.iter().map(|t| Target::from(t.as_str())).collect();
    let curve = c
        .cat
        .readiness_curve(&c.profile, &targets, &Limits::default())
        .map_err(|e| format!("seed {seed}: curve: {e}"))?;
    if curve.len() != n {
        return Err(format!("seed {seed}: {} rows for {n} targets", curve.len()));
    }
    for (i, p) in curve.iter().enumerate() {
        let k = i + 1;
        let ctx = format!("seed {seed} k {k}");
        if p.k != k || !p.optimal || !close(p.hours, want[k]) || !close(p.lower_bound, p.hours) {
            return Err(format!(
                "{ctx}: curve row {:?} {} {} {}, oracle {}",
                p.k, p.hours, p.optimal, p.lower_bound, want[k]
            ));
        }
        if i > 0 && p.hours < curve[i - 1].hours {
            return Err(format!("{ctx}: the curve decreases"));
        }
        let got = replay(&c, &ids, &p.path).map_err(|e| format!("{ctx}: {e}"))?;
        if got != p.targets || got.len() < k || p.path.targets != p.targets {
            return Err(format!("{ctx}: targets {:?}, replay {got:?}", p.targets));
        }
        let opts = PathOptions::default().with_mode(Mode::AtLeast(k));
        let path = c
            .cat
            .learning_path(&c.profile, &targets, &opts)
            .map_err(|e| format!("{ctx}: path: {e}"))?;
        let got = replay(&c, &ids, &path).map_err(|e| format!("{ctx}: {e}"))?;
        if !path.optimal
            || !close(path.total_hours, want[k])
            || got != path.targets
            || got.len() < k
        {
            return Err(format!(
                "{ctx}: path {} {} targets {:?} replay {got:?}, oracle {}",
                path.total_hours, path.optimal, path.targets, want[k]
            ));
        }
    }
    // Tiny budgets: still a valid, non-decreasing curve with honest bounds.
    let tight = c
        .cat
        .readiness_curve(&c.profile, &targets, &Limits::default().with_budget(1))
        .map_err(|e| format!("seed {seed}: tight: {e}"))?;
    for (i, p) in tight.iter().enumerate() {
        let k = i + 1;
        let ok = p.lower_bound <= want[k] + 1e-9
            && want[k] <= p.hours + 1e-9
            && (i == 0 || tight[i - 1].hours <= p.hours)
            && (i == 0 || tight[i - 1].lower_bound <= p.lower_bound)
            && (!p.optimal || close(p.hours, want[k]))
            && replay(&c, &ids, &p.path).is_ok_and(|g| g.len() >= k && g == p.targets);
        if !ok {
            return Err(format!(
                "seed {seed} k {k}: budget 1 gives {p:?}, oracle {}",
                want[k]
            ));
        }
    }
    for bad in [0, n + 1] {
        let opts = PathOptions::default().with_mode(Mode::AtLeast(bad));
        match c.cat.learning_path(&c.profile, &targets, &opts) {
            Err(Error::InvalidArgument(m)) if m.contains(&format!("from 1 to {n}")) => {}
            other => return Err(format!("seed {seed}: k = {bad} gave {other:?}")),
        }
    }
    Ok(true)
}

#[test]
fn k_of_n_paths_and_curves_match_the_oracle() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for seed in 0..400 {
        match check(seed) {
            Ok(done) => checked += usize::from(done),
            Err(e) => failures.push(e),
        }
    }
    assert!(checked >= 300, "only {checked} valid catalogs");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Cheaper stepping stones shared by pairs: the greedy chain (cheapest
/// target first) is not optimal for k = 2, the search is.
#[test]
fn the_search_beats_greedy_when_targets_share_prerequisites() {
    let cat = Catalog::from_json(
        r#"{"skills": [
            {"id": "a", "name": "A", "hours": 10},
            {"id": "big", "name": "Big", "hours": 12},
            {"id": "x", "name": "X", "hours": 1, "requires": ["big"]},
            {"id": "y", "name": "Y", "hours": 1, "requires": ["big"]}],
          "roles": [{"id": "cheap", "name": "Cheap", "requires": ["a"]},
                    {"id": "px", "name": "PX", "requires": ["x"]},
                    {"id": "py", "name": "PY", "requires": ["y"]}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let targets: Vec<Target> = ["cheap", "px", "py"].map(Target::from).to_vec();
    let curve = cat
        .readiness_curve(&Profile::new(), &targets, &Limits::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<(f64, Vec<String>)> =
        curve.iter().map(|p| (p.hours, p.targets.clone())).collect();
    assert_eq!(
        rows,
        [
            (10.0, vec!["cheap".to_string()]),
            (14.0, vec!["px".to_string(), "py".to_string()]),
            (
                24.0,
                vec!["cheap".to_string(), "px".to_string(), "py".to_string()]
            ),
        ]
    );
}

#[test]
fn mode_parses_an_integer_and_targets_ready_at_the_start_cost_nothing() {
    assert_eq!("2".parse::<Mode>().ok(), Some(Mode::AtLeast(2)));
    assert!("two".parse::<Mode>().is_err());
    let cat = Catalog::from_json(
        r#"{"skills": [{"id": "a", "name": "A", "hours": 10}, {"id": "b", "name": "B", "hours": 5}],
          "roles": [{"id": "ra", "name": "RA", "requires": ["a"]},
                    {"id": "rb", "name": "RB", "requires": ["b"]}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let targets: Vec<Target> = ["rb", "ra"].map(Target::from).to_vec();
    let profile = Profile::from_refs(["a"]).unwrap_or_else(|e| panic!("{e}"));
    let p = cat
        .learning_path(
            &profile,
            &targets,
            &PathOptions::default().with_mode(Mode::AtLeast(1)),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(p.steps.is_empty() && p.total_hours == 0.0 && p.optimal);
    assert_eq!(p.targets, ["ra"]);
    let p = cat
        .learning_path(
            &profile,
            &targets,
            &PathOptions::default().with_mode(Mode::AtLeast(2)),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (p.total_hours, p.targets.clone()),
        (5.0, vec!["rb".to_string(), "ra".to_string()])
    );
}

#[test]
fn demand_counts_roles_per_column() {
    let cat = Catalog::from_json(
        r#"{"skills": [
            {"id": "py", "name": "Python", "hours": [10, 20]},
            {"id": "aws", "name": "AWS", "hours": 5},
            {"id": "gcp", "name": "GCP", "hours": 5},
            {"id": "sql", "name": "SQL", "hours": 5}],
          "roles": [{"id": "a", "name": "A", "requires": ["py", {"any_of": ["aws", "gcp"]}], "optional": ["sql"]},
                    {"id": "b", "name": "B", "requires": ["py@2", "aws"]},
                    {"id": "c", "name": "C", "requires": [{"any_of": ["gcp", "sql"]}]}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let targets: Vec<Target> = ["a", "b", "c", "a"].map(Target::from).to_vec();
    let rows: Vec<(String, u32, u32, u32)> = cat
        .demand(&targets)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|r| (r.skill, r.essential, r.alternative, r.optional))
        .collect();
    let want = [
        ("py", 2, 0, 0),
        ("aws", 1, 1, 0),
        ("gcp", 0, 2, 0),
        ("sql", 0, 1, 1),
    ];
    let want: Vec<(String, u32, u32, u32)> = want
        .iter()
        .map(|&(s, a, b, c)| (s.to_string(), a, b, c))
        .collect();
    assert_eq!(rows, want);
}
