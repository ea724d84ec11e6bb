"""The Spanish site in Chromium from file://: languages marked, the switch keeps the place, decimal comma, search, axe."""
import re

import pytest

from conftest import REPO

from browser_helpers import bring_widgets_near

pytestmark = pytest.mark.browser
AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def twin_site(tmp_path_factory):
    """English at the root and Spanish under es/, linked (build --all-locales --base-url, so oEmbed is written)."""
    from mdr_explainer.lessons.build import build_with_translations

    out = tmp_path_factory.mktemp("twins") / "_site"
    build_with_translations(REPO / "content", out, base_url="https://example.org/why-chemo")
    return out


def test_spanish_pages_mark_their_languages_and_twins(twin_site):
    html = (twin_site / "es" / "what-is-resistance" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in html
    assert '<link rel="alternate" hreflang="en" href="../../what-is-resistance/index.html">' in html
    assert re.search(r'<section class="part part-student"[^>]*lang="en"', html)
    assert re.search(r'<section class="part part-patient"(?![^>]*lang=)[^>]*>', html)
    assert "Esta parte todavía no está traducida" in html and "Cuando la quimio deja de funcionar" in html
    assert '<div lang="es"><figure class="widget" data-widget="drug_accumulation"' in html  # widget words are Spanish
    assert '<span lang="en">Simplified illustration' in html  # its English caption says so
    english = (twin_site / "what-is-resistance" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="es" href="../es/what-is-resistance/index.html"' in english
    assert (twin_site / "es" / "course").is_dir() and (twin_site / "es" / "embed" / "drug_accumulation" / "oembed.json").is_file()
    assert "¿Cuánto medicamento" in (twin_site / "es" / "embed" / "drug_accumulation" / "oembed.json").read_text(encoding="utf-8")


def test_the_switch_keeps_reader_widget_state_and_heading(twin_site, watched_page):
    page = watched_page.page
    start = (twin_site / "what-is-resistance" / "index.html").as_uri()
    page.goto(start + "?reader=student&drug_accumulation.mdr1_level=7#student-how-big-is-the-problem")
    page.click("a[data-lang-switch]")
    page.wait_for_load_state("load")
    assert "/es/what-is-resistance/index.html?reader=student&drug_accumulation.mdr1_level=7" in page.url
    assert page.url.endswith("#student-how-big-is-the-problem")
    assert page.evaluate("document.documentElement.getAttribute('data-reader')") == "student"
    assert page.locator("#student-how-big-is-the-problem").count() == 1
    page.goto((twin_site / "es" / "what-is-resistance" / "index.html").as_uri() + "?reader=patient#patient-one-change-many-drugs")
    assert page.locator("#patient-one-change-many-drugs").inner_text().startswith("Un cambio")
    page.click("a[data-lang-switch]")
    page.wait_for_load_state("load")
    assert page.url.endswith("/what-is-resistance/index.html?reader=patient#patient-one-change-many-drugs")
    assert watched_page.errors == [] and watched_page.outside == []


def test_spanish_widget_readout_uses_a_decimal_comma(twin_site, watched_page):
    page = watched_page.page
    page.goto((twin_site / "es" / "embed" / "drug_accumulation" / "index.html").as_uri() + "?mdr1_level=3.5&predict=0")
    bring_widgets_near(page)
    text = page.locator("[data-widget]").first.inner_text()
    assert re.search(r"\d,\d", text), text
    assert "La célula elegida guarda" in text
    assert watched_page.errors == []


def test_a_spanish_word_finds_the_spanish_page(twin_site, watched_page):
    page = watched_page.page
    page.goto((twin_site / "es" / "index.html").as_uri())
    page.fill("#site-search-input", "bomba")
    page.wait_for_selector("#site-search-results:not([hidden]) li")
    results = page.locator("#site-search-results").inner_text()
    assert "Cómo funciona la bomba MDR1" in results, results


@pytest.mark.parametrize("path", ["es/what-is-resistance/index.html?reader=patient", "es/index.html",
                                  "es/glossary/index.html", "es/about/index.html"])
def test_spanish_pages_pass_axe(twin_site, watched_page, path):
    page = watched_page.page
    page.goto((twin_site / path.split("?")[0]).as_uri() + ("?" + path.split("?")[1] if "?" in path else ""))
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map((v) => ({id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3)}))""")
    assert violations == []
