"""Plots shared by the notebooks. Each draws on an axes it is given and returns it."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from helpers.corpus import METADATA_REASONS

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
             "#000000"]  # fmt: skip
KEPT_COLOUR = "#4D4D4D"


def article_labels(articles: pd.DataFrame) -> pd.Series:
    """Short labels for plots: the file's number and its outlet or author, by ``doc_id``."""
    source = articles.outlet.fillna(articles.author).fillna("unknown source")
    year = articles.published.dt.year.map(lambda y: "undated" if pd.isna(y) else f"{y:.0f}")
    labels = articles.doc_id.str.split("_").str[0] + " " + source + ", " + year
    return pd.Series(labels.values, index=articles.doc_id)


def plot_words_kept_removed(words: pd.DataFrame, labels: pd.Series, ax: plt.Axes) -> plt.Axes:
    """Stacked horizontal bars: words kept in ``text`` and words removed, by reason.

    Input: one row per ``doc_id`` and ``part`` ("kept" or a removal reason) with ``words``.
    Metadata lines (title, byline, date, ...) are drawn as one part, to keep colours few.
    """
    parts = words.part.where(~words.part.isin(METADATA_REASONS), "metadata lines")
    grid = words.assign(part=parts).pivot_table(
        index="doc_id", columns="part", values="words", fill_value=0, aggfunc="sum"
    )
    reasons = grid.drop(columns="kept").sum().sort_values(ascending=False).index
    grid = grid[["kept", *reasons]].iloc[::-1]
    colours = [KEPT_COLOUR, *(OKABE_ITO * 3)[: len(reasons)]]
    grid.rename(index=labels).plot.barh(stacked=True, ax=ax, color=colours, width=0.7)
    ax.set_xlabel("words in the file as collected")
    ax.set_ylabel("")
    ax.legend(title=None, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax
