"""Text helpers shared by the analysis notebooks."""

from __future__ import annotations

import pandas as pd


def concordance(spans: pd.DataFrame, articles: pd.DataFrame, window: int = 40) -> pd.DataFrame:
    """Keyword-in-context for any table of spans in ``articles.text``.

    Input: one row per span with ``doc_id``, ``start`` and ``end`` (offsets into ``text``).
    Output: the same rows with ``left``, ``match`` and ``right`` added, each context cut to
    ``window`` characters and with line breaks shown as spaces.

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Moscow and the CSTO met."]})
    >>> concordance(pd.DataFrame({"doc_id": ["a"], "start": [15], "end": [19]}), arts, 8)
      doc_id  start  end      left match  right
    0      a     15   19  and the   CSTO   met.
    """
    texts = articles.set_index("doc_id").text
    rows = [
        (
            texts[d][max(0, s - window) : s].replace("\n", " ").rjust(window),
            texts[d][s:e].replace("\n", " "),
            texts[d][e : e + window].replace("\n", " "),
        )
        for d, s, e in zip(spans.doc_id, spans.start, spans.end, strict=True)
    ]
    contexts = pd.DataFrame(rows, columns=["left", "match", "right"], index=spans.index)
    return pd.concat([spans, contexts], axis=1)
