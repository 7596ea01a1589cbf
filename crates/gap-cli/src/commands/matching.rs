//! `match [FILE|-]`: the catalog skills found in a job posting, then the gap
//! and the shortest path to the posting taken as a role.

use std::path::PathBuf;

use gap_core::format::RoleDef;
use gap_core::{Gap, PathOptions, Target, TextMatch};
use serde::Serialize;

use crate::cli::{Format, GlobalArgs, ProfileArgs};
use crate::commands::query::PathReport;
use crate::error::CliResult;
use crate::input::{load_catalog, profile, read_posting};
use crate::output::{Out, check_format, plural};
use crate::render;

/// `match --format json`.
#[derive(Serialize)]
struct MatchReport<'a> {
    matches: &'a [TextMatch],
    role: Option<RoleDef>,
    gap: Option<Gap>,
    path: Option<PathReport<'a>>,
}

/// `skillgap match [FILE|-] [--avoid a,b]`.
pub fn run(
    g: &GlobalArgs,
    pa: &ProfileArgs,
    input: Option<&PathBuf>,
    avoid: &[String],
    out: &mut Out,
) -> CliResult {
    check_format(g.format, &[Format::Table, Format::Json], "match")?;
    let cat = load_catalog(g.catalog.as_deref())?;
    let p = profile(pa)?;
    let text = read_posting(input)?;
    let matches = cat.match_text(&text);
    if matches.is_empty() {
        if g.format == Format::Json {
            out.json(&MatchReport {
                matches: &matches,
                role: None,
                gap: None,
                path: None,
            })?;
        } else {
            out.line("No skill of the catalog was found in the posting.")?;
        }
        return Ok(());
    }
    // The posting becomes a role; its id must not clash with a catalog role.
    let mut id = "posting".to_string();
    let mut n = 1;
    while cat.contains_role(&id) {
        id = format!("posting-{n}");
        n += 1;
    }
    let role = cat.role_from_text(&text, &id, Some("the posting"))?;
    let target = Target::Role(role.clone());
    let gap = cat.gap_with(&p, &target, &g.limits())?;
    let opts = {
        let mut o = PathOptions::default().with_limits(g.limits());
        o.avoid = avoid.to_vec();
        o
    };
    let path = cat.learning_path(&p, std::slice::from_ref(&target), &opts)?;
    let milestones = cat.milestones(&path)?;
    if g.format == Format::Json {
        out.json(&MatchReport {
            matches: &matches,
            role: Some(role),
            gap: Some(gap),
            path: Some(PathReport {
                path: &path,
                milestones,
                schedule: None,
            }),
        })?;
        return Ok(());
    }
    let distinct = {
        let mut ids: Vec<&str> = matches.iter().map(|m| m.skill.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    out.line(format!(
        "Found {} in the posting ({}):",
        plural(distinct, "skill"),
        plural(matches.len(), "mention")
    ))?;
    out.line("")?;
    for l in render::match_lines(&cat, &text, &matches) {
        out.line(l)?;
    }
    out.line("")?;
    for l in render::gap_lines(&cat, &gap) {
        out.line(l)?;
    }
    if !path.steps.is_empty() {
        out.line("")?;
        for l in render::path_lines(&cat, &path, &milestones) {
            out.line(l)?;
        }
    }
    Ok(())
}
