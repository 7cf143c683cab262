"""Reading a researcher's folder: recursion, doc_ids, the files table, skips and their warnings."""

import os
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO

from helpers.corpus import CorpusError, CorpusWarning, count_files, load_corpus

PTC = REPO.parent / "shared" / "corpora" / "ptc-test"
BODY = "Body text of a story, long enough to read as prose."


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: content}, making subfolders as needed."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return folder


def story(k: int) -> str:
    return f"Headline {k}\n{BODY} Number {k} of the collection."


def load_quietly(folder: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return load_corpus(folder)


def rows(files: pd.DataFrame) -> list[tuple]:
    """The files table's rows without ``detail`` (tested on its own where it says something)."""
    shown = files.drop(columns="detail").itertuples(index=False)
    return [tuple(None if pd.isna(v) else v for v in r) for r in shown]


@pytest.fixture
def nested(tmp_path):
    return write(tmp_path, {
        "README.TXT": "About this collection: five topics, one story per file.",
        "business/001.txt": story(1),
        "business/002.txt": story(2),
        "sport/001.txt": story(3),
        "tech/ai/001.txt": story(4),
        "top.txt": story(5),
    })  # fmt: skip


def test_nested_folders_are_read_with_path_doc_ids(nested):
    with pytest.warns(CorpusWarning) as caught:
        corpus = load_corpus(nested)
    assert [str(w.message) for w in caught] == [
        "1 file skipped as documentation: README.TXT; see corpus.files"
    ]
    a = corpus.articles
    assert a.doc_id.tolist() == ["business/001", "business/002", "sport/001", "tech/ai/001", "top"]
    assert a.file.tolist() == ["business/001.txt", "business/002.txt", "sport/001.txt",
                               "tech/ai/001.txt", "top.txt"]  # fmt: skip
    assert a.folder.tolist() == ["business", "business", "sport", "tech/ai", "."]
    assert a.columns[-7:].tolist() == ["similarity", "file", "folder", "encoding",
                                       "decode_warnings", "sha256", "raw"]  # fmt: skip
    assert a.title.tolist() == [f"Headline {k}" for k in range(1, 6)]
    size = len(story(1).encode())
    assert rows(corpus.files) == [
        ("README.TXT", ".", None, "skipped", "documentation", 55),
        ("business/001.txt", "business", "business/001", "article", None, size),
        ("business/002.txt", "business", "business/002", "article", None, size),
        ("sport/001.txt", "sport", "sport/001", "article", None, size),
        ("tech/ai/001.txt", "tech/ai", "tech/ai/001", "article", None, size),
        ("top.txt", ".", "top", "article", None, size),
    ]
    assert corpus.files.columns.tolist() == ["file", "folder", "doc_id", "status", "reason",
                                             "bytes", "detail"]  # fmt: skip


def test_count_files_per_folder(nested):
    write(nested, {"business/prices.csv": "a,b\n", "sport/empty.txt": "\n"})
    with pytest.warns(CorpusWarning):
        files = load_corpus(nested).files
    assert count_files(files).to_dict("records") == [
        {"folder": ".", "found": 2, "articles": 1, "skipped": 1},
        {"folder": "business", "found": 3, "articles": 2, "skipped": 1},
        {"folder": "sport", "found": 2, "articles": 1, "skipped": 1},
        {"folder": "tech/ai", "found": 1, "articles": 1, "skipped": 0},
    ]
    assert count_files(files).dtypes[["found", "articles", "skipped"]].eq("int64").all()


def test_mixed_case_extensions_and_clashing_doc_ids(tmp_path):
    write(tmp_path, {"a.txt": story(1), "a.TXT": story(2), "B.Txt": story(3), "c.TXT": story(4),
                     "sub/d.txt": story(5), "sub/d.Txt": story(6)})  # fmt: skip
    a = load_quietly(tmp_path).articles
    assert dict(zip(a.file, a.doc_id, strict=True)) == {
        "B.Txt": "B", "a.TXT": "a.TXT", "a.txt": "a.txt", "c.TXT": "c",
        "sub/d.Txt": "sub/d.Txt", "sub/d.txt": "sub/d.txt"}  # fmt: skip


def test_a_clash_resolved_into_another_clash_still_ends_unique(tmp_path):
    write(tmp_path, {"a.txt": story(1), "a.TXT": story(2), "a.txt.txt": story(3)})
    a = load_quietly(tmp_path).articles
    assert dict(zip(a.file, a.doc_id, strict=True)) == {
        "a.TXT": "a.TXT", "a.txt": "a.txt", "a.txt.txt": "a.txt.txt"}  # fmt: skip


def test_hidden_files_and_folders_are_one_quiet_row_each(tmp_path):
    write(tmp_path, {
        "a.txt": story(1),
        ".DS_Store": b"\x00\x01",
        ".git/config": "[core]",
        ".git/objects/x.txt": story(2),
        "sub/.ipynb_checkpoints/b-checkpoint.txt": story(3),
        "sub/b.txt": story(3),
    })  # fmt: skip
    corpus = load_quietly(tmp_path)
    assert corpus.articles.doc_id.tolist() == ["a", "sub/b"]
    assert rows(corpus.files[corpus.files.reason.eq("hidden")]) == [
        (".DS_Store", ".", None, "skipped", "hidden", 2),
        (".git", ".", None, "skipped", "hidden", None),
        ("sub/.ipynb_checkpoints", "sub", None, "skipped", "hidden", None),
    ]


def test_links_followed_broken_and_looping(tmp_path):
    write(tmp_path, {"a.txt": story(1), "sub/b.txt": story(2)})
    os.symlink("a.txt", tmp_path / "alias.txt")
    os.symlink("missing.txt", tmp_path / "dangling.txt")
    os.symlink("self.txt", tmp_path / "self.txt")
    os.symlink("..", tmp_path / "sub" / "up")
    with pytest.warns(CorpusWarning) as caught:
        corpus = load_corpus(tmp_path)
    assert [str(w.message) for w in caught] == [
        "2 files skipped as broken-link: dangling.txt, self.txt; see corpus.files",
        "1 file skipped as link-loop: sub/up; see corpus.files",
    ]
    assert corpus.articles.doc_id.tolist() == ["a", "alias", "sub/b"]
    assert corpus.articles.set_index("doc_id").duplicate_of.to_dict()["alias"] == "a"
    assert corpus.files.set_index("file").reason.dropna().to_dict() == {
        "dangling.txt": "broken-link", "self.txt": "broken-link", "sub/up": "link-loop"}  # fmt: skip


def test_other_files_and_the_sidecar_are_listed_without_warning(tmp_path):
    write(tmp_path, {
        "a.txt": story(1),
        "data.csv": "x\n",
        "paper.pdf": b"%PDF-1.4",
        "notes.json": "{}",
        "metadata.csv": "doc_id,outlet\na,Site\nsub/b,Other\n",
        "sub/metadata.csv": "doc_id\n",
        "sub/b.txt": story(2),
    })  # fmt: skip
    corpus = load_quietly(tmp_path)
    assert corpus.articles.set_index("doc_id").outlet.to_dict() == {"a": "Site", "sub/b": "Other"}
    files = corpus.files.set_index("file")
    assert files.status.to_dict() == {
        "a.txt": "article", "data.csv": "skipped", "metadata.csv": "sidecar",
        "notes.json": "skipped", "paper.pdf": "skipped", "sub/b.txt": "article",
        "sub/metadata.csv": "skipped"}  # fmt: skip
    assert files.reason.dropna().to_dict() == {
        "data.csv": "not-txt", "metadata.csv": "sidecar", "notes.json": "not-txt",
        "paper.pdf": "not-txt", "sub/metadata.csv": "not-txt"}  # fmt: skip


@pytest.mark.parametrize("name, reason", [
    ("README", "documentation"), ("readme.md", "documentation"), ("LICENSE.txt", "documentation"),
    ("Licence", "documentation"), ("COPYING", "documentation"), ("CHANGES.txt", "documentation"),
    ("changelog.rst", "documentation"), ("README.en.txt", "documentation"),
    ("news.txt", None), ("readme-tips.txt", None), ("licensed.txt", None),
    ("Changes in the CSTO.txt", None), ("NEWS", "not-txt"),
])  # fmt: skip
def test_documentation_only_for_exact_stems(tmp_path, name, reason):
    write(tmp_path, {"a.txt": story(1), name: story(2)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        files = load_corpus(tmp_path).files.set_index("file")
    assert (None if pd.isna(files.reason[name]) else files.reason[name]) == reason


def test_skip_warnings_are_one_per_reason_with_a_count(tmp_path):
    write(tmp_path, {"a.txt": story(1)})
    write(tmp_path, {f"e{k:02d}.txt": "  \n" for k in range(12)})
    write(tmp_path, {f"t{k}/LICENSE": "MIT" for k in range(5)})
    write(tmp_path, {f"x{k}.csv": "x" for k in range(40)})
    with pytest.warns(CorpusWarning) as caught:
        corpus = load_corpus(tmp_path)
    see = "; see corpus.files"
    assert [str(w.message) for w in caught] == [
        "5 files skipped as documentation: t0/LICENSE, t1/LICENSE, t2/LICENSE, …" + see,
        "12 files skipped as empty-file: e00.txt, e01.txt, e02.txt, …" + see,
    ]
    assert corpus.files.reason.value_counts().to_dict() == {
        "not-txt": 40, "empty-file": 12, "documentation": 5}  # fmt: skip
    empties = corpus.removed.query("reason == 'empty-file'")
    assert empties.doc_id.tolist() == [f"e{k:02d}" for k in range(12)]


def test_skipped_nested_files_keep_their_doc_id_in_removed(tmp_path):
    write(tmp_path, {"sub/a.txt": story(1), "sub/empty.txt": "\n", "sub/img.txt": b"\x89PNG\x00"})
    with pytest.warns(CorpusWarning) as caught:
        corpus = load_corpus(tmp_path)
    assert [str(w.message) for w in caught] == [
        "1 file skipped as empty-file: sub/empty.txt; see corpus.files",
        "1 file skipped as not-text: sub/img.txt (the file holds NUL bytes: binary, not text); "
        "see corpus.files",
    ]
    skipped = corpus.removed.query("rule == 'decode'")
    assert skipped.set_index("doc_id").reason.to_dict() == {
        "sub/empty": "empty-file", "sub/img": "not-text"}  # fmt: skip
    assert rows(corpus.files.iloc[1:]) == [
        ("sub/empty.txt", "sub", None, "skipped", "empty-file", 1),
        ("sub/img.txt", "sub", None, "skipped", "not-text", 5),
    ]


def test_unreadable_file_is_a_named_skip(tmp_path, monkeypatch):
    write(tmp_path, {"a.txt": story(1), "locked.txt": story(2)})
    read_bytes = Path.read_bytes

    def refuse(path):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.warns(
        CorpusWarning, match=r"^1 file skipped as unreadable: locked\.txt \(Permission denied\);"
    ):
        corpus = load_corpus(tmp_path)
    assert corpus.articles.doc_id.tolist() == ["a"]
    assert rows(corpus.files.iloc[1:]) == [("locked.txt", ".", None, "skipped", "unreadable", None)]


def test_empty_corpus_dir_is_refused(monkeypatch, tmp_path):
    monkeypatch.chdir(write(tmp_path, {"a.txt": story(1)}))  # would be read if "" meant "."
    for value in ("", "  "):
        with pytest.raises(CorpusError, match="^corpus_dir is empty"):
            load_corpus(value)


def test_no_article_anywhere_says_what_was_found(tmp_path):
    write(tmp_path, {"README": "about"})
    with pytest.raises(CorpusError) as error:
        load_corpus(tmp_path)
    assert str(error.value) == (
        f"corpus folder {tmp_path} holds no .txt articles: 1 file found, all skipped "
        "(1 documentation)"
    )
    write(tmp_path, {"sub/a.csv": "x", "sub/b.pdf": "y", "c/empty.txt": ""})
    with pytest.raises(CorpusError, match=r"4 files found, all skipped \(2 not-txt, "
                       r"1 documentation, 1 empty-file\)$"):  # fmt: skip
        load_corpus(tmp_path)
    empty = tmp_path / "nothing"
    empty.mkdir()
    with pytest.raises(CorpusError, match="holds no .txt articles: it is empty$"):
        load_corpus(empty)


def test_walk_order_is_by_relative_path(tmp_path):
    write(tmp_path, {"b.txt": story(1), "a/z.txt": story(2), "a0.txt": story(3),
                     "A/y.txt": story(4)})  # fmt: skip
    files = load_quietly(tmp_path).files
    assert files.file.tolist() == ["A/y.txt", "a/z.txt", "a0.txt", "b.txt"]


@pytest.mark.skipif(not PTC.is_dir(), reason="no ../shared/corpora/ptc-test")
def test_ptc_test_loads_every_file_as_an_article():
    corpus = load_quietly(PTC)
    assert corpus.files.status.eq("article").sum() == len(corpus.files) == 90
    assert corpus.articles.folder.eq(".").all()
    assert (corpus.articles.doc_id + ".txt").tolist() == corpus.articles.file.tolist()


def test_seed_files_table(seed_corpus):
    assert rows(seed_corpus.files.iloc[-1:]) == [
        ("SHA256SUMS", ".", None, "skipped", "not-txt", 455)
    ]
    assert (seed_corpus.files.doc_id.iloc[:5] == seed_corpus.articles.doc_id).all()
    assert seed_corpus.articles.folder.eq(".").all()
