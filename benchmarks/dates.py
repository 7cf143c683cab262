"""Benchmark date finding on the gold set: helpers.timeline.find_dates beside dateparser.

    .venv/bin/python benchmarks/dates.py

The gold set is tests/data/dates_gold.psv (its format: tests/dates_gold.py). For each kind of
expression (absolute, relative, range, open) and overall: recall (an expression found where the
gold one is) and correct (found, with exact start and end); for the negatives, how many of the
sentences without a date were given one. dateparser's ``search_dates`` runs on the same
sentences with the publication date as its base (``RELATIVE_BASE``, past dates preferred); each
date it returns is widened to the period dateparser reports for it (day, week, month, year),
its only notion of an interval: it has no ranges and no open bounds. An undated sentence gives
dateparser no base, so a relative date it resolves there is counted wrong (the gold leaves it
unresolved). Prints a Markdown table (the one in README.md) for the gold set, and one for
tests/data/dates_heldout.psv: 26 lines written after the finder and not used to tune it.
"""

from __future__ import annotations

import datetime as dt
import sys
import warnings
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from dates_gold import GOLD, gold_articles, load_gold, score, summary  # noqa: E402

from helpers.timeline import find_dates  # noqa: E402


def _period(day: dt.datetime, period: str) -> tuple[dt.date, dt.date]:
    d = day.date()
    if period == "year":
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    if period == "month":
        last = (pd.Timestamp(d) + pd.offsets.MonthEnd(0)).date()
        return d.replace(day=1), last
    if period == "week":
        monday = d - dt.timedelta(days=d.weekday())
        return monday, monday + dt.timedelta(days=6)
    return d, d


def dateparser_dates(articles: pd.DataFrame) -> pd.DataFrame:
    """``search_dates`` on each article: rows with doc_id, start, end, date_start, date_end."""
    from dateparser import DateDataParser
    from dateparser.search import search_dates

    parser = DateDataParser(languages=["en"])
    rows = []
    for a in articles.itertuples():
        settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        if pd.notna(a.published):
            settings["RELATIVE_BASE"] = pd.Timestamp(a.published).to_pydatetime()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(a.text, languages=["en"], settings=settings) or []
        at = 0
        for surface, when in found:
            start = a.text.find(surface, at)
            start = a.text.find(surface) if start < 0 else start
            at = start + len(surface)
            data = parser.get_date_data(surface)
            first, last = _period(when, data.period if data and data.period else "day")
            rows.append((a.doc_id, start, start + len(surface), first, last))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "date_start", "date_end"])


HELD_OUT = GOLD.with_name("dates_heldout.psv")


def table(path: Path = GOLD) -> pd.DataFrame:
    """Per kind, recall, correct and false positives of find_dates and of dateparser."""
    gold = load_gold(path)
    articles = gold_articles(gold)
    ours = summary(score(gold, find_dates(articles)))
    theirs = summary(score(gold, dateparser_dates(articles)))
    both = pd.concat({"find_dates": ours, "dateparser": theirs}, axis=1)
    order = ["absolute", "relative", "range", "open", "overall", "negative"]
    return both.reindex(order)


def markdown(both: pd.DataFrame) -> str:
    lines = ["| kind | n | find_dates recall | find_dates correct | dateparser recall | "
             "dateparser correct |", "| --- | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for kind, r in both.iterrows():
        n = int(r[("find_dates", "n")])
        if kind == "negative":
            lines.append(f"| negative (sentences given a date) | {n} | — | "
                         f"{int(r[('find_dates', 'false_positives')])} | — | "
                         f"{int(r[('dateparser', 'false_positives')])} |")  # fmt: skip
            continue
        cells = [f"{r[(who, what)]:.0%}" for who in ("find_dates", "dateparser")
                 for what in ("recall", "correct")]  # fmt: skip
        lines.append(f"| {kind} | {n} | " + " | ".join(cells) + " |")
        if kind == "overall":
            lines.append("| stray dates (in sentences with a date, overlapping no gold one) | — | "
                         f"— | {int(r[('find_dates', 'false_positives')])} | — | "
                         f"{int(r[('dateparser', 'false_positives')])} |")  # fmt: skip
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(table()))
    print(f"\nHeld out ({HELD_OUT.name}):\n")
    print(markdown(table(HELD_OUT)))
