//! The Metacademy importer: the curated concept prerequisite graph (machine
//! learning, statistics, mathematics), from the `graph_data.json` database dump
//! or the older flat-file `content/` repository. Concepts become one-level
//! skills costing their learning-time estimate, with one role per concept.

//!
//! This module owns the mapping to a catalog (nodes, missing estimates, repair
//! and validation); `dump` reads `graph_data.json` and `content` the
//! flat-file repository.

mod content;
mod dump;

use std::collections::HashMap;
use std::path::Path;

use super::cycles::{Reqs, break_cycles, cycle_warnings, tidy_requirements};
use super::progress::ProgressCallback;
use super::{Imported, finish};
use crate::error::{Error, Result};
use crate::format::{CatalogDef, FORMAT, GroupDef, Hours, ReqDef, RoleDef, SkillDef};

/// Options of [`from_metacademy`] and [`Catalog::from_metacademy`](crate::Catalog::from_metacademy).
#[derive(Debug, Clone, Default)]
pub struct MetacademyOptions {
    /// Called as concepts are read.
    pub progress: Option<ProgressCallback>,
}

/// Suffix of the id of a concept's shortcut node (`determinant.shortcut`).
pub const SHORTCUT_SUFFIX: &str = ".shortcut";

/// The skill id of a Metacademy tag: trimmed, lowercased, every character
/// outside `[a-z0-9_.+-]` (spaces included) replaced by `_`, leading
/// characters that are not letters or digits dropped.
///
/// ```
/// use gap_core::import::metacademy_id;
/// assert_eq!(metacademy_id("k_means"), "k_means");
/// assert_eq!(metacademy_id("Random Variables"), "random_variables");
/// ```
pub fn metacademy_id(tag: &str) -> String {
    let s: String = tag
        .trim()
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '+' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    s.trim_start_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_string()
}

/// A node of the graph being built: a concept or a shortcut of one.
struct Node {
    id: String,
    name: String,
    hours: Option<f64>,
    description: Option<String>,
    category: Option<String>,
    source: String,
    /// For a shortcut node, the concept it shortens.
    shortcut_of: Option<u32>,
}

/// Concepts and shortcut nodes with their requirements (alternatives per
/// requirement), before repair and validation.
#[derive(Default)]
struct Graph {
    nodes: Vec<Node>,
    index: HashMap<String, u32>,
    reqs: Reqs,
    /// For each concept, its shortcut node.
    shortcut: HashMap<u32, u32>,
}

impl Graph {
    fn add(&mut self, node: Node) -> Option<u32> {
        if self.index.contains_key(&node.id) {
            return None;
        }
        let ix = self.nodes.len() as u32;
        self.index.insert(node.id.clone(), ix);
        self.nodes.push(node);
        self.reqs.push(Vec::new());
        Some(ix)
    }

    /// A prerequisite tag as written: the exact id, else with `-` read as `_`
    /// (the content repository mixes both spellings).
    fn lookup(&self, tag: &str) -> Option<u32> {
        let id = metacademy_id(tag);
        self.index
            .get(&id)
            .or_else(|| self.index.get(&id.replace('-', "_")))
            .copied()
            .filter(|&i| self.nodes[i as usize].shortcut_of.is_none())
    }
}

fn concept_url(tag: &str) -> String {
    format!("https://metacademy.org/graphs/concepts/{tag}")
}

/// Imports the Metacademy concept graph from `graph_data.json` (the
/// application's database dump), or from the flat-file `content/`
/// repository. `path` may be the JSON file, a `content` directory (one
/// holding `concepts/`), or a directory holding `graph_data.json` (used
/// first) or `content/`.
///
/// - Skills: one per concept; id = the tag ([`metacademy_id`]: lowercased,
///   other characters as `_`), `name` = the title, one level of
///   `learn_time` hours (JSON) or of `time_estimates/concepts.txt`
///   (content). A concept without an estimate gets the median of the
///   estimates present, reported in one warning listing them.
///   `source` = the concept's metacademy.org page; in JSON, `description`
///   = the summary and `category` = the title of the concept's first
///   subject tag.
/// - Prerequisites: a dependency `source → target` (JSON) or a `tag:`
///   block in `concepts/<tag>/dependencies.txt` (content) makes the target
///   concept require the prerequisite. A prerequisite tag that is not a
///   concept is looked up again with `-` read as `_`, then skipped with a
///   warning.
/// - Shortcuts (content only; the JSON has none): `shortcuts/<tag>/` is a
///   cheaper "just enough" version of concept `<tag>`, imported as skill
///   `<tag>.shortcut` (name "… (shortcut)", hours from
///   `time_estimates/shortcuts.txt`, prerequisites from its own
///   `dependencies.txt`). A dependency marked `shortcut: 1` on a concept
///   that has a shortcut becomes `{"any_of": [tag, tag.shortcut]}`; on a
///   concept without one it is a plain prerequisite. Shortcuts get no role.
/// - Roles: one per concept, with the concept's id and name, requiring it.
/// - Duplicate dependencies are merged; self-loops and cycles are broken as
///   in [`from_esco`](super::esco::from_esco) and reported in the warnings.
///
/// # Errors
/// [`Error::Io`] when nothing usable is at `path` or a file cannot be read,
/// [`Error::Import`] for JSON that does not parse or is not a list of
/// `{model, pk, fields}` records.
pub fn from_metacademy(path: &Path, opts: &MetacademyOptions) -> Result<Imported> {
    let progress = opts.progress.as_ref();
    let mut warnings = Vec::new();
    let (graph, source_name) = if path.is_file() {
        (
            dump::read_json(path, &mut warnings, progress)?,
            path.display().to_string(),
        )
    } else if path.join("concepts").is_dir() {
        (
            content::read_content(path, &mut warnings, progress)?,
            path.display().to_string(),
        )
    } else if path.join("graph_data.json").is_file() {
        let p = path.join("graph_data.json");
        (
            dump::read_json(&p, &mut warnings, progress)?,
            p.display().to_string(),
        )
    } else if path.join("content").join("concepts").is_dir() {
        let p = path.join("content");
        (
            content::read_content(&p, &mut warnings, progress)?,
            p.display().to_string(),
        )
    } else {
        return Err(Error::Io {
            path: path.display().to_string(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not a Metacademy graph_data.json file, content/ directory, or directory holding one",
            ),
        });
    };
    build(graph, &source_name, warnings, progress)
}

/// Fills missing hours, repairs the graph and validates it.
fn build(
    mut g: Graph,
    source_name: &str,
    mut warnings: Vec<String>,
    progress: Option<&ProgressCallback>,
) -> Result<Imported> {
    // Missing estimates: the median of the estimates present, per kind.
    for shortcut in [false, true] {
        let of_kind = |n: &Node| n.shortcut_of.is_some() == shortcut;
        let known: Vec<f64> = g
            .nodes
            .iter()
            .filter(|n| of_kind(n))
            .filter_map(|n| n.hours)
            .collect();
        let missing: Vec<usize> = (0..g.nodes.len())
            .filter(|&i| of_kind(&g.nodes[i]) && g.nodes[i].hours.is_none())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let fill = median(&known)
            .or_else(|| median(&g.nodes.iter().filter_map(|n| n.hours).collect::<Vec<_>>()))
            .unwrap_or(1.0);
        let ids: Vec<&str> = missing.iter().map(|&i| g.nodes[i].id.as_str()).collect();
        warnings.push(format!(
            "{source_name}: {} {} no time estimate and get{} the median estimate {fill:.3} h: {}",
            ids.len(),
            match (shortcut, ids.len()) {
                (false, 1) => "concept has",
                (false, _) => "concepts have",
                (true, 1) => "shortcut has",
                (true, _) => "shortcuts have",
            },
            if ids.len() == 1 { "s" } else { "" },
            ids.join(", ")
        ));
        for i in missing {
            g.nodes[i].hours = Some(fill);
        }
    }
    for r in &mut g.reqs {
        tidy_requirements(r);
    }
    let keys: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
    let dropped = break_cycles(&keys, &mut g.reqs);
    let label = |u: u32| format!("`{}`", g.nodes[u as usize].id);
    cycle_warnings(
        source_name,
        "concept",
        "dependency",
        &dropped,
        label,
        &mut warnings,
    );
    let mut skills = Vec::with_capacity(g.nodes.len());
    let mut roles = Vec::new();
    for (n, reqs) in g.nodes.iter().zip(&g.reqs) {
        let requires = reqs
            .iter()
            .map(|alts| {
                let ids: Vec<String> = alts
                    .iter()
                    .map(|&m| g.nodes[m as usize].id.clone())
                    .collect();
                if ids.len() == 1 {
                    ReqDef::Ref(ids.into_iter().next().unwrap_or_default())
                } else {
                    ReqDef::Group(GroupDef {
                        any_of: ids,
                        count: 1,
                    })
                }
            })
            .collect();
        skills.push(SkillDef {
            id: n.id.clone(),
            name: n.name.clone(),
            category: n.category.clone(),
            description: n.description.clone(),
            source: Some(n.source.clone()),
            hours: Hours::One(n.hours.unwrap_or(0.0)),
            requires,
            ..SkillDef::default()
        });
        if n.shortcut_of.is_none() {
            roles.push(RoleDef {
                id: n.id.clone(),
                name: n.name.clone(),
                source: Some(n.source.clone()),
                requires: vec![ReqDef::Ref(n.id.clone())],
                ..RoleDef::default()
            });
        }
    }
    let def = CatalogDef {
        format: FORMAT.to_string(),
        name: "Metacademy".to_string(),
        skills,
        roles,
        transfers: Vec::new(),
    };
    finish(def, warnings, progress)
}

/// The median of finite values (mean of the two middle ones for an even count);
/// `None` when there are none.
fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(metacademy_id("random variables"), "random_variables");
        assert_eq!(metacademy_id("_x"), "x");
        assert_eq!(metacademy_id("ANNOTATED_EXAMPLE"), "annotated_example");
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }
}
