"""Cleaning: one pipeline of named rules, each labelling some lines of an article as removed.

An article is held as a :class:`Draft`: its decoded ``raw`` text split into non-blank
:class:`Line` objects that keep their offsets into ``raw``. A line whose ``reason`` is ``None``
is body text; every other line is removed, and the reason and rule say why.

:data:`PIPELINE` is the ordered list of :class:`Rule` s; :func:`clean` runs it once over the
corpus (``helpers.corpus.load_corpus`` calls nothing else). Each rule states the evidence it
needs beyond a keyword: a whole line of a known chrome shape, a position (under the title, at
the end) plus a shape, or a line repeated across several stories of one outlet. Each sees only
the lines the earlier rules left in the body, and never invents a field the text does not state.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS  # the same stop list as the tokenizer

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
# A line recurring across one outlet's stories is chrome only when short ("Thank you!"): a
# longer one is a syndicated or quoted paragraph.
RECURRING_MAX_WORDS = 10
# Two articles sharing at least this share of their lines are one story republished.
REPUBLISHED_SHARE = 0.5
# Past this many distinct caption words, the corpus's whole lower-case vocabulary is collected
# at once rather than each text tested for each word.
MAX_ASKED_WORDS = 32
METADATA_REASONS = frozenset({"title", "byline", "date", "place", "views", "tags", "outlet"})


# slots: a corpus holds millions of Lines; without a __dict__ each is about half the size and
# quicker to make (benchmarks/memory.py).
@dataclass(slots=True)
class Line:
    """One non-blank line of ``raw``: ``raw[start:end] == text`` (whitespace stripped)."""

    start: int
    end: int
    text: str
    reason: str | None = None
    rule: str = ""
    _key: str | None = field(default=None, repr=False, compare=False)
    # P.WORD matches in text, where helpers.corpus counted them (no word spans two lines, so
    # an article's words are its lines' words)
    words: int | None = field(default=None, repr=False, compare=False)

    @property
    def key(self) -> str:
        """``P.normalise(text)``, computed once: the recurring and repeated rules both ask."""
        if self._key is None:
            self._key = P.normalise(self.text)
        return self._key


@dataclass(slots=True)
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
    exact_key: bytes | None = None  # _exact(self), when helpers.corpus worked it out already
    raw_digest: bytes | None = None  # helpers.dedup.exact_digest(raw), likewise
    raw_numbers: tuple[int, str] | None = None  # raw's word count and SHA-256, likewise

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
        if not seg[0].isspace() and not seg[-1].isspace():  # most lines: no copy to strip
            lines.append(Line(m.start(), m.end(), seg))
            continue
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


def _whole_lines(d: Draft, test: Callable[[str], bool], reason: str, rule: str) -> None:
    for line in d.body():
        if test(line.text):
            d.remove(line, reason, rule)


def label_subscribe(d: Draft) -> None:
    """A call to subscribe, sign up, follow or share, as a whole short line; the outlet it
    names ("Subscribe to X news") is read from it."""
    for line in d.body():
        if P.is_subscribe_line(line.text):
            if m := P.OUTLET_IN_SUBSCRIBE.search(line.text):
                d.found("outlet", m["outlet"], "subscribe-line")
            d.remove(line, "site-chrome", "subscribe")


def label_error_report(d: Draft) -> None:
    """ "Select the text and press Ctrl + Enter" to report a mistake, as a whole line."""
    # A line's match is raw's, and holds a "+": most articles need no search, the rest one.
    if "+" in d.raw and P.ERROR_REPORT.search(d.raw):
        _whole_lines(d, P.is_error_report, "site-chrome", "error-report")


def label_comment_policy(d: Draft) -> None:
    """The site's comment rules: in the last 40% of the article, lines naming comments and a
    moderation act that are not reported speech, and either address the reader or the site
    ("Dear readers", "the administration") or stand next to another such line."""
    # A late line's words start at or after ``late_from``: where raw holds no comment word
    # from there on, no line is late policy (one regex scan instead of a test of every line).
    late_from = math.ceil(COMMENT_POLICY_FROM * len(d.raw))
    if not P.COMMENT_WORD.search(d.raw, late_from):
        return
    body = d.body()
    late = [line.start >= COMMENT_POLICY_FROM * len(d.raw) and P.is_comment_policy(line.text)
            for line in body]  # fmt: skip
    for k, line in enumerate(body):
        beside = (k > 0 and late[k - 1]) or (k + 1 < len(body) and late[k + 1])
        if late[k] and (P.SITE_VOICE.search(line.text) or beside):
            d.remove(line, "site-chrome", "comment-policy")


def label_image_placeholder(d: Draft) -> None:
    """ "[image]", "Photo: ..." or a short "> Map title" line with no sentence punctuation."""
    _whole_lines(d, P.is_image_placeholder, "image-placeholder", "image-placeholder")


def label_tags(d: Draft) -> None:
    """A "Tags: a, b" line anywhere (the label makes it unmistakable)."""
    for line in d.body():
        if (tags := P.labelled_tags(line.text)) is not None:
            d.found("tags", tags, "tags-line")
            d.remove(line, "tags", "tags-line")


def label_outlet_dateline(d: Draft) -> None:
    """A bare domain line ("inozPRESS.kg,") directly followed by a full date line."""
    body = d.body()
    for k, line in enumerate(body[:-1]):
        if line.reason is None and (m := P.DOMAIN_LINE.match(line.text)):
            if (date := P.parse_date(body[k + 1].text)) is not None:
                d.found("outlet", m["domain"], "outlet-dateline")
                d.found("published", date, "outlet-dateline")
                d.remove(line, "outlet", "outlet-dateline")
                d.remove(body[k + 1], "date", "outlet-dateline")


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
    keys = [line.key for line in body]
    for key in keys:
        repeated.append(key in seen)
        seen.add(key)
    for k, line in enumerate(body):
        in_run = (k > 0 and repeated[k - 1]) or (k + 1 < len(body) and repeated[k + 1])
        if keys[k] == title:
            d.remove(line, "repeated-passage", "title-repeated")
        elif repeated[k] and (len(P.words(line.text)) >= REPEAT_MIN_WORDS or in_run):
            d.remove(line, "repeated-passage", "repeated-in-article")


def label_teasers(d: Draft) -> None:
    """A paragraph cut off with an ellipsis whose words mostly stand in one longer paragraph.

    A line holding 60% of a teaser's distinct words holds at least one of its 40% + 1 rarest,
    so only lines with one of those are compared: a long file with many ellipses costs two
    passes over its words, not teasers × lines.
    """
    body = d.body()
    teasers = {}
    for k, line in enumerate(body):
        if line.text.rstrip("\"'”’ ").endswith(("...", "…")):
            mine = P.words(line.text)
            if len(set(mine)) >= TEASER_MIN_WORDS:
                teasers[k] = (len(mine), set(mine))
    if not teasers:
        return
    lines_with = Counter(w for line in body for w in set(P.words(line.text)))
    index: dict[str, list[int]] = defaultdict(list)
    for k, (_, mine) in teasers.items():
        need = len(mine) - math.ceil(TEASER_CONTAINMENT * len(mine)) + 1
        for w in sorted(mine, key=lambda w: (lines_with[w], w))[:need]:
            index[w].append(k)
    found: set[int] = set()
    for j, line in enumerate(body):
        other = P.words(line.text)
        words = set(other)
        for k in {k for w in words & index.keys() for k in index[w]} - found - {j}:
            size, mine = teasers[k]
            if len(other) > size and len(mine & words) >= TEASER_CONTAINMENT * len(mine):
                found.add(k)
    for k in sorted(found):
        d.remove(body[k], "truncated-teaser", "ellipsis-teaser")


def label_footer(d: Draft) -> None:
    """From the end: a bare full date, and one signature line with the author's name."""
    signed = False
    while len(body := d.body()) > 1:
        last = body[-1]
        if (date := P.parse_date(last.text)) is not None:
            d.found("published", date, "footer-date")
            d.remove(last, "date", "footer-date")
        elif not signed and (m := P.SIGNATURE.match(last.text)) and _is_name(m["name"]):
            d.found("author", m["name"], "signature")
            d.remove(last, "byline", "signature")
            signed = True
        else:
            break


def _is_name(text: str) -> bool:
    """No word of a person's name is a stop word: "School Of Rock" is a title, not a name."""
    return not any(w in STOP_WORDS for w in P.words(text))


def _is_prose(line: Line) -> bool:
    return len(P.words(line.text)) >= 8 or line.text.endswith((".", "!", "?", "”", '"'))


def label_captions(d: Draft, lower_vocab: set[str], stop_words: set[str],
                   candidates: list[tuple[int, list[str]]] | None = None) -> None:  # fmt: skip
    """Short name-only lines between two paragraphs: photo captions.

    A name is told from an ordinary word by the corpus itself: none of its words
    is ever written in lower case, and none is a stop word ("However"). A section
    heading is told from a caption by what follows: a heading's word opens the next
    paragraph ("Labour" over "Jeremy Corbyn's Labour Party..."), a caption's does not.
    """
    body = d.body()
    # ``candidates``: _caption_candidates(body), when the caller worked them out already
    for k, names in _caption_candidates(body) if candidates is None else candidates:
        if any(w in lower_vocab or w in stop_words for w in names):
            continue
        if set(names) & set(P.words(P.first_sentence(body[k + 1].text))):
            continue
        d.captions.append(body[k].text)
        d.remove(body[k], "image-caption", "name-caption")


def _caption_candidates(body: list[Line]) -> list[tuple[int, list[str]]]:
    """(position, words) of the caption-shaped lines between two prose lines of ``body``."""
    found = []
    for k in range(1, len(body) - 1):
        t = body[k].text
        if P.CAPTION.match(t) and _is_prose(body[k - 1]) and _is_prose(body[k + 1]):
            found.append((k, P.words(t)))
    return found


_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")


def lower_case_words(texts: list[str], only: set[str] | None = None) -> set[str]:
    """Every word that occurs written wholly in lower case somewhere in ``texts`` (of ``only``,
    when given: a text holding none of them as a substring cannot hold one as a word, and is
    not scanned)."""
    found: set[str] = set()
    for text in texts:
        if only is None or any(w in text for w in only):
            found.update(_LOWER_WORD.findall(text))
    return found if only is None else found & only


def as_date(value: Any) -> dt.date | None:
    """A date from a sidecar cell: ISO "2021-03-19" or any full date the text rules read."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return P.parse_date(str(value))


def label_recurring(drafts: list[Draft]) -> None:
    """Short lines found in two or more stories of the same outlet are the site's chrome.

    Evidence: the outlet is known, the line has at most ``RECURRING_MAX_WORDS`` words, and it
    recurs in two stories, where copies of one file count as one story and so do two
    articles sharing half their longer lines (a republished story, whose short lines are its
    own). Three stories or more are chrome without that check.
    Every line but the metadata counts (a line another rule already took as chrome in one
    article still shows it recurs); only body lines are removed.
    """
    keys = {d.doc_id: {x.key for x in d.lines if x.reason not in METADATA_REASONS}
            for d in drafts if "outlet" in d.fields}  # fmt: skip
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    story: dict[bytes, str] = {}
    for d in drafts:
        if d.doc_id in keys:
            exact = _exact(d)
            story.setdefault(exact, d.doc_id)
            outlet = str(d.fields["outlet"]).casefold()
            for key in keys[d.doc_id]:
                if key.count(" ") < RECURRING_MAX_WORDS:  # at most that many words
                    seen[(outlet, key)].add(story[exact])
    for d in drafts:
        if d.doc_id not in keys:
            continue
        outlet = str(d.fields["outlet"]).casefold()
        for line in d.body():
            stories = seen.get((outlet, line.key), set())
            if len(stories) >= 3 or (len(stories) == 2 and not _republished(*stories, keys)):
                d.remove(line, "site-chrome", "recurring-line")


def _exact(d: Draft) -> bytes:
    """A digest of the raw text with whitespace runs folded (big files: as read); a digest, so
    a corpus of 100,000 stories never holds a second copy of every text."""
    if d.exact_key is not None:
        return d.exact_key
    folded = " ".join(d.raw.split()) if len(d.raw) < 1 << 20 else d.raw
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).digest()


def _republished(a: str, b: str, keys: dict[str, set[str]]) -> bool:
    """Half the longer lines (the prose, not the chrome) of one article stand in the other."""
    long_a, long_b = ({k for k in keys[x] if len(k.split()) > RECURRING_MAX_WORDS} for x in (a, b))
    shortest = min(len(long_a), len(long_b))
    return shortest > 0 and len(long_a & long_b) >= REPUBLISHED_SHARE * shortest


@dataclass(frozen=True)
class Rule:
    """One cleaning step: ``name``, the ``evidence`` it needs, the ``reasons`` it writes, and
    ``run`` (over every draft; per-article rules are wrapped by :func:`each`)."""

    name: str
    reasons: str
    evidence: str
    run: Callable[[list[Draft], dict[str, Any]], None]


def each(rule: Callable[[Draft], None]) -> Callable[[list[Draft], dict[str, Any]], None]:
    def run(drafts: list[Draft], context: dict[str, Any]) -> None:
        for d in drafts:
            rule(d)

    run.one = rule  # type: ignore[attr-defined]  # the rule for one article (clean's ``ready``)
    return run


def _captions(drafts: list[Draft], context: dict[str, Any]) -> None:
    # Only the words of caption-shaped lines are ever looked up in the corpus's lower-case
    # words, so only those are sought (most corpora hold few such lines, many none): the same
    # answers as the whole vocabulary, without a regex pass over every text.
    stop_words = set(STOP_WORDS)
    candidates = context.get("caption_candidates")  # clean's ``ready`` found them already
    if candidates is None:
        candidates = [_caption_candidates(d.body()) for d in drafts]  # found once, used twice
    asked = {w for found in candidates for _, names in found for w in names}
    asked -= stop_words
    if len(asked) > MAX_ASKED_WORDS:  # substring tests would cost more than the full scan
        lower_vocab = lower_case_words([d.raw for d in drafts])
    else:
        lower_vocab = lower_case_words([d.raw for d in drafts], only=asked) if asked else set()
    for d, found in zip(drafts, candidates, strict=True):
        label_captions(d, lower_vocab, stop_words, found)


PIPELINE: list[Rule] = [
    Rule("title-and-header", "navigation, title, byline, date, place, views, tags",
         "position: navigation crumbs and the first line on top, then metadata-shaped lines "
         "directly under it (a bare name or comma list only beside an unmistakable one)",
         each(label_title)),
    Rule("subscribe", "site-chrome", "a whole short line that is a call to subscribe or share",
         each(label_subscribe)),
    Rule("error-report", "site-chrome", "a whole line asking to report an error with Ctrl+Enter",
         each(label_error_report)),
    Rule("comment-policy", "site-chrome", "position (last 40%) plus shape: comment-moderation "
         "lines in the site's voice or in a block", each(label_comment_policy)),
    Rule("image-placeholder", "image-placeholder", "a whole line shaped as an image stand-in",
         each(label_image_placeholder)),
    Rule("tags-line", "tags", "a whole line labelled Tags:", each(label_tags)),
    Rule("outlet-dateline", "outlet, date", "a bare domain line followed by a full date line",
         each(label_outlet_dateline)),
    Rule("calendar", "site-chrome", "a weekday header with its month line and day-number rows",
         each(label_calendars)),
    Rule("recurring-line", "site-chrome", "a short line repeated in two stories of one outlet",
         lambda drafts, context: label_recurring(drafts)),
    Rule("repeated-in-article", "repeated-passage", "the same line again in the article (long, "
         "or in a run of repeats); the first copy stays", each(label_repeats)),
    Rule("ellipsis-teaser", "truncated-teaser", "a line cut off with an ellipsis whose words "
         "mostly stand in a longer line of the article", each(label_teasers)),
    Rule("footer", "date, byline", "position: a bare full date, and one name line, at the end",
         each(label_footer)),
    Rule("name-caption", "image-caption", "a name-only line between two paragraphs whose words "
         "the corpus never writes in lower case and the next paragraph does not open with",
         _captions),
]  # fmt: skip


# The rules before the first that reads other articles (or a field the sidecar may set) see
# one article alone: worker processes may run them (helpers.corpus, ``workers``).
ALONE = next(k for k, rule in enumerate(PIPELINE) if rule.name == "recurring-line")


def clean(drafts: list[Draft], start: int = 0,
          ready: Callable[[int, Draft], None] | None = None) -> None:  # fmt: skip
    """Run :data:`PIPELINE` over ``drafts`` in order (lines only ever go from body to removed),
    from rule ``start`` on (the earlier ones already run, as by :func:`clean_alone`).

    ``ready(k, drafts[k])`` is called once each draft's lines are final, as early as the rules
    allow: the rules between the last that reads other articles and the captions' each see one
    article, so they run article by article, and an article with no caption-shaped line is
    final then (the captions' rule changes only those that have one); the rest are final at
    the end. Running those rules article by article is running them rule by rule: each reads
    and writes its own article only (helpers.corpus starts the next step on the first articles
    while this one works through the rest)."""
    context: dict[str, Any] = {}
    rules = PIPELINE[start:]
    if ready is None:
        for rule in rules:
            rule.run(drafts, context)
        return
    per_article = 0  # the per-article rules just before the captions' (the last rule)
    while per_article < len(rules) - 1 and hasattr(rules[-2 - per_article].run, "one"):
        per_article += 1
    if rules[-1].name != "name-caption" or per_article == 0:
        clean(drafts, start)
        for k, d in enumerate(drafts):
            ready(k, d)
        return
    for rule in rules[: -1 - per_article]:
        rule.run(drafts, context)
    ones = [rule.run.one for rule in rules[-1 - per_article : -1]]  # type: ignore[attr-defined]
    candidates = []
    for k, d in enumerate(drafts):
        for one in ones:
            one(d)
        candidates.append(_caption_candidates(d.body()))
        if not candidates[-1]:
            ready(k, d)
    context["caption_candidates"] = candidates
    rules[-1].run(drafts, context)
    for k, d in enumerate(drafts):
        if candidates[k]:
            ready(k, d)


def clean_alone(d: Draft) -> None:
    """The first :data:`ALONE` rules of the pipeline, over one article. None of them reads
    ``d.fields``; what they find is only recorded, so running them before the sidecar's fields
    are set and letting those win after (helpers.corpus) is running them after."""
    for rule in PIPELINE[:ALONE]:
        rule.run([d], {})
