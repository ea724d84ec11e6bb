"""One runtime contract, two implementations: the browser (mdr-model.js) and Python give equal results.

Every case runs through both sides in Chromium and must agree exactly (strings) or to float64
rounding (numbers): number formats in several locales, plural categories, sentence templates,
grid interpolation at 200 random states per widget (with the readouts and sentence it produces),
glyph data, where each glyph lands on the plot (SVG paths), snapping and link parsing.
"""
import math

import numpy as np
import pytest

from mdr_explainer.widgets.framework.accuracy import random_positions
from mdr_explainer.widgets.framework.describe import render
from mdr_explainer.widgets.framework.grid import build_cube, interpolate
from mdr_explainer.widgets.framework.numbers import ENGLISH, NumberLocale, format_value, plural_category
from mdr_explainer.widgets.framework.plot_geometry import glyph_shape
from mdr_explainer.widgets.framework.plotting import glyph_data, glyph_label
from mdr_explainer.widgets.framework.spec import Figure, Glyph
from mdr_explainer.widgets.framework.texts import display_texts
from mdr_explainer.widgets.framework.url_state import values_from_query
from mdr_explainer.widgets.framework.wording import widget_text
from mdr_explainer.widgets.registry import REGISTRY

pytestmark = pytest.mark.browser

LOCALES = [
    ENGLISH,
    NumberLocale(code="en-XA", decimal=",", group=".", min_grouping=1, plural_code="en"),
    NumberLocale(code="es", decimal=",", group=".", min_grouping=2, plural_code="es"),
    NumberLocale(code="fr", decimal=",", group="\u202f", min_grouping=1, plural_code="fr"),
]
VALUES = [0.0, -0.0, 1e-12, -1e-12, 4e-4, 0.04567, -0.04567, 0.5, 0.9995, 1.0, -1.0, 1.005, 2.46, 2.5,
          -2.5, 3.0, 7.6, 99.95, 999.5, 1234.5, -1234.5, 12345.678, 1e6, 123456789.0, 1e15, 1e21, 1e22,
          -3.7e25, 9.9999e-7, 2.5e-7, 1e9, 0.125, 0.375, 1.45, 2.675, math.inf, -math.inf, math.nan]
FORMATS = ["", "d", "pct", ".0f", ".1f", ".2f", ".3f", "sci"]
JS_NUMBER = "(v) => v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === 'nan' ? NaN : v"


def encoded(v: float):
    """A float that JSON can carry (inf and nan as strings)."""
    return v if math.isfinite(v) else ("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf"))


@pytest.fixture(scope="module")
def runtime(built_site, browser):
    """A page with the runtime and every widget's RuntimeModel loaded (an embed page per widget)."""
    out, _ = built_site
    context = browser.new_context()
    page = context.new_page()
    page.goto((out / "embed" / next(iter(REGISTRY)) / "index.html").as_uri())
    page.wait_for_function("() => window.MDRModel !== undefined")
    for path in sorted((out / "static" / "data").glob("*.js")):
        page.add_script_tag(path=str(path))
    page.wait_for_function("(n) => Object.keys(window.MDR_WIDGETS || {}).length >= n", arg=len(REGISTRY))
    yield page
    context.close()


@pytest.mark.parametrize("locale", LOCALES, ids=lambda l: l.code)
def test_numbers_format_alike_in_every_format_and_locale(runtime, locale):
    cases = [(encoded(v), f) for v in VALUES for f in FORMATS]
    shown = runtime.evaluate(f"""([cases, locale]) => {{ const num = {JS_NUMBER};
      return cases.map(([v, f]) => window.MDRModel.formatValue(num(v), f, locale)); }}""",
                             [cases, locale.to_json()])
    expected = [format_value(v, f, locale) for v in VALUES for f in FORMATS]
    mismatches = [(c, s, e) for c, s, e in zip(cases, shown, expected) if s != e]
    assert mismatches == []


@pytest.mark.parametrize("code", ["en", "es", "fr", "de", "pl", "ru"])
def test_plural_categories_follow_the_same_cldr_rules(runtime, code):
    numbers = list(range(0, 130)) + [1000, 1001, 1e6, 2e6, 0.5, 1.5, 2.25, 101.5]
    locale = NumberLocale(code=code, plural_code=code)
    shown = runtime.evaluate("([ns, l]) => ns.map((n) => window.MDRModel.pluralCategory(n, l))",
                             [numbers, locale.to_json()])
    assert shown == [plural_category(n, locale) for n in numbers]


TEMPLATES = [
    ("{?a>1|{a:.1f} times {b}|about {c:pct}} and {?b<=c|low|high}", {"a": 2.04, "b": 3.0, "c": 0.5}),
    ("{?a>1|{a:.1f} times {b}|about {c:pct}} and {?b<=c|low|high}", {"a": 0.5, "b": 0.1, "c": 0.25}),
    ("{#n|one:{n:d} cell|other:{n:d} cells} and {#m|one:one pump|other:{m} pumps}", {"n": 1.0, "m": 2.5}),
    ("{#n|one:{n:d} cell|other:{n:d} cells}", {"n": 0.0}),
    ("{#n|one:{n:d} célula|many:{n:sci} células|other:{n:d} células}", {"n": 1e6}),
    ("{name} keeps {x:sci} and {y}", {"name": "Tumour A", "x": 12345.0, "y": -0.0}),
]


@pytest.mark.parametrize("locale", [LOCALES[0], LOCALES[2]], ids=lambda l: l.code)
@pytest.mark.parametrize("template,values", TEMPLATES)
def test_templates_render_alike(runtime, template, values, locale):
    js = runtime.evaluate("([t, v, l]) => window.MDRModel.renderTemplate(t, v, l)", [template, values, locale.to_json()])
    assert js == render(template, values, locale)


def js_states(page, name: str, states: list[dict]) -> list[dict]:
    """The browser's interpolated outputs, readouts, sentence and glyph data at each state."""
    return page.evaluate("""([name, states, locale]) => {
      const M = window.MDRModel, model = window.MDR_WIDGETS[name];
      const plain = (v) => (typeof v === 'number' ? v : Array.from(v));
      return states.map((values) => {
        const out = M.interpolate(model, values), all = Object.assign({}, values, out);
        const readouts = {}; model.readouts.forEach((r) => { readouts[r.key] = M.formatValue(all[r.key], r.fmt, locale); });
        const glyphs = model.figures.map((f) => f.glyphs.map((g) => M.glyphData(g, f, all)));
        const outputs = {}; Object.keys(out).forEach((k) => { outputs[k] = plain(out[k]); });
        return {outputs, readouts, sentence: M.renderTemplate(model.sentence, all, locale), glyphs};
      });
    }""", [name, states, ENGLISH.to_json()])


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_interpolation_readouts_sentence_and_glyphs_agree_at_200_random_states(runtime, name):
    widget = REGISTRY[name]
    words = widget_text(widget.name)
    cube = build_cube(widget, words)
    states = random_positions(widget, 200, seed=11)
    for values, js in zip(states, js_states(runtime, name, states)):
        py = interpolate(widget, cube, values)
        for key, value in py.items():
            np.testing.assert_allclose(js["outputs"][key], value, rtol=1e-12, atol=1e-12, err_msg=f"{key} at {values}")
        texts = display_texts(widget, values, py, words)
        assert js["readouts"] == {r.key: texts[r.key] for r in widget.readouts}, values
        assert js["sentence"] == render(words.sentence, {**values, **py}), values
        merged = {**values, **py}
        for fig, shown in zip(widget.figures, js["glyphs"]):
            for glyph, data in zip(fig.glyphs, shown):
                want = glyph_data(glyph, fig, merged, glyph_label(glyph, fig, words))
                assert set(data) == set(want), (fig.name, glyph.kind)
                for col, column in want.items():
                    if col == "text":
                        assert data[col] == list(column)
                    elif col in ("xs", "ys"):
                        np.testing.assert_allclose(data[col][0], column[0], rtol=1e-12, atol=1e-12)
                    else:
                        np.testing.assert_allclose(data[col], column, rtol=1e-12, atol=1e-12, err_msg=f"{fig.name} {col}")


def js_shape(page, glyph: Glyph, fig: Figure, data: dict) -> dict:
    """The browser's glyphShape for Python's glyph data (non-finite numbers carried as strings)."""
    def carried(column):
        return [encoded(float(v)) for v in column] if not isinstance(column[0], str) else list(column)

    payload = {k: ([carried(v[0])] if k in ("xs", "ys") else carried(v)) for k, v in data.items()}
    runtime_fig = {"x_range": list(fig.x_range), "y_range": list(fig.y_range),
                   "x_log": fig.x_scale == "log", "y_log": fig.y_scale == "log"}
    return page.evaluate(f"""([kind, fig, data]) => {{
      const num = {JS_NUMBER}, back = (c) => c.map((v) => (typeof v === 'string' && v !== 'inf' && v !== '-inf' && v !== 'nan') ? v : num(v));
      const d = {{}}; Object.keys(data).forEach((k) => {{ d[k] = (k === 'xs' || k === 'ys') ? [back(data[k][0])] : back(data[k]); }});
      return window.MDRModel.glyphShape({{kind}}, fig, d);
    }}""", [glyph.kind, runtime_fig, payload])


def same_shape(js: dict, py: dict) -> None:
    """Equal strings for geometry; opacity equal as a number."""
    assert {k: v for k, v in js.items() if k != "opacity"} == {k: v for k, v in py.items() if k != "opacity"}
    assert js["opacity"] == pytest.approx(py["opacity"], rel=1e-12)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_glyph_lands_on_the_same_units_at_30_random_states(runtime, name):
    widget, words = REGISTRY[name], widget_text(name)
    for values in random_positions(widget, 30, seed=5):
        merged = {**values, **widget.run(values)}
        for fig in widget.figures:
            for glyph in fig.glyphs:
                data = glyph_data(glyph, fig, merged, glyph_label(glyph, fig, words))
                same_shape(js_shape(runtime, glyph, fig, data), glyph_shape(glyph, fig, data))


EDGE = [0.0, -0.0, -1.0, 1e-300, 0.01, 0.0100001, 0.5, 99.99995, 100.0, 105.0, 1e6, 1e300, math.inf, -math.inf, math.nan]


@pytest.mark.parametrize("kind", ["line", "band", "points", "patch", "text"])
@pytest.mark.parametrize("scales", [("linear", "linear"), ("log", "log"), ("log", "linear")])
def test_shapes_agree_at_the_edges_nan_inf_zero_and_negatives_on_log_axes(runtime, kind, scales):
    fig = Figure(name="edge", x_range=(0.01, 100.0), y_range=(0.01, 105.0), x_scale=scales[0], y_scale=scales[1], glyphs=())
    xs = np.array(EDGE)
    ys = np.array(EDGE[::-1])
    glyph = Glyph(kind=kind, x="x", y="y", y2="y2")
    data = ({"xs": [xs], "ys": [ys], "alpha": np.array([0.4])} if kind == "patch" else
            {"x": xs, "y": ys, "y2": ys * 2, "alpha": np.full(len(xs), 0.4)} if kind == "band" else
            {"x": xs, "y": ys, "alpha": np.full(len(xs), 0.4)})
    if kind == "text":
        for x, y in zip(EDGE, EDGE[::-1]):
            one = {"x": np.array([x]), "y": np.array([y]), "alpha": np.array([1.0]), "text": ["label"]}
            same_shape(js_shape(runtime, glyph, fig, one), glyph_shape(glyph, fig, one))
        return
    py = glyph_shape(glyph, fig, data)
    assert py["d"], "some edge points are drawable"
    same_shape(js_shape(runtime, glyph, fig, data), py)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_snapping_agrees_for_every_parameter(runtime, name):
    rng = np.random.default_rng(3)
    for p in REGISTRY[name].params:
        raw = [float(v) for v in rng.uniform(p.min - (p.max - p.min), p.max + (p.max - p.min), 60)]
        raw += [p.min, p.max, p.default, p.min + p.step / 2, p.max - p.step / 2]
        spec = {"min": p.min, "max": p.max, "step": p.step}
        js = runtime.evaluate("([p, vs]) => vs.map((v) => window.MDRModel.snap(p, v))", [spec, raw])
        assert js == [p.snap(v) for v in raw], p.name


def link_cases(widget) -> list[str]:
    """Queries a reader might share or mistype, for one widget instance keyed 'k.'."""
    cases = ["", "?k.preset=" + widget.presets[0].name, "?k.preset=nope", "?preset=" + widget.presets[-1].name]
    for p in widget.params:
        cases += [f"?k.{p.name}={p.max * 10 + 1}", f"?k.{p.name}=-1e999", f"?k.{p.name}=abc", f"?k.{p.name}=",
                  f"?k.{p.name}={(p.min + p.max) / 3}", f"?{p.name}={p.min}"]
        cases += [f"?k.{p.name}={option}" for option in p.options]
    cases.append(f"?k.preset={widget.presets[0].name}&k.{widget.params[0].name}={widget.params[0].max}")
    return cases


@pytest.mark.parametrize("name", sorted(REGISTRY))
@pytest.mark.parametrize("prefix", ["k.", ""])
def test_links_parse_alike(runtime, name, prefix):
    widget = REGISTRY[name]
    start = widget.defaults()
    cases = link_cases(widget)
    js = runtime.evaluate("""([name, start, prefix, cases]) => cases.map((q) =>
        window.MDRModel.valuesFromQuery(window.MDR_WIDGETS[name], start, prefix, q))""", [name, start, prefix, cases])
    assert js == [values_from_query(widget, start, prefix, q) for q in cases]


def prediction_link_cases(widget) -> list[str]:
    """Prediction links a teacher or reader might share or mistype, for an instance keyed 'k.'."""
    cases = ["", "?predict=0", "?k.predict=0", "?k.predict=nope", "?k.guess=abc", "?k.guess=", "?k.guess=1e999"]
    for q in widget.questions:
        cases += [f"?k.predict={q.name}", f"?predict={q.name}", f"?k.preset={q.preset}", f"?predict=0&k.predict={q.name}"]
        guesses = [k for k, _ in q.choices] + ["nine"] if q.choices else ["-5", "0.333", "42.6", "1e9"]
        cases += [f"?k.predict={q.name}&k.guess={g}" for g in guesses] + [f"?guess={guesses[0]}&predict={q.name}"]
    return cases


@pytest.mark.parametrize("name", sorted(REGISTRY))
@pytest.mark.parametrize("prefix", ["k.", ""])
def test_prediction_links_parse_alike(runtime, name, prefix):
    from mdr_explainer.widgets.framework.url_state import prediction_from_query

    widget, default = REGISTRY[name], REGISTRY[name].questions[-1].name
    cases = prediction_link_cases(widget)
    js = runtime.evaluate("""([name, fallback, prefix, cases]) => cases.map((q) =>
        window.MDRModel.predictionFromQuery(window.MDR_WIDGETS[name], fallback, prefix, q))""", [name, default, prefix, cases])
    assert js == [prediction_from_query(widget, default, prefix, q) for q in cases]


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_comparison_sentences_render_alike_for_every_question(runtime, name):
    from mdr_explainer.widgets.framework.prediction import choice_for, comparison_values, question_values

    widget, words = REGISTRY[name], widget_text(name)
    for q in widget.questions:
        outputs = widget.run(question_values(widget, q))
        scalars = {k: v for k, v in outputs.items() if isinstance(v, float)}
        low, high = q.bounds or (0.0, 1.0)
        predictions = [k for k, _ in q.choices] if q.choices else [low, high, (low + high) / 3, outputs[q.answer]]
        actuals = [outputs[q.answer], 0.0, 1e6] + [u for _, u in q.choices if u != math.inf]
        for locale in (LOCALES[0], LOCALES[2]):
            cases = [(p, a) for p in predictions for a in actuals]
            js = runtime.evaluate("""([name, qname, outputs, cases, locale]) => {
              const M = window.MDRModel, q = window.MDR_WIDGETS[name].questions.find((x) => x.name === qname);
              return cases.map(([p, a]) => M.renderTemplate(q.compare, Object.assign({}, outputs, M.comparisonValues(q, p, a)), locale)
                + ' | ' + (q.kind === 'choice' ? M.choiceFor(q, a) : M.renderTemplate(q.marker, {predicted: p}, locale)));
            }""", [name, q.name, scalars, cases, locale.to_json()])
            labels = words.get("predict", q.name, "choices") or {}
            want = [render(words.need("predict", q.name, "compare"), {**scalars, **comparison_values(q, p, a, labels)}, locale)
                    + " | " + (choice_for(q, a) if q.choices else render(words.need("predict", q.name, "marker"), {"predicted": p}, locale))
                    for p, a in cases]
            assert js == want, q.name
