"""Every class pickles (compactly) and comes back equal; catalogs are shared
within one pickle."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest

import skillgap as sg


def objects(cat: sg.Catalog) -> list[Any]:
    path = cat.learning_path({}, ["analyst", "mle"], order="milestones")
    sched = path.schedule(40)
    gap = cat.gap({"python": 2, "stats": 1}, "mle")
    return [
        cat,
        cat.skill("pytorch"),
        cat.role("mle"),
        sg.Role("x", "X", requires=[{"any_of": ["a", "b"], "count": 2}]),
        sg.Profile({"python": 2}),
        path,
        path.steps[0],
        path.steps[0].reasons[0],
        path.milestones[0],
        sched,
        sched.weeks[0],
        sched.weeks[0].items[0],
        sched.milestones[0],
        gap,
        gap.missing[0],
        next(m for m in gap.missing if m.kind == "group"),
        cat.rank_roles({}),
        cat.rank_roles({})[0],
        cat.next_steps({})[0],
        cat.match_text("python and SQL")[0],
        cat.read_posting("python and SQL"),
        cat.read_posting("python and SQL").evidence[0],
        cat.skills,
        cat.role_ids,
        sg.Problem("bad hours", place="skills[0] (python).hours", id="python", kind="bad_hours"),
    ]


def test_every_class_round_trips(small: sg.Catalog) -> None:
    objs = objects(small)
    classes = {type(o).__name__ for o in objs}
    exported = {n for n in sg.__all__ if isinstance(getattr(sg, n), type)
                and not issubclass(getattr(sg, n), BaseException)}
    assert exported <= classes, exported - classes
    for o in objs:
        for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(o, protocol=proto))
            assert type(back) is type(o)
            assert back == o, o
        assert copy.deepcopy(o) == o
        assert type(o).__module__ in ("skillgap", "skillgap._errors")


def test_path_after_pickle_still_works(small: sg.Catalog) -> None:
    p = small.learning_path({}, "mle")
    back = pickle.loads(pickle.dumps(p))
    assert back.catalog == small
    assert back.milestones == p.milestones
    assert back.schedule(10) == p.schedule(10)


def test_catalog_shared_within_one_pickle(default: sg.Catalog) -> None:
    paths = [default.learning_path({}, r) for r in default.role_ids[:5]]
    one = len(pickle.dumps(paths[0]))
    five = len(pickle.dumps(paths))
    assert five < 2 * one  # the catalog is stored once
    back = pickle.loads(pickle.dumps(paths))
    assert back == paths
    assert all(p.catalog is back[0].catalog for p in back)


def test_catalog_pickle_is_compact(default: sg.Catalog) -> None:
    data = pickle.dumps(default)
    assert len(data) < len(default.to_json())
    assert pickle.loads(data) == default


def test_copies_of_a_catalog_are_itself(small: sg.Catalog) -> None:
    assert copy.copy(small) is small and copy.deepcopy(small) is small
    p = small.learning_path({}, "mle")
    assert copy.deepcopy(p) == p and copy.deepcopy(p).catalog is small


def test_bad_pickle_bytes() -> None:
    with pytest.raises(ValueError):
        sg.Profile._from_bytes(b"not json")
    with pytest.raises(sg.CatalogError):
        sg.Catalog._from_bytes(b'{"skills": [{"id": "a", "name": "A", "hours": -1}]}')
