"""What an MDR1 inhibitor dose buys and costs: drug in tumour cells, body exposure, T cells.

    occupancy  o = I / (1 + I)                 share of MDR1 blocked (noncompetitive, I in × Ki)
    exposure   E = CL0 / CL = 1 / (1 - drop o) AUC = dose / CL, so slower clearance raises it
    inside     C_in = steady_state(C_ref E, pump_vmax(level, I))   (widgets.drug_accumulation)
    T cells    F = 1 - loss o                  CD8 T-cell function (an effect seen in mice)
    control    = kill(C_in) x (1 - w + w F)    w: how much tumour control depends on immunity
    side effects = E^h / (E^h + E50^h)         chance of severe side effects (teaching curve)

Pure NumPy, vectorised over parameter sets; deterministic.
"""
from __future__ import annotations

import numpy as np

from mdr_explainer.widgets.drug_accumulation.model import KM_UM, pump_vmax, steady_state

# --- Tumour -----------------------------------------------------------------------------------
# MDR1 pumps in the tumour cells, × a normal cell, one value per slider step (option index).
# Teaching choice: none, normal, and 5-20×; with the drug accumulation widget's normal pump
# index of 1, 10-20× gives the strongly resistant range R = 10-20 (DERIVED, FACTS §3.5, §3.11).
TUMOUR_MDR1_LEVELS = (0.0, 1.0, 5.0, 10.0, 20.0)
# Drug level around the tumour cells at the standard chemotherapy dose, µM. Teaching choice:
# inside the 0.1-10 µM range of the drug accumulation widget, high enough that a tumour without
# pumps loses most of its cells in one course.
STANDARD_OUTSIDE_UM = 3.0
# Inside level that kills half the tumour cells in one course, µM, and the steepness of killing.
# Teaching choices, as in the dose_response widget: EC50 equal to the pump's Km (1.5 µM, FACTS
# §3.1 [daunorubicinvesicles1994]) and a Hill slope of 2 (published slopes UNVERIFIED, FACTS §3.9).
KILL_EC50_UM = KM_UM
KILL_HILL = 2.0

# --- Body: slower clearance of the chemotherapy -------------------------------------------------
# Doxorubicin clearance without and with valspodar, L/h/m² [minami2001] (FACTS §3.8, §4.3).
DOXORUBICIN_CLEARANCE_ALONE = 49.0
DOXORUBICIN_CLEARANCE_WITH_VALSPODAR = 24.3

# --- Immune side: CD8 T cells (mouse finding) ---------------------------------------------------
# Share of CD8 T-cell function lost when MDR1 is fully blocked. Teaching choice: in mice, T cells
# lacking MDR1 built up poorly as effector killer cells [chen2020]; how large such an effect is
# with a drug in people is unknown, so 0.7 (30% of function left) is chosen to make it visible.
TCELL_LOSS_AT_FULL_BLOCK = 0.7

# --- Side effects (teaching curve) --------------------------------------------------------------
# Chance of severe side effects at the standard exposure, and how steeply it rises with exposure.
# Teaching choices: 20% at the standard dose, about 67% at double exposure; not trial numbers.
SIDE_EFFECTS_AT_STANDARD = 0.20
SIDE_EFFECTS_HILL = 3.0
# Exposure (× standard) at which the chance is 50%, fixed by the two choices above (about 1.59).
SIDE_EFFECTS_HALF_EXPOSURE = (1.0 / SIDE_EFFECTS_AT_STANDARD - 1.0) ** (1.0 / SIDE_EFFECTS_HILL)
# The stated limit for a useful dose: severe side effects in at most 30% (1.5 × chemo alone).
SIDE_EFFECTS_LIMIT = 0.30

# --- Dose axis ----------------------------------------------------------------------------------
# Inhibitor doses, × Ki: 0 to 10 with points packed near 0, where the pumps respond fastest.
# The window is found on the fine axis; the plotted curves use every 10th point of it.
DOSE_FINE = 10.0 * (np.arange(301) / 300.0) ** 2
PLOT_EVERY = 10
DOSE_AXIS = DOSE_FINE[::PLOT_EVERY]


def occupancy(inhibitor_dose):
    """Share of MDR1 pumps blocked by a noncompetitive inhibitor at a dose in × Ki [fox2007]."""
    dose = np.asarray(inhibitor_dose, dtype=float)
    return dose / (1.0 + dose)


def auc_fold(clearance_before, clearance_after):
    """How many times the exposure (AUC = dose / clearance) rises when clearance falls."""
    return np.asarray(clearance_before, dtype=float) / np.asarray(clearance_after, dtype=float)


def exposure_fold(inhibitor_dose, clearance_drop):
    """Chemo exposure in the body, × no inhibitor, with clearance falling by drop × occupancy."""
    return auc_fold(1.0, 1.0 - np.asarray(clearance_drop) * occupancy(inhibitor_dose))


def inside_tumour(inhibitor_dose, tumour_level, clearance_drop):
    """Drug inside tumour cells at steady state, µM: more drug around them, fewer working pumps."""
    outside = STANDARD_OUTSIDE_UM * exposure_fold(inhibitor_dose, clearance_drop)
    return steady_state(outside, pump_vmax(tumour_level, inhibitor_dose))


def chemo_kill(inside_um):
    """Share of tumour cells one course kills, from the drug inside them."""
    ratio = np.power(np.maximum(inside_um, 0.0) / KILL_EC50_UM, KILL_HILL)
    return ratio / (1.0 + ratio)


def tcell_function(inhibitor_dose):
    """CD8 T-cell function, × normal, with their own MDR1 blocked (mouse finding, teaching size)."""
    return 1.0 - TCELL_LOSS_AT_FULL_BLOCK * occupancy(inhibitor_dose)


def tumour_control(kill, tcells, immune_weight):
    """Share of tumour cells removed: chemo kill, of which a share w needs working T cells."""
    return kill * (1.0 - immune_weight + immune_weight * tcells)


def side_effects(exposure):
    """Chance of severe side effects at a chemo exposure (× standard); a teaching curve."""
    ratio = np.power(exposure / SIDE_EFFECTS_HALF_EXPOSURE, SIDE_EFFECTS_HILL)
    return ratio / (1.0 + ratio)


def window_edges(margin, doses):
    """First and last dose where margin > 0, with crossings placed by linear interpolation.

    margin has doses on its last axis; where it is never positive both edges are 0.
    """
    good = margin > 1e-12
    n = doses.size
    first = np.argmax(good, axis=-1)
    last = n - 1 - np.argmax(good[..., ::-1], axis=-1)
    low = crossing(margin, doses, np.maximum(first - 1, 0), first)
    high = crossing(margin, doses, last, np.minimum(last + 1, n - 1))
    found = good.any(axis=-1)
    return np.where(found, low, 0.0), np.where(found, high, 0.0)


def crossing(margin, doses, left, right):
    """Dose where margin passes 0 between grid indices left and right (left if they coincide)."""
    m_left = np.take_along_axis(margin, left[..., None], axis=-1)[..., 0]
    m_right = np.take_along_axis(margin, right[..., None], axis=-1)[..., 0]
    step = np.where(right > left, m_right - m_left, 1.0)
    frac = np.clip(np.where(right > left, -m_left / step, 0.0), 0.0, 1.0)
    return doses[left] + frac * (doses[right] - doses[left])


def count_windows(margin):
    """Number of separate dose ranges where margin > 0 (the model expects at most one)."""
    good = margin > 1e-12
    return good[..., 0].astype(int) + np.sum(good[..., 1:] & ~good[..., :-1], axis=-1)


def curves(tumour_level, clearance_drop):
    """Kill, exposure and side-effect curves on DOSE_FINE for each distinct (level, drop) pair.

    Returns the curves for the distinct pairs and, for every input, the index of its pair.
    """
    pairs, which = np.unique(np.stack([np.ravel(tumour_level), np.ravel(clearance_drop)], axis=-1),
                             axis=0, return_inverse=True)
    level, drop = pairs[:, 0:1], pairs[:, 1:2]
    exposure = exposure_fold(DOSE_FINE, drop)
    inside = inside_tumour(DOSE_FINE, level, drop)
    return {"exposure": exposure, "inside": inside, "kill": chemo_kill(inside),
            "side_effects": side_effects(exposure)}, np.reshape(which, -1).reshape(np.shape(tumour_level))


def compute(inhibitor_dose, immune_weight, tumour_mdr1, clearance_drop):
    """Curves against inhibitor dose, values at the chosen dose, and the useful dose window."""
    dose, weight, level_i, drop_pct = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (
        inhibitor_dose, immune_weight, tumour_mdr1, clearance_drop)))
    level = np.take(TUMOUR_MDR1_LEVELS, np.rint(level_i).astype(int))
    drop = drop_pct / 100.0
    fine, which = curves(level, drop)
    kill, exposure, harm = fine["kill"][which], fine["exposure"][which], fine["side_effects"][which]
    inside = fine["inside"][which]
    w = weight[..., None]
    control = tumour_control(kill, tcell_function(DOSE_FINE), w)
    control_zero = kill[..., 0]
    margin = np.minimum(control - control_zero[..., None], SIDE_EFFECTS_LIMIT - harm)
    low, high = window_edges(margin, DOSE_FINE)
    inside_at = inside_tumour(dose, level, drop)
    exposure_at = exposure_fold(dose, drop)
    tcells_at = tcell_function(dose)
    control_at = tumour_control(chemo_kill(inside_at), tcells_at, weight)
    plot = slice(None, None, PLOT_EVERY)
    return {
        "dose_axis": np.broadcast_to(DOSE_AXIS, dose.shape + DOSE_AXIS.shape),
        "inside_fold_curve": (inside / inside[..., :1])[..., plot],
        "exposure_fold_curve": exposure[..., plot],
        "tcell_curve": np.broadcast_to(tcell_function(DOSE_AXIS), dose.shape + DOSE_AXIS.shape),
        "control_curve_pct": 100.0 * control[..., plot],
        "side_effects_curve_pct": 100.0 * harm[..., plot],
        "control_zero_pct": 100.0 * control_zero,
        "side_effects_limit_pct": np.full(dose.shape, 100.0 * SIDE_EFFECTS_LIMIT),
        "window_x": np.stack([low, low, high, high], axis=-1),
        "window_low": low,
        "window_high": high,
        "window_width": high - low,
        "pump_activity_pct": 100.0 * (1.0 - occupancy(dose)),
        "inside_at_um": inside_at,
        "inside_fold_at": inside_at / inside[..., 0],
        "exposure_fold_at": exposure_at,
        "tcell_at": tcells_at,
        "tcell_at_pct": 100.0 * tcells_at,
        "control_at_pct": 100.0 * control_at,
        "side_effects_at_pct": 100.0 * side_effects(exposure_at),
    }
