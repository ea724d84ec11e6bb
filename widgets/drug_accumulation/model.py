"""One cell taking up drug passively while MDR1 pumps it out (pure NumPy, vectorised).

dC/dt = k (C_out(t) - C) - Vmax_eff C^h / (Km^h + C^h)
Vmax_eff = R_NORMAL k Km * level / (1 + I/Ki)
"""
from __future__ import annotations

import numpy as np

# Km of P-gp for daunorubicin, µM (inside-out membrane vesicles from resistant cells).
KM_UM = 1.5  # µM; source: FACTS §3.1, S45 (ref key: daunorubicinvesicles1994)
# Hill coefficient of daunorubicin transport, dimensionless (positive cooperativity).
HILL = 2.0  # source: FACTS §3.1, S45 (ref key: daunorubicinvesicles1994)
# Doxorubicin passive permeability, cm/s (Ehrlich ascites cells, 37 °C).
PERMEABILITY_CM_S = 2.4e-5  # source: FACTS §3.3, S53 (ref key: doxpermeability1983)
# Cell radius, µm. Teaching choice: a typical 15 µm-wide tumour cell, used only to turn P into k.
CELL_RADIUS_UM = 7.5
# Passive rate constant k = P * A/V = P * 3/r, per minute (DERIVED in FACTS §3.3: ~5.8 min^-1).
K_PASSIVE_PER_MIN = PERMEABILITY_CM_S * 3.0 / (CELL_RADIUS_UM * 1e-4) * 60.0
# Pump index R = Vmax/(k Km) of a normal cell (level 1), dimensionless. Teaching choice: 2, so
# that 5-50 × a normal cell's pumps spans R = 10-100, the strongly resistant range DERIVED in
# FACTS §3.11, and the 20× default of dose_response lands in the cited 10-22-fold K562r range.
R_NORMAL = 2.0
# Doxorubicin plasma phases, minutes: distribution t½ ≈ 5 min, terminal t½ 20-48 h (US label).
DISTRIBUTION_HALF_LIFE_MIN = 5.0  # source: FACTS §3.8, S34 (ref key: doxorubicinlabel)
TERMINAL_HALF_LIFE_MIN = 30.0 * 60.0  # 30 h, inside the labelled 20-48 h; teaching choice of value
# Share of the peak that leaves in the fast phase. Teaching choice: the label gives half-lives,
# not phase sizes; 0.9 makes the fast fall visible while keeping the slow tail on the plot.
DISTRIBUTION_FRACTION = 0.9
# Time axis, minutes: 0.01 min to 48 h on a log scale, to show both the seconds-fast uptake
# and the day-long plasma tail.
TIME_MIN = np.geomspace(0.01, 48 * 60.0, 44)
LEVEL_AXIS = np.linspace(0.0, 20.0, 21)
SUBSTEPS = 4


def pump_vmax(mdr1_level, inhibitor):
    """Maximal efflux rate (µM/min) for a pump level (× normal) and inhibitor dose (× Ki)."""
    return R_NORMAL * K_PASSIVE_PER_MIN * KM_UM * np.asarray(mdr1_level) / (1.0 + np.asarray(inhibitor))


def hill_power(c):
    """C^h for C >= 0 (a plain product for the Hill coefficient of 2)."""
    c = np.maximum(c, 0.0)
    return c * c if HILL == 2.0 else np.power(c, HILL)


def efflux(c_in, vmax):
    """Hill-type saturable efflux, µM/min."""
    ch = hill_power(c_in)
    return vmax * ch / (KM_UM**HILL + ch)


def rate(c_in, c_out, vmax):
    """dC_in/dt: passive exchange minus pumping."""
    return K_PASSIVE_PER_MIN * (c_out - c_in) - efflux(c_in, vmax)


def rate_slope(c_in, vmax):
    """Derivative of rate() with respect to C_in, for Newton steps."""
    c = np.maximum(c_in, 0.0)
    kmh = KM_UM**HILL
    return -K_PASSIVE_PER_MIN - vmax * HILL * kmh * (c if HILL == 2.0 else np.power(c, HILL - 1)) / (kmh + hill_power(c)) ** 2


def steady_state(c_out, vmax, iterations: int = 48):
    """Inside level where passive entry equals pumping, by bisection on [0, C_out] (µM)."""
    lo = np.zeros(np.broadcast(c_out, vmax).shape)
    hi = np.broadcast_to(np.asarray(c_out, dtype=float), lo.shape).copy()
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        up = rate(mid, c_out, vmax) > 0
        lo = np.where(up, mid, lo)
        hi = np.where(up, hi, mid)
    return 0.5 * (lo + hi)


def outside_level(t_min, peak_um, profile):
    """Drug outside the cell: constant (profile 0) or a two-phase doxorubicin-like fall (1)."""
    t = np.asarray(t_min)
    fast = np.exp(-np.log(2) * t / DISTRIBUTION_HALF_LIFE_MIN)
    slow = np.exp(-np.log(2) * t / TERMINAL_HALF_LIFE_MIN)
    falling = DISTRIBUTION_FRACTION * fast + (1 - DISTRIBUTION_FRACTION) * slow
    peak = np.asarray(peak_um)[..., None]
    shape = np.where(np.asarray(profile)[..., None] >= 0.5, falling, 1.0)
    return peak * shape


def simulate(times, c_out_series, vmax, substeps: int = SUBSTEPS):
    """Inside drug at each time, starting drug-free (exponential Rosenbrock-Euler steps).

    Each step is exact for linear kinetics and keeps the steady state exactly where rate() = 0.
    The Jacobian is always below -k < 0, so (e^z - 1)/z never divides by zero.
    """
    c = np.zeros(np.shape(vmax))
    out = [c]
    times = np.asarray(times, dtype=float)
    for j in range(len(times) - 1):
        dt = (times[j + 1] - times[j]) / substeps
        c0, dc = c_out_series[..., j], c_out_series[..., j + 1] - c_out_series[..., j]
        for s in range(substeps):
            c_out = c0 + dc * ((s + 0.5) / substeps)
            z = rate_slope(c, vmax) * dt
            c = np.maximum(c + np.expm1(z) / z * dt * rate(c, c_out, vmax), 0.0)
        out.append(c)
    return np.stack(out, axis=-1)


def compute(mdr1_level, inhibitor, drug_outside, outside_profile):
    """Curves and summaries for the chosen cell and an uninhibited normal cell (inputs may be arrays).

    The steady-state curve is drawn against working pumps, level / (1 + I/Ki): the amount of
    pumping the inhibitor leaves, which is all the steady state depends on.
    """
    level, inh, peak, profile = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in
                                                     (mdr1_level, inhibitor, drug_outside, outside_profile)))
    vmax_cell = pump_vmax(level, inh)
    vmax_normal = pump_vmax(np.ones_like(level), np.zeros_like(inh))
    c_out = outside_level(TIME_MIN, peak, profile)
    both = simulate(TIME_MIN, np.stack([c_out, c_out]), np.stack([vmax_cell, vmax_normal]))
    cell, normal = both[0], both[1]
    working = level / (1.0 + inh)
    levels = np.concatenate([working[..., None], np.ones_like(level)[..., None],
                             np.broadcast_to(LEVEL_AXIS, level.shape + LEVEL_AXIS.shape)], axis=-1)
    steady = steady_state(peak[..., None], pump_vmax(levels, 0.0))
    ss_cell, ss_normal, curve = steady[..., 0], steady[..., 1], steady[..., 2:] / peak[..., None]
    to_pct = 100.0 / peak[..., None]
    return {
        "t": np.broadcast_to(TIME_MIN, c_out.shape),
        "outside_pct": c_out * to_pct,
        "normal_pct": normal * to_pct,
        "cell_pct": cell * to_pct,
        "level_axis": np.broadcast_to(LEVEL_AXIS, curve.shape),
        "working_pumps": working,
        "ratio_curve_pct": 100.0 * curve,
        "ratio_cell_pct": 100.0 * ss_cell / peak,
        "ratio_normal_pct": 100.0 * ss_normal / peak,
        "inside_cell_um": ss_cell,
        "fold_lower": ss_normal / ss_cell,
        "pump_activity_pct": 100.0 / (1.0 + inh),
        "peak_cell_pct": cell.max(axis=-1) * 100.0 / peak,
    }
