"""save_table through the cache: a hit writes the bytes pandas' own writer wrote on the miss."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import tables
from helpers.tables import save_table


@pytest.fixture
def folder(empty_cache):
    """A fresh, empty cache folder for this test only (conftest's ``empty_cache``)."""
    return empty_cache


def by_pandas(table: pd.DataFrame, path) -> bytes:
    """What save_table wrote before its bytes were cached: pandas writing to the file."""
    tables._cells(table).to_csv(path, index=False, lineterminator="\n", date_format="%Y-%m-%d",
                                float_format="%.6g")  # fmt: skip
    return path.read_bytes()


TRICKY = pd.DataFrame({
    "doc_id": pd.Series(["a", "b", None], dtype="str"),
    "text": pd.Series(["=1+1", "line\r\nbreak, \"quoted\"", "ünïcödé — ok"], dtype="str"),
    "tags": [["-x", "y"], [], None],
    "n": [1, -2, 3],
    "share": [0.123456789, np.nan, 1e-9],
    "published": pd.to_datetime(["2011-06-15", None, "2022-10-10"]),
    "views": pd.array([1, None, 3], dtype="Int64"),
})  # fmt: skip


@pytest.mark.parametrize("which", ["tricky", "articles", "mentions"])
def test_a_hit_writes_the_bytes_pandas_wrote(folder, tmp_path, seed_corpus, which):
    from helpers.actors import find_mentions

    table = {"tricky": TRICKY, "articles": seed_corpus.articles,
             "mentions": find_mentions(seed_corpus.articles)}[which]  # fmt: skip
    name = {"tricky": "articles", "articles": "articles", "mentions": "actor_mentions"}[which]
    written = []
    for run in ("miss", "hit"):
        path = save_table(table, name, tmp_path / run)
        written.append(path.read_bytes())
    columns = list(pd.read_csv(tmp_path / "miss" / f"{name}.csv", nrows=0).columns)
    expected = by_pandas(table[columns], tmp_path / "by_pandas.csv")
    assert written == [expected, expected]
    assert (tmp_path / "miss" / "README.md").read_bytes() == (
        tmp_path / "hit" / "README.md").read_bytes()  # fmt: skip
    assert len(list(folder.rglob("*.pkl"))) == 1


def test_a_changed_table_is_a_miss(folder, tmp_path):
    save_table(TRICKY, "articles", tmp_path / "a")
    changed = TRICKY.assign(n=[1, -2, 4])
    path = save_table(changed, "articles", tmp_path / "b")
    columns = list(pd.read_csv(path, nrows=0).columns)
    assert path.read_bytes() == by_pandas(changed[columns], tmp_path / "by_pandas.csv")
    assert len(list(folder.rglob("*.pkl"))) == 2
