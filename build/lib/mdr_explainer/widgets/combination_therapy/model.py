"""Two drugs against one tumour: sequential (A, then B) versus combined (A + B) treatment.

After Bozic et al. 2013 [bozic2013], a multitype branching process, used here through its
expected values and its published formulas. Four kinds of cell:

    S  sensitive to both drugs          A  resistant to drug A only
    B  resistant to drug B only         D  resistant to both drugs

Every cell divides at rate b. Before treatment every cell dies at rate d (< b). A drug that a cell
is sensitive to raises its death rate to b + KILL; a cell resistant to every drug given keeps d.
At each division a cell may gain a resistance mutation: to A alone at n_A * u, to B alone at
n_B * u, and (if cross-resistance exists) to both at once at n_AB * u, where u is the point
mutation rate per base pair per division.

At the start of treatment the tumour has M cells. The expected numbers of resistant cells then,
and the chance that cells resistant to both drugs are already present, are Bozic's formulas.
During treatment the expected numbers follow the linear equations of the branching process,
solved exactly over each time step with a matrix exponential. The chance of cure is the chance
that no lineage resistant to the treatment given survives: a Poisson estimate (see NOTE.md).

Pure NumPy, deterministic, vectorised over parameter sets.
"""
from __future__ import annotations

import numpy as np

# --- Rates from Bozic et al. 2013 (melanoma lesions on vemurafenib) [bozic2013] ---------------
# Birth (division) rate, per day: one division every 7 days in melanoma cells.
BIRTH_PER_DAY = 0.14
# Death rate before treatment, per day: b - 0.01, so lesions grow at the observed net 0.01 per day.
DEATH_PER_DAY = 0.13
# Extra death of sensitive cells under a drug, per day: lesions shrank at a median 0.03 per day,
# so d' = b + 0.03 (Bozic's default: the drug changes only the death rate).
KILL_PER_DAY = 0.03
# Number of point mutations that can confer resistance to each drug alone (n1 = n2 = 50).
SITES_PER_DRUG = 50
# Cross-resistance: 0 (none) or 1 point mutation that resists both drugs (n12 = 0 or 1).
CROSS_SITES = (0, 1)

# Survival probability of a lineage started by one cell that is not killed: s = 1 - d/b.
SURVIVAL = 1.0 - DEATH_PER_DAY / BIRTH_PER_DAY

# --- Time axis and numerics ------------------------------------------------------------------
# Teaching choice: eight years, long enough for a tumour regrowing at 0.01 per day to come back
# after one drug and then again after the second drug.
HORIZON_DAYS = 2920.0
STEP_DAYS = 20.0  # exact propagation step (matrix exponential), days
SAMPLE_EVERY = 1  # plotted points every 20 days
DAYS = np.arange(0.0, HORIZON_DAYS + 0.5 * STEP_DAYS, STEP_DAYS)
SAMPLE_DAYS = DAYS[::SAMPLE_EVERY]
# Teaching choice: the plot's floor and ceiling, cells. Below one cell the tumour is gone;
# 10^13 cells (roughly 10 kg of tumour at about 10^9 cells per cm³, our calculation) is beyond any
# survivable burden, so curves are capped there.
FLOOR_CELLS, CAP_CELLS = 0.1, 1e13

# --- Chance-that-resistance-exists curve (x axis of the second plot) ------------------------
CURVE_CELLS = np.geomspace(1e5, 1e13, 81)

# Treatment states: which drugs are given.
NONE, DRUG_A, DRUG_B, BOTH = 0, 1, 2, 3
# Which of (S, A, B, D) each drug kills: a cell is killed if it is sensitive to any drug given.
KILLED = {
    NONE: (0, 0, 0, 0),
    DRUG_A: (1, 0, 1, 0),
    DRUG_B: (1, 1, 0, 0),
    BOTH: (1, 1, 1, 0),
}


def mu(cells, u):
    """Bozic's effective mutation parameter: mu = (u / s) ln(M s)."""
    return np.asarray(u) / SURVIVAL * np.log(np.asarray(cells) * SURVIVAL)


def expected_resistant_start(cells, u, n_a=SITES_PER_DRUG, n_b=SITES_PER_DRUG, n_ab=0):
    """Expected numbers of A-only, B-only and doubly resistant cells in a tumour of M cells.

    Doubly resistant: X = M [n12 mu + (n1 n2 + n12/2 (n1 + n2 - n12)) mu^2] [bozic2013];
    singly resistant: the one-step term, M n mu, for each drug.
    """
    m = mu(cells, u)
    cells = np.asarray(cells, float)
    single_a = cells * n_a * m
    single_b = cells * n_b * m
    double = cells * (n_ab * m + (n_a * n_b + 0.5 * n_ab * (n_a + n_b - n_ab)) * m ** 2)
    return single_a, single_b, double


def lineages_double_start(cells, u, n_a=SITES_PER_DRUG, n_b=SITES_PER_DRUG, n_ab=0):
    """-ln(p1 p2): Poisson mean of doubly resistant lineages present at the start [bozic2013].

    p1 = exp(M u n12 ln(s) / (1 - s)); p2 = exp[M u^2 (2 n1 n2 + n12 (n1 + n2)) ln(s) ln(M s) / (s (1 - s))].
    """
    cells, u = np.asarray(cells, float), np.asarray(u, float)
    log_s = np.log(SURVIVAL)
    one_step = -cells * u * n_ab * log_s / (1.0 - SURVIVAL)
    paths = 2.0 * n_a * n_b + n_ab * (n_a + n_b)
    two_step = -cells * u ** 2 * paths * log_s * np.log(cells * SURVIVAL) / (SURVIVAL * (1.0 - SURVIVAL))
    return one_step + two_step


def lineages_one_drug_start(cells, u, n_sites):
    """Poisson mean of lineages resistant to one drug at the start: the one-step formula, p1."""
    return -np.asarray(cells, float) * np.asarray(u, float) * n_sites * np.log(SURVIVAL) / (1.0 - SURVIVAL)


def chance_present(lineages):
    """Chance that at least one lineage is present, 1 - exp(-lineages)."""
    return -np.expm1(-np.asarray(lineages, float))


def generator(u, n_ab, drugs, n_a=SITES_PER_DRUG, n_b=SITES_PER_DRUG):
    """Rate matrices (N, 4, 4) of the expected numbers (S, A, B, D) under one treatment state."""
    u = np.asarray(u, float)
    n_ab = np.broadcast_to(np.asarray(n_ab, float), u.shape)
    killed = np.asarray(KILLED[drugs], float)
    # Net rate: b - d for cells not killed; b - (b + KILL) = -KILL for killed cells.
    net = np.where(killed > 0, -KILL_PER_DAY, BIRTH_PER_DAY - DEATH_PER_DAY)
    g = np.zeros(u.shape + (4, 4))
    g[..., 0, 0], g[..., 1, 1], g[..., 2, 2], g[..., 3, 3] = net
    g[..., 1, 0] = BIRTH_PER_DAY * n_a * u  # S -> A
    g[..., 2, 0] = BIRTH_PER_DAY * n_b * u  # S -> B
    g[..., 3, 0] = BIRTH_PER_DAY * n_ab * u  # S -> D in one step (cross-resistance)
    g[..., 3, 1] = BIRTH_PER_DAY * n_b * u  # A -> D
    g[..., 3, 2] = BIRTH_PER_DAY * n_a * u  # B -> D
    return g


def expm(matrices, squarings=6, terms=8):
    """Matrix exponential of a stack of small matrices: scaling, Taylor series and squaring."""
    scaled = matrices / 2.0 ** squarings
    result = np.broadcast_to(np.eye(matrices.shape[-1]), matrices.shape).copy()
    term = result.copy()
    for k in range(1, terms + 1):
        term = term @ scaled / k
        result = result + term
    for _ in range(squarings):
        result = result @ result
    return result


def influx_to_double(cells, u, n_ab, n_a=SITES_PER_DRUG, n_b=SITES_PER_DRUG):
    """Rate of new doubly resistant cells, per day, from expected numbers (..., 4)."""
    u = np.asarray(u, float)[..., None]
    n_ab = np.asarray(n_ab, float)[..., None]
    return BIRTH_PER_DAY * u * (n_ab * cells[..., 0] + n_b * cells[..., 1] + n_a * cells[..., 2])


def run(cells, u, n_ab, n_a=SITES_PER_DRUG, n_b=SITES_PER_DRUG):
    """Expected numbers (N, T, 4) over DAYS under combined and under sequential treatment.

    Combined: drugs A and B from day 0. Sequential: drug A until the tumour has grown back to its
    size at the start, then drug B. Returns (combined, sequential, day of the switch or inf).
    """
    cells, u = np.asarray(cells, float), np.asarray(u, float)
    n_ab = np.broadcast_to(np.asarray(n_ab, float), u.shape)
    a0, b0, d0 = expected_resistant_start(cells, u, n_a, n_b, n_ab)
    start = np.stack([cells, a0, b0, d0], axis=-1)
    step = {drugs: expm(generator(u, n_ab, drugs, n_a, n_b) * STEP_DAYS) for drugs in (DRUG_A, DRUG_B, BOTH)}
    comb = np.empty(u.shape + (DAYS.size, 4))
    seq = np.empty(u.shape + (DAYS.size, 4))
    comb[..., 0, :] = seq[..., 0, :] = start
    c, s = start[..., None], start[..., None]
    switched = np.zeros(u.shape, bool)
    switch_day = np.full(u.shape, np.inf)
    for i in range(1, DAYS.size):
        c = step[BOTH] @ c
        if i > 1:
            grown_back = ~switched & (s.sum(axis=(-2, -1)) >= cells)
            if grown_back.any():
                switch_day = np.where(grown_back, DAYS[i - 1], switch_day)
                switched = switched | grown_back
        s = np.where(switched[..., None, None], step[DRUG_B], step[DRUG_A]) @ s
        comb[..., i, :] = c[..., 0]
        seq[..., i, :] = s[..., 0]
    return comb, seq, switch_day


def integral(values):
    """Integral over DAYS along the last axis, exact for a curve that is exponential on each step."""
    y0, y1 = values[..., :-1], values[..., 1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.log(np.maximum(y1, 1e-300) / np.maximum(y0, 1e-300))
        mean = np.where(np.abs(ratio) > 1e-9, (y1 - y0) / ratio, 0.5 * (y0 + y1))
    return np.sum(np.where((y0 > 0) & (y1 > 0), mean, 0.5 * (y0 + y1)), axis=-1) * STEP_DAYS


def compute(log10_cells, log10_mutation_rate, cross_resistance, n_a=SITES_PER_DRUG, n_b=SITES_PER_DRUG,
            n_ab=None):
    """All outputs for the widget, vectorised over parameter arrays.

    cross_resistance is the option index (0: none, 1: one mutation resists both); n_ab overrides
    the number of cross-resistance mutations (tests use it for the limits).
    """
    log10_cells, log10_mutation_rate, cross_resistance = np.broadcast_arrays(
        np.asarray(log10_cells, float), np.asarray(log10_mutation_rate, float), np.asarray(cross_resistance, float))
    cells = 10.0 ** log10_cells
    u = 10.0 ** log10_mutation_rate
    if n_ab is None:
        n_ab = np.asarray(CROSS_SITES, float)[np.clip(np.rint(cross_resistance), 0, 1).astype(int)]
    n_ab = np.broadcast_to(np.asarray(n_ab, float), u.shape)

    comb, seq, switch_day = run(cells, u, n_ab, n_a, n_b)

    # --- Poisson means of surviving resistant lineages -----------------------------------------
    # Doubly resistant (resists everything given, under either schedule).
    double_start = lineages_double_start(cells, u, n_a, n_b, n_ab)
    double_comb = double_start + SURVIVAL * integral(influx_to_double(comb, u, n_ab, n_a, n_b))
    double_seq = double_start + SURVIVAL * integral(influx_to_double(seq, u, n_ab, n_a, n_b))
    # Resistant to drug A (A-only or cross-resistant), when A is given alone.
    a_start = lineages_one_drug_start(cells, u, n_a + n_ab)
    s_under_a = cells[..., None] * np.exp(-KILL_PER_DAY * DAYS)
    a_alone = a_start + SURVIVAL * BIRTH_PER_DAY * u * (n_a + n_ab) * integral(s_under_a)
    # After the switch to B, cells resistant to B that are still there: B-only cells (left over
    # from the start, killed by A so far) each found a surviving lineage with chance s.
    switch_index = np.where(np.isfinite(switch_day), switch_day, 0.0) / STEP_DAYS
    b_at_switch = np.where(np.isfinite(switch_day),
                           np.take_along_axis(seq[..., 2], np.rint(switch_index).astype(int)[..., None], -1)[..., 0],
                           0.0)
    b_lineages = SURVIVAL * b_at_switch

    cure_combined = np.exp(-double_comb)
    cure_one_drug = np.exp(-a_alone)
    fails_a = -np.expm1(-a_alone)
    cure_sequential = cure_one_drug + fails_a * np.where(np.isfinite(switch_day), np.exp(-double_seq - b_lineages),
                                                         np.exp(-double_seq))
    # Every lineage that defeats the combination (resistant to both) also defeats the sequence, so
    # the sequence cannot cure more often; the two Poisson estimates differ slightly for small
    # tumours (by < 0.1 percentage point), and this keeps them consistent.
    cure_sequential = np.minimum(cure_sequential, cure_combined)

    # --- Typical course: each resistant kind is drawn only if more likely present than not ----
    half = np.log(2.0)
    comb_kinds = np.stack([np.ones(u.shape), (a_start >= half) * 1.0,
                           (lineages_one_drug_start(cells, u, n_b + n_ab) >= half) * 1.0,
                           (double_comb >= half) * 1.0], axis=-1)
    seq_kinds = np.stack([np.ones(u.shape), (a_alone >= half) * 1.0,
                          (lineages_one_drug_start(cells, u, n_b + n_ab) >= half) * 1.0,
                          (double_seq >= half) * 1.0], axis=-1)
    # The typical course switches to B only if resistance to A is more likely present than not.
    typical_switch = np.isfinite(switch_day) & (seq_kinds[..., 1] > 0)
    total_comb = np.einsum("...tk,...k->...t", comb, comb_kinds)
    total_seq = np.einsum("...tk,...k->...t", seq, seq_kinds)
    double_comb_cells = comb[..., 3] * comb_kinds[..., 3:4]
    sample = slice(None, None, SAMPLE_EVERY)

    def plotted(values):
        return np.clip(values[..., sample], FLOOR_CELLS, CAP_CELLS)

    _, _, x_start = expected_resistant_start(cells, u, n_a, n_b, n_ab)
    curve_cells = CURVE_CELLS
    shape = u.shape
    p_double_curve = chance_present(lineages_double_start(curve_cells, u[..., None], n_a, n_b, n_ab[..., None]))
    p_single_curve = chance_present(lineages_one_drug_start(curve_cells, u[..., None], n_a + n_ab[..., None]))
    return {
        "day": np.broadcast_to(SAMPLE_DAYS / 365.0, shape + SAMPLE_DAYS.shape),
        "total_combined": plotted(total_comb),
        "total_sequential": plotted(total_seq),
        "double_combined": plotted(double_comb_cells),
        "curve_cells": np.broadcast_to(curve_cells, shape + curve_cells.shape),
        "p_double_curve": p_double_curve,
        "p_single_curve": p_single_curve,
        "cells": cells,
        "mutation_rate": u,
        "p_double_start": chance_present(double_start),
        "p_single_start": chance_present(a_start),
        "expected_double_start": x_start,
        "cure_combined": cure_combined,
        "cure_sequential": cure_sequential,
        "cure_one_drug": cure_one_drug,
        "switch_year": np.where(typical_switch, switch_day / 365.0, 99.0),
        "switched": typical_switch * 1.0,
    }
