//! Shortest learning paths (SPEC 7 targets: < 100 µs for one role without
//! groups, < 10 ms with 20 groups in play):
//! - the embedded catalog: `ml-engineer` from an empty profile and from a
//!   junior data person's profile;
//! - `synthetic(14000, 3000, 1, 0.0)`: role `r0001` from an empty profile
//!   (no groups: the closure);
//! - `synthetic(14000, 3000, 0, 0.05)`: the first role with 20 groups in play
//!   from an empty profile (branch-and-bound).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use gap_bench::{embedded_small_profile, role_with_groups, synthetic_catalog};
use gap_core::synthetic::groups_in_play;
use gap_core::{Catalog, PathOptions, Profile, Target};

fn bench_path(c: &mut Criterion, name: &str, cat: &Catalog, profile: &Profile, role: &str) {
    let targets = [Target::from(role)];
    let opts = PathOptions::default();
    let path = cat
        .learning_path(profile, &targets, &opts)
        .expect("the benchmarked path exists");
    eprintln!(
        "{name}: {} steps, {:.1} h, optimal {}",
        path.steps.len(),
        path.total_hours,
        path.optimal
    );
    c.bench_function(name, |b| {
        b.iter(|| {
            cat.learning_path(black_box(profile), black_box(&targets), &opts)
                .expect("path")
        })
    });
}

fn learning_path(c: &mut Criterion) {
    let embedded = Catalog::default();
    bench_path(
        c,
        "learning_path/embedded/ml-engineer/empty",
        &embedded,
        &Profile::new(),
        "ml-engineer",
    );
    bench_path(
        c,
        "learning_path/embedded/ml-engineer/small_profile",
        &embedded,
        &embedded_small_profile(),
        "ml-engineer",
    );

    let flat = synthetic_catalog(1, 0.0).expect("synthetic catalog");
    bench_path(
        c,
        "learning_path/synthetic_no_groups/r0001",
        &flat,
        &Profile::new(),
        "r0001",
    );

    let grouped = synthetic_catalog(0, 0.05).expect("synthetic catalog");
    let role = role_with_groups(&grouped, &[], 20).expect("the catalog has roles");
    let groups = groups_in_play(&grouped, &[], role);
    bench_path(
        c,
        &format!(
            "learning_path/synthetic_groups/{}_{groups}_groups_in_play",
            role.id
        ),
        &grouped,
        &Profile::new(),
        &role.id,
    );
}

criterion_group! {
    name = benches;
    config = gap_bench::criterion();
    targets = learning_path
}
criterion_main!(benches);
