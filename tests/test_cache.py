"""helpers.cache: a hit gives the miss's tables and warnings; any change in the inputs, the code or
the environment is a miss; unreadable entries warn and are recomputed; off computes every time."""

from __future__ import annotations

import inspect
import os
import pickle
import shutil
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import SEEDS

from helpers import cache
from helpers.cache import CacheWarning, cached, frame_digest
from helpers.corpus import CorpusWarning, load_corpus

TABLES = ["articles", "removed", "paragraphs", "provenance", "files"]


@pytest.fixture
def folder(empty_cache) -> Path:
    """A fresh, empty cache folder for this test only."""
    return empty_cache


@pytest.fixture
def corpus(tmp_path) -> Path:
    """The seeds plus files that make loading warn: an empty file, a binary one, a sidecar row
    naming no article."""
    where = tmp_path / "corpus"
    shutil.copytree(SEEDS, where)
    (where / "empty.txt").write_bytes(b"")
    (where / "blob.txt").write_bytes(b"\x00\x01binary\xff")
    (where / "metadata.csv").write_text("doc_id,outlet\nnosuch,X\n")
    return where


def counted(calls: list):
    """``load_corpus`` with a counter of how often it really runs."""

    def load(corpus_dir: str | Path, language: str = "all"):
        calls.append(corpus_dir)
        return load_corpus(corpus_dir, language)

    return load


def shown(call) -> tuple[object, list[tuple]]:
    """``call()``'s result and the warnings it showed, as (category, text, file, line)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        result = call()
    return result, [(w.category, str(w.message), w.filename, w.lineno) for w in caught]


def assert_same_corpus(a, b) -> None:
    for name in TABLES:
        left, right = getattr(a, name), getattr(b, name)
        pd.testing.assert_frame_equal(left, right, check_exact=True)
        assert left.dtypes.astype(str).tolist() == right.dtypes.astype(str).tolist(), name
        assert left.to_csv() == right.to_csv(), name


def test_a_hit_gives_the_miss_tables_and_warnings(folder, corpus):
    calls: list = []
    load = cached(counted(calls))
    direct, direct_warnings = shown(lambda: load_corpus(corpus))
    miss, miss_warnings = shown(lambda: load(corpus))
    hit, hit_warnings = shown(lambda: load(corpus))
    assert len(calls) == 1  # the hit read the entry
    assert_same_corpus(direct, miss)
    assert_same_corpus(direct, hit)
    texts = [text for _, text, _, _ in direct_warnings]
    assert any("empty.txt" in t for t in texts) and any("blob.txt" in t for t in texts)
    assert any("nosuch" in t for t in texts)
    assert miss_warnings == direct_warnings
    assert hit_warnings == direct_warnings
    assert {category for category, *_ in hit_warnings} == {CorpusWarning}
    assert len(list(folder.rglob("*.pkl"))) == 1
    assert not list(folder.rglob("*.tmp"))


def test_the_notebooks_stages_are_the_helpers_through_the_cache():
    import importlib

    for name, module in cache.STAGES.items():
        helper = getattr(importlib.import_module(module), name)
        through = getattr(cache, name)
        assert through.__wrapped__ is helper
        assert inspect.signature(through) == inspect.signature(helper)
        assert through.__doc__ == helper.__doc__
    with pytest.raises(AttributeError):
        cache.no_such_stage  # noqa: B018


def test_each_stage_hit_equals_its_miss(folder, seed_corpus):
    articles = seed_corpus.articles
    for name in ("count_terms", "find_mentions", "find_dates"):
        helper = getattr(cache, name).__wrapped__
        expected = helper(articles)
        miss, hit = getattr(cache, name)(articles), getattr(cache, name)(articles)
        for got in (miss, hit):
            pd.testing.assert_frame_equal(got, expected, check_exact=True)
            assert got.to_csv() == expected.to_csv()
    assert len(list(folder.rglob("*.pkl"))) == 3


@pytest.mark.parametrize("change", ["byte", "added file", "renamed file", "parameter", "code",
                                    "libraries"])  # fmt: skip
def test_any_change_is_a_miss(folder, corpus, monkeypatch, change):
    calls: list = []
    load = cached(counted(calls))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        first = load(corpus)
        load(corpus)
        assert len(calls) == 1
        language = "all"
        if change == "byte":
            path = corpus / "001_3c1a3a1192dce7f7.txt"
            data = bytearray(path.read_bytes())
            data[-2] = ord("X") if data[-2] != ord("X") else ord("Y")  # same size, same mtime
            stat = path.stat()
            path.write_bytes(bytes(data))
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # only the bytes differ
        elif change == "added file":
            (corpus / "sub").mkdir()
            (corpus / "sub" / "new.txt").write_text("Another headline\n\nSome more words here.\n")
        elif change == "renamed file":
            (corpus / "empty.txt").rename(corpus / "empty2.txt")
        elif change == "parameter":
            language = "en"
        elif change == "code":
            monkeypatch.setattr(cache, "code_digest", lambda: "other code")
            monkeypatch.setattr(cache, "_CODE_AT_IMPORT", "other code")
        elif change == "libraries":
            monkeypatch.setattr(cache, "environment_digest", lambda: "pandas 99")
        second = load(corpus, language)
    assert len(calls) == 2
    assert len(list(folder.rglob("*.pkl"))) == 2
    if change in ("byte", "added file"):  # and the miss read the change
        assert not first.articles.raw.equals(second.articles.raw)


def test_a_table_digest_reads_values_not_memory():
    a = pd.DataFrame({"doc_id": ["x", "y", "z"], "n": [1, 2, 3], "w": [0.5, np.nan, 1.0]})
    same = [a.copy(), pickle.loads(pickle.dumps(a)), a.iloc[::-1].iloc[::-1].copy(),
            pd.DataFrame({c: list(a[c]) for c in a})]  # fmt: skip
    assert {frame_digest(t) for t in same} == {frame_digest(a)}
    different = [
        a.assign(n=[1, 2, 4]),
        a.astype({"n": "int32"}),
        a.astype({"doc_id": object}),  # the same strings, another dtype
        a.rename(columns={"n": "m"}),
        a.set_axis([1, 2, 3]),
        a.assign(doc_id=["x", "y", "Z"]),
        a.assign(doc_id=a.doc_id.astype("category")),
        a.assign(w=[0.5, None, 1.0]).astype({"w": object}),
        a.iloc[:2],
        a[["n", "doc_id", "w"]],
    ]
    digests = [frame_digest(t) for t in different]
    assert len(set(digests)) == len(digests) and frame_digest(a) not in digests
    ones = pd.DataFrame({"v": pd.Series([1, "a"], dtype=object)})
    assert frame_digest(ones) != frame_digest(pd.DataFrame({"v": pd.Series(["1", "a"])}))
    split = [pd.Series(["ab", "c"]), pd.Series(["a", "bc"]), pd.Series(["ab", None]),
             pd.Series(["ab", ""]), pd.Series(["ab", "c"], dtype="string")]  # fmt: skip
    assert len({frame_digest(t) for t in split}) == len(split)
    cats = pd.Series(["a", "b"], dtype=pd.CategoricalDtype(["a", "b"]))
    assert frame_digest(cats) != frame_digest(cats.cat.reorder_categories(["b", "a"]))


def test_a_corrupt_entry_warns_and_is_computed_again(folder, corpus):
    calls: list = []
    load = cached(counted(calls))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        expected = load(corpus)
        (entry,) = folder.rglob("*.pkl")
        for junk in (entry.read_bytes()[:1000], b"", pickle.dumps({"format": -1})):
            entry.write_bytes(junk)
            with pytest.warns(CacheWarning, match="could not be read") as caught:
                got = load(corpus)
            assert str(entry) in str(caught[0].message)
            assert_same_corpus(expected, got)
        with warnings.catch_warnings():
            warnings.simplefilter("error", CacheWarning)
            assert_same_corpus(expected, load(corpus))  # rewritten: a clean hit again
    assert len(calls) == 4


def test_a_folder_that_cannot_be_written_warns_and_returns(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MULTIVECTOR_CACHE_DIR", str(blocker / "cache"))
    double = cached(lambda x: 2 * x)
    with pytest.warns(CacheWarning, match="could not store"):
        assert double(21) == 42


def test_off_computes_every_time_and_stores_nothing(folder, corpus, monkeypatch):
    monkeypatch.setenv("MULTIVECTOR_CACHE", "off")
    calls: list = []
    load = cached(counted(calls))
    direct, direct_warnings = shown(lambda: load_corpus(corpus))
    for _ in range(2):
        got, got_warnings = shown(lambda: load(corpus))
        assert_same_corpus(direct, got)
        assert got_warnings == direct_warnings
    assert len(calls) == 2 and not folder.exists()
    assert cache.cache_dir() is None


def test_the_default_folder_is_outside_the_repository(monkeypatch, tmp_path):
    monkeypatch.delenv("MULTIVECTOR_CACHE_DIR", raising=False)
    monkeypatch.delenv("MULTIVECTOR_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "multivector"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path.home().resolve() / ".cache" / "multivector"


def test_changed_helpers_in_a_running_kernel_bypass_the_cache(folder, monkeypatch):
    calls: list = []

    def f(x: int) -> int:
        calls.append(x)
        return x + 1

    through = cached(f)
    monkeypatch.setattr(cache, "code_digest", lambda: "edited since import")
    for _ in range(2):
        with pytest.warns(CacheWarning, match="changed since this kernel imported them"):
            assert through(1) == 2
    assert len(calls) == 2 and not folder.exists()


def test_warnings_before_an_error_are_shown_and_nothing_is_stored(folder):
    def fails(x: int) -> int:
        warnings.warn("about to fail", UserWarning, stacklevel=1)
        raise ValueError("no")

    with pytest.warns(UserWarning, match="about to fail"), pytest.raises(ValueError, match="no"):
        cached(fails)(1)
    assert not list(folder.rglob("*.pkl"))


def test_replayed_warnings_follow_the_callers_filters(folder):
    def warns(x: int) -> int:
        for _ in range(2):
            warnings.warn("twice", UserWarning, stacklevel=1)
        return x

    through = cached(warns)
    for _ in range(2):  # the miss, then the hit
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            through(1)
        assert [str(w.message) for w in caught] == ["twice"]  # one location: shown once
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("ignore")
            through(1)
        assert caught == []


def _load_seeds(_: int) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        return len(cache.load_corpus(SEEDS).articles)


def test_two_processes_filling_one_entry_at_once(folder):
    with ProcessPoolExecutor(2) as pool:
        assert list(pool.map(_load_seeds, range(6))) == [5] * 6
    assert len(list(folder.rglob("*.pkl"))) == 1
    assert not list(folder.rglob("*.tmp"))


def test_the_folder_keeps_under_its_size_bound(folder, monkeypatch):
    def f(x: int) -> bytes:
        return bytes(100_000) + bytes([x])

    through = cached(f)
    for x in range(3):
        through(x)
    entries = sorted(folder.rglob("*.pkl"), key=lambda p: p.stat().st_mtime)
    assert len(entries) == 3
    os.utime(entries[0], (0, 0))  # the first used longest ago ...
    os.utime(entries[1], (1, 1))
    through(0)  # ... but a hit marks it used now
    assert entries[0].stat().st_mtime > 1
    stale = entries[0].parent / "left-by-a-dead-process.tmp"
    stale.write_bytes(b"partial")
    os.utime(stale, (0, 0))
    monkeypatch.setenv("MULTIVECTOR_CACHE_GB", str(350_000 / 1e9))  # room for three entries
    through(3)
    left = set(folder.rglob("*.pkl"))
    assert len(left) == 3 and entries[1] not in left and {entries[0], entries[2]} <= left
    assert not stale.exists()
    monkeypatch.setenv("MULTIVECTOR_CACHE_GB", "lots")
    with pytest.raises(ValueError, match="MULTIVECTOR_CACHE_GB"):
        through(4)


def _same(got, expected) -> None:
    """Exactly equal: tables by values, dtypes and index; anything else by ``==``."""
    if isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
        assert got.dtypes.astype(str).tolist() == expected.dtypes.astype(str).tolist()
        assert got.to_csv() == expected.to_csv()
    elif isinstance(expected, pd.Series):
        pd.testing.assert_series_equal(got, expected, check_exact=True)
        assert got.to_csv() == expected.to_csv()
    else:
        assert type(got) is type(expected) and (
            got == expected or got != got and expected != expected
        )


def _chapter_calls(seed_corpus) -> dict:
    """Each cached analysis of the chapters, with the arguments its notebook gives it."""
    from helpers.actors import actor_vocabulary, find_mentions
    from helpers.corpus import sort_by_date
    from helpers.stats import largest_group, relative_frequency
    from helpers.text import count_terms, rows_of, term_tokens
    from helpers.timeline import find_dates
    from helpers.views import article_sources

    articles = sort_by_date(seed_corpus.articles)
    counts = count_terms(articles)
    mentions, dates = find_mentions(articles), find_dates(articles)
    kept = articles[articles.duplicate_kind.ne("exact")].reset_index(drop=True)
    kept_counts = rows_of(counts, kept)
    sources, languages = article_sources(kept), kept.set_index("doc_id").language
    focus = kept.doc_id[kept.doc_id.map(sources) == largest_group(sources)].tolist()
    key = cache.keyness.__wrapped__(kept_counts, focus, languages=languages)
    return {
        "words_kept_removed": (seed_corpus,),
        "display_rows": (articles, 12),
        "closest_pairs": (kept_counts, 3),
        "median_similarity": (kept_counts, kept),
        "comparison_sizes": (kept_counts, focus, languages),
        "keyness": (kept_counts, focus, 500.0, (), languages),
        "top_keyness": (kept_counts, key, focus, 8, 50, languages),
        "vocabulary_share": (kept_counts, actor_vocabulary(["NATO"]), actor_vocabulary(["CSTO"]),
                             sources, 50),
        "top_tf_idf": (relative_frequency(counts), 6),
        "term_tokens": (articles,),
        "pmi_collocations": (term_tokens(articles), 2),
        "kwic": (articles, r"\bCSTO\b"),
        "term_positions": (articles, ["nato", "csto", "russia"]),
        "alias_validation": (mentions, articles),
        "capitalised_words": (articles,),
        "count_mentions": (mentions, articles),
        "actor_shares_by_language": (mentions, articles, ["NATO", "CSTO", "Russia"], 50),
        "attention_by_language": (mentions, articles, [("NATO", "CSTO")]),
        "term_variants": (articles,),
        "uncovered_names": (articles, mentions),
        "find_quotes": (articles, mentions),
        "event_labels": (dates,),
        "cited_years_by_language": (dates, articles),
    }  # fmt: skip


def test_each_cached_analysis_hit_equals_its_miss_and_the_helper(folder, seed_corpus):
    calls = _chapter_calls(seed_corpus)
    assert set(calls) == set(cache.STAGES) - {"load_corpus", "count_terms", "find_mentions",
                                               "find_dates"}  # every one is checked  # fmt: skip
    for name, args in calls.items():
        through = getattr(cache, name)
        expected = through.__wrapped__(*args)
        miss, hit = through(*args), through(*args)
        _same(miss, expected)
        _same(hit, expected)
    assert len(list(folder.rglob("*.pkl"))) == len(calls)  # each a miss, then a hit


def test_an_arrow_string_column_is_digested_by_its_values_however_it_is_chunked():
    import pyarrow as pa

    values = ["NATO", None, "", "ОДКБ — CSTO", "a" * 1000]
    whole = pd.Series(values, dtype="str")
    chunked = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(
        [pa.array(values[:2], pa.large_string()), pa.array(values[2:], pa.large_string())])),
        dtype="str")  # fmt: skip
    sliced = pd.Series(["x", *values], dtype="str").iloc[1:].reset_index(drop=True)
    assert chunked.array.__arrow_array__().num_chunks == 2
    assert frame_digest(whole) == frame_digest(chunked) == frame_digest(sliced)
    assert frame_digest(whole) == frame_digest(pickle.loads(pickle.dumps(whole)))
    others = [["NATO", "", "", "ОДКБ — CSTO", "a" * 1000],  # a missing value is not ""
              ["NAT", "O", "", "ОДКБ — CSTO", "a" * 1000],  # the same bytes split elsewhere
              ["NATO", None, "", "ОДКБ — CSTO", "a" * 999]]  # fmt: skip
    digests = {frame_digest(pd.Series(v, dtype="str")) for v in others}
    assert len(digests) == 3 and frame_digest(whole) not in digests


def test_lists_dicts_and_dataclasses_are_digested_by_their_items(seed_corpus):
    from helpers.cache import value_digest

    a = pd.DataFrame({"n": [1, 2]})
    assert value_digest([a, {"k": a}]) == value_digest([a.copy(), {"k": a.copy()}])
    assert value_digest([a]) != value_digest([a.astype("int32")])
    assert value_digest({"x": 1, "y": 2}) != value_digest({"y": 2, "x": 1})  # a legend's order
    copy = pickle.loads(pickle.dumps(seed_corpus))
    assert value_digest(copy) == value_digest(seed_corpus)
    other = pickle.loads(pickle.dumps(seed_corpus))
    other.articles.loc[0, "title"] = "Another title"
    assert value_digest(other) != value_digest(seed_corpus)


def test_a_digest_follows_an_assignment_into_a_column():
    table = pd.DataFrame({"text": pd.Series(["a", "b", "c"], dtype="str")})
    before = frame_digest(table)
    assert frame_digest(table) == before  # the remembered digest of the same array
    table.loc[1, "text"] = "B"
    assert frame_digest(table) != before
    assert frame_digest(table) == frame_digest(pd.DataFrame({"text": ["a", "B", "c"]}))
