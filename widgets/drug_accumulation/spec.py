"""Declaration of the drug_accumulation widget: controls, plots, readouts and presets (words in strings)."""

import numpy as np

from mdr_explainer.widgets.framework.params import Choice, Param, Preset
from mdr_explainer.widgets.framework.prediction import Question
from mdr_explainer.widgets.framework.spec import Coordinate, Figure, Glyph, Mechanism, Readout, Widget
from mdr_explainer.widgets.framework.palette import GREY, BLUE, VERMILLION

from . import model

PARAMS = (
    Param(name="mdr1_level", min=0.0, max=100.0, step=0.5, default=40.0),
    Param(name="inhibitor", min=0.0, max=10.0, step=0.5, default=0.0),
    Param(name="drug_outside", min=0.1, max=10.0, step=0.1, default=1.0, scale="log"),
    Choice(name="outside_profile", options=("constant", "falling"), default="constant"),
)

# The chosen cell sees the pump level and the inhibitor only through the pumping they leave,
# level / (1 + I/Ki) (Vmax / (1 + I/Ki), the kinetic form reported for tariquidar; ref key
# fox2007), so the static grid is laid along that quotient; the inhibitor alone sets the pump
# speed readout.
COORDINATES = (
    Coordinate(name="working_pumps", nodes=(0, 0.5, 1, 1.75, 2.5, 3.75, 5, 6.75, 8.75, 11.25, 14.5, 18, 22.5,
                                            27.5, 33.75, 40, 47.5, 55, 65, 75, 87.5, 100),
               numerator="mdr1_level", one_plus="inhibitor"),
    Coordinate(name="pump_speed", nodes=tuple(1.0 / (1.0 + 0.5 * k) for k in range(21)), one_plus="inhibitor"),
    Coordinate(name="drug_outside", nodes=tuple(float(v) for v in np.round(np.geomspace(0.1, 10.0, 21), 4)),
               numerator="drug_outside", scale="log"),
    Coordinate(name="outside_profile", nodes=(0.0, 1.0), numerator="outside_profile", discrete=True),
)


def params_at(working_pumps, pump_speed, drug_outside, outside_profile):
    """Slider values that give these grid coordinates (inverse of COORDINATES)."""
    inhibitor = 1.0 / pump_speed - 1.0
    return {"mdr1_level": working_pumps * (1.0 + inhibitor), "inhibitor": inhibitor,
            "drug_outside": drug_outside, "outside_profile": outside_profile}


FIGURES = (
    Figure(
        name="time", x_range=(0.01, 2880.0), y_range=(0.0, 105.0), x_scale="log",
        glyphs=(
            Glyph(kind="line", x="t", y="outside_pct", color=GREY, dash="dashed"),
            Glyph(kind="line", x="t", y="normal_pct", color=BLUE),
            Glyph(kind="line", x="t", y="cell_pct", color=VERMILLION, width=3.5),
        ),
    ),
    Figure(
        name="steady", x_range=(0.0, 100.0), y_range=(0.0, 105.0), height=220,
        glyphs=(
            Glyph(kind="line", x="level_axis", y="ratio_curve_pct", color=BLUE),
            Glyph(kind="points", x="working_pumps", y="ratio_cell_pct", color=VERMILLION, size=12),
        ),
    ),
)

READOUTS = (
    Readout(key="ratio_cell_pct", fmt="d"),
    Readout(key="ratio_normal_pct", fmt="d"),
    Readout(key="fold_lower", fmt=".1f", shown_if="fold_lower>=1"),
    Readout(key="fold_higher", fmt=".1f", shown_if="fold_lower<1"),
    Readout(key="pump_activity_pct", fmt="d"),
)

PRESETS = (
    Preset(name="normal_cell", values={"mdr1_level": 1, "inhibitor": 0, "drug_outside": 1, "outside_profile": "constant"}),
    Preset(name="mdr1_high", values={"mdr1_level": 40, "inhibitor": 0, "drug_outside": 1, "outside_profile": "constant"}),
    Preset(name="mdr1_high_inhibited", values={"mdr1_level": 40, "inhibitor": 4, "drug_outside": 1,
                                               "outside_profile": "constant"}),
    Preset(name="doxorubicin_pk", values={"mdr1_level": 40, "inhibitor": 0, "drug_outside": 2, "outside_profile": "falling"}),
)

# Prediction questions (words: predict.<name> in the strings file).
QUESTIONS = (
    Question(name="most_pumped", preset="mdr1_high", figure="steady", glyph="ratio_cell_pct", answer="ratio_cell_pct",
             bounds=(0.0, 100.0), step=1.0),
    Question(name="inhibited", preset="mdr1_high_inhibited", figure="steady", glyph="ratio_cell_pct",
             answer="ratio_cell_pct", bounds=(0.0, 100.0), step=1.0),
    Question(name="reference_cell", preset="normal_cell", figure="steady", glyph="ratio_cell_pct",
             answer="ratio_cell_pct", bounds=(0.0, 100.0), step=1.0),
)
# The cell beside the plot: molecules enter at the steady state's passive entry, and each one inside
# leaves by leaking out or through a pump at the model's per-molecule rates. One dot stands for
# 0.04 µM (drawing choice: about 25 dots in a pump-free cell at 1 µM, 250 at the 10 µM top).
MECHANISM = Mechanism(kind="cell", outputs=("entry_flux", "leak_flux", "pump_flux", "leak_per_molecule",
                                            "pump_per_molecule", "inside_cell_um", "pump_activity_pct"),
                      um_per_dot=0.04)

WIDGET = Widget(
    name="drug_accumulation",
    params=PARAMS,
    compute=model.compute,
    figures=FIGURES,
    readouts=READOUTS,
    presets=PRESETS,
    vectorised=True,
    coordinates=COORDINATES,
    from_coordinates=params_at,
    questions=QUESTIONS,
    mechanism=MECHANISM,
)
