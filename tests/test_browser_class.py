"""Teachers' tools in Chromium: per-instance link state, the class panel and its QR code, sandboxed
embeds on another origin, and print views at A4."""
from __future__ import annotations

import functools
import http.server
import io
import threading
from urllib.parse import parse_qsl, urlsplit

import pytest

from browser_helpers import after_update, next_frames

pytestmark = pytest.mark.browser

LESSON = "evolution-in-a-tumour/index.html"


class Quiet(http.server.SimpleHTTPRequestHandler):
    """A static file handler that logs nothing."""

    def log_message(self, *args):
        pass


def serve_folder(folder) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


@pytest.fixture(scope="module")
def site_url(built_site):
    """The built site over HTTP (one origin)."""
    url, server = serve_folder(built_site[0])
    yield url
    server.shutdown()


URL_HOLDS = """([key, value]) => new URLSearchParams(location.search).get(key) !== null
  && Number(new URLSearchParams(location.search).get(key)) === Number(value)"""  # the debounced link state is written


def ready(page, instance: str):
    """Bring the widget near the viewport (widgets load lazily), then wait until it has started."""
    page.wait_for_selector(f"#{instance}", state="attached", timeout=20000)
    page.evaluate("(id) => document.getElementById(id).scrollIntoView()", instance)
    page.wait_for_selector(f"#{instance}[data-ready=true]", state="attached", timeout=60000)


def control(page, instance: str, param: str):
    return page.locator(f"#{instance} [data-param={param}]")


def query_of(url: str) -> dict:
    return dict(parse_qsl(urlsplit(url).query))


def test_repeated_widgets_restore_each_instance(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{LESSON}?reader=student&tumor_evolution-2.strategy=adaptive&tumor_evolution-3.resistance_cost=0"
              "&tumor_evolution-3.log10_mutation_rate=abc&tumor_evolution.log10_mutation_rate=99")
    for instance in ("tumor_evolution", "tumor_evolution-2", "tumor_evolution-3"):
        ready(page, instance)
    values = page.evaluate("() => Object.fromEntries(MDR.views.map(v => [v.config.id, v.values]))")
    starts = page.evaluate("() => Object.fromEntries(MDR.views.map(v => [v.config.id, v.config.values]))")
    assert values["tumor_evolution"]["log10_mutation_rate"] == -4  # out of range: clamped
    assert values["tumor_evolution-2"]["strategy"] == 1 and values["tumor_evolution-2"]["resistance_cost"] == starts["tumor_evolution-2"]["resistance_cost"]
    assert values["tumor_evolution-3"]["resistance_cost"] == 0
    assert values["tumor_evolution-3"]["log10_mutation_rate"] == starts["tumor_evolution-3"]["log10_mutation_rate"]  # unusable: ignored
    assert control(page, "tumor_evolution-2", "strategy").nth(1).is_checked()
    assert not control(page, "tumor_evolution-3", "strategy").nth(1).is_checked() or starts["tumor_evolution-3"]["strategy"] == 1
    assert not watched_page.errors and not watched_page.outside


def test_dragging_replaces_history_and_writes_only_changes(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{LESSON}?reader=student")
    ready(page, "tumor_evolution-3")
    before = page.evaluate("history.length")
    slider = control(page, "tumor_evolution-3", "log10_mutation_rate")
    slider.focus()
    for _ in range(12):
        after_update(page, "tumor_evolution-3", lambda: page.keyboard.press("ArrowRight"))
    start = page.evaluate("MDR.views.find(v => v.config.id === 'tumor_evolution-3').config.values.log10_mutation_rate")
    page.wait_for_function(URL_HOLDS, arg=["tumor_evolution-3.log10_mutation_rate", str(round(start + 1.2, 10))])
    assert page.evaluate("history.length") == before, "moving a slider must not add history entries"
    query = query_of(page.url)
    assert query == {"reader": "student", "tumor_evolution-3.log10_mutation_rate": str(round(start + 1.2, 10)).rstrip("0").rstrip(".")}
    # the link opened elsewhere restores the same state, and only that instance moved
    other = page.context.new_page()
    other.goto(page.url)
    ready(other, "tumor_evolution-3")
    every = "() => Object.fromEntries(MDR.views.map(v => [v.config.id, v.values]))"
    assert other.evaluate(every)["tumor_evolution-3"] == page.evaluate(every)["tumor_evolution-3"]
    other.close()


def test_old_widget_name_links_still_work(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{LESSON}?reader=student&tumor_evolution.resistance_cost=0")
    ready(page, "tumor_evolution")
    assert page.evaluate("MDR.views.find(v => v.config.id === 'tumor_evolution').values.resistance_cost") == 0
    page.goto(f"{site_url}/embed/tumor_evolution/index.html?preset=adaptive_dosing&resistance_cost=10")
    ready(page, "tumor_evolution")
    assert page.evaluate("MDR.views[0].values.strategy") == 1 and page.evaluate("MDR.views[0].values.resistance_cost") == 10


def decode_qr(page, selector: str) -> str:
    import zxingcpp
    from PIL import Image

    png = page.locator(selector).screenshot()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert found, "no QR code found in the screenshot"
    return found[0].text


def test_panel_link_qr_embed_and_reset(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{LESSON}?reader=student")
    ready(page, "tumor_evolution-2")
    control(page, "tumor_evolution-2", "resistance_cost").fill("0")
    control(page, "tumor_evolution-2", "resistance_cost").dispatch_event("input")
    summary = page.locator("#tumor_evolution-2 .class-panel > summary")
    summary.focus()
    page.keyboard.press("Enter")  # a <details> disclosure opens from the keyboard
    assert page.locator("#tumor_evolution-2 .class-panel").evaluate("d => d.open")
    link = page.locator("#tumor_evolution-2 [data-class-link]")
    page.wait_for_function("() => document.querySelector('#tumor_evolution-2 [data-class-link]').value.includes('resistance_cost')")
    url = link.input_value()
    assert query_of(url) == {"reader": "student", "tumor_evolution-2.resistance_cost": "0"}
    assert url.endswith("#tumor_evolution-2")
    assert decode_qr(page, "#tumor_evolution-2 [data-class-qr] svg") == url
    # copy: clipboard refused here, so the field is selected for Ctrl+C and the reader is told
    page.locator("#tumor_evolution-2 [data-class-copy=link]").click()
    assert page.locator("#tumor_evolution-2 [data-class-status]").inner_text().strip()
    # widget alone: the embed page with the values that differ from the widget's defaults
    page.locator("#tumor_evolution-2 [data-class-target][value=embed]").check()
    alone = link.input_value()
    assert "/embed/tumor_evolution/index.html?" in alone and query_of(alone)["resistance_cost"] == "0"
    snippet = page.locator("#tumor_evolution-2 [data-class-embed]").input_value()
    assert snippet.startswith(f'<iframe src="{alone.replace("&", "&amp;")}"') and 'height="760"' in snippet
    assert decode_qr(page, "#tumor_evolution-2 [data-class-qr] svg") == alone
    opened = page.context.new_page()
    opened.goto(alone)
    ready(opened, "tumor_evolution")
    assert opened.evaluate("MDR.views[0].values") == page.evaluate(
        "MDR.views.find(v => v.config.id === 'tumor_evolution-2').values")
    opened.close()
    page.locator("#tumor_evolution-2 [data-class-reset]").click()
    second = "MDR.views.find(v => v.config.id === 'tumor_evolution-2')"
    assert page.evaluate(f"{second}.values.resistance_cost") == page.evaluate(f"{second}.config.values.resistance_cost")
    page.wait_for_function("() => !location.search.includes('tumor_evolution-2')")  # the link state is written, debounced
    assert not watched_page.errors and not watched_page.outside


def test_lesson_panel_sets_reader_and_state(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{LESSON}?reader=student&tumor_evolution-3.resistance_cost=0")
    ready(page, "tumor_evolution-3")
    page.locator(".class-panel-lesson > summary").click()
    assert page.locator("[data-class-reader][value=student]").is_checked(), "starts as the page is read now"
    page.locator("[data-class-reader][value=teacher]").check()
    url = page.locator(".class-panel-lesson [data-class-link]").input_value()
    assert query_of(url) == {"reader": "teacher", "tumor_evolution-3.resistance_cost": "0"}
    page.locator("[data-class-reader][value='']").check()
    assert query_of(page.locator(".class-panel-lesson [data-class-link]").input_value()) == {"tumor_evolution-3.resistance_cost": "0"}
    page.locator("[data-class-reader][value=teacher]").check()
    page.locator(".class-panel-lesson [data-class-state]").uncheck()
    assert query_of(page.locator(".class-panel-lesson [data-class-link]").input_value()) == {"reader": "teacher"}
    assert decode_qr(page, ".class-panel-lesson [data-class-qr] svg").endswith("?reader=teacher")


def test_teacher_page_qr_codes_decode_to_preset_links(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/evolution-in-a-tumour/teach/index.html")
    item = page.locator(".preset-link").first
    href = item.locator("a").evaluate("a => a.href")
    assert href.endswith("/embed/tumor_evolution/index.html?preset=continuous_dosing")
    assert decode_qr(page, ".preset-link >> nth=0 >> [data-class-qr] svg") == href
    assert page.locator("[data-class-embed]").first.input_value().startswith(f'<iframe src="{href}"')
    assert not watched_page.errors


HOST_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Host</title></head><body>
<input id="host-input" autofocus>
<iframe id="frame" src="{src}" sandbox="allow-scripts" title="widget" width="100%" height="300"></iframe>
<div style="height:3000px"></div>
<script>window.got = []; window.addEventListener("message", e => window.got.push(e.data));</script>
<script src="{host_script}"></script>
</body></html>"""


def test_sandboxed_embed_on_another_origin(watched_page, site_url, tmp_path):
    (tmp_path / "host.html").write_text(HOST_PAGE.format(
        src=f"{site_url}/embed/tumor_evolution/index.html?preset=adaptive_dosing", host_script=f"{site_url}/embed-host.js"))
    host_url, server = serve_folder(tmp_path)
    try:
        page = watched_page.page
        page.goto(f"{host_url}/host.html")
        frame = page.frame_locator("#frame")
        frame.locator("[data-widget][data-ready=true]").wait_for(timeout=60000)
        page.wait_for_function("() => document.getElementById('frame').hasAttribute('data-mdr-height')")
        next_frames(page)  # the embed has started and reported its height: it had every chance to move focus or scroll
        assert page.evaluate("document.activeElement.id") == "host-input", "the embed took focus"
        assert page.evaluate("window.scrollY") == 0, "the embed scrolled the host page"
        messages = page.evaluate("window.got")
        ours = [m for m in messages if isinstance(m, dict) and m.get("type") == "mdr:embed-size"]
        lti = [m for m in messages if isinstance(m, str) and '"lti.frameResize"' in m]
        assert ours and lti and ours[-1]["widget"] == "tumor_evolution"
        inner = page.frames[1]
        content = inner.evaluate("Math.ceil(document.body.getBoundingClientRect().bottom + parseFloat(getComputedStyle(document.body).marginBottom))")
        assert abs(ours[-1]["height"] - content) <= 2
        framed_height = page.evaluate("document.getElementById('frame').clientHeight")
        assert abs(framed_height - ours[-1]["height"]) <= 2, "embed-host.js sized the frame"
        assert inner.evaluate("document.documentElement.scrollHeight <= document.documentElement.clientHeight + 1"), "frame scrolls inside"
        assert inner.evaluate("document.documentElement.classList.contains('framed')")
        # keyboard inside the frame
        slider = frame.locator("[data-param=log10_mutation_rate]")
        before = slider.input_value()
        slider.focus()
        page.keyboard.press("ArrowRight")
        assert slider.input_value() != before
        assert frame.locator("[data-output=log10_mutation_rate]").inner_text() != before
        assert not watched_page.errors, watched_page.errors
        assert not watched_page.outside
    finally:
        server.shutdown()


@pytest.mark.parametrize("path", ["evolution-in-a-tumour/worksheet/index.html", "evolution-in-a-tumour/answers/index.html",
                                  "evolution-in-a-tumour/teach/index.html", LESSON])
def test_print_view_at_a4(watched_page, site_url, path):
    page = watched_page.page
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(f"{site_url}/{path}" + ("?reader=student" if path == LESSON else ""))
    if path == LESSON:
        ready(page, "tumor_evolution-3")
        page.locator(".class-panel-lesson > summary").click()  # an open panel must not print either
    page.emulate_media(media="print")
    for hidden in (".widget-controls", ".class-panel", "[data-class-print]", ".audience-switch", ".site-header nav"):
        for el in page.locator(hidden).all():
            assert not el.is_visible(), f"{hidden} shows in print"
    shown = {"worksheet": ".sheet-describe", "answers": ".model-answer", "teach": ".preset-link svg"}
    key = path.split("/")[1] if path != LESSON else None
    selector = shown.get(key, ".widget-describe")
    assert page.locator(selector).first.is_visible()
    if key == "worksheet":
        assert page.locator(".sheet-table").first.is_visible() and page.locator(".answer-space").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 1


def test_panel_chooses_the_prediction_question_and_never_carries_the_teachers_guess(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{LESSON}?reader=student")
    ready(page, "tumor_evolution-2")
    view = "MDR.views.find(v => v.config.id === 'tumor_evolution-2')"
    first = page.evaluate(f"{view}.config.question")
    assert page.locator("#tumor_evolution-2").get_attribute("data-predict") == "asking"
    asked = page.locator("#tumor_evolution-2 .predict-question:not([hidden])")
    asked.locator("[data-predict-choice]").first.check()
    asked.locator("[data-predict-commit]").click()
    page.wait_for_function("() => location.search.includes('tumor_evolution-2.guess=')")
    page.locator("#tumor_evolution-2 .class-panel > summary").click()
    link = page.locator("#tumor_evolution-2 [data-class-link]")
    assert "guess" not in link.input_value() and "predict" not in link.input_value()  # the default question
    other = next(q["name"] for q in page.evaluate(f"{view}.model.questions") if q["name"] != first)
    page.locator(f"#tumor_evolution-2 [data-class-question][value={other}]").check()
    url = link.input_value()
    assert query_of(url) == {"reader": "student", "tumor_evolution-2.predict": other}
    assert decode_qr(page, "#tumor_evolution-2 [data-class-qr] svg") == url
    page.locator("#tumor_evolution-2 [data-class-target][value=embed]").check()
    alone = link.input_value()
    assert query_of(alone)["predict"] == other and "guess" not in alone
    assert page.locator("#tumor_evolution-2 [data-class-embed]").input_value().count(f"predict={other}") == 1
    opened = page.context.new_page()
    opened.goto(url)
    ready(opened, "tumor_evolution-2")
    assert opened.evaluate("MDR.views.find(v => v.config.id === 'tumor_evolution-2').prediction.question.name") == other
    assert opened.locator(f'#tumor_evolution-2 [data-question="{other}"]').is_visible()
    opened.close()
    page.locator("#tumor_evolution-2 [data-class-target][value=page]").check()
    page.locator("#tumor_evolution-2 [data-class-question][value='0']").check()
    assert query_of(link.input_value())["tumor_evolution-2.predict"] == "0"
    assert not watched_page.errors and not watched_page.outside
