"""The README's Python examples and the package docstring's doctest run."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import skillgap as sg

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_examples_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, str(README), "exec"), {})


def test_package_doctest() -> None:
    result = doctest.testmod(sg, raise_on_error=False)
    assert result.attempted > 0 and result.failed == 0
