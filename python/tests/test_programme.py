"""Catalog.design_programme (SPEC 4 "Programme design"): answers checked
against gap() per profile; views, pickling, progress and bad input. The
exactness against a brute-force oracle is tested in Rust
(crates/gap-core/tests/programme_props.rs)."""

from __future__ import annotations

import math
import pickle
import random

import pytest

import skillgap as sg

ROLES = ["ml-engineer", "mlops-engineer", "ai-engineer"]


def graduates(cat: sg.Catalog, n: int, seed: int = 3) -> list[dict[str, int]]:
    rng = random.Random(seed)
    ids = list(cat.skill_ids)
    return [
        {s: rng.randint(1, cat.skill(s).levels) for s in rng.sample(ids, rng.randint(20, 60))}
        for _ in range(n)
    ]


def after(profile: dict[str, int], prog) -> dict[str, int]:  # type: ignore[no-untyped-def]
    out = dict(profile)
    for st in prog.steps:
        out[st.skill] = max(out.get(st.skill, 0), st.level)
    return out


@pytest.mark.parametrize("mode", ["any", "all"])
def test_programme_answers_check_out(default: sg.Catalog, mode: str) -> None:
    people = graduates(default, 40)
    p = default.design_programme(people, ROLES, 120, mode=mode)
    assert p.hours <= 120 and p.hours == pytest.approx(sum(s.hours for s in p.steps))
    assert all(isinstance(s, sg.Step) and s.reasons for s in p.steps)
    combine = any if mode == "any" else all
    ready_for = [[r for r in ROLES if default.gap(after(q, p), r).ready] for q in people]
    before = [combine(default.gap(q, r).ready for r in ROLES) for q in people]
    assert p.ready_for == ready_for
    assert p.ready == sum(combine(r in rf for r in ROLES) for rf in ready_for)
    assert p.ready_before == sum(before)
    assert p.made_ready == [i for i, rf in enumerate(ready_for) if combine(r in rf for r in ROLES) and not before[i]]
    assert p.ready_before <= p.ready <= p.upper_bound
    if p.optimal:
        assert p.upper_bound == p.ready
    assert [r.role for r in p.by_role] == ROLES
    assert p.by_role[0].ready == sum(ROLES[0] in rf for rf in ready_for)
    # Deterministic, and more hours never make fewer graduates ready.
    assert default.design_programme(people, ROLES, 120, mode=mode) == p
    more = default.design_programme(people, ROLES, 240, mode=mode)
    if p.optimal and more.optimal:
        assert more.ready >= p.ready


def test_programme_on_a_small_catalog(small: sg.Catalog) -> None:
    people = [{"python": 2}, {"python": 2}, {"sql": 1}, {}]
    p = small.design_programme(people, ["analyst"], 1000)
    assert p.optimal and p.ready == 4 and p.ready_before == 0
    # Everything the analyst role needs, taught from nothing, in order.
    assert [(s.skill, s.level) for s in p.steps][-1] == ("pandas", 1)
    none = small.design_programme(people, ["analyst"], 0)
    assert none.steps == [] and none.ready == 0 and none.optimal


def test_programme_views_and_pickle(default: sg.Catalog, require) -> None:  # type: ignore[no-untyped-def]
    require("pandas")
    p = default.design_programme(graduates(default, 10), ROLES, 60)
    df = p.to_pandas()
    assert list(df.columns) == ["skill", "name", "level", "hours", "cumulative_hours"]
    assert list(df["skill"]) == [s.skill for s in p.steps]
    assert list(p.roles_to_pandas().columns) == ["role", "name", "ready_before", "ready"]
    html = p._repr_html_()
    assert "<table>" in html and default.role("ml-engineer").name in html
    if p.steps:
        assert default.skill(p.steps[0].skill).name in html
    assert pickle.loads(pickle.dumps(p)) == p
    assert "Programme(" in repr(p)


def test_programme_progress_and_budget(default: sg.Catalog) -> None:
    people = graduates(default, 30)
    seen: list[tuple[int, int]] = []
    p = default.design_programme(people, ROLES, 120, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    q = default.design_programme(people, ROLES, 120, budget=0)
    assert q.ready <= q.upper_bound and q.ready <= p.ready or not p.optimal
    if not q.optimal:
        assert q.upper_bound >= p.ready


def test_programme_bad_input(default: sg.Catalog) -> None:
    for h in (-1, math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError):
            default.design_programme([{}], ROLES, h)
    empty = default.design_programme([], ROLES, 100)
    assert (empty.ready, empty.ready_before, empty.steps, empty.ready_for) == (0, 0, [], [])
    with pytest.raises(sg.UnknownSkillError, match="profile 1"):
        default.design_programme([{}, {"pyhton": 1}], ROLES, 10)
    with pytest.raises(sg.ProfileError, match="profile 0"):
        default.design_programme([{"sql": 9}], ROLES, 10)
    with pytest.raises(sg.UnknownRoleError):
        default.design_programme([{}], ["nope"], 10)
    with pytest.raises(ValueError):
        default.design_programme([{}], ROLES, 10, mode="some")
    with pytest.raises(ValueError):
        default.design_programme([{}], [], 10)
    with pytest.raises(TypeError):
        default.design_programme([{}], ROLES, 10, "any")  # type: ignore[misc]
