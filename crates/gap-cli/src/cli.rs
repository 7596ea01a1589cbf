//! The command-line interface as clap derive types: the global options (which
//! catalog, which profile, which output format) and one variant per subcommand.
//! Value parsers here reject malformed arguments (exit code 2); everything that
//! needs the catalog is checked later by gap-core (exit code 1).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// How far are you from a job role, and what is the cheapest way to get there?
///
/// skillgap models skills as a prerequisite graph. Every query runs on the
/// embedded AI-engineering catalog unless `--catalog FILE` names another one;
/// the profile (what you know) comes from `--have` and/or `--profile`.
#[derive(Debug, Parser)]
#[command(name = "skillgap", version, propagate_version = true)]
#[command(after_help = "Examples:\n  \
    skillgap roles\n  \
    skillgap gap ml-engineer --have python@2,sql,git\n  \
    skillgap path ml-engineer --have python --hours-per-week 10\n  \
    skillgap rank --have python@2,sql --top 5\n  \
    skillgap find \"machine learning engineer\"\n  \
    skillgap match posting.txt --have python\n  \
    skillgap market postings/*.txt --have python,sql --k 3\n  \
    skillgap read posting.txt --format json")]
pub struct Cli {
    /// Options shared by every subcommand.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted before or after any subcommand.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Catalog file (.json or .toml) instead of the embedded catalog.
    #[arg(long, global = true, value_name = "FILE")]
    pub catalog: Option<PathBuf>,

    /// Output format (dot and mermaid for `path` and `skills` only).
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Search-node budget of the exact solver for the whole query (each
    /// role of a ranking gets its own; default: the library's). Answers
    /// past it are flagged not optimal, with a lower bound.
    #[arg(long, global = true, value_name = "N")]
    pub budget: Option<u64>,
}

impl GlobalArgs {
    /// The library's query limits from the options.
    pub fn limits(&self) -> gap_core::Limits {
        let mut l = gap_core::Limits::default();
        l.budget = self.budget;
        l
    }
}

/// What you know: `--have` and `--profile` (both may be given; the higher
/// level wins).
#[derive(Debug, Args, Default)]
pub struct ProfileArgs {
    /// Skills you know: comma-separated references like `python@2,sql,git`
    /// (level 1 when no `@LEVEL`). Repeatable; combines with --profile.
    #[arg(long, value_name = "SKILL[@LEVEL],...", value_delimiter = ',',
          value_parser = parse_have)]
    pub have: Vec<(String, u32)>,

    /// Profile file: a JSON or TOML map from skill id to level, e.g. `{"python": 2}`.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned, readable tables.
    Table,
    /// JSON (the library's result types).
    Json,
    /// Graphviz DOT (paths and the catalog graph).
    Dot,
    /// Mermaid flowchart (paths and the catalog graph).
    Mermaid,
    /// TOML (`read`: the role as a catalog fragment).
    Toml,
}

impl Format {
    /// The name as typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Mermaid => "mermaid",
            Format::Toml => "toml",
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the roles: id, name, family, number of entries, hours from your profile.
    Roles {
        #[command(flatten)]
        profile: ProfileArgs,
    },
    /// List the skills: id, name, category, levels, total hours.
    Skills {
        /// Only skills of this category.
        #[arg(long, value_name = "CATEGORY")]
        category: Option<String>,
    },
    /// Find roles (or with --skills, skills) by id, name or alias, best first.
    Find {
        /// What to look for, e.g. `"machine learning engineer"` (typos are fine).
        query: String,
        /// Search the skills instead of the roles.
        #[arg(long)]
        skills: bool,
        /// Show at most N results.
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
    },
    /// How far you are from a role: what is missing, hours to job-ready, coverage.
    Gap {
        /// Role id (see `skillgap roles`).
        role: String,
        #[command(flatten)]
        profile: ProfileArgs,
    },
    /// The shortest learning path to one or more roles, step by step and why.
    Path {
        /// Role ids (see `skillgap roles`).
        #[arg(required = true, value_name = "ROLE")]
        roles: Vec<String>,
        #[command(flatten)]
        opts: PathArgs,
        /// Also print a week-by-week plan at this many hours a week.
        #[arg(long, value_name = "N", value_parser = parse_positive)]
        hours_per_week: Option<f64>,
        #[command(flatten)]
        profile: ProfileArgs,
    },
    /// Rank roles by hours to job-ready (closest first), or by fit.
    Rank {
        /// Only these role ids (comma-separated).
        #[arg(long, value_name = "ROLE,...", value_delimiter = ',')]
        roles: Vec<String>,
        /// Show only the first N roles.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        top: Option<u64>,
        /// `hours`: fewest hours first; `fit`: the roles that share the most
        /// hours with what you know first (roles that use little of it sink).
        #[arg(long, value_enum, default_value_t = ByArg::Hours)]
        by: ByArg,
        /// Rank for every profile of a file (JSON lines or a JSON list of maps,
        /// or of `{"id": ..., "skills": {...}}`) instead of --have/--profile.
        #[arg(long, value_name = "FILE")]
        profiles: Option<PathBuf>,
        #[command(flatten)]
        profile: ProfileArgs,
    },
    /// A cohort against roles: the share job-ready, median and p90 hours per
    /// role, and what the shortest paths learn most.
    Cohort {
        /// Profiles: JSON lines or a JSON list of maps, or of
        /// `{"id": ..., "skills": {...}}` (as `rank --profiles`).
        #[arg(value_name = "PROFILES")]
        profiles: PathBuf,
        /// Only these role ids (comma-separated; default: every role).
        #[arg(long = "role", value_name = "ROLE,...", value_delimiter = ',')]
        roles: Vec<String>,
    },
    /// The steps of at most H hours that, added to a programme, make the
    /// most profiles job-ready for one of the roles (or all of them).
    Programme {
        /// Profiles: JSON lines or a JSON list of maps, or of
        /// `{"id": ..., "skills": {...}}` (as `rank --profiles`).
        #[arg(value_name = "PROFILES")]
        profiles: PathBuf,
        /// Role ids (comma-separated).
        #[arg(
            long = "role",
            value_name = "ROLE,...",
            value_delimiter = ',',
            required = true
        )]
        roles: Vec<String>,
        /// The hours the programme may add.
        #[arg(long, value_name = "H")]
        hours: f64,
        /// `any`: ready for at least one role; `all`: for every role.
        #[arg(long, value_enum, default_value_t = ModeArg::Any)]
        mode: ModeArg,
    },
    /// The steps you can take now (with targets: only those on a shortest path).
    Next {
        /// Target role ids (space- or comma-separated).
        #[arg(long = "target", value_name = "ROLE", num_args = 1.., value_delimiter = ',')]
        targets: Vec<String>,
        #[command(flatten)]
        profile: ProfileArgs,
    },
    /// A week-by-week plan for the shortest path to a role.
    Schedule {
        /// Role ids.
        #[arg(required = true, value_name = "ROLE")]
        roles: Vec<String>,
        /// Hours of learning per week.
        #[arg(long, value_name = "N", value_parser = parse_positive, required = true)]
        hours_per_week: f64,
        #[command(flatten)]
        opts: PathArgs,
        #[command(flatten)]
        profile: ProfileArgs,
    },
    /// Check a catalog (the embedded one, --catalog, or FILE); prints every problem.
    Validate {
        /// Catalog file (.json or .toml).
        file: Option<PathBuf>,
    },
    /// Find catalog skills in a job posting, then the gap and path to it.
    Match {
        /// Posting text file; `-` or nothing reads standard input.
        input: Option<PathBuf>,
        /// Skill ids never to learn on the path (comma-separated).
        #[arg(long, value_name = "SKILL,...", value_delimiter = ',')]
        avoid: Vec<String>,
        #[command(flatten)]
        profile: ProfileArgs,
    },
    /// Job postings read into roles: the readiness curve (fewest hours to be
    /// job-ready for at least k of them, every k), the skills they ask for
    /// most, and with --k the week-by-week plan for k of them.
    Market {
        /// Posting text files; `-` reads standard input. A file may hold
        /// several postings separated by a line `---`.
        #[arg(required = true, value_name = "POSTING")]
        postings: Vec<PathBuf>,
        /// Print the week-by-week plan to be job-ready for at least K postings.
        #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(1..))]
        k: Option<u64>,
        /// Hours of learning per week for the --k plan.
        #[arg(long, value_name = "N", value_parser = parse_positive, default_value_t = 10.0)]
        hours_per_week: f64,
        #[command(flatten)]
        profile: ProfileArgs,
    },
    /// Read a job posting into a role as the employer wrote it (optional
    /// cues, alternatives, years to levels), with the evidence of each
    /// decision.
    Read {
        /// Posting text file; `-` or nothing reads standard input.
        input: Option<PathBuf>,
        /// The role's id.
        #[arg(long, default_value = "posting")]
        id: String,
        /// The role's name (default "Role from text").
        #[arg(long)]
        name: Option<String>,
    },
    /// Build a catalog from ESCO, O*NET or Metacademy data.
    Import {
        /// Which source.
        #[arg(value_enum)]
        source: ImportSource,
        /// The source folder (ESCO CSVs, O*NET text files) or Metacademy
        /// `graph_data.json` / `content/` folder.
        path: PathBuf,
        /// Where to write the catalog (.json or .toml).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[command(flatten)]
        opts: ImportArgs,
    },
}

/// Options of a path query, shared by `path` and `schedule`.
#[derive(Debug, Args)]
pub struct PathArgs {
    /// With several roles: `all` (ready for every one), `any` (the
    /// cheapest) or a number k (ready for at least k of them, fewest hours).
    #[arg(long, value_name = "all|any|K", default_value = "all", value_parser = parse_mode)]
    pub mode: gap_core::Mode,
    /// Skill ids never to learn (comma-separated).
    #[arg(long, value_name = "SKILL,...", value_delimiter = ',')]
    pub avoid: Vec<String>,
    /// `milestones`: reach stepping-stone roles as early as possible.
    #[arg(long, value_enum, default_value_t = OrderArg::Default)]
    pub order: OrderArg,
    /// Skill ids to choose among alternatives, even at extra hours
    /// (comma-separated; e.g. `--prefer podman`).
    #[arg(long, value_name = "SKILL,...", value_delimiter = ',')]
    pub prefer: Vec<String>,
}

/// `rank --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    /// Hours ascending, then coverage, then role id.
    Hours,
    /// Fit descending, then hours, then role id.
    Fit,
}

/// `programme --mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// Ready for every role.
    All,
    /// Ready for at least one of the roles.
    Any,
}

/// `--order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderArg {
    /// The solver's order.
    Default,
    /// Stepping-stone roles first.
    Milestones,
}

/// Which importer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportSource {
    /// ESCO CSV folder.
    Esco,
    /// O*NET text database folder.
    Onet,
    /// Metacademy graph_data.json or content/ folder.
    Metacademy,
}

/// Importer options (each applies to one source; giving one to another
/// source is a usage error).
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// ESCO: which skill-skill relations become prerequisites [default: essential].
    #[arg(long, value_enum)]
    pub prerequisites: Option<PrereqArg>,
    /// ESCO: hours of every skill [default: 20 for skills/competences, 10 for knowledge].
    #[arg(long, value_name = "N", value_parser = parse_non_negative)]
    pub hours: Option<f64>,
    /// O*NET: minimum importance (1-5) for an element to be required by an
    /// occupation [default: 3].
    #[arg(long, value_name = "X", value_parser = parse_non_negative)]
    pub min_importance: Option<f64>,
    /// O*NET: which technology skills become optional entries [default: hot].
    #[arg(long, value_enum)]
    pub technologies: Option<TechArg>,
}

/// `--technologies` of the O*NET importer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TechArg {
    /// No technologies.
    None,
    /// Hot technologies.
    Hot,
    /// In-demand technologies.
    InDemand,
    /// Hot or in-demand technologies.
    HotOrInDemand,
    /// Every technology.
    All,
}

/// `--prerequisites` of the ESCO importer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PrereqArg {
    /// Only essential skill-skill relations.
    Essential,
    /// Essential and optional relations.
    All,
    /// No prerequisites.
    None,
}

/// Parses one `--have` item: `python` or `python@2`.
fn parse_have(s: &str) -> Result<(String, u32), String> {
    let r = gap_core::reference::parse_reference(s.trim()).map_err(|e| {
        format!("{e} (expected SKILL or SKILL@LEVEL, e.g. `python@2`; see `skillgap skills`)")
    })?;
    Ok((r.id.to_string(), r.level))
}

/// A finite number > 0.
fn parse_positive(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        Ok(_) => Err(format!("`{s}` must be a number greater than 0")),
        Err(_) => Err(format!("`{s}` is not a number")),
    }
}

/// `--mode`: `all`, `any` or a number k >= 1 (checked against the roles by
/// gap-core).
fn parse_mode(s: &str) -> Result<gap_core::Mode, String> {
    match s.parse::<gap_core::Mode>() {
        Ok(gap_core::Mode::AtLeast(0)) => Err(format!("`{s}`: k must be at least 1")),
        Ok(m) => Ok(m),
        Err(_) => Err(format!(
            "`{s}` is not a mode: use all, any or a number k (ready for at least k of the roles)"
        )),
    }
}

/// A finite number >= 0.
fn parse_non_negative(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        Ok(_) => Err(format!("`{s}` must be a number of 0 or more")),
        Err(_) => Err(format!("`{s}` is not a number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn value_parsers() {
        assert_eq!(parse_have("python@2"), Ok(("python".into(), 2)));
        assert_eq!(parse_have(" sql "), Ok(("sql".into(), 1)));
        assert!(parse_have("python@0").unwrap_err().contains("level 0"));
        assert!(parse_have("Python").is_err());
        assert_eq!(parse_positive("7.5"), Ok(7.5));
        assert!(parse_positive("0").is_err());
        assert!(parse_positive("inf").is_err());
        assert!(parse_positive("x").is_err());
        assert!(parse_non_negative("-1").is_err());
        assert_eq!(parse_non_negative("0"), Ok(0.0));
    }

    #[test]
    fn globals_anywhere() {
        let cli = Cli::try_parse_from([
            "skillgap",
            "--format",
            "json",
            "gap",
            "ml",
            "--have",
            "python@2,sql",
            "--have",
            "git",
        ])
        .unwrap();
        assert_eq!(cli.global.format, Format::Json);
        match cli.command {
            Command::Gap { profile, .. } => assert_eq!(profile.have.len(), 3),
            other => panic!("{other:?}"),
        }
        let cli = Cli::try_parse_from(["skillgap", "next", "--target", "a", "b"]).unwrap();
        match cli.command {
            Command::Next { targets, .. } => assert_eq!(targets, ["a", "b"]),
            other => panic!("{other:?}"),
        }
    }
}
