//! The SPEC 4 rules of reading a posting, applied to the matches of the
//! default matcher: sentences, optional cues and headings, alternatives,
//! years to levels, then the collapse rules, recording the evidence.

use std::collections::HashMap;

use super::cues::{self, CueKind, Span};
use super::{Evidence, EvidenceKind};
use crate::catalog::Catalog;

/// An essential requirement of the read role (references as text).
pub(crate) enum Req {
    One(String),
    AnyOf(Vec<String>),
}

/// What [`read`] returns.
pub(crate) struct Read {
    pub requires: Vec<Req>,
    pub optional: Vec<String>,
    pub evidence: Vec<Evidence>,
}

/// Why a mention is optional: the cue's span and whether it is a heading's.
type OptionalBy = Option<(Span, bool)>;

/// One mention of a skill, or of a group of alternatives.
struct Item {
    /// Skills (catalog indices) in text order, distinct; one for a plain
    /// mention.
    skills: Vec<u32>,
    /// The span of the mention (first member to last).
    span: Span,
    optional: OptionalBy,
}

/// Reads the posting: `matches` are the default matcher's
/// `(skill, start, end)`, left to right, not empty.
pub(crate) fn read(cat: &Catalog, text: &str, matches: &[(u32, usize, usize)]) -> Read {
    let skills = cat.skills();
    let spans: Vec<Span> = matches.iter().map(|&(_, s, e)| (s, e)).collect();
    let sentences = cues::sentences(text, &spans);
    let cue_list = cues::cues(text, &spans);
    let years = cues::years(text);
    let mut ev: Vec<Evidence> = Vec::new();
    let mut push = |kind, skill: u32, (s, e): Span, detail: String| {
        ev.push(Evidence {
            kind,
            skill: skills[skill as usize].id.clone(),
            start: s,
            end: e,
            text: text[s..e].to_string(),
            detail,
        });
    };
    for &(k, s, e) in matches {
        let sk = &skills[k as usize];
        push(
            EvidenceKind::Match,
            k,
            (s, e),
            format!("matched {} ({})", sk.name, sk.id),
        );
    }

    // Levels: the highest over every mention of a skill.
    let mut level: HashMap<u32, u32> = HashMap::new();
    let mut items: Vec<Item> = Vec::new();
    // Pointers into matches, cues and years (all sorted by start).
    let (mut mi, mut ci, mut yi) = (0usize, 0usize, 0usize);
    let mut heading: Option<Span> = None;
    let mut si = 0usize;
    while si < sentences.len() {
        // One line at a time: its sentences, then what it does to headings.
        let line = sentences[si].line;
        let line_start = si;
        while si < sentences.len() && sentences[si].line == line {
            si += 1;
        }
        let line_sents = &sentences[line_start..si];
        let heading_here = heading;
        let mut line_has_skill = false;
        let mut line_opt_cue: Option<Span> = None;
        let mut line_req_cue = false;
        for sent in line_sents {
            let (s0, s1) = (sent.start, sent.end);
            while mi < matches.len() && matches[mi].1 < s0 {
                mi += 1;
            }
            let m0 = mi;
            while mi < matches.len() && matches[mi].2 <= s1 {
                mi += 1;
            }
            let ms = &matches[m0..mi];
            while ci < cue_list.len() && cue_list[ci].0.0 < s0 {
                ci += 1;
            }
            let mut opt_cue: Option<Span> = None;
            while ci < cue_list.len() && cue_list[ci].0.1 <= s1 {
                match cue_list[ci].1 {
                    CueKind::Optional => {
                        opt_cue.get_or_insert(cue_list[ci].0);
                    }
                    CueKind::Requirement => line_req_cue = true,
                }
                ci += 1;
            }
            if line_opt_cue.is_none() {
                line_opt_cue = opt_cue;
            }
            while yi < years.len() && years[yi].0.0 < s0 {
                yi += 1;
            }
            let mut sent_years: Option<(Span, u64)> = None;
            while yi < years.len() && years[yi].0.1 <= s1 {
                if sent_years.is_none_or(|(_, n)| years[yi].1 > n) {
                    sent_years = Some(years[yi]);
                }
                yi += 1;
            }
            if ms.is_empty() {
                continue;
            }
            line_has_skill = true;
            let optional: OptionalBy = match (opt_cue, heading_here) {
                (Some(c), _) => Some((c, false)),
                (None, Some(h)) => Some((h, true)),
                (None, None) => None,
            };
            // Years raise every skill of the sentence.
            if let Some((ys, n)) = sent_years {
                let want = cues::level_for_years(n);
                let mut done: Vec<u32> = Vec::new();
                for &(k, _, _) in ms {
                    if done.contains(&k) {
                        continue;
                    }
                    done.push(k);
                    let max = skills[k as usize].levels().max(1);
                    let lv = want.min(max);
                    let capped = if lv < want {
                        format!(" (capped at its highest level, {max})")
                    } else {
                        String::new()
                    };
                    let phrase = &text[ys.0..ys.1];
                    push(
                        EvidenceKind::Level,
                        k,
                        ys,
                        format!("level {lv} from \"{phrase}\"{capped}"),
                    );
                    let e = level.entry(k).or_insert(1);
                    *e = (*e).max(lv);
                }
            }
            // Runs of alternatives.
            let mut r0 = 0usize;
            while r0 < ms.len() {
                let mut r1 = r0 + 1;
                let mut has_or = false;
                while r1 < ms.len() {
                    match cues::separator(&text[ms[r1 - 1].2..ms[r1].1]) {
                        Some(o) => {
                            has_or |= o;
                            r1 += 1;
                        }
                        None => break,
                    }
                }
                let mut members: Vec<u32> = Vec::new();
                for &(k, _, _) in &ms[r0..r1] {
                    if !members.contains(&k) {
                        members.push(k);
                    }
                }
                if has_or && members.len() >= 2 {
                    items.push(Item {
                        skills: members,
                        span: (ms[r0].1, ms[r1 - 1].2),
                        optional,
                    });
                } else {
                    for &(k, s, e) in &ms[r0..r1] {
                        items.push(Item {
                            skills: vec![k],
                            span: (s, e),
                            optional,
                        });
                    }
                }
                r0 = r1;
            }
        }
        if !line_has_skill {
            if line_req_cue {
                heading = None;
            }
            if let Some(c) = line_opt_cue {
                heading = Some(c);
            }
        }
    }

    // Evidence of optional cues and alternatives.
    for it in &items {
        if let Some((cue, is_heading)) = it.optional {
            let phrase = &text[cue.0..cue.1];
            let how = if is_heading {
                format!("optional: under the heading cue \"{phrase}\"")
            } else {
                format!("optional: cue \"{phrase}\" in its sentence")
            };
            for &k in &it.skills {
                push(EvidenceKind::Optional, k, cue, how.clone());
            }
        }
        if it.skills.len() > 1 {
            let ids: Vec<&str> = it
                .skills
                .iter()
                .map(|&k| skills[k as usize].id.as_str())
                .collect();
            let what = if it.optional.is_some() {
                "optional alternatives (each listed optional)"
            } else {
                "one of"
            };
            for &k in &it.skills {
                push(
                    EvidenceKind::Alternative,
                    k,
                    it.span,
                    format!("{what}: {}", ids.join(", ")),
                );
            }
        }
    }

    collapse(cat, text, &items, &level, ev)
}

/// The collapse rules (see [`Catalog::read_posting`]) and the final lists.
fn collapse(
    cat: &Catalog,
    text: &str,
    items: &[Item],
    level: &HashMap<u32, u32>,
    mut ev: Vec<Evidence>,
) -> Read {
    let skills = cat.skills();
    let reference = |k: u32| {
        let id = &skills[k as usize].id;
        match level.get(&k).copied().unwrap_or(1) {
            1 => id.clone(),
            l => format!("{id}@{l}"),
        }
    };
    let mut note = |k: u32, span: Span, detail: String| {
        ev.push(Evidence {
            kind: EvidenceKind::Essential,
            skill: skills[k as usize].id.clone(),
            start: span.0,
            end: span.1,
            text: text[span.0..span.1].to_string(),
            detail,
        });
    };
    // Essential plain skills: first span, in text order of that span.
    let mut essential: HashMap<u32, Span> = HashMap::new();
    for it in items
        .iter()
        .filter(|i| i.optional.is_none() && i.skills.len() == 1)
    {
        essential.entry(it.skills[0]).or_insert(it.span);
    }
    // Essential groups, members shrinking until nothing changes.
    let mut groups: Vec<(Vec<u32>, Span)> = items
        .iter()
        .filter(|i| i.optional.is_none() && i.skills.len() > 1)
        .map(|i| (i.skills.clone(), i.span))
        .collect();
    let mut alive = vec![true; groups.len()];
    loop {
        let mut changed = false;
        for (g, (members, gspan)) in groups.iter_mut().enumerate() {
            if !alive[g] {
                continue;
            }
            let before = members.clone();
            members.retain(|k| !essential.contains_key(k));
            for &k in before.iter().filter(|k| !members.contains(k)) {
                let ids: Vec<&str> = before
                    .iter()
                    .map(|&m| skills[m as usize].id.as_str())
                    .collect();
                note(
                    k,
                    essential[&k],
                    format!("essential, so it leaves the group of {}", ids.join(", ")),
                );
            }
            if members.len() <= 1 {
                alive[g] = false;
                changed = true;
                if let Some(&k) = members.first() {
                    note(
                        k,
                        *gspan,
                        "the only member left of its group, so essential".into(),
                    );
                    essential.insert(k, *gspan);
                }
            } else if members.len() != before.len() {
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let in_group: std::collections::HashSet<u32> = groups
        .iter()
        .zip(&alive)
        .filter(|(_, a)| **a)
        .flat_map(|(g, _)| g.0.iter().copied())
        .collect();
    // Essential items in text order: plain skills and live groups (identical
    // groups once).
    let mut plain: Vec<(usize, u32)> = essential.iter().map(|(&k, sp)| (sp.0, k)).collect();
    plain.sort_unstable();
    let mut order: Vec<(usize, Req)> = plain
        .into_iter()
        .map(|(pos, k)| (pos, Req::One(reference(k))))
        .collect();
    let mut seen_groups: Vec<Vec<u32>> = Vec::new();
    for ((members, span), a) in groups.iter().zip(&alive) {
        if !*a || seen_groups.contains(members) {
            continue;
        }
        seen_groups.push(members.clone());
        order.push((
            span.0,
            Req::AnyOf(members.iter().map(|&k| reference(k)).collect()),
        ));
    }
    order.sort_by_key(|(pos, _)| *pos);
    // Optional skills: not essential, not in an essential group.
    let mut optional: Vec<String> = Vec::new();
    let mut opt_seen: Vec<u32> = Vec::new();
    for it in items.iter().filter(|i| i.optional.is_some()) {
        for &k in &it.skills {
            if let Some(&span) = essential.get(&k) {
                note(
                    k,
                    span,
                    "essential here, so not optional where a cue made it optional".into(),
                );
            } else if in_group.contains(&k) {
                note(
                    k,
                    it.span,
                    "in an essential group of alternatives, so not optional".into(),
                );
            } else if !opt_seen.contains(&k) {
                opt_seen.push(k);
                optional.push(reference(k));
            }
        }
    }
    ev.sort_by_key(|e| e.start);
    Read {
        requires: order.into_iter().map(|(_, r)| r).collect(),
        optional,
        evidence: ev,
    }
}
