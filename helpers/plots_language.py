"""Figures comparing languages: actor shares (chapter 03), cited dates and attention over time
(chapter 04), each language a colour in one Axes.

Every function has the one signature ``plot_x(data, *, options, ax=None) -> Axes``: ``data`` is
the tidy table of ``helpers.russian_compare``, ``ax=None`` draws on ``plt.gca()``, an empty
table draws a one-line note. The tables are aggregates (a few actors, one point per year and
language), so a figure reads the same at 5 articles and at 20,000; with one language it is the
same figure with one colour.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.transforms import offset_copy

from helpers.plots import nothing_to_show
from helpers.style import (
    ANNOTATION_PT,
    AXIS_GREY,
    EDGE_GREY,
    LANGUAGE_COLOURS,
    SPARE_LANGUAGE_COLOURS,
)

# Tick labels (7 pt) and the x-axis label (8 pt) with their pads take about 26 points.
LEGEND_DROP_PT = 28
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "ky": "Kyrgyz", "kk": "Kazakh",
                  "und": "undetermined"}  # fmt: skip


def language_colours(languages) -> dict[str, str]:
    """A fixed colour per language code (the same in every figure), others from the cycle."""
    extra = iter(SPARE_LANGUAGE_COLOURS * 4)
    return {c: LANGUAGE_COLOURS.get(c) or next(extra) for c in languages}


def language_label(code: str, n_articles: int | None = None) -> str:
    name = LANGUAGE_NAMES.get(code, code)
    return name if n_articles is None else f"{name} ({n_articles:,} articles)"


def plot_actor_shares_by_language(
    data: pd.DataFrame, *, title: str | None = None, ax: plt.Axes | None = None
) -> plt.Axes:
    """Horizontal bars: each actor's share of the agentive mentions, one bar per language,
    with its 95% article-level interval (none where not estimable).

    Input: ``helpers.russian_compare.actor_shares_by_language`` output.
    """
    ax = ax if ax is not None else plt.gca()
    if data.empty or not data.n.sum():
        return nothing_to_show(ax, "no agentive mention of these actors")
    actors = list(dict.fromkeys(data.actor))
    languages = list(dict.fromkeys(data.language))
    colours = language_colours(languages)
    height = 0.8 / len(languages)
    for k, lang in enumerate(languages):
        rows = data[data.language == lang].set_index("actor").reindex(actors)
        y = np.arange(len(actors)) + (k - (len(languages) - 1) / 2) * height
        err = np.vstack([(rows.share - rows.low).to_numpy(), (rows.high - rows.share).to_numpy()])
        ax.barh(y, rows.share.fillna(0), height=height * 0.9, color=colours[lang],
                label=language_label(lang, int(rows.n_articles.iloc[0])))  # fmt: skip
        ok = rows.low.notna().to_numpy()
        if ok.any():
            ax.errorbar(rows.share.to_numpy()[ok], y[ok], xerr=err[:, ok], fmt="none",
                        ecolor=EDGE_GREY, elinewidth=0.6, capsize=1.5)  # fmt: skip
    ax.set_yticks(np.arange(len(actors)), actors)
    ax.invert_yaxis()
    ax.set_xlabel("share of the language's agentive actor mentions")
    ax.set_xlim(0, min(1.0, max(0.05, float(np.nanmax([data.share.max(), data.high.max()])))
                       * 1.1))  # fmt: skip
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    _legend_below(ax, len(languages))
    if title:
        ax.set_title(title, loc="left")
    return ax


def _legend_below(ax: plt.Axes, n: int) -> None:
    """The languages' legend in one row under the x-axis label, clear of every bar: placed a
    fixed distance in points below the Axes, so a short figure does not run it into the label."""
    below = offset_copy(ax.transAxes, fig=ax.figure, y=-LEGEND_DROP_PT, units="points")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below,
              ncols=max(1, n), fontsize=ANNOTATION_PT)  # fmt: skip


def _legend_above(ax: plt.Axes, n: int) -> None:
    """The languages' legend in one row above the Axes, right-aligned (a title goes left)."""
    ax.legend(loc="lower right", bbox_to_anchor=(1, 1.0), ncols=max(1, n), fontsize=ANNOTATION_PT,
              borderaxespad=0.2)  # fmt: skip


def _period_x(periods: pd.Series) -> np.ndarray:
    """A period ("2014", "2014-03") as a number on a time axis: its year, plus months / 12.

    >>> _period_x(pd.Series(["2014", "2014-04"])).tolist()
    [2014.0, 2014.25]
    """
    text = periods.astype(str)
    month = pd.to_numeric(text.str[5:7], errors="coerce").fillna(1.0)
    return (text.str[:4].astype(float) + (month - 1) / 12).to_numpy()


def plot_cited_years_by_language(
    data: pd.DataFrame, *, title: str | None = None, ax: plt.Axes | None = None
) -> plt.Axes:
    """Dated expressions that happened, per year cited, one line (with markers) per language.

    Input: ``helpers.russian_compare.cited_years_by_language`` output.
    """
    ax = ax if ax is not None else plt.gca()
    if data.empty:
        return nothing_to_show(ax, "no cited date that happened")
    colours = language_colours(dict.fromkeys(data.language))
    years = range(int(data.year.min()), int(data.year.max()) + 1)
    for lang, rows in data.groupby("language", sort=False):
        n = rows.set_index("year").n.reindex(years, fill_value=0)
        ax.plot(list(years), n.to_numpy(), color=colours[lang], linewidth=0.8,
                label=language_label(lang))  # fmt: skip
        ax.plot(rows.year, rows.n, color=colours[lang], marker="o", markersize=2.5, linestyle="")
    ax.set_xlabel("year cited")
    ax.set_ylabel("dated expressions")
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True, nbins=6))
    ax.yaxis.set_major_locator(plt.MaxNLocator(integer=True))
    _legend_above(ax, data.language.nunique())
    if title:
        ax.set_title(title, loc="left")
    return ax


def plot_attention_by_language(
    data: pd.DataFrame, *, pair: str, title: str | None = None, ax: plt.Axes | None = None
) -> plt.Axes:
    """The first actor's share of a pair per publication period, one line per language; a
    marker's area is the number of mentions it rests on.

    Input: ``helpers.russian_compare.attention_by_language`` output; ``pair``: which pair
    ("NATO vs CSTO").
    """
    ax = ax if ax is not None else plt.gca()
    rows = data[data.pair == pair] if not data.empty else data
    if rows.empty:
        return nothing_to_show(ax, f"no dated article names {pair.replace(' vs ', ' or ')}")
    colours = language_colours(dict.fromkeys(rows.language))
    for lang, g in rows.groupby("language", sort=False):
        xs = _period_x(g.period)
        most = max(1, int((rows.n_first + rows.n_second).max()))
        size = 6 + 40 * np.sqrt((g.n_first + g.n_second).to_numpy() / most)
        ax.plot(xs, g.share, color=colours[lang], linewidth=0.8, label=language_label(lang))
        ax.scatter(xs, g.share, s=size, color=colours[lang], zorder=3)
    ax.axhline(0.5, color=AXIS_GREY, linewidth=0.5, linestyle=":")
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True, nbins=6))
    ax.set_ylim(-0.05, 1.05)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    first = pair.split(" vs ")[0]
    ax.set_ylabel(f"{first}'s share of {pair.replace(' vs ', ' + ')}")
    ax.set_xlabel("publication year")
    _legend_above(ax, rows.language.nunique())
    if title:
        ax.set_title(title, loc="left")
    return ax


def plot_dates_and_attention_by_language(
    cited: pd.DataFrame,
    *,
    attention: pd.DataFrame,
    pair: str,
    titles: tuple[str, str] = ("Dates cited", "Attention"),
    axes: np.ndarray | None = None,
) -> np.ndarray:
    """Chapter 04's two panels by language: ``plot_cited_years_by_language(cited)`` on the
    first Axes, ``plot_attention_by_language(attention, pair=pair)`` on the second, titled
    ``titles`` (one plot call, so ``helpers.figures.draw`` can keep the figure).

    Input: ``cited_years_by_language`` and ``attention_by_language`` output. ``axes``: two
    Axes; None: two side by side on the current figure.
    """
    axes = axes if axes is not None else plt.gcf().subplots(1, 2)
    plot_cited_years_by_language(cited, title=titles[0], ax=axes[0])
    plot_attention_by_language(attention, pair=pair, title=titles[1], ax=axes[1])
    return axes
