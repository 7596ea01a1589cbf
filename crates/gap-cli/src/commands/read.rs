//! `read [FILE|-]`: a job posting read into a role as the employer wrote it
//! (optional cues, alternatives, years to levels), with the evidence of each
//! decision.

use std::path::PathBuf;

use gap_core::format::{CatalogDef, ReqDef, RoleDef};
use gap_core::{Catalog, Evidence};
use serde::Serialize;

use crate::cli::{Format, GlobalArgs};
use crate::error::CliResult;
use crate::input::{load_catalog, read_posting};
use crate::output::{Out, check_format, plural};

/// `read --format json`.
#[derive(Serialize)]
struct ReadReport<'a> {
    role: &'a RoleDef,
    evidence: &'a [Evidence],
}

/// `skillgap read [FILE|-] [--id ID] [--name NAME]`.
pub fn run(
    g: &GlobalArgs,
    input: Option<&PathBuf>,
    id: &str,
    name: Option<&str>,
    out: &mut Out,
) -> CliResult {
    check_format(
        g.format,
        &[Format::Table, Format::Json, Format::Toml],
        "read",
    )?;
    let cat = load_catalog(g.catalog.as_deref())?;
    let text = read_posting(input)?;
    let posting = cat.read_posting(&text, id, name)?;
    match g.format {
        Format::Json => out.json(&ReadReport {
            role: &posting.role,
            evidence: &posting.evidence,
        })?,
        Format::Toml => {
            // A catalog fragment: paste the role into a catalog file. The
            // evidence comes first, as comments.
            for e in &posting.evidence {
                out.line(format!(
                    "# {:<11} {:<20} {:?} ({}..{}): {}",
                    e.kind.as_str(),
                    e.skill,
                    e.text,
                    e.start,
                    e.end,
                    e.detail
                ))?;
            }
            let def = CatalogDef {
                format: "skillgap/1".into(),
                roles: vec![posting.role.clone()],
                ..CatalogDef::default()
            };
            out.text(gap_core::format::to_toml_string(&def)?)?;
        }
        _ => {
            for l in lines(&cat, &text, &posting.role, &posting.evidence) {
                out.line(l)?;
            }
        }
    }
    Ok(())
}

/// The table view: the role's entries, then the evidence with line numbers.
fn lines(cat: &Catalog, text: &str, role: &RoleDef, evidence: &[Evidence]) -> Vec<String> {
    let mut out = Vec::new();
    out.push(format!(
        "Role `{}` ({}): {} essential, {} optional",
        role.id,
        role.name,
        role.requires.len(),
        role.optional.len()
    ));
    for r in &role.requires {
        let label = match r {
            ReqDef::Ref(s) => cat.entry_label(s),
            ReqDef::Group(gd) => {
                let names: Vec<String> = gd.any_of.iter().map(|m| cat.entry_label(m)).collect();
                format!("one of {}", names.join(", "))
            }
        };
        out.push(format!("  essential  {label}"));
    }
    for o in &role.optional {
        out.push(format!("  optional   {}", cat.entry_label(o)));
    }
    out.push(String::new());
    out.push(format!(
        "Evidence ({}):",
        plural(evidence.len(), "decision")
    ));
    let kind_w = evidence
        .iter()
        .map(|e| e.kind.as_str().len())
        .max()
        .unwrap_or(4);
    let skill_w = evidence
        .iter()
        .map(|e| e.skill.chars().count())
        .max()
        .unwrap_or(5);
    out.push(format!(
        "  {:>4}  {:<kind_w$}  {:<skill_w$}  {:<24}  decision",
        "line", "kind", "skill", "text"
    ));
    // Line numbers in one pass over the sorted evidence.
    let (mut line, mut pos) = (1usize, 0usize);
    for e in evidence {
        line += text[pos..e.start.max(pos)].matches('\n').count();
        pos = pos.max(e.start);
        let shown: String = e.text.replace(['\n', '\r'], " ");
        let shown = if shown.chars().count() > 24 {
            format!("{}…", shown.chars().take(23).collect::<String>())
        } else {
            shown
        };
        out.push(format!(
            "  {line:>4}  {:<kind_w$}  {:<skill_w$}  {shown:<24}  {}",
            e.kind.as_str(),
            e.skill,
            e.detail
        ));
    }
    out
}
