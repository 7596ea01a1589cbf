//! The search space of programme design: a programme's *demand* (the
//! references and groups its steps must meet, learned from the empty
//! profile), what meeting a demand costs (the one solver, [`crate::solve`],
//! cached per demand), and a cheap lower bound on that cost (the plain
//! prerequisite closure of its references, ignoring groups).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::ControlFlow;
use std::rc::Rc;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::model::{Need, Requirement, SkillIx};
use crate::query::options::Limits;
use crate::solve::closure::{NeedOf, walk_needs};
use crate::solve::{Ctx, Entry, Meter, Solved, solve};

/// One thing a profile still needs for a role, from the programme: a skill
/// at a level, or `need` more of a group's members (those the profile does
/// not meet), as (skill, level) pairs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Key {
    /// Skill index and level.
    Ref(u32, u32),
    /// Members (skill index, level), sorted, and how many are needed
    /// (fewer than the members: a group needing all is its references).
    Group(Vec<(u32, u32)>, u32),
}

/// What a programme must meet: references (the highest level per skill)
/// and groups not already met by those references. Equal demands have
/// equal values (a normal form), so they key the cost cache.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(super) struct Demand {
    refs: BTreeMap<u32, u32>,
    groups: BTreeSet<(Vec<(u32, u32)>, u32)>,
}

impl Demand {
    /// A demand from keys.
    pub fn from_keys(keys: &[Key]) -> Self {
        let mut d = Demand::default();
        d.add(keys);
        d
    }

    fn ref_met(&self, s: u32, l: u32) -> bool {
        self.refs.get(&s).is_some_and(|&x| x >= l)
    }

    fn group_met(&self, members: &[(u32, u32)], need: u32) -> bool {
        members.iter().filter(|&&(s, l)| self.ref_met(s, l)).count() >= need as usize
    }

    /// Whether every key is met by this demand (so any programme meeting
    /// the demand meets the keys).
    pub fn implies(&self, keys: &[Key]) -> bool {
        keys.iter().all(|k| match k {
            Key::Ref(s, l) => self.ref_met(*s, *l),
            Key::Group(m, n) => self.group_met(m, *n) || self.groups.contains(&(m.clone(), *n)),
        })
    }

    /// Adds keys (references merge to the higher level; groups that the
    /// references meet are dropped).
    pub fn add(&mut self, keys: &[Key]) {
        for k in keys {
            if let Key::Ref(s, l) = k {
                let e = self.refs.entry(*s).or_insert(0);
                *e = (*e).max(*l);
            }
        }
        for k in keys {
            if let Key::Group(m, n) = k {
                self.groups.insert((m.clone(), *n));
            }
        }
        let groups = std::mem::take(&mut self.groups);
        self.groups = groups
            .into_iter()
            .filter(|(m, n)| !self.group_met(m, *n))
            .collect();
    }

    /// This demand with `keys` added.
    pub fn with(&self, keys: &[Key]) -> Self {
        let mut d = self.clone();
        d.add(keys);
        d
    }

    /// The demand's keys in normal form (references by skill, then groups).
    pub fn keys(&self) -> Vec<Key> {
        self.refs
            .iter()
            .map(|(&s, &l)| Key::Ref(s, l))
            .chain(self.groups.iter().map(|(m, n)| Key::Group(m.clone(), *n)))
            .collect()
    }

    /// The demand as catalog requirements.
    pub fn requirements(&self) -> Vec<Requirement> {
        self.keys().iter().map(requirement).collect()
    }
}

/// A key as a catalog requirement.
pub(super) fn requirement(k: &Key) -> Requirement {
    let need = |&(s, l): &(u32, u32)| Need {
        skill: SkillIx(s),
        level: l,
    };
    match k {
        Key::Ref(s, l) => Requirement::Skill(need(&(*s, *l))),
        Key::Group(m, n) => Requirement::AnyOf {
            members: m.iter().map(need).collect(),
            count: *n,
        },
    }
}

/// What meeting a demand costs, and the levels the cheapest programme
/// reaches.
#[derive(Debug)]
pub(super) struct Eval {
    /// Catalog hours of the cheapest programme found (infinite: none).
    pub cost: f64,
    /// A proven lower bound on the cheapest programme's hours.
    pub lb: f64,
    /// Whether `cost` is proven minimal.
    pub optimal: bool,
    /// The programme's levels: (skill, level), by skill.
    pub levels: Vec<(u32, u32)>,
    /// The plain closure of the demand's references (steps every programme
    /// meeting it learns), ascending.
    pub plain: Vec<u32>,
}

/// Demands evaluated so far are kept up to this many (then forgotten).
const CACHE_MAX: usize = 200_000;

/// The solver and its caches, for one programme query.
pub(super) struct Space<'c> {
    pub cat: &'c Catalog,
    zeros: Vec<u32>,
    limits: Limits,
    cache: HashMap<Demand, Rc<Eval>>,
    closure_of: HashMap<(u32, u32), Rc<Vec<u32>>>,
    /// Catalog hours of every step (no transfers).
    pub step_cost: Vec<f64>,
    /// A dense scratch marker over steps (all false between uses).
    pub mark: Vec<bool>,
    /// Dense scratch levels over skills (all 0 between uses).
    pub levels: Vec<u32>,
}

impl<'c> Space<'c> {
    /// A space over `cat`; every solve gets `limits`' cancellation check and
    /// the default node budget of one path query.
    pub fn new(cat: &'c Catalog, limits: &Limits) -> Self {
        let mut step_cost = Vec::new();
        for (s, sk) in cat.skills().iter().enumerate() {
            for l in 1..=sk.levels() {
                debug_assert_eq!(step_cost.len(), cat.step(SkillIx(s as u32), l).ix());
                step_cost.push(sk.hours.get(l as usize - 1).copied().unwrap_or(0.0));
            }
        }
        let inner = Limits {
            cancel: limits.cancel.clone(),
            ..Limits::default()
        };
        Space {
            cat,
            zeros: vec![0; cat.skills().len()],
            limits: inner,
            cache: HashMap::new(),
            closure_of: HashMap::new(),
            mark: vec![false; step_cost.len()],
            step_cost,
            levels: vec![0; cat.skills().len()],
        }
    }

    /// The plain closure of (skill, level): its steps and, through plain
    /// references only, their prerequisites; ascending.
    pub fn closure(&mut self, s: u32, l: u32) -> Rc<Vec<u32>> {
        if let Some(c) = self.closure_of.get(&(s, l)) {
            return c.clone();
        }
        let cat = self.cat;
        let mut seen: BTreeSet<u32> = BTreeSet::new();
        let first = cat.step(SkillIx(s), l);
        seen.insert(first.0);
        let mut order = vec![first];
        let _ = walk_needs(cat, &mut order, |need, order| {
            let step = match need {
                NeedOf::Below(st) => Some(st),
                NeedOf::Req(Requirement::Skill(n)) => Some(cat.step(n.skill, n.level)),
                NeedOf::Req(Requirement::AnyOf { .. }) => None,
            };
            if let Some(st) = step
                && seen.insert(st.0)
            {
                order.push(st);
            }
            ControlFlow::<()>::Continue(())
        });
        let c = Rc::new(seen.into_iter().collect::<Vec<u32>>());
        self.closure_of.insert((s, l), c.clone());
        c
    }

    /// The plain closure of keys' references (a group needing all its
    /// members never occurs: those are references), ascending.
    pub fn plain_steps(&mut self, keys: &[Key]) -> Vec<u32> {
        let mut all: BTreeSet<u32> = BTreeSet::new();
        for k in keys {
            if let Key::Ref(s, l) = k {
                all.extend(self.closure(*s, *l).iter().copied());
            }
        }
        all.into_iter().collect()
    }

    /// Solves a demand from the empty profile (the one solver).
    pub fn solve(&self, d: &Demand, tags: &[usize]) -> Result<Solved> {
        let reqs = d.requirements();
        let entries: Vec<Entry<'_>> = reqs
            .iter()
            .enumerate()
            .map(|(i, req)| Entry {
                target: tags.get(i).copied().unwrap_or(0),
                req,
            })
            .collect();
        let ids = ["programme"];
        let ctx = Ctx::new(self.cat, &self.zeros, &ids);
        let mut meter = Meter::cell(&self.limits);
        let solved = solve(&ctx, &entries, &mut meter)?;
        // The local problem borrows nothing from `reqs` beyond the call.
        Ok(solved)
    }

    /// What meeting `d` costs (cached).
    pub fn eval(&mut self, d: &Demand) -> Result<Rc<Eval>> {
        if let Some(e) = self.cache.get(d) {
            return Ok(e.clone());
        }
        let plain = self.plain_steps(&d.keys());
        let ev = match self.solve(d, &[]) {
            Ok(s) => {
                let g = self.cat.step_graph();
                let mut levels: BTreeMap<u32, u32> = BTreeMap::new();
                for &x in &s.chosen {
                    let (sk, l) = g.skill_level(s.local.steps[x as usize]);
                    let e = levels.entry(sk.0).or_insert(0);
                    *e = (*e).max(l);
                }
                Eval {
                    cost: s.cost,
                    lb: s.lower_bound,
                    optimal: s.optimal,
                    levels: levels.into_iter().collect(),
                    plain,
                }
            }
            Err(Error::Infeasible { .. }) => Eval {
                cost: f64::INFINITY,
                lb: f64::INFINITY,
                optimal: true,
                levels: Vec::new(),
                plain,
            },
            Err(e) => return Err(e),
        };
        if self.cache.len() >= CACHE_MAX {
            self.cache.clear();
        }
        let ev = Rc::new(ev);
        self.cache.insert(d.clone(), ev.clone());
        Ok(ev)
    }

    /// Hours of `steps` (ascending) not marked in [`Space::mark`].
    pub fn unmarked_cost(&self, steps: &[u32]) -> f64 {
        steps
            .iter()
            .filter(|&&x| !self.mark[x as usize])
            .map(|&x| self.step_cost[x as usize])
            .sum()
    }

    /// Hours of `steps`.
    pub fn cost_of(&self, steps: &[u32]) -> f64 {
        steps.iter().map(|&x| self.step_cost[x as usize]).sum()
    }

    /// Marks (or unmarks) `steps` in [`Space::mark`].
    pub fn set_marks(&mut self, steps: &[u32], on: bool) {
        for &x in steps {
            self.mark[x as usize] = on;
        }
    }
}

/// Whether every key is met by dense `levels`.
pub(super) fn keys_met(keys: &[Key], levels: &[u32]) -> bool {
    keys.iter().all(|k| match k {
        Key::Ref(s, l) => levels[*s as usize] >= *l,
        Key::Group(m, n) => {
            m.iter().filter(|&&(s, l)| levels[s as usize] >= l).count() >= *n as usize
        }
    })
}
