"""The dose_response widget: cells surviving a drug, driven by the drug kept inside."""
import re
from pathlib import Path

import numpy as np
import pytest

import mdr_explainer.widgets.pump_science as accumulation
from mdr_explainer.widgets.dose_response import WIDGET, model
from mdr_explainer.widgets.framework.accuracy import random_positions
from mdr_explainer.widgets.framework.describe import render
from mdr_explainer.widgets.framework.grid import build_cube, interpolate
from mdr_explainer.widgets.framework.wording import widget_text

WORDS = widget_text(WIDGET.name)

LEVELS = np.array(model.LEVELS)  # × the reference cell, one per slider option
INHIBITOR_DOSES = np.arange(0.0, 10.5, 0.5)


def at(mdr1_level, inhibitor=0.0):
    """Model outputs for a pump level (× the reference cell, one of LEVELS) and inhibitor dose."""
    option = list(model.LEVELS).index(float(mdr1_level))
    return WIDGET.run({"mdr1_level": float(option), "inhibitor": float(inhibitor)})


# --- fold resistance ------------------------------------------------------------------------

def test_fold_resistance_is_one_with_no_extra_pumps():
    """A cell with the reference number of pumps is the reference cell, with or without inhibitor."""
    for dose in INHIBITOR_DOSES:
        assert at(1, dose)["fold_resistance"] == pytest.approx(1.0, abs=1e-9)


def test_fold_resistance_grows_with_every_extra_pump():
    for dose in (0.0, 2.0):
        folds = [at(level, dose)["fold_resistance"] for level in LEVELS]
        assert np.all(np.diff(folds) > 1e-6), dose


def test_a_cell_without_pumps_is_more_sensitive_than_a_normal_cell():
    assert at(0)["fold_resistance"] < 0.95


def test_fold_resistance_falls_as_more_inhibitor_is_added():
    folds = [at(20, dose)["fold_resistance"] for dose in INHIBITOR_DOSES]
    assert np.all(np.diff(folds) < -1e-6)
    reversal = [at(20, dose)["reversal_fold"] for dose in INHIBITOR_DOSES]
    assert reversal[0] == pytest.approx(1.0, abs=1e-12) and np.all(np.diff(reversal) > 1e-6)


def test_inhibitor_changes_nothing_for_a_cell_without_pumps():
    """No pumps, nothing to block: the chosen cell's IC50 stays at the inside kill level."""
    for dose in INHIBITOR_DOSES:
        assert at(0, dose)["ic50_cell_um"] == pytest.approx(model.EC50_INSIDE_UM, rel=1e-12)


def test_inhibitor_also_sensitises_the_normal_cell():
    """The inhibitor reaches every cell it bathes, so the normal cell's IC50 falls too."""
    ic50s = [at(1, dose)["ic50_normal_um"] for dose in INHIBITOR_DOSES]
    assert np.all(np.diff(ic50s) < 0)
    assert at(1, 10)["normal_sensitisation"] > 1.3


def test_ic50_rises_in_a_straight_line_with_pump_level():
    """Sensitivity varies linearly with P-gp amount in cell lines (ref key robertus2025)."""
    ic50s = np.array([at(level)["ic50_cell_um"] for level in LEVELS])
    slope = np.diff(ic50s) / np.diff(LEVELS)
    np.testing.assert_allclose(slope, slope[0], rtol=1e-9)


# --- the kill is driven by the drug inside --------------------------------------------------

def test_model_reuses_the_shared_pump_model_rather_than_a_copy():
    assert model.steady_state is accumulation.steady_state
    assert model.pump_vmax is accumulation.pump_vmax
    assert model.outside_for_inside is accumulation.outside_for_inside


def test_at_the_ic50_the_drug_inside_sits_at_the_kill_level():
    """Round trip through the accumulation model: the IC50 dose settles the cell at EC50_in."""
    for level, dose in ((1, 0), (5, 0), (40, 0), (100, 3.5), (100, 10)):
        out = at(level, dose)
        inside = accumulation.steady_state(out["ic50_cell_um"], accumulation.pump_vmax(level, dose))
        assert float(inside) == pytest.approx(model.EC50_INSIDE_UM, rel=1e-9)
        assert float(model.survival(inside)) == pytest.approx(0.5, abs=1e-9)


def test_a_cell_without_pumps_keeps_as_much_drug_as_the_outside():
    """With no pumps the inside level equals the outside level, so IC50 = EC50_in."""
    curve = at(0)["survival_cell_pct"]
    np.testing.assert_allclose(curve, 100.0 * model.survival(model.DOSE_UM), rtol=1e-9)


def test_survival_falls_from_nearly_all_to_nearly_none_across_the_axis():
    for level, dose in ((0, 0), (1, 0), (40, 0), (100, 0), (100, 10)):
        out = at(level, dose)
        for key in ("survival_normal_pct", "survival_cell_pct", "survival_cell_no_inhibitor_pct"):
            curve = out[key]
            assert np.all(np.diff(curve) < 0), key
            assert curve[0] > 99.0 and curve[-1] < 1.0, key


# --- cited ranges ---------------------------------------------------------------------------

def test_inhibitor_reversal_lies_between_cited_reversals():
    """inhibitor_reversal restores 4.5-12-fold, the range of cited reversals in cells.

    Valspodar serum on P-gp-rich 8226/Dox6 cells: IC50 5.9 -> 1.3 µg/mL, about 4.5-fold
    (calculated; ref key minami2001). Verapamil 6.6-20 µM made vincristine 6-12 times more toxic
    in 8 leukaemia/lymphoma lines (ref key tsuruo1983).
    """
    reversal = WIDGET.run(WIDGET.values_for("inhibitor_reversal"))["reversal_fold"]
    assert 4.5 <= reversal <= 12.0
    assert reversal == pytest.approx(7.23, abs=0.01)


def test_default_resistant_cell_lands_in_the_cited_k562r_range():
    """Defaults = resistant_line (40 × the reference cell's pumps): about 13-fold.

    K562r vs K562: about 22-fold to doxorubicin, 10 to daunorubicin (ref key huchen);
    CCRF-CEM/VLB sublines from 10.6-fold (ref key beck1979). With saturable pumping and the kill
    level a tenth of Km, fold = (1 + 0.5 L a) / (1 + 0.5 a), a = Km / (Km + EC50) = 10/11.
    """
    defaults = WIDGET.defaults()
    assert defaults == WIDGET.values_for("resistant_line")
    fold = WIDGET.run(defaults)["fold_resistance"]
    a = 10.0 / 11.0
    assert fold == pytest.approx((1 + 0.5 * 40 * a) / (1 + 0.5 * a), rel=1e-9)
    assert 10.0 <= fold <= 22.0


def test_fold_resistance_is_not_capped_at_the_old_cooperative_ceiling():
    """The old Hill-2 model could not pass 10.5-fold; now 100 × the pumps gives about 32-fold."""
    assert at(100)["fold_resistance"] > 30.0
    folds = np.array([at(level)["fold_resistance"] for level in LEVELS])
    np.testing.assert_allclose(np.diff(folds) / np.diff(LEVELS), np.diff(folds)[0] / np.diff(LEVELS)[0], rtol=1e-9)


# --- words, presets, grid, budgets ----------------------------------------------------------

def test_sentence_renders_at_defaults():
    values = WIDGET.defaults()
    text = render(WORDS.sentence, {**values, **WIDGET.run(values)})
    assert "{" not in text and "}" not in text and "|" not in text
    assert "13.2-fold resistant" in text and "No inhibitor is added." in text


def test_sentence_reports_what_the_inhibitor_restores():
    values = WIDGET.values_for("inhibitor_reversal")
    text = render(WORDS.sentence, {**values, **WIDGET.run(values)})
    assert "resistance falls from 13.2-fold to 2.5-fold" in text
    assert "7.2 times better on the chosen cell" in text
    assert "reference cell's pumps" in text


def test_sentence_for_the_reference_cell_says_it_is_as_sensitive_as_the_reference_cell():
    values = WIDGET.values_for("normal_cell")
    text = render(WORDS.sentence, {**values, **WIDGET.run(values)})
    assert "about as sensitive as the reference cell" in text


def test_static_page_has_every_value_the_sentence_reads():
    """The browser renders the sentence from the grid's outputs and the slider values only.

    Every key the sentence reads, including those in the conditions of nested choices, must be
    among them (a key missing there would read as undefined in the browser).
    """
    read = set(re.findall(r"\{\?\s*([A-Za-z_]\w*)", WORDS.sentence))
    read |= set(re.findall(r"\{([A-Za-z_]\w*)(?::[^{}|]*)?\}", WORDS.sentence))
    stored = set(build_cube(WIDGET, WORDS).layout["outputs"]) | {p.name for p in WIDGET.params}
    assert read <= stored, read - stored


def test_grid_readouts_match_the_model_within_a_tenth_of_a_percent():
    cube = build_cube(WIDGET, WORDS)
    for values in random_positions(WIDGET, 100, seed=3):
        exact, approx = WIDGET.run(values), interpolate(WIDGET, cube, values)
        for readout in WIDGET.readouts:
            assert approx[readout.key] == pytest.approx(exact[readout.key], rel=1e-3), (readout.key, values)


def test_model_knows_nothing_of_the_view():
    source = Path(model.__file__).read_text(encoding="utf-8")
    for ui in ("panel", "bokeh", "holoviews"):
        assert f"import {ui}" not in source and f"from {ui}" not in source, ui
