"""Every notebook runs with papermill on a generated corpus unlike the seeds, writing nothing
into the repository."""

import subprocess
import sys

import pytest
from conftest import REPO
from synthetic import write_corpus

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _tree_state() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=REPO,
                          capture_output=True, text=True, check=True).stdout  # fmt: skip


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("generated") / "articles", n=36)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_a_generated_corpus(notebook, generated, tmp_path):
    before = _tree_state()
    out = tmp_path / notebook.name
    run = subprocess.run(
        [sys.executable, "-m", "papermill", "--kernel", "python3", "--cwd", str(tmp_path),
         str(notebook), str(out), "-p", "corpus_dir", str(generated),
         "-p", "figures_dir", str(tmp_path / "figures"), "-p", "tables_dir", str(tmp_path / "tables")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    assert _tree_state() == before, "the run wrote into the repository"


def test_progress_bar_only_for_long_work(capsys):
    from helpers.progress import PROGRESS_FROM, progress

    assert list(progress(range(3), 3, "x")) == [0, 1, 2]
    assert capsys.readouterr().err == ""
    assert list(progress(range(PROGRESS_FROM), PROGRESS_FROM, "long")) == list(range(PROGRESS_FROM))
    assert "long" in capsys.readouterr().err
