"""skillgap.dask on a real cluster engine: a distributed.LocalCluster with two
worker processes; hours, rank and cohort over 2,000 profiles equal the
in-process results, from each kind of input; bad input fails with the
person's key; empty partitions are fine; the catalog travels once."""

from __future__ import annotations

import random
import subprocess
import sys
from typing import Any, Iterator

import pytest

import skillgap as sg

from conftest import require_module

dask = require_module("dask")
distributed = require_module("distributed")
pd = require_module("pandas")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

import skillgap.dask as sgd  # noqa: E402

N = 2000


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
        worker_dashboard_address=None,
    ) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def cat() -> sg.Catalog:
    return sg.Catalog.default()


@pytest.fixture(scope="module")
def people(cat: sg.Catalog) -> tuple[list[str], list[dict[str, int]]]:
    """2,000 seeded profiles (some empty) over the embedded catalog."""
    rng = random.Random(15)
    skills = [(s.id, s.levels) for s in cat.skills]
    keys, profiles = [], []
    for i in range(N):
        chosen = rng.sample(skills, rng.randint(0, 12))
        profiles.append({s: rng.randint(1, n) for s, n in chosen})
        keys.append(f"p{i:05d}")
    return keys, profiles


def long_frame(keys: list[str], profiles: list[dict[str, int]]) -> Any:
    rows = [(k, s, lv) for k, p in zip(keys, profiles) for s, lv in p.items()]
    return pd.DataFrame(rows, columns=["person", "skill", "level"])


def test_hours_equal_in_process(client: Any, cat: sg.Catalog, people: Any) -> None:
    keys, profiles = people
    df = long_frame(keys, profiles)
    # 7 partitions cut through persons: the shuffle puts each person together.
    got = sgd.hours(dd.from_pandas(df, npartitions=7), cat, shuffle_method="tasks")
    got = got.compute().sort_index()
    present = [i for i, p in enumerate(profiles) if p]  # the long format has no empty people
    want = pd.DataFrame(
        cat.hours_matrix([profiles[i] for i in present]),
        index=pd.Index([keys[i] for i in present], name="person"),
        columns=list(cat.role_ids),
    )
    assert list(got.columns) == list(cat.role_ids)
    assert got.index.tolist() == want.index.tolist()
    assert (got.to_numpy() == want.to_numpy()).all()


def test_rank_equal_in_process_from_dicts(client: Any, cat: sg.Catalog, people: Any) -> None:
    keys, profiles = people
    df = pd.DataFrame({"person": keys, "profile": profiles})
    got = sgd.rank(dd.from_pandas(df, npartitions=5), cat, top=5, by="fit").compute()
    rows = []
    for k, p in zip(keys, profiles):
        r = cat.rank_roles(p, by="fit", top=5)
        for i, e in enumerate(r):
            rows.append((k, i + 1, e.role, cat.role(e.role).name, e.hours, e.fit))
    assert list(got.columns) == list(sgd.RANK_COLUMNS)
    assert [tuple(t) for t in got.itertuples(index=False)] == rows


def test_cohort_equal_in_process_from_a_bag(client: Any, cat: sg.Catalog, people: Any) -> None:
    keys, profiles = people
    roles = list(cat.role_ids)[:6]
    bag = db.from_sequence(list(zip(keys, profiles)), npartitions=6)
    got = sgd.cohort(bag, cat, roles).compute()
    want = cat.cohort(profiles, roles)
    assert got.profiles == want.profiles == N
    assert got.roles == want.roles
    assert [(s.skill, s.name, s.pairs) for s in got.skills] == [
        (s.skill, s.name, s.pairs) for s in want.skills
    ]
    assert [s.hours for s in got.skills] == pytest.approx([s.hours for s in want.skills], rel=1e-12)


def test_bare_dicts_and_string_cells(client: Any, cat: sg.Catalog, people: Any) -> None:
    keys, profiles = people
    some = profiles[:300]
    got = sgd.hours(db.from_sequence(some, npartitions=4), cat, ["data-analyst"]).compute()
    assert got.index.tolist() == list(range(300))
    assert got["data-analyst"].tolist() == cat.hours_matrix(some, ["data-analyst"])[:, 0].tolist()
    # A dict column that became strings (repr or JSON) is read back.
    import json

    df = pd.DataFrame({"person": keys[:300],
                       "profile": [repr(p) if i % 2 else json.dumps(p) for i, p in enumerate(some)]})
    got = sgd.hours(dd.from_pandas(df, npartitions=3), cat, ["data-analyst"]).compute()
    assert got["data-analyst"].tolist() == cat.hours_matrix(some, ["data-analyst"])[:, 0].tolist()


def test_unknown_skill_names_the_person(client: Any, cat: sg.Catalog) -> None:
    df = pd.DataFrame({"person": ["ann", "bob", "bob", "cy"],
                       "skill": ["python", "python", "pyhton", "sql"], "level": [1, 1, 1, 1]})
    with pytest.raises(sg.UnknownSkillError, match="bob") as e:
        sgd.hours(dd.from_pandas(df, npartitions=2), cat, shuffle_method="tasks").compute()
    assert e.value.person == "bob"
    with pytest.raises(sg.UnknownSkillError, match="bob"):
        sgd.rank(dd.from_pandas(df, npartitions=2), cat, grouped=True).compute()
    with pytest.raises(sg.UnknownSkillError, match="bob"):
        sgd.cohort(dd.from_pandas(df, npartitions=1), cat).compute()
    bad = pd.DataFrame({"person": ["x"], "profile": ["not a dict"]})
    with pytest.raises(TypeError, match="person 'x'"):
        sgd.hours(dd.from_pandas(bad, npartitions=1), cat).compute()


def test_empty_partitions(client: Any, cat: sg.Catalog, people: Any) -> None:
    keys, profiles = people
    df = long_frame(keys[:50], profiles[:50])
    ddf = dd.from_pandas(df, npartitions=3)
    ddf = ddf[ddf.person < "p00020"]  # later partitions become empty
    got = sgd.hours(ddf, cat, grouped=True).compute().sort_index()
    present = [i for i in range(20) if profiles[i]]
    assert got.to_numpy().tolist() == cat.hours_matrix([profiles[i] for i in present]).tolist()
    c = sgd.cohort(ddf, cat).compute()
    assert c.roles == cat.cohort([profiles[i] for i in present]).roles
    none = sgd.cohort(db.from_sequence([], npartitions=1), cat).compute()
    assert none.profiles == 0 and len(none.skills) == 0
    # NaN quantiles for no profiles, as in-process.
    assert repr(list(none.roles)) == repr(list(cat.cohort([]).roles))


def test_catalog_scattered_once_and_worker_threads(client: Any, cat: sg.Catalog, people: Any) -> None:
    keys, profiles = people
    ddf = dd.from_pandas(long_frame(keys, profiles), npartitions=8)
    hours = sgd.hours(ddf, cat, grouped=True)
    graph = dict(hours.__dask_graph__())
    # No task carries the catalog: they all refer to one scattered key,
    # which every worker holds once.
    assert not any(isinstance(v, sg.Catalog) or isinstance(getattr(v, "value", None), sg.Catalog)
                   for v in graph.values())
    # What the tasks refer to: one future, held by every worker.
    fut = sgd._ship(cat)
    who = client.who_has(fut)[fut.key]
    assert sorted(who) == sorted(client.scheduler_info()["workers"])
    hours.compute()
    assert set(client.run(sg.get_num_threads).values()) == {1}


def test_import_needs_no_dask_until_asked() -> None:
    code = (
        "import sys\n"
        "import skillgap\n"
        "assert 'dask' not in sys.modules and 'pandas' not in sys.modules\n"
        "sys.modules['dask'] = None\n"
        "try:\n"
        "    import skillgap.dask\n"
        "except ImportError as e:\n"
        "    assert 'pip install skillgap[dask]' in str(e), e\n"
        "else:\n"
        "    raise SystemExit('no ImportError')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_worker_without_skillgap_raises_import_error(tmp_path: Any) -> None:
    """A worker that cannot import skillgap gives an ImportError naming the
    fix, promptly (run in a subprocess with a timeout, so a hang fails)."""
    hide = tmp_path / "hide_skillgap.py"
    hide.write_text("import sys\nsys.modules['skillgap'] = None\nsys.modules['skillgap._core'] = None\n")
    code = f"""
import dask.bag as db, distributed
import skillgap as sg, skillgap.dask as sgd
if __name__ == "__main__":
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
            dashboard_address=None, worker_dashboard_address=None,
            preload=[{str(hide)!r}]) as cl, distributed.Client(cl):
        bag = db.from_sequence([(1, {{"python": 1}})], npartitions=1)
        try:
            sgd.hours(bag, sg.Catalog.default()).compute()
        except ImportError as e:
            assert "every worker" in str(e).lower() and "skillgap[dask]" in str(e), e
            print("OK")
        else:
            raise SystemExit("no ImportError")
"""
    script = tmp_path / "run.py"
    script.write_text(code)
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=180)
    assert out.returncode == 0 and "OK" in out.stdout, out.stderr[-2000:]


def test_local_cluster_is_one_quiet_worker_with_every_core(cat: sg.Catalog, people: Any) -> None:
    """The recommended layout: one worker process whose threads are the
    machine's cores (skillgap's pool matches them), started quiet."""
    import os

    keys, profiles = people
    with sgd.local_cluster(dashboard_address=None, worker_dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        info = c.scheduler_info()["workers"]
        assert [w["nthreads"] for w in info.values()] == [os.cpu_count() or 1]
        assert set(c.run(lambda: dask.config.get("distributed.worker.profile.enabled")).values()) == {False}
        bag = db.from_sequence(list(zip(keys[:200], profiles[:200])), npartitions=2)
        got = sgd.rank(bag, cat, top=3).compute()
        assert set(c.run(sg.get_num_threads).values()) == {os.cpu_count() or 1}
    want = cat.rank_many(profiles[:200], top=3)
    assert got["role"].tolist() == want["role"]
    assert got["person"].tolist() == [keys[i] for i in want["profile"]]
