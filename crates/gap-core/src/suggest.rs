//! "Did you mean …?": the closest existing ids to an unknown one.

/// Up to three candidates closest to `id` (by normalized Damerau–Levenshtein
/// similarity, or containing it), best first; deterministic on ties.
pub fn suggest<'a>(id: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<String> {
    let needle = id.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .filter_map(|c| {
            let mut score = strsim::normalized_damerau_levenshtein(&needle, c);
            if needle.len() >= 3 && (c.contains(&needle) || needle.contains(c)) {
                score = score.max(0.75);
            }
            (score >= 0.5).then_some((score, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, c)| c.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn closest_first() {
        let ids = ["python", "pytorch", "sql", "docker"];
        assert_eq!(suggest("pyhton", ids.into_iter())[0], "python");
        assert_eq!(suggest("dockr", ids.into_iter()), vec!["docker"]);
        assert!(suggest("zzzzzz", ids.into_iter()).is_empty());
    }
}
