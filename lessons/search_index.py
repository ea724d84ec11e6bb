"""The offline search index: lessons, their sections, glossary terms and widgets, as one script.

The build writes it as static/search.<hash>.js setting window.MDR_SEARCH, so search works from
file:// and any static host; site/static/mdr-search.js loads it on the first focus of the search box.
Entries are [kind, title, url from the site root, context shown under the title, extra words].
"""
from __future__ import annotations

import re

from mdr_explainer.widgets.framework.contract import script_json
from mdr_explainer.widgets.registry import REGISTRY

from .content import Content
from .parse import AUDIENCES
from .render import plain_text
from .site_model import Page
from .strings import SiteText

HEADING = re.compile(r'<h([23])[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
SNIPPET_CHARS = 110
SEARCH_WORDS = ("label", "placeholder", "results", "none", "loading", "lesson", "section", "term", "widget", "page")


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The start of a text, cut at a word boundary with an ellipsis if it is longer than limit."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def section_entries(page: Page) -> list[list]:
    """One entry per h2/h3 heading with an id in a lesson's audience sections."""
    lesson = page.context["lesson"]
    entries = []
    for section in page.context.get("sections", []):
        audience = section["audience"]
        query = f"?reader={audience}" if audience in AUDIENCES else ""
        for _level, anchor, inner in HEADING.findall(section["html"]):
            if anchor.startswith("part-"):
                continue
            entries.append(["section", plain_text(inner).strip(), f"{page.path}{query}#{anchor}", lesson.title, ""])
    return entries


def page_entries(pages: list[Page]) -> list[list]:
    """Lessons and extra pages (title, key message) and their sections."""
    entries = []
    for page in pages:
        lesson = page.context.get("lesson")
        if lesson is None or page.template not in ("lesson.html", "page.html"):
            continue
        kind = "lesson" if page.template == "lesson.html" else "page"
        entries.append([kind, lesson.title, page.path, snippet(str(lesson.meta.get("key_message", ""))),
                        " ".join(str(o) for o in lesson.meta.get("objectives") or [])])
        entries += section_entries(page)
    return entries


def term_entries(content: Content) -> list[list]:
    """Glossary terms with their aliases, linking to their place on the glossary page."""
    terms = sorted(content.catalog.terms.values(), key=lambda t: t.term.lower())
    return [["term", t.term, f"glossary/index.html#{t.slug}", snippet(t.definition), " ".join(t.aliases)]
            for t in terms]


def widget_entries(text: SiteText) -> list[list]:
    """Widgets, linking to their page alone, with their figure titles as extra words."""
    entries = []
    for name in REGISTRY:
        words = text.widget(name)
        figures = " ".join(words.figure(f.name, "title") for f in REGISTRY[name].figures)
        entries.append(["widget", words.title, f"embed/{name}/index.html", snippet(words.summary), figures])
    return entries


def search_index(pages: list[Page], content: Content, text: SiteText) -> dict:
    """The whole index: the search box's words and every entry."""
    words = {key: text.raw(f"search.{key}") for key in SEARCH_WORDS}
    entries = page_entries(pages) + term_entries(content) + widget_entries(text)
    return {"words": words, "entries": entries}


def search_script(pages: list[Page], content: Content, text: SiteText) -> bytes:
    """The index as a script that sets window.MDR_SEARCH."""
    return f"window.MDR_SEARCH={script_json(search_index(pages, content, text))};\n".encode("utf-8")
