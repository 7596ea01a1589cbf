//! Finding catalog skills in free text (SPEC 4, "Text matching"): the lazily
//! built matcher behind [`Catalog::match_text`] and roles made from a job
//! posting ([`Catalog::role_from_text`]).
//!
//! Matching is case-insensitive through a per-character simple lowercase
//! mapping ([`lower_char`]) applied to both the patterns and the text;
//! aho-corasick's own case folding is ASCII-only, so the automaton is built
//! from lowered patterns and runs over a lowered copy of the text, with a map
//! from the copy's byte offsets back to the original's (a lowered character
//! can have a different UTF-8 length: `'K'` (Kelvin, 3 bytes) lowers to `'k'`).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::format::{ReqDef, RoleDef};
use crate::model::Skill;
use crate::results::TextMatch;

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

/// The compiled matcher of a catalog: one automaton over the lowered ids,
/// names and aliases of every skill (each distinct lowered pattern once, owned
/// by the first skill in catalog order that has it).
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    /// `None` when the catalog has no non-empty pattern (or, in theory, when
    /// the automaton could not be built within aho-corasick's limits).
    automaton: Option<AhoCorasick>,
    /// The skill (catalog index) of each pattern.
    skill_of: Vec<u32>,
}

impl Matcher {
    /// Builds the matcher for skills in catalog order.
    pub(crate) fn build(skills: &[Skill]) -> Self {
        let mut seen = std::collections::HashSet::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut skill_of = Vec::new();
        for (i, s) in skills.iter().enumerate() {
            let texts = [s.id.as_str(), s.name.as_str()]
                .into_iter()
                .chain(s.aliases.iter().map(String::as_str));
            for t in texts {
                let p = lower_str(t);
                // An empty pattern would match everywhere with no text.
                if !p.is_empty() && seen.insert(p.clone()) {
                    patterns.push(p);
                    skill_of.push(i as u32);
                }
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            // A contiguous NFA: aho-corasick would pick a DFA for few
            // patterns, whose construction is quadratic in a long repetitive
            // pattern (a 1 MB name of one letter); the NFA stays linear.
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&patterns)
                .ok()
        };
        Matcher {
            automaton,
            skill_of,
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
    pub(crate) fn find(&self, text: &str) -> Vec<(u32, usize, usize)> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        // The lowered text and, for each of its byte offsets that starts a
        // character (and its end), the offset in the original.
        let mut lowered = String::with_capacity(text.len());
        let mut back = vec![0usize; 0];
        back.reserve(text.len() + 1);
        for (off, c) in text.char_indices() {
            let l = lower_char(c);
            let n = l.len_utf8();
            lowered.push(l);
            back.extend(std::iter::repeat_n(off, n));
        }
        back.push(text.len());

        let mut found: Vec<(usize, usize, u32)> = Vec::new();
        for m in ac.find_overlapping_iter(lowered.as_str()) {
            // Patterns are whole characters of valid UTF-8, so a match starts
            // and ends on character boundaries of the lowered text.
            let (s, e) = (back[m.start()], back[m.end()]);
            if is_word_boundary(text, s, e) {
                found.push((s, e, m.pattern().as_u32()));
            }
        }
        // Distinct patterns at the same start have distinct ends, so this
        // order is total on what matters.
        found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut out = Vec::new();
        let mut pos = 0usize;
        for (s, e, p) in found {
            if s >= pos {
                out.push((self.skill_of[p as usize], s, e));
                pos = e;
            }
        }
        out
    }
}

/// True when `text[start..end]` is neither preceded nor followed by an
/// alphanumeric character.
fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

impl Catalog {
    /// Finds the catalog's skills in free text (a job posting), SPEC 4.
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
    /// kept with the catalog.
    ///
    /// Complexity: O(n + k) after the first call, for a text of n bytes with
    /// k pattern occurrences (overlapping ones included).
    ///
    /// ```
    /// use gap_core::Catalog;
    /// let cat = Catalog::from_json(r#"{"skills": [
    ///   {"id": "ml", "name": "Machine Learning", "hours": 40},
    ///   {"id": "mle", "name": "Machine Learning Engineering", "hours": 80}]}"#)?;
    /// let m = cat.match_text("MACHINE LEARNING engineers wanted; ML a plus");
    /// assert_eq!(m.len(), 2);
    /// assert_eq!((m[0].skill.as_str(), m[0].text.as_str(), m[0].start, m[0].end),
    ///            ("ml", "MACHINE LEARNING", 0, 16));
    /// assert_eq!(m[1].text, "ML");
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn match_text(&self, text: &str) -> Vec<TextMatch> {
        self.matcher()
            .find(text)
            .into_iter()
            .map(|(skill, start, end)| TextMatch {
                skill: self.skills()[skill as usize].id.clone(),
                text: text[start..end].to_string(),
                start,
                end,
            })
            .collect()
    }

    /// Makes a role from a job posting: the skills found by
    /// [`match_text`](Catalog::match_text) become its essential requirements
    /// (each once, at level 1, in order of first appearance). `name` defaults
    /// to `"Role from text"`.
    ///
    /// The result is a definition: use it as a query target
    /// ([`Target::Role`](crate::Target::Role)) or add it with
    /// [`with_roles`](Catalog::with_roles).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `id` is not a valid id
    /// (`[a-z0-9][a-z0-9_.+-]*`).
    ///
    /// ```
    /// use gap_core::Catalog;
    /// let cat = Catalog::from_json(r#"{"skills": [
    ///   {"id": "python", "name": "Python", "hours": 40},
    ///   {"id": "sql", "name": "SQL", "hours": 20}]}"#)?;
    /// let role = cat.role_from_text("SQL and Python; more sql", "posting", None)?;
    /// assert_eq!(role.requires, vec!["sql".into(), "python".into()]);
    /// assert_eq!(role.name, "Role from text");
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn role_from_text(&self, text: &str, id: &str, name: Option<&str>) -> Result<RoleDef> {
        if !crate::reference::is_valid_id(id) {
            return Err(Error::InvalidArgument(format!(
                "`{id}` is not a valid role id (ids match [a-z0-9][a-z0-9_.+-]*)"
            )));
        }
        let mut seen = vec![false; self.skills().len()];
        let mut requires = Vec::new();
        for (skill, _, _) in self.matcher().find(text) {
            if !std::mem::replace(&mut seen[skill as usize], true) {
                requires.push(ReqDef::Ref(self.skills()[skill as usize].id.clone()));
            }
        }
        Ok(RoleDef {
            id: id.to_string(),
            name: name.unwrap_or("Role from text").to_string(),
            requires,
            ..RoleDef::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        c.match_text(text)
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
        let c = cat(&[("cpp", "C++", &["", "c plus plus"]), ("c", "C", &[])]);
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
        let none = c.role_from_text("nothing here", "x", None).expect("valid");
        assert!(none.requires.is_empty());
        assert_eq!(none.name, "Role from text");
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
