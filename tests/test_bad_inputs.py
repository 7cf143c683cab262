"""The bad-input campaign (tests/bad_inputs.py): every case ends in an article with exact text, a
named skip, a warning naming the file (and row), or a CorpusError; none crashes; nothing is lost.
"""

import re
import warnings

import pandas as pd
import pytest
from bad_inputs import cases

from helpers import corpus as corpus_module
from helpers.corpus import CorpusError, CorpusWarning, load_corpus
from helpers.tables import save_table

CASES = cases()


def test_the_campaign_has_at_least_80_cases():
    assert len(CASES) >= 80
    assert len({c.name for c in CASES}) == len(CASES)


def _same(got, want) -> bool:
    if want is None:
        return not isinstance(got, list) and pd.isna(got)
    if isinstance(got, pd.Timestamp):
        return f"{got:%Y-%m-%d}" == want
    return got == want


def _lost(corpus) -> dict[str, str]:
    """Non-blank characters of each raw that neither a paragraph nor a removed span covers."""
    spans = pd.concat([corpus.paragraphs, corpus.removed])
    lost = {}
    for doc_id, raw in zip(corpus.articles.doc_id, corpus.articles.raw, strict=True):
        mask = bytearray(len(raw))
        for start, end in spans.loc[spans.doc_id.eq(doc_id), ["start", "end"]].itertuples(False):
            mask[start:end] = b"\x01" * (end - start)
        missing = "".join(ch for ch, m in zip(raw, mask, strict=True) if not m and not ch.isspace())
        if missing:
            lost[doc_id] = missing
    return lost


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case, tmp_path, monkeypatch):
    folder = case.build(tmp_path / "corpus")
    for name, value in case.limits.items():
        monkeypatch.setattr(corpus_module, name, value)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if case.error:
            with pytest.raises(CorpusError, match=case.error):
                load_corpus(folder)
            return
        corpus = load_corpus(folder)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    for pattern in case.warns:
        assert any(re.search(pattern, m) for m in messages), (pattern, messages)
    if not case.warns and not case.skipped:
        assert messages == []  # a clean case loads quietly
    articles = corpus.articles.set_index("doc_id")
    for doc_id, expected in case.articles.items():
        got = {column: articles.loc[doc_id, column] for column in expected}
        assert all(_same(got[c], v) for c, v in expected.items()), (got, expected)
    files = corpus.files.set_index("file")
    for file, reason in case.skipped.items():
        assert files.loc[file, "status"] != "article" and files.loc[file, "reason"] == reason
    assert corpus.articles.doc_id.is_unique
    assert _lost(corpus) == {}
    # Every table the project writes takes any name, text and sidecar value.
    for name, table in [("articles", corpus.articles), ("files", corpus.files),
                        ("removed", corpus.removed)]:  # fmt: skip
        path = save_table(table, name, tmp_path / "tables")
        back = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert len(back) == len(table)
        for column in back.columns:
            assert not back[column].str.match(r"[=+\-@\t\r]").any(), (name, column)


def test_formula_cells_escaped_and_negative_numbers_kept(tmp_path):
    table = pd.DataFrame({"term": ["=SUM(A1)", "+x", "-y", "@z", "\tt", "\rr", "plain", "a=b"],
                          "n_focus": [1, 2, 3, 4, 5, 6, 7, 8],
                          "log_odds": [-1.5, 2.0, -3.25, 0.0, -0.5, 1.0, -2.0, 3.0]})  # fmt: skip
    path = save_table(table, "keyness_source", tmp_path)
    back = pd.read_csv(path, keep_default_na=False)
    assert back.term.tolist() == ["'=SUM(A1)", "'+x", "'-y", "'@z", "'\tt", "'\nr", "plain", "a=b"]
    assert back.log_odds.tolist() == table.log_odds.tolist()  # still numbers, sign kept
    assert "leading apostrophe" in (tmp_path / "README.md").read_text()


@pytest.mark.parametrize("dtype", ["str", object])
@pytest.mark.parametrize("texts", [["=1", "a\rb", "ok", None, "-2", "\r\n", "x\ry", "", "@", "p"],
                                   ["a\rb", "ok", None, "x\r\ny", "p", "", "q", "r", "s", "t"],
                                   ["=1", "ok", None, "+", "p", "", "q", "r", "s", "t"]])  # fmt: skip
def test_tables_written_by_column_as_cell_by_cell(tmp_path, dtype, texts):
    # save_table escapes text columns at once; the file must be what a call per cell wrote.
    from helpers.tables import _cell

    texts = texts * 3
    table = pd.DataFrame({
        "term": pd.Series(texts, dtype=dtype),
        "doc_id": pd.Series([f"d{k}" for k in range(30)], dtype=dtype),
        "n": range(30),
        "log_odds": [k / 7 - 2 for k in range(30)],
        "n_focus": pd.array([None, *range(29)], dtype="Int64"),
    })  # fmt: skip
    path = save_table(table, "keyness_source", tmp_path)
    columns = pd.read_csv(path, nrows=0).columns.tolist()
    expected = table[columns].map(_cell).to_csv(index=False, lineterminator="\n",
                                                date_format="%Y-%m-%d", float_format="%.6g")  # fmt: skip
    assert path.read_text(encoding="utf-8") == expected
