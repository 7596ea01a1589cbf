"""Shared fixtures: a small hand-made catalog with levels, groups, transfers
and names that need HTML escaping, the embedded default catalog, and
``require`` for optional test dependencies.

A missing test dependency (mypy for stubtest, nbformat/nbclient/ipykernel
for the notebook, pandas, networkx) fails the test run, so CI cannot go
green by skipping; set ``SKILLGAP_ALLOW_SKIP=1`` to skip those tests
instead (e.g. on a machine without them)."""

from __future__ import annotations

import copy
import importlib
import os
from types import ModuleType
from typing import Any, Callable

import pytest

import skillgap as sg

SMALL: dict[str, Any] = {
    "format": "skillgap/1",
    "name": "small <test> & co",
    "skills": [
        {"id": "python", "name": "Python", "category": "programming",
         "hours": [40, 80], "aliases": ["python3"]},
        {"id": "sql", "name": "SQL", "hours": 30},
        {"id": "stats", "name": "Statistics", "hours": 50},
        {"id": "pandas", "name": "pandas", "hours": 30, "requires": ["python", "sql"]},
        {"id": "aws", "name": "AWS", "hours": 40},
        {"id": "gcp", "name": "GCP", "hours": 35},
        {"id": "docker", "name": "Docker", "hours": 20},
        {"id": "tensorflow", "name": "TensorFlow", "hours": 60, "requires": ["python@2"]},
        {"id": "pytorch", "name": "PyTorch", "hours": 60,
         "requires": ["python@2", {"any_of": ["stats", "pandas"], "count": 1}]},
        {"id": "cpp", "name": "C++ <&> \"quoted\"", "hours": 100},
    ],
    "roles": [
        {"id": "analyst", "name": "Data Analyst", "requires": ["sql", "pandas"],
         "optional": ["stats"]},
        {"id": "mle", "name": "ML Engineer <b>",
         "requires": ["pytorch", "docker", {"any_of": ["aws", "gcp"]}],
         "optional": ["tensorflow"]},
        {"id": "empty", "name": "Nothing needed"},
    ],
    "transfers": [{"from": "tensorflow", "to": "pytorch", "discount": 0.5}],
}


@pytest.fixture
def small_dict() -> dict[str, Any]:
    return copy.deepcopy(SMALL)


@pytest.fixture
def small() -> sg.Catalog:
    return sg.Catalog.from_dict(SMALL)


@pytest.fixture(scope="session")
def default() -> sg.Catalog:
    return sg.Catalog.default()


#: Set to 1 to skip (not fail) tests whose optional dependency is missing.
ALLOW_SKIP = os.environ.get("SKILLGAP_ALLOW_SKIP", "") == "1"


def require_module(name: str) -> ModuleType:
    """Imports a test dependency: missing, it fails the test (it is in
    python/requirements-test.txt), unless SKILLGAP_ALLOW_SKIP=1 says skip."""
    if ALLOW_SKIP:
        return pytest.importorskip(name)
    try:
        return importlib.import_module(name)
    except ImportError as e:
        pytest.fail(
            f"test dependency {name!r} is missing ({e}); install python/requirements-test.txt "
            "or set SKILLGAP_ALLOW_SKIP=1 to skip the tests that need it",
            pytrace=False,
        )


@pytest.fixture
def require() -> Callable[[str], ModuleType]:
    """``require("pandas")``: the module, or a failure when it is missing."""
    return require_module
