"""The combination_therapy widget: two or three drugs, given one after the other or together (Bozic 2013)."""
import numpy as np
import pytest

from mdr_explainer.widgets.combination_therapy import WIDGET
from mdr_explainer.widgets.combination_therapy import branching as bp
from mdr_explainer.widgets.combination_therapy import model as m

NO_CROSS, CROSS = 0.0, 1.0
TWO, THREE = 0.0, 1.0
PAIR, TRIPLE = (bp.SITES_PER_DRUG,) * 2, (bp.SITES_PER_DRUG,) * 3


def at(**changes):
    """Model outputs at the default settings with some sliders moved."""
    return WIDGET.run({**WIDGET.defaults(), **changes})


# --- analytic limits of the starting numbers ---------------------------------------------------

@pytest.mark.parametrize("cells", [1e7, 1e9, 1e11])
def test_doubly_resistant_cells_scale_with_size_times_the_product_of_the_two_mutation_probabilities(cells):
    u = 1e-9
    x = bp.expected_resistant_start(cells, u, PAIR, 0)[..., -1]
    per_drug = bp.SITES_PER_DRUG * bp.mu(cells, u)
    assert x == pytest.approx(cells * per_drug * per_drug, rel=1e-12)
    # doubling the mutation rate quadruples them (two steps); ten times the size, ten times more
    # (up to the slowly changing log factor in mu)
    x2 = bp.expected_resistant_start(cells, 2 * u, PAIR, 0)[..., -1]
    assert x2 / x == pytest.approx(4.0, rel=1e-12)
    x10 = bp.expected_resistant_start(10 * cells, u, PAIR, 0)[..., -1]
    log_factor = (bp.mu(10 * cells, u) / bp.mu(cells, u)) ** 2
    assert x10 / x == pytest.approx(10 * log_factor, rel=1e-12)


def test_one_cross_resistance_mutation_makes_double_resistance_a_single_step():
    """With one mutation that resists both drugs, X ~ M n12 mu: linear in the mutation rate."""
    cells, u = 1e10, 1e-9
    x = bp.expected_resistant_start(cells, u, PAIR, 1)[..., -1]
    x_half = bp.expected_resistant_start(cells, u / 2, PAIR, 1)[..., -1]
    assert x / x_half == pytest.approx(2.0, rel=0.01)
    assert x == pytest.approx(cells * bp.mu(cells, u), rel=0.01)
    x_none = bp.expected_resistant_start(cells, u, PAIR, 0)[..., -1]
    assert x > 100 * x_none


def test_path_sums_give_bozics_formula_for_two_drugs_and_his_product_for_three():
    cells, u, n = 1e9, 1e-9, bp.SITES_PER_DRUG
    mu = bp.mu(cells, u)
    x = bp.expected_resistant_start(cells, u, PAIR, 1)[..., -1]
    assert x == pytest.approx(cells * (mu + (n * n + 0.5 * (n + n - 1)) * mu ** 2), rel=1e-6)
    x3 = bp.expected_resistant_start(cells, u, TRIPLE, 0)[..., -1]
    assert x3 == pytest.approx(cells * n ** 3 * mu ** 3, rel=1e-12)  # X = M n1 n2 n3 mu^3 [bozic2013]
    paths = bp.paths_by_steps(PAIR, 1)
    assert paths[1] == 1 and paths[2] == 2 * n * n + 1 * (n + n)  # Bozic's 2 n1 n2 + n12 (n1 + n2)


def test_chance_present_matches_the_published_one_and_two_step_formulas():
    cells, u, n = 1e9, 1e-9, bp.SITES_PER_DRUG
    s = bp.SURVIVAL
    p1 = np.exp(cells * u * 1 * np.log(s) / (1 - s))
    p2 = np.exp(cells * u ** 2 * (2 * n * n + 1 * (n + n)) * np.log(s) * np.log(cells * s) / (s * (1 - s)))
    assert bp.chance_present(bp.present_lineages_start(cells, u, (0, 0), 1)) == pytest.approx(1 - p1)
    assert bp.chance_present(bp.present_lineages_start(cells, u, PAIR, 1)) == pytest.approx(1 - p1 * p2, rel=1e-9)


def test_together_reproduces_bozics_figure_5_for_a_billion_cells():
    """Fig. 5B: one cross-resistance mutation, 26.3% cured by A + B together; 5D: none, 99.9%."""
    assert at(log10_cells=9.0, cross_resistance=CROSS)["cure_combined"] == pytest.approx(0.263, abs=0.005)
    assert at(log10_cells=9.0, cross_resistance=NO_CROSS)["cure_combined"] == pytest.approx(0.999, abs=0.002)


# --- combination versus one drug and sequential --------------------------------------------------

def test_complete_cross_resistance_makes_combination_exactly_as_good_as_one_drug():
    """If every resistance mutation resists both drugs, the second drug adds nothing."""
    out = m.compute(9.0, -9.0, 0.0, n_a=0, n_b=0, n_ab=bp.SITES_PER_DRUG)
    one_drug = m.compute(9.0, -9.0, 0.0, n_a=bp.SITES_PER_DRUG, n_b=0, n_ab=0)
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


def test_combination_never_worse_than_sequential_or_one_drug_and_triple_never_worse_than_double():
    for cells in WIDGET.param("log10_cells").slider_values():
        for rate in WIDGET.param("log10_mutation_rate").slider_values():
            for cross in (NO_CROSS, CROSS):
                out = at(log10_cells=cells, log10_mutation_rate=rate, cross_resistance=cross)
                triple = at(log10_cells=cells, log10_mutation_rate=rate, cross_resistance=cross, third_drug=THREE)
                assert out["cure_combined"] >= out["cure_sequential"] - 1e-9
                assert out["cure_sequential"] >= out["cure_one_drug"] - 1e-9
                assert triple["cure_combined"] >= out["cure_combined"] - 1e-12
                assert triple["p_double_start"] <= out["p_double_start"] + 1e-12
                # the third drug changes only the together schedule
                for key in ("cure_sequential", "cure_one_drug", "total_sequential", "p_single_start"):
                    assert np.array_equal(triple[key], out[key]), key


# --- a third drug (Bozic: "in patients with large disease burden, triple therapy is needed") ------

@pytest.mark.parametrize("log10_cells", [11.0, 12.0])
def test_a_third_drug_rescues_a_large_tumour_without_cross_resistance(log10_cells):
    double = at(log10_cells=log10_cells)
    triple = at(log10_cells=log10_cells, third_drug=THREE)
    assert double["cure_combined"] < 0.85 and triple["cure_combined"] > 0.99
    assert triple["total_combined"][-1] <= 1.0  # typical course: gone
    assert triple["p_double_start"] < 1e-3 < double["p_double_start"]


@pytest.mark.parametrize("log10_cells", [10.0, 11.0, 12.0])
def test_a_single_mutation_that_resists_all_three_defeats_triple_therapy_in_a_large_tumour(log10_cells):
    triple = at(log10_cells=log10_cells, cross_resistance=CROSS, third_drug=THREE)
    assert triple["cure_combined"] < 1e-3 and triple["p_double_start"] > 0.99
    assert triple["total_combined"][-1] > 10 ** log10_cells  # the typical tumour comes back
    # three drugs then fare no better than two with the same cross-resistance
    double = at(log10_cells=log10_cells, cross_resistance=CROSS)
    assert triple["cure_combined"] == pytest.approx(double["cure_combined"], abs=1e-3)


def test_resistance_to_three_drugs_scales_with_the_cube_of_the_mutation_rate():
    low = at(log10_cells=12.0, log10_mutation_rate=-10.0, third_drug=THREE)["expected_double_start"]
    high = at(log10_cells=12.0, log10_mutation_rate=-9.0, third_drug=THREE)["expected_double_start"]
    assert high / low == pytest.approx(1000.0, rel=1e-9)


def test_three_drugs_without_any_resistance_mutation_for_c_are_two_drugs():
    """If nothing can resist drug C, resistance to A + B + C is impossible without cross-resistance."""
    out = m.compute(12.0, -9.0, 0.0, 1.0, n_c=0)
    assert out["cure_combined"] == pytest.approx(1.0) and out["expected_double_start"] == 0.0


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
    for sites in (PAIR, TRIPLE):
        g = bp.expm(bp.generator(np.array(0.0), sites, 0.0, 0) * 100.0)
        assert np.allclose(np.diag(g), np.exp((bp.BIRTH_PER_DAY - bp.DEATH_PER_DAY) * 100.0), rtol=1e-12)


def test_a_cell_resistant_to_a_becomes_resistant_to_both_at_u_times_n2_plus_n12():
    g = bp.generator(np.array(1e-9), PAIR, 1.0, 3)
    assert g[3, 1] == pytest.approx(bp.BIRTH_PER_DAY * 1e-9 * (bp.SITES_PER_DRUG + 1))
    assert g[3, 0] == pytest.approx(bp.BIRTH_PER_DAY * 1e-9 * 1)
    assert g[1, 1] == -bp.KILL_PER_DAY and g[3, 3] == pytest.approx(bp.BIRTH_PER_DAY - bp.DEATH_PER_DAY)


def test_stepping_by_matrix_powers_matches_one_exponential_over_the_whole_time():
    g = bp.generator(np.array(1e-7), TRIPLE, 1.0, 7)
    start = bp.expected_resistant_start(1e9, 1e-7, TRIPLE, 1.0)
    course = m.run_together(start, g)
    direct = bp.expm(g * m.DAYS[-1], squarings=12) @ start
    assert np.allclose(course[-1], direct, rtol=1e-8)


def test_matrix_exponential_is_exact_for_a_known_case():
    rate, coupling, t = -0.03, 0.002, 20.0
    a = np.array([[rate, 0.0], [coupling, 0.01]]) * t
    got = bp.expm(a)
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
    third = np.array([1.0, 0.0, 1.0])
    together = m.compute(cells, rate, cross, third)
    for i in range(3):
        alone = m.compute(cells[i], rate[i], cross[i], third[i])
        for key in ("total_combined", "total_sequential", "cure_combined", "cure_sequential"):
            assert np.allclose(together[key][i], alone[key], rtol=1e-12, atol=0)


def test_presets_show_what_their_titles_say():
    large = WIDGET.run(WIDGET.values_for("large_tumour"))
    assert large["cure_combined"] > 0.9 > large["cure_sequential"]
    small = WIDGET.run(WIDGET.values_for("small_tumour"))
    assert small["cure_one_drug"] > 0.8
    huge = WIDGET.run(WIDGET.values_for("very_large_tumour"))
    assert huge["cure_combined"] < 0.2  # "even two drugs together usually fail"
    rescued = WIDGET.run(WIDGET.values_for("very_large_tumour_three_drugs"))
    assert rescued["cure_combined"] > 0.99 and rescued["total_combined"][-1] <= 1.0
    cross = WIDGET.run(WIDGET.values_for("cross_resistance"))
    assert cross["cure_combined"] < 1e-3
