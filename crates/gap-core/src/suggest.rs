//! "Did you mean …?": the closest existing ids to an unknown one.

/// The longest id (in characters) that gets suggestions.
const MAX_SUGGEST_LEN: usize = 256;

/// Up to three candidates closest to `id` (by normalized Damerau–Levenshtein
/// similarity, or containing it), best first; deterministic on ties.
///
/// An id longer than 256 characters gets no suggestions (no id
/// is that long; comparing it with every candidate would be slow and the edit
/// distance needs memory proportional to the product of the lengths), and a
/// candidate whose length alone rules out a similarity of 0.5 is not scored.
pub fn suggest<'a>(id: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<String> {
    let needle = id.to_lowercase();
    let n = needle.chars().count();
    if n > MAX_SUGGEST_LEN {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &str)> = candidates
        .filter_map(|c| {
            let contained = n >= 3 && (c.contains(&needle) || needle.contains(c));
            // The distance is at least the difference in length.
            let m = c.chars().count();
            let mut score = if n.abs_diff(m) * 2 > n.max(m) {
                0.0
            } else {
                strsim::normalized_damerau_levenshtein(&needle, c)
            };
            if contained {
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
