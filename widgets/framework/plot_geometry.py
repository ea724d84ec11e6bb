"""Where a glyph lands on a plot: data to frame units, SVG path strings and axis ticks.

A plot frame is UNITS x UNITS; x grows rightwards, y downwards. Positions are whole units, so
Python (the first frame, written with the page) and the browser (glyphShape in
site/static/mdr-model.js, every later frame) write identical strings; tests/test_parity.py checks.
"""
from __future__ import annotations

import math

from .spec import Figure, Glyph

UNITS = 10000
FAR = 10_000_000  # positions beyond a thousand frames are pinned here: off the frame either way


def round_half_up(value: float) -> int:
    """The nearest integer, halves rounded up (as JavaScript's Math.round)."""
    return math.floor(value + 0.5)


def axis_share(value: float, low: float, high: float, log: bool) -> float | None:
    """How far along an axis a value lies (0 at low, 1 at high); None where it cannot be drawn."""
    value = float(value)
    if log:
        if math.isnan(value) or value < 0:
            return None
        value = math.log10(value) if 0 < value < math.inf else (-math.inf if value == 0 else math.inf)
        low, high = math.log10(low), math.log10(high)
    if math.isnan(value):
        return None
    return (value - low) / (high - low)


def to_units(share: float | None) -> int | None:
    """A share of the axis as whole frame units, pinned within FAR of the frame."""
    if share is None:
        return None
    return int(round_half_up(max(-FAR, min(FAR, share * UNITS))))


def point(fig: Figure, x: float, y: float) -> tuple[int, int] | None:
    """(x, y) frame units of a data point, or None if either coordinate cannot be drawn."""
    ux = to_units(axis_share(x, *fig.x_range, fig.x_scale == "log"))
    uy = to_units(axis_share(y, *fig.y_range, fig.y_scale == "log"))
    return None if ux is None or uy is None else (ux, UNITS - uy)


def polyline(points: list) -> str:
    """An SVG path through the points, starting a new piece after each point that cannot be drawn."""
    out, pen_down = [], False
    for p in points:
        if p is None:
            pen_down = False
            continue
        out.append(("L" if pen_down else "M") + f"{p[0]} {p[1]}")
        pen_down = True
    return "".join(out)


def polygon(points: list) -> str:
    """A closed SVG path through the points that can be drawn."""
    body = polyline([p for p in points if p is not None])
    return body + "Z" if body else ""


def glyph_shape(glyph: Glyph, fig: Figure, data: dict) -> dict:
    """What to set on a glyph's element: d and opacity for paths; left, top and opacity for a text label."""
    if glyph.kind == "patch":
        pts = [point(fig, x, y) for x, y in zip(data["xs"][0], data["ys"][0])]
        return {"d": polygon(pts), "opacity": float(data["alpha"][0])}
    xs, ys = list(data["x"]), list(data["y"])
    opacity = float(data["alpha"][0]) if len(data["alpha"]) else 1.0
    if glyph.kind == "text":
        where = point(fig, xs[0], ys[0]) or (0, 0)
        return {"left": f"{where[0] / 100:.2f}%", "top": f"{where[1] / 100:.2f}%", "opacity": opacity}
    if glyph.kind in ("band", "shade"):
        lows = [point(fig, x, y) for x, y in zip(xs, ys)]
        highs = [point(fig, x, y) for x, y in zip(xs, data["y2"])]
        keep = [i for i in range(len(xs)) if lows[i] is not None and highs[i] is not None]
        return {"d": polygon([lows[i] for i in keep] + [highs[i] for i in reversed(keep)]), "opacity": opacity}
    pts = [point(fig, x, y) for x, y in zip(xs, ys)]
    if glyph.kind == "points":
        return {"d": "".join(f"M{p[0]} {p[1]}h0" for p in pts if p is not None), "opacity": opacity}
    return {"d": polyline(pts), "opacity": opacity}


def nice_step(span: float, wanted: int = 6) -> float:
    """A step of 1, 2 or 5 times a power of ten giving about `wanted` ticks over the span."""
    target = span / wanted
    magnitude = 10.0 ** math.floor(math.log10(target))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= target * (1 - 1e-9))


def linear_ticks(low: float, high: float) -> list[float]:
    """Tick values at a nice step inside [low, high]."""
    step = nice_step(high - low)
    first = math.ceil(low / step - 1e-9)
    ticks = []
    k = first
    while k * step <= high * (1 + 1e-12) + 1e-12:
        ticks.append(round(k * step, 12))
        k += 1
    return ticks


def log_ticks(low: float, high: float) -> tuple[list[float], list[float]]:
    """(major, minor) ticks of a log axis: decades (every other past eight) and 2-9 times each decade."""
    first, last = math.ceil(math.log10(low) - 1e-9), math.floor(math.log10(high) + 1e-9)
    every = 1 if last - first <= 8 else 2
    major = [10.0 ** k for k in range(first, last + 1, every)]
    minor = [m * 10.0 ** k for k in range(first - 1, last + 1) for m in range(2, 10)
             if low <= m * 10.0 ** k <= high] if last - first <= 6 else []
    return major, minor
