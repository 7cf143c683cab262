"""find_dates and find_mentions give the same tables as before their speed work (issue 16),
row for row and value for value: digests of today's tables, recorded from the implementation
at commit fc78a04, on the seeds, a generated corpus of 300 articles and hand-made edge cases
(dates at an article's start and end, paragraph breaks, numeric dates read by outlet, text
whose casefolding changes its length, lower-case months, names holding weekdays)."""

from __future__ import annotations

import hashlib
import sys

import pandas as pd
import pytest
from conftest import REPO

from helpers.actors import find_mentions
from helpers.corpus import load_corpus
from helpers.timeline import find_dates

EDGE_TEXTS = [
    ("start", "May 16, 2014 was the day NATO met. It ended.", "2014-05-20", "Steppe Herald"),
    ("end", "They met in Bishkek on 5 May", "2014-05-20", None),
    ("paras", "In the U.S.\n\nThe talks began on Monday.\n \nOn Tuesday they ended in 2014.\n\n\n\n"
              "Last week, Gen. Asanov said No. 10 applies.", "2015-03-02", "Valley Daily"),
    ("numeric-d", "The deal of 25/12/2013 and 05/07/2014 held. Since 2011 it grew.", "2014-08-01",
     "Caspian Wire"),
    ("numeric-m", "Signed 12/25/2013, renewed 05/07/2014.\n\nTwo days earlier they met.", None,
     "Caspian Wire"),
    ("numeric-x", "Signed 05/07/2014 in Moscow. The 1990s were hard; from 2010 to 2012 Russia "
                  "grew.", "2016-01-01", "Ala-Too Review"),
    ("fold", "Straße talks: in early March 2014 and by mid-2015, Ms. Öztürk said. İn June they "
             "met.", "2016-02-02", None),
    ("lower", "Officials may 16 times say so; in may they met; may 2014 and March of this year.",
     "2015-06-01", None),
    ("weekday", "On Friday, the Sunday Times said USA Today was wrong. Next Monday talks resume; "
                "the day before they met.", "2019-10-09", None),
    ("ranges", "From 12 to 14 June 2013 and between March and May 2014, and 5 June - 7 July "
               "2015; the 2014-2016 plan; 2014-05-06.", "2016-01-01", None),
    ("empty", "", None, None),
    ("blank", "\n\n  \n", "2020-01-01", None),
    ("ago", "Three years ago, the base closed (2014). Later this year it reopens; earlier this "
            "month a delegation went to Moscow. Tonight, yesterday, tomorrow.", "2019-04-04", None),
]  # fmt: skip
# sha256 of the tables as CSV, from fc78a04's find_mentions and find_dates.
BEFORE = {
    "seeds": ("5a87ed8fb86dfc609615d1e48cfec0062a52346086e8358d76f93d405412258f",
              "5ad32a55927115617cd0adbdb598bb32c733e30ef8f9d3148b2c12a8b8a3d68b"),
    "generated": ("884e3ba304bbb67e1d0ae9778b682dc222effc2863191a7dbf70cf56352df08a",
                  "5542b307e364595c5f19937f4a0e0d1c593f398c485fae4ffc2077d97685705d"),
    "edge": ("8ca7a3b3f6029ea53ba62487046efd9f2b576bc6f11571cc95006043768f8c32",
             "39a24d386e2482833cf7a066f25de64e8dfd84877b1ec3f429559df2877f6923"),
}  # fmt: skip


def digest(table: pd.DataFrame) -> str:
    """sha256 of a table's every row and value, as CSV."""
    return hashlib.sha256(table.to_csv(index=False).encode("utf-8")).hexdigest()


def edge_articles() -> pd.DataFrame:
    rows = [(d, t, pd.Timestamp(p) if p else pd.NaT, o) for d, t, p, o in EDGE_TEXTS]
    return pd.DataFrame(rows, columns=["doc_id", "text", "published", "outlet"])


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import write

    return load_corpus(write(tmp_path_factory.mktemp("identity") / "c", 300, seed=3)).articles


@pytest.mark.parametrize("name", list(BEFORE))
def test_tables_are_the_ones_before_the_speed_work(name, seed_corpus, request):
    if name == "seeds":
        articles = seed_corpus.articles
    elif name == "generated":
        articles = request.getfixturevalue("generated")
    else:
        articles = edge_articles()
    mentions, dates = BEFORE[name]
    assert digest(find_mentions(articles)) == mentions
    assert digest(find_dates(articles)) == dates


def test_dates_at_an_articles_start_and_end_and_around_paragraph_breaks():
    dates = find_dates(edge_articles()).set_index("surface")
    assert dates.loc["May 16, 2014", ["start", "sentence_id"]].tolist() == [0, 0]
    assert dates.loc["5 May", ["start", "end", "sentence"]].tolist() == [
        23, 28, "They met in Bishkek on 5 May"]  # fmt: skip
    # "In the U.S." is a paragraph (sentence 0) and a blank line with a space in it is no break
    # for the sentences: Monday is in sentence 1, Tuesday in 2, "Last week" after "\n\n\n\n" in 3
    assert dates.loc[["Monday", "Tuesday", "in 2014", "Last week"]].sentence_id.tolist() == [
        1, 2, 2, 3]  # fmt: skip
    assert dates.loc["Last week"].sentence == "Last week, Gen. Asanov said No. 10 applies."


def test_a_dotted_capital_i_is_read_as_i():
    """ "TONİGHT" (a Turkish İ) matches the pattern "tonight" case-insensitively; the prefilter
    before issue 16 missed it, the needs now read İ as i."""
    arts = pd.DataFrame({"doc_id": ["a"], "text": ["TONİGHT they meet."],
                         "published": [pd.Timestamp("2020-01-02")]})  # fmt: skip
    assert find_dates(arts)[["surface", "date_start"]].values.tolist() == [
        ["TONİGHT", pd.Timestamp("2020-01-02").date()]]  # fmt: skip
