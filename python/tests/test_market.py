"""Employers differ: ``learning_path(mode=k)``, ``readiness_curve`` and
``demand`` (SPEC 4 "k of n targets", "Readiness curve", "Demand"; SPEC 6).

The k-of-n hours are checked against an oracle written from the definition:
the cheapest ``mode="all"`` path over every set of k targets."""

from __future__ import annotations

import itertools
import pickle
import sys
from typing import Any, Callable

import numpy as np
import pytest

import skillgap as sg

POSTINGS = [
    ("acme", "Acme Analytics", "We need SQL and pandas. Statistics is a plus."),
    ("brick", "Brick ML", "PyTorch, Docker and AWS for our ML team."),
    ("cloud", "CloudCo", "Docker and GCP."),
    ("data", "DataCorp", "Python, SQL and statistics."),
]


def roles(cat: sg.Catalog) -> list[sg.Role]:
    return [cat.role_from_text(text, id=i, name=n) for i, n, text in POSTINGS]


def oracle(cat: sg.Catalog, profile: Any, targets: list[Any], k: int) -> float:
    return min(
        cat.learning_path(profile, list(subset)).total_hours
        for subset in itertools.combinations(targets, k)
    )


@pytest.mark.parametrize("profile", [{}, {"python": 2}, {"sql": 1, "docker": 1}])
def test_k_of_n_paths_and_the_curve_match_the_oracle(small: sg.Catalog, profile: Any) -> None:
    targets = roles(small) + ["analyst", "mle"]
    n = len(targets)
    curve = small.readiness_curve(profile, targets)
    assert [r.k for r in curve] == list(range(1, n + 1))
    previous = 0.0
    for row in curve:
        want = oracle(small, profile, targets, row.k)
        assert row.hours == pytest.approx(want)
        assert row.optimal and row.lower_bound == pytest.approx(row.hours)
        assert row.hours >= previous
        previous = row.hours
        assert len(row.targets) >= row.k
        assert row.path.targets == row.targets
        after = sg.Profile(profile).apply(row.path)
        ids = [t if isinstance(t, str) else t.id for t in targets]
        ready = [i for i, t in zip(ids, targets) if small.gap(after, t).ready]
        assert row.targets == ready
        path = small.learning_path(profile, targets, mode=row.k)
        assert path.total_hours == pytest.approx(want)
        assert path.optimal and len(path.targets) >= row.k


def test_numpy_ints_and_bad_k(small: sg.Catalog) -> None:
    targets = roles(small)
    a = small.learning_path({}, targets, mode=np.int64(2))
    b = small.learning_path({}, targets, mode=2)
    assert a.total_hours == b.total_hours and a.targets == b.targets
    for bad in (0, 5, -1, np.int32(0)):
        with pytest.raises(ValueError, match="from 1 to"):
            small.learning_path({}, targets, mode=bad)
    # A role given twice counts once: n is 4.
    with pytest.raises(ValueError, match="from 1 to 4"):
        small.learning_path({}, targets + targets[:1], mode=5)
    with pytest.raises(TypeError, match="mode"):
        small.learning_path({}, targets, mode=True)
    with pytest.raises(ValueError, match="mode"):
        small.learning_path({}, targets, mode="three")
    assert small.learning_path({}, "analyst", mode="all").targets == ["analyst"]


def test_curve_faces(small: sg.Catalog, require: Callable[[str], Any]) -> None:
    curve = small.readiness_curve({}, roles(small), budget=np.int64(100_000))
    assert len(curve) == 4 and curve[0].k == 1
    html = curve._repr_html_()
    assert "Acme Analytics (acme)" in html
    require("pandas")
    df = curve.to_pandas()
    assert list(df.columns[:5]) == ["k", "hours", "optimal", "lower_bound", "targets"]
    assert list(df["k"]) == [1, 2, 3, 4]
    assert "Brick ML" in df["target_names"].iloc[-1]
    assert "ReadinessCurve(4 roles" in repr(curve)


def test_plot(small: sg.Catalog, monkeypatch: pytest.MonkeyPatch, require: Callable[[str], Any]) -> None:
    curve = small.readiness_curve({}, roles(small))
    require("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    ax = curve.plot()
    assert list(ax.lines[0].get_xdata()) == [1, 2, 3, 4]
    assert list(ax.lines[0].get_ydata()) == [r.hours for r in curve]
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"pip install skillgap\[plot\]"):
        curve.plot()


def test_progress_and_errors(small: sg.Catalog) -> None:
    seen: list[tuple[int, int]] = []
    small.readiness_curve({}, roles(small), progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (4, 4)
    with pytest.raises(sg.UnknownRoleError):
        small.readiness_curve({}, ["analyst", "nope"])
    with pytest.raises(ValueError, match="at least one target"):
        small.readiness_curve({}, [])


def test_budget_keeps_the_curve_honest(default: sg.Catalog) -> None:
    targets = list(default.role_ids)[:8]
    full = default.readiness_curve({}, targets)
    tight = default.readiness_curve({}, targets, budget=1)
    for f, t in zip(full, tight):
        assert t.lower_bound <= f.hours + 1e-6 <= t.hours + 2e-6
    assert all(a.hours <= b.hours for a, b in zip(tight, tight[1:]))
    assert all(a.lower_bound <= b.lower_bound for a, b in zip(tight, tight[1:]))


def test_demand(small: sg.Catalog, require: Callable[[str], Any]) -> None:
    table = small.demand(["analyst", "mle", "analyst"])
    rows = [(r.skill, r.essential, r.alternative, r.optional) for r in table]
    assert rows == [
        ("docker", 1, 0, 0),
        ("pandas", 1, 0, 0),
        ("pytorch", 1, 0, 0),
        ("sql", 1, 0, 0),
        ("aws", 0, 1, 0),
        ("gcp", 0, 1, 0),
        ("stats", 0, 0, 1),
        ("tensorflow", 0, 0, 1),
    ]
    assert table[0].name == "Docker"
    assert pickle.loads(pickle.dumps(table)) == table
    require("pandas")
    assert list(table.to_pandas().columns) == [
        "skill", "name", "essential", "alternative", "optional"
    ]
