//! Checking data that comes back from outside (a pickle, a worker's bytes)
//! against the catalog it claims to belong to: [`Catalog::check_path`].
//! Tampered or mismatched data fails here, at the cause, rather than later
//! in a view or a replay (issue 17).

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::results::LearningPath;

impl Catalog {
    /// Checks that `path` can belong to this catalog: every step and every
    /// skill of its start names a skill of the catalog at one of its levels,
    /// and the hours (per step, total, lower bound) are finite and not
    /// negative. It does not re-solve: an optimal claim is not re-proven.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the first part that does not fit.
    pub fn check_path(&self, path: &LearningPath) -> Result<()> {
        let bad = |m: String| {
            Err(Error::InvalidArgument(format!(
                "path does not fit the catalog: {m}"
            )))
        };
        let level_ok = |id: &str, level: u32| {
            self.skill_index(id)
                .map(|ix| (1..=self.skills()[ix.ix()].levels()).contains(&level))
        };
        for (i, st) in path.steps.iter().enumerate() {
            match level_ok(&st.skill, st.level) {
                Err(_) => return bad(format!("step {i} names unknown skill `{}`", st.skill)),
                Ok(false) => {
                    return bad(format!(
                        "step {i}: `{}` has no level {}",
                        st.skill, st.level
                    ));
                }
                Ok(true) => {}
            }
            if !(st.hours.is_finite() && st.hours >= 0.0) {
                return bad(format!("step {i} ({}) has hours {}", st.skill, st.hours));
            }
        }
        for (id, &level) in path.start.iter() {
            match level_ok(id, level) {
                Err(_) => return bad(format!("its start names unknown skill `{id}`")),
                Ok(false) if level > 0 => {
                    return bad(format!("its start has `{id}` at level {level}"));
                }
                _ => {}
            }
        }
        for (what, h) in [
            ("total_hours", path.total_hours),
            ("lower_bound", path.lower_bound),
        ] {
            if !(h.is_finite() && h >= 0.0) {
                return bad(format!("{what} is {h}"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{Catalog, PathOptions, Profile, Target};

    #[test]
    fn tampered_paths_are_refused() {
        let cat = Catalog::from_json(
            r#"{"skills": [{"id": "a", "name": "A", "hours": [1, 2]}],
                "roles": [{"id": "r", "name": "R", "requires": ["a@2"]}]}"#,
        )
        .expect("catalog");
        let path = cat
            .learning_path(
                &Profile::default(),
                &[Target::from("r")],
                &PathOptions::default(),
            )
            .expect("path");
        assert!(cat.check_path(&path).is_ok());
        let mut p = path.clone();
        p.steps[0].skill = "zz".into();
        assert!(cat.check_path(&p).is_err());
        let mut p = path.clone();
        p.steps[1].level = 3;
        assert!(cat.check_path(&p).is_err());
        let mut p = path.clone();
        p.steps[0].hours = f64::MAX;
        p.total_hours = f64::INFINITY;
        assert!(cat.check_path(&p).is_err());
        let mut p = path;
        p.steps[0].hours = f64::NAN;
        assert!(cat.check_path(&p).is_err());
    }
}
