"""Benchmark helpers.quotes.find_quotes on generated corpora.

    .venv/bin/python benchmarks/quotes.py 2000 20000

For each N, a corpus is generated from the seeds (benchmarks/generate.py) and loaded; then
find_mentions and find_quotes (given the mentions) are timed separately, with articles per
second and quotes found.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import write  # noqa: E402
from helpers.actors import find_mentions  # noqa: E402
from helpers.corpus import load_corpus  # noqa: E402
from helpers.quotes import find_quotes  # noqa: E402


def bench(n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        articles = load_corpus(write(Path(tmp) / "corpus", n)).articles
    start = time.perf_counter()
    mentions = find_mentions(articles)
    matched = time.perf_counter()
    quotes = find_quotes(articles, mentions)
    done = time.perf_counter()
    seconds = done - matched
    return {"articles": len(articles), "words": int(articles.n_words.sum()),
            "find_mentions_s": round(matched - start, 1), "find_quotes_s": round(seconds, 1),
            "articles_per_s": round(len(articles) / seconds), "quotes": len(quotes)}  # fmt: skip


if __name__ == "__main__":
    for n in map(int, sys.argv[1:] or ["2000"]):
        print(bench(n), flush=True)
