"""helpers.sentences gives every token the sentence start english() gives it, from the
tokenizer alone, and the sentence numbers helpers.nlp.sentence_ids gives."""

from __future__ import annotations

import random
import sys

import pytest
from conftest import REPO

from helpers.nlp import english, sentence_ids
from helpers.sentences import _INITIALISM, _initialisms, segment, sentence_doc

PTC = REPO.parent / "shared" / "corpora" / "ptc-test"
EDGE = ["", ".", "Hi.", "a . . b", "One! Two? “Three.” Four…  \n Five\n\nSix.", "\n\nx. y",
        "\n\n", " \n\n ", "a\n\n\n\nb", "a \n\n \n\n b.", "x.\n\n.y", "U.S.\n\nThe x", "U.K. The",
        "Gen. Asanov met Lt. Col. Bakiev at No. 10. Art. 5 applies in the U.S. The end.",
        "No.5 No. 5 no. 5x Jan. 5 Mr.Smith St. Petersburg", "E.U.'s U.S.-led A.B.C. In Dr. X.",
        "end.\n \nNext", "?!\n\n!?", "   leading", "trailing   ", "(U.S.) The"]  # fmt: skip


def assert_same(text: str) -> None:
    ours, theirs = segment(text), english()(text, disable=["lemmatizer"])
    assert [t.text for t in ours.doc] == [t.text for t in theirs], text[:60]
    assert [t.is_sent_start for t in ours.doc] == [t.is_sent_start for t in theirs], text[:60]
    assert ours.sentence == sentence_ids(theirs).tolist()
    assert ours.starts == [t.idx for t in theirs]
    assert ours.ends == [t.idx + len(t) for t in theirs]


@pytest.mark.parametrize("text", EDGE)
def test_edge_cases(text):
    assert_same(text)


def test_seeds_clean_and_raw(seed_corpus):
    for text in [*seed_corpus.articles.text, *seed_corpus.articles.raw]:
        assert_same(text)


@pytest.mark.skipif(not PTC.is_dir(), reason="needs ../shared/corpora/ptc-test")
def test_ptc_test():
    for path in sorted(PTC.glob("*.txt")):
        assert_same(path.read_text(encoding="utf-8", errors="replace"))


def test_generated_articles(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import write

    for path in sorted(write(tmp_path / "g", 60, seed=5).glob("*.txt")):
        assert_same(path.read_text(encoding="utf-8"))


def test_initialisms_are_the_patterns_matches():
    rng = random.Random(0)
    pieces = ["U.", "S.", "K.", "Ab.", ".", " ", "\n", "The", "In", "x", "A", "(", "'s", "-"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        expected = [(m.span(), m.span("opener")) for m in _INITIALISM.finditer(text)]
        assert [(m.span(), m.span("opener")) for m in _initialisms(text)] == expected, text


def test_sentence_doc_is_the_segmented_doc():
    doc = sentence_doc("In the U.S. The end.")
    assert [s.text for s in doc.sents] == ["In the U.S.", "The end."]
