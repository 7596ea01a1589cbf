//! Batch queries on catalogs with `any_of` groups (SPEC 7, issue 13), and
//! the group-free ESCO figures they must not worsen:
//! - `hours_matrix` for 10,000 random profiles (`random_profiles`, seed 7)
//!   x the 16 roles of the embedded catalog (target < 0.2 s);
//! - `rank_roles` on `synthetic(14000, 3000, 1, 0.05)` for the 20-skill
//!   profile of `profile_from_roles`, in full (target < 10 ms) and `top=10`
//!   (target < 2 ms), by hours and by fit;
//! - ESCO v1.1.1 imported from `$SKILLGAP_DATA/esco-v1.1.1` (default
//!   `/work/shared/data`; skipped when absent): `hours_matrix` for 10,000
//!   profiles of 20 skills x its 3,007 roles and `rank_roles` for one.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use gap_bench::{esco_catalog, profile_from_roles, random_profiles, synthetic_catalog};
use gap_core::{Catalog, Profile, RankBy, RankOptions};

fn embedded_matrix(c: &mut Criterion) {
    let cat = Catalog::default();
    let profiles = random_profiles(&cat, 10_000, 7);
    // Caches (ranking index, empty-profile optima) outside the measurement.
    let _ = cat.hours_matrix(&profiles[..1], None).expect("matrix");
    c.bench_function("batch_groups/embedded/hours_matrix_10k_x_16", |b| {
        b.iter(|| {
            cat.hours_matrix(black_box(&profiles), None)
                .expect("matrix")
        })
    });
}

fn synthetic_rank(c: &mut Criterion) {
    let cat = synthetic_catalog(1, 0.05).expect("synthetic catalog");
    let profile = profile_from_roles(&cat, 0, 20);
    let _ = cat.rank_roles(&profile, None).expect("ranking");
    let by_fit = RankOptions::default().with_by(RankBy::Fit);
    for (name, opts) in [
        ("rank_roles_20_skills", RankOptions::default()),
        (
            "rank_roles_20_skills_top10",
            RankOptions::default().with_top(10),
        ),
        ("rank_roles_20_skills_fit", by_fit.clone()),
        ("rank_roles_20_skills_fit_top10", by_fit.with_top(10)),
    ] {
        c.bench_function(&format!("batch_groups/synthetic_groups/{name}"), |b| {
            b.iter(|| {
                cat.rank_roles_with(black_box(&profile), None, &opts)
                    .expect("ranking")
            })
        });
    }
}

fn esco(c: &mut Criterion) {
    let data = std::env::var_os("SKILLGAP_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/data"));
    let Some(cat) = esco_catalog(&data.join("esco-v1.1.1")) else {
        eprintln!("ESCO not found under {}: skipped", data.display());
        return;
    };
    let profiles: Vec<Profile> = (0..10_000)
        .map(|i| profile_from_roles(&cat, i % cat.roles().len(), 20))
        .collect();
    let _ = cat.hours_matrix(&profiles[..1], None).expect("matrix");
    c.bench_function("batch_groups/esco/hours_matrix_10k_x_3007", |b| {
        b.iter(|| {
            cat.hours_matrix(black_box(&profiles), None)
                .expect("matrix")
        })
    });
    c.bench_function("batch_groups/esco/rank_roles_20_skills", |b| {
        b.iter(|| {
            cat.rank_roles(black_box(&profiles[0]), None)
                .expect("ranking")
        })
    });
}

criterion_group! {
    name = benches;
    config = gap_bench::criterion();
    targets = embedded_matrix, synthetic_rank, esco
}
criterion_main!(benches);
