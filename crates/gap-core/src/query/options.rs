//! The inputs of the queries (SPEC 4): targets, how several targets combine
//! ([`Mode`]), step order ([`Order`]), the options of
//! [`learning_path`](crate::Catalog::learning_path) ([`PathOptions`]) and the
//! [`Limits`] every query takes: a search-node budget for the whole query and
//! a cancellation check ([`Cancel`]) that long loops poll.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use crate::format::RoleDef;

/// A target of a query: a role of the catalog by id, or a role defined by the
/// caller (resolved against the catalog for this query only).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Target {
    /// A role id of the catalog.
    Id(String),
    /// A role not in the catalog (e.g. made from a job posting).
    Role(RoleDef),
}

impl From<&str> for Target {
    fn from(id: &str) -> Self {
        Target::Id(id.to_string())
    }
}

impl From<String> for Target {
    fn from(id: String) -> Self {
        Target::Id(id)
    }
}

impl From<RoleDef> for Target {
    fn from(r: RoleDef) -> Self {
        Target::Role(r)
    }
}

/// How several targets combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// One path job-ready for all targets, jointly minimal.
    #[default]
    All,
    /// The cheapest of the targets.
    Any,
    /// Job-ready for at least k of the distinct targets (1 <= k <= their
    /// number), at minimum total hours (SPEC 4, "k of n targets");
    /// `path.targets` lists every target ready after the path.
    #[serde(rename = "at_least")]
    AtLeast(usize),
}

/// The order of the steps of a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// A valid order that keeps each entry's prerequisites together.
    #[default]
    Default,
    /// Same steps, ordered so cheap stepping-stone roles come first.
    Milestones,
}

impl std::str::FromStr for Mode {
    type Err = crate::Error;

    /// `"all"`, `"any"`, or an integer k for [`Mode::AtLeast`] (its range
    /// is checked against the targets by the query).
    ///
    /// ```
    /// use gap_core::Mode;
    /// assert_eq!("3".parse::<Mode>()?, Mode::AtLeast(3));
    /// assert_eq!("any".parse::<Mode>()?, Mode::Any);
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "all" => Ok(Mode::All),
            "any" => Ok(Mode::Any),
            // Digits only, as written (no spaces, sign or leading zero),
            // like every other number a user spells (issue 17).
            other => match crate::reference::parse_level(other) {
                Ok(k) => Ok(Mode::AtLeast(k as usize)),
                Err(_) => Err(crate::Error::InvalidArgument(format!(
                    "mode must be \"all\", \"any\" or a number of targets k, got {other:?}"
                ))),
            },
        }
    }
}

impl std::str::FromStr for Order {
    type Err = crate::Error;

    /// `"default"` or `"milestones"`.
    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "default" => Ok(Order::Default),
            "milestones" => Ok(Order::Milestones),
            other => Err(crate::Error::InvalidArgument(format!(
                "order must be \"default\" or \"milestones\", got {other:?}"
            ))),
        }
    }
}

/// A cancellation check that long queries poll: when it returns true the
/// query stops with [`Error::Cancelled`](crate::Error::Cancelled). Cheap to
/// clone (shared).
///
/// ```
/// use std::sync::Arc;
/// use std::sync::atomic::AtomicBool;
/// use gap_core::Cancel;
/// let flag = Arc::new(AtomicBool::new(false));
/// let cancel = Cancel::from_flag(flag.clone());
/// assert!(!cancel.is_cancelled());
/// flag.store(true, std::sync::atomic::Ordering::Relaxed);
/// assert!(cancel.is_cancelled());
/// ```
#[derive(Clone)]
pub struct Cancel(Arc<dyn Fn() -> bool + Send + Sync>);

impl Cancel {
    /// A check that calls `f` (from any thread, possibly several at once).
    pub fn new(f: impl Fn() -> bool + Send + Sync + 'static) -> Self {
        Cancel(Arc::new(f))
    }

    /// A check that reads a shared flag.
    pub fn from_flag(flag: Arc<AtomicBool>) -> Self {
        Cancel::new(move || flag.load(Ordering::Relaxed))
    }

    /// Whether the query should stop.
    pub fn is_cancelled(&self) -> bool {
        (self.0)()
    }
}

impl fmt::Debug for Cancel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cancel(..)")
    }
}

impl PartialEq for Cancel {
    /// The same check (clones of one [`Cancel`]).
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What bounds one query: a budget of search nodes for the whole query and an
/// optional cancellation check.
///
/// The budget counts the nodes the exact branch-and-bound explores (the
/// roots of its searches included), summed over everything the query does:
/// every target of `Mode::Any`, the fallbacks of next steps, the milestone
/// ordering. Each search also makes one greedy dive to a first solution,
/// which is not counted: it is what a search returns, flagged not optimal
/// with a proven lower bound, once the budget is spent. Batch queries
/// ([`rank_roles`](crate::Catalog::rank_roles),
/// [`hours_matrix`](crate::Catalog::hours_matrix)) give the budget to each
/// (profile, role) cell, so that a cell's answer never depends on the other
/// cells or on thread timing. Without any_of groups in play no search runs
/// and nothing is counted.
///
/// ```
/// use gap_core::Limits;
/// let limits = Limits::default().with_budget(10_000);
/// assert_eq!(limits.budget, Some(10_000));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Limits {
    /// Search nodes for the whole query (None: [`DEFAULT_BUDGET`](crate::DEFAULT_BUDGET)).
    pub budget: Option<u64>,
    /// Polled by long loops (None: never cancelled).
    pub cancel: Option<Cancel>,
    /// Where batch queries count the profiles done (None: not counted).
    pub progress: Option<Progress>,
}

/// A shared count of the work a batch query has done, out of its total
/// (profiles), that another thread can read while the query runs (a
/// progress bar). Cheap to clone (shared); lock-free.
///
/// ```
/// use gap_core::{Catalog, Limits, Profile, Progress};
/// let cat = Catalog::default();
/// let progress = Progress::default();
/// let limits = Limits::default().with_progress(progress.clone());
/// cat.hours_matrix_with(&[Profile::new(), Profile::new()], None, &limits)?;
/// assert_eq!(progress.get(), (2, 2));
/// # Ok::<(), gap_core::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<(std::sync::atomic::AtomicU64, std::sync::atomic::AtomicU64)>);

impl Progress {
    /// `(done, total)` so far.
    pub fn get(&self) -> (u64, u64) {
        (
            self.0.0.load(Ordering::Relaxed),
            self.0.1.load(Ordering::Relaxed),
        )
    }

    /// Starts counting towards `total` (done back to 0).
    pub(crate) fn start(&self, total: u64) {
        self.0.0.store(0, Ordering::Relaxed);
        self.0.1.store(total, Ordering::Relaxed);
    }

    /// One more unit done.
    pub(crate) fn step(&self) {
        self.0.0.fetch_add(1, Ordering::Relaxed);
    }
}

impl PartialEq for Progress {
    /// The same counter (clones of one [`Progress`]).
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Limits {
    /// These limits with a progress counter.
    #[must_use]
    pub fn with_progress(mut self, progress: Progress) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Counts towards `total` when a counter is set.
    pub(crate) fn progress_start(&self, total: usize) {
        if let Some(p) = &self.progress {
            p.start(total as u64);
        }
    }

    /// One unit done when a counter is set.
    pub(crate) fn progress_step(&self) {
        if let Some(p) = &self.progress {
            p.step();
        }
    }

    /// These limits with a node budget.
    #[must_use]
    pub fn with_budget(mut self, nodes: u64) -> Self {
        self.budget = Some(nodes);
        self
    }

    /// These limits with a cancellation check.
    #[must_use]
    pub fn with_cancel(mut self, cancel: Cancel) -> Self {
        self.cancel = Some(cancel);
        self
    }
}

/// How [`rank_roles`](crate::Catalog::rank_roles_with) orders its rows
/// (SPEC 4, "Rank roles").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum RankBy {
    /// Hours ascending, then coverage descending, then role id.
    #[default]
    Hours,
    /// Fit descending, then hours ascending, then role id.
    Fit,
}

impl std::str::FromStr for RankBy {
    type Err = crate::Error;

    /// `"hours"` or `"fit"`.
    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "hours" => Ok(RankBy::Hours),
            "fit" => Ok(RankBy::Fit),
            other => Err(crate::Error::InvalidArgument(format!(
                "by must be \"hours\" or \"fit\", got {other:?}"
            ))),
        }
    }
}

/// Options of [`Catalog::rank_roles_with`](crate::Catalog::rank_roles_with).
///
/// ```
/// use gap_core::{RankBy, RankOptions};
/// let opts = RankOptions::default().with_by(RankBy::Fit).with_top(10);
/// assert_eq!((opts.by, opts.top), (RankBy::Fit, Some(10)));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct RankOptions {
    /// The order of the rows.
    pub by: RankBy,
    /// Only the first `top` rows of that order (None: all).
    pub top: Option<usize>,
    /// Budget (per role) and cancellation.
    pub limits: Limits,
}

impl RankOptions {
    /// With this order.
    #[must_use]
    pub fn with_by(mut self, by: RankBy) -> Self {
        self.by = by;
        self
    }

    /// Only the first `top` rows.
    #[must_use]
    pub fn with_top(mut self, top: usize) -> Self {
        self.top = Some(top);
        self
    }

    /// With these limits.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}

/// Options of [`Catalog::learning_path`](crate::Catalog::learning_path),
/// built with the `with_*` methods.
///
/// ```
/// use gap_core::{Mode, Order, PathOptions};
/// let opts = PathOptions::default().with_mode(Mode::Any).with_order(Order::Milestones)
///     .with_avoid(["tensorflow"]).with_budget(50_000);
/// assert_eq!(opts.limits.budget, Some(50_000));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct PathOptions {
    /// How several targets combine.
    pub mode: Mode,
    /// Skill ids never to learn.
    pub avoid: Vec<String>,
    /// Step order.
    pub order: Order,
    /// Budget and cancellation for the whole query.
    pub limits: Limits,
    /// Skill ids preferred among alternatives: in every `any_of` group in
    /// play that the starting profile does not meet yet, preferred members
    /// are chosen, even at extra hours (see
    /// [`with_prefer`](PathOptions::with_prefer)).
    pub prefer: Vec<String>,
}

impl PathOptions {
    /// With these skills preferred among alternatives (e.g. Docker rather
    /// than Podman, whichever is cheaper).
    ///
    /// The semantics, for every `any_of` group the path has to meet (a
    /// target's essential group or a prerequisite group of a step it takes):
    /// - A group the starting profile already meets is left alone: the
    ///   profile's known members win, and nothing is learned for it.
    /// - Otherwise, when at least as many preferred members are still
    ///   unknown as the group still needs, the group may only be met with
    ///   preferred members (the cheapest of them; ties in declared order).
    /// - When fewer preferred members remain than the group needs (groups
    ///   with `count` > 1): in a target's essential group every remaining
    ///   preferred member is required and the rest is chosen freely among
    ///   the others; in a prerequisite group the choice stays free.
    /// - A preferred skill that is in no group in play changes nothing.
    ///
    /// The result is the exact optimum under these restrictions: `optimal`
    /// and `lower_bound` refer to the restricted problem, and its hours can
    /// exceed those of the unrestricted shortest path. An unknown id is an
    /// [`UnknownSkill`](crate::Error::UnknownSkill) error; an id both
    /// preferred and avoided is an
    /// [`InvalidArgument`](crate::Error::InvalidArgument) error.
    ///
    /// ```
    /// use gap_core::{Catalog, PathOptions, Profile, Target};
    /// let cat = Catalog::from_json(r#"{
    ///   "skills": [{"id": "docker", "name": "Docker", "hours": 25},
    ///              {"id": "podman", "name": "Podman", "hours": 15}],
    ///   "roles": [{"id": "ops", "name": "Ops", "requires": [{"any_of": ["docker", "podman"]}]}]
    /// }"#)?;
    /// let ops = [Target::from("ops")];
    /// let cheapest = cat.learning_path(&Profile::new(), &ops, &PathOptions::default())?;
    /// assert_eq!(cheapest.steps[0].skill, "podman");
    /// let docker = cat.learning_path(&Profile::new(), &ops,
    ///                                &PathOptions::default().with_prefer(["docker"]))?;
    /// assert_eq!((docker.steps[0].skill.as_str(), docker.total_hours), ("docker", 25.0));
    /// assert!(docker.optimal);
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    #[must_use]
    pub fn with_prefer<S: Into<String>>(mut self, prefer: impl IntoIterator<Item = S>) -> Self {
        self.prefer = prefer.into_iter().map(Into::into).collect();
        self
    }

    /// With this mode.
    #[must_use]
    pub fn with_mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// With these skills avoided.
    #[must_use]
    pub fn with_avoid<S: Into<String>>(mut self, avoid: impl IntoIterator<Item = S>) -> Self {
        self.avoid = avoid.into_iter().map(Into::into).collect();
        self
    }

    /// With this step order.
    #[must_use]
    pub fn with_order(mut self, order: Order) -> Self {
        self.order = order;
        self
    }

    /// With a node budget for the whole query.
    #[must_use]
    pub fn with_budget(mut self, nodes: u64) -> Self {
        self.limits.budget = Some(nodes);
        self
    }

    /// With a cancellation check.
    #[must_use]
    pub fn with_cancel(mut self, cancel: Cancel) -> Self {
        self.limits.cancel = Some(cancel);
        self
    }

    /// With these limits.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}
