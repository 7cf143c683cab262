"""How much rerunning the notebooks costs beyond their own imports.

    .venv/bin/python benchmarks/notebooks.py

Each notebook runs top to bottom in a fresh kernel; then a notebook holding only its import
statements runs in a fresh kernel too. The target: the full runs cost at most twice the
import-only runs.
"""

from __future__ import annotations

import ast
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]


def import_lines(nb: nbformat.NotebookNode) -> str:
    """The notebook's import statements, in order, as one cell of code."""
    lines = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        lines += [ast.get_source_segment(cell.source, node) for node in tree.body
                  if isinstance(node, ast.Import | ast.ImportFrom)]  # fmt: skip
    return "\n".join(lines)


def timed_run(nb: nbformat.NotebookNode) -> float:
    start = time.perf_counter()
    NotebookClient(nb, kernel_name="python3", timeout=600, resources={
        "metadata": {"path": str(REPO / "notebooks")}}).execute()  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    full_total = imports_total = 0.0
    print("| notebook | full run (s) | imports only (s) | ratio |\n| --- | --- | --- | --- |")
    for path in sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        only = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(import_lines(nb))])
        full, imports = timed_run(nb), timed_run(only)
        full_total, imports_total = full_total + full, imports_total + imports
        print(f"| {path.stem} | {full:.1f} | {imports:.1f} | {full / imports:.2f} |")
    print(f"| all | {full_total:.1f} | {imports_total:.1f} | {full_total / imports_total:.2f} |")


if __name__ == "__main__":
    main()
