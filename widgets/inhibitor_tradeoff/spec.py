"""Declaration of the inhibitor_tradeoff widget: controls, plots, readouts and presets (words in strings)."""

import numpy as np

from mdr_explainer.widgets.framework.prediction import Question
from mdr_explainer.widgets.framework.palette import BLACK, BLUE, GREEN, ORANGE, VERMILLION
from mdr_explainer.widgets.framework.params import Choice, Param, Preset
from mdr_explainer.widgets.framework.spec import Coordinate, Figure, Glyph, Readout, Widget

from . import model

# Top of the outcome plot's y axis (%); the window shading reaches it. Above 100% the plot is
# empty, which leaves room for the legend.
OUTCOME_TOP_PCT = 150.0
# The two horizontal lines (control without inhibitor, side-effect limit) are named in the legend.

PARAMS = (
    Param(name="inhibitor_dose", min=0.0, max=10.0, step=0.1, default=1.0),
    Param(name="immune_weight", min=0.0, max=1.0, step=0.5, default=0.0, fmt="pct"),
    Choice(name="tumour_mdr1", options=("none", "few", "reference", "x10", "x40", "x100"), default="few"),
    Choice(name="other_resistance", options=("none", "some", "much"), default="none"),
    Param(name="clearance_drop", min=0.0, max=60.0, step=10.0, default=50.0),
    Choice(name="inhibitor_toxicity", options=("none", "dose_limiting"), default="dose_limiting"),
)

# The model sees the inhibitor dose through the pump activity it leaves, 1 / (1 + I/Ki), and is
# smooth in it; its nodes are packed towards full block, where exposure climbs fastest. The
# other sliders snap (options and 5% steps) or have a node at every slider step.
ACTIVITY_NODES = 1 / 11 + (1 - 1 / 11) * np.linspace(0.0, 1.0, 21) ** 2
COORDINATES = (
    Coordinate(name="pump_activity", nodes=tuple(float(v) for v in ACTIVITY_NODES), one_plus="inhibitor_dose"),
    Coordinate(name="immune_weight", nodes=tuple(float(v) for v in PARAMS[1].slider_values()),
               numerator="immune_weight"),
    Coordinate(name="tumour_mdr1", nodes=(0.0, 1.0, 2.0, 3.0, 4.0, 5.0), numerator="tumour_mdr1", discrete=True),
    Coordinate(name="other_resistance", nodes=(0.0, 1.0, 2.0), numerator="other_resistance", discrete=True),
    Coordinate(name="clearance_drop", nodes=tuple(float(v) for v in PARAMS[4].slider_values()),
               numerator="clearance_drop", discrete=True),
    Coordinate(name="inhibitor_toxicity", nodes=(0.0, 1.0), numerator="inhibitor_toxicity", discrete=True),
)


def params_at(pump_activity, immune_weight, tumour_mdr1, other_resistance, clearance_drop, inhibitor_toxicity):
    """Slider values that give these grid coordinates (inverse of COORDINATES)."""
    return {"inhibitor_dose": 1.0 / pump_activity - 1.0, "immune_weight": immune_weight,
            "tumour_mdr1": tumour_mdr1, "other_resistance": other_resistance, "clearance_drop": clearance_drop,
            "inhibitor_toxicity": inhibitor_toxicity}


CHANGES_FIGURE = Figure(
    name="changes", x_range=(0.0, 10.0), y_range=(0.0, 10.0), height=280, legend="top_left",
    glyphs=(
        Glyph(kind="line", x="dose_axis", y="inside_fold_curve", color=VERMILLION, width=3.0),
        Glyph(kind="line", x="dose_axis", y="exposure_fold_curve", color=ORANGE),
        Glyph(kind="line", x="dose_axis", y="tcell_curve", color=GREEN, dash="dashed"),
        Glyph(kind="vline", x="inhibitor_dose", color=BLACK, dash="dotted", width=1.5),
        Glyph(kind="points", x="inhibitor_dose", y="inside_fold_at", color=VERMILLION),
        Glyph(kind="points", x="inhibitor_dose", y="exposure_fold_at", color=ORANGE),
        Glyph(kind="points", x="inhibitor_dose", y="tcell_at", color=GREEN),
    ),
)

OUTCOME_FIGURE = Figure(
    name="outcome", x_range=(0.0, 10.0), y_range=(0.0, OUTCOME_TOP_PCT), height=320, legend="top_left",
    glyphs=(
        Glyph(kind="shade", x="window_x", key="window", color=GREEN),
        Glyph(kind="line", x="dose_axis", y="control_curve_pct", color=BLUE, width=3.0),
        Glyph(kind="line", x="dose_axis", y="matched_curve_pct", color=BLACK, dash="dashed", width=2.0),
        Glyph(kind="line", x="dose_axis", y="side_effects_curve_pct", color=VERMILLION),
        Glyph(kind="hline", y="control_zero_pct", color=BLUE, dash="dotted", width=1.5),
        Glyph(kind="hline", y="side_effects_limit_pct", color=VERMILLION, dash="dashed", width=1.5),
        Glyph(kind="vline", x="inhibitor_dose", color=BLACK, dash="dotted", width=1.5),
        Glyph(kind="points", x="inhibitor_dose", y="control_at_pct", color=BLUE),
        Glyph(kind="points", x="inhibitor_dose", y="matched_at_pct", color=BLACK),
        Glyph(kind="points", x="inhibitor_dose", y="side_effects_at_pct", color=VERMILLION),
    ),
)

READOUTS = (
    Readout(key="pump_activity_pct", fmt="d"),
    Readout(key="inside_fold_at", fmt=".1f"),
    Readout(key="exposure_fold_at", fmt=".2f"),
    Readout(key="tcell_at_pct", fmt="d", shown_if="immune_weight>0"),
    Readout(key="control_at_pct", fmt="d"),
    Readout(key="matched_at_pct", fmt="d"),
    Readout(key="control_zero_pct", fmt="d"),
    Readout(key="side_effects_at_pct", fmt="d"),
    Readout(key="own_side_effects_at_pct", fmt="d"),
    Readout(key="window_width", fmt=".1f"),
)

PRESETS = (
    Preset(name="no_inhibitor", values={"inhibitor_dose": 0}),
    Preset(name="more_chemo_in_disguise", values={"inhibitor_dose": 4, "tumour_mdr1": "few", "other_resistance": "none",
                                                  "clearance_drop": 50, "inhibitor_toxicity": "dose_limiting",
                                                  "immune_weight": 0}),
    Preset(name="failed_trial", values={"inhibitor_dose": 4, "tumour_mdr1": "few", "other_resistance": "some",
                                        "clearance_drop": 10, "inhibitor_toxicity": "dose_limiting", "immune_weight": 0}),
    Preset(name="selected_trial", values={"inhibitor_dose": 2, "tumour_mdr1": "x10", "other_resistance": "some",
                                          "clearance_drop": 10, "inhibitor_toxicity": "dose_limiting",
                                          "immune_weight": 0}),
    Preset(name="hopeful_case", values={"inhibitor_dose": 2, "tumour_mdr1": "x40", "other_resistance": "none",
                                        "clearance_drop": 10, "inhibitor_toxicity": "dose_limiting", "immune_weight": 0}),
    Preset(name="high_dose", values={"inhibitor_dose": 10, "tumour_mdr1": "x40", "other_resistance": "none",
                                     "clearance_drop": 50, "inhibitor_toxicity": "dose_limiting", "immune_weight": 0}),
    Preset(name="immune_dependent", values={"inhibitor_dose": 4, "immune_weight": 1.0, "tumour_mdr1": "x10",
                                            "other_resistance": "none", "clearance_drop": 0,
                                            "inhibitor_toxicity": "none"}),
    Preset(name="immune_independent", values={"inhibitor_dose": 4, "immune_weight": 0.0, "tumour_mdr1": "x10",
                                              "other_resistance": "none", "clearance_drop": 0,
                                              "inhibitor_toxicity": "none"}),
)

# Prediction questions (words: predict.<name> in the strings file); retune them with the presets.
QUESTIONS = (
    Question(name="disguise_matched", preset="more_chemo_in_disguise", figure="outcome", glyph="matched_at_pct",
             answer="matched_at_pct", bounds=(0.0, 100.0), step=1.0),
    Question(name="failed_trial_control", preset="failed_trial", figure="outcome", glyph="control_at_pct",
             answer="control_at_pct", bounds=(0.0, 100.0), step=1.0),
    Question(name="high_dose_harm", preset="high_dose", figure="outcome", glyph="side_effects_at_pct",
             answer="side_effects_at_pct", bounds=(0.0, 100.0), step=1.0),
)

WIDGET = Widget(
    name="inhibitor_tradeoff",
    params=PARAMS,
    compute=model.compute,
    figures=(CHANGES_FIGURE, OUTCOME_FIGURE),
    readouts=READOUTS,
    presets=PRESETS,
    vectorised=True,
    coordinates=COORDINATES,
    from_coordinates=params_at,
    questions=QUESTIONS,
)
