"""Dated expressions in Russian articles, read as intervals with the columns and the interval
model of :func:`helpers.timeline.find_dates`.

"10 октября 2022 года" is one day, "в октябре 2022 года" a month, "в 2014 году" a year,
"15–17 сентября 2022 года" and "в 2011–2014 годах" ranges, "в 1990-е годы" a decade;
"вчера", "сегодня", "на прошлой неделе" (Monday to Sunday of the week before publication),
"в следующем месяце", "в прошлом году", "три года назад" are counted from the publication
date. A preposition opens the interval as its English counterpart does: "с 2014 года" is
"since 2014" (to the publication date, ``open_end``), "после 2010 года" "after 2010" (no
end), "до 2023 года" and "к 2025 году" "until"/"by" (no start, ``open_start``). A bare number
is never a year: a year needs "год"/"г." or a month beside it ("более 2000 военнослужащих" is
a count). As in English, general-purpose date search (dateparser's ``search_dates``) finds
dates in such numbers and reads no intervals, so the patterns are written here.

``modality`` comes from the sentence: ``cancelled`` ("отменили", "перенесли", "не состоялся"),
``planned`` ("планируется", "намерены", "будет", a verb in the perfective future such as
"проведут", or a date after publication), ``ongoing`` (a present-tense verb nearest the date,
or "с 2014 года" with one) or ``past``; the tense of a verb is pymorphy3's.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
from dateutil.relativedelta import relativedelta

from helpers.intervals import ago_span
from helpers.intervals import last_day as _last_day
from helpers.intervals import week_span as _week
from helpers.intervals import year_span as _year
from helpers.nlp import sentence_ids
from helpers.russian import morph, russian

MONTH_STEMS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
               "октябр", "ноябр", "декабр"]  # fmt: skip
# Every case form of a month name: "октября" (a day's month), "в октябре", "октябрь".
_M = (r"(?P<{g}>(?i:январ[яеь]|феврал[яеь]|марта?|марте|апрел[яеь]|ма[яйе]|июн[яеь]|июл[яеь]|"
      r"августа?|августе|сентябр[яеь]|октябр[яеь]|ноябр[яеь]|декабр[яеь]))\b")  # fmt: skip
_D = r"(?P<{g}>[0-3]?\d)"
_Y = r"(?P<{g}>(?:1[89]|20)\d\d)"
_YW = r"(?:\s*(?i:годами|годах|годов|годом|годы|года|году|год|гг\.|г\.))"
_DASH = r"\s*[-–—]\s*"
# Prepositions that open an interval, as "since", "after", "until", "by" do.
OPEN = {"с": "since", "со": "since", "начиная с": "since", "после": "after", "до": "until",
        "к": "by", "по": "until"}  # fmt: skip
_PRE = r"(?:\b(?P<pre>(?i:начиная\s+с|с|со|после|до|к|в|во|на|по))\s+)?"
_UNIT_WORDS = {"недел": "week", "месяц": "month", "год": "year", "лет": "year", "дн": "day",
               "ден": "day", "день": "day"}  # fmt: skip
_REL = {"прошл": -1, "позапрошл": -2, "предыдущ": -1, "следующ": 1, "будущ": 1, "этой": 0,
        "этом": 0, "текущ": 0, "нынешн": 0}  # fmt: skip
NUMBER_WORDS = {"один": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
                "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10}  # fmt: skip


def _p(template: str, **groups: str) -> re.Pattern:
    return re.compile(template.format(**{k: v.format(g=k) for k, v in groups.items()}))


PATTERNS: list[tuple[str, re.Pattern]] = [
    ("day-range", _p(r"(?:\b(?P<rp>(?i:с))\s+)?\b{d1}(?:{dash}|\s+(?i:по)\s+){d2}\s+{m1}"
                     r"(?:\s+{y1}" + _YW + r"?)?(?!\d)", d1=_D, d2=_D, m1=_M, y1=_Y, dash=_DASH)),
    ("full-date", _p(r"\b{d1}\s+{m1}\s+{y1}" + _YW + r"?(?!\d)", d1=_D, m1=_M, y1=_Y)),
    ("year-range", _p(r"\b(?P<rp>(?i:с|со))\s+{y1}\s+(?i:по|до)\s+{y2}" + _YW + r"(?!\w)",
                      y1=_Y, y2=_Y)),
    ("year-range", _p(r"(?:\b(?P<pre>(?i:в|во))\s+)?(?<![\d.])\b{y1}{dash}{y2}" + _YW + r"(?!\w)",
                      y1=_Y, y2=_Y, dash=_DASH)),
    ("month-year", _p(_PRE + r"\b{m1}\s+{y1}" + _YW + r"?(?!\d)", m1=_M, y1=_Y)),
    ("decade", _p(_PRE + r"(?<![\d.])\b(?P<dec>(?:1[89]|20)\d0)-?(?:[еx]|х)\s+"
                  r"(?i:годов|годах|годы|гг\.)(?!\w)")),
    ("year", _p(_PRE + r"(?<![\d.,])\b{y1}" + _YW + r"(?!\w)", y1=_Y)),
    ("deictic", _p(r"\b(?P<word>(?i:позавчера|вчера|сегодня|послезавтра|завтра))\b")),
    ("this-unit", _p(r"(?:\b(?i:на|в|во)\s+)?\b(?P<rel>(?i:позапрошл|прошл|предыдущ|следующ|"
                     r"будущ|текущ|нынешн)(?:ой|ем|ом)|(?i:этой|этом))\s+"
                     r"(?P<unit>(?i:неделе|месяце|году))\b")),
    ("ago", _p(r"\b(?P<n>\d{{1,3}}|(?i:" + "|".join(NUMBER_WORDS) + r"))\s+"
               r"(?P<unit>(?i:лет|года?|месяц(?:а|ев)?|недел[юиь]|дн(?:я|ей)|день))\s+"
               r"(?i:назад|тому\s+назад)\b")),
    ("day-month", _p(r"\b{d1}\s+{m1}(?!\s*\d)", d1=_D, m1=_M)),
]  # fmt: skip

RELATIVE = frozenset({"deictic", "this-unit", "ago"})
CANCELLED = re.compile(r"(?i)\b(?:отмен\w*|перенес\w*|перенос\w*|не\s+состоял\w*|сорван\w*|"
                       r"не\s+прош(?:ёл|ел|ла|ли|ло)|не\s+провели|свернул\w*)")  # fmt: skip
PLANNED = re.compile(r"(?i)(?:планир\w*|запланир\w*|намерен\w*|собира\w*ся|предстоящ\w*|"
                     r"ожида\w*ся|будет|будут|рассчитан\w*|намечен\w*)")  # fmt: skip


def _month(word: str) -> int:
    """The month a Russian month word names; the longest stem first ("марта" is March, not the
    "ма" of May).

    >>> [_month(w) for w in ("марта", "мае", "мая", "июня", "июля")]
    [3, 5, 5, 6, 7]
    """
    word = word.lower()
    stems = sorted(enumerate(MONTH_STEMS), key=lambda ks: -len(ks[1]))
    return next(k + 1 for k, stem in stems if word.startswith(stem))


def _interval(kind: str, g: dict, published: dt.date | None, future: bool):
    """(date_start, date_end, precision, resolution, range?); None when a publication date is
    needed and missing."""
    if kind == "day-range":
        month, d1, d2 = _month(g["m1"]), int(g["d1"]), int(g["d2"])
        if g.get("y1"):
            y = int(g["y1"])
        elif published is None:
            return None
        else:
            y = published.year + (1 if future and dt.date(published.year, month, d1) < published
                                  else 0)  # fmt: skip
        return dt.date(y, month, d1), dt.date(y, month, d2), "day", "absolute", True
    if kind == "full-date":
        day = dt.date(int(g["y1"]), _month(g["m1"]), int(g["d1"]))
        return day, day, "day", "absolute", False
    if kind == "year-range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 <= y1:
            raise ValueError("a range runs forwards")
        return dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year", "absolute", True
    if kind == "month-year":
        y, month = int(g["y1"]), _month(g["m1"])
        last = _last_day(y, month)
        return dt.date(y, month, 1), dt.date(y, month, last), "month", "absolute", False
    if kind == "decade":
        first = int(g["dec"])
        return dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade", "absolute", False
    if kind == "year":
        return (*_year(int(g["y1"])), "year", "absolute", False)
    if published is None:
        return None
    p = published
    if kind == "deictic":
        step = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}
        day = p + dt.timedelta(days=step[g["word"].lower()])
        return day, day, "day", "relative", False
    if kind == "this-unit":
        rel = g["rel"].lower()
        shift = next((v for k, v in _REL.items() if rel.startswith(k)), 0)
        unit = g["unit"].lower()
        if unit.startswith("недел"):
            return (*_week(p + dt.timedelta(days=7 * shift)), "week", "relative", False)
        if unit.startswith("месяц"):
            day = p + relativedelta(months=shift)
            return (dt.date(day.year, day.month, 1), dt.date(day.year, day.month,
                    _last_day(day.year, day.month)), "month", "relative", False)  # fmt: skip
        return (*_year(p.year + shift), "year", "relative", False)
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else NUMBER_WORDS[g["n"].lower()]
        unit = next(v for k, v in _UNIT_WORDS.items() if g["unit"].lower().startswith(k))
        return (*ago_span(p, n, unit), "relative", False)
    if kind == "day-month":
        month, d = _month(g["m1"]), int(g["d1"])
        y = p.year
        if (dt.date(y, month, d) > p) != future:
            y += 1 if future else -1
        day = dt.date(y, month, d)
        return day, day, "day", "future" if future else "past", False
    raise ValueError(kind)


def _open_word(kind: str, g: dict) -> str | None:
    if g.get("rp") or kind not in ("year", "month-year", "decade", "full-date"):
        return None
    pre = " ".join((g.get("pre") or "").lower().split())
    return OPEN.get(pre)


def _apply_open(word: str, start, end, published):
    """As ``helpers.timeline._apply_open`` (not imported: timeline routes Russian rows here)."""
    if word == "since":
        return start, (published if published and published >= start else None), False, True
    if word == "after":
        return end + dt.timedelta(days=1), None, False, True
    return None, end, True, False  # until, by


def _tense(sentence, lo: int, hi: int) -> str:
    """past, present or future: the cue nearest to the date (offsets in the sentence): a word of
    planning ("планируется", "будет": future) or a finite verb, its tense as pymorphy3 reads it
    (the perfective "проведут" is future); "none" when the sentence has neither."""
    best = (10**6, "none")
    for token in sentence:
        at = token.idx - sentence.start_char
        if not token.is_alpha or lo <= at < hi:
            continue
        if PLANNED.fullmatch(token.text):
            name = "future"
        else:
            tag = morph().parse(token.text)[0].tag
            name = {"past": "past", "pres": "present", "futr": "future"}.get(tag.tense)
            if "VERB" not in tag or name is None:
                continue
        distance = lo - (at + len(token)) if at < lo else at - hi
        best = min(best, (distance, name))
    return best[1]


def _modality(sentence, lo: int, hi: int, start, end, published, word) -> str:
    """As ``helpers.timeline._modality``: cancelled, planned, ongoing or past."""
    if CANCELLED.search(sentence.text):
        return "cancelled"
    if published is not None and start is not None and start > published:
        return "planned"
    tense = _tense(sentence, lo, hi)
    if word == "since" and tense == "present":
        return "ongoing"
    if tense == "future":
        return "planned"
    if tense == "past":
        return "past"
    if tense == "present":
        return "ongoing" if (end is None or published is None or end >= published) else "past"
    if None not in (published, start, end) and start <= published <= end:
        return "ongoing"
    return "past"


def candidates(text: str) -> list[tuple[str, re.Match]]:
    """Non-overlapping matches in ``text``, earlier patterns first."""
    taken: list[tuple[int, int]] = []
    kept = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if all(m.end() <= s or m.start() >= e for s, e in taken):
                taken.append(m.span())
                kept.append((kind, m))
    return sorted(kept, key=lambda km: km[1].start())


def dates_in_ru(doc_id: str, text: str, published: dt.date | None) -> list[tuple]:
    """The dated expressions of one Russian article, as rows of ``DATE_COLUMNS``."""
    doc = russian()(text, disable=["pymorphy3_lemmas"])
    sent_of = sentence_ids(doc)
    rows = []
    for kind, m in candidates(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        sentence = doc[span.start].sent
        lo, hi = m.start() - sentence.start_char, m.end() - sentence.start_char
        g = {k: v for k, v in m.groupdict().items() if v is not None}
        future = _tense(sentence, lo, hi) == "future"
        try:
            got = _interval(kind, g, published, future)
        except (ValueError, KeyError, StopIteration):  # "30 февраля", a range backwards
            continue
        word = _open_word(kind, g)
        if got is None:
            start = end = None
            precision = {"this-unit": "week", "ago": "year"}.get(kind, "day")
            how, is_range, open_start, open_end = "unresolved", False, False, False
        else:
            start, end, precision, how, is_range = got
            open_start = open_end = False
            if word is not None:
                start, end, open_start, open_end = _apply_open(word, start, end, published)
        kind_out = ("open" if word is not None else "range" if is_range else
                    "relative" if kind in RELATIVE else "absolute")  # fmt: skip
        modality = _modality(sentence, lo, hi, start, end, published, word)
        rows.append((doc_id, m.group(), m.start(), m.end(), start, end, precision, kind_out,
                     open_start, open_end, how, modality, False, int(sent_of[span.start]),
                     sentence.text.strip()))  # fmt: skip
    return rows


def find_dates_ru(articles: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Every dated expression of Russian ``articles`` (``doc_id``, ``text``, ``published``),
    one row per expression in ``columns`` (``helpers.timeline.DATE_COLUMNS``).

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["С 2014 года и вчера."],
    ...                      "published": [pd.Timestamp("2022-05-17")]})
    >>> from helpers.timeline import DATE_COLUMNS
    >>> find_dates_ru(arts, DATE_COLUMNS)[["surface", "date_start", "date_end", "kind"]].values.tolist()
    [['С 2014 года', datetime.date(2014, 1, 1), datetime.date(2022, 5, 17), 'open'], ['вчера', datetime.date(2022, 5, 16), datetime.date(2022, 5, 16), 'relative']]
    """  # noqa: E501
    rows = []
    for doc_id, text, published in zip(articles.doc_id, articles.text, articles.published,
                                       strict=True):  # fmt: skip
        day = None if pd.isna(published) else pd.Timestamp(published).date()
        rows.extend(dates_in_ru(doc_id, text, day))
    return pd.DataFrame(rows, columns=columns)
