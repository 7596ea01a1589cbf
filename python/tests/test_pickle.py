"""Every class pickles (compactly) and comes back equal; catalogs are shared
within one pickle."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
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
    # A fresh catalog that never crossed a process (one that did pickles
    # its hash instead: see the compact pickle tests below).
    default = sg.Catalog.from_json(default.to_json())
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


def fresh(cat: sg.Catalog) -> sg.Catalog:
    """An equal catalog object that has not been pickled yet."""
    return sg.Catalog.from_json(cat.to_json())


def test_content_hash_is_stable_and_content_only(small: sg.Catalog) -> None:
    h = small.content_hash
    assert len(h) == 64 and int(h, 16) >= 0
    assert fresh(small).content_hash == h
    assert sg.Catalog.from_toml(small.to_toml()).content_hash == h
    other = small.with_roles([sg.Role("extra", "Extra", requires=["sql"])])
    assert other.content_hash != h
    # The same in another process (and on every platform: canonical JSON).
    code = (
        "import skillgap as sg, sys\n"
        "print(sg.Catalog.from_json(sys.stdin.read()).content_hash)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], input=small.to_json(),
                         capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == h


def test_results_of_a_shared_catalog_pickle_its_hash(small: sg.Catalog) -> None:
    cat = fresh(small)
    path = cat.learning_path({}, ["analyst", "mle"])
    gap = cat.gap({"python": 1}, "mle")
    sched = path.schedule(10)
    full = len(pickle.dumps(path))
    assert pickle.loads(pickle.dumps(cat)) is cat  # this process holds it: no copy
    for obj in (path, gap, sched):
        data = pickle.dumps(obj)
        assert cat.content_hash.encode() in data
        assert b'"skills"' not in data  # no catalog inside
        back = pickle.loads(data)
        assert back == obj and back.catalog is cat
    assert len(pickle.dumps(path)) < full - len(pickle.dumps(cat)) + 200
    assert copy.deepcopy(path).catalog is cat


def test_an_unpickled_catalog_is_shared_and_not_rebuilt(small: sg.Catalog) -> None:
    cat = fresh(small)
    data = pickle.dumps(cat)
    del cat
    a = pickle.loads(data)
    b = pickle.loads(data)
    assert a is b
    p = a.learning_path({}, "mle")
    assert a.content_hash.encode() in pickle.dumps(p)


def run_py(code: str, data: bytes) -> subprocess.CompletedProcess[str]:
    import base64

    prog = (
        "import base64, pickle, sys\n"
        "import skillgap as sg\n"
        f"data = base64.b64decode({base64.b64encode(data)!r})\n" + code
    )
    return subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, timeout=60)


def test_receiver_without_the_catalog_gets_a_clear_error(small: sg.Catalog) -> None:
    cat = fresh(small)
    pickle.dumps(cat)
    path = cat.learning_path({}, "mle")
    r = run_py("pickle.loads(data)\n", pickle.dumps(path))
    assert r.returncode != 0
    assert "CatalogError" in r.stderr and cat.content_hash in r.stderr
    assert "pickle.dumps((catalog, results))" in r.stderr
    # Pickled together with its catalog, it loads anywhere.
    r = run_py(
        "cat, p = pickle.loads(data)\n"
        "assert p.catalog is cat and p.total_hours > 0\n"
        "print(p.total_hours)\n",
        pickle.dumps((cat, path)),
    )
    assert r.returncode == 0, r.stderr
    assert float(r.stdout) == path.total_hours


def test_embedded_catalog_results_load_anywhere(default: sg.Catalog) -> None:
    cat = sg.Catalog.default()
    pickle.dumps(cat)
    path = cat.learning_path({}, cat.role_ids[0])
    data = pickle.dumps(path)
    assert len(data) < 20_000
    r = run_py("p = pickle.loads(data)\nprint(p.total_hours, p.catalog == sg.Catalog.default())\n", data)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == [repr(path.total_hours), "True"]


def test_bad_hash_reference() -> None:
    with pytest.raises(sg.InvalidArgumentError):
        sg.Path._from_parts("not a hash", b"{}")
    with pytest.raises(sg.CatalogError, match="0" * 64):
        sg.Path._from_parts("0" * 64, b"{}")
