"""What a figure's panels hold (helpers.views): the similarity matrices and tf-idf top terms."""

import numpy as np
import pandas as pd

from helpers.views import MAX_LABELLED, median_similarity, similarity_panels, top_tf_idf


def _articles(n, outlets):
    return pd.DataFrame({"doc_id": [f"{k:03d}_x" for k in range(n)], "outlet": outlets,
                         "author": None, "folder": ".", "published": pd.NaT})  # fmt: skip


def _counts(docs):
    # each article shares "nato" with all and has one word of its own, plus "csto" in even ones
    rows = [(d, "nato", 2) for d in docs] + [(d, f"own{k}", 1) for k, d in enumerate(docs)]
    rows += [(d, "csto", 1) for k, d in enumerate(docs) if k % 2 == 0]
    return pd.DataFrame(rows, columns=["doc_id", "term", "n"])


def test_small_corpus_panels_are_labelled_with_a_blank_diagonal():
    arts = _articles(3, ["X", "X", "Y"])
    by_article, by_source, title = similarity_panels(_counts(arts.doc_id), arts)
    assert title == "Articles"
    assert list(by_article.index) == ["000 X, undated", "001 X, undated", "002 Y, undated"]
    assert list(by_source.index) == ["X", "Y"]
    assert np.isnan(np.diag(by_article.to_numpy())).all()
    assert np.isnan(np.diag(by_source.to_numpy())).all()


def test_large_corpus_panels_are_clustered_and_pooled():
    n = MAX_LABELLED + 5
    arts = _articles(n, [f"O{k % 3}" for k in range(n)])
    by_article, by_source, title = similarity_panels(_counts(arts.doc_id), arts)
    assert title == f"{n} articles, clustered"
    assert sorted(by_article.index) == sorted(arts.doc_id)  # every article, reordered
    assert len(by_source) == 3  # one row per source group


def test_median_similarity_is_over_the_drawn_pairs():
    arts = _articles(3, ["X", "X", "Y"])
    matrix = similarity_panels(_counts(arts.doc_id), arts)[0]
    assert median_similarity(_counts(arts.doc_id), arts) == float(matrix.stack().median())
    assert np.isnan(median_similarity(_counts(["000_x"]), arts.head(1)))


def test_top_tf_idf_leaves_out_terms_every_article_uses():
    top = top_tf_idf(_counts(["a", "b"]), k=6)
    assert "nato" not in set(top.term)  # in every article: idf 0
    assert top.groupby("doc_id").term.first().to_dict() == {"a": "csto", "b": "own1"}
