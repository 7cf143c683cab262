"""Actor counts on five articles of the outside corpus ptc-test (British and American
politics) with the researcher's gazetteer tests/data/ptc_gazetteer.yaml, checked by reading.

Each gold value counts the agentive mentions, rolled up, that the gazetteer's names cover;
what the reading finds beyond them is said in the comment (titles without a name, pronouns,
committees and people the gazetteer does not list are out of scope of a name gazetteer).
"""

import pandas as pd
import pytest
from conftest import REPO

from helpers.actors import count_mentions, find_mentions

PTC = REPO.parent / "shared" / "corpora" / "ptc-test"
GAZETTEER = REPO / "tests" / "data" / "ptc_gazetteer.yaml"

READ = {
    # Hunt's Singapore speech: UK 9 = Britain 3, UK 2, Jeremy Hunt 2,
    # "Mr Hunt" 2; "Nato" (British spelling) is NATO. Not counted: "The Foreign Secretary".
    "article813547724": {"United Kingdom": 9, "NATO": 1, "BBC": 1, "United States": 1},
    # DW on the backstop talks: "met in Brussels on Tuesday" is a place (locative, not counted);
    # EU 7 = European Union 2, EU 2, Michel Barnier 2, European Commission 1.
    "article828866387": {"United Kingdom": 7, "EU": 7, "Ireland": 1, "Northern Ireland": 1},
    # Cox's advice: UK 5 = Britain 2, Theresa May, Geoffrey Cox, House of Commons. Not counted:
    # "The prime minister", "Cox's confirmation" (a bare surname outside "Mr"/"General").
    # "a hard border between Ireland and Northern Ireland" counts both as agentive, where a
    # reader codes places: "between" is no locative cue, as "talks between London and
    # Brussels" shows.
    "article830153674": {"United Kingdom": 5, "EU": 2, "Ireland": 1, "Northern Ireland": 1},
    # Schiff on Mueller: US 9 = Robert Mueller/Mueller 5, Trump, Bill Barr/Barr 2, FBI;
    # Democratic Party 4 = Adam Schiff/Schiff 3, "The California Democrat".
    "article832918490": {"United States": 9, "Democratic Party": 4, "Russia": 1, "CNN": 1},
    # Grassley on the report: US 10 = Mueller 4, William Barr/Barr 2, Trump, Justice
    # Department, Congress 2; Russia 2 = the Kremlin, "the Russians"; Republican Party 4 =
    # Chuck Grassley, Grassley 2, Republicans.
    "article832947600": {"United States": 10, "Russia": 2, "Republican Party": 4,
                         "Democratic Party": 1},
}  # fmt: skip


@pytest.fixture(scope="module")
def ptc_articles():
    if not PTC.is_dir():
        pytest.skip(f"{PTC} is not on this machine")
    from helpers.corpus import load_corpus

    articles = load_corpus(PTC).articles
    return articles[articles.doc_id.isin(READ)].reset_index(drop=True)


@pytest.mark.parametrize("doc_id", sorted(READ))
def test_ptc_counts_match_the_reading(ptc_articles, doc_id):
    one = ptc_articles[ptc_articles.doc_id == doc_id]
    counts = count_mentions(find_mentions(one, GAZETTEER), one)
    assert dict(zip(counts.actor, counts.n, strict=True)) == READ[doc_id]


def test_brussels_is_the_eu_in_this_gazetteer_and_a_place_after_in():
    arts = pd.DataFrame({"doc_id": ["a"], "text": ["Brussels rejected it. Talks in Brussels."]})
    m = find_mentions(arts, GAZETTEER)
    assert m[["actor", "role"]].values.tolist() == [["EU", "agentive"], ["EU", "locative"]]
