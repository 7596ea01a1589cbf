//! The step graph: one node per (skill, level), an edge from each step to every
//! step it needs (the level below, each reference, each group member). Built in
//! petgraph; topological order and cycle finding are iterative (Kahn), so a
//! 200,000-step chain cannot overflow the stack.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::{Skill, SkillIx, StepIx};

/// The step graph of a catalog and the indexes derived from it, behind
/// methods (petgraph stays an implementation detail).
///
/// ```
/// use gap_core::Catalog;
/// let cat = Catalog::from_json(r#"{"skills": [
///   {"id": "python", "name": "Python", "hours": [40, 80]},
///   {"id": "pandas", "name": "pandas", "hours": 20, "requires": ["python@2"]}]}"#)?;
/// let g = cat.step_graph();
/// assert_eq!((g.len(), g.edge_count()), (3, 2));
/// let pandas = g.step(cat.skill_index("pandas")?, 1);
/// let needs: Vec<_> = g.prerequisites(pandas).map(|s| g.skill_level(s).1).collect();
/// assert_eq!(needs, [2]);
/// assert_eq!(g.topo().last(), Some(&pandas));
/// # Ok::<(), gap_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct StepGraph {
    /// Node i is step i; an edge a -> b means step a needs step b.
    pub(crate) graph: DiGraph<(), (), u32>,
    /// First step of each skill (len = skills + 1).
    pub(crate) first_step: Vec<u32>,
    /// The skill of each step.
    pub(crate) step_skill: Vec<SkillIx>,
    /// All steps, every step after all the steps it needs.
    pub(crate) topo: Vec<StepIx>,
    /// Position of each step in `topo`.
    pub(crate) topo_rank: Vec<u32>,
}

impl StepGraph {
    /// All steps in a topological order: every step after all the steps it
    /// needs (Kahn's order, breadth-first from the steps that need nothing).
    pub fn topo(&self) -> &[StepIx] {
        &self.topo
    }

    /// The position of a step in [`topo`](StepGraph::topo).
    pub fn topo_rank(&self, step: StepIx) -> usize {
        self.topo_rank[step.ix()] as usize
    }

    /// Number of "needs" edges (level below, references, group members).
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The step of `level` (1-based) of `skill`.
    #[inline]
    pub fn step(&self, skill: SkillIx, level: u32) -> StepIx {
        StepIx(self.first_step[skill.ix()] + level - 1)
    }

    /// The skill and level of a step.
    #[inline]
    pub fn skill_level(&self, step: StepIx) -> (SkillIx, u32) {
        let s = self.step_skill[step.ix()];
        (s, step.0 - self.first_step[s.ix()] + 1)
    }

    /// Number of steps.
    pub fn len(&self) -> usize {
        self.step_skill.len()
    }

    /// True when the catalog has no skills.
    pub fn is_empty(&self) -> bool {
        self.step_skill.is_empty()
    }

    /// The steps a step directly needs.
    pub fn prerequisites(&self, step: StepIx) -> impl Iterator<Item = StepIx> + '_ {
        self.graph
            .neighbors_directed(NodeIndex::new(step.ix()), Direction::Outgoing)
            .map(|n| StepIx(n.index() as u32))
    }

    /// The steps that directly need a step.
    pub fn dependents(&self, step: StepIx) -> impl Iterator<Item = StepIx> + '_ {
        self.graph
            .neighbors_directed(NodeIndex::new(step.ix()), Direction::Incoming)
            .map(|n| StepIx(n.index() as u32))
    }
}

/// Builds the graph. On a cycle returns the skills along one cycle, in requires
/// order (one id index per step).
pub(crate) fn build(skills: &[Skill]) -> Result<StepGraph, Vec<SkillIx>> {
    let mut first_step = Vec::with_capacity(skills.len() + 1);
    let mut step_skill = Vec::new();
    let mut total: u32 = 0;
    for (i, s) in skills.iter().enumerate() {
        first_step.push(total);
        // Validation bounds the number of steps to what fits in memory; saturate anyway.
        total = total.saturating_add(s.levels());
        step_skill.extend(std::iter::repeat_n(SkillIx(i as u32), s.levels() as usize));
    }
    first_step.push(total);
    let n = step_skill.len();
    let mut graph: DiGraph<(), (), u32> = DiGraph::with_capacity(n, n);
    for _ in 0..n {
        graph.add_node(());
    }
    let step = |s: SkillIx, l: u32| NodeIndex::new((first_step[s.ix()] + l - 1) as usize);
    for (i, s) in skills.iter().enumerate() {
        let si = SkillIx(i as u32);
        for level in 1..=s.levels() {
            let me = step(si, level);
            if level > 1 {
                graph.add_edge(me, step(si, level - 1), ());
            }
            for req in s.requirements(level) {
                for m in req.members() {
                    graph.add_edge(me, step(m.skill, m.level), ());
                }
            }
        }
    }
    // Kahn's algorithm, prerequisites first: a step is ready when all the
    // steps it needs are placed.
    let mut waiting: Vec<u32> = (0..n)
        .map(|i| {
            graph
                .neighbors_directed(NodeIndex::new(i), Direction::Outgoing)
                .count() as u32
        })
        .collect();
    let mut queue: VecDeque<usize> = (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut topo = Vec::with_capacity(n);
    while let Some(i) = queue.pop_front() {
        topo.push(StepIx(i as u32));
        for d in graph.neighbors_directed(NodeIndex::new(i), Direction::Incoming) {
            let w = &mut waiting[d.index()];
            *w -= 1;
            if *w == 0 {
                queue.push_back(d.index());
            }
        }
    }
    if topo.len() < n {
        return Err(find_cycle(&graph, &waiting, &step_skill));
    }
    let mut topo_rank = vec![0u32; n];
    for (r, s) in topo.iter().enumerate() {
        topo_rank[s.ix()] = r as u32;
    }
    Ok(StepGraph {
        graph,
        first_step,
        step_skill,
        topo,
        topo_rank,
    })
}

/// After Kahn stops, every unplaced step needs at least one other unplaced
/// step; following such needs must return to a step already seen.
fn find_cycle(
    graph: &DiGraph<(), (), u32>,
    waiting: &[u32],
    step_skill: &[SkillIx],
) -> Vec<SkillIx> {
    let n = waiting.len();
    let Some(start) = (0..n).find(|&i| waiting[i] > 0) else {
        return Vec::new();
    };
    let mut pos_in_walk = vec![u32::MAX; n];
    let mut walk: Vec<usize> = Vec::new();
    let mut cur = start;
    loop {
        if pos_in_walk[cur] != u32::MAX {
            let from = pos_in_walk[cur] as usize;
            return walk[from..].iter().map(|&s| step_skill[s]).collect();
        }
        pos_in_walk[cur] = walk.len() as u32;
        walk.push(cur);
        // Smallest unplaced prerequisite, for a deterministic walk.
        let next = graph
            .neighbors_directed(NodeIndex::new(cur), Direction::Outgoing)
            .map(|x| x.index())
            .filter(|&x| waiting[x] > 0)
            .min();
        match next {
            Some(x) => cur = x,
            None => return Vec::new(), // cannot happen: an unplaced step has an unplaced need
        }
    }
}
