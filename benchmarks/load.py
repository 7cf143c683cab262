"""Benchmark load_corpus alone: articles per second, in one process and with worker processes.

    .venv/bin/python benchmarks/load.py 2000 20000 --runs 3 --workers 1 2

For each N a corpus is generated from the seeds (benchmarks/generate.py) and loaded ``--runs``
times with each ``workers`` setting, in this process after one warm-up load of the seeds.
Reported per run: the main process's CPU seconds (time.process_time), the worker processes'
CPU seconds (resource.getrusage RUSAGE_CHILDREN: process_time does not count them), wall
seconds, and articles per wall second and per CPU second (main plus workers).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import write  # noqa: E402
from helpers.corpus import load_corpus  # noqa: E402
from helpers.paths import REPO  # noqa: E402


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_load(folder: Path, workers: int) -> dict:
    child, cpu, wall = children_cpu(), time.process_time(), time.perf_counter()
    n = len(load_corpus(folder, workers=workers).articles)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    child = children_cpu() - child  # the pool's workers have ended and been waited for
    return {"n": n, "workers": workers, "cpu": cpu, "children_cpu": child, "wall": wall,
            "per_wall_second": n / wall, "per_cpu_second": n / (cpu + child)}  # fmt: skip


def main(sizes: list[int], runs: int, settings: list[int], folder: Path | None) -> None:
    warnings.simplefilter("ignore")  # the generated corpus's README.TXT, for instance
    load_corpus(REPO / "seeds")  # libraries and the language model, loaded once
    with tempfile.TemporaryDirectory() as tmp:
        corpora = [(str(folder), folder)] if folder else [
            (f"{n:,} generated", write(Path(tmp) / str(n), n)) for n in sizes]  # fmt: skip
        for name, path in corpora:
            for workers in settings:
                for run in range(1, runs + 1):
                    r = timed_load(path, workers)
                    print(f"{name}, workers={workers}, run {run}: {r['n']:,} articles, "
                          f"CPU {r['cpu']:.2f} s + workers {r['children_cpu']:.2f} s, "
                          f"wall {r['wall']:.2f} s: {r['per_wall_second']:,.0f} articles per "
                          f"wall second, {r['per_cpu_second']:,.0f} per CPU second",
                          flush=True)  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", type=int, nargs="*", default=[2000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--folder", type=Path, help="load this corpus folder instead")
    args = parser.parse_args()
    main(args.sizes, args.runs, args.workers, args.folder)
