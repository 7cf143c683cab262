"""Generated corpora unlike the seeds: other topics, other names, no bylines, no dates.

Used to prove that every notebook runs on any folder of articles (issue: any corpus), at the
sizes where figures switch to their aggregate designs, and on thin corpora (one article, only
duplicates). Deterministic: the same seed writes the same files.
"""

from __future__ import annotations

import random
from pathlib import Path

TOPICS = {
    "harvest": ["wheat", "barley", "irrigation", "farmers", "drought", "yield", "market"],
    "rail": ["railway", "freight", "station", "tunnel", "timetable", "passengers", "track"],
    "health": ["clinic", "vaccine", "doctors", "hospital", "patients", "nurses", "budget"],
}
NAMES = ["Maria Lopez", "Tomas Berg", "Anna Kowalska", "the Valley Cooperative",
         "the Northern Rail Company", "the Regional Health Board"]  # fmt: skip
VERBS = ["reported", "discussed", "expected", "reviewed", "announced", "questioned"]


def sentence(rng: random.Random, words: list[str]) -> str:
    a, b = rng.sample(words, 2)
    return (f"{rng.choice(NAMES)} {rng.choice(VERBS)} the {a} and the {b} "
            f"while local {rng.choice(words)} remained a concern.")  # fmt: skip


def article_text(rng: random.Random, k: int, topic: str) -> str:
    words = TOPICS[topic]
    title = f"{topic.capitalize()} update number {k + 1}"
    paragraphs = [" ".join(sentence(rng, words) for _ in range(rng.randint(2, 4)))
                  for _ in range(rng.randint(3, 6))]  # fmt: skip
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, n: int = 36, seed: int = 7, nested: bool = False) -> Path:
    """Write ``n`` plain-text articles (headline on the first line) into ``folder``; with
    ``nested``, one subfolder per topic and a README.TXT at the top, as collections come."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        topic = list(TOPICS)[k % len(TOPICS)]
        where = folder / topic if nested else folder
        where.mkdir(exist_ok=True)
        (where / f"gen_{k:03d}.txt").write_text(article_text(rng, k, topic))
    if nested:
        (folder / "README.TXT").write_text("Articles by topic, one file each.\n")
    return folder


def write_duplicates(folder: Path, copies: int = 2) -> Path:
    """``copies`` files holding one and the same article: a corpus of duplicates only."""
    folder.mkdir(parents=True, exist_ok=True)
    text = article_text(random.Random(1), 0, "rail")
    for k in range(copies):
        (folder / f"copy_{k}.txt").write_text(text)
    return folder


def write_short(folder: Path) -> Path:
    """One short article: one source, no date, no known actor, no bigram seen three times."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "short.txt").write_text(
        "Rail update\n\nThe railway opened a new station on the "
        "northern line.\n\nPassengers welcomed the timetable.\n"
    )
    return folder


def near_copies() -> dict[str, str]:
    """Five texts of 300 words: "a", two near copies of it with one word inserted ("b", "c"), the
    same words reversed ("d": the same words, other shingles) and a copy of "b" ("e")."""
    base = [f"w{i}" for i in range(300)]
    return {
        "a": " ".join(base),
        "b": " ".join(base[:150] + ["x"] + base[150:]),
        "c": " ".join(base[:100] + ["y"] + base[100:]),
        "d": " ".join(reversed(base)),
        "e": " ".join(base[:150] + ["x"] + base[150:]),
    }
