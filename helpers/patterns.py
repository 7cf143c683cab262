"""Line patterns for metadata and site chrome in captured news articles.

Each function looks at one stripped line (or a short window of lines) and says
what it is. They are written as general shapes (a byline, a dateline, a calendar
row), never as whole sentences of one outlet, so they hold for new articles of
the same kind. Regexes are hand-written because no library recognises the
furniture of a web page capture; dates themselves are parsed by ``dateparser``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH_ALT = "|".join(
    sorted({m for full in MONTHS for m in (full, full[:3], full[:4])}, key=len, reverse=True)
)
MONTH_WORD = rf"(?:{_MONTH_ALT})\.?"

# A capitalised name word ("Kurmanov", "O'Neil", "Jean-Paul") or an initial ("J.").
_NAME_WORD = r"(?:[A-Z][a-z]+(?:['’-][A-Za-z][a-z]+)*|[A-Z]\.)"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}"

BYLINE = re.compile(rf"^By\s+(?P<name>{_NAME})$")
NAME_LINE = re.compile(rf"^(?P<name>{_NAME})\.$")
SIGNATURE = re.compile(rf"^(?P<name>{_NAME})$")
_CAPITALISED = r"[A-Z][a-z]+(?:['’-][A-Za-z][a-z]+)*"
CAPTION = re.compile(rf"^{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,2}}$")

NUMERIC_DATE = re.compile(
    r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:\s+(?P<time>\d{1,2}:\d{2}))?$"
)
WORD_DATE = re.compile(
    rf"^(?:{MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_WORD},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})$",
    re.IGNORECASE,
)
PLACE_LINE = re.compile(r"^\((?P<zone>[^()]*?)\s*time\)\s*,\s*(?P<place>[^,()]{2,40})$")
VIEWS = re.compile(r"^Views?\s*:\s*(?P<n>\d[\d\s,.]*)$", re.IGNORECASE)
TAGS_LABELLED = re.compile(r"^Tags?\s*:\s*(?P<tags>.*)$", re.IGNORECASE)
DOMAIN_LINE = re.compile(r"^(?P<domain>[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.[a-z]{2,6})\s*,?$")
# A call to action as a whole line; "Join us ..." is left out: it opens quotes and invitations.
SUBSCRIBE = re.compile(r"^\W*(?:subscribe|sign up|follow us|share (?:this|on))\b", re.IGNORECASE)
SUBSCRIBE_MAX_WORDS = 30
OUTLET_IN_SUBSCRIBE = re.compile(r"subscribe to (?:the )?(?P<outlet>[A-Z][\w.-]*) news", re.I)
ERROR_REPORT = re.compile(r"ctrl\s*\+\s*enter", re.IGNORECASE)
COMMENT_WORD = re.compile(r"\bcomments?\b", re.IGNORECASE)
MODERATION = re.compile(r"publish|delet|moderat|block|prohibit|rules|polic", re.IGNORECASE)
# Reported speech: a news line about comments ("Asked for comments, the ministry said ...").
REPORTED = re.compile(r"\b(?:said|says|told|asked|according to|declined|spokes\w*)\b", re.I)
# The site speaking to its readers.
SITE_VOICE = re.compile(r"\b(?:dear readers?|administration|our (?:site|rules)|your comments?|"
                        r"users|account|without (?:prior )?notice|we reserve)\b", re.I)  # fmt: skip
IMAGE_PLACEHOLDER = re.compile(
    r"^(?:>\s*[^>]{1,60}|\[(?:image|photo|picture|img|video|figure)[^\]]*\]"
    r"|(?:photo|image|picture)\s*:\s*.{0,60})$",
    re.IGNORECASE,
)
NAV_WORDS = {"home", "main", "main page", "news", "menu", "back", "search", "top", "homepage"}
BREADCRUMB_SPLIT = re.compile(r"\s*[>»›|/]\s*")
WEEKDAYS = set(
    "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday "
    "sat saturday sun sunday mo tu we th fr sa su".split()
)
MONTH_YEAR_LINE = re.compile(rf"^\W*{MONTH_WORD}\s+\d{{4}}\W*$", re.IGNORECASE)
MONTH_ONLY_LINE = re.compile(rf"^\W*{MONTH_WORD}\W*$", re.IGNORECASE)
DIGIT_ROW = re.compile(r"^[\d\s]+$")
WORD = re.compile(r"\w+(?:['’-]\w+)*")


def words(line: str) -> list[str]:
    """Lower-cased word tokens of a line (for comparisons, not for analysis)."""
    return WORD.findall(line.lower())


# Every character str.split() splits at (str.isspace()) but the plain space; a stripped line
# holding none of them and no two spaces in a row is its own whitespace-folded form.
# tests/test_patterns.py checks the list against str.isspace over all of Unicode.
OTHER_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
_FOLDABLE = re.compile(f"[{OTHER_SPACE}]|  ")


def normalise(line: str) -> str:
    """A line with case and runs of whitespace folded, for equality tests."""
    if line[:1].isspace() or line[-1:].isspace() or "  " in line:
        return " ".join(line.split()).casefold()
    # Every whitespace character but the space is a separator or control character, which
    # str.isprintable() refuses: a printable line has nothing else to fold.
    if line.isprintable() or not _FOLDABLE.search(line):
        return line.casefold()  # no list of its words is made
    return " ".join(line.split()).casefold()


@lru_cache(maxsize=65536)
def parse_date(text: str) -> dt.date | None:
    """A full date (day, month and year all stated) in a whole line, else None.

    >>> parse_date("Oct. 10, 2022"), parse_date("15.06.2011"), parse_date("in 2011")
    (datetime.date(2022, 10, 10), datetime.date(2011, 6, 15), None)
    """
    text = text.strip().rstrip(",")
    m = NUMERIC_DATE.match(text)
    if m:  # day first: the convention of every dotted date in the corpus
        try:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
    if not WORD_DATE.match(text):
        return None
    import dateparser  # imported late: it is slow to import and rarely needed

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"STRICT_PARSING": True, "DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date() if parsed else None


def is_navigation(line: str) -> bool:
    """A navigation word ("Home") or a breadcrumb trail ("Home > World > Asia")."""
    if line.casefold() in NAV_WORDS:
        return True
    parts = [p for p in BREADCRUMB_SPLIT.split(line) if p]
    short = all(len(p.split()) <= 4 for p in parts)
    return short and len(parts) >= 2 and (len(parts) >= 3 or parts[0].casefold() in NAV_WORDS)


def tag_list(line: str) -> list[str] | None:
    """Tags from an unlabelled comma-separated line ("Zen, Policy, Russia"), else None."""
    if re.search(r"[.!?:;\"“”]$", line) or "," not in line:
        return None
    items = [t.strip() for t in line.split(",")]
    if len(items) < 3 or not all(items):
        return None
    if all(len(t.split()) <= 4 and (t[0].isupper() or t[0].isdigit()) for t in items):
        return items
    return None


def labelled_tags(line: str) -> list[str] | None:
    """Tags from a "Tags: a, b" line (possibly empty), else None."""
    m = TAGS_LABELLED.match(line)
    if not m:
        return None
    return [t.strip() for t in m["tags"].split(",") if t.strip()]


_WEEKDAY_HINT = re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun|mo|tu|we|th|fr|sa|su)", re.IGNORECASE)


def is_weekday_header(line: str) -> bool:
    """A calendar widget's header: mostly weekday names ("Mon Tues Wed ...")."""
    if len(line) > 80 or len(_WEEKDAY_HINT.findall(line)) < 4:
        return False  # cheap test first: most lines are prose
    tokens = words(line)
    hits = sum(t in WEEKDAYS for t in tokens)
    return hits >= 4 and hits >= 0.6 * len(tokens)


def is_calendar_row(line: str) -> bool:
    """A calendar body row: run-together day numbers, or a bare month link."""
    return bool(DIGIT_ROW.match(line) or MONTH_ONLY_LINE.match(line))


def is_comment_policy(line: str) -> bool:
    """A line of a comment policy: mentions comments and a moderation verb, not reported speech."""
    return bool(COMMENT_WORD.search(line) and MODERATION.search(line)) and not REPORTED.search(line)


def is_subscribe_line(line: str) -> bool:
    """A whole line calling to subscribe, sign up, follow or share, short and not a quote."""
    return bool(SUBSCRIBE.match(line)) and len(line.split()) <= SUBSCRIBE_MAX_WORDS


def is_error_report(line: str) -> bool:
    """ "If you find an error, select the text and press Ctrl + Enter"."""
    return bool(ERROR_REPORT.search(line)) and len(line.split()) <= 30


def is_image_placeholder(line: str) -> bool:
    """ "[image: ...]", "Photo: ..." or a short "> Caption" with no sentence punctuation; a
    Markdown blockquote ("> He said it was over.") is prose."""
    if not IMAGE_PLACEHOLDER.match(line):
        return False
    if line.startswith(">"):
        rest = line[1:].strip()
        return len(rest.split()) <= 6 and not re.search(r"[.!?,;:\"“”]", rest)
    return True


def first_sentence(text: str) -> str:
    """The text up to its first sentence end (or the first 25 words)."""
    head = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return " ".join(head.split()[:25])


def views(line: str) -> int | None:
    """The count of a "Views: 4840" line, else None."""
    m = VIEWS.match(line)
    return int(re.sub(r"\D", "", m["n"])) if m else None
