"""Where glyphs land on a plot, and the axes written with the page (the browser half is in test_parity.py)."""
import math

import numpy as np
import pytest

from mdr_explainer.widgets.framework.numbers import ENGLISH, NumberLocale
from mdr_explainer.widgets.framework.plot_drawing import axis, figure_drawing
from mdr_explainer.widgets.framework.plot_geometry import UNITS, glyph_shape, linear_ticks, log_ticks, point
from mdr_explainer.widgets.framework.spec import Figure, Glyph
from mdr_explainer.widgets.framework.wording import widget_text
from mdr_explainer.widgets.registry import REGISTRY

LINEAR = Figure(name="f", x_range=(0.0, 10.0), y_range=(0.0, 105.0), glyphs=())
LOG = Figure(name="g", x_range=(0.01, 2880.0), y_range=(1e-1, 1e13), x_scale="log", y_scale="log", glyphs=())


def test_corners_and_centre_land_on_the_frame_edges():
    assert point(LINEAR, 0.0, 0.0) == (0, UNITS)
    assert point(LINEAR, 10.0, 105.0) == (UNITS, 0)
    assert point(LINEAR, 5.0, 52.5) == (UNITS // 2, UNITS // 2)
    assert point(LOG, 0.01, 1e13) == (0, 0)
    x, _ = point(LOG, 1.0, 1.0)
    assert x == round(UNITS * 2 / math.log10(288000))


def test_what_cannot_be_drawn_breaks_a_line_and_far_values_are_pinned():
    line = Glyph(kind="line", x="x", y="y")
    data = {"x": np.array([1.0, 2.0, 3.0, 4.0]), "y": np.array([1.0, np.nan, 3.0, 1e300]), "alpha": np.ones(4)}
    d = glyph_shape(line, LINEAR, data)["d"]
    assert d == f"M1000 9905M3000 9714L4000 {UNITS - 10_000_000}"
    on_log = {"x": np.array([0.0, -1.0, 1.0]), "y": np.array([1.0, 1.0, 1.0]), "alpha": np.ones(3)}
    assert glyph_shape(line, LOG, on_log)["d"].startswith("M-10000000 ")  # zero: far left; negative: not drawn


def test_a_band_is_one_closed_outline_and_a_label_is_placed_in_percent():
    band = Glyph(kind="band", x="x", y="y", y2="y2")
    data = {"x": np.array([0.0, 10.0]), "y": np.array([0.0, 0.0]), "y2": np.array([105.0, 105.0]), "alpha": np.ones(2)}
    assert glyph_shape(band, LINEAR, data)["d"] == f"M0 {UNITS}L{UNITS} {UNITS}L{UNITS} 0L0 0Z"
    text = Glyph(kind="text", x="x", y="y")
    shape = glyph_shape(text, LINEAR, {"x": np.array([2.5]), "y": np.array([52.5]), "alpha": np.array([0.5]), "text": ["a"]})
    assert shape == {"left": "25.00%", "top": "50.00%", "opacity": 0.5}


@pytest.mark.parametrize("low, high, expected", [
    (0.0, 105.0, [0, 20, 40, 60, 80, 100]), (0.0, 10.0, [0, 2, 4, 6, 8, 10]), (0.0, 1.05, [0, 0.2, 0.4, 0.6, 0.8, 1.0])])
def test_linear_ticks_fall_on_round_numbers(low, high, expected):
    assert linear_ticks(low, high) == pytest.approx(expected)


def test_log_ticks_are_decades_thinned_when_many():
    major, minor = log_ticks(0.01, 2880.0)
    assert major == pytest.approx([0.01, 0.1, 1, 10, 100, 1000]) and 2000 in minor and 3000 not in minor
    major, minor = log_ticks(1e-1, 1e13)
    assert major == pytest.approx([10.0 ** k for k in range(-1, 14, 2)]) and minor == []


def test_tick_words_follow_the_locale_and_use_powers_of_ten_only_when_far():
    comma = NumberLocale(code="es", decimal=",", group=".", min_grouping=2, plural_code="es")
    assert [t["label"] for t in axis(LINEAR, "y", ENGLISH)["ticks"]][:2] == ["0", "20"]
    assert [t["label"] for t in axis(LOG, "x", comma)["ticks"]][:2] == ["0,01", "0,1"]
    assert axis(LOG, "y", ENGLISH)["ticks"][-1]["label"] == "10¹³"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_figure_draws_every_glyph_at_the_defaults(name):
    widget = REGISTRY[name]
    values = {**widget.defaults(), **widget.run(widget.defaults())}
    for fig in widget.figures:
        drawing = figure_drawing(fig, values, widget_text(widget.name), ENGLISH)
        assert [g["key"] for g in drawing["glyphs"]] == [f"{fig.name}:{i}" for i in range(len(fig.glyphs))]
        for g in drawing["glyphs"]:
            assert g.get("d") or g.get("text") or g["opacity"] == 0, (fig.name, g["key"])
        assert bool(drawing["x_ticks"]) == fig.axes
