"""How much rerunning the notebooks costs beyond their own imports.

    .venv/bin/python benchmarks/notebooks.py

Each notebook runs top to bottom in a fresh kernel; then a notebook holding only its import
statements runs in a fresh kernel too. Each run is measured twice: wall seconds, and the CPU
seconds of its kernel process (a last cell reads ``time.process_time``), which the other jobs
on a shared machine disturb far less. The target: the full runs cost at most 1.3 times the
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


def cpu_run(nb: nbformat.NotebookNode) -> float:
    """CPU seconds of the fresh kernel that runs ``nb`` (a copy), from its start to the end."""
    nb = nbformat.from_dict(nb)
    nb.cells.append(nbformat.v4.new_code_cell("import time\nprint(time.process_time())"))
    timed_run(nb)
    return float(nb.cells[-1].outputs[0]["text"])


def main() -> None:
    totals = [0.0, 0.0, 0.0, 0.0]
    print("| notebook | full run (wall s) | imports only (wall s) | ratio | full run (CPU s) | "
          "imports only (CPU s) | ratio |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for path in sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        only = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(import_lines(nb))])
        start = time.perf_counter()
        full_cpu = cpu_run(nb)
        full = time.perf_counter() - start
        start = time.perf_counter()
        imports_cpu = cpu_run(only)
        imports = time.perf_counter() - start
        row = [full, imports, full_cpu, imports_cpu]
        totals = [t + v for t, v in zip(totals, row, strict=True)]
        print(f"| {path.stem} | {full:.1f} | {imports:.1f} | {full / imports:.2f} | "
              f"{full_cpu:.1f} | {imports_cpu:.1f} | {full_cpu / imports_cpu:.2f} |")  # fmt: skip
    full, imports, full_cpu, imports_cpu = totals
    print(f"| all | {full:.1f} | {imports:.1f} | {full / imports:.2f} | {full_cpu:.1f} | "
          f"{imports_cpu:.1f} | {full_cpu / imports_cpu:.2f} |")  # fmt: skip


if __name__ == "__main__":
    main()
