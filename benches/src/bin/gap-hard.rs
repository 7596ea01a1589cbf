//! `gap-hard`: one run of `learning_path` (and optionally `next_steps`) on a
//! hard any_of instance of `benches/fixtures/` (see `benches/hard_instances.py`),
//! for the figures of benches/README.md.
//!
//! ```text
//! gap-hard CATALOG.json [BUDGET ...] [--next]
//! ```
//! For each budget (default: the default budget) it prints one line of JSON:
//! the budget, the seconds taken, the hours, `optimal` and the lower bound;
//! `--next` also times `next_steps` towards the role `hard`.

use std::process::ExitCode;
use std::time::Instant;

use gap_core::{Catalog, PathOptions, Profile, Target};
use serde_json::json;

fn run(args: &[String]) -> Result<(), String> {
    let path = args
        .first()
        .ok_or("usage: gap-hard CATALOG.json [BUDGET ...] [--next]")?;
    let cat = Catalog::load(path).map_err(|e| e.to_string())?;
    let role = cat.roles().first().ok_or("no role")?.id.clone();
    let targets = [Target::from(role.as_str())];
    let mut budgets: Vec<Option<u64>> = Vec::new();
    let mut next = false;
    for a in &args[1..] {
        if a == "--next" {
            next = true;
        } else {
            budgets.push(Some(a.parse().map_err(|_| format!("bad budget `{a}`"))?));
        }
    }
    if budgets.is_empty() {
        budgets.push(None);
    }
    let profile = Profile::new();
    for b in budgets {
        let opts = match b {
            Some(n) => PathOptions::default().with_budget(n),
            None => PathOptions::default(),
        };
        let t = Instant::now();
        let p = cat
            .learning_path(&profile, &targets, &opts)
            .map_err(|e| e.to_string())?;
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{}",
            json!({"budget": b, "seconds": secs, "hours": p.total_hours,
                   "optimal": p.optimal, "lower_bound": p.lower_bound})
        );
    }
    if next {
        let t = Instant::now();
        let steps = cat
            .next_steps(&profile, Some(&targets))
            .map_err(|e| e.to_string())?;
        let secs = t.elapsed().as_secs_f64();
        let ids: Vec<String> = steps.iter().map(|s| s.skill.clone()).collect();
        println!("{}", json!({"next_steps_seconds": secs, "steps": ids}));
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gap-hard: {e}");
            ExitCode::from(2)
        }
    }
}
