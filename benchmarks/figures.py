"""Where a notebook's figure cells spend their CPU seconds.

    .venv/bin/python benchmarks/figures.py [--corpus DIR] --out DIR [--profile DIR] [NOTEBOOK ...]

Each notebook runs top to bottom in a fresh kernel (as ``make figures`` runs it: the Makefile's
fixed environment), with its figures and tables written under ``--out`` (never the repository's).
Each notebook gets an empty cache folder of its own, so its figures are drawn, not read back
from the figure cache. For every cell that saves a figure (``helpers.figures.draw``) it prints
the cell's CPU seconds split into phases: building the plot (the cell's own code), the print
checks' drawing (``print_problems``), each format's ``savefig`` (a full drawing each, plus
writing: the PDF's font subsets, the PNG's compression), the catalogue, and the inline image
(``show_saved``).
``--profile DIR`` also writes a cProfile of each figure cell (``<notebook>/cell<k>.prof``);
the last column is the layout engine's share of the checks (not a phase of its own).

To compare two versions of the helpers, run the script from a copy of the other version
(``git archive <commit> | tar -x -C DIR``) with ``PYTHONPATH=DIR``, which the kernels inherit,
and take turns: on a shared machine one run's CPU seconds vary by a fifth or more.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
# The Makefile's environment, so the kernel draws exactly as `make figures` does.
ENVIRONMENT = {"SOURCE_DATE_EPOCH": "1577836800", "PYTHONHASHSEED": "0",
               "NPY_ENABLE_CPU_FEATURES": "X86_V2", "OPENBLAS_CORETYPE": "Nehalem",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}  # fmt: skip

PRELUDE = """\
import cProfile as _cProfile, time as _time
import matplotlib.figure as _mfigure
import helpers.figures as _hfigures, helpers.layout as _hlayout
_phases, _rows, _profile = {}, [], PROFILE


def _timed(owner, name, key):
    original = getattr(owner, name)

    def timed(*args, **kwargs):
        start = _time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            k = key(args, kwargs)
            _phases[k] = _phases.get(k, 0.0) + _time.process_time() - start

    setattr(owner, name, timed)


import matplotlib.layout_engine as _engines
_timed(_engines.ConstrainedLayoutEngine, "execute",
       lambda a, k: "layout" if _phases.get("_in_checks") else "layout elsewhere")
_checks = _hlayout.print_problems


def _print_problems(fig):
    _phases["_in_checks"] = True
    try:
        return _checks(fig)
    finally:
        _phases.pop("_in_checks")


_hlayout.print_problems = _print_problems
_timed(_hlayout, "print_problems", lambda a, k: "checks")
_timed(_hfigures, "record", lambda a, k: "catalogue")
_timed(_hfigures, "show_saved", lambda a, k: "inline")
_timed(_hfigures, "_save" if hasattr(_hfigures, "_save") else "save", lambda a, k: "save")
_timed(_mfigure.Figure, "savefig", lambda a, k: k.get("format", "savefig"))


def _pre(info):
    _phases.clear()
    _phases["_start"] = _time.process_time()
    if _profile and ("with figure(" in info.raw_cell or "draw(" in info.raw_cell):
        _phases["_prof"] = _cProfile.Profile()
        _phases["_prof"].enable()


def _post(result):
    if "_start" not in _phases:
        return
    total = _time.process_time() - _phases.pop("_start")
    prof = _phases.pop("_prof", None)
    if prof is not None:
        prof.disable()
        prof.dump_stats(f"{_profile}/cell{len(_rows)}.prof")  # less the given cell
    _rows.append([total, {k: v for k, v in _phases.items() if not k.startswith("_")},
                  result.info.raw_cell.splitlines()[0][:60]])


get_ipython().events.register("pre_run_cell", _pre)
get_ipython().events.register("post_run_cell", _post)
"""
PHASES = ["build", "checks", "pdf", "svg", "png", "catalogue", "inline", "other"]
# Not a phase of its own: the layout engine's share of the checks (``print_problems`` draws
# the figure, which runs the engine first).
INFO = ["layout"]


def on_corpus(nb: nbformat.NotebookNode, corpus: Path | None, out: Path) -> nbformat.NotebookNode:
    """``nb`` with a cell after its ``parameters`` cell pointing it at ``corpus`` (the seeds when
    None) and its figures and tables under ``out``."""
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    given = (f"corpus_dir = {str(corpus) if corpus else None!r}\n"
             f"figures_dir = {str(out / 'figures')!r}\n"
             f"tables_dir = {str(out / 'tables')!r}")  # fmt: skip
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(given))
    return nb


def figure_cells(path: Path, corpus: Path | None, out: Path, profile: Path | None) -> list:
    """``[total, phases, first line]`` of every code cell of the notebook at ``path``."""
    nb = on_corpus(nbformat.read(path, as_version=4), corpus, out)
    prof_dir = None
    if profile is not None:
        prof_dir = profile / path.stem
        prof_dir.mkdir(parents=True, exist_ok=True)
    prelude = PRELUDE.replace("PROFILE", repr(prof_dir and str(prof_dir)))
    nb.cells.insert(0, nbformat.v4.new_code_cell(prelude))
    nb.cells.append(nbformat.v4.new_code_cell("import json\nprint(json.dumps(_rows))"))
    env = {**os.environ, **ENVIRONMENT}
    env.pop("FREETYPE_PROPERTIES", None)
    env.pop("MULTIVECTOR_CACHE", None)
    client = NotebookClient(nb, kernel_name="python3", timeout=1200,
                            resources={"metadata": {"path": str(REPO / "notebooks")}})  # fmt: skip
    # An empty cache of its own: every figure is drawn (a figure cache hit draws nothing).
    with tempfile.TemporaryDirectory(prefix="multivector-cache-") as folder:
        client.execute(env={**env, "MULTIVECTOR_CACHE_DIR": folder})
    rows = json.loads(nb.cells[-1].outputs[0]["text"])
    return rows[:1] + rows[2:]  # the parameters cell is the first code cell; not the given one


def split(total: float, phases: dict) -> dict:
    """Exclusive seconds per phase: ``save`` holds the checks, the formats and the catalogue."""
    saved = phases.get("save", 0.0)
    inner = sum(phases.get(k, 0.0) for k in ("checks", "pdf", "svg", "png", "catalogue"))
    row = {k: phases.get(k, 0.0) for k in ("checks", "pdf", "svg", "png", "catalogue", "inline")}
    row["other"] = saved - inner  # freezing the layout, checking the folder
    row["build"] = total - saved - row["inline"]
    row["layout"] = phases.get("layout", 0.0)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="the folder the notebooks read (seeds: none)")
    parser.add_argument("--out", type=Path, required=True, help="where figures and tables go")
    parser.add_argument("--profile", type=Path, help="a folder for each figure cell's cProfile")
    parser.add_argument("notebooks", nargs="*", help="notebook names (stems); none: all five")
    args = parser.parse_args()
    if args.out.resolve() == REPO.resolve():
        parser.error("--out must be outside the repository's figures and tables")
    paths = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    sums = dict.fromkeys(PHASES + INFO, 0.0)
    print("| notebook | cell | total | " + " | ".join(PHASES) + " | (layout in checks) |")
    print("| --- " * (len(PHASES) + 4) + "|")
    for path in [p for p in paths if not args.notebooks or p.stem in args.notebooks]:
        rows = figure_cells(path, args.corpus, args.out, args.profile)
        print(
            f"| {path.stem} | all cells | {sum(r[0] for r in rows):.2f} |"
            + " |" * (len(PHASES) + 1)
        )
        for k, (total, phases, first) in enumerate(rows, start=1):
            if "save" not in phases:
                continue
            row = split(total, phases)
            sums = {p: sums[p] + row[p] for p in PHASES + INFO}
            cells = " | ".join(f"{row[p]:.2f}" for p in PHASES + INFO)
            print(f"| {path.stem} | {k} {first[:30]} | {total:.2f} | {cells} |", flush=True)
    print(f"| all figures | | {sum(sums[p] for p in PHASES):.2f} | "
          + " | ".join(f"{sums[p]:.2f}" for p in PHASES + INFO) + " |")  # fmt: skip


if __name__ == "__main__":
    main()
