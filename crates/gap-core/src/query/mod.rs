//! The queries of SPEC 4 as methods of [`Catalog`](crate::Catalog):
//! [`learning_path`](crate::Catalog::learning_path) ([`path`]),
//! [`gap`](crate::Catalog::gap) ([`gap`]),
//! [`rank_roles`](crate::Catalog::rank_roles) ([`rank`]),
//! [`rank_many`](crate::Catalog::rank_many) (`rank_many`: a batch of profiles),
//! [`hours_matrix`](crate::Catalog::hours_matrix) ([`matrix`]) and
//! [`next_steps`](crate::Catalog::next_steps) ([`next`]). They resolve their
//! arguments and delegate the optimization to [`crate::solve`].

#[cfg(test)]
mod budget_tests;
mod cohort;
mod curve;
mod fit;
mod gap;
mod matrix;
mod next;
pub mod options;
mod path;
mod programme;
mod rank;
mod rank_many;

use std::borrow::Cow;

use crate::catalog::Catalog;
use crate::error::Result;
use crate::model::Role;
pub(crate) use crate::solve::entries_of;
pub use cohort::{Cohort, CohortRole, CohortSkill};
pub use curve::{CurvePoint, DemandRow, split_postings};
pub use matrix::HoursMatrix;
use options::Target;
pub use programme::Programme;

/// Resolves targets to roles; a role id given twice counts once (the first).
fn resolve_targets<'c>(cat: &'c Catalog, targets: &[Target]) -> Result<Vec<Cow<'c, Role>>> {
    let roles: Result<Vec<_>> = targets.iter().map(|t| cat.resolve_target(t)).collect();
    Ok(first_of_each(roles?, |r| r.id.clone()))
}

/// `items` without the ones whose key an earlier item has, in order.
pub(crate) fn first_of_each<T, K: Ord>(items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut seen = std::collections::BTreeSet::new();
    items.into_iter().filter(|t| seen.insert(key(t))).collect()
}

/// Satisfied entries / all entries (1.0 without entries), and job-readiness.
fn coverage(role: &Role, start: &[u32]) -> (f64, bool) {
    let ess = role
        .requires
        .iter()
        .filter(|r| r.satisfied_by(start))
        .count();
    let opt = role
        .optional
        .iter()
        .filter(|n| n.satisfied_by(start))
        .count();
    let total = role.requires.len() + role.optional.len();
    let ready = ess == role.requires.len();
    if total == 0 {
        (1.0, ready)
    } else {
        ((ess + opt) as f64 / total as f64, ready)
    }
}

/// A sort key for hours that treats costs within the relative tolerance as
/// equal: sorted exactly, then each run of values within tolerance of its
/// first value gets that first value (a total order, unlike a tolerant
/// comparator).
fn tolerant_keys(hours: &[f64]) -> Vec<f64> {
    // Sorted as (value, index) pairs, not by index through the slice: equal
    // values get the same key in any order, so the sort need not be stable.
    let mut by: Vec<(f64, usize)> = hours.iter().copied().zip(0..).collect();
    by.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut keys = vec![0.0; hours.len()];
    let mut head = f64::NAN;
    for &(h, i) in &by {
        if head.is_nan() || crate::solve::definitely_less(head, h) {
            head = h;
        }
        keys[i] = head;
    }
    keys
}
