"""One way to make and save figures: paper style, column widths, reproducible files.

``save(fig, name, figures_dir)`` writes ``name.pdf``, ``name.svg`` and ``name.png``
with fixed metadata (no creation date, a fixed SVG hash salt) and TrueType fonts
embedded in the PDF, so rerunning a notebook rewrites identical bytes.
"""

from __future__ import annotations

import hashlib
import json
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


def save(
    fig: mpl.figure.Figure, name: str, figures_dir: str | Path, caption: str = ""
) -> list[Path]:
    """Write ``fig`` as PDF, SVG and PNG into ``figures_dir``, record ``caption`` in the
    folder's catalogue and rewrite its ``README.md``; return the paths written.

    ``name`` starts with the number of the notebook that makes it ("03_actor_heatmap").
    """
    figures_dir = Path(figures_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    with mpl.rc_context({"svg.hashsalt": "multivector", "pdf.fonttype": 42}):
        for fmt in FORMATS:
            path = figures_dir / f"{name}.{fmt}"
            fig.savefig(path, format=fmt, metadata=METADATA[fmt])
            paths.append(path)
    width, height = (round(v * MM_PER_INCH) for v in fig.get_size_inches())
    record(figures_dir, name, {"caption": caption, "width_mm": width, "height_mm": height})
    return paths


CATALOGUE = "catalogue.json"


def record(figures_dir: Path, name: str, entry: dict) -> None:
    """Add or replace ``name`` in the folder's catalogue and rewrite the README from it."""
    path = figures_dir / CATALOGUE
    catalogue = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    catalogue[name] = entry
    path.write_text(json.dumps(catalogue, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    write_catalogue(figures_dir)


def _notebook_of(name: str) -> str:
    from helpers.paths import REPO

    found = sorted((REPO / "notebooks").glob(f"{name.split('_')[0]}_*.ipynb"))
    return found[0].name if found else "—"


def write_catalogue(figures_dir: Path) -> Path:
    """``README.md``: every catalogued figure with its files, notebook, size, caption and the
    SHA-256 of each file, so a reader can check that a copy is the published one."""
    catalogue = json.loads((figures_dir / CATALOGUE).read_text(encoding="utf-8"))
    lines = [
        "# Figures", "", "Written by `make figures`; do not edit. Sizes are at print size.", "",
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
                lines.append(f"| {path.name} | `{hashlib.sha256(path.read_bytes()).hexdigest()}` |")
    readme = figures_dir / "README.md"
    readme.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return readme
