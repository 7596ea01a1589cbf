//! Loading and validating catalogs: the ESCO-scale synthetic catalog
//! (14,000 skills, 3,000 roles, ~135,000 role entries, no groups) from JSON
//! text and from a file (SPEC 7 target: < 300 ms), split into parsing and
//! validation; and the embedded default catalog.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use gap_bench::{esco_scale_def, requirement_entries};
use gap_core::Catalog;
use gap_core::format::to_json_string;

fn load(c: &mut Criterion) {
    let def = esco_scale_def();
    let (role_entries, skill_entries) = requirement_entries(&def);
    let json = to_json_string(&def).expect("the synthetic catalog serializes");
    eprintln!(
        "esco-scale catalog: {} skills, {} roles, {role_entries} role entries, \
         {skill_entries} skill requirement entries, {} MB of JSON",
        def.skills.len(),
        def.roles.len(),
        json.len() / 1_000_000
    );
    let dir = std::env::temp_dir().join(format!("gap-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("esco-scale.json");
    std::fs::write(&path, &json).expect("write the catalog");

    let mut g = c.benchmark_group("load");
    g.bench_function("esco_scale/from_json", |b| {
        b.iter(|| Catalog::from_json(black_box(&json)).expect("valid"))
    });
    g.bench_function("esco_scale/load_file", |b| {
        b.iter(|| Catalog::load(black_box(&path)).expect("valid"))
    });
    g.bench_function("esco_scale/parse_only", |b| {
        b.iter(|| gap_core::format::from_json_str(black_box(&json), "<bench>").expect("parses"))
    });
    g.bench_function("esco_scale/validate_only", |b| {
        b.iter(|| Catalog::from_def(black_box(&def)).expect("valid"))
    });
    g.bench_function("embedded/from_json", |b| {
        b.iter(|| Catalog::from_json(black_box(gap_core::DEFAULT_CATALOG_JSON)).expect("valid"))
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = gap_bench::criterion();
    targets = load
}
criterion_main!(benches);
