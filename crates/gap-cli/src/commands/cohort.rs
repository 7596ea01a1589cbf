//! `cohort PROFILES [--role a,b]`: a cohort of profiles against roles (per
//! role the share job-ready, median and p90 hours; per skill how many
//! shortest paths learn it and their hours).

use std::path::Path;

use gap_core::Profile;

use crate::cli::{Format, GlobalArgs};
use crate::commands::query::targets;
use crate::error::CliResult;
use crate::input::{load_catalog, read_profiles};
use crate::output::{Align, Out, Table, check_format, hours, percent};

/// Skills listed in the table (all of them with `--format json`).
const SKILL_ROWS: usize = 20;

/// `skillgap cohort`.
pub fn run(g: &GlobalArgs, file: &Path, roles: &[String], out: &mut Out) -> CliResult {
    check_format(g.format, &[Format::Table, Format::Json], "cohort")?;
    let cat = load_catalog(g.catalog.as_deref())?;
    let people: Vec<Profile> = read_profiles(file)?
        .into_iter()
        .map(|p| p.profile)
        .collect();
    let t = targets(roles);
    let c = cat.cohort_with(
        &people,
        (!t.is_empty()).then_some(t.as_slice()),
        &g.limits(),
    )?;
    if g.format == Format::Json {
        out.json(&c)?;
        return Ok(());
    }
    out.line(format!("{} profiles\n", c.profiles))?;
    let mut rt = Table::new(&[
        ("role", Align::Left),
        ("ready", Align::Right),
        ("median h", Align::Right),
        ("p90 h", Align::Right),
    ]);
    for r in &c.roles {
        let q = |h: f64| {
            if h.is_nan() {
                "-".to_string()
            } else {
                hours(h)
            }
        };
        rt.row(vec![
            cat.role_label(&r.role),
            percent(r.ready_share),
            q(r.median_hours),
            q(r.p90_hours),
        ]);
    }
    rt.write(out, "")?;
    if c.skills.is_empty() {
        return Ok(());
    }
    out.line("\nWhat the shortest paths learn, most (profile, role) pairs first:\n")?;
    let mut st = Table::new(&[
        ("skill", Align::Left),
        ("pairs", Align::Right),
        ("hours", Align::Right),
    ]);
    for s in c.skills.iter().take(SKILL_ROWS) {
        st.row(vec![
            cat.skill_label(&s.skill),
            s.pairs.to_string(),
            hours(s.hours),
        ]);
    }
    st.write(out, "")?;
    if c.skills.len() > SKILL_ROWS {
        out.line(format!(
            "… {} more skills (--format json lists all)",
            c.skills.len() - SKILL_ROWS
        ))?;
    }
    Ok(())
}
