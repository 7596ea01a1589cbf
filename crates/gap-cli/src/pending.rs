//! Temporary: the query methods of COMMON.md that gap-core does not have yet,
//! as a trait with the same signatures that fails with a clear error. Inherent
//! methods win over trait methods, so each one stops being used as soon as
//! gap-core defines it; this module is deleted once all have landed.

use gap_core::{
    Catalog, Error, Gap, LearningPath, NextStep, PathOptions, Profile, RankEntry, Result, Target,
};

fn missing<T>(what: &str) -> Result<T> {
    Err(Error::InvalidArgument(format!(
        "`{what}` is not available in this build of gap-core yet"
    )))
}

/// The queries being written in parallel.
#[allow(dead_code)]
pub trait PendingQueries {
    /// See COMMON.md.
    fn learning_path(&self, _p: &Profile, _t: &[Target], _o: &PathOptions) -> Result<LearningPath> {
        missing("learning_path")
    }
    /// See COMMON.md.
    fn gap(&self, _p: &Profile, _t: &Target) -> Result<Gap> {
        missing("gap")
    }
    /// See COMMON.md.
    fn rank_roles(&self, _p: &Profile, _r: Option<&[Target]>) -> Result<Vec<RankEntry>> {
        missing("rank_roles")
    }
    /// See COMMON.md.
    fn next_steps(&self, _p: &Profile, _t: Option<&[Target]>) -> Result<Vec<NextStep>> {
        missing("next_steps")
    }
}

impl PendingQueries for Catalog {}
