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
