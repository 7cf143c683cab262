"""The figures helper writes identical bytes on every run, with fonts embedded."""

from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot  # noqa: E402

from helpers.figures import SINGLE_COLUMN_MM, new_figure, save  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    matplotlib.pyplot.close("all")


def _draw():
    fig, ax = new_figure("single", 50)
    ax.plot([2011, 2021, 2022], [1, 3, 2], marker="o")
    ax.set_title("Articles per year")
    return fig


def test_save_writes_three_formats_byte_identically(tmp_path):
    first = save(_draw(), "demo", tmp_path / "a")
    second = save(_draw(), "demo", tmp_path / "b")
    assert [p.suffix for p in first] == [".pdf", ".svg", ".png"]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_save_fixes_the_layout_at_rounded_positions(tmp_path):
    # The SVG clip ids hash the Axes' coordinates in full: the solver's last bits must not reach
    # them, so save freezes each Axes where the layout put it, rounded to 1e-6 of the figure.
    fig, axes = new_figure("double", 60, ncols=2)
    axes[0].set_title("A title that takes room")
    save(fig, "demo", tmp_path)
    assert fig.get_layout_engine() is None  # no solver left, not even the placeholder
    for ax in fig.axes:
        bounds = ax.get_position().bounds
        assert [round(v, 6) for v in bounds] == list(bounds)
    assert axes[0].get_position().y1 < 1  # the layout's work is kept, not thrown away


def test_save_solves_the_layout_once_and_draws_each_format_once(tmp_path, monkeypatch):
    # Figure.draw is the expensive part of saving: one drawing for the layout solve and the
    # print checks, then one per format (a figure left with a layout engine, even matplotlib's
    # placeholder, is drawn twice by every savefig).
    fig = _draw()
    renderers = []
    draw = type(fig).draw

    def counted(self, renderer):
        renderers.append(type(renderer).__name__)
        return draw(self, renderer)

    monkeypatch.setattr(type(fig), "draw", counted)
    save(fig, "demo", tmp_path)
    assert renderers == ["RendererAgg", "MixedModeRenderer", "MixedModeRenderer", "RendererAgg"]


def _embedded_fonts(pdf: bytes) -> list:
    """The TrueType font programs in a PDF's (zlib-compressed) streams, parsed by fontTools."""
    import io
    import re
    import zlib

    from fontTools.ttLib import TTFont

    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL)
    programs = []
    for stream in streams:
        try:
            data = zlib.decompress(stream)
        except zlib.error:
            continue
        if data[:4] in (b"\x00\x01\x00\x00", b"true"):
            programs.append(TTFont(io.BytesIO(data)))
    return programs


def test_pdf_fonts_keep_their_outlines_and_drop_only_layout_tables(tmp_path):
    from helpers.figures import PDF_UNUSED_TABLES

    pdf, _, _ = save(_draw(), "demo", tmp_path)
    fonts = _embedded_fonts(pdf.read_bytes())
    assert fonts  # at least DejaVu Sans, embedded as TrueType (Type 42)
    for font in fonts:
        tables = set(font.keys())
        assert {"glyf", "loca", "head", "hhea", "hmtx", "maxp", "cmap"} <= tables
        assert not tables & set(PDF_UNUSED_TABLES)
        assert len(font.getGlyphOrder()) < 200  # a subset, not the whole font
    from fontTools import subset

    assert subset.Options().drop_tables.count("GPOS") == 0  # fontTools is left as it was


def test_pdf_embeds_truetype_fonts_and_no_dates(tmp_path):
    pdf, svg, png = save(_draw(), "demo", tmp_path)
    data = pdf.read_bytes()
    assert b"/FontFile2" in data  # TrueType font program embedded (pdf.fonttype 42)
    assert b"/CreationDate" not in data and b"/ModDate" not in data
    assert b"<dc:date>" not in svg.read_bytes()


def test_single_column_width():
    fig, _ = new_figure("single", 50)
    assert abs(fig.get_figwidth() * 25.4 - SINGLE_COLUMN_MM) < 1e-6


def test_output_folders_can_be_redirected_by_environment(monkeypatch, tmp_path):
    from helpers.paths import REPO, resolve_dir

    monkeypatch.delenv("MULTIVECTOR_FIGURES_DIR", raising=False)  # `make test` sets it
    assert resolve_dir(None, "figures") == REPO / "figures"
    monkeypatch.setenv("MULTIVECTOR_FIGURES_DIR", str(tmp_path))
    assert resolve_dir(None, "figures") == tmp_path
    assert resolve_dir("elsewhere", "figures").name == "elsewhere"


def test_a_rerun_into_the_projects_own_folder_rewrites_its_files(tmp_path):
    save(_draw(), "demo", tmp_path)
    save(_draw(), "other", tmp_path)
    again = save(_draw(), "demo", tmp_path)
    assert all(p.exists() for p in again)
    assert (tmp_path / "README.md").read_text().startswith("# Figures\n")


@pytest.mark.parametrize("fmt", ["pdf", "svg", "png"])
def test_a_figure_file_the_catalogue_does_not_list_is_never_overwritten(tmp_path, fmt):
    save(_draw(), "other", tmp_path)
    foreign = tmp_path / f"demo.{fmt}"
    foreign.write_bytes(b"someone's figure")
    with pytest.raises(FileExistsError, match=rf"demo\.{fmt} exists but .*catalogue.json"):
        save(_draw(), "demo", tmp_path)
    assert foreign.read_bytes() == b"someone's figure"
    assert not (tmp_path / "demo.pdf").exists() or fmt == "pdf"  # nothing written before refusing


def test_a_figure_file_in_a_folder_without_catalogue_is_never_overwritten(tmp_path):
    (tmp_path / "demo.png").write_bytes(b"x")
    with pytest.raises(FileExistsError, match="demo.png exists"):
        save(_draw(), "demo", tmp_path)


@pytest.mark.parametrize("readme", ["# My figures\n", "Figures\n# Figures\n", ""])
def test_a_readme_the_project_did_not_write_is_never_overwritten(tmp_path, readme):
    (tmp_path / "README.md").write_text(readme)
    with pytest.raises(FileExistsError, match="README.md was not written by this project"):
        save(_draw(), "demo", tmp_path)
    assert (tmp_path / "README.md").read_text() == readme
    assert not list(tmp_path.glob("demo.*"))


def test_a_catalogue_the_project_did_not_write_is_refused(tmp_path):
    (tmp_path / "catalogue.json").write_text("[1, 2]")
    with pytest.raises(FileExistsError, match="not a figure catalogue"):
        save(_draw(), "demo", tmp_path)


def test_figures_use_only_the_fonts_matplotlib_ships(monkeypatch, tmp_path):
    """A system font of the style's family, first in the font list, loses to matplotlib's."""
    import shutil

    from matplotlib import font_manager, ft2font

    from helpers.figures import pin_fonts, use_paper_style

    manager = font_manager.fontManager
    shipped = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    system = shutil.copy(shipped, tmp_path / "DejaVuSans.ttf")  # same family, another file
    entry = font_manager.ttfFontProperty(ft2font.FT2Font(str(system)))
    monkeypatch.setattr(manager, "ttflist", [entry, *manager.ttflist])
    manager._findfont_cached.cache_clear()
    assert font_manager.findfont("DejaVu Sans") == str(system)  # it would win unpinned

    use_paper_style()
    family = matplotlib.rcParams["font.family"][0]
    assert family == "DejaVu Sans"
    assert Path(font_manager.findfont(family)) == shipped
    assert pin_fonts() == []
    assert all(Path(f.fname).is_relative_to(shipped.parents[1]) for f in manager.ttflist)
    manager._findfont_cached.cache_clear()  # monkeypatch restores the list; forget its lookups


def test_importing_the_helpers_pins_the_fonts():
    import subprocess
    import sys

    code = (
        "import matplotlib, helpers.figures\n"
        "from matplotlib import font_manager as fm\n"
        "data = matplotlib.get_data_path()\n"
        "print(all(f.fname.startswith(data) for f in fm.fontManager.ttflist))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "True"


def test_a_machines_matplotlibrc_does_not_change_the_style(monkeypatch, tmp_path):
    monkeypatch.setitem(matplotlib.rcParams, "text.antialiased", False)
    monkeypatch.setitem(matplotlib.rcParams, "axes.formatter.use_locale", True)
    new_figure("single", 50)
    assert matplotlib.rcParams["text.antialiased"] is True
    assert matplotlib.rcParams["axes.formatter.use_locale"] is False


def test_verify_passes_for_matching_figures_and_names_every_difference(tmp_path):
    from helpers.figures import main, verify

    committed, built = tmp_path / "figures", tmp_path / "check"
    save(_draw(), "demo", committed)
    save(_draw(), "demo", built)
    assert verify(built, committed) == []
    assert main(["verify", str(built), str(committed)]) == 0

    (built / "demo.png").write_bytes(b"drawn elsewhere")
    (built / "extra.svg").write_bytes(b"<svg/>")
    (built / "demo.pdf").unlink()
    problems = verify(built, committed)
    assert [p.split(":")[0] for p in problems] == ["demo.pdf", "demo.png", "extra.svg"]
    assert "not written" in problems[0] and "differs" in problems[1]
    assert "not listed" in problems[2]
    assert main(["verify", str(built), str(committed)]) == 1


def test_verify_notices_a_changed_caption(tmp_path):
    from helpers.figures import verify

    save(_draw(), "demo", tmp_path / "figures", caption="Articles per year.")
    save(_draw(), "demo", tmp_path / "check", caption="Another caption.")
    assert verify(tmp_path / "check", tmp_path / "figures") == [
        f"demo: caption or size differs from {tmp_path / 'figures' / 'catalogue.json'}"
    ]


def test_verify_from_the_command_line(tmp_path):
    import subprocess
    import sys

    save(_draw(), "demo", tmp_path / "figures")
    save(_draw(), "demo", tmp_path / "check")
    (tmp_path / "check" / "demo.svg").write_text("<svg/>")
    run = subprocess.run([sys.executable, "-m", "helpers.figures", "verify",
                          str(tmp_path / "check"), str(tmp_path / "figures")],
                         capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 1
    assert run.stdout.startswith("demo.svg: SHA-256 ")


def test_make_runs_one_fixed_numeric_code_path():
    """The Makefile's pins take effect: numpy without CPU-dispatched SIMD, one OpenBLAS kernel
    on one thread (else np.log10 and BLAS results, and so figures, differ between CPUs)."""
    import os

    if "OPENBLAS_CORETYPE" not in os.environ:
        pytest.skip("not run by make on x86-64")
    import threadpoolctl
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    assert not [f for f in __cpu_dispatch__ if __cpu_features__[f]]
    blas = [i for i in threadpoolctl.threadpool_info() if i["internal_api"] == "openblas"]
    assert blas
    for info in blas:
        assert info["architecture"].lower() == os.environ["OPENBLAS_CORETYPE"].lower()
        assert info["num_threads"] == 1


def test_figure_saves_the_same_bytes_as_save_and_shows(tmp_path, monkeypatch):
    from helpers.figures import figure

    shown = []
    monkeypatch.setattr(matplotlib.pyplot, "show", lambda: shown.append(True))
    by_hand = save(_draw(), "demo", tmp_path / "a", caption="c")
    with figure("demo", tmp_path / "b", caption="c", width="single", height_mm=50) as (fig, ax):
        ax.plot([2011, 2021, 2022], [1, 3, 2], marker="o")
        ax.set_title("Articles per year")
    assert shown == [True]
    for path in by_hand:
        assert (tmp_path / "b" / path.name).read_bytes() == path.read_bytes(), path.name
    assert (tmp_path / "b" / "catalogue.json").read_text() == (
        tmp_path / "a" / "catalogue.json").read_text()  # fmt: skip


def test_figure_yields_an_array_of_axes_for_panels(tmp_path, monkeypatch):
    from helpers.figures import figure

    monkeypatch.setattr(matplotlib.pyplot, "show", lambda: None)
    with figure("panels", tmp_path, width="double", height_mm=40, ncols=2) as (fig, axes):
        assert len(axes) == 2
    assert abs(fig.get_figwidth() * 25.4 - 183) < 1e-6


def test_figure_saves_nothing_when_the_block_fails(tmp_path):
    from helpers.figures import figure

    with pytest.raises(ZeroDivisionError), figure("broken", tmp_path) as (fig, ax):
        raise ZeroDivisionError("inside the block")
    assert not list(tmp_path.glob("broken.*"))
    assert not matplotlib.pyplot.fignum_exists(fig.number)  # closed, not left to leak


def test_figure_warns_at_the_callers_line_when_unfit_for_print(tmp_path, monkeypatch):
    from helpers.figures import FigureWarning, figure

    monkeypatch.setattr(matplotlib.pyplot, "show", lambda: None)
    with pytest.warns(FigureWarning, match="more than a page") as caught:
        with figure("tall", tmp_path, height_mm=400) as (fig, ax):
            ax.plot([1, 2])
    assert caught[0].filename == __file__  # the notebook cell, not helpers/figures.py


def test_in_a_notebook_figure_shows_the_saved_png_at_screen_size(tmp_path, monkeypatch):
    import base64
    import io

    import IPython.display
    from PIL import Image

    import helpers.figures as figures

    shown = []
    monkeypatch.setattr(figures, "_inline", lambda: True)
    monkeypatch.setattr(IPython.display, "display", lambda data, raw: shown.append(data))
    monkeypatch.setattr(matplotlib.pyplot, "show", lambda: pytest.fail("drawn a fourth time"))
    for folder in ("a", "b"):
        with figures.figure("demo", tmp_path / folder, width="single", height_mm=50) as (fig, ax):
            ax.plot([2011, 2021, 2022], [1, 3, 2], marker="o")
        assert not matplotlib.pyplot.fignum_exists(fig.number)  # shown once, then closed
    first, second = shown
    assert first == second  # a rerun shows the same bytes
    assert first["text/plain"] == repr(fig)  # what the inline backend's output said
    inline = Image.open(io.BytesIO(base64.b64decode(first["image/png"])))
    with Image.open(tmp_path / "a" / "demo.png") as saved:
        # the 300 dpi file at the screen's 100 dpi: every 3 × 3 pixels (a partial edge too) as one
        assert inline.size == (-(-saved.width // 3), -(-saved.height // 3))


def test_in_a_notebook_the_inline_image_is_the_saved_files_pixels_without_reading_it(
    tmp_path, monkeypatch
):
    import IPython.display

    import helpers.figures as figures

    shown, given = [], []
    show_saved = figures.show_saved
    monkeypatch.setattr(figures, "_inline", lambda: True)
    monkeypatch.setattr(IPython.display, "display", lambda data, raw: shown.append(data))
    monkeypatch.setattr(figures, "show_saved", lambda fig, png, pixels=None: given.append(
        pixels) or show_saved(fig, png, pixels))  # fmt: skip
    with figures.figure("demo", tmp_path, width="double", height_mm=50, ncols=2) as (fig, axes):
        axes[0].plot([2011, 2021, 2022], [1, 3, 2], marker="o")
        axes[1].bar(["NATO", "CSTO"], [3, 1])
    (pixels,) = given
    assert pixels is not None  # the drawing's pixels, not the file decoded again
    from_file = show_saved(matplotlib.pyplot.figure(dpi=fig.dpi), tmp_path / "demo.png")
    assert shown[0]["image/png"] == from_file["image/png"]  # the same inline bytes


def test_save_warns_at_the_callers_line_when_unfit_for_print(tmp_path):
    from helpers.figures import FigureWarning

    fig, ax = new_figure("single", 400)
    ax.plot([1, 2])
    with pytest.warns(FigureWarning, match="more than a page") as caught:
        save(fig, "tall", tmp_path)
    assert caught[0].filename == __file__  # not helpers/figures.py
