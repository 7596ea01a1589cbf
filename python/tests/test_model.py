"""Role and Profile built in Python: construction, validation of shapes,
mapping behaviour, equality, hashing."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from hypothesis import given, strategies as st

import skillgap as sg


def test_role_construction() -> None:
    r = sg.Role("dev", "Developer", requires=["python@2", {"any_of": ["aws", "gcp"]}],
                optional=["docker"], family="eng", description="builds", source="me")
    assert (r.id, r.name, r.family, r.description, r.source) == ("dev", "Developer", "eng", "builds", "me")
    assert r.requires == ["python@2", {"any_of": ["aws", "gcp"], "count": 1}]
    assert r.optional == ["docker"]
    assert r == sg.Role.from_dict(r.to_dict())
    assert r.to_dict()["requires"][1] == {"any_of": ["aws", "gcp"], "count": 1}
    assert sg.Role("x", "X").requires == [] and sg.Role("x", "X").optional == []
    assert sg.Role("x", "X", requires=("a", "b")).requires == ["a", "b"]
    assert hash(r) == hash(sg.Role.from_dict(r.to_dict()))
    assert r != sg.Role("dev", "Developer") and r != "dev"
    assert "Role('dev'" in repr(r)


def test_role_bad_shapes() -> None:
    with pytest.raises(TypeError):
        sg.Role("x", "X", requires="python")
    with pytest.raises(TypeError):
        sg.Role("x", "X", requires=[3])
    with pytest.raises(TypeError):
        sg.Role("x", "X", requires=[{"any_of": "python"}])
    with pytest.raises(TypeError):
        sg.Role("x", "X", requires=[{"any_of": ["a"], "count": "1"}])
    with pytest.raises(TypeError):
        sg.Role("x", "X", optional="python")
    with pytest.raises(TypeError):
        sg.Role("x", "X", optional=[1])
    with pytest.raises(TypeError):
        sg.Role(1, "X")  # type: ignore[arg-type]
    with pytest.raises(sg.CatalogError):
        sg.Role("x", "X", requires=[{"anyof": ["a"]}])
    with pytest.raises(sg.CatalogError):
        sg.Role("x", "X", requires=[{"count": 1}])
    with pytest.raises(sg.CatalogError):
        sg.Role.from_dict({"id": "x"})
    with pytest.raises(sg.CatalogError):
        sg.Role.from_dict({"id": "x", "name": "X", "colour": 1})


def test_role_checked_when_used(small: sg.Catalog) -> None:
    bad = sg.Role("Bad Id", "X", requires=["python"])
    with pytest.raises(sg.CatalogError):
        small.with_roles([bad])
    with pytest.raises(sg.CatalogError):
        small.gap({}, sg.Role("x", "X", requires=["kotlin"]))
    with pytest.raises(sg.CatalogError):
        small.gap({}, sg.Role("x", "X", requires=[{"any_of": ["sql"], "count": 5}]))
    with pytest.raises(sg.CatalogError):
        small.learning_path({}, sg.Role("x", "X", requires=["sql@9"]))


def test_profile_mapping() -> None:
    p = sg.Profile({"python": 2, "sql": 1, "zero": 0})
    assert isinstance(p, Mapping)
    assert len(p) == 2 and "zero" not in p and "python" in p and 1 not in p
    assert p["python"] == 2 and p.level("python") == 2 and p.level("docker") == 0
    with pytest.raises(KeyError):
        p["docker"]
    with pytest.raises(KeyError):
        p[3]  # type: ignore[index]
    assert p.get("docker") is None and p.get("docker", 0) == 0 and p.get("sql") == 1
    assert list(p) == ["python", "sql"] == p.keys()
    assert p.values() == [2, 1] and p.items() == [("python", 2), ("sql", 1)]
    assert dict(p) == p.to_dict() == {"python": 2, "sql": 1}
    assert sg.Profile(p) == p and sg.Profile() == sg.Profile({}) and len(sg.Profile()) == 0
    assert hash(p) == hash(sg.Profile({"sql": 1, "python": 2}))
    assert p != sg.Profile({"python": 2}) and p != {"python": 2, "sql": 1}
    assert repr(p) == "Profile({'python': 2, 'sql': 1})"
    with pytest.raises(TypeError, match="got bool"):  # issue 12: True is not a level
        sg.Profile({"python": True})


def test_profile_from_refs() -> None:
    p = sg.Profile.from_refs(["python@2", "sql", "python"])
    assert p.to_dict() == {"python": 2, "sql": 1}
    assert sg.Profile.from_refs("sql") == sg.Profile({"sql": 1})
    assert sg.Profile.from_refs(iter(["a@3"])) == sg.Profile({"a": 3})


def test_profile_checked_against_catalog(small: sg.Catalog) -> None:
    with pytest.raises(sg.UnknownSkillError) as e:
        small.gap({"pyhton": 1}, "analyst")
    assert e.value.id == "pyhton" and "python" in e.value.suggestions
    with pytest.raises(sg.ProfileError) as p:
        small.gap({"python": 3}, "analyst")
    assert p.value.skill == "python" and p.value.level == 3
    with pytest.raises(sg.ProfileError):
        small.rank_roles(sg.Profile({"sql": 2}))


@given(st.dictionaries(st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True),
                       st.integers(min_value=0, max_value=2**32 - 1)))
def test_profile_round_trips(levels: dict[str, int]) -> None:
    p = sg.Profile(levels)
    assert p.to_dict() == {k: v for k, v in levels.items() if v}
    assert sg.Profile(p.to_dict()) == p


@given(st.integers())
def test_profile_levels_any_int(level: int) -> None:
    if 0 <= level < 2**32:
        assert sg.Profile({"a": level}).level("a") == level
    else:
        with pytest.raises(sg.ProfileError):
            sg.Profile({"a": level})
