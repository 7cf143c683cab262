"""One way to make and save figures: paper style, column widths, reproducible files.

``save(fig, name, figures_dir)`` writes ``name.pdf``, ``name.svg`` and ``name.png``
with fixed metadata (no creation date, a fixed SVG hash salt) and TrueType fonts
embedded in the PDF, so rerunning a notebook rewrites identical bytes.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt

STYLE = Path(__file__).parent / "data" / "paper.mplstyle"
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


def use_paper_style() -> None:
    """Apply the project's matplotlib style (call once, before drawing)."""
    plt.style.use(STYLE)


def new_figure(width: str = "single", height_mm: float = 60, **subplots_kw):
    """A figure sized for a journal column: ``width`` is "single" (89 mm) or "double" (183 mm).

    >>> fig, ax = new_figure("double", 70)  # doctest: +SKIP
    """
    width_mm = {"single": SINGLE_COLUMN_MM, "double": DOUBLE_COLUMN_MM}[width]
    use_paper_style()
    size = (width_mm / MM_PER_INCH, height_mm / MM_PER_INCH)
    subplots_kw.setdefault("layout", "constrained")  # keeps labels of small multiples apart
    return plt.subplots(figsize=size, **subplots_kw)


def save(fig: mpl.figure.Figure, name: str, figures_dir: str | Path) -> list[Path]:
    """Write ``fig`` as PDF, SVG and PNG into ``figures_dir``; return the paths written."""
    figures_dir = Path(figures_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    with mpl.rc_context({"svg.hashsalt": "multivector", "pdf.fonttype": 42}):
        for fmt in FORMATS:
            path = figures_dir / f"{name}.{fmt}"
            fig.savefig(path, format=fmt, metadata=METADATA[fmt])
            paths.append(path)
    return paths
