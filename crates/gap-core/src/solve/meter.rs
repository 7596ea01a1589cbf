//! The one budget of a query: a [`Meter`] counts the search nodes every
//! search of the query explores against the query's budget, and polls the
//! query's cancellation check. Every loop that can run long takes the
//! query's meter, so "never hangs" holds per query, not per search.

use crate::error::{Error, Result};
use crate::query::options::{Cancel, Limits};

use super::DEFAULT_BUDGET;

/// How many [`Meter::tick`]s pass between two polls of the cancellation
/// check (a poll may take the Python interpreter's lock).
const POLL_EVERY: u32 = 256;

/// Search nodes left for a query, and its cancellation check.
#[derive(Debug)]
pub(crate) struct Meter<'a> {
    left: u64,
    spent: u64,
    cancel: Option<&'a Cancel>,
    ticks: u32,
}

impl<'a> Meter<'a> {
    /// A meter for `limits` (the default budget when it has none).
    pub fn new(limits: &'a Limits) -> Self {
        Meter {
            left: limits.budget.unwrap_or(DEFAULT_BUDGET),
            spent: 0,
            cancel: limits.cancel.as_ref(),
            ticks: 0,
        }
    }

    /// A fresh meter with the same budget and check (for one cell of a
    /// batch query).
    pub fn cell(limits: &'a Limits) -> Self {
        Meter::new(limits)
    }

    /// Takes one search node: `Ok(true)` when the budget had one left,
    /// `Ok(false)` when it is spent, [`Error::Cancelled`] when the check
    /// says stop.
    pub fn node(&mut self) -> Result<bool> {
        self.tick()?;
        if self.left == 0 {
            return Ok(false);
        }
        self.left -= 1;
        self.spent += 1;
        Ok(true)
    }

    /// A meter for a sub-search: at most `cap` of the nodes left, the same
    /// cancellation check. Give it back with [`settle`](Meter::settle).
    pub fn share(&self, cap: u64) -> Meter<'a> {
        Meter {
            left: self.left.min(cap),
            spent: 0,
            cancel: self.cancel,
            ticks: 0,
        }
    }

    /// Takes the nodes a [`share`](Meter::share) spent.
    pub fn settle(&mut self, sub: &Meter<'_>) {
        self.left = self.left.saturating_sub(sub.spent);
        self.spent += sub.spent;
    }

    /// Takes `n` nodes explored by searches on meters of their own (the
    /// components of a split, [`super::steps`]), as far as any are left.
    pub fn charge(&mut self, n: u64) {
        self.left = self.left.saturating_sub(n);
        self.spent += n;
    }

    /// Nodes left.
    pub fn left(&self) -> u64 {
        self.left
    }

    /// Whether no node is left.
    pub fn spent_out(&self) -> bool {
        self.left == 0
    }

    /// Nodes taken so far.
    pub fn spent(&self) -> u64 {
        self.spent
    }

    /// Counts one unit of work that is not a node (a loop iteration) and
    /// polls the cancellation check now and then.
    pub fn tick(&mut self) -> Result<()> {
        self.ticks += 1;
        if self.ticks >= POLL_EVERY {
            self.ticks = 0;
            self.check()?;
        }
        Ok(())
    }

    /// Polls the cancellation check now.
    pub fn check(&self) -> Result<()> {
        match self.cancel {
            Some(c) if c.is_cancelled() => Err(Error::Cancelled),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    use super::*;

    #[test]
    fn counts_nodes_down_to_zero() {
        let limits = Limits::default().with_budget(3);
        let mut m = Meter::new(&limits);
        assert!(m.node().is_ok_and(|ok| ok));
        assert!(m.node().is_ok_and(|ok| ok));
        assert!(m.node().is_ok_and(|ok| ok));
        assert!(m.spent_out());
        assert!(m.node().is_ok_and(|ok| !ok));
        assert_eq!(m.spent(), 3);
    }

    #[test]
    fn a_raised_flag_stops_within_one_poll() {
        let flag = Arc::new(AtomicBool::new(false));
        let limits = Limits::default().with_cancel(Cancel::from_flag(flag.clone()));
        let mut m = Meter::new(&limits);
        for _ in 0..1000 {
            assert!(m.tick().is_ok());
        }
        flag.store(true, Ordering::Relaxed);
        let stopped = (0..POLL_EVERY).find(|_| m.tick().is_err());
        assert!(stopped.is_some());
        assert!(matches!(m.check(), Err(Error::Cancelled)));
    }
}
