//! `import esco|onet|metacademy PATH -o FILE`: build a catalog from a public
//! taxonomy with gap-core's importers, print their warnings to stderr, save.

use std::path::Path;

use crate::cli::{ImportArgs, ImportSource};
use crate::error::{CliError, CliResult};

/// `skillgap import SOURCE PATH -o FILE [options]`.
pub fn run(source: ImportSource, path: &Path, output: &Path, opts: &ImportArgs) -> CliResult {
    gap_core::format::FileFormat::from_path(output)?;
    let _ = (source, path, opts);
    Err(CliError::Input(
        "the importers are not in this build of gap-core yet".into(),
    ))
}
