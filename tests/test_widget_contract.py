"""Every registered widget keeps the contract: budgets, faithful grid, valid presets, words, notes."""
import ast

import numpy as np
import pytest

from mdr_explainer.widgets.framework.accuracy import worst_plot_error
from mdr_explainer.widgets.framework.describe import render, template_keys
from mdr_explainer.widgets.framework.wording import missing_words, widget_text
from mdr_explainer.widgets.framework.grid import build_cube
from mdr_explainer.widgets.registry import REGISTRY

NAMES = sorted(REGISTRY)


@pytest.fixture(scope="module")
def cubes():
    return {name: build_cube(REGISTRY[name], widget_text(name)) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_static_grid_fits_the_budget_and_reproduces_the_model(cubes, name):
    cube = cubes[name]
    assert cube.nbytes <= 225_000
    error, where = worst_plot_error(REGISTRY[name], cube, 300)
    assert error < 0.01, where


@pytest.mark.parametrize("name", NAMES)
def test_presets_are_valid_and_at_least_two(name):
    widget = REGISTRY[name]
    assert len(widget.presets) >= 2
    for preset in widget.presets:
        values = widget.values_for(preset.name)
        for p in widget.params:
            assert p.min <= values[p.name] <= p.max, (preset.name, p.name)


@pytest.mark.parametrize("name", NAMES)
def test_sentence_renders_for_defaults_and_every_preset_and_reads_only_stored_values(cubes, name):
    widget = REGISTRY[name]
    stored = set(cubes[name].layout["outputs"]) | {p.name for p in widget.params}
    assert set(template_keys(widget_text(widget.name).sentence)) <= stored
    for values in [widget.defaults()] + [widget.values_for(p.name) for p in widget.presets]:
        text = render(widget_text(widget.name).sentence, {**values, **widget.run(values)})
        assert text and not set("{}|") & set(text), text


@pytest.mark.parametrize("name", NAMES)
def test_every_parameter_is_declared_with_words_and_units(name):
    widget = REGISTRY[name]
    text = widget_text(widget.name)
    assert missing_words(widget, text) == []
    for p in widget.params:
        assert text.param(p.name, "label") and text.param(p.name, "help").endswith(".")
        assert p.min <= p.default <= p.max


@pytest.mark.parametrize("name", NAMES)
def test_model_note_covers_sources_simplifications_and_teaching_choices(name):
    note = " ".join(REGISTRY[name].note().lower().split())
    for needle in ("leaves out", "teaching choice", "[@", "not a prediction"):
        assert needle in note, needle


@pytest.mark.parametrize("name", NAMES)
def test_model_module_imports_no_user_interface(name):
    folder = REGISTRY[name].folder()
    for path in folder.glob("*.py"):
        if path.name in ("spec.py", "__init__.py"):
            continue
        tree = ast.parse(path.read_text())
        modules = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        modules |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not modules & {"panel", "bokeh", "holoviews"}, path


@pytest.mark.parametrize("name", NAMES)
def test_grid_is_deterministic(cubes, name):
    assert np.array_equal(build_cube(REGISTRY[name], widget_text(name)).values, cubes[name].values)
