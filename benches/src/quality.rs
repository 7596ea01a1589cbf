//! Ranking quality on real data (SPEC 7, "Quality on real data"): the
//! metrics the `quality` binary prints, here so that they can be tested on
//! small catalogs without the data.
//!
//! - [`related_recall`]: for every role with essential entries, its own
//!   essential requirements as the profile ([`essential_profile`]); rank every
//!   other role with a [`Ranker`]; recall@k of the role's related roles (O*NET
//!   Related Occupations, read by [`parse_related`]). The figure is the mean of
//!   the per-role recalls over the roles with at least one related role that
//!   has essential entries (roles without are skipped and counted).
//! - [`self_rank`]: for every role with at least two essential skills, the
//!   first half of them (in skill id order) as the profile; where the role
//!   itself lands in the full ranking.

use std::collections::{BTreeMap, HashMap};

use gap_core::{Catalog, Profile, RankBy, RankOptions, Role, SkillIx, Target};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

/// The tiers of `Related Occupations.txt` that count as related.
pub const RELATED_TIERS: [&str; 2] = ["Primary-Short", "Primary-Long"];

/// How the other roles are ordered for a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ranker {
    /// `rank_roles` by fit (fit descending, then hours, then role id).
    Fit,
    /// `rank_roles` by hours (hours ascending, then coverage descending,
    /// then role id).
    Hours,
    /// `rank_roles` by hours over the roles with essential entries only
    /// (roles without any are ready at 0 hours for every profile and
    /// otherwise fill the top of an hours ranking).
    HoursRated,
    /// Jaccard similarity of the essential skill-id sets (levels ignored),
    /// descending, then role id.
    Jaccard,
    /// A random order: the other roles shuffled by ChaCha8 seeded with
    /// `seed + role index`.
    Random(u64),
}

impl Ranker {
    /// A short label.
    pub fn label(&self) -> String {
        match self {
            Ranker::Fit => "rank_roles by=fit".to_string(),
            Ranker::Hours => "rank_roles by=hours".to_string(),
            Ranker::HoursRated => "rank_roles by=hours, rated roles only".to_string(),
            Ranker::Jaccard => "Jaccard of essential skill sets".to_string(),
            Ranker::Random(seed) => format!("random (seed {seed})"),
        }
    }
}

/// Related roles by role id from the text of O*NET's `Related
/// Occupations.txt` (tab-separated, header row with `O*NET-SOC Code`,
/// `Related O*NET-SOC Code` and `Relatedness Tier`): rows of the
/// [`RELATED_TIERS`] only, codes lowercased as the O*NET importer makes role
/// ids, in file order without repeats.
///
/// # Errors
/// A missing column, as a message.
pub fn parse_related(text: &str) -> Result<BTreeMap<String, Vec<String>>, String> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .ok_or("Related Occupations: empty file")?
        .split('\t')
        .map(str::trim)
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| format!("Related Occupations: no column `{name}`"))
    };
    let (c_code, c_rel, c_tier) = (
        col("O*NET-SOC Code")?,
        col("Related O*NET-SOC Code")?,
        col("Relatedness Tier")?,
    );
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in lines {
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        let (Some(code), Some(rel), Some(tier)) = (f.get(c_code), f.get(c_rel), f.get(c_tier))
        else {
            continue;
        };
        if !RELATED_TIERS.contains(tier) {
            continue;
        }
        let list = out.entry(code.to_ascii_lowercase()).or_default();
        let rel = rel.to_ascii_lowercase();
        if !list.contains(&rel) {
            list.push(rel);
        }
    }
    Ok(out)
}

/// The role's essential requirements as a profile: every skill its
/// essential entries name (group members included) at the highest level
/// named.
pub fn essential_profile(cat: &Catalog, role: &Role) -> Profile {
    let mut p = Profile::new();
    for need in role.requires.iter().flat_map(|q| q.members()) {
        let id = cat.skill_id(need.skill);
        if p.level(id) < need.level {
            p.set(id, need.level);
        }
    }
    p
}

/// The distinct skills of a role's essential entries (group members
/// included), ascending by index.
pub fn essential_skills(role: &Role) -> Vec<SkillIx> {
    let mut v: Vec<SkillIx> = role
        .requires
        .iter()
        .flat_map(|q| q.members())
        .map(|n| n.skill)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// For a role with at least two essential skills: the first half of them
/// (rounded down) in skill id order, each at the highest level the role
/// names; `None` for fewer than two.
pub fn half_profile(cat: &Catalog, role: &Role) -> Option<Profile> {
    let full = essential_profile(cat, role);
    let all: Vec<(&str, &u32)> = full.iter().collect();
    if all.len() < 2 {
        return None;
    }
    let mut p = Profile::new();
    for &(id, &level) in all.iter().take(all.len() / 2) {
        p.set(id, level);
    }
    Some(p)
}

/// Jaccard similarity of two sorted, distinct sets (0 when both are empty).
pub fn jaccard(a: &[SkillIx], b: &[SkillIx]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

/// The first `k` roles (by index) of `ranker`'s order for role `ri`'s
/// essential profile, the role itself left out. `sets`: every role's
/// [`essential_skills`].
///
/// # Errors
/// A query error of `rank_roles_with`.
pub fn top_others(
    cat: &Catalog,
    sets: &[Vec<SkillIx>],
    ri: usize,
    ranker: Ranker,
    k: usize,
) -> gap_core::Result<Vec<usize>> {
    let n = cat.roles().len();
    let others = || (0..n).filter(move |&j| j != ri);
    let out = match ranker {
        Ranker::Fit | Ranker::Hours | Ranker::HoursRated => {
            let by = if ranker == Ranker::Fit {
                RankBy::Fit
            } else {
                RankBy::Hours
            };
            let pool: Option<Vec<Target>> = (ranker == Ranker::HoursRated).then(|| {
                cat.roles()
                    .iter()
                    .filter(|r| !r.requires.is_empty())
                    .map(|r| Target::from(r.id.as_str()))
                    .collect()
            });
            let profile = essential_profile(cat, &cat.roles()[ri]);
            // One more row than asked, in case the role itself is among them.
            let opts = RankOptions::default().with_by(by).with_top(k + 1);
            let own = cat.roles()[ri].id.as_str();
            let mut ids = Vec::with_capacity(k + 1);
            for row in cat.rank_roles_with(&profile, pool.as_deref(), &opts)? {
                if row.role != own {
                    ids.push(cat.role_index(&row.role)?.ix());
                }
            }
            ids.truncate(k);
            ids
        }
        Ranker::Jaccard => {
            let mine = &sets[ri];
            let mut scored: Vec<(f64, usize)> =
                others().map(|j| (jaccard(mine, &sets[j]), j)).collect();
            let roles = cat.roles();
            scored.sort_by(|a, b| {
                b.0.total_cmp(&a.0)
                    .then_with(|| roles[a.1].id.cmp(&roles[b.1].id))
            });
            scored.into_iter().take(k).map(|(_, j)| j).collect()
        }
        Ranker::Random(seed) => {
            let mut v: Vec<usize> = others().collect();
            let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(ri as u64));
            v.shuffle(&mut rng);
            v.truncate(k);
            v
        }
    };
    Ok(out)
}

/// [`related_recall`]'s figure and what it was averaged over.
#[derive(Debug, Clone, PartialEq)]
pub struct Recall {
    /// Mean over the counted roles of (related roles in the top k) /
    /// (related roles).
    pub mean: f64,
    /// Total related roles found in a top k / total related roles (pooled).
    pub pooled: f64,
    /// Roles counted.
    pub roles: usize,
    /// Roles with essential entries but no related role that has some.
    pub skipped: usize,
    /// Related (role, role) pairs counted.
    pub pairs: usize,
}

/// Recall@k of `related` (related role ids by role id; ids that are not
/// roles of `cat`, have no essential entries, or are the role itself are
/// left out) for every role with essential entries, ranking the other
/// roles with `ranker` from the role's [`essential_profile`]. In parallel.
///
/// # Errors
/// A query error of `rank_roles_with`.
pub fn related_recall(
    cat: &Catalog,
    related: &BTreeMap<String, Vec<String>>,
    ranker: Ranker,
    k: usize,
) -> gap_core::Result<Recall> {
    let roles = cat.roles();
    let sets: Vec<Vec<SkillIx>> = roles.iter().map(essential_skills).collect();
    let index: HashMap<&str, usize> = roles
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let rated: Vec<usize> = (0..roles.len())
        .filter(|&i| !roles[i].requires.is_empty())
        .collect();
    // Per rated role: None (skipped) or (hits, related).
    let per: Vec<gap_core::Result<Option<(usize, usize)>>> = rated
        .par_iter()
        .map(|&ri| {
            let mut rel: Vec<usize> = related
                .get(roles[ri].id.as_str())
                .into_iter()
                .flatten()
                .filter_map(|id| index.get(id.as_str()).copied())
                .filter(|&j| j != ri && !roles[j].requires.is_empty())
                .collect();
            rel.sort_unstable();
            rel.dedup();
            if rel.is_empty() {
                return Ok(None);
            }
            let top = top_others(cat, &sets, ri, ranker, k)?;
            let hits = rel.iter().filter(|j| top.contains(j)).count();
            Ok(Some((hits, rel.len())))
        })
        .collect();
    let (mut sum, mut hits, mut pairs, mut counted, mut skipped) = (0.0, 0, 0, 0, 0);
    for r in per {
        match r? {
            None => skipped += 1,
            Some((h, n)) => {
                sum += h as f64 / n as f64;
                hits += h;
                pairs += n;
                counted += 1;
            }
        }
    }
    let ratio = |a: f64, b: usize| if b == 0 { 0.0 } else { a / b as f64 };
    Ok(Recall {
        mean: ratio(sum, counted),
        pooled: ratio(hits as f64, pairs),
        roles: counted,
        skipped,
        pairs,
    })
}

/// [`self_rank`]'s figures.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfRank {
    /// Roles with at least two essential skills (the ones ranked).
    pub roles: usize,
    /// Median 1-based position of the role in its own ranking (the mean of
    /// the two middle ones for an even count).
    pub median: f64,
    /// Share of those roles ranked first.
    pub at_1: f64,
    /// Share ranked in the first 10.
    pub top_10: f64,
}

/// Where each role with at least two essential skills lands in the full
/// `rank_roles` ranking (`by`) for its [`half_profile`]. In parallel.
///
/// # Errors
/// A query error of `rank_roles_with`.
pub fn self_rank(cat: &Catalog, by: RankBy) -> gap_core::Result<SelfRank> {
    let roles = cat.roles();
    let opts = RankOptions::default().with_by(by);
    let ranks: Vec<gap_core::Result<Option<usize>>> = (0..roles.len())
        .into_par_iter()
        .map(|ri| {
            let Some(p) = half_profile(cat, &roles[ri]) else {
                return Ok(None);
            };
            let rows = cat.rank_roles_with(&p, None, &opts)?;
            let own = roles[ri].id.as_str();
            Ok(rows.iter().position(|r| r.role == own).map(|i| i + 1))
        })
        .collect();
    let mut v = Vec::new();
    for r in ranks {
        if let Some(x) = r? {
            v.push(x);
        }
    }
    v.sort_unstable();
    let n = v.len();
    let median = match n {
        0 => 0.0,
        _ if n % 2 == 1 => v[n / 2] as f64,
        _ => (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0,
    };
    let share = |f: &dyn Fn(usize) -> bool| {
        if n == 0 {
            0.0
        } else {
            v.iter().filter(|&&x| f(x)).count() as f64 / n as f64
        }
    };
    Ok(SelfRank {
        roles: n,
        median,
        at_1: share(&|x| x == 1),
        top_10: share(&|x| x <= 10),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// a..e one level of 10 h; `lv` two levels (10, 30).
    fn tiny() -> Catalog {
        Catalog::from_json(
            r#"{
          "skills": [
            {"id": "a", "name": "A", "hours": 10}, {"id": "b", "name": "B", "hours": 10},
            {"id": "c", "name": "C", "hours": 10}, {"id": "d", "name": "D", "hours": 10},
            {"id": "e", "name": "E", "hours": 10}, {"id": "lv", "name": "LV", "hours": [10, 30]}
          ],
          "roles": [
            {"id": "r1", "name": "R1", "requires": ["a", "b"]},
            {"id": "r2", "name": "R2", "requires": ["a", "b", "c"]},
            {"id": "r3", "name": "R3", "requires": ["a"]},
            {"id": "r4", "name": "R4", "requires": ["d", "e"]},
            {"id": "r5", "name": "R5 (unrated)"},
            {"id": "r6", "name": "R6", "requires": ["d", "lv@2"]}
          ]
        }"#,
        )
        .expect("tiny catalog")
    }

    fn related(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn parse_related_keeps_primary_tiers_lowercased() {
        let text = "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex\n\
                    11-1011.00\t11-1021.00\tPrimary-Short\t1\n\
                    11-1011.00\t11-2032.00\tPrimary-Long\t6\n\
                    11-1011.00\t11-9199.00\tSupplemental\t11\n\
                    11-1011.00\t11-1021.00\tPrimary-Long\t7\n";
        let r = parse_related(text).expect("parses");
        assert_eq!(r.len(), 1);
        assert_eq!(r["11-1011.00"], vec!["11-1021.00", "11-2032.00"]);
        assert!(parse_related("a\tb\n").is_err());
    }

    #[test]
    fn profiles_and_jaccard() {
        let cat = tiny();
        let r6 = &cat.roles()[5];
        let p = essential_profile(&cat, r6);
        assert_eq!((p.level("d"), p.level("lv"), p.level("a")), (1, 2, 0));
        // First half in id order: d (of d, lv).
        let h = half_profile(&cat, r6).expect("two skills");
        assert_eq!((h.level("d"), h.level("lv")), (1, 0));
        assert!(half_profile(&cat, &cat.roles()[2]).is_none());
        let sets: Vec<_> = cat.roles().iter().map(essential_skills).collect();
        assert_eq!(jaccard(&sets[0], &sets[1]), 2.0 / 3.0);
        assert_eq!(jaccard(&sets[0], &sets[3]), 0.0);
        assert_eq!(jaccard(&sets[4], &sets[4]), 0.0);
    }

    #[test]
    fn recall_on_a_hand_made_catalog() {
        let cat = tiny();
        // r1 -> r2; r4 -> r6 (and the unrated r5, which does not count);
        // r2 -> only itself and an unknown id: skipped.
        let rel = related(&[
            ("r1", &["r2"]),
            ("r4", &["r6", "r5"]),
            ("r2", &["r2", "nope"]),
        ]);
        // k = 1. r1 = {a, b} (20 h): fit r2 = 20/30, r3 = 10/20, r6 = r4 = 0
        // -> r2 first (hit). r4 = {d, e}: fit r6 = 10/(20 + 50 - 10) = 1/6,
        // r1..r3 = 0 -> r6 (hit). Mean 1.
        let fit = related_recall(&cat, &rel, Ranker::Fit, 1).expect("recall");
        assert_eq!(
            (fit.mean, fit.roles, fit.skipped, fit.pairs),
            (1.0, 2, 3, 2)
        );
        // By hours from {a, b}: r3 and r5 (0 h, coverage 1), r3 first by
        // id -> miss; from {d, e}: r5 (0 h) -> miss.
        let hours = related_recall(&cat, &rel, Ranker::Hours, 1).expect("recall");
        assert_eq!((hours.mean, hours.roles), (0.0, 2));
        // k = 2. With r5: r3, r5 for r1; r5, r3 for r4: no hit. Without r5:
        // r3 (0 h), r2 (10 h) for r1 (hit); r3 (10 h), r1 (20 h) for r4 (r6
        // is 40 h away; miss).
        let hours = related_recall(&cat, &rel, Ranker::Hours, 2).expect("recall");
        assert_eq!(hours.mean, 0.0);
        let rated = related_recall(&cat, &rel, Ranker::HoursRated, 2).expect("recall");
        assert_eq!(rated.mean, 0.5);
        // Jaccard: r1 -> r2 (2/3); r4 -> r6 (1/3).
        let jac = related_recall(&cat, &rel, Ranker::Jaccard, 1).expect("recall");
        assert_eq!(jac.mean, 1.0);
        // k = 5 of 5 others: everything is found, whatever the order.
        let all = related_recall(&cat, &rel, Ranker::Random(7), 5).expect("recall");
        assert_eq!((all.mean, all.pooled), (1.0, 1.0));
        let again = related_recall(&cat, &rel, Ranker::Random(7), 1).expect("recall");
        assert_eq!(
            again,
            related_recall(&cat, &rel, Ranker::Random(7), 1).expect("recall")
        );
    }

    #[test]
    fn self_rank_on_a_hand_made_catalog() {
        let cat = tiny();
        // r1 from {a}: fit r3 = 1 first, r1 = 1/2 second. r2 from {a}:
        // r3 first, r1 (1/2) then r2 (1/3) -> 3. r4 from {d}: r4 = 1/2,
        // r6 = 10/50 -> 1. r6 from {d}: r4 first -> 2. Ranks 1..: 2, 3, 1, 2.
        let s = self_rank(&cat, RankBy::Fit).expect("self rank");
        assert_eq!((s.roles, s.median, s.at_1, s.top_10), (4, 2.0, 0.25, 1.0));
    }

    #[test]
    fn runs_on_the_onet_fixture() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../crates/gap-core/tests/fixtures/onet");
        let cat = Catalog::from_onet(&dir, &gap_core::import::OnetOptions::default())
            .expect("fixture imports")
            .catalog;
        // Two of its three occupations are rated; 15-2051.00 is not.
        let rel = parse_related(
            "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\n\
             15-1221.00\t15-1299.08\tPrimary-Short\n\
             15-1221.00\t15-2051.00\tPrimary-Short\n\
             15-1299.08\t15-2051.00\tPrimary-Long\n",
        )
        .expect("parses");
        for ranker in [
            Ranker::Fit,
            Ranker::Hours,
            Ranker::HoursRated,
            Ranker::Jaccard,
            Ranker::Random(1),
        ] {
            let r = related_recall(&cat, &rel, ranker, 10).expect("recall");
            assert_eq!((r.mean, r.roles, r.skipped), (1.0, 1, 1), "{ranker:?}");
        }
        let r = related_recall(&cat, &rel, Ranker::Fit, 1).expect("recall");
        assert_eq!(r.roles, 1);
        let s = self_rank(&cat, RankBy::Fit).expect("self rank");
        assert_eq!(s.roles, 2);
        assert!(s.median >= 1.0);
    }
}
