"""The mechanism beside the plot, in Chromium from file:// with the network cut: molecules that move at the
model's rates and follow the sliders, a pump cycle that names its stage, pause, reduced motion, axe."""
from __future__ import annotations

import pytest

from browser_helpers import bring_widgets_near
from conftest import REPO
from test_browser_class import serve_folder
from mdr_explainer.widgets.framework.describe import render
from mdr_explainer.widgets.framework.grid import build_cube, interpolate
from mdr_explainer.widgets.framework.wording import widget_text
from mdr_explainer.widgets.registry import REGISTRY

pytestmark = pytest.mark.browser
AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"
FRAME = 1 / 60
CELL, CYCLE = "drug_accumulation", "pump_cycle"

# Drive a view frame by frame (the animation loop's own step), never by waiting.
STEP = """([id, frames]) => {
  const m = MDRMechanism.get(id);
  for (let i = 0; i < frames; i++) m.advance(1 / 60);
  const d = m.box.dataset;
  return {entered: +d.entered, pumped: +d.pumped, leaked: +d.leaked, inside: +d.inside};
}"""
SET = """([id, name, value]) => {
  const input = document.getElementById(id + '-' + name);
  input.value = String(value);
  input.dispatchEvent(new Event('input', {bubbles: true}));
}"""
# What the real loop does over some animation frames: dots' places and the stage on show.
FRAMES = """(n) => new Promise((done) => { let k = 0; const next = () => (++k >= n ? done() : requestAnimationFrame(next)); requestAnimationFrame(next); })"""
PICTURE = """(id) => { const box = MDRMechanism.get(id).box;
  return {dots: [...box.querySelectorAll('.mech-drug')].map((c) => c.getAttribute('cx') + ',' + c.getAttribute('cy')).join(' '),
          stage: box.dataset.stage || '', entered: box.dataset.entered || ''}; }"""


def open_embed(page, out, name, query=""):
    """An embed page from file://, its widget started and its mechanism attached."""
    page.goto((out / "embed" / name / "index.html").as_uri() + (query or "?predict=0"))  # shown at once, no question first
    page.wait_for_function(f"() => window.MDRMechanism && MDRMechanism.get({name!r})", timeout=30000)
    return page


def pause(page, name):
    """Stop the real loop so only the test moves the picture."""
    page.evaluate("(id) => MDRMechanism.get(id).setPlaying(false)", name)


def rates(name, values):
    """The model's outputs at these slider values, from the same grid the page reads."""
    widget = REGISTRY[name]
    return interpolate(widget, build_cube(widget, widget_text(widget.name)), {**widget.defaults(), **values})


def per_second(page, settle=600, frames=600):
    """Molecules in, pumped out and leaked out per second, counted over frames after settling."""
    page.evaluate(STEP, [CELL, settle])
    before = page.evaluate(STEP, [CELL, 0])
    after = page.evaluate(STEP, [CELL, frames])
    seconds = frames * FRAME
    return {k: (after[k] - before[k]) / seconds for k in ("entered", "pumped", "leaked")} | {"inside": after["inside"]}


def test_more_pumps_pump_out_more_molecules_each_second_and_an_inhibitor_slows_them(built_site, watched_page):
    out, _ = built_site
    page = open_embed(watched_page.page, out, CELL)
    pause(page, CELL)
    counted = {}
    for label, values in {"few": {"mdr1_level": 1}, "many": {"mdr1_level": 40},
                          "inhibited": {"mdr1_level": 40, "inhibitor": 10}}.items():
        for name, value in {"inhibitor": 0, **values}.items():
            page.evaluate(SET, [CELL, name, value])
        page.evaluate("(id) => MDRMechanism.get(id).setPlaying(false)", CELL)
        counted[label] = per_second(page)
        model = rates(CELL, values)
        dot = REGISTRY[CELL].mechanism.um_per_dot
        # Counts over 10 s follow the model's fluxes (µM/min over the µM one dot stands for) within a few dots.
        assert counted[label]["entered"] == pytest.approx(model["entry_flux"] / dot / 60, abs=0.15)
        assert counted[label]["pumped"] == pytest.approx(model["pump_flux"] / dot / 60, rel=0.2, abs=0.2)
        assert counted[label]["leaked"] == pytest.approx(model["leak_flux"] / dot / 60, rel=0.2, abs=0.2)
    assert counted["many"]["pumped"] > 2 * counted["few"]["pumped"]
    assert counted["many"]["pumped"] > 5 * counted["many"]["leaked"], "a pump-rich cell pumps out far more than leaks out"
    assert counted["few"]["leaked"] > counted["few"]["pumped"]
    assert counted["inhibited"]["pumped"] < counted["many"]["pumped"]
    assert counted["inhibited"]["inside"] > counted["many"]["inside"], "an inhibited cell fills up"
    sentence = page.locator(f"#{CELL} .mechanism-sentence").inner_text()
    words = widget_text(REGISTRY[CELL].name).need("mechanism", "sentence")
    assert sentence == render(words, {**rates(CELL, values), **REGISTRY[CELL].mechanism.values()})
    assert watched_page.errors == [] and watched_page.outside == []


def test_pause_stops_the_motion_and_play_starts_it_by_keyboard(built_site, watched_page):
    out, _ = built_site
    page = open_embed(watched_page.page, out, CELL)
    page.locator(f"#{CELL} .mechanism").scroll_into_view_if_needed()
    button = page.locator(f"#{CELL} .mechanism-pause")
    assert button.inner_text() == "Pause the molecules"
    first = page.evaluate(PICTURE, CELL)
    page.evaluate(FRAMES, 90)
    moving = page.evaluate(PICTURE, CELL)
    assert moving["dots"] != first["dots"] and moving["entered"] != first["entered"]
    button.focus()
    page.keyboard.press("Enter")
    assert button.inner_text() == "Play the molecules"
    held = page.evaluate(PICTURE, CELL)
    page.evaluate(FRAMES, 90)
    assert page.evaluate(PICTURE, CELL) == held, "a paused cell does not move"
    page.keyboard.press("Space")
    page.evaluate(FRAMES, 90)
    assert page.evaluate(PICTURE, CELL)["dots"] != held["dots"]
    assert watched_page.errors == []


def test_the_cycle_names_its_stage_turns_at_the_models_pace_and_stalls_under_the_inhibitor(built_site, watched_page):
    out, _ = built_site
    page = open_embed(watched_page.page, out, CYCLE)
    pause(page, CYCLE)
    now = page.locator(f"#{CYCLE} .mechanism-now")
    assert now.inner_text().startswith("Stage 1 of 7, facing inward:")
    assert now.get_attribute("aria-live") == "polite", "paused, each stage is announced"
    page.evaluate("([id, n]) => { const m = MDRMechanism.get(id); for (let i = 0; i < n; i++) m.advance(1 / 60); }", [CYCLE, 61])
    assert now.inner_text().startswith("Stage 2 of 7, drug enters:"), "one stage a second, the model's pace"
    page.evaluate("([id, n]) => { const m = MDRMechanism.get(id); for (let i = 0; i < n; i++) m.advance(1 / 60); }", [CYCLE, 7 * 60])
    assert page.locator(f"#{CYCLE} .mechanism-moved").inner_text().endswith(": 1")
    # The step slider chooses the stage the cycle starts from; the list marks it for screen readers.
    page.evaluate(SET, [CYCLE, "step", 3])
    assert now.inner_text().startswith("Stage 4 of 7, sealed:")
    assert page.locator(f"#{CYCLE} .mechanism-list li[aria-current=step]").inner_text().startswith("sealed")
    assert page.locator(f"#{CYCLE} .mechanism-list li").count() == 7
    page.locator(f"#{CYCLE} .mech-next").click()
    assert now.inner_text().startswith("Stage 5 of 7, facing outward:")
    page.locator(f"#{CYCLE} input[data-param=inhibitor][value='1']").check()
    assert now.inner_text().startswith("Stalled:")
    page.evaluate("([id, n]) => { const m = MDRMechanism.get(id); for (let i = 0; i < n; i++) m.advance(1 / 60); }", [CYCLE, 600])
    assert now.inner_text().startswith("Stalled:"), "an inhibited pump does not turn"
    assert page.locator(f"#{CYCLE} .mech-next").is_disabled()
    assert "does not turn" in page.locator(f"#{CYCLE} .mechanism-sentence").inner_text()
    page.locator(f"#{CYCLE} .mechanism-pause").click()
    assert now.get_attribute("aria-live") == "off", "while it turns by itself it is not announced at every stage"
    assert watched_page.errors == [] and watched_page.outside == []


@pytest.mark.parametrize("name", [CELL, CYCLE])
def test_reduced_motion_shows_a_still_frame_and_steps(built_site, browser, name):
    out, _ = built_site
    context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce")
    page = context.new_page()
    open_embed(page, out, name)
    box = page.locator(f"#{name} .mechanism")
    box.scroll_into_view_if_needed()
    assert box.get_attribute("data-motion") == "off" and box.get_attribute("data-playing") == "false"
    assert page.locator(f"#{name} .mechanism-pause").is_hidden()
    assert page.locator(f"#{name} .mechanism-still").is_visible()
    still = page.evaluate(PICTURE, name)
    page.evaluate(FRAMES, 90)
    assert page.evaluate(PICTURE, name) == still, "nothing moves"
    if name == CELL:
        assert still["dots"].count(",") == round(rates(CELL, {})["inside_cell_um"] / REGISTRY[CELL].mechanism.um_per_dot)
    else:
        assert page.locator(f"#{name} .mechanism-list").is_visible(), "the annotated frame lists every stage"
        page.locator(f"#{name} .mech-next").click()
        assert page.locator(f"#{name} .mechanism-now").inner_text().startswith("Stage 2 of 7")
        page.locator(f"#{name} .mech-previous").click()
        page.locator(f"#{name} .mech-previous").click()
        assert page.locator(f"#{name} .mechanism-now").inner_text().startswith("Stage 7 of 7, reset:")
    box_right = page.evaluate(f"document.querySelector('#{name} .mechanism').getBoundingClientRect().right")
    plot_bottom = page.evaluate(f"document.querySelector('#{name} .widget-plot').getBoundingClientRect().bottom")
    assert box_right <= 390 and page.evaluate(f"document.querySelector('#{name} .mechanism').getBoundingClientRect().top") >= plot_bottom
    context.close()


@pytest.mark.parametrize("name", [CELL, CYCLE])
def test_the_first_frame_is_written_without_script_and_matches_the_runtime(built_site, browser, name):
    out, _ = built_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((out / "embed" / name / "index.html").as_uri())
    texts = ".mechanism-sentence, .mechanism-now"
    static = page.locator(f"#{name} .mechanism").locator(texts).all_inner_texts()
    assert page.locator(f"#{name} .mechanism-svg").is_visible() and static
    context.close()
    context = browser.new_context()
    page = context.new_page()
    open_embed(page, out, name)
    pause(page, name)
    assert page.locator(f"#{name} .mechanism").locator(texts).all_inner_texts() == static
    context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", ["embed/drug_accumulation/index.html", "embed/pump_cycle/index.html",
                                  "mdr1-pump/index.html?reader=student"])
def test_axe_finds_no_violations_around_the_mechanism(built_site, browser, theme, path):
    out, _ = built_site
    context = browser.new_context(viewport={"width": 1200, "height": 900}, color_scheme=theme)
    page = context.new_page()
    file, _, query = path.partition("?")
    page.goto((out / file).as_uri() + (f"?{query}" if query else ""))
    bring_widgets_near(page)
    page.wait_for_function("() => document.querySelectorAll('[data-mechanism][data-motion]').length >= 1")
    page.evaluate("() => document.querySelectorAll('.mechanism-pause').forEach((b) => b.click())")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '))""")
    assert violations == []
    context.close()


def test_the_mechanism_runs_in_a_sandboxed_frame_on_another_origin(built_site, watched_page, tmp_path):
    out, _ = built_site
    site_url, site = serve_folder(out)
    (tmp_path / "host.html").write_text(f'<!doctype html><html lang="en"><title>Host</title><iframe sandbox="allow-scripts" '
                                        f'title="widget" src="{site_url}/embed/{CYCLE}/index.html?predict=0" width="400" height="1600"></iframe>')
    host_url, host = serve_folder(tmp_path)
    try:
        page = watched_page.page
        page.goto(f"{host_url}/host.html")
        frame = page.frame_locator("iframe")
        frame.locator("[data-mechanism][data-playing=true]").wait_for(timeout=30000)
        first = frame.locator(".mechanism-now").inner_text()
        frame.locator(".mech-next").click()
        assert frame.locator(".mechanism-now").inner_text() != first
        assert watched_page.errors == [] and watched_page.outside == []
    finally:
        site.shutdown()
        host.shutdown()


def test_live_pages_move_the_mechanism_by_the_python_models_exact_outputs(live_server, watched_page):
    page = watched_page.page
    page.goto(f"{live_server}/embed/{CELL}/index.html", wait_until="domcontentloaded")
    page.wait_for_function(f"() => window.MDRMechanism && MDRMechanism.get({CELL!r})", timeout=30000)
    page.wait_for_function(f"() => document.getElementById({CELL!r}).dataset.live === 'online'", timeout=30000)
    for name, value in {"mdr1_level": 37.5, "inhibitor": 0.5, "drug_outside": 2.3}.items():
        page.evaluate(SET, [CELL, name, value])
    page.wait_for_function(f"() => document.getElementById({CELL!r}).dataset.source === 'live'")
    widget = REGISTRY[CELL]
    values = page.evaluate(f"() => Object.assign({{}}, MDR.views.find((v) => v.config.id === {CELL!r}).values)")
    exact = {**values, **widget.run(values), **widget.mechanism.values()}
    assert page.locator(f"#{CELL} .mechanism-sentence").inner_text() == render(widget_text(widget.name).need("mechanism", "sentence"), exact)
    assert watched_page.errors == [] and watched_page.outside == []
