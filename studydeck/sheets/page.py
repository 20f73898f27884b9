"""A sheet's page as the fitter and the condenser see it: its area, and the text volume it holds at a size.

Read by the condenser too (how far to condense a domain depends on how much of it its page holds), so it
imports nothing of the sheets' other modules."""

from __future__ import annotations

import math

# Area one character of condensed text takes, in units of the font size squared, padding and
# half-empty line ends included: the median of the sizes that fit, over the user's notes and the corpus
# (42 sheets below the largest size, /tmp traces of _fit): fitted/estimated size 0.74-1.2, median 1.08 at 0.9.
CHAR_AREA = 0.77

MM = 72 / 25.4
PAPER_MM = {"A4": (210, 297), "A3": (297, 420), "A5": (148, 210), "letter": (215.9, 279.4), "legal": (215.9, 355.6)}
MARGINS_MM = (13, 14)  # vertical, horizontal: keep in step with @page in templates/sheet/sheet.css
BAND_PT = 16  # the title band above the columns, at the base size of 8 pt


def area(paper: str, orientation: str) -> float:
    """pt² of the page that the columns fill."""
    short, long = PAPER_MM.get(paper, PAPER_MM["A4"])
    w, h = (long, short) if orientation == "landscape" else (short, long)
    return (w - MARGINS_MM[1]) * MM * ((h - MARGINS_MM[0]) * MM - BAND_PT)


def size_for(chars: int, paper: str, orientation: str) -> float:
    """The font size at which `chars` of condensed text (Sheet.chars) would just fill the page."""
    return math.sqrt(area(paper, orientation) / (CHAR_AREA * max(chars, 1)))


def holds(paper: str, orientation: str, size: float) -> float:
    """The text volume (Sheet.chars) that about fills the page at `size`."""
    return area(paper, orientation) / (CHAR_AREA * size * size)
