//! [`Profile`]: what a person knows, as plain data (skill id -> level). It is
//! checked against a catalog only when a query uses it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::format::{FileFormat, deserialize_json, deserialize_toml};
use crate::reference::parse_reference;

/// Known skill levels by id (absent or 0 = unknown).
///
/// ```
/// use gap_core::Profile;
/// let p = Profile::from_refs(["python@2", "sql"]).unwrap();
/// assert_eq!(p.level("python"), 2);
/// assert_eq!(p.level("docker"), 0);
/// ```
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Profile {
    levels: BTreeMap<String, u32>,
    /// Ids given at level 0 by [`Profile::from_signed`]: not known skills
    /// (not in the map, not compared), but still checked against a catalog
    /// by [`crate::Catalog::resolve_profile`], so a misspelt id at level 0 is
    /// an unknown skill rather than silently dropped.
    #[serde(skip)]
    zeros: std::collections::BTreeSet<String>,
    /// The names [`crate::Catalog::profile`] mapped to ids (as given -> id),
    /// for the entries that were not ids: a report, not compared.
    #[serde(skip)]
    resolved: BTreeMap<String, String>,
}

/// Profiles are equal when they know the same skills at the same levels.
impl PartialEq for Profile {
    fn eq(&self, other: &Self) -> bool {
        self.levels == other.levels
    }
}

impl Eq for Profile {}

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
            p.raise(parsed.id, parsed.level);
        }
        Ok(p)
    }

    /// From JSON text: an object from skill id to level, `{"python": 2,
    /// "sql": 1}` (0 = unknown).
    ///
    /// # Errors
    /// [`Error::Parse`] with the line, column and skill id when the text is
    /// not such an object (a level must be a whole number); [`Error::Profile`]
    /// for a negative level.
    ///
    /// ```
    /// let p = gap_core::Profile::from_json(r#"{"python": 2, "sql": 1}"#).unwrap();
    /// assert_eq!(p.level("python"), 2);
    /// let e = gap_core::Profile::from_json("{\n  \"sql\": \"x\"}").unwrap_err();
    /// assert!(e.to_string().starts_with("<json>: line 2, column 12: at sql: not a profile"));
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        Self::from_signed(parse_levels(text, FileFormat::Json, "<json>")?)
    }

    /// From TOML text: a table from skill id to level, `python = 2`; errors
    /// as for [`Profile::from_json`].
    ///
    /// ```
    /// let p = gap_core::Profile::from_toml("python = 2\nsql = 1\n").unwrap();
    /// assert_eq!((p.level("python"), p.level("sql")), (2, 1));
    /// ```
    pub fn from_toml(text: &str) -> Result<Self> {
        Self::from_signed(parse_levels(text, FileFormat::Toml, "<toml>")?)
    }

    /// Reads a profile file: TOML when the name ends in `.toml` (any case),
    /// JSON otherwise; the shapes of [`Profile::from_json`] and
    /// [`Profile::from_toml`]. Errors name the file.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read, [`Error::Parse`] (with
    /// line and column) when it is not UTF-8 or not a profile,
    /// [`Error::Profile`] for a negative level.
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let format = match FileFormat::from_path(path) {
            Ok(FileFormat::Toml) => FileFormat::Toml,
            _ => FileFormat::Json,
        };
        let name = path.display().to_string();
        let text = crate::catalog::read_utf8(path)?;
        Self::from_signed(parse_levels(&text, format, &name)?).map_err(|e| match e {
            Error::Profile {
                skill,
                level,
                message,
            } => Error::Profile {
                skill,
                level,
                message: format!("{name}: {message}"),
            },
            other => other,
        })
    }

    /// The profile as JSON text, the shape [`Profile::from_json`] reads
    /// (`{"python": 2}`, ids sorted).
    ///
    /// ```
    /// let p = gap_core::Profile::from_refs(["python@2", "sql"]).unwrap();
    /// assert_eq!(gap_core::Profile::from_json(&p.to_json()).unwrap(), p);
    /// ```
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.levels).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The profile as TOML text, the shape [`Profile::from_toml`] reads
    /// (`python = 2`, ids sorted; ids that are not bare keys quoted).
    ///
    /// ```
    /// let p = gap_core::Profile::from_refs(["python@2", "a.b"]).unwrap();
    /// assert_eq!(gap_core::Profile::from_toml(&p.to_toml()).unwrap(), p);
    /// ```
    pub fn to_toml(&self) -> String {
        toml::to_string(&self.levels).unwrap_or_default()
    }

    /// Writes a profile file that [`Profile::load`] reads back: TOML when the
    /// name ends in `.toml` (any case), JSON otherwise.
    ///
    /// # Errors
    /// [`Error::Io`] naming the file when it cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let text = match FileFormat::from_path(path) {
            Ok(FileFormat::Toml) => self.to_toml(),
            _ => self.to_json(),
        };
        std::fs::write(path, text).map_err(|e| Error::io(path.display(), e))
    }

    /// Merges `levels` into a copy of this profile: each skill at the higher
    /// of its two levels, or, with `set`, at the level given (0 removes it).
    ///
    /// ```
    /// use gap_core::Profile;
    /// let p = Profile::from_refs(["python@2", "sql"]).unwrap();
    /// let lower = Profile::from_refs(["python"]).unwrap();
    /// assert_eq!(p.with_levels(lower.iter(), false).level("python"), 2);
    /// assert_eq!(p.with_levels(lower.iter(), true).level("python"), 1);
    /// ```
    pub fn with_levels<'a, I>(&self, levels: I, set: bool) -> Profile
    where
        I: IntoIterator<Item = (&'a str, &'a u32)>,
    {
        let mut p = self.clone();
        for (id, &level) in levels {
            if set {
                p.set(id, level);
            } else {
                p.raise(id, level);
            }
        }
        p
    }

    /// Raises a skill to `level` when it is known at a lower level (a lower
    /// `level` changes nothing).
    pub fn raise(&mut self, id: &str, level: u32) {
        if level > self.level(id) {
            self.levels.insert(id.to_string(), level);
        }
    }

    /// Merges `other` into this profile: each skill at the higher of its two
    /// levels (how a profile file and `--have` combine, and how a programme's
    /// steps add to a profile).
    ///
    /// ```
    /// use gap_core::Profile;
    /// let mut p = Profile::from_refs(["python@2", "sql"]).unwrap();
    /// p.merge_max(&Profile::from_refs(["python", "sql@2", "git"]).unwrap());
    /// assert_eq!(p, Profile::from_refs(["python@2", "sql@2", "git"]).unwrap());
    /// ```
    pub fn merge_max(&mut self, other: &Profile) {
        for (id, &level) in &other.levels {
            self.raise(id, level);
        }
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
            if l == 0 {
                p.zeros.insert(id.clone());
            }
            p.set(id, l);
        }
        Ok(p)
    }

    /// What [`crate::Catalog::profile`] did to the names it was given: each
    /// name that was not a skill id (an alias, a name, an id in another
    /// case) -> the id it stands for. Empty for a profile made otherwise.
    /// A report, not part of the profile: not compared, not saved.
    pub fn resolved(&self) -> &BTreeMap<String, String> {
        &self.resolved
    }

    /// Records the names mapped to ids (see [`Profile::resolved`]).
    pub(crate) fn set_resolved(&mut self, resolved: BTreeMap<String, String>) {
        self.resolved = resolved;
    }

    /// The ids given at level 0 (see [`Profile::from_signed`]): not known
    /// skills, but checked against a catalog when a query uses the profile.
    pub fn zero_ids(&self) -> impl Iterator<Item = &str> {
        self.zeros.iter().map(String::as_str)
    }

    /// Profiles from a long table (one row per person and skill, as a
    /// DataFrame holds them): row i says person `persons[i]` (0 to `n` − 1)
    /// knows `skills[i]` at `levels[i]`. A skill given twice for one person
    /// keeps the higher level; level 0 adds nothing. Linear in the rows.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the columns differ in length or a
    /// person is not below `n`; a negative level, or one above `u32::MAX`, is
    /// [`Error::Profile`] inside [`Error::InProfile`] naming the person.
    ///
    /// ```
    /// use gap_core::Profile;
    /// let skills = ["python", "sql", "python"].map(String::from);
    /// let ps = Profile::from_rows(2, &[0, 1, 0], &skills, &[1, 1, 2])?;
    /// assert_eq!((ps[0].level("python"), ps[1].level("sql")), (2, 1));
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn from_rows(
        n: usize,
        persons: &[usize],
        skills: &[String],
        levels: &[i64],
    ) -> Result<Vec<Profile>> {
        if persons.len() != skills.len() || skills.len() != levels.len() {
            return Err(Error::InvalidArgument(format!(
                "a long table's columns differ in length: {} persons, {} skills, {} levels",
                persons.len(),
                skills.len(),
                levels.len()
            )));
        }
        rows_into_profiles(n, persons, |i| Some(skills[i].as_str()), levels)
    }

    /// [`Profile::from_rows`] with the skill column coded, as
    /// `pandas.factorize` gives it: row i names skill `names[codes[i]]`. A
    /// table of a million rows holds a few hundred distinct skills, so
    /// nothing is copied per row.
    ///
    /// # Errors
    /// As [`Profile::from_rows`]; also [`Error::InvalidArgument`] for a
    /// code that is not below `names.len()`.
    ///
    /// ```
    /// use gap_core::Profile;
    /// let names = ["python", "sql"].map(String::from);
    /// let ps = Profile::from_coded_rows(2, &[0, 1, 0], &[0, 1, 0], &names, &[1, 1, 2])?;
    /// assert_eq!((ps[0].level("python"), ps[1].level("sql")), (2, 1));
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn from_coded_rows(
        n: usize,
        persons: &[usize],
        codes: &[usize],
        names: &[String],
        levels: &[i64],
    ) -> Result<Vec<Profile>> {
        if persons.len() != codes.len() || codes.len() != levels.len() {
            return Err(Error::InvalidArgument(format!(
                "a long table's columns differ in length: {} persons, {} skills, {} levels",
                persons.len(),
                codes.len(),
                levels.len()
            )));
        }
        rows_into_profiles(
            n,
            persons,
            |i| names.get(codes[i]).map(String::as_str),
            levels,
        )
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

/// A level as written in a profile file: a whole number (its range is
/// checked by [`Profile::from_signed`], which names the skill).
struct Level(i64);

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Level;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a level (a whole number)")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Level, E> {
                Ok(Level(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Level, E> {
                Ok(Level(i64::try_from(v).unwrap_or(i64::MAX)))
            }
        }
        d.deserialize_any(V)
    }
}

/// The id -> level map of a profile file's text, every shape error an
/// [`Error::Parse`] that says what a profile looks like.
fn parse_levels(text: &str, format: FileFormat, source: &str) -> Result<Vec<(String, i64)>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed: Result<BTreeMap<String, Level>> = match format {
        FileFormat::Json => deserialize_json(text, source),
        FileFormat::Toml => deserialize_toml(text, source),
    };
    let levels = parsed.map_err(|e| match e {
        Error::Parse {
            source_name,
            line,
            column,
            path,
            message,
        } => Error::Parse {
            source_name,
            line,
            column,
            path,
            message: format!(
                "not a profile ({}): {message}",
                match format {
                    FileFormat::Json => r#"a JSON object like {"python": 2}"#,
                    FileFormat::Toml => "a TOML table like `python = 2`",
                }
            ),
        },
        other => other,
    })?;
    Ok(levels.into_iter().map(|(id, l)| (id, l.0)).collect())
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

/// The rows of a long table into `n` profiles: row i says person
/// `persons[i]` knows `skill(i)` at `levels[i]` (the higher level kept, 0
/// adding nothing). Rows are grouped by person first (a counting sort),
/// then each profile is built from its own rows, in parallel.
fn rows_into_profiles<'a>(
    n: usize,
    persons: &[usize],
    skill: impl Fn(usize) -> Option<&'a str>,
    levels: &[i64],
) -> Result<Vec<Profile>> {
    // One pass in row order checks every row, so the first bad row is the
    // one reported, and counts each person's rows.
    let mut start = vec![0usize; n + 1];
    let mut ids: Vec<&'a str> = Vec::with_capacity(persons.len());
    for (i, (&who, &level)) in persons.iter().zip(levels).enumerate() {
        let Some(id) = skill(i) else {
            return Err(Error::InvalidArgument(format!(
                "row {i} of a long table has no skill name"
            )));
        };
        if who >= n {
            return Err(Error::InvalidArgument(format!(
                "person {who} of a long table is not below {n}"
            )));
        }
        if u32::try_from(level).is_err() {
            // The error of that level, as a profile reports it.
            let e = Profile::from_signed([(id, level)])
                .err()
                .unwrap_or_else(|| Error::InvalidArgument(format!("level {level}")));
            return Err(e.in_profile(who));
        }
        start[who + 1] += 1;
        ids.push(id);
    }
    for p in 0..n {
        start[p + 1] += start[p];
    }
    // Rows grouped by person (a counting sort, stable), so each profile is
    // built from contiguous rows rather than by a million scattered inserts.
    let mut next = start.clone();
    let mut rows = vec![0usize; persons.len()];
    for (i, &who) in persons.iter().enumerate() {
        rows[next[who]] = i;
        next[who] += 1;
    }
    let build = |who: usize| -> Profile {
        let mut entries: Vec<(&str, u32)> = rows[start[who]..start[who + 1]]
            .iter()
            .map(|&i| (ids[i], u32::try_from(levels[i]).unwrap_or(0)))
            .collect();
        // By id, the highest level first; the first of each id is kept.
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0).then(b.1.cmp(&a.1)));
        entries.dedup_by(|later, first| later.0 == first.0);
        let mut p = Profile::new();
        p.levels = entries
            .into_iter()
            .filter(|&(_, level)| level > 0)
            .map(|(id, level)| (id.to_string(), level))
            .collect();
        p
    };
    let people: Vec<usize> = (0..n).collect();
    Ok(crate::par::install(|| {
        use crate::par::prelude::*;
        people.par_iter().map(|&who| build(who)).collect()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_levels_are_not_known_but_remembered() {
        let p = Profile::from_signed([("nope", 0), ("sql", 1)]).unwrap();
        assert_eq!(p, Profile::new().with("sql", 1));
        assert_eq!(p.zero_ids().collect::<Vec<_>>(), ["nope"]);
    }

    #[test]
    fn save_and_load_round_trip_in_both_formats() {
        let p = Profile::from_refs(["python@2", "sql", "a.b@3"]).unwrap();
        let dir = std::env::temp_dir().join(format!("gap-profile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in ["p.json", "p.TOML"] {
            let f = dir.join(name);
            p.save(&f).unwrap();
            assert_eq!(Profile::load(&f).unwrap(), p, "{name}");
        }
        assert!(
            std::fs::read_to_string(dir.join("p.TOML"))
                .unwrap()
                .contains("python = 2")
        );
        assert!(matches!(p.save(&dir), Err(Error::Io { .. })));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn with_levels_takes_the_higher_or_sets() {
        let p = Profile::from_refs(["python@2", "sql"]).unwrap();
        let q = Profile::new().with("python", 1).with("git", 1);
        assert_eq!(
            p.with_levels(q.iter(), false),
            Profile::from_refs(["python@2", "sql", "git"]).unwrap()
        );
        let set = p.with_levels(q.iter().chain([("sql", &0)]), true);
        assert_eq!(set, Profile::from_refs(["python", "git"]).unwrap());
    }

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

    #[test]
    fn merge_keeps_the_higher_level() {
        let mut p = Profile::from_refs(["python@2", "sql"]).unwrap();
        p.merge_max(&Profile::from_refs(["python", "sql@3", "git"]).unwrap());
        p.merge_max(&Profile::new());
        assert_eq!(p, Profile::from_refs(["python@2", "sql@3", "git"]).unwrap());
        p.raise("docker", 0);
        p.raise("git", 1);
        assert_eq!((p.len(), p.level("docker"), p.level("git")), (3, 0, 1));
    }

    #[test]
    fn from_json_and_toml_text() {
        let want = Profile::new().with("python", 2).with("sql", 1);
        assert_eq!(
            Profile::from_json(r#"{"python": 2, "sql": 1, "git": 0}"#).unwrap(),
            want
        );
        assert_eq!(
            Profile::from_json("\u{feff}{\"python\": 2, \"sql\": 1}").unwrap(),
            want
        );
        assert_eq!(Profile::from_toml("python = 2\nsql = 1\n").unwrap(), want);
        assert!(Profile::from_json("{}").unwrap().is_empty());
        assert!(Profile::from_toml("").unwrap().is_empty());
    }

    #[test]
    fn parse_errors_say_where_and_what_a_profile_is() {
        let e = Profile::from_json("{\"python\": 2,\n \"sql\": 1.5}").unwrap_err();
        let Error::Parse {
            line, column, path, ..
        } = &e
        else {
            panic!("{e:?}")
        };
        assert_eq!((*line, *column, path.as_str()), (2, 11, "sql"));
        assert!(
            e.to_string()
                .contains(r#"not a profile (a JSON object like {"python": 2})"#),
            "{e}"
        );
        assert!(
            e.to_string().ends_with("expected a level (a whole number)"),
            "{e}"
        );
        let e = Profile::from_json(r#"["python"]"#).unwrap_err();
        assert!(matches!(e, Error::Parse { line: 1, .. }), "{e:?}");
        let e = Profile::from_toml("python = 2\nsql = \"x\"\n").unwrap_err();
        assert!(matches!(e, Error::Parse { line: 2, .. }), "{e:?}");
        assert!(
            e.to_string().contains("a TOML table like `python = 2`"),
            "{e}"
        );
        let e = Profile::from_toml("python = [2]").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("<toml>: line 1, column 10: at python: "),
            "{e}"
        );
        assert!(matches!(
            Profile::from_json(r#"{"python": -1}"#),
            Err(Error::Profile { level: -1, .. })
        ));
    }

    #[test]
    fn load_by_extension_and_name_the_file() {
        let dir = std::env::temp_dir().join(format!("gap-core-profile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, text: &[u8]| {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        let want = Profile::new().with("python", 2);
        assert_eq!(Profile::load(write("p.TOML", b"python = 2")).unwrap(), want);
        assert_eq!(
            Profile::load(write("p.json", br#"{"python": 2}"#)).unwrap(),
            want
        );
        // Not .toml: JSON, whatever the extension.
        assert_eq!(
            Profile::load(write("p.txt", br#"{"python": 2}"#)).unwrap(),
            want
        );
        let e = Profile::load(write("neg.json", br#"{"python": -1}"#)).unwrap_err();
        assert!(matches!(e, Error::Profile { level: -1, .. }));
        assert!(
            e.to_string().contains("neg.json") && e.to_string().contains("levels are 0 or more"),
            "{e}"
        );
        let e = Profile::load(write("bad.toml", b"python =")).unwrap_err();
        assert!(
            matches!(&e, Error::Parse { source_name, line: 1, .. } if source_name.ends_with("bad.toml")),
            "{e:?}"
        );
        let e = Profile::load(write("latin.json", b"{\"caf\xe9\": 1}")).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Parse {
                    line: 1,
                    column: 6,
                    ..
                }
            ),
            "{e:?}"
        );
        let e = Profile::load(dir.join("missing.json")).unwrap_err();
        assert!(matches!(e, Error::Io { .. }), "{e:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    proptest::proptest! {
        /// The grouped build equals one insert per row, keeping the higher
        /// level (the obvious reading of a long table).
        #[test]
        fn coded_rows_equal_row_by_row_inserts(
            n in 1usize..6,
            rows in proptest::collection::vec((0usize..6, 0usize..4, 0i64..4), 0..40),
        ) {
            let names = ["a", "b", "c", "d"].map(String::from);
            let rows: Vec<_> = rows.into_iter().filter(|r| r.0 < n).collect();
            let persons: Vec<usize> = rows.iter().map(|r| r.0).collect();
            let codes: Vec<usize> = rows.iter().map(|r| r.1).collect();
            let levels: Vec<i64> = rows.iter().map(|r| r.2).collect();
            let got = Profile::from_coded_rows(n, &persons, &codes, &names, &levels).unwrap();
            let mut want = vec![BTreeMap::<String, u32>::new(); n];
            for &(who, code, level) in &rows {
                let e = want[who].entry(names[code].clone()).or_insert(0);
                *e = (*e).max(level as u32);
            }
            for m in &mut want {
                m.retain(|_, l| *l > 0);
            }
            let got: Vec<_> = got.iter().map(|p| p.as_map().clone()).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
