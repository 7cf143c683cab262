"""The figure catalogue and the replication tables match the files on disk."""

import hashlib
import re

import pandas as pd
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
    import pytest

    from helpers.tables import save_table

    with pytest.raises(KeyError, match="DICTIONARY"):
        save_table(pd.DataFrame({"x": [1]}), "mystery", tmp_path)
