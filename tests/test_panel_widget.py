"""panel_widget: each widget as a Panel Viewer whose parameters are its controls, showing the site's markup and words."""
from __future__ import annotations

import ast
import json
import subprocess
import sys

import panel as pn
import param
import pytest
from bokeh.document import Document
from markupsafe import escape

from mdr_explainer.lessons.strings import site_text
from mdr_explainer.lessons.widget_html import WidgetInstance, prediction_context, widget_html
from mdr_explainer.widgets import panel_widget
from mdr_explainer.widgets.framework.texts import SENTENCE, display_texts
from mdr_explainer.widgets.framework.view_context import view_context
from mdr_explainer.widgets.framework.wording import widget_text
from mdr_explainer.widgets.panel_view.markup import templates
from mdr_explainer.widgets.panel_view.pane import WidgetPane
from mdr_explainer.widgets.registry import REGISTRY

from conftest import REPO

NAMES = sorted(REGISTRY)


def site_texts(name: str, values: dict) -> dict:
    """What the site shows at these values: readouts, control values and the sentence."""
    widget = REGISTRY[name]
    return display_texts(widget, values, widget.run(values), widget_text(name))


def moved_value(p) -> float | str:
    """A setting other than the default for one parameter: the last option, or the far end of the slider."""
    if p.options:
        return p.options[-1] if int(round(p.default)) != len(p.options) - 1 else p.options[0]
    return p.max if p.default != p.max else p.min


@pytest.mark.parametrize("name", NAMES)
def test_parameters_are_the_declared_controls(name):
    """One parameter per declared control, with its bounds, step, default, options and words."""
    widget, words = REGISTRY[name], widget_text(name)
    view = panel_widget(name)
    assert isinstance(view, pn.viewable.Viewer) and isinstance(view, param.Parameterized)
    controls = [k for k in view.param if k != "name"]
    assert controls == [p.name for p in widget.params]
    for p in widget.params:
        declared = view.param[p.name]
        assert declared.label.startswith(words.param(p.name, "label"))
        assert declared.doc == words.param(p.name, "help")
        if p.options:
            assert isinstance(declared, param.Selector) and declared.objects == list(p.options)
            assert declared.default == p.options[int(round(p.default))]
        else:
            assert isinstance(declared, param.Number)
            assert declared.bounds == (p.min, p.max) and declared.step == p.step and declared.default == p.default


@pytest.mark.parametrize("name", NAMES)
def test_presets_and_values_set_the_start(name):
    """A preset and single values become the parameters, and the view starts at them."""
    widget = REGISTRY[name]
    for preset in widget.presets:
        values = widget.values_for(preset.name)
        view = panel_widget(name, preset=preset.name)
        assert view.model_values() == values
        assert view.sentence == site_texts(name, values)[SENTENCE]
    p = widget.params[0]
    view = panel_widget(name, **{p.name: moved_value(p)})
    assert getattr(view, p.name) == moved_value(p)


@pytest.mark.parametrize("name", NAMES)
def test_a_python_change_redraws_the_view_with_the_sites_words(name):
    """Setting a parameter from Python gives the view the site's readouts, control text and sentence."""
    widget = REGISTRY[name]
    view = panel_widget(name)
    p = widget.params[0]
    setattr(view, p.name, moved_value(p))
    values = widget.values_for(overrides={p.name: moved_value(p)})
    texts = site_texts(name, values)
    pane = view.__panel__()
    assert pane.values == values
    assert pane.state["sentence"] == texts[SENTENCE] == view.sentence
    assert pane.state["readouts"] == {r.key: texts[r.key] for r in widget.readouts}
    assert pane.state["outputs"] == {q.name: texts[f"param:{q.name}"] for q in widget.params}


@pytest.mark.parametrize("name", NAMES)
def test_a_move_in_the_view_sets_the_parameters(name):
    """The browser writes the model's inputs (a choice as its index); the parameters, watchers and pn.bind follow."""
    widget = REGISTRY[name]
    view = panel_widget(name)
    p = widget.params[0]
    seen, bound = [], []
    view.param.watch(lambda event: seen.append(event.new), p.name)
    pn.bind(lambda value: bound.append(value), view.param[p.name], watch=True)
    target = widget.values_for(overrides={p.name: moved_value(p)})
    view.__panel__().values = target
    assert getattr(view, p.name) == moved_value(p)
    assert seen == bound == [moved_value(p)]
    assert view.sentence == site_texts(name, target)[SENTENCE]


def test_words_and_numbers_of_another_locale_are_handed_in():
    """With the pseudo-locale's words, site words and decimal comma, the view reads as that locale's site page."""
    site = site_text("en-XA")
    view = panel_widget("drug_accumulation", words=site.widget("drug_accumulation"), site_words=site,
                        numbers=site.locale, drug_outside=1.5)
    widget, values = REGISTRY["drug_accumulation"], view.model_values()
    texts = display_texts(widget, values, widget.run(values), site.widget("drug_accumulation"), site.locale)
    assert view.sentence == texts[SENTENCE] and "1,5" in view.__panel__().state["outputs"]["drug_outside"]
    assert escape(site("widget.presets")) in view.__panel__().html
    assert escape(site.widget("drug_accumulation").title) in view.__panel__().html


def test_readouts_are_those_shown():
    """readouts holds what the view shows: a readout whose condition does not hold is left out, as on the site."""
    for name, widget in REGISTRY.items():
        view = panel_widget(name)
        values = view.model_values()
        merged = {**values, **widget.run(values)}
        assert set(view.readouts) == {r.key for r in widget.readouts if r.shown(merged)}


def test_values_between_steps_snap_and_values_outside_fail():
    """A Python value between slider steps snaps as on the site; one outside the bounds is refused by name."""
    view = panel_widget("drug_accumulation")
    view.mdr1_level = 12.3
    assert view.mdr1_level == 12.5 and view.__panel__().values["mdr1_level"] == 12.5
    with pytest.raises(ValueError, match="mdr1_level"):
        view.mdr1_level = 500
    with pytest.raises(ValueError, match="outside_profile"):
        view.outside_profile = "rising"


def test_unknown_widget_or_preset_says_which_exist():
    """A misspelt name or preset lists the known ones."""
    with pytest.raises(KeyError, match="drug_accumulation"):
        panel_widget("drug_acumulation")
    with pytest.raises(KeyError, match="mdr1_high"):
        panel_widget("drug_accumulation", preset="nope")


@pytest.mark.parametrize("name", NAMES)
def test_the_markup_is_the_sites(name):
    """The component's title, plot, controls and results are the site's own markup at the same values."""
    widget, site = REGISTRY[name], site_text()
    values = widget.values_for(widget.presets[0].name) if widget.presets else widget.defaults()
    instance = WidgetInstance(widget=name, id="w", url_key=name, values=values)
    page = widget_html(instance, site, "../")
    shared = templates().get_template("partials/widget-view.html").render(
        w={**view_context(widget, "w", values, site.widget(name), site.locale), **prediction_context(instance, site)}, t=site)
    assert shared in page  # the site's widget is this partial (with the site's prediction step) plus caption, class panel, links and config
    view = panel_widget(name, preset=widget.presets[0].name if widget.presets else None)
    html = view.__panel__().html
    assert 'class="plot-tools"' not in html and 'class="class-panel"' not in html
    for frame in view.__panel__().state["frames"].values():
        assert frame.replace(view._id, "w") in page  # each plot frame is the one the site draws
    assert escape(site.widget(name).title) in html and escape(view.sentence) in html


@pytest.mark.parametrize("name", NAMES)
def test_layouts_render_and_serve(name):
    """pn.Row with another component renders to Bokeh models; servable adds it to a document."""
    view = panel_widget(name)
    row = pn.Row(view, pn.pane.Markdown(view.sentence))
    doc = Document()
    root = row.get_root(doc)
    assert len(root.children) == 2
    pane = view.__panel__()
    assert isinstance(pane, WidgetPane) and pane._models
    model = pane._models[root.ref["id"]][0]
    assert model.data.state["sentence"] == view.sentence
    view.param.update(**{REGISTRY[name].params[0].name: moved_value(REGISTRY[name].params[0])})
    assert model.data.state["sentence"] == view.sentence  # a Python change reaches the Bokeh model


def test_state_per_move_is_small():
    """One slider move sends a few kilobytes: every plot frame's markup, the readouts and the sentence."""
    view = panel_widget("drug_accumulation")
    size = len(json.dumps(view.__panel__().state))
    print(f"state per move: {size} bytes (drug_accumulation)")
    assert size < 20_000


def test_the_static_build_does_not_import_panel():
    """Importing the widgets (as the static build does) leaves Panel, Bokeh and HoloViews unimported."""
    code = ("import sys, mdr_explainer.widgets, mdr_explainer.widgets.registry, mdr_explainer.lessons.build;"
            "print(sorted(m for m in ('panel', 'bokeh', 'holoviews') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]"


def test_the_panel_view_never_imports_lessons():
    """widgets/panel_view/ and the shared view context import nothing from lessons/."""
    files = [*sorted((REPO / "widgets" / "panel_view").glob("*.py")), REPO / "widgets" / "framework" / "view_context.py"]
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.name}:{node.lineno}: {n}" for n in names if "lessons" in n.split(".")]
    assert found == []
