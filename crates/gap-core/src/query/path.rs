//! [`Catalog::learning_path`]: the shortest learning path to one or several
//! target roles.

use std::rc::Rc;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::model::Role;
use crate::profile::Profile;
use crate::query::options::{Mode, Order, PathOptions, Target};
use crate::results::{LearningPath, Step};
use crate::solve::kofn::{self, Best, KOfN};
use crate::solve::prefer::{resolve_prefer, split_entries};
use crate::solve::{
    Ctx, Entry, Meter, Solved, definitely_less, no_targets, order, resolve_avoid, solve,
};

use super::{entries_of, resolve_targets};

impl Catalog {
    /// The shortest learning path from `profile` to the targets (SPEC 4).
    ///
    /// Each step is valid at its place (the level below and every requirement
    /// met by the start and the steps before it), and after the last step the
    /// profile is job-ready for every target (`Mode::All`, one jointly minimal
    /// path), for the cheapest one (`Mode::Any`; `path.targets` names it)
    /// or for at least k of them at minimum total hours (`Mode::AtLeast`;
    /// `path.targets` lists every target ready after the path, in the order
    /// given; see [`readiness_curve`](Catalog::readiness_curve)).
    /// Hours are after transfers triggered by the *starting* profile. Without
    /// `any_of` groups in play the path is the minimal closure of the targets'
    /// entries (linear time); with groups an exact branch-and-bound runs
    /// within `opts.limits` (a node budget for the whole query, every target
    /// of `Mode::Any` and the milestone order included,
    /// [`DEFAULT_BUDGET`](crate::DEFAULT_BUDGET) by default; and a
    /// cancellation check) and the result says whether it is `optimal`, with
    /// a `lower_bound`. `opts.prefer` restricts the alternatives to preferred
    /// skills ([`PathOptions::with_prefer`]); the result is then the optimum
    /// under that restriction.
    ///
    /// # Errors
    /// [`Error::UnknownSkill`] / [`Error::Profile`] for a bad profile or an
    /// unknown id in `avoid`, [`Error::UnknownRole`] / [`Error::Invalid`] for
    /// a bad target, [`Error::InvalidArgument`] without targets, for a k
    /// outside 1..=n (n distinct targets) or for a skill both preferred and
    /// avoided, and
    /// [`Error::Infeasible`] naming the requirement that `avoid` makes
    /// impossible (with `Mode::Any`, only when no target is feasible),
    /// [`Error::Cancelled`] when the cancellation check says stop.
    ///
    /// # Example
    /// ```
    /// use gap_core::{Catalog, PathOptions, Profile, Target};
    /// let cat = Catalog::from_json(r#"{
    ///   "skills": [{"id": "python", "name": "Python", "hours": [40, 80]},
    ///              {"id": "pandas", "name": "pandas", "hours": 30, "requires": ["python@2"]}],
    ///   "roles": [{"id": "analyst", "name": "Analyst", "requires": ["pandas"]}]
    /// }"#)?;
    /// let p = cat.learning_path(&Profile::from_refs(["python"])?, &[Target::from("analyst")],
    ///                           &PathOptions::default())?;
    /// let steps: Vec<_> = p.steps.iter().map(|s| (s.skill.as_str(), s.level)).collect();
    /// assert_eq!(steps, [("python", 2), ("pandas", 1)]);
    /// assert_eq!(p.total_hours, 110.0);
    /// assert!(p.optimal);
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn learning_path(
        &self,
        profile: &Profile,
        targets: &[Target],
        opts: &PathOptions,
    ) -> Result<LearningPath> {
        self.learning_path_metered(profile, targets, opts, &mut Meter::new(&opts.limits))
    }

    /// [`learning_path`](Catalog::learning_path) drawing on `meter` (the
    /// query's one budget).
    pub(crate) fn learning_path_metered(
        &self,
        profile: &Profile,
        targets: &[Target],
        opts: &PathOptions,
        meter: &mut Meter<'_>,
    ) -> Result<LearningPath> {
        if targets.is_empty() {
            return Err(no_targets());
        }
        let start = self.resolve_profile(profile)?;
        let prefer = resolve_prefer(self, &opts.prefer, &opts.avoid)?;
        let roles: Vec<_> = resolve_targets(self, targets)?
            .into_iter()
            .map(|r| split_entries(r, &start, &prefer))
            .collect();
        let ids: Vec<&str> = roles.iter().map(|r| r.id.as_str()).collect();
        let avoid = resolve_avoid(self, &opts.avoid)?;
        let ctx = Ctx {
            cap: &avoid,
            prefer: &prefer,
            ..Ctx::new(self, &start, &ids)
        };
        if let Mode::AtLeast(k) = opts.mode {
            let refs: Vec<&Role> = roles.iter().map(|r| &**r).collect();
            kofn::check_k(k, refs.len())?;
            let mut search = KOfN::new(&ctx, &refs, meter)?;
            if search.feasible() < k {
                return Err(search.infeasible_error());
            }
            let best = search.best(k, meter)?;
            return self.kofn_path(&ctx, profile, &refs, &best, opts.order, meter);
        }
        let (entries, solved, winners, optimal, lower_bound) = match opts.mode {
            Mode::All => {
                let entries: Vec<Entry<'_>> = roles
                    .iter()
                    .enumerate()
                    .flat_map(|(i, r)| entries_of(i, r))
                    .collect();
                let solved = match self.split_target(targets, opts, meter)? {
                    Some(ri) => self.split_solved(ri, &start, &opts.limits, meter)?,
                    None => None,
                };
                let solved = match solved {
                    Some(s) => s,
                    None => solve(&ctx, &entries, meter)?,
                };
                let (opt, lb) = (solved.optimal, solved.lower_bound);
                (entries, solved, ids.clone(), opt, lb)
            }
            Mode::Any => {
                let mut first_err: Option<Error> = None;
                let mut feasible: Vec<(usize, Vec<Entry<'_>>, Solved)> = Vec::new();
                for (i, r) in roles.iter().enumerate() {
                    let entries = entries_of(i, r);
                    match solve(&ctx, &entries, meter) {
                        Ok(s) => feasible.push((i, entries, s)),
                        Err(Error::Cancelled) => return Err(Error::Cancelled),
                        Err(e) => {
                            first_err.get_or_insert(e);
                        }
                    }
                }
                let mut win = None;
                for (k, (_, _, s)) in feasible.iter().enumerate() {
                    match win {
                        None => win = Some(k),
                        Some(w) if definitely_less(s.cost, feasible[w].2.cost) => win = Some(k),
                        Some(_) => {}
                    }
                }
                let Some(w) = win else {
                    return Err(first_err.unwrap_or_else(no_targets));
                };
                let (i, entries, solved) = feasible.swap_remove(w);
                let others_lb = feasible
                    .iter()
                    .map(|(_, _, s)| s.lower_bound)
                    .fold(f64::INFINITY, f64::min);
                let optimal = solved.optimal && !definitely_less(others_lb, solved.cost);
                let lb = solved.lower_bound.min(others_lb);
                (entries, solved, vec![ids[i]], optimal, lb)
            }
            Mode::AtLeast(_) => return Err(no_targets()),
        };
        let mut steps = self.path_steps(&ctx, &entries, &solved);
        if opts.order == Order::Milestones {
            steps = crate::milestones::order_for_milestones(self, &start, steps, meter)?;
        }
        let total_hours = crate::solve::sum::exact_sum(steps.iter().map(|s| s.hours));
        Ok(LearningPath {
            steps,
            total_hours,
            optimal,
            lower_bound: if optimal {
                total_hours
            } else {
                lower_bound.min(total_hours)
            },
            targets: winners.iter().map(|s| s.to_string()).collect(),
            start: profile.clone(),
        })
    }

    /// The catalog role whose path may come from its split
    /// ([`Catalog::split_solved`]): one catalog role asked for by id, no
    /// preferences, nothing avoided, the default budget not yet drawn on.
    fn split_target(
        &self,
        targets: &[Target],
        opts: &PathOptions,
        meter: &Meter<'_>,
    ) -> Result<Option<usize>> {
        Ok(match targets {
            [Target::Id(id)]
                if opts.prefer.is_empty()
                    && opts.avoid.is_empty()
                    && crate::solve::split::applies(&opts.limits)
                    && meter.spent() == 0 =>
            {
                Some(self.role_index(id)?.ix())
            }
            _ => None,
        })
    }

    /// The path of a k-of-n answer: its steps (in `order`), hours, bound,
    /// and the targets ready after it, in the order given.
    pub(super) fn kofn_path(
        &self,
        ctx: &Ctx<'_>,
        profile: &Profile,
        roles: &[&Role],
        best: &Best,
        order: Order,
        meter: &mut Meter<'_>,
    ) -> Result<LearningPath> {
        let solved: &Rc<Solved> = &best.solved;
        let entries: Vec<Entry<'_>> = best
            .plan
            .set
            .iter()
            .flat_map(|&t| entries_of(t as usize, roles[t as usize]))
            .collect();
        let mut steps = self.path_steps(ctx, &entries, solved);
        if order == Order::Milestones {
            steps = crate::milestones::order_for_milestones(self, ctx.start, steps, meter)?;
        }
        let total_hours = crate::solve::sum::exact_sum(steps.iter().map(|s| s.hours));
        let ready = kofn::ready_targets(ctx, roles, solved);
        Ok(LearningPath {
            steps,
            total_hours,
            optimal: best.optimal,
            lower_bound: if best.optimal {
                total_hours
            } else {
                best.lower_bound.min(total_hours)
            },
            targets: ready.iter().map(|&i| roles[i].id.clone()).collect(),
            start: profile.clone(),
        })
    }

    /// The steps of a solved set in the default order, with their reasons.
    fn path_steps(&self, ctx: &Ctx<'_>, entries: &[Entry<'_>], solved: &Solved) -> Vec<Step> {
        let local = &solved.local;
        let mut reasons = order::reasons(self, local, &solved.chosen, entries, ctx.target_ids);
        let g = self.step_graph();
        solved
            .order
            .iter()
            .map(|&x| {
                let (s, l) = g.skill_level(local.steps[x as usize]);
                Step {
                    skill: self.skill_id(s).to_string(),
                    level: l,
                    hours: local.cost[x as usize],
                    reasons: std::mem::take(&mut reasons[x as usize]),
                }
            })
            .collect()
    }
}
