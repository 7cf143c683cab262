"""Text helpers shared by the analysis notebooks: the one tokenizer of counted terms.

Names are counted as concepts (``helpers.vocabulary``): every literal alias of a gazetteer
entry becomes the entry's canonical term ("Zhaparov" and "Sadyr Japarov" are both
"sadyr japarov", "Kyrgyz Republic" is "kyrgyzstan"), so keyness never sets two spellings of
one name against each other.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.english_terms import english_terms
from helpers.language import is_russian, route
from helpers.schema import columns
from helpers.vocabulary import gazetteer_path, known_word, lemma, normalise_term

__all__ = ["normalise_term"]  # re-exported: older code imports it from here


def concordance(spans: pd.DataFrame, articles: pd.DataFrame, window: int = 40) -> pd.DataFrame:
    """Keyword-in-context for any table of spans in ``articles.text``.

    Input: one row per span with ``doc_id``, ``start`` and ``end`` (offsets into ``text``).
    Output: the same rows with ``left``, ``match`` and ``right`` added, each context cut to
    ``window`` characters and with line breaks shown as spaces.

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Moscow and the CSTO met."]})
    >>> concordance(pd.DataFrame({"doc_id": ["a"], "start": [15], "end": [19]}), arts, 8)
      doc_id  start  end      left match  right
    0      a     15   19  and the   CSTO   met.
    """
    texts = articles.set_index("doc_id").text
    # A dict, not the Series: a Series look-up per span cost 40 µs, 3 s for 70,000 mentions
    # (a repeated doc_id keeps the Series, and its error, as before).
    texts = texts.to_dict() if texts.index.is_unique else texts
    rows = [
        (
            texts[d][max(0, s - window) : s].replace("\n", " ").rjust(window),
            texts[d][s:e].replace("\n", " "),
            texts[d][e : e + window].replace("\n", " "),
        )
        for d, s, e in zip(spans.doc_id, spans.start, spans.end, strict=True)
    ]
    contexts = pd.DataFrame(rows, columns=["left", "match", "right"], index=spans.index)
    return pd.concat([spans, contexts], axis=1)


TOKEN_COLUMNS = columns("tokens")  # helpers.schema: the columns and their meanings


def _close_compounds(terms: pd.Series) -> pd.Series:
    """A hyphenated compound is counted as its closed form where the corpus or the dictionary
    writes it closed: "peace-keeping" and "peacekeeping" are one term; "kyrgyz-tajik" stays."""
    closed = _closed(terms.unique())
    return terms.replace(closed) if closed else terms


def _closed(terms) -> dict[str, str]:
    """The closed form of each hyphenated compound among ``terms`` (the distinct terms of a
    corpus) that the corpus or the dictionary writes closed."""
    single = set(terms)
    closed = {}
    for term in terms:
        if "-" not in term or " " in term:
            continue
        joined = "".join(term.split("-"))
        if joined.isalpha() and (joined in single or known_word(joined)):
            closed[term] = lemma(joined)
    return closed


def term_tokens(articles: pd.DataFrame, gazetteer: str | Path | None = None) -> pd.DataFrame:
    """The counted terms of every article in reading order: the one tokenizer of the package.

    Input: one row per article with ``doc_id`` and ``text``.
    Output: one row per term occurrence: ``doc_id``, ``position`` (0, 1, ... within the
    article), ``term``, ``sentence_id``, ``start``, ``end`` (offsets into ``text``).
    Terms are lower-cased lookup lemmas (``helpers.vocabulary.lemma``); stop words,
    punctuation and bare numbers are left out; names with digits stay ("s-300"); hyphenated
    compounds stay whole ("kyrgyz-tajik") or closed where the closed form is a word
    ("peace-keeping" → "peacekeeping"); every literal alias of a ``gazetteer`` entry (None: the
    project's) is its canonical term ("North-Atlantic Alliance" → "nato"); other multiword
    phrases of ``phrases.txt`` are one term ("partnership for peace").

    >>> term_tokens(pd.DataFrame({"doc_id": ["a"], "text": ["The North-Atlantic Alliance's S-300."]})).term.tolist()
    ['nato', 's-300']

    Articles with ``language`` "ru" are read by ``helpers.russian_text.term_tokens_ru``
    (pymorphy3 lemmas, Russian stop words, names as the same canonical terms); all others as
    English.
    """  # noqa: E501
    return route(articles, lambda a: _english_tokens(a, gazetteer),
                 lambda a: _russian_tokens(a, gazetteer))  # fmt: skip


def _russian_tokens(articles: pd.DataFrame, gazetteer: str | Path | None) -> pd.DataFrame:
    from helpers.russian_text import term_tokens_ru  # spaCy's Russian, only when needed

    return term_tokens_ru(articles, gazetteer)[TOKEN_COLUMNS]


def _english_arrays(articles: pd.DataFrame, gazetteer: str | Path | None) -> dict:
    """The counted terms of English articles as arrays (``article``: row of ``articles``,
    ``code``: index into ``terms``, ``sentence_id``, ``start``, ``end``), compounds closed;
    cached: notebooks read one corpus through several helpers."""
    path = gazetteer_path(gazetteer)
    texts = articles.text.to_numpy(dtype=object).tolist()  # not one Arrow string at a time
    key = (tuple(articles.doc_id.to_numpy(dtype=object).tolist()), tuple(texts), path)
    if key not in _TOKEN_CACHE:
        article, code, sent, start, end, vocab = english_terms(texts, path)
        # the corpus's own term list (codes index it: english_terms lists only the terms that
        # occur), hyphenated compounds closed
        terms = list(vocab)
        closed = _closed(terms)
        if closed:
            local = {t: k for k, t in enumerate(terms)}
            for form in closed.values():
                if form not in local:
                    local[form] = len(terms)
                    terms.append(form)
            remap = np.arange(len(terms))
            for term, form in closed.items():
                remap[local[term]] = local[form]
            code = remap[code]
        terms = np.array(terms, dtype=object)
        _TOKEN_CACHE.clear()  # one corpus at a time
        _TOKEN_CACHE[key] = {"article": article, "code": code, "sentence_id": sent,
                             "start": start, "end": end, "terms": terms}  # fmt: skip
    return _TOKEN_CACHE[key]


def _english_tokens(articles: pd.DataFrame, gazetteer: str | Path | None) -> pd.DataFrame:
    """``term_tokens`` for English articles, built column by column (no tuple per term:
    20,000 articles hold 10 million terms)."""
    got = _english_arrays(articles, gazetteer)
    if not len(got["code"]):
        return pd.DataFrame([], columns=TOKEN_COLUMNS)
    article = got["article"]
    sizes = np.bincount(article, minlength=len(articles))
    firsts = np.cumsum(sizes) - sizes
    return pd.DataFrame({
        "doc_id": np.array(articles.doc_id, dtype=object)[article],
        "position": np.arange(len(article), dtype=np.int64) - firsts[article],
        "term": got["terms"][got["code"]],
        "sentence_id": got["sentence_id"],
        "start": got["start"].astype(np.int64),
        "end": got["end"].astype(np.int64),
    })  # fmt: skip


_TOKEN_CACHE: dict = {}


def count_terms(
    articles: pd.DataFrame, ngram: int = 1, gazetteer: str | Path | None = None
) -> pd.DataFrame:
    """How often each term (or n-gram of adjacent terms in one sentence) occurs per article.

    Input: one row per article with ``doc_id`` and ``text``.
    Output: one row per ``doc_id`` and ``term`` with ``n``, sorted by ``doc_id``, then ``n``
    descending, then ``term``.

    >>> count_terms(pd.DataFrame({"doc_id": ["a"], "text": ["Weapons and more weapons."]}))
      doc_id    term  n
    0      a  weapon  2
    """
    if ngram == 1 and not is_russian(articles).any():
        counted = _english_counts(articles, gazetteer)
        if counted is not None:
            return counted
    tokens = term_tokens(articles, gazetteer)
    tokens = ngrams(tokens, ngram) if ngram > 1 else tokens
    counts = tokens.groupby(["doc_id", "term"], as_index=False).size().rename(columns={"size": "n"})
    return counts.sort_values(["doc_id", "n", "term"], ascending=[True, False, True],
                              ignore_index=True)  # fmt: skip


def rows_of(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The rows of a per-article table whose ``doc_id`` is one of ``articles``', in the table's
    order, numbered from 0. Terms are counted article by article, so ``rows_of(count_terms(every),
    kept)`` is ``count_terms(kept)``: a chapter can reuse the counts of every article.

    Input: any table with ``doc_id`` (one row per term per document, say), and one with ``doc_id``.

    >>> counts = pd.DataFrame({"doc_id": ["a", "b", "b"], "term": ["x", "x", "y"], "n": [1, 2, 1]})
    >>> rows_of(counts, pd.DataFrame({"doc_id": ["b"]}))
      doc_id term  n
    0      b    x  2
    1      b    y  1
    """
    return table[table.doc_id.isin(articles.doc_id)].reset_index(drop=True)


def _english_counts(articles: pd.DataFrame, gazetteer: str | Path | None) -> pd.DataFrame | None:
    """``count_terms`` of English articles from the term codes, without a row per term: the
    same table as grouping ``term_tokens`` (None where that table would be empty, or doc_ids
    are not all strings, whose order the grouping decides)."""
    doc_ids = articles.doc_id.to_numpy(dtype=object).tolist()
    if not all(isinstance(d, str) for d in doc_ids):
        return None
    got = _english_arrays(articles, gazetteer)
    if not len(got["code"]):
        return None
    names = sorted(set(doc_ids))  # articles sharing a doc_id are counted together
    rank = {d: k for k, d in enumerate(names)}
    doc_rank = np.array([rank[d] for d in doc_ids], dtype=np.int64)
    terms = got["terms"]
    order = np.argsort(terms.astype(str), kind="stable")  # code-point order, as sorted()
    term_rank = np.empty(len(terms), np.int64)
    term_rank[order] = np.arange(len(terms))
    if len(names) == len(doc_ids):
        doc_of, term_of, n = _counts_by_article(got["article"], term_rank[got["code"]],
                                                len(terms), doc_rank)  # fmt: skip
    else:
        doc = doc_rank[got["article"]]
        pair, n = np.unique(doc * len(terms) + term_rank[got["code"]], return_counts=True)
        doc_of, term_of = np.divmod(pair, len(terms))
        by = np.lexsort((term_of, -n, doc_of))
        doc_of, term_of, n = doc_of[by], term_of[by], n[by]
    return pd.DataFrame({
        "doc_id": string_column(names, doc_of),
        "term": string_column(terms[order].tolist(), term_of),
        "n": n.astype(np.int64),
    })  # fmt: skip


# Tokens counted at a time by ``_counts_by_article``: sorting a few hundred thousand numbers
# stays in the CPU's cache, one sort of a corpus's millions does not (at 20,000 articles the
# corpus-wide sorts cost a quarter of count_terms, and grew faster than the corpus).
COUNT_CHUNK = 1 << 18
KEY_LIMIT = 2**62  # the sort keys' bound: int64 holds them


def _counts_by_article(
    article: np.ndarray, term: np.ndarray, n_terms: int, doc_rank: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(doc rank, term rank, n) of each distinct term of each article, ordered by doc rank, n
    descending and term rank, counted a run of whole articles at a time.

    Input: each token's ``article`` (ascending) and ``term`` rank (below ``n_terms``), and each
    article's ``doc_rank`` (no two articles share one)."""
    bounds = np.searchsorted(article, article[np.arange(0, len(article), COUNT_CHUNK)])
    bounds = [*np.unique(bounds).tolist(), len(article)]
    arts, ranks, counts = [], [], []
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=False):
        first = int(article[lo])
        local = article[lo:hi].astype(np.int64) - first
        pair, n = np.unique(local * n_terms + term[lo:hi], return_counts=True)
        at, rank = np.divmod(pair, n_terms)
        top = int(n.max()) + 1
        if (int(at[-1]) + 1) * top * n_terms < KEY_LIMIT:  # one sort key: article, -n, term
            key = np.sort((at * top + (top - 1 - n)) * n_terms + rank)
            rest, rank = np.divmod(key, n_terms)
            at, n = np.divmod(rest, top)
            n = top - 1 - n
        else:
            by = np.lexsort((rank, -n, at))
            at, rank, n = at[by], rank[by], n[by]
        arts.append(at + first)
        ranks.append(rank)
        counts.append(n)
    at, rank, n = (np.concatenate(x) for x in (arts, ranks, counts))
    if len(doc_rank) > 1 and not (np.diff(doc_rank) > 0).all():  # articles in doc_id order
        sizes = np.bincount(at, minlength=len(doc_rank))
        starts = np.cumsum(sizes) - sizes
        by = np.argsort(doc_rank)
        size = sizes[by]
        rows = np.repeat(starts[by] - (np.cumsum(size) - size), size) + np.arange(len(at))
        at, rank, n = at[rows], rank[rows], n[rows]
    return doc_rank[at], rank, n


def string_column(values: list[str], codes: np.ndarray):
    """``np.array(values, dtype=object)[codes]`` as the column pandas makes of it, built from
    the distinct strings: pandas' Arrow strings are taken from ``values`` by position instead
    of converting millions of Python strings one by one (the same dtype and values).

    >>> pd.Series(string_column(["a", "b"], np.array([1, 0, 1]))).tolist()
    ['b', 'a', 'b']
    """
    dtype = pd.Series(["a"]).dtype  # what pandas infers for strings: "str", Arrow-backed
    if getattr(dtype, "storage", None) == "pyarrow" and len(codes):
        import pyarrow as pa

        taken = pa.array(values, pa.large_string()).take(pa.array(codes, pa.int64()))
        if taken.null_count == 0:
            return pd.array(taken, dtype=dtype)
    return np.array(values, dtype=object)[codes]


def ngrams(tokens: pd.DataFrame, n: int) -> pd.DataFrame:
    """Adjacent-term n-grams within one sentence, from ``term_tokens`` output.

    Input: one row per term occurrence (``doc_id``, ``term``, ``sentence_id``), each article's
    rows in reading order. Output: the rows that start an n-gram (the next n - 1 rows of their
    article in the same sentence), ``term`` the n terms joined by spaces.

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "term": ["csto", "summit", "bishkek",
    ...                   "nato"], "sentence_id": [0, 0, 1, 0]})
    >>> ngrams(t, 2).term.tolist()
    ['csto summit']
    """
    # On arrays, not a group-by shift per part: 2,000 articles took 8 s that way, 0.3 s this way.
    doc = pd.factorize(tokens.doc_id)[0]  # -1: no doc_id, no n-gram (as groupby drops it)
    order = np.argsort(doc, kind="stable")  # each article's rows together, in their order
    at = np.empty_like(order)
    at[order] = np.arange(len(order))
    last = at + (n - 1)  # where the n-th term from each row stands in that order
    ok = (last < len(order)) & (doc >= 0)
    ok[ok] = doc[order[last[ok]]] == doc[ok]
    sentence = tokens.sentence_id.to_numpy(dtype=float)  # NaN: in no sentence, equal to none
    rows = np.flatnonzero(ok)
    for k in range(1, n):
        rows = rows[sentence[order[at[rows] + k]] == sentence[rows]]
    terms = tokens.term.to_numpy(dtype=object)
    joined = terms[rows]
    for k in range(1, n):
        joined = joined + " " + terms[order[at[rows] + k]]
    out = tokens.iloc[rows]
    return out.assign(term=pd.Series(joined, index=out.index, dtype=tokens.term.dtype))


def kwic(articles: pd.DataFrame, pattern: str, window: int = 40) -> pd.DataFrame:
    """Keyword in context for a regular expression (case-insensitive) over ``text``.

    Output: one row per match: ``doc_id``, ``start``, ``end``, ``left``, ``match``, ``right``.
    """
    regex = re.compile(pattern, re.IGNORECASE)
    rows = [(d, m.start(), m.end()) for d, t in zip(articles.doc_id, articles.text, strict=True)
            for m in regex.finditer(t)]  # fmt: skip
    return concordance(pd.DataFrame(rows, columns=["doc_id", "start", "end"]), articles, window)


def term_positions(
    articles: pd.DataFrame, terms: list[str], gazetteer: str | Path | None = None
) -> pd.DataFrame:
    """Where each of ``terms`` occurs: ``doc_id``, ``term``, ``position`` and ``relative``
    (position / number of terms in the article, 0 = start, 1 = end), for dispersion plots."""
    tokens = term_tokens(articles, gazetteer)
    length = tokens.groupby("doc_id").position.transform("size")
    tokens["relative"] = tokens.position / length
    return tokens[tokens.term.isin(terms)][["doc_id", "term", "position", "relative"]]


def term_variants(articles: pd.DataFrame, gazetteer: str | Path | None = None) -> pd.DataFrame:
    """The names that counting merges into one term, for the reader to check.

    Input: one row per article with ``doc_id`` and ``text``. Output: one row per ``term``
    written in more than one way (after folding case and hyphens), with ``variants`` (the
    forms, most frequent first, each with its count) and ``n`` (occurrences in all).

    >>> term_variants(pd.DataFrame({"doc_id": ["a"], "text": ["Japarov, Zhaparov, Japarov."]}))
                term                   variants  n
    0  sadyr japarov  japarov (2), zhaparov (1)  3
    """
    tokens = term_tokens(articles, gazetteer)
    texts = articles.set_index("doc_id").text
    # plain strings by doc_id: a Series lookup per term took 25 of 28 s on 2,000 articles
    text_of = (dict(zip(texts.index, texts.to_numpy(dtype=object).tolist(), strict=True))
               if texts.index.is_unique else texts)  # fmt: skip
    doc_ids = tokens.doc_id.to_numpy(dtype=object).tolist()
    written = [text_of[d][s:e] for d, s, e in
               zip(doc_ids, tokens.start.tolist(), tokens.end.tolist(), strict=True)]  # fmt: skip
    # inflections are not variants: "presidents" is folded to "president" before comparing;
    # each distinct written form is folded once
    folded = {w: _folded(normalise_term(w)) for w in set(written)}
    surface = [folded[w] for w in written]
    russian = set(articles.doc_id[is_russian(articles)])
    if russian:  # a Russian name's case forms are inflections too ("России", "Россией")
        from helpers.russian import lemma as russian_lemma

        lemmas = {w: " ".join(russian_lemma(x) for x in re.findall(r"\w+", w))
                  for w, d in zip(written, doc_ids, strict=True) if d in russian}  # fmt: skip
        surface = [lemmas[w] if d in russian else f
                   for d, w, f in zip(doc_ids, written, surface, strict=True)]  # fmt: skip
    return variants_of(tokens.assign(surface=surface))


def variants_of(tokens: pd.DataFrame) -> pd.DataFrame:
    """The terms written in more than one ``surface`` form, as ``term_variants`` lists them.

    Input: one row per token with ``term`` and its folded written form ``surface``. Output:
    one row per such term: ``term``, ``variants`` ("form (count)", most frequent first) and
    ``n``, the most frequent terms first.

    >>> variants_of(pd.DataFrame({"term": ["nato"] * 3, "surface": ["NATO", "Nato", "NATO"]}))
       term            variants  n
    0  nato  NATO (2), Nato (1)  3
    """
    forms = tokens.groupby(["term", "surface"]).size().rename("n")
    forms = forms.reset_index().sort_values(["term", "n", "surface"], ascending=[True, False, True])
    many = forms[forms.groupby("term").surface.transform("size") > 1]
    out = many.groupby("term", sort=False).agg(
        variants=("surface", list), counts=("n", list), n=("n", "sum"))  # fmt: skip
    out["variants"] = [", ".join(f"{v} ({c})" for v, c in zip(vs, cs, strict=True))
                       for vs, cs in zip(out.variants, out.counts, strict=True)]  # fmt: skip
    out = out.drop(columns="counts").reset_index()
    return out.sort_values(["n", "term"], ascending=[False, True], ignore_index=True)


def _folded(surface: str) -> str:
    return lemma(surface) if " " not in surface else surface
