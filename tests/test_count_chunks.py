"""``count_terms`` counted a run of articles at a time (``helpers.text._counts_by_article``) and
its string columns taken from the distinct strings (``string_column``) give the table of
grouping ``term_tokens``, the definition, dtypes and row order included."""

import numpy as np
import pandas as pd
import pytest
from conftest import REPO

from helpers import text
from helpers.text import count_terms, string_column, term_tokens

PTC = REPO.parent / "shared" / "corpora" / "ptc-test"


def grouped(articles: pd.DataFrame) -> pd.DataFrame:
    """count_terms by its definition: term_tokens grouped by doc_id and term, then sorted."""
    counts = term_tokens(articles).groupby(["doc_id", "term"], as_index=False).size()
    counts = counts.rename(columns={"size": "n"})
    return counts.sort_values(["doc_id", "n", "term"], ascending=[True, False, True],
                              ignore_index=True)  # fmt: skip


@pytest.fixture(scope="module")
def articles(seed_corpus):
    from helpers.corpus import load_corpus

    found = [seed_corpus.articles[["doc_id", "text"]]]
    if PTC.is_dir():
        found.append(load_corpus(PTC).articles[["doc_id", "text"]])
    return pd.concat(found, ignore_index=True)


def fresh_counts(articles: pd.DataFrame) -> pd.DataFrame:
    text._TOKEN_CACHE.clear()
    return count_terms(articles)


@pytest.mark.parametrize("chunk", [text.COUNT_CHUNK, 1, 97, 5000])
@pytest.mark.parametrize("order", ["as loaded", "shuffled", "reversed"])
def test_counts_by_chunk_are_the_grouped_tokens(articles, monkeypatch, chunk, order):
    rows = np.arange(len(articles))
    if order == "shuffled":
        rows = np.random.default_rng(0).permutation(rows)
    elif order == "reversed":
        rows = rows[::-1]
    table = articles.iloc[rows].reset_index(drop=True)
    monkeypatch.setattr(text, "COUNT_CHUNK", chunk)
    got = fresh_counts(table)
    expected = grouped(table)
    pd.testing.assert_frame_equal(got, expected)
    assert got.equals(expected) and list(got.dtypes) == list(expected.dtypes)


def test_the_lexsort_fallback_gives_the_same_table(articles, monkeypatch):
    expected = fresh_counts(articles)
    monkeypatch.setattr(text, "KEY_LIMIT", 0)  # every chunk sorted by np.lexsort
    assert fresh_counts(articles).equals(expected)


def test_articles_sharing_a_doc_id_are_counted_together(articles):
    table = articles.iloc[[3, 0, 1, 2]].assign(doc_id=["b", "a", "b", "c"])
    got = fresh_counts(table)
    assert got.equals(grouped(table))
    assert got.doc_id.tolist() == sorted(got.doc_id) and got.doc_id.nunique() == 3


def test_string_column_is_the_object_column_pandas_makes():
    values = ["b", "a", "ä", "", "a b"]
    codes = np.array([0, 4, 2, 2, 3, 1, 0])
    got = pd.DataFrame({"x": string_column(values, codes)})
    expected = pd.DataFrame({"x": np.array(values, dtype=object)[codes]})
    pd.testing.assert_frame_equal(got, expected)
    assert got.x.dtype == expected.x.dtype and got.x.tolist() == expected.x.tolist()
