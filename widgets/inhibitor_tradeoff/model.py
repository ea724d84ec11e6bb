"""What an MDR1 inhibitor dose buys and costs, judged against simply giving more chemotherapy.

    occupancy  o = I / (1 + I)                 share of MDR1 blocked (Vmax / (1 + I/Ki), I in × Ki)
    exposure   E = CL0 / CL = 1 / (1 - drop o) AUC = dose / CL, so slower clearance raises it
    inside     C_in = steady_state(C_ref E, pump_vmax(level, I))   (widgets.pump_science)
    T cells    F = 1 - loss o                  CD8 T-cell function (an effect seen in mice)
    kill       = (1 - r) x K(C_in)             r: share of cells resisting by means the pump does not cause
    control    = kill x (1 - w + w F)          w: how much tumour control depends on immunity
    matched    = (1 - r) x K(steady_state(C_ref E, pump_vmax(level, 0)))
                 the same extra body exposure given as extra chemotherapy, pumps untouched
    chemo harm = E^h / (E^h + E50^h)           chance of severe chemo side effects (teaching curve)
    own harm   = tox x own_max x I / I_max     the inhibitor's own dose-limiting side effects
    side effects = 1 - (1 - chemo harm)(1 - own harm)
    useful window: control beats matched by MIN_CONTROL_GAIN and side effects stay within the limit

Pure NumPy, vectorised over parameter sets; deterministic.
"""
from __future__ import annotations

import numpy as np

from mdr_explainer.widgets.pump_science import KM_UM, pump_vmax, steady_state

# --- Tumour -----------------------------------------------------------------------------------
# MDR1 pumps in the tumour cells, × the reference cell (pumping index 0.5; see
# widgets/pump_science.py), one value per option. Teaching choice: none; few, a tenth of the
# reference cell (pumping index 0.05, close to P-gp negative); the reference cell itself; and
# 10-100 ×, the strongly resistant range (pumping index 5-50). In trials that measured it, only
# some older adults' leukaemia cells had P-gp (source: vanderholt2005; cripe2010), so "few" is
# the default.
TUMOUR_MDR1_LEVELS = (0.0, 0.1, 1.0, 10.0, 40.0, 100.0)
# Share of tumour cells that survive a course whatever the drug level inside them, because they
# resist by means the pump does not cause (for example cells that do not die when their DNA is
# damaged), one value per option. Teaching choice: none, 30% and 60%. ECOG 3999's authors put
# zosuquidar's failure down in part to such P-gp-independent resistance (source: cripe2010).
OTHER_RESISTANCE_SHARES = (0.0, 0.3, 0.6)
# Drug level around the tumour cells at the standard chemotherapy dose, µM. Teaching choice:
# 0.3 µM, well below the pump's Km (1.5 µM, source: daunorubicinvesicles1994), where the pump
# removes the largest share of the drug, and high enough that a tumour without pumps loses most
# of its cells in one course.
STANDARD_OUTSIDE_UM = 0.3
# Inside level that kills half the tumour cells in one course, µM, and the steepness of killing.
# Teaching choices, as in the dose_response widget: EC50 a tenth of the pump's Km (source of Km:
# daunorubicinvesicles1994) and a Hill slope of 2 (published slopes were not confirmed).
KILL_EC50_UM = KM_UM / 10.0
KILL_HILL = 2.0

# --- Body: slower clearance of the chemotherapy -------------------------------------------------
# Doxorubicin clearance without and with valspodar, L/h/m². source: minami2001
DOXORUBICIN_CLEARANCE_ALONE = 49.0
DOXORUBICIN_CLEARANCE_WITH_VALSPODAR = 24.3

# --- Immune side: CD8 T cells (mouse finding) ---------------------------------------------------
# Share of CD8 T-cell function lost when MDR1 is fully blocked. Teaching choice: in mice lacking
# MDR1, effector killer T cells built up poorly (source: chen2020); how large such an effect is
# with a drug in people is unknown, so 0.7 (30% of function left) is chosen to make it visible.
# It only matters when the immune weight w is above 0, which is off by default.
TCELL_LOSS_AT_FULL_BLOCK = 0.7
# Immune weight w per option of its slider is the slider value itself (0-1, default 0).

# --- Side effects (teaching curves) -------------------------------------------------------------
# Chance of severe chemotherapy side effects at the standard exposure, and how steeply it rises
# with exposure. Teaching choices: 20% at the standard dose, about 67% at double exposure; not
# trial numbers.
SIDE_EFFECTS_AT_STANDARD = 0.20
SIDE_EFFECTS_HILL = 3.0
# Exposure (× standard) at which the chance is 50%, fixed by the two choices above (about 1.59).
SIDE_EFFECTS_HALF_EXPOSURE = (1.0 / SIDE_EFFECTS_AT_STANDARD - 1.0) ** (1.0 / SIDE_EFFECTS_HILL)
# The inhibitor's own severe side effects at the top of the dose axis (10 × Ki), rising in step
# with dose. Teaching choice: 25%. Real inhibitors had dose limits of their own, e.g. verapamil's
# heart effects (source: pennock1991); the size here is not a trial number.
OWN_SIDE_EFFECTS_AT_MAX_DOSE = 0.25
MAX_DOSE = 10.0  # × Ki, top of the dose axis
# The stated limit for a useful dose: severe side effects in at most 30% (1.5 × chemo alone).
SIDE_EFFECTS_LIMIT = 0.30
# The smallest gain in tumour control counted as useful: 5 more tumour cells killed per 100 per
# course than extra chemotherapy giving the same body exposure would kill (the comparison the
# dose-reduced arms of CALGB 9720 were built on, source: baer2002). Teaching choice: a gain too
# small for a trial to detect is not counted as a window.
MIN_CONTROL_GAIN = 0.05

# --- Dose axis ----------------------------------------------------------------------------------
# Inhibitor doses, × Ki: 0 to 10 with points packed near 0, where the pumps respond fastest.
# The window is found on the fine axis; the plotted curves use every 10th point of it.
DOSE_FINE = 10.0 * (np.arange(301) / 300.0) ** 2
PLOT_EVERY = 10
DOSE_AXIS = DOSE_FINE[::PLOT_EVERY]


def occupancy(inhibitor_dose):
    """Share of MDR1 pumps blocked at a dose in × Ki, for Vmax / (1 + I/Ki) (ref key fox2007)."""
    dose = np.asarray(inhibitor_dose, dtype=float)
    return dose / (1.0 + dose)


def auc_fold(clearance_before, clearance_after):
    """How many times the exposure (AUC = dose / clearance) rises when clearance falls."""
    return np.asarray(clearance_before, dtype=float) / np.asarray(clearance_after, dtype=float)


def exposure_fold(inhibitor_dose, clearance_drop):
    """Chemo exposure in the body, × no inhibitor, with clearance falling by drop × occupancy."""
    return auc_fold(1.0, 1.0 - np.asarray(clearance_drop) * occupancy(inhibitor_dose))


def outside_tumour(inhibitor_dose, clearance_drop):
    """Drug level around the tumour cells, µM: the standard level raised by the body exposure."""
    return STANDARD_OUTSIDE_UM * exposure_fold(inhibitor_dose, clearance_drop)


def inside_tumour(inhibitor_dose, tumour_level, clearance_drop):
    """Drug inside tumour cells at steady state, µM: more drug around them, fewer working pumps."""
    return steady_state(outside_tumour(inhibitor_dose, clearance_drop), pump_vmax(tumour_level, inhibitor_dose))


def chemo_kill(inside_um):
    """Share of tumour cells one course kills, from the drug inside them."""
    ratio = np.power(np.maximum(inside_um, 0.0) / KILL_EC50_UM, KILL_HILL)
    return ratio / (1.0 + ratio)


def matched_inside(inhibitor_dose, tumour_level, clearance_drop):
    """Drug inside tumour cells, µM, if the same extra body exposure came from extra chemo alone."""
    return steady_state(outside_tumour(inhibitor_dose, clearance_drop), pump_vmax(tumour_level, 0.0))


def surviving_kill(kill, other_resistance):
    """Share of all tumour cells killed when a share r resists by means the pump does not cause."""
    return (1.0 - np.asarray(other_resistance, dtype=float)) * kill


def tcell_function(inhibitor_dose):
    """CD8 T-cell function, × normal, with their own MDR1 blocked (mouse finding, teaching size)."""
    return 1.0 - TCELL_LOSS_AT_FULL_BLOCK * occupancy(inhibitor_dose)


def tumour_control(kill, tcells, immune_weight):
    """Share of tumour cells removed: chemo kill, of which a share w needs working T cells."""
    return kill * (1.0 - immune_weight + immune_weight * tcells)


def chemo_side_effects(exposure):
    """Chance of severe chemotherapy side effects at an exposure (× standard); a teaching curve."""
    ratio = np.power(exposure / SIDE_EFFECTS_HALF_EXPOSURE, SIDE_EFFECTS_HILL)
    return ratio / (1.0 + ratio)


def own_side_effects(inhibitor_dose, toxicity):
    """Chance of the inhibitor's own severe side effects (toxicity 0 = none, 1 = dose-limiting)."""
    dose = np.asarray(inhibitor_dose, dtype=float)
    return np.asarray(toxicity, dtype=float) * OWN_SIDE_EFFECTS_AT_MAX_DOSE * dose / MAX_DOSE


def side_effects(exposure, inhibitor_dose=0.0, toxicity=0.0):
    """Chance of severe side effects from the chemo and, independently, the inhibitor itself."""
    return 1.0 - (1.0 - chemo_side_effects(exposure)) * (1.0 - own_side_effects(inhibitor_dose, toxicity))


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


def curves(tumour_level, clearance_drop, toxicity, other_resistance):
    """Kill, exposure and side-effect curves on DOSE_FINE for each distinct (level, drop, toxicity, r).

    Returns the curves for the distinct settings and, for every input, the index of its setting.
    """
    settings, which = np.unique(np.stack([np.ravel(v) for v in (tumour_level, clearance_drop, toxicity,
                                                                  other_resistance)], axis=-1),
                                axis=0, return_inverse=True)
    level, drop, tox, share = (settings[:, i:i + 1] for i in range(4))
    exposure = exposure_fold(DOSE_FINE, drop)
    inside = inside_tumour(DOSE_FINE, level, drop)
    matched = surviving_kill(chemo_kill(matched_inside(DOSE_FINE, level, drop)), share)
    return {"exposure": exposure, "inside": inside, "kill": surviving_kill(chemo_kill(inside), share),
            "matched": matched, "side_effects": side_effects(exposure, DOSE_FINE, tox)}, \
        np.reshape(which, -1).reshape(np.shape(tumour_level))


def compute(inhibitor_dose, immune_weight, tumour_mdr1, other_resistance, clearance_drop, inhibitor_toxicity=0.0):
    """Curves against inhibitor dose, values at the chosen dose, and the useful dose window."""
    dose, weight, level_i, share_i, drop_pct, tox = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (
        inhibitor_dose, immune_weight, tumour_mdr1, other_resistance, clearance_drop, inhibitor_toxicity)))
    level = np.take(TUMOUR_MDR1_LEVELS, np.rint(level_i).astype(int))
    share = np.take(OTHER_RESISTANCE_SHARES, np.rint(share_i).astype(int))
    tox = np.rint(tox)
    drop = drop_pct / 100.0
    fine, which = curves(level, drop, tox, share)
    kill, exposure, harm = fine["kill"][which], fine["exposure"][which], fine["side_effects"][which]
    inside, matched = fine["inside"][which], fine["matched"][which]
    w = weight[..., None]
    control = tumour_control(kill, tcell_function(DOSE_FINE), w)
    control_zero = kill[..., 0]
    margin = np.minimum(control - matched - MIN_CONTROL_GAIN, SIDE_EFFECTS_LIMIT - harm)
    low, high = window_edges(margin, DOSE_FINE)
    inside_at = inside_tumour(dose, level, drop)
    exposure_at = exposure_fold(dose, drop)
    tcells_at = tcell_function(dose)
    control_at = tumour_control(surviving_kill(chemo_kill(inside_at), share), tcells_at, weight)
    matched_at = surviving_kill(chemo_kill(matched_inside(dose, level, drop)), share)
    plot = slice(None, None, PLOT_EVERY)
    return {
        "dose_axis": np.broadcast_to(DOSE_AXIS, dose.shape + DOSE_AXIS.shape),
        "inside_fold_curve": (inside / inside[..., :1])[..., plot],
        "exposure_fold_curve": exposure[..., plot],
        "tcell_curve": np.broadcast_to(tcell_function(DOSE_AXIS), dose.shape + DOSE_AXIS.shape),
        "control_curve_pct": 100.0 * control[..., plot],
        "matched_curve_pct": 100.0 * matched[..., plot],
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
        "matched_at_pct": 100.0 * matched_at,
        "gain_over_matched_at_pct": 100.0 * (control_at - matched_at),
        "other_resistance_pct": 100.0 * share,
        "side_effects_at_pct": 100.0 * side_effects(exposure_at, dose, tox),
        "own_side_effects_at_pct": 100.0 * own_side_effects(dose, tox),
    }
