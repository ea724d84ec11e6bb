"""Drugs against one tumour: sequential (A, then B) versus combined (A + B, or A + B + C) treatment.

After Bozic et al. 2013 [bozic2013]; the branching process itself is in branching.py. At the start
of treatment the tumour has M cells, holding the expected numbers of resistant cells of Bozic's
formulas. During treatment the expected numbers follow the linear equations of the branching
process, solved exactly over each time step with a matrix exponential. The chance of cure is the
chance that no lineage resistant to every drug given survives: Bozic's eradication probability,
his equation (1), with the lineages made during treatment counted from the expected numbers
(see NOTE.md).

Pure NumPy, deterministic, vectorised over parameter sets.
"""
from __future__ import annotations

import numpy as np

from .branching import (CROSS_SITES, SITES_PER_DRUG, SURVIVAL, chance_present, expected_resistant_start, expm,
                        generator, influx_to_full, present_lineages_start, surviving_lineages_start)

# --- Time axis and numerics ------------------------------------------------------------------
# Teaching choice: eight years, long enough for a tumour regrowing at 0.01 per day to come back
# after one drug and then again after the second drug.
HORIZON_DAYS = 2920.0
STEP_DAYS = 20.0  # exact propagation step (matrix exponential), days
DAYS = np.arange(0.0, HORIZON_DAYS + 0.5 * STEP_DAYS, STEP_DAYS)
# Teaching choice: the plot's floor and ceiling, cells. Below one cell the tumour is gone;
# 10^13 cells (roughly 10 kg of tumour at about 10^9 cells per cm³, our calculation) is beyond any
# survivable burden, so curves are capped there.
FLOOR_CELLS, CAP_CELLS = 0.1, 1e13

# --- Chance-that-resistance-exists curve (x axis of the second plot) ------------------------
CURVE_CELLS = np.geomspace(1e5, 1e13, 81)

# Drugs as bits of a cell's kind (see branching.py).
DRUG_A, DRUG_B = 1, 2
# Teaching choice: a kind of cell is drawn in the typical course if more likely present than not,
# i.e. its Poisson mean is at least ln 2.
HALF = np.log(2.0)


def powers(step, count):
    """step^0 .. step^(count-1) of a stack of matrices, (..., count, n, n), by doubling."""
    out = np.empty(step.shape[:-2] + (count,) + step.shape[-2:])
    out[..., 0, :, :] = np.eye(step.shape[-1])
    out[..., 1, :, :] = step
    filled = 2
    while filled < count:
        block = min(filled, count - filled)
        last = out[..., filled - 1, :, :] @ step
        out[..., filled:filled + block, :, :] = last[..., None, :, :] @ out[..., :block, :, :]
        filled += block
    return out


def run_together(start, g):
    """Expected numbers (..., T, 2^k) over DAYS with every drug given from day 0."""
    return np.einsum("...tij,...j->...ti", powers(expm(g * STEP_DAYS), DAYS.size), start)


def run_sequential(start, g_a, g_b, cells):
    """Expected numbers (..., T, 4) with drug A until the tumour is back to M cells, then drug B.

    Returns the course and the day of the switch (inf if the tumour never grows back).
    """
    under_a = run_together(start, g_a)
    grown_back = under_a.sum(axis=-1)[..., 1:-1] >= cells[..., None]
    switched = grown_back.any(axis=-1)
    switch = np.where(switched, grown_back.argmax(axis=-1) + 1, DAYS.size)
    at_switch = np.take_along_axis(under_a, np.minimum(switch, DAYS.size - 1)[..., None, None], axis=-2)[..., 0, :]
    since = np.arange(DAYS.size) - switch[..., None]
    b_powers = np.take_along_axis(powers(expm(g_b * STEP_DAYS), DAYS.size),
                                  np.clip(since, 0, None)[..., None, None], axis=-3)
    under_b = np.einsum("...tij,...j->...ti", b_powers, at_switch)
    course = np.where((since > 0)[..., None], under_b, under_a)
    return course, np.where(switched, DAYS[np.minimum(switch, DAYS.size - 1)], np.inf)


def integral(values):
    """Integral over DAYS along the last axis, exact for a curve that is exponential on each step."""
    y0, y1 = values[..., :-1], values[..., 1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.log(np.maximum(y1, 1e-300) / np.maximum(y0, 1e-300))
        mean = np.where(np.abs(ratio) > 1e-9, (y1 - y0) / ratio, 0.5 * (y0 + y1))
    return np.sum(np.where((y0 > 0) & (y1 > 0), mean, 0.5 * (y0 + y1)), axis=-1) * STEP_DAYS


def lineages_resisting(cells, u, sites, n_cross, course, g):
    """Poisson mean of surviving lineages resistant to every drug: founded before or during treatment."""
    return surviving_lineages_start(cells, u, sites, n_cross) + SURVIVAL * integral(influx_to_full(course, g))


def together(cells, u, sites, n_cross):
    """Every drug of `sites` given from day 0: typical course, cure and chances of resistance."""
    k = len(sites)
    full = (1 << k) - 1
    g = generator(u, sites, n_cross, full)
    start = expected_resistant_start(cells, u, sites, n_cross)
    course = run_together(start, g)
    lineages = lineages_resisting(cells, u, sites, n_cross, course, g)
    drawn = [np.ones(u.shape)]
    for kind in range(1, full):
        subset = tuple(sites[i] for i in range(k) if kind >> i & 1)
        drawn.append(present_lineages_start(cells, u, subset, n_cross) >= HALF)
    drawn.append(lineages >= HALF)
    drawn = np.stack(drawn, axis=-1) * 1.0
    return {
        "total": np.einsum("...tk,...k->...t", course, drawn),
        "full": course[..., -1] * drawn[..., -1:],
        "cure": np.exp(-lineages),
        "lineages": lineages,
        "p_start": chance_present(present_lineages_start(cells, u, sites, n_cross)),
        "expected_start": start[..., -1],
        "p_curve": chance_present(present_lineages_start(CURVE_CELLS, u[..., None], sites, n_cross[..., None])),
    }


def one_drug(cells, u, n_a, n_cross):
    """Drug A alone: Poisson mean of surviving lineages resistant to A (A-only or cross-resistant)."""
    sites = (n_a,)
    g = generator(u, sites, n_cross, DRUG_A)
    course = run_together(expected_resistant_start(cells, u, sites, n_cross), g)
    return lineages_resisting(cells, u, sites, n_cross, course, g)


def sequential(cells, u, n_a, n_b, n_cross, a_alone):
    """Drug A until the tumour is back to its starting size, then drug B: typical course and cure."""
    sites = (n_a, n_b)
    g_a, g_b = generator(u, sites, n_cross, DRUG_A), generator(u, sites, n_cross, DRUG_B)
    course, switch_day = run_sequential(expected_resistant_start(cells, u, sites, n_cross), g_a, g_b, cells)
    # Resistant to both: founded before or during either phase (the influx does not depend on the drug).
    double = lineages_resisting(cells, u, sites, n_cross, course, g_a)
    # After the switch, B-only cells still there (killed by A so far) each found a lineage with chance s.
    switched = np.isfinite(switch_day)
    at_switch = np.rint(np.where(switched, switch_day, 0.0) / STEP_DAYS).astype(int)[..., None]
    b_lineages = np.where(switched, SURVIVAL * np.take_along_axis(course[..., 2], at_switch, -1)[..., 0], 0.0)
    cure = np.exp(-a_alone) - np.expm1(-a_alone) * np.exp(-double - b_lineages)
    b_present = present_lineages_start(cells, u, (n_b,), n_cross)
    drawn = np.stack([np.ones(u.shape), a_alone >= HALF, b_present >= HALF, double >= HALF], axis=-1) * 1.0
    typical_switch = switched & (a_alone >= HALF)  # the typical course switches only if A fails
    return {"total": np.einsum("...tk,...k->...t", course, drawn), "cure": cure,
            "switch_year": np.where(typical_switch, switch_day / 365.0, 99.0), "switched": typical_switch * 1.0}


def compute(log10_cells, log10_mutation_rate, cross_resistance, third_drug=0.0, n_a=SITES_PER_DRUG,
            n_b=SITES_PER_DRUG, n_c=SITES_PER_DRUG, n_ab=None):
    """All outputs for the widget, vectorised over parameter arrays.

    cross_resistance and third_drug are option indices (0: no, 1: yes). With cross-resistance one
    mutation resists every drug: A and B, or A, B and C [bozic2013]. n_ab overrides the number of
    cross-resistance mutations (tests use it for the limits).
    """
    log10_cells, log10_mutation_rate, cross_resistance, third_drug = np.broadcast_arrays(
        *(np.asarray(v, float) for v in (log10_cells, log10_mutation_rate, cross_resistance, third_drug)))
    cells, u = 10.0 ** log10_cells, 10.0 ** log10_mutation_rate
    if n_ab is None:
        n_ab = np.asarray(CROSS_SITES, float)[np.clip(np.rint(cross_resistance), 0, 1).astype(int)]
    n_ab = np.broadcast_to(np.asarray(n_ab, float), u.shape)
    three = third_drug >= 0.5

    two_drugs = together(cells, u, (n_a, n_b), n_ab)
    three_drugs = together(cells, u, (n_a, n_b, n_c), n_ab)
    chosen = {key: np.where(three.reshape(three.shape + (1,) * (value.ndim - three.ndim)), three_drugs[key], value)
              for key, value in two_drugs.items()}
    a_alone = one_drug(cells, u, n_a, n_ab)
    seq = sequential(cells, u, n_a, n_b, n_ab, a_alone)
    # Every lineage that defeats A + B also defeats A then B, so the sequence cannot cure more often;
    # the two estimates differ slightly for small tumours, and this keeps them consistent.
    cure_sequential = np.minimum(seq["cure"], two_drugs["cure"])

    def plotted(values):
        return np.clip(values, FLOOR_CELLS, CAP_CELLS)

    shape = u.shape
    return {
        "day": np.broadcast_to(DAYS / 365.0, shape + DAYS.shape),
        "total_combined": plotted(chosen["total"]),
        "total_sequential": plotted(seq["total"]),
        "double_combined": plotted(chosen["full"]),
        "curve_cells": np.broadcast_to(CURVE_CELLS, shape + CURVE_CELLS.shape),
        "p_double_curve": chosen["p_curve"],
        "p_single_curve": chance_present(present_lineages_start(CURVE_CELLS, u[..., None], (n_a,), n_ab[..., None])),
        "cells": cells,
        "mutation_rate": u,
        "p_double_start": chosen["p_start"],
        "p_single_start": chance_present(present_lineages_start(cells, u, (n_a,), n_ab)),
        "expected_double_start": chosen["expected_start"],
        "cure_combined": chosen["cure"],
        "cure_sequential": cure_sequential,
        "cure_one_drug": np.exp(-a_alone),
        "switch_year": seq["switch_year"],
        "switched": seq["switched"],
    }
