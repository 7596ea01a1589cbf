//! `find QUERY [--skills] [--limit N]`: roles or skills by id, name or alias.

use crate::cli::{Format, GlobalArgs};
use crate::error::CliResult;
use crate::input::load_catalog;
use crate::output::{Align, Out, Table, check_format};

/// `skillgap find`.
pub fn run(g: &GlobalArgs, query: &str, skills: bool, limit: usize, out: &mut Out) -> CliResult {
    check_format(g.format, &[Format::Table, Format::Json], "find")?;
    let cat = load_catalog(g.catalog.as_deref())?;
    let found = if skills {
        cat.find_skills(query, limit)
    } else {
        cat.find_roles(query, limit)
    };
    if g.format == Format::Json {
        out.json(&found)?;
        return Ok(());
    }
    let what = if skills { "skill" } else { "role" };
    if found.is_empty() {
        out.line(format!("no {what} matches `{query}`"))?;
        return Ok(());
    }
    let mut t = Table::new(&[
        ("score", Align::Right),
        ("id", Align::Left),
        ("name", Align::Left),
    ]);
    for f in &found {
        t.row(vec![
            format!("{:.2}", f.score),
            f.id.clone(),
            f.name.clone(),
        ]);
    }
    t.write(out, "")?;
    out.line(format!(
        "\n{}; score 1.00 = exact id, name or alias (case-insensitive)",
        crate::output::plural(found.len(), what)
    ))?;
    Ok(())
}
