//! Exact hours of catalog roles with `any_of` groups for many profiles at
//! once (the batch queries: rankings, `hours_matrix`): what of a profile a
//! role's answer depends on, and the reuse of answers that depend on the
//! same thing.
//!
//! The local problem of a role from a profile P ([`super::closure::Local`])
//! only ever holds steps of the role's *empty-profile* local problem: the
//! steps its entries reach over every requirement, group members included
//! (from P the walk stops earlier, at known steps and met requirements). So
//! the problem, and the solver's whole deterministic answer (hours,
//! `optimal`, lower bound), is a function of the role's **key** for P:
//! - each skill with a step in that problem, at the level P knows capped at
//!   the highest level the problem holds (levels above it change nothing);
//! - each transfer with a discount onto such a skill that P triggers.
//!
//! A profile with an empty key (it touches nothing of the role) gets the
//! empty-profile answer, solved once per catalog and role; a batch query
//! keeps the other keys' answers ([`CellMemo`]) and reuses them for every
//! profile with the same key (a split cell only while the role's keys
//! recur: where each profile has its own, keeping costs more than the
//! split). No answer depends on which profile or thread asked first, or on
//! what was kept: each is the solver's answer for the key, within the
//! cell's own budget.
//!
//! With the default budget a touched cell is first answered as its forced
//! base plus its group part ([`super::split`]), the group part solved once
//! per *group key* (a key narrowed to what the groups' choices depend on);
//! only a group part that is not proven optimal sends the cell to a search
//! of its whole problem. Cohorts take the step sets themselves
//! ([`super::steps`]).

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

use super::closure::{NeedOf, walk_needs};
use super::compiled::{DeriveScratch, RoleProblem};
use super::parts::EmptyPart;
use super::split::{self, GroupPart, SplitScratch};
use super::{Ctx, DEFAULT_BUDGET, Meter, entries_of};
use crate::catalog::Catalog;
use crate::csr::Csr;
use crate::error::Result;
use crate::model::{SkillIx, StepIx};
use crate::query::options::Limits;

/// A key item for a transfer (the transfer's index in the low bits).
pub(crate) const TRANSFER: u64 = 1 << 63;

/// The answer of the solver for one role from one profile.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell {
    /// Hours of the shortest path found.
    pub hours: f64,
    /// Whether they are proven minimal.
    pub optimal: bool,
    /// A proven lower bound on the minimal hours.
    pub lower_bound: f64,
    /// Search nodes the solver took.
    pub spent: u64,
}

impl Cell {
    /// Whether a solve within `limits` gives this same answer, the answer
    /// having been found with the default budget: the search is
    /// deterministic, so any budget that covers the nodes a proof took
    /// retraces it.
    fn holds_for(&self, limits: &Limits) -> bool {
        let budget = limits.budget.unwrap_or(DEFAULT_BUDGET);
        budget == DEFAULT_BUDGET || (self.optimal && self.spent <= budget)
    }
}

/// What of a profile each catalog role with groups depends on (built with
/// the ranking index).
#[derive(Debug, Clone, Default)]
pub(crate) struct GroupIndex {
    /// Row per skill: the roles with groups whose empty-profile problem
    /// holds a step of it, with the highest level it holds.
    touch: Csr<(u32, u32)>,
    /// Row per skill: the transfers with a discount whose `from` is on it.
    transfers_from: Vec<Vec<u32>>,
    /// Per catalog role, its empty-profile answer (solved when first asked
    /// for, with the default budget).
    empty: Vec<OnceLock<Cell>>,
    /// Per catalog role, its group part from the empty profile and what
    /// that depends on ([`split`]; solved when first asked for).
    empty_part: Vec<OnceLock<EmptyPart>>,
}

/// Reusable space for the keys of one profile.
#[derive(Debug, Default)]
pub(crate) struct KeyScratch {
    /// Per catalog role, its key (empty: untouched).
    keys: Vec<Vec<u64>>,
    /// The roles with a non-empty key.
    touched: Vec<u32>,
}

impl KeyScratch {
    /// The key of catalog role `ri` for the last profile given to
    /// [`GroupIndex::keys`].
    pub fn key(&self, ri: usize) -> &[u64] {
        self.keys.get(ri).map_or(&[], Vec::as_slice)
    }
}

impl GroupIndex {
    /// Indexes the roles flagged in `grouped` (linear in the size of their
    /// empty-profile problems).
    pub fn build(cat: &Catalog, grouped: &[bool]) -> Self {
        let g = cat.step_graph();
        let mut stamp = vec![u32::MAX; g.len()];
        let mut high: Vec<u32> = vec![0; cat.skills().len()];
        let mut pairs: Vec<(u32, (u32, u32))> = Vec::new();
        for (ri, role) in cat.roles().iter().enumerate() {
            if !grouped[ri] {
                continue;
            }
            let mut steps = Vec::new();
            let mut push = |st: StepIx, steps: &mut Vec<StepIx>| {
                if stamp[st.ix()] != ri as u32 {
                    stamp[st.ix()] = ri as u32;
                    steps.push(st);
                }
            };
            for req in &role.requires {
                for m in req.members() {
                    push(cat.step(m.skill, m.level), &mut steps);
                }
            }
            let _ = walk_needs::<()>(cat, &mut steps, |need, steps| {
                match need {
                    NeedOf::Below(st) => push(st, steps),
                    NeedOf::Req(req) => {
                        for m in req.members() {
                            push(cat.step(m.skill, m.level), steps);
                        }
                    }
                }
                ControlFlow::Continue(())
            });
            let mut skills: Vec<SkillIx> = Vec::new();
            for &st in &steps {
                let (s, l) = g.skill_level(st);
                if high[s.ix()] == 0 {
                    skills.push(s);
                }
                high[s.ix()] = high[s.ix()].max(l);
            }
            skills.sort_unstable();
            for s in skills {
                pairs.push((s.0, (ri as u32, high[s.ix()])));
                high[s.ix()] = 0;
            }
        }
        let mut transfers_from = vec![Vec::new(); cat.skills().len()];
        for (i, t) in cat.transfers().iter().enumerate() {
            if t.discount > 0.0 {
                transfers_from[t.from.skill.ix()].push(i as u32);
            }
        }
        GroupIndex {
            touch: Csr::from_pairs(cat.skills().len(), &pairs),
            transfers_from,
            empty: (0..cat.roles().len()).map(|_| OnceLock::new()).collect(),
            empty_part: (0..cat.roles().len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The keys of every role with groups for a profile (`start` dense,
    /// `known` its skills with level > 0), into `ks`: work proportional to
    /// what the profile touches.
    pub fn keys(&self, cat: &Catalog, start: &[u32], known: &[SkillIx], ks: &mut KeyScratch) {
        for &r in &ks.touched {
            ks.keys[r as usize].clear();
        }
        ks.touched.clear();
        ks.keys.resize_with(cat.roles().len(), Vec::new);
        let add = |r: u32, item: u64, ks: &mut KeyScratch| {
            let key = &mut ks.keys[r as usize];
            if key.is_empty() {
                ks.touched.push(r);
            }
            key.push(item);
        };
        for &s in known {
            let level = start[s.ix()];
            for &(r, high) in self.touch.row(s.ix()) {
                add(r, (u64::from(s.0) << 32) | u64::from(level.min(high)), ks);
            }
            for &t in &self.transfers_from[s.ix()] {
                let tr = &cat.transfers()[t as usize];
                if tr.from.satisfied_by(start) {
                    for &(r, _) in self.touch.row(tr.to.ix()) {
                        add(r, TRANSFER | u64::from(t), ks);
                    }
                }
            }
        }
        for &r in &ks.touched {
            let key = &mut ks.keys[r as usize];
            key.sort_unstable();
            key.dedup();
        }
    }
}

impl GroupIndex {
    /// Admissible lower bounds on the minimal hours of every catalog role
    /// with groups from `start` (`known` its skills with level > 0),
    /// without a search: the empty-profile lower bound less what the
    /// profile can save at most (`-inf` where the empty-profile answer is
    /// not at hand). Roles the profile does not touch get their
    /// empty-profile hours.
    ///
    /// Why it holds: let T be any solution from P, and C the closure over
    /// every requirement (all group members) of the steps P knows. T and
    /// the steps of C in the role's empty-profile problem (a set closed
    /// under requirements, holding every known step T relies on) form a
    /// solution from the empty profile, so hours(T) before transfers is at
    /// least the empty-profile optimum less the hours of C there; and the
    /// transfers P fires take at most their discount of every level of the
    /// problem's skills they apply to.
    pub fn lower_bounds(&self, cat: &Catalog, start: &[u32], known: &[SkillIx]) -> Vec<f64> {
        let n_roles = cat.roles().len();
        let g = cat.step_graph();
        let mut saving = vec![0.0f64; n_roles];
        // The closure of the known steps over every requirement.
        let mut seen = vec![false; g.len()];
        let mut steps: Vec<StepIx> = Vec::new();
        let push = |st: StepIx, seen: &mut Vec<bool>, steps: &mut Vec<StepIx>| {
            if !seen[st.ix()] {
                seen[st.ix()] = true;
                steps.push(st);
            }
        };
        for &s in known {
            for l in 1..=start[s.ix()] {
                push(cat.step(s, l), &mut seen, &mut steps);
            }
        }
        let _ = walk_needs::<()>(cat, &mut steps, |need, steps| {
            match need {
                NeedOf::Below(st) => push(st, &mut seen, steps),
                NeedOf::Req(req) => {
                    for m in req.members() {
                        push(cat.step(m.skill, m.level), &mut seen, steps);
                    }
                }
            }
            ControlFlow::Continue(())
        });
        for &st in &steps {
            let (s, l) = g.skill_level(st);
            let h = cat.skills()[s.ix()].hours[l as usize - 1];
            for &(r, high) in self.touch.row(s.ix()) {
                if l <= high {
                    saving[r as usize] += h;
                }
            }
        }
        for &s in known {
            for &t in &self.transfers_from[s.ix()] {
                let tr = &cat.transfers()[t as usize];
                if tr.from.satisfied_by(start) {
                    let hours = &cat.skills()[tr.to.ix()].hours;
                    for &(r, high) in self.touch.row(tr.to.ix()) {
                        let all: f64 = hours.iter().take(high as usize).sum();
                        saving[r as usize] += all * tr.discount;
                    }
                }
            }
        }
        (0..n_roles)
            .map(|r| match self.empty[r].get() {
                Some(c) if saving[r] == 0.0 => c.lower_bound,
                // A margin for the rounding of the sums above.
                Some(c) => c.lower_bound - saving[r] - 1e-9 * c.lower_bound.abs().max(saving[r]),
                None => f64::NEG_INFINITY,
            })
            .collect()
    }
}

/// The answers a batch query has solved, per catalog role and key, shared
/// by its threads: whole cells by key, and group parts by group key.
#[derive(Debug, Default)]
pub(crate) struct CellMemo {
    maps: Vec<Mutex<Solved>>,
    parts: Vec<Mutex<HashMap<Box<[u64]>, GroupPart>>>,
    /// Per role: whole-key lookups, hits, and cells kept that took a
    /// search of the whole problem.
    stats: Vec<[AtomicU32; 3]>,
}

/// Whole-key lookups of a role before its hit rate decides whether split
/// cells are kept.
const TRIAL: u32 = 256;

/// The answers solved for one role, by key.
type Solved = HashMap<Box<[u64]>, (f64, bool)>;

/// Keys kept per role at most (beyond, cells are solved without keeping).
pub(super) const MEMO_PER_ROLE: usize = 1 << 16;

impl CellMemo {
    /// A memo for the roles of `cat`.
    pub fn new(cat: &Catalog) -> Self {
        CellMemo {
            maps: (0..cat.roles().len()).map(|_| Mutex::default()).collect(),
            parts: (0..cat.roles().len()).map(|_| Mutex::default()).collect(),
            stats: (0..cat.roles().len()).map(|_| Default::default()).collect(),
        }
    }

    /// Whether cells of role `ri` answered by the split are worth keeping
    /// by whole key: while its keys recur (one lookup in 16 hits, or the
    /// first [`TRIAL`] lookups). Where every profile has a key of its own
    /// (a cohort of graduates), keeping costs more than the split. Only
    /// speed depends on it: a cell's answer is a function of its key.
    fn warm(&self, ri: usize) -> bool {
        self.stats.get(ri).is_some_and(|[lookups, hits, _]| {
            let l = lookups.load(Ordering::Relaxed);
            l < TRIAL || u64::from(hits.load(Ordering::Relaxed)) * 16 >= u64::from(l)
        })
    }

    /// Whether a whole-key lookup for role `ri` can hit.
    fn worth_looking(&self, ri: usize) -> bool {
        self.warm(ri)
            || self
                .stats
                .get(ri)
                .is_some_and(|st| st[2].load(Ordering::Relaxed) > 0)
    }

    /// `f` of the group part known for `key` of role `ri`, if any.
    fn with_part<R>(&self, ri: usize, key: &[u64], f: impl FnOnce(&GroupPart) -> R) -> Option<R> {
        let map = self.parts.get(ri)?.lock().ok()?;
        map.get(key).map(f)
    }

    fn put_part(&self, ri: usize, key: &[u64], part: &GroupPart) {
        if let Some(Ok(mut map)) = self.parts.get(ri).map(Mutex::lock) {
            if map.len() < MEMO_PER_ROLE {
                map.insert(key.into(), part.clone());
            }
        }
    }

    fn get(&self, ri: usize, key: &[u64]) -> Option<(f64, bool)> {
        let st = self.stats.get(ri)?;
        st[0].fetch_add(1, Ordering::Relaxed);
        let map = self.maps.get(ri)?.lock().ok()?;
        let v = map.get(key).copied();
        if v.is_some() {
            st[1].fetch_add(1, Ordering::Relaxed);
        }
        v
    }

    /// Keeps the cell `value` of role `ri` for `key`; `searched`: it took
    /// a search of the whole problem.
    fn put(&self, ri: usize, key: &[u64], value: (f64, bool), searched: bool) {
        if let Some(Ok(mut map)) = self.maps.get(ri).map(Mutex::lock) {
            if map.len() < MEMO_PER_ROLE {
                map.insert(key.into(), value);
                if searched {
                    self.stats[ri][2].fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    }
}

impl Catalog {
    /// Hours (and whether proven minimal) of catalog role `ri`, which has
    /// groups, from `start` whose key for the role is `key`: exactly what
    /// the solver answers for the cell within `limits`.
    pub(crate) fn grouped_cell(
        &self,
        gi: &GroupIndex,
        ri: usize,
        start: &[u32],
        key: &[u64],
        limits: &Limits,
        memo: Option<&CellMemo>,
    ) -> Result<(f64, bool)> {
        if key.is_empty() {
            let cell = self.empty_cell(gi, ri, limits)?;
            if cell.holds_for(limits) {
                return Ok((cell.hours, cell.optimal));
            }
        } else if let Some(v) = memo
            .filter(|m| m.worth_looking(ri))
            .and_then(|m| m.get(ri, key))
        {
            return Ok(v);
        } else if split::applies(limits) {
            if let Some(v) = self.split_cell(gi, ri, start, key, limits, memo)? {
                if let Some(m) = memo.filter(|m| m.warm(ri)) {
                    m.put(ri, key, v, false);
                }
                return Ok(v);
            }
        }
        let cell = self.solve_cell(ri, start, limits)?;
        let v = (cell.hours, cell.optimal);
        if !key.is_empty() {
            if let Some(m) = memo {
                m.put(ri, key, v, true);
            }
        }
        Ok(v)
    }

    /// The cell of catalog role `ri` from `start` as its base plus its
    /// group part ([`split`]): `None` when the group part is not proven
    /// optimal (the caller then solves the whole problem). Group parts are
    /// shared through `memo` and, for the empty profile's group key, kept
    /// with the catalog.
    fn split_cell(
        &self,
        gi: &GroupIndex,
        ri: usize,
        start: &[u32],
        key: &[u64],
        limits: &Limits,
        memo: Option<&CellMemo>,
    ) -> Result<Option<(f64, bool)>> {
        thread_local! {
            static SPLIT: RefCell<SplitScratch> = RefCell::default();
        }
        let problem = self.role_problem(ri);
        let empty = self.empty_part(gi, ri, limits)?;
        SPLIT.with(|sc| {
            let sc = &mut *sc.borrow_mut();
            problem.split_from(self, start, key, &empty.base, false, sc);
            let hit = if problem.fit_components(empty, start, key, sc) {
                Some(RoleProblem::add_fitted(empty, sc))
            } else {
                // The group key, only for a group part to look up or keep.
                if memo.is_some() {
                    problem.fill_key(self, start, sc);
                }
                let (key, base) = (&sc.key, &mut sc.base);
                memo.and_then(|m| m.with_part(ri, key, |p| (split::add_part(base, p), p.optimal)))
            };
            let (hours, optimal) = match hit {
                Some(h) => h,
                None => {
                    let part = problem.group_part(self, start, Some(empty), limits, sc)?;
                    if let Some(m) = memo {
                        m.put_part(ri, &sc.key, &part);
                    }
                    (split::add_part(&mut sc.base, &part), part.optimal)
                }
            };
            Ok(optimal.then_some((hours, true)))
        })
    }

    /// The group part of catalog role `ri` from the empty profile by
    /// component, and its base (within the default budget and the
    /// cancellation check of `limits`), cached in `gi`.
    pub(super) fn empty_part<'g>(
        &self,
        gi: &'g GroupIndex,
        ri: usize,
        limits: &Limits,
    ) -> Result<&'g EmptyPart> {
        if let Some(e) = gi.empty_part[ri].get() {
            return Ok(e);
        }
        let e = self.role_problem(ri).empty_part(self, limits)?;
        Ok(gi.empty_part[ri].get_or_init(|| e))
    }

    /// The empty-profile answer of catalog role `ri` with the default
    /// budget (and the cancellation check of `limits`), cached.
    pub(crate) fn empty_cell(&self, gi: &GroupIndex, ri: usize, limits: &Limits) -> Result<Cell> {
        if let Some(&c) = gi.empty[ri].get() {
            return Ok(c);
        }
        let empty = vec![0u32; self.skills().len()];
        let c = self.solve_cell(
            ri,
            &empty,
            &Limits {
                budget: None,
                cancel: limits.cancel.clone(),
                progress: None,
            },
        )?;
        Ok(*gi.empty[ri].get_or_init(|| c))
    }

    /// The solver's answer for catalog role `ri` from `start`, on the
    /// role's compiled problem (the same problem the single-role solver
    /// builds, so the same answer).
    fn solve_cell(&self, ri: usize, start: &[u32], limits: &Limits) -> Result<Cell> {
        thread_local! {
            static SCRATCH: RefCell<DeriveScratch> = RefCell::default();
        }
        let role = &self.roles()[ri];
        let ids = [role.id.as_str()];
        let ctx = Ctx::new(self, start, &ids);
        let mut meter = Meter::cell(limits);
        let problem = self.role_problem(ri);
        let local = SCRATCH.with(|sc| problem.local(self, start, &mut sc.borrow_mut()));
        let (hours, optimal, lower_bound) =
            super::solve_hours_of(&ctx, &entries_of(0, role), local, &mut meter)?;
        Ok(Cell {
            hours,
            optimal,
            lower_bound,
            spent: meter.spent(),
        })
    }
}
