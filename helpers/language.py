"""The language of each article, detected by py3langid from the opening of its clean text.

py3langid, not lingua, langdetect or fastText: its model ships inside a 4.6 MB wheel (lingua's
is 96 MB and takes half a minute to load), it needs no download at run time (fasttext-langdetect
fetches its model), it is a plain naive Bayes with no random sampling (langdetect draws at
random unless seeded), and it is maintained (langdetect has seen no release since 2021).
"""

from __future__ import annotations

import warnings
from functools import lru_cache

import pandas as pd
from py3langid.langid import MODEL_FILE, LanguageIdentifier

# The first characters decide: py3langid reads text byte by byte in Python, so its cost grows
# with length, while a headline and a paragraph already name the language.
MAX_CHARS = 1000
# Confidences are rounded so that the last bits of float arithmetic never change a table.
DIGITS = 3


class LanguageWarning(UserWarning):
    """Some articles have no letters to tell their language by."""


@lru_cache(maxsize=1)
def identifier() -> LanguageIdentifier:
    """py3langid's model over all its 97 languages, with probabilities that sum to one."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(articles: pd.DataFrame, column: str = "text") -> pd.DataFrame:
    """The articles with the language each is written in.

    Input: one row per article with ``doc_id`` and ``column`` (the clean ``text``).
    Output: a copy with ``language`` (ISO 639-1 code, "ru", "en", ...) and
    ``language_confidence`` (0–1, py3langid's probability of that language). An article whose
    text has no letters gets a missing language and confidence, with a LanguageWarning naming it.

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
            languages.append(None)
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
