//! `gap-time`: the Rust side of `benches/compare_networkx.py`, usable without
//! the Python module.
//!
//! ```text
//! gap-time synthetic N_SKILLS N_ROLES SEED FRACTION OUT.json   write synthetic(...) as JSON
//! ```
//! Prints one line of JSON on success; errors go to stderr with exit code 2.

use std::process::ExitCode;

fn usage() -> String {
    "usage:\n  gap-time synthetic N_SKILLS N_ROLES SEED FRACTION OUT.json".to_string()
}

fn parse<T: std::str::FromStr>(what: &str, text: Option<&String>) -> Result<T, String> {
    let text = text.ok_or_else(|| format!("missing {what}\n{}", usage()))?;
    text.parse()
        .map_err(|_| format!("{what}: cannot parse `{text}`"))
}

fn run(args: &[String]) -> Result<String, String> {
    match args.first().map(String::as_str) {
        Some("synthetic") => {
            let n_skills: usize = parse("N_SKILLS", args.get(1))?;
            let n_roles: usize = parse("N_ROLES", args.get(2))?;
            let seed: u64 = parse("SEED", args.get(3))?;
            let fraction: f64 = parse("FRACTION", args.get(4))?;
            let out = args.get(5).ok_or_else(usage)?;
            let cat = gap_core::synthetic(n_skills, n_roles, seed, fraction)
                .map_err(|e| e.to_string())?;
            cat.save(out).map_err(|e| e.to_string())?;
            Ok(
                serde_json::json!({"written": out, "skills": n_skills, "roles": n_roles})
                    .to_string(),
            )
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
