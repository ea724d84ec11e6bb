"""The offline full-text search index: every lesson part, extra page, glossary term and widget, as one script.

The build writes it as static/search.<hash>.js setting window.MDR_SEARCH, so search works from
file:// and any static host; site/static/mdr-search.js loads it on the first focus of the search
box and builds the inverted index there (tokens, folding, stemming and ranking live only in the
browser, so no rule is written twice). The document:

  {"locale": "en", "words": {key: text}, "pages": [[kind, title, path]],
   "docs": [[page index, reader part or "", heading id or "", heading, text]]}

A doc is the text under one heading; its link is the page's path, ?reader=<part> when it sits in
a reader part, and #<heading id>.
"""
from __future__ import annotations

from mdr_explainer.widgets.framework.contract import script_json
from mdr_explainer.widgets.registry import REGISTRY

from .content import Content
from .parse import AUDIENCES
from .search_text import chunks, plain
from .site_model import Page
from .strings import SiteText

SEARCH_WORDS = ("label", "placeholder", "results", "none", "loading", "lesson", "section", "term", "widget",
                "page", *AUDIENCES)


class IndexWriter:
    """Collects pages and their docs in the index's compact shape."""

    def __init__(self):
        self.pages: list[list] = []
        self.docs: list[list] = []

    def page(self, kind: str, title: str, path: str) -> int:
        """Add a page; its position, which its docs refer to."""
        self.pages.append([kind, title, path])
        return len(self.pages) - 1

    def doc(self, page: int, part: str, anchor: str, heading: str, text: str) -> None:
        """Add the text under one heading of a page."""
        if heading or text:
            self.docs.append([page, part, anchor, heading, text])

    def fragment(self, page: int, part: str, html: str, skip_anchor: str = "") -> None:
        """Add each heading's chunk of a rendered fragment as a doc."""
        for chunk in chunks(html):
            if chunk.anchor == skip_anchor:
                continue
            self.doc(page, part, chunk.anchor, chunk.heading, chunk.text)


def lesson_docs(writer: IndexWriter, page: Page) -> None:
    """A lesson or extra page: its title, key message and objectives, then every heading of every part."""
    lesson = page.context["lesson"]
    kind = "lesson" if page.template == "lesson.html" else "page"
    number = writer.page(kind, lesson.title, page.path)
    overview = [str(lesson.meta.get("key_message", ""))] + [str(o) for o in lesson.meta.get("objectives") or []]
    writer.doc(number, "", "", lesson.title, " ".join(s for s in overview if s))
    for section in page.context.get("sections", []):
        part = section["audience"] if section["audience"] in AUDIENCES else ""
        writer.fragment(number, part, section["html"])


def term_docs(writer: IndexWriter, content: Content, text: SiteText) -> None:
    """Glossary terms with their aliases and definitions, linking to their place on the glossary page."""
    number = writer.page("term", text("glossary.title"), "glossary/index.html")
    for term in sorted(content.catalog.terms.values(), key=lambda t: t.term.lower()):
        writer.doc(number, "", term.slug, term.term, " ".join([*term.aliases, term.definition]))


def widget_words(name: str, text: SiteText) -> str:
    """What a widget's page says about it: summary, control labels and help, figure titles."""
    words = text.widget(name)
    widget = REGISTRY[name]
    parts = [words.summary]
    parts += [f"{words.param(p.name, 'label')} {words.param(p.name, 'help')}" for p in widget.params]
    parts += [words.figure(f.name, "title") for f in widget.figures]
    return " ".join(parts)


def widget_docs(writer: IndexWriter, notes: dict, text: SiteText) -> None:
    """Each widget's own page, and its model note (rendered HTML by widget name) on the widgets page."""
    catalogue = writer.page("widget", text("widgets_page.title"), "widgets/index.html")
    for name in REGISTRY:
        words = text.widget(name)
        own = writer.page("widget", words.title, f"embed/{name}/index.html")
        writer.doc(own, "", "", words.title, widget_words(name, text))
        writer.doc(catalogue, "", name, words.title, plain(notes.get(name, "")))


def search_index(pages: list[Page], content: Content, text: SiteText) -> dict:
    """The whole index: the locale, the search box's words, pages and docs."""
    writer = IndexWriter()
    notes = {}
    for page in pages:
        if page.template in ("lesson.html", "page.html") and "lesson" in page.context:
            lesson_docs(writer, page)
        elif page.template == "widgets.html":
            notes = page.context["notes"]
    term_docs(writer, content, text)
    widget_docs(writer, notes, text)
    words = {key: text.raw(f"search.{key}") for key in SEARCH_WORDS}
    return {"locale": text.lang, "words": words, "pages": writer.pages, "docs": writer.docs}


def search_script(pages: list[Page], content: Content, text: SiteText) -> bytes:
    """The index as a script that sets window.MDR_SEARCH."""
    return f"window.MDR_SEARCH={script_json(search_index(pages, content, text))};\n".encode("utf-8")
