"""The live server in a real browser: every URL form, the static page's DOM and accessibility,
the Python model's exact numbers, and a quiet fall-back to the grid when the server goes away."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from mdr_explainer.lessons.content import load_content
from mdr_explainer.lessons.server import build_live
from mdr_explainer.lessons.strings import site_text
from mdr_explainer.widgets.framework.accuracy import random_positions
from mdr_explainer.widgets.framework.texts import SENTENCE, display_texts
from mdr_explainer.widgets.framework.wording import widget_text
from mdr_explainer.widgets.registry import REGISTRY
from browser_helpers import BRING_NEAR, after_update, next_frames, page_vs_model, shown_keys
from mdr_explainer.widgets.framework.plot_geometry import UNITS
from conftest import REPO, free_port, wait_for_http

pytestmark = pytest.mark.browser
WIDGETS = sorted(REGISTRY)
AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"

PAGE_TEXTS = """(id) => {
  const root = document.getElementById(id), out = {};
  root.querySelectorAll('[data-readout]').forEach((e) => { out[e.dataset.readout] = e.textContent; });
  root.querySelectorAll('output[data-output]').forEach((e) => { out['param:' + e.dataset.output] = e.textContent; });
  out['__sentence__'] = root.querySelector('.widget-describe').textContent;
  return out;
}"""
PAGE_STATE = """(id) => {
  const v = window.MDR.views.find((view) => view.config.id === id);
  return {values: Object.assign({}, v.values), outputs: Object.assign({}, v.outputs),
          source: v.root.dataset.source, live: v.root.dataset.live || null};
}"""
ALL_LIVE = """() => { const ws = [...document.querySelectorAll('[data-widget]')].filter((w) => w.offsetParent !== null);
  return ws.every((w) => w.dataset.ready === 'true' && w.dataset.source === 'live' && w.dataset.live === 'online'); }"""
ALL_READY = """() => [...document.querySelectorAll('[data-widget]')].filter((w) => w.offsetParent !== null)
  .every((w) => w.dataset.ready === 'true')"""


@pytest.fixture(scope="module")
def lesson():
    """A real lesson with at least one widget with a slider."""
    lessons = load_content(REPO / "content").lessons
    return next(l for l in lessons if any(any(not p.options for p in REGISTRY[n].params) for n in l.widget_names()))


def instances(page) -> list[tuple[str, str]]:
    """(instance id, widget name) of every widget on the page."""
    return page.evaluate("() => window.MDR.views.map((v) => [v.config.id, v.config.widget])")


def python_texts(name: str, values: dict) -> dict:
    """What the Python model says a widget shows at these values: readouts, slider values, sentence."""
    widget = REGISTRY[name]
    return display_texts(widget, values, widget.run(values), widget_text(name))


def shown_texts(page, instance: str) -> dict:
    """What the page shows: readouts, slider outputs and the sentence."""
    return page.evaluate(PAGE_TEXTS, instance)


def exact(page, instance: str, name: str) -> dict:
    """Assert the page's texts equal Python's for the page's own values; return those values."""
    state = page.evaluate(PAGE_STATE, instance)
    want, shown = python_texts(name, state["values"]), shown_texts(page, instance)
    assert shown[SENTENCE] == want[SENTENCE], (instance, state["values"])
    assert {k: shown[k] for k in shown} == {k: want[k] for k in shown}, (instance, state["values"])
    assert {r.key for r in REGISTRY[name].readouts} <= set(shown)
    return state["values"]


def open_page(page, url: str) -> None:
    """Go to a page and bring every visible widget near the viewport (widgets load lazily)."""
    page.goto(url, wait_until="domcontentloaded", timeout=60000)
    page.evaluate(BRING_NEAR)


def wait_all_live(page, timeout: float = 60000) -> None:
    """Every widget ready, online, and showing a live answer."""
    page.wait_for_function(ALL_LIVE, timeout=timeout)


def wait_live(page, instance: str, timeout: float = 15000) -> None:
    """This widget shows the live answer to its latest request."""
    page.wait_for_function("(id) => document.getElementById(id).dataset.source === 'live'", arg=instance, timeout=timeout)


def move_by_keyboard(page, instance: str) -> None:
    """Focus the first control (a slider, else a choice) and press an arrow key: the other way at a slider's top."""
    control = page.locator(f"#{instance} .widget-controls input[type=range]:visible, #{instance} .widget-controls input[type=radio]:checked:visible").first
    control.focus()
    assert page.evaluate("() => document.activeElement.dataset.param") is not None
    at_max = control.evaluate("(e) => e.type === 'range' && Number(e.value) >= Number(e.max)")
    page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")


def url_forms(lesson) -> list[tuple[str, str, str]]:
    """(label, path, query) for every address form of one lesson and one embed page."""
    name = lesson.widget_names()[0]
    slider = next(p for p in REGISTRY[name].params if not p.options)
    value = slider.slider_values()[1]
    lesson_query = f"?reader=student&{name}.{slider.name}={value:g}"
    embed_query = f"?{slider.name}={value:g}"
    forms = []
    for query_label, lq, eq in (("plain", "", ""), ("query", lesson_query, embed_query)):
        forms += [(f"lesson-slash-{query_label}", f"/{lesson.slug}/", lq),
                  (f"lesson-bare-{query_label}", f"/{lesson.slug}", lq),
                  (f"lesson-index-{query_label}", f"/{lesson.slug}/index.html", lq),
                  (f"embed-slash-{query_label}", f"/embed/{name}/", eq),
                  (f"embed-bare-{query_label}", f"/embed/{name}", eq),
                  (f"embed-index-{query_label}", f"/embed/{name}/index.html", eq)]
    return forms


FORMS = ["lesson-slash", "lesson-bare", "lesson-index", "embed-slash", "embed-bare", "embed-index"]


@pytest.mark.parametrize("query_label", ["plain", "query"])
@pytest.mark.parametrize("form", FORMS)
def test_every_url_form_works_live(live_server, watched_page, lesson, form, query_label):
    label, path, query = next(f for f in url_forms(lesson) if f[0] == f"{form}-{query_label}")
    page = watched_page.page
    open_page(page, live_server + path + query)
    assert page.url.split("?")[0].endswith(("/", "/index.html"))
    if query:
        assert page.url.endswith(query), "the query string survives any redirect"
    wait_all_live(page)
    name = lesson.widget_names()[0]
    if not query:  # the default reader may not see every widget: move the first one on show
        if not page.evaluate("() => [...document.querySelectorAll('[data-widget]')].some((w) => w.checkVisibility())"):
            page.locator("[data-reader-choice=student]").click()  # this reader sees no widget: switch
            page.evaluate(BRING_NEAR)
            page.wait_for_function("() => document.querySelectorAll('[data-widget][data-ready=true]').length > 0")
            wait_all_live(page)
        name = page.evaluate("() => MDR.views.find((v) => v.root.checkVisibility()).config.widget")
    instance = name
    if query:
        slider = next(p for p in REGISTRY[name].params if not p.options)
        assert float(page.locator(f"#{instance} input[data-param={slider.name}]").input_value()) == slider.slider_values()[1]
        if form.startswith("lesson"):
            assert page.locator("[data-audience=student]").first.is_visible()
    for inst, widget_name in instances(page):
        exact(page, inst, widget_name)
    before = page.evaluate(PAGE_STATE, instance)["values"]
    move_by_keyboard(page, instance)
    wait_live(page, instance)
    after = exact(page, instance, name)
    assert after != before
    assert watched_page.errors == [] and watched_page.outside == []


def run_axe(page) -> list:
    """axe-core's violations on the page as it is."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5)}))""")


def test_live_lesson_and_embed_pages_pass_axe(live_server, watched_page, lesson):
    page = watched_page.page
    for path in (f"/{lesson.slug}/", f"/embed/{lesson.widget_names()[0]}/"):
        open_page(page, live_server + path)
        wait_all_live(page)
        assert run_axe(page) == [], path
    assert watched_page.errors == [] and watched_page.outside == []


def test_live_page_has_the_static_dom_and_reachable_descriptions(live_server, built_site, watched_page, lesson):
    page = watched_page.page
    out, _ = built_site
    skeleton = """() => [...document.querySelectorAll('main [id], main [role], main [aria-describedby], main input, main select')]
        .map((e) => [e.tagName, e.id, e.getAttribute('role'), e.getAttribute('aria-describedby'), e.getAttribute('aria-labelledby')])"""
    open_page(page, (out / lesson.slug / "index.html").as_uri())
    page.wait_for_function(ALL_READY, timeout=60000)
    static = page.evaluate(skeleton)
    open_page(page, f"{live_server}/{lesson.slug}/")
    wait_all_live(page)
    assert page.evaluate(skeleton) == static
    # Every aria-describedby names elements in the same document (no shadow root in between).
    missing = page.evaluate("""() => [...document.querySelectorAll('[aria-describedby]')].flatMap((e) =>
        e.getAttribute('aria-describedby').split(/\\s+/).filter((id) => !document.getElementById(id)))""")
    assert missing == []
    for inst, _ in instances(page):
        assert page.locator(f"#{inst}-plot").get_attribute("aria-describedby") == f"{inst}-desc"
        assert "widget-describe" in page.locator(f"#{inst}-desc").get_attribute("class")
    # No control inside an image region: assistive technology reaches every slider.
    assert page.evaluate("() => document.querySelectorAll('[role=img] input, [role=img] select, [role=img] button, [role=img] a').length") == 0
    assert watched_page.errors == [] and watched_page.outside == []


@pytest.mark.parametrize("name", WIDGETS)
def test_static_live_and_python_say_the_same_at_every_preset(live_server, built_site, browser, name):
    out, _ = built_site
    widget = REGISTRY[name]
    context = browser.new_context()
    static, live = context.new_page(), context.new_page()
    # ?predict=0: the prediction step would open the widget at its first question's preset, not the default
    open_page(static, (out / "embed" / name / "index.html").as_uri() + "?predict=0")
    static.wait_for_function(ALL_READY, timeout=60000)
    open_page(live, f"{live_server}/embed/{name}/?predict=0")
    wait_all_live(live)
    for preset in [None] + [p.name for p in widget.presets]:
        if preset:
            static.select_option(f"#{name}-preset", preset)
            live.select_option(f"#{name}-preset", preset)
            wait_live(live, name)
        values = widget.values_for(preset) if preset else widget.defaults()
        assert live.evaluate(PAGE_STATE, name)["values"] == values
        shown = shown_texts(live, name)
        assert set(shown) == shown_keys(widget), preset  # every readout, slider value and the sentence
        want = {k: python_texts(name, values)[k] for k in shown}
        assert shown == want, preset
        assert shown_texts(static, name) == want, preset
    context.close()


def readout_spans(widget) -> dict:
    """How far each readout ranges over the widget's states: the scale its stated 1% accuracy applies to."""
    states = random_positions(widget, 40, seed=3) + [widget.values_for(p.name) for p in widget.presets]
    runs = [{**s, **widget.run(s)} for s in states]
    return {r.key: float(np.ptp([float(run[r.key]) for run in runs])) or 1.0 for r in widget.readouts}


@pytest.mark.parametrize("name", WIDGETS)
def test_random_states_live_exact_static_within_accuracy(live_server, built_site, browser, name):
    out, _ = built_site
    widget = REGISTRY[name]
    spans = readout_spans(widget)
    context = browser.new_context()
    static, live = context.new_page(), context.new_page()
    for values in random_positions(widget, 3, seed=11):
        query = "?" + "&".join(f"{k}={v:g}" for k, v in values.items())
        open_page(live, f"{live_server}/embed/{name}/{query}")
        wait_all_live(live)
        assert exact(live, name, name) == values
        # Live outputs are the model's own; the drawing matches Python's to its resolution (one unit in UNITS).
        live_outputs, model = live.evaluate(PAGE_STATE, name)["outputs"], widget.run(values)
        sent = [key for key in model if key in live_outputs]  # the live server sends what the view shows
        assert sent
        for key in sent:
            np.testing.assert_allclose(np.asarray(live_outputs[key], float), np.asarray(model[key], float), rtol=1e-6, atol=1e-9)
        assert page_vs_model(live, widget, name, values) <= 1 / UNITS
        open_page(static, (out / "embed" / name / "index.html").as_uri() + query)
        static.wait_for_function(ALL_READY, timeout=60000)
        assert page_vs_model(static, widget, name, values) < 0.01, values
        shown, model = static.evaluate(PAGE_STATE, name)["outputs"], widget.run(values)
        for key, span in spans.items():
            assert abs(float(shown[key]) - float(model[key])) <= 0.01 * span, (key, values)
    context.close()


def test_other_live_pages(live_server, watched_page):
    page = watched_page.page
    lessons = load_content(REPO / "content").lessons
    open_page(page, f"{live_server}/")
    assert page.locator(".lesson-list li").count() == len(lessons)
    open_page(page, f"{live_server}/glossary/")
    assert page.locator(".glossary > div").count() >= 40
    assert page.evaluate("() => window.MDR.page.live") is None, "pages without widgets open no socket"
    assert watched_page.errors == [] and watched_page.outside == []


def start_server(port: int, site) -> subprocess.Popen:
    """`mdr-explainer serve --site` on this port, answering."""
    proc = subprocess.Popen([sys.executable, "-m", "mdr_explainer.lessons.cli", "serve", "--port", str(port),
                             "--site", str(site)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_http(f"http://127.0.0.1:{port}/healthz", proc, seconds=90)
    return proc


def stop_server(proc: subprocess.Popen) -> None:
    """Stop a server this test started."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.mark.timeout(400)
def test_server_gone_widgets_work_from_the_grid_then_reconnect(watched_page, lesson, tmp_path):
    page = watched_page.page
    port = free_port()
    name = lesson.widget_names()[0]
    offline = site_text("en", REPO / "content")("widget.offline")
    build_live(REPO / "content", tmp_path / "site")
    server = start_server(port, tmp_path / "site")
    try:
        open_page(page, f"http://127.0.0.1:{port}/{lesson.slug}/?reader=student&predict=0")  # results in view
        wait_all_live(page)
        stop_server(server)
        page.wait_for_function("(id) => document.getElementById(id).dataset.live === 'offline'", arg=name, timeout=15000)
        status = page.locator(f"#{name} .widget-status")
        assert status.get_attribute("role") == "status" and status.is_visible()
        assert status.text_content() == offline
        before = page.evaluate(PAGE_STATE, name)["values"]
        after_update(page, name, lambda: move_by_keyboard(page, name))
        state = page.evaluate(PAGE_STATE, name)
        assert state["values"] != before and state["source"] == "grid"
        assert page_vs_model(page, REGISTRY[name], name, state["values"]) < 0.01
        assert shown_texts(page, name)[SENTENCE] != ""
        server = start_server(port, tmp_path / "site")
        page.wait_for_function("(id) => document.getElementById(id).dataset.live === 'online'", arg=name, timeout=60000)
        wait_live(page, name)
        assert not status.is_visible()
        assert exact(page, name, name) == state["values"]
        move_by_keyboard(page, name)
        wait_live(page, name)
        exact(page, name, name)
    finally:
        stop_server(server)
    # The browser logs the failed reconnection attempts while the server is away; nothing else.
    assert [e for e in watched_page.errors if "WebSocket" not in e and "ERR_CONNECTION_REFUSED" not in e] == []
    assert watched_page.outside == []


def test_socket_closed_for_idleness_reconnects_quietly_on_the_next_move(live_server, watched_page, lesson):
    page = watched_page.page
    name = lesson.widget_names()[0]
    open_page(page, f"{live_server}/{lesson.slug}/?reader=student")
    wait_all_live(page)
    # The server closes a socket idle for IDLE_SECONDS with code 4000; the client closing with it gets the same event.
    page.evaluate("() => MDR.views[0].live.socket.close(4000, 'idle')")
    page.wait_for_function("() => MDR.views[0].live.socket === null", timeout=10000)
    next_frames(page)  # the close was handled: a wrong handler would have marked the widget offline by now
    assert page.locator(f"#{name}").get_attribute("data-live") == "online"
    assert not page.locator(f"#{name} .widget-status").is_visible()
    before = page.evaluate(PAGE_STATE, name)["values"]
    move_by_keyboard(page, name)
    wait_live(page, name)
    assert exact(page, name, name) != before
    assert watched_page.errors == [] and watched_page.outside == []
