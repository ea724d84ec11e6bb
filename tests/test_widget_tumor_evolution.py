"""The tumor_evolution widget: sensitive and resistant cells competing under two dosing rules."""
import itertools

import numpy as np
import pytest

from mdr_explainer.widgets.framework.describe import render
from mdr_explainer.widgets.tumor_evolution import WIDGET
from mdr_explainer.widgets.tumor_evolution import model as m
from mdr_explainer.widgets.framework.wording import widget_text

WORDS = widget_text(WIDGET.name)

CONTINUOUS, ADAPTIVE = 0.0, 1.0
EQUAL_COMPETITION, NO_COMPETITION, STRONGEST_COMPETITION = 2.0, 0.0, 4.0  # option indices
EVERY_SETTING = list(itertools.product(
    WIDGET.param("resistance_cost").slider_values(), WIDGET.param("competition").slider_values(),
    WIDGET.param("resistant_start").slider_values()))


def at(**changes):
    """Model outputs at the default settings with some sliders moved."""
    return WIDGET.run({**WIDGET.defaults(), **changes})


def every_setting(substeps=m.SUBSTEPS):
    """Model outputs for every cost, competition and starting share, both strategies at once."""
    cost, comp, start = (np.array(v) for v in zip(*EVERY_SETTING))
    return m.compute(0.0, cost, comp, start, -6.0, substeps=substeps)


# --- growth without drug ----------------------------------------------------------------------

@pytest.mark.parametrize("cost_pct", [10.0, 20.0, 40.0])
def test_without_drug_resistance_costs_growth(cost_pct):
    """Alone and untreated, resistant cells grow slower than sensitive cells, by the cost."""
    seed = 0.01
    alone = m.simulate(cost_pct / 100, 1.0, 0.0, m.NO_DRUG, start=[[seed, 0.0], [0.0, seed]])["cells"]
    sensitive_alone, resistant_alone = alone[0, 0], alone[1, 1]
    day_100 = int(100 / m.SAMPLE_DAYS)
    assert resistant_alone[day_100] < sensitive_alone[day_100]
    first_sample = np.array([sensitive_alone[1], resistant_alone[1]])
    early_rate = np.log(first_sample / seed) / m.SAMPLE_DAYS  # per day, while space is still free
    assert early_rate[1] / early_rate[0] == pytest.approx(1 - cost_pct / 100, rel=0.03)


def test_without_cost_or_drug_both_kinds_grow_alike():
    alone = m.simulate(0.0, 1.0, 0.0, m.NO_DRUG, start=[[0.01, 0.0], [0.0, 0.01]])["cells"]
    assert np.allclose(alone[0, 0], alone[1, 1], rtol=1e-12)


# --- continuous dosing: competitive release ---------------------------------------------------

def test_continuous_dosing_lets_resistant_cells_take_over():
    """Competitive release: with the sensitive cells killed, resistant cells fill the tumour."""
    out = at(strategy=CONTINUOUS)
    assert out["resistant_share_end"] > 0.99
    assert out["resistant_pct"][-1] > 95.0
    assert out["sensitive_pct"][-1] < 1.0


def test_continuous_dosing_ends_resistant_at_every_setting():
    out = every_setting()
    continuous = m.simulate(np.array([s[0] for s in EVERY_SETTING]) / 100,
                            np.take(m.COMPETITION_LEVELS, [int(s[1]) for s in EVERY_SETTING]),
                            np.take(m.RESISTANT_START_SHARES, [int(s[2]) for s in EVERY_SETTING]),
                            m.CONTINUOUS)["cells"][..., -1]
    assert np.all(continuous[1] / continuous.sum(axis=0) > 0.99)
    assert np.all(out["progressed_continuous"] == 1.0)


def test_continuous_dosing_gives_drug_every_day_until_progression():
    out = at(strategy=CONTINUOUS)
    assert out["drug_continuous"] == pytest.approx(out["ttp_continuous"], rel=1e-9)


# --- adaptive dosing --------------------------------------------------------------------------

def test_adaptive_dosing_delays_progression_with_less_drug_at_defaults():
    out = at()
    assert out["ttp_adaptive"] > 1.2 * out["ttp_continuous"]
    assert out["drug_adaptive"] < out["drug_continuous"]
    assert out["drug_share_adaptive_pct"] < 100.0


def test_adaptive_rule_pauses_below_half_and_restarts_at_baseline():
    """The pilot's rule: stop below half of the starting burden, restart when back at it."""
    out = at(strategy=ADAPTIVE)
    edges = out["drug_x"][::2]  # start, end, start, end, ... of each drug period (days)
    day, total = out["day"], out["total_pct"]
    gap = m.SAMPLE_DAYS / 2
    pauses = [(p, r) for p, r in zip(edges[1:-1:2], edges[2::2]) if r < out["ttp_adaptive"]]
    assert len(pauses) >= 3
    for pause, restart in pauses:
        off = (day > pause + gap) & (day < restart - gap)
        assert np.all((total[off] > 37.5) & (total[off] < 75.0))  # % of the space
        just_before = day[day < pause][-1]
        assert np.interp(just_before, day, total) > 37.5
    on = np.zeros(day.shape, bool)
    for start, end in zip(edges[0::2], edges[1::2]):
        on |= (day > start + gap) & (day < end - gap)
    assert np.all(total[on & (day < out["ttp_adaptive"])] > 37.5)


def test_adaptive_dosing_never_progresses_sooner_than_continuous():
    out = every_setting()
    assert np.all(out["ttp_adaptive"] >= out["ttp_continuous"] - 2.0)  # days
    assert np.all(out["drug_adaptive"] <= out["drug_continuous"])


def test_without_competition_adaptive_dosing_gains_no_time():
    """If sensitive cells do not crowd resistant ones, keeping them alive buys nothing."""
    out = at(competition=NO_COMPETITION)
    assert out["ttp_adaptive"] == pytest.approx(out["ttp_continuous"], rel=0.01)


def test_stronger_competition_never_shortens_adaptive_control():
    ttp = [at(competition=c)["ttp_adaptive"] for c in WIDGET.param("competition").slider_values()]
    assert np.all(np.diff(ttp) >= -1.0)
    assert ttp[-1] == m.HORIZON_DAYS  # at the prostate-fit value (6) no progression in the plot


CAVEAT = "never progresses, which no patient data show"


def test_at_strong_competition_adaptive_dosing_never_progresses_and_the_sentence_says_patients_do():
    """A limit of the model (review N7): at aRS >= 2 adaptive control lasts for ever, unlike in the pilot."""
    for cost, comp, start in EVERY_SETTING:
        values = {**WIDGET.defaults(), "resistance_cost": cost, "competition": comp, "resistant_start": start}
        out = WIDGET.run(values)
        sentence = render(WORDS.sentence, {**values, **out})
        strong = m.COMPETITION_LEVELS[int(comp)] >= 2.0
        if strong:
            assert out["progressed_adaptive"] == 0.0 and out["ttp_adaptive"] == m.HORIZON_DAYS
            assert out["progressed_continuous"] == 1.0  # continuous dosing still fails
            assert CAVEAT in sentence and "33.5 months" in sentence
        else:
            assert CAVEAT not in sentence
    assert "never progresses" in WORDS.param("competition", "help")


def test_no_cost_preset_still_favours_adaptive_dosing():
    """Competition alone can make adaptive dosing work without a cost (Strobl et al. 2021)."""
    out = WIDGET.run(WIDGET.values_for("no_cost"))
    assert out["ttp_adaptive"] > 1.2 * out["ttp_continuous"]


def test_drug_shading_has_room_for_every_drug_period():
    cost, comp, start = (np.array(v) for v in zip(*EVERY_SETTING))
    run = m.simulate(cost / 100, np.take(m.COMPETITION_LEVELS, comp.astype(int)),
                     np.take(m.RESISTANT_START_SHARES, start.astype(int)), m.ADAPTIVE)
    assert m.switch_count(run["switch_days"]).max() <= 2 * m.MAX_DRUG_PERIODS - 1


# --- numerics ---------------------------------------------------------------------------------

def test_results_do_not_depend_on_step_size():
    """20-day steps against 2.5-day steps, at every snapped slider setting."""
    coarse, fine = every_setting(substeps=1), every_setting(substeps=8)
    for key in ("ttp_continuous", "ttp_adaptive"):
        assert np.max(np.abs(coarse[key] - fine[key]) / fine[key]) < 0.01, key
    assert np.max(np.abs(coarse["drug_adaptive"] - fine["drug_adaptive"]) / fine["drug_adaptive"]) < 0.03
    curve_error = np.max(np.abs(coarse["total_pct"] - fine["total_pct"]), axis=-1)
    assert np.mean(curve_error < 1.0) > 0.97  # percentage points of the space


@pytest.mark.parametrize("preset", ["continuous_dosing", "adaptive_dosing", "no_cost"])
def test_preset_curves_do_not_depend_on_step_size(preset):
    values = WIDGET.values_for(preset)
    coarse = m.compute(**values, substeps=1)
    fine = m.compute(**values, substeps=8)
    for key in ("sensitive_pct", "resistant_pct", "total_pct"):
        assert np.max(np.abs(coarse[key] - fine[key])) < 0.5, key  # percentage points
    assert np.max(np.abs(coarse["drug_x"] - fine["drug_x"])) < 1.0  # days


def test_model_is_deterministic():
    a, b = at(strategy=ADAPTIVE), at(strategy=ADAPTIVE)
    assert all(np.array_equal(a[k], b[k]) for k in a)


# --- Goldie-Coldman ---------------------------------------------------------------------------

@pytest.mark.parametrize("log_rate", [-8.0, -7.0, -6.0, -5.0, -4.0])
def test_goldie_coldman_chance_reaches_63_percent_near_one_over_alpha(log_rate):
    """P = 1 - exp(-a(N - 1)) passes 1 - 1/e ≈ 0.63 close to N = 1/a (within a factor of 2)."""
    out = at(log10_mutation_rate=log_rate)
    crossing = 10 ** np.interp(1 - np.exp(-1), out["gc_probability"], np.log10(out["gc_cells"]))
    assert 0.5 < crossing * 10**log_rate < 2.0
    assert out["gc_marker_cells"] == pytest.approx(10 ** -log_rate)
    assert out["gc_marker_probability"] == pytest.approx(1 - np.exp(-1), abs=1e-3)


def test_goldie_coldman_chance_rises_with_size_and_mutation_rate():
    low, high = at(log10_mutation_rate=-7.0), at(log10_mutation_rate=-5.0)
    assert np.all(np.diff(low["gc_probability"]) >= 0)
    assert np.all(high["gc_probability"] >= low["gc_probability"])
    assert at(log10_mutation_rate=-6.0)["gc_reference_probability"] > 0.999  # 1e9 cells, the worked example of Lesson 4


def test_goldie_coldman_switch_is_short_compared_with_the_axis():
    """From unlikely (5%) to almost certain (95%) within about two of the ten decades shown."""
    out = at()
    cells, p = np.log10(out["gc_cells"]), out["gc_probability"]
    assert np.interp(0.95, p, cells) - np.interp(0.05, p, cells) < 2.0


# --- the widget contract ----------------------------------------------------------------------

def test_description_renders_at_defaults():
    values = WIDGET.defaults()
    out = WIDGET.run(values)
    sentence = render(WORDS.sentence, {**values, **out})
    assert "{" not in sentence and "continuous maximum dosing" in sentence
    assert f"progresses after {round(out['ttp_adaptive'])} days" in sentence
    held = {**values, "competition": STRONGEST_COMPETITION}
    assert "does not progress within 1800 days" in render(WORDS.sentence, {**held, **WIDGET.run(held)})


def test_the_presets_lessons_use_exist_and_mean_what_they_say():
    names = {p.name for p in WIDGET.presets}
    assert {"continuous_dosing", "adaptive_dosing", "no_cost", "goldie_coldman"} <= names
    assert WIDGET.values_for("no_cost")["resistance_cost"] == 0.0
    assert WIDGET.values_for("goldie_coldman")["log10_mutation_rate"] == -6.0


