"""The live server in a real browser: Python callbacks move the plot and the description."""
import pytest

from mdr_explainer.lessons.content import load_content
from mdr_explainer.widgets.registry import REGISTRY
from browser_helpers import BRING_NEAR, page_vs_model, snapshot
from conftest import REPO

pytestmark = pytest.mark.browser


def wait_live(page, instance):
    """Bring the widgets near (they load lazily), then wait until the live widget's plot data exist."""
    page.evaluate(BRING_NEAR)
    page.wait_for_function(
        """(name) => window.Bokeh && Bokeh.documents.some(d => [...d.all_models].some(m => m.name === name))""",
        arg=f"{instance}/{REGISTRY[instance.split('-', 1)[1]].figures[0].name}:0", timeout=30000)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_live_embed_slider_runs_the_python_model(live_server, watched_page, name):
    page, widget, instance = watched_page.page, REGISTRY[name], f"w1-{name}"
    page.goto(f"{live_server}/embed/{name}")
    wait_live(page, instance)
    assert page_vs_model(page, widget, instance, widget.defaults()) < 1e-6
    desc = page.locator(".widget-describe")
    before, text_before = snapshot(page, widget, instance), desc.text_content()
    slider = page.locator("input[type=range]").first
    assert slider.get_attribute("id") and page.locator(f"label[for='{slider.get_attribute('id')}']").count() == 1
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(800)
    if snapshot(page, widget, instance) == before:
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(800)
    assert snapshot(page, widget, instance) != before
    assert desc.text_content() != text_before
    assert watched_page.errors == [] and watched_page.outside == []


def test_live_lesson_page_same_url_shape_and_offline(live_server, watched_page):
    page = watched_page.page
    lessons = load_content(REPO / "content").lessons
    lesson = next(lesson for lesson in lessons if lesson.widget_names())
    page.goto(f"{live_server}/{lesson.slug}/index.html?reader=student")
    wait_live(page, f"w1-{lesson.widget_names()[0]}")
    assert page.locator("[data-audience=student]").is_visible()
    assert page.locator("h1").count() == 1
    page.goto(f"{live_server}/")
    assert page.locator(".lesson-list li").count() == len(lessons)
    page.goto(f"{live_server}/glossary/index.html")
    assert page.locator(".glossary > div").count() >= 40
    assert watched_page.errors == [] and watched_page.outside == []
