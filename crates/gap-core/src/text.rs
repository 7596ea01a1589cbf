//! Finding catalog skills in free text (SPEC 4, "Text matching"): the lazily
//! built matcher behind [`Catalog::match_text`] (default: word forms, word
//! order, generic aliases, case; `text/words`; objects without their verb,
//! `text/object`) and
//! [`Catalog::match_text_literal`]. Postings become roles in `posting`.
//!
//! Matching is case-insensitive through a per-character simple lowercase
//! mapping ([`lower_char`]) applied to both the patterns and the text;
//! aho-corasick's own case folding is ASCII-only, so the automaton is built
//! from lowered patterns and runs over a lowered copy of the text, with a map
//! from the copy's byte offsets back to the original's (a lowered character
//! can have a different UTF-8 length: `'K'` (Kelvin, 3 bytes) lowers to `'k'`).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::catalog::Catalog;
use crate::model::Skill;
use crate::results::TextMatch;

mod object;
mod words;

/// The simple lowercase mapping used for matching: `c.to_lowercase()` when it
/// is exactly one character, otherwise `c` itself (so `'İ'`, whose lowercase
/// is two characters, stays `'İ'`).
pub(crate) fn lower_char(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// A string lowered with [`lower_char`].
fn lower_str(s: &str) -> String {
    s.chars().map(lower_char).collect()
}

/// A text lowered with [`lower_char`] and the way back to the original's
/// byte offsets: the identity when every lowered character has its
/// original's UTF-8 length (always for ASCII), else a map with, for each
/// byte offset of the lowered text that starts a character (and its end),
/// the offset in the original.
pub(crate) struct Lowered {
    /// The lowered text.
    pub(crate) text: String,
    back: Option<Vec<usize>>,
}

impl Lowered {
    /// Lowers `text`.
    pub(crate) fn new(text: &str) -> Self {
        let mut low = String::with_capacity(text.len());
        let mut same = true;
        for c in text.chars() {
            let l = lower_char(c);
            same &= l.len_utf8() == c.len_utf8();
            low.push(l);
        }
        let back = (!same).then(|| {
            let mut back = Vec::with_capacity(low.len() + 1);
            for (off, c) in text.char_indices() {
                back.extend(std::iter::repeat_n(off, lower_char(c).len_utf8()));
            }
            back.push(text.len());
            back
        });
        Lowered { text: low, back }
    }

    /// The original's byte offset of the lowered text's offset `i` (a
    /// character boundary or the end).
    pub(crate) fn orig(&self, i: usize) -> usize {
        match &self.back {
            None => i,
            Some(b) => b[i],
        }
    }
}

/// The compiled matcher of a catalog: one automaton over the lowered ids,
/// names and aliases of every skill (each distinct lowered pattern once, owned
/// by the first skill in catalog order that has it), and the word index of
/// the default (non-literal) mode.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    /// `None` when the catalog has no non-empty pattern (or, in theory, when
    /// the automaton could not be built within aho-corasick's limits).
    automaton: Option<AhoCorasick>,
    /// The skill (catalog index) of each pattern.
    skill_of: Vec<u32>,
    /// Per pattern, the form it must have in the text in the default mode:
    /// a one- or two-character name written with capitals ("R", "Go").
    exact: Vec<Option<Box<str>>>,
    /// Per pattern, whether it is a generic one-word alias (default mode).
    generic: Vec<bool>,
    /// Per pattern, whether its owner has it as an alias only.
    alias_only: Vec<bool>,
    /// Per pattern owned as an alias only: the first skill whose id or name
    /// it is, which takes it in the default mode (a name beats an alias).
    name_owner: Vec<Option<u32>>,
    /// Word forms and word order (default mode).
    words: words::WordIndex,
}

/// On a tie of spans in the default mode, names (literal, word forms, word
/// order: ranks 0, 1, 2) come before aliases (this rank plus the same).
const ALIAS_RANK: u8 = 4;

/// The rank of an object found without its verb (`text/object`).
const OBJECT_RANK: u8 = 3;

/// Patterns of at most this many characters written with capitals match
/// only in that case in the default mode.
const CASE_CHARS: usize = 2;

impl Matcher {
    /// Builds the matcher for skills in catalog order.
    pub(crate) fn build(skills: &[Skill]) -> Self {
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut skill_of = Vec::new();
        let mut exact: Vec<Option<Box<str>>> = Vec::new();
        let mut alias_only: Vec<bool> = Vec::new();
        let mut name_owner: Vec<Option<u32>> = Vec::new();
        for (i, s) in skills.iter().enumerate() {
            let texts = [(s.id.as_str(), false), (s.name.as_str(), false)]
                .into_iter()
                .chain(s.aliases.iter().map(|a| (a.as_str(), true)));
            for (t, alias) in texts {
                let p = lower_str(t);
                // An empty pattern would match everywhere with no text.
                if p.is_empty() {
                    continue;
                }
                let ix = match seen.get(&p) {
                    Some(&ix) if skill_of[ix] as usize != i => {
                        if !alias && name_owner[ix].is_none() {
                            name_owner[ix] = Some(i as u32);
                        }
                        continue;
                    }
                    Some(&ix) => ix,
                    None => {
                        seen.insert(p.clone(), patterns.len());
                        patterns.push(p.clone());
                        skill_of.push(i as u32);
                        exact.push(None);
                        alias_only.push(true);
                        name_owner.push(None);
                        patterns.len() - 1
                    }
                };
                alias_only[ix] &= alias;
                if t != p && p.chars().count() <= CASE_CHARS && exact[ix].is_none() {
                    exact[ix] = Some(t.into());
                }
            }
        }
        let case_sensitive = |p: &str| seen.get(p).is_some_and(|&ix| exact[ix].is_some());
        // The automaton and the word index are built side by side.
        let (automaton, (words, generic)) = join(
            || automaton(&patterns),
            || {
                let words = words::WordIndex::build(skills, case_sensitive);
                let generic = crate::par::install(|| {
                    use crate::par::prelude::*;
                    let ix: Vec<usize> = (0..patterns.len()).collect();
                    ix.par_iter()
                        .map_init(words::Stems::new, |st, &i| {
                            let (p, k) = (&patterns[i], skill_of[i] as usize);
                            alias_only[i]
                                && (words::category(skills.len(), &skills[k])
                                    || words.is_generic_alias(st, p))
                        })
                        .collect::<Vec<bool>>()
                });
                (words, generic)
            },
        );
        // A name owner only matters where the owner has the pattern as an
        // alias only.
        for (n, &a) in name_owner.iter_mut().zip(&alias_only) {
            if !a {
                *n = None;
            }
        }
        Matcher {
            automaton,
            skill_of,
            exact,
            generic,
            alias_only,
            name_owner,
            words,
        }
    }

    /// The matches in `text`: `(skill index, start, end)` with byte offsets
    /// into `text`, left to right, without overlaps.
    ///
    /// Every occurrence of every pattern in the lowered text is found
    /// (overlapping search), those that are not whole words are dropped, and
    /// the rest are taken greedily by (start ascending, length descending),
    /// skipping any that start before the end of the last one taken. This is
    /// exactly "the whole-word occurrence that starts first, on a tie the
    /// longest; continue after its end". (Leftmost-longest search followed by
    /// a word check would not be: its choice can fail the check while a
    /// shorter pattern at the same start passes.)
    ///
    /// Unless `literal`, the candidates also include word-form and
    /// word-order matches (on a tie after literal ones), short capitalised
    /// patterns only match in their own case, generic one-word aliases
    /// only where their skill has another candidate in the text, and objects
    /// without their verb (`text/object`) only in the gaps left between the
    /// matches taken.
    pub(crate) fn find(&self, text: &str, literal: bool) -> Vec<(u32, usize, usize)> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let lowered = Lowered::new(text);
        // (start, end, rank, tie-break, skill, generic)
        let mut found: Vec<(usize, usize, u8, u32, u32, bool)> = Vec::new();
        for m in ac.find_overlapping_iter(lowered.text.as_str()) {
            // Patterns are whole characters of valid UTF-8, so a match starts
            // and ends on character boundaries of the lowered text.
            let (s, e) = (lowered.orig(m.start()), lowered.orig(m.end()));
            if !is_word_boundary(text, s, e) {
                continue;
            }
            let p = m.pattern().as_usize();
            if !literal && self.exact[p].as_deref().is_some_and(|f| &text[s..e] != f) {
                continue;
            }
            if literal {
                found.push((s, e, 0, p as u32, self.skill_of[p], false));
                continue;
            }
            let (skill, alias, generic) = match self.name_owner[p] {
                Some(k) => (k, false, false),
                None => (self.skill_of[p], self.alias_only[p], self.generic[p]),
            };
            let rank = if alias { ALIAS_RANK } else { 0 };
            found.push((s, e, rank, p as u32, skill, generic));
        }
        if !literal {
            let mut words = Vec::new();
            self.words.candidates(text, &mut words);
            found.extend(words.into_iter().map(|(s, e, r, en)| {
                let rank = if en.alias { ALIAS_RANK + r } else { r };
                (s, e, rank, en.skill, en.skill, en.generic)
            }));
            let backed: std::collections::HashSet<u32> =
                found.iter().filter(|c| !c.5).map(|c| c.4).collect();
            found.retain(|c| !c.5 || backed.contains(&c.4));
        }
        // Distinct patterns at the same start have distinct ends, so this
        // order is total on what matters.
        found.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then(b.1.cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        // Objects without their verb (rank OBJECT_RANK) only fill the gaps
        // between the other matches.
        let (objects, found): (Vec<_>, Vec<_>) =
            found.into_iter().partition(|c| c.2 == OBJECT_RANK);
        let mut out = Vec::new();
        let mut pos = 0usize;
        for (s, e, _, _, skill, _) in found {
            if s >= pos {
                out.push((skill, s, e));
                pos = e;
            }
        }
        if objects.is_empty() {
            return out;
        }
        let mut filled = Vec::with_capacity(out.len());
        let (mut k, mut pos) = (0usize, 0usize);
        for (s, e, _, _, skill, _) in objects {
            // The taken matches that end before this candidate starts.
            while k < out.len() && out[k].2 <= s {
                filled.push(out[k]);
                k += 1;
            }
            if s >= pos && out.get(k).is_none_or(|m| m.1 >= e) {
                filled.push((skill, s, e));
                pos = e;
            }
        }
        filled.extend_from_slice(&out[k..]);
        filled
    }
}

/// The automaton over the lowered patterns (`None` for none, or past
/// aho-corasick's limits).
fn automaton(patterns: &[String]) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    // A contiguous NFA: aho-corasick would pick a DFA for few patterns, whose
    // construction is quadratic in a long repetitive pattern (a 1 MB name of
    // one letter); the NFA stays linear.
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(patterns)
        .ok()
}

/// `a()` and `b()`, side by side on gap-core's pool with the `parallel`
/// feature.
fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    #[cfg(feature = "parallel")]
    {
        crate::par::install(|| rayon::join(a, b))
    }
    #[cfg(not(feature = "parallel"))]
    {
        (a(), b())
    }
}

/// The matchers of live catalogs by a fingerprint of their skills' ids,
/// names and aliases: catalogs with the same skills (one made by
/// `with_roles`, the same file loaded twice) share one matcher.
static SHARED: std::sync::Mutex<Vec<([u8; 32], std::sync::Weak<Matcher>)>> =
    std::sync::Mutex::new(Vec::new());

/// The BLAKE3 fingerprint of what the matcher is built from.
fn fingerprint(skills: &[Skill]) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    let mut put = |s: &str| {
        h.update(&(s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    for s in skills {
        put(&s.id);
        put(&s.name);
        put(&s.aliases.len().to_string());
        for a in &s.aliases {
            put(a);
        }
    }
    *h.finalize().as_bytes()
}

/// The matcher for `skills`: a live catalog's with the same skills, else a
/// new one (built once per set of skills while a catalog holds it).
pub(crate) fn shared_matcher(skills: &[Skill]) -> std::sync::Arc<Matcher> {
    use std::sync::{Arc, PoisonError};
    let key = fingerprint(skills);
    {
        let mut live = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
        live.retain(|(_, w)| w.strong_count() > 0);
        if let Some(m) = live
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, w)| w.upgrade())
        {
            return m;
        }
    }
    let m = Arc::new(Matcher::build(skills));
    let mut live = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
    live.push((key, Arc::downgrade(&m)));
    m
}

/// True when `text[start..end]` is neither preceded nor followed by an
/// alphanumeric character.
fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

impl Catalog {
    /// Finds the catalog's skills in free text (a job posting) with the
    /// default matcher, SPEC 4: the literal matches of
    /// [`match_text_literal`](Catalog::match_text_literal), and also
    ///
    /// - word forms: words compared by their English Snowball stems
    ///   ("deploying models" finds "deploy model"), for names and aliases made
    ///   of words joined by spaces or hyphens, and for names without a
    ///   trailing qualifier in parentheses ("Java (computer programming)" is
    ///   found as "Java"); one-word patterns shorter than four characters
    ///   match literally only, and a one-word name by its inflections only
    ///   ("salaries" for "salary", not "solids" for "Solidity");
    /// - word order: a two- or three-word id or name in another order
    ///   ("monitor models" finds "model monitoring");
    /// - generic aliases, on catalogs of 1,000 skills or more: a one-word
    ///   alias (or name without its qualifier) whose stem is a word of 25 or
    ///   more skills' patterns ("data" on ESCO), and every alias of a skill
    ///   with 10 aliases or more (a category: "PowerShell" for "computer
    ///   programming"), is found only where its skill is found by another
    ///   pattern too;
    /// - case: a one- or two-character name written with capitals ("R",
    ///   "Go") is found only in that case;
    /// - objects, on catalogs of 1,000 skills or more: a verb-object name
    ///   is found by its object alone where no other skill's name has that
    ///   object ("relationship with your stakeholders" finds "manage
    ///   relationships with stakeholders"; "a proactive mindset" finds
    ///   "think proactively"), only in the gaps between the other matches.
    ///
    /// At one start the longest match wins; on a tie, an id or name before
    /// an alias (a pattern that is one skill's name and an earlier skill's
    /// alias goes to the skill it names), then a literal match before a
    /// word-form one before a word-order one. One-word aliases match
    /// literally only. Matches never overlap, and
    /// `&text[m.start..m.end] == m.text` (byte offsets).
    ///
    /// Complexity: linear in the text (each word looks up at most eight
    /// windows) after the matcher is built on the first call.
    ///
    /// ```
    /// use gap_core::Catalog;
    /// let cat = Catalog::from_json(r#"{"skills": [
    ///   {"id": "mon", "name": "Model monitoring", "hours": 40},
    ///   {"id": "r", "name": "R", "hours": 40}]}"#)?;
    /// let m = cat.match_text("We monitor models in R; r is a letter");
    /// assert_eq!(m.len(), 2);
    /// assert_eq!((m[0].skill.as_str(), m[0].text.as_str()), ("mon", "monitor models"));
    /// assert_eq!((m[1].skill.as_str(), m[1].start), ("r", 21));
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn match_text(&self, text: &str) -> Vec<TextMatch> {
        self.matches(text, false)
    }

    /// Finds the catalog's skills in free text literally, SPEC 4 (Python
    /// `match_text(text, literal=True)`).
    ///
    /// Patterns are every skill's id, name and aliases; matching is
    /// case-insensitive per character (a character's lowercase when that is
    /// one character, else itself), whole words only (no alphanumeric
    /// character right before or after). Among the whole-word occurrences the
    /// one that starts first wins, on a tie the longest; the search goes on
    /// after its end. When two skills share a pattern, the first in catalog
    /// order owns it. Offsets are byte offsets into `text`, and
    /// `&text[m.start..m.end] == m.text`.
    ///
    /// The matcher (an aho-corasick automaton) is built on the first call and
    /// kept with the catalog; catalogs with the same skills (one made by
    /// `with_roles`) share it while one of them lives.
    ///
    /// Complexity: O(n + k) after the first call, for a text of n bytes with
    /// k pattern occurrences (overlapping ones included).
    ///
    /// ```
    /// use gap_core::Catalog;
    /// let cat = Catalog::from_json(r#"{"skills": [
    ///   {"id": "ml", "name": "Machine Learning", "hours": 40},
    ///   {"id": "mle", "name": "Machine Learning Engineering", "hours": 80}]}"#)?;
    /// let m = cat.match_text_literal("MACHINE LEARNING engineers wanted; ML a plus");
    /// assert_eq!(m.len(), 2);
    /// assert_eq!((m[0].skill.as_str(), m[0].text.as_str(), m[0].start, m[0].end),
    ///            ("ml", "MACHINE LEARNING", 0, 16));
    /// assert_eq!(m[1].text, "ML");
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn match_text_literal(&self, text: &str) -> Vec<TextMatch> {
        self.matches(text, true)
    }

    /// The matches of either mode as results.
    fn matches(&self, text: &str, literal: bool) -> Vec<TextMatch> {
        self.matcher()
            .find(text, literal)
            .into_iter()
            .map(|(skill, start, end)| TextMatch {
                skill: self.skills()[skill as usize].id.clone(),
                text: text[start..end].to_string(),
                start,
                end,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::format::ReqDef;

    fn cat(skills: &[(&str, &str, &[&str])]) -> Catalog {
        let skills: Vec<serde_json::Value> = skills
            .iter()
            .map(|(id, name, aliases)| {
                serde_json::json!({"id": id, "name": name, "aliases": aliases, "hours": 10})
            })
            .collect();
        Catalog::from_json(&serde_json::json!({ "skills": skills }).to_string())
            .expect("valid test catalog")
    }

    fn found(c: &Catalog, text: &str) -> Vec<(String, String, usize, usize)> {
        c.match_text_literal(text)
            .into_iter()
            .map(|m| (m.skill, m.text, m.start, m.end))
            .collect()
    }

    fn t(skill: &str, text: &str, start: usize, end: usize) -> (String, String, usize, usize) {
        (skill.into(), text.into(), start, end)
    }

    #[test]
    fn longest_whole_word_wins_not_longest_overall() {
        let c = cat(&[
            ("ml", "machine learning", &[]),
            ("mle", "machine learning engineering", &[]),
        ]);
        assert_eq!(
            found(&c, "machine learning engineers"),
            vec![t("ml", "machine learning", 0, 16)]
        );
        assert_eq!(
            found(&c, "Machine Learning Engineering!"),
            vec![t("mle", "Machine Learning Engineering", 0, 28)]
        );
    }

    #[test]
    fn whole_words_only() {
        let c = cat(&[("r", "R", &[]), ("go", "Go", &["golang"])]);
        assert_eq!(
            found(&c, "Rust, R, go-to golang; ago"),
            vec![
                t("r", "R", 6, 7),
                t("go", "go", 9, 11),
                t("go", "golang", 15, 21)
            ]
        );
        // Letters of any script count as word characters.
        assert!(found(&c, "éR Rß 1go go2").is_empty());
    }

    #[test]
    fn case_insensitive_beyond_ascii_and_offsets_into_original() {
        let c = cat(&[("sigma", "σπ", &[]), ("kelvin", "k", &[]), ("dz", "ǆ", &[])]);
        // 'Σ' lowers to 'σ'; the Kelvin sign (3 bytes) lowers to 'k' (1 byte);
        // titlecase 'ǅ' lowers to 'ǆ'.
        let text = "ΣΠ \u{212A} ǅ";
        let m = found(&c, text);
        assert_eq!(
            m,
            vec![
                t("sigma", "ΣΠ", 0, 4),
                t("kelvin", "\u{212A}", 5, 8),
                t("dz", "ǅ", 9, 11)
            ]
        );
        for (_, s, a, b) in &m {
            assert_eq!(&text[*a..*b], s);
        }
    }

    #[test]
    fn multi_char_lowercase_stays_itself() {
        // 'İ'.to_lowercase() is "i̇" (two chars): it is compared as itself.
        let c = cat(&[("istanbul", "İstanbul", &[]), ("izmir", "izmir", &[])]);
        assert_eq!(
            found(&c, "İSTANBUL İzmir"),
            vec![t("istanbul", "İSTANBUL", 0, 9)]
        );
        assert_eq!(lower_char('İ'), 'İ');
        assert_eq!(lower_char('ẞ'), 'ß');
    }

    #[test]
    fn shared_pattern_goes_to_first_skill() {
        let c = cat(&[
            ("aws", "Amazon Web Services", &["cloud"]),
            ("gcp", "Google Cloud", &["Cloud"]),
        ]);
        assert_eq!(found(&c, "CLOUD"), vec![t("aws", "CLOUD", 0, 5)]);
        assert_eq!(
            found(&c, "google cloud"),
            vec![t("gcp", "google cloud", 0, 12)]
        );
    }

    #[test]
    fn continues_after_end_without_overlaps() {
        let c = cat(&[("ab", "a b", &[]), ("bc", "b c", &[])]);
        assert_eq!(found(&c, "a b c"), vec![t("ab", "a b", 0, 3)]);
        assert_eq!(
            found(&c, "a b b c"),
            vec![t("ab", "a b", 0, 3), t("bc", "b c", 4, 7)]
        );
    }

    #[test]
    fn punctuation_patterns_and_empty_inputs() {
        // (An empty alias is a catalog error since issue 17: none here.)
        let c = cat(&[("cpp", "C++", &["c plus plus"]), ("c", "C", &[])]);
        assert_eq!(
            found(&c, "C++ and C, not C++x"),
            vec![
                t("cpp", "C++", 0, 3),
                t("c", "C", 8, 9),
                t("c", "C", 15, 16)
            ]
        );
        assert!(found(&c, "").is_empty());
        let empty = Catalog::from_json("{}").expect("empty catalog");
        assert!(empty.match_text("anything").is_empty());
    }

    #[test]
    fn role_from_text_lists_skills_once_in_order() {
        let c = cat(&[
            ("python", "Python", &["python3"]),
            ("sql", "SQL", &[]),
            ("docker", "Docker", &[]),
        ]);
        let r = c
            .role_from_text("SQL, Python3, sql again, Docker", "job-1", Some("Job"))
            .expect("valid id");
        assert_eq!(r.id, "job-1");
        assert_eq!(r.name, "Job");
        assert_eq!(
            r.requires,
            vec![
                ReqDef::from("sql"),
                ReqDef::from("python"),
                ReqDef::from("docker")
            ]
        );
        assert!(r.optional.is_empty());
        // The role is usable as a target and as a new role.
        assert!(c.with_roles(vec![r]).is_ok());
        assert!(matches!(
            c.role_from_text("sql", "Bad Id", None),
            Err(Error::InvalidArgument(_))
        ));
        // No skill found: an error naming the posting.
        let none = c.role_from_text("nothing here", "x", None);
        assert!(matches!(none, Err(Error::InvalidArgument(m)) if m.contains("`x`")));
    }

    #[test]
    fn posting_against_the_default_catalog() {
        let c = Catalog::default();
        let text = "Senior ML Engineer: Python 3 and SQL queries, PyTorch, Docker Compose \
                    and Kubernetes (EKS) on AWS; GitHub. Pythonistas welcome.";
        let m = c.match_text(text);
        let skills: Vec<&str> = m.iter().map(|m| m.skill.as_str()).collect();
        for want in [
            "python",
            "sql",
            "pytorch",
            "docker",
            "kubernetes",
            "aws",
            "git",
        ] {
            assert!(skills.contains(&want), "{want} not in {skills:?}");
        }
        // Longest whole-word alias wins: "Python 3", "SQL queries", "Docker Compose".
        let texts: Vec<&str> = m.iter().map(|m| m.text.as_str()).collect();
        for want in ["Python 3", "SQL queries", "Docker Compose", "EKS"] {
            assert!(texts.contains(&want), "{want} not in {texts:?}");
        }
        // "Pythonistas" is not a whole-word match of Python.
        assert!(!texts.iter().any(|t| t.starts_with("Pythonista")));
        for x in &m {
            assert_eq!(&text[x.start..x.end], x.text);
        }
        let role = c.role_from_text(text, "posting", None).expect("valid id");
        assert_eq!(
            role.requires.len(),
            skills
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        );
        assert!(c.resolve_target(&crate::Target::Role(role)).is_ok());
    }

    /// Realistic 2026 ML-engineer posting sentences on the embedded catalog:
    /// the default matcher keeps every literal match's skill and adds the
    /// word forms and word orders.
    #[test]
    fn default_matcher_on_realistic_ml_postings() {
        let c = Catalog::default();
        let sentences = [
            "You will deploy models to production, monitor models for drift and track experiments in MLflow.",
            "Build the embedding pipeline (sentence embeddings, vector search) behind our RAG assistant.",
            "Strong Python, SQL and PyTorch; Kubernetes (EKS) on AWS; CI/CD with GitHub Actions.",
            "Nice to have: ONNX/TensorRT, LangChain or LlamaIndex, Go or Rust.",
            "Experience with Docker Compose, Terraform and model serving with KServe or Triton.",
        ];
        let skills = |ms: Vec<TextMatch>| -> std::collections::BTreeSet<String> {
            ms.into_iter().map(|m| m.skill).collect()
        };
        for text in sentences {
            let literal = skills(c.match_text_literal(text));
            let default = skills(c.match_text(text));
            assert!(
                literal.is_subset(&default),
                "{text}: {literal:?} vs {default:?}"
            );
            let mut last = 0;
            for m in c.match_text(text) {
                assert_eq!(&text[m.start..m.end], m.text);
                assert!(m.start >= last);
                last = m.end;
            }
        }
        let first = skills(c.match_text(sentences[0]));
        for want in ["model-serving", "model-monitoring", "experiment-tracking"] {
            assert!(first.contains(want), "{want} not in {first:?}");
        }
        assert!(skills(c.match_text(sentences[1])).contains("embeddings"));
        // "Go" with a capital is the language; "go" is a verb.
        let c = cat(&[("go", "Go", &[]), ("r", "R", &[])]);
        assert_eq!(skills(c.match_text("Go or R")).len(), 2);
        assert!(c.match_text("we go to r").is_empty());
        assert_eq!(found(&c, "we go to r").len(), 2);
    }

    #[test]
    fn names_beat_aliases_and_generic_rules_need_a_big_catalog() {
        // "saas" is the name of the second skill and an alias of the first.
        let c = cat(&[
            ("soa", "service-oriented modelling", &["SaaS"]),
            ("saas", "SaaS", &[]),
        ]);
        assert_eq!(found(&c, "SaaS"), vec![t("soa", "SaaS", 0, 4)]);
        assert_eq!(
            c.match_text("SaaS")
                .into_iter()
                .map(|m| m.skill)
                .collect::<Vec<_>>(),
            ["saas"]
        );
        // One-word aliases match literally only; names take word forms.
        let c = cat(&[
            ("ops", "Operations", &["deployer"]),
            ("emb", "embedding", &[]),
        ]);
        let got: Vec<String> = c
            .match_text("deployers, deployer and embeddings")
            .into_iter()
            .map(|m| m.text)
            .collect();
        assert_eq!(got, ["deployer", "embeddings"]);
    }

    #[test]
    fn catalog_with_matcher_is_send_and_sync() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Catalog>();
        send_sync::<Matcher>();
    }

    #[test]
    fn matcher_is_built_lazily_and_survives_clone() {
        let c = cat(&[("sql", "SQL", &[])]);
        assert!(c.matcher.get().is_none());
        let _ = c.match_text("sql");
        assert!(c.matcher.get().is_some());
        let c2 = c.clone();
        assert_eq!(found(&c2, "SQL").len(), 1);
    }
}
