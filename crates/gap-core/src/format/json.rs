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

/// Parses a catalog from JSON text that a program generated from its own
/// data (Python's `Catalog.from_dict` dumps the dict it is given): errors
/// give the path of the offending value inside that data
/// (`skills[3].hours`) and no line or column, which would point into text
/// the user never wrote.
pub fn from_generated_json_str(text: &str, source_name: &str) -> Result<CatalogDef> {
    from_json_str(text, source_name).map_err(|e| match e {
        Error::Parse {
            source_name,
            path,
            message,
            ..
        } => Error::Parse {
            source_name,
            line: 0,
            column: 0,
            path,
            message,
        },
        other => other,
    })
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
        let message = strip_position(&inner.to_string());
        Error::Parse {
            source_name: source_name.to_string(),
            line: inner.line(),
            column: inner.column(),
            path: if path == "." { String::new() } else { path },
            message: number_as_written(message, text, inner.line(), inner.column()),
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

/// serde_json reads a whole number too large for 64 bits (`2^64`) as a
/// float and reports it in float wording (`floating point
/// `18446744073709552000``): put the number as written in the text
/// instead, found where the error points (the number's last character).
fn number_as_written(message: String, text: &str, line: usize, column: usize) -> String {
    const FLOAT: &str = "invalid type: floating point `";
    let Some(rest) = message.strip_prefix(FLOAT) else {
        return message;
    };
    let Some((_, expected)) = rest.split_once('`') else {
        return message;
    };
    let Some(row) = text.lines().nth(line.saturating_sub(1)) else {
        return message;
    };
    let end = row
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(row.len(), |(i, c)| i + c.len_utf8());
    let Some(head) = row.get(..end) else {
        return message;
    };
    let number = |c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E');
    // The position is the number's last character or the one after it.
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '}' | ']'));
    let start = head.trim_end_matches(number).len();
    let written = &head[start..];
    if written.is_empty() || !written.bytes().any(|b| b.is_ascii_digit()) {
        return message;
    }
    format!("invalid value: the number {written}{expected}")
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
