"""Tables shaped for showing: how articles are named and grouped in a figure, and what a
figure's panels hold. Data, not drawing (the plots and the notebooks read these).

``article_labels`` and ``article_sources`` name each article and its source; ``display_rows``
says which row (or panel) of a per-article figure each article is drawn in, pooling articles
into their sources above ``MAX_ROWS``; ``cluster_order`` orders an unlabelled similarity matrix.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.stats import group_sizes

MAX_ROWS = 30  # rows a per-article figure draws before it pools articles into groups


def article_labels(articles: pd.DataFrame) -> pd.Series:
    """Short labels for plots, by ``doc_id``: the file's number ("003_95821…" → "003", or the
    whole doc_id where numbers repeat), its outlet or author, and its year."""
    byline = articles.outlet.fillna(articles.author).to_numpy()  # names the article, not a source
    source = np.where(pd.isna(byline), article_sources(articles).to_numpy(), byline)
    year = articles.published.dt.year.map(lambda y: "undated" if pd.isna(y) else f"{y:.0f}")
    short = articles.doc_id.str.split("_").str[0]
    short = short if short.is_unique else articles.doc_id
    labels = short + " " + source + ", " + year
    return pd.Series(labels.values, index=articles.doc_id)


def article_sources(articles: pd.DataFrame) -> pd.Series:
    """The source of each article, by ``doc_id``: its outlet where known, else its subfolder
    (a corpus sorted into folders by outlet or topic), else "unknown source". An author is
    never a source (issue 13): authors stay in their own column."""
    folder = articles["folder"] if "folder" in articles else pd.Series(".", articles.index)
    source = (articles.outlet.fillna(folder.where(folder.ne(".") & folder.notna()))
              .fillna("unknown source"))  # fmt: skip
    return pd.Series(source.to_numpy(), index=articles.doc_id)


def display_rows(articles: pd.DataFrame, max_rows: int = MAX_ROWS) -> pd.Series:
    """The row each article is drawn in, by ``doc_id``, as an ordered categorical.

    Up to ``max_rows`` articles: one row per article (its ``article_labels`` label, in the
    order of ``articles``). More: one row per source ("name (k articles)"), largest first;
    beyond ``max_rows - 1`` sources the rest share one row ("N other sources").

    >>> arts = pd.DataFrame({"doc_id": list("abcd"), "outlet": ["X", "X", "Y", "Z"],
    ...                      "author": None, "published": pd.NaT})
    >>> display_rows(arts, max_rows=2).astype(str).tolist()[1:]
    ['X (2 articles)', '2 other sources (2 articles)', '2 other sources (2 articles)']
    """
    if len(articles) <= max_rows:
        labels = article_labels(articles)
        return pd.Series(pd.Categorical(labels, categories=labels.unique(), ordered=True),
                         index=labels.index)  # fmt: skip
    sources = article_sources(articles)
    sizes = group_sizes(sources)
    kept = sizes.index[: max_rows - 1] if len(sizes) > max_rows else sizes.index
    rest = sizes.drop(kept)
    names = {s: f"{s} ({_articles(sizes[s])})" for s in kept}
    other = f"{len(rest)} other source{'s' * (len(rest) > 1)} ({_articles(rest.sum())})"
    rows = sources.map(names).fillna(other)
    order = [*names.values(), *([other] if len(rest) else [])]
    return pd.Series(pd.Categorical(rows, categories=order, ordered=True), index=rows.index)


def _articles(n: int) -> str:
    return f"{int(n):,} article{'s' * (int(n) != 1)}"


def is_per_article(rows: pd.Series) -> bool:
    """True when ``display_rows`` gave one row per article (a small corpus)."""
    return rows.nunique() == len(rows)


def cluster_order(matrix: pd.DataFrame) -> list:
    """Rows of a square similarity matrix in hierarchical-clustering order (average linkage
    on 1 − similarity), so that similar articles sit together in an unlabelled matrix."""
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import squareform

    if len(matrix) < 3:
        return list(matrix.index)
    distance = np.clip(1 - matrix.fillna(1).to_numpy(float), 0, None)
    np.fill_diagonal(distance, 0)
    tree = linkage(squareform((distance + distance.T) / 2, checks=False), method="average")
    return list(matrix.index[leaves_list(tree)])


MAX_MATRIX = 400  # articles in an unlabelled similarity matrix; beyond, taken evenly
MAX_LABELLED = 15  # rows of a similarity matrix labelled one by one (two panels share a width)


def similarity_panels(
    counts: pd.DataFrame, articles: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The two tf-idf cosine matrices of the similarity figure, the diagonal blank: articles
    and sources, with the article panel's title.

    Up to ``MAX_LABELLED`` articles both are labelled, one row per article and per source.
    More: the article matrix is unlabelled and ordered by clustering (``cluster_order``), of at
    most ``MAX_MATRIX`` articles taken evenly along ``articles``; the source matrix has the
    ``display_rows`` groups for ``MAX_LABELLED`` rows.
    """
    from helpers.stats import tfidf_similarity

    docs = _panel_docs(articles)
    by_article = tfidf_similarity(counts[counts.doc_id.isin(set(docs))])
    if len(articles) <= MAX_LABELLED:
        labels = article_labels(articles)
        by_article = by_article.rename(index=labels, columns=labels)
        by_group, title = tfidf_similarity(counts, by=article_sources(articles)), "Articles"
    else:
        rows = display_rows(articles, MAX_LABELLED)
        order = cluster_order(by_article)
        by_article = by_article.loc[order, order]
        by_group = tfidf_similarity(counts, by=rows.astype(str))
        keep = [c for c in rows.cat.categories if c in by_group.index]
        by_group = by_group.loc[keep, keep]
        sampled = f"\n(taken evenly from {len(articles):,})" if len(docs) < len(articles) else ""
        title = f"{len(by_article):,} articles, clustered{sampled}"
    blank = [t.where(~np.eye(len(t), dtype=bool)) for t in (by_article, by_group)]
    return blank[0], blank[1], title


def median_similarity(counts: pd.DataFrame, articles: pd.DataFrame) -> float:
    """The median similarity over the pairs of articles the similarity figure draws (its
    article panel's off-diagonal cells); NaN for fewer than two articles."""
    from helpers.stats import tfidf_similarity

    if len(articles) < 2:
        return float("nan")
    # The article panel's cells without its order, labels or source panel: a median reads
    # the values only, and reordering rows and columns together keeps the diagonal on itself.
    matrix = tfidf_similarity(counts[counts.doc_id.isin(set(_panel_docs(articles)))])
    values = matrix.to_numpy()[~np.eye(len(matrix), dtype=bool)]
    return float(pd.Series(values).median()) if matrix.size > 1 else float("nan")


def _panel_docs(articles: pd.DataFrame) -> pd.Series:
    """The doc_ids of the similarity figure's article panel: all, or ``MAX_MATRIX`` taken
    evenly along ``articles``."""
    docs = articles.doc_id
    if len(docs) > MAX_MATRIX:
        docs = docs.iloc[np.linspace(0, len(docs) - 1, MAX_MATRIX).round().astype(int)]
    return docs


def top_tf_idf(counts: pd.DataFrame, k: int = 6) -> pd.DataFrame:
    """The ``k`` terms of highest tf-idf of each article (``bind_tf_idf``), ties by term; a term
    every article uses (idf 0) sets none apart and is left out.

    >>> counts = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["x", "y", "x"], "n": 1})
    >>> top_tf_idf(counts).term.tolist()
    ['y']
    """
    from helpers.stats import bind_tf_idf

    tf_idf = bind_tf_idf(counts)
    tf_idf = tf_idf[tf_idf.tf_idf > 0]
    order = tf_idf.sort_values(["doc_id", "tf_idf", "term"], ascending=[True, False, True])
    return order.groupby("doc_id").head(k)
