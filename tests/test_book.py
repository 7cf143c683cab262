"""`make book`: the executed notebooks as a static site that needs no network — chapters in
order with a table of contents and previous/next links, code folded, every figure of the
catalogue and the tables' data dictionary, every asset inside the folder."""

import json
import re

import pytest
from conftest import REPO

from helpers.notebooks import build_book

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# Anything the browser would fetch: scripts, styles, images, frames, CSS imports and urls.
FETCHED = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["']([^"']+)|"""
                     r"""@import\s+["']?([^"';\s]+)|url\(["']?([^"')]+)""", re.I)  # fmt: skip


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    out = tmp_path_factory.mktemp("book")
    pages = build_book(out, NOTEBOOKS, REPO / "figures", REPO / "tables")
    return out, pages


def test_pages_come_in_chapter_order(book):
    out, pages = book
    names = [p.name for p in pages]
    assert names == ["index.html", *[f"{nb.stem}.html" for nb in NOTEBOOKS], "figures.html",
                     "tables.html"]  # fmt: skip
    index = (out / "index.html").read_text(encoding="utf-8")
    main = index.split("<main", 1)[1]
    links = re.findall(r'<li><a href="(\d\d_[\w]+\.html)">', main)
    assert links == [f"{nb.stem}.html" for nb in NOTEBOOKS]


def test_each_chapter_links_its_neighbours_and_every_page(book):
    out, pages = book
    for k, page in enumerate(pages):
        text = page.read_text(encoding="utf-8")
        toc = re.search(r'<nav class="book-toc">(.*?)</nav>', text, re.S)[1]
        assert re.findall(r'href="([\w.]+\.html)"', toc)[1:] == [p.name for p in pages]
        pager = {rel: re.search(r'href="([\w.]+)"', a)[1]
                 for a, rel in re.findall(r'(<a [^>]*rel="(prev|next)"[^>]*>)', text)}  # fmt: skip
        expected = {"prev": pages[k - 1].name} if k else {}
        expected |= {"next": pages[k + 1].name} if k + 1 < len(pages) else {}
        assert pager == expected, page.name


def test_code_is_folded_and_every_output_kept(book):
    out, _ = book
    for nb in NOTEBOOKS:
        text = (out / f"{nb.stem}.html").read_text(encoding="utf-8")
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        assert text.count('<details class="book-code">') == len(code), nb.name
        images = sum("image/png" in o.get("data", {}) for c in code for o in c["outputs"])
        assert text.count('src="data:image/png;base64,') == images >= 1, nb.name


def test_nothing_is_fetched_from_outside_the_folder(book):
    out, pages = book
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for match in FETCHED.finditer(text):
            target = next(g for g in match.groups() if g)
            assert target.startswith("data:") or not re.match(r"[a-z]+:|//", target), (
                page.name, target)  # fmt: skip
            if not target.startswith("data:"):
                assert (out / target).is_file(), (page.name, target)


def test_figures_page_shows_the_whole_catalogue_at_print_size(book):
    out, _ = book
    catalogue = json.loads((REPO / "figures" / "catalogue.json").read_text(encoding="utf-8"))
    text = (out / "figures.html").read_text(encoding="utf-8")
    for name, entry in catalogue.items():
        assert f'src="figures/{name}.png"' in text and f"width: {entry['width_mm']}mm" in text
        for fmt in ("pdf", "svg", "png"):
            copied = out / "figures" / f"{name}.{fmt}"
            assert copied.read_bytes() == (REPO / "figures" / f"{name}.{fmt}").read_bytes()


def test_tables_page_holds_the_data_dictionary_and_links_each_csv(book):
    out, _ = book
    text = (out / "tables.html").read_text(encoding="utf-8")
    for csv in sorted((REPO / "tables").glob("*.csv")):
        assert f'href="tables/{csv.name}"' in text, csv.name
        assert (out / "tables" / csv.name).read_bytes() == csv.read_bytes()
    assert "<table>" in text and "doc_id" in text


def test_the_book_is_the_same_on_every_build(tmp_path, book):
    out, pages = book
    again = build_book(tmp_path, NOTEBOOKS, REPO / "figures", REPO / "tables")
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in pages]
