//! Finding catalog entries by name (SPEC 4, "Finding by name"):
//! [`Catalog::find_roles`] and [`Catalog::find_skills`] rank the roles or
//! skills whose id, name or an alias (skills only; roles have none) matches a
//! query, and the same search makes the suggestions of
//! [`Error::UnknownRole`](crate::Error::UnknownRole) and
//! [`Error::UnknownSkill`](crate::Error::UnknownSkill) name entries by name.
//!
//! The scoring rule is documented on [`Found`].
//!
//! # Cost
//!
//! The index (distinct tokens, sorted, with the strings that hold each) is
//! built on the first search of each kind and kept in the catalog. A query
//! looks tokens up by binary search (equal and prefix), compares each query
//! token with the indexed tokens of similar length (within two characters),
//! and scores only the strings that share a matched token: linear in the
//! catalog at worst, never quadratic. Only the first 16 distinct tokens of a
//! query are used, tokens longer than 64 characters are matched exactly or by
//! prefix only, and a query longer than 256 characters is not compared as a
//! whole.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::csr::Csr;

/// One entry found by [`Catalog::find_roles`] or [`Catalog::find_skills`].
///
/// # Scoring
///
/// Strings are compared case-insensitively (each character through its
/// simple lowercase mapping where that is one character, as the text matcher
/// does) and split into tokens at every character that is not alphanumeric.
///
/// - **Exact**: the trimmed query equals an id, name or alias: score 1.0,
///   before every other result.
/// - Otherwise each string of an entry gets `0.99 × max(token, whole)`:
///   - `token`: each query token is scored against the string's best token
///     (1.0 equal; `0.7 + 0.2 × |q| / |t|` when the string's token starts with
///     it and the query token has two characters or more; else, for query
///     tokens of 3 to 64 characters, `1 − edits / longer length` by optimal
///     string alignment when that is at least 0.66: one typo in a word of
///     three letters, two in six). The mean over the query's tokens is multiplied by
///     `0.8 + 0.2 × share of the string's tokens matched`, so among strings
///     that contain the whole query the shorter comes first.
///   - `whole`: `1 − edits / longer length` between the query and the string
///     as token sequences joined by single spaces (typos that merge or split
///     words), only for strings that share a matched token with the query.
///
///   An entry scores its best string; entries below 0.5 are left out.
/// - Ties are broken by id, so the order depends only on the catalog and the
///   query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Found {
    /// The role or skill id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// How well it matches, in (0, 1]: 1.0 for an exact (case-insensitive)
    /// id, name or alias match only.
    pub score: f64,
}

/// Query tokens used at most (distinct, in query order).
const MAX_QUERY_TOKENS: usize = 16;
/// The longest token (in characters) compared with typos.
const MAX_FUZZY_TOKEN: usize = 64;
/// The longest query (in characters) compared as a whole.
const MAX_WHOLE: usize = 256;
/// Entries scoring below this are left out.
const MIN_SCORE: f64 = 0.5;
/// The least similarity of two tokens that counts as a typo match.
const MIN_TOKEN_SIM: f64 = 0.66;
/// The factor of every score that is not an exact match (keeps it below 1).
const NOT_EXACT: f64 = 0.99;

/// The lazily built search indexes of a catalog, one per kind of entry.
#[derive(Debug, Clone, Default)]
pub(crate) struct Indexes {
    roles: OnceLock<Index>,
    skills: OnceLock<Index>,
}

/// One kind's index.
#[derive(Debug, Clone)]
struct Index {
    /// Each lowered, trimmed id, name and alias -> the entries that have it
    /// (ascending).
    exact: HashMap<String, Vec<u32>>,
    /// The distinct tokens of all strings, sorted.
    vocab: Vec<String>,
    /// Each token's length in characters and [`char_mask`].
    vocab_info: Vec<(u32, u64)>,
    /// Vocabulary ids by token length in characters (tokens up to
    /// `MAX_FUZZY_TOKEN + 2`).
    by_len: Csr<u32>,
    /// Vocabulary id -> the strings holding that token.
    postings: Csr<u32>,
    /// String -> its distinct tokens (vocabulary ids).
    tokens: Csr<u32>,
    /// Each indexed string: its entry, its tokens joined by spaces, that
    /// text's length in characters and its [`char_mask`].
    strings: Vec<(u32, String, usize, u64)>,
}

/// Lowercases each character by its simple mapping (itself when that is not
/// one character).
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut it = c.to_lowercase();
            match (it.next(), it.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        })
        .collect()
}

/// Whether `name` (surrounding whitespace ignored) folds to the same text
/// as `id`.
pub(crate) fn folds_to(id: &str, name: &str) -> bool {
    fold(name.trim()) == fold(id)
}

/// The tokens of a lowered string: maximal runs of alphanumeric characters.
fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
}

/// The set of a text's characters, each hashed to one of 64 bits. One edit
/// changes at most two bits, so half the differing bits (rounded up) is a
/// lower bound on the edits between two texts.
fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | 1 << (c as u32 % 64))
}

/// `1 − edits / longer length` (optimal string alignment), or 0 when the
/// lengths and [`char_mask`]s already rule out reaching `at_least`.
fn similarity(a: (&str, usize, u64), b: (&str, usize, u64), at_least: f64) -> f64 {
    let longer = a.1.max(b.1);
    if longer == 0 {
        return 1.0;
    }
    let bound =
        a.1.abs_diff(b.1)
            .max((a.2 ^ b.2).count_ones().div_ceil(2) as usize);
    if 1.0 - bound as f64 / longer as f64 <= at_least {
        return 0.0;
    }
    1.0 - strsim::osa_distance(a.0, b.0) as f64 / longer as f64
}

impl Index {
    /// Indexes the strings of each entry (entry `i` = the `i`th item).
    fn build<'a, I, S>(entries: I) -> Self
    where
        I: Iterator<Item = S>,
        S: Iterator<Item = &'a str>,
    {
        let mut exact: HashMap<String, Vec<u32>> = HashMap::new();
        let mut strings: Vec<(u32, String, usize, u64)> = Vec::new();
        // Tokens numbered in order of first appearance, renumbered sorted below.
        let mut interned: HashMap<String, u32> = HashMap::new();
        let mut string_tokens: Vec<Vec<u32>> = Vec::new();
        for (e, texts) in entries.enumerate() {
            let e = e as u32;
            let first = strings.len();
            for text in texts {
                let lowered = fold(text.trim());
                if lowered.is_empty() {
                    continue;
                }
                let norm = tokens(&lowered).collect::<Vec<_>>().join(" ");
                if !norm.is_empty() && !strings[first..].iter().any(|s| s.1 == norm) {
                    let mut toks: Vec<u32> = tokens(&norm)
                        .map(|t| {
                            let next = interned.len() as u32;
                            *interned.entry(t.to_string()).or_insert(next)
                        })
                        .collect();
                    toks.sort_unstable();
                    toks.dedup();
                    let chars = norm.chars().count();
                    let mask = char_mask(&norm);
                    strings.push((e, norm, chars, mask));
                    string_tokens.push(toks);
                }
                let ids = exact.entry(lowered).or_default();
                if ids.last() != Some(&e) {
                    ids.push(e);
                }
            }
        }
        let mut vocab: Vec<(String, u32)> = interned.into_iter().collect();
        vocab.sort_unstable();
        let mut renumber = vec![0u32; vocab.len()];
        for (new, (_, old)) in vocab.iter().enumerate() {
            renumber[*old as usize] = new as u32;
        }
        let vocab: Vec<String> = vocab.into_iter().map(|(t, _)| t).collect();
        let mut tokens = Csr::with_capacity(strings.len(), vocab.len());
        let mut pairs = Vec::new();
        for (s, toks) in string_tokens.iter().enumerate() {
            for &t in toks {
                let v = renumber[t as usize];
                tokens.push(v);
                pairs.push((v, s as u32));
            }
            tokens.end_row();
        }
        let postings = Csr::from_pairs(vocab.len(), &pairs);
        let vocab_info: Vec<(u32, u64)> = vocab
            .iter()
            .map(|t| (t.chars().count() as u32, char_mask(t)))
            .collect();
        let len_pairs: Vec<(u32, u32)> = vocab_info
            .iter()
            .enumerate()
            .map(|(v, &(len, _))| (len, v as u32))
            .collect();
        let by_len = Csr::from_pairs(MAX_FUZZY_TOKEN + 3, &len_pairs);
        Index {
            exact,
            vocab,
            vocab_info,
            by_len,
            postings,
            tokens,
            strings,
        }
    }

    /// The indexed tokens that a query token matches, with their similarity.
    fn token_matches(&self, q: &str) -> HashMap<u32, f64> {
        let n = q.chars().count();
        let mut out = HashMap::new();
        let start = self.vocab.partition_point(|v| v.as_str() < q);
        // Equal, then the tokens it begins (one-character tokens: equal only).
        let prefixes = if n >= 2 { usize::MAX } else { 1 };
        for (i, v) in self.vocab[start..].iter().enumerate().take(prefixes) {
            if !v.starts_with(q) {
                break;
            }
            let sim = if v == q {
                1.0
            } else {
                0.7 + 0.2 * n as f64 / f64::from(self.vocab_info[start + i].0)
            };
            out.insert((start + i) as u32, sim);
        }
        if (3..=MAX_FUZZY_TOKEN).contains(&n) {
            let query = (q, n, char_mask(q));
            for len in n - 2..=n + 2 {
                for &v in self.by_len.row(len) {
                    let (_, mask) = self.vocab_info[v as usize];
                    let token = (self.vocab[v as usize].as_str(), len, mask);
                    let sim = similarity(query, token, MIN_TOKEN_SIM - 1e-9);
                    if sim >= MIN_TOKEN_SIM {
                        let best = out.entry(v).or_insert(sim);
                        *best = best.max(sim);
                    }
                }
            }
        }
        out
    }

    /// The entries matching `query` with their scores, unsorted.
    fn search(&self, query: &str) -> HashMap<u32, f64> {
        let lowered = fold(query.trim());
        let mut best: HashMap<u32, f64> = HashMap::new();
        if lowered.is_empty() {
            return best;
        }
        let all: Vec<&str> = tokens(&lowered).collect();
        let mut distinct: Vec<&str> = Vec::new();
        for &t in &all {
            if distinct.len() == MAX_QUERY_TOKENS {
                break;
            }
            if !distinct.contains(&t) {
                distinct.push(t);
            }
        }
        let matches: Vec<HashMap<u32, f64>> =
            distinct.iter().map(|q| self.token_matches(q)).collect();
        let mut candidates: Vec<u32> = matches
            .iter()
            .flat_map(|m| m.keys())
            .flat_map(|&v| self.postings.row(v as usize))
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let whole = all.join(" ");
        let whole_len = whole.chars().count();
        let whole = (whole.as_str(), whole_len, char_mask(&whole));
        for s in candidates {
            let toks = self.tokens.row(s as usize);
            let (entry, text, len, mask) = &self.strings[s as usize];
            let found: f64 = matches
                .iter()
                .map(|m| {
                    toks.iter()
                        .filter_map(|t| m.get(t))
                        .fold(0.0, |a: f64, &b| a.max(b))
                })
                .sum();
            let covered = toks
                .iter()
                .filter(|t| matches.iter().any(|m| m.contains_key(t)))
                .count();
            let token =
                found / matches.len() as f64 * (0.8 + 0.2 * covered as f64 / toks.len() as f64);
            let whole_sim = if whole_len <= MAX_WHOLE {
                let floor = token.max(MIN_SCORE / NOT_EXACT);
                similarity(whole, (text, *len, *mask), floor)
            } else {
                0.0
            };
            let score = NOT_EXACT * token.max(whole_sim);
            if score >= MIN_SCORE {
                let b = best.entry(*entry).or_insert(score);
                *b = b.max(score);
            }
        }
        if let Some(entries) = self.exact.get(&lowered) {
            for &e in entries {
                best.insert(e, 1.0);
            }
        }
        best
    }
}

/// The best `limit` of `scores`, by score (descending) then id.
fn ranked<'a>(
    scores: HashMap<u32, f64>,
    limit: usize,
    entry: impl Fn(u32) -> (&'a str, &'a str),
) -> Vec<Found> {
    let mut rows: Vec<(f64, &str, &str)> = scores
        .into_iter()
        .map(|(e, s)| {
            let (id, name) = entry(e);
            (s, id, name)
        })
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    rows.truncate(limit);
    rows.into_iter()
        .map(|(score, id, name)| Found {
            id: id.to_string(),
            name: name.to_string(),
            score,
        })
        .collect()
}

impl Catalog {
    fn role_finder(&self) -> &Index {
        self.find.roles.get_or_init(|| {
            Index::build(
                self.roles()
                    .iter()
                    .map(|r| [r.id.as_str(), r.name.as_str()].into_iter()),
            )
        })
    }

    fn skill_finder(&self) -> &Index {
        self.find.skills.get_or_init(|| {
            Index::build(self.skills().iter().map(|s| {
                [s.id.as_str(), s.name.as_str()]
                    .into_iter()
                    .chain(s.aliases.iter().map(String::as_str))
            }))
        })
    }

    /// The roles whose id or name matches `query`, best first, at most
    /// `limit` of them.
    ///
    /// An exact case-insensitive match of the id or name scores 1.0 and comes
    /// first; other matches (words of the name, word prefixes, typos) score
    /// below 1 as [`Found`] documents; ties go by id. An
    /// empty or blank query, or `limit` 0, finds nothing.
    ///
    /// Complexity: the first call builds an index of the roles' words
    /// (linear in the catalog); a query then costs about one comparison per
    /// indexed word of similar length plus one per role sharing a word.
    ///
    /// ```
    /// let cat = gap_core::Catalog::default();
    /// let found = cat.find_roles("machine lerning engineer", 3);
    /// assert!(found.iter().any(|f| f.id == "ml-engineer"));
    /// let exact = cat.find_roles("ML-ENGINEER", 1);
    /// assert_eq!((exact[0].id.as_str(), exact[0].score), ("ml-engineer", 1.0));
    /// assert!(cat.find_roles("  ", 10).is_empty());
    /// ```
    pub fn find_roles(&self, query: &str, limit: usize) -> Vec<Found> {
        if limit == 0 {
            return Vec::new();
        }
        let roles = self.roles();
        ranked(self.role_finder().search(query), limit, |e| {
            let r = &roles[e as usize];
            (r.id.as_str(), r.name.as_str())
        })
    }

    /// The skills whose id, name or an alias matches `query`, best first, at
    /// most `limit` of them; scored and ordered as
    /// [`find_roles`](Catalog::find_roles) does.
    ///
    /// ```
    /// let cat = gap_core::Catalog::default();
    /// let found = cat.find_skills("pyhton", 3);
    /// assert_eq!(found[0].id, "python");
    /// assert!(found[0].score < 1.0);
    /// ```
    pub fn find_skills(&self, query: &str, limit: usize) -> Vec<Found> {
        if limit == 0 {
            return Vec::new();
        }
        let skills = self.skills();
        ranked(self.skill_finder().search(query), limit, |e| {
            let s = &skills[e as usize];
            (s.id.as_str(), s.name.as_str())
        })
    }

    /// The skills (catalog indices, ascending) whose id, name or an alias
    /// equals `name` case-insensitively (each character folded as
    /// [`Found`] says, surrounding whitespace ignored).
    pub(crate) fn skills_named(&self, name: &str) -> &[u32] {
        self.skill_finder()
            .exact
            .get(&fold(name.trim()))
            .map_or(&[], Vec::as_slice)
    }

    /// Suggestions for an unknown role id, by id and by name.
    pub(crate) fn role_suggestions(&self, id: &str) -> Vec<String> {
        let by_id = crate::suggest::suggest(id, self.roles().iter().map(|r| r.id.as_str()));
        if id.chars().count() > crate::suggest::MAX_SUGGEST_LEN {
            return by_id;
        }
        crate::suggest::combine(&self.find_roles(id, 3), by_id)
    }

    /// Suggestions for an unknown skill id, by id and by name or alias.
    pub(crate) fn skill_suggestions(&self, id: &str) -> Vec<String> {
        let by_id = crate::suggest::suggest(id, self.skills().iter().map(|s| s.id.as_str()));
        if id.chars().count() > crate::suggest::MAX_SUGGEST_LEN {
            return by_id;
        }
        crate::suggest::combine(&self.find_skills(id, 3), by_id)
    }
}
