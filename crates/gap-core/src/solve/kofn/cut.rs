//! Maximum flow (Dinic's algorithm, iterative) on a small graph with
//! `f64` capacities: the minimum cut behind the Lagrangian bound of the
//! k-of-n search ([`super::lagrange`]).
//!
//! The flow value returned is the sum of the augmentations, each at most
//! the residual capacity of its path, so it never exceeds the minimum cut
//! (up to rounding, which callers absorb with a small margin): a valid
//! lower bound on the cut even if the search stops early.

/// Residual capacities at or below this are taken as saturated.
const EPS: f64 = 1e-12;

/// A flow network: nodes `0..n`, edges stored in pairs (an edge and its
/// reverse at `e ^ 1`).
#[derive(Debug, Clone, Default)]
pub(super) struct Network {
    adj: Vec<Vec<u32>>,
    to: Vec<u32>,
    /// Capacities as built (restored by [`Network::reset`]).
    cap0: Vec<f64>,
    /// Residual capacities.
    cap: Vec<f64>,
    level: Vec<i32>,
    it: Vec<usize>,
}

impl Network {
    /// A network of `n` nodes and no edges.
    pub fn new(n: usize) -> Self {
        Network {
            adj: vec![Vec::new(); n],
            level: vec![0; n],
            it: vec![0; n],
            ..Network::default()
        }
    }

    /// Adds an edge `a -> b` of capacity `cap` (may be infinite); returns
    /// its id.
    pub fn add(&mut self, a: usize, b: usize, cap: f64) -> usize {
        let e = self.to.len();
        self.to.push(b as u32);
        self.cap0.push(cap);
        self.adj[a].push(e as u32);
        self.to.push(a as u32);
        self.cap0.push(0.0);
        self.adj[b].push(e as u32 + 1);
        e
    }

    /// Sets the capacity of edge `e` as built (takes effect at the next
    /// [`reset`](Network::reset)).
    pub fn set_cap(&mut self, e: usize, cap: f64) {
        self.cap0[e] = cap;
    }

    /// Clears the flow.
    pub fn reset(&mut self) {
        self.cap.clear();
        self.cap.extend_from_slice(&self.cap0);
    }

    /// Levels of a breadth-first search from `s` over residual edges;
    /// whether `t` is reached.
    fn bfs(&mut self, s: usize, t: usize) -> bool {
        self.level.iter_mut().for_each(|l| *l = -1);
        self.level[s] = 0;
        let mut queue = vec![s];
        let mut head = 0;
        while head < queue.len() {
            let u = queue[head];
            head += 1;
            for &e in &self.adj[u] {
                let v = self.to[e as usize] as usize;
                if self.level[v] < 0 && self.cap[e as usize] > EPS {
                    self.level[v] = self.level[u] + 1;
                    queue.push(v);
                }
            }
        }
        self.level[t] >= 0
    }

    /// The maximum flow from `s` to `t` (after a [`reset`](Network::reset)).
    pub fn max_flow(&mut self, s: usize, t: usize) -> f64 {
        let mut total = 0.0;
        // Every phase saturates a blocking flow, so the distance from s to
        // t grows each phase: at most n phases.
        for _ in 0..self.adj.len() {
            if !self.bfs(s, t) {
                break;
            }
            self.it.iter_mut().for_each(|i| *i = 0);
            let mut path: Vec<u32> = Vec::new();
            let mut u = s;
            loop {
                if u == t {
                    let f = path
                        .iter()
                        .map(|&e| self.cap[e as usize])
                        .fold(f64::INFINITY, f64::min);
                    for &e in &path {
                        self.cap[e as usize] -= f;
                        self.cap[e as usize ^ 1] += f;
                    }
                    total += f;
                    path.clear();
                    u = s;
                    continue;
                }
                let mut next = None;
                while self.it[u] < self.adj[u].len() {
                    let e = self.adj[u][self.it[u]] as usize;
                    let v = self.to[e] as usize;
                    if self.cap[e] > EPS && self.level[v] == self.level[u] + 1 {
                        next = Some(e);
                        break;
                    }
                    self.it[u] += 1;
                }
                match next {
                    Some(e) => {
                        path.push(e as u32);
                        u = self.to[e] as usize;
                    }
                    None => {
                        // A dead end: never enter u again in this phase.
                        self.level[u] = -1;
                        let Some(e) = path.pop() else { break };
                        u = self.to[e as usize ^ 1] as usize;
                        self.it[u] += 1;
                    }
                }
            }
        }
        total
    }

    /// Whether node `v` is reachable from `s` over residual edges (the
    /// source side of a minimum cut, after [`max_flow`](Network::max_flow)).
    pub fn source_side(&mut self, s: usize) -> Vec<bool> {
        let mut seen = vec![false; self.adj.len()];
        seen[s] = true;
        let mut stack = vec![s];
        while let Some(u) = stack.pop() {
            for &e in &self.adj[u] {
                let v = self.to[e as usize] as usize;
                if !seen[v] && self.cap[e as usize] > EPS {
                    seen[v] = true;
                    stack.push(v);
                }
            }
        }
        seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The minimum s-t cut by enumerating every source side.
    fn brute_min_cut(n: usize, edges: &[(usize, usize, f64)]) -> f64 {
        let mut best = f64::INFINITY;
        for mask in 0..(1u32 << n) {
            // Node 0 is the source (in), node n-1 the sink (out).
            if mask & 1 == 0 || mask >> (n - 1) & 1 == 1 {
                continue;
            }
            let cut: f64 = edges
                .iter()
                .filter(|&&(a, b, _)| mask >> a & 1 == 1 && mask >> b & 1 == 0)
                .map(|e| e.2)
                .sum();
            best = best.min(cut);
        }
        best
    }

    #[test]
    fn max_flow_equals_the_brute_force_min_cut() {
        let mut x: u64 = 7;
        let mut rnd = |m: u64| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) % m
        };
        for _ in 0..300 {
            let n = 2 + rnd(7) as usize;
            let m = rnd(20) as usize;
            let mut edges = Vec::new();
            for _ in 0..m {
                let (a, b) = (rnd(n as u64) as usize, rnd(n as u64) as usize);
                if a != b {
                    let c = if rnd(6) == 0 {
                        f64::INFINITY
                    } else {
                        rnd(10) as f64 + 0.5
                    };
                    edges.push((a, b, c));
                }
            }
            let mut net = Network::new(n);
            for &(a, b, c) in &edges {
                net.add(a, b, c);
            }
            net.reset();
            let flow = net.max_flow(0, n - 1);
            let want = brute_min_cut(n, &edges);
            assert!(
                flow == want || (flow - want).abs() <= 1e-9 * want.abs().max(1.0),
                "{edges:?}: flow {flow}, cut {want}"
            );
            if want.is_finite() {
                // The residual source side is a minimum cut.
                let side = net.source_side(0);
                assert!(!side[n - 1]);
                let cut: f64 = edges
                    .iter()
                    .filter(|&&(a, b, _)| side[a] && !side[b])
                    .map(|e| e.2)
                    .sum();
                assert!((cut - want).abs() <= 1e-9 * want.max(1.0), "{edges:?}");
            }
        }
    }
}
