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
# adjustText stops after 1 s of wall-clock time unless told a number of iterations; a fixed
# count keeps label positions, and so the figure files, identical on every machine.
ADJUST_ITERATIONS = 100
MAX_ANNOTATED = 12


def article_labels(articles: pd.DataFrame) -> pd.Series:
    """Short labels for plots, by ``doc_id``: the file's number ("003_95821…" → "003", or the
    whole doc_id where numbers repeat), its outlet or author, and its year."""
    source = article_sources(articles).to_numpy()
    year = articles.published.dt.year.map(lambda y: "undated" if pd.isna(y) else f"{y:.0f}")
    short = articles.doc_id.str.split("_").str[0]
    short = short if short.is_unique else articles.doc_id
    labels = short + " " + source + ", " + year
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
    """A labelled heatmap of a rows × columns table; each cell is annotated with its value
    while the grid is small enough (at most ``MAX_ANNOTATED`` columns) for the numbers to fit."""
    values = grid.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0)
    ax.set_xticks(range(grid.shape[1]), grid.columns, rotation=35, ha="right")
    ax.set_yticks(range(grid.shape[0]), grid.index)
    top = np.nanmax(values) if np.isfinite(values).any() else 0
    for (i, j), v in np.ndenumerate(values):
        if v > 0 and grid.shape[1] <= MAX_ANNOTATED:
            colour = "white" if v > 0.6 * top else "black"
            ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=7, color=colour)
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
    texts = [ax.text(*pos[a], a, fontsize=7, ha="center", va="center") for a in nodes]
    xs, ys = zip(*(pos[a] for a in nodes), strict=True)
    adjust_text(texts, x=list(xs), y=list(ys), ax=ax, expand=(1.3, 1.5), iter_lim=ADJUST_ITERATIONS,
                arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.4})  # fmt: skip
    ax.set_axis_off()
    return graph


def plot_dispersion(
    hits: pd.DataFrame,
    articles: pd.DataFrame,
    keys: list[str],
    ax: plt.Axes,
    colours: dict[str, str] | None = None,
) -> plt.Axes:
    """Lexical dispersion ("x-ray"): where in each article (0 = start, 1 = end) each key occurs.

    Input: ``hits`` with ``doc_id``, ``key`` and ``relative`` position; one band per article
    (in the order of ``articles``), one line of ticks per key.
    """
    labels = article_labels(articles)
    step = 1 / (len(keys) + 1)
    palette = colours or _key_colours(keys)
    for row, doc_id in enumerate(articles.doc_id):
        for k, key in enumerate(keys):
            part = hits[(hits.doc_id == doc_id) & (hits.key == key)]
            ax.scatter(part.relative, [row + (k + 1) * step - 0.5] * len(part), marker="|", s=40,
                       linewidths=1.0, color=palette.get(key, OTHER_COLOUR),
                       label=key if row == 0 else None)  # fmt: skip
    for row in range(len(articles) - 1):
        ax.axhline(row + 0.5, color="#DDDDDD", linewidth=0.5)
    ax.set_yticks(range(len(articles)), labels[articles.doc_id].tolist())
    ax.set_ylim(len(articles) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article's clean text (0 = start, 1 = end)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), markerscale=1.2)
    return ax


def _key_colours(keys: list[str]) -> dict[str, str]:
    """Actor colours for keys that name an actor ("nato" → NATO's), the rest of the palette
    for the others, so a term and its actor look the same in every figure."""
    by_name = {a.casefold(): c for a, c in ACTOR_COLOURS.items()}
    spare = iter([c for c in OKABE_ITO if c not in by_name.values()] + OKABE_ITO * 2)
    return {k: by_name.get(k.casefold()) or next(spare) for k in keys}


def plot_xray(
    mentions: pd.DataFrame, articles: pd.DataFrame, actors: list[str], ax: plt.Axes
) -> plt.Axes:
    """Actor mentions as a dispersion plot, positions by character offset in ``text``."""
    lengths = articles.set_index("doc_id").text.str.len()
    hits = mentions.assign(key=mentions.actor,
                           relative=mentions.start / mentions.doc_id.map(lengths))  # fmt: skip
    return plot_dispersion(hits, articles, actors, ax, {a: actor_colour(a) for a in actors})


def plot_keyness(
    table: pd.DataFrame, ax: plt.Axes, n_label: int = 10, names: tuple[str, str] = ("focus", "rest")
) -> plt.Axes:
    """A Fightin' Words plot: total frequency (log scale) against the log-odds z-score; the
    ``n_label`` most distinctive terms on each side are labelled, moved apart by adjustText.

    Input: ``helpers.stats.keyness`` output.
    """
    from adjustText import adjust_text

    total = table.n_focus + table.n_rest
    top = pd.concat([table.nlargest(n_label, "z"), table.nsmallest(n_label, "z")])
    ax.scatter(total, table.z, s=4, color="#BBBBBB", linewidths=0)
    for side, colour, name in [
        (top.z > 0, OKABE_ITO[3], names[0]),
        (top.z < 0, OKABE_ITO[0], names[1]),
    ]:
        part = top[side]
        ax.scatter(part.n_focus + part.n_rest, part.z, s=9, color=colour, label=f"more in {name}")
    texts = [
        ax.text(n_f + n_r, z, term, fontsize=7)
        for term, n_f, n_r, z in zip(top.term, top.n_focus, top.n_rest, top.z, strict=True)
    ]
    ax.set_xscale("log")
    ax.axhline(0, color="#999999", linewidth=0.5)
    for bound in (-1.96, 1.96):
        ax.axhline(bound, color="#999999", linewidth=0.5, linestyle=":")
    ax.set_xlabel("frequency in the whole corpus (log scale)")
    ax.set_ylabel("z-score of the log-odds ratio")
    ax.legend(loc="upper left")
    adjust_text(texts, x=(top.n_focus + top.n_rest).tolist(), y=top.z.tolist(), ax=ax,
                expand=(1.4, 1.9), force_text=(0.4, 0.8), iter_lim=ADJUST_ITERATIONS,
                arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.4})  # fmt: skip
    return ax


def plot_top_terms(counts: pd.DataFrame, articles: pd.DataFrame, axes, k: int = 10):
    """Small multiples: the ``k`` most frequent terms of each article (per 1,000 terms).

    Input: ``relative_frequency`` output; one axes per article in the order of ``articles``.
    """
    labels = article_labels(articles)
    for ax, doc_id in zip(axes, articles.doc_id, strict=False):
        top = counts[counts.doc_id == doc_id].nlargest(k, ["per_1000"], keep="first")[::-1]
        ax.barh(top.term, top.per_1000, color=OKABE_ITO[0], height=0.7)
        ax.set_title(labels[doc_id], fontsize=7)
        ax.tick_params(axis="y", labelsize=7)
    for ax in axes[len(articles) :]:
        ax.set_visible(False)
    return axes


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
                        ha="center", fontsize=7)  # fmt: skip
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
                        fontsize=7)  # fmt: skip
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
                    fontsize=7)  # fmt: skip
    ax.set_yticks([])
    ax.set_ylim(len(events) - 0.4, -0.6)
    ax.spines["left"].set_visible(False)
    return ax


def plot_shares(shares: pd.DataFrame, ax: plt.Axes, names: tuple[str, str]) -> plt.Axes:
    """Stacked bars of ``share`` and 1 − ``share`` per group, with bootstrap error bars where
    ``low``/``high`` exist. Input: ``helpers.stats.vocabulary_share`` output."""
    order = shares.sort_values("share")
    colours = [actor_colour(names[0]), actor_colour(names[1])]
    ax.barh(order.group, order.share, color=colours[0], height=0.6, label=names[0])
    ax.barh(order.group, 1 - order.share, left=order.share, color=colours[1], height=0.6,
            label=names[1])  # fmt: skip
    ci = order[order.low.notna()]
    ax.errorbar(ci.share, ci.group, xerr=[ci.share - ci.low, ci.high - ci.share], fmt="none",
                color="black", capsize=2, linewidth=0.8)  # fmt: skip
    ax.set_xlim(0, 1)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    return ax
