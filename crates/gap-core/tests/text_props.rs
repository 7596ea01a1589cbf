//! Property tests of `Catalog::match_text` against a brute-force oracle that
//! follows SPEC 4 word for word: at every character position from left to
//! right, try every pattern (ids, names, aliases, in catalog order), keep the
//! whole-word occurrences, take the longest (the first skill on a tie), jump
//! past it. Alphabets mix ASCII with characters whose lowercase differs in
//! UTF-8 length or is several characters ('İ', 'ẞ', the Kelvin sign, 'Σ',
//! titlecase 'ǅ') and combining marks.

use gap_core::format::{CatalogDef, Hours, SkillDef};
use gap_core::{Catalog, TextMatch};
use proptest::prelude::*;

/// Lowercase of one character when it is one character, else itself.
fn low(c: char) -> char {
    let l: Vec<char> = c.to_lowercase().collect();
    if l.len() == 1 { l[0] } else { c }
}

/// A match as plain data: skill, text, start, end.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    skill: String,
    text: String,
    start: usize,
    end: usize,
}

/// The engine's matches as plain data, to compare with the oracle's.
fn found(ms: Vec<TextMatch>) -> Vec<Found> {
    ms.into_iter()
        .map(|m| Found {
            skill: m.skill,
            text: m.text,
            start: m.start,
            end: m.end,
        })
        .collect()
}

fn oracle(skills: &[SkillDef], text: &str) -> Vec<Found> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let word = |c: Option<&(usize, char)>| c.is_some_and(|&(_, c)| c.is_alphanumeric());
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // (length in chars, skill) of the best whole-word match starting at i.
        let mut best: Option<(usize, usize)> = None;
        for (k, s) in skills.iter().enumerate() {
            let pats = [&s.id, &s.name].into_iter().chain(s.aliases.iter());
            for p in pats {
                let p: Vec<char> = p.chars().map(low).collect();
                let n = p.len();
                if n == 0 || i + n > chars.len() {
                    continue;
                }
                if !(0..n).all(|j| low(chars[i + j].1) == p[j]) {
                    continue;
                }
                let before = if i == 0 { None } else { chars.get(i - 1) };
                if word(before) || word(chars.get(i + n)) {
                    continue;
                }
                if best.is_none_or(|(bn, _)| n > bn) {
                    best = Some((n, k));
                }
            }
        }
        match best {
            Some((n, k)) => {
                let (a, b) = (offset(i), offset(i + n));
                out.push(Found {
                    skill: skills[k].id.clone(),
                    text: text[a..b].to_string(),
                    start: a,
                    end: b,
                });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

const ALPHABET: &[char] = &[
    'a', 'b', 'A', 'B', 'i', 'I', 'k', ' ', ' ', '-', '1', 'é', 'İ', 'ß', 'ẞ', 'Σ', 'σ', 'ς', 'ǅ',
    'ǆ', 'Ǆ', '\u{212A}', '\u{301}', '\u{345}', 'ﬁ',
];

fn string_over(alphabet: &'static [char], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(alphabet), 0..=max)
        .prop_map(|v| v.into_iter().collect())
}

fn skills() -> impl Strategy<Value = Vec<SkillDef>> {
    prop::collection::vec(
        (
            string_over(ALPHABET, 4),
            prop::collection::vec(string_over(ALPHABET, 5), 0..3),
            prop::sample::select(&["a", "b", "ab", "a1", "k"][..]),
        ),
        0..6,
    )
    .prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (name, aliases, id))| SkillDef {
                id: format!("{id}{i}"),
                name,
                // A blank alias is a catalog error (issue 17).
                aliases: aliases
                    .into_iter()
                    .filter(|a| !a.trim().is_empty())
                    .collect(),
                hours: Hours::One(1.0),
                ..SkillDef::default()
            })
            .collect()
    })
}

fn catalog(skills: &[SkillDef]) -> Catalog {
    let def = CatalogDef {
        format: gap_core::format::FORMAT.to_string(),
        skills: skills.to_vec(),
        ..CatalogDef::default()
    };
    Catalog::from_def(&def).expect("generated catalogs are valid")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn match_text_agrees_with_oracle(skills in skills(), text in string_over(ALPHABET, 24)) {
        let cat = catalog(&skills);
        let got = cat.match_text_literal(&text);
        prop_assert_eq!(&found(got.clone()), &oracle(&skills, &text));
        for m in &got {
            prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
        }
    }

    #[test]
    fn text_built_from_patterns_agrees_with_oracle(
        skills in skills(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), string_over(&[' ', '-', 'a', 'ǅ', '\u{301}'], 2)), 0..8),
    ) {
        // Texts made of the patterns themselves (with small separators), so
        // that long and nested matches are common.
        let pats: Vec<String> = skills
            .iter()
            .flat_map(|s| [s.id.clone(), s.name.to_uppercase()].into_iter().chain(s.aliases.clone()))
            .collect();
        let mut text = String::new();
        if !pats.is_empty() {
            for (ix, sep) in &picks {
                text.push_str(&pats[ix.index(pats.len())]);
                text.push_str(sep);
            }
        }
        let cat = catalog(&skills);
        prop_assert_eq!(found(cat.match_text_literal(&text)), oracle(&skills, &text));
    }

    #[test]
    fn default_matches_keep_the_offset_and_no_overlap_rules(
        skills in skills(),
        text in string_over(ALPHABET, 24),
    ) {
        let cat = catalog(&skills);
        let mut last = 0;
        for m in cat.match_text(&text) {
            prop_assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
            prop_assert!(m.start >= last && m.start < m.end);
            last = m.end;
        }
    }

    #[test]
    fn role_from_text_is_the_read_postings_role(skills in skills(), text in string_over(ALPHABET, 24)) {
        let cat = catalog(&skills);
        match (cat.role_from_text(&text, "posting", None), cat.read_posting(&text, "posting", None)) {
            (Ok(role), Ok(p)) => {
                prop_assert_eq!(&role, &p.role);
                prop_assert!(cat.with_roles(vec![role]).is_ok());
            }
            (Err(_), Err(_)) => prop_assert!(text.trim().is_empty() || cat.match_text(&text).is_empty()),
            (a, b) => prop_assert!(false, "{a:?} vs {b:?}"),
        }
    }
}

#[test]
fn oracle_sanity() {
    let skills = vec![
        SkillDef {
            id: "ml".into(),
            name: "machine learning".into(),
            hours: Hours::One(1.0),
            ..SkillDef::default()
        },
        SkillDef {
            id: "mle".into(),
            name: "machine learning engineering".into(),
            hours: Hours::One(1.0),
            ..SkillDef::default()
        },
    ];
    let got = oracle(&skills, "Machine learning engineers");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].skill, "ml");
    assert_eq!(
        found(catalog(&skills).match_text_literal("Machine learning engineers")),
        got
    );
}
