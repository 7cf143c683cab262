"""Peak memory of load_corpus on one huge article (not a test: it takes a minute).

    .venv/bin/python -m benchmarks.memory [MEGABYTES ...]

Writes one file of about MEGABYTES of generated news prose (paragraphs of ~60 words, some pasted
twice, a few ellipses) into a temporary folder beside two ordinary articles, loads it in a fresh
process and prints the process's peak resident memory (ru_maxrss) and the time taken.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("the ministry said security cooperation border talks agreement region officials "
         "analysts expected meeting treaty delegation capital forces training exchange "
         "information funding parliament vote reported according local sources"
         ).split()  # fmt: skip


def write_big(path: Path, megabytes: float, seed: int = 3) -> int:
    """Prose over a Zipf-like vocabulary (the common words above plus 20,000 rarer ones), as a
    real long file has: a tiny vocabulary would make every line look like every other."""
    rng = random.Random(seed)
    vocabulary = WORDS + [f"term{k}" for k in range(20_000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    target = int(megabytes * 1_000_000)

    def paragraph() -> str:
        return " ".join(rng.choices(vocabulary, weights, k=60)).capitalize()

    pasted = [paragraph() + "." for _ in range(2000)]
    with path.open("w", encoding="utf-8") as out:
        out.write("A very long file\n")
        size = 0
        while size < target:
            if rng.random() < 0.1:
                p = rng.choice(pasted)
            else:
                p = paragraph() + (" ..." if rng.random() < 0.01 else ".")
            size += out.write(p + "\n")
    return path.stat().st_size


def child(folder: str) -> None:
    from helpers.corpus import load_corpus

    start = time.perf_counter()
    corpus = load_corpus(folder)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    big = corpus.articles.set_index("doc_id").n_words
    print(f"peak RSS {peak:,.0f} MB, {seconds:,.1f} s; words per article {big.to_dict()}")


def main(sizes: list[float]) -> None:
    for megabytes in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            n = write_big(folder / "big.txt", megabytes)
            for k in range(2):
                (folder / f"small{k}.txt").write_text(f"Small {k}\nAn ordinary article {k}.\n")
            print(f"{n / 1e6:,.1f} MB file: ", end="", flush=True)
            subprocess.run([sys.executable, "-m", "benchmarks.memory", "--child", tmp], check=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    else:
        main([float(a) for a in sys.argv[1:]] or [100.0])
