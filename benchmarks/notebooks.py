"""How much rerunning the notebooks costs beyond their own imports.

    .venv/bin/python benchmarks/notebooks.py

Each notebook runs top to bottom in a fresh kernel; then a notebook holding only its import
statements runs in a fresh kernel too. Each run is measured twice: wall seconds, and the CPU
seconds of its kernel process (a last cell reads ``time.process_time``), which the other jobs
on a shared machine disturb far less. The target: the full runs cost at most 1.3 times the
import-only runs.

    .venv/bin/python benchmarks/notebooks.py --cells [NOTEBOOK ...]
    .venv/bin/python benchmarks/notebooks.py --cells --corpus DIR --out DIR [NOTEBOOK ...]

instead lists where each notebook's CPU seconds go: every code cell's CPU seconds in a fresh
kernel (IPython's pre/post cell events), the costliest first. With ``--corpus`` the notebooks
read that folder (the parameters set after the ``parameters`` cell, as papermill does) and
write their figures and tables under ``--out`` (required then: never over the repository's).
"""

from __future__ import annotations

import argparse
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


CELL_CLOCK = """\
import time as _time
_starts, _cells = [], []
get_ipython().events.register("pre_run_cell", lambda info: _starts.append(_time.process_time()))
get_ipython().events.register("post_run_cell", lambda result: _starts and _cells.append(
    _time.process_time() - _starts.pop()))
"""


def cell_seconds(nb: nbformat.NotebookNode) -> list[tuple[float, str]]:
    """CPU seconds of each code cell of ``nb`` (a copy) in a fresh kernel, with its first line."""
    nb = nbformat.from_dict(nb)
    sources = [c.source for c in nb.cells if c.cell_type == "code"]
    nb.cells.insert(0, nbformat.v4.new_code_cell(CELL_CLOCK))
    nb.cells.append(nbformat.v4.new_code_cell("print(_cells)"))
    timed_run(nb)
    seconds = ast.literal_eval(nb.cells[-1].outputs[0]["text"])
    return [
        (t, src.splitlines()[0] if src else "") for t, src in zip(seconds, sources, strict=True)
    ]


def on_corpus(nb: nbformat.NotebookNode, corpus: Path, out: Path) -> nbformat.NotebookNode:
    """``nb`` with a cell after its ``parameters`` cell pointing it at ``corpus``, its figures
    and tables under ``out`` (as papermill injects parameters)."""
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    given = (f"corpus_dir = {str(corpus)!r}\nfigures_dir = {str(out / 'figures')!r}\n"
             f"tables_dir = {str(out / 'tables')!r}")  # fmt: skip
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(given))
    return nb


def cells(
    names: list[str], corpus: Path | None = None, out: Path | None = None, top: int = 8
) -> None:
    paths = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for path in [p for p in paths if not names or p.stem in names]:
        nb = nbformat.read(path, as_version=4)
        if corpus is not None and out is not None:
            nb = on_corpus(nb, corpus, out)
        rows = cell_seconds(nb)
        print(f"{path.stem}: {sum(t for t, _ in rows):.1f} CPU s in its cells", flush=True)
        for k, (t, first) in sorted(enumerate(rows), key=lambda r: -r[1][0])[:top]:
            print(f"  cell {k + 1:2d}  {t:5.2f}  {first[:70]}")


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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cells", action="store_true", help="CPU seconds per cell instead")
    parser.add_argument("--corpus", type=Path, help="with --cells: the folder the notebooks read")
    parser.add_argument("--out", type=Path, help="with --corpus: where figures and tables go")
    parser.add_argument(
        "--top", type=int, default=8, help="with --cells: cells listed per notebook"
    )
    parser.add_argument("notebooks", nargs="*", help="with --cells: notebook names (stems)")
    args = parser.parse_args()
    if args.corpus is not None and (args.out is None or args.out.resolve() == REPO.resolve()):
        parser.error("--corpus needs --out, a folder outside the repository's figures and tables")
    if args.cells:
        cells(args.notebooks, args.corpus, args.out, args.top)
    else:
        main()
