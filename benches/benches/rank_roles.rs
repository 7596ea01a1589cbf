//! Ranking every role for one profile (SPEC 7 target: < 1 ms over ESCO's
//! 3,007 roles for a 20-skill profile):
//! - `synthetic(14000, 3000, 1, 0.0)` (ESCO-scale, no groups) for a profile of
//!   the first 20 skills named by its roles;
//! - the embedded catalog for a junior data person's profile.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use gap_bench::{embedded_small_profile, profile_from_roles, synthetic_catalog};
use gap_core::{Catalog, Profile};

fn bench_rank(c: &mut Criterion, name: &str, cat: &Catalog, profile: &Profile) {
    let ranking = cat.rank_roles(profile, None).expect("ranking");
    if let Some(best) = ranking.first() {
        eprintln!(
            "{name}: {} roles, best {} at {:.1} h",
            ranking.len(),
            best.role,
            best.hours
        );
    }
    c.bench_function(name, |b| {
        b.iter(|| cat.rank_roles(black_box(profile), None).expect("ranking"))
    });
}

fn rank_roles(c: &mut Criterion) {
    let flat = synthetic_catalog(1, 0.0).expect("synthetic catalog");
    let profile = profile_from_roles(&flat, 0, 20);
    bench_rank(c, "rank_roles/esco_scale/20_skills", &flat, &profile);

    let embedded = Catalog::default();
    bench_rank(
        c,
        "rank_roles/embedded/small_profile",
        &embedded,
        &embedded_small_profile(),
    );
}

criterion_group! {
    name = benches;
    config = gap_bench::criterion();
    targets = rank_roles
}
criterion_main!(benches);
