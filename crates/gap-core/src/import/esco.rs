//! The ESCO importer (v1.1 CSV release): occupations become roles, skills and
//! knowledge become skills, `skillSkillRelations` become prerequisites.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

use super::cycles::{Reqs, break_cycles, cycle_warnings};
use super::progress::{ProgressCallback, Reporter};
use super::source::open;
use super::table::{Delimited, Table, field, line_of};
use super::{check_hours_option, finish};
use crate::error::{Error, Result};
use crate::format::{CatalogDef, FORMAT, Hours, ReqDef, RoleDef, SkillDef};
use crate::import::Imported;
use crate::reference::is_valid_id;

/// Which `skillSkillRelations` rows become prerequisites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EscoPrerequisites {
    /// Only `essential` relations (the default).
    #[default]
    Essential,
    /// `essential` and `optional` relations.
    All,
    /// None: skills have no prerequisites (`skillSkillRelations` is not read).
    None,
}

impl FromStr for EscoPrerequisites {
    type Err = Error;

    /// `"essential"`, `"all"` or `"none"`.
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "essential" => Ok(EscoPrerequisites::Essential),
            "all" => Ok(EscoPrerequisites::All),
            "none" => Ok(EscoPrerequisites::None),
            other => Err(Error::InvalidArgument(format!(
                "prerequisites must be \"essential\", \"all\" or \"none\" (got {other:?})"
            ))),
        }
    }
}

/// Options of [`from_esco`] and [`Catalog::from_esco`](crate::Catalog::from_esco).
#[derive(Debug, Clone, Default)]
pub struct EscoOptions {
    /// Which skill-skill relations become prerequisites.
    pub prerequisites: EscoPrerequisites,
    /// Hours of every skill; `None`: 20 for skill/competence (and for the few
    /// skills without a type), 10 for knowledge.
    pub hours: Option<f64>,
    /// Called as files are read.
    pub progress: Option<ProgressCallback>,
}

/// Default hours of a `skill/competence` (and of an untyped skill).
pub const ESCO_SKILL_HOURS: f64 = 20.0;
/// Default hours of a `knowledge` item.
pub const ESCO_KNOWLEDGE_HOURS: f64 = 10.0;

const SKILLS: &str = "skills_en.csv";
const OCCUPATIONS: &str = "occupations_en.csv";
const RELATIONS: &str = "occupationSkillRelations.csv";
const SKILL_RELATIONS: &str = "skillSkillRelations.csv";

/// The id of an ESCO concept: the last path segment of its URI (a UUID),
/// lowercased.
fn uri_id(uri: &str) -> String {
    uri.trim()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The id of the concept on a row of `file` (the id that ends its
/// conceptUri), or `None` with a warning when the URI does not end in an id
/// or the id is in `seen` already (`what`: "skill" or "occupation").
fn new_concept_id(
    uri: &str,
    file: &str,
    line: u64,
    what: &str,
    seen: &HashMap<String, u32>,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let id = uri_id(uri);
    if !is_valid_id(&id) {
        warnings.push(format!(
            "{file} line {line}: conceptUri `{uri}` does not end in an id; {what} skipped"
        ));
        return None;
    }
    if seen.contains_key(&id) {
        warnings.push(format!(
            "{file} line {line}: {what} `{id}` listed again; the repeat is skipped"
        ));
        return None;
    }
    Some(id)
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Rows naming an id that is not defined, aggregated per id (in first-seen order).
#[derive(Default)]
struct Unknowns {
    index: HashMap<String, usize>,
    list: Vec<(String, u64, u64)>, // uri, first line, rows
}

impl Unknowns {
    fn add(&mut self, uri: &str, line: u64) {
        match self.index.get(uri) {
            Some(&i) => self.list[i].2 += 1,
            None => {
                self.index.insert(uri.to_string(), self.list.len());
                self.list.push((uri.to_string(), line, 1));
            }
        }
    }

    fn report(&self, file: &str, what: &str, defined_in: &str, warnings: &mut Vec<String>) {
        for (uri, line, rows) in &self.list {
            let (rows_text, verb) = if *rows == 1 {
                ("1 row".to_string(), "names")
            } else {
                (format!("{rows} rows"), "name")
            };
            warnings.push(format!(
                "{file}: {rows_text} (first at line {line}) {verb} {what} `{uri}`, which is not in {defined_in}; skipped"
            ));
        }
    }
}

/// Imports the ESCO classification (v1.1 CSV release, English) from a
/// directory holding `occupations_en.csv`, `skills_en.csv`,
/// `occupationSkillRelations.csv` and `skillSkillRelations.csv`, each plain
/// or gzipped (`name.gz` is tried when `name` does not exist). Columns are
/// found by header name.
///
/// - Skills (`skills_en.csv`): id = the UUID that ends `conceptUri`,
///   `source` = the `conceptUri`, `name` = `preferredLabel`, `aliases` =
///   the newline-separated `altLabels` (without the name itself),
///   `category` = `skillType` (`skill/competence` or `knowledge`),
///   `description`; one level of `opts.hours` hours, by default 20 for
///   skill/competence and 10 for knowledge.
/// - Roles (`occupations_en.csv`): id = the UUID of `conceptUri`, `source`
///   = the `conceptUri`, `name` = `preferredLabel`, `family` = `iscoGroup`,
///   `description`; `occupationSkillRelations` rows give `requires`
///   (`essential`) and `optional` (`optional`), in file order. A skill both
///   essential and optional for one role stays essential (warning).
/// - Prerequisites (`skillSkillRelations.csv`): a row means the
///   *original* skill needs the *related* skill or knowledge item
///   ("supervise correctional procedures" needs "correctional
///   procedures"), so `originalSkillUri` requires `relatedSkillUri`.
///   `opts.prerequisites` picks the essential rows (default), all rows, or
///   none. Duplicate rows are merged (one prerequisite; a warning).
///   Self-loops and cycles are broken deterministically (the
///   lexicographically last edge `(skill id, prerequisite id)` of each cycle
///   found is dropped, repeatedly, until the graph is acyclic) and reported
///   in the warnings, never as an error.
/// - Rows naming an unknown occupation or skill are skipped with one warning
///   per unknown URI.
///
/// # Errors
/// [`Error::Io`] for a missing or unreadable file, [`Error::Import`] for a
/// missing column or malformed CSV (with the line),
/// [`Error::InvalidArgument`] for negative or non-finite `hours`.
///
/// # Complexity
/// Linear in the size of the files (plus O(C·V) for C cycles).
pub fn from_esco(dir: &Path, opts: &EscoOptions) -> Result<Imported> {
    if let Some(h) = opts.hours {
        check_hours_option("hours", h)?;
    }
    let progress = opts.progress.as_ref();
    let mut warnings = Vec::new();

    // Skills.
    let mut t = Table::new(open(dir, SKILLS)?, Delimited::Csv)?;
    let skills_file = t.source.name();
    let [c_uri, c_label] = t.columns(["conceptUri", "preferredLabel"])?;
    let c_type = t.column("skillType");
    let c_alt = t.column("altLabels");
    let c_desc = t.column("description");
    let mut skills: Vec<SkillDef> = Vec::with_capacity(16_384);
    let mut skill_ix: HashMap<String, u32> = HashMap::with_capacity(16_384);
    let mut rec = csv::StringRecord::new();
    let mut rep = Reporter::new(progress, "skills", t.source.size);
    while t.next(&mut rec)? {
        rep.update(t.bytes_read());
        let uri = field(&rec, c_uri);
        let line = line_of(&rec);
        let Some(id) = new_concept_id(uri, &skills_file, line, "skill", &skill_ix, &mut warnings)
        else {
            continue;
        };
        let name = field(&rec, c_label).to_string();
        let kind = c_type.map_or("", |c| field(&rec, c));
        let hours = opts.hours.unwrap_or(if kind == "knowledge" {
            ESCO_KNOWLEDGE_HOURS
        } else {
            ESCO_SKILL_HOURS
        });
        let mut aliases: Vec<String> = Vec::new();
        if let Some(c) = c_alt {
            for a in field(&rec, c).lines() {
                let a = a.trim();
                if !a.is_empty() && a != name && !aliases.iter().any(|x| x == a) {
                    aliases.push(a.to_string());
                }
            }
        }
        skill_ix.insert(id.clone(), skills.len() as u32);
        skills.push(SkillDef {
            id,
            name,
            category: non_empty(kind),
            description: c_desc.and_then(|c| non_empty(field(&rec, c))),
            source: non_empty(uri),
            aliases,
            hours: Hours::One(hours),
            ..SkillDef::default()
        });
    }
    rep.finish();

    // Occupations.
    let mut t = Table::new(open(dir, OCCUPATIONS)?, Delimited::Csv)?;
    let occ_file = t.source.name();
    let [c_uri, c_label] = t.columns(["conceptUri", "preferredLabel"])?;
    let c_isco = t.column("iscoGroup");
    let c_desc = t.column("description");
    let mut roles: Vec<RoleDef> = Vec::with_capacity(4096);
    let mut role_ix: HashMap<String, u32> = HashMap::with_capacity(4096);
    let mut rep = Reporter::new(progress, "occupations", t.source.size);
    while t.next(&mut rec)? {
        rep.update(t.bytes_read());
        let uri = field(&rec, c_uri);
        let line = line_of(&rec);
        let Some(id) = new_concept_id(uri, &occ_file, line, "occupation", &role_ix, &mut warnings)
        else {
            continue;
        };
        role_ix.insert(id.clone(), roles.len() as u32);
        roles.push(RoleDef {
            id,
            name: field(&rec, c_label).to_string(),
            family: c_isco.and_then(|c| non_empty(field(&rec, c))),
            description: c_desc.and_then(|c| non_empty(field(&rec, c))),
            source: non_empty(uri),
            ..RoleDef::default()
        });
    }
    rep.finish();

    // Occupation -> skill relations.
    let mut t = Table::new(open(dir, RELATIONS)?, Delimited::Csv)?;
    let rel_file = t.source.name();
    let [c_occ, c_type, c_skill] = t.columns(["occupationUri", "relationType", "skillUri"])?;
    // Per role: (skill, essential) in file order.
    let mut role_rel: Vec<Vec<(u32, bool)>> = vec![Vec::new(); roles.len()];
    let mut unknown_occ = Unknowns::default();
    let mut unknown_skill = Unknowns::default();
    let mut rep = Reporter::new(progress, "relations", t.source.size);
    while t.next(&mut rec)? {
        rep.update(t.bytes_read());
        let line = line_of(&rec);
        let occ_uri = field(&rec, c_occ);
        let skill_uri = field(&rec, c_skill);
        let essential = match field(&rec, c_type) {
            "essential" => true,
            "optional" => false,
            other => {
                warnings.push(format!(
                    "{rel_file} line {line}: unknown relationType `{other}` (expected essential or optional); row skipped"
                ));
                continue;
            }
        };
        let Some(&r) = role_ix.get(&uri_id(occ_uri)) else {
            unknown_occ.add(occ_uri, line);
            continue;
        };
        let Some(&s) = skill_ix.get(&uri_id(skill_uri)) else {
            unknown_skill.add(skill_uri, line);
            continue;
        };
        role_rel[r as usize].push((s, essential));
    }
    rep.finish();
    unknown_occ.report(&rel_file, "occupation", OCCUPATIONS, &mut warnings);
    unknown_skill.report(&rel_file, "skill", SKILLS, &mut warnings);
    let mut duplicates = 0u64;
    for (role, rels) in roles.iter_mut().zip(&role_rel) {
        // skill -> (essential, position in the first-seen order)
        let mut kind: HashMap<u32, bool> = HashMap::with_capacity(rels.len());
        let mut order: Vec<u32> = Vec::with_capacity(rels.len());
        for &(s, ess) in rels {
            match kind.get_mut(&s) {
                None => {
                    kind.insert(s, ess);
                    order.push(s);
                }
                Some(prev) if *prev == ess => duplicates += 1,
                Some(prev) => {
                    warnings.push(format!(
                        "{rel_file}: occupation `{}` ({}) lists skill `{}` ({}) as both essential and optional; kept as essential",
                        role.id, role.name, skills[s as usize].id, skills[s as usize].name
                    ));
                    *prev = true;
                }
            }
        }
        for s in order {
            let id = skills[s as usize].id.clone();
            if kind[&s] {
                role.requires.push(ReqDef::Ref(id));
            } else {
                role.optional.push(id);
            }
        }
    }
    if duplicates > 0 {
        warnings.push(format!(
            "{rel_file}: {duplicates} repeated occupation-skill row(s) merged"
        ));
    }
    drop(role_rel);

    // Skill -> skill prerequisites.
    if opts.prerequisites != EscoPrerequisites::None {
        let mut t = Table::new(open(dir, SKILL_RELATIONS)?, Delimited::Csv)?;
        let ss_file = t.source.name();
        let [c_orig, c_type, c_rel] =
            t.columns(["originalSkillUri", "relationType", "relatedSkillUri"])?;
        let mut reqs: Reqs = vec![Vec::new(); skills.len()];
        let mut pair_seen: HashMap<(u32, u32), bool> = HashMap::new();
        let mut unknown = Unknowns::default();
        let mut rep = Reporter::new(progress, "prerequisites", t.source.size);
        while t.next(&mut rec)? {
            rep.update(t.bytes_read());
            let line = line_of(&rec);
            let essential = match field(&rec, c_type) {
                "essential" => true,
                "optional" => false,
                other => {
                    warnings.push(format!(
                        "{ss_file} line {line}: unknown relationType `{other}` (expected essential or optional); row skipped"
                    ));
                    continue;
                }
            };
            let (o_uri, r_uri) = (field(&rec, c_orig), field(&rec, c_rel));
            let Some(&o) = skill_ix.get(&uri_id(o_uri)) else {
                unknown.add(o_uri, line);
                continue;
            };
            let Some(&r) = skill_ix.get(&uri_id(r_uri)) else {
                unknown.add(r_uri, line);
                continue;
            };
            if let Some(prev) = pair_seen.get_mut(&(o, r)) {
                let merged = if *prev || essential {
                    "essential"
                } else {
                    "optional"
                };
                warnings.push(format!(
                    "{ss_file} line {line}: duplicate relation `{}` -> `{}` merged (kept as {merged})",
                    skills[o as usize].id, skills[r as usize].id
                ));
                let was_used = *prev || opts.prerequisites == EscoPrerequisites::All;
                *prev |= essential;
                if !was_used && essential {
                    reqs[o as usize].push(vec![r]);
                }
                continue;
            }
            pair_seen.insert((o, r), essential);
            if essential || opts.prerequisites == EscoPrerequisites::All {
                reqs[o as usize].push(vec![r]);
            }
        }
        rep.finish();
        unknown.report(&ss_file, "skill", SKILLS, &mut warnings);
        let keys: Vec<&str> = skills.iter().map(|s| s.id.as_str()).collect();
        let dropped = break_cycles(&keys, &mut reqs);
        let label = |u: u32| {
            let s = &skills[u as usize];
            format!("`{}` ({})", s.id, s.name)
        };
        cycle_warnings(
            &ss_file,
            "skill",
            "relation",
            &dropped,
            label,
            &mut warnings,
        );
        let ids: Vec<String> = skills.iter().map(|s| s.id.clone()).collect();
        for (s, rs) in skills.iter_mut().zip(reqs) {
            s.requires = rs
                .into_iter()
                .filter_map(|r| r.first().map(|&m| ReqDef::Ref(ids[m as usize].clone())))
                .collect();
        }
    }

    let def = CatalogDef {
        format: FORMAT.to_string(),
        name: "ESCO".to_string(),
        skills,
        roles,
        transfers: Vec::new(),
    };
    finish(def, warnings, progress)
}
