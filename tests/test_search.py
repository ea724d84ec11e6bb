"""The offline search index: full text under every heading of every lesson part, page, term and widget;
every link lands on a page and heading that exist; widgets, citations and hidden text stay out; size budget.
(The search box in Chromium: tests/test_browser_search.py.)"""
from __future__ import annotations

import gzip
import json
import re

from mdr_explainer.lessons.content import load_content
from mdr_explainer.lessons.search_text import chunks, plain
from mdr_explainer.lessons.site_model import site_pages
from mdr_explainer.lessons.strings import site_text
from conftest import REPO

READER_PARTS = ("patient", "student", "teacher")
TARGET_GZIP = 150_000


def index_of(out) -> bytes:
    """The built index script's bytes."""
    return next((out / "static").glob("search.*.js")).read_bytes()


def loaded(out) -> dict:
    """The built index as data."""
    return json.loads(index_of(out).decode("utf-8").split("=", 1)[1].rstrip().rstrip(";"))


def link(index: dict, doc: list) -> str:
    """A doc's link from the site root, as mdr-search.js writes it."""
    path = index["pages"][doc[0]][2]
    return path + (f"?reader={doc[1]}" if doc[1] else "") + (f"#{doc[2]}" if doc[2] else "")


def test_every_heading_of_every_reader_part_is_a_doc_with_its_part(built_site):
    out, _ = built_site
    index = loaded(out)
    content = load_content(REPO / "content")
    text = site_text("en", REPO / "content")
    lessons = [p for p in site_pages(content, text) if p.template == "lesson.html"]
    assert len(lessons) == len(content.lessons)
    for page in lessons:
        docs = {(d[1], d[2]) for d in index["docs"] if index["pages"][d[0]][2] == page.path}
        parts = [s for s in page.context["sections"] if s["audience"] in READER_PARTS]
        assert {s["audience"] for s in parts} == set(READER_PARTS)
        for section in parts:
            ids = set(re.findall(r'<h[23][^>]*\bid="([^"]+)"', section["html"]))
            assert ids and {(section["audience"], i) for i in ids} <= docs, (page.path, section["audience"])


def test_every_link_lands_on_a_page_and_heading_that_exist(built_site):
    out, _ = built_site
    index = loaded(out)
    assert {p[0] for p in index["pages"]} >= {"lesson", "term", "widget", "page"}
    for doc in index["docs"]:
        url = link(index, doc)
        path, _, anchor = url.partition("#")
        page = out / path.split("?")[0]
        assert page.is_file(), url
        if anchor:
            assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), url
        assert doc[1] in ("", *READER_PARTS)


def test_drug_names_are_found_in_the_text_not_only_in_titles(built_site):
    out, _ = built_site
    index = loaded(out)
    for drug in ("tariquidar", "zosuquidar", "valspodar", "gemtuzumab"):
        holding = [d for d in index["docs"] if drug in d[4].lower()]
        assert holding, drug
        assert any(drug not in d[3].lower() for d in holding), drug  # in sentences, not only headings
    tariquidar_pages = {d[0] for d in index["docs"] if "tariquidar" in d[4].lower()}
    assert len(tariquidar_pages) >= 2


def test_glossary_terms_and_widgets_are_docs(built_site):
    out, _ = built_site
    index = loaded(out)
    content = load_content(REPO / "content")
    headings = {d[3] for d in index["docs"]}
    assert {t.term for t in content.catalog.terms.values()} <= headings
    term = next(iter(content.catalog.terms.values()))
    assert any(d[3] == term.term and term.definition in d[4] for d in index["docs"])
    assert any(link(index, d).startswith("embed/") for d in index["docs"])
    assert any(link(index, d).startswith("widgets/index.html#") for d in index["docs"])


def test_the_whole_index_stays_small(built_site):
    out, _ = built_site
    assert len(gzip.compress(index_of(out), 9)) <= TARGET_GZIP


def test_chunks_split_at_headings_with_ids_and_leave_out_widgets_citations_and_hidden_text():
    fragment = """<p>Before any heading.</p>
<h2 id="first">First <em>part</em></h2><p>Tariquidar<sup class="cite">[<a href="#r">1</a>]</sup> blocks P-gp.</p>
<figure class="widget"><span>Controls: slider</span><input type="range"><svg><text>0.5</text></svg></figure>
<h3>No id, so it stays in the text</h3><p hidden>Secret.</p><span aria-hidden="true">decor</span>
<script>var x = "code";</script><p>Line<br>break &amp; more .</p>
<h3 id="second">Second</h3><ul><li>one</li><li>two</li></ul>"""
    got = [(c.anchor, c.heading, c.text) for c in chunks(fragment)]
    assert got == [
        ("", "", "Before any heading."),
        ("first", "First part", "Tariquidar blocks P-gp. No id, so it stays in the text Line break & more."),
        ("second", "Second", "one two"),
    ]
    assert plain(fragment).startswith("Before any heading. First part Tariquidar blocks")


def test_the_search_box_is_a_text_input_with_the_combobox_role(built_site):
    out, _ = built_site
    html = (out / "index.html").read_text(encoding="utf-8")
    box = re.search(r'<input id="site-search-input"[^>]*>', html).group(0)
    # ARIA in HTML allows role=combobox on type=text, not on type=search (the W3C Nu checker rejects that)
    assert 'type="text"' in box and 'role="combobox"' in box and 'aria-expanded="false"' in box
    assert 'aria-controls="site-search-results"' in box and 'id="site-search-results"' in html
