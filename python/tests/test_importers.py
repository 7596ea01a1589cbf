"""The importers on the small derived fixtures of gap-core's tests (ESCO,
O*NET, Metacademy): catalogs come back, repairs arrive as warnings."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import skillgap as sg

FIXTURES = Path(__file__).resolve().parents[2] / "crates" / "gap-core" / "tests" / "fixtures"


def test_esco() -> None:
    with pytest.warns(sg.TaxonomyWarning) as record:
        cat = sg.Catalog.from_esco(FIXTURES / "esco")
    assert len(cat) > 0 and len(cat.roles) > 0
    assert any("both essential and optional" in str(w.message) for w in record)
    s = cat.skills[0]
    assert s.source and s.source.startswith("http://data.europa.eu/esco/skill/")
    assert s.source.endswith(s.id)
    assert set(s.hours) <= {10.0, 20.0}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fixed = sg.Catalog.from_esco(str(FIXTURES / "esco"), prerequisites="none", hours=7)
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
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cat = sg.Catalog.from_onet(FIXTURES / "onet")
        strict = sg.Catalog.from_onet(FIXTURES / "onet", min_importance=4.5)
    assert len(cat.roles) > 0
    assert all(r.id == r.id.lower() for r in cat.roles)
    n = sum(len(r.requires) for r in cat.roles)
    assert sum(len(r.requires) for r in strict.roles) <= n


def test_metacademy() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        js = sg.Catalog.from_metacademy(FIXTURES / "metacademy" / "graph_data.json")
        content = sg.Catalog.from_metacademy(FIXTURES / "metacademy" / "content")
    assert len(js) > 0 and len(content) > 0
    for r in js.roles:
        assert r.id in js and r.requires == [r.id]
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
