"""How much rerunning the notebooks costs beyond their own imports.

    .venv/bin/python benchmarks/notebooks.py [--corpus DIR --out DIR]

Each notebook runs top to bottom in a fresh kernel; then a notebook holding only its import
statements runs in a fresh kernel too. Each run is measured by the CPU seconds of its kernel
process (a last cell reads ``time.process_time``), which the other jobs on a shared machine
disturb far less than wall seconds. The target: the full runs cost at most 1.3 times the
import-only runs.

The notebooks share their stages, their slower analyses, their figures and their tables through
``helpers.cache`` (``helpers.figures.draw`` for the figures): the measured set of five starts
with an empty cache (a fresh temporary folder), so the first kernel computes each stage and the
later ones read it, as on a first run anywhere ("cold"). The same five then run again on the
filled cache ("warm"): a researcher's rerun, which reads every stage, analysis, table and figure
back. ``cold_and_warm`` returns both lists of kernel CPU seconds (the warm one second).

    .venv/bin/python benchmarks/notebooks.py --cells [NOTEBOOK ...]
    .venv/bin/python benchmarks/notebooks.py --cells --corpus DIR --out DIR [NOTEBOOK ...]

instead lists where each notebook's CPU seconds go: every code cell's CPU seconds in a fresh
kernel (IPython's pre/post cell events), the costliest first; the notebooks listed run in order
on one empty cache (``--warm``: on a cache the same notebooks filled first, unmeasured). With
``--corpus`` the notebooks read that folder (the parameters set after the ``parameters`` cell, as
papermill does) and write their figures and tables under ``--out`` (required then: never over
the repository's).
"""

from __future__ import annotations

import argparse
import ast
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
NB = nbformat.NotebookNode


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


@contextmanager
def cache_folder(folder: Path | None = None) -> Iterator[Path]:
    """Kernels started inside use ``folder`` as their stages' cache (``MULTIVECTOR_CACHE_DIR``,
    which a kernel inherits); None: a fresh empty temporary folder, removed after."""
    before = {k: os.environ.get(k) for k in ("MULTIVECTOR_CACHE_DIR", "MULTIVECTOR_CACHE")}
    with tempfile.TemporaryDirectory(prefix="multivector-cache-") as tmp:
        os.environ["MULTIVECTOR_CACHE_DIR"] = str(folder or tmp)
        os.environ.pop("MULTIVECTOR_CACHE", None)
        try:
            yield Path(folder or tmp)
        finally:
            for key, value in before.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def notebook_set(corpus: Path | None = None, out: Path | None = None) -> list[tuple[str, NB]]:
    """The five notebooks in order, each as it runs (pointed at ``corpus`` when given)."""
    paths = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    nbs = [(p.stem, nbformat.read(p, as_version=4)) for p in paths]
    if corpus is not None and out is not None:
        nbs = [(stem, on_corpus(nb, corpus, out)) for stem, nb in nbs]
    return nbs


def cold_and_warm(nbs: list[tuple[str, NB]]) -> tuple[list[float], list[float]]:
    """Kernel CPU seconds of each notebook, run in order on one empty cache (cold), then again
    on the cache they filled (warm)."""
    with cache_folder():
        cold = [cpu_run(nb) for _, nb in nbs]
        warm = [cpu_run(nb) for _, nb in nbs]
    return cold, warm


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
    names: list[str],
    corpus: Path | None = None,
    out: Path | None = None,
    top: int = 8,
    warm: bool = False,
) -> None:
    nbs = [(stem, nb) for stem, nb in notebook_set(corpus, out) if not names or stem in names]
    with cache_folder():
        if warm:
            for _, nb in nbs:
                timed_run(nbformat.from_dict(nb))
        for stem, nb in nbs:
            rows = cell_seconds(nb)
            print(f"{stem}: {sum(t for t, _ in rows):.1f} CPU s in its cells "
                  f"({'warm' if warm else 'cold'} cache)", flush=True)  # fmt: skip
            for k, (t, first) in sorted(enumerate(rows), key=lambda r: -r[1][0])[:top]:
                print(f"  cell {k + 1:2d}  {t:5.2f}  {first[:70]}")


def main(corpus: Path | None = None, out: Path | None = None) -> None:
    nbs = notebook_set(corpus, out)
    cold, warm = cold_and_warm(nbs)
    imports = []
    for _, nb in nbs:
        only = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(import_lines(nb))])
        imports.append(cpu_run(only))
    where = f"on {corpus}" if corpus else "on the seeds"
    print(f"CPU seconds of each kernel {where}; cold: the five in order on an empty cache; "
          "warm: the five rerun on the cache they filled (a researcher's rerun)")  # fmt: skip
    print("| notebook | cold (CPU s) | warm (CPU s) | imports only (CPU s) | cold / imports | "
          "warm / imports |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- |")
    rows = [(stem, c, w, i) for (stem, _), c, w, i in zip(nbs, cold, warm, imports, strict=True)]
    rows.append(("all", sum(cold), sum(warm), sum(imports)))
    for stem, c, w, i in rows:
        print(f"| {stem} | {c:.1f} | {w:.1f} | {i:.1f} | {c / i:.2f} | {w / i:.2f} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cells", action="store_true", help="CPU seconds per cell instead")
    parser.add_argument("--corpus", type=Path, help="the folder the notebooks read (the seeds)")
    parser.add_argument("--out", type=Path, help="with --corpus: where figures and tables go")
    parser.add_argument(
        "--top", type=int, default=8, help="with --cells: cells listed per notebook"
    )
    parser.add_argument(
        "--warm", action="store_true", help="with --cells: on a cache the notebooks filled first"
    )
    parser.add_argument("notebooks", nargs="*", help="with --cells: notebook names (stems)")
    args = parser.parse_args()
    if args.corpus is not None and (args.out is None or args.out.resolve() == REPO.resolve()):
        parser.error("--corpus needs --out, a folder outside the repository's figures and tables")
    if args.cells:
        cells(args.notebooks, args.corpus, args.out, args.top, args.warm)
    else:
        main(args.corpus, args.out)
