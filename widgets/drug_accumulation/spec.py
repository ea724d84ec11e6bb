"""Declaration of the drug_accumulation widget: sliders, plots, readouts, sentence, presets."""

import numpy as np

from mdr_explainer.widgets.framework.params import Param, Preset
from mdr_explainer.widgets.framework.spec import Coordinate, Figure, Glyph, Readout, Widget
from mdr_explainer.widgets.framework.palette import GREY, BLUE, VERMILLION

from . import model

PARAMS = (
    Param("mdr1_level", "MDR1 pumps", "× the reference cell", 0.0, 100.0, 0.5, 40.0,
          "How many MDR1 pumps the chosen cell has, compared with a reference cell that has few "
          "(0 = none; many normal cells have almost none).",
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
# level / (1 + I/Ki) (Vmax / (1 + I/Ki), the kinetic form reported for tariquidar; ref key
# fox2007), so the static grid is laid along that quotient; the inhibitor alone sets the pump
# speed readout.
COORDINATES = (
    Coordinate("working_pumps", (0, 0.5, 1, 1.75, 2.5, 3.75, 5, 6.75, 8.75, 11.25, 14.5, 18, 22.5,
                                 27.5, 33.75, 40, 47.5, 55, 65, 75, 87.5, 100),
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
            Glyph("line", x="t", y="normal_pct", label="Reference cell (few pumps), no inhibitor", color=BLUE),
            Glyph("line", x="t", y="cell_pct", label="Chosen cell", color=VERMILLION, width=3.5),
        ),
    ),
    Figure(
        name="steady", title="At steady state: drug kept inside",
        x_label="Working pumps: MDR1 level ÷ (1 + inhibitor/Ki)", y_label="Inside ÷ outside (%)",
        x_range=(0.0, 100.0), y_range=(0.0, 105.0), height=220,
        glyphs=(
            Glyph("line", x="level_axis", y="ratio_curve_pct", label="Any amount of pumping", color=BLUE),
            Glyph("points", x="working_pumps", y="ratio_cell_pct", label="Chosen cell", color=VERMILLION, size=12),
        ),
    ),
)

READOUTS = (
    Readout("ratio_cell_pct", "Chosen cell keeps", "d", "% of the outside drug"),
    Readout("ratio_normal_pct", "The reference cell (few pumps) keeps", "d", "% of the outside drug"),
    Readout("fold_lower", "Reference cell ÷ chosen cell", ".1f", " times the drug"),
    Readout("pump_activity_pct", "Pump speed left", "d", "%"),
)

SENTENCE = (
    "At steady state the chosen cell, with {mdr1_level} times the reference cell's number of MDR1 "
    "pumps working at {pump_activity_pct:d}% speed, keeps {ratio_cell_pct:d}% of the outside drug; "
    "the reference cell, which has few pumps, keeps {ratio_normal_pct:d}% without inhibitor, so the chosen cell holds "
    "{?fold_lower>=1.05|{fold_lower:.1f} times less drug|about as much drug}."
)

PRESETS = (
    Preset("normal_cell", "The reference cell (few pumps)", {"mdr1_level": 1, "inhibitor": 0, "drug_outside": 1, "outside_profile": 0}),
    Preset("mdr1_high", "A cancer cell with 40× the reference cell's pumps", {"mdr1_level": 40, "inhibitor": 0, "drug_outside": 1, "outside_profile": 0}),
    Preset("mdr1_high_inhibited", "The same cell with an inhibitor at 4× Ki", {"mdr1_level": 40, "inhibitor": 4, "drug_outside": 1, "outside_profile": 0}),
    Preset("doxorubicin_pk", "Falling doxorubicin-like plasma level", {"mdr1_level": 40, "inhibitor": 0, "drug_outside": 2, "outside_profile": 1}),
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
