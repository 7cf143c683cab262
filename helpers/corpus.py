"""Load a folder of captured news articles into a clean, deduplicated, audited table.

``load_corpus(corpus_dir)`` reads every ``.txt`` file in ``corpus_dir`` and its subfolders and
returns a :class:`Corpus` whose tables share the package's vocabulary (``doc_id`` everywhere):

- ``files``: one row per file (or skipped folder) found, read as an article or skipped and why;
- ``articles``: one row per article file (metadata, clean ``text``, ``raw``);
- ``removed``: one row per span of ``raw`` that is not in ``text``, with its reason;
- ``paragraphs``: one row per kept paragraph, mapping ``text`` offsets to ``raw``;
- ``provenance``: one row per metadata field per article: its value and where it came from.

Together ``paragraphs`` and ``removed`` cover every non-blank character of every
``raw``: nothing is dropped without a record.

The steps, in the order the data flows: find every file (:func:`find_files`), read and decode
it (:func:`read_drafts`, :mod:`helpers.decoding`), set the sidecar's fields
(:func:`apply_sidecar`, :mod:`helpers.sidecar`), clean (:func:`helpers.cleaning.clean`, one
pipeline of named rules) and flag duplicates (:func:`mark_duplicates`, :mod:`helpers.dedup`).
With ``workers`` > 1 (or None: from PARALLEL_FROM articles on Linux) worker processes do
what each article needs alone — reading, decoding, the rules that see one article, the
near-duplicate signature, the language, the word counts — and this process the rest, in the
same order: the tables are the same whatever ``workers`` is (tests/test_corpus_speed.py).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import hashlib
import multiprocessing
import os
import posixpath
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import cleaning as C
from helpers import dedup
from helpers import language as language_module
from helpers import patterns as P
from helpers.decoding import NotText, decode
from helpers.language import ALL, MAX_CHARS, add_language, classify_openings, identifier
from helpers.progress import progress
from helpers.schema import columns
from helpers.sidecar import SidecarError, read_sidecar

try:  # pandas keeps its string columns in pyarrow where installed (dask's extra brings it)
    import pyarrow as pa
except ImportError:  # pragma: no cover
    pa = None

SIDECAR = "metadata.csv"
METADATA_REASONS = C.METADATA_REASONS
FIELDS = ["title", "author", "outlet", "published", "published_time", "place", "timezone",
          "tags", "views"]  # fmt: skip
# Files larger than this are refused (reason too-large). Loading one 100 MB file peaks at 1.6 GB
# (about 250 MB of libraries plus 13 bytes per byte of text; benchmarks/memory.py), so at this
# limit one file stays under 2 GB.
MAX_FILE_BYTES = 100 * 2**20
# Collections ship these beside their articles (README.TXT, LICENSE, readme.md). Only names whose
# stem is exactly one of them count, so an article called "news.txt" or "readme-tips.txt" is read.
DOCUMENTATION = frozenset({"readme", "license", "licence", "copying", "changes", "changelog"})
# Skips a researcher expects (other file types, the sidecar, .git and the like) are only listed in
# ``Corpus.files``; the rest (README.TXT, dead links, empty files) may hide an article: they warn.
QUIET_REASONS = frozenset({"not-txt", "sidecar", "hidden"})
WARN_EXAMPLES = 3
WARN_SIDECAR = 20  # sidecar problems shown one by one; the rest are counted
FILE_COLUMNS = columns("files")  # helpers.schema: the columns and their meanings
# Worker processes (``workers``) take the work each article needs alone (reading, decoding,
# the cleaning rules that see one article, near-duplicate signatures, language, word counts);
# ``workers=None`` starts them from this many articles on, where the operating system forks
# (workers start in milliseconds with the libraries loaded; spawned ones would load
# py3langid's model again, most of a second each). The main process keeps what needs every
# article: the sidecar, the rules that compare articles, the LSH index and the tables.
PARALLEL_FROM = 1_000
MAX_WORKERS = 4
MIN_BATCH, MAX_BATCH = 50, 500  # articles per task sent to a worker
_FORK = sys.platform.startswith("linux")
BIG_ARTICLE = 1 << 20  # characters; a bigger article is worked out in the main process


class CorpusError(ValueError):
    """The corpus folder cannot be read as a corpus at all."""


class CorpusWarning(UserWarning):
    """A file was skipped or a sidecar row could not be used."""


@dataclass
class Corpus:
    articles: pd.DataFrame
    removed: pd.DataFrame
    paragraphs: pd.DataFrame
    provenance: pd.DataFrame
    files: pd.DataFrame


@dataclass
class Found:
    """A file (or skipped folder) under the corpus folder; ``reason`` None means "read it"."""

    file: str  # relative POSIX path
    path: Path
    reason: str | None = None
    bytes: int | None = None
    doc_id: str | None = None
    detail: str | None = None  # the sentence behind a skip reason, where there is more to say

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.file) or "."


def find_files(corpus_dir: Path) -> list[Found]:
    """Every entry under ``corpus_dir``, recursively, sorted by relative POSIX path.

    ``.txt`` files (any case) come back with ``reason`` None and a ``doc_id``; everything else
    carries the reason it will not be read (``hidden`` folders as one entry, not their contents).
    """
    top = os.stat(corpus_dir)
    found: list[Found] = []
    # Each folder carries the (device, inode) of its ancestors: a link back to one is a loop.
    stack = [("", corpus_dir, frozenset({(top.st_dev, top.st_ino)}))]
    while stack:
        rel, folder, ancestors = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            if not rel:
                raise CorpusError(f"corpus folder {corpus_dir} cannot be read: {error}") from None
            found.append(Found(rel, Path(folder), "unreadable"))
            continue
        for entry in entries:
            name = shown_name(entry.name)
            file = f"{rel}/{name}" if rel else name
            item = _classify(entry, file, ancestors)
            if isinstance(item, Found):
                found.append(item)
            else:
                stack.append((file, Path(entry.path), ancestors | {item}))
    found.sort(key=lambda f: f.file)
    _assign_doc_ids([f for f in found if f.reason is None])
    return found


def shown_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogate escapes, which
    no table or CSV can hold) written as \\xNN, so the name stays readable and unique.

    >>> shown_name(os.fsdecode(b"caf\\xe9.txt"))
    'caf\\\\xe9.txt'
    """
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _classify(entry: os.DirEntry, file: str, ancestors: frozenset) -> Found | tuple[int, int]:
    """A Found for a file or a folder not to walk, else the folder's (device, inode)."""
    path = Path(entry.path)
    if entry.name.startswith("."):
        return Found(file, path, "hidden", _size(entry))
    try:
        is_dir, is_file = entry.is_dir(), entry.is_file()
    except OSError:  # a link to itself: "too many levels of symbolic links"
        return Found(file, path, "broken-link")
    if is_dir:
        st = entry.stat()
        key = (st.st_dev, st.st_ino)
        return Found(file, path, "link-loop") if key in ancestors else key
    if not is_file:  # a dangling link, or a pipe or device that reading would hang on
        return Found(file, path, "broken-link" if entry.is_symlink() else "unreadable")
    reason = _file_reason(entry.name, at_top="/" not in file)
    return Found(file, path, reason, _size(entry) if reason else None)


def _file_reason(name: str, at_top: bool) -> str | None:
    if at_top and name.casefold() == SIDECAR:
        return "sidecar"
    if name.split(".", 1)[0].casefold() in DOCUMENTATION:
        return "documentation"
    return None if name.lower().endswith(".txt") else "not-txt"


def _size(entry: os.DirEntry) -> int | None:
    try:
        return None if entry.is_dir() else entry.stat().st_size
    except OSError:
        return None


def _assign_doc_ids(found: list[Found]) -> None:
    """The path without ``.txt``; where two files would share one, both keep their extension."""
    ids = {f.file: f.file[: -len(".txt")] for f in found}
    while True:
        counts = Counter(ids.values())
        clashing = [file for file, doc_id in ids.items() if counts[doc_id] > 1 and doc_id != file]
        if not clashing:
            break
        for file in clashing:  # full paths are unique, so this ends
            ids[file] = file
    taken: Counter = Counter()
    for f in found:  # an escaped name can still equal a real one: number the later copy
        doc_id = ids[f.file]
        taken[doc_id] += 1
        f.doc_id = doc_id if taken[doc_id] == 1 else f"{doc_id}#{taken[doc_id]}"


def read_drafts(found: list[Found]) -> tuple[list[C.Draft], list[dict]]:
    """Read and decode every file still to read; failures set ``reason`` and ``detail`` and,
    for files that were read but are not text, become ``removed`` rows."""
    drafts, skipped = [], []
    for f in progress(found, len(found), "reading"):
        draft, row = _read_one(f)
        if row is not None:
            skipped.append(row)
        if draft is not None:
            for message in draft.decoded.warnings:
                warnings.warn(f"{f.file}: {message}", CorpusWarning, stacklevel=3)
            drafts.append(draft)
    count_line_words(drafts)
    return drafts, skipped


def _read_one(f: Found) -> tuple[C.Draft | None, dict | None]:
    """One file of :func:`read_drafts`: its Draft, or the ``removed`` row of bytes that are not
    text (and ``f.reason``); (None, None) for a file not read at all."""
    try:
        size = f.path.stat().st_size
        if size > MAX_FILE_BYTES:
            f.reason, f.bytes = "too-large", size
            f.detail = (f"{size:,} bytes is over the limit of {MAX_FILE_BYTES:,} "
                        "bytes (helpers.corpus.MAX_FILE_BYTES); split the file or raise "
                        "the limit")  # fmt: skip
            return None, None
        data = f.path.read_bytes()
    except OSError as error:
        f.reason, f.detail = "unreadable", error.strerror or str(error)
        return None, None
    f.bytes = len(data)
    try:
        decoded = decode(data)
    except NotText as not_text:
        problem = not_text
    except (UnicodeError, LookupError, ValueError) as error:  # a codec's own failure
        problem = NotText("not-text", f"cannot be decoded: {error}")
    else:
        problem = None
    if problem is not None:
        f.reason = problem.reason
        f.detail = None if problem.reason == "empty-file" else str(problem)
        text = data.decode("utf-8", errors="replace") if problem.reason == "empty-file" else ""
        return None, {"doc_id": f.doc_id, "reason": problem.reason, "rule": "decode",
                      "text": text, "start": 0, "end": len(data)}  # fmt: skip
    del data
    draft = C.Draft(f.doc_id, f.file, decoded.text, decoded.encoding, C.split_lines(decoded.text),
                    decoded=decoded)  # fmt: skip
    # The recurring-line rule's story key and dedup's exact key fold raw's whitespace alike
    # (unless it holds a BOM or is big): one fold of each text serves both.
    draft.exact_key = C._exact(draft)
    same = len(draft.raw) < 1 << 20 and "\ufeff" not in draft.raw
    draft.raw_digest = draft.exact_key if same else dedup.exact_digest(draft.raw)
    return draft, None


def read_and_clean_alone(found: list[Found]) -> list[tuple]:
    """In a worker process: :func:`_read_one` and ``cleaning.clean_alone`` for each file, sent
    back compactly (a Draft's lines as offsets and labels; its text once)."""
    read = [(f, *_read_one(f)) for f in found]
    count_line_words([draft for _, draft, _ in read if draft is not None])
    out = []
    for f, draft, row in read:
        state = (f.reason, f.bytes, f.detail)
        if draft is None:
            out.append((state, row, None))
            continue
        C.clean_alone(draft)
        decoded, draft.decoded = draft.decoded, None
        decoded.text = None  # the same string as raw
        lines = [(x.start, x.end, x.reason, x.rule, x.key, x.words) for x in draft.lines]
        digests = (draft.exact_key, draft.raw_digest)
        # raw never changes: its numbers are worked out here, so raw is not sent back later
        raw_numbers = (sum(x.words for x in draft.lines), _sha256(draft.raw))
        out.append((state, row, (draft.raw, draft.encoding, decoded, lines, draft.fields,
                                 draft.field_rules, digests, raw_numbers)))  # fmt: skip
    return out


def _read_in_workers(
    found: list[Found], pool: Executor, workers: int
) -> tuple[list[C.Draft], list[dict], list[tuple[dict, dict]]]:
    """:func:`read_drafts` with each file read, decoded and cleaned alone by a worker: the
    same drafts, removed rows and warnings (in the same order), with ``clean_alone`` done but
    no field set: the fields the text gave come back beside them, set after the sidecar's."""
    drafts, skipped, text_fields = [], [], []
    answers = _in_batches(pool, workers, read_and_clean_alone, found)
    for f in progress(found, len(found), "reading"):
        (f.reason, f.bytes, f.detail), row, sent = next(answers)
        if row is not None:
            skipped.append(row)
        if sent is None:
            continue
        raw, encoding, decoded, lines, fields, field_rules, digests, raw_numbers = sent
        exact_key, raw_digest = digests
        decoded.text = raw
        for message in decoded.warnings:
            warnings.warn(f"{f.file}: {message}", CorpusWarning, stacklevel=3)
        lines = [C.Line(start, end, raw[start:end], reason, rule, key, words)
                 for start, end, reason, rule, key, words in lines]  # fmt: skip
        drafts.append(C.Draft(f.doc_id, f.file, raw, encoding, lines, decoded=decoded,
                              exact_key=exact_key, raw_digest=raw_digest,
                              raw_numbers=raw_numbers))  # fmt: skip
        text_fields.append((fields, field_rules))
    return drafts, skipped, text_fields


def _set_text_fields(drafts: list[C.Draft], text_fields: list[tuple[dict, dict]]) -> None:
    """The fields ``clean_alone`` read from each text, where the sidecar set none: as
    ``Draft.found`` would have recorded them with the sidecar's already set."""
    for d, (fields, rules) in zip(drafts, text_fields, strict=True):
        for name, value in fields.items():
            if name not in d.fields:
                d.fields[name] = value
                d.field_rules[name] = rules[name]


def _in_batches(pool: Executor, workers: int, work, items: list) -> Iterator:
    """``work`` over ``items`` in batches on the pool, every batch sent at once: each item's
    answer, in order, as soon as its batch is done."""
    size = max(MIN_BATCH, min(MAX_BATCH, -(-len(items) // (4 * workers))))
    batches = [items[i : i + size] for i in range(0, len(items), size)]
    answers = pool.map(work, batches)
    return (item for answer in answers for item in answer)


def files_table(found: list[Found]) -> pd.DataFrame:
    """One row per entry found: ``file, folder, doc_id, status, reason, bytes``."""
    rows = [
        {
            "file": f.file,
            "folder": f.folder,
            "doc_id": f.doc_id if f.reason is None else None,
            "status": _status(f.reason),
            "reason": f.reason,
            "bytes": f.bytes,
            "detail": f.detail,
        }
        for f in found
    ]
    return pd.DataFrame(rows, columns=FILE_COLUMNS).astype({"bytes": "Int64"})


def _status(reason: str | None) -> str:
    if reason is None:
        return "article"
    return "sidecar" if reason == "sidecar" else "skipped"


def warn_skipped(files: pd.DataFrame) -> None:
    """One CorpusWarning per reason a file meant to be read was skipped, with a few examples."""
    skipped = files[files.status.eq("skipped") & ~files.reason.isin(QUIET_REASONS)]
    for reason, group in skipped.groupby("reason", sort=True):
        names = [f"{file} ({detail})" if isinstance(detail, str) else file
                 for file, detail in zip(group.file, group.detail, strict=True)]  # fmt: skip
        shown = ", ".join(names[:WARN_EXAMPLES]) + (", …" if len(names) > WARN_EXAMPLES else "")
        warnings.warn(f"{_plural(len(names), 'file')} skipped as {reason}: {shown}; "
                      "see corpus.files", CorpusWarning, stacklevel=3)  # fmt: skip


def no_articles_error(corpus_dir: Path, files: pd.DataFrame) -> CorpusError:
    """A CorpusError saying how many files were found under ``corpus_dir`` and why none is read."""
    if files.empty:
        return CorpusError(f"corpus folder {corpus_dir} holds no .txt articles: it is empty")
    why = ", ".join(f"{n} {reason}" for reason, n in _by_count(files.reason))
    return CorpusError(f"corpus folder {corpus_dir} holds no .txt articles: "
                       f"{_plural(len(files), 'file')} found, all skipped ({why})")  # fmt: skip


def _by_count(values: pd.Series) -> list[tuple[str, int]]:
    return sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def mark_duplicates(
    drafts: list[C.Draft],
    pool: Executor | None = None,
    workers: int = 1,
    meanwhile: Callable[[], None] | None = None,
    sent: _NumbersRound | None = None,
) -> dict[str, Numbers]:
    """Flag exact duplicates (every line removed) and near duplicates (flagged, kept).

    Returns each article's :class:`Numbers` when ``pool`` (worker processes) worked them out
    beside the near-duplicate signatures, else an empty dict. ``meanwhile`` is called once the
    lines are final (after the exact duplicates), while the workers work out the signatures.
    ``sent``: the workers' round, its jobs already sent while cleaning ended."""
    exact = exact_duplicates(drafts) if sent is None else sent.exact
    for d in drafts:
        if d.doc_id in exact:
            d.duplicate_of, d.duplicate_kind, d.similarity = exact[d.doc_id], "exact", 1.0
            for line in d.lines:  # metadata stays in the row; every line goes
                d.remove(line, "duplicate-article", "exact-duplicate")
    numbers: dict[str, Numbers] = {}
    if pool is not None and sent is None:
        sent = _NumbersRound(drafts, pool, workers, exact)
        for k, d in enumerate(drafts):
            sent.add(k, d)
    if sent is None:
        bodies = {d.doc_id: "\n".join(x.text for x in d.body())
                  for d in drafts if not d.duplicate_of}  # fmt: skip
        signatures = None
    else:
        bodies = sent.bodies()
        signatures = sent.signatures(numbers)
    if meanwhile is not None:
        meanwhile()
    near = dedup.near_duplicates(bodies, signatures=signatures)
    for _ in signatures or ():  # the exact duplicates after the last body
        pass
    for d in drafts:
        if d.doc_id in near:
            d.duplicate_of, d.similarity = near[d.doc_id]
            d.duplicate_kind = "near"
    return numbers


@dataclass
class Numbers:
    """What a worker process works out for one article once it is cleaned."""

    signature: np.ndarray | None  # dedup.minhash_values of its body (None: an exact duplicate)
    language: tuple[str, float] | None  # language.classify_openings of its text


def article_numbers(jobs: list[tuple[str, bool]]) -> list[tuple]:
    """(signature, language) of :class:`Numbers` for each (body lines joined by "\n", exact
    duplicate?) of a batch of articles: the per-article work after cleaning that needs no other
    article, run in a worker process (the word counts come from the lines' counts). One string
    per article is sent, not a list of lines: a line holds no line break, so the body joined by
    blank lines (``text``) is that string with each "\n" doubled."""
    # text's opening: the first MAX_CHARS characters of the body with each "\n" doubled are
    # those of its first MAX_CHARS characters so doubled
    openings = [body[:MAX_CHARS].replace("\n", "\n\n") for body, exact in jobs if not exact]
    found = iter(classify_openings(openings))
    out = []
    for body, exact in jobs:
        signature = None if exact else dedup.minhash_values(body, dedup.template().permutations,
                                                            _WORD_KEYS)  # fmt: skip
        if len(_WORD_KEYS) > dedup.MAX_CACHED_WORDS:
            _WORD_KEYS.clear()
        out.append((signature, None if exact else next(found)))
    return out


_WORD_KEYS: dict[str | bytes, int] = {}  # a worker's word -> shingle key cache (helpers.dedup)


def exact_duplicates(drafts: list[C.Draft]) -> dict[str, str]:
    """:func:`helpers.dedup.exact_duplicates` of the drafts' raw texts (their digests known)."""
    digests = {d.doc_id: d.raw_digest for d in drafts if d.raw_digest is not None}
    return dedup.exact_duplicates({d.doc_id: d.raw for d in drafts}, digests)


class _NumbersRound:
    """The workers' second round (:func:`article_numbers`): each draft's job made as soon as
    its lines are final (:meth:`add`, called by ``cleaning.clean``'s ``ready``) and sent in
    batches as they fill, so the workers start while this process still cleans the rest;
    :meth:`signatures` then reads the answers back in the drafts' order. Articles over
    BIG_ARTICLE characters are worked out here (a worker would hold a second copy of a 100 MB
    text)."""

    def __init__(self, drafts: list[C.Draft], pool: Executor, workers: int,
                 exact: dict[str, str]) -> None:  # fmt: skip
        self.drafts, self.pool, self.exact = drafts, pool, exact
        small = sum(len(d.raw) <= BIG_ARTICLE for d in drafts)
        self.size = max(MIN_BATCH, min(MAX_BATCH, -(-small // (4 * workers))))
        self.jobs: list[tuple[str, bool] | None] = [None] * len(drafts)
        self.where: list[tuple[Future, int] | None] = [None] * len(drafts)
        self.batch: list[int] = []

    def add(self, k: int, d: C.Draft) -> None:
        """Draft ``k``, its lines final: its body lines joined by "\n" (an exact duplicate's
        body is empty: every line of it goes) and whether it is an exact duplicate."""
        exact = d.doc_id in self.exact
        self.jobs[k] = ("" if exact else "\n".join(x.text for x in d.body()), exact)
        if len(d.raw) <= BIG_ARTICLE:
            self.batch.append(k)
            if len(self.batch) >= self.size:
                self._send()

    def _send(self) -> None:
        if self.batch:
            future = self.pool.submit(article_numbers, [self.jobs[k] for k in self.batch])
            for position, k in enumerate(self.batch):
                self.where[k] = (future, position)
            self.batch = []

    def bodies(self) -> dict[str, str]:
        """Each draft's body (as sent) but the duplicates', in the drafts' order."""
        return {d.doc_id: job[0] for d, job in zip(self.drafts, self.jobs, strict=True)
                if not d.duplicate_of}  # type: ignore[index]  # fmt: skip

    def signatures(self, numbers: dict[str, Numbers]) -> Iterator[np.ndarray | None]:
        """Each non-duplicate draft's MinHash signature, in order, as the workers send them
        back; every draft's Numbers land in ``numbers`` on the way."""
        self._send()
        for k, d in enumerate(self.drafts):
            where = self.where[k]
            if where is None:  # a big article
                signature, language = article_numbers([self.jobs[k]])[0]  # type: ignore[list-item]
            else:
                signature, language = where[0].result()[where[1]]
            self.where[k] = None
            self.jobs[k] = None  # its text is no longer needed here
            numbers[d.doc_id] = Numbers(signature, language)
            if not d.duplicate_of:
                yield signature


def find_sidecar(found: list[Found]) -> Path | None:
    """The top-level ``metadata.csv`` (any case); a second one (METADATA.CSV beside
    metadata.csv) is skipped with a reason, never merged."""
    sidecars = sorted((f for f in found if f.reason == "sidecar"),
                      key=lambda f: (f.file != SIDECAR, f.file))  # fmt: skip
    for extra in sidecars[1:]:
        extra.reason = "second-sidecar"
        extra.detail = f"{sidecars[0].file} is the sidecar used"
    return sidecars[0].path if sidecars else None


def apply_sidecar(drafts: list[C.Draft], path: Path | None) -> None:
    """Fields from ``metadata.csv`` (``doc_id`` plus any columns) set before cleaning, so they
    win over what the text states; each problem is a CorpusWarning naming the row."""
    if path is None:
        return
    try:
        table, problems = read_sidecar(path)
    except SidecarError as error:
        raise CorpusError(f"{path.parent}/{error}") from None
    by_id = {d.doc_id: d for d in drafts} | {d.file: d for d in drafts}
    for doc_id, (number, values) in table.items():
        d = by_id.get(doc_id)
        if d is None:
            problems.append(f"{path.name} row {number}: doc_id: no article {doc_id!r} in the "
                            "corpus folder; the row is ignored")  # fmt: skip
            continue
        for name, value in values.items():
            d.fields[name] = value
            d.field_rules[name] = "sidecar"
    for message in problems[:WARN_SIDECAR]:
        warnings.warn(message, CorpusWarning, stacklevel=3)
    if len(problems) > WARN_SIDECAR:
        warnings.warn(f"{path.name}: {len(problems) - WARN_SIDECAR:,} more problems not shown",
                      CorpusWarning, stacklevel=3)  # fmt: skip


# The articles' columns known only once the workers and the near-duplicate search are done; the
# rest are final once the exact duplicates have lost their lines, and are tabled meanwhile.
LATE_COLUMNS = ["n_words", "duplicate_of", "duplicate_kind", "similarity"]


def article_row(d: C.Draft) -> dict:
    """The articles table's row of ``d`` but for LATE_COLUMNS and the texts (``text``, ``raw``:
    :func:`_early_articles` makes those columns one by one)."""
    row = {"doc_id": d.doc_id, **{name: d.fields.get(name) for name in FIELDS}}
    row["tags"] = d.fields.get("tags", [])
    row |= {k: v for k, v in d.fields.items() if k not in FIELDS}
    n_words_raw, sha256 = d.raw_numbers or (_words(d.lines), _sha256(d.raw))
    return row | {
        "captions": d.captions,
        "n_words_raw": n_words_raw,
        "file": d.file,
        "folder": posixpath.dirname(d.file) or ".",
        "encoding": d.encoding,
        "decode_warnings": "; ".join(d.decoded.warnings) if d.decoded else "",
        "sha256": sha256,
    }


def _early_articles(drafts: list[C.Draft], tables: dict) -> None:
    """The ``articles`` table but for LATE_COLUMNS into ``tables``, and each text's word count
    (the sum of its body lines' counts) into ``tables["n_words"]``. Each draft's lines and
    ``raw`` are let go once tabled (nothing later reads them): a 100,000-article corpus would
    otherwise hold its texts three times over while the near duplicates are sought."""
    rows = [article_row(d) for d in drafts]
    names = [name for name in _article_columns(drafts) if name not in LATE_COLUMNS]
    articles = pd.DataFrame(rows, columns=[name for name in names if name not in ("text", "raw")])
    del rows
    articles["published"] = pd.to_datetime(articles["published"])
    articles["views"] = articles["views"].astype("Int64")
    bodies = [d.body() for d in drafts]
    texts = ["\n\n".join(line.text for line in body) for body in bodies]
    # No line break is a word character, so a word never spans two lines: raw's words are its
    # lines' words, and text's (body lines joined by blank lines) its body lines'.
    tables["n_words"] = [_words(body) for body in bodies]
    del bodies
    articles.insert(names.index("text"), "text", _series(texts))
    del texts
    for d in drafts:
        d.lines = []
    _give_back_memory()  # before raw's column is made beside the texts
    articles.insert(names.index("raw"), "raw", _series([d.raw for d in drafts]))
    for d in drafts:
        d.raw = ""
    _give_back_memory()
    tables["articles"] = articles


def _series(values: list[str]) -> pd.Series:
    column = text_column(values)
    return column if isinstance(column, pd.Series) else pd.Series(column)


def _articles(drafts: list[C.Draft], early: pd.DataFrame, n_words: list,
              numbers: dict[str, Numbers]) -> pd.DataFrame:  # fmt: skip
    """``early`` (:func:`_early_articles`) with LATE_COLUMNS inserted in their places."""
    late = pd.DataFrame(
        [{"n_words": n, "duplicate_of": d.duplicate_of,
          "duplicate_kind": d.duplicate_kind, "similarity": d.similarity}
         for d, n in zip(drafts, n_words, strict=True)],
        columns=LATE_COLUMNS,
    )  # fmt: skip
    order = _article_columns(drafts)
    for name in LATE_COLUMNS:  # in column order, so each lands where the full table has it
        early.insert(order.index(name), name, late[name])
    return early


def _sha256(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _words(lines: list[C.Line]) -> int:
    """The words of ``lines``, as counted by :func:`line_word_counts` (or counted now)."""
    return sum(_count_words(x.text) if x.words is None else x.words for x in lines)


# Characters counted at once by count_line_words: 4 MB of code points, below numpy's threshold
# for transparent huge pages (see helpers.english_terms)
WORD_BLOCK = 1 << 20


def count_line_words(drafts: list[C.Draft]) -> None:
    """Set each line's ``words``: :func:`_count_words` of its text. raw's words are counted
    once, line by line, so raw's count is their sum and text's the sum over the lines cleaning
    keeps. The texts are counted about WORD_BLOCK characters at a time, joined by line breaks
    (a match never spans lines: no line break is a word character, nor an apostrophe or
    hyphen), so a few numpy calls serve hundreds of articles; a bigger text is cut between
    lines."""
    pieces: list[tuple[str, int, list[C.Line]]] = []  # (text, its offset in raw, its lines)
    size = 0
    for d in drafts:
        for piece in _pieces(d):
            pieces.append(piece)
            size += len(piece[0]) + 1
            if size >= WORD_BLOCK:
                _count_pieces(pieces)
                pieces, size = [], 0
    if pieces:
        _count_pieces(pieces)


def _pieces(d: C.Draft) -> Iterator[tuple[str, int, list[C.Line]]]:
    """``d.raw`` (with its lines) as pieces of about WORD_BLOCK characters, cut between lines."""
    if len(d.raw) <= WORD_BLOCK:
        if d.lines:
            yield d.raw, 0, d.lines
        return
    first = 0
    for k in range(1, len(d.lines) + 1):
        if k == len(d.lines) or d.lines[k].end - d.lines[first].start > WORD_BLOCK:
            start = d.lines[first].start
            yield d.raw[start : d.lines[k - 1].end], start, d.lines[first:k]
            first = k


def _count_pieces(pieces: list[tuple[str, int, list[C.Line]]]) -> None:
    word, codes = _word_mask("\n".join(text for text, _, _ in pieces))
    # a line's words: the runs of word characters starting in it less the apostrophes and
    # hyphens in it that join two runs
    runs = np.flatnonzero(word[1:] & ~word[:-1]) + 1
    if len(word) and word[0]:
        runs = np.concatenate(([0], runs))
    inner = codes[1:-1]
    joins = np.flatnonzero(((inner == 0x27) | (inner == 0x2D) | (inner == 0x2019))
                           & word[:-2] & word[2:]) + 1  # fmt: skip
    bounds, at = [], 0
    for text, offset, lines in pieces:
        shift = at - offset
        bounds += [(x.start + shift, x.end + shift) for x in lines]
        at += len(text) + 1
    edges = np.array(bounds, np.int64).reshape(-1, 2)
    counts = np.diff(np.searchsorted(runs, edges), axis=1)
    counts -= np.diff(np.searchsorted(joins, edges), axis=1)
    found = iter(counts.ravel().tolist())
    for _, _, lines in pieces:
        for line in lines:
            line.words = next(found)


def _word_mask(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Which characters of ``text`` are word characters, and the code points themselves."""
    if text.isascii():
        codes = np.frombuffer(text.encode("ascii"), np.uint8)
    else:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
    return _WORD_CHARS.lookup(codes), codes


def _count_words(text: str) -> int:
    """The number of ``P.WORD`` matches in ``text`` (``\\w+(?:['’-]\\w+)*``), counted in numpy.

    A match is a run of word characters, runs joined by one apostrophe or hyphen standing
    between two word characters making one match: so the count is the runs minus those joins.
    The regex scan itself took a tenth of load_corpus; this takes a few numpy calls per text.
    tests/test_corpus_speed.py checks it against the regex on the seeds, Cyrillic and edge cases.
    """
    if not text:
        return 0
    if text.isascii():
        codes = np.frombuffer(text.encode("ascii"), np.uint8)
    else:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
    word = _WORD_CHARS.lookup(codes)
    runs = int(word[0]) + int(np.count_nonzero(word[1:] & ~word[:-1]))
    inner = codes[1:-1]
    joins = ((inner == 0x27) | (inner == 0x2D) | (inner == 0x2019)) & word[:-2] & word[2:]
    return runs - int(np.count_nonzero(joins))


class _WordChars:
    """Which code points the regex ``\\w`` matches (``str.isalnum()`` or "_", as in ``re``):
    the Basic Multilingual Plane worked out once when first needed (65,536 tests, some
    milliseconds), the rest 256 code points at a time as texts use them."""

    def __init__(self) -> None:
        self.table = np.zeros(sys.maxunicode + 1, bool)
        self.done = np.zeros((sys.maxunicode >> 8) + 1, bool)
        self._fill(np.arange(1))

    def _fill(self, blocks: np.ndarray) -> None:
        for block in blocks.tolist():
            start = block << 8
            self.table[start : start + 256] = [chr(c).isalnum() or c == 0x5F
                                               for c in range(start, start + 256)]  # fmt: skip
            self.done[block] = True

    def lookup(self, codes: np.ndarray) -> np.ndarray:
        if codes.dtype != np.uint8:
            if not self.done[0xFF]:
                self._fill(np.flatnonzero(~self.done[:0x100]))
            if int(codes.max()) > 0xFFFF:
                blocks = codes >> 8
                missing = ~self.done[blocks]
                if missing.any():
                    self._fill(np.unique(blocks[missing]))
        return self.table[codes]


_WORD_CHARS = _WordChars()


def provenance_rows(d: C.Draft) -> list[dict]:
    decoded = [] if d.decoded is None or d.decoded.rule == "utf-8" else [{
        "doc_id": d.doc_id,
        "field": "encoding",
        "value": d.encoding + (f" ({d.decoded.detail})" if d.decoded.detail else ""),
        "source": "bytes",
        "rule": d.decoded.rule,
    }]  # fmt: skip
    return decoded + [
        {
            "doc_id": d.doc_id,
            "field": name,
            "value": _show(d.fields[name]),
            "source": "sidecar" if rule == "sidecar" else "text",
            "rule": rule,
        }  # fmt: skip
        for name, rule in d.field_rules.items()
    ]


# The tables below are built column by column: a dict per row (a million of them for the
# paragraphs of 100,000 articles) cost more than the tables' own conversion. pandas infers each
# column's dtype from its values alone, the same from a list of rows as from a list of values
# (tests/test_corpus_speed.py: the same tables, dtypes included).
def paragraph_columns(drafts: list[C.Draft]) -> dict[str, list | np.ndarray]:
    """The ``paragraphs`` table's columns: each body line of each draft, its ``raw`` offsets
    and its offsets in ``text`` (body lines joined by blank lines), the offsets worked out in
    numpy for every line at once (lists when there is no line: pandas makes empty lists
    object columns)."""
    bodies = [d.body() for d in drafts]
    sizes = np.fromiter(map(len, bodies), np.int64, len(bodies))
    n = int(sizes.sum())
    doc_ids = [doc_id for d, body in zip(drafts, bodies, strict=True)
               for doc_id in [d.doc_id] * len(body)]  # fmt: skip
    if not n:
        return {"doc_id": doc_ids, "paragraph_id": [], "start": [], "end": [],
                "text_start": [], "text_end": []}  # fmt: skip
    starts = np.fromiter((x.start for body in bodies for x in body), np.int64, n)
    ends = np.fromiter((x.end for body in bodies for x in body), np.int64, n)
    first = np.repeat(np.cumsum(sizes) - sizes, sizes)  # each line's draft's first line
    numbers = np.arange(n) - first
    # a line's text offset: the lengths of the draft's lines before it, plus 2 for each break
    steps = np.cumsum(ends - starts + 2)
    text_starts = steps - (ends - starts + 2)
    text_starts -= np.concatenate(([0], steps))[first]
    return {"doc_id": doc_ids, "paragraph_id": numbers, "start": starts, "end": ends,
            "text_start": text_starts, "text_end": text_starts + (ends - starts)}  # fmt: skip


def removed_columns(drafts: list[C.Draft], skipped: list[dict]) -> dict[str, list]:
    """The ``removed`` table's columns, unsorted: the rows of ``skipped`` (files read but not
    text), then each removed line of each draft."""
    gone = [(d.doc_id, x) for d in drafts for x in d.lines if x.reason is not None]
    names = columns("removed")  # doc_id, reason, rule, text, start, end
    out = {name: [r[name] for r in skipped] for name in names}
    out["doc_id"] += [doc_id for doc_id, _ in gone]
    out["reason"] += [x.reason for _, x in gone]
    out["rule"] += [x.rule for _, x in gone]
    out["text"] += [x.text for _, x in gone]
    out["start"] += [x.start for _, x in gone]
    out["end"] += [x.end for _, x in gone]
    return out


def provenance_columns(drafts: list[C.Draft]) -> dict[str, list]:
    """The ``provenance`` table's columns: of each draft, the encoding where the bytes were not
    plain UTF-8, then each field in the order it was set (:func:`provenance_rows`' rows)."""
    doc_ids: list = []
    names: list = []
    values: list = []
    sources: list = []
    rules: list = []
    for d in drafts:
        if d.decoded is not None and d.decoded.rule != "utf-8":
            doc_ids.append(d.doc_id)
            names.append("encoding")
            values.append(d.encoding + (f" ({d.decoded.detail})" if d.decoded.detail else ""))
            sources.append("bytes")
            rules.append(d.decoded.rule)
        doc_ids += [d.doc_id] * len(d.field_rules)
        names += d.field_rules.keys()
        values += [_show(d.fields[name]) for name in d.field_rules]
        sources += ["sidecar" if rule == "sidecar" else "text" for rule in d.field_rules.values()]
        rules += d.field_rules.values()
    return {"doc_id": doc_ids, "field": names, "value": values, "source": sources, "rule": rules}


def text_column(values: list) -> pd.Series | list:
    """``values`` (strings, or None where missing; never bytes) as the column pandas makes of
    them (its ``str`` dtype, in pyarrow), made by pyarrow at once: pandas first checks every
    value's type in Python, five times the conversion's own cost for the million short strings
    of the line tables. Where pandas would choose another dtype (no string at all: object) or
    pyarrow cannot take the values, the list comes back for pandas to convert as before."""
    if pa is None or not values:
        return values
    try:
        array = pa.array(values, pa.large_string(), from_pandas=True)
    except (pa.ArrowException, ValueError, TypeError, UnicodeError):
        return values  # pandas then converts them (or raises) as it always did
    if array.null_count == len(array):
        return values
    return pd.Series(pd.arrays.ArrowStringArray(array, dtype=_STR), copy=False)


_STR = pd.StringDtype("pyarrow", na_value=np.nan) if pa is not None else None


def _show(value: object) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value)


def load_corpus(
    corpus_dir: str | Path, language: str | list[str] = ALL, workers: int | None = 1
) -> Corpus:
    """Read every ``.txt`` article in ``corpus_dir`` and its subfolders into clean, audited tables.

    Input: a folder of plain-text articles (any encoding, nested in subfolders or not),
    optionally with a ``metadata.csv`` sidecar at the top. Output: a :class:`Corpus` with
    ``articles`` (one row per article), ``removed`` (one row per span taken out of ``raw``),
    ``paragraphs``, ``provenance`` and ``files`` (every file found, read or skipped and why).
    Skipped files warn once per reason; a folder with no readable article raises CorpusError.
    ``language``: "all", or the code(s) of the articles to keep (``helpers.language.add_language``
    adds the ``language`` column and records the articles it leaves out in ``files``).
    ``workers``: processes for the work each article needs alone; 1 (the default) works in
    this process, None chooses (:func:`default_workers`). The tables are the same either way.
    Workers pay only where cores are idle: on a 2-core machine busy with other work, 2 workers
    took more wall time than 1 and 30-70% more CPU (benchmarks/load.py).

    >>> corpus = load_corpus("seeds")                        # doctest: +SKIP
    >>> corpus.articles[["doc_id", "author", "published"]]  # doctest: +SKIP
    """
    if not str(corpus_dir).strip():  # Path("") would quietly read the working directory
        raise CorpusError("corpus_dir is empty: give the folder of .txt articles")
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist or is not a folder")
    with _no_cycle_collection():
        corpus = _load(corpus_dir, language, workers)
    _give_back_memory()
    return corpus


def _give_back_memory() -> None:
    """Return the memory freed so far to the operating system, where the C library can (glibc's
    ``malloc_trim``; elsewhere nothing), and pyarrow's unused memory. Python frees a text's
    memory into the C heap, not to the system, and pyarrow's columns are allocated apart
    (mimalloc): without this every text tabled stays counted twice. 20,000 articles: 1.45 GB
    resident after loading before, 0.81 GB with this."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)
    if pa is not None:
        pa.default_memory_pool().release_unused()


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") else None  # musl has none


_LIBC = _libc()


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while loading (and restored after): loading makes
    millions of small objects that live until the tables are built (Lines, row dicts) and
    no reference cycle worth collecting, while each full collection walks every live object
    again: 6-9% of load_corpus's CPU on 2,000 and 20,000 articles, growing with the corpus."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(corpus_dir: Path, language: str | list[str], workers: int | None) -> Corpus:
    """:func:`load_corpus` once its folder is checked."""
    found = find_files(corpus_dir)
    sidecar = find_sidecar(found)
    to_read = [f for f in found if f.reason is None]
    workers = default_workers(len(to_read)) if workers is None else workers
    with _worker_pool(workers) as pool:
        if pool is None:
            drafts, skipped = read_drafts(to_read)
        else:
            drafts, skipped, text_fields = _read_in_workers(to_read, pool, workers)
        files = files_table(found)
        if not drafts:
            raise no_articles_error(corpus_dir, files)
        warn_skipped(files)
        apply_sidecar(drafts, sidecar)
        sent = None
        if pool is None:
            C.clean(drafts)
        else:
            _set_text_fields(drafts, text_fields)
            sent = _NumbersRound(drafts, pool, workers, exact_duplicates(drafts))
            C.clean(drafts, start=C.ALONE, ready=sent.add)
        for d in drafts:  # each line's normalised key (a copy of its text) serves no later step
            for line in d.lines:
                line._key = None
        _give_back_memory()
        tables: dict = {}
        meanwhile = partial(_tables_meanwhile, drafts, skipped, tables)
        numbers = mark_duplicates(drafts, pool, workers, meanwhile=meanwhile, sent=sent)
        del meanwhile, sent
    classified = {doc_id: n.language for doc_id, n in numbers.items() if n.language}
    articles = _articles(drafts, tables.pop("articles"), tables.pop("n_words"), numbers)
    del numbers
    corpus = Corpus(articles=articles, files=files, **tables)
    del drafts, skipped, tables  # every text and line now lives in the tables alone
    # the language hook (issue 17): one call, kept last
    return add_language(corpus, language, classified=classified)


def _tables_meanwhile(drafts: list[C.Draft], skipped: list[dict], tables: dict) -> None:
    """Every table but the articles' LATE_COLUMNS, into ``tables``: called while the workers
    work out the near-duplicate signatures, so that this process's share of the tables no
    longer waits for them with one core idle, nor they for it."""
    _line_tables(drafts, skipped, tables)
    _early_articles(drafts, tables)


def _line_tables(drafts: list[C.Draft], skipped: list[dict], tables: dict) -> None:
    """``removed``, ``paragraphs`` and ``provenance`` into ``tables``: final once the exact
    duplicates have lost their lines (a near duplicate keeps its lines), so built while the
    workers work on."""
    removed = pd.DataFrame(_texts(removed_columns(drafts, skipped), TEXT_COLUMNS)).sort_values(
        ["doc_id", "start"], kind="stable", ignore_index=True
    )
    tables |= {
        "removed": removed,
        "paragraphs": pd.DataFrame(_texts(paragraph_columns(drafts), TEXT_COLUMNS)),
        "provenance": pd.DataFrame(_texts(provenance_columns(drafts), TEXT_COLUMNS)),
    }


# The line tables' columns that hold only strings (or None): made by :func:`text_column`.
TEXT_COLUMNS = frozenset({"doc_id", "reason", "rule", "text", "field", "value", "source"})


def _texts(table: dict[str, list], names: frozenset[str]) -> dict[str, pd.Series | list]:
    return {name: text_column(values) if name in names else values
            for name, values in table.items()}  # fmt: skip


def default_workers(n_articles: int) -> int:
    """Worker processes for ``n_articles``: one per core (at most MAX_WORKERS) from
    PARALLEL_FROM articles on Linux, where processes fork safely; else 1 (this process).
    Elsewhere ``workers`` > 1 starts spawned processes (macOS's system libraries are not safe
    to fork), worth it only for large corpora."""
    if n_articles < PARALLEL_FROM or not _FORK:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, MAX_WORKERS))


@contextmanager
def _worker_pool(workers: int) -> Iterator[Executor | None]:
    """A pool of ``workers`` processes (None for 1), forked where the system can, after the
    language model is loaded so each worker has it at once."""
    if workers <= 1:
        yield None
        return
    identifier()
    language_module.prepare()
    dedup.template()
    _count_words("\u00e9")  # the word-character table too
    method = "fork" if _FORK else "spawn"
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        yield pool


def _article_columns(drafts: list[C.Draft]) -> list[str]:
    extra = sorted({k for d in drafts for k in d.fields} - set(FIELDS))
    return ["doc_id", *FIELDS, *extra, "text", "captions", "n_words", "n_words_raw", "duplicate_of",
            "duplicate_kind", "similarity", "file", "folder", "encoding", "decode_warnings",
            "sha256", "raw"]  # fmt: skip


def count_files(files: pd.DataFrame) -> pd.DataFrame:
    """Files found, read as articles and skipped, per folder.

    Input: ``Corpus.files`` (one row per file or skipped folder, with ``folder`` and ``status``).
    Output: one row per folder holding at least one entry: ``folder``, ``found``, ``articles``
    (status ``article``) and ``skipped`` (every other entry, the sidecar included), ints; the top
    folder "." first, then the subfolders by path.

    >>> count_files(pd.DataFrame({"folder": ["b", ".", "b", "a"],
    ...                           "status": ["article", "skipped", "skipped", "article"]}))
      folder  found  articles  skipped
    0      .      1         0        1
    1      a      1         1        0
    2      b      2         1        1
    """
    counts = (
        files.assign(article=files.status.eq("article"))
        .groupby("folder", as_index=False)
        .agg(found=("status", "size"), articles=("article", "sum"))
    )
    counts = counts.assign(skipped=counts.found - counts.articles).astype(
        {"found": int, "articles": int, "skipped": int}
    )
    order = sorted(counts.folder, key=lambda folder: (folder != ".", folder))
    return counts.set_index("folder").loc[order].reset_index()


def count_removed(removed: pd.DataFrame) -> pd.DataFrame:
    """Spans, characters and words removed per article and reason.

    Input: ``Corpus.removed`` (one row per removed span).
    Output: one row per ``doc_id`` and ``reason`` with ``n`` (spans), ``chars`` and ``words``.

    >>> count_removed(pd.DataFrame({"doc_id": ["a"], "reason": ["title"], "text": ["Hi there"],
    ...                             "start": [0], "end": [8]}))
      doc_id reason  n  chars  words
    0      a  title  1      8      2
    """
    return (
        removed.assign(chars=removed.text.str.len(), words=removed.text.str.count(P.WORD.pattern))
        .groupby(["doc_id", "reason"], as_index=False)
        .agg(n=("text", "size"), chars=("chars", "sum"), words=("words", "sum"))
    )


def field_sources(provenance: pd.DataFrame) -> pd.DataFrame:
    """A field × article grid saying which rule (or the sidecar) supplied each value.

    Input: ``Corpus.provenance``. Output: one row per field, one column per doc_id.
    """
    return provenance.pivot(index="field", columns="doc_id", values="rule").fillna("—")


def words_kept_removed(corpus: Corpus) -> pd.DataFrame:
    """Words per article kept in ``text`` and removed per reason.

    Output: one row per ``doc_id`` and ``part`` ("kept" or a reason) with ``words``.
    """
    kept = corpus.articles.assign(part="kept", words=corpus.articles.n_words)
    removed = count_removed(corpus.removed).rename(columns={"reason": "part"})
    return pd.concat([kept[["doc_id", "part", "words"]], removed[["doc_id", "part", "words"]]],
                     ignore_index=True)  # fmt: skip


def describe_date_range(published: pd.Series) -> str:
    """ "from 2011-06-15 to 2022-10-10" for the dated values, or "no dates" when there are none."""
    dated = published.dropna()
    if dated.empty:
        return "no dates"
    return f"from {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}"


def sort_by_date(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles ordered by publication date, undated ones last (then by ``doc_id``)."""
    return articles.sort_values(["published", "doc_id"], na_position="last", ignore_index=True)


date_range, by_date = describe_date_range, sort_by_date  # the old names (issue 18)
