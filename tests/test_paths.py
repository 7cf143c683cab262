"""chapter_dirs: where a chapter reads and writes, and the output folders it refuses."""

import pytest
from conftest import REPO

from helpers.paths import chapter_dirs


@pytest.fixture(autouse=True)
def no_redirect(monkeypatch):
    # `make test` redirects every output folder; these tests state the defaults themselves.
    monkeypatch.delenv("MULTIVECTOR_FIGURES_DIR", raising=False)
    monkeypatch.delenv("MULTIVECTOR_TABLES_DIR", raising=False)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "my articles!"
    folder.mkdir()
    return folder


def test_seeds_write_to_the_repository_from_any_working_directory(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert chapter_dirs() == (REPO / "seeds", REPO / "figures", REPO / "tables")
    assert chapter_dirs("../" * 20 + str(REPO / "seeds"))[1] == REPO / "figures"


def test_another_corpus_writes_under_outputs_named_after_it(corpus):
    assert chapter_dirs(corpus) == (
        corpus,
        REPO / "outputs" / "my_articles" / "figures",
        REPO / "outputs" / "my_articles" / "tables",
    )


def test_relative_corpus_is_resolved_from_the_working_directory(monkeypatch, corpus):
    monkeypatch.chdir(corpus.parent)
    assert chapter_dirs(corpus.name)[0] == corpus


def test_environment_wins_over_the_defaults(monkeypatch, tmp_path, corpus):
    monkeypatch.setenv("MULTIVECTOR_FIGURES_DIR", str(tmp_path / "f"))
    monkeypatch.setenv("MULTIVECTOR_TABLES_DIR", str(tmp_path / "t"))
    assert chapter_dirs() == (REPO / "seeds", tmp_path / "f", tmp_path / "t")
    assert chapter_dirs(corpus)[1:] == (tmp_path / "f", tmp_path / "t")


def test_given_folders_win_over_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MULTIVECTOR_FIGURES_DIR", str(tmp_path / "f"))
    assert chapter_dirs(None, tmp_path / "a", str(tmp_path / "b"))[1:] == (
        tmp_path / "a",
        tmp_path / "b",
    )


@pytest.mark.parametrize("name", ["corpus_dir", "figures_dir", "tables_dir"])
@pytest.mark.parametrize("empty", ["", "  ", "\n"])
def test_an_empty_string_is_refused_by_name(name, empty):
    with pytest.raises(ValueError, match=f"^{name} is an empty string: give a folder"):
        chapter_dirs(**{name: empty})


def test_the_corpus_message_says_what_to_do():
    with pytest.raises(ValueError) as error:
        chapter_dirs("")
    assert str(error.value) == (
        "corpus_dir is an empty string: give a folder of .txt articles, "
        "or leave it None for the seeds"
    )


def test_an_empty_environment_variable_is_refused(monkeypatch):
    monkeypatch.setenv("MULTIVECTOR_TABLES_DIR", "")
    with pytest.raises(ValueError, match="MULTIVECTOR_TABLES_DIR is set to an empty string"):
        chapter_dirs()


def test_a_missing_corpus_is_refused_by_name(tmp_path):
    with pytest.raises(FileNotFoundError, match="corpus_dir .*nowhere is not an existing folder"):
        chapter_dirs(tmp_path / "nowhere")
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(FileNotFoundError, match="a.txt is not an existing folder"):
        chapter_dirs(tmp_path / "a.txt")


@pytest.mark.parametrize("inside", [".", "figures", "deep/er"])
def test_an_output_folder_inside_the_corpus_is_refused(corpus, inside):
    with pytest.raises(ValueError, match="figures_dir .* is inside corpus_dir"):
        chapter_dirs(corpus, corpus / inside, corpus.parent / "tables")
    with pytest.raises(ValueError, match="tables_dir .* is inside corpus_dir"):
        chapter_dirs(corpus, corpus.parent / "figures", corpus / inside)


def test_an_output_folder_inside_the_seeds_is_refused():
    with pytest.raises(ValueError, match="inside corpus_dir"):
        chapter_dirs(None, REPO / "seeds" / "figures")


def test_environment_cannot_put_outputs_inside_the_corpus(monkeypatch, corpus):
    monkeypatch.setenv("MULTIVECTOR_FIGURES_DIR", str(corpus / "figures"))
    with pytest.raises(ValueError, match="inside corpus_dir"):
        chapter_dirs(corpus)


@pytest.mark.parametrize("folder", ["figures", "tables", "figures/sub"])
def test_the_committed_results_are_refused_for_another_corpus(corpus, folder):
    with pytest.raises(ValueError, match="committed figures, written from the seeds only"):
        chapter_dirs(corpus, REPO / folder, corpus.parent / "t")
    with pytest.raises(ValueError, match="committed tables"):
        chapter_dirs(corpus, corpus.parent / "f", REPO / folder)


def test_the_committed_results_are_refused_through_the_environment(monkeypatch, corpus):
    monkeypatch.setenv("MULTIVECTOR_FIGURES_DIR", str(REPO / "figures"))
    assert chapter_dirs()[1] == REPO / "figures"
    with pytest.raises(ValueError, match="committed figures"):
        chapter_dirs(corpus)


def test_a_copy_of_the_seeds_elsewhere_is_another_corpus(tmp_path):
    copy = tmp_path / "seeds"
    copy.mkdir()
    assert chapter_dirs(copy)[1] == REPO / "outputs" / "seeds" / "figures"


def test_figures_and_tables_need_different_folders(tmp_path):
    with pytest.raises(ValueError, match="figures_dir and tables_dir are both"):
        chapter_dirs(None, tmp_path / "out", tmp_path / "out")


@pytest.mark.parametrize(
    ("name", "safe"),
    [("my articles", "my_articles"), ("a/../b", "a_.._b"), ("..", "corpus"), ("Статьи", "Статьи")],
)
def test_corpus_names_become_safe_folder_names(name, safe):
    from helpers.paths import _safe_name

    assert _safe_name(name) == safe


def test_a_chapter_start_freezes_the_imported_objects_once():
    # In a fresh process: the first chapter_dirs hides what the imports made from the garbage
    # collector (gc.freeze); a second call (a rerun) freezes nothing new, so the data of an
    # earlier run can still be collected.
    import subprocess
    import sys

    from helpers.paths import REPO

    code = ("import gc; from helpers.paths import chapter_dirs; before = gc.get_freeze_count(); "
            "chapter_dirs(); first = gc.get_freeze_count(); junk = [[] for _ in range(1000)]; "
            "chapter_dirs(); print(before, first > 0, gc.get_freeze_count() == first)")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         check=True).stdout.split()  # fmt: skip
    assert out == ["0", "True", "True"]
