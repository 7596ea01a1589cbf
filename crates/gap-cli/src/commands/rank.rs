//! `rank`: roles closest to one profile, or one ranking per profile of a
//! batch file (with a progress bar).

use std::path::Path;

use gap_core::{RankBy, RankEntry, RankOptions};
use serde::Serialize;

use crate::cli::{ByArg, Format, GlobalArgs, ProfileArgs};
use crate::commands::query::targets;
use crate::error::{CliError, CliResult, usage};
use crate::input::{load_catalog, profile, read_profiles};
use crate::output::{Out, check_format};
use crate::{progress, render};

/// One ranking of a batch (`rank --profiles FILE --format json`).
#[derive(Serialize)]
struct BatchRanking<'a> {
    profile: &'a str,
    ranking: &'a [RankEntry],
}

/// `skillgap rank [--roles a,b] [--top N] [--by hours|fit] [--profiles FILE]`.
pub fn run(
    g: &GlobalArgs,
    pa: &ProfileArgs,
    roles: &[String],
    top: Option<u64>,
    by: ByArg,
    profiles: Option<&Path>,
    out: &mut Out,
) -> CliResult {
    check_format(g.format, &[Format::Table, Format::Json], "rank")?;
    if profiles.is_some() && (!pa.have.is_empty() || pa.profile.is_some()) {
        return Err(usage(
            "--profiles ranks every profile of the file: drop --have and --profile",
        ));
    }
    let cat = load_catalog(g.catalog.as_deref())?;
    let mut opts = RankOptions::default()
        .with_by(match by {
            ByArg::Hours => RankBy::Hours,
            ByArg::Fit => RankBy::Fit,
        })
        .with_limits(g.limits());
    opts.top = top.map(|k| usize::try_from(k).unwrap_or(usize::MAX));
    let subset = targets(roles);
    let subset = (!subset.is_empty()).then_some(subset.as_slice());
    let Some(file) = profiles else {
        let p = profile(pa)?;
        let ranking = cat.rank_roles_with(&p, subset, &opts)?;
        if g.format == Format::Json {
            out.json(&ranking)?;
        } else {
            out.line(format!(
                "Roles by {}, knowing {}:",
                match by {
                    ByArg::Hours => "hours to job-ready",
                    ByArg::Fit => "fit (hours in common with what you know)",
                },
                render::profile_text(&p)
            ))?;
            out.line("")?;
            for l in render::rank_lines(&cat, &ranking) {
                out.line(l)?;
            }
        }
        return Ok(());
    };

    let batch = read_profiles(file)?;
    let pb = progress::bar(batch.len() as u64, "ranking");
    if g.format == Format::Json {
        out.text("[")?;
    }
    for (i, np) in batch.iter().enumerate() {
        let ranking = cat
            .rank_roles_with(&np.profile, subset, &opts)
            .map_err(|e| CliError::Input(format!("{}: profile {}: {e}", file.display(), np.id)));
        let ranking = match ranking {
            Ok(r) => r,
            Err(e) => {
                pb.finish_and_clear();
                if g.format == Format::Json {
                    // keep stdout a complete JSON document
                    out.line("]")?;
                }
                return Err(e);
            }
        };
        if g.format == Format::Json {
            out.text(if i == 0 { "\n" } else { ",\n" })?;
            let item = BatchRanking {
                profile: &np.id,
                ranking: &ranking,
            };
            out.text(serde_json::to_string(&item).map_err(std::io::Error::from)?)?;
        } else {
            if i > 0 {
                out.line("")?;
            }
            out.line(format!(
                "== profile {}: {}",
                np.id,
                render::profile_text(&np.profile)
            ))?;
            for l in render::rank_lines(&cat, &ranking) {
                out.line(l)?;
            }
        }
        pb.inc(1);
    }
    pb.finish_and_clear();
    if g.format == Format::Json {
        out.line(if batch.is_empty() { "]" } else { "\n]" })?;
    }
    Ok(())
}
