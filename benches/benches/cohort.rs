//! Cohort queries on the embedded catalog: `cohort` over 10,000 graduates x
//! every embedded role (and `hours_matrix` of the same cells, for the
//! ratio); the same on `synthetic(14000, 3000, 1, 0.05)` for 50 people
//! working near different roles; and `design_programme` for 1,000 graduates, the
//! roles ml-engineer, mlops-engineer and ai-engineer and 120 hours (mode
//! any). The cohorts are `gap_bench::graduate_cohort` (seeded).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use gap_bench::{graduate_cohort, profile_from_roles, synthetic_catalog};
use gap_core::{Catalog, Mode, Profile, Target};

fn cohort(c: &mut Criterion) {
    let cat = Catalog::default();
    let profiles = graduate_cohort(&cat, 10_000, 1);
    c.bench_function("cohort/embedded/10000_profiles_all_roles", |b| {
        b.iter(|| cat.cohort(black_box(&profiles), None).expect("cohort"))
    });
    // The hours alone of the same cells: what the cohort's step sets cost
    // on top.
    c.bench_function("hours_matrix/embedded/10000_graduates_all_roles", |b| {
        b.iter(|| cat.hours_matrix(black_box(&profiles), None).expect("hours"))
    });
}

/// A cohort of 50 people each working near other roles
/// (`profile_from_roles(cat, 20 i, 20)`) against every role of
/// `synthetic(14000, 3000, 1, 0.05)`, and the hours alone of the same
/// cells.
fn cohort_synthetic(c: &mut Criterion) {
    let cat = synthetic_catalog(1, 0.05).expect("synthetic catalog");
    let profiles: Vec<Profile> = (0..50)
        .map(|i| profile_from_roles(&cat, 20 * i, 20))
        .collect();
    c.bench_function("cohort/synthetic/50_profiles_all_roles", |b| {
        b.iter(|| cat.cohort(black_box(&profiles), None).expect("cohort"))
    });
    c.bench_function("hours_matrix/synthetic/50_profiles_all_roles", |b| {
        b.iter(|| cat.hours_matrix(black_box(&profiles), None).expect("hours"))
    });
}

fn design_programme(c: &mut Criterion) {
    let cat = Catalog::default();
    let profiles = graduate_cohort(&cat, 1_000, 1);
    let roles: Vec<Target> = ["ml-engineer", "mlops-engineer", "ai-engineer"]
        .into_iter()
        .map(Target::from)
        .collect();
    c.bench_function(
        "design_programme/embedded/1000_profiles_3_roles_120h",
        |b| {
            b.iter(|| {
                cat.design_programme(black_box(&profiles), &roles, 120.0, Mode::Any)
                    .expect("programme")
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = gap_bench::criterion();
    targets = cohort, cohort_synthetic, design_programme
}
criterion_main!(benches);
