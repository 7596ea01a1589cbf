"""Catalog.rank_many: rank_roles for a batch of profiles in one call, as
columns; each profile's rows are exactly its rank_roles rows."""

from __future__ import annotations

import random
import threading

import numpy as np
import pytest

import skillgap as sg


@pytest.fixture(scope="module")
def cat() -> sg.Catalog:
    return sg.Catalog.default()


@pytest.fixture(scope="module")
def profiles(cat: sg.Catalog) -> list[dict[str, int]]:
    rng = random.Random(7)
    skills = [(s.id, s.levels) for s in cat.skills]
    return [{s: rng.randint(1, n) for s, n in rng.sample(skills, rng.randint(0, 10))}
            for _ in range(60)]


def expected(cat: sg.Catalog, profiles: list[dict[str, int]], roles=None, **kw) -> list[tuple]:
    rows = []
    for i, p in enumerate(profiles):
        r = cat.rank_roles(p, roles, **kw)
        for k, e in enumerate(r):
            rows.append((i, k + 1, e.role, cat.role(e.role).name, e.hours, e.coverage,
                         e.ready, e.optimal, e.progress, e.fit))
    return rows


def as_rows(c: dict) -> list[tuple]:
    cols = ["profile", "rank", "role", "name", "hours", "coverage", "ready", "optimal",
            "progress", "fit"]
    assert list(c) == cols
    values = [c[k].tolist() if isinstance(c[k], np.ndarray) else c[k] for k in cols]
    return list(zip(*values))


@pytest.mark.parametrize("by", ["hours", "fit"])
@pytest.mark.parametrize("top", [None, 1, np.int64(5)])
def test_each_profile_gets_its_rank_roles_rows(cat: sg.Catalog, profiles: list, by: str, top) -> None:
    c = cat.rank_many(profiles, by=by, top=top)
    assert c["profile"].dtype == np.int64 and c["hours"].dtype == np.float64
    assert c["ready"].dtype == bool
    assert as_rows(c) == expected(cat, profiles, by=by, top=top)


def test_roles_subset_and_empty(cat: sg.Catalog, profiles: list) -> None:
    roles = list(cat.role_ids)[:4]
    assert as_rows(cat.rank_many(profiles, roles, top=2)) == expected(cat, profiles, roles, top=2)
    empty = cat.rank_many([])
    assert all(len(v) == 0 for v in empty.values())


def test_errors_name_the_profile(cat: sg.Catalog) -> None:
    with pytest.raises(sg.UnknownSkillError, match="^profile 2: unknown skill") as e:
        cat.rank_many([{}, {"python": 1}, {"pyhton": 1}])
    assert e.value.profile_index == 2
    with pytest.raises(sg.InvalidArgumentError):
        cat.rank_many([{}], top=0)
    with pytest.raises(ValueError):
        cat.rank_many([{}], by="nope")


def test_progress_and_threads(cat: sg.Catalog, profiles: list) -> None:
    seen: list[tuple[int, int]] = []
    cat.rank_many(profiles, top=3, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1] == (len(profiles), len(profiles))
    # Runs without the GIL: several Python threads at once give the same rows.
    want = as_rows(cat.rank_many(profiles, by="fit", top=3))
    got: list = []
    ts = [threading.Thread(target=lambda: got.append(as_rows(cat.rank_many(profiles, by="fit", top=3))))
          for _ in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert got == [want] * 3
