//! The command's failures and how each one is reported: the message on stderr,
//! a hint that says what to do, and the exit code (2 for usage, 1 for errors).

use std::fmt;
use std::io::{self, Write};

/// Exit code of a usage error (bad arguments, a format that does not apply).
pub const EXIT_USAGE: i32 = 2;
/// Exit code of every other failure (bad input, invalid catalog, infeasible target).
pub const EXIT_ERROR: i32 = 1;

/// Why the command failed.
#[derive(Debug)]
pub enum CliError {
    /// The arguments do not make sense together.
    Usage(String),
    /// An error from gap-core (unknown id, invalid catalog, bad profile …).
    Core(gap_core::Error),
    /// Anything else the user must fix, with the file or value concerned.
    Input(String),
    /// Writing the output failed (a closed pipe is handled before this).
    Output(io::Error),
    /// The failure was already reported on stdout (e.g. `validate --format json`).
    Reported,
}

/// Result alias of the command.
pub type CliResult<T = ()> = Result<T, CliError>;

impl From<gap_core::Error> for CliError {
    fn from(e: gap_core::Error) -> Self {
        CliError::Core(e)
    }
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> Self {
        CliError::Output(e)
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(m) | CliError::Input(m) => f.write_str(m),
            CliError::Core(e) => write!(f, "{e}"),
            CliError::Output(e) => write!(f, "writing the output failed: {e}"),
            CliError::Reported => Ok(()),
        }
    }
}

impl CliError {
    /// The process exit code.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => EXIT_USAGE,
            _ => EXIT_ERROR,
        }
    }

    /// True when stdout was closed by the reader (`skillgap roles | head`):
    /// not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }

    /// What to do about it, when there is something useful to say.
    pub fn hint(&self) -> Option<&'static str> {
        use gap_core::Error as E;
        match self {
            CliError::Core(E::UnknownSkill { .. } | E::SkillName { .. }) => {
                Some("`skillgap skills` lists the skill ids of the catalog")
            }
            CliError::Core(E::UnknownRole { .. }) => {
                Some("`skillgap roles` lists the role ids of the catalog")
            }
            CliError::Core(E::Profile { .. }) => {
                Some("`skillgap skills` shows how many levels each skill has")
            }
            CliError::Core(E::Infeasible { .. }) => {
                Some("drop skills from --avoid, or choose another role")
            }
            CliError::Usage(_) => Some("see `skillgap --help` or `skillgap COMMAND --help`"),
            _ => None,
        }
    }

    /// Prints the error (and its hint) to stderr; never panics, even when
    /// stderr is closed.
    pub fn report(&self) {
        if matches!(self, CliError::Reported) {
            return;
        }
        let mut err = io::stderr().lock();
        let _ = writeln!(err, "error: {self}");
        if let Some(h) = self.hint() {
            let _ = writeln!(err, "hint: {h}");
        }
    }
}

/// A usage error.
pub fn usage(msg: impl Into<String>) -> CliError {
    CliError::Usage(msg.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_hints() {
        assert_eq!(usage("x").exit_code(), 2);
        let e = CliError::from(gap_core::Error::UnknownRole {
            id: "ml-enginer".into(),
            suggestions: vec!["ml-engineer".into()],
        });
        assert_eq!(e.exit_code(), 1);
        assert!(e.to_string().contains("did you mean ml-engineer"));
        assert!(e.hint().unwrap().contains("skillgap roles"));
        let pipe = CliError::from(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(pipe.is_broken_pipe());
        assert!(!e.is_broken_pipe());
    }
}
