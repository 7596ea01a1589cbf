//! [`Catalog::hours_matrix`]: shortest-path hours for many profiles and
//! roles at once, in parallel over profiles (gap-core's own pool, started on
//! first use, never at import, rebuilt after a fork: see `par`), returned as
//! an [`HoursMatrix`].

use crate::par::prelude::*;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::model::SkillIx;
use crate::profile::Profile;
use crate::query::options::{Limits, Target};
use crate::solve::batch::{CellMemo, KeyScratch};
use crate::solve::index::Scratch;

/// Hours of many profiles to many roles: `rows` profiles × `cols` roles,
/// row-major in `data`.
///
/// ```
/// use gap_core::{Catalog, Profile};
/// let cat = Catalog::from_json(r#"{
///   "skills": [{"id": "python", "name": "Python", "hours": [40, 80]}],
///   "roles": [{"id": "dev", "name": "Developer", "requires": ["python@2"]}]
/// }"#)?;
/// let m = cat.hours_matrix(&[Profile::new(), Profile::from_refs(["python"])?], None)?;
/// assert_eq!((m.rows, m.cols), (2, 1));
/// assert_eq!(m.get(1, 0), Some(80.0));
/// assert_eq!(m.row(0), Some(&[120.0][..]));
/// # Ok::<(), gap_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct HoursMatrix {
    /// Number of profiles.
    pub rows: usize,
    /// Number of roles.
    pub cols: usize,
    /// `rows * cols` hours, row by row.
    pub data: Vec<f64>,
}

impl HoursMatrix {
    /// The hours of profile `row` to role `col`.
    pub fn get(&self, row: usize, col: usize) -> Option<f64> {
        if row < self.rows && col < self.cols {
            self.data.get(row * self.cols + col).copied()
        } else {
            None
        }
    }

    /// The hours of one profile to every role.
    pub fn row(&self, row: usize) -> Option<&[f64]> {
        if row < self.rows {
            self.data.get(row * self.cols..(row + 1) * self.cols)
        } else {
            None
        }
    }

    /// The flat row-major data.
    pub fn into_data(self) -> Vec<f64> {
        self.data
    }
}

impl std::ops::Deref for HoursMatrix {
    type Target = [f64];

    /// The flat row-major data: `m[i * m.cols + j]` is profile i to role j.
    fn deref(&self) -> &[f64] {
        &self.data
    }
}

impl Catalog {
    /// The hours of the shortest learning path of every profile to every
    /// role: one row per profile, one column per role in the order of
    /// `roles` (default: the catalog's roles). The same computation as
    /// [`Catalog::rank_roles`], profiles in parallel; a role with `any_of`
    /// groups is solved once per distinct *key* (the profile's levels on the
    /// skills its problem can reach, and the transfers it fires onto them),
    /// so profiles that differ only elsewhere share one search; within the
    /// default budget a cell is its forced base (one walk over the role's
    /// compiled steps) plus a group part solved once per *group key* (what
    /// the groups' choices depend on), so profiles that differ only on plain
    /// prerequisite chains share one search too.
    ///
    /// # Errors
    /// The first bad profile (in the order given) as
    /// [`Error::InProfile`] with its index (its message starts with
    /// `profile 3: `), an unknown role id or an invalid caller role.
    pub fn hours_matrix(
        &self,
        profiles: &[Profile],
        roles: Option<&[Target]>,
    ) -> Result<HoursMatrix> {
        self.hours_matrix_with(profiles, roles, &Limits::default())
    }

    /// [`hours_matrix`](Catalog::hours_matrix) within `limits`: every
    /// (profile, role) cell that needs a search gets the node budget for
    /// itself (so a cell never depends on the others or on thread timing),
    /// and the cancellation check is polled between profiles.
    ///
    /// # Errors
    /// As [`hours_matrix`](Catalog::hours_matrix), and
    /// [`Error::Cancelled`].
    pub fn hours_matrix_with(
        &self,
        profiles: &[Profile],
        roles: Option<&[Target]>,
        limits: &Limits,
    ) -> Result<HoursMatrix> {
        let which = self.ranked_roles(roles)?;
        let starts: Vec<Vec<u32>> = profiles
            .iter()
            .enumerate()
            .map(|(i, p)| self.resolve_profile(p).map_err(|e| e.in_profile(i)))
            .collect::<Result<_>>()?;
        let (rows, cols) = (starts.len(), which.len());
        if rows == 0 || cols == 0 {
            return Ok(HoursMatrix {
                rows,
                cols,
                data: Vec::new(),
            });
        }
        let idx = self.rank_index();
        limits.progress_start(rows);
        let cancelled = || limits.cancel.as_ref().is_some_and(|c| c.is_cancelled());
        let memo = CellMemo::new(self);
        // Each profile's row is written in place in the matrix (no row
        // vectors, no copy of the whole matrix).
        let mut data = vec![0.0; rows * cols];
        let out: Vec<Result<()>> = crate::par::install(|| {
            data.par_chunks_mut(cols)
                .zip(starts.par_iter())
                .zip(profiles.par_iter())
                .map_init(
                    || (Scratch::default(), KeyScratch::default()),
                    |(scratch, keys), ((row, start), profile)| {
                        if cancelled() {
                            return Err(Error::Cancelled);
                        }
                        let known: Vec<SkillIx> = self.known_skills(profile);
                        let ev = idx.eval_profile(self, start, &known, false, scratch);
                        idx.groups.keys(self, start, &known, keys);
                        for (cell, w) in row.iter_mut().zip(&which) {
                            *cell = self
                                .cell_hours(idx, w, start, &ev, keys, limits, Some(&memo))?
                                .0;
                        }
                        limits.progress_step();
                        Ok(())
                    },
                )
                .collect()
        });
        // The first error in profile order, as a serial loop would stop at.
        out.into_iter().collect::<Result<()>>()?;
        Ok(HoursMatrix { rows, cols, data })
    }
}

#[cfg(test)]
mod tests {
    use crate::{Catalog, Error, Profile};

    #[test]
    fn a_bad_profile_is_named_by_its_index() {
        let cat = Catalog::default();
        let ok = Profile::from_refs(["python"]).expect("profile");
        let bad = Profile::from_refs(["pyhton"]).expect("profile");
        let err = cat
            .hours_matrix(&[ok.clone(), ok, bad], None)
            .expect_err("an unknown skill");
        assert!(
            err.to_string()
                .starts_with("profile 2: unknown skill `pyhton`"),
            "{err}"
        );
        let Error::InProfile { index, source } = err else {
            panic!("expected InProfile, got {err:?}");
        };
        assert_eq!(index, 2);
        assert!(matches!(*source, Error::UnknownSkill { .. }));
        let too_high = Profile::from_refs(["python@9"]).expect("profile");
        let err = cat.hours_matrix(&[too_high], None).expect_err("level");
        assert!(
            err.to_string()
                .starts_with("profile 0: `python` at level 9"),
            "{err}"
        );
    }
}
