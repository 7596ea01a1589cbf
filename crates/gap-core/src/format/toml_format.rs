//! TOML reading and writing of [`CatalogDef`](super::CatalogDef): the same
//! structure as JSON, with line and column of every error.

use serde::de::DeserializeOwned;

use super::{CatalogDef, line_col};
use crate::{Error, Result};

/// Parses a catalog from TOML text. `source_name` names the input in errors.
pub fn from_toml_str(text: &str, source_name: &str) -> Result<CatalogDef> {
    // A byte order mark is not part of the document (as in JSON).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    deserialize_toml(text, source_name)
}

/// Deserializes any serde type from TOML text (a byte order mark already
/// removed), every error an [`Error::Parse`] with the line, column and path.
pub(crate) fn deserialize_toml<T: DeserializeOwned>(text: &str, source_name: &str) -> Result<T> {
    let de = toml::de::Deserializer::parse(text).map_err(|e| to_error(e, text, source_name))?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let mut err = to_error(inner, text, source_name);
        if let Error::Parse { path: p, .. } = &mut err {
            if path != "." {
                *p = path;
            }
        }
        err
    })
}

fn to_error(e: toml::de::Error, text: &str, source_name: &str) -> Error {
    let (line, column) = match e.span() {
        Some(span) => line_col(text, span.start),
        // The parser's nesting limit comes without a place: name the line
        // that nests deepest.
        None if e.message().contains("recursion") => (deepest_line(text), 1),
        None => (0, 0),
    };
    Error::Parse {
        source_name: source_name.to_string(),
        line,
        column,
        path: String::new(),
        message: e.message().trim().to_string(),
    }
}

/// The 1-based line with the most nesting characters (`[`, `{`, `.`), the
/// first such line on a tie.
fn deepest_line(text: &str) -> usize {
    let mut best = (0, 1);
    for (i, l) in text.lines().enumerate() {
        let n = l
            .bytes()
            .filter(|b| matches!(b, b'[' | b'{' | b'.'))
            .count();
        if n > best.0 {
            best = (n, i + 1);
        }
    }
    best.1
}

/// Writes a catalog as TOML.
pub fn to_toml_string(def: &CatalogDef) -> Result<String> {
    toml::to_string(def).map_err(|e| Error::InvalidArgument(format!("cannot write TOML: {e}")))
}
