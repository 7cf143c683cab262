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
        # gazetteer names are their entry's canonical term (issue 13: one concept, one term)
        ("U.S. forces", ["united states", "force"]),
        ("the Kyrgyz-Tajik border", ["kyrgyz-tajik", "border"]),
        ("the North-Atlantic Alliance and the North Atlantic Alliance", ["nato"] * 2),
        ("Russia's support and Japarov’s visit", ["russia", "support", "sadyr japarov", "visit"]),
        ("S-300 systems arrived in 2011, 40 of them.", ["s-300", "system", "arrive"]),
        ("the Partnership for Peace program", ["partnership for peace", "program"]),
        ("the Collective Security Treaty Organization (CSTO)", ["csto", "csto"]),
        ("Weapons, weapons!", ["weapon", "weapon"]),
        ("The US and us.", ["united states"]),
        ("UNITED NATIONS and the Security Council", ["un", "security council"]),
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


def test_vocabulary_share_by_hand_and_no_interval_below_three_articles():
    from helpers.stats import vocabulary_share

    counts = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "d", "e"],
                           "term": ["nato", "csto", "nato", "nato", "csto", "csto"],
                           "n": [3, 1, 1, 1, 4, 2]})  # fmt: skip
    groups = pd.Series({"a": "S", "b": "S", "c": "S", "d": "T", "e": "T"})
    out = vocabulary_share(counts, {"nato"}, {"csto"}, groups, n_resamples=200).set_index("group")
    assert out.loc["S", ["articles", "articles_using", "n_first", "n_second"]].tolist() == [
        3,
        3,
        5,
        1,
    ]
    assert out.share["S"] == 5 / 6 and out.share["T"] == 0.0
    # two articles are too few for an interval: not estimable
    assert pd.isna(out.low["T"]) and 0.75 <= out.low["S"] <= 5 / 6 <= out.high["S"] <= 1.0


def test_vocabulary_share_needs_three_articles_using_it_and_both_vocabularies():
    from helpers.stats import vocabulary_share

    # ten articles in one source, two of them name NATO, none the CSTO (review: an interval
    # of 1.00-1.00 was printed for six mentions)
    counts = pd.DataFrame({"doc_id": ["a", "b"], "term": ["nato", "nato"], "n": [4, 2]})
    groups = pd.Series({k: "S" for k in "abcdefghij"})
    few = vocabulary_share(counts, {"nato"}, {"csto"}, groups, n_resamples=100).iloc[0]
    assert (few.articles, few.articles_using, few.share) == (10, 2, 1.0) and pd.isna(few.low)
    counts = pd.DataFrame({"doc_id": list("abcd"), "term": "nato", "n": [4, 2, 1, 1]})
    one_sided = vocabulary_share(counts, {"nato"}, {"csto"}, groups, n_resamples=100).iloc[0]
    assert one_sided.articles_using == 4 and pd.isna(one_sided.low)


def test_keyness_intervals_need_three_articles_a_side():
    from helpers.stats import keyness_intervals

    counts = pd.DataFrame({"doc_id": list("abcdef"), "term": ["x", "x", "x", "y", "y", "y"],
                           "n": [5, 3, 4, 6, 2, 1]})  # fmt: skip
    three = keyness_intervals(counts, ["a", "b", "c"], ["x"], n_resamples=100)
    assert three.low[0] <= three.log_odds[0] <= three.high[0]
    two = keyness_intervals(counts, ["a", "b"], ["x"], n_resamples=100)
    assert pd.isna(two.low[0]) and pd.isna(two.high[0])


def test_closest_pairs_agree_with_the_full_matrix_across_blocks():
    from helpers.stats import closest_pairs

    rng = np.random.default_rng(5)
    counts = pd.DataFrame({"doc_id": [f"d{k:02d}" for k in rng.integers(0, 25, 400)],
                           "term": [f"t{k}" for k in rng.integers(0, 30, 400)], "n": 1})  # fmt: skip
    counts = counts.groupby(["doc_id", "term"], as_index=False).n.sum()
    full = similarity(counts).where(lambda t: np.triu(np.ones(t.shape, bool), 1)).stack()
    expected = full.sort_values(ascending=False).head(4)
    got = closest_pairs(counts, k=4, chunk=7)
    assert list(zip(got.doc_a, got.doc_b, strict=True)) == list(expected.index)
    assert np.allclose(got.similarity, expected.values)


def test_pmi_with_no_bigram_above_the_minimum_is_an_empty_table():
    tokens = pd.DataFrame({"doc_id": ["a"] * 3, "position": range(3), "term": ["x", "y", "z"],
                           "sentence_id": [0] * 3})  # fmt: skip
    out = pmi_collocations(tokens, min_count=3)
    assert out.empty and list(out.columns) == ["term", "n", "first", "second", "pmi"]


def test_split_years_and_largest_group():
    from helpers.stats import largest_group, split_years

    assert split_years(pd.Series([2011, 2021, 2022, 2022, None])) == ([2011], [2021, 2022])
    assert split_years(pd.Series([2015, 2016, 2017, 2018])) == ([2015, 2016], [2017, 2018])
    assert split_years(pd.Series([2019, 2019])) == ([], [])
    stray = pd.Series([1998] + [2015, 2016, 2017, 2018, 2019, 2020] * 25)  # one misdated article
    assert split_years(stray) == ([1998, 2015, 2016, 2017], [2018, 2019, 2020])
    assert largest_group(pd.Series({"a": "Y", "b": "X", "c": "Y"})) == "Y"
    assert largest_group(pd.Series(dtype=object)) is None


def test_top_keyness_names_evidence_only_where_the_interval_excludes_zero():
    from helpers.stats import top_keyness

    docs = [f"f{k}" for k in range(6)] + [f"r{k}" for k in range(6)]
    counts = pd.DataFrame([(d, "x", 9 if d[0] == "f" else 1) for d in docs]
                          + [(d, "y", 1 if d[0] == "f" else 9) for d in docs]
                          + [(d, "z", 5) for d in docs], columns=["doc_id", "term", "n"])  # fmt: skip
    table = keyness(counts, docs[:6])
    out = top_keyness(counts, table, docs[:6], n=1, n_resamples=200).set_index("term")
    assert out.evidence.to_dict() == {"x": "focus", "y": "rest"}
    assert out.significant.all()
    two = top_keyness(counts, keyness(counts, docs[:2]), docs[:2], n=1, n_resamples=50)
    assert set(two.evidence) == {"not estimable"}


def test_distinctive_needs_both_the_z_and_the_interval():
    from helpers.stats import distinctive_terms, top_keyness

    # z is large (many words) but the difference rests on one focus article of six: the
    # interval crosses zero, so the term is not distinctive.
    docs = [f"f{k}" for k in range(6)] + [f"r{k}" for k in range(6)]
    rows = [(d, "x", 60 if d == "f0" else 1) for d in docs] + [(d, "z", 30) for d in docs]
    counts = pd.DataFrame(rows, columns=["doc_id", "term", "n"])
    table = keyness(counts, docs[:6])
    assert table.set_index("term").z["x"] >= 1.96
    out = top_keyness(counts, table, docs[:6], n=1, n_resamples=200).set_index("term")
    assert out.evidence["x"] == "not significant" and not out.significant["x"]
    assert distinctive_terms(out.reset_index(), "focus") == []


def test_modal_verbs_left_out_of_keyness_by_default():
    from helpers.stats import FUNCTION_WORDS

    counts = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["shall", "x", "y"], "n": [9, 1, 1]})
    assert "shall" in FUNCTION_WORDS and "will" in FUNCTION_WORDS
    assert "shall" not in set(keyness(counts, ["a"]).term)
    assert "shall" in set(keyness(counts, ["a"], exclude=()).term)


def test_outlet_never_falls_back_to_the_author():
    from helpers.views import article_labels, article_sources

    arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": [None, "X"], "author": ["Ann", "Bo"],
                         "folder": [".", "."], "published": pd.NaT})  # fmt: skip
    assert article_sources(arts).tolist() == ["unknown source", "X"]
    assert article_labels(arts).tolist() == ["a Ann, undated", "b X, undated"]  # a byline


def test_seed_keyness_lists_no_two_spellings_of_one_name(seed_corpus):
    from helpers.vocabulary import load_gazetteer, normalise_term

    counts = count_terms(seed_corpus.articles)
    gaz = load_gazetteer()
    literal = gaz[~gaz.metonym & (gaz.after.map(len) == 0)]
    variants = {normalise_term(a) for a in literal.alias} - set(gaz.term)
    assert not variants & set(counts.term)  # "zhaparov", "kyrgyz republic" are never terms
    assert {"sadyr japarov", "nato", "kyrgyzstan"} <= set(counts.term)


def test_rate_grid_pools_rows_by_words():
    from helpers.actors import rate_grid

    arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "n_words": [1000, 3000, 500]})
    counts = pd.DataFrame({"doc_id": ["a", "b", "c"], "actor": ["NATO"] * 3, "n": [2, 2, 1]})
    rows = pd.Series(pd.Categorical(["G", "G", "H"], categories=["G", "H"]), index=["a", "b", "c"])
    grid = rate_grid(counts, arts, ["NATO", "CSTO"], rows)
    assert grid.loc["NATO"].tolist() == [1.0, 2.0]  # (2 + 2) / 4,000 words and 1 / 500
    assert grid.loc["CSTO"].tolist() == [0.0, 0.0]
    assert rate_grid(counts, arts, ["NATO"]).loc["NATO"].tolist() == [2.0, 2000 / 3000, 2.0]


def test_group_similarity_by_hand_keeps_a_small_group_comparable():
    # a: x y, b: x, c: y. idf(x) = idf(y) = ln 3/2; unit vectors a = (1, 1)/√2, b = (1, 0),
    # c = (0, 1); S = mean(a, b) = (0.854, 0.354), T = c: cos = 0.354 / |S| = 0.383.
    counts = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "term": ["x", "y", "x", "y"],
                           "n": [1, 1, 1, 1]})  # fmt: skip
    out = similarity(counts, by=pd.Series({"a": "S", "b": "S", "c": "T"}))
    s = np.array([1 + 2**-0.5, 2**-0.5]) / 2
    assert math.isclose(out.loc["S", "T"], s[1] / np.linalg.norm(s))
    # Every term used by both groups: with counts summed per group, idf over the two groups
    # would be 0 for all of them; with idf over articles the two alike groups are alike.
    shared = pd.DataFrame({"doc_id": list("aabbccdd"), "term": list("xyxzxyxz"), "n": 1})
    groups = similarity(shared, by=pd.Series({"a": "S", "b": "S", "c": "T", "d": "T"}))
    assert math.isclose(groups.loc["S", "T"], 1.0)


def test_keyness_interval_figure_marks_the_terms_that_pass():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers.plots import plot_keyness_intervals

    top = pd.DataFrame({"term": ["x", "y", "z"], "log_odds": [1.0, -0.5, 0.2],
                        "low": [0.5, -0.9, -0.1], "high": [1.5, -0.1, 0.4],
                        "significant": [True, True, False]})  # fmt: skip
    fig, ax = plt.subplots()
    plot_keyness_intervals(top, names=("A", "B"), ax=ax)
    filled, hollow = ax.collections[1], ax.collections[2]
    assert len(filled.get_offsets()) == 2 and len(hollow.get_offsets()) == 1
    assert tuple(hollow.get_facecolors()[0]) == (1.0, 1.0, 1.0, 1.0)  # z: not significant
    assert [t.get_text() for t in ax.get_yticklabels()] == ["y", "z", "x"]
    plt.close(fig)


def test_sentence_starts_are_spacys_sentencizer(seed_corpus):
    """helpers.nlp applies spaCy's Sentencizer rule on arrays: the same starts as the library's
    component on the seeds (clean and raw), ptc-test's prose and edge cases."""
    import spacy
    from conftest import REPO

    from helpers.nlp import english

    reference = spacy.blank("en")
    for name in ["paragraph_breaks", "sentencizer", "abbreviations"]:
        reference.add_pipe(name)
    ptc = sorted((REPO.parent / "shared" / "corpora" / "ptc-test").glob("*.txt"))[:30]
    texts = [*seed_corpus.articles.text, *seed_corpus.articles.raw,
             *(p.read_text(encoding="utf-8", errors="replace") for p in ptc),
             "", ".", "Hi.", "a . . b", "One! Two? “Three.” Four…  \n Five\n\nSix.", "\n\nx. y"]  # fmt: skip
    for text in texts:
        ours, theirs = english()(text), reference(text)
        assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in theirs], text[:60]


def _ngrams_by_group_shift(tokens: pd.DataFrame, n: int) -> pd.DataFrame:
    # The definition text.ngrams computed until fc78a04 (a group-by shift per part): the
    # reference its arrays are held to.
    parts = [tokens.groupby("doc_id").term.shift(-k) for k in range(n)]
    sents = [tokens.groupby("doc_id").sentence_id.shift(-k) for k in range(n)]
    same = pd.concat(sents, axis=1).nunique(axis=1, dropna=False).eq(1) & sents[-1].notna()
    return tokens[same].assign(term=parts[0][same].str.cat([p[same] for p in parts[1:]], sep=" "))


def test_ngrams_by_hand_with_articles_interleaved_and_sentence_breaks():
    from helpers.text import ngrams

    tokens = pd.DataFrame({"doc_id": ["a", "b", "a", "a", "b", "a", None, None],
                           "term": ["csto", "nato", "summit", "bishkek", "exercise", "talks",
                                    "x", "y"],
                           "sentence_id": [0, 0, 0, 0, 1, 1, 0, 0]})  # fmt: skip
    assert ngrams(tokens, 2).term.tolist() == ["csto summit", "summit bishkek"]
    assert ngrams(tokens, 2).index.tolist() == [0, 2]
    assert ngrams(tokens, 3).term.tolist() == ["csto summit bishkek"]
    assert ngrams(tokens.iloc[:0], 2).empty


@pytest.mark.parametrize("n", [2, 3])
def test_ngrams_equal_the_group_shift_definition(seed_corpus, n):
    from helpers.text import ngrams

    tokens = term_tokens(seed_corpus.articles)
    for frame in (tokens, tokens.sample(frac=1, random_state=0), tokens.iloc[::3]):
        pd.testing.assert_frame_equal(ngrams(frame, n), _ngrams_by_group_shift(frame, n))


def _term_variants_by_definition(articles):
    """term_variants as first written: each term's text sliced and folded one by one."""
    from helpers.text import _folded, variants_of
    from helpers.vocabulary import normalise_term

    tokens = term_tokens(articles)
    texts = articles.set_index("doc_id").text
    surface = [_folded(normalise_term(texts[d][s:e]))
               for d, s, e in zip(tokens.doc_id, tokens.start, tokens.end, strict=True)]  # fmt: skip
    return variants_of(tokens.assign(surface=surface))  # the table's layout is shared


def test_term_variants_fold_each_written_form_as_the_definition(seed_corpus):
    from helpers.text import term_variants

    extra = pd.DataFrame({"doc_id": ["x", "y"], "text": [
        "Zhaparov met Japarov. Peace-keeping and peacekeeping; Presidents and the president.",
        "The North-Atlantic Alliance, NATO and Nato. Kyrgyz Republic, Kyrgyzstan.",
    ]})  # fmt: skip
    for articles in (seed_corpus.articles[["doc_id", "text"]], extra):
        expected = _term_variants_by_definition(articles)
        assert len(expected)
        pd.testing.assert_frame_equal(term_variants(articles), expected)


def test_sorted_codes_are_numpys_unique_of_the_strings():
    """tf_idf_matrix's row and column order: np.unique over every row's string, as before."""
    from helpers.stats import _sorted_codes

    cases = [pd.Series(["b", "a", "ä", "b", "A", "aa", "a"]),
             pd.Series(["x", None, "x", "y"], dtype=object), pd.Series([], dtype=str)]  # fmt: skip
    for values in cases:
        names, codes = _sorted_codes(values)
        expected_names, expected_codes = np.unique(values.to_numpy(str), return_inverse=True)
        assert names.tolist() == expected_names.tolist() and names.dtype == expected_names.dtype
        assert codes.tolist() == expected_codes.tolist()


def test_rows_of_every_articles_counts_are_the_kept_articles_counts():
    # Chapter 01 reuses the counts of every article for the articles it keeps.
    from conftest import REPO

    from helpers.corpus import load_corpus
    from helpers.text import rows_of

    every = load_corpus(REPO / "seeds").articles
    kept = every.iloc[[4, 0, 2]]
    got = rows_of(count_terms(every), kept)
    assert got.equals(count_terms(kept)) and set(got.doc_id) == set(kept.doc_id)
