"""The combination_therapy widget: two drugs, given one after the other or together (Bozic 2013)."""
import numpy as np
import pytest

from mdr_explainer.widgets.combination_therapy import WIDGET
from mdr_explainer.widgets.combination_therapy import model as m

NO_CROSS, CROSS = 0.0, 1.0


def at(**changes):
    """Model outputs at the default settings with some sliders moved."""
    return WIDGET.run({**WIDGET.defaults(), **changes})


# --- analytic limits of the starting numbers ---------------------------------------------------

@pytest.mark.parametrize("cells", [1e7, 1e9, 1e11])
def test_doubly_resistant_cells_scale_with_size_times_the_product_of_the_two_mutation_probabilities(cells):
    u = 1e-9
    _, _, x = m.expected_resistant_start(cells, u, n_ab=0)
    per_drug = m.SITES_PER_DRUG * m.mu(cells, u)
    assert x == pytest.approx(cells * per_drug * per_drug, rel=1e-12)
    # doubling the mutation rate quadruples them (two steps); ten times the size, ten times more
    # (up to the slowly changing log factor in mu)
    _, _, x2 = m.expected_resistant_start(cells, 2 * u, n_ab=0)
    assert x2 / x == pytest.approx(4.0, rel=1e-12)
    _, _, x10 = m.expected_resistant_start(10 * cells, u, n_ab=0)
    log_factor = (m.mu(10 * cells, u) / m.mu(cells, u)) ** 2
    assert x10 / x == pytest.approx(10 * log_factor, rel=1e-12)


def test_one_cross_resistance_mutation_makes_double_resistance_a_single_step():
    """With one mutation that resists both drugs, X ~ M n12 mu: linear in the mutation rate."""
    cells, u = 1e10, 1e-9
    _, _, x = m.expected_resistant_start(cells, u, n_ab=1)
    _, _, x_half = m.expected_resistant_start(cells, u / 2, n_ab=1)
    assert x / x_half == pytest.approx(2.0, rel=0.01)
    assert x == pytest.approx(cells * m.mu(cells, u), rel=0.01)
    _, _, x_none = m.expected_resistant_start(cells, u, n_ab=0)
    assert x > 100 * x_none


def test_chance_present_matches_the_published_one_step_formula():
    cells, u = 1e9, 1e-9
    p1 = np.exp(cells * u * 1 * np.log(m.SURVIVAL) / (1 - m.SURVIVAL))
    assert m.chance_present(m.lineages_double_start(cells, u, n_a=0, n_b=0, n_ab=1)) == pytest.approx(1 - p1)


# --- combination versus one drug and sequential --------------------------------------------------

def test_complete_cross_resistance_makes_combination_exactly_as_good_as_one_drug():
    """If every resistance mutation resists both drugs, the second drug adds nothing."""
    out = m.compute(9.0, -9.0, 0.0, n_a=0, n_b=0, n_ab=m.SITES_PER_DRUG)
    one_drug = m.compute(9.0, -9.0, 0.0, n_a=m.SITES_PER_DRUG, n_b=0, n_ab=0)
    assert out["cure_combined"] == pytest.approx(float(one_drug["cure_one_drug"]), rel=1e-6, abs=1e-300)
    assert out["p_double_start"] == pytest.approx(float(one_drug["p_single_start"]), rel=1e-9)


@pytest.mark.parametrize("log10_cells", [10.0, 11.0, 12.0])
def test_one_cross_resistance_mutation_leaves_combination_no_better_than_one_drug_in_large_tumours(log10_cells):
    out = at(log10_cells=log10_cells, cross_resistance=CROSS)
    assert out["cure_combined"] < 1e-3 and out["cure_one_drug"] < 1e-3
    assert out["p_double_start"] > 0.99
    # the typical tumour regrows under the combination, as under one drug
    assert out["total_combined"][-1] > 10 ** log10_cells


def test_without_cross_resistance_together_cures_a_billion_cells_and_sequential_does_not():
    out = at(log10_cells=9.0, cross_resistance=NO_CROSS)
    assert out["cure_combined"] > 0.9
    assert out["cure_sequential"] < 1e-6 and out["cure_one_drug"] < 1e-6
    assert out["total_combined"][-1] <= 1.0  # typical course: gone
    assert out["total_sequential"][-1] > 1e9  # typical course: back, after the switch to B
    assert out["switched"] == 1.0 and 0.0 < out["switch_year"] < m.HORIZON_DAYS / 365


def test_combination_never_worse_than_sequential_or_one_drug():
    for cells in WIDGET.param("log10_cells").slider_values():
        for rate in WIDGET.param("log10_mutation_rate").slider_values():
            for cross in (NO_CROSS, CROSS):
                out = at(log10_cells=cells, log10_mutation_rate=rate, cross_resistance=cross)
                assert out["cure_combined"] >= out["cure_sequential"] - 1e-9
                assert out["cure_sequential"] >= out["cure_one_drug"] - 1e-9


def test_bigger_tumours_and_faster_mutation_make_resistance_more_likely():
    sizes = [at(log10_cells=c)["p_double_start"] for c in WIDGET.param("log10_cells").slider_values()]
    rates = [at(log10_mutation_rate=r)["p_double_start"] for r in WIDGET.param("log10_mutation_rate").slider_values()]
    assert np.all(np.diff(sizes) > 0) and np.all(np.diff(rates) > 0)
    curve = at()["p_double_curve"]
    assert np.all(np.diff(curve) >= 0) and curve[0] < 1e-4 and curve[-1] > 0.99


def test_small_tumours_are_often_cured_even_by_one_drug():
    out = at(log10_cells=6.0)
    assert out["cure_one_drug"] > 0.8 and out["switched"] == 0.0


# --- sanity ------------------------------------------------------------------------------------

def test_without_mutation_both_schedules_cure():
    out = m.compute(12.0, -9.0, 1.0, n_a=0, n_b=0, n_ab=0)
    for key in ("cure_combined", "cure_sequential", "cure_one_drug"):
        assert out[key] == pytest.approx(1.0)
    assert out["total_combined"][-1] <= 1.0 and out["total_sequential"][-1] <= 1.0


def test_without_drug_everything_grows_at_the_net_rate():
    g = m.expm(m.generator(np.array(0.0), 0.0, m.NONE) * 100.0)
    assert g[0, 0] == pytest.approx(np.exp((m.BIRTH_PER_DAY - m.DEATH_PER_DAY) * 100.0))


def test_matrix_exponential_is_exact_for_a_known_case():
    rate, coupling, t = -0.03, 0.002, 20.0
    a = np.array([[rate, 0.0], [coupling, 0.01]]) * t
    got = m.expm(a)
    expected_21 = coupling * (np.exp(0.01 * t) - np.exp(rate * t)) / (0.01 - rate)
    assert got[1, 0] == pytest.approx(expected_21, rel=1e-10)
    assert got[0, 0] == pytest.approx(np.exp(rate * t), rel=1e-12)


def test_integral_is_exact_for_exponentials():
    values = 5.0 * np.exp(0.01 * m.DAYS)
    assert m.integral(values) == pytest.approx(5.0 * (np.exp(0.01 * m.DAYS[-1]) - 1) / 0.01, rel=1e-9)


def test_vectorised_and_single_runs_agree():
    cells = np.array([6.0, 9.0, 12.0])
    rate = np.array([-10.0, -9.0, -7.0])
    cross = np.array([0.0, 1.0, 0.0])
    together = m.compute(cells, rate, cross)
    for i in range(3):
        alone = m.compute(cells[i], rate[i], cross[i])
        for key in ("total_combined", "total_sequential", "cure_combined", "cure_sequential"):
            assert np.allclose(together[key][i], alone[key], rtol=1e-12, atol=0)


def test_presets_show_what_their_titles_say():
    large = WIDGET.run(WIDGET.values_for("large_tumour"))
    assert large["cure_combined"] > 0.9 > large["cure_sequential"]
    small = WIDGET.run(WIDGET.values_for("small_tumour"))
    assert small["cure_one_drug"] > 0.8
    huge = WIDGET.run(WIDGET.values_for("very_large_tumour"))
    assert huge["cure_combined"] < 0.05
    cross = WIDGET.run(WIDGET.values_for("cross_resistance"))
    assert cross["cure_combined"] < 1e-3
