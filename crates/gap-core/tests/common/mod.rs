//! Shared by the importer tests: where the committed fixtures are and where
//! the real data is (`SKILLGAP_DATA` or `../../../shared/data`), skipping with
//! a message when it is absent.
//!
//! `hostile` holds the helpers of the hostile-input tests.

#![allow(dead_code)] // each test file uses a subset of the helpers

pub mod hostile;

use std::path::{Path, PathBuf};

/// The committed fixture directory `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The real data directory `<data>/<sub>`, where `<data>` is `SKILLGAP_DATA`
/// or `../../../shared/data` from the crate; `None` (with a `SKIPPED:`
/// message) when it is absent.
pub fn real_data(sub: &str) -> Option<PathBuf> {
    let base = std::env::var_os("SKILLGAP_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let dir = base.join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "SKIPPED: real data not found at {} (set SKILLGAP_DATA to the data directory)",
            dir.display()
        );
        None
    }
}
