//! [`Catalog::hours_matrix`]: shortest-path hours for many profiles and
//! roles at once, in parallel over profiles (rayon's global pool, started on
//! first use, never at import).

use crate::par::prelude::*;

use crate::catalog::Catalog;
use crate::error::Result;
use crate::model::SkillIx;
use crate::profile::Profile;
use crate::results::Target;
use crate::solve::index::Scratch;

impl Catalog {
    /// The hours of the shortest learning path of every profile to every
    /// role: row-major, one row per profile, one column per role in the
    /// order of `roles` (default: the catalog's roles). The same computation
    /// as [`Catalog::rank_roles`], profiles in parallel.
    ///
    /// # Errors
    /// The first bad profile (in the order given), an unknown role id or an
    /// invalid caller role.
    ///
    /// # Example
    /// ```
    /// use gap_core::{Catalog, Profile};
    /// let cat = Catalog::from_json(r#"{
    ///   "skills": [{"id": "python", "name": "Python", "hours": [40, 80]}],
    ///   "roles": [{"id": "dev", "name": "Developer", "requires": ["python@2"]}]
    /// }"#)?;
    /// let m = cat.hours_matrix(&[Profile::new(), Profile::from_refs(["python"])?], None)?;
    /// assert_eq!(m, [120.0, 80.0]);
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn hours_matrix(&self, profiles: &[Profile], roles: Option<&[Target]>) -> Result<Vec<f64>> {
        let which = self.ranked_roles(roles)?;
        let starts: Vec<Vec<u32>> = profiles
            .iter()
            .map(|p| self.resolve_profile(p))
            .collect::<Result<_>>()?;
        if which.is_empty() || starts.is_empty() {
            return Ok(Vec::new());
        }
        let idx = self.rank_index();
        let rows: Vec<Result<Vec<f64>>> = starts
            .par_iter()
            .zip(profiles.par_iter())
            .map_init(Scratch::default, |scratch, (start, profile)| {
                let known: Vec<SkillIx> = self.known_skills(profile);
                let ev = idx.eval_profile(self, start, &known, false, scratch);
                which
                    .iter()
                    .map(|w| self.role_hours(idx, w, start, &ev).map(|(h, _)| h))
                    .collect()
            })
            .collect();
        let mut out = Vec::with_capacity(which.len() * starts.len());
        for r in rows {
            out.extend(r?);
        }
        Ok(out)
    }
}
