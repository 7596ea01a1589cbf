//! The embedded catalog's regression set of postings: three postings written
//! for the project (ML engineer, AI engineer, data analyst; typical 2026
//! wording, in `tests/fixtures/postings/`) with the skills a person would
//! tag. `match_text` (literal matching of ids, names and aliases) must find
//! at least 90% of the tagged skills of each posting and nothing else. When
//! the catalog's aliases change, this is the test that says what they cost.

use std::collections::BTreeSet;

use gap_core::Catalog;

/// The postings (each `NAME.txt` with `NAME.tags`: the skills a person would
/// tag in it, one per line).
const POSTINGS: [&str; 3] = ["ml-engineer", "ai-engineer", "data-analyst"];

fn read(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/postings/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn postings_are_matched_with_high_recall_and_no_false_positives() {
    let cat = Catalog::default();
    for name in POSTINGS {
        let file = format!("{name}.txt");
        let text = read(&file);
        let tag_text = read(&format!("{name}.tags"));
        let tags: Vec<&str> = tag_text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let words = text.split_whitespace().count();
        assert!((180..=260).contains(&words), "{file}: {words} words");
        let tagged: BTreeSet<&str> = tags.iter().copied().collect();
        assert_eq!(tagged.len(), tags.len(), "{file}: a tag twice");
        for t in &tagged {
            cat.skill(t).unwrap_or_else(|e| panic!("{file}: {e}"));
        }
        let matches = cat.match_text(&text);
        let found: BTreeSet<&str> = matches.iter().map(|m| m.skill.as_str()).collect();
        let false_pos: Vec<String> = matches
            .iter()
            .filter(|m| !tagged.contains(m.skill.as_str()))
            .map(|m| format!("{} ({:?})", m.skill, m.text))
            .collect();
        let missed: Vec<&&str> = tagged.difference(&found).collect();
        let recall = (tagged.len() - missed.len()) as f64 / tagged.len() as f64;
        assert!(
            false_pos.is_empty(),
            "{file}: false positives {false_pos:?}"
        );
        assert!(
            recall >= 0.9,
            "{file}: recall {recall:.2}, missed {missed:?}"
        );
    }
}
