//! How often `design_programme` proves its answer optimal on the embedded
//! catalog: for 5 seeded cohorts (by default) of 1,000 graduates
//! (`gap_bench::graduate_cohort`), the roles ml-engineer, mlops-engineer and
//! ai-engineer, modes any and all and 60, 120, 240 and 480 hours, prints each
//! answer (ready, upper bound, hours, optimal, wall time) and the share
//! proven optimal. Run with `cargo run --release -p gap-bench --bin
//! programme-stats [SEEDS]`.

use std::time::Instant;

use gap_bench::graduate_cohort;
use gap_core::{Catalog, Mode, Target};

fn main() {
    let seeds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let cat = Catalog::default();
    let roles: Vec<Target> = ["ml-engineer", "mlops-engineer", "ai-engineer"]
        .into_iter()
        .map(Target::from)
        .collect();
    let (mut runs, mut proven) = (0, 0);
    let mut times: Vec<f64> = Vec::new();
    for mode in [Mode::Any, Mode::All] {
        for hours in [60.0, 120.0, 240.0, 480.0] {
            for seed in 1..=seeds {
                let profiles = graduate_cohort(&cat, 1_000, seed);
                let t = Instant::now();
                let p = match cat.design_programme(&profiles, &roles, hours, mode) {
                    Ok(p) => p,
                    Err(e) => {
                        eprintln!("seed {seed}: {e}");
                        std::process::exit(1);
                    }
                };
                let secs = t.elapsed().as_secs_f64();
                times.push(secs);
                runs += 1;
                proven += usize::from(p.optimal);
                println!(
                    "{mode:?} {hours:>5} h seed {seed:>2}: ready {:>4} (before {:>3}, bound {:>4}) in {:>6.1} h, {} steps, optimal {}, {:.3} s",
                    p.ready,
                    p.ready_before,
                    p.upper_bound,
                    p.hours,
                    p.steps.len(),
                    p.optimal,
                    secs
                );
            }
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "proven optimal: {proven}/{runs}; median {:.3} s, max {:.3} s",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
