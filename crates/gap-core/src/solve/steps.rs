//! The step sets of shortest paths to catalog roles with `any_of` groups,
//! taken from a role's split ([`super::split`]): its forced base plus its
//! group part solved component by component ([`super::parts`]). What makes
//! cohort tables as fast as the hours of a batch.
//!
//! A single [`learning_path`](Catalog::learning_path) to a catalog role
//! (no preferences, nothing avoided, the default budget) takes its step
//! set from the split whenever the group part is proven optimal
//! ([`Catalog::split_solved`]): the base the walk finds, plus each
//! component's answer solved from the profile. A cohort takes the same set
//! per role and key ([`Catalog::cell_steps`]), derived from the empty
//! profile's split ([`super::delta`]) and reusing the empty profile's
//! components that fit. The two are the same set:
//! - the base is a function of the profile (the closure of the unmet plain
//!   entries over unmet plain prerequisites), whichever way it is found;
//! - the components are the same (a fitted component's obligations reach
//!   exactly the steps they reached from the empty profile, and the rest is
//!   partitioned as from scratch), and a component's problem is numbered
//!   by compiled step, so a fitted component is the very problem the
//!   profile's own split derives, and the deterministic solver gives it the
//!   same answer.
//!
//! Otherwise (a group part not proven optimal, another budget) both search
//! the role's whole problem, as before: the same search, the same set.
//! `tests/batch_groups.rs` checks cohorts against one `learning_path` per
//! pair on catalogs with many groups.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::sync::{Arc, Mutex};

use super::batch::{GroupIndex, MEMO_PER_ROLE};
use super::compiled::DeriveScratch;
use super::split::{self, GroupPart, SplitScratch};
use super::{Ctx, Meter, Solved, entries_of, order, sum};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::query::options::Limits;

/// The shortest path of one role from a profile as the batch tables need
/// it: the step set [`learning_path`](Catalog::learning_path) returns, as
/// (skill, hours after transfers) in no particular order, its total and
/// whether it is proven minimal.
#[derive(Debug, Clone)]
pub(crate) struct PathCell {
    /// The chosen steps' skills and hours.
    pub steps: Box<[(u32, f64)]>,
    /// Their total, correctly rounded (the path's `total_hours`).
    pub hours: f64,
    /// Whether the total is proven minimal.
    pub optimal: bool,
}

/// The path cells a batch has solved, per role and key.
#[derive(Debug, Default)]
pub(crate) struct PathMemo {
    maps: Vec<Mutex<Paths>>,
}

/// The path cells solved for one role, by key.
type Paths = HashMap<Box<[u64]>, Arc<PathCell>>;

impl PathMemo {
    /// A memo for the roles of `cat`.
    pub fn new(cat: &Catalog) -> Self {
        PathMemo {
            maps: (0..cat.roles().len()).map(|_| Mutex::default()).collect(),
        }
    }
}

thread_local! {
    static SPLIT: RefCell<SplitScratch> = RefCell::default();
    static DERIVE: RefCell<DeriveScratch> = RefCell::default();
}

/// A group part's answer when it is proven optimal; `None` when it is not,
/// or when it failed for a reason other than cancellation (the caller then
/// searches the whole problem, whose error names the role).
fn proven(part: Result<GroupPart>) -> Result<Option<GroupPart>> {
    match part {
        Ok(p) if p.optimal => Ok(Some(p)),
        Err(Error::Cancelled) => Err(Error::Cancelled),
        _ => Ok(None),
    }
}

impl Catalog {
    /// The step set of a [`learning_path`](Catalog::learning_path) to
    /// catalog role `ri` from `start` without preferences or caps, with the
    /// default budget (and the cancellation check of `limits`): the base
    /// plus the group part solved by component, on the role's whole local
    /// problem. `None` for a role without groups in its problem (its
    /// closure is the answer) and when the group part is not proven
    /// optimal: the caller then searches the whole problem with the whole
    /// budget, as a cohort does. The nodes the components' searches took
    /// are charged to `meter` when they answer.
    pub(crate) fn split_solved(
        &self,
        ri: usize,
        start: &[u32],
        limits: &Limits,
        meter: &mut Meter<'_>,
    ) -> Result<Option<Solved>> {
        let problem = self.role_problem(ri);
        if problem.groups.is_empty() {
            return Ok(None);
        }
        SPLIT.with(|sc| {
            let sc = &mut *sc.borrow_mut();
            problem.split(self, start, false, sc);
            let Some(part) = proven(problem.group_part(self, start, None, limits, sc))? else {
                return Ok(None);
            };
            meter.charge(sc.nodes);
            let mut steps: Vec<u32> = problem.walked_base(sc).collect();
            steps.extend(part.steps.iter());
            steps.sort_unstable();
            let local = problem.local(self, start, &mut sc.derive);
            // Local step i is compiled step `order[i]` (ascending).
            let at = &sc.derive.order;
            let Some(chosen) = steps
                .iter()
                .map(|x| at.binary_search(x).ok().map(|i| i as u32))
                .collect::<Option<Vec<u32>>>()
            else {
                return Ok(None);
            };
            let order = order::default_order(&local, &chosen);
            let cost = sum::exact_sum(chosen.iter().map(|&x| local.cost[x as usize]));
            Ok(Some(Solved {
                local,
                chosen,
                order,
                cost,
                optimal: true,
                lower_bound: cost,
            }))
        })
    }

    /// The steps of the path to catalog role `ri` from `start`, whose key
    /// for the role (in `gi`, an index built for the roles of the batch) is
    /// `key`, into `out` as (skill, hours after transfers), in no
    /// particular order; returns their total and whether it is proven
    /// minimal: the step set one [`learning_path`](Catalog::learning_path)
    /// call within `limits` returns (see the module documentation). A cell
    /// the split answers costs about what keeping it would; a searched one
    /// is kept in `memo` by key.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn cell_steps(
        &self,
        gi: &GroupIndex,
        ri: usize,
        start: &[u32],
        key: &[u64],
        limits: &Limits,
        memo: &PathMemo,
        out: &mut Vec<(u32, f64)>,
    ) -> Result<(f64, bool)> {
        out.clear();
        if split::applies(limits) {
            if let Some(hours) = self.split_steps(gi, ri, start, key, limits, out)? {
                return Ok((hours, true));
            }
        }
        let known = match memo.maps.get(ri).map(Mutex::lock) {
            Some(Ok(map)) => map.get(key).cloned(),
            _ => None,
        };
        let cell = match known {
            Some(c) => c,
            None => {
                let cell = Arc::new(self.searched_cell(ri, start, limits)?);
                if let Some(Ok(mut map)) = memo.maps.get(ri).map(Mutex::lock) {
                    if map.len() < MEMO_PER_ROLE {
                        map.insert(key.into(), cell.clone());
                    }
                }
                cell
            }
        };
        out.clear();
        out.extend(cell.steps.iter());
        Ok((cell.hours, cell.optimal))
    }

    /// The steps of the path to catalog role `ri`, which has no groups in
    /// its problem, from `start` into `out` as (skill, hours after
    /// transfers), ascending by compiled step; returns their total. The
    /// closure of the role's unmet entries over unmet prerequisites: the
    /// unique minimal solution, the one `learning_path` returns.
    pub(crate) fn closure_steps(&self, ri: usize, start: &[u32], out: &mut Vec<(u32, f64)>) -> f64 {
        let problem = self.role_problem(ri);
        out.clear();
        SPLIT.with(|sc| {
            let sc = &mut *sc.borrow_mut();
            problem.split(self, start, false, sc);
            out.extend(
                problem
                    .walked_base(sc)
                    .map(|x| (problem.skill[x as usize], problem.price(self, x, start))),
            );
            sc.base.value()
        })
    }

    /// The steps of [`cell_steps`](Catalog::cell_steps) from the split
    /// derived from the empty profile's, into `out`, and their total:
    /// `None` where [`split_solved`](Catalog::split_solved) gives none.
    fn split_steps(
        &self,
        gi: &GroupIndex,
        ri: usize,
        start: &[u32],
        key: &[u64],
        limits: &Limits,
        out: &mut Vec<(u32, f64)>,
    ) -> Result<Option<f64>> {
        let problem = self.role_problem(ri);
        if problem.groups.is_empty() {
            return Ok(None);
        }
        let empty = match self.empty_part(gi, ri, limits) {
            Ok(e) => e,
            Err(Error::Cancelled) => return Err(Error::Cancelled),
            Err(_) => return Ok(None),
        };
        SPLIT.with(|sc| {
            let sc = &mut *sc.borrow_mut();
            problem.split_from(self, start, key, &empty.base, false, sc);
            problem.fit_components(empty, start, key, sc);
            let part = problem.group_part(self, start, Some(empty), limits, sc);
            let Some(part) = proven(part)? else {
                return Ok(None);
            };
            let skill = |x: u32| problem.skill[x as usize];
            out.extend(
                empty
                    .base
                    .derived_base(sc)
                    .map(|x| (skill(x), problem.price(self, x, start))),
            );
            out.extend(
                part.steps
                    .iter()
                    .map(|&x| skill(x))
                    .zip(part.costs.iter().copied()),
            );
            // The base's exact hours plus the group part's.
            Ok(Some(split::add_part(&mut sc.base, &part)))
        })
    }

    /// The path cell of catalog role `ri` from `start` by a search of the
    /// role's whole problem within `limits`: what `learning_path` returns
    /// when the split does not answer.
    fn searched_cell(&self, ri: usize, start: &[u32], limits: &Limits) -> Result<PathCell> {
        let role = &self.roles()[ri];
        let ids = [role.id.as_str()];
        let ctx = Ctx::new(self, start, &ids);
        let mut meter = Meter::cell(limits);
        meter.check()?;
        let problem = self.role_problem(ri);
        let local = DERIVE.with(|sc| problem.local(self, start, &mut sc.borrow_mut()));
        let (local, chosen, optimal, _) =
            super::optimum_of(&ctx, &entries_of(0, role), local, &mut meter)?;
        let steps: Box<[(u32, f64)]> = chosen
            .iter()
            .map(|&x| (local.skill[x as usize], local.cost[x as usize]))
            .collect();
        Ok(PathCell {
            hours: sum::exact_sum(steps.iter().map(|s| s.1)),
            steps,
            optimal,
        })
    }
}
