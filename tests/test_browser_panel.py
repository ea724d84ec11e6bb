"""The Panel components in a real browser: `panel serve` on the example apps, a slider and a pn.bind
change answered with the static site's sentence, both themes, and Panel apps beside the live site."""
from __future__ import annotations

import statistics
import subprocess
import sys
import textwrap

import pytest
from playwright.sync_api import expect

from mdr_explainer.widgets.framework.texts import SENTENCE, display_texts
from mdr_explainer.widgets.framework.wording import widget_text
from mdr_explainer.widgets.registry import REGISTRY

from conftest import REPO, free_port, wait_for_http

pytestmark = pytest.mark.browser
EXAMPLES = REPO / "examples"
DARK_SURFACE = "rgb(26, 32, 40)"  # --surface in the dark theme (site/static/style.css)


def stop(proc: subprocess.Popen) -> None:
    """End a server this test started."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def start(args: list[str], probe: str, port: int):
    """A server subprocess on a free port, once probe answers."""
    proc = subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    wait_for_http(f"http://127.0.0.1:{port}{probe}", proc)
    return proc


@pytest.fixture(scope="module")
def panel_apps():
    """`panel serve` on the two example apps."""
    port = free_port()
    proc = start([sys.executable, "-m", "panel", "serve", str(EXAMPLES / "drug_accumulation.py"),
                  str(EXAMPLES / "lesson.py"), "--port", str(port), "--address", "127.0.0.1",
                  "--allow-websocket-origin", f"127.0.0.1:{port}"], "/", port)  # the app index: no session made
    yield f"http://127.0.0.1:{port}"
    stop(proc)


def component(page, name: str):
    """The widget figure of one component (Playwright's CSS selectors pierce Panel's shadow roots)."""
    return page.locator(f'figure[data-widget="{name}"]')


def python_sentence(name: str, values: dict) -> str:
    """The sentence the Python model gives for these values, in the site's words."""
    widget = REGISTRY[name]
    return display_texts(widget, values, widget.run(values), widget_text(name))[SENTENCE]


def on_grid_nodes(name: str, values: dict) -> bool:
    """True where the static site stores the model exactly (no interpolation), so its words must match."""
    return all(any(abs(c.value(values) - n) < 1e-9 for n in c.nodes) for c in REGISTRY[name].grid_coordinates())


def open_app(watched, url: str, count: int = 1) -> None:
    """Load an app and wait until its components have started."""
    watched.page.goto(url)
    expect(watched.page.locator('figure[data-widget][data-ready="true"]')).to_have_count(count, timeout=30000)


def static_sentence(page, site, name: str, query: str) -> str:
    """The sentence the static site's embed page shows for a query, read from file://."""
    page.goto((site / "embed" / name / "index.html").as_uri() + "?" + query)
    figure = page.locator(f'figure[data-widget="{name}"][data-ready="true"]')
    figure.wait_for(timeout=20000)
    return figure.locator(".widget-describe").text_content()


def test_one_widget_app_answers_the_keyboard(panel_apps, watched_page):
    """panel serve examples/drug_accumulation.py: each ArrowRight is answered with the Python model's words."""
    page, widget = watched_page.page, REGISTRY["drug_accumulation"]
    open_app(watched_page, panel_apps + "/drug_accumulation")
    figure = component(page, "drug_accumulation")
    slider = figure.locator('input[data-param="mdr1_level"]')
    values, times = widget.defaults(), []
    for step in range(1, 11):
        slider.press("ArrowRight")
        values["mdr1_level"] = widget.param("mdr1_level").snap(widget.defaults()["mdr1_level"] + 0.5 * step)
        expect(figure.locator(".widget-describe")).to_have_text(python_sentence("drug_accumulation", values))
        expect(figure).to_have_attribute("data-revision", str(step + 1))
        times.append(float(figure.get_attribute("data-update-ms")))
    texts = display_texts(widget, values, widget.run(values), widget_text("drug_accumulation"))
    for r in widget.readouts:
        expect(figure.locator(f'[data-readout="{r.key}"]')).to_have_text(texts[r.key])
    expect(figure.locator('output[data-output="mdr1_level"]')).to_have_text(texts["param:mdr1_level"])
    print(f"slider move to redrawn view over panel serve: median {statistics.median(times):.1f} ms, "
          f"max {max(times):.1f} ms over {len(times)} moves")
    assert watched_page.errors == [] and watched_page.outside == []


def test_two_components_answer_a_slider_and_pn_bind_with_the_static_sites_sentence(panel_apps, watched_page, built_site):
    """examples/lesson.py: the reader moves the first widget's inhibitor; pn.bind moves the second's; both
    show the sentence the static site shows at the same values."""
    page = watched_page.page
    open_app(watched_page, panel_apps + "/lesson", count=2)
    first, second = component(page, "drug_accumulation"), component(page, "dose_response")
    for _ in range(8):  # 0 -> 4 × Ki, half a Ki per step
        first.locator('input[data-param="inhibitor"]').press("ArrowRight")
    accumulation = REGISTRY["drug_accumulation"].values_for("mdr1_high", {"inhibitor": 4})
    dose = REGISTRY["dose_response"].values_for("resistant_line", {"inhibitor": 4})
    expect(first.locator(".widget-describe")).to_have_text(python_sentence("drug_accumulation", accumulation))
    expect(second.locator(".widget-describe")).to_have_text(python_sentence("dose_response", dose))
    expect(second.locator('input[data-param="inhibitor"]')).to_have_value("4")
    shown = {"drug_accumulation": first.locator(".widget-describe").text_content(),
             "dose_response": second.locator(".widget-describe").text_content()}
    assert watched_page.errors == [] and watched_page.outside == []

    site, _ = built_site
    assert on_grid_nodes("drug_accumulation", accumulation) and on_grid_nodes("dose_response", dose)
    assert static_sentence(page, site, "drug_accumulation",
                           "mdr1_level=40&inhibitor=4&drug_outside=1&outside_profile=constant") == shown["drug_accumulation"]
    assert static_sentence(page, site, "dose_response", "mdr1_level=x40&inhibitor=4") == shown["dose_response"]


def test_a_choice_and_a_preset_in_the_view_reach_python(panel_apps, watched_page):
    """A radio choice and a preset chosen in the browser are answered by the model at those values."""
    page, widget = watched_page.page, REGISTRY["drug_accumulation"]
    open_app(watched_page, panel_apps + "/drug_accumulation")
    figure = component(page, "drug_accumulation")
    figure.locator('input[data-param="outside_profile"][value="1"]').check()
    values = widget.values_for(overrides={"outside_profile": "falling"})
    expect(figure.locator(".widget-describe")).to_have_text(python_sentence("drug_accumulation", values))
    figure.locator("select[data-presets]").select_option("mdr1_high_inhibited")
    values = widget.values_for("mdr1_high_inhibited")
    expect(figure.locator(".widget-describe")).to_have_text(python_sentence("drug_accumulation", values))
    expect(figure.locator('input[data-param="inhibitor"]')).to_have_value("4")
    assert watched_page.errors == []


@pytest.mark.parametrize("theme, surface", [("default", "rgb(255, 255, 255)"), ("dark", DARK_SURFACE)])
def test_light_and_dark_panel_themes(panel_apps, watched_page, theme, surface):
    """?theme=dark (Panel's dark theme) gives the widget the site's dark colours; the default stays light."""
    open_app(watched_page, panel_apps + f"/drug_accumulation?theme={theme}")
    figure = component(watched_page.page, "drug_accumulation")
    expect(figure).to_have_css("background-color", surface)
    assert watched_page.errors == []


AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"
# Nodes inside a component: their target runs through the JSComponent's host (Bokeh's ReactiveESM view).
# `region` (content outside landmarks) is about the page that hosts the component, which is the app's to give.
WIDGET_VIOLATIONS = """async () => (await axe.run(document, {resultTypes: ['violations'], rules: {region: {enabled: false}}})).violations
  .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.map((n) => JSON.stringify(n.target))
                .filter((t) => t.includes('ReactiveESM')).slice(0, 5)}))
  .filter((v) => v.nodes.length)"""


@pytest.mark.parametrize("theme", ["default", "dark"])
def test_the_component_passes_axe(panel_apps, watched_page, theme):
    """axe-core finds nothing to fix inside the components (it reads Panel's open shadow roots), in both themes."""
    open_app(watched_page, panel_apps + f"/lesson?theme={theme}", count=2)
    watched_page.page.add_script_tag(path=str(AXE))
    assert watched_page.page.evaluate(WIDGET_VIOLATIONS) == []
    assert watched_page.errors == []


SITE_AND_APP = textwrap.dedent("""
    import sys
    from pathlib import Path

    import panel as pn

    from mdr_explainer.lessons.server import routes

    site, port, app = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    allowed = [f"127.0.0.1:{port}"]
    pn.serve({"panel/drug_accumulation": app}, port=port, address="127.0.0.1", show=False, print_url=False,
             extra_patterns=routes(site, allowed), websocket_origin=allowed)
""")


def test_a_panel_app_and_the_site_share_one_server(watched_page, built_site):
    """The site's routes and Bokeh's /static/ (BokehJS, Panel's extension) answer side by side on one server."""
    import urllib.request

    site, _ = built_site
    assert not {"js", "lib", "extensions"} & {p.name for p in (site / "static").iterdir() if p.is_dir()}
    port = free_port()
    proc = start([sys.executable, "-c", SITE_AND_APP, str(site), str(port), str(EXAMPLES / "drug_accumulation.py")],
                 "/", port)
    try:
        base = f"http://127.0.0.1:{port}"
        asset = next((site / "static").glob("mdr.*.js")).name
        for path, needle in [("/", "Why Chemo Stops Working"), (f"/static/{asset}", "WidgetView"),
                             ("/static/js/bokeh.min.js", "Bokeh"), ("/static/extensions/panel/panel.min.js", "panel")]:
            with urllib.request.urlopen(base + path, timeout=10) as reply:
                assert reply.status == 200 and needle in reply.read().decode("utf-8", "replace"), path
        open_app(watched_page, base + "/panel/drug_accumulation")
        figure = component(watched_page.page, "drug_accumulation")
        figure.locator('input[data-param="mdr1_level"]').press("ArrowLeft")
        values = REGISTRY["drug_accumulation"].values_for(overrides={"mdr1_level": 39.5})
        expect(figure.locator(".widget-describe")).to_have_text(python_sentence("drug_accumulation", values))
        watched_page.page.goto(base + "/what-is-resistance/")
        expect(watched_page.page.locator("h1")).to_be_visible()
        assert watched_page.errors == [] and watched_page.outside == []
    finally:
        stop(proc)
