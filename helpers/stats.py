"""Word statistics for tidy term counts (one row per ``doc_id`` and ``term`` with ``n``).

Definitions follow the literature they are named after, so a reviewer can check them:
tf-idf as in tidytext's ``bind_tf_idf``; the weighted log-odds ratio with an informative
Dirichlet prior of Monroe, Colaresi & Quinn (2008, "Fightin' Words"); Hardie's (2014) Log
Ratio; Rayson & Garside's (2000) log-likelihood G². Each assumes words are independent draws,
which they are not (they cluster within articles), so the notebooks pair them with
article-level bootstrap intervals.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.preprocessing import normalize

# A comparison needs this many articles on each side before an interval is drawn or a
# finding stated: with one or two, resampling only reshuffles the same texts.
MIN_ARTICLES = 3
# |z| a term must reach, besides an article-level interval excluding zero, to be distinctive.
Z_CRITICAL = 1.96
# Modal verbs: grammar, not topic ("shall" marks a translated treaty style, not a stance);
# left out of keyness by default and listed in chapter 01.
FUNCTION_WORDS = ("shall", "will", "may", "would", "could", "should", "must", "might", "can")


def same_language(
    counts: pd.DataFrame, group: list[str], languages: pd.Series | None = None
) -> tuple[pd.DataFrame, list[str], str | None]:
    """A comparison of ``group`` with the rest kept within one language: words of two languages
    are never set against each other.

    Input: term counts, the focus doc_ids and ``languages`` (doc_id → language code, as
    ``articles.set_index("doc_id").language``; None: one language). Output: the counts and
    the group restricted to the articles of the focus group's language (its most frequent;
    ties: the first code), and that language; everything unchanged, with the one language
    (or None), when the counts hold one language only.

    >>> counts = pd.DataFrame({"doc_id": list("abc"), "term": ["x", "y", "z"], "n": 1})
    >>> kept, group, language = same_language(counts, ["a"], pd.Series({"a": "en", "b": "ru",
    ...                                                                   "c": "en"}))
    >>> kept.doc_id.tolist(), group, language
    (['a', 'c'], ['a'], 'en')
    """
    if languages is None:
        return counts, list(group), None
    # each distinct doc_id looked up once (mapping every row's string was most of the time)
    codes, docs = pd.factorize(counts.doc_id)
    if (codes < 0).any():  # a missing doc_id: Series.map's own reading of it, row by row
        codes, of_doc = np.arange(len(counts)), counts.doc_id.map(languages)
    else:
        of_doc = languages.reindex(docs)
    present = sorted(of_doc.dropna().unique())
    if len(present) <= 1:
        return counts, list(group), present[0] if present else None
    focus = languages.reindex(list(group)).dropna()
    if focus.empty:
        return counts, list(group), None
    sizes = focus.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    language = sizes.index[0]
    kept = counts[of_doc.eq(language).to_numpy()[codes]]
    return kept, [d for d in group if languages.get(d) == language], language


def relative_frequency(counts: pd.DataFrame) -> pd.DataFrame:
    """Add ``per_1000_terms``: occurrences per 1,000 counted terms of the same article.

    >>> relative_frequency(pd.DataFrame({"doc_id": ["a", "a"], "term": ["x", "y"], "n": [3, 1]}))
      doc_id term  n  per_1000_terms
    0      a    x  3           750.0
    1      a    y  1           250.0
    """
    total = counts.groupby("doc_id").n.transform("sum")
    return counts.assign(per_1000_terms=1000 * counts.n / total)


def bind_tf_idf(counts: pd.DataFrame) -> pd.DataFrame:
    """Add ``tf``, ``idf`` and ``tf_idf`` as tidytext defines them.

    tf = n / terms in the article; idf = ln(articles / articles containing the term).

    >>> bind_tf_idf(pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["x", "y", "x"],
    ...                           "n": [1, 1, 2]})).round(3).values.tolist()
    [['a', 'x', 1, 0.5, 0.0, 0.0], ['a', 'y', 1, 0.5, 0.693, 0.347], ['b', 'x', 2, 1.0, 0.0, 0.0]]
    """
    docs, terms = pd.factorize(counts.doc_id)[0], pd.factorize(counts.term)[0]
    n = counts.n.to_numpy()
    if (docs < 0).any() or (terms < 0).any() or n.dtype.kind not in "iu":
        # a missing key or a non-integer count: pandas' group-by, which drops missing keys
        n_docs = counts.doc_id.nunique()
        df = counts.groupby("term").doc_id.transform("nunique")
        tf = counts.n / counts.groupby("doc_id").n.transform("sum")
    else:
        # the same on the factorised keys (the group-bys on strings were most of the time):
        # articles per term from the distinct (term, article) pairs, whole-number sums exact
        n_docs = int(docs.max()) + 1 if len(docs) else 0
        pairs = pd.unique(terms.astype(np.int64) * max(n_docs, 1) + docs)  # a hash, no sort
        df = pd.Series(np.bincount(pairs // max(n_docs, 1))[terms], index=counts.index)
        total = np.bincount(docs, weights=n.astype(float))[docs]
        tf = counts.n / pd.Series(total, index=counts.index)
    idf = np.log(n_docs / df)
    return counts.assign(tf=tf, idf=idf, tf_idf=tf * idf)


def keyness(
    counts: pd.DataFrame,
    group: list[str],
    prior_size: float = 500.0,
    exclude: tuple[str, ...] = FUNCTION_WORDS,
    languages: pd.Series | None = None,
) -> pd.DataFrame:
    """Which terms distinguish the articles in ``group`` from all the others.

    Input: term counts (``doc_id``, ``term``, ``n``) and the doc_ids of the focus group;
    ``exclude``: terms left out before anything is computed (by default the modal verbs of
    ``FUNCTION_WORDS``; pass ``()`` to keep every term).
    Output: one row per term with ``n_focus``, ``n_rest``, ``log_odds`` (Monroe et al.'s
    weighted log-odds ratio δ with an informative Dirichlet prior: the corpus frequencies
    scaled to ``prior_size`` pseudo-counts), ``z`` (δ / sqrt(variance)), ``log_ratio``
    (Hardie: log2 of the ratio of relative frequencies, 0.5 added to a zero count) and ``g2``
    (Rayson's log-likelihood), sorted by ``z`` descending. ``languages`` (doc_id → language):
    in a corpus of several, the comparison stays within the focus group's language
    (``same_language``).
    """
    counts, group, _ = same_language(counts, group, languages)
    counts = counts[~counts.term.isin(exclude)]
    focus = counts.doc_id.isin(group)
    table = pd.DataFrame({
        "n_focus": counts[focus].groupby("term").n.sum(),
        "n_rest": counts[~focus].groupby("term").n.sum(),
    }).fillna(0)  # fmt: skip
    y_a, y_b = table.n_focus.to_numpy(float), table.n_rest.to_numpy(float)
    table["log_odds"], table["z"] = log_odds_z(y_a, y_b, prior_size)
    table["log_ratio"] = log_ratio(y_a, y_b)
    table["g2"] = g2(y_a, y_b)
    table = table.astype({"n_focus": int, "n_rest": int}).rename_axis("term").reset_index()
    return table.sort_values(["z", "term"], ascending=[False, True], ignore_index=True)


def log_odds_z(
    y_a: np.ndarray, y_b: np.ndarray, prior_size: float = 500.0, alpha: np.ndarray | None = None
):
    """Monroe, Colaresi & Quinn (2008), eq. 16–22: δ and its z-score for every word.

    α_w = prior_size · (y_a + y_b)_w / N is the informative prior, unless ``alpha`` is given
    (a bootstrap keeps the prior of the whole corpus while it resamples the counts).

    >>> d, z = log_odds_z(np.array([10.0, 0.0]), np.array([0.0, 10.0]), prior_size=2.0)
    >>> [round(float(v), 4) for v in (*d, *z)]  # 2·ln 11 and 2·ln 11 / sqrt(1/11 + 1)
    [4.7958, -4.7958, 4.5916, -4.5916]
    """
    if alpha is None:
        alpha = prior_size * (y_a + y_b) / (y_a + y_b).sum()
    n_a, n_b, a0 = y_a.sum(), y_b.sum(), alpha.sum()
    delta = np.log((y_a + alpha) / (n_a + a0 - y_a - alpha)) - np.log(
        (y_b + alpha) / (n_b + a0 - y_b - alpha)
    )
    variance = 1 / (y_a + alpha) + 1 / (y_b + alpha)
    return delta, delta / np.sqrt(variance)


def log_ratio(y_a: np.ndarray, y_b: np.ndarray) -> np.ndarray:
    """Hardie's Log Ratio: log2((y_a / N_a) / (y_b / N_b)), 0.5 in place of a zero count.

    >>> log_ratio(np.array([4.0, 0.0]), np.array([1.0, 3.0])).round(4).tolist()
    [2.0, -2.585]
    """
    n_a, n_b = y_a.sum(), y_b.sum()
    return np.log2((np.where(y_a == 0, 0.5, y_a) / n_a) / (np.where(y_b == 0, 0.5, y_b) / n_b))


def g2(y_a: np.ndarray, y_b: np.ndarray) -> np.ndarray:
    """Rayson & Garside's log-likelihood G² for each word's two observed frequencies.

    >>> g2(np.array([10.0, 90.0]), np.array([30.0, 70.0])).round(4).tolist()  # E = 20 and 80
    [10.465, 2.5066]
    """
    n_a, n_b = y_a.sum(), y_b.sum()
    e_a = n_a * (y_a + y_b) / (n_a + n_b)
    e_b = n_b * (y_a + y_b) / (n_a + n_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        part_a = np.where(y_a > 0, y_a * np.log(y_a / e_a), 0.0)
        part_b = np.where(y_b > 0, y_b * np.log(y_b / e_b), 0.0)
    return 2 * (part_a + part_b)


def pmi_collocations(tokens: pd.DataFrame, min_count: int = 3) -> pd.DataFrame:
    """Bigram collocations by pointwise mutual information.

    Input: ``helpers.text.term_tokens`` output (adjacent terms within one sentence pair up).
    Output: one row per bigram seen at least ``min_count`` times: ``term`` ("w1 w2"),
    ``first``, ``second``, ``n``, ``pmi`` = log2(p(w1 w2) / (p(w1) p(w2))), sorted by PMI.
    """
    from helpers.text import ngrams

    bigrams = ngrams(tokens, 2)
    n_uni, n_bi = len(tokens), len(bigrams)
    unigram = tokens.term.value_counts()
    pairs = bigrams.term.value_counts().rename("n").rename_axis("term").reset_index()
    pairs = pairs[pairs.n >= min_count].copy()
    if pairs.empty:  # a thin corpus: no bigram is frequent enough to rank
        return pd.DataFrame(columns=["term", "n", "first", "second", "pmi"])
    pairs[["first", "second"]] = pairs.term.str.split(" ", n=1, expand=True)
    p_xy = pairs.n / n_bi
    p_x = pairs["first"].map(unigram) / n_uni
    p_y = pairs["second"].map(unigram) / n_uni
    pairs["pmi"] = np.log2(p_xy / (p_x * p_y))
    return pairs.sort_values(["pmi", "term"], ascending=[False, True], ignore_index=True)


def tfidf_similarity(counts: pd.DataFrame, by: pd.Series | None = None) -> pd.DataFrame:
    """Cosine similarity of tf-idf vectors between articles, or between groups of articles.

    Input: term counts; ``by`` maps doc_id to a group (a source, a period) to compare groups
    instead of articles. A group's vector is the mean of its articles' unit-length tf-idf
    vectors, with idf taken over articles: summing a group's counts first and taking idf over
    a handful of groups would give every term that all groups use a weight of zero, and a
    small group, whose terms all others share, a similarity of zero to everyone.
    Output: a square table of similarities, rows and columns in sorted order. The vectors stay
    sparse, so thousands of articles fit.

    >>> counts = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "term": ["x", "y", "x", "y"],
    ...                        "n": [1, 1, 1, 1]})
    >>> tfidf_similarity(counts).round(2).values.tolist()
    [[1.0, 0.71, 0.71], [0.71, 1.0, 0.0], [0.71, 0.0, 1.0]]
    >>> by = pd.Series({"a": "S", "b": "S", "c": "T"})
    >>> tfidf_similarity(counts, by=by).round(2).values.tolist()
    [[1.0, 0.38], [0.38, 1.0]]
    """
    names, matrix = tf_idf_matrix(counts)
    if by is None:
        return pd.DataFrame(cosine_similarity(matrix), index=names, columns=names)
    groups, member = np.unique(by.reindex(names).astype(str).to_numpy(), return_inverse=True)
    unit = normalize(matrix)  # rows of unit length, so every article weighs the same
    mean = sparse.csr_matrix((np.ones(len(names)), (member, np.arange(len(names)))),
                             shape=(len(groups), len(names)))  # fmt: skip
    centroids = sparse.diags(1 / np.bincount(member)) @ mean @ unit
    index = pd.Index(groups, name="doc_id")
    return pd.DataFrame(cosine_similarity(centroids), index=index, columns=index)


similarity = tfidf_similarity  # the old name; articles.similarity is a Jaccard (issue 18)


def tf_idf_matrix(counts: pd.DataFrame) -> tuple[pd.Index, sparse.csr_matrix]:
    """(doc_ids in sorted order, a sparse doc × term matrix of ``bind_tf_idf`` weights)."""
    weights = bind_tf_idf(counts)
    docs, rows = _sorted_codes(weights.doc_id)
    terms, cols = _sorted_codes(weights.term)
    matrix = sparse.csr_matrix((weights.tf_idf.to_numpy(float), (rows, cols)),
                               shape=(len(docs), len(terms)))  # fmt: skip
    return pd.Index(docs, name="doc_id"), matrix


def _sorted_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values.to_numpy(str), return_inverse=True)``, sorting only the distinct
    values (sorting every row's string took most of ``tf_idf_matrix``)."""
    codes, uniques = pd.factorize(values)
    if (codes < 0).any():  # a missing value: np.unique's own reading of it as a string
        return np.unique(values.to_numpy(str), return_inverse=True)
    names, inverse = np.unique(np.asarray(uniques, dtype=str), return_inverse=True)
    return names, inverse[codes]


def closest_pairs(counts: pd.DataFrame, k: int = 5, chunk: int = 1000) -> pd.DataFrame:
    """The ``k`` most similar pairs of articles (tf-idf cosine), without a full n × n matrix.

    Input: term counts. Output: ``doc_a``, ``doc_b`` (doc_a < doc_b), ``similarity``, most
    similar first; rows of the similarity matrix are computed at most ``chunk`` (and 250) at a
    time, each against the rows from its own on.

    >>> closest_pairs(pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c"],
    ...     "term": ["x", "y", "x", "y", "z"], "n": [1, 2, 1, 2, 4]}), k=1).round(2).values.tolist()
    [['a', 'b', 1.0]]
    """
    names, matrix = tf_idf_matrix(counts)
    best: list[tuple[float, int, int]] = []
    step = max(1, min(chunk, 250))  # smaller blocks: less of each below its diagonal
    for start in range(0, len(names), step):
        # each pair once: a block's rows against the articles from its first row on (the
        # columns before it pair with earlier rows). Rows are normalised one by one and a
        # product's entry sums over its row's terms in one order whichever columns are kept,
        # so the values are those of the whole matrix.
        block = cosine_similarity(matrix[start : start + step], matrix[start:])
        rows = np.arange(block.shape[0])[:, None]
        block[np.arange(block.shape[1])[None, :] <= rows] = -np.inf
        flat = block.ravel()
        # every pair tied with the k-th largest stays a candidate: which of several tied pairs
        # argpartition keeps is arbitrary, and the order below breaks ties by position
        if flat.size > k:
            kth = -np.partition(-flat, k - 1)[k - 1] if k > 0 else np.inf
            top = np.flatnonzero(flat >= kth)
        else:
            top = np.arange(flat.size)
        best += [(float(flat[t]), int(t // block.shape[1]) + start,
                  int(t % block.shape[1]) + start)
                 for t in top if np.isfinite(flat[t])]  # fmt: skip
    best = sorted(best, key=lambda b: (-b[0], b[1], b[2]))[:k]
    return pd.DataFrame([(names[a], names[b], v) for v, a, b in best],
                        columns=["doc_a", "doc_b", "similarity"])  # fmt: skip


def bootstrap(
    doc_ids: list[str],
    statistic: Callable[[list[str]], float],
    n_resamples: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> tuple[float, float, float]:
    """(estimate, low, high): a percentile interval from resampling whole articles.

    Articles, not words, are the independent units, so the interval reflects how much a
    statistic depends on which articles happened to be collected.
    """
    rng = np.random.default_rng(seed)
    ids = np.asarray(doc_ids)
    draws = [statistic(list(rng.choice(ids, size=len(ids), replace=True)))
             for _ in range(n_resamples)]  # fmt: skip
    tail = (1 - level) / 2
    if np.isnan(draws).all():  # the statistic is undefined on every resample (no terms at all)
        return statistic(list(ids)), float("nan"), float("nan")
    low, high = np.nanquantile(draws, [tail, 1 - tail])
    return statistic(list(ids)), float(low), float(high)


def keyness_intervals(
    counts: pd.DataFrame,
    group: list[str],
    terms: list[str],
    n_resamples: int = 500,
    seed: int = 0,
    prior_size: float = 500.0,
    languages: pd.Series | None = None,
) -> pd.DataFrame:
    """Article-level bootstrap intervals (95%) for the log-odds of ``terms`` (within one
    language, as ``keyness``, when ``languages`` is given).

    Articles are resampled with replacement within the focus group and within the rest;
    a side of fewer than ``MIN_ARTICLES`` articles gives no interval (``low`` and ``high``
    missing: not estimable).
    Output: one row per term with ``log_odds``, ``low``, ``high``.
    """
    counts, group, _ = same_language(counts, group, languages)
    # Only the chosen terms' columns and each article's total are resampled: the full
    # article × vocabulary matrix would not fit at tens of thousands of articles.
    docs = np.sort(counts.doc_id.unique())  # the order the bootstrap draws rows in
    totals = counts.groupby("doc_id").n.sum().reindex(docs).to_numpy(float)
    chosen = counts[counts.term.isin(terms)].pivot_table(
        index="doc_id", columns="term", values="n", aggfunc="sum", fill_value=0)  # fmt: skip
    values = chosen.reindex(index=docs, columns=terms, fill_value=0).to_numpy(float)
    corpus_total = counts.groupby("term").n.sum().reindex(terms).to_numpy(float)
    alpha = prior_size * corpus_total / totals.sum()
    focus = np.isin(docs, list(group))

    def log_odds(n_a, n_b, y_a: np.ndarray, y_b: np.ndarray) -> np.ndarray:
        return np.log((y_a + alpha) / (n_a + prior_size - y_a - alpha)) - np.log(
            (y_b + alpha) / (n_b + prior_size - y_b - alpha))  # fmt: skip

    a, b = np.flatnonzero(focus), np.flatnonzero(~focus)
    estimate = log_odds(totals[a].sum(), totals[b].sum(), values[a].sum(0), values[b].sum(0))
    low = high = np.full(len(terms), np.nan)
    if len(a) >= MIN_ARTICLES and len(b) >= MIN_ARTICLES:
        rng = np.random.default_rng(seed)
        # The draws in the order the resamples take them (each resample's focus rows, then
        # its rest rows), then how often each resample drew each article: counts times whole
        # numbers are exact in float64 in any order, so the sums are those of adding up the
        # drawn rows one resample at a time (a Python loop of fancy indexing, 0.2 s a call).
        draw_a = np.empty((n_resamples, len(a)), dtype=np.int64)
        draw_b = np.empty((n_resamples, len(b)), dtype=np.int64)
        for r in range(n_resamples):
            draw_a[r] = rng.integers(0, len(a), len(a))
            draw_b[r] = rng.integers(0, len(b), len(b))
        pick_a, pick_b = _picks(draw_a), _picks(draw_b)
        draws = log_odds((pick_a @ totals[a])[:, None], (pick_b @ totals[b])[:, None],
                         pick_a @ values[a], pick_b @ values[b])  # fmt: skip
        low, high = np.quantile(draws, [0.025, 0.975], axis=0)
    return pd.DataFrame({"term": terms, "log_odds": estimate, "low": low, "high": high})


def _picks(draws: np.ndarray) -> np.ndarray:
    """How often each row of ``draws`` (resamples × draws of positions 0..k-1) drew each
    position, as floats: a resamples × k matrix."""
    n_resamples, k = draws.shape
    offsets = (draws + k * np.arange(n_resamples)[:, None]).ravel()
    return np.bincount(offsets, minlength=n_resamples * k).reshape(n_resamples, k).astype(float)


def vocabulary_share(
    counts: pd.DataFrame,
    first: set[str],
    second: set[str],
    groups: pd.Series,
    n_resamples: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """How the terms of two vocabularies split within each group of articles.

    Input: term counts; ``groups`` maps each doc_id to its group (a source, a period).
    Output: one row per group with ``articles``, ``articles_using`` (articles using either
    vocabulary), ``n_first``, ``n_second``, ``share`` (first / (first + second)) and a 95%
    article-level bootstrap interval ``low``–``high``, missing (not estimable) when fewer than
    ``MIN_ARTICLES`` articles use either vocabulary or one vocabulary is never used (every
    resample would then give the same share: a zero-width interval says nothing).
    """
    per_doc = pd.DataFrame({
        "n_first": counts[counts.term.isin(first)].groupby("doc_id").n.sum(),
        "n_second": counts[counts.term.isin(second)].groupby("doc_id").n.sum(),
    }).reindex(groups.index).fillna(0)  # fmt: skip

    first_n, second_n = per_doc.n_first.to_numpy(), per_doc.n_second.to_numpy()
    position = {doc_id: k for k, doc_id in enumerate(per_doc.index)}
    rng = np.random.default_rng(seed)
    rows = []
    for group, ids in groups.groupby(groups).groups.items():
        at = np.array([position[i] for i in ids])
        a, b = first_n[at], second_n[at]
        estimate = a.sum() / (a.sum() + b.sum()) if a.sum() + b.sum() else np.nan
        low = high = np.nan
        using = int(((a + b) > 0).sum())
        if using >= MIN_ARTICLES and a.sum() and b.sum():  # too few: nothing to resample
            draws = rng.integers(0, len(at), (n_resamples, len(at)))
            with np.errstate(invalid="ignore", divide="ignore"):
                shares = a[draws].sum(1) / (a[draws].sum(1) + b[draws].sum(1))
            low, high = np.nanquantile(shares, [0.025, 0.975])
        rows.append((group, len(at), using, int(a.sum()), int(b.sum()), estimate, low, high))
    return pd.DataFrame(rows, columns=["group", "articles", "articles_using", "n_first",
                                       "n_second", "share", "low", "high"])  # fmt: skip


def largest_group(groups: pd.Series) -> str | None:
    """The group with most articles (ties: the first by name), None when there is none.

    >>> largest_group(pd.Series({"a": "Y", "b": "X", "c": "Y", "d": "X"}))
    'X'
    """
    sizes = group_sizes(groups)
    return sizes.index[0] if len(sizes) else None


def group_sizes(groups: pd.Series) -> pd.Series:
    """Articles per group, largest first, ties by name: the one order every view uses.

    >>> group_sizes(pd.Series(["Y", "X", "Y", "X", "Z"])).to_dict()
    {'X': 2, 'Y': 2, 'Z': 1}
    """
    return groups.value_counts().sort_index().sort_values(ascending=False, kind="stable")


def split_years(
    years: pd.Series,
    early: list[int] | None = None,
    late: list[int] | None = None,
    min_share: float = 0.1,
) -> tuple[list[int], list[int]]:
    """Two periods from the publication years of dated articles: split at the widest gap
    between consecutive years with articles, among the cuts that leave at least ``min_share``
    of the dated articles on each side (so one stray year cannot be a period of its own);
    among equal gaps, the cut that best balances the two sides. Returns (early years, late
    years); two empty lists when no cut qualifies (fewer than two distinct years). Where the
    reader gives one period (``early`` or ``late``), the other is every other dated year.

    >>> split_years(pd.Series([2011, 2021, 2022, 2022, None]))
    ([2011], [2021, 2022])
    >>> split_years(pd.Series([2015, 2016, 2017, 2018]))
    ([2015, 2016], [2017, 2018])
    >>> split_years(pd.Series([1998] + [2015] * 10 + [2016] * 10))
    ([1998, 2015], [2016])
    >>> split_years(pd.Series([2011, 2021, 2022]), early=[2011])
    ([2011], [2021, 2022])
    """
    counts = years.dropna().astype(int).value_counts().sort_index()
    if early is not None or late is not None:
        given = set(early if early is not None else late)
        rest = sorted(int(y) for y in set(counts.index) - given)
        return (list(early), late or rest) if early is not None else (rest, list(late))
    before = counts.cumsum().to_numpy()[:-1]
    least = max(1, min_share * counts.sum())
    allowed = (before >= least) & (counts.sum() - before >= least)
    if not allowed.any():
        return [], []
    distinct = counts.index.to_numpy()
    gaps = np.where(allowed, np.diff(distinct), -1)
    imbalance = np.abs(2 * before - counts.sum())
    cut = int(np.lexsort((imbalance, -gaps))[0]) + 1
    return [int(y) for y in distinct[:cut]], [int(y) for y in distinct[cut:]]


def top_keyness(
    counts: pd.DataFrame,
    table: pd.DataFrame,
    group: list[str],
    n: int = 8,
    n_resamples: int = 1000,
    languages: pd.Series | None = None,
) -> pd.DataFrame:
    """The ``n`` most distinctive terms each way of a ``keyness`` table, with their
    article-level bootstrap interval (``keyness_intervals``) and ``evidence``: "focus" or
    "rest" only when |z| ≥ ``Z_CRITICAL`` and the whole interval lies on that side of zero;
    "not significant" otherwise; "not estimable" when a side has fewer than ``MIN_ARTICLES``
    articles. ``significant`` is True for "focus" and "rest".
    """
    top = pd.concat([table.head(n), table.tail(n)]).drop_duplicates("term")
    ci = keyness_intervals(counts, group, top.term.tolist(), n_resamples=n_resamples,
                           languages=languages)  # fmt: skip
    out = top.merge(ci.drop(columns="log_odds"), on="term")
    strong = out.z.abs() >= Z_CRITICAL
    evidence = np.select(
        [out.low.isna(), strong & (out.low > 0), strong & (out.high < 0)],
        ["not estimable", "focus", "rest"],
        "not significant",
    )
    return out.assign(evidence=evidence, significant=np.isin(evidence, ["focus", "rest"]))


def comparison_sizes(
    counts: pd.DataFrame, group: list[str], languages: pd.Series | None = None
) -> tuple[int, int, bool]:
    """(articles in ``group``, articles in the rest, whether both reach ``MIN_ARTICLES``);
    with ``languages``, counted within the focus group's language (``same_language``).

    >>> comparison_sizes(pd.DataFrame({"doc_id": list("abcd"), "term": "x", "n": 1}), ["a"])
    (1, 3, False)
    """
    counts, group, _ = same_language(counts, group, languages)
    docs = set(counts.doc_id.unique())
    focus = len(docs & set(group))
    rest = len(docs) - focus
    return focus, rest, min(focus, rest) >= MIN_ARTICLES


def distinctive_terms(top: pd.DataFrame, side: str) -> list[str]:
    """The terms of a ``top_keyness`` table that pass the test on ``side`` ("focus"/"rest").

    >>> t = pd.DataFrame({"term": ["x", "y", "z"], "evidence": ["focus", "not significant",
    ...                   "rest"]})
    >>> distinctive_terms(t, "focus")
    ['x']
    """
    return top.term[top.evidence.eq(side)].tolist()
