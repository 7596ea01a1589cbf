//! The Metacademy importer: the curated concept prerequisite graph (machine
//! learning, statistics, mathematics), from the `graph_data.json` database dump
//! or the older flat-file `content/` repository. Concepts become one-level
//! skills costing their learning-time estimate, with one role per concept.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{
    ProgressCallback, Reporter, break_cycles, cycle_warnings, finish, median, tidy_requirements,
};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::format::{CatalogDef, FORMAT, GroupDef, Hours, ReqDef, RoleDef, SkillDef};
use crate::import::Imported;
use crate::reference::is_valid_id;

/// Options of [`Catalog::from_metacademy`].
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
    reqs: super::Reqs,
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

impl Catalog {
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
    ///   in [`Catalog::from_esco`] and reported in the warnings.
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
                read_json(path, &mut warnings, progress)?,
                path.display().to_string(),
            )
        } else if path.join("concepts").is_dir() {
            (
                read_content(path, &mut warnings, progress)?,
                path.display().to_string(),
            )
        } else if path.join("graph_data.json").is_file() {
            let p = path.join("graph_data.json");
            (
                read_json(&p, &mut warnings, progress)?,
                p.display().to_string(),
            )
        } else if path.join("content").join("concepts").is_dir() {
            let p = path.join("content");
            (
                read_content(&p, &mut warnings, progress)?,
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

#[derive(Deserialize)]
struct Record {
    model: String,
    #[serde(default)]
    pk: serde_json::Value,
    #[serde(default)]
    fields: serde_json::Value,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ConceptFields {
    tag: Option<String>,
    title: Option<String>,
    summary: Option<String>,
    learn_time: Option<f64>,
    tags: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DependencyFields {
    source: serde_json::Value,
    target: serde_json::Value,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TagFields {
    title: Option<String>,
}

fn pk_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn read_json(
    path: &Path,
    warnings: &mut Vec<String>,
    progress: Option<&ProgressCallback>,
) -> Result<Graph> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(&name, e))?;
    let records: Vec<Record> = serde_json::from_str(&text).map_err(|e| Error::Import {
        path: name.clone(),
        line: e.line() as u64,
        message: format!("not a Metacademy graph_data.json (a list of {{model, pk, fields}}): {e}"),
    })?;
    drop(text);
    let mut rep = Reporter::new(progress, "concepts", records.len() as u64);
    let mut subject: HashMap<String, String> = HashMap::new();
    for r in &records {
        if r.model == "graph.tag"
            && let Ok(t) = serde_json::from_value::<TagFields>(r.fields.clone())
        {
            subject.insert(pk_text(&r.pk), t.title.unwrap_or_else(|| pk_text(&r.pk)));
        }
    }
    let mut g = Graph::default();
    let mut by_pk: HashMap<String, u32> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        rep.update(i as u64);
        if r.model != "graph.concept" {
            continue;
        }
        let pk = pk_text(&r.pk);
        let f: ConceptFields = match serde_json::from_value(r.fields.clone()) {
            Ok(f) => f,
            Err(e) => {
                warnings.push(format!("{name}: concept {pk}: {e}; skipped"));
                continue;
            }
        };
        let Some(tag) = f.tag.filter(|t| !t.trim().is_empty()) else {
            warnings.push(format!("{name}: concept {pk} has no tag; skipped"));
            continue;
        };
        let id = metacademy_id(&tag);
        if !is_valid_id(&id) {
            warnings.push(format!(
                "{name}: concept {pk} tag `{tag}` does not make an id; skipped"
            ));
            continue;
        }
        let node = Node {
            name: f
                .title
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| tag.clone()),
            hours: f.learn_time.filter(|h| h.is_finite() && *h >= 0.0),
            description: f.summary.filter(|s| !s.trim().is_empty()),
            category: f
                .tags
                .first()
                .map(|t| subject.get(t).cloned().unwrap_or_else(|| t.clone())),
            source: concept_url(tag.trim()),
            shortcut_of: None,
            id,
        };
        let id = node.id.clone();
        match g.add(node) {
            Some(ix) => {
                by_pk.insert(pk, ix);
            }
            None => warnings.push(format!(
                "{name}: concept {pk} repeats tag `{id}`; the repeat is skipped"
            )),
        }
    }
    for r in &records {
        if r.model != "graph.dependency" {
            continue;
        }
        let Ok(f) = serde_json::from_value::<DependencyFields>(r.fields.clone()) else {
            warnings.push(format!(
                "{name}: dependency {} is malformed; skipped",
                pk_text(&r.pk)
            ));
            continue;
        };
        let (s, t) = (pk_text(&f.source), pk_text(&f.target));
        match (by_pk.get(&s), by_pk.get(&t)) {
            (Some(&s), Some(&t)) => g.reqs[t as usize].push(vec![s]),
            _ => {
                warnings.push(format!(
                    "{name}: dependency {} names a concept that is not in the file ({s} -> {t}); skipped",
                    pk_text(&r.pk)
                ));
            }
        }
    }
    rep.finish();
    Ok(g)
}

/// A parsed `dependencies.txt` entry.
struct Dep {
    tag: String,
    shortcut: bool,
    line: usize,
}

/// Parses `dependencies.txt`: blocks of `key: value` lines separated by blank
/// lines, `#` comments; keys `tag`, `reason`, `shortcut`.
fn parse_dependencies(text: &str, file: &str, warnings: &mut Vec<String>) -> Vec<Dep> {
    let mut out = Vec::new();
    let mut cur: Option<Dep> = None;
    let mut block_start = 0usize;
    let mut in_block = false;
    let close = |cur: &mut Option<Dep>,
                 out: &mut Vec<Dep>,
                 in_block: bool,
                 start: usize,
                 w: &mut Vec<String>| {
        match cur.take() {
            Some(d) => out.push(d),
            None if in_block => w.push(format!(
                "{file} line {start}: entry without `tag:`; skipped"
            )),
            None => {}
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        if line.starts_with('#') {
            continue;
        }
        if line.is_empty() {
            close(&mut cur, &mut out, in_block, block_start, warnings);
            in_block = false;
            continue;
        }
        if !in_block {
            in_block = true;
            block_start = line_no;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue; // a continuation of a reason
        };
        let value = value.trim();
        match key.trim() {
            "tag" => {
                if let Some(prev) = cur.take() {
                    // Two tags without a blank line between them.
                    out.push(prev);
                }
                cur = Some(Dep {
                    tag: value.to_string(),
                    shortcut: false,
                    line: line_no,
                });
            }
            "shortcut" => {
                if let Some(d) = cur.as_mut() {
                    d.shortcut = value == "1" || value.eq_ignore_ascii_case("true");
                }
            }
            _ => {}
        }
    }
    close(&mut cur, &mut out, in_block, block_start, warnings);
    out
}

/// Reads `time_estimates/<file>`: `<tag> <hours>` per line.
fn read_estimates(
    dir: &Path,
    file: &str,
    warnings: &mut Vec<String>,
) -> Result<HashMap<String, f64>> {
    let path = dir.join("time_estimates").join(file);
    let mut out = HashMap::new();
    if !path.is_file() {
        return Ok(out);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(path.display(), e))?;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(tag), Some(h)) = (parts.next(), parts.next()) else {
            warnings.push(format!(
                "{} line {}: expected `<tag> <hours>`; skipped",
                path.display(),
                i + 1
            ));
            continue;
        };
        match h.parse::<f64>() {
            Ok(h) if h.is_finite() && h >= 0.0 => {
                out.insert(metacademy_id(tag), h);
            }
            _ => warnings.push(format!(
                "{} line {}: `{h}` is not a number of hours; skipped",
                path.display(),
                i + 1
            )),
        }
    }
    Ok(out)
}

/// The sub-directories of `dir`, sorted by name (directory order is not
/// deterministic).
fn sorted_dirs(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir.display(), e))?;
    for entry in rd {
        let entry = entry.map_err(|e| Error::io(dir.display(), e))?;
        let p = entry.path();
        if p.is_dir() {
            out.push((entry.file_name().to_string_lossy().into_owned(), p));
        }
    }
    out.sort();
    Ok(out)
}

fn read_text_opt(path: &Path) -> Result<Option<String>> {
    if !path.is_file() {
        return Ok(None);
    }
    std::fs::read_to_string(path)
        .map(Some)
        .map_err(|e| Error::io(path.display(), e))
}

fn read_content(
    dir: &Path,
    warnings: &mut Vec<String>,
    progress: Option<&ProgressCallback>,
) -> Result<Graph> {
    let concepts = sorted_dirs(&dir.join("concepts"))?;
    let shortcuts = sorted_dirs(&dir.join("shortcuts"))?;
    let estimates = read_estimates(dir, "concepts.txt", warnings)?;
    let shortcut_estimates = read_estimates(dir, "shortcuts.txt", warnings)?;
    let mut rep = Reporter::new(
        progress,
        "concepts",
        (concepts.len() + shortcuts.len()) as u64,
    );
    let mut g = Graph::default();
    // Nodes first, then dependencies (which may point anywhere).
    let mut dep_files: Vec<(u32, PathBuf)> = Vec::new();
    for (tag, p) in &concepts {
        if tag == "ANNOTATED_EXAMPLE" {
            continue;
        }
        let id = metacademy_id(tag);
        if !is_valid_id(&id) {
            warnings.push(format!(
                "{}: folder name does not make an id; skipped",
                p.display()
            ));
            continue;
        }
        let title = read_text_opt(&p.join("title.txt"))?
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| tag.clone());
        let node = Node {
            hours: estimates.get(&id).copied(),
            name: title,
            description: None,
            category: None,
            source: concept_url(tag),
            shortcut_of: None,
            id: id.clone(),
        };
        match g.add(node) {
            Some(ix) => dep_files.push((ix, p.join("dependencies.txt"))),
            None => warnings.push(format!(
                "{}: concept id `{id}` repeats another folder's; skipped",
                p.display()
            )),
        }
    }
    for (tag, p) in &shortcuts {
        let Some(of) = g.lookup(tag) else {
            warnings.push(format!(
                "{}: shortcut of `{tag}`, which is not a concept; skipped",
                p.display()
            ));
            continue;
        };
        let concept = &g.nodes[of as usize];
        let id = format!("{}{SHORTCUT_SUFFIX}", concept.id);
        let node = Node {
            name: format!("{} (shortcut)", concept.name),
            hours: shortcut_estimates.get(&metacademy_id(tag)).copied(),
            description: None,
            category: None,
            source: concept.source.clone(),
            shortcut_of: Some(of),
            id: id.clone(),
        };
        match g.add(node) {
            Some(ix) => {
                g.shortcut.insert(of, ix);
                dep_files.push((ix, p.join("dependencies.txt")));
            }
            None => warnings.push(format!(
                "{}: shortcut id `{id}` is already taken; skipped",
                p.display()
            )),
        }
    }
    for (done, (ix, file)) in dep_files.iter().enumerate() {
        rep.update(done as u64);
        let Some(text) = read_text_opt(file)? else {
            continue;
        };
        let fname = file.display().to_string();
        for d in parse_dependencies(&text, &fname, warnings) {
            let Some(target) = g.lookup(&d.tag) else {
                warnings.push(format!(
                    "{fname} line {}: prerequisite `{}` is not a concept; skipped",
                    d.line, d.tag
                ));
                continue;
            };
            let alts = match (d.shortcut, g.shortcut.get(&target)) {
                (true, Some(&sc)) => vec![target, sc],
                _ => vec![target],
            };
            g.reqs[*ix as usize].push(alts);
        }
    }
    rep.finish();
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dependency_blocks() {
        let text = "# comment\ntag: a\nreason: because\n\ntag: b-c\nshortcut: 1\n\n\nreason: orphan\n\ntag: d\ntag: e\n";
        let mut w = Vec::new();
        let deps = parse_dependencies(text, "f", &mut w);
        let got: Vec<(&str, bool, usize)> = deps
            .iter()
            .map(|d| (d.tag.as_str(), d.shortcut, d.line))
            .collect();
        assert_eq!(
            got,
            vec![
                ("a", false, 2),
                ("b-c", true, 5),
                ("d", false, 11),
                ("e", false, 12)
            ]
        );
        assert_eq!(
            w,
            vec!["f line 9: entry without `tag:`; skipped".to_string()]
        );
    }

    #[test]
    fn ids() {
        assert_eq!(metacademy_id("random variables"), "random_variables");
        assert_eq!(metacademy_id("_x"), "x");
        assert_eq!(metacademy_id("ANNOTATED_EXAMPLE"), "annotated_example");
    }
}
