"""The hand-written stubs match the module (mypy.stubtest), and every public
class and method has a docstring."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Callable

import pytest

import skillgap as sg

HERE = Path(__file__).resolve().parent


def test_stubtest(tmp_path: Path, require: Callable[[str], ModuleType]) -> None:
    require("mypy")
    require("mypy.stubtest")
    allow = HERE / "stubtest_allowlist.txt"
    cmd = [sys.executable, "-m", "mypy.stubtest", "skillgap"]
    if allow.exists():
        cmd += ["--allowlist", str(allow)]
    env = dict(os.environ, MYPY_CACHE_DIR=str(tmp_path / "mypy_cache"))
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=HERE, env=env)
    assert out.returncode == 0, out.stdout + out.stderr


def test_docstrings() -> None:
    missing = []
    for name in sg.__all__:
        obj = getattr(sg, name)
        if not isinstance(obj, type):
            continue
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if issubclass(obj, BaseException):
            continue
        for attr, value in vars(obj).items():
            if attr.startswith("_") and attr not in ("__new__",):
                continue
            if attr == "__new__":
                continue
            if not (inspect.getdoc(value) or "").strip():
                missing.append(f"{name}.{attr}")
    assert missing == []
