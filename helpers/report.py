"""Printed output that stays short at any corpus size, and the HTML a notebook shows.

A notebook shows the head of a table and says how much more there is and where all of it
is; a list of findings shows its first lines and counts the rest. Nothing here prints "nan".
``render_mentions`` highlights one article's actor mentions (displaCy HTML).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from helpers.style import ACTOR_COLOURS, REFERENCE_GREY

N_SHOW = 10  # rows of a table or lines of a list a notebook prints


def head(table: pd.DataFrame, n: int = N_SHOW, saved: str | Path | None = None) -> pd.DataFrame:
    """The first ``n`` rows of ``table``; when there are more, a line says how many and
    where the whole table is (``saved``: a path or a sentence).

    >>> head(pd.DataFrame({"x": range(3)}), n=2, saved="tables/x.csv")
    Showing 2 of 3 rows; all of them are in tables/x.csv.
       x
    0  0
    1  1
    """
    if len(table) > n:
        where = f"; all of them are in {_shown(saved)}" if saved else ""
        print(f"Showing {n:,} of {len(table):,} rows{where}.")
    return readable(table.head(n))


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` for reading: dates as YYYY-MM-DD and a dash for every missing value, where
    pandas would print NaN, NaT or <NA>.

    >>> readable(pd.DataFrame({"share": [0.5, None], "when": pd.to_datetime(["2021-03-19", None])}))
      share        when
    0   0.5  2021-03-19
    1     —           —
    """
    shown = table.copy()
    for column in shown.columns[[pd.api.types.is_datetime64_any_dtype(t) for t in shown.dtypes]]:
        shown[column] = shown[column].dt.strftime("%Y-%m-%d")
    missing = shown.isna()
    if not missing.any(axis=None):
        return shown
    return shown.astype(object).where(~missing, "—")


def _shown(saved: str | Path) -> str:
    # The folder's own name and the file: the same words wherever the run writes its tables
    # (tables/, outputs/<corpus>/tables, a test's scratch folder), so reruns print the same.
    return f"{saved.parent.name}/{saved.name}" if isinstance(saved, Path) else str(saved)


def bullets(lines: Iterable[str], n: int = N_SHOW, more: str = "more lines") -> None:
    """Print each line as a bullet, at most ``n`` of them, then "… and k more".

    >>> bullets([f"line {k}" for k in range(4)], n=2, more="more articles")
    - line 0
    - line 1
    - … and 2 more articles.
    """
    lines = list(lines)
    for line in lines[:n]:
        print(f"- {line}")
    if len(lines) > n:
        print(f"- … and {len(lines) - n:,} {more}.")


def listing(items: Iterable[object], n: int = 5, none: str = "none") -> str:
    """Items joined by commas, at most ``n`` of them, then "and k more".

    >>> listing(["a", "b", "c"], n=2)
    'a, b and 1 more'
    >>> listing([])
    'none'
    """
    items = [str(i) for i in items]
    if not items:
        return none
    if len(items) <= n:
        return ", ".join(items)
    return f"{', '.join(items[:n])} and {len(items) - n:,} more"


def percent(part: float, whole: float) -> str:
    """``part`` as a share of ``whole`` ("42%"), or "no share" where ``whole`` is zero.

    >>> percent(1, 4), percent(0, 0)
    ('25%', 'no share')
    """
    return f"{part / whole:.0%}" if whole else "no share"


def render_mentions(
    text: str, mentions: pd.DataFrame, colours: dict[str, str] = ACTOR_COLOURS
) -> str:
    """HTML of ``text`` with every mention highlighted and labelled by actor (displaCy):
    "United States: US State Department" where an entry rolls up, "(place)" where the mention
    is locative.

    Input: one article's ``text`` and its rows of ``find_mentions``.
    """
    from spacy import displacy

    columns = zip(mentions.start, mentions.end, mentions.actor, mentions.sub_actor,
                  mentions.role, strict=True)  # fmt: skip
    ents = [{"start": s, "end": e, "label": _label(a, sub, role), "actor": a}
            for s, e, a, sub, role in columns]  # fmt: skip
    # Lightened colours, so black text on a dark actor colour stays readable.
    labels = {e["label"]: _tint(colours.get(e["actor"], REFERENCE_GREY)) for e in ents}
    return displacy.render({"text": text, "ents": ents, "title": None}, style="ent", manual=True,
                           jupyter=False, options={"colors": labels})  # fmt: skip


def _label(actor: str, sub_actor: str, role: str) -> str:
    name = actor if sub_actor == actor else f"{actor}: {sub_actor}"
    return name + (" (place)" if role == "locative" else "")


def _tint(colour: str, keep: float = 0.45) -> str:
    """A lighter version of a hex colour, so black text on it stays readable."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - keep * (255 - c)):02X}" for c in rgb)


def highlight_article(articles: pd.DataFrame, mentions: pd.DataFrame, doc_id: str | None = None):
    """One article with its mentions highlighted (``render_mentions``), headed by its doc_id
    and title, for ``IPython.display``: ``doc_id`` None is the article naming most actors.
    No mention at all: a sentence saying so (HTML too)."""
    from IPython.display import HTML

    if mentions.empty:
        return HTML("<p>No actor of the gazetteer is named in these articles.</p>")
    doc_id = doc_id or mentions.groupby("doc_id").actor.nunique().idxmax()
    article = articles.set_index("doc_id").loc[doc_id]
    print(f"{doc_id}: {article.title}")
    return HTML(render_mentions(article.text, mentions[mentions.doc_id == doc_id]))
