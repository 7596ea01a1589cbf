//! Decompiling: compiled catalog items back as plain data, for front ends (the
//! Python binding, tools): the file definition of one skill or role
//! ([`Catalog::skill_def`], [`Catalog::role_def`], the same conversion that
//! writes a whole catalog back in `validate::decompile`), the skill-level
//! prerequisite edge list ([`Catalog::skill_edges`], e.g. for networkx), and
//! the profile a path leads to ([`Profile::after`]). Graphviz and Mermaid
//! drawings are in `export`.

use std::collections::HashSet;

use crate::catalog::Catalog;
use crate::format::{GroupDef, Hours, ReqDef, RoleDef, SkillDef};
use crate::model::{Need, Requirement, Role, RoleIx, Skill, SkillIx};
use crate::profile::Profile;
use crate::reference::format_reference;
use crate::results::LearningPath;

/// One edge of the skill-level prerequisite graph: some level of `to` needs
/// `from` at `min_level` (directly or as a member of an `any_of` group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillEdge {
    /// The prerequisite skill id.
    pub from: String,
    /// The skill id that needs it.
    pub to: String,
    /// The lowest level of `to` that needs it.
    pub level: u32,
    /// The level of `from` needed.
    pub min_level: u32,
    /// The group entry (`any_of[aws, gcp]`) when `from` is one alternative of
    /// a group, `None` for a plain reference.
    pub group: Option<String>,
}

/// One step of the step graph by id: `(skill id, level)`.
pub type StepRef<'a> = (&'a str, u32);

/// The reference text of a need (`python@2`) among `skills`.
pub(crate) fn need_text(skills: &[Skill], n: &Need) -> String {
    format_reference(&skills[n.skill.ix()].id, n.level)
}

/// A compiled requirement as written in a catalog file.
fn req_def(skills: &[Skill], r: &Requirement) -> ReqDef {
    match r {
        Requirement::Skill(n) => ReqDef::Ref(need_text(skills, n)),
        Requirement::AnyOf { members, count } => ReqDef::Group(GroupDef {
            any_of: members.iter().map(|n| need_text(skills, n)).collect(),
            count: i64::from(*count),
        }),
    }
}

/// A compiled skill of `skills` as written in a catalog file.
pub(crate) fn skill_def(skills: &[Skill], s: &Skill) -> SkillDef {
    let reqs = |r: &[Requirement]| r.iter().map(|q| req_def(skills, q)).collect();
    SkillDef {
        id: s.id.clone(),
        name: s.name.clone(),
        category: s.category.clone(),
        description: s.description.clone(),
        source: s.source.clone(),
        aliases: s.aliases.clone(),
        resources: s.resources.clone(),
        hours: if s.hours.len() == 1 {
            Hours::One(s.hours[0])
        } else {
            Hours::Levels(s.hours.clone())
        },
        requires: s.level_reqs.first().map(|r| reqs(r)).unwrap_or_default(),
        level_requires: s
            .level_reqs
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, r)| !r.is_empty())
            .map(|(i, r)| ((i + 1).to_string(), reqs(r)))
            .collect(),
    }
}

/// A compiled role (over `skills`) as written in a catalog file.
pub(crate) fn role_def(skills: &[Skill], r: &Role) -> RoleDef {
    RoleDef {
        id: r.id.clone(),
        name: r.name.clone(),
        family: r.family.clone(),
        description: r.description.clone(),
        source: r.source.clone(),
        requires: r.requires.iter().map(|q| req_def(skills, q)).collect(),
        optional: r.optional.iter().map(|n| need_text(skills, n)).collect(),
    }
}

impl Catalog {
    /// The definition of one skill as it would be written in a catalog file.
    ///
    /// ```
    /// let cat = gap_core::Catalog::from_json(r#"{"skills": [
    ///   {"id": "a", "name": "A", "hours": [1, 2]},
    ///   {"id": "b", "name": "B", "hours": 3, "requires": ["a@2"]}]}"#).unwrap();
    /// let b = cat.skill_def(cat.skill_index("b").unwrap());
    /// assert_eq!(b.requires[0].to_string(), "a@2");
    /// ```
    pub fn skill_def(&self, ix: SkillIx) -> SkillDef {
        skill_def(self.skills(), &self.skills()[ix.ix()])
    }

    /// The definition of one role as it would be written in a catalog file.
    pub fn role_def(&self, ix: RoleIx) -> RoleDef {
        role_def(self.skills(), &self.roles()[ix.ix()])
    }

    /// The skill-level prerequisite graph as an edge list, one edge per
    /// (prerequisite, skill) pair: for each skill in catalog order, its
    /// requirements level by level, in the order written. The implicit
    /// "level L needs level L-1" edges are left out.
    ///
    /// Complexity: O(total number of references in the catalog).
    pub fn skill_edges(&self) -> Vec<SkillEdge> {
        let mut seen: HashSet<(u32, u32)> = HashSet::new();
        let mut edges = Vec::new();
        for (i, s) in self.skills().iter().enumerate() {
            for (li, reqs) in s.level_reqs.iter().enumerate() {
                for r in reqs {
                    let group = r.is_group().then(|| req_def(self.skills(), r).to_string());
                    for n in r.members() {
                        if seen.insert((n.skill.0, i as u32)) {
                            edges.push(SkillEdge {
                                from: self.skill_id(n.skill).to_string(),
                                to: s.id.clone(),
                                level: li as u32 + 1,
                                min_level: n.level,
                                group: group.clone(),
                            });
                        }
                    }
                }
            }
        }
        edges
    }

    /// The step graph (one node per (skill, level)) as an edge list for
    /// front ends: `((skill, level), (skill, level))` pairs pointing from the
    /// prerequisite step to the step that needs it (the reverse of
    /// [`StepGraph::prerequisites`](crate::graph::StepGraph::prerequisites)):
    /// the level below, each reference and each `any_of` member. One edge
    /// per distinct pair, dependents in step order (catalog order, then
    /// level), each one's prerequisites in step order. The graph is acyclic.
    ///
    /// Complexity: O(steps + edges · log).
    ///
    /// ```
    /// let cat = gap_core::Catalog::from_json(r#"{"skills": [
    ///   {"id": "python", "name": "Python", "hours": [40, 80]},
    ///   {"id": "pandas", "name": "pandas", "hours": 20, "requires": ["python@2"]}]}"#)?;
    /// let e = cat.step_edges();
    /// assert_eq!(e, [(("python", 1), ("python", 2)), (("python", 2), ("pandas", 1))]);
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn step_edges(&self) -> Vec<(StepRef<'_>, StepRef<'_>)> {
        let g = self.step_graph();
        let step = |s| {
            let (skill, level) = g.skill_level(s);
            (self.skill_id(skill), level)
        };
        let mut edges = Vec::with_capacity(g.edge_count());
        let mut pre = Vec::new();
        for i in 0..g.len() {
            let to = crate::model::StepIx(i as u32);
            pre.clear();
            pre.extend(g.prerequisites(to));
            pre.sort_unstable();
            pre.dedup();
            edges.extend(pre.iter().map(|&p| (step(p), step(to))));
        }
        edges
    }
}

impl Profile {
    /// The profile after learning every step of `path` (each skill at the
    /// higher of its current level and the levels the path teaches).
    ///
    /// ```
    /// use gap_core::{LearningPath, Profile, Step};
    /// let path = LearningPath::new(vec![Step::new("sql", 1, 30.0)], Profile::new());
    /// assert_eq!(Profile::new().after(&path).level("sql"), 1);
    /// ```
    pub fn after(&self, path: &LearningPath) -> Profile {
        let mut p = self.clone();
        for s in &path.steps {
            p.raise(s.skill.as_str(), s.level);
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{Reason, Step};

    fn cat() -> Catalog {
        Catalog::from_json(
            r#"{"skills": [
              {"id": "python", "name": "Python \"3\"", "hours": [40, 80]},
              {"id": "aws", "name": "AWS", "hours": 20},
              {"id": "gcp", "name": "GCP", "hours": 25},
              {"id": "ml", "name": "ML", "hours": [50, 60], "requires": ["python@2"],
               "level_requires": {"2": [{"any_of": ["aws", "gcp"]}]}}],
             "roles": [{"id": "mle", "name": "MLE", "requires": ["ml", {"any_of": ["aws", "gcp"]}],
                        "optional": ["gcp"]}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn defs_round_trip_through_the_catalog() {
        let c = cat();
        let def = c.to_def();
        for (i, s) in def.skills.iter().enumerate() {
            assert_eq!(&c.skill_def(SkillIx(i as u32)), s);
        }
        for (i, r) in def.roles.iter().enumerate() {
            assert_eq!(&c.role_def(RoleIx(i as u32)), r);
        }
    }

    #[test]
    fn edges_and_dot() {
        let c = cat();
        let e = c.skill_edges();
        assert_eq!(e.len(), 3);
        assert_eq!((e[0].from.as_str(), e[0].to.as_str()), ("python", "ml"));
        assert_eq!(
            (e[0].level, e[0].min_level, e[0].group.is_none()),
            (1, 2, true)
        );
        assert_eq!(e[1].group.as_deref(), Some("any_of[aws, gcp]"));
        assert_eq!(e[1].level, 2);
    }

    #[test]
    fn step_edges_are_the_step_graph() {
        let c = cat();
        let e = c.step_edges();
        // python 1->2, ml 1->2, python@2 -> ml@1, aws/gcp -> ml@2
        assert_eq!(e.len(), 5);
        assert!(e.contains(&(("python", 2), ("ml", 1))));
        assert!(e.contains(&(("gcp", 1), ("ml", 2))));
        let d = Catalog::default();
        let g = d.step_graph();
        assert_eq!(d.step_edges().len(), g.edge_count());
        let rank = |(id, l): (&str, u32)| g.topo_rank(d.step(d.skill_index(id).unwrap(), l));
        assert!(d.step_edges().iter().all(|&(a, b)| rank(a) < rank(b)));
    }

    #[test]
    fn profile_after_path() {
        let step = |skill: &str, level, reasons| Step {
            skill: skill.into(),
            level,
            hours: 10.5,
            reasons,
        };
        let path = LearningPath {
            steps: vec![
                step(
                    "python",
                    1,
                    vec![Reason::Prerequisite {
                        skill: "python".into(),
                        level: 2,
                    }],
                ),
                step(
                    "python",
                    2,
                    vec![Reason::Role {
                        role: "mle".into(),
                        entry: "python@2".into(),
                    }],
                ),
            ],
            total_hours: 21.0,
            optimal: true,
            lower_bound: 21.0,
            targets: vec!["mle".into()],
            start: Profile::new(),
        };
        let p = Profile::new().with("python", 1).with("sql", 1).after(&path);
        assert_eq!((p.level("python"), p.level("sql")), (2, 1));
        assert_eq!(
            Profile::new()
                .with("python", 3)
                .after(&path)
                .level("python"),
            3
        );
    }
}
