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
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
    after = nbformat.writes(nb)
    if after != before:
        Path(path).write_text(after + "\n", encoding="utf-8")
    return after != before


def merge_streams(outputs: list) -> list:
    """Consecutive outputs of one stream (stdout, stderr) as one: ipykernel flushes on a timer,
    so one ``print`` can arrive in two pieces on a busy machine, and the notebook's bytes would
    depend on the machine's load.

    >>> out = [nbformat.v4.new_output("stream", name="stdout", text="a"),
    ...        nbformat.v4.new_output("stream", name="stdout", text="b\\n")]
    >>> [o.text for o in merge_streams(out)]
    ['ab\\n']
    """
    merged: list = []
    for output in outputs:
        last = merged[-1] if merged else None
        if (last is not None and output.output_type == "stream" == last.output_type
                and output.name == last.name):  # fmt: skip
            last.text += output.text
        else:
            merged.append(output)
    return merged


def write_index(out_dir: str | Path, notebooks: list[str]) -> Path:
    """``index.html``: a table of contents linking each notebook's HTML page by its title."""
    import html

    items = []
    for name in notebooks:
        nb = nbformat.read(name, as_version=4)
        headings = [line.lstrip("# ") for c in nb.cells if c.cell_type == "markdown"
                    for line in c.source.splitlines() if line.startswith("# ")]  # fmt: skip
        heading = headings[0] if headings else Path(name).stem
        items.append(f'<li><a href="{Path(name).stem}.html">{html.escape(heading)}</a></li>')
    head = "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>multivector</title></head>"
    intro = ("<body><h1>multivector</h1><p>News coverage of Kyrgyzstan's multi-vector security "
             "policy, chapter by chapter.</p><ol>\n")  # fmt: skip
    page = head + intro + "\n".join(items) + "\n</ol></body></html>\n"
    path = Path(out_dir) / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


if __name__ == "__main__":
    if sys.argv[1] == "index":
        write_index(sys.argv[2], sys.argv[3:])
    else:
        for name in sys.argv[1:]:
            normalise_notebook(name)
