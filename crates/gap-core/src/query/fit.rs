//! Role hours, profile hours, progress and fit (SPEC 4, "Role hours,
//! progress and fit"): how much of a role's hours a profile already has, and
//! how much of what the profile knows the role uses.

use crate::catalog::Catalog;
use crate::error::Result;
use crate::model::Role;
use crate::query::options::{Limits, Target};
use crate::solve::index::RankIndex;
use crate::solve::sum::exact_sum;
use crate::solve::{Ctx, Meter, entries_of, solve};

impl Catalog {
    /// The hours of the shortest path to `target` from the empty profile
    /// (SPEC 4, `role_hours`). Computed once per catalog role and cached
    /// (within the default budget; see [`role_hours_proven`](Catalog::role_hours_proven)).
    ///
    /// # Errors
    /// An unknown role id or an invalid caller role.
    ///
    /// ```
    /// use gap_core::{Catalog, Target};
    /// let cat = Catalog::from_json(r#"{
    ///   "skills": [{"id": "python", "name": "Python", "hours": [40, 80]}],
    ///   "roles": [{"id": "dev", "name": "Developer", "requires": ["python@2"]}]}"#)?;
    /// assert_eq!(cat.role_hours(&Target::from("dev"))?, 120.0);
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn role_hours(&self, target: &Target) -> Result<f64> {
        self.role_hours_proven(target).map(|(h, _)| h)
    }

    /// [`role_hours`](Catalog::role_hours) and whether they are proven
    /// minimal.
    ///
    /// # Errors
    /// An unknown role id or an invalid caller role.
    pub fn role_hours_proven(&self, target: &Target) -> Result<(f64, bool)> {
        let limits = Limits::default();
        match target {
            Target::Id(id) => {
                let ri = self.role_index(id)?;
                self.empty_role_hours(self.rank_index(), ri.ix(), &limits)
            }
            _ => {
                let role = self.resolve_target(target)?;
                self.custom_role_hours(&role, &limits)
            }
        }
    }

    /// The cached empty-profile hours of catalog role `ri`. The cache is
    /// filled with the default budget so that it never depends on a query's
    /// own budget; only the cancellation check of `limits` applies.
    pub(crate) fn empty_role_hours(
        &self,
        idx: &RankIndex,
        ri: usize,
        limits: &Limits,
    ) -> Result<(f64, bool)> {
        let closure = &idx.roles[ri];
        if !closure.has_groups {
            return Ok((closure.empty_hours, true));
        }
        let c = self.empty_cell(&idx.groups, ri, limits)?;
        Ok((c.hours, c.optimal))
    }

    /// The empty-profile hours of any role, solved now.
    pub(crate) fn custom_role_hours(&self, role: &Role, limits: &Limits) -> Result<(f64, bool)> {
        let empty = vec![0u32; self.skills().len()];
        let ids = [role.id.as_str()];
        let ctx = Ctx::new(self, &empty, &ids);
        let s = solve(&ctx, &entries_of(0, role), &mut Meter::new(limits))?;
        Ok((s.cost, s.optimal))
    }
}

/// The catalog hours of what a profile knows: levels 1..P\[s\] of each skill,
/// without transfers, summed exactly.
pub(crate) fn profile_hours(cat: &Catalog, start: &[u32]) -> f64 {
    exact_sum(
        start
            .iter()
            .zip(cat.skills())
            .filter(|&(&l, _)| l > 0)
            .flat_map(|(&l, sk)| sk.hours.iter().take(l as usize).copied()),
    )
}

/// `(progress, fit)` from the role's hours from the empty profile, its
/// hours from the profile and the profile's hours (SPEC 4).
pub(crate) fn progress_fit(role_hours: f64, hours: f64, profile_hours: f64) -> (f64, f64) {
    let saved = (role_hours - hours).max(0.0);
    let progress = if role_hours > 0.0 {
        (saved / role_hours).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let denom = profile_hours + role_hours - saved;
    let fit = if denom > 0.0 {
        (saved / denom).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (progress, fit)
}

#[cfg(test)]
mod tests {
    use super::progress_fit;

    #[test]
    fn progress_and_fit_by_hand() {
        // A 120 h role, 80 h away, for a profile of 40 h: all of it counts.
        assert_eq!(
            progress_fit(120.0, 80.0, 40.0),
            (40.0 / 120.0, 40.0 / 120.0)
        );
        // A profile of 100 h of which 40 count.
        assert_eq!(
            progress_fit(120.0, 80.0, 100.0),
            (40.0 / 120.0, 40.0 / 180.0)
        );
        // A role without entries: ready at 0 h, progress 1, fit 0.
        assert_eq!(progress_fit(0.0, 0.0, 50.0), (1.0, 0.0));
        assert_eq!(progress_fit(0.0, 0.0, 0.0), (1.0, 0.0));
        // Hours above the role's (a budget-limited answer): nothing saved.
        assert_eq!(progress_fit(100.0, 130.0, 10.0), (0.0, 0.0));
    }
}
