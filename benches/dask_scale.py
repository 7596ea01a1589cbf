"""skillgap.dask at scale (SPEC 7): N synthetic profiles against every ESCO
occupation, the top 5 roles by fit per profile, on a distributed.LocalCluster,
against the same work in one process with the same total cores.

    python benches/dask_scale.py [--n 1000000] [--partition 5000]
        [--layouts 1x2,2x1] [--config quiet,default] [--api batch|single]
        [--esco DIR] [--skip-inprocess] [--skip-dask] [--task-stream]

Each layout WORKERSxTHREADS is run with each Dask configuration (quiet:
``skillgap.dask.QUIET_CONFIG``; default: Dask's own). The in-process run
(the same total cores: skillgap's pool and as many chunk threads; by
default the same ``rank_many`` call per chunk as the Dask partitions) runs
before and after the Dask runs, and the ratios are against the better of
the two.

Profiles are generated inside the partitions (seeded: partition i always
holds the same profiles), 5-20 skills at level 1 drawn from the skills ESCO
occupations name, so nothing of size N is ever built in the driver. Both runs
stream their result (N x 5 rows: person, rank, role, name, hours, fit) to
Parquet files in a temporary folder, one file per partition.

Printed: wall time of each run, profiles per second, and the peak resident
memory of the whole run (this process plus every child process: the
scheduler, nannies and workers), sampled every 0.1 s with psutil.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psutil

import skillgap as sg

HERE = Path(__file__).resolve().parent
ESCO = HERE.parents[1] / "shared" / "data" / "esco-v1.1.1"


class PeakRss:
    """Samples the summed RSS of this process and all its descendants, and
    adds up the CPU seconds they use (user + system) while it runs: on a
    machine shared with other work, CPU seconds compare the two runs' work
    where wall time mostly measures the other load."""

    def __init__(self, period: float = 0.1) -> None:
        self.period = period
        self.peak = 0
        self.cpu = 0.0
        self._cpu: dict[int, float] = {}
        self._cpu0: dict[int, float] = {}
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        me = psutil.Process()
        total = 0
        for p in [me, *me.children(recursive=True)]:
            try:
                total += p.memory_info().rss
                t = p.cpu_times()
                self._cpu[p.pid] = t.user + t.system
                self._cpu0.setdefault(p.pid, 0.0 if p.pid != me.pid else self._cpu[p.pid])
            except psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.period)

    def __enter__(self) -> "PeakRss":
        self.peak = self._sample()
        self._t.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._t.join()
        self._sample()
        self.cpu = sum(v - self._cpu0.get(pid, 0.0) for pid, v in self._cpu.items())


def make_profiles(part: int, size: int, skills: list[str]) -> list[tuple[int, dict[str, int]]]:
    """Partition `part`'s profiles: persons part*size .. part*size+size-1."""
    rng = random.Random(part)
    base = part * size
    return [(base + i, {s: 1 for s in rng.sample(skills, rng.randint(5, 20))}) for i in range(size)]


def gen_partition(
    parts: list[int], size: int, skills: list[str], sizes: list[int]
) -> list[tuple[int, dict[str, int]]]:
    """A Bag partition: the profiles of the partition numbers it holds."""
    return [pair for i in parts for pair in make_profiles(i, size, skills)[: sizes[i]]]


def rank_chunk(
    cat: sg.Catalog, profiles: list[tuple[int, dict[str, int]]], out: Path, api: str = "batch"
) -> int:
    """The in-process run's unit of work: the same long table, to Parquet.
    ``api="batch"``: one ``rank_many`` call for the chunk (what
    ``skillgap.dask`` runs per partition); ``"single"``: one ``rank_roles``
    call per profile."""
    import numpy as np
    import pandas as pd

    keys = [k for k, _ in profiles]
    if api == "batch":
        c = cat.rank_many([p for _, p in profiles], by="fit", top=5)
        frame = pd.DataFrame({
            "person": np.asarray(keys, dtype=np.int64)[c["profile"]],
            "rank": c["rank"], "role": c["role"], "name": c["name"],
            "hours": c["hours"], "fit": c["fit"],
        })
    else:
        rows: dict[str, list[Any]] = {c: [] for c in ("person", "rank", "role", "name", "hours", "fit")}
        for key, p in profiles:
            r = cat.rank_roles(p, by="fit", top=5).columns()
            n = len(r["role"])
            rows["person"] += [key] * n
            rows["rank"] += list(range(1, n + 1))
            rows["role"] += r["role"]
            rows["name"] += r["name"]
            rows["hours"] += r["hours"]
            rows["fit"] += r["fit"]
        frame = pd.DataFrame(rows)
    frame.to_parquet(out)
    return len(profiles)


def load_esco(path: Path) -> sg.Catalog:
    cache = Path(tempfile.gettempdir()) / "skillgap-esco-v1.1.1.json"
    if cache.exists():
        return sg.Catalog.load(cache)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cat = sg.Catalog.from_esco(path)
    cat.save(cache)
    return cat


def cpu_now() -> float:
    t = psutil.Process().cpu_times()
    return t.user + t.system


def run_dask(args: Any, cat: sg.Catalog, skills: list[str], workers: int, threads: int,
             quiet: bool) -> dict[str, float]:
    """One Dask run: the LocalCluster started, the N profiles ranked to
    Parquet, the cluster stopped; prints its line, returns its figures."""
    import dask
    import dask.bag as db
    import distributed

    import skillgap.dask as sgd

    nparts = -(-args.n // args.partition)
    label = f"dask {workers} x {threads}, {'quiet' if quiet else 'default'} config"
    with dask.config.set(sgd.QUIET_CONFIG if quiet else {}), tempfile.TemporaryDirectory() as tmp, \
            PeakRss() as rss:
        t = time.perf_counter()
        with distributed.LocalCluster(
            n_workers=workers, threads_per_worker=threads, processes=True,
            dashboard_address=None,
        ) as cluster, distributed.Client(cluster) as client:
            startup = time.perf_counter() - t
            # The last partition is cut to N.
            sizes = [min(args.partition, args.n - i * args.partition) for i in range(nparts)]
            # The skill list enters the graph once, as one delayed value.
            bag = db.from_sequence(list(range(nparts)), npartitions=nparts).map_partitions(
                gen_partition, args.partition, dask.delayed(skills), sizes
            )
            # A LocalCluster's scheduler usually runs in this process:
            # count each process once.
            own_scheduler = client.run_on_scheduler(os.getpid) == os.getpid()

            def cluster_cpu() -> tuple[float, float, float]:
                sched = 0.0 if own_scheduler else client.run_on_scheduler(cpu_now)
                return (sum(client.run(cpu_now).values()), sched, cpu_now())

            cpu0 = cluster_cpu()
            t1 = time.perf_counter()
            if args.task_stream:
                with distributed.get_task_stream(client) as ts:
                    sgd.rank(bag, cat, top=5, by="fit").to_parquet(tmp, write_index=False)
            else:
                sgd.rank(bag, cat, top=5, by="fit").to_parquet(tmp, write_index=False)
            run = time.perf_counter() - t1
            cpu1 = cluster_cpu()
            parts = [b - a for a, b in zip(cpu0, cpu1)]
            if args.task_stream:
                busy: dict[str, float] = {}
                per_worker: dict[str, float] = {}
                for task in ts.data:
                    name = str(task["key"][0] if isinstance(task["key"], tuple) else task["key"])
                    name = name.rsplit("-", 1)[0]
                    for st in task["startstops"]:
                        if st["action"] == "compute":
                            busy[name] = busy.get(name, 0.0) + st["stop"] - st["start"]
                            w = str(task.get("worker", "?"))
                            per_worker[w] = per_worker.get(w, 0.0) + st["stop"] - st["start"]
                top_busy = sorted(busy.items(), key=lambda kv: -kv[1])[:4]
                print("  worker compute seconds by task:",
                      ", ".join(f"{k[:40]} {v:.1f}" for k, v in top_busy))
                print("  worker compute seconds by worker:",
                      ", ".join(f"{k} {v:.1f}" for k, v in sorted(per_worker.items())))
            threads_set = sorted(set(client.run(sg.get_num_threads).values()))
    print(f"{label}: {run:.1f} s ({args.n / run:,.0f} profiles/s; cluster start {startup:.1f} s); "
          f"peak resident (all processes) {rss.peak / 2**30:.2f} GB; "
          f"CPU {sum(parts):.1f} s during the run (workers {parts[0]:.1f}, "
          f"scheduler {parts[1]:.1f}, client{' and scheduler' if own_scheduler else ''} "
          f"{parts[2]:.1f}), {rss.cpu:.1f} s with cluster start and stop; "
          f"skillgap threads per worker {threads_set}", flush=True)
    return {"label": label, "wall": run, "cpu": sum(parts), "peak": rss.peak}  # type: ignore[dict-item]


def run_inprocess(args: Any, cat: sg.Catalog, skills: list[str], cores: int) -> dict[str, float]:
    """The same work in this process on `cores` threads; prints its line."""
    nparts = -(-args.n // args.partition)
    # The same total cores: skillgap's pool and the chunk threads.
    sg.set_num_threads(cores)
    with tempfile.TemporaryDirectory() as tmp, PeakRss() as rss:
        t1 = time.perf_counter()
        done = 0
        # One chunk per core at a time (rank_many and rank_roles release
        # the GIL), on skillgap's pool of `cores` threads.
        with ThreadPoolExecutor(cores) as ex:
            futs = []
            for i in range(nparts):
                size = min(args.partition, args.n - i * args.partition)
                futs.append(ex.submit(
                    lambda i=i, size=size: rank_chunk(
                        cat, make_profiles(i, args.partition, skills)[:size],
                        Path(tmp) / f"part.{i}.parquet", args.api)))
                if len(futs) >= 2 * cores:
                    done += futs.pop(0).result()
            for f in futs:
                done += f.result()
        run = time.perf_counter() - t1
    label = f"in-process ({cores} threads, {args.api} API)"
    print(f"{label}: {run:.1f} s ({args.n / run:,.0f} profiles/s); "
          f"peak resident {rss.peak / 2**30:.2f} GB; CPU {rss.cpu:.1f} s", flush=True)
    return {"label": label, "wall": run, "cpu": rss.cpu, "peak": rss.peak}  # type: ignore[dict-item]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--layouts", default="1x2",
                    help="Dask runs, comma-separated WORKERSxTHREADS (e.g. 1x2,2x1); the "
                         "in-process runs use the first layout's total cores")
    ap.add_argument("--config", default="quiet",
                    help="Dask configurations to run each layout with, comma-separated: "
                         "quiet (skillgap.dask.QUIET_CONFIG), default (Dask's own)")
    ap.add_argument("--partition", type=int, default=5000, help="profiles per partition")
    ap.add_argument("--esco", type=Path, default=ESCO)
    ap.add_argument("--skip-inprocess", action="store_true")
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--task-stream", action="store_true",
                    help="also print the workers' task compute seconds (costs some CPU)")
    ap.add_argument("--api", choices=("batch", "single"), default="batch",
                    help="in-process run: one rank_many call per chunk (default, what "
                         "skillgap.dask runs per partition) or one rank_roles call per profile")
    args = ap.parse_args()

    t = time.perf_counter()
    cat = load_esco(args.esco)
    print(f"ESCO: {len(cat.skill_ids)} skills, {len(cat.role_ids)} roles "
          f"(loaded in {time.perf_counter() - t:.1f} s)")
    skills = sorted({ref.split("@")[0] for r in cat.roles for ref in r.requires if isinstance(ref, str)})
    layouts = [tuple(int(x) for x in lay.split("x")) for lay in args.layouts.split(",")]
    configs = [c.strip() for c in args.config.split(",")]
    cores = layouts[0][0] * layouts[0][1]
    nparts = -(-args.n // args.partition)
    print(f"{args.n:,} profiles in {nparts} partitions of {args.partition:,}; "
          f"{cores} cores (machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f})",
          flush=True)
    results = []
    # In-process before and after the Dask runs: the load of a shared
    # machine drifts, and the two bracket it.
    if not args.skip_inprocess:
        results.append(run_inprocess(args, cat, skills, cores))
    if not args.skip_dask:
        for workers, threads in layouts:
            for config in configs:
                results.append(run_dask(args, cat, skills, workers, threads, config == "quiet"))
    if not args.skip_inprocess and not args.skip_dask:
        results.append(run_inprocess(args, cat, skills, cores))
        base = [r for r in results if str(r["label"]).startswith("in-process")]
        wall = sorted(r["wall"] for r in base)[0]
        cpu = sorted(r["cpu"] for r in base)[0]
        print(f"\nvs in-process (best of {len(base)}: {wall:.1f} s, CPU {cpu:.1f} s):")
        for r in results:
            if not str(r["label"]).startswith("in-process"):
                print(f"  {r['label']}: wall {r['wall'] / wall:.2f}x, CPU {r['cpu'] / cpu:.2f}x")
    print(f"(load at the end {os.getloadavg()[0]:.1f})")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
