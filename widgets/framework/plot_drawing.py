"""A figure drawn at given values, as the values site/templates/partials/plot.html turns into SVG.

The page carries the first frame, so a plot is there before (and without) any script; the
runtime then moves the same elements (glyphShape in site/static/mdr-model.js).
"""
from __future__ import annotations

from .numbers import NumberLocale, format_value
from .palette import ink
from .plot_geometry import UNITS, axis_share, glyph_shape, linear_ticks, log_ticks, to_units
from .plotting import SVG_DASH, glyph_data, glyph_label, label_place
from .spec import Figure, Glyph
from .wording import WidgetText

PLAIN_LOG_LABELS = (1e-3, 1e4)  # a log axis whose decades all lie here is labelled 0.01, 0.1, 1 …


def paint(glyph: Glyph) -> str:
    """The CSS that draws a glyph (its geometry comes from glyph_shape)."""
    if glyph.kind in ("line", "vline", "hline"):
        dash = SVG_DASH[glyph.dash]
        return (f"fill:none;stroke:{ink(glyph.color)};stroke-width:{glyph.width}px"
                + (f";stroke-dasharray:{dash}" if dash else ""))
    if glyph.kind in ("band", "shade"):
        return f"fill:{glyph.color};fill-opacity:.25;stroke:none"
    if glyph.kind == "patch":
        return f"fill:{glyph.color};stroke:#333333;stroke-width:1.5px"
    if glyph.kind == "points":
        return f"fill:none;stroke:{ink(glyph.color)};stroke-width:{glyph.size}px;stroke-linecap:round"
    return f"color:{ink(glyph.color)};font-size:{glyph.size}pt"


def tick_label(value: float, log: bool, decades: list[float], locale: NumberLocale) -> str:
    """A tick's words: plain numbers, or powers of ten on a log axis reaching far."""
    low, high = PLAIN_LOG_LABELS
    plain = not log or all(low <= d <= high for d in decades)
    return format_value(value, "" if plain else "sci", locale)


def axis(fig: Figure, which: str, locale: NumberLocale) -> dict:
    """An axis's major ticks (position in % and words) and its minor tick positions in units."""
    low, high = fig.x_range if which == "x" else fig.y_range
    log = (fig.x_scale if which == "x" else fig.y_scale) == "log"
    major, minor = log_ticks(low, high) if log else (linear_ticks(low, high), [])

    def units(v):
        u = to_units(axis_share(v, low, high, log))
        return u if which == "x" else UNITS - u

    return {"ticks": [{"at": f"{units(v) / 100:.2f}", "units": units(v), "label": tick_label(v, log, major, locale)}
                      for v in major],
            "minor": [units(v) for v in minor]}


def grid_path(x_axis: dict, y_axis: dict) -> str:
    """Major grid lines across the frame."""
    return "".join([f"M{t['units']} 0V{UNITS}" for t in x_axis["ticks"]]
                   + [f"M0 {t['units']}H{UNITS}" for t in y_axis["ticks"]])


def minor_path(x_axis: dict, y_axis: dict) -> str:
    """Short minor tick marks along the bottom and left edges of the frame."""
    return "".join([f"M{u} {UNITS}V{UNITS - 150}" for u in x_axis["minor"]]
                   + [f"M0 {u}H100" for u in y_axis["minor"]])


def glyph_element(index: int, glyph: Glyph, fig: Figure, values: dict, text: WidgetText) -> dict:
    """One glyph's element: its kind, paint and first-frame geometry (text labels: words, place, alignment)."""
    label = glyph_label(glyph, fig, text)
    shape = glyph_shape(glyph, fig, glyph_data(glyph, fig, values, label))
    element = {"key": f"{fig.name}:{index}", "kind": glyph.kind, "paint": paint(glyph), **shape}
    if glyph.kind == "points":  # a dark rim one pixel wide around each dot
        element["rim"] = f"fill:none;stroke:var(--plot-ink);stroke-width:{glyph.size + 2}px;stroke-linecap:round"
    if glyph.kind == "text":
        align, pinned = label_place(glyph, fig, values)
        element.update(text=label, align=align, pin=align if pinned is not None else "")
        if pinned is not None:
            element["left"] = "0.00%" if align == "left" else "100.00%"
    return element


def figure_drawing(fig: Figure, values: dict, text: WidgetText, locale: NumberLocale) -> dict:
    """Everything plot.html needs to draw a figure at these values."""
    x_axis, y_axis = (axis(fig, "x", locale), axis(fig, "y", locale)) if fig.axes else ({"ticks": [], "minor": []},) * 2
    return {"units": UNITS, "axes": fig.axes, "x_ticks": x_axis["ticks"], "y_ticks": y_axis["ticks"],
            "grid": grid_path(x_axis, y_axis), "minor": minor_path(x_axis, y_axis),
            "label_chars": max([len(t["label"]) for t in y_axis["ticks"]] or [0]),
            "glyphs": [glyph_element(i, g, fig, values, text) for i, g in enumerate(fig.glyphs)]}
