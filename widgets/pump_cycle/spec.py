"""Declaration of the pump_cycle widget: controls, diagram, readouts and presets (words in strings)."""

import math

from mdr_explainer.widgets.framework.prediction import Question
from mdr_explainer.widgets.framework.palette import BLACK, BLUE, GREEN, GREY, ORANGE, PURPLE, SKY, VERMILLION, YELLOW
from mdr_explainer.widgets.framework.params import Choice, Param, Preset
from mdr_explainer.widgets.framework.spec import Figure, Glyph, Mechanism, Readout, Widget

from . import geometry, model

PARAMS = (
    Param(name="step", min=0, max=13, step=1, default=0, fmt="d"),
    Choice(name="inhibitor", options=("off", "on"), default="off"),
)


def label(name: str, color: str = GREY, size: float = 10, alpha: str = "", key: str = "") -> Glyph:
    """A fixed text label at its place in the diagram (its words: figures.cycle.labels.<key>)."""
    x, y = geometry.LABELS[name]
    return Glyph(kind="text", x=x, y=y, key=key or name, color=color, size=size, alpha=alpha)


FIGURES = (
    Figure(
        name="cycle", x_range=geometry.X_RANGE, y_range=geometry.Y_RANGE, axes=False, height=440,
        legend="bottom_right",
        glyphs=(
            Glyph(kind="band", x="membrane_x", y="outer_leaflet_bottom", y2="outer_leaflet_top", key="outer_leaflet",
                  color=ORANGE),
            Glyph(kind="band", x="membrane_x", y="inner_leaflet_bottom", y2="inner_leaflet_top", key="inner_leaflet",
                  color=YELLOW),
            Glyph(kind="line", x="membrane_x", y="midplane_y", color=GREY, dash="dotted", width=1.0),
            label("outside", size=11),
            label("inside", size=11),
            Glyph(kind="patch", x="left_x", y="left_y", color=BLUE),
            Glyph(kind="patch", x="right_x", y="right_y", color=SKY),
            Glyph(kind="points", x="atp_x", y="atp_y", alpha="atp_alpha", color=GREEN, size=13),
            Glyph(kind="points", x="adp_x", y="adp_y", alpha="adp_alpha", color=GREEN, size=9),
            Glyph(kind="points", x="phosphate_x", y="phosphate_y", alpha="adp_alpha", color=PURPLE, size=7),
            Glyph(kind="points", x="drug_x", y="drug_y", alpha="drug_alpha", color=VERMILLION, size=16),
            Glyph(kind="points", x="inhibitor_x", y="inhibitor_y", alpha="inhibitor_alpha", color=BLACK, size=12),
        ),
    ),
)

READOUTS = (
    Readout(key="stage", fmt="d"),
    Readout(key="atp_spent", fmt="d"),
    Readout(key="drugs_moved", fmt="d"),
    Readout(key="atp_per_drug", fmt=".1f"),
)

PRESETS = (
    Preset(name="inward_open", values={"step": 0, "inhibitor": "off"}),
    Preset(name="atp_bound", values={"step": 2, "inhibitor": "off"}),
    Preset(name="occluded", values={"step": 3, "inhibitor": "off"}),
    Preset(name="inhibited", values={"step": 3, "inhibitor": "on"}),
)

# Prediction questions (words: predict.<name> in the strings file). Each is answered after the
# reader steps on: the answer is read at answer_at (one full cycle, or two).
COUNT_CHOICES = (("none", 0.5), ("one", 1.5), ("two", 2.5), ("more", math.inf))
QUESTIONS = (
    Question(name="atp_per_drug", preset="inward_open", answer="atp_per_drug", answer_at={"step": 6},
             choices=COUNT_CHOICES),
    Question(name="inhibited_moves", preset="inhibited", answer="drugs_moved", answer_at={"step": 13},
             choices=COUNT_CHOICES),
)
# The cycle beside the diagram: the seven stages in order, turning at the model's pace from the
# stage the step slider shows, and not at all when the inhibitor stalls the pump.
MECHANISM = Mechanism(kind="cycle", outputs=("state", "stalled", "stages_per_second", "turns_per_minute",
                                             "drugs_per_minute", "atp_per_minute"),
                      stages=tuple(s.name for s in model.STATES) + (model.STALLED.name,))

WIDGET = Widget(
    name="pump_cycle",
    params=PARAMS,
    compute=model.compute,
    figures=FIGURES,
    readouts=READOUTS,
    presets=PRESETS,
    questions=QUESTIONS,
    mechanism=MECHANISM,
)
