"""Dated expressions: each form, each trap, the resolution rules, and the seeds read by hand."""

import datetime as dt

import pandas as pd
import pytest

from helpers.timeline import find_dates, publication_bounds

D = dt.date


def dates(text, published="2022-10-10"):
    arts = pd.DataFrame({"doc_id": ["a"], "text": [text],
                         "published": [pd.Timestamp(published) if published else pd.NaT]})  # fmt: skip
    return find_dates(arts)


def one(text, published="2022-10-10"):
    found = dates(text, published)
    assert len(found) == 1, found.surface.tolist()
    row = found.iloc[0]
    return row.surface, row.date_start, row.date_end, row.precision


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It was approved on April 18, 2011.", ("April 18, 2011", D(2011, 4, 18), D(2011, 4, 18), "day")),
        ("Since January 1st 2011 it works.", ("January 1st 2011", D(2011, 1, 1), D(2022, 10, 10), "day")),
        ("Filed Oct. 10, 2022 in Bishkek.", ("Oct. 10, 2022", D(2022, 10, 10), D(2022, 10, 10), "day")),
        ("The vote of 15.06.2011 stands.", ("15.06.2011", D(2011, 6, 15), D(2011, 6, 15), "day")),
        ("In December 2020 he spoke.", ("December 2020", D(2020, 12, 1), D(2020, 12, 31), "month")),
        ("It began in January 2003.", ("January 2003", D(2003, 1, 1), D(2003, 1, 31), "month")),
        ("It was founded in 2004.", ("in 2004", D(2004, 1, 1), D(2004, 12, 31), "year")),
        ("Dialogue since 1992 went on.", ("since 1992", D(1992, 1, 1), D(2022, 10, 10), "year")),
        ("A partner from the start (1994).", ("1994", D(1994, 1, 1), D(1994, 12, 31), "year")),
        ("Cooperation from 1993 grew.", ("from 1993", D(1993, 1, 1), D(1993, 12, 31), "year")),
        ("Starting from 1993 it grew.", ("from 1993", D(1993, 1, 1), D(2022, 10, 10), "year")),
        ("Relations cooled after 2010.", ("after 2010", D(2011, 1, 1), None, "year")),
        ("Few troops served before 2010.", ("before 2010", None, D(2009, 12, 31), "year")),
        ("The mission ran 2014–2016.", ("2014–2016", D(2014, 1, 1), D(2016, 12, 31), "year")),
        ("Talks stalled in early 2011.", ("in early 2011", D(2011, 1, 1), D(2011, 4, 30), "part")),
        ("A clash on September 15–17 left dead.", ("September 15–17", D(2022, 9, 15), D(2022, 9, 17), "day")),
        ("Drills from October 10 to 14 were cancelled.",
         ("from October 10 to 14", D(2022, 10, 10), D(2022, 10, 14), "day")),
    ],
)  # fmt: skip
def test_date_forms(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The letter SG(2010)0102 was answered.",
        "The letter No. 10/297 was answered.",
        "Over 285 representatives came, more than 40 overseas moderators.",
        "The problems of the past 40 years remain.",
        "At the 77th UN General Assembly they argued.",
        "He celebrated his 70th birthday.",
        "The S-300 systems arrived.",
        "He turned 70 two days earlier.",
        "The 5-day exercises began; may 16 officers attend.",
    ],
)
def test_traps_give_no_date(text):
    assert dates(text).empty


def test_partial_dates_take_the_latest_year_on_or_before_publication():
    assert one("On June 10th parliament voted.", "2011-06-15")[1] == D(2011, 6, 10)
    assert one("The summit on May 16 was held.", "2022-05-17")[1] == D(2022, 5, 16)
    assert one("In August they trained.", "2022-10-10")[1:] == (
        D(2022, 8, 1),
        D(2022, 8, 31),
        "month",
    )
    assert one("In January of this year unrest.", "2022-05-17")[1] == D(2022, 1, 1)


def test_year_boundary_goes_back_a_year():
    assert one("The decree of December 20 was signed.", "2022-01-15")[1] == D(2021, 12, 20)
    assert one("The decree of December 20 was signed.", "2022-12-25")[1] == D(2022, 12, 20)


def test_future_sentence_looks_ahead():
    assert one("On October 14, there will be a meeting.", "2022-10-10")[1] == D(2022, 10, 14)
    assert one("There will be a meeting on October 1.", "2022-10-10")[1] == D(2023, 10, 1)
    row = dates("On October 14, there will be a meeting.").iloc[0]
    assert row.resolution == "future"


def test_undated_article_keeps_relative_dates_unresolved():
    found = dates("On May 16 and in August, as in 2004, on April 18, 2011 and yesterday.", None)
    assert found.surface.tolist() == ["May 16", "in August", "in 2004", "April 18, 2011",
                                      "yesterday"]  # fmt: skip
    unresolved = found[found.resolution == "unresolved"]
    assert unresolved.surface.tolist() == ["May 16", "in August", "yesterday"]
    assert unresolved.date_start.isna().all() and unresolved.date_end.isna().all()


def test_open_and_ranged_intervals_carry_their_flags():
    found = dates("NATO has worked here since 2014, but not before 2010.").set_index("surface")
    assert found.loc["since 2014", ["kind", "open_start", "open_end"]].tolist() == [
        "open", False, True]  # fmt: skip
    assert found.loc["before 2010", ["open_start", "open_end"]].tolist() == [True, False]
    assert found.modality["since 2014"] == "ongoing"


@pytest.mark.parametrize(
    "text, modality",
    [
        ("The summit planned for 9 May 2020 was cancelled.", "cancelled"),
        ("The parade did not take place on 9 May 2020.", "cancelled"),
        ("The drills scheduled for March 2021 were postponed.", "cancelled"),
        ("Kyrgyzstan will hold a referendum in 2023.", "planned"),
        ("Uzbekistan is expected to join in April 2021.", "planned"),
        ("The treaty was signed in 1992.", "past"),
        ("NATO has worked with Kyrgyzstan since 2014.", "ongoing"),
    ],
)
def test_modality_from_cue_words(text, modality):
    assert dates(text).modality.tolist() == [modality]


def test_relative_expressions_against_the_publication_date():
    # 2022-10-12 is a Wednesday.
    text = "Putin arrived on Tuesday and will leave on Thursday; the drills were last week."
    found = dates(text, "2022-10-12").set_index("surface")
    assert found.date_start["Tuesday"] == D(2022, 10, 11)
    assert found.date_start["Thursday"] == D(2022, 10, 13)
    assert (found.date_start["last week"], found.date_end["last week"]) == (
        D(2022, 10, 3), D(2022, 10, 9))  # fmt: skip
    chained = dates("The talks began on 3 May 2004. Two days earlier, crowds gathered.")
    assert chained.date_start.tolist() == [D(2004, 5, 3), D(2004, 5, 1)]


def test_numeric_dates_follow_the_outlet_and_flag_a_guess():
    arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", None],
                         "text": ["Of 12/25/2013.", "Of 04/03/2014.", "Of 04/03/2014."],
                         "published": [pd.Timestamp("2014-08-01")] * 3})  # fmt: skip
    found = find_dates(arts).set_index("doc_id")
    assert found.date_start["b"] == D(2014, 4, 3) and not found.ambiguous["b"]
    assert found.date_start["c"] == D(2014, 3, 4) and found.ambiguous["c"]


def test_gold_set_scores():
    """The gold set (tests/data/dates_gold.psv): >= 150 expressions, >= 30 negatives;
    >= 90% exactly right overall, >= 85% on relative expressions, no false positive."""
    from dates_gold import gold_articles, load_gold, score, summary

    gold = load_gold()
    table = summary(score(gold, find_dates(gold_articles(gold))))
    assert table.n["overall"] >= 150 and table.n["negative"] >= 30
    assert table.correct["overall"] >= 0.90, table
    assert table.correct["relative"] >= 0.85, table
    assert table.false_positives.sum() == 0, table


def test_gold_set_modality():
    from dates_gold import gold_articles, load_gold, score

    gold = load_gold()
    scored = score(gold, find_dates(gold_articles(gold)))
    found = scored[scored.found & (scored.modality != "")]
    assert (found.modality == found.modality_found).mean() >= 0.9


def test_offsets_and_sentences():
    text = "NATO met in 2004.\n\nThen on April 18, 2011 it voted."
    found = dates(text)
    assert [
        text[s:e] for s, e in zip(found.start, found.end, strict=True)
    ] == found.surface.tolist()
    assert found.sentence_id.tolist() == [0, 1]
    assert found.sentence.tolist()[1] == "Then on April 18, 2011 it voted."


def test_publication_bounds_for_undated_articles():
    arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["In 2004 and on April 18, 2011.", "In 2020."],
                         "published": [pd.NaT, pd.Timestamp("2021-03-19")]})  # fmt: skip
    bounds = publication_bounds(arts, find_dates(arts)).set_index("doc_id")
    assert bounds.lower_bound["a"] == pd.Timestamp("2011-04-18")
    assert pd.isna(bounds.lower_bound["b"]) and bounds.published["b"] == pd.Timestamp("2021-03-19")


# Read by hand from the clean text of each seed. Relative expressions ("tomorrow", "this
# year", "today", "last week", "two days earlier") count too; 000 is undated, so its relative
# ones stay unresolved.
SEED_DATES = {
    "000": ["Tomorrow", "this year", "tomorrow", "in 2004", "April 18, 2011", "February 24, 2010",
            "February 18, 2010"],
    "001": ["June 10th", "January 1st 2011", "since 1992", "from 1994", "January 2003", "2003",
            "in 2004", "today", "1994", "today", "today"],
    "002": ["December 2020", "Today", "Since 2012", "since 1991", "After 2015"],
    "003": ["May 16", "January of this year", "since 2008", "in early May", "May 9",
            "January of this year", "the beginning of this year"],
    "004": ["this year", "last week", "September 15–17", "from October 10 to 14", "last week",
            "October 7", "two days earlier", "October 14", "February of this year",
            "the end of February", "from 1993", "in 2015", "In August"],
}  # fmt: skip


@pytest.fixture(scope="module")
def seed_dates(seed_corpus):
    return find_dates(seed_corpus.articles)


@pytest.mark.parametrize("doc", sorted(SEED_DATES))
def test_seed_dated_expressions(seed_dates, doc):
    assert seed_dates[seed_dates.doc_id.str.startswith(doc)].surface.tolist() == SEED_DATES[doc]


def test_seed_resolutions(seed_dates):
    d = seed_dates.set_index(seed_dates.doc_id.str[:3] + " " + seed_dates.surface)
    assert d.date_start["001 June 10th"] == D(2011, 6, 10)
    assert d.date_start["004 October 14"] == D(2022, 10, 14)
    assert d.resolution["004 October 14"] == "future"
    assert (d.date_start["004 September 15–17"], d.date_end["004 September 15–17"]) == (
        D(2022, 9, 15), D(2022, 9, 17))  # fmt: skip
    assert d.date_start["002 December 2020"] == D(2020, 12, 1)
    assert d.resolution["000 tomorrow"] == "unresolved" and pd.isna(d.date_start["000 tomorrow"])
    assert (d.date_start["001 since 1992"], d.date_end["001 since 1992"]) == (
        D(1992, 1, 1), D(2011, 6, 15))  # fmt: skip
    assert (d.date_start["001 from 1994"], d.kind["001 from 1994"]) == (D(1994, 1, 1), "open")
    assert (d.date_start["002 After 2015"], d.date_end["002 After 2015"]) == (D(2016, 1, 1), None)
    assert (d.date_start["003 in early May"], d.date_end["003 in early May"]) == (
        D(2022, 5, 1), D(2022, 5, 10))  # fmt: skip
    assert d.date_end["003 the beginning of this year"] == D(2022, 4, 30)
    assert d.date_start["004 two days earlier"] == D(2022, 10, 5)  # Rahmon's 70th birthday
    assert (d.date_start["004 last week"].iloc[0], d.date_end["004 last week"].iloc[0]) == (
        D(2022, 10, 3), D(2022, 10, 9))  # fmt: skip
    assert d.modality["004 from October 10 to 14"] == "cancelled"
    assert (d.date_start["004 from 1993"], d.date_end["004 from 1993"]) == (
        D(1993, 1, 1),
        D(1993, 12, 31),
    )  # "the agreement from 1993": dated, not open
    assert d.modality["004 October 14"] == "planned"
    years = {d.year for d in pd.concat([seed_dates.date_start, seed_dates.date_end]).dropna()}
    assert years == {1991, 1992, 1993, 1994, 2003, 2004, 2008, 2010, 2011, 2012, 2015, 2016, 2020,
                     2021, 2022}  # fmt: skip


def test_seed_traps_produce_no_date(seed_dates, seed_corpus):
    texts = seed_corpus.articles.set_index("doc_id").text
    for trap in ["SG(2010)0102", "10/297", "285", "40 years", "77th", "70th", "S-300", "turned 70"]:
        doc_id = next(d for d, t in texts.items() if trap in t)
        spans = seed_dates[seed_dates.doc_id == doc_id]
        where = texts[doc_id].index(trap)
        assert not ((spans.start <= where) & (spans.end > where)).any(), trap


def test_seed_undated_article_bound(seed_corpus, seed_dates):
    bounds = publication_bounds(seed_corpus.articles, seed_dates).set_index("doc_id")
    assert bounds.lower_bound.dropna().to_dict() == {
        "000_1b762103368fdd0f": pd.Timestamp("2011-04-18")
    }


def test_tag_actors_picks_first_priority_actor_of_the_sentence():
    from helpers.actors import find_mentions
    from helpers.timeline import tag_actors

    text = "Russia and NATO met in 2004. Nobody came in 2005."
    arts = pd.DataFrame({"doc_id": ["a"], "text": [text], "published": [pd.NaT]})
    found = find_dates(arts)
    tags = tag_actors(found, find_mentions(arts), ["NATO", "Russia"])
    assert tags.iloc[0] == "NATO" and pd.isna(tags.iloc[1])


def test_event_labels_after_or_before_the_date():
    from helpers.timeline import event_labels

    found = dates("In 2004 NATO planned an office. The border clashed on September 15–17.")
    assert event_labels(found, n_words=3).tolist() == ["NATO planned an…", "…border clashed on"]


@pytest.mark.parametrize(
    "text, n",
    [
        ("A statement from No. 10 followed. Then Art. 5 was invoked.", 2),
        ("Gen. Asanov and Lt. Col. Bakiev met Mr. Brown and Dr. Lee in St. Petersburg.", 1),
        ("The talks of Jan. 5 ended. They resume on Feb. 2 in the U.S. capital.", 2),
        ("NATO met in the U.S. The talks ended.", 2),
    ],
)
def test_sentences_know_abbreviations(text, n):
    from helpers.nlp import english

    assert len(list(english()(text).sents)) == n


def test_the_needs_miss_no_character_the_patterns_match():
    """A paragraph skipped for a need must be one no pattern can match (helpers.timeline.NEEDED,
    STARTS): every character that the needs' case-insensitive letters match casefolds to that
    letter (read with ı and İ as i), and to one character wherever offsets are used."""
    import re
    import sys

    from helpers.timeline import _MONTH_PREFIXES, NEEDED, STARTS

    words = {w for needs in NEEDED for need in needs if isinstance(need, tuple) for w in need}
    words |= {w for sources, _ in STARTS.values() for w in sources if w.isalpha()}
    words |= set(_MONTH_PREFIXES)
    letters = set("".join(w for w in words if w.isalpha()))
    any_letter = re.compile(f"(?i:[{''.join(sorted(letters))}])")
    matched = [chr(cp) for cp in range(sys.maxunicode + 1) if any_letter.fullmatch(chr(cp))]
    missed = []
    for c in matched:
        folded = c.casefold()
        for letter in letters:
            if not re.fullmatch(f"(?i:{letter})", c):
                continue
            if len(folded) == 1 and folded.replace("ı", "i") != letter:
                missed.append((letter, hex(ord(c))))  # an offset would point elsewhere
            if folded.replace("ı", "i").replace("\u0307", "") != letter:
                missed.append((letter, hex(ord(c))))  # a word would be missed
    assert len(matched) > 2 * len(letters)  # the upper and lower case at least, and ſ, K, ı
    assert missed == []


def test_an_article_knows_every_place_a_month_starts(seed_corpus):
    """``_Article.months`` (found from the casefolded text) is every offset where the patterns'
    month matches, found by trying each one; "capital" ones are those not in lower case."""
    from helpers.timeline import _MONTH, _Article

    texts = [*seed_corpus.articles.text[:2], "Sept. 5, mayo, MAY, ſeptember, Marx, OCT-NOV",
             "Straße in İstanbul, 5 Jan. and JANOV.", "Ke Jun-ho mar Marches", ""]  # fmt: skip
    for text in texts:
        article = _Article(text)
        assert article.months == [p for p in range(len(text)) if _MONTH.match(text, p)]
        assert article.capitals == [p for p in article.months if not text[p].islower()]
    assert not _Article("Straße").aligned and _Article("Sept. 5").aligned


def test_each_date_has_the_sentence_spacy_gives_it(seed_corpus):
    """``dates_in`` reads a date's sentence from the token and sentence arrays; it is the one
    ``english()`` gives: ``doc.char_span(start, end, alignment_mode="expand")``'s first token's
    ``sent``, its text and number, for every date of the seeds and of texts with dates at the
    start, the end, after runs of whitespace and in every paragraph."""
    from helpers.nlp import english, sentence_ids

    texts = [*seed_corpus.articles.text,
             "May 16, 2014 was the day. In 2015  they met.\n\n\n  On Monday, 2016 ended (2017)",
             "  \n Since 2014, Gen. Asanov met them in the U.S. Yesterday they left.\n\nIn May"]  # fmt: skip
    arts = pd.DataFrame({"doc_id": [f"d{k}" for k in range(len(texts))], "text": texts,
                         "published": pd.Timestamp("2020-06-01")})  # fmt: skip
    found = find_dates(arts)
    assert len(found) > 40 and set(found.doc_id) == set(arts.doc_id)
    for row in found.itertuples():
        doc = english()(texts[int(row.doc_id[1:])])
        first = doc.char_span(row.start, row.end, alignment_mode="expand")[0]
        assert row.sentence == first.sent.text.strip(), row.surface
        assert row.sentence_id == sentence_ids(doc)[first.i], row.surface
