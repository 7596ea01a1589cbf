"""Properties of the queries through Python, on random profiles of a small
catalog: a path is valid and makes the profile job-ready; gap hours, path
hours, ranking hours and the hours matrix agree; results are deterministic."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings, strategies as st

import skillgap as sg

from conftest import SMALL
from test_queries import valid_order

CAT = sg.Catalog.from_dict(SMALL)
MAX_LEVEL = {s.id: s.levels for s in CAT.skills}

profiles = st.dictionaries(
    st.sampled_from(sorted(MAX_LEVEL)), st.integers(min_value=0, max_value=2)
).map(lambda d: {k: min(v, MAX_LEVEL[k]) for k, v in d.items()})
targets = st.lists(st.sampled_from(CAT.role_ids), min_size=1, max_size=3, unique=True)


@settings(max_examples=150, deadline=None)
@given(profiles, targets, st.sampled_from(["default", "milestones"]))
def test_paths_are_valid_and_reach_the_targets(
    profile: dict[str, int], roles: list[str], order: Any
) -> None:
    path = CAT.learning_path(profile, roles, order=order)
    assert path.optimal and math.isclose(path.lower_bound, path.total_hours)
    assert math.isclose(sum(s.hours for s in path), path.total_hours)
    valid_order(CAT, path)
    end = sg.Profile(profile).apply(path)
    for r in roles:
        assert CAT.gap(end, r).ready
    assert CAT.learning_path(profile, roles, order=order) == path  # deterministic
    if len(roles) == 1:
        assert math.isclose(CAT.gap(profile, roles[0]).hours, path.total_hours)
    anyp = CAT.learning_path(profile, roles, mode="any")
    assert math.isclose(anyp.total_hours, min(CAT.gap(profile, r).hours for r in roles))
    assert anyp.targets[0] in roles


@settings(max_examples=60, deadline=None)
@given(st.lists(profiles, min_size=1, max_size=5))
def test_rankings_and_matrix_agree(ps: list[dict[str, int]]) -> None:
    m = CAT.hours_matrix(ps)
    for i, p in enumerate(ps):
        ranking = CAT.rank_roles(p)
        by_role = {e.role: e for e in ranking}
        keys = [(e.hours, -e.coverage, e.role) for e in ranking]
        assert keys == sorted(keys)
        for j, role in enumerate(CAT.role_ids):
            g = CAT.gap(p, role)
            assert math.isclose(m[i, j], g.hours)
            assert math.isclose(by_role[role].hours, g.hours)
            assert math.isclose(by_role[role].coverage, g.coverage)
            assert by_role[role].ready == g.ready == (g.missing == [])
