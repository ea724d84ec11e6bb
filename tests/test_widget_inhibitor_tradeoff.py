"""The inhibitor_tradeoff widget: more drug in the tumour, more in the body, weaker T cells, judged against more chemo."""
import itertools

import numpy as np
import pytest

import mdr_explainer.widgets.pump_science as accumulation
from mdr_explainer.widgets.framework.describe import render
from mdr_explainer.widgets.inhibitor_tradeoff import WIDGET
from mdr_explainer.widgets.inhibitor_tradeoff import model as m
from mdr_explainer.widgets.framework.wording import widget_text

WORDS = widget_text(WIDGET.name)

DOSES = WIDGET.param("inhibitor_dose").slider_values()
WEIGHTS = WIDGET.param("immune_weight").slider_values()
TUMOURS = WIDGET.param("tumour_mdr1").slider_values()  # option index: none, few, reference, 10×, 40×, 100×
OTHER = WIDGET.param("other_resistance").slider_values()  # option index: none, some (30%), much (60%)
DROPS = WIDGET.param("clearance_drop").slider_values()
TOXICITY = (0.0, 1.0)  # the inhibitor's own side effects: none, dose-limiting
NO_PUMPS, FEW_PUMPS, REFERENCE_PUMPS, TEN_FOLD, FORTY_FOLD = 0.0, 1.0, 2.0, 3.0, 4.0
NO_OTHER, SOME_OTHER = 0.0, 1.0
OUTPUTS_AT_DOSE = ("inside_fold_at", "exposure_fold_at", "tcell_at", "control_at_pct", "side_effects_at_pct",
                   "pump_activity_pct")


def at(**changes):
    """Model outputs at the default settings with some sliders moved."""
    return WIDGET.run({**WIDGET.defaults(), **changes})


def over_doses(weight, tumour, drop, toxicity=0.0, other=NO_OTHER):
    """Model outputs at every slider dose for one immune weight, tumour, clearance drop, toxicity and r."""
    return m.compute(DOSES, weight, tumour, other, drop, toxicity)


# --- zero dose is the no-inhibitor case -------------------------------------------------------

@pytest.mark.parametrize("weight,tumour,other,drop,tox", list(itertools.product((0.0, 0.5, 1.0), TUMOURS, OTHER,
                                                                              (0.0, 30.0, 60.0), TOXICITY)))
def test_at_zero_dose_every_output_equals_the_no_inhibitor_case(weight, tumour, other, drop, tox):
    out = WIDGET.run({"inhibitor_dose": 0.0, "immune_weight": weight, "tumour_mdr1": tumour, "other_resistance": other,
                      "clearance_drop": drop, "inhibitor_toxicity": tox})
    assert out["pump_activity_pct"] == pytest.approx(100.0, abs=1e-12)
    assert out["inside_fold_at"] == pytest.approx(1.0, abs=1e-12)
    assert out["exposure_fold_at"] == pytest.approx(1.0, abs=1e-12)
    assert out["tcell_at"] == pytest.approx(1.0, abs=1e-12)
    assert out["control_at_pct"] == pytest.approx(out["control_zero_pct"], abs=1e-9)
    assert out["matched_at_pct"] == pytest.approx(out["control_zero_pct"], abs=1e-9)
    assert out["side_effects_at_pct"] == pytest.approx(100 * m.SIDE_EFFECTS_AT_STANDARD, abs=1e-9)
    for curve, value in (("inside_fold_curve", 1.0), ("exposure_fold_curve", 1.0), ("tcell_curve", 1.0),
                         ("control_curve_pct", out["control_zero_pct"]),
                         ("side_effects_curve_pct", 100 * m.SIDE_EFFECTS_AT_STANDARD)):
        assert out[curve][0] == pytest.approx(value, abs=1e-9), curve


def test_no_inhibitor_control_is_the_chemotherapy_kill_of_the_drug_inside():
    out = at(inhibitor_dose=0.0, tumour_mdr1=TEN_FOLD)
    vmax = accumulation.pump_vmax(10.0, 0.0)
    inside = accumulation.steady_state(m.STANDARD_OUTSIDE_UM, vmax)
    assert out["control_zero_pct"] == pytest.approx(100 * m.chemo_kill(inside), rel=1e-12)


# --- exposure -----------------------------------------------------------------------------------

def test_exposure_doubles_when_clearance_halves():
    """AUC = dose / clearance: valspodar's 49.0 -> 24.3 L/h/m² means about twice the exposure."""
    assert m.auc_fold(2.0, 1.0) == pytest.approx(2.0)
    valspodar = m.auc_fold(m.DOXORUBICIN_CLEARANCE_ALONE, m.DOXORUBICIN_CLEARANCE_WITH_VALSPODAR)
    assert valspodar == pytest.approx(2.0, rel=0.01)
    assert m.exposure_fold(1e9, 0.5) == pytest.approx(2.0, rel=1e-6)  # full block, clearance halved


def test_exposure_rises_with_dose_and_only_through_clearance():
    for drop in DROPS:
        exposure = over_doses(0.5, TEN_FOLD, drop)["exposure_fold_at"]
        assert np.all(np.diff(exposure) >= 0.0)
        if drop == 0:
            assert np.allclose(exposure, 1.0)


# --- drug inside tumour cells -------------------------------------------------------------------

@pytest.mark.parametrize("tumour,drop", list(itertools.product(TUMOURS, (0.0, 10.0, 50.0, 60.0))))
def test_more_inhibitor_never_lowers_drug_inside_tumour_cells(tumour, drop):
    out = over_doses(0.5, tumour, drop)
    assert np.all(np.diff(out["inside_at_um"]) >= -1e-12)
    assert np.all(np.diff(out["inside_fold_curve"][0]) >= -1e-12)


def test_without_pumps_or_clearance_change_the_inhibitor_changes_nothing_in_the_tumour():
    out = over_doses(0.0, NO_PUMPS, 0.0)
    assert np.allclose(out["inside_fold_at"], 1.0, atol=1e-9)
    assert np.allclose(out["control_at_pct"], out["control_zero_pct"], atol=1e-9)
    assert np.all(out["window_width"] == 0.0)


def test_inside_level_comes_from_the_drug_accumulation_steady_state():
    dose, drop = 2.0, 0.3
    outside = m.STANDARD_OUTSIDE_UM * m.exposure_fold(dose, drop)
    expected = accumulation.steady_state(outside, accumulation.pump_vmax(10.0, dose))
    assert m.TUMOUR_MDR1_LEVELS[int(TEN_FOLD)] == 10.0
    assert at(inhibitor_dose=dose, tumour_mdr1=TEN_FOLD, clearance_drop=30.0)["inside_at_um"] == pytest.approx(expected)


def test_pump_rich_tumours_gain_more_from_blocking_their_pumps():
    """No pumps, nothing to block; every step up in pumps makes the block worth more."""
    folds = [at(inhibitor_dose=4.0, tumour_mdr1=t, clearance_drop=0.0)["inside_fold_at"] for t in TUMOURS]
    assert folds[0] == pytest.approx(1.0)
    assert all(later > earlier for earlier, later in zip(folds, folds[1:]))


def test_few_pumps_means_close_to_p_gp_negative():
    """"Few" is a tenth of the reference cell: a full block raises drug inside by under 5%."""
    assert m.TUMOUR_MDR1_LEVELS[int(FEW_PUMPS)] == pytest.approx(0.1)
    assert WIDGET.defaults()["tumour_mdr1"] == FEW_PUMPS
    assert at(inhibitor_dose=10.0, clearance_drop=0.0)["inside_fold_at"] < 1.05


# --- T cells and immunity -----------------------------------------------------------------------

def test_t_cell_function_falls_with_dose_from_normal():
    tcells = over_doses(0.5, TEN_FOLD, 50.0)["tcell_at"]
    assert tcells[0] == 1.0 and np.all(np.diff(tcells) < 0)
    assert m.tcell_function(1e9) == pytest.approx(1 - m.TCELL_LOSS_AT_FULL_BLOCK)


@pytest.mark.parametrize("tumour,drop", list(itertools.product(TUMOURS, (0.0, 50.0))))
def test_turning_immune_weight_to_zero_removes_the_immune_penalty(tumour, drop):
    """With w = 0 tumour control is the chemotherapy kill alone, whatever the T cells do."""
    out = over_doses(0.0, tumour, drop)
    kill = m.chemo_kill(out["inside_at_um"])
    assert np.allclose(out["control_at_pct"], 100 * kill, rtol=1e-12)
    for weight in WEIGHTS[1:]:
        assert np.all(over_doses(weight, tumour, drop)["control_at_pct"] <= out["control_at_pct"] + 1e-9)


def test_when_control_relies_on_immunity_the_inhibitor_buys_less():
    dependent = WIDGET.run(WIDGET.values_for("immune_dependent"))
    independent = WIDGET.run(WIDGET.values_for("immune_independent"))
    assert dependent["control_at_pct"] < independent["control_at_pct"] - 20.0
    assert dependent["window_low"] > independent["window_low"]


@pytest.mark.parametrize("tumour,other,drop,tox", list(itertools.product(TUMOURS, OTHER, (0.0, 10.0, 50.0), TOXICITY)))
def test_the_immune_term_changes_nothing_when_its_weight_is_zero(tumour, other, drop, tox, monkeypatch):
    """With w = 0, T-cell loss leaves every outcome as it would be with T cells untouched."""
    out = m.compute(DOSES, 0.0, tumour, other, drop, tox)
    monkeypatch.setattr(m, "TCELL_LOSS_AT_FULL_BLOCK", 0.0)
    untouched = m.compute(DOSES, 0.0, tumour, other, drop, tox)
    for key in ("control_at_pct", "control_curve_pct", "window_low", "window_high", "matched_at_pct"):
        assert np.array_equal(out[key], untouched[key]), key


def test_the_t_cell_readout_is_shown_only_when_immunity_counts():
    readout = next(r for r in WIDGET.readouts if r.key == "tcell_at_pct")
    assert not readout.shown(WIDGET.values_for("high_dose"))
    assert not readout.shown(WIDGET.values_for("immune_independent"))
    assert readout.shown(WIDGET.values_for("immune_dependent"))


# --- side effects and the useful window ---------------------------------------------------------

def test_side_effects_follow_exposure_from_the_standard_level():
    assert m.side_effects(1.0) == pytest.approx(m.SIDE_EFFECTS_AT_STANDARD)
    assert m.side_effects(2.0) > 0.6
    high = WIDGET.run(WIDGET.values_for("high_dose"))
    assert high["side_effects_at_pct"] > 100 * m.SIDE_EFFECTS_LIMIT


def test_valspodar_like_clearance_keeps_the_window_at_low_doses():
    """With clearance halved at full block, exposure soon pushes side effects past the limit."""
    out = at(tumour_mdr1=TEN_FOLD)
    assert 0.0 < out["window_high"] < 1.0
    assert at(tumour_mdr1=TEN_FOLD, clearance_drop=10.0, inhibitor_toxicity=0.0)["window_high"] > 5.0


def test_the_inhibitor_own_side_effects_set_a_dose_limit():
    """Real inhibitors had dose limits of their own (e.g. verapamil's heart effects, pennock1991)."""
    ideal = at(clearance_drop=0.0, inhibitor_toxicity=0.0, tumour_mdr1=TEN_FOLD)
    real = at(clearance_drop=0.0, inhibitor_toxicity=1.0, tumour_mdr1=TEN_FOLD)
    assert ideal["window_high"] == pytest.approx(10.0)
    assert real["window_high"] < 5.5
    assert m.own_side_effects(0.0, 1.0) == 0.0 and m.own_side_effects(10.0, 0.0) == 0.0


def test_immune_weight_is_off_by_default_and_on_only_in_the_immune_presets():
    assert WIDGET.defaults()["immune_weight"] == 0.0
    for preset in WIDGET.presets:
        weight = WIDGET.values_for(preset.name)["immune_weight"]
        assert (weight > 0) == (preset.name == "immune_dependent"), preset.name


def test_a_preset_shows_a_failed_trial_and_another_a_hopeful_case():
    failed_values = WIDGET.values_for("failed_trial")
    failed = WIDGET.run(failed_values)
    hopeful = WIDGET.run(WIDGET.values_for("hopeful_case"))
    assert failed_values["tumour_mdr1"] == FEW_PUMPS and failed_values["other_resistance"] > 0
    assert failed["window_width"] == 0.0
    assert failed["control_at_pct"] - failed["control_zero_pct"] < 100 * m.MIN_CONTROL_GAIN
    assert failed["control_zero_pct"] < WIDGET.run(WIDGET.defaults())["control_zero_pct"], \
        "the failed trial's tumour resists more than the default, not less"
    assert hopeful["window_low"] < WIDGET.values_for("hopeful_case")["inhibitor_dose"] < hopeful["window_high"]


def test_a_third_generation_like_inhibitor_does_not_help_at_every_dose():
    """The first review's complaint: a PK-neutral inhibitor used to help at any dose."""
    for tumour in TUMOURS:
        out = at(clearance_drop=10.0, tumour_mdr1=tumour, inhibitor_toxicity=1.0)
        assert out["window_high"] < 5.0, tumour


# --- the trials' logic: a benefit must beat giving more chemotherapy ------------------------------

@pytest.mark.parametrize("weight,other,drop,tox", list(itertools.product(WEIGHTS, OTHER, DROPS, TOXICITY)))
def test_a_pump_neutral_tumour_gains_nothing(weight, other, drop, tox):
    """No pumps: whatever the inhibitor does to the body, it can do no more than extra chemo would."""
    out = over_doses(weight, NO_PUMPS, drop, tox, other)
    assert np.all(out["control_at_pct"] <= out["matched_at_pct"] + 1e-9)
    assert np.all(out["window_width"] == 0.0)


@pytest.mark.parametrize("other,tox", list(itertools.product(OTHER, TOXICITY)))
def test_a_pk_neutral_inhibitor_in_a_low_pump_tumour_gains_no_more_than_extra_chemo(other, tox):
    """The ECOG 3999 situation: zosuquidar barely changed clearance, most tumours had few pumps."""
    for drop in (0.0, 10.0):
        out = over_doses(0.0, FEW_PUMPS, drop, tox, other)
        assert np.all(out["control_at_pct"] - out["matched_at_pct"] < 100 * m.MIN_CONTROL_GAIN)
        assert np.all(out["window_width"] == 0.0)


def test_a_valspodar_like_gain_in_a_low_pump_tumour_is_extra_chemo_in_disguise():
    """Halved clearance raises kill a lot, but extra chemo to the same exposure would do nearly as well."""
    out = WIDGET.run(WIDGET.values_for("more_chemo_in_disguise"))
    assert out["control_at_pct"] - out["control_zero_pct"] > 10.0
    assert out["control_at_pct"] - out["matched_at_pct"] < 1.0
    assert out["window_width"] == 0.0


@pytest.mark.parametrize("tumour,drop", list(itertools.product((TEN_FOLD, FORTY_FOLD), (0.0, 10.0))))
def test_a_high_pump_tumour_with_a_pk_neutral_inhibitor_shows_a_window(tumour, drop):
    out = at(tumour_mdr1=tumour, clearance_drop=drop, inhibitor_toxicity=1.0, inhibitor_dose=2.0)
    assert out["window_width"] > 1.0
    assert out["control_at_pct"] - out["matched_at_pct"] > 100 * m.MIN_CONTROL_GAIN


def test_resistance_the_pump_does_not_cause_shrinks_what_blocking_can_buy():
    gains = [at(tumour_mdr1=TEN_FOLD, other_resistance=r, clearance_drop=0.0, inhibitor_dose=4.0) for r in OTHER]
    buys = [g["control_at_pct"] - g["matched_at_pct"] for g in gains]
    assert all(later < earlier for earlier, later in zip(buys, buys[1:]))
    for share, g in zip(m.OTHER_RESISTANCE_SHARES, gains):
        assert g["control_at_pct"] <= 100 * (1 - share) + 1e-9


def test_a_trial_in_pump_rich_tumours_could_show_a_window_where_an_unselected_one_did_not():
    selected = WIDGET.run(WIDGET.values_for("selected_trial"))
    unselected = WIDGET.run(WIDGET.values_for("failed_trial"))
    assert selected["window_width"] > 1.0 and unselected["window_width"] == 0.0


def test_window_holds_exactly_the_doses_that_help_within_the_limit():
    """Shaded doses beat extra chemo and keep side effects within the limit; unshaded ones do not."""
    for weight, tumour, other, drop, tox in itertools.product(WEIGHTS, TUMOURS, OTHER, DROPS, TOXICITY):
        out = WIDGET.run({"inhibitor_dose": 0.0, "immune_weight": weight, "tumour_mdr1": tumour,
                          "other_resistance": other, "clearance_drop": drop, "inhibitor_toxicity": tox})
        dose, control, harm = out["dose_axis"], out["control_curve_pct"], out["side_effects_curve_pct"]
        beats = control > out["matched_curve_pct"] + 100 * m.MIN_CONTROL_GAIN + 1e-9
        helps = beats & (harm <= 100 * m.SIDE_EFFECTS_LIMIT)
        inside = (dose > out["window_low"] + 1e-6) & (dose < out["window_high"] - 1e-6)
        outside = (dose < out["window_low"] - 0.05) | (dose > out["window_high"] + 0.05)  # × Ki
        assert np.all(helps[inside]) and not np.any(helps[outside]), (weight, tumour, other, drop, tox)


def test_useful_window_is_one_stretch_of_doses_at_every_setting():
    settings = list(itertools.product(WEIGHTS, TUMOURS, OTHER, DROPS, TOXICITY))
    weight, tumour, other, drop, tox = (np.array(v) for v in zip(*settings))
    level = np.take(m.TUMOUR_MDR1_LEVELS, tumour.astype(int))
    share = np.take(m.OTHER_RESISTANCE_SHARES, other.astype(int))
    fine, which = m.curves(level, drop / 100, tox, share)
    control = m.tumour_control(fine["kill"][which], m.tcell_function(m.DOSE_FINE), weight[:, None])
    margin = np.minimum(control - fine["matched"][which] - m.MIN_CONTROL_GAIN,
                        m.SIDE_EFFECTS_LIMIT - fine["side_effects"][which])
    assert m.count_windows(margin).max() <= 1


# --- the widget contract ------------------------------------------------------------------------

def test_description_renders_at_defaults():
    values = WIDGET.defaults()
    out = WIDGET.run(values)
    sentence = render(WORDS.sentence, {**values, **out})
    assert "{" not in sentence and "seen in mice" not in sentence, "the mouse-based term is off by default"
    assert f"kills {round(out['control_at_pct'])}% of tumour cells" in sentence
    assert f"the same body exposure instead would kill {round(out['matched_at_pct'])}%" in sentence
    assert "No dose kills at least 5 more tumour cells per 100 than extra chemotherapy would" in sentence
    assert "it was not fitted to any trial" in sentence
    failed = WIDGET.values_for("failed_trial")
    assert "30 in 100 tumour cells resist in ways the pump does not cause" in render(
        WORDS.sentence, {**failed, **WIDGET.run(failed)})
    none = {**values, "inhibitor_dose": 0.0}
    assert "Without inhibitor" in render(WORDS.sentence, {**none, **WIDGET.run(none)})
    immune = WIDGET.values_for("immune_dependent")
    immune_text = render(WORDS.sentence, {**immune, **WIDGET.run(immune)})
    assert "seen in mice" in immune_text and "A useful window" in immune_text


def test_mouse_origin_is_stated_in_a_readout_and_the_note():
    labels = " ".join(WORDS.readout(r.key, "label") for r in WIDGET.readouts)
    assert "mice" in labels
    note = WIDGET.note()
    assert "finding in mice" in note and "[@chen2020]" in note
    assert "not a prediction for any person" in note


def test_the_presets_lessons_use_exist_and_mean_what_they_say():
    names = {p.name for p in WIDGET.presets}
    assert {"no_inhibitor", "high_dose", "immune_dependent", "immune_independent"} <= names
    assert WIDGET.values_for("immune_independent")["immune_weight"] == 0.0
    assert WIDGET.values_for("immune_dependent")["immune_weight"] >= 0.8
    assert WIDGET.values_for("no_inhibitor")["inhibitor_dose"] == 0.0


