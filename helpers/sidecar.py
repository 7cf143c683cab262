"""The optional ``metadata.csv`` beside the articles, read by an explicit, tolerant parser.

``read_sidecar(path)`` returns one dict of typed values per usable row, keyed by the
article's doc_id, and a list of problems, each ``metadata.csv row N: <column>: <problem>`` (row 1
is the header, as a spreadsheet numbers it). A bad cell drops that cell, never the rest of the row
or file; a row that cannot be lined up with the header (too many or too few cells) is dropped
whole. The csv module is used rather than pandas because pandas guesses: it shifts columns under a
ragged first row, reads "1,234" as text and "2021-13-01" as 13 January.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from helpers import patterns as P
from helpers.decoding import NotText, decode

KEY = "doc_id"
# Columns load_corpus computes: a sidecar may not set them (they would silently lose one value).
RESERVED = frozenset({"text", "captions", "n_words", "n_words_raw", "duplicate_of",
                      "duplicate_kind", "similarity", "file", "folder", "encoding",
                      "decode_warnings", "sha256", "raw"})  # fmt: skip
# Whole numbers with thousands separators: "1234", "1,234", "1 234", "1.234", "1'234".
_INTEGER = re.compile(
    r"^[+]?(?:\d+|\d{1,3}(?:(?P<sep>[,. \u00a0\u202f'])\d{3})(?:(?P=sep)\d{3})*)$"
)
_ISO = re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:[T ][\d:.+Z-]*)?$")
_DAY_FIRST = re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$")


class SidecarError(ValueError):
    """The sidecar cannot be used at all (no doc_id column)."""


def parse_integer(value: str) -> int:
    """ "1,234", "1 234" and "1234" to 1234; ValueError otherwise.

    >>> parse_integer("1,234"), parse_integer("1 234 567")
    (1234, 1234567)
    """
    text = value.strip()
    if not _INTEGER.match(text):
        raise ValueError(f"{value!r} is not a whole number")
    return int(re.sub(r"\D", "", text))


def parse_date(value: str) -> dt.date:
    """A full date: ISO (2021-03-19, 2021/03/19, with or without a time), day-first
    (19.03.2021, 19/03/2021) or written (19 March 2021, Mar. 19, 2021); ValueError otherwise.

    >>> parse_date("19/03/2021"), parse_date("2021-03-19T11:47:00")
    (datetime.date(2021, 3, 19), datetime.date(2021, 3, 19))
    """
    text = value.strip()
    m = _ISO.match(text) or _DAY_FIRST.match(text)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if not 1 <= mo <= 12:
            hint = " (day-first dates are read DD/MM/YYYY)" if m.re is _DAY_FIRST else ""
            raise ValueError(f"{value!r} is not a valid date: month {mo} does not exist{hint}")
        try:
            return dt.date(y, mo, d)
        except ValueError:
            raise ValueError(
                f"{value!r} is not a valid date: day {d} is not in month {mo}"
            ) from None
    date = P.parse_date(text)
    if date is None:
        raise ValueError(f"{value!r} is not a date (write YYYY-MM-DD)")
    return date


def parse_value(column: str, value: str) -> object:
    """A sidecar cell as the type of its column (dates, integers, ';'-separated tags, text)."""
    if column == "published":
        return parse_date(value)
    if column == "views":
        return parse_integer(value)
    if column == "tags":
        return [t.strip() for t in value.split(";") if t.strip()]
    return value.strip()


def read_sidecar(path: Path) -> tuple[dict[str, tuple[int, dict[str, object]]], list[str]]:
    """{doc_id: (row number, {column: value})} for the usable rows of ``path``, and problems.

    Raises SidecarError when the file has no doc_id column. Blank cells are left out (they fill
    nothing); a duplicate doc_id keeps the first row and reports the later one.
    """
    name = path.name
    problems: list[str] = []
    try:
        text = decode(path.read_bytes()).text
    except NotText as error:
        return {}, [f"{name}: {error}; the sidecar is ignored"]
    except OSError as error:
        return {}, [f"{name}: cannot be read ({error.strerror or error}); the sidecar is ignored"]
    text = text.lstrip("\ufeff")
    dialect = _dialect(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    if not rows:
        return {}, [f"{name}: holds no rows; the sidecar is ignored"]
    header = [h.strip() for h in rows[0]]
    lowered = [h.casefold() for h in header]
    if KEY not in lowered:
        raise SidecarError(f"{name}: has no {KEY} column (its header is {', '.join(header)!r})")
    key = lowered.index(KEY)
    use: dict[int, str] = {}
    for k, column in enumerate(lowered):
        if k == key:
            continue
        if not column:
            problems.append(f"{name} row 1: column {k + 1} has no name; its cells are ignored")
        elif column in RESERVED:
            problems.append(f"{name} row 1: {header[k]}: is computed by load_corpus and cannot "
                            "be set from the sidecar; the column is ignored (rename it, e.g. "
                            f"sidecar_{column})")  # fmt: skip
        elif column in use.values():
            problems.append(f"{name} row 1: {header[k]}: a second column of this name; "
                            "it is ignored")  # fmt: skip
        else:
            use[k] = column
    table: dict[str, tuple[int, dict[str, object]]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(f"{name} row {number}: has {len(row)} cells but the header has "
                            f"{len(header)}; the row is ignored")  # fmt: skip
            continue
        doc_id = row[key].strip()
        if not doc_id:
            problems.append(f"{name} row {number}: {KEY}: is empty; the row is ignored")
            continue
        values: dict[str, object] = {}
        for k, column in use.items():
            if not row[k].strip():
                continue
            try:
                values[column] = parse_value(column, row[k])
            except ValueError as error:
                problems.append(f"{name} row {number}: {header[k]}: {error}; the cell is ignored")
        if doc_id in table:
            first, earlier = table[doc_id]
            clash = sorted(c for c in values.keys() & earlier.keys() if values[c] != earlier[c])
            what = f"conflicts on {', '.join(clash)}" if clash else "repeats it"
            problems.append(f"{name} row {number}: {KEY}: {doc_id!r} already has row {first}, "
                            f"which this row {what}; row {first} is used")  # fmt: skip
            continue
        table[doc_id] = (number, values)
    return table, problems


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Comma-separated unless the header line is clearly separated by ';' or tabs."""
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in ",;\t"}
    sep = max(counts, key=lambda s: (counts[s], s == ","))
    if sep == "," or counts[","] >= counts[sep]:
        return csv.excel
    return csv.excel_tab if sep == "\t" else type("semicolon", (csv.excel,), {"delimiter": ";"})
