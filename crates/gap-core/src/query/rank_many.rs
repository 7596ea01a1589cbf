//! [`Catalog::rank_many`]: [`Catalog::rank_roles_with`] for a whole batch of
//! profiles in one call, the profiles in parallel on gap-core's pool.
//!
//! One call per batch (a Dask partition, a chunk of a file) instead of one
//! per profile: the pool is entered once, so its threads are not woken and
//! put to sleep again for every profile, and a binding crosses into the core
//! once. Each profile's ranking is exactly `rank_roles_with` of that profile.

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::par::prelude::*;
use crate::profile::Profile;
use crate::query::options::{RankOptions, Target};
use crate::results::RankEntry;

impl Catalog {
    /// The ranking of every profile of `profiles`, in their order: entry `i`
    /// is exactly [`rank_roles_with`](Catalog::rank_roles_with)`(&profiles[i],
    /// roles, opts)` (the same rows, order and `top`), computed for the
    /// profiles in parallel on gap-core's pool (see
    /// [`set_num_threads`](crate::set_num_threads)). Each role that needs
    /// the exact solver gets the node budget of `opts.limits` for itself, so
    /// no row depends on the other profiles or on thread timing; the
    /// cancellation check is polled between profiles and `opts.limits`'s
    /// progress counts the profiles done.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for `top` of 0; an unknown role id or an
    /// invalid caller role; the first bad profile (in the order given) as
    /// [`Error::InProfile`] with its index (its message starts with
    /// `profile 3: `); [`Error::Cancelled`].
    ///
    /// # Example
    /// ```
    /// use gap_core::{Catalog, Profile, RankBy, RankOptions};
    /// let cat = Catalog::default();
    /// let people = [Profile::from_refs(["python@2", "sql"])?, Profile::new()];
    /// let opts = RankOptions::default().with_by(RankBy::Fit).with_top(3);
    /// let all = cat.rank_many(&people, None, &opts)?;
    /// assert_eq!(all.len(), 2);
    /// assert_eq!(all[0], cat.rank_roles_with(&people[0], None, &opts)?);
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn rank_many(
        &self,
        profiles: &[Profile],
        roles: Option<&[Target]>,
        opts: &RankOptions,
    ) -> Result<Vec<Vec<RankEntry>>> {
        if opts.top == Some(0) {
            return Err(Error::InvalidArgument("top must be at least 1".to_string()));
        }
        // Errors that are no profile's, before any profile's.
        self.ranked_roles(roles)?;
        for (i, p) in profiles.iter().enumerate() {
            self.resolve_profile(p).map_err(|e| e.in_profile(i))?;
        }
        let limits = &opts.limits;
        limits.progress_start(profiles.len());
        let cancelled = || limits.cancel.as_ref().is_some_and(|c| c.is_cancelled());
        let out: Vec<Result<Vec<RankEntry>>> = crate::par::install(|| {
            profiles
                .par_iter()
                .map(|p| {
                    if cancelled() {
                        return Err(Error::Cancelled);
                    }
                    let rows = self.rank_roles_with(p, roles, opts);
                    limits.progress_step();
                    rows
                })
                .collect()
        });
        out.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::query::options::Limits;
    use crate::{Cancel, Catalog, Error, Profile, RankBy, RankOptions, Target};

    fn people() -> Vec<Profile> {
        let refs: [&[&str]; 4] = [
            &["python@2", "sql"],
            &[],
            &["statistics", "pandas", "git"],
            &["sql"],
        ];
        refs.iter()
            .map(|r| Profile::from_refs(r.iter().copied()).expect("profile"))
            .collect()
    }

    #[test]
    fn each_ranking_is_rank_roles_with_of_its_profile() {
        let cat = Catalog::synthetic(80, 16, 7, 0.3).expect("synthetic");
        let skills: Vec<String> = cat.skills().iter().map(|s| s.id.clone()).collect();
        let people: Vec<Profile> = (0..6)
            .map(|i| Profile::from_refs(skills.iter().skip(i * 5).step_by(9).take(5)))
            .collect::<Result<_, _>>()
            .expect("profiles");
        let roles: Vec<Target> = cat.roles()[..6]
            .iter()
            .map(|r| Target::Id(r.id.clone()))
            .collect();
        for by in [RankBy::Hours, RankBy::Fit] {
            for top in [None, Some(1), Some(5)] {
                let mut opts = RankOptions::default().with_by(by);
                opts.top = top;
                for roles in [None, Some(roles.as_slice())] {
                    let all = cat.rank_many(&people, roles, &opts).expect("rank_many");
                    assert_eq!(all.len(), people.len());
                    for (p, got) in people.iter().zip(&all) {
                        assert_eq!(got, &cat.rank_roles_with(p, roles, &opts).expect("one"));
                    }
                }
            }
        }
    }

    #[test]
    fn the_first_bad_profile_is_named_by_its_index() {
        let cat = Catalog::default();
        let mut ps = people();
        ps.push(Profile::from_refs(["pyhton"]).expect("profile"));
        ps.push(Profile::from_refs(["python@9"]).expect("profile"));
        let err = cat
            .rank_many(&ps, None, &RankOptions::default())
            .expect_err("an unknown skill");
        let Error::InProfile { index, source } = err else {
            panic!("expected InProfile, got {err:?}");
        };
        assert_eq!(index, 4);
        assert!(matches!(*source, Error::UnknownSkill { .. }));
    }

    #[test]
    fn errors_that_are_no_profiles_are_not_pinned_on_one() {
        let cat = Catalog::default();
        let bad_role = [Target::Id("no-such-role".into())];
        let err = cat
            .rank_many(&people(), Some(&bad_role), &RankOptions::default())
            .expect_err("an unknown role");
        assert!(!matches!(err, Error::InProfile { .. }), "{err:?}");
        let zero = RankOptions {
            top: Some(0),
            ..RankOptions::default()
        };
        assert!(matches!(
            cat.rank_many(&people(), None, &zero),
            Err(Error::InvalidArgument(_))
        ));
    }

    #[test]
    fn empty_batches_and_cancellation() {
        let cat = Catalog::default();
        let none = cat
            .rank_many(&[], None, &RankOptions::default())
            .expect("empty");
        assert!(none.is_empty());
        let cancel = Cancel::new(|| true);
        let opts = RankOptions::default().with_limits(Limits::default().with_cancel(cancel));
        assert!(matches!(
            cat.rank_many(&people(), None, &opts),
            Err(Error::Cancelled)
        ));
    }
}
