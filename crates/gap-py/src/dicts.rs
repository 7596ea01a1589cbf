//! `to_dict()` of the result classes: each core result as a plain dict with
//! the same keys as the Python attributes, every key always present (None
//! where a field does not apply), nested results as dicts and lists, so the
//! value goes through `json.dumps` as is.

use gap_core::{
    Gap, LearningPath, Milestone, Missing, NextStep, RankEntry, Reason, Schedule, ScheduledStep,
    Step, TextMatch, Week,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// A skill's dict (the catalog file's data, from serde) with the types the
/// Python attributes have, so DataFrame columns do not mix types: `hours`
/// always a list (one level too) and `level_requires` keyed by int levels,
/// ascending, as `Skill.level_requires` is. (The JSON and TOML files spell
/// those keys as strings and a single level's hours as a number;
/// `Catalog.from_dict` accepts either.)
pub fn skill_python_types(skill: &Bound<'_, PyAny>) -> PyResult<()> {
    let py = skill.py();
    let d = skill.cast::<PyDict>()?;
    if let Some(h) = d.get_item("hours")? {
        if !h.is_instance_of::<PyList>() {
            d.set_item("hours", PyList::new(py, [h])?)?;
        }
    }
    if let Some(by_level) = d.get_item("level_requires")? {
        let mut entries: Vec<(u64, Bound<'_, PyAny>)> = Vec::new();
        for (k, v) in by_level.cast::<PyDict>()?.iter() {
            // The core validated the keys: whole numbers from 2 up.
            let level: String = k.extract()?;
            let level = level
                .trim()
                .parse::<u64>()
                .map_err(|_| crate::errors::internal(format!("level key `{level}`")))?;
            entries.push((level, v));
        }
        entries.sort_by_key(|(k, _)| *k);
        let out = PyDict::new(py);
        for (k, v) in entries {
            out.set_item(k, v)?;
        }
        d.set_item("level_requires", out)?;
    }
    Ok(())
}

/// A dict of `key => value` pairs (values converted with `IntoPyObject`).
macro_rules! dict {
    ($py:expr, { $($key:literal => $value:expr),* $(,)? }) => {{
        let d = PyDict::new($py);
        $( d.set_item($key, $value)?; )*
        Ok(d)
    }};
}

/// A list of the dicts of `items`.
fn list<'py, T>(
    py: Python<'py>,
    items: &[T],
    f: fn(Python<'py>, &T) -> PyResult<Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let dicts = items
        .iter()
        .map(|x| f(py, x))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, dicts)
}

/// A path: targets, steps, total_hours, optimal, lower_bound, start (milestones
/// are left out: they are computed on demand, see `Path.milestones`).
pub fn path<'py>(py: Python<'py>, p: &LearningPath) -> PyResult<Bound<'py, PyDict>> {
    dict!(py, {
        "targets" => &p.targets,
        "steps" => list(py, &p.steps, step)?,
        "total_hours" => p.total_hours,
        "optimal" => p.optimal,
        "lower_bound" => p.lower_bound,
        "start" => p.start.as_map(),
    })
}

/// A step: skill, level, hours, reasons.
pub fn step<'py>(py: Python<'py>, s: &Step) -> PyResult<Bound<'py, PyDict>> {
    dict!(py, {
        "skill" => &s.skill,
        "level" => s.level,
        "hours" => s.hours,
        "reasons" => list(py, &s.reasons, reason)?,
    })
}

/// A reason: kind, role, entry, skill, level.
pub fn reason<'py>(py: Python<'py>, r: &Reason) -> PyResult<Bound<'py, PyDict>> {
    let (kind, role, entry, skill, level) = (r.kind(), r.role(), r.entry(), r.skill(), r.level());
    dict!(py, {
        "kind" => kind,
        "role" => role,
        "entry" => entry,
        "skill" => skill,
        "level" => level,
    })
}

/// A milestone: role, step_index, hours, week.
pub fn milestone<'py>(py: Python<'py>, m: &Milestone) -> PyResult<Bound<'py, PyDict>> {
    dict!(py, {
        "role" => &m.role,
        "step_index" => m.step_index,
        "hours" => m.hours,
        "week" => m.week,
    })
}

/// A schedule: hours_per_week, total_weeks, weeks, milestones.
pub fn schedule<'py>(py: Python<'py>, s: &Schedule) -> PyResult<Bound<'py, PyDict>> {
    dict!(py, {
        "hours_per_week" => s.hours_per_week,
        "total_weeks" => s.total_weeks,
        "weeks" => list(py, &s.weeks, week)?,
        "milestones" => list(py, &s.milestones, milestone)?,
    })
}

/// A week: week, hours, items.
pub fn week<'py>(py: Python<'py>, w: &Week) -> PyResult<Bound<'py, PyDict>> {
    dict!(py, {
        "week" => w.week,
        "hours" => w.hours,
        "items" => list(py, &w.items, scheduled_step)?,
    })
}

/// A part of a step in a week: step_index, skill, level, hours, completes.
pub fn scheduled_step<'py>(py: Python<'py>, s: &ScheduledStep) -> PyResult<Bound<'py, PyDict>> {
    dict!(py, {
        "step_index" => s.step_index,
        "skill" => &s.skill,
        "level" => s.level,
        "hours" => s.hours,
        "completes" => s.completes,
        "whole" => s.whole,
    })
}

/// A gap: role, ready, missing, optional_missing, hours, optimal, coverage.
pub fn gap<'py>(py: Python<'py>, g: &Gap) -> PyResult<Bound<'py, PyDict>> {
    dict!(py, {
        "role" => &g.role,
        "ready" => g.ready,
        "missing" => list(py, &g.missing, missing)?,
        "optional_missing" => &g.optional_missing,
        "hours" => g.hours,
        "optimal" => g.optimal,
        "coverage" => g.coverage,
    })
}

/// An unmet entry: kind, entry, skill, current, needed, members, count,
/// satisfied, more.
pub fn missing<'py>(py: Python<'py>, m: &Missing) -> PyResult<Bound<'py, PyDict>> {
    dict!(py, {
        "kind" => m.kind(),
        "entry" => m.entry(),
        "skill" => m.skill(),
        "current" => m.current(),
        "needed" => m.needed(),
        "members" => m.members(),
        "count" => m.count(),
        "satisfied" => m.satisfied(),
        "more" => m.more(),
    })
}

/// A ranking: rows.
pub fn ranking<'py>(py: Python<'py>, rows: &[RankEntry]) -> PyResult<Bound<'py, PyDict>> {
    dict!(py, { "rows" => list(py, rows, rank_entry)? })
}

/// A ranking row: role, hours, coverage, ready, optimal, progress, fit.
pub fn rank_entry<'py>(py: Python<'py>, r: &RankEntry) -> PyResult<Bound<'py, PyDict>> {
    dict!(py, {
        "role" => &r.role,
        "hours" => r.hours,
        "coverage" => r.coverage,
        "ready" => r.ready,
        "optimal" => r.optimal,
        "progress" => r.progress,
        "fit" => r.fit,
    })
}

/// A next step: skill, level, hours, targets.
pub fn next_step<'py>(py: Python<'py>, s: &NextStep) -> PyResult<Bound<'py, PyDict>> {
    dict!(py, {
        "skill" => &s.skill,
        "level" => s.level,
        "hours" => s.hours,
        "targets" => &s.targets,
    })
}

/// A text match: skill, text, start, end.
pub fn text_match<'py>(py: Python<'py>, m: &TextMatch) -> PyResult<Bound<'py, PyDict>> {
    dict!(py, {
        "skill" => &m.skill,
        "text" => &m.text,
        "start" => m.start,
        "end" => m.end,
    })
}
