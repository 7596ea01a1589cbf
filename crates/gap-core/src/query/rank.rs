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
use crate::solve::{Ctx, Meter, solve};

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

    /// Hours (and whether proven minimal) of every role of `which`: from
    /// the index, the empty-profile answers of the roles with groups that
    /// the profile does not touch, and the exact solver for the others (in
    /// parallel on gap-core's pool when there are several).
    pub(super) fn hours_of(
        &self,
        idx: &RankIndex,
        which: &[Ranked<'_>],
        start: &[u32],
        ev: &ProfileEval,
        keys: &KeyScratch,
        limits: &Limits,
    ) -> Result<Vec<(f64, bool)>> {
        let needs_solver = |w: &Ranked<'_>| match w {
            Ranked::Catalog(ri) => idx.roles[*ri].has_groups && !keys.key(*ri).is_empty(),
            Ranked::Custom(_) => true,
        };
        let cell = |w: &Ranked<'_>| self.cell_hours(idx, w, start, ev, keys, limits, None);
        if which.iter().filter(|w| needs_solver(w)).count() < 2 {
            return which.iter().map(cell).collect();
        }
        use crate::par::prelude::*;
        let out: Vec<Result<(f64, bool)>> =
            crate::par::install(|| which.par_iter().map(cell).collect());
        out.into_iter().collect()
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
    /// default budget.
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
        let solved = self.hours_of(idx, &which, &start, &ev, &keys, &opts.limits)?;
        let mine = profile_hours(self, &start);
        let mut rows: Vec<Row<'_>> = Vec::with_capacity(which.len());
        for (w, &(hours, optimal)) in which.iter().zip(&solved) {
            let (role, counted) = match w {
                Ranked::Catalog(ri) => (&self.roles()[*ri], !idx.roles[*ri].has_groups),
                Ranked::Custom(r) => (r.as_ref(), false),
            };
            let (coverage, ready) = match w {
                Ranked::Catalog(ri) if counted => {
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
                _ => coverage(role, &start),
            };
            let (full, _) = match w {
                Ranked::Catalog(ri) => self.empty_role_hours(idx, *ri, &opts.limits)?,
                Ranked::Custom(r) => self.custom_role_hours(r, &opts.limits)?,
            };
            let (progress, fit) = progress_fit(full, hours, mine);
            rows.push(Row {
                role,
                hours,
                coverage,
                ready,
                optimal,
                progress,
                fit,
            });
        }
        let keys = tolerant_keys(&rows.iter().map(|r| r.hours).collect::<Vec<_>>());
        // Catalog roles compare by the precomputed rank of their id.
        let id_rank: Vec<Option<u32>> = which
            .iter()
            .map(|w| match w {
                Ranked::Catalog(ri) => Some(idx.id_rank[*ri]),
                Ranked::Custom(_) => None,
            })
            .collect();
        let by_id = |a: usize, b: usize| match (id_rank[a], id_rank[b]) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => rows[a].role.id.cmp(&rows[b].role.id),
        };
        let mut order: Vec<usize> = (0..rows.len()).collect();
        match opts.by {
            RankBy::Fit => order.sort_by(|&a, &b| {
                rows[b]
                    .fit
                    .total_cmp(&rows[a].fit)
                    .then(keys[a].total_cmp(&keys[b]))
                    .then_with(|| by_id(a, b))
            }),
            _ => order.sort_by(|&a, &b| {
                keys[a]
                    .total_cmp(&keys[b])
                    .then(rows[b].coverage.total_cmp(&rows[a].coverage))
                    .then_with(|| by_id(a, b))
            }),
        }
        if let Some(k) = opts.top {
            order.truncate(k);
        }
        Ok(order
            .into_iter()
            .map(|i| {
                let r = &rows[i];
                RankEntry {
                    role: r.role.id.clone(),
                    hours: r.hours,
                    coverage: r.coverage,
                    ready: r.ready,
                    optimal: r.optimal,
                    progress: r.progress,
                    fit: r.fit,
                }
            })
            .collect())
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
