"""Where load_corpus spends its time and memory: each step of the main process, timed.

    .venv/bin/python benchmarks/loading.py /tmp/bench/c20000 --workers 2

One load of FOLDER (after a warm-up load of the seeds) with its steps wrapped: for each, its
start and end (wall seconds from the load's start), the main process's CPU seconds in it and
the highest resident memory of the main process sampled in it (every 0.1 s). Then the whole
load: wall, the main process's CPU, the worker processes' CPU (RUSAGE_CHILDREN) and the peak
resident memory. With workers the steps that overlap the workers' rounds are nested:
``_read_in_workers`` (the first round), ``clean`` (the second round starts inside it, as each
article's lines become final) and ``mark_duplicates`` (the second round's rest, with
``_tables_meanwhile`` and ``near_duplicates``, which judges the LSH candidates as the
signatures come in, inside); the rest is the main process alone.
"""

from __future__ import annotations

import argparse
import resource
import sys
import threading
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers import cleaning, dedup  # noqa: E402
from helpers import corpus as K  # noqa: E402
from helpers.paths import REPO  # noqa: E402

STEPS = [(K, "_read_in_workers"), (K, "read_drafts"), (K, "files_table"), (K, "apply_sidecar"),
         (cleaning, "clean"), (K, "mark_duplicates"), (K, "_tables_meanwhile"),
         (K, "_line_tables"), (K, "_early_articles"), (dedup, "near_duplicates"),
         (dedup, "lsh_candidates"), (K, "_articles"), (K, "add_language")]  # fmt: skip


def rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def main(folder: Path, workers: int) -> None:
    warnings.simplefilter("ignore")  # the generated corpus's README.TXT, for instance
    K.load_corpus(REPO / "seeds")
    samples: list[tuple[float, int]] = []
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.1):
            samples.append((time.perf_counter(), rss()))

    steps: list[tuple[str, float, float, float]] = []

    def wrapped(module, name):
        func = getattr(module, name)

        def step(*args, **kwargs):
            start, cpu = time.perf_counter(), time.process_time()
            out = func(*args, **kwargs)
            steps.append((name, start, time.perf_counter(), time.process_time() - cpu))
            return out

        return func, step

    originals = []
    for module, name in STEPS:
        func, step = wrapped(module, name)
        originals.append((module, name, func))
        setattr(module, name, step)
    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        n = len(K.load_corpus(folder, workers=workers).articles)
    finally:
        for module, name, func in originals:
            setattr(module, name, func)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.set()
    thread.join()
    for name, begin, end, seconds in sorted(steps, key=lambda s: s[1]):
        inside = [r for t, r in samples if begin <= t <= end]
        inside = inside or [r for t, r in samples if t <= end][-1:] or [0]  # a short step
        print(f"{name:20s} {begin - start:7.2f} - {end - start:7.2f} s   CPU {seconds:6.2f} s   "
              f"peak {max(inside) / 2**30:5.2f} GB")  # fmt: skip
    workers_cpu = after.ru_utime + after.ru_stime - child.ru_utime - child.ru_stime
    peak = max((r for _, r in samples), default=0) / 2**30
    print(f"{n:,} articles, workers={workers}: wall {wall:.2f} s, CPU {cpu:.2f} s + workers "
          f"{workers_cpu:.2f} s, peak {peak:.2f} GB resident (main process), "
          f"{n / wall:,.0f} articles per wall second")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    main(args.folder, args.workers)
