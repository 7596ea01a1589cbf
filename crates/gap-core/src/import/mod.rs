//! Importers for public taxonomies: ESCO ([`esco::from_esco`]), O*NET
//! ([`onet::from_onet`]) and Metacademy ([`metacademy::from_metacademy`]),
//! also reachable as [`Catalog::from_esco`], [`Catalog::from_onet`] and
//! [`Catalog::from_metacademy`].
//!
//! Each importer reads the publisher's own files, builds a
//! [`CatalogDef`](crate::format::CatalogDef) and validates it with
//! [`Catalog::from_def`]. Problems in the data that can be repaired (a relation
//! to an unknown id, a duplicate relation, a prerequisite cycle) are repaired
//! deterministically and reported in [`Imported::warnings`]; a file that
//! cannot be read or parsed (a missing column, broken CSV) is an
//! [`Error::Import`] or [`Error::Io`] naming the file and line.
//!
//! The layer, one owner per file:
//! - `esco`, `onet`, `metacademy`: one importer each (the publisher's files to
//!   a catalog definition);
//! - `source`: opening plain or gzipped files and counting the bytes read;
//! - `limits`: the record and inflation bounds the readers enforce;
//! - `table`: the CSV / TSV table with columns found by header name;
//! - `progress`: [`Progress`] reports and the rate-limited stage reporter;
//! - `slug`: ids from free text ([`slug`]);
//! - `cycles`: tidying requirements and the deterministic cycle breaker;
//! - this module: the result ([`Imported`]) and the final validation.

mod cycles;
pub mod esco;
pub mod limits;
pub mod metacademy;
pub mod onet;
mod progress;
mod slug;
mod source;
mod table;

use std::path::Path;

pub use esco::{ESCO_KNOWLEDGE_HOURS, ESCO_SKILL_HOURS, EscoOptions, EscoPrerequisites};
pub use metacademy::{MetacademyOptions, SHORTCUT_SUFFIX, metacademy_id};
pub use onet::{OnetOptions, OnetTechnologies, TechnologyGranularity, onet_level};
pub use progress::{Progress, ProgressCallback};
pub use slug::slug;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use progress::Reporter;

/// The result of an import: the validated catalog and what was repaired or
/// skipped on the way (in the order found; the same input gives the same
/// warnings).
#[derive(Debug, Clone)]
pub struct Imported {
    /// The validated catalog.
    pub catalog: Catalog,
    /// Human-readable notes: skipped rows, merged duplicates, dropped cycles,
    /// estimated hours.
    pub warnings: Vec<String>,
}

impl Catalog {
    /// Imports the ESCO classification (v1.1 CSV release, English) from a
    /// directory of its CSV files, plain or gzipped: occupations become roles,
    /// skills and knowledge become skills, skill-skill relations become
    /// prerequisites. Same as [`esco::from_esco`], which documents the mapping,
    /// the errors and the complexity.
    pub fn from_esco(dir: &Path, opts: &EscoOptions) -> Result<Imported> {
        esco::from_esco(dir, opts)
    }

    /// Imports the O*NET database (release 29.x, tab-separated text edition)
    /// from a directory of its files, plain or gzipped: occupations become
    /// roles, Skills and Knowledge elements three-level skills, selected
    /// technologies optional skills. Same as [`onet::from_onet`], which
    /// documents the mapping and the errors.
    pub fn from_onet(dir: &Path, opts: &OnetOptions) -> Result<Imported> {
        onet::from_onet(dir, opts)
    }

    /// Imports the Metacademy concept graph from `graph_data.json` or from the
    /// flat-file `content/` repository: concepts become one-level skills, with
    /// one role per concept. Same as [`metacademy::from_metacademy`], which
    /// documents the mapping and the errors.
    pub fn from_metacademy(path: &Path, opts: &MetacademyOptions) -> Result<Imported> {
        metacademy::from_metacademy(path, opts)
    }
}

/// Validates hours given as an option.
pub(crate) fn check_hours_option(name: &str, h: f64) -> Result<()> {
    if h.is_finite() && h >= 0.0 {
        Ok(())
    } else {
        Err(Error::InvalidArgument(format!(
            "{name} must be a finite number >= 0 (got {h})"
        )))
    }
}

/// Validates the definition and wraps it with the warnings.
pub(crate) fn finish(
    def: crate::format::CatalogDef,
    warnings: Vec<String>,
    progress: Option<&ProgressCallback>,
) -> Result<Imported> {
    let r = Reporter::new(progress, "validate", 1);
    let catalog = Catalog::from_def(&def)?;
    r.finish();
    let mut warnings = warnings;
    if let Some(w) = no_requirements_warning(&catalog) {
        warnings.push(w);
    }
    Ok(Imported { catalog, warnings })
}

/// Roles named in the one warning about roles without essential
/// requirements.
const NAMED_EMPTY_ROLES: usize = 5;

/// One warning for the roles with no essential requirements (a taxonomy
/// entry without ratings): every profile is job-ready for them at 0 h, so
/// they lead a ranking by hours; by fit they sink (fit 0).
fn no_requirements_warning(cat: &Catalog) -> Option<String> {
    let empty: Vec<&str> = cat
        .roles()
        .iter()
        .filter(|r| r.requires.is_empty())
        .map(|r| r.id.as_str())
        .collect();
    if empty.is_empty() {
        return None;
    }
    let mut named = empty
        .iter()
        .take(NAMED_EMPTY_ROLES)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if empty.len() > NAMED_EMPTY_ROLES {
        named.push_str(&format!(" and {} more", empty.len() - NAMED_EMPTY_ROLES));
    }
    Some(format!(
        "{} role(s) have no essential requirements (every profile is job-ready for them at 0 h; rank by fit to sink them): {named}",
        empty.len()
    ))
}
