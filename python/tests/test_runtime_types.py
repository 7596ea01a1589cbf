"""Notebook types (issue 12): numpy integers wherever an int is, the
command line's comma-separated profile string, batch errors that name the
profile, and ``to_dict`` types that match the attributes."""

from __future__ import annotations

import json
import pickle
from typing import Any

import numpy as np
import pytest

import skillgap as sg

INTS = [np.int64, np.int32, np.uint8]


@pytest.mark.parametrize("np_int", INTS)
def test_numpy_integers_are_ints(np_int: Any) -> None:
    cat = sg.Catalog.default()
    role = cat.roles[0].id
    plain = {"python": 2, "sql": 1}
    me = {"python": np_int(2), "sql": np_int(1)}
    assert sg.Profile(me) == sg.Profile(plain)
    assert sg.Profile(me).level("python") == 2
    assert cat.gap(me, role).hours == cat.gap(plain, role).hours
    assert cat.learning_path(me, role, budget=np_int(100)).total_hours == pytest.approx(
        cat.learning_path(plain, role, budget=100).total_hours
    )
    ranked = cat.rank_roles(me, top=np_int(3), budget=np_int(50))
    assert [r.role for r in ranked] == [r.role for r in cat.rank_roles(plain, top=3, budget=50)]
    m = cat.hours_matrix([me, plain], budget=np_int(10))
    assert (m[0] == m[1]).all()
    assert cat.next_steps(me, budget=np_int(10))
    assert cat.learning_path(plain, role).schedule(np_int(10)).total_weeks >= 1
    assert sg.Catalog.synthetic(np_int(20), np_int(3), seed=np_int(7)) == sg.Catalog.synthetic(
        20, 3, seed=7
    )
    group = {"any_of": ["aws", "gcp"], "count": np_int(1)}
    assert sg.Role("cloud", "Cloud", requires=[group]).requires == [
        {"any_of": ["aws", "gcp"], "count": 1}
    ]


def test_a_level_from_a_dataframe_column() -> None:
    levels = np.array([2, 1], dtype=np.int64)
    me = dict(zip(["python", "sql"], levels))
    assert sg.Profile(me).to_dict() == {"python": 2, "sql": 1}


@pytest.mark.parametrize("bad", [np.float64(2.0), 2.5, "2", np.True_])
def test_non_integers_are_still_refused(bad: Any) -> None:
    with pytest.raises(TypeError, match="profile level of `python` must be an int"):
        sg.Profile({"python": bad})
    with pytest.raises(TypeError, match="budget must be an int"):
        sg.Catalog.default().gap({}, "data-analyst", budget=bad)


def test_numpy_integers_out_of_range() -> None:
    with pytest.raises(sg.ProfileError):
        sg.Profile({"python": np.int64(-1)})
    with pytest.raises(sg.InvalidArgumentError):
        sg.Catalog.default().gap({}, "data-analyst", budget=np.int32(-1))
    with pytest.raises(sg.InvalidArgumentError, match="top must be at least 1"):
        sg.Catalog.default().rank_roles({}, top=np.uint8(0))


def test_from_refs_takes_the_command_line_string() -> None:
    listed = sg.Profile.from_refs(["python@2", "sql", "pandas"])
    assert sg.Profile.from_refs("python@2, sql, pandas") == listed
    assert sg.Profile.from_refs("python@2,sql,pandas") == listed
    assert sg.Profile.from_refs(" python@2 ,sql ,  pandas ") == listed
    assert sg.Profile.from_refs("python@2") == sg.Profile({"python": 2})
    assert sg.Profile.from_refs("sql, sql@2") == sg.Profile({"sql": 2})
    with pytest.raises(sg.ProfileError, match="bad reference"):
        sg.Profile.from_refs("python@x, sql")
    with pytest.raises(sg.ProfileError):
        sg.Profile.from_refs("python,,sql")


def test_a_bad_row_names_its_profile() -> None:
    cat = sg.Catalog.default()
    profiles = [{"python": 1}, {}, {"sql": 1}, {"pyhton": 1}]
    with pytest.raises(sg.UnknownSkillError) as info:
        cat.hours_matrix(profiles)
    err = info.value
    assert str(err).startswith("profile 3: unknown skill `pyhton`"), str(err)
    assert err.profile_index == 3 and err.id == "pyhton"
    assert "python" in err.suggestions
    again = pickle.loads(pickle.dumps(err))
    assert again.profile_index == 3 and str(again) == str(err)
    with pytest.raises(sg.ProfileError) as info2:
        cat.hours_matrix([{}, {"python": 99}])
    assert str(info2.value).startswith("profile 1: `python` at level 99"), str(info2.value)
    assert info2.value.profile_index == 1 and info2.value.skill == "python"
    # A single-profile query has no index.
    with pytest.raises(sg.UnknownSkillError) as info3:
        cat.gap({"pyhton": 1}, "data-analyst")
    assert info3.value.profile_index is None


CAT: dict[str, Any] = {
    "skills": [
        {"id": "a", "name": "A", "hours": 10},
        {"id": "b", "name": "B", "hours": [1, 2, 3],
         "level_requires": {"3": ["a"], "2": ["a"]}},
    ],
    "roles": [{"id": "r", "name": "R", "requires": ["b@3"]}],
}


def test_skill_to_dict_types_match_the_attributes() -> None:
    cat = sg.Catalog.from_dict(CAT)
    a, b = cat.skill("a"), cat.skill("b")
    assert a.to_dict()["hours"] == [10.0] == a.hours
    assert b.to_dict()["hours"] == [1.0, 2.0, 3.0] == b.hours
    d = b.to_dict()["level_requires"]
    assert d == b.level_requires == {2: ["a"], 3: ["a"]}
    assert list(d) == [2, 3]
    assert "level_requires" not in a.to_dict() or a.to_dict()["level_requires"] == {}
    # The catalog's dict has the same types and reads back.
    skills = {s["id"]: s for s in cat.to_dict()["skills"]}
    assert skills["a"]["hours"] == [10.0] and skills["b"]["level_requires"] == d
    assert sg.Catalog.from_dict(cat.to_dict()) == cat
    assert sg.Catalog.from_dict(json.loads(json.dumps(cat.to_dict()))) == cat
    # The files keep their own spelling.
    text = cat.to_json()
    assert '"2"' in text and '"hours": 10' in text.replace("10.0", "10")


def test_numpy_integers_in_catalog_dicts() -> None:
    d = {
        "skills": [
            {"id": "a", "name": "A", "hours": np.int64(10)},
            {"id": "b", "name": "B", "hours": [np.int32(1), np.uint8(2)],
             "requires": [{"any_of": ["a"], "count": np.int64(1)}]},
        ],
        "roles": [{"id": "r", "name": "R", "requires": ["b@2"]}],
    }
    plain = json.loads(json.dumps(d, default=int))
    assert sg.Catalog.from_dict(d) == sg.Catalog.from_dict(plain)
    cat = sg.Catalog.from_dict(plain)
    assert cat.with_roles([{"id": "s", "name": "S", "requires": [
        {"any_of": ["a", "b"], "count": np.int64(2)}]}]).role("s").requires == [
        {"any_of": ["a", "b"], "count": 2}]
    with pytest.raises(TypeError, match="float32"):
        sg.Catalog.from_dict({"skills": [{"id": "a", "name": "A", "hours": np.float32(1)}]})


def test_catalog_error_fields_are_none_when_absent() -> None:
    # A problem found by validation has no line, column or JSON path.
    with pytest.raises(sg.CatalogError) as e:
        sg.Catalog.from_dict({"skills": [{"id": "A", "name": "A", "hours": 1}]})
    assert e.value.line is None and e.value.column is None and e.value.path is None
    assert sg.CatalogError("x").line is None and sg.CatalogError("x").path is None
    # A parse error keeps them.
    with pytest.raises(sg.CatalogError) as e:
        sg.Catalog.from_json('{\n "skills": 3}')
    assert e.value.line == 2 and isinstance(e.value.column, int)
    assert pickle.loads(pickle.dumps(e.value)).line == 2


def test_schedule_type_error_names_the_parameter(small: sg.Catalog) -> None:
    path = small.learning_path({}, "analyst")
    with pytest.raises(TypeError, match="hours_per_week"):
        path.schedule("8")  # type: ignore[arg-type]


def test_a_huge_group_count_is_reported_as_written(small: sg.Catalog) -> None:
    with pytest.raises(sg.CatalogError, match=str(2**64)) as e:
        sg.Role("r", "R", requires=[{"any_of": ["sql", "aws"], "count": 2**64}])
    assert "9223372036854775807" not in str(e.value)
    with pytest.raises(sg.CatalogError, match=str(-(2**64))):
        sg.Role("r", "R", requires=[{"any_of": ["sql"], "count": -(2**64)}])
    # Through a catalog or role dict the number is never clamped either.
    role = {"id": "r", "name": "R", "requires": [{"any_of": ["sql", "aws"], "count": 2**64}]}
    with pytest.raises(sg.CatalogError, match="count|floating") as e:
        small.with_roles([role])
    assert "9223372036854775807" not in str(e.value)
    d = {"skills": [{"id": "a", "name": "A", "hours": 1},
                    {"id": "b", "name": "B", "hours": 1,
                     "requires": [{"any_of": ["a"], "count": 2**64}]}]}
    with pytest.raises(sg.CatalogError, match="count") as e:
        sg.Catalog.from_dict(d)
    assert "9223372036854775807" not in str(e.value)


@pytest.mark.parametrize("alias", ["", "   "])
def test_an_empty_alias_is_a_catalog_error(alias: str) -> None:
    d = {"skills": [{"id": "a", "name": "A", "hours": 1, "aliases": [alias]}]}
    with pytest.raises(sg.CatalogError, match="alias") as e:
        sg.Catalog.from_dict(d)
    assert e.value.problems[0].kind == "bad_alias" and e.value.problems[0].id == "a"


def test_catalog_to_pandas(small: sg.Catalog, require: Any) -> None:
    require("pandas")
    skills, roles = small.to_pandas()
    frames = small.to_pandas()
    assert frames.skills.equals(skills) and frames.roles.equals(roles)
    assert list(skills["id"]) == [s.id for s in small.skills]
    assert list(skills.columns[:2]) == ["id", "name"]
    row = skills.set_index("id").loc["python"]
    assert row["name"] == "Python" and row["levels"] == 2 and row["total_hours"] == 120
    assert row["aliases"] == ["python3"]
    assert list(roles["id"]) == [r.id for r in small.roles]
    assert roles.set_index("id").loc["analyst", "name"] == "Data Analyst"
