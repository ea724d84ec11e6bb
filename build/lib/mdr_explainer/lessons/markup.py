"""The one Markdown renderer: lesson Markdown with citations and glossary terms, then sanitised."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import markdown
from markdown.extensions.toc import slugify

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


def link_citations(text: str, order: CitationOrder) -> str:
    """Replace [@a; @b] with numbered superscript links to the page's source list."""
    def one(match: re.Match) -> str:
        links = [f'<a href="#ref-{html.escape(k)}">{order.number(k)}</a>' for k in citation_keys(match.group(1))]
        return f'<sup class="cite">[{", ".join(links)}]</sup>'
    return CITATION.sub(one, text)


def link_terms(text: str, catalog: Catalog, root: str) -> str:
    """Replace [[shown|term]] with a link to the glossary carrying the plain definition."""
    def one(match: re.Match) -> str:
        shown = match.group(1).strip()
        term = catalog.term((match.group(2) or match.group(1)).strip())
        if term is None:
            return html.escape(shown)
        return (f'<a class="term" href="{root}glossary/index.html#{term.slug}" '
                f'title="{html.escape(term.definition, quote=True)}">{html.escape(shown)}</a>')
    return TERM.sub(one, text)


def render_markdown(text: str, catalog: Catalog, order: CitationOrder, root: str, id_prefix: str = "") -> str:
    """Lesson Markdown to safe HTML, with heading ids prefixed so parts never collide."""
    def prefixed(value: str, separator: str) -> str:
        base = slugify(value, separator)
        return f"{id_prefix}-{base}" if id_prefix else base

    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"slugify": prefixed}},
                           output_format="html")
    source = link_terms(link_citations(text, order), catalog, root)
    return sanitize(md.convert(source))


def render_inline(text: str, catalog: Catalog, order: CitationOrder, root: str) -> str:
    """A one-line Markdown snippet (caption, quiz text) to safe HTML without the <p> wrapper."""
    out = render_markdown(text, catalog, order, root)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out
