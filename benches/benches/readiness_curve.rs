//! The readiness curve (SPEC 7: < 1 s for all k over 30 roles read from
//! postings on the embedded catalog): `benches/fixtures/postings.txt` read
//! with `role_from_text`, from an empty profile and from a junior data
//! person's profile. Prints the curve (hours per k, how many k are proven
//! optimal) once before timing.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use gap_bench::{embedded_small_profile, posting_targets};
use gap_core::{Catalog, Limits, Profile};

fn readiness_curve(c: &mut Criterion) {
    let cat = Catalog::default();
    let targets = posting_targets(&cat).expect("the postings read into roles");
    for (name, profile) in [
        ("empty", Profile::new()),
        ("small_profile", embedded_small_profile()),
    ] {
        let curve = cat
            .readiness_curve(&profile, &targets, &Limits::default())
            .expect("curve");
        let hours: Vec<String> = curve.iter().map(|p| format!("{:.0}", p.hours)).collect();
        let proven = curve.iter().filter(|p| p.optimal).count();
        eprintln!(
            "readiness_curve/embedded/30_postings/{name}: {} targets, {proven} of {} k proven optimal; hours by k: {}",
            targets.len(),
            curve.len(),
            hours.join(" ")
        );
        c.bench_function(
            &format!("readiness_curve/embedded/30_postings/{name}"),
            |b| {
                b.iter(|| {
                    cat.readiness_curve(
                        black_box(&profile),
                        black_box(&targets),
                        &Limits::default(),
                    )
                    .expect("curve")
                })
            },
        );
    }
}

criterion_group! {
    name = benches;
    config = gap_bench::criterion();
    targets = readiness_curve
}
criterion_main!(benches);
