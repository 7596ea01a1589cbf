//! [`Catalog::next_steps`]: what can be learned now, optionally only what
//! leads towards targets.

use std::collections::BTreeMap;

use crate::catalog::Catalog;
use crate::error::Result;
use crate::model::{SkillIx, StepIx};
use crate::profile::Profile;
use crate::results::{NextStep, Target};
use crate::solve::{Ctx, DEFAULT_BUDGET, optimal_steps};

use super::{entries_of, resolve_targets};

impl Catalog {
    /// Whether step (`s`, `l`) is valid for `start`: the level below is the
    /// current level and every requirement of the level is met.
    fn valid_now(&self, s: SkillIx, l: u32, start: &[u32]) -> bool {
        start[s.ix()] + 1 == l
            && self.skills()[s.ix()]
                .requirements(l)
                .iter()
                .all(|r| r.satisfied_by(start))
    }

    /// The steps that can be taken now (SPEC 4).
    ///
    /// Without targets: every valid step (the outer fringe of the profile),
    /// by own hours after transfers ascending, then skill id, then level.
    /// With targets: only the valid steps that belong to some minimal optimal
    /// step set (a shortest path from which no step can be dropped) of at
    /// least one target, by the number of such targets descending, then own
    /// hours, skill id and level; `targets` lists those targets. Alternative
    /// optima of targets with `any_of` groups are enumerated within the
    /// default search budget.
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
        let start = self.resolve_profile(profile)?;
        let g = self.step_graph();
        let Some(targets) = targets else {
            let mut out: Vec<NextStep> = Vec::new();
            for (i, sk) in self.skills().iter().enumerate() {
                let s = SkillIx(i as u32);
                let l = start[i] + 1;
                if l <= sk.levels() && self.valid_now(s, l, &start) {
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
        let ctx = Ctx {
            cat: self,
            start: &start,
            avoid: &[],
            target_ids: &ids,
        };
        let mut by_step: BTreeMap<StepIx, Vec<usize>> = BTreeMap::new();
        for (i, role) in roles.iter().enumerate() {
            for st in optimal_steps(&ctx, &entries_of(0, role), DEFAULT_BUDGET)? {
                let (s, l) = g.skill_level(st);
                if self.valid_now(s, l, &start) {
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
