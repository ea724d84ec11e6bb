"""Declaration of the combination_therapy widget (two or three drugs): controls, plots, readouts and presets (words in strings)."""

from mdr_explainer.widgets.framework.prediction import Question
from mdr_explainer.widgets.framework.palette import BLUE, GREY, SKY, VERMILLION
from mdr_explainer.widgets.framework.params import Choice, Param, Preset
from mdr_explainer.widgets.framework.spec import Figure, Glyph, Readout, Widget

from . import model

# Every control snaps to a few settings, so the static page stores the model exactly at each one.
PARAMS = (
    Param(name="log10_cells", min=6.0, max=12.0, step=1.0, default=9.0),
    Param(name="log10_mutation_rate", min=-10.0, max=-7.0, step=1.0, default=-9.0),
    Choice(name="cross_resistance", options=("no", "yes"), default="no"),
    Choice(name="third_drug", options=("no", "yes"), default="no"),
)

TIME_FIGURE = Figure(
    name="time", x_range=(0.0, model.HORIZON_DAYS / 365.0), y_range=(model.FLOOR_CELLS, model.CAP_CELLS),
    y_scale="log", height=380, legend="top_right",
    glyphs=(
        Glyph(kind="line", x="day", y="total_sequential", color=VERMILLION, width=3.0),
        Glyph(kind="line", x="day", y="total_combined", color=BLUE, width=3.0),
        Glyph(kind="line", x="day", y="double_combined", color=SKY, dash="dashed", width=2.0),
        Glyph(kind="hline", y=1.0, color=GREY, dash="dotted", width=1.5),
        Glyph(kind="vline", x="switch_year", color=GREY, dash="dashed", width=1.5),
    ),
)

CHANCE_FIGURE = Figure(
    name="chance", x_range=(1e5, 1e13), y_range=(0.0, 1.05), x_scale="log", height=260, legend="top_left",
    glyphs=(
        Glyph(kind="line", x="curve_cells", y="p_single_curve", color=VERMILLION),
        Glyph(kind="line", x="curve_cells", y="p_double_curve", color=BLUE),
        Glyph(kind="vline", x="cells", color=GREY, dash="dashed", width=1.5),
        Glyph(kind="points", x="cells", y="p_double_start", color=BLUE, size=11),
        Glyph(kind="points", x="cells", y="p_single_start", color=VERMILLION, size=11),
    ),
)

READOUTS = (
    Readout(key="p_single_start", fmt="pct"),
    Readout(key="p_double_start", fmt="pct"),
    Readout(key="expected_double_start", fmt="sci"),
    Readout(key="cure_one_drug", fmt="pct"),
    Readout(key="cure_sequential", fmt="pct"),
    Readout(key="cure_combined", fmt="pct"),
)

PRESETS = (
    Preset(name="large_tumour", values={"log10_cells": 9, "log10_mutation_rate": -9, "cross_resistance": "no"}),
    Preset(name="small_tumour", values={"log10_cells": 6, "log10_mutation_rate": -9, "cross_resistance": "no"}),
    Preset(name="very_large_tumour", values={"log10_cells": 12, "log10_mutation_rate": -9, "cross_resistance": "no"}),
    Preset(name="very_large_tumour_three_drugs",
           values={"log10_cells": 12, "log10_mutation_rate": -9, "cross_resistance": "no", "third_drug": "yes"}),
    Preset(name="cross_resistance", values={"log10_cells": 10, "log10_mutation_rate": -9, "cross_resistance": "yes"}),
)

# Prediction questions (words: predict.<name> in the strings file).
QUESTIONS = (
    Question(name="one_drug_small", preset="small_tumour", figure="chance", glyph="p_single_start",
             answer="p_single_start", bounds=(0.0, 1.0), step=0.01),
    Question(name="both_drugs_large", preset="large_tumour", figure="chance", glyph="p_double_start",
             answer="p_double_start", bounds=(0.0, 1.0), step=0.01),
)

WIDGET = Widget(
    name="combination_therapy",
    params=PARAMS,
    compute=model.compute,
    figures=(TIME_FIGURE, CHANCE_FIGURE),
    readouts=READOUTS,
    presets=PRESETS,
    vectorised=True,
    questions=QUESTIONS,
)
