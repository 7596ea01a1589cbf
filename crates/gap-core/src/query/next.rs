//! [`Catalog::next_steps`]: what can be learned now, optionally only what
//! leads towards targets.

use std::collections::BTreeMap;

use crate::catalog::Catalog;
use crate::error::Result;
use crate::model::{SkillIx, StepIx};
use crate::profile::Profile;
use crate::query::options::{Limits, Target};
use crate::replay::step_valid;
use crate::results::NextStep;
use crate::solve::{Ctx, Meter, optimal_steps};

use super::{entries_of, resolve_targets};

impl Catalog {
    /// The steps that can be taken now (SPEC 4).
    ///
    /// Without targets: every valid step (the outer fringe of the profile),
    /// by own hours after transfers ascending, then skill id, then level.
    /// With targets: only the valid steps that belong to some minimal optimal
    /// step set (a shortest path from which no step can be dropped) of at
    /// least one target, by the number of such targets descending, then own
    /// hours, skill id and level; `targets` lists those targets. Alternative
    /// optima of targets with `any_of` groups are enumerated within the
    /// default search budget, shared by all targets (see
    /// [`next_steps_with`](Catalog::next_steps_with)).
    ///
    /// # Errors
    /// A bad profile, an unknown role id, or an invalid caller role.
    ///
    /// # Example
    /// ```
    /// use gap_core::{Catalog, Profile, Target};
    /// let cat = Catalog::from_json(r#"{
    ///   "skills": [{"id": "python", "name": "Python", "hours": [40, 80]},
    ///              {"id": "sql", "name": "SQL", "hours": 30}],
    ///   "roles": [{"id": "dev", "name": "Developer", "requires": ["python@2"]}]
    /// }"#)?;
    /// let all = cat.next_steps(&Profile::new(), None)?;
    /// assert_eq!(all.iter().map(|s| s.skill.as_str()).collect::<Vec<_>>(), ["sql", "python"]);
    /// let dev = cat.next_steps(&Profile::new(), Some(&[Target::from("dev")]))?;
    /// assert_eq!((dev.len(), dev[0].skill.as_str(), dev[0].targets.clone()), (1, "python", vec!["dev".to_string()]));
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn next_steps(
        &self,
        profile: &Profile,
        targets: Option<&[Target]>,
    ) -> Result<Vec<NextStep>> {
        self.next_steps_with(profile, targets, &Limits::default())
    }

    /// [`next_steps`](Catalog::next_steps) within `limits`: one node budget
    /// for all targets together, and a cancellation check.
    ///
    /// # Errors
    /// As [`next_steps`](Catalog::next_steps), and
    /// [`Error::Cancelled`](crate::Error::Cancelled).
    pub fn next_steps_with(
        &self,
        profile: &Profile,
        targets: Option<&[Target]>,
        limits: &Limits,
    ) -> Result<Vec<NextStep>> {
        self.next_steps_metered(profile, targets, &mut Meter::new(limits))
    }

    /// [`next_steps`](Catalog::next_steps) drawing on `meter` (the query's
    /// one budget).
    pub(crate) fn next_steps_metered(
        &self,
        profile: &Profile,
        targets: Option<&[Target]>,
        meter: &mut Meter<'_>,
    ) -> Result<Vec<NextStep>> {
        let start = self.resolve_profile(profile)?;
        let g = self.step_graph();
        let Some(targets) = targets else {
            let mut out: Vec<NextStep> = Vec::new();
            for (i, sk) in self.skills().iter().enumerate() {
                let s = SkillIx(i as u32);
                let l = start[i] + 1;
                if step_valid(self, &start, s, l) {
                    out.push(NextStep {
                        skill: sk.id.clone(),
                        level: l,
                        hours: self.step_hours(s, l, &start),
                        targets: Vec::new(),
                    });
                }
            }
            out.sort_by(|a, b| {
                a.hours
                    .total_cmp(&b.hours)
                    .then_with(|| a.skill.cmp(&b.skill))
                    .then(a.level.cmp(&b.level))
            });
            return Ok(out);
        };
        let roles = resolve_targets(self, targets)?;
        let ids: Vec<&str> = roles.iter().map(|r| r.id.as_str()).collect();
        let ctx = Ctx::new(self, &start, &ids);
        let mut by_step: BTreeMap<StepIx, Vec<usize>> = BTreeMap::new();
        for (i, role) in roles.iter().enumerate() {
            for st in optimal_steps(&ctx, &entries_of(0, role), meter)? {
                let (s, l) = g.skill_level(st);
                if step_valid(self, &start, s, l) {
                    let v = by_step.entry(st).or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
        }
        let mut out: Vec<(usize, NextStep)> = by_step
            .into_iter()
            .map(|(st, ts)| {
                let (s, l) = g.skill_level(st);
                (
                    ts.len(),
                    NextStep {
                        skill: self.skill_id(s).to_string(),
                        level: l,
                        hours: self.step_hours(s, l, &start),
                        targets: ts.iter().map(|&i| ids[i].to_string()).collect(),
                    },
                )
            })
            .collect();
        out.sort_by(|(na, a), (nb, b)| {
            nb.cmp(na)
                .then(a.hours.total_cmp(&b.hours))
                .then_with(|| a.skill.cmp(&b.skill))
                .then(a.level.cmp(&b.level))
        });
        Ok(out.into_iter().map(|(_, s)| s).collect())
    }
}
