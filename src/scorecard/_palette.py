"""One palette for every chart, widget and report: colour-blind-safe, a domain's colour fixed.

A top-level domain's colour is set by its place in the scorecard (the first domain takes the
first colour), so it is the same in the contributions chart, the weight tree, the explorer and
the report. The colours are Okabe and Ito's (2008) seven, safe for the common colour-vision
deficiencies, then Tol's "muted" nine; past sixteen domains they repeat. Rises and falls
carry a symbol as well as a colour (blue ▲, vermillion ▼, grey =).
"""

from __future__ import annotations

from typing import Final

from scorecard.tree import ROOT, Scorecard

__all__ = [
    "DOMAIN_COLOURS",
    "LENS_COLOURS",
    "SHIFT_COLOURS",
    "SHIFT_SHAPES",
    "domain_colours",
    "shift_trend",
]

DOMAIN_COLOURS: Final = (
    # Okabe-Ito (black left out: it is the text colour)
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#56B4E9",
    "#CC79A7",
    "#F0E442",
    # Tol's muted
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
)
"""Domain colours in the order domains take them."""

LENS_COLOURS: Final = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB")
"""Stakeholder groups' colours, in the order the groups are given: Tol's "bright" scheme,
distinct from one another for the common colour-vision deficiencies."""

SHIFT_COLOURS: Final = {"rises": "#0072B2", "falls": "#D55E00", "holds": "#8C8C8C"}
"""A provider's move against the baseline: Okabe-Ito blue and vermillion, and grey."""
SHIFT_SHAPES: Final = {"rises": "triangle-up", "falls": "triangle-down", "holds": "circle"}
"""The Vega-Lite point shape that goes with each move, so colour is never the only cue."""


def domain_colours(card: Scorecard) -> dict[str, str]:
    """Each top-level domain's label and its colour, in the card's order.

    Examples
    --------
    >>> import scorecard as sc
    >>> colours = domain_colours(sc.catalog.balanced())
    >>> colours["Treatment outcomes"]
    '#0072B2'
    """
    labels = [card.node(d).label for d in card.children(ROOT)]
    return {label: DOMAIN_COLOURS[i % len(DOMAIN_COLOURS)] for i, label in enumerate(labels)}


def shift_trend(shift: int) -> str:
    """A rank shift in a word: "rises" (positive: up the ranking), "falls" or "holds"."""
    return "rises" if shift > 0 else "falls" if shift < 0 else "holds"
