"""Natural frequencies as icon arrays: "20 of 100" drawn as 100 small figures, 20 of them filled."""
from __future__ import annotations

import math

CELL_W, CELL_H = 22, 30
FIGURE = ('<g class="{cls}" transform="translate({x} {y})"><circle cx="11" cy="7" r="5"/>'
          '<path d="M3 28v-8a8 8 0 0 1 16 0v8z"/></g>')


def columns(of: int) -> int:
    """Figures per row: ten for a hundred (rows of ten are easy to count), else one row up to 20."""
    return of if of <= 20 else 10


def icon_svg(count: int, of: int) -> str:
    """The array as inline SVG, hidden from screen readers (the caption carries the same words)."""
    cols = columns(of)
    rows = math.ceil(of / cols)
    width, height = cols * CELL_W, rows * CELL_H
    figures = [FIGURE.format(cls="filled" if i < count else "empty", x=(i % cols) * CELL_W, y=(i // cols) * CELL_H)
               for i in range(of)]
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-hidden="true" '
            f'focusable="false">{"".join(figures)}</svg>')


def icons_html(count: int, of: int, ratio: str, label_html: str) -> str:
    """A figure: the array, then its words ("44 of 100" and the label) as the text alternative."""
    return (f'<figure class="icon-array">{icon_svg(count, of)}'
            f'<figcaption><span class="big">{ratio}</span> {label_html}</figcaption></figure>')
