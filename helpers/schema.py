"""The tables' vocabulary, written once: every column of every table with its type and meaning.

``TABLES`` maps a table's name to its description and its columns (``{column: (type,
meaning)}``), in the order the helpers return them. It is the data dictionary of the saved tables
(``helpers.tables`` writes ``tables/README.md`` from it), the source of the column constants
(``columns("actor_mentions")`` is ``helpers.actors.MENTION_COLUMNS``, ``columns("dates")``
``helpers.timeline.DATE_COLUMNS``, ``columns("tokens")`` ``helpers.text.TOKEN_COLUMNS``,
``columns("files")`` ``helpers.corpus.FILE_COLUMNS``, ``columns("quotes")``
``helpers.quotes.QUOTE_COLUMNS``), and what a helper's docstring points to for its output.

Shared names mean the same thing in every table: ``doc_id`` the article, ``term`` a counted
term, ``n`` a count, ``actor`` the rolled-up actor, ``sub_actor`` the entry named, ``role``
agentive or locative. A rate carries its unit: ``per_1000_words`` (per 1,000 words of clean
text) or ``per_1000_terms`` (per 1,000 counted terms), never a bare ``per_1000``.
"""

from __future__ import annotations

TABLES: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
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
        "per_1000_terms": ("float", "occurrences per 1,000 counted terms of the article"),
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
TABLES["keyness_period"] = (
    "Terms distinguishing the early period from the late one.",
    TABLES["keyness_source"][1],
)
TABLES |= {
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

# Tables the helpers return but the notebooks do not save: described here all the same.
TABLES |= {
    "tokens": ("One row per counted term occurrence (helpers.text.term_tokens).", {
        "doc_id": ("string", "article"),
        "position": ("integer", "the term's number among the article's counted terms (0, 1, ...)"),
        "term": ("string", "lower-cased lemma, compound or multiword name"),
        "sentence_id": ("integer", "sentence number within the article"),
        "start": ("integer", "offset in the clean text"),
        "end": ("integer", "offset after the term in the clean text"),
    }),
    "mention_counts": ("Mentions per actor per article (helpers.actors.count_mentions).", {
        "doc_id": ("string", "article"),
        "actor": ("string", "the actor (or the entry named, at level sub_actor)"),
        "n": ("integer", "mentions in the article"),
        "per_1000_words": ("float", "mentions per 1,000 words of the article's clean text"),
    }),
}  # fmt: skip


def columns(table: str) -> list[str]:
    """The columns of ``table``, in order.

    >>> columns("tokens")
    ['doc_id', 'position', 'term', 'sentence_id', 'start', 'end']
    """
    return list(TABLES[table][1])


def describe(table: str, column: str) -> str:
    """A column's meaning, for a docstring or a message.

    >>> describe("term_counts", "per_1000_terms")
    'occurrences per 1,000 counted terms of the article'
    """
    return TABLES[table][1][column][1]
