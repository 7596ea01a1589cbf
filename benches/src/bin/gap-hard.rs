//! `gap-hard`: one run of `learning_path` (and optionally `next_steps`) on a
//! hard any_of instance of `benches/fixtures/` (see `benches/hard_instances.py`),
//! for the figures of benches/README.md.
//!
//! ```text
//! gap-hard CATALOG.json [BUDGET ...] [--next] [--polls]
//! ```
//! For each budget (default: the default budget) it prints one line of JSON:
//! the budget, the seconds taken, the hours, `optimal` and the lower bound;
//! `--next` also times `next_steps` towards the role `hard`. `--polls`
//! measures how often the query polls its cancellation check (the check
//! records the time of every poll and never cancels): the number of polls
//! and the longest gap between two of them (and before the first, and after
//! the last), which bounds the Ctrl-C latency.

use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use gap_core::{Cancel, Catalog, PathOptions, Profile, Target};
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
    let mut polls = false;
    for a in &args[1..] {
        if a == "--next" {
            next = true;
        } else if a == "--polls" {
            polls = true;
        } else {
            budgets.push(Some(a.parse().map_err(|_| format!("bad budget `{a}`"))?));
        }
    }
    if budgets.is_empty() {
        budgets.push(None);
    }
    let profile = Profile::new();
    for b in budgets {
        let mut opts = match b {
            Some(n) => PathOptions::default().with_budget(n),
            None => PathOptions::default(),
        };
        let times: Arc<Mutex<Vec<Instant>>> = Arc::default();
        if polls {
            let record = Arc::clone(&times);
            opts.limits = opts.limits.with_cancel(Cancel::new(move || {
                if let Ok(mut v) = record.lock() {
                    v.push(Instant::now());
                }
                false
            }));
        }
        let t = Instant::now();
        let p = cat
            .learning_path(&profile, &targets, &opts)
            .map_err(|e| e.to_string())?;
        let end = Instant::now();
        let secs = (end - t).as_secs_f64();
        let mut line = json!({"budget": b, "seconds": secs, "hours": p.total_hours,
                              "optimal": p.optimal, "lower_bound": p.lower_bound});
        if polls {
            let v = times.lock().map_err(|e| e.to_string())?;
            let mut prev = t;
            let mut gap: f64 = 0.0;
            for &x in v.iter().chain(std::iter::once(&end)) {
                gap = gap.max((x - prev).as_secs_f64());
                prev = x;
            }
            line["polls"] = json!(v.len());
            line["max_poll_gap_seconds"] = json!(gap);
        }
        println!("{line}");
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
