"""Keep executed notebooks free of what varies between machines and runs."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat


def normalise_notebook(path: str | Path) -> bool:
    """Drop run metadata (papermill, timings, the exact Python patch version); True if changed."""
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    nb.metadata.pop("papermill", None)
    nb.metadata.get("language_info", {}).pop("version", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    after = nbformat.writes(nb)
    if after != before:
        Path(path).write_text(after + "\n", encoding="utf-8")
    return after != before


if __name__ == "__main__":
    for name in sys.argv[1:]:
        normalise_notebook(name)
