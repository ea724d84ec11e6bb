"""The skeleton widget in widgets/README.md works as written: a newcomer can copy it."""
import re
import sys
import types

import numpy as np
import pytest
import yaml

from conftest import REPO
from mdr_explainer.widgets.framework.contract import runtime_model
from mdr_explainer.widgets.framework.grid import build_cube, interpolate
from mdr_explainer.widgets.framework.texts import SENTENCE, display_texts
from mdr_explainer.widgets.framework.wording import WidgetText, missing_words


def readme_blocks() -> dict:
    """The README's model, spec and strings blocks, keyed by the file each is written for."""
    text = (REPO / "widgets" / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"`([\w/.]+(?:model\.py|spec\.py|\.yaml))`:\s*\n\s*```\w+\n(.*?)```", text, re.S)
    return {name.rsplit("/", 1)[-1]: body for name, body in found}


@pytest.fixture
def skeleton(monkeypatch):
    """The README's widget, imported as a package, with its strings file."""
    blocks = readme_blocks()
    assert {"model.py", "spec.py", "decay.yaml"} <= set(blocks)
    package = types.ModuleType("mdr_explainer.widgets.decay")
    package.__path__ = []
    monkeypatch.setitem(sys.modules, "mdr_explainer.widgets.decay", package)
    model = types.ModuleType("mdr_explainer.widgets.decay.model")
    exec(compile(blocks["model.py"], "decay/model.py", "exec"), model.__dict__)
    monkeypatch.setitem(sys.modules, "mdr_explainer.widgets.decay.model", model)
    package.model = model
    spec = types.ModuleType("mdr_explainer.widgets.decay.spec")
    spec.__package__ = "mdr_explainer.widgets.decay"
    exec(compile(blocks["spec.py"], "decay/spec.py", "exec"), spec.__dict__)
    words = WidgetText(name="decay", data=yaml.safe_load(blocks["decay.yaml"]), source="README decay.yaml")
    return spec.WIDGET, words


def test_the_readme_skeleton_is_a_complete_widget(skeleton):
    widget, words = skeleton
    assert missing_words(widget, words) == []
    values = widget.values_for("slow_clearance")
    outputs = widget.run(values)
    texts = display_texts(widget, values, outputs, words)
    assert "{" not in texts[SENTENCE] and texts["left_24h"] == f"{outputs['left_24h']:.1f}"
    cube = build_cube(widget, words)
    assert interpolate(widget, cube, values)["left_24h"] == pytest.approx(outputs["left_24h"], rel=1e-6)
    assert runtime_model(widget, cube, words)["sentence"] == words.sentence


def test_the_skeleton_model_halves_every_half_life(skeleton):
    widget, _ = skeleton
    out = widget.run({"dose_mg": 80.0, "clearance_factor": 1.0})
    assert out["level"][6] == pytest.approx(40.0) and out["level"][12] == pytest.approx(20.0)
    assert np.all(np.diff(out["level"]) < 0)
