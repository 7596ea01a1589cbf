//! `gap`, `path`, `schedule` and `next`: queries for one profile.

use gap_core::{Catalog, LearningPath, Milestone, Order, PathOptions, Schedule, Target};
use serde::Serialize;

use crate::cli::{Format, GlobalArgs, OrderArg, PathArgs, ProfileArgs};
use crate::error::CliResult;
use crate::input::{load_catalog, profile};
use crate::output::{Out, check_format};
use crate::render;

/// The library's path options from the command's.
pub fn path_options(g: &GlobalArgs, a: &PathArgs) -> PathOptions {
    PathOptions::default()
        .with_mode(a.mode)
        .with_avoid(a.avoid.iter().cloned())
        .with_prefer(a.prefer.iter().cloned())
        .with_order(match a.order {
            OrderArg::Default => Order::Default,
            OrderArg::Milestones => Order::Milestones,
        })
        .with_limits(g.limits())
}

/// Role ids as query targets (gap-core counts a role given twice once).
pub fn targets(roles: &[String]) -> Vec<Target> {
    roles.iter().map(|r| Target::Id(r.clone())).collect()
}

/// `path --format json`: the path's own fields, its milestones, and the
/// schedule when `--hours-per-week` is given.
#[derive(Serialize)]
pub struct PathReport<'a> {
    #[serde(flatten)]
    pub path: &'a LearningPath,
    pub milestones: Vec<Milestone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
}

/// `skillgap gap ROLE`.
pub fn gap(g: &GlobalArgs, pa: &ProfileArgs, role: &str, out: &mut Out) -> CliResult {
    check_format(g.format, &[Format::Table, Format::Json], "gap")?;
    let cat = load_catalog(g.catalog.as_deref())?;
    let p = profile(pa)?;
    let gap = cat.gap_with(&p, &Target::Id(role.to_string()), &g.limits())?;
    if g.format == Format::Json {
        out.json(&gap)?;
    } else {
        for l in render::gap_lines(&cat, &gap) {
            out.line(l)?;
        }
    }
    Ok(())
}

/// Writes a path in the chosen format (shared by `path`, `schedule` and `match`).
pub fn write_path(
    cat: &Catalog,
    path: &LearningPath,
    hours_per_week: Option<f64>,
    format: Format,
    out: &mut Out,
) -> CliResult {
    match format {
        Format::Dot => out.text(cat.path_to_dot(path))?,
        Format::Mermaid => out.text(cat.path_to_mermaid(path))?,
        Format::Json => {
            let milestones = cat.milestones(path)?;
            let schedule = hours_per_week.map(|h| cat.schedule(path, h)).transpose()?;
            out.json(&PathReport {
                path,
                milestones,
                schedule,
            })?;
        }
        // `--format toml` is refused before (check_format); a table if not.
        Format::Table | Format::Toml => {
            let milestones = cat.milestones(path)?;
            for l in render::path_lines(cat, path, &milestones) {
                out.line(l)?;
            }
            if let Some(h) = hours_per_week
                && !path.steps.is_empty()
            {
                let sched = cat.schedule(path, h)?;
                out.line("")?;
                for l in render::schedule_lines(cat, path, &sched) {
                    out.line(l)?;
                }
            }
        }
    }
    Ok(())
}

/// `skillgap path ROLE... [options]`.
pub fn path(
    g: &GlobalArgs,
    pa: &ProfileArgs,
    roles: &[String],
    opts: &PathArgs,
    hours_per_week: Option<f64>,
    out: &mut Out,
) -> CliResult {
    let cat = load_catalog(g.catalog.as_deref())?;
    let p = profile(pa)?;
    let path = cat.learning_path(&p, &targets(roles), &path_options(g, opts))?;
    write_path(&cat, &path, hours_per_week, g.format, out)
}

/// `skillgap schedule ROLE... --hours-per-week N`.
pub fn schedule(
    g: &GlobalArgs,
    pa: &ProfileArgs,
    roles: &[String],
    opts: &PathArgs,
    hours_per_week: f64,
    out: &mut Out,
) -> CliResult {
    check_format(g.format, &[Format::Table, Format::Json], "schedule")?;
    let cat = load_catalog(g.catalog.as_deref())?;
    let p = profile(pa)?;
    let path = cat.learning_path(&p, &targets(roles), &path_options(g, opts))?;
    if g.format == Format::Json {
        return write_path(&cat, &path, Some(hours_per_week), g.format, out);
    }
    out.line(render::path_header(&cat, &path))?;
    if path.steps.is_empty() {
        out.line("Already job-ready: nothing to learn.")?;
        return Ok(());
    }
    let sched = cat.schedule(&path, hours_per_week)?;
    for l in render::schedule_lines(&cat, &path, &sched) {
        out.line(l)?;
    }
    Ok(())
}

/// `skillgap next [--target ROLE...]`.
pub fn next(g: &GlobalArgs, pa: &ProfileArgs, roles: &[String], out: &mut Out) -> CliResult {
    check_format(g.format, &[Format::Table, Format::Json], "next")?;
    let cat = load_catalog(g.catalog.as_deref())?;
    let p = profile(pa)?;
    let t = targets(roles);
    let steps = cat.next_steps_with(&p, (!t.is_empty()).then_some(t.as_slice()), &g.limits())?;
    if g.format == Format::Json {
        out.json(&steps)?;
        return Ok(());
    }
    let from = render::profile_text(&p);
    if steps.is_empty() {
        if roles.is_empty() {
            out.line(format!("Nothing left to learn from {from}."))?;
        } else {
            out.line(format!(
                "Already job-ready for {}: nothing to learn.",
                roles.join(", ")
            ))?;
        }
        return Ok(());
    }
    if roles.is_empty() {
        out.line(format!(
            "Steps you can take now, knowing {from} (cheapest first):"
        ))?;
    } else {
        out.line(format!(
            "Steps you can take now on a shortest path to {}, knowing {from}:",
            roles.join(", ")
        ))?;
    }
    out.line("")?;
    for l in render::next_lines(&cat, &steps, !roles.is_empty()) {
        out.line(l)?;
    }
    Ok(())
}
