//! Weekly schedules of a learning path (SPEC 4, "Schedule"): the path's
//! steps, in order, packed into weeks of a fixed number of hours, a step split
//! across weeks where it does not fit, with the path's milestones placed in
//! the week their step ends.

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::results::{LearningPath, Schedule, ScheduledStep, Week};

/// The most weeks a schedule may have (about 19,000 years of weeks): more is
/// an [`Error::InvalidArgument`] rather than an allocation that never ends.
pub(crate) const MAX_WEEKS: f64 = 1_000_000.0;

/// Relative tolerance of week filling: a week is full when it holds
/// `hours_per_week` within this fraction, and no slice of a step is smaller
/// than this fraction of a week (except zero-hour steps).
const TOLERANCE: f64 = 1e-9;

impl Catalog {
    /// Splits a path into weeks of `hours_per_week` (SPEC 4, "Schedule").
    ///
    /// Steps are placed in path order; a step that does not fit in the week in
    /// progress fills it and continues in the next (each slice is a
    /// [`ScheduledStep`], `completes` on the last one). Every week but the last
    /// holds exactly `hours_per_week`; weeks are numbered from 1; a zero-hour
    /// step joins the week in progress (week 1 if it comes first).
    /// `total_weeks` is max(1, ceil(total / hours_per_week)) for a non-empty
    /// path and 0 for an empty one. The milestones (see
    /// [`milestones`](Catalog::milestones)) carry the week in which their step
    /// ends.
    ///
    /// Floating point: a week counts as full when it is within a relative
    /// 1e-9 of `hours_per_week` (its `hours` is then exactly
    /// `hours_per_week`), and a step's remainder within that tolerance stays
    /// in the week rather than opening a new one, so there is never an empty
    /// trailing week or a 1e-13-hour slice.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `hours_per_week` is not a finite number
    /// above 0, or the schedule would need more than 1,000,000 weeks; the errors
    /// of [`milestones`](Catalog::milestones) for a path that does not fit
    /// the catalog.
    ///
    /// Complexity: O(steps + weeks + milestones).
    ///
    /// ```
    /// use gap_core::{Catalog, LearningPath, Profile, Step};
    /// let cat = Catalog::from_json(r#"{
    ///   "skills": [{"id": "sql", "name": "SQL", "hours": 30},
    ///              {"id": "python", "name": "Python", "hours": 40}],
    ///   "roles": [{"id": "analyst", "name": "Analyst", "requires": ["sql"]}]}"#)?;
    /// let path = LearningPath::new(vec![Step::new("sql", 1, 30.0), Step::new("python", 1, 40.0)],
    ///                              Profile::new());
    /// let s = cat.schedule(&path, 25.0)?;
    /// assert_eq!(s.total_weeks, 3);
    /// let hours: Vec<f64> = s.weeks.iter().map(|w| w.hours).collect();
    /// assert_eq!(hours, [25.0, 25.0, 20.0]);
    /// // sql: 25 h in week 1, 5 h in week 2, where the analyst is job-ready.
    /// assert_eq!((s.weeks[1].items[0].hours, s.weeks[1].items[0].completes), (5.0, true));
    /// assert_eq!((s.milestones[0].role.as_str(), s.milestones[0].week), ("analyst", Some(2)));
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn schedule(&self, path: &LearningPath, hours_per_week: f64) -> Result<Schedule> {
        let hpw = hours_per_week;
        if !(hpw.is_finite() && hpw > 0.0) {
            return Err(Error::InvalidArgument(format!(
                "hours_per_week must be a finite number above 0, got {hpw}"
            )));
        }
        // Resolves and checks the path (steps valid, hours finite and >= 0).
        let mut milestones = self.milestones(path)?;
        let total: f64 = path.steps.iter().map(|s| s.hours).sum();
        let estimate = total / hpw;
        if !estimate.is_finite() || estimate > MAX_WEEKS {
            return Err(Error::InvalidArgument(format!(
                "{total} hours at {hpw:e} hours per week would take more than {MAX_WEEKS} weeks"
            )));
        }

        let eps = TOLERANCE * hpw;
        let mut weeks: Vec<Week> = Vec::new();
        // Hours in the last week, and the week in which each step ends.
        let mut fill = 0.0f64;
        let mut ends = vec![0u32; path.steps.len()];
        let open_week = |weeks: &mut Vec<Week>| {
            let n = weeks.len() as u32 + 1;
            weeks.push(Week {
                week: n,
                items: Vec::new(),
                hours: 0.0,
            });
        };
        for (i, st) in path.steps.iter().enumerate() {
            // `whole`: the step placed in one piece (never split).
            let item = |hours: f64, completes: bool, whole: bool| ScheduledStep {
                step_index: i,
                skill: st.skill.clone(),
                level: st.level,
                hours,
                completes,
                whole,
            };
            let mut left = st.hours;
            if left <= eps {
                // A zero-hour (or negligible) step joins the week in progress.
                if weeks.is_empty() {
                    open_week(&mut weeks);
                    fill = 0.0;
                }
                fill += left;
            } else {
                // Splitting a long step over many weeks leaves float residue
                // in `left`: what is within the SPEC's relative tolerance of
                // the step's hours is no more work.
                let eps = TOLERANCE * st.hours.max(hpw);
                let mut split = false;
                loop {
                    if weeks.is_empty() || fill >= hpw - eps {
                        open_week(&mut weeks);
                        fill = 0.0;
                    }
                    let space = hpw - fill;
                    let Some(week) = weeks.last_mut() else {
                        break; // cannot happen: a week was just opened
                    };
                    if left <= space + eps {
                        week.items.push(item(left, true, !split));
                        fill += left;
                        break;
                    }
                    week.items.push(item(space, false, false));
                    split = true;
                    fill = hpw;
                    left -= space;
                }
                ends[i] = weeks.len() as u32;
                continue;
            }
            if let Some(week) = weeks.last_mut() {
                week.items.push(item(left, true, true));
            }
            ends[i] = weeks.len() as u32;
        }
        // Every week but the last is full: exactly hours_per_week.
        let n = weeks.len();
        for (k, w) in weeks.iter_mut().enumerate() {
            w.hours = if k + 1 < n || fill >= hpw - eps {
                hpw
            } else {
                fill
            };
        }
        for m in &mut milestones {
            m.week = ends.get(m.step_index).copied();
        }
        Ok(Schedule {
            hours_per_week: hpw,
            total_weeks: n as u32,
            weeks,
            milestones,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::profile::Profile;
    use crate::results::Step;
    use proptest::prelude::*;
    use serde_json::json;

    /// A catalog of `n` independent one-level skills s0.. and one role per
    /// skill (r_i requires s_i), and a path learning s0, s1 … with `hours`
    /// (its `total_hours` exact, as from a query).
    pub(crate) fn case(hours: &[f64]) -> (Catalog, LearningPath) {
        let n = hours.len();
        let skills: Vec<_> = (0..n)
            .map(|i| json!({"id": format!("s{i}"), "name": format!("S{i}"), "hours": 1}))
            .collect();
        let roles: Vec<_> = (0..n)
            .map(|i| json!({"id": format!("r{i}"), "name": "R", "requires": [format!("s{i}")]}))
            .collect();
        let cat = Catalog::from_json(&json!({"skills": skills, "roles": roles}).to_string())
            .expect("valid");
        let steps: Vec<Step> = hours
            .iter()
            .enumerate()
            .map(|(i, &h)| Step {
                skill: format!("s{i}"),
                level: 1,
                hours: h,
                reasons: Vec::new(),
            })
            .collect();
        let total = crate::solve::sum::exact_sum(hours.iter().copied());
        let path = LearningPath {
            steps,
            total_hours: total,
            optimal: true,
            lower_bound: total,
            targets: Vec::new(),
            start: Profile::new(),
        };
        (cat, path)
    }

    /// (week, [(step, hours, completes)]) for compact assertions.
    type Layout = Vec<(u32, Vec<(usize, f64, bool)>, f64)>;

    fn layout(s: &Schedule) -> Layout {
        s.weeks
            .iter()
            .map(|w| {
                (
                    w.week,
                    w.items
                        .iter()
                        .map(|i| (i.step_index, i.hours, i.completes))
                        .collect(),
                    w.hours,
                )
            })
            .collect()
    }

    #[test]
    fn splits_steps_across_weeks() {
        let (cat, path) = case(&[12.0, 3.0, 10.0]);
        let s = cat.schedule(&path, 10.0).expect("ok");
        assert_eq!(
            layout(&s),
            vec![
                (1, vec![(0, 10.0, false)], 10.0),
                (
                    2,
                    vec![(0, 2.0, true), (1, 3.0, true), (2, 5.0, false)],
                    10.0
                ),
                (3, vec![(2, 5.0, true)], 5.0),
            ]
        );
        assert_eq!(s.total_weeks, 3);
        assert_eq!(s.hours_per_week, 10.0);
        let whole: Vec<(usize, bool)> = s
            .weeks
            .iter()
            .flat_map(|w| &w.items)
            .map(|i| (i.step_index, i.whole))
            .collect();
        assert_eq!(
            whole,
            [(0, false), (0, false), (1, true), (2, false), (2, false)]
        );
        let weeks: Vec<(String, Option<u32>)> = s
            .milestones
            .iter()
            .map(|m| (m.role.clone(), m.week))
            .collect();
        assert_eq!(
            weeks,
            vec![
                ("r0".into(), Some(2)),
                ("r1".into(), Some(2)),
                ("r2".into(), Some(3))
            ]
        );
    }

    #[test]
    fn float_residue_adds_no_week() {
        // 1000 h at 0.05 h a week is exactly 20,000 weeks (SPEC: ceil).
        for (h, hpw, weeks) in [(1000.0, 0.05, 20_000), (50.0, 0.001, 50_000), (0.3, 0.1, 3)] {
            let (cat, path) = case(&[h]);
            let s = cat.schedule(&path, hpw).expect("ok");
            assert_eq!(s.total_weeks, weeks, "{h} h at {hpw}");
            assert_eq!(s.weeks.len(), weeks as usize, "{h} h at {hpw}");
        }
    }

    #[test]
    fn schedules_written_without_whole_still_load() {
        let (cat, path) = case(&[12.0, 3.0, 0.0]);
        let s = cat.schedule(&path, 10.0).expect("ok");
        let mut old = serde_json::to_value(&s).expect("json");
        for w in old["weeks"].as_array_mut().expect("weeks") {
            for it in w["items"].as_array_mut().expect("items") {
                it.as_object_mut().expect("item").remove("whole");
            }
        }
        let back: Schedule = serde_json::from_value(old).expect("loads");
        assert_eq!(back, s);
        let item: ScheduledStep = serde_json::from_value(
            json!({"step_index": 0, "skill": "s0", "level": 1, "hours": 2.0, "completes": true}),
        )
        .expect("loads");
        assert!(!item.whole);
    }

    #[test]
    fn zero_hour_steps_join_the_week_in_progress() {
        // First: week 1. After a full week: that week, not a new one.
        let (cat, path) = case(&[0.0, 10.0, 0.0, 4.0, 0.0]);
        let s = cat.schedule(&path, 10.0).expect("ok");
        assert_eq!(
            layout(&s),
            vec![
                (
                    1,
                    vec![(0, 0.0, true), (1, 10.0, true), (2, 0.0, true)],
                    10.0
                ),
                (2, vec![(3, 4.0, true), (4, 0.0, true)], 4.0),
            ]
        );
        assert_eq!(s.milestones[2].week, Some(1));
        // Only zero-hour steps: one week of 0 hours.
        let (cat, path) = case(&[0.0, 0.0]);
        let s = cat.schedule(&path, 5.0).expect("ok");
        assert_eq!(s.total_weeks, 1);
        assert_eq!(
            layout(&s),
            vec![(1, vec![(0, 0.0, true), (1, 0.0, true)], 0.0)]
        );
    }

    #[test]
    fn exact_fit_has_no_trailing_week() {
        let (cat, path) = case(&[10.0, 10.0]);
        let s = cat.schedule(&path, 10.0).expect("ok");
        assert_eq!(s.total_weeks, 2);
        assert_eq!(s.weeks[1].hours, 10.0);
        // 0.1 + 0.2 != 0.3 in floating point; still one full week.
        let (cat, path) = case(&[0.1, 0.2]);
        let s = cat.schedule(&path, 0.3).expect("ok");
        assert_eq!(s.total_weeks, 1);
        assert_eq!(s.weeks[0].hours, 0.3);
        // A remainder of 1e-13 h does not make a week of its own.
        let (cat, path) = case(&[10.0 + 1e-13]);
        let s = cat.schedule(&path, 10.0).expect("ok");
        assert_eq!(s.total_weeks, 1);
        assert_eq!(s.weeks[0].items.len(), 1);
    }

    #[test]
    fn empty_path_has_no_weeks() {
        let (cat, path) = case(&[]);
        let s = cat.schedule(&path, 10.0).expect("ok");
        assert_eq!(
            (s.total_weeks, s.weeks.len(), s.milestones.len()),
            (0, 0, 0)
        );
    }

    #[test]
    fn bad_arguments_are_errors() {
        let (cat, path) = case(&[10.0]);
        for hpw in [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(
                matches!(cat.schedule(&path, hpw), Err(Error::InvalidArgument(_))),
                "{hpw}"
            );
        }
        // Absurd week counts are refused, not allocated.
        assert!(matches!(
            cat.schedule(&path, 1e-300),
            Err(Error::InvalidArgument(_))
        ));
        assert!(matches!(
            cat.schedule(&path, 5e-6),
            Err(Error::InvalidArgument(_))
        ));
        let (cat, mut path) = case(&[10.0]);
        path.steps[0].hours = -1.0;
        assert!(matches!(
            cat.schedule(&path, 5.0),
            Err(Error::InvalidArgument(_))
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn schedule_invariants(
            hours in prop::collection::vec(prop_oneof![Just(0.0), 0.0f64..30.0, (0u32..20).prop_map(f64::from)], 0..12),
            hpw in prop_oneof![0.1f64..40.0, (1u32..15).prop_map(f64::from), Just(0.3)],
        ) {
            let (cat, path) = case(&hours);
            let s = cat.schedule(&path, hpw).expect("valid");
            let total: f64 = hours.iter().sum();
            let eps = 1e-9 * hpw;
            prop_assert_eq!(s.total_weeks as usize, s.weeks.len());
            if hours.is_empty() {
                prop_assert_eq!(s.total_weeks, 0);
            } else {
                let q = total / hpw;
                if (q - q.round()).abs() > 1e-6 {
                    prop_assert_eq!(s.total_weeks as f64, q.ceil().max(1.0));
                }
            }
            let mut per_step = vec![0.0; hours.len()];
            let mut ends = vec![0u32; hours.len()];
            let mut last = 0usize;
            for (k, w) in s.weeks.iter().enumerate() {
                prop_assert_eq!(w.week as usize, k + 1);
                let sum: f64 = w.items.iter().map(|i| i.hours).sum();
                if k + 1 < s.weeks.len() {
                    prop_assert_eq!(w.hours, hpw);
                    prop_assert!((sum - hpw).abs() <= 1e-9 * hpw.max(1.0) * 4.0);
                } else {
                    prop_assert!(w.hours <= hpw);
                    prop_assert!((sum - w.hours).abs() <= 1e-9 * hpw.max(1.0) * 4.0);
                    // No empty trailing week unless it is the only one.
                    prop_assert!(s.weeks.len() == 1 || w.hours > eps);
                }
                for it in &w.items {
                    // In path order, each slice of a step either the whole
                    // step or a real part of it.
                    prop_assert!(it.step_index >= last);
                    last = it.step_index;
                    prop_assert!(it.hours > eps || hours[it.step_index] <= eps);
                    per_step[it.step_index] += it.hours;
                    if it.completes {
                        prop_assert_eq!(ends[it.step_index], 0);
                        ends[it.step_index] = w.week;
                    }
                }
            }
            for (i, &h) in hours.iter().enumerate() {
                prop_assert!((per_step[i] - h).abs() <= 1e-9 * h.max(1.0) * 4.0);
                prop_assert!(ends[i] >= 1);
            }
            // `whole` exactly when the step is in one slice, which then
            // holds all its hours.
            let items: Vec<&ScheduledStep> = s.weeks.iter().flat_map(|w| &w.items).collect();
            for it in &items {
                let slices = items.iter().filter(|o| o.step_index == it.step_index).count();
                prop_assert_eq!(it.whole, slices == 1);
                if it.whole {
                    prop_assert_eq!(it.hours, hours[it.step_index]);
                }
            }
            prop_assert_eq!(s.milestones.len(), hours.len());
            for m in &s.milestones {
                prop_assert_eq!(m.week, Some(ends[m.step_index]));
            }
        }
    }
}
