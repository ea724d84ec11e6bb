"""Declaration of the drug_accumulation widget: sliders, plots, readouts, sentence, presets."""

import numpy as np

from mdr_explainer.widgets.framework.params import Param, Preset
from mdr_explainer.widgets.framework.spec import Coordinate, Figure, Glyph, Readout, Widget
from mdr_explainer.widgets.framework.palette import GREY, BLUE, VERMILLION

from . import model

PARAMS = (
    Param("mdr1_level", "MDR1 pumps", "× a normal cell", 0.0, 20.0, 0.5, 10.0,
          "How many MDR1 pumps the chosen cell has, compared with a normal cell (0 = none).",
          ),
    Param("inhibitor", "Pump inhibitor", "× its Ki", 0.0, 10.0, 0.5, 0.0,
          "Inhibitor dose as a multiple of its Ki; at 1 × Ki the pumps work at half speed.",
          ),
    Param("drug_outside", "Drug outside the cell", "µM (peak)", 0.1, 10.0, 0.1, 1.0,
          "Drug level bathing the cell; with a falling profile this is the starting peak.",
          scale="log"),
    Param("outside_profile", "Drug level outside", "", 0.0, 1.0, 1.0, 0.0,
          "Keep the outside level constant, or let it fall like doxorubicin in blood plasma.",
          options=("Constant", "Falls like doxorubicin in plasma")),
)

# The chosen cell sees the pump level and the inhibitor only through the pumping they leave,
# level / (1 + I/Ki) (noncompetitive inhibition, FACTS §3.11), so the static grid is laid
# along that quotient; the inhibitor alone sets the pump speed readout.
COORDINATES = (
    Coordinate("working_pumps", (0, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.35, 1.75, 2.25, 2.9, 3.6, 4.5,
                                 5.5, 6.75, 8, 9.5, 11, 13, 15, 17.5, 20),
               numerator="mdr1_level", one_plus="inhibitor"),
    Coordinate("pump_speed", tuple(1.0 / (1.0 + 0.5 * k) for k in range(21)), one_plus="inhibitor"),
    Coordinate("drug_outside", tuple(float(v) for v in np.round(np.geomspace(0.1, 10.0, 21), 4)),
               numerator="drug_outside", scale="log"),
    Coordinate("outside_profile", (0.0, 1.0), numerator="outside_profile", discrete=True),
)


def params_at(working_pumps, pump_speed, drug_outside, outside_profile):
    """Slider values that give these grid coordinates (inverse of COORDINATES)."""
    inhibitor = 1.0 / pump_speed - 1.0
    return {"mdr1_level": working_pumps * (1.0 + inhibitor), "inhibitor": inhibitor,
            "drug_outside": drug_outside, "outside_profile": outside_profile}


FIGURES = (
    Figure(
        name="time", title="Drug inside one cell over time",
        x_label="Time after the drug arrives (minutes, log scale)",
        y_label="Drug (% of the peak outside level)",
        x_range=(0.01, 2880.0), y_range=(0.0, 105.0), x_scale="log",
        glyphs=(
            Glyph("line", x="t", y="outside_pct", label="Outside the cell", color=GREY, dash="dashed"),
            Glyph("line", x="t", y="normal_pct", label="Normal cell, no inhibitor", color=BLUE),
            Glyph("line", x="t", y="cell_pct", label="Chosen cell", color=VERMILLION, width=3.5),
        ),
    ),
    Figure(
        name="steady", title="At steady state: drug kept inside",
        x_label="Working pumps: MDR1 level ÷ (1 + inhibitor/Ki)", y_label="Inside ÷ outside (%)",
        x_range=(0.0, 20.0), y_range=(0.0, 105.0), height=220,
        glyphs=(
            Glyph("line", x="level_axis", y="ratio_curve_pct", label="Any amount of pumping", color=BLUE),
            Glyph("points", x="working_pumps", y="ratio_cell_pct", label="Chosen cell", color=VERMILLION, size=12),
        ),
    ),
)

READOUTS = (
    Readout("ratio_cell_pct", "Chosen cell keeps", "d", "% of the outside drug"),
    Readout("ratio_normal_pct", "A normal cell keeps", "d", "% of the outside drug"),
    Readout("fold_lower", "Normal cell ÷ chosen cell", ".1f", " times the drug"),
    Readout("pump_activity_pct", "Pump speed left", "d", "%"),
)

SENTENCE = (
    "At steady state the chosen cell, with {mdr1_level} times the normal number of MDR1 pumps "
    "working at {pump_activity_pct:d}% speed, keeps {ratio_cell_pct:d}% of the outside drug; "
    "a normal cell without inhibitor keeps {ratio_normal_pct:d}%, so the chosen cell holds "
    "{?fold_lower>=1.05|{fold_lower:.1f} times less drug|about as much drug}."
)

PRESETS = (
    Preset("normal_cell", "A normal cell", {"mdr1_level": 1, "inhibitor": 0, "drug_outside": 1, "outside_profile": 0}),
    Preset("mdr1_high", "A cancer cell with 10× the pumps", {"mdr1_level": 10, "inhibitor": 0, "drug_outside": 1, "outside_profile": 0}),
    Preset("mdr1_high_inhibited", "The same cell with an inhibitor at 4× Ki", {"mdr1_level": 10, "inhibitor": 4, "drug_outside": 1, "outside_profile": 0}),
    Preset("doxorubicin_pk", "Falling doxorubicin-like plasma level", {"mdr1_level": 10, "inhibitor": 0, "drug_outside": 2, "outside_profile": 1}),
)

WIDGET = Widget(
    name="drug_accumulation",
    title="How much drug stays inside a cell?",
    summary="Drug leaks into one cell on its own while MDR1 pumps push it back out.",
    params=PARAMS,
    compute=model.compute,
    figures=FIGURES,
    readouts=READOUTS,
    sentence=SENTENCE,
    presets=PRESETS,
    extra={"vectorised": True},
    coordinates=COORDINATES,
    from_coordinates=params_at,
)
