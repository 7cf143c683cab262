"""Shortcuts in the chapters' own helpers (issue 16) equal what they shortcut, exactly.

- ``find_quotes`` skips the articles where no word of the speech matcher occurs: the same rows
  as parsing every article (the code before it), on texts with and without quotation marks,
  speech verbs in capitals and words that only contain a verb ("address").
- ``median_similarity`` takes the median of the article panel's cells without building the
  panel: the same number as the panel's ``stack().median()``, for a labelled, a clustered and
  a sampled panel.
- ``event_labels`` labels each distinct (surface, sentence) once: the same labels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import quotes
from helpers.actors import find_mentions
from helpers.nlp import english
from helpers.views import MAX_LABELLED, MAX_MATRIX, median_similarity, similarity_panels

TEXTS = [
    "“We will not join,” Sadyr Japarov said. He added that talks would go on.",
    "The so-called “multi-vector” policy was debated in Bishkek on Monday.",
    "NATO SAID NOTHING. The minister ADDRESSED the press.",
    "- We pay for it, - Fournet stated.\n\nAccording to the ministry, the drills went ahead.",
    "A quiet day at the border; trade went on as before.",
    "“Nothing,” was the answer to the question of the day.",
    "Officials pointed out that the base would close. Experts point to Russia.",
    "",
]


def reference_quotes(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """find_quotes as it was: every article parsed by english()'s own pipeline."""
    by_doc = quotes._mentions_by_doc(mentions)
    matcher = quotes._matcher()
    rows = []
    docs = english().pipe(articles.text, disable=["lemmatizer"])
    for doc_id, text, doc in zip(articles.doc_id, articles.text, docs, strict=True):
        found = quotes._Article(doc, text, matcher).located()
        rows += quotes._attribute(doc_id, text, found, by_doc.get(doc_id, quotes._NO_MENTIONS))
    table = pd.DataFrame(rows, columns=quotes.QUOTE_COLUMNS)
    return table.astype({"resolved": bool, "n_words": int})


def test_find_quotes_skipping_verbless_articles_keeps_every_quote():
    rng = np.random.default_rng(0)
    texts = TEXTS + [" ".join(rng.permutation(TEXTS[k % len(TEXTS)].split())) for k in range(40)]
    articles = pd.DataFrame({"doc_id": [f"d{k:02d}" for k in range(len(texts))], "text": texts})
    mentions = find_mentions(articles)
    got = quotes.find_quotes(articles, mentions)
    pd.testing.assert_frame_equal(got, reference_quotes(articles, mentions))
    assert len(got) > 3  # the corpus does hold quotes


def test_a_text_the_prefilter_skips_has_no_matcher_hit():
    matcher = quotes._matcher()
    words = ["said", "Said", "SAYS", "according", "to", "the", "minister", "“", "”", "address",
             "pointed", "out", "talks", "reported", "note", "-", "K", "\u212a", "İ"]  # fmt: skip
    rng = np.random.default_rng(1)
    for _ in range(300):
        text = " ".join(rng.choice(words, size=rng.integers(1, 12)))
        if not quotes._may_quote(text):
            assert not matcher(english().make_doc(text)), text


def _articles(n: int) -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": [f"{k:03d}_x" for k in range(n)],
        "outlet": [["A", "B", "C", None][k % 4] for k in range(n)],
        "author": None,
        "published": pd.to_datetime(["2015-01-01", None] * (n // 2) + ["2020-05-05"] * (n % 2)),
        "folder": ".",
    })  # fmt: skip


def _counts(articles: pd.DataFrame, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = 12 * len(articles)
    return pd.DataFrame({"doc_id": rng.choice(articles.doc_id, rows),
                         "term": [f"t{k}" for k in rng.zipf(1.5, rows) % 30],
                         "n": rng.integers(1, 4, rows)}).drop_duplicates(["doc_id", "term"])  # fmt: skip


@pytest.mark.parametrize("n", [2, 5, MAX_LABELLED + 4, MAX_MATRIX + 9])
def test_median_similarity_is_the_panels_median(n):
    articles = _articles(n)
    counts = _counts(articles, n)
    panel = similarity_panels(counts, articles)[0]
    assert median_similarity(counts, articles) == float(panel.stack().median())


def test_event_labels_equal_labelling_each_row():
    import re

    from helpers.timeline import event_labels

    sentences = ["In 2004, NATO planned to open an office here.",
                 "This concerned the armed conflict on the border on September 15–17.",
                 "Since 2014 nothing.", "May 2020"]  # fmt: skip
    dates = pd.DataFrame({"surface": ["In 2004", "September 15–17", "2014", "May 2020", "x"] * 3,
                          "sentence": (sentences + ["no surface here at all, none"]) * 3},
                         index=np.arange(15)[::-1])  # fmt: skip

    def label(surface, sentence, n_words=6):
        at = sentence.find(surface)
        after = re.findall(r"\w[\w’'–-]*", sentence[at + len(surface) :] if at >= 0 else sentence)
        if len(after) >= 3:
            return " ".join(after[:n_words]) + ("…" if len(after) > n_words else "")
        before = re.findall(r"\w[\w’'–-]*", sentence[: max(at, 0)])
        return ("…" if len(before) > n_words else "") + " ".join(before[-n_words:])

    for table in (dates, dates.iloc[:0]):
        expected = pd.Series([label(s, t) for s, t in zip(table.surface, table.sentence,
                                                          strict=True)], index=table.index)  # fmt: skip
        pd.testing.assert_series_equal(event_labels(table), expected)
