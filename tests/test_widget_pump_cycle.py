"""The pump_cycle widget: P-glycoprotein's transport cycle as a named state machine."""
import re
from pathlib import Path

import numpy as np
import pytest

from mdr_explainer.widgets.framework.describe import render
from mdr_explainer.widgets.framework.grid import build_cube, interpolate
from mdr_explainer.widgets.pump_cycle import WIDGET, geometry, model
from mdr_explainer.widgets.framework.wording import widget_text

WORDS = widget_text(WIDGET.name)

ALL_STEPS = range(14)
CYCLE = model.STEPS_PER_CYCLE  # 7 stages


def at(step, inhibitor=0):
    """Outputs and parameter values at one step, with the inhibitor off (0) or on (1)."""
    values = WIDGET.values_for(overrides={"step": step, "inhibitor": inhibitor})
    return {**values, **WIDGET.run(values)}


def sentence(step, inhibitor=0):
    """The description a screen reader hears at one step."""
    return render(WORDS.sentence, at(step, inhibitor))


def half(outputs, side):
    """One pump half's outline as corners × 2."""
    return np.column_stack([outputs[f"{side}_x"], outputs[f"{side}_y"]])


def tmd_gap(outputs, corner):
    """Width between the two transmembrane domains at one corner (0 = top, 7 = bottom)."""
    return outputs["right_x"][corner] - outputs["left_x"][corner]


# --- the cycle and its counts ------------------------------------------------------------

def test_one_full_uninhibited_cycle_moves_one_drug_for_two_atp():
    """Two ATP are split per turn (ref key sauna2001), so one cycle moves 1 drug for 2 ATP."""
    end_of_cycle = at(CYCLE - 1)
    assert end_of_cycle["drugs_moved"] == pytest.approx(1.0, abs=1e-12)
    assert end_of_cycle["atp_spent"] == pytest.approx(2.0, abs=1e-12)
    assert end_of_cycle["atp_per_drug"] == pytest.approx(2.0, abs=1e-12)


def test_two_cycles_double_both_counts_and_keep_two_atp_per_drug():
    end_of_second = at(2 * CYCLE - 1)
    assert (end_of_second["drugs_moved"], end_of_second["atp_spent"]) == (2.0, 4.0)
    assert end_of_second["atp_per_drug"] == pytest.approx(2.0, abs=1e-12)


def test_atp_per_drug_is_zero_until_a_drug_has_been_moved():
    for step in range(5):
        assert at(step)["drugs_moved"] == 0.0
        assert at(step)["atp_per_drug"] == 0.0


def test_counts_never_fall_as_the_reader_steps_on():
    for inhibitor in (0, 1):
        for key in ("drugs_moved", "atp_spent"):
            counts = [at(s, inhibitor)[key] for s in ALL_STEPS]
            assert np.all(np.diff(counts) >= 0), (key, inhibitor, counts)


def test_the_cycle_visits_its_seven_stages_in_order_then_starts_again():
    assert [at(s)["state"] for s in ALL_STEPS] == list(range(7)) * 2
    assert [at(s)["cycle"] for s in ALL_STEPS] == [1] * 7 + [2] * 7


def test_an_occluded_state_lies_between_nbd_closure_and_opening_outward():
    """HDX (ref key hdx2019): with ATP bound and NBDs closed the pocket is sealed on both sides."""
    names = [s.name for s in model.STATES]
    assert names.index("atp_binds") < names.index("occluded") < names.index("outward_facing")
    occluded = at(names.index("occluded"))
    closed_gap = geometry.nbd_gap(*geometry.pump_halves("outward"))
    assert geometry.nbd_gap(half(occluded, "left"), half(occluded, "right")) == pytest.approx(closed_gap)
    assert tmd_gap(occluded, 0) < 0.5 and tmd_gap(occluded, 7) < 0.5, "closed at top and bottom"
    assert occluded["atp_alpha"] == 1.0 and abs(occluded["drug_y"]) < geometry.MEMBRANE_HALF_THICKNESS


# --- the inhibitor --------------------------------------------------------------------------

def test_inhibited_pump_moves_no_drug_and_splits_no_atp_past_the_stall():
    for step in ALL_STEPS:
        out = at(step, inhibitor=1)
        assert out["drugs_moved"] == 0.0 and out["atp_spent"] == 0.0, step
        assert out["drug_y"] < geometry.MIDPLANE_Y, f"drug left the inside at step {step}"


def test_inhibited_pump_holds_the_inhibitor_in_its_pocket_and_no_drug():
    """Cryo-EM (ref key nosol2020): inhibitors bind in the drug pocket and the access tunnel."""
    pocket_x = geometry.DRUG_AT["pocket_inward"][0]
    for step in ALL_STEPS:
        out = at(step, inhibitor=1)
        assert out["inhibitor_alpha"] == 1.0
        assert np.all(np.abs(out["inhibitor_x"] - pocket_x) < 0.5)
        assert np.all(np.abs(out["inhibitor_y"]) < geometry.MEMBRANE_HALF_THICKNESS), "inside the membrane"
        assert abs(out["drug_x"]) > np.max(np.abs(out["left_x"])), "the drug waits beside the pump, not in it"
        assert at(step, inhibitor=0)["inhibitor_alpha"] == 0.0


def test_inhibited_pump_never_turns_outward():
    inward_gap = geometry.nbd_gap(*geometry.pump_halves("inward"))
    for step in ALL_STEPS:
        out = at(step, inhibitor=1)
        assert geometry.nbd_gap(half(out, "left"), half(out, "right")) == pytest.approx(inward_gap)


def test_inhibitor_blocks_the_cycle_before_the_drug_gets_in():
    """Inhibitors interfere with the early steps of the cycle (ref key nosol2020)."""
    for step in ALL_STEPS:
        stalled = at(step, 1)
        assert stalled["stalled"] == 1.0 and stalled["state"] == model.STALL_BEFORE == 0


# --- the words ------------------------------------------------------------------------------

def stage_captions() -> dict:
    """Each stage's caption, read from the flat per-stage conditions of the sentence template."""
    found = re.findall(r"\{\?show_(state_\d|stalled)>0\.5\|([^|{}]*?)\. \|\}", WORDS.sentence)
    return {("stalled" if flag == "stalled" else model.STATES[int(flag[6:])].caption): text for flag, text in found}


CAPTIONS = stage_captions()


def test_every_stage_reads_its_own_caption_and_no_other():
    for step in range(CYCLE):
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
    assert "2.0 ATP per drug moved" in sentence(CYCLE - 1)
    assert "split 4 ATP and moved 2 drug molecules" in sentence(2 * CYCLE - 1)


def test_sentence_renders_at_defaults():
    values = WIDGET.defaults()
    text = render(WORDS.sentence, {**values, **WIDGET.run(values)})
    assert "{" not in text and "}" not in text and "|" not in text
    assert text.startswith("Cycle 1, stage 1 of 7.")


# --- the drawing ----------------------------------------------------------------------------

def test_outward_facing_pump_has_its_nbds_closer_together_than_inward_facing():
    inward, outward = at(0), at(4)
    gap_in = geometry.nbd_gap(half(inward, "left"), half(inward, "right"))
    gap_out = geometry.nbd_gap(half(outward, "left"), half(outward, "right"))
    assert gap_out < 0.25 * gap_in
    assert gap_out > 0.0, "the halves touch but do not overlap"


def test_the_pocket_opens_to_one_side_of_the_membrane_at_a_time():
    """Inward-facing: open at the bottom (cytoplasm); outward-facing: open at the top."""
    top, bottom = 0, 7
    inward, outward = at(0), at(4)
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
    waiting, released = at(0), at(5)
    assert -geometry.MEMBRANE_HALF_THICKNESS < waiting["drug_y"] < geometry.MIDPLANE_Y
    assert abs(waiting["drug_x"]) > np.max(np.abs(waiting["left_x"])), "beside the pump, not in it"
    assert released["drug_y"] > geometry.MEMBRANE_HALF_THICKNESS


def test_atp_is_drawn_only_while_bound_and_adp_only_after_splitting():
    assert [at(s)["atp_alpha"] for s in range(7)] == [0, 0, 1, 1, 1, 1, 0]
    assert [at(s)["adp_alpha"] for s in range(7)] == [0, 0, 0, 0, 0, 0, 1]


# --- presets, grid, budgets -----------------------------------------------------------------

def test_presets_open_the_stages_they_name():
    assert WIDGET.run(WIDGET.values_for("inward_open"))["state"] == 0
    bound = WIDGET.run(WIDGET.values_for("atp_bound"))
    assert bound["state"] == 2 and bound["atp_alpha"] == 1.0
    assert WIDGET.run(WIDGET.values_for("occluded"))["state"] == 3
    assert WIDGET.run(WIDGET.values_for("inhibited"))["stalled"] == 1.0


def test_static_page_reads_the_same_sentence_as_the_model():
    """The browser renders the sentence from the grid's outputs and the slider values only."""
    cube = build_cube(WIDGET, WORDS)
    for step in ALL_STEPS:
        for inhibitor in (0, 1):
            values = {"step": float(step), "inhibitor": float(inhibitor)}
            from_grid = render(WORDS.sentence, {**values, **interpolate(WIDGET, cube, values)})
            assert from_grid == render(WORDS.sentence, {**values, **WIDGET.run(values)}), values


def test_model_knows_nothing_of_the_view():
    folder = Path(model.__file__).parent
    for name in ("model.py", "geometry.py"):
        source = (folder / name).read_text(encoding="utf-8")
        for ui in ("panel", "bokeh", "holoviews"):
            assert f"import {ui}" not in source and f"from {ui}" not in source, (name, ui)
