"""Declaration of the tumor_evolution widget: sliders, plots, readouts, sentence, presets."""

import numpy as np

from mdr_explainer.widgets.framework.palette import BLACK, BLUE, GREY, VERMILLION
from mdr_explainer.widgets.framework.params import Param, Preset
from mdr_explainer.widgets.framework.spec import Figure, Glyph, Readout, Widget

from . import model

# Top of the time plot's y axis (% of the space); the drug shading reaches it. Above 100% the
# plot is empty, which leaves room for the legend.
TIME_TOP_PCT = 160.0
# Where the labels of the three horizontal lines sit: day, and % above (+) or below (-) each line.
# Near the right edge the curves have settled at 0 or 100%, or swing between the pause and restart
# lines, so the labels sit above the two upper lines and below the pause line.
LABEL_DAY = 1560.0
LABEL_LIFT_PCT = {"progression": 3.5, "start": 3.5, "pause": -3.5}


def compute(**params):
    """Model outputs plus the view's fixed extras: drug shading heights and line-label positions."""
    out = model.compute(**params)
    shape = np.shape(out["ttp_continuous"])
    edges = out["drug_x"].shape[-1]
    out["drug_low"] = np.zeros(shape + (edges,))
    out["drug_high"] = np.broadcast_to(np.tile([0.0, TIME_TOP_PCT, TIME_TOP_PCT, 0.0], edges // 4), shape + (edges,))
    out["label_x"] = np.full(shape, LABEL_DAY)
    for line in ("progression", "start", "pause"):
        out[f"{line}_label_y"] = out[f"{line}_line_pct"] + LABEL_LIFT_PCT[line]
    return out


# Cost, competition and starting share change where the drug is switched on and off, so the
# curves jump between neighbouring settings: these sliders snap to a few steps instead of
# interpolating. Only the mutation rate (a smooth curve) interpolates.
PARAMS = (
    Param("strategy", "Dosing shown in the plot", "", 0.0, 1.0, 1.0, 0.0,
          "Which strategy the top plot shows; the readouts always show both.",
          options=("Continuous maximum dose", "Adaptive on/off")),
    Param("resistance_cost", "Cost of resistance", "% slower growth", 0.0, 40.0, 10.0, 20.0,
          "How much slower resistant cells grow than sensitive cells when there is room: the price "
          "of running the resistance machinery."),
    Param("competition", "How strongly sensitive cells hold back resistant cells", "", 0.0, 4.0, 1.0, 2.0,
          "The competition coefficient: how much one sensitive cell crowds a resistant cell, "
          "compared with another resistant cell.",
          options=("None (0)", "Weak (0.5)", "Equal (1)", "Strong (2)", "Very strong (6, fitted in a prostate pilot)")),
    Param("resistant_start", "Resistant cells when treatment starts", "", 0.0, 2.0, 1.0, 1.0,
          "How common resistant cells are before the first dose.",
          options=("1 in 1,000", "1 in 100", "1 in 10")),
    Param("log10_mutation_rate", "Mutation rate to resistance (power of ten)", "per cell division, as 10^x",
          -8.0, -4.0, 0.1, -6.0,
          "Chance per cell division of a change that makes the cell resistant, as a power of ten: "
          "-6 means one in a million.", fmt=".1f"),
)

TIME_FIGURE = Figure(
    name="time", title="Sensitive and resistant cells during treatment",
    x_label="Days from the start of treatment",
    y_label="Cells (% of the space the tumour can fill)",
    x_range=(0.0, model.HORIZON_DAYS), y_range=(0.0, TIME_TOP_PCT), height=400,
    glyphs=(
        Glyph("band", x="drug_x", y="drug_low", y2="drug_high", label="Drug given", color=GREY),
        Glyph("line", x="day", y="total_pct", label="All tumour cells", color=BLACK, width=2.0),
        Glyph("line", x="day", y="sensitive_pct", label="Drug-sensitive cells", color=BLUE),
        Glyph("line", x="day", y="resistant_pct", label="Resistant cells", color=VERMILLION, width=3.5),
        Glyph("hline", y="progression_line_pct", color=GREY, dash="dashed", width=1.5),
        Glyph("hline", y="start_line_pct", color=GREY, dash="dotted", width=1.5),
        Glyph("hline", y="pause_line_pct", color=GREY, dash="dotted", width=1.5),
        Glyph("text", x="label_x", y="progression_label_y", text="progression line (1.2 × start)", color=GREY, size=9),
        Glyph("text", x="label_x", y="start_label_y", text="start level: adaptive restarts", color=GREY, size=9),
        Glyph("text", x="label_x", y="pause_label_y", text="half of start: adaptive pauses", color=GREY, size=9),
    ),
    legend="top_left",
)

GOLDIE_COLDMAN_FIGURE = Figure(
    name="goldie_coldman", title="Goldie–Coldman: does a resistant cell already exist?",
    x_label="Tumour size (number of cells, log scale)",
    y_label="Chance of at least one resistant cell",
    x_range=(1e2, 1e12), y_range=(0.0, 1.05), x_scale="log", height=240,
    glyphs=(
        Glyph("line", x="gc_cells", y="gc_probability", label="1 − exp(−α(N − 1)), the commonly quoted form",
              color=BLUE),
        Glyph("vline", x="gc_marker_cells", label="N = 1/α", color=GREY, dash="dashed", width=1.5),
        Glyph("points", x="gc_marker_cells", y="gc_marker_probability", label="At N = 1/α: 1 − 1/e ≈ 0.63",
              color=VERMILLION, size=11),
    ),
    legend="bottom_right",
)

READOUTS = (
    Readout("ttp_continuous", "Continuous: days to progression (1800 = none in the plot)", "d", " days"),
    Readout("drug_continuous", "Continuous: drug given until then", "d", " days at full dose"),
    Readout("ttp_adaptive", "Adaptive: days to progression (1800 = none in the plot)", "d", " days"),
    Readout("drug_adaptive", "Adaptive: drug given until then", "d", " days at full dose"),
    Readout("drug_share_adaptive_pct", "Adaptive: share of days on drug", "d", "%"),
    Readout("resistant_share_end", "Resistant share on the last day (strategy shown)", "pct", ""),
    Readout("gc_marker_cells", "Goldie–Coldman: size where the chance of a resistant cell reaches 63%", "sci",
            " cells"),
)

SENTENCE = (
    "The plot shows {?strategy>=0.5|adaptive on/off dosing|continuous maximum dosing}. "
    "With continuous maximum dosing the tumour "
    "{?progressed_continuous>=0.5|progresses after {ttp_continuous:d} days|does not progress within "
    "{horizon_days:d} days}, using {drug_continuous:d} days of drug. "
    "With adaptive on/off dosing it "
    "{?progressed_adaptive>=0.5|progresses after {ttp_adaptive:d} days|does not progress within "
    "{horizon_days:d} days}, using {drug_adaptive:d} days of drug (on drug {drug_share_adaptive_pct:d}% "
    "of the time). On the last day {resistant_share_end:pct} of the cells shown are resistant. "
    "With a mutation rate of {mutation_rate:sci} per division, the commonly quoted Goldie–Coldman form "
    "gives a {gc_reference_probability:pct} chance that a tumour of 10⁹ cells already holds a resistant "
    "cell; the chance passes 63% near {gc_marker_cells:sci} cells."
)

PRESETS = (
    Preset("continuous_dosing", "Continuous maximum dose: the resistant cells take over",
           {"strategy": 0, "resistance_cost": 20, "competition": 2, "resistant_start": 1}),
    Preset("adaptive_dosing", "Adaptive on/off dosing: sensitive cells keep resistant cells in check",
           {"strategy": 1, "resistance_cost": 20, "competition": 2, "resistant_start": 1}),
    Preset("no_cost", "No cost of resistance: competition alone still helps adaptive dosing",
           {"strategy": 1, "resistance_cost": 0, "competition": 2, "resistant_start": 1}),
    Preset("goldie_coldman", "Goldie–Coldman: one resistant cell per million divisions",
           {"log10_mutation_rate": -6}),
)

WIDGET = Widget(
    name="tumor_evolution",
    title="Why killing every sensitive cell can backfire",
    summary="Drug-sensitive and resistant tumour cells compete for space under continuous or on/off dosing.",
    params=PARAMS,
    compute=compute,
    figures=(TIME_FIGURE, GOLDIE_COLDMAN_FIGURE),
    readouts=READOUTS,
    sentence=SENTENCE,
    presets=PRESETS,
    extra={"vectorised": True},
)
