//! Cohort queries on the embedded catalog: `cohort` over 10,000 graduates x
//! every embedded role, and `design_programme` for 1,000 graduates, the
//! roles ml-engineer, mlops-engineer and ai-engineer and 120 hours (mode
//! any). The cohorts are `gap_bench::graduate_cohort` (seeded).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use gap_bench::graduate_cohort;
use gap_core::{Catalog, Mode, Target};

fn cohort(c: &mut Criterion) {
    let cat = Catalog::default();
    let profiles = graduate_cohort(&cat, 10_000, 1);
    c.bench_function("cohort/embedded/10000_profiles_all_roles", |b| {
        b.iter(|| cat.cohort(black_box(&profiles), None).expect("cohort"))
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
    targets = cohort, design_programme
}
criterion_main!(benches);
