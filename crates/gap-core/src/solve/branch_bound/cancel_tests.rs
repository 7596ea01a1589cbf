//! Cancellation inside hard searches (issue 12): the subgradient ascent,
//! the root LP and the whole hard search on the issue's instance
//! (`benches/fixtures/hard_g60_s1.json`) stop at the first poll of a raised
//! cancellation check, with [`Error::Cancelled`](crate::Error::Cancelled),
//! never an answer. Counted in polls, not time.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::lagrange::Lagrange;
use super::lp::LpModel;
use super::*;
use crate::catalog::Catalog;
use crate::error::Error;
use crate::query::options::Cancel;
use crate::{Limits, Profile};

fn issue_instance() -> Catalog {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../benches/fixtures/hard_g60_s1.json"
    );
    match Catalog::load(path) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    }
}

fn local_of(cat: &Catalog) -> Local {
    super::oracle_tests::role_local(cat, &vec![0u32; cat.skills().len()], "hard")
}

/// A check that counts its polls and says stop from poll `from` on.
fn counting(from: u64) -> (Limits, Arc<AtomicU64>) {
    let polls = Arc::new(AtomicU64::new(0));
    let seen = Arc::clone(&polls);
    let cancel = Cancel::new(move || seen.fetch_add(1, Ordering::Relaxed) + 1 >= from);
    (Limits::default().with_cancel(cancel), polls)
}

#[test]
fn a_raised_check_stops_the_ascent_and_the_root_lp() {
    let cat = issue_instance();
    let local = local_of(&cat);
    let s = Search::new(&local);
    let root = s.root();
    let (limits, polls) = counting(1);
    let mut meter = Meter::new(&limits);
    let fit = Lagrange::fit(&local, s.rep_groups(), &root, 1e9, &mut meter);
    assert!(matches!(fit, Err(Error::Cancelled)));
    assert_eq!(polls.load(Ordering::Relaxed), 1);
    let (limits, polls) = counting(1);
    let meter = Meter::new(&limits);
    let lp = LpModel::root(&local, &s.rep_groups(), &s.canon, &root, &meter);
    assert!(matches!(lp, Err(Error::Cancelled)));
    assert_eq!(polls.load(Ordering::Relaxed), 1);
}

/// The hard search polls all along (root LP, ascent, incumbent search, LP
/// nodes, member search), and a check raised at any of its polls stops it
/// there.
#[test]
fn a_raised_check_stops_the_hard_search_at_once() {
    let cat = issue_instance();
    let local = local_of(&cat);
    let (limits, polls) = counting(u64::MAX);
    let Ok(out) = optimize(&local, &mut Meter::new(&limits)) else {
        panic!("never cancelled")
    };
    assert!(out.optimal);
    let total = polls.load(Ordering::Relaxed);
    assert!(total >= 20, "{total} polls");
    for k in [1, 2, 3, 5, 8, total / 4, total / 2, total - 1] {
        let (limits, polls) = counting(k);
        let out = optimize(&local, &mut Meter::new(&limits));
        assert!(matches!(out, Err(Error::Cancelled)), "poll {k}");
        assert_eq!(polls.load(Ordering::Relaxed), k, "poll {k}");
    }
    // Through the public query too.
    let (limits, _) = counting(3);
    let opts = crate::PathOptions::default();
    let opts = crate::PathOptions { limits, ..opts };
    let path = cat.learning_path(&Profile::new(), &["hard".into()], &opts);
    assert!(matches!(path, Err(Error::Cancelled)));
}
