"""Every colour, grey and text size the figures use, named once.

The rc settings (fonts, 7–9 pt text, spines, the colour cycle) are in ``STYLE``, the
``paper.mplstyle`` file that ``helpers.figures.use_paper_style`` applies; what a plot sets by hand
(an actor's colour, a reference line's grey, a 7 pt annotation) is here, so a change of palette
or size is made in one place and every figure follows.
"""

from __future__ import annotations

from pathlib import Path

STYLE = Path(__file__).parent / "data" / "paper.mplstyle"

# Okabe & Ito (2008): safe for the common colour-vision deficiencies; also the mplstyle's cycle.
BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, YELLOW, BLACK = OKABE_ITO = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
]  # fmt: skip

# One colour per main actor, the same in every figure of every notebook.
ACTOR_COLOURS = {
    "NATO": BLUE,
    "United States": SKY,
    "CSTO": VERMILION,
    "Russia": ORANGE,
    "China": GREEN,
    "SCO": YELLOW,
    "Kyrgyzstan": PURPLE,
}
# For terms and actors without a colour of their own: black, then Paul Tol's muted colours,
# none of which is an actor's, so no term is drawn in NATO's or Russia's colour.
SPARE_COLOURS = [BLACK, "#882255", "#44AA99", "#999933", "#332288", "#AA4499"]
FOCUS_COLOUR, REST_COLOUR = VERMILION, BLUE  # the two sides of a keyness comparison

# Greys, darkest first.
EDGE_GREY = "#333333"  # marker and node outlines
KEPT_GREY = "#4D4D4D"  # the words cleaning kept
NOTE_GREY = "#555555"  # a "nothing to show" note
OTHER_GREY = "#7F7F7F"  # an actor or term without a colour of its own
AXIS_GREY = "#999999"  # zero and significance lines
LINK_GREY = "#9E9E9E"  # network edges
REFERENCE_GREY = "#BBBBBB"  # dotted reference lines, the unlabelled keyness cloud
UNATTRIBUTED_GREY = "#D9D9D9"  # quotes without a gazetteer actor
RULE_GREY = "#DDDDDD"  # lines between the bands of a dispersion plot

# One colour per language code, the same in every figure: English blue, Russian vermilion.
LANGUAGE_COLOURS = {"en": BLUE, "ru": VERMILION, "ky": GREEN, "kk": PURPLE, "und": AXIS_GREY}
SPARE_LANGUAGE_COLOURS = [ORANGE, SKY, YELLOW, BLACK]  # for any other language

# Text sizes set by hand, in points (the mplstyle sets 7 for ticks and legends, 8 for labels).
ANNOTATION_PT = 7  # labels placed on the data, small-multiple titles
CELL_PT = 6.5  # numbers inside heatmap cells
SMALL_PT = 6  # many tick labels; never smaller (print rule)
NOTE_PT = 8  # a "nothing to show" note


def actor_colour(actor: str) -> str:
    """The actor's fixed colour, grey for actors without one.

    >>> actor_colour("NATO"), actor_colour("Mongolia")
    ('#0072B2', '#7F7F7F')
    """
    return ACTOR_COLOURS.get(actor, OTHER_GREY)


def key_colours(keys: list[str]) -> dict[str, str]:
    """Actor colours for keys that name an actor ("nato" → NATO's), the spare colours for the
    others, so a term and its actor look the same in every figure.

    >>> key_colours(["nato", "security"])
    {'nato': '#0072B2', 'security': '#000000'}
    """
    by_name = {a.casefold(): c for a, c in ACTOR_COLOURS.items()}
    spare = iter(SPARE_COLOURS * 3)
    return {k: by_name.get(k.casefold()) or next(spare) for k in keys}
