"""The figure catalogue and the replication tables match the files on disk."""

import hashlib
import re

import pandas as pd
import pytest
from conftest import REPO

from helpers.tables import DICTIONARY

FIGURES = REPO / "figures"
TABLES = REPO / "tables"


def test_every_figure_file_is_listed_and_every_listed_file_exists():
    readme = (FIGURES / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"\]\(([\w.-]+\.(?:pdf|svg|png))\)", readme))
    on_disk = {p.name for p in FIGURES.iterdir() if p.suffix in {".pdf", ".svg", ".png"}}
    assert listed == on_disk and listed


def test_catalogue_hashes_match_the_files():
    readme = (FIGURES / "README.md").read_text(encoding="utf-8")
    for name, digest in re.findall(r"\| ([\w.-]+) \| `([0-9a-f]{64})` \|", readme):
        assert hashlib.sha256((FIGURES / name).read_bytes()).hexdigest() == digest, name


def test_every_figure_has_a_caption_and_a_notebook():
    readme = (FIGURES / "README.md").read_text(encoding="utf-8")
    rows = [r for r in readme.splitlines() if r.startswith("| ") and "](" in r]
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[1].endswith(".ipynb") and len(cells[3]) > 20, row


def test_tables_have_their_dictionary_and_documented_columns():
    readme = (TABLES / "README.md").read_text(encoding="utf-8")
    for csv in TABLES.glob("*.csv"):
        assert f"## {csv.name}" in readme
        columns = pd.read_csv(csv, nrows=0).columns.tolist()
        assert set(columns) <= set(DICTIONARY[csv.stem][1]), csv.name


def test_save_table_refuses_an_undocumented_table(tmp_path):
    from helpers.tables import save_table

    with pytest.raises(KeyError, match="DICTIONARY"):
        save_table(pd.DataFrame({"x": [1]}), "mystery", tmp_path)


def _table():
    return pd.DataFrame({"doc_id": ["a"], "term": ["nato"], "n": [2]})


def test_save_table_reruns_into_its_own_folder(tmp_path):
    from helpers.tables import save_table

    save_table(_table(), "term_counts", tmp_path)
    save_table(_table(), "dates", tmp_path)
    path = save_table(_table().assign(n=3), "term_counts", tmp_path)
    assert path.read_text() == "doc_id,term,n\na,nato,3\n"
    assert "## dates.csv" in (tmp_path / "README.md").read_text()


@pytest.mark.parametrize(
    "readme",
    [None, "# Replication tables\n\n## dates.csv\n", "# My tables\n\n## term_counts.csv\n"],
    ids=["no-readme", "not-listed", "foreign-readme"],
)
def test_save_table_never_overwrites_a_csv_the_dictionary_does_not_list(tmp_path, readme):
    from helpers.tables import save_table

    if readme is not None:
        (tmp_path / "README.md").write_text(readme)
    (tmp_path / "term_counts.csv").write_text("someone's,table\n")
    with pytest.raises(
        FileExistsError,
        match=r"term_counts\.csv exists but .*README\.md does not list it|README\.md was not written",
    ):
        save_table(_table(), "term_counts", tmp_path)
    assert (tmp_path / "term_counts.csv").read_text() == "someone's,table\n"
    assert (tmp_path / "README.md").exists() == (readme is not None)


def test_save_table_never_overwrites_a_readme_the_project_did_not_write(tmp_path):
    from helpers.tables import save_table, write_dictionary

    (tmp_path / "README.md").write_text("# Notes on my data\n")
    with pytest.raises(FileExistsError, match=r"README\.md was not written by this project"):
        save_table(_table(), "term_counts", tmp_path)
    with pytest.raises(FileExistsError, match=r"README\.md was not written by this project"):
        write_dictionary(tmp_path)
    assert (tmp_path / "README.md").read_text() == "# Notes on my data\n"
    assert not (tmp_path / "term_counts.csv").exists()


def test_tables_check_passes_for_equal_folders_and_names_every_difference(tmp_path):
    from helpers.check import compare_tables
    from helpers.tables import save_table

    committed, built = tmp_path / "tables", tmp_path / "check"
    for folder in (committed, built):
        save_table(_table(), "term_counts", folder)
        save_table(_table(), "dates", folder)
    assert compare_tables(built, committed) == []

    (built / "term_counts.csv").write_text("doc_id,term,n\na,nato,9\n")
    (built / "dates.csv").unlink()
    problems = compare_tables(built, committed)
    assert [p.split(":")[0] for p in problems] == ["dates.csv", "term_counts.csv"]
    assert "not written" in problems[0]
    assert problems[1].endswith("from line 2")


def test_the_check_command_reports_figures_and_tables(tmp_path, capsys):
    from helpers.check import main
    from helpers.tables import save_table

    for root in (tmp_path / "committed", tmp_path / "built"):
        save_table(_table(), "term_counts", root / "tables")
        (root / "figures").mkdir()
    assert main([str(tmp_path / "built"), str(tmp_path / "committed")]) == 0
    (tmp_path / "built" / "tables" / "term_counts.csv").write_text("x\n")
    assert main([str(tmp_path / "built"), str(tmp_path / "committed")]) == 1
    assert "term_counts.csv: differs" in capsys.readouterr().out
