"""Cells surviving a drug dose, driven by the drug the cell keeps inside (pure NumPy, vectorised).

The drug inside comes from the shared pump model's steady state (widgets/pump_science.py:
passive entry balanced by Michaelis-Menten MDR1 pumping); survival is a Hill-type fall with
the inside level:

    C_in   = steady_state(C_out, Vmax_eff)          (widgets.pump_science)
    S      = 1 / (1 + (C_in / EC50_in)^n)
    IC50   = the outside dose at which C_in = EC50_in
           = EC50_in (1 + index x Km / (Km + EC50_in))     (calculated; index = pumping index)
"""
from __future__ import annotations

import numpy as np

from mdr_explainer.widgets.pump_science import KM_UM, outside_for_inside, pump_vmax, steady_state

# Pump levels offered, × the reference cell (a cell with a low pump level), one per option of
# the slider. Teaching choice: none, the reference cell, and 2-100 ×, so the resistant cells
# reach the pumping index of 9 or more that KB VJ-300's tenfold accumulation drop implies
# (source: kohno1988; see widgets/pump_science.py).
LEVELS = (0.0, 1.0, 2.0, 5.0, 10.0, 20.0, 40.0, 100.0)
# Inside drug level that kills half the cells, µM. Teaching choice: a tenth of the pump's Km
# (1.5 µM, source: daunorubicinvesicles1994), so cells die at drug levels where the pump is far
# from full, as for drugs that act at nanomolar levels such as vincristine (parent KB cells,
# source: kohno1988). Not a measured value.
EC50_INSIDE_UM = KM_UM / 10.0
# Hill slope of killing against the inside level, dimensionless. Teaching choice: a moderately
# steep curve that fits on the dose axis; published slopes for doxorubicin were not confirmed
# in the sources used.
KILL_HILL = 2.0
# Outside doses drawn, µM: 0.01 to 100 µM on a log axis, 15 points per decade (teaching
# choice: wide enough to hold every survival curve from top to bottom at every setting).
DOSE_UM = np.geomspace(0.01, 100.0, 61)
# The reference cell's pump level, × the reference cell (by definition).
REFERENCE_LEVEL = 1.0


def level_of(option):
    """Pump level (× reference cell) for a slider option index."""
    return np.take(LEVELS, np.clip(np.rint(np.asarray(option, dtype=float)).astype(int), 0, len(LEVELS) - 1))


def survival(c_in):
    """Fraction of cells surviving at an inside drug level (µM)."""
    return 1.0 / (1.0 + np.power(np.maximum(c_in, 0.0) / EC50_INSIDE_UM, KILL_HILL))


def survival_curve(vmax):
    """Surviving fraction at each outside dose in DOSE_UM, for pump speeds vmax (shape (N,))."""
    c_in = steady_state(DOSE_UM, np.asarray(vmax, dtype=float)[..., None])
    return survival(c_in)


def ic50(vmax):
    """Outside dose (µM) that kills half the cells: the dose that brings C_in to EC50_in."""
    return outside_for_inside(EC50_INSIDE_UM, vmax)


def compute(mdr1_level, inhibitor):
    """Survival curves, IC50s and fold resistance for the reference cell and a chosen cell.

    mdr1_level is the slider's option index (see LEVELS). The inhibitor acts on the pumps of
    both cells (it reaches every cell it bathes); the chosen cell is also shown without
    inhibitor, to read off how much the inhibitor restores.
    """
    option, inh = np.broadcast_arrays(np.asarray(mdr1_level, dtype=float), np.asarray(inhibitor, dtype=float))
    level = level_of(option)
    vmax_normal, vmax_cell = pump_vmax(REFERENCE_LEVEL, inh), pump_vmax(level, inh)
    vmax_normal_no_inhibitor, vmax_cell_no_inhibitor = pump_vmax(REFERENCE_LEVEL, 0.0 * inh), pump_vmax(level, 0.0 * inh)
    ic50_normal, ic50_cell = ic50(vmax_normal), ic50(vmax_cell)
    ic50_normal_no_inhibitor, ic50_cell_no_inhibitor = ic50(vmax_normal_no_inhibitor), ic50(vmax_cell_no_inhibitor)
    return {
        "dose_um": np.broadcast_to(DOSE_UM, level.shape + DOSE_UM.shape),
        "survival_normal_pct": 100.0 * survival_curve(vmax_normal),
        "survival_cell_pct": 100.0 * survival_curve(vmax_cell),
        "survival_cell_no_inhibitor_pct": 100.0 * survival_curve(vmax_cell_no_inhibitor),
        "half_pct": np.full(level.shape, 50.0),
        "pump_level": level,
        "ic50_normal_um": ic50_normal,
        "ic50_cell_um": ic50_cell,
        "ic50_cell_no_inhibitor_um": ic50_cell_no_inhibitor,
        "fold_resistance": ic50_cell / ic50_normal,
        "fold_resistance_no_inhibitor": ic50_cell_no_inhibitor / ic50_normal_no_inhibitor,
        "reversal_fold": ic50_cell_no_inhibitor / ic50_cell,
        "normal_sensitisation": ic50_normal_no_inhibitor / ic50_normal,
        "pump_activity_pct": 100.0 / (1.0 + inh),
    }
