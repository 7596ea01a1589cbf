//! Peak memory and load time of a catalog.
//!
//! ```text
//! cargo run --release -p gap-core --example footprint -- load CATALOG.json|toml
//! cargo run --release -p gap-core --example footprint -- synthetic [N_SKILLS N_ROLES]
//! cargo run --release -p gap-core --example footprint -- esco ESCO_DIR [OUT.json]
//! ```
//!
//! `load` reads, parses and validates a catalog file and prints the time of
//! each phase; `synthetic` builds `synthetic(14000, 3000, 1, 0.0)` (or the
//! sizes given); `esco` imports an ESCO CSV release and optionally writes it to
//! a JSON file (to measure `load` on it afterwards in a fresh process). Every
//! mode ends with the peak resident memory (`VmHWM` of `/proc/self/status`,
//! Linux only), which counts the whole process: run one mode per process.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use gap_core::Catalog;
use gap_core::format::{CatalogDef, FileFormat};
use gap_core::import::EscoOptions;

/// The `VmHWM` line of `/proc/self/status` (peak resident set size), if any.
fn peak_resident() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .map(|l| l["VmHWM:".len()..].trim().to_string())
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn summary(cat: &Catalog) {
    let steps = cat.step_graph().len();
    let edges = cat.step_graph().edge_count();
    println!(
        "catalog: {} skills, {} roles, {} transfers, {steps} steps, {edges} edges",
        cat.skills().len(),
        cat.roles().len(),
        cat.transfers().len(),
    );
}

fn load(path: &Path) -> gap_core::Result<()> {
    let format = FileFormat::from_path(path)?;
    let t0 = Instant::now();
    let text = std::fs::read_to_string(path).map_err(|e| gap_core::Error::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    let read = ms(t0);
    let t1 = Instant::now();
    let def = CatalogDef::parse(&text, format, &path.display().to_string())?;
    let parse = ms(t1);
    drop(text);
    let t2 = Instant::now();
    let cat = Catalog::from_def(&def)?;
    let validate = ms(t2);
    drop(def);
    summary(&cat);
    println!(
        "read {read:.1} ms, parse {parse:.1} ms, validate {validate:.1} ms, \
         parse+validate {:.1} ms",
        parse + validate
    );
    // The public one-call path, for comparison (text read again).
    drop(cat);
    let t3 = Instant::now();
    let cat = Catalog::load(path)?;
    println!("Catalog::load (read+parse+validate) {:.1} ms", ms(t3));
    drop(cat);
    Ok(())
}

fn run(args: &[String]) -> gap_core::Result<()> {
    match args.first().map(String::as_str) {
        Some("load") if args.len() == 2 => load(Path::new(&args[1]))?,
        Some("synthetic") if args.len() == 1 || args.len() == 3 => {
            let (n, r) = if args.len() == 3 {
                let p = |s: &str| {
                    s.parse::<usize>().map_err(|_| {
                        gap_core::Error::InvalidArgument(format!("`{s}` is not a size"))
                    })
                };
                (p(&args[1])?, p(&args[2])?)
            } else {
                (14_000, 3_000)
            };
            let t = Instant::now();
            let cat = gap_core::synthetic::synthetic(n, r, 1, 0.0)?;
            println!(
                "synthetic({n}, {r}, 1, 0.0) built and validated in {:.1} ms",
                ms(t)
            );
            summary(&cat);
        }
        Some("esco") if args.len() == 2 || args.len() == 3 => {
            let t = Instant::now();
            let imported = Catalog::from_esco(Path::new(&args[1]), &EscoOptions::default())?;
            println!(
                "ESCO imported in {:.1} ms ({} warnings)",
                ms(t),
                imported.warnings.len()
            );
            summary(&imported.catalog);
            if let Some(out) = args.get(2) {
                imported.catalog.save(out)?;
                println!("written to {out}");
            }
        }
        _ => {
            return Err(gap_core::Error::InvalidArgument(
                "usage: footprint load FILE | synthetic [N_SKILLS N_ROLES] | esco DIR [OUT.json]"
                    .into(),
            ));
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = run(&args);
    println!(
        "peak resident memory (VmHWM): {}",
        peak_resident().unwrap_or_else(|| "unknown (no /proc/self/status)".into())
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
