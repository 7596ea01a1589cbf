"""Tests cannot go green by skipping: a missing test dependency fails unless
SKILLGAP_ALLOW_SKIP=1, and python/requirements-test.txt lists every one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements-test.txt"


def test_missing_dependency_fails(require: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(require.__globals__, "ALLOW_SKIP", False)
    with pytest.raises(pytest.fail.Exception, match="SKILLGAP_ALLOW_SKIP"):
        require("skillgap_no_such_module")
    monkeypatch.setitem(require.__globals__, "ALLOW_SKIP", True)
    with pytest.raises(pytest.skip.Exception):
        require("skillgap_no_such_module")
    assert require("json").__name__ == "json"


def test_requirements_list_every_test_dependency() -> None:
    names = {
        re.split(r"[<>=!~\[; ]", line.strip(), maxsplit=1)[0].lower()
        for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    }
    needed = {"maturin", "pytest", "hypothesis", "numpy", "pandas", "networkx", "mypy",
              "nbclient", "nbformat", "ipykernel"}
    assert needed <= names, needed - names
