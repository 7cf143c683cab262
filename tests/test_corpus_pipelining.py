"""The ways load_corpus overlaps its steps give what running them one after another gives.

- ``cleaning.clean(..., ready=...)`` runs the per-article rules before the captions' article by
  article and says when each article's lines are final: the same lines as ``clean``, and each
  article announced once, its lines then already final.
- ``dedup.near_duplicates`` looks each signature given by worker processes up in the LSH bands
  as it comes in: the same groups as grouping them all at once, wherever the index stops.
- ``corpus.count_line_words`` counts the words of hundreds of articles in one numpy pass: each
  line's count is the regex's, also for a text cut into pieces between its lines.
- ``corpus.text_column`` makes the string columns the way pandas would.
"""

import copy
import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import SEEDS
from synthetic import near_copies
from test_any_corpus import PTC

from helpers import cleaning as C
from helpers import corpus as K
from helpers import dedup
from helpers import patterns as P


def _drafts(folder):
    found = [f for f in K.find_files(folder) if f.reason is None]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        drafts, _ = K.read_drafts(found)
    return drafts


def _lines(drafts):
    return [[(x.start, x.end, x.reason, x.rule) for x in d.lines] for d in drafts] + [
        (d.fields, d.field_rules, d.captions) for d in drafts
    ]


@pytest.mark.parametrize("folder", [SEEDS, PTC], ids=["seeds", "ptc-test"])
def test_clean_with_ready_gives_the_same_lines_and_announces_final_lines(folder):
    if not folder.is_dir():
        pytest.skip(f"{folder} is not on this machine")
    drafts = _drafts(folder)
    for d in drafts:
        C.clean_alone(d)
    plain = copy.deepcopy(drafts)
    C.clean(plain, start=C.ALONE)
    seen = {}
    C.clean(drafts, start=C.ALONE, ready=lambda k, d: seen.setdefault(k, _lines([d])))
    assert _lines(drafts) == _lines(plain)
    assert sorted(seen) == list(range(len(drafts)))
    lines_then = [seen[k][0] for k in range(len(drafts))]
    assert lines_then == _lines(drafts)[: len(drafts)]


def test_an_article_with_a_caption_is_announced_after_the_captions_rule():
    raw = ("Title of the story\n\nA first paragraph that runs long enough to be prose here.\n\n"
           "Jane Smith\n\nA second paragraph that also runs long enough to be prose.\n")  # fmt: skip
    d = C.Draft("a", "a.txt", raw, "utf-8", C.split_lines(raw))
    C.clean_alone(d)
    order = []
    C.clean([d], start=C.ALONE, ready=lambda k, d: order.append([x.reason for x in d.lines]))
    assert order == [[x.reason for x in d.lines]] and "image-caption" in order[0]


@pytest.mark.parametrize("index_rows", [0, 1, 7, 10**9])
def test_streamed_signatures_give_the_same_groups(index_rows, monkeypatch):
    texts = near_copies()  # and an empty text and a prefix of "a", in the table's order
    texts = {**{k: texts[k] for k in "abcd"}, "empty": "", "e": texts["e"],
             "f": " ".join(texts["a"].split()[:200])}  # fmt: skip
    grouped = dedup.near_duplicates(texts)
    perms = dedup.template().permutations
    signatures = [dedup.minhash_values(t, perms) for t in texts.values()]
    monkeypatch.setattr(dedup, "INDEX_ROWS", index_rows)
    assert dedup.near_duplicates(texts, signatures=iter(signatures)) == grouped
    assert set(grouped) == {"b", "c", "e"}


def test_the_band_index_finds_what_lsh_candidates_finds():
    rng = np.random.default_rng(0)
    signatures = rng.integers(0, 3, size=(60, dedup.NUM_PERM)).astype(np.uint32)
    ranges = [(0, 2), (2, 4), (4, 128)]
    index = dedup._BandIndex(ranges)
    assert [index.add(row) for row in signatures] == dedup.lsh_candidates(signatures, ranges)


def test_line_word_counts_are_the_regex_counts(monkeypatch):
    texts = [
        "Don't stop—rock-and-roll’s here.\n  it's  a\u2028test-\nword 'quoted' -x x-",
        "Кыргызстан и ОДКБ: за-против.\r\n\r\nВторой абзац_1 ’s",
        "\n\n   \n",
        "a",
    ]
    drafts = [C.Draft(str(i), "", t, "utf-8", C.split_lines(t)) for i, t in enumerate(texts)]
    drafts += _drafts(SEEDS)
    monkeypatch.setattr(K, "WORD_BLOCK", 40)  # pieces cut between lines, blocks of few texts
    K.count_line_words(drafts)
    for d in drafts:
        assert [x.words for x in d.lines] == [len(P.WORD.findall(x.text)) for x in d.lines]


@pytest.mark.parametrize("values", [["a", None, "b"], ["x", float("nan")], [None, None], [],
                                    ["é", "\u2028"], [1, "a"], [[1], "a"]])  # fmt: skip
def test_text_columns_are_those_pandas_makes(values):
    made = K.text_column(list(values))
    series = made if isinstance(made, pd.Series) else pd.Series(made)
    expected = pd.Series(list(values))
    assert str(series.dtype) == str(expected.dtype)
    assert series.tolist() == expected.tolist() or series.isna().equals(expected.isna())
