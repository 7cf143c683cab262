"""The one spaCy pipeline every helper uses: blank English, paragraph and sentence boundaries.

No statistical model can be downloaded here, so the pipeline is spaCy's blank English
tokenizer plus a rule-based sentencizer and lookup lemmas; a paragraph break ("\\n\\n" in
``text``) always starts a new sentence, so a heading or list item never runs into the next one.

The sentencizer ends a sentence at every full stop, so ``abbreviations`` then joins back what
an abbreviation split: a title before a name ("Gen. Asanov", "Lt. Col."), a numbering word
before a number ("No. 10", "Art. 5", "Jan. 5"). spaCy's tokenizer already keeps "Mr.", "Dr.",
"St." and "U.S." whole, and the sentencizer never splits after them; after "U.S." and other
dotted initialisms a new sentence starts only where the next word is one that opens sentences
("in the U.S. The talks ...").
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

# Words written with a full stop that never end a sentence before what follows them.
TITLES = {"Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Adm", "Cmdr", "Gov", "Sen", "Rep",
          "Prof", "Mr", "Mrs", "Ms", "Dr", "St", "Mt", "Pres", "Amb", "Rev", "Hon"}  # fmt: skip
# Words written with a full stop that never end a sentence before a number.
NUMBERING = {"No", "Nos", "Art", "Arts", "Para", "Sec", "Ch", "Vol", "Fig", "Tab", "Ref", "Res",
             "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
             "p", "pp", "para", "art", "no", "nr", "Nr"}  # fmt: skip
# Words that open a sentence after a dotted initialism such as "U.S." (spaCy keeps it whole).
OPENERS = {"The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We",
           "I", "But", "And", "However", "Then", "There", "In", "On", "At", "As", "Meanwhile",
           "Yet", "So", "His", "Her", "Their", "Its", "Our", "After", "Before", "When"}  # fmt: skip


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    # Only whitespace tokens can hold a break: the others are never made into Token objects.
    if len(doc) < 2:
        return doc
    for i in (np.flatnonzero(doc.to_array(IS_SPACE)[1:]) + 1).tolist():
        token = doc[i]
        if "\n\n" in token.text:
            token.is_sent_start = False  # the break belongs to the paragraph before it
            if i + 1 < len(doc):
                doc[i + 1].is_sent_start = True
    return doc


_INITIALISM = re.compile(r"(?<![\w.])(?:[A-Z][a-z]?\.){2,}(?=\s+(?P<opener>"
                         + "|".join(sorted(OPENERS)) + r")\b)")  # fmt: skip


# spaCy's Sentencizer rule (a sentence starts at the first word after a run holding one of its
# punctuation characters), computed on arrays: the library's own loop makes a Token object per
# token, which cost 40% of tokenizing and counting a corpus. tests/test_text_stats.py checks
# that the boundaries are the library's on the seeds and ptc-test.
PUNCT_CHARS = frozenset(Sentencizer.default_punct_chars)
# Per language, orth id -> 0 a word, 1 sentence punctuation, 2 other punctuation.
_KINDS: dict[str, dict[int, int]] = {}


def _kinds(doc: Doc) -> np.ndarray:
    """The kind of every token of ``doc``, each word type looked up once."""
    kinds = _KINDS.setdefault(doc.vocab.lang, {})
    if len(kinds) > 1_000_000:  # a corpus of random strings: memory stays bounded
        kinds.clear()
    orths = doc.to_array(ORTH).tolist()
    for orth in set(orths).difference(kinds):
        lex = doc.vocab[orth]
        kinds[orth] = 1 if lex.text in PUNCT_CHARS else 2 if lex.is_punct else 0
    return np.fromiter(map(kinds.__getitem__, orths), np.int8, len(orths))


def sentencizer_starts(kinds: np.ndarray, first: np.ndarray | None = None) -> np.ndarray:
    """spaCy's Sentencizer rule on token kinds (0 a word, 1 sentence punctuation, 2 other
    punctuation): a text's first token and each word after a run holding a sentence mark.

    ``kinds`` is one text's tokens, or (``first``: where each non-empty text begins) several
    texts end to end. The one statement of the rule: ``helpers.sentences`` and
    ``helpers.english_terms`` apply it without a pipeline.
    """
    words = np.flatnonzero(kinds == 0)
    stops = np.cumsum(kinds == 1)
    # A word starts a sentence when a sentence mark stands between it and the word before
    # (or its text's beginning).
    previous = np.concatenate([[-1], words[:-1]])
    if first is None:
        first = np.zeros(min(len(kinds), 1), np.int64)
    else:
        own = first[np.searchsorted(first, words, side="right") - 1]
        previous = np.maximum(previous, own - 1)
    before = np.where(previous >= 0, stops[np.maximum(previous, 0)], 0)
    guess = np.zeros(len(kinds), dtype=bool)
    guess[first] = True
    guess[words[stops[words] - before > 0]] = True
    return guess


@Language.component("sentence_punctuation")
def sentence_punctuation(doc: Doc) -> Doc:
    """Sentence starts by spaCy's Sentencizer rule, where no earlier component set one."""
    if not len(doc):
        return doc
    guess = sentencizer_starts(_kinds(doc))
    current = doc.to_array(SENT_START).astype(np.int64)
    values = np.where(current != 0, current, np.where(guess, 1, -1))
    doc.from_array([SENT_START], values.astype(np.uint64).reshape(-1, 1))
    return doc


def _text_of(doc: Doc) -> str:
    """``doc.text``, rebuilt from the string store rather than through a Token per token."""
    strings = doc.vocab.strings
    return "".join([strings[orth] + " " if space else strings[orth]
                    for orth, space in doc.to_array([ORTH, SPACY]).tolist()])  # fmt: skip


@Language.component("abbreviations")
def abbreviations(doc: Doc) -> Doc:
    """Undo the sentencizer's splits after abbreviations; split after "U.S." before an opener."""
    # The sentence starts after a full stop, read from arrays (no Span or Token per sentence).
    if len(doc) > 2:
        starts = np.flatnonzero(doc.to_array(SENT_START)[2:] == 1) + 2
        stops = starts[doc.to_array(ORTH)[starts - 1] == doc.vocab.strings["."]]
        for start in stops.tolist():
            token, word = doc[start], doc[start - 2]
            if word.whitespace_:
                continue
            if word.text in TITLES or (word.text in NUMBERING and token.text[:1].isdigit()):
                token.is_sent_start = False
    for m in _INITIALISM.finditer(_text_of(doc)):
        opener = doc.char_span(m.start("opener"), m.end("opener"))
        if opener is not None:
            opener[0].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def english() -> Language:
    """The shared blank English pipeline (built once per process)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("paragraph_breaks")
    nlp.add_pipe("sentence_punctuation")  # spaCy's sentencizer rule, on arrays
    nlp.add_pipe("abbreviations")
    # Lookup lemmas come from the spacy-lookups-data package: nothing is downloaded.
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def sentence_ids(doc: Doc) -> np.ndarray:
    """The sentence number (0, 1, ...) of every token of ``doc``.

    >>> doc = english()("Gen. Asanov met Lt. Col. Bakiev at No. 10. Art. 5 applies in the U.S. The end.")
    >>> [s.text for s in doc.sents]
    ['Gen. Asanov met Lt. Col. Bakiev at No. 10.', 'Art. 5 applies in the U.S.', 'The end.']
    """  # noqa: E501
    ids = np.zeros(len(doc), dtype=np.int32)
    for k, sent in enumerate(doc.sents):
        ids[sent.start : sent.end] = k
    return ids
