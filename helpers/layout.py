"""Print rules for figures and a deterministic label placer.

``place_labels`` puts each label beside its point at the first free spot of a fixed list of
candidate offsets, so the same figure always gets the same layout. adjustText, the library
for this, moves labels by force simulation whose result depends on its iteration count and
on tiny differences in text extents between machines; a fixed candidate search does not.
``print_problems`` lists what would keep a figure out of a journal: taller than a page, text
smaller than 6 pt, placed labels that overlap.
"""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.text import Text
from matplotlib.transforms import Bbox

PAGE_HEIGHT_MM = 247  # a printed page's text block, 183 × 247 mm
PAGE_WIDTH_MM = 183
MIN_FONT_PT = 6
LABEL_GID = "placed-label"
# Offsets in points, nearest first: right, left, above, below, the diagonals, then further out.
_DIRECTIONS = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1),
               (1, 0.5), (-1, 0.5), (1, -0.5), (-1, -0.5), (0.5, 1), (-0.5, 1), (0.5, -1),
               (-0.5, -1)]  # fmt: skip
_RINGS = (4, 9, 15, 22, 30, 40, 52, 66)


def _alignment(dx: float, dy: float) -> tuple[str, str]:
    ha = "left" if dx > 0 else "right" if dx < 0 else "center"
    va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
    return ha, va


def place_labels(
    ax: plt.Axes,
    xs: list[float],
    ys: list[float],
    labels: list[str],
    fontsize: float = 7,
    radii: list[float] | None = None,
) -> list:
    """Label points without overlaps: each label (in the order given, so put the most
    important first) takes the nearest candidate offset where it overlaps no earlier label,
    the legend or a labelled point and stays inside the axes; a label set apart from its
    point gets a thin leader line. ``radii`` are the markers' radii in points (default 2), so
    a label clears a large node. Call it last, after titles and legends: a later change of
    the layout moves the points under the labels. Returns the annotations.

    >>> fig, ax = plt.subplots()
    >>> texts = place_labels(ax, [0, 0.01], [0, 0], ["first", "second"])
    >>> overlapping_labels(fig)
    []
    >>> plt.close(fig)
    """
    fig = ax.figure
    solve_layout(fig)  # run the layout first: positions are measured on it
    ax.get_xlim(), ax.get_ylim()  # and autoscale the data limits, as drawing does
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    points = ax.transData.transform(np.column_stack([xs, ys])) if len(xs) else np.empty((0, 2))
    radii = list(radii) if radii is not None else [2.0] * len(labels)
    px = [r * fig.dpi / 72 for r in radii]
    markers = [
        Bbox.from_bounds(x - r, y - r, 2 * r, 2 * r) for (x, y), r in zip(points, px, strict=True)
    ]
    # Covering a placed label or the legend is worse than covering a point.
    taken = [b.get_window_extent(renderer) for b in [ax.get_legend()] if b is not None]
    placed = []
    scale = fig.dpi / 72  # points to pixels
    for (x, y), (px_x, px_y), label, radius in zip(zip(xs, ys, strict=True), points, labels,
                                                    radii, strict=True):  # fmt: skip
        probe = ax.annotate(label, (x, y), fontsize=fontsize)
        extent = probe.get_window_extent(renderer)  # the same size wherever the label goes
        width, height = extent.width, extent.height
        probe.remove()
        best, best_cost = None, np.inf
        for ring in _RINGS:
            for ux, uy in _DIRECTIONS:
                dx, dy = ux * (ring + radius), uy * (ring + radius) * 0.8
                ha, va = _alignment(dx, dy)
                left = px_x + dx * scale - {"left": 0, "center": width / 2, "right": width}[ha]
                low = px_y + dy * scale - {"bottom": 0, "center": height / 2, "top": height}[va]
                box = Bbox.from_bounds(left, low, width, height)
                cost = (10 * sum(_overlap(box, other) for other in taken) + _outside(box, frame)
                        + sum(_overlap(box, other) for other in markers))  # fmt: skip
                if cost < best_cost:
                    best, best_cost = (dx, dy, box), cost
                if cost == 0:
                    break
            if best_cost == 0:
                break
        dx, dy, box = best
        far = max(abs(dx), abs(dy)) > 4 + radius
        ha, va = _alignment(dx, dy)
        text = ax.annotate(
            label, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
            fontsize=fontsize, gid=LABEL_GID,
            arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.4, "shrinkA": 0,
                        "shrinkB": 2} if far else None,
        )  # fmt: skip
        text.set_in_layout(False)  # the layout was fixed before placing; keep it
        taken.append(box)
        placed.append(text)
    return placed


def solve_layout(fig) -> None:
    """Run ``fig``'s layout engine (where it has one) and nothing else: the axes' positions of
    a drawing, without drawing every artist (``draw_without_rendering``) to get them."""
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)


def _overlap(a: Bbox, b: Bbox) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(width, 0) * max(height, 0)


def _outside(box: Bbox, frame: Bbox) -> float:
    inside = _overlap(box, frame)
    return 10 * (box.width * box.height - inside)  # leaving the axes is worse than touching


def overlapping_labels(fig, drawn: bool = False) -> list[tuple[str, str]]:
    """Pairs of labels placed by ``place_labels`` whose boxes overlap (should be empty)."""
    if not drawn:
        fig.draw_without_rendering()
    placed = [[t for t in ax.texts if t.get_gid() == LABEL_GID] for ax in fig.axes]
    return [pair for texts in placed for pair in _overlapping(fig, texts)]


def print_problems(fig) -> list[str]:
    """What keeps ``fig`` from print: taller or wider than a page, text under 6 pt, placed
    labels that overlap. Empty when the figure can go into a paper as it is."""
    width, height = (v * 25.4 for v in fig.get_size_inches())
    problems = []
    if height > PAGE_HEIGHT_MM + 0.5:
        problems.append(f"{height:.0f} mm tall: more than a page ({PAGE_HEIGHT_MM} mm)")
    if width > PAGE_WIDTH_MM + 0.5:
        problems.append(f"{width:.0f} mm wide: more than a page ({PAGE_WIDTH_MM} mm)")
    small = sorted(
        {
            round(t.get_fontsize(), 1)
            for t in fig.findobj(plt.Text)
            if t.get_visible() and t.get_text() and t.get_fontsize() < MIN_FONT_PT
        }
    )
    if small:
        problems.append(f"text at {small} pt: below the {MIN_FONT_PT} pt minimum")
    fig.draw_without_rendering()  # once: the checks below measure this layout
    problems += [f"labels overlap: {a!r} and {b!r}" for a, b in overlapping_labels(fig, True)]
    problems += [f"text runs off the figure: {t!r}" for t in texts_outside(fig, True)]
    problems += [f"tick labels overlap: {a!r} and {b!r}" for a, b in overlapping_ticks(fig, True)]
    titles = [ax.title for ax in fig.axes if ax.title.get_text()]
    problems += [f"titles overlap: {a!r} and {b!r}" for a, b in _overlapping(fig, titles)]
    return problems


def overlapping_ticks(fig, drawn: bool = False) -> list[tuple[str, str]]:
    """Neighbouring tick labels of one axis whose boxes overlap (the first pair per axis)."""
    if not drawn:
        fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    pairs = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            ticks = zip(axis.get_ticklocs(), axis.get_ticklabels(), strict=False)
            drawn = [
                (loc, label)
                for loc, label in ticks
                if low <= loc <= high and label.get_visible() and label.get_text()
            ]
            drawn.sort(key=lambda d: d[0])
            for (_, ta), (_, tb) in itertools.pairwise(drawn):
                if _ticks_collide(ta, tb, renderer):
                    pairs.append((ta.get_text(), tb.get_text()))
                    break
    return pairs


def _ticks_collide(a: Text, b: Text, renderer) -> bool:
    """Whether two neighbouring tick labels overlap. Upright or level labels: their boxes.
    Slanted ones: their boxes always overlap, so compare the gap between the two parallel
    lines of text with the height of a line."""
    angle = np.deg2rad(a.get_rotation() % 180)
    if np.isclose(np.sin(angle), 0) or np.isclose(np.cos(angle), 0):
        return _overlap(a.get_window_extent(renderer), b.get_window_extent(renderer)) > 1.0
    (xa, ya), (xb, yb) = (t.get_transform().transform(t.get_position()) for t in (a, b))
    gap = abs((xb - xa) * np.sin(angle) - (yb - ya) * np.cos(angle))
    return gap < a.get_fontsize() * a.figure.dpi / 72 * 0.9


def texts_outside(fig, drawn: bool = False) -> list[str]:
    """Visible texts whose box leaves the figure (cut off in the saved file). Tick labels are
    left out: matplotlib keeps labels for ticks beyond the axis limits that it never draws, and
    the constrained layout makes room for the drawn ones."""
    if not drawn:
        fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox.padded(1.0)  # a pixel of antialiasing is not cut off
    ticks = {id(t) for ax in fig.axes for t in _tick_texts(ax)}
    out = []
    for text in fig.findobj(Text):
        if id(text) in ticks:
            continue
        if text.get_visible() and text.get_text().strip() and text.get_figure() is fig:
            box = Text.get_window_extent(text, renderer)
            if not (frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0
                    and box.y1 <= frame.y1):  # fmt: skip
                out.append(text.get_text())
    return out


def _tick_texts(ax) -> list:
    return [t for tick in ax.xaxis.get_major_ticks() + ax.yaxis.get_major_ticks()
            + ax.xaxis.get_minor_ticks() + ax.yaxis.get_minor_ticks()
            for t in (tick.label1, tick.label2)]  # fmt: skip


def _overlapping(fig, texts: list) -> list[tuple[str, str]]:
    """Pairs of ``texts`` whose own boxes overlap (an annotation's box would hold its leader
    line); a pixel of antialiasing is not an overlap."""
    renderer = fig.canvas.get_renderer()
    boxes = [Text.get_window_extent(t, renderer) for t in texts]
    return [(ta.get_text(), tb.get_text())
            for (ta, a), (tb, b) in itertools.combinations(zip(texts, boxes, strict=True), 2)
            if _overlap(a, b) > 1.0]  # fmt: skip
