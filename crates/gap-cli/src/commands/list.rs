//! `roles` and `skills`: listings of the catalog.

use gap_core::format::{RoleDef, SkillDef};
use serde::Serialize;

use crate::cli::{Format, GlobalArgs, ProfileArgs};
use crate::error::{CliError, CliResult, usage};
use crate::input::{load_catalog, profile};
use crate::output::{Align, Out, Table, check_format, hours};

/// One row of `roles --format json`: the role as written plus the counts and
/// the hours to job-ready from the profile.
#[derive(Serialize)]
struct RoleRow {
    #[serde(flatten)]
    role: RoleDef,
    entries: usize,
    hours: f64,
    optimal: bool,
}

/// `skillgap roles`.
pub fn roles(g: &GlobalArgs, pa: &ProfileArgs, out: &mut Out) -> CliResult {
    check_format(g.format, &[Format::Table, Format::Json], "roles")?;
    let cat = load_catalog(g.catalog.as_deref())?;
    let p = profile(pa)?;
    let ranking = cat.rank_roles(&p, None)?;
    // rank_roles sorts by hours; the listing keeps catalog order.
    let mut by_role = std::collections::HashMap::with_capacity(ranking.len());
    for r in &ranking {
        by_role.insert(r.role.as_str(), (r.hours, r.optimal));
    }
    let def = cat.to_def();
    if g.format == Format::Json {
        let rows: Vec<RoleRow> = cat
            .roles()
            .iter()
            .zip(def.roles)
            .map(|(r, d)| {
                let (hours, optimal) = by_role.get(r.id.as_str()).copied().unwrap_or((0.0, true));
                RoleRow {
                    role: d,
                    entries: r.requires.len() + r.optional.len(),
                    hours,
                    optimal,
                }
            })
            .collect();
        out.json(&rows)?;
        return Ok(());
    }
    let mut t = Table::new(&[
        ("id", Align::Left),
        ("name", Align::Left),
        ("family", Align::Left),
        ("entries", Align::Right),
        ("hours", Align::Right),
    ]);
    let mut inexact = false;
    for r in cat.roles() {
        let (h, optimal) = by_role.get(r.id.as_str()).copied().unwrap_or((0.0, true));
        inexact |= !optimal;
        t.row(vec![
            r.id.clone(),
            r.name.clone(),
            r.family.clone().unwrap_or_default(),
            format!("{}+{}", r.requires.len(), r.optional.len()),
            format!("{}{}", hours(h), if optimal { "" } else { "*" }),
        ]);
    }
    t.write(out, "")?;
    let from = if p.is_empty() {
        "an empty profile".to_string()
    } else {
        crate::render::profile_text(&p)
    };
    out.line(format!(
        "\n{} roles; entries = essential+optional; hours to job-ready from {from}",
        t.len()
    ))?;
    if inexact {
        out.line("* best found within the search budget, not proven minimal")?;
    }
    Ok(())
}

/// One row of `skills --format json`.
#[derive(Serialize)]
struct SkillRow {
    #[serde(flatten)]
    skill: SkillDef,
    levels: u32,
    total_hours: f64,
}

/// `skillgap skills [--category X]`.
pub fn skills(g: &GlobalArgs, category: Option<&str>, out: &mut Out) -> CliResult {
    check_format(
        g.format,
        &[Format::Table, Format::Json, Format::Dot, Format::Mermaid],
        "skills",
    )?;
    let cat = load_catalog(g.catalog.as_deref())?;
    if matches!(g.format, Format::Dot | Format::Mermaid) {
        if category.is_some() {
            return Err(usage(
                "--category does not apply to the graph formats (dot and mermaid draw the whole catalog)",
            ));
        }
        let text = if g.format == Format::Dot {
            cat.to_dot()
        } else {
            cat.to_mermaid()
        };
        out.text(text)?;
        return Ok(());
    }
    if let Some(c) = category
        && !cat
            .skills()
            .iter()
            .any(|s| s.category.as_deref() == Some(c))
    {
        let mut cats: Vec<&str> = cat
            .skills()
            .iter()
            .filter_map(|s| s.category.as_deref())
            .collect();
        cats.sort_unstable();
        cats.dedup();
        let close = gap_core::suggest::suggest(c, cats.iter().copied());
        let hint = if !close.is_empty() {
            format!(" (did you mean {}?)", close.join(", "))
        } else if cats.is_empty() {
            " (no skill of this catalog has a category)".to_string()
        } else {
            format!("; categories: {}", cats.join(", "))
        };
        return Err(CliError::Input(format!(
            "no skill has category `{c}`{hint}"
        )));
    }
    let keep = |s: &gap_core::Skill| category.is_none_or(|c| s.category.as_deref() == Some(c));
    if g.format == Format::Json {
        let rows: Vec<SkillRow> = cat
            .skills()
            .iter()
            .zip(cat.to_def().skills)
            .filter(|(s, _)| keep(s))
            .map(|(s, d)| SkillRow {
                skill: d,
                levels: s.levels(),
                total_hours: s.hours_to(s.levels()),
            })
            .collect();
        out.json(&rows)?;
        return Ok(());
    }
    let mut t = Table::new(&[
        ("id", Align::Left),
        ("name", Align::Left),
        ("category", Align::Left),
        ("levels", Align::Right),
        ("hours", Align::Right),
    ]);
    for s in cat.skills().iter().filter(|s| keep(s)) {
        let per_level: Vec<String> = s.hours.iter().map(|&h| hours(h)).collect();
        t.row(vec![
            s.id.clone(),
            s.name.clone(),
            s.category.clone().unwrap_or_default(),
            s.levels().to_string(),
            per_level.join(" + "),
        ]);
    }
    t.write(out, "")?;
    out.line(format!(
        "\n{} skills; hours per level, each the extra effort over the level below",
        t.len()
    ))?;
    Ok(())
}
