"""Russian text processing: spaCy's Russian tokenizer, pymorphy3 lemmas, alias patterns.

``russian()`` is the Russian twin of :func:`helpers.nlp.english`: spaCy's blank Russian
tokenizer, the same paragraph and sentence boundaries, and a lemma per token from pymorphy3's
dictionary (the pymorphy3-dicts-ru package: nothing is downloaded). ``alias_patterns`` turns
names as a dictionary gives them ("НАТО", "Россия", "Садыр Жапаров") into spaCy Matcher
patterns on those lemmas, so every case form of a name matches: "в НАТО", "с Россией",
"Садыра Жапарова".

>>> lemmas("Жапаров встретился с Путиным в Москве.")
['жапар', 'встретиться', 'с', 'путин', 'в', 'москва', '.']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pymorphy3
import spacy
import yaml
from spacy.lang.ru.stop_words import STOP_WORDS  # noqa: F401  (re-exported for the vocabulary)
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from helpers import nlp as _nlp  # noqa: F401  (registers the "paragraph_breaks" component)

ALIASES_RU = Path(__file__).parent / "data" / "actors_ru.yaml"
# pymorphy3 tags proper names with these grammemes, surnames first: "Токаева" is both a woman's
# first name and the genitive of the surname Токаев, and a surname is the likelier reading.
PROPER = ("Surn", "Name", "Patr", "Geox", "Orgn", "Trad")


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    """The shared pymorphy3 analyser (its dictionary loads once per process)."""
    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=500_000)
def lemma(word: str) -> str:
    """The dictionary form of one word: pymorphy3's likeliest parse, a proper-name parse first
    for a capitalised word ("Токаева" is the surname Токаев's genitive before a woman's name).

    >>> [lemma(w) for w in ["России", "Жапарова", "НАТО", "учения", "Токаева", "токаева"]]
    ['россия', 'жапаров', 'нато', 'учение', 'токаев', 'токаева']
    """
    parses = morph().parse(word)
    if word[:1].isupper():
        for grammeme in PROPER:
            for parse in parses:
                if grammeme in parse.tag:
                    return parse.normal_form
    return parses[0].normal_form


@Language.component("pymorphy3_lemmas")
def pymorphy3_lemmas(doc: Doc) -> Doc:
    # spaCy's own Russian lemmatizer needs part-of-speech tags from a trained pipeline, which
    # cannot be downloaded here; without them it keeps every ambiguous form as written
    # ("Жапарова", "Путина" stay as they are), so the lemma is taken from pymorphy3 directly.
    for token in doc:
        if not token.is_space:
            token.lemma_ = lemma(token.text)
    return doc


@lru_cache(maxsize=1)
def russian() -> Language:
    """The shared blank Russian pipeline: tokenizer, paragraph breaks, sentences, lemmas."""
    nlp = spacy.blank("ru")
    nlp.add_pipe("paragraph_breaks")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("pymorphy3_lemmas")
    return nlp


def lemmas(text: str) -> list[str]:
    """The lemma of every non-space token of ``text``, in order (see the module example)."""
    return [token.lemma_ for token in russian()(text) if not token.is_space]


def alias_patterns(aliases: Iterable[str]) -> list[list[dict]]:
    """One spaCy Matcher pattern per alias, matching its words in any case form.

    Each alias word matches a token whose lemma is the word's own lemma or the word itself
    (pymorphy3 guesses unknown surnames: "Жапаров" alone reads as the plural of "жапар", its
    genitive "Жапарова" as "жапаров"; the alias's lower-case form covers both). A capitalised
    alias word only matches a token that is not all lower case, so "Роза" is not "роза".

    >>> alias_patterns(["Садыр Жапаров"])[0][1]
    {'LEMMA': {'IN': ['жапар', 'жапаров']}, 'IS_LOWER': False}
    """
    tokenizer = russian().tokenizer
    patterns = []
    for alias in aliases:
        pattern = []
        for token in tokenizer(alias):
            spec: dict = {"LEMMA": {"IN": sorted({lemma(token.text), token.text.lower()})}}
            if token.text[:1].isupper():
                spec["IS_LOWER"] = False
            pattern.append(spec)
        patterns.append(pattern)
    return patterns


def load_aliases(path: str | Path = ALIASES_RU) -> pd.DataFrame:
    """The Russian alias file as a table: one row per alias with ``actor``, ``alias`` and
    ``metonym`` (bool).

    >>> load_aliases().query("alias == 'Кремль'")[["actor", "metonym"]].values.tolist()
    [['Russia', True]]
    """
    rows = []
    for entry in yaml.safe_load(Path(path).read_text(encoding="utf-8")):
        for alias in entry["aliases"]:
            spec = alias if isinstance(alias, dict) else {"alias": alias}
            rows.append({"actor": entry["actor"], "alias": str(spec["alias"]),
                         "metonym": bool(spec.get("metonym", False))})  # fmt: skip
    return pd.DataFrame(rows, columns=["actor", "alias", "metonym"])


def alias_matcher(aliases: Sequence[str]) -> Matcher:
    """A Matcher holding ``alias_patterns(aliases)``; a match's id is the string of the alias's
    position in ``aliases`` ("0", "1", ...)."""
    matcher = Matcher(russian().vocab)
    for k, pattern in enumerate(alias_patterns(aliases)):
        matcher.add(str(k), [pattern])
    return matcher


def alias_spans(doc: Doc, matcher: Matcher) -> list[Span]:
    """The non-overlapping alias matches of ``doc``, the longest winning ("Садыр Жапаров" is
    one span, not two); each span's ``label_`` is the alias's position.

    >>> doc = russian()("Садыр Жапаров прилетел в Москву.")
    >>> [(s.text, s.label_) for s in alias_spans(doc, alias_matcher(["Жапаров", "Садыр Жапаров", "Москва"]))]
    [('Садыр Жапаров', '1'), ('Москву', '2')]
    """  # noqa: E501
    spans = [Span(doc, start, end, label=match_id) for match_id, start, end in matcher(doc)]
    return filter_spans(spans)
