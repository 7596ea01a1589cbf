//! Reading Metacademy's `graph_data.json` (the application's database dump: a
//! list of `{model, pk, fields}` records) into the importer's [`Graph`].

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::{Graph, Node, concept_url, metacademy_id};
use crate::error::{Error, Result};
use crate::import::progress::{ProgressCallback, Reporter};
use crate::reference::is_valid_id;

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

pub(super) fn read_json(
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
