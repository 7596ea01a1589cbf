//! The word-level half of the default matcher (SPEC 4, "Text matching",
//! `literal=False`): word forms through a Snowball stemmer, word order for
//! short multi-word names, and which one-word aliases are too generic to fire
//! alone.
//!
//! Text and patterns are cut into words (maximal runs of alphanumeric
//! characters). A pattern made only of words joined by spaces or hyphens is
//! indexed by the stems of its words, in order (`seq`) and, for two or three
//! words, as a sorted bag (`bag`), so "model monitoring" also finds "monitor
//! models". The text is scanned once: at each word, windows of up to
//! [`MAX_WORDS`] words joined by spaces or hyphens are looked up, so the scan
//! is linear in the text.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::lower_str;
use crate::model::Skill;

/// The most words of a pattern the word index holds (longer ones match
/// literally only).
pub(crate) const MAX_WORDS: usize = 8;

/// Words shorter than this (in characters) never match by their stem alone:
/// "AWS", "SQL", "Go" match literally only.
const MIN_STEM_CHARS: usize = 4;

/// A one-word alias whose stem is a word of this many skills' names and
/// aliases or more is generic ("data" on ESCO): it matches only where its
/// skill is also found by another pattern in the same text.
pub(crate) const GENERIC_SKILLS: usize = 25;

/// Words that keep a pattern out of the word-order index.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with",
];

/// One entry of the word index: the skill and whether it is generic.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub skill: u32,
    pub generic: bool,
}

/// The word index of a catalog.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordIndex {
    /// Stems in order, joined by `\u{1}`.
    seq: HashMap<Box<str>, Entry>,
    /// Sorted stems of two- or three-word patterns, joined by `\u{1}`.
    bag: HashMap<Box<str>, Entry>,
    /// Stems that are generic one-word aliases' keys.
    pub(crate) generic_stems: std::collections::HashSet<Box<str>>,
}

/// A word of a text: byte offsets and its stem key.
struct Word {
    start: usize,
    end: usize,
    stem: String,
}

/// The English Snowball stemmer.
fn stemmer() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// The stem key of one word (lowered first).
fn stem_of(st: &Stemmer, word: &str) -> String {
    let lowered = lower_str(word);
    st.stem(&lowered).into_owned()
}

/// The words of `text` with byte offsets (no stems).
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Whether two words with `sep` between them belong to one name: one to
/// three spaces, tabs or hyphens.
fn joins(sep: &str) -> bool {
    !sep.is_empty() && sep.len() <= 3 && sep.chars().all(|c| matches!(c, ' ' | '\t' | '-'))
}

/// The stems of a pattern made of words joined by spaces or hyphens only
/// (nothing before the first word or after the last), else `None`.
fn pattern_stems(st: &Stemmer, pattern: &str) -> Option<Vec<String>> {
    let spans = word_spans(pattern);
    let (first, last) = (spans.first()?, spans.last()?);
    if first.0 != 0 || last.1 != pattern.len() || spans.len() > MAX_WORDS {
        return None;
    }
    if spans.windows(2).any(|w| !joins(&pattern[w[0].1..w[1].0])) {
        return None;
    }
    Some(
        spans
            .iter()
            .map(|&(s, e)| stem_of(st, &pattern[s..e]))
            .collect(),
    )
}

/// A name without a trailing qualifier in parentheses: "Java (computer
/// programming)" gives "Java".
fn without_qualifier(name: &str) -> Option<&str> {
    let t = name.trim_end();
    if !t.ends_with(')') {
        return None;
    }
    let open = t.rfind('(')?;
    let head = t[..open].trim_end();
    (!head.is_empty()).then_some(head)
}

impl WordIndex {
    /// Builds the index for skills in catalog order; `case_sensitive` tells
    /// whether a lowered pattern only matches in its own case (kept out).
    pub(crate) fn build(skills: &[Skill], case_sensitive: impl Fn(&str) -> bool) -> Self {
        let st = stemmer();
        // Per skill: (stems, is_alias) of every pattern, real ones first.
        let mut per_skill: Vec<Vec<(Vec<String>, bool)>> = Vec::with_capacity(skills.len());
        // In how many skills each stem occurs as a word.
        let mut df: HashMap<String, usize> = HashMap::new();
        for s in skills {
            let mut pats = Vec::new();
            let mut texts: Vec<(&str, bool)> =
                vec![(s.id.as_str(), false), (s.name.as_str(), false)];
            texts.extend(s.aliases.iter().map(|a| (a.as_str(), true)));
            let derived: Vec<(&str, bool)> = texts
                .iter()
                .filter_map(|&(t, _)| without_qualifier(t).map(|h| (h, true)))
                .collect();
            for (t, alias) in texts.into_iter().chain(derived) {
                if case_sensitive(&lower_str(t)) {
                    continue;
                }
                if let Some(stems) = pattern_stems(&st, t) {
                    pats.push((stems, alias));
                }
            }
            let mut words: Vec<&str> = pats
                .iter()
                .flat_map(|(p, _)| p.iter().map(String::as_str))
                .collect();
            words.sort_unstable();
            words.dedup();
            for w in words {
                *df.entry(w.to_string()).or_default() += 1;
            }
            per_skill.push(pats);
        }
        let mut idx = WordIndex::default();
        for (i, pats) in per_skill.iter().enumerate() {
            for (stems, alias) in pats {
                if stems.len() == 1 && stems[0].chars().count() < MIN_STEM_CHARS {
                    continue;
                }
                let generic = *alias
                    && stems.len() == 1
                    && df.get(&stems[0]).copied().unwrap_or(0) >= GENERIC_SKILLS;
                if generic {
                    idx.generic_stems.insert(stems[0].clone().into_boxed_str());
                }
                let entry = Entry {
                    skill: i as u32,
                    generic,
                };
                idx.seq
                    .entry(stems.join("\u{1}").into_boxed_str())
                    .or_insert(entry);
                if (2..=3).contains(&stems.len())
                    && !stems.iter().any(|w| STOPWORDS.contains(&w.as_str()))
                {
                    let mut sorted = stems.clone();
                    sorted.sort_unstable();
                    idx.bag
                        .entry(sorted.join("\u{1}").into_boxed_str())
                        .or_insert(entry);
                }
            }
        }
        idx
    }

    /// The word-level candidates in `text`: `(start, end, rank, entry)` with
    /// byte offsets; rank 1 for words in order, 2 for another order.
    pub(crate) fn candidates(&self, text: &str, out: &mut Vec<(usize, usize, u8, Entry)>) {
        if self.seq.is_empty() {
            return;
        }
        let st = stemmer();
        let words: Vec<Word> = word_spans(text)
            .into_iter()
            .map(|(start, end)| Word {
                start,
                end,
                stem: stem_of(&st, &text[start..end]),
            })
            .collect();
        let mut key = String::new();
        let mut bag: Vec<&str> = Vec::with_capacity(3);
        for i in 0..words.len() {
            key.clear();
            bag.clear();
            for j in i..words.len().min(i + MAX_WORDS) {
                if j > i {
                    if !joins(&text[words[j - 1].end..words[j].start]) {
                        break;
                    }
                    key.push('\u{1}');
                }
                key.push_str(&words[j].stem);
                let (s, e) = (words[i].start, words[j].end);
                if let Some(&en) = self.seq.get(key.as_str()) {
                    out.push((s, e, 1, en));
                }
                let n = j - i + 1;
                if n <= 3 {
                    bag.push(&words[j].stem);
                    if n >= 2 {
                        let mut sorted = bag.clone();
                        sorted.sort_unstable();
                        if let Some(&en) = self.bag.get(sorted.join("\u{1}").as_str()) {
                            out.push((s, e, 2, en));
                        }
                    }
                }
            }
        }
    }

    /// Whether a one-word alias (lowered) is generic: its stem is a generic
    /// alias's stem.
    pub(crate) fn is_generic_alias(&self, alias: &str) -> bool {
        if self.generic_stems.is_empty() {
            return false;
        }
        match pattern_stems(&stemmer(), alias) {
            Some(stems) if stems.len() == 1 => self.generic_stems.contains(stems[0].as_str()),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_joins() {
        assert_eq!(word_spans("a-b  c.d"), vec![(0, 1), (2, 3), (5, 6), (7, 8)]);
        assert!(joins(" ") && joins(" - ") && !joins("") && !joins(", ") && !joins("\n"));
        let st = stemmer();
        assert_eq!(
            pattern_stems(&st, "model monitoring"),
            Some(vec!["model".into(), "monitor".into()])
        );
        assert_eq!(pattern_stems(&st, "C++"), None);
        assert_eq!(pattern_stems(&st, "Node.js"), None);
        assert_eq!(
            without_qualifier("Java (computer programming)"),
            Some("Java")
        );
        assert_eq!(without_qualifier("(x)"), None);
    }
}
