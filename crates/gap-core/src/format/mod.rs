//! The catalog file format `skillgap/1` (SPEC 3.6): the plain serde data
//! ([`CatalogDef`] and friends) exactly as written in a JSON or TOML file, and
//! reading and writing it. Nothing here checks meaning; [`crate::Catalog`]
//! validates a definition into the compiled model.

mod json;
mod toml_format;

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub(crate) use json::deserialize_json;
pub use json::{from_generated_json_str, from_json_str, to_json_string};
pub(crate) use toml_format::deserialize_toml;
pub use toml_format::{from_toml_str, to_toml_string};

/// 1-based line and column (in characters) of a byte offset into `text`, as
/// an editor shows them (an offset inside a character counts from its start).
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit_once('\n')
        .map_or(before, |(_, rest)| rest)
        .chars()
        .count()
        + 1;
    (line, col)
}

/// The only format tag this version reads and writes.
pub const FORMAT: &str = "skillgap/1";

/// A whole catalog file as written.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogDef {
    /// Always `skillgap/1` (may be omitted on input).
    #[serde(default = "default_format")]
    pub format: String,
    /// A display name for the catalog.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The skills, in catalog order.
    #[serde(default)]
    pub skills: Vec<SkillDef>,
    /// The roles, in catalog order.
    #[serde(default)]
    pub roles: Vec<RoleDef>,
    /// Prior-knowledge discounts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transfers: Vec<TransferDef>,
}

fn default_format() -> String {
    FORMAT.to_string()
}

/// A skill as written.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillDef {
    /// The id (`[a-z0-9][a-z0-9_.+-]*`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Optional category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Optional description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where the skill comes from (taxonomy URI or citation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Strings used to find the skill in text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// URLs or titles of learning resources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<String>,
    /// Hours: one number (one level) or one per level.
    pub hours: Hours,
    /// What must be satisfied before level 1.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<ReqDef>,
    /// Extra requirements per level ("2", "3" …). The same key twice in one
    /// file is an error (not the last one silently kept).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub level_requires: BTreeMap<String, Vec<ReqDef>>,
}

/// Reads a map, rejecting a key that appears twice.
fn unique_keys<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct M<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> Visitor<'de> for M<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map from levels (\"2\", \"3\" …) to requirement lists")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(k) = m.next_key::<String>()? {
                if out.contains_key(&k) {
                    return Err(de::Error::custom(format!("duplicate key `{k}`")));
                }
                let v = m.next_value()?;
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(M(std::marker::PhantomData))
}

/// Hours of a skill: one number for a one-level skill, or a list with the
/// extra hours of each level.
///
/// Read with a visitor rather than serde's `untagged`, which buffers the value
/// first: that is slower, and recursive on hostile nesting (`[[[[…`), where a
/// visitor stops at the first inner list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Hours {
    /// One level.
    One(f64),
    /// Hours of level 1, 2, 3 …
    Levels(Vec<f64>),
}

impl<'de> Deserialize<'de> for Hours {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Hours;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number of hours or a list of hours per level")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Hours, E> {
                Ok(Hours::One(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Hours, E> {
                Ok(Hours::One(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Hours, E> {
                Ok(Hours::One(v as f64))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Hours, A::Error> {
                let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(h) = seq.next_element::<f64>()? {
                    v.push(h);
                }
                Ok(Hours::Levels(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl Default for Hours {
    fn default() -> Self {
        Hours::One(0.0)
    }
}

impl Hours {
    /// The hours per level as a slice.
    pub fn as_slice(&self) -> &[f64] {
        match self {
            Hours::One(h) => std::slice::from_ref(h),
            Hours::Levels(v) => v,
        }
    }
}

/// A requirement as written: a reference string or an `any_of` group.
#[derive(Debug, Clone, PartialEq)]
pub enum ReqDef {
    /// `"python"` or `"python@2"`.
    Ref(String),
    /// `{"any_of": [...], "count": k}`.
    Group(GroupDef),
}

impl From<&str> for ReqDef {
    fn from(s: &str) -> Self {
        ReqDef::Ref(s.to_string())
    }
}

impl fmt::Display for ReqDef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReqDef::Ref(r) => f.write_str(r),
            ReqDef::Group(g) => {
                if g.count == 1 {
                    write!(f, "any_of[{}]", g.any_of.join(", "))
                } else {
                    write!(f, "{} of [{}]", g.count, g.any_of.join(", "))
                }
            }
        }
    }
}

/// An `any_of` group: `count` of the references must be satisfied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    /// The alternatives.
    pub any_of: Vec<String>,
    /// How many of them are needed (default 1).
    #[serde(default = "one")]
    pub count: i64,
}

fn one() -> i64 {
    1
}

impl Serialize for ReqDef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ReqDef::Ref(r) => s.serialize_str(r),
            ReqDef::Group(g) => g.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for ReqDef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ReqDef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    r#"a reference like "python@2" or a group like {"any_of": [...], "count": 1}"#,
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ReqDef, E> {
                Ok(ReqDef::Ref(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<ReqDef, E> {
                Ok(ReqDef::Ref(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<ReqDef, A::Error> {
                GroupDef::deserialize(de::value::MapAccessDeserializer::new(m)).map(ReqDef::Group)
            }
        }
        d.deserialize_any(V)
    }
}

/// A role as written.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    /// The id (same pattern as skill ids; a separate namespace).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Optional family (e.g. "data", "ml").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Optional description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where the role comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Essential requirements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<ReqDef>,
    /// Optional references: raise the match, not needed to be job-ready.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub optional: Vec<String>,
}

/// A transfer as written: knowing `from` at the start makes `to` cheaper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferDef {
    /// The reference that must be satisfied by the starting profile.
    pub from: String,
    /// The skill that becomes cheaper.
    pub to: String,
    /// The fraction of hours saved, in [0, 1].
    pub discount: f64,
}

/// Which file format: chosen from a file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// `.json`
    Json,
    /// `.toml`
    Toml,
}

impl FileFormat {
    /// The format for a path's extension (`.json` or `.toml`, any case).
    pub fn from_path(path: &std::path::Path) -> crate::Result<Self> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("json") => Ok(FileFormat::Json),
            Some("toml") => Ok(FileFormat::Toml),
            _ => Err(crate::Error::InvalidArgument(format!(
                "{}: unknown catalog file extension (use .json or .toml)",
                path.display()
            ))),
        }
    }
}

impl CatalogDef {
    /// Parses a catalog file's text.
    pub fn parse(text: &str, format: FileFormat, source_name: &str) -> crate::Result<Self> {
        match format {
            FileFormat::Json => from_json_str(text, source_name),
            FileFormat::Toml => from_toml_str(text, source_name),
        }
    }

    /// Writes the definition as text.
    pub fn render(&self, format: FileFormat) -> crate::Result<String> {
        match format {
            FileFormat::Json => to_json_string(self),
            FileFormat::Toml => to_toml_string(self),
        }
    }
}
