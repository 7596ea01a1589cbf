//! Shared inputs of the gap-core benchmarks: the ESCO-scale synthetic
//! catalog, the roles and profiles the benches query, and the criterion
//! settings that keep the whole suite within a few minutes on 2 cores.

pub mod quality;

use std::time::Duration;

use gap_core::format::CatalogDef;
use gap_core::synthetic::{groups_in_play, synthetic_def};
use gap_core::{Catalog, Profile, Role};

/// Skills of the ESCO-scale catalog (ESCO v1.1.1 has 13,896).
pub const ESCO_SKILLS: usize = 14_000;
/// Roles of the ESCO-scale catalog (ESCO v1.1.1 has 3,007 occupations).
pub const ESCO_ROLES: usize = 3_000;

/// The ESCO-scale catalog without groups, as ESCO has none:
/// `synthetic(14000, 3000, 1, 0.0)`.
pub fn esco_scale_def() -> CatalogDef {
    // The arguments are constants within range: this cannot fail.
    synthetic_def(ESCO_SKILLS, ESCO_ROLES, 1, 0.0).unwrap_or_default()
}

/// `synthetic(14000, 3000, seed, fraction)`, validated.
pub fn synthetic_catalog(seed: u64, fraction: f64) -> gap_core::Result<Catalog> {
    Catalog::synthetic(ESCO_SKILLS, ESCO_ROLES, seed, fraction)
}

/// The number of requirement entries of a definition (role essential and
/// optional entries, skill `requires` and `level_requires` entries).
pub fn requirement_entries(def: &CatalogDef) -> (usize, usize) {
    let roles = def
        .roles
        .iter()
        .map(|r| r.requires.len() + r.optional.len())
        .sum();
    let skills = def
        .skills
        .iter()
        .map(|s| s.requires.len() + s.level_requires.values().map(Vec::len).sum::<usize>())
        .sum();
    (roles, skills)
}

/// A junior data person on the embedded catalog: Python at level 2, SQL,
/// git, statistics and pandas (also used by `compare_networkx.py`).
pub fn embedded_small_profile() -> Profile {
    let mut p = Profile::new();
    for (id, level) in [
        ("python", 2),
        ("sql", 1),
        ("git", 1),
        ("statistics", 1),
        ("pandas", 1),
    ] {
        p.set(id, level);
    }
    p
}

/// The first role (catalog order) with exactly `groups` groups in play from
/// `start`, else the one closest to it (ties: first); `None` for no roles.
pub fn role_with_groups<'c>(cat: &'c Catalog, start: &[u32], groups: usize) -> Option<&'c Role> {
    cat.roles()
        .iter()
        .min_by_key(|r| groups_in_play(cat, start, r).abs_diff(groups))
}

/// A profile of the first `n` essential references (group members included)
/// of the roles of `cat` from role `first` on, at the level each names:
/// someone who already works near those roles.
pub fn profile_from_roles(cat: &Catalog, first: usize, n: usize) -> Profile {
    let mut p = Profile::new();
    let mut count = 0;
    for role in cat.roles().iter().skip(first) {
        for need in role.requires.iter().flat_map(|q| q.members()) {
            let id = cat.skill_id(need.skill);
            let known = p.level(id);
            if known == 0 {
                if count == n {
                    return p;
                }
                count += 1;
            }
            if known < need.level {
                p.set(id, need.level);
            }
        }
    }
    p
}

/// `n` random profiles of `cat`, the same for a seed: each knows 0 to 10
/// distinct skills drawn uniformly, each at a level drawn uniformly from 1
/// to the skill's highest (someone anywhere on the catalog, not only near
/// its roles).
pub fn random_profiles(cat: &Catalog, n: usize, seed: u64) -> Vec<Profile> {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let skills = cat.skills();
    (0..n)
        .map(|_| {
            let mut p = Profile::new();
            if skills.is_empty() {
                return p;
            }
            let k = rng.random_range(0..=10usize).min(skills.len());
            while p.iter().count() < k {
                let s = &skills[rng.random_range(0..skills.len())];
                let level = rng.random_range(1..=s.levels());
                p.set(&s.id, level);
            }
            p
        })
        .collect()
}

/// A seeded cohort of `n` graduates of a data-science programme on the
/// embedded catalog (as in the tour notebook): mathematics, data and
/// classical ML skills common (each at a random level), programming and
/// professional skills half the time, deep learning and NLP sometimes,
/// software engineering, MLOps, cloud and generative AI each a quarter of
/// the time.
pub fn graduate_cohort(cat: &Catalog, n: usize, seed: u64) -> Vec<Profile> {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    (0..n)
        .map(|_| {
            let mut p = Profile::new();
            for sk in cat.skills() {
                let share = match sk.category.as_deref() {
                    Some("mathematics-statistics" | "classical-ml") => 0.7,
                    Some("data" | "professional") => 0.6,
                    Some("programming") => 0.5,
                    Some("deep-learning") => 0.4,
                    Some("nlp") => 0.3,
                    _ => 0.25,
                };
                if rng.random_bool(share) {
                    p.set(sk.id.clone(), rng.random_range(1..=sk.levels()));
                }
            }
            p
        })
        .collect()
}

/// The ESCO v1.1.1 catalog imported from `dir` (default hours,
/// essential prerequisites), or `None` when the files are not there.
pub fn esco_catalog(dir: &std::path::Path) -> Option<Catalog> {
    if !dir.join("occupations_en.csv").exists() {
        return None;
    }
    Catalog::from_esco(dir, &gap_core::import::EscoOptions::default())
        .ok()
        .map(|imported| imported.catalog)
}

/// Criterion settings for the suite: 10 samples, 1 s warm-up, 3 s
/// measurement, so that the whole suite runs in a few minutes on 2 cores.
pub fn criterion() -> criterion::Criterion {
    criterion::Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}

/// The 30 short job postings of `benches/fixtures/postings.txt` (separated
/// by lines of `---`), read into roles `posting-1` .. `posting-30` of `cat`
/// with `role_from_text`: the readiness-curve benchmark's targets.
pub fn posting_targets(cat: &Catalog) -> gap_core::Result<Vec<gap_core::Target>> {
    const POSTINGS: &str = include_str!("../fixtures/postings.txt");
    gap_core::split_postings(POSTINGS)
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let id = format!("posting-{}", i + 1);
            cat.role_from_text(text, &id, None)
                .map(gap_core::Target::Role)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_from_roles_names_n_distinct_skills() {
        let cat = Catalog::synthetic(2000, 30, 1, 0.05).expect("synthetic");
        let p = profile_from_roles(&cat, 0, 20);
        assert_eq!(p.iter().count(), 20);
        assert!(cat.resolve_profile(&p).is_ok());
        // Fewer skills than asked: all of them.
        let tiny = Catalog::synthetic(5, 2, 1, 0.0).expect("synthetic");
        assert_eq!(profile_from_roles(&tiny, 0, 20).iter().count(), 5);
    }

    #[test]
    fn role_with_groups_finds_the_closest() {
        let cat = Catalog::synthetic(3000, 60, 0, 0.05).expect("synthetic");
        let role = role_with_groups(&cat, &[], 10).expect("roles");
        let best = groups_in_play(&cat, &[], role).abs_diff(10);
        assert!(
            cat.roles()
                .iter()
                .all(|r| groups_in_play(&cat, &[], r).abs_diff(10) >= best)
        );
        assert!(role_with_groups(&Catalog::synthetic(10, 0, 0, 0.0).expect("s"), &[], 5).is_none());
    }

    #[test]
    fn esco_scale_has_esco_like_counts() {
        let def = esco_scale_def();
        assert_eq!(
            (def.skills.len(), def.roles.len()),
            (ESCO_SKILLS, ESCO_ROLES)
        );
        let (roles, _) = requirement_entries(&def);
        assert!((110_000..=150_000).contains(&roles), "{roles}");
    }
}
