"""The figures helper writes identical bytes on every run, with fonts embedded."""

import matplotlib

matplotlib.use("Agg")

from helpers.figures import SINGLE_COLUMN_MM, new_figure, save  # noqa: E402


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

    assert resolve_dir(None, "figures") == REPO / "figures"
    monkeypatch.setenv("MULTIVECTOR_FIGURES_DIR", str(tmp_path))
    assert resolve_dir(None, "figures") == tmp_path
    assert resolve_dir("elsewhere", "figures").name == "elsewhere"
