"""Profile conveniences (issue 12): ``|`` and ``with_levels``, ``save`` /
``load`` in JSON and TOML, and ``apply`` on a path, a list of steps or the
first steps of a path."""

from __future__ import annotations

import pathlib

import pytest

import skillgap as sg


def test_or_merges_by_the_higher_level() -> None:
    p = sg.Profile({"python": 2, "sql": 1})
    assert p | {"python": 1, "git": 1} == sg.Profile({"python": 2, "sql": 1, "git": 1})
    assert {"sql": 3} | p == sg.Profile({"python": 2, "sql": 3})
    assert p | sg.Profile({"python": 3}) == sg.Profile({"python": 3, "sql": 1})
    with pytest.raises(TypeError):
        p | 3  # type: ignore[operator]
    with pytest.raises(sg.ProfileError):
        p | {"sql": -1}


def test_with_levels_merges_or_sets() -> None:
    p = sg.Profile({"python": 2, "sql": 1})
    assert p.with_levels({"python": 1, "git": 1}) == sg.Profile({"python": 2, "sql": 1, "git": 1})
    assert p.with_levels({"python": 1, "sql": 0}, set=True) == sg.Profile({"python": 1})
    assert p == sg.Profile({"python": 2, "sql": 1})  # unchanged


@pytest.mark.parametrize("name", ["me.json", "me.toml", "ME.TOML", "me.txt"])
def test_save_and_load_round_trip(tmp_path: pathlib.Path, name: str) -> None:
    p = sg.Profile({"python": 2, "sql": 1, "a.b": 3})
    f = tmp_path / name
    p.save(f)
    assert sg.Profile.load(f) == p
    assert sg.Profile.load(str(f)) == p
    text = f.read_text()
    if name.lower().endswith(".toml"):
        assert "python = 2" in text
        assert sg.Profile.from_toml(p.to_toml()) == p
    else:
        assert '"python": 2' in text
        assert sg.Profile.from_json(p.to_json()) == p


def test_save_to_a_directory_names_it(tmp_path: pathlib.Path) -> None:
    with pytest.raises(OSError) as e:
        sg.Profile({"python": 1}).save(tmp_path)
    assert str(tmp_path) in str(e.value)


def test_apply_a_path_a_list_or_the_first_steps(small: sg.Catalog) -> None:
    me = sg.Profile({})
    path = small.learning_path(me, "analyst")
    assert len(path) >= 2
    assert me.apply(path) == me.apply(path.steps) == me.apply(list(path))
    first = me.apply(path.steps[:1])
    s = path.steps[0]
    assert first == sg.Profile({s.skill: s.level})
    assert me.apply(path[:1]) == first
    assert me.apply([]) == me
    # A step never lowers a level.
    high = sg.Profile({s.skill: 9})
    assert high.apply(path.steps[:1]) == high
    with pytest.raises(TypeError, match="Step"):
        me.apply([1])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="Path"):
        me.apply(3)  # type: ignore[arg-type]


def test_an_unknown_skill_at_level_0_is_unknown_when_used(small: sg.Catalog) -> None:
    p = sg.Profile({"nope": 0, "sql": 1})
    assert p == sg.Profile({"sql": 1}) and "nope" not in p  # not a known skill
    with pytest.raises(sg.UnknownSkillError) as e:
        small.learning_path(p, "analyst")
    assert e.value.id == "nope"
    with pytest.raises(sg.UnknownSkillError):
        small.gap({"nope": 0}, "analyst")
    # A real skill at level 0 is fine.
    assert small.gap({"python": 0}, "analyst").hours == small.gap({}, "analyst").hours
