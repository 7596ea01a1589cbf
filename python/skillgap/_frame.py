"""``sg.profiles_from_frame``: a long table (one row per person and skill,
as HR and survey data come) into profiles, grouped in the core."""

from __future__ import annotations

from typing import Any

from . import Profile


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
    levels = df[level].to_numpy()
    if levels.dtype.kind == "f":
        if not np.isfinite(levels).all() or (levels != np.floor(levels)).any():
            raise TypeError(f"profiles_from_frame: column {level!r} must hold whole numbers")
        levels = levels.astype(np.int64)
    elif levels.dtype.kind not in "iub":
        raise TypeError(f"profiles_from_frame: column {level!r} must hold whole numbers, got {levels.dtype}")
    from ._core import _profiles_from_rows  # type: ignore[import-not-found, attr-defined, unused-ignore]

    profiles: list[Profile] = _profiles_from_rows(
        len(keys), codes.tolist(), df[skill].tolist(), levels.astype(np.int64).tolist()
    )
    return list(keys), profiles
