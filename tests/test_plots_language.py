"""Language figures: the comparison tables behind them and smoke tests of each plot (one
language, two languages, an empty table, 20,000 articles' worth of aggregate)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.figures import new_figure  # noqa: E402
from helpers.plots_language import (  # noqa: E402
    plot_actor_shares_by_language,
    plot_attention_by_language,
    plot_cited_years_by_language,
)
from helpers.russian_compare import (  # noqa: E402
    ATTENTION_COLUMNS,
    CITED_COLUMNS,
    SHARE_COLUMNS,
    actor_shares_by_language,
    attention_by_language,
    cited_years_by_language,
)

ACTORS = ["NATO", "CSTO", "Russia"]


def mentions_and_articles(n_docs: int, languages=("en", "ru")):
    rng = np.random.default_rng(0)
    docs = [f"d{k}" for k in range(n_docs)]
    arts = pd.DataFrame({
        "doc_id": docs, "language": [languages[k % len(languages)] for k in range(n_docs)],
        "published": pd.to_datetime("2011-01-01") + pd.to_timedelta(rng.integers(0, 4000, n_docs),
                                                                    unit="D"),
    })  # fmt: skip
    picks = rng.integers(0, n_docs, 4 * n_docs)
    m = pd.DataFrame({"doc_id": [docs[k] for k in picks],
                      "actor": rng.choice(ACTORS + ["China"], len(picks)),
                      "role": rng.choice(["agentive", "agentive", "locative"], len(picks))})  # fmt: skip
    return m, arts


def test_shares_per_language_add_up_and_stay_within_a_language():
    m, arts = mentions_and_articles(40)
    table = actor_shares_by_language(m, arts, ACTORS + ["China"], n_resamples=100)
    assert table.columns.tolist() == SHARE_COLUMNS
    assert table.groupby("language").share.sum().round(9).tolist() == [1.0, 1.0]
    assert (table.low <= table.share).all() and (table.share <= table.high).all()
    acting = m[m.role == "agentive"].merge(arts, on="doc_id")
    ru = acting[acting.language == "ru"]
    expected = (ru.actor == "NATO").sum() / len(ru)
    assert table.query("language == 'ru' and actor == 'NATO'").share.item() == pytest.approx(
        expected
    )


def test_too_few_articles_are_not_estimable():
    m, arts = mentions_and_articles(4)  # two per language
    table = actor_shares_by_language(m, arts, ACTORS)
    assert table.low.isna().all() and table.share.notna().all()


def test_attention_and_cited_years_tables():
    m, arts = mentions_and_articles(30)
    att = attention_by_language(m, arts, [("NATO", "CSTO")])
    assert att.columns.tolist() == ATTENTION_COLUMNS and set(att.language) == {"en", "ru"}
    assert ((att.share >= 0) & (att.share <= 1)).all()
    dates = pd.DataFrame({"doc_id": ["d0", "d1", "d1", "d2"], "modality": ["past", "past",
                          "planned", "ongoing"], "date_start": [pd.Timestamp("2014-01-01").date(),
                          None, None, None], "date_end": [None, pd.Timestamp("2015-12-31").date(),
                          None, None]})  # fmt: skip
    cited = cited_years_by_language(dates, arts)
    assert cited.columns.tolist() == CITED_COLUMNS
    assert cited[["language", "year", "n"]].values.tolist() == [["en", 2014, 1], ["ru", 2015, 1]]
    assert cited_years_by_language(dates.iloc[:0], arts).empty


@pytest.mark.parametrize("n_docs, languages", [(5, ("en",)), (17, ("en", "ru")),
                                               (20_000, ("en", "ru"))])  # fmt: skip
def test_every_plot_draws_one_and_two_languages_at_any_size(n_docs, languages):
    m, arts = mentions_and_articles(n_docs, languages)
    dates = pd.DataFrame(
        {
            "doc_id": arts.doc_id,
            "modality": "past",
            "date_start": arts.published.dt.date,
            "date_end": arts.published.dt.date,
        }
    )
    fig, axes = new_figure("double", 60, ncols=3)
    plot_actor_shares_by_language(actor_shares_by_language(m, arts, ACTORS, n_resamples=50),
                                  ax=axes[0])  # fmt: skip
    plot_cited_years_by_language(cited_years_by_language(dates, arts), ax=axes[1])
    out = plot_attention_by_language(attention_by_language(m, arts, [("NATO", "CSTO")]),
                                     pair="NATO vs CSTO", ax=axes[2])  # fmt: skip
    assert out is axes[2]
    assert len(axes[0].get_legend().get_texts()) == len(languages)
    assert len(axes[1].get_legend().get_texts()) == len(languages)
    assert fig.get_size_inches()[1] * 25.4 <= 250  # never taller than a page
    sizes = [t.get_fontsize() for ax in axes for t in ax.findobj(matplotlib.text.Text)
             if t.get_text()]  # fmt: skip
    assert min(sizes) >= 6
    plt.close(fig)


def test_empty_tables_draw_a_note_and_return_the_axes():
    for plot, table, kw in [(plot_actor_shares_by_language, pd.DataFrame(columns=SHARE_COLUMNS), {}),
                            (plot_cited_years_by_language, pd.DataFrame(columns=CITED_COLUMNS), {}),
                            (plot_attention_by_language, pd.DataFrame(columns=ATTENTION_COLUMNS),
                             {"pair": "NATO vs CSTO"})]:  # fmt: skip
        fig, ax = plt.subplots()
        assert plot(table, ax=ax, **kw) is ax
        assert any("no " in t.get_text() for t in ax.texts)
        plt.close(fig)
    fig, ax = plt.subplots()
    plt.sca(ax)
    assert plot_cited_years_by_language(pd.DataFrame(columns=CITED_COLUMNS)) is ax  # ax=None
    plt.close(fig)


def test_over_time_sentences_say_what_is_missing_and_what_is_not_tested():
    from helpers.russian_compare import describe_over_time

    cited = pd.DataFrame({"language": ["en", "ru"], "year": [2014, 2022], "n": [3, 2],
                          "articles": [2, 1]})  # fmt: skip
    attention = pd.DataFrame({"language": ["ru"], "pair": ["NATO vs CSTO"], "period": ["2022"],
                              "n_first": [1], "n_second": [3], "share": [0.25], "articles": [1]})  # fmt: skip
    assert describe_over_time(cited, attention, "NATO vs CSTO") == [
        "English: 3 cited dates that happened, year 2014; no dated article names NATO or CSTO.",
        "Russian: 2 cited dates that happened, year 2022; NATO 25% of NATO + CSTO (4 mentions).",
        "The NATO + CSTO shares are pooled within each language and not tested for a difference "
        "between languages.",
    ]
