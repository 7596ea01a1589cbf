"""``to_dict()`` on every result class: plain dicts with the attribute names
as keys, every key present (None where a field does not apply), nested
results as dicts, through ``json.dumps`` and back unchanged."""

from __future__ import annotations

import json
from typing import Any

import skillgap as sg


def plain(value: Any) -> bool:
    """Only dict (str keys), list, str, int, float, bool and None."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


def check(obj: Any, keys: list[str]) -> dict[str, Any]:
    d = obj.to_dict()
    assert type(d) is dict and list(d) == keys, (type(obj).__name__, list(d))
    assert plain(d)
    assert json.loads(json.dumps(d)) == d
    for k in keys:
        if hasattr(obj, k) and not isinstance(d[k], (dict, list)):
            assert d[k] == getattr(obj, k), (type(obj).__name__, k)
    return d


def test_paths_steps_reasons(small: sg.Catalog) -> None:
    path = small.learning_path({"python": 1}, ["analyst", "mle"])
    d = check(path, ["targets", "steps", "total_hours", "optimal", "lower_bound", "start"])
    assert d["targets"] == ["analyst", "mle"] and d["start"] == {"python": 1}
    assert d["total_hours"] == path.total_hours and len(d["steps"]) == len(path)
    assert d["steps"] == [s.to_dict() for s in path.steps]
    step = check(path.steps[0], ["skill", "level", "hours", "reasons"])
    assert step["reasons"] == [r.to_dict() for r in path.steps[0].reasons]
    reasons = [r for s in path for r in s.reasons]
    kinds = {r.kind: r for r in reasons}
    role = check(kinds["role"], ["kind", "role", "entry", "skill", "level"])
    assert role["skill"] is None and role["level"] is None and isinstance(role["entry"], str)
    pre = check(kinds["prerequisite"], ["kind", "role", "entry", "skill", "level"])
    assert pre["role"] is None and isinstance(pre["level"], int)


def test_milestones_and_schedules(small: sg.Catalog) -> None:
    path = small.learning_path({}, ["analyst", "mle"], order="milestones")
    m = check(path.milestones[0], ["role", "step_index", "hours", "week"])
    assert m["week"] is None
    sched = path.schedule(40)
    d = check(sched, ["hours_per_week", "total_weeks", "weeks", "milestones"])
    assert d["weeks"] == [w.to_dict() for w in sched.weeks]
    assert all(isinstance(x["week"], int) for x in d["milestones"])
    week = check(sched.weeks[0], ["week", "hours", "items"])
    assert week["items"] == [i.to_dict() for i in sched.weeks[0].items]
    check(sched.weeks[0].items[0], ["step_index", "skill", "level", "hours", "completes", "whole"])


def test_gaps_and_missing(small: sg.Catalog) -> None:
    gap = small.gap({"python": 2}, "mle")
    d = check(gap, ["role", "ready", "missing", "optional_missing", "hours", "optimal", "coverage"])
    assert d["missing"] == [m.to_dict() for m in gap.missing]
    keys = ["kind", "entry", "skill", "current", "needed", "members", "count", "satisfied", "more"]
    skill = check(next(m for m in gap.missing if m.kind == "skill"), keys)
    assert skill["members"] is None and isinstance(skill["needed"], int)
    group = check(next(m for m in gap.missing if m.kind == "group"), keys)
    assert group["members"] == ["aws", "gcp"] and group["skill"] is None


def test_rankings_next_steps_matches(small: sg.Catalog) -> None:
    ranking = small.rank_roles({"sql": 1})
    d = check(ranking, ["rows"])
    assert d["rows"] == [r.to_dict() for r in ranking] and len(d["rows"]) == 3
    row = check(ranking[0], ["role", "hours", "coverage", "ready", "optimal", "progress", "fit"])
    assert row["role"] == "empty" and row["ready"] is True
    nxt = small.next_steps({}, ["mle"])[0]
    check(nxt, ["skill", "level", "hours", "targets"])
    assert nxt.to_dict()["targets"] == ["mle"]
    match = small.match_text("We use python3 and SQL")[0]
    assert check(match, ["skill", "text", "start", "end"]) == {
        "skill": "python", "text": "python3", "start": 7, "end": 14}


def test_every_result_class_has_to_dict() -> None:
    results = ["Path", "Step", "Reason", "Milestone", "Schedule", "Week", "ScheduledStep",
               "Gap", "Missing", "Ranking", "RankEntry", "NextStep", "TextMatch",
               "Profile", "Skill", "Role", "Catalog", "Problem"]
    assert [n for n in results if not callable(getattr(getattr(sg, n), "to_dict", None))] == []
