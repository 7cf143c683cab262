"""Who is quoted: direct quotations and reported speech, their speakers and the speakers' actors.

``find_quotes(articles)`` returns one row per quotation: the quoted text with its offsets in
``articles.text``, the speaker as written, and the speaker's actor at the two levels of
``helpers.actors.find_mentions``: ``sub_actor``, the gazetteer entry the speaker names (Jean
Fournet), and ``actor``, the entry it rolls up to along ``part_of`` (NATO).
``count_speakers(quotes, articles)`` counts quotes and quoted words per outlet and actor;
``plot_speakers`` draws that count.

What counts as a quote:

- **direct**: text in quotation marks (“…”, "…", «…») or a dash-introduced line ("- …, - X
  stated.") attributed right beside it: ``“…,” X said`` / ``said X``, ``X said: “…”``,
  ``X told reporters “…”``, ``“…” according to X``. A quote whose closing mark is missing at the
  end of a paragraph continues when the next paragraph opens with a quotation mark (the
  newspaper convention for a quote running over paragraphs). A quote in the same paragraph that
  opens a sentence right after an attributed quote keeps its speaker (``“A,” he said. “B.”``).
- **reported**: ``X said (that) …``, ``X stressed/noted/stated/told/added/warned/announced that
  …``, ``According to X, …``, ``…, according to X``, ``…, X said.``

Text in quotation marks that no speech verb or "according to" attributes is not a quote: scare
quotes (the so-called “multi-vector” policy), names of programmes, books and films. Neither are
opinions introduced by verbs of thinking (believes, considers, assumes) nor interview answers
without an attribution: they would need a parser to tell from narration.

A speaker ("he", "she", "the minister") that names no one is resolved to the most recent person
(a gazetteer person mention or a named speaker) before the quote within ``WINDOW`` sentences;
otherwise ``resolved`` is False and ``actor`` missing. A place named as a place inside a
longer speaker ("a Bishkek-based expert": a locative mention) does not make the speaker's
actor; a place that is the whole speaker ("according to the Kremlin") does, whatever its role.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from spacy.matcher import PhraseMatcher

from helpers.actors import find_mentions
from helpers.nlp import english
from helpers.patterns import WORD
from helpers.progress import progress
from helpers.schema import columns
from helpers.sentences import Segmented, segment

# The verbs that introduce speech, by lemma, with the forms matched (the one list of them).
SPEECH_VERBS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "state": ("state", "states", "stated", "stating"),
    "note": ("note", "notes", "noted", "noting"),
    "stress": ("stress", "stresses", "stressed", "stressing"),
    "add": ("add", "adds", "added", "adding"),
    "warn": ("warn", "warns", "warned", "warning"),
    "announce": ("announce", "announces", "announced", "announcing"),
    "declare": ("declare", "declares", "declared", "declaring"),
    "conclude": ("conclude", "concludes", "concluded"),
    "emphasise": ("emphasise", "emphasises", "emphasised", "emphasize", "emphasizes",
                  "emphasized"),
    "explain": ("explain", "explains", "explained"),
    "insist": ("insist", "insists", "insisted", "insisting"),
    "claim": ("claim", "claims", "claimed", "claiming"),
    "argue": ("argue", "argues", "argued", "arguing"),
    "write": ("write", "writes", "wrote"),
    "comment": ("comment", "comments", "commented"),
    "remark": ("remark", "remarks", "remarked"),
    "reply": ("reply", "replies", "replied"),
    "ask": ("ask", "asks", "asked"),
    "confirm": ("confirm", "confirms", "confirmed", "confirming"),
    "continue": ("continued",),  # “…,” Dean continued.
    "tweet": ("tweet", "tweets", "tweeted"),
    "complain": ("complain", "complains", "complained"),
    "recall": ("recall", "recalls", "recalled"),
    "admit": ("admit", "admits", "admitted"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged"),
    "underline": ("underline", "underlines", "underlined"),
    "report": ("report", "reports", "reported"),
    "point out": ("point", "points", "pointed"),  # only with "out" (see _matcher)
}  # fmt: skip
# An -ing form ("…, saying that") counts only after a comma; its speaker is the clause's subject.
SAY = {"say", "says", "said", "saying"}  # the verbs that report speech without "that" too
TELL = {"tell", "tells", "told"}  # their object ("told reporters") is not the speaker
# Forms that are nouns as often as verbs ("member states that", "the notes"): only with "that"
# or a colon, and never after a determiner.
NOUNISH = {"state", "states", "note", "notes", "stress", "stresses", "claim", "claims",
           "comment", "comments", "remark", "remarks", "report", "reports", "reply", "replies",
           "add", "adds", "write", "point", "points", "recall", "recalls", "underline",
           "underlines", "confirm", "ask", "argue", "warn", "admit"}  # fmt: skip
NOUN_BEFORE = {"the", "a", "an", "these", "those", "this", "that", "its", "his", "her", "their",
               "our", "my", "your", "member", "other", "all", "some", "many", "several", "both",
               "such", "any", "each", "no", "whose", "which", "of", "and", "in", "baltic",
               "gulf", "arab", "island", "nation", "partner", "neighbouring", "neighboring",
               "sovereign", "independent", "european", "asian", "african", "post-soviet",
               "'s", "’s"}  # fmt: skip
NEGATION = {"not", "n't", "n’t", "never", "to", "will", "would", "can", "could", "may", "might",
            "must", "should", "shall", "refused", "declined"}  # fmt: skip
# Between a subject and its verb: auxiliaries and adverbs ("has repeatedly said").
BEFORE_VERB = {"has", "have", "had", "also", "later", "then", "previously", "earlier", "again",
               "recently", "repeatedly", "once", "further", "reportedly", "publicly", "openly",
               "often", "already", "just", "is", "was", "were", "are", "always",
               "explicitly", "clearly", "firmly", "even", "too", "first"}  # fmt: skip
# A comma-delimited segment starting with one of these sits between subject and verb
# ("Volodin, in December 2020, at a meeting ..., noted that").
ADJUNCT_START = {"in", "at", "on", "during", "after", "before", "while", "when", "speaking",
                 "addressing", "who", "which", "according", "as", "for", "from", "with",
                 "under", "referring", "citing", "however", "meanwhile", "though", "too",
                 "also", "then", "later", "earlier", "once", "again"}  # fmt: skip
# A speaker phrase keeps these stop words; any other stop word ends it.
NAME_STOP_WORDS = {"the", "of", "for", "from", "a", "an"}  # "experts from the region"
NOT_NAME = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "yesterday", "today", "tonight", "now", "january", "february", "march", "april",
            "june", "july", "august", "september", "october", "november", "december",
            "meanwhile", "however", "moreover", "furthermore", "instead", "thus", "hence",
            "therefore", "earlier", "later", "previously", "recently", "finally", "first",
            "secondly", "thirdly", "lastly", "indeed", "notably", "also", "day", "days",
            "week", "weeks", "month", "months", "year", "years", "hours", "ago"}  # fmt: skip
PRONOUNS = {"he", "she", "him", "her", "they", "them", "we", "i", "it"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
# A speaker phrase made only of these (and "the") names an office, not a person: resolved.
ROLE_NOUNS = {"minister", "president", "official", "spokesman", "spokeswoman", "spokesperson",
              "ambassador", "secretary", "chairman", "chairwoman", "leader", "head", "diplomat",
              "envoy", "premier", "general", "prime", "deputy", "foreign", "defence", "defense",
              "chief", "senator", "governor", "mayor", "commander", "politician", "former",
              "analyst", "expert", "scientist", "political", "chancellor", "press", "aide",
              "adviser", "advisor", "campaigner", "member", "vice", "senior", "top"}  # fmt: skip
# Zero-"that" reported speech ("he said the talks...") only before a word that starts a clause.
CLAUSE_START = {"the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they",
                "we", "i", "there", "his", "her", "their", "its", "our", "no", "all", "some",
                "most", "many", "both", "neither", "every", "each", "any", "if", "even",
                "you", "nobody", "none"}  # fmt: skip
# Words after "said" that do not open the clause said ("said goodbye", "said yesterday").
NOT_CLAUSE = {
    "goodbye",
    "hello",
    "yes",
    "thanks",
    "sorry",
    "farewell",
    "yesterday",
    "today",
    "tonight",
    "recently",
    "previously",
    "repeatedly",
    "publicly",
    "privately",
    "separately",
    "earlier",
    "later",
    "last",
    "afterwards",
    "goodnight",
    "grace",
}
# "according to" a standard, a plan or a law reports no one's words.
NOT_SOURCES = {"standards", "standard", "rules", "rule", "plan", "plans", "schedule", "law",
               "laws", "principle", "principles", "procedure", "procedures", "tradition",
               "custom", "scheme", "instructions", "protocol", "regulations", "constitution",
               "agreement", "treaty", "charter", "which", "this", "whom", "figures", "data",
               "statistics", "estimates", "estimate", "estimations", "census", "poll", "polls",
               "survey", "surveys", "research", "study", "calculations", "forecast",
               "forecasts", "results", "records", "index", "ranking", "rankings"}  # fmt: skip
# Words that may follow a closing "…, X said" ("on Monday", "in a statement").
TAIL = {
    "on",
    "in",
    "a",
    "an",
    "the",
    "this",
    "last",
    "statement",
    "interview",
    "morning",
    "evening",
    "afternoon",
    "night",
    "week",
    "weekend",
}
PREPOSITIONS = {
    "with",
    "after",
    "before",
    "at",
    "in",
    "on",
    "by",
    "from",
    "to",
    "for",
    "of",
    "during",
    "about",
    "against",
    "between",
    "under",
    "over",
    "like",
    "than",
}
TITLES = {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "mr.", "mrs.", "ms.", "dr."}
WINDOW = 5  # sentences back to look for the person a pronoun speaker refers to
MAX_SPEAKER = 14  # tokens in a speaker phrase found by scanning
MAX_ACCORDING = 30  # tokens between "according to" and its comma
OPEN_MARKS, CLOSE_MARKS, DASHES = "“«„", "”»", "-–—"
MARKS = re.compile("[“”«»„\"‘’']")
DASH_CLOSE = re.compile(r"[,.!?…]\s*[-–—]{1,2}\s+(?=\S)")  # ", - Fournet stated" / '", --'
DASH_OPEN = re.compile(r"[.!?…]\s+[-–—]{1,2}\s+(?=\S)")  # ". - Its concept ..."
QUOTE_COLUMNS = columns("quotes")  # helpers.schema: the columns and their meanings
UNATTRIBUTED = "unattributed"


def find_quotes(
    articles: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    gazetteer: str | Path | None = None,
) -> pd.DataFrame:
    """Every direct quotation and reported statement with a speaker in ``articles.text``.

    Input: one row per article with ``doc_id`` and ``text``; optionally its
    ``helpers.actors.find_mentions`` output (found here when not given, with ``gazetteer``: a
    YAML file, None for the project's, as ``find_mentions`` takes it).
    Output: one row per quote: ``doc_id``, ``quote_id`` (0, 1, … within the article, in text
    order), ``kind`` (direct or reported), ``start``/``end`` (offsets of the quoted text in
    ``text``), ``text``, ``speaker`` (as written), ``speaker_start``/``speaker_end``,
    ``n_words`` (words quoted), ``actor`` (the speaker's actor rolled up along ``part_of``,
    as ``find_mentions`` gives it: the default level of every count), ``sub_actor`` (the
    gazetteer entry named in the speaker, or that a pronoun refers to; both missing when
    none), ``resolved`` (False for a pronoun or office that no earlier name explains) and
    ``antecedent`` (the name a pronoun refers to).

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": [
    ...     "“We will not join,” Sadyr Japarov said. He added that talks would go on."]})
    >>> find_quotes(arts)[["kind", "text", "speaker", "actor", "sub_actor"]].values.tolist()
    [['direct', 'We will not join', 'Sadyr Japarov', 'Kyrgyzstan', 'Sadyr Japarov'], \
['reported', 'talks would go on', 'He', 'Kyrgyzstan', 'Sadyr Japarov']]
    """
    missing = {"doc_id", "text"} - set(articles.columns)
    if missing:
        raise ValueError(f"find_quotes needs the articles' {sorted(missing)} columns")
    if mentions is None:
        mentions = find_mentions(articles, gazetteer)
    needed = {"doc_id", "actor", "sub_actor", "kind", "start", "end", "sentence_id"}
    missing = needed - set(mentions.columns)
    if missing:
        raise ValueError(f"mentions lack {sorted(missing)}: pass helpers.actors.find_mentions "
                         "output")  # fmt: skip
    by_doc = _mentions_by_doc(mentions)
    matcher = _matcher()
    rows = []
    texts = articles.text.to_numpy(dtype=object).tolist()
    for doc_id, text in progress(zip(articles.doc_id, texts, strict=True), len(articles),
                                 "finding quotes"):  # fmt: skip
        if not _may_quote(text):  # nothing the matcher could find: no quote, nothing to parse
            continue
        # english()'s tokens and sentence starts without its per-token components (the same
        # is_sent_start: tests/test_sentences.py); lemmas are not read here. The article's
        # own string: Doc.text would rebuild it token by token.
        found = _Article(segment(text), text, matcher).located()
        rows += _attribute(doc_id, text, found, by_doc.get(doc_id, _NO_MENTIONS))
    quotes = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return quotes.astype({"resolved": bool, "n_words": int})


class _Mentions(NamedTuple):
    """One article's mentions as plain lists, in order of ``start``."""

    start: list
    end: list
    who: list  # (sub_actor, actor)
    kind: list
    sentence_id: list
    locative: list  # the mention's role is "locative"


_NO_MENTIONS = _Mentions([], [], [], [], [], [])


def _mentions_by_doc(mentions: pd.DataFrame) -> dict:
    """``mentions`` split by ``doc_id`` as ``_Mentions``, each article's rows sorted by
    ``start`` as ``sort_values("start")`` sorts a group (the same quicksort, so ties keep its
    order). Lists, not a DataFrame per article: column access cost 2 of 6 s on 2,000 articles."""
    codes, names = pd.factorize(mentions.doc_id)  # -1: no doc_id, dropped as groupby drops it
    start = mentions.start.to_numpy()
    order = np.argsort(codes, kind="stable")  # each article's rows together, in table order
    order = order[codes[order] >= 0]
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    locative = (
        mentions.role.eq("locative") if "role" in mentions else pd.Series(False, mentions.index)
    )
    # tolist: the Python values iterating each column gives, without an Arrow scalar each
    who = list(zip(mentions.sub_actor.tolist(), mentions.actor.tolist(), strict=True))
    columns = [mentions.start.tolist(), mentions.end.tolist(), who, mentions.kind.tolist(),
               mentions.sentence_id.tolist(), locative.tolist()]  # fmt: skip
    by_doc = {}
    for rows in np.split(order, bounds) if len(order) else []:
        rows = rows[start[rows].argsort(kind="quicksort")].tolist()
        by_doc[names[codes[rows[0]]]] = _Mentions(*([c[r] for r in rows] for c in columns))
    return by_doc


# Every quote has a speech verb or "according to" the matcher found (a direct quote is kept
# only with a speaker, and every speaker is found from one), and a token whose lower case is
# one of these ASCII words leaves it in the lower-cased text: so a text where none occurs (as a
# substring, a superset of the tokens) holds no quote. Python's lower() is context-free outside
# Greek, so a token's lower case is the lower-cased text's slice.
_SPEECH_WORDS = re.compile("|".join(sorted({f for v in SPEECH_VERBS.values() for f in v}
                                           | {"according"})))  # fmt: skip


def _may_quote(text: str) -> bool:
    """Whether ``text`` holds any word the speech matcher matches (a superset: substrings)."""
    return _SPEECH_WORDS.search(text.lower()) is not None


def _matcher() -> PhraseMatcher:
    """spaCy's PhraseMatcher (on lower case) for the speech verbs and "according to"; the
    token-pattern Matcher finds the same and takes half the time of the whole search."""
    nlp = english()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    forms = sorted({f for k, v in SPEECH_VERBS.items() if k != "point out" for f in v})
    forms += [f"{f} out" for f in SPEECH_VERBS["point out"]]
    matcher.add("SPEECH", [nlp.make_doc(f) for f in forms])
    matcher.add("ACCORDING", [nlp.make_doc("according to")])
    return matcher


class _Article:
    """The quotes of one parsed article, before their speakers are tied to actors.

    Hand-written: spaCy has no quotation finder, and telling a quote from scare quotes, a
    subject from the object of "told", or an opening mark that continues a quote into the next
    paragraph needs a parser here (none can be downloaded) or these rules.
    """

    def __init__(self, doc, text: str, matcher: PhraseMatcher):
        """``doc``: english()'s tokens with their sentence starts, or ``helpers.sentences``'
        ``Segmented`` (whose arrays hold the token offsets and sentence numbers already)."""
        if isinstance(doc, Segmented):
            self.idx = np.asarray(doc.starts, dtype=np.int64)
            self.sent = np.asarray(doc.sentence, dtype=np.int64)
            doc = doc.doc
            starts = np.ones(len(doc), dtype=bool)
            starts[1:] = self.sent[1:] != self.sent[:-1]
        else:
            self.idx = doc.to_array("IDX").astype(np.int64)
            # sentence numbers as helpers.nlp.sentence_ids gives them, from the array (faster)
            starts = doc.to_array("SENT_START") == 1
            if len(doc):
                starts[0] = True
            self.sent = np.cumsum(starts) - 1
        self.doc, self.text = doc, text
        bounds = [*np.flatnonzero(starts).tolist(), len(doc)]
        self.sent_start = {
            k: (a, b) for k, (a, b) in enumerate(zip(bounds[:-1], bounds[1:], strict=True))
        }
        self.verbs, self.according = {}, []
        for match_id, start, end in matcher(doc):
            if doc.vocab.strings[match_id] == "SPEECH":
                self.verbs[start] = end
            else:
                self.according.append(start)
        self.used: set[int] = set()
        self.speakers: dict[int, tuple[int, int]] = {}  # sentence -> its first speaker

    # --- tokens and characters --------------------------------------------------------------
    def token_at(self, char: int) -> int:
        """The first token starting at or after ``char``."""
        return int(bisect_left(self.idx, char))

    def sentence(self, i: int) -> tuple[int, int]:
        return self.sent_start[int(self.sent[min(i, len(self.doc) - 1)])]

    def is_verb(self, i: int) -> bool:
        """Whether token ``i`` is a speech verb used as one."""
        if i not in self.verbs or i < 0:
            return False
        word = self.doc[i].lower_
        before = {t.lower_ for t in self.doc[max(0, i - 2) : i]}
        if before & NEGATION:
            return False
        if word in NOUNISH and i > 0:
            prev = self.doc[i - 1]
            # "the notes", "unverified claims", "heard reports", "Special Counsel Report"
            if prev.lower_ in NOUN_BEFORE or (prev.is_lower and prev.lower_.endswith("d")):
                return False
            if self.doc[i].text[:1].isupper() and not self.doc[i].is_sent_start:
                return False
        if word.endswith("ing") and (i == 0 or self.doc[i - 1].text != ","):
            return False
        if self.doc[i].text[:1].isupper() and not self.doc[i].is_sent_start:
            return False  # a headline in title case: "UK Trade Minister Says '50-50' Chance"
        return not (word == "said" and i > 0 and self.doc[i - 1].lower_ in {"the", "a", "as"})

    def name_token(self, i: int) -> bool:
        """Whether token ``i`` can be part of a speaker phrase."""
        t = self.doc[i]
        if t.text in {"'s", "’s", "'", "’"}:  # a possessive, attached to its word
            return i > 0 and not self.doc[i - 1].whitespace_
        if t.text in DASHES:  # inside a word: "then-NATO", "Kassym-Jomart"
            return (
                0 < i < len(self.doc) - 1 and not self.doc[i - 1].whitespace_ and not t.whitespace_
            )
        if t.like_num:  # "10 Downing Street", not "two weeks"
            return i + 1 < len(self.doc) and self.doc[i + 1].text[:1].isupper()
        if not (t.is_alpha or re.fullmatch(r"(?:[A-Z]\.)+[A-Za-z]*\.?|[A-Za-z]+\.", t.text)):
            return False
        if t.lower_ in NOT_NAME:
            return False
        if t.is_title and not t.is_sent_start and t.text != "I":
            return True  # a name that is also a stop word: "Theresa May"
        if t.is_stop and t.lower_ not in NAME_STOP_WORDS:
            # "then-NATO": a stop word joined to a name by a hyphen
            nxt = self.doc[i + 1] if i + 1 < len(self.doc) else None
            return nxt is not None and nxt.text in DASHES and not t.whitespace_
        return True

    def span_chars(self, a: int, b: int) -> tuple[int, int]:
        return int(self.doc[a].idx), int(self.doc[b - 1].idx + len(self.doc[b - 1]))

    # --- speaker phrases ------------------------------------------------------------------
    def subject_before(self, v: int) -> tuple[int, int] | None:
        """The speaker phrase before verb ``v`` (token range), or None."""
        lo = self.sentence(v)[0]
        i = v - 1
        while i >= lo and self.doc[i].lower_ in BEFORE_VERB:
            i -= 1
        while i >= lo and self.doc[i].text == ",":  # adjuncts between subject and verb
            j = i - 1
            while j >= lo and j > i - 25 and self.doc[j].text not in {",", ".", ";", ":"}:
                j -= 1
            first = self.doc[j + 1].text if j + 1 < i else ""
            # "flanked by Varadkar during his statement": lower case at both ends, no name
            adjunct = (
                first[:1].islower() and first not in {"the", "a", "an"} and self.doc[i - 1].is_lower
            )
            if (adjunct or first.lower() in ADJUNCT_START) and j >= lo and self.doc[j].text == ",":
                i = j
                continue
            if first in {"the", "a", "an"} and j > lo and self.doc[j].text == ",":
                # "Julian Smith, the man with the impossible job ..., told": the name before
                if self.doc[j - 1].text[:1].isupper():
                    i = j - 1
                    break
            i -= 1  # an apposition: "the Chairman ..., Vyacheslav Volodin, noted"
            break
        if i < lo:
            return None
        if self.doc[i].lower_ in {"who", "which", "that"} and i - 1 >= lo:  # "MPs who said"
            i -= 1 + (self.doc[i - 1].text == "," and i - 2 >= lo)
        if self.doc[i].lower_ in PRONOUNS:
            return i, i + 1
        end = i + 1
        while i >= lo and end - i <= MAX_SPEAKER and self.name_token(i):
            i -= 1
        start = i + 1
        # an apposition before a comma: "the head of ..., Sultan Kamaletdinov, announced"
        if (start - 1 >= lo and self.doc[start - 1].text == "," and start < end
                and self.doc[start].text[:1].isupper()):  # fmt: skip
            k = start - 2
            while k >= lo and start - k <= MAX_SPEAKER and self.name_token(k):
                k -= 1
            opener = self.doc[k].lower_ if k >= lo else ""
            # not "After a meeting with the Prime Minister, Nigel Dodds said"
            if (
                k + 1 < start - 1
                and self._has_title_head(k + 1, start - 1)
                and opener not in PREPOSITIONS
            ):
                start = k + 1
        return self._trim(start, end)

    def _has_title_head(self, a: int, b: int) -> bool:
        return any(self.doc[j].lower_ in ROLE_NOUNS for j in range(a, b))

    def subject_after(self, i: int, limit: int | None = None) -> tuple[int, int] | None:
        """The speaker phrase starting at token ``i`` ("said the minister"), or None. A
        lower-case word continues it only as an office ("press secretary") or inside a
        phrase opened by "the", "a" or "of" ("the final document of the summit"), so a
        verb after a name ("Tusk reiterated") ends it."""
        n = len(self.doc) if limit is None else limit
        if i < n and self.doc[i].lower_ in PRONOUNS:
            return i, i + 1
        end, phrase = i, False
        while end < n and end - i < MAX_SPEAKER and end not in self.verbs and self.name_token(end):
            t = self.doc[end]
            if t.lower_ in NAME_STOP_WORDS:
                phrase = True
            elif t.is_lower and t.lower_ not in ROLE_NOUNS:
                prev = self.doc[end - 1] if end > i else None
                if not phrase or prev is None:
                    break
            end += 1
        return self._trim(i, end)

    def clause_subject(self, v: int) -> tuple[int, int] | None:
        """The subject of the clause an -ing speech verb hangs from ("Tusk lashed out ...,
        saying"): the speaker already found in the sentence, else its first name phrase."""
        lo, _ = self.sentence(v)
        if self.sent[lo] in self.speakers:
            return self.speakers[self.sent[lo]]
        i = lo
        while i < v and (self.doc[i].is_punct or self.doc[i].is_space):
            i += 1
        head = self.doc[i].text if i < v else ""
        function_word = self.doc[i].is_stop and head.lower() not in NAME_STOP_WORDS | PRONOUNS
        if head.endswith("ing") or head.lower() in NOT_NAME or function_word:
            while i < v and self.doc[i].text != ",":  # "Addressing reporters in Brussels, Tusk"
                i += 1
            i += 1
        return self.subject_after(i, v) if i < v else None

    def speaker_of(self, v: int) -> tuple[int, int] | None:
        """The speaker of verb ``v``: the subject before it, or the clause's for -ing forms."""
        found = (
            self.clause_subject(v) if self.doc[v].lower_.endswith("ing") else self.subject_before(v)
        )
        if found is not None:
            self.speakers.setdefault(self.sent[v], found)
        return found

    def _trim(self, start: int, end: int) -> tuple[int, int] | None:
        while start < end and self.doc[start].lower_ in {"of", "for", "from", "'s", "’s"}:
            start += 1
        while end > start and self.doc[end - 1].lower_ in NAME_STOP_WORDS:
            end -= 1
        if start >= end or not any(self.doc[j].is_alpha for j in range(start, end)):
            return None
        return start, end

    # --- quotation marks ------------------------------------------------------------------
    def marked(self) -> list[tuple[int, int, int, int]]:
        """Quoted passages as (opening mark, content start, content end, after the closing
        mark) in characters, paragraph by paragraph, continued over paragraphs."""
        text, out = self.text, []
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        carry = None  # (opening mark, its kind) of a quote still open at the paragraph's end
        for k, (a, b) in enumerate(lines):
            line = text[a:b]
            lead = len(line) - len(line.lstrip())
            first = _mark(text, a + lead) if lead < len(line) else None
            opened = None
            if carry is not None and first and first[0] == "open" and first[1] == carry[1]:
                opened, pos = carry, a + lead + 1
            else:
                pos = a
                if re.match(r"\s*[-–—]{1,2}\s", line):  # a dash line: "- We pay ..., - X said"
                    out += self._dash_line(a, b, lead)
                    carry = None
                    continue
            carry = None
            for seen, m in enumerate(MARKS.finditer(text, pos, b)):
                role = _mark(text, m.start())
                if opened is not None and opened[1] == "double" and m.group() == '"':
                    role = ("close", "double")  # 'NATO ".': a straight mark closes what is open
                if role is None:
                    continue
                if opened is None and role[0] == "open":
                    opened = (m.start(), role[1])
                elif opened is None and role == ("close", "double") and not seen:
                    # a closing mark with no opening before it on its line: the opening was
                    # left out ("... our democracy,” he added."); the quote starts the line
                    out.append((a + lead, a + lead, m.start(), m.end()))
                elif opened is not None and role[0] == "close" and role[1] == opened[1]:
                    out.append((opened[0], opened[0] + 1, m.start(), m.end()))
                    opened = None
            if opened is not None:
                nxt = lines[k + 1][0] if k + 1 < len(lines) else None
                if nxt is not None:
                    nxt += len(text[nxt : lines[k + 1][1]]) - len(
                        text[nxt : lines[k + 1][1]].lstrip()
                    )
                    role = _mark(text, nxt)
                    if role and role[0] == "open" and role[1] == opened[1]:
                        carry = opened
                        continue
                close = DASH_CLOSE.search(text, opened[0] + 1, b)  # '"Cooperation ..., -- said'
                if close:
                    out.append((opened[0], opened[0] + 1, close.start() + 1, close.end()))
                else:  # never closed: it runs to the end of its paragraph
                    out.append((opened[0], opened[0] + 1, b, b))
        return out

    def _dash_line(self, a: int, b: int, lead: int) -> list[tuple[int, int, int, int]]:
        """Dash-introduced direct speech: "- We pay ..., - Fournet stated. - Its concept ..."."""
        text, out = self.text, []
        opened = re.match(r"\s*[-–—]{1,2}\s+", text[a:b])
        start = a + opened.end()
        close = DASH_CLOSE.search(text, start, b)
        if not close:
            return []  # no attribution on the line: an interview answer or a list item
        out.append((a + lead, start, close.start() + 1, close.end()))
        again = DASH_OPEN.search(text, close.end(), b)
        if again:
            end = b
            more = DASH_CLOSE.search(text, again.end(), b)
            out.append((again.start() + 1, again.end(), more.start() + 1 if more else end, end))
        return out

    def located(self) -> list[dict]:
        """``quotes`` with the speaker in characters, its sentence, and whether it is a
        pronoun or an office without a name (to be resolved)."""
        out = []
        for q in self.quotes():
            a, b = q.pop("speaker")
            words = [t.lower_ for t in self.doc[a:b]]
            anaphor = (b - a == 1 and words[0] in PERSON_PRONOUNS) or (
                set(words) - {"the", "a", "of"} <= ROLE_NOUNS
            )
            first = min(self.token_at(q["start"]), a)
            s, e = self.span_chars(a, b)
            out.append(
                q
                | {
                    "speaker_start": s,
                    "speaker_end": e,
                    "anaphor": anaphor,
                    "sentence": int(self.sent[min(first, len(self.doc) - 1)]),
                }
            )
        return out

    # --- attribution ----------------------------------------------------------------------
    def quotes(self) -> list[dict]:
        """Direct quotes with their attribution, then reported speech."""
        found: list[dict] = []
        for open_at, start, end, after in self.marked():
            content = self.text[start:end]
            start += len(content) - len(content.lstrip())
            end -= len(content) - len(content.rstrip(" \n,"))
            if not WORD.search(self.text[start:end]):
                continue
            speaker = self.attribution_after(end, after) or self.attribution_before(open_at)
            if speaker is None and found and found[-1]["speaker"] is not None:
                speaker = self.continues(found[-1], open_at)
            found.append({"kind": "direct", "start": start, "end": end, "speaker": speaker})
        direct = [q for q in found if q["speaker"] is not None]
        spans = [(q["start"], q["end"]) for q in found]
        reported = self.reported(spans)
        return direct + reported

    def attribution_after(self, end: int, after: int) -> tuple[int, int] | None:
        """``“…,” X said`` / ``said X`` / ``according to X`` right after a closing mark."""
        gap = re.match(r"[\s,]*(?:[-–—]{1,2}\s*)?", self.text[after : after + 20])
        t = self.token_at(after + gap.end())
        if t >= len(self.doc) or "\n" in self.text[after : self.doc[t].idx]:
            return None
        last = self.text[end - 1 : end]
        first = self.doc[t]
        sentence_end = last in ".…" and "," not in self.text[after : first.idx]
        if sentence_end and first.text[:1].isupper():
            return self._trailing_name_verb(t)
        if t in self.verbs and self.is_verb(t):  # "said X"
            self.used.add(t)
            return self.subject_after(self.verbs[t])
        if t in self.according:
            self.used.add(t)
            return self.subject_after(t + 2)
        np_ = self.subject_after(t)
        if np_ is None:
            return None
        v = np_[1]
        while v < len(self.doc) and self.doc[v].lower_ in BEFORE_VERB:
            v += 1
        if v in self.verbs and self.is_verb(v):
            self.used.add(v)
            return np_
        return None

    def _trailing_name_verb(self, t: int) -> tuple[int, int] | None:
        """``“….” Tokayev said.`` — a name and a verb closing the sentence, not ``He added:``."""
        np_ = self.subject_after(t)
        if np_ is None:
            return None
        v = np_[1]
        if v in self.verbs and self.is_verb(v):
            nxt = self.doc[self.verbs[v]] if self.verbs[v] < len(self.doc) else None
            if nxt is None or nxt.text in {".", "!", "\n"} or nxt.is_space:
                self.used.add(v)
                return np_
        return None

    def attribution_before(self, open_at: int) -> tuple[int, int] | None:
        """``X said: “…”``, ``X said, “…”``, ``X said that “…”``, ``X told reporters “…”``."""
        o = self.token_at(open_at)
        lo = self.sentence(max(o - 1, 0))[0]
        if o == 0 or "\n" in self.text[self.doc[o - 1].idx : open_at]:
            return None
        colon = self.doc[o - 1].text == ":"
        j = o - 1
        if self.doc[j].text in {":", ","} or self.doc[j].lower_ == "that":
            j -= 1
        for v in range(j, max(lo, j - 8) - 1, -1):
            if self.doc[v].text in {".", "!", "?", ";"} or self.doc[v].text in OPEN_MARKS:
                return None
            if v in self.verbs and self.is_verb(v):
                gap = self.verbs[v] - 1 < j and j - self.verbs[v] + 1
                ok = colon or not gap or (self.doc[v].lower_ in TELL and gap <= 4)
                if ok and v not in self.used:
                    speaker = self.speaker_of(v)
                    if speaker is not None:
                        self.used.add(v)
                    return speaker
                return None
        return None

    def continues(self, previous: dict, open_at: int) -> tuple[int, int] | None:
        """The speaker of ``previous`` when this quote opens the next sentence of the same
        paragraph (``“A,” he said. “B.”``)."""
        between = self.text[previous["end"] : open_at]
        if between.count("\n") > 2 or len(between) > 160:
            return None
        if "\n" in between:  # a paragraph that is all quote, after the speaker's paragraph
            rest = self.text[open_at : self.text.find("\n", open_at) % (len(self.text) + 1)]
            closes = [
                m
                for m in MARKS.finditer(rest)
                if _mark(rest, m.start()) == ("close", "double")
                or _mark(rest, m.start()) == ("close", "single")
            ]
            if between.strip()[-1:] not in ".!?" or (closes and rest[closes[-1].end() :].strip()):
                return None
            return previous["speaker"]
        before = self.text[:open_at].rstrip()
        if before[-1:] in ".!?:":
            return previous["speaker"]
        return None

    def reported(self, spans: list[tuple[int, int]]) -> list[dict]:
        """Reported speech: ``X said (that) …``, ``according to X, …``, ``…, X said.``"""
        out = []

        def inside(i: int) -> bool:
            c = self.doc[i].idx
            return any(a <= c < b for a, b in spans)

        for v, after in sorted(self.verbs.items()):
            if v in self.used or inside(v) or not self.is_verb(v):
                continue
            found = self._verb_that(v, after) or self._trailing(v, after)
            if found:
                self.used.add(v)
                out.append(found)
        for a in self.according:
            if a in self.used or inside(a):
                continue
            found = self._according(a)
            if found:
                out.append(found)
        return out

    def _quote(self, a: int, b: int, speaker) -> dict | None:
        """Reported text from token ``a`` to ``b`` (sentence punctuation and quote marks off)."""
        while b > a and (self.doc[b - 1].is_punct or self.doc[b - 1].is_space):
            b -= 1
        while a < b and (self.doc[a].is_punct or self.doc[a].is_space):
            a += 1
        if b - a < 2 or speaker is None:
            return None
        start, end = self.span_chars(a, b)
        return {"kind": "reported", "start": start, "end": end, "speaker": speaker}

    def _verb_that(self, v: int, after: int) -> dict | None:
        """``X said (on Monday) that …``; ``X said the …`` for say-verbs."""
        lo, hi = self.sentence(v)
        word = self.doc[v].lower_
        for j in range(after, min(hi, after + 7)):
            t = self.doc[j]
            if t.lower_ == "that":
                return self._quote(j + 1, hi, self.speaker_of(v))
            if t.is_punct or j in self.verbs or word in NOUNISH:
                break
        if word in NOUNISH or word not in SAY or after >= hi:
            return None
        nxt = self.doc[after]
        if nxt.lower_ in CLAUSE_START or (
            nxt.is_alpha and not nxt.is_stop and nxt.lower_ not in NOT_CLAUSE
        ):
            return self._quote(after, hi, self.speaker_of(v))
        return None

    def _trailing(self, v: int, after: int) -> dict | None:
        """``…, the ministry said.`` / ``…, said the minister.`` / ``…, as X declared.``"""
        lo, hi = self.sentence(v)
        word = self.doc[v].lower_
        if word in NOUNISH - {"states", "notes", "stresses", "adds"} and word[-1] != "d":
            return None
        end = hi
        while end > after and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
            end -= 1
        subject = self.subject_before(v)
        tail = [t.lower_ for t in self.doc[after:end]]
        if len(tail) <= 4 and all(w in NOT_NAME or w in TAIL for w in tail):
            end = after  # "..., the minister warned today."
        if end == after and subject is not None:  # "..., the ministry said."
            c = subject[0] - 1
            if c > lo and self.doc[c].lower_ == "as":
                c -= 1
            if c > lo and self.doc[c].text == ",":
                return self._quote(lo, c, subject)
            return None
        inverted = self.subject_after(after, hi)
        if inverted and inverted[1] == end and v - 1 > lo and self.doc[v - 1].text == ",":
            return self._quote(lo, v - 1, inverted)
        return None

    def _according(self, a: int) -> dict | None:
        """``According to X, …`` and ``…, according to X.``"""
        lo, hi = self.sentence(a)
        k = a + 2
        while k < hi and k - a <= MAX_ACCORDING and self.doc[k].text not in {",", ".", ";", ":"}:
            if (
                k > a + 3
                and self.doc[k].lower_ in {"the", "a", "an", "this", "these"}
                and self.doc[k - 1].text[:1].isupper()
                and self.doc[k - 1].is_alpha
            ):
                # no comma: "According to the senator Mukhtar Altynbayev the suggestion ..."
                speaker = self._trim(a + 2, k)
                return self._quote(k, hi, speaker) if speaker else None
            k += 1
        speaker = self._trim(a + 2, k)
        if speaker is None or self.doc[speaker[1] - 1].lower_ in NOT_SOURCES:
            return None
        if {self.doc[j].lower_ for j in range(a + 2, k)} & {"standards", "rules", "plan", "law"}:
            return None
        opening = a == lo or all(
            self.doc[j].lower_ in {"and", "but", "so", "however", ","} or self.doc[j].is_space
            for j in range(lo, a)
        )
        if opening or (k < hi and self.doc[k].text == "," and a > lo and
                       self.doc[a - 1].text == ","):  # fmt: skip
            b = k + 1
            if b < hi and self.doc[b].lower_ in {"who", "which"}:  # ", who was on a visit,"
                while b < hi and self.doc[b].text != ",":
                    b += 1
                b += 1
            return self._quote(b, hi, speaker)
        if a > lo and self.doc[a - 1].text == ",":  # "..., according to X."
            return self._quote(lo, a - 1, speaker)
        return None


def _mark(text: str, i: int) -> tuple[str, str] | None:
    """Whether the character at ``i`` opens or closes a quote, and of which kind ("double",
    "single"); None for an apostrophe (don't, May's) or anything else."""
    c = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if c in "“«„":
        return "open", "double"
    if c in "”»":
        return "close", "double"
    free_before = before.isspace() or before in "([{—–-/“\"'‘"
    if c == '"':
        if free_before and not after.isspace():
            return "open", "double"
        return "close", "double"
    if c == "‘" or (c == "'" and free_before):
        return ("open", "single") if after.isalnum() or after in '“"' else None
    if c in "’'" and not before.isspace() and not after.isalnum():
        return "close", "single"
    return None


def _attribute(doc_id, text: str, found: list[dict], mentions: _Mentions) -> list[tuple]:
    """Rows of ``find_quotes`` for one article: each speaker's actor, pronouns resolved.

    ``found``: the quotes with ``speaker_start``, ``speaker_end``, ``sentence`` (of the quote
    or its speaker, whichever comes first) and ``anaphor`` (a pronoun or an office alone);
    ``mentions``: the article's, from ``_mentions_by_doc``."""
    found = sorted(found, key=lambda q: (q["start"], q["end"], q["speaker_start"]))
    direct = [(q["start"], q["end"]) for q in found if q["kind"] == "direct"]
    # who: (sub_actor, actor), the entry named and the entry it rolls up to
    ments = list(zip(mentions.start, mentions.end, mentions.who, mentions.kind,
                     mentions.sentence_id, strict=True))  # fmt: skip
    locative = mentions.locative
    # earlier persons a pronoun may refer to: (position, sentence, surface, who)
    persons = [(int(s), int(sid), text[s:e], who) for s, e, who, k, sid in ments
               if k == "person" and not any(x <= s < y for x, y in direct)]  # fmt: skip
    rows = []
    for k, q in enumerate(found):
        a, b = q["speaker_start"], q["speaker_end"]
        # the speaker is the subject of a speech verb or follows "according to": a place there
        # speaks when it is the whole speaker, and is a modifier when it is part of a longer one
        whole = a + (4 if text[a:b].lower().startswith("the ") else 0), b
        inside = [(who, kind) for (s, e, who, kind, _), place in zip(ments, locative, strict=True)
                  if s >= a and e <= b and (not place or (s, e) == whole)]  # fmt: skip
        who, antecedent, resolved = (None, None), None, True
        if inside:
            people = [x for x, kind in inside if kind == "person"]
            who = people[-1] if people else inside[0][0]
        elif q["anaphor"]:
            before = min(q["start"], a)
            earlier = [p for p in persons if p[0] < before and p[1] >= q["sentence"] - WINDOW]
            if earlier:
                _, _, antecedent, who = max(earlier)
            else:
                resolved = False
        person = any(kind == "person" for _, kind in inside)
        surnames = {p[2].split()[-1] for p in persons if len(p[2].split()) > 1}
        if q["anaphor"] and antecedent is not None:
            persons.append((a, q["sentence"], antecedent, who))  # "he" again: the same one
        elif not q["anaphor"] and (
            person or (not inside and _looks_like_name(text[a:b], surnames))
        ):
            # a named person speaking: a later "he" may refer to them
            persons.append((a, q["sentence"], text[a:b], who))
        words = len(WORD.findall(text[q["start"] : q["end"]]))
        rows.append((doc_id, k, q["kind"], q["start"], q["end"], text[q["start"] : q["end"]],
                     text[a:b], a, b, words, who[1], who[0], resolved, antecedent))  # fmt: skip
    return rows


def _looks_like_name(surface: str, surnames: set[str]) -> bool:
    """A person the gazetteer lacks: ends in two capitalised words ("Donald Tusk"), a title
    and a name ("Mr Varadkar"), or the surname of a person named before ("Tusk"); not
    "the EU", "The Guardian" or "Brexiteers"."""
    words = surface.split()
    if not (words[-1][:1].isupper() and not words[-1].isupper()):
        return False
    if len(words) == 1:
        return words[0] in surnames
    return words[-2].lower() in TITLES or (words[-2][:1].isupper() and not words[-2].isupper())


def quote_sources(articles: pd.DataFrame) -> pd.Series:
    """The source of each article, by ``doc_id``: its outlet where known, else its subfolder
    (a corpus sorted into folders by outlet), else "unknown source" — never its author, who
    writes for an outlet and is not one."""
    folder = articles["folder"] if "folder" in articles else pd.Series(".", articles.index)
    outlet = articles["outlet"] if "outlet" in articles else pd.Series(None, articles.index)
    source = outlet.fillna(folder.where(folder.ne(".") & folder.notna())).fillna("unknown source")
    return pd.Series(source.to_numpy(), index=articles.doc_id)


def count_speakers(
    quotes: pd.DataFrame, articles: pd.DataFrame, level: str = "actor"
) -> pd.DataFrame:
    """Quotes and quoted words per outlet and speaking actor.

    Input: ``find_quotes`` output and the articles (for ``outlet``, falling back to
    ``folder``). ``level`` "actor" (the default, as in ``count_mentions``) counts each
    speaker for the actor it rolls up to (Sadyr Japarov for Kyrgyzstan), "sub_actor" for the
    gazetteer entry named. Speakers with no actor count as "unattributed".
    Output: one row per ``outlet`` and ``actor`` (the chosen level, under that name) with
    ``n`` (quotes), ``quoted_words`` and
    ``share`` (the actor's share of the outlet's quotes), largest outlets first, then largest
    ``n``.

    >>> q = pd.DataFrame({"doc_id": ["a", "a", "b"], "actor": ["Russia", None, "NATO"],
    ...                   "sub_actor": ["Putin", None, "NATO"], "n_words": [10, 4, 6]})
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", None], "folder": ".",
    ...                      "author": ["A. Writer", "B. Writer"]})
    >>> count_speakers(q, arts).values.tolist()
    [['X', 'Russia', 1, 10, 0.5], ['X', 'unattributed', 1, 4, 0.5], \
['unknown source', 'NATO', 1, 6, 1.0]]
    """
    if level not in {"actor", "sub_actor"}:
        raise ValueError(f"level must be 'actor' or 'sub_actor', not {level!r}")
    sources = quote_sources(articles)
    missing = set(quotes.doc_id) - set(sources.index)
    if missing:
        raise ValueError(f"quotes from articles not in `articles`: {sorted(missing)[:3]}")
    table = pd.DataFrame({
        "outlet": quotes.doc_id.map(sources).to_numpy(),
        "actor": quotes[level].fillna(UNATTRIBUTED).to_numpy(),
        "n_words": quotes.n_words.to_numpy(),
    })  # fmt: skip
    counts = table.groupby(["outlet", "actor"], as_index=False).agg(
        n=("n_words", "size"), quoted_words=("n_words", "sum")
    )
    totals = counts.groupby("outlet").n.transform("sum")
    counts["share"] = counts.n / totals
    counts["_total"] = totals
    counts = counts.sort_values(["_total", "outlet", "n", "actor"],
                                ascending=[False, True, False, True], kind="stable")  # fmt: skip
    return (
        counts.drop(columns="_total").reset_index(drop=True).astype({"n": int, "quoted_words": int})
    )


def top_speakers(speakers: pd.DataFrame, articles: pd.DataFrame, min_articles: int = 3):
    """The actor quoted most in each outlet, where the outlet has enough articles to say so.

    Input: ``count_speakers`` output and the articles. Output: one row per ``outlet`` (in the
    order of ``speakers``) with ``n_articles``, ``n`` (its quotes), ``actor`` (the attributed
    actor with most quotes; missing when none is attributed), ``actor_n``, ``share`` (of the
    outlet's quotes) and ``estimable`` (False below ``min_articles`` articles: one or two
    articles say what those articles quote, not what the outlet does).
    """
    sizes = quote_sources(articles).value_counts()
    rows = []
    for outlet, group in speakers.groupby("outlet", sort=False):
        named = group[group.actor != UNATTRIBUTED].sort_values("n", ascending=False, kind="stable")
        top = named.iloc[0] if len(named) else None
        rows.append({
            "outlet": outlet, "n_articles": int(sizes.get(outlet, 0)), "n": int(group.n.sum()),
            "actor": None if top is None else top.actor,
            "actor_n": 0 if top is None else int(top.n),
            "share": np.nan if top is None else float(top.share),
        })  # fmt: skip
    table = pd.DataFrame(rows, columns=["outlet", "n_articles", "n", "actor", "actor_n", "share"])
    return table.assign(estimable=table.n_articles >= min_articles)
