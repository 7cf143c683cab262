"""Line patterns: what each recognises, and lines each must leave alone."""

import datetime as dt

import pytest

from helpers import patterns as P


@pytest.mark.parametrize(
    "text, expected",
    [
        ("15.06.2011", dt.date(2011, 6, 15)),
        ("19.03.2021 11:47", dt.date(2021, 3, 19)),
        ("Oct. 10, 2022", dt.date(2022, 10, 10)),
        ("October 10, 2022", dt.date(2022, 10, 10)),
        ("10 October 2022", dt.date(2022, 10, 10)),
        ("2022-10-10", dt.date(2022, 10, 10)),
        ("Oct. 10, 2022,", dt.date(2022, 10, 10)),
    ],
)
def test_parse_date_reads_full_dates(text, expected):
    assert P.parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["in 2011", "December 2020", "May 16", "31.02.2011", "No. 10/297", "SG(2010)0102",
     "On 15.06.2011 the parliament voted."],
)  # fmt: skip
def test_parse_date_refuses_partial_dates_and_prose(text):
    assert P.parse_date(text) is None


def test_navigation_words_and_breadcrumbs():
    assert P.is_navigation("Home")
    assert P.is_navigation("Home > World > Asia")
    assert P.is_navigation("News / Central Asia")
    assert not P.is_navigation("Homeland security is back on the agenda")
    assert not P.is_navigation("NATO Promotes Dialogue and Cooperation in Central Asia")


def test_tag_list_needs_three_short_capitalised_items_and_no_full_stop():
    line = "Zen, The Interview, Kyrgyzstan, Policy, Russia, CIS, Story of the day"
    assert P.tag_list(line)[-1] == "Story of the day"
    assert P.tag_list("Moscow, Washington, and Beijing disagree.") is None
    assert P.tag_list("Russia, China") is None
    assert P.tag_list("Russia, China, the United States of America and its allies") is None


def test_labelled_tags_may_be_empty():
    assert P.labelled_tags("Tags: , ,") == []
    assert P.labelled_tags("Tags: CSTO, Russia") == ["CSTO", "Russia"]
    assert P.labelled_tags("Tagged by the press as a hawk.") is None


def test_calendar_header_and_rows():
    assert P.is_weekday_header("Mon Tues Wed Thurs Fri Sat Total")
    assert P.is_weekday_header("Mo Tu We Th Fr Sa Su")
    assert not P.is_weekday_header("On Monday and Tuesday the talks went on")
    assert P.is_calendar_row("15161718192021") and P.is_calendar_row('" March')
    assert not P.is_calendar_row("March 2024 was warm.")


def test_views_count():
    assert P.views("Views: 4840") == 4840
    assert P.views("Views: 12,345") == 12345
    assert P.views("Views differ on the matter") is None


def test_comment_policy_needs_comments_and_moderation():
    assert P.is_comment_policy("The Site Administration has the right to delete comments.")
    assert not P.is_comment_policy("He declined to comment on the talks.")


def test_normalise_folds_as_split_and_join_do():
    """The fast path (nothing to fold) gives what " ".join(line.split()).casefold() gives, and
    OTHER_SPACE lists every whitespace character but the space."""
    import re
    import sys

    from helpers import patterns as P

    every = [chr(c) for c in range(sys.maxunicode + 1)]
    other = re.compile(f"[{P.OTHER_SPACE}]")
    assert {c for c in every if c.isspace()} - {" "} == {c for c in every if other.match(c)}
    lines = ["Plain line", "Two  spaces", " lead", "trail ", "tab\there", "nb\xa0sp", "ẞtraße ÉÈ",
             "ideographic\u3000space", "", "x", "Ꭰ cherokee", "line\u2028sep", "İstanbul",
             "soft\xadhyphen zero\u200bwidth", "a\x1fb", "a\x85b", "ﬁ “quoted”"]  # fmt: skip
    assert [P.normalise(x) for x in lines] == [" ".join(x.split()).casefold() for x in lines]
