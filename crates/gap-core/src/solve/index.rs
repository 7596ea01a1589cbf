//! Per-catalog precomputation for ranking many roles at once (built lazily,
//! on the first ranking, and kept in the catalog).
//!
//! For each role without groups in its closure: the steps of its closure over
//! prerequisites from the empty profile as a compact local DAG (dependents
//! first; each step's children and number of parents), and its total hours
//! from the empty profile as an exact sum. Inverted lists give, for each
//! step, the roles whose closure holds it, and for each skill the roles with
//! an entry on it.
//!
//! For a profile only the roles that hold a known step or a step made cheaper
//! by a triggered transfer change. In such a role a step is needed iff it is
//! not known and it is an entry or a needed step needs it; so the unneeded
//! steps are the known ones and, propagated like Kahn's algorithm, every
//! non-entry step all of whose parents are unneeded. The hours are the
//! empty-profile total less what became unneeded or cheaper, summed exactly
//! (so they equal the learning path's total to the last bit). The work is
//! proportional to what the profile changes, not to the catalog. Roles with
//! groups go through the exact solver, by way of [`super::batch`].

use crate::catalog::Catalog;
use std::ops::ControlFlow;

use super::closure::{NeedOf, walk_needs};
use crate::csr::Csr;
use crate::model::{Requirement, Role, SkillIx, StepIx};

use super::batch::GroupIndex;
use super::sum::ExactSum;

/// The closure of one role.
#[derive(Debug, Clone, Default)]
pub(crate) struct RoleClosure {
    /// An `any_of` group somewhere in the closure: use the solver.
    pub has_groups: bool,
    /// Closure steps, dependents first.
    steps: Vec<StepIx>,
    /// Per step (and one sentinel): where its children start, how many times
    /// closure steps need it (+1 for an entry), and its hours before
    /// transfers; packed so that a visit touches one cache line.
    nodes: Vec<NodeInfo>,
    /// Local indices of the steps each step needs (all larger).
    children: Vec<u32>,
    /// Hours from the empty profile, exact.
    total: ExactSum,
    /// The same, rounded.
    pub empty_hours: f64,
}

/// One step of a role closure.
#[derive(Debug, Clone, Copy, Default)]
struct NodeInfo {
    first_child: u32,
    base: u32,
    raw: f64,
}

/// The ranking index of a catalog.
#[derive(Debug, Clone, Default)]
pub(crate) struct RankIndex {
    /// Per catalog role.
    pub roles: Vec<RoleClosure>,
    /// Row per global step: the (role, local step) pairs holding it.
    occ: Csr<(u32, u32)>,
    /// For each skill, the plain entries on it: (role, level, essential),
    /// of every role.
    entries: Vec<Vec<(u32, u32, bool)>>,
    /// For each skill, the `any_of` entries of roles naming it: (entry,
    /// level), one per member naming it.
    any_of: Vec<Vec<(u32, u32)>>,
    /// Per `any_of` entry: its role and how many members it needs.
    any_of_owner: Vec<(u32, u32)>,
    /// Per role: its `any_of` entries that need no member (always met).
    always_met: Vec<u32>,
    /// For each skill, the transfers whose `from` is that skill.
    transfers_from: Vec<Vec<u32>>,
    /// The longest closure (scratch size).
    max_len: usize,
    /// Per catalog role, the position of its id in sorted order.
    pub id_rank: Vec<u32>,
    /// The catalog's role ids back to back, and where each ends: rankings
    /// copy thousands of ids from one block instead of from the roles.
    ids: String,
    id_end: Vec<u32>,
    /// What of a profile the roles with groups depend on, and their
    /// empty-profile answers.
    pub groups: GroupIndex,
}

/// Reusable scratch space of [`RankIndex::eval_profile`].
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    role_count: Vec<u32>,
    bucket: Vec<(u32, f64)>,
    touched: Vec<u32>,
    /// Per local step: (epoch of the last visit, parents not yet unneeded).
    mark: Vec<(u32, u32)>,
    epoch: u32,
    queue: Vec<u32>,
    sum: ExactSum,
    partial: Vec<(u32, u32, f64)>,
}

/// What a profile does to every catalog role.
#[derive(Debug, Default)]
pub(crate) struct ProfileEval {
    /// Hours per catalog role (NaN for roles with groups: not computed here).
    pub hours: Vec<f64>,
    /// Satisfied essential entries (plain and `any_of`) per role (when
    /// asked for).
    pub sat_essential: Vec<u32>,
    /// Satisfied optional entries per role (when asked for).
    pub sat_optional: Vec<u32>,
}

const KNOWN: f64 = -1.0;

impl RankIndex {
    /// The id of catalog role `ri`.
    pub fn role_id(&self, ri: usize) -> &str {
        let from = if ri == 0 {
            0
        } else {
            self.id_end[ri - 1] as usize
        };
        self.ids.get(from..self.id_end[ri] as usize).unwrap_or("")
    }

    /// Builds the index (linear in the total size of the role closures).
    pub fn build(cat: &Catalog) -> Self {
        let g = cat.step_graph();
        let n_skills = cat.skills().len();
        let mut stamp = vec![u32::MAX; g.len()];
        let mut local = vec![0u32; g.len()];
        let mut roles = Vec::with_capacity(cat.roles().len());
        let mut occ_count = vec![0u32; g.len() + 1];
        let mut entries: Vec<Vec<(u32, u32, bool)>> = vec![Vec::new(); n_skills];
        let mut max_len = 0;
        let mut any_of: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n_skills];
        let mut any_of_owner: Vec<(u32, u32)> = Vec::new();
        let mut always_met = vec![0u32; cat.roles().len()];
        for (ri, role) in cat.roles().iter().enumerate() {
            let rc = closure_of(cat, role, ri as u32, &mut stamp, &mut local);
            if !rc.has_groups {
                for st in &rc.steps {
                    occ_count[st.ix()] += 1;
                }
                max_len = max_len.max(rc.steps.len());
            }
            for req in &role.requires {
                match req {
                    Requirement::Skill(n) => {
                        entries[n.skill.ix()].push((ri as u32, n.level, true));
                    }
                    Requirement::AnyOf { members, count } => {
                        if *count == 0 {
                            always_met[ri] += 1;
                            continue;
                        }
                        let id = any_of_owner.len() as u32;
                        any_of_owner.push((ri as u32, *count));
                        for m in members {
                            any_of[m.skill.ix()].push((id, m.level));
                        }
                    }
                }
            }
            for n in &role.optional {
                entries[n.skill.ix()].push((ri as u32, n.level, false));
            }
            roles.push(rc);
        }
        let mut pairs = Vec::with_capacity(occ_count.iter().map(|&c| c as usize).sum());
        for (ri, rc) in roles.iter().enumerate() {
            for (li, st) in rc.steps.iter().enumerate() {
                pairs.push((st.0, (ri as u32, li as u32)));
            }
        }
        let occ = Csr::from_pairs(g.len(), &pairs);
        let mut transfers_from = vec![Vec::new(); n_skills];
        for (i, t) in cat.transfers().iter().enumerate() {
            transfers_from[t.from.skill.ix()].push(i as u32);
        }
        let mut by_id: Vec<usize> = (0..cat.roles().len()).collect();
        by_id.sort_by(|&a, &b| cat.roles()[a].id.cmp(&cat.roles()[b].id));
        let mut id_rank = vec![0u32; by_id.len()];
        for (k, &r) in by_id.iter().enumerate() {
            id_rank[r] = k as u32;
        }
        let mut ids = String::new();
        let mut id_end = Vec::with_capacity(cat.roles().len());
        for role in cat.roles() {
            ids.push_str(&role.id);
            id_end.push(u32::try_from(ids.len()).unwrap_or(u32::MAX));
        }
        RankIndex {
            id_rank,
            ids,
            id_end,
            occ,
            entries,
            any_of,
            any_of_owner,
            always_met,
            transfers_from,
            max_len,
            groups: GroupIndex::build(cat, &roles.iter().map(|r| r.has_groups).collect::<Vec<_>>()),
            roles,
        }
    }

    /// The hours of every catalog role without groups for a profile (`start`
    /// dense, `known` its skills with level > 0), and the satisfied entry
    /// counts when `coverage` is asked for.
    pub fn eval_profile(
        &self,
        cat: &Catalog,
        start: &[u32],
        known: &[SkillIx],
        coverage: bool,
        sc: &mut Scratch,
    ) -> ProfileEval {
        let n_roles = self.roles.len();
        let mut hours: Vec<f64> = self
            .roles
            .iter()
            .map(|r| {
                if r.has_groups {
                    f64::NAN
                } else {
                    r.empty_hours
                }
            })
            .collect();
        // Discounts triggered by the start (largest per skill).
        let mut disc: Vec<(SkillIx, f64)> = Vec::new();
        for &s in known {
            for &t in &self.transfers_from[s.ix()] {
                let t = &cat.transfers()[t as usize];
                if t.discount > 0.0 && t.from.satisfied_by(start) {
                    disc.push((t.to, t.discount));
                }
            }
        }
        disc.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        disc.dedup_by_key(|d| d.0);
        // (role, local, mark) for known steps (mark = KNOWN) and discounted
        // steps (mark = the discount).
        sc.partial.clear();
        let push_step = |st: StepIx, mark: f64, partial: &mut Vec<(u32, u32, f64)>| {
            for &(r, l) in self.occ.row(st.ix()) {
                partial.push((r, l, mark));
            }
        };
        for &s in known {
            for l in 1..=start[s.ix()] {
                push_step(cat.step(s, l), KNOWN, &mut sc.partial);
            }
        }
        for &(s, d) in &disc {
            for l in start[s.ix()] + 1..=cat.skills()[s.ix()].levels() {
                push_step(cat.step(s, l), d, &mut sc.partial);
            }
        }
        // Bucket by role (counting sort, deterministic).
        sc.role_count.clear();
        sc.role_count.resize(n_roles + 1, 0);
        sc.touched.clear();
        for &(r, _, _) in &sc.partial {
            if sc.role_count[r as usize] == 0 {
                sc.touched.push(r);
            }
            sc.role_count[r as usize] += 1;
        }
        sc.touched.sort_unstable();
        let mut offset = Vec::with_capacity(sc.touched.len() + 1);
        let mut acc = 0u32;
        for &r in &sc.touched {
            offset.push(acc);
            acc += sc.role_count[r as usize];
            sc.role_count[r as usize] = offset.len() as u32 - 1; // slot index
        }
        offset.push(acc);
        let mut fill = offset.clone();
        sc.bucket.clear();
        sc.bucket.resize(acc as usize, (0, 0.0));
        for &(r, l, m) in &sc.partial {
            let slot = sc.role_count[r as usize] as usize;
            sc.bucket[fill[slot] as usize] = (l, m);
            fill[slot] += 1;
        }
        for &r in &sc.touched {
            sc.role_count[r as usize] = 0;
        }
        if sc.mark.len() < self.max_len {
            sc.mark.resize(self.max_len, (0, 0));
        }
        let touched = std::mem::take(&mut sc.touched);
        let bucket = std::mem::take(&mut sc.bucket);
        for (slot, &r) in touched.iter().enumerate() {
            let items = &bucket[offset[slot] as usize..offset[slot + 1] as usize];
            hours[r as usize] = self.role_hours(r as usize, items, sc);
        }
        sc.touched = touched;
        sc.bucket = bucket;
        let mut out = ProfileEval {
            hours,
            ..ProfileEval::default()
        };
        if coverage {
            out.sat_essential.clone_from(&self.always_met);
            out.sat_optional = vec![0; n_roles];
            // Members met per `any_of` entry (a member named twice counts
            // twice, as `Requirement::satisfied_by` counts).
            let mut met: rustc_hash::FxHashMap<u32, u32> = Default::default();
            for &s in known {
                for &(r, l, ess) in &self.entries[s.ix()] {
                    if l <= start[s.ix()] {
                        if ess {
                            out.sat_essential[r as usize] += 1;
                        } else {
                            out.sat_optional[r as usize] += 1;
                        }
                    }
                }
                for &(id, l) in &self.any_of[s.ix()] {
                    if l <= start[s.ix()] {
                        let c = met.entry(id).or_insert(0);
                        *c += 1;
                        let (r, count) = self.any_of_owner[id as usize];
                        if *c == count {
                            out.sat_essential[r as usize] += 1;
                        }
                    }
                }
            }
        }
        out
    }

    /// The hours of one touched role: `items` are its known (KNOWN) and
    /// discounted (discount) local steps.
    fn role_hours(&self, ri: usize, items: &[(u32, f64)], sc: &mut Scratch) -> f64 {
        let rc = &self.roles[ri];
        sc.epoch = sc.epoch.wrapping_add(1);
        if sc.epoch == 0 {
            sc.mark.iter_mut().for_each(|m| m.0 = 0);
            sc.epoch = 1;
        }
        let e = sc.epoch;
        // Unneeded steps: the known ones, then (like Kahn's algorithm) every
        // step that is no entry and whose parents are all unneeded. `cnt`
        // counts a step's parents not yet known to be unneeded (+1 for an
        // entry); GONE marks an unneeded step.
        const GONE: u32 = u32::MAX;
        let nodes = &rc.nodes;
        fn touch<'m>(
            x: u32,
            e: u32,
            nodes: &[NodeInfo],
            mark: &'m mut [(u32, u32)],
        ) -> &'m mut u32 {
            let m = &mut mark[x as usize];
            if m.0 != e {
                *m = (e, nodes[x as usize].base);
            }
            &mut m.1
        }
        sc.queue.clear();
        for &(l, m) in items {
            if m == KNOWN {
                let k = touch(l, e, nodes, &mut sc.mark);
                if *k != GONE {
                    *k = GONE;
                    sc.queue.push(l);
                }
            }
        }
        sc.sum.clone_from(&rc.total);
        let mut i = 0;
        while i < sc.queue.len() {
            let x = sc.queue[i] as usize;
            i += 1;
            sc.sum.add(-nodes[x].raw);
            let (from, to) = (nodes[x].first_child, nodes[x + 1].first_child);
            for &c in &rc.children[from as usize..to as usize] {
                let k = touch(c, e, nodes, &mut sc.mark);
                if *k != GONE {
                    *k -= 1;
                    if *k == 0 {
                        *k = GONE;
                        sc.queue.push(c);
                    }
                }
            }
        }
        for &(l, d) in items {
            if d == KNOWN {
                continue;
            }
            let m = sc.mark[l as usize];
            if !(m.0 == e && m.1 == GONE) {
                let h = nodes[l as usize].raw;
                sc.sum.add(-h);
                sc.sum.add(h * (1.0 - d));
            }
        }
        sc.sum.value()
    }
}

/// The closure of one role from the empty profile.
fn closure_of(
    cat: &Catalog,
    role: &Role,
    ri: u32,
    stamp: &mut [u32],
    local: &mut [u32],
) -> RoleClosure {
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
            Requirement::AnyOf { .. } => return grouped(),
        }
    }
    let entries = steps.clone();
    let walked = walk_needs(cat, &mut steps, |need, steps| {
        match need {
            NeedOf::Below(st) => push(st, steps),
            NeedOf::Req(Requirement::Skill(n)) => push(cat.step(n.skill, n.level), steps),
            NeedOf::Req(Requirement::AnyOf { .. }) => return ControlFlow::Break(()),
        }
        ControlFlow::Continue(())
    });
    if walked.is_break() {
        return grouped();
    }
    // Dependents first.
    steps.sort_unstable_by_key(|st| std::cmp::Reverse(g.topo_rank[st.ix()]));
    for (i, st) in steps.iter().enumerate() {
        local[st.ix()] = i as u32;
    }
    let n = steps.len();
    let mut edges: Vec<(u32, u32)> = Vec::new(); // (needed, needer)
    for (y, &st) in steps.iter().enumerate() {
        let (s, l) = g.skill_level(st);
        if l > 1 {
            edges.push((local[cat.step(s, l - 1).ix()], y as u32));
        }
        for req in cat.skills()[s.ix()].requirements(l) {
            if let Requirement::Skill(nd) = req {
                edges.push((local[cat.step(nd.skill, nd.level).ix()], y as u32));
            }
        }
    }
    // Children (the steps each step needs), their row starts packed into
    // the nodes.
    let by_needer: Vec<(u32, u32)> = edges.iter().map(|&(x, y)| (y, x)).collect();
    let csr = Csr::from_pairs(n, &by_needer);
    let children = csr.items().to_vec();
    let mut nodes = vec![NodeInfo::default(); n + 1];
    for (node, &first) in nodes.iter_mut().zip(csr.starts()) {
        node.first_child = first;
    }
    for &(x, _) in &edges {
        nodes[x as usize].base += 1;
    }
    for st in &entries {
        nodes[local[st.ix()] as usize].base += 1;
    }
    let mut total = ExactSum::new();
    for (i, &st) in steps.iter().enumerate() {
        let (s, l) = g.skill_level(st);
        nodes[i].raw = cat.skills()[s.ix()].hours[l as usize - 1];
        total.add(nodes[i].raw);
    }
    RoleClosure {
        has_groups: false,
        steps,
        nodes,
        children,
        empty_hours: total.value(),
        total,
    }
}

impl Catalog {
    /// The ranking index, built on first use.
    pub(crate) fn rank_index(&self) -> &RankIndex {
        self.solve_index
            .get_or_init(|| std::sync::Arc::new(RankIndex::build(self)))
    }
}
