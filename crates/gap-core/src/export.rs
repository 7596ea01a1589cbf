//! Graph exports for people: a catalog's prerequisite graph and a learning
//! path as Graphviz DOT or Mermaid flowchart text.
//!
//! In both formats an edge points from what is learned first to what needs
//! it. In a catalog, skills are rounded boxes, roles are filled boxes and an
//! `any_of` group is a small diamond fed by its members (dashed edges). In a
//! path, each step is a node numbered in path order, with an edge to every
//! step it is a prerequisite of and to the target roles whose entries it
//! serves. Output is deterministic: catalog order and path order.

use std::collections::HashMap;
use std::fmt::Write;

use crate::catalog::Catalog;
use crate::model::{Need, Requirement};
use crate::present::format_hours as h;
use crate::reference::format_reference;
use crate::results::{LearningPath, Reason};

/// A DOT quoted string.
fn dot_quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\r' => {}
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// A Mermaid quoted label (`"` becomes `#quot;`, newlines become `<br/>`).
fn mermaid_quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("#quot;"),
            '\n' => q.push_str("<br/>"),
            '\r' => {}
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// The label of a prerequisite edge: the level needed (when above 1) and the
/// level of the dependent skill it is for (when above 1).
fn edge_label(need: &Need, for_level: u32) -> Option<String> {
    let mut parts = Vec::new();
    if need.level > 1 {
        parts.push(format!("@{}", need.level));
    }
    if for_level > 1 {
        parts.push(format!("for level {for_level}"));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// One edge of a graph, before it is written in a format.
struct Edge {
    from: String,
    to: String,
    label: Option<String>,
    dashed: bool,
}

/// What kind of node.
#[derive(Clone, Copy)]
enum Kind {
    Skill,
    Role,
    Group,
}

/// A format-independent graph: nodes (id, label, kind) and edges.
#[derive(Default)]
struct Drawing {
    nodes: Vec<(String, String, Kind)>,
    edges: Vec<Edge>,
}

impl Drawing {
    fn edge(&mut self, from: String, to: String, label: Option<String>, dashed: bool) {
        self.edges.push(Edge {
            from,
            to,
            label,
            dashed,
        });
    }

    /// Adds requirement edges into `to` (a skill or role node id).
    fn requirement(&mut self, req: &Requirement, to: &str, for_level: u32, groups: &mut usize) {
        match req {
            Requirement::Skill(n) => {
                self.edge(
                    format!("s{}", n.skill.0),
                    to.to_string(),
                    edge_label(n, for_level),
                    false,
                );
            }
            Requirement::AnyOf { members, count } => {
                let g = format!("g{}", *groups);
                *groups += 1;
                self.nodes.push((
                    g.clone(),
                    format!("{count} of {}", members.len()),
                    Kind::Group,
                ));
                for m in members {
                    self.edge(format!("s{}", m.skill.0), g.clone(), edge_label(m, 1), true);
                }
                let label = (for_level > 1).then(|| format!("for level {for_level}"));
                self.edge(g, to.to_string(), label, false);
            }
        }
    }

    fn to_dot(&self, name: &str) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "digraph {} {{", dot_quote(name));
        let _ = writeln!(s, "  rankdir=LR;");
        let _ = writeln!(
            s,
            "  node [shape=box, style=rounded, fontname=\"Helvetica\"];"
        );
        for (id, label, kind) in &self.nodes {
            let attrs = match kind {
                Kind::Skill => String::new(),
                Kind::Role => ", shape=box, style=\"filled\", fillcolor=\"#dbeafe\"".into(),
                Kind::Group => ", shape=diamond, style=\"\", fontsize=10".into(),
            };
            let _ = writeln!(s, "  {id} [label={}{attrs}];", dot_quote(label));
        }
        for e in &self.edges {
            let mut attrs = Vec::new();
            if let Some(l) = &e.label {
                attrs.push(format!("label={}", dot_quote(l)));
            }
            if e.dashed {
                attrs.push("style=dashed".into());
            }
            if attrs.is_empty() {
                let _ = writeln!(s, "  {} -> {};", e.from, e.to);
            } else {
                let _ = writeln!(s, "  {} -> {} [{}];", e.from, e.to, attrs.join(", "));
            }
        }
        s.push_str("}\n");
        s
    }

    fn to_mermaid(&self) -> String {
        let mut s = String::from("flowchart LR\n");
        for (id, label, kind) in &self.nodes {
            let q = mermaid_quote(label);
            let _ = match kind {
                Kind::Skill => writeln!(s, "  {id}({q})"),
                Kind::Role => writeln!(s, "  {id}[[{q}]]"),
                Kind::Group => writeln!(s, "  {id}{{{q}}}"),
            };
        }
        for e in &self.edges {
            let arrow = if e.dashed { "-.->" } else { "-->" };
            let _ = match &e.label {
                Some(l) => writeln!(s, "  {} {arrow}|{}| {}", e.from, mermaid_quote(l), e.to),
                None => writeln!(s, "  {} {arrow} {}", e.from, e.to),
            };
        }
        s
    }
}

impl Catalog {
    fn drawing(&self) -> Drawing {
        let mut d = Drawing::default();
        let mut groups = 0usize;
        for (i, skill) in self.skills().iter().enumerate() {
            let hours: Vec<String> = skill.hours.iter().map(|&x| h(x)).collect();
            d.nodes.push((
                format!("s{i}"),
                format!("{}\n{} h", skill.name, hours.join(" + ")),
                Kind::Skill,
            ));
        }
        for (i, skill) in self.skills().iter().enumerate() {
            let to = format!("s{i}");
            for level in 1..=skill.levels() {
                for req in skill.requirements(level) {
                    d.requirement(req, &to, level, &mut groups);
                }
            }
        }
        for (i, role) in self.roles().iter().enumerate() {
            let to = format!("r{i}");
            d.nodes.push((to.clone(), role.name.clone(), Kind::Role));
            for req in &role.requires {
                d.requirement(req, &to, 1, &mut groups);
            }
        }
        d
    }

    /// The prerequisite graph (skills, `any_of` groups and roles) as Graphviz DOT.
    ///
    /// ```
    /// let cat = gap_core::Catalog::from_json(r#"{"skills": [
    ///     {"id": "python", "name": "Python", "hours": 40},
    ///     {"id": "pandas", "name": "pandas", "hours": 20, "requires": ["python"]}]}"#)?;
    /// assert!(cat.to_dot().contains("s0 -> s1;"));
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn to_dot(&self) -> String {
        let name = if self.name().is_empty() {
            "catalog"
        } else {
            self.name()
        };
        self.drawing().to_dot(name)
    }

    /// The prerequisite graph as a Mermaid flowchart.
    pub fn to_mermaid(&self) -> String {
        self.drawing().to_mermaid()
    }
}

impl LearningPath {
    /// The drawing; with a catalog, steps and targets show names next to ids.
    fn drawing(&self, cat: Option<&Catalog>) -> Drawing {
        let mut d = Drawing::default();
        let mut index: HashMap<(&str, u32), usize> = HashMap::new();
        for (i, s) in self.steps.iter().enumerate() {
            index.insert((s.skill.as_str(), s.level), i);
            d.nodes.push((
                format!("p{i}"),
                format!(
                    "{}. {}\n{} h",
                    i + 1,
                    cat.map_or_else(
                        || format_reference(&s.skill, s.level),
                        |c| c.reference_label(&s.skill, s.level)
                    ),
                    h(s.hours)
                ),
                Kind::Skill,
            ));
        }
        for (j, t) in self.targets.iter().enumerate() {
            let label = cat.map_or_else(|| t.clone(), |c| c.role_label(t));
            d.nodes.push((format!("t{j}"), label, Kind::Role));
        }
        for (i, s) in self.steps.iter().enumerate() {
            for r in &s.reasons {
                match r {
                    Reason::Prerequisite { skill, level } => {
                        if let Some(&k) = index.get(&(skill.as_str(), *level)) {
                            d.edge(format!("p{i}"), format!("p{k}"), None, false);
                        }
                    }
                    Reason::Role { role, entry } => {
                        if let Some(j) = self.targets.iter().position(|t| t == role) {
                            d.edge(format!("p{i}"), format!("t{j}"), Some(entry.clone()), false);
                        }
                    }
                }
            }
        }
        d
    }

    /// The path as Graphviz DOT: steps in order, an edge from each step to the
    /// steps and target roles it serves. Nodes show ids; see
    /// [`Catalog::path_to_dot`] for names next to them.
    pub fn to_dot(&self) -> String {
        self.drawing(None).to_dot("learning path")
    }

    /// The path as a Mermaid flowchart (ids; see [`Catalog::path_to_mermaid`]).
    pub fn to_mermaid(&self) -> String {
        self.drawing(None).to_mermaid()
    }
}

impl Catalog {
    /// A path of this catalog as Graphviz DOT, as [`LearningPath::to_dot`]
    /// with names next to ids (`1. Python (python@2)`, `Machine Learning
    /// Engineer (ml-engineer)`).
    pub fn path_to_dot(&self, path: &LearningPath) -> String {
        path.drawing(Some(self)).to_dot("learning path")
    }

    /// A path of this catalog as a Mermaid flowchart, names next to ids.
    pub fn path_to_mermaid(&self, path: &LearningPath) -> String {
        path.drawing(Some(self)).to_mermaid()
    }
}

#[cfg(test)]
mod tests {
    use crate::{Catalog, LearningPath, Profile, Reason, Step};

    fn cat() -> Catalog {
        Catalog::from_json(
            r#"{"name": "t \"q\"", "skills": [
                {"id": "python", "name": "Python", "hours": [40, 80]},
                {"id": "aws", "name": "AWS", "hours": 30},
                {"id": "gcp", "name": "GCP", "hours": 30},
                {"id": "mlops", "name": "MLOps", "hours": 50,
                 "requires": ["python@2", {"any_of": ["aws", "gcp"]}]}],
               "roles": [{"id": "mle", "name": "ML Engineer", "requires": ["mlops"]}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn catalog_dot() {
        let dot = cat().to_dot();
        assert!(dot.starts_with("digraph \"t \\\"q\\\"\" {"));
        assert!(dot.contains("s0 -> s3 [label=\"@2\"];"), "{dot}");
        assert!(dot.contains("s1 -> g0 [style=dashed];"));
        assert!(dot.contains("g0 -> s3;"));
        assert!(dot.contains("s3 -> r0;"));
        assert!(dot.contains("r0 [label=\"ML Engineer\""));
        assert!(dot.trim_end().ends_with('}'));
        assert_eq!(dot, cat().to_dot());
    }

    #[test]
    fn catalog_mermaid() {
        let m = cat().to_mermaid();
        assert!(m.starts_with("flowchart LR\n"));
        assert!(m.contains("s0(\"Python<br/>40 + 80 h\")"));
        assert!(m.contains("s0 -->|\"@2\"| s3"));
        assert!(m.contains("s2 -.-> g0"));
        assert!(m.contains("r0[[\"ML Engineer\"]]"));
    }

    #[test]
    fn path_exports() {
        let path = LearningPath {
            steps: vec![
                Step {
                    skill: "python".into(),
                    level: 1,
                    hours: 40.0,
                    reasons: vec![Reason::Prerequisite {
                        skill: "python".into(),
                        level: 2,
                    }],
                },
                Step {
                    skill: "python".into(),
                    level: 2,
                    hours: 80.0,
                    reasons: vec![Reason::Role {
                        role: "dev".into(),
                        entry: "python@2".into(),
                    }],
                },
            ],
            total_hours: 120.0,
            optimal: true,
            lower_bound: 120.0,
            targets: vec!["dev".into()],
            start: Profile::new(),
        };
        let dot = path.to_dot();
        assert!(dot.contains("p0 [label=\"1. python\\n40 h\"];"), "{dot}");
        assert!(dot.contains("p0 -> p1;"));
        assert!(dot.contains("p1 -> t0 [label=\"python@2\"];"));
        let m = path.to_mermaid();
        assert!(m.contains("p1 -->|\"python@2\"| t0"));
        assert!(m.contains("t0[[\"dev\"]]"));
        let c = Catalog::from_json(
            r#"{"skills": [{"id": "python", "name": "Python", "hours": [40, 80]}],
               "roles": [{"id": "dev", "name": "Developer", "requires": ["python@2"]}]}"#,
        )
        .unwrap();
        let dot = c.path_to_dot(&path);
        assert!(
            dot.contains("p1 [label=\"2. Python (python@2)\\n80 h\"];"),
            "{dot}"
        );
        assert!(dot.contains("label=\"Developer (dev)\""), "{dot}");
        assert!(
            c.path_to_mermaid(&path)
                .contains("t0[[\"Developer (dev)\"]]")
        );
    }
}
