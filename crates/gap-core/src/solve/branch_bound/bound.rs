//! The lower bound of a search node's open groups (see the parent module's
//! documentation): the best single-group bound, a packing of groups with
//! disjoint candidate closures, and cost sharing.

use super::{Open, Search};

impl Search<'_> {
    /// The bound of the open groups (sets each group's own bound).
    pub(super) fn bound(&mut self, open: &mut [Open]) -> f64 {
        let l = self.local;
        let arena = std::mem::take(&mut self.arena);
        // Own bounds.
        let mut own_max: f64 = 0.0;
        for o in open.iter_mut() {
            let r = o.need as usize;
            let rth = o.cands[r - 1].inc;
            let own = self.steps_sum(o, &arena, |_, c| c);
            o.bound = rth.max(own);
            own_max = own_max.max(o.bound);
        }
        // Cost sharing: share[x] = number of open groups that can pull x in.
        let mut touched: Vec<u32> = Vec::new();
        for o in open.iter() {
            let e = self.next_epoch();
            for c in &o.cands {
                for &x in &arena[c.from as usize..c.to as usize] {
                    if self.stamp[x as usize] != e {
                        self.stamp[x as usize] = e;
                        if self.share[x as usize] == 0 {
                            touched.push(x);
                        }
                        self.share[x as usize] += 1;
                    }
                }
            }
        }
        let mut shared_sum = 0.0;
        for o in open.iter() {
            let r = o.need as usize;
            let mut per: Vec<f64> = o
                .cands
                .iter()
                .map(|c| {
                    arena[c.from as usize..c.to as usize]
                        .iter()
                        .map(|&x| l.cost[x as usize] / f64::from(self.share[x as usize]))
                        .sum::<f64>()
                })
                .collect();
            per.sort_by(f64::total_cmp);
            let own = self.steps_sum(o, &arena, |x, c| c / f64::from(self.share[x as usize]));
            shared_sum += per[r - 1].max(own);
        }
        for x in touched {
            self.share[x as usize] = 0;
        }
        // Packing of groups with pairwise disjoint candidate closures.
        let mut by_bound: Vec<usize> = (0..open.len()).collect();
        by_bound.sort_by(|&a, &b| open[b].bound.total_cmp(&open[a].bound).then(a.cmp(&b)));
        let e = self.next_epoch();
        let mut packed = 0.0;
        for i in by_bound {
            let o = &open[i];
            let clash = o.cands.iter().any(|c| {
                arena[c.from as usize..c.to as usize]
                    .iter()
                    .any(|&x| self.stamp[x as usize] == e)
            });
            if !clash {
                for c in &o.cands {
                    for &x in &arena[c.from as usize..c.to as usize] {
                        self.stamp[x as usize] = e;
                    }
                }
                packed += o.bound;
            }
        }
        self.arena = arena;
        own_max.max(shared_sum).max(packed)
    }

    /// The sum of the `need` smallest "own" costs of the candidates: each
    /// candidate's steps of its own skill when the candidates' skills are
    /// distinct (their chains are then disjoint), else its own step alone.
    /// `w(x, cost)` weighs a step.
    fn steps_sum(&self, o: &Open, arena: &[u32], w: impl Fn(u32, f64) -> f64) -> f64 {
        let l = self.local;
        let mut skills: Vec<u32> = o.cands.iter().map(|c| l.skill[c.member as usize]).collect();
        skills.sort_unstable();
        let distinct = skills.windows(2).all(|p| p[0] != p[1]);
        let mut own: Vec<f64> = o
            .cands
            .iter()
            .map(|c| {
                if distinct {
                    let s = l.skill[c.member as usize];
                    arena[c.from as usize..c.to as usize]
                        .iter()
                        .filter(|&&x| l.skill[x as usize] == s)
                        .map(|&x| w(x, l.cost[x as usize]))
                        .sum::<f64>()
                } else {
                    w(c.member, l.cost[c.member as usize])
                }
            })
            .collect();
        own.sort_by(f64::total_cmp);
        own.iter().take(o.need as usize).sum()
    }
}
