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
from typing import NamedTuple

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, LENGTH, SENT_START
from spacy.tokens import Doc

# _INITIALISM: helpers.nlp's rule "a dotted initialism before a word that opens sentences
# ends one" (one pattern for both)
from helpers.nlp import _INITIALISM, NUMBERING, PUNCT_CHARS, TITLES, english, sentencizer_starts

# Where an initialism's second letter begins: a match starting at s holds one at s + 1 or s + 2.
_DOTTED = re.compile(r"\.[A-Z][a-z]?\.")


class Segmented(NamedTuple):
    """A tokenized text with its sentences, and the arrays they were found from."""

    doc: Doc  # english()'s tokens, is_sent_start set as english() sets it
    starts: list[int]  # the character offset where each token starts
    ends: list[int]  # ... and where it ends
    sentence: list[int]  # the sentence number of each token, as helpers.nlp.sentence_ids


def sentence_doc(text: str) -> Doc:
    """``text`` tokenized by ``english()``, with its sentence starts and nothing else (no
    lemmas): the same tokens and ``is_sent_start`` as ``english()(text)``."""
    return segment(text).doc


def sentence_docs(texts: Iterable[str]) -> Iterator[Segmented]:
    """``segment`` of each text, in order."""
    for text in texts:
        yield segment(text)


def segment(text: str) -> Segmented:
    """``text`` tokenized by ``english()`` with ``english()``'s sentence starts."""
    doc = english().make_doc(text)
    n = len(doc)
    if n == 0:
        return Segmented(doc, [], [], [])
    cols = doc.to_array([IDX, LENGTH, IS_PUNCT]).astype(np.int64)
    idx, length, punct = cols[:, 0], cols[:, 1], cols[:, 2]
    starts_at = idx.tolist()
    values = np.zeros(n, dtype=np.int64)  # the tokenizer's: token 0 starts, the rest unset
    values[0] = 1
    # paragraph_breaks: a whitespace token holding "\n\n" ends its paragraph's last sentence.
    # Only a whitespace token holds a line break: the tokenizer splits text at every change
    # between whitespace and the rest, and leaves at most one space after a token.
    breaks = _tokens_at(idx, _all(text, "\n\n"))
    for i in sorted(set(breaks.tolist()) - {0}):
        values[i] = -1
        if i + 1 < n:
            values[i + 1] = 1
    # sentence_punctuation: spaCy's Sentencizer rule where no start is set yet (helpers.nlp).
    # A token ends sentences when its text is one of PUNCT_CHARS, all single characters.
    single = np.flatnonzero(length == 1)
    stop = np.zeros(n, dtype=bool)
    stop[single[[text[starts_at[i]] in PUNCT_CHARS for i in single.tolist()]]] = True
    guess = sentencizer_starts(np.where(stop, 1, np.where(punct != 0, 2, 0)))
    values = np.where(values != 0, values, np.where(guess, 1, -1))
    # abbreviations: no new sentence after a title ("Gen. Asanov") or a numbering word before
    # a number ("No. 10"); a new one after "U.S." before a word that opens sentences.
    ends_at = (idx + length).tolist()
    if n > 2:
        starts = np.flatnonzero(values[2:] == 1) + 2
        for start in starts[stop[starts - 1]].tolist():
            word = start - 2
            # the sentence ended at a full stop, written right after the word (no space)
            if text[starts_at[start - 1]] != "." or ends_at[word] != starts_at[start - 1]:
                continue
            word_text = text[starts_at[word] : ends_at[word]]
            if word_text in TITLES or (word_text in NUMBERING and text[starts_at[start]].isdigit()):
                values[start] = -1
    for m in _initialisms(text):
        first = int(np.searchsorted(idx, m.start("opener")))
        last = int(np.searchsorted(idx + length, m.end("opener")))
        # doc.char_span's strict alignment: the opener starts and ends on token boundaries
        if (first < n and starts_at[first] == m.start("opener") and last < n
                and ends_at[last] == m.end("opener")):  # fmt: skip
            values[first] = 1
    doc.from_array([SENT_START], values.astype(np.uint64).reshape(-1, 1))
    sentence = (np.cumsum(values == 1) - 1).tolist()  # token 0 always starts one
    return Segmented(doc, starts_at, ends_at, sentence)


def _all(text: str, needle: str) -> list[int]:
    """Every offset where ``needle`` starts in ``text``, overlaps included."""
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _tokens_at(starts: np.ndarray, offsets: list[int]) -> np.ndarray:
    """The token holding each character offset (tokens start at ``starts``)."""
    return np.searchsorted(starts, np.asarray(offsets, dtype=np.int64), side="right") - 1


def _initialisms(text: str) -> list[re.Match]:
    """``_INITIALISM.finditer(text)``, tried only next to a dotted letter (a full scan of the
    text cost a third of the segmentation). Two matches never overlap: inside one, every
    character follows a letter or a full stop, which the pattern's look-behind refuses."""
    starts = sorted({s for h in _DOTTED.finditer(text) for s in (h.start() - 1, h.start() - 2)
                     if s >= 0})  # fmt: skip
    return [m for m in map(_INITIALISM.match, [text] * len(starts), starts) if m is not None]
