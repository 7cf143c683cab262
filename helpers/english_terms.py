"""English counted terms on arrays: spaCy's tokenization and sentence rules, once per word form.

``helpers.text.term_tokens`` reads English through this module. It gives, token for token, what
the spaCy pipeline of ``helpers.nlp.english`` gives (the tokenizer, ``paragraph_breaks``,
``sentence_punctuation``, ``abbreviations``) and what a ``PhraseMatcher`` on lower case with
``filter_spans`` gives for the gazetteer's names, without a ``Doc`` per article: a corpus of
20,000 articles repeats a few hundred thousand word forms millions of times, and spaCy's
per-token work (affix rules, Token objects, the matcher's Spans) cost six times what
scikit-learn's ``CountVectorizer`` takes to count the same texts.

Why the shortcut is exact:

- spaCy's tokenizer cuts the text at whitespace first and tokenizes each run of non-space
  characters on its own (prefixes, suffixes, infixes, special cases); one space after a run is
  the token's trailing space, any other run of whitespace is a token of its own. So each
  distinct run is tokenized once per process (many at a time, joined by line breaks, which are
  tokens of their own) and an article's tokens are its runs' tokens, put end to end.
- The one step that looks across runs is the tokenizer's special-case matcher: a special case
  such as "'s" or "[:" is also matched over tokens of two runs one space apart. Such a match
  changes no token (its text holds the space, which no special case does), but it can hide a
  special case inside a run next to it ("[ :]" keeps ":" and "]" apart). Where two runs one
  space apart end and begin the way a special case's tokens do, spaCy's tokenizer reads the
  five runs either side; where its tokens differ, it reads the whole article (spaCy's own
  tokens). None of ptc-test's 90 articles needs it.
- Word types (a token's text) carry everything else: counted term, alphabetic, hyphen,
  sentence punctuation, title or numbering word; they are looked up once per type.

The tests compare every row with the spaCy-Doc implementation (kept in ``tests/``).
"""

from __future__ import annotations

import re
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd
from spacy.attrs import IDX, LOWER, ORTH, SPACY
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer

from helpers.nlp import _INITIALISM, NUMBERING, PUNCT_CHARS, TITLES, english, sentencizer_starts
from helpers.progress import progress_in_steps
from helpers.vocabulary import cached_gazetteer, case_matches, lemma, normalise_term

PHRASES = Path(__file__).parent / "data" / "phrases.txt"
_BARE_NUMBER = re.compile(r"^[\d.,:/%–-]+$")
# A word with the one space after it, or a run of whitespace: spaCy's str.isspace is the
# regex's \s (both Py_UNICODE_ISSPACE).
_RUNS = re.compile(r"\S+ ?|\s+")
MAX_CACHED = 1_000_000  # word types or runs: a corpus of random strings keeps memory bounded


def _counts(token) -> bool:
    """Whether a token (or a lexeme: only its type's attributes are read) is counted."""
    acronym = token.is_upper and len(token.text) > 1  # "US" is a country, not the pronoun
    return not (
        token.is_punct or token.is_space or (token.is_stop and not acronym) or token.is_currency
        or _BARE_NUMBER.match(token.text) or not any(c.isalnum() for c in token.text)
    )  # fmt: skip


def _lemma(token) -> str:
    """The lookup lemma of the lower-cased word ("Weapons" → "weapon", known errors
    corrected, "Sixth" kept as "sixth"); an acronym keeps its letters ("US" stays "us")."""
    if token.is_upper and len(token.text) > 1:
        return token.lower_
    return lemma(token.lower_)


class _Store:
    """Word types, term strings and tokenized runs seen in this process (English vocabulary)."""

    # per type: orth id, length, lower-case orth id, term code (-1: not counted) and flags
    FIELDS = ("length", "lower", "term", "alpha", "hyphen", "kind", "space", "paragraph", "dot",
              "title", "numbering", "digit")  # fmt: skip
    DTYPES = {
        "length": np.int64,
        "lower": np.uint64,
        "term": np.int64,
        "kind": np.int64,
        "ptr": np.int64,
        "run_types": np.int64,
        "run_offsets": np.int64,
    }  # others: bool

    def __init__(self):
        self.type_of: dict[int, int] = {}  # spaCy orth id -> type id
        self.texts: list[str] = []
        self.rows: list[tuple] = []
        self.terms: list[str] = []
        self.term_code: dict[str, int] = {}
        self.run_of: dict[str, int] = {}  # run text -> run id
        self.run_ptr: list[int] = [0]  # run id -> its tokens in run_types / run_offsets
        self.run_types: list[int] = []
        self.run_offsets: list[int] = []
        self._arrays: dict | None = None
        self._done = (0, 0, 0)  # types, run pointers and run tokens in the buffers
        self._buffers = {f: np.zeros(0, self.DTYPES.get(f, bool)) for f in
                         (*self.FIELDS, "ptr", "run_types", "run_offsets")}  # fmt: skip
        self._edges: tuple[list, list, list, list] = ([], [], [], [])

    def code(self, term: str) -> int:
        if term not in self.term_code:
            self.term_code[term] = len(self.terms)
            self.terms.append(term)
        return self.term_code[term]

    def add_type(self, orth: int) -> int:
        lex = english().vocab[orth]
        text = lex.text
        term = self.code(_lemma(lex)) if _counts(lex) else -1
        kind = 1 if text in PUNCT_CHARS else 2 if lex.is_punct else 0  # as helpers.nlp._kinds
        self.type_of[orth] = len(self.texts)
        self.texts.append(text)
        self.rows.append((len(text), lex.lower, term, lex.is_alpha, text == "-", kind,
                          lex.is_space, "\n\n" in text, text == ".", text in TITLES,
                          text in NUMBERING, text[:1].isdigit()))  # fmt: skip
        self._arrays = None
        return self.type_of[orth]

    def arrays(self) -> dict[str, np.ndarray]:
        """The per-type fields and the runs' tokens as arrays. Only what was added since the
        last call is converted, into buffers that double as they fill: rebuilding every
        array from the lists cost 0.9 s once 270,000 types were known, batch after batch of
        a corpus that brings new words in every batch."""
        if self._arrays is None:
            done_types, done_ptr, done_tokens = self._done
            if len(self.rows) > done_types:
                cols = list(zip(*self.rows[done_types:], strict=True))
                for f, c in zip(self.FIELDS, cols, strict=True):
                    self._put(f, c, done_types)
            self._put("ptr", self.run_ptr[done_ptr:], done_ptr)
            self._put("run_types", self.run_types[done_tokens:], done_tokens)
            self._put("run_offsets", self.run_offsets[done_tokens:], done_tokens)
            self._done = (len(self.rows), len(self.run_ptr), len(self.run_types))
            sizes = dict.fromkeys(self.FIELDS, len(self.rows))
            sizes.update(ptr=len(self.run_ptr), run_types=len(self.run_types),
                         run_offsets=len(self.run_types))  # fmt: skip
            # views of the buffers: values written later lie beyond them
            self._arrays = {f: self._buffers[f][:n] for f, n in sizes.items()}
        return self._arrays

    def _put(self, name: str, values, at: int) -> None:
        """Write ``values`` into buffer ``name`` from position ``at``, growing it as needed."""
        if not len(values):
            return
        buffer = self._buffers[name]
        need = at + len(values)
        if len(buffer) < need:
            grown = np.empty(max(need, 2 * len(buffer), 1024), buffer.dtype)
            grown[:at] = buffer[:at]
            buffer = self._buffers[name] = grown
        buffer[at:need] = values

    def edges(self, pairs, made_last, made_first):
        """Per type: the texts a run's last (first) token may have had when the tokenizer's
        special-case matcher read it, and whether one of them ends (begins) a pattern pair."""
        lefts = {a for a, _ in pairs}
        rights = {b for _, b in pairs}
        ends, begins, flag_l, flag_r = self._edges
        for text in self.texts[len(ends) :]:
            ends.append({text, *made_last.get(text, ())})
            begins.append({text, *made_first.get(text, ())})
            flag_l.append(not ends[-1].isdisjoint(lefts))
            flag_r.append(not begins[-1].isdisjoint(rights))
        return ends, begins, np.array(flag_l, bool), np.array(flag_r, bool)

    def add_runs(self, runs: list[str]) -> None:
        """Tokenize new runs: non-space runs many at a time, joined by line breaks (a token of
        their own, between runs spaCy tokenizes on their own anyway); whitespace runs alone."""
        words = [r for r in runs if not r[:1].isspace()]
        spaces = [r for r in runs if r[:1].isspace()]
        for k in range(0, len(words), 2000):
            batch = words[k : k + 2000]
            doc = english().tokenizer("\n".join(batch))
            orths = doc.to_array(ORTH)  # uint64 hashes
            idx = doc.to_array(IDX).astype(np.int64)
            lengths = np.fromiter(map(len, batch), np.int64, len(batch))
            starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
            run = np.searchsorted(starts, idx, side="right") - 1
            inside = idx < starts[run] + lengths[run]  # not a joining line break
            self._push(batch, run[inside], orths[inside], idx[inside] - starts[run[inside]])
        for r in spaces:
            doc = english().tokenizer(r)
            orths = doc.to_array(ORTH).reshape(-1)
            offsets = doc.to_array(IDX).astype(np.int64).reshape(-1)
            self._push([r], np.zeros(len(orths), np.int64), orths, offsets)

    def _push(self, batch, run, orths, offsets) -> None:
        type_of = self.type_of
        types = [type_of.get(o) for o in orths.tolist()]
        types = [t if t is not None else self.add_type(o)
                 for t, o in zip(types, orths.tolist(), strict=True)]  # fmt: skip
        counts = np.bincount(run, minlength=len(batch)).tolist()
        for text, n in zip(batch, counts, strict=True):
            self.run_of[text] = len(self.run_ptr) - 1
            self.run_ptr.append(self.run_ptr[-1] + n)
        self.run_types += types
        self.run_offsets += offsets.tolist()
        self._arrays = None


_STORE = _Store()


def _store() -> _Store:
    global _STORE
    if len(_STORE.texts) > MAX_CACHED or len(_STORE.run_of) > MAX_CACHED:
        _STORE = _Store()
    return _STORE


# --- names: the gazetteer's literal aliases and the listed phrases, as a trie of lower cases ---

_NAMES: dict[str, tuple] = {}


def _names(path: str) -> tuple[dict, set[int]]:
    """A trie of lower-case token ids (key None: the labels ending there, in the order spaCy's
    PhraseMatcher reports them) and the set of first tokens. A label is (term, alias): the
    alias's entry term and the alias for the case guard, or ("", None) for a listed phrase."""
    if path not in _NAMES:
        gaz = cached_gazetteer(path)
        listed = [ln.strip() for ln in PHRASES.read_text(encoding="utf-8").splitlines()]
        nlp = english()
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        labels: dict[int, tuple[str, str | None]] = {}
        docs = {}
        literal = gaz[~gaz.metonym & (gaz.after.map(len) == 0)]
        for k, (alias, term) in enumerate(zip(literal.alias, literal.term, strict=True)):
            doc = nlp.make_doc(alias)
            matcher.add(f"N{k}", [doc])
            labels[nlp.vocab.strings[f"N{k}"]] = (term, alias)
            docs.setdefault(tuple(doc.to_array(LOWER).tolist()), doc)
        for phrase in sorted({p for p in listed if p and not p.startswith("#")}):
            doc = nlp.make_doc(phrase)
            matcher.add("TERM", [doc])
            docs.setdefault(tuple(doc.to_array(LOWER).tolist()), doc)
        labels[nlp.vocab.strings["TERM"]] = ("", None)
        trie: dict = {}
        for key, doc in docs.items():
            node = trie
            for lower in key:
                node = node.setdefault(lower, {})
            # the labels of this sequence in the matcher's own order (its hash map's), which
            # decides between equal spans: read from a match of the sequence itself
            node[None] = [labels[k] for k, s, e in matcher(doc) if (s, e) == (0, len(doc))]
        _NAMES[path] = (trie, set(trie))
    return _NAMES[path]


_NAME_TYPES: dict[str, tuple] = {}


def _name_types(path: str, store: _Store) -> tuple[np.ndarray, np.ndarray]:
    """Per word type: whether a name may start at it (0 no, 1 a name of this one word and no
    longer one, 2 a longer one may start here: read token by token), and for 1 the code of
    the term its case names (-1: its case names none, "us" for "US")."""
    trie, _ = _names(path)
    kinds, codes, known = _NAME_TYPES.get(path, ([], [], None))
    if known is not store:
        kinds, codes = [], []
    for k in range(len(kinds), len(store.texts)):
        node = trie.get(store.rows[k][1])
        if node is None:
            kinds.append(0)
            codes.append(-1)
        else:
            text = store.texts[k]
            found = [term or normalise_term(text) for term, alias in node.get(None, ())
                     if alias is None or case_matches(alias, text)]  # fmt: skip
            kinds.append(2 if len(node) > 1 or None not in node else 1)
            codes.append(store.code(found[0]) if found else -1)
    _NAME_TYPES[path] = (kinds, codes, store)
    return np.array(kinds, np.int8), np.array(codes, np.int64)


def _second_words(path: str, store: _Store) -> np.ndarray:
    """Per word type: whether its lower case is the second word of some name or phrase."""
    trie, _ = _names(path)
    second = {w for node in trie.values() for w in node if w is not None}
    return np.fromiter((row[1] in second for row in store.rows), bool, len(store.rows))


def _name_spans(
    text: str, lowers: list[int], idx, ends, at: int, stop: int, trie: dict, firsts: list[int]
) -> list[tuple[int, int, str]]:
    """(start, end, term) of one article's names: every match whose case names it, then the
    longest first, earlier first among equals, none overlapping (spaCy's ``filter_spans``)."""
    spans = []
    for i in firsts:
        node = trie[lowers[i]]
        j = i + 1
        while True:
            found = node.get(None)
            if found:
                surface = text[idx[i] - at : ends[j - 1] - at]
                for term, alias in found:
                    if alias is None or case_matches(alias, surface):
                        spans.append((i, j, term or normalise_term(surface)))
                        break  # the first that passes wins among equal spans
            if j >= stop:
                break
            node = node.get(lowers[j])
            if node is None:
                break
            j += 1
    if len(spans) < 2:
        return spans
    spans.sort(key=lambda s: (s[0] - s[1], s[0]))  # stable: longest, then earliest
    seen: set[int] = set()
    kept = []
    for s in spans:
        if s[0] not in seen and s[1] - 1 not in seen:
            kept.append(s)
            seen.update(range(s[0], s[1]))
    return sorted(kept)


# --- the special-case pairs that make an article be read by spaCy's tokenizer itself ---


def _cross_pairs() -> tuple[set[tuple[str, str]], dict[str, set[str]], dict[str, set[str]]]:
    """Adjacent token texts of the tokenizer's multi-token special-case patterns (the special
    case tokenized without special cases, as spaCy's tokenizer matches them), and for a token
    a special case made, the pattern's last and first token it stood for before the matcher
    (the matcher sees a run's tokens before it merges them: "(:" was "(" ":")."""
    tok = english().tokenizer
    bare = Tokenizer(english().vocab, rules={}, prefix_search=tok.prefix_search,
                     suffix_search=tok.suffix_search, infix_finditer=tok.infix_finditer,
                     token_match=tok.token_match, url_match=tok.url_match)  # fmt: skip
    pairs: set[tuple[str, str]] = set()
    last: dict[str, set[str]] = {}
    first: dict[str, set[str]] = {}
    for key, pieces in tok.rules.items():
        words = [t.text for t in bare(key)]
        if len(words) < 2:
            continue
        pairs |= {(a, b) for a, b in zip(words, words[1:], strict=False)}
        made = [piece[ORTH] for piece in pieces]
        last.setdefault(made[-1], set()).add(words[-1])
        first.setdefault(made[0], set()).add(words[0])
    return pairs, last, first  # a superset of the matcher's patterns: the check costs a re-read


_PAIRS: list = []


# --- an article's tokens, corpus-wide arrays ---


class Tokens:
    """The tokens of a list of texts, end to end: ``type``, ``idx`` and ``end`` (offsets in
    ``joined``, the texts end to end), ``spacy`` (followed by one space); ``first`` (each
    article's first token, and the count at the end) and ``base`` (each article's offset)."""

    def __init__(self, texts: list[str]):
        self.store = store = _store()  # the types of these tokens, whatever later calls reset
        runs = [_RUNS.findall(t) for t in texts]
        n_runs = np.fromiter(map(len, runs), np.int64, len(runs))
        codes, distinct = pd.factorize(np.array(list(chain.from_iterable(runs)), dtype=object))
        del runs
        # a word's run holds the one space after it (spaCy's trailing space, no token)
        distinct = distinct.tolist()
        spaced = np.fromiter((r[-1] == " " and not r.isspace() for r in distinct), bool,
                             len(distinct))  # fmt: skip
        keys = [r[:-1] if sp else r for r, sp in zip(distinct, spaced.tolist(), strict=True)]
        new = [k for k in dict.fromkeys(keys) if k not in store.run_of]
        if new:
            store.add_runs(new)
        arr = store.arrays()
        ids = np.array([store.run_of[k] for k in keys], dtype=np.int64)
        ntok_d = (arr["ptr"][1:] - arr["ptr"][:-1])[ids]
        len_d = np.fromiter(map(len, distinct), np.int64, len(distinct))
        ntok = ntok_d[codes]
        cum = np.cumsum(len_d[codes])
        run_start = cum - len_d[codes]  # offset of each run in the joined texts
        tok_end = np.cumsum(ntok)
        tok_first = tok_end - ntok  # first token of each run
        n = int(tok_end[-1]) if len(tok_end) else 0
        # token k of run r is run_types[ptr[r] + k]
        src = np.repeat(arr["ptr"][:-1][ids][codes] - tok_first, ntok) + np.arange(n)
        self.type = arr["run_types"][src]
        self.idx = np.repeat(run_start, ntok) + arr["run_offsets"][src]
        self.end = self.idx + arr["length"][self.type]
        self.spacy = np.zeros(n, bool)
        self.spacy[(tok_end - 1)[spaced[codes]]] = True
        run_first = np.concatenate([[0], np.cumsum(n_runs)])
        self.first = np.concatenate([[0], tok_end])[run_first]
        sizes = np.fromiter(map(len, texts), np.int64, len(texts))
        self.base = np.cumsum(sizes) - sizes
        self.joined = "".join(texts)
        # runs k and k + 1 one space apart in one article (a word's run is never empty)
        opens = np.zeros(len(codes) + 1, bool)
        opens[run_first] = True
        gap = np.flatnonzero(spaced[codes[:-1]] & ~opens[1:-1])
        self._respell(texts, store, gap, tok_end, tok_first, (run_start, cum, run_first))

    def article(self, positions: np.ndarray) -> np.ndarray:
        """The article (index of its text) of each token position."""
        return np.searchsorted(self.first, positions, side="right") - 1

    def _respell(self, texts, store, gap, tok_end, tok_first, runs):
        """Read with spaCy's tokenizer the articles where a special case spanning two runs
        changes a token: where the tokens of a special case's pattern meet one space apart,
        the five runs either side are tokenized together and compared with the runs' own."""
        if not _PAIRS:
            _PAIRS.append(_cross_pairs())
        pairs, made_last, made_first = _PAIRS[0]
        ends, begins, flag_l, flag_r = store.edges(pairs, made_last, made_first)
        gap = gap[flag_l[self.type[tok_end[gap] - 1]]]
        gap = gap[flag_r[self.type[tok_first[gap + 1]]]]
        left, right = self.type[tok_end[gap] - 1], self.type[tok_first[gap + 1]]
        run_start, run_end, run_first = runs
        redo = set()
        for g, a, b in zip(gap.tolist(), left.tolist(), right.tolist(), strict=True):
            if not any((x, y) in pairs for x in ends[a] for y in begins[b]):
                continue
            k = int(np.searchsorted(run_first, g, side="right") - 1)
            lo, hi = max(int(run_first[k]), g - 5), min(int(run_first[k + 1]) - 1, g + 6)
            at = int(run_start[lo])
            theirs = [(t.idx + at, t.text) for t in
                      english().tokenizer(self.joined[at : int(run_end[hi])])]  # fmt: skip
            a, b = int(tok_first[lo]), int(tok_end[hi])
            ours = [(i, self.joined[i:e]) for i, e in
                    zip(self.idx[a:b].tolist(), self.end[a:b].tolist(), strict=True)]  # fmt: skip
            if ours != theirs:
                redo.add(k)
        redo = sorted(redo)
        if redo:
            self._replace(texts, redo, store)

    def _replace(self, texts, redo, store):
        names = ("type", "idx", "spacy", "end")
        parts = {name: [] for name in names}
        arrays = {name: getattr(self, name) for name in names}
        counts = (self.first[1:] - self.first[:-1]).copy()
        last = 0
        for k in redo:
            for name in names:
                parts[name].append(arrays[name][self.first[last] : self.first[k]])
            doc = english().tokenizer(texts[k])
            cols = doc.to_array([IDX, SPACY]).astype(np.int64).reshape(-1, 2)
            orths = doc.to_array(ORTH).reshape(-1).tolist()
            types = np.array([store.type_of[o] if o in store.type_of else store.add_type(o)
                              for o in orths], dtype=np.int64)  # fmt: skip
            parts["type"].append(types)
            parts["idx"].append(cols[:, 0] + self.base[k])
            parts["spacy"].append(cols[:, 1].astype(bool))
            parts["end"].append(cols[:, 0] + self.base[k] + store.arrays()["length"][types])
            counts[k] = len(types)
            last = k + 1
        for name in names:
            parts[name].append(arrays[name][self.first[last] :])
            setattr(self, name, np.concatenate(parts[name]))
        self.first = np.concatenate([[0], np.cumsum(counts)])


_DOT_CAPITAL = re.compile(r"\.[A-Z]")


def _initialism_openers(texts: list[str], joined: str, base: np.ndarray) -> list[tuple[int, int]]:
    """Where ``helpers.nlp._INITIALISM`` finds an opening word after "U.S." in each text, as
    offsets in ``joined`` (the texts end to end, text k from ``base[k]``): the matches of
    searching each text, read only around a full stop before a capital (the pattern's own
    search of every text costs as much as counting its terms). A match lies in one
    whitespace-free run holding ".X" and looks ahead into the whitespace and the next run."""
    found = []
    seen = set()
    for hit in _DOT_CAPITAL.finditer(joined):
        k = int(np.searchsorted(base, hit.start(), side="right") - 1)
        text, p = texts[k], hit.start() - int(base[k])
        if p + 1 >= len(text):
            continue  # the capital opens the next text
        ws = p
        while ws > 0 and not text[ws - 1].isspace():
            ws -= 1
        if (k, ws) in seen:
            continue
        seen.add((k, ws))
        run_end = p
        while run_end < len(text) and not text[run_end].isspace():
            run_end += 1
        we = run_end
        while we < len(text) and text[we].isspace():
            we += 1
        while we < len(text) and not text[we].isspace():
            we += 1
        for m in _INITIALISM.finditer(text, ws, we):
            if m.start() < run_end:
                found.append((m.start("opener") + int(base[k]), m.end("opener") + int(base[k])))
    return found


def _sentence_starts(tok: Tokens, texts: list[str], arr: dict) -> np.ndarray:
    """Whether each token starts a sentence, by helpers.nlp's components."""
    n = len(tok.type)
    t = tok.type
    starts_at, ends_at = tok.first[:-1], tok.first[1:]
    first = starts_at[starts_at < ends_at]  # first token of non-empty articles
    ss = np.zeros(n, np.int8)
    ss[first] = 1  # spaCy's Doc starts a sentence at its first token
    # paragraph_breaks: a whitespace token holding "\n\n" (not the first) ends its paragraph
    brk = np.flatnonzero(arr["paragraph"][t])
    brk_art = tok.article(brk)
    ok = arr["space"][t[brk]] & (brk > starts_at[brk_art])
    brk, brk_art = brk[ok], brk_art[ok]
    ss[brk[brk + 1 < ends_at[brk_art]] + 1] = 1
    ss[brk] = -1  # after the next-token starts: a break right after a break stays a break
    # sentence_punctuation (spaCy's Sentencizer rule, where no earlier component decided)
    guess = sentencizer_starts(arr["kind"][t], first)
    start = (ss == 1) | ((ss == 0) & guess)
    # abbreviations: no new sentence after "Gen." before a name, "No." before a number
    cand = np.flatnonzero(start)
    cand = cand[(cand >= 2) & arr["dot"][t[np.maximum(cand - 1, 0)]]]
    cand = cand[(cand >= starts_at[tok.article(cand)] + 2) & ~tok.spacy[cand - 2]]
    word = t[cand - 2]
    undo = arr["title"][word] | (arr["numbering"][word] & arr["digit"][t[cand]])
    start[cand[undo]] = False
    # ... and a new one after "U.S." before an opening word
    for opener_start, opener_end in _initialism_openers(texts, tok.joined, tok.base):
        k = int(np.searchsorted(tok.idx, opener_start))
        e = int(np.searchsorted(tok.end, opener_end))
        if (k < n and tok.idx[k] == opener_start and e < n
                and tok.end[e] == opener_end):  # fmt: skip
            start[k] = True
    start[first] = True
    return start


# Characters of text read at a time (whole articles; at least one): a batch's arrays hold a
# dozen numbers per token, so 100,000 articles at once (70 million tokens) would take
# gigabytes. Batches of about a million characters (250,000 tokens) also keep each array
# under 4 MB, below which numpy asks for no transparent huge pages: on 2,000 articles in one
# batch, the kernel's huge-page faults took a quarter of count_terms' CPU seconds, and arrays
# this size are reused from the heap from one batch to the next and stay in the CPU's cache.
BATCH_CHARS = 1_000_000


def batches(texts: list[str], chars: int | None = None) -> list[range]:
    """Consecutive runs of ``texts`` (their positions) holding at most ``chars`` characters
    together (None: ``BATCH_CHARS``), or one text where a text alone holds more.

    >>> batches(["ab", "cd", "efg", "h", "ijklm"], chars=4)
    [range(0, 2), range(2, 4), range(4, 5)]
    """
    chars = BATCH_CHARS if chars is None else chars
    out, lo, size = [], 0, 0
    for k, n in enumerate(map(len, texts)):
        if k > lo and size + n > chars:
            out.append(range(lo, k))
            lo, size = k, 0
        size += n
    if lo < len(texts):
        out.append(range(lo, len(texts)))
    return out


def english_terms(texts: list[str], path: str, batch: int | None = None):
    """Counted terms of English texts: (article index, term code, sentence id, start, end) as
    arrays, and the list of term strings the codes index; as ``helpers.text._english_tokens``
    describes them (before hyphenated compounds are closed). Read ``batch`` articles at a time,
    or (None) about ``BATCH_CHARS`` characters at a time (each article's terms depend on that
    article alone)."""
    parts, vocab = [], {}
    if batch is None:
        runs = batches(texts)
    else:
        runs = [range(lo, min(lo + batch, len(texts))) for lo in range(0, len(texts), batch)]
    for run in progress_in_steps(runs, [len(r) for r in runs], "counting terms"):
        lo = run.start
        article, code, sent, start, end, names = _english_terms(texts[lo : run.stop], path)
        present = np.unique(code)
        remap = np.zeros(int(present[-1]) + 1 if len(present) else 0, np.int32)
        for c in present.tolist():  # the store may be reset between batches: codes go by term
            remap[c] = vocab.setdefault(names[c], len(vocab))
        parts.append((article + lo, remap[code], sent, start, end))
    if not parts:
        return *(np.empty(0, dt) for dt in (np.int32, np.int32, np.int32, np.int32, np.int32)), []
    columns = [np.concatenate(col) for col in zip(*parts, strict=True)]
    return *columns, list(vocab)


def _english_terms(texts: list[str], path: str):
    """``english_terms`` of one batch, the codes indexing the store's term list."""
    tok = Tokens(texts)
    store = tok.store
    arr = store.arrays()
    n = len(tok.type)
    t = tok.type
    joined = tok.joined
    sent = np.cumsum(_sentence_starts(tok, texts, arr))
    trie, _ = _names(path)
    name_kind, name_code = _name_types(path, store)
    cand = np.flatnonzero(name_kind[t] == 2)
    # a longer name goes on with a word that some name has in second place
    cand = cand[cand + 1 < n]
    cand = cand[_second_words(path, store)[t[cand + 1]]]
    # a hyphenated compound written without spaces ("Kyrgyz-Tajik") links token j to j + 2
    link = np.zeros(n + 2, bool)
    hyphen = np.flatnonzero(arr["hyphen"][t])
    j = hyphen[(hyphen >= 1) & (hyphen + 1 < n)] - 1
    j = j[(tok.article(j) == tok.article(j + 2)) & ~tok.spacy[j] & ~tok.spacy[j + 1]]
    link[j[arr["alpha"][t[j + 2]]]] = True
    # a one-word name: its term where its case names it
    counted = np.where(name_code >= 0, name_code, arr["term"])
    term = counted[t]
    start, end = tok.idx.copy(), tok.end.copy()
    skip = np.zeros(n + 1, np.int64)
    names: dict[int, tuple[int, str]] = {}
    if len(cand):
        lowers = arr["lower"][t]  # read only around the candidates
        arts = tok.article(cand)
        bounds = np.flatnonzero(np.diff(arts)) + 1
        for group, k in zip(np.split(cand, bounds), arts[np.concatenate([[0], bounds])].tolist(),
                            strict=True):  # fmt: skip
            spans = _name_spans(joined, lowers, tok.idx, tok.end, 0, int(tok.first[k + 1]),
                                trie, group.tolist())  # fmt: skip
            for s, e, name in spans:
                names[s] = (e, name)
    special = sorted(set(names) | set(np.flatnonzero(link).tolist()))
    frontier = 0
    extra_terms = []
    for s in special:
        if s < frontier:
            continue  # inside a name or compound already read
        if s in names:
            e, name = names[s]
            extra_terms.append((s, name, int(tok.idx[s]), int(tok.end[e - 1])))
        elif name_code[t[s]] >= 0:  # a one-word name before a hyphen: the name, not the compound
            e = s + 1
        else:
            e = s
            while link[e]:
                e += 2
            e += 1
            if arr["alpha"][t[s]]:
                stop = int(tok.end[e - 1])
                extra_terms.append((s, joined[tok.idx[s] : stop].lower(), int(tok.idx[s]), stop))
        skip[s + 1] += 1
        skip[e] -= 1
        frontier = e
    visited = np.cumsum(skip[:n]) == 0
    for s, name, a, b in extra_terms:
        term[s] = store.code(name)
        start[s], end[s] = a, b
    keep = np.flatnonzero(visited & (term >= 0))
    article = tok.article(keep)
    base = tok.base[article]
    sent_id = (sent[keep] - sent[tok.first[:-1][article]]).astype(np.int32)
    # 32 bits: an article's offsets stay below 2**31 (files over 100 MiB are skipped)
    return (article.astype(np.int32), term[keep], sent_id, (start[keep] - base).astype(np.int32),
            (end[keep] - base).astype(np.int32), store.terms)  # fmt: skip
