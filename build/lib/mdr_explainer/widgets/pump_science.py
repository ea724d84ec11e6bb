"""The pump pharmacology shared by the drug_accumulation, dose_response and inhibitor_tradeoff models.

One well-mixed cell takes up drug passively and MDR1 (P-glycoprotein) pumps it back out:

    dC/dt   = k (C_out - C) - efflux(C)
    efflux  = Vmax C^h / (Km^h + C^h)                 h = 1: Michaelis-Menten (the default)
    Vmax    = R_REFERENCE k Km x level / (1 + I/Ki)    noncompetitive-style block of the pump
    pumping index = Vmax / (k Km) = R_REFERENCE x level / (1 + I/Ki)

With h = 1 and C << Km, efflux ~ (Vmax/Km) C, so at steady state C_in / C_out -> 1 / (1 + index):
the pump acts most strongly, as a share of the drug, at low (nanomolar) drug levels, and the
share kept rises as the drug saturates the pump. Pure NumPy, vectorised; no view code.
"""
from __future__ import annotations

import numpy as np

# --- The pump ----------------------------------------------------------------------------------
# Drug level at which the pump works at half its top speed, µM.
# source: daunorubicinvesicles1994 (Km 1.5 µM for daunorubicin, membrane vesicles from resistant
# cells). Teaching choice: the same Km is used for the generic drug of the widgets.
KM_UM = 1.5
# Hill coefficient of transport, dimensionless. Default h = 1: simple saturable
# (Michaelis-Menten) transport, as recent fits of P-gp transport in cells use (source:
# robertus2025).
HILL_SIMPLE = 1.0
# Labelled option only: cooperative transport, h = 2, measured for daunorubicin in membrane
# vesicles (source: daunorubicinvesicles1994). With h = 2 the pump fades as C^2 below Km, so it
# barely acts at nanomolar drug; it is not used for the generic drug.
HILL_DAUNORUBICIN_VESICLES = 2.0
# The two kinetics a model can ask for, by option index: 0 = simple, 1 = daunorubicin in vesicles.
KINETICS = {"simple": HILL_SIMPLE, "daunorubicin_vesicles": HILL_DAUNORUBICIN_VESICLES}

# --- Passive entry -----------------------------------------------------------------------------
# Doxorubicin passive permeability, cm/s (Ehrlich ascites tumour cells, 37 °C).
# source: doxpermeability1983
PERMEABILITY_CM_S = 2.4e-5
# Cell radius, µm. Teaching choice: a typical 15 µm-wide tumour cell, used only to turn P into k.
CELL_RADIUS_UM = 7.5
# Passive rate constant k = P x A/V = P x 3/r, per minute (calculated here: about 5.8 per minute).
K_PASSIVE_PER_MIN = PERMEABILITY_CM_S * 3.0 / (CELL_RADIUS_UM * 1e-4) * 60.0

# --- How many pumps ----------------------------------------------------------------------------
# Pumping index R = Vmax/(k Km) of the reference cell (pump level 1), dimensionless.
# Teaching choice: 0.5. The reference cell has a low pump level, like a parent cancer line; at
# low drug it keeps 1/(1 + 0.5), two thirds, of the outside drug. Many normal cells, and many
# parent lines, have even fewer pumps (level near 0). 20-100 x the reference cell's pumps gives
# an index of 10-50: KB VJ-300 cells hold less than a tenth of the drug of their parent cells
# (source: kohno1988), which needs an index of 9 or more in the simple picture
# C_in/C_out = 1/(1 + index) (calculated here).
R_REFERENCE = 0.5


def pumping_index(level, inhibitor=0.0):
    """Pumping index Vmax/(k Km): level in × the reference cell, inhibitor dose in × Ki."""
    return R_REFERENCE * np.asarray(level, dtype=float) / (1.0 + np.asarray(inhibitor, dtype=float))


def pump_vmax(level, inhibitor=0.0):
    """Top pumping rate, µM/min, for a pump level (× reference cell) and an inhibitor dose (× Ki).

    The inhibitor divides Vmax by (1 + I/Ki) and leaves Km alone: a modelling choice that matches
    the kinetic label "noncompetitive" given to tariquidar (source: fox2007). Structures show
    tariquidar-like inhibitors inside the drug pocket and a neighbouring tunnel (source:
    nosol2020); the model keeps the simple kinetic form, not a binding site.
    """
    return pumping_index(level, inhibitor) * K_PASSIVE_PER_MIN * KM_UM


def power(c, hill):
    """C^h for C >= 0 (plain products for h = 1 and h = 2, the two values used)."""
    c = np.maximum(c, 0.0)
    hill = np.asarray(hill, dtype=float)
    if hill.ndim == 0:
        if hill == 1.0:
            return c
        if hill == 2.0:
            return c * c
    return np.where(hill == 1.0, c, np.where(hill == 2.0, c * c, np.power(c, hill)))


def efflux(c_in, vmax, hill=HILL_SIMPLE):
    """Saturable pumping, µM/min: Vmax C^h / (Km^h + C^h)."""
    if np.ndim(hill) == 0 and hill == 1.0:  # fast path for the default kinetics
        c = np.maximum(c_in, 0.0)
        return vmax * c / (KM_UM + c)
    ch = power(c_in, hill)
    return vmax * ch / (power(KM_UM, hill) + ch)


def rate(c_in, c_out, vmax, hill=HILL_SIMPLE):
    """dC_in/dt, µM/min: passive exchange minus pumping."""
    return K_PASSIVE_PER_MIN * (c_out - c_in) - efflux(c_in, vmax, hill)


def rate_slope(c_in, vmax, hill=HILL_SIMPLE):
    """Derivative of rate() with respect to C_in, per minute (for implicit time steps)."""
    c = np.maximum(c_in, 0.0)
    if np.ndim(hill) == 0 and hill == 1.0:  # fast path: d/dC [C/(Km + C)] = Km / (Km + C)^2
        d = KM_UM + c
        return -K_PASSIVE_PER_MIN - vmax * KM_UM / (d * d)
    kmh = power(KM_UM, hill)
    # d/dC [C^h/(Km^h + C^h)] = h Km^h C^(h-1) / (Km^h + C^h)^2
    c_h_minus_1 = np.where(np.asarray(hill) == 2.0, c, np.power(c, np.asarray(hill) - 1.0))
    return -K_PASSIVE_PER_MIN - vmax * hill * kmh * c_h_minus_1 / (kmh + power(c, hill)) ** 2


def outside_for_inside(c_in, vmax, hill=HILL_SIMPLE):
    """Outside level (µM) at which a cell settles at inside level c_in: C_out = C_in + efflux/k.

    The exact inverse of steady_state, since at steady state entry k (C_out - C_in) equals pumping.
    """
    return c_in + efflux(c_in, vmax, hill) / K_PASSIVE_PER_MIN


def steady_state(c_out, vmax, hill=HILL_SIMPLE, iterations: int = 48):
    """Inside level (µM) where passive entry equals pumping, by bisection on [0, C_out]."""
    lo = np.zeros(np.broadcast(c_out, vmax, hill).shape)
    hi = np.broadcast_to(np.asarray(c_out, dtype=float), lo.shape).copy()
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        up = rate(mid, c_out, vmax, hill) > 0
        lo = np.where(up, mid, lo)
        hi = np.where(up, hi, mid)
    return 0.5 * (lo + hi)


def kept_fraction(c_out, level, inhibitor=0.0, hill=HILL_SIMPLE):
    """Share of the outside drug a cell keeps inside at steady state (0-1)."""
    c_out = np.asarray(c_out, dtype=float)
    return steady_state(c_out, pump_vmax(level, inhibitor), hill) / c_out


def kept_fraction_low_drug(level, inhibitor=0.0):
    """The low-drug limit of kept_fraction for simple kinetics: 1 / (1 + pumping index)."""
    return 1.0 / (1.0 + pumping_index(level, inhibitor))
