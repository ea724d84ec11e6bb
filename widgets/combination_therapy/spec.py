"""Declaration of the combination_therapy widget: sliders, plots, readouts, sentence, presets."""

from mdr_explainer.widgets.framework.palette import BLACK, BLUE, GREY, SKY, VERMILLION
from mdr_explainer.widgets.framework.params import Param, Preset
from mdr_explainer.widgets.framework.spec import Figure, Glyph, Readout, Widget

from . import model

# Every slider snaps to a few settings, so the static page stores the model exactly at each one.
PARAMS = (
    Param("log10_cells", "Tumour size when treatment starts (power of ten)", "cells, as 10^x", 6.0, 12.0, 1.0, 9.0,
          "Number of cancer cells when treatment starts, as a power of ten: 9 means a billion cells, "
          "roughly a 1 cm lump."),
    Param("log10_mutation_rate", "Mutation rate (power of ten)", "per base pair per division, as 10^x",
          -10.0, -7.0, 1.0, -9.0,
          "Chance per cell division that one given DNA letter changes, as a power of ten. About -9 is typical "
          "for most cancers; each drug can be resisted through any of 50 such changes."),
    Param("cross_resistance", "Can one mutation resist both drugs?", "", 0.0, 1.0, 1.0, 0.0,
          "Whether a single DNA change can make a cell resistant to both drugs at once (cross-resistance).",
          options=("No: a cell needs two separate changes", "Yes: one change resists both")),
)

TIME_FIGURE = Figure(
    name="time", title="The tumour in a typical patient: drugs one after the other, or together",
    x_label="Years from the start of treatment", y_label="Cancer cells (log scale)",
    x_range=(0.0, model.HORIZON_DAYS / 365.0), y_range=(model.FLOOR_CELLS, model.CAP_CELLS), y_scale="log",
    height=380,
    glyphs=(
        Glyph("line", x="day", y="total_sequential", label="Drug A, then drug B when A fails", color=VERMILLION,
              width=3.0),
        Glyph("line", x="day", y="total_combined", label="Drugs A and B together", color=BLUE, width=3.0),
        Glyph("line", x="day", y="double_combined", label="Cells resistant to both (together schedule)",
              color=SKY, dash="dashed", width=2.0),
        Glyph("hline", y="one_cell", color=GREY, dash="dotted", width=1.5),
        Glyph("vline", x="switch_year", label="Switch from A to B", color=GREY, dash="dashed", width=1.5),
    ),
    legend="top_right",
)

CHANCE_FIGURE = Figure(
    name="chance", title="Does a resistant cell already exist when treatment starts?",
    x_label="Tumour size when treatment starts (cells, log scale)",
    y_label="Chance",
    x_range=(1e5, 1e13), y_range=(0.0, 1.05), x_scale="log", height=260,
    glyphs=(
        Glyph("line", x="curve_cells", y="p_single_curve", label="Cells resistant to drug A", color=VERMILLION),
        Glyph("line", x="curve_cells", y="p_double_curve", label="Cells resistant to both drugs", color=BLUE),
        Glyph("vline", x="cells", label="This tumour", color=GREY, dash="dashed", width=1.5),
        Glyph("points", x="cells", y="p_double_start", color=BLUE, size=11),
        Glyph("points", x="cells", y="p_single_start", color=VERMILLION, size=11),
    ),
    legend="top_left",
)

READOUTS = (
    Readout("p_single_start", "Chance that cells resistant to drug A already exist", "pct", ""),
    Readout("p_double_start", "Chance that cells resistant to both drugs already exist", "pct", ""),
    Readout("expected_double_start", "Expected number of doubly resistant cells at the start", "sci", " cells"),
    Readout("cure_one_drug", "Chance of cure: drug A alone", "pct", ""),
    Readout("cure_sequential", "Chance of cure: A, then B", "pct", ""),
    Readout("cure_combined", "Chance of cure: A and B together", "pct", ""),
)

SENTENCE = (
    "A tumour of {cells:sci} cells, mutation rate {mutation_rate:sci} per base pair per division, "
    "{?cross_resistance>=0.5|with one mutation that resists both drugs|with no single mutation that resists both "
    "drugs}. The chance that cells resistant to drug A already exist is {p_single_start:pct}; for cells resistant "
    "to both drugs it is {p_double_start:pct}. Estimated chance of cure: {cure_one_drug:pct} with drug A alone, "
    "{cure_sequential:pct} with A then B, and {cure_combined:pct} with A and B together. "
    "{?switched>=0.5|In the typical course, A fails and B is started after {switch_year:.1f} years.|"
    "In the typical course, drug A alone clears the tumour, so B is never needed.}"
)

PRESETS = (
    Preset("large_tumour", "A billion cells, no cross-resistance: together beats one after the other",
           {"log10_cells": 9, "log10_mutation_rate": -9, "cross_resistance": 0}),
    Preset("small_tumour", "A million cells: even one drug often works",
           {"log10_cells": 6, "log10_mutation_rate": -9, "cross_resistance": 0}),
    Preset("very_large_tumour", "A trillion cells: even two drugs together usually fail",
           {"log10_cells": 12, "log10_mutation_rate": -9, "cross_resistance": 0}),
    Preset("cross_resistance", "One mutation resists both drugs: together is no better than one",
           {"log10_cells": 10, "log10_mutation_rate": -9, "cross_resistance": 1}),
)

WIDGET = Widget(
    name="combination_therapy",
    title="Two drugs against one tumour",
    summary="Cells resistant to drug A, drug B or both arise by mutation; the drugs are given one after the other "
            "or together.",
    params=PARAMS,
    compute=model.compute,
    figures=(TIME_FIGURE, CHANCE_FIGURE),
    readouts=READOUTS,
    sentence=SENTENCE,
    presets=PRESETS,
    extra={"vectorised": True},
)
