"""Declaration of the tumor_evolution widget: controls, plots, readouts and presets (words in strings)."""

import math

from mdr_explainer.widgets.framework.prediction import Question
from mdr_explainer.widgets.framework.palette import BLACK, BLUE, GREY, VERMILLION
from mdr_explainer.widgets.framework.params import Choice, Param, Preset
from mdr_explainer.widgets.framework.spec import Figure, Glyph, Readout, Widget

from . import model

# Top of the time plot's y axis (% of the space); the drug shading reaches it. Above 100% the
# plot is empty, which leaves room for the legend.
TIME_TOP_PCT = 160.0
# The three horizontal lines (progression, restart, pause) are named in the legend, which wraps
# at any width and in any language, rather than by labels drawn over the curves.

# Cost, competition and starting share change where the drug is switched on and off, so the
# curves jump between neighbouring settings: these controls snap to a few steps instead of
# interpolating. Only the mutation rate (a smooth curve) interpolates.
PARAMS = (
    Choice(name="strategy", options=("continuous", "adaptive"), default="continuous"),
    Param(name="resistance_cost", min=0.0, max=40.0, step=10.0, default=20.0),
    Choice(name="competition", options=("none", "weak", "equal", "strong", "very_strong"), default="equal"),
    Choice(name="resistant_start", options=("one_in_1000", "one_in_100", "one_in_10"), default="one_in_100"),
    Param(name="log10_mutation_rate", min=-8.0, max=-4.0, step=0.1, default=-6.0, fmt=".1f"),
)

TIME_FIGURE = Figure(
    name="time", x_range=(0.0, model.HORIZON_DAYS), y_range=(0.0, TIME_TOP_PCT), height=400, legend="top_left",
    glyphs=(
        Glyph(kind="shade", x="drug_x", key="drug", color=GREY),
        Glyph(kind="line", x="day", y="total_pct", color=BLACK, width=2.0),
        Glyph(kind="line", x="day", y="sensitive_pct", color=BLUE),
        Glyph(kind="line", x="day", y="resistant_pct", color=VERMILLION, width=3.5),
        Glyph(kind="hline", y="progression_line_pct", color=GREY, dash="dashed", width=1.5),
        Glyph(kind="hline", y="start_line_pct", color=GREY, dash="dotted", width=1.5),
        Glyph(kind="hline", y="pause_line_pct", color=BLACK, dash="dotted", width=1.5),
    ),
)

GOLDIE_COLDMAN_FIGURE = Figure(
    name="goldie_coldman", x_range=(1e2, 1e12), y_range=(0.0, 1.05), x_scale="log", height=240,
    legend="bottom_right",
    glyphs=(
        Glyph(kind="line", x="gc_cells", y="gc_probability", color=BLUE),
        Glyph(kind="vline", x="gc_marker_cells", color=GREY, dash="dashed", width=1.5),
        Glyph(kind="points", x="gc_marker_cells", y="gc_marker_probability", color=VERMILLION, size=11),
    ),
)

READOUTS = (
    Readout(key="ttp_continuous", fmt="d"),
    Readout(key="drug_continuous", fmt="d"),
    Readout(key="ttp_adaptive", fmt="d"),
    Readout(key="drug_adaptive", fmt="d"),
    Readout(key="drug_share_adaptive_pct", fmt="d"),
    Readout(key="resistant_share_end", fmt="pct"),
    Readout(key="gc_marker_cells", fmt="sci"),
)

PRESETS = (
    Preset(name="continuous_dosing",
           values={"strategy": "continuous", "resistance_cost": 20, "competition": "equal", "resistant_start": "one_in_100"}),
    Preset(name="adaptive_dosing",
           values={"strategy": "adaptive", "resistance_cost": 20, "competition": "equal", "resistant_start": "one_in_100"}),
    Preset(name="no_cost",
           values={"strategy": "adaptive", "resistance_cost": 0, "competition": "equal", "resistant_start": "one_in_100"}),
    Preset(name="goldie_coldman", values={"log10_mutation_rate": -6}),
)

# Prediction questions (words: predict.<name> in the strings file).
QUESTIONS = (
    Question(name="million_cells", preset="goldie_coldman", figure="goldie_coldman", glyph="gc_marker_probability",
             answer="gc_marker_probability", bounds=(0.0, 1.0), step=0.01),
    Question(name="continuous_fails", preset="continuous_dosing", answer="ttp_continuous",
             choices=(("within_months", 180.0), ("one_year", 540.0), ("two_years", 1095.0), ("never", math.inf))),
    Question(name="adaptive_lasts", preset="adaptive_dosing", answer="ttp_adaptive",
             choices=(("within_months", 180.0), ("one_year", 540.0), ("two_years", 1095.0), ("longer", math.inf))),
)

WIDGET = Widget(
    name="tumor_evolution",
    params=PARAMS,
    compute=model.compute,
    figures=(TIME_FIGURE, GOLDIE_COLDMAN_FIGURE),
    readouts=READOUTS,
    presets=PRESETS,
    vectorised=True,
    questions=QUESTIONS,
)
