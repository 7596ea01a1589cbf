//! `text-quality`: precision, recall and F1 of text matching on ESCO (SPEC 7).
//!
//! ```text
//! cargo run --release -p gap-bench --bin text-quality -- [DATA_DIR] [--misses] [--dump FILE] [--no-scaling]
//! ```
//! `DATA_DIR` (default `../shared/data` relative to the repository) holds
//! `esco-v1.1.1/` and `skill-extraction-esco/` (the TECH and HOUSE validation
//! sets of the skill extraction benchmark of Decorte et al., RecSys-in-HR 2022,
//! TechWolf, CC BY 4.0; sentences from SkillSpan, Zhang et al., NAACL 2022,
//! CC BY 4.0). The catalog is the ESCO importer's (this product uses the ESCO
//! classification of the European Commission, ESCO v1.1.1).
//!
//! For each sentence, the set of ESCO skills `match_text` finds is scored
//! against the set of gold labels (rows whose label is an ESCO preferred
//! label; `LABEL NOT PRESENT` and `UNDERSPECIFIED` add none but keep the
//! sentence); true positives, found and gold counts are summed over
//! sentences. Printed for the literal matcher (`match_text_literal`) and the
//! default one (`match_text`), with the time of each over all sentences.
//! `--misses` also prints, for the default matcher, the most frequent matches
//! (true or false positive, and how found) and missed labels; `--dump FILE`
//! writes each sentence with its gold labels and the default matcher's
//! matches as JSON lines. First it times `read_posting` and `match_text` on
//! 1, 4 and 16 MB postings with the growth for 4x the text (linear: x4;
//! `--no-scaling` skips it), and the matcher's build (wall and CPU time).
//!
//! Errors go to stderr with exit code 2.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use gap_core::Catalog;
use gap_core::import::EscoOptions;

const FILES: [&str; 2] = [
    "tech_validation_annotations.csv",
    "house_validation_annotations.csv",
];

/// Sentences in file order with their gold skill ids.
fn read_gold(
    path: &Path,
    by_name: &HashMap<&str, &str>,
) -> Result<Vec<(String, BTreeSet<String>)>, String> {
    let mut rd = csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut order: Vec<String> = Vec::new();
    let mut gold: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut unknown = 0usize;
    for row in rd.records() {
        let row = row.map_err(|e| format!("{}: {e}", path.display()))?;
        let (sentence, label) = (row.get(0).unwrap_or(""), row.get(3).unwrap_or(""));
        if !gold.contains_key(sentence) {
            order.push(sentence.to_string());
        }
        let set = gold.entry(sentence.to_string()).or_default();
        if label == "LABEL NOT PRESENT" || label == "UNDERSPECIFIED" {
            continue;
        }
        match by_name.get(label) {
            Some(id) => {
                set.insert((*id).to_string());
            }
            None => unknown += 1,
        }
    }
    if unknown > 0 {
        eprintln!(
            "  ({unknown} labels of {} not in ESCO v1.1.1, left out)",
            path.display()
        );
    }
    Ok(order
        .into_iter()
        .map(|s| {
            let g = gold.remove(&s).unwrap_or_default();
            (s, g)
        })
        .collect())
}

#[derive(Default)]
struct Score {
    tp: usize,
    found: usize,
    gold: usize,
}

impl Score {
    fn prf(&self) -> (f64, f64, f64) {
        let p = self.tp as f64 / self.found.max(1) as f64;
        let r = self.tp as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// How a match was found: `name`, `alias(n)` (the skill has n aliases) or
/// `form` (word form or order).
fn how(cat: &Catalog, skill: &str, text: &str) -> String {
    let Ok(s) = cat.skill(skill) else {
        return "?".into();
    };
    let t = text.to_lowercase();
    if s.name.to_lowercase() == t || s.id == t {
        "name".into()
    } else if s.aliases.iter().any(|a| a.to_lowercase() == t) {
        format!("alias({})", s.aliases.len())
    } else {
        "form".into()
    }
}

fn run(dir: &Path, misses: bool, dump: Option<&Path>) -> Result<(), String> {
    let mut dump_out = String::new();
    let t = Instant::now();
    let cat = Catalog::from_esco(&dir.join("esco-v1.1.1"), &EscoOptions::default())
        .map_err(|e| e.to_string())?
        .catalog;
    println!(
        "ESCO v1.1.1: {} skills; imported in {:.2} s",
        cat.skills().len(),
        t.elapsed().as_secs_f64()
    );
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let _ = cat.match_text("warm up");
    println!(
        "matcher built in {:.2} s (process CPU {:.2} s)",
        t.elapsed().as_secs_f64(),
        cpu_seconds() - cpu
    );
    // A catalog with the same skills shares the matcher.
    let same = cat.with_roles(Vec::new()).map_err(|e| e.to_string())?;
    let t = Instant::now();
    let _ = same.match_text("warm up");
    println!(
        "  the same skills again (with_roles): {:.3} s",
        t.elapsed().as_secs_f64()
    );
    let by_name: HashMap<&str, &str> = cat
        .skills()
        .iter()
        .map(|s| (s.name.as_str(), s.id.as_str()))
        .collect();
    let name_of: HashMap<&str, &str> = cat
        .skills()
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    println!(
        "  {:<34} {:>9} {:>6} {:>6} {:>6} {:>6} {:>5} {:>5} {:>8}",
        "file", "matcher", "sents", "P", "R", "F1", "found", "gold", "time"
    );
    for file in FILES {
        let gold = read_gold(&dir.join("skill-extraction-esco").join(file), &by_name)?;
        for literal in [true, false] {
            let t = Instant::now();
            let mut sc = Score::default();
            let mut fp: BTreeMap<String, usize> = BTreeMap::new();
            let mut fneg: BTreeMap<String, usize> = BTreeMap::new();
            for (sentence, g) in &gold {
                let ms = if literal {
                    cat.match_text_literal(sentence)
                } else {
                    cat.match_text(sentence)
                };
                let got: BTreeSet<String> = ms.iter().map(|m| m.skill.clone()).collect();
                if dump.is_some() && !literal {
                    let row = serde_json::json!({
                        "file": file,
                        "sentence": sentence,
                        "gold": g.iter().map(|id| name_of[id.as_str()]).collect::<Vec<_>>(),
                        "found": ms.iter().map(|m| (name_of[m.skill.as_str()], &m.text)).collect::<Vec<_>>(),
                    });
                    dump_out.push_str(&row.to_string());
                    dump_out.push('\n');
                }
                sc.tp += got.intersection(g).count();
                sc.found += got.len();
                sc.gold += g.len();
                if misses && !literal {
                    for m in &ms {
                        let k = format!(
                            "{} {:?} -> {}",
                            how(&cat, &m.skill, &m.text),
                            m.text,
                            name_of[m.skill.as_str()]
                        );
                        let hit = if g.contains(&m.skill) { "TP" } else { "FP" };
                        *fp.entry(format!("{hit} {k}")).or_default() += 1;
                    }
                    for id in g.difference(&got) {
                        *fneg.entry(name_of[id.as_str()].to_string()).or_default() += 1;
                    }
                }
            }
            let (p, r, f) = sc.prf();
            println!(
                "  {:<34} {:>9} {:>6} {p:>6.3} {r:>6.3} {f:>6.3} {:>5} {:>5} {:>7.3}s",
                file,
                if literal { "literal" } else { "default" },
                gold.len(),
                sc.found,
                sc.gold,
                t.elapsed().as_secs_f64()
            );
            if misses && !literal {
                let top = |m: BTreeMap<String, usize>| {
                    let mut v: Vec<_> = m.into_iter().collect();
                    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                    v.truncate(80);
                    v
                };
                println!("    matches (TP/FP, how: name, alias (n aliases of the skill), form):");
                for (k, n) in top(fp) {
                    println!("      {n:>3}  {k}");
                }
                println!("    missed:");
                for (k, n) in top(fneg) {
                    println!("      {n:>3}  {k}");
                }
            }
        }
    }
    if let Some(path) = dump {
        std::fs::write(path, dump_out).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The CPU time (user + system) of this process so far, in seconds, from
/// `/proc/self/stat` (0 where that is not readable).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name in parentheses; utime and stime are the
    // 14th and 15th fields, in clock ticks (100 a second on Linux).
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let misses = args.iter().any(|a| a == "--misses");
    let scaling = !args.iter().any(|a| a == "--no-scaling");
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--dump"))
        .map(|(_, a)| a)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data"))
        });
    // Linear in the posting: read_posting and match_text on 1, 4 and 16 MB
    // of a realistic posting (embedded catalog), median of 3 runs each.
    if scaling {
        scaling_run();
    }
    match run(&dir, misses, dump.as_deref()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("text-quality: {e}");
            ExitCode::from(2)
        }
    }
}

/// Linear in the posting: `read_posting` and `match_text` on 1, 4 and 16 MB
/// of a realistic posting (embedded catalog), median of 3 runs each.
fn scaling_run() {
    let mut last: Option<(f64, f64)> = None;
    let cat = Catalog::default();
    let chunk = "Senior ML Engineer. 4+ years of Python; SQL.\nYou deploy and monitor models on \
                 Kubernetes. PyTorch or TensorFlow.\nNice to have:\nONNX/TensorRT, LangChain or \
                 LlamaIndex; AWS preferred.\nRequirements\n";
    let _ = cat.match_text("warm up");
    println!("read_posting / match_text on the embedded catalog (median of 3):");
    for mb in [1usize, 4, 16] {
        let text = chunk.repeat(mb * (1 << 20) / chunk.len());
        let median = |f: &dyn Fn()| {
            let mut t: Vec<f64> = (0..3)
                .map(|_| {
                    let s = Instant::now();
                    f();
                    s.elapsed().as_secs_f64()
                })
                .collect();
            t.sort_by(f64::total_cmp);
            t[1]
        };
        let r = median(&|| {
            let _ = cat.read_posting(&text, "big", None);
        });
        let m = median(&|| {
            let _ = cat.match_text(&text);
        });
        let ratio = last
            .map(|(lr, lm)| format!("  (x{:.1}, x{:.1} for 4x the text)", r / lr, m / lm))
            .unwrap_or_default();
        println!("  {mb:>3} MB: read_posting {r:.3} s, match_text {m:.3} s{ratio}");
        last = Some((r, m));
    }
}
