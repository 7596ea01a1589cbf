"""Bytes per pickled result for a catalog the receiving process already
holds (the compact pickles of `skillgap`, docs/scale.md), on the embedded
catalog and on ESCO v1.1.1.

    python benches/pickle_size.py [--esco DIR]

For each catalog: the catalog's own pickle, a `Path` pickled before the
catalog is shared (self-contained: it carries the catalog) and after (it
carries the catalog's content hash), the median over paths to every role (or
the first 200 ESCO roles) from a few seeded profiles, and a `Gap`.
"""

from __future__ import annotations

import argparse
import pickle
import random
import statistics
import time
from pathlib import Path

import skillgap as sg

HERE = Path(__file__).resolve().parent
ESCO = HERE.parents[1] / "shared" / "data" / "esco-v1.1.1"


def measure(name: str, cat: sg.Catalog, roles: list[str]) -> None:
    rng = random.Random(7)
    ids = list(cat.skill_ids)
    profiles = [{s: 1 for s in rng.sample(ids, 10)} for _ in range(3)]
    fresh = sg.Catalog.from_json(cat.to_json())  # never pickled
    before = len(pickle.dumps(fresh.learning_path(profiles[0], roles[0])))
    t = time.perf_counter()
    cat_bytes = len(pickle.dumps(cat))  # the catalog is now shared
    t_dump = time.perf_counter() - t
    sizes = []
    for p in profiles:
        for r in roles:
            sizes.append(len(pickle.dumps(cat.learning_path(p, r))))
    gap = len(pickle.dumps(cat.gap(profiles[0], roles[0])))
    print(f"{name}: {len(cat.skill_ids)} skills, {len(cat.role_ids)} roles")
    print(f"  catalog pickle            {cat_bytes:>12,} bytes ({t_dump * 1000:.0f} ms to pickle)")
    print(f"  path, catalog not shared  {before:>12,} bytes")
    print(f"  path, catalog shared      {statistics.median(sizes):>12,.0f} bytes median "
          f"(min {min(sizes):,}, max {max(sizes):,}, {len(sizes)} paths)")
    print(f"  gap, catalog shared       {gap:>12,} bytes")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--esco", type=Path, default=ESCO)
    args = ap.parse_args()
    cat = sg.Catalog.default()
    measure("embedded", cat, list(cat.role_ids))
    if args.esco.exists():
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            esco = sg.Catalog.from_esco(args.esco)
        measure("ESCO v1.1.1", esco, list(esco.role_ids)[:200])


if __name__ == "__main__":
    main()
