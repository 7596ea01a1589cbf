//! Per-catalog precomputation for ranking many roles at once (built lazily,
//! on the first ranking, and kept in the catalog).
//!
//! For each role without groups in its closure: the steps of its closure over
//! prerequisites from the empty profile, as a compact local DAG listed
//! dependents first (each step with the local steps that need it), and its
//! total hours from the empty profile. For a profile, a role whose closure and
//! optional entries avoid every skill the profile knows or makes cheaper (by a
//! transfer) keeps that total; the others are recomputed by one pass over the
//! local DAG: a step is needed iff it is not known and it is an entry step or
//! a needed step needs it. Roles with groups go through the exact solver.

use crate::catalog::Catalog;
use crate::model::{Requirement, Role, SkillIx, StepIx};

/// The closure of one role.
#[derive(Debug, Clone, Default)]
pub(crate) struct RoleClosure {
    /// An `any_of` group somewhere in the closure: use the solver.
    pub has_groups: bool,
    /// Closure steps, dependents first.
    steps: Vec<StepIx>,
    /// CSR offsets into `parents` (len = steps + 1).
    parent_start: Vec<u32>,
    /// Local indices of the steps that need each step (all smaller).
    parents: Vec<u32>,
    /// The step is a plain entry of the role.
    entry: Vec<bool>,
    /// Hours from the empty profile.
    pub empty_total: f64,
}

/// The ranking index of a catalog.
#[derive(Debug, Clone, Default)]
pub(crate) struct RankIndex {
    /// Per catalog role.
    pub roles: Vec<RoleClosure>,
    /// For each skill, the roles (ascending) whose closure or optional entries
    /// mention it.
    skill_roles: Vec<Vec<u32>>,
    /// For each skill, the transfers whose `from` is that skill.
    transfers_from: Vec<Vec<u32>>,
}

impl RankIndex {
    /// Builds the index (linear in the total size of the role closures).
    pub fn build(cat: &Catalog) -> Self {
        let g = cat.step_graph();
        let n_skills = cat.skills().len();
        let mut stamp = vec![u32::MAX; g.len()];
        let mut local = vec![0u32; g.len()];
        let mut skill_stamp = vec![u32::MAX; n_skills];
        let mut skill_roles: Vec<Vec<u32>> = vec![Vec::new(); n_skills];
        let mut roles = Vec::with_capacity(cat.roles().len());
        for (ri, role) in cat.roles().iter().enumerate() {
            let ri = ri as u32;
            let (rc, steps) = closure_of(cat, role, ri, &mut stamp, &mut local);
            if !rc.has_groups {
                let mut mention = |s: SkillIx| {
                    if skill_stamp[s.ix()] != ri {
                        skill_stamp[s.ix()] = ri;
                        skill_roles[s.ix()].push(ri);
                    }
                };
                for st in &steps {
                    mention(g.skill_level(*st).0);
                }
                for o in &role.optional {
                    mention(o.skill);
                }
            }
            roles.push(rc);
        }
        let mut transfers_from = vec![Vec::new(); n_skills];
        for (i, t) in cat.transfers().iter().enumerate() {
            transfers_from[t.from.skill.ix()].push(i as u32);
        }
        RankIndex {
            roles,
            skill_roles,
            transfers_from,
        }
    }

    /// Flags (by role index) the roles whose hours or coverage the profile can
    /// change: those mentioning a skill it knows or a transfer it triggers
    /// makes cheaper.
    pub fn touched_roles(&self, cat: &Catalog, start: &[u32], known: &[SkillIx]) -> Vec<bool> {
        let mut touched = vec![false; self.roles.len()];
        let mut mark = |s: SkillIx| {
            for &r in &self.skill_roles[s.ix()] {
                touched[r as usize] = true;
            }
        };
        for &s in known {
            mark(s);
            for &t in &self.transfers_from[s.ix()] {
                let t = &cat.transfers()[t as usize];
                if t.discount > 0.0 && t.from.satisfied_by(start) {
                    mark(t.to);
                }
            }
        }
        touched
    }

    /// The hours of role `ri` (which has no groups) for `start`.
    pub fn closure_hours(
        &self,
        cat: &Catalog,
        ri: usize,
        start: &[u32],
        needed: &mut Vec<bool>,
    ) -> f64 {
        let rc = &self.roles[ri];
        let g = cat.step_graph();
        needed.clear();
        needed.resize(rc.steps.len(), false);
        let mut total = 0.0;
        for (i, &st) in rc.steps.iter().enumerate() {
            let (s, l) = g.skill_level(st);
            if start[s.ix()] >= l {
                continue;
            }
            let ps = &rc.parents[rc.parent_start[i] as usize..rc.parent_start[i + 1] as usize];
            if rc.entry[i] || ps.iter().any(|&p| needed[p as usize]) {
                needed[i] = true;
                total += cat.step_hours(s, l, start);
            }
        }
        total
    }
}

/// The closure of one role from the empty profile (and its steps).
fn closure_of(
    cat: &Catalog,
    role: &Role,
    ri: u32,
    stamp: &mut [u32],
    local: &mut [u32],
) -> (RoleClosure, Vec<StepIx>) {
    let g = cat.step_graph();
    let mut steps: Vec<StepIx> = Vec::new();
    let mut push = |st: StepIx, steps: &mut Vec<StepIx>| {
        if stamp[st.ix()] != ri {
            stamp[st.ix()] = ri;
            steps.push(st);
        }
    };
    let grouped = || RoleClosure {
        has_groups: true,
        ..RoleClosure::default()
    };
    for req in &role.requires {
        match req {
            Requirement::Skill(n) => push(cat.step(n.skill, n.level), &mut steps),
            Requirement::AnyOf { .. } => return (grouped(), Vec::new()),
        }
    }
    let entries = steps.clone();
    let mut i = 0;
    while i < steps.len() {
        let (s, l) = g.skill_level(steps[i]);
        if l > 1 {
            push(cat.step(s, l - 1), &mut steps);
        }
        for req in cat.skills()[s.ix()].requirements(l) {
            match req {
                Requirement::Skill(n) => push(cat.step(n.skill, n.level), &mut steps),
                Requirement::AnyOf { .. } => return (grouped(), Vec::new()),
            }
        }
        i += 1;
    }
    // Dependents first.
    steps.sort_unstable_by_key(|st| std::cmp::Reverse(g.topo_rank[st.ix()]));
    for (i, st) in steps.iter().enumerate() {
        local[st.ix()] = i as u32;
    }
    let n = steps.len();
    let mut counts = vec![0u32; n + 1];
    let mut edges: Vec<(u32, u32)> = Vec::new();
    for (y, &st) in steps.iter().enumerate() {
        let (s, l) = g.skill_level(st);
        let mut need = |x: StepIx| {
            let xl = local[x.ix()];
            counts[xl as usize] += 1;
            edges.push((xl, y as u32));
        };
        if l > 1 {
            need(cat.step(s, l - 1));
        }
        for req in cat.skills()[s.ix()].requirements(l) {
            if let Requirement::Skill(nd) = req {
                need(cat.step(nd.skill, nd.level));
            }
        }
    }
    let mut parent_start = vec![0u32; n + 1];
    for i in 0..n {
        parent_start[i + 1] = parent_start[i] + counts[i];
    }
    let mut fill = parent_start.clone();
    let mut parents = vec![0u32; edges.len()];
    for (x, y) in edges {
        parents[fill[x as usize] as usize] = y;
        fill[x as usize] += 1;
    }
    let mut entry = vec![false; n];
    for st in &entries {
        entry[local[st.ix()] as usize] = true;
    }
    let empty_total = steps
        .iter()
        .map(|&st| {
            let (s, l) = g.skill_level(st);
            cat.skills()[s.ix()].hours[l as usize - 1]
        })
        .sum();
    (
        RoleClosure {
            has_groups: false,
            steps: steps.clone(),
            parent_start,
            parents,
            entry,
            empty_total,
        },
        steps,
    )
}

impl Catalog {
    /// The ranking index, built on first use.
    pub(crate) fn rank_index(&self) -> &RankIndex {
        self.solve_index
            .get_or_init(|| std::sync::Arc::new(RankIndex::build(self)))
    }
}
