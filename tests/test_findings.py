"""The chapters' finding sentences: exact on the seeds where they were read by hand, exact on
tiny hand-made tables otherwise, and one sentence (not an error) where there is nothing."""

import pandas as pd
import pytest

from helpers import findings as F


def test_corpus_findings_on_the_seeds(seed_corpus):
    # Read by hand: five articles and one README in seeds/; seed 000 carries its body twice.
    assert F.corpus_findings(seed_corpus) == [
        "5 articles from 6 files; 1 file(s) skipped, each with its reason in files.csv.",
        "Cleaning removed 16% of the words in the files as collected.",
        "Most removed: 000_1b762103368fdd0f (49% of its words), mostly repeated-passage.",
        "4 of 5 articles are dated (from 2011-06-15 to 2022-10-10).",
        "3 photo caption(s) moved from the text to `captions`.",
        "0 article(s) are exact or near duplicates of another.",
    ]


def test_files_and_duplicates_sentences_on_the_seeds(seed_corpus):
    assert F.files_sentence(seed_corpus.files, 1) == (
        "6 files found in 1 folder(s): 5 read as articles, 1 skipped (1 not-txt).")  # fmt: skip
    assert F.duplicates_sentence(seed_corpus.articles, seed_corpus.removed) == (
        "0 duplicate article(s) (none); 1 article(s) hold a passage pasted again within the "
        "file (000_1b762103368fdd0f: 19 lines).")  # fmt: skip


def test_timeline_findings_on_the_seeds(seed_corpus):
    from helpers.timeline import find_dates, publication_bounds

    dates = find_dates(seed_corpus.articles)
    lines = F.timeline_findings(dates)
    assert lines[0] == ("43 dated expressions; the earliest cited year is 1991, the latest date "
                        "2022-12-31.")  # fmt: skip
    assert lines[2].startswith("8 are open intervals and 2 ranges; 5 are planned and 1 cancelled")
    bounds = publication_bounds(seed_corpus.articles, dates)
    assert F.undated_sentences(bounds) == [
        "000_1b762103368fdd0f is undated; it appeared on or after 2011-04-18."]  # fmt: skip


def test_nothing_found_is_one_sentence_not_an_error():
    assert F.timeline_findings(pd.DataFrame(columns=["date_start", "date_end"])) == [
        "The texts cite no date: there are no events to draw."]  # fmt: skip
    assert F.quote_findings(pd.DataFrame(columns=["actor", "kind"])) == [
        "No quote with a speaker was found."]  # fmt: skip
    no_mentions = pd.DataFrame(columns=["doc_id", "actor", "sub_actor", "role", "metonym"])
    assert F.actor_findings(no_mentions, pd.DataFrame(), pd.DataFrame(), 0, 0) == [
        "No actor of the gazetteer is named in these articles."]  # fmt: skip
    assert F.closest_sentences(pd.DataFrame(), float("nan")) == [
        "One article: there is no pair to compare."]  # fmt: skip
    assert F.event_count_sentences(pd.DataFrame()) == []


@pytest.mark.parametrize(
    "top, expected",
    [(None, "A against B: not estimable (2 against 3 articles; 3 a side needed)."),
     (pd.DataFrame({"term": ["x", "y"], "evidence": ["focus", "not significant"]}),
      "A against B: more in A: x; more elsewhere: none of the 2 terms tested passes |z| >= 1.96 "
      "and an interval excluding 0.")],
)  # fmt: skip
def test_comparison_finding(top, expected):
    assert (
        F.comparison_finding(("A", "B"), top, (2, 3), ("more in A", "more elsewhere")) == expected
    )


def test_period_names_and_not_estimable():
    assert F.period_names([2011], [2021, 2022]) == ("2011", "2021–2022")
    assert F.period_names([], [2020]) == ("none", "2020")
    assert F.not_estimable(1, 3, "dated article(s)") == (
        "Not estimable: 1 against 3 dated article(s); an interval needs 3 or more a side.")  # fmt: skip


def test_share_and_attention_sentences():
    shares = pd.DataFrame({"group": ["X", "Y", "Z"], "share": [0.7, 0.25, 1.0],
                           "low": [0.5, None, None], "high": [0.9, None, None],
                           "articles": [4, 1, 9], "articles_using": [4, 1, 5],
                           "n_first": [7, 1, 6], "n_second": [3, 3, 0]})  # fmt: skip
    assert F.share_sentences(shares) == [
        "X: NATO share of NATO + CSTO vocabulary 0.70 (95% CI 0.50–0.90)",
        "Y: NATO share of NATO + CSTO vocabulary 0.25 (not estimable: 1 article(s) use either "
        "vocabulary, no interval)",
        "Z: NATO share of NATO + CSTO vocabulary 1.00 (not estimable: CSTO vocabulary never used, "
        "no interval)",
    ]
    attention = pd.DataFrame({"pair": ["NATO vs CSTO"] * 3, "doc_id": ["b", "a", "c"],
                              "published": pd.to_datetime(["2020-01-02", "2011-05-06", None]),
                              "n_first": [1, 3, 2], "n_second": [3, 1, 2],
                              "share": [0.25, 0.75, 0.5]})  # fmt: skip
    assert F.attention_sentences(attention) == [  # dated only, in date order
        "2011-05-06 a: NATO 3, CSTO 1 (NATO share 75%)",
        "2020-01-02 b: NATO 1, CSTO 3 (NATO share 25%)",
    ]


def test_most_named_and_publication_sentences():
    grid = pd.DataFrame({"001 X, 2011": [2.0, 5.5], "002 Y, 2020": [0.0, 0.0]},
                        index=["NATO", "CSTO"])  # fmt: skip
    assert F.most_named_sentences(grid) == ["001 X, 2011: most named CSTO, 5.5 per 1,000 words"]
    bounds = pd.DataFrame({"doc_id": ["a", "b", "c"],
                           "published": pd.to_datetime(["2011-06-15", None, None]),
                           "lower_bound": pd.to_datetime([None, "2014-02-01", None])})  # fmt: skip
    sources = pd.Series({"a": "X", "b": "Y", "c": "Y"})
    assert F.publication_sentences(bounds, sources) == [
        "a (X): 2011-06-15",
        "b (Y): undated; on or after 2014-02-01",
        "c (Y): undated; its text names no date",
    ]


def test_a_single_pasted_line_is_singular():
    articles = pd.DataFrame({"doc_id": ["a"], "duplicate_of": [None], "duplicate_kind": [None]})
    removed = pd.DataFrame({"doc_id": ["a"], "reason": ["repeated-passage"]})
    assert F.duplicates_sentence(articles, removed).endswith("within the file (a: 1 line).")
