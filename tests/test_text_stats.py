"""The tokenizer on tricky forms, and each statistic against values worked out by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from helpers.stats import bind_tf_idf, bootstrap, keyness, pmi_collocations, similarity
from helpers.text import count_terms, kwic, term_positions, term_tokens


def terms(text):
    return term_tokens(pd.DataFrame({"doc_id": ["a"], "text": [text]})).term.tolist()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("U.S. forces", ["u.s.", "force"]),
        ("the Kyrgyz-Tajik border", ["kyrgyz-tajik", "border"]),
        ("the North-Atlantic Alliance and the North Atlantic Alliance", ["north atlantic alliance"] * 2),
        ("Russia's support and Japarov’s visit", ["russia", "support", "japarov", "visit"]),
        ("S-300 systems arrived in 2011, 40 of them.", ["s-300", "system", "arrive"]),
        ("the Partnership for Peace program", ["partnership for peace", "program"]),
        ("the Collective Security Treaty Organization (CSTO)", ["collective security treaty organization", "csto"]),
        ("Weapons, weapons!", ["weapon", "weapon"]),
        ("The US and us.", ["us"]),
    ],
)  # fmt: skip
def test_tokenizer_tricky_forms(text, expected):
    assert terms(text) == expected


def test_count_terms_bigrams_stay_within_sentences():
    arts = pd.DataFrame({"doc_id": ["a"], "text": ["Military exercise. Military exercise ended."]})
    assert count_terms(arts, ngram=2).values.tolist() == [
        ["a", "military exercise", 2], ["a", "exercise end", 1]]  # fmt: skip


def test_tf_idf_by_hand():
    counts = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "term": ["x", "y", "x", "z"],
                           "n": [3, 1, 2, 5]})  # fmt: skip
    out = bind_tf_idf(counts).set_index(["doc_id", "term"])
    assert out.tf[("a", "x")] == 0.75
    assert math.isclose(out.idf[("a", "x")], math.log(3 / 2))
    assert math.isclose(out.tf_idf[("a", "y")], 0.25 * math.log(3))


def test_pmi_by_hand():
    tokens = pd.DataFrame({"doc_id": ["a"] * 5, "position": range(5),
                           "term": ["x", "y", "x", "y", "z"], "sentence_id": [0] * 5})  # fmt: skip
    out = pmi_collocations(tokens, min_count=2)
    assert out.term.tolist() == ["x y"]
    # p(xy) = 2/4 bigrams; p(x) = p(y) = 2/5 terms: log2(0.5 / 0.16)
    assert math.isclose(out.pmi[0], math.log2(0.5 / 0.16))


def test_keyness_columns_by_hand():
    counts = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "term": ["x", "y", "x", "y"],
                           "n": [10, 0, 0, 10]})  # fmt: skip
    out = keyness(counts, ["a"], prior_size=2).set_index("term")
    assert math.isclose(out.log_odds["x"], 2 * math.log(11))
    assert math.isclose(out.z["x"], 2 * math.log(11) / math.sqrt(1 / 11 + 1))
    assert math.isclose(out.log_ratio["x"], math.log2((10 / 10) / (0.5 / 10)))
    assert math.isclose(out.g2["x"], 2 * 10 * math.log(10 / 5))
    assert out.index.tolist() == ["x", "y"]  # sorted by z


def test_similarity_identical_and_disjoint():
    counts = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c"], "term": ["x", "y", "x", "y", "z"],
                           "n": [1, 2, 1, 2, 4]})  # fmt: skip
    sim = similarity(counts)
    assert sim.loc["a", "c"] == 0
    groups = similarity(counts, by=pd.Series({"a": "S", "b": "S", "c": "T"}))
    assert groups.index.tolist() == ["S", "T"]


def test_bootstrap_is_deterministic_and_brackets_the_estimate():
    values = {"a": 1.0, "b": 2.0, "c": 3.0, "d": 4.0}
    stat = lambda ids: float(np.mean([values[i] for i in ids]))  # noqa: E731
    first = bootstrap(list(values), stat, n_resamples=200, seed=1)
    assert first == bootstrap(list(values), stat, n_resamples=200, seed=1)
    estimate, low, high = first
    assert estimate == 2.5 and low <= estimate <= high and low >= 1 and high <= 4


def test_kwic_and_positions():
    arts = pd.DataFrame({"doc_id": ["a"], "text": ["The multi-vector policy. CSTO met CSTO."]})
    hits = kwic(arts, r"multi-vector", window=5)
    assert hits[["left", "match", "right"]].values.tolist() == [[" The ", "multi-vector", " poli"]]
    pos = term_positions(arts, ["csto"])
    assert pos.position.tolist() == [2, 4] and pos.relative.tolist() == [0.4, 0.8]


def test_vocabulary_share_by_hand_and_no_interval_for_one_article():
    from helpers.stats import vocabulary_share

    counts = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "term": ["nato", "csto", "nato", "csto"],
                           "n": [3, 1, 1, 4]})  # fmt: skip
    groups = pd.Series({"a": "S", "b": "S", "c": "T"})
    out = vocabulary_share(counts, {"nato"}, {"csto"}, groups, n_resamples=200).set_index("group")
    assert out.loc["S", ["articles", "n_first", "n_second"]].tolist() == [2, 4, 1]
    assert out.share["S"] == 0.8 and out.share["T"] == 0.0
    assert pd.isna(out.low["T"]) and 0.75 <= out.low["S"] <= 0.8 <= out.high["S"] <= 1.0


def test_keyness_intervals_need_two_articles_a_side():
    from helpers.stats import keyness_intervals

    counts = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "term": ["x", "x", "y", "y"],
                           "n": [5, 3, 4, 6]})  # fmt: skip
    two = keyness_intervals(counts, ["a", "b"], ["x"], n_resamples=100)
    assert two.low[0] <= two.log_odds[0] <= two.high[0]
    one = keyness_intervals(counts, ["a"], ["x"], n_resamples=100)
    assert pd.isna(one.low[0]) and pd.isna(one.high[0])
