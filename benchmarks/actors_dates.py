"""CPU seconds of find_mentions and find_dates (English) on generated corpora, in one process,
and of the notebook-side actor helpers on find_mentions' output (uncovered_names,
alias_validation).

    .venv/bin/python benchmarks/actors_dates.py 2000 20000
    .venv/bin/python benchmarks/actors_dates.py --folder /path/to/articles

For each N a corpus is generated from the seeds (benchmarks/generate.py) and loaded; both stages
are warmed up on the seeds, then each is run ``--repeat`` times and the fastest is reported, in
CPU seconds (time.process_time: the machine may be shared) and wall seconds, with articles per
CPU second. A stage's output does not depend on the number of repeats.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path


def measure(articles, repeat: int) -> list[tuple[str, float, float, int]]:
    from helpers.actors import alias_validation, find_mentions, uncovered_names
    from helpers.timeline import find_dates

    mentions = find_mentions(articles)
    rows = []
    for name, stage in (("find_mentions", find_mentions), ("find_dates", find_dates),
                        ("uncovered_names", lambda a: uncovered_names(a, mentions)),
                        ("alias_validation", lambda a: alias_validation(mentions, a))):  # fmt: skip
        best = (float("inf"), float("inf"))
        for _ in range(repeat):
            cpu, wall = time.process_time(), time.perf_counter()
            out = stage(articles)
            best = min(best, (time.process_time() - cpu, time.perf_counter() - wall))
        rows.append((name, *best, len(out)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[2000])
    parser.add_argument("--folder", type=Path, help="measure this corpus instead")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from generate import write

    from helpers.corpus import load_corpus
    from helpers.paths import REPO

    measure(load_corpus(REPO / "seeds").articles, 1)  # warm up: pipeline, gazetteer, caches
    with tempfile.TemporaryDirectory() as tmp:
        folders = (
            [args.folder] if args.folder else [write(Path(tmp) / str(n), n) for n in args.sizes]
        )
        print("| articles | stage | CPU s | wall s | articles per CPU s | rows |")
        print("| --- | --- | --- | --- | --- | --- |")
        for folder in folders:
            articles = load_corpus(folder).articles
            for name, cpu, wall, rows in measure(articles, args.repeat):
                rate = len(articles) / max(cpu, 1e-9)
                print(f"| {len(articles):,} | {name} | {cpu:.2f} | {wall:.2f} | {rate:,.0f} | "
                      f"{rows:,} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
