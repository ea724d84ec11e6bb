"""Cells surviving a drug dose, driven by the drug the cell keeps inside (pure NumPy, vectorised).

The drug inside comes from the drug_accumulation model's steady state (passive entry balanced
by MDR1 pumping); survival is a Hill-type fall with the inside level:

    C_in   = steady_state(C_out, Vmax_eff)          (widgets.drug_accumulation.model)
    S      = 1 / (1 + (C_in / EC50_in)^n)
    IC50   = the outside dose at which C_in = EC50_in
"""
from __future__ import annotations

import numpy as np

from mdr_explainer.widgets.drug_accumulation.model import K_PASSIVE_PER_MIN, KM_UM, efflux, pump_vmax, steady_state

# Inside drug level that kills half the cells, µM. Teaching choice: set equal to the pump's Km
# (1.5 µM, FACTS §3.1, S45; ref key daunorubicinvesicles1994), the level at which the
# cooperative pump removes the largest share of the drug, so the widget shows the most
# resistance the shared accumulation model can give. Not a measured value.
EC50_INSIDE_UM = KM_UM
# Hill slope of killing against the inside level, dimensionless. Teaching choice: a moderately
# steep curve that fits on four decades of dose; published slopes for doxorubicin are
# UNVERIFIED (FACTS §3.9).
KILL_HILL = 2.0
# Outside doses drawn, µM: 0.1 to 100 µM on a log axis, 20 points per decade (teaching
# choice: wide enough to hold both survival curves from top to bottom at every slider setting).
DOSE_UM = np.geomspace(0.1, 100.0, 61)
# The normal cell's pump level, × a normal cell (by definition).
NORMAL_LEVEL = 1.0


def survival(c_in):
    """Fraction of cells surviving at an inside drug level (µM)."""
    return 1.0 / (1.0 + np.power(np.maximum(c_in, 0.0) / EC50_INSIDE_UM, KILL_HILL))


def survival_curve(vmax):
    """Surviving fraction at each outside dose in DOSE_UM, for pump speeds vmax (shape (N,))."""
    c_in = steady_state(DOSE_UM, np.asarray(vmax, dtype=float)[..., None])
    return survival(c_in)


def outside_for_inside(c_in, vmax):
    """Outside dose (µM) at which a cell with pump speed vmax settles at inside level c_in.

    At steady state passive entry k (C_out - C_in) equals pumping, so C_out = C_in + efflux / k:
    the exact inverse of steady_state.
    """
    return c_in + efflux(c_in, vmax) / K_PASSIVE_PER_MIN


def ic50(vmax):
    """Outside dose (µM) that kills half the cells: the dose that brings C_in to EC50_in."""
    return outside_for_inside(EC50_INSIDE_UM, vmax)


def compute(mdr1_level, inhibitor):
    """Survival curves, IC50s and fold resistance for a normal and an MDR1-high cell.

    The inhibitor acts on the pumps of both cells (it reaches every cell it bathes); the
    MDR1-high cell is also shown without inhibitor, to read off how much the inhibitor restores.
    """
    level, inh = np.broadcast_arrays(np.asarray(mdr1_level, dtype=float), np.asarray(inhibitor, dtype=float))
    vmax_normal, vmax_cell = pump_vmax(NORMAL_LEVEL, inh), pump_vmax(level, inh)
    vmax_normal_no_inhibitor, vmax_cell_no_inhibitor = pump_vmax(NORMAL_LEVEL, 0.0 * inh), pump_vmax(level, 0.0 * inh)
    ic50_normal, ic50_cell = ic50(vmax_normal), ic50(vmax_cell)
    ic50_normal_no_inhibitor, ic50_cell_no_inhibitor = ic50(vmax_normal_no_inhibitor), ic50(vmax_cell_no_inhibitor)
    return {
        "dose_um": np.broadcast_to(DOSE_UM, level.shape + DOSE_UM.shape),
        "survival_normal_pct": 100.0 * survival_curve(vmax_normal),
        "survival_cell_pct": 100.0 * survival_curve(vmax_cell),
        "survival_cell_no_inhibitor_pct": 100.0 * survival_curve(vmax_cell_no_inhibitor),
        "half_pct": np.full(level.shape, 50.0),
        "ic50_normal_um": ic50_normal,
        "ic50_cell_um": ic50_cell,
        "ic50_cell_no_inhibitor_um": ic50_cell_no_inhibitor,
        "fold_resistance": ic50_cell / ic50_normal,
        "fold_resistance_no_inhibitor": ic50_cell_no_inhibitor / ic50_normal_no_inhibitor,
        "reversal_fold": ic50_cell_no_inhibitor / ic50_cell,
        "normal_sensitisation": ic50_normal_no_inhibitor / ic50_normal,
        "pump_activity_pct": 100.0 / (1.0 + inh),
    }
