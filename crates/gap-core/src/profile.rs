//! [`Profile`]: what a person knows, as plain data (skill id -> level). It is
//! checked against a catalog only when a query uses it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::reference::parse_reference;

/// Known skill levels by id (absent or 0 = unknown).
///
/// ```
/// use gap_core::Profile;
/// let p = Profile::from_refs(["python@2", "sql"]).unwrap();
/// assert_eq!(p.level("python"), 2);
/// assert_eq!(p.level("docker"), 0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Profile {
    levels: BTreeMap<String, u32>,
}

impl Profile {
    /// An empty profile.
    pub fn new() -> Self {
        Self::default()
    }

    /// From references like `"python@2"` and `"sql"`; the same skill twice keeps
    /// the higher level.
    pub fn from_refs<I, S>(refs: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut p = Profile::new();
        for r in refs {
            let r = r.as_ref();
            let parsed = parse_reference(r.trim()).map_err(|reason| Error::Profile {
                skill: r.to_string(),
                level: 0,
                message: format!("bad reference `{r}`: {reason}"),
            })?;
            let e = p.levels.entry(parsed.id.to_string()).or_insert(0);
            *e = (*e).max(parsed.level);
        }
        Ok(p)
    }

    /// From (id, level) pairs with signed levels, as other languages give them;
    /// a negative level is a [`Error::Profile`].
    pub fn from_signed<I, S>(pairs: I) -> Result<Self>
    where
        I: IntoIterator<Item = (S, i64)>,
        S: Into<String>,
    {
        let mut p = Profile::new();
        for (id, level) in pairs {
            let id = id.into();
            let Ok(l) = u32::try_from(level) else {
                let why = if level < 0 {
                    "levels are 0 or more".to_string()
                } else {
                    format!("levels are at most {}", u32::MAX)
                };
                return Err(Error::Profile {
                    message: format!("`{id}` at level {level}: {why}"),
                    skill: id,
                    level,
                });
            };
            p.set(id, l);
        }
        Ok(p)
    }

    /// Sets a level (0 removes the skill).
    pub fn set(&mut self, id: impl Into<String>, level: u32) {
        let id = id.into();
        if level == 0 {
            self.levels.remove(&id);
        } else {
            self.levels.insert(id, level);
        }
    }

    /// Builder form of [`Profile::set`].
    pub fn with(mut self, id: impl Into<String>, level: u32) -> Self {
        self.set(id, level);
        self
    }

    /// The level of a skill (0 when unknown).
    pub fn level(&self, id: &str) -> u32 {
        self.levels.get(id).copied().unwrap_or(0)
    }

    /// Known skills and their levels, by id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &u32)> {
        self.levels.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Number of known skills.
    pub fn len(&self) -> usize {
        self.levels.len()
    }

    /// True when nothing is known.
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }

    /// The underlying map.
    pub fn as_map(&self) -> &BTreeMap<String, u32> {
        &self.levels
    }
}

impl<S: Into<String>> FromIterator<(S, u32)> for Profile {
    fn from_iter<T: IntoIterator<Item = (S, u32)>>(iter: T) -> Self {
        let mut p = Profile::new();
        for (id, l) in iter {
            p.set(id, l);
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_and_levels() {
        let p = Profile::from_refs(["python@2", "sql", "python"]).unwrap();
        assert_eq!(p.level("python"), 2);
        assert_eq!(p.level("sql"), 1);
        assert_eq!(p.len(), 2);
        assert!(Profile::from_refs(["python@0"]).is_err());
        assert!(matches!(
            Profile::from_signed([("python", -1)]),
            Err(Error::Profile { level: -1, .. })
        ));
        let p: Profile = [("a", 1u32), ("b", 0)].into_iter().collect();
        assert_eq!(p.len(), 1);
    }
}
