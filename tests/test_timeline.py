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
        ("Since January 1st 2011 it works.", ("January 1st 2011", D(2011, 1, 1), D(2011, 1, 1), "day")),
        ("Filed Oct. 10, 2022 in Bishkek.", ("Oct. 10, 2022", D(2022, 10, 10), D(2022, 10, 10), "day")),
        ("The vote of 15.06.2011 stands.", ("15.06.2011", D(2011, 6, 15), D(2011, 6, 15), "day")),
        ("In December 2020 he spoke.", ("December 2020", D(2020, 12, 1), D(2020, 12, 31), "month")),
        ("It began in January 2003.", ("January 2003", D(2003, 1, 1), D(2003, 1, 31), "month")),
        ("It was founded in 2004.", ("in 2004", D(2004, 1, 1), D(2004, 12, 31), "year")),
        ("Dialogue since 1992 went on.", ("since 1992", D(1992, 1, 1), D(1992, 12, 31), "year")),
        ("A partner from the start (1994).", ("1994", D(1994, 1, 1), D(1994, 12, 31), "year")),
        ("Cooperation from 1993 grew.", ("from 1993", D(1993, 1, 1), D(1993, 12, 31), "year")),
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


def test_undated_article_keeps_only_absolute_dates():
    found = dates("On May 16 and in August, as in 2004 and on April 18, 2011.", published=None)
    assert found.surface.tolist() == ["in 2004", "April 18, 2011"]


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


# Read by hand from the clean text of each seed.
SEED_DATES = {
    "000": ["in 2004", "April 18, 2011", "February 24, 2010", "February 18, 2010"],
    "001": ["June 10th", "January 1st 2011", "since 1992", "from 1994", "January 2003", "2003",
            "in 2004", "1994"],
    "002": ["December 2020", "Since 2012", "since 1991", "After 2015"],
    "003": ["May 16", "January of this year", "since 2008", "in early May", "May 9",
            "January of this year"],
    "004": ["September 15–17", "from October 10 to 14", "October 7", "October 14",
            "February of this year", "of February", "from 1993", "in 2015", "In August"],
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
