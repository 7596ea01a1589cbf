//! The `skillgap` command: skills gaps, shortest learning paths, rankings,
//! schedules and job-posting matches from the command line.
//!
//! Arguments are parsed by clap ([`cli`]), inputs read by [`input`], the work
//! done by gap-core, and results written by [`output`] and [`render`]. Exit
//! codes: 0 success, 1 error, 2 usage. Errors go to stderr with a hint; a
//! closed stdout (`skillgap roles | head`) ends the command quietly.

mod cli;
mod commands;
mod error;
mod input;
mod output;
mod progress;
mod render;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::error::CliError;

fn main() -> ExitCode {
    // A bug must not show a backtrace to users: one line, and a request to report it.
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(
            std::io::stderr(),
            "skillgap: internal error: {info}\nThis is a bug; please report it with the command you ran."
        );
    }));
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // --help and --version print to stdout and exit 0; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let mut out = output::Out::stdout();
    let result = commands::run(&cli, &mut out).and_then(|()| out.flush().map_err(CliError::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // Whatever was written before the error still goes out; when
            // the error is the output itself (a full disk, `/dev/full`),
            // flushing again would only report it a second time.
            if !matches!(e, CliError::Output(_))
                && let Err(fe) = out.flush()
                && fe.kind() != std::io::ErrorKind::BrokenPipe
            {
                let _ = writeln!(std::io::stderr(), "error: writing the output failed: {fe}");
            }
            e.report();
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1))
        }
    }
}
