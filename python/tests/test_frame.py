"""sg.profiles_from_frame: a long (person, skill, level) table into profiles,
checked against grouping in plain Python."""

from __future__ import annotations

import random

import pytest

import skillgap as sg


def test_long_table_to_profiles(default: sg.Catalog, require) -> None:  # type: ignore[no-untyped-def]
    pd = require("pandas")
    rng = random.Random(3)
    ids = list(default.skill_ids)
    rows = [
        (f"p{rng.randint(0, 300)}", s, rng.randint(0, default.skill(s).levels))
        for s in (rng.choice(ids) for _ in range(3000))
    ]
    df = pd.DataFrame(rows, columns=["who", "what", "lv"])
    keys, profiles = sg.profiles_from_frame(df, person="who", skill="what", level="lv")
    expect: dict[str, dict[str, int]] = {}
    for who, what, lv in rows:
        p = expect.setdefault(who, {})
        if lv > 0:
            p[what] = max(p.get(what, 0), lv)
    assert keys == list(expect)  # first appearance order
    assert [dict(p) for p in profiles] == list(expect.values())
    # The profiles work in a batch query.
    assert default.hours_matrix(profiles).shape == (len(keys), len(default.roles))


def test_bad_tables(require) -> None:  # type: ignore[no-untyped-def]
    pd = require("pandas")
    with pytest.raises(KeyError, match="level"):
        sg.profiles_from_frame(pd.DataFrame({"person": [1], "skill": ["sql"]}))
    with pytest.raises(TypeError, match="whole numbers"):
        sg.profiles_from_frame(pd.DataFrame({"person": [1], "skill": ["sql"], "level": [1.5]}))
    with pytest.raises(sg.ProfileError) as e:
        sg.profiles_from_frame(pd.DataFrame({"person": ["a", "b"], "skill": ["sql", "sql"], "level": [1, -1]}))
    assert e.value.profile_index == 1
    keys, ps = sg.profiles_from_frame(pd.DataFrame({"person": ["a"], "skill": ["sql"], "level": [1.0]}))
    assert keys == ["a"] and dict(ps[0]) == {"sql": 1}


def test_skill_column_and_huge_levels(require) -> None:  # type: ignore[no-untyped-def]
    """The coded path (skills factorized, columns passed as int64 bytes):
    missing or non-str skills are refused, and levels past int64 are a
    ``ProfileError`` naming the profile, never wrapped around."""
    pd = require("pandas")
    import numpy as np

    with pytest.raises(ValueError, match="skill"):
        sg.profiles_from_frame(pd.DataFrame({"person": [1, 2], "skill": ["sql", None], "level": [1, 1]}))
    with pytest.raises(TypeError, match="str"):
        sg.profiles_from_frame(pd.DataFrame({"person": [1], "skill": [3], "level": [1]}))
    for big in (np.array([1, 2**63], dtype=np.uint64), np.array([1.0, 2.0**70])):
        with pytest.raises(sg.ProfileError) as e:
            sg.profiles_from_frame(pd.DataFrame({"person": ["a", "b"], "skill": ["sql", "git"], "level": big}))
        assert e.value.profile_index == 1 and e.value.skill == "git"
    with pytest.raises(sg.ProfileError) as e:
        sg.profiles_from_frame(pd.DataFrame({"person": ["a", "b"], "skill": ["sql", "git"], "level": [1, 2**40]}))
    assert e.value.profile_index == 1
    # The same skill under the same person keeps the higher level; 0 adds nothing.
    keys, ps = sg.profiles_from_frame(
        pd.DataFrame({"person": ["a", "a", "b"], "skill": ["sql", "sql", "git"], "level": [2, 1, 0]})
    )
    assert keys == ["a", "b"] and [dict(p) for p in ps] == [{"sql": 2}, {}]
