"""``sg.profiles_from_frame``: a long table (one row per person and skill,
as HR and survey data come) into profiles, grouped in the core."""

from __future__ import annotations

from typing import Any

from . import Profile
from ._errors import ProfileError


def profiles_from_frame(
    df: Any, person: str = "person", skill: str = "skill", level: str = "level"
) -> tuple[list[Any], list[Profile]]:
    """A pandas DataFrame with one row per (person, skill, level) ->
    ``(person keys, profiles)``, persons in order of first appearance. A
    skill given twice for one person keeps the higher level. Skills are
    checked against a catalog when a query uses the profiles. Levels must be
    whole numbers (an int column, or floats without fractions or NaN)."""
    import numpy as np

    for col in (person, skill, level):
        if col not in df.columns:
            raise KeyError(f"profiles_from_frame: no column {col!r} (columns: {list(df.columns)})")
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    codes, keys = pd.factorize(df[person], sort=False)
    if (codes < 0).any():
        raise ValueError(f"profiles_from_frame: column {person!r} has missing values")
    skill_codes, names = pd.factorize(df[skill], sort=False)
    if (skill_codes < 0).any():
        raise ValueError(f"profiles_from_frame: column {skill!r} has missing values")
    names = list(names)
    bad = [s for s in names if not isinstance(s, str)]
    if bad:
        raise TypeError(f"profiles_from_frame: column {skill!r} must hold skill ids (str), got {bad[0]!r}")
    levels = df[level].to_numpy()
    if levels.dtype.kind == "f":
        if not np.isfinite(levels).all() or (levels != np.floor(levels)).any():
            raise TypeError(f"profiles_from_frame: column {level!r} must hold whole numbers")
    elif levels.dtype.kind not in "iub":
        raise TypeError(f"profiles_from_frame: column {level!r} must hold whole numbers, got {levels.dtype}")
    if levels.dtype.kind in "fu" and levels.size:
        # Past int64 the bytes below would wrap: name the first such row.
        huge = np.flatnonzero(levels >= 2**63) if levels.dtype.kind == "u" else np.flatnonzero(np.abs(levels) >= 2.0**63)
        if huge.size:
            i = int(huge[0])
            who, what, lv = int(codes[i]), str(names[int(skill_codes[i])]), int(levels[i])
            err = ProfileError(
                f"profile {who}: `{what}` at level {lv}: levels are at most 4294967295",
                skill=what,
                level=lv,
            )
            err.profile_index = who
            raise err
    from ._core import _profiles_from_rows  # type: ignore[import-not-found, attr-defined, unused-ignore]

    def raw(a: Any) -> bytes:
        # Native-endian int64 bytes: no Python object per row.
        return np.ascontiguousarray(a, dtype=np.int64).tobytes()

    profiles: list[Profile] = _profiles_from_rows(
        len(keys), raw(codes), raw(skill_codes), names, raw(levels)
    )
    return list(keys), profiles
