"""Heavy calls release the GIL: a Python thread keeps running while one long
call runs, and many Python threads query one catalog at once and get the
same answers as one thread."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import skillgap as sg


def work(cat: sg.Catalog, i: int) -> tuple:
    profile = {"python": 1 + i % 2, "sql": 1}
    role = cat.role_ids[i % len(cat.role_ids)]
    path = cat.learning_path(profile, role)
    ranking = cat.rank_roles(profile)
    return (
        [(s.skill, s.level, s.hours) for s in path],
        path.total_hours,
        [(r.role, r.hours) for r in ranking],
        [m.role for m in path.milestones],
    )


def test_eight_threads_same_results(default: sg.Catalog) -> None:
    n = 48
    expected = [work(default, i) for i in range(n)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda i: work(default, i), range(n)))
    assert got == expected


def test_hours_matrix_from_threads() -> None:
    cat = sg.Catalog.synthetic(400, 30, seed=3)
    profiles = [{s: 1} for s in cat.skill_ids[:40]]
    expected = cat.hours_matrix(profiles)
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda _: cat.hours_matrix(profiles), range(8)))
    for m in got:
        np.testing.assert_array_equal(m, expected)


def test_shared_pickled_catalog_across_threads(small: sg.Catalog) -> None:
    import pickle

    copies = [pickle.loads(pickle.dumps(small)) for _ in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda c: c.learning_path({}, ["analyst", "mle"]).total_hours, copies))
    assert got == [295.0] * 8


def test_default_catalog_first_built_from_many_threads() -> None:
    """In a fresh interpreter, 8 threads asking for the default catalog at
    once get one equal catalog and no deadlock."""
    import subprocess
    import sys

    code = (
        "from concurrent.futures import ThreadPoolExecutor\n"
        "import skillgap as sg\n"
        "with ThreadPoolExecutor(8) as p:\n"
        "    cats = list(p.map(lambda _: sg.Catalog.default(), range(16)))\n"
        "assert all(c == cats[0] for c in cats)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_gil_released_during_hours_matrix() -> None:
    """A ticker thread (which needs the GIL for every tick) keeps ticking in
    the middle of one long ``hours_matrix`` call. Were the GIL held for the
    whole call, no tick could happen between its first and last quarter."""
    cat = sg.Catalog.synthetic(2000, 200, seed=5, any_of_fraction=0.0)
    ids = cat.skill_ids
    profiles = [{ids[(7 * i) % len(ids)]: 1, ids[(13 * i + 1) % len(ids)]: 1} for i in range(256)]
    # Grow the batch until one call takes long enough to look inside it.
    while True:
        t0 = time.perf_counter()
        cat.hours_matrix(profiles)
        if time.perf_counter() - t0 > 0.3 or len(profiles) >= 1 << 17:
            break
        profiles = profiles * 2

    ticks: list[float] = []
    stop = threading.Event()

    def ticker() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.0005)

    thread = threading.Thread(target=ticker)
    thread.start()
    try:
        time.sleep(0.05)  # the ticker is running
        start = time.perf_counter()
        result = cat.hours_matrix(profiles)
        end = time.perf_counter()
    finally:
        stop.set()
        thread.join()
    assert result.shape == (len(profiles), len(cat.role_ids))
    span = end - start
    assert span > 0.1, f"the call was too short to test ({span:.3f} s)"
    middle = [t for t in ticks if start + span / 4 < t < end - span / 4]
    assert len(middle) >= 5, (len(middle), span)


def test_set_num_threads_sizes_the_batch_pool(small: sg.Catalog) -> None:
    profiles = [{"python": 1}, {"sql": 1}, {}] * 20
    want = small.hours_matrix(profiles)
    try:
        sg.set_num_threads(1)
        assert sg.get_num_threads() == 1
        assert (small.hours_matrix(profiles) == want).all()
        sg.set_num_threads(2)
        assert sg.get_num_threads() == 2
        assert (small.hours_matrix(profiles) == want).all()
    finally:
        sg.set_num_threads(0)
    assert sg.get_num_threads() >= 1
    with pytest.raises(TypeError):
        sg.set_num_threads("2")  # type: ignore[arg-type]
    with pytest.raises(sg.InvalidArgumentError):
        sg.set_num_threads(1_000_000)
