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
use crate::results::LearningPath;
use crate::solve::batch::{GroupIndex, KeyScratch};
use crate::solve::steps::{PathCell, PathMemo};
use crate::solve::sum::ExactSum;

/// One (profile, role) answer of a cohort: a batch cell for a catalog
/// role, a path for a caller's role.
enum Pair {
    Cell(std::sync::Arc<PathCell>),
    Path(LearningPath),
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
    /// skill, and those steps' hours. Profiles run in parallel; each catalog
    /// role's path is searched once per distinct key (the profile's levels
    /// on what the role's problem can reach and the transfers it fires onto
    /// it) and shared by every profile with that key; a caller's role takes
    /// one `learning_path` per profile.
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
        let mut flags = vec![false; self.roles().len()];
        for &ri in which.iter().flatten() {
            flags[ri] = true;
        }
        let gi = GroupIndex::build(self, &flags);
        let memo = PathMemo::new(self);
        limits.progress_start(profiles.len());
        // One row of paths per profile (each a path per role).
        let indexed: Vec<(usize, &Profile)> = profiles.iter().enumerate().collect();
        let rows: Vec<Result<Vec<Pair>>> = crate::par::install(|| {
            indexed
                .par_iter()
                .map_init(KeyScratch::default, |keys, &(i, p)| {
                    let in_profile = |e: crate::Error| match e {
                        crate::Error::Cancelled => e,
                        e => e.in_profile(i),
                    };
                    let start = self.resolve_profile(p).map_err(in_profile)?;
                    let known = self.known_skills(p);
                    gi.keys(self, &start, &known, keys);
                    let row = which
                        .iter()
                        .zip(&targets)
                        .map(|(w, t)| match *w {
                            Some(ri) => self
                                .path_cell(&gi, ri, &start, keys.key(ri), &per_path, &memo)
                                .map(Pair::Cell)
                                .map_err(in_profile),
                            None => self
                                .learning_path(p, std::slice::from_ref(t), &opts)
                                .map(Pair::Path)
                                .map_err(in_profile),
                        })
                        .collect();
                    limits.progress_step();
                    row
                })
                .collect()
        });
        let mut hours: Vec<Vec<f64>> = vec![Vec::with_capacity(profiles.len()); ids.len()];
        let mut ready = vec![0usize; ids.len()];
        let mut optimal = vec![true; ids.len()];
        let mut per_skill: Vec<(u64, ExactSum)> = vec![(0, ExactSum::new()); self.skills().len()];
        let mut seen: Vec<u32> = vec![u32::MAX; self.skills().len()];
        let mut pair = 0u32;
        for row in rows {
            for (j, cell) in row?.iter().enumerate() {
                let (total, opt, steps): (f64, bool, Vec<(usize, f64)>) = match cell {
                    Pair::Cell(c) => (
                        c.hours,
                        c.optimal,
                        c.steps.iter().map(|&(s, h)| (s as usize, h)).collect(),
                    ),
                    Pair::Path(path) => (
                        path.total_hours,
                        path.optimal,
                        path.steps
                            .iter()
                            .map(|st| self.skill_index(&st.skill).map(|s| (s.ix(), st.hours)))
                            .collect::<Result<_>>()?,
                    ),
                };
                hours[j].push(total);
                ready[j] += usize::from(steps.is_empty());
                optimal[j] &= opt;
                for (s, h) in steps {
                    if seen[s] != pair {
                        seen[s] = pair;
                        per_skill[s].0 += 1;
                    }
                    per_skill[s].1.add(h);
                }
                pair = pair.wrapping_add(1);
            }
        }
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
            .enumerate()
            .filter(|(_, (pairs, _))| *pairs > 0)
            .map(|(s, (pairs, sum))| CohortSkill {
                skill: self.skills()[s].id.clone(),
                pairs,
                hours: sum.value(),
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
    use super::quantile;

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
