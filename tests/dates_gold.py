"""The gold set of dated expressions (tests/data/dates_gold.psv) and how a finder is scored on it.

One line per expected expression, "|"-separated: ``published`` (empty: an undated article),
``outlet``, ``text``, ``surface`` (where the expression is; empty for a sentence with no date),
``start`` and ``end`` (empty: an open or unresolved bound), ``kind`` (absolute, relative, range,
open; negative for a sentence with no date), ``precision`` and ``modality``. Lines with the
same published date, outlet and text are one article.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

GOLD = Path(__file__).parent / "data" / "dates_gold.psv"


def load_gold(path: Path = GOLD) -> pd.DataFrame:
    """The gold lines, with ``doc_id`` (one per article) and ``span`` (offsets of surface)."""
    gold = pd.read_csv(path, sep="|", dtype=str, keep_default_na=False)
    gold["doc_id"] = pd.factorize(gold.published + "|" + gold.outlet + "|" + gold.text)[0]
    gold["doc_id"] = "g" + gold.doc_id.astype(str).str.zfill(3)
    for column in ("start", "end"):
        gold[column] = [dt.date.fromisoformat(v) if v else None for v in gold[column]]
    spans = []
    for text, surface in zip(gold.text, gold.surface, strict=True):
        at = text.find(surface) if surface else -1
        if surface and at < 0:
            raise ValueError(f"{GOLD.name}: {surface!r} is not in {text!r}")
        spans.append((at, at + len(surface)) if surface else None)
    gold["span"] = spans
    return gold


def gold_articles(gold: pd.DataFrame) -> pd.DataFrame:
    """One article per gold text, as ``find_dates`` takes them."""
    arts = gold.drop_duplicates("doc_id")[["doc_id", "text", "published", "outlet"]].copy()
    arts["published"] = pd.to_datetime(arts.published.replace("", None))
    return arts.reset_index(drop=True)


def _same(a, b) -> bool:
    if a is None or pd.isna(a):
        return b is None
    return b is not None and pd.Timestamp(a).date() == b


def score(gold: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    """Each gold line with ``found`` (an expression overlaps its surface), ``correct`` (and
    both bounds are exact), ``modality_found`` and ``false_positives`` (expressions in its
    article that overlap no gold surface: counted once, on the article's first line).

    ``found``: rows with ``doc_id``, ``start``, ``end`` (offsets), ``date_start``, ``date_end``
    and optionally ``modality``.
    """
    out = gold.copy()
    hits, correct, modality, extra = [], [], [], []
    for k, g in enumerate(gold.itertuples()):
        mine = found[found.doc_id == g.doc_id]
        hit = None
        if g.span is not None:
            overlap = mine[(mine.start < g.span[1]) & (mine.end > g.span[0])]
            hit = overlap.iloc[0] if len(overlap) else None
        hits.append(hit is not None)
        correct.append(hit is not None and _same(hit.date_start, g.start)
                       and _same(hit.date_end, g.end))  # fmt: skip
        modality.append(hit.get("modality") if hit is not None else None)
        first = k == 0 or gold.doc_id.iloc[k - 1] != g.doc_id
        spans = [s for s in gold.span[gold.doc_id == g.doc_id] if s is not None]
        stray = [
            1 for r in mine.itertuples() if not any(r.start < e and r.end > s for s, e in spans)
        ]
        extra.append(len(stray) if first else 0)
    return out.assign(found=hits, correct=correct, modality_found=modality, false_positives=extra)


def summary(scored: pd.DataFrame) -> pd.DataFrame:
    """Per kind (and overall): lines, recall (found), correct (exact start and end), and
    false positives; for negatives, the sentences given any date."""
    rows = []
    for kind, part in [*scored.groupby("kind"), ("overall", scored[scored.kind != "negative"])]:
        if kind == "negative":
            rows.append({"kind": kind, "n": len(part), "recall": None, "correct": None,
                         "false_positives": int((part.false_positives > 0).sum())})  # fmt: skip
            continue
        rows.append({"kind": kind, "n": len(part), "recall": part.found.mean(),
                     "correct": part.correct.mean(),
                     "false_positives": int(part.false_positives.sum())})  # fmt: skip
    return pd.DataFrame(rows).set_index("kind")
