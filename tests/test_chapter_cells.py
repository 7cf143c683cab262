"""The chapters read like PDSH's: short code cells, each after a sentence of prose.

Every code cell is at most ``MAX_LINES`` lines, except a cell of imports only and the
``parameters`` cell (one knob per line, no analysis: a chapter may need more than ten); the cell before
every code cell is markdown; the first code cell is the papermill ``parameters`` cell.
"""

import ast
import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MAX_LINES = 10


def _code_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return cells, [
        (k, "".join(c["source"])) for k, c in enumerate(cells) if c["cell_type"] == "code"
    ]


def _imports_only(source: str) -> bool:
    return all(isinstance(s, ast.Import | ast.ImportFrom) for s in ast.parse(source).body)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_cells_are_short_and_follow_prose(notebook):
    cells, code = _code_cells(notebook)
    long = [(k, len(s.splitlines())) for k, s in code[1:]
            if len(s.splitlines()) > MAX_LINES and not _imports_only(s)]  # fmt: skip
    assert long == [], f"cells over {MAX_LINES} lines: move the logic into a helper"
    assert [k for k, _ in code if cells[k - 1]["cell_type"] != "markdown"] == []
    assert "parameters" in cells[code[0][0]]["metadata"].get("tags", [])


def test_a_long_analysis_cell_is_caught():
    assert not _imports_only("import pandas as pd\nx = 1")
    assert _imports_only("import pandas as pd\nfrom helpers import plots")
