"""Counted terms of Russian articles: the Russian twin of :func:`helpers.text.term_tokens`.

A term is a word's pymorphy3 lemma, lower case ("учениями" → "учение"); spaCy's Russian stop
words, punctuation and bare numbers are left out. Every literal Russian alias of a gazetteer
actor is that actor's canonical term, the same as in English ("Жапарова", "Садыр Жапаров" and
"Zhaparov" are all "sadyr japarov", "ОДКБ" and "CSTO" both "csto"), so a name is one concept in
both languages; metonyms ("Москва", "Кремль") stay words, as in English.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from spacy.lang.ru.stop_words import STOP_WORDS

from helpers.nlp import sentence_ids
from helpers.russian import alias_spans, russian
from helpers.russian_actors import _matcher, russian_gazetteer
from helpers.vocabulary import gazetteer_path

_BARE_NUMBER = re.compile(r"^[\d.,:/%–-]+$")


def _terms_of(doc, matcher, names, terms) -> list[tuple[str, int, int, int]]:
    sent = sentence_ids(doc)
    name_at = {s.start: s for s in alias_spans(doc, matcher, names) if terms[int(s.label_)]}
    out, i = [], 0
    while i < len(doc):
        if i in name_at:
            span = name_at[i]
            out.append((terms[int(span.label_)], int(sent[i]), span.start_char, span.end_char))
            i = span.end
            continue
        token = doc[i]
        term = token.lemma_.lower()
        skip = (
            token.is_punct
            or token.is_space
            or token.is_stop
            or term in STOP_WORDS
            or _BARE_NUMBER.match(token.text)
            or not any(c.isalnum() for c in token.text)
        )
        if not skip:
            out.append((term, int(sent[i]), token.idx, token.idx + len(token)))
        i += 1
    return out


def term_tokens_ru(articles: pd.DataFrame, gazetteer: str | Path | None = None) -> pd.DataFrame:
    """The counted terms of Russian articles in reading order, as ``term_tokens`` rows:
    ``doc_id``, ``position``, ``term``, ``sentence_id``, ``start``, ``end``.

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Жапаров и учения ОДКБ в Москве."]})
    >>> term_tokens_ru(arts).term.tolist()
    ['sadyr japarov', 'учение', 'csto', 'москва']
    """
    path = gazetteer_path(gazetteer)
    key = (tuple(articles.doc_id), tuple(articles.text), path)
    if key not in _CACHE:
        matcher, names, _ = _matcher(path)
        gaz = russian_gazetteer(path)
        terms = [None if metonym else term for term, metonym in
                 zip(gaz.term, gaz.metonym, strict=True)]  # fmt: skip
        rows = [(doc_id, k, *term)
                for doc_id, doc in zip(articles.doc_id, russian().pipe(articles.text), strict=True)
                for k, term in enumerate(_terms_of(doc, matcher, names, terms))]  # fmt: skip
        _CACHE.clear()
        _CACHE[key] = pd.DataFrame(
            rows, columns=["doc_id", "position", "term", "sentence_id", "start", "end"]
        )
    return _CACHE[key].copy()


_CACHE: dict = {}
