"""Generate a realistic corpus of N articles from the seeds, for benchmarks and scale tests.

Each article is a headline plus paragraphs drawn from the seeds' clean paragraphs (reshuffled),
with the seeds' kind of furniture: a dateline block or a footer date, a subscribe line and a
comment policy for some outlets. About 5% of the files are exact copies of an earlier file and
5% near copies (one paragraph replaced). With ``folders``, the articles are spread over that
many subfolders (by outlet, as researchers' collections often are) and a README.TXT sits at
the top, as in a downloaded collection. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from helpers.corpus import load_corpus
from helpers.paths import REPO

OUTLETS = ["Steppe Herald", "Valley Daily", "Ala-Too Review", "Caspian Wire", None]


def seed_paragraphs() -> list[str]:
    texts = load_corpus(REPO / "seeds").articles.text
    return [p for text in texts for p in text.split("\n\n") if len(p.split()) >= 8]


def seed_sentences() -> list[str]:
    """The seeds' sentences: paragraphs are drawn from these afresh, so that no paragraph
    recurs across stories (a recurring line is site chrome to the cleaner, and would be cut)."""
    return [
        s.strip() + "." for p in seed_paragraphs() for s in p.split(". ") if len(s.split()) >= 5
    ]


def paragraphs(rng: random.Random, sentences: list[str], n: int) -> list[str]:
    return [" ".join(rng.sample(sentences, rng.randint(2, 4))) for _ in range(n)]


def article(rng: random.Random, pool: list[str], k: int) -> str:
    outlet = rng.choice(OUTLETS)
    body = paragraphs(rng, pool, rng.randint(4, 10))
    head = [f"Security review number {k}", ""]
    if outlet:
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2011, 2022)
        head += ["Aida Bekova.", f"{day:02d}.{month:02d}.{year} 10:{k % 60:02d}",
                 "(Moscow time), Bishkek", f"Views: {rng.randint(100, 9000)}", ""]  # fmt: skip
        body.insert(2, f"Subscribe to {outlet.replace(' ', '')} news at Telegram and VK.")
        body += ["Dear Readers, the rules for publishing comments are being tightened.",
                 "Thank you for understanding!"]  # fmt: skip
    return "\n".join(head) + "\n\n".join(body) + "\n"


def write(folder: Path, n: int, seed: int = 1, folders: int = 0) -> Path:
    """Write ``n`` articles into ``folder`` (created if needed), in ``folders`` subfolders."""
    rng = random.Random(seed)
    pool = seed_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    for k in range(n):
        roll = rng.random()
        if written and roll < 0.05:
            text = rng.choice(written)  # an exact duplicate
        elif written and roll < 0.10:
            paras = rng.choice(written).split("\n\n")
            paras[rng.randrange(1, len(paras))] = paragraphs(rng, pool, 1)[0]  # a near duplicate
            text = "\n\n".join(paras)
        else:
            text = article(rng, pool, k)
        written.append(text)
        sub = folder / f"part_{k % folders + 1}" if folders else folder
        sub.mkdir(exist_ok=True)
        (sub / f"bench_{k:06d}.txt").write_text(text, encoding="utf-8")
    if folders:
        (folder / "README.TXT").write_text("Generated articles for the multivector benchmarks.\n")
    return folder


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--folders", type=int, default=0, help="spread over this many subfolders")
    args = parser.parse_args()
    write(args.folder, args.n, folders=args.folders)
