//! Reading Metacademy's older flat-file `content/` repository (`concepts/`,
//! `shortcuts/`, `time_estimates/`, `dependencies.txt` blocks) into the
//! importer's [`Graph`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Graph, Node, SHORTCUT_SUFFIX, concept_url, metacademy_id};
use crate::error::{Error, Result};
use crate::import::progress::{ProgressCallback, Reporter};
use crate::reference::is_valid_id;

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

pub(super) fn read_content(
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
}
