"""The shared pump pharmacology (widgets/pump_science.py) behaves like saturable transport."""
import ast
from pathlib import Path

import numpy as np
import pytest

from mdr_explainer.widgets import pump_science as ps
from mdr_explainer.widgets.dose_response import model as dose_response
from mdr_explainer.widgets.drug_accumulation import model as accumulation
from mdr_explainer.widgets.inhibitor_tradeoff import model as tradeoff

LEVELS = [0.5, 1.0, 5.0, 10.0, 40.0, 100.0]


@pytest.mark.parametrize("level", LEVELS)
def test_at_low_drug_the_kept_fraction_tends_to_one_over_one_plus_the_pumping_index(level):
    """Michaelis-Menten pumping is first order below Km: C_in/C_out -> 1/(1 + index)."""
    kept = ps.kept_fraction(1e-4 * ps.KM_UM, level)
    assert float(kept) == pytest.approx(1.0 / (1.0 + ps.pumping_index(level)), rel=1e-3)
    assert float(kept) == pytest.approx(float(ps.kept_fraction_low_drug(level)), rel=1e-3)


@pytest.mark.parametrize("level", LEVELS)
def test_the_kept_fraction_rises_as_drug_saturates_the_pump(level):
    doses = np.geomspace(1e-3, 1e3, 25) * ps.KM_UM
    kept = ps.kept_fraction(doses, level)
    assert np.all(np.diff(kept) > 0), "more drug outside, larger share kept"
    assert kept[-1] > 0.9, "a saturated pump lets nearly all the drug stay"


def test_no_pump_means_inside_equals_outside():
    for dose in (1e-3, 0.1, 1.0, 10.0):
        assert float(ps.steady_state(dose, ps.pump_vmax(0.0))) == pytest.approx(dose, rel=1e-12)
        assert float(ps.kept_fraction(dose, 0.0, hill=ps.HILL_DAUNORUBICIN_VESICLES)) == pytest.approx(1.0)


def test_fold_resistance_grows_with_pump_number_without_the_old_cap():
    """The old cooperative model capped 20 × pumps at 10.5-fold; saturable pumping has no such cap."""
    levels = np.array(dose_response.LEVELS)
    ic50 = dose_response.ic50(ps.pump_vmax(levels))
    fold = ic50 / dose_response.ic50(ps.pump_vmax(1.0))
    assert np.all(np.diff(fold) > 0)
    assert fold[-1] > 2 * 10.5
    # linear in the number of pumps: IC50 = EC50 (1 + index Km / (Km + EC50))
    a = ps.KM_UM / (ps.KM_UM + dose_response.EC50_INSIDE_UM)
    np.testing.assert_allclose(ic50, dose_response.EC50_INSIDE_UM * (1 + ps.pumping_index(levels) * a), rtol=1e-12)


def test_cooperative_option_barely_pumps_at_nanomolar_drug():
    """The labelled h = 2 option (daunorubicin in vesicles): at 1 nM even 100 × pumps keep almost all."""
    simple = ps.kept_fraction(1e-3, 100.0)
    cooperative = ps.kept_fraction(1e-3, 100.0, hill=ps.HILL_DAUNORUBICIN_VESICLES)
    assert float(cooperative) > 0.95 > 0.1 > float(simple)


def test_steady_state_balances_entry_and_pumping_for_both_kinetics():
    for hill in ps.KINETICS.values():
        for level, inhibitor, dose in ((1, 0, 0.01), (40, 0, 1.0), (100, 3, 10.0)):
            vmax = ps.pump_vmax(level, inhibitor)
            inside = ps.steady_state(dose, vmax, hill)
            assert abs(float(ps.rate(inside, dose, vmax, hill))) < 1e-9
            assert float(ps.outside_for_inside(inside, vmax, hill)) == pytest.approx(dose, rel=1e-9)


def test_rate_slope_is_the_derivative_of_rate():
    for hill in ps.KINETICS.values():
        c, vmax, h = np.array([0.01, 0.5, 1.5, 7.0]), ps.pump_vmax(20.0), 1e-6
        numeric = (ps.rate(c + h, 1.0, vmax, hill) - ps.rate(c - h, 1.0, vmax, hill)) / (2 * h)
        np.testing.assert_allclose(ps.rate_slope(c, vmax, hill), numeric, rtol=1e-5)


def test_an_inhibitor_at_ki_halves_the_pumping_index():
    assert float(ps.pumping_index(10.0, 1.0)) == pytest.approx(float(ps.pumping_index(10.0)) / 2)


def test_passive_rate_is_calculated_from_the_cited_permeability():
    """k = P × 3/r = 2.4e-5 cm/s × 3 / 7.5 µm ≈ 5.8 per minute."""
    assert ps.K_PASSIVE_PER_MIN == pytest.approx(5.76, rel=0.01)


def test_the_three_models_share_one_pump_module_and_copy_none_of_it():
    for module in (accumulation, dose_response, tradeoff):
        assert module.steady_state is ps.steady_state and module.pump_vmax is ps.pump_vmax
        assert module.KM_UM is ps.KM_UM
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        assigned = {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) for t in n.targets
                    if isinstance(t, ast.Name)}
        assert not assigned & {"KM_UM", "HILL", "R_NORMAL", "R_REFERENCE", "K_PASSIVE_PER_MIN",
                               "PERMEABILITY_CM_S"}, module.__name__


def test_every_constant_states_a_source_or_a_teaching_choice():
    source = Path(ps.__file__).read_text(encoding="utf-8")
    assert "FACTS" not in source
    lines = source.splitlines()
    import re
    for i, line in enumerate(lines):
        if re.match(r"[A-Z][A-Z0-9_]+ = ", line) and not line.startswith("KINETICS"):
            context = " ".join(lines[max(0, i - 8):i + 1])
            assert "source:" in context or "Teaching choice" in context or "calculated" in context, line
