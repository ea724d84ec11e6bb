"""Rendered HTML fragments as searchable text: one chunk per h2/h3 heading with an id.

The search index holds what a reader sees, cut where a link can land (a heading id). Widgets,
scripts, SVG and anything hidden from readers are left out: widgets are indexed once, as their
own pages, not wherever a lesson shows one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

SKIPPED_TAGS = {"script", "style", "svg", "template", "textarea", "select"}
SKIPPED_CLASSES = {"widget", "cite", "sr-only", "visually-hidden"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?)])")
BREAK_TAGS = {"p", "li", "dt", "dd", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "pre", "legend", "label", "summary", "figcaption", "caption", "br", "div", "section"}


@dataclass
class Chunk:
    """The text under one heading (anchor "" for text before the first heading)."""

    anchor: str = ""
    heading: str = ""
    words: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The chunk's words as one line of text."""
        return SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join("".join(self.words).split()))


def skipped(tag: str, attrs: dict) -> bool:
    """Whether an element and everything in it stays out of the index."""
    classes = set((attrs.get("class") or "").split())
    return (tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES) or "hidden" in attrs
            or attrs.get("aria-hidden") == "true" or "data-search-skip" in attrs)


class ChunkParser(HTMLParser):
    """Collects the visible text of a fragment into chunks, one per h2/h3 with an id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks = [Chunk()]
        self.skip_depth = 0
        self.heading_depth = 0
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in VOID_TAGS:
            if tag == "br" and not self.skip_depth:
                self.chunks[-1].words.append(" ")
            return
        self.depth += 1
        if self.skip_depth or skipped(tag, attrs):
            self.skip_depth += 1
            return
        if tag in ("h2", "h3") and attrs.get("id"):
            self.chunks.append(Chunk(anchor=attrs["id"]))
            self.heading_depth = self.depth
        elif tag in BREAK_TAGS:
            self.chunks[-1].words.append(" ")

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if self.skip_depth:
            self.skip_depth -= 1
        elif self.heading_depth == self.depth:
            self.heading_depth = 0
        elif tag in BREAK_TAGS:
            self.chunks[-1].words.append(" ")
        self.depth -= 1

    def handle_data(self, data):
        if self.skip_depth:
            return
        chunk = self.chunks[-1]
        if self.heading_depth:
            chunk.heading += data
        else:
            chunk.words.append(data)


def chunks(fragment: str) -> list[Chunk]:
    """The fragment's text, one chunk per heading with an id (empty chunks dropped)."""
    parser = ChunkParser()
    parser.feed(fragment)
    parser.close()
    for chunk in parser.chunks:
        chunk.heading = " ".join(chunk.heading.split())
    return [c for c in parser.chunks if c.text or c.heading]


def plain(fragment: str) -> str:
    """The visible text of a fragment as one line."""
    return " ".join(f"{c.heading} {c.text}" for c in chunks(fragment)).strip()
