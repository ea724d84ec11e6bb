"""How closely the static grid reproduces the live model, in fractions of each plot's range."""
from __future__ import annotations

import numpy as np

from .grid import Cube, interpolate
from .spec import Widget


def random_positions(widget: Widget, count: int, seed: int = 0) -> list[dict]:
    """Slider positions drawn uniformly from each slider's steps (seeded)."""
    rng = np.random.default_rng(seed)
    return [{p.name: float(rng.choice(p.slider_values())) for p in widget.params} for _ in range(count)]


def plot_error(widget: Widget, exact: dict, approx: dict) -> float:
    """Largest difference over all drawn values, as a fraction of the figure's axis span."""
    worst = 0.0
    for fig in widget.figures:
        for glyph in fig.glyphs:
            for key, span in ((glyph.x, fig.x_range), (glyph.y, fig.y_range), (glyph.y2, fig.y_range)):
                if not isinstance(key, str) or not key or key in {p.name for p in widget.params}:
                    continue
                scale = (np.log10(span[1]) - np.log10(span[0])) if (
                    (key == glyph.x and fig.x_scale == "log") or (key != glyph.x and fig.y_scale == "log")) else span[1] - span[0]
                a, b = np.asarray(exact[key], float), np.asarray(approx[key], float)
                if scale != span[1] - span[0]:
                    a, b = np.log10(np.maximum(a, span[0])), np.log10(np.maximum(b, span[0]))
                worst = max(worst, float(np.max(np.abs(a - b))) / scale)
    return worst


def worst_plot_error(widget: Widget, cube: Cube, count: int = 200, seed: int = 0) -> tuple[float, dict]:
    """The largest grid-versus-model error over random slider positions, and where it occurs."""
    worst, where = 0.0, {}
    for values in random_positions(widget, count, seed):
        err = plot_error(widget, widget.run(values), interpolate(widget, cube, values))
        if err > worst:
            worst, where = err, values
    return worst, where
