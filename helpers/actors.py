"""Actor mentions from a transparent gazetteer, matched as spaCy's PhraseMatcher matches them.

The gazetteer (``helpers/data/actors.yaml``, or the researcher's own file; schema in
``helpers.vocabulary``) lists each actor once with its kind, aliases and the actor it acts
for (``part_of``: the State Department for the United States, Putin for Russia). Aliases are
matched on lower-cased spaCy tokens and then kept only where written as a name
(``helpers.vocabulary.case_matches``: "Nato" and "NATO", never "us" for US); possessives
("Japarov's") and hyphenated forms ("then-NATO") match because the tokenizer splits them off,
and the longest match wins ("Sadyr Japarov" is one mention, not two). The matches are what
the gazetteer's ``PhraseMatcher`` finds on spaCy's tokens, found on token arrays
(``helpers.english_terms``) with a trie of the aliases' lower-case tokens instead of a Doc per
article (``tests/test_mention_arrays.py`` compares every row with the Doc implementation).

Each mention has two levels: ``sub_actor``, the entry named, and ``actor``, the top of its
``part_of`` chain — the political entity, and the default level of every count. Each also
has a ``role``: a place name (a capital, a building, a country) after a locative preposition
("held in Moscow", "flew to Bishkek") or in a dateline is ``locative``, a place and not an
actor; every other mention is ``agentive``. Actor shares count agentive mentions only.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import yaml
from spacy.attrs import LOWER
from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from helpers.english_terms import Tokens, batches
from helpers.english_terms import _sentence_starts as sentence_starts
from helpers.language import route
from helpers.nlp import english
from helpers.patterns import MONTHS
from helpers.progress import progress_in_steps
from helpers.schema import columns
from helpers.stats import MIN_ARTICLES
from helpers.text import concordance
from helpers.vocabulary import (
    GAZETTEER,
    cached_gazetteer,
    case_matches,
    gazetteer_path,
    load_gazetteer,
)

__all__ = ["GAZETTEER", "load_gazetteer"]
MENTION_COLUMNS = columns("actor_mentions")  # helpers.schema: the columns and their meanings
# A place after one of these is where something happens, not who acts ("held in Moscow").
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "into", "throughout",
                      "around", "within", "beyond", "via"})  # fmt: skip
# "to", "from" and "towards" mark a place only after a word of movement ("a trip to Moscow",
# "returned from Beijing"); elsewhere they mark a partner ("a message to Moscow", "pressure
# from Washington"), who acts.
DIRECTIONAL = frozenset({"to", "from", "toward", "towards"})
MOTION = frozenset({
    "visit", "visits", "visited", "visiting", "trip", "trips", "travel", "travelled", "traveled",
    "travelling", "traveling", "fly", "flew", "flown", "flying", "flight", "flights", "arrive",
    "arrived", "arrives", "arriving", "arrival", "go", "goes", "went", "gone", "going", "come",
    "came", "comes", "coming", "return", "returned", "returns", "returning", "move", "moved",
    "moving", "relocate", "relocated", "relocation", "transfer", "transferred", "tour", "journey",
    "headed", "heading", "deploy", "deployed", "deployment", "evacuated",
    "evacuation", "withdraw", "withdrew", "withdrawn", "withdrawal", "road", "route", "drive",
    "drove", "fled", "flee", "depart", "departed", "departure", "transit", "delegation",
})  # fmt: skip
# Words that may stand between a preposition and a place: "in the Kremlin", "in neighbouring
# Kazakhstan".
BETWEEN = frozenset({"the", "a", "neighbouring", "neighboring", "nearby", "northern", "southern",
                     "eastern", "western", "central", "downtown", "official"})  # fmt: skip
# "the city of London": a place named as a place.
PLACE_NOUNS = frozenset({"city", "capital", "streets", "centre", "center", "heart", "outskirts",
                         "suburbs", "residents", "people", "mayor", "part", "parts", "rest",
                         "south", "north", "east", "west", "airport", "region"})  # fmt: skip
COORDINATION = frozenset({"and", "or", ",", "&"})
_MONTH_STEMS = frozenset(m[:3] for m in MONTHS)
MOTION_WINDOW = 8  # tokens before the preposition searched for a word of movement


def find_mentions(articles: pd.DataFrame, gazetteer: str | Path | None = None) -> pd.DataFrame:
    """Every gazetteer alias found in ``articles.text``, with its actor at both levels and its
    role.

    Input: one row per article with ``doc_id`` and ``text``; ``gazetteer``: a YAML file
    (None: the project's ``helpers/data/actors.yaml``).
    Output: one row per mention: ``doc_id``, ``actor`` (rolled up along ``part_of``: the
    default level), ``sub_actor`` (the gazetteer entry named), ``kind`` (the entry's),
    ``surface``, ``start``, ``end`` (character offsets into ``text``), ``sentence_id``,
    ``metonym`` and ``role`` ("agentive" or "locative").

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["President Sadyr Japarov flew to Moscow."]})
    >>> find_mentions(arts)[["actor", "sub_actor", "surface", "role"]].values.tolist()
    [['Kyrgyzstan', 'Sadyr Japarov', 'Sadyr Japarov', 'agentive'], ['Russia', 'Russia', 'Moscow', 'locative']]

    Articles with ``language`` "ru" are read by ``helpers.russian_actors.find_mentions_ru``
    (Russian aliases on lemmas, the same actors and columns); all others as English.
    """  # noqa: E501
    return route(articles, lambda a: _english_mentions(a, gazetteer),
                 lambda a: _russian_mentions(a, gazetteer))  # fmt: skip


def _russian_mentions(articles: pd.DataFrame, gazetteer: str | Path | None) -> pd.DataFrame:
    from helpers.russian_actors import find_mentions_ru  # spaCy's Russian, only when needed

    return find_mentions_ru(articles, gazetteer)[MENTION_COLUMNS]


def _english_mentions(articles: pd.DataFrame, gazetteer: str | Path | None) -> pd.DataFrame:
    """``find_mentions`` for English articles."""
    path = gazetteer_path(gazetteer)
    _, aliases = _matcher(path)
    trie = _alias_trie(path)
    # Mentions are kept as columns, the offsets as machine integers and each surface string
    # once: a tuple and three integer objects per mention (about 270 bytes, 1 GB for 100,000
    # articles) made the cost per article grow with the corpus.
    objects: list[list] = [[] for _ in MENTION_COLUMNS]
    numbers = [array("q") for _ in MENTION_COLUMNS]
    surfaces: dict[str, str] = {}
    texts = articles.text.tolist()
    doc_ids = articles.doc_id.tolist()
    runs = batches(texts)
    for run in progress_in_steps(runs, [len(r) for r in runs], "matching actors"):
        for k, tok in zip(run, _article_tokens(texts[run.start : run.stop], trie), strict=True):
            doc_id, text = doc_ids[k], texts[k]
            hits = [_Hit(start, end, key) for key, start, end in _matches(tok, trie)
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
            for c, values in enumerate(zip(*rows, strict=True)):
                (numbers if c in _OFFSETS else objects)[c].extend(values)
    if not numbers[_OFFSETS[0]]:
        return pd.DataFrame([], columns=MENTION_COLUMNS)
    return pd.DataFrame({name: np.frombuffer(numbers[k], np.int64) if k in _OFFSETS
                         else objects[k] for k, name in enumerate(MENTION_COLUMNS)})  # fmt: skip


_OFFSETS = [MENTION_COLUMNS.index(c) for c in ("start", "end", "sentence_id")]


class _Hit(NamedTuple):
    """A match as token offsets: what ``filter_spans`` reads of a Span, without the Span."""

    start: int
    end: int
    label: int


class _Tokens:
    """One article's tokens as english() makes them, read through offsets and per-type flags
    (``helpers.english_terms``: the tokens of a batch of articles on arrays, each distinct
    run of text tokenized once per process) instead of a spaCy Doc, Token or Span per article
    or look-up: the Doc per article (tokenizing and sentence rules) was three fifths of
    ``find_mentions``."""

    def __init__(self, text: str, idx, ends, sent, space, sent_start, alpha, stop, num, lower):
        self.text, self.n = text, len(idx)
        self.idx, self.ends, self.sent = idx, ends, sent
        self.space, self.sent_start, self.lower = space, sent_start, lower
        self.alpha, self.stop, self.num = alpha, stop, num
        self.openers: list[int] = []  # where an alias may start (``_article_tokens``)

    def text_of(self, i: int) -> str:
        return self.text[self.idx[i] : self.ends[i]]

    def lower_(self, i: int) -> str:
        return self.text[self.idx[i] : self.ends[i]].lower()  # a blank English lexeme's LOWER


def _article_tokens(texts: list[str], trie: dict) -> Iterator[_Tokens]:
    """The ``_Tokens`` of each of ``texts``: tokens, sentences (english()'s, as
    ``helpers.sentences.segment`` gives them), the flags the mention rules read and where an
    alias of ``trie`` (``_alias_trie``) may start."""
    if not texts:
        return
    tok = Tokens(texts)
    store = tok.store
    arr = store.arrays()
    start = sentence_starts(tok, texts, arr)
    counts = np.diff(tok.first)
    sentence = np.cumsum(start) - 1
    sentence -= np.repeat(sentence[tok.first[:-1][counts > 0]], counts[counts > 0])
    idx = tok.idx - np.repeat(tok.base, counts)
    ends = idx + (tok.end - tok.idx)
    stop, num = _type_flags(store)
    t = tok.type
    # lists once per batch (an article's are slices); the rarely read flags stay arrays
    idx, ends, sentence, lower = (c.tolist() for c in (idx, ends, sentence, arr["lower"][t]))
    flags = [tok.spacy, start, arr["alpha"][t], stop[t], num[t]]
    roots = np.flatnonzero(np.isin(arr["lower"], np.fromiter(trie, np.uint64, len(trie)))[t])
    opens = np.searchsorted(roots, tok.first).tolist()
    at = (roots - np.repeat(tok.first[:-1], np.diff(opens))).tolist()
    bounds = tok.first.tolist()
    for k, text in enumerate(texts):
        lo, hi = bounds[k], bounds[k + 1]
        found = _Tokens(text, idx[lo:hi], ends[lo:hi], sentence[lo:hi],
                        *(c[lo:hi] for c in flags), lower[lo:hi])  # fmt: skip
        found.openers = at[opens[k] : opens[k + 1]]
        yield found


_TYPE_FLAGS: list = [None, np.zeros((0, 2), bool), 0]  # the store, its flags by type, how many


def _type_flags(store) -> tuple[np.ndarray, np.ndarray]:
    """Per word type of ``store`` (``helpers.english_terms``): its lexeme's is_stop and
    like_num, each type looked up once (the table doubles as it fills, so a corpus's growing
    number of types is not copied batch after batch)."""
    if _TYPE_FLAGS[0] is not store:
        _TYPE_FLAGS[:] = [store, np.zeros((1024, 2), bool), 0]
    _, table, known = _TYPE_FLAGS
    n = len(store.texts)
    if n > known:
        if n > len(table):
            table = np.concatenate([table, np.zeros((max(n, 2 * len(table)) - len(table), 2),
                                                    bool)])  # fmt: skip
        vocab = english().vocab
        table[known:n] = [(lex.is_stop, lex.like_num)
                          for lex in map(vocab.__getitem__, store.texts[known:n])]  # fmt: skip
        _TYPE_FLAGS[1:] = [table, n]
    return table[:n, 0], table[:n, 1]


def _matches(tok: _Tokens, trie: dict) -> list[tuple[int, int, int]]:
    """(match id, start, end) of every alias whose lower-case tokens occur in ``tok``: what
    the gazetteer's ``PhraseMatcher`` (on LOWER) finds, the ids of one span in its order."""
    lower, n = tok.lower, tok.n
    found = []
    for i in tok.openers:  # the tokens whose lower case begins an alias
        node = trie.get(lower[i])
        j = i + 1
        while node is not None:
            for key in node.get(None, ()):
                found.append((key, i, j))
            if j >= n:
                break
            node = node.get(lower[j])
            j += 1
    return found


_TRIES: dict[str, dict] = {}


def _alias_trie(path: str) -> dict:
    """The gazetteer's aliases as a trie of lower-case token ids (key None: the match ids of
    the aliases ending there, in the order the PhraseMatcher reports them for one span, read
    from a match of the alias itself)."""
    if path not in _TRIES:
        matcher, _ = _matcher(path)
        nlp = english()
        trie: dict = {}
        for alias in cached_gazetteer(path).alias:
            doc = nlp.make_doc(alias)
            node = trie
            for lower in doc.to_array(LOWER).tolist():
                node = node.setdefault(lower, {})
            if None not in node:
                node[None] = [k for k, s, e in matcher(doc) if (s, e) == (0, len(doc))]
        _TRIES[path] = trie
    return _TRIES[path]


def _merge_adjacent(spans: list[_Hit], aliases: dict) -> list[_Hit]:
    """One mention for a name run together with its title or parent ("Russian President
    Vladimir Putin", "U.S. Central Command"): adjacent mentions rolling up to one actor merge
    into one span, labelled with the last (the most specific)."""
    merged: list[_Hit] = []
    for span in spans:
        last = merged[-1] if merged else None
        if (last is not None and last.end == span.start
                and aliases[last.label][0] == aliases[span.label][0]):  # fmt: skip
            merged[-1] = _Hit(last.start, span.end, span.label)
        else:
            merged.append(span)
    return merged


def _matcher(path: str) -> tuple[PhraseMatcher, dict[int, tuple]]:
    """The PhraseMatcher of a gazetteer (on lower-cased tokens), its match ids keyed to plain
    tuples (a pandas row look-up per match would cost more than the matching itself)."""
    if path not in _MATCHERS:
        gaz = cached_gazetteer(path)
        nlp = english()
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for k, alias in enumerate(gaz.alias):
            matcher.add(str(k), [nlp.make_doc(alias)])
        keys = [nlp.vocab.strings[str(k)] for k in range(len(gaz))]
        rows = zip(gaz.rollup, gaz.actor, gaz.kind, gaz.metonym.astype(bool), gaz.place,
                   gaz.alias, gaz.after, gaz.alone, strict=True)  # fmt: skip
        _MATCHERS[path] = (matcher, dict(zip(keys, rows, strict=True)))
    return _MATCHERS[path]


_MATCHERS: dict[str, tuple] = {}


_case_matches = lru_cache(maxsize=1 << 16)(case_matches)  # one alias, one surface: one answer


def _accepted(tok: _Tokens, start: int, end: int, alias_row: tuple) -> bool:
    """The case guard, ``after`` and ``alone`` of one alias match."""
    alias, after, alone = alias_row[5:8]
    if not _case_matches(alias, tok.text[tok.idx[start] : tok.ends[end - 1]]):
        return False
    if after and (start == 0 or tok.lower_(start - 1) not in after):
        return False
    if alone and end < tok.n and tok.space[end - 1]:
        following = end
        if tok.text_of(following) == "&" or (tok.alpha[following]
                                              and tok.text_of(following)[0].isupper()
                                              and not tok.sent_start[following]):  # fmt: skip
            return False  # part of a longer name: "the West Bank", "Washington Post"
    if alone and start > 0:
        before = start - 1
        if (tok.alpha[before] and tok.text_of(before)[0].isupper()
                and not tok.sent_start[before] and not tok.stop[before]
                and tok.space[before]):  # fmt: skip
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


def _parenthetical(tok: _Tokens, span: _Hit, i: int) -> bool:
    """A place alone in brackets after a name: "the Guardian (London)", "(London, 17-Dec)"."""
    return (tok.text_of(i) == "(" and i == span.start - 1 and i > 0
            and tok.text_of(i - 1)[:1].isupper() and span.end < tok.n
            and tok.text_of(span.end) in {")", ","})  # fmt: skip


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
        return name.isupper() or any(tok.num[t] or tok.lower_(t)[:3] in _MONTH_STEMS
                                     for t in range(end + 1, min(end + 5, n)))  # fmt: skip
    return False


def count_mentions(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    metonyms: bool = True,
    level: str = "actor",
    agentive_only: bool = True,
) -> pd.DataFrame:
    """Mentions per actor per article, raw and per 1,000 words of clean text.

    Input: ``find_mentions`` output and the articles (for ``n_words``). ``level``: "actor"
    (rolled up, the default) or "sub_actor" (the entry named); ``agentive_only``: leave out
    places ("held in Moscow"), as actor shares should; ``metonyms``: False leaves them out.
    Output: one row per ``doc_id`` and ``actor`` (the chosen level, under that name) with
    ``n`` and ``per_1000_words``.
    """
    kept = agentive(mentions) if agentive_only else mentions
    kept = kept if metonyms else kept[~kept.metonym]
    counts = (kept.groupby(["doc_id", level], as_index=False).size()
              .rename(columns={"size": "n", level: "actor"}))  # fmt: skip
    words = articles.set_index("doc_id").n_words
    return counts.assign(per_1000_words=1000 * counts.n / counts.doc_id.map(words))


def agentive(mentions: pd.DataFrame) -> pd.DataFrame:
    """The mentions of actors as actors: places after "in", "at"... and datelines left out."""
    return mentions[mentions.role.eq("agentive")] if "role" in mentions else mentions


def role_table(mentions: pd.DataFrame, level: str = "actor") -> pd.DataFrame:
    """Agentive and locative mentions per actor, for the reader to see what shares leave out.

    Output: one row per actor (at ``level``) with ``agentive``, ``locative``, ``all`` and
    ``locative_share``, most mentioned first.

    >>> m = pd.DataFrame({"actor": ["Russia"] * 3, "role": ["agentive", "locative", "agentive"]})
    >>> role_table(m).values.tolist()
    [['Russia', 2, 1, 3, 0.3333333333333333]]
    """
    if mentions.empty:
        return pd.DataFrame(columns=["actor", "agentive", "locative", "all", "locative_share"])
    table = pd.crosstab(mentions[level], mentions.role).reindex(
        columns=["agentive", "locative"], fill_value=0)  # fmt: skip
    table["all"] = table.agentive + table.locative
    table["locative_share"] = table.locative / table["all"]
    table = table.rename_axis(index="actor", columns=None).reset_index()
    return table.sort_values(["all", "actor"], ascending=[False, True], ignore_index=True)


def sub_actor_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Which named entries roll up into each actor, with their agentive and all mentions.

    Output: one row per ``actor`` and ``sub_actor`` with ``agentive``, ``all`` and
    ``surfaces`` (the forms written, most frequent first); actors by their agentive total,
    each actor's own entry first.
    """
    if mentions.empty:
        return pd.DataFrame(columns=["actor", "sub_actor", "agentive", "all", "surfaces"])
    rows = mentions.assign(is_agent=mentions.role.eq("agentive"))
    table = rows.groupby(["actor", "sub_actor"], as_index=False).agg(
        agentive=("is_agent", "sum"), all=("surface", "size"),
        surfaces=("surface", lambda s: ", ".join(s.value_counts().sort_index()
                                                 .sort_values(ascending=False, kind="stable")
                                                 .index)))  # fmt: skip
    total = table.groupby("actor").agentive.transform("sum")
    other = table.sub_actor.ne(table.actor)  # the actor's own entry first
    table = table.assign(total=total, other=other).sort_values(
        ["total", "actor", "other", "agentive", "sub_actor"],
        ascending=[False, True, True, False, True])  # fmt: skip
    return table.drop(columns=["total", "other"]).reset_index(drop=True)


def cooccurrence(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors named in the same sentence.

    Input: ``find_mentions`` output. Output: one row per pair (``actor_a`` < ``actor_b``)
    with ``n``, the number of sentences that name both.
    """
    sentences = mentions[["doc_id", "sentence_id", "actor"]].drop_duplicates()
    pairs = sentences.merge(sentences, on=["doc_id", "sentence_id"], suffixes=("_a", "_b"))
    pairs = pairs[pairs.actor_a < pairs.actor_b]
    return (
        pairs.groupby(["actor_a", "actor_b"], as_index=False)
        .size()
        .rename(columns={"size": "n"})
        .sort_values(["n", "actor_a", "actor_b"], ascending=[False, True, True], ignore_index=True)
    )


def uncovered_names(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Capitalised names in ``text`` that no gazetteer alias covers, with counts.

    A candidate is a run of capitalised tokens outside every mention, stop words and month
    names left out. A run whose every word the corpus also writes in lower case ("Armed
    Forces", "President") is a capitalised common noun, not a name, and is dropped.
    Output: one row per ``name`` with ``n`` (occurrences) and ``n_docs``.
    """
    # spaCy's tokens from helpers.english_terms.Tokens (each distinct run of non-space text
    # tokenized once per process) and each word type's flags, not a Doc and a Token per
    # token (the tokenizer and Token objects cost nine tenths of the time); a lower-case form
    # is compared as its LOWER hash.
    from helpers.english_terms import Tokens, batches

    ids, known = pd.factorize(articles.doc_id)
    spans = _mention_spans(mentions, known)
    texts = articles.text.tolist()
    lower_forms, found = [], []  # per batch: its runs' LOWER hashes, firsts, codes, names
    for run in batches(texts):
        lo, hi = run.start, run.stop
        tok = Tokens(texts[lo:hi])
        types = np.unique(tok.type)
        flags = np.zeros((int(types[-1]) + 1 if len(types) else 0, 2), bool)
        flags[types] = np.array([_word_flags(tok.store.texts[t]) for t in types.tolist()],
                                bool).reshape(-1, 2)  # fmt: skip
        lower = tok.store.arrays()["lower"][tok.type]
        lower_forms.append(np.unique(lower[flags[tok.type, 1]]))
        at = np.flatnonzero(flags[tok.type, 0] & ~_covered(tok, spans, ids[lo:hi]))
        # consecutive name tokens of one article form one run
        new = np.ones(len(at), bool)
        new[1:] = (np.diff(at) != 1) | np.isin(at[1:], tok.first)
        firsts = np.flatnonzero(new)
        words = [tok.joined[i:e] for i, e in zip(tok.idx[at].tolist(), tok.end[at].tolist(),
                                                 strict=True)]  # fmt: skip
        bounds = [*firsts.tolist(), len(at)]
        names = [" ".join(words[i:j]) for i, j in zip(bounds[:-1], bounds[1:], strict=True)]
        found.append((lower[at], firsts, ids[lo:hi][tok.article(at[new])], names))
    rows = []
    every_lower = np.concatenate(lower_forms) if lower_forms else np.zeros(0, np.uint64)
    for forms, firsts, codes, names in found:
        if len(firsts):
            # a run every word of which the corpus also writes in lower case is dropped
            common = np.logical_and.reduceat(np.isin(forms, every_lower), firsts).tolist()
            rows += [(k, name) for k, name, drop in zip(codes.tolist(), names, common,
                                                        strict=True) if not drop]  # fmt: skip
    names = pd.DataFrame(rows, columns=["doc_id", "name"])  # doc_id: its code, for n_docs
    return (
        names.groupby("name", as_index=False)
        .agg(n=("doc_id", "size"), n_docs=("doc_id", "nunique"))
        .sort_values(["n", "name"], ascending=[False, True], ignore_index=True)
    )


def _mention_spans(mentions: pd.DataFrame, known: pd.Index) -> dict[int, tuple]:
    """The ``start`` and ``end`` arrays of the mentions of each article (its code in
    ``known``), from offset 0 on (no token starts before it)."""
    which = known.get_indexer(mentions.doc_id)
    if not len(which):
        return {}
    starts = np.maximum(mentions.start.to_numpy(np.int64), 0)
    ends = np.maximum(mentions.end.to_numpy(np.int64), starts)
    order = np.argsort(which, kind="stable")
    codes, first = np.unique(which[order], return_index=True)
    parts = np.split(order, first[1:])
    return {k: (starts[p], ends[p]) for k, p in zip(codes.tolist(), parts, strict=True) if k >= 0}


def _covered(tok, spans: dict[int, tuple], codes: np.ndarray) -> np.ndarray:
    """Whether each token of ``tok`` (a batch of articles, their doc_id ``codes``) starts
    inside a mention of its article."""
    size = np.diff(np.append(tok.base, len(tok.joined)))
    # +1 at each start, -1 at each end, in the joined texts: covered where the sum is positive
    edges = np.zeros(len(tok.joined) + 1, np.int64)
    for i, k in enumerate(codes.tolist()):
        if k in spans:
            s, e = (np.minimum(x, size[i]) + tok.base[i] for x in spans[k])
            np.add.at(edges, s, 1)
            np.add.at(edges, e, -1)
    return (np.cumsum(edges) > 0)[tok.idx]


@lru_cache(maxsize=1 << 16)
def _word_flags(text: str) -> tuple[bool, bool]:
    """Whether a word type may be part of a name (alphabetic, capitalised, not a stop word or
    a month), and whether it is lower case."""
    lex = english().vocab[text]
    return (lex.is_alpha and text[0].isupper() and not lex.is_stop
            and lex.lower_ not in MONTHS, lex.is_lower)  # fmt: skip


def rate_grid(
    counts: pd.DataFrame, articles: pd.DataFrame, actors: list[str], rows: pd.Series | None = None
) -> pd.DataFrame:
    """An actor × column grid of mentions per 1,000 words, zeros where an actor is not named.

    Input: ``count_mentions`` output and the articles. Without ``rows`` one column per
    article, in the order of ``articles`` (sort them by date first); with ``rows``
    (``helpers.plots.display_rows``: doc_id → an article or a group of articles) one column
    per row in its order, the rate pooled over the row's articles (its mentions per 1,000 of
    its words), so a long article weighs more than a short one.
    """
    if rows is None:
        rows = pd.Series(pd.Categorical(articles.doc_id, categories=articles.doc_id.unique()),
                         index=articles.doc_id)  # fmt: skip
    words = articles.groupby(articles.doc_id.map(rows), observed=True).n_words.sum()
    n = counts.assign(row=counts.doc_id.map(rows)).pivot_table(
        index="actor", columns="row", values="n", aggfunc="sum", fill_value=0, observed=True
    )
    n = n.reindex(index=actors, columns=rows.cat.categories, fill_value=0)
    rates = 1000 * n / words.reindex(n.columns).replace(0, np.nan)
    return rates.fillna(0.0).rename_axis(index="actor", columns=None)


def alias_validation(mentions: pd.DataFrame, articles: pd.DataFrame, window: int = 40):
    """Every hit of every alias in context, grouped by actor and alias, for reading.

    Input: ``find_mentions`` output and the articles. Output: the mentions sorted by
    ``actor``, ``surface``, ``doc_id``, ``start`` with ``left``, ``match`` and ``right``.
    """
    ordered = mentions.sort_values(["actor", "surface", "doc_id", "start"], ignore_index=True)
    return concordance(ordered, articles, window)


def mention_share(mentions: pd.DataFrame, first: str, second: str) -> pd.DataFrame:
    """Per article, how the agentive mentions of two actors split between them.

    Output: one row per ``doc_id`` naming either actor, with ``n_first``, ``n_second`` and
    ``share`` (the first actor's share of the two).
    """
    kept = agentive(mentions)
    pair = kept[kept.actor.isin([first, second])]
    counts = pd.crosstab(pair.doc_id, pair.actor).reindex(columns=[first, second], fill_value=0)
    counts.columns = ["n_first", "n_second"]
    counts["share"] = counts.n_first / (counts.n_first + counts.n_second)
    return counts.reset_index()


def actor_vocabulary(actors: list[str], gazetteer: str | Path | None = None) -> set[str]:
    """Terms (as ``helpers.text.count_terms`` writes them) that name ``actors`` or the people
    and bodies rolling up to them: the canonical term of each such entry with a literal
    alias. Metonyms and context-bound aliases ("the Alliance") are not terms: as single words
    they mean other things too.

    >>> sorted(actor_vocabulary(["CSTO"]))
    ['crrf', 'csto', 'stanislav zas']
    """
    gaz = cached_gazetteer(gazetteer_path(gazetteer))
    related = gaz.rollup.isin(actors) | gaz.actor.isin(actors)
    plain = related & ~gaz.metonym & (gaz.after.map(len) == 0)
    return set(gaz.term[plain])


def pooled_share(
    mentions: pd.DataFrame, first: str, second: str, n_resamples: int = 1000, seed: int = 0
) -> pd.Series:
    """The first actor's share of all mentions of the two, pooled over the articles naming
    either (agentive mentions), with a 95% article-level bootstrap interval (missing below
    ``MIN_ARTICLES`` articles: "not estimable").

    Output: ``share``, ``low``, ``high``, ``articles``, ``mentions``.

    >>> m = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "actor": ["NATO", "CSTO", "NATO", "UN"]})
    >>> pooled_share(m, "NATO", "CSTO", n_resamples=50)[["share", "articles", "mentions"]].round(3)
    share       0.667
    articles    2.000
    mentions    3.000
    dtype: float64
    """
    per_doc = mention_share(mentions, first, second)
    a, b = per_doc.n_first.to_numpy(float), per_doc.n_second.to_numpy(float)
    share = a.sum() / (a.sum() + b.sum()) if len(per_doc) else np.nan
    low = high = np.nan
    if len(per_doc) >= MIN_ARTICLES:
        draws = np.random.default_rng(seed).integers(0, len(a), (n_resamples, len(a)))
        low, high = np.quantile(a[draws].sum(1) / (a[draws].sum(1) + b[draws].sum(1)),
                                [0.025, 0.975])  # fmt: skip
    return pd.Series({"share": share, "low": low, "high": high, "articles": len(per_doc),
                      "mentions": int(a.sum() + b.sum())})  # fmt: skip


def draft_gazetteer(uncovered: pd.DataFrame, n: int = 30, min_docs: int = 2) -> str:
    """A starter gazetteer (YAML text) from ``uncovered_names``, for the researcher to edit.

    The ``n`` most frequent names found in at least ``min_docs`` articles become one entry
    each, ``kind: group`` and the name as its one alias; transliteration variants among them
    (``helpers.vocabulary.skeleton``) share an entry. Every entry needs checking: set
    ``kind``, add ``part_of`` and spelling variants, delete what is not an actor. The text
    loads with ``load_gazetteer`` as it stands.

    >>> print(draft_gazetteer(pd.DataFrame({"name": ["Keir Starmer", "Starmer", "Labour"],
    ...                                     "n": [9, 4, 7], "n_docs": [5, 2, 1]})))
    ... # doctest: +NORMALIZE_WHITESPACE
    # Draft gazetteer: every entry needs checking (kind, part_of, aliases). Schema:
    # helpers/vocabulary.py. Names found in at least 2 articles, most frequent first.
    - actor: Keir Starmer
      kind: group  # TODO person | organisation | country | agency | media | bloc | party | group
      aliases: [Keir Starmer, Starmer]  # 9 + 4 occurrences
    """
    from helpers.vocabulary import KINDS, skeleton

    names = uncovered[uncovered.n_docs >= min_docs].head(n)
    entries: dict[str, list] = {}
    for name, count in zip(names.name, names.n, strict=True):
        last = skeleton(name.split()[-1])
        home = next((k for k in entries if skeleton(k.split()[-1]) == last), name)
        entries.setdefault(home, []).append((name, int(count)))
    lines = ["# Draft gazetteer: every entry needs checking (kind, part_of, aliases). Schema:",
             f"# helpers/vocabulary.py. Names found in at least {min_docs} articles, most "
             "frequent first."]  # fmt: skip
    for actor, aliases in entries.items():
        quoted = ", ".join(yaml.safe_dump(a, default_style=None).strip().removesuffix("\n...")
                           for a, _ in aliases)  # fmt: skip
        lines += [f"- actor: {yaml.safe_dump(actor).strip().removesuffix(chr(10) + '...')}",
                  f"  kind: group  # TODO {' | '.join(KINDS)}",
                  f"  aliases: [{quoted}]  # {' + '.join(str(c) for _, c in aliases)} "
                  "occurrences"]  # fmt: skip
    return "\n".join(lines) + "\n"
