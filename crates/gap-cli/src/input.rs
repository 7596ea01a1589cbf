//! Reading what the user gives: the catalog (embedded or a file), the profile
//! (`--have` and `--profile`), batches of profiles (`rank --profiles`) and
//! posting text (`match`). Checking a profile against the catalog is left to
//! gap-core, which names unknown ids with suggestions.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use gap_core::{Catalog, Profile};
use serde::Deserialize;

use crate::cli::ProfileArgs;
use crate::error::{CliError, CliResult};

/// The catalog of a query: `--catalog FILE` or the embedded one.
pub fn load_catalog(file: Option<&Path>) -> CliResult<Catalog> {
    match file {
        Some(path) => Ok(Catalog::load(path)?),
        None => embedded_catalog(),
    }
}

/// The embedded catalog (the same as `Catalog::default()`, but a value
/// instead of a panic should the embedded file ever be broken).
fn embedded_catalog() -> CliResult<Catalog> {
    Ok(Catalog::from_json(gap_core::DEFAULT_CATALOG_JSON)?)
}

/// The profile of a query: `--profile FILE` (read by gap-core: TOML for
/// `.toml`, JSON otherwise) merged with `--have`, each skill at the higher
/// level. Empty when neither is given.
pub fn profile(args: &ProfileArgs) -> CliResult<Profile> {
    let mut p = match &args.profile {
        Some(path) => Profile::load(path)?,
        None => Profile::new(),
    };
    for (id, level) in &args.have {
        p.raise(id.as_str(), *level);
    }
    Ok(p)
}

fn profile_from_map(map: BTreeMap<String, i64>, source: &str) -> CliResult<Profile> {
    Profile::from_signed(map).map_err(|e| CliError::Input(format!("{source}: {e}")))
}

/// One profile of a batch file.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedProfile {
    /// The `id` given in the file, or `#N` (1-based position).
    pub id: String,
    /// The profile.
    pub profile: Profile,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum BatchItem {
    Named {
        id: String,
        skills: BTreeMap<String, i64>,
    },
    Plain(BTreeMap<String, i64>),
}

/// Reads a batch of profiles: a JSON list, or JSON lines (blank lines
/// skipped). Each item is a map `{"python": 2}` or `{"id": "alice",
/// "skills": {"python": 2}}`.
pub fn read_profiles(path: &Path) -> CliResult<Vec<NamedProfile>> {
    let text = read_text(path)?;
    parse_profiles(&text, &path.display().to_string())
}

/// See [`read_profiles`]; `source` names the file in errors.
pub fn parse_profiles(text: &str, source: &str) -> CliResult<Vec<NamedProfile>> {
    const EXPECTED: &str =
        r#"a map like {"python": 2} or {"id": "alice", "skills": {"python": 2}}"#;
    let items: Vec<(usize, BatchItem)> = if text.trim_start().starts_with('[') {
        let list: Vec<BatchItem> = serde_json::from_str(text).map_err(|e| {
            CliError::Input(format!(
                "{source}: line {}, column {}: expected a JSON list of profiles, each {EXPECTED}: {e}",
                e.line(),
                e.column()
            ))
        })?;
        list.into_iter()
            .enumerate()
            .map(|(i, p)| (i + 1, p))
            .collect()
    } else {
        let mut v = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let item: BatchItem = serde_json::from_str(line).map_err(|e| {
                CliError::Input(format!(
                    "{source}: line {}: expected one JSON profile per line, {EXPECTED}: {e}",
                    i + 1
                ))
            })?;
            v.push((v.len() + 1, item));
        }
        v
    };
    items
        .into_iter()
        .map(|(n, item)| {
            let (id, map) = match item {
                BatchItem::Named { id, skills } => (id, skills),
                BatchItem::Plain(map) => (format!("#{n}"), map),
            };
            let profile = profile_from_map(map, &format!("{source}: profile {id}"))?;
            Ok(NamedProfile { id, profile })
        })
        .collect()
}

/// Reads posting text from a file, or from stdin for `-` or no path.
pub fn read_posting(input: Option<&PathBuf>) -> CliResult<String> {
    match input {
        Some(p) if p.as_os_str() != "-" => read_text(p),
        _ => {
            use std::io::IsTerminal;
            if std::io::stdin().is_terminal() {
                eprintln_safe("reading the posting from standard input (end with Ctrl-D)");
            }
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| CliError::Input(format!("reading standard input: {e}")))?;
            Ok(s)
        }
    }
}

/// A line on stderr that never panics.
fn eprintln_safe(msg: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{msg}");
}

/// Reads a UTF-8 text file; the error names the file.
pub fn read_text(path: &Path) -> CliResult<String> {
    std::fs::read_to_string(path).map_err(|e| CliError::Input(format!("{}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_list_and_lines() {
        let list = parse_profiles(
            r#"[{"python": 2}, {"id": "bo", "skills": {"sql": 1}}]"#,
            "f",
        )
        .unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].id, "#1");
        assert_eq!(list[0].profile.level("python"), 2);
        assert_eq!(list[1].id, "bo");
        assert_eq!(list[1].profile.level("sql"), 1);

        let lines = parse_profiles("{\"python\": 1}\n\n{}\n", "f").unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].id, "#2");
        assert!(lines[1].profile.is_empty());
    }

    #[test]
    fn batch_errors_say_where() {
        let e = parse_profiles("{\"python\": 1}\n{\"sql\": \"x\"}\n", "p.jsonl").unwrap_err();
        assert!(e.to_string().contains("p.jsonl: line 2"), "{e}");
        let e = parse_profiles("[{\"sql\": -1}]", "p.json").unwrap_err();
        assert!(e.to_string().contains("levels are 0 or more"), "{e}");
    }
}
