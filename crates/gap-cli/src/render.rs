//! Human-readable renderings of gap-core's result types: learning paths with
//! their reasons and milestones, week-by-week schedules, gaps, rankings, next
//! steps and text matches. Each function returns lines, so it is easy to test
//! and the caller decides where they go.

use gap_core::{
    Catalog, Gap, LearningPath, Milestone, Missing, NextStep, Profile, RankEntry, Reason, Schedule,
    TextMatch, reference::format_reference,
};

use crate::output::{Align, Table, hours, hours_h, percent, plural, yes_no};

/// The profile as references: `python@2, sql`, or `nothing`.
pub fn profile_text(p: &Profile) -> String {
    if p.is_empty() {
        "nothing".into()
    } else {
        p.iter()
            .map(|(id, &l)| format_reference(id, l))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Why a step is in a path: gap-core's sentences with names next to ids,
/// `; ` between them.
pub fn reasons_text(cat: &Catalog, reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(|r| r.describe(cat))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `optimal`, or `not proven optimal (lower bound N h)`.
pub fn optimality(optimal: bool, lower_bound: f64) -> String {
    if optimal {
        "optimal".into()
    } else {
        format!("not proven optimal, lower bound {}", hours_h(lower_bound))
    }
}

/// The header line of a path.
pub fn path_header(cat: &Catalog, path: &LearningPath) -> String {
    let targets: Vec<String> = path.targets.iter().map(|t| cat.role_label(t)).collect();
    format!(
        "Path to {}: {} in {} ({}), starting from {}",
        targets.join(" + "),
        hours_h(path.total_hours),
        plural(path.steps.len(), "step"),
        optimality(path.optimal, path.lower_bound),
        profile_text(&path.start)
    )
}

/// A path as a table of steps: number, step, skill name, hours, running total,
/// reasons, and the roles that become job-ready at that step.
pub fn path_lines(cat: &Catalog, path: &LearningPath, milestones: &[Milestone]) -> Vec<String> {
    let mut lines = vec![path_header(cat, path)];
    if path.steps.is_empty() {
        lines.push("Already job-ready: nothing to learn.".into());
        return lines;
    }
    lines.push(String::new());
    let mut t = Table::new(&[
        ("#", Align::Right),
        ("step", Align::Left),
        ("skill", Align::Left),
        ("hours", Align::Right),
        ("total", Align::Right),
        ("job-ready for", Align::Left),
        ("why", Align::Left),
    ]);
    let totals = path.cumulative_hours();
    for ((i, s), total) in path.steps.iter().enumerate().zip(totals) {
        let ready: Vec<String> = milestones
            .iter()
            .filter(|m| m.step_index == i)
            .map(|m| cat.role_label(&m.role))
            .collect();
        t.row(vec![
            (i + 1).to_string(),
            format_reference(&s.skill, s.level),
            cat.skill_name(&s.skill).unwrap_or_default().to_string(),
            hours(s.hours),
            hours(total),
            ready.join(", "),
            reasons_text(cat, &s.reasons),
        ]);
    }
    lines.extend(t.render("  "));
    if !milestones.is_empty() {
        lines.push(String::new());
        lines.push("Milestones (roles you become job-ready for on the way):".into());
        for m in milestones {
            let target = if path.targets.contains(&m.role) {
                " (target)"
            } else {
                ""
            };
            lines.push(format!(
                "  after step {:>3}  {:>8}  {}{target}",
                m.step_index + 1,
                hours_h(m.hours),
                cat.role_label(&m.role)
            ));
        }
    }
    lines
}

/// A week-by-week plan; the roles that become job-ready are marked under the
/// week in which they are reached.
pub fn schedule_lines(cat: &Catalog, path: &LearningPath, sched: &Schedule) -> Vec<String> {
    let stones = sched
        .milestones
        .iter()
        .filter(|m| !path.targets.contains(&m.role))
        .count();
    let mut lines = vec![format!(
        "{} at {} a week: {}",
        plural(sched.total_weeks as usize, "week"),
        hours_h(sched.hours_per_week),
        if stones == 0 {
            "no stepping-stone roles on the way".to_string()
        } else {
            format!("{} on the way", plural(stones, "stepping-stone role"))
        }
    )];
    let week_w = sched.total_weeks.to_string().len().max(2);
    for w in &sched.weeks {
        let items: Vec<String> = w
            .items
            .iter()
            .map(|it| {
                let r = cat.reference_label(&it.skill, it.level);
                let whole = path.steps.get(it.step_index).map_or(it.hours, |s| s.hours);
                if it.whole {
                    format!("{r} {}", hours_h(it.hours))
                } else if it.completes {
                    format!("{r} {} of {}, done", hours(it.hours), hours_h(whole))
                } else {
                    format!("{r} {} of {}", hours(it.hours), hours_h(whole))
                }
            })
            .collect();
        lines.push(format!(
            "  week {:>week_w$}  {:>7}  {}",
            w.week,
            hours_h(w.hours),
            items.join("; ")
        ));
        for m in sched.milestones.iter().filter(|m| m.week == Some(w.week)) {
            lines.push(format!(
                "  {:>week_w$}       *  job-ready for {} after {}",
                "",
                cat.role_label(&m.role),
                hours_h(m.hours)
            ));
        }
    }
    lines
}

/// A gap: the header (ready or not, hours, coverage), the missing entries and
/// the optional ones not met.
pub fn gap_lines(cat: &Catalog, gap: &Gap) -> Vec<String> {
    let label = cat.role_label(&gap.role);
    let mut lines = Vec::new();
    if gap.ready {
        lines.push(format!(
            "{label}: job-ready (coverage {})",
            percent(gap.coverage)
        ));
    } else {
        lines.push(format!(
            "{label}: not job-ready, {} missing; {} to job-ready ({}); coverage {}",
            match gap.missing.len() {
                1 => "1 essential entry".to_string(),
                n => format!("{n} essential entries"),
            },
            hours_h(gap.hours),
            if gap.optimal {
                "optimal"
            } else {
                "best found, not proven optimal"
            },
            percent(gap.coverage)
        ));
    }
    if !gap.missing.is_empty() {
        lines.push(String::new());
        let mut t = Table::new(&[
            ("have", Align::Left),
            ("need", Align::Left),
            ("missing", Align::Left),
        ]);
        for m in &gap.missing {
            match m {
                Missing::Skill {
                    entry,
                    current,
                    needed,
                    ..
                } => t.row(vec![
                    format!("level {current}"),
                    format!("level {needed}"),
                    cat.entry_label(entry),
                ]),
                Missing::Group {
                    entry,
                    members,
                    count,
                    satisfied,
                    more,
                } => t.row(vec![
                    format!("{satisfied} of {}", members.len()),
                    format!("{count} ({more} more)"),
                    cat.entry_label(entry),
                ]),
                // A kind of entry added later: its text as written.
                other => t.row(vec![String::new(), String::new(), format!("{other:?}")]),
            }
        }
        lines.extend(t.render("  "));
    }
    if !gap.optional_missing.is_empty() {
        lines.push(String::new());
        lines.push(format!(
            "Optional, not met: {}",
            gap.optional_missing
                .iter()
                .map(|e| cat.entry_label(e))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    lines
}

/// A ranking as a table; hours not proven minimal are marked with `*`.
pub fn rank_lines(cat: &Catalog, ranking: &[RankEntry]) -> Vec<String> {
    let mut t = Table::new(&[
        ("#", Align::Right),
        ("role", Align::Left),
        ("name", Align::Left),
        ("hours", Align::Right),
        ("coverage", Align::Right),
        ("progress", Align::Right),
        ("fit", Align::Right),
        ("ready", Align::Left),
    ]);
    let mut any_inexact = false;
    for (i, r) in ranking.iter().enumerate() {
        any_inexact |= !r.optimal;
        t.row(vec![
            (i + 1).to_string(),
            r.role.clone(),
            cat.role_name(&r.role).unwrap_or_default().to_string(),
            format!("{}{}", hours(r.hours), if r.optimal { "" } else { "*" }),
            percent(r.coverage),
            percent(r.progress),
            format!("{:.2}", r.fit),
            yes_no(r.ready).to_string(),
        ]);
    }
    let mut lines = t.render("");
    if any_inexact {
        lines.push("* best found within the search budget, not proven minimal".into());
    }
    lines
}

/// Next steps as a table.
pub fn next_lines(cat: &Catalog, steps: &[NextStep], with_targets: bool) -> Vec<String> {
    let mut cols = vec![
        ("step", Align::Left),
        ("skill", Align::Left),
        ("hours", Align::Right),
    ];
    if with_targets {
        cols.push(("on a shortest path to", Align::Left));
    }
    let mut t = Table::new(&cols);
    for s in steps {
        t.row(vec![
            format_reference(&s.skill, s.level),
            cat.skill_name(&s.skill).unwrap_or_default().to_string(),
            hours(s.hours),
            s.targets
                .iter()
                .map(|t| cat.role_label(t))
                .collect::<Vec<_>>()
                .join(", "),
        ]);
    }
    t.render("")
}

/// Text matches as a table with the line number of each match.
pub fn match_lines(cat: &Catalog, text: &str, matches: &[TextMatch]) -> Vec<String> {
    let mut t = Table::new(&[
        ("skill", Align::Left),
        ("name", Align::Left),
        ("found as", Align::Left),
        ("line", Align::Right),
    ]);
    // Line numbers by one pass over the text (matches come in text order;
    // one out of order restarts the count from the top).
    let (mut at, mut line) = (0usize, 1usize);
    for m in matches {
        if m.start < at {
            (at, line) = (0, 1);
        }
        line += text
            .get(at..m.start)
            .map_or(0, |between| between.matches('\n').count());
        at = at.max(m.start);
        t.row(vec![
            m.skill.clone(),
            cat.skill_name(&m.skill).unwrap_or_default().to_string(),
            m.text.clone(),
            line.to_string(),
        ]);
    }
    t.render("  ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use gap_core::Step;

    fn cat() -> Catalog {
        Catalog::from_json(
            r#"{"skills": [{"id": "python", "name": "Python", "hours": [40, 80]},
                          {"id": "sql", "name": "SQL", "hours": 30}],
                "roles": [{"id": "analyst", "name": "Data Analyst", "requires": ["sql"]},
                          {"id": "dev", "name": "Developer", "requires": ["python@2", "sql"]}]}"#,
        )
        .unwrap()
    }

    fn path() -> LearningPath {
        let role = |entry: &str| Reason::Role {
            role: "dev".into(),
            entry: entry.into(),
        };
        LearningPath::new(
            vec![
                Step::new("sql", 1, 30.0).with_reasons(vec![role("sql")]),
                Step::new("python", 1, 40.0).with_reasons(vec![Reason::Prerequisite {
                    skill: "python".into(),
                    level: 2,
                }]),
                Step::new("python", 2, 80.0).with_reasons(vec![role("python@2")]),
            ],
            Profile::new(),
        )
        .with_bound(false, 140.0)
        .with_targets(["dev"])
    }

    #[test]
    fn path_table() {
        let c = cat();
        let ms = c.milestones(&path()).unwrap();
        let lines = path_lines(&c, &path(), &ms);
        assert!(lines[0].starts_with("Path to Developer (dev): 150 h in 3 steps"));
        assert!(lines[0].contains("not proven optimal, lower bound 140 h"));
        let joined = lines.join("\n");
        assert!(joined.contains("role Developer (dev) requires SQL (sql)"));
        assert!(joined.contains("prerequisite of Python (python@2)"));
        assert!(joined.contains("after step   1      30 h  Data Analyst (analyst)"));
        // running total of the last step
        assert!(
            lines
                .iter()
                .any(|l| l.contains("python@2") && l.contains("150"))
        );
    }

    #[test]
    fn schedule_marks_milestones_in_their_week() {
        let c = cat();
        let sched = c.schedule(&path(), 50.0).unwrap();
        let lines = schedule_lines(&c, &path(), &sched);
        assert!(lines[0].starts_with("3 weeks at 50 h a week"), "{lines:?}");
        assert!(lines[1].contains("SQL (sql) 30 h; Python (python) 20 of 40 h"));
        assert!(lines[2].contains("job-ready for Data Analyst (analyst) after 30 h"));
        assert!(
            lines[3].contains("Python (python) 20 of 40 h, done; Python (python@2) 30 of 80 h")
        );
    }

    #[test]
    fn gap_table() {
        let c = Catalog::from_json(
            r#"{"skills": [{"id": "python", "name": "Python", "hours": [40, 80]},
                          {"id": "a", "name": "A", "hours": 10},
                          {"id": "b", "name": "B", "hours": 20},
                          {"id": "git", "name": "Git", "hours": 5}],
                "roles": [{"id": "dev", "name": "Developer",
                           "requires": ["python@2", {"any_of": ["a", "b"]}],
                           "optional": ["git"]}]}"#,
        )
        .unwrap();
        let me = Profile::from_refs(["python"]).unwrap();
        let g = c.gap(&me, &gap_core::Target::from("dev")).unwrap();
        let text = gap_lines(&c, &g).join("\n");
        assert!(text.contains("not job-ready, 2 essential entries missing"));
        assert!(
            text.contains("90 h to job-ready (optimal); coverage 0%"),
            "{text}"
        );
        assert!(
            text.contains("level 1  level 2     Python (python@2)"),
            "{text}"
        );
        assert!(
            text.contains("0 of 2   1 (1 more)  one of A (a), B (b)"),
            "{text}"
        );
        assert!(text.contains("Optional, not met: Git (git)"), "{text}");
    }

    #[test]
    fn match_line_numbers() {
        let c = cat();
        let text = "We want\nSQL and python";
        let ms = c.match_text(text);
        assert_eq!(ms.len(), 2);
        let lines = match_lines(&c, text, &ms);
        assert!(
            lines[1].starts_with("  sql ") && lines[1].contains(" SQL ") && lines[1].ends_with('2')
        );
        assert!(
            lines[2].starts_with("  python ") && lines[2].ends_with('2'),
            "{lines:?}"
        );
        // Out of order and on several lines: each line number still right.
        let text = "a\nb\nSQL\npython";
        let mut ms = c.match_text(text);
        ms.reverse();
        let lines = match_lines(&c, text, &ms);
        assert!(
            lines[1].starts_with("  python") && lines[1].ends_with('4'),
            "{lines:?}"
        );
        assert!(
            lines[2].starts_with("  sql") && lines[2].ends_with('3'),
            "{lines:?}"
        );
    }
}
