"""Replication tables: the main tables as CSV, with a data dictionary beside them.

The dictionary is ``helpers.schema.TABLES``, the column names and meanings every table shares.

``save_table(table, name, tables_dir)`` writes ``name.csv`` and rewrites ``README.md`` in the
same folder: one section per known table present, listing each column's type and meaning.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from helpers.cache import cached
from helpers.schema import TABLES

# table -> (description, {column: (type, meaning)}): the project's one vocabulary, written once.
DICTIONARY = TABLES

# A spreadsheet reads a cell starting with one of these as a formula (CSV injection, OWASP):
# such text cells are written with a leading apostrophe. Numbers are never touched, so -3.5 in
# a numeric column stays a number.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ESCAPE_NOTE = (
    "Text cells that would start with =, +, -, @, a tab or a carriage return are written with a "
    "leading apostrophe (') so that no spreadsheet runs them as a formula; numeric columns are "
    "written as numbers, negative ones included. Strip that apostrophe when reading such a "
    "cell back. A carriage return inside a cell is written as a line break (\\n)."
)


def _cell(value: object) -> object:
    """A list joined by "; "; text that a spreadsheet would run as a formula escaped with ' .

    >>> [_cell(v) for v in ["=1+1", "-5", ["@a", "b"], -5, "ok"]]
    ["'=1+1", "'-5", "'@a; b", -5, 'ok']
    """
    if isinstance(value, list):
        value = "; ".join(map(str, value))
    if isinstance(value, str) and value.startswith(FORMULA_START):
        value = "'" + value
    if isinstance(value, str) and "\r" in value:
        # The CSV writer ends lines with "\n" and so leaves a lone CR unquoted, which a reader
        # takes for a line end: a CR in a cell is written as the line break it stands for.
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _cells(table: pd.DataFrame) -> pd.DataFrame:
    r"""``table`` as written: :func:`_cell` on the columns that can hold text or lists; numbers,
    booleans and dates as they are (``_cell`` leaves them so; a call per cell of a 360,000-row
    count table was most of its writing). Text columns test the formula and CR rules at once.

    >>> table = pd.DataFrame({"t": pd.Series(["=1", "a\rb", None], dtype="str"), "n": [1, 2, 3]})
    >>> _cells(table).t.tolist(), _cells(table).n.dtype
    (["'=1", 'a\nb', nan], dtype('int64'))
    """
    out = table.copy(deep=False)
    for k in range(table.shape[1]):
        values = table.iloc[:, k]
        if isinstance(values.dtype, pd.StringDtype):
            formula = values.str.startswith(FORMULA_START).fillna(False).to_numpy(bool)
            cr = values.str.contains("\r", regex=False).fillna(False).to_numpy(bool)
            if formula.any() or cr.any():
                out.isetitem(k, values.where(~(formula | cr), values[formula | cr].map(_cell)))
        elif values.dtype == object:
            out.isetitem(k, values.map(_cell))
    return out


# The text as read, before cleaning: kept in ``Corpus.articles`` for the audit, not repeated in
# articles.csv beside the clean ``text`` (the removed spans are in removed.csv).
NOT_WRITTEN = {"raw"}


def save_table(table: pd.DataFrame, name: str, tables_dir: str | Path) -> Path:
    """Write ``table`` as ``tables_dir/name.csv`` (UTF-8, "\\n" line ends, lists joined by
    "; ", dates as YYYY-MM-DD) and refresh the folder's data dictionary.

    A ``name.csv`` the project did not write (the folder's README.md is absent, not the
    project's, or has no ``## name.csv`` section) is never overwritten: ``FileExistsError``."""
    if name not in DICTIONARY:
        raise KeyError(f"{name!r} has no entry in helpers.tables.DICTIONARY; add one first")
    tables_dir = Path(tables_dir)
    tables_dir.mkdir(parents=True, exist_ok=True)
    known = DICTIONARY[name][1]
    # Columns the dictionary does not know (a researcher's own metadata.csv fields) are kept,
    # after the known ones, and listed in the dictionary as coming from the input.
    extra = [c for c in table.columns if c not in known and c not in NOT_WRITTEN]
    columns = [c for c in known if c in table.columns] + extra
    path = tables_dir / f"{name}.csv"
    _refuse_foreign(tables_dir, path)
    path.write_bytes(csv_bytes(table[columns]))
    write_dictionary(tables_dir)
    return path


@cached  # a rerun writes the stored bytes: the 2,000-article term counts took a second to format
def csv_bytes(table: pd.DataFrame) -> bytes:
    """``table`` as ``save_table`` writes it: CSV, UTF-8, "\\n" line ends, no index."""
    text = _cells(table).to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d",
                                float_format="%.6g")  # fmt: skip
    return text.encode("utf-8")


README_HEADER = "# Replication tables"


def _header(path: Path) -> list[str]:
    """The column names on the first line of a CSV the project wrote."""
    with path.open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f), [])


def _refuse_foreign(tables_dir: Path, csv: Path | None = None) -> None:
    """Keep a README.md, and a ``csv``, that the project's data dictionary does not account for."""
    readme = tables_dir / "README.md"
    text = readme.read_text(encoding="utf-8", errors="replace") if readme.exists() else None
    ours = text is not None and text.split("\n", 1)[0] == README_HEADER
    if text is not None and not ours:
        raise FileExistsError(f"{readme} was not written by this project (its first line is not "
                              f"{README_HEADER!r}); move it or choose another folder")  # fmt: skip
    if csv is not None and csv.exists() and not (ours and f"## {csv.name}" in text.splitlines()):
        raise FileExistsError(f"{csv} exists but {readme} does not list it: it was not written "
                              "by this project, so it is kept; move it or choose another "
                              "tables_dir")  # fmt: skip


def write_dictionary(tables_dir: Path) -> Path:
    """``README.md``: each known table present in ``tables_dir`` with its columns (refused,
    ``FileExistsError``, over a README.md the project did not write)."""
    _refuse_foreign(tables_dir)
    lines = [README_HEADER, "", "Written by `make figures`; one CSV per table, UTF-8.", "",
             ESCAPE_NOTE, ""]  # fmt: skip
    for name, (about, columns) in DICTIONARY.items():
        if not (tables_dir / f"{name}.csv").exists():
            continue
        lines += [
            f"## {name}.csv",
            "",
            about,
            "",
            "| column | type | meaning |",
            "| --- | --- | --- |",
        ]
        lines += [f"| {c} | {t} | {m} |" for c, (t, m) in columns.items()]
        lines += [f"| {c} | string | from the input (metadata.csv); not described here |"
                  for c in _header(tables_dir / f"{name}.csv") if c not in columns]  # fmt: skip
        lines.append("")
    path = tables_dir / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
