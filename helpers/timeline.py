"""Dated expressions in the clean text, resolved against each article's publication date.

Candidates come from explicit patterns only (full dates, ranges, month and year, years after a
preposition or in parentheses, months and days without a year); a number that merely looks like
a year (a document code "SG(2010)0102", a count "285 representatives", an ordinal "77th", a
weapon "S-300") never matches. General-purpose date search (dateparser's ``search_dates``) finds
dates in such numbers, so the patterns are written here and their parts read by table look-up.

Every expression becomes an interval ``date_start``–``date_end`` at its ``precision``: "in 2004"
is 2004-01-01 to 2004-12-31, "December 2020" the whole month, "September 15–17" three days.
A date without a year ("May 16", "in August") takes the year that puts it on or before the
publication date — unless its sentence says it lies ahead ("there will be a meeting on
October 14") — and is left out of articles without a publication date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import pandas as pd

from helpers.nlp import english, sentence_ids
from helpers.progress import progress

MONTH_NUMBER = {name: k + 1 for k, full in enumerate(
    "january february march april may june july august september october november december".split()
) for name in {full, full[:3], full[:4]}}  # fmt: skip
_MONTH = r"(?P<{g}>" + "|".join(
    sorted((m.capitalize() for m in MONTH_NUMBER), key=len, reverse=True)
) + r")\.?"  # fmt: skip
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:1[89]|20)\d\d)"
_DASH = r"\s*[-–—]\s*"
_NOT_AFTER = r"(?![\w/\-)])"  # a year followed by "/", "-" or ")" + digits is a code


def _p(template: str, **groups: str) -> str:
    return template.format(**{k: v.format(g=k) for k, v in groups.items()})


PATTERNS: list[tuple[str, re.Pattern]] = [
    ("day-range", re.compile(_p(
        r"\b(?:from\s+)?{m1}\s+{d1}(?:{dash}|\s+to\s+){d2}(?:,?\s+{y1})?\b",
        m1=_MONTH, d1=_DAY, d2=_DAY, y1=_YEAR, dash=_DASH))),
    ("full-date", re.compile(_p(
        r"\b{m1}\s+{d1},?\s+{y1}\b" + _NOT_AFTER, m1=_MONTH, d1=_DAY, y1=_YEAR))),
    ("full-date", re.compile(_p(
        r"\b{d1}\s+{m1},?\s+{y1}\b" + _NOT_AFTER, m1=_MONTH, d1=_DAY, y1=_YEAR))),
    ("full-date", re.compile(_p(
        r"(?<![\w.])(?P<d1>[0-3]\d)\.(?P<mn>[01]\d)\.{y1}(?![\w.]\d)", y1=_YEAR))),
    ("month-this-year", re.compile(_p(r"\b{m1}\s+of\s+(?:this|the current)\s+year\b", m1=_MONTH))),
    ("month-year", re.compile(_p(
        r"\b{m1}(?:\s+of)?,?\s+{y1}\b" + _NOT_AFTER, m1=_MONTH, y1=_YEAR))),
    ("day-month", re.compile(_p(r"\b{m1}\s+{d1}\b(?![,.]?\s*\d)", m1=_MONTH, d1=_DAY))),
    ("month", re.compile(_p(
        r"(?i:\b(?:in|since|by|until|till|of|from|during|before|after)\s+"
        r"(?:(?:early|late|mid)[\s-]+)?){m1}\b(?!\s+\d)", m1=_MONTH))),
    ("year", re.compile(_p(
        r"(?i:\b(?:in|since|from|by|until|till|after|before|during|of)\s+){y1}\b" + _NOT_AFTER,
        y1=_YEAR))),
    ("year", re.compile(_p(r"(?<=\()(?<!\w\(){y1}(?=\)|\s*[-–,;])", y1=_YEAR))),
]  # fmt: skip

# Words that put a date without a year in the future of its article.
FUTURE = re.compile(
    r"\b(?:will|is to be|are to be|is scheduled|are scheduled|upcoming|next|planned for)\b", re.I
)
FUTURE_WINDOW = 60  # characters after the date that are still read for a future marker
DATE_COLUMNS = ["doc_id", "surface", "start", "end", "date_start", "date_end", "precision",
                "resolution", "sentence_id", "sentence"]  # fmt: skip


def _month(m: re.Match, group: str = "m1") -> int:
    return MONTH_NUMBER[m[group].lower().rstrip(".")]


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _interval(kind: str, m: re.Match, year: int | None):
    """(date_start, date_end, precision) of one match, with ``year`` supplied when it has none."""
    gd = m.groupdict()
    y = int(gd["y1"]) if gd.get("y1") else year
    if kind == "year":
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    month = int(gd["mn"]) if gd.get("mn") else _month(m)
    if kind in ("month", "month-year", "month-this-year"):
        return dt.date(y, month, 1), dt.date(y, month, _last_day(y, month)), "month"
    first = dt.date(y, month, int(gd["d1"]))
    last = dt.date(y, month, int(gd["d2"])) if gd.get("d2") else first
    return first, last, "day"


def _needs_year(kind: str, m: re.Match) -> bool:
    return kind != "year" and not m.groupdict().get("y1")


def _resolve(kind: str, m: re.Match, published: dt.date, future: bool):
    """The interval of a year-less date: the latest on or before ``published`` (or the
    earliest on or after it when ``future``); "of this year" is the publication year."""
    if kind == "month-this-year":
        return (*_interval(kind, m, published.year), "publication-year")
    for year in (published.year, published.year - 1 if not future else published.year + 1):
        start, end, precision = _interval(kind, m, year)
        if (start <= published) != future or start == published:
            return start, end, precision, "future" if future else "past"
    return None


def candidates(text: str) -> list[tuple[str, re.Match]]:
    """Non-overlapping pattern matches in ``text``, earlier patterns first, then longest."""
    found = [(kind, m) for kind, pattern in PATTERNS for m in pattern.finditer(text)]
    taken: list[tuple[int, int]] = []
    kept = []
    for kind, m in found:  # PATTERNS are ordered from most to least specific
        if all(m.end() <= s or m.start() >= e for s, e in taken):
            taken.append(m.span())
            kept.append((kind, m))
    return sorted(kept, key=lambda km: km[1].start())


def dates_in(doc_id: str, text: str, published: dt.date | None) -> list[tuple]:
    """The dated expressions of one article, as rows of ``DATE_COLUMNS``."""
    doc = english()(text, disable=["lemmatizer"])  # sentences only: lemmas are not needed
    sent_of = sentence_ids(doc)
    rows = []
    for kind, m in candidates(text):
        token = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        sentence = doc[token.start].sent if token is not None else None
        sid = int(sent_of[token.start]) if token is not None else -1
        try:
            if _needs_year(kind, m):
                if published is None:
                    continue  # an undated article keeps only its absolute dates
                window = text[sentence.start_char : min(sentence.end_char, m.end() + FUTURE_WINDOW)]
                resolved = _resolve(kind, m, published, bool(FUTURE.search(window)))
                if resolved is None:
                    continue
                start, end, precision, how = resolved
            else:
                start, end, precision = _interval(kind, m, None)
                how = "absolute"
        except ValueError:  # "February 30": a pattern that is no calendar date
            continue
        rows.append((doc_id, m.group(), m.start(), m.end(), start, end, precision, how, sid,
                     sentence.text.strip() if sentence is not None else ""))  # fmt: skip
    return rows


def find_dates(articles: pd.DataFrame) -> pd.DataFrame:
    """Every dated expression in ``articles.text``, resolved to an interval of dates.

    Input: one row per article with ``doc_id``, ``text`` and ``published`` (may be missing).
    Output: one row per expression: ``doc_id``, ``surface``, ``start``, ``end`` (character
    offsets into ``text``), ``date_start``, ``date_end``, ``precision`` (year, month, day),
    ``resolution`` (absolute; past, future or publication-year for a date completed from the
    publication date), ``sentence_id`` and ``sentence``.

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Since 1992 and on May 16 they met."],
    ...                      "published": [pd.Timestamp("2022-05-17")]})
    >>> find_dates(arts)[["surface", "date_start", "precision", "resolution"]].values.tolist()
    [['Since 1992', datetime.date(1992, 1, 1), 'year', 'absolute'], ['May 16', datetime.date(2022, 5, 16), 'day', 'past']]
    """  # noqa: E501
    rows = []
    items = zip(articles.doc_id, articles.text, articles.published, strict=True)
    for doc_id, text, published in progress(items, len(articles), "finding dates"):
        day = None if pd.isna(published) else pd.Timestamp(published).date()
        rows.extend(dates_in(doc_id, text, day))
    return pd.DataFrame(rows, columns=DATE_COLUMNS)


def publication_bounds(articles: pd.DataFrame, dates: pd.DataFrame) -> pd.DataFrame:
    """When each article appeared: its date, or for an undated one a lower bound.

    Output: one row per ``doc_id`` with ``published`` and ``lower_bound`` (the latest date
    the text mentions, for articles without a publication date; missing otherwise) — an
    undated article appeared on or after its lower bound, at a time the text does not state.
    """
    latest = dates.groupby("doc_id").date_start.max()
    table = articles[["doc_id", "published"]].copy()
    undated = table.published.isna()
    table["lower_bound"] = pd.to_datetime(table.doc_id.map(latest).where(undated))
    return table


def event_labels(dates: pd.DataFrame, n_words: int = 6) -> pd.Series:
    """A short phrase per dated expression: the words after the date in its sentence, or the
    words before it when the date ends the sentence.

    >>> event_labels(pd.DataFrame({"surface": ["In 2004", "September 15–17"], "sentence": [
    ...     "In 2004, NATO planned to open an office here.",
    ...     "This concerned the armed conflict on the border on September 15–17."]})).tolist()
    ['NATO planned to open an office…', '…armed conflict on the border on']
    """

    def label(surface: str, sentence: str) -> str:
        at = sentence.find(surface)
        after = re.findall(r"\w[\w’'–-]*", sentence[at + len(surface) :] if at >= 0 else sentence)
        if len(after) >= 3:
            return " ".join(after[:n_words]) + ("…" if len(after) > n_words else "")
        before = re.findall(r"\w[\w’'–-]*", sentence[: max(at, 0)])
        return ("…" if len(before) > n_words else "") + " ".join(before[-n_words:])

    return pd.Series([label(s, t) for s, t in zip(dates.surface, dates.sentence, strict=True)],
                     index=dates.index)  # fmt: skip


def tag_actors(dates: pd.DataFrame, mentions: pd.DataFrame, priority: list[str]) -> pd.Series:
    """The first actor of ``priority`` named in each date's sentence (missing if none)."""
    rank = {a: k for k, a in enumerate(priority)}
    named = mentions[mentions.actor.isin(rank)].assign(rank=lambda m: m.actor.map(rank))
    first = named.sort_values("rank").drop_duplicates(["doc_id", "sentence_id"])
    key = first.set_index(["doc_id", "sentence_id"]).actor
    index = pd.MultiIndex.from_frame(dates[["doc_id", "sentence_id"]])
    return pd.Series(key.reindex(index).to_numpy(), index=dates.index)
