//! `programme PROFILES --role a,b --hours H [--mode any|all]`: the steps of
//! at most H hours that, added to a programme, make the most profiles of a
//! cohort job-ready (gap-core's `design_programme`).

use std::path::Path;

use gap_core::{Mode, Profile};

use crate::cli::{Format, GlobalArgs, ModeArg};
use crate::commands::query::targets;
use crate::error::CliResult;
use crate::input::{load_catalog, read_profiles};
use crate::output::{Align, Out, Table, check_format, hours, hours_h};

/// `skillgap programme`.
pub fn run(
    g: &GlobalArgs,
    file: &Path,
    roles: &[String],
    max_hours: f64,
    mode: ModeArg,
    out: &mut Out,
) -> CliResult {
    check_format(g.format, &[Format::Table, Format::Json], "programme")?;
    let cat = load_catalog(g.catalog.as_deref())?;
    let people: Vec<Profile> = read_profiles(file)?
        .into_iter()
        .map(|p| p.profile)
        .collect();
    let mode = match mode {
        ModeArg::All => Mode::All,
        ModeArg::Any => Mode::Any,
    };
    let p = cat.design_programme_with(&people, &targets(roles), max_hours, mode, &g.limits())?;
    if g.format == Format::Json {
        out.json(&p)?;
        return Ok(());
    }
    let proof = if p.optimal {
        "proven optimal".to_string()
    } else {
        format!("not proven: at most {} could be", p.upper_bound)
    };
    out.line(format!(
        "{} of {} profiles job-ready after {} of {} (was {}; {proof})\n",
        p.ready,
        p.ready_for.len(),
        hours_h(p.hours),
        hours_h(p.max_hours),
        p.ready_before,
    ))?;
    if !p.steps.is_empty() {
        let mut st = Table::new(&[
            ("#", Align::Right),
            ("skill", Align::Left),
            ("level", Align::Right),
            ("hours", Align::Right),
            ("total", Align::Right),
        ]);
        let mut total = 0.0;
        for (i, s) in p.steps.iter().enumerate() {
            total += s.hours;
            st.row(vec![
                (i + 1).to_string(),
                cat.skill_label(&s.skill),
                s.level.to_string(),
                hours(s.hours),
                hours(total),
            ]);
        }
        st.write(out, "")?;
        out.line("")?;
    }
    let mut rt = Table::new(&[
        ("role", Align::Left),
        ("ready before", Align::Right),
        ("ready after", Align::Right),
    ]);
    for (r, (before, after)) in p.roles.iter().zip(&p.per_role) {
        rt.row(vec![
            cat.role_label(r),
            before.to_string(),
            after.to_string(),
        ]);
    }
    rt.write(out, "")?;
    Ok(())
}
