#!/usr/bin/env python3
"""Hard any_of instances of issue #13: skills sharing costly prerequisites.

`hard_catalog(n_groups, seed)` builds, with Python's `random.Random(seed)`,
30 base skills of 20-100 h and `n_groups` any_of groups of 10 members of
1-30 h, each member requiring 1-3 random bases; one role `hard` needs one
member of every group. `hard_catalog(60, 1)` is the instance of the issue
(630 skills; optimum 927 h).

    python benches/hard_instances.py            # (re)writes benches/fixtures/hard_*.json

The fixtures are what the criterion benches and the Rust tests read (Rust
cannot replay Python's Mersenne Twister), so keep this generator and the
fixture files in step.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# (groups, seed) of the fixture family; (60, 1) is the instance.
FAMILY = [(20, 1), (40, 2), (60, 1), (60, 2), (60, 3), (80, 4)]


def hard_catalog(n_groups: int = 60, seed: int = 1) -> dict:
    """The issue's generator, verbatim apart from the parameters."""
    rng = random.Random(seed)
    bases = [f"b{i}" for i in range(30)]
    skills = [{"id": b, "name": b, "hours": rng.randint(20, 100)} for b in bases]
    groups = []
    for g in range(n_groups):
        mem = [f"g{g}m{j}" for j in range(10)]
        for sid in mem:
            skills.append(
                {
                    "id": sid,
                    "name": sid,
                    "hours": rng.randint(1, 30),
                    "requires": rng.sample(bases, rng.randint(1, 3)),
                }
            )
        groups.append({"any_of": mem})
    return {"skills": skills, "roles": [{"id": "hard", "name": "hard", "requires": groups}]}


def fixture_path(n_groups: int, seed: int) -> Path:
    return FIXTURES / f"hard_g{n_groups}_s{seed}.json"


def main() -> None:
    FIXTURES.mkdir(exist_ok=True)
    for n_groups, seed in FAMILY:
        path = fixture_path(n_groups, seed)
        path.write_text(json.dumps(hard_catalog(n_groups, seed), separators=(",", ":")) + "\n")
        print(path)


if __name__ == "__main__":
    main()
