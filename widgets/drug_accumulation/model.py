"""One cell taking up drug passively while MDR1 pumps it out (pure NumPy, vectorised).

dC/dt = k (C_out(t) - C) - Vmax_eff C / (Km + C)        (Michaelis-Menten pumping, h = 1)
Vmax_eff = R k Km * level / (1 + I/Ki)

The pump pharmacology (Km, Hill coefficient, k, pumping index, efflux, steady state) lives in
widgets/pump_science.py, shared with the dose_response and inhibitor_tradeoff models.
"""
from __future__ import annotations

import numpy as np

from mdr_explainer.widgets.pump_science import (  # noqa: F401  (re-exported for the tests)
    HILL_SIMPLE, K_PASSIVE_PER_MIN, KM_UM, R_REFERENCE, efflux, pump_vmax, rate, rate_slope, steady_state)

# Doxorubicin plasma phases, minutes: distribution t½ ≈ 5 min, terminal t½ 20-48 h.
DISTRIBUTION_HALF_LIFE_MIN = 5.0  # source: doxorubicinlabel
TERMINAL_HALF_LIFE_MIN = 30.0 * 60.0  # 30 h, inside the labelled 20-48 h (doxorubicinlabel); teaching choice of value
# Share of the peak that leaves in the fast phase. Teaching choice: the label gives half-lives,
# not phase sizes; 0.9 makes the fast fall visible while keeping the slow tail on the plot.
DISTRIBUTION_FRACTION = 0.9
# Time axis, minutes: 0.01 min to 48 h on a log scale, to show both the seconds-fast uptake
# and the day-long plasma tail (teaching choice).
TIME_MIN = np.geomspace(0.01, 48 * 60.0, 44)
# Pump levels drawn on the steady-state curve, × the reference cell (teaching choice: the slider range).
LEVEL_AXIS = np.linspace(0.0, 100.0, 21)
# Time steps per interval of TIME_MIN (numerical choice: keeps the time course within 1% of a fine run).
SUBSTEPS = 4


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


def steady_fluxes(c_out, c_in, vmax):
    """Drug crossing the membrane each minute at steady state, µM/min (what the mechanism view moves).

    Passive entry k C_out, passive leak back out k C_in, and pumping; entry equals leak plus
    pumping, i.e. the net passive entry k (C_out - C_in) equals pumping. The per-molecule rates
    (per minute) say how soon a drug molecule inside leaves by each route.
    """
    pumped = efflux(c_in, vmax)
    return {
        "entry_flux": K_PASSIVE_PER_MIN * c_out,
        "leak_flux": K_PASSIVE_PER_MIN * c_in,
        "pump_flux": pumped,
        "leak_per_molecule": np.full(np.shape(c_in), K_PASSIVE_PER_MIN),
        "pump_per_molecule": pumped / np.maximum(c_in, 1e-300),
    }


def compute(mdr1_level, inhibitor, drug_outside, outside_profile):
    """Curves and summaries for the chosen cell and an uninhibited reference cell (inputs may be arrays).

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
        **steady_fluxes(peak, ss_cell, pump_vmax(working, 0.0)),
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
        "fold_higher": ss_cell / ss_normal,
        "pump_activity_pct": 100.0 / (1.0 + inh),
        "peak_cell_pct": cell.max(axis=-1) * 100.0 / peak,
    }
