"""Russian text processing: spaCy's Russian tokenizer, pymorphy3 lemmas, alias patterns.

``russian()`` is the Russian twin of :func:`helpers.nlp.english`: spaCy's blank Russian
tokenizer, the same paragraph and sentence boundaries, and a lemma per token from pymorphy3's
dictionary (the pymorphy3-dicts-ru package: nothing is downloaded). ``alias_lemmas`` turns
names as a dictionary gives them ("НАТО", "Россия", "Садыр Жапаров") into lemma sequences
for spaCy's PhraseMatcher on ``attr="LEMMA"``, so every case form of a name matches: "в НАТО",
"с Россией", "Садыра Жапарова".

>>> lemmas("Жапаров встретился с Путиным в Москве.")
['жапар', 'встретиться', 'с', 'путин', 'в', 'москва', '.']
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pymorphy3
import spacy
import yaml
from spacy.lang.ru.stop_words import STOP_WORDS  # noqa: F401  (re-exported for the vocabulary)
from spacy.language import Language
from spacy.matcher import PhraseMatcher
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


def alias_lemmas(alias: str) -> list[tuple[str, ...]]:
    """Every lemma sequence an alias may show, for a PhraseMatcher on ``attr="LEMMA"``.

    Each alias word may appear as its own lemma or as the word itself, lower-cased: pymorphy3
    guesses unknown surnames, so "Жапаров" alone reads as the plural of "жапар" while its
    genitive "Жапарова" reads as "жапаров", and only both readings together catch every form.

    >>> alias_lemmas("Садыр Жапаров")
    [('садыр', 'жапар'), ('садыр', 'жапаров')]
    """
    words = [sorted({lemma(t.text), t.text.lower()}) for t in russian().tokenizer(alias)]
    return sorted(set(itertools.product(*words)))


@lru_cache(maxsize=4096)
def _capitals(alias: str) -> tuple[bool, ...]:
    return tuple(t.text[:1].isupper() for t in russian().tokenizer(alias))


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


def alias_matcher(aliases: Sequence[str]) -> PhraseMatcher:
    """A PhraseMatcher on lemmas holding every lemma sequence of each alias; a match's id is
    the string of the alias's position in ``aliases`` ("0", "1", ...)."""
    nlp = russian()
    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    for k, alias in enumerate(aliases):
        docs = [Doc(nlp.vocab, words=list(seq), lemmas=list(seq)) for seq in alias_lemmas(alias)]
        matcher.add(str(k), docs)
    return matcher


def alias_spans(doc: Doc, matcher: PhraseMatcher, aliases: Sequence[str]) -> list[Span]:
    """The non-overlapping alias matches of ``doc``, the longest winning ("Садыр Жапаров" is
    one span, not two); each span's ``label_`` is the alias's position in ``aliases``. A
    capitalised alias word only matches a token that is not all lower case: lemmas have no
    capitals, and "роза" is not Роза Отунбаева.

    >>> aliases = ["Жапаров", "Садыр Жапаров", "Москва", "Роза Отунбаева"]
    >>> doc = russian()("Садыр Жапаров прилетел в Москву; роза Отунбаева не в счёт.")
    >>> [(s.text, s.label_) for s in alias_spans(doc, alias_matcher(aliases), aliases)]
    [('Садыр Жапаров', '1'), ('Москву', '2')]
    """
    spans = []
    for match_id, start, end in matcher(doc):
        label = doc.vocab.strings[match_id]
        capitals = _capitals(aliases[int(label)])
        if all(not doc[start + i].is_lower for i, capital in enumerate(capitals) if capital):
            spans.append(Span(doc, start, end, label=label))
    return filter_spans(spans)
