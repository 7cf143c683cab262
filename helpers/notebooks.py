"""Keep executed notebooks free of what varies between machines and runs."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat


def normalise_notebook(path: str | Path) -> bool:
    """Drop run metadata (papermill, timings, the exact Python patch version) and merge split
    stream outputs (``merge_streams``); True if the file changed."""
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
    """Consecutive outputs of one stream (stdout, stderr) as one, with carriage-return
    overwrites resolved (nbconvert's ``CoalesceStreamsPreprocessor``): ipykernel flushes on a
    timer, so one ``print`` can arrive in two pieces on a busy machine, and the notebook's bytes
    would depend on the machine's load.

    >>> out = [nbformat.v4.new_output("stream", name="stdout", text="a"),
    ...        nbformat.v4.new_output("stream", name="stdout", text="b\\n")]
    >>> [o.text for o in merge_streams(out)]
    ['ab\\n']
    """
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    cell = nbformat.v4.new_code_cell(outputs=outputs)
    return CoalesceStreamsPreprocessor().preprocess_cell(cell, {}, 0)[0].outputs


BOOK = Path(__file__).parent / "data" / "book"


def chapter_title(nb) -> str:
    """A notebook's first ``# `` heading, the chapter's title."""
    lines = [line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()]
    return next((line[2:].strip() for line in lines if line.startswith("# ")), "untitled")


def build_book(out_dir: str | Path, notebooks: list[str | Path], figures_dir: str | Path,
               tables_dir: str | Path) -> list[Path]:  # fmt: skip
    """A static site of the executed notebooks in ``out_dir``: ``index.html``, one page per
    chapter in the given order (nbconvert's JupyterLab look, code folded, a table of contents
    and previous/next links), ``figures.html`` (the catalogue, at print size, with the PDF, SVG
    and PNG of each figure copied beside it) and ``tables.html`` (the data dictionary and the
    CSVs). Every asset is in the folder: it opens from ``file://`` without a network. Returns
    the pages written, index first.
    """
    import html
    import json
    import shutil

    from nbconvert import HTMLExporter
    from nbconvert.filters import markdown2html

    out, figures_dir, tables_dir = Path(out_dir), Path(figures_dir), Path(tables_dir)
    out.mkdir(parents=True, exist_ok=True)
    css = (BOOK / "book.css").read_text(encoding="utf-8")
    read = [(Path(n), nbformat.read(n, as_version=4)) for n in notebooks]
    chapters = [(f"{p.stem}.html", chapter_title(nb)) for p, nb in read]
    pages = [("index.html", "Contents"), *chapters, ("figures.html", "Figures"),
             ("tables.html", "Tables: the data dictionary")]  # fmt: skip

    def toc(current: str) -> str:
        items = "".join(f'<li{" class=current" * (href == current)}><a href="{href}">'
                        f"{html.escape(title)}</a></li>" for href, title in pages)  # fmt: skip
        return (f'<nav class="book-toc"><a class="book-title" href="index.html">multivector</a>'
                f"<ol>{items}</ol></nav>")  # fmt: skip

    def pager(current: str) -> str:
        k = [href for href, _ in pages].index(current)
        links = [f'<a rel="prev" href="{pages[k - 1][0]}">← {html.escape(pages[k - 1][1])}</a>'
                 if k else "<span></span>",
                 f'<a rel="next" href="{pages[k + 1][0]}">{html.escape(pages[k + 1][1])} →</a>'
                 if k + 1 < len(pages) else "<span></span>"]  # fmt: skip
        return f'<nav class="book-pager">{"".join(links)}</nav>'

    def plain(href: str, title: str, body: str) -> Path:
        page = (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
                f"<title>{html.escape(title)}</title><style>{css}</style></head>"
                f"<body class='book'>{toc(href)}<main class='book-main'><h1>{html.escape(title)}"
                f"</h1>\n{body}\n{pager(href)}</main></body></html>\n")  # fmt: skip
        (out / href).write_text(page, encoding="utf-8")
        return out / href

    exporter = HTMLExporter(extra_template_basedirs=[str(BOOK.parent)], template_name="book")
    written, listed = [], []
    for (_, nb), (href, title) in zip(read, chapters, strict=True):
        resources = {"book": {"css": css, "toc": toc(href), "pager": pager(href)},
                     "metadata": {"name": title}}  # fmt: skip
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        (out / href).write_text(body, encoding="utf-8")
        written.append(out / href)
        first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
        question = next((p for p in first.split("\n\n") if p.startswith("**Question")), "")
        listed.append(f'<li><a href="{href}">{html.escape(title)}</a>'
                        f"{markdown2html(question)}</li>")  # fmt: skip
    intro = (
        "<p>News coverage of Kyrgyzstan's multi-vector security policy, chapter by "
        "chapter: the executed notebooks, their code folded (open <em>code</em> above "
        "a cell to read it), then every figure and the tables' data dictionary.</p>"
    )
    index = plain("index.html", "multivector", intro + f"<ol>{''.join(listed)}</ol>")

    catalogue = json.loads((figures_dir / "catalogue.json").read_text(encoding="utf-8"))
    (out / "figures").mkdir(exist_ok=True)
    figures = []
    for name, entry in sorted(catalogue.items()):
        for fmt in ("pdf", "svg", "png"):
            shutil.copyfile(figures_dir / f"{name}.{fmt}", out / "figures" / f"{name}.{fmt}")
        files = " · ".join(f'<a href="figures/{name}.{f}">{f.upper()}</a>' for f in
                           ("pdf", "svg", "png"))  # fmt: skip
        figures.append(
            f'<figure class="book-figure" id="{name}"><img src="figures/{name}.png" alt="{name}" '
            f'style="width: {entry["width_mm"]}mm"><figcaption><strong>{name}</strong> '
            f"({entry['width_mm']} × {entry['height_mm']} mm; {files}). "
            f"{html.escape(entry['caption'])}</figcaption></figure>"
        )
    plain("figures.html", "Figures", "<p>Every figure at print size, as in figures/.</p>"
          + "".join(figures))  # fmt: skip
    (out / "tables").mkdir(exist_ok=True)
    for csv in sorted(tables_dir.glob("*.csv")):
        shutil.copyfile(csv, out / "tables" / csv.name)
    dictionary = (tables_dir / "README.md").read_text(encoding="utf-8").split("\n", 1)[1]
    linked = re.sub(r"^## ([\w.-]+\.csv)$", r"## [\1](tables/\1)", dictionary, flags=re.M)
    plain("tables.html", "Tables: the data dictionary", markdown2html(linked))
    return [index, *written, out / "figures.html", out / "tables.html"]


if __name__ == "__main__":
    if sys.argv[1] == "book":  # book OUT_DIR NOTEBOOK...
        from helpers.paths import REPO

        build_book(sys.argv[2], sys.argv[3:], REPO / "figures", REPO / "tables")
    else:
        for name in sys.argv[1:]:
            normalise_notebook(name)
