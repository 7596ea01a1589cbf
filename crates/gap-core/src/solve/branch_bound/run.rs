//! The driver of a search: the root, the greedy dive, the depth-first loop
//! over group members ([`dfs`]) and, once a search turns out hard, the
//! hardening and the search over shared steps ([`super::shared`]).

use super::{Eval, Hardened, Node, Outcome, Search, Work, greedy, list};
use crate::error::Result;
use crate::solve::closure::Local;
use crate::solve::definitely_less;
use crate::solve::meter::Meter;

/// The state of a search: its incumbent and what hardening learned.
pub(super) struct Run {
    pub(super) best: Node,
    pub(super) hard: Hardened,
    /// Nodes popped by the member loop.
    explored: u64,
    /// Whether the member loop may harden (not in tests' plain search, nor
    /// in the sub-searches of the shared-step search).
    lazy: bool,
    /// The smallest bound of the shared-step search's open nodes (infinite
    /// when it finished or did not run).
    pub(super) shared_open: f64,
    /// Whether the shared-step search ran (it then covers the problem).
    shared_ran: bool,
}

impl Run {
    pub(super) fn ub(&self) -> f64 {
        self.best.cost
    }
}

/// The member-branching depth-first loop over `stack` until it is empty or
/// the meter is spent (the unexplored node is pushed back). With
/// `run.lazy`, a search not done within `s.lazy_nodes` nodes is hardened and
/// handed to the shared-step search, which then covers all of `top`.
pub(super) fn dfs(
    s: &mut Search<'_>,
    top: &Node,
    stack: &mut Vec<Work>,
    run: &mut Run,
    meter: &mut Meter<'_>,
) -> Result<()> {
    loop {
        if run.lazy && run.explored == s.lazy_nodes && !stack.is_empty() {
            run.lazy = false;
            let best = std::mem::replace(&mut run.best, top.clone());
            let (b, h) = s.harden(top, best, meter, false)?;
            run.best = b;
            run.hard = Hardened {
                global_lb: h.global_lb.max(run.hard.global_lb),
                excluded: h.excluded,
            };
            if let Some(open) = s.shared_search(top, run, meter)? {
                run.shared_open = open;
                run.shared_ran = true;
                stack.clear();
                return Ok(());
            }
        }
        run.explored += 1;
        let bound = run.ub();
        let Some((mut node, plb)) = s.next_node(stack, |lb| definitely_less(lb, bound)) else {
            return Ok(());
        };
        // Reduced-cost fixing: steps no cheaper solution contains.
        if !definitely_less(plb, run.ub())
            || !definitely_less(run.hard.global_lb, run.ub())
            || !run.hard.admit(&mut node)
        {
            continue;
        }
        if !meter.node()? {
            stack.push(Work::Node(node, plb));
            return Ok(());
        }
        match s.eval(&mut node) {
            Eval::Infeasible => {}
            Eval::Leaf => {
                if definitely_less(node.cost, run.ub()) {
                    run.best = node;
                    s.refix(top, run.ub(), false, &mut run.hard);
                }
            }
            Eval::Branch { lb, need, cands } => {
                if definitely_less(lb, run.ub()) {
                    stack.push(Work::kids(node, lb, need, cands));
                }
            }
        }
    }
}

/// A sub-search from `node` (bound `lb`) with the member loop, for the
/// leaves of the shared-step search: improves `run.best`; returns the
/// smallest bound of what it left open (infinite when done).
pub(super) fn sub_search(
    s: &mut Search<'_>,
    top: &Node,
    node: Node,
    lb: f64,
    run: &mut Run,
    meter: &mut Meter<'_>,
) -> Result<f64> {
    let mut stack = vec![Work::Node(node, lb)];
    dfs(s, top, &mut stack, run, meter)?;
    Ok(open_bound(&stack, run.ub()))
}

fn open_bound(stack: &[Work], ub: f64) -> f64 {
    stack
        .iter()
        .map(Work::lb)
        .filter(|&plb| definitely_less(plb, ub))
        .fold(f64::INFINITY, f64::min)
}

/// The search: the root and every node explored take one node of the
/// meter; the greedy dive to the first solution is free (it is the answer
/// when the meter is spent, with the root's cost as the lower bound: every
/// solution holds the root's steps).
pub(super) fn search(
    local: &Local,
    meter: &mut Meter<'_>,
    forced: &[u32],
    weak_bound: bool,
) -> Result<Outcome> {
    search_with(local, meter, forced, weak_bound, super::LAZY_NODES)
}

/// [`search`] that counts as hard after `lazy_nodes` nodes (tests lower it
/// from [`LAZY_NODES`](super::LAZY_NODES) to run the hard-instance machinery
/// on small problems).
pub(in crate::solve) fn search_with(
    local: &Local,
    meter: &mut Meter<'_>,
    forced: &[u32],
    weak_bound: bool,
    lazy_nodes: u64,
) -> Result<Outcome> {
    let n = local.len();
    let mut s = Search::new(local);
    s.weak_bound = weak_bound;
    s.lazy_nodes = lazy_nodes;
    let mut root = s.root();
    let infeasible = Outcome {
        chosen: Vec::new(),
        cost: f64::INFINITY,
        optimal: false,
        lower_bound: f64::INFINITY,
    };
    for &x in forced {
        if !s.include(&mut root, x) {
            return Ok(infeasible);
        }
    }
    if !meter.node()? {
        let root_cost = root.cost;
        let Some(best) = greedy(&mut s, root) else {
            return Ok(infeasible);
        };
        return Ok(Outcome {
            chosen: list(&best, n),
            cost: best.cost,
            optimal: false,
            lower_bound: root_cost.min(best.cost),
        });
    }
    let root_lb = match s.eval(&mut root) {
        Eval::Infeasible => return Ok(infeasible),
        Eval::Leaf => {
            return Ok(Outcome {
                chosen: list(&root, n),
                cost: root.cost,
                optimal: true,
                lower_bound: root.cost,
            });
        }
        Eval::Branch { lb, .. } => lb,
    };
    let Some(best) = greedy(&mut s, root.clone()) else {
        return Ok(infeasible);
    };
    let top = root.clone();
    let mut stack: Vec<Work> = vec![Work::Node(root, root_lb)];
    let mut run = Run {
        best,
        hard: Hardened {
            global_lb: root_lb,
            excluded: Vec::new(),
        },
        explored: 0,
        lazy: !weak_bound,
        shared_open: f64::INFINITY,
        shared_ran: false,
    };
    dfs(&mut s, &top, &mut stack, &mut run, meter)?;
    let ub = run.ub();
    let open_lb = if run.shared_ran {
        run.shared_open
    } else {
        open_bound(&stack, ub)
    };
    let global_lb = run.hard.global_lb;
    let optimal = open_lb == f64::INFINITY || !definitely_less(global_lb, ub);
    Ok(Outcome {
        chosen: list(&run.best, n),
        cost: ub,
        optimal,
        lower_bound: if optimal {
            ub
        } else {
            open_lb.max(global_lb).min(ub)
        },
    })
}
