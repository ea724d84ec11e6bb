"""Declaration of the dose_response widget: sliders, plot, readouts, sentence, presets."""

from mdr_explainer.widgets.framework.params import Param, Preset
from mdr_explainer.widgets.framework.spec import Figure, Glyph, Readout, Widget
from mdr_explainer.widgets.framework.palette import BLUE, GREY, VERMILLION

from . import model

# The grid has a node at every slider position (8 pump levels × 21 inhibitor doses), so the
# static page shows the model itself. Defaults = the resistant_line preset (see NOTE.md).
PARAMS = (
    Param("mdr1_level", "MDR1 pumps", "× the reference cell", 0.0, 7.0, 1.0, 6.0,
          "How many MDR1 pumps the chosen cell has, compared with a reference cell that has few "
          "(0 = none; many normal cells have almost none).",
          options=("None", "1× (reference cell)", "2×", "5×", "10×", "20×", "40×", "100×")),
    Param("inhibitor", "Pump inhibitor", "× its Ki", 0.0, 10.0, 0.5, 0.0,
          "Inhibitor dose as a multiple of its Ki; at 1 × Ki the pumps work at half speed. "
          "It slows the pumps of both cells."),
)

FIGURES = (
    Figure(
        name="kill", title="How many cells survive the drug?",
        x_label="Drug outside the cell (µM, log scale; illustrative doses)", y_label="Cells surviving (%)",
        x_range=(0.01, 100.0), y_range=(0.0, 105.0), x_scale="log", legend="bottom_left",
        glyphs=(
            Glyph("hline", y="half_pct", color=GREY, dash="dotted", width=1.0),
            Glyph("line", x="dose_um", y="survival_cell_no_inhibitor_pct", label="Chosen cell, no inhibitor",
                  color=GREY, dash="dashed"),
            Glyph("line", x="dose_um", y="survival_normal_pct", label="Reference cell (few pumps)", color=BLUE),
            Glyph("line", x="dose_um", y="survival_cell_pct", label="Chosen cell", color=VERMILLION, width=3.5),
            Glyph("vline", x="ic50_normal_um", color=BLUE, dash="dotted", width=1.5),
            Glyph("vline", x="ic50_cell_um", color=VERMILLION, dash="dotted", width=1.5),
        ),
    ),
)

READOUTS = (
    Readout("ic50_normal_um", "Dose that kills half: reference cell", "", " µM"),
    Readout("ic50_cell_um", "Dose that kills half: chosen cell", "", " µM"),
    Readout("fold_resistance", "Fold resistance", ".1f", "-fold"),
    Readout("fold_resistance_no_inhibitor", "Fold resistance without inhibitor", ".1f", "-fold"),
    Readout("reversal_fold", "Inhibitor makes the drug stronger on the chosen cell by", ".1f", "×"),
)

SENTENCE = (
    "Half of the reference cells (few pumps) die at {ic50_normal_um} µM of drug outside; the cell with "
    "{?mdr1_level<0.5|no MDR1 pumps|{pump_level:d} times the reference number of MDR1 pumps} needs "
    "{ic50_cell_um} µM, so it is "
    "{?fold_resistance>=1.05|{fold_resistance:.1f}-fold resistant|"
    "{?fold_resistance<=0.95|more sensitive than the reference cell|about as sensitive as the reference cell}}. "
    "{?inhibitor>0|With the inhibitor at {inhibitor} × its Ki the pumps work at {pump_activity_pct:d}% speed"
    "{?fold_resistance_no_inhibitor>=1.05|: resistance falls from {fold_resistance_no_inhibitor:.1f}-fold "
    "to {fold_resistance:.1f}-fold, and the drug works {reversal_fold:.1f} times better on the "
    "chosen cell|}. The inhibitor also slows the reference cell's pumps, so the drug works "
    "{normal_sensitisation:.2f} times better on it."
    "|No inhibitor is added.}"
)

PRESETS = (
    Preset("normal_cell", "The reference cell (few pumps)", {"mdr1_level": 1, "inhibitor": 0}),
    Preset("resistant_line", "A resistant cell with 40× the reference cell's pumps", {"mdr1_level": 6, "inhibitor": 0}),
    Preset("inhibitor_reversal", "The same cell with an inhibitor at 10× Ki", {"mdr1_level": 6, "inhibitor": 10}),
)

WIDGET = Widget(
    name="dose_response",
    title="Why does a pump-rich cell survive more drug?",
    summary="The drug kills by what stays inside; MDR1 pumps keep it low, an inhibitor lets it back up.",
    params=PARAMS,
    compute=model.compute,
    figures=FIGURES,
    readouts=READOUTS,
    sentence=SENTENCE,
    presets=PRESETS,
    extra={"vectorised": True},
)
