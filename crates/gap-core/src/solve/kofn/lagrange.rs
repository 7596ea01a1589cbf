//! The Lagrangian bound of a k-of-n search node.
//!
//! Every solution for a set of targets contains each target's plain
//! closure (its *must* steps), so for a node with chosen targets I and
//! candidates U, any completion I ∪ R (|R| = r, R ⊆ U) costs at least
//! w(must(I)) + W(R), where W(R) is the weight of the must steps of R not
//! already in must(I). Relaxing |R| >= r with a multiplier λ >= 0,
//!
//! `min_R W(R) - λ|R| + λr`
//!
//! is a lower bound for every λ, and the inner minimum is a maximum-weight
//! closure (project selection: a target earns λ, a step costs its hours),
//! i.e. a minimum s–t cut ([`super::cut`]): source → target (λ), target →
//! each of its steps (∞), step → sink (hours); the cut's value C gives
//! `min_R W(R) - λ|R| = C - λ|U|`. The best λ (the bound is concave in it)
//! is found by intersecting the lines of the solutions on either side of r
//! (the cut's source side gives the solution), a few cuts per node; the
//! bound is the lower convex hull of the relaxed curve at r, far stronger
//! than the r cheapest children when targets share prerequisites. Valid for
//! any λ, so stopping early (or a flow stopped short) only weakens it.

use super::KOfN;
use super::cut::Network;

/// Cuts per node at most.
const MAX_CUTS: usize = 12;

/// Relative margin taken off the bound (flow rounding).
const MARGIN: f64 = 1e-11;

impl KOfN<'_> {
    /// The Lagrangian bound (module docs) of completing the targets at
    /// `set` (positions into `order`) with `r` of the candidates
    /// `order[from..]`, and the multiplier that gave it; starts from the
    /// multiplier `hint` (the parent's; 0: none) and stops as soon as the
    /// bound reaches `stop`.
    pub(super) fn lagrange_bound(
        &self,
        order: &[u32],
        set: &[u32],
        from: usize,
        r: usize,
        stop: f64,
        hint: f64,
    ) -> (f64, f64) {
        let nw = self.weight.len();
        let mut in_set = vec![false; nw];
        let mut base = 0.0;
        for &p in set {
            for &s in &self.must[order[p as usize] as usize] {
                if !in_set[s as usize] {
                    in_set[s as usize] = true;
                    base += self.weight[s as usize];
                }
            }
        }
        let cands = &order[from..];
        let u = cands.len();
        // Nodes: 0 source, 1 sink, 2.. candidates, then their steps.
        let mut node_of = vec![u32::MAX; nw];
        let mut step_w: Vec<f64> = Vec::new();
        let mut net_edges: Vec<(usize, usize)> = Vec::new();
        for (i, &t) in cands.iter().enumerate() {
            for &s in &self.must[t as usize] {
                let w = self.weight[s as usize];
                if in_set[s as usize] || w <= 0.0 {
                    continue;
                }
                if node_of[s as usize] == u32::MAX {
                    node_of[s as usize] = (2 + u + step_w.len()) as u32;
                    step_w.push(w);
                }
                net_edges.push((2 + i, node_of[s as usize] as usize));
            }
        }
        let mut net = Network::new(2 + u + step_w.len());
        let source: Vec<usize> = (0..u).map(|i| net.add(0, 2 + i, 0.0)).collect();
        for &(a, b) in &net_edges {
            net.add(a, b, f64::INFINITY);
        }
        for (j, &w) in step_w.iter().enumerate() {
            net.add(2 + u + j, 1, w);
        }
        // Per candidate, the weight of its own new steps (for the lines).
        let mut own: Vec<Vec<usize>> = vec![Vec::new(); u];
        for &(a, b) in &net_edges {
            own[a - 2].push(b - 2 - u);
        }
        let weight_of = |chosen: &[bool]| -> f64 {
            let mut seen = vec![false; step_w.len()];
            let mut w = 0.0;
            for (i, list) in own.iter().enumerate() {
                if chosen[i] {
                    for &j in list {
                        if !seen[j] {
                            seen[j] = true;
                            w += step_w[j];
                        }
                    }
                }
            }
            w
        };
        let total: f64 = step_w.iter().sum();
        let scale = base + total;
        let rf = r as f64;
        let mut best = (base, 0.0);
        // Lines of the solutions below and above r: (W(R), |R|).
        let mut lo: (f64, f64) = (0.0, 0.0);
        let mut hi: (f64, f64) = (total, u as f64);
        for round in 0..MAX_CUTS {
            if hi.1 <= lo.1 {
                break;
            }
            // The parent's best λ first: it often settles a child alone.
            let first = round == 0 && hint > 0.0;
            let lambda = if first {
                hint
            } else {
                ((hi.0 - lo.0) / (hi.1 - lo.1)).max(0.0)
            };
            for &e in &source {
                net.set_cap(e, lambda);
            }
            net.reset();
            let flow = net.max_flow(0, 1);
            let bound = base + flow - lambda * (u as f64) + lambda * rf;
            let bound = bound - MARGIN * (scale + lambda * u as f64);
            if bound > best.0 {
                best = (bound, lambda);
            }
            if best.0 >= stop {
                break;
            }
            let side = net.source_side(0);
            let chosen: Vec<bool> = (0..u).map(|i| side[2 + i]).collect();
            let size = chosen.iter().filter(|&&c| c).count() as f64;
            let w = weight_of(&chosen);
            // The solution's line at λ: no lower than both lines there means
            // λ is the hull's breakpoint at r.
            let line = lo.0 + lambda * (rf - lo.1);
            if !first && w + lambda * (rf - size) >= line - MARGIN * (scale + lambda * u as f64) {
                break;
            }
            if size < rf {
                lo = (w, size);
            } else if size > rf {
                hi = (w, size);
            } else {
                break;
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Role;
    use crate::query::options::Limits;
    use crate::solve::kofn::KOfN;
    use crate::solve::{Ctx, Meter};
    use crate::{Catalog, Profile};

    /// A small random catalog (plain prerequisites and any_of groups) as
    /// JSON, and its number of roles.
    fn catalog(seed: u64) -> (String, usize) {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut rnd = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        let n = 4 + rnd(6) as usize;
        let mut skills = Vec::new();
        for i in 0..n {
            let mut req = Vec::new();
            if i > 0 && rnd(3) > 0 {
                req.push(format!("\"s{}\"", rnd(i as u64)));
            }
            if i > 1 && rnd(4) == 0 {
                let (a, b) = (rnd(i as u64), rnd(i as u64));
                if a != b {
                    req.push(format!("{{\"any_of\": [\"s{a}\", \"s{b}\"]}}"));
                }
            }
            req.dedup();
            skills.push(format!(
                "{{\"id\": \"s{i}\", \"name\": \"S{i}\", \"hours\": {}, \"requires\": [{}]}}",
                1 + rnd(20),
                req.join(", ")
            ));
        }
        let roles_n = 3 + rnd(5) as usize;
        let mut roles = Vec::new();
        for r in 0..roles_n {
            let mut req: Vec<u64> = (0..1 + rnd(3)).map(|_| rnd(n as u64)).collect();
            req.sort_unstable();
            req.dedup();
            let req: Vec<String> = req.iter().map(|s| format!("\"s{s}\"")).collect();
            roles.push(format!(
                "{{\"id\": \"r{r}\", \"name\": \"R{r}\", \"requires\": [{}]}}",
                req.join(", ")
            ));
        }
        let json = format!(
            "{{\"skills\": [{}], \"roles\": [{}]}}",
            skills.join(", "),
            roles.join(", ")
        );
        (json, roles_n)
    }

    /// On random catalogs, at every node (a chosen prefix of positions and
    /// the candidates after it), the Lagrangian bound never exceeds the
    /// cheapest completion's weight of must steps, found by enumerating
    /// every completion (which the exact cost is at least).
    #[test]
    fn the_lagrangian_bound_never_exceeds_the_best_completion() {
        let limits = Limits::default();
        let mut tight = 0;
        for seed in 0..150 {
            let (json, n) = catalog(seed);
            let Ok(cat) = Catalog::from_json(&json) else {
                continue;
            };
            let start = cat.resolve_profile(&Profile::new()).unwrap_or_default();
            let roles: Vec<&Role> = cat.roles().iter().collect();
            let ids: Vec<&str> = roles.iter().map(|r| r.id.as_str()).collect();
            let ctx = Ctx::new(&cat, &start, &ids);
            let Ok(search) = KOfN::new(&ctx, &roles, &mut Meter::new(&limits)) else {
                continue;
            };
            let order = search.cand.clone();
            let c = order.len();
            let must_weight = |set: &[u32]| -> f64 {
                let mut seen = vec![false; search.weight.len()];
                let mut w = 0.0;
                for &p in set {
                    for &s in &search.must[order[p as usize] as usize] {
                        if !std::mem::replace(&mut seen[s as usize], true) {
                            w += search.weight[s as usize];
                        }
                    }
                }
                w
            };
            assert!(c <= n);
            // Every node: a set of positions; completions add r positions
            // after its last one.
            for mask in 0u32..(1 << c) {
                let set: Vec<u32> = (0..c as u32).filter(|&p| mask >> p & 1 == 1).collect();
                let from = set.last().map_or(0, |&p| p as usize + 1);
                for r in 1..=c - from {
                    let mut best = f64::INFINITY;
                    for more in 0u32..(1 << c) {
                        let rest: Vec<u32> = (from as u32..c as u32)
                            .filter(|&p| more >> p & 1 == 1)
                            .collect();
                        if rest.len() != r || more & ((1 << from) - 1) != 0 {
                            continue;
                        }
                        let all: Vec<u32> = set.iter().chain(&rest).copied().collect();
                        best = best.min(must_weight(&all));
                    }
                    for hint in [0.0, 3.0] {
                        let (lb, _) =
                            search.lagrange_bound(&order, &set, from, r, f64::INFINITY, hint);
                        assert!(
                            lb <= best + 1e-9 * best.max(1.0),
                            "seed {seed}: set {set:?} r {r}: bound {lb} > best {best}"
                        );
                        tight += usize::from(lb >= best - 1e-6);
                    }
                }
            }
        }
        // The bound is the relaxation's convex hull: often exact.
        assert!(tight > 100, "only {tight} exact bounds");
    }
}
