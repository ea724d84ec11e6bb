"""The offline full-text search in Chromium, from file:// and from a served copy: drug names, a typo and a
stemmed form find the sentences that use them, marked in a snippet, with the reader part, and the link
opens that part at that heading; the ranking, folding and stemming rules themselves on small cases."""
from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest

from mdr_explainer.lessons.content import load_content
from conftest import REPO

pytestmark = pytest.mark.browser
AXE = REPO / "tests" / "vendor" / "axe.min.js"
READY = "() => document.querySelector('.site-search').dataset.searchReady === 'true'"
PARTS = {"patient": "Patients", "student": "Students", "teacher": "Teachers"}
DRUGS = ["tariquidar", "zosuquidar", "valspodar", "gemtuzumab"]
OPTIONS = """() => [...document.querySelectorAll('#site-search-results [role=option]')].map((o) => ({
  title: o.querySelector('.search-title').textContent, meta: o.querySelector('.search-meta').textContent,
  snippet: o.querySelector('.search-snippet').textContent, part: o.dataset.part || '', href: o.dataset.href,
  marks: [...o.querySelectorAll('mark')].map((m) => m.textContent)}))"""
UNDER_TARGET = """() => { let text = '', el = document.querySelector(':target').nextElementSibling;
  while (el && !/^H[23]$/.test(el.tagName)) { text += el.textContent + ' '; el = el.nextElementSibling; }
  return text; }"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that does not log every request."""

    def log_message(self, *args):
        """Say nothing."""


@pytest.fixture(scope="module")
def served(built_site):
    """The built site on a plain local HTTP server."""
    out, _ = built_site
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(params=["file", "http"])
def site_root(request, built_site, served):
    """The built site's root URL, opened from disk and from a server."""
    out, _ = built_site
    return out.as_uri() if request.param == "file" else served


def open_search(page, url: str):
    """Open a page and focus the search box once its index is ready; the box."""
    page.goto(url)
    box = page.get_by_role("combobox")
    box.focus()
    page.wait_for_function(READY)
    return box


def results(page, box, query: str) -> list[dict]:
    """What the listbox shows for a query."""
    box.fill(query)
    return page.evaluate(OPTIONS)


def test_nothing_loads_until_the_box_is_used(site_root, watched_page):
    page = watched_page.page
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_root + "/index.html")
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.MDR_SEARCH === undefined")
    assert not [u for u in requested if "/static/search." in u]
    page.get_by_role("combobox").focus()
    page.wait_for_function(READY)
    assert [u for u in requested if "/static/search." in u]
    assert watched_page.errors == [] and watched_page.outside == []


@pytest.mark.parametrize("drug", DRUGS)
def test_a_drug_name_finds_its_sentences_and_opens_that_part_at_that_heading(site_root, watched_page, drug):
    page = watched_page.page
    box = open_search(page, site_root + "/index.html")
    shown = results(page, box, drug)
    assert shown, drug
    for option in shown:
        assert [m.lower() for m in option["marks"]] and all(m.lower() == drug for m in option["marks"]), option
        assert drug in option["snippet"].lower()
        if option["part"]:
            assert option["meta"].endswith(PARTS[option["part"]]), option
            assert f"?reader={option['part']}#" in option["href"]
    first = shown[0]
    assert first["part"] in PARTS  # the drugs are discussed inside reader parts, not only on glossary pages
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{site_root}/{first['href']}"
    assert page.evaluate("document.documentElement.dataset.reader") == first["part"]
    target = page.locator(":target")
    assert target.is_visible() and target.text_content().strip() == first["title"]
    assert drug in page.evaluate(UNDER_TARGET).lower()
    assert watched_page.errors == [] and watched_page.outside == []


def test_a_typo_and_a_stemmed_form_still_find_the_word(site_root, watched_page):
    page = watched_page.page
    box = open_search(page, site_root + "/index.html")
    typo = results(page, box, "tariquidr")
    assert typo and all("tariquidar" in [m.lower() for m in o["marks"]] for o in typo)
    assert [o["href"] for o in typo] == [o["href"] for o in results(page, box, "tariquidar")]
    assert results(page, box, "tariq") != []  # the word being typed is a prefix
    stemmed = results(page, box, "transporting")  # stems to "transport": transporter(s) match too
    marks = {m.lower() for o in stemmed for m in o["marks"]}
    assert stemmed and all(m.startswith("transport") for m in marks) and marks - {"transporting"}
    assert results(page, box, "valspodor")[0]["marks"][0].lower() == "valspodar"
    assert results(page, box, "pumq") == []  # one edit from "pump", but words under five letters get no tolerance
    assert "pump" in {m.lower() for o in results(page, box, "pumpz") for m in o["marks"]}
    assert results(page, box, "zzzzqx") == []
    assert page.locator(".site-search [role=status]").text_content() == "No results."
    assert watched_page.errors == [] and watched_page.outside == []


def test_search_by_keyboard_finds_a_lesson_a_term_and_a_widget(built_site, watched_page):
    out, _ = built_site
    page = watched_page.page
    content = load_content(REPO / "content")
    box = open_search(page, (out / "index.html").as_uri())
    lesson, term = content.lessons[1], sorted(content.catalog.terms.values(), key=lambda t: t.term)[0]
    status = page.locator(".site-search [role=status]")
    shown = results(page, box, lesson.title)
    assert shown[0]["title"] == lesson.title
    assert box.get_attribute("aria-expanded") == "true"
    assert re.match(r"\d+ results?;", status.text_content())
    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert term.term in [o["title"] for o in results(page, box, term.term.lower())]
    assert "Goldie-Coldman model" in [o["title"] for o in results(page, box, "goldie colman")]  # one-letter typo

    widget_title = "Why killing every sensitive cell can backfire"
    texts = [o["title"] for o in results(page, box, widget_title.lower())]
    target = texts.index(widget_title)
    for _ in range(target + 1):
        page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("embed/tumor_evolution/index.html")
    assert watched_page.errors == [] and watched_page.outside == []


def test_a_patient_section_opens_the_patient_part_at_its_heading(built_site, watched_page):
    out, _ = built_site
    page = watched_page.page
    box = open_search(page, (out / "index.html").as_uri())
    shown = results(page, box, "questions to ask your care team")
    assert shown[0]["title"] == "Questions to ask your care team" and shown[0]["part"] == "patient"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"\?reader=patient#patient-questions-to-ask", page.url)
    assert page.locator(":target").is_visible()
    assert watched_page.errors == [] and watched_page.outside == []


def test_the_open_results_pass_axe(built_site, watched_page):
    out, _ = built_site
    page = watched_page.page
    box = open_search(page, (out / "index.html").as_uri())
    results(page, box, "pump")
    page.keyboard.press("ArrowDown")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
      .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(' | '))""")
    assert found == []


RANKING = """() => {
  const doc = (heading, text) => [0, '', '', heading, text];
  const filler = 'the cells grew in the dish and the team counted them every day for a week '.repeat(12);
  const raw = {locale: 'en', words: {}, pages: [['page', 'P', 'p.html']], docs: [
    doc('Other drugs', filler + 'one later trial also gave tariquidar. ' + filler),
    doc('Tariquidar', 'Tariquidar blocks the pump. Tariquidar was given with chemotherapy in two trials.'),
    doc('Résistance', 'La résistance aux médicaments.'),
    doc('Bomba', 'Las bombas sacan el fármaco de las células muchas veces.'),
  ]};
  const index = MDRSearch.prepare(raw), titles = (q) => MDRSearch.search(index, q).map((r) => r.title);
  const es = MDRSearch.prepare(Object.assign({}, raw, {locale: 'es'}));
  return {central: titles('tariquidar'), folded: titles('resistance'), accented: titles('RÉSISTANCE'),
          english: titles('blocked'), spanish: MDRSearch.search(es, 'blocked').map((r) => r.title),
          spanishFolded: MDRSearch.search(es, 'medicamentos').map((r) => r.title),
          spanishStemmed: ['bomba', 'célula', 'vez'].map((q) => MDRSearch.search(es, q).map((r) => r.title))};
}"""


def test_ranking_puts_the_central_page_first_and_folding_and_stemmers_follow_the_locale(built_site, watched_page):
    out, _ = built_site
    page = watched_page.page
    open_search(page, (out / "index.html").as_uri())
    found = page.evaluate(RANKING)
    assert found["central"] == ["Tariquidar", "Other drugs"]
    assert found["folded"] == found["accented"] == ["Résistance"]
    assert found["english"] == ["Tariquidar"]  # blocked and blocks -> block by the English stemmer
    assert found["spanish"] == []  # the Spanish stemmer strips only Spanish endings, so "blocked" is not "blocks"
    assert found["spanishFolded"] == ["Résistance"]  # ... while folding and prefixes still apply
    assert found["spanishStemmed"] == [["Bomba"]] * 3  # bomba/bombas, célula/células, vez/veces


SAVOY_LIGHT = {"bombas": "bomb", "bomba": "bomb", "celulas": "celul", "celula": "celul", "pacientes": "pacient",
               "veces": "vez", "meses": "mes", "tumor": "tumor", "sangre": "sangr", "mano": "mano"}


def test_the_spanish_stemmer_strips_only_gender_and_plural(built_site, watched_page):
    out, _ = built_site
    page = watched_page.page
    open_search(page, (out / "index.html").as_uri())
    got = page.evaluate("(words) => words.map((w) => MDRSearch.spanishLight(w))", list(SAVOY_LIGHT))
    assert dict(zip(SAVOY_LIGHT, got)) == SAVOY_LIGHT


PORTER_1980 = {  # examples from Porter (1980), "An algorithm for suffix stripping", steps 1a-5b
    "caresses": "caress", "ponies": "poni", "ties": "ti", "cats": "cat", "feed": "feed", "agreed": "agre",
    "plastered": "plaster", "bled": "bled", "motoring": "motor", "sing": "sing", "conflated": "conflat",
    "troubled": "troubl", "sized": "size", "hopping": "hop", "tanned": "tan", "falling": "fall", "hissing": "hiss",
    "fizzed": "fizz", "failing": "fail", "filing": "file", "happy": "happi", "sky": "sky", "relational": "relat",
    "conditional": "condit", "rational": "ration", "digitizer": "digit", "vietnamization": "vietnam",
    "predication": "predic", "operator": "oper", "feudalism": "feudal", "decisiveness": "decis",
    "hopefulness": "hope", "callousness": "callous", "formaliti": "formal", "sensitiviti": "sensit",
    "sensibiliti": "sensibl", "triplicate": "triplic", "formative": "form", "formalize": "formal",
    "electriciti": "electr", "electrical": "electr", "hopeful": "hope", "goodness": "good", "revival": "reviv",
    "allowance": "allow", "inference": "infer", "airliner": "airlin", "gyroscopic": "gyroscop",
    "adjustable": "adjust", "defensible": "defens", "irritant": "irrit", "replacement": "replac",
    "adjustment": "adjust", "dependent": "depend", "adoption": "adopt", "homologous": "homolog",
    "communism": "commun", "activate": "activ", "angulariti": "angular", "effective": "effect",
    "bowdlerize": "bowdler", "probate": "probat", "rate": "rate", "cease": "ceas", "controll": "control",
    "roll": "roll", "generalizations": "gener", "oscillators": "oscil",
}


def test_the_english_stemmer_gives_porters_published_stems(built_site, watched_page):
    out, _ = built_site
    page = watched_page.page
    open_search(page, (out / "index.html").as_uri())
    got = page.evaluate("(words) => words.map((w) => MDRSearch.porter(w))", list(PORTER_1980))
    assert dict(zip(PORTER_1980, got)) == PORTER_1980
    edits = page.evaluate("""() => [['tariquidar', 'tariquidr'], ['tariquidar', 'tairquidar'], ['tariquidar', 'tariquidor'],
      ['tariquidar', 'tariquidars'], ['tariquidar', 'tarquidr'], ['pump', 'pump']].map(([a, b]) => MDRSearch.oneEdit(a, b))""")
    assert edits == [True, True, True, True, False, False]
