//! Hostile input to the importers: the committed ESCO, O*NET and Metacademy
//! fixtures with files deleted, emptied, cut short or damaged, imports from an
//! empty or missing directory, and absurd options. Each gives a usable catalog
//! or an import / I/O error that names a file.

mod common;

use std::path::{Path, PathBuf};

use gap_core::{Catalog, Error};
use proptest::prelude::*;

use common::hostile::*;

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(rel) = p.strip_prefix(dir) {
                out.push(rel.to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// A fresh copy of a committed fixture in a temporary directory.
fn copy_fixture(name: &str) -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dst = std::env::temp_dir().join(format!(
        "gap-core-hostile-{}-{name}-{n}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dst);
    for rel in files_under(&src) {
        let to = dst.join(&rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::copy(src.join(&rel), &to).expect("copy");
    }
    dst
}

/// How to damage one file of a fixture.
#[derive(Debug, Clone)]
enum Damage {
    Delete,
    Empty,
    Junk(Vec<u8>),
    Truncate(prop::sample::Index),
    Flip(Vec<(prop::sample::Index, u8)>),
    /// Insert a NUL, a quote, a newline or invalid UTF-8 somewhere.
    Insert(prop::sample::Index, Vec<u8>),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        Just(Damage::Delete),
        Just(Damage::Empty),
        prop::collection::vec(any::<u8>(), 1..64).prop_map(Damage::Junk),
        any::<prop::sample::Index>().prop_map(Damage::Truncate),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)
            .prop_map(Damage::Flip),
        (
            any::<prop::sample::Index>(),
            prop::sample::select(vec![
                b"\0".to_vec(),
                b"\"".to_vec(),
                b"\n".to_vec(),
                b"\r\n\"".to_vec(),
                b"\xff\xfe".to_vec(),
                b"\t\t\t".to_vec(),
                b",,,,".to_vec(),
                b"]}".to_vec(),
                b"1e400".to_vec(),
            ])
        )
            .prop_map(|(at, bytes)| Damage::Insert(at, bytes)),
    ]
}

fn apply_damage(file: &Path, d: &Damage) {
    let mut bytes = std::fs::read(file).unwrap_or_default();
    match d {
        Damage::Delete => {
            let _ = std::fs::remove_file(file);
            return;
        }
        Damage::Empty => bytes.clear(),
        Damage::Junk(j) => bytes.clone_from(j),
        Damage::Truncate(at) => bytes.truncate(at.index(bytes.len() + 1)),
        Damage::Flip(edits) => {
            if !bytes.is_empty() {
                for (at, b) in edits {
                    let i = at.index(bytes.len());
                    bytes[i] = *b;
                }
            }
        }
        Damage::Insert(at, ins) => {
            let i = at.index(bytes.len() + 1);
            bytes.splice(i..i, ins.iter().copied());
        }
    }
    std::fs::write(file, bytes).expect("write");
}

/// An importer's answer to damaged files: a catalog (then usable), or an
/// import or I/O error that names a file.
fn check_import(result: gap_core::Result<gap_core::import::Imported>, dir: &Path) {
    match result {
        Ok(imp) => exercise_queries(&imp.catalog),
        Err(e @ (Error::Import { .. } | Error::Io { .. })) => {
            let text = e.to_string();
            assert!(
                text.contains(&*dir.to_string_lossy()),
                "an import error that names no file: {text}"
            );
        }
        Err(e) => panic!("unexpected kind of import error: {e:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: fuzz_cases(48), ..ProptestConfig::default() })]

    /// The ESCO, O*NET and Metacademy fixtures with one or two files damaged.
    #[test]
    fn damaged_imports_are_ok_or_an_error_naming_the_file(
        which in 0..4usize,
        f1 in any::<prop::sample::Index>(),
        d1 in damage(),
        second in proptest::option::of((any::<prop::sample::Index>(), damage())),
    ) {
        let name = ["esco", "onet", "metacademy", "metacademy"][which];
        let dir = copy_fixture(name);
        let files: Vec<PathBuf> = files_under(&dir)
            .into_iter()
            .filter(|f| !f.to_string_lossy().ends_with("README.md"))
            .collect();
        apply_damage(&dir.join(f1.get(&files)), &d1);
        if let Some((f2, d2)) = &second {
            apply_damage(&dir.join(f2.get(&files)), d2);
        }
        let result = match which {
            0 => Catalog::from_esco(&dir, &gap_core::import::EscoOptions::default()),
            1 => Catalog::from_onet(&dir, &gap_core::import::OnetOptions::default()),
            2 => Catalog::from_metacademy(
                &dir.join("graph_data.json"),
                &gap_core::import::MetacademyOptions::default(),
            ),
            _ => Catalog::from_metacademy(
                &dir.join("content"),
                &gap_core::import::MetacademyOptions::default(),
            ),
        };
        check_import(result, &dir);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn imports_from_nothing() {
    let dir = std::env::temp_dir().join(format!("gap-core-hostile-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let missing = dir.join("missing");
    for d in [&dir, &missing] {
        check_import(
            Catalog::from_esco(d, &gap_core::import::EscoOptions::default()),
            d,
        );
        check_import(
            Catalog::from_onet(d, &gap_core::import::OnetOptions::default()),
            d,
        );
        check_import(
            Catalog::from_metacademy(d, &gap_core::import::MetacademyOptions::default()),
            d,
        );
    }
    // Absurd options.
    let esco = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/esco");
    for h in [-1.0, f64::NAN, f64::INFINITY] {
        let opts = gap_core::import::EscoOptions {
            hours: Some(h),
            ..gap_core::import::EscoOptions::default()
        };
        assert!(matches!(
            Catalog::from_esco(&esco, &opts),
            Err(Error::InvalidArgument(_))
        ));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
