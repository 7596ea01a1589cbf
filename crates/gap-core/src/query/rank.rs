//! [`Catalog::rank_roles`]: every role (or a subset) by distance from a
//! profile.

use std::borrow::Cow;

use crate::catalog::Catalog;
use crate::error::Result;
use crate::model::{Role, SkillIx};
use crate::profile::Profile;
use crate::query::options::{Limits, RankBy, RankOptions, Target};
use crate::results::RankEntry;
use crate::solve::batch::{CellMemo, KeyScratch};
use crate::solve::index::{ProfileEval, RankIndex, Scratch};
use crate::solve::{Ctx, Meter, definitely_less, solve};

use super::fit::{profile_hours, progress_fit};
use super::{coverage, entries_of, tolerant_keys};

/// A role to rank: a catalog role (fast path through the index) or a
/// caller's role.
pub(super) enum Ranked<'c> {
    /// A role of the catalog, by index.
    Catalog(usize),
    /// A role given by the caller.
    Custom(Cow<'c, Role>),
}

impl Catalog {
    /// The roles to rank: all catalog roles, or the given targets.
    pub(super) fn ranked_roles(&self, roles: Option<&[Target]>) -> Result<Vec<Ranked<'_>>> {
        match roles {
            None => Ok((0..self.roles().len()).map(Ranked::Catalog).collect()),
            Some(ts) => ts
                .iter()
                .map(|t| match t {
                    Target::Id(id) => self.role_index(id).map(|r| Ranked::Catalog(r.ix())),
                    Target::Role(_) => self.resolve_target(t).map(Ranked::Custom),
                })
                .collect(),
        }
    }

    /// The skills a profile knows (level > 0), ascending by id.
    pub(super) fn known_skills(&self, profile: &Profile) -> Vec<SkillIx> {
        profile
            .iter()
            .filter(|&(_, &l)| l > 0)
            .filter_map(|(id, _)| self.skill_index(id).ok())
            .collect()
    }

    /// Hours (and whether proven minimal) of one role for a profile whose
    /// index evaluation is `ev` and whose keys are in `keys`; a search gets
    /// the budget of `limits` for itself (one cell of a batch), and a batch
    /// reuses the answers it already has for the same key (`memo`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn cell_hours(
        &self,
        idx: &RankIndex,
        which: &Ranked<'_>,
        start: &[u32],
        ev: &ProfileEval,
        keys: &KeyScratch,
        limits: &Limits,
        memo: Option<&CellMemo>,
    ) -> Result<(f64, bool)> {
        match which {
            Ranked::Catalog(ri) if !idx.roles[*ri].has_groups => Ok((ev.hours[*ri], true)),
            Ranked::Catalog(ri) => {
                self.grouped_cell(&idx.groups, *ri, start, keys.key(*ri), limits, memo)
            }
            Ranked::Custom(role) => self.solve_role(role, start, limits),
        }
    }

    /// The rows of the roles `list` of `which` (indices), which need the
    /// solver: in parallel on gap-core's pool when there are several.
    #[allow(clippy::too_many_arguments)]
    fn rows_of<'r>(
        &'r self,
        idx: &RankIndex,
        which: &'r [Ranked<'_>],
        list: &[usize],
        start: &[u32],
        ev: &ProfileEval,
        keys: &KeyScratch,
        mine: f64,
        limits: &Limits,
    ) -> Result<Vec<Row<'r>>> {
        let row = |&i: &usize| {
            let w = &which[i];
            let (h, optimal) = self.cell_hours(idx, w, start, ev, keys, limits, None)?;
            self.rank_row(idx, w, start, ev, h, optimal, mine, limits)
        };
        if list.len() < 2 {
            return list.iter().map(row).collect();
        }
        use crate::par::prelude::*;
        let out: Vec<Result<Row<'r>>> = crate::par::install(|| list.par_iter().map(row).collect());
        out.into_iter().collect()
    }

    /// The ranking row of role `w` with the given hours.
    #[allow(clippy::too_many_arguments)]
    fn rank_row<'r>(
        &'r self,
        idx: &RankIndex,
        w: &'r Ranked<'_>,
        start: &[u32],
        ev: &ProfileEval,
        hours: f64,
        optimal: bool,
        mine: f64,
        limits: &Limits,
    ) -> Result<Row<'r>> {
        let role = match w {
            Ranked::Catalog(ri) => &self.roles()[*ri],
            Ranked::Custom(r) => r.as_ref(),
        };
        let (coverage, ready) = match w {
            Ranked::Catalog(ri) => {
                let (e, o) = (
                    ev.sat_essential[*ri] as usize,
                    ev.sat_optional[*ri] as usize,
                );
                let total = role.requires.len() + role.optional.len();
                let cov = if total == 0 {
                    1.0
                } else {
                    (e + o) as f64 / total as f64
                };
                (cov, e == role.requires.len())
            }
            _ => coverage(role, start),
        };
        let (full, _) = match w {
            Ranked::Catalog(ri) => self.empty_role_hours(idx, *ri, limits)?,
            Ranked::Custom(r) => self.custom_role_hours(r, limits)?,
        };
        let (progress, fit) = progress_fit(full, hours, mine);
        Ok(Row {
            role,
            hours,
            coverage,
            ready,
            optimal,
            progress,
            fit,
        })
    }

    fn solve_role(&self, role: &Role, start: &[u32], limits: &Limits) -> Result<(f64, bool)> {
        let ids = [role.id.as_str()];
        let ctx = Ctx::new(self, start, &ids);
        let s = solve(&ctx, &entries_of(0, role), &mut Meter::cell(limits))?;
        Ok((s.cost, s.optimal))
    }

    /// Ranks roles for `profile` (SPEC 4): every catalog role, or the given
    /// targets, with the hours of the shortest path, coverage, readiness,
    /// `progress` and `fit` (see [`RankEntry`]), sorted by hours ascending
    /// (costs within a relative 1e-9 are equal), then coverage descending,
    /// then role id. [`rank_roles_with`](Catalog::rank_roles_with) sorts by
    /// fit, keeps the first rows only, or bounds the search.
    ///
    /// Fast on big catalogs: a per-catalog index (built on first use) keeps
    /// each role's prerequisite closure, so roles that the profile does not
    /// touch cost nothing and the others one pass over their closure. Roles
    /// with `any_of` groups go through the exact solver, each within the
    /// default budget, except those the profile touches nothing of: they
    /// reuse their empty-profile answer. With `top`, such roles are solved
    /// in order of an admissible lower bound, and only while they can still
    /// enter the first rows.
    ///
    /// # Errors
    /// A bad profile, an unknown role id, or an invalid caller role.
    ///
    /// # Example
    /// ```
    /// use gap_core::{Catalog, Profile};
    /// let cat = Catalog::from_json(r#"{
    ///   "skills": [{"id": "python", "name": "Python", "hours": [40, 80]},
    ///              {"id": "sql", "name": "SQL", "hours": 30}],
    ///   "roles": [{"id": "dev", "name": "Developer", "requires": ["python@2"]},
    ///             {"id": "analyst", "name": "Analyst", "requires": ["sql"]}]
    /// }"#)?;
    /// let r = cat.rank_roles(&Profile::from_refs(["python"])?, None)?;
    /// assert_eq!((r[0].role.as_str(), r[0].hours), ("analyst", 30.0));
    /// assert_eq!((r[1].role.as_str(), r[1].hours), ("dev", 80.0));
    /// // python@1 is 40 of the developer's 120 hours, all of what the profile knows.
    /// assert_eq!((r[1].progress, r[1].fit), (40.0 / 120.0, 40.0 / 120.0));
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn rank_roles(
        &self,
        profile: &Profile,
        roles: Option<&[Target]>,
    ) -> Result<Vec<RankEntry>> {
        self.rank_roles_with(profile, roles, &RankOptions::default())
    }

    /// [`rank_roles`](Catalog::rank_roles) with options: `by` hours (the
    /// default) or fit (fit descending, then hours ascending, then role id),
    /// `top` (the first rows of that same order, identical to slicing the
    /// full ranking), and limits: each role with groups is solved within the
    /// node budget (a role's hours never depend on the other roles), and the
    /// cancellation check is polled.
    ///
    /// # Errors
    /// As [`rank_roles`](Catalog::rank_roles),
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for `top`
    /// of 0, and [`Error::Cancelled`](crate::Error::Cancelled).
    ///
    /// ```
    /// use gap_core::{Catalog, Profile, RankBy, RankOptions};
    /// let cat = Catalog::default();
    /// let me = Profile::from_refs(["python@2", "sql", "statistics", "pandas"])?;
    /// let by_fit = cat.rank_roles_with(&me, None, &RankOptions::default().with_by(RankBy::Fit).with_top(3))?;
    /// assert_eq!(by_fit.len(), 3);
    /// assert!(by_fit[0].fit >= by_fit[1].fit && by_fit[1].fit >= by_fit[2].fit);
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn rank_roles_with(
        &self,
        profile: &Profile,
        roles: Option<&[Target]>,
        opts: &RankOptions,
    ) -> Result<Vec<RankEntry>> {
        if opts.top == Some(0) {
            return Err(crate::Error::InvalidArgument(
                "top must be at least 1".to_string(),
            ));
        }
        let start = self.resolve_profile(profile)?;
        let which = self.ranked_roles(roles)?;
        let idx = self.rank_index();
        let known = self.known_skills(profile);
        let ev = idx.eval_profile(self, &start, &known, true, &mut Scratch::default());
        let mut keys = KeyScratch::default();
        idx.groups.keys(self, &start, &known, &mut keys);
        let mine = profile_hours(self, &start);
        let limits = &opts.limits;
        // Rows of the roles solved so far (all of them in the end, unless
        // `top` lets the bounds skip some).
        let mut rows: Vec<Option<Row<'_>>> = (0..which.len()).map(|_| None).collect();
        let solve = |list: &[usize], rows: &mut Vec<_>| -> Result<()> {
            let solved = self.rows_of(idx, &which, list, &start, &ev, &keys, mine, limits)?;
            for (&i, row) in list.iter().zip(solved) {
                rows[i] = Some(row);
            }
            Ok(())
        };
        // The rows that need no search first (serially: each costs less
        // than handing it to the pool).
        let mut pending: Vec<usize> = Vec::new();
        for (i, w) in which.iter().enumerate() {
            if needs_solver(idx, &keys, w) {
                pending.push(i);
            } else {
                let (h, optimal) = self.cell_hours(idx, w, &start, &ev, &keys, limits, None)?;
                rows[i] = Some(self.rank_row(idx, w, &start, &ev, h, optimal, mine, limits)?);
            }
        }
        match opts.top {
            Some(k) if pending.len() > k => {
                // Bounds first: solve the roles in order of their lower
                // bounds until none left can enter the first k rows.
                for &i in &pending {
                    if let Ranked::Catalog(ri) = which[i] {
                        self.empty_cell(&idx.groups, ri, limits)?;
                    }
                }
                let bounds = idx.groups.lower_bounds(self, &start, &known);
                let lb = |i: usize| match which[i] {
                    Ranked::Catalog(ri) => bounds[ri],
                    Ranked::Custom(_) => f64::NEG_INFINITY,
                };
                pending.sort_by(|&a, &b| lb(a).total_cmp(&lb(b)).then(a.cmp(&b)));
                // Doubling chunks: few rounds of re-sorting the rows.
                let mut chunk = k.max(4);
                loop {
                    let order = rank_order(&rows, idx, &which, opts.by, Some(k));
                    if order.len() >= k {
                        let top = &order[..k];
                        let row = |i: usize| rows[i].as_ref();
                        let kth = row(top[k - 1]);
                        let max_hours = top
                            .iter()
                            .filter_map(|&i| row(i).map(|r| r.hours))
                            .fold(f64::NEG_INFINITY, f64::max);
                        pending.retain(|&i| match (kth, opts.by) {
                            (Some(kth), RankBy::Fit) => {
                                let full = match which[i] {
                                    Ranked::Catalog(ri) => {
                                        self.empty_role_hours(idx, ri, limits).map(|(h, _)| h)
                                    }
                                    Ranked::Custom(_) => Ok(f64::NAN),
                                };
                                let fit_ub =
                                    full.map_or(f64::NAN, |f| progress_fit(f, lb(i), mine).1);
                                !(fit_ub < kth.fit && definitely_less(max_hours, lb(i)))
                            }
                            (Some(kth), _) => !definitely_less(kth.hours, lb(i)),
                            (None, _) => true,
                        });
                    }
                    if pending.is_empty() {
                        break;
                    }
                    let take = chunk.min(pending.len());
                    chunk *= 2;
                    let now: Vec<usize> = pending.drain(..take).collect();
                    solve(&now, &mut rows)?;
                }
            }
            _ => solve(&pending, &mut rows)?,
        }
        let order = rank_order(&rows, idx, &which, opts.by, opts.top);
        let entry = |&i: &usize| {
            rows[i].as_ref().map(|r| RankEntry {
                role: match which[i] {
                    Ranked::Catalog(ri) => idx.role_id(ri).to_string(),
                    Ranked::Custom(_) => r.role.id.clone(),
                },
                hours: r.hours,
                coverage: r.coverage,
                ready: r.ready,
                optimal: r.optimal,
                progress: r.progress,
                fit: r.fit,
            })
        };
        Ok(order.iter().filter_map(entry).collect())
    }
}

/// One row of a ranking before sorting.
struct Row<'c> {
    role: &'c Role,
    hours: f64,
    coverage: f64,
    ready: bool,
    optimal: bool,
    progress: f64,
    fit: f64,
}

/// Whether a role's hours need the solver for this profile (a caller's
/// role, or a catalog role with groups that the profile touches).
fn needs_solver(idx: &RankIndex, keys: &KeyScratch, w: &Ranked<'_>) -> bool {
    match w {
        Ranked::Catalog(ri) => idx.roles[*ri].has_groups && !keys.key(*ri).is_empty(),
        Ranked::Custom(_) => true,
    }
}

/// Of the rows `present`, those that can be among the first `k` by
/// hours: the k with the least hours and every other in the tolerance run
/// of the k-th (in ascending order). Their hours keys ([`tolerant_keys`])
/// are the same as among all rows, since a key depends only on the hours
/// below it, and every row ranked before the k-th has a key no larger.
fn first_by_hours(present: &[usize], hours: impl Fn(usize) -> f64, k: usize) -> Vec<usize> {
    if k == 0 || present.len() <= k {
        return present.to_vec();
    }
    let mut by: Vec<(f64, usize)> = present.iter().map(|&i| (hours(i), i)).collect();
    by.select_nth_unstable_by(k - 1, |a, b| a.0.total_cmp(&b.0));
    let (first, rest) = by.split_at_mut(k);
    first.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut head = f64::NAN;
    for &(h, _) in first.iter() {
        if head.is_nan() || definitely_less(head, h) {
            head = h;
        }
    }
    let mut out: Vec<usize> = first.iter().map(|p| p.1).collect();
    out.extend(
        rest.iter()
            .filter(|p| !definitely_less(head, p.0))
            .map(|p| p.1),
    );
    out.sort_unstable();
    out
}

/// The indices of the rows present, in ranking order (SPEC 4): by hours
/// (costs within the relative tolerance equal), coverage descending, role
/// id; or by fit descending, hours, role id. Catalog roles compare by the
/// precomputed rank of their id. With `top`, only the first `top` of that
/// order, found by selection (linear) before sorting just those: the same
/// rows as sorting everything and truncating, because the order is total
/// (rows that tie on every field keep their input order, as a stable sort
/// would).
fn rank_order(
    rows: &[Option<Row<'_>>],
    idx: &RankIndex,
    which: &[Ranked<'_>],
    by: RankBy,
    top: Option<usize>,
) -> Vec<usize> {
    let mut present: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].is_some()).collect();
    let row = |i: usize| rows[i].as_ref();
    let field = |i: usize, f: fn(&Row<'_>) -> f64| row(i).map_or(f64::NAN, f);
    if let (RankBy::Hours, Some(k)) = (by, top) {
        present = first_by_hours(&present, |i| field(i, |r| r.hours), k);
    }
    let hours: Vec<f64> = present.iter().map(|&i| field(i, |r| r.hours)).collect();
    // Compact sort keys, compared as plain integers: (primary, secondary)
    // as totally ordered bits with the descending field negated, the rank
    // of the role id (`u32::MAX` for a caller's role, compared by id
    // instead), the row index. So the comparisons never chase the rows.
    let keys: Vec<(i64, i64, u32, u32)> = present
        .iter()
        .zip(tolerant_keys(&hours))
        .map(|(&i, hours_key)| {
            let id = match which[i] {
                Ranked::Catalog(ri) => idx.id_rank[ri],
                Ranked::Custom(_) => u32::MAX,
            };
            let (a, b) = match by {
                // Fit descending, then hours ascending.
                RankBy::Fit => (-field(i, |r| r.fit), hours_key),
                // Hours ascending, then coverage descending.
                _ => (hours_key, -field(i, |r| r.coverage)),
            };
            (total_key(a), total_key(b), id, i as u32)
        })
        .collect();
    let custom = keys.iter().any(|k| k.2 == u32::MAX);
    let cmp = |a: &(i64, i64, u32, u32), b: &(i64, i64, u32, u32)| {
        if custom && (a.2 == u32::MAX || b.2 == u32::MAX) && (a.0, a.1) == (b.0, b.1) {
            let id = |i: u32| row(i as usize).map(|r| r.role.id.as_str());
            id(a.3).cmp(&id(b.3)).then(a.3.cmp(&b.3))
        } else {
            a.cmp(b)
        }
    };
    let mut keys = keys;
    if let Some(k) = top {
        if k == 0 {
            return Vec::new();
        }
        if keys.len() > k {
            keys.select_nth_unstable_by(k - 1, cmp);
            keys.truncate(k);
        }
    }
    if custom {
        keys.sort_unstable_by(cmp);
    } else {
        keys.sort_unstable();
    }
    keys.into_iter().map(|k| k.3 as usize).collect()
}

/// `x` as an integer whose order is `f64::total_cmp`'s (the same bit
/// transform).
fn total_key(x: f64) -> i64 {
    let b = x.to_bits() as i64;
    b ^ ((((b >> 63) as u64) >> 1) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Among hours with many ties within the tolerance, the rows kept for
    /// the first k hold every row whose hours key is at most the k-th
    /// smallest key, and each kept row's key is its key among all rows.
    #[test]
    fn first_by_hours_keeps_the_first_runs_with_their_keys() {
        let mut next = crate::solve::xorshift(0x5DEE_CE66_D1CE_4E5B);
        for _ in 0..300 {
            let n = 1 + next(60) as usize;
            let hours: Vec<f64> = (0..n)
                .map(|_| {
                    let base = 100.0 + next(8) as f64;
                    // Within, at or just past the tolerance of the base.
                    base * (1.0 + [0.0, 4e-10, 9e-10, 2e-9, 0.5][next(5) as usize])
                })
                .collect();
            let all = tolerant_keys(&hours);
            let present: Vec<usize> = (0..n).collect();
            for k in 1..=n + 1 {
                let kept = first_by_hours(&present, |i| hours[i], k);
                let mut sorted = all.clone();
                sorted.sort_by(f64::total_cmp);
                let kth = sorted[(k - 1).min(n - 1)];
                let want: Vec<usize> = (0..n).filter(|&i| all[i] <= kth).collect();
                assert_eq!(kept, want, "{hours:?} k={k}");
                let sub: Vec<f64> = kept.iter().map(|&i| hours[i]).collect();
                for (key, &i) in tolerant_keys(&sub).iter().zip(&kept) {
                    assert_eq!(key.to_bits(), all[i].to_bits());
                }
            }
        }
    }
}
