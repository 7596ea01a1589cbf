"""Presentation comes from gap-core once: reason sentences, the hours
formatter, exact running sums, the schedule's whole steps, profile files and
target de-duplication read the same here as in the command."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import skillgap as sg
from skillgap import _notebook


def test_format_hours() -> None:
    assert sg.format_hours(120.0) == "120"
    assert sg.format_hours(52.5) == "52.5"
    assert sg.format_hours(52.25) == "52.25"
    assert sg.format_hours(1 / 3) == "0.33"
    assert sg.format_hours(-0.0) == "0"
    assert sg.format_hours(0.125) == f"{0.125:.2f}" == "0.12"  # ties to even, as Python
    assert sg.format_hours(1e20) == "100000000000000000000"
    assert sg.format_hours(math.inf) == "inf"
    # The notebook views use the same formatter.
    assert _notebook._hours is sg.format_hours


def test_reason_sentences(small: sg.Catalog) -> None:
    p = small.learning_path({}, "mle")
    gcp = next(s for s in p if s.skill == "gcp")
    assert [str(r) for r in gcp.reasons] == ["role mle requires any_of[aws, gcp]"]
    assert repr(gcp.reasons[0]) == "Reason('role mle requires any_of[aws, gcp]')"
    py1 = next(s for s in p if s.reference == "python")
    assert "prerequisite of python@2" in [str(r) for r in py1.reasons]


def tenths() -> sg.Catalog:
    return sg.Catalog.from_dict({
        "skills": [{"id": f"s{i}", "name": f"S{i}", "hours": 0.1} for i in range(10)],
        "roles": [
            {"id": "half", "name": "Half", "requires": [f"s{i}" for i in range(5)]},
            {"id": "all", "name": "All", "requires": [f"s{i}" for i in range(10)]},
        ],
    })


def test_cumulative_hours_are_exact() -> None:
    cat = tenths()
    p = cat.learning_path({}, "all")
    totals = p.cumulative_hours()
    assert len(totals) == 10
    assert totals[-1] == p.total_hours == 1.0  # a naive sum gives 0.9999999999999999
    assert totals == [math.fsum([0.1] * (k + 1)) for k in range(10)]
    ms = {m.role: m for m in p.milestones}
    assert ms["all"].hours == 1.0 and ms["half"].hours == totals[ms["half"].step_index]
    pd = pytest.importorskip("pandas")
    frame = p.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["cumulative_hours"]) == totals


def test_path_html_uses_core_hours() -> None:
    cat = sg.Catalog.from_dict({
        "skills": [{"id": "a", "name": "A", "hours": 52.25}],
        "roles": [{"id": "r", "name": "R", "requires": ["a"]}],
    })
    html = cat.learning_path({}, "r")._repr_html_()
    # Two decimals, as the command shows (the notebook used to show 52.2).
    assert "52.25 h" in html and "<td>52.25</td>" in html


def test_schedule_items_say_whether_whole(small: sg.Catalog) -> None:
    p = small.learning_path({}, "analyst")
    s = p.schedule(50.0)  # 100 h: whole steps and a split one
    items = [it for w in s.weeks for it in w.items]
    for it in items:
        slices = sum(1 for o in items if o.step_index == it.step_index)
        assert it.whole == (slices == 1)
        assert it.reference == p.steps[it.step_index].reference
    assert any(it.whole for it in items) and not all(it.whole for it in items)


def test_profile_text_and_files(tmp_path: Path) -> None:
    want = sg.Profile({"python": 2, "sql": 1})
    assert sg.Profile.from_json('{"python": 2, "sql": 1}') == want
    assert sg.Profile.from_toml("python = 2\nsql = 1\n") == want
    (tmp_path / "p.toml").write_text("python = 2\nsql = 1\n")
    (tmp_path / "p.json").write_text(json.dumps({"python": 2, "sql": 1}))
    assert sg.Profile.load(tmp_path / "p.toml") == want
    assert sg.Profile.load(str(tmp_path / "p.json")) == want
    with pytest.raises(sg.CatalogError) as e:
        sg.Profile.from_json('{"python": 2,\n "sql": "x"}')
    assert e.value.line == 2 and e.value.path == "sql"
    assert "not a profile" in str(e.value)
    with pytest.raises(sg.ProfileError):
        sg.Profile.from_json('{"python": -1}')
    (tmp_path / "neg.json").write_text('{"python": -1}')
    with pytest.raises(sg.ProfileError, match="neg.json"):
        sg.Profile.load(tmp_path / "neg.json")
    with pytest.raises(FileNotFoundError):
        sg.Profile.load(tmp_path / "missing.json")


def test_merge_max() -> None:
    a = sg.Profile({"python": 2, "sql": 1})
    merged = a.merge_max({"python": 1, "sql": 3, "git": 1})
    assert merged == sg.Profile({"python": 2, "sql": 3, "git": 1})
    assert a == sg.Profile({"python": 2, "sql": 1})  # profiles are immutable
    assert a.merge_max(sg.Profile()) == a


def test_duplicate_targets_count_once(small: sg.Catalog) -> None:
    p = {"python": 1}
    twice = small.learning_path(p, ["analyst", "analyst"])
    assert twice == small.learning_path(p, ["analyst"])
    assert twice.targets == ["analyst"]
    both = small.learning_path(p, ["mle", "analyst", "mle"])
    assert both.targets == ["mle", "analyst"]
    assert both == small.learning_path(p, ["mle", "analyst"])
    assert small.next_steps(p, ["mle", "mle"]) == small.next_steps(p, ["mle"])
