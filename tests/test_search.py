"""Offline search: the index built from the site model, and the search box from file:// in Chromium."""
from __future__ import annotations

import gzip
import re

import pytest

from mdr_explainer.lessons.content import load_content
from conftest import REPO

READY = "() => document.querySelector('.site-search').dataset.searchReady === 'true'"


def index_of(out):
    """The built index script's bytes."""
    return next((out / "static").glob("search.*.js")).read_bytes()


def test_index_holds_lessons_sections_terms_and_widgets_and_every_link_lands(built_site):
    out, _ = built_site
    data = index_of(out).decode()
    content = load_content(REPO / "content")
    for lesson in content.lessons:
        assert f'["lesson","{lesson.title}","{lesson.slug}/index.html"' in data
    entries = re.findall(r'\["(lesson|section|term|widget|page)","[^"]*","([^"]+)"', data)
    kinds = {k for k, _ in entries}
    assert kinds >= {"lesson", "section", "term", "widget"}
    for _, url in entries:
        path, _, anchor = url.partition("#")
        page = out / path.split("?")[0]
        assert page.is_file(), url
        if anchor:
            assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), url
    assert len(gzip.compress(index_of(out), 9)) <= 60_000


@pytest.mark.browser
def test_search_from_file_finds_a_lesson_a_term_and_a_widget_by_keyboard(built_site, watched_page):
    out, _ = built_site
    page = watched_page.page
    content = load_content(REPO / "content")
    page.goto((out / "index.html").as_uri())
    box = page.get_by_role("combobox")
    assert page.evaluate("() => !window.MDR_SEARCH")  # not loaded before the box is used
    box.focus()
    page.wait_for_function(READY)
    lesson, term = content.lessons[1], sorted(content.catalog.terms.values(), key=lambda t: t.term)[0]
    status = page.locator(".site-search [role=status]")

    box.fill(lesson.title[:12])
    options = page.get_by_role("option")
    assert lesson.title in options.all_text_contents()[0]
    assert box.get_attribute("aria-expanded") == "true"
    assert re.match(r"\d+ results?;", status.text_content())
    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"

    box.fill(term.term.lower())
    assert term.term in page.get_by_role("option").first.text_content()
    box.fill("goldie colman")  # a typo still finds the widget's figure and lesson
    assert page.get_by_role("option").count() >= 1

    widget_title = "Why killing every sensitive cell"
    box.fill(widget_title.lower()[:18])
    texts = page.get_by_role("option").all_text_contents()
    assert any(widget_title in t for t in texts)
    target = next(i for i, t in enumerate(texts) if widget_title in t)
    for _ in range(target + 1):
        page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("embed/tumor_evolution/index.html")
    assert watched_page.errors == [] and watched_page.outside == []


@pytest.mark.browser
def test_a_section_result_opens_the_right_reader_and_heading(built_site, watched_page):
    out, _ = built_site
    page = watched_page.page
    page.goto((out / "index.html").as_uri())
    box = page.get_by_role("combobox")
    box.focus()
    page.wait_for_function(READY)
    box.fill("questions to ask your care team")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "?reader=patient#patient-questions-to-ask" in page.url
    assert page.locator(":target").is_visible()
    assert watched_page.errors == [] and watched_page.outside == []
