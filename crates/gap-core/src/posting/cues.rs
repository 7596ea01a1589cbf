//! The words of a posting that are not skills: sentence and line ends, the
//! optional and requirement cues, year phrases and the separators of
//! alternatives. Each is one left-to-right pass over the text.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::text::lower_char;

/// Optional cues (SPEC 4), lowercase.
pub(crate) const OPTIONAL_CUES: &[&str] = &[
    "nice to have",
    "nice-to-have",
    "preferred",
    "a plus",
    "bonus",
    "desirable",
    "optional",
    "not required",
];

/// Requirement cues (SPEC 4), lowercase.
pub(crate) const REQUIREMENT_CUES: &[&str] = &[
    "requirements",
    "required",
    "must have",
    "must-have",
    "qualifications",
    "what you bring",
    "you have",
];

/// A span of the text: byte offsets.
pub(crate) type Span = (usize, usize);

/// A sentence and the line it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

/// The sentences of `text` (split at `.`, `;`, `!`, `?` and line breaks
/// outside the `protected` spans, which are sorted and disjoint), each with
/// its line number (0-based; a line ends at `\n`, `\r`, or `\r\n`).
pub(crate) fn sentences(text: &str, protected: &[Span]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let (mut start, mut line, mut k) = (0usize, 0usize, 0usize);
    let mut prev_cr = false;
    for (i, c) in text.char_indices() {
        while k < protected.len() && protected[k].1 <= i {
            k += 1;
        }
        let inside = k < protected.len() && protected[k].0 <= i;
        let is_break = matches!(c, '\n' | '\r');
        if !inside && (is_break || matches!(c, '.' | ';' | '!' | '?')) {
            out.push(Sentence {
                start,
                end: i,
                line,
            });
            start = i + c.len_utf8();
            if is_break && !(c == '\n' && prev_cr) {
                line += 1;
            }
        }
        prev_cr = c == '\r';
    }
    out.push(Sentence {
        start,
        end: text.len(),
        line,
    });
    out.retain(|s| s.start < s.end);
    out
}

/// Whether a cue is optional or a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueKind {
    Optional,
    Requirement,
}

/// The cue automaton: optional cues, then requirement cues, lowercase,
/// leftmost-longest ("not required" before "required").
fn cue_automaton() -> Option<&'static AhoCorasick> {
    static AC: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(OPTIONAL_CUES.iter().chain(REQUIREMENT_CUES))
            .ok()
    })
    .as_ref()
}

/// Whether `text[s..e]` is a whole word (no alphanumeric character around).
fn whole(text: &str, s: usize, e: usize) -> bool {
    !text[..s]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && !text[e..].chars().next().is_some_and(char::is_alphanumeric)
}

/// The cues in `text` outside the `skills` spans (sorted, disjoint), left to
/// right: span and kind.
pub(crate) fn cues(text: &str, skills: &[Span]) -> Vec<(Span, CueKind)> {
    let Some(ac) = cue_automaton() else {
        return Vec::new();
    };
    let low = crate::text::Lowered::new(text);
    let mut out = Vec::new();
    let mut k = 0usize;
    for m in ac.find_iter(low.text.as_str()) {
        let (s, e) = (low.orig(m.start()), low.orig(m.end()));
        if !whole(text, s, e) {
            continue;
        }
        while k < skills.len() && skills[k].1 <= s {
            k += 1;
        }
        if k < skills.len() && skills[k].0 < e {
            continue;
        }
        let kind = if m.pattern().as_usize() < OPTIONAL_CUES.len() {
            CueKind::Optional
        } else {
            CueKind::Requirement
        };
        out.push(((s, e), kind));
    }
    out
}

/// The year phrases of `text`, left to right: span and N ("N years",
/// "N+ years", "N-M years" with N the first number; "year" too; case-
/// insensitive; the dash may be `-` or `–`). Numbers saturate.
pub(crate) fn years(text: &str) -> Vec<(Span, u64)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0usize;
    while i + 4 <= b.len() {
        if !b[i..i + 4].eq_ignore_ascii_case(b"year") {
            i += 1;
            continue;
        }
        let mut end = i + 4;
        if end < b.len() && (b[end] == b's' || b[end] == b'S') {
            end += 1;
        }
        let word_start = i;
        i = end;
        if !whole(text, word_start, end) {
            continue;
        }
        // Backwards: spaces, an optional '+', digits, optionally a dash and
        // the first number.
        let mut p = word_start;
        while p > 0 && matches!(b[p - 1], b' ' | b'\t') {
            p -= 1;
        }
        if p > 0 && b[p - 1] == b'+' {
            p -= 1;
        }
        let Some((mut n_start, mut n)) = number_before(b, p) else {
            continue;
        };
        if let Some(dash_start) = dash_before(text, n_start) {
            if let Some((s0, n0)) = number_before(b, dash_start) {
                n_start = s0;
                n = n0;
            }
        }
        if text[..n_start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        out.push(((n_start, end), n));
    }
    out
}

/// The digits ending at `p`: their start and value (saturating), if any.
fn number_before(b: &[u8], p: usize) -> Option<(usize, u64)> {
    let mut s = p;
    while s > 0 && b[s - 1].is_ascii_digit() {
        s -= 1;
    }
    if s == p {
        return None;
    }
    let n = b[s..p].iter().fold(0u64, |acc, d| {
        acc.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    });
    Some((s, n))
}

/// A dash (`-`, `–`, with optional spaces around) ending at `p`: where it
/// and its spaces start.
fn dash_before(text: &str, p: usize) -> Option<usize> {
    let head = text[..p].trim_end_matches([' ', '\t']);
    let head = head.strip_suffix('-').or_else(|| head.strip_suffix('–'))?;
    Some(head.trim_end_matches([' ', '\t']).len())
}

/// The level for N years: 1 for N <= 1, 2 for 2..=4, 3 for N >= 5.
pub(crate) fn level_for_years(n: u64) -> u32 {
    match n {
        0 | 1 => 1,
        2..=4 => 2,
        _ => 3,
    }
}

/// `r` without the word `w` at its start (not followed by an alphanumeric
/// character), if it starts with it.
fn word<'a>(w: &str, r: &'a str) -> Option<&'a str> {
    r.strip_prefix(w)
        .filter(|t| !t.chars().next().is_some_and(char::is_alphanumeric))
}

/// Whether `gap` (the text between two skills of one sentence) holds only
/// separators of alternatives — whitespace, commas, "or", "/", "and/or",
/// "either", "one of" — and whether one of them is "or" or "/"
/// (`Some(has_or)`), or something else (`None`).
pub(crate) fn separator(gap: &str) -> Option<bool> {
    let low: String = gap.chars().map(lower_char).collect();
    let mut rest = low.as_str();
    let mut has_or = false;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            return Some(has_or);
        }
        if let Some(t) = word("and/or", rest) {
            has_or = true;
            rest = t;
        } else if let Some(t) = rest.strip_prefix('/') {
            has_or = true;
            rest = t;
        } else if let Some(t) = word("or", rest) {
            has_or = true;
            rest = t;
        } else if let Some(t) = word("either", rest) {
            rest = t;
        } else if let Some(t) = word("one", rest) {
            let t = t.trim_start();
            rest = word("of", t)?;
        } else {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_outside_names() {
        let t = "Node.js and SQL. Go!\r\nNext; line?\nend";
        let s = sentences(t, &[(0, 7)]);
        let texts: Vec<(&str, usize)> = s.iter().map(|s| (&t[s.start..s.end], s.line)).collect();
        assert_eq!(
            texts,
            vec![
                ("Node.js and SQL", 0),
                (" Go", 0),
                ("Next", 1),
                (" line", 1),
                ("end", 2)
            ]
        );
    }

    #[test]
    fn cues_whole_words_longest_first() {
        let t = "Not required: x. Preferred, bonuses, A PLUS; nice-to-have";
        let c = cues(t, &[]);
        let got: Vec<(&str, CueKind)> = c.iter().map(|&((s, e), k)| (&t[s..e], k)).collect();
        assert_eq!(
            got,
            vec![
                ("Not required", CueKind::Optional),
                ("Preferred", CueKind::Optional),
                ("A PLUS", CueKind::Optional),
                ("nice-to-have", CueKind::Optional)
            ]
        );
        // A cue inside a skill's span is no cue.
        assert!(cues("bonus", &[(0, 5)]).is_empty());
    }

    #[test]
    fn year_phrases() {
        let t = "4+ years, 3-5 Years, 2 – 4 years, 1 year, 10years, y5 years, 99999999999999999999999 years";
        let got: Vec<(&str, u64)> = years(t).iter().map(|&((s, e), n)| (&t[s..e], n)).collect();
        assert_eq!(
            got,
            vec![
                ("4+ years", 4),
                ("3-5 Years", 3),
                ("2 – 4 years", 2),
                ("1 year", 1),
                ("99999999999999999999999 years", u64::MAX)
            ]
        );
        assert_eq!([0, 1, 2, 4, 5, 90].map(level_for_years), [1, 1, 2, 2, 3, 3]);
    }

    #[test]
    fn separators() {
        assert_eq!(separator(" or "), Some(true));
        assert_eq!(separator("/"), Some(true));
        assert_eq!(separator(", "), Some(false));
        assert_eq!(separator(" and/or "), Some(true));
        assert_eq!(separator(", either "), Some(false));
        assert_eq!(separator(", one of "), Some(false));
        assert_eq!(separator(" and "), None);
        assert_eq!(separator(" orm "), None);
        assert_eq!(separator(" for "), None);
    }
}
