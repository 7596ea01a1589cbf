#!/usr/bin/env python3
"""skillgap against the obvious alternative: networkx plus a MILP solver.

The alternative is what a data scientist would write from the `skillgap/1`
catalog JSON alone: a networkx DiGraph of steps (one node per level of a
skill, an edge to every step it needs), the learning path without groups as the
`nx.descendants` closure of the role's entries that stops at steps the profile
knows (summing hours after transfers), the learning path with `any_of` groups
as a 0/1 program solved with `scipy.optimize.milp` (HiGHS), and `rank_roles`
as a loop over the roles.

The same queries run through the `skillgap` Python module (when importable)
and through `gap-time`, a small Rust binary of the gap-bench crate (built with
cargo when missing), and the script prints the medians side by side with the
ratios, and checks that every side finds the same hours (a mismatch is printed
loudly and makes the exit code 1).

Usage (from the repository root):

    pip install networkx scipy            # the alternative
    (cd python && maturin develop --release)   # optional: skillgap
    python benches/compare_networkx.py [--quick] [--no-rust] [--no-python]
    pip install highspy                   # the hard instances against HiGHS
    python benches/compare_networkx.py --hard [--highs-limit 120]
    python benches/compare_networkx.py --batch   # issue 13's batch figures

See benches/README.md.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

try:
    import networkx as nx
except ImportError:  # pragma: no cover - environment dependent
    sys.exit("compare_networkx.py needs networkx and scipy: pip install networkx scipy")
try:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array
except ImportError:  # pragma: no cover - environment dependent
    sys.exit("compare_networkx.py needs scipy (for milp): pip install scipy")

REPO = Path(__file__).resolve().parent.parent
REL_TOL = 1e-6

Step = tuple[str, int]
Req = tuple[list[Step], int]  # members, count (a plain reference: one member, count 1)


def parse_ref(text: str) -> Step:
    """`"python@2"` -> ("python", 2); `"python"` -> ("python", 1)."""
    if "@" in text:
        sid, level = text.rsplit("@", 1)
        return sid, int(level)
    return text, 1


def parse_req(req: Any) -> Req:
    if isinstance(req, str):
        return [parse_ref(req)], 1
    return [parse_ref(m) for m in req["any_of"]], int(req.get("count", 1))


# ---------------------------------------------------------------------------
# The alternative: networkx + MILP, straight from the catalog JSON.
# ---------------------------------------------------------------------------


class NxCatalog:
    """A `skillgap/1` catalog as a networkx DiGraph of steps."""

    def __init__(self, data: dict[str, Any]):
        self.hours: dict[Step, float] = {}
        self.reqs: dict[Step, list[Req]] = {}
        self.graph = nx.DiGraph()
        for s in data.get("skills", []):
            hours = s["hours"] if isinstance(s["hours"], list) else [s["hours"]]
            level_reqs = {1: s.get("requires", [])}
            for key, reqs in s.get("level_requires", {}).items():
                level_reqs[int(key)] = reqs
            for level, h in enumerate(hours, start=1):
                step = (s["id"], level)
                self.hours[step] = float(h)
                self.reqs[step] = [parse_req(r) for r in level_reqs.get(level, [])]
                self.graph.add_node(step)
                if level > 1:
                    self.graph.add_edge(step, (s["id"], level - 1))
                for members, _ in self.reqs[step]:
                    for m in members:
                        self.graph.add_edge(step, m)
        # For every skill, the (step, group) pairs whose group names it: a
        # group that a profile satisfies pulls none of its members in.
        self.groups_naming: dict[str, list[tuple[Step, Req]]] = {}
        for step, reqs in self.reqs.items():
            for req in reqs:
                if len(req[0]) > 1:
                    for sid in {m[0] for m in req[0]}:
                        self.groups_naming.setdefault(sid, []).append((step, req))
        self.roles: dict[str, tuple[list[Req], list[Step]]] = {}
        self.role_ids: list[str] = []
        for r in data.get("roles", []):
            self.roles[r["id"]] = (
                [parse_req(q) for q in r.get("requires", [])],
                [parse_ref(o) for o in r.get("optional", [])],
            )
            self.role_ids.append(r["id"])
        self.transfers: dict[str, list[tuple[Step, float]]] = {}
        for t in data.get("transfers", []):
            self.transfers.setdefault(t["to"], []).append(
                (parse_ref(t["from"]), float(t["discount"]))
            )

    @staticmethod
    def known(profile: dict[str, int], step: Step) -> bool:
        return profile.get(step[0], 0) >= step[1]

    def satisfied(self, profile: dict[str, int], req: Req) -> bool:
        members, count = req
        return sum(self.known(profile, m) for m in members) >= count

    def step_hours(self, profile: dict[str, int], step: Step) -> float:
        discount = max(
            (d for frm, d in self.transfers.get(step[0], []) if self.known(profile, frm)),
            default=0.0,
        )
        return self.hours[step] * (1.0 - discount)

    def unknown_graph(self, profile: dict[str, int]) -> nx.DiGraph:
        """The step graph for a closure from `profile`: without the steps it
        knows (a profile is taken as given, so a closure stops there) and
        without the edges to members of groups it already satisfies. A copy
        when the profile knows something (a filtered view would make every
        traversal count the nodes first)."""
        known = [(sid, lv) for sid, top in profile.items() for lv in range(1, top + 1)]
        if not known:
            return self.graph
        graph = self.graph.copy()
        graph.remove_nodes_from(known)
        for sid in profile:
            for step, req in self.groups_naming.get(sid, []):
                if step not in graph or not self.satisfied(profile, req):
                    continue
                still = {
                    m for r in self.reqs[step] if not self.satisfied(profile, r) for m in r[0]
                }
                if step[1] > 1:
                    still.add((step[0], step[1] - 1))
                for m in req[0]:
                    if m not in still and graph.has_edge(step, m):
                        graph.remove_edge(step, m)
        return graph

    def in_play(
        self, profile: dict[str, int], reqs: list[Req], graph: nx.DiGraph | None = None
    ) -> tuple[set[Step], bool]:
        """Every unknown step that the unmet requirements may need (all
        members of unmet groups), and whether any unmet group is in play."""
        if graph is None:
            graph = self.unknown_graph(profile)
        sources = [
            m
            for req in reqs
            if not self.satisfied(profile, req)
            for m in req[0]
            if not self.known(profile, m)
        ]
        needed: set[Step] = set()
        for src in sources:
            if src not in needed:
                needed.add(src)
                needed |= nx.descendants(graph, src)
        groups = any(len(r[0]) > 1 and not self.satisfied(profile, r) for r in reqs) or any(
            len(r[0]) > 1 and not self.satisfied(profile, r) for t in needed for r in self.reqs[t]
        )
        return needed, groups

    def groups_in_play(self, profile: dict[str, int], role: str) -> int:
        reqs = self.roles[role][0]
        needed, _ = self.in_play(profile, reqs)
        unmet = lambda r: len(r[0]) > 1 and not self.satisfied(profile, r)  # noqa: E731
        return sum(map(unmet, reqs)) + sum(unmet(r) for t in needed for r in self.reqs[t])

    def shortest_hours(
        self, profile: dict[str, int], role: str, graph: nx.DiGraph | None = None
    ) -> float:
        """Hours of a shortest learning path to `role` (closure or MILP)."""
        reqs = self.roles[role][0]
        needed, groups = self.in_play(profile, reqs, graph)
        if not groups:
            return sum(self.step_hours(profile, t) for t in needed)
        return self.milp_hours(profile, reqs, needed)

    def milp_hours(self, profile: dict[str, int], reqs: list[Req], needed: set[Step]) -> float:
        """min sum(hours x) over x in {0,1}^steps: role entries met, every
        taken step's requirements met (a group: count of its members)."""
        c, a, lb, ub = self.milp_model(profile, reqs, needed)
        n = len(c)
        res = milp(
            c,
            constraints=LinearConstraint(a, lb, ub),
            integrality=np.ones(n),
            bounds=Bounds(0, 1),
        )
        if res.status != 0:
            raise RuntimeError(f"milp: {res.message}")
        return float(res.fun)

    def milp_model(
        self, profile: dict[str, int], reqs: list[Req], needed: set[Step]
    ) -> tuple[Any, Any, list[float], list[float]]:
        """The 0/1 program of `milp_hours`: costs, CSR matrix, row bounds."""
        steps = sorted(needed)
        ix = {t: i for i, t in enumerate(steps)}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        lb: list[float] = []
        ub: list[float] = []

        def row(entries: list[tuple[int, float]], lo: float, hi: float) -> None:
            r = len(lb)
            for c, v in entries:
                rows.append(r)
                cols.append(c)
                vals.append(v)
            lb.append(lo)
            ub.append(hi)

        def req_row(req: Req, taken: int | None) -> None:
            members, count = req
            need = count - sum(self.known(profile, m) for m in members)
            if need <= 0:
                return
            entries = [(ix[m], 1.0) for m in members if not self.known(profile, m)]
            if taken is None:  # a role entry: always
                row(entries, need, math.inf)
            else:  # sum(members) - need * x_taken >= 0
                row(entries + [(taken, -float(need))], 0.0, math.inf)

        for req in reqs:
            req_row(req, None)
        for t in steps:
            i = ix[t]
            below = (t[0], t[1] - 1)
            if t[1] > 1 and not self.known(profile, below):
                row([(i, 1.0), (ix[below], -1.0)], -math.inf, 0.0)
            for req in self.reqs[t]:
                req_row(req, i)
        n = len(steps)
        c = np.array([self.step_hours(profile, t) for t in steps])
        a = coo_array((vals, (rows, cols)), shape=(len(lb), n)).tocsr()
        return c, a, lb, ub

    def coverage(self, profile: dict[str, int], role: str) -> tuple[float, bool]:
        reqs, optional = self.roles[role]
        met = [self.satisfied(profile, r) for r in reqs]
        total = len(reqs) + len(optional)
        got = sum(met) + sum(self.known(profile, o) for o in optional)
        return (got / total if total else 1.0), all(met)

    def rank_roles(self, profile: dict[str, int]) -> list[tuple[str, float]]:
        rows = []
        graph = self.unknown_graph(profile)
        for role in self.role_ids:
            hours = self.shortest_hours(profile, role, graph)
            cov, _ready = self.coverage(profile, role)
            rows.append((hours, -cov, role))
        rows.sort()
        return [(role, hours) for hours, _, role in rows]


def profile_from_roles(data: dict[str, Any], first: int, n: int) -> dict[str, int]:
    """The first `n` skills named by the essential entries (group members
    included) of the roles from index `first` on, at the highest level named
    (same as gap_bench::profile_from_roles)."""
    p: dict[str, int] = {}
    for role in data["roles"][first:]:
        for req in role.get("requires", []):
            for sid, level in parse_req(req)[0]:
                if sid not in p and len(p) == n:
                    return p
                p[sid] = max(p.get(sid, 0), level)
    return p


# ---------------------------------------------------------------------------
# The other sides: the skillgap Python module and the gap-time Rust binary.
# ---------------------------------------------------------------------------


def import_skillgap() -> Any | None:
    try:
        import skillgap  # type: ignore[import-not-found]
    except ImportError as e:
        print(
            f"note: the skillgap Python module is not importable ({e}); build it with\n"
            "      `cd python && maturin develop --release` to time it too.",
            file=sys.stderr,
        )
        return None
    return skillgap


class RustHelper:
    """`gap-time`, built from benches/ (release) when missing."""

    def __init__(self, path: Path | None, build: bool):
        exe = "gap-time.exe" if os.name == "nt" else "gap-time"
        self.path = path or REPO / "target" / "release" / exe
        if not self.path.exists() and build:
            cargo = shutil.which("cargo")
            if cargo is None:
                raise RuntimeError("cargo not found to build gap-time")
            print("building gap-time (cargo build --release -p gap-bench) ...", file=sys.stderr)
            subprocess.run(
                [cargo, "build", "--release", "-p", "gap-bench", "--bin", "gap-time"],
                cwd=REPO,
                check=True,
            )
        if not self.path.exists():
            raise RuntimeError(f"{self.path} does not exist")

    def call(self, *args: str) -> dict[str, Any]:
        out = subprocess.run(
            [str(self.path), *args], capture_output=True, text=True, check=False
        )
        if out.returncode != 0:
            raise RuntimeError(f"gap-time {' '.join(args[:2])}: {out.stderr.strip()}")
        return json.loads(out.stdout)


# ---------------------------------------------------------------------------
# Timing and the report.
# ---------------------------------------------------------------------------


def median_time(fn: Callable[[], Any], budget: float, max_runs: int) -> tuple[float, Any]:
    """Median wall time of `fn` (seconds) over as many runs as fit in `budget`
    (at least 1 after the first, at most `max_runs`), and its last result."""
    t0 = time.perf_counter()
    result = fn()
    first = time.perf_counter() - t0
    runs = max(1, min(max_runs, int(budget / max(first, 1e-9))))
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def fmt_time(t: float | None) -> str:
    if t is None:
        return "-"
    if t >= 1:
        return f"{t:.2f} s"
    if t >= 1e-3:
        return f"{t * 1e3:.2f} ms"
    return f"{t * 1e6:.1f} µs"


def same_hours(a: float, b: float) -> bool:
    return abs(a - b) <= REL_TOL * max(1.0, abs(a), abs(b))


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, float | None, float | None, float | None, str]] = []
        self.mismatches: list[str] = []

    def check(self, name: str, side: str, expected: Any, got: Any) -> bool:
        if isinstance(expected, list):
            # Rankings: the same hours for every role, and sorted by hours
            # (ties within rounding may be ordered differently).
            want = dict(expected)
            have = dict(got)
            bad = [r for r in want if r not in have or not same_hours(want[r], have[r])]
            extra = [r for r in have if r not in want]
            unsorted = [
                got[i + 1][0]
                for i in range(len(got) - 1)
                if got[i + 1][1] < got[i][1] and not same_hours(got[i][1], got[i + 1][1])
            ]
            ok = not bad and not extra and not unsorted
            if not ok:
                detail = (
                    f"{len(bad)} role(s) with other hours, e.g. {bad[0]}: networkx "
                    f"{want[bad[0]]} vs {side} {have.get(bad[0])}"
                    if bad
                    else f"roles only in {side}: {extra[:3]}"
                    if extra
                    else f"not sorted by hours at {unsorted[0]}"
                )
                self.mismatches.append(f"{name}: {side} ranking differs ({detail})")
        else:
            ok = same_hours(expected, got)
            if not ok:
                self.mismatches.append(f"{name}: networkx {expected} h vs {side} {got} h")
        if not ok:
            print(f"!!! MISMATCH {self.mismatches[-1]}", file=sys.stderr)
        return ok

    def check_cells(self, name: str, side: str, expected: list[list[float]], got: Any) -> bool:
        """A matrix's first rows (`expected`: networkx's sample) cell by cell."""
        bad = [
            (i, j, want, float(got[i][j]))
            for i, row in enumerate(expected)
            for j, want in enumerate(row)
            if not same_hours(want, float(got[i][j]))
        ]
        if bad:
            i, j, want, have = bad[0]
            self.mismatches.append(
                f"{name}: {side} differs in {len(bad)} cell(s), e.g. [{i}][{j}]: networkx {want} vs {side} {have}"
            )
            print(f"!!! MISMATCH {self.mismatches[-1]}", file=sys.stderr)
        return not bad

    def check_top(
        self, name: str, side: str, expected: list[tuple[str, float]], got: list[tuple[str, float]], k: int
    ) -> bool:
        """A `top=k` ranking: k rows (fewer when there are fewer roles), each
        with networkx's hours for that role, and the k least hours of the
        full ranking, in order."""
        want = dict(expected)
        first = [h for _, h in expected[:k]]
        ok = (
            len(got) == min(len(expected), k)
            and all(r in want and same_hours(want[r], h) for r, h in got)
            and all(same_hours(a, h) for a, (_, h) in zip(first, got))
        )
        if not ok:
            self.mismatches.append(f"{name}: {side} top {k} is not networkx's first {k} by hours")
            print(f"!!! MISMATCH {self.mismatches[-1]}", file=sys.stderr)
        return ok

    def print(self) -> None:
        head = ("query", "networkx+MILP", "skillgap (py)", "gap-core (rust)", "nx/py", "nx/rust", "result")
        lines = [head]
        for name, tn, tp, tr, result in self.rows:
            ratio = lambda a, b: f"{a / b:,.0f}x" if a and b else "-"  # noqa: E731
            lines.append(
                (name, fmt_time(tn), fmt_time(tp), fmt_time(tr), ratio(tn, tp), ratio(tn, tr), result)
            )
        widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
        print()
        for k, row in enumerate(lines):
            print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
            if k == 0:
                print("  ".join("-" * w for w in widths))
        print()
        if self.mismatches:
            print(f"!!! {len(self.mismatches)} MISMATCH(ES) between the sides:", file=sys.stderr)
            for m in self.mismatches:
                print(f"!!!   {m}", file=sys.stderr)
        else:
            print("All sides agree on every result (hours within a relative 1e-6).")


def run_scenario(
    report: Report,
    name: str,
    data: dict[str, Any],
    path: Path,
    queries: list[tuple[str, str, str | None, dict[str, int]]],
    sg: Any | None,
    rust: RustHelper | None,
    budget: float,
) -> None:
    """`queries`: (label, kind, role, profile) with kind learning_path or rank_roles."""
    text = path.read_text(encoding="utf-8")
    nxcat = NxCatalog(data)
    sgcat = sg.Catalog.from_json(text) if sg else None
    for label, kind, role, profile in queries:
        qname = f"{name}: {label}"
        print(f"timing {qname} ...", file=sys.stderr)
        if kind == "learning_path":
            assert role is not None
            tn, expected = median_time(lambda: nxcat.shortest_hours(profile, role), budget, 50)
            result = f"{expected:,.1f} h"
        else:
            tn, expected = median_time(lambda: nxcat.rank_roles(profile), budget, 20)
            result = f"{len(expected)} roles, best {expected[0][0]} {expected[0][1]:,.1f} h" if expected else "0 roles"
        ok = True
        tp = tr = None
        if sgcat is not None:
            sp = sg.Profile(profile)
            try:
                if kind == "learning_path":
                    tp, path_ = median_time(lambda: sgcat.learning_path(sp, role), budget, 2000)
                    ok &= report.check(qname, "skillgap", expected, path_.total_hours)
                else:
                    tp, ranking = median_time(lambda: sgcat.rank_roles(sp), budget, 2000)
                    ok &= report.check(qname, "skillgap", expected, [(e.role, e.hours) for e in ranking])
            except Exception as e:  # noqa: BLE001 - report and go on
                report.mismatches.append(f"{qname}: skillgap raised {type(e).__name__}: {e}")
                print(f"!!! {report.mismatches[-1]}", file=sys.stderr)
                ok = False
        if rust is not None:
            args = ["query", str(path), kind, json.dumps(profile)]
            if role is not None:
                args.append(role)
            try:
                out = rust.call(*args)
                tr = out["median_s"]
                got = out["hours"] if kind == "learning_path" else [tuple(r) for r in out["ranking"]]
                ok &= report.check(qname, "gap-core", expected, got)
            except (RuntimeError, KeyError, json.JSONDecodeError) as e:
                print(f"note: gap-core timing unavailable for {qname}: {e}", file=sys.stderr)
        report.rows.append((qname, tn, tp, tr, result + ("" if ok else "  MISMATCH")))


def random_profiles(data: dict[str, Any], n: int, seed: int) -> list[dict[str, int]]:
    """`n` profiles of 0 to 10 distinct skills drawn uniformly from the
    catalog, each at a level drawn uniformly from 1 to its highest (the
    recipe of gap_bench::random_profiles, with Python's generator)."""
    rng = random.Random(seed)
    skills = [(s["id"], len(s["hours"]) if isinstance(s["hours"], list) else 1) for s in data["skills"]]
    out = []
    for _ in range(n):
        k = min(rng.randint(0, 10), len(skills))
        p: dict[str, int] = {}
        while len(p) < k:
            sid, levels = skills[rng.randrange(len(skills))]
            p[sid] = rng.randint(1, levels)
        out.append(p)
    return out


def time_matrix(
    report: Report,
    scen: str,
    data: dict[str, Any],
    path: Path,
    profiles: list[dict[str, int]],
    sample: int,
    sg: Any | None,
    rust: RustHelper | None,
    budget: float,
) -> None:
    """`hours_matrix` of `profiles` x every role of the catalog at `path`:
    networkx on the first `sample` profiles (its time scaled to all), the
    other sides on all, their first rows checked against networkx's."""
    nxcat = NxCatalog(data)
    n = min(sample, len(profiles))
    qname = f"{scen}: hours_matrix, {len(profiles):,} profiles x {len(nxcat.role_ids):,} roles"
    print(f"timing {qname} (networkx on {n} profiles) ...", file=sys.stderr)
    t0 = time.perf_counter()
    expected = []
    for p in profiles[:n]:
        graph = nxcat.unknown_graph(p)
        expected.append([nxcat.shortest_hours(p, r, graph) for r in nxcat.role_ids])
    tn = (time.perf_counter() - t0) * len(profiles) / max(n, 1)
    ok, tp, tr = True, None, None
    if sg is not None:
        sgcat = sg.Catalog.from_json(path.read_text(encoding="utf-8"))
        sps = [sg.Profile(p) for p in profiles]
        tp, m = median_time(lambda: sgcat.hours_matrix(sps), budget, 50)
        if m.shape != (len(profiles), len(nxcat.role_ids)):
            report.mismatches.append(f"{qname}: skillgap matrix is {m.shape}")
            ok = False
        ok &= report.check_cells(qname, "skillgap", expected, m)
    if rust is not None:
        ppath = path.with_suffix(".profiles.json")
        ppath.write_text(json.dumps(profiles), encoding="utf-8")
        try:
            out = rust.call("matrix", str(path), str(ppath), str(n))
            tr = out["median_s"]
            if (out["rows"], out["cols"]) != (len(profiles), len(nxcat.role_ids)):
                report.mismatches.append(f"{qname}: gap-core matrix is {out['rows']} x {out['cols']}")
                ok = False
            ok &= report.check_cells(qname, "gap-core", expected, out["hours"])
        except (RuntimeError, KeyError, json.JSONDecodeError) as e:
            print(f"note: gap-core timing unavailable for {qname}: {e}", file=sys.stderr)
    result = f"{len(profiles) * len(nxcat.role_ids):,} cells (networkx: {n} profile(s), time scaled)"
    report.rows.append((qname, tn, tp, tr, result + ("" if ok else "  MISMATCH")))


def time_rankings(
    report: Report,
    scen: str,
    data: dict[str, Any],
    path: Path,
    profile: dict[str, int],
    tops: tuple[int | None, ...],
    sg: Any | None,
    rust: RustHelper | None,
    budget: float,
) -> None:
    """`rank_roles` of `profile` in full (top None) or its first `top`:
    networkx runs its loop once (a `top` is the first rows of that loop),
    the other sides are timed and checked against it."""
    nxcat = NxCatalog(data)
    print(f"timing {scen}: rank_roles with networkx (one run) ...", file=sys.stderr)
    t0 = time.perf_counter()
    ranking = nxcat.rank_roles(profile)
    tn = time.perf_counter() - t0
    sgcat = sg.Catalog.from_json(path.read_text(encoding="utf-8")) if sg is not None else None
    for top in tops:
        qname = f"{scen}: rank_roles, {len(profile)}-skill profile" + (f", top={top}" if top else "")
        print(f"timing {qname} ...", file=sys.stderr)
        ok, tp, tr = True, None, None
        check = report.check if top is None else functools.partial(report.check_top, k=top)
        if sgcat is not None:
            sp = sg.Profile(profile)
            tp, got = median_time(lambda: sgcat.rank_roles(sp, top=top), budget, 2000)
            ok &= check(qname, "skillgap", ranking, [(e.role, e.hours) for e in got])
        if rust is not None:
            args = ["query", str(path), "rank_roles", json.dumps(profile)] + ([str(top)] if top else [])
            try:
                out = rust.call(*args)
                tr = out["median_s"]
                ok &= check(qname, "gap-core", ranking, [tuple(r) for r in out["ranking"]])
            except (RuntimeError, KeyError, json.JSONDecodeError) as e:
                print(f"note: gap-core timing unavailable for {qname}: {e}", file=sys.stderr)
        shown = ranking[: top or len(ranking)]
        result = f"{len(shown)} roles, best {shown[0][0]} {shown[0][1]:,.1f} h" if shown else "0 roles"
        if top:
            result += f" (networkx: first {top} of its full loop)"
        report.rows.append((qname, tn, tp, tr, result + ("" if ok else "  MISMATCH")))


def run_batch(sg: Any | None, rust: RustHelper | None, budget: float, sample: int, quick: bool) -> Report:
    """Issue 13's batch figures with `any_of` groups: the embedded catalog's
    `hours_matrix` for 10,000 random profiles x every role (networkx on the
    first `sample` profiles, its time scaled to all of them), and
    `rank_roles` in full and `top=10` on `synthetic(14000, 3000, 1, 0.05)`
    for the 20-skill profile (networkx runs its loop once; `top=10` is the
    first 10 of that loop). Then, when `$SKILLGAP_DATA/esco-v1.1.1` is there
    (default `../shared/data`) and skillgap is importable, the group-free
    ESCO figures: `hours_matrix` for 10,000 profiles of 20 skills (networkx
    on `sample // 100` of them) and `rank_roles` for the first."""
    report = Report()
    n_skills, n_roles = (2000, 300) if quick else (14000, 3000)
    with tempfile.TemporaryDirectory(prefix="skillgap-batch-") as tmp:
        path = Path(tmp) / "embedded.json"
        if sg is not None:
            path.write_text(sg.Catalog.default().to_json(), encoding="utf-8")
        elif rust is not None:
            rust.call("default", str(path))
        else:
            print("error: no way to get the embedded catalog (need skillgap or gap-time)", file=sys.stderr)
            return report
        data = json.loads(path.read_text(encoding="utf-8"))
        profiles = random_profiles(data, 10_000, 7)
        time_matrix(report, "embedded", data, path, profiles, sample, sg, rust, budget)

        spath = Path(tmp) / "groups.json"
        if sg is not None:
            cat = sg.Catalog.synthetic(n_skills, n_roles, seed=1, any_of_fraction=0.05)
            spath.write_text(cat.to_json(), encoding="utf-8")
        else:
            assert rust is not None
            rust.call("synthetic", str(n_skills), str(n_roles), "1", "0.05", str(spath))
        data = json.loads(spath.read_text(encoding="utf-8"))
        scen = f"synthetic({n_skills},{n_roles},1,0.05)"
        time_rankings(report, scen, data, spath, profile_from_roles(data, 0, 20), (None, 10), sg, rust, budget)

        # ESCO (no groups): the figures the group work must not worsen.
        esco = Path(os.environ.get("SKILLGAP_DATA", REPO.parent / "shared" / "data")) / "esco-v1.1.1"
        if sg is None or not (esco / "occupations_en.csv").exists():
            print(f"note: ESCO rows skipped (need skillgap and {esco})", file=sys.stderr)
        else:
            epath = Path(tmp) / "esco.json"
            epath.write_text(sg.Catalog.from_esco(esco).to_json(), encoding="utf-8")
            data = json.loads(epath.read_text(encoding="utf-8"))
            profiles = [profile_from_roles(data, i % len(data["roles"]), 20) for i in range(10_000)]
            time_matrix(report, "ESCO v1.1.1", data, epath, profiles, max(1, sample // 100), sg, rust, budget)
            time_rankings(report, "ESCO v1.1.1", data, epath, profiles[0], (None,), sg, rust, budget)
    return report


def highs_solve(nxcat: NxCatalog, role: str, time_limit: float, relax: bool) -> tuple[float, float, bool, float]:
    """The role's 0/1 program (or its LP relaxation) in HiGHS through
    highspy: (seconds, objective, proven optimal, dual bound)."""
    import highspy

    reqs = nxcat.roles[role][0]
    needed, _ = nxcat.in_play({}, reqs, nxcat.unknown_graph({}))
    c, a, lb, ub = nxcat.milp_model({}, reqs, needed)
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(c), len(lb)
    lp.col_cost_ = c
    lp.col_lower_ = np.zeros(len(c))
    lp.col_upper_ = np.ones(len(c))
    lp.row_lower_ = np.array([max(v, -inf) for v in lb])
    lp.row_upper_ = np.array([min(v, inf) for v in ub])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = a.indptr
    lp.a_matrix_.index_ = a.indices
    lp.a_matrix_.value_ = a.data
    if not relax:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * len(c)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", time_limit)
    h.passModel(lp)
    t = time.perf_counter()
    h.run()
    secs = time.perf_counter() - t
    info = h.getInfo()
    optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    bound = info.objective_function_value if relax else info.mip_dual_bound
    return secs, info.objective_function_value, optimal, bound


def run_hard(sg: Any | None, time_limit: float) -> None:
    """The hard any_of instances of benches/fixtures (issue #13): HiGHS
    (MILP and LP relaxation) against skillgap with a small and the default
    budget. Skipped with a message when highspy is missing."""
    try:
        import highspy  # noqa: F401
    except ImportError:
        print("note: highspy is not installed (pip install highspy): skipping the HiGHS comparison", file=sys.stderr)
        return
    sys.path.insert(0, str(REPO / "benches"))
    from hard_instances import FAMILY, fixture_path

    print("\nHard any_of instances (fixtures/hard_gN_sS.json): seconds, hours, proven?, lower bound")
    print(f"{'instance':<14} {'side':<26} {'seconds':>9} {'hours':>9} {'proven':>7} {'bound':>9}")
    for n_groups, seed in FAMILY:
        path = fixture_path(n_groups, seed)
        if not path.exists():
            print(f"note: {path} missing: run benches/hard_instances.py", file=sys.stderr)
            continue
        name = path.stem
        nxcat = NxCatalog(json.loads(path.read_text(encoding="utf-8")))
        rows = []
        t, v, ok, b = highs_solve(nxcat, "hard", time_limit, relax=True)
        rows.append(("HiGHS LP relaxation", t, v, ok, b))
        t, v, ok, b = highs_solve(nxcat, "hard", time_limit, relax=False)
        rows.append((f"HiGHS MILP ({time_limit:.0f} s limit)", t, v, ok, b))
        if sg is not None:
            cat = sg.Catalog.from_json(path.read_text(encoding="utf-8"))
            for label, budget in (("skillgap budget=300", 300), ("skillgap default budget", None)):
                kw = {} if budget is None else {"budget": budget}
                t0 = time.perf_counter()
                p = cat.learning_path(sg.Profile({}), "hard", **kw)
                rows.append((label, time.perf_counter() - t0, p.total_hours, p.optimal, p.lower_bound))
            t0 = time.perf_counter()
            cat.next_steps(sg.Profile({}), ["hard"])
            rows.append(("skillgap next_steps", time.perf_counter() - t0, math.nan, False, math.nan))
        for side, t, v, ok, b in rows:
            print(f"{name:<14} {side:<26} {t:>9.3f} {v:>9.1f} {str(ok):>7} {b:>9.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller synthetic catalogs (2,000 skills, 300 roles)")
    ap.add_argument("--no-python", action="store_true", help="do not time the skillgap module")
    ap.add_argument("--no-rust", action="store_true", help="do not time gap-core through gap-time")
    ap.add_argument("--no-build", action="store_true", help="do not build gap-time when missing")
    ap.add_argument("--gap-time", type=Path, help="path of the gap-time binary")
    ap.add_argument("--budget", type=float, default=2.0, help="seconds of timing per query and side")
    ap.add_argument("--hard", action="store_true", help="only the hard any_of instances against HiGHS (needs highspy)")
    ap.add_argument("--batch", action="store_true", help="only issue 13's batch figures with any_of groups")
    ap.add_argument("--sample", type=int, default=200, help="--batch: profiles networkx solves for the matrix")
    ap.add_argument("--highs-limit", type=float, default=120.0, help="HiGHS time limit per hard instance (s)")
    args = ap.parse_args()
    if args.hard:
        run_hard(None if args.no_python else import_skillgap(), args.highs_limit)
        return 0

    sg = None if args.no_python else import_skillgap()
    rust = None
    if not args.no_rust:
        try:
            rust = RustHelper(args.gap_time, build=not args.no_build)
        except (RuntimeError, subprocess.CalledProcessError) as e:
            print(f"note: not timing gap-core from Rust ({e})", file=sys.stderr)
    if sg is None and rust is None:
        print("note: neither skillgap nor gap-time is available: timing networkx alone.", file=sys.stderr)
    if args.batch:
        report = run_batch(sg, rust, args.budget, args.sample, args.quick)
        report.print()
        return 1 if report.mismatches else 0

    n_skills, n_roles = (2000, 300) if args.quick else (14000, 3000)
    report = Report()
    with tempfile.TemporaryDirectory(prefix="skillgap-compare-") as tmp:

        def catalog(name: str, seed: int | None, fraction: float) -> tuple[dict[str, Any], Path] | None:
            path = Path(tmp) / f"{name}.json"
            if seed is None:
                if sg is not None:
                    path.write_text(sg.Catalog.default().to_json(), encoding="utf-8")
                elif rust is not None:
                    rust.call("default", str(path))
                else:
                    return None
            elif sg is not None:
                cat = sg.Catalog.synthetic(n_skills, n_roles, seed=seed, any_of_fraction=fraction)
                path.write_text(cat.to_json(), encoding="utf-8")
            elif rust is not None:
                rust.call("synthetic", str(n_skills), str(n_roles), str(seed), str(fraction), str(path))
            else:
                return None
            return json.loads(path.read_text(encoding="utf-8")), path

        # The embedded AI-engineering catalog.
        try:
            got = catalog("embedded", None, 0.0)
        except (RuntimeError, subprocess.CalledProcessError) as e:
            print(f"note: no embedded catalog ({e})", file=sys.stderr)
            got = None
        if got is not None:
            data, path = got
            small = {k: v for k, v in EMBEDDED_SMALL_PROFILE.items() if any(s["id"] == k for s in data["skills"])}
            queries = []
            if any(r["id"] == "ml-engineer" for r in data["roles"]):
                queries += [
                    ("learning_path ml-engineer, empty profile", "learning_path", "ml-engineer", {}),
                    (f"learning_path ml-engineer, {len(small)}-skill profile", "learning_path", "ml-engineer", small),
                ]
            queries.append((f"rank_roles, {len(small)}-skill profile", "rank_roles", None, small))
            run_scenario(report, "embedded", data, path, queries, sg, rust, args.budget)

        # ESCO-scale, no groups.
        got = catalog("esco-scale", 1, 0.0)
        if got is None:
            print("error: no way to make a synthetic catalog (need skillgap or gap-time)", file=sys.stderr)
        else:
            data, path = got
            profile = profile_from_roles(data, 0, 20)
            queries = [
                ("learning_path r0001, empty profile, no groups", "learning_path", "r0001", {}),
                ("rank_roles, 20-skill profile", "rank_roles", None, profile),
            ]
            run_scenario(report, f"synthetic({n_skills},{n_roles},1,0.0)", data, path, queries, sg, rust, args.budget)

        # With groups: the role with ~20 groups in play.
        got = catalog("groups", 0, 0.05)
        if got is not None:
            data, path = got
            nxcat = NxCatalog(data)
            # The first role with 20 groups in play, else the closest (as
            # gap_bench::role_with_groups).
            role, best = None, None
            counts: dict[str, int] = {}
            for r in nxcat.role_ids:
                counts[r] = nxcat.groups_in_play({}, r)
                if best is None or abs(counts[r] - 20) < best:
                    role, best = r, abs(counts[r] - 20)
                if best == 0:
                    break
            if role is not None:
                queries = [
                    (f"learning_path {role}, empty profile, {counts[role]} groups in play", "learning_path", role, {}),
                ]
                run_scenario(report, f"synthetic({n_skills},{n_roles},0,0.05)", data, path, queries, sg, rust, args.budget)

    report.print()
    return 1 if report.mismatches else 0


# A junior data person: Python, SQL, git and some statistics (ids of the
# embedded catalog; ids it lacks are dropped).
EMBEDDED_SMALL_PROFILE = {"python": 2, "sql": 1, "git": 1, "statistics": 1, "pandas": 1}


if __name__ == "__main__":
    sys.exit(main())
