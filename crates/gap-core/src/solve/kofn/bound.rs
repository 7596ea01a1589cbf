//! The shared-cost bound of the k-of-n search over the steps every
//! solution of a target contains (see the parent module's docs).

use super::KOfN;

impl KOfN<'_> {
    /// The shared-cost bound of the module docs for a node.
    pub(super) fn shared_bound(&self, order: &[u32], set: &[u32], from: usize, r: usize) -> f64 {
        let mut in_set = vec![false; self.weight.len()];
        let mut base = Vec::new();
        for &p in set {
            for &s in &self.must[order[p as usize] as usize] {
                if !in_set[s as usize] {
                    in_set[s as usize] = true;
                    base.push(self.weight[s as usize]);
                }
            }
        }
        let mut deg = vec![0u32; self.weight.len()];
        for &t in &order[from..] {
            for &s in &self.must[t as usize] {
                if !in_set[s as usize] {
                    deg[s as usize] += 1;
                }
            }
        }
        let mut share: Vec<f64> = order[from..]
            .iter()
            .map(|&t| {
                crate::solve::sum::exact_sum(self.must[t as usize].iter().filter_map(|&s| {
                    let d = deg[s as usize].min(r as u32);
                    (!in_set[s as usize] && d > 0).then(|| self.weight[s as usize] / f64::from(d))
                }))
            })
            .collect();
        share.sort_by(f64::total_cmp);
        let rest: f64 = share.iter().take(r).sum();
        // Rounding of the divisions: stay a hair below.
        (crate::solve::sum::exact_sum(base) + rest) * (1.0 - 1e-12)
    }
}
