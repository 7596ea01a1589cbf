"""Finding roles and skills by name (SPEC 4 "Finding by name", SPEC 6):
``(id, name, score)`` tuples, exact matches first at 1.0, typos in the first
three, empty queries, limits (numpy ints too), unknown ids suggesting by name,
and the real ESCO data when it is present."""

from __future__ import annotations

import os
import time
import warnings
from pathlib import Path

import numpy as np
import pytest

import skillgap as sg

FIXTURES = Path(__file__).resolve().parents[2] / "crates" / "gap-core" / "tests" / "fixtures"
REAL_ESCO = Path(
    os.environ.get("SKILLGAP_DATA", Path(__file__).resolve().parents[3] / "shared" / "data")
) / "esco-v1.1.1"
DATA_SCIENTIST = "258e46f9-0075-4a2e-adae-1ff0477e0f30"


def test_exact_match_first_with_score_one(default: sg.Catalog) -> None:
    found = default.find_roles("ML-Engineer")
    assert found[0] == ("ml-engineer", default.role("ml-engineer").name, 1.0)
    assert all(isinstance(t, tuple) and len(t) == 3 for t in found)
    assert all(0.0 < score < 1.0 for _, _, score in found[1:])
    name = default.role("ml-engineer").name
    assert default.find_roles(name.upper(), 1) == [("ml-engineer", name, 1.0)]
    assert default.find_skills("python")[0][:1] == ("python",)
    assert default.find_skills("python")[0][2] == 1.0


def test_typos_in_the_first_three(default: sg.Catalog) -> None:
    top = default.find_roles("machine lerning engineer", limit=3)
    assert "ml-engineer" in [i for i, _, _ in top]
    assert all(score < 1.0 for _, _, score in top)
    assert "python" in [i for i, _, _ in default.find_skills("pyhton", 3)]


def test_order_limits_and_empty_queries(default: sg.Catalog) -> None:
    found = default.find_roles("engineer", 100)
    assert len(found) > 3
    keys = [(-score, i) for i, _, score in found]
    assert keys == sorted(keys)
    assert default.find_roles("engineer") == found[:10]
    assert default.find_roles("engineer", np.int64(2)) == found[:2]
    assert default.find_roles("engineer", limit=np.uint8(3)) == found[:3]
    assert default.find_roles("engineer", 0) == []
    assert default.find_roles("") == []
    assert default.find_skills("  \t ") == []
    assert default.find_skills("\ud800python") == default.find_skills("\ufffdpython")


@pytest.mark.parametrize("bad", ["3", 2.0, True])
def test_bad_limits_are_type_errors(default: sg.Catalog, bad: object) -> None:
    with pytest.raises(TypeError):
        default.find_roles("engineer", bad)  # type: ignore[arg-type]


def test_bad_queries_and_negative_limits(default: sg.Catalog) -> None:
    with pytest.raises(TypeError):
        default.find_skills(3)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        default.find_roles("engineer", -1)
    with pytest.raises(ValueError):
        default.find_roles("engineer", np.int32(-1))


def test_unknown_ids_suggest_by_name(default: sg.Catalog) -> None:
    name = default.role("ml-engineer").name
    with pytest.raises(sg.UnknownRoleError) as e:
        default.role(name)
    assert e.value.suggestions[0] == "ml-engineer"


def test_esco_fixture_suggests_by_name() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cat = sg.Catalog.from_esco(FIXTURES / "esco")
    assert cat.find_roles("data scientist")[0] == (DATA_SCIENTIST, "data scientist", 1.0)
    with pytest.raises(sg.UnknownRoleError) as e:
        cat.gap({}, "data scientist")
    assert e.value.suggestions[0] == DATA_SCIENTIST


@pytest.mark.skipif(not REAL_ESCO.is_dir(), reason=f"real ESCO data not at {REAL_ESCO}")
def test_real_esco() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cat = sg.Catalog.from_esco(REAL_ESCO)
    with pytest.raises(sg.UnknownRoleError) as e:
        cat.role("data scientist")
    assert e.value.suggestions[0] == DATA_SCIENTIST
    assert DATA_SCIENTIST in [i for i, _, _ in cat.find_roles("dat scientst", 3)]
    cat.find_skills("warm up")
    start = time.perf_counter()
    for q in ["software developer", "softwre developer", "use databases", "python"]:
        assert cat.find_skills(q) and cat.find_roles(q + "s") is not None
    # Not a timed assertion: a generous bound only catches quadratic work.
    assert time.perf_counter() - start < 10.0
