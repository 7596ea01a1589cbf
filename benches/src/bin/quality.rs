//! `quality`: ranking quality on real data (SPEC 7), in one run.
//!
//! ```text
//! cargo run --release -p gap-bench --bin quality -- [DATA_DIR] [--sensitivity]
//! ```
//! `DATA_DIR` (default `../shared/data` relative to the repository) holds
//! `onet-29.2/` and `esco-v1.1.1/`. Prints:
//! 1. O*NET 29.2 related-occupations recall@10: for every occupation with
//!    essential requirements, those requirements as the profile; recall@10
//!    of its Related Occupations (Primary-Short and Primary-Long, rated ones,
//!    itself excluded) for `rank_roles` by fit, by hours, Jaccard of the
//!    requirement sets, and a seeded random order
//!    ([`gap_bench::quality::related_recall`]);
//! 2. ESCO v1.1.1 self-check: for every occupation with at least two
//!    essential skills, the first half of them (skill id order) as the
//!    profile; where the occupation itself ranks, by fit and by hours
//!    ([`gap_bench::quality::self_rank`]).
//!
//! `--sensitivity` adds the O*NET recall@10 by fit and by Jaccard under other
//! importer options (`min_importance`, `level_hours`).
//!
//! Errors go to stderr with exit code 2.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use gap_bench::quality::{Ranker, Recall, parse_related, related_recall, self_rank};
use gap_core::import::{EscoOptions, OnetOptions};
use gap_core::{Catalog, RankBy};

const K: usize = 10;
const SEED: u64 = 2025;

fn onet(dir: &Path) -> Result<(), String> {
    let t = Instant::now();
    let cat = Catalog::from_onet(dir, &OnetOptions::default())
        .map_err(|e| e.to_string())?
        .catalog;
    let rated = cat
        .roles()
        .iter()
        .filter(|r| !r.requires.is_empty())
        .count();
    println!(
        "O*NET 29.2: {} occupations ({rated} with essential requirements), {} skills; imported in {:.2} s",
        cat.roles().len(),
        cat.skills().len(),
        t.elapsed().as_secs_f64()
    );
    let file = dir.join("Related Occupations.txt");
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let related = parse_related(&text)?;
    println!(
        "recall@{K} of Related Occupations (Primary-Short + Primary-Long, rated, itself excluded);\n\
         mean of per-occupation recall over occupations with >= 1 related rated occupation:"
    );
    println!(
        "  {:<38} {:>8} {:>8} {:>6} {:>8} {:>7} {:>8}",
        "ranker", "recall", "pooled", "occs", "skipped", "pairs", "time"
    );
    for ranker in [
        Ranker::Fit,
        Ranker::Hours,
        Ranker::HoursRated,
        Ranker::Jaccard,
        Ranker::Random(SEED),
    ] {
        let t = Instant::now();
        let Recall {
            mean,
            pooled,
            roles,
            skipped,
            pairs,
        } = related_recall(&cat, &related, ranker, K).map_err(|e| e.to_string())?;
        println!(
            "  {:<38} {mean:>8.4} {pooled:>8.4} {roles:>6} {skipped:>8} {pairs:>7} {:>7.2}s",
            ranker.label(),
            t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Recall@10 by fit and Jaccard under other O*NET importer options.
fn sensitivity(dir: &Path) -> Result<(), String> {
    let file = dir.join("Related Occupations.txt");
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let related = parse_related(&text)?;
    println!("sensitivity to the O*NET importer options (recall@{K}, as above):");
    println!(
        "  {:<16} {:<18} {:>6} {:>8} {:>8}",
        "min_importance", "level_hours", "occs", "fit", "Jaccard"
    );
    for (min_importance, level_hours) in [
        (3.0, [20.0, 40.0, 80.0]),
        (2.5, [20.0, 40.0, 80.0]),
        (3.5, [20.0, 40.0, 80.0]),
        (3.0, [20.0, 20.0, 20.0]),
        (3.0, [20.0, 0.0, 0.0]),
    ] {
        let opts = OnetOptions {
            min_importance,
            level_hours,
            ..OnetOptions::default()
        };
        let cat = Catalog::from_onet(dir, &opts)
            .map_err(|e| e.to_string())?
            .catalog;
        let fit = related_recall(&cat, &related, Ranker::Fit, K).map_err(|e| e.to_string())?;
        let jac = related_recall(&cat, &related, Ranker::Jaccard, K).map_err(|e| e.to_string())?;
        println!(
            "  {min_importance:<16} {:<18} {:>6} {:>8.4} {:>8.4}",
            format!("{level_hours:?}"),
            fit.roles,
            fit.mean,
            jac.mean
        );
    }
    Ok(())
}

fn esco(dir: &Path) -> Result<(), String> {
    let t = Instant::now();
    let cat = Catalog::from_esco(dir, &EscoOptions::default())
        .map_err(|e| e.to_string())?
        .catalog;
    println!(
        "ESCO v1.1.1: {} occupations, {} skills; imported in {:.2} s",
        cat.roles().len(),
        cat.skills().len(),
        t.elapsed().as_secs_f64()
    );
    println!(
        "self-check: occupations with >= 2 essential skills, the first half (skill id order) as the profile;\n\
         the occupation's own 1-based rank among all occupations:"
    );
    println!(
        "  {:<20} {:>6} {:>8} {:>8} {:>8} {:>8}",
        "ranking", "occs", "median", "at 1", "top 10", "time"
    );
    for (label, by) in [
        ("rank_roles by=fit", RankBy::Fit),
        ("rank_roles by=hours", RankBy::Hours),
    ] {
        let t = Instant::now();
        let s = self_rank(&cat, by).map_err(|e| e.to_string())?;
        println!(
            "  {label:<20} {:>6} {:>8.1} {:>8.4} {:>8.4} {:>7.2}s",
            s.roles,
            s.median,
            s.at_1,
            s.top_10,
            t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut data: Option<PathBuf> = None;
    let mut with_sensitivity = false;
    for a in std::env::args_os().skip(1) {
        if a == "--sensitivity" {
            with_sensitivity = true;
        } else if data.is_none() {
            data = Some(a.into());
        } else {
            eprintln!("usage: quality [DATA_DIR] [--sensitivity]");
            return ExitCode::from(2);
        }
    }
    let data =
        data.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"));
    let start = Instant::now();
    println!(
        "data: {}; rayon threads: {}",
        data.display(),
        rayon::current_num_threads()
    );
    let onet_dir = data.join("onet-29.2");
    let run = onet(&onet_dir)
        .and_then(|()| {
            if with_sensitivity {
                println!();
                sensitivity(&onet_dir)
            } else {
                Ok(())
            }
        })
        .and_then(|()| {
            println!();
            esco(&data.join("esco-v1.1.1"))
        });
    match run {
        Ok(()) => {
            println!("\ntotal {:.1} s", start.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("quality: {e}");
            ExitCode::from(2)
        }
    }
}
