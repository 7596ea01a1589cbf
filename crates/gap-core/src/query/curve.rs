//! Employers differ (SPEC 4): [`Catalog::readiness_curve`], the fewest
//! hours to be job-ready for at least k of n target roles for every k, and
//! [`Catalog::demand`], which skills a set of roles asks for and how often.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::Result;
use crate::model::Role;
use crate::profile::Profile;
use crate::query::options::{Limits, Order, Target};
use crate::results::LearningPath;
use crate::solve::kofn::{Best, KOfN};
use crate::solve::{Ctx, Meter, definitely_less, no_targets};

use super::resolve_targets;

/// One point of a readiness curve: the fewest hours to be job-ready for at
/// least `k` of the targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CurvePoint {
    /// How many targets (at least).
    pub k: usize,
    /// Hours of the path (never less than the row before).
    pub hours: f64,
    /// Whether the hours are proven minimal.
    pub optimal: bool,
    /// A proven lower bound on the minimum (= hours when optimal; never
    /// less than the row before).
    pub lower_bound: f64,
    /// The targets job-ready after the path, in the order given (at least k).
    pub targets: Vec<String>,
    /// The path (its `targets` are the same).
    pub path: LearningPath,
}

/// One row of [`Catalog::demand`]: how many of the roles ask for a skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DemandRow {
    /// The skill id.
    pub skill: String,
    /// The skill's name.
    pub name: String,
    /// Roles naming it as an essential reference.
    pub essential: u32,
    /// Roles naming it as a member of an essential `any_of` group.
    pub alternative: u32,
    /// Roles naming it as optional.
    pub optional: u32,
}

impl Catalog {
    /// The readiness curve of `profile` against `targets` (SPEC 4): for each
    /// k = 1..=n (n distinct targets), the k-of-n path
    /// ([`Mode::AtLeast`](crate::Mode::AtLeast)) with its hours, `optimal`,
    /// `lower_bound` and the targets it makes ready.
    ///
    /// The hours never decrease with k: a plan for k + 1 targets is a plan
    /// for k, and is taken when it is cheaper than the one found for k (the
    /// lower bounds are made non-decreasing the same way). The work is
    /// shared across k (every set of targets is solved once); the node
    /// budget of `limits` applies to each k, and `limits.progress` counts
    /// the k done out of n.
    ///
    /// # Errors
    /// As [`learning_path`](Catalog::learning_path): a bad profile or
    /// target, no targets, [`Error::Cancelled`](crate::Error::Cancelled).
    ///
    /// # Example
    /// ```
    /// use gap_core::{Catalog, Limits, Profile, Target};
    /// let cat = Catalog::from_json(r#"{
    ///   "skills": [{"id": "python", "name": "Python", "hours": 40},
    ///              {"id": "sql", "name": "SQL", "hours": 20},
    ///              {"id": "spark", "name": "Spark", "hours": 30, "requires": ["python"]}],
    ///   "roles": [{"id": "a", "name": "A", "requires": ["python", "sql"]},
    ///             {"id": "b", "name": "B", "requires": ["spark"]},
    ///             {"id": "c", "name": "C", "requires": ["sql"]}]
    /// }"#)?;
    /// let targets: Vec<Target> = ["a", "b", "c"].map(Target::from).to_vec();
    /// let curve = cat.readiness_curve(&Profile::new(), &targets, &Limits::default())?;
    /// let hours: Vec<f64> = curve.iter().map(|p| p.hours).collect();
    /// assert_eq!(hours, [20.0, 60.0, 90.0]);
    /// assert_eq!(curve[1].targets, ["a", "c"]);
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn readiness_curve(
        &self,
        profile: &Profile,
        targets: &[Target],
        limits: &Limits,
    ) -> Result<Vec<CurvePoint>> {
        if targets.is_empty() {
            return Err(no_targets());
        }
        let start = self.resolve_profile(profile)?;
        let roles = resolve_targets(self, targets)?;
        let refs: Vec<&Role> = roles.iter().map(|r| &**r).collect();
        let ids: Vec<&str> = refs.iter().map(|r| r.id.as_str()).collect();
        let ctx = Ctx::new(self, &start, &ids);
        let n = refs.len();
        limits.progress_start(n);
        let mut search = KOfN::new(&ctx, &refs, &mut Meter::new(limits))?;
        let mut bests: Vec<Best> = Vec::with_capacity(n);
        for k in 1..=n {
            if search.feasible() < k {
                return Err(search.infeasible_error());
            }
            bests.push(search.best(k, &mut Meter::new(limits))?);
            limits.progress_step();
        }
        monotone(&mut bests);
        let mut meter = Meter::new(limits);
        bests
            .iter()
            .enumerate()
            .map(|(i, best)| {
                let path =
                    self.kofn_path(&ctx, profile, &refs, best, Order::Default, &mut meter)?;
                Ok(CurvePoint {
                    k: i + 1,
                    hours: path.total_hours,
                    optimal: path.optimal,
                    lower_bound: path.lower_bound,
                    targets: path.targets.clone(),
                    path,
                })
            })
            .collect()
    }

    /// Which skills `targets` ask for, and how often (SPEC 4, "Demand"):
    /// per skill, how many of the (distinct) roles name it as an essential
    /// reference, as a member of an essential group, and as optional (a
    /// role counts once per column, whatever the levels). Sorted by
    /// essential, alternative, optional (each descending), then skill id;
    /// skills no role names are left out.
    ///
    /// # Errors
    /// [`Error::UnknownRole`](crate::Error::UnknownRole) /
    /// [`Error::Invalid`](crate::Error::Invalid) for a bad target.
    ///
    /// # Example
    /// ```
    /// use gap_core::{Catalog, Target};
    /// let cat = Catalog::default();
    /// let rows = cat.demand(&[Target::from("ml-engineer"), Target::from("data-scientist")])?;
    /// assert!(rows[0].essential >= rows.last().map_or(0, |r| r.essential));
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn demand(&self, targets: &[Target]) -> Result<Vec<DemandRow>> {
        let roles = resolve_targets(self, targets)?;
        let mut counts: BTreeMap<u32, [u32; 3]> = BTreeMap::new();
        for role in &roles {
            let mut seen: BTreeMap<u32, [bool; 3]> = BTreeMap::new();
            for req in &role.requires {
                let col = usize::from(req.is_group());
                for m in req.members() {
                    seen.entry(m.skill.0).or_default()[col] = true;
                }
            }
            for m in &role.optional {
                seen.entry(m.skill.0).or_default()[2] = true;
            }
            for (s, cols) in seen {
                let c = counts.entry(s).or_default();
                for (i, &on) in cols.iter().enumerate() {
                    c[i] += u32::from(on);
                }
            }
        }
        let mut rows: Vec<DemandRow> = counts
            .into_iter()
            .map(|(s, [essential, alternative, optional])| {
                let skill = &self.skills()[s as usize];
                DemandRow {
                    skill: skill.id.clone(),
                    name: skill.name.clone(),
                    essential,
                    alternative,
                    optional,
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            (b.essential, b.alternative, b.optional)
                .cmp(&(a.essential, a.alternative, a.optional))
                .then_with(|| a.skill.cmp(&b.skill))
        });
        Ok(rows)
    }
}

/// Splits a text holding several job postings at lines that are `---`
/// (surrounding spaces ignored), each posting trimmed; empty pieces are
/// kept (so that an error can name the posting by its position).
///
/// ```
/// let p = gap_core::split_postings("Python and SQL\n---\nDocker\n");
/// assert_eq!(p, ["Python and SQL", "Docker"]);
/// ```
pub fn split_postings(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if line.trim() == "---" {
            out.push(text[start..pos].trim());
            start = pos + line.len();
        }
        pos += line.len();
    }
    out.push(text[start..].trim());
    out
}

/// Makes the answers non-decreasing in k: a cheaper plan for k + 1 is a
/// plan for k; a lower bound for k bounds k + 1 too.
fn monotone(bests: &mut [Best]) {
    for i in (0..bests.len().saturating_sub(1)).rev() {
        if bests[i + 1].plan.cost < bests[i].plan.cost {
            bests[i].plan = bests[i + 1].plan.clone();
            bests[i].solved = bests[i + 1].solved.clone();
        }
    }
    let mut floor = 0.0_f64;
    for b in bests.iter_mut() {
        let cost = b.plan.cost;
        floor = floor.max(b.lower_bound).min(cost);
        b.lower_bound = floor;
        b.optimal = !definitely_less(floor, cost);
    }
}
