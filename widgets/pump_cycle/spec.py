"""Declaration of the pump_cycle widget: controls, diagram, readouts, words and presets."""

from mdr_explainer.widgets.framework.params import Param, Preset
from mdr_explainer.widgets.framework.spec import Figure, Glyph, Readout, Widget
from mdr_explainer.widgets.framework.palette import BLACK, BLUE, GREEN, GREY, ORANGE, PURPLE, SKY, VERMILLION, YELLOW

from . import geometry, model

PARAMS = (
    Param("step", "Step through the cycle", "", 0, 13, 1, 0,
          "Each step moves the pump one stage on; 14 steps run the cycle twice.", fmt="d"),
    Param("inhibitor", "Pump inhibitor", "", 0, 1, 1, 0,
          "Add an inhibitor: it sits in the drug pocket and the tunnel next to it, so the drug "
          "cannot get in and the cycle does not start.",
          options=("Off", "On")),
)

# What the reader is told at each stage (keyed by PumpState.caption). Text only; the model
# decides which stage is on show.
CAPTIONS = {
    "inward_open": ("The pump faces inward: its drug pocket is open to the inside of the cell "
                    "and to the inner layer of the membrane, and its two ATP-binding parts (NBDs) "
                    "sit apart"),
    "drug_enters": "A drug molecule slips from the inner layer of the membrane into the pocket",
    "atp_binds": "Two ATP molecules bind, one at each NBD",
    "occluded": ("The NBDs clamp together around the ATP and the pocket closes on both sides: "
                 "the drug is shut in, open neither to the inside nor to the outside"),
    "outward_facing": "The pump opens to face outward, opening the pocket to the outside",
    "drug_released": "The drug is let go outside the cell",
    "atp_split_reset": ("The ATP is split; ADP and phosphate leave, and the pump resets to "
                        "face inward"),
    "stalled": ("Inhibitor molecules fill the drug pocket and the tunnel next to it, so the drug "
                "cannot get in: it stays in the membrane, inside the cell, the cycle does not "
                "start and the counts stop"),
}
# Short stage titles drawn above the diagram.
TITLES = {
    "inward_open": "1. Facing inward",
    "drug_enters": "2. Drug enters the pocket",
    "atp_binds": "3. Two ATP bind",
    "occluded": "4. NBDs close, pocket sealed",
    "outward_facing": "5. Pump opens outward",
    "drug_released": "6. Drug released outside",
    "atp_split_reset": "7. ATP split, pump resets",
    "stalled": "Blocked: inhibitor in the pocket",
}


def stage_flags() -> list[tuple[str, str]]:
    """(flag output, caption key) for every stage, the stalled one last."""
    flags = [(f"show_state_{i}", s.caption) for i, s in enumerate(model.STATES)]
    return flags + [("show_stalled", model.STALLED.caption)]


# Flag of the stage at which a drug has just left but its ATP is not yet split.
JUST_RELEASED = f"show_state_{[s.name for s in model.STATES].index('drug_released')}"
# One flat conditional clause per stage: exactly one flag is 1, so exactly one caption is read.
# (Flat rather than nested, so every key the sentence tests sits in an innermost placeholder.)
SENTENCE = (
    "Cycle {cycle:d}, stage {stage:d} of 7. "
    "{?inhibitor>0.5|An inhibitor is present. |}"
    + "".join(f"{{?{flag}>0.5|{CAPTIONS[key]}. |}}" for flag, key in stage_flags())
    + "So far the pump has split {atp_spent:d} ATP and moved {drugs_moved:d} drug "
    "molecule{?drugs_moved<0.5|s|{?drugs_moved>1.5|s|}} out of the cell"
    "{?drugs_moved>0.5|, {atp_per_drug:.1f} ATP per drug moved"
    "{?" + JUST_RELEASED + ">0.5| (the ATP for the drug just let go is split at the next stage)|}"
    "| (no drug moved yet, so ATP per drug is shown as 0)}."
)


def stage_title_glyphs() -> tuple[Glyph, ...]:
    """One title per stage, each shown only while its stage is on show."""
    return tuple(Glyph("text", x="label_stage_x", y="label_stage_y", text=TITLES[key], alpha=flag,
                       color=VERMILLION if key == model.STALLED.caption else BLACK, size=13)
                 for flag, key in stage_flags())


def label(name: str, text: str, color: str = GREY, size: float = 10, alpha: str = "") -> Glyph:
    """A fixed text label at its place in the diagram."""
    return Glyph("text", x=f"label_{name}_x", y=f"label_{name}_y", text=text, color=color,
                 size=size, alpha=alpha)


FIGURES = (
    Figure(
        name="cycle", title="One P-glycoprotein pump in the cell membrane",
        x_label="", y_label="", x_range=geometry.X_RANGE, y_range=geometry.Y_RANGE,
        axes=False, height=440, legend="bottom_right",
        glyphs=(
            Glyph("band", x="membrane_x", y="outer_leaflet_bottom", y2="outer_leaflet_top", color=ORANGE),
            Glyph("band", x="membrane_x", y="inner_leaflet_bottom", y2="inner_leaflet_top", color=YELLOW),
            Glyph("line", x="membrane_x", y="midplane_y", color=GREY, dash="dotted", width=1.0),
            label("outside", "Outside the cell", size=11),
            label("inside", "Inside the cell", size=11),
            label("outer_leaflet", "outer layer"),
            label("inner_leaflet", "inner layer"),
            Glyph("patch", x="left_x", y="left_y", color=BLUE),
            Glyph("patch", x="right_x", y="right_y", color=SKY),
            Glyph("points", x="atp_x", y="atp_y", alpha="atp_alpha", label="ATP", color=GREEN, size=13),
            Glyph("points", x="adp_x", y="adp_y", alpha="adp_alpha", label="ADP", color=GREEN, size=9),
            Glyph("points", x="phosphate_x", y="phosphate_y", alpha="adp_alpha", label="phosphate",
                  color=PURPLE, size=7),
            Glyph("points", x="drug_x", y="drug_y", alpha="drug_alpha", label="drug", color=VERMILLION,
                  size=16),
            Glyph("points", x="inhibitor_x", y="inhibitor_y", alpha="inhibitor_alpha", label="inhibitor",
                  color=BLACK, size=12),
            label("inhibitor", "Inhibitor added", color=VERMILLION, size=11, alpha="inhibitor_alpha"),
            *stage_title_glyphs(),
        ),
    ),
)

READOUTS = (
    Readout("stage", "Stage", "d", " of 7"),
    Readout("atp_spent", "ATP split so far", "d", ""),
    Readout("drugs_moved", "Drug molecules pumped out", "d", ""),
    Readout("atp_per_drug", "ATP per drug moved (0 until one is moved)", ".1f", ""),
)

PRESETS = (
    Preset("inward_open", "The pump at rest, facing inward", {"step": 0, "inhibitor": 0}),
    Preset("atp_bound", "Drug and two ATP bound", {"step": 2, "inhibitor": 0}),
    Preset("occluded", "NBDs closed, drug sealed in the pocket", {"step": 3, "inhibitor": 0}),
    Preset("inhibited", "An inhibitor fills the drug pocket", {"step": 3, "inhibitor": 1}),
)

WIDGET = Widget(
    name="pump_cycle",
    title="How one MDR1 pump moves a drug out",
    summary="Step through P-glycoprotein's cycle: drug in, ATP on, pocket sealed, open outward, drug out, reset.",
    params=PARAMS,
    compute=model.compute,
    figures=FIGURES,
    readouts=READOUTS,
    sentence=SENTENCE,
    presets=PRESETS,
)
