//! JSON reading and writing of [`CatalogDef`](super::CatalogDef), with the JSON
//! path and line/column of every error.

use serde::de::DeserializeOwned;

use super::{CatalogDef, line_col};
use crate::{Error, Result};

/// Parses a catalog from JSON text. `source_name` names the input in errors.
pub fn from_json_str(text: &str, source_name: &str) -> Result<CatalogDef> {
    // A byte order mark (some editors write one) is not part of the document;
    // positions are then counted as an editor shows them, without it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // serde would read a struct written as an array of its fields (`[]` as an
    // empty catalog); a catalog file is an object.
    let body = text.trim_start();
    if !body.is_empty() && !body.starts_with('{') {
        let (line, column) = line_col(text, text.len() - body.len());
        return Err(Error::Parse {
            source_name: source_name.to_string(),
            line,
            column,
            path: String::new(),
            message: "a catalog is a JSON object ({\"skills\": [...], \"roles\": [...]})".into(),
        });
    }
    deserialize_json(text, source_name)
}

/// Deserializes any serde type from JSON text (a byte order mark already
/// removed), every error an [`Error::Parse`] with the line, column and path.
pub(crate) fn deserialize_json<T: DeserializeOwned>(text: &str, source_name: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    // serde_json guards nesting depth itself (128 levels), so hostile input
    // cannot overflow the stack here.
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        Error::Parse {
            source_name: source_name.to_string(),
            line: inner.line(),
            column: inner.column(),
            path: if path == "." { String::new() } else { path },
            message: strip_position(&inner.to_string()),
        }
    })?;
    de.end().map_err(|e| Error::Parse {
        source_name: source_name.to_string(),
        line: e.line(),
        column: e.column(),
        path: String::new(),
        message: strip_position(&e.to_string()),
    })?;
    Ok(value)
}

/// serde_json appends " at line L column C"; we report those separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Writes a catalog as pretty JSON.
pub fn to_json_string(def: &CatalogDef) -> Result<String> {
    serde_json::to_string_pretty(def)
        .map_err(|e| Error::InvalidArgument(format!("cannot write JSON: {e}")))
}
