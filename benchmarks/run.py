"""Benchmark the pipeline: load_corpus -> count_terms -> find_mentions -> find_dates.

    .venv/bin/python benchmarks/run.py 2000 20000 100000

For each N, a corpus is generated from the seeds (benchmarks/generate.py) and every stage is
timed in a fresh process, with its peak memory (ru_maxrss) and articles per second;
scikit-learn's CountVectorizer on the same clean texts is the reference for counting.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = ["load_corpus", "count_terms", "countvectorizer", "find_mentions", "find_dates"]


def run_stage(folder: str, stage: str) -> dict:
    """Run one stage in this process (called in a child); report seconds and peak MB."""
    import resource

    from helpers.corpus import load_corpus

    start = time.perf_counter()
    articles = load_corpus(folder).articles
    loaded = time.perf_counter()
    if stage == "count_terms":
        from helpers.text import count_terms

        count_terms(articles)
    elif stage == "countvectorizer":
        from sklearn.feature_extraction.text import CountVectorizer

        CountVectorizer(stop_words="english").fit_transform(articles.text)
    elif stage == "find_mentions":
        from helpers.actors import find_mentions

        find_mentions(articles)
    elif stage == "find_dates":
        from helpers.timeline import find_dates

        find_dates(articles)
    done = time.perf_counter()
    seconds = loaded - start if stage == "load_corpus" else done - loaded
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = round(len(articles) / max(seconds, 1e-9))
    return {"stage": stage, "n": len(articles), "seconds": round(seconds, 2),
            "peak_mb": round(peak_mb), "per_second": rate}  # fmt: skip


def main(sizes: list[int]) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from generate import write

    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            write(Path(tmp) / "corpus", n)
            for stage in STAGES:
                out = subprocess.run([sys.executable, __file__, "--stage", stage, tmp + "/corpus"],
                                     capture_output=True, text=True, check=True)  # fmt: skip
                rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
                print(
                    f"{n:>7} {stage:<16} {rows[-1]['seconds']:>8.2f} s "
                    f"{rows[-1]['peak_mb']:>6} MB {rows[-1]['per_second']:>8} articles/s",
                    flush=True,
                )
    print("\n| N | stage | seconds | peak MB | articles/s |\n| --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['n']:,} | {r['stage']} | {r['seconds']} | {r['peak_mb']} | {r['per_second']:,} |"
        )


if __name__ == "__main__":
    if sys.argv[1] == "--stage":
        print(json.dumps(run_stage(sys.argv[3], sys.argv[2])))
    else:
        main([int(a) for a in sys.argv[1:]])
