//! `validate [FILE]`: load a catalog and report every problem (exit 1 when invalid).

use std::path::Path;

use serde::Serialize;

use crate::cli::{Format, GlobalArgs};
use crate::error::{CliError, CliResult};
use crate::input::load_catalog;
use crate::output::{Out, check_format, plural};

/// `validate --format json` output.
#[derive(Serialize)]
struct Report {
    catalog: String,
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    skills: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    roles: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transfers: Option<usize>,
    /// Every problem, as text.
    problems: Vec<String>,
    /// The skill ids of a cycle, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    cycle: Option<Vec<String>>,
}

/// `skillgap validate [FILE]`: FILE, else `--catalog`, else the embedded catalog.
pub fn run(g: &GlobalArgs, file: Option<&Path>, out: &mut Out) -> CliResult {
    check_format(g.format, &[Format::Table, Format::Json], "validate")?;
    let source = file.or(g.catalog.as_deref());
    let label = source.map_or_else(
        || "the embedded catalog".to_string(),
        |p| p.display().to_string(),
    );
    match load_catalog(source) {
        Ok(cat) => {
            if g.format == Format::Json {
                out.json(&Report {
                    catalog: label,
                    valid: true,
                    skills: Some(cat.skills().len()),
                    roles: Some(cat.roles().len()),
                    transfers: Some(cat.transfers().len()),
                    problems: Vec::new(),
                    cycle: None,
                })?;
            } else {
                out.line(format!(
                    "{label}: valid ({}, {}, {}, {})",
                    plural(cat.skills().len(), "skill"),
                    plural(cat.roles().len(), "role"),
                    plural(cat.transfers().len(), "transfer"),
                    plural(cat.step_graph().len(), "step"),
                ))?;
            }
            Ok(())
        }
        Err(CliError::Core(e)) if g.format == Format::Json => {
            let problems = if e.problems().is_empty() {
                vec![e.to_string()]
            } else {
                e.problems().iter().map(ToString::to_string).collect()
            };
            out.json(&Report {
                catalog: label,
                valid: false,
                skills: None,
                roles: None,
                transfers: None,
                problems,
                cycle: e.cycle().map(<[String]>::to_vec),
            })?;
            Err(CliError::Reported)
        }
        Err(e) => Err(e),
    }
}
