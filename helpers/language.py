"""The language of each article, detected by py3langid from the opening of its clean text.

py3langid, not lingua, langdetect or fastText: its model ships inside a 4.6 MB wheel (lingua's
is 96 MB and takes half a minute to load), it needs no download at run time (fasttext-langdetect
fetches its model), it is a plain naive Bayes with no random sampling (langdetect draws at
random unless seeded), and it is maintained (langdetect has seen no release since 2021).
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Callable, Sequence
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


@lru_cache(maxsize=1)
def identifier() -> LanguageIdentifier:
    """py3langid's model over all its 97 languages, with probabilities that sum to one."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(articles: pd.DataFrame, column: str = "text") -> pd.DataFrame:
    """The articles with the language each is written in.

    Input: one row per article with ``doc_id`` and ``column`` (the clean ``text``).
    Output: a copy with ``language`` (ISO 639-1 code, "ru", "en", ...) and
    ``language_confidence`` (0–1, py3langid's probability of that language). An article whose
    text has no letters gets the language "und" (undetermined) and a missing confidence, with a
    LanguageWarning naming it.

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": [
    ...     "Kyrgyzstan hosts joint exercises with its CSTO allies this week.",
    ...     "Киргизия проводит совместные учения с союзниками по ОДКБ."]})
    >>> detect_language(arts)[["doc_id", "language"]].values.tolist()
    [['a', 'en'], ['b', 'ru']]
    """
    languages, confidences, blank = [], [], []
    for doc_id, text in zip(articles.doc_id, articles[column], strict=True):
        opening = text[:MAX_CHARS] if isinstance(text, str) else ""
        if not any(c.isalpha() for c in opening):
            languages.append(UNDETERMINED)
            confidences.append(float("nan"))
            blank.append(str(doc_id))
            continue
        language, probability = identifier().classify(opening)
        languages.append(language)
        confidences.append(round(float(probability), DIGITS))
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


def add_language(corpus, language: str | Sequence[str] = ALL):
    """The corpus with each article's ``language``, restricted to ``language`` unless "all".

    The hook ``helpers.corpus.load_corpus`` calls on its finished tables. Input: a Corpus;
    ``language``: "all", a code ("ru") or a list of codes. Output: a copy whose ``articles``
    carry ``language`` (before ``text``; "und" when undetermined). A ``language`` column of the
    sidecar is kept where it gives one (detection fills the rest). An exact duplicate has no
    text of its own and takes its original's language. Articles in other languages are left
    out of ``articles``, ``removed``, ``paragraphs`` and ``provenance``, never dropped
    silently: their row in ``files`` becomes ``status`` skipped, ``reason`` language (with the
    language in ``detail``), and a LanguageWarning counts them per language.
    """
    wanted = codes(language)
    articles = corpus.articles
    exact = articles.duplicate_kind.eq("exact") if "duplicate_kind" in articles else None
    exact = exact if exact is not None else pd.Series(False, index=articles.index)
    found = detect_language(articles[~exact]) if (~exact).any() else articles.iloc[:0]
    by_doc = dict(zip(found.doc_id, found.get("language", []), strict=True))
    origin = articles.duplicate_of.where(exact, articles.doc_id) if exact.any() else articles.doc_id
    language_column = origin.map(by_doc).fillna(UNDETERMINED).astype("string")
    articles = articles.copy()
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
