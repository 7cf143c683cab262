"""Calendar spans shared by the English and Russian date finders: the first and last day of a
month, a year, a week, and of "n units ago" counted back from a day.

>>> ago_span(dt.date(2022, 10, 11), 3, "year")
(datetime.date(2019, 1, 1), datetime.date(2019, 12, 31), 'year')
"""

from __future__ import annotations

import calendar
import datetime as dt

from dateutil.relativedelta import relativedelta


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_span(year: int, first: int, last: int | None = None) -> tuple[dt.date, dt.date]:
    last = first if last is None else last
    return dt.date(year, first, 1), dt.date(year, last, last_day(year, last))


def year_span(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def week_span(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of the week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def ago_span(published: dt.date, n: int, unit: str) -> tuple[dt.date, dt.date, str]:
    """The day, week, month, year or decade ``n`` units before ``published`` ("three years
    ago", "три года назад"), with its precision; a decade ago is a year, ten years back."""
    if unit == "day":
        day = published - dt.timedelta(days=n)
        return day, day, "day"
    if unit == "week":
        return (*week_span(published - dt.timedelta(days=7 * n)), "week")
    if unit == "month":
        day = published - relativedelta(months=n)
        return (*month_span(day.year, day.month), "month")
    return (*year_span(published.year - n * (10 if unit == "decade" else 1)), "year")
