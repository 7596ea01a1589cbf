//! `hours_matrix` on the ESCO-scale catalog (`synthetic(14000, 3000, 1, 0.0)`)
//! for 1,000 profiles of 20 skills each, profiles in parallel. SPEC 7 target
//! for 10,000 profiles x 3,007 ESCO roles: < 5 s on 2 cores (so < 500 ms for
//! 1,000 profiles).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use gap_bench::{profile_from_roles, synthetic_catalog};
use gap_core::Profile;

fn hours_matrix(c: &mut Criterion) {
    let cat = synthetic_catalog(1, 0.0).expect("synthetic catalog");
    let profiles: Vec<Profile> = (0..1000)
        .map(|i| profile_from_roles(&cat, i * 3, 20))
        .collect();
    // Build the ranking index outside the measurement.
    let _ = cat.hours_matrix(&profiles[..1], None).expect("matrix");
    c.bench_function("hours_matrix/esco_scale/1000_profiles", |b| {
        b.iter(|| {
            cat.hours_matrix(black_box(&profiles), None)
                .expect("matrix")
        })
    });
}

criterion_group! {
    name = benches;
    config = gap_bench::criterion();
    targets = hours_matrix
}
criterion_main!(benches);
