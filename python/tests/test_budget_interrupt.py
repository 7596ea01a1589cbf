"""One budget per query, in every query that searches, and Ctrl-C: a query
past its budget answers honestly (not optimal, with a lower bound); a
SIGINT during a long call raises KeyboardInterrupt within half a second."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

import skillgap as sg

# A role needing `groups` any_of groups of 10 members that share 12 costly
# prerequisites (the shape of the SPEC's hard instance): proving its optimum
# takes many search nodes.
HARD = textwrap.dedent(
    """
    def hard_catalog(groups):
        skills = [{"id": f"p{p}", "name": f"P{p}", "hours": 20 + 3 * p} for p in range(12)]
        for g in range(groups):
            for j in range(10):
                a, b = (g * 7 + j * 3) % 12, (g * 5 + j * 11 + 1) % 12
                req = [f"p{a}"] + ([f"p{b}"] if b != a else [])
                skills.append({"id": f"m{g}-{j}", "name": f"M{g} {j}",
                               "hours": 1 + (g * 13 + j * 7) % 9, "requires": req})
        role = {"id": "hard", "name": "Hard",
                "requires": [{"any_of": [f"m{g}-{j}" for j in range(10)]} for g in range(groups)]}
        return sg.Catalog.from_dict({"skills": skills, "roles": [role]})
    """
)
namespace: dict = {"sg": sg}
exec(HARD, namespace)
hard_catalog = namespace["hard_catalog"]


def test_budget_reaches_every_query() -> None:
    cat = hard_catalog(16)
    full = cat.learning_path({}, "hard")
    assert full.optimal
    for budget in (0, 1, 10):
        p = cat.learning_path({}, "hard", budget=budget)
        assert not p.optimal
        assert p.lower_bound <= full.total_hours <= p.total_hours
        g = cat.gap({}, "hard", budget=budget)
        assert not g.optimal and g.hours >= full.total_hours
        (row,) = cat.rank_roles({}, budget=budget)
        assert not row.optimal and row.hours >= full.total_hours
        m = cat.hours_matrix([{}, {}], budget=budget)
        assert m.shape == (2, 1) and (m >= full.total_hours).all()
        assert cat.next_steps({}, ["hard"], budget=budget)
    assert cat.gap({}, "hard").optimal
    assert cat.rank_roles({})[0].optimal


@pytest.mark.parametrize("bad", [-1, 1.5, "10"])
def test_bad_budgets(bad: object) -> None:
    cat = sg.Catalog.default()
    for call in (
        lambda: cat.gap({}, "ml-engineer", budget=bad),
        lambda: cat.rank_roles({}, budget=bad),
        lambda: cat.hours_matrix([{}], budget=bad),
        lambda: cat.next_steps({}, budget=bad),
    ):
        with pytest.raises((ValueError, TypeError)):
            call()


def test_budget_is_keyword_only() -> None:
    cat = sg.Catalog.default()
    with pytest.raises(TypeError):
        cat.gap({}, "ml-engineer", 10)  # type: ignore[misc]
    with pytest.raises(TypeError):
        cat.rank_roles({}, None, 10)  # type: ignore[misc]


# The speed issue's hard instance (60 any_of groups of 10 members over 30
# shared costly prerequisites) and its generator with other seeds: seed 1 is
# proven in about half a second, seed 2 (1,111 h) in about 6 s, so a search
# on it with a huge budget is still running when the signal comes.
ISSUE_HARD = textwrap.dedent(
    """
    def issue_hard_catalog(seed=1):
        import random
        rng = random.Random(seed); bases = [f"b{i}" for i in range(30)]
        skills = [{"id": b, "name": b, "hours": rng.randint(20, 100)} for b in bases]; groups = []
        for g in range(60):
            mem = [f"g{g}m{j}" for j in range(10)]
            for sid in mem:
                skills.append({"id": sid, "name": sid, "hours": rng.randint(1, 30),
                               "requires": rng.sample(bases, rng.randint(1, 3))})
            groups.append({"any_of": mem})
        return sg.Catalog.from_dict({"skills": skills, "roles": [{"id": "hard", "name": "hard", "requires": groups}]})
    """
)

def run_script(script: str) -> subprocess.CompletedProcess[str]:
    """Runs `script` in a fresh interpreter (unbuffered), its output captured."""
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


CTRL_C = ISSUE_HARD + textwrap.dedent(
    """
    import os, signal, threading, time
    # Seed 2: the issue's seed 1 is now proven in well under a second, so a
    # single search would finish before the signal (hard_g60_s2 in benches/).
    cat = issue_hard_catalog(2)
    fired = []
    def ctrl_c():
        time.sleep(0.5)
        fired.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)
    threading.Thread(target=ctrl_c, daemon=True).start()
    try:
        CALL
        print("FINISHED")
    except KeyboardInterrupt:
        print("INTERRUPTED", time.monotonic() - fired[0])
    # The process is still usable after the interrupt.
    print("AFTER", cat.gap({}, "hard", budget=10).optimal)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT by os.kill is POSIX")
@pytest.mark.parametrize(
    "call",
    [
        "cat.hours_matrix([{}] * 100_000)",
        "cat.learning_path({}, 'hard', budget=10**12)",
        "cat.rank_roles({}, budget=10**12)",
        # Issue 12: the later batch queries and next steps too.
        "cat.cohort([{}], budget=10**12)",
        "cat.readiness_curve({}, ['hard'], budget=10**12)",
        "cat.design_programme([{}], ['hard'], 100000, budget=10**12)",
        "cat.next_steps({}, ['hard'], budget=10**12)",
    ],
)
def test_ctrl_c_interrupts_a_long_call(call: str) -> None:
    script = "import skillgap as sg\n" + CTRL_C.replace("CALL", call)
    out = run_script(script)
    lines = out.stdout.split("\n")
    assert lines[0].startswith("INTERRUPTED"), out.stdout + out.stderr
    assert float(lines[0].split()[1]) < 0.5, lines[0]
    assert lines[1] == "AFTER False", out.stdout + out.stderr


# Issue 12, "Interruptible", on the issue's hard instance: `hours_matrix`
# over 50 profiles (empty and random ones) runs one hard search per cell
# (root LP, subgradient ascent, local search, LP-bounded branching), each of
# which must poll the cancellation check often.
MATRIX_CTRL_C = ISSUE_HARD + textwrap.dedent(
    """
    import os, random, signal, threading, time
    cat = issue_hard_catalog()
    rng = random.Random(7)
    ids = [s.id for s in cat.skills]
    profiles = [{}] * 10 + [{i: 1 for i in rng.sample(ids, 4)} for _ in range(40)]
    fired = []
    def ctrl_c():
        time.sleep(DELAY)
        fired.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)
    threading.Thread(target=ctrl_c, daemon=True).start()
    try:
        cat.hours_matrix(profiles)
        print("FINISHED")
    except KeyboardInterrupt:
        print("INTERRUPTED", time.monotonic() - fired[0])
    print("AFTER", cat.gap({}, "hard", budget=10).optimal)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT by os.kill is POSIX")
@pytest.mark.parametrize("delay", [0.3, 1.0, 1.7])
def test_ctrl_c_interrupts_hours_matrix_on_the_hard_instance(delay: float) -> None:
    script = "import skillgap as sg\n" + MATRIX_CTRL_C.replace("DELAY", str(delay))
    out = run_script(script)
    lines = out.stdout.split("\n")
    assert lines[0].startswith("INTERRUPTED"), out.stdout + out.stderr
    latency = float(lines[0].split()[1])
    print(f"hours_matrix Ctrl-C latency after {delay} s: {latency:.3f} s")
    # SPEC: within half a second; the cap allows for a loaded CI machine
    # (measured latencies are in benches/README.md).
    assert latency < 1.5, lines[0]
    assert lines[1] == "AFTER False", out.stdout + out.stderr
