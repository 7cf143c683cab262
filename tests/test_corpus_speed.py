"""The faster load_corpus (issue 16) returns the very tables it returned before, in one process
or with worker processes.

The digests below were recorded from load_corpus at commit fc78a04, before any speed change
(tests/corpus_digest.py: every column, dtype, index and value of the five tables). The same
digests were compared on 130 corpora while the changes were made: the seeds, ptc-test, the
Russian and mixed test corpora, generated corpora of 300, 500, 2,000 and 20,000 articles, the
synthetic corpora of tests/synthetic.py and every folder of the bad-input campaign.
"""

import sys
import warnings
from pathlib import Path

import pytest
from conftest import REPO, SEEDS
from corpus_digest import corpus_digest
from test_any_corpus import PTC
from test_mixed_corpus import write_mixed

from helpers import corpus as K
from helpers import patterns as P
from helpers.corpus import load_corpus

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import write  # noqa: E402

FC78A04 = {
    "seeds": {"articles": "942a38d8c095b05e", "removed": "460f8470d472b38a",
              "paragraphs": "3caad51e14f5c215", "provenance": "9c71fc07f5005568",
              "files": "ce2c4487b0fd96bf"},
    "ptc-test": {"articles": "4669463b78122fa3", "removed": "45452e88f557e9d6",
                 "paragraphs": "74e7f17aa41fc102", "provenance": "1727abd94a610739",
                 "files": "ba6f054a49647fb9"},
    "russian": {"articles": "0a4a2703c768d5f3", "removed": "bd72e4ddc5e99fa6",
                "paragraphs": "ab94fac6c168a644", "provenance": "65198a37bd8eaa1d",
                "files": "92a7105041a35d05"},
    "mixed": {"articles": "97004fef383a124f", "removed": "2c5e1b53f6d826a5",
              "paragraphs": "edd92a55f9fd7596", "provenance": "726d6923665882ab",
              "files": "4a7246dcf9f2fae6"},
    # benchmarks/generate.py: write(folder, 300, seed=3, folders=3)
    "generated-300": {"articles": "aceaf1b0409d7dd4", "removed": "4887ae76985fffc5",
                      "paragraphs": "73d597347a90b8d1", "provenance": "14e314e6e29b0152",
                      "files": "335258b157921c79"},
}  # fmt: skip


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("speed")
    return {
        "seeds": SEEDS,
        "ptc-test": PTC,
        "russian": REPO / "tests" / "data" / "russian",
        "mixed": write_mixed(tmp / "mixed"),
        "generated-300": write(tmp / "generated", 300, seed=3, folders=3),
    }


def _digest(folder: Path, workers: int) -> dict[str, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the generated corpus's README.TXT, for instance
        return corpus_digest(load_corpus(folder, workers=workers))


@pytest.mark.parametrize("name", list(FC78A04))
def test_tables_are_those_of_fc78a04_in_one_process(name, folders):
    if name == "ptc-test" and not PTC.is_dir():
        pytest.skip(f"{PTC} is not on this machine")
    assert _digest(folders[name], workers=1) == FC78A04[name]


@pytest.mark.parametrize("name", ["mixed", "generated-300"])
def test_worker_processes_give_the_same_tables(name, folders):
    assert _digest(folders[name], workers=2) == FC78A04[name]


def test_small_corpora_stay_in_one_process():
    assert K.default_workers(K.PARALLEL_FROM - 1) == 1
    assert 1 <= K.default_workers(K.PARALLEL_FROM) <= K.MAX_WORKERS


def test_words_are_counted_as_the_word_pattern_counts_them():
    texts = ["a-b", "a--b", "x'y'z", "-a-", "İstanbul", "_a_-_", "", "a", "\ud800a", "a’b c",
             "١٢٣ abc", "𝔘𝔫𝔦 code", "a-", "-", "'", "Киргизия—ОДКБ, 10-14 октября", "ǅemal ﬁne"]  # fmt: skip
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt"))]
    assert [K._count_words(t) for t in texts] == [P.WORD.subn("", t)[1] for t in texts]


def test_big_articles_worked_out_in_this_process_give_the_same_tables(folders, monkeypatch):
    """Articles over BIG_ARTICLE characters are worked out in the main process beside the
    workers' answers: with the limit lowered so that some of the 300 are, the same tables."""
    monkeypatch.setattr(K, "BIG_ARTICLE", 3_000)
    raws = load_corpus(folders["generated-300"]).articles.raw.str.len()
    assert 0 < (raws > K.BIG_ARTICLE).sum() < len(raws)
    assert _digest(folders["generated-300"], workers=2) == FC78A04["generated-300"]
