"""The README's Python examples and the package docstring's doctest run."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import skillgap as sg

import pytest

READMES = [
    Path(__file__).resolve().parents[1] / "README.md",  # python/README.md
    Path(__file__).resolve().parents[2] / "README.md",  # the project's README
]


@pytest.mark.parametrize("readme", READMES, ids=["python", "project"])
def test_readme_examples_run(readme: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, str(readme), "exec"), {})


def test_package_doctest() -> None:
    result = doctest.testmod(sg, raise_on_error=False)
    assert result.attempted > 0 and result.failed == 0
