"""HoloViews exploration: every widget's DynamicMap matches its declaration and model; the notebook runs."""
from __future__ import annotations

import json
import sys
import time

import holoviews as hv
import numpy as np
import pytest
from bokeh.models import LogAxis, Plot

from mdr_explainer.widgets.framework.plotting import glyph_data, glyph_label
from mdr_explainer.widgets.framework.texts import SENTENCE, display_texts
from mdr_explainer.widgets.framework.wording import widget_text
from mdr_explainer.widgets.notebook import describe, explore, explore_panel
from mdr_explainer.widgets.registry import REGISTRY

from conftest import REPO

NAMES = sorted(REGISTRY)
NOTEBOOK = REPO / "docs" / "explore.ipynb"


def default_key(dmap) -> tuple:
    """The DynamicMap key at every key dimension's default."""
    return tuple(d.default for d in dmap.kdims)


def element_data(glyph, element) -> dict:
    """The numbers a HoloViews element holds, in glyph_data's column names."""
    if glyph.kind == "patch":
        xs, ys = (element.split()[0].dimension_values(i) for i in (0, 1))
        closed = len(xs) > 1 and xs[0] == xs[-1] and ys[0] == ys[-1]  # HoloViews closes the ring
        return {"xs": [xs[:-1] if closed else xs], "ys": [ys[:-1] if closed else ys]}
    if glyph.kind == "vline":
        return {"x": [element.data] * 2}
    if glyph.kind == "hline":
        return {"y": [element.data] * 2}
    if glyph.kind == "text":
        return {"x": [element.x], "y": [element.y], "text": [element.text]}
    cols = {"x": element.dimension_values(0), "y": element.dimension_values(1)}
    if glyph.kind in ("band", "shade"):
        cols["y2"] = element.dimension_values(2)
    return cols


@pytest.mark.parametrize("name", NAMES)
def test_kdims_match_declared_params(name):
    """One key dimension per parameter, with its name, bounds, step, default and options."""
    widget = REGISTRY[name]
    dmap = explore(name)
    assert [d.name for d in dmap.kdims] == [p.name for p in widget.params]
    for dim, p in zip(dmap.kdims, widget.params):
        assert widget_text(name).param(p.name, "label") in dim.label
        if p.options:
            assert list(dim.values) == list(p.options)
            assert dim.default == p.options[int(round(p.default))]
        elif p.discrete:
            assert list(dim.values) == [float(v) for v in p.slider_values()]
            assert dim.default == p.default
        else:
            assert dim.range == (p.min, p.max) and dim.step == p.step and dim.default == p.default


@pytest.mark.parametrize("name", NAMES)
def test_default_plot_data_equal_model(name):
    """At default values every overlay holds exactly the data the site plots from widget.run."""
    widget = REGISTRY[name]
    values = widget.defaults()
    merged = {**values, **widget.run(values)}
    layout = explore(name)[default_key(explore(name))]
    overlays = list(layout.values())
    assert len(overlays) == len(widget.figures)
    for fig, overlay in zip(widget.figures, overlays):
        elements = list(overlay.values())
        assert len(elements) == len(fig.glyphs), fig.name
        for glyph, element in zip(fig.glyphs, elements):
            want, got = glyph_data(glyph, fig, merged, glyph_label(glyph, fig, widget_text(name))), element_data(glyph, element)
            for col, have in got.items():
                if col == "text":
                    assert have == want[col]
                elif col in ("xs", "ys"):
                    np.testing.assert_allclose(have[0], want[col][0], err_msg=f"{fig.name} {glyph.kind} {col}")
                else:
                    np.testing.assert_allclose(np.asarray(have, dtype=float), want[col],
                                               err_msg=f"{fig.name} {glyph.kind} {col}")


@pytest.mark.parametrize("name", NAMES)
def test_renders_with_declared_titles_ranges_and_axes(name):
    """Rendered with Bokeh, each figure keeps its title, fixed ranges and log axes."""
    widget = REGISTRY[name]
    dmap = explore(name)
    words = widget_text(name)
    plots = {p.title.text: p for p in hv.render(dmap[default_key(dmap)]).select({"type": Plot})}
    for fig in widget.figures:
        plot = plots[words.figure(fig.name, "title")]
        assert (plot.x_range.start, plot.x_range.end) == pytest.approx(fig.x_range)
        assert (plot.y_range.start, plot.y_range.end) == pytest.approx(fig.y_range)
        assert isinstance(plot.below[0], LogAxis) == (fig.x_scale == "log") or not fig.axes
        if fig.axes:
            assert plot.below[0].axis_label == words.figure(fig.name, "x_label")
            assert plot.left[0].axis_label == words.figure(fig.name, "y_label")


@pytest.mark.parametrize("name", NAMES)
def test_presets_and_values_set_the_starting_point(name):
    """A preset and single values become the key dimensions' defaults and the model's inputs."""
    widget = REGISTRY[name]
    for preset in widget.presets:
        values = widget.values_for(preset.name)
        dmap = explore(name, preset=preset.name)
        for dim, p in zip(dmap.kdims, widget.params):
            assert dim.default == (p.options[int(round(values[p.name]))] if p.options else values[p.name])
        texts = display_texts(widget, values, widget.run(values), widget_text(name))
        assert describe(name, preset=preset.name)["sentence"] == texts[SENTENCE]
    p = widget.params[0]
    assert explore(name, **{p.name: p.max}).kdims[0].default in (p.max, (p.options or [None])[-1])


@pytest.mark.parametrize("name", NAMES)
def test_describe_gives_the_site_readouts(name):
    """describe() returns each readout shown as the site formats it, with its unit, and the sentence."""
    widget = REGISTRY[name]
    values = widget.defaults()
    outputs = widget.run(values)
    texts = display_texts(widget, values, outputs, widget_text(name))
    found = describe(name)
    words = widget_text(name)
    assert found == {**{words.readout(r.key, "label"): texts[r.key] + words.readout(r.key, "unit")
                        for r in widget.readouts if r.shown({**values, **outputs})}, "sentence": texts[SENTENCE]}


@pytest.mark.parametrize("name", NAMES)
def test_panel_controls_drive_readouts(name):
    """explore_panel: one control per parameter; moving the first changes the text to the model's."""
    widget = REGISTRY[name]
    panel = explore_panel(name)
    controls, text = list(panel[0]), panel[1][1]
    assert len(controls) == len(widget.params)
    p = widget.params[0]
    controls[0].value = p.options[-1] if p.options else (p.max if not p.discrete else float(p.slider_values()[-1]))
    want = describe(name, **{p.name: p.max})["sentence"]
    assert want in text.object


def test_unknown_widget_says_which_exist():
    """A misspelt name lists the registered widgets."""
    with pytest.raises(KeyError, match=NAMES[0]):
        explore("no_such_widget")


@pytest.fixture(scope="module")
def executed_notebook(tmp_path_factory):
    """docs/explore.ipynb run top to bottom once, in a fresh kernel of this interpreter (the cells keep their outputs)."""
    import ipykernel  # noqa: F401  (the kernel the notebook runs in; part of the test extra)
    import nbclient
    import nbformat

    tmp_path = tmp_path_factory.mktemp("notebook")
    spec = tmp_path / "kernels" / "mdr-explore"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "mdr-explainer tests", "language": "python"}))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook with outputs cleared"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(tmp_path))
        start = time.perf_counter()
        nbclient.NotebookClient(nb, kernel_name="mdr-explore", timeout=120,
                                resources={"metadata": {"path": str(tmp_path)}}).execute()
    print(f"explore.ipynb executed in {time.perf_counter() - start:.1f} s")
    return nb


def test_example_notebook_executes(executed_notebook):
    """docs/explore.ipynb runs top to bottom without an error."""
    errors = [o for c in executed_notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors


def test_example_notebook_shows_the_panel_components(executed_notebook):
    """The notebook's panel_widget cells display Panel components, and pn.bind carries a Python change to the second."""
    from mdr_explainer.widgets.framework.wording import widget_text

    cells = [c for c in executed_notebook.cells if c.cell_type == "code"]
    shown = next(c for c in cells if "panel_widget(" in c.source)
    assert any("application/vnd.holoviews_exec.v0+json" in o.get("data", {}) for o in shown.outputs)
    result = next(c for c in cells if "accumulation.inhibitor = 4" in c.source).outputs[0]["data"]["text/plain"]
    widget = REGISTRY["dose_response"]
    values = widget.values_for("resistant_line", {"inhibitor": 4})
    sentence = display_texts(widget, values, widget.run(values), widget_text("dose_response"))[SENTENCE]
    assert result.startswith("(4.0,") and repr(sentence) in result
