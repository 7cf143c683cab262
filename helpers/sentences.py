"""Sentence boundaries exactly as ``helpers.nlp.english()`` sets them, from the tokenizer alone.

``english()`` finds sentences with three components (``paragraph_breaks``,
``sentence_punctuation``, ``abbreviations``); together they cost twice the tokenizer, mostly in
Token objects and in rebuilding the text token by token. The finders of actors and dates need
only the boundaries, so ``sentence_doc`` tokenizes (``english().make_doc``) and applies the same
three rules on the token arrays and the original text, reading the word lists from
``helpers.nlp``. ``tests/test_sentences.py`` checks that every token's ``is_sent_start`` equals
``english()``'s on the seeds, ptc-test, a generated corpus and edge cases, so a change to the
rules in ``helpers.nlp`` fails there until it is made here too.

>>> [s.text for s in sentence_doc("Gen. Asanov met Lt. Col. Bakiev in the U.S. The end.").sents]
['Gen. Asanov met Lt. Col. Bakiev in the U.S.', 'The end.']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, SENT_START, SPACY
from spacy.tokens import Doc

from helpers.nlp import NUMBERING, OPENERS, PUNCT_CHARS, TITLES, english

# helpers.nlp's rule "a dotted initialism before a word that opens sentences ends one".
_INITIALISM = re.compile(r"(?<![\w.])(?:[A-Z][a-z]?\.){2,}(?=\s+(?P<opener>"
                         + "|".join(sorted(OPENERS)) + r")\b)")  # fmt: skip
_COLUMNS = [IDX, LENGTH, SPACY, IS_SPACE, IS_PUNCT, SENT_START]


def sentence_doc(text: str) -> Doc:
    """``text`` tokenized by ``english()``, with its sentence starts and nothing else (no
    lemmas): the same tokens and ``is_sent_start`` as ``english()(text)``."""
    return _segment(english().make_doc(text), text)


def sentence_docs(texts: Iterable[str]) -> Iterator[Doc]:
    """``sentence_doc`` of each text, in order."""
    for text in texts:
        yield sentence_doc(text)


def _segment(doc: Doc, text: str) -> Doc:
    n = len(doc)
    if n == 0:
        return doc
    cols = doc.to_array(_COLUMNS)
    idx, length = cols[:, 0].astype(np.int64), cols[:, 1].astype(np.int64)
    spaced, space, punct = cols[:, 2], cols[:, 3], cols[:, 4]
    values = cols[:, 5].astype(np.int64)  # the tokenizer's: token 0 starts, the rest unset
    starts_at = idx.tolist()
    # paragraph_breaks: a whitespace token holding "\n\n" ends its paragraph's last sentence.
    if n >= 2:
        for i in (np.flatnonzero(space[1:]) + 1).tolist():
            if "\n\n" in text[starts_at[i] : starts_at[i] + int(length[i])]:
                values[i] = -1
                if i + 1 < n:
                    values[i + 1] = 1
    # sentence_punctuation: spaCy's Sentencizer rule where no start is set yet (helpers.nlp).
    # A token ends sentences when its text is one of PUNCT_CHARS, all single characters.
    single = np.flatnonzero(length == 1)
    stop = np.zeros(n, dtype=bool)
    stop[single[[text[starts_at[i]] in PUNCT_CHARS for i in single.tolist()]]] = True
    kinds = np.where(stop, 1, np.where(punct != 0, 2, 0))
    words = np.flatnonzero(kinds == 0)
    stops = np.cumsum(kinds == 1)
    before = np.concatenate([[0], stops[words[:-1]]]) if len(words) else words
    guess = np.zeros(n, dtype=bool)
    guess[0] = True
    guess[words[stops[words] - before > 0]] = True
    values = np.where(values != 0, values, np.where(guess, 1, -1))
    # abbreviations: no new sentence after a title ("Gen. Asanov") or a numbering word before
    # a number ("No. 10"); a new one after "U.S." before a word that opens sentences.
    if n > 2:
        starts = np.flatnonzero(values[2:] == 1) + 2
        for start in starts[stop[starts - 1]].tolist():
            if text[starts_at[start - 1]] != ".":
                continue  # the sentence ends at another mark
            word = start - 2
            if spaced[word]:
                continue
            word_text = text[starts_at[word] : starts_at[word + 1]]
            if word_text in TITLES or (word_text in NUMBERING and text[starts_at[start]].isdigit()):
                values[start] = -1
    for m in _INITIALISM.finditer(text):
        first = int(np.searchsorted(idx, m.start("opener")))
        last = int(np.searchsorted(idx + length, m.end("opener")))
        # doc.char_span's strict alignment: the opener starts and ends on token boundaries
        if (first < n and starts_at[first] == m.start("opener") and last < n
                and starts_at[last] + int(length[last]) == m.end("opener")):  # fmt: skip
            values[first] = 1
    doc.from_array([SENT_START], values.astype(np.uint64).reshape(-1, 1))
    return doc
