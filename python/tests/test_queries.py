"""The queries through Python: gap, learning_path (modes, avoid, order,
budget, caller-defined roles), rank_roles, hours_matrix, next_steps,
milestones, schedules, Profile.apply, and their notebook views."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

import skillgap as sg


def valid_order(cat: sg.Catalog, path: sg.Path) -> None:
    """Every step is valid where it stands (SPEC 4), checked from Python."""
    levels = dict(path.start.to_dict())
    for step in path:
        assert levels.get(step.skill, 0) == step.level - 1, step
        skill = cat.skill(step.skill)
        reqs = skill.requires if step.level == 1 else skill.level_requires.get(step.level, [])
        for r in reqs:
            refs = [r] if isinstance(r, str) else r["any_of"]
            need = 1 if isinstance(r, str) else r["count"]
            ok = 0
            for ref in refs:
                sid, _, lv = ref.partition("@")
                ok += levels.get(sid, 0) >= int(lv or 1)
            assert ok >= need, (step, r)
        levels[step.skill] = step.level


def test_gap(small: sg.Catalog) -> None:
    g = small.gap({}, "analyst")
    assert isinstance(g, sg.Gap)
    assert (g.role, g.ready, g.hours, g.optimal, g.coverage) == ("analyst", False, 100.0, True, 0.0)
    assert [m.entry for m in g.missing] == ["sql", "pandas"]
    m = g.missing[0]
    assert (m.kind, m.skill, m.current, m.needed, m.members, m.more) == ("skill", "sql", 0, 1, None, None)
    assert g.optional_missing == ["stats"]
    g2 = small.gap(sg.Profile({"sql": 1}), "analyst")
    assert math.isclose(g2.coverage, 1 / 3) and g2.hours == 70.0
    grp = small.gap({"python": 2, "stats": 1}, "mle").missing
    group = [m for m in grp if m.kind == "group"][0]
    assert (group.entry, group.members, group.count, group.satisfied, group.more) == (
        "any_of[aws, gcp]", ["aws", "gcp"], 1, 0, 1)
    assert group.skill is None and group.current is None
    ready = small.gap({}, "empty")
    assert ready.ready and ready.hours == 0 and ready.coverage == 1.0 and ready.missing == []
    custom = small.gap({}, sg.Role("posting", "Posting", requires=["docker"]))
    assert custom.role == "posting" and custom.hours == 20.0


def test_learning_path_single(small: sg.Catalog) -> None:
    p = small.learning_path({}, "mle")
    assert isinstance(p, sg.Path)
    assert p.total_hours == 285.0 and p.optimal and p.lower_bound == 285.0
    assert p.targets == ["mle"] and p.start == sg.Profile()
    assert sorted(s.reference for s in p) == sorted(
        ["python", "python@2", "stats", "pytorch", "docker", "gcp"])
    assert len(p) == 6 and p[0] == p.steps[0] and p[-1] == p.steps[5]
    assert p[1:3] == p.steps[1:3]
    with pytest.raises(IndexError):
        p[6]
    valid_order(small, p)
    assert math.isclose(sum(s.hours for s in p), p.total_hours)
    for s in p:
        assert s.reasons
        for r in s.reasons:
            assert r.kind in ("role", "prerequisite")
            if r.kind == "role":
                assert r.role == "mle" and r.entry and r.skill is None
            else:
                assert r.skill and r.level and r.role is None
    gcp = next(s for s in p if s.skill == "gcp")
    assert [str(r) for r in gcp.reasons] == ["role mle requires any_of[aws, gcp]"]
    py1 = next(s for s in p if s.reference == "python")
    assert "prerequisite of python@2" in [str(r) for r in py1.reasons]
    assert p.catalog == small


def test_learning_path_transfer_and_avoid(small: sg.Catalog) -> None:
    assert small.learning_path({"tensorflow": 1}, "mle").total_hours == 255.0
    assert small.learning_path({}, "mle", avoid=["stats"]).total_hours == 295.0
    assert small.learning_path({}, "mle", avoid="stats").total_hours == 295.0
    with pytest.raises(sg.InfeasibleError) as e:
        small.learning_path({}, "mle", avoid=("aws", "gcp"))
    assert e.value.target == "mle" and "aws" in e.value.requirement
    assert not isinstance(e.value, ValueError)
    with pytest.raises(sg.InfeasibleError):
        small.learning_path({}, ["analyst", "mle"], mode="any", avoid=["sql", "docker"], budget=None)


def test_learning_path_modes(small: sg.Catalog) -> None:
    both = small.learning_path({}, ["analyst", "mle"])
    assert both.total_hours == 295.0 and sorted(both.targets) == ["analyst", "mle"]
    valid_order(small, both)
    anyp = small.learning_path({}, ["mle", "analyst"], mode="any")
    assert anyp.targets == ["analyst"] and anyp.total_hours == 100.0
    anyp2 = small.learning_path({}, ["mle", "analyst"], mode="any", avoid=["pandas"])
    assert anyp2.targets == ["mle"]
    role = sg.Role("posting", "Posting", requires=["docker", "sql"])
    mixed = small.learning_path({}, [role, "analyst"])
    assert mixed.total_hours == 120.0 and "posting" in mixed.targets
    assert small.learning_path({}, "empty").steps == []


def test_learning_path_order_and_budget(small: sg.Catalog, default: sg.Catalog) -> None:
    base = default.learning_path({}, "ml-engineer")
    ms = default.learning_path({}, "ml-engineer", order="milestones")
    assert sorted(s.reference for s in ms) == sorted(s.reference for s in base)
    assert math.isclose(ms.total_hours, base.total_hours)
    valid_order(default, ms)
    assert ms.milestones and ms.milestones[0].step_index <= base.milestones[0].step_index
    tiny = small.learning_path({}, "mle", budget=0)
    assert tiny.lower_bound <= tiny.total_hours
    assert tiny.total_hours >= 285.0
    big = small.learning_path({}, "mle", budget=10**6)
    assert big.optimal and big.total_hours == 285.0


def test_learning_path_bad_arguments(small: sg.Catalog) -> None:
    with pytest.raises(ValueError, match="mode"):
        small.learning_path({}, "mle", mode="some")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="order"):
        small.learning_path({}, "mle", order="fast")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        small.learning_path({}, "mle", budget=-1)
    with pytest.raises(ValueError):
        small.learning_path({}, "mle", budget=10**40)
    with pytest.raises(TypeError):
        small.learning_path({}, "mle", budget=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        small.learning_path({}, 42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        small.learning_path({}, ["mle", 42])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        small.learning_path("python", "mle")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        small.learning_path({}, "mle", avoid=[1])  # type: ignore[list-item]
    with pytest.raises(sg.UnknownRoleError) as e:
        small.learning_path({}, "mle-engineer")
    assert e.value.id == "mle-engineer"
    with pytest.raises(sg.UnknownSkillError):
        small.learning_path({}, "mle", avoid=["kotlin"])
    with pytest.raises((ValueError, sg.SkillgapError)):
        small.learning_path({}, [])


def test_milestones_schedule_apply(small: sg.Catalog) -> None:
    p = small.learning_path({}, ["analyst", "mle"], order="milestones")
    ms = p.milestones
    assert [m.role for m in ms] == ["analyst", "mle"]
    a = ms[0]
    assert a.week is None
    assert math.isclose(a.hours, sum(s.hours for s in p.steps[: a.step_index + 1]))
    assert p.milestones == ms  # cached, same answer
    sched = p.schedule(40)
    assert isinstance(sched, sg.Schedule)
    assert sched.hours_per_week == 40 and sched.total_weeks == math.ceil(295 / 40)
    assert len(sched) == len(sched.weeks) == sched.total_weeks
    assert [w.week for w in sched.weeks] == list(range(1, sched.total_weeks + 1))
    assert all(math.isclose(w.hours, 40) for w in sched.weeks[:-1])
    assert math.isclose(sum(w.hours for w in sched.weeks), 295)
    for w in sched.weeks:
        assert math.isclose(sum(i.hours for i in w.items), w.hours)
    done = [i for w in sched.weeks for i in w.items if i.completes]
    assert [i.step_index for i in done] == list(range(len(p)))
    assert [m.role for m in sched.milestones] == ["analyst", "mle"]
    assert all(m.week for m in sched.milestones)
    assert sched.milestones[-1].week == sched.total_weeks
    for bad in (0, -5, float("nan"), float("inf")):
        with pytest.raises(ValueError):
            p.schedule(bad)
    with pytest.raises(TypeError):
        p.schedule("10")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="weeks"):
        p.schedule(1e-300)  # absurd: refused, not allocated
    empty = small.learning_path({}, "empty").schedule(10)
    assert empty.total_weeks == 0 and empty.weeks == []
    end = sg.Profile({"cpp": 1}).apply(p)
    assert end.level("python") == 2 and end.level("cpp") == 1 and end.level("pandas") == 1
    assert small.gap(end, "mle").ready and small.gap(end, "analyst").ready


def test_rank_roles(small: sg.Catalog) -> None:
    r = small.rank_roles({})
    assert isinstance(r, sg.Ranking) and len(r) == 3
    assert [e.role for e in r] == ["empty", "analyst", "mle"]
    assert [e.hours for e in r.rows] == [0.0, 100.0, 285.0]
    assert r[0].ready and not r[1].ready and r[-1].optimal
    assert isinstance(r[0], sg.RankEntry)
    with pytest.raises(IndexError):
        r[3]
    assert r[:2] == r.rows[:2]
    sub = small.rank_roles({}, roles=["mle", "analyst"])
    assert [e.role for e in sub] == ["analyst", "mle"]
    one = small.rank_roles({}, roles="mle")
    assert [e.role for e in one] == ["mle"]
    with pytest.raises(sg.UnknownRoleError):
        small.rank_roles({}, roles=["nope"])
    assert "Ranking(3 roles" in repr(r)


def test_hours_matrix(small: sg.Catalog) -> None:
    profiles = [{}, sg.Profile({"python": 2}), {"tensorflow": 1}]
    m = small.hours_matrix(profiles)
    assert isinstance(m, np.ndarray) and m.dtype == np.float64 and m.shape == (3, 3)
    for i, p in enumerate(profiles):
        for j, role in enumerate(small.role_ids):
            assert m[i, j] == small.gap(p, role).hours
    sub = small.hours_matrix(profiles, roles=["mle", sg.Role("d", "D", requires=["docker"])])
    assert sub.shape == (3, 2) and list(sub[:, 1]) == [20.0, 20.0, 20.0]
    assert small.hours_matrix([]).shape == (0, 3)
    assert small.hours_matrix(iter([{}]), roles=[]).shape == (1, 0)
    with pytest.raises(TypeError):
        small.hours_matrix({"python": 1})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        small.hours_matrix([{}, 3])  # type: ignore[list-item]
    with pytest.raises(sg.UnknownSkillError):
        small.hours_matrix([{}, {"nope": 1}])


def test_next_steps(small: sg.Catalog) -> None:
    steps = small.next_steps({})
    assert all(isinstance(s, sg.NextStep) for s in steps)
    refs = [(s.skill, s.level) for s in steps]
    assert ("pandas", 1) not in refs and ("python", 1) in refs and ("python", 2) not in refs
    hours = [s.hours for s in steps]
    assert hours == sorted(hours) and all(s.targets == [] for s in steps)
    t = small.next_steps({}, targets=["analyst"])
    assert {s.skill for s in t} == {"python", "sql"}
    assert all(s.targets == ["analyst"] for s in t)
    both = small.next_steps({}, targets=["analyst", "mle"])
    assert both[0].skill == "python" and sorted(both[0].targets) == ["analyst", "mle"]


def test_views(small: sg.Catalog, require: Any) -> None:
    pd = require("pandas")
    p = small.learning_path({}, "mle")
    df = p.to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["step", "skill", "name", "level", "hours", "cumulative_hours", "reasons"]
    assert len(df) == len(p) and df["cumulative_hours"].iloc[-1] == p.total_hours
    g = small.gap({}, "mle").to_pandas()
    assert set(g["entry"]) >= {"pytorch", "docker", "any_of[aws, gcp]", "tensorflow"}
    r = small.rank_roles({}).to_pandas()
    assert list(r["role"]) == ["empty", "analyst", "mle"]
    assert list(r.columns) == ["role", "name", "hours", "coverage", "ready", "optimal", "progress", "fit"]
    assert r["ready"].dtype == bool and list(r["hours"]) == [0.0, 100.0, 285.0]
    assert small.rank_roles({}).columns()["role"] == ["empty", "analyst", "mle"]
    s = p.schedule(50).to_pandas()
    assert math.isclose(s["hours"].sum(), 285) and s["week"].max() == 6
    for obj in (p, small.gap({}, "mle"), small.rank_roles({}), p.schedule(50)):
        h = obj._repr_html_()
        assert "<table>" in h and "<b>" not in h and "<script" not in h
    # names next to ids, escaped
    assert "ML Engineer &lt;b&gt; (mle)" in small.gap({}, "mle")._repr_html_()
    assert p._repr_html_().endswith("<td>ML Engineer &lt;b&gt; (mle)</td></tr></tbody></table>")  # the milestone
    dot = p.to_dot()
    assert dot.startswith("digraph") and '[label="ML Engineer <b> (mle)"' in dot and dot.count(" -> ") >= len(p)
    mm = p.to_mermaid()
    assert mm.startswith("flowchart LR") and "-->" in mm


def test_to_pandas_without_pandas(small: sg.Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def fake_import(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("no pandas here")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(__import__("sys").modules, "pandas", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    import importlib

    monkeypatch.setattr(importlib, "import_module", lambda n, *a: fake_import(n))
    with pytest.raises(ImportError, match=r"skillgap\[pandas\]"):
        small.rank_roles({}).to_pandas()
