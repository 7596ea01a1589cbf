"""The importers on the small derived fixtures of gap-core's tests (ESCO,
O*NET, Metacademy): the ids, names, counts, levels and repairs that
crates/gap-core/tests/import_*.rs check, seen from Python (repairs arrive as
``TaxonomyWarning``)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import skillgap as sg

FIXTURES = Path(__file__).resolve().parents[2] / "crates" / "gap-core" / "tests" / "fixtures"


DATA_ANALYST = "d3edb8f8-3a06-47a0-8fb9-9b212c006aa2"
DATA_SCIENTIST = "258e46f9-0075-4a2e-adae-1ff0477e0f30"
STATISTICS = "7ee4c2ea-b349-4bd2-81a3-ec31475d4833"
NORMALISE = "07889c08-7220-47c8-96f7-6068fbea00dc"
CLEANSING = "50b100ea-74fd-4706-99db-3e4ca55e51b8"
USE_DATABASES = "4463a721-69f3-413d-8321-43e3af13a4f1"
RDF_QL = "99207709-d076-4cce-ba38-e90d3bb28806"
QUERY_LANGUAGES = "9cf681c7-89ec-470c-b651-7fe03786f586"


def test_esco() -> None:
    with pytest.warns(sg.TaxonomyWarning) as record:
        cat = sg.Catalog.from_esco(FIXTURES / "esco")
    assert (len(cat), len(cat.roles)) == (21, 2)
    assert len(record) == 8
    assert any("both essential and optional" in str(w.message) and DATA_ANALYST in str(w.message)
               and STATISTICS in str(w.message) for w in record)
    stats = cat.skill(STATISTICS)
    assert stats.name == "statistics" and stats.category == "knowledge"
    assert stats.source == "http://data.europa.eu/esco/skill/" + STATISTICS
    assert stats.hours == [10.0] and stats.requires == []  # the self-loop is dropped
    cleansing = cat.skill(CLEANSING)
    assert cleansing.hours == [20.0]
    assert "undertake data cleansing" in cleansing.aliases
    assert cleansing.name not in cleansing.aliases
    assert all("\n" not in a for a in cleansing.aliases)
    # The cycle normalise -> cleansing -> use databases -> normalise loses one edge.
    assert cat.skill(NORMALISE).requires == [CLEANSING]
    assert cat.skill(CLEANSING).requires == []
    assert cat.skill(USE_DATABASES).requires == [NORMALISE]
    assert cat.skill(RDF_QL).requires == [QUERY_LANGUAGES]
    assert any("cycle" in str(w.message) for w in record)
    assert set(cat.role_ids) == {DATA_ANALYST, DATA_SCIENTIST}
    scientist = cat.role(DATA_SCIENTIST)
    assert scientist.name == "data scientist" and scientist.family == "2511"
    assert (scientist.description or "").startswith("Data scientists")
    analyst = cat.role(DATA_ANALYST)
    assert (len(analyst.requires), len(analyst.optional)) == (10, 4)
    assert STATISTICS in analyst.requires and STATISTICS not in analyst.optional
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fixed = sg.Catalog.from_esco(str(FIXTURES / "esco"), prerequisites="none", hours=7)
    assert len(fixed) == 21 and fixed.skill_ids == cat.skill_ids
    assert all(s.hours == [7.0] and s.requires == [] for s in fixed.skills)
    with pytest.raises(ValueError):
        sg.Catalog.from_esco(FIXTURES / "esco", prerequisites="some")
    with pytest.raises(FileNotFoundError):
        sg.Catalog.from_esco(FIXTURES / "nowhere")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(sg.TaxonomyWarning):
            sg.Catalog.from_esco(FIXTURES / "esco")


def test_onet() -> None:
    with pytest.warns(sg.TaxonomyWarning) as record:
        cat = sg.Catalog.from_onet(FIXTURES / "onet")
    assert len(record) == 2
    assert "99-9999.00" in str(record[0].message) and "2 row(s)" in str(record[0].message)
    # The occupation left without requirements is named, once.
    assert str(record[1].message).startswith("1 role(s) have no essential requirements")
    assert str(record[1].message).endswith(": 15-2051.00")
    assert cat.role_ids == ["15-1221.00", "15-1299.08", "15-2051.00"]
    assert cat.role("15-2051.00").name == "Data Scientists"
    assert len(cat) == 16
    assert cat.skill_ids[:6] == [
        "reading-comprehension", "mathematics", "critical-thinking", "programming",
        "computers-and-electronics", "mathematics-knowledge"]
    math = cat.skill("mathematics")
    assert (math.category, math.source, math.hours) == ("skill", "O*NET 2.A.1.e", [20.0, 40.0, 80.0])
    assert cat.skill("mathematics-knowledge").category == "knowledge"
    # Importance >= 3 at the level mapped from O*NET's level scale.
    assert sorted(cat.role("15-1221.00").requires) == [
        "computers-and-electronics@3", "critical-thinking@2", "mathematics-knowledge@3",
        "mathematics@2", "programming@2", "reading-comprehension@2"]
    assert "mathematics-knowledge@3" not in cat.role("15-1299.08").requires
    ds = cat.role("15-2051.00")
    assert ds.requires == [] and sorted(ds.optional) == [
        "alteryx-software", "amazon-elastic-compute-cloud-ec2", "amazon-redshift",
        "amazon-simple-storage-service-s3"]
    assert cat.skill("amazon-redshift").hours == [20.0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        strict = sg.Catalog.from_onet(FIXTURES / "onet", min_importance=4.5)
    assert strict.role("15-1221.00").requires == ["computers-and-electronics@3"]
    assert sum(len(r.requires) for r in strict.roles) == 2
    assert sum(len(r.requires) for r in cat.roles) == 11


def test_metacademy() -> None:
    graph = FIXTURES / "metacademy" / "graph_data.json"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the JSON fixture needs no repair
        js = sg.Catalog.from_metacademy(graph)
    assert len(js) == len(js.roles) == 22
    lr = js.skill("logistic_regression")
    assert lr.name == "logistic regression" and lr.category == "Machine Learning"
    assert lr.source == "https://metacademy.org/graphs/concepts/logistic_regression"
    assert lr.description
    assert js.role_ids == js.skill_ids
    for r in js.roles:
        assert r.id in js and r.requires == [r.id]
    assert sg.Catalog.from_metacademy(FIXTURES / "metacademy") == js
    with pytest.warns(sg.TaxonomyWarning) as record:
        content = sg.Catalog.from_metacademy(FIXTURES / "metacademy" / "content")
    assert (len(content), len(content.roles)) == (12, 11)
    assert "determinant.shortcut" in content and "determinant.shortcut" not in content.role_ids
    assert content.skill("determinant.shortcut").name == "determinant (shortcut)"
    assert {"any_of": ["determinant", "determinant.shortcut"], "count": 1} in content.skill(
        "differential_forms").requires
    messages = [str(w.message) for w in record]
    assert any("no time estimate" in m for m in messages)
    assert any("cycle" in m for m in messages)
    with pytest.raises(OSError):
        sg.Catalog.from_metacademy(FIXTURES / "metacademy" / "missing.json")


def test_malformed_taxonomy_file(tmp_path: Path) -> None:
    import shutil

    for name in ["occupationSkillRelations.csv", "skillSkillRelations.csv", "skills_en.csv.gz"]:
        shutil.copy(FIXTURES / "esco" / name, tmp_path / name)
    (tmp_path / "occupations_en.csv").write_text("colour,size\nred,3\n", encoding="utf-8")
    with pytest.raises(sg.CatalogError) as e:
        sg.Catalog.from_esco(tmp_path)
    assert "occupations_en.csv" in e.value.source
    assert "occupations_en.csv" in str(e.value)


def test_taxonomy_warnings_point_at_the_callers_line() -> None:
    """Issue 12: a ``TaxonomyWarning`` is attributed to the line that called
    the importer (not to IPython's or pytest's internals)."""
    import inspect

    calls = [
        lambda: sg.Catalog.from_esco(FIXTURES / "esco"),
        lambda: sg.Catalog.from_onet(FIXTURES / "onet"),
    ]
    for call in calls:
        line = inspect.getsourcelines(call)[1]
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            call()
        assert record
        for w in record:
            assert issubclass(w.category, sg.TaxonomyWarning)
            assert (w.filename, w.lineno) == (__file__, line), (w.filename, w.lineno)
