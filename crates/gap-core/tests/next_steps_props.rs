//! `next_steps` on any_of groups with many members of few distinct costs
//! (the shape where ties multiply the optimal sets) against brute force:
//! every step valid at the start that belongs to some minimal optimal set,
//! and no other.

use gap_core::{Catalog, Profile, Target};
use proptest::prelude::*;

/// A random instance: `bases` (hours), `members` (hours, the base each
/// requires if any), groups (members, count), the bases the role names.
#[derive(Debug, Clone)]
struct Case {
    bases: Vec<u32>,
    members: Vec<(u32, Option<usize>)>,
    groups: Vec<(Vec<usize>, usize)>,
    plain: Vec<usize>,
}

fn case() -> impl Strategy<Value = Case> {
    (1usize..3, 2usize..9).prop_flat_map(|(nb, nm)| {
        (
            proptest::collection::vec(1u32..5, nb),
            proptest::collection::vec((0u32..4, proptest::option::weighted(0.3, 0..nb)), nm),
            proptest::collection::vec(
                (proptest::collection::btree_set(0..nm, 1..=nm), 1usize..4),
                1..3,
            ),
            proptest::collection::btree_set(0..nb, 0..2),
        )
            .prop_map(|(bases, members, groups, plain)| {
                let mut groups: Vec<(Vec<usize>, usize)> = groups
                    .into_iter()
                    .map(|(m, c)| {
                        let c = c.min(m.len());
                        (m.into_iter().collect(), c)
                    })
                    .collect();
                groups.sort();
                groups.dedup();
                Case {
                    bases,
                    members,
                    groups,
                    plain: plain.into_iter().collect(),
                }
            })
    })
}

impl Case {
    fn json(&self) -> String {
        let mut skills = Vec::new();
        for (i, h) in self.bases.iter().enumerate() {
            skills.push(format!(r#"{{"id": "b{i}", "name": "b{i}", "hours": {h}}}"#));
        }
        for (i, (h, req)) in self.members.iter().enumerate() {
            let req = req.map_or(String::new(), |b| format!(r#", "requires": ["b{b}"]"#));
            skills.push(format!(
                r#"{{"id": "m{i}", "name": "m{i}", "hours": {h}{req}}}"#
            ));
        }
        let mut reqs: Vec<String> = self.plain.iter().map(|b| format!(r#""b{b}""#)).collect();
        for (m, c) in &self.groups {
            let m: Vec<String> = m.iter().map(|i| format!(r#""m{i}""#)).collect();
            reqs.push(format!(r#"{{"any_of": [{}], "count": {c}}}"#, m.join(",")));
        }
        format!(
            r#"{{"skills": [{}], "roles": [{{"id": "r", "name": "R", "requires": [{}]}}]}}"#,
            skills.join(","),
            reqs.join(",")
        )
    }

    /// Steps are bases `0..nb` then members; a set is a bit mask.
    fn feasible(&self, set: u32) -> bool {
        let nb = self.bases.len();
        let has = |i: usize| set & (1 << i) != 0;
        self.plain.iter().all(|&b| has(b))
            && self
                .members
                .iter()
                .enumerate()
                .all(|(i, (_, req))| !has(nb + i) || req.is_none_or(has))
            && self
                .groups
                .iter()
                .all(|(m, c)| m.iter().filter(|&&i| has(nb + i)).count() >= *c)
    }

    fn cost(&self, set: u32) -> u32 {
        let nb = self.bases.len();
        (0..nb + self.members.len())
            .filter(|&i| set & (1 << i) != 0)
            .map(|i| {
                if i < nb {
                    self.bases[i]
                } else {
                    self.members[i - nb].0
                }
            })
            .sum()
    }

    /// The ids of the steps valid at the start in some minimal optimal set.
    fn expected(&self) -> Vec<String> {
        let nb = self.bases.len();
        let n = nb + self.members.len();
        let feasible: Vec<u32> = (0..1u32 << n).filter(|&s| self.feasible(s)).collect();
        let best = feasible.iter().map(|&s| self.cost(s)).min().unwrap_or(0);
        let mut union = 0u32;
        for &s in &feasible {
            let minimal = (0..n).all(|i| s & (1 << i) == 0 || !self.feasible(s & !(1 << i)));
            if self.cost(s) == best && minimal {
                union |= s;
            }
        }
        let mut ids: Vec<String> = (0..n)
            .filter(|&i| union & (1 << i) != 0)
            .filter(|&i| i < nb || self.members[i - nb].1.is_none())
            .map(|i| {
                if i < nb {
                    format!("b{i}")
                } else {
                    format!("m{}", i - nb)
                }
            })
            .collect();
        ids.sort();
        ids
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn next_steps_on_groups_of_few_costs_match_brute_force(c in case()) {
        let json = c.json();
        let cat = Catalog::from_json(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let steps = cat
            .next_steps(&Profile::new(), Some(&[Target::from("r")]))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut got: Vec<String> = steps.into_iter().map(|s| s.skill).collect();
        got.sort();
        prop_assert_eq!(got, c.expected(), "{}", json);
    }
}
