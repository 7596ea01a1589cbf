//! Seeded synthetic catalogs of any size ([`synthetic`], [`Catalog::synthetic`])
//! for benchmarks, property tests and demos, and [`groups_in_play`], the
//! measure of how hard a target is for the exact solver.
//!
//! The generator uses its own SplitMix64 stream and only integer arithmetic
//! (plus exact comparisons of `f64`s), so a seed gives the same catalog on
//! every machine, platform and run.
//!
//! # Shape
//! - Skills `s00000`, `s00001` … named "Skill 0", "Skill 1" …, laid out in up to
//!   10 layers of increasing index; inside a layer, 15 contiguous category
//!   blocks (`programming`, `data`, … see [`CATEGORIES`]).
//! - 1–3 levels; level 1 takes 5–80 hours, each higher level 1.2–2× the one
//!   below.
//! - Level 1 of a skill outside layer 0 requires 0–4 skills (mean 1.6) from
//!   the one to three layers below, nearly always of the same category and
//!   near the same position in the block, so that closures stay local like in
//!   real taxonomies; some are at level 2; about 15% of higher levels add a
//!   `level_requires` entry. Prerequisites only point to lower-indexed skills:
//!   the catalog is acyclic by construction (and validated anyway).
//! - Roles `r0000` … with 20–60 essential entries (about 30% at level 2 or 3
//!   where the skill has them) drawn from one to three categories around a
//!   focus, plus 0–10 optional references.
//! - A fraction `any_of_fraction` of all requirement entries (of skills and of
//!   roles) become `any_of` groups of 2–4 neighbouring alternatives,
//!   `count` 1, or 2 of 3 for one group in ten with three members.
//! - One transfer per 200 skills, between neighbours of one category,
//!   discount 0.20–0.60.
//!
//! With the default `any_of_fraction` of 0.05, a typical role of
//! `synthetic(14000, 3000, seed, 0.05)` has about 20 groups in play from an
//! empty profile (see [`groups_in_play`]).

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::format::{CatalogDef, FORMAT, GroupDef, Hours, ReqDef, RoleDef, SkillDef, TransferDef};
use crate::model::{Requirement, Role};

/// The largest number of skills [`synthetic`] accepts (generating takes
/// about 1.3 KB per skill at its peak).
pub const MAX_SYNTHETIC_SKILLS: usize = 1_000_000;
/// The largest number of roles [`synthetic`] accepts (about 5 KB per role).
pub const MAX_SYNTHETIC_ROLES: usize = 200_000;
/// Peak bytes per skill and per role while generating (measured, rounded up).
const BYTES_PER_SKILL: usize = 1_400;
const BYTES_PER_ROLE: usize = 6_000;

/// The skill categories of a synthetic catalog (a role's `family` is its main
/// category).
pub const CATEGORIES: [&str; 15] = [
    "programming",
    "data",
    "machine-learning",
    "statistics",
    "mathematics",
    "cloud",
    "devops",
    "security",
    "databases",
    "web",
    "networking",
    "design",
    "management",
    "communication",
    "domain",
];

mod rng;
use rng::SplitMix64;

/// The most layers (the longest prerequisite chain between skills).
const MAX_LAYERS: usize = 10;

/// Builds a synthetic catalog: `n_skills` skills, `n_roles` roles, a fraction
/// `any_of_fraction` of requirement entries as `any_of` groups; the same
/// arguments always give the same catalog (see the [module docs](self) for its
/// shape).
///
/// # Errors
/// [`Error::InvalidArgument`] when `any_of_fraction` is NaN or outside
/// `[0, 1]`, or a size is above [`MAX_SYNTHETIC_SKILLS`] /
/// [`MAX_SYNTHETIC_ROLES`].
///
/// # Complexity
/// About O((n_skills + n_roles) · log n_skills) time (dominated by
/// validation), memory linear in the output.
///
/// # Example
/// ```
/// let cat = gap_core::synthetic::synthetic(500, 20, 7, 0.05)?;
/// assert_eq!(cat.skills().len(), 500);
/// assert_eq!(cat.roles()[3].id, "r0003");
/// assert_eq!(cat, gap_core::Catalog::synthetic(500, 20, 7, 0.05)?);
/// # Ok::<(), gap_core::Error>(())
/// ```
pub fn synthetic(
    n_skills: usize,
    n_roles: usize,
    seed: u64,
    any_of_fraction: f64,
) -> Result<Catalog> {
    Catalog::from_def(&synthetic_def(n_skills, n_roles, seed, any_of_fraction)?)
}

/// The definition behind [`synthetic`] (for writing it to a file without
/// validating it first).
///
/// # Errors
/// As [`synthetic`].
pub fn synthetic_def(
    n_skills: usize,
    n_roles: usize,
    seed: u64,
    any_of_fraction: f64,
) -> Result<CatalogDef> {
    if !(0.0..=1.0).contains(&any_of_fraction) {
        return Err(Error::InvalidArgument(format!(
            "any_of_fraction must be within [0, 1], got {any_of_fraction}"
        )));
    }
    if n_skills > MAX_SYNTHETIC_SKILLS {
        return Err(Error::InvalidArgument(format!(
            "n_skills must be at most {MAX_SYNTHETIC_SKILLS}, got {n_skills}"
        )));
    }
    if n_roles > MAX_SYNTHETIC_ROLES {
        return Err(Error::InvalidArgument(format!(
            "n_roles must be at most {MAX_SYNTHETIC_ROLES}, got {n_roles}"
        )));
    }
    crate::alloc::ensure_memory(
        &format!("a synthetic catalog of {n_skills} skills and {n_roles} roles"),
        n_skills
            .checked_mul(BYTES_PER_SKILL)
            .zip(n_roles.checked_mul(BYTES_PER_ROLE))
            .and_then(|(a, b)| a.checked_add(b)),
    )?;
    let mut g = Generator::new(n_skills, seed, any_of_fraction);
    let skills = g.skills();
    let roles = g.roles(n_roles);
    let transfers = g.transfers();
    Ok(CatalogDef {
        format: FORMAT.to_string(),
        name: format!(
            "synthetic({n_skills}, {n_roles}, seed={seed}, any_of_fraction={any_of_fraction})"
        ),
        skills,
        roles,
        transfers,
    })
}

impl Catalog {
    /// A seeded synthetic catalog: see [`synthetic`].
    ///
    /// # Errors
    /// As [`synthetic`].
    pub fn synthetic(
        n_skills: usize,
        n_roles: usize,
        seed: u64,
        any_of_fraction: f64,
    ) -> Result<Catalog> {
        synthetic(n_skills, n_roles, seed, any_of_fraction)
    }
}

/// The number of distinct `any_of` groups in play for `role` from a learner at
/// `start` (dense levels by skill index, as from
/// [`Catalog::resolve_profile`]): the role's unmet groups, plus the unmet
/// groups among the requirements of every step that a shortest path could
/// take — the steps not yet known that the role's unmet entries (every member
/// of an unmet group) need, transitively. It is the number of choices the exact
/// solver may have to branch on, so it measures how hard a target is.
///
/// `start` shorter than the catalog counts the missing skills as unknown.
///
/// # Complexity
/// O(steps + requirements) of the closure, iterative.
pub fn groups_in_play(catalog: &Catalog, start: &[u32], role: &Role) -> usize {
    let level_of = |s: usize| start.get(s).copied().unwrap_or(0);
    let mut seen = vec![false; catalog.step_graph().len()];
    let mut stack: Vec<(usize, u32)> = Vec::new();
    let mut groups = 0usize;
    let push_req = |req: &Requirement, stack: &mut Vec<(usize, u32)>, groups: &mut usize| {
        if req.satisfied_by(start) {
            return;
        }
        if req.is_group() {
            *groups += 1;
        }
        for m in req.members() {
            if !m.satisfied_by(start) {
                stack.push((m.skill.ix(), m.level));
            }
        }
    };
    for req in &role.requires {
        push_req(req, &mut stack, &mut groups);
    }
    let skills = catalog.skills();
    while let Some((s, top)) = stack.pop() {
        // Every unknown level up to `top` is a step to take.
        for level in level_of(s) + 1..=top {
            let step = catalog.step(crate::SkillIx(s as u32), level).ix();
            if std::mem::replace(&mut seen[step], true) {
                continue;
            }
            for req in skills[s].requirements(level) {
                push_req(req, &mut stack, &mut groups);
            }
        }
    }
    groups
}

/// Positions are fractions of a block in millionths.
const POS_SCALE: usize = 1_000_000;

/// `x * num / den` in 64 bits (the same on 32-bit platforms); `den` > 0 and
/// the result fits `usize` because it is at most `num` for `x` <= `den`.
fn scale(x: usize, num: usize, den: usize) -> usize {
    (x as u64 * num as u64 / den as u64) as usize
}

/// Marks skills already used in the list being built (a stamp per list, so
/// nothing is cleared between lists).
struct Marks {
    stamp: Vec<u32>,
    current: u32,
}

impl Marks {
    fn next_list(&mut self) {
        self.current = self.current.wrapping_add(1);
        if self.current == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.current = 1;
        }
    }
    fn used(&self, s: usize) -> bool {
        self.stamp[s] == self.current
    }
    fn mark(&mut self, s: usize) {
        self.stamp[s] = self.current;
    }
}

struct Generator {
    n: usize,
    layers: usize,
    fraction: f64,
    seed: u64,
    /// Levels of each skill (filled by `skills`).
    levels: Vec<u8>,
    marks: Marks,
    ids: Vec<String>,
}

impl Generator {
    fn new(n: usize, seed: u64, fraction: f64) -> Self {
        Generator {
            n,
            layers: n.isqrt().clamp(1, MAX_LAYERS),
            fraction,
            seed,
            levels: Vec::with_capacity(n),
            marks: Marks {
                stamp: vec![0; n],
                current: 0,
            },
            ids: (0..n).map(|i| format!("s{i:05}")).collect(),
        }
    }

    fn layer_start(&self, k: usize) -> usize {
        scale(k, self.n, self.layers)
    }

    fn layer_of(&self, i: usize) -> usize {
        (0..self.layers)
            .rev()
            .find(|&k| self.layer_start(k) <= i)
            .unwrap_or(0)
    }

    /// The index range of category `c` in layer `k` (possibly empty).
    fn block(&self, k: usize, c: usize) -> (usize, usize) {
        let s = self.layer_start(k);
        let m = self.layer_start(k + 1) - s;
        let nc = CATEGORIES.len();
        (s + scale(m, c, nc), s + scale(m, c + 1, nc))
    }

    /// Layer, category and position (millionths of the block) of skill `i`.
    fn place(&self, i: usize) -> (usize, usize, usize) {
        let k = self.layer_of(i);
        for c in 0..CATEGORIES.len() {
            let (a, b) = self.block(k, c);
            if (a..b).contains(&i) {
                return (k, c, scale(i - a, POS_SCALE, b - a));
            }
        }
        (k, 0, 0)
    }

    /// A skill of block (`k`, `c`) near position `pos`, within `spread`
    /// per mille of the block; `None` for an empty block.
    fn near(
        &self,
        rng: &mut SplitMix64,
        k: usize,
        c: usize,
        pos: usize,
        spread: usize,
    ) -> Option<usize> {
        let (a, b) = self.block(k, c);
        let m = b.checked_sub(a).filter(|&m| m > 0)?;
        let w = (m * spread / 1000).max(1);
        let centre = a + scale(pos.min(POS_SCALE - 1), m, POS_SCALE);
        let j = centre + rng.below(2 * w + 1);
        Some(j.saturating_sub(w).clamp(a, b - 1))
    }

    /// A reference to skill `s`, at level 2 or above with probability
    /// `higher` per mille when it has those levels.
    fn reference(&self, rng: &mut SplitMix64, s: usize, higher: usize) -> String {
        let max = self.levels[s] as usize;
        if max >= 2 && rng.chance(higher) {
            format!("{}@{}", self.ids[s], rng.range(2, max))
        } else {
            self.ids[s].clone()
        }
    }

    /// One requirement entry, drawn by `pick` (which returns a candidate
    /// skill, or `None`), unused in the current list; with probability
    /// `fraction` an `any_of` group of 2–4 such skills. `None` when no unused
    /// skill was found.
    fn entry(
        &mut self,
        rng: &mut SplitMix64,
        higher: usize,
        pick: &mut dyn FnMut(&Self, &mut SplitMix64) -> Option<usize>,
    ) -> Option<ReqDef> {
        let first = self.unused(rng, pick)?;
        self.marks.mark(first);
        let group = rng.unit() < self.fraction;
        if !group {
            return Some(ReqDef::Ref(self.reference(rng, first, higher)));
        }
        let want = rng.range(2, 4);
        let mut members = vec![first];
        while members.len() < want {
            match self.unused(rng, pick) {
                Some(s) => {
                    self.marks.mark(s);
                    members.push(s);
                }
                None => break,
            }
        }
        if members.len() < 2 {
            return Some(ReqDef::Ref(self.reference(rng, first, higher)));
        }
        let count = if members.len() == 3 && rng.chance(100) {
            2
        } else {
            1
        };
        let any_of = members
            .iter()
            .map(|&s| self.reference(rng, s, higher))
            .collect();
        Some(ReqDef::Group(GroupDef { any_of, count }))
    }

    /// A skill from `pick` not used in the current list (a few tries).
    fn unused(
        &self,
        rng: &mut SplitMix64,
        pick: &mut dyn FnMut(&Self, &mut SplitMix64) -> Option<usize>,
    ) -> Option<usize> {
        (0..12).find_map(|_| pick(self, rng).filter(|&s| !self.marks.used(s)))
    }

    fn skills(&mut self) -> Vec<SkillDef> {
        let mut rng = SplitMix64::new(self.seed, 1);
        let mut out = Vec::with_capacity(self.n);
        for i in 0..self.n {
            let (k, c, pos) = self.place(i);
            // Levels and hours.
            let n_levels = match rng.below(10) {
                0..=4 => 1,
                5..=7 => 2,
                _ => 3,
            };
            let mut h = rng.range(5, 80);
            let mut hours = vec![h as f64];
            for _ in 1..n_levels {
                h = h * rng.range(12, 20) / 10;
                hours.push(h as f64);
            }
            self.levels.push(n_levels as u8);

            // Prerequisites of level 1.
            let mut requires = Vec::new();
            if k > 0 {
                let fan_in = match rng.below(20) {
                    0..=2 => 0,
                    3..=10 => 1,
                    11..=15 => 2,
                    16..=17 => 3,
                    _ => 4,
                };
                self.marks.next_list();
                for _ in 0..fan_in {
                    if let Some(r) = self.prerequisite(&mut rng, k, c, pos) {
                        requires.push(r);
                    }
                }
            }
            // Extra requirements of higher levels.
            let mut level_requires = std::collections::BTreeMap::new();
            if k > 0 {
                for level in 2..=n_levels {
                    if rng.chance(150) {
                        self.marks.next_list();
                        if let Some(r) = self.prerequisite(&mut rng, k, c, pos) {
                            level_requires.insert(level.to_string(), vec![r]);
                        }
                    }
                }
            }
            out.push(SkillDef {
                id: self.ids[i].clone(),
                name: format!("Skill {i}"),
                category: Some(CATEGORIES[c].to_string()),
                hours: if n_levels == 1 {
                    Hours::One(hours[0])
                } else {
                    Hours::Levels(hours)
                },
                requires,
                level_requires,
                ..SkillDef::default()
            });
        }
        out
    }

    /// A prerequisite for a skill of layer `k` > 0, category `c`, position
    /// `pos`: from one to three layers below, nearly always the same category.
    fn prerequisite(
        &mut self,
        rng: &mut SplitMix64,
        k: usize,
        c: usize,
        pos: usize,
    ) -> Option<ReqDef> {
        let below = self.layer_start(k);
        let mut pick = move |g: &Self, rng: &mut SplitMix64| {
            let back = match rng.below(20) {
                0..=11 => 1,
                12..=16 => 2,
                _ => 3,
            };
            let kk = k.saturating_sub(back);
            let cc = if rng.chance(920) {
                c
            } else {
                rng.below(CATEGORIES.len())
            };
            // Any lower skill when the block is empty (tiny catalogs).
            g.near(rng, kk, cc, pos, 25)
                .or_else(|| (below > 0).then(|| rng.below(below)))
        };
        self.entry(rng, 250, &mut pick)
    }

    fn roles(&mut self, n_roles: usize) -> Vec<RoleDef> {
        let mut rng = SplitMix64::new(self.seed, 2);
        let nc = CATEGORIES.len();
        let mut out = Vec::with_capacity(n_roles);
        for j in 0..n_roles {
            let cats = [rng.below(nc), rng.below(nc), rng.below(nc)];
            let focus = [
                rng.below(POS_SCALE),
                rng.below(POS_SCALE),
                rng.below(POS_SCALE),
            ];
            let essential = rng.range(20, 60);
            let optional = rng.range(0, 10);
            let layers = self.layers;
            let n = self.n;
            let mut pick = move |g: &Self, rng: &mut SplitMix64| {
                let which = match rng.below(20) {
                    0..=11 => 0,
                    12..=16 => 1,
                    17..=18 => 2,
                    _ => 3,
                };
                if which == 3 {
                    return (n > 0).then(|| rng.below(n));
                }
                // Lower layers more often: roles name basics and specialities.
                let k = rng.below(layers);
                g.near(rng, k, cats[which], focus[which], 60)
                    .or_else(|| (n > 0).then(|| rng.below(n)))
            };
            self.marks.next_list();
            let mut requires = Vec::with_capacity(essential);
            for _ in 0..essential {
                match self.entry(&mut rng, 300, &mut pick) {
                    Some(r) => requires.push(r),
                    None => match self.first_unused(&mut rng) {
                        Some(s) => {
                            self.marks.mark(s);
                            requires.push(ReqDef::Ref(self.reference(&mut rng, s, 300)));
                        }
                        None => break,
                    },
                }
            }
            let mut opt = Vec::with_capacity(optional);
            for _ in 0..optional {
                let s = match self.unused(&mut rng, &mut pick) {
                    Some(s) => s,
                    None => match self.first_unused(&mut rng) {
                        Some(s) => s,
                        None => break,
                    },
                };
                self.marks.mark(s);
                opt.push(self.reference(&mut rng, s, 200));
            }
            out.push(RoleDef {
                id: format!("r{j:04}"),
                name: format!("Role {j}"),
                family: Some(CATEGORIES[cats[0]].to_string()),
                requires,
                optional: opt,
                ..RoleDef::default()
            });
        }
        out
    }

    /// The first skill not used in the current list, scanning from a random
    /// start (the fallback that keeps small catalogs' roles full).
    fn first_unused(&self, rng: &mut SplitMix64) -> Option<usize> {
        let start = rng.below(self.n);
        (0..self.n)
            .map(|d| (start + d) % self.n)
            .find(|&s| !self.marks.used(s))
    }

    fn transfers(&mut self) -> Vec<TransferDef> {
        let mut rng = SplitMix64::new(self.seed, 3);
        let mut out = Vec::new();
        if self.n < 2 {
            return out;
        }
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..self.n.div_ceil(200) {
            let to = rng.below(self.n);
            let (k, c, pos) = self.place(to);
            let kk = if k > 0 && rng.chance(500) { k - 1 } else { k };
            let from = self
                .near(&mut rng, kk, c, pos, 60)
                .unwrap_or_else(|| rng.below(self.n));
            if from == to || !seen.insert((from, to)) {
                continue;
            }
            out.push(TransferDef {
                from: self.reference(&mut rng, from, 200),
                to: self.ids[to].clone(),
                discount: rng.range(20, 60) as f64 / 100.0,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count_groups(def: &CatalogDef) -> usize {
        let is_group = |r: &ReqDef| matches!(r, ReqDef::Group(_));
        def.skills
            .iter()
            .flat_map(|s| s.requires.iter().chain(s.level_requires.values().flatten()))
            .chain(def.roles.iter().flat_map(|r| r.requires.iter()))
            .filter(|r| is_group(r))
            .count()
    }

    #[test]
    fn same_seed_same_catalog_other_seed_differs() {
        let a = synthetic(800, 40, 5, 0.05).unwrap();
        let b = synthetic(800, 40, 5, 0.05).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.to_json(), b.to_json());
        let c = synthetic(800, 40, 6, 0.05).unwrap();
        assert_ne!(a, c);
    }

    #[test]
    fn fixed_output_for_a_seed() {
        // Pins the stream on every platform: a change here changes every
        // benchmark's input, so it must be deliberate.
        let json = synthetic(300, 8, 42, 0.1).unwrap().to_json();
        let fnv = json.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        assert_eq!(fnv, 14291592115348495516, "{}", &json[..400]);
    }

    #[test]
    fn valid_at_many_sizes_and_fractions() {
        for &(n, r) in &[
            (0, 0),
            (0, 3),
            (1, 2),
            (2, 2),
            (5, 4),
            (16, 3),
            (100, 10),
            (3000, 50),
        ] {
            for &f in &[0.0, 0.05, 0.3, 1.0] {
                for seed in 0..3 {
                    let cat = synthetic(n, r, seed, f)
                        .unwrap_or_else(|e| panic!("synthetic({n}, {r}, {seed}, {f}): {e}"));
                    assert_eq!(cat.skills().len(), n);
                    assert_eq!(cat.roles().len(), r);
                }
            }
        }
    }

    #[test]
    fn prerequisites_point_to_lower_indices() {
        let cat = synthetic(2000, 10, 9, 0.2).unwrap();
        for (i, s) in cat.skills().iter().enumerate() {
            for reqs in &s.level_reqs {
                for m in reqs.iter().flat_map(Requirement::members) {
                    assert!(m.skill.ix() < i, "{} requires {}", s.id, m.skill);
                }
            }
        }
    }

    #[test]
    fn fraction_zero_has_no_groups_and_one_has_many() {
        let def = synthetic_def(2000, 50, 3, 0.0).unwrap();
        assert_eq!(count_groups(&def), 0);
        let def = synthetic_def(2000, 50, 3, 1.0).unwrap();
        assert!(count_groups(&def) > 1000);
        let def = synthetic_def(2000, 50, 3, 0.05).unwrap();
        let g = count_groups(&def);
        assert!(g > 50 && g < 500, "{g} groups");
    }

    #[test]
    fn role_entry_counts_in_range() {
        let cat = synthetic(5000, 200, 1, 0.05).unwrap();
        for r in cat.roles() {
            assert!(
                (20..=60).contains(&r.requires.len()),
                "{}: {}",
                r.id,
                r.requires.len()
            );
            assert!(r.optional.len() <= 10);
        }
        let lens: Vec<usize> = cat.roles().iter().map(|r| r.requires.len()).collect();
        assert!(lens.iter().any(|&l| l < 30) && lens.iter().any(|&l| l > 50));
        assert!(
            cat.roles()
                .iter()
                .any(|r| r.requires.iter().any(|q| q.members()[0].level > 1))
        );
        assert!(!cat.transfers().is_empty());
        assert!(
            cat.skills()
                .iter()
                .any(|s| s.levels() == 3 && s.hours[2] > s.hours[1])
        );
        assert!(
            cat.skills()
                .iter()
                .any(|s| s.level_reqs.iter().skip(1).any(|l| !l.is_empty()))
        );
    }

    #[test]
    fn empty_catalog_roles_have_no_entries() {
        let cat = synthetic(0, 5, 0, 0.05).unwrap();
        assert!(cat.skills().is_empty());
        assert!(
            cat.roles()
                .iter()
                .all(|r| r.requires.is_empty() && r.optional.is_empty())
        );
        // Tiny catalogs: a role takes what there is.
        let cat = synthetic(3, 2, 0, 0.5).unwrap();
        for r in cat.roles() {
            let n: usize = r.requires.iter().map(|q| q.members().len()).sum();
            assert_eq!(n + r.optional.len(), 3);
        }
    }

    #[test]
    fn bad_arguments_are_errors() {
        for f in [f64::NAN, -0.1, 1.5, f64::INFINITY] {
            assert!(matches!(
                synthetic(10, 1, 0, f),
                Err(Error::InvalidArgument(_))
            ));
        }
        assert!(matches!(
            synthetic(MAX_SYNTHETIC_SKILLS + 1, 1, 0, 0.0),
            Err(Error::InvalidArgument(_))
        ));
        assert!(matches!(
            synthetic(10, usize::MAX, 0, 0.0),
            Err(Error::InvalidArgument(_))
        ));
    }

    #[test]
    fn depth_is_layered() {
        // Longest chain of skills (level 1 requires) in a mid-size catalog.
        let cat = synthetic(3000, 1, 2, 0.0).unwrap();
        let mut depth = vec![0usize; cat.skills().len()];
        for (i, s) in cat.skills().iter().enumerate() {
            for m in s.level_reqs.iter().flatten().flat_map(Requirement::members) {
                depth[i] = depth[i].max(depth[m.skill.ix()] + 1);
            }
        }
        let max = depth.iter().copied().max().unwrap_or(0);
        assert!((8..=12).contains(&max), "depth {max}");
    }

    #[test]
    fn groups_in_play_counts_unmet_groups() {
        let cat = Catalog::from_json(
            r#"{"skills": [{"id": "a", "name": "A", "hours": 1},
                          {"id": "b", "name": "B", "hours": 1},
                          {"id": "c", "name": "C", "hours": 1, "requires": [{"any_of": ["a", "b"]}]}],
                "roles": [{"id": "r", "name": "R", "requires": ["c", {"any_of": ["a", "b"]}]}]}"#,
        )
        .unwrap();
        let role = &cat.roles()[0];
        assert_eq!(groups_in_play(&cat, &[], role), 2);
        assert_eq!(groups_in_play(&cat, &[1, 0, 0], role), 0);
        assert_eq!(groups_in_play(&cat, &[0, 0, 1], role), 1);
    }

    #[test]
    fn typical_roles_have_about_twenty_groups_in_play() {
        // The first roles do not depend on how many roles follow.
        let cat = synthetic(14000, 300, 0, 0.05).unwrap();
        let big = synthetic_def(14000, 3000, 0, 0.05).unwrap();
        assert_eq!(cat.to_def().roles[..], big.roles[..300]);
        let mut g: Vec<usize> = cat
            .roles()
            .iter()
            .map(|r| groups_in_play(&cat, &[], r))
            .collect();
        g.sort_unstable();
        let median = g[g.len() / 2];
        assert!((15..=30).contains(&median), "median {median}");
        // Without groups there is nothing to branch on.
        let flat = synthetic(14000, 50, 0, 0.0).unwrap();
        assert!(
            flat.roles()
                .iter()
                .all(|r| groups_in_play(&flat, &[], r) == 0)
        );
    }
}
