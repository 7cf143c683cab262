"""A generated corpus unlike the seeds: other topics, other names, no bylines, no dates.

Used to prove that every notebook runs on any folder of articles (issue: any corpus).
Deterministic: the same seed writes the same files.
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


def write_corpus(folder: Path, n: int = 36, seed: int = 7) -> Path:
    """Write ``n`` plain-text articles (headline on the first line) into ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        topic = list(TOPICS)[k % len(TOPICS)]
        words = TOPICS[topic]
        title = f"{topic.capitalize()} update number {k + 1}"
        paragraphs = [" ".join(sentence(rng, words) for _ in range(rng.randint(2, 4)))
                      for _ in range(rng.randint(3, 6))]  # fmt: skip
        (folder / f"gen_{k:03d}.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n")
    return folder
