"""Fork safety (SPEC 6): after any call, ``os.fork`` and multiprocessing's
fork start method work, and a forked child runs every query with the
parent's results.

Each case runs in a fresh interpreter with timeouts at three levels (the
children, the script, the test), so a regression fails instead of hanging
CI: the children and the script arm ``signal.alarm`` (whose default action
ends the process even while it waits in native code), and the test kills
the script's whole process group."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork"), reason="fork is POSIX only"
)

SCRIPT = textwrap.dedent(
    """
    import concurrent.futures as cf
    import json
    import multiprocessing as mp
    import os
    import signal
    import sys

    import skillgap as sg

    signal.alarm(90)
    cat = sg.Catalog.default()
    me = {"python": 2, "sql": 1, "statistics": 1}
    roles = [r.id for r in cat.roles]

    def work(_=None):
        signal.alarm(30)
        rank = [(r.role, r.hours, r.optimal) for r in cat.rank_roles(me)]
        matrix = cat.hours_matrix([me, {}, {"pandas": 1}]).tolist()
        path = cat.learning_path(me, roles[-1])
        several = cat.learning_path(me, roles[:3], mode="any").total_hours
        gap = cat.gap(me, roles[0]).hours
        steps = [s.skill for s in cat.next_steps(me, roles[:2])]
        signal.alarm(0)
        return [rank, matrix, [s.skill for s in path.steps], path.total_hours,
                several, gap, steps]

    # The parent starts the core's thread pool first: PARENT_CALL.
    PARENT_CALL
    expected = json.loads(json.dumps(work()))

    def check(label, got):
        assert json.loads(json.dumps(got)) == expected, label
        print(label, "ok", flush=True)

    # os.fork: the child sends its answers through a pipe.
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            os.write(w, json.dumps(work()).encode())
        finally:
            os._exit(0)
    os.close(w)
    chunks = []
    while chunk := os.read(r, 1 << 16):
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    assert chunks, f"the os.fork child hung or failed (status {status})"
    check("os.fork", json.loads(b"".join(chunks)))

    # The child of a child (its pool rebuilt after the first fork).
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            with mp.get_context("fork").Pool(2) as pool:
                got = pool.map_async(work, range(2)).get(timeout=40)
            code = 0 if json.loads(json.dumps(got)) == [expected] * 2 else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, status
    print("fork then Pool ok", flush=True)

    ctx = mp.get_context("fork")
    with ctx.Pool(3) as pool:
        for got in pool.map_async(work, range(6)).get(timeout=40):
            check("Pool", got)
    with cf.ProcessPoolExecutor(3, mp_context=ctx) as ex:
        for got in ex.map(work, range(6), timeout=40):
            check("ProcessPoolExecutor", got)
    print("DONE", flush=True)
    """
)


@pytest.mark.parametrize(
    "parent_call",
    [
        "cat.rank_roles(me)",
        "cat.hours_matrix([me] * 50)",
        "cat.rank_roles(me); cat.hours_matrix([me] * 50); cat.learning_path(me, roles[0])",
        # Issue 12: the later batch queries start the same pool.
        "cat.cohort([me] * 20); cat.readiness_curve(me, roles[:4]); "
        "cat.design_programme([me] * 10, roles[:3], 60)",
    ],
)
def test_forked_children_run_every_query(parent_call: str) -> None:
    script = SCRIPT.replace("PARENT_CALL", parent_call)
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail("a forked child hung (deadlock after fork)\n" + out + err)
    assert proc.returncode == 0, out + err
    assert out.splitlines()[-1] == "DONE", out + err
    for label in ("os.fork", "fork then Pool", "Pool", "ProcessPoolExecutor"):
        assert f"{label} ok" in out, out + err


def test_fork_hook_is_registered() -> None:
    """The package tells the core about a fork (``os.register_at_fork``); the
    hook is safe to call in a process that was not forked."""
    import skillgap as sg
    from skillgap import _core

    _core._after_fork()
    cat = sg.Catalog.default()
    assert cat.hours_matrix([{}, {"python": 1}]).shape == (2, len(cat.roles))
