//! The O*NET importer (database release 29.x, text edition): occupations become
//! roles; Skills and Knowledge elements become three-level skills required at
//! the level their ratings ask for; selected technologies become optional
//! one-level skills.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use super::progress::{ProgressCallback, Reporter};
use super::slug::slug;
use super::source::{open, open_optional};
use super::table::{Delimited, Table, field, line_of};
use super::{check_hours_option, finish};
use crate::error::{Error, Result};
use crate::format::{CatalogDef, FORMAT, Hours, ReqDef, RoleDef, SkillDef};
use crate::import::Imported;
use crate::reference::{format_reference, is_valid_id};

/// Which rows of `Technology Skills.txt` become optional requirements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnetTechnologies {
    /// No technologies.
    None,
    /// Rows flagged `Hot Technology` = Y (the default).
    #[default]
    Hot,
    /// Rows flagged `In Demand` = Y.
    InDemand,
    /// Rows flagged Hot Technology or In Demand.
    HotOrInDemand,
    /// Every row.
    All,
}

impl std::str::FromStr for OnetTechnologies {
    type Err = Error;

    /// `"none"`, `"hot"`, `"in-demand"`, `"hot-or-in-demand"` or `"all"`.
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "none" => Ok(Self::None),
            "hot" => Ok(Self::Hot),
            "in-demand" => Ok(Self::InDemand),
            "hot-or-in-demand" => Ok(Self::HotOrInDemand),
            "all" => Ok(Self::All),
            other => Err(Error::InvalidArgument(format!(
                "technologies must be none, hot, in-demand, hot-or-in-demand or all (got {other:?})"
            ))),
        }
    }
}

/// What one technology skill stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TechnologyGranularity {
    /// One skill per `Example` (a product such as "Apache Airflow"); the
    /// default.
    #[default]
    Example,
    /// One skill per UNSPSC commodity (`Commodity Title`, such as "Data base
    /// management system software").
    Commodity,
}

/// Options of [`from_onet`] and [`Catalog::from_onet`](crate::Catalog::from_onet).
#[derive(Debug, Clone)]
pub struct OnetOptions {
    /// A role requires an element when its importance (IM, 1–5) is at least
    /// this. Default 3.0.
    pub min_importance: f64,
    /// Hours of levels 1, 2 and 3 of every Skills / Knowledge element (each
    /// the extra effort over the level below). Default `[20, 40, 80]`.
    pub level_hours: [f64; 3],
    /// Which technologies become optional requirements. Default: hot ones.
    pub technologies: OnetTechnologies,
    /// One skill per technology example or per commodity. Default: example.
    pub technology_granularity: TechnologyGranularity,
    /// Hours of a technology skill (one level). Default 20.
    pub technology_hours: f64,
    /// Called as files are read.
    pub progress: Option<ProgressCallback>,
}

impl Default for OnetOptions {
    fn default() -> Self {
        OnetOptions {
            min_importance: 3.0,
            level_hours: [20.0, 40.0, 80.0],
            technologies: OnetTechnologies::default(),
            technology_granularity: TechnologyGranularity::default(),
            technology_hours: 20.0,
            progress: None,
        }
    }
}

/// The skill level (1–3) for an O*NET level rating (LV, 0–7): below 3 is 1
/// (basic), from 3 to below 5 is 2 (intermediate), 5 and above is 3 (advanced).
///
/// ```
/// use gap_core::import::onet_level;
/// assert_eq!((onet_level(0.0), onet_level(2.99), onet_level(3.0), onet_level(4.99), onet_level(5.0), onet_level(7.0)), (1, 1, 2, 2, 3, 3));
/// ```
pub fn onet_level(lv: f64) -> u32 {
    if lv < 3.0 {
        1
    } else if lv < 5.0 {
        2
    } else {
        3
    }
}

const OCCUPATIONS: &str = "Occupation Data.txt";
const SKILLS: &str = "Skills.txt";
const KNOWLEDGE: &str = "Knowledge.txt";
const TECHNOLOGY: &str = "Technology Skills.txt";
const CONTENT_MODEL: &str = "Content Model Reference.txt";

#[derive(Clone, Copy, Default)]
struct Rating {
    im: Option<f64>,
    lv: Option<f64>,
    not_relevant: bool,
}

/// Unique ids: a slug, then `slug-<kind>` on a clash, then `slug-<kind>-2`, …
struct Ids(HashSet<String>);

impl Ids {
    fn assign(&mut self, name: &str, kind: &str, fallback: &str) -> String {
        let mut base = slug(name);
        if base.is_empty() {
            base = slug(fallback);
        }
        if base.is_empty() {
            base = kind.to_string();
        }
        let mut id = base.clone();
        if self.0.contains(&id) {
            id = format!("{base}-{kind}");
            let mut n = 2;
            while self.0.contains(&id) {
                id = format!("{base}-{kind}-{n}");
                n += 1;
            }
        }
        self.0.insert(id.clone());
        id
    }
}

struct Element {
    code: String,
    name: String,
    kind: &'static str,
    id: String,
}

/// Imports the O*NET database (release 29.x, tab-separated text edition)
/// from a directory holding `Occupation Data.txt`, `Skills.txt`,
/// `Knowledge.txt` and (for technologies) `Technology Skills.txt`, each
/// plain or gzipped (`name.gz`). `Content Model Reference.txt`, when
/// present, supplies element descriptions. Columns are found by header name.
///
/// - Roles: one per occupation; id = the O*NET-SOC code lowercased
///   (`15-2051.00`), `name` = `Title`, `description`, `source` = the
///   occupation's O*NET OnLine page.
/// - Skills: one per Skills and Knowledge element, id = the element name
///   as a [`slug`](super::slug) (`critical-thinking`); a knowledge element
///   whose slug is taken by a skill element gets `-knowledge`
///   (`mathematics` is the skill, `mathematics-knowledge` the knowledge
///   area). Three levels of `opts.level_hours` (default 20, 40, 80 hours);
///   `category` = `skill` or `knowledge`; `source` = `O*NET <Element ID>`.
/// - Requirements: a role requires an element when its importance (scale
///   IM) is at least `opts.min_importance`, at the level
///   [`onet_level`] maps its level rating (scale LV) to: LV < 3 → 1,
///   3 ≤ LV < 5 → 2, LV ≥ 5 → 3. An element whose LV row is marked
///   `Not Relevant` is not required; a missing LV counts as level 1
///   (warning). `Recommend Suppress` flags are not used (every rating
///   counts). Occupations without ratings (137 of 1,016 in 29.2) get no
///   element requirements.
/// - Technologies: the rows `opts.technologies` selects (default: `Hot
///   Technology` = Y) become optional one-level skills of
///   `opts.technology_hours`, one per example (default) or per commodity,
///   listed by name; ids are slugs (`-technology` added on a clash);
///   `category` = the commodity title.
/// - Ratings or technologies of occupations not in `Occupation Data.txt`
///   are skipped with one warning per code.
///
/// # Errors
/// [`Error::Io`] for a missing required file, [`Error::Import`] for a
/// missing column or malformed file, [`Error::InvalidArgument`] for bad
/// hours or a non-finite `min_importance`.
pub fn from_onet(dir: &Path, opts: &OnetOptions) -> Result<Imported> {
    for h in opts.level_hours {
        check_hours_option("level_hours", h)?;
    }
    check_hours_option("technology_hours", opts.technology_hours)?;
    if !opts.min_importance.is_finite() {
        return Err(Error::InvalidArgument(format!(
            "min_importance must be a finite number (got {})",
            opts.min_importance
        )));
    }
    let progress = opts.progress.as_ref();
    let mut warnings = Vec::new();
    let mut rec = csv::StringRecord::new();

    // Occupations.
    let mut t = Table::new(open(dir, OCCUPATIONS)?, Delimited::Tsv)?;
    let occ_file = t.source.name();
    let [c_code, c_title] = t.columns(["O*NET-SOC Code", "Title"])?;
    let c_desc = t.column("Description");
    let mut roles: Vec<RoleDef> = Vec::new();
    let mut role_ix: HashMap<String, u32> = HashMap::new();
    let mut rep = Reporter::new(progress, "occupations", t.source.size);
    while t.next(&mut rec)? {
        rep.update(t.bytes_read());
        let code = field(&rec, c_code);
        let id = code.to_ascii_lowercase();
        let line = line_of(&rec);
        if !is_valid_id(&id) {
            warnings.push(format!(
                "{occ_file} line {line}: `{code}` is not a usable O*NET-SOC code; occupation skipped"
            ));
            continue;
        }
        if role_ix.contains_key(&id) {
            warnings.push(format!(
                "{occ_file} line {line}: occupation `{code}` listed again; the repeat is skipped"
            ));
            continue;
        }
        role_ix.insert(id.clone(), roles.len() as u32);
        roles.push(RoleDef {
            name: field(&rec, c_title).to_string(),
            description: c_desc
                .map(|c| field(&rec, c))
                .filter(|d| !d.is_empty())
                .map(str::to_string),
            source: Some(format!("https://www.onetonline.org/link/summary/{code}")),
            id,
            ..RoleDef::default()
        });
    }
    rep.finish();

    // Element descriptions, when the content model is there.
    let mut descriptions: HashMap<String, String> = HashMap::new();
    if let Some(src) = open_optional(dir, CONTENT_MODEL)? {
        let mut t = Table::new(src, Delimited::Tsv)?;
        let [c_id, c_desc] = t.columns(["Element ID", "Description"])?;
        while t.next(&mut rec)? {
            let d = field(&rec, c_desc);
            if !d.is_empty() {
                descriptions.insert(field(&rec, c_id).to_string(), d.to_string());
            }
        }
    }

    // Skills and Knowledge ratings.
    let mut ids = Ids(HashSet::new());
    let mut elements: Vec<Element> = Vec::new();
    let mut element_ix: HashMap<String, u32> = HashMap::new();
    // Per role: (element, rating) in first-seen order.
    let mut ratings: Vec<Vec<(u32, Rating)>> = vec![Vec::new(); roles.len()];
    let mut unknown_codes: BTreeMap<String, (String, u64, u64)> = BTreeMap::new();
    let mut bad_values = 0u64;
    for (file, kind, stage) in [
        (SKILLS, "skill", "skills"),
        (KNOWLEDGE, "knowledge", "knowledge"),
    ] {
        let mut t = Table::new(open(dir, file)?, Delimited::Tsv)?;
        let name = t.source.name();
        let [c_code, c_elem, c_ename, c_scale, c_value] = t.columns([
            "O*NET-SOC Code",
            "Element ID",
            "Element Name",
            "Scale ID",
            "Data Value",
        ])?;
        let c_nr = t.column("Not Relevant");
        let mut rep = Reporter::new(progress, stage, t.source.size);
        while t.next(&mut rec)? {
            rep.update(t.bytes_read());
            let line = line_of(&rec);
            let scale = field(&rec, c_scale);
            if scale != "IM" && scale != "LV" {
                continue;
            }
            let code = field(&rec, c_code);
            let Some(&r) = role_ix.get(&code.to_ascii_lowercase()) else {
                let e = unknown_codes
                    .entry(code.to_string())
                    .or_insert_with(|| (name.clone(), line, 0));
                e.2 += 1;
                continue;
            };
            let value: f64 = match field(&rec, c_value).parse::<f64>() {
                Ok(v) if v.is_finite() => v,
                _ => {
                    bad_values += 1;
                    if bad_values <= 20 {
                        warnings.push(format!(
                            "{name} line {line}: Data Value `{}` is not a number; row skipped",
                            field(&rec, c_value)
                        ));
                    }
                    continue;
                }
            };
            let elem_code = field(&rec, c_elem);
            let e = match element_ix.get(elem_code) {
                Some(&e) => e,
                None => {
                    let ename = field(&rec, c_ename);
                    let id = ids.assign(ename, kind, elem_code);
                    element_ix.insert(elem_code.to_string(), elements.len() as u32);
                    elements.push(Element {
                        code: elem_code.to_string(),
                        name: ename.to_string(),
                        kind,
                        id,
                    });
                    elements.len() as u32 - 1
                }
            };
            let list = &mut ratings[r as usize];
            // IM and LV rows of one element are usually adjacent.
            let slot = match list.iter().rposition(|(x, _)| *x == e) {
                Some(i) => &mut list[i].1,
                None => {
                    list.push((e, Rating::default()));
                    let last = list.len() - 1;
                    &mut list[last].1
                }
            };
            if scale == "IM" {
                slot.im = Some(value);
            } else {
                slot.lv = Some(value);
                slot.not_relevant = c_nr.is_some_and(|c| field(&rec, c) == "Y");
            }
        }
        rep.finish();
    }
    if bad_values > 20 {
        warnings.push(format!(
            "{} more rows with a Data Value that is not a number were skipped",
            bad_values - 20
        ));
    }
    let mut missing_lv = 0u64;
    for (role, list) in roles.iter_mut().zip(&ratings) {
        for (e, rt) in list {
            let Some(im) = rt.im else { continue };
            if im < opts.min_importance || rt.not_relevant {
                continue;
            }
            let level = match rt.lv {
                Some(lv) => onet_level(lv),
                None => {
                    missing_lv += 1;
                    1
                }
            };
            role.requires.push(ReqDef::Ref(format_reference(
                &elements[*e as usize].id,
                level,
            )));
        }
    }
    if missing_lv > 0 {
        warnings.push(format!(
            "{missing_lv} important element rating(s) had no level (LV) row and are required at level 1"
        ));
    }

    let mut skills: Vec<SkillDef> = elements
        .iter()
        .map(|e| SkillDef {
            id: e.id.clone(),
            name: e.name.clone(),
            category: Some(e.kind.to_string()),
            description: descriptions.get(&e.code).cloned(),
            source: Some(format!("O*NET {}", e.code)),
            hours: Hours::Levels(opts.level_hours.to_vec()),
            ..SkillDef::default()
        })
        .collect();

    // Technologies.
    if opts.technologies != OnetTechnologies::None {
        match open_optional(dir, TECHNOLOGY)? {
            None => warnings.push(format!(
                "{}: not found; no technologies imported",
                dir.join(TECHNOLOGY).display()
            )),
            Some(src) => {
                let mut t = Table::new(src, Delimited::Tsv)?;
                let name = t.source.name();
                let [c_code, c_example, c_ccode, c_ctitle] = t.columns([
                    "O*NET-SOC Code",
                    "Example",
                    "Commodity Code",
                    "Commodity Title",
                ])?;
                let c_hot = t.column("Hot Technology");
                let c_demand = t.column("In Demand");
                let needs_hot = matches!(
                    opts.technologies,
                    OnetTechnologies::Hot | OnetTechnologies::HotOrInDemand
                );
                let needs_demand = matches!(
                    opts.technologies,
                    OnetTechnologies::InDemand | OnetTechnologies::HotOrInDemand
                );
                if needs_hot && c_hot.is_none() || needs_demand && c_demand.is_none() {
                    t.columns(["Hot Technology", "In Demand"])?;
                }
                // key -> (name, category = commodity title of the smallest code, code)
                let mut techs: HashMap<String, (String, String, String)> = HashMap::new();
                let mut uses: Vec<(u32, String)> = Vec::new();
                let mut rep = Reporter::new(progress, "technologies", t.source.size);
                while t.next(&mut rec)? {
                    rep.update(t.bytes_read());
                    let hot = c_hot.is_some_and(|c| field(&rec, c) == "Y");
                    let demand = c_demand.is_some_and(|c| field(&rec, c) == "Y");
                    let take = match opts.technologies {
                        OnetTechnologies::None => false,
                        OnetTechnologies::Hot => hot,
                        OnetTechnologies::InDemand => demand,
                        OnetTechnologies::HotOrInDemand => hot || demand,
                        OnetTechnologies::All => true,
                    };
                    if !take {
                        continue;
                    }
                    let code = field(&rec, c_code);
                    let Some(&r) = role_ix.get(&code.to_ascii_lowercase()) else {
                        let e = unknown_codes
                            .entry(code.to_string())
                            .or_insert_with(|| (name.clone(), line_of(&rec), 0));
                        e.2 += 1;
                        continue;
                    };
                    let (example, ccode, ctitle) = (
                        field(&rec, c_example),
                        field(&rec, c_ccode),
                        field(&rec, c_ctitle),
                    );
                    let (key, tname) = match opts.technology_granularity {
                        TechnologyGranularity::Example => (example, example),
                        TechnologyGranularity::Commodity => (ccode, ctitle),
                    };
                    if key.is_empty() {
                        continue;
                    }
                    match techs.get_mut(key) {
                        Some(t) => {
                            if ccode < t.2.as_str() {
                                t.1 = ctitle.to_string();
                                t.2 = ccode.to_string();
                            }
                        }
                        None => {
                            techs.insert(
                                key.to_string(),
                                (tname.to_string(), ctitle.to_string(), ccode.to_string()),
                            );
                        }
                    }
                    uses.push((r, key.to_string()));
                }
                rep.finish();
                // Technology skills listed by name, then key.
                let mut keys: Vec<&String> = techs.keys().collect();
                keys.sort_by(|a, b| {
                    let (na, nb) = (&techs[*a].0, &techs[*b].0);
                    na.to_lowercase()
                        .cmp(&nb.to_lowercase())
                        .then(na.cmp(nb))
                        .then(a.cmp(b))
                });
                let mut tech_id: HashMap<&str, String> = HashMap::new();
                for key in keys {
                    let (tname, ctitle, ccode) = &techs[key];
                    let id = ids.assign(tname, "technology", key);
                    tech_id.insert(key.as_str(), id.clone());
                    let source = match opts.technology_granularity {
                        TechnologyGranularity::Example => {
                            format!("O*NET Technology Skills (UNSPSC {ccode} {ctitle})")
                        }
                        TechnologyGranularity::Commodity => {
                            format!("O*NET Technology Skills (UNSPSC {ccode})")
                        }
                    };
                    skills.push(SkillDef {
                        id,
                        name: tname.clone(),
                        category: (!ctitle.is_empty()).then(|| ctitle.clone()),
                        source: Some(source),
                        hours: Hours::One(opts.technology_hours),
                        ..SkillDef::default()
                    });
                }
                let mut seen: HashSet<(u32, &str)> = HashSet::new();
                for (r, key) in &uses {
                    if let Some(id) = tech_id.get(key.as_str())
                        && seen.insert((*r, id.as_str()))
                    {
                        roles[*r as usize].optional.push(id.clone());
                    }
                }
            }
        }
    }
    for (code, (file, line, rows)) in &unknown_codes {
        warnings.push(format!(
            "{file}: {rows} row(s) (first at line {line}) name occupation `{code}`, which is not in {OCCUPATIONS}; skipped"
        ));
    }

    let def = CatalogDef {
        format: FORMAT.to_string(),
        name: "O*NET".to_string(),
        skills,
        roles,
        transfers: Vec::new(),
    };
    finish(def, warnings, progress)
}
