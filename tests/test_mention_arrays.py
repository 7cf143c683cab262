"""``find_mentions`` on token arrays (``helpers.english_terms.Tokens``, a trie of the aliases)
gives, row for row and value for value, the table of the spaCy-Doc implementation it replaced
(kept in ``spacy_mentions_reference``): on the seeds, ptc-test, a generated corpus, edge cases
and random text."""

import random
import sys

import pandas as pd
import pytest
from conftest import REPO
from spacy_mentions_reference import reference_find_mentions

from helpers.actors import find_mentions
from helpers.corpus import load_corpus

PTC = REPO.parent / "shared" / "corpora" / "ptc-test"
EDGES = [
    "", "   ", "NATO", "\n\nCSTO\n\n", "the West Bank and the West.", "the West & Co",
    "MOSCOW, May 16 — Russia and the Kremlin.", "Bishkek (AKIpress) - Japarov said",
    "the Guardian (London) reported", "In Moscow and Beijing, U.S. officials met Nato.",
    "a Bishkek-based analyst at 10 am Moscow time", "Moscow's position; a trip to Moscow",
    "Sadyr Japarov's visit. Russian President Vladimir Putin, Zhaparov.", "then-NATO chief",
    "Breitbart London. South London. The city of London.", "in the U.S. The talks",
    "US us Us. the Alliance and NATO's allies", "Moscow,\n12 May: Moscow, 2014",
    "flew on from Beijing to Tashkent, Bishkek and Almaty", "x" * 300 + " Putin  Putin",
]  # fmt: skip


@pytest.fixture(scope="module")
def corpora(seed_corpus, tmp_path_factory):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import write

    found = {
        "seeds": seed_corpus.articles[["doc_id", "text"]],
        "generated-300": load_corpus(write(tmp_path_factory.mktemp("gen"), 300)).articles,
        "edges": pd.DataFrame(
            {"doc_id": [f"e{k:02d}" for k in range(len(EDGES))], "text": EDGES}
        ),  # fmt: skip
    }
    if PTC.is_dir():  # beside the repository on the project's machine, not in a clean clone
        found["ptc-test"] = load_corpus(PTC).articles[["doc_id", "text"]]
    return found


@pytest.mark.parametrize("name", ["seeds", "generated-300", "edges", "ptc-test"])
def test_same_table_as_the_reference(corpora, name):
    if name not in corpora:
        pytest.skip(f"{name} is not beside the repository")
    articles = corpora[name][["doc_id", "text"]]
    got, expected = find_mentions(articles), reference_find_mentions(articles)
    assert len(expected) > (0 if name == "edges" else 20)
    pd.testing.assert_frame_equal(got, expected)
    assert got.equals(expected)


def test_random_text_gives_the_reference_table(seed_corpus):
    # words of the seeds, aliases and punctuation shuffled: names at every position
    words = " ".join(seed_corpus.articles.text).split()[:3000]
    words += ["NATO", "Nato", "Moscow", "Moscow's", "(", ")", ",", "—", "-based", "\n\n", "US"]
    rng = random.Random(0)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 200))) for _ in range(60)]
    articles = pd.DataFrame({"doc_id": [f"r{k}" for k in range(60)], "text": texts})
    got, expected = find_mentions(articles), reference_find_mentions(articles)
    assert len(expected) > 100
    assert got.equals(expected)


def tricky_texts(n: int, seed: int) -> list[str]:
    """Names, special cases of the tokenizer, sentence marks and every kind of whitespace."""
    rng = random.Random(seed)
    pieces = ["NATO", "Nato", "US", "us", "U.S.", "Moscow", "Moscow's", "Kremlin", "West",
              "Bank", "&", "Sadyr", "Japarov", "Putin", "-", "-based", "in", "to", "flew", "the",
              "'s", "'", ".", ",", "!", "?", "(", ")", ":", "—", "Gen.", "No.", "10", "May",
              "16", "The", "\n\n", "\n", " ", "  ", "\t", "\u00a0", "\u2009", "“", "”", "…",
              "e.g.", "Mr.", "CSTO", "SCO", "China", "Beijing", "time", "city", "of", "x"]  # fmt: skip
    return ["".join(w + rng.choice(["", " ", " ", " ", "  ", "\n", "\n\n"])
                    for w in rng.choices(pieces, k=rng.randint(0, 80))) for _ in range(n)]  # fmt: skip


def test_tricky_text_gives_the_reference_table():
    texts = tricky_texts(200, 7)
    articles = pd.DataFrame({"doc_id": [f"t{k:03d}" for k in range(len(texts))], "text": texts})
    got, expected = find_mentions(articles), reference_find_mentions(articles)
    assert len(expected) > 500
    assert got.equals(expected)


def test_dates_sentences_are_segments():
    """``find_dates`` reads its dates' sentences from ``timeline._sentences_of``: each text's
    token offsets and sentence numbers are ``helpers.sentences.segment``'s."""
    from helpers.sentences import segment
    from helpers.timeline import _sentences_of

    texts = [*tricky_texts(200, 8), "", "  \n\n ", "In 2014. Gen. Asanov met in the U.S. The end"]
    for text, (starts, ends, sentence) in zip(texts, _sentences_of(texts), strict=True):
        seg = segment(text)
        assert (starts, ends, sentence) == (seg.starts, seg.ends, seg.sentence), text
