"""The static site in a real browser, network cut: widgets move, describe themselves, match Python."""
import subprocess
import sys

import pytest

from mdr_explainer.lessons.content import load_content
from mdr_explainer.lessons.parse import AUDIENCES
from mdr_explainer.widgets.framework.accuracy import random_positions
from mdr_explainer.widgets.framework.wording import widget_text
from mdr_explainer.widgets.registry import REGISTRY
from browser_helpers import BRING_NEAR, after_update, bring_widgets_near, page_vs_model, shown_keys, snapshot, step_key
from conftest import REPO, free_port, wait_for_http

pytestmark = pytest.mark.browser
WIDGETS = sorted(REGISTRY)


@pytest.fixture(scope="module")
def lessons():
    """The real lessons, whatever they are."""
    return load_content(REPO / "content").lessons


def open_ready(watched, url):
    """Open a page, bring its widgets near (they load lazily) and wait until every visible one reports ready."""
    watched.page.goto(url)
    bring_widgets_near(watched.page)


@pytest.mark.parametrize("name", WIDGETS)
def test_embed_page_keyboard_moves_the_plot_and_the_description(built_site, watched_page, name):
    out, _ = built_site
    page, widget, instance = watched_page.page, REGISTRY[name], name
    open_ready(watched_page, (out / "embed" / name / "index.html").as_uri())
    desc = page.locator(".widget-describe")
    assert desc.get_attribute("aria-live") == "polite"
    slider = page.locator(".widget-controls input[type=range]").first
    assert page.locator(f"label[for='{slider.get_attribute('id')}']").count() == 1
    before, text_before = snapshot(page, widget, instance), desc.text_content()
    slider.focus()
    key = step_key(slider)
    after_update(page, instance, lambda: page.keyboard.press(key))
    assert snapshot(page, widget, instance) != before
    assert desc.text_content() != text_before
    assert watched_page.errors == [] and watched_page.outside == []


@pytest.mark.parametrize("name", WIDGETS)
def test_static_values_equal_the_python_model_within_one_percent(built_site, watched_page, name):
    out, _ = built_site
    widget = REGISTRY[name]
    url = (out / "embed" / name / "index.html").as_uri()
    for values in random_positions(widget, 4, seed=7):
        query = "&".join(f"{k}={v}" for k, v in values.items())
        open_ready(watched_page, f"{url}?{query}")
        assert page_vs_model(watched_page.page, widget, name, values) < 0.01, values
    assert watched_page.errors == [] and watched_page.outside == []


def test_lesson_page_works_offline_and_reader_choice_sticks(built_site, watched_page, lessons):
    out, _ = built_site
    page = watched_page.page
    open_ready(watched_page, (out / lessons[0].slug / "index.html").as_uri())
    assert page.locator("[data-audience=patient]").is_visible()
    assert not page.locator("[data-audience=student]").is_visible()
    page.get_by_role("button", name="Student").click()
    assert page.locator("[data-audience=student]").is_visible()
    open_ready(watched_page, (out / lessons[-1].slug / "index.html").as_uri())
    assert page.locator("[data-audience=student]").is_visible()
    assert not page.locator("[data-audience=patient]").is_visible()
    assert watched_page.errors == [] and watched_page.outside == []


def test_quiz_gives_feedback_by_keyboard(built_site, watched_page, lessons):
    out, _ = built_site
    page = watched_page.page
    open_ready(watched_page, (out / lessons[0].slug / "index.html").as_uri())
    first = page.locator(".quiz input[type=radio]").first
    first.focus()
    page.keyboard.press("Space")
    feedback = page.locator(".quiz .feedback").first
    assert feedback.text_content().startswith(("Correct.", "Not quite."))
    assert first.get_attribute("data-feedback") in feedback.text_content()


def test_bad_url_parameters_never_break_a_page(built_site, watched_page):
    out, _ = built_site
    url = (out / "embed" / "drug_accumulation" / "index.html").as_uri()
    open_ready(watched_page, url + "?mdr1_level=lots&inhibitor=1e999&preset=warp&drug_outside=-5&%3Cscript%3E=1")
    values = {p.name: p.default for p in REGISTRY["drug_accumulation"].params}
    values["drug_outside"] = 0.1
    assert page_vs_model(watched_page.page, REGISTRY["drug_accumulation"], "drug_accumulation", values) < 0.01
    assert watched_page.errors == []


def test_page_fits_a_360_pixel_phone(built_site, browser):
    out, _ = built_site
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    pages = [p for p in out.glob("*/index.html")] + list(out.glob("embed/*/index.html"))
    for path in pages:
        for reader in AUDIENCES:
            page.goto(path.as_uri() + f"?reader={reader}")
            bring_widgets_near(page)  # every widget the reader sees has started (data-ready), so its controls count
            assert page.evaluate("document.documentElement.scrollWidth") <= 362, (path, reader)
    context.close()


def test_site_works_from_a_plain_http_server(built_site, watched_page):
    out, _ = built_site
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              cwd=out, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", server, seconds=10)
        open_ready(watched_page, f"http://127.0.0.1:{port}/embed/drug_accumulation/")
        page = watched_page.page
        before = snapshot(page, REGISTRY["drug_accumulation"], "drug_accumulation")
        slider = page.locator(".widget-controls input[type=range]").first
        slider.focus()
        key = step_key(slider)
        after_update(page, "drug_accumulation", lambda: page.keyboard.press(key))
        assert snapshot(page, REGISTRY["drug_accumulation"], "drug_accumulation") != before
        assert watched_page.errors == [] and watched_page.outside == []
    finally:
        server.terminate()


def test_print_hides_controls_and_prints_every_plot_description(built_site, watched_page, lessons):
    out, _ = built_site
    page = watched_page.page
    lesson = next(l for l in lessons if sum(b.kind == "widget" for b in l.body.blocks) >= 2)
    open_ready(watched_page, (out / lesson.slug / "index.html").as_uri())
    page.emulate_media(media="print")
    assert not page.locator(".widget-controls").first.is_visible()
    assert not page.locator(".audience-switch").is_visible()
    descriptions = page.locator(".widget-describe")
    assert descriptions.count() >= 2
    for i in range(descriptions.count()):
        assert descriptions.nth(i).is_visible()


def readouts_and_sentence(page, instance: str) -> dict:
    """Every readout's text, the control values shown and the sentence of one widget instance."""
    return page.evaluate("""(id) => {
      const root = document.getElementById(id), out = {};
      root.querySelectorAll("[data-readout]").forEach((el) => { out[el.dataset.readout] = el.textContent; });
      root.querySelectorAll("output[data-output]").forEach((el) => { out["param:" + el.dataset.output] = el.textContent; });
      out.__sentence__ = root.querySelector(".widget-describe").textContent;
      return out;
    }""", instance)


@pytest.mark.parametrize("name", WIDGETS)
def test_readouts_and_sentence_at_grid_nodes_say_what_the_model_says(built_site, watched_page, name):
    from mdr_explainer.widgets.framework.texts import display_texts

    out, _ = built_site
    widget = REGISTRY[name]
    url = (out / "embed" / name / "index.html").as_uri()
    for preset in widget.presets:
        open_ready(watched_page, f"{url}?preset={preset.name}")
        values = widget.values_for(preset.name)
        expected = display_texts(widget, values, widget.run(values), widget_text(name))
        shown = readouts_and_sentence(watched_page.page, name)
        assert set(shown) == shown_keys(widget), preset.name  # every readout, slider value and the sentence
        assert shown == {k: expected[k] for k in shown}, preset.name
    assert widget.presets and watched_page.errors == []


def test_pump_speed_reads_100_percent_without_inhibitor_on_a_descending_grid_axis(built_site, watched_page):
    out, _ = built_site
    open_ready(watched_page, (out / "embed" / "drug_accumulation" / "index.html").as_uri() + "?inhibitor=0")
    shown = readouts_and_sentence(watched_page.page, "drug_accumulation")
    assert shown["pump_activity_pct"] == "100"
    assert "working at 100% speed" in shown["__sentence__"]


def test_each_repeated_widget_keeps_its_own_state_in_the_link(built_site, watched_page):
    out, _ = built_site
    page = watched_page.page
    url = (out / "evolution-in-a-tumour" / "index.html").as_uri() + "?reader=student"
    open_ready(watched_page, url)
    ids = page.evaluate("[...document.querySelectorAll('[data-widget=tumor_evolution]')].map(w => w.id)")
    assert len(ids) >= 2 and len(set(ids)) == len(ids)
    first_strategy = page.locator(f"#{ids[0]} input[data-param=strategy]:checked").get_attribute("value")
    page.locator(f"#{ids[1]} .widget-controls input[type=range]").first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(key) => location.search.includes(key + '.')", arg=ids[1], timeout=5000)
    link = page.evaluate("location.href")
    assert f"{ids[1]}." in link and f"{ids[0]}." not in link.replace(f"{ids[1]}.", "")
    before = {i: readouts_and_sentence(page, i) for i in ids}
    open_ready(watched_page, link)
    after = {i: readouts_and_sentence(page, i) for i in ids}
    assert after == before
    assert page.locator(f"#{ids[0]} input[data-param=strategy]:checked").get_attribute("value") == first_strategy


def test_old_links_by_widget_name_still_work(built_site, watched_page):
    out, _ = built_site
    open_ready(watched_page, (out / "mdr1-pump" / "index.html").as_uri() + "?reader=student&drug_accumulation.inhibitor=4")
    assert watched_page.page.locator("#drug_accumulation input[data-param=inhibitor]").input_value() == "4"


def test_one_broken_widget_leaves_the_others_working(built_site, browser):
    out, _ = built_site
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              cwd=out, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = browser.new_context()
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", server, seconds=10)
        context.route("**/static/data/pump_cycle.*.js", lambda route: route.fulfill(body="/* truncated", content_type="text/javascript"))
        page = context.new_page()
        errors = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(f"http://127.0.0.1:{port}/mdr1-pump/?reader=student")
        page.evaluate(BRING_NEAR)  # widgets load only near the viewport
        page.wait_for_function("() => document.querySelector('#drug_accumulation').dataset.ready === 'true'", timeout=20000)
        assert page.locator("#pump_cycle").get_attribute("data-failed") == "true"
        assert any("widget pump_cycle failed" in e for e in errors), errors
    finally:
        context.close()
        server.terminate()


def test_print_is_on_white_with_the_plots_drawn_even_from_the_dark_theme(built_site, browser):
    out, _ = built_site
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto((out / "embed" / "dose_response" / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    page.emulate_media(media="print")
    colours = page.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
      getComputedStyle(document.querySelector('.plot-frame')).backgroundColor,
      getComputedStyle(document.querySelector('.plot-tick')).color]""")
    assert colours == ["rgb(255, 255, 255)", "rgb(255, 255, 255)", "rgb(29, 36, 48)"]
    assert page.locator(".plot-svg path.plot-line").first.is_visible()
    context.close()


CONDITIONAL = sorted(n for n, w in REGISTRY.items() if any(r.shown_if for r in w.readouts))


@pytest.mark.parametrize("name", CONDITIONAL)
def test_readouts_shown_are_those_python_shows(built_site, watched_page, name):
    """A readout with a condition (e.g. T cells only when immunity counts) shows exactly when Python says."""
    out, _ = built_site
    widget = REGISTRY[name]
    url = (out / "embed" / name / "index.html").as_uri()
    states = [widget.values_for(p.name) for p in widget.presets] + list(random_positions(widget, 3, seed=11))
    for values in states:
        query = "&".join(f"{k}={v}" for k, v in values.items())
        open_ready(watched_page, f"{url}?{query}")
        outputs = widget.run(widget.values_for(None, values))
        expected = {r.key for r in widget.readouts if r.shown({**widget.values_for(None, values), **outputs})}
        visible = set(watched_page.page.eval_on_selector_all(
            "[data-readout]", "els => els.filter(e => !e.closest('div').hidden).map(e => e.dataset.readout)"))
        assert visible == expected, values
    assert watched_page.errors == [] and watched_page.outside == []
