"""``skillgap.dask``: the batch queries over Dask collections of profiles
(SPEC 6), for work that outgrows one machine. Needs the ``dask`` extra
(``pip install skillgap[dask]``); ``import skillgap`` alone never imports
dask or pandas.

>>> import skillgap.dask as sgd                                 # doctest: +SKIP
>>> hours = sgd.hours(ddf, cat)           # Dask DataFrame: person x role id
>>> top = sgd.rank(ddf, cat, top=5, by="fit")   # person, rank, role, name, hours, fit
>>> cohort = sgd.cohort(ddf, cat).compute()     # the in-process Cohort tables

**Profiles in.** ``profiles`` is one of

- a Dask DataFrame in the long format, one row per (person, skill, level)
  (``person=``, ``skill=``, ``level=`` name the columns; as
  ``sg.profiles_from_frame``). A person's rows may sit in several
  partitions: the rows are shuffled on ``person`` first (``shuffle_method=``
  is passed to ``DataFrame.shuffle``: None for Dask's choice, ``"tasks"``
  is quicker for small inputs), unless ``grouped=True`` says every
  person's rows already share a partition;
- a Dask DataFrame with a column of profile dicts (``profile=`` names it;
  the person key is the ``person`` column if there is one, else the index).
  A dict column that Dask turned into strings (``"{'python': 2}"`` or JSON)
  is parsed back;
- a Dask Bag of ``(person, profile dict)`` pairs, or of bare profile dicts
  (then the person key is the position in the bag, which costs one extra
  pass to count the partitions).

**The catalog** travels once per worker, never once per partition or per
row: with a ``distributed`` client it is scattered to every worker
(``client.scatter(catalog, broadcast=True)``) and the tasks refer to that
one key; on the local schedulers (threads, sync) the tasks share the
driver's object. A catalog that arrives in a process that already holds one
with the same content hash is not rebuilt (see ``Catalog.content_hash``). On a
``distributed`` worker with T threads, skillgap's own thread pool is set to
T threads (``sg.set_num_threads``), so a worker uses the cores it was given.
Dask's nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``: glibc
then gives memory back to the system after nearly every query (and fixes
the mmap threshold at 128 KB), and ESCO rankings ran 4-5 times slower on
a worker than in the driver. On such a worker (Linux, glibc) skillgap sets
the trim threshold to 64 MB and the mmap threshold to 32 MB, once
(``mallopt``): a worker keeps at most 64 MB of freed heap.
``SKILLGAP_DASK_MALLOPT=0`` in the workers' environment leaves it alone.

**Layout.** skillgap runs fastest with one worker process per machine
whose threads are the machine's cores (one event loop, one heartbeat and
one catalog copy per machine; each partition's ``rank_many`` /
``hours_matrix`` / ``cohort`` call runs in parallel on those threads):
``local_cluster()`` starts that locally, with :data:`QUIET_CONFIG`; see
docs/scale.md for real clusters.

**Results** are plain data (DataFrames and small tables), never paths
holding catalogs. They equal the in-process results exactly: ``hours`` is
``cat.hours_matrix`` row by row, ``rank`` is ``cat.rank_roles(p, roles,
by=, top=)`` row by row (computed by one ``cat.rank_many`` call per
partition: the partition's profiles in parallel on the worker's threads,
columns out), ``cohort`` equals ``cat.cohort`` (per-skill hours
are sums of per-partition sums: equal up to the last bits when step hours
are not exact binary fractions). Rows come in partition order (after the
shuffle, not the input order): sort by person when the order matters.

**Exact quantiles without the matrix.** ``cohort`` never holds the
profiles x roles matrix: each partition reduces its hours per role to
exact value counts (each distinct hours value and how many profiles need
it), which merge by adding counts in a tree; the median and 90th percentile
are then read off the merged counts with the same linear interpolation as
the in-process cohort. The reduction is as large as the number of distinct
hours values per role (a few hundred on ESCO, whose skills cost 10 or 20
hours), not the number of profiles. Each partition runs ``cat.cohort`` (for
the skill table and readiness) and ``cat.hours_matrix`` (for the hours
values): about twice the in-process work per profile.

**Errors.** A partition with an unknown skill (or a bad level) fails with
the SPEC 5 error of the in-process call (``UnknownSkillError``,
``ProfileError``, ...) whose message and ``.person`` name the person key.
Empty partitions are fine.
"""

from __future__ import annotations

import ast
import json
import math
import threading
from collections.abc import Mapping
from typing import Any, Callable, Iterable, Literal, Sequence

try:
    import dask
    import dask.bag as _db
    import dask.dataframe as _dd
    import numpy as np
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]
except ImportError as _e:  # pragma: no cover - exercised in a venv without dask
    raise ImportError(
        "skillgap.dask needs dask[dataframe] (and pandas): pip install skillgap[dask]"
    ) from _e

import skillgap as sg
from skillgap._cohort import Cohort

__all__ = ["hours", "rank", "cohort", "local_cluster", "RANK_COLUMNS", "QUIET_CONFIG"]

#: The columns of ``rank``'s result, in order.
RANK_COLUMNS = ("person", "rank", "role", "name", "hours", "fit")

#: Dask settings that cut a cluster's own CPU use (``dask.config.set`` them
#: before the cluster starts, or put them in the workers' and scheduler's
#: Dask configuration): no statistical profiler sampling the worker threads
#: every 10 ms, event-loop health checks every 200 ms instead of 20 ms, the
#: system monitor every 2 s instead of 0.5 s. On 2 cores they took an idle
#: worker from about 5% of a core to 1%, the scheduler from 7% to 2.5%.
QUIET_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "200ms",
    "distributed.admin.system-monitor.interval": "2s",
}

_threads_lock = threading.Lock()
_threads_set = False


def _match_worker_threads() -> None:
    """On a ``distributed`` worker, size skillgap's pool to the worker's
    threads, and undo the fixed mmap threshold (once per process)."""
    global _threads_set
    if _threads_set:
        return
    with _threads_lock:
        if _threads_set:
            return
        try:
            from distributed import get_worker

            n = get_worker().state.nthreads
        except (ImportError, ValueError, AttributeError):
            n = None
        if n:
            sg.set_num_threads(int(n))
            _raise_mmap_threshold()
        _threads_set = True


def _raise_mmap_threshold() -> None:
    """glibc: trim and mmap thresholds of 64 and 32 MB when
    ``MALLOC_TRIM_THRESHOLD_`` set them low (see the module docs)."""
    import os
    import sys

    if (sys.platform != "linux" or "MALLOC_TRIM_THRESHOLD_" not in os.environ
            or os.environ.get("SKILLGAP_DASK_MALLOPT") == "0"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.mallopt(-1, 64 * 2**20)  # M_TRIM_THRESHOLD
        libc.mallopt(-3, 32 * 2**20)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):  # not glibc
        pass


# ---------------------------------------------------------------- profiles in


class _Spec:
    """How to read profiles from one partition."""

    def __init__(
        self,
        kind: Literal["long", "dicts", "pairs", "bare"],
        person: str,
        skill: str,
        level: str,
        profile: str,
    ) -> None:
        self.kind = kind
        self.person = person
        self.skill = skill
        self.level = level
        self.profile = profile


def _as_profile_dict(value: Any, key: Any) -> Any:
    """A profile dict from a cell: a mapping, or the string Dask turned it
    into (Python repr or JSON)."""
    if isinstance(value, (Mapping, sg.Profile)):
        return value
    if isinstance(value, (str, bytes)):
        text = value.decode() if isinstance(value, bytes) else value
        for parse in (json.loads, ast.literal_eval):
            try:
                parsed = parse(text)
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                continue
            if isinstance(parsed, Mapping):
                return parsed
        raise TypeError(
            f"person {key!r}: the profile {text[:80]!r} is a string that is not a dict "
            "(expected a dict of skill id -> level, or its JSON or repr)"
        )
    raise TypeError(
        f"person {key!r}: a profile must be a dict of skill id -> level, got {type(value).__name__}"
    )


def _read(part: Any, spec: _Spec, offset: int = 0) -> tuple[list[Any], list[Any]]:
    """(person keys, profiles) of one partition."""
    if spec.kind == "long":
        if len(part) == 0:
            return [], []
        return sg.profiles_from_frame(part, spec.person, spec.skill, spec.level)
    if spec.kind == "dicts":
        keys = list(part[spec.person]) if spec.person in part.columns else list(part.index)
        cells = part[spec.profile].tolist()
        return keys, [_as_profile_dict(v, k) for k, v in zip(keys, cells)]
    items = list(part)
    if spec.kind == "bare":
        keys = list(range(offset, offset + len(items)))
        return keys, [_as_profile_dict(v, k) for k, v in zip(keys, items)]
    keys, profiles = [], []
    for i, item in enumerate(items):
        try:
            key, value = item
        except (TypeError, ValueError):
            raise TypeError(
                f"bag item {i} of a partition: expected a (person, profile dict) pair, "
                f"got {type(item).__name__}"
            ) from None
        keys.append(key)
        profiles.append(_as_profile_dict(value, key))
    return keys, profiles


def _naming_person(err: BaseException, keys: Sequence[Any]) -> BaseException:
    """The same error, its message and ``.person`` naming the person key of
    the profile it is about."""
    idx = getattr(err, "profile_index", None)
    if not isinstance(err, sg.SkillgapError) or idx is None or not 0 <= idx < len(keys):
        return err
    key = keys[idx]
    details = {k: v for k, v in vars(err).items()}
    details["person"] = key
    try:
        new = type(err)(f"person {key!r}: {err.message}", **details)
    except TypeError:  # pragma: no cover - every skillgap error takes details
        return err
    return new


def _partitions(
    profiles: Any, spec: _Spec, grouped: bool, shuffle_method: str | None = None
) -> tuple[list[Any], list[int]]:
    """The input as delayed partitions, with each one's offset (for bare dicts)."""
    if isinstance(profiles, _db.Bag):
        parts = profiles.to_delayed()
        if spec.kind == "bare":
            sizes = dask.compute(*[dask.delayed(len)(p) for p in parts])
            offsets = [0]
            for s in sizes[:-1]:
                offsets.append(offsets[-1] + int(s))
            return parts, offsets
        return parts, [0] * len(parts)
    if spec.kind == "long" and not grouped and profiles.npartitions > 1:
        profiles = profiles.shuffle(on=spec.person, shuffle_method=shuffle_method)
    parts = profiles.to_delayed()
    return parts, [0] * len(parts)


def _spec(
    profiles: Any, person: str, skill: str, level: str, profile: str, bag_pairs: bool | None
) -> _Spec:
    if isinstance(profiles, _db.Bag):
        if bag_pairs is None:
            # The first partition usually tells; all of them only when it is empty.
            first = profiles.take(1, npartitions=1, warn=False)
            if not first:
                first = profiles.take(1, npartitions=-1, warn=False)
            bag_pairs = bool(first) and isinstance(first[0], (tuple, list))
        return _Spec("pairs" if bag_pairs else "bare", person, skill, level, profile)
    if not isinstance(profiles, _dd.DataFrame):
        raise TypeError(
            "skillgap.dask: profiles must be a Dask DataFrame (long person/skill/level "
            f"rows, or a column of profile dicts) or a Dask Bag, got {type(profiles).__name__}"
        )
    cols = list(profiles.columns)
    if profile in cols:
        return _Spec("dicts", person, skill, level, profile)
    missing = [c for c in (person, skill, level) if c not in cols]
    if missing:
        raise KeyError(
            f"skillgap.dask: no column {missing[0]!r}: expected long rows ({person!r}, "
            f"{skill!r}, {level!r}) or a {profile!r} column of dicts (columns: {cols})"
        )
    return _Spec("long", person, skill, level, profile)


def _role_ids(catalog: sg.Catalog, roles: Any) -> list[Any]:
    if roles is None:
        return list(catalog.role_ids)
    if isinstance(roles, (str, sg.Role)):
        return [roles]
    return list(roles)


def _col(role: Any) -> str:
    return role.id if isinstance(role, sg.Role) else str(role)


def _person_index(keys: list[Any], meta_dtype: Any) -> Any:
    return pd.Index(keys, dtype=meta_dtype, name="person") if meta_dtype is not None else pd.Index(keys, name="person")


# ---------------------------------------------------------------- per partition


def _hours_part(
    part: Any, catalog: sg.Catalog, roles: list[Any], spec: _Spec, offset: int, key_dtype: Any
) -> Any:
    _match_worker_threads()
    keys, profiles = _read(part, spec, offset)
    try:
        m = catalog.hours_matrix(profiles, roles) if profiles else np.empty((0, len(roles)))
    except sg.SkillgapError as e:
        raise _naming_person(e, keys) from None
    return pd.DataFrame(m, index=_person_index(keys, key_dtype), columns=[_col(r) for r in roles])


def _rank_part(
    part: Any,
    catalog: sg.Catalog,
    roles: list[Any] | None,
    spec: _Spec,
    offset: int,
    top: int | None,
    by: Literal["hours", "fit"],
    key_dtype: Any,
) -> Any:
    _match_worker_threads()
    keys, profiles = _read(part, spec, offset)
    # One call into the core for the whole partition, in parallel on the
    # worker's threads, columns out.
    try:
        c = catalog.rank_many(profiles, roles, by=by, top=top)
    except sg.SkillgapError as e:
        raise _naming_person(e, keys) from None
    rows = c["profile"]
    if key_dtype is not None:
        person_col = pd.Series(pd.array(keys, dtype=key_dtype).take(rows), dtype=key_dtype)
    else:
        person_col = [keys[i] for i in rows.tolist()]
    return pd.DataFrame(
        {
            "person": person_col,
            "rank": c["rank"],
            "role": pd.Series(c["role"], dtype=object),
            "name": pd.Series(c["name"], dtype=object),
            "hours": c["hours"],
            "fit": c["fit"],
        }
    )


def _cohort_part(
    part: Any, catalog: sg.Catalog, roles: list[Any], spec: _Spec, offset: int
) -> dict[str, Any]:
    """One partition reduced: its size, per role the ready count, whether
    every hours value is optimal and the exact value counts of the hours;
    per skill the pairs and hours."""
    _match_worker_threads()
    keys, profiles = _read(part, spec, offset)
    n = len(profiles)
    out: dict[str, Any] = {"n": n, "ready": np.zeros(len(roles), dtype=np.int64),
                           "optimal": np.ones(len(roles), dtype=bool),
                           "counts": [(np.empty(0), np.empty(0, dtype=np.int64))] * len(roles),
                           "skills": {}}
    if n == 0:
        return out
    try:
        c = catalog.cohort(profiles, roles)
        m = catalog.hours_matrix(profiles, roles)
    except sg.SkillgapError as e:
        raise _naming_person(e, keys) from None
    out["ready"] = np.array([round(r.ready_share * n) for r in c.roles], dtype=np.int64)
    out["optimal"] = np.array([r.optimal for r in c.roles], dtype=bool)
    out["counts"] = [np.unique(m[:, j], return_counts=True) for j in range(len(roles))]
    out["skills"] = {s.skill: (s.pairs, [s.hours]) for s in c.skills}
    return out


def _merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Several partition reductions into one (exact: counts add)."""
    parts = list(parts)
    acc = parts[0]
    for p in parts[1:]:
        if p["n"] == 0:
            continue
        if acc["n"] == 0:
            acc = p
            continue
        counts = []
        for (va, ca), (vb, cb) in zip(acc["counts"], p["counts"]):
            v = np.concatenate([va, vb])
            cnt = np.concatenate([ca, cb])
            u, inv = np.unique(v, return_inverse=True)
            counts.append((u, np.bincount(inv.ravel(), weights=cnt, minlength=len(u)).astype(np.int64)))
        skills = dict(acc["skills"])
        for s, (pairs, hours_) in p["skills"].items():
            if s in skills:
                a_pairs, a_hours = skills[s]
                skills[s] = (a_pairs + pairs, a_hours + hours_)
            else:
                skills[s] = (pairs, hours_)
        acc = {"n": acc["n"] + p["n"], "ready": acc["ready"] + p["ready"],
               "optimal": acc["optimal"] & p["optimal"], "counts": counts, "skills": skills}
    return acc


def _quantile(values: Any, counts: Any, q: float) -> float:
    """The q-quantile of the multiset (values with counts), by the in-process
    cohort's linear interpolation (numpy's default)."""
    n = int(counts.sum())
    if n == 0:
        return math.nan
    cum = np.cumsum(counts)
    pos = q * (n - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    frac = pos - lo
    v_lo = float(values[int(np.searchsorted(cum, lo, side="right"))])
    v_hi = float(values[int(np.searchsorted(cum, hi, side="right"))])
    return v_lo + (v_hi - v_lo) * frac


def _finish(merged: dict[str, Any], catalog: sg.Catalog, roles: list[Any]) -> Cohort:
    n = merged["n"]
    names = [r.name for r in catalog.cohort([], roles).roles]
    role_rows = []
    for j, role in enumerate(roles):
        values, counts = merged["counts"][j]
        role_rows.append((
            _col(role),
            names[j],
            merged["ready"][j].item() / n if n else 0.0,
            _quantile(values, counts, 0.5),
            _quantile(values, counts, 0.9),
            bool(merged["optimal"][j]),
        ))
    skills = [(s, pairs, math.fsum(h)) for s, (pairs, h) in merged["skills"].items()]
    skills.sort(key=lambda t: (-t[1], -t[2], t[0]))
    skill_rows = [(s, catalog.skill(s).name, pairs, h) for s, pairs, h in skills]
    return Cohort(role_rows, skill_rows, n)


def _tree(items: list[Any], merge: Callable[[list[Any]], Any], width: int = 8) -> Any:
    """A tree of delayed merges, ``width`` at a time."""
    while len(items) > 1:
        items = [dask.delayed(merge, pure=True)(items[i:i + width]) for i in range(0, len(items), width)]
    return items[0]


# ---------------------------------------------------------------- public API


def local_cluster(
    n_workers: int = 1,
    threads_per_worker: int | None = None,
    *,
    quiet: bool = True,
    **kwargs: Any,
) -> Any:
    """A ``distributed.LocalCluster`` laid out as skillgap runs fastest: one
    worker process (``n_workers``) with every core of the machine as its
    threads (``threads_per_worker``, default ``os.cpu_count() //
    n_workers``), which skillgap's pool then uses (one event loop and one
    catalog copy per machine, not per core), started with
    :data:`QUIET_CONFIG` unless ``quiet=False``. Other keyword arguments go
    to ``LocalCluster`` (e.g. ``dashboard_address=None``). On a real
    cluster the same layout is ``dask worker ADDRESS --nworkers 1 --nthreads
    CORES`` (docs/scale.md)."""
    import os

    import distributed

    if threads_per_worker is None:
        threads_per_worker = max(1, (os.cpu_count() or 1) // max(1, n_workers))
    kwargs.setdefault("processes", True)
    with dask.config.set(QUIET_CONFIG if quiet else {}):
        return distributed.LocalCluster(
            n_workers=n_workers, threads_per_worker=threads_per_worker, **kwargs
        )


def _ship(catalog: sg.Catalog) -> Any:
    """The catalog as the tasks take it: scattered once to every worker of
    the current ``distributed`` client (a future), else the object itself."""
    if not isinstance(catalog, sg.Catalog):
        raise TypeError(f"skillgap.dask: catalog must be a skillgap.Catalog, got {type(catalog).__name__}")
    try:
        from distributed import default_client

        client = default_client()
    except (ImportError, ValueError):
        return catalog
    try:
        return client.scatter(catalog, broadcast=True, hash=False)
    except Exception as e:
        # A worker that cannot import skillgap fails to unpickle the catalog;
        # distributed re-raises that as a plain Exception wrapping the
        # ModuleNotFoundError.
        text = repr(e)
        if isinstance(e, ImportError) or ("skillgap" in text and "Error" in text and "import" in text):
            raise ImportError(
                "skillgap.dask: a Dask worker could not load skillgap to receive the catalog "
                f"({text[:300]}). Every worker's environment needs the same skillgap wheel "
                "as the client (pip install 'skillgap[dask]'); see docs/scale.md."
            ) from e
        raise


def _key_dtype(profiles: Any, spec: _Spec) -> Any:
    if spec.kind in ("long", "dicts") and spec.person in profiles.columns:
        return profiles._meta[spec.person].dtype
    if spec.kind == "dicts":
        return profiles._meta.index.dtype
    if spec.kind == "bare":
        return np.dtype(np.int64)
    return None


def hours(
    profiles: Any,
    catalog: sg.Catalog,
    roles: Any = None,
    *,
    person: str = "person",
    skill: str = "skill",
    level: str = "level",
    profile: str = "profile",
    grouped: bool = False,
    shuffle_method: str | None = None,
) -> Any:
    """Hours to job-ready: a Dask DataFrame with one row per person (index
    ``person``, the person key) and one float column per role, named by the
    role id, in the order of ``roles`` (default: every catalog role). Each
    partition is ``catalog.hours_matrix`` of its profiles. Role names:
    ``catalog.role(id).name``."""
    spec = _spec(profiles, person, skill, level, profile, None)
    role_list = _role_ids(catalog, roles)
    key_dtype = _key_dtype(profiles, spec)
    parts, offsets = _partitions(profiles, spec, grouped, shuffle_method)
    cat = _ship(catalog)
    meta = pd.DataFrame(
        np.empty((0, len(role_list))),
        index=_person_index([], key_dtype),
        columns=[_col(r) for r in role_list],
    )
    out = [
        dask.delayed(_hours_part, pure=True)(p, cat, role_list, spec, off, key_dtype)
        for p, off in zip(parts, offsets)
    ]
    return _dd.from_delayed(out, meta=meta, verify_meta=False)


def rank(
    profiles: Any,
    catalog: sg.Catalog,
    top: int | None = 5,
    by: Literal["hours", "fit"] = "hours",
    *,
    roles: Any = None,
    person: str = "person",
    skill: str = "skill",
    level: str = "level",
    profile: str = "profile",
    grouped: bool = False,
    shuffle_method: str | None = None,
) -> Any:
    """The ``top`` roles per person (None: all) in the order of
    ``catalog.rank_roles(profile, roles, by=by, top=top)``, as a long Dask
    DataFrame: ``person``, ``rank`` (1 = best), ``role`` (id), ``name``,
    ``hours``, ``fit``."""
    if by not in ("hours", "fit"):
        raise ValueError(f"rank: by must be 'hours' or 'fit', got {by!r}")
    spec = _spec(profiles, person, skill, level, profile, None)
    role_list = None if roles is None else _role_ids(catalog, roles)
    key_dtype = _key_dtype(profiles, spec)
    parts, offsets = _partitions(profiles, spec, grouped, shuffle_method)
    cat = _ship(catalog)
    meta = _rank_part([], catalog, role_list, _Spec("pairs", person, skill, level, profile),
                      0, top, by, key_dtype)
    out = [
        dask.delayed(_rank_part, pure=True)(p, cat, role_list, spec, off, top, by, key_dtype)
        for p, off in zip(parts, offsets)
    ]
    return _dd.from_delayed(out, meta=meta, verify_meta=False)


def cohort(
    profiles: Any,
    catalog: sg.Catalog,
    roles: Any = None,
    *,
    person: str = "person",
    skill: str = "skill",
    level: str = "level",
    profile: str = "profile",
    grouped: bool = False,
    shuffle_method: str | None = None,
) -> Any:
    """The cohort tables of ``catalog.cohort(profiles, roles)`` (``.roles``:
    role, name, ready_share, median_hours, p90_hours, optimal; ``.skills``:
    skill, name, pairs, hours) as a ``dask.delayed`` value: ``.compute()``
    gives the ``Cohort``. Reduced per partition and merged in a tree; the
    quantiles are exact (see the module docs)."""
    spec = _spec(profiles, person, skill, level, profile, None)
    role_list = _role_ids(catalog, roles)
    parts, offsets = _partitions(profiles, spec, grouped, shuffle_method)
    cat = _ship(catalog)
    reduced = [
        dask.delayed(_cohort_part, pure=True)(p, cat, role_list, spec, off)
        for p, off in zip(parts, offsets)
    ]
    if not reduced:
        reduced = [dask.delayed(_cohort_part, pure=True)([], cat, role_list,
                                                          _Spec("pairs", person, skill, level, profile), 0)]
    merged = _tree(reduced, _merge)
    return dask.delayed(_finish, pure=True)(merged, cat, role_list)
