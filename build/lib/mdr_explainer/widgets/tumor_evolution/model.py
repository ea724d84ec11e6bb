"""Drug-sensitive and resistant tumour cells competing for space, under two dosing strategies.

Lotka-Volterra competition with a cost of resistance (the generic two-population form of the
adaptive-therapy models [gatenby2009, strobl2021]):

    dS/dt = rS S (1 - (S + aSR R)/K) - kill D(t) S
    dR/dt = rR R (1 - (R + aRS S)/K),        rR = rS (1 - cost)

Cells are counted as a share of the space the tumour can fill (K = 1). D(t) is 1 while the drug
is given and 0 while it is paused. Pure NumPy, vectorised over parameter sets; deterministic.
"""
from __future__ import annotations

import numpy as np

# --- Growth and killing (teaching choices, time in days) -----------------------------------
# Growth rate of sensitive cells when space is free, per day: ln 2 / doubling time (the definition
# of a specific growth rate). Teaching choice: a 60-day doubling time, between tumours that double
# in days and those that take months to years, so that a course of treatment plays out over months
# to a few years, the time scale of the prostate pilot [zhang2017, zhang2022].
SENSITIVE_GROWTH_PER_DAY = np.log(2.0) / 60.0
# Death rate of sensitive cells at full dose, per day. Teaching choice: the drug halves the tumour
# in about a month, so that on/off cycles are visible on a five-year plot.
DRUG_KILL_PER_DAY = 0.03
# Effect of resistant cells on sensitive cells (aSR), dimensionless. Teaching choice: 1, as in the
# generic form [strobl2021]; only the effect of sensitive on resistant cells (aRS) is a slider.
COMPETITION_SR = 1.0

# --- Slider choices, mapped from option index to value ---------------------------------------
# Effect of sensitive on resistant cells (aRS). 1 = equal footing (generic form [strobl2021]);
# 6 = the value fitted in the prostate pilot update [zhang2022] (a different tumour and drug).
COMPETITION_LEVELS = (0.0, 0.5, 1.0, 2.0, 6.0)
# Share of resistant cells when treatment starts. Teaching choice: rare, as argued by
# [gatenby2009]; three log-spaced steps.
RESISTANT_START_SHARES = (1e-3, 1e-2, 1e-1)

# --- Treatment rules --------------------------------------------------------------------------
# Tumour size at the start of treatment, share of the space. Teaching choice: three quarters full,
# so that a 20% rise (the progression rule below) still fits below the ceiling of 1.
START_BURDEN = 0.75
# Adaptive rule of the prostate pilot: pause when the burden marker falls below half of its
# baseline, restart when it returns to baseline [zhang2017, zhang2022].
PAUSE_FRACTION = 0.5
RESTART_FRACTION = 1.0
# Progression: burden first exceeds 1.2 x its value at the start of treatment. Teaching choice,
# a stated rule for this model; it is not the pilot's clinical definition.
PROGRESSION_FRACTION = 1.2

# --- Time axis and numerics -------------------------------------------------------------------
HORIZON_DAYS = 1800.0  # about five years
SAMPLE_DAYS = 20.0  # spacing of plotted points, days
SAMPLE_DAYS_AXIS = np.arange(0.0, HORIZON_DAYS + 0.5 * SAMPLE_DAYS, SAMPLE_DAYS)
SUBSTEPS = 1  # integrator steps per plotted point; results agree with 8 substeps (see tests)
MAX_DRUG_PERIODS = 12  # drug-on periods stored for the shading; no slider setting needs more
CONTINUOUS, ADAPTIVE, NO_DRUG = 0, 1, 2

# --- Goldie-Coldman view ----------------------------------------------------------------------
# Tumour sizes for the curve, number of cells (log axis 1e2 to 1e12).
GC_CELLS = np.geomspace(1e2, 1e12, 81)
# Reference size for the readout: 1e9 cells. Teaching choice: the size often quoted for a 1 cm³
# lump (our calculation at about 10^9 cells per cm³), used as the worked example in Lesson 4.
GC_REFERENCE_CELLS = 1e9


def goldie_coldman(cells, mutation_rate):
    """Chance that at least one resistant cell exists, 1 - exp(-a (N - 1)) (commonly quoted form)."""
    return -np.expm1(-np.asarray(mutation_rate) * (np.asarray(cells) - 1.0))


class Rates:
    """Per-cell growth terms of [sensitive, resistant] (axis 0), with the drug switched on or off."""

    def __init__(self, resistance_cost, competition, drug_on):
        """Growth rates, competition and the starting drug state for every parameter set."""
        self.growth = np.stack([np.full(resistance_cost.shape, SENSITIVE_GROWTH_PER_DAY),
                                SENSITIVE_GROWTH_PER_DAY * (1.0 - resistance_cost)])
        self.crowding = self.growth * np.stack([np.full(competition.shape, COMPETITION_SR), competition])
        self.set_drug(drug_on)

    def set_drug(self, drug_on):
        """Switch the drug on or off (bool array); the drug kills sensitive cells only."""
        self.drug_on = drug_on
        self.free = self.growth.copy()
        self.free[0] -= DRUG_KILL_PER_DAY * drug_on

    def per_capita(self, x):
        """Growth per cell per day at state x: r (1 - own - a x other) - kill."""
        return self.free - self.growth * x - self.crowding * x[::-1]

    def step(self, x, slope, dt):
        """One classical Runge-Kutta step for log cell numbers (keeps cells positive; 4th order).

        slope is per_capita(x), passed in because the previous step already computed it.
        """
        k2 = self.per_capita(x * np.exp(slope * (0.5 * dt)))
        k3 = self.per_capita(x * np.exp(k2 * (0.5 * dt)))
        k4 = self.per_capita(x * np.exp(k3 * dt))
        return x * np.exp((slope + 2.0 * (k2 + k3) + k4) * (dt / 6.0))


def crossing_fraction(before, after, slope_before, slope_after, level):
    """Where in a step (0..1) the burden crossed level (entries that did not cross give 1).

    Cubic Hermite interpolation of log burden from its values and slopes (per step) at both ends,
    with one Newton step from the log-linear guess.
    """
    crossed = (before - level) * (after - level) <= 0.0
    y0 = np.log(before)
    rise = np.log(after) - y0
    target = np.log(np.where(crossed, level, after)) - y0
    t = np.clip(target / np.where(rise == 0.0, 1.0, rise), 0.0, 1.0)
    t2, rest = t * t, 1.0 - t
    value = t2 * (3.0 - 2.0 * t) * rise + t * rest * rest * slope_before - t2 * rest * slope_after
    slope = 6.0 * t * rest * rise + rest * (1.0 - 3.0 * t) * slope_before + t * (3.0 * t - 2.0) * slope_after
    return np.clip(t - (value - target) / np.where(slope == 0.0, 1.0, slope), 0.0, 1.0)


def log_burden_slope(x, per_capita, burden):
    """Rate of change of log total burden, per day."""
    return (x[0] * per_capita[0] + x[1] * per_capita[1]) / burden


def starting_state(resistant_share):
    """Sensitive and resistant cells at the start of treatment (axis 0)."""
    share = np.asarray(resistant_share, dtype=float)
    return np.stack([START_BURDEN * (1.0 - share), START_BURDEN * share])


def redo_switched_step(rates, x, slope, new, new_slope, burden, after, flip, level, dt):
    """Redo a step in which the drug was switched: old drug state up to the crossing, new after.

    Returns the new state, its per-cell growth and the fraction of the step before the switch.
    """
    frac = np.where(flip, crossing_fraction(
        burden, after, dt * log_burden_slope(x, slope, burden),
        dt * log_burden_slope(new, new_slope, after), level), 1.0)
    part = rates.step(x, slope, frac * dt)
    rates.set_drug(rates.drug_on ^ flip)
    new = np.where(flip, rates.step(part, rates.per_capita(part), (1.0 - frac) * dt), new)
    return new, rates.per_capita(new), frac


def watch_levels(drug_on, pause_level, restart_level, progress_level):
    """Burden levels that call for attention: below low, or at or above high."""
    low = np.where(drug_on, pause_level, -np.inf)
    high = np.minimum(np.where(drug_on, np.inf, restart_level), progress_level)
    return low, high


def simulate(resistance_cost, competition, resistant_share, dosing, substeps: int = SUBSTEPS,
             start=None):
    """Cells over time under a dosing rule (CONTINUOUS, ADAPTIVE or NO_DRUG); inputs broadcast.

    start, if given, replaces the starting [sensitive, resistant] cells (axis 0).

    Returns cells (2, *shape, samples), switch_days (*shape, steps; inf where no switch) and
    progression_day (*shape; inf if the burden never passes the progression line).
    """
    first = np.zeros(()) if start is None else np.asarray(start, dtype=float)[0]
    cost, comp, share, mode, _ = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in
                                                       (resistance_cost, competition, resistant_share, dosing, first)))
    x = starting_state(share) if start is None else np.broadcast_to(np.asarray(start, float), (2,) + cost.shape)
    rates = Rates(cost, comp, mode != NO_DRUG)
    adaptive = mode == ADAPTIVE
    pause_level = np.where(adaptive, PAUSE_FRACTION * START_BURDEN, -np.inf)
    restart_level = np.where(adaptive, RESTART_FRACTION * START_BURDEN, np.inf)
    progress_level = np.full(cost.shape, PROGRESSION_FRACTION * START_BURDEN)
    dt = SAMPLE_DAYS / substeps
    steps = (len(SAMPLE_DAYS_AXIS) - 1) * substeps
    cells = np.empty((len(SAMPLE_DAYS_AXIS),) + x.shape)
    cells[0] = x
    switch_days = np.full((steps,) + cost.shape, np.inf)
    progression_day = np.full(cost.shape, np.inf)
    burden = x[0] + x[1]
    slope = rates.per_capita(x)
    # Alarm levels: the burden falling below `low` pauses the drug; rising to `high` restarts it
    # or, with the drug on, marks progression (the rarer events are sorted out when they happen).
    low, high = watch_levels(rates.drug_on, pause_level, restart_level, progress_level)
    step, per_capita = rates.step, rates.per_capita
    for i in range(steps):
        new = step(x, slope, dt)
        new_slope = per_capita(new)
        after = new[0] + new[1]
        alarm = (after < low) | (after >= high)
        if alarm.any():
            flip = np.where(rates.drug_on, after < pause_level, after >= restart_level)
            if flip.any():
                level = np.where(rates.drug_on, pause_level, restart_level)
                new, new_slope, frac = redo_switched_step(rates, x, slope, new, new_slope, burden, after,
                                                          flip, level, dt)
                switch_days[i] = np.where(flip, (i + frac) * dt, np.inf)
                after = new[0] + new[1]
            crossed = after > progress_level
            if crossed.any():
                frac = np.clip((progress_level - burden) / np.where(crossed, after - burden, 1.0), 0.0, 1.0)
                progression_day = np.where(crossed, (i + frac) * dt, progression_day)
                progress_level = np.where(crossed, np.inf, progress_level)
            low, high = watch_levels(rates.drug_on, pause_level, restart_level, progress_level)
        x, slope, burden = new, new_slope, after
        if (i + 1) % substeps == 0:
            cells[(i + 1) // substeps] = x
    return {"cells": np.moveaxis(cells, 0, -1), "switch_days": np.moveaxis(switch_days, 0, -1),
            "progression_day": progression_day, "drug_from_start": mode != NO_DRUG}


def drug_periods(switch_days, drug_from_start):
    """Start and end day of each drug-on period, (…, MAX_DRUG_PERIODS, 2); unused ones sit at the end."""
    times = np.sort(switch_days, axis=-1)[..., : 2 * MAX_DRUG_PERIODS - 1]
    if times.shape[-1] < 2 * MAX_DRUG_PERIODS - 1:
        pad = np.full(times.shape[:-1] + (2 * MAX_DRUG_PERIODS - 1 - times.shape[-1],), np.inf)
        times = np.concatenate([times, pad], axis=-1)
    first = np.where(drug_from_start, 0.0, HORIZON_DAYS)[..., None]
    edges = np.minimum(np.concatenate([first, times], axis=-1), HORIZON_DAYS)
    return edges.reshape(edges.shape[:-1] + (MAX_DRUG_PERIODS, 2))


def switch_count(switch_days):
    """Number of drug on/off switches within the plotted time."""
    return np.isfinite(switch_days).sum(axis=-1)


def drug_days_until(periods, day):
    """Days at full dose given from the start up to day (day broadcasts over periods)."""
    until = np.asarray(day, dtype=float)[..., None]
    return np.clip(np.minimum(periods[..., 1], until) - periods[..., 0], 0.0, None).sum(axis=-1)


def band_edges(periods):
    """x values that draw each drug period as a rectangle: s, s, e, e for every period."""
    return np.repeat(periods, 2, axis=-1).reshape(periods.shape[:-2] + (4 * MAX_DRUG_PERIODS,))


def compute(strategy, resistance_cost, competition, resistant_start, log10_mutation_rate,
            substeps: int = SUBSTEPS):
    """Curves and readouts for both strategies and the Goldie-Coldman view (inputs may be arrays)."""
    shown, cost_pct, comp_i, start_i, log_rate = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (
        strategy, resistance_cost, competition, resistant_start, log10_mutation_rate)))
    comp = np.take(COMPETITION_LEVELS, np.rint(comp_i).astype(int))
    share = np.take(RESISTANT_START_SHARES, np.rint(start_i).astype(int))
    modes = np.array([CONTINUOUS, ADAPTIVE]).reshape((2,) + (1,) * shown.ndim)
    run = simulate(cost_pct / 100.0, comp, share, modes, substeps=substeps)
    periods = drug_periods(run["switch_days"], run["drug_from_start"])
    end = np.minimum(run["progression_day"], HORIZON_DAYS)
    drug = drug_days_until(periods, end)
    pick = (np.rint(shown).astype(int) == ADAPTIVE)
    cells = np.where(pick[..., None], run["cells"][:, 1], run["cells"][:, 0])
    rate = 10.0 ** log_rate
    return {
        "day": np.broadcast_to(SAMPLE_DAYS_AXIS, shown.shape + SAMPLE_DAYS_AXIS.shape),
        "sensitive_pct": 100.0 * cells[0],
        "resistant_pct": 100.0 * cells[1],
        "total_pct": 100.0 * (cells[0] + cells[1]),
        "drug_x": np.where(pick[..., None], band_edges(periods[1]), band_edges(periods[0])),
        "start_line_pct": np.full(shown.shape, 100.0 * START_BURDEN),
        "progression_line_pct": np.full(shown.shape, 100.0 * PROGRESSION_FRACTION * START_BURDEN),
        "pause_line_pct": np.full(shown.shape, 100.0 * PAUSE_FRACTION * START_BURDEN),
        "ttp_continuous": end[0],
        "ttp_adaptive": end[1],
        "progressed_continuous": np.isfinite(run["progression_day"][0]).astype(float),
        "progressed_adaptive": np.isfinite(run["progression_day"][1]).astype(float),
        "drug_continuous": drug[0],
        "drug_adaptive": drug[1],
        "drug_share_adaptive_pct": 100.0 * drug[1] / end[1],
        "resistant_share_end": cells[1, ..., -1] / (cells[0, ..., -1] + cells[1, ..., -1]),
        "horizon_days": np.full(shown.shape, HORIZON_DAYS),
        "mutation_rate": rate,
        "gc_cells": np.broadcast_to(GC_CELLS, shown.shape + GC_CELLS.shape),
        "gc_probability": goldie_coldman(GC_CELLS, rate[..., None]),
        "gc_marker_cells": 1.0 / rate,
        "gc_marker_probability": goldie_coldman(1.0 / rate, rate),
        "gc_reference_probability": goldie_coldman(GC_REFERENCE_CELLS, rate),
    }
