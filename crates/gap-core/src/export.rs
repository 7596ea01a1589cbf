//! Catalogs and results in other shapes, for front ends and other tools: the
//! definition of one compiled skill or role ([`Catalog::skill_def`],
//! [`Catalog::role_def`]), the skill-level prerequisite edge list
//! ([`Catalog::skill_edges`], e.g. for networkx), Graphviz DOT
//! ([`Catalog::to_dot`], [`LearningPath::to_dot`]), Mermaid
//! ([`LearningPath::to_mermaid`]) and the profile after a path
//! ([`Profile::after`]).

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::catalog::Catalog;
use crate::format::{GroupDef, Hours, ReqDef, RoleDef, SkillDef};
use crate::model::{Requirement, RoleIx, SkillIx};
use crate::profile::Profile;
use crate::reference::format_reference;
use crate::results::{LearningPath, Reason};

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

impl Catalog {
    fn req_def(&self, r: &Requirement) -> ReqDef {
        match r {
            Requirement::Skill(n) => ReqDef::Ref(self.need_text(n)),
            Requirement::AnyOf { members, count } => ReqDef::Group(GroupDef {
                any_of: members.iter().map(|n| self.need_text(n)).collect(),
                count: i64::from(*count),
            }),
        }
    }

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
        let s = &self.skills()[ix.ix()];
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
            requires: s
                .level_reqs
                .first()
                .map(|r| r.iter().map(|q| self.req_def(q)).collect())
                .unwrap_or_default(),
            level_requires: s
                .level_reqs
                .iter()
                .enumerate()
                .skip(1)
                .filter(|(_, r)| !r.is_empty())
                .map(|(i, r)| {
                    (
                        (i + 1).to_string(),
                        r.iter().map(|q| self.req_def(q)).collect(),
                    )
                })
                .collect(),
        }
    }

    /// The definition of one role as it would be written in a catalog file.
    pub fn role_def(&self, ix: RoleIx) -> RoleDef {
        let r = &self.roles()[ix.ix()];
        RoleDef {
            id: r.id.clone(),
            name: r.name.clone(),
            family: r.family.clone(),
            description: r.description.clone(),
            source: r.source.clone(),
            requires: r.requires.iter().map(|q| self.req_def(q)).collect(),
            optional: r.optional.iter().map(|n| self.need_text(n)).collect(),
        }
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
                    let group = r.is_group().then(|| self.req_def(r).to_string());
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

    /// The catalog as a Graphviz DOT digraph: a box per skill, an arrow from
    /// each prerequisite to the skill that needs it (dashed for a member of an
    /// `any_of` group, labelled with the level needed above 1) and, when
    /// `roles` is true, an ellipse per role (node id `role:<id>`) with an
    /// arrow from each skill it requires (dotted for optional ones).
    ///
    /// ```
    /// let cat = gap_core::Catalog::from_json(r#"{"skills": [
    ///   {"id": "a", "name": "A", "hours": 1},
    ///   {"id": "b", "name": "B", "hours": 3, "requires": ["a"]}]}"#).unwrap();
    /// assert!(cat.to_dot(true).contains("\"a\" -> \"b\""));
    /// ```
    pub fn to_dot(&self, roles: bool) -> String {
        let mut out = String::from("digraph catalog {\n  rankdir=LR;\n  node [shape=box];\n");
        for s in self.skills() {
            let _ = writeln!(
                out,
                "  {} [label={}];",
                dot_quote(&s.id),
                dot_quote(&s.name)
            );
        }
        for e in self.skill_edges() {
            let mut attrs = Vec::new();
            if e.min_level > 1 {
                attrs.push(format!("label={}", dot_quote(&format!("@{}", e.min_level))));
            }
            if e.group.is_some() {
                attrs.push("style=dashed".to_string());
            }
            let _ = writeln!(
                out,
                "  {} -> {}{};",
                dot_quote(&e.from),
                dot_quote(&e.to),
                dot_attrs(&attrs)
            );
        }
        if roles {
            for r in self.roles() {
                let node = dot_quote(&format!("role:{}", r.id));
                let _ = writeln!(
                    out,
                    "  {node} [shape=ellipse, label={}];",
                    dot_quote(&r.name)
                );
                for req in &r.requires {
                    let dashed = req.is_group();
                    for n in req.members() {
                        let mut attrs = Vec::new();
                        if n.level > 1 {
                            attrs.push(format!("label={}", dot_quote(&format!("@{}", n.level))));
                        }
                        if dashed {
                            attrs.push("style=dashed".to_string());
                        }
                        let _ = writeln!(
                            out,
                            "  {} -> {node}{};",
                            dot_quote(self.skill_id(n.skill)),
                            dot_attrs(&attrs)
                        );
                    }
                }
                for n in &r.optional {
                    let _ = writeln!(
                        out,
                        "  {} -> {node} [style=dotted];",
                        dot_quote(self.skill_id(n.skill))
                    );
                }
            }
        }
        out.push_str("}\n");
        out
    }
}

/// The nodes and arrows of a path: a node per step, then (needed step index,
/// needing step index) pairs, then (step index, role id) pairs.
type PathGraph = (Vec<String>, Vec<(usize, usize)>, Vec<(usize, String)>);

fn path_graph(path: &LearningPath) -> PathGraph {
    let labels: Vec<String> = path
        .steps
        .iter()
        .map(|s| format_reference(&s.skill, s.level))
        .collect();
    let index_of = |skill: &str, level: u32| {
        path.steps
            .iter()
            .position(|s| s.skill == skill && s.level == level)
    };
    let mut step_edges = Vec::new();
    let mut role_edges = Vec::new();
    for (i, s) in path.steps.iter().enumerate() {
        for r in &s.reasons {
            match r {
                Reason::Prerequisite { skill, level } => {
                    if let Some(j) = index_of(skill, *level) {
                        step_edges.push((i, j));
                    }
                }
                Reason::Role { role, .. } => role_edges.push((i, role.clone())),
            }
        }
        // The level below, when it is also on the path.
        if s.level > 1
            && let Some(j) = index_of(&s.skill, s.level - 1)
            && !step_edges.contains(&(j, i))
        {
            step_edges.push((j, i));
        }
    }
    step_edges.sort_unstable();
    step_edges.dedup();
    role_edges.sort();
    role_edges.dedup();
    (labels, step_edges, role_edges)
}

impl LearningPath {
    /// The path as a Graphviz DOT digraph: a box per step (`skill@level`, with
    /// its hours), an arrow from each step to the steps that need it, and an
    /// arrow from each step a target role asks for to that role.
    pub fn to_dot(&self) -> String {
        let (labels, step_edges, role_edges) = path_graph(self);
        let mut out = String::from("digraph path {\n  rankdir=LR;\n  node [shape=box];\n");
        for (i, (l, s)) in labels.iter().zip(&self.steps).enumerate() {
            let _ = writeln!(
                out,
                "  s{i} [label={}];",
                dot_quote(&format!("{}. {l} ({} h)", i + 1, fmt_hours(s.hours)))
            );
        }
        for t in &self.targets {
            let _ = writeln!(
                out,
                "  {} [shape=ellipse];",
                dot_quote(&format!("role:{t}"))
            );
        }
        for (a, b) in step_edges {
            let _ = writeln!(out, "  s{a} -> s{b};");
        }
        for (a, role) in role_edges {
            let _ = writeln!(out, "  s{a} -> {};", dot_quote(&format!("role:{role}")));
        }
        out.push_str("}\n");
        out
    }

    /// The path as a Mermaid flowchart (left to right), same shape as
    /// [`LearningPath::to_dot`].
    pub fn to_mermaid(&self) -> String {
        let (labels, step_edges, role_edges) = path_graph(self);
        let mut out = String::from("flowchart LR\n");
        for (i, (l, s)) in labels.iter().zip(&self.steps).enumerate() {
            let _ = writeln!(
                out,
                "  s{i}[\"{}\"]",
                mermaid_escape(&format!("{}. {l} ({} h)", i + 1, fmt_hours(s.hours)))
            );
        }
        for (k, t) in self.targets.iter().enumerate() {
            let _ = writeln!(out, "  r{k}([\"{}\"])", mermaid_escape(t));
        }
        for (a, b) in step_edges {
            let _ = writeln!(out, "  s{a} --> s{b}");
        }
        for (a, role) in role_edges {
            if let Some(k) = self.targets.iter().position(|t| *t == role) {
                let _ = writeln!(out, "  s{a} --> r{k}");
            }
        }
        out
    }
}

impl Profile {
    /// The profile after learning every step of `path` (each skill at the
    /// higher of its current level and the levels the path teaches).
    ///
    /// ```
    /// use gap_core::{LearningPath, Profile, Step};
    /// let path = LearningPath { steps: vec![Step { skill: "sql".into(), level: 1, hours: 30.0, reasons: vec![] }],
    ///     total_hours: 30.0, optimal: true, lower_bound: 30.0, targets: vec![], start: Profile::new() };
    /// assert_eq!(Profile::new().after(&path).level("sql"), 1);
    /// ```
    pub fn after(&self, path: &LearningPath) -> Profile {
        let mut p = self.clone();
        for s in &path.steps {
            if p.level(&s.skill) < s.level {
                p.set(s.skill.clone(), s.level);
            }
        }
        p
    }
}

/// Hours without a trailing `.0` (`40`, `12.5`).
fn fmt_hours(h: f64) -> String {
    if h.fract() == 0.0 && h.abs() < 1e15 {
        format!("{}", h as i64)
    } else {
        format!("{h:.1}")
    }
}

/// A DOT double-quoted string.
fn dot_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn dot_attrs(attrs: &[String]) -> String {
    if attrs.is_empty() {
        String::new()
    } else {
        format!(" [{}]", attrs.join(", "))
    }
}

/// Text safe inside a Mermaid `"..."` label.
fn mermaid_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Step;

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
        let dot = c.to_dot(true);
        assert!(dot.contains(r#""python" [label="Python \"3\""];"#), "{dot}");
        assert!(dot.contains(r#""python" -> "ml" [label="@2"];"#));
        assert!(dot.contains(r#""aws" -> "ml" [style=dashed];"#));
        assert!(dot.contains(r#""gcp" -> "role:mle" [style=dotted];"#));
        assert!(!c.to_dot(false).contains("role:"));
    }

    #[test]
    fn path_shapes_and_after() {
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
        let dot = path.to_dot();
        assert!(dot.contains("s0 -> s1;"), "{dot}");
        assert!(dot.contains("s1 -> \"role:mle\";"));
        assert_eq!(dot.matches("s0 -> s1").count(), 1);
        let mm = path.to_mermaid();
        assert!(mm.starts_with("flowchart LR\n"));
        assert!(mm.contains("s0[\"1. python (10.5 h)\"]"), "{mm}");
        assert!(mm.contains("s1 --> r0"));
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
