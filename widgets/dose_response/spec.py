"""Declaration of the dose_response widget: controls, plot, readouts and presets (words in strings)."""

import math

from mdr_explainer.widgets.framework.prediction import Question
from mdr_explainer.widgets.framework.params import Choice, Param, Preset
from mdr_explainer.widgets.framework.spec import Figure, Glyph, Readout, Widget
from mdr_explainer.widgets.framework.palette import BLUE, GREY, VERMILLION

from . import model

# The grid has a node at every slider position (8 pump levels × 21 inhibitor doses), so the
# static page shows the model itself. Defaults = the resistant_line preset (see NOTE.md).
PARAMS = (
    Choice(name="mdr1_level", options=("none", "x1", "x2", "x5", "x10", "x20", "x40", "x100"), default="x40"),
    Param(name="inhibitor", min=0.0, max=10.0, step=0.5, default=0.0),
)

FIGURES = (
    Figure(
        name="kill", x_range=(0.01, 100.0), y_range=(0.0, 105.0), x_scale="log", legend="bottom_left",
        glyphs=(
            Glyph(kind="hline", y=50.0, color=GREY, dash="dotted", width=1.0),
            Glyph(kind="line", x="dose_um", y="survival_cell_no_inhibitor_pct", color=GREY, dash="dashed"),
            Glyph(kind="line", x="dose_um", y="survival_normal_pct", color=BLUE),
            Glyph(kind="line", x="dose_um", y="survival_cell_pct", color=VERMILLION, width=3.5),
            Glyph(kind="vline", x="ic50_normal_um", color=BLUE, dash="dotted", width=1.5),
            Glyph(kind="vline", x="ic50_cell_um", color=VERMILLION, dash="dotted", width=1.5),
        ),
    ),
)

READOUTS = (
    Readout(key="ic50_normal_um"),
    Readout(key="ic50_cell_um"),
    Readout(key="fold_resistance", fmt=".1f"),
    Readout(key="fold_resistance_no_inhibitor", fmt=".1f"),
    Readout(key="reversal_fold", fmt=".1f"),
)

PRESETS = (
    Preset(name="normal_cell", values={"mdr1_level": "x1", "inhibitor": 0}),
    Preset(name="resistant_line", values={"mdr1_level": "x40", "inhibitor": 0}),
    Preset(name="inhibitor_reversal", values={"mdr1_level": "x40", "inhibitor": 10}),
)

# Prediction questions (words: predict.<name> in the strings file).
FOLD_CHOICES = (("about_same", 2.0), ("few_times", 5.0), ("tens_of_times", 50.0), ("hundreds", math.inf))
QUESTIONS = (
    Question(name="resistant_fold", preset="resistant_line", answer="fold_resistance", choices=FOLD_CHOICES),
    Question(name="blocked_fold", preset="inhibitor_reversal", answer="fold_resistance", choices=FOLD_CHOICES),
)

WIDGET = Widget(
    name="dose_response",
    params=PARAMS,
    compute=model.compute,
    figures=FIGURES,
    readouts=READOUTS,
    presets=PRESETS,
    vectorised=True,
    questions=QUESTIONS,
)
