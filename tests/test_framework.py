"""The widget framework: parameters, description templates and grid interpolation."""
import numpy as np
import pytest

from mdr_explainer.widgets.framework.describe import render, template_keys
from mdr_explainer.widgets.framework.numbers import format_value
from mdr_explainer.widgets.framework.grid import build_cube, interpolate
from mdr_explainer.widgets.framework.params import Param
from mdr_explainer.widgets.framework.params import Choice
from mdr_explainer.widgets.framework.spec import Coordinate, Figure, Glyph, Readout, Widget
from mdr_explainer.widgets.framework.wording import WidgetText
from pathlib import Path


def test_param_rejects_a_default_outside_its_range():
    with pytest.raises(ValueError, match="default"):
        Param(name="x", min=0, max=1, step=0.1, default=2)


@pytest.mark.parametrize("raw", ["abc", None, "nan", "inf", "1e999"])
def test_param_coerce_rejects_non_numbers(raw):
    p = Param(name="x", min=0, max=1, step=0.1, default=0.5)
    with pytest.raises(ValueError, match="x"):
        p.coerce(raw)


def test_param_coerce_rejects_out_of_range_and_snaps_in_range():
    p = Param(name="x", min=0, max=1, step=0.1, default=0.5)
    with pytest.raises(ValueError, match="outside its range"):
        p.coerce(3)
    assert p.coerce("0.33") == pytest.approx(0.3)


@pytest.mark.parametrize("value,fmt,text", [
    (0.5, "pct", "50%"), (2.46, ".1f", "2.5"), (7.6, "d", "8"), (1234.5, "", "1235"),
    (0.04567, "", "0.0457"), (3.0, "", "3"), (1e9, "sci", "10⁹"), (2.5e-7, "sci", "2.5 × 10⁻⁷"), (9.9999e-7, "sci", "10⁻⁶"),
])
def test_numbers_format_like_the_browser(value, fmt, text):
    assert format_value(value, fmt) == text


def test_template_conditions_choose_words_and_nest_values():
    tpl = "{?a>1|{a:.1f} times more|about the same}"
    assert render(tpl, {"a": 2.04}) == "2.0 times more"
    assert render(tpl, {"a": 1.0}) == "about the same"
    assert template_keys(tpl) == ["a"]
    assert template_keys("{?s>0|{?t<1|{u}|v}|w}") == ["u", "t", "s"]


def toy_widget():
    """A two-parameter widget whose output is bilinear, so interpolation must be exact."""
    params = (Param(name="a", min=0, max=4, step=0.5, default=1, grid=(0, 2, 4)),
              Param(name="b", min=0, max=2, step=1, default=0))
    def compute(a, b):
        return {"x": np.arange(3.0), "y": a * np.arange(3.0) + b, "s": a * b}
    fig = Figure(name="f", x_range=(0, 2), y_range=(0, 12), glyphs=(Glyph(kind="line", x="x", y="y"),))
    return Widget(name="toy", params=params, compute=compute, figures=(fig,), readouts=(Readout(key="s"),),
                  presets=(), note_path=Path(__file__))


def test_grid_interpolation_is_exact_for_bilinear_models_and_stores_constants_once():
    w = toy_widget()
    cube = build_cube(w, WidgetText(name="toy", data={"a11y": {"sentence": "{s}"}}, source="test"))
    assert cube.layout["outputs"]["x"]["axes"] == []
    for a in np.arange(0, 4.01, 0.5):
        for b in (0, 1, 2):
            out = interpolate(w, cube, {"a": a, "b": b})
            assert np.allclose(out["y"], a * np.arange(3.0) + b, atol=1e-5)
            assert out["s"] == pytest.approx(a * b, abs=1e-5)


def test_the_automatic_format_writes_big_and_tiny_numbers_without_an_exponent():
    assert format_value(123456789.0) == "123,456,789"
    assert format_value(0.000123456) == "0.0001"


def test_a_descending_coordinate_interpolates_like_an_ascending_one():
    up = Coordinate(name="c", nodes=(0.25, 0.5, 1.0), numerator="v")
    down = Coordinate(name="c", nodes=(1.0, 0.5, 0.25), numerator="v")
    from mdr_explainer.widgets.framework.grid import axis_weights
    for v in (0.25, 0.3, 0.5, 0.9, 1.0, 2.0, 0.0):
        a = {i: w for i, w in axis_weights(up, v)}
        b = {2 - i: w for i, w in axis_weights(down, v)}
        value_a = sum(w * up.nodes[i] for i, w in a.items())
        value_b = sum(w * up.nodes[i] for i, w in b.items())
        assert value_a == pytest.approx(value_b) == pytest.approx(min(max(v, 0.25), 1.0))


def test_a_coordinate_must_be_monotonic():
    with pytest.raises(ValueError, match="ascend or strictly descend"):
        Coordinate(name="c", nodes=(0.0, 1.0, 0.5))


def test_a_choice_is_declared_by_its_options_and_accepts_their_names():
    p = Choice(name="profile", options=("constant", "falling"), default="falling")
    assert (p.min, p.max, p.step, p.default) == (0.0, 1.0, 1.0, 1.0)
    assert p.coerce("constant") == 0.0 and p.coerce("1") == 1.0
    with pytest.raises(ValueError, match="constant, falling"):
        p.coerce("rising")


def test_declarations_are_keyword_only():
    with pytest.raises(TypeError):
        Param("x", 0, 1, 0.1, 0.5)
