//! Checking data that comes back from outside (a pickle, a worker's bytes)
//! against the catalog it claims to belong to: [`Catalog::check_path`].
//! Tampered or mismatched data fails here, at the cause, rather than later
//! in a view or a replay (issue 17).

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::results::{Gap, LearningPath, Missing, Schedule};

/// An [`Error::InvalidArgument`] saying that `what` does not fit the catalog.
fn misfit<T>(what: &str, m: String) -> Result<T> {
    Err(Error::InvalidArgument(format!(
        "{what} does not fit the catalog: {m}"
    )))
}

/// Whether `h` is a number of hours: finite and not negative.
fn hours_ok(h: f64) -> bool {
    h.is_finite() && h >= 0.0
}

impl Catalog {
    /// Whether `level` is one of the levels of skill `id` (`Err` when the
    /// catalog has no such skill).
    fn has_level(&self, id: &str, level: u32) -> Result<bool> {
        self.skill_index(id)
            .map(|ix| (1..=self.skills()[ix.ix()].levels()).contains(&level))
    }

    /// Checks that `gap` can belong to this catalog: every missing entry
    /// names skills of the catalog at one of their levels (a group's counts
    /// consistent), and `hours` and `coverage` are numbers in range. The role
    /// itself may be one built outside the catalog (`gap(profile, Role(…))`),
    /// so its id is not looked up.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the first part that does not fit.
    pub fn check_gap(&self, gap: &Gap) -> Result<()> {
        let what = "gap";
        let reference = |r: &str, i: usize| -> Result<()> {
            let parsed = crate::reference::parse_reference(r)
                .or_else(|e| misfit(what, format!("missing[{i}]: `{r}`: {e}")))?;
            match self.has_level(parsed.id, parsed.level) {
                Ok(true) => Ok(()),
                Ok(false) => misfit(what, format!("missing[{i}]: `{r}`: no such level")),
                Err(_) => misfit(what, format!("missing[{i}] names unknown skill `{r}`")),
            }
        };
        for (i, m) in gap.missing.iter().enumerate() {
            match m {
                Missing::Skill {
                    skill,
                    current,
                    needed,
                    ..
                } => {
                    if !matches!(self.has_level(skill, *needed), Ok(true)) || current >= needed {
                        return misfit(
                            what,
                            format!("missing[{i}]: `{skill}` from level {current} to {needed}"),
                        );
                    }
                }
                Missing::Group {
                    members,
                    count,
                    satisfied,
                    more,
                    ..
                } => {
                    for r in members {
                        reference(r, i)?;
                    }
                    let n = u32::try_from(members.len()).unwrap_or(u32::MAX);
                    if *count == 0 || *count > n || satisfied.checked_add(*more) != Some(*count) {
                        return misfit(
                            what,
                            format!(
                                "missing[{i}]: a group of {n} needing {count}, {satisfied} met and {more} more"
                            ),
                        );
                    }
                }
            }
        }
        for (i, r) in gap.optional_missing.iter().enumerate() {
            if reference(r, i).is_err() {
                return misfit(what, format!("optional_missing[{i}]: `{r}`"));
            }
        }
        if !hours_ok(gap.hours) {
            return misfit(what, format!("hours is {}", gap.hours));
        }
        if !(0.0..=1.0).contains(&gap.coverage) {
            return misfit(what, format!("coverage is {}", gap.coverage));
        }
        Ok(())
    }

    /// Checks that `schedule` can belong to this catalog: hours per week
    /// finite and above 0; every item a skill of the catalog at one of its
    /// levels, with hours that are numbers; weeks numbered 1, 2, 3 … with
    /// finite hours and `total_weeks` their count; every milestone a role of
    /// the catalog at a step and week of the schedule.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the first part that does not fit.
    pub fn check_schedule(&self, schedule: &Schedule) -> Result<()> {
        let what = "schedule";
        let hpw = schedule.hours_per_week;
        if !(hpw.is_finite() && hpw > 0.0) {
            return misfit(what, format!("hours_per_week is {hpw}"));
        }
        let mut steps = 0usize;
        for (w, week) in schedule.weeks.iter().enumerate() {
            if usize::try_from(week.week).ok() != Some(w + 1) || !hours_ok(week.hours) {
                return misfit(
                    what,
                    format!("weeks[{w}] is week {} of {} h", week.week, week.hours),
                );
            }
            for it in &week.items {
                if !matches!(self.has_level(&it.skill, it.level), Ok(true)) {
                    return misfit(
                        what,
                        format!(
                            "week {}: `{}` has no level {}",
                            week.week, it.skill, it.level
                        ),
                    );
                }
                if !hours_ok(it.hours) {
                    return misfit(
                        what,
                        format!("week {}: `{}` has hours {}", week.week, it.skill, it.hours),
                    );
                }
                steps = steps.max(it.step_index.saturating_add(1));
            }
        }
        if usize::try_from(schedule.total_weeks).ok() != Some(schedule.weeks.len()) {
            return misfit(
                what,
                format!(
                    "total_weeks is {} for {} weeks",
                    schedule.total_weeks,
                    schedule.weeks.len()
                ),
            );
        }
        for m in &schedule.milestones {
            let week_ok = m.week.is_none_or(|w| w >= 1 && w <= schedule.total_weeks);
            if !self.contains_role(&m.role)
                || m.step_index >= steps
                || !hours_ok(m.hours)
                || !week_ok
            {
                return misfit(
                    what,
                    format!("milestone `{}` at step {}", m.role, m.step_index),
                );
            }
        }
        Ok(())
    }

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

    #[test]
    fn tampered_gaps_and_schedules_are_refused() {
        use crate::Missing;
        let cat = Catalog::from_json(
            r#"{"skills": [{"id": "a", "name": "A", "hours": [1, 2]},
                           {"id": "b", "name": "B", "hours": 3},
                           {"id": "c", "name": "C", "hours": 4}],
                "roles": [{"id": "r", "name": "R", "requires": ["a@2", {"any_of": ["b", "c"]}],
                           "optional": ["c"]}]}"#,
        )
        .expect("catalog");
        let me = Profile::default();
        let gap = cat.gap(&me, &Target::from("r")).expect("gap");
        assert!(cat.check_gap(&gap).is_ok());
        let mut g = gap.clone();
        g.hours = f64::INFINITY;
        assert!(cat.check_gap(&g).is_err());
        let mut g = gap.clone();
        g.coverage = f64::NAN;
        assert!(cat.check_gap(&g).is_err());
        let mut g = gap.clone();
        g.optional_missing.push("zz".into());
        assert!(cat.check_gap(&g).is_err());
        let mut g = gap.clone();
        for m in &mut g.missing {
            if let Missing::Skill { needed, .. } = m {
                *needed = 3;
            }
        }
        assert!(cat.check_gap(&g).is_err());
        let mut g = gap.clone();
        for m in &mut g.missing {
            if let Missing::Group { members, .. } = m {
                members.push("a@9".into());
            }
        }
        assert!(cat.check_gap(&g).is_err());

        let path = cat
            .learning_path(&me, &[Target::from("r")], &PathOptions::default())
            .expect("path");
        let plan = cat.schedule(&path, 2.0).expect("schedule");
        assert!(cat.check_schedule(&plan).is_ok());
        let mut p = plan.clone();
        p.hours_per_week = 0.0;
        assert!(cat.check_schedule(&p).is_err());
        let mut p = plan.clone();
        p.weeks[0].items[0].skill = "zz".into();
        assert!(cat.check_schedule(&p).is_err());
        let mut p = plan.clone();
        p.total_weeks += 1;
        assert!(cat.check_schedule(&p).is_err());
        let mut p = plan.clone();
        p.weeks[0].hours = f64::INFINITY;
        assert!(cat.check_schedule(&p).is_err());
        let mut p = plan;
        if let Some(m) = p.milestones.first_mut() {
            m.role = "zz".into();
            assert!(cat.check_schedule(&p).is_err());
        }
    }
}
