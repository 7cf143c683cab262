"""A digest of every table of a Corpus: every row, column, dtype and value, exactly.

Used to prove that a faster ``load_corpus`` returns the same tables as the one before it:
``repr`` tells None from NaN from pd.NA, keeps every bit of a float and shows list cells
(tags, captions) whole, so two digests are equal only when the tables are.
"""

from __future__ import annotations

import hashlib

import pandas as pd

TABLES = ("articles", "removed", "paragraphs", "provenance", "files")


def table_digest(table: pd.DataFrame) -> str:
    h = hashlib.sha256()
    h.update(repr(list(table.columns)).encode())
    h.update(repr([str(t) for t in table.dtypes]).encode())
    h.update(repr(list(table.index)).encode())
    for name in table.columns:
        for value in table[name].tolist():
            h.update(repr(value).encode("utf-8", "surrogatepass"))
            h.update(b"\x1f")
    return h.hexdigest()[:16]


def corpus_digest(corpus) -> dict[str, str]:
    """``{table name: digest}`` for the five tables of a Corpus."""
    return {name: table_digest(getattr(corpus, name)) for name in TABLES}
