"""The pump_cycle widget: P-glycoprotein's transport cycle as a named state machine."""
import re
from pathlib import Path

import numpy as np
import pytest

from mdr_explainer.widgets.framework.describe import render
from mdr_explainer.widgets.framework.grid import build_cube, interpolate
from mdr_explainer.widgets.pump_cycle import WIDGET, geometry, model

ALL_STEPS = range(12)


def at(step, inhibitor=0):
    """Outputs and parameter values at one step, with the inhibitor off (0) or on (1)."""
    values = WIDGET.values_for(overrides={"step": step, "inhibitor": inhibitor})
    return {**values, **WIDGET.run(values)}


def sentence(step, inhibitor=0):
    """The description a screen reader hears at one step."""
    return render(WIDGET.sentence, at(step, inhibitor))


def half(outputs, side):
    """One pump half's outline as corners × 2."""
    return np.column_stack([outputs[f"{side}_x"], outputs[f"{side}_y"]])


def tmd_gap(outputs, corner):
    """Width between the two transmembrane domains at one corner (0 = top, 7 = bottom)."""
    return outputs["right_x"][corner] - outputs["left_x"][corner]


# --- the cycle and its counts ------------------------------------------------------------

def test_one_full_uninhibited_cycle_moves_one_drug_for_two_atp():
    """Two ATP are split per turn (FACTS §2.2, S29), so one cycle moves 1 drug for 2 ATP."""
    end_of_cycle = at(5)
    assert end_of_cycle["drugs_moved"] == pytest.approx(1.0, abs=1e-12)
    assert end_of_cycle["atp_spent"] == pytest.approx(2.0, abs=1e-12)
    assert end_of_cycle["atp_per_drug"] == pytest.approx(2.0, abs=1e-12)


def test_two_cycles_double_both_counts_and_keep_two_atp_per_drug():
    end_of_second = at(11)
    assert (end_of_second["drugs_moved"], end_of_second["atp_spent"]) == (2.0, 4.0)
    assert end_of_second["atp_per_drug"] == pytest.approx(2.0, abs=1e-12)


def test_atp_per_drug_is_zero_until_a_drug_has_been_moved():
    for step in range(4):
        assert at(step)["drugs_moved"] == 0.0
        assert at(step)["atp_per_drug"] == 0.0


def test_counts_never_fall_as_the_reader_steps_on():
    for inhibitor in (0, 1):
        for key in ("drugs_moved", "atp_spent"):
            counts = [at(s, inhibitor)[key] for s in ALL_STEPS]
            assert np.all(np.diff(counts) >= 0), (key, inhibitor, counts)


def test_the_cycle_visits_its_six_stages_in_order_then_starts_again():
    assert [at(s)["state"] for s in ALL_STEPS] == [0, 1, 2, 3, 4, 5] * 2
    assert [at(s)["cycle"] for s in ALL_STEPS] == [1] * 6 + [2] * 6


# --- the inhibitor --------------------------------------------------------------------------

def test_inhibited_pump_moves_no_drug_and_splits_no_atp_past_the_stall():
    for step in ALL_STEPS:
        out = at(step, inhibitor=1)
        assert out["drugs_moved"] == 0.0 and out["atp_spent"] == 0.0, step
        assert out["drug_y"] < geometry.MIDPLANE_Y, f"drug left the inside at step {step}"


def test_inhibited_pump_never_turns_outward():
    inward_gap = geometry.nbd_gap(*geometry.pump_halves("inward"))
    for step in ALL_STEPS:
        out = at(step, inhibitor=1)
        assert geometry.nbd_gap(half(out, "left"), half(out, "right")) == pytest.approx(inward_gap)


def test_inhibitor_stalls_the_pump_just_before_it_turns_outward():
    """Drug and ATP still bind (stages 1-3); the switch to outward-facing is what fails."""
    for step in range(model.STALL_BEFORE):
        assert at(step, 1)["state"] == at(step, 0)["state"] and at(step, 1)["stalled"] == 0.0
    for step in range(model.STALL_BEFORE, 12):
        stalled = at(step, 1)
        assert stalled["stalled"] == 1.0 and stalled["state"] == model.STALL_BEFORE - 1
        assert stalled["atp_alpha"] == 1.0, "ATP stays bound while stalled"


# --- the words ------------------------------------------------------------------------------

def stage_captions() -> dict:
    """Each stage's caption, read from the flat per-stage conditions of the sentence template."""
    found = re.findall(r"\{\?show_(state_\d|stalled)>0\.5\|([^|{}]*?)\. \|\}", WIDGET.sentence)
    return {("stalled" if flag == "stalled" else model.STATES[int(flag[6:])].caption): text for flag, text in found}


CAPTIONS = stage_captions()


def test_every_stage_reads_its_own_caption_and_no_other():
    for step in range(6):
        text = sentence(step)
        own = CAPTIONS[model.STATES[step].caption]
        assert own in text, step
        others = [c for k, c in CAPTIONS.items() if c != own]
        assert not any(c in text for c in others), step


def test_stalled_pump_reads_the_stall_caption():
    assert CAPTIONS["stalled"] in sentence(3, inhibitor=1)
    assert "An inhibitor is present" in sentence(0, inhibitor=1)


def test_sentence_reports_the_running_atp_per_drug():
    assert "no drug moved yet, so ATP per drug is shown as 0" in sentence(0)
    assert "2.0 ATP per drug moved" in sentence(5)
    assert "split 4 ATP and moved 2 drug molecules" in sentence(11)


def test_sentence_renders_at_defaults():
    values = WIDGET.defaults()
    text = render(WIDGET.sentence, {**values, **WIDGET.run(values)})
    assert "{" not in text and "}" not in text and "|" not in text
    assert text.startswith("Cycle 1, stage 1 of 6.")


# --- the drawing ----------------------------------------------------------------------------

def test_outward_facing_pump_has_its_nbds_closer_together_than_inward_facing():
    inward, outward = at(0), at(3)
    gap_in = geometry.nbd_gap(half(inward, "left"), half(inward, "right"))
    gap_out = geometry.nbd_gap(half(outward, "left"), half(outward, "right"))
    assert gap_out < 0.25 * gap_in
    assert gap_out > 0.0, "the halves touch but do not overlap"


def test_the_pocket_opens_to_one_side_of_the_membrane_at_a_time():
    """Inward-facing: open at the bottom (cytoplasm); outward-facing: open at the top."""
    top, bottom = 0, 7
    inward, outward = at(0), at(3)
    assert tmd_gap(inward, bottom) > 5 * tmd_gap(inward, top)
    assert tmd_gap(outward, top) > 5 * tmd_gap(outward, bottom)


def test_the_two_pump_halves_are_mirror_images():
    for step in ALL_STEPS:
        out = at(step)
        np.testing.assert_allclose(out["right_x"], -out["left_x"], atol=1e-12)
        np.testing.assert_allclose(out["right_y"], out["left_y"], atol=1e-12)


def test_the_membrane_stays_put():
    first = at(0)
    for step in ALL_STEPS:
        for key in ("membrane_x", "outer_leaflet_top", "inner_leaflet_bottom", "midplane_y"):
            np.testing.assert_array_equal(at(step, 1)[key], first[key])


def test_drug_enters_from_the_inner_leaflet_and_leaves_to_the_outside():
    waiting, released = at(0), at(4)
    assert -geometry.MEMBRANE_HALF_THICKNESS < waiting["drug_y"] < geometry.MIDPLANE_Y
    assert abs(waiting["drug_x"]) > np.max(np.abs(waiting["left_x"])), "beside the pump, not in it"
    assert released["drug_y"] > geometry.MEMBRANE_HALF_THICKNESS


def test_atp_is_drawn_only_while_bound_and_adp_only_after_splitting():
    assert [at(s)["atp_alpha"] for s in range(6)] == [0, 0, 1, 1, 1, 0]
    assert [at(s)["adp_alpha"] for s in range(6)] == [0, 0, 0, 0, 0, 1]


# --- presets, grid, budgets -----------------------------------------------------------------

def test_presets_open_the_stages_they_name():
    assert WIDGET.run(WIDGET.values_for("inward_open"))["state"] == 0
    bound = WIDGET.run(WIDGET.values_for("atp_bound"))
    assert bound["state"] == 2 and bound["atp_alpha"] == 1.0
    assert WIDGET.run(WIDGET.values_for("inhibited"))["stalled"] == 1.0


def test_static_page_reads_the_same_sentence_as_the_model():
    """The browser renders the sentence from the grid's outputs and the slider values only."""
    cube = build_cube(WIDGET)
    for step in ALL_STEPS:
        for inhibitor in (0, 1):
            values = {"step": float(step), "inhibitor": float(inhibitor)}
            from_grid = render(WIDGET.sentence, {**values, **interpolate(WIDGET, cube, values)})
            assert from_grid == render(WIDGET.sentence, {**values, **WIDGET.run(values)}), values


def test_model_knows_nothing_of_the_view():
    folder = Path(model.__file__).parent
    for name in ("model.py", "geometry.py"):
        source = (folder / name).read_text(encoding="utf-8")
        for ui in ("panel", "bokeh", "holoviews"):
            assert f"import {ui}" not in source and f"from {ui}" not in source, (name, ui)
