//! [`Catalog`]: a validated, immutable skills catalog — built once from a
//! [`CatalogDef`], a file or text, then shared freely (`Send + Sync`).

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, InvalidCatalog, Problem, Result};
use crate::format::{CatalogDef, FileFormat};
use crate::graph::{self, StepGraph};
use crate::model::{Need, Role, RoleIx, Skill, SkillIx, StepIx, Transfer};
use crate::profile::Profile;
use crate::query::options::Target;
use crate::validate;

/// A validated skills catalog.
///
/// ```
/// use gap_core::Catalog;
/// let cat = Catalog::from_json(r#"{
///   "skills": [{"id": "python", "name": "Python", "hours": [40, 80]},
///              {"id": "pandas", "name": "pandas", "hours": 30, "requires": ["python@2"]}],
///   "roles": [{"id": "analyst", "name": "Analyst", "requires": ["pandas"]}]
/// }"#).unwrap();
/// assert_eq!(cat.skills().len(), 2);
/// assert_eq!(cat.role("analyst").unwrap().name, "Analyst");
/// ```
#[derive(Debug, Clone)]
pub struct Catalog {
    name: String,
    skills: Vec<Skill>,
    roles: Vec<Role>,
    transfers: Vec<Transfer>,
    skill_ix: HashMap<String, SkillIx>,
    role_ix: HashMap<String, RoleIx>,
    graph: StepGraph,
    /// For each skill, the transfers onto it (indices into `transfers`).
    transfers_to: Vec<Vec<u32>>,
    /// The ranking index of the solver, built on first use.
    pub(crate) solve_index: std::sync::OnceLock<std::sync::Arc<crate::solve::index::RankIndex>>,
    #[cfg(feature = "text")]
    /// The text matcher, built on first use (see [`Catalog::match_text`]).
    pub(crate) matcher: std::sync::OnceLock<std::sync::Arc<crate::text::Matcher>>,
    /// The indexes of [`Catalog::find_roles`] and [`Catalog::find_skills`],
    /// built on first use.
    pub(crate) find: crate::find::Indexes,
    /// The content hash, computed on first use (see [`Catalog::content_hash`]).
    pub(crate) content_hash: std::sync::OnceLock<crate::content_hash::ContentHash>,
    /// The compiled problems of the roles, each built on first use (shared
    /// by learning paths, batch queries and cohorts).
    pub(crate) role_problems: crate::solve::compiled::Problems,
}

impl PartialEq for Catalog {
    /// Two catalogs are equal when they define the same name, skills, roles and
    /// transfers in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.skills == other.skills
            && self.roles == other.roles
            && self.transfers == other.transfers
    }
}

/// The embedded default catalog's file, compiled in.
pub const DEFAULT_CATALOG_JSON: &str = include_str!("../data/default_catalog.json");

impl Default for Catalog {
    /// The embedded AI-engineering catalog (2026): 213 skills in 14
    /// categories and 22 roles from Data Analyst to Research Scientist, each
    /// with its O*NET-SOC code and ESCO occupation as `source`. See
    /// `crates/gap-core/data/README.md` for how its hours were estimated.
    ///
    /// ```
    /// let cat = gap_core::Catalog::default();
    /// assert!(cat.role("ml-engineer").is_ok());
    /// ```
    fn default() -> Self {
        // Validated by the test suite (tests/default_catalog.rs); parsing and
        // validating it cannot fail at run time.
        Catalog::from_json(DEFAULT_CATALOG_JSON).expect("the embedded catalog is valid")
    }
}

/// Reads a UTF-8 text file: [`Error::Io`] when it cannot be read, an
/// [`Error::Parse`] at the first bad byte when it is not UTF-8.
pub(crate) fn read_utf8(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path.display(), e))?;
    String::from_utf8(bytes).map_err(|e| not_utf8(path, &e))
}

/// The error for a file that is not UTF-8 text: the line and column of the
/// first bad byte.
fn not_utf8(path: &Path, e: &std::string::FromUtf8Error) -> Error {
    let bytes = e.as_bytes();
    let at = e.utf8_error().valid_up_to();
    let before = std::str::from_utf8(&bytes[..at]).unwrap_or("");
    let (line, column) = crate::format::line_col(before, before.len());
    Error::Parse {
        source_name: path.display().to_string(),
        line,
        column,
        path: String::new(),
        message: format!(
            "not UTF-8 text (byte 0x{:02x} at offset {at}); save the file as UTF-8",
            bytes.get(at).copied().unwrap_or(0)
        ),
    }
}

impl Catalog {
    /// Validates a definition. Every problem is reported at once in
    /// [`Error::Invalid`]; a cycle is a [`Problem::Cycle`].
    pub fn from_def(def: &CatalogDef) -> Result<Self> {
        let mut problems = Vec::new();
        let compiled = validate::compile(def, &mut problems);
        let graph = match graph::build(&compiled.skills) {
            Ok(g) => Some(g),
            Err(cycle) => {
                problems.push(Problem::Cycle {
                    cycle: cycle
                        .iter()
                        .map(|s| compiled.skills[s.ix()].id.clone())
                        .collect(),
                });
                None
            }
        };
        match graph {
            Some(graph) if problems.is_empty() => {
                let mut transfers_to = vec![Vec::new(); compiled.skills.len()];
                for (i, t) in compiled.transfers.iter().enumerate() {
                    transfers_to[t.to.ix()].push(i as u32);
                }
                Ok(Catalog {
                    name: def.name.clone(),
                    skills: compiled.skills,
                    roles: compiled.roles,
                    transfers: compiled.transfers,
                    skill_ix: compiled.skill_ix,
                    role_ix: compiled.role_ix,
                    graph,
                    transfers_to,
                    solve_index: std::sync::OnceLock::new(),
                    #[cfg(feature = "text")]
                    matcher: std::sync::OnceLock::new(),
                    find: crate::find::Indexes::default(),
                    content_hash: std::sync::OnceLock::new(),
                    role_problems: crate::solve::compiled::Problems::default(),
                })
            }
            _ => Err(Error::Invalid(InvalidCatalog { problems })),
        }
    }

    /// Parses and validates JSON text.
    pub fn from_json(text: &str) -> Result<Self> {
        Self::from_def(&CatalogDef::parse(text, FileFormat::Json, "<json>")?)
    }

    /// Parses and validates TOML text.
    pub fn from_toml(text: &str) -> Result<Self> {
        Self::from_def(&CatalogDef::parse(text, FileFormat::Toml, "<toml>")?)
    }

    /// Loads a `.json` or `.toml` file (format from the extension).
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let format = FileFormat::from_path(path)?;
        let text = read_utf8(path)?;
        Self::from_def(&CatalogDef::parse(
            &text,
            format,
            &path.display().to_string(),
        )?)
    }

    /// Saves to a `.json` or `.toml` file (format from the extension).
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let text = self.to_def().render(FileFormat::from_path(path)?)?;
        std::fs::write(path, text).map_err(|e| Error::io(path.display(), e))
    }

    /// The catalog as pretty JSON (`format` always written).
    pub fn to_json(&self) -> String {
        // Serializing plain data with string keys cannot fail.
        self.to_def().render(FileFormat::Json).unwrap_or_default()
    }

    /// The catalog as TOML.
    pub fn to_toml(&self) -> Result<String> {
        self.to_def().render(FileFormat::Toml)
    }

    /// The definition that this catalog was built from (normalized: hours of
    /// one level as a number, empty lists left out).
    pub fn to_def(&self) -> CatalogDef {
        validate::decompile(&self.name, &self.skills, &self.roles, &self.transfers)
    }

    /// A new catalog with more roles; an id that is already a role is an error.
    pub fn with_roles(&self, roles: Vec<crate::format::RoleDef>) -> Result<Self> {
        let mut def = self.to_def();
        let mut problems = Vec::new();
        for (j, r) in roles.iter().enumerate() {
            if self.role_ix.contains_key(&r.id) {
                problems.push(Problem::DuplicateRole {
                    id: r.id.clone(),
                    at: format!("new role [{j}]"),
                    first: format!("roles[{}] ({})", self.role_ix[&r.id].0, r.id),
                });
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(InvalidCatalog { problems }));
        }
        def.roles.extend(roles);
        Self::from_def(&def)
    }

    /// Resolves a query target: a role of the catalog, or a caller's role
    /// definition checked against the catalog's skills (its problems are an
    /// [`Error::Invalid`]). A caller's role may reuse the id of a catalog
    /// role only when it is that role (the same requirements, as when a role
    /// read from the catalog is passed back); a different role under a
    /// catalog id is an [`Error::Invalid`] with a
    /// [`Problem::DuplicateRole`], since results name roles by id.
    ///
    /// ```
    /// use gap_core::{Catalog, Target, format::RoleDef};
    /// let cat = Catalog::default();
    /// let mle = cat.role_def(cat.role_index("ml-engineer")?);
    /// assert!(cat.resolve_target(&Target::Role(mle.clone())).is_ok());
    /// let other = RoleDef { requires: vec![], ..mle };
    /// assert!(cat.resolve_target(&Target::Role(other)).is_err());
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn resolve_target(&self, target: &Target) -> Result<std::borrow::Cow<'_, Role>> {
        match target {
            Target::Id(id) => Ok(std::borrow::Cow::Borrowed(
                &self.roles[self.role_index(id)?.ix()],
            )),
            Target::Role(def) => {
                let mut problems = Vec::new();
                let at = format!("role ({})", def.id);
                if !crate::reference::is_valid_id(&def.id) {
                    problems.push(Problem::BadId {
                        id: def.id.clone(),
                        at: at.clone(),
                    });
                }
                let levels: Vec<u32> = self.skills.iter().map(Skill::levels).collect();
                let role = validate::compile_role(def, &at, &self.skill_ix, &levels, &mut problems);
                if let Some(&ri) = self.role_ix.get(&def.id) {
                    let mine = &self.roles[ri.ix()];
                    if problems.is_empty() && role == *mine {
                        return Ok(std::borrow::Cow::Borrowed(mine));
                    }
                    problems.push(Problem::DuplicateRole {
                        id: def.id.clone(),
                        at,
                        first: format!("roles[{}] ({})", ri.0, def.id),
                    });
                }
                if problems.is_empty() {
                    Ok(std::borrow::Cow::Owned(role))
                } else {
                    Err(Error::Invalid(InvalidCatalog { problems }))
                }
            }
        }
    }

    /// The catalog's display name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// All skills, in catalog order (index = [`SkillIx`]).
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// All roles, in catalog order (index = [`RoleIx`]).
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// All transfers.
    pub fn transfers(&self) -> &[Transfer] {
        &self.transfers
    }

    /// The transfers onto one skill.
    ///
    /// # Panics
    /// If `skill` is not an index of this catalog (indices come from
    /// [`Catalog::skill_index`]; ids from users go through it, never here).
    pub fn transfers_to(&self, skill: SkillIx) -> impl Iterator<Item = &Transfer> {
        self.transfers_to[skill.ix()]
            .iter()
            .map(|&i| &self.transfers[i as usize])
    }

    #[cfg(feature = "text")]
    /// The text matcher, built on first use.
    pub(crate) fn matcher(&self) -> &crate::text::Matcher {
        self.matcher
            .get_or_init(|| crate::text::shared_matcher(&self.skills))
    }

    /// The step graph.
    pub fn step_graph(&self) -> &StepGraph {
        &self.graph
    }

    /// A skill by id.
    pub fn skill(&self, id: &str) -> Result<&Skill> {
        self.skill_index(id).map(|i| &self.skills[i.ix()])
    }

    /// A role by id.
    pub fn role(&self, id: &str) -> Result<&Role> {
        self.role_index(id).map(|i| &self.roles[i.ix()])
    }

    /// The index of a skill id; unknown ids get suggestions (close ids, and
    /// the ids of skills whose name or alias matches, see
    /// [`Catalog::find_skills`]).
    pub fn skill_index(&self, id: &str) -> Result<SkillIx> {
        self.skill_ix
            .get(id)
            .copied()
            .ok_or_else(|| Error::UnknownSkill {
                id: id.to_string(),
                suggestions: self.skill_suggestions(id),
            })
    }

    /// The index of a role id; unknown ids get suggestions (close ids, and
    /// the ids of roles whose name matches, see [`Catalog::find_roles`]).
    pub fn role_index(&self, id: &str) -> Result<RoleIx> {
        self.role_ix
            .get(id)
            .copied()
            .ok_or_else(|| Error::UnknownRole {
                id: id.to_string(),
                suggestions: self.role_suggestions(id),
            })
    }

    /// Whether a skill id is defined.
    pub fn contains_skill(&self, id: &str) -> bool {
        self.skill_ix.contains_key(id)
    }

    /// Whether a role id is defined.
    pub fn contains_role(&self, id: &str) -> bool {
        self.role_ix.contains_key(id)
    }

    /// The skill of an id, `None` when it is not defined (no suggestions).
    pub(crate) fn get_skill(&self, id: &str) -> Option<&Skill> {
        self.skill_ix.get(id).map(|&i| &self.skills[i.ix()])
    }

    /// The role of an id, `None` when it is not defined (no suggestions).
    pub(crate) fn get_role(&self, id: &str) -> Option<&Role> {
        self.role_ix.get(id).map(|&i| &self.roles[i.ix()])
    }

    /// The step of `level` of `skill`.
    ///
    /// # Panics
    /// If `skill` is not an index of this catalog or `level` is not one of its
    /// levels (1 to [`Skill::levels`]).
    pub fn step(&self, skill: SkillIx, level: u32) -> StepIx {
        self.graph.step(skill, level)
    }

    /// The id of a skill index.
    ///
    /// # Panics
    /// If `skill` is not an index of this catalog (indices come from
    /// [`Catalog::skill_index`]; ids from users go through it, never here).
    pub fn skill_id(&self, skill: SkillIx) -> &str {
        &self.skills[skill.ix()].id
    }

    /// Formats a resolved reference as text (`python@2`).
    pub fn need_text(&self, need: &Need) -> String {
        crate::reference::format_reference(self.skill_id(need.skill), need.level)
    }

    /// Checks a profile against the catalog and returns the level of every
    /// skill, indexed by [`SkillIx`]. Unknown skills and levels out of range are
    /// errors; a name or alias given instead of an id is
    /// [`Error::SkillName`] (see [`Catalog::profile`], which resolves them).
    pub fn resolve_profile(&self, profile: &Profile) -> Result<Vec<u32>> {
        let mut levels = vec![0u32; self.skills.len()];
        for id in profile.zero_ids() {
            self.profile_skill_index(id)?;
        }
        for (id, &level) in profile.iter() {
            let s = self.profile_skill_index(id)?;
            let max = self.skills[s.ix()].levels();
            if level > max {
                return Err(Error::Profile {
                    skill: id.to_string(),
                    level: i64::from(level),
                    message: format!("`{id}` at level {level}, but the skill has {max} level(s)"),
                });
            }
            levels[s.ix()] = level;
        }
        Ok(levels)
    }

    /// The hours of step (`skill`, `level`) for a learner who starts from
    /// `start` (dense levels): the level's hours less the largest discount of a
    /// transfer whose `from` the start satisfies.
    ///
    /// # Panics
    /// If `skill` is not an index of this catalog or `level` is not one of its
    /// levels (1 to [`Skill::levels`]).
    pub fn step_hours(&self, skill: SkillIx, level: u32, start: &[u32]) -> f64 {
        let h = self.skills[skill.ix()].hours[level as usize - 1];
        let d = self
            .transfers_to(skill)
            .filter(|t| t.from.satisfied_by(start))
            .map(|t| t.discount)
            .fold(0.0, f64::max);
        h * (1.0 - d)
    }
}
