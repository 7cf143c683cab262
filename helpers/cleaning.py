"""Per-article cleaning rules: each labels some lines of one article as removed.

An article is held as a :class:`Draft`: its decoded ``raw`` text split into
non-blank :class:`Line` objects that keep their offsets into ``raw``. A line
whose ``reason`` is ``None`` is body text; every other line is removed, and the
reason and rule say why. Rules run in the order :func:`helpers.corpus.load_corpus`
calls them; each sees only the lines the earlier ones left in the body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from helpers import patterns as P

# A teaser is dropped when at least this share of its distinct words occurs in
# one longer paragraph of the same article (0.29 is the highest a genuine closing
# line with an ellipsis reaches in the seeds; real teasers reach 0.69 and 0.94).
TEASER_CONTAINMENT = 0.6
TEASER_MIN_WORDS = 5
# A repeated line of fewer words only counts as a repeated passage inside a run.
REPEAT_MIN_WORDS = 8
# Comment-policy wording is only chrome in the last 40% of an article's characters.
COMMENT_POLICY_FROM = 0.6


@dataclass
class Line:
    """One non-blank line of ``raw``: ``raw[start:end] == text`` (whitespace stripped)."""

    start: int
    end: int
    text: str
    reason: str | None = None
    rule: str = ""


@dataclass
class Draft:
    """An article while it is being cleaned."""

    doc_id: str
    file: str
    raw: str
    encoding: str
    lines: list[Line]
    fields: dict[str, Any] = field(default_factory=dict)
    field_rules: dict[str, str] = field(default_factory=dict)
    captions: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    duplicate_kind: str | None = None
    similarity: float | None = None
    decoded: Any = None  # helpers.decoding.Decoded: how the bytes became raw

    def body(self) -> list[Line]:
        return [line for line in self.lines if line.reason is None]

    def remove(self, line: Line, reason: str, rule: str) -> None:
        line.reason, line.rule = reason, rule

    def found(self, name: str, value: Any, rule: str) -> None:
        """Record a metadata field read from the text; the first reading wins."""
        if name not in self.fields and value not in (None, "", []):
            self.fields[name] = value
            self.field_rules[name] = rule


# Every line break str.splitlines knows: \n, \r\n, a lone \r (old Mac files), \v, \f, the file
# and group separators, NEL and Unicode's line and paragraph separators (U+2028, U+2029).
LINE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")


def split_lines(raw: str) -> list[Line]:
    """The non-blank lines of ``raw`` with their stripped offsets.

    >>> [x.text for x in split_lines("Title\\u2029First.\\r\\rSecond.\\u2028Third.")]
    ['Title', 'First.', 'Second.', 'Third.']
    """
    lines = []
    for m in LINE.finditer(raw):
        seg = m.group()
        text = seg.strip()
        if text:
            start = m.start() + len(seg) - len(seg.lstrip())
            lines.append(Line(start, start + len(text), text))
    return lines


def label_title(d: Draft) -> None:
    """Leading navigation crumbs, then the first remaining line as the title."""
    body = d.body()
    k = 0
    while k < min(3, len(body) - 1) and P.is_navigation(body[k].text):
        d.remove(body[k], "navigation", "navigation-crumb")
        k += 1
    if body:
        d.found("title", body[k].text, "first-line")
        d.remove(body[k], "title", "first-line")
        label_header(d, body[k + 1 :])


def _header_hit(text: str) -> tuple[str, str, dict[str, Any], bool] | None:
    """(reason, rule, fields, ambiguous) for one header line, or None."""
    if m := P.BYLINE.match(text):
        return "byline", "by-line", {"author": m["name"]}, False
    if m := P.NUMERIC_DATE.match(text):
        values = {"published": P.parse_date(text), "published_time": m["time"]}
        return "date", "dateline", values, False
    if P.WORD_DATE.match(text):
        return "date", "dateline", {"published": P.parse_date(text)}, False
    if m := P.PLACE_LINE.match(text):
        return "place", "place-line", {"place": m["place"], "timezone": f"{m['zone']} time"}, False
    if (n := P.views(text)) is not None:
        return "views", "views-line", {"views": n}, False
    if (tags := P.labelled_tags(text)) is not None:
        return "tags", "tags-line", {"tags": tags}, False
    if m := P.NAME_LINE.match(text):
        return "byline", "name-line", {"author": m["name"]}, True
    if (tags := P.tag_list(text)) is not None:
        return "tags", "tag-list", {"tags": tags}, True
    return None


def label_header(d: Draft, rest: list[Line]) -> None:
    """Metadata lines right under the title.

    A bare "Name." line or a comma list could be prose, so they count only when
    the same header also holds an unmistakable line (date, views, place, "By").
    """
    hits = []
    for line in rest:
        hit = _header_hit(line.text)
        if hit is None:
            break
        hits.append((line, hit))
    if all(hit[3] for _, hit in hits):
        return
    for line, (reason, rule, values, _) in hits:
        for name, value in values.items():
            d.found(name, value, rule)
        d.remove(line, reason, rule)


def label_chrome(d: Draft) -> None:
    """Site furniture recognised by its shape anywhere in the article."""
    body = d.body()
    for k, line in enumerate(body):
        if line.reason is not None:
            continue
        t = line.text
        if P.SUBSCRIBE.match(t):
            if m := P.OUTLET_IN_SUBSCRIBE.search(t):
                d.found("outlet", m["outlet"], "subscribe-line")
            d.remove(line, "site-chrome", "subscribe")
        elif P.ERROR_REPORT.search(t):
            d.remove(line, "site-chrome", "error-report")
        elif line.start >= COMMENT_POLICY_FROM * len(d.raw) and P.is_comment_policy(t):
            d.remove(line, "site-chrome", "comment-policy")
        elif P.IMAGE_PLACEHOLDER.match(t):
            d.remove(line, "image-placeholder", "image-placeholder")
        elif (tags := P.labelled_tags(t)) is not None:
            d.found("tags", tags, "tags-line")
            d.remove(line, "tags", "tags-line")
        elif (m := P.DOMAIN_LINE.match(t)) and k + 1 < len(body):
            if (date := P.parse_date(body[k + 1].text)) is not None:
                d.found("outlet", m["domain"], "outlet-dateline")
                d.found("published", date, "outlet-dateline")
                d.remove(line, "outlet", "outlet-dateline")
                d.remove(body[k + 1], "date", "outlet-dateline")
    label_calendars(d)


def label_calendars(d: Draft) -> None:
    """A calendar widget: a weekday header, the month line above, the day rows below."""
    body = d.body()
    for k, line in enumerate(body):
        if line.reason is not None or not P.is_weekday_header(line.text):
            continue
        block = [line]
        if k > 0 and P.MONTH_YEAR_LINE.match(body[k - 1].text):
            block.append(body[k - 1])
        j = k + 1
        while j < len(body) and P.is_calendar_row(body[j].text):
            block.append(body[j])
            j += 1
        for member in block:
            d.remove(member, "site-chrome", "calendar")


def label_repeats(d: Draft) -> None:
    """A passage pasted again in the same article; the first occurrence stays.

    A repeated line counts when it is long, or when it stands in a run of
    repeated lines, so a short line that happens to recur ("Yes.") stays.
    """
    body = d.body()
    title = P.normalise(d.fields.get("title", ""))
    seen: set[str] = set()
    repeated = []
    for line in body:
        key = P.normalise(line.text)
        repeated.append(key in seen)
        seen.add(key)
    for k, line in enumerate(body):
        in_run = (k > 0 and repeated[k - 1]) or (k + 1 < len(body) and repeated[k + 1])
        if P.normalise(line.text) == title:
            d.remove(line, "repeated-passage", "title-repeated")
        elif repeated[k] and (len(P.words(line.text)) >= REPEAT_MIN_WORDS or in_run):
            d.remove(line, "repeated-passage", "repeated-in-article")


def _is_teaser_of(teaser: list[str], other: list[str]) -> bool:
    mine = set(teaser)
    return len(other) > len(teaser) and len(mine & set(other)) >= TEASER_CONTAINMENT * len(mine)


def label_teasers(d: Draft) -> None:
    """A paragraph cut off with an ellipsis whose words mostly stand in a longer one."""
    body = d.body()
    tokens = [P.words(line.text) for line in body]
    for k, line in enumerate(body):
        stem = line.text.rstrip("\"'”’ ")
        if not stem.endswith(("...", "…")) or len(set(tokens[k])) < TEASER_MIN_WORDS:
            continue
        if any(_is_teaser_of(tokens[k], other) for j, other in enumerate(tokens) if j != k):
            d.remove(line, "truncated-teaser", "ellipsis-teaser")


def label_footer(d: Draft) -> None:
    """From the end: a bare full date, and one signature line with the author's name."""
    signed = False
    while len(body := d.body()) > 1:
        last = body[-1]
        if (date := P.parse_date(last.text)) is not None:
            d.found("published", date, "footer-date")
            d.remove(last, "date", "footer-date")
        elif not signed and (m := P.SIGNATURE.match(last.text)):
            d.found("author", m["name"], "signature")
            d.remove(last, "byline", "signature")
            signed = True
        else:
            break


def _is_prose(line: Line) -> bool:
    return len(P.words(line.text)) >= 8 or line.text.endswith((".", "!", "?", "”", '"'))


def label_captions(d: Draft, lower_vocab: set[str], stop_words: set[str]) -> None:
    """Short name-only lines between two paragraphs: photo captions.

    A name is told from an ordinary word by the corpus itself: none of its words
    is ever written in lower case, and none is a stop word ("However").
    """
    body = d.body()
    for k in range(1, len(body) - 1):
        t = body[k].text
        if not P.CAPTION.match(t) or not (_is_prose(body[k - 1]) and _is_prose(body[k + 1])):
            continue
        if any(w in lower_vocab or w in stop_words for w in P.words(t)):
            continue
        d.captions.append(t)
        d.remove(body[k], "image-caption", "name-caption")


def lower_case_words(texts: list[str]) -> set[str]:
    """Every word that occurs written wholly in lower case somewhere in ``texts``."""
    return {w for text in texts for w in re.findall(r"\b[a-z][a-z'’-]*\b", text)}


def as_date(value: Any) -> dt.date | None:
    """A date from a sidecar cell: ISO "2021-03-19" or any full date the text rules read."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return P.parse_date(str(value))
