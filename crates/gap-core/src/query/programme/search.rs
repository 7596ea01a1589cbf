//! The search of programme design: incumbents first (each role's own
//! programme), then an exact
//! depth-first branch-and-bound over the classes: each class is either made
//! ready by one of its options (its demand added) or left out. Every node is
//! a demand whose cheapest programme is a candidate answer; a node's bound on
//! the profiles made ready counts the classes taken plus the undecided ones
//! that could each still be met within the hours. One node of the query's
//! budget per node explored (the first dive, options before leaving a
//! class out, is a greedy pass); once it is spent the best answer so far is
//! returned, flagged, with the largest bound of the nodes left open.

use crate::error::Result;
use crate::solve::{Meter, definitely_less};

use super::space::{Demand, Eval, Key, Space, keys_met};

/// One way to make a class ready: the keys its profiles need for one role
/// (mode any) or for all roles (mode all).
#[derive(Debug, Clone)]
pub(super) struct Opt {
    pub keys: Vec<Key>,
    /// The plain closure of the keys' references, ascending.
    pub plain: Vec<u32>,
    /// A lower bound on the hours of any programme meeting the keys.
    pub alone_lb: f64,
}

/// Profiles that need the same keys from a programme.
#[derive(Debug, Clone)]
pub(super) struct Class {
    /// Number of profiles.
    pub weight: usize,
    /// The options that fit in the hours on their own.
    pub options: Vec<Opt>,
}

/// The best programme found.
#[derive(Debug, Clone)]
pub(super) struct Best {
    pub demand: Demand,
    /// Profiles of the classes made ready.
    pub ready: usize,
    pub cost: f64,
}

/// What the search proved.
#[derive(Debug)]
pub(super) struct Outcome {
    pub best: Best,
    pub optimal: bool,
    /// An upper bound on the profiles of the classes that any programme
    /// within the hours makes ready.
    pub upper: usize,
}

/// A node to explore: a demand, the next class to decide, the profiles of
/// the classes taken, and the bound of its parent.
struct Node {
    demand: Demand,
    depth: usize,
    taken: usize,
    parent_ub: usize,
}

struct Search<'s, 'c> {
    space: &'s mut Space<'c>,
    classes: &'s [Class],
    hours: f64,
    best: Best,
}

impl Search<'_, '_> {
    /// The profiles of the classes that a programme's levels make ready.
    fn ready_of(&mut self, ev: &Eval) -> usize {
        for &(s, l) in &ev.levels {
            self.space.levels[s as usize] = l;
        }
        let lv = &self.space.levels;
        let n = self
            .classes
            .iter()
            .filter(|c| c.options.iter().any(|o| keys_met(&o.keys, lv)))
            .map(|c| c.weight)
            .sum();
        for &(s, _) in &ev.levels {
            self.space.levels[s as usize] = 0;
        }
        n
    }

    /// Takes the demand's programme as the best when it fits and is better.
    fn consider(&mut self, d: &Demand, ev: &Eval) {
        if definitely_less(self.hours, ev.cost) {
            return;
        }
        let ready = self.ready_of(ev);
        if ready > self.best.ready
            || (ready == self.best.ready && definitely_less(ev.cost, self.best.cost))
        {
            self.best = Best {
                demand: d.clone(),
                ready,
                cost: ev.cost,
            };
        }
    }

    /// Whether option `o` can still be met within the hours by a programme
    /// that meets the demand of `ev` (whose plain steps are marked).
    fn option_fits(&self, ev: &Eval, o: &Opt) -> bool {
        let plain = self.space.cost_of(&ev.plain) + self.space.unmarked_cost(&o.plain);
        let lb = ev.lb.max(o.alone_lb).max(plain);
        !definitely_less(self.hours, lb)
    }

    /// The bound of a node at `depth` with `taken` profiles.
    fn bound(&mut self, ev: &Eval, depth: usize, taken: usize) -> usize {
        self.space.set_marks(&ev.plain, true);
        let open: usize = self.classes[depth..]
            .iter()
            .filter(|c| c.options.iter().any(|o| self.option_fits(ev, o)))
            .map(|c| c.weight)
            .sum();
        self.space.set_marks(&ev.plain, false);
        taken + open
    }
}

/// Searches the classes (in the order given) for the programme within
/// `hours` that makes the most of their profiles ready, then the fewest
/// hours; `seeds` are demands tried first (each role's own programme).
pub(super) fn search(
    space: &mut Space<'_>,
    classes: &[Class],
    hours: f64,
    seeds: &[Demand],
    meter: &mut Meter<'_>,
) -> Result<Outcome> {
    let empty = Demand::default();
    let mut s = Search {
        space,
        classes,
        hours,
        best: Best {
            demand: empty.clone(),
            ready: 0,
            cost: f64::INFINITY,
        },
    };
    let ev = s.space.eval(&empty)?;
    s.consider(&empty, &ev);
    for d in seeds {
        let ev = s.space.eval(d)?;
        s.consider(d, &ev);
    }
    let root_ub = s.bound(&ev, 0, 0);
    let mut inexact = false;
    let mut open_ub: Option<usize> = None;
    let mut stack = vec![Node {
        demand: empty,
        depth: 0,
        taken: 0,
        parent_ub: root_ub,
    }];
    while let Some(node) = stack.pop() {
        if !meter.node()? {
            let rest = stack.iter().map(|n| n.parent_ub);
            open_ub = Some(rest.fold(node.parent_ub, usize::max));
            break;
        }
        let ev = s.space.eval(&node.demand)?;
        inexact |= !ev.optimal;
        if definitely_less(hours, ev.lb) {
            continue;
        }
        s.consider(&node.demand, &ev);
        // Classes the demand already makes ready are taken.
        let (mut depth, mut taken) = (node.depth, node.taken);
        while depth < classes.len()
            && classes[depth]
                .options
                .iter()
                .any(|o| node.demand.implies(&o.keys))
        {
            taken += classes[depth].weight;
            depth += 1;
        }
        if depth == classes.len() {
            continue;
        }
        let ub = s.bound(&ev, depth, taken);
        if ub < s.best.ready || (ub == s.best.ready && !definitely_less(ev.lb, s.best.cost)) {
            continue;
        }
        let c = &classes[depth];
        // Left out (explored last), then each option that still fits (the
        // first explored first).
        stack.push(Node {
            demand: node.demand.clone(),
            depth: depth + 1,
            taken,
            parent_ub: ub,
        });
        s.space.set_marks(&ev.plain, true);
        let fits: Vec<bool> = c.options.iter().map(|o| s.option_fits(&ev, o)).collect();
        s.space.set_marks(&ev.plain, false);
        for (o, _) in c.options.iter().zip(fits).rev().filter(|(_, f)| *f) {
            stack.push(Node {
                demand: node.demand.with(&o.keys),
                depth: depth + 1,
                taken: taken + c.weight,
                parent_ub: ub,
            });
        }
    }
    let best = s.best;
    let (optimal, upper) = match (open_ub, inexact) {
        (None, false) => (true, best.ready),
        (Some(ub), false) => (false, ub.max(best.ready)),
        (_, true) => (false, root_ub.max(best.ready)),
    };
    Ok(Outcome {
        best,
        optimal,
        upper,
    })
}
