"""Text helpers shared by the analysis notebooks: the one tokenizer of counted terms.

Names are counted as concepts (``helpers.vocabulary``): every literal alias of a gazetteer
entry becomes the entry's canonical term ("Zhaparov" and "Sadyr Japarov" are both
"sadyr japarov", "Kyrgyz Republic" is "kyrgyzstan"), so keyness never sets two spellings of
one name against each other.
"""

from __future__ import annotations

import re
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd
from spacy.attrs import IDX, ORTH, SENT_START, SPACY
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

from helpers.language import is_russian, route
from helpers.nlp import english
from helpers.progress import progress
from helpers.schema import columns
from helpers.vocabulary import (
    cached_gazetteer,
    case_matches,
    gazetteer_path,
    known_word,
    lemma,
    normalise_term,
)

__all__ = ["normalise_term"]  # re-exported: older code imports it from here


def concordance(spans: pd.DataFrame, articles: pd.DataFrame, window: int = 40) -> pd.DataFrame:
    """Keyword-in-context for any table of spans in ``articles.text``.

    Input: one row per span with ``doc_id``, ``start`` and ``end`` (offsets into ``text``).
    Output: the same rows with ``left``, ``match`` and ``right`` added, each context cut to
    ``window`` characters and with line breaks shown as spaces.

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Moscow and the CSTO met."]})
    >>> concordance(pd.DataFrame({"doc_id": ["a"], "start": [15], "end": [19]}), arts, 8)
      doc_id  start  end      left match  right
    0      a     15   19  and the   CSTO   met.
    """
    texts = articles.set_index("doc_id").text
    rows = [
        (
            texts[d][max(0, s - window) : s].replace("\n", " ").rjust(window),
            texts[d][s:e].replace("\n", " "),
            texts[d][e : e + window].replace("\n", " "),
        )
        for d, s, e in zip(spans.doc_id, spans.start, spans.end, strict=True)
    ]
    contexts = pd.DataFrame(rows, columns=["left", "match", "right"], index=spans.index)
    return pd.concat([spans, contexts], axis=1)


PHRASES = Path(__file__).parent / "data" / "phrases.txt"
_BARE_NUMBER = re.compile(r"^[\d.,:/%–-]+$")
TOKEN_COLUMNS = columns("tokens")  # helpers.schema: the columns and their meanings


def _phrase_matcher(path: str) -> tuple[PhraseMatcher, dict[int, tuple[str, str | None]]]:
    """Multiword terms and names: every literal alias of the gazetteer (labelled with its
    canonical term and the alias, for the case guard) plus the phrases of ``phrases.txt``."""
    if path not in _PHRASE_MATCHERS:
        gaz = cached_gazetteer(path)
        listed = [ln.strip() for ln in PHRASES.read_text(encoding="utf-8").splitlines()]
        matcher = PhraseMatcher(english().vocab, attr="LOWER")
        labels: dict[int, tuple[str, str | None]] = {}
        literal = gaz[~gaz.metonym & (gaz.after.map(len) == 0)]
        for k, (alias, term) in enumerate(zip(literal.alias, literal.term, strict=True)):
            matcher.add(f"N{k}", [english().make_doc(alias)])
            labels[english().vocab.strings[f"N{k}"]] = (term, alias)
        for phrase in sorted({p for p in listed if p and not p.startswith("#")}):
            matcher.add("TERM", [english().make_doc(phrase)])
        labels[english().vocab.strings["TERM"]] = ("", None)
        _PHRASE_MATCHERS[path] = (matcher, labels)
    return _PHRASE_MATCHERS[path]


_PHRASE_MATCHERS: dict[str, tuple] = {}


def _names_in(doc, path: str) -> dict[int, tuple[Span, str]]:
    """Gazetteer names and listed phrases by first token: (span, term), the longest winning;
    a name is kept only where its case names it ("US", never "us")."""
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


# Everything _terms_of needs from a word type (a spaCy lexeme), worked out once per type
# (cached by its orth id), never once per token: the text, whether it is alphabetic or a
# hyphen, and its counted term (None: not counted).
# One cache per language: a word's stop-word flag and lemma belong to its language's vocabulary.
_TYPES: dict[str, dict[int, tuple[str, bool, bool, str | None]]] = {}
MAX_CACHED_TYPES = 1_000_000


def _type(lex) -> tuple[str, bool, bool, str | None]:
    return lex.text, lex.is_alpha, lex.text == "-", _lemma(lex) if _counts(lex) else None


def _types(doc) -> list[tuple[str, bool, bool, str | None]]:
    """The cached type information of every token of ``doc``."""
    vocab = doc.vocab
    types = _TYPES.setdefault(vocab.lang, {})
    if len(types) > MAX_CACHED_TYPES:
        types.clear()
    orths = doc.to_array(ORTH).tolist()
    for orth in set(orths).difference(types):
        types[orth] = _type(vocab[orth])
    return [types[orth] for orth in orths]


def _terms_of(doc, whole: str, path: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The counted terms of one parsed article, with their sentence ids and their (start, end)
    character offsets as arrays (``whole`` is its text: ``doc.text`` would rebuild it token by
    token). Arrays, not a tuple per term: 100,000 articles hold 30 million terms."""
    terms: list[str] = []
    at: list[int] = []  # the token each term starts at
    spans: list[int] = []  # start, end, start, end, ...
    n = len(doc)
    if not n:
        return terms, np.empty(0, np.int32), np.empty((0, 2), np.int64)
    columns = doc.to_array([IDX, SPACY, SENT_START])
    starts = columns[:, 2] == 1
    starts[0] = True
    sent = (np.cumsum(starts) - 1).astype(np.int32)  # as nlp.sentence_ids gives them
    idx, spaced = columns[:, 0].tolist(), columns[:, 1].tolist()
    types = _types(doc)
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
        # A hyphenated compound written without spaces ("Kyrgyz-Tajik") runs to j + 1.
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


def _close_compounds(terms: pd.Series) -> pd.Series:
    """A hyphenated compound is counted as its closed form where the corpus or the dictionary
    writes it closed: "peace-keeping" and "peacekeeping" are one term; "kyrgyz-tajik" stays."""
    hyphenated = terms[terms.str.contains("-", regex=False) & ~terms.str.contains(" ")].unique()
    single = set(terms.unique())
    closed = {}
    for term in hyphenated:
        parts = term.split("-")
        joined = "".join(parts)
        if joined.isalpha() and (joined in single or known_word(joined)):
            closed[term] = lemma(joined)
    return terms.replace(closed) if closed else terms


def term_tokens(articles: pd.DataFrame, gazetteer: str | Path | None = None) -> pd.DataFrame:
    """The counted terms of every article in reading order: the one tokenizer of the package.

    Input: one row per article with ``doc_id`` and ``text``.
    Output: one row per term occurrence: ``doc_id``, ``position`` (0, 1, ... within the
    article), ``term``, ``sentence_id``, ``start``, ``end`` (offsets into ``text``).
    Terms are lower-cased lookup lemmas (``helpers.vocabulary.lemma``); stop words,
    punctuation and bare numbers are left out; names with digits stay ("s-300"); hyphenated
    compounds stay whole ("kyrgyz-tajik") or closed where the closed form is a word
    ("peace-keeping" → "peacekeeping"); every literal alias of a ``gazetteer`` entry (None: the
    project's) is its canonical term ("North-Atlantic Alliance" → "nato"); other multiword
    phrases of ``phrases.txt`` are one term ("partnership for peace").

    >>> term_tokens(pd.DataFrame({"doc_id": ["a"], "text": ["The North-Atlantic Alliance's S-300."]})).term.tolist()
    ['nato', 's-300']

    Articles with ``language`` "ru" are read by ``helpers.russian_text.term_tokens_ru``
    (pymorphy3 lemmas, Russian stop words, names as the same canonical terms); all others as
    English.
    """  # noqa: E501
    return route(articles, lambda a: _english_tokens(a, gazetteer),
                 lambda a: _russian_tokens(a, gazetteer))  # fmt: skip


def _russian_tokens(articles: pd.DataFrame, gazetteer: str | Path | None) -> pd.DataFrame:
    from helpers.russian_text import term_tokens_ru  # spaCy's Russian, only when needed

    return term_tokens_ru(articles, gazetteer)[TOKEN_COLUMNS]


def _english_tokens(articles: pd.DataFrame, gazetteer: str | Path | None) -> pd.DataFrame:
    """``term_tokens`` for English articles."""
    path = gazetteer_path(gazetteer)
    key = (tuple(articles.doc_id), tuple(articles.text), path)
    if key not in _TOKEN_CACHE:
        # Built column by column (no tuple per term): 20,000 articles hold 10 million terms.
        docs = progress(
            # the lemmatizer's own lemmas are not read: _lemma looks them up per type
            english().pipe(articles.text, disable=["lemmatizer"]),
            len(articles),
            "counting terms",
        )
        per_doc = [
            _terms_of(doc, text, path) for doc, text in zip(docs, articles.text, strict=True)
        ]
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
            del per_doc, offsets
        else:
            tokens = pd.DataFrame([], columns=TOKEN_COLUMNS)
        tokens["term"] = _close_compounds(tokens.term)
        _TOKEN_CACHE.clear()  # one corpus at a time: notebooks reuse it across helpers
        _TOKEN_CACHE[key] = tokens
    return _TOKEN_CACHE[key].copy()


_TOKEN_CACHE: dict = {}


def count_terms(
    articles: pd.DataFrame, ngram: int = 1, gazetteer: str | Path | None = None
) -> pd.DataFrame:
    """How often each term (or n-gram of adjacent terms in one sentence) occurs per article.

    Input: one row per article with ``doc_id`` and ``text``.
    Output: one row per ``doc_id`` and ``term`` with ``n``, sorted by ``doc_id``, then ``n``
    descending, then ``term``.

    >>> count_terms(pd.DataFrame({"doc_id": ["a"], "text": ["Weapons and more weapons."]}))
      doc_id    term  n
    0      a  weapon  2
    """
    tokens = term_tokens(articles, gazetteer)
    tokens = ngrams(tokens, ngram) if ngram > 1 else tokens
    counts = tokens.groupby(["doc_id", "term"], as_index=False).size().rename(columns={"size": "n"})
    return counts.sort_values(["doc_id", "n", "term"], ascending=[True, False, True],
                              ignore_index=True)  # fmt: skip


def ngrams(tokens: pd.DataFrame, n: int) -> pd.DataFrame:
    """Adjacent-term n-grams within one sentence, from ``term_tokens`` output."""
    parts = [tokens.groupby("doc_id").term.shift(-k) for k in range(n)]
    sents = [tokens.groupby("doc_id").sentence_id.shift(-k) for k in range(n)]
    same = pd.concat(sents, axis=1).nunique(axis=1, dropna=False).eq(1) & sents[-1].notna()
    joined = parts[0][same].str.cat([p[same] for p in parts[1:]], sep=" ")
    return tokens[same].assign(term=joined)


def kwic(articles: pd.DataFrame, pattern: str, window: int = 40) -> pd.DataFrame:
    """Keyword in context for a regular expression (case-insensitive) over ``text``.

    Output: one row per match: ``doc_id``, ``start``, ``end``, ``left``, ``match``, ``right``.
    """
    regex = re.compile(pattern, re.IGNORECASE)
    rows = [(d, m.start(), m.end()) for d, t in zip(articles.doc_id, articles.text, strict=True)
            for m in regex.finditer(t)]  # fmt: skip
    return concordance(pd.DataFrame(rows, columns=["doc_id", "start", "end"]), articles, window)


def term_positions(
    articles: pd.DataFrame, terms: list[str], gazetteer: str | Path | None = None
) -> pd.DataFrame:
    """Where each of ``terms`` occurs: ``doc_id``, ``term``, ``position`` and ``relative``
    (position / number of terms in the article, 0 = start, 1 = end), for dispersion plots."""
    tokens = term_tokens(articles, gazetteer)
    length = tokens.groupby("doc_id").position.transform("size")
    tokens["relative"] = tokens.position / length
    return tokens[tokens.term.isin(terms)][["doc_id", "term", "position", "relative"]]


def term_variants(articles: pd.DataFrame, gazetteer: str | Path | None = None) -> pd.DataFrame:
    """The names that counting merges into one term, for the reader to check.

    Input: one row per article with ``doc_id`` and ``text``. Output: one row per ``term``
    written in more than one way (after folding case and hyphens), with ``variants`` (the
    forms, most frequent first, each with its count) and ``n`` (occurrences in all).

    >>> term_variants(pd.DataFrame({"doc_id": ["a"], "text": ["Japarov, Zhaparov, Japarov."]}))
                term                   variants  n
    0  sadyr japarov  japarov (2), zhaparov (1)  3
    """
    tokens = term_tokens(articles, gazetteer)
    texts = articles.set_index("doc_id").text
    # inflections are not variants: "presidents" is folded to "president" before comparing
    surface = [_folded(normalise_term(texts[d][s:e])) for d, s, e in
               zip(tokens.doc_id, tokens.start, tokens.end, strict=True)]  # fmt: skip
    russian = set(articles.doc_id[is_russian(articles)])
    if russian:  # a Russian name's case forms are inflections too ("России", "Россией")
        from helpers.russian import lemma as russian_lemma

        surface = [" ".join(russian_lemma(w) for w in re.findall(r"\w+", texts[d][s:e]))
                   if d in russian else f for d, s, e, f in
                   zip(tokens.doc_id, tokens.start, tokens.end, surface, strict=True)]  # fmt: skip
    forms = tokens.assign(surface=surface).groupby(["term", "surface"]).size().rename("n")
    forms = forms.reset_index().sort_values(["term", "n", "surface"], ascending=[True, False, True])
    many = forms[forms.groupby("term").surface.transform("size") > 1]
    out = many.groupby("term", sort=False).agg(
        variants=("surface", list), counts=("n", list), n=("n", "sum"))  # fmt: skip
    out["variants"] = [", ".join(f"{v} ({c})" for v, c in zip(vs, cs, strict=True))
                       for vs, cs in zip(out.variants, out.counts, strict=True)]  # fmt: skip
    out = out.drop(columns="counts").reset_index()
    return out.sort_values(["n", "term"], ascending=[False, True], ignore_index=True)


def _folded(surface: str) -> str:
    return lemma(surface) if " " not in surface else surface
