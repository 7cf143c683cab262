"""Text helpers shared by the analysis notebooks."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from helpers.nlp import english, sentence_ids
from helpers.progress import progress


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
TOKEN_COLUMNS = ["doc_id", "position", "term", "sentence_id", "start", "end"]


@lru_cache(maxsize=1)
def _phrase_matcher() -> PhraseMatcher:
    """Multiword terms: the gazetteer's multiword literal aliases plus ``phrases.txt``."""
    from helpers.actors import load_gazetteer

    gaz = load_gazetteer()
    listed = [ln.strip() for ln in PHRASES.read_text(encoding="utf-8").splitlines()]
    phrases = {p for p in listed if p and not p.startswith("#")}
    phrases |= {a for a in gaz.alias[~gaz.metonym] if len(english().make_doc(a)) > 1}
    matcher = PhraseMatcher(english().vocab, attr="LOWER")
    for phrase in sorted(phrases):
        matcher.add("TERM", [english().make_doc(phrase)])
    return matcher


def normalise_term(text: str) -> str:
    """Lower case, hyphens and runs of spaces folded: "North-Atlantic Alliance" →
    "north atlantic alliance"."""
    return " ".join(re.sub(r"[-–]", " ", text.lower()).split())


def _compound_end(doc, i: int) -> int:
    """End of a hyphenated compound written without spaces ("Kyrgyz-Tajik"), else i + 1."""
    j = i
    while (j + 2 < len(doc) and doc[j].whitespace_ == "" and doc[j + 1].text == "-"
           and doc[j + 1].whitespace_ == "" and doc[j + 2].is_alpha):  # fmt: skip
        j += 2
    return j + 1


def _terms_of(doc) -> list[tuple[str, int, int, int]]:
    """(term, sentence_id, start, end) for each counted term of one parsed article."""
    sent = sentence_ids(doc)
    phrase_at = {s.start: s for s in filter_spans(_phrase_matcher()(doc, as_spans=True))}
    out, i = [], 0
    while i < len(doc):
        if i in phrase_at:
            span = phrase_at[i]
            out.append((normalise_term(span.text), sent[i], span.start_char, span.end_char))
            i = span.end
            continue
        end = _compound_end(doc, i)
        if end > i + 1 and doc[i].is_alpha:
            span = doc[i:end]
            out.append((span.text.lower(), sent[i], span.start_char, span.end_char))
        elif _counts(doc[i]):
            out.append((_lemma(doc[i]), sent[i], doc[i].idx, doc[i].idx + len(doc[i])))
        i = end
    return out


def _counts(token) -> bool:
    acronym = token.is_upper and len(token.text) > 1  # "US" is a country, not the pronoun
    return not (
        token.is_punct or token.is_space or (token.is_stop and not acronym) or token.is_currency
        or _BARE_NUMBER.match(token.text) or not any(c.isalnum() for c in token.text)
    )  # fmt: skip


@lru_cache(maxsize=1)
def _lemma_table():
    return english().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


def _lemma(token) -> str:
    """The lookup lemma of the lower-cased word ("Weapons" → "weapon"); an acronym keeps its
    letters ("US" stays "us", never the pronoun's lemma)."""
    if token.is_upper and len(token.text) > 1:
        return token.lower_
    return _lemma_table().get(token.lower_, token.lower_).lower()


def term_tokens(articles: pd.DataFrame) -> pd.DataFrame:
    """The counted terms of every article in reading order: the one tokenizer of the package.

    Input: one row per article with ``doc_id`` and ``text``.
    Output: one row per term occurrence: ``doc_id``, ``position`` (0, 1, ... within the
    article), ``term``, ``sentence_id``, ``start``, ``end`` (offsets into ``text``).
    Terms are lower-cased lookup lemmas; stop words, punctuation and bare numbers are left
    out; names with digits stay ("s-300"); hyphenated compounds stay whole ("kyrgyz-tajik");
    multiword names are one term ("north atlantic alliance", "partnership for peace").

    >>> term_tokens(pd.DataFrame({"doc_id": ["a"], "text": ["The North-Atlantic Alliance's S-300."]})).term.tolist()
    ['north atlantic alliance', 's-300']
    """  # noqa: E501
    key = (tuple(articles.doc_id), tuple(articles.text))
    if key not in _TOKEN_CACHE:
        rows = [
            (doc_id, k, *term)
            for doc_id, doc in zip(
                articles.doc_id,
                progress(english().pipe(articles.text), len(articles), "counting terms"),
                strict=True,
            )  # fmt: skip
            for k, term in enumerate(_terms_of(doc))
        ]
        _TOKEN_CACHE.clear()  # one corpus at a time: notebooks reuse it across helpers
        _TOKEN_CACHE[key] = pd.DataFrame(rows, columns=TOKEN_COLUMNS)
    return _TOKEN_CACHE[key].copy()


_TOKEN_CACHE: dict = {}


def count_terms(articles: pd.DataFrame, ngram: int = 1) -> pd.DataFrame:
    """How often each term (or n-gram of adjacent terms in one sentence) occurs per article.

    Input: one row per article with ``doc_id`` and ``text``.
    Output: one row per ``doc_id`` and ``term`` with ``n``, sorted by ``doc_id``, then ``n``
    descending, then ``term``.

    >>> count_terms(pd.DataFrame({"doc_id": ["a"], "text": ["Weapons and more weapons."]}))
      doc_id    term  n
    0      a  weapon  2
    """
    tokens = ngrams(term_tokens(articles), ngram) if ngram > 1 else term_tokens(articles)
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


def term_positions(articles: pd.DataFrame, terms: list[str]) -> pd.DataFrame:
    """Where each of ``terms`` occurs: ``doc_id``, ``term``, ``position`` and ``relative``
    (position / number of terms in the article, 0 = start, 1 = end), for dispersion plots."""
    tokens = term_tokens(articles)
    length = tokens.groupby("doc_id").position.transform("size")
    tokens["relative"] = tokens.position / length
    return tokens[tokens.term.isin(terms)][["doc_id", "term", "position", "relative"]]
