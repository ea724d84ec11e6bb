"""The pseudo-locale (every string accented and doubled) renders every page without clipped or overlapping text."""
import pytest

from browser_helpers import bring_widgets_near
from conftest import REPO

pytestmark = pytest.mark.browser

# Every element that carries words from the strings files, and the groups whose members sit side by side.
TEXT = "h1, h2, h3, p, li, a, button, label, legend, summary, dt, dd, output, caption, th, td, span, select"
SIDE_BY_SIDE = [".site-header > *", ".site-header nav li", ".audience-switch > *", ".slider-row > *",
                ".readouts > div", ".widget-head > *", ".lesson-nav > *"]
MEASURE = """([text, groups]) => {
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 1 && r.height > 1 &&
    getComputedStyle(el).visibility !== 'hidden'; };
  const clipped = [];
  for (const el of document.querySelectorAll(text)) {
    if (!visible(el) || el.closest('pre, .table-scroll, table, .embed-code, .skip-link')) continue;
    const style = getComputedStyle(el), r = el.getBoundingClientRect();
    const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    if ((hides && el.scrollWidth > el.clientWidth + 1) || r.right > innerWidth + 1 || r.left < -1)
      clipped.push(el.tagName + ': ' + el.textContent.trim().slice(0, 60));
  }
  const overlaps = [];
  for (const sel of groups) {
    const els = [...document.querySelectorAll(sel)].filter(visible);
    for (let i = 0; i < els.length; i++) for (let j = i + 1; j < els.length; j++) {
      if (els[i].parentElement !== els[j].parentElement) continue;
      const a = els[i].getBoundingClientRect(), b = els[j].getBoundingClientRect();
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) overlaps.push(sel + ': ' + els[i].textContent.trim().slice(0, 30) + ' / ' + els[j].textContent.trim().slice(0, 30));
    }
  }
  return {clipped, overlaps, scroll: document.documentElement.scrollWidth};
}"""


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory):
    """The real lessons built in the pseudo-locale en-XA."""
    from mdr_explainer.lessons.build import build_site

    out = tmp_path_factory.mktemp("pseudo") / "_site"
    build_site(REPO / "content", out, locale="en-XA")
    return out


def test_pseudo_locale_build_carries_no_english_chrome(pseudo_site):
    html = (pseudo_site / "index.html").read_text(encoding="utf-8")
    assert 'lang="en-XA"' in html
    for english in ("Skip to content", "Glossary", "Education only", "Lessons"):
        assert f">{english}<" not in html and f"{english}." not in html, english
    embed = next((pseudo_site / "embed").glob("*/index.html")).read_text(encoding="utf-8")
    assert '"decimal":","' in embed


@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_fits_with_strings_twice_as_long(pseudo_site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = []
    pages = sorted(pseudo_site.glob("**/index.html"))
    for path in pages:
        page.goto(path.as_uri() + "?reader=student")
        bring_widgets_near(page)  # every widget has started (data-ready), so its controls are measured too
        found = page.evaluate(MEASURE, [TEXT, SIDE_BY_SIDE])
        if found["scroll"] > width + 2 or found["clipped"] or found["overlaps"]:
            problems.append((str(path.relative_to(pseudo_site)), found))
    context.close()
    assert problems == []
