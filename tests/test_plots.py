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
from helpers.plots import fit_height, plot_dispersion, plot_keyness, plot_network  # noqa: E402
from helpers.views import MAX_ROWS, article_sources, display_rows, is_per_article  # noqa: E402


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
    plot_keyness(table, n_label=10, ax=ax)
    assert print_problems(fig) == []
    plt.close(fig)
    edges = pd.DataFrame({"actor_a": ["A", "A", "B"], "actor_b": ["B", "C", "C"], "n": [5, 3, 2]})
    fig, ax = new_figure("single", 80)
    plot_network(edges, sizes=pd.Series({"A": 40, "B": 20, "C": 5, "D": 1}), ax=ax)
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
    plot_dispersion(hits, articles=arts, keys=["nato"], ax=ax)
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
        plot_heatmap(grid, ax=ax)
    assert print_problems(fig) == []
    plt.close(fig)


def test_a_heatmap_lays_the_figure_out_without_painting_it(monkeypatch):
    # seaborn renders the whole figure to measure tick labels; the pixels were thrown away.
    from matplotlib.backends.backend_agg import RendererAgg

    from helpers.plots import plot_heatmap

    painted = []
    draw_text = RendererAgg.draw_text
    monkeypatch.setattr(RendererAgg, "draw_text",
                        lambda self, *a, **k: painted.append(a[3]) or draw_text(self, *a, **k))  # fmt: skip
    grid = pd.DataFrame([[1.0, 2.0], [0.0, 3.5]], index=["NATO", "CSTO"], columns=["a", "b"])
    fig, ax = new_figure("single", 40)
    plot_heatmap(grid, ax=ax)
    assert painted == []
    assert [t.get_text() for t in ax.texts] == ["1.0", "2.0", "", "3.5"]  # cells still annotated
    plt.close(fig)


# One signature, and every plot survives an empty frame (contract C2) ---------------------

import inspect  # noqa: E402

import helpers.plots as plots  # noqa: E402

PLOTS = sorted(n for n, f in vars(plots).items() if n.startswith("plot_") and callable(f))


import helpers.plots_language as plots_language  # noqa: E402

LANGUAGE_PLOTS = sorted(
    n for n, f in vars(plots_language).items() if n.startswith("plot_") and callable(f)
)


@pytest.mark.parametrize(
    "module, name",
    [(plots, n) for n in PLOTS] + [(plots_language, n) for n in LANGUAGE_PLOTS],
    ids=lambda v: v if isinstance(v, str) else v.__name__.split(".")[-1],
)
def test_every_plot_has_the_one_signature(module, name):
    params = list(inspect.signature(getattr(module, name)).parameters.values())
    assert params[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD  # the data, first
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[1:]), name
    assert params[-1].name in ("ax", "axes") and params[-1].default is None, name


def _frames():
    """For each plot: (data, keywords, panels) of a tiny valid input."""
    arts = articles(3, outlets=["X", "Y", "X"]).assign(
        text=["NATO and the CSTO met.", "Russia spoke.", "NATO again."],
        published=pd.to_datetime(["2011-01-01", "2015-06-01", None]),
        n_words=[5, 2, 2],
    )
    rows = display_rows(arts)
    grid = pd.DataFrame({"a": [1.0, 0.0], "b": [2.0, 3.0]}, index=["NATO", "CSTO"])
    mentions = pd.DataFrame({"doc_id": ["d000", "d000", "d001"], "actor": ["NATO", "CSTO", "Russia"],
                             "start": [0, 12, 0], "role": "agentive"})  # fmt: skip
    counts = pd.DataFrame({"doc_id": ["d000", "d000", "d001", "d002"],
                           "term": ["nato", "csto", "russia", "nato"], "n": [2, 1, 1, 1]})  # fmt: skip
    keyness = pd.DataFrame({"term": ["nato", "csto"], "n_focus": [3, 0], "n_rest": [0, 2],
                            "z": [2.0, -2.0]})  # fmt: skip
    top = keyness.assign(log_odds=[1.0, -1.0], low=[0.5, -1.5], high=[1.5, -0.5],
                         significant=[True, False])  # fmt: skip
    bounds = pd.DataFrame({"doc_id": arts.doc_id, "published": arts.published,
                           "lower_bound": pd.to_datetime([None, None, "2016-01-01"])})  # fmt: skip
    sources = pd.Series(["X", "Y", "X"], index=arts.doc_id)
    events = pd.DataFrame({"date_start": ["2011-01-01", "2014-01-01"], "date_end": ["2011-12-31", None],
                           "modality": ["past", "planned"], "label": ["a", "b"],
                           "actor": ["NATO", None]})  # fmt: skip
    shares = pd.DataFrame({"pair": "NATO vs CSTO", "doc_id": ["d000", "d001"],
                           "published": pd.to_datetime(["2011-01-01", "2015-06-01"]),
                           "n_first": [2, 1], "n_second": [1, 1], "share": [2 / 3, 0.5]})  # fmt: skip
    vocabulary = pd.DataFrame({"group": ["X", "Y"], "share": [0.7, 0.4], "low": [0.5, None],
                               "high": [0.9, None], "articles": [3, 1]})  # fmt: skip
    speakers = pd.DataFrame({"outlet": ["X", "X", "Y"], "actor": ["NATO", "unattributed", "Russia"],
                             "n": [3, 1, 2]})  # fmt: skip
    words = pd.DataFrame({"doc_id": ["d000", "d000", "d001"], "part": ["kept", "title", "kept"],
                          "words": [10, 2, 5]})  # fmt: skip
    return {
        "plot_words_kept_removed": (words, {"rows": rows}, 1),
        "plot_heatmap": (grid, {}, 1),
        "plot_heatmaps": ({"left": grid, "right": grid}, {"label": "rate"}, 2),
        "plot_network": (
            pd.DataFrame({"actor_a": ["CSTO"], "actor_b": ["NATO"], "n": [2]}),
            {"sizes": pd.Series({"NATO": 3, "CSTO": 1})},
            1,
        ),
        "plot_dispersion": (
            pd.DataFrame({"doc_id": ["d000"], "key": ["nato"], "relative": [0.2]}),
            {"articles": arts, "keys": ["nato"]},
            1,
        ),
        "plot_xray": (mentions, {"articles": arts}, 1),
        "plot_keyness": (keyness, {}, 1),
        "plot_keyness_intervals": (top, {}, 1),
        "plot_top_terms": (counts, {"rows": rows}, 3),
        "plot_publication_timeline": (bounds, {"sources": sources}, 1),
        "plot_publication_counts": (bounds, {"sources": sources}, 1),
        "plot_events": (events, {}, 1),
        "plot_event_counts": (events, {}, 1),
        "plot_event_timeline": (events, {"zoom_years": 2}, 2),
        "plot_attention": (shares, {"pairs": [("NATO", "CSTO")]}, 1),
        "plot_shares": (vocabulary, {"names": ("NATO", "CSTO")}, 1),
        "plot_similarity": (counts, {"articles": arts}, 2),
        "plot_speakers": (speakers, {}, 1),
    }


def _texts(fig) -> str:
    return " ".join(t.get_text() for ax in fig.axes for t in ax.texts)


@pytest.mark.parametrize("name", PLOTS)
@pytest.mark.parametrize("empty", [False, True], ids=["data", "empty"])
def test_every_plot_returns_its_axes_and_survives_an_empty_frame(name, empty):
    frames = _frames()
    assert set(frames) == set(PLOTS), "give the new plot a tiny input in _frames"
    data, keywords, panels = frames[name]
    if empty:
        data = {k: v.iloc[:0] for k, v in data.items()} if isinstance(data, dict) else data.iloc[:0]
        if name == "plot_network":  # no edge still draws the actors; no actor is empty
            keywords = {"sizes": keywords["sizes"].iloc[:0]}
    fig, axes = new_figure("double", 80, nrows=panels, squeeze=False)
    target = axes[:, 0] if panels > 1 else axes[0, 0]
    if name == "plot_event_timeline":
        target = axes
    key = "ax" if list(inspect.signature(getattr(plots, name)).parameters)[-1] == "ax" else "axes"
    drawn = getattr(plots, name)(data, **keywords, **{key: target})
    if key == "ax":
        assert drawn is target and isinstance(drawn, plt.Axes)
    else:
        assert all(isinstance(a, plt.Axes) for a in np.ravel(drawn))
    assert ("Nothing to show" in _texts(fig)) == empty, _texts(fig)
    plt.close(fig)


def test_an_empty_plot_says_so_in_one_line():
    fig, ax = new_figure("single", 40)
    plots.plot_keyness(pd.DataFrame(columns=["term", "n_focus", "n_rest", "z"]), ax=ax)
    assert [t.get_text() for t in ax.texts] == ["Nothing to show: no term to compare."]
    assert not ax.axison
    plt.close(fig)


def test_ax_none_draws_on_the_current_axes():
    fig, ax = new_figure("single", 40)
    assert plots.plot_heatmap(pd.DataFrame({"a": [1.0]}, index=["x"])) is ax
    plt.close(fig)
