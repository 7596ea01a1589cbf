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
//!
//! On big catalogs a verb-object name ("manage relationships with
//! stakeholders") is also found by its object alone ("relationship with
//! your stakeholders"), where no other skill has that object (`text/object`).
//!
//! Stems are cached per word ([`Stems`]); the patterns of a catalog are
//! stemmed in parallel (the `parallel` feature).

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::lower_str;
use super::object;
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

/// The generic rules apply to catalogs of at least this many skills (big
/// taxonomies such as ESCO), where common words collide most.
pub(crate) const BIG_CATALOG: usize = 1000;

/// On a big catalog, every alias of a skill with at least this many aliases
/// is generic: such a skill is a category whose aliases name its members
/// ("PowerShell" for ESCO's "computer programming"). (Keeping its longer
/// aliases, mostly paraphrases, measured worse on the validation sets.)
pub(crate) const CATEGORY_ALIASES: usize = 10;

/// Whether the aliases of `skill` are generic in a catalog of `n` skills.
pub(crate) fn category(n: usize, skill: &Skill) -> bool {
    n >= BIG_CATALOG && skill.aliases.len() >= CATEGORY_ALIASES
}

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
    /// From an alias (else from an id or a name, qualifier stripped or not).
    pub alias: bool,
    /// A one-word pattern's lowered word (index into `WordIndex::words`).
    pub word: Option<u32>,
}

/// The word index of a catalog.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordIndex {
    /// Stems in order, joined by `\u{1}`.
    seq: HashMap<Box<str>, Entry>,
    /// Sorted stems of two- or three-word patterns, joined by `\u{1}`.
    bag: HashMap<Box<str>, Entry>,
    /// The lowered words of one-word patterns.
    words: Vec<Box<str>>,
    /// Stems that are generic one-word aliases' keys.
    pub(crate) generic_stems: std::collections::HashSet<Box<str>>,
    /// Verb-object names found by their object (big catalogs).
    objects: object::Objects,
}

/// A pattern while the index is built: stems, from an alias, derived (a
/// name or alias without its qualifier), lowered text.
pub(crate) type Pattern = (Vec<String>, bool, bool, String);

/// A word of a text: byte offsets and its stem key.
struct Word {
    start: usize,
    end: usize,
    stem: String,
}

/// The English Snowball stemmer with a cache of the words it has stemmed
/// (catalogs and postings repeat their words).
pub(crate) struct Stems {
    stemmer: Stemmer,
    cache: HashMap<Box<str>, Box<str>>,
}

impl Stems {
    /// A stemmer with an empty cache.
    pub(crate) fn new() -> Self {
        Stems {
            stemmer: Stemmer::create(Algorithm::English),
            cache: HashMap::new(),
        }
    }

    /// The stem key of one word (lowered first).
    pub(crate) fn stem(&mut self, word: &str) -> String {
        let lowered = lower_str(word);
        if let Some(s) = self.cache.get(lowered.as_str()) {
            return s.to_string();
        }
        let stem = self.stemmer.stem(&lowered).into_owned();
        self.cache
            .insert(lowered.into_boxed_str(), stem.clone().into_boxed_str());
        stem
    }
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
pub(crate) fn joins(sep: &str) -> bool {
    !sep.is_empty() && sep.len() <= 3 && sep.chars().all(|c| matches!(c, ' ' | '\t' | '-'))
}

/// The stems of a pattern made of words joined by spaces or hyphens only
/// (nothing before the first word or after the last), else `None`.
fn pattern_stems(st: &mut Stems, pattern: &str) -> Option<Vec<String>> {
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
            .map(|&(s, e)| st.stem(&pattern[s..e]))
            .collect(),
    )
}

/// Whether a text word is a form of a one-word pattern (`pattern`, lowered)
/// and not another word with the same stem: one of the two is the other
/// with an inflectional ending ("monitoring" and "monitor", "managing" and
/// "manage", "salaries" and "salary", "planned" and "plan"); derivations are
/// other words ("solids" is not "Solidity", "communicate" not
/// "communication").
fn same_word(word: &str, pattern: &str) -> bool {
    let w: String = word.chars().map(super::lower_char).collect();
    inflects(&w, pattern) || inflects(pattern, &w)
}

/// Whether `form` is `base` or `base` with an English inflectional ending
/// (-s, -es, -ed, -d, -ing, -'s; a final "e" dropped or "y" to "ie"; a
/// doubled last consonant).
fn inflects(form: &str, base: &str) -> bool {
    const ENDINGS: [&str; 8] = ["", "s", "es", "ed", "d", "ing", "'s", "\u{2019}s"];
    if let Some(r) = form.strip_prefix(base) {
        if ENDINGS.contains(&r) {
            return true;
        }
        // A doubled consonant: "planning", "planned".
        if let Some(last) = base.chars().next_back() {
            let doubled = r
                .strip_prefix(last)
                .is_some_and(|t| t == "ing" || t == "ed");
            if doubled && !"aeiou".contains(last) {
                return true;
            }
        }
    }
    if let Some(b) = base.strip_suffix('e') {
        if form
            .strip_prefix(b)
            .is_some_and(|r| r == "ing" || r == "ed")
        {
            return true;
        }
    }
    if let Some(b) = base.strip_suffix('y') {
        if form
            .strip_prefix(b)
            .is_some_and(|r| r == "ies" || r == "ied")
        {
            return true;
        }
    }
    false
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

/// The patterns of one skill for the word index: every id, name and alias
/// made of words joined by spaces or hyphens, and those without a trailing
/// qualifier, real ones first; patterns that only match in their own case
/// are left out.
fn skill_patterns(
    st: &mut Stems,
    s: &Skill,
    case_sensitive: &(impl Fn(&str) -> bool + Sync),
) -> Vec<Pattern> {
    let mut pats = Vec::new();
    let mut texts: Vec<(&str, bool)> = vec![(s.id.as_str(), false), (s.name.as_str(), false)];
    texts.extend(s.aliases.iter().map(|a| (a.as_str(), true)));
    let derived: Vec<(&str, bool, bool)> = texts
        .iter()
        .filter_map(|&(t, a)| without_qualifier(t).map(|h| (h, a, true)))
        .collect();
    let all = texts.into_iter().map(|(t, a)| (t, a, false)).chain(derived);
    for (t, alias, der) in all {
        let low = lower_str(t);
        if case_sensitive(&low) {
            continue;
        }
        if let Some(stems) = pattern_stems(st, t) {
            pats.push((stems, alias, der, low));
        }
    }
    pats
}

impl WordIndex {
    /// Builds the index for skills in catalog order; `case_sensitive` tells
    /// whether a lowered pattern only matches in its own case (kept out).
    pub(crate) fn build(skills: &[Skill], case_sensitive: impl Fn(&str) -> bool + Sync) -> Self {
        // Per skill: (stems, is_alias, is_derived, lowered text) of every
        // pattern, real ones first; stemmed in parallel.
        let per_skill: Vec<Vec<Pattern>> = crate::par::install(|| {
            use crate::par::prelude::*;
            skills
                .par_iter()
                .map_init(Stems::new, |st, s| skill_patterns(st, s, &case_sensitive))
                .collect()
        });
        // In how many skills each stem occurs as a word.
        let mut df: HashMap<&str, usize> = HashMap::new();
        for pats in &per_skill {
            let mut words: Vec<&str> = pats
                .iter()
                .flat_map(|(p, ..)| p.iter().map(String::as_str))
                .collect();
            words.sort_unstable();
            words.dedup();
            for w in words {
                *df.entry(w).or_default() += 1;
            }
        }
        let mut idx = WordIndex::default();
        let big = skills.len() >= BIG_CATALOG;
        for (i, pats) in per_skill.iter().enumerate() {
            for (stems, alias, derived, low) in pats {
                if stems.len() == 1 && low.chars().count() < MIN_STEM_CHARS {
                    continue;
                }
                let common = (*alias || *derived)
                    && stems.len() == 1
                    && df.get(stems[0].as_str()).copied().unwrap_or(0) >= GENERIC_SKILLS;
                if big && common && *alias {
                    idx.generic_stems.insert(stems[0].clone().into_boxed_str());
                }
                let generic = big && common || *alias && category(skills.len(), &skills[i]);
                // One-word aliases match literally only: their word forms
                // ("transforming" for "transformer") cost more than they find.
                if *alias && stems.len() == 1 {
                    continue;
                }
                let word = if stems.len() == 1 {
                    idx.words.push(low.clone().into_boxed_str());
                    Some(idx.words.len() as u32 - 1)
                } else {
                    None
                };
                let entry = Entry {
                    skill: i as u32,
                    generic,
                    alias: *alias,
                    word,
                };
                idx.seq
                    .entry(stems.join("\u{1}").into_boxed_str())
                    .or_insert(entry);
                // Word order for names only: an alias in another order is
                // too often another skill ("team development").
                if !*alias
                    && (2..=3).contains(&stems.len())
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
        if big {
            idx.objects = object::Objects::build(&per_skill);
        }
        idx
    }

    /// The word-level candidates in `text`: `(start, end, rank, entry)` with
    /// byte offsets; rank 1 for words in order, 2 for another order, 3 for
    /// an object without its verb.
    pub(crate) fn candidates(&self, text: &str, out: &mut Vec<(usize, usize, u8, Entry)>) {
        if self.seq.is_empty() {
            return;
        }
        let mut st = Stems::new();
        let words: Vec<Word> = word_spans(text)
            .into_iter()
            .map(|(start, end)| Word {
                start,
                end,
                stem: st.stem(&text[start..end]),
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
                    let form_ok = match en.word {
                        Some(w) => same_word(&text[s..e], &self.words[w as usize]),
                        None => true,
                    };
                    if form_ok {
                        out.push((s, e, 1, en));
                    }
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
        let spans: Vec<(usize, usize, &str)> = words
            .iter()
            .map(|w| (w.start, w.end, w.stem.as_str()))
            .collect();
        self.objects.candidates(text, &spans, out);
    }

    /// Whether a one-word alias (lowered) is generic: its stem is a generic
    /// alias's stem.
    pub(crate) fn is_generic_alias(&self, st: &mut Stems, alias: &str) -> bool {
        if self.generic_stems.is_empty() {
            return false;
        }
        match pattern_stems(st, alias) {
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
        let mut st = Stems::new();
        assert_eq!(
            pattern_stems(&mut st, "model monitoring"),
            Some(vec!["model".into(), "monitor".into()])
        );
        assert_eq!(pattern_stems(&mut st, "C++"), None);
        assert_eq!(pattern_stems(&mut st, "Node.js"), None);
        assert_eq!(
            without_qualifier("Java (computer programming)"),
            Some("Java")
        );
        assert_eq!(without_qualifier("(x)"), None);
        assert!(same_word("Monitoring", "monitor") && same_word("managing", "manage"));
        assert!(!same_word("electrical", "electricity") && !same_word("crafted", "crafting"));
        assert!(same_word("Salaries", "salary") && same_word("planning", "plan"));
        assert!(same_word("embedding", "embeddings") && same_word("used", "use"));
        assert!(!same_word("solids", "solidity") && !same_word("solid", "solidity"));
        assert!(!same_word("communicate", "communication"));
    }
}
