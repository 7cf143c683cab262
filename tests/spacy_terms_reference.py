"""The spaCy-Doc implementation of ``helpers.text.term_tokens`` for English (helpers/text.py at
fc78a04), kept only as the reference the array implementation (``helpers.english_terms``) must
equal row for row: a Doc per article through ``helpers.nlp.english()``, a PhraseMatcher with
``filter_spans`` for names, and a walk over the tokens."""

from __future__ import annotations

from itertools import chain

import numpy as np
import pandas as pd
from spacy.attrs import IDX, ORTH, SENT_START, SPACY
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

from helpers.english_terms import PHRASES, _counts, _lemma
from helpers.nlp import english
from helpers.text import TOKEN_COLUMNS
from helpers.vocabulary import (
    cached_gazetteer,
    case_matches,
    gazetteer_path,
    known_word,
    lemma,
    normalise_term,
)

_MATCHERS: dict = {}


def _phrase_matcher(path):
    if path not in _MATCHERS:
        gaz = cached_gazetteer(path)
        listed = [ln.strip() for ln in PHRASES.read_text(encoding="utf-8").splitlines()]
        matcher = PhraseMatcher(english().vocab, attr="LOWER")
        labels = {}
        literal = gaz[~gaz.metonym & (gaz.after.map(len) == 0)]
        for k, (alias, term) in enumerate(zip(literal.alias, literal.term, strict=True)):
            matcher.add(f"N{k}", [english().make_doc(alias)])
            labels[english().vocab.strings[f"N{k}"]] = (term, alias)
        for phrase in sorted({p for p in listed if p and not p.startswith("#")}):
            matcher.add("TERM", [english().make_doc(phrase)])
        labels[english().vocab.strings["TERM"]] = ("", None)
        _MATCHERS[path] = (matcher, labels)
    return _MATCHERS[path]


def _names_in(doc, path):
    matcher, labels = _phrase_matcher(path)
    spans = []
    for key, start, end in matcher(doc):
        term, alias = labels[key]
        if alias is None or case_matches(alias, doc[start:end].text):
            spans.append(Span(doc, start, end, label=key))
    out = {}
    for span in filter_spans(spans):
        term = labels[span.label][0] or normalise_term(span.text)
        out[span.start] = (span, term)
    return out


def _type(lex):
    return lex.text, lex.is_alpha, lex.text == "-", _lemma(lex) if _counts(lex) else None


def _terms_of(doc, whole, path):
    terms, at, spans = [], [], []
    n = len(doc)
    if not n:
        return terms, np.empty(0, np.int32), np.empty((0, 2), np.int64)
    columns = doc.to_array([IDX, SPACY, SENT_START])
    starts = columns[:, 2] == 1
    starts[0] = True
    sent = (np.cumsum(starts) - 1).astype(np.int32)
    idx, spaced = columns[:, 0].tolist(), columns[:, 1].tolist()
    types = [_type(doc.vocab[o]) for o in doc.to_array(ORTH).tolist()]
    name_at = _names_in(doc, path)
    i = 0
    while i < n:
        if i in name_at:
            span, term = name_at[i]
            terms.append(term)
            at.append(i)
            spans += (span.start_char, span.end_char)
            i = span.end
            continue
        j = i
        while (j + 2 < n and not spaced[j] and types[j + 1][2] and not spaced[j + 1]
               and types[j + 2][1]):  # fmt: skip
            j += 2
        end = j + 1
        text, alpha, _, term = types[i]
        if end > i + 1 and alpha:
            stop = idx[end - 1] + len(types[end - 1][0])
            terms.append(whole[idx[i] : stop].lower())
            at.append(i)
            spans += (idx[i], stop)
        elif term is not None:
            terms.append(term)
            at.append(i)
            spans += (idx[i], idx[i] + len(text))
        i = end
    return terms, sent[at], np.array(spans, dtype=np.int64).reshape(-1, 2)


def _close_compounds(terms: pd.Series) -> pd.Series:
    hyphenated = terms[terms.str.contains("-", regex=False) & ~terms.str.contains(" ")].unique()
    single = set(terms.unique())
    closed = {}
    for term in hyphenated:
        parts = term.split("-")
        joined = "".join(parts)
        if joined.isalpha() and (joined in single or known_word(joined)):
            closed[term] = lemma(joined)
    return terms.replace(closed) if closed else terms


def reference_term_tokens(articles: pd.DataFrame, gazetteer=None) -> pd.DataFrame:
    """``term_tokens`` of English articles as fc78a04 computed it."""
    path = gazetteer_path(gazetteer)
    docs = english().pipe(articles.text, disable=["lemmatizer"])
    per_doc = [_terms_of(doc, text, path) for doc, text in zip(docs, articles.text, strict=True)]
    sizes = [len(terms) for terms, _, _ in per_doc]
    if sum(sizes):
        offsets = np.concatenate([spans for _, _, spans in per_doc])
        tokens = pd.DataFrame({
            "doc_id": np.repeat(np.array(articles.doc_id, dtype=object), sizes),
            "position": np.concatenate([np.arange(n) for n in sizes]),
            "term": list(chain.from_iterable(terms for terms, _, _ in per_doc)),
            "sentence_id": np.concatenate([sent for _, sent, _ in per_doc]),
            "start": offsets[:, 0],
            "end": offsets[:, 1],
        })  # fmt: skip
    else:
        tokens = pd.DataFrame([], columns=TOKEN_COLUMNS)
    tokens["term"] = _close_compounds(tokens.term)
    return tokens


def reference_count_terms(articles: pd.DataFrame) -> pd.DataFrame:
    """``count_terms`` (unigrams) as fc78a04 computed it: grouping the reference tokens."""
    tokens = reference_term_tokens(articles)
    counts = tokens.groupby(["doc_id", "term"], as_index=False).size().rename(columns={"size": "n"})
    return counts.sort_values(["doc_id", "n", "term"], ascending=[True, False, True],
                              ignore_index=True)  # fmt: skip
