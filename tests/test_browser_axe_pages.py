"""axe-core on every page of the site, static (file://) and live (served), in both themes and every reader part.

One browser and one tab per mode; each page is opened, its widgets brought near (they load lazily),
axe-core injected from tests/vendor and run in the light theme, then again after switching to the dark
theme the way the header toggle does (MDRTheme.apply), and once more at phone width for scrollable
regions. Every violation on every page is collected, so one run names them all.
"""
from __future__ import annotations

import pytest

from browser_helpers import bring_widgets_near
from conftest import REPO

pytestmark = pytest.mark.browser
AXE = REPO / "tests" / "vendor" / "axe.min.js"
READERS = ("patient", "student", "teacher")
THEMES = {"light": "rgb(255, 255, 255)", "dark": "rgb(18, 22, 28)"}
SHARES = 8  # the pages are checked in this many tests, each well inside the per-test timeout
WIDE, PHONE = {"width": 1200, "height": 900}, {"width": 360, "height": 800}
RUN_AXE = """async (rules) => (await axe.run(document, Object.assign({resultTypes: ['violations']},
    rules ? {runOnly: rules} : {}))).violations
  .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '))"""
SET_THEME = """(theme) => { window.MDRTheme ? MDRTheme.apply(theme, false) : document.documentElement.setAttribute('data-theme', theme);
  return getComputedStyle(document.body).backgroundColor; }"""


def page_urls(out) -> list[str]:
    """Every HTML page of the built site from its root, with one URL per reader part on pages that switch readers."""
    urls = []
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out).as_posix()
        if "data-reader-choice" in path.read_text(encoding="utf-8"):
            urls += [f"{rel}?reader={reader}" for reader in READERS]
        else:
            urls.append(rel)
    return urls


def violations(page, url: str) -> list[str]:
    """axe-core's violations on one page once its visible widgets are ready: each theme, then scrolling at phone width."""
    page.set_viewport_size(WIDE)
    page.goto(url, wait_until="domcontentloaded", timeout=60000)
    bring_widgets_near(page, timeout=60000)
    if "?reader=" in url:
        assert page.evaluate("document.documentElement.dataset.reader") == url.split("?reader=")[1], url
    page.add_script_tag(path=str(AXE))
    found = []
    for theme, background in THEMES.items():
        assert page.evaluate(SET_THEME, theme) == background, (url, theme)
        found += [f"{theme}: {v}" for v in page.evaluate(RUN_AXE, None)]
    page.set_viewport_size(PHONE)
    found += [f"360 px: {v}" for v in page.evaluate(RUN_AXE, ["scrollable-region-focusable"])]
    return found


@pytest.fixture(scope="module")
def tabs(browser):
    """One reused tab per mode (static, live), with the page errors it met."""
    opened = {}

    def tab(mode):
        if mode not in opened:
            context = browser.new_context(viewport=WIDE, reduced_motion="reduce")
            page = context.new_page()
            page.errors = []
            page.on("pageerror", lambda e: page.errors.append(str(e)))
            opened[mode] = (context, page)
        return opened[mode][1]

    yield tab
    for context, _ in opened.values():
        context.close()


@pytest.mark.parametrize("share", range(SHARES))
@pytest.mark.parametrize("mode", ["static", "live"])
def test_every_page_passes_axe_in_both_themes_and_every_reader_part(request, built_site, tabs, mode, share):
    out, _ = built_site
    base = out.as_uri() + "/" if mode == "static" else request.getfixturevalue("live_server") + "/"
    urls = page_urls(out)
    assert len(urls) > 40
    page = tabs(mode)
    found = {}
    for url in urls[share::SHARES]:  # every page is in exactly one share
        problems = violations(page, base + url)
        if problems:
            found[url] = problems
    assert found == {}
    assert page.errors == []
