"""Whether find_dates costs more per article on a larger corpus: CPU seconds per 1,000 articles,
for each stretch of articles within one call.

    .venv/bin/python benchmarks/dates_growth.py FOLDER [FOLDER ...] [--step 2000]

Each folder is loaded (``load_corpus``), then read by one ``find_dates`` call whose article loop
is timed every ``--step`` articles (``time.process_time``). A cost that grows with the corpus
shows as later stretches costing more than the first; on a shared machine the stretches also
differ by the load of the moment, so compare stretches of one call, measured minutes apart at
most, and folders run one after the other. Prints one Markdown row per folder.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable, Iterator
from itertools import pairwise
from pathlib import Path

import helpers.timeline as timeline
from helpers.corpus import load_corpus


def stretches(folder: Path, step: int) -> tuple[int, float, list[float]]:
    """(articles, CPU seconds of the call, CPU seconds per 1,000 articles of each stretch)."""
    articles = load_corpus(folder).articles
    marks: list[float] = []

    def timed(items: Iterable, total: int, desc: str) -> Iterator:
        for k, item in enumerate(items):
            if k % step == 0:
                marks.append(time.process_time())
            yield item
        marks.append(time.process_time())

    quiet = timeline.progress
    timeline.progress = timed  # the article loop of _english_dates, timed instead of shown
    try:
        start = time.process_time()
        timeline.find_dates(articles)
        total = time.process_time() - start
    finally:
        timeline.progress = quiet
    sizes = [min(step, len(articles) - k * step) for k in range(len(marks) - 1)]
    per = [1000 * (b - a) / n for (a, b), n in zip(pairwise(marks), sizes, strict=True)]
    return len(articles), total, per


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--step", type=int, default=2000)
    args = parser.parse_args()
    timeline.find_dates(load_corpus(Path(__file__).resolve().parents[1] / "seeds").articles)
    print("| folder | articles | CPU s | s per 1,000, by stretch | last / first |")
    print("| --- | ---: | ---: | --- | ---: |")
    for folder in args.folders:
        n, total, per = stretches(folder, args.step)
        shown = ", ".join(f"{p:.2f}" for p in per)
        ratio = f"{per[-1] / per[0]:.2f}" if per else "—"
        print(f"| {folder.name} | {n:,} | {total:.1f} | {shown} | {ratio} |")


if __name__ == "__main__":
    main()
