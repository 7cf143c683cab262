"""Replication tables: the main tables as CSV, with a data dictionary beside them.

``save_table(table, name, tables_dir)`` writes ``name.csv`` and rewrites ``README.md`` in the
same folder: one section per known table present, listing each column's type and meaning.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

# table -> (description, {column: (type, meaning)})
DICTIONARY: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "articles": ("One row per article (helpers.corpus.load_corpus; raw text left out).", {
        "doc_id": ("string", "the file's path under the corpus folder without .txt (business/001; "
                   "a top-level file: its name); with .txt kept where two files would clash"),
        "title": ("string", "the headline (first line that is not navigation)"),
        "author": ("string", "byline, name line or closing signature; empty if none"),
        "outlet": ("string", "the outlet named in the text or the sidecar; empty if none"),
        "published": ("date", "publication date; empty when nothing states one"),
        "published_time": ("string", "HH:MM of the dateline, where given"),
        "place": ("string", "dateline place, where given"),
        "timezone": ("string", "the dateline's time zone label, where given"),
        "tags": ("string", "the article's tags, separated by '; '"),
        "views": ("integer", "view count, where given"),
        "language": ("string", "ISO 639-1 code of the language the text is written in (en, ru, "
                     "...; und when undetermined), detected by py3langid unless the sidecar "
                     "states it"),
        "text": ("string", "the clean body; paragraphs separated by a blank line"),
        "captions": ("string", "photo captions taken out of the text, separated by '; '"),
        "n_words": ("integer", "words in text"),
        "n_words_raw": ("integer", "words in the file as collected"),
        "duplicate_of": ("string", "doc_id of the article this one duplicates"),
        "duplicate_kind": ("string", "exact or near"),
        "similarity": ("float", "word 5-shingle Jaccard similarity to duplicate_of"),
        "file": ("string", "the file's path under the corpus folder (POSIX, / separated)"),
        "folder": ("string", "the file's subfolder under the corpus folder; . for the top folder"),
        "encoding": ("string", "the encoding the file was read with (how it was chosen, and the "
                     "detector's candidates, are in Corpus.provenance)"),
        "decode_warnings": ("string", "what decoding had to repair (bytes replaced with U+FFFD "
                            "and their byte offsets); empty when nothing"),
        "sha256": ("string", "SHA-256 of the decoded file (UTF-8)"),
    }),
    "files": ("One row per file, or skipped folder, found under the corpus folder "
              "(Corpus.files).", {
        "file": ("string", "path under the corpus folder (POSIX, / separated)"),
        "folder": ("string", "the subfolder it is in; . for the top folder"),
        "doc_id": ("string", "the article it was read as; empty when not read as an article"),
        "status": ("string", "article, sidecar (metadata.csv at the top) or skipped"),
        "reason": ("string", "why it is not an article: documentation, not-txt, sidecar, hidden, "
                   "second-sidecar, broken-link, link-loop, unreadable, too-large, empty-file, "
                   "not-text, or language (read, then left out by the language parameter)"),
        "bytes": ("integer", "size in bytes; empty for folders, dead links and unreadable files"),
        "detail": ("string", "what the reason means for this file (the limit a too-large file "
                   "exceeds, why bytes are not text); empty when the reason says it all"),
    }),
    "removed": ("One row per span of a file not kept in the clean text.", {
        "doc_id": ("string", "article"),
        "reason": ("string", "why it was removed (title, byline, date, site-chrome, ...)"),
        "rule": ("string", "the rule that removed it"),
        "text": ("string", "the removed text"),
        "start": ("integer", "offset of its first character in the decoded file"),
        "end": ("integer", "offset after its last character"),
    }),
    "term_counts": ("One row per term per article (helpers.text.count_terms).", {
        "doc_id": ("string", "article"),
        "term": ("string", "lower-cased lemma, compound or multiword name"),
        "n": ("integer", "occurrences in the article"),
        "per_1000": ("float", "occurrences per 1,000 counted terms of the article"),
    }),
    "keyness_source": ("Terms distinguishing the focus source from the others.", {
        "term": ("string", "term"),
        "n_focus": ("integer", "occurrences in the focus group"),
        "n_rest": ("integer", "occurrences in the other articles"),
        "log_odds": ("float", "weighted log-odds ratio with a Dirichlet prior (Monroe et al.)"),
        "z": ("float", "z-score of log_odds"),
        "log_ratio": ("float", "Hardie's Log Ratio (log2 of the ratio of relative frequencies)"),
        "g2": ("float", "Rayson's log-likelihood G2"),
    }),
    "actor_mentions": ("One row per actor mention (helpers.actors.find_mentions).", {
        "doc_id": ("string", "article"),
        "actor": ("string", "the actor the mention rolls up to (the top of the gazetteer's "
                  "part_of chain: Putin → Russia); the default level of every count"),
        "sub_actor": ("string", "the gazetteer entry named (Vladimir Putin, US State Department)"),
        "kind": ("string", "the entry's kind: person, organisation, country, agency, media, bloc, "
                 "party or group"),
        "surface": ("string", "the text as written"),
        "start": ("integer", "offset in the clean text"),
        "end": ("integer", "offset after the mention in the clean text"),
        "sentence_id": ("integer", "sentence number within the article"),
        "metonym": ("boolean", "true when a place or building stands for the actor"),
        "role": ("string", "agentive, or locative for a place after in/at/near... or in a "
                 "dateline (left out of actor shares)"),
    }),
    "dates": ("One row per dated expression (helpers.timeline.find_dates).", {
        "doc_id": ("string", "article"),
        "surface": ("string", "the expression as written"),
        "start": ("integer", "offset in the clean text"),
        "end": ("integer", "offset after the expression"),
        "date_start": ("date", "first day the expression stands for; empty when open or "
                       "unresolved"),
        "date_end": ("date", "last day the expression stands for; empty when open or unresolved"),
        "precision": ("string", "day, week, month, part (early/mid/late), season, quarter, year "
                      "or decade"),
        "kind": ("string", "absolute, relative, range or open"),
        "open_start": ("boolean", "true when the interval has no stated start (before, until)"),
        "open_end": ("boolean", "true when it runs on (since: to the publication date; after: "
                     "no end)"),
        "resolution": ("string", "absolute, past, future, publication-year, relative, chained "
                       "or unresolved"),
        "modality": ("string", "past, ongoing, planned or cancelled, from the sentence's cues"),
        "ambiguous": ("boolean", "true for a numeric date read day-first without evidence"),
        "sentence_id": ("integer", "sentence number within the article"),
        "sentence": ("string", "the sentence"),
    }),
    "attention_shares": ("Per article naming either actor of a pair, how its mentions split "
                         "(helpers.actors.mention_share; chapter 04).", {
        "doc_id": ("string", "article"),
        "pair": ("string", "the two actors, as 'NATO vs CSTO'"),
        "n_first": ("integer", "agentive mentions of the first actor"),
        "n_second": ("integer", "agentive mentions of the second actor"),
        "share": ("float", "n_first / (n_first + n_second)"),
        "published": ("date", "the article's publication date; empty when undated"),
    }),
}  # fmt: skip
DICTIONARY["keyness_period"] = (
    "Terms distinguishing the early period from the late one.",
    DICTIONARY["keyness_source"][1],
)
DICTIONARY |= {
    "quotes": ("One row per quotation or reported statement with a speaker "
               "(helpers.quotes.find_quotes; chapter 03).", {
        "doc_id": ("string", "article"),
        "quote_id": ("integer", "quote number within the article, in text order (0, 1, ...)"),
        "kind": ("string", "direct (in quotation marks or a dash-introduced line) or reported "
                 "(said that ..., according to ...)"),
        "start": ("integer", "offset of the quoted text in the clean text"),
        "end": ("integer", "offset after the quoted text"),
        "text": ("string", "the words quoted or reported"),
        "speaker": ("string", "the speaker as the article writes it ('Kyrgyz President Sadyr "
                    "Japarov', 'he')"),
        "speaker_start": ("integer", "offset of the speaker in the clean text"),
        "speaker_end": ("integer", "offset after the speaker"),
        "n_words": ("integer", "words quoted"),
        "actor": ("string", "the actor the speaker rolls up to (the top of the gazetteer's "
                  "part_of chain: Jean Fournet → NATO); empty when none"),
        "sub_actor": ("string", "the gazetteer entry named in the speaker, or the one a pronoun "
                      "refers to; empty when none"),
        "resolved": ("boolean", "false for a pronoun or an office ('the minister') with no "
                     "person named in the five sentences before it"),
        "antecedent": ("string", "the name a pronoun or office speaker was resolved to"),
    }),
    "quote_speakers": ("Quotes and quoted words per outlet and speaking actor "
                       "(helpers.quotes.count_speakers; chapter 03).", {
        "outlet": ("string", "the article's outlet, else its subfolder, else 'unknown source' "
                   "(never its author)"),
        "actor": ("string", "the speaking actor, rolled up along part_of (a person counted for "
                  "the actor they act for); 'unattributed' for speakers without a gazetteer actor"),
        "n": ("integer", "quotes"),
        "quoted_words": ("integer", "words inside those quotes"),
        "share": ("float", "n / all quotes of the outlet"),
    }),
}  # fmt: skip


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
    table[columns].map(_cell).to_csv(path, index=False, lineterminator="\n",
                                     date_format="%Y-%m-%d", float_format="%.6g")  # fmt: skip
    write_dictionary(tables_dir)
    return path


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
