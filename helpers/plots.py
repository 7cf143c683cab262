"""Plots shared by the notebooks. Each draws on an axes it is given and returns it."""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd

from helpers.corpus import METADATA_REASONS

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
             "#000000"]  # fmt: skip
KEPT_COLOUR = "#4D4D4D"


def article_labels(articles: pd.DataFrame) -> pd.Series:
    """Short labels for plots: the file's number and its outlet or author, by ``doc_id``."""
    source = article_sources(articles).to_numpy()
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


# One colour per main actor, the same in every figure of every notebook.
ACTOR_COLOURS = {
    "NATO": "#0072B2",
    "United States": "#56B4E9",
    "CSTO": "#D55E00",
    "Russia": "#E69F00",
    "China": "#009E73",
    "SCO": "#F0E442",
    "Kyrgyzstan": "#CC79A7",
}
OTHER_COLOUR = "#7F7F7F"


def actor_colour(actor: str) -> str:
    """The actor's fixed colour, grey for actors without one."""
    return ACTOR_COLOURS.get(actor, OTHER_COLOUR)


def plot_heatmap(grid: pd.DataFrame, ax: plt.Axes, fmt: str = "{:.1f}", cmap: str = "Blues"):
    """A labelled heatmap of a rows × columns table, each cell annotated with its value."""
    values = grid.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0)
    ax.set_xticks(range(grid.shape[1]), grid.columns, rotation=35, ha="right")
    ax.set_yticks(range(grid.shape[0]), grid.index)
    top = values.max() if values.size else 0
    for (i, j), v in np.ndenumerate(values):
        if v > 0:
            colour = "white" if v > 0.6 * top else "black"
            ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=6, color=colour)
    ax.spines[:].set_visible(False)
    ax.tick_params(length=0)
    return image


def plot_network(edges: pd.DataFrame, sizes: pd.Series, ax: plt.Axes) -> nx.Graph:
    """Actors as nodes (area ~ mentions), shared sentences as edges (width ~ count).

    Input: ``edges`` with ``actor_a``, ``actor_b``, ``n``; ``sizes`` mentions by actor.
    The layout is Kamada-Kawai (deterministic); labels are moved apart with adjustText.
    """
    from adjustText import adjust_text

    graph = nx.Graph()
    graph.add_nodes_from(sorted(sizes.index))
    graph.add_weighted_edges_from(edges[["actor_a", "actor_b", "n"]].itertuples(index=False))
    pos = nx.kamada_kawai_layout(graph)
    widths = [0.4 + 1.6 * d["weight"] / edges.n.max() for *_, d in graph.edges(data=True)]
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color="#9E9E9E", alpha=0.7)
    nodes = list(graph.nodes)
    nx.draw_networkx_nodes(graph, pos, ax=ax, nodelist=nodes,
                           node_size=[12 + 300 * sizes[a] / sizes.max() for a in nodes],
                           node_color=[actor_colour(a) for a in nodes], edgecolors="#333333",
                           linewidths=0.4)  # fmt: skip
    texts = [ax.text(*pos[a], a, fontsize=6.5, ha="center", va="center") for a in nodes]
    adjust_text(texts, ax=ax, expand=(1.3, 1.5))
    ax.set_axis_off()
    return graph


def plot_xray(
    mentions: pd.DataFrame, articles: pd.DataFrame, actors: list[str], ax: plt.Axes
) -> plt.Axes:
    """Lexical dispersion: where in each article (0 = start, 1 = end) each actor is named.

    One band per article (in the order of ``articles``), one line of ticks per actor.
    """
    lengths = articles.set_index("doc_id").text.str.len()
    labels = article_labels(articles)
    step = 1 / (len(actors) + 1)
    for row, doc_id in enumerate(articles.doc_id):
        for k, actor in enumerate(actors):
            hits = mentions[(mentions.doc_id == doc_id) & (mentions.actor == actor)]
            y = row + (k + 1) * step - 0.5
            ax.scatter(hits.start / lengths[doc_id], [y] * len(hits), marker="|", s=40,
                       linewidths=1.0, color=actor_colour(actor),
                       label=actor if row == 0 else None)  # fmt: skip
    for row in range(len(articles) - 1):
        ax.axhline(row + 0.5, color="#DDDDDD", linewidth=0.5)
    ax.set_yticks(range(len(articles)), labels[articles.doc_id].tolist())
    ax.set_ylim(len(articles) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article's clean text (0 = start, 1 = end)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), markerscale=1.2)
    return ax


def article_sources(articles: pd.DataFrame) -> pd.Series:
    """The source of each article: its outlet where known, else its author, by ``doc_id``."""
    source = articles.outlet.fillna(articles.author).fillna("unknown source")
    return pd.Series(source.to_numpy(), index=articles.doc_id)


def plot_publication_timeline(bounds: pd.DataFrame, sources: pd.Series, ax: plt.Axes):
    """Articles on a time axis, one row per source; an undated article is an open interval
    from its lower bound (the latest date its text mentions) to the right edge.

    Input: ``publication_bounds`` output (``doc_id``, ``published``, ``lower_bound``).
    """
    rows = {s: k for k, s in enumerate(sorted(set(sources[bounds.doc_id])))}
    right = max(bounds.published.max(), bounds.lower_bound.max()) + pd.Timedelta(days=500)
    for b in bounds.itertuples():
        y = rows[sources[b.doc_id]]
        number = b.doc_id.split("_")[0]
        if pd.notna(b.published):
            ax.plot(b.published, y, "o", color=OKABE_ITO[0], markersize=5)
            ax.annotate(number, (b.published, y), xytext=(0, 6), textcoords="offset points",
                        ha="center", fontsize=6.5)  # fmt: skip
        elif pd.notna(b.lower_bound):
            ax.annotate(
                "",
                xy=(right, y),
                xytext=(b.lower_bound, y),
                arrowprops={"arrowstyle": "->", "linestyle": "--", "color": OKABE_ITO[3]},
            )
            ax.plot(b.lower_bound, y, "o", mfc="white", color=OKABE_ITO[3], markersize=5)
            ax.annotate(f"{number}: undated, on or after {b.lower_bound:%d %b %Y}",
                        (b.lower_bound, y), xytext=(0, 6), textcoords="offset points",
                        fontsize=6.5)  # fmt: skip
    ax.set_yticks(list(rows.values()), list(rows))
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlim(right=right)
    return ax


def plot_events(events: pd.DataFrame, ax: plt.Axes) -> plt.Axes:
    """Dated expressions, one row each in date order: a dot for a day, a bar for a month,
    a year or a range; labelled with ``label`` and coloured by ``actor``.

    Input: one row per event with ``date_start``, ``date_end``, ``label`` and ``actor``.
    """
    events = events.sort_values(["date_start", "date_end"], ignore_index=True)
    start, end = pd.to_datetime(events.date_start), pd.to_datetime(events.date_end)
    span = (end.max() - start.min()) or pd.Timedelta(days=1)
    middle = start.min() + span / 2
    for k, e in events.iterrows():
        colour = OTHER_COLOUR if pd.isna(e.actor) else actor_colour(e.actor)
        if end[k] > start[k]:
            ax.plot([start[k], end[k] + pd.Timedelta(days=1)], [k, k], color=colour, linewidth=3,
                    solid_capstyle="butt")  # fmt: skip
        ax.plot(start[k], k, "o", color=colour, markersize=3.5)
        left = start[k] > middle
        ax.annotate(e.label, (start[k] if left else end[k], k), xytext=(-4 if left else 4, 0),
                    textcoords="offset points", va="center", ha="right" if left else "left",
                    fontsize=6)  # fmt: skip
    ax.set_yticks([])
    ax.set_ylim(len(events) - 0.4, -0.6)
    ax.spines["left"].set_visible(False)
    return ax
