"""Run the five chapters on a corpus, as a researcher would, and time each one.

    .venv/bin/python benchmarks/chapters.py /path/to/articles [--out build/chapters/NAME]
    .venv/bin/python benchmarks/chapters.py --generate 400 2000   # generated, 3 subfolders

Each notebook runs unmodified through papermill in a fresh kernel with ``corpus_dir`` set;
figures, tables and executed notebooks go to ``--out`` (never the repository's own folders).
Prints a Markdown table of seconds per notebook, and exits non-zero if a notebook fails.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def run_chapters(corpus: Path, out: Path) -> dict[str, float]:
    """Seconds per notebook for one corpus; raises with the notebook's stderr on failure."""
    out.mkdir(parents=True, exist_ok=True)
    seconds = {}
    for notebook in NOTEBOOKS:
        start = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "papermill", "--kernel", "python3", "--cwd", str(out),
             str(notebook), str(out / notebook.name), "-p", "corpus_dir", str(corpus),
             "-p", "figures_dir", str(out / "figures"), "-p", "tables_dir", str(out / "tables")],
            capture_output=True, text=True,
        )  # fmt: skip
        seconds[notebook.stem] = time.perf_counter() - start
        if run.returncode:
            raise RuntimeError(f"{notebook.name} failed on {corpus}:\n{run.stderr[-4000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--generate", type=int, nargs="*", default=[])
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from generate import write

    print("| corpus | " + " | ".join(p.stem for p in NOTEBOOKS) + " | all |")
    print("| --- " * (len(NOTEBOOKS) + 2) + "|")
    with tempfile.TemporaryDirectory(prefix="chapters-") as scratch:  # generated corpora go
        corpora = [(args.corpus.name, args.corpus.resolve())] if args.corpus else []
        corpora += [(f"generated {n:,}", write(Path(scratch) / f"g{n}", n, folders=3))
                    for n in args.generate]  # fmt: skip
        for name, corpus in corpora:
            # --cwd moves papermill into the output folder: a relative --out must not nest.
            out = (args.out or REPO / "build" / "chapters" / corpus.name).resolve()
            seconds = run_chapters(corpus, out)
            cells = " | ".join(f"{s:.1f}" for s in seconds.values())
            print(f"| {name} | {cells} | {sum(seconds.values()):.1f} |", flush=True)


if __name__ == "__main__":
    main()
