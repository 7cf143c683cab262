"""Actor mentions: every alias kind on hand-written sentences, and seed counts read by hand."""

import pandas as pd
import pytest

from helpers.actors import (
    alias_validation,
    cooccurrence,
    count_mentions,
    find_mentions,
    load_gazetteer,
    rate_grid,
    render_mentions,
    uncovered_names,
)


def mentions_of(*texts):
    arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})
    return find_mentions(arts)


def actors(text):
    return mentions_of(text).actor.tolist()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Japarov and Zhaparov and Sadyr Japarov.", ["Sadyr Japarov"] * 3),
        ("Appaturay, Apparturay, J. Appaturay and James Appathurai.", ["James Appathurai"] * 4),
        ("Rahmon met Rakhmon.", ["Emomali Rahmon"] * 2),
        ("The North Atlantic Alliance and the North-Atlantic Alliance.", ["NATO", "NATO"]),
        ("The Collective Security Treaty Organization (CSTO) met.", ["CSTO", "CSTO"]),
    ],
)
def test_spelling_variants(text, expected):
    assert actors(text) == expected


def test_longest_match_wins():
    m = mentions_of("President Sadyr Japarov met the Kyrgyz Republic's envoy.")
    assert m.surface.tolist() == ["Sadyr Japarov", "Kyrgyz Republic"]
    assert m.start.tolist() == [10, 32]


def test_possessives_and_hyphenation():
    m = mentions_of("Japarov’s trip, Russia's support and then-NATO plans; Kyrgyz-Tajik border.")
    assert m.surface.tolist() == ["Japarov", "Russia", "NATO"]
    assert m.actor.tolist() == ["Sadyr Japarov", "Russia", "NATO"]


def test_metonyms_are_flagged():
    m = mentions_of("Moscow and the Kremlin, Washington and the Pentagon, Beijing, Brussels.")
    assert m.actor.tolist() == ["Russia", "Russia", "United States", "United States", "China",
                                "NATO"]  # fmt: skip
    assert m.metonym.all()
    assert not mentions_of("Russia and NATO.").metonym.any()


def test_alliance_is_nato_only_after_the():
    assert actors("He proposed it to the Alliance.") == ["NATO"]
    assert actors("Alliance with Russia or flirtation with the West?") == ["Russia", "West"]
    assert actors("Both are in the alliance and a military alliance.") == []


def test_case_sensitive_acronyms():
    assert actors("The US and the U.S. pay us.") == ["United States", "United States"]
    assert actors("The un-named sco.") == []


def test_offsets_point_into_text_and_sentences_counted():
    text = "NATO met.\n\nThen the CSTO met Russia. China"
    m = mentions_of(text)
    assert [text[s:e] for s, e in zip(m.start, m.end, strict=True)] == m.surface.tolist()
    assert m.sentence_id.tolist() == [0, 1, 1, 2]


def test_gazetteer_rejects_an_alias_listed_twice(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("- {actor: A, kind: country, bloc: x, aliases: [X]}\n"
                    "- {actor: B, kind: country, bloc: x, aliases: [X]}\n")  # fmt: skip
    with pytest.raises(ValueError, match="X"):
        load_gazetteer(path)


def test_gazetteer_shape():
    gaz = load_gazetteer()
    assert set(gaz.kind) <= {"person", "organisation", "country", "agency", "media", "bloc"}
    canon = set(gaz.actor)
    for name in [
        "Sadyr Japarov",
        "James Appathurai",
        "Emomali Rahmon",
        "Kassym-Jomart Tokayev",
        "Vladimir Putin",
        "NATO",
        "CSTO",
        "SCO",
        "UN",
        "OSCE",
        "EAEU",
        "CIS",
        "Russia",
        "United States",
        "China",
        "Kyrgyzstan",
        "Kazakhstan",
        "Tajikistan",
        "Uzbekistan",
    ]:
        assert name in canon  # fmt: skip


def test_count_mentions_per_1000_words_with_and_without_metonyms():
    arts = pd.DataFrame({"doc_id": ["a"], "text": ["Moscow and Russia."], "n_words": [500]})
    m = find_mentions(arts)
    assert count_mentions(m, arts).values.tolist() == [["a", "Russia", 2, 4.0]]
    assert count_mentions(m, arts, metonyms=False).values.tolist() == [["a", "Russia", 1, 2.0]]


def test_cooccurrence_counts_sentences_not_mentions():
    m = mentions_of("NATO and NATO and Russia. Russia and China. NATO alone.")
    assert cooccurrence(m).values.tolist() == [["China", "Russia", 1], ["NATO", "Russia", 1]]


def test_uncovered_names():
    arts = pd.DataFrame({"doc_id": ["a"], "text": [
        "Marat Imankulov met Ivan Petrov in Balykchy. The President spoke. The president left."
    ]})  # fmt: skip
    names = uncovered_names(arts, find_mentions(arts))
    assert names.name.tolist() == ["Balykchy", "Ivan Petrov"]


# Per-article counts, checked by reading the clean text of each seed.
SEED_COUNTS = {
    "Sadyr Japarov": {"002": 9, "003": 2, "004": 4},
    "CSTO": {"000": 3, "001": 9, "002": 2, "003": 18, "004": 10},
    "NATO": {"000": 14, "001": 43, "003": 4},
    "Russia": {"000": 2, "001": 5, "002": 20, "003": 5, "004": 7},
    "United States": {"000": 4, "001": 1, "002": 1, "004": 6},
    "China": {"000": 2},
    "SCO": {"000": 2, "001": 3},
    "James Appathurai": {"001": 5},
}


@pytest.mark.parametrize("actor", sorted(SEED_COUNTS))
def test_seed_counts(seed_corpus, actor):
    m = find_mentions(seed_corpus.articles)
    got = m[m.actor == actor].groupby(m.doc_id.str[:3]).size().to_dict()
    assert got == SEED_COUNTS[actor]


def test_seed_captions_and_title_not_counted(seed_corpus):
    m = find_mentions(seed_corpus.articles)
    # "Zhaparov" in 003 is a photo caption, removed from the text: not a mention.
    assert "Zhaparov" not in m.query("doc_id.str.startswith('003')").surface.tolist()


def test_seed_gazetteer_covers_every_actor(seed_corpus):
    names = set(uncovered_names(seed_corpus.articles, find_mentions(seed_corpus.articles)).name)
    for actor_like in ["NATO", "CSTO", "Japarov", "Putin", "Moscow", "Taliban", "Tokayev"]:
        assert actor_like not in names


def test_rate_grid_orders_articles_and_fills_zeros():
    arts = pd.DataFrame({"doc_id": ["b", "a"], "text": ["NATO.", "CSTO and NATO."],
                         "n_words": [100, 200]})  # fmt: skip
    grid = rate_grid(count_mentions(find_mentions(arts), arts), arts, ["CSTO", "NATO", "SCO"])
    assert grid.columns.tolist() == ["b", "a"]
    assert grid.to_numpy().tolist() == [[0, 5.0], [10.0, 5.0], [0, 0]]


def test_render_mentions_marks_each_match():
    text = "Moscow and NATO."
    html = render_mentions(text, mentions_of(text), {"NATO": "#0072B2"})
    assert html.count("<mark") == 2
    assert "Russia (metonym)" in html and "NATO</span>" in html
    # NATO's #0072B2 lightened to 45% strength, so black text on it stays readable
    assert "background: #8CC0DC" in html


def test_alias_validation_lists_every_hit_in_context():
    arts = pd.DataFrame({"doc_id": ["a"], "text": ["Moscow spoke. NATO and Moscow."]})
    table = alias_validation(find_mentions(arts), arts, window=6)
    assert table[["actor", "left", "match", "right"]].values.tolist() == [
        ["NATO", "poke. ", "NATO", " and M"],
        ["Russia", "      ", "Moscow", " spoke"],
        ["Russia", "O and ", "Moscow", "."],
    ]


def test_mention_share_between_two_actors():
    from helpers.actors import mention_share

    m = mentions_of("NATO, NATO, NATO and the CSTO.", "Only the CSTO.", "Russia alone.")
    share = mention_share(m, "NATO", "CSTO")
    assert share.values.tolist() == [["d0", 3, 1, 0.75], ["d1", 0, 1, 0.0]]
