"""A lesson or page as HTML sections, with a pluggable renderer for widgets (live or static)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .content import Content, Lesson
from .html_text import plain_text
from .icons import icons_html
from .markup import CitationOrder, render_inline, render_markdown
from .parse import Block
from .practice_html import recall_html, worked_html
from .templating import environment


@dataclass
class Rendered:
    """Sections in page order, and the references cited, numbered by first use."""

    sections: list[dict]
    references: list


WidgetRenderer = Callable[[Block, int, str], str]


HEADING = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)


def headings(fragment: str) -> list[dict]:
    """The h2 headings of an HTML fragment as {id, text}, for a page's table of contents."""
    return [{"id": m.group(1), "text": plain_text(m.group(2)).strip()} for m in HEADING.finditer(fragment)]


def quiz_html(block: Block, index: int, content: Content, order: CitationOrder, root: str, text) -> str:
    """A quiz as radio groups with per-choice feedback."""
    questions = []
    for q in block.data:
        choices = [{"text": render_inline(str(c["text"]), content.catalog, order, root),
                    "correct": bool(c.get("correct")),
                    "feedback_text": plain_text(render_inline(str(c["feedback"]), content.catalog, order, root))}
                   for c in q["choices"]]
        questions.append({"question": render_inline(str(q["question"]), content.catalog, order, root),
                          "choices": choices})
    return environment().get_template("partials/quiz.html").render(questions=questions, quiz_id=f"quiz{index}", t=text)


def render_lesson(lesson: Lesson, content: Content, root: str, widget_html: WidgetRenderer, text) -> Rendered:
    """Render every block; consecutive blocks for one audience share a section."""
    order = CitationOrder()
    sections: list[dict] = []
    widget_index = 0
    for index, block in enumerate(lesson.body.blocks):
        if block.kind == "markdown":
            piece = render_markdown(block.text, content.catalog, order, root, id_prefix=block.audience)
        elif block.kind == "widget":
            caption = render_inline(block.data["caption"], content.catalog, order, root) if block.data["caption"] else ""
            piece = widget_html(block, widget_index, caption)
            widget_index += 1
        elif block.kind == "icons":
            label = render_inline(block.data["label"], content.catalog, order, root)
            ratio = text("icons.ratio", count=block.data["count"], of=block.data["of"])
            piece = icons_html(block.data["count"], block.data["of"], ratio, label)
        elif block.kind == "recall":
            piece = recall_html(block, index, lesson, content, order, root, text)
        elif block.kind == "worked":
            piece = worked_html(block, index, content, order, root, text)
        else:
            piece = quiz_html(block, index, content, order, root, text)
        if sections and sections[-1]["audience"] == block.audience:
            sections[-1]["html"] += "\n" + piece
        else:
            sections.append({"audience": block.audience, "html": piece})
    for section in sections:
        section["toc"] = headings(section["html"])
    references = [content.catalog.references[k] for k in order.keys]
    return Rendered(sections=sections, references=references)
