//! `market POSTING... [--k K]`: job postings read into roles, the readiness
//! curve over them (fewest hours to be job-ready for at least k, every k),
//! the demand table, and with `--k` the week-by-week plan for k.

use std::path::{Path, PathBuf};

use gap_core::format::RoleDef;
use gap_core::{Catalog, CurvePoint, DemandRow, LearningPath, Schedule, Target};
use serde::Serialize;

use crate::cli::{Format, GlobalArgs, ProfileArgs};
use crate::error::{CliError, CliResult};
use crate::input::{load_catalog, profile, read_posting};
use crate::output::{Align, Out, Table, check_format, hours, plural};
use crate::render;

/// Demand rows listed in the table (all of them with `--format json`).
const DEMAND_ROWS: usize = 20;
/// Longest role name taken from a posting's first line.
const NAME_CHARS: usize = 48;

/// A posting read into a role.
#[derive(Serialize)]
struct Posting {
    /// Where it came from: the file (and its position when the file holds
    /// several), or `-`.
    source: String,
    /// The role (id from the file name, name from the first line).
    role: RoleDef,
}

/// `market --format json`.
#[derive(Serialize)]
struct MarketReport<'a> {
    postings: &'a [Posting],
    curve: &'a [CurvePoint],
    demand: &'a [DemandRow],
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<Plan<'a>>,
}

/// The `--k` plan in JSON.
#[derive(Serialize)]
struct Plan<'a> {
    k: usize,
    path: &'a LearningPath,
    schedule: Schedule,
}

/// `skillgap market`.
pub fn run(
    g: &GlobalArgs,
    pa: &ProfileArgs,
    files: &[PathBuf],
    k: Option<u64>,
    hours_per_week: f64,
    out: &mut Out,
) -> CliResult {
    check_format(g.format, &[Format::Table, Format::Json], "market")?;
    let base = load_catalog(g.catalog.as_deref())?;
    let p = profile(pa)?;
    let postings = read_postings(&base, files)?;
    // The postings join the catalog as roles, so every table names them.
    let cat = base.with_roles(postings.iter().map(|p| p.role.clone()).collect())?;
    let targets: Vec<Target> = postings
        .iter()
        .map(|p| Target::Id(p.role.id.clone()))
        .collect();
    let curve = cat.readiness_curve(&p, &targets, &g.limits())?;
    let demand = cat.demand(&targets)?;
    let n = curve.len();
    let plan = match k {
        None => None,
        Some(k) => {
            let k = usize::try_from(k).unwrap_or(usize::MAX);
            let Some(point) = curve.get(k.wrapping_sub(1)) else {
                return Err(CliError::Usage(format!(
                    "--k must be from 1 to {n} (the number of postings), got {k}"
                )));
            };
            Some((k, point, cat.schedule(&point.path, hours_per_week)?))
        }
    };
    if g.format == Format::Json {
        out.json(&MarketReport {
            postings: &postings,
            curve: &curve,
            demand: &demand,
            plan: plan.map(|(k, point, schedule)| Plan {
                k,
                path: &point.path,
                schedule,
            }),
        })?;
        return Ok(());
    }
    let mut pt = Table::new(&[
        ("posting", Align::Left),
        ("skills", Align::Right),
        ("from", Align::Left),
    ]);
    for post in &postings {
        pt.row(vec![
            cat.role_label(&post.role.id),
            post.role.requires.len().to_string(),
            post.source.clone(),
        ]);
    }
    out.line(format!(
        "{} read into roles; starting from {}\n",
        plural(postings.len(), "posting"),
        render::profile_text(&p)
    ))?;
    pt.write(out, "")?;
    out.line(format!(
        "\nReadiness curve: the fewest hours to be job-ready for at least k of the {n}:\n"
    ))?;
    let mut ct = Table::new(&[
        ("k", Align::Right),
        ("hours", Align::Right),
        ("steps", Align::Right),
        ("", Align::Left),
        ("job-ready for", Align::Left),
    ]);
    for row in &curve {
        ct.row(vec![
            row.k.to_string(),
            hours(row.hours),
            row.path.steps.len().to_string(),
            if row.optimal {
                String::new()
            } else {
                format!(">= {}", hours(row.lower_bound))
            },
            row.targets.join(", "),
        ]);
    }
    ct.write(out, "")?;
    if curve.iter().any(|r| !r.optimal) {
        out.line("(>= H: not proven optimal within the budget; H is a lower bound)")?;
    }
    out.line("\nWhat the postings ask for, most asked first (numbers of postings):\n")?;
    let mut dt = Table::new(&[
        ("skill", Align::Left),
        ("essential", Align::Right),
        ("one of", Align::Right),
        ("optional", Align::Right),
    ]);
    for d in demand.iter().take(DEMAND_ROWS) {
        dt.row(vec![
            cat.skill_label(&d.skill),
            d.essential.to_string(),
            d.alternative.to_string(),
            d.optional.to_string(),
        ]);
    }
    dt.write(out, "")?;
    if demand.len() > DEMAND_ROWS {
        out.line(format!(
            "… {} more skills (--format json lists all)",
            demand.len() - DEMAND_ROWS
        ))?;
    }
    if let Some((k, point, sched)) = plan {
        out.line(format!("\nThe plan for k = {k}:"))?;
        out.line(render::path_header(&cat, &point.path))?;
        if point.path.steps.is_empty() {
            out.line("Already job-ready: nothing to learn.")?;
        } else {
            for l in render::schedule_lines(&cat, &point.path, &sched) {
                out.line(l)?;
            }
        }
    }
    Ok(())
}

/// Reads every file (or stdin for `-`), splits it at lines `---` and reads
/// each posting into a role; an empty posting or one without a catalog
/// skill is an error naming it.
fn read_postings(cat: &Catalog, files: &[PathBuf]) -> CliResult<Vec<Posting>> {
    let mut out: Vec<Posting> = Vec::new();
    let mut used: Vec<String> = Vec::new();
    for file in files {
        let stdin = file.as_os_str() == "-";
        let text = read_posting(Some(file))?;
        let pieces = gap_core::split_postings(&text);
        let stem = if stdin {
            "posting".to_string()
        } else {
            slug(file)
        };
        for (i, piece) in pieces.iter().enumerate() {
            let source = match (stdin, pieces.len()) {
                (true, _) => format!("standard input, posting {}", i + 1),
                (false, 1) => file.display().to_string(),
                (false, _) => format!("{}, posting {}", file.display(), i + 1),
            };
            let base = if pieces.len() == 1 && !stdin {
                stem.clone()
            } else {
                format!("{stem}-{}", i + 1)
            };
            let mut id = base.clone();
            let mut n = 2;
            while used.contains(&id) || cat.contains_role(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            if piece.is_empty() {
                return Err(CliError::Input(format!(
                    "posting `{id}` ({source}) is empty"
                )));
            }
            let name = first_line(piece);
            let role = cat.role_from_text(piece, &id, Some(name.as_str()))?;
            if role.requires.is_empty() && role.optional.is_empty() {
                return Err(CliError::Input(format!(
                    "no skill of the catalog was found in posting `{id}` ({source})"
                )));
            }
            used.push(id);
            out.push(Posting { source, role });
        }
    }
    Ok(out)
}

/// A role id from a file name: its stem, lowercased, other characters than
/// `[a-z0-9_.+-]` as `-`, starting with a letter or digit (`posting` when
/// nothing is left).
fn slug(file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let s: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "_.+-".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
    if s.is_empty() {
        "posting".to_string()
    } else {
        s.to_string()
    }
}

/// The posting's first line, shortened, as the role's name.
fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() <= NAME_CHARS {
        return line.to_string();
    }
    let cut: String = line.chars().take(NAME_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_file_names() {
        assert_eq!(slug(Path::new("dir/Posting 1.txt")), "posting-1");
        assert_eq!(slug(Path::new("__x.md")), "x");
        assert_eq!(slug(Path::new("日本.txt")), "posting");
        assert_eq!(first_line("Data Analyst. SQL\nmore"), "Data Analyst. SQL");
        assert_eq!(first_line(&"a".repeat(100)).chars().count(), NAME_CHARS);
    }
}
