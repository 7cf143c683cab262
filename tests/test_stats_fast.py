"""The shortcuts in helpers.stats equal the straightforward definitions they replace (exactly).

Each reference below is the code as it was before the shortcut (issue 16): a group-by on the
strings, a full similarity matrix, one resample at a time. The tables are random, with ties,
repeated (doc_id, term) rows and several languages, so a shortcut that only holds for tidy
counts of one language fails here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics.pairwise import cosine_similarity

from helpers import stats


def random_counts(seed: int, n_docs: int = 60, n_terms: int = 40, rows: int = 900) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    docs = [f"d{k:03d}" for k in rng.integers(0, n_docs, rows)]
    terms = [f"t{k}" for k in rng.zipf(1.6, rows) % n_terms]
    table = pd.DataFrame({"doc_id": docs, "term": terms, "n": rng.integers(1, 6, rows)})
    # two articles with the same words: similarity ties
    twin = table[table.doc_id == table.doc_id.iloc[0]].assign(doc_id="twin")
    return pd.concat([table, twin], ignore_index=True)


def reference_tf_idf(counts: pd.DataFrame) -> pd.DataFrame:
    n_docs = counts.doc_id.nunique()
    df = counts.groupby("term").doc_id.transform("nunique")
    tf = counts.n / counts.groupby("doc_id").n.transform("sum")
    idf = np.log(n_docs / df)
    return counts.assign(tf=tf, idf=idf, tf_idf=tf * idf)


@pytest.mark.parametrize("seed", range(4))
def test_bind_tf_idf_equals_the_group_by_definition(seed):
    counts = random_counts(seed)
    pd.testing.assert_frame_equal(stats.bind_tf_idf(counts), reference_tf_idf(counts))
    shuffled = counts.sample(frac=1.0, random_state=seed)  # an index out of order
    pd.testing.assert_frame_equal(stats.bind_tf_idf(shuffled), reference_tf_idf(shuffled))


def test_bind_tf_idf_with_a_missing_key_keeps_pandas_reading():
    counts = random_counts(0).astype({"doc_id": object})
    counts.loc[3, "doc_id"] = None
    pd.testing.assert_frame_equal(stats.bind_tf_idf(counts), reference_tf_idf(counts))


def reference_closest(counts: pd.DataFrame, k: int) -> pd.DataFrame:
    names, matrix = stats.tf_idf_matrix(counts)
    full = cosine_similarity(matrix)
    pairs = [(full[a, b], a, b) for a in range(len(names)) for b in range(a + 1, len(names))]
    best = sorted(pairs, key=lambda p: (-p[0], p[1], p[2]))[:k]
    return pd.DataFrame([(names[a], names[b], float(v)) for v, a, b in best],
                        columns=["doc_a", "doc_b", "similarity"])  # fmt: skip


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("k", [1, 3, 7, 5000])
@pytest.mark.parametrize("chunk", [1, 7, 1000])
def test_closest_pairs_equal_the_full_matrix(seed, k, chunk):
    counts = random_counts(seed)
    got = stats.closest_pairs(counts, k=k, chunk=chunk)
    pd.testing.assert_frame_equal(got, reference_closest(counts, k))


def test_closest_pairs_break_ties_by_position():
    # four identical articles: six pairs of similarity 1, the first three by position kept
    counts = pd.DataFrame({"doc_id": list("abcdabcd"), "term": list("xxxxyyyy"), "n": 1})
    counts = pd.concat([counts, pd.DataFrame({"doc_id": ["e"], "term": ["z"], "n": [1]})])
    got = stats.closest_pairs(counts, k=3)
    assert got[["doc_a", "doc_b"]].values.tolist() == [["a", "b"], ["a", "c"], ["a", "d"]]


def reference_intervals(counts, group, terms, n_resamples=500, seed=0, prior_size=500.0):
    docs = np.sort(counts.doc_id.unique())
    totals = counts.groupby("doc_id").n.sum().reindex(docs).to_numpy(float)
    chosen = counts[counts.term.isin(terms)].pivot_table(
        index="doc_id", columns="term", values="n", aggfunc="sum", fill_value=0)  # fmt: skip
    values = chosen.reindex(index=docs, columns=terms, fill_value=0).to_numpy(float)
    corpus_total = counts.groupby("term").n.sum().reindex(terms).to_numpy(float)
    alpha = prior_size * corpus_total / totals.sum()
    focus = np.isin(docs, list(group))

    def log_odds(a, b):
        n_a, n_b = totals[a].sum(), totals[b].sum()
        y_a, y_b = values[a].sum(0), values[b].sum(0)
        return np.log((y_a + alpha) / (n_a + prior_size - y_a - alpha)) - np.log(
            (y_b + alpha) / (n_b + prior_size - y_b - alpha))  # fmt: skip

    a, b = np.flatnonzero(focus), np.flatnonzero(~focus)
    rng = np.random.default_rng(seed)
    draws = np.array([
        log_odds(a[rng.integers(0, len(a), len(a))], b[rng.integers(0, len(b), len(b))])
        for _ in range(n_resamples)
    ])  # fmt: skip
    low, high = np.quantile(draws, [0.025, 0.975], axis=0)
    return pd.DataFrame({"term": terms, "log_odds": log_odds(a, b), "low": low, "high": high})


@pytest.mark.parametrize("seed", range(3))
def test_keyness_intervals_equal_resampling_one_at_a_time(seed):
    counts = random_counts(seed)
    docs = sorted(counts.doc_id.unique())
    group = docs[: len(docs) // 3 + seed]  # odd and even group sizes
    terms = ["t1", "t2", "t5", "t0", "absent"]
    got = stats.keyness_intervals(counts, group, terms, n_resamples=200, seed=seed)
    want = reference_intervals(counts, group, terms, n_resamples=200, seed=seed)
    pd.testing.assert_frame_equal(got, want)


def test_same_language_equals_mapping_every_row():
    counts = random_counts(1)
    docs = sorted(counts.doc_id.unique())
    languages = pd.Series(["en", "ru", "en", "kk"] * len(docs), dtype=object)[: len(docs)]
    languages.index = docs
    languages.iloc[5] = None  # an article of no known language
    group = docs[::4] + docs[1:3]
    kept, focus, language = stats.same_language(counts, group, languages)
    of_doc = counts.doc_id.map(languages)
    sizes = languages.reindex(group).dropna().value_counts().sort_index()
    expected = sizes.sort_values(ascending=False, kind="stable").index[0]
    assert language == expected
    pd.testing.assert_frame_equal(kept, counts[of_doc.eq(expected).to_numpy()])
    assert focus == [d for d in group if languages.get(d) == expected]
