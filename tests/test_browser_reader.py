"""What a reader gets in Chromium: text before scripts, widgets loaded when near, themes, popovers, sharing basics."""
import functools
import http.server
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_helpers import bring_widgets_near, next_frames
from conftest import REPO
from mdr_explainer.lessons.content import load_content
from mdr_explainer.lessons.parse import AUDIENCES

pytestmark = pytest.mark.browser
AXE = REPO / "tests" / "vendor" / "axe.min.js"
WIDGET_CODE = ("/static/data/", "/static/mdr-explore.", "bokeh")


@pytest.fixture(scope="module")
def lessons():
    """The real lessons."""
    return load_content(REPO / "content").lessons


@pytest.fixture(scope="module")
def http_site(built_site):
    """The built site on a plain local HTTP server."""
    out, _ = built_site
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that does not log every request."""

    def log_message(self, *args):
        """Say nothing."""


def first_widget_lesson(lessons):
    """A lesson whose widgets all sit in the student part, far below the first screen."""
    return next(lesson for lesson in lessons if lesson.widget_names())


def widget_requests(page):
    """Record every request for a widget's data file or the plot tools (and any plotting library)."""
    seen = []
    page.on("request", lambda r: any(p in r.url for p in WIDGET_CODE) and seen.append(r.url))
    return seen


def test_no_render_blocking_script_in_head(built_site, lessons):
    out, _ = built_site
    from html.parser import HTMLParser

    class Head(HTMLParser):
        def __init__(self):
            super().__init__()
            self.in_head, self.blocking = True, []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "body":
                self.in_head = False
            if self.in_head and tag == "script" and "src" in attrs and not {"defer", "async"} & set(attrs):
                self.blocking.append(attrs["src"])

    for lesson in lessons:
        parser = Head()
        parser.feed((out / lesson.slug / "index.html").read_text(encoding="utf-8"))
        assert parser.blocking == [], lesson.slug
        assert "<script src=" not in (out / lesson.slug / "index.html").read_text(encoding="utf-8").split("<template")[0]


@pytest.mark.parametrize("via", ["file", "http"])
def test_widget_code_loads_only_when_a_widget_is_near(built_site, http_site, watched_page, lessons, via):
    out, _ = built_site
    page = watched_page.page
    seen = widget_requests(page)
    lesson = first_widget_lesson(lessons)
    base = (out / lesson.slug / "index.html").as_uri() if via == "file" else f"{http_site}/{lesson.slug}/index.html"
    page.goto(base + "?reader=student")
    page.wait_for_load_state("load")
    next_frames(page)  # the lazy loader's observer has reported what is near by now
    first = page.locator("[data-widget]:visible").first
    assert first.bounding_box()["y"] > 900 + 600, "the first widget must start below the first screen for this test"
    assert seen == [], seen
    assert first.get_attribute("data-ready") is None
    first.scroll_into_view_if_needed()
    page.wait_for_function("(id) => document.getElementById(id).dataset.ready === 'true'",
                           arg=first.get_attribute("id"), timeout=20000)
    assert any("/static/data/" in u for u in seen) and not any("bokeh" in u for u in seen)
    assert watched_page.errors == [] and watched_page.outside == []


def test_placeholder_keeps_the_layout_when_a_widget_loads(built_site, watched_page):
    out, _ = built_site
    page = watched_page.page
    page.add_init_script("""window.__shift = 0; new PerformanceObserver((list) => {
      for (const e of list.getEntries()) { if (!e.hadRecentInput) window.__shift += e.value; } })
      .observe({type: 'layout-shift', buffered: true});""")
    page.goto((out / "embed" / "dose_response" / "index.html").as_uri())
    page.wait_for_function("() => document.querySelector('[data-widget]').dataset.ready === 'true'", timeout=20000)
    next_frames(page)  # layout shifts of the start are reported by now
    assert page.evaluate("window.__shift") < 0.02


def test_lesson_widget_load_does_not_shift_the_text(built_site, watched_page, lessons):
    out, _ = built_site
    page = watched_page.page
    lesson = first_widget_lesson(lessons)
    page.goto((out / lesson.slug / "index.html").as_uri() + "?reader=student")
    widget = page.locator("[data-widget]:visible").first
    widget.scroll_into_view_if_needed()
    after = page.locator(".part-student h2").last
    before_box = widget.bounding_box()["height"]
    page.wait_for_function("(id) => document.getElementById(id).dataset.ready === 'true'",
                           arg=widget.get_attribute("id"), timeout=20000)
    for canvas in page.locator(f"#{widget.get_attribute('id')} .plot-canvas").all():
        reserved = float(canvas.evaluate("(c) => parseFloat(c.style.height)"))
        assert abs(canvas.bounding_box()["height"] - reserved) <= 4
    assert abs(widget.bounding_box()["height"] - before_box) <= 4
    assert after.count() >= 1


def test_dark_mode_toggle_sticks_and_follows_the_system(built_site, browser, lessons):
    out, _ = built_site
    url = (out / lessons[0].slug / "index.html").as_uri()
    context = browser.new_context(viewport={"width": 1200, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(url)
    background = "() => getComputedStyle(document.body).backgroundColor"
    dark = page.evaluate(background)
    toggle = page.locator("[data-theme-toggle]")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    light = page.evaluate(background)
    assert light != dark and light == "rgb(255, 255, 255)"
    page.goto((out / lessons[-1].slug / "index.html").as_uri())
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    assert page.evaluate(background) == light
    context.close()


def test_plots_follow_the_theme(built_site, watched_page):
    out, _ = built_site
    page = watched_page.page
    page.goto((out / "embed" / "tumor_evolution" / "index.html").as_uri())
    page.wait_for_function("() => document.querySelector('[data-widget]').dataset.ready === 'true'", timeout=20000)
    fill = """() => [...document.querySelectorAll('.plot-frame')].map((f) => getComputedStyle(f).backgroundColor)"""
    ink = """() => [...document.querySelectorAll('.plot-tick')].map((t) => getComputedStyle(t).color)"""
    page.locator("[data-theme-toggle]").click()
    assert set(page.evaluate(fill)) == {"rgb(26, 32, 40)"} and set(page.evaluate(ink)) == {"rgb(232, 236, 241)"}
    page.locator("[data-theme-toggle]").click()
    assert set(page.evaluate(fill)) == {"rgb(255, 255, 255)"} and set(page.evaluate(ink)) == {"rgb(29, 36, 48)"}
    assert watched_page.errors == []


def axe_contrast(page):
    """axe-core's colour-contrast (and any other) violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
      const r = await axe.run(document, {resultTypes: ['violations']});
      return r.violations.map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
    }""")


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("where", ["lesson", "embed"])
def test_axe_finds_no_violations_in_either_theme(built_site, browser, lessons, theme, where):
    out, _ = built_site
    context = browser.new_context(viewport={"width": 1200, "height": 900}, color_scheme=theme)
    page = context.new_page()
    path = out / lessons[2].slug / "index.html" if where == "lesson" else out / "embed" / "dose_response" / "index.html"
    page.goto(path.as_uri())
    bring_widgets_near(page)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == (
        "rgb(255, 255, 255)" if theme == "light" else "rgb(18, 22, 28)")
    assert axe_contrast(page) == []
    context.close()


def test_glossary_popover_opens_on_focus_and_closes_on_escape(built_site, watched_page, lessons):
    out, _ = built_site
    page = watched_page.page
    page.goto((out / lessons[1].slug / "index.html").as_uri())
    term = page.locator(".part-patient a.term").first
    assert term.get_attribute("href").startswith("../glossary/index.html#")
    term.focus()
    tip = page.locator("#term-tip")
    assert tip.is_visible() and tip.get_attribute("role") == "tooltip"
    assert term.get_attribute("aria-describedby") == "term-tip"
    definition = term.get_attribute("data-definition")
    assert definition and definition in tip.text_content()
    assert term.get_attribute("title") is None
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert term.get_attribute("aria-describedby") is None
    assert page.evaluate("document.activeElement.classList.contains('term')")
    term.hover()
    assert tip.is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/index.html#*")


def test_sharing_basics_on_every_page(built_site):
    out, _ = built_site
    for path in sorted(out.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        for needle in ('<meta name="description" content="', '<meta property="og:title"',
                       '<meta property="og:description"', 'rel="icon"', 'rel="manifest"'):
            assert needle in html, (path, needle)
        description = html.split('<meta name="description" content="')[1].split('"')[0]
        assert len(description) > 40, path
    assert (out / "manifest.webmanifest").exists()


def test_icons_are_found_and_no_request_fails(built_site, http_site, watched_page, lessons):
    page = watched_page.page
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    for target in ["index.html", "glossary/index.html", f"{lessons[0].slug}/index.html", "embed/dose_response/index.html"]:
        page.goto(f"{http_site}/{target}")
        page.wait_for_load_state("load")
    manifest = page.evaluate("fetch(document.querySelector('link[rel=manifest]').href).then((r) => r.json())")
    for icon in manifest["icons"]:
        page.goto(f"{http_site}/{icon['src']}")
    assert failed == []


@pytest.mark.parametrize("reader", ["patient", "student"])
def test_key_message_for_the_reader_on_a_phone_first_screen(built_site, browser, lessons, reader):
    out, _ = built_site
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    for lesson in lessons:
        page.goto((out / lesson.slug / "index.html").as_uri() + f"?reader={reader}")
        shown = page.locator(".for-patient" if reader == "patient" else ".for-learners")
        hidden = page.locator(".for-learners" if reader == "patient" else ".for-patient")
        box = shown.bounding_box()
        assert box and box["y"] + box["height"] <= 844, (lesson.slug, box)
        assert not hidden.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, lesson.slug
    context.close()


def test_icon_arrays_have_words_and_the_right_count(built_site):
    out, _ = built_site
    html = (out / "blocking-the-pump" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="icon-array"') == 2
    first = html.split('class="icon-array"')[1].split("</figure>")[0]
    assert first.count('class="filled"') == 44 and first.count('class="empty"') == 56
    assert 'aria-hidden="true"' in first and "44 of 100" in first


def test_every_patient_part_has_an_illustration_with_alt_text(built_site, lessons):
    out, _ = built_site
    for lesson in lessons:
        html = (out / lesson.slug / "index.html").read_text(encoding="utf-8")
        patient = html.split('class="part part-patient"')[1].split("</section>")[0]
        assert '<figure class="illustration">' in patient, lesson.slug
        img = patient.split("<img ")[1].split(">")[0]
        assert 'alt="' in img and len(img.split('alt="')[1].split('"')[0]) > 30, lesson.slug
        assert (out / "illustrations" / img.split('src="../illustrations/')[1].split('"')[0]).exists()
        assert "What this means for you" in patient, lesson.slug


def test_a_plot_is_drawn_before_its_code_loads_and_with_no_script_at_all(built_site, browser, lessons):
    out, _ = built_site
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto((out / "embed" / "drug_accumulation" / "index.html").as_uri())
    lines = page.locator(".plot-svg path.plot-line")
    assert lines.count() >= 3
    box = lines.first.bounding_box()
    assert box and box["width"] > 200, "the first frame fills the plot at phone width"
    assert page.locator(".plot-tick-x").count() >= 3
    context.close()


def test_side_contents_mark_the_section_being_read(built_site, browser, lessons):
    out, _ = built_site
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto((out / lessons[1].slug / "index.html").as_uri() + "?reader=student")
    links = page.locator(".toc-side a:visible")
    assert links.count() >= 3
    target = links.nth(2).get_attribute("href")
    page.locator(target).scroll_into_view_if_needed()
    page.evaluate("(id) => document.querySelector(id).scrollIntoView({block: 'start'})", target)
    current = page.locator(".toc-side a[aria-current='location']")
    expect(current).to_have_attribute("href", target)
    assert current.count() == 1
    page.evaluate("window.scrollTo(0, 0)")
    expect(page.locator(".toc-side a[aria-current]")).to_have_count(0)
    context.close()


def test_reader_switch_offers_the_audience_list_and_ignores_unknown_readers(built_site, watched_page, lessons):
    """The switch shows lessons/parse.py's AUDIENCES in order; an unknown ?reader= falls back to the first."""
    out, _ = built_site
    page = watched_page.page
    page.goto((out / lessons[0].slug / "index.html").as_uri() + "?reader=nobody")
    page.wait_for_selector(".audience-switch:not([hidden])")
    choices = page.eval_on_selector_all("[data-reader-choice]", "bs => bs.map(b => b.dataset.readerChoice)")
    assert choices == list(AUDIENCES)
    assert page.evaluate("document.documentElement.dataset.reader") == AUDIENCES[0]
    page.locator(f"[data-reader-choice={AUDIENCES[-1]}]").click()
    assert page.evaluate("document.documentElement.dataset.reader") == AUDIENCES[-1]
    assert page.locator(f"[data-reader-choice={AUDIENCES[-1]}]").get_attribute("aria-pressed") == "true"
    assert watched_page.errors == []
