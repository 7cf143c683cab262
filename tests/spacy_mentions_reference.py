"""``find_mentions`` as it read English before ``helpers.actors`` read tokens from arrays: a
spaCy Doc per article (``helpers.sentences.segment``), the gazetteer's ``PhraseMatcher`` on it
and the rules asking the Doc's tokens (helpers/actors.py at 08349c1). ``tests/test_actors.py``
checks that the helper gives this table on the seeds, ptc-test, a generated corpus and edge
cases."""

from array import array

import numpy as np
import pandas as pd
from spacy.util import filter_spans

from helpers.actors import (
    _MONTH_STEMS,
    _OFFSETS,
    BETWEEN,
    COORDINATION,
    DIRECTIONAL,
    LOCATIVE,
    MENTION_COLUMNS,
    MOTION,
    MOTION_WINDOW,
    PLACE_NOUNS,
    _case_matches,
    _Hit,
    _matcher,
    _merge_adjacent,
    _parenthetical,
)
from helpers.sentences import Segmented, sentence_docs
from helpers.vocabulary import gazetteer_path


def reference_find_mentions(articles: pd.DataFrame, gazetteer=None) -> pd.DataFrame:
    """``find_mentions`` of English articles as a spaCy Doc per article gives it."""
    matcher, aliases = _matcher(gazetteer_path(gazetteer))
    # Mentions are kept as columns, the offsets as machine integers and each surface string
    # once: a tuple and three integer objects per mention (about 270 bytes, 1 GB for 100,000
    # articles) made the cost per article grow with the corpus.
    objects: list[list] = [[] for _ in MENTION_COLUMNS]
    numbers = [array("q") for _ in MENTION_COLUMNS]
    surfaces: dict[str, str] = {}
    texts = articles.text.tolist()
    docs = sentence_docs(texts)
    for doc_id, text, seg in zip(articles.doc_id, texts, docs, strict=True):
        tok = _Tokens(seg, text)
        hits = [_Hit(start, end, key) for key, start, end in matcher(seg.doc)
                if _accepted(tok, start, end, aliases[key])]  # fmt: skip
        previous = None  # (end token, role) of the last place mention, for coordination
        rows = []
        for span in _merge_adjacent(filter_spans(hits), aliases):
            actor, sub_actor, kind, metonym, place = aliases[span.label][:5]
            role = "agentive"
            if place and _is_locative(tok, span, previous):
                role = "locative"
            if place:
                previous = (span.end, role)
            first, last = tok.idx[span.start], tok.ends[span.end - 1]
            surface = surfaces.setdefault(text[first:last], text[first:last])
            rows.append((doc_id, actor, sub_actor, kind, surface, first, last,
                         tok.sent[span.start], bool(metonym), role))  # fmt: skip
        for k, values in enumerate(zip(*rows, strict=True)):
            (numbers if k in _OFFSETS else objects)[k].extend(values)
    if not numbers[_OFFSETS[0]]:
        return pd.DataFrame([], columns=MENTION_COLUMNS)
    return pd.DataFrame({name: np.frombuffer(numbers[k], np.int64) if k in _OFFSETS
                         else objects[k] for k, name in enumerate(MENTION_COLUMNS)})  # fmt: skip


class _Tokens:
    """One article's tokens, read through offsets and the string store: a spaCy Token or Span
    per look-up cost more than the matching itself. Rare checks still ask ``doc``."""

    def __init__(self, seg: Segmented, text: str):
        self.doc, self.text, self.n = seg.doc, text, len(seg.doc)
        self.idx, self.ends, self.sent = seg.starts, seg.ends, seg.sentence

    def text_of(self, i: int) -> str:
        return self.text[self.idx[i] : self.ends[i]]

    def lower_(self, i: int) -> str:
        return self.text[self.idx[i] : self.ends[i]].lower()  # a blank English lexeme's LOWER


def _accepted(tok: _Tokens, start: int, end: int, alias_row: tuple) -> bool:
    """The case guard, ``after`` and ``alone`` of one alias match."""
    alias, after, alone = alias_row[5:8]
    if not _case_matches(alias, tok.text[tok.idx[start] : tok.ends[end - 1]]):
        return False
    if after and (start == 0 or tok.lower_(start - 1) not in after):
        return False
    doc = tok.doc
    if alone and end < tok.n and doc[end - 1].whitespace_:
        following = doc[end]
        if following.text == "&" or (following.is_alpha and following.text[0].isupper()
                                     and not following.is_sent_start):  # fmt: skip
            return False  # part of a longer name: "the West Bank", "Washington Post"
    if alone and start > 0:
        before = doc[start - 1]
        if (before.is_alpha and before.text[0].isupper() and not before.is_sent_start
                and not before.is_stop and before.whitespace_):  # fmt: skip
            return False  # the end of a longer name: "Breitbart London", "South London"
    return True


def _is_locative(tok: _Tokens, span: _Hit, previous: tuple | None) -> bool:
    """Whether a place mention names where something is, not who acts."""
    end, n = span.end, tok.n
    if end < n and tok.lower_(end) in {"'s", "’s"}:
        return False  # "Moscow's position": a possessor acts
    if end + 1 < n and tok.text_of(end) == "-" and tok.lower_(end + 1) == "based":
        return True  # "a Bishkek-based analyst"
    if end < n and tok.lower_(end) == "time":
        return True  # "Moscow time"
    if _in_dateline(tok, span):
        return True
    i = span.start - 1
    while i >= 0 and tok.lower_(i) in BETWEEN and i >= span.start - 2:
        i -= 1
    if i < 0:
        return False
    word = tok.lower_(i)
    if word in LOCATIVE or _parenthetical(tok, span, i):
        return True  # "held in Moscow"; "the Guardian (London)"
    if word == "of" and i > 0 and tok.lower_(i - 1) in PLACE_NOUNS:
        return True  # "the city of London", "the streets of Kabul"
    if word in DIRECTIONAL:  # a word of movement before it, in its sentence
        return any(tok.sent[t] == tok.sent[i] and tok.lower_(t) in MOTION
                   for t in range(max(0, i - MOTION_WINDOW), i))  # fmt: skip
    if word in COORDINATION and previous is not None and previous[1] == "locative":
        return previous[0] in {i, i - 1}  # "in Tashkent and Bishkek", "in Tashkent, Bishkek"
    return False


def _in_dateline(tok: _Tokens, span: _Hit) -> bool:
    """A place opening a paragraph and followed by a date or an agency: "MOSCOW, May 16 —",
    "Bishkek (AKIpress) -"."""
    start, end, n = span.start, span.end, tok.n
    # A line break is always a whitespace token: a token's own trailing space is one space.
    at_paragraph = start == 0 or "\n" in tok.text_of(start - 1)
    if not at_paragraph or end >= n:
        return False
    following = tok.text_of(end)
    if following in {"—", "–", "-"} or (following == "(" and end + 2 < n
                                        and tok.text_of(end + 2) == ")"):  # fmt: skip
        return True
    if following == ",":
        name = tok.text[tok.idx[start] : tok.ends[end - 1]]
        return name.isupper() or any(t.like_num or t.lower_[:3] in _MONTH_STEMS
                                     for t in tok.doc[end + 1 : end + 5])  # fmt: skip
    return False
