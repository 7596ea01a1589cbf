//! "Did you mean …?": the closest existing ids to an unknown one.

/// The longest id (in characters) that gets suggestions.
pub(crate) const MAX_SUGGEST_LEN: usize = 256;

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

/// Suggestions for an unknown id from its closest ids (`by_id`, from
/// [`suggest`]) and from a search by name (`by_name`, from
/// [`Catalog::find_roles`](crate::Catalog::find_roles) or
/// [`find_skills`](crate::Catalog::find_skills)): first the entries whose id,
/// name or alias is the id asked for (case-insensitively), then the closest
/// ids, then the other name matches scoring at least 0.8; each once, at most
/// three.
pub(crate) fn combine(by_name: &[crate::find::Found], by_id: Vec<String>) -> Vec<String> {
    let exact = by_name.iter().filter(|f| f.score >= 1.0).map(|f| &f.id);
    let close = by_name
        .iter()
        .filter(|f| (0.8..1.0).contains(&f.score))
        .map(|f| &f.id);
    let mut out: Vec<String> = Vec::with_capacity(3);
    for id in exact.chain(by_id.iter()).chain(close) {
        if out.len() == 3 {
            break;
        }
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
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
