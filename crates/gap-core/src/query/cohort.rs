//! [`Catalog::cohort`]: a cohort of profiles against a set of roles (SPEC 4,
//! "Cohorts"): per role, the share job-ready and the median and 90th
//! percentile of the hours; per skill, how many (profile, role) pairs'
//! shortest paths learn it, and those steps' hours. What to teach a cohort
//! for the most effect.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::Result;
use crate::par::prelude::*;
use crate::profile::Profile;
use crate::query::options::{Limits, PathOptions, Target};
use crate::solve::Meter;
use crate::solve::batch::KeyScratch;
use crate::solve::steps::PathMemo;
use crate::solve::sum::ExactSum;

/// What a run of profiles adds to a cohort's tables: per role the hours
/// (sorted at the end), the ready count and whether all are proven; per
/// skill the pairs whose path learns it and those steps' hours (exact, so
/// runs merge in any order to the same tables). Only the skills some path
/// learns have a [`SkillHours`] (a run's paths touch few of a large
/// catalog's skills); the rest cost one index each.
struct Tally {
    hours: Vec<Vec<f64>>,
    ready: Vec<usize>,
    optimal: Vec<bool>,
    /// Per catalog skill, its entry in `skills`, or [`NO_ENTRY`].
    entry: Vec<u32>,
    /// The skills some path learns, in first-touched order.
    skills: Vec<(u32, SkillHours)>,
    pair: u32,
    /// The run's first error (it stops there).
    error: Option<crate::Error>,
}

/// A skill no path of the tally has learnt.
const NO_ENTRY: u32 = u32::MAX;

/// Distinct step hours a [`SkillHours`] counts before it sums.
const SLOTS: usize = 4;

/// One skill's pairs and step hours in a tally. A skill's steps take few
/// distinct hours (a level's, or a level's after a transfer), so its hours
/// are kept as a few (hours, count) slots, and only a slot given up is
/// added to the exact sum, as count x hours exactly (a product and its
/// rounding error): most steps cost one increment, and the total stays
/// exact.
#[derive(Debug, Clone, Default)]
struct SkillHours {
    /// The last pair that counted it.
    seen: u32,
    pairs: u64,
    slots: [(f64, u64); SLOTS],
    sum: ExactSum,
}

impl SkillHours {
    fn add(&mut self, h: f64) {
        for slot in &mut self.slots {
            if slot.1 == 0 {
                *slot = (h, 1);
                return;
            }
            if slot.0 == h {
                slot.1 += 1;
                return;
            }
        }
        let (v, n) = self.slots[0];
        add_product(&mut self.sum, v, n);
        self.slots.rotate_left(1);
        self.slots[SLOTS - 1] = (h, 1);
    }

    /// The exact sum of every step's hours.
    fn total(mut self) -> ExactSum {
        for (v, n) in self.slots {
            add_product(&mut self.sum, v, n);
        }
        self.sum
    }
}

/// Adds `n` x `v` to `sum` exactly: the rounded product and its rounding
/// error (a fused multiply-add), `n` below 2^53.
fn add_product(sum: &mut ExactSum, v: f64, n: u64) {
    if n > 0 {
        let n = n as f64;
        let hi = n * v;
        sum.add(hi);
        sum.add(n.mul_add(v, -hi));
    }
}

impl Tally {
    fn new(roles: usize, skills: usize) -> Self {
        Tally {
            hours: vec![Vec::new(); roles],
            ready: vec![0; roles],
            optimal: vec![true; roles],
            entry: vec![NO_ENTRY; skills],
            skills: Vec::new(),
            pair: 0,
            error: None,
        }
    }

    /// Adds the path of one (profile, role `j`) pair: its total, whether it
    /// is proven, and its steps as (skill, hours).
    fn add(&mut self, j: usize, total: f64, optimal: bool, steps: &[(u32, f64)]) {
        self.hours[j].push(total);
        self.ready[j] += usize::from(steps.is_empty());
        self.optimal[j] &= optimal;
        let pair = self.pair;
        for &(s, h) in steps {
            let sk = self.entry_of(s);
            if sk.seen != pair {
                sk.seen = pair;
                sk.pairs += 1;
            }
            sk.add(h);
        }
        self.pair = self.pair.wrapping_add(1);
        if self.pair == u32::MAX {
            self.skills
                .iter_mut()
                .for_each(|(_, sk)| sk.seen = u32::MAX);
            self.pair = 0;
        }
    }

    fn merge(&mut self, other: Tally) {
        for (mine, theirs) in self.hours.iter_mut().zip(other.hours) {
            mine.extend(theirs);
        }
        for (mine, theirs) in self.ready.iter_mut().zip(other.ready) {
            *mine += theirs;
        }
        for (mine, theirs) in self.optimal.iter_mut().zip(other.optimal) {
            *mine &= theirs;
        }
        for (s, theirs) in other.skills {
            let mine = self.entry_of(s);
            mine.pairs += theirs.pairs;
            mine.sum.merge(&theirs.total());
        }
    }

    /// Skill `s`'s entry, made on its first touch.
    fn entry_of(&mut self, s: u32) -> &mut SkillHours {
        let e = &mut self.entry[s as usize];
        if *e == NO_ENTRY {
            *e = self.skills.len() as u32;
            self.skills.push((
                s,
                SkillHours {
                    seen: u32::MAX,
                    ..SkillHours::default()
                },
            ));
        }
        &mut self.skills[*e as usize].1
    }
}

/// A cohort's readiness for each role and its learning per skill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cohort {
    /// One row per role, in the order given (default: the catalog's).
    pub roles: Vec<CohortRole>,
    /// One row per skill that some shortest path learns: most pairs first,
    /// then most hours, then skill id.
    pub skills: Vec<CohortSkill>,
    /// Number of profiles.
    pub profiles: usize,
}

/// How a cohort stands against one role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CohortRole {
    /// The role id.
    pub role: String,
    /// Share of the profiles job-ready for it now (0 for an empty cohort).
    pub ready_share: f64,
    /// Median hours to job-ready (linear interpolation between the middle
    /// two for an even count, as numpy and pandas do; NaN for an empty
    /// cohort).
    pub median_hours: f64,
    /// 90th percentile of the hours (linear interpolation; NaN for an empty
    /// cohort).
    pub p90_hours: f64,
    /// Whether every profile's hours are proven minimal.
    pub optimal: bool,
}

/// How much of the cohort's shortest paths one skill is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CohortSkill {
    /// The skill id.
    pub skill: String,
    /// Number of (profile, role) pairs whose shortest path learns a level of
    /// it.
    pub pairs: u64,
    /// Those steps' hours (after transfers), summed over the pairs.
    pub hours: f64,
}

/// The `q`-quantile of sorted values, by linear interpolation (numpy's
/// default); NaN for none.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        n => {
            let pos = q * (n - 1) as f64;
            let lo = pos.floor() as usize;
            let hi = pos.ceil() as usize;
            let frac = pos - lo as f64;
            sorted[lo] + (sorted[hi] - sorted[lo]) * frac
        }
    }
}

impl Catalog {
    /// A cohort of `profiles` against `roles` (default: every catalog role),
    /// SPEC 4 "Cohorts": per role the share job-ready and the median and
    /// 90th percentile of the hours of the shortest path; per skill, in how
    /// many (profile, role) pairs the shortest path (the one
    /// [`learning_path`](Catalog::learning_path) returns) has a step of that
    /// skill, and those steps' hours. Runs of profiles are tallied in
    /// parallel and merged exactly. A catalog role without groups takes its
    /// closure; one with groups its base plus its group part, reusing the
    /// empty profile's components that still fit, or, where that part is
    /// not proven optimal, a search of its whole problem once per key (the
    /// same rule as `learning_path`, so the same step set); a caller's role
    /// takes one `learning_path` per profile.
    ///
    /// # Errors
    /// A bad role; a bad profile's error names its index
    /// ([`Error::InProfile`](crate::Error::InProfile)).
    ///
    /// ```
    /// use gap_core::{Catalog, Profile};
    /// let cat = Catalog::from_json(r#"{
    ///   "skills": [{"id": "python", "name": "Python", "hours": [40, 80]},
    ///              {"id": "sql", "name": "SQL", "hours": 30}],
    ///   "roles": [{"id": "dev", "name": "Developer", "requires": ["python@2"]}]}"#)?;
    /// let c = cat.cohort(&[Profile::new(), Profile::from_refs(["python"])?, Profile::from_refs(["python@2"])?], None)?;
    /// assert_eq!(c.roles[0].ready_share, 1.0 / 3.0);
    /// assert_eq!((c.roles[0].median_hours, c.roles[0].p90_hours), (80.0, 112.0));
    /// assert_eq!((c.skills[0].skill.as_str(), c.skills[0].pairs, c.skills[0].hours), ("python", 2, 200.0));
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn cohort(&self, profiles: &[Profile], roles: Option<&[Target]>) -> Result<Cohort> {
        self.cohort_with(profiles, roles, &Limits::default())
    }

    /// [`cohort`](Catalog::cohort) within `limits`: each (profile, role)
    /// path within the node budget, and the cancellation check polled.
    ///
    /// # Errors
    /// As [`cohort`](Catalog::cohort), and
    /// [`Error::Cancelled`](crate::Error::Cancelled).
    pub fn cohort_with(
        &self,
        profiles: &[Profile],
        roles: Option<&[Target]>,
        limits: &Limits,
    ) -> Result<Cohort> {
        let targets: Vec<Target> = match roles {
            Some(r) => r.to_vec(),
            None => self
                .roles()
                .iter()
                .map(|r| Target::from(r.id.as_str()))
                .collect(),
        };
        let ids: Vec<String> = targets
            .iter()
            .map(|t| self.resolve_target(t).map(|r| r.id.clone()))
            .collect::<Result<_>>()?;
        // Each path gets the budget and the cancellation check, not the
        // progress counter (the cohort counts its profiles itself).
        let mut per_path = limits.clone();
        per_path.progress = None;
        let opts = PathOptions::default().with_limits(per_path.clone());
        // Catalog roles go through the batch cells (one search per role and
        // key); a caller's role through one learning_path per profile.
        let which: Vec<Option<usize>> = targets
            .iter()
            .map(|t| match t {
                Target::Id(id) => self.role_index(id).map(|r| Some(r.ix())),
                Target::Role(_) => Ok(None),
            })
            .collect::<Result<_>>()?;
        let idx = self.rank_index();
        let memo = PathMemo::new(self);
        limits.progress_start(profiles.len());
        // Runs of profiles, each tallied on its own, in order: a few per
        // thread, so that the tallies (an index per skill) stay few.
        let indexed: Vec<(usize, &Profile)> = profiles.iter().enumerate().collect();
        let runs: Vec<&[(usize, &Profile)]> = indexed
            .chunks(
                profiles
                    .len()
                    .div_ceil(4 * crate::par::num_threads())
                    .max(1),
            )
            .collect();
        let n_skills = self.skills().len();
        let tallies: Vec<Tally> = crate::par::install(|| {
            runs.par_iter()
                .map_init(KeyScratch::default, |keys, run| {
                    let mut tally = Tally::new(ids.len(), n_skills);
                    let mut steps: Vec<(u32, f64)> = Vec::new();
                    for &(i, p) in run.iter() {
                        let in_profile = |e: crate::Error| match e {
                            crate::Error::Cancelled => e,
                            e => e.in_profile(i),
                        };
                        let row = (|| -> Result<()> {
                            let start = self.resolve_profile(p)?;
                            Meter::cell(&per_path).check()?;
                            let known = self.known_skills(p);
                            idx.groups.keys(self, &start, &known, keys);
                            for (j, (w, t)) in which.iter().zip(&targets).enumerate() {
                                match *w {
                                    Some(ri) if idx.roles[ri].has_groups => {
                                        let (hours, optimal) = self.cell_steps(
                                            &idx.groups,
                                            ri,
                                            &start,
                                            keys.key(ri),
                                            &per_path,
                                            &memo,
                                            &mut steps,
                                        )?;
                                        tally.add(j, hours, optimal, &steps);
                                    }
                                    Some(ri) => {
                                        let hours = self.closure_steps(ri, &start, &mut steps);
                                        tally.add(j, hours, true, &steps);
                                    }
                                    None => {
                                        let path =
                                            self.learning_path(p, std::slice::from_ref(t), &opts)?;
                                        steps.clear();
                                        for st in &path.steps {
                                            let s = self.skill_index(&st.skill)?;
                                            steps.push((s.0, st.hours));
                                        }
                                        tally.add(j, path.total_hours, path.optimal, &steps);
                                    }
                                }
                            }
                            Ok(())
                        })();
                        limits.progress_step();
                        if let Err(e) = row {
                            // The first error of the run (runs are in order).
                            tally.error = Some(in_profile(e));
                            break;
                        }
                    }
                    tally
                })
                .collect()
        });
        let mut all = Tally::new(ids.len(), n_skills);
        for t in tallies {
            if let Some(e) = t.error {
                return Err(e);
            }
            all.merge(t);
        }
        let Tally {
            hours,
            ready,
            optimal,
            skills: per_skill,
            ..
        } = all;
        let n = profiles.len();
        let roles = ids
            .into_iter()
            .zip(hours)
            .enumerate()
            .map(|(j, (role, mut h))| {
                h.sort_by(f64::total_cmp);
                CohortRole {
                    role,
                    ready_share: if n == 0 {
                        0.0
                    } else {
                        ready[j] as f64 / n as f64
                    },
                    median_hours: quantile(&h, 0.5),
                    p90_hours: quantile(&h, 0.9),
                    optimal: optimal[j],
                }
            })
            .collect();
        let mut skills: Vec<CohortSkill> = per_skill
            .into_iter()
            .filter(|(_, sk)| sk.pairs > 0)
            .map(|(s, sk)| CohortSkill {
                skill: self.skills()[s as usize].id.clone(),
                pairs: sk.pairs,
                hours: sk.total().value(),
            })
            .collect();
        skills.sort_by(|a, b| {
            b.pairs
                .cmp(&a.pairs)
                .then(b.hours.total_cmp(&a.hours))
                .then_with(|| a.skill.cmp(&b.skill))
        });
        Ok(Cohort {
            roles,
            skills,
            profiles: n,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{SkillHours, quantile};

    /// A skill's hours kept in slots sum, to the last bit, to the exact
    /// sum of every value added (more distinct values than slots, counts
    /// whose products round, merged halves).
    #[test]
    fn skill_hours_sum_exactly() {
        use crate::solve::sum::exact_sum;
        let values: Vec<f64> = (0..5000u32)
            .map(|i| match i % 7 {
                0 => 0.1,
                1 => 40.0,
                2 => 1.0 / 3.0,
                3 => 12.5,
                4 => 0.1,
                5 => 1e-3 * f64::from(i),
                _ => 2.0f64.powi(52) + 1.0,
            })
            .collect();
        let (a, b) = values.split_at(1234);
        let (mut x, mut y) = (SkillHours::default(), SkillHours::default());
        a.iter().for_each(|&v| x.add(v));
        b.iter().for_each(|&v| y.add(v));
        let mut sum = x.total();
        sum.merge(&y.total());
        assert_eq!(sum.value(), exact_sum(values.iter().copied()));
        assert_ne!(values.iter().sum::<f64>(), sum.value());
    }

    #[test]
    fn quantiles_interpolate_like_numpy() {
        assert!(quantile(&[], 0.5).is_nan());
        assert_eq!(quantile(&[3.0], 0.9), 3.0);
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), 2.5);
        // numpy.percentile([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90) == 90
        let v: Vec<f64> = (0..=10).map(|i| f64::from(i) * 10.0).collect();
        assert_eq!(quantile(&v, 0.9), 90.0);
        // numpy.percentile([0, 80, 120], 90) == 112
        assert_eq!(quantile(&[0.0, 80.0, 120.0], 0.9), 112.0);
    }
}
