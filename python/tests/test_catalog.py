"""Catalog I/O, accessors, equality, with_roles, graph exports and notebook views."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import skillgap as sg


def test_from_dict_accessors(small: sg.Catalog) -> None:
    assert len(small) == 10
    assert "python" in small and "nope" not in small and 3 not in small
    assert small.name == "small <test> & co"
    assert [s.id for s in small.skills][:3] == ["python", "sql", "stats"]
    assert small.skill_ids == [s.id for s in small.skills]
    assert small.role_ids == ["analyst", "mle", "empty"]
    py = small.skill("python")
    assert isinstance(py, sg.Skill)
    assert (py.name, py.category, py.hours, py.levels) == ("Python", "programming", [40.0, 80.0], 2)
    assert py.aliases == ["python3"] and py.resources == [] and py.description is None
    torch = small.skill("pytorch")
    assert torch.requires == ["python@2", {"any_of": ["stats", "pandas"], "count": 1}]
    assert torch.level_requires == {}
    mle = small.role("mle")
    assert isinstance(mle, sg.Role)
    assert mle.requires == ["pytorch", "docker", {"any_of": ["aws", "gcp"], "count": 1}]
    assert mle.optional == ["tensorflow"]
    assert small.transfers == [{"from": "tensorflow", "to": "pytorch", "discount": 0.5}]


def test_sequence_views(small: sg.Catalog) -> None:
    skills = small.skills
    # One view per catalog, not a list rebuilt on each access.
    assert small.skills is skills and small.roles is small.roles
    assert small.skill_ids is small.skill_ids and small.role_ids is small.role_ids
    assert isinstance(skills, sg.CatalogSequence)
    from collections.abc import Sequence

    assert isinstance(skills, Sequence)
    assert len(skills) == 10 and skills[0].id == "python" and skills[-1].id == "cpp"
    assert [s.id for s in skills[1:3]] == ["sql", "stats"]
    assert [s.id for s in skills[::-4]] == ["cpp", "gcp", "sql"]
    assert small.skill_ids[-2:] == ["pytorch", "cpp"]
    assert list(small.role_ids) == ["analyst", "mle", "empty"]
    assert small.role_ids == ("analyst", "mle", "empty")
    assert small.role_ids != ["analyst", "mle"] and small.role_ids != "analyst"
    assert small.skills == [small.skill(i) for i in small.skill_ids]
    assert small.skill("pandas") in skills and "pandas" not in skills
    assert "pandas" in small.skill_ids and "kotlin" not in small.skill_ids and 3 not in small.skill_ids
    assert small.role("mle") in small.roles
    assert sg.Role("mle", "Other") not in small.roles
    assert small.role_ids.index("mle") == 1 and small.role_ids.count("mle") == 1
    with pytest.raises(ValueError):
        small.role_ids.index("nope")
    with pytest.raises(IndexError):
        skills[10]
    with pytest.raises(IndexError):
        skills[-11]
    with pytest.raises(TypeError):
        skills["python"]  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        skills[0] = None  # type: ignore[index]
    it = iter(small.role_ids)
    assert next(it) == "analyst" and list(it) == ["mle", "empty"] and list(it) == []
    assert repr(small.role_ids) == "['analyst', 'mle', 'empty']"
    # Equal catalogs have equal views.
    again = sg.Catalog.from_dict(small.to_dict())
    assert again.skills == small.skills and again.skills is not small.skills
    assert again.skills != small.roles


def test_level_requires_keys_are_ints() -> None:
    cat = sg.Catalog.from_dict({"skills": [
        {"id": "a", "name": "A", "hours": 1},
        {"id": "b", "name": "B", "hours": [1, 2, 3], "level_requires": {"3": ["a"], "2": ["a"]}},
    ]})
    assert cat.skill("b").level_requires == {2: ["a"], 3: ["a"]}
    assert list(cat.skill("b").level_requires) == [2, 3]


def test_json_dict_toml_round_trips(small: sg.Catalog, small_dict: dict) -> None:
    assert sg.Catalog.from_json(small.to_json()) == small
    assert sg.Catalog.from_dict(small.to_dict()) == small
    assert sg.Catalog.from_toml(small.to_toml()) == small
    assert json.loads(small.to_json())["format"] == "skillgap/1"
    assert small.to_dict()["skills"][0] == {
        "id": "python", "name": "Python", "category": "programming",
        "aliases": ["python3"], "hours": [40.0, 80.0]}


def test_load_save(tmp_path: Path, small: sg.Catalog) -> None:
    for name in ["c.json", "c.toml", "C.JSON"]:
        p = tmp_path / name
        small.save(p)
        assert sg.Catalog.load(p) == small
        assert sg.Catalog.load(str(p)) == small
    with pytest.raises(FileNotFoundError) as e:
        sg.Catalog.load(tmp_path / "missing.json")
    assert e.value.filename and "missing.json" in e.value.filename
    with pytest.raises(ValueError, match="extension"):
        small.save(tmp_path / "c.yaml")
    with pytest.raises(OSError):
        small.save(tmp_path / "no" / "such" / "dir.json")


def test_equality_and_hash(small: sg.Catalog, small_dict: dict) -> None:
    other = sg.Catalog.from_dict(small_dict)
    assert other == small and not (other != small)
    small_dict["skills"][0]["hours"] = [41, 80]
    assert sg.Catalog.from_dict(small_dict) != small
    assert small != "catalog" and small != None  # noqa: E711
    with pytest.raises(TypeError):
        hash(small)


def test_with_roles(small: sg.Catalog) -> None:
    new = small.with_roles([sg.Role("dev", "Developer", requires=["python@2", "docker"])])
    assert new.role_ids == ["analyst", "mle", "empty", "dev"]
    assert small.role_ids == ["analyst", "mle", "empty"]  # immutable
    assert new.role("dev").requires == ["python@2", "docker"]
    also = small.with_roles([{"id": "dev", "name": "Developer", "requires": ["python@2", "docker"]}])
    assert also == new
    assert small.with_roles(sg.Role("x", "X")).role_ids[-1] == "x"
    with pytest.raises(sg.CatalogError, match="analyst"):
        small.with_roles([sg.Role("analyst", "Again")])
    with pytest.raises(sg.CatalogError, match="kotlin"):
        small.with_roles([sg.Role("k", "K", requires=["kotlin"])])
    with pytest.raises(TypeError):
        small.with_roles([42])
    with pytest.raises(TypeError):
        small.with_roles(42)


def test_default_catalog(default: sg.Catalog) -> None:
    assert len(default) > 150
    assert "ml-engineer" in default.role_ids and "python" in default
    assert sg.Catalog.default() == default
    assert default.name


def test_synthetic() -> None:
    a = sg.Catalog.synthetic(300, 20, seed=7)
    assert len(a) == 300 and len(a.roles) == 20
    assert a == sg.Catalog.synthetic(300, 20, seed=7, any_of_fraction=0.05)
    assert a != sg.Catalog.synthetic(300, 20, seed=8)
    assert sg.Catalog.synthetic(50, 5, any_of_fraction=0.0) == sg.Catalog.synthetic(
        50, 5, seed=0, any_of_fraction=0.0
    )
    with pytest.raises(TypeError):
        sg.Catalog.synthetic(300, 20, 7)  # type: ignore[misc]
    with pytest.raises(ValueError):
        sg.Catalog.synthetic(10, 2, any_of_fraction=1.5)
    with pytest.raises(ValueError):
        sg.Catalog.synthetic(-1, 2)
    with pytest.raises(ValueError):
        sg.Catalog.synthetic(10, 2, seed=-1)
    with pytest.raises(ValueError):
        sg.Catalog.synthetic(10**30, 2)
    with pytest.raises(sg.InvalidArgumentError):
        sg.Catalog.synthetic(10**12, 2)
    with pytest.raises(TypeError):
        sg.Catalog.synthetic("10", 2)  # type: ignore[arg-type]


def test_to_dot_and_mermaid(small: sg.Catalog) -> None:
    dot = small.to_dot()
    assert dot.startswith('digraph "small <test> & co" {')
    assert "s0 -> s8 [label=\"@2\"];" in dot  # python@2 -> pytorch
    assert "s2 -> g0 [style=dashed];" in dot  # stats, a member of pytorch's group
    assert 'label="C++ <&> \\"quoted\\"\\n100 h"' in dot
    assert dot.count("fillcolor") == 3  # the roles
    mm = small.to_mermaid()
    assert mm.startswith("flowchart LR") and "#quot;quoted#quot;" in mm


def test_skill_edges_and_networkx(small: sg.Catalog, require: Any) -> None:
    edges = small.skill_edges()
    assert ("python", "pandas", {"level": 1, "min_level": 1, "group": None}) in edges
    assert ("stats", "pytorch", {"level": 1, "min_level": 1, "group": "any_of[stats, pandas]"}) in edges
    nx = require("networkx")
    g = small.to_networkx()
    assert isinstance(g, nx.DiGraph)
    # One node per (skill, level), an edge prerequisite -> dependent.
    assert set(g.nodes) == {(s.id, lv) for s in small.skills for lv in range(1, s.levels + 1)}
    assert g.nodes["python", 2] == {
        "kind": "step", "skill": "python", "level": 2, "name": "Python",
        "category": "programming", "hours": 80.0,
    }
    assert g.has_edge(("python", 1), ("python", 2))
    assert g.has_edge(("python", 2), ("pytorch", 1)) and not g.has_edge(("python", 1), ("pytorch", 1))
    assert g.has_edge(("stats", 1), ("pytorch", 1))  # a group member
    assert nx.is_directed_acyclic_graph(g)
    order = list(nx.topological_sort(g))
    assert order.index(("python", 1)) < order.index(("pandas", 1)) < order.index(("pytorch", 1))
    g2 = small.to_networkx(roles=True)
    assert g2.nodes["role:mle"]["kind"] == "role"
    assert g2.has_edge(("aws", 1), "role:mle") and g2.edges[("tensorflow", 1), "role:mle"]["optional"]
    assert nx.is_directed_acyclic_graph(g2)


def test_repr_html_escapes(small: sg.Catalog) -> None:
    h = small._repr_html_()
    assert "<table>" in h
    assert "small &lt;test&gt; &amp; co" in h
    assert "C++ &lt;&amp;&gt; &quot;quoted&quot;" in h
    assert "<b>" not in h and "ML Engineer &lt;b&gt;" in h
    assert repr(small).startswith("Catalog(")


def test_catalog_is_unhashable_as_its_stub_says() -> None:
    with pytest.raises(TypeError, match="unhashable"):
        hash(sg.Catalog.default())
