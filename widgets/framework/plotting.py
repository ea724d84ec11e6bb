"""A figure's data and words: each glyph's columns, where its label sits, and the HTML around a plot."""
from __future__ import annotations

from html import escape

import numpy as np

from .palette import ink
from .spec import Figure, Glyph, Place
from .wording import WidgetText

SVG_DASH = {"solid": "", "dashed": "6 3", "dotted": "2 2"}


def place(key: Place, values: dict):
    """A glyph coordinate: the named output or parameter, or the fixed number the view declared."""
    return values[key] if isinstance(key, str) else float(key)


def glyph_data(glyph: Glyph, fig: Figure, values: dict, label: str = "") -> dict:
    """Columns of one glyph's data from model outputs (the runtime's glyphData mirrors this)."""
    def arr(key):
        return np.atleast_1d(np.asarray(place(key, values), dtype=float))

    if glyph.kind == "vline":
        x = float(place(glyph.x, values))
        data = {"x": [x, x], "y": list(fig.y_range)}
    elif glyph.kind == "hline":
        y = float(place(glyph.y, values))
        data = {"x": list(fig.x_range), "y": [y, y]}
    elif glyph.kind == "shade":
        edges = arr(glyph.x)
        low, high = fig.y_range
        data = {"x": edges, "y": np.full(len(edges), low), "y2": np.resize([low, high, high, low], len(edges))}
    elif glyph.kind == "band":
        data = {"x": arr(glyph.x), "y": arr(glyph.y), "y2": arr(glyph.y2)}
    elif glyph.kind == "patch":
        alpha = float(values[glyph.alpha]) if glyph.alpha else 1.0
        return {"xs": [arr(glyph.x)], "ys": [arr(glyph.y)], "alpha": np.array([alpha])}
    else:
        data = {"x": arr(glyph.x), "y": arr(glyph.y) + glyph.dy}
    n = len(data["x"])
    alpha = float(values[glyph.alpha]) if glyph.alpha else 1.0
    data["alpha"] = np.full(n, alpha)
    if glyph.kind == "text":
        data["text"] = [label] * n
    return {k: (np.asarray(v, dtype=float) if k != "text" else v) for k, v in data.items()}


def label_place(glyph: Glyph, fig: Figure, values: dict) -> tuple[str, float | None]:
    """(alignment, pinned x or None) keeping a text label inside the frame at any width.

    A data plot's labels name reference lines and end at their x. A picture's labels near an edge
    (where they are at the starting values) are pinned to that edge of the frame; the others are
    centred on what they name.
    """
    if fig.axes:
        return "right", None
    low, high = fig.x_range
    share = (float(np.atleast_1d(place(glyph.x, values))[0]) - low) / (high - low)
    return ("left", low) if share < 0.25 else ("right", high) if share > 0.75 else ("center", None)


def glyph_label(glyph: Glyph, fig: Figure, text: WidgetText) -> str:
    """The words a text glyph draws ('' for other glyphs)."""
    return text.label(fig.name, glyph.text_key) if glyph.kind == "text" else ""


def swatch(glyph: Glyph) -> str:
    """A small SVG sample of how a glyph is drawn, for the HTML legend."""
    color = escape(ink(glyph.color))
    if glyph.kind == "points":
        shape = f'<circle cx="12" cy="7" r="5" style="fill:{color};stroke:var(--plot-ink)"/>'
    elif glyph.kind in ("band", "shade", "patch"):
        shape = f'<rect x="1" y="1" width="22" height="12" style="fill:{escape(glyph.color)}" fill-opacity=".35"/>'
    else:
        dash = SVG_DASH[glyph.dash]
        shape = (f'<line x1="0" y1="7" x2="24" y2="7" style="stroke:{color}" stroke-width="{min(glyph.width, 4)}"'
                 + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
    return f'<svg width="24" height="14" aria-hidden="true" style="flex:none">{shape}</svg>'


def legend_entries(fig: Figure, text: WidgetText) -> list[tuple[Glyph, str]]:
    """(glyph, words) for every glyph with a legend entry, in drawing order."""
    return [(g, text.legend(fig.name, g.text_key)) for g in fig.glyphs
            if g.kind != "text" and text.legend(fig.name, g.text_key)]


def figure_words(fig: Figure, text: WidgetText) -> dict:
    """The HTML around a plot: title, axis labels ('' for a picture without axes) and legend entries with swatches."""
    return {"name": fig.name, "title": text.figure(fig.name, "title"),
            "x_label": text.figure(fig.name, "x_label") if fig.axes else "",
            "y_label": text.figure(fig.name, "y_label") if fig.axes else "",
            "legend": [{"swatch": swatch(g), "words": words} for g, words in legend_entries(fig, text)]}
