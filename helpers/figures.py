"""One way to make and save figures: paper style, column widths, reproducible files.

``save(fig, name, figures_dir)`` writes ``name.pdf``, ``name.svg`` and ``name.png``
with fixed metadata (no creation date, a fixed SVG hash salt) and TrueType fonts
embedded in the PDF, so rerunning a notebook rewrites identical bytes. Text is drawn only with
the fonts matplotlib ships (``pin_fonts``), so a system font of the same family name cannot
change a figure. ``python -m helpers.figures verify BUILT COMMITTED`` checks a fresh run's
figures against the committed catalogue.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager

from helpers.paths import REPO
from helpers.style import STYLE

if TYPE_CHECKING:
    from PIL import Image

MM_PER_INCH = 25.4
SINGLE_COLUMN_MM = 89
DOUBLE_COLUMN_MM = 183
FORMATS = ("pdf", "svg", "png")
# Metadata that would otherwise carry the date or the software version.
METADATA = {
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": "multivector", "Creator": None},
    "svg": {"Date": None, "Creator": "multivector"},
    "png": {"Software": "multivector"},
}


def pin_fonts() -> list[str]:
    """Drop every font from matplotlib's font list except those it ships (``mpl-data/fonts``).

    A machine's own "DejaVu Sans" (another version, other hinting) would otherwise win or lose
    against matplotlib's by the order of a per-machine font cache. Output: the files dropped.

    >>> pin_fonts() == []  # already done when helpers.figures was imported
    True
    """
    shipped = (Path(mpl.get_data_path()) / "fonts").resolve()
    manager = font_manager.fontManager
    ours = [Path(f.fname).resolve().is_relative_to(shipped) for f in manager.ttflist]
    if all(ours):
        return []
    dropped = [f.fname for f, keep in zip(manager.ttflist, ours, strict=True) if not keep]
    manager.ttflist = [f for f, keep in zip(manager.ttflist, ours, strict=True) if keep]
    manager._findfont_cached.cache_clear()  # an earlier lookup may have picked a dropped file
    return dropped


def use_paper_style() -> None:
    """Apply the project's matplotlib style (call once, before drawing).

    Starts from matplotlib's own defaults, so a matplotlibrc on the machine cannot change a
    figure, and pins the fonts (``pin_fonts``).
    """
    pin_fonts()
    plt.style.use(["default", STYLE])


# At import too: a notebook may draw (and so look up and cache fonts) before new_figure.
pin_fonts()


def new_figure(width: str = "single", height_mm: float = 60, **subplots_kw):
    """A figure sized for a journal column: ``width`` is "single" (89 mm) or "double" (183 mm).

    >>> fig, ax = new_figure("double", 70)  # doctest: +SKIP
    """
    width_mm = {"single": SINGLE_COLUMN_MM, "double": DOUBLE_COLUMN_MM}[width]
    use_paper_style()
    size = (width_mm / MM_PER_INCH, height_mm / MM_PER_INCH)
    subplots_kw.setdefault("layout", "constrained")  # keeps labels of small multiples apart
    return plt.subplots(figsize=size, **subplots_kw)


def save(
    fig: mpl.figure.Figure, name: str, figures_dir: str | Path, caption: str = ""
) -> list[Path]:
    """Write ``fig`` as PDF, SVG and PNG into ``figures_dir``, record ``caption`` in the
    folder's catalogue and rewrite its ``README.md``; return the paths written.

    ``name`` starts with the number of the notebook that makes it ("03_actor_heatmap"). A
    figure taller or wider than a page, with text under 6 pt or with overlapping placed labels
    is saved with a ``FigureWarning`` naming the problem (``helpers.layout.print_problems``).
    """
    return _save(fig, name, figures_dir, caption)[0]


def _save(
    fig: mpl.figure.Figure, name: str, figures_dir: str | Path, caption: str, pixels: bool = False
) -> tuple[list[Path], Image.Image | None]:
    """``save``; with ``pixels``, also the PNG's pixels as drawn (the image its file holds)."""
    from helpers.layout import print_problems

    problems = print_problems(fig)  # draws the figure: its layout solve is the one frozen
    if problems:  # a warning, not an error: the researcher still gets the figure to look at
        warnings.warn(f"{name} is not fit for print: {'; '.join(problems)}", FigureWarning,
                      stacklevel=3)  # the caller of save  # fmt: skip
    _freeze_layout(fig)
    figures_dir = Path(figures_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    _refuse_foreign_files(figures_dir, name)
    paths, drawn = [], []
    with mpl.rc_context({"svg.hashsalt": "multivector", "pdf.fonttype": 42}), _lean_font_subsets():
        for fmt in FORMATS:
            path = figures_dir / f"{name}.{fmt}"
            with _keep_pixels(fig, drawn) if pixels and fmt == "png" else nullcontext():
                fig.savefig(path, format=fmt, metadata=METADATA[fmt])
            paths.append(path)
    width, height = (round(v * MM_PER_INCH) for v in fig.get_size_inches())
    record(figures_dir, name, {"caption": caption, "width_mm": width, "height_mm": height})
    return paths, drawn[-1] if len(drawn) == 1 else None


@contextmanager
def _keep_pixels(fig: mpl.figure.Figure, drawn: list) -> Iterator[None]:
    """While ``fig`` is saved as PNG: append the pixels of each drawing to ``drawn``, with the
    dpi they were drawn at (``Image.info["dpi"]``), as an RGBA image.

    The PNG backend draws into an Agg buffer and writes that buffer (``image.imsave``); the draw
    event fires once the buffer is complete, so the image kept holds the file's pixels without
    decoding the file again. A renderer that is not Agg's keeps nothing (``show_saved`` reads
    the file then).
    """

    from matplotlib.backends.backend_agg import RendererAgg
    from PIL import Image

    def keep(event) -> None:
        renderer = event.renderer
        if isinstance(renderer, RendererAgg):
            rgba = np.asarray(renderer.buffer_rgba())
            image = Image.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), rgba.copy(),
                                     "raw", "RGBA", 0, 1)  # fmt: skip
            image.info["dpi"] = (renderer.dpi, renderer.dpi)
            drawn.append(image)

    connection = fig.canvas.mpl_connect("draw_event", keep)
    try:
        yield
    finally:
        fig.canvas.mpl_disconnect(connection)


@contextmanager
def figure(
    name: str,
    figures_dir: str | Path,
    caption: str = "",
    width: str = "single",
    height_mm: float = 60,
    **subplots_kw,
) -> Iterator[tuple[mpl.figure.Figure, object]]:
    """A journal-sized figure that is saved and shown when the block ends.

    Yields ``(fig, ax)`` from ``new_figure(width, height_mm, **subplots_kw)`` (``ax`` is an
    array when ``nrows``/``ncols`` ask for several). On exit: ``save(fig, name, figures_dir,
    caption)`` (PDF, SVG, PNG and the catalogue, the same bytes as calling ``save`` by hand),
    then shows it: in a notebook the saved PNG at screen size (``show_saved``), elsewhere
    ``plt.show()``. An exception inside the block closes the figure and saves nothing.

    >>> with figure("99_example", "/tmp/figs", caption="…", width="double") as (fig, ax):
    ...     ax.plot([0, 1], [0, 1])  # doctest: +SKIP
    """
    fig, ax = new_figure(width, height_mm, **subplots_kw)
    try:
        yield fig, ax
    except BaseException:
        plt.close(fig)
        raise
    inline = _inline()
    with warnings.catch_warnings(record=True) as caught:  # re-raised at the notebook's line
        warnings.simplefilter("always", FigureWarning)
        _, pixels = _save(fig, name, figures_dir, caption, pixels=inline)
    for w in caught:
        warnings.warn(w.message, w.category, stacklevel=3)
    if inline:
        show_saved(fig, Path(figures_dir) / f"{name}.png", pixels)
    else:
        plt.show()


def _inline() -> bool:
    """Whether figures are shown in a notebook (matplotlib's inline backend)."""
    return "inline" in mpl.get_backend()


def show_saved(fig: mpl.figure.Figure, png: str | Path, pixels: Image.Image | None = None) -> dict:
    """Show the PNG ``save`` wrote for ``fig`` in the notebook, scaled down to the screen's
    ``figure.dpi``, and close ``fig``; return the data displayed.

    The inline backend would draw the figure twice more (a tight box, then the
    pixels); the saved file is already drawn, and shows the reader exactly what ``figures/``
    holds. Pillow's ``reduce`` (an average over each block of whole pixels) reads only the
    file's pixels, so the same file gives the same inline bytes, and the same notebook output,
    on every rerun. ``pixels``: the file's pixels as they were drawn (``_keep_pixels``), which
    spares decoding the file; None reads the file.
    """
    from IPython.display import display
    from PIL import Image

    with Image.open(png) if pixels is None else nullcontext(pixels) as image:
        factor = max(1, round(image.info.get("dpi", (fig.dpi,))[0] / fig.dpi))
        shown = image.reduce(factor) if factor > 1 else image.copy()
    buffer = io.BytesIO()
    shown.save(buffer, format="png")
    data = {"image/png": base64.b64encode(buffer.getvalue()).decode("ascii"),
            "text/plain": repr(fig)}  # fmt: skip
    display(data, raw=True)
    plt.close(fig)
    return data


# OpenType layout tables of an embedded TrueType font that no PDF viewer reads: a PDF places
# every glyph itself (matplotlib lays the text out), so kerning and substitution tables are dead
# weight in the file, and subsetting them was two thirds of the time a PDF took to write.
PDF_UNUSED_TABLES = ("GPOS", "GSUB", "GDEF", "kern")


@contextmanager
def _lean_font_subsets() -> Iterator[None]:
    """While saving: matplotlib's font subsets (fontTools) also drop ``PDF_UNUSED_TABLES``.

    The glyph outlines, hinting and metrics are embedded as before (Type 42); only tables a
    viewer ignores go. matplotlib offers no option for this, so fontTools' ``Options``, which
    its ``get_glyphs_subset`` builds, gets the extra tables for the duration of the block.
    """
    from fontTools import subset

    original = subset.Options

    class Options(original):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.drop_tables = [*self.drop_tables, *PDF_UNUSED_TABLES]

    subset.Options = Options
    try:
        yield
    finally:
        subset.Options = original


def _freeze_layout(fig: mpl.figure.Figure) -> None:
    """Fix every Axes where the layout engine put it, rounded to a millionth of the figure.

    The SVG backend names each clip rectangle by a hash of its coordinates' full repr, and the
    layout solver's last bits vary between runs (04_event_timeline's clip ids changed between two
    runs of the same code): rounded positions give the same names, and the same bytes, each time.
    Call it on a drawn figure (``save`` runs ``print_problems`` first, which draws it): the
    positions are the ones that drawing's layout solve found and the print checks measured.
    """
    positions = [(ax, [round(v, 6) for v in ax.get_position().bounds]) for ax in fig.axes]
    # No engine at all, not the placeholder "none" leaves: savefig draws a figure that has a
    # layout engine twice (once to run it), so each of the three formats would cost two drawings.
    with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)
    for ax, bounds in positions:
        ax.set_position(bounds)


class FigureWarning(UserWarning):
    """A saved figure breaks a print rule (page size, 6 pt text, overlapping labels)."""


CATALOGUE = "catalogue.json"
README_HEADER = "# Figures"


def _read_catalogue(figures_dir: Path) -> dict:
    path = figures_dir / CATALOGUE
    if not path.exists():
        return {}
    try:
        catalogue = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        catalogue = None
    if not isinstance(catalogue, dict):
        raise FileExistsError(f"{path} is not a figure catalogue written by this project; "
                              "move it away or choose another figures_dir")  # fmt: skip
    return catalogue


def _refuse_foreign_readme(readme: Path, header: str) -> None:
    """A README.md the project did not write (its first line is not ``header``) is kept."""
    if readme.exists() and readme.read_bytes().split(b"\n", 1)[0] != header.encode():
        raise FileExistsError(f"{readme} was not written by this project (its first line is "
                              f"not {header!r}); move it or choose another folder")  # fmt: skip


def _refuse_foreign_files(figures_dir: Path, name: str) -> None:
    """Before writing ``name``: its files may only replace files the catalogue lists."""
    known = _read_catalogue(figures_dir)
    for fmt in FORMATS:
        path = figures_dir / f"{name}.{fmt}"
        if path.exists() and name not in known:
            raise FileExistsError(f"{path} exists but {figures_dir / CATALOGUE} does not list "
                                  f"{name!r}: it was not written by this project, so it is "
                                  "kept; move it away or choose another figures_dir")  # fmt: skip
    _refuse_foreign_readme(figures_dir / "README.md", README_HEADER)


def record(figures_dir: Path, name: str, entry: dict) -> None:
    """Add or replace ``name`` in the folder's catalogue and rewrite the README from it."""
    _refuse_foreign_readme(figures_dir / "README.md", README_HEADER)
    catalogue = _read_catalogue(figures_dir)
    path = figures_dir / CATALOGUE
    catalogue[name] = entry
    path.write_text(json.dumps(catalogue, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    write_catalogue(figures_dir)


def _notebook_of(name: str) -> str:
    found = sorted((REPO / "notebooks").glob(f"{name.split('_')[0]}_*.ipynb"))
    return found[0].name if found else "—"


def write_catalogue(figures_dir: Path) -> Path:
    """``README.md``: every catalogued figure with its files, notebook, size, caption and the
    SHA-256 of each file, so a reader can check that a copy is the published one."""
    catalogue = _read_catalogue(figures_dir)
    readme = figures_dir / "README.md"
    _refuse_foreign_readme(readme, README_HEADER)
    lines = [
        README_HEADER, "", "Written by `make figures`; do not edit. Sizes are at print size.", "",
        "| figure | notebook | size (mm) | caption |", "| --- | --- | --- | --- |",
    ]  # fmt: skip
    for name, entry in sorted(catalogue.items()):
        files = " · ".join(f"[{fmt}]({name}.{fmt})" for fmt in FORMATS)
        size = f"{entry['width_mm']} × {entry['height_mm']}"
        lines.append(f"| {name} ({files}) | {_notebook_of(name)} | {size} | {entry['caption']} |")
    lines += ["", "| file | SHA-256 |", "| --- | --- |"]
    for name in sorted(catalogue):
        for fmt in FORMATS:
            path = figures_dir / f"{name}.{fmt}"
            if path.exists():
                lines.append(f"| {path.name} | `{_sha256(path)}` |")
    readme.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return readme


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


HASH_ROW = re.compile(r"^\| ([\w.-]+) \| `([0-9a-f]{64})` \|$", re.MULTILINE)


def verify(built: str | Path, committed: str | Path) -> list[str]:
    """Every way the figures a run wrote into ``built`` differ from the catalogue committed in
    ``committed`` (its ``README.md`` SHA-256 list and ``catalogue.json``); empty when they agree.

    Input: two figure folders. Output: one line per differing, missing or unlisted file.

    >>> verify("figures", "figures")  # doctest: +SKIP
    []
    """
    built, committed = Path(built), Path(committed)
    readme = committed / "README.md"
    listed = dict(HASH_ROW.findall(readme.read_text(encoding="utf-8"))) if readme.exists() else {}
    files = sorted(built.glob("*.*")) if built.is_dir() else []
    written = {p.name: _sha256(p) for p in files if p.suffix[1:] in FORMATS}
    problems = []
    for name in sorted(listed.keys() | written.keys()):
        if name not in written:
            problems.append(f"{name}: listed in {readme} but not written to {built}")
        elif name not in listed:
            problems.append(f"{name}: written to {built} but not listed in {readme}")
        elif written[name] != listed[name]:
            problems.append(f"{name}: SHA-256 {written[name]} differs from {listed[name]} in "
                            f"{readme}: this machine draws it differently")  # fmt: skip
    entries = _read_catalogue(built) if built.is_dir() else {}
    for name, entry in sorted(_read_catalogue(committed).items()):
        if name in entries and entries[name] != entry:
            problems.append(f"{name}: caption or size differs from {committed / CATALOGUE}")
    return problems


def main(argv: list[str]) -> int:
    """``verify BUILT COMMITTED``: print each difference; exit status 1 if there is any."""
    if len(argv) != 3 or argv[0] != "verify":
        print("usage: python -m helpers.figures verify BUILT_FOLDER COMMITTED_FOLDER")
        return 2
    problems = verify(argv[1], argv[2])
    for line in problems:
        print(line)
    checked = Path(argv[2]) / "README.md"
    print(f"{len(problems)} figure file(s) differ from {checked}" if problems
          else f"every figure file in {argv[1]} matches its SHA-256 in {checked}")  # fmt: skip
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
