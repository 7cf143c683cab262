"""Load a folder of captured news articles into a clean, deduplicated, audited table.

``load_corpus(corpus_dir)`` returns a :class:`Corpus` whose tables share the
package's vocabulary (``doc_id`` everywhere):

- ``articles``: one row per article file (metadata, clean ``text``, ``raw``);
- ``removed``: one row per span of ``raw`` that is not in ``text``, with its reason;
- ``paragraphs``: one row per kept paragraph, mapping ``text`` offsets to ``raw``;
- ``provenance``: one row per metadata field per article: its value and where it came from.

Together ``paragraphs`` and ``removed`` cover every non-blank character of every
``raw``: nothing is dropped without a record.
"""

from __future__ import annotations

import hashlib
import warnings
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS  # the same stop list as the tokenizer

from helpers import cleaning as C
from helpers import dedup
from helpers import patterns as P
from helpers.progress import progress

SIDECAR = "metadata.csv"
METADATA_REASONS = {"title", "byline", "date", "place", "views", "tags", "outlet"}
FIELDS = ["title", "author", "outlet", "published", "published_time", "place", "timezone",
          "tags", "views"]  # fmt: skip
# Share of control characters above which decoded bytes are not text.
MAX_CONTROL_SHARE = 0.01


class CorpusError(ValueError):
    """The corpus folder cannot be read as a corpus at all."""


class CorpusWarning(UserWarning):
    """A file was skipped or a sidecar row could not be used."""


class NotText(Exception):
    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason


@dataclass
class Corpus:
    articles: pd.DataFrame
    removed: pd.DataFrame
    paragraphs: pd.DataFrame
    provenance: pd.DataFrame


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to (text, encoding): UTF-8 (with or without BOM), else detected.

    Raises NotText for empty files and for bytes that are not text.
    """
    if not data.strip():
        raise NotText("empty-file", "the file is empty or holds only whitespace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data:
        raise NotText("not-text", "the file holds NUL bytes: binary, not text")
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8"), "utf-8-sig"
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise NotText("not-text", "no text encoding fits its bytes") from None
    text = str(best)
    controls = sum(ord(c) < 32 and c not in "\t\n\r\f" for c in text)
    if controls > MAX_CONTROL_SHARE * len(text):
        raise NotText("not-text", f"decoded as {best.encoding} it is mostly control characters")
    return text, best.encoding


def article_files(corpus_dir: Path) -> list[Path]:
    """The ``.txt`` files of a corpus folder, sorted by name; other files are ignored."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist or is not a folder")
    files = sorted(p for p in corpus_dir.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
    if not files:
        raise CorpusError(f"corpus folder {corpus_dir} holds no .txt articles")
    return files


def read_drafts(files: list[Path]) -> tuple[list[C.Draft], list[dict]]:
    """Decode every file; unreadable ones become ``removed`` rows and a warning."""
    drafts, skipped = [], []
    for path in progress(files, len(files), "reading"):
        data = path.read_bytes()
        try:
            raw, encoding = decode(data)
        except NotText as problem:
            warnings.warn(f"{path}: skipped, {problem}", CorpusWarning, stacklevel=3)
            text = data.decode("utf-8", errors="replace") if problem.reason == "empty-file" else ""
            skipped.append({"doc_id": path.stem, "reason": problem.reason, "rule": "decode",
                            "text": text, "start": 0, "end": len(data)})  # fmt: skip
            continue
        drafts.append(C.Draft(path.stem, path.name, raw, encoding, C.split_lines(raw)))
    return drafts, skipped


def mark_duplicates(drafts: list[C.Draft]) -> dict[str, str]:
    """Flag exact and near duplicates; return each article's group representative."""
    exact = dedup.exact_duplicates({d.doc_id: d.raw for d in drafts})
    for d in drafts:
        if d.doc_id in exact:
            d.duplicate_of, d.duplicate_kind, d.similarity = exact[d.doc_id], "exact", 1.0
            for line in d.lines:  # metadata stays in the row; every line goes
                d.remove(line, "duplicate-article", "exact-duplicate")
    bodies = {d.doc_id: "\n".join(x.text for x in d.body()) for d in drafts if not d.duplicate_of}
    near = dedup.near_duplicates(bodies)
    for d in drafts:
        if d.doc_id in near:
            d.duplicate_of, d.similarity = near[d.doc_id]
            d.duplicate_kind = "near"
    return {doc_id: near.get(doc_id, (doc_id,))[0] for doc_id in bodies}


def label_recurring(drafts: list[C.Draft], group_of: dict[str, str]) -> None:
    """Lines found in two or more stories of the same outlet are the site's chrome.

    Every line but the metadata counts (a line another rule already took as
    chrome in one article still shows it recurs). Near-duplicate articles count
    as one story, so a republished body is not mistaken for chrome.
    """
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for d, key, line in _outlet_lines(drafts, group_of):
        if line.reason not in METADATA_REASONS:
            seen[key].add(group_of[d.doc_id])
    for d, key, line in _outlet_lines(drafts, group_of):
        if line.reason is None and len(seen[key]) >= 2:
            d.remove(line, "site-chrome", "recurring-line")


def _outlet_lines(drafts: list[C.Draft], group_of: dict[str, str]):
    for d in drafts:
        if d.doc_id in group_of and "outlet" in d.fields:
            for line in d.lines:
                yield d, (d.fields["outlet"].casefold(), P.normalise(line.text)), line


def apply_sidecar(drafts: list[C.Draft], corpus_dir: Path) -> None:
    """Fill or override fields from ``metadata.csv`` (``doc_id`` plus any columns)."""
    path = corpus_dir / SIDECAR
    if not path.exists():
        return
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "doc_id" not in table.columns:
        raise CorpusError(f"{path}: has no doc_id column")
    by_id = {d.doc_id: d for d in drafts}
    for row in table.to_dict("records"):
        d = by_id.get(row.pop("doc_id"))
        if d is None:
            warnings.warn(f"{path}: no article for a row with these values: {row}", CorpusWarning,
                          stacklevel=3)  # fmt: skip
            continue
        for name, value in row.items():
            if value.strip():
                d.fields[name] = _sidecar_value(name, value, path)
                d.field_rules[name] = "sidecar"


def _sidecar_value(name: str, value: str, path: Path) -> object:
    if name == "published":
        date = C.as_date(value)
        if date is None:
            raise CorpusError(f"{path}: published value {value!r} is not a date (use YYYY-MM-DD)")
        return date
    if name == "views":
        return int(value)
    if name == "tags":
        return [t.strip() for t in value.split(";") if t.strip()]
    return value.strip()


def clean(drafts: list[C.Draft], corpus_dir: Path) -> None:
    """Run every cleaning rule in order over the drafts."""
    for d in drafts:
        C.label_title(d)
        C.label_chrome(d)
    group_of = mark_duplicates(drafts)
    label_recurring(drafts, group_of)
    for d in drafts:
        C.label_repeats(d)
        C.label_teasers(d)
        C.label_footer(d)
    lower_vocab = C.lower_case_words([d.raw for d in drafts])
    for d in drafts:
        C.label_captions(d, lower_vocab, set(STOP_WORDS))
    apply_sidecar(drafts, corpus_dir)


def article_row(d: C.Draft) -> dict:
    text = "\n\n".join(line.text for line in d.body())
    row = {"doc_id": d.doc_id, **{name: d.fields.get(name) for name in FIELDS}}
    row["tags"] = d.fields.get("tags", [])
    row |= {k: v for k, v in d.fields.items() if k not in FIELDS}
    return row | {
        "text": text,
        "captions": d.captions,
        "n_words": len(P.WORD.findall(text)),
        "n_words_raw": len(P.WORD.findall(d.raw)),
        "duplicate_of": d.duplicate_of,
        "duplicate_kind": d.duplicate_kind,
        "similarity": d.similarity,
        "file": d.file,
        "encoding": d.encoding,
        "sha256": hashlib.sha256(d.raw.encode("utf-8")).hexdigest(),
        "raw": d.raw,
    }


def paragraph_rows(d: C.Draft) -> list[dict]:
    rows, offset = [], 0
    for k, line in enumerate(d.body()):
        rows.append({"doc_id": d.doc_id, "paragraph_id": k, "start": line.start, "end": line.end,
                     "text_start": offset, "text_end": offset + len(line.text)})  # fmt: skip
        offset += len(line.text) + 2
    return rows


def removed_rows(d: C.Draft) -> list[dict]:
    return [
        {
            "doc_id": d.doc_id,
            "reason": x.reason,
            "rule": x.rule,
            "text": x.text,
            "start": x.start,
            "end": x.end,
        }  # fmt: skip
        for x in d.lines
        if x.reason is not None
    ]


def provenance_rows(d: C.Draft) -> list[dict]:
    return [
        {
            "doc_id": d.doc_id,
            "field": name,
            "value": _show(d.fields[name]),
            "source": "sidecar" if rule == "sidecar" else "text",
            "rule": rule,
        }  # fmt: skip
        for name, rule in d.field_rules.items()
    ]


def _show(value: object) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value)


def load_corpus(corpus_dir: str | Path) -> Corpus:
    """Read every ``.txt`` article in ``corpus_dir`` into clean, audited tables.

    Input: a folder of plain-text articles (any encoding), optionally with a
    ``metadata.csv`` sidecar. Output: a :class:`Corpus` with ``articles`` (one
    row per article), ``removed`` (one row per span taken out of ``raw``),
    ``paragraphs`` and ``provenance``.

    >>> corpus = load_corpus("seeds")                        # doctest: +SKIP
    >>> corpus.articles[["doc_id", "author", "published"]]  # doctest: +SKIP
    """
    corpus_dir = Path(corpus_dir)
    drafts, skipped = read_drafts(article_files(corpus_dir))
    clean(drafts, corpus_dir)
    articles = pd.DataFrame([article_row(d) for d in drafts], columns=_article_columns(drafts))
    articles["published"] = pd.to_datetime(articles["published"])
    articles["views"] = articles["views"].astype("Int64")
    removed = pd.DataFrame(
        skipped + [r for d in drafts for r in removed_rows(d)],
        columns=["doc_id", "reason", "rule", "text", "start", "end"],
    ).sort_values(["doc_id", "start"], kind="stable", ignore_index=True)
    return Corpus(
        articles=articles,
        removed=removed,
        paragraphs=pd.DataFrame(
            [r for d in drafts for r in paragraph_rows(d)],
            columns=["doc_id", "paragraph_id", "start", "end", "text_start", "text_end"],
        ),
        provenance=pd.DataFrame(
            [r for d in drafts for r in provenance_rows(d)],
            columns=["doc_id", "field", "value", "source", "rule"],
        ),
    )


def _article_columns(drafts: list[C.Draft]) -> list[str]:
    extra = sorted({k for d in drafts for k in d.fields} - set(FIELDS))
    return ["doc_id", *FIELDS, *extra, "text", "captions", "n_words", "n_words_raw", "duplicate_of",
            "duplicate_kind", "similarity", "file", "encoding", "sha256", "raw"]  # fmt: skip


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


def date_range(published: pd.Series) -> str:
    """ "from 2011-06-15 to 2022-10-10" for the dated values, or "no dates" when there are none."""
    dated = published.dropna()
    if dated.empty:
        return "no dates"
    return f"from {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}"


def by_date(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles ordered by publication date, undated ones last (then by ``doc_id``)."""
    return articles.sort_values(["published", "doc_id"], na_position="last", ignore_index=True)
