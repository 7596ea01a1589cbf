"""Every exception of SPEC 5: class tree, structured attributes, pickling, and
the inputs that raise them (malformed catalogs, unknown ids, bad levels, bad
arguments, wrong types, absurd sizes)."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import skillgap as sg


def test_class_tree() -> None:
    assert issubclass(sg.SkillgapError, Exception)
    for cls, bases in [
        (sg.CatalogError, (sg.SkillgapError, ValueError)),
        (sg.CycleError, (sg.CatalogError,)),
        (sg.ProfileError, (sg.SkillgapError, ValueError)),
        (sg.UnknownSkillError, (sg.SkillgapError, KeyError)),
        (sg.UnknownRoleError, (sg.SkillgapError, KeyError)),
        (sg.InfeasibleError, (sg.SkillgapError,)),
        (sg.InvalidArgumentError, (sg.SkillgapError, ValueError)),
    ]:
        for b in bases:
            assert issubclass(cls, b), (cls, b)
    assert not issubclass(sg.InfeasibleError, ValueError)
    assert sg.CycleError.__module__ == "skillgap._errors"


def roundtrip(e: BaseException) -> Any:
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is type(e)
    assert str(back) == str(e)
    assert back.__dict__ == e.__dict__
    return back


def test_cycle_error() -> None:
    d = {"skills": [
        {"id": "a", "name": "A", "hours": 1, "requires": ["c"]},
        {"id": "b", "name": "B", "hours": 1, "requires": ["a"]},
        {"id": "c", "name": "C", "hours": 1, "requires": ["b"]},
        {"id": "d", "name": "D", "hours": 1},
    ]}
    with pytest.raises(sg.CycleError) as e:
        sg.Catalog.from_dict(d)
    cyc = e.value.cycle
    assert sorted(cyc) == ["a", "b", "c"] and len(cyc) == 3
    # In requires order: each id requires the one after it (cyclically).
    req = {"a": "c", "b": "a", "c": "b"}
    for i, s in enumerate(cyc):
        assert req[s] == cyc[(i + 1) % 3]
    assert isinstance(e.value, ValueError) and isinstance(e.value, sg.CatalogError)
    assert "cycle" in str(e.value)
    assert roundtrip(e.value).cycle == cyc


def test_cycle_through_levels() -> None:
    d = {"skills": [
        {"id": "a", "name": "A", "hours": [1, 1], "level_requires": {"2": ["b"]}},
        {"id": "b", "name": "B", "hours": 1, "requires": ["a@2"]},
    ]}
    with pytest.raises(sg.CycleError) as e:
        sg.Catalog.from_json(__import__("json").dumps(d))
    assert sorted(e.value.cycle) == ["a", "b"]


@pytest.mark.parametrize(
    "mutate, needle",
    [
        (lambda d: d["skills"][3]["requires"].append("kotlin"), "kotlin"),
        (lambda d: d["skills"][0].update(hours=-1), "hours"),
        (lambda d: d["skills"][0].update(hours=[]), "hours"),
        (lambda d: d["skills"][0].update(id="Python"), "Python"),
        (lambda d: d["skills"].append(dict(d["skills"][0])), "duplicate"),
        (lambda d: d["roles"][0]["requires"].append("python@7"), "python@7"),
        (lambda d: d["roles"][0]["requires"].append("python@0"), "python@0"),
        (lambda d: d["roles"][0]["requires"].append("sql"), "duplicate"),
        (lambda d: d["roles"][0]["requires"].append({"any_of": []}), "group"),
        (lambda d: d["roles"][0]["requires"].append({"any_of": ["aws"], "count": 2}), "group"),
        (lambda d: d["transfers"][0].update(discount=1.5), "discount"),
        (lambda d: d.update(format="skillgap/2"), "skillgap/2"),
        (lambda d: d.update(colour="blue"), "colour"),
        (lambda d: d["skills"][0].update(level_requires={"1": ["sql"]}), "level_requires"),
        (lambda d: d["skills"][0].update(hours="ten"), "hours"),
    ],
)
def test_malformed_catalogs(small_dict: dict, mutate: Any, needle: str) -> None:
    mutate(small_dict)
    with pytest.raises(sg.CatalogError) as e:
        sg.Catalog.from_dict(small_dict)
    assert needle in str(e.value)
    problems = e.value.problems
    assert problems and all(isinstance(p, sg.Problem) for p in problems)
    for p in problems:
        assert isinstance(p.place, str) and isinstance(p.message, str) and p.message
        assert p.id is None or isinstance(p.id, str)
        assert str(p) == (f"{p.place}: {p.message}" if p.place else p.message)
        assert pickle.loads(pickle.dumps(p)) == p
    # Every problem is one line of the message, as before.
    assert all(str(p) in str(e.value) for p in problems)
    back = roundtrip(e.value)
    assert back.problems == problems


def test_problems_are_structured(small_dict: dict) -> None:
    small_dict["skills"][3]["requires"].append("kotlin")
    small_dict["skills"][0]["hours"] = -1
    with pytest.raises(sg.CatalogError) as e:
        sg.Catalog.from_dict(small_dict)
    by_kind = {p.kind: p for p in e.value.problems}
    unknown = by_kind["unknown_skill"]
    assert unknown.id == "kotlin"
    assert unknown.place == "skills[3] (pandas).requires[2]"
    assert unknown.message == "unknown skill `kotlin`"
    assert str(unknown) == "skills[3] (pandas).requires[2]: unknown skill `kotlin`"
    hours = by_kind["bad_hours"]
    assert hours.id == "python" and hours.place.startswith("skills[0]")
    assert str(e.value).splitlines()[1:] == [f"  - {p}" for p in e.value.problems]
    assert unknown.to_dict() == {
        "kind": "unknown_skill",
        "place": "skills[3] (pandas).requires[2]",
        "id": "kotlin",
        "message": "unknown skill `kotlin`",
    }
    with pytest.raises(AttributeError):
        unknown.id = "x"  # type: ignore[misc]


def test_cycle_problem_has_no_place() -> None:
    d = {"skills": [
        {"id": "a", "name": "A", "hours": 1, "requires": ["b"]},
        {"id": "b", "name": "B", "hours": 1, "requires": ["a"]},
    ]}
    with pytest.raises(sg.CycleError) as e:
        sg.Catalog.from_dict(d)
    (p,) = e.value.problems
    assert p.kind == "cycle" and p.place == "" and p.id is None
    assert str(p) == p.message and p.message.startswith("cycle in prerequisites: ")


def test_parse_error_location() -> None:
    with pytest.raises(sg.CatalogError) as e:
        sg.Catalog.from_json('{"skills": [\n  {"id": "a", "name": "A", "hours": "x"}\n]}')
    err = e.value
    assert err.source == "<json>" and err.line == 2 and err.column > 0
    assert "skills[0]" in err.path
    with pytest.raises(sg.CatalogError):
        sg.Catalog.from_json("not json")
    with pytest.raises(sg.CatalogError):
        sg.Catalog.from_json("[" * 100000)
    with pytest.raises(sg.CatalogError):
        sg.Catalog.from_toml("= nope")
    back = roundtrip(err)
    assert (back.line, back.path) == (err.line, err.path)
    # A parse error is one problem: the message itself.
    assert [str(p) for p in err.problems] == [str(err)]
    assert err.problems[0].kind == "error" and err.problems[0].id is None


def test_from_dict_wrong_types() -> None:
    with pytest.raises(TypeError):
        sg.Catalog.from_dict([1, 2])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sg.Catalog.from_dict({"skills": [{"id": "a", "name": "A", "hours": {1, 2}}]})
    with pytest.raises(sg.CatalogError):
        sg.Catalog.from_dict({"skills": [{"id": "a", "name": "A", "hours": float("nan")}]})
    with pytest.raises(TypeError):
        sg.Catalog.from_json(b"{}")  # type: ignore[arg-type]


def test_unknown_skill_and_role(small: sg.Catalog) -> None:
    with pytest.raises(sg.UnknownSkillError) as e:
        small.skill("pyton")
    assert isinstance(e.value, KeyError)
    assert e.value.id == "pyton" and "python" in e.value.suggestions
    assert str(e.value).startswith("unknown skill `pyton`")
    assert roundtrip(e.value).suggestions == e.value.suggestions
    with pytest.raises(sg.UnknownRoleError) as r:
        small.role("analist")
    assert isinstance(r.value, KeyError) and r.value.id == "analist"
    assert r.value.suggestions == ["analyst"]
    roundtrip(r.value)
    with pytest.raises(KeyError):
        small.role("zzz")


def test_profile_errors(small: sg.Catalog) -> None:
    with pytest.raises(sg.ProfileError) as e:
        sg.Profile({"python": -1})
    assert e.value.skill == "python" and e.value.level == -1
    roundtrip(e.value)
    with pytest.raises(sg.ProfileError):
        sg.Profile({"python": 10**30})
    with pytest.raises(sg.ProfileError):
        sg.Profile({"python": 2**32})
    with pytest.raises(sg.ProfileError):
        sg.Profile.from_refs(["python@0"])
    with pytest.raises(sg.ProfileError):
        sg.Profile.from_refs(["Python"])
    with pytest.raises(TypeError):
        sg.Profile({"python": 1.5})
    with pytest.raises(TypeError):
        sg.Profile({"python": "2"})
    with pytest.raises(TypeError):
        sg.Profile({1: 2})
    with pytest.raises(TypeError):
        sg.Profile(["python"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sg.Profile.from_refs([1])  # type: ignore[list-item]


def test_exceptions_built_by_hand_pickle() -> None:
    for e in [
        sg.SkillgapError("x"),
        sg.CatalogError("bad"),
        sg.CatalogError("bad", problems=[sg.Problem("m", place="skills[0]", id="a")]),
        sg.CycleError("c", cycle=["a", "b"]),
        sg.ProfileError("p", skill="a", level=9),
        sg.UnknownSkillError("u", id="a", suggestions=["b"]),
        sg.UnknownRoleError("u", id="a"),
        sg.InfeasibleError("i", target="r", requirement="a", reason="a is avoided"),
        sg.InvalidArgumentError("v"),
    ]:
        roundtrip(e)
    assert str(sg.UnknownSkillError("plain")) == "plain"
