"""The one Markdown renderer: lesson Markdown with citations and glossary terms, then sanitised."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.extensions.tables import TableProcessor
from markdown.extensions.toc import slugify
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .catalog import Catalog
from .inline import CITATION, TERM, citation_keys
from .sanitize import sanitize

EXTENSIONS = ["tables", "footnotes", "admonition", "toc", "attr_list", "md_in_html",
              "fenced_code", "sane_lists", "def_list", "abbr"]


@dataclass
class CitationOrder:
    """Numbers citations by first appearance on a page."""

    keys: list[str] = field(default_factory=list)

    def number(self, key: str) -> int:
        """1-based number of a key, assigning the next one on first use."""
        if key not in self.keys:
            self.keys.append(key)
        return self.keys.index(key) + 1


TERM_PIPE = "\ue000"  # a private-use character standing in for a term's pipe while a table row is split
CITE_KEY = "data-cite-key"  # set on each citation link while parsing, replaced by its number afterwards


class CitationPattern(InlineProcessor):
    """[@a; @b] as <sup class="cite">[<a href="#ref-a">…</a>, …]</sup>; numbered later, in page order."""

    def handleMatch(self, m: re.Match, data: str):
        """The superscript with one link per key, its numbers still to come."""
        sup = etree.Element("sup", {"class": "cite"})
        sup.text = AtomicString("[")
        links = []
        for key in citation_keys(m.group(1)):
            if links:
                links[-1].tail = AtomicString(", ")
            links.append(etree.SubElement(sup, "a", {"href": f"#ref-{key}", CITE_KEY: key}))
        links[-1].tail = AtomicString("]")
        return sup, m.start(0), m.end(0)


class TermPattern(InlineProcessor):
    """[[shown|term]] as a link to the glossary carrying the plain definition (plain text if unknown)."""

    def __init__(self, pattern: str, catalog: Catalog, root: str):
        super().__init__(pattern)
        self.catalog, self.root = catalog, root

    def handleMatch(self, m: re.Match, data: str):
        """The glossary link, or the shown words alone for a term the glossary lacks."""
        shown = m.group(1).strip()
        term = self.catalog.term((m.group(2) or m.group(1)).strip())
        if term is None:
            return shown, m.start(0), m.end(0)
        link = etree.Element("a", {"class": "term", "href": f"{self.root}glossary/index.html#{term.slug}",
                                   "title": term.definition})
        link.text = shown
        return link, m.start(0), m.end(0)


class NumberCitations(Treeprocessor):
    """Give each citation link its number by first appearance, walking the page in document order."""

    def __init__(self, md, order: CitationOrder):
        super().__init__(md)
        self.order = order

    def run(self, root):
        """Number every citation link and drop the key it carried."""
        for link in root.iter("a"):
            key = link.attrib.pop(CITE_KEY, None)
            if key is not None:
                link.text = AtomicString(str(self.order.number(key)))


class TermSafeTable(TableProcessor):
    """Markdown tables whose cells may hold [[shown|term]]: that pipe belongs to the term, not the row."""

    def _split(self, row: str) -> list[str]:
        """The row's cells, with the pipes inside glossary terms kept in their cell."""
        guarded = TERM.sub(lambda m: m.group(0).replace("|", TERM_PIPE), row)
        return [cell.replace(TERM_PIPE, "|") for cell in super()._split(guarded)]


class CitationsAndTerms(Extension):
    """Citations and glossary terms as Markdown inline syntax, so code spans and code blocks keep them literal."""

    def __init__(self, catalog: Catalog, order: CitationOrder, root: str):
        super().__init__()
        self.catalog, self.order, self.root = catalog, order, root

    def extendMarkdown(self, md):
        """Run after code spans and escapes, before links and references see the brackets."""
        md.inlinePatterns.register(TermPattern(TERM.pattern, self.catalog, self.root), "glossary_term", 173)
        md.inlinePatterns.register(CitationPattern(CITATION.pattern), "citation", 172)
        md.treeprocessors.register(NumberCitations(md, self.order), "number_citations", 19)
        tables = md.parser.blockprocessors["table"]
        md.parser.blockprocessors.register(TermSafeTable(md.parser, tables.config), "table", 75)


def render_markdown(text: str, catalog: Catalog, order: CitationOrder, root: str, id_prefix: str = "") -> str:
    """Lesson Markdown to safe HTML, with heading ids prefixed so parts never collide."""
    def prefixed(value: str, separator: str) -> str:
        base = slugify(value, separator)
        return f"{id_prefix}-{base}" if id_prefix else base

    md = markdown.Markdown(extensions=[*EXTENSIONS, CitationsAndTerms(catalog, order, root)],
                           extension_configs={"toc": {"slugify": prefixed}}, output_format="html")
    return sanitize(md.convert(text))


def render_inline(text: str, catalog: Catalog, order: CitationOrder, root: str) -> str:
    """A one-line Markdown snippet (caption, quiz text) to safe HTML without the <p> wrapper."""
    out = render_markdown(text, catalog, order, root)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out
