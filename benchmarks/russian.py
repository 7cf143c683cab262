"""Benchmark language detection and Russian lemmas: articles per second; and run every
notebook on the mixed corpus (the seeds beside the Russian test articles).

    .venv/bin/python benchmarks/russian.py 2000
    .venv/bin/python benchmarks/russian.py --notebooks /tmp/mixed-run

``--notebooks OUT`` writes the mixed corpus (tests/test_mixed_corpus.py's ``write_mixed``: the
seeds as they are, the Russian articles in cp1251, KOI8-R and UTF-8, their sidecar) to
OUT/corpus and executes each notebook with papermill into OUT (figures and tables in
OUT/figures and OUT/tables: the repository's committed outputs are never touched), printing
each run's seconds; it fails on the first notebook that does not run. One to two minutes on
two cores (63 s idle, 134 s beside two other runs): kept out of `make test`, already ~10 minutes.

English: N articles generated from the seeds (benchmarks/generate.py), loaded with load_corpus.
Russian: the 12 test articles (tests/data/russian) repeated to N. Repeating them fills the
per-word lemma cache at once, so lemmas are timed twice: over the repeated articles (a warm
cache, as on a large corpus whose common words recur) and with the cache emptied before every
article (every word analysed afresh, the worst case). Alias matching is timed on top of lemmas.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import generate  # noqa: E402
from helpers.corpus import load_corpus  # noqa: E402
from helpers.language import detect_language, identifier  # noqa: E402
from helpers.paths import REPO  # noqa: E402
from helpers.russian import alias_matcher, alias_spans, lemma, load_aliases, russian  # noqa: E402


def rate(n: int, seconds: float) -> int:
    return round(n / max(seconds, 1e-9))


def timed(label: str, n: int, work) -> None:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {n:>6} articles {seconds:7.2f} s {rate(n, seconds):>7} articles/s")


def main(n: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        russian_texts = load_corpus(REPO / "tests" / "data" / "russian").articles.text.tolist()
        with tempfile.TemporaryDirectory() as tmp:
            english = load_corpus(generate.write(Path(tmp) / "en", n)).articles
    texts = [russian_texts[k % len(russian_texts)] for k in range(n)]
    ru = pd.DataFrame({"doc_id": [f"ru{k}" for k in range(n)], "text": texts})
    start = time.perf_counter()
    identifier()
    russian()
    matcher = alias_matcher(list(load_aliases().alias))
    print(f"loading the language model, pipeline and matcher: {time.perf_counter() - start:.2f} s")
    timed("detect_language, English (generated)", len(english), lambda: detect_language(english))
    timed("detect_language, Russian (repeated)", n, lambda: detect_language(ru))
    nlp = russian()
    timed("Russian lemmas, warm cache", n, lambda: list(nlp.pipe(ru.text)))

    def cold() -> None:
        for text in russian_texts:
            lemma.cache_clear()
            nlp(text)

    timed("Russian lemmas, cache emptied per article", len(russian_texts), cold)
    names = list(load_aliases().alias)
    timed("lemmas + alias matching, warm cache", n,
          lambda: [alias_spans(doc, matcher, names) for doc in nlp.pipe(ru.text)])  # fmt: skip


def run_notebooks(out: Path) -> None:
    sys.path.insert(0, str(REPO / "tests"))
    from test_mixed_corpus import write_mixed

    from benchmarks.chapters import run_chapters

    try:
        seconds = run_chapters(write_mixed(out / "corpus"), out)
    except RuntimeError as failed:
        sys.exit(str(failed))
    for name, s in seconds.items():
        print(f"{name + '.ipynb':<28} ran in {s:5.1f} s")
    figures = sorted(p.name for p in (out / "figures").glob("*.png"))
    print(f"{len(figures)} figures in {out / 'figures'}: {', '.join(figures)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int, nargs="?", default=2000)
    parser.add_argument("--notebooks", type=Path, metavar="OUT",
                        help="run every notebook on the mixed corpus into OUT instead")  # fmt: skip
    args = parser.parse_args()
    run_notebooks(args.notebooks) if args.notebooks else main(args.n)
