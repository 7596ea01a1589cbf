//! `gap-time`: the Rust side of `benches/compare_networkx.py`, usable without
//! the Python module.
//!
//! ```text
//! gap-time synthetic N_SKILLS N_ROLES SEED FRACTION OUT.json   write synthetic(...)
//! gap-time default OUT.json                                    write the embedded catalog
//! gap-time query CATALOG.json learning_path PROFILE_JSON ROLE  time a query
//! gap-time query CATALOG.json rank_roles PROFILE_JSON [TOP]
//! gap-time matrix CATALOG.json PROFILES.json [ROWS]            time hours_matrix
//! ```
//! `query` and `matrix` load the catalog once, run the query for about a
//! second (`GAP_TIME_SECONDS` sets another time; at least 3 times after a
//! first, untimed run) and print one line of JSON: the median in seconds,
//! the number of runs and the result (`hours` and `optimal` of the path;
//! `ranking`: `[role, hours]` pairs in rank order, the first `TOP` only
//! when given; `rows`, `cols` and `hours`: the matrix's first `ROWS` rows
//! (all when not given), one row per profile of the JSON array, one column
//! per catalog role).
//! Errors go to stderr with exit code 2.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use gap_core::{Catalog, PathOptions, Profile, RankOptions, Target};
use serde_json::json;

/// Time of the timed runs per query, unless `GAP_TIME_SECONDS` says.
const BUDGET: Duration = Duration::from_secs(1);
const MAX_RUNS: usize = 100_000;

/// Seconds of timed runs: `GAP_TIME_SECONDS` when it is a positive
/// number, else [`BUDGET`].
fn budget() -> f64 {
    std::env::var("GAP_TIME_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(BUDGET.as_secs_f64())
}

fn usage() -> String {
    "usage:\n  gap-time synthetic N_SKILLS N_ROLES SEED FRACTION OUT.json\n  \
     gap-time default OUT.json\n  \
     gap-time query CATALOG.json learning_path PROFILE_JSON ROLE\n  \
     gap-time query CATALOG.json rank_roles PROFILE_JSON [TOP]\n  \
     gap-time matrix CATALOG.json PROFILES.json [ROWS]"
        .to_string()
}

fn arg<'a>(args: &'a [String], i: usize, what: &str) -> Result<&'a str, String> {
    args.get(i)
        .map(String::as_str)
        .ok_or_else(|| format!("missing {what}\n{}", usage()))
}

fn parse<T: std::str::FromStr>(args: &[String], i: usize, what: &str) -> Result<T, String> {
    let text = arg(args, i, what)?;
    text.parse()
        .map_err(|_| format!("{what}: cannot parse `{text}`"))
}

/// Median seconds of `f` over the runs that fit in [`BUDGET`], the run
/// count, and the last result.
fn time<T>(mut f: impl FnMut() -> gap_core::Result<T>) -> Result<(f64, usize, T), String> {
    let t0 = Instant::now();
    let mut out = f().map_err(|e| e.to_string())?;
    let first = t0.elapsed().as_secs_f64().max(1e-9);
    let runs = ((budget() / first) as usize).clamp(3, MAX_RUNS);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        out = f().map_err(|e| e.to_string())?;
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = if runs % 2 == 1 {
        times[runs / 2]
    } else {
        (times[runs / 2 - 1] + times[runs / 2]) / 2.0
    };
    Ok((median, runs, out))
}

fn run(args: &[String]) -> Result<serde_json::Value, String> {
    match args.first().map(String::as_str) {
        Some("synthetic") => {
            let n_skills: usize = parse(args, 1, "N_SKILLS")?;
            let n_roles: usize = parse(args, 2, "N_ROLES")?;
            let seed: u64 = parse(args, 3, "SEED")?;
            let fraction: f64 = parse(args, 4, "FRACTION")?;
            let out = arg(args, 5, "OUT.json")?;
            let cat = gap_core::synthetic::synthetic(n_skills, n_roles, seed, fraction)
                .map_err(|e| e.to_string())?;
            cat.save(out).map_err(|e| e.to_string())?;
            Ok(json!({"written": out, "skills": n_skills, "roles": n_roles}))
        }
        Some("default") => {
            let out = arg(args, 1, "OUT.json")?;
            std::fs::write(out, gap_core::DEFAULT_CATALOG_JSON)
                .map_err(|e| format!("{out}: {e}"))?;
            Ok(json!({"written": out}))
        }
        Some("query") => {
            let cat = Catalog::load(arg(args, 1, "CATALOG.json")?).map_err(|e| e.to_string())?;
            let kind = arg(args, 2, "learning_path or rank_roles")?;
            let profile: Profile = serde_json::from_str(arg(args, 3, "PROFILE_JSON")?)
                .map_err(|e| format!("PROFILE_JSON: {e}"))?;
            match kind {
                "learning_path" => {
                    let targets = [Target::from(arg(args, 4, "ROLE")?)];
                    let opts = PathOptions::default();
                    let (median, runs, path) =
                        time(|| cat.learning_path(&profile, &targets, &opts))?;
                    Ok(json!({
                        "median_s": median, "runs": runs,
                        "hours": path.total_hours, "optimal": path.optimal,
                        "steps": path.steps.len(),
                    }))
                }
                "rank_roles" => {
                    let mut opts = RankOptions::default();
                    if args.get(4).is_some() {
                        opts = opts.with_top(parse(args, 4, "TOP")?);
                    }
                    let (median, runs, ranking) =
                        time(|| cat.rank_roles_with(&profile, None, &opts))?;
                    let ranking: Vec<_> =
                        ranking.iter().map(|e| json!([e.role, e.hours])).collect();
                    Ok(json!({"median_s": median, "runs": runs, "ranking": ranking}))
                }
                other => Err(format!("unknown query `{other}`\n{}", usage())),
            }
        }
        Some("matrix") => {
            let cat = Catalog::load(arg(args, 1, "CATALOG.json")?).map_err(|e| e.to_string())?;
            let file = arg(args, 2, "PROFILES.json")?;
            let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
            let profiles: Vec<Profile> =
                serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
            let (median, runs, m) = time(|| cat.hours_matrix(&profiles, None))?;
            let shown = match args.get(3) {
                Some(_) => parse::<usize>(args, 3, "ROWS")?.min(m.rows),
                None => m.rows,
            };
            let rows: Vec<&[f64]> = (0..shown).filter_map(|i| m.row(i)).collect();
            Ok(json!({
                "median_s": median, "runs": runs,
                "rows": m.rows, "cols": m.cols, "hours": rows,
            }))
        }
        _ => Err(usage()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gap-time: {e}");
            ExitCode::from(2)
        }
    }
}
