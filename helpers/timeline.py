"""Dated expressions in the clean text, read as intervals against each article's publication date.

Candidates come from explicit patterns only: full dates (also ISO and numeric), ranges, months
and years, parts of years ("early 2011", "mid-2014"), decades, seasons, years after a
preposition or in parentheses, days and months without a year, and relative expressions
("yesterday", "last week", "on Sunday", "three years ago", "two days earlier"). A number that
merely looks like a year never matches: a code "SG(2010)0102", a count "285 representatives",
a quantity "by 1900 soldiers", a time "until 1900 GMT", an ordinal "77th", a weapon "S-300";
nor does a name ("USA Today", "The Sunday Times"). General-purpose date search (dateparser's
``search_dates``) finds dates in such numbers and names, and resolves neither intervals nor
ranges (``benchmarks/dates.py`` measures both on ``tests/data/dates_gold.psv``), so the patterns
are written here and their parts read by table look-up; month arithmetic is dateutil's.

Every expression becomes an interval ``date_start``–``date_end`` at its ``precision``: "in 2004"
is 2004-01-01 to 2004-12-31, "last week" the Monday to Sunday before the publication week,
"September 15–17" three days. ``kind`` says how it was written: ``absolute``, ``relative``
(to the publication date, or to the previous date of the article for "two days earlier"),
``range`` or ``open`` ("since 2014" runs to the publication date; "after 2010" has no end,
"before 2010" no start: the missing bound is empty and ``open_start``/``open_end`` is true).
A date without a year ("May 16", "in August") takes the year that puts it on or before the
publication date, unless its sentence says it lies ahead ("there will be a meeting on October
14"). In an article without a publication date such expressions are kept, unresolved: both
bounds empty, ``resolution`` ``unresolved``.

``modality`` says whether the sentence reports the dated event as having happened (``past``),
as going on (``ongoing``), as ahead (``planned``: "will", "plans", "scheduled", "expected to",
or a date after publication) or as not having happened (``cancelled``: "was cancelled",
"postponed", "did not take place").
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache, partial

import numpy as np
import pandas as pd
from dateutil.relativedelta import relativedelta

from helpers.english_terms import Tokens, batches
from helpers.english_terms import _sentence_starts as sentence_starts
from helpers.intervals import ago_span
from helpers.intervals import last_day as _last_day
from helpers.intervals import month_span as _month_span
from helpers.intervals import week_span as _week
from helpers.intervals import year_span as _year
from helpers.language import is_russian, route
from helpers.patterns import MONTHS
from helpers.progress import progress_in_steps
from helpers.schema import columns
from helpers.sentences import segment

_FULL = " ".join(MONTHS)  # the one month table, helpers.patterns.MONTHS
MONTH_NUMBER = {name: k + 1 for k, full in enumerate(_FULL.split()) for name in {full, full[:3]}}
MONTH_NUMBER["sept"] = 9
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
NUMBER_WORDS = {w: k for k, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}  # fmt: skip
NUMBER_WORDS.update({"a": 1, "an": 1})
# Parts of a year (months) and of a month (days): early, mid, late.
YEAR_PARTS = {"early": (1, 4), "beginning": (1, 4), "start": (1, 4), "mid": (5, 8),
              "middle": (5, 8), "late": (9, 12), "end": (9, 12)}  # fmt: skip
MONTH_PARTS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20),
               "middle": (11, 20), "late": (21, 31), "end": (21, 31)}  # fmt: skip
DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}

_ABBREVIATED = "|".join(sorted((m for m in MONTH_NUMBER if m not in _FULL.split()), key=len,
                               reverse=True))  # fmt: skip
# A full stop belongs to an abbreviated month only ("Oct. 10"); "May's" and "Mar-a-Lago" are names.
_M = (r"(?P<{g}>(?i:" + "|".join(_FULL.split()) + "|(?:" + _ABBREVIATED + r")\.?))"
      r"(?![\w]|-[a-z]|['’]s\b)")  # fmt: skip
_D = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
_Y = r"(?P<{g}>(?:1[89]|20)\d\d)"
_DASH = r"\s*[-–—]\s*"
_TO = r"(?:\s*[-–—]\s*|\s+(?:to|until|till|through|and)\s+)"
_END = r"(?![\w%]|[/\-.,]\d|\)\d)"  # a number followed by more digits, "%" or ")0102" is no date
_WD = r"(?P<{g}>(?i:" + "|".join(WEEKDAYS) + r"))"
_PART = r"(?P<{g}>(?i:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of))"
_SEASON = r"(?P<{g}>(?i:spring|summer|autumn|fall|winter))"
_N = r"(?P<{g}>\d{{1,3}}|(?i:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"))"
_UNIT = r"(?P<{g}>(?i:day|week|month|year|decade)s?)"
_PRE = r"\b(?P<pre>(?i:in|since|from|by|until|till|after|before|during|of|for))"


def _p(template: str, **groups: str) -> re.Pattern:
    return re.compile(template.format(**{k: v.format(g=k) for k, v in groups.items()}))


# (kind of pattern, pattern), from most to least specific: an earlier match wins an overlap.
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("day-range-cross", _p(r"\b(?:(?P<rp>(?i:from|between))\s+)?{d1}\s+(?:of\s+)?{m1},?(?:\s+{y1})?"
                           r"{to}{d2}\s+(?:of\s+)?{m2},?\s+{y2}\b" + _END,
                           d1=_D, m1=_M, y1=_Y, d2=_D, m2=_M, y2=_Y, to=_TO)),
    ("day-range-cross", _p(r"\b(?:(?P<rp>(?i:from|between))\s+)?{m1}\s+{d1},?(?:\s+{y1})?"
                           r"{to}{m2}\s+{d2},?\s+{y2}\b" + _END,
                           d1=_D, m1=_M, y1=_Y, d2=_D, m2=_M, y2=_Y, to=_TO)),
    ("day-range", _p(r"\b(?:(?P<rp>(?i:from|between))\s+)?(?:the\s+)?{d1}{to}(?:the\s+)?{d2}"
                     r"\s+(?:of\s+)?{m1}(?:,?\s+{y1}\b" + _END + r")?",
                     d1=_D, d2=_D, m1=_M, y1=_Y, to=_TO)),
    ("day-range", _p(r"\b(?:(?P<rp>(?i:from|between))\s+)?{m1}\s+{d1}{to}{d2}(?:,?\s+{y1}\b" + _END
                     + r")?", m1=_M, d1=_D, d2=_D, y1=_Y, to=_TO)),
    ("month-range", _p(r"\b(?P<rp>(?i:from|between))\s+{m1}(?:\s+(?:of\s+)?{y1})?{to}{m2}"
                       r"(?:\s+(?:of\s+)?{y2}\b" + _END + r")?",
                       m1=_M, y1=_Y, m2=_M, y2=_Y, to=_TO)),
    ("month-range", _p(r"\b{m1}{dash}{m2},?\s+{y2}\b" + _END, m1=_M, m2=_M, y2=_Y, dash=_DASH)),
    ("year-range", _p(r"\b(?P<rp>(?i:from|between))\s+{y1}(?:\s+(?i:to|until|till|through|and)\s+|"
                      r"{dash}){y2}\b" + _END, y1=_Y, y2=_Y, dash=_DASH)),
    ("year-range", _p(r"(?<![\w./\-(])(?:(?P<pre>in|during|of|for)\s+)?{y1}{dash}"
                      r"(?P<y2>(?:1[89]|20)\d\d|\d\d)(?![\w/\-]|[.)]\d)", y1=_Y, dash=_DASH)),
    ("iso", _p(r"(?<![\w./\-])(?P<y1>(?:1[89]|20)\d\d)-(?P<mn>[01]\d)-(?P<d1>[0-3]\d)"
               r"(?![\w/\-]|\.\d)")),
    ("numeric", _p(r"(?<![\w./\-+])(?P<a>[0-3]?\d)(?P<sep>[./\-])(?P<b>[0-3]?\d)(?P=sep){y1}"
                   r"(?![\w]|[./\-]\d)", y1=_Y)),
    ("full-date", _p(r"\b(?:{wd},?\s+)?{m1}\s+{d1},?\s+{y1}\b" + _END,
                     wd=_WD, m1=_M, d1=_D, y1=_Y)),
    ("full-date", _p(r"\b(?:{wd},?\s+)?(?:the\s+)?{d1}\s+(?:of\s+)?{m1},?\s+{y1}\b" + _END,
                     wd=_WD, d1=_D, m1=_M, y1=_Y)),
    ("month-this-year", _p(r"\b{m1}\s+of\s+(?P<rel>this|the\s+current|last|next|the\s+previous)"
                           r"\s+year\b", m1=_M)),
    ("part-month", _p(r"(?:\b(?P<pre>in|since|by|until|till|from|during|before|after)\s+)?"
                      r"\b{part}[\s-]+{m1}(?:,?\s+{y1}\b" + _END + r")?",
                      part=_PART, m1=_M, y1=_Y)),
    ("month-year", _p(r"\b{m1}(?:\s+of)?,?\s+{y1}\b" + _END, m1=_M, y1=_Y)),
    ("part-year", _p(r"(?:\b(?P<pre>in|since|by|until|till|from|during|before|after)\s+)?"
                     r"\b{part}[\s-]+{y1}\b" + _END, part=_PART, y1=_Y)),
    ("decade", _p(r"\b(?:the\s+)?(?:(?P<part>(?i:early|mid|late))[\s-]+)?(?P<dec>(?:1[89]|20)\d0)"
                  r"['’]?s\b")),
    ("season-year", _p(r"\b(?:the\s+)?{s1}\s+(?:of\s+)?{y1}\b" + _END, s1=_SEASON, y1=_Y)),
    ("the-year", _p(r"\bthe\s+year\s+{y1}\b" + _END, y1=_Y)),
    ("day-month", _p(r"\b(?:the\s+)?{d1}\s+(?:of\s+)?{m1}\b(?![,.]?\s*\d)", d1=_D, m1=_M)),
    ("month-day", _p(r"\b{m1}\s+{d1}\b(?![,.]?\s*\d)", m1=_M, d1=_D)),
    ("month", _p(r"(?i:\b(?:in|since|by|until|till|of|from|during|before|after)\s+){m1}\b"
                 r"(?!\s+\d{{4}})", m1=_M)),
    ("year", _p(_PRE + r"\s+(?:the\s+end\s+of\s+)?{y1}\b" + _END, y1=_Y)),
    ("year", _p(r"(?<=\()(?<!\w\(){y1}(?=\)|\s*[-–,;])", y1=_Y)),
    ("deictic", _p(r"\b(?P<word>(?i:yesterday|today|tomorrow|tonight))\b")),
    ("this-part", _p(r"\b(?P<side>(?i:earlier|later))\s+this\s+(?P<unit>year|month|week)\b")),
    ("part-this-year", _p(r"\b{part}\s+(?P<rel>this|last|next|the\s+current)\s+year\b",
                          part=_PART)),
    ("this-unit", _p(r"\b(?P<rel>(?i:last|this|next|past|coming|previous))\s+"
                     r"(?P<unit>week|month|year|quarter)(?:['’]s)?\b")),
    ("season-rel", _p(r"\b(?P<rel>(?i:last|this|next|past|coming))\s+{s1}\b", s1=_SEASON)),
    ("ago", _p(r"\b{n}\s+{unit}\s+(?P<dir>ago|earlier|later|(?:before|after)(?=\s*[,.;)]|$))", n=_N,
               unit=_UNIT)),
    ("next-day", _p(r"\b(?P<which>(?i:the\s+(?:next|following|previous|preceding)\s+day|"
                    r"the\s+day\s+(?:before|after)))\b")),
    ("weekday", _p(r"\b(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?{wd}\b(?!['’]s\b)",
                   wd=_WD)),
]  # fmt: skip

# Words after a number that make it a quantity or a time of day, not a year.
UNITS = re.compile(
    r"(?:\s*(?:to|and|or|-|–)\s*\d[\d,.]*)?\s*(?:%|(?i:per\s*cent|percent|soldiers|troops|people|"
    r"persons|men|women|children|refugees|migrants|soms?|dollars|euros|rubles|roubles|tenge|tons|"
    r"tonnes|km|kilometres|kilometers|metres|meters|hectares|units|pieces|vehicles|tanks|cases|"
    r"votes|residents|families|houses|homes|jobs|workers|students|officers|servicemen|"
    r"participants|signatures|times|gmt|utc|hours|hrs|h|local\s+time|[A-Z][a-z]+\s+time|minutes|"
    r"seconds|villages|schools|members|delegates|copies|items|rounds|shells|km/h|mm|kg|"
    r"barrels|flights|passengers|dead|killed|injured|wounded))\b"
)
# Cue words, nearest to the date first. Whole-sentence cues: a cancellation.
CANCELLED = re.compile(
    r"\b(?:cancel+ed|cancel+ation|called\s+off|postponed|put\s+off|scrapped|not\s+take\s+place|"
    r"never\s+took\s+place|failed\s+to\s+take\s+place|(?:was|were)\s+not\s+held|"
    r"did\s+not\s+happen|didn[’']t\s+(?:take\s+place|happen))\b",
    re.I,
)
FUTURE = re.compile(
    r"\b(?:will|shall|won[’']t|'ll|going\s+to|plans|planned|planning|intends?|intended|"
    r"scheduled|expected|due|set\s+to|is\s+to|are\s+to|was\s+to|were\s+to|to\s+be\s+held|"
    r"upcoming|aims?\s+to|would|next|coming)\b",
    re.I,
)
PRESENT = re.compile(
    r"\b(?:is|are|am|continues?|continuing|remains?|still|currently|now|has|have|being)\b", re.I
)
_NOT_PAST = {"need", "indeed", "speed", "seed", "feed", "red", "bed", "shed", "united", "hundred",
             "expected", "scheduled", "planned", "intended", "proceed", "exceed", "succeed",
             "based", "related", "interested", "armed", "concerned"}  # fmt: skip
PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|met|held|took|began|came|went|made|gave|left|won|lost|saw|"
    r"became|brought|sent|fought|broke|spoke|ran|found|wrote|led|hit|ago|[a-z]+ed)\b"
)
# An auxiliary before a past form: the sentence speaks of the future or the present.
AUXILIARY = re.compile(
    r"(?:(?P<future>\b(?:will|shall|would|to|'ll)\s+(?:not\s+)?(?:be|have\s+been))|"
    r"(?P<present>\b(?:is|are|am|has|have|being)(?:\s+not)?(?:\s+been)?))\s+$",
    re.I,
)
# Words before a weekday or "today" that make it a day, not part of a name.
DAY_WORDS = {"on", "by", "until", "till", "since", "from", "for", "before", "after", "last", "next",
             "this", "coming", "past", "of", "and", "or", "to", "late", "early"}  # fmt: skip
DATE_COLUMNS = columns("dates")  # helpers.schema: the columns and their meanings


def _month(m: re.Match, group: str = "m1") -> int:
    return MONTH_NUMBER[m[group].lower().rstrip(".")]


def _season(year: int, season: str) -> tuple[dt.date, dt.date]:
    """Meteorological seasons: spring March–May, ..., winter December–February."""
    first = dt.date(year, SEASON_MONTHS[season], 1)
    last = first + relativedelta(months=3) - dt.timedelta(days=1)
    return first, last


def _part(part: str) -> str:
    return part.lower().replace("the", "").replace("of", "").split()[0]


class Context:
    """What a match is read against: the publication date, the sentence, the previous date."""

    def __init__(self, published: dt.date | None, sentence: str, offset: int, order: str):
        self.published, self.sentence, self.offset, self.order = published, sentence, offset, order
        self.previous: tuple[dt.date, dt.date, str] | None = None
        self.tenses: dict[tuple[int, int], str] = {}  # a date's tense is asked for up to twice

    def tense(self, m: re.Match) -> str:
        """past, present or future: the cue word nearest to the match in its sentence."""
        known = self.tenses.get(m.span())
        if known is None:
            known = self.tenses[m.span()] = self._tense(m)
        return known

    def _tense(self, m: re.Match) -> str:
        lo, hi = m.start() - self.offset, m.end() - self.offset
        best = (10**6, "none")
        for start, end, name in _cues(self.sentence):
            if lo <= start < hi:
                continue  # a word of the date itself ("next week", "ago")
            distance = lo - end if end <= lo else start - hi
            best = min(best, (distance, name))
        return best[1]


@lru_cache(maxsize=4096)
def _cues(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """The tense cues of a sentence, (start, end, tense) in the order ``Context.tense`` reads
    them; the same for every date of the sentence, so found once."""
    found = []
    for name, cue in (("future", FUTURE), ("present", PRESENT), ("past", PAST)):
        for c in cue.finditer(sentence):
            if name == "past" and c.group().lower() in _NOT_PAST:
                continue
            if name == "past" and c.group() != "ago":  # "will be held", "has been closed"
                aux = AUXILIARY.search(sentence[max(0, c.start() - 30) : c.start()])
                name = aux.lastgroup if aux else name  # (from here on, the loop's tense)
            found.append((c.start(), c.end(), name))
    return tuple(found)


def _resolve_year(ctx: Context, m: re.Match, make) -> tuple | None:
    """``make(year)`` for the year that puts a year-less date on or before publication, or
    after it when the sentence speaks of the future."""
    if ctx.published is None:
        return None
    p = ctx.published
    future = ctx.tense(m) == "future"
    for year in (p.year, p.year + 1 if future else p.year - 1):
        start, end = make(year)
        if (start <= p) != future or start == p:
            return start, end, "future" if future else "past"
    return None


def _interval(kind: str, m: re.Match, ctx: Context):
    """(date_start, date_end, precision, resolution, range?) of one match; None when it needs
    a publication date the article lacks (then it is unresolved)."""
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    absolute = "absolute"
    if kind == "day-range-cross":
        y2 = int(g["y2"])
        y1 = int(g.get("y1", y2))
        return (dt.date(y1, _month(m, "m1"), int(g["d1"])), dt.date(y2, _month(m, "m2"),
                int(g["d2"])), "day", absolute, True)  # fmt: skip
    if kind == "day-range":
        month = _month(m)

        def make(y):
            return dt.date(y, month, int(g["d1"])), dt.date(y, month, int(g["d2"]))

        if "y1" in g:
            return (*make(int(g["y1"])), "day", absolute, True)
        got = _resolve_year(ctx, m, make)
        return None if got is None else (got[0], got[1], "day", got[2], True)
    if kind == "month-range":
        m1, m2 = _month(m, "m1") if "m1" in g else None, _month(m, "m2")
        if "y2" in g or "y1" in g:
            y2 = int(g.get("y2", g.get("y1")))
            y1 = int(g.get("y1", y2 if m1 <= m2 else y2 - 1))
            return (dt.date(y1, m1, 1), dt.date(y2, m2, _last_day(y2, m2)), "month", absolute,
                    True)  # fmt: skip
        got = _resolve_year(ctx, m, lambda y: (dt.date(y, m1, 1), dt.date(y, m2, _last_day(y, m2))))
        return None if got is None else (got[0], got[1], "month", got[2], True)
    if kind == "year-range":
        y1, y2 = int(g["y1"]), g["y2"]
        y2 = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
        if y2 <= y1:
            raise ValueError("a range runs forwards")
        return dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year", absolute, True
    if kind == "iso":
        day = dt.date(int(g["y1"]), int(g["mn"]), int(g["d1"]))
        return day, day, "day", absolute, False
    if kind == "numeric":
        a, b = int(g["a"]), int(g["b"])
        month_first = b > 12 or (a <= 12 and ctx.order == "month-first" and g["sep"] != ".")
        day, month = (b, a) if month_first else (a, b)
        day = dt.date(int(g["y1"]), month, day)
        return day, day, "day", absolute, False
    if kind == "full-date":
        day = dt.date(int(g["y1"]), _month(m), int(g["d1"]))
        return day, day, "day", absolute, False
    if kind == "month-this-year":
        if ctx.published is None:
            return None
        shift = {"last": -1, "previous": -1, "next": 1}.get(g["rel"].split()[-1].lower(), 0)
        return (*_month_span(ctx.published.year + shift, _month(m)), "month", "publication-year",
                False)  # fmt: skip
    if kind == "part-month":
        lo, hi = MONTH_PARTS[_part(g["part"])]
        month = _month(m)

        def make(y):
            return dt.date(y, month, lo), dt.date(y, month, min(hi, _last_day(y, month)))

        if "y1" in g:
            return (*make(int(g["y1"])), "part", absolute, False)
        got = _resolve_year(ctx, m, make)
        return None if got is None else (got[0], got[1], "part", got[2], False)
    if kind == "month-year":
        return (*_month_span(int(g["y1"]), _month(m)), "month", absolute, False)
    if kind == "part-year":
        lo, hi = YEAR_PARTS[_part(g["part"])]
        return (*_month_span(int(g["y1"]), lo, hi), "part", absolute, False)
    if kind == "decade":
        first = int(g["dec"])
        lo, hi = DECADE_PARTS[g["part"].lower()] if "part" in g else (0, 9)
        return dt.date(first + lo, 1, 1), dt.date(first + hi, 12, 31), "decade", absolute, False
    if kind == "season-year":
        return (*_season(int(g["y1"]), g["s1"].lower()), "season", absolute, False)
    if kind in ("year", "the-year"):
        return (*_year(int(g["y1"])), "year", absolute, False)
    if kind in ("day-month", "month-day"):
        month = _month(m)
        got = _resolve_year(ctx, m, lambda y: (dt.date(y, month, int(g["d1"])),) * 2)
        return None if got is None else (got[0], got[1], "day", got[2], False)
    if kind == "month":
        month = _month(m)
        got = _resolve_year(ctx, m, lambda y: _month_span(y, month))
        return None if got is None else (got[0], got[1], "month", got[2], False)
    if kind == "ago" and g["dir"].lower() in ("earlier", "later", "before", "after"):
        return _chained(g, ctx)
    if kind == "next-day":
        if ctx.previous is None or ctx.previous[2] != "day":
            raise ValueError("no day to count from")
        step = 1 if re.search(r"next|following|after", g["which"], re.I) else -1
        day = ctx.previous[0] + dt.timedelta(days=step)
        return day, day, "day", "chained", False
    return _relative(kind, g, m, ctx)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _chained(g: dict, ctx: Context):
    """Chained dates ("two days earlier", "three years later"), from the previous date."""
    if ctx.previous is None:
        raise ValueError("no date to count from")
    n, unit = _count(g["n"]), g["unit"].lower().rstrip("s")
    sign = -1 if g["dir"].lower() in ("earlier", "before") else 1
    start, end, precision = ctx.previous
    base = start if sign < 0 or unit in ("day", "week") else start
    if unit in ("day", "week"):
        day = base + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
        if precision == "day":
            return day, day, "day", "chained", False
        return (*_week(day), "week", "chained", False)
    if unit == "month":
        day = base + relativedelta(months=sign * n)
        return (*_month_span(day.year, day.month), "month", "chained", False)
    years = sign * n * (10 if unit == "decade" else 1)
    return (*_year(base.year + years), "year", "chained", False)


def _relative(kind: str, g: dict, m: re.Match, ctx: Context):
    """Deictic expressions, counted from the publication date (None without one)."""
    p = ctx.published
    if p is None:
        return None
    rel = g.get("rel", "").lower().split()[-1] if g.get("rel") else ""
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if kind == "deictic":
        step = {"yesterday": -1, "tomorrow": 1}.get(g["word"].lower(), 0)
        day = p + dt.timedelta(days=step)
        return day, day, "day", "relative", False
    if kind == "this-part":
        unit, later = g["unit"], g["side"].lower() == "later"
        first, last = {"year": _year(p.year), "month": _month_span(p.year, p.month),
                       "week": _week(p)}[unit]  # fmt: skip
        return (p if later else first), (last if later else p), "part", "relative", False
    if kind == "part-this-year":
        lo, hi = YEAR_PARTS[_part(g["part"])]
        return (*_month_span(p.year + shift, lo, hi), "part", "relative", False)
    if kind == "this-unit":
        unit = g["unit"].lower()
        if unit == "week":
            return (*_week(p + dt.timedelta(days=7 * shift)), "week", "relative", False)
        if unit == "month":
            day = p + relativedelta(months=shift)
            return (*_month_span(day.year, day.month), "month", "relative", False)
        if unit == "quarter":
            q = (p.month - 1) // 3 + shift
            year, q = p.year + q // 4, q % 4
            return (*_month_span(year, 3 * q + 1, 3 * q + 3), "quarter", "relative", False)
        return (*_year(p.year + shift), "year", "relative", False)
    if kind == "season-rel":
        season = g["s1"].lower()
        ends = [(_season(y, season)) for y in range(p.year - 2, p.year + 2)]
        if shift < 0:
            start, end = [s for s in ends if s[1] < p][-1]
        elif shift > 0:
            start, end = [s for s in ends if s[0] > p][0]
        else:  # "this winter": the one under way, else the next one this year
            start, end = [s for s in ends if s[1] >= p and s[0].year <= p.year][0]
        return start, end, "season", "relative", False
    if kind == "ago":
        return (*ago_span(p, _count(g["n"]), g["unit"].lower().rstrip("s")), "relative", False)
    if kind == "weekday":
        target = WEEKDAYS.index(g["wd"].lower())
        future = shift > 0 or (shift == 0 and ctx.tense(m) == "future")
        if rel == "this":
            future = target > p.weekday() or (target == p.weekday() and future)
        if future:
            days = (target - p.weekday()) % 7 or 7
        else:
            days = -((p.weekday() - target) % 7 or (7 if rel == "last" else 0))
        day = p + dt.timedelta(days=days)
        return day, day, "day", "relative", False
    raise ValueError(kind)


def _rejected(kind: str, m: re.Match, text: str) -> bool:
    """Matches that are not dates: quantities, times, names, lower-case "may", bare words."""
    after, before = text[m.end() : m.end() + 40], text[max(0, m.start() - 30) : m.start()]
    g = m.groupdict()
    if kind in ("year", "year-range", "part-year", "the-year", "month-year") and UNITS.match(after):
        return True
    if g.get("m1") and g["m1"][0].islower() and (kind not in ("full-date", "month-year")
                                                  or g["m1"] == "may"):  # fmt: skip
        return True  # "may 16 officers": lower-case months only in a date with its year
    if kind == "month-day" and not re.search(r"\bon\s+$", before, re.I):
        plural = re.match(r"\s+(people|police|[a-z]+s)\b", after)
        if plural and plural.group(1) not in ("was", "is", "has", "as", "this", "his", "its"):
            return True  # "In May 12 people were killed": a count after the month
    if kind in ("deictic", "weekday"):
        word = m.group().split()[-1]
        previous = re.search(r"(\S+)\s+$", before)
        previous = previous.group(1) if previous else ""
        starts = not previous or previous.endswith((".", ":", "!", "?", "\n"))
        if (
            word[0].isupper()
            and not g.get("rel")
            and previous.lower() not in DAY_WORDS
            and (
                (previous[:1].isupper() and not starts)
                or (not starts and re.match(r"\s+[A-Z]", after))
            )
        ):
            return True  # "USA Today", "The Sunday Times": part of a name
        if word[0].isupper() and previous.lower() in ("and", "or") and re.match(r"\s+[A-Z]", after):
            return True  # "the Daily and Sunday Express"
        if re.search(r"\b(?:Mail|Independent|Scotland|Observer)\s+on\s+$", before):
            return True  # "the Mail on Sunday": a newspaper's title
        if kind == "deictic" and word[0].isupper() and not starts:
            return True  # "BBC Radio 4's Today programme": a name in mid-sentence
        if (
            kind == "weekday"
            and not g.get("rel")
            and not re.search(
                r"\b(?i:on|by|until|till|since|from|for|before|after|of|and|or|to|late|early|"
                r"[a-z]+ed|said|was|were|is|will)\s+$",
                before,
            )
        ):
            return True  # "The Friday prayers": a weekday needs a word that makes it a day
        if kind == "weekday" and re.match(r",?\s+(?:the\s+)?\d", after):
            return True  # "Monday, 3 May 2004": the full date that follows is the date
    return False


def _open(kind: str, m: re.Match, text: str) -> str | None:
    """The word that opens the interval: since, after, before, until, by (or None)."""
    g = m.groupdict()
    if g.get("rp"):
        return None  # "from 2014 to 2016" is a range
    word = g.get("pre")
    if word is None and kind not in ("year",):
        found = re.search(r"\b(since|after|before|until|till|by|from)\s+(?:the\s+)?$",
                          text[max(0, m.start() - 20) : m.start()], re.I)  # fmt: skip
        word = found.group(1) if found else None
    if word is None:
        m_year = re.match(r"(?i)(since|from|by|until|till|after|before)\b", m.group())
        word = m_year.group(1) if m_year else None
    word = word.lower().split()[-1] if word else None
    if word == "from":  # "the agreement from 1993" is dated 1993; "from 2015 onwards" is open
        onwards = re.match(r"\s+(?:on|onwards?)\b", text[m.end() : m.end() + 12])
        head = text[: m.start()] if m.group()[:4].lower() == "from" else re.sub(
            r"(?i)from\s+(?:the\s+)?$", "", text[: m.start()])  # fmt: skip
        starting = not head.strip() or re.search(
            r"(?:\b(?:starting|beginning|dating|as)|[.!?\n])\s*$", head[-30:], re.I)  # fmt: skip
        return "from" if onwards or starting else None
    return word if word in ("since", "after", "before", "until", "till", "by", "from") else None


def _apply_open(word: str, start, end, published: dt.date | None):
    """(date_start, date_end, open_start, open_end) of an interval opened by ``word``."""
    if word in ("since", "from"):
        return start, (published if published and published >= start else None), False, True
    if word == "after":
        return end + dt.timedelta(days=1), None, False, True
    if word == "before":
        return None, start - dt.timedelta(days=1), True, False
    return None, end, True, False  # until, till, by


@lru_cache(maxsize=4096)
def _sentence_cues(sentence: str) -> tuple[bool, bool]:
    """Whether a sentence says an event was cancelled, and whether it is in the present
    without "had" (the same for every date of the sentence, so read once)."""
    present = PRESENT.search(sentence) is not None and not re.search(r"\bhad\b", sentence)
    return CANCELLED.search(sentence) is not None, present


def _modality(ctx: Context, m: re.Match, start, end, open_word: str | None) -> str:
    cancelled, present = _sentence_cues(ctx.sentence)
    if cancelled:
        return "cancelled"
    p = ctx.published
    if p is not None and start is not None and start > p:
        return "planned"
    tense = ctx.tense(m)
    if open_word in ("since", "from") and present:
        return "ongoing"
    if tense == "future":
        return "planned"
    if tense == "past":
        return "past"
    if tense == "present" or (p is not None and start is None and end is not None and end >= p):
        return "ongoing" if (end is None or p is None or end >= p) else "past"
    if p is not None and end is not None and start is not None and start <= p <= end:
        return "ongoing"
    return "past"


NUMERIC = re.compile(
    r"(?<![\w./\-+])([0-3]?\d)([/\-])([0-3]?\d)\2(?:1[89]|20)\d\d(?![\w]|[./\-]\d)"
)


def numeric_order(texts: list[str]) -> str | None:
    """Either "day-first" or "month-first": how ``texts`` (one outlet's or one article's) write
    numeric dates, from those that can be read only one way; None when none can.

    >>> numeric_order(["on 25/12/2013", "on 05/07/2014"]), numeric_order(["on 05/07/2014"])
    ('day-first', None)
    """
    counts = [_numeric_counts(text) for text in texts]
    return _order_of(sum(c[0] for c in counts), sum(c[1] for c in counts))


def _numeric_counts(text: str) -> tuple[int, int]:
    """How many numeric dates of ``text`` can be read only day-first, and only month-first."""
    day_first = month_first = 0
    if _NUMERIC_HINT.search(text) is None:  # a part every numeric date holds
        return 0, 0
    for a, _, b in NUMERIC.findall(text):
        day_first += int(a) > 12 >= int(b)
        month_first += int(b) > 12 >= int(a)
    return day_first, month_first


def _order_of(day_first: int, month_first: int) -> str | None:
    if day_first == month_first:
        return None
    return "day-first" if day_first > month_first else "month-first"


_NUMERIC_HINT = re.compile(r"\d[/\-][0-3]?\d[/\-]")
_UNREAD = object()  # dates_in: the article's own numeric order, not yet read
_BREAK = re.compile(r"\n\n\s*")  # a paragraph break (helpers.nlp), to the next word


# What a paragraph must hold for a pattern to be tried on it. Each need is a part that every
# match of the pattern contains, or that every match kept contains, so skipping a paragraph
# without it changes nothing; trying every pattern on every paragraph was most of find_dates.
# "digit", "year" and "(" are searched in the text. A "capital" month is the patterns' own
# month (_M) starting with a capital: `_rejected` drops a lower-case month except in a full
# date or a month and year (these need "month", any case). A tuple of words needs one of them
# in the paragraph casefolded, with ı and İ read as i: every character a pattern's letters
# match case-insensitively casefolds to that letter (tests/test_timeline.py checks every code
# point), so a match's words are there; a case-sensitive word is there as written.
_FROM = ("from", "between")
_DASHES = ("-", "–", "—")
_TO_WORDS = (*_DASHES, "to", "til", "through", "and")  # _TO; "till" and "until" hold "til"
_PARTS = ("early", "mid", "late", "beginning", "start", "end")  # _PART; "middle" holds "mid"
_SEASONS = ("spring", "summer", "autumn", "fall", "winter")
_UNITS = ("day", "week", "month", "year", "decade")
NEEDED: list[tuple] = [  # one tuple per pattern of PATTERNS, in its order
    ("year", "capital", _TO_WORDS),  # day-range-cross
    ("year", "capital", _TO_WORDS),  # day-range-cross
    ("digit", "capital", _TO_WORDS),  # day-range
    ("digit", "capital", _TO_WORDS),  # day-range
    ("capital", _FROM, _TO_WORDS),  # month-range
    ("year", "capital", _DASHES),  # month-range
    ("year", _FROM),  # year-range
    ("year", _DASHES),  # year-range
    ("year", ("-",)),  # iso
    ("year", (".", "/", "-")),  # numeric
    ("year", "month"),  # full-date
    ("year", "month"),  # full-date
    (("year",), ("of",), ("this", "current", "last", "next", "previous"), "capital"),
    ("capital", _PARTS),  # part-month
    ("year", "month"),  # month-year
    ("year", _PARTS),  # part-year
    ("year", ("0s", "0's", "0’s")),  # decade
    ("year", _SEASONS),  # season-year
    ("year", ("year",)),  # the-year
    ("digit", "capital"),  # day-month
    ("digit", "capital"),  # month-day
    ("capital",),  # month
    ("year",),  # year
    ("year", "("),  # year, in brackets
    (("yesterday", "today", "tomorrow", "tonight"),),  # deictic
    (("earlier", "later"), ("this",), ("year", "month", "week")),  # this-part
    (("year",), _PARTS, ("this", "last", "next", "current")),  # part-this-year
    (("last", "this", "next", "past", "coming", "previous"),
     ("week", "month", "year", "quarter")),  # this-unit
    (("last", "this", "next", "past", "coming"), _SEASONS),  # season-rel
    (_UNITS, ("ago", "earlier", "later", "before", "after")),  # ago
    (("day",), ("the",), ("next", "following", "previous", "preceding", "before", "after")),
    (("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),),
]  # fmt: skip
NEEDS = {
    "digit": re.compile(r"\d"),
    "year": re.compile(_Y.format(g="y")),
    "(": re.compile(r"\("),
}
_MONTH = re.compile(_M.format(g="m"))
_MONTH_PREFIXES = tuple(m[:3] for m in _FULL.split())
_PREPOSITION_LENGTHS = (2, 3, 4, 5, 6)  # in, of, for, from, since, until, after, before...
_WEEKDAYS = tuple(WEEKDAYS)
_FROM_WORDS = ("from", "between")
_PART_WORDS = ("early", "mid", "late", "the")  # _PART, casefolded
# Where a match of a pattern can start, by pattern: (what it starts with, and whether a
# preposition may stand before that). "month": a month (any case); "digit": a digit; "=the": the
# word as written; any other word: casefolded. A pattern tried only there finds what trying it
# everywhere finds (`_matches_at`). Patterns not listed are tried everywhere.
STARTS: dict[int, tuple[tuple[str, ...], str | None]] = {
    0: ((*_FROM_WORDS, "digit"), None),  # day-range-cross
    1: ((*_FROM_WORDS, "month"), None),
    2: ((*_FROM_WORDS, "=the", "digit"), None),  # day-range
    3: ((*_FROM_WORDS, "month"), None),
    4: (_FROM_WORDS, None),  # month-range
    5: (("month",), None),
    6: (_FROM_WORDS, None),  # year-range
    7: (("digit",), "optional"),
    8: (("digit",), None),  # iso
    9: (("digit",), None),  # numeric
    10: ((*_WEEKDAYS, "month"), None),  # full-date
    11: ((*_WEEKDAYS, "=the", "digit"), None),
    12: (("month",), None),  # month-this-year
    13: (_PART_WORDS, "optional"),  # part-month
    14: (("month",), None),  # month-year
    15: (_PART_WORDS, "optional"),  # part-year
    19: (("=the", "digit"), None),  # day-month
    20: (("month",), None),  # month-day
    21: (("month",), "required"),  # month
    24: (("yesterday", "today", "tomorrow", "tonight"), None),  # deictic
    26: (_PART_WORDS, None),  # part-this-year
    27: (("last", "this", "next", "past", "coming", "previous"), None),  # this-unit
    28: (("last", "this", "next", "past", "coming"), None),  # season-rel
    30: (("the",), None),  # next-day
}
# Where a run of digits starts: a digit after a digit starts no match (every pattern starting
# with a digit has \b or a look-behind refusing a word character before it).
_DIGIT = re.compile(r"\d+")


class _Needs:
    """What an article or paragraph holds of a pattern's needs, each looked up once."""

    known: dict

    def _look_up(self, need) -> bool:
        raise NotImplementedError

    def holds(self, needs: tuple) -> bool:
        """Whether it holds every need (an article: whether some paragraph may)."""
        for need in needs:
            if need not in self.known:
                self.known[need] = self._look_up(need)
            if not self.known[need]:
                return False
        return True


class _Article(_Needs):
    """What the needs of ``NEEDED`` look up in a whole article, once: where its months start,
    which of them with a capital, and its text casefolded (ı and İ read as i)."""

    def __init__(self, text: str):
        self.text = text
        folded = text.casefold()
        # Offsets in the casefolded text are the text's when no character folds to two.
        self.aligned = len(folded) == len(text)
        self.found = folded.replace("ı", "i")
        self.words = self.found.replace("\u0307", "")
        # casefolding a paragraph's text gives its slice of ``words`` (casefold reads one
        # character at a time) when the offsets align and no combining dot is dropped
        self.plain = self.aligned and len(self.words) == len(text)
        if self.aligned:  # a month's first three letters casefold to its own (checked in tests)
            near = sorted(at for prefix in _MONTH_PREFIXES for at in _all(self.found, prefix))
            self.months = [at for at in near if _MONTH.match(text, at)]
        else:
            self.months = [m.start() for m in re.finditer("(?=" + _MONTH.pattern + ")", text)]
        self.capitals = [at for at in self.months if not text[at].islower()]
        self.known: dict = {}
        self.has: dict[str, bool] = {}
        self.at: dict[tuple[str, int], list[int]] = {}  # (source, paragraph start): its starts

    def _look_up(self, need) -> bool:
        if need == "month":
            return bool(self.months)
        if need == "capital":
            return bool(self.capitals)
        if isinstance(need, str):
            return NEEDS[need].search(self.text) is not None
        return any(map(self._has, need))

    def _has(self, word: str) -> bool:
        """Whether the casefolded text holds ``word``; one word serves several needs."""
        held = self.has.get(word)
        if held is None:
            held = self.has[word] = word in self.words
        return held

    def starts(self, k: int, lo: int, hi: int) -> list[int]:
        """Where a match of pattern ``k`` can start in ``text[lo:hi]`` (``STARTS``)."""
        sources, before = STARTS[k]
        found: list[int] = []
        for source in sources:
            if source == "month":
                found += self.months[bisect_left(self.months, lo) : bisect_left(self.months, hi)]
                continue
            at = self.at.get((source, lo))  # several patterns start at digits, "the", "from"
            if at is None:
                if source == "digit":
                    at = [m.start() for m in _DIGIT.finditer(self.text, lo, hi)]
                elif source[0] == "=":
                    at = _all(self.text, source[1:], lo, hi)
                else:
                    at = _all(self.found, source, lo, hi)
                self.at[source, lo] = at
            found += at
        if before is not None:  # a preposition, then only whitespace
            text, words = self.text, found
            found = [] if before == "required" else list(words)
            for at in words:
                end = at
                while end > lo and text[end - 1].isspace():
                    end -= 1
                found += [end - n for n in _PREPOSITION_LENGTHS if end - n >= lo]
        return sorted(set(found))


def _all(text: str, needle: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Every offset in ``text[lo:hi]`` where ``needle`` starts, overlaps included."""
    found, at = [], text.find(needle, lo, hi)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1, hi)
    return found


def _matches_at(pattern: re.Pattern, text: str, starts: list[int], hi: int) -> Iterator[re.Match]:
    """``pattern.finditer(text, lo, hi)`` when every match starts at one of ``starts`` (sorted,
    at or after lo): finditer tries each position from where the last match ended, and only
    these can match. No pattern matches the empty string."""
    pos = 0
    for at in starts:
        if at >= pos:
            m = pattern.match(text, at, hi)
            if m is not None:
                yield m
                pos = m.end()


class _Paragraph(_Needs):
    """One paragraph of an article, and which needs it holds (each looked up once, when a
    pattern first asks)."""

    def __init__(self, article: _Article, start: int, end: int):
        self.article, self.start, self.end = article, start, end
        self.folded: str | None = None
        self.known: dict = {}

    def _look_up(self, need) -> bool:
        lo, hi = self.start, self.end
        if need in ("month", "capital"):
            at = self.article.months if need == "month" else self.article.capitals
            i = bisect_left(at, lo)
            return i < len(at) and at[i] < hi
        if isinstance(need, str):
            return NEEDS[need].search(self.article.text, lo, hi) is not None
        if self.folded is None and self.article.plain:  # the article's own casefolded text
            self.folded = self.article.words[lo:hi]
        if self.folded is None:
            self.folded = self.article.text[lo:hi].casefold().replace("ı", "i")
            self.folded = self.folded.replace("\u0307", "")
        return any(word in self.folded for word in need)


def _paragraphs(article: _Article) -> list[_Paragraph]:
    """The paragraphs of an article: a blank line ends one (the patterns never match across)."""
    found, start, text = [], 0, article.text
    for brk in [*re.finditer(r"\n\s*\n", text), None]:
        end = brk.start() if brk else len(text)
        found.append(_Paragraph(article, start, end))
        start = brk.end() if brk else end
    return found


def candidates(text: str) -> list[tuple[str, re.Match]]:
    """Non-overlapping pattern matches in ``text``, earlier patterns first, not rejected."""
    taken: list[tuple[int, int]] = []
    kept = []
    article = _Article(text)
    paragraphs = _paragraphs(article)
    # PATTERNS are ordered from most to least specific
    for k, ((kind, pattern), needs) in enumerate(zip(PATTERNS, NEEDED, strict=True)):
        if not article.holds(needs):
            continue
        for para in paragraphs:
            if not para.holds(needs):
                continue
            if article.aligned and k in STARTS:
                found = _matches_at(pattern, text, article.starts(k, para.start, para.end),
                                    para.end)  # fmt: skip
            else:
                found = pattern.finditer(text, para.start, para.end)
            for m in found:
                if all(m.end() <= s or m.start() >= e for s, e in taken) and not _rejected(
                    kind, m, text
                ):
                    taken.append(m.span())
                    kept.append((kind, m))
    return sorted(kept, key=lambda km: km[1].start())


def dates_in(
    doc_id: str, text: str, published: dt.date | None, order: str | None = None, own=_UNREAD
) -> list:
    """The dated expressions of one article, as rows of ``DATE_COLUMNS``; ``order`` is the
    outlet's numeric date order (the article's own unambiguous dates decide first: ``own``,
    ``numeric_order([text])``, when the caller has it)."""
    found = candidates(text)
    if not found:  # no date: the sentences (most of the time spent here) are not needed
        return []
    # english()'s tokens and sentences, up to the paragraph break after the last date: a break
    # always starts a sentence, and the tokens and sentences before it do not depend on the
    # text after it, so the dates' sentences and their numbers are the whole text's.
    brk = _BREAK.search(text, max(m.end() for _, m in found))
    _, starts, ends, sent_of = segment(text[: brk.end()] if brk else text)
    return _dated_rows(doc_id, text, published, order, own, found, starts, ends, sent_of)


def _sentences_of(texts: list[str]) -> list[tuple[list[int], list[int], list[int]]]:
    """Each text's tokens (start and end offsets) and their sentence numbers, as ``segment``
    gives them (english()'s tokens and sentences), read for all texts at once on arrays
    (``helpers.english_terms``: each distinct run of text tokenized once per process) instead
    of a spaCy Doc per text, which cost a third of ``find_dates``."""
    if not texts:
        return []
    tok = Tokens(texts)
    starts = sentence_starts(tok, texts, tok.store.arrays())
    sentence = np.cumsum(starts) - 1
    idx = tok.idx - np.repeat(tok.base, np.diff(tok.first))
    end = idx + (tok.end - tok.idx)
    bounds = tok.first.tolist()
    out = []
    for k in range(len(texts)):
        lo, hi = bounds[k], bounds[k + 1]
        out.append((idx[lo:hi].tolist(), end[lo:hi].tolist(),
                    (sentence[lo:hi] - (sentence[lo] if hi > lo else 0)).tolist()))  # fmt: skip
    return out


def _dated_rows(
    doc_id: str, text: str, published: dt.date | None, order: str | None, own,
    found: list, starts: list[int], ends: list[int], sent_of: list[int],
) -> list:  # fmt: skip
    """``dates_in``'s rows from the article's candidates and its tokens' offsets and sentences."""
    own = numeric_order([text]) if own is _UNREAD else own
    order = own or order
    rows: list[tuple] = []
    previous = None
    for kind, m in found:
        # The sentence of the match's first token, read from the token and sentence arrays
        # (what doc.char_span(..., alignment_mode="expand") and Span.sent give, without making
        # a Span and walking its tokens): tokens with their trailing space tile the text, and a
        # match starting on a token's trailing space starts at the next token.
        i = bisect_right(starts, m.start()) - 1
        i += m.start() == ends[i]
        sid = sent_of[i]
        first, last = bisect_left(sent_of, sid), bisect_right(sent_of, sid) - 1
        sentence_start = starts[first]
        said = text[sentence_start : ends[last]]
        ctx = Context(published, said, sentence_start, order or "day-first")
        ctx.previous = previous
        try:
            got = _interval(kind, m, ctx)
        except (ValueError, IndexError):  # "February 30", or "two days earlier" with no date
            continue
        ambiguous = kind == "numeric" and order is None and m["sep"] != "." and (
            int(m["a"]) <= 12 and int(m["b"]) <= 12 and int(m["a"]) != int(m["b"]))  # fmt: skip
        word = _open(kind, m, text)
        if got is None:  # needs a publication date the article lacks
            start = end = None
            precision, how, is_range = "unresolved", "unresolved", False
            open_start = open_end = word is not None
        else:
            start, end, precision, how, is_range = got
            previous = (start, end, precision)
            open_start = open_end = False
            if word is not None:
                start, end, open_start, open_end = _apply_open(word, start, end, published)
        if precision == "unresolved":
            precision = _precision_of(kind, m)
        rel = kind in ("deictic", "this-part", "part-this-year", "this-unit", "season-rel", "ago",
                       "next-day", "weekday")  # fmt: skip
        kind_out = ("open" if word is not None else "range" if is_range else
                    "relative" if rel else "absolute")  # fmt: skip
        modality = _modality(ctx, m, start, end, word)
        rows.append((doc_id, m.group(), m.start(), m.end(), start, end, precision, kind_out,
                     open_start, open_end, how, modality, ambiguous, sid,
                     said.strip()))  # fmt: skip
    return rows


def _precision_of(kind: str, m: re.Match) -> str:
    """The precision an unresolved expression would have."""
    if kind in ("this-unit", "ago"):
        return m["unit"].lower().rstrip("s")
    if kind in ("month", "month-this-year", "month-range"):
        return "month"
    if kind == "season-rel":
        return "season"
    if kind in ("this-part", "part-this-year"):
        return "part"
    return "day"


def find_dates(articles: pd.DataFrame, orders: dict[str, str | None] | None = None) -> pd.DataFrame:
    """Every dated expression in ``articles.text``, read as an interval of dates.

    Input: one row per article with ``doc_id``, ``text`` and ``published`` (may be missing),
    optionally ``outlet`` (numeric dates "05/07/2014" are read day-first or month-first as the
    outlet's unambiguous ones are; with no evidence day-first, flagged ``ambiguous``).
    Output: one row per expression: ``doc_id``, ``surface``, ``start``, ``end`` (character
    offsets into ``text``), ``date_start``, ``date_end`` (``datetime.date``; None for an open or
    unresolved bound), ``precision`` (day, week, month, part, season, quarter, year, decade),
    ``kind`` (absolute, relative, range, open), ``open_start``, ``open_end``, ``resolution``
    (absolute; past or future for a date completed from the publication date; publication-year;
    relative; chained; unresolved), ``modality`` (past, ongoing, planned, cancelled),
    ``ambiguous``, ``sentence_id`` and ``sentence``.

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Since 1992 and on May 16 they met."],
    ...                      "published": [pd.Timestamp("2022-05-17")]})
    >>> find_dates(arts)[["surface", "date_start", "date_end", "kind"]].values.tolist()
    [['Since 1992', datetime.date(1992, 1, 1), datetime.date(2022, 5, 17), 'open'], ['May 16', datetime.date(2022, 5, 16), datetime.date(2022, 5, 16), 'absolute']]

    Articles with ``language`` "ru" are read by ``helpers.russian_dates.find_dates_ru`` (the
    same interval model and columns); all others as English. ``orders``: the outlets' numeric
    orders (``outlet_orders`` of the whole corpus) when ``articles`` is a part of it.
    """  # noqa: E501
    return route(articles, partial(_english_dates, orders=orders), _russian_dates)


def _russian_dates(articles: pd.DataFrame) -> pd.DataFrame:
    from helpers.russian_dates import find_dates_ru  # spaCy's Russian, only when needed

    return find_dates_ru(articles, DATE_COLUMNS)


def outlet_orders(articles: pd.DataFrame) -> dict[str, str | None]:
    """The order ("day-first", "month-first", or None where undecided) in which each outlet's
    English articles write numeric dates, from their unambiguous ones ("25/12/2013").

    Input: one row per article with ``doc_id``, ``text`` and optionally ``outlet`` and
    ``language``. ``find_dates(articles, orders=...)`` takes it, so that articles read in
    parts (``helpers.scale``) are read as the whole table would read them.

    >>> outlet_orders(pd.DataFrame({"doc_id": ["a", "b"], "text": ["On 25/12/2013.", "On 05/07/2014."],
    ...                             "outlet": ["Herald", "Daily"]}))
    {'Daily': None, 'Herald': 'day-first'}
    """  # noqa: E501
    english = articles[~is_russian(articles)]
    texts = english.text.tolist()
    return _orders(_numeric_table(english, texts), _outlets(english))


def _outlets(articles: pd.DataFrame) -> pd.Series:
    outlets = articles["outlet"] if "outlet" in articles else pd.Series(None, index=articles.index)
    return outlets.where(outlets.notna() & (outlets.astype(str).str.strip() != ""))


def _numeric_table(articles: pd.DataFrame, texts: list[str]) -> pd.DataFrame:
    """Each article's unambiguous numeric dates, counted once: for its outlet and for itself."""
    return pd.DataFrame([_numeric_counts(t) for t in texts], index=articles.index,
                        columns=["day_first", "month_first"])  # fmt: skip


def _orders(counts: pd.DataFrame, outlets: pd.Series) -> dict[str, str | None]:
    return {o: _order_of(int(c.day_first.sum()), int(c.month_first.sum()))
            for o, c in counts.groupby(outlets)}  # fmt: skip


def _english_dates(articles: pd.DataFrame, orders: dict | None = None) -> pd.DataFrame:
    """``find_dates`` for English articles; ``orders`` as ``outlet_orders`` gives them (read from
    ``articles`` when not given)."""
    outlets = _outlets(articles)
    texts = articles.text.tolist()  # once, as str (iterating the Arrow column costs more)
    counts = _numeric_table(articles, texts)
    orders = _orders(counts, outlets) if orders is None else orders
    rows = []
    items = zip(articles.doc_id, texts, articles.published, outlets,
                counts.day_first, counts.month_first, strict=True)  # fmt: skip
    items = list(items)
    runs = batches(texts)  # the articles' sentences are read a batch at a time
    for run in progress_in_steps(runs, [len(r) for r in runs], "finding dates"):
        found = [candidates(texts[k]) for k in run]
        dated = [k for k, f in zip(run, found, strict=True) if f]
        sentences = dict(zip(dated, _sentences_of([texts[k] for k in dated]), strict=True))
        for k, got in zip(run, found, strict=True):
            if not got:
                continue
            doc_id, text, published, outlet, d, m = items[k]
            day = None if pd.isna(published) else pd.Timestamp(published).date()
            rows.extend(_dated_rows(doc_id, text, day, orders.get(outlet), _order_of(d, m), got,
                                    *sentences[k]))  # fmt: skip
    return pd.DataFrame(rows, columns=DATE_COLUMNS)


def happened(dates: pd.DataFrame) -> pd.DataFrame:
    """The expressions whose event the text reports as having happened or going on (not
    planned, not cancelled), with a resolved start or end: what a count over time may use."""
    resolved = dates.date_start.notna() | dates.date_end.notna()
    return dates[dates.modality.isin(["past", "ongoing"]) & resolved]


def publication_bounds(articles: pd.DataFrame, dates: pd.DataFrame) -> pd.DataFrame:
    """When each article appeared: its date, or for an undated one a lower bound.

    Output: one row per ``doc_id`` with ``published`` and ``lower_bound`` (the latest date
    the text mentions as past or ongoing, for articles without a publication date; missing
    otherwise) — an undated article appeared on or after its lower bound, at a time the text
    does not state.
    """
    past = dates[dates.modality.isin(["past", "ongoing"])]
    latest = pd.to_datetime(past.date_start).groupby(past.doc_id.to_numpy()).max().to_dict()
    table = articles[["doc_id", "published"]].copy()
    undated = table.published.isna()
    pairs = zip(table.doc_id, undated, strict=True)
    lower = [latest.get(d, pd.NaT) if u else pd.NaT for d, u in pairs]
    table["lower_bound"] = pd.to_datetime(pd.Series(lower, index=table.index, dtype=object))
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

    # each distinct (surface, sentence) labelled once: a sentence's dates, and sentences
    # repeated across articles, share the regular-expression work
    labels: dict[tuple[str, str], str] = {}
    out = []
    for pair in zip(dates.surface.tolist(), dates.sentence.tolist(), strict=True):
        found = labels.get(pair)
        if found is None:
            found = labels[pair] = label(*pair)
        out.append(found)
    return pd.Series(out, index=dates.index)


def tag_actors(dates: pd.DataFrame, mentions: pd.DataFrame, priority: list[str]) -> pd.Series:
    """The first actor of ``priority`` named in each date's sentence (missing if none)."""
    rank = {a: k for k, a in enumerate(priority)}
    named = mentions[mentions.actor.isin(rank)].assign(rank=lambda m: m.actor.map(rank))
    first = named.sort_values("rank").drop_duplicates(["doc_id", "sentence_id"])
    key = first.set_index(["doc_id", "sentence_id"]).actor
    index = pd.MultiIndex.from_frame(dates[["doc_id", "sentence_id"]])
    return pd.Series(key.reindex(index).to_numpy(), index=dates.index)
