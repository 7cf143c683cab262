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
import inspect
import io
import json
import re
import sys
import types
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import joblib
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
    pixels = _save_at(fig, name, figures_dir, caption, stacklevel=4)  # the block's line
    _show(fig, name, figures_dir, pixels)


def _save_at(
    fig: mpl.figure.Figure, name: str, figures_dir: str | Path, caption: str, stacklevel: int
) -> Image.Image | None:
    """``_save`` (the pixels kept when shown inline), its warnings re-raised ``stacklevel``
    frames up: at the notebook's line, not in this module."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FigureWarning)
        _, pixels = _save(fig, name, figures_dir, caption, pixels=_inline())
    for w in caught:
        warnings.warn(w.message, w.category, stacklevel=stacklevel)
    return pixels


def _show(
    fig: mpl.figure.Figure, name: str, figures_dir: str | Path, pixels: Image.Image | None
) -> dict | None:
    """Show a saved figure: in a notebook its PNG (``show_saved``), returning the data
    displayed; elsewhere ``plt.show()``."""
    if _inline():
        return show_saved(fig, Path(figures_dir) / f"{name}.png", pixels)
    plt.show()
    return None


# The keywords of ``draw`` that shape the figure's panels (``plt.subplots``); any other keyword
# goes to the plot function.
SUBPLOTS_KW = ("nrows", "ncols", "sharex", "sharey", "squeeze", "width_ratios",
               "height_ratios", "subplot_kw", "gridspec_kw")  # fmt: skip


def draw(
    name: str,
    figures_dir: str | Path,
    plot: Callable[..., object],
    /,
    *args: Any,
    caption: str = "",
    width: str = "single",
    height_mm: float = 60,
    **kwargs: Any,
) -> None:
    """``plot(*args, ax=..., **kwargs)`` on a journal-sized figure, saved and shown as
    :func:`figure` saves and shows it, each figure drawn once per key (the figure cache).

    ``kwargs`` named in ``SUBPLOTS_KW`` (``ncols=2``, ``sharey=True``) go to ``new_figure``;
    the others to ``plot``, with the Axes as ``ax`` (one panel) or ``axes`` (an array, or
    when ``plot`` takes only ``axes``). Returns None, so a cell ending with it shows only the
    figure.

    **The cache**: the first call writes the PDF, SVG and PNG and the catalogue entry exactly as
    :func:`figure` does and stores their bytes, the inline image and the warnings in
    ``helpers.cache``'s folder; a later call with the same key, in any kernel, writes the stored
    bytes into ``figures_dir`` (the same files, the same catalogue and README), shows the same
    inline image and warns the same warnings, without drawing. The key: ``name``, ``caption``,
    the size and panel keywords, ``plot``'s name, every argument (tables by their values,
    ``helpers.cache.value_digest``), whether the figure is shown inline, the helpers' code and
    data, the installed versions, and the numeric code path (``helpers.cache`` reads them
    all). Only a plot function of ``helpers`` is cached, whose whole code is in that key; any
    other (a notebook's own) is drawn every time, as are figures on an interactive backend (a
    window to show) and every figure when ``MULTIVECTOR_CACHE=off``.

    >>> draw("99_shares", "/tmp/figs", plot_shares, shares, names=("NATO", "CSTO"),
    ...      caption="…", height_mm=40)  # doctest: +SKIP
    """
    from helpers import cache

    panels = {k: kwargs.pop(k) for k in SUBPLOTS_KW if k in kwargs}
    caller = sys._getframe(1)
    where = _entry(name, plot, args, kwargs, caption, width, height_mm, panels)
    entry = cache._read(where, stacklevel=3) if where is not None else None
    if entry is not None:
        files, catalogue = entry["result"]["files"], entry["result"]["catalogue"]
        _write_saved(Path(figures_dir), name, files, catalogue)
        _replay(entry["warnings"], caller)
        if entry["result"]["display"] is not None:
            from IPython.display import display

            display(entry["result"]["display"], raw=True)
        return
    failed = None
    with warnings.catch_warnings(record=True) as caught:  # all of them, replayed below
        warnings.simplefilter("always")
        try:
            fig, pixels = _draw_and_save(name, figures_dir, plot, args, kwargs, caption, width,
                                         height_mm, panels)  # fmt: skip
        except BaseException as error:  # its warnings are shown first, as figure() shows them
            failed = error
    recorded = [_placed(cache._recorded(w), caller) for w in caught]
    _replay(recorded, caller)
    if failed is not None:
        raise failed
    shown = _show(fig, name, figures_dir, pixels)
    if where is not None:
        folder = Path(figures_dir)
        files = {fmt: (folder / f"{name}.{fmt}").read_bytes() for fmt in FORMATS}
        result = {"files": files, "catalogue": _read_catalogue(folder)[name], "display": shown}
        if cache._write(where, {"format": cache.FORMAT, "result": result, "warnings": recorded}):
            cache.prune(where.parent.parent, keep=where)


def _draw_and_save(name, figures_dir, plot, args, kwargs, caption, width, height_mm, panels):
    """The figure drawn by ``plot`` and saved (``figure``'s work); FigureWarnings are raised at
    the caller of ``draw`` (three frames up). Returns the figure and its kept pixels."""
    fig, ax = new_figure(width, height_mm, **panels)
    try:
        plot(*args, **{_axes_keyword(plot, ax): ax}, **kwargs)
    except BaseException:
        plt.close(fig)
        raise
    return fig, _save_at(fig, name, figures_dir, caption, stacklevel=4)


def _axes_keyword(plot: Callable[..., object], ax: object) -> str:
    """``ax`` for one Axes, ``axes`` for an array of them, or whichever ``plot`` takes."""
    try:
        names = inspect.signature(plot).parameters
    except (TypeError, ValueError):  # a builtin: go by the panels
        names = {}
    if "axes" in names and "ax" not in names:
        return "axes"
    if "ax" in names and "axes" not in names:
        return "ax"
    return "axes" if isinstance(ax, np.ndarray) else "ax"


def _entry(name, plot, args, kwargs, caption, width, height_mm, panels) -> Path | None:
    """Where the figure's cache entry is (``<cache>/figures/<key>.pkl``), or None when it is
    drawn without the cache (see ``draw``)."""
    from helpers import cache

    folder = cache.cache_dir()
    if folder is None or not _cacheable_plot(plot) or not (_inline() or _non_interactive()):
        return None
    if not cache._code_unchanged(stacklevel=4):
        return None
    code = _code_of(plot.__code__)  # with the helpers' files: in the key twice, to be sure
    key = joblib.hash([cache.FORMAT, "figure", name, caption, width, height_mm,
                       cache.value_digest(panels), f"{plot.__module__}.{plot.__qualname__}", code,
                       [cache.value_digest(a) for a in args],
                       {k: cache.value_digest(v) for k, v in kwargs.items()}, _inline(),
                       cache._CODE_AT_IMPORT, cache.environment_digest()], "sha1")  # fmt: skip
    return folder / "figures" / f"{key}{cache.SUFFIX}"


def _code_of(code: types.CodeType) -> str:
    """A digest of a function's code: its bytecode, names and constants, nested functions'
    too. Not ``marshal.dumps``, whose bytes follow the objects' reference counts."""
    consts = [_code_of(c) if isinstance(c, types.CodeType) else repr(c) for c in code.co_consts]
    return joblib.hash([code.co_code, code.co_names, code.co_varnames, code.co_freevars,
                        code.co_cellvars, consts], "sha1")  # fmt: skip


def _cacheable_plot(plot: Callable[..., object]) -> bool:
    """Whether ``plot`` is a function of ``helpers``: all the code it runs is then the helpers'
    (in the key) or an installed library's (its version in the key). A function defined in a
    notebook or another module may read globals or code no key sees, and is drawn each time."""
    from helpers.cache import HELPERS

    if not inspect.isfunction(plot) or plot.__closure__:
        return False
    source = inspect.getsourcefile(plot)
    return (source is not None and (plot.__module__ or "").startswith("helpers.")
            and Path(source).resolve().is_relative_to(HELPERS))  # fmt: skip


def _non_interactive() -> bool:
    """Whether the backend draws only into files (Agg in a script or a test): nothing to show."""
    from matplotlib.backends import BackendFilter, backend_registry

    names = backend_registry.list_builtin(BackendFilter.NON_INTERACTIVE)
    return mpl.get_backend().lower() in {n.lower() for n in names}


def _write_saved(folder: Path, name: str, files: dict[str, bytes], catalogue: dict) -> None:
    """Write a stored figure's files and catalogue entry, as ``_save`` wrote them (refusing the
    same foreign files)."""
    folder.mkdir(parents=True, exist_ok=True)
    _refuse_foreign_files(folder, name)
    for fmt in FORMATS:
        (folder / f"{name}.{fmt}").write_bytes(files[fmt])
    record(folder, name, catalogue)


def _placed(recorded: tuple, caller) -> tuple:
    """A recorded warning, its place None when it is ``draw``'s caller or this module (a print
    check's FigureWarning, which is about the caller's figure): a hit in another kernel warns
    it at that kernel's line, whose file name differs."""
    message, category, filename, lineno, module = recorded
    if (filename, lineno) == (caller.f_code.co_filename, caller.f_lineno) or filename == __file__:
        return (message, category, None, None, None)
    return recorded


def _replay(recorded: list[tuple], caller) -> None:
    """Warn the recorded warnings again, in order, through the current filters: one placed at
    ``draw``'s caller (``_placed``) at the current caller, as ``warnings.warn`` there would;
    any other at its own place, as ``helpers.cache.replay`` does (one registry for the call)."""
    registry: dict = {}
    for message, category, filename, lineno, module in recorded:
        if filename is None:
            where = caller.f_globals
            warnings.warn_explicit(message, category, caller.f_code.co_filename,
                                   caller.f_lineno, module=where.get("__name__"),
                                   registry=where.setdefault("__warningregistry__", {}),
                                   module_globals=where)  # fmt: skip
        else:
            warnings.warn_explicit(message, category, filename, lineno, module=module,
                                   registry=registry)  # fmt: skip
    if recorded and sys.stderr is not None:
        sys.stderr.flush()  # before the image, as the kernel sends a cell's stderr late


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
