//! Verb-object names found by their object alone (SPEC 4, "Text matching",
//! the default matcher on big catalogs): ESCO names most skills by a verb
//! and its object ("manage relationships with stakeholders", "handle
//! stressful situations"), and postings often write the object only
//! ("building relationship with your stakeholders", "stressed situations").
//!
//! A name's first word is a verb when it starts at least [`VERB_NAMES`]
//! multi-word names of the catalog ("manage", "develop", "use"); its object
//! is the stems of the other words without articles, prepositions and
//! possessives ([`SKIP`]), two to [`MAX_OBJECT`] of them, with no "and" or
//! "or". An object found in the names of two skills or more ("wind
//! turbines": inspect, maintain, install ...) names none of them and is
//! left out. In the text the object's words are found in order, joined by
//! spaces or hyphens, with at most [`MAX_SKIP`] skipped words between them.
//!
//! A two-word name of a verb and a manner adverb ("think proactively",
//! "work independently") has the adverb's stem as its object: "a proactive
//! mindset", "independence". Objects only fill the gaps between the other
//! matches (`Matcher::find`).

use std::collections::HashMap;

use super::words::{Entry, Pattern, joins};

/// A first word (stem) of at least this many multi-word names is a verb.
pub(crate) const VERB_NAMES: usize = 20;

/// The most content words of an object.
pub(crate) const MAX_OBJECT: usize = 4;

/// The most skipped words in a found object.
pub(crate) const MAX_SKIP: usize = 2;

/// Words (stems) skipped inside an object: articles, prepositions,
/// possessives.
const SKIP: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "to", "for", "with", "at", "by", "from", "into", "your",
    "our", "their", "it", "this", "these", "those",
];

/// Words (stems) that end an object: two things, not one.
const BREAK: &[&str] = &["and", "or"];

/// The objects of a catalog's verb-object names, each naming one skill.
#[derive(Debug, Clone, Default)]
pub(crate) struct Objects {
    /// Object stems joined by `\u{1}`.
    map: HashMap<Box<str>, Entry>,
}

impl Objects {
    /// Builds the objects from the stemmed patterns of each skill (catalog
    /// order; names only).
    pub(crate) fn build(per_skill: &[Vec<Pattern>]) -> Self {
        let names = |pats: &[Pattern]| -> Vec<Vec<String>> {
            pats.iter()
                .filter(|p| !p.1 && p.0.len() >= 2)
                .map(|p| p.0.clone())
                .collect()
        };
        let mut first: HashMap<String, usize> = HashMap::new();
        for pats in per_skill {
            let mut fs: Vec<String> = names(pats)
                .into_iter()
                .map(|mut n| n.swap_remove(0))
                .collect();
            fs.sort_unstable();
            fs.dedup();
            for f in fs {
                *first.entry(f).or_default() += 1;
            }
        }
        // Per object: the first skill with it and how many skills have it.
        let mut objs: HashMap<String, (u32, usize)> = HashMap::new();
        for (i, pats) in per_skill.iter().enumerate() {
            let mut keys: Vec<String> = Vec::new();
            for (stems, _, _, low) in pats.iter().filter(|p| !p.1) {
                // A verb and a manner adverb: the adverb's stem.
                if stems.len() == 2 && low.ends_with("ly") && stems[1].chars().count() >= 4 {
                    keys.push(stems[1].clone());
                    continue;
                }
                if stems.len() < 3 || first.get(&stems[0]).copied().unwrap_or(0) < VERB_NAMES {
                    continue;
                }
                let rest = &stems[1..];
                if rest.iter().any(|w| BREAK.contains(&w.as_str())) {
                    continue;
                }
                let obj: Vec<&str> = rest
                    .iter()
                    .map(String::as_str)
                    .filter(|w| !SKIP.contains(w))
                    .collect();
                if (2..=MAX_OBJECT).contains(&obj.len()) {
                    keys.push(obj.join("\u{1}"));
                }
            }
            keys.sort_unstable();
            keys.dedup();
            for k in keys {
                objs.entry(k)
                    .and_modify(|e| e.1 += 1)
                    .or_insert((i as u32, 1));
            }
        }
        let map = objs
            .into_iter()
            .filter(|(_, (_, n))| *n == 1)
            .map(|(k, (skill, _))| {
                let entry = Entry {
                    skill,
                    generic: false,
                    alias: false,
                    word: None,
                };
                (k.into_boxed_str(), entry)
            })
            .collect();
        Objects { map }
    }

    /// The objects found in `text` whose words (byte spans and stems) are
    /// `words`: `(start, end, 3, entry)`.
    pub(crate) fn candidates(
        &self,
        text: &str,
        words: &[(usize, usize, &str)],
        out: &mut Vec<(usize, usize, u8, Entry)>,
    ) {
        if self.map.is_empty() {
            return;
        }
        let mut key = String::new();
        for (i, &(start, _, w0)) in words.iter().enumerate() {
            if SKIP.contains(&w0) || BREAK.contains(&w0) {
                continue;
            }
            if let Some(&en) = self.map.get(w0) {
                out.push((start, words[i].1, 3, en));
            }
            key.clear();
            key.push_str(w0);
            let (mut n, mut skipped) = (1usize, 0usize);
            for j in i + 1..words.len() {
                let (s, e, w) = words[j];
                if !joins(&text[words[j - 1].1..s]) || BREAK.contains(&w) {
                    break;
                }
                if SKIP.contains(&w) {
                    skipped += 1;
                    if skipped > MAX_SKIP {
                        break;
                    }
                    continue;
                }
                key.push('\u{1}');
                key.push_str(w);
                n += 1;
                if let Some(&en) = self.map.get(key.as_str()) {
                    out.push((start, e, 3, en));
                }
                if n == MAX_OBJECT {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;

    /// A big catalog (the object rules need 1,000 skills): fillers named
    /// "manage/develop item N" make "manage" and "develop" verbs.
    fn big(extra: &[(&str, &str)]) -> Catalog {
        let mut skills: Vec<serde_json::Value> = extra
            .iter()
            .map(|(id, name)| serde_json::json!({"id": id, "name": name, "hours": 10}))
            .collect();
        for i in 0..1000 {
            let verb = if i % 2 == 0 { "manage" } else { "develop" };
            skills.push(serde_json::json!({
                "id": format!("f{i}"), "name": format!("{verb} item{i} x{i}"), "hours": 1
            }));
        }
        Catalog::from_json(&serde_json::json!({ "skills": skills }).to_string())
            .expect("valid test catalog")
    }

    fn found(c: &Catalog, text: &str) -> Vec<(String, String)> {
        c.match_text(text)
            .into_iter()
            .map(|m| {
                assert_eq!(&text[m.start..m.end], m.text);
                (m.skill, m.text)
            })
            .collect()
    }

    #[test]
    fn objects_without_their_verb() {
        let c = big(&[
            ("rel", "manage relationships with stakeholders"),
            ("bizcase", "develop business case"),
            ("wind-a", "manage wind turbines"),
            ("wind-b", "develop wind turbines"),
            ("pro", "think proactively"),
            ("eng", "English"),
            ("spk-en", "manage spoken English"),
        ]);
        assert_eq!(
            found(&c, "building relationship with your stakeholders"),
            [("rel".into(), "relationship with your stakeholders".into())]
        );
        assert_eq!(
            found(&c, "Prepare business cases"),
            [("bizcase".into(), "business cases".into())]
        );
        // An object of two skills names neither.
        assert!(found(&c, "wind turbines").is_empty());
        // A manner adverb's object.
        assert_eq!(
            found(&c, "a proactive mindset"),
            [("pro".into(), "proactive".into())]
        );
        // "and"/"or" end an object; more than two skipped words too.
        assert!(found(&c, "business and case").is_empty());
        assert!(found(&c, "relationship with all of the stakeholders").is_empty());
        // Objects only fill gaps: the name inside wins.
        assert_eq!(
            found(&c, "spoken English"),
            [("eng".into(), "English".into())]
        );
        // Literal matching is unchanged.
        assert!(c.match_text_literal("business cases").is_empty());
    }

    #[test]
    fn no_objects_on_small_catalogs() {
        let c = Catalog::from_json(
            r#"{"skills": [{"id": "pro", "name": "think proactively", "hours": 1}]}"#,
        )
        .expect("valid");
        assert!(c.match_text("a proactive mindset").is_empty());
    }
}
