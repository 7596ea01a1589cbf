//! Evaluating a set of targets: the union of closures when no group is in
//! play, else one call of the solver; cached, and kept as the best plan for
//! every count of targets it makes ready.

use std::rc::Rc;

use super::{Eval, KOfN, Plan};
use crate::error::{Error, Result};
use crate::solve::{Entry, Meter, Solved, definitely_less, entries_of, solve};

impl<'q> KOfN<'q> {
    /// Evaluates a set of targets (ascending), cached; None when infeasible.
    pub(super) fn eval(&mut self, set: &[u32], meter: &mut Meter<'_>) -> Result<Option<Eval>> {
        if let Some(e) = self.cache.get(set) {
            return Ok(*e);
        }
        if set.iter().all(|&t| self.flat[t as usize]) {
            let e = self.union_eval(set, meter)?;
            self.record(set, e, None);
            return Ok(Some(e));
        }
        match self.solve_set(set, meter)? {
            Some((e, solved)) => {
                self.record(set, e, Some(solved));
                Ok(Some(e))
            }
            None => Ok(None),
        }
    }

    /// A set of targets without groups in play: its plan is the union of
    /// their closures (the closure of the union of their entries).
    pub(super) fn union_eval(&mut self, set: &[u32], meter: &mut Meter<'_>) -> Result<Eval> {
        meter.tick()?;
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.mark.iter_mut().for_each(|m| *m = 0);
            self.generation = 1;
        }
        let mut union: Vec<u32> = Vec::new();
        for &t in set {
            for &s in &self.must[t as usize] {
                if self.mark[s as usize] != self.generation {
                    self.mark[s as usize] = self.generation;
                    union.push(s);
                }
            }
        }
        let cost = crate::solve::sum::exact_sum(union.iter().map(|&s| self.weight[s as usize]));
        let steps: Vec<crate::model::StepIx> =
            union.iter().map(|&s| self.step_of[s as usize]).collect();
        let ready = self.count_ready(&steps);
        Ok(Eval {
            cost,
            lb: cost,
            ready,
        })
    }

    /// How many targets are job-ready after learning `steps` from the start.
    pub(super) fn count_ready(&mut self, steps: &[crate::model::StepIx]) -> usize {
        let g = self.ctx.cat.step_graph();
        let mut touched = Vec::with_capacity(steps.len());
        for &st in steps {
            let (s, l) = g.skill_level(st);
            let cur = &mut self.levels[s.ix()];
            if l > *cur {
                *cur = l;
                touched.push(s.ix());
            }
        }
        let ready = self
            .roles
            .iter()
            .filter(|r| r.requires.iter().all(|q| q.satisfied_by(&self.levels)))
            .count();
        for s in touched {
            self.levels[s] = self.ctx.start[s];
        }
        ready
    }

    /// Solves a set and counts the targets ready after its plan; None (and
    /// the error kept) when infeasible.
    pub(super) fn solve_set(
        &mut self,
        set: &[u32],
        meter: &mut Meter<'_>,
    ) -> Result<Option<(Eval, Solved)>> {
        meter.tick()?;
        let entries: Vec<Entry<'q>> = set
            .iter()
            .flat_map(|&t| entries_of(t as usize, self.roles[t as usize]))
            .collect();
        let solved = match solve(self.ctx, &entries, meter) {
            Ok(s) => s,
            Err(Error::Cancelled) => return Err(Error::Cancelled),
            Err(e) => {
                self.first_err.get_or_insert(e);
                self.cache.insert(set.to_vec(), None);
                return Ok(None);
            }
        };
        let steps: Vec<crate::model::StepIx> = solved
            .chosen
            .iter()
            .map(|&x| solved.local.steps[x as usize])
            .collect();
        let ready = self.count_ready(&steps);
        let e = Eval {
            cost: solved.cost,
            lb: solved.lower_bound,
            ready,
        };
        Ok(Some((e, solved)))
    }

    /// Caches an evaluation and keeps its plan where it beats the best plan
    /// for some count of ready targets.
    pub(super) fn record(&mut self, set: &[u32], e: Eval, solved: Option<Solved>) {
        self.cache.insert(set.to_vec(), Some(e));
        let solved = solved.map(Rc::new);
        for c in 0..=e.ready.min(self.plans.len() - 1) {
            if self.plans[c]
                .as_ref()
                .is_none_or(|p| definitely_less(e.cost, p.cost))
            {
                self.plans[c] = Some(Plan {
                    set: set.to_vec(),
                    cost: e.cost,
                    solved: solved.clone(),
                });
            }
        }
    }
}
