"""The numbers the mechanism view moves by come from the models, and its first frame is written from them."""
from __future__ import annotations

import re

import numpy as np
import pytest

from mdr_explainer.widgets.framework.mechanism_view import mechanism_context
from mdr_explainer.lessons.strings import site_text
from mdr_explainer.lessons.widget_html import WidgetInstance, widget_html
from mdr_explainer.widgets.drug_accumulation import model as cell
from mdr_explainer.widgets.framework.contract import runtime_model
from mdr_explainer.widgets.framework.grid import build_cube
from mdr_explainer.widgets.framework.wording import WidgetText, missing_words, widget_text
from mdr_explainer.widgets.pump_cycle import model as pump
from mdr_explainer.widgets.registry import REGISTRY

LEVELS = np.array([0.0, 1.0, 5.0, 40.0, 100.0])


def fluxes(level, inhibitor=0.0, drug=1.0):
    """The drug_accumulation model's steady-state fluxes at these settings."""
    out = cell.compute(level, inhibitor, drug, 0.0)
    return {k: np.asarray(out[k]) for k in ("entry_flux", "leak_flux", "pump_flux", "pump_per_molecule",
                                             "leak_per_molecule", "inside_cell_um")}


def test_at_steady_state_what_leaks_in_leaves_by_leak_or_pump():
    f = fluxes(LEVELS[:, None], 0.0, np.array([0.1, 1.0, 10.0]))
    np.testing.assert_allclose(f["entry_flux"], f["leak_flux"] + f["pump_flux"], rtol=1e-9)
    # net passive entry k (C_out - C_in) is what the pumps remove
    np.testing.assert_allclose(f["entry_flux"] - f["leak_flux"], f["pump_flux"], rtol=1e-9, atol=1e-9)


def test_per_molecule_rates_times_the_drug_inside_give_the_fluxes():
    f = fluxes(LEVELS, 2.0, 3.0)
    np.testing.assert_allclose(f["pump_per_molecule"] * f["inside_cell_um"], f["pump_flux"], rtol=1e-9)
    np.testing.assert_allclose(f["leak_per_molecule"] * f["inside_cell_um"], f["leak_flux"], rtol=1e-9)


def test_more_pumps_pump_out_more_and_an_inhibitor_pumps_out_less():
    f = fluxes(LEVELS)
    assert np.all(np.diff(f["pump_flux"]) > 0) and f["pump_flux"][0] == 0.0
    assert np.all(np.diff(f["leak_flux"]) < 0)
    assert np.all(fluxes(40.0, np.array([0.0, 1.0, 4.0, 10.0]))["pump_flux"][1:] < fluxes(40.0)["pump_flux"])


def test_the_cycle_turns_at_its_pace_and_not_at_all_when_stalled():
    running, stalled = pump.compute(3, 0), pump.compute(3, 1)
    assert running["stages_per_second"] == pump.STAGES_PER_SECOND > 0
    assert running["drugs_per_minute"] == pytest.approx(60 * pump.STAGES_PER_SECOND / 7)
    assert running["atp_per_minute"] == pytest.approx(2 * running["drugs_per_minute"])
    assert stalled["stages_per_second"] == stalled["drugs_per_minute"] == stalled["atp_per_minute"] == 0.0


@pytest.mark.parametrize("name", ["drug_accumulation", "pump_cycle"])
def test_the_runtime_model_carries_the_mechanism_and_its_outputs(name):
    widget = REGISTRY[name]
    cube = build_cube(widget, widget_text(widget.name))
    model = runtime_model(widget, cube, widget_text(widget.name))
    assert model["mechanism"]["kind"] == widget.mechanism.kind
    assert set(widget.mechanism.outputs) <= set(cube.layout["outputs"])
    assert model["mechanism"]["words"]["sentence"] == widget_text(widget.name).need("mechanism", "sentence")
    assert runtime_model(REGISTRY["tumor_evolution"], build_cube(REGISTRY["tumor_evolution"], widget_text("tumor_evolution")),
                         widget_text(REGISTRY["tumor_evolution"].name))["mechanism"] is None


def test_missing_mechanism_words_are_named_with_the_file():
    widget = REGISTRY["pump_cycle"]
    data = dict(widget_text(widget.name).data)
    data["mechanism"] = {k: v for k, v in data["mechanism"].items() if k not in ("now", "stages")}
    problems = missing_words(widget, WidgetText(name="pump_cycle", data=data, source="content/strings/en/widgets/pump_cycle.yaml"))
    assert "content/strings/en/widgets/pump_cycle.yaml: missing key mechanism.now; add it" in problems
    assert "content/strings/en/widgets/pump_cycle.yaml: missing key mechanism.stages.occluded.title; add it" in problems
    assert missing_words(widget, widget_text(widget.name)) == []


def test_the_first_frame_shows_the_stage_the_slider_chose():
    widget, site = REGISTRY["pump_cycle"], site_text("en")
    values = widget.values_for("occluded")
    context = mechanism_context(widget, {**values, **widget.run(values)}, widget_text(widget.name), site.locale)
    assert [s["current"] for s in context["stages"]] == [False, False, False, True, False, False, False]
    assert context["now"].startswith("Stage 4 of 7, sealed:")
    stalled = widget.values_for("inhibited")
    context = mechanism_context(widget, {**stalled, **widget.run(stalled)}, widget_text(widget.name), site.locale)
    assert context["stalled"] and context["now"].startswith("Stalled:") and "does not turn" in context["sentence"]


def test_the_cell_is_drawn_with_its_pumps_and_sentence_in_the_page():
    widget, site = REGISTRY["drug_accumulation"], site_text("en")
    html = widget_html(WidgetInstance("drug_accumulation", "drug_accumulation", "drug_accumulation",
                                      widget.values_for("mdr1_high_inhibited")), site, "../../")
    assert html.count('class="mech-pump"') == 8
    assert re.search(r'style="--pump-activity:20\.0"', html), "the pumps fade with the speed the inhibitor leaves"
    assert "the pumps push 4.47 µM out" in html
    assert 'data-mechanism' not in widget_html(WidgetInstance("tumor_evolution", "t", "t", REGISTRY["tumor_evolution"].defaults()),
                                              site, "../../")
