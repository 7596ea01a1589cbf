"""SPEC 6: options after the first one or two positional arguments are
keyword-only (a positional option is a TypeError, not a silent misreading)."""

from __future__ import annotations

import inspect
import warnings
from pathlib import Path
from typing import Any, Callable

import pytest

import skillgap as sg

FIXTURES = Path(__file__).resolve().parents[2] / "crates" / "gap-core" / "tests" / "fixtures"


def test_learning_path_options_are_keyword_only(small: sg.Catalog) -> None:
    with pytest.raises(TypeError):
        small.learning_path({}, "analyst", "any", [], "milestones", 10)  # type: ignore[misc]
    with pytest.raises(TypeError):
        small.learning_path({}, ["analyst", "mle"], "any")  # type: ignore[misc]
    anyp = small.learning_path({}, ["analyst", "mle"], mode="any")
    assert anyp.targets == ["analyst"]
    assert small.learning_path(profile={}, role_or_roles="analyst").total_hours == 100.0


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.role_from_text("SQL", "acme"),
        lambda c: c.read_posting("SQL", "acme"),
        lambda c: c.match_text("SQL", True),
        lambda c: c.to_networkx(True),
        lambda c: sg.Catalog.synthetic(20, 2, 1),
        lambda c: sg.Catalog.synthetic(20, 2, 1, 0.0),
        lambda c: sg.Role("x", "X", ["sql"]),
        lambda c: sg.Catalog.from_esco(FIXTURES / "esco", "all"),
        lambda c: sg.Catalog.from_onet(FIXTURES / "onet", 4.0),
    ],
)
def test_positional_options_are_type_errors(small: sg.Catalog, call: Callable[[Any], Any]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(TypeError):
            call(small)


def test_keyword_forms_work(small: sg.Catalog) -> None:
    assert small.role_from_text("SQL", id="acme", name="Acme").id == "acme"
    assert sg.Role("x", "X", requires=["sql"]).requires == ["sql"]
    assert len(sg.Catalog.synthetic(20, 2, seed=1, any_of_fraction=0.0)) == 20


@pytest.mark.parametrize(
    "func, keyword_only",
    [
        (sg.Catalog.learning_path, ["mode", "avoid", "order", "budget", "prefer"]),
        (sg.Catalog.synthetic, ["seed", "any_of_fraction"]),
        (sg.Catalog.from_esco, ["prerequisites", "hours"]),
        (sg.Catalog.from_onet, ["min_importance"]),
        (sg.Catalog.role_from_text, ["id", "name"]),
        (sg.Catalog.read_posting, ["id", "name"]),
        (sg.Catalog.match_text, ["literal"]),
        (sg.Catalog.to_networkx, ["roles"]),
    ],
)
def test_signatures_say_keyword_only(func: Any, keyword_only: list[str]) -> None:
    params = inspect.signature(func).parameters
    assert [n for n, p in params.items() if p.kind is p.KEYWORD_ONLY] == keyword_only
