"""The drug_accumulation model behaves like the biology it illustrates."""
import numpy as np
import pytest

from mdr_explainer.widgets.drug_accumulation import WIDGET
from mdr_explainer.widgets.drug_accumulation import model as m
from mdr_explainer.widgets.framework.describe import render
from mdr_explainer.widgets.framework.wording import widget_text

WORDS = widget_text(WIDGET.name)

LEVELS = [0, 0.5, 1, 2, 5, 10, 20, 40, 100]


def run(**kw):
    values = {"mdr1_level": 40.0, "inhibitor": 0.0, "drug_outside": 1.0, "outside_profile": 0.0, **kw}
    return WIDGET.run(values)


def test_no_pump_means_inside_equals_outside_at_steady_state():
    out = run(mdr1_level=0.0)
    assert out["ratio_cell_pct"] == pytest.approx(100.0, abs=1e-6)
    assert out["cell_pct"][-1] == pytest.approx(100.0, abs=1e-6)


@pytest.mark.parametrize("drug", [0.1, 1.0, 10.0])
def test_more_pumps_never_raise_drug_inside(drug):
    inside = [run(mdr1_level=lv, drug_outside=drug)["inside_cell_um"] for lv in LEVELS]
    assert np.all(np.diff(inside) <= 1e-12)


@pytest.mark.parametrize("level", [1.0, 10.0, 40.0, 100.0])
def test_more_inhibitor_never_lowers_drug_inside(level):
    inside = [run(mdr1_level=level, inhibitor=i)["inside_cell_um"] for i in [0, 0.5, 1, 2, 5, 10]]
    assert np.all(np.diff(inside) >= -1e-12)


@pytest.mark.parametrize("level,inhibitor,drug", [(1, 0, 1), (10, 0, 0.3), (40, 2, 5), (100, 0, 0.1), (5, 10, 10)])
def test_ode_steady_state_matches_the_algebraic_balance(level, inhibitor, drug):
    vmax = m.pump_vmax(level, inhibitor)
    times = np.geomspace(0.01, 2880.0, 44)
    c = m.simulate(times, np.full(times.shape, float(drug)), vmax)[-1]
    algebraic = m.steady_state(drug, vmax)
    assert abs(m.rate(algebraic, drug, vmax)) < 1e-9
    assert c == pytest.approx(algebraic, abs=1e-6)


def test_time_course_does_not_depend_on_step_size():
    peak, profile, vmax = np.array(2.0), np.array(1.0), m.pump_vmax(10, 1)
    outside = m.outside_level(m.TIME_MIN, peak, profile)
    coarse = m.simulate(m.TIME_MIN, outside, vmax)
    fine = m.simulate(m.TIME_MIN, outside, vmax, substeps=200)
    assert np.max(np.abs(coarse - fine)) / float(peak) < 0.01


def test_inhibitor_at_ki_halves_pump_speed():
    """Vmax / (1 + I/Ki), the kinetic form reported for tariquidar (ref key fox2007)."""
    assert run(inhibitor=1.0)["pump_activity_pct"] == pytest.approx(50.0)
    assert m.pump_vmax(10, 1) == pytest.approx(m.pump_vmax(10, 0) / 2)


def test_passive_rate_matches_the_calculated_value():
    """k = P × 3/r ≈ 0.096 s⁻¹ ≈ 5.8 min⁻¹ for P = 2.4e-5 cm/s (doxpermeability1983) and r = 7.5 µm."""
    assert m.K_PASSIVE_PER_MIN == pytest.approx(5.76, rel=0.01)


def test_strong_pumping_gives_the_tenfold_deficit_of_kb_vj300():
    """KB VJ-300 holds less than a tenth of its parent's drug (kohno1988): 20-40 × pumps do that here."""
    for level in (20.0, 40.0):
        assert run(mdr1_level=level, drug_outside=0.1)["ratio_cell_pct"] < 10.0
    assert run(mdr1_level=40.0, drug_outside=0.1)["fold_lower"] > 10.0


def test_at_low_drug_the_kept_share_is_one_over_one_plus_the_pumping_index():
    for level in (1.0, 10.0, 40.0):
        kept = run(mdr1_level=level, drug_outside=0.1)["ratio_cell_pct"] / 100
        assert kept == pytest.approx(1 / (1 + m.R_REFERENCE * level), rel=0.07)


def test_the_kept_share_rises_as_the_drug_fills_the_pumps():
    """Saturable pumping: the pumped-out share is largest at low drug (the opposite of h = 2)."""
    for level in (1.0, 10.0, 40.0):
        kept = [run(mdr1_level=level, drug_outside=d)["ratio_cell_pct"] for d in (0.1, 0.3, 1, 3, 10)]
        assert np.all(np.diff(kept) > 0), level


def test_the_reference_cell_keeps_most_of_the_drug():
    """The reference cell has few pumps: it keeps about two thirds or more of the outside drug."""
    out = WIDGET.run(WIDGET.values_for("normal_cell"))
    assert out["ratio_normal_pct"] > 65.0


def test_falling_plasma_profile_follows_doxorubicin_half_lives():
    out = run(outside_profile=1.0)
    t, outside = out["t"], out["outside_pct"]
    at_5_min = np.interp(5.0, t, outside)
    assert at_5_min == pytest.approx(100 * (0.9 * 0.5 + 0.1 * 2 ** (-5 / 1800)), rel=0.02)
    assert outside[-1] < outside[0]


def test_description_names_the_numbers_shown():
    values = WIDGET.defaults()
    out = WIDGET.run(values)
    sentence = render(WORDS.sentence, {**values, **out})
    assert f"keeps {round(out['ratio_cell_pct'])}%" in sentence
    assert "times less drug" in sentence
    no_pump = {**values, "mdr1_level": 0.0}
    assert "1.3 times more drug" in render(WORDS.sentence, {**no_pump, **WIDGET.run(no_pump)})
    like_reference = {**values, "mdr1_level": 1.0, "inhibitor": 0.0}
    assert "about as much drug" in render(WORDS.sentence, {**like_reference, **WIDGET.run(like_reference)})


@pytest.mark.parametrize("level", [0.0, 0.5])
def test_a_cell_with_fewer_pumps_than_the_reference_is_said_to_hold_more_drug(level):
    """Review 2, N2: below the reference cell's pumps the sentence used to say "about as much"."""
    values = {**WIDGET.defaults(), "mdr1_level": level, "inhibitor": 0.0}
    out = WIDGET.run(values)
    sentence = render(WORDS.sentence, {**values, **out})
    assert out["fold_higher"] > 1.05
    assert f"holds {out['fold_higher']:.1f} times more drug" in sentence
    shown = [r.key for r in WIDGET.readouts if r.shown({**values, **out})]
    assert "fold_higher" in shown and "fold_lower" not in shown


def test_a_pump_rich_cell_shows_the_reference_over_chosen_ratio():
    values = WIDGET.values_for("mdr1_high")
    out = WIDGET.run(values)
    shown = [r.key for r in WIDGET.readouts if r.shown({**values, **out})]
    assert "fold_lower" in shown and "fold_higher" not in shown
    assert "times less drug" in render(WORDS.sentence, {**values, **out})
