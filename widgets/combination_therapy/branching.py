"""Bozic's branching process for k drugs: rates, mutational paths, starting numbers and dynamics.

After Bozic et al. 2013 [bozic2013]. With k drugs there are 2^k kinds of cell, one for each set of
drugs the cell resists, numbered by bits (drug A = 1, B = 2, C = 4); for two drugs 0 is sensitive
to both, 1 resists A only, 2 resists B only and 3 resists both.

Every cell divides at rate b. Before treatment every cell dies at rate d (< b). A drug that a cell
is sensitive to raises its death rate to b + KILL; a cell resistant to every drug given keeps d.
At each division a cell may gain a resistance mutation to drug i alone at n_i * u, and (if
cross-resistance exists) to every drug at once at n_x * u, where u is the point mutation rate per
base pair per division. Bozic's cross-resistance for three drugs is one mutation that resists all
three ("a mutation conferring cross-resistance to three drugs") [bozic2013].

Pure NumPy, vectorised over parameter sets.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import permutations
from math import factorial, prod

import numpy as np

# --- Rates from Bozic et al. 2013 (melanoma lesions on vemurafenib) [bozic2013] ---------------
# Birth (division) rate, per day: one division every 7 days in melanoma cells.
BIRTH_PER_DAY = 0.14
# Death rate before treatment, per day: b - 0.01, so lesions grow at the observed net 0.01 per day.
DEATH_PER_DAY = 0.13
# Extra death of sensitive cells under a drug, per day: lesions shrank at a median 0.03 per day,
# so d' = b + 0.03 (Bozic's default: the drug changes only the death rate).
KILL_PER_DAY = 0.03
# Number of point mutations that can confer resistance to each drug alone: n1 = n2 = 50 ("about 50
# different mutations can confer resistance to a typical targeted therapeutic agent"), so n3 = 50 too.
SITES_PER_DRUG = 50
# Cross-resistance: 0 (none) or 1 point mutation that resists every drug given (n12 = 0 or 1).
CROSS_SITES = (0, 1)

# Survival probability of a lineage started by one cell that is not killed: s = 1 - d/b.
SURVIVAL = 1.0 - DEATH_PER_DAY / BIRTH_PER_DAY
# Lineages present when the tumour is found, per lineage founded that survives for good:
# -ln(s)/(1 - s), the ratio of the exponents of Bozic's p1 (presence) and p1-up of his equation (1).
PRESENT_PER_SURVIVING = -np.log(SURVIVAL) / (1.0 - SURVIVAL)


def mu(cells, u):
    """Bozic's effective mutation parameter: mu = (u / s) ln(M s)."""
    return np.asarray(u) / SURVIVAL * np.log(np.asarray(cells) * SURVIVAL)


@lru_cache(maxsize=None)
def path_counts(sites: tuple) -> tuple[dict, dict]:
    """Ordered paths to resistance to every drug, by steps: (without cross-resistance, per cross mutation)."""
    k = len(sites)
    plain, per_cross = {k: float(factorial(k) * prod(sites))}, {}
    for m in range(k):
        for order in permutations(range(k), m):
            per_cross[m + 1] = per_cross.get(m + 1, 0.0) + float(prod(sites[i] for i in order))
    return plain, per_cross


def paths_by_steps(sites, n_cross) -> dict:
    """{steps: number of ordered mutational paths to resistance to every drug}, for drug sites n_i.

    A path is the k single-drug mutations in some order, or some of them followed by the one
    cross-resistance mutation; for two drugs the two-step count is Bozic's 2 n1 n2 + n12 (n1 + n2).
    """
    plain, per_cross = path_counts(tuple(float(n) for n in sites))
    n_cross = np.asarray(n_cross, float)
    return {j: plain.get(j, 0.0) + per_cross.get(j, 0.0) * n_cross for j in sorted(set(plain) | set(per_cross))}


def expected_resistant_start(cells, u, sites, n_cross):
    """Expected cells (..., 2^k) of each kind in a tumour of M cells, by the drugs they resist.

    Resistant to a set I of drugs (not all): M prod(n_i) mu^|I|. Resistant to every drug:
    X = M sum over paths of mu^steps / steps!, which is Bozic's X = M [n12 mu + n1 n2 mu^2 + ...]
    and his M n1 n2 ... nk mu^k for k drugs without cross-resistance [bozic2013].
    """
    cells = np.asarray(cells, float)
    m = mu(cells, u)
    k = len(sites)
    kinds = []
    for kind in range((1 << k) - 1):
        chosen = [sites[i] for i in range(k) if kind >> i & 1]
        kinds.append(cells * float(np.prod(chosen)) * m ** len(chosen))
    kinds.append(cells * sum(w * m ** j / factorial(j) for j, w in paths_by_steps(sites, n_cross).items()))
    return np.stack(np.broadcast_arrays(*kinds), axis=-1)


def surviving_lineages_start(cells, u, sites, n_cross):
    """Mean number of lineages resistant to every drug, founded before treatment, that survive.

    An ordered path of j steps adds M u^j (ln(M s) / s)^(j-1) / (j-1)!: one step is Bozic's
    p1-up = exp(-M u n12); two steps his p2-up without the part his formula adds for cells that
    finish the path during treatment (here the treatment dynamics count those) [bozic2013]; three
    steps is the same integral taken once more (our extension).
    """
    cells, u = np.asarray(cells, float), np.asarray(u, float)
    log_size = np.log(cells * SURVIVAL) / SURVIVAL
    return sum(w * cells * u ** j * log_size ** (j - 1) / factorial(j - 1)
               for j, w in paths_by_steps(sites, n_cross).items())


def present_lineages_start(cells, u, sites, n_cross):
    """Poisson mean of lineages resistant to every drug present at the start: -ln(p1 p2) [bozic2013].

    p1 = exp(M u n12 ln(s) / (1 - s)); p2 = exp[M u^2 (2 n1 n2 + n12 (n1 + n2)) ln(s) ln(M s) / (s (1 - s))].
    """
    return PRESENT_PER_SURVIVING * surviving_lineages_start(cells, u, sites, n_cross)


def chance_present(lineages):
    """Chance that at least one lineage is present, 1 - exp(-lineages)."""
    return -np.expm1(-np.asarray(lineages, float))


def generator(u, sites, n_cross, given: int):
    """Rate matrices (..., 2^k, 2^k) of the expected numbers of each kind while drugs `given` are given.

    `given` is a bit mask (A = 1, B = 2, C = 4). A kind gains resistance to drug i at b u n_i, and
    every kind but the fully resistant gains all at once at b u n_x, as in Bozic's model, where a
    cell resistant to drug 1 becomes resistant to both at u (n2 + n12) [bozic2013].
    """
    u = np.asarray(u, float)
    n_cross = np.broadcast_to(np.asarray(n_cross, float), u.shape)
    k = len(sites)
    full = (1 << k) - 1
    g = np.zeros(u.shape + (1 << k, 1 << k))
    for kind in range(1 << k):
        # Net rate: b - d for cells no drug given kills; b - (b + KILL) = -KILL for killed cells.
        g[..., kind, kind] = -KILL_PER_DAY if given & ~kind else BIRTH_PER_DAY - DEATH_PER_DAY
        for i in range(k):
            if not kind >> i & 1:
                g[..., kind | 1 << i, kind] += BIRTH_PER_DAY * sites[i] * u
        if kind != full:
            g[..., full, kind] += BIRTH_PER_DAY * n_cross * u
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


def influx_to_full(cells, g):
    """New fully resistant cells per day (..., T) from expected numbers (..., T, 2^k) and a generator."""
    return np.einsum("...tk,...k->...t", cells[..., :-1], g[..., -1, :-1])
