"""Declaration of the inhibitor_tradeoff widget: sliders, plots, readouts, sentence, presets."""

import numpy as np

from mdr_explainer.widgets.framework.palette import BLACK, BLUE, GREEN, ORANGE, VERMILLION
from mdr_explainer.widgets.framework.params import Param, Preset
from mdr_explainer.widgets.framework.spec import Coordinate, Figure, Glyph, Readout, Widget

from . import model

# Top of the outcome plot's y axis (%); the window shading reaches it. Above 100% the plot is
# empty, which leaves room for the legend.
OUTCOME_TOP_PCT = 150.0
# Where the labels of the two horizontal lines sit: dose (× Ki) and % above each line.
LABEL_DOSE, LABEL_LIFT_PCT = 8.8, 3.5


def compute(**params):
    """Model outputs plus the view's fixed extras: useful-window shading heights and line-label positions."""
    out = model.compute(**params)
    shape = np.shape(out["window_low"])
    out["window_y0"] = np.zeros(shape + (4,))
    out["window_y1"] = np.broadcast_to([0.0, OUTCOME_TOP_PCT, OUTCOME_TOP_PCT, 0.0], shape + (4,))
    out["label_x"] = np.full(shape, LABEL_DOSE)
    out["control_zero_label_y"] = out["control_zero_pct"] + LABEL_LIFT_PCT
    out["limit_label_y"] = out["side_effects_limit_pct"] + LABEL_LIFT_PCT
    return out


PARAMS = (
    Param("inhibitor_dose", "Inhibitor dose", "× its Ki", 0.0, 10.0, 0.1, 1.0,
          "Inhibitor dose as a multiple of its Ki; at 1 × Ki the pumps work at half speed."),
    Param("immune_weight", "How much tumour control depends on immunity (what-if)", "", 0.0, 1.0, 0.25, 0.0,
          "Share of the treatment's effect that needs working CD8 T cells to finish the job "
          "(0 = none, the default; 1 = all). Nobody has measured this for a real tumour, and the "
          "T-cell effect behind it was seen in mice.", fmt="pct"),
    Param("tumour_mdr1", "MDR1 pumps in the tumour cells", "", 0.0, 4.0, 1.0, 1.0,
          "How many MDR1 pumps the tumour cells carry, compared with a reference cell that has few. "
          "Many patients' tumours carry few.",
          options=("None", "Few (1×, the reference cell)", "10×", "40×", "100×")),
    Param("clearance_drop", "Slower chemo clearance at full pump block", "% less clearance", 0.0, 60.0, 5.0, 50.0,
          "How much the body's removal of the chemotherapy slows when the inhibitor blocks MDR1 fully. "
          "About 50% with valspodar and doxorubicin; little with later inhibitors."),
    Param("inhibitor_toxicity", "The inhibitor's own side effects", "", 0.0, 1.0, 1.0, 1.0,
          "Real inhibitors had side effects of their own that limited their dose (verapamil's "
          "heart effects, for example); an ideal inhibitor would have none.",
          options=("None (an ideal inhibitor)", "Dose-limiting, like real inhibitors")),
)

# The model sees the inhibitor dose through the pump activity it leaves, 1 / (1 + I/Ki), and is
# smooth in it; its nodes are packed towards full block, where exposure climbs fastest. The
# other sliders snap (options and 5% steps) or have a node at every slider step.
ACTIVITY_NODES = 1 / 11 + (1 - 1 / 11) * np.linspace(0.0, 1.0, 21) ** 2
COORDINATES = (
    Coordinate("pump_activity", tuple(float(v) for v in ACTIVITY_NODES), one_plus="inhibitor_dose"),
    Coordinate("immune_weight", tuple(float(v) for v in PARAMS[1].slider_values()), numerator="immune_weight"),
    Coordinate("tumour_mdr1", (0.0, 1.0, 2.0, 3.0, 4.0), numerator="tumour_mdr1", discrete=True),
    Coordinate("clearance_drop", tuple(float(v) for v in PARAMS[3].slider_values()), numerator="clearance_drop",
               discrete=True),
    Coordinate("inhibitor_toxicity", (0.0, 1.0), numerator="inhibitor_toxicity", discrete=True),
)


def params_at(pump_activity, immune_weight, tumour_mdr1, clearance_drop, inhibitor_toxicity):
    """Slider values that give these grid coordinates (inverse of COORDINATES)."""
    return {"inhibitor_dose": 1.0 / pump_activity - 1.0, "immune_weight": immune_weight,
            "tumour_mdr1": tumour_mdr1, "clearance_drop": clearance_drop,
            "inhibitor_toxicity": inhibitor_toxicity}


CHANGES_FIGURE = Figure(
    name="changes", title="What the inhibitor changes",
    x_label="Inhibitor dose (× Ki)", y_label="× the value without inhibitor",
    x_range=(0.0, 10.0), y_range=(0.0, 10.0), height=280,
    glyphs=(
        Glyph("line", x="dose_axis", y="inside_fold_curve", label="Drug inside tumour cells", color=VERMILLION,
              width=3.0),
        Glyph("line", x="dose_axis", y="exposure_fold_curve", label="Chemo exposure in the body (AUC)",
              color=ORANGE),
        Glyph("line", x="dose_axis", y="tcell_curve", label="CD8 T-cell function (a finding in mice)",
              color=GREEN, dash="dashed"),
        Glyph("vline", x="inhibitor_dose", color=BLACK, dash="dotted", width=1.5),
        Glyph("points", x="inhibitor_dose", y="inside_fold_at", color=VERMILLION),
        Glyph("points", x="inhibitor_dose", y="exposure_fold_at", color=ORANGE),
        Glyph("points", x="inhibitor_dose", y="tcell_at", color=GREEN),
    ),
    legend="top_left",
)

OUTCOME_FIGURE = Figure(
    name="outcome", title="Tumour control and side effects: is there a useful window?",
    x_label="Inhibitor dose (× Ki)", y_label="%",
    x_range=(0.0, 10.0), y_range=(0.0, OUTCOME_TOP_PCT), height=320,
    glyphs=(
        Glyph("band", x="window_x", y="window_y0", y2="window_y1",
              label="Useful window: at least 5 more cells killed per 100, side effects within the limit", color=GREEN),
        Glyph("line", x="dose_axis", y="control_curve_pct", label="Tumour control (cells killed per course)",
              color=BLUE, width=3.0),
        Glyph("line", x="dose_axis", y="side_effects_curve_pct", label="Severe side effects: chemo and inhibitor (teaching curve)",
              color=VERMILLION),
        Glyph("hline", y="control_zero_pct", color=BLUE, dash="dotted", width=1.5),
        Glyph("hline", y="side_effects_limit_pct", color=VERMILLION, dash="dashed", width=1.5),
        Glyph("text", x="label_x", y="control_zero_label_y", text="control without inhibitor", color=BLUE, size=9),
        Glyph("text", x="label_x", y="limit_label_y", text="side-effect limit (30%)", color=VERMILLION, size=9),
        Glyph("vline", x="inhibitor_dose", color=BLACK, dash="dotted", width=1.5),
        Glyph("points", x="inhibitor_dose", y="control_at_pct", color=BLUE),
        Glyph("points", x="inhibitor_dose", y="side_effects_at_pct", color=VERMILLION),
    ),
    legend="top_left",
)

READOUTS = (
    Readout("pump_activity_pct", "Tumour pumps still working", "d", "% of full speed"),
    Readout("inside_fold_at", "Drug inside tumour cells", ".1f", " × no inhibitor"),
    Readout("exposure_fold_at", "Chemo exposure in the body", ".2f", " × no inhibitor"),
    Readout("tcell_at_pct", "CD8 T-cell function (effect seen in mice; size a teaching choice)", "d", "% of normal"),
    Readout("control_at_pct", "Tumour control", "d", "% of cells per course"),
    Readout("control_zero_pct", "Tumour control without inhibitor", "d", "% of cells per course"),
    Readout("side_effects_at_pct", "Chance of severe side effects (teaching curve)", "d", "%"),
    Readout("own_side_effects_at_pct", "Of which from the inhibitor itself", "d", "% chance"),
    Readout("window_width", "Width of the useful dose window", ".1f", " × Ki"),
)

SENTENCE = (
    "{?inhibitor_dose>0|At {inhibitor_dose:.1f} × Ki the tumour's pumps work at {pump_activity_pct:d}% "
    "speed, so tumour cells hold {inside_fold_at:.1f} times the drug they hold without inhibitor, and "
    "{?exposure_fold_at>1.005|slower clearance raises chemotherapy exposure in the whole body "
    "{exposure_fold_at:.2f}-fold|chemotherapy exposure in the body is unchanged}"
    "{?immune_weight>0|; in this what-if, CD8 T-cell function falls to {tcell_at_pct:d}% of normal (an effect "
    "seen in mice; its size here is a teaching choice)|}.|Without inhibitor the pumps work at full speed.} "
    "The chance of severe side effects is {side_effects_at_pct:d}% (limit 30%)"
    "{?own_side_effects_at_pct>0.5|, including the inhibitor's own side effects|}. "
    "{?immune_weight>0|With {immune_weight:pct} of tumour control relying on immunity, one|One} "
    "course kills {control_at_pct:d}% of tumour cells, against {control_zero_pct:d}% without inhibitor. "
    "{?window_width>0.05|A useful window (at least 5 more cells killed per 100, side effects within the "
    "limit) runs from {window_low:.1f} to {window_high:.1f} × Ki"
    "{?inhibitor_dose>window_high|; the chosen dose lies above it|}"
    "{?inhibitor_dose<window_low|; the chosen dose lies below it|}.|"
    "No dose kills at least 5 more tumour cells per 100 while keeping side effects within the limit.} "
    "This model leaves out resistance that does not involve the pump, tumours whose cells differ, "
    "and how long anyone lives; it was not fitted to any trial."
)

PRESETS = (
    Preset("no_inhibitor", "No inhibitor: chemotherapy alone", {"inhibitor_dose": 0}),
    Preset("failed_trial", "Like the failed trials: a tumour that resists without pumps, an inhibitor with its own side effects",
           {"inhibitor_dose": 4, "tumour_mdr1": 0, "clearance_drop": 10, "inhibitor_toxicity": 1, "immune_weight": 0}),
    Preset("hopeful_case", "The hoped-for case: a pump-rich tumour and an inhibitor that barely slows chemo clearance",
           {"inhibitor_dose": 2, "tumour_mdr1": 3, "clearance_drop": 10, "inhibitor_toxicity": 1, "immune_weight": 0}),
    Preset("high_dose", "A high dose of a valspodar-like inhibitor that halves chemo clearance",
           {"inhibitor_dose": 10, "tumour_mdr1": 3, "clearance_drop": 50, "inhibitor_toxicity": 1, "immune_weight": 0}),
    Preset("immune_dependent", "What-if: a tumour with few pumps whose control relies on T cells (mouse-based)",
           {"inhibitor_dose": 4, "immune_weight": 1.0, "tumour_mdr1": 1, "clearance_drop": 0, "inhibitor_toxicity": 0}),
    Preset("immune_independent", "The same tumour when T cells play no part",
           {"inhibitor_dose": 4, "immune_weight": 0.0, "tumour_mdr1": 1, "clearance_drop": 0, "inhibitor_toxicity": 0}),
)

WIDGET = Widget(
    name="inhibitor_tradeoff",
    title="Blocking the pump: what an inhibitor buys and what it costs",
    summary="An MDR1 inhibitor raises drug in tumour cells, but also chemo exposure in the body, "
            "and may weaken killer T cells.",
    params=PARAMS,
    compute=compute,
    figures=(CHANGES_FIGURE, OUTCOME_FIGURE),
    readouts=READOUTS,
    sentence=SENTENCE,
    presets=PRESETS,
    extra={"vectorised": True},
    coordinates=COORDINATES,
    from_coordinates=params_at,
)
