"""Plots shared by the notebooks, in one shape (seaborn's):

    plot_x(data, *, <keyword-only options>, ax=None) -> Axes

``ax`` None draws on ``plt.gca()``; the Axes drawn on is always returned (a plot of several
panels takes ``axes`` and returns them). An empty ``data`` draws a one-line "Nothing to show"
note instead, so a notebook cell needs no guard. Colours, greys and text sizes are
``helpers.style``'s; which row each article is drawn in is ``helpers.views``'s.

Statistical plots are seaborn's, in the paper style (no seaborn theme is set); matplotlib
draws only what seaborn has no plot for: network, timeline spans, labelled keyness scatter.

Every per-article view has a design for any corpus size: up to ``MAX_ROWS`` articles it
draws one row (or panel) per article; above that ``display_rows`` pools the articles into
their groups (outlet or author, else subfolder), the largest ``MAX_ROWS - 1`` of them shown
and the rest pooled as one row, and the dispersion plots turn into densities.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest.mock import patch

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import seaborn as sns

from helpers.corpus import METADATA_REASONS
from helpers.layout import PAGE_HEIGHT_MM, place_labels, solve_layout
from helpers.stats import group_sizes
from helpers.style import (
    ACTOR_COLOURS,
    ANNOTATION_PT,
    AXIS_GREY,
    CELL_PT,
    EDGE_GREY,
    FOCUS_COLOUR,
    KEPT_GREY,
    LINK_GREY,
    NOTE_GREY,
    NOTE_PT,
    OKABE_ITO,
    OTHER_GREY,
    REFERENCE_GREY,
    REST_COLOUR,
    RULE_GREY,
    SMALL_PT,
    SPARE_COLOURS,
    UNATTRIBUTED_GREY,
    actor_colour,
    key_colours,
)

# display_rows, article_sources, MAX_LABELLED: re-exported for code written against helpers.plots
# before they moved to helpers.views (the parallel branches); new code imports helpers.views.
from helpers.views import (  # noqa: F401
    MAX_LABELLED,
    MAX_ROWS,
    article_labels,
    article_sources,
    display_rows,
    is_per_article,
    similarity_panels,
)

MAX_ANNOTATED = 12  # heatmap columns up to which each cell carries its number
MAX_TICK_LABELS = 30  # matrix rows/columns up to which each one is labelled


def fit_height(n_rows: int, per_row_mm: float, extra_mm: float, min_mm: float = 35) -> float:
    """A figure height for ``n_rows`` rows, at least ``min_mm`` and never taller than a page."""
    return float(min(PAGE_HEIGHT_MM, max(min_mm, extra_mm + per_row_mm * n_rows)))


def dispersion_height(articles: pd.DataFrame) -> float:
    """The height of a dispersion figure (``plot_dispersion``, ``plot_xray``): a band per
    article up to ``MAX_ROWS`` articles, else a fixed 60 mm for the density lines."""
    return fit_height(len(articles), 10, 25, 60) if len(articles) <= MAX_ROWS else 60


def publication_height(bounds: pd.DataFrame, sources: pd.Series) -> float:
    """The height of ``plot_publication_timeline``: a row per source, or 60 mm for counts."""
    return fit_height(sources.nunique(), 8, 25, 45) if len(bounds) <= MAX_ROWS else 60


def plot_words_kept_removed(
    words: pd.DataFrame, *, rows: pd.Series, ax: plt.Axes | None = None
) -> plt.Axes:
    """Stacked horizontal bars: words kept in ``text`` and words removed, by reason, titled
    per article or per source.

    Input: one row per ``doc_id`` and ``part`` ("kept" or a removal reason) with ``words``;
    ``rows`` (``display_rows``) says which bar each article adds to. Metadata lines (title,
    byline, date, ...) are drawn as one part, to keep colours few.
    """
    ax = ax or plt.gca()
    if words.empty:
        return nothing_to_show(ax, "no article was read")
    parts = words.part.where(~words.part.isin(METADATA_REASONS), "metadata lines")
    long = words.assign(part=parts, row=words.doc_id.map(rows))
    removed = long[long.part.ne("kept")].groupby("part").words.sum()
    order = ["kept", *removed.sort_values(ascending=False, kind="stable").index]
    palette = dict(zip(order, [KEPT_GREY, *(OKABE_ITO * 3)], strict=False))
    # seaborn stacks the last hue level first: reversed, "kept" starts at zero, the largest
    # reason next to it; the legend lists them in that order.
    sns.histplot(long, y="row", hue="part", weights="words", hue_order=order[::-1],
                 palette=palette, multiple="stack", discrete=True, shrink=0.7, alpha=1,
                 linewidth=0, ax=ax)  # fmt: skip
    handles = ax.get_legend().legend_handles[::-1]
    ax.legend(handles, order, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set(xlabel="words in the files as collected", ylabel="")
    ax.set_title("Words kept in the clean text and removed by cleaning, "
                 + ("per article" if is_per_article(rows) else "per source"))  # fmt: skip
    return ax


@contextmanager
def _tick_check_skipped() -> Iterator[None]:
    """While seaborn draws a heatmap: no drawing for its check of overlapping tick labels.

    ``sns.heatmap`` draws the whole figure (``canvas.draw``) only so that tick labels have
    extents to compare, then turns overlapping ones upright or level; ``plot_heatmap`` sets
    both axes' rotations itself right after, so the check decides nothing and its drawing (a
    layout solve of the whole figure per heatmap) was wasted.
    """
    import seaborn.matrix

    with patch.object(seaborn.matrix, "_draw_figure", solve_layout):
        yield


def plot_heatmap(
    grid: pd.DataFrame,
    *,
    fmt: str = "{:.1f}",
    cmap: str = "Blues",
    vmax: float | None = None,
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """A heatmap of a rows × columns table, colour scale 0 to ``vmax`` (default: the grid's
    maximum; one value for panels sharing a colour bar), NaN cells blank. Non-zero cells carry
    their value up to ``MAX_ANNOTATED`` columns; rows and columns are labelled up to
    ``MAX_TICK_LABELS``, many column labels upright in 6 pt. The mesh, for a colour bar, is
    ``ax.collections[-1]``."""
    ax = ax or plt.gca()
    if grid.empty:
        return nothing_to_show(ax, "an empty table")
    values = grid.to_numpy(dtype=float)
    top = vmax if vmax is not None else (np.nanmax(values) if np.isfinite(values).any() else 1)
    many = grid.shape[1] > MAX_ANNOTATED
    labelled = grid.shape[0] <= MAX_TICK_LABELS
    text = np.vectorize(fmt.format, otypes=[str])(values) if values.size else values.astype(str)
    annot = np.where(values > 0, text, "") if labelled and not many else False
    with _tick_check_skipped():
        sns.heatmap(grid, ax=ax, cmap=cmap, vmin=0, vmax=top, cbar=False, annot=annot, fmt="",
                    annot_kws={"fontsize": CELL_PT}, xticklabels=grid.shape[1] <= MAX_TICK_LABELS,
                    yticklabels=labelled, rasterized=max(grid.shape) > 200)  # fmt: skip
    ax.set(xlabel="", ylabel="")
    small = {"fontsize": SMALL_PT} if many else {}
    plt.setp(ax.get_xticklabels(), rotation=90 if many else 35, ha="center" if many else "right",
             **small)  # fmt: skip
    many_rows = {"fontsize": SMALL_PT} if grid.shape[0] > 20 else {}
    plt.setp(ax.get_yticklabels(), rotation=0, **many_rows)
    ax.tick_params(length=0)
    return ax


def plot_heatmaps(
    grids: dict[str, pd.DataFrame],
    *,
    label: str,
    fmt: str = "{:.1f}",
    axes: np.ndarray | None = None,
) -> np.ndarray:
    """Heatmaps side by side on one colour scale (0 to the largest cell of any), one per
    ``grids`` entry (title → rows × columns table), with one colour bar labelled ``label``.

    Input: a mapping of tables (one per panel), not one table: the panels share a scale.
    Every table empty: each panel says there is nothing to show.
    """
    axes = np.atleast_1d(axes if axes is not None else plt.gca())
    if all(grid.empty for grid in grids.values()):
        for ax in axes:
            nothing_to_show(ax, "nothing was counted")
        return axes
    vmax = max(grid.to_numpy().max() for grid in grids.values() if not grid.empty)
    for ax, (title, grid) in zip(axes, grids.items(), strict=True):
        plot_heatmap(grid, fmt=fmt, vmax=vmax, ax=ax)
        ax.set_title(title)
    axes[0].figure.colorbar(axes[-1].collections[-1], ax=axes, shrink=0.6, label=label)
    return axes


def plot_network(edges: pd.DataFrame, *, sizes: pd.Series, ax: plt.Axes | None = None) -> plt.Axes:
    """Actors as nodes (area ~ mentions), shared sentences as edges (width ~ count).

    Input: ``edges`` with ``actor_a``, ``actor_b``, ``n``; ``sizes`` mentions by actor (its
    index: the nodes drawn; actors never named together are nodes without edges).
    The layout is Kamada-Kawai (deterministic), rounded so that last-digit differences in
    floating point between machines cannot move a node; labels go to the nearest free spot
    (``helpers.layout.place_labels``), the most mentioned actor first.
    """
    ax = ax or plt.gca()
    if sizes.empty:
        return nothing_to_show(ax, "no actor is named")
    graph = nx.Graph()
    graph.add_nodes_from(sorted(sizes.index))
    graph.add_weighted_edges_from(edges[["actor_a", "actor_b", "n"]].itertuples(index=False))
    pos = {a: np.round(xy, 3) for a, xy in nx.kamada_kawai_layout(graph).items()}
    most = edges.n.max() if len(edges) else 1
    widths = [0.4 + 1.6 * d["weight"] / most for *_, d in graph.edges(data=True)]
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color=LINK_GREY, alpha=0.7)
    nodes = list(graph.nodes)
    area = {a: 12 + 300 * sizes[a] / sizes.max() for a in nodes}  # points², as scatter's s
    nx.draw_networkx_nodes(graph, pos, ax=ax, nodelist=nodes,
                           node_size=[area[a] for a in nodes],
                           node_color=[actor_colour(a) for a in nodes], edgecolors=EDGE_GREY,
                           linewidths=0.4)  # fmt: skip
    ax.margins(0.18)
    ax.set_axis_off()
    order = sorted(nodes, key=lambda a: (-sizes[a], a))
    place_labels(
        ax,
        [pos[a][0] for a in order],
        [pos[a][1] for a in order],
        order,
        radii=[np.sqrt(area[a]) / 2 for a in order],
    )
    return ax


def plot_dispersion(
    hits: pd.DataFrame,
    *,
    articles: pd.DataFrame,
    keys: list[str],
    colours: dict[str, str] | None = None,
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """Lexical dispersion ("x-ray"): where in each article (0 = start, 1 = end) each key occurs.

    Input: ``hits`` with ``doc_id``, ``key`` and ``relative`` position. Up to ``MAX_ROWS``
    articles: one band per article (in the order of ``articles``), one line of ticks per key.
    More: one density line per key (share of its occurrences in each tenth of the articles),
    since hundreds of bands cannot be read.
    """
    ax = ax or plt.gca()
    if articles.empty or hits.empty:
        return nothing_to_show(ax, "none of the keys occurs")
    palette = colours or key_colours(keys)
    if len(articles) > MAX_ROWS:
        return _plot_position_density(hits, keys, ax, palette)
    order = article_labels(articles)[articles.doc_id].tolist()
    present = set(hits.key)  # once: a comprehension's condition is evaluated per key
    drawn = [k for k in keys if k in present]  # nothing to draw, nothing in the legend
    part = hits[hits.key.isin(drawn)]
    if drawn:  # one band per article, one line of ticks per key within it (dodge)
        sns.stripplot(x=part.relative, y=part.doc_id.map(dict(zip(articles.doc_id, order,
                      strict=True))), order=order, hue=part.key, hue_order=drawn,
                      palette={k: palette.get(k, OTHER_GREY) for k in drawn}, dodge=True,
                      jitter=False, marker="|", size=6.3, linewidth=1.0, ax=ax)  # fmt: skip
        sns.move_legend(ax, "upper left", bbox_to_anchor=(1.0, 1.0), title=None)
    for row in range(len(articles) - 1):
        ax.axhline(row + 0.5, color=RULE_GREY, linewidth=0.5)
    ax.set_yticks(range(len(articles)), order)
    ax.set(ylim=(len(articles) - 0.5, -0.5), xlim=(0, 1), ylabel="")
    ax.set_xlabel("position in the article's clean text (0 = start, 1 = end)")
    return ax


def _plot_position_density(hits, keys, ax, palette) -> plt.Axes:
    part = hits[hits.key.isin(keys)].assign(relative=hits.relative.clip(0, 1))
    n = part.key.value_counts()
    names = {k: f"{k} ({n[k]:,})" for k in keys if k in n.index}
    if names:  # a share of each key's own occurrences (common_norm=False) in each tenth
        sns.histplot(x=part.relative, hue=part.key.map(names), hue_order=list(names.values()),
                     palette={names[k]: palette.get(k, OTHER_GREY) for k in names},
                     bins=np.linspace(0, 1, 11), stat="probability", common_norm=False,
                     element="poly", fill=False, marker="o", markersize=3, linewidth=1.2,
                     ax=ax)  # fmt: skip
        sns.move_legend(ax, "upper left", bbox_to_anchor=(1.0, 1.0), title=None)
    ax.axhline(0.1, color=REFERENCE_GREY, linewidth=0.6, linestyle=":")
    ax.set_xlim(0, 1)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("position in the article's clean text (0 = start, 1 = end)")
    ax.set_ylabel("share of occurrences per tenth")
    return ax


def plot_xray(
    mentions: pd.DataFrame,
    *,
    articles: pd.DataFrame,
    actors: list[str] | None = None,
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """Actor mentions as a dispersion plot, positions by character offset in ``text``.

    ``actors`` None: the six with most agentive mentions (``role`` "agentive"; ties by name);
    actors never mentioned are left out."""
    ax = ax or plt.gca()
    if mentions.empty:
        return nothing_to_show(ax, "no actor of the gazetteer is named")
    if actors is None:
        acting = mentions[mentions.role.eq("agentive")] if "role" in mentions else mentions
        most = acting.actor.value_counts().sort_index().sort_values(ascending=False, kind="stable")
        actors = most.index[:6].tolist()
    # once, not per actor, and from the distinct names: a set of every row's string took
    # 0.1 s at 2,000 articles, the distinct ones 3 ms
    named = set(mentions.actor.unique())
    actors = [a for a in actors if a in named]
    lengths = articles.set_index("doc_id").text.str.len()
    hits = mentions.assign(key=mentions.actor,
                           relative=mentions.start / mentions.doc_id.map(lengths))  # fmt: skip
    return plot_dispersion(hits, articles=articles, keys=actors, colours=key_colours(actors),
                           ax=ax)  # fmt: skip


def plot_keyness(
    table: pd.DataFrame,
    *,
    n_label: int = 10,
    names: tuple[str, str] = ("focus", "rest"),
    title: str = "",
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """A Fightin' Words plot: total frequency (log scale) against the log-odds z-score; the
    ``n_label`` most distinctive terms on each side are labelled (``place_labels``, the most
    distinctive first).

    Input: ``helpers.stats.keyness`` output.
    """
    ax = ax or plt.gca()
    if table.empty:
        return nothing_to_show(ax, "no term to compare")
    total = table.n_focus + table.n_rest
    top = pd.concat([table.nlargest(n_label, "z"), table.nsmallest(n_label, "z")])
    top = top[~top.term.duplicated()]
    ax.scatter(total, table.z, s=4, color=REFERENCE_GREY, linewidths=0,
               rasterized=len(table) > 5000)  # fmt: skip
    for side, colour, name in [
        (top.z > 0, FOCUS_COLOUR, names[0]),
        (top.z < 0, REST_COLOUR, names[1]),
    ]:
        part = top[side]
        ax.scatter(part.n_focus + part.n_rest, part.z, s=9, color=colour, label=f"more in {name}")
    ax.set_xscale("log")
    ax.axhline(0, color=AXIS_GREY, linewidth=0.5)
    for bound in (-1.96, 1.96):
        ax.axhline(bound, color=AXIS_GREY, linewidth=0.5, linestyle=":")
    ax.set_xlabel("frequency in the whole corpus (log scale)")
    ax.set_ylabel("z-score of the log-odds ratio")
    ax.legend(loc="upper left")
    ax.set_title(title)  # before the labels: a title added later would move the points
    ax.margins(x=0.08, y=0.1)
    order = top.assign(strength=top.z.abs()).sort_values(["strength", "term"],
                                                         ascending=[False, True])  # fmt: skip
    place_labels(ax, (order.n_focus + order.n_rest).tolist(), order.z.tolist(),
                 order.term.tolist())  # fmt: skip
    return ax


def plot_top_terms(
    counts: pd.DataFrame, *, rows: pd.Series, k: int = 10, axes: np.ndarray | None = None
) -> np.ndarray:
    """Small multiples: the ``k`` most frequent terms of each row (per 1,000 counted terms),
    one shared x label.

    Input: term counts (``doc_id``, ``term``, ``n``) and ``display_rows`` output (an article
    or a group of articles per panel, in its order); one axes per panel (any shape).
    """
    axes = np.atleast_1d(axes if axes is not None else plt.gca())
    flat = axes.ravel()
    if counts.empty:
        nothing_to_show(flat[0], "no term was counted")
        for ax in flat[1:]:
            ax.set_visible(False)
        return axes
    pooled = counts.assign(row=counts.doc_id.map(rows)).groupby(
        ["row", "term"], as_index=False, observed=True).n.sum()  # fmt: skip
    rate = 1000 * pooled.n / pooled.groupby("row", observed=True).n.transform("sum")
    pooled = pooled.assign(per_1000_terms=rate).sort_values(["per_1000_terms", "term"],
                                                            ascending=[False, True])  # fmt: skip
    panels = list(rows.cat.categories)
    for ax, row in zip(flat, panels, strict=False):
        top = pooled[pooled.row == row].head(k)
        sns.barplot(top, x="per_1000_terms", y="term", color=OKABE_ITO[0], saturation=1,
                    width=0.7, ax=ax)  # fmt: skip
        ax.set(xlabel="", ylabel="")
        ax.set_title(row, fontsize=ANNOTATION_PT)
    for ax in flat[len(panels) :]:
        ax.set_visible(False)
    flat[0].figure.supxlabel("occurrences per 1,000 counted terms", fontsize=ANNOTATION_PT)
    return axes


def plot_publication_timeline(
    bounds: pd.DataFrame, *, sources: pd.Series, ax: plt.Axes | None = None
) -> plt.Axes:
    """Articles on a time axis, one row per source, titled; an undated article is an open
    interval from its lower bound (the latest date its text mentions) to the right edge.

    Input: ``publication_bounds`` output (``doc_id``, ``published``, ``lower_bound``). Above
    ``MAX_ROWS`` articles this is ``plot_publication_counts`` instead.
    """
    ax = ax or plt.gca()
    if len(bounds) > MAX_ROWS:
        plot_publication_counts(bounds, sources=sources, ax=ax)
        if ax.axison:
            ax.set_title("Dated articles by source")
        return ax
    rows = {s: k for k, s in enumerate(sorted(set(sources[bounds.doc_id])))}
    known = pd.concat([bounds.published, bounds.lower_bound]).dropna()
    if known.empty:
        return nothing_to_show(ax, "no article and no text states a date")
    colour, undated_colour = OKABE_ITO[0], OKABE_ITO[3]
    right = known.max() + pd.Timedelta(days=500)
    for b in bounds.itertuples():
        y = rows[sources[b.doc_id]]
        number = b.doc_id.split("_")[0]
        if pd.notna(b.published):
            ax.plot(b.published, y, "o", color=colour, markersize=5)
            ax.annotate(number, (b.published, y), xytext=(0, 6), textcoords="offset points",
                        ha="center", fontsize=ANNOTATION_PT)  # fmt: skip
        elif pd.notna(b.lower_bound):
            ax.annotate(
                "",
                xy=(right, y),
                xytext=(b.lower_bound, y),
                arrowprops={"arrowstyle": "->", "linestyle": "--", "color": undated_colour},
            )
            ax.plot(b.lower_bound, y, "o", mfc="white", color=undated_colour, markersize=5)
            ax.annotate(f"{number}: undated, on or after {b.lower_bound:%d %b %Y}",
                        (b.lower_bound, y), xytext=(0, 6), textcoords="offset points",
                        fontsize=ANNOTATION_PT)  # fmt: skip
    ax.set_yticks(list(rows.values()), list(rows))
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlim(right=right)
    ax.set_title("Publication dates by source (an open circle and arrow: undated, on or after)")
    return ax


def nothing_to_show(ax: plt.Axes, why: str) -> plt.Axes:
    """The one-line note an empty plot draws instead of axes ("Nothing to show: why.")."""
    ax.text(0.5, 0.5, f"Nothing to show: {why}.", ha="center", va="center",
            transform=ax.transAxes, fontsize=NOTE_PT, color=NOTE_GREY)  # fmt: skip
    ax.set_axis_off()
    return ax


def _period_bins(dates: pd.Series) -> tuple[pd.Series, str]:
    """Each date's bin: its year, or its month where all dates fall within three years."""
    dates = pd.to_datetime(dates)
    if (dates.max() - dates.min()) < pd.Timedelta(days=3 * 365):
        return dates.dt.to_period("M").dt.to_timestamp(), "month"
    return dates.dt.to_period("Y").dt.to_timestamp(), "year"


def _top_sources(sources: pd.Series, n: int = 6) -> pd.Series:
    counts = group_sizes(sources)
    keep = set(counts.index[:n]) if len(counts) > n + 1 else set(counts.index)
    return sources.where(sources.isin(keep), f"{len(counts) - len(keep)} other sources")


def _stacked_counts(dates: pd.Series, groups, colours: dict, ax: plt.Axes) -> str:
    """Counts per year (or month) of ``dates``, stacked by ``groups`` in the order and colours
    of ``colours`` (``seaborn.histplot``); returns the period's name."""
    import matplotlib.dates as mdates

    bins, unit = _period_bins(dates)
    last = bins.max() + (pd.DateOffset(years=1) if unit == "year" else pd.DateOffset(months=1))
    edges = pd.date_range(bins.min(), last, freq="YS" if unit == "year" else "MS")
    sns.histplot(x=mdates.date2num(dates), hue=np.asarray(groups), hue_order=list(colours),
                 palette=colours, bins=mdates.date2num(edges), multiple="stack", shrink=0.82,
                 alpha=1, linewidth=0, ax=ax)  # fmt: skip
    ax.xaxis_date()
    ax.set(xlabel="", ylabel="")
    return unit


def plot_publication_counts(
    bounds: pd.DataFrame, *, sources: pd.Series, ax: plt.Axes | None = None
) -> plt.Axes:
    """Dated articles per year (or per month for a short span), stacked by source (the six
    largest, the rest pooled); undated articles are counted in the legend's title."""
    ax = ax or plt.gca()
    dated = bounds[bounds.published.notna()]
    if dated.empty:
        return nothing_to_show(ax, "no article states its publication date")
    groups = _top_sources(sources[dated.doc_id])
    order = group_sizes(groups).index
    colours = {s: OKABE_ITO[k % len(OKABE_ITO)] for k, s in enumerate(order)}
    unit = _stacked_counts(dated.published, groups, colours, ax)
    ax.set_ylabel(f"articles per {unit}")
    undated = len(bounds) - len(dated)
    sns.move_legend(ax, "upper left", bbox_to_anchor=(1.0, 1.0),
                    title=f"{undated:,} undated not shown" if undated else None)  # fmt: skip
    return ax


MAX_EVENTS = 40  # dated expressions drawn one row each; above, counts per period


# How the event figure draws what the text reports: (line style, marker, filled marker).
MODALITY_STYLE = {"past": ("-", "o", True), "ongoing": ("-", "o", True),
                  "planned": ("--", "o", False), "cancelled": (":", "X", True)}  # fmt: skip


def _point(events: pd.DataFrame) -> pd.Series:
    """Where an event sits on the time axis: its start, or its end when the start is open."""
    return pd.to_datetime(events.date_start.where(events.date_start.notna(), events.date_end))


def plot_events(events: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Dated expressions, one row each in date order: a dot for a day, a bar for a month,
    a year or a range, an arrow for an open bound ("since 2014", "before 2010") running to the
    edge; labelled with ``label`` and coloured by ``actor``. Planned events are drawn hollow
    and dashed, cancelled ones with a cross and dotted (``MODALITY_STYLE``).

    Input: one row per event with ``date_start``, ``date_end`` (either may be missing: an open
    bound), ``modality``, ``label`` and ``actor``. Above ``MAX_EVENTS`` rows this is
    ``plot_event_counts`` instead.
    """
    ax = ax or plt.gca()
    if len(events) > MAX_EVENTS:
        return plot_event_counts(events, ax=ax)
    if _point(events).isna().all():
        return nothing_to_show(ax, "no dated expression")
    events = events.assign(_at=_point(events)).sort_values(["_at", "date_end"], ignore_index=True,
                                                           key=_as_time)  # fmt: skip
    start, end = pd.to_datetime(events.date_start), pd.to_datetime(events.date_end)
    known = pd.concat([start, end]).dropna()
    span = (known.max() - known.min()) or pd.Timedelta(days=1)
    left, right = known.min() - span * 0.04, known.max() + span * 0.04
    middle = known.min() + span / 2
    for k, e in events.iterrows():
        colour = OTHER_GREY if pd.isna(e.actor) else actor_colour(e.actor)
        line, marker, filled = MODALITY_STYLE.get(e.get("modality"), MODALITY_STYLE["past"])
        first = left if pd.isna(start[k]) else start[k]
        last = right if pd.isna(end[k]) else end[k] + pd.Timedelta(days=1)
        at = first if pd.notna(start[k]) else end[k]
        across = at <= middle < last  # a long span: its label runs over it, the bar pales
        shade = 0.35 if across else 1.0
        if pd.isna(start[k]) or pd.isna(end[k]):
            tail, head = (last, first) if pd.isna(start[k]) else (first, last)
            arrow = {"arrowstyle": "->", "color": colour, "linewidth": 1.2, "linestyle": line,
                     "alpha": shade}  # fmt: skip
            ax.annotate("", xy=(head, k), xytext=(tail, k), arrowprops=arrow)
        elif last - first > pd.Timedelta(days=1):
            ax.plot([first, last], [k, k], color=colour, linewidth=3, linestyle=line,
                    solid_capstyle="butt", alpha=shade)  # fmt: skip
        ax.plot(at, k, marker, color=colour, markersize=3.5, mfc=colour if filled else "white")
        if at > middle:  # label to the left of the start
            where, dx, ha = at, -4, "right"
        else:  # to the right of the end, or of the start of a long span
            where, dx, ha = (at if across else last), 4, "left"
        ax.annotate(e.label, (where, k), xytext=(dx, 0), textcoords="offset points", va="center",
                    ha=ha, fontsize=ANNOTATION_PT)  # fmt: skip
    _date_ticks(ax, left, right)
    ax.set_yticks([])
    ax.set_ylim(len(events) - 0.4, -0.6)
    ax.set_xlim(left, right)
    ax.spines["left"].set_visible(False)
    return ax


def _date_ticks(ax: plt.Axes, left: pd.Timestamp, right: pd.Timestamp, most: int = 7) -> None:
    """At most ``most`` ticks on whole years (or on months, "Mar 2022", within three years)."""
    years = right.year - left.year
    if years >= 3:
        step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100) if years / s <= most)
        ax.xaxis.set_major_locator(mdates.YearLocator(step))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    else:
        months = max(1, (right.year - left.year) * 12 + right.month - left.month)
        step = next(s for s in (1, 2, 3, 4, 6, 12) if months / s <= most)
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=range(1, 13, step)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))


def _as_time(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column)


def plot_event_counts(events: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Dated expressions of what happened (``modality`` past or ongoing) per year (or month) of
    the date they cite (their start, or their end when the start is open), stacked by the main
    actor of their sentence (grey: none of the main actors). Planned and cancelled events and
    unresolved expressions are left out: attention over time counts what took place."""
    ax = ax or plt.gca()
    if "modality" in events:
        events = events[events.modality.isin(["past", "ongoing"])]
    events = events[_point(events).notna()]
    if events.empty:
        return nothing_to_show(ax, "no dated event that happened")
    actor = events.actor.fillna("none of them")
    present = set(actor)  # once, not per actor
    colours = {a: actor_colour(a) for a in [*ACTOR_COLOURS, "none of them"] if a in present}
    unit = _stacked_counts(_point(events), actor, colours, ax)
    ax.set_ylabel(f"events that happened per {unit} cited")
    sns.move_legend(ax, "upper left", ncols=2, title=None)
    return ax


def plot_attention(
    shares: pd.DataFrame, *, pairs: list[tuple[str, str]], axes: np.ndarray | None = None
) -> np.ndarray:
    """One panel per actor pair: the first actor's share of the pair's mentions over time.

    Input: ``mention_share`` rows with ``pair``, ``published``, ``n_first``, ``n_second``.
    Up to ``MAX_ROWS`` articles one marker per dated article (area ~ its mentions); more,
    the pooled share per year (or month) with its number of articles. No dated article: each
    panel says there is nothing to show.
    """
    axes = np.atleast_1d(axes if axes is not None else plt.gca())
    if shares.empty or shares.published.isna().all():
        for ax in axes:
            nothing_to_show(ax, "no dated article names these actors")
        return axes
    for ax, (a, b) in zip(axes, pairs, strict=True):
        part = shares[(shares.pair == f"{a} vs {b}") & shares.published.notna()]
        if len(part) > MAX_ROWS:
            bins, unit = _period_bins(part.published)
            part = part.groupby(bins.to_numpy()).agg(
                n_first=("n_first", "sum"), n_second=("n_second", "sum"), docs=("doc_id", "size")
            )
            part = part.assign(published=part.index, share=part.n_first / (
                part.n_first + part.n_second))  # fmt: skip
            scale = 60 / max(1, (part.n_first + part.n_second).max())
            sns.lineplot(part, x="published", y="share", color=ACTOR_COLOURS[a], linewidth=0.8,
                         estimator=None, errorbar=None, ax=ax)  # fmt: skip
            ax.set_title(f"{a}'s share of {a} + {b} mentions\npooled per {unit}")
        else:
            scale = 4
            ax.set_title(f"{a}'s share of {a} + {b} mentions\nper dated article")
        total = part.n_first + part.n_second
        most = max(1, total.max()) if len(part) else 1  # marker area: scale × mentions
        sns.scatterplot(x=part.published, y=part.share, size=total, sizes=(0, scale * most),
                        size_norm=(0, most), color=ACTOR_COLOURS[a], edgecolor=EDGE_GREY,
                        linewidth=0.4, zorder=3, legend=False, ax=ax)  # fmt: skip
        ax.axhline(0.5, color=REFERENCE_GREY, linewidth=0.6, linestyle=":")
        ax.set(ylim=(-0.05, 1.05), xlabel="", ylabel="")
    axes[0].set_ylabel("share")
    return axes


def plot_shares(
    shares: pd.DataFrame, *, names: tuple[str, str], ax: plt.Axes | None = None
) -> plt.Axes:
    """Stacked bars of ``share`` and 1 − ``share`` per group, largest share on top, with the
    table's bootstrap intervals (``low``/``high``) as error bars: seaborn would bootstrap the one
    row per group again. Input: ``helpers.stats.vocabulary_share`` (at most ``MAX_ROWS`` rows).
    The x axis is "share of <first> + <second> vocabulary"."""
    ax = ax or plt.gca()
    if shares.empty:
        return nothing_to_show(ax, f"no {names[0]} or {names[1]} vocabulary")
    order = shares.sort_values(["share", "group"], ascending=[False, True], ignore_index=True)
    for share, name in [(np.ones(len(order)), names[1]), (order.share, names[0])]:
        sns.barplot(x=share, y=order.group, color=actor_colour(name), saturation=1, width=0.6,
                    label=name, ax=ax)  # fmt: skip
    ci = order[order.low.notna()]
    ax.errorbar(ci.share, ci.index, xerr=[ci.share - ci.low, ci.high - ci.share], fmt="none",
                color="black", capsize=2, linewidth=0.8)  # fmt: skip
    ax.set(xlim=(0, 1), xlabel="", ylabel="")
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    ax.set_xlabel(f"share of {names[0]} + {names[1]} vocabulary")
    return ax


def plot_similarity(
    counts: pd.DataFrame, *, articles: pd.DataFrame, axes: np.ndarray | None = None
) -> np.ndarray:
    """Two tf-idf cosine matrices (``helpers.views.similarity_panels``), the diagonal blank, on
    one colour scale with one colour bar: articles (left) and sources (right). Fewer than two
    articles: nothing to show."""
    axes = np.atleast_1d(axes if axes is not None else plt.gca())
    if len(articles) < 2 or counts.empty:
        for ax in axes:
            nothing_to_show(ax, "fewer than two articles, nothing to compare")
        return axes
    by_article, by_group, title = similarity_panels(counts, articles)
    cells = [t for t in (by_article, by_group) if t.notna().any(axis=None)]
    top = max([np.nanmax(t.to_numpy()) for t in cells], default=1)
    plot_heatmap(by_article, fmt="{:.2f}", vmax=top, ax=axes[0])
    axes[0].set_title(title)
    if len(by_group) > 1:
        plot_heatmap(by_group, fmt="{:.2f}", vmax=top, ax=axes[1])
        axes[1].set_title("Sources")
    else:
        nothing_to_show(axes[1], "one source, nothing to compare it with")
    axes[0].figure.colorbar(axes[0].collections[-1], ax=axes, shrink=0.7,
                            label="tf-idf cosine similarity")  # fmt: skip
    return axes


def event_panels(events: pd.DataFrame, zoom_years: int) -> list[tuple[pd.DataFrame, str]]:
    """How the event timeline splits into panels, each with its title. Only expressions with
    a resolved bound are drawn (an undated article's "last week" has no place on the axis).
    Up to ``MAX_EVENTS`` of them: what happened (past or ongoing) in two panels, the earlier
    ones and those of the last ``zoom_years`` calendar years (where events crowd), and apart
    from them what was planned or cancelled. More: one panel counting, per period, the events
    that happened."""
    drawn = events[_point(events).notna()]
    ahead = drawn.modality.isin(["planned", "cancelled"]) if "modality" in drawn else (
        pd.Series(False, index=drawn.index))  # fmt: skip
    if len(drawn) > MAX_EVENTS:
        return [(drawn, f"{(~ahead).sum():,} dated events that happened, by the date they cite")]
    happened = drawn[~ahead]
    at = _point(happened)
    zoom_from = pd.Timestamp(year=(at.max().year if len(at) else 2000) - zoom_years + 1, month=1,
                             day=1)  # fmt: skip
    recent = at >= zoom_from
    panels = [(happened[~recent], "Happened, earlier"),
              (happened[recent], f"Happened, from {zoom_from:%Y}"),
              (drawn[ahead], "Planned or cancelled (hollow: planned; cross: cancelled)"),
              ]  # fmt: skip
    return [(t, f"{title}: {len(t)} dated expressions") for t, title in panels if not t.empty]


def event_layout(events: pd.DataFrame, zoom_years: int) -> dict:
    """The ``figure()`` keywords of the event timeline: a height for its rows (never taller
    than a page) and one panel per ``event_panels`` entry, each as tall as its rows.

    >>> event_layout(pd.DataFrame(columns=["date_start", "date_end"]), 2)["nrows"]
    1
    """
    panels = event_panels(events, zoom_years)
    drawn = sum(len(t) for t, _ in panels)
    height = fit_height(drawn, 3.2, 40, 60) if drawn <= MAX_EVENTS else 70
    ratios = [len(t) + 3 for t, _ in panels] or [1]
    return {"height_mm": height, "nrows": len(ratios), "squeeze": False, "height_ratios": ratios}


def plot_event_timeline(
    events: pd.DataFrame, *, zoom_years: int, axes: np.ndarray | None = None
) -> np.ndarray:
    """The events the articles cite, one ``plot_events`` panel per ``event_panels`` entry
    (titled at the left), with one legend of the main actors' colours above the first.

    Input: ``find_dates`` rows with ``label`` and ``actor`` added. ``axes``: one per panel,
    as ``event_layout`` asks for. No dated expression: nothing to show.
    """
    axes = np.atleast_2d(axes if axes is not None else plt.gca())
    panels = event_panels(events, zoom_years)
    if not panels:
        nothing_to_show(axes[0, 0], "the texts cite no date")
        return axes
    for ax, (table, title) in zip(axes[:, 0], panels, strict=True):
        plot_events(table, ax=ax)
        ax.set_title(title, loc="left")
    if sum(len(t) for t, _ in panels) <= MAX_EVENTS:
        present = set(events.actor)  # once, not per actor
        drawn = [a for a in ACTOR_COLOURS if a in present]
        handles = [plt.Line2D([], [], color=ACTOR_COLOURS[a], marker="o", linestyle="")
                   for a in drawn]  # fmt: skip
        axes[0, 0].legend(handles, drawn, ncols=4, loc="lower left", bbox_to_anchor=(0, 1.08))
    return axes


def plot_keyness_intervals(
    top: pd.DataFrame, *, names: tuple[str, str] = ("focus", "rest"), ax: plt.Axes | None = None
) -> plt.Axes:
    """The log-odds of each term of ``helpers.stats.top_keyness`` with its 95% article-level
    interval, one row per term; a filled marker where the term passes the test (``significant``:
    |z| ≥ 1.96 and the interval excludes zero), a hollow one where it does not. Terms on the
    focus side are drawn in the focus colour, the others in the rest colour.
    """
    ax = ax or plt.gca()
    if top.empty:
        return nothing_to_show(ax, "no term was tested")
    order = top.sort_values(["log_odds", "term"], ascending=[True, True]).reset_index(drop=True)
    y = np.arange(len(order))
    colours = np.where(order.log_odds > 0, FOCUS_COLOUR, REST_COLOUR)
    has = order.low.notna()
    ax.hlines(y[has], order.low[has], order.high[has], color=colours[has], linewidth=1)
    for significant, face in [(True, None), (False, "white")]:
        part = order.significant.eq(significant).to_numpy()
        ax.scatter(order.log_odds[part], y[part], s=14, zorder=3, edgecolors=colours[part],
                   facecolors=colours[part] if face is None else face, linewidths=0.8,
                   label="passes the test" if significant else "does not")  # fmt: skip
    ax.axvline(0, color=AXIS_GREY, linewidth=0.5)
    ax.set_yticks(y, order.term)
    ax.set_xlabel(f"log-odds ratio (> 0: more in {names[0]}; < 0: more in {names[1]})")
    ax.legend(loc="lower right")
    return ax


MAX_OUTLETS = 12  # rows of the speakers figure; smaller outlets share the last one
MAX_SPEAKERS = 6  # actors with a colour of their own; the rest are "other actors"


def plot_speakers(
    data: pd.DataFrame, *, unattributed: str = "unattributed", ax: plt.Axes | None = None
) -> plt.Axes:
    """Who speaks in each outlet: one horizontal bar per outlet, split by the speaking
    actors' shares of its quotes (the ``MAX_SPEAKERS`` actors quoted most overall in colour,
    the rest grey), the number of quotes at the bar's end.

    Input: ``helpers.quotes.count_speakers`` output, whose quotes without an actor carry the
    label ``unattributed``. Beyond ``MAX_OUTLETS`` outlets the smallest share one
    bar. Output: the Axes.
    """
    ax = ax or plt.gca()
    if data.empty:
        return nothing_to_show(ax, "no quote with a speaker")
    sizes = data.groupby("outlet", sort=False).n.sum().sort_values(ascending=False, kind="stable")
    kept = list(sizes.index[: MAX_OUTLETS - 1]) if len(sizes) > MAX_OUTLETS else list(sizes.index)
    rest = len(sizes) - len(kept)
    other_row = f"{rest} other outlets" if rest else None
    rows = data.outlet.where(data.outlet.isin(kept), other_row)
    attributed = data[data.actor != unattributed].groupby("actor").n.sum()
    top = list(attributed.sort_values(ascending=False, kind="stable").index[:MAX_SPEAKERS])
    actors = data.actor.where(data.actor.isin(top) | (data.actor == unattributed), "other actors")
    grid = data.assign(row=rows, group=actors).pivot_table(
        index="row", columns="group", values="n", aggfunc="sum", fill_value=0
    )
    order = [*kept, *([other_row] if rest else [])]
    columns = [c for c in [*top, "other actors", unattributed] if c in grid.columns]
    grid = grid.reindex(index=order, columns=columns, fill_value=0)
    shares = grid.div(grid.sum(axis=1), axis=0)
    spare = iter(SPARE_COLOURS)
    colours = {a: ACTOR_COLOURS.get(a) or next(spare, OTHER_GREY) for a in top}
    colours |= {"other actors": OTHER_GREY, unattributed: UNATTRIBUTED_GREY}
    y = np.arange(len(order))
    left = np.zeros(len(order))
    for actor in columns:
        ax.barh(y, shares[actor].to_numpy(), left=left, color=colours[actor], label=actor,
                height=0.7, edgecolor="white", linewidth=0.4)  # fmt: skip
        left += shares[actor].to_numpy()
    for k, total in enumerate(grid.sum(axis=1)):
        ax.text(1.01, k, f"{int(total):,}", va="center", ha="left", fontsize=ANNOTATION_PT,
                transform=ax.get_yaxis_transform())  # fmt: skip
    ax.set_yticks(y, order)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_xlabel("Share of the outlet's quotes (number of quotes at right)")
    ax.legend(ncols=min(4, len(columns)), loc="upper center", bbox_to_anchor=(0.5, -0.25),
              frameon=False, fontsize=ANNOTATION_PT)  # fmt: skip
    ax.spines[["top", "right"]].set_visible(False)
    return ax
