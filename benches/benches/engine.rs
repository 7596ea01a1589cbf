//! The engine's queries at SPEC 7 scale: `learning_path` for one role without
//! groups (target < 100 µs) and with ~20 groups in play (target < 10 ms),
//! `rank_roles` over 3,000 roles for a 20-skill profile (target < 1 ms), and
//! `hours_matrix` for 1,000 profiles x 3,000 roles (target for 10,000
//! profiles: < 5 s on 2 cores, i.e. < 500 ms here).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use gap_bench::{esco_scale_def, profile_from_roles, role_with_groups, synthetic_catalog};
use gap_core::{Catalog, PathOptions, Profile, Target};

fn engine(c: &mut Criterion) {
    let esco = Catalog::from_def(&esco_scale_def()).expect("valid");
    let grouped = synthetic_catalog(0, 0.05).expect("valid");
    let flat_role = Target::from(esco.roles()[0].id.as_str());
    let twenty = role_with_groups(&grouped, &[], 20).expect("roles");
    eprintln!(
        "grouped role {} has {} groups in play",
        twenty.id,
        gap_core::synthetic::groups_in_play(&grouped, &[], twenty)
    );
    let twenty = Target::from(twenty.id.as_str());
    let profile = profile_from_roles(&esco, 10, 20);
    let profiles: Vec<Profile> = (0..1000)
        .map(|i| profile_from_roles(&esco, i * 3, 20))
        .collect();
    // Build the ranking index outside the measurements.
    let _ = esco.rank_roles(&profile, None).expect("rank");

    let mut g = c.benchmark_group("engine");
    let opts = PathOptions::default();
    g.bench_function("learning_path/no_groups", |b| {
        b.iter(|| {
            esco.learning_path(black_box(&profile), std::slice::from_ref(&flat_role), &opts)
                .expect("path")
        })
    });
    g.bench_function("learning_path/20_groups", |b| {
        b.iter(|| {
            grouped
                .learning_path(
                    black_box(&Profile::new()),
                    std::slice::from_ref(&twenty),
                    &opts,
                )
                .expect("path")
        })
    });
    g.bench_function("rank_roles/3000_roles_20_skills", |b| {
        b.iter(|| esco.rank_roles(black_box(&profile), None).expect("rank"))
    });
    g.bench_function("hours_matrix/1000x3000", |b| {
        b.iter(|| {
            esco.hours_matrix(black_box(&profiles), None)
                .expect("matrix")
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = gap_bench::criterion();
    targets = engine
}
criterion_main!(benches);
