"""The example notebook runs top to bottom (so it never rots)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Callable

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "skillgap_tour.ipynb"


def test_tour_notebook_runs(require: Callable[[str], ModuleType]) -> None:
    nbformat = require("nbformat")
    nbclient = require("nbclient")
    require("ipykernel")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("<table>" in h for h in html)  # rich reprs were shown
    text = "".join(o.get("text", "") for o in outputs)
    assert "job-ready as" in text and "flowchart LR" in text
