"""The prediction step in Chromium: each widget's questions driven with the pointer and the keyboard, the
comparison sentence checked against the Python model, links that turn it off or restore a guess, the
patient view, a sandboxed embed, and axe-core in both themes."""
from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from mdr_explainer.widgets.framework.describe import render
from mdr_explainer.widgets.framework.prediction import CHOICE, comparison_values, question_values
from mdr_explainer.widgets.framework.wording import widget_text
from mdr_explainer.widgets.registry import REGISTRY
from test_browser_reader import axe_contrast

pytestmark = pytest.mark.browser
CASES = [(name, q.name) for name in sorted(REGISTRY) for q in REGISTRY[name].questions]
RESULT = "[data-predict-result]"
# Visibility of every drawn glyph on plots with axes, and of the readouts.
HIDDEN = """() => [...document.querySelectorAll('.plot-frame:not(.plot-picture) [data-glyph], .widget-results')]
  .map((el) => getComputedStyle(el).visibility)"""


def question(name: str, qname: str):
    return next(q for q in REGISTRY[name].questions if q.name == qname)


def open_embed(page, out, name: str, query: str = ""):
    page.goto((out / "embed" / name / "index.html").as_uri() + query)
    page.wait_for_selector("[data-widget][data-ready=true]", state="attached", timeout=30000)


def expected_sentence(name: str, qname: str, predicted) -> str:
    """The comparison sentence as Python writes it from the model's own outputs at the question's state."""
    widget, q = REGISTRY[name], question(name, qname)
    outputs = widget.run(question_values(widget, q))
    labels = widget_text(widget.name).get("predict", qname, "choices") or {}
    values = {**question_values(widget, q), **outputs, **comparison_values(q, predicted, outputs[q.answer], labels)}
    return render(widget_text(widget.name).need("predict", qname, "compare"), values)


def block(page, qname: str):
    return page.locator(f'[data-question="{qname}"]')


@pytest.mark.parametrize("name,qname", CASES)
def test_keyboard_prediction_is_compared_with_the_model(built_site, watched_page, name, qname):
    out, _ = built_site
    page, q = watched_page.page, question(name, qname)
    open_embed(page, out, name, f"?predict={qname}")
    assert page.locator("[data-widget]").get_attribute("data-predict") == "asking"
    assert set(page.evaluate(HIDDEN)) <= {"hidden"}, "the answer shows before the prediction"
    if q.kind == CHOICE:
        first = block(page, qname).locator("[data-predict-choice]").first
        first.focus()
        page.keyboard.press("ArrowDown")  # radio groups move and check with the arrows
        predicted = block(page, qname).locator("[data-predict-choice]:checked").get_attribute("value")
        assert predicted == q.choices[1][0]
    else:
        marker = block(page, qname).locator("[data-predict-marker]")
        marker.focus()
        start = float(marker.input_value())
        for _ in range(5):
            page.keyboard.press("ArrowUp")
        predicted = float(marker.input_value())
        assert predicted == pytest.approx(start + 5 * float(marker.get_attribute("step")))
        assert marker.get_attribute("aria-valuetext") == block(page, qname).locator("[data-predict-value]").inner_text()
    page.keyboard.press("Enter")
    assert page.locator("[data-widget]").get_attribute("data-predict") == "revealed"
    assert block(page, qname).locator(RESULT).inner_text() == expected_sentence(name, qname, predicted)
    assert "visible" in set(page.evaluate(HIDDEN))
    why = block(page, qname).locator("[data-predict-why]")
    assert why.is_visible() and not why.evaluate("d => d.open")
    assert not watched_page.errors and not watched_page.outside


@pytest.mark.parametrize("name,qname", CASES)
def test_pointer_prediction_is_compared_with_the_model(built_site, watched_page, name, qname):
    out, _ = built_site
    page, q = watched_page.page, question(name, qname)
    open_embed(page, out, name, f"?predict={qname}")
    if q.kind == CHOICE:
        block(page, qname).locator("label").nth(len(q.choices) - 1).click()
        predicted = q.choices[-1][0]
    else:
        frame = page.locator(f"#{name}-plot-{q.figure} .plot-frame")
        frame.scroll_into_view_if_needed()
        box = frame.bounding_box()
        page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.5)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.2, steps=4)
        page.mouse.up()
        fig = next(f for f in REGISTRY[name].figures if f.name == q.figure)
        low, high = fig.y_range
        predicted = float(block(page, qname).locator("[data-predict-marker]").input_value())
        assert predicted == pytest.approx(min(low + 0.8 * (high - low), q.bounds[1]), abs=2 * (q.step or 1))
        dot = page.locator(f"#{name}-plot-{q.figure} .predict-marker").bounding_box()
        share = (predicted - low) / (high - low)  # the marker sits at the prediction (clamped to its bounds)
        assert abs(dot["y"] + dot["height"] / 2 - (box["y"] + box["height"] * (1 - share))) < box["height"] * 0.01
    block(page, qname).locator("[data-predict-commit]").click()
    assert block(page, qname).locator(RESULT).inner_text() == expected_sentence(name, qname, predicted)
    link = page.evaluate("location.search")
    guess = dict(parse_qsl(link.lstrip("?")))["guess"]
    assert (guess == predicted) if q.kind == CHOICE else float(guess) == predicted
    # the link restores the committed prediction and its comparison
    open_embed(page, out, name, link)
    assert page.locator("[data-widget]").get_attribute("data-predict") == "revealed"
    assert block(page, qname).locator(RESULT).inner_text() == expected_sentence(name, qname, predicted)
    assert not watched_page.errors and not watched_page.outside


def test_predict_0_turns_it_off_and_skipping_or_moving_a_control_reveals_the_plot(built_site, watched_page):
    out, _ = built_site
    page = watched_page.page
    open_embed(page, out, "dose_response", "?predict=0")
    assert page.locator("[data-widget]").get_attribute("data-predict") == "off"
    assert not page.locator(".predict").is_visible() and set(page.evaluate(HIDDEN)) == {"visible"}
    open_embed(page, out, "dose_response")
    page.locator("[data-predict-skip]").first.click()
    assert page.locator("[data-widget]").get_attribute("data-predict") == "skipped"
    assert set(page.evaluate(HIDDEN)) == {"visible"}
    page.locator("[data-predict-again]").click()
    assert page.locator("[data-widget]").get_attribute("data-predict") == "asking"
    slider = page.locator("[data-param=inhibitor]")
    slider.focus()
    page.keyboard.press("ArrowRight")
    assert page.locator("[data-widget]").get_attribute("data-predict") == "skipped"
    assert not watched_page.errors


def test_patient_view_of_a_lesson_has_no_prediction_and_student_view_does(built_site, watched_page):
    out, _ = built_site
    page = watched_page.page
    styles = """(w) => [getComputedStyle(w.querySelector('.predict')).display,
                        getComputedStyle(w.querySelector('.widget-results')).visibility]"""
    for reader, expected in (("patient", ["none", "visible"]), ("student", ["block", "hidden"])):
        page.goto((out / "what-is-resistance" / "index.html").as_uri() + f"?reader={reader}")
        widget = page.locator("[data-widget]").first
        assert widget.get_attribute("data-predict") == "asking"
        assert widget.evaluate(styles) == expected, reader
    assert not watched_page.errors


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("name", ["drug_accumulation", "pump_cycle"])
def test_axe_finds_no_violations_while_predicting_or_after(built_site, browser, theme, name):
    out, _ = built_site
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=theme)
    page = context.new_page()
    open_embed(page, out, name)
    assert axe_contrast(page) == []
    page.evaluate("() => { const s = MDR.views[0].prediction, r = s.block.querySelector('[data-predict-choice]'); if (r) r.checked = true; s.commit(); }")
    page.locator("[data-predict-why] summary").first.click()
    assert page.evaluate("() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => v.id))") == []
    context.close()


def test_prediction_works_in_a_sandboxed_embed_on_another_origin(watched_page, built_site, tmp_path):
    from test_browser_class import serve_folder

    site_url, site = serve_folder(built_site[0])
    (tmp_path / "host.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>Host</title></head><body>'
        f'<iframe id="frame" src="{site_url}/embed/pump_cycle/index.html" sandbox="allow-scripts" title="widget" '
        'width="100%" height="900"></iframe></body></html>')
    host_url, host = serve_folder(tmp_path)
    try:
        page = watched_page.page
        page.goto(f"{host_url}/host.html")
        frame = page.frame_locator("#frame")
        frame.locator("[data-widget][data-ready=true]").wait_for(timeout=60000)
        asked = frame.locator(".predict-question:not([hidden])")
        asked.locator("[data-predict-choice]").nth(2).focus()
        page.keyboard.press("Space")
        page.keyboard.press("Enter")
        qname = asked.get_attribute("data-question")
        predicted = asked.locator("[data-predict-choice]:checked").get_attribute("value")
        assert asked.locator(RESULT).inner_text() == expected_sentence("pump_cycle", qname, predicted)
        assert not watched_page.errors and not watched_page.outside
    finally:
        site.shutdown()
        host.shutdown()


@pytest.mark.parametrize("name,qname", CASES)
def test_live_page_compares_the_prediction_in_the_same_sentence(live_server, watched_page, name, qname):
    """Served live (the Python model over the socket), the comparison sentence is the static page's, word for word."""
    page, q = watched_page.page, question(name, qname)
    page.goto(f"{live_server}/embed/{name}/?predict={qname}")
    page.wait_for_selector("[data-widget][data-ready=true][data-live=online]", state="attached", timeout=30000)
    if q.kind == CHOICE:
        block(page, qname).locator("[data-predict-choice]").first.focus()
        page.keyboard.press("ArrowDown")
        predicted = block(page, qname).locator("[data-predict-choice]:checked").get_attribute("value")
    else:
        marker = block(page, qname).locator("[data-predict-marker]")
        marker.focus()
        page.keyboard.press("ArrowUp")
        predicted = float(marker.input_value())
    page.keyboard.press("Enter")
    assert block(page, qname).locator(RESULT).inner_text() == expected_sentence(name, qname, predicted)
    assert not watched_page.errors and not watched_page.outside
