"""axe-core on every page of the site, static (file://) and live (served), in both themes and every reader part.

One browser and one tab per mode and theme; each page is opened, its widgets brought near (they load
lazily), axe-core injected from tests/vendor and run; every violation on every page is collected, so
one run names them all.
"""
from __future__ import annotations

import pytest

from browser_helpers import bring_widgets_near
from conftest import REPO

pytestmark = pytest.mark.browser
AXE = REPO / "tests" / "vendor" / "axe.min.js"
READERS = ("patient", "student", "teacher")
BACKGROUND = {"light": "rgb(255, 255, 255)", "dark": "rgb(18, 22, 28)"}
RUN_AXE = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '))"""


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


def violations(page, url: str, theme: str) -> list[str]:
    """axe-core's violations on one page once its visible widgets are ready, in the given theme."""
    page.goto(url, wait_until="domcontentloaded", timeout=60000)
    bring_widgets_near(page, timeout=60000)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == BACKGROUND[theme], url
    if "?reader=" in url:
        reader = url.split("?reader=")[1]
        assert page.evaluate("document.documentElement.dataset.reader") == reader, url
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("mode", ["static", "live"])
def test_every_page_passes_axe_in_every_theme_and_reader_part(built_site, live_server, browser, mode, theme):
    out, _ = built_site
    base = out.as_uri() + "/" if mode == "static" else live_server + "/"
    context = browser.new_context(viewport={"width": 1200, "height": 900}, color_scheme=theme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    found = {}
    urls = page_urls(out)
    for url in urls:
        problems = violations(page, base + url, theme)
        if problems:
            found[url] = problems
    context.close()
    assert len(urls) > 40
    assert found == {}
    assert errors == []
