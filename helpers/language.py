"""The language of each article, detected by py3langid from the opening of its clean text.

py3langid, not lingua, langdetect or fastText: its model ships inside a 4.6 MB wheel (lingua's
is 96 MB and takes half a minute to load), it needs no download at run time (fasttext-langdetect
fetches its model), it is a plain naive Bayes with no random sampling (langdetect draws at
random unless seeded), and it is maintained (langdetect has seen no release since 2021).
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from py3langid.langid import MODEL_FILE, LanguageIdentifier

# The first characters decide: py3langid reads text byte by byte in Python, so its cost grows
# with length, while a paragraph already names the language. 500 characters: about 2,000
# articles a second (1,000 characters: 1,300; benchmarks/russian.py), and the same language for
# every seed, Russian test article and ptc-test article.
MAX_CHARS = 500
# The code of an article whose language cannot be told (ISO 639-2's "undetermined").
UNDETERMINED = "und"
# The ``language`` parameter that keeps every article.
ALL = "all"
# Confidences are rounded so that the last bits of float arithmetic never change a table.
DIGITS = 3


class LanguageWarning(UserWarning):
    """Some articles have no letters to tell their language by, or were left out by language."""


class LanguageError(ValueError):
    """A ``language`` parameter that names no language, or leaves no article."""


BATCH = 512  # openings walked through py3langid's automaton together


@lru_cache(maxsize=1)
def identifier() -> LanguageIdentifier:
    """py3langid's model over all its 97 languages, with probabilities that sum to one."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _automaton() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """py3langid's byte automaton as numpy arrays: next state, row offsets, feature per state."""
    ident = identifier()
    return (np.frombuffer(ident.tk_nextmove, dtype=np.uint32), np.asarray(ident._rowbase, np.int64),
            np.asarray(ident.tk_output, dtype=np.int64))  # fmt: skip


class _Weights:
    """py3langid's float16 feature weights as float32, each row cast once when first needed:
    numpy casts the gathered rows to float32 for every product anyway (as slow as the product
    itself), to the same values; np.zeros maps pages only as rows are written."""

    def __init__(self, table: np.ndarray):
        self.table = table
        self.cast = np.zeros(table.shape, np.float32)
        self.done = np.zeros(len(table), bool)

    def rows(self, idx: np.ndarray) -> np.ndarray:
        """The float32 rows ``idx`` (each row cast the first time it is asked for)."""
        new = idx[~self.done[idx]]
        if len(new):
            new = np.unique(new)
            self.cast[new] = self.table[new]
            self.done[new] = True
        return self.cast[idx]


@lru_cache(maxsize=1)
def _weights() -> _Weights:
    return _Weights(identifier().nb_ptc)


def prepare() -> None:
    """Load the model and its arrays now (before worker processes fork, so they share them)."""
    identifier()
    _automaton()
    _weights()


def classify_openings(texts: Sequence[str]) -> list[tuple[str, float] | None]:
    """:func:`classify_many` of each text's first MAX_CHARS characters, as
    :func:`detect_language` reads them; None for an opening with no letter (undetermined)."""
    openings = [text[:MAX_CHARS] for text in texts]
    read = [k for k, opening in enumerate(openings) if any(c.isalpha() for c in opening)]
    out: list[tuple[str, float] | None] = [None] * len(texts)
    for k, found in zip(read, classify_many([openings[k] for k in read]), strict=True):
        out[k] = found
    return out


def classify_many(texts: Sequence[str]) -> list[tuple[str, float]]:
    """``identifier().classify(text)`` for every text, the same (language, probability) pairs.

    py3langid walks each text's bytes through its automaton one byte at a time in Python (90%
    of its time); here a batch of texts takes each step together as one numpy gather, and the
    rest is py3langid's own arithmetic on the same counts in the same order (its ``_decide``),
    so every probability is the same float (tests/test_language.py compares them).

    >>> classify_many(["Kyrgyzstan hosts joint exercises."])[0][0]
    'en'
    """
    ident = identifier()
    if ident.min_confidence is not None or not ident._norm_probs:
        return [ident.classify(text) for text in texts]  # only the model identifier() loads
    encoded = [ident._encode(text) for text in texts]
    out: list[tuple[str, float] | None] = [None] * len(texts)
    by_length = sorted(range(len(texts)), key=lambda k: -len(encoded[k]))
    for start in range(0, len(by_length), BATCH):
        batch = by_length[start : start + BATCH]
        for k, visits in zip(batch, _visits([encoded[k] for k in batch]), strict=True):
            out[k] = _classified(ident, visits, len(encoded[k]))
    return out  # type: ignore[return-value]


def _visits(encoded: list[bytes]) -> list[tuple[np.ndarray, np.ndarray] | None]:
    """py3langid's ``visit_counts`` for texts sorted longest first: the features met and their
    counts, in the order each was first met (the order of py3langid's dot product); None for a
    text that meets none."""
    nextmove, rowbase, output = _automaton()
    lengths = np.array([len(e) for e in encoded])
    width = int(lengths[0]) if len(lengths) else 0
    data = np.zeros((len(encoded), width), np.int64)
    for row, e in enumerate(encoded):
        data[row, : len(e)] = np.frombuffer(e, np.uint8)
    features = np.full((len(encoded), width), -1, np.int64)
    state = np.zeros(len(encoded), np.int64)
    active = len(encoded)
    for i in range(width):
        while lengths[active - 1] <= i:  # rows are longest first: the short ones have ended
            active -= 1
        state[:active] = nextmove[rowbase[state[:active]] + data[:active, i]]
        features[:active, i] = output[state[:active]]
    # Every (text, feature) met, counted, in the order first met. Flat positions run text by
    # text and byte by byte; one sort of (text, feature, position) finds each pair's count and
    # first position, a second sort of (first position, pair) puts the pairs in that order.
    n_features = len(identifier().nb_ptc)
    where = np.flatnonzero(features >= 0)
    pairs = where // max(width, 1) * n_features + features.ravel()[where]
    shift = max(int(len(features.ravel())).bit_length(), 1)
    met = np.sort(pairs << shift | where)
    starts = np.flatnonzero(np.diff(met >> shift, prepend=-1))
    counts = np.diff(starts, append=len(met))
    first = met[starts] & ((1 << shift) - 1)
    order = np.sort(first << shift | np.arange(len(starts))) & ((1 << shift) - 1)
    pairs, counts = met[starts][order] >> shift, counts[order]
    bounds = np.searchsorted(pairs // n_features, np.arange(len(encoded) + 1))
    idx, counts = (pairs % n_features).astype(np.intp), counts.astype(np.float32)
    _weights().rows(np.unique(idx))  # cast the batch's rows once
    return [None if lo == hi else (idx[lo:hi], counts[lo:hi])
            for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)]  # fmt: skip


def _classified(ident: LanguageIdentifier, visits, n_bytes: int) -> tuple[str, float]:
    """py3langid 0.4's ``_raw_score``, ``_decide`` (norm_probs) and ``classify`` from counts."""
    if visits is None:
        scores = np.full(len(ident.nb_classes), 0.0, dtype=np.float32)
    else:
        idx, counts = visits
        scores = np.log1p(counts) @ _weights().cast[idx] + ident.nb_pc
    scores *= 1.0 / math.sqrt(n_bytes or 1)
    np.exp(scores - scores.max(), out=scores)
    scores /= scores.sum()
    for i, j in ident._alias_pairs:
        scores[i] += scores[j]
        scores[j] = 0.0
    i = int(scores.argmax())
    return ident.nb_classes[i], float(scores[i])


def detect_language(
    articles: pd.DataFrame,
    column: str = "text",
    classified: Mapping[str, tuple[str, float]] | None = None,
) -> pd.DataFrame:
    """The articles with the language each is written in.

    Input: one row per article with ``doc_id`` and ``column`` (the clean ``text``).
    Output: a copy with ``language`` (ISO 639-1 code, "ru", "en", ...) and
    ``language_confidence`` (0–1, py3langid's probability of that language). An article whose
    text has no letters gets the language "und" (undetermined) and a missing confidence, with a
    LanguageWarning naming it. ``classified``: :func:`classify_many`'s answer for the opening of
    some articles (by doc_id), already worked out (by load_corpus's worker processes).

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": [
    ...     "Kyrgyzstan hosts joint exercises with its CSTO allies this week.",
    ...     "Киргизия проводит совместные учения с союзниками по ОДКБ."]})
    >>> detect_language(arts)[["doc_id", "language"]].values.tolist()
    [['a', 'en'], ['b', 'ru']]
    """
    languages, confidences, blank, openings, read = [], [], [], [], []
    for doc_id, text in zip(articles.doc_id, articles[column], strict=True):
        opening = text[:MAX_CHARS] if isinstance(text, str) else ""
        languages.append(UNDETERMINED)
        confidences.append(float("nan"))
        if not any(c.isalpha() for c in opening):
            blank.append(str(doc_id))
        elif classified is not None and doc_id in classified:
            language, probability = classified[doc_id]
            languages[-1], confidences[-1] = language, round(float(probability), DIGITS)
        else:
            openings.append(opening)
            read.append(len(languages) - 1)
    for k, (language, probability) in zip(read, classify_many(openings), strict=True):
        languages[k] = language
        confidences[k] = round(float(probability), DIGITS)
    if blank:
        shown = ", ".join(blank[:3]) + (", …" if len(blank) > 3 else "")
        warnings.warn(f"{len(blank)} article(s) have no letters in their text (empty after "
                      f"cleaning, as an exact duplicate is) and get no language: {shown}",
                      LanguageWarning, stacklevel=2)  # fmt: skip
    return articles.assign(
        language=pd.Series(languages, index=articles.index, dtype="string"),
        language_confidence=pd.Series(confidences, index=articles.index, dtype=float),
    )


def codes(language: str | Sequence[str]) -> set[str] | None:
    """The language codes a ``language`` parameter keeps; None for "all" (every article).

    >>> codes("all"), sorted(codes("ru")), sorted(codes(["en", "ru"]))
    (None, ['ru'], ['en', 'ru'])
    """
    if isinstance(language, str) and language.strip().lower() == ALL:
        return None
    wanted = {language} if isinstance(language, str) else set(language)
    known = set(identifier().nb_classes) | {UNDETERMINED}
    unknown = sorted(str(code) for code in wanted - known)
    if unknown or not wanted:
        raise LanguageError(
            f"language={language!r}: {', '.join(unknown) or 'nothing'} is no language code; give "
            f"'all' or ISO 639-1 codes such as 'en' or 'ru' (known: {', '.join(sorted(known))})"
        )
    return wanted


def add_language(
    corpus,
    language: str | Sequence[str] = ALL,
    classified: Mapping[str, tuple[str, float]] | None = None,
):
    """The corpus with each article's ``language``, restricted to ``language`` unless "all".

    The hook ``helpers.corpus.load_corpus`` calls on its finished tables. Input: a Corpus;
    ``language``: "all", a code ("ru") or a list of codes. Output: a copy whose ``articles``
    carry ``language`` (before ``text``; "und" when undetermined). A ``language`` column of the
    sidecar is kept where it gives one (detection fills the rest). An exact duplicate has no
    text of its own and takes its original's language. Articles in other languages are left
    out of ``articles``, ``removed``, ``paragraphs`` and ``provenance``, never dropped
    silently: their row in ``files`` becomes ``status`` skipped, ``reason`` language (with the
    language in ``detail``), and a LanguageWarning counts them per language. ``classified``:
    as for :func:`detect_language`.
    """
    wanted = codes(language)
    articles = corpus.articles
    exact = articles.duplicate_kind.eq("exact") if "duplicate_kind" in articles else None
    exact = exact if exact is not None else pd.Series(False, index=articles.index)
    # Only what detection reads is taken: the doc_id and each text's opening (detection reads
    # MAX_CHARS characters; a copy of every text would be a third of a large corpus's tables).
    if (~exact).any():
        read = articles.loc[~exact, ["doc_id"]]
        read["text"] = articles.text.str.slice(0, MAX_CHARS)[~exact]  # sliced, then taken
        found = detect_language(read, classified=classified)
    else:
        found = articles.iloc[:0]
    by_doc = dict(zip(found.doc_id, found.get("language", []), strict=True))
    origin = articles.duplicate_of.where(exact, articles.doc_id) if exact.any() else articles.doc_id
    language_column = origin.map(by_doc).fillna(UNDETERMINED).astype("string")
    # Copy-on-write (pandas 3): the shallow copy leaves the caller's table untouched when a column
    # is set or inserted, without copying every text.
    articles = articles.copy(deep=False)
    if "language" in articles:  # a sidecar's column: the researcher's word comes first
        stated = _stated_codes(articles.doc_id, articles.language)
        articles["language"] = stated.where(stated.notna(), language_column).astype("string")
    else:
        articles.insert(articles.columns.get_loc("text"), "language", language_column)
    _warn_unread(articles.language)
    corpus = dataclasses.replace(corpus, articles=articles)
    if wanted is None:
        return corpus
    keep = articles.language.isin(wanted)
    if not keep.any():
        found_codes = ", ".join(f"{c} ({n})" for c, n in articles.language.value_counts().items())
        raise LanguageError(f"language={language!r} leaves no article: the corpus holds "
                            f"{found_codes}")  # fmt: skip
    left_out = articles[~keep]
    if not left_out.empty:
        per_language = ", ".join(f"{n:,} {c}" for c, n in
                                 left_out.language.value_counts().sort_index().items())  # fmt: skip
        warnings.warn(f"{len(left_out):,} article(s) left out as not in language {language!r} "
                      f"({per_language}); see corpus.files, reason language",
                      LanguageWarning, stacklevel=3)  # fmt: skip
    kept_ids = set(articles.doc_id[keep])
    files = corpus.files.copy()
    out_language = dict(zip(left_out.doc_id, left_out.language, strict=True))
    hit = files.doc_id.isin(out_language)
    files.loc[hit, "status"] = "skipped"
    files.loc[hit, "reason"] = "language"
    files.loc[hit, "detail"] = [f"written in {out_language[d]}; the analysis keeps {language!r}"
                                for d in files.doc_id[hit]]  # fmt: skip

    def restrict(table: pd.DataFrame) -> pd.DataFrame:
        return table[table.doc_id.isin(kept_ids)].reset_index(drop=True)

    return dataclasses.replace(
        corpus, articles=restrict(articles), removed=restrict(corpus.removed),
        paragraphs=restrict(corpus.paragraphs), provenance=restrict(corpus.provenance),
        files=files,
    )  # fmt: skip


# A sidecar may name a language rather than code it: the names and ISO 639-2 codes of the
# languages a corpus on Central Asia is likely to hold (no library in the lock maps names).
NAMES = {"english": "en", "eng": "en", "russian": "ru", "rus": "ru", "kyrgyz": "ky",
         "kirghiz": "ky", "kir": "ky", "kazakh": "kk", "kaz": "kk", "uzbek": "uz", "uzb": "uz",
         "tajik": "tg", "tgk": "tg", "ukrainian": "uk", "ukr": "uk", "chinese": "zh", "zho": "zh",
         "chi": "zh", "german": "de", "deu": "de", "ger": "de", "french": "fr", "fra": "fr",
         "fre": "fr", "turkish": "tr", "tur": "tr"}  # fmt: skip
# The languages the per-article helpers read in their own language; the rest are read as English.
READ = frozenset({"en", "ru"})


def stated_code(value: object) -> str | None:
    """A sidecar's language as an ISO 639-1 code: a code, a regional tag or a name; None when
    it names no language py3langid knows.

    >>> [stated_code(v) for v in ["ru", "ru-RU", "Russian", " EN ", "rus", "Klingon", ""]]
    ['ru', 'ru', 'ru', 'en', 'ru', None, None]
    """
    text = str(value).strip().lower() if pd.notna(value) else ""
    code = NAMES.get(text, text.replace("_", "-").split("-")[0])
    return code if code in set(identifier().nb_classes) | {UNDETERMINED} else None


def _stated_codes(doc_ids: pd.Series, stated: pd.Series) -> pd.Series:
    """The sidecar's languages as codes; a value that names no language warns and is left to
    detection (missing here)."""
    found = stated.map(stated_code)
    bad = stated.notna() & stated.astype("string").str.strip().ne("") & found.isna()
    if bad.any():
        shown = ", ".join(f"{d}: {v!r}" for d, v in zip(doc_ids[bad][:3], stated[bad][:3],
                                                        strict=True))  # fmt: skip
        warnings.warn(f"metadata.csv: {bad.sum():,} language value(s) name no language code "
                      f"({shown}); their language is detected from the text instead",
                      LanguageWarning, stacklevel=4)  # fmt: skip
    return found.astype("string")


def _warn_unread(language: pd.Series) -> None:
    """Say which articles are in a language the helpers do not read in its own terms."""
    other = language[~language.isin(READ | {UNDETERMINED})]
    if not other.empty:
        per = ", ".join(f"{n:,} {c}" for c, n in other.value_counts().sort_index().items())
        warnings.warn(f"{len(other):,} article(s) in a language other than English or Russian "
                      f"({per}): the actor, term and date rules read them as English; restrict "
                      "with the language parameter to leave them out", LanguageWarning,
                      stacklevel=4)  # fmt: skip


def is_russian(articles: pd.DataFrame) -> pd.Series:
    """Which rows a per-article helper routes to its Russian implementation: ``language`` "ru"
    (no ``language`` column: none, every row is read as English)."""
    if "language" not in articles:
        return pd.Series(False, index=articles.index)
    return articles.language.eq("ru").fillna(False).astype(bool)


def route(
    articles: pd.DataFrame,
    english: Callable[[pd.DataFrame], pd.DataFrame],
    russian: Callable[[pd.DataFrame], pd.DataFrame],
) -> pd.DataFrame:
    """One per-article helper over articles of two languages: the Russian rows (``is_russian``)
    through ``russian``, the others through ``english``, the results (tables keyed by
    ``doc_id``, with the same columns) in the order of ``articles``; ``english``'s own output,
    untouched, when no row is Russian.

    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "language": ["ru", "en", "ru"]})
    >>> route(arts, lambda a: a.assign(x="en"), lambda a: a.assign(x="ru")).x.tolist()
    ['ru', 'en', 'ru']
    """
    ru = is_russian(articles)
    if not ru.any():
        return english(articles)
    out_ru = russian(articles[ru])
    if ru.all():
        return out_ru.reset_index(drop=True)
    out_en = english(articles[~ru])
    parts = [t for t in (out_en, out_ru.reindex(columns=out_en.columns)) if not t.empty]
    if not parts:
        return out_en.iloc[:0]
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    rank = {doc_id: k for k, doc_id in enumerate(articles.doc_id)}
    order = np.argsort(out.doc_id.map(rank).to_numpy(), kind="stable")
    return out.iloc[order].reset_index(drop=True)
