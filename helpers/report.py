"""Printed output that stays short at any corpus size.

A notebook shows the head of a table and says how much more there is and where all of it
is; a list of findings shows its first lines and counts the rest. Nothing here prints "nan".
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

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
