//! `import esco|onet|metacademy PATH -o FILE`: build a catalog from a public
//! taxonomy with gap-core's importers (a progress bar driven by their progress
//! reports), print their warnings to stderr, and save the catalog.

use std::io::Write;
use std::path::Path;

use gap_core::Catalog;
use gap_core::format::FileFormat;
use gap_core::import::{
    EscoOptions, EscoPrerequisites, MetacademyOptions, OnetOptions, OnetTechnologies,
    ProgressCallback,
};

use crate::cli::{ImportArgs, ImportSource, PrereqArg, TechArg};
use crate::error::{CliError, CliResult, usage};
use crate::output::{Out, plural};
use crate::progress;

/// Options that belong to another source are a usage error, not ignored.
fn check_options(source: ImportSource, opts: &ImportArgs) -> CliResult {
    let esco_only = opts.prerequisites.is_some() || opts.hours.is_some();
    let onet_only = opts.min_importance.is_some() || opts.technologies.is_some();
    match source {
        ImportSource::Esco if onet_only => Err(usage(
            "--min-importance and --technologies apply to `import onet` only",
        )),
        ImportSource::Onet if esco_only => Err(usage(
            "--prerequisites and --hours apply to `import esco` only",
        )),
        ImportSource::Metacademy if esco_only || onet_only => {
            Err(usage("`import metacademy` takes no options besides -o"))
        }
        _ => Ok(()),
    }
}

/// `skillgap import SOURCE PATH -o FILE [options]`.
pub fn run(
    source: ImportSource,
    path: &Path,
    output: &Path,
    opts: &ImportArgs,
    out: &mut Out,
) -> CliResult {
    check_options(source, opts)?;
    // Check the output extension before the (long) import.
    FileFormat::from_path(output).map_err(|e| usage(e.to_string()))?;
    if !path.exists() {
        return Err(CliError::Input(format!(
            "{}: no such file or folder",
            path.display()
        )));
    }

    let pb = progress::stages();
    let bar = pb.clone();
    let progress = Some(ProgressCallback::new(move |p| {
        bar.set_message(p.stage);
        bar.set_length(p.total);
        bar.set_position(p.done);
    }));
    let imported = match source {
        ImportSource::Esco => Catalog::from_esco(
            path,
            &EscoOptions {
                prerequisites: match opts.prerequisites.unwrap_or(PrereqArg::Essential) {
                    PrereqArg::Essential => EscoPrerequisites::Essential,
                    PrereqArg::All => EscoPrerequisites::All,
                    PrereqArg::None => EscoPrerequisites::None,
                },
                hours: opts.hours,
                progress,
            },
        ),
        ImportSource::Onet => {
            let mut o = OnetOptions {
                progress,
                ..OnetOptions::default()
            };
            if let Some(m) = opts.min_importance {
                o.min_importance = m;
            }
            if let Some(t) = opts.technologies {
                o.technologies = match t {
                    TechArg::None => OnetTechnologies::None,
                    TechArg::Hot => OnetTechnologies::Hot,
                    TechArg::InDemand => OnetTechnologies::InDemand,
                    TechArg::HotOrInDemand => OnetTechnologies::HotOrInDemand,
                    TechArg::All => OnetTechnologies::All,
                };
            }
            Catalog::from_onet(path, &o)
        }
        ImportSource::Metacademy => Catalog::from_metacademy(path, &MetacademyOptions { progress }),
    };
    pb.finish_and_clear();
    let imported = imported?;

    {
        let mut err = std::io::stderr().lock();
        for w in &imported.warnings {
            let _ = writeln!(err, "warning: {w}");
        }
    }
    let cat = &imported.catalog;
    let saving = progress::spinner(format!("writing {}", output.display()));
    let saved = cat.save(output);
    saving.finish_and_clear();
    saved?;
    out.line(format!(
        "wrote {}: {}, {}, {}{}",
        output.display(),
        plural(cat.skills().len(), "skill"),
        plural(cat.roles().len(), "role"),
        plural(cat.transfers().len(), "transfer"),
        if imported.warnings.is_empty() {
            String::new()
        } else {
            format!(
                " ({} on stderr)",
                plural(imported.warnings.len(), "warning")
            )
        }
    ))?;
    Ok(())
}
