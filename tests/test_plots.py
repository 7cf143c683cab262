"""Figures that scale: rows per article or per group, page-sized heights, labels that do not
collide, and the print rules every saved figure must pass."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.figures import new_figure  # noqa: E402
from helpers.layout import PAGE_HEIGHT_MM, overlapping_labels, place_labels, print_problems  # noqa: E402
from helpers.plots import (  # noqa: E402
    MAX_ROWS,
    article_sources,
    display_rows,
    fit_height,
    is_per_article,
    plot_dispersion,
    plot_keyness,
    plot_network,
)


def articles(n, outlets=None, folders=None):
    return pd.DataFrame({
        "doc_id": [f"d{k:03d}" for k in range(n)],
        "outlet": outlets if outlets is not None else [None] * n,
        "author": [None] * n,
        "folder": folders if folders is not None else ["."] * n,
        "published": pd.NaT,
    })  # fmt: skip


def test_small_corpus_gets_one_row_per_article_in_order():
    rows = display_rows(articles(3))
    assert is_per_article(rows)
    assert rows.astype(str).tolist() == ["d000 unknown source, undated",
                                         "d001 unknown source, undated",
                                         "d002 unknown source, undated"]  # fmt: skip


def test_large_corpus_pools_by_source_largest_first_and_the_rest_in_one_row():
    outlets = [f"O{k % 40}" for k in range(400)]  # 40 outlets of 10 articles each
    outlets[:20] = ["Big"] * 20  # one large outlet
    rows = display_rows(articles(400, outlets))
    categories = list(rows.cat.categories)
    assert len(categories) == MAX_ROWS and not is_per_article(rows)
    assert categories[0] == "Big (20 articles)"
    assert categories[-1].startswith("12 other sources")  # 41 sources, 29 drawn
    assert rows.value_counts().sum() == 400  # every article is in exactly one row


def test_folder_is_the_source_when_no_outlet_or_author_is_known():
    frame = articles(3, outlets=["X", None, None], folders=[".", "rail", "."])
    assert article_sources(frame).tolist() == ["X", "rail", "unknown source"]


def test_heights_never_exceed_a_page():
    assert fit_height(5, 5, 20) == 45
    assert fit_height(0, 5, 20, min_mm=35) == 35
    assert fit_height(20_000, 5, 20) == PAGE_HEIGHT_MM


def test_labels_on_a_dense_cloud_do_not_overlap():
    rng = np.random.default_rng(3)
    fig, ax = new_figure("double", 80)
    xs, ys = rng.normal(size=20), rng.normal(size=20)
    ax.scatter(xs, ys)
    place_labels(ax, list(xs), list(ys), [f"term number {k}" for k in range(20)])
    assert overlapping_labels(fig) == []
    plt.close(fig)


def test_labels_take_the_nearest_free_spot():
    # Worked by hand: right of "alpha" lies beta's point, so alpha takes the next candidate,
    # left of its point; right of "beta" is free, so beta takes the first candidate.
    fig, ax = new_figure("single", 60)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    texts = place_labels(ax, [0.3, 0.32], [0.5, 0.5], ["alpha", "beta"])
    assert [t.xyann for t in texts] == [(-6.0, 0.0), (6.0, 0.0)]
    assert overlapping_labels(fig) == []
    plt.close(fig)


def test_keyness_and_network_figures_pass_the_print_rules():
    table = pd.DataFrame({"term": [f"t{k}" for k in range(60)], "n_focus": range(60),
                          "n_rest": range(60, 0, -1)})  # fmt: skip
    table["z"] = np.linspace(4, -4, 60)
    fig, ax = new_figure("double", 80)
    plot_keyness(table, ax, n_label=10)
    assert print_problems(fig) == []
    plt.close(fig)
    edges = pd.DataFrame({"actor_a": ["A", "A", "B"], "actor_b": ["B", "C", "C"], "n": [5, 3, 2]})
    fig, ax = new_figure("single", 80)
    plot_network(edges, pd.Series({"A": 40, "B": 20, "C": 5, "D": 1}), ax)
    assert print_problems(fig) == []
    plt.close(fig)


def test_print_rules_catch_a_tall_figure_and_tiny_text():
    fig, ax = new_figure("double", 400)
    ax.set_title("tiny", fontsize=4)
    problems = print_problems(fig)
    assert any("more than a page" in p for p in problems)
    assert any("below the 6 pt minimum" in p for p in problems)
    plt.close(fig)


def test_dispersion_turns_into_densities_for_many_articles():
    arts = articles(MAX_ROWS + 1)
    hits = pd.DataFrame(
        {"doc_id": arts.doc_id, "key": "nato", "relative": np.linspace(0, 1, len(arts))}
    )
    fig, ax = new_figure("double", 60)
    plot_dispersion(hits, arts, ["nato"], ax)
    assert ax.get_ylabel() == "share of occurrences per tenth"
    assert len(ax.lines) == 2  # the density line and the even-spread reference
    assert np.allclose(ax.lines[0].get_ydata().sum(), 1.0)  # shares of all occurrences
    plt.close(fig)


@pytest.mark.parametrize("n", [1, 2, 31, 500])
def test_rows_cover_every_article(n):
    rows = display_rows(articles(n, outlets=[f"outlet {k % 45}" for k in range(n)]))
    assert len(rows) == n and rows.notna().all()
    assert rows.nunique() == min(n, MAX_ROWS)


def test_print_rules_catch_overlapping_titles_and_text_off_the_figure():
    fig, axes = new_figure("double", 50, ncols=2)
    for ax in axes:
        ax.set_title("a title far too long to fit above one half of a double-column figure")
    axes[0].text(5, 0.5, "runs off to the right, well beyond the figure's edge")
    problems = print_problems(fig)
    assert any(p.startswith("titles overlap") for p in problems)
    assert any(p.startswith("text runs off the figure") for p in problems)
    plt.close(fig)


def test_print_rules_catch_crowded_tick_labels_and_heatmaps_avoid_them():
    from helpers.plots import plot_heatmap

    fig, ax = new_figure("single", 40)
    ax.set_xticks(range(30), [f"article number {k}" for k in range(30)])
    assert any(p.startswith("tick labels overlap") for p in print_problems(fig))
    plt.close(fig)
    labels = [f"{k:03d} Some Outlet, 2021" for k in range(30)]
    grid = pd.DataFrame(np.arange(12 * 30).reshape(12, 30), index=[f"actor {k}" for k in range(12)],
                        columns=labels)  # fmt: skip
    fig, axes = new_figure("double", 110, ncols=2, sharey=True)
    for ax in axes:
        plot_heatmap(grid, ax)
    assert print_problems(fig) == []
    plt.close(fig)
