//! [`Catalog::design_programme`]: which hours of content, added to a
//! programme, make the most profiles of a cohort job-ready (SPEC 4,
//! "Programme design").
//!
//! Profiles are grouped into classes by what they still need from a
//! programme for each role (only that matters), [`space`] prices a demand
//! with the one solver, and [`search`] runs the exact branch-and-bound over
//! the classes within the query's node budget.

mod search;
mod space;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::model::Requirement;
use crate::profile::Profile;
use crate::query::options::{Limits, Mode, Target};
use crate::results::Step;
use crate::solve::{Meter, definitely_less, no_targets, order};

use search::{Class, Opt};
use space::{Demand, Key, Space};

/// A programme: the steps to add, and who they make job-ready (SPEC 4,
/// "Programme design").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Programme {
    /// The steps, in a valid teaching order from the empty profile, with
    /// catalog hours (no transfers) and why each is there.
    pub steps: Vec<Step>,
    /// Their total hours (at most the hours allowed).
    pub hours: f64,
    /// Profiles job-ready (for at least one role, or for all of them with
    /// `Mode::All`) once the steps are added.
    pub ready: usize,
    /// Profiles job-ready before.
    pub ready_before: usize,
    /// Whether `ready` is proven maximal and `hours` minimal among the
    /// programmes that reach it.
    pub optimal: bool,
    /// An upper bound on `ready` over every programme within the hours
    /// (equal to `ready` when `optimal`).
    pub upper_bound: usize,
    /// The role ids, in the order given (each once).
    pub roles: Vec<String>,
    /// How the roles combine.
    pub mode: Mode,
    /// The hours allowed.
    pub max_hours: f64,
    /// For each profile, the roles (ids, in the order of `roles`) it is
    /// job-ready for once the steps are added.
    pub ready_for: Vec<Vec<String>>,
    /// The indices of the profiles made ready by the programme (ready
    /// after, not before), ascending.
    pub made_ready: Vec<usize>,
    /// For each role (in the order of `roles`): profiles job-ready for it
    /// before and after the programme.
    pub per_role: Vec<(usize, usize)>,
}

/// What one profile still needs for each role (None: ready for it).
type Needs = Vec<Option<Vec<Key>>>;

/// The keys a profile at `levels` still needs for `role` (empty: ready).
fn needs_of(role_reqs: &[Requirement], levels: &[u32]) -> Vec<Key> {
    let mut keys = Vec::new();
    for req in role_reqs {
        match req {
            Requirement::Skill(n) if !n.satisfied_by(levels) => {
                keys.push(Key::Ref(n.skill.0, n.level));
            }
            Requirement::Skill(_) => {}
            Requirement::AnyOf { members, count } => {
                let met = members.iter().filter(|n| n.satisfied_by(levels)).count() as u32;
                if met >= *count {
                    continue;
                }
                let mut open: Vec<(u32, u32)> = members
                    .iter()
                    .filter(|n| !n.satisfied_by(levels))
                    .map(|n| (n.skill.0, n.level))
                    .collect();
                open.sort_unstable();
                open.dedup();
                let need = count - met;
                if need as usize >= open.len() {
                    keys.extend(open.into_iter().map(|(s, l)| Key::Ref(s, l)));
                } else {
                    keys.push(Key::Group(open, need));
                }
            }
        }
    }
    Demand::from_keys(&keys).keys()
}

/// Whether needs mean job-ready in `mode`.
fn ready_in(needs: &Needs, mode: Mode) -> bool {
    if mode == Mode::All {
        needs.iter().all(Option::is_none)
    } else {
        needs.iter().any(Option::is_none)
    }
}

impl Catalog {
    /// The programme of at most `hours` catalog hours that makes the most
    /// `profiles` job-ready for at least one of `roles` (`Mode::Any`) or for
    /// all of them (`Mode::All`), SPEC 4 "Programme design"; ties go to
    /// fewer hours, then to the first programme the search meets.
    ///
    /// A programme is a set of steps learnable from the empty profile (every
    /// step's requirements met within the set); a profile gets each skill
    /// at the higher of its own level and the programme's. The search is an
    /// exact branch-and-bound within the default node budget; see
    /// [`design_programme_with`](Catalog::design_programme_with).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for hours that are negative, NaN or
    /// infinite, for no roles, or for a mode other than all or any; a bad
    /// role; a bad profile's error names its index
    /// ([`Error::InProfile`]).
    ///
    /// ```
    /// use gap_core::{Catalog, Mode, Profile, Target};
    /// let cat = Catalog::from_json(r#"{
    ///   "skills": [{"id": "python", "name": "Python", "hours": [40, 80]},
    ///              {"id": "sql", "name": "SQL", "hours": 30},
    ///              {"id": "docker", "name": "Docker", "hours": 50}],
    ///   "roles": [{"id": "analyst", "name": "Analyst", "requires": ["python", "sql"]},
    ///             {"id": "devops", "name": "DevOps", "requires": ["docker"]}]}"#)?;
    /// let cohort = [Profile::from_refs(["python"])?, Profile::from_refs(["python"])?,
    ///               Profile::from_refs(["sql"])?];
    /// let roles = [Target::from("analyst"), Target::from("devops")];
    /// let p = cat.design_programme(&cohort, &roles, 40.0, Mode::Any)?;
    /// // 30 h of SQL makes the two Python graduates analysts.
    /// assert_eq!((p.ready, p.ready_before, p.hours), (2, 0, 30.0));
    /// assert_eq!(p.steps[0].skill, "sql");
    /// assert!(p.optimal);
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn design_programme(
        &self,
        profiles: &[Profile],
        roles: &[Target],
        hours: f64,
        mode: Mode,
    ) -> Result<Programme> {
        self.design_programme_with(profiles, roles, hours, mode, &Limits::default())
    }

    /// [`design_programme`](Catalog::design_programme) within `limits`: the
    /// node budget counts the demands the branch-and-bound explores (each
    /// priced by the path solver with its own default budget); once it is
    /// spent the best programme found is returned with `optimal == false`
    /// and an `upper_bound`. That fallback is never worse than each role's
    /// own programme (its path from the empty profile) when that fits; the
    /// search's first dive is greedy (each class in turn, heaviest first,
    /// taken when it still fits). Progress counts the profiles
    /// grouped, then the search (one unit).
    ///
    /// # Errors
    /// As [`design_programme`](Catalog::design_programme), and
    /// [`Error::Cancelled`].
    pub fn design_programme_with(
        &self,
        profiles: &[Profile],
        roles: &[Target],
        hours: f64,
        mode: Mode,
        limits: &Limits,
    ) -> Result<Programme> {
        if !(hours.is_finite() && hours >= 0.0) {
            return Err(Error::InvalidArgument(format!(
                "hours must be finite and >= 0, got {hours}"
            )));
        }
        if mode != Mode::All && mode != Mode::Any {
            return Err(Error::InvalidArgument(
                "design_programme takes mode all or any".to_string(),
            ));
        }
        if roles.is_empty() {
            return Err(no_targets());
        }
        let roles = super::resolve_targets(self, roles)?;
        let ids: Vec<String> = roles.iter().map(|r| r.id.clone()).collect();
        let mut meter = Meter::new(limits);
        limits.progress_start(profiles.len() + 1);
        // Group the profiles by what they need.
        let mut levels_of: Vec<Vec<u32>> = Vec::with_capacity(profiles.len());
        let mut class_of_needs: HashMap<Needs, usize> = HashMap::new();
        let mut needs_list: Vec<(Needs, usize)> = Vec::new();
        let mut ready_before = 0;
        for (i, p) in profiles.iter().enumerate() {
            meter.tick()?;
            let levels = self.resolve_profile(p).map_err(|e| e.in_profile(i))?;
            let needs: Needs = roles
                .iter()
                .map(|r| Some(needs_of(&r.requires, &levels)).filter(|k| !k.is_empty()))
                .collect();
            if ready_in(&needs, mode) {
                ready_before += 1;
            } else {
                let next = needs_list.len();
                let c = *class_of_needs.entry(needs.clone()).or_insert(next);
                if c == next {
                    needs_list.push((needs, 0));
                }
                needs_list[c].1 += 1;
            }
            levels_of.push(levels);
            limits.progress_step();
        }
        drop(class_of_needs);
        let mut space = Space::new(self, limits);
        // The options of each class, and the roles' own programmes.
        let mut classes: Vec<(Class, f64, usize)> = Vec::new();
        for (k, (needs, weight)) in needs_list.into_iter().enumerate() {
            let option_keys: Vec<Vec<Key>> = if mode == Mode::All {
                let all: Vec<Key> = needs.into_iter().flatten().flatten().collect();
                vec![Demand::from_keys(&all).keys()]
            } else {
                needs.into_iter().flatten().collect()
            };
            let mut options = Vec::new();
            for keys in option_keys {
                // A cheap bound (the plain closure's hours): the search
                // solves only the demands it visits.
                let plain = space.plain_steps(&keys);
                let alone_lb = space.cost_of(&plain);
                if definitely_less(hours, alone_lb) {
                    continue;
                }
                options.push(Opt {
                    keys,
                    plain,
                    alone_lb,
                });
            }
            let cheapest = options
                .iter()
                .map(|o| o.alone_lb)
                .fold(f64::INFINITY, f64::min);
            classes.push((Class { weight, options }, cheapest, k));
        }
        // Heaviest classes first, then the cheapest, then first seen.
        classes.sort_by(|a, b| {
            b.0.weight
                .cmp(&a.0.weight)
                .then(a.1.total_cmp(&b.1))
                .then(a.2.cmp(&b.2))
        });
        let classes: Vec<Class> = classes.into_iter().map(|c| c.0).collect();
        let zero = vec![0u32; self.skills().len()];
        let role_keys: Vec<Vec<Key>> = roles.iter().map(|r| needs_of(&r.requires, &zero)).collect();
        let seeds: Vec<Demand> = if mode == Mode::All {
            vec![Demand::from_keys(&role_keys.concat())]
        } else {
            role_keys.iter().map(|k| Demand::from_keys(k)).collect()
        };
        let out = search::search(&mut space, &classes, hours, &seeds, &mut meter)?;
        limits.progress_step();
        // The steps, in a valid order, with reasons naming the roles.
        let keys = out.best.demand.keys();
        let tags: Vec<usize> = keys
            .iter()
            .map(|k| role_keys.iter().position(|rk| rk.contains(k)).unwrap_or(0))
            .collect();
        let (steps, total) = self.programme_steps(&space, &out.best.demand, &tags, &ids)?;
        let mut taught = vec![0u32; self.skills().len()];
        for st in &steps {
            let s = self.skill_index(&st.skill)?.ix();
            taught[s] = taught[s].max(st.level);
        }
        let mut ready_for = Vec::with_capacity(profiles.len());
        let mut made_ready = Vec::new();
        let mut ready = 0;
        let mut per_role = vec![(0usize, 0usize); roles.len()];
        for (i, levels) in levels_of.iter().enumerate() {
            let after: Vec<u32> = levels.iter().zip(&taught).map(|(a, b)| *a.max(b)).collect();
            let for_roles: Vec<bool> = roles
                .iter()
                .map(|r| r.requires.iter().all(|q| q.satisfied_by(&after)))
                .collect();
            let before: Vec<bool> = roles
                .iter()
                .map(|r| r.requires.iter().all(|q| q.satisfied_by(levels)))
                .collect();
            let is_ready = |v: &[bool]| {
                if mode == Mode::All {
                    v.iter().all(|&b| b)
                } else {
                    v.iter().any(|&b| b)
                }
            };
            for (j, (b, a)) in before.iter().zip(&for_roles).enumerate() {
                per_role[j].0 += usize::from(*b);
                per_role[j].1 += usize::from(*a);
            }
            if is_ready(&for_roles) {
                ready += 1;
                if !is_ready(&before) {
                    made_ready.push(i);
                }
            }
            ready_for.push(
                ids.iter()
                    .zip(&for_roles)
                    .filter(|(_, b)| **b)
                    .map(|(id, _)| id.clone())
                    .collect(),
            );
        }
        let optimal = out.optimal;
        let upper_bound = if optimal {
            ready
        } else {
            (ready_before + out.upper).max(ready)
        };
        Ok(Programme {
            steps,
            hours: total,
            ready,
            ready_before,
            optimal,
            upper_bound,
            roles: ids,
            mode,
            max_hours: hours,
            ready_for,
            made_ready,
            per_role,
        })
    }

    /// The steps of a demand's cheapest programme in the default order,
    /// with reasons (the role of each demand key), and their total hours.
    fn programme_steps(
        &self,
        space: &Space<'_>,
        demand: &Demand,
        tags: &[usize],
        ids: &[String],
    ) -> Result<(Vec<Step>, f64)> {
        let solved = space.solve(demand, tags)?;
        let reqs = demand.requirements();
        let entries: Vec<crate::solve::Entry<'_>> = reqs
            .iter()
            .zip(tags)
            .map(|(req, &target)| crate::solve::Entry { target, req })
            .collect();
        let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let local = &solved.local;
        let mut reasons = order::reasons(self, local, &solved.chosen, &entries, &id_refs);
        let g = self.step_graph();
        let steps: Vec<Step> = solved
            .order
            .iter()
            .map(|&x| {
                let (s, l) = g.skill_level(local.steps[x as usize]);
                Step {
                    skill: self.skill_id(s).to_string(),
                    level: l,
                    hours: local.cost[x as usize],
                    reasons: std::mem::take(&mut reasons[x as usize]),
                }
            })
            .collect();
        Ok((steps, solved.cost))
    }
}
