"""Catalog.cohort (SPEC 4 "Cohorts"): tables checked against per-pair
learning paths; pandas frames, HTML, pickling, bad input."""

from __future__ import annotations

import pickle
import random
import statistics

import numpy as np
import pytest

import skillgap as sg

ROLES = ["ml-engineer", "data-analyst", "mlops-engineer"]


def cohort_profiles(cat: sg.Catalog, n: int) -> list[dict[str, int]]:
    rng = random.Random(7)
    ids = list(cat.skill_ids)
    return [
        {s: rng.randint(1, cat.skill(s).levels) for s in rng.sample(ids, rng.randint(1, 12))}
        for _ in range(n)
    ]


def test_cohort_matches_paths(default: sg.Catalog) -> None:
    people = cohort_profiles(default, 30)
    c = default.cohort(people, ROLES)
    assert c.profiles == 30 and [r.role for r in c.roles] == ROLES
    pairs: dict[str, list[float]] = {}
    for row in c.roles:
        paths = [default.learning_path(p, row.role) for p in people]
        hours = [p.total_hours for p in paths]
        assert row.name == default.role(row.role).name
        assert row.ready_share == sum(not p.steps for p in paths) / len(people)
        assert row.median_hours == pytest.approx(statistics.median(hours))
        assert row.p90_hours == pytest.approx(float(np.percentile(hours, 90)))
        for p in paths:
            per: dict[str, float] = {}
            for s in p.steps:
                per[s.skill] = per.get(s.skill, 0.0) + s.hours
            for skill, h in per.items():
                pairs.setdefault(skill, []).append(h)
    assert {s.skill: s.pairs for s in c.skills} == {k: len(v) for k, v in pairs.items()}
    for s in c.skills:
        assert s.hours == pytest.approx(sum(pairs[s.skill]))
        assert s.name == default.skill(s.skill).name


def test_cohort_views(default: sg.Catalog, require) -> None:  # type: ignore[no-untyped-def]
    require("pandas")
    c = default.cohort(cohort_profiles(default, 5), ROLES)
    df = c.roles.to_pandas()
    assert list(df.columns) == ["role", "name", "ready_share", "median_hours", "p90_hours", "optimal"]
    assert list(c.skills.to_pandas().columns) == ["skill", "name", "pairs", "hours"]
    assert "<table>" in c._repr_html_()
    again = pickle.loads(pickle.dumps(c))
    assert again.roles == c.roles and again.skills == c.skills


def test_cohort_bad_input(default: sg.Catalog) -> None:
    empty = default.cohort([], ROLES)
    assert len(empty.roles) == 3 and len(empty.skills) == 0
    with pytest.raises(sg.UnknownSkillError):
        default.cohort([{}, {"pyhton": 1}], ROLES)
    with pytest.raises(sg.UnknownRoleError):
        default.cohort([{}], ["nope"])
    with pytest.raises(TypeError):
        default.cohort([{}], ROLES, 10)  # type: ignore[misc]
