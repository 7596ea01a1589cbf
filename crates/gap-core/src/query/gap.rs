//! [`Catalog::gap`]: how far a profile is from one role.

use crate::catalog::Catalog;
use crate::error::Result;
use crate::model::Requirement;
use crate::profile::Profile;
use crate::query::options::{Limits, Target};
use crate::results::{Gap, Missing};
use crate::solve::{Ctx, Meter, requirement_text, solve};

use super::{coverage, entries_of};

impl Catalog {
    /// The gap between `profile` and `target` (SPEC 4): whether the profile
    /// is job-ready, each unmet essential entry (a reference with the current
    /// and needed level, a group with how many more members are needed), the
    /// unmet optional references, the hours of the shortest learning path
    /// (with whether they are proven minimal) and the coverage (satisfied
    /// entries / all entries, 1.0 for a role without entries).
    ///
    /// # Errors
    /// A bad profile ([`Error::UnknownSkill`](crate::Error::UnknownSkill),
    /// [`Error::Profile`](crate::Error::Profile)) or target
    /// ([`Error::UnknownRole`](crate::Error::UnknownRole),
    /// [`Error::Invalid`](crate::Error::Invalid)).
    ///
    /// # Example
    /// ```
    /// use gap_core::{Catalog, Profile, Target, Missing};
    /// let cat = Catalog::from_json(r#"{
    ///   "skills": [{"id": "python", "name": "Python", "hours": [40, 80]},
    ///              {"id": "sql", "name": "SQL", "hours": 30}],
    ///   "roles": [{"id": "analyst", "name": "Analyst", "requires": ["python@2"], "optional": ["sql"]}]
    /// }"#)?;
    /// let g = cat.gap(&Profile::from_refs(["python"])?, &Target::from("analyst"))?;
    /// assert!(!g.ready);
    /// assert_eq!(g.hours, 80.0);
    /// assert_eq!(g.coverage, 0.0);
    /// assert!(matches!(&g.missing[0], Missing::Skill { current: 1, needed: 2, .. }));
    /// assert_eq!(g.optional_missing, ["sql"]);
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn gap(&self, profile: &Profile, target: &Target) -> Result<Gap> {
        self.gap_with(profile, target, &Limits::default())
    }

    /// [`gap`](Catalog::gap) within `limits` (a node budget and a
    /// cancellation check for the query).
    ///
    /// # Errors
    /// As [`gap`](Catalog::gap), and [`Error::Cancelled`](crate::Error::Cancelled).
    pub fn gap_with(&self, profile: &Profile, target: &Target, limits: &Limits) -> Result<Gap> {
        let start = self.resolve_profile(profile)?;
        let role = self.resolve_target(target)?;
        let mut missing = Vec::new();
        for req in &role.requires {
            if req.satisfied_by(&start) {
                continue;
            }
            let entry = requirement_text(self, req);
            missing.push(match req {
                Requirement::Skill(n) => Missing::Skill {
                    entry,
                    skill: self.skill_id(n.skill).to_string(),
                    current: start[n.skill.ix()],
                    needed: n.level,
                },
                Requirement::AnyOf { members, count } => {
                    let satisfied =
                        members.iter().filter(|m| m.satisfied_by(&start)).count() as u32;
                    Missing::Group {
                        entry,
                        members: members.iter().map(|m| self.need_text(m)).collect(),
                        count: *count,
                        satisfied,
                        more: count.saturating_sub(satisfied),
                    }
                }
            });
        }
        let optional_missing = role
            .optional
            .iter()
            .filter(|n| !n.satisfied_by(&start))
            .map(|n| self.need_text(n))
            .collect();
        let (cov, ready) = coverage(&role, &start);
        let ids = [role.id.as_str()];
        let ctx = Ctx::new(self, &start, &ids);
        let solved = solve(&ctx, &entries_of(0, &role), &mut Meter::new(limits))?;
        Ok(Gap {
            role: role.id.clone(),
            ready,
            missing,
            optional_missing,
            hours: solved.cost,
            optimal: solved.optimal,
            coverage: cov,
        })
    }
}
