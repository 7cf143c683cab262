"""Every notebook runs with papermill on corpora unlike the seeds — larger than a figure can
list, nested in folders, thin (one article, only duplicates), or outside articles — writing
nothing into the repository, printing little, and saving only figures fit for print."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from synthetic import write_corpus, write_duplicates, write_short

from helpers.layout import PAGE_HEIGHT_MM, PAGE_WIDTH_MM

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PTC = REPO.parent / "shared" / "corpora" / "ptc-test"
MAX_LINES = 40  # printed lines per cell, at any corpus size
CORPORA = {
    "flat-30": lambda tmp: write_corpus(tmp / "flat", n=30),  # the most a figure lists
    "nested-36": lambda tmp: write_corpus(tmp / "nested", n=36, nested=True),
    "one-short-article": lambda tmp: write_short(tmp / "one"),
    "duplicates-only": lambda tmp: write_duplicates(tmp / "dups"),
    "ptc-test": lambda tmp: PTC,
}


def _tree_state() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=REPO,
                          capture_output=True, text=True, check=True).stdout  # fmt: skip


@pytest.fixture(scope="module", params=list(CORPORA))
def corpus(request, tmp_path_factory):
    if request.param == "ptc-test" and not PTC.is_dir():
        pytest.skip(f"{PTC} is not on this machine")
    return CORPORA[request.param](tmp_path_factory.mktemp(request.param))


def _printed(cell: dict, tables: bool = False) -> str:
    """What a cell prints; with ``tables``, also the plain-text form of the tables it shows
    (a reader sees them as HTML, so they count for "nan" but not for the number of lines)."""
    parts = [o.get("text", "") if o.get("output_type") == "stream"
             else o.get("data", {}).get("text/plain", "") if tables else ""
             for o in cell.get("outputs", [])]  # fmt: skip
    return "".join("".join(p) for p in parts)


def _papermill(notebook: Path, corpus: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "papermill", "--kernel", "python3", "--cwd", str(out),
         str(notebook), str(out / notebook.name), "-p", "corpus_dir", str(corpus),
         "-p", "figures_dir", str(out / "figures"), "-p", "tables_dir", str(out / "tables")],
        capture_output=True, text=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def runs(corpus, tmp_path_factory):
    """Every notebook run on ``corpus``, two kernels at a time (each uses one core), each into
    its own folder; with the repository's state before and after them all."""
    from concurrent.futures import ThreadPoolExecutor

    before = _tree_state()
    outs = {nb: tmp_path_factory.mktemp(nb.stem) for nb in NOTEBOOKS}
    with ThreadPoolExecutor(2) as pool:
        jobs = {nb: pool.submit(_papermill, nb, corpus, out) for nb, out in outs.items()}
    return {nb: (job.result(), outs[nb]) for nb, job in jobs.items()}, before, _tree_state()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_another_corpus(notebook, runs):
    done, before, after = runs
    run, tmp_path = done[notebook]
    out = tmp_path / notebook.name
    assert run.returncode == 0, run.stderr[-3000:]
    assert after == before, "a run wrote into the repository"
    cells = [c for c in json.loads(out.read_text())["cells"] if c["cell_type"] == "code"]
    for cell in cells:
        printed, shown = _printed(cell), _printed(cell, tables=True)
        assert printed.count("\n") <= MAX_LINES, printed[:2000]
        assert not re.search(r"\b(nan|NaN|NaT)\b|<NA>", shown), shown
        assert "not fit for print" not in printed, printed
    catalogue = tmp_path / "figures" / "catalogue.json"
    for name, entry in (json.loads(catalogue.read_text()) if catalogue.exists() else {}).items():
        assert entry["height_mm"] <= PAGE_HEIGHT_MM and entry["width_mm"] <= PAGE_WIDTH_MM, name


def test_progress_bar_only_for_long_work(capsys):
    from helpers.progress import PROGRESS_FROM, progress, progress_in_steps

    assert list(progress(range(3), 3, "x")) == [0, 1, 2]
    assert capsys.readouterr().err == ""
    assert list(progress(range(PROGRESS_FROM), PROGRESS_FROM, "long")) == list(range(PROGRESS_FROM))
    assert "long" in capsys.readouterr().err
    assert list(progress_in_steps("ab", [2, 1], "x")) == ["a", "b"]
    assert capsys.readouterr().err == ""
    assert list(progress_in_steps("ab", [PROGRESS_FROM, 1], "steps")) == ["a", "b"]
    assert f"{PROGRESS_FROM + 1}/{PROGRESS_FROM + 1}" in capsys.readouterr().err


def test_an_empty_corpus_dir_is_an_error_not_the_seeds(tmp_path):
    notebook = NOTEBOOKS[0]
    run = subprocess.run(
        [sys.executable, "-m", "papermill", "--kernel", "python3", "--cwd", str(tmp_path),
         str(notebook), str(tmp_path / "out.ipynb"), "-p", "corpus_dir", ""],
        capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode != 0
    assert "corpus_dir is an empty string" in run.stderr
    assert not Path(tmp_path / "figures").exists()
