//! One module per group of subcommands; [`run`] dispatches. Each command
//! loads what it needs, calls gap-core, and formats the result.

mod cohort;
mod find;
mod import;
mod list;
mod market;
mod matching;
mod programme;
mod query;
mod rank;
mod read;
mod validate;

use crate::cli::{Cli, Command};
use crate::error::CliResult;
use crate::output::Out;

/// Runs the parsed command, writing results to `out`.
pub fn run(cli: &Cli, out: &mut Out) -> CliResult {
    let g = &cli.global;
    match &cli.command {
        Command::Roles { profile } => list::roles(g, profile, out),
        Command::Skills { category } => list::skills(g, category.as_deref(), out),
        Command::Find {
            query,
            skills,
            limit,
        } => find::run(g, query, *skills, *limit, out),
        Command::Validate { file } => validate::run(g, file.as_deref(), out),
        Command::Gap { role, profile } => query::gap(g, profile, role, out),
        Command::Path {
            roles,
            opts,
            hours_per_week,
            profile,
        } => query::path(g, profile, roles, opts, *hours_per_week, out),
        Command::Schedule {
            roles,
            hours_per_week,
            opts,
            profile,
        } => query::schedule(g, profile, roles, opts, *hours_per_week, out),
        Command::Next { targets, profile } => query::next(g, profile, targets, out),
        Command::Cohort { profiles, roles } => cohort::run(g, profiles, roles, out),
        Command::Programme {
            profiles,
            roles,
            hours,
            mode,
        } => programme::run(g, profiles, roles, *hours, *mode, out),
        Command::Rank {
            roles,
            top,
            by,
            profiles,
            profile,
        } => rank::run(g, profile, roles, *top, *by, profiles.as_deref(), out),
        Command::Match {
            input,
            avoid,
            profile,
        } => matching::run(g, profile, input.as_ref(), avoid, out),
        Command::Market {
            postings,
            k,
            hours_per_week,
            profile,
        } => market::run(g, profile, postings, *k, *hours_per_week, out),
        Command::Read { input, id, name } => read::run(g, input.as_ref(), id, name.as_deref(), out),
        Command::Import {
            source,
            path,
            output,
            opts,
        } => import::run(*source, path, output, opts, out),
    }
}
